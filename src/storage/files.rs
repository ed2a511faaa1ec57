//! Opening files that may have been crafted: sessions travel through git,
//! shared drives and USB sticks, so any name in the sessions folder may be a
//! symbolic link, a hard link, a FIFO or a device.
//!
//! A FIFO blocks a reader for ever and `/dev/zero` never ends, so nothing is
//! opened before its type is checked, the open itself never blocks
//! (`O_NONBLOCK`) and the type is checked again on the open file (the name
//! may have changed in between), and every read stops at a cap whatever the
//! metadata says. Files stb keeps beside a session (lock, draft, temp files)
//! are never followed through a link (`O_NOFOLLOW`): a link there was not
//! made by stb, and following it once truncated or leaked its target. A
//! session path that is a link is followed on purpose, to the one real file
//! that both names then share (see [`real_path`]).

use std::fs::{File, Metadata, OpenOptions};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// Whether the last part of a path may be a symbolic link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Links {
    /// A session the user named: a link to it is the file it points at.
    Follow,
    /// A file stb keeps beside a session: a link there is refused.
    Refuse,
}

/// What a path holds, named for a message, when it is not a regular file.
fn odd_kind(meta: &Metadata) -> Option<&'static str> {
    let kind = meta.file_type();
    if kind.is_file() {
        return None;
    }
    if kind.is_dir() {
        return Some("a folder");
    }
    if kind.is_symlink() {
        return Some("a symbolic link");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if kind.is_socket() {
            return Some("a socket");
        }
        if kind.is_block_device() || kind.is_char_device() {
            return Some("a device");
        }
    }
    Some("not a regular file")
}

/// An error for a path that is not a regular file: one line, naming what
/// it is instead.
fn refused(kind: &str) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("{kind}, not a regular file: stb reads only regular files"),
    )
}

/// Refuses anything but a regular file.
pub(crate) fn regular(meta: &Metadata) -> io::Result<()> {
    odd_kind(meta).map_or(Ok(()), |kind| Err(refused(kind)))
}

/// Opens `path` for reading if it is a regular file, never waiting on it
/// and never following a link where `links` refuses them.
pub(crate) fn open_regular(path: &Path, links: Links) -> io::Result<File> {
    let meta = match links {
        Links::Follow => std::fs::metadata(path)?,
        Links::Refuse => std::fs::symlink_metadata(path)?,
    };
    regular(&meta)?;
    let mut options = OpenOptions::new();
    options.read(true);
    no_wait(&mut options, links);
    let file = options.open(path).map_err(link_refused)?;
    regular(&file.metadata()?)?;
    Ok(file)
}

/// Adds `O_NONBLOCK` (a FIFO that slipped in opens at once instead of
/// waiting for a writer) and, for [`Links::Refuse`], `O_NOFOLLOW`.
pub(crate) fn no_wait(options: &mut OpenOptions, links: Links) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let nofollow = if links == Links::Refuse {
            libc::O_NOFOLLOW
        } else {
            0
        };
        options.custom_flags(libc::O_NONBLOCK | nofollow);
    }
    #[cfg(not(unix))]
    let _ = (options, links);
}

/// Whether an open failed because `O_NOFOLLOW` met a link (`ELOOP`).
pub(crate) fn is_link(error: &io::Error) -> bool {
    #[cfg(unix)]
    return error.raw_os_error() == Some(libc::ELOOP);
    #[cfg(not(unix))]
    false
}

/// `O_NOFOLLOW` on a link fails with `ELOOP`: say what happened instead.
fn link_refused(error: io::Error) -> io::Error {
    if is_link(&error) {
        return refused("a symbolic link");
    }
    error
}

/// Reads at most `cap` bytes of `file`; None if it holds more. The size in
/// the metadata is not trusted: `/proc` files say 0, a device says nothing.
pub(crate) fn read_capped(file: File, cap: u64) -> io::Result<Option<Vec<u8>>> {
    let mut bytes = Vec::new();
    file.take(cap.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= cap).then_some(bytes))
}

/// The file a session path names: a symbolic link is followed to its
/// target, so that a save writes the real file (the link keeps working and
/// the target is never left stale) and the lock taken through either name
/// is the same lock. Anything else, or nothing, is the path as given.
pub fn real_path(path: &Path) -> io::Result<PathBuf> {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            std::fs::canonicalize(path).map_err(|error| match error.kind() {
                io::ErrorKind::NotFound => io::Error::new(
                    io::ErrorKind::NotFound,
                    "a symbolic link to a file that does not exist",
                ),
                _ => error,
            })
        }
        _ => Ok(path.to_owned()),
    }
}

/// The real file behind a session path, as (device, inode), checked to be
/// something stb can own: None if nothing is there yet. Refuses a special
/// file, and a file with several hard links: a save replaces the file by
/// renaming a new one over one of its names, which would split the names
/// into two files that each look like the session.
pub(crate) fn ownable(path: &Path) -> io::Result<Option<(u64, u64)>> {
    let meta = match std::fs::metadata(path) {
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            // A dangling link says so; nothing at all is a new file.
            return real_path(path).map(|_| None);
        }
        other => other?,
    };
    regular(&meta)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if meta.nlink() > 1 {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "the file has {} names (hard links), and a save would split them into \
                     separate files; open a copy (cp) instead",
                    meta.nlink()
                ),
            ));
        }
        Ok(Some((meta.dev(), meta.ino())))
    }
    #[cfg(not(unix))]
    Ok(Some((0, 0)))
}

/// The largest draft file read back: the capture line is one insight, so
/// anything past a few texts' worth is not a draft stb wrote.
pub const MAX_DRAFT_BYTES: u64 = 4 * crate::model::limits::MAX_TEXT_BYTES as u64;

/// The text of the draft file beside a session (`NAME.ron.draft`), for
/// the app to offer back after a crash. None for anything stb did not
/// write there: a link (never followed), a FIFO, device or folder (never
/// opened or waited on), a file with other names (hard links), a file over
/// [`MAX_DRAFT_BYTES`], or bytes that are not UTF-8.
pub fn read_draft(path: &Path) -> Option<String> {
    let file = open_regular(path, Links::Refuse).ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if file.metadata().ok()?.nlink() != 1 {
            return None;
        }
    }
    let bytes = read_capped(file, MAX_DRAFT_BYTES).ok()??;
    String::from_utf8(bytes).ok()
}
