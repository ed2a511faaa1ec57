//! Owning files to open: capture takes one session, review several
//! files, each locked and read through `storage::own`.

use crate::app::Action;
use crate::model::Session;
use crate::storage;
use std::path::{Path, PathBuf};

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
/// has it, or it does not read); none stays locked then. Each file is
/// locked, read, parsed and checked on its own, so a project's files (50
/// workshops, say) are owned on every core at once: opening them all then
/// takes about as long as parsing them one after another, not that plus
/// locking and reading each. The first error in the order given is the one
/// reported, as when they were owned in turn.
pub fn own_all(paths: &[PathBuf]) -> Result<(Vec<Opened>, Vec<storage::Owned>), String> {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let share = paths
        .len()
        .div_ceil(cores.clamp(1, paths.len().max(1)))
        .max(1);
    let owned: Vec<Result<(Opened, storage::Owned), String>> = if share >= paths.len() {
        paths.iter().map(|p| own_one(p)).collect()
    } else {
        std::thread::scope(|scope| {
            let workers: Vec<_> = paths
                .chunks(share)
                .map(|part| {
                    scope.spawn(move || part.iter().map(|p| own_one(p)).collect::<Vec<_>>())
                })
                .collect();
            let done = workers
                .into_iter()
                .map(|w| w.join().expect("owning a file panicked"));
            done.flatten().collect()
        })
    };
    let mut files = Vec::new();
    let mut held = Vec::new();
    for result in owned {
        let (file, owned) = result?;
        files.push(file);
        held.push(owned);
    }
    Ok((files, held))
}

/// One file owned for review: locked, read, parsed and checked.
fn own_one(path: &Path) -> Result<(Opened, storage::Owned), String> {
    std::fs::metadata(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut owned = storage::own(path).map_err(|e| e.to_string())?;
    let file = owned
        .file
        .take()
        .ok_or_else(|| format!("{}: no such file", path.display()))?;
    Ok(((path.to_owned(), file), owned))
}

impl super::Runner {
    /// Takes the lock of the session being captured if this stb does not
    /// hold it yet: a session made while its folder could not be written
    /// (a full disk, an unplugged drive) had no lock to take then. Tried
    /// before each save until it succeeds, so once the folder can be written
    /// the file is this stb's like any other (no second stb writes over it,
    /// and leaving writes it whole, its journal folded in).
    pub(super) fn own_if_unheld(&mut self, app: &crate::app::App) {
        if self.held() {
            return;
        }
        let Some(path) = app.workshop().map(|w| w.path.clone()) else {
            return;
        };
        if let Ok(owned) = storage::own(&path) {
            self.hold(&path, owned);
        }
    }

    /// Whether this runner holds the lock of a file (a file it may write).
    pub(super) fn held(&self) -> bool {
        !self.locks.is_empty()
    }

    /// Owns the file once a save of it succeeded, if it is not held: that
    /// save may have found the folder writable again (made it, even)
    /// before its lock could be taken, and "saved" must not show for a
    /// file another stb could still write over.
    pub(super) fn own_once_saved(&mut self, app: &crate::app::App, outcome: &Action) {
        if matches!(
            outcome,
            Action::Saved(Ok(_)) | Action::SavedUpTo(_, _, Ok(_))
        ) {
            self.own_if_unheld(app);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workshop(dir: &Path, n: u64) -> PathBuf {
        let session = crate::generate::session(crate::generate::Spec {
            insights: 3,
            seed: n,
        });
        let path = dir.join(format!("w{n}.ron"));
        std::fs::write(&path, storage::to_ron(&session)).unwrap();
        path
    }

    #[test]
    fn files_owned_at_once_come_back_in_order_and_the_first_error_is_the_one_told() {
        let dir = tempfile::tempdir().unwrap();
        let paths: Vec<PathBuf> = (0..7).map(|n| workshop(dir.path(), n)).collect();
        let (files, held) = own_all(&paths).unwrap();
        let order: Vec<&PathBuf> = files.iter().map(|(p, _)| p).collect();
        assert_eq!(order, paths.iter().collect::<Vec<_>>());
        assert_eq!(held.len(), paths.len());
        drop(held);

        let mut broken = paths.clone();
        broken[2] = dir.path().join("missing.ron");
        std::fs::write(dir.path().join("bad.ron"), "not a session").unwrap();
        broken[5] = dir.path().join("bad.ron");
        let error = own_all(&broken).unwrap_err();
        assert!(error.contains("missing.ron"), "{error}");
        for path in &paths {
            assert!(storage::lock(path).is_ok(), "none stays locked");
        }
    }
}
