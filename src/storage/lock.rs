//! One writer per session file.
//!
//! A facilitator who opens a session that another stb already has open
//! (another window, the same laptop) would have two programs saving over
//! each other. While a session is open, stb holds an exclusive lock on a
//! file beside it (`NAME.ron.lock`), and writes there who holds it and
//! since when. The operating system releases the lock when the process
//! ends, however it ends, so a lock left by a crashed or killed stb is
//! simply taken over: nobody has to delete files by hand.
//!
//! The lock belongs to the real file, not to a name: a session opened
//! through a symbolic link locks the file beside its target, so the link
//! and the target cannot have two writers (hard links are refused when a
//! file is owned, see `files::ownable`). The lock file itself is never
//! followed: a link, FIFO or hard link at its name was not made by stb, so
//! that name is removed (its target untouched) and a fresh lock made.

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

/// Whether `meta` is a lock file stb could have made: a regular file with
/// one name. Anything else at a lock's name would be truncated through.
fn is_plain(meta: &std::fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        meta.file_type().is_file() && meta.nlink() == 1
    }
    #[cfg(not(unix))]
    meta.file_type().is_file()
}

/// Opens the lock file at `path`, made owner-only if missing, never
/// through a link: anything but a plain file there is removed and
/// replaced. Two stbs doing so at once meet at `create_new`, and go round.
fn open_lock_file(path: &Path) -> std::io::Result<File> {
    for _ in 0..8 {
        match std::fs::symlink_metadata(path) {
            Ok(meta) if !is_plain(&meta) => {
                std::fs::remove_file(path)?;
                continue;
            }
            Ok(_) => {
                let mut options = OpenOptions::new();
                options.read(true).write(true);
                super::files::no_wait(&mut options, super::files::Links::Refuse);
                match options.open(path) {
                    Ok(file) if file.metadata().is_ok_and(|m| is_plain(&m)) => return Ok(file),
                    Ok(_) => continue,
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                    // A link slipped in after the check: go round to remove it.
                    Err(e) if super::files::is_link(&e) => continue,
                    Err(e) => return Err(e),
                }
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let mut options = OpenOptions::new();
                options.read(true).write(true).create_new(true);
                super::files::no_wait(&mut options, super::files::Links::Refuse);
                #[cfg(unix)]
                std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
                match options.open(path) {
                    Ok(file) => return Ok(file),
                    Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                    Err(e) => return Err(e),
                }
            }
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other(format!(
        "{} keeps changing under stb",
        path.display()
    )))
}

/// The longest holder note read from a lock file: stb writes one line.
const HOLDER_BYTES: u64 = 256;

/// Takes the session's lock, or says who holds it. The lock is the real
/// file's: through a symbolic link, the one beside its target.
pub fn lock(session: &Path) -> Result<SessionLock, LockError> {
    let io = |source| LockError::Io {
        session: session.to_owned(),
        source,
    };
    let real = super::files::real_path(session).map_err(io)?;
    let path = lock_path(&real);
    let mut file = open_lock_file(&path).map_err(io)?;
    match file.try_lock() {
        Ok(()) => {}
        Err(std::fs::TryLockError::WouldBlock) => {
            let mut holder = Vec::new();
            let _ = (&file).take(HOLDER_BYTES).read_to_end(&mut holder);
            let holder = String::from_utf8_lossy(&holder);
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
    // A new lock file is empty: truncating it anyway cost a journal write
    // per file, felt when review opens fifty.
    if file.metadata().map_or(true, |m| m.len() > 0) {
        file.set_len(0).map_err(io)?;
        file.rewind().map_err(io)?;
    }
    file.write_all(note.as_bytes()).map_err(io)?;
    // Only the lock's holder saves this session, so no save is in flight.
    super::atomic::remove_leftovers(&real);
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
    fn taking_the_lock_clears_every_temp_file_nobody_holds_whatever_its_age() {
        let dir = tempfile::tempdir().unwrap();
        let session = dir.path().join("s.ron");
        let exports = dir.path().join("exports");
        std::fs::create_dir(&exports).unwrap();
        let killed = dir.path().join(".s.ron.tmp-01KAQ3M8Z6W1XH5N2B7C9D0E4F");
        let in_flight = dir.path().join(".s.ron.tmp-01KAQ3M8Z6W1XH5N2B7C9D0E4G");
        let other = dir.path().join(".t.ron.tmp-01KAQ3M8Z6W1XH5N2B7C9D0E4F");
        let export = exports.join(".2026-10-14-x.csv.tmp-01KAQ3M8Z6W1XH5N2B7C9D0E4F");
        let not_temp = dir.path().join(".s.ron.tmp-notes");
        for file in [&killed, &in_flight, &other, &export, &not_temp] {
            std::fs::write(file, "half a save").unwrap();
        }
        // A save in flight holds its temp file locked, as `create_temp` does.
        let writer = std::fs::File::options()
            .write(true)
            .open(&in_flight)
            .unwrap();
        writer.try_lock().unwrap();
        let _held = lock(&session).unwrap();
        assert!(
            !killed.exists(),
            "a killed save's fresh temp file is cleared"
        );
        assert!(!export.exists(), "so is a killed export's");
        assert!(in_flight.exists(), "a save in flight is left alone");
        assert!(other.exists(), "another session's files are not touched");
        assert!(not_temp.exists(), "nor a file that only looks like one");
    }
}
