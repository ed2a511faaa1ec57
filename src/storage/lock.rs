//! One writer per session file.
//!
//! A facilitator who opens a session that another stb already has open
//! (another window, the same laptop) would have two programs saving over
//! each other. While a session is open, stb holds an exclusive lock on a
//! file beside it (`NAME.ron.lock`), and writes there who holds it and
//! since when. The operating system releases the lock when the process
//! ends, however it ends, so a lock left by a crashed or killed stb is
//! simply taken over: nobody has to delete files by hand.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

/// A held lock on a session file; released when dropped.
#[derive(Debug)]
pub struct SessionLock {
    file: File,
    pub path: PathBuf,
    /// The session file it guards.
    pub session: PathBuf,
}

impl SessionLock {
    /// Whether the lock file at [`SessionLock::path`] is still the one this
    /// lock holds. Someone deleting it (or the whole folder) frees the name
    /// for a second stb, which would lock a new file there: the holder must
    /// notice and take the lock again (see [`SessionLock::renew`]).
    pub fn still_held(&self) -> bool {
        let Ok(there) = std::fs::symlink_metadata(&self.path) else {
            return false;
        };
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            self.file
                .metadata()
                .is_ok_and(|mine| mine.dev() == there.dev() && mine.ino() == there.ino())
        }
        #[cfg(not(unix))]
        {
            there.is_file()
        }
    }

    /// Makes sure this lock still guards its session: if the lock file was
    /// deleted (or its folder), it is taken again, the folder made if need
    /// be. Fails, naming the holder, if another stb took it meanwhile.
    pub fn renew(&mut self) -> Result<(), LockError> {
        if self.still_held() {
            return Ok(());
        }
        if let Some(dir) = self.session.parent().filter(|d| !d.as_os_str().is_empty()) {
            let _ = super::ensure_folder(dir);
        }
        *self = lock(&self.session)?;
        Ok(())
    }
}

/// Why a session could not be locked.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("{}: open in another stb ({holder}); close it there first", session.display())]
    Held { session: PathBuf, holder: String },
    #[error("{}: cannot lock: {source}", session.display())]
    Io {
        session: PathBuf,
        source: std::io::Error,
    },
}

/// The lock file of a session file.
pub fn lock_path(session: &Path) -> PathBuf {
    let mut name = session.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    session.with_file_name(name)
}

/// Takes the session's lock, or says who holds it.
pub fn lock(session: &Path) -> Result<SessionLock, LockError> {
    let path = lock_path(session);
    let io = |source| LockError::Io {
        session: session.to_owned(),
        source,
    };
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(&path).map_err(io)?;
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            let mut holder = String::new();
            let _ = file.read_to_string(&mut holder);
            let holder = holder.trim();
            let holder = if holder.is_empty() {
                "another process".to_owned()
            } else {
                holder.to_owned()
            };
            return Err(LockError::Held {
                session: session.to_owned(),
                holder,
            });
        }
        Err(std::fs::TryLockError::Error(source)) => return Err(io(source)),
    }
    let since = jiff::Timestamp::now().strftime("%Y-%m-%d %H:%M:%S UTC");
    let note = format!("process {} since {since}", std::process::id());
    file.set_len(0).map_err(io)?;
    file.rewind().map_err(io)?;
    file.write_all(note.as_bytes()).map_err(io)?;
    // Only the lock's holder saves this session, so no save is in flight.
    super::atomic::remove_leftovers(session);
    Ok(SessionLock {
        file,
        path,
        session: session.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_is_refused_naming_the_holder_and_freed_on_drop() {
        let dir = tempfile::tempdir().unwrap();
        let session = dir.path().join("s.ron");
        let first = lock(&session).unwrap();
        let err = lock(&session).unwrap_err().to_string();
        assert!(
            err.contains(&format!("process {}", std::process::id())),
            "{err}"
        );
        assert!(err.starts_with(&session.display().to_string()), "{err}");
        drop(first);
        assert!(lock(&session).is_ok(), "a released lock is taken over");
    }

    #[test]
    fn a_deleted_lock_is_noticed_and_taken_again_unless_someone_else_took_it() {
        let dir = tempfile::tempdir().unwrap();
        let session = dir.path().join("s.ron");
        let mut held = lock(&session).unwrap();
        assert!(held.still_held());
        std::fs::remove_file(lock_path(&session)).unwrap();
        assert!(!held.still_held());
        held.renew().unwrap();
        assert!(held.still_held() && lock(&session).is_err());

        std::fs::remove_dir_all(dir.path()).unwrap();
        held.renew().unwrap();
        assert!(held.still_held(), "the vanished folder is made again");

        std::fs::remove_file(lock_path(&session)).unwrap();
        let _other = lock(&session).unwrap();
        let err = held.renew().unwrap_err().to_string();
        assert!(err.contains("open in another stb"), "{err}");
    }

    #[test]
    fn taking_the_lock_clears_what_a_killed_save_left_but_not_a_fresh_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let session = dir.path().join("s.ron");
        let old = dir.path().join(".s.ron.tmp-01KAQ3M8Z6W1XH5N2B7C9D0E4F");
        let fresh = dir.path().join(".s.ron.tmp-01KAQ3M8Z6W1XH5N2B7C9D0E4G");
        let other = dir.path().join(".t.ron.tmp-01KAQ3M8Z6W1XH5N2B7C9D0E4F");
        for file in [&old, &fresh, &other] {
            std::fs::write(file, "half a save").unwrap();
        }
        let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3_600);
        for file in [&old, &other] {
            std::fs::File::options()
                .write(true)
                .open(file)
                .unwrap()
                .set_modified(an_hour_ago)
                .unwrap();
        }
        let _held = lock(&session).unwrap();
        assert!(!old.exists(), "the killed save's temp file is cleared");
        assert!(fresh.exists(), "a save that may be in flight is left alone");
        assert!(other.exists(), "another session's files are not touched");
    }
}
