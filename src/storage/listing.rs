//! Listing the sessions folder in stages, so that a folder of large files
//! shows at once and fills in after.
//!
//! A full read is the only way to know a file's insight count and whether it
//! opens at all, and at 10 MB a file that costs about 100 ms; a folder of a
//! hundred such files would keep the home screen blank for ten seconds. So a
//! listing knows each file in stages ([`Known`]): its name (one `stat`, no
//! reading), then its head (the details, from the first kilobytes: see
//! [`super::head`]), then the whole file, read and checked. Each stage is a
//! plain function here; the runner runs the slow ones on a thread of its own
//! and the app takes each row as it comes. A reading applies only to the
//! version of the file it was made from ([`Version`]: size and modification
//! time), so a file saved meanwhile is never shown with an old count.

use super::head::{Head, read_head};
use super::summaries::Summaries;
use jiff::civil::Date;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// What the home screen shows of a file without holding all of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionSummary {
    pub title: String,
    /// "Pembrokeshire, Wales"; for a merge of several workshops, their places.
    pub place: String,
    /// The workshop's date; for several, the latest.
    pub date: Date,
    pub insights: usize,
    /// How many workshops the file holds (more than one after a merge of
    /// different sessions: it opens in review).
    pub sessions: usize,
}

/// How much a listing knows of a file so far. Only a full read says
/// whether it opens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Known {
    /// Its name alone: nothing of it has been read yet.
    Name,
    /// Its details, from its head; not yet counted or checked.
    Head(Head),
    /// Read in full: its summary, or the one-line error that stops it opening.
    Read(Result<SessionSummary, String>),
}

/// Which version of a file a reading was made from: its size and when it
/// was last modified, as the folder listing saw them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Version {
    size: u64,
    modified: Option<SystemTime>,
}

impl Version {
    fn of(meta: &std::fs::Metadata) -> Version {
        Version {
            size: meta.len(),
            modified: meta.modified().ok(),
        }
    }

    pub fn size(&self) -> u64 {
        self.size
    }

    pub fn modified(&self) -> Option<SystemTime> {
        self.modified
    }
}

/// A file in the sessions folder, and what is known of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listed {
    pub path: PathBuf,
    pub known: Known,
    pub version: Version,
}

impl Listed {
    /// The full read's outcome, once there is one.
    pub fn summary(&self) -> Option<&Result<SessionSummary, String>> {
        match &self.known {
            Known::Read(summary) => Some(summary),
            _ => None,
        }
    }

    /// Whether the file has been read in full.
    pub fn is_read(&self) -> bool {
        matches!(self.known, Known::Read(_))
    }

    /// The workshop's date, once known.
    pub fn date(&self) -> Option<Date> {
        match &self.known {
            Known::Head(head) => Some(head.date),
            Known::Read(Ok(summary)) => Some(summary.date),
            _ => None,
        }
    }

    /// Takes what `other` knows of the same file, if it was read from the
    /// same version and knows more (a head never replaces a full read).
    /// Whether anything changed.
    pub fn learn(&mut self, other: &Listed) -> bool {
        let rank = |k: &Known| match k {
            Known::Name => 0,
            Known::Head(_) => 1,
            Known::Read(_) => 2,
        };
        let newer = other.path == self.path
            && other.version == self.version
            && rank(&other.known) > rank(&self.known);
        if newer {
            self.known = other.known.clone();
        }
        newer
    }

    /// This file read in full and checked.
    pub fn read_in_full(&mut self) {
        self.known = Known::Read(summarise(&self.path));
    }
}

/// A full load, so the home screen never offers as openable a file that
/// would then refuse to open (a newer format, a dangling reference).
fn summarise(path: &Path) -> Result<SessionSummary, String> {
    let file = crate::storage::load_file(path).map_err(|e| e.to_string())?;
    let sessions = file.sessions();
    let insights = sessions.iter().map(|s| s.live_insights().count()).sum();
    let date = sessions.iter().map(|s| s.date).max().unwrap_or_default();
    Ok(match sessions {
        [one] => SessionSummary {
            title: one.title.clone(),
            place: one.place.to_string(),
            date,
            insights,
            sessions: 1,
        },
        many => SessionSummary {
            title: format!("{} merged", crate::words::count(many.len(), "workshop")),
            place: many
                .iter()
                .map(|s| s.place.locality.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            date,
            insights,
            sessions: many.len(),
        },
    })
}

/// Every `.ron` and `.json` file in `dir` (JSON as `stb export --format
/// json` writes it) by name, nothing of it read yet, most
/// recently saved first. A missing folder is simply empty.
pub fn list_names(dir: &Path) -> Vec<Listed> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut listed: Vec<Listed> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron") || super::json::is_json_path(p))
        .filter_map(|path| {
            let meta = std::fs::metadata(&path).ok().filter(|m| m.is_file())?;
            Some(Listed {
                version: Version::of(&meta),
                known: Known::Name,
                path,
            })
        })
        .collect();
    sort_listed(&mut listed);
    listed
}

/// Reads the head of every file known by name alone (a few kilobytes
/// each). A file without a head (a collection, an odd file) stays a name,
/// for the full read.
pub fn read_heads(listed: &mut [Listed]) {
    for row in listed.iter_mut().filter(|r| r.known == Known::Name) {
        if let Some(head) = read_head(&row.path) {
            row.known = Known::Head(head);
        }
    }
}

/// Newest workshop first (files whose date is not known yet last), then
/// the most recently saved, then by path.
pub fn sort_listed(listed: &mut [Listed]) {
    let saved = |l: &Listed| l.version.modified;
    listed.sort_by(|a, b| {
        b.date()
            .cmp(&a.date())
            .then(saved(b).cmp(&saved(a)))
            .then(a.path.cmp(&b.path))
    });
}

/// The order in which to read files in full: those without a head first
/// (only their full read places them), then as listed, so the rows on
/// screen fill in from the top.
pub fn reading_order(listed: &mut [Listed]) {
    sort_listed(listed);
    listed.sort_by_key(|l| l.known != Known::Name);
}

/// Every `.ron` file in `dir`, each read in full, newest workshop first.
pub fn list_sessions(dir: &Path) -> Vec<Listed> {
    let mut listed = list_names(dir);
    for row in &mut listed {
        row.read_in_full();
    }
    sort_listed(&mut listed);
    listed
}

/// Every `.ron` file in `dir`, read in full, handed to `each` in the order
/// [`list_sessions`] gives, the first as soon as it is read: the heads give
/// the order, so only files without one are read before the first is
/// handed over. (A file whose head reads but whose whole does not keeps its
/// head's place, where `list_sessions` would put it last.)
///
/// Summaries kept by earlier listings ([`Summaries`]) stand in for the full
/// read of a file that has not changed since; what is read is kept, and
/// what is no longer true dropped.
pub fn list_in_order(dir: &Path, mut each: impl FnMut(&Listed)) {
    let mut listed = list_names(dir);
    let kept = Summaries::load(dir);
    let used = kept.fill(&mut listed);
    let mut read = kept.outdated(used);
    read_heads(&mut listed);
    for row in listed.iter_mut().filter(|r| r.known == Known::Name) {
        row.read_in_full();
        read = true;
    }
    sort_listed(&mut listed);
    for row in &mut listed {
        if !row.is_read() {
            row.read_in_full();
            read = true;
        }
        each(row);
    }
    if read {
        Summaries::save(dir, &listed);
    }
}
