//! The journal beside a session (`NAME.ron.journal`): what changed since the
//! session file was last written, one line a save.
//!
//! Rewriting a 10,000-insight file costs some 120 ms of CPU, every Enter, on
//! the same two cores the typing needs. So a capture save appends only the
//! records that changed, as one line of compact RON (a session holding just
//! them, which merges into the file like any copy), and fsyncs it; the file
//! itself is rewritten now and then (see `saving::journal`). The file stays
//! the truth that git, merges and hand edits see, a little behind; whoever
//! next owns the file (`storage::own`) folds a journal a crash left behind
//! before anything else reads or writes it.
//!
//! A line a crash cut short is never acknowledged (the save reports only
//! after the fsync), so a line that does not parse is skipped when folding.

use super::Disk;
use super::files::{Links, open_regular, read_capped};
use std::io::{self, Seek};
use std::path::{Path, PathBuf};

/// Where the journal of the session at `session` is.
pub fn journal_path(session: &Path) -> PathBuf {
    let mut name = session.file_name().unwrap_or_default().to_os_string();
    name.push(".journal");
    session.with_file_name(name)
}

/// Appends `line` (one line, no line break) to the journal of `session`
/// and makes it durable. On failure the journal is cut back to where it
/// was, so a torn line never sits before a later good one.
pub fn append_on(disk: &dyn Disk, session: &Path, line: &str) -> io::Result<()> {
    let path = journal_path(session);
    let mut file = disk.open_append(&path)?;
    let before = file.seek(io::SeekFrom::End(0))?;
    let mut bytes = Vec::with_capacity(line.len() + 1);
    bytes.extend_from_slice(line.as_bytes());
    bytes.push(b'\n');
    let written = disk
        .write(&mut file, &bytes)
        .and_then(|()| disk.sync(&file));
    if written.is_err() {
        let _ = file.set_len(before);
        if before == 0 {
            let _ = std::fs::remove_file(&path);
        }
    }
    written
}

/// The journal's lines, if there is one stb can read: a plain file of one
/// name, within the size cap (a link or FIFO planted there is ignored).
pub fn read_journal(session: &Path) -> Option<String> {
    let file = open_regular(&journal_path(session), Links::Refuse).ok()?;
    let bytes = read_capped(file, super::MAX_FILE_BYTES).ok()??;
    String::from_utf8(bytes).ok()
}

/// Removes the journal: everything in it is in the file now.
pub fn remove_journal(session: &Path) {
    let _ = std::fs::remove_file(journal_path(session));
}

/// Whether a journal waits beside `session`.
pub fn has_journal(session: &Path) -> bool {
    std::fs::symlink_metadata(journal_path(session)).is_ok()
}

/// The session at `path` as stb would open it after a crash: the file with
/// its journal folded in, without writing anything (for checks and tests).
pub fn load_with_journal(path: &Path) -> Result<crate::model::Session, super::LoadError> {
    let session = super::load(path)?;
    Ok(match read_journal(path) {
        Some(journal) => crate::merge::journal::replay(&session, &journal).0,
        None => session,
    })
}
