//! Hand edits: a value someone changed in the RON file (or a script did)
//! without touching its stamp.
//!
//! Against a base (the last version stb wrote, or git's common ancestor
//! `%O`, or `stb merge --base`), such a field is plain to see: its value
//! differs from the base's while its stamp is the base's. It is an edit like
//! any other, so it gets a fresh stamp, whose device says it was a hand
//! edit, and then wins over copies that left the field alone. Without a
//! base nothing can tell which copy was edited; the merge report lists such
//! fields as conflicts.

use crate::model::by_id::ById;
use crate::model::{Insight, Session, Stamp, StampClock, Stamped};
use jiff::Timestamp;

/// The device a hand edit's stamp names.
pub const HAND_EDIT: &str = "hand edit";

/// Stamps the hand edits in `edited` against `base` (sessions matched by
/// id, records by id), newer than every stamp either holds. Returns how
/// many fields were hand-edited.
///
/// Counted first, changing nothing: the stamp must be newer than every
/// stamp of both, a walk over every record of the ancestor and the copy
/// (four walks for a merge of two copies), and most merges have no hand
/// edit to give it to. Both passes are the one function, so they cannot
/// disagree on what an edit is.
pub fn restamp_hand_edits(base: &[Session], edited: &mut [Session], now: Timestamp) -> usize {
    let originals = ById::new(base, |s| s.id);
    if restamp_all(&originals, edited, None) == 0 {
        return 0;
    }
    let mut clock = StampClock::new(HAND_EDIT);
    for session in base.iter().chain(edited.iter()) {
        clock.observe(&session.newest_stamp());
    }
    restamp_all(&originals, edited, Some(&clock.stamp_at(now)))
}

/// Each edited session against its original, if the base has it.
fn restamp_all(
    originals: &ById<'_, Session>,
    edited: &mut [Session],
    stamp: Option<&Stamp>,
) -> usize {
    let pairs = edited
        .iter_mut()
        .filter_map(|s| Some((originals.get(s.id)?, s)));
    pairs
        .map(|(original, s)| restamp_session(original, s, stamp))
        .sum()
}

/// Gives `stamp` to the session's hand edits; with none, only counts them.
fn restamp_session(base: &Session, edited: &mut Session, stamp: Option<&Stamp>) -> usize {
    let mut restamped = 0;
    if edited.modified == base.modified && edited.details_values() != base.details_values() {
        if let Some(stamp) = stamp {
            edited.modified = stamp.clone();
        }
        restamped += 1;
    }
    for (question, was) in edited.questions.iter_mut().zip(&base.questions) {
        if question != was && question.modified == was.modified {
            if let Some(stamp) = stamp {
                question.modified = Some(stamp.clone());
            }
            restamped += 1;
        }
    }
    restamped += restamp_records(&base.insights, &mut edited.insights, stamp);
    restamped += restamp_records(&base.participants, &mut edited.participants, stamp);
    restamped += restamp_records(&base.themes, &mut edited.themes, stamp);
    let originals = ById::new(&base.insights, |i| i.id);
    for insight in edited
        .insights
        .iter_mut()
        .filter(|i| !i.comments.is_empty())
    {
        let Some(original) = originals.get(insight.id) else {
            continue;
        };
        let was_written = ById::new(&original.comments, |c| c.id);
        for comment in &mut insight.comments {
            let Some(was) = was_written.get(comment.id) else {
                continue;
            };
            if comment.text != was.text && comment.text_modified == was.text_modified {
                if let Some(stamp) = stamp {
                    comment.text_modified = Some(stamp.clone());
                }
                restamped += 1;
            }
        }
    }
    // The votes walk the insights again, from the start.
    let originals = ById::new(&base.insights, |i| i.id);
    restamped + restamp_votes(&originals, &mut edited.insights, stamp)
}

/// A vote count changed in an editor, its stamp left as it was, gets
/// `stamp`, so it wins over the copies that did not change it.
fn restamp_votes(
    originals: &ById<'_, Insight>,
    edited: &mut [Insight],
    stamp: Option<&Stamp>,
) -> usize {
    let mut restamped = 0;
    for insight in edited.iter_mut().filter(|i| !i.votes.is_empty()) {
        let Some(original) = originals.get(insight.id) else {
            continue;
        };
        for vote in &mut insight.votes {
            let was = original.votes.iter().find(|v| v.device == vote.device);
            if was.is_some_and(|was| was.count != vote.count && was.modified == vote.modified) {
                if let Some(stamp) = stamp {
                    vote.modified = stamp.clone();
                }
                restamped += 1;
            }
        }
    }
    restamped
}

fn restamp_records<R: Stamped>(base: &[R], edited: &mut [R], stamp: Option<&Stamp>) -> usize {
    let base = ById::new(base, R::id);
    edited
        .iter_mut()
        .filter_map(|record| {
            let original = base.get(record.id())?;
            Some(record.restamp_edits(original, stamp))
        })
        .sum()
}

#[cfg(test)]
mod tests_support {
    use super::*;
    use crate::model::{InsightFields, SessionDetails};

    pub(super) fn at(second: i64) -> Timestamp {
        Timestamp::from_second(1_795_000_000 + second).unwrap()
    }

    /// A session with one insight, "agreed", as stb last wrote it.
    pub(super) fn written() -> Session {
        let mut clock = StampClock::new("laptop");
        let mut s = Session::new(SessionDetails::default(), clock.stamp_at(at(0)));
        let fields = InsightFields {
            question: 1,
            text: "agreed".into(),
            ..Default::default()
        };
        s.add_insight(fields, &clock.stamp_at(at(1)));
        s
    }
}

#[cfg(test)]
mod tests {
    use super::tests_support::{at, written};
    use super::*;

    #[test]
    fn a_text_fixed_in_an_editor_wins_over_the_copy_that_left_it_alone() {
        // "agreed" → "AGREED" lost to sort order before: upper case sorts first.
        for fixed in ["AGREED", "really agreed"] {
            let base = written();
            let untouched = base.clone();
            let mut edited = base.clone();
            edited.insights[0].text = fixed.into();
            let mut edited = vec![edited];
            assert_eq!(restamp_hand_edits(&[base], &mut edited, at(5)), 1);
            assert_eq!(edited[0].insights[0].modified.text.device(), HAND_EDIT);
            for merged in [
                crate::merge::merge_pair(&untouched, &edited[0]),
                crate::merge::merge_pair(&edited[0], &untouched),
            ] {
                assert_eq!(merged.insights[0].text, fixed);
            }
        }
    }

    #[test]
    fn a_title_changed_by_hand_is_an_edit_and_unchanged_fields_keep_their_stamps() {
        let base = written();
        let mut edited = vec![base.clone()];
        edited[0].title = "Glasgow, revised".into();
        assert_eq!(
            restamp_hand_edits(std::slice::from_ref(&base), &mut edited, at(5)),
            1
        );
        assert!(edited[0].modified > base.modified);
        assert_eq!(edited[0].insights, base.insights, "nothing else restamped");
        let merged = crate::merge::merge_pair(&base, &edited[0]);
        assert_eq!(merged.title, "Glasgow, revised");
    }

    #[test]
    fn an_edit_that_was_stamped_is_left_as_it_is() {
        let base = written();
        let mut clock = StampClock::new("laptop");
        clock.observe(&base.newest_stamp());
        let mut edited = vec![base.clone()];
        let mut fields = edited[0].insights[0].fields();
        fields.starred = true;
        let id = edited[0].insights[0].id;
        edited[0].edit_insight(id, fields, &clock.stamp_at(at(9)));
        assert_eq!(restamp_hand_edits(&[base], &mut edited, at(10)), 0);
    }
}

#[cfg(test)]
mod report_tests {
    use super::tests_support::written;
    use crate::merge::report;

    #[test]
    fn without_a_base_an_unstamped_edit_is_a_conflict_never_no_conflicts() {
        let base = written();
        let mut edited = base.clone();
        edited.insights[0].text = "AGREED".into();
        let inputs = vec![vec![base], vec![edited]];
        let merged = crate::merge::merge(&inputs);
        let names = ["a.ron".to_owned(), "b.ron".to_owned()];
        let report = report::report(&names, &inputs, &merged, &[]);
        assert_eq!(report.conflicts.len(), 1, "{report}");
        assert_eq!(report.conflicts[0].field, "text");
        assert!(!report.to_string().contains("no conflicts"));
        assert_eq!(report.open, 1, "and kept open in the file");
        assert!(
            report.to_string().contains("1 conflict kept open"),
            "{report}"
        );
    }
}

#[cfg(test)]
mod question_tests {
    use super::tests_support::{at, written};
    use super::*;
    use crate::merge::report;

    /// A question reworded by hand (in capitals, which sort first).
    fn reworded() -> (Session, Session) {
        let base = written();
        let mut edited = base.clone();
        edited.questions[0].text = edited.questions[0].text.to_uppercase();
        (base, edited)
    }

    #[test]
    fn a_question_reworded_by_hand_wins_with_a_base() {
        let (base, edited) = reworded();
        let mut edited = vec![edited];
        assert_eq!(
            restamp_hand_edits(std::slice::from_ref(&base), &mut edited, at(5)),
            1
        );
        let merged = crate::merge::merge_pair(&base, &edited[0]);
        assert_eq!(merged.questions[0].text, edited[0].questions[0].text);
    }

    #[test]
    fn without_a_base_a_question_reworded_by_hand_is_reported() {
        let (base, edited) = reworded();
        let inputs = vec![vec![base], vec![edited]];
        let merged = crate::merge::merge(&inputs);
        let names = ["a.ron".to_owned(), "b.ron".to_owned()];
        let report = report::report(&names, &inputs, &merged, &[]);
        assert!(
            report.conflicts.iter().any(|c| c.record == "question 1"),
            "{report}"
        );
    }
}
