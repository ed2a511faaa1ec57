//! The sessions folder: where it is, what is in it, and names for new files.

use crate::model::Session;
use std::path::{Path, PathBuf};

/// The platform data folder's `sessions` (e.g. `~/.local/share/stb/sessions`).
pub fn default_sessions_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "stb").map(|d| d.data_dir().join("sessions"))
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
