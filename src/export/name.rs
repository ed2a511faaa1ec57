//! File names for exports that say what they hold: which workshop (or how
//! many, over which dates) and how the names in it were treated, so a
//! folder of exports reads like a list of contents and a pseudonymised copy
//! is never mistaken for one that names people.
//!
//! `2026-10-14-pembrokeshire-pseudonymised.md`,
//! `3-sessions-2026-09-23-to-2026-10-14-coarsened-pseudonymised.csv`: the
//! session file's own stem (date, then place) for one workshop; the count
//! and the date range for several; then the options, in a fixed order.
//! Lower case, letters, digits and hyphens only (Welsh letters kept, as in
//! session file names), so every file system and shell takes them as they
//! are. An existing export is never replaced: `-2`, `-3`, … are added.

use super::{Format, Options};
use crate::model::Session;
use std::path::{Path, PathBuf};

/// The longest place part of a name, in characters: a council's full title
/// still leaves the dates and options readable in a file list.
const PLACE_CHARS: usize = 40;

/// The name of an export file before it meets a folder: its stem and format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportName {
    /// What the file holds, without the extension.
    pub stem: String,
    /// The format, which gives the extension.
    pub format: Format,
}

impl ExportName {
    /// The name for `sessions` exported as `format` with `options`.
    pub fn of<'a>(
        sessions: impl IntoIterator<Item = &'a Session>,
        format: Format,
        options: Options,
    ) -> ExportName {
        let sessions: Vec<&Session> = sessions.into_iter().collect();
        let mut stem = contents(&sessions);
        if format == Format::JsonShared {
            stem.push_str("-shared");
        }
        let options = if format.takes_options() {
            options
        } else {
            Options::default()
        };
        if options.coarsen {
            stem.push_str("-coarsened");
        }
        if options.pseudonymise {
            stem.push_str("-pseudonymised");
        }
        ExportName { stem, format }
    }

    /// `stem.extension`, as the file will be called if the name is free.
    pub fn file_name(&self) -> String {
        format!("{}.{}", self.stem, self.format.extension())
    }

    /// A path in `dir` that no file holds yet: this name, or it with `-2`,
    /// `-3`, … before the extension.
    pub fn free_path_in(&self, dir: &Path) -> PathBuf {
        crate::storage::free_path_with(dir, &self.stem, self.format.extension())
    }
}

/// Which workshops: one by its date and place, several by count and dates.
fn contents(sessions: &[&Session]) -> String {
    match sessions {
        [] => "no-sessions".to_owned(),
        [one] => format!("{}-{}", one.date, place(&one.place.locality)),
        many => {
            let first = many.iter().map(|s| s.date).min().unwrap_or_default();
            let last = many.iter().map(|s| s.date).max().unwrap_or_default();
            let dates = if first == last {
                first.to_string()
            } else {
                format!("{first}-to-{last}")
            };
            format!("{}-sessions-{dates}", many.len())
        }
    }
}

/// The locality's slug, cut at a word break if it is too long.
fn place(locality: &str) -> String {
    let slug = crate::storage::slug(locality);
    let Some((cut, _)) = slug.char_indices().nth(PLACE_CHARS) else {
        return slug;
    };
    let head = &slug[..cut];
    let whole_words = if slug[cut..].starts_with('-') {
        head
    } else {
        head.rfind('-').map_or(head, |at| &head[..at])
    };
    whole_words.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Place, SessionDetails, StampClock};
    use jiff::civil::date;

    fn session(locality: &str, day: i8) -> Session {
        let stamp = StampClock::new("t").stamp_at(jiff::Timestamp::UNIX_EPOCH);
        let details = SessionDetails {
            place: Place {
                locality: locality.into(),
                ..Default::default()
            },
            date: date(2026, 10, day),
            ..Default::default()
        };
        Session::new(details, stamp)
    }

    fn name(sessions: &[Session], format: Format, pseudonymise: bool, coarsen: bool) -> String {
        let options = Options {
            pseudonymise,
            coarsen,
        };
        ExportName::of(sessions, format, options).file_name()
    }

    #[test]
    fn one_session_is_named_like_its_file_then_the_options() {
        let one = [session("Pembrokeshire", 14)];
        assert_eq!(
            name(&one, Format::Md, false, false),
            "2026-10-14-pembrokeshire.md"
        );
        assert_eq!(
            name(&one, Format::Md, true, false),
            "2026-10-14-pembrokeshire-pseudonymised.md"
        );
        assert_eq!(
            name(&one, Format::Qdpx, true, true),
            "2026-10-14-pembrokeshire-coarsened-pseudonymised.qdpx"
        );
    }

    #[test]
    fn several_sessions_are_counted_with_their_dates() {
        let three = [
            session("Gateshead", 23),
            session("North Ayrshire", 7),
            session("Pembrokeshire", 14),
        ];
        assert_eq!(
            name(&three, Format::Csv, true, true),
            "3-sessions-2026-10-07-to-2026-10-23-coarsened-pseudonymised.csv"
        );
        let copies = [session("Pembrokeshire", 14), session("Pembrokeshire", 14)];
        assert_eq!(
            name(&copies, Format::JsonShared, false, true),
            "2-sessions-2026-10-14-shared-coarsened.json"
        );
        // The whole JSON is the sessions as they are: no option applies.
        assert_eq!(
            name(&copies, Format::Json, true, true),
            "2-sessions-2026-10-14.json"
        );
        assert_eq!(name(&[], Format::Qdc, false, false), "no-sessions.qdc");
    }

    #[test]
    fn places_become_safe_file_names_of_a_readable_length() {
        let welsh = [session("Ynys Môn / Anglesey: \"the island\"", 14)];
        assert_eq!(
            name(&welsh, Format::Md, false, false),
            "2026-10-14-ynys-môn-anglesey-the-island.md"
        );
        let long = "The Royal Borough of Windsor and Maidenhead Community Partnership";
        let stem = ExportName::of(&[session(long, 14)], Format::Md, Options::default()).stem;
        assert_eq!(stem, "2026-10-14-the-royal-borough-of-windsor-and");
        let one_word = "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch";
        let stem = ExportName::of(&[session(one_word, 14)], Format::Md, Options::default()).stem;
        assert_eq!(stem.chars().count(), "2026-10-14-".len() + PLACE_CHARS);
        let odd = [session("../..", 14)];
        assert_eq!(
            name(&odd, Format::Md, false, false),
            "2026-10-14-session.md"
        );
    }

    #[test]
    fn an_existing_export_is_never_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let export = ExportName::of(
            &[session("Pembrokeshire", 14)],
            Format::Md,
            Options::default(),
        );
        let mut taken = Vec::new();
        for _ in 0..3 {
            let path = export.free_path_in(dir.path());
            std::fs::write(&path, "x").unwrap();
            taken.push(path.file_name().unwrap().to_string_lossy().into_owned());
        }
        assert_eq!(
            taken,
            [
                "2026-10-14-pembrokeshire.md",
                "2026-10-14-pembrokeshire-2.md",
                "2026-10-14-pembrokeshire-3.md"
            ]
        );
    }
}
