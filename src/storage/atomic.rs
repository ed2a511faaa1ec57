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
//!
//! Files from elsewhere: the temp file is created exclusively and never
//! through a link, and held locked (`flock`) while it is written, so taking
//! a session's lock can remove every temp file nobody holds, whatever its
//! age. A session save goes through a symbolic link to the real file, and
//! keeps that file's owner, group and (never wider than 0600) mode.

use std::fmt;
use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The steps of an atomic save, the only file-system calls a save makes, so
/// a test can fail any one of them and check what the user is left with.
pub trait Disk {
    /// Creates `dir` and its parents if missing (owner-only on Unix).
    fn create_folder(&self, dir: &Path) -> io::Result<()>;
    /// Creates `temp`, which must not exist yet, readable by its owner only,
    /// never through a link, and locked while the returned file is open.
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
    /// Opens a session's journal to append to it, made owner-only if new
    /// (see `storage::journal`); a link there is refused.
    fn open_append(&self, path: &Path) -> io::Result<File>;
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
        super::files::no_wait(&mut options, super::files::Links::Refuse);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let file = options.open(temp)?;
        // Held until the file is renamed into place (see `remove_leftovers`);
        // a file system without locks only loses that protection.
        let _ = file.try_lock();
        Ok(file)
    }

    fn write(&self, file: &mut File, bytes: &[u8]) -> io::Result<()> {
        file.write_all(bytes)
    }

    fn open_append(&self, path: &Path) -> io::Result<File> {
        let mut options = std::fs::OpenOptions::new();
        options.append(true).create(true);
        super::files::no_wait(&mut options, super::files::Links::Refuse);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let file = options.open(path)?;
        super::files::regular(&file.metadata()?)?;
        Ok(file)
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

/// Whether nobody is writing the temp file at `path`: every writer holds
/// its temp file locked until the rename, and the operating system frees
/// the lock of a killed one. Links and special files are not stb's.
fn abandoned(path: &Path) -> bool {
    let Ok(file) = super::files::open_regular(path, super::files::Links::Refuse) else {
        return false;
    };
    file.try_lock().is_ok()
}

/// Whether a file name is a temp file of stb's: `.NAME.tmp-<ULID>`.
fn is_temp_name(name: &str) -> bool {
    name.starts_with('.')
        && name
            .rsplit_once(".tmp-")
            .is_some_and(|(_, id)| id.parse::<ulid::Ulid>().is_ok())
}

/// Removes the temp files that saves and merges of `path` left when the
/// process died between creating and renaming them (`kill -9`, a flat
/// battery), and those of exports killed in the `exports` folder beside
/// it: hidden, never listed, they would otherwise pile up (16 MB each at a
/// large session). Whatever their age, but only those nobody holds, so a
/// save or export in flight is left alone. Call it holding the session's
/// lock. Returns how many went.
pub fn remove_leftovers(path: &Path) -> usize {
    let folder = folder_of(path);
    remove_abandoned(folder, &|name| is_temp_of(path, name))
        + remove_abandoned(&folder.join("exports"), &is_temp_name)
}

/// Removes the temp files of `path` itself that a killed write left beside
/// it (an export written with `-o` to any folder, whose folder no session
/// lock covers): done before each write of it, so a second export after a
/// killed one leaves nothing behind. Only those nobody holds.
pub fn remove_abandoned_temps_of(path: &Path) -> usize {
    remove_abandoned(folder_of(path), &|name| is_temp_of(path, name))
}

/// Whether `name` is one of stb's temp files for `path`.
fn is_temp_of(path: &Path, name: &str) -> bool {
    name.starts_with(&temp_prefix(path)) && is_temp_name(name)
}

/// Removes the files in `dir` that `mine` names and nobody holds.
fn remove_abandoned(dir: &Path, mine: &dyn Fn(&str) -> bool) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .filter(|entry| mine(&entry.file_name().to_string_lossy()))
        .filter(|entry| abandoned(&entry.path()))
        .filter(|entry| std::fs::remove_file(entry.path()).is_ok())
        .count()
}

/// The folder `path` is in (`.` for a bare file name).
fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Saves a session's `bytes` to `path` on `disk` so a failure at any step
/// leaves the previous file whole and no temp file behind: folder (made if
/// missing), temp file, write, fsync, rename over, fsync the folder. The
/// error says which step failed (see [`failed_step`]). Once the rename is
/// done the new file is in place even if the folder fsync then fails.
///
/// A `path` that is a symbolic link is saved through: its target is
/// replaced, so the link keeps working (`storage::own` has checked that
/// target is a session). The file keeps its owner and group and is never
/// made readable by more than its owner.
pub fn write_atomically_on(disk: &dyn Disk, path: &Path, bytes: &[u8]) -> io::Result<()> {
    let real = super::files::real_path(path).map_err(at(Step::CreateTemp))?;
    write_to(disk, &real, bytes)
}

/// [`write_atomically_on`] for a file that is not a session (an export, a
/// key file): a link at `path` is replaced, never written through.
pub(crate) fn write_to(disk: &dyn Disk, path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = folder_of(path);
    disk.create_folder(dir).map_err(at(Step::CreateFolder))?;
    let original = std::fs::symlink_metadata(path).ok();
    let temp = temp_path(path);
    let mut file = disk.create_temp(&temp).map_err(at(Step::CreateTemp))?;
    keep_owner(&file, original.as_ref());
    let written = disk
        .write(&mut file, bytes)
        .map_err(at(Step::Write))
        .and_then(|()| disk.sync(&file).map_err(at(Step::Sync)));
    // Windows cannot rename an open file; elsewhere it stays open, its lock
    // held, until it is in place.
    let file = if cfg!(windows) {
        drop(file);
        None
    } else {
        Some(file)
    };
    if let Err(error) = written.and_then(|()| disk.rename(&temp, path).map_err(at(Step::Rename))) {
        drop(file);
        // Best effort: the error worth showing is the one that stopped the save.
        let _ = disk.remove(&temp);
        return Err(error);
    }
    drop(file);
    disk.sync_folder(dir).map_err(at(Step::SyncFolder))
}

/// Gives the temp file the owner and group of the file it replaces (a
/// save by root, or by a member of a shared group, must not take the file
/// from its owner) and its mode where that is narrower than 0600. Changing
/// the owner needs root: otherwise the group alone is kept when it can be,
/// and the file is the saver's, as any new file is.
#[cfg(unix)]
fn keep_owner(file: &File, original: Option<&std::fs::Metadata>) {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let Some(original) = original.filter(|m| m.file_type().is_file()) else {
        return;
    };
    let (uid, gid) = (original.uid(), original.gid());
    if std::os::unix::fs::fchown(file, Some(uid), Some(gid)).is_err() {
        let _ = std::os::unix::fs::fchown(file, None, Some(gid));
    }
    let mode = original.mode() & 0o600;
    if mode != 0o600 {
        let _ = file.set_permissions(std::fs::Permissions::from_mode(mode));
    }
}

#[cfg(not(unix))]
fn keep_owner(_file: &File, _original: Option<&std::fs::Metadata>) {}

/// Replaces `path` with `bytes` in one rename, without waiting for the
/// disk: whole or not at all if the process dies, which the page cache
/// survives. For the capture line's draft, which must keep up with typing
/// even when a busy disk makes fsync take seconds; [`sync_on`] makes it
/// durable afterwards.
///
/// A link at `path` is replaced, never written through: a draft is stb's
/// own file, and a link there was planted.
pub fn replace_on(disk: &dyn Disk, path: &Path, bytes: &[u8]) -> io::Result<()> {
    disk.create_folder(folder_of(path))
        .map_err(at(Step::CreateFolder))?;
    let temp = temp_path(path);
    let mut file = disk.create_temp(&temp).map_err(at(Step::CreateTemp))?;
    let written = disk.write(&mut file, bytes).map_err(at(Step::Write));
    let file = if cfg!(windows) {
        drop(file);
        None
    } else {
        Some(file)
    };
    if let Err(error) = written.and_then(|()| disk.rename(&temp, path).map_err(at(Step::Rename))) {
        drop(file);
        let _ = disk.remove(&temp);
        return Err(error);
    }
    Ok(())
}

/// Flushes `path` and its folder to the device (after [`replace_on`]),
/// opening it without following a link or waiting on a FIFO.
pub fn sync_on(disk: &dyn Disk, path: &Path) -> io::Result<()> {
    let file = super::files::open_regular(path, super::files::Links::Refuse)?;
    disk.sync(&file).map_err(at(Step::Sync))?;
    disk.sync_folder(folder_of(path))
        .map_err(at(Step::SyncFolder))
}

#[cfg(test)]
pub(crate) mod faulty;
#[cfg(test)]
mod tests;
