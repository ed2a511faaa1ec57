//! Exported text as it shows in the app: terminal controls (ESC, BEL, C1,
//! bidi overrides and isolates…) replaced by their visible stand-ins.
//!
//! Text a person typed has no use for such characters, and an export may be
//! printed to a terminal (`stb export` without `-o`), opened in a viewer
//! that honours them, or read back by a script. So [`prepare`](super::prepare)
//! ends by passing every string of every prepared session through
//! [`crate::inert::printable`], before any format is rendered: the formats
//! then agree, and the REFI-QDA sources and the offsets of their selections
//! are computed from the text as exported.
//!
//! The walk goes through the session's own serde form rather than a list
//! of fields, so a text field added to the model later is cleaned without
//! anyone remembering to add it here (device names inside edit stamps
//! included, which the JSON export carries).

use crate::inert::printable;
use crate::model::Session;
use serde_json::Value;
use std::borrow::Cow;

/// `session` with every string made inert; a session with nothing to
/// replace (nearly all) is returned as it came, after one pass that builds
/// nothing (see [`Finder`]).
pub(super) fn session(session: Session) -> Session {
    if !needs_cleaning(&session) {
        return session;
    }
    let Ok(mut value) = serde_json::to_value(&session) else {
        return session;
    };
    if !clean(&mut value) {
        return session;
    }
    // Only free text changed, each character for one printable character,
    // so the session reads back. Were it ever not to, the session goes on
    // as it is, and `render`'s last pass over the output still cleans it.
    serde_json::from_value(value).unwrap_or(session)
}

/// Whether any string or key of `session` holds a character to replace:
/// the session serialised into nothing, through [`Finder`], which stops
/// at the first. Building a `Value` of every session just to look would
/// cost a third of an export's time and twice its memory.
fn needs_cleaning(session: &Session) -> bool {
    let mut look = serde_json::Serializer::with_formatter(std::io::sink(), Finder);
    serde::Serialize::serialize(session, &mut look).is_err()
}

/// A JSON formatter that writes nothing and fails at the first text that
/// [`printable`] would change. serde_json hands it unescaped text in
/// fragments (C1, DEL and bidi controls arrive there) and C0 controls as
/// escapes; a carriage return counts, though a CRLF stays as it is, since
/// the escape does not say what follows (the full pass then decides).
struct Finder;

impl serde_json::ser::Formatter for Finder {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        _: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        if fragment.chars().any(crate::inert::is_unsafe) {
            Err(std::io::Error::other("a control character"))
        } else {
            Ok(())
        }
    }

    fn write_char_escape<W: ?Sized + std::io::Write>(
        &mut self,
        _: &mut W,
        escape: serde_json::ser::CharEscape,
    ) -> std::io::Result<()> {
        use serde_json::ser::CharEscape;
        match escape {
            CharEscape::Quote
            | CharEscape::ReverseSolidus
            | CharEscape::Solidus
            | CharEscape::LineFeed
            | CharEscape::Tab => Ok(()),
            _ => Err(std::io::Error::other("a control character")),
        }
    }
}

/// Replaces controls in every string and key of `value`; whether any did.
fn clean(value: &mut Value) -> bool {
    match value {
        Value::String(text) => match printable(text) {
            Cow::Borrowed(_) => false,
            Cow::Owned(clean) => {
                *text = clean;
                true
            }
        },
        Value::Array(items) => {
            let mut changed = false;
            for v in items {
                changed |= clean(v);
            }
            changed
        }
        Value::Object(map) => {
            let mut changed = false;
            let entries = std::mem::take(map);
            for (key, mut v) in entries {
                changed |= clean(&mut v);
                let key = match printable(&key) {
                    Cow::Borrowed(_) => key,
                    Cow::Owned(clean) => {
                        changed = true;
                        clean
                    }
                };
                map.insert(key, v);
            }
            changed
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{InsightFields, SessionDetails, StampClock};

    #[test]
    fn every_string_of_a_session_is_cleaned_and_clean_ones_are_untouched() {
        let mut clock = StampClock::new("dev\u{1b}]0;x\u{7}");
        let t = clock.stamp_at(jiff::Timestamp::UNIX_EPOCH);
        let details = SessionDetails {
            title: "Hub\u{9b}2J".into(),
            facilitator: "R\u{202e}h".into(),
            ..Default::default()
        };
        let mut s = Session::new(details, t.clone());
        let fields = InsightFields {
            question: 1,
            text: "line\r\nbreak\ttab\u{7}".into(),
            tags: vec!["t\u{2066}".into()],
            ..Default::default()
        };
        s.add_insight(fields, &t);
        assert!(needs_cleaning(&s));
        let clean = session(s.clone());
        assert_eq!(clean.title, "Hub\u{fffd}2J");
        assert_eq!(clean.facilitator, "R\u{fffd}h");
        assert_eq!(clean.insights[0].text, "line\r\nbreak\ttab␇");
        assert_eq!(clean.insights[0].tags, ["t\u{fffd}"]);
        assert_eq!(clean.insights[0].author, "dev␛]0;x␇");
        let json = serde_json::to_string(&clean).unwrap();
        assert!(
            !json.contains("\\u001b") && !json.contains('\u{9b}'),
            "{json}"
        );
        assert_eq!(clean.id, s.id);

        let t = StampClock::new("laptop").stamp_at(jiff::Timestamp::UNIX_EPOCH);
        let mut plain = Session::new(SessionDetails::default(), t.clone());
        let fields = InsightFields {
            question: 1,
            text: "Two lines,\nand a tab\tand \"quotes\" / \\ Mae'r hwb 👩\u{200d}👧".into(),
            ..Default::default()
        };
        plain.add_insight(fields, &t);
        assert!(!needs_cleaning(&plain));
        assert_eq!(session(plain.clone()), plain);
    }

    #[test]
    fn the_quick_look_misses_no_character_the_app_replaces() {
        let t = StampClock::new("laptop").stamp_at(jiff::Timestamp::UNIX_EPOCH);
        let unsafe_chars = (0..=0x10_ffff_u32)
            .filter_map(char::from_u32)
            .filter(|&c| crate::inert::is_unsafe(c) && !matches!(c, '\n' | '\t'));
        let mut seen = 0;
        for c in unsafe_chars {
            let details = SessionDetails {
                title: format!("a{c}b"),
                ..Default::default()
            };
            let s = Session::new(details, t.clone());
            assert!(needs_cleaning(&s), "U+{:04X}", c as u32);
            let clean = session(s);
            assert!(!clean.title.contains(c), "U+{:04X}", c as u32);
            seen += 1;
        }
        assert!(seen > 70, "C0, DEL, C1 and the bidi controls: {seen}");
    }
}
