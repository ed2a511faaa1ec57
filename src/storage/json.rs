//! Sessions as JSON: what `stb export --format json` writes, read back by
//! every command that reads sessions.
//!
//! A JSON file is one document, `{"format": 2, "sessions": [...]}`, each
//! session exactly as the RON file holds it (every field, stamps and
//! tombstones included; `schema/session.schema.json` describes it). The
//! loader tells the two apart by content, not by name: a RON session opens
//! with `(` or `Collection(` (a struct is never a RON map), a JSON document
//! with `{`. Content wins because git's merge driver and editors' temp copies
//! hand stb files whose names say nothing. Saving goes by name instead
//! ([`is_json_path`]): a `.json` file that stb changes (erase, review, open,
//! merge -o) stays JSON, so nobody finds RON inside a file named `.json`.
//!
//! Written JSON is inert as well as exact: the characters a terminal would
//! act on (ESC, C1, bidi controls) are written as `\u` escapes, which JSON
//! readers turn back into the same text, so the file reads back unchanged
//! and can still be printed to a terminal safely.

use super::{LoadError, SessionFile, check_session};
use crate::model::{FORMAT_VERSION, Session};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The document: the format version and the sessions.
#[derive(Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "stb sessions")]
pub struct Document {
    /// The file format version; files newer than this stb are refused.
    pub format: u32,
    /// Each workshop, whole.
    pub sessions: Vec<Session>,
}

#[derive(Deserialize)]
struct FormatProbe {
    format: u32,
}

/// Whether `text` is JSON rather than RON: its first character that is not
/// white space (or a byte-order mark) opens an object.
pub fn is_json(text: &str) -> bool {
    text.trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('{')
}

/// Whether stb writes `path` as JSON: its extension is `json`, in any case.
pub fn is_json_path(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
}

/// Parses a JSON document of sessions; `path` only names it in errors.
pub fn parse(text: &str, path: &Path) -> Result<SessionFile, LoadError> {
    let text = text.trim_start_matches('\u{feff}');
    let document: Document = serde_json::from_str(text).map_err(|err| {
        match serde_json::from_str::<FormatProbe>(text) {
            Ok(probe) if probe.format > FORMAT_VERSION => LoadError::TooNew {
                path: path.to_owned(),
                found: probe.format,
            },
            _ => LoadError::Syntax {
                path: path.to_owned(),
                line: err.line(),
                col: err.column(),
                // The position is in the error's own fields; its text ends
                // with it again, which `path:line:col:` already says.
                message: {
                    let text = err.to_string();
                    let bare = text.rsplit_once(" at line ").map_or(&*text, |(m, _)| m);
                    crate::inert::visible(bare).into_owned()
                },
            },
        }
    })?;
    if document.format > FORMAT_VERSION {
        return Err(LoadError::TooNew {
            path: path.to_owned(),
            found: document.format,
        });
    }
    let sessions = document
        .sessions
        .into_iter()
        .map(|s| check_session(s, path))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(SessionFile::from_sessions(sessions))
}

/// The JSON Schema of the document, generated from the types (shipped as
/// `schema/session.schema.json`, which a test keeps equal to this).
pub fn schema() -> String {
    let schema = schemars::schema_for!(Document);
    let mut text = serde_json::to_string_pretty(&schema).expect("a schema serialises");
    text.push('\n');
    text
}

/// Pretty JSON of `sessions`, inert (see the module's note), ending in a
/// line break.
pub fn to_json(sessions: &[Session]) -> String {
    let document = Document {
        format: FORMAT_VERSION,
        sessions: sessions.to_vec(),
    };
    let mut bytes = Vec::new();
    let mut writer = serde_json::Serializer::with_formatter(&mut bytes, Inert::default());
    document
        .serialize(&mut writer)
        .expect("sessions always serialise");
    let mut text = String::from_utf8(bytes).expect("serde_json writes UTF-8");
    text.push('\n');
    text
}

/// serde_json's pretty layout, with every character
/// [`crate::inert::is_unsafe`] names written as a `\u` escape.
#[derive(Default)]
struct Inert(serde_json::ser::PrettyFormatter<'static>);

impl serde_json::ser::Formatter for Inert {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut rest = fragment;
        while let Some((at, c)) = rest
            .char_indices()
            .find(|(_, c)| crate::inert::is_unsafe(*c))
        {
            writer.write_all(&rest.as_bytes()[..at])?;
            write!(writer, "\\u{:04x}", c as u32)?;
            rest = &rest[at + c.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }

    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{InsightFields, SessionDetails, StampClock};

    fn session(text: &str) -> Session {
        let t = StampClock::new("dev").stamp_at(jiff::Timestamp::UNIX_EPOCH);
        let mut s = Session::new(SessionDetails::default(), t.clone());
        let fields = InsightFields {
            question: 1,
            text: text.into(),
            ..Default::default()
        };
        s.add_insight(fields, &t);
        s
    }

    #[test]
    fn controls_are_escaped_and_read_back_as_they_were() {
        let s = session("a\u{1b}]0;x\u{7} \u{9b}2J \u{202e}b\r\n ŵ 👩\u{200d}👧");
        let text = to_json(std::slice::from_ref(&s));
        let unsafe_char = |c: &char| *c != '\n' && crate::inert::is_unsafe(*c);
        assert!(!text.chars().any(|c| unsafe_char(&c)), "{text}");
        assert!(
            text.contains("\\u009b") && text.contains("\\u202e"),
            "{text}"
        );
        let back = parse(&text, Path::new("s.json")).unwrap();
        assert_eq!(back.into_sessions(), vec![s]);
    }

    /// No validator crate is in the build: this checks the shape that
    /// matters, that every key an export writes is one the schema names
    /// and every key the schema requires is written.
    #[test]
    fn an_export_has_the_keys_the_schema_describes() {
        let schema: serde_json::Value = serde_json::from_str(&schema()).unwrap();
        let mut s = session("x");
        s.add_participant(
            crate::model::ParticipantFields::default(),
            &crate::model::Stamp::default(),
        );
        let doc: serde_json::Value =
            serde_json::from_str(&to_json(std::slice::from_ref(&s))).unwrap();
        let defs = &schema["$defs"];
        let check = |value: &serde_json::Value, def: &serde_json::Value, what: &str| {
            let props = def["properties"].as_object().unwrap();
            for key in value.as_object().unwrap().keys() {
                assert!(props.contains_key(key), "{what}.{key} not in the schema");
            }
            for key in def["required"].as_array().into_iter().flatten() {
                assert!(
                    value.get(key.as_str().unwrap()).is_some(),
                    "{what} lacks {key}"
                );
            }
            assert_eq!(def["additionalProperties"], false, "{what}");
        };
        check(&doc, &schema, "document");
        let session = &doc["sessions"][0];
        check(session, &defs["Session"], "Session");
        check(&session["insights"][0], &defs["Insight"], "Insight");
        check(
            &session["participants"][0],
            &defs["Participant"],
            "Participant",
        );
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        for open in ["[", "{\"a\":"] {
            let text = format!("{{\"format\": 2, \"sessions\": {}", open.repeat(100_000));
            let err = parse(&text, Path::new("deep.json")).unwrap_err();
            assert!(matches!(err, LoadError::Syntax { .. }), "{err}");
        }
    }

    #[test]
    fn detection_goes_by_the_first_character_and_errors_carry_positions() {
        assert!(is_json("\u{feff}\n  {\"format\": 2}"));
        assert!(!is_json("(format: 2)") && !is_json("Collection(") && !is_json("// {"));
        let err = parse(
            "{\n  \"format\": 2,\n  \"sessions\": [x]\n}",
            Path::new("b.json"),
        )
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("b.json:3:"), "{err}");
        assert!(!err.contains(" at line "), "said once: {err}");
        let newer = parse("{\"format\": 9, \"future\": 1}", Path::new("n.json")).unwrap_err();
        assert!(
            matches!(newer, LoadError::TooNew { found: 9, .. }),
            "{newer}"
        );
    }
}
