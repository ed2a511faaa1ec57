//! JSON: the sessions exactly as the model holds them, for scripts and
//! other tools. It reads back into the same sessions.

use crate::model::{FORMAT_VERSION, Session};
use serde::{Deserialize, Serialize};

#[derive(Serialize, Deserialize)]
struct Document {
    format: u32,
    sessions: Vec<Session>,
}

/// Pretty JSON of the sessions.
pub fn to_json(sessions: &[Session]) -> String {
    let document = Document {
        format: FORMAT_VERSION,
        sessions: sessions.to_vec(),
    };
    let mut text = serde_json::to_string_pretty(&document).expect("sessions always serialise");
    text.push('\n');
    text
}

/// Sessions back from [`to_json`]'s output; errors name line and column.
pub fn from_json(text: &str) -> Result<Vec<Session>, String> {
    let document: Document =
        serde_json::from_str(text).map_err(|e| format!("{}:{}: {e}", e.line(), e.column()))?;
    if document.format > FORMAT_VERSION {
        return Err(format!(
            "written in format {}, newer than this stb reads ({FORMAT_VERSION})",
            document.format
        ));
    }
    Ok(document.sessions)
}
