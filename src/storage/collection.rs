//! Files that hold several sessions: what merging different workshops
//! writes.
//!
//! A merge of copies of one session is still one session, in the same file
//! format as a capture. Merging different workshops (Pembrokeshire with North
//! Ayrshire, say) keeps each session whole, with its own place, nation, date
//! and facilitator, in one file that starts with `Collection(`. Everything
//! that reads sessions (review, compare, merge, export) takes either kind,
//! and JSON too (`json.rs`).

use super::{Disk, LoadError, RealDisk, SaveError, check_session, parse_ron, readable};
use crate::model::{FORMAT_VERSION, Session};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// What a session file holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SessionFile {
    /// One workshop, as captured (or merged from copies of it).
    Single(Box<Session>),
    /// Several workshops, each whole, ordered by session id.
    Combined(Vec<Session>),
}

impl SessionFile {
    /// The sessions in the file.
    pub fn sessions(&self) -> &[Session] {
        match self {
            SessionFile::Single(session) => std::slice::from_ref(session),
            SessionFile::Combined(sessions) => sessions,
        }
    }

    /// The sessions in the file, to edit.
    pub fn sessions_mut(&mut self) -> &mut [Session] {
        match self {
            SessionFile::Single(session) => std::slice::from_mut(session),
            SessionFile::Combined(sessions) => sessions,
        }
    }

    pub fn into_sessions(self) -> Vec<Session> {
        match self {
            SessionFile::Single(session) => vec![*session],
            SessionFile::Combined(sessions) => sessions,
        }
    }

    /// The file for these sessions: one stays a plain session file, several
    /// (or none) become a collection, ordered by id.
    pub fn from_sessions(mut sessions: Vec<Session>) -> SessionFile {
        if sessions.len() == 1 {
            return SessionFile::Single(Box::new(sessions.remove(0)));
        }
        sessions.sort_by_key(|s| s.id);
        SessionFile::Combined(sessions)
    }
}

/// The serialised form of a collection.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Collection {
    #[serde(deserialize_with = "crate::model::limits::format")]
    format: u32,
    sessions: Vec<Session>,
}

#[derive(Deserialize)]
#[serde(rename = "Collection")]
struct CollectionProbe {
    format: u32,
}

/// Whether RON text opens with the `Collection` struct name.
fn is_collection(text: &str) -> bool {
    let mut rest = text.trim_start_matches('\u{feff}');
    loop {
        rest = rest.trim_start();
        if let Some(line) = rest.strip_prefix("//") {
            rest = line.split_once('\n').map_or("", |(_, after)| after);
        } else if let Some(block) = rest.strip_prefix("/*") {
            rest = block.split_once("*/").map_or("", |(_, after)| after);
        } else {
            return rest.starts_with("Collection");
        }
    }
}

/// Parses a session file of either kind; `path` only names it in errors.
pub fn parse_file(text: &str, path: &Path) -> Result<SessionFile, LoadError> {
    let text = super::without_bom(text);
    if super::json::is_json(text) {
        return super::json::parse(text, path);
    }
    if !is_collection(text) {
        return super::parse_session(text, path).map(|s| SessionFile::Single(Box::new(s)));
    }
    let probe = |text: &str| {
        ron::from_str::<CollectionProbe>(text)
            .ok()
            .map(|p| p.format)
    };
    let collection: Collection = parse_ron(text, path, probe)?;
    if collection.format > FORMAT_VERSION {
        return Err(LoadError::TooNew {
            path: path.to_owned(),
            found: collection.format,
        });
    }
    let sessions = collection
        .sessions
        .into_iter()
        .map(|s| check_session(s, path))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(SessionFile::Combined(sessions))
}

/// Loads a session file of either kind.
pub fn load_file(path: &Path) -> Result<SessionFile, LoadError> {
    parse_file(&super::read_text(path)?, path)
}

/// The text of a session file of either kind.
pub fn file_to_ron(file: &SessionFile) -> String {
    match file {
        SessionFile::Single(session) => super::to_ron(session),
        SessionFile::Combined(sessions) => {
            let collection = Collection {
                format: FORMAT_VERSION,
                sessions: sessions.clone(),
            };
            let escaped = ron::ser::to_string_pretty(&collection, super::pretty())
                .expect("sessions always serialise");
            format!("Collection{}\n", readable::unescape_harmless(&escaped))
        }
    }
}

/// The text stb writes to `path` for `file`: JSON for a `.json` name (see
/// `storage::json`), else RON.
pub fn file_text(path: &Path, file: &SessionFile) -> String {
    if super::json::is_json_path(path) {
        super::json::to_json(file.sessions())
    } else {
        file_to_ron(file)
    }
}

/// Writes a session file of either kind atomically, owner-only.
pub fn save_file(path: &Path, file: &SessionFile) -> Result<(), SaveError> {
    save_file_on(&RealDisk, path, file)
}

/// [`save_file`] on `disk`, so the review's saves can meet injected faults.
pub fn save_file_on(disk: &dyn Disk, path: &Path, file: &SessionFile) -> Result<(), SaveError> {
    let bytes = file_text(path, file);
    super::write_atomically_on(disk, path, bytes.as_bytes()).map_err(|source| SaveError {
        path: path.to_owned(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{SessionDetails, StampClock};

    fn session(title: &str) -> Session {
        let mut clock = StampClock::new("t");
        let details = SessionDetails {
            title: title.into(),
            ..Default::default()
        };
        Session::new(details, clock.stamp_at(jiff::Timestamp::UNIX_EPOCH))
    }

    #[test]
    fn a_collection_round_trips_and_a_single_stays_single() {
        let file = SessionFile::from_sessions(vec![session("A"), session("B")]);
        let text = file_to_ron(&file);
        assert!(text.starts_with("Collection("), "{text}");
        assert_eq!(parse_file(&text, Path::new("c.ron")).unwrap(), file);
        let single = SessionFile::from_sessions(vec![session("C")]);
        let text = file_to_ron(&single);
        assert!(text.starts_with('('));
        assert_eq!(parse_file(&text, Path::new("s.ron")).unwrap(), single);
    }

    #[test]
    fn a_newer_collection_is_refused_and_errors_carry_positions() {
        let text = file_to_ron(&SessionFile::from_sessions(vec![
            session("A"),
            session("B"),
        ]));
        let current = format!("format: {FORMAT_VERSION}");
        let newer = text.replacen(&current, "format: 9", 1).replacen(
            "sessions:",
            "future: 1,\n  sessions:",
            1,
        );
        let err = parse_file(&newer, Path::new("n.ron")).unwrap_err();
        assert!(matches!(err, LoadError::TooNew { found: 9, .. }), "{err}");
        let broken = text.replacen("title:", "title", 1);
        let msg = parse_file(&broken, Path::new("b.ron"))
            .unwrap_err()
            .to_string();
        assert!(
            msg.starts_with("b.ron:") && msg.matches(':').count() >= 3,
            "{msg}"
        );
    }

    #[test]
    fn comments_before_the_name_are_skipped() {
        assert!(is_collection(
            "// merged\n/* x */ Collection(format: 2, sessions: [])"
        ));
        assert!(!is_collection("(format: 2)"));
    }
}
