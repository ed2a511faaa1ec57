//! The capture line's little language: one insight per line, `@name` to
//! attribute it, `#word` to classify it.
//!
//! A facilitator types while people talk, so the parser never refuses a line
//! that has text in it: a name it cannot resolve stays in the text as typed
//! (and the screen offers to add it to the roster), and any `#word` that is not
//! a practice type or kind becomes a free tag. Tokens start a whitespace-
//! separated word; trailing punctuation stays with the sentence, so
//! `worked #innovation.` keeps its full stop.

use crate::model::{Insight, Kind, PracticeType, Session};
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

/// Parses one capture line against the roster.
pub fn parse(line: &str, roster: &[RosterName<'_>]) -> Result<Capture, CaptureError> {
    if line.trim().is_empty() {
        return Err(CaptureError::Empty);
    }
    let mut words: Vec<String> = Vec::new();
    let mut attribution = Attribution::Nobody;
    let mut practice = None;
    let mut kind = None;
    let mut tags: Vec<String> = Vec::new();
    for chunk in line.split_whitespace() {
        let Some((sigil, token, rest)) = split_token(chunk) else {
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
    Ok(Capture {
        text,
        attribution,
        practice,
        kind,
        tags,
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
fn split_token(chunk: &str) -> Option<(char, &str, &str)> {
    let sigil = chunk.chars().next().filter(|c| matches!(c, '@' | '#'))?;
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

fn normalise(name: &str) -> String {
    name.replace('_', " ").to_lowercase()
}

/// Resolves a typed name: an exact full name, else an exact word of a name
/// (a first or family name), else a case-insensitive prefix, each tier
/// winning only when it picks out one person.
pub fn resolve_name(typed: &str, roster: &[RosterName<'_>]) -> Attribution {
    let want = normalise(typed);
    let names: Vec<(Ulid, &str, String)> = roster
        .iter()
        .map(|r| (r.id, r.name, normalise(r.name)))
        .collect();
    let tiers: [&dyn Fn(&str) -> bool; 3] = [
        &|n| n == want,
        &|n| n.split_whitespace().any(|w| w == want),
        &|n| n.starts_with(&want) || n.split_whitespace().any(|w| w.starts_with(&want)),
    ];
    for tier in tiers {
        let found: Vec<&(Ulid, &str, String)> = names.iter().filter(|(_, _, n)| tier(n)).collect();
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

/// An insight's classification as the capture line writes it:
/// ` #innovation #barrier #food` (an observation, the default kind, is not
/// written). Empty when there is none.
pub fn tag_words(insight: &Insight) -> String {
    let mut words = String::new();
    if let Some(p) = insight.practice {
        words.push_str(&format!(" #{}", p.tag()));
    }
    if insight.kind != Kind::Observation {
        words.push_str(&format!(" #{}", insight.kind.tag()));
    }
    for tag in &insight.tags {
        words.push_str(&format!(" #{tag}"));
    }
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

/// What Tab can complete to in a session: roster names for `@`, and for
/// `#` the practice types, kinds and every tag in use.
pub fn vocabulary(session: &Session) -> (Vec<String>, Vec<String>) {
    let names = session
        .live_participants()
        .map(|p| p.name.clone())
        .collect();
    let mut tags: Vec<String> = PracticeType::ALL
        .iter()
        .map(|p| p.tag().to_owned())
        .collect();
    tags.extend(Kind::ALL.iter().map(|k| k.tag().to_owned()));
    for insight in session.live_insights() {
        tags.extend(insight.tags.iter().cloned());
    }
    tags.sort();
    tags.dedup();
    (names, tags)
}

/// A completion of the token that ends at the cursor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    /// Byte range of the token (without its sigil) in the line.
    pub start: usize,
    pub end: usize,
    /// What to put there: the full word when one candidate fits, else the
    /// longest prefix the candidates share.
    pub replacement: String,
    /// Whether exactly one candidate fitted (so a space may follow).
    pub unique: bool,
}

/// Completes the `@name` or `#tag` ending at byte `cursor` of `line`.
/// `names` are roster names, `tags` every word a `#` can take.
pub fn complete(line: &str, cursor: usize, names: &[&str], tags: &[String]) -> Option<Completion> {
    let before = line.get(..cursor)?;
    let start_of_word = before
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[start_of_word..];
    let sigil = word.chars().next()?;
    let typed = &word[sigil.len_utf8()..];
    let candidates: Vec<String> = match sigil {
        '@' => names.iter().map(|n| handle(n)).collect(),
        '#' => tags.to_vec(),
        _ => return None,
    };
    let want = typed.to_lowercase();
    let mut fits: Vec<&String> = candidates
        .iter()
        .filter(|c| c.to_lowercase().starts_with(&want))
        .collect();
    fits.sort();
    fits.dedup();
    let replacement = match fits.as_slice() {
        [] => return None,
        [one] => (*one).clone(),
        many => common_prefix(many),
    };
    if replacement.chars().count() < typed.chars().count() {
        return None;
    }
    Some(Completion {
        start: start_of_word + 1,
        end: cursor,
        unique: fits.len() == 1,
        replacement,
    })
}

fn common_prefix(words: &[&String]) -> String {
    let first: Vec<char> = words[0].chars().collect();
    let mut len = first.len();
    for w in &words[1..] {
        len = len.min(
            first
                .iter()
                .zip(w.chars())
                .take_while(|(a, b)| a.to_lowercase().eq(b.to_lowercase()))
                .count(),
        );
    }
    first[..len].iter().collect()
}

#[cfg(test)]
mod tests;
