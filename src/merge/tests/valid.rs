//! A merge of valid copies is a valid file, and the regressions found by
//! testing from outside: differing question sets, tombstones counted as
//! new, a comment's changed text losing to sort order.

use super::*;
use crate::storage::{parse_session, to_ron};
use std::path::Path;

/// What `stb check` asks of a session, and what loading gives back.
fn check(session: &Session) -> Result<(), TestCaseError> {
    prop_assert_eq!(session.problems(), Vec::<String>::new());
    let text = to_ron(session);
    let read = parse_session(&text, Path::new("merged.ron"));
    prop_assert_eq!(read.as_ref().ok(), Some(session), "{}", text);
    // A format 2 file of the same session (every stamp written) reads the same.
    let old = crate::storage::to_ron_format_2(session);
    let read = parse_session(&old, Path::new("old.ron"));
    prop_assert_eq!(read.as_ref().ok(), Some(session), "{}", old);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Copies that add and reword questions, put insights on them and edit
    /// everything else: every merge passes the check and reads back.
    #[test]
    fn a_merge_of_valid_copies_passes_the_check_and_reads_back(
        a in laptop(), b in laptop(), c in laptop(),
    ) {
        let base = base();
        let copies = [apply(&base, a.0, &a.1), apply(&base, b.0, &b.1), apply(&base, c.0, &c.1)];
        for copy in &copies {
            prop_assert_eq!(copy.problems(), Vec::<String>::new(), "a valid input");
        }
        check(&m(&[&copies[0], &copies[1]])[0])?;
        check(&m(&[&copies[0], &copies[1], &copies[2]])[0])?;
        let pairwise = m(&[&m(&[&copies[0], &copies[1]])[0], &copies[2]]);
        check(&pairwise[0])?;
    }
}

#[test]
fn a_generated_workshop_merged_with_an_edited_copy_passes_the_check() {
    let big = crate::generate::session(crate::generate::Spec {
        insights: 300,
        seed: 11,
    });
    let mut edited = big.clone();
    let edits = [
        (Edit::AddQuestion(1), 1),
        (Edit::Add(5, 1), 2),
        (Edit::Title(3), 3),
    ];
    edited = apply(&edited, 1, &edits);
    for merged in [m(&[&big, &edited]), m(&[&edited, &big])] {
        check(&merged[0]).unwrap();
    }
}

/// The reproduction: a copy with 5 questions and an insight on question 5,
/// merged with a copy whose details are newer and that has 4.
#[test]
fn a_fifth_question_survives_newer_details_with_four() {
    let base = base();
    assert_eq!(base.questions.len(), 4);
    let five = apply(&base, 1, &[(Edit::AddQuestion(5), 1), (Edit::Add(5, 9), 2)]);
    assert_eq!(five.questions.len(), 5);
    assert!(five.insights.iter().any(|i| i.question == 5));
    let newer = apply(&base, 2, &[(Edit::Reword(0, 4), 5), (Edit::Title(4), 5)]);
    assert!(newer.modified > five.modified);
    for merged in [m(&[&five, &newer]), m(&[&newer, &five])] {
        let merged = &merged[0];
        check(merged).unwrap();
        assert_eq!(merged.questions.len(), 5, "question 5 kept");
        assert_eq!(merged.questions[4].title, "Extra 5");
        assert_eq!(merged.questions[4].modified.as_ref(), Some(&five.modified));
        assert_eq!(
            merged.questions[0].text, "Reworded 4",
            "the newer text wins"
        );
        assert_eq!(merged.questions[0].modified, None, "the details' own stamp");
        assert_eq!(merged.title, "Title 4");
        assert_eq!(merged.timeline.len(), 5);
    }
    // Once merged, the file goes on merging as a join.
    let once = m(&[&five, &newer]).remove(0);
    assert_eq!(m(&[&once, &five])[0], once);
    assert_eq!(m(&[&once, &newer])[0], once);
    assert_eq!(m(&[&once, &once])[0], once);
}

#[test]
fn a_tombstone_is_not_counted_as_new() {
    let base = base();
    let mut a = apply(&base, 1, &[(Edit::Add(1, 1), 1), (Edit::Add(1, 2), 2)]);
    let gone = a.insights.iter().find(|i| i.text == "new 2").unwrap().id;
    let f = InsightFields {
        deleted: true,
        ..a.insight(gone).unwrap().fields()
    };
    a.edit_insight(gone, f, &StampClock::new("ann").stamp_at(at(3)));
    let merged = m(&[&a, &base]);
    let names = ["a".into(), "b".into()];
    let r = report::report(&names, &[vec![a], vec![base]], &merged, &[]);
    assert_eq!(r.inputs[0].insights, 3, "live insights");
    assert_eq!(r.inputs[0].new_insights, 1, "the deleted one is not new");
    assert!(
        r.to_string()
            .contains("a: 1 session, 3 insights (1 new: in no other file)"),
        "{r}"
    );
}

/// A comment's text changed on one copy (an erase scrubbing a name) wins
/// by its stamp, whatever the text sorts as, and in either order.
#[test]
fn a_comment_text_changed_on_one_copy_wins_by_its_stamp() {
    let mut base = base();
    let t = StampClock::new("note-taker").stamp_at(at(1));
    let comment = Comment::new("agreed, said Siân".into(), &t);
    let cid = comment.id;
    base.insights[0].comments.push(comment);
    for changed in ["AGREED", "really agreed", "[erased] agreed"] {
        let mut edited = base.clone();
        let later = StampClock::new("eraser").stamp_at(at(2));
        assert!(edited.insights[0].comments[0].set_text(changed.into(), &later));
        for merged in [m(&[&base, &edited]), m(&[&edited, &base])] {
            let c = &merged[0].insights[0].comments[0];
            assert_eq!((c.id, c.text.as_str()), (cid, changed));
            assert_eq!(c.text_modified.as_ref(), Some(&later));
            check(&merged[0]).unwrap();
        }
    }
    // Unchanged, the comment writes no text stamp: old files keep their bytes.
    assert!(!to_ron(&base).contains("text_modified"));
}
