//! The capture line's little language: one insight per line, `@name` to
//! attribute it, `#word` to classify it, `>name` and `!date` for an
//! action's owner and due date (see `actions`).
//!
//! A facilitator types while people talk, so the parser never refuses a line
//! that has text in it: a name it cannot resolve stays in the text as typed
//! (and the screen offers to add it to the roster, now or later from the
//! list), and any `#word` that is not a practice type or kind becomes a free
//! tag. Tokens start a whitespace-separated word; trailing punctuation stays
//! with the sentence, so `worked #innovation.` keeps its full stop.
//!
//! Names are typed fast and without accents, so they are compared folded, as
//! review search folds text (case and accents dropped): `@siobhan` finds
//! Siobhán. The same folded form decides when two roster names are one
//! person's ([`name_key`]), so the roster never holds names `@` cannot tell
//! apart.

mod actions;
mod complete;

pub use complete::{Completion, complete, vocabulary};

use crate::model::{Insight, Kind, PracticeType, Session};
use crate::review::fold;
use jiff::civil::Date;
use ulid::Ulid;

/// Who a captured line is attributed to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Attribution {
    /// No `@name` in the line.
    Nobody,
    /// One roster entry matched.
    Participant(Ulid),
    /// Nobody on the roster matches; the name as typed (without `@`).
    Unknown(String),
    /// Several roster entries match; the name as typed and the candidates.
    Ambiguous(String, Vec<String>),
}

/// A parsed capture line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Capture {
    pub text: String,
    pub attribution: Attribution,
    pub practice: Option<PracticeType>,
    pub kind: Option<Kind>,
    /// Free tags, lower case, in the order typed, without repeats.
    pub tags: Vec<String>,
    /// Who agreed to do it (`>name`); empty when nobody was named.
    pub owner: String,
    /// When it is due (`!date`).
    pub due: Option<Date>,
}

/// Why a line could not become an insight.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CaptureError {
    /// Only white space: ignored.
    Empty,
    /// Only tags and names, nothing said.
    NoText,
}

/// A roster entry as the parser sees it.
#[derive(Clone, Copy, Debug)]
pub struct RosterName<'a> {
    pub id: Ulid,
    pub name: &'a str,
}

/// What a line is parsed against: the roster for `@name` and `>name`,
/// the organisations on it for `>name`, and the workshop's date for
/// relative due dates (`!fri`).
#[derive(Clone, Debug, Default)]
pub struct Context<'a> {
    pub roster: Vec<RosterName<'a>>,
    pub organisations: Vec<&'a str>,
    pub today: Option<Date>,
}

impl<'a> Context<'a> {
    /// The live roster of `session`, its organisations and its date.
    pub fn of(session: &'a Session) -> Context<'a> {
        let roster = session
            .live_participants()
            .map(|p| RosterName {
                id: p.id,
                name: &p.name,
            })
            .collect();
        let mut organisations: Vec<&str> = session
            .live_participants()
            .map(|p| p.organisation.as_str())
            .filter(|o| !o.trim().is_empty())
            .collect();
        organisations.sort_unstable();
        organisations.dedup();
        Context {
            roster,
            organisations,
            today: Some(session.date),
        }
    }
}

impl<'a> Context<'a> {
    /// What `line` is parsed against: the roster and its organisations
    /// only when the line may name someone (an `@` or a `>`). Most lines
    /// name nobody, and gathering and sorting a large roster was most of
    /// the time a line took to parse.
    pub fn for_line(session: &'a Session, line: &str) -> Context<'a> {
        if line.contains(['@', '>']) {
            Context::of(session)
        } else {
            Context {
                today: Some(session.date),
                ..Context::default()
            }
        }
    }
}

/// Parses one capture line against the roster alone (no organisations, no
/// date: only full due dates are understood).
pub fn parse(line: &str, roster: &[RosterName<'_>]) -> Result<Capture, CaptureError> {
    let context = Context {
        roster: roster.to_vec(),
        ..Context::default()
    };
    parse_in(line, &context)
}

/// Parses one capture line in a session's context.
pub fn parse_in(line: &str, context: &Context<'_>) -> Result<Capture, CaptureError> {
    if line.trim().is_empty() {
        return Err(CaptureError::Empty);
    }
    let roster = &context.roster[..];
    let mut words: Vec<String> = Vec::new();
    let mut attribution = Attribution::Nobody;
    let mut practice = None;
    let mut kind = None;
    let mut tags: Vec<String> = Vec::new();
    let mut owner = String::new();
    let mut due = None;
    for chunk in actions::words(line) {
        let chunk: &str = &chunk;
        if owner.is_empty()
            && let Some((typed, rest)) = actions::owner_word(chunk)
        {
            owner = actions::resolve_owner(&typed, roster, &context.organisations);
            push_rest(&mut words, rest);
            continue;
        }
        if due.is_none()
            && let Some((date, rest)) = actions::due_word(chunk, context.today)
        {
            due = Some(date);
            push_rest(&mut words, rest);
            continue;
        }
        let Some((sigil, token, rest)) = split_token(chunk).filter(|(s, ..)| *s != '>') else {
            words.push(chunk.to_owned());
            continue;
        };
        match sigil {
            '@' if attribution == Attribution::Nobody => match resolve_name(token, roster) {
                found @ Attribution::Participant(_) => {
                    attribution = found;
                    push_rest(&mut words, rest);
                }
                other => {
                    attribution = other;
                    words.push(chunk.to_owned());
                }
            },
            '@' => words.push(chunk.to_owned()),
            _ => {
                if let (None, Some(p)) = (practice, PracticeType::from_word(token)) {
                    practice = Some(p);
                } else if let (None, Some(k)) = (kind, Kind::from_word(token)) {
                    kind = Some(k);
                } else {
                    let tag = token.to_lowercase();
                    if !tags.contains(&tag) {
                        tags.push(tag);
                    }
                }
                push_rest(&mut words, rest);
            }
        }
    }
    let text = words.join(" ");
    if text.is_empty() {
        return Err(CaptureError::NoText);
    }
    if kind.is_none() && (!owner.is_empty() || due.is_some()) {
        kind = Some(Kind::Action);
    }
    Ok(Capture {
        text,
        attribution,
        practice,
        kind,
        tags,
        owner,
        due,
    })
}

/// Trailing punctuation after a token belongs to the sentence.
fn push_rest(words: &mut Vec<String>, rest: &str) {
    if rest.is_empty() {
        return;
    }
    match words.last_mut() {
        Some(last) => last.push_str(rest),
        None => words.push(rest.to_owned()),
    }
}

fn is_token_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '_' | '\'' | '’')
}

/// Splits `@Ann,` into `('@', "Ann", ",")`; None if the chunk is no token.
/// (`>` is the owner's sigil, see `actions`.)
fn split_token(chunk: &str) -> Option<(char, &str, &str)> {
    let sigil = chunk
        .chars()
        .next()
        .filter(|c| matches!(c, '@' | '#' | '>'))?;
    let body = &chunk[1..];
    let end = body
        .char_indices()
        .find(|(_, c)| !is_token_char(*c))
        .map_or(body.len(), |(i, _)| i);
    let token = body[..end].trim_end_matches(['\'', '’', '-']);
    if !token.chars().next().is_some_and(char::is_alphabetic) {
        return None;
    }
    Some((sigil, token, &body[token.len()..]))
}

/// The form of a name typed after `@`: spaces become underscores.
pub fn handle(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join("_")
}

/// A name in lower case with its accents kept (underscores as spaces, one
/// space between words): what breaks a tie between names that fold alike.
fn lowered(name: &str) -> String {
    one_spaced(&name.replace('_', " ").to_lowercase())
}

fn one_spaced(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The form in which two names are the same person's: underscores as
/// spaces, one space between words, case and accents folded as review
/// search folds them. `Siobhán  Kelly` and `siobhan_kelly` share a key.
pub fn name_key(name: &str) -> String {
    one_spaced(&fold(&name.replace('_', " ")))
}

/// Whether `name` matches `want` in a tier of [`resolve_name`]: the whole
/// name, one word of it, or the start of the name or of a word.
fn in_tier(tier: usize, name: &str, want: &str) -> bool {
    match tier {
        0 => name == want,
        1 => name.split_whitespace().any(|w| w == want),
        _ => name.starts_with(want) || name.split_whitespace().any(|w| w.starts_with(want)),
    }
}

/// Resolves a typed name: a full name, else a word of a name (a first or
/// family name), else a prefix, each tier winning only when it picks out
/// one person. Case and accents are ignored (`@sian` finds Siân), but
/// accents typed break a tie: with Siân and Sian on the roster, `@siân` is
/// Siân.
pub fn resolve_name(typed: &str, roster: &[RosterName<'_>]) -> Attribution {
    let want = name_key(typed);
    let want_lowered = lowered(typed);
    let names: Vec<(Ulid, &str, String)> = roster
        .iter()
        .map(|r| (r.id, r.name, name_key(r.name)))
        .collect();
    for tier in 0..3 {
        let mut found: Vec<&(Ulid, &str, String)> = names
            .iter()
            .filter(|(_, _, n)| in_tier(tier, n, &want))
            .collect();
        if found.len() > 1 && want_lowered != want {
            let accented: Vec<_> = found
                .iter()
                .copied()
                .filter(|(_, name, _)| in_tier(tier, &lowered(name), &want_lowered))
                .collect();
            if accented.len() == 1 {
                found = accented;
            }
        }
        match found.as_slice() {
            [] => continue,
            [(id, _, _)] => return Attribution::Participant(*id),
            many => {
                let names = many.iter().map(|(_, name, _)| (*name).to_owned()).collect();
                return Attribution::Ambiguous(typed.to_owned(), names);
            }
        }
    }
    Attribution::Unknown(typed.to_owned())
}

/// The first `@name` left in a saved insight's text, without its `@`: a
/// name that did not resolve when the line was entered (the parser keeps
/// an unknown or ambiguous name in the text). `"@Gwen, said"` gives
/// `Gwen`; an e-mail address is no name. Lists use it to mark insights
/// still waiting for someone to be attributed.
pub fn unresolved_name(insight_text: &str) -> Option<&str> {
    insight_text
        .split_whitespace()
        .filter_map(split_token)
        .find(|(sigil, _, _)| *sigil == '@')
        .map(|(_, token, _)| token)
}

/// The text without its first `@name` (what [`unresolved_name`] finds).
/// Punctuation after the name stays with the sentence, except at its start,
/// where it punctuated the name (`@Gwen: the hub…`). A text that was
/// nothing but the name keeps it, without the `@`, so it never goes empty.
pub fn without_name(insight_text: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut removed = None;
    for chunk in insight_text.split_whitespace() {
        match split_token(chunk) {
            Some(('@', token, rest)) if removed.is_none() => {
                removed = Some(token);
                if !words.is_empty() {
                    push_rest(&mut words, rest);
                }
            }
            _ => words.push(chunk.to_owned()),
        }
    }
    match removed {
        None => insight_text.to_owned(),
        Some(name) if words.is_empty() => {
            one_spaced(insight_text).replacen(&format!("@{name}"), name, 1)
        }
        Some(_) => words.join(" "),
    }
}

/// An insight's classification as the capture line writes it:
/// ` #innovation #barrier #food` (an observation, the default kind, is not
/// written). Empty when there is none.
pub fn tag_words(insight: &Insight) -> String {
    let mut words = String::new();
    if let Some(p) = insight.practice {
        words.push_str(&format!(" #{}", p.tag()));
    }
    // An owner or a due date makes an action by itself.
    let implied =
        insight.kind == Kind::Action && (!insight.owner.is_empty() || insight.due.is_some());
    if insight.kind != Kind::Observation && !implied {
        words.push_str(&format!(" #{}", insight.kind.tag()));
    }
    for tag in &insight.tags {
        words.push_str(&format!(" #{tag}"));
    }
    words.push_str(&actions::owner_words(&insight.owner));
    words.push_str(&actions::due_words(insight.due));
    words
}

/// An insight written back as the capture line that would make it, for
/// editing: `text @Ann_Jones #innovation #food`.
pub fn as_line(session: &Session, insight: &Insight) -> String {
    let mut line = insight.text.clone();
    if let Some(p) = insight.participant.and_then(|p| session.participant(p)) {
        line.push_str(&format!(" @{}", handle(&p.name)));
    }
    line.push_str(&tag_words(insight));
    line
}

#[cfg(test)]
mod tests;
