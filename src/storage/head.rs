//! The head of a session file: its details without the rest.
//!
//! A session serialises its details (format, id, title, place, date,
//! facilitator, note-takers, stage) before its questions, timeline,
//! participants and insights: that is the field order of `model::Session`,
//! and ron writes fields in declaration order. So the home screen can show a
//! file's title, place and date after reading its first few kilobytes,
//! however many megabytes of insights follow, and read the rest (to count
//! and check) afterwards.
//!
//! The head is cut where the top-level `questions` field starts, found by a
//! small scanner that knows only what can hide a `questions:` (strings, raw
//! strings, characters, comments) and how deep the brackets are. What comes
//! before is closed with `)` and parsed by ron with the model's own limits,
//! so a head is refused exactly where the file's details would be. A head is
//! only ever shown: whether the file opens is decided by reading it in full.
//!
//! A collection (a merge of several workshops) has a head per workshop,
//! spread through the file: it has no head here, and is read in full.

use super::files::{self, Links};
use crate::model::{FORMAT_VERSION, Place, limits};
use jiff::civil::Date;
use serde::Deserialize;
use std::io::Read;
use std::path::Path;

/// How much of a file is read for its head. Details are names of at most
/// 1 KiB each; a head longer than this is simply left to the full read.
const HEAD_BYTES: u64 = 64 * 1024;

/// A session's details as its file's head gives them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Head {
    /// The session's id, shared by every copy of it (how `stb join` finds
    /// the other laptops' copies in a folder).
    pub id: ulid::Ulid,
    pub title: String,
    /// "Pembrokeshire, Wales".
    pub place: String,
    pub date: Date,
    /// The lead laptop's device when the session is captured by several at
    /// once (`stb join`); empty otherwise.
    pub lead: String,
}

/// The fields read from a head; the others in it are skipped.
#[derive(Deserialize)]
struct HeadFields {
    #[serde(deserialize_with = "limits::format")]
    format: u32,
    id: ulid::Ulid,
    #[serde(deserialize_with = "limits::name")]
    title: String,
    place: Place,
    date: Date,
    #[serde(default, deserialize_with = "limits::name")]
    lead: String,
}

/// The head of the session file at `path`, reading at most [`HEAD_BYTES`]
/// of it. None when there is none to read: not a regular file, not a single
/// session, a head too long or malformed, or a format newer than this stb.
pub fn read_head(path: &Path) -> Option<Head> {
    let file = files::open_regular(path, Links::Follow).ok()?;
    let mut bytes = Vec::new();
    file.take(HEAD_BYTES).read_to_end(&mut bytes).ok()?;
    // The cut may fall inside a character, or the file may not be UTF-8 at
    // all: what is valid is enough if the head ends within it.
    let text = match std::str::from_utf8(&bytes) {
        Ok(text) => text,
        Err(error) => std::str::from_utf8(&bytes[..error.valid_up_to()]).ok()?,
    };
    parse_head(text)
}

/// The head of session text (the whole file or its start).
pub fn parse_head(text: &str) -> Option<Head> {
    let text = super::without_bom(text);
    let end = questions_at(text)?;
    let fields: HeadFields = ron::from_str(&format!("{})", &text[..end])).ok()?;
    (fields.format <= FORMAT_VERSION).then(|| Head {
        id: fields.id,
        title: fields.title,
        place: fields.place.to_string(),
        date: fields.date,
        lead: fields.lead,
    })
}

/// Where the top-level `questions` field starts: the byte offset of its
/// name. None if the text ends first, is not a plain session (a named
/// struct such as `Collection(`), or closes its outer bracket before it.
fn questions_at(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut at = 0;
    while at < bytes.len() {
        let rest = &bytes[at..];
        match bytes[at] {
            b'/' if rest.starts_with(b"//") => {
                at += rest.iter().position(|&b| b == b'\n')?;
            }
            b'/' if rest.starts_with(b"/*") => {
                at += 2 + rest[2..].windows(2).position(|w| w == b"*/")? + 2;
                continue;
            }
            b'"' => at += quoted_len(rest, b'"')?,
            b'\'' => at += quoted_len(rest, b'\'')?,
            b'r' if rest.len() > 1 && matches!(rest[1], b'"' | b'#') => {
                at += raw_len(rest)?;
            }
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth = depth.checked_sub(1).filter(|&d| d > 0)?,
            b if b.is_ascii_alphabetic() || b == b'_' => {
                let len = rest
                    .iter()
                    .position(|b| !(b.is_ascii_alphanumeric() || *b == b'_'))
                    .unwrap_or(rest.len());
                let word = &rest[..len];
                let colon = rest[len..]
                    .iter()
                    .find(|b| !b.is_ascii_whitespace())
                    .is_some_and(|&b| b == b':');
                if depth == 0 {
                    // A struct name before the outer bracket: not a session.
                    return None;
                }
                if depth == 1 && word == b"questions" && colon {
                    return Some(at);
                }
                at += len;
                continue;
            }
            _ => {}
        }
        at += 1;
    }
    None
}

/// The length of a `"…"` string or `'…'` character at the start of
/// `bytes`, escapes included, less its closing quote (the caller steps
/// over that). None if it does not end.
fn quoted_len(bytes: &[u8], quote: u8) -> Option<usize> {
    let mut at = 1;
    while at < bytes.len() {
        match bytes[at] {
            b'\\' => at += 2,
            b if b == quote => return Some(at),
            _ => at += 1,
        }
    }
    None
}

/// The length of a raw string `r#"…"#` at the start of `bytes`, less its
/// last byte. None if it does not end (or is not one).
fn raw_len(bytes: &[u8]) -> Option<usize> {
    let hashes = bytes[1..].iter().take_while(|&&b| b == b'#').count();
    if bytes.get(1 + hashes) != Some(&b'"') {
        // An identifier starting with `r`, followed by `#`: not RON.
        return None;
    }
    let body = 2 + hashes;
    let mut close = vec![b'"'];
    close.extend(std::iter::repeat_n(b'#', hashes));
    let end = bytes[body..]
        .windows(close.len())
        .position(|w| w == close.as_slice())?;
    Some(body + end + close.len() - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_text() -> String {
        crate::storage::to_ron(&crate::storage::tests::sample())
    }

    #[test]
    fn the_head_of_a_saved_session_gives_its_details() {
        let head = parse_head(&sample_text()).unwrap();
        let session = crate::storage::tests::sample();
        assert_eq!(head.title, session.title);
        assert_eq!(head.place, session.place.to_string());
        assert_eq!(head.date, session.date);
    }

    #[test]
    fn the_head_is_found_in_the_first_bytes_alone() {
        let text = sample_text();
        let end = text.find("questions").unwrap();
        assert!(parse_head(&text[..end + 12]).is_some());
        assert!(
            parse_head(&text[..end - 5]).is_none(),
            "cut before the head ends"
        );
    }

    #[test]
    fn questions_hidden_in_strings_and_comments_are_not_the_field() {
        let text = sample_text().replacen(
            "\ttitle: \"",
            "\t// questions: here\n  /* questions: ( */ x: '(',\n  y: r#\"questions: [\"#,\n  title: \"questions: [",
            1,
        );
        // Not a valid session any more (x, y), but its head still reads.
        let head = parse_head(&text).unwrap();
        assert!(head.title.starts_with("questions: ["), "{head:?}");
    }

    #[test]
    fn collections_newer_formats_and_junk_have_no_head() {
        assert_eq!(parse_head("Collection(format: 2, sessions: [])"), None);
        let newer = sample_text().replacen(
            &format!("format: {FORMAT_VERSION}"),
            &format!("format: {}", FORMAT_VERSION + 1),
            1,
        );
        assert_eq!(parse_head(&newer), None);
        for junk in ["", "(", ")", "((((", "\"", "r#", "(title: \"a\")", "/*"] {
            assert_eq!(parse_head(junk), None, "{junk:?}");
        }
    }

    #[test]
    fn a_title_over_the_limit_is_refused_as_the_full_load_would() {
        let long = "a".repeat(limits::MAX_NAME_BYTES + 1);
        let text = sample_text().replacen("\ttitle: \"", &format!("\ttitle: \"{long}"), 1);
        assert_eq!(parse_head(&text), None);
    }
}
