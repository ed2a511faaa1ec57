//! The story's cases by example: both edits kept, one conflict reported
//! with both values, different sessions side by side, exact conflicts with
//! the ancestor.

use super::*;

#[test]
fn a_retag_on_one_laptop_and_a_text_fix_on_the_other_both_survive() {
    let base = base();
    let id = base.insights[0].id;
    let mut a = base.clone();
    let mut ca = StampClock::new("ann");
    let f = InsightFields {
        tags: vec!["food".into()],
        practice: Some(PracticeType::Innovation),
        ..a.insight(id).unwrap().fields()
    };
    a.edit_insight(id, f, &ca.stamp_at(at(10)));
    let mut b = base.clone();
    let mut cb = StampClock::new("bryn");
    let f = InsightFields {
        text: "Food hub at the leisure centre".into(),
        ..b.insight(id).unwrap().fields()
    };
    b.edit_insight(id, f, &cb.stamp_at(at(20)));
    let merged = m(&[&a, &b]).remove(0);
    let i = merged.insight(id).unwrap();
    assert_eq!(i.text, "Food hub at the leisure centre");
    assert_eq!(i.tags, vec!["food"]);
    assert_eq!(i.practice, Some(PracticeType::Innovation));
    let report = report::report(
        &["a".into(), "b".into()],
        &[vec![a], vec![b]],
        &[merged],
        &[],
    );
    assert!(report.conflicts.is_empty(), "{report}");
}

#[test]
fn the_same_field_edited_twice_keeps_the_latest_and_is_reported() {
    let base = base();
    let id = base.insights[1].id;
    let mut a = base.clone();
    let f = InsightFields {
        text: "Phone tree, early".into(),
        ..a.insight(id).unwrap().fields()
    };
    a.edit_insight(id, f, &StampClock::new("ann").stamp_at(at(30)));
    let mut b = base.clone();
    let f = InsightFields {
        text: "Phone tree, later".into(),
        ..b.insight(id).unwrap().fields()
    };
    b.edit_insight(id, f, &StampClock::new("bryn").stamp_at(at(40)));
    // One laptop deleted the other insight: the tombstone travels.
    let other = base.insights[0].id;
    let f = InsightFields {
        deleted: true,
        ..a.insight(other).unwrap().fields()
    };
    a.edit_insight(other, f, &StampClock::new("ann").stamp_at(at(50)));

    let merged = m(&[&a, &b]).remove(0);
    assert_eq!(merged.insight(id).unwrap().text, "Phone tree, later");
    assert!(merged.insight(other).unwrap().deleted);
    let r = report::report(
        &["a.ron".into(), "b.ron".into()],
        &[vec![a], vec![b]],
        &[merged],
        &[],
    );
    assert_eq!(r.conflicts.len(), 1, "{r}");
    let c = &r.conflicts[0];
    assert_eq!(c.field, "text");
    assert!(
        c.kept.0.contains("later") && c.lost[0].0.contains("early"),
        "{c:?}"
    );
    let text = r.to_string();
    assert!(text.contains("\n1 conflict resolved"), "{text}");
    assert!(text.contains("kept \"Phone tree, later\""), "{text}");
    assert!(text.contains("over \"Phone tree, early\""), "{text}");
}

#[test]
fn different_sessions_are_kept_whole_side_by_side() {
    let a = base();
    let mut b = a.clone();
    b.id = crate::model::new_id();
    b.title = "Elsewhere".into();
    let merged = m(&[&a, &b]);
    assert_eq!(merged.len(), 2);
    assert!(
        merged
            .iter()
            .any(|s| s.title == "Elsewhere" && s.insights.len() == 2)
    );
    let r = report::report(&["a".into(), "b".into()], &[vec![a], vec![b]], &merged, &[]);
    assert_eq!(r.sessions, 2);
    assert_eq!(
        r.inputs[0].new_insights, 0,
        "same insight ids in both copies"
    );
}

#[test]
fn values_that_differ_late_in_a_long_text_are_still_a_conflict() {
    let base = base();
    let id = base.insights[0].id;
    let long = "Food hub in the leisure centre, run by mutual aid volunteers with the council";
    let edit = |s: &Session, text: String, device: &str, second: i64| {
        let mut s = s.clone();
        let f = InsightFields {
            text,
            ..s.insight(id).unwrap().fields()
        };
        s.edit_insight(id, f, &StampClock::new(device).stamp_at(at(second)));
        s
    };
    let a = edit(&base, format!("{long} (Ann)"), "ann", 30);
    let b = edit(&base, format!("{long} (Bryn)"), "bryn", 40);
    let merged = m(&[&a, &b]);
    let r = report::report(&["a".into(), "b".into()], &[vec![a], vec![b]], &merged, &[]);
    assert_eq!(r.conflicts.len(), 1, "{r}");
    assert!(
        r.conflicts[0].kept.0.ends_with("(Bryn)\""),
        "full values kept: {:?}",
        r.conflicts[0]
    );
}

#[test]
fn with_the_ancestor_an_edit_over_an_older_edit_is_no_conflict() {
    // Starred during the workshop, before the copies parted; then one
    // laptop unstars it and the other leaves it alone.
    let mut ancestor = base();
    let id = ancestor.insights[0].id;
    let f = InsightFields {
        starred: true,
        ..ancestor.insight(id).unwrap().fields()
    };
    ancestor.edit_insight(id, f, &StampClock::new("facilitator").stamp_at(at(5)));
    let untouched = ancestor.clone();
    let mut unstarred = ancestor.clone();
    let f = InsightFields {
        starred: false,
        ..unstarred.insight(id).unwrap().fields()
    };
    unstarred.edit_insight(id, f, &StampClock::new("notes").stamp_at(at(60)));
    let inputs = [vec![untouched], vec![unstarred]];
    let merged = merge(&inputs);
    assert!(!merged[0].insight(id).unwrap().starred);
    let names = ["a".to_owned(), "b".to_owned()];
    let exact = report::report(&names, &inputs, &merged, std::slice::from_ref(&ancestor));
    assert!(exact.conflicts.is_empty(), "{exact}");
    let guessed = report::report(&names, &inputs, &merged, &[]);
    assert_eq!(
        guessed.conflicts.len(),
        1,
        "without the ancestor it is listed, as documented"
    );
}

/// Guards the field lists: when the other copy edited every field later,
/// the merge must take every one of them. A field missing from the merge's
/// list would silently keep the older value and fail here.
#[test]
fn every_field_of_a_record_follows_its_own_stamp() {
    let base = base();
    let id = base.insights[0].id;
    let pid = base.participants[0].id;
    let mut later = base.clone();
    let t = StampClock::new("later").stamp_at(at(99));
    let f = InsightFields {
        question: 3,
        text: "changed".into(),
        participant: Some(pid),
        practice: Some(PracticeType::Collaboration),
        kind: Kind::Lesson,
        tags: vec!["new".into()],
        starred: true,
        deleted: true,
        parked: true,
        owner: "Cardiff Council".into(),
        due: Some(jiff::civil::date(2026, 12, 15)),
    };
    later.edit_insight(id, f.clone(), &t);
    let p = ParticipantFields {
        name: "Renamed".into(),
        organisation: "Org".into(),
        sector: crate::model::Sector::Vcse,
        consent: crate::model::Consent::Given(t.time()),
        deleted: true,
    };
    later.edit_participant(pid, p.clone(), &t);
    for merged in [m(&[&base, &later]), m(&[&later, &base])] {
        assert_eq!(merged[0].insight(id).unwrap().fields(), f);
        assert_eq!(merged[0].participant(pid).unwrap().fields(), p);
    }
}

#[test]
fn the_report_counts_one_of_each_in_the_singular() {
    let mut one = base();
    let second = one.insights[1].id;
    one.insights.retain(|i| i.id != second);
    let merged = m(&[&one, &one]);
    let inputs = [vec![one.clone()], vec![one]];
    let text = report::report(&["a".into(), "b".into()], &inputs, &merged, &[]).to_string();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("merged 2 files into 1 session, 1 insight, 1 participant, 0 themes")
    );
    assert_eq!(
        lines.next(),
        Some("  a: 1 session, 1 insight (0 new: in no other file), 1 participant, 0 themes")
    );
}

#[test]
fn a_title_changed_on_two_copies_is_reported_with_the_ancestor() {
    let base = base();
    let a = apply(&base, 1, &[(Edit::Title(1), 1)]);
    let b = apply(&base, 2, &[(Edit::Title(2), 2)]);
    let merged = m(&[&a, &b]);
    assert_eq!(merged[0].title, "Title 2");
    let names = ["a".into(), "b".into()];
    let r = report::report(&names, &[vec![a], vec![b]], &merged, &[base]);
    assert_eq!(r.conflicts.len(), 1, "{r}");
    let c = &r.conflicts[0];
    assert_eq!((c.record.as_str(), c.field), ("session details", "title"));
    assert_eq!(c.kept.0, "\"Title 2\"");
    assert_eq!(c.lost[0].0, "\"Title 1\"");
}

/// An insight made in the same millisecond as another has a counter in
/// its stamps; the fields added to the format since read as its
/// `(created, 0, author)`. Deleting it on one laptop is still one edit,
/// not a conflict with the other laptop's untouched copy.
#[test]
fn a_delete_of_an_insight_made_with_a_counter_is_no_conflict() {
    let mut clock = StampClock::new("priya");
    let mut a = base();
    clock.stamp_at(at(5));
    let made = clock.stamp_at(at(5));
    assert_eq!(made.1, 1, "the second stamp of the millisecond");
    let fields = InsightFields {
        question: 2,
        text: "Made in a busy millisecond".into(),
        ..Default::default()
    };
    let id = a.add_insight(fields, &made);
    // As a build before these fields wrote it: no stamps for them.
    let older: Vec<String> = crate::storage::to_ron(&a)
        .lines()
        .filter(|l| {
            !["parked: (", "owner: (", "due: ("]
                .iter()
                .any(|f| l.trim_start().starts_with(f))
        })
        .map(String::from)
        .collect();
    let a = crate::storage::parse_session(&older.join("\n"), "a.ron".as_ref()).unwrap();
    assert!(
        a.insight(id).unwrap().modified.parked < made,
        "implicit: (created, 0, author)"
    );
    let mut b = a.clone();
    let f = InsightFields {
        deleted: true,
        ..b.insight(id).unwrap().fields()
    };
    b.edit_insight(id, f, &StampClock::new("dafydd").stamp_at(at(30)));
    let merged = m(&[&a, &b]);
    assert!(merged[0].insight(id).unwrap().deleted);
    let r = report::report(&["a".into(), "b".into()], &[vec![a], vec![b]], &merged, &[]);
    assert!(r.conflicts.is_empty(), "{r}");
}
