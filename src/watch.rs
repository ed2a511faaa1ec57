//! Noticing that files in one folder changed, for screens that follow files
//! other processes write (the projector view, a shared folder of copies).
//!
//! Two sources, always together. notify's recommended watcher (inotify,
//! FSEvents, ReadDirectoryChanges) tells within milliseconds where the
//! system reports changes; but synced and network folders (Syncthing,
//! Dropbox, SMB, NFS) often report nothing when a file lands from elsewhere,
//! so a stat poll of the folder runs beside it every `poll_every` whatever
//! the watcher says. Both feed one snapshot of (size, mtime, inode) per
//! name: an event re-stats its path at once and the poll compares against
//! what the event already recorded, so one change is reported once.
//!
//! Nothing here opens a file: `symlink_metadata` only, so a FIFO, a device
//! or a link planted in a shared folder costs a stat and never blocks.
//! Events for reads (our own reloads open the file) are ignored, so
//! following a file never wakes itself.

use notify::{EventKind, RecursiveMode, Watcher};
use std::collections::{BTreeSet, HashMap};
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant, SystemTime};

/// How often the watcher's channel is drained while it runs: changes it
/// reports reach the caller within this, not a whole poll period later.
const EVENT_LATENCY: Duration = Duration::from_millis(40);

/// What a stat says about one name: enough to see a rewrite in place (size,
/// mtime) and a replacement by rename (inode).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Stat {
    size: u64,
    modified: Option<SystemTime>,
    inode: u64,
}

impl Stat {
    /// The entry at `path`, without following a link; None when absent or a
    /// folder (only files are followed).
    fn of(path: &Path) -> Option<Stat> {
        let meta = std::fs::symlink_metadata(path).ok()?;
        if meta.is_dir() {
            return None;
        }
        Some(Stat {
            size: meta.len(),
            modified: meta.modified().ok(),
            inode: inode(&meta),
        })
    }
}

#[cfg(unix)]
fn inode(meta: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::ino(meta)
}

#[cfg(not(unix))]
fn inode(_meta: &std::fs::Metadata) -> u64 {
    0
}

/// The system's watcher on the folder and the channel its events arrive on.
struct Events {
    /// Kept alive: dropping it stops the events.
    _watcher: notify::RecommendedWatcher,
    received: Receiver<notify::Result<notify::Event>>,
}

impl Events {
    /// The recommended watcher on `folder`, or None where the system has none
    /// for it (no inotify slots left, an unsupported file system, no folder).
    fn start(folder: &Path) -> Option<Events> {
        let (send, received) = channel();
        let mut watcher = notify::recommended_watcher(send).ok()?;
        watcher.watch(folder, RecursiveMode::NonRecursive).ok()?;
        Some(Events {
            _watcher: watcher,
            received,
        })
    }
}

/// Watches one folder (non-recursive) for changed files, with notify's recommended watcher and,
/// always alongside it, a cheap stat poll (synced and network folders often send no events).
pub struct FolderWatch {
    folder: PathBuf,
    poll_every: Duration,
    next_poll: Instant,
    /// Each file's last known state, by name.
    known: HashMap<OsString, Stat>,
    /// Names changed since the last call to `changed`.
    pending: BTreeSet<OsString>,
    events: Option<Events>,
    /// Whether to (re)start the system's watcher when the folder is there:
    /// false only for [`FolderWatch::polling_only`].
    use_events: bool,
}

impl FolderWatch {
    pub fn new(folder: &Path, poll_every: Duration) -> FolderWatch {
        let mut watch = FolderWatch::polling_only(folder, poll_every);
        watch.use_events = true;
        watch.events = Events::start(folder);
        watch
    }

    /// The stat poll alone, as on a system without a watcher: for tests,
    /// and for a caller that knows events will not come.
    pub fn polling_only(folder: &Path, poll_every: Duration) -> FolderWatch {
        FolderWatch {
            folder: folder.to_owned(),
            poll_every,
            next_poll: Instant::now() + poll_every,
            known: scan(folder).unwrap_or_default(),
            pending: BTreeSet::new(),
            events: None,
            use_events: false,
        }
    }

    /// Whether the system's watcher is running (else only the poll sees changes).
    pub fn has_events(&self) -> bool {
        self.events.is_some()
    }

    /// Paths in the folder created, changed (size, mtime, inode) or removed since the last call; non-blocking, deduplicated.
    pub fn changed(&mut self) -> Vec<PathBuf> {
        let mut poll_now = self.drain_events();
        if Instant::now() >= self.next_poll {
            poll_now = true;
        }
        if poll_now {
            self.poll();
        }
        std::mem::take(&mut self.pending)
            .into_iter()
            .map(|name| self.folder.join(name))
            .collect()
    }

    /// How long the caller may sleep before calling `changed` again.
    pub fn wake_in(&self) -> Duration {
        let to_poll = self.next_poll.saturating_duration_since(Instant::now());
        if self.events.is_some() {
            to_poll.min(EVENT_LATENCY)
        } else {
            to_poll
        }
    }

    /// Takes the watcher's events: each named path is re-stated now. True
    /// when the whole folder needs a poll (the folder itself moved or went,
    /// the watcher lost events or died).
    fn drain_events(&mut self) -> bool {
        let Some(events) = &self.events else {
            return false;
        };
        let mut names = Vec::new();
        let mut poll_now = false;
        let mut restart = false;
        loop {
            match events.received.try_recv() {
                Ok(Ok(event)) => {
                    if matches!(event.kind, EventKind::Access(_)) {
                        continue;
                    }
                    if event.need_rescan() {
                        poll_now = true;
                    }
                    for path in event.paths {
                        match self.name_in_folder(&path) {
                            Some(name) => names.push(name),
                            // The folder itself moved or went: its watch
                            // went with it, and starts again on the folder
                            // the poll finds under the name.
                            None => restart = true,
                        }
                    }
                }
                Ok(Err(_)) => poll_now = true,
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    self.events = None;
                    poll_now = true;
                    break;
                }
            }
        }
        if restart {
            self.events = None;
        }
        for name in names {
            self.restat(name);
        }
        poll_now || restart
    }

    /// The name of `path` if it is an entry of the watched folder itself.
    fn name_in_folder(&self, path: &Path) -> Option<OsString> {
        let name = path.file_name()?;
        let parent = path.parent()?;
        let same = parent == self.folder
            || std::fs::canonicalize(parent).ok() == std::fs::canonicalize(&self.folder).ok();
        same.then(|| name.to_owned())
    }

    /// Records `name`'s state now, pending if it changed.
    fn restat(&mut self, name: OsString) {
        let now = Stat::of(&self.folder.join(&name));
        let before = match now {
            Some(stat) => self.known.insert(name.clone(), stat),
            None => self.known.remove(&name),
        };
        if before != now {
            self.pending.insert(name);
        }
    }

    /// Stats every file in the folder against the snapshot. A folder that
    /// is gone has no files (each is reported removed); when it is back the
    /// system's watcher is started on it again.
    fn poll(&mut self) {
        self.next_poll = Instant::now() + self.poll_every;
        let scanned = scan(&self.folder);
        if scanned.is_none() {
            self.events = None;
        } else if self.use_events && self.events.is_none() {
            self.events = Events::start(&self.folder);
        }
        let now = scanned.unwrap_or_default();
        for (name, stat) in &now {
            if self.known.get(name) != Some(stat) {
                self.pending.insert(name.clone());
            }
        }
        for name in self.known.keys() {
            if !now.contains_key(name) {
                self.pending.insert(name.clone());
            }
        }
        self.known = now;
    }
}

/// Every file in `folder` with its state; None if the folder cannot be read.
fn scan(folder: &Path) -> Option<HashMap<OsString, Stat>> {
    let entries = std::fs::read_dir(folder).ok()?;
    Some(
        entries
            .filter_map(Result::ok)
            .filter_map(|entry| Some((entry.file_name(), Stat::of(&entry.path())?)))
            .collect(),
    )
}

#[cfg(test)]
mod tests;
