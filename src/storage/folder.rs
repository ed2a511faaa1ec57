//! The sessions folder: where it is, what is in it, and names for new files.

use crate::model::Session;
use jiff::civil::Date;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// The platform data folder's `sessions` (e.g. `~/.local/share/stb/sessions`).
pub fn default_sessions_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "stb").map(|d| d.data_dir().join("sessions"))
}

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

/// A file in the sessions folder, readable or not.
#[derive(Clone, Debug)]
pub struct Listed {
    pub path: PathBuf,
    /// The summary, or the one-line error that stops it opening.
    pub summary: Result<SessionSummary, String>,
    modified: Option<SystemTime>,
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
/// json` writes it), newest workshop first (then newest saved).
/// A missing folder is simply empty.
pub fn list_sessions(dir: &Path) -> Vec<Listed> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut listed: Vec<Listed> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let ext = p.extension();
            (ext.is_some_and(|e| e == "ron") || super::json::is_json_path(p)) && p.is_file()
        })
        .map(|path| Listed {
            summary: summarise(&path),
            modified: std::fs::metadata(&path).and_then(|m| m.modified()).ok(),
            path,
        })
        .collect();
    listed.sort_by(|a, b| {
        let date = |l: &Listed| l.summary.as_ref().ok().map(|s| s.date);
        date(b)
            .cmp(&date(a))
            .then(b.modified.cmp(&a.modified))
            .then(a.path.cmp(&b.path))
    });
    listed
}

/// Lower case, letters and digits kept (Welsh and Gaelic letters too),
/// everything else folded to single hyphens: session and export file names.
pub(crate) fn slug(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "session".to_owned()
    } else {
        slug.to_owned()
    }
}

/// A free file name like `2026-11-22-pembrokeshire.ron`, with `-2`, `-3`, …
/// added when the name is taken.
pub fn new_session_path(dir: &Path, session: &Session) -> PathBuf {
    free_path(
        dir,
        &format!("{}-{}", session.date, slug(&session.place.locality)),
    )
}

/// `dir/stem.ron`, or `dir/stem-2.ron`, `-3`, … if that is taken.
pub fn free_path(dir: &Path, stem: &str) -> PathBuf {
    free_path_with(dir, stem, "ron")
}

/// `dir/stem.EXT`, or `dir/stem-2.EXT`, `-3`, … if that is taken.
pub fn free_path_with(dir: &Path, stem: &str, extension: &str) -> PathBuf {
    let mut path = dir.join(format!("{stem}.{extension}"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{stem}-{n}.{extension}"));
        n += 1;
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_keep_welsh_letters_and_fold_the_rest() {
        assert_eq!(slug("Pembrokeshire"), "pembrokeshire");
        assert_eq!(slug("Ynys Môn / Anglesey"), "ynys-môn-anglesey");
        assert_eq!(slug("  --  "), "session");
    }
}
