//! Taking ownership of a session file: the one way in for every writer.
//!
//! Capture, review, `stb erase`, `stb merge -o` over a session, the review
//! screen's merge and git's merge driver all write session files. Each seam
//! between them lost data when one of them skipped a step (no lock, a clock
//! that never saw the file's newest stamp, a save over a file that changed
//! underneath). So they all go through [`own`]: it takes the lock (a second
//! writer is refused with the holder named), reads the file, and returns
//! its newest stamp, which the caller's clock must observe, and the file's
//! [`Fingerprint`], which a later save compares with the disk to notice an
//! outside change (see `saving::save_checked`).

use super::{LoadError, LockError, SessionFile, SessionLock};
use crate::model::Stamp;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// What a file looked like when stb last read or wrote it. The stat part
/// is compared first, so an unchanged file costs one `stat`; only when it
/// differs is the file read and its hash compared (a `touch` is no change).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fingerprint {
    len: u64,
    modified: Option<SystemTime>,
    inode: (u64, u64),
    hash: u64,
}

impl Fingerprint {
    /// Whether the file, as it looked then, held exactly `bytes`: what
    /// stb would write now is already there, so the next change can be
    /// appended to a journal instead of rewriting the file.
    pub fn holds(&self, bytes: &[u8]) -> bool {
        self.len == bytes.len() as u64 && self.hash == hash(bytes)
    }
}

/// A file owned for writing: its lock (released on drop), what it held
/// (None: it did not exist yet), and how it looked.
#[derive(Debug)]
pub struct Owned {
    pub lock: SessionLock,
    pub file: Option<SessionFile>,
    pub seen: Option<Fingerprint>,
}

impl Owned {
    /// The newest stamp anywhere in the file, for the writer's clock to
    /// observe before stamping anything (themes, members and comments too).
    pub fn newest_stamp(&self) -> Stamp {
        self.file.as_ref().map(newest_in).unwrap_or_default()
    }
}

impl Owned {
    /// Gives the lock back and removes its file, for a command that is done
    /// with the session (erase, merge): a short-lived command leaves no
    /// `.lock` beside the file (nor in a git work tree, for the driver).
    pub fn release(self) {
        if self.lock.still_held() {
            let _ = std::fs::remove_file(&self.lock.path);
        }
    }
}

/// The newest stamp of any session in `file`.
pub fn newest_in(file: &SessionFile) -> Stamp {
    let newest = file
        .sessions()
        .iter()
        .map(crate::model::Session::newest_stamp);
    newest.max().unwrap_or_default()
}

/// Why a file could not be owned.
#[derive(Debug, thiserror::Error)]
pub enum OwnError {
    #[error(transparent)]
    Lock(#[from] LockError),
    #[error(transparent)]
    Load(#[from] LoadError),
}

/// Takes `path`'s lock and reads it. A missing file is owned empty (a
/// merge's new output, its folder made if need be); any other read error, or a file that does not
/// parse, gives the lock back and says why.
///
/// One writer per real file, not per name: a symbolic link is owned as its
/// target (the lock beside the target), a file with several hard links is
/// refused (a save would split it), and so are FIFOs, devices and sockets,
/// without waiting on them. The file's device and inode are checked again
/// once the lock is held, so a link changed meanwhile is not written through.
pub fn own(path: &Path) -> Result<Owned, OwnError> {
    // A new file's folder is made, as a save would make it.
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.exists()
    {
        let _ = super::ensure_folder(dir);
    }
    let refused = |source| LoadError::Io {
        path: path.to_owned(),
        source,
    };
    let before = super::files::ownable(path).map_err(refused)?;
    let lock = super::lock(path)?;
    if super::files::ownable(path).map_err(refused)? != before {
        return Err(OwnError::Load(LoadError::Invalid {
            path: path.to_owned(),
            message: "the file changed while stb was locking it; try again".into(),
        }));
    }
    let text = match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Owned {
                lock,
                file: None,
                seen: None,
            });
        }
        _ => super::read_text(path)?,
    };
    let file = super::parse_file(&text, path)?;
    let (file, text) = fold_journal(path, file, text)?;
    let seen = fingerprint(path, text.as_bytes());
    Ok(Owned {
        lock,
        file: Some(file),
        seen,
    })
}

/// A journal a crash left beside the file (see `storage::journal`),
/// folded in and written before anyone reads or writes the file: what a
/// save acknowledged is in the file again. The file and its text, as now
/// on disk.
fn fold_journal(
    path: &Path,
    file: SessionFile,
    text: String,
) -> Result<(SessionFile, String), OwnError> {
    let Some(journal) = super::read_journal(path) else {
        return Ok((file, text));
    };
    let SessionFile::Single(session) = &file else {
        return Ok((file, text));
    };
    let (folded, taken) = crate::merge::journal::replay(session, &journal);
    if taken == 0 || folded == **session {
        super::remove_journal(path);
        return Ok((file, text));
    }
    let folded_text = super::session_text(path, &folded);
    super::write_atomically(path, folded_text.as_bytes()).map_err(|source| {
        OwnError::Load(LoadError::Io {
            path: path.to_owned(),
            source,
        })
    })?;
    super::remove_journal(path);
    Ok((SessionFile::Single(Box::new(folded)), folded_text))
}

/// The fingerprint of `path` now, which holds `bytes` (just read or
/// written); None if it cannot be stat'ed.
pub fn fingerprint(path: &Path, bytes: &[u8]) -> Option<Fingerprint> {
    let meta = std::fs::metadata(path).ok()?;
    Some(Fingerprint {
        len: meta.len(),
        modified: meta.modified().ok(),
        inode: inode(&meta),
        hash: hash(bytes),
    })
}

#[cfg(unix)]
fn inode(meta: &std::fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn inode(_meta: &std::fs::Metadata) -> (u64, u64) {
    (0, 0)
}

fn hash(bytes: &[u8]) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
}

/// What is on disk at `path` compared with `seen`.
#[derive(Debug)]
pub enum OnDisk {
    /// As stb last left it (or gone, or never seen: nothing to merge).
    Unchanged,
    /// Someone changed it: its text now.
    Changed(String),
    /// Changed, and it cannot be read.
    Unreadable(LoadError),
}

/// Whether `path` is there and looks as it did at `seen`, by one `stat`
/// (size, time and inode; no read): what a journal append checks, so a
/// file changed outside stb is merged at once by a whole save instead.
pub fn looks_unchanged(path: &Path, seen: Option<&Fingerprint>) -> bool {
    let (Some(seen), Ok(meta)) = (seen, std::fs::metadata(path)) else {
        return false;
    };
    seen.len == meta.len() && seen.modified == meta.modified().ok() && seen.inode == inode(&meta)
}

/// Whether the file changed since `seen`: one `stat` when it did not.
pub fn on_disk(path: &Path, seen: Option<&Fingerprint>) -> OnDisk {
    let Ok(meta) = std::fs::metadata(path) else {
        return OnDisk::Unchanged;
    };
    if let Some(seen) = seen
        && seen.len == meta.len()
        && seen.modified == meta.modified().ok()
        && seen.inode == inode(&meta)
    {
        return OnDisk::Unchanged;
    }
    match super::read_text(path) {
        Ok(text) if seen.is_some_and(|s| s.hash == hash(text.as_bytes())) => OnDisk::Unchanged,
        Ok(text) => OnDisk::Changed(text),
        Err(error) => OnDisk::Unreadable(error),
    }
}

/// Fingerprints of the files stb writes, by path: the last state stb read
/// or wrote, which a save checks before writing.
#[derive(Debug, Default)]
pub struct Seen(std::collections::HashMap<PathBuf, Fingerprint>);

impl Seen {
    /// Remembers how `path` looks.
    pub fn set(&mut self, path: &Path, print: Option<Fingerprint>) {
        match print {
            Some(print) => self.0.insert(path.to_owned(), print),
            None => self.0.remove(path),
        };
    }

    /// How `path` looked when stb last read or wrote it.
    pub fn get(&self, path: &Path) -> Option<&Fingerprint> {
        self.0.get(path)
    }
}

#[cfg(test)]
mod tests;
