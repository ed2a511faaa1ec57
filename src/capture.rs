//! The capture line's little language: one insight per line, `@name` to
//! attribute it, `#word` to classify it.
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

use crate::model::{Insight, Kind, PracticeType, Session};
use crate::review::fold;
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
/// `names` are roster names, `tags` every word a `#` can take. Matching
/// ignores case and accents, as `@` does: `@siob` completes to
/// `Siobhán_Kelly`.
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
    let want = fold(typed);
    let mut fits: Vec<&String> = candidates
        .iter()
        .filter(|c| fold(c).starts_with(&want))
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
                .take_while(|(a, b)| fold_char(**a) == fold_char(*b))
                .count(),
        );
    }
    first[..len].iter().collect()
}

/// One character folded as [`fold`] folds text (`Á` → `a`).
fn fold_char(c: char) -> String {
    let mut buf = [0; 4];
    fold(c.encode_utf8(&mut buf))
}

#[cfg(test)]
mod tests;
