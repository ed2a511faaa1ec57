//! An action's owner and due date on the capture line: `>name` and `!date`.
//!
//! An owner is whoever agreed to do it: `>ann` finds a roster participant
//! as `@ann` does, `>"Pembrokeshire Council"` (quoted, for names with
//! spaces; `>Pembrokeshire_Council` works too) an organisation someone on
//! the roster belongs to, spelled as the roster spells it; anything else is
//! kept as typed, underscores as spaces. A due date is `!2026-12-15`,
//! `!15-12` or `!15/12` (day then month, the next such day on or after the
//! workshop), `!15-12-2026`, `!today`, `!tomorrow`, or a weekday (`!fri`,
//! `!friday`: the next one after the workshop day). Relative dates count from
//! the session's date, not the clock, so a line edited a week later means
//! what it meant in the room. A `!word` that is no date stays in the text:
//! "wow !" and "!!" are sentences.

use super::{Attribution, RosterName, name_key, resolve_name};
use jiff::civil::{Date, Weekday};
use std::borrow::Cow;

/// The line's whitespace-separated words, with a quoted owner
/// (`>"Org name",`) kept as one word. An unclosed quote is no owner: its
/// words stay as they were.
pub(super) fn words(line: &str) -> Vec<Cow<'_, str>> {
    let mut out: Vec<Cow<'_, str>> = Vec::new();
    let mut pending: Vec<&str> = Vec::new();
    for chunk in line.split_whitespace() {
        if pending.is_empty() {
            let opens = chunk.starts_with(">\"") && !chunk[2..].contains('"');
            if opens {
                pending.push(chunk);
            } else {
                out.push(Cow::Borrowed(chunk));
            }
            continue;
        }
        pending.push(chunk);
        if chunk.contains('"') {
            out.push(Cow::Owned(pending.join(" ")));
            pending.clear();
        }
    }
    out.extend(pending.into_iter().map(Cow::Borrowed));
    out
}

/// Splits an owner word into the name typed and the punctuation after it:
/// `>"Org name",` gives `("Org name", ",")`, `>Ann.` gives `("Ann", ".")`.
pub(super) fn owner_word(word: &str) -> Option<(String, &str)> {
    let body = word.strip_prefix('>')?;
    if let Some(quoted) = body.strip_prefix('"') {
        let close = quoted.find('"')?;
        let name = quoted[..close].split_whitespace().collect::<Vec<_>>();
        return fits(name.join(" ")).map(|name| (name, &quoted[close + 1..]));
    }
    let (sigil, token, rest) = super::split_token(word)?;
    fits(token.replace('_', " "))
        .filter(|_| sigil == '>')
        .map(|name| (name, rest))
}

/// A name an owner can be: some text, within the limit a file's names are
/// held to (or the next save would not load); anything else stays text.
fn fits(name: String) -> Option<String> {
    let fits = !name.is_empty() && name.len() <= crate::model::limits::MAX_NAME_BYTES;
    fits.then_some(name)
}

/// The owner a typed name stands for: an organisation on the roster (its
/// spelling), else a participant as `@` finds one (their full name), else
/// the name as typed.
pub(super) fn resolve_owner(
    typed: &str,
    roster: &[RosterName<'_>],
    organisations: &[&str],
) -> String {
    let key = name_key(typed);
    if let Some(org) = organisations.iter().find(|o| name_key(o) == key) {
        return (*org).to_owned();
    }
    match resolve_name(typed, roster) {
        Attribution::Participant(id) => roster
            .iter()
            .find(|r| r.id == id)
            .map_or_else(|| typed.to_owned(), |r| r.name.to_owned()),
        _ => typed.to_owned(),
    }
}

/// Splits a due-date word into the date and the punctuation after it;
/// None if the word is no date (it stays text). `today` is the workshop's
/// date; without one, only full dates are understood.
pub(super) fn due_word(word: &str, today: Option<Date>) -> Option<(Date, &str)> {
    let body = word.strip_prefix('!')?;
    let end = body
        .char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || matches!(c, '-' | '/')))
        .map_or(body.len(), |(i, _)| i);
    let token = body[..end].trim_end_matches(['-', '/']);
    let rest = &body[token.len()..];
    Some((parse_date(token, today)?, rest))
}

/// `2026-12-15`, `15-12-2026`, `15-12`, `15/12`, `today`, `tomorrow`, `fri`.
fn parse_date(token: &str, today: Option<Date>) -> Option<Date> {
    let parts: Vec<&str> = token.split(['-', '/']).collect();
    let digits = |s: &str, lengths: std::ops::RangeInclusive<usize>| {
        lengths.contains(&s.len()) && s.chars().all(|c| c.is_ascii_digit())
    };
    let year = |s: &str| digits(s, 4..=4).then(|| s.parse::<i16>().ok())?;
    let small = |s: &str| digits(s, 1..=2).then(|| s.parse::<i8>().ok())?;
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 => Date::new(year(y)?, small(m)?, small(d)?).ok(),
        [d, m, y] if y.len() == 4 => Date::new(year(y)?, small(m)?, small(d)?).ok(),
        [d, m] => {
            let today = today?;
            let (d, m) = (small(d)?, small(m)?);
            let this_year = Date::new(today.year(), m, d).ok();
            match this_year {
                Some(date) if date >= today => Some(date),
                _ => Date::new(today.year().checked_add(1)?, m, d).ok(),
            }
        }
        [word] => {
            let today = today?;
            match word.to_lowercase().as_str() {
                "today" => Some(today),
                "tomorrow" => today.tomorrow().ok(),
                other => today.nth_weekday(1, weekday(other)?).ok(),
            }
        }
        _ => None,
    }
}

fn weekday(word: &str) -> Option<Weekday> {
    use Weekday::*;
    Some(match word {
        "mon" | "monday" => Monday,
        "tue" | "tues" | "tuesday" => Tuesday,
        "wed" | "weds" | "wednesday" => Wednesday,
        "thu" | "thur" | "thurs" | "thursday" => Thursday,
        "fri" | "friday" => Friday,
        "sat" | "saturday" => Saturday,
        "sun" | "sunday" => Sunday,
        _ => return None,
    })
}

/// How the capture line writes an owner: `>Ann_Jones` style when the name
/// has no quote in it (underscores for spaces, as `@` handles are), quoted
/// otherwise so it reads back whole.
pub(super) fn owner_words(owner: &str) -> String {
    if owner.is_empty() {
        return String::new();
    }
    let handle = super::handle(owner);
    let reads_back = super::split_token(&format!(">{handle}"))
        .is_some_and(|(_, token, rest)| token == handle && rest.is_empty());
    if reads_back && !owner.contains('_') {
        format!(" >{handle}")
    } else {
        format!(" >\"{}\"", owner.replace('"', "'"))
    }
}

/// How the capture line writes a due date: ` !2026-12-15`.
pub(super) fn due_words(due: Option<Date>) -> String {
    due.map_or_else(String::new, |d| format!(" !{d}"))
}

#[cfg(test)]
mod tests;
