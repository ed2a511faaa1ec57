//! Reading and writing session files.
//!
//! A session is one pretty-printed RON file that a person can read, diff and
//! fix by hand. Saves are atomic (temp file in the same folder, fsync, rename,
//! fsync the folder) and private to the owner, so a battery dying mid-write
//! leaves either the old file or the new one, never half of each. Loading is
//! the only way in, and every way it can fail names the file, and the line and
//! column where there is one. Nothing here knows about the terminal.
//!
//! Any file in a sessions folder may have been crafted (sessions travel
//! through git, shared drives and USB sticks): `files` opens nothing it has
//! not checked, follows no link stb did not ask for, and caps every read;
//! `model::limits` bounds what a file may hold.
//!
//! Sessions exported as JSON (`stb export --format json`) read back through
//! the same loader, and a file named `.json` is saved as JSON (`json.rs`).

pub(crate) mod atomic;
mod collection;
mod files;
mod folder;
mod head;
mod journal;
pub mod json;
mod listing;
mod lock;
mod own;
mod position;
mod question_sets;
mod readable;
mod summaries;

pub use question_sets::{
    MAX_SET_BYTES, UserSet, available_question_sets, find_question_set, load_question_set,
    parse_question_set, question_sets_dir, user_question_sets, write_question_set_template,
};
pub use readable::must_stay_escaped;
pub use summaries::{SUMMARIES_FILE, Summaries};

pub use files::{MAX_DRAFT_BYTES, read_draft, real_path};
pub use journal::{
    append_on, has_journal, journal_path, load_with_journal, read_journal, remove_journal,
};

pub use atomic::{
    Disk, RealDisk, Step, StepFailed, failed_step, replace_on, sync_on, write_atomically_on,
};
pub use collection::{
    SessionFile, file_text, file_to_ron, load_file, parse_file, save_file, save_file_on,
};
pub(crate) use folder::slug;
pub use folder::{default_sessions_dir, free_path, free_path_with, new_session_path};
pub use head::{Head, parse_head, read_head};
pub use listing::{
    Known, Listed, SessionSummary, Version, list_in_order, list_names, list_sessions, read_heads,
    reading_order, sort_listed,
};
pub use lock::{LockError, SessionLock, lock, lock_path};
pub use own::{
    Fingerprint, OnDisk, OwnError, Owned, Seen, fingerprint, looks_unchanged, newest_in, on_disk,
    own,
};

use crate::model::{FORMAT_VERSION, Session};
use ron::ser::PrettyConfig;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// Why a session file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}:{line}:{col}: {message}", path.display())]
    Syntax {
        path: PathBuf,
        line: usize,
        col: usize,
        message: String,
    },
    #[error(
        "{}: written in format {found}, newer than this stb reads ({FORMAT_VERSION}); update stb to open it (the file was not changed)",
        path.display()
    )]
    TooNew { path: PathBuf, found: u32 },
    #[error("{}: {message}", path.display())]
    Invalid { path: PathBuf, message: String },
}

/// Why a session could not be saved. The previous file is untouched.
#[derive(Debug, thiserror::Error)]
#[error("cannot save {}: {source}", path.display())]
pub struct SaveError {
    pub path: PathBuf,
    pub source: std::io::Error,
}

/// Only the version, read when a full parse fails, to tell a newer file from
/// a broken one.
#[derive(Deserialize)]
struct FormatProbe {
    format: u32,
}

/// Parses RON text into `T`, turning errors into `path:line:col` ones and a
/// failure on a file from a newer stb into [`LoadError::TooNew`].
fn parse_ron<T: serde::de::DeserializeOwned>(
    text: &str,
    path: &Path,
    probe: impl Fn(&str) -> Option<u32>,
) -> Result<T, LoadError> {
    ron::from_str(text).map_err(|err| match probe(text) {
        Some(found) if found > FORMAT_VERSION => LoadError::TooNew {
            path: path.to_owned(),
            found,
        },
        _ => {
            let (mut line, mut col) = (err.span.start.line, err.span.start.col);
            // A limit refused a value ron had read: name where it starts.
            if let ron::Error::Message(_) = err.code
                && let Some(start) =
                    position::value_start(text, err.span.end.line, err.span.end.col)
            {
                (line, col) = start;
            }
            LoadError::Syntax {
                path: path.to_owned(),
                line,
                col,
                // ron may quote the file's text back: keep it from acting on a terminal.
                message: crate::inert::visible(&err.code.to_string()).into_owned(),
            }
        }
    })
}

/// Refuses a newer format, checks references, and brings an older file up
/// to date.
fn check_session(mut session: Session, path: &Path) -> Result<Session, LoadError> {
    if session.format > FORMAT_VERSION {
        return Err(LoadError::TooNew {
            path: path.to_owned(),
            found: session.format,
        });
    }
    if let Some(problem) = session.problems().into_iter().next() {
        return Err(LoadError::Invalid {
            path: path.to_owned(),
            message: crate::inert::visible(&problem).into_owned(),
        });
    }
    session.normalise();
    Ok(session)
}

/// The text without a leading byte-order mark, which Notepad adds and ron
/// would refuse at 1:1. Files are written back without one.
fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Parses session text; `path` only names the source in errors.
pub fn parse_session(text: &str, path: &Path) -> Result<Session, LoadError> {
    let text = without_bom(text);
    let probe = |text: &str| ron::from_str::<FormatProbe>(text).ok().map(|p| p.format);
    check_session(parse_ron(text, path, probe)?, path)
}

/// Loads and checks a session file.
pub fn load(path: &Path) -> Result<Session, LoadError> {
    parse_session(&read_text(path)?, path)
}

pub use crate::model::limits::MAX_FILE_BYTES;

/// A session file's text: a FIFO, device, socket or folder is refused
/// without waiting on it; a file over [`MAX_FILE_BYTES`] is refused unread
/// if its size says so, and after that many bytes if it lied (`/proc`, a
/// link to `/dev/zero` that slipped past). If it is not UTF-8, the error
/// names the line and column of the first bad byte.
fn read_text(path: &Path) -> Result<String, LoadError> {
    read_text_through(path, files::Links::Follow)
}

/// The text of a file that arrived in a shared folder (another laptop's
/// copy of a session, a sync tool's conflict copy), read as
/// [`read_text`] reads a session, except that a symbolic link is refused,
/// not followed: nobody in the room made it.
pub fn read_arrived(path: &Path) -> Result<String, LoadError> {
    read_text_through(path, files::Links::Refuse)
}

fn read_text_through(path: &Path, links: files::Links) -> Result<String, LoadError> {
    let io = |source| LoadError::Io {
        path: path.to_owned(),
        source,
    };
    let too_large = |size: Option<u64>| LoadError::Invalid {
        path: path.to_owned(),
        message: format!(
            "{}larger than any session ({} MiB at most); is it the right file?",
            size.map_or_else(String::new, |size| format!("{} MiB, ", size >> 20)),
            MAX_FILE_BYTES >> 20
        ),
    };
    let file = files::open_regular(path, links).map_err(io)?;
    let size = file.metadata().map_err(io)?.len();
    if size > MAX_FILE_BYTES {
        return Err(too_large(Some(size)));
    }
    let bytes = files::read_capped(file, MAX_FILE_BYTES)
        .map_err(io)?
        .ok_or_else(|| too_large(None))?;
    String::from_utf8(bytes).map_err(|error| {
        let good = &error.as_bytes()[..error.utf8_error().valid_up_to()];
        // Safe to decode: these bytes were checked as UTF-8.
        let good = std::str::from_utf8(good).unwrap_or_default();
        let line = good.matches('\n').count() + 1;
        let col = good.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        LoadError::Syntax {
            path: path.to_owned(),
            line,
            col,
            message: "not UTF-8 text: session files are UTF-8".into(),
        }
    })
}

/// How files are laid out: pretty RON indented with tabs. A tab is one
/// byte a level where two spaces were two (8% of a file), and an editor
/// shows it as wide as its reader likes.
pub(crate) fn pretty() -> PrettyConfig {
    PrettyConfig::default().indentor("\t")
}

/// The file text of a session: pretty RON, fields in declaration order,
/// Unicode and apostrophes as themselves, control characters escaped, and
/// stamps written only where they say something (`model::compact`).
pub fn to_ron(session: &Session) -> String {
    let escaped = ron::ser::to_string_pretty(session, pretty()).expect("sessions always serialise");
    let mut text = readable::unescape_harmless(&escaped);
    text.push('\n');
    text
}

/// The text format 2 wrote for `session`: every stamp written, two-space
/// indents. Kept to test and measure reading older files; stb never saves it.
#[doc(hidden)]
pub fn to_ron_format_2(session: &Session) -> String {
    let mut old = session.clone();
    old.format = 2;
    let config = PrettyConfig::default().indentor("  ");
    let escaped = crate::model::compact::with_every_stamp(|| {
        ron::ser::to_string_pretty(&old, config).expect("sessions always serialise")
    });
    let mut text = readable::unescape_harmless(&escaped);
    text.push('\n');
    text
}

/// The text stb writes to `path` for `session`: JSON for a `.json` name,
/// else RON (see `storage::json`).
pub fn session_text(path: &Path, session: &Session) -> String {
    if json::is_json_path(path) {
        json::to_json(std::slice::from_ref(session))
    } else {
        to_ron(session)
    }
}

/// Writes `session` to `path` atomically, readable by its owner only.
pub fn save(path: &Path, session: &Session) -> Result<(), SaveError> {
    save_on(&RealDisk, path, session)
}

/// [`save`] on `disk`: the terminal-free save path runs on a disk that tests
/// can make fail at any step.
pub fn save_on(disk: &dyn Disk, path: &Path, session: &Session) -> Result<(), SaveError> {
    write_atomically_on(disk, path, session_text(path, session).as_bytes()).map_err(|source| {
        SaveError {
            path: path.to_owned(),
            source,
        }
    })
}

/// Creates `dir` and its parents if missing; on Unix new folders are `0700`.
pub fn ensure_folder(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Temp file beside `path`, write, fsync, rename over, fsync the folder, on
/// the real disk (see [`write_atomically_on`]). The folder is created if it
/// went missing (an unplugged drive, say). For exports and other files that
/// are not sessions: a link at `path` is replaced, never written through
/// (an export named like a planted link must not overwrite its target).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    atomic::remove_abandoned_temps_of(path);
    atomic::write_to(&RealDisk, path, bytes)
}

#[cfg(test)]
mod compat_tests;
#[cfg(test)]
mod fuzz_tests;
#[cfg(all(test, unix))]
mod hostile_tests;
#[cfg(test)]
mod limits_tests;
#[cfg(test)]
mod tests;
