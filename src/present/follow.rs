//! Reading a session again each time it changes, at the cost of what
//! changed. A facilitator's Enter appends one small line to the journal;
//! parsing the whole file again for it costs 40 ms at 10,000 insights on a
//! quiet laptop (three times that on a busy one), every line. So while the
//! file itself is the one last read (same size, mtime and inode), only the
//! journal's new complete lines are parsed and merged in (a join: the
//! result is the file with its whole journal, as `load_with_journal` gives).
//! Anything else (the file rewritten or replaced, the journal shorter than
//! what was read of it) reads everything again. Nothing is written.

use crate::merge::journal::replay;
use crate::model::Session;
use crate::storage::{self, LoadError};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

/// What a stat says of the session file: a change to any of it is a new file.
#[derive(Clone, Debug, PartialEq, Eq)]
struct FileId {
    len: u64,
    modified: Option<SystemTime>,
    inode: u64,
}

fn file_id(path: &Path) -> Option<FileId> {
    let meta = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&meta);
    #[cfg(not(unix))]
    let inode = 0;
    Some(FileId {
        len: meta.len(),
        modified: meta.modified().ok(),
        inode,
    })
}

/// The last whole read, and how much of the journal is in it.
struct Read {
    session: Arc<Session>,
    file: FileId,
    journal_used: usize,
}

/// Follows one session file (see the module's note).
pub struct Follower {
    path: PathBuf,
    last: Option<Read>,
}

impl Follower {
    pub fn new(path: &Path) -> Follower {
        Follower {
            path: path.to_owned(),
            last: None,
        }
    }

    /// The session as the file and its journal give it now.
    pub fn read(&mut self) -> Result<Arc<Session>, LoadError> {
        // Taken before reading: a change while reading makes the next read whole.
        let file = file_id(&self.path);
        let journal = storage::read_journal(&self.path).unwrap_or_default();
        let complete = journal.rfind('\n').map_or(0, |at| at + 1);
        if let Some(last) = &mut self.last
            && file.as_ref() == Some(&last.file)
            && complete >= last.journal_used
        {
            if complete > last.journal_used {
                let lines = &journal[last.journal_used..complete];
                last.session = Arc::new(replay(&last.session, lines).0);
                last.journal_used = complete;
            }
            return Ok(Arc::clone(&last.session));
        }
        self.last = None;
        let session = Arc::new(replay(&storage::load(&self.path)?, &journal[..complete]).0);
        if let Some(file) = file {
            self.last = Some(Read {
                session: Arc::clone(&session),
                file,
                journal_used: complete,
            });
        }
        Ok(session)
    }
}

#[cfg(test)]
mod tests;
