//! What the terminal loop holds for the files open (their locks, the
//! capture-line draft, the saving thread), and owning files to open:
//! capture takes one session, review several files, each locked and read
//! through `storage::own`.

use super::{dispatch, draft, outcomes};
use crate::app::{Action, App, Effect};
use crate::model::Session;
use crate::saving;
use crate::storage::{self, RealDisk};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How often the loop makes sure it still holds its locks.
pub(super) const LOCK_CHECK: Duration = Duration::from_secs(1);

/// What the loop holds for the files open: their locks (one writer per
/// session file), the capture-line draft, and the thread that saves both.
pub(super) struct Held {
    pub(super) locks: Vec<storage::SessionLock>,
    pub(super) draft: draft::Draft,
    pub(super) saver: saving::Saver,
    pub(super) lock_check: std::time::Instant,
    /// Outcomes of background saves not yet fed to the app.
    pub(super) outcomes: std::collections::VecDeque<Action>,
}

impl Held {
    pub(super) fn new() -> Held {
        Held {
            locks: Vec::new(),
            draft: draft::Draft::default(),
            saver: saving::Saver::start(RealDisk),
            lock_check: std::time::Instant::now(),
            outcomes: std::collections::VecDeque::new(),
        }
    }

    /// Holds a file just owned: its lock, and how it looked, for saves to
    /// notice changes made outside stb.
    pub(super) fn take(&mut self, path: &Path, owned: storage::Owned) {
        self.saver.watch(path, owned.seen);
        self.locks.push(owned.lock);
    }

    /// Takes again any lock whose file was deleted (or whose folder
    /// vanished). If another stb took it meanwhile, the outcome is a failed
    /// save naming it: nothing is written over its file, the data stays in
    /// memory, and the retry merges once the lock is free again.
    pub(super) fn keep_locks(&mut self) -> Option<Action> {
        self.lock_check = std::time::Instant::now();
        let lost = self.locks.iter_mut().find_map(|lock| lock.renew().err())?;
        Some(Action::Saved(Err(match lost {
            storage::LockError::Held { session, holder } => {
                let name = session.file_name().unwrap_or_default().to_string_lossy();
                format!("another stb took {name} ({holder}); not saved over it")
            }
            other => other.to_string(),
        })))
    }

    /// Lets every background save finish, feeding each outcome to the app.
    pub(super) fn finish_saves(&mut self, app: &mut App) -> Vec<Effect> {
        let mut effects = Vec::new();
        let waited = self.saver.wait().into_iter().flat_map(outcomes);
        for action in self.outcomes.drain(..).chain(waited).collect::<Vec<_>>() {
            effects.extend(dispatch(app, action));
        }
        effects
    }
}

/// Owns a file to capture into: locked, read, one session. Errors are one
/// line naming the file (and the holder, when another stb has it).
pub fn own_session(path: &Path) -> Result<(Session, storage::Owned), String> {
    std::fs::metadata(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut owned = storage::own(path).map_err(|e| e.to_string())?;
    match owned.file.take() {
        Some(storage::SessionFile::Single(session)) => Ok((*session, owned)),
        Some(storage::SessionFile::Combined(sessions)) => Err(format!(
            "{}: holds {} merged together; `stb review` reads it, `stb open` takes one session",
            path.display(),
            crate::words::count(sessions.len(), "workshop")
        )),
        None => Err(format!("{}: no such file", path.display())),
    }
}

/// A file read for review, and where it is.
pub type Opened = (PathBuf, storage::SessionFile);

/// Owns every file to review, or says which one cannot be (another stb
/// has it, or it does not read); none stays locked then.
pub fn own_all(paths: &[PathBuf]) -> Result<(Vec<Opened>, Vec<storage::Owned>), String> {
    let mut files = Vec::new();
    let mut held = Vec::new();
    for path in paths {
        std::fs::metadata(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut owned = storage::own(path).map_err(|e| e.to_string())?;
        let file = owned
            .file
            .take()
            .ok_or_else(|| format!("{}: no such file", path.display()))?;
        files.push((path.clone(), file));
        held.push(owned);
    }
    Ok((files, held))
}
