//! A disk that fails one step of a save, the way a real disk does, until the
//! fault is cleared; every other call goes to the real file system.

use super::{Disk, RealDisk, Step};
use std::fs::File;
use std::io;
use std::path::Path;
use std::sync::{Arc, Mutex};

/// What went wrong, as a user meets it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fault {
    PermissionDenied,
    ReadOnly,
    /// ENOSPC. At the write step, half the bytes land first.
    NoSpace,
    /// The device takes half the bytes, then no more (write_all's
    /// `WriteZero`). Only the write step can be short.
    ShortWrite,
}

impl Fault {
    pub(crate) const ALL: [Fault; 4] = [
        Fault::PermissionDenied,
        Fault::ReadOnly,
        Fault::NoSpace,
        Fault::ShortWrite,
    ];

    /// Whether this fault can happen at `step` (only a write can be short).
    pub(crate) fn fits(self, step: Step) -> bool {
        self != Fault::ShortWrite || step == Step::Write
    }

    /// The error the OS returns: raw errno on Unix, as std reports it.
    pub(crate) fn error(self) -> io::Error {
        #[cfg(unix)]
        let raw = |errno: i32| io::Error::from_raw_os_error(errno);
        match self {
            #[cfg(unix)]
            Fault::PermissionDenied => raw(13),
            #[cfg(unix)]
            Fault::ReadOnly => raw(30),
            #[cfg(unix)]
            Fault::NoSpace => raw(28),
            #[cfg(not(unix))]
            Fault::PermissionDenied => io::ErrorKind::PermissionDenied.into(),
            #[cfg(not(unix))]
            Fault::ReadOnly => io::ErrorKind::ReadOnlyFilesystem.into(),
            #[cfg(not(unix))]
            Fault::NoSpace => io::ErrorKind::StorageFull.into(),
            Fault::ShortWrite => {
                io::Error::new(io::ErrorKind::WriteZero, "failed to write whole buffer")
            }
        }
    }

    /// The kind a caller sees, so tests can check it survived the wrapping.
    pub(crate) fn kind(self) -> io::ErrorKind {
        match self {
            Fault::PermissionDenied => io::ErrorKind::PermissionDenied,
            Fault::ReadOnly => io::ErrorKind::ReadOnlyFilesystem,
            Fault::NoSpace => io::ErrorKind::StorageFull,
            Fault::ShortWrite => io::ErrorKind::WriteZero,
        }
    }
}

/// The real disk, except that `step` fails with `fault` while set. Clones
/// share the fault, so a test can clear it under the saving thread.
#[derive(Clone, Debug, Default)]
pub(crate) struct FaultyDisk {
    fault: Arc<Mutex<Option<(Step, Fault)>>>,
}

impl FaultyDisk {
    pub(crate) fn failing(step: Step, fault: Fault) -> FaultyDisk {
        FaultyDisk {
            fault: Arc::new(Mutex::new(Some((step, fault)))),
        }
    }

    /// From now on `step` fails with `fault`.
    pub(crate) fn fail(&self, step: Step, fault: Fault) {
        *self.lock() = Some((step, fault));
    }

    /// The fault goes away (space freed, drive remounted read-write).
    pub(crate) fn clear(&self) {
        *self.lock() = None;
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<(Step, Fault)>> {
        self.fault
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn fault(&self) -> Option<(Step, Fault)> {
        *self.lock()
    }

    fn check(&self, step: Step) -> io::Result<()> {
        match self.fault() {
            Some((failing, fault)) if failing == step => Err(fault.error()),
            _ => Ok(()),
        }
    }
}

impl Disk for FaultyDisk {
    fn create_folder(&self, dir: &Path) -> io::Result<()> {
        self.check(Step::CreateFolder)?;
        RealDisk.create_folder(dir)
    }

    fn create_temp(&self, temp: &Path) -> io::Result<File> {
        self.check(Step::CreateTemp)?;
        RealDisk.create_temp(temp)
    }

    fn write(&self, file: &mut File, bytes: &[u8]) -> io::Result<()> {
        if let Some((Step::Write, fault)) = self.fault() {
            if matches!(fault, Fault::NoSpace | Fault::ShortWrite) {
                RealDisk.write(file, &bytes[..bytes.len() / 2])?;
            }
            return Err(fault.error());
        }
        RealDisk.write(file, bytes)
    }

    fn sync(&self, file: &File) -> io::Result<()> {
        self.check(Step::Sync)?;
        RealDisk.sync(file)
    }

    fn rename(&self, from: &Path, to: &Path) -> io::Result<()> {
        self.check(Step::Rename)?;
        RealDisk.rename(from, to)
    }

    fn sync_folder(&self, dir: &Path) -> io::Result<()> {
        self.check(Step::SyncFolder)?;
        RealDisk.sync_folder(dir)
    }

    fn remove(&self, temp: &Path) -> io::Result<()> {
        RealDisk.remove(temp)
    }

    fn open_append(&self, path: &Path) -> io::Result<File> {
        self.check(Step::CreateTemp)?;
        RealDisk.open_append(path)
    }
}

/// The names in `dir`, sorted: a temp file left behind shows up here.
pub(crate) fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}
