//! What arrived in the room's folder: the peers' copies read as they land,
//! merged into one session for the screen, half-written files read again
//! later, conflict copies tidied once the own copy holds them.
//!
//! It is told which paths changed (by a folder watcher, or by a test) and
//! reads only those, one `stat` each when a file is as it was last read;
//! it never writes anything but the removal of a conflict copy whose
//! every record the own copy already holds.

use super::{conflict_of, holds_all_of, is_session_name, read_copy_of};
use crate::merge;
use crate::model::Session;
use crate::storage::{self, Fingerprint};
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use ulid::Ulid;

/// The copies of one session in one folder, as this laptop has read them.
#[derive(Debug)]
pub struct Arrivals {
    folder: PathBuf,
    own: PathBuf,
    id: Ulid,
    /// How each file looked when last read (copies, journals and the files
    /// of other sessions alike), so an unchanged one is not read again.
    seen: HashMap<PathBuf, Fingerprint>,
    /// Files not read yet: the whole folder, at the first call.
    unread: BTreeSet<PathBuf>,
    /// Conflict copies merged in, to remove once the own copy holds them.
    conflicts: BTreeSet<PathBuf>,
}

/// What one look at the folder found.
#[derive(Debug, Default)]
pub struct News {
    /// The merge of every copy that changed, if any did.
    pub session: Option<Session>,
    /// Copies that could not be read yet, and why (a half-written file).
    pub waiting: Vec<(PathBuf, String)>,
}

impl Arrivals {
    /// The copies of session `id` beside `own`, this laptop's copy. Every
    /// file in the folder is read at the first [`Self::take`].
    pub fn new(own: &Path, id: Ulid) -> Arrivals {
        let folder = super::folder_of(own).to_owned();
        let mut unread = BTreeSet::new();
        if let Ok(entries) = std::fs::read_dir(&folder) {
            unread.extend(entries.filter_map(Result::ok).map(|e| e.path()));
        }
        Arrivals {
            folder,
            own: own.to_owned(),
            id,
            seen: HashMap::new(),
            unread,
            conflicts: BTreeSet::new(),
        }
    }

    /// Reads the copies among `changed` that differ from when they were
    /// last read (at the first call, every file in the folder), and merges
    /// them. A copy that does not parse (half-written) is read again when
    /// it changes next: a copy being written changes until it is whole.
    pub fn take(&mut self, changed: impl IntoIterator<Item = PathBuf>) -> News {
        let mut queue: BTreeSet<PathBuf> = std::mem::take(&mut self.unread);
        for path in changed {
            let Some(name) = path.file_name() else {
                continue;
            };
            let path = self.folder.join(name);
            let journal_of = path.to_str().and_then(|p| p.strip_suffix(".journal"));
            let copy = journal_of.map_or(path.clone(), PathBuf::from);
            if storage::looks_unchanged(&path, self.seen.get(&path)) {
                continue;
            }
            queue.insert(copy);
        }
        let mut news = News::default();
        let mut merged: Option<Session> = None;
        for path in queue {
            if !is_session_name(&path) || path.file_name() == self.own.file_name() {
                continue;
            }
            match self.read(&path) {
                Ok(Some(copy)) => {
                    merged = Some(match merged {
                        Some(so_far) => merge::merge_pair(&so_far, &copy),
                        None => copy,
                    });
                }
                Ok(None) => {}
                Err(why) => news.waiting.push((path, why)),
            }
        }
        news.session = merged;
        news
    }

    /// Reads one file: its copy of the session, None if it holds another
    /// session (or has gone), or why it cannot be read yet (it is read
    /// again once it changes: a hostile file that never parses costs one
    /// `stat` a look, not a read).
    fn read(&mut self, path: &Path) -> Result<Option<Session>, String> {
        let Ok(meta) = std::fs::symlink_metadata(path) else {
            self.seen.remove(path);
            return Ok(None);
        };
        if !meta.file_type().is_file() {
            return Ok(None);
        }
        let journal = storage::journal_path(path);
        let remember = |seen: &mut HashMap<PathBuf, Fingerprint>| {
            for file in [path, journal.as_path()] {
                match storage::fingerprint(file, &[]) {
                    Some(print) => seen.insert(file.to_owned(), print),
                    None => seen.remove(file),
                };
            }
        };
        if let Some(head) = storage::read_head(path)
            && head.id != self.id
        {
            remember(&mut self.seen);
            return Ok(None);
        }
        match read_copy_of(path, Some(self.id)) {
            Ok(copy) => {
                remember(&mut self.seen);
                let name = path.file_name().unwrap_or_default().to_string_lossy();
                if copy.is_some() && conflict_of(&name).is_some() {
                    self.conflicts.insert(path.to_owned());
                }
                Ok(copy)
            }
            Err(error) => {
                remember(&mut self.seen);
                Err(error.to_string())
            }
        }
    }

    /// Whether files wait to be read or tidied: the caller looks again
    /// soon even if nothing changes.
    pub fn waiting(&self) -> bool {
        !self.unread.is_empty() || !self.conflicts.is_empty()
    }

    /// Removes the conflict copies that the own copy, as saved, already
    /// holds entirely; the paths removed.
    pub fn tidy(&mut self) -> Vec<PathBuf> {
        let mut removed = Vec::new();
        for path in std::mem::take(&mut self.conflicts) {
            let copy = match read_copy_of(&path, Some(self.id)) {
                Ok(Some(copy)) => copy,
                // Gone, or no longer this session's: nothing to tidy.
                Ok(None) => continue,
                Err(_) if std::fs::symlink_metadata(&path).is_err() => continue,
                Err(_) => {
                    self.conflicts.insert(path);
                    continue;
                }
            };
            if holds_all_of(&self.own, &copy) && std::fs::remove_file(&path).is_ok() {
                self.seen.remove(&path);
                removed.push(path);
            } else {
                self.conflicts.insert(path);
            }
        }
        removed
    }
}
