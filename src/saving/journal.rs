//! When a capture save appends to the journal, and when it writes the
//! whole file (see `storage::journal` for why there is a journal).
//!
//! A save appends the records that changed since the last write when it
//! can; the whole file is written instead (folding the journal into it)
//! when the file's state is not known yet (the first save after opening),
//! when the journal has grown long or old, and when stb leaves the session.
//! So an Enter costs the same at any size, and the whole file is rewritten
//! at most about twice a minute while people type, whatever the pace.

use crate::merge::journal::{Record, changed_among, changed_since};
use crate::model::{Session, Stamp};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A journal this long is folded into the file at the next save.
pub const FOLD_AFTER_LINES: usize = 200;
/// A journal whose first line is this old is folded at the next save, or
/// by the runner once typing pauses.
pub const FOLD_AFTER: Duration = Duration::from_secs(30);

/// What the saving thread knows of each file it writes.
#[derive(Default)]
pub struct Journals {
    files: HashMap<PathBuf, Written>,
    /// Files whose next save covering at least this many edits must be
    /// written whole: a merge of other laptops' copies brought records
    /// whose stamps may be older than the journal's newest, which a journal
    /// line (records stamped after it) would leave out.
    fold_from: HashMap<PathBuf, u64>,
}

/// What is on disk for one session: everything up to `newest`, in the
/// file and `lines` journal lines since `since`.
struct Written {
    newest: Stamp,
    lines: usize,
    since: Option<Instant>,
}

/// What a save should write.
pub enum Plan {
    /// The whole file, then no journal.
    Whole,
    /// This line, appended to the journal.
    Append(String, Stamp),
}

impl Journals {
    /// What to write for `session` at `path` now.
    /// `touched`, when known, holds every record changed since the file
    /// was last written whole (see `app::touched`): only those are looked at.
    pub fn plan(&self, path: &Path, session: &Session, touched: Option<&[Record]>) -> Plan {
        let Some(written) = self.files.get(path) else {
            return Plan::Whole;
        };
        let due = written.lines >= FOLD_AFTER_LINES
            || written.since.is_some_and(|at| at.elapsed() >= FOLD_AFTER);
        if due {
            return Plan::Whole;
        }
        let (delta, newest) = match touched {
            Some(touched) => {
                let among = changed_among(session, &written.newest, touched);
                // Every test run checks the hints against the scan they save.
                debug_assert_eq!(among, changed_since(session, &written.newest));
                among
            }
            None => changed_since(session, &written.newest),
        };
        match ron::ser::to_string(&delta) {
            Ok(line) if !line.contains('\n') => Plan::Append(line, newest),
            _ => Plan::Whole,
        }
    }

    /// The whole file was written: the journal is gone.
    pub fn wrote_whole(&mut self, path: &Path, session: &Session) {
        let written = Written {
            newest: session.newest_stamp(),
            lines: 0,
            since: None,
        };
        self.files.insert(path.to_owned(), written);
    }

    /// Whether stb knows what is on disk for `path` (it wrote or checked it).
    pub fn knows(&self, path: &Path) -> bool {
        self.files.contains_key(path)
    }

    /// A line went into the journal.
    pub fn appended(&mut self, path: &Path, newest: Stamp) {
        if let Some(written) = self.files.get_mut(path) {
            written.newest = written.newest.clone().max(newest);
            written.lines += 1;
            written.since.get_or_insert_with(Instant::now);
        }
    }

    /// Whether `path` has a journal older than [`FOLD_AFTER`].
    pub fn stale(&self, path: &Path) -> bool {
        self.files
            .get(path)
            .and_then(|w| w.since)
            .is_some_and(|at| at.elapsed() >= FOLD_AFTER)
    }

    /// The save of `path` covering `edits` changes (and every later one,
    /// until one is written whole) writes the whole file.
    pub fn fold_from(&mut self, path: &Path, edits: u64) {
        let at = self.fold_from.entry(path.to_owned()).or_insert(edits);
        *at = (*at).min(edits);
    }

    /// Whether a save of `path` covering `edits` changes must be whole.
    pub fn must_fold(&self, path: &Path, edits: u64) -> bool {
        self.fold_from.get(path).is_some_and(|&at| edits >= at)
    }

    /// A save covering `edits` changes wrote `path` whole.
    pub fn folded(&mut self, path: &Path, edits: u64) {
        if self.must_fold(path, edits) {
            self.fold_from.remove(path);
        }
    }

    /// Forgets `path` (it was written by something else, or let go): its
    /// next save writes the whole file.
    pub fn forget(&mut self, path: &Path) {
        self.files.remove(path);
    }
}
