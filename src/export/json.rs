//! JSON: the sessions as one document, `{"format": 2, "sessions": [...]}`,
//! which every command that reads sessions reads back (`storage::json`).
//! `--format json` writes them exactly as stb holds them; `json-shared`
//! writes what [`super::prepare`] made of them.

use crate::model::Session;

/// Pretty JSON of the sessions, inert (controls as `\u` escapes).
pub fn to_json(sessions: &[Session]) -> String {
    crate::storage::json::to_json(sessions)
}

/// Sessions back from [`to_json`]'s output; errors name line and column.
pub fn from_json(text: &str) -> Result<Vec<Session>, String> {
    crate::storage::json::parse(text, std::path::Path::new("JSON"))
        .map(crate::storage::SessionFile::into_sessions)
        .map_err(|e| e.to_string().trim_start_matches("JSON:").to_owned())
}
