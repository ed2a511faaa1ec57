//! JSON: the sessions as one document, `{"format": 2, "sessions": [...]}`,
//! which every command that reads sessions reads back (`storage::json`).
//! `--format json` writes them exactly as stb holds them; `json-shared`
//! writes what [`super::prepare`] made of them.
//!
//! In the shared JSON, as in every shared format, a speaker whose consent
//! is not recorded is "a participant": each session that has such insights
//! gets one roster entry of that name (consent not recorded), and they all
//! point to it. One entry for all of them, so the shared copy cannot tell
//! which unnamed insights one person said; its id is made from the
//! session's, so the same export gives the same file.

use super::Prepared;
use crate::model::{Participant, ParticipantFields, Session, Stamp};
use ulid::Ulid;

/// Pretty JSON of the sessions, inert (controls as `\u` escapes).
pub fn to_json(sessions: &[Session]) -> String {
    crate::storage::json::to_json(sessions)
}

/// The shared JSON of `prepared`: its sessions, the unnamed speakers
/// pointing to "a participant".
pub fn shared(prepared: &Prepared) -> String {
    if prepared.anonymous.is_empty() {
        return to_json(&prepared.sessions);
    }
    let mut sessions = prepared.sessions.clone();
    for s in &mut sessions {
        let unnamed = Ulid::from_parts(s.id.timestamp_ms(), 0);
        let mut any = false;
        for insight in &mut s.insights {
            if prepared.anonymous.contains(&insight.id) {
                insight.participant = Some(unnamed);
                any = true;
            }
        }
        if any {
            let fields = ParticipantFields {
                name: "a participant".into(),
                ..Default::default()
            };
            let mut person = Participant::create(fields, &Stamp::default());
            person.id = unnamed;
            let at = s.participants.partition_point(|p| p.id < unnamed);
            s.participants.insert(at, person);
        }
    }
    to_json(&sessions)
}

/// Sessions back from [`to_json`]'s output; errors name line and column.
pub fn from_json(text: &str) -> Result<Vec<Session>, String> {
    crate::storage::json::parse(text, std::path::Path::new("JSON"))
        .map(crate::storage::SessionFile::into_sessions)
        .map_err(|e| e.to_string().trim_start_matches("JSON:").to_owned())
}
