//! What the terminal loop does when the app asks to save, without the
//! terminal.
//!
//! The loop runs these on the real disk; tests run them on a disk that fails
//! at any step of the atomic write, then feed the outcome back as
//! [`Action::Saved`], so the whole story (fault, banner, data kept in memory,
//! retry, saved) is checked on a `TestBackend` screen with no terminal.

mod background;

pub use background::{Done, Saver};

use crate::app::{Action, App, Screen};
use crate::model::Session;
use crate::storage::{self, Disk, SaveError};
use jiff::Timestamp;
use std::path::{Path, PathBuf};

/// Saves what is open on `disk`: the session, or every changed file under
/// review (the first that fails stops it, named). None when nothing is open.
pub fn save_open_session(disk: &dyn Disk, app: &App, now: Timestamp) -> Option<Action> {
    match &app.screen {
        Screen::Workshop(w) => Some(Action::Saved(save_result(disk, &w.path, &w.session, now))),
        Screen::Review(r) => {
            let mut result = Ok(now);
            for f in r.files.iter().filter(|f| f.dirty) {
                if let Err(error) = storage::save_file_on(disk, &f.path, &f.file) {
                    result = Err(reason(&error));
                    break;
                }
            }
            Some(Action::Saved(result))
        }
        _ => None,
    }
}

/// Saves `session` on `disk`, returning `now` or a short reason for the
/// status line.
pub fn save_result(
    disk: &dyn Disk,
    path: &Path,
    session: &Session,
    now: Timestamp,
) -> Result<Timestamp, String> {
    storage::save_on(disk, path, session)
        .map(|()| now)
        .map_err(|e| reason(&e))
}

/// The file name, not its whole path, and what failed: the reason is what
/// the room needs.
fn reason(error: &SaveError) -> String {
    let path = &error.path;
    let name = path.file_name().map_or(path.as_os_str(), |n| n);
    format!("{}: {}", name.to_string_lossy(), error.source)
}

/// A free file name in the sessions folder, creating the folder (owner only)
/// if needed. If it cannot be created, the save that follows reports why.
pub fn create_path(disk: &dyn Disk, dir: &Path, session: &Session) -> PathBuf {
    let _ = disk.create_folder(dir);
    storage::new_session_path(dir, session)
}

#[cfg(test)]
mod tests;
