//! What earlier listings read in full, kept beside the sessions so that the
//! next one need not: `.stb-summaries` in the sessions folder.
//!
//! Reading a 10 MB session in full costs about 100 ms of processor, so a
//! folder of a gigabyte costs ten seconds or more each time Home or
//! `stb list` shows it. A file's summary (title, place, date, insight
//! count, or the error that stops it opening) changes only when the file
//! does, so it is kept here under the file's name, size and modification
//! time, and used only while all three still match.
//!
//! The sessions folder travels (git, shared drives, USB sticks), so this
//! file may have been crafted like any other there. It is read with the same
//! care as a session (a regular file, no link followed, capped in size),
//! anything malformed in it is dropped (the whole file if it does not parse,
//! an entry whose texts are over the limits), and what it says is only ever
//! shown, through the same escaping as what a session says. Only files that
//! read well are kept: an error is found again each time, so a forged entry
//! can never keep a file from opening (opening reads the file itself). At
//! worst it shows a wrong title until the file changes. It is written like a
//! session: atomically, readable by its owner only.

use super::files::{self, Links};
use super::listing::{Known, Listed, SessionSummary};
use crate::model::limits::MAX_NAME_BYTES;
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::time::SystemTime;

/// The file's name in the sessions folder (not `.ron`: it is not a session).
pub const SUMMARIES_FILE: &str = ".stb-summaries";

/// The format of the file; another is ignored (and written over).
const FORMAT: u32 = 1;

/// More than any real folder needs (a few hundred bytes an entry).
const MAX_BYTES: u64 = 8 * 1024 * 1024;

#[derive(Serialize, Deserialize)]
struct SummariesFile {
    format: u32,
    files: Vec<Entry>,
}

#[derive(Clone, Serialize, Deserialize)]
struct Entry {
    /// The file's name in the folder.
    name: String,
    size: u64,
    /// Modification time since the Unix epoch: seconds, nanoseconds.
    modified: (u64, u32),
    summary: Summary,
}

#[derive(Clone, Serialize, Deserialize)]
struct Summary {
    title: String,
    place: String,
    date: jiff::civil::Date,
    insights: usize,
    sessions: usize,
}

/// The summaries kept in a sessions folder.
#[derive(Default)]
pub struct Summaries {
    entries: Vec<Entry>,
}

fn since_epoch(time: Option<SystemTime>) -> Option<(u64, u32)> {
    let since = time?.duration_since(SystemTime::UNIX_EPOCH).ok()?;
    Some((since.as_secs(), since.subsec_nanos()))
}

fn file_name(path: &Path) -> Option<&str> {
    path.file_name()?.to_str()
}

impl Entry {
    /// Whether what it says is within what a session file could say: a
    /// forged entry cannot show more than a forged session could.
    fn plausible(&self) -> bool {
        let name_ok = !self.name.contains(['/', '\\']) && self.name.ends_with(".ron");
        let s = &self.summary;
        // Places of a merge of many workshops are joined: allow for them.
        let texts_ok = s.title.len() <= MAX_NAME_BYTES
            && s.place.len() <= MAX_NAME_BYTES * s.sessions.clamp(1, 64);
        name_ok && texts_ok
    }

    /// The entry for a file read in full that opens, if it can be kept.
    fn of(row: &Listed) -> Option<Entry> {
        let Known::Read(Ok(s)) = &row.known else {
            return None;
        };
        let entry = Entry {
            name: file_name(&row.path)?.to_owned(),
            size: row.version.size(),
            modified: since_epoch(row.version.modified())?,
            summary: Summary {
                title: s.title.clone(),
                place: s.place.clone(),
                date: s.date,
                insights: s.insights,
                sessions: s.sessions,
            },
        };
        entry.plausible().then_some(entry)
    }
}

impl Summaries {
    /// The summaries kept in `dir`; none if there are none, or if the file
    /// is odd in any way.
    pub fn load(dir: &Path) -> Summaries {
        let read = || -> Option<Vec<Entry>> {
            let file = files::open_regular(&dir.join(SUMMARIES_FILE), Links::Refuse).ok()?;
            let bytes = files::read_capped(file, MAX_BYTES).ok()??;
            let parsed: SummariesFile = ron::de::from_bytes(&bytes).ok()?;
            (parsed.format == FORMAT).then_some(parsed.files)
        };
        let mut entries = read().unwrap_or_default();
        entries.retain(Entry::plausible);
        Summaries { entries }
    }

    /// Rows not yet read in full learn their summary, where one was kept for
    /// the same name, size and modification time. How many entries are
    /// still true of a row listed (for [`Self::outdated`]).
    pub fn fill(&self, listed: &mut [Listed]) -> usize {
        let mut used = 0;
        for row in listed.iter_mut() {
            let (Some(name), Some(modified)) =
                (file_name(&row.path), since_epoch(row.version.modified()))
            else {
                continue;
            };
            let kept = self
                .entries
                .iter()
                .find(|e| e.name == name && e.size == row.version.size() && e.modified == modified);
            let Some(Entry { summary: s, .. }) = kept else {
                continue;
            };
            used += 1;
            if !row.is_read() {
                row.known = Known::Read(Ok(SessionSummary {
                    title: s.title.clone(),
                    place: s.place.clone(),
                    date: s.date,
                    insights: s.insights,
                    sessions: s.sessions,
                }));
            }
        }
        used
    }

    /// Whether, with `used` of its entries used, this holds any that are
    /// no longer true (a file changed or gone): then it is written again,
    /// so nothing of a deleted session stays here.
    pub fn outdated(&self, used: usize) -> bool {
        self.entries.len() > used
    }

    /// Keeps in `dir` the summaries of the rows read in full (and only
    /// those: files gone from the folder are forgotten). Best effort: a
    /// folder that cannot be written to is simply read again next time.
    pub fn save(dir: &Path, listed: &[Listed]) {
        let file = SummariesFile {
            format: FORMAT,
            files: listed.iter().filter_map(Entry::of).collect(),
        };
        if file.files.is_empty() || !dir.is_dir() {
            return;
        }
        if let Ok(text) = ron::to_string(&file) {
            let _ = super::atomic::write_to(
                &super::RealDisk,
                &dir.join(SUMMARIES_FILE),
                text.as_bytes(),
            );
        }
    }
}

#[cfg(test)]
mod tests;
