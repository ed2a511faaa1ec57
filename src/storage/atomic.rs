//! The atomic save, step by step, over a file system that tests can swap.
//!
//! A save makes the folder if it went missing, creates a uniquely named
//! temp file beside the target, writes it, fsyncs it, renames it over the
//! target and fsyncs the folder. Any step can fail on a real laptop (a
//! read-only folder, a full disk, a USB stick pulled out), and the promise is
//! the same for each: the previous file stays whole, no temp file is left
//! behind, and the error says which step failed. Those failures are hard to
//! make on demand on a real disk (root ignores permissions, and a full disk
//! needs a mount), so the steps are the methods of [`Disk`]: the app runs
//! them on [`RealDisk`], and tests on a disk that fails at any step they
//! choose.

use std::fmt;
use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The steps of an atomic save, the only file-system calls a save makes, so
/// a test can fail any one of them and check what the user is left with.
pub trait Disk {
    /// Creates `dir` and its parents if missing (owner-only on Unix).
    fn create_folder(&self, dir: &Path) -> io::Result<()>;
    /// Creates `temp`, which must not exist yet, readable by its owner only.
    fn create_temp(&self, temp: &Path) -> io::Result<File>;
    /// Writes all of `bytes` to the temp file.
    fn write(&self, file: &mut File, bytes: &[u8]) -> io::Result<()>;
    /// Flushes the temp file's contents to the device.
    fn sync(&self, file: &File) -> io::Result<()>;
    /// Replaces `to` with `from` in one step.
    fn rename(&self, from: &Path, to: &Path) -> io::Result<()>;
    /// Flushes the folder, so the rename itself survives a power cut.
    fn sync_folder(&self, dir: &Path) -> io::Result<()>;
    /// Removes a temp file a failed save left behind.
    fn remove(&self, temp: &Path) -> io::Result<()>;
}

/// The machine's own file system: what every save uses outside tests.
#[derive(Clone, Copy, Debug, Default)]
pub struct RealDisk;

impl Disk for RealDisk {
    fn create_folder(&self, dir: &Path) -> io::Result<()> {
        super::ensure_folder(dir)
    }

    fn create_temp(&self, temp: &Path) -> io::Result<File> {
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        options.open(temp)
    }

    fn write(&self, file: &mut File, bytes: &[u8]) -> io::Result<()> {
        file.write_all(bytes)
    }

    fn sync(&self, file: &File) -> io::Result<()> {
        file.sync_all()
    }

    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        std::fs::rename(from, to)
    }

    #[cfg(unix)]
    fn sync_folder(&self, dir: &Path) -> io::Result<()> {
        File::open(dir)?.sync_all()
    }

    /// Windows cannot open a folder as a file; its renames are journalled.
    #[cfg(not(unix))]
    fn sync_folder(&self, _dir: &Path) -> io::Result<()> {
        Ok(())
    }

    fn remove(&self, temp: &Path) -> io::Result<()> {
        std::fs::remove_file(temp)
    }
}

/// One step of an atomic save, named in the error when it fails.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    CreateFolder,
    CreateTemp,
    Write,
    Sync,
    Rename,
    SyncFolder,
}

impl Step {
    /// Every step, in the order a save runs them.
    pub const ALL: [Step; 6] = [
        Step::CreateFolder,
        Step::CreateTemp,
        Step::Write,
        Step::Sync,
        Step::Rename,
        Step::SyncFolder,
    ];
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Step::CreateFolder => "creating the folder",
            Step::CreateTemp => "creating the temp file",
            Step::Write => "writing",
            Step::Sync => "fsync",
            Step::Rename => "replacing the file",
            Step::SyncFolder => "fsync of the folder",
        })
    }
}

/// A save that failed at `step`. It travels inside the returned
/// `io::Error` (same kind as `source`), so callers that only show the error
/// still say which step failed, and [`failed_step`] can ask.
#[derive(Debug, thiserror::Error)]
#[error("{step} failed: {source}")]
pub struct StepFailed {
    pub step: Step,
    pub source: io::Error,
}

/// The step an error from [`write_atomically_on`] failed at.
pub fn failed_step(error: &io::Error) -> Option<Step> {
    let failed = error.get_ref()?.downcast_ref::<StepFailed>()?;
    Some(failed.step)
}

/// Tags an error with its step, keeping its kind for callers that match on it.
fn at(step: Step) -> impl FnOnce(io::Error) -> io::Error {
    move |source| io::Error::new(source.kind(), StepFailed { step, source })
}

/// Bytes of the target's name kept in its temp file's name: the 32 added
/// must not push a long (but legal) name past the usual 255-byte limit.
const NAME_KEPT: usize = 128;

/// `.NAME.tmp-<ULID>` beside `path`: hidden, never a `.ron` the home screen
/// lists, and unique, so two saves (or a leftover from a crash) never meet.
pub fn temp_path(path: &Path) -> PathBuf {
    path.with_file_name(format!("{}{}", temp_prefix(path), ulid::Ulid::generate()))
}

/// `.NAME.tmp-`, with NAME cut to [`NAME_KEPT`] bytes on a char boundary.
fn temp_prefix(path: &Path) -> String {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let mut kept = 0;
    for (at, c) in name.char_indices() {
        if at + c.len_utf8() > NAME_KEPT {
            break;
        }
        kept = at + c.len_utf8();
    }
    format!(".{}.tmp-", &name[..kept])
}

/// How old a temp file must be before it counts as a crash's leftover: a
/// save's own lives for milliseconds.
const LEFTOVER_AGE: std::time::Duration = std::time::Duration::from_secs(60);

/// Removes the temp files that saves of `path` left when the process died
/// between creating and renaming them (`kill -9`, a flat battery): hidden,
/// never listed, they would otherwise pile up. Call it holding the
/// session's lock. Returns how many went.
pub fn remove_leftovers(path: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(folder_of(path)) else {
        return 0;
    };
    let prefix = temp_prefix(path);
    let stale = |entry: &std::fs::DirEntry| {
        entry.file_name().to_string_lossy().starts_with(&prefix)
            && entry
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|at| at.elapsed().is_ok_and(|age| age > LEFTOVER_AGE))
    };
    entries
        .filter_map(Result::ok)
        .filter(stale)
        .filter(|entry| std::fs::remove_file(entry.path()).is_ok())
        .count()
}

/// The folder `path` is in (`.` for a bare file name).
fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Saves `bytes` to `path` on `disk` so a failure at any step leaves the
/// previous file whole and no temp file behind: folder (made if missing),
/// temp file, write, fsync, rename over, fsync the folder. The error says
/// which step failed (see [`failed_step`]). Once the rename is done the new
/// file is in place even if the folder fsync then fails.
pub fn write_atomically_on(disk: &dyn Disk, path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = folder_of(path);
    disk.create_folder(dir).map_err(at(Step::CreateFolder))?;
    let temp = temp_path(path);
    let mut file = disk.create_temp(&temp).map_err(at(Step::CreateTemp))?;
    let written = disk
        .write(&mut file, bytes)
        .map_err(at(Step::Write))
        .and_then(|()| disk.sync(&file).map_err(at(Step::Sync)));
    // Closed before the rename: Windows cannot rename an open file.
    drop(file);
    if let Err(error) = written.and_then(|()| disk.rename(&temp, path).map_err(at(Step::Rename))) {
        // Best effort: the error worth showing is the one that stopped the save.
        let _ = disk.remove(&temp);
        return Err(error);
    }
    disk.sync_folder(dir).map_err(at(Step::SyncFolder))
}

/// Replaces `path` with `bytes` in one rename, without waiting for the
/// disk: whole or not at all if the process dies, which the page cache
/// survives. For the capture line's draft, which must keep up with typing
/// even when a busy disk makes fsync take seconds; [`sync_on`] makes it
/// durable afterwards.
pub fn replace_on(disk: &dyn Disk, path: &Path, bytes: &[u8]) -> io::Result<()> {
    disk.create_folder(folder_of(path))
        .map_err(at(Step::CreateFolder))?;
    let temp = temp_path(path);
    let mut file = disk.create_temp(&temp).map_err(at(Step::CreateTemp))?;
    let written = disk.write(&mut file, bytes).map_err(at(Step::Write));
    drop(file);
    if let Err(error) = written.and_then(|()| disk.rename(&temp, path).map_err(at(Step::Rename))) {
        let _ = disk.remove(&temp);
        return Err(error);
    }
    Ok(())
}

/// Flushes `path` and its folder to the device (after [`replace_on`]).
pub fn sync_on(disk: &dyn Disk, path: &Path) -> io::Result<()> {
    let file = File::open(path)?;
    disk.sync(&file).map_err(at(Step::Sync))?;
    disk.sync_folder(folder_of(path))
        .map_err(at(Step::SyncFolder))
}

#[cfg(test)]
pub(crate) mod faulty;
#[cfg(test)]
mod tests;
