//! Saving what is open, never over a change made outside stb.
//!
//! The runner saves on the real disk, off the keystroke path ([`Saver`]);
//! tests run the same runner on a disk that fails at any step of the atomic
//! write, so the whole story (fault, banner, data kept in memory, retry,
//! saved) is checked on a `TestBackend` screen with no terminal.

mod background;
pub mod journal;
mod known;

pub use background::{Done, Saver};

use crate::app::{Action, App, Screen};
use crate::merge;
use crate::model::Session;
use crate::storage::{self, Disk, OnDisk, SaveError, Seen, SessionFile};
use jiff::Timestamp;
use std::path::{Path, PathBuf};

/// Saves what is open on `disk`: the session, or every changed file under
/// review (the first that fails stops it, named). Each save first merges
/// what changed on disk since stb last read or wrote the file (see
/// [`save_checked`]); those merges come first, as
/// [`Action::MergedFromDisk`], then the outcome. Empty when nothing is open.
pub fn save_open_session(
    disk: &dyn Disk,
    app: &App,
    seen: &mut Seen,
    now: Timestamp,
) -> Vec<Action> {
    let mut actions = Vec::new();
    let result = match &app.screen {
        Screen::Workshop(w) => {
            let checked = save_checked(disk, &w.path, &w.session, seen, now);
            actions.extend(checked.merged_action(&w.path));
            checked.result
        }
        Screen::Review(r) => {
            let mut result = Ok(now);
            for f in r.files.iter().filter(|f| f.dirty()) {
                let checked = save_file_checked(disk, &f.path, &f.file, seen, now);
                actions.extend(checked.merged_action(&f.path));
                if let Err(error) = checked.result {
                    result = Err(error);
                    break;
                }
            }
            result
        }
        _ => return actions,
    };
    actions.push(Action::Saved(result));
    actions
}

/// How a checked save went: written (when) or why not, and what the file
/// held once the disk's outside changes were merged in, if it had any.
#[derive(Debug)]
pub struct Checked {
    pub result: Result<Timestamp, String>,
    pub merged: Option<SessionFile>,
}

impl Checked {
    /// The merge for the app to take in, if there was one.
    pub fn merged_action(&self, path: &Path) -> Option<Action> {
        let merged = self.merged.clone()?;
        Some(Action::MergedFromDisk(Box::new((path.to_owned(), merged))))
    }
}

/// Saves `session` to `path`, never over a change made outside stb: if the
/// file differs from how stb last read or wrote it (`seen`), the disk's
/// version is merged in first and the merge is written (and returned, for
/// the screen); a file that no longer parses, or now holds another
/// session, is not overwritten. Costs one `stat` when nothing changed.
pub fn save_checked(
    disk: &dyn Disk,
    path: &Path,
    session: &Session,
    seen: &mut Seen,
    now: Timestamp,
) -> Checked {
    let merged = match outside(path, seen, std::slice::from_ref(session), now) {
        Ok(Some(SessionFile::Combined(_))) => Err(format!(
            "changed outside stb, not overwritten: {} now holds another session",
            name_of(path)
        )),
        Ok(merged) => Ok(merged),
        Err(error) => Err(error),
    };
    let merged = match merged {
        Ok(merged) => merged,
        Err(error) => {
            return Checked {
                result: Err(error),
                merged: None,
            };
        }
    };
    let text = match &merged {
        Some(file) => storage::file_text(path, file),
        None => storage::session_text(path, session),
    };
    write_checked(disk, path, &text, seen, now, merged)
}

/// [`save_checked`] for a file under review, which may hold several
/// sessions.
pub fn save_file_checked(
    disk: &dyn Disk,
    path: &Path,
    file: &SessionFile,
    seen: &mut Seen,
    now: Timestamp,
) -> Checked {
    match outside(path, seen, file.sessions(), now) {
        Ok(merged) => {
            let text = storage::file_text(path, merged.as_ref().unwrap_or(file));
            write_checked(disk, path, &text, seen, now, merged)
        }
        Err(error) => Checked {
            result: Err(error),
            merged: None,
        },
    }
}

/// The merge of `mine` with what changed on disk, if anything did and it
/// brought something new; why not to write, if the disk cannot be read.
///
/// A field that differs on disk under the very stamp it has in memory was
/// edited there without a stamp (in an editor, by a script): stb only ever
/// changes a field with a newer stamp, so memory still holds the value stb
/// last wrote, and the disk's is the edit. It is stamped as a hand edit
/// before the merge, so it wins instead of losing to sort order.
fn outside(
    path: &Path,
    seen: &Seen,
    mine: &[Session],
    now: Timestamp,
) -> Result<Option<SessionFile>, String> {
    let text = match storage::on_disk(path, seen.get(path)) {
        OnDisk::Unchanged => return Ok(None),
        OnDisk::Changed(text) => text,
        OnDisk::Unreadable(error) => return Err(not_overwritten(&error, path)),
    };
    let theirs = storage::parse_file(&text, path).map_err(|e| not_overwritten(&e, path))?;
    let mut theirs = theirs.into_sessions();
    merge::hand_edits::restamp_hand_edits(mine, &mut theirs, now);
    let merged = merge::merge(&[mine.to_vec(), theirs]);
    if merged.as_slice() == mine {
        return Ok(None);
    }
    Ok(Some(SessionFile::from_sessions(merged)))
}

/// Why a file changed outside stb is left alone: first what happened (a
/// status line is narrow), then the file name, line and column.
fn not_overwritten(error: &storage::LoadError, path: &Path) -> String {
    let full = path.display().to_string();
    let error = error.to_string();
    let short = error
        .strip_prefix(&full)
        .map_or(error.clone(), |rest| format!("{}{rest}", name_of(path)));
    format!("changed outside stb, not overwritten: {short}")
}

/// Writes `text` and remembers how the file then looks.
fn write_checked(
    disk: &dyn Disk,
    path: &Path,
    text: &str,
    seen: &mut Seen,
    now: Timestamp,
    merged: Option<SessionFile>,
) -> Checked {
    let result = storage::write_atomically_on(disk, path, text.as_bytes())
        .map(|()| now)
        .map_err(|source| {
            reason(&SaveError {
                path: path.to_owned(),
                source,
            })
        });
    if result.is_ok() {
        seen.set(path, storage::fingerprint(path, text.as_bytes()));
    }
    Checked { result, merged }
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

/// A path's file name, for the status line.
fn name_of(path: &Path) -> String {
    let name = path.file_name().map_or(path.as_os_str(), |n| n);
    name.to_string_lossy().into_owned()
}

/// The file name, not its whole path, and what failed: the reason is what
/// the room needs.
fn reason(error: &SaveError) -> String {
    format!("{}: {}", name_of(&error.path), error.source)
}

/// A free file name in the sessions folder, creating the folder (owner only)
/// if needed. If it cannot be created, the save that follows reports why.
pub fn create_path(disk: &dyn Disk, dir: &Path, session: &Session) -> PathBuf {
    let _ = disk.create_folder(dir);
    storage::new_session_path(dir, session)
}

#[cfg(test)]
mod outside_tests;
