//! Copies of one session open together on the review screen: the
//! facilitator's file and a note-taker's, or a merge beside its inputs.
//!
//! They are one workshop, so the screen shows it once: the first copy (in
//! file order) becomes the merge of every copy, and the others are its
//! mirrors, left out of rows, counts, themes and exports. Opening writes
//! nothing; the first edit writes the merged session, edit included, into
//! every copy, so no file loses what another held and each carries the edit.

use super::review::{Review, ReviewFile};
use crate::model::Session;
use std::collections::HashMap;

/// Which open sessions are mirrors of another: `[file][session]` holds the
/// place of the copy shown, or None for a session shown itself.
#[derive(Debug, Default)]
pub(super) struct Copies {
    shown_as: Vec<Vec<Option<(usize, usize)>>>,
}

impl Copies {
    /// Finds the copies among `files` (same session id), and makes the
    /// first of each the merge of all of them, in memory only.
    pub(super) fn find(files: &mut [ReviewFile]) -> Copies {
        let mut first: HashMap<ulid::Ulid, (usize, usize)> = HashMap::new();
        let mut shown_as: Vec<Vec<Option<(usize, usize)>>> = Vec::new();
        let mut merged: HashMap<(usize, usize), Vec<(usize, usize)>> = HashMap::new();
        for (f, file) in files.iter().enumerate() {
            let mut row = Vec::new();
            for (s, session) in file.file.sessions().iter().enumerate() {
                match first.get(&session.id) {
                    Some(&at) => {
                        row.push(Some(at));
                        merged.entry(at).or_default().push((f, s));
                    }
                    None => {
                        first.insert(session.id, (f, s));
                        row.push(None);
                    }
                }
            }
            shown_as.push(row);
        }
        for ((f, s), others) in merged {
            let mut copies: Vec<&Session> = vec![&files[f].file.sessions()[s]];
            copies.extend(
                others
                    .iter()
                    .map(|&(of, os)| &files[of].file.sessions()[os]),
            );
            let joined = crate::merge::merge_all(&copies);
            // Shown joined, written only once a person edits it.
            std::sync::Arc::make_mut(&mut files[f].file).sessions_mut()[s] = joined;
        }
        Copies { shown_as }
    }

    /// Whether the session at `file`, `session` is a mirror of another.
    pub(super) fn is_mirror(&self, file: usize, session: usize) -> bool {
        self.shown_as
            .get(file)
            .and_then(|row| row.get(session))
            .is_some_and(Option::is_some)
    }

    /// The mirrors of the session shown at `at`.
    fn mirrors(&self, at: (usize, usize)) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for (f, row) in self.shown_as.iter().enumerate() {
            for (s, of) in row.iter().enumerate() {
                if *of == Some(at) {
                    out.push((f, s));
                }
            }
        }
        out
    }
}

impl Review {
    /// A session shown here changed: its file needs saving, and so does
    /// every copy of it, which now holds the same session.
    pub(super) fn changed(&mut self, file: usize, session: usize) {
        self.files[file].touch();
        let mirrors = self.copies.mirrors((file, session));
        if mirrors.is_empty() {
            return;
        }
        let shown = self.files[file].file.sessions()[session].clone();
        for (f, s) in mirrors {
            self.files[f].sessions_mut()[s] = shown.clone();
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::app::{Action, App, Screen};
    use crate::model::{InsightFields, Session, SessionDetails, StampClock};
    use jiff::Timestamp;

    fn at(second: i64) -> Timestamp {
        Timestamp::from_second(1_795_000_000 + second).unwrap()
    }

    /// The facilitator's copy and a note-taker's: one insight each of
    /// their own, two in common, and a star only the note-taker gave.
    fn two_laptops() -> (Session, Session) {
        let mut clock = StampClock::new("facilitator");
        let mut s = Session::new(SessionDetails::default(), clock.stamp_at(at(0)));
        for text in ["Food hub opened", "Phone tree ran"] {
            let fields = InsightFields {
                question: 1,
                text: text.into(),
                ..Default::default()
            };
            s.add_insight(fields, &clock.stamp_at(at(1)));
        }
        let mut facilitator = s.clone();
        let mut notes = s;
        let only = |text: &str| InsightFields {
            question: 1,
            text: text.into(),
            ..Default::default()
        };
        facilitator.add_insight(only("Said in the room"), &clock.stamp_at(at(2)));
        let mut theirs = StampClock::new("notes");
        notes.add_insight(only("Noted on the side"), &theirs.stamp_at(at(3)));
        let first = notes.insights[0].id;
        let mut starred = notes.insight(first).unwrap().fields();
        starred.starred = true;
        notes.edit_insight(first, starred, &theirs.stamp_at(at(4)));
        (facilitator, notes)
    }

    fn reviewing(files: Vec<Session>) -> App {
        crate::app::review_tests::reviewing_files(files)
    }

    #[test]
    fn two_copies_of_one_session_show_once_merged_and_an_edit_reaches_both() {
        let (facilitator, notes) = two_laptops();
        let mut app = reviewing(vec![facilitator, notes]);
        let Screen::Review(r) = &app.screen else {
            panic!()
        };
        assert_eq!(r.sessions().count(), 1, "one workshop, not two");
        assert_eq!(
            r.rows.len(),
            4,
            "each insight once, both copies' own included"
        );
        assert_eq!(r.tally.total, 4);
        assert!(
            r.insight(r.rows[0]).starred,
            "the note-taker's star is there"
        );
        assert!(!r.dirty(), "opening writes nothing");
        app.update(Action::Down, at(6));
        app.update(Action::Star, at(6));
        let Screen::Review(r) = &app.screen else {
            panic!()
        };
        assert!(
            r.files.iter().all(crate::app::ReviewFile::dirty),
            "the edit goes to every copy"
        );
        for file in &r.files {
            let s = &file.file.sessions()[0];
            assert_eq!(s.live_insights().count(), 4, "{}", file.path.display());
            assert_eq!(s.live_insights().filter(|i| i.starred).count(), 2);
        }
        // Undo reaches every copy too.
        app.update(Action::Undo, at(7));
        let Screen::Review(r) = &app.screen else {
            panic!()
        };
        for file in &r.files {
            let s = &file.file.sessions()[0];
            assert_eq!(s.live_insights().filter(|i| i.starred).count(), 1);
        }
    }

    #[test]
    fn a_merge_beside_its_inputs_is_counted_once() {
        let (facilitator, notes) = two_laptops();
        let merged = crate::merge::merge_pair(&facilitator, &notes);
        let app = reviewing(vec![facilitator, notes, merged]);
        let Screen::Review(r) = &app.screen else {
            panic!()
        };
        assert_eq!(r.rows.len(), 4);
        assert_eq!(r.sessions().count(), 1);
    }
}
