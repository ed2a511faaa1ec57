//! A session as the plain text a QDA tool codes: a readable transcript.
//!
//! REFI-QDA codes text by position, so each session becomes one plain-text
//! source and each insight a selection of it. The transcript reads like the
//! workshop went: a header (title, place, date, facilitator), then each
//! question's title and text, then what was said, one insight per line,
//! "P01: …" when attributed. The offsets of every insight's text are recorded
//! as the text is built, never searched for afterwards, so a sentence said
//! twice still gets the right selection.
//!
//! Offsets count characters (Unicode scalar values, Rust's `char`), from 0,
//! end exclusive: the standard counts characters, not bytes, and Welsh
//! accents and emoji must not shift every later selection. Lines end in `\n`
//! alone, so no tool can disagree about how long a line break is.

use crate::model::{QuestionDef, Session};

/// Where one insight's text sits in the transcript, in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    /// The insight's index in `session.insights`.
    pub insight: usize,
    pub start: usize,
    pub end: usize,
}

/// The plain text of a session and where each insight is in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transcript {
    pub text: String,
    /// In transcript order: by question, then as captured.
    pub spans: Vec<Span>,
}

/// The heading a question goes under, e.g. "Q1 Good practices"; also the
/// name of its code.
pub fn question_heading(number: usize, def: Option<&QuestionDef>) -> String {
    match def {
        Some(q) => format!("Q{number} {}", q.title),
        None => format!("Q{number}"),
    }
}

/// The question numbers a session uses: its question set, then any number
/// an insight has beyond it (a hand-edited file), so nothing is left out.
pub fn question_numbers(session: &Session) -> Vec<usize> {
    let mut numbers: Vec<usize> = (1..=session.questions.len()).collect();
    let mut extra: Vec<usize> = session
        .insights
        .iter()
        .map(|i| i.question)
        .filter(|n| !numbers.contains(n))
        .collect();
    extra.sort_unstable();
    extra.dedup();
    numbers.extend(extra);
    numbers
}

/// The transcript of a prepared session (attribution already decided by
/// consent, names already pseudonymised if asked).
///
/// An insight whose speaker did not record consent (`anonymous`) is said by
/// "a participant", as in every other format; it belongs to no case, since
/// a case is one person and these may be several.
pub fn transcript(
    session: &Session,
    anonymous: &std::collections::BTreeSet<ulid::Ulid>,
) -> Transcript {
    let mut out = Builder::default();
    out.line(&session.title);
    out.line(&format!(
        "{}, {}, {}",
        session.place.locality, session.place.nation, session.date
    ));
    if !session.facilitator.is_empty() {
        out.line(&format!("Facilitator: {}", session.facilitator));
    }
    for number in question_numbers(session) {
        let def = number.checked_sub(1).and_then(|n| session.questions.get(n));
        out.line("");
        out.line(&question_heading(number, def));
        if let Some(def) = def {
            out.line(&def.text);
        }
        let mut first = true;
        for (index, insight) in session.insights.iter().enumerate() {
            if insight.question != number {
                continue;
            }
            if first {
                out.line("");
                first = false;
            }
            let speaker = if anonymous.contains(&insight.id) {
                Some(crate::export::A_PARTICIPANT)
            } else {
                insight
                    .participant
                    .and_then(|id| session.participant(id))
                    .map(|p| p.name.as_str())
            };
            if let Some(name) = speaker {
                out.push(name);
                out.push(": ");
            }
            let start = out.chars;
            out.push(&insight.text);
            out.spans.push(Span {
                insight: index,
                start,
                end: out.chars,
            });
            out.push("\n");
        }
    }
    Transcript {
        text: out.text,
        spans: out.spans,
    }
}

#[derive(Default)]
struct Builder {
    text: String,
    /// `text.chars().count()`, kept as we go.
    chars: usize,
    spans: Vec<Span>,
}

impl Builder {
    fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.chars += s.chars().count();
    }

    fn line(&mut self, s: &str) {
        self.push(s);
        self.push("\n");
    }
}
