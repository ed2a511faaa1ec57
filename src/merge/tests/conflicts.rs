//! Conflicts kept as data: two values under one stamp survive a merge, a
//! save and another merge, and a chosen value closes them for good.

use super::*;
use crate::model::record::Met;
use crate::storage::{parse_session, to_ron};
use std::path::Path;

/// The same insight, "agreed" on one copy and "AGREED" on the other, under
/// one stamp: a hand edit with no base to tell which copy changed it.
fn tied() -> (Session, Session) {
    let a = base();
    let mut b = a.clone();
    b.insights[0].text = "AGREED".into();
    (a, b)
}

fn one(inputs: &[&Session]) -> Session {
    m(inputs).remove(0)
}

#[test]
fn a_tie_is_kept_with_both_values_whichever_copy_comes_first() {
    let (a, b) = tied();
    let merged = one(&[&a, &b]);
    assert_eq!(merged, one(&[&b, &a]));
    let open: Vec<_> = merged.open_conflicts().collect();
    assert_eq!(open.len(), 1, "{:?}", merged.conflicts);
    assert_eq!(open[0].record, a.insights[0].id);
    assert_eq!(open[0].field, "text");
    assert_eq!(open[0].stamp, a.insights[0].modified.text);
    let text0 = a.insights[0].text.clone();
    assert_eq!(
        open[0].values,
        vec![r#""AGREED""#.to_owned(), format!("{text0:?}")]
    );
}

#[test]
fn a_file_without_conflicts_says_nothing_of_them() {
    let a = base();
    let text = to_ron(&one(&[&a, &a.clone()]));
    assert!(!text.contains("conflicts"), "{text}");
}

#[test]
fn a_conflict_survives_saving_loading_and_merging_again() {
    let (a, b) = tied();
    let merged = one(&[&a, &b]);
    let text = to_ron(&merged);
    assert!(text.contains("conflicts"), "{text}");
    let loaded = parse_session(&text, Path::new("m.ron")).unwrap();
    assert_eq!(loaded, merged);
    for again in [
        one(&[&loaded, &a]),
        one(&[&b, &loaded]),
        one(&[&loaded, &loaded]),
    ] {
        assert_eq!(again, merged);
    }
}

#[test]
fn choosing_a_value_closes_the_conflict_and_older_copies_do_not_reopen_it() {
    let (a, b) = tied();
    let mut merged = one(&[&a, &b]);
    let id = a.insights[0].id;
    let mut clock = StampClock::new("reviewer");
    clock.observe(&merged.newest_stamp());
    let mut fields = merged.insight(id).unwrap().fields();
    assert!(fields.set_ron("text", r#""AGREED""#));
    merged.edit_insight(id, fields, &clock.stamp_at(at(100)));
    assert_eq!(merged.open_conflicts().count(), 0, "chosen: closed at once");
    for again in [one(&[&merged, &a]), one(&[&b, &merged, &a])] {
        assert_eq!(again.insight(id).unwrap().text, "AGREED");
        assert_eq!(again.open_conflicts().count(), 0);
        assert!(again.conflicts.is_empty(), "dropped from the file");
    }
}

#[test]
fn three_values_under_one_stamp_are_one_conflict_however_they_meet() {
    let (a, b) = tied();
    let mut c = a.clone();
    c.insights[0].text = "agreed, mostly".into();
    let all = one(&[&a, &b, &c]);
    assert_eq!(all.conflicts.len(), 1);
    assert_eq!(all.conflicts[0].values.len(), 3);
    assert_eq!(one(&[&one(&[&a, &b]), &c]), all);
    assert_eq!(one(&[&a, &one(&[&c, &b])]), all);
}

#[test]
fn a_different_title_under_one_stamp_is_an_open_conflict_not_a_silent_swap() {
    let a = base();
    let mut b = a.clone();
    b.title = "Base, by hand".into();
    let merged = one(&[&a, &b]);
    assert_eq!(merged, one(&[&b, &a]));
    let open: Vec<_> = merged.open_conflicts().collect();
    assert_eq!(open.len(), 1, "{:?}", merged.conflicts);
    assert_eq!((open[0].record, open[0].field.as_str()), (a.id, "title"));
    assert_eq!(
        merged.describe_conflict(open[0]),
        r#"session details · title: "Base" / "Base, by hand""#
    );
    let mut chosen = merged.clone();
    let mut clock = StampClock::new("reviewer");
    clock.observe(&chosen.newest_stamp());
    chosen.title = "Base".into();
    chosen.modified = clock.stamp_at(at(100));
    assert!(
        one(&[&chosen, &b, &a]).conflicts.is_empty(),
        "closed by newer details"
    );
}

/// Ties are found record by record whatever order a copy's records are in
/// (a hand-edited file may not be in id order): the walk beside the merged
/// list falls back to a search.
#[test]
fn ties_are_found_in_a_copy_out_of_id_order() {
    let (a, mut b) = tied();
    b.insights[1].text = "PHONE TREE".into();
    let sorted = one(&[&a, &b]);
    assert_eq!(sorted.open_conflicts().count(), 2, "{:?}", sorted.conflicts);
    let mut conflicts = Vec::new();
    let mut reversed = b.insights.clone();
    reversed.reverse();
    crate::model::conflict::note_ties(&mut conflicts, &sorted.insights, &reversed);
    let mut found: Vec<_> = conflicts.iter().map(|c| c.record).collect();
    found.sort();
    let mut want: Vec<_> = b.insights.iter().map(|i| i.id).collect();
    want.sort();
    assert_eq!(found, want);
}

#[test]
fn the_union_says_which_records_every_copy_held_alike_and_which_met_a_tie() {
    let insights = |copies: [&Session; 2]| {
        let lists = copies.map(|s| &s.insights[..]);
        union_agreed(&lists, |i| i.id, join_insight)
    };
    let (a, mut b) = tied();
    assert_eq!(insights([&a, &a.clone()]).1, vec![Met::ALIKE; 2]);
    // Insight 0 ties under one stamp; insight 1 differs by a newer stamp.
    let newer = &mut b.insights[1];
    newer.text = "Newer".into();
    newer.modified.text.0 += jiff::SignedDuration::from_secs(60);
    for copies in [[&a, &b], [&b, &a]] {
        let (merged, agreed) = insights(copies);
        let tied = Met {
            alike: false,
            tied: true,
        };
        let newer = Met {
            alike: false,
            tied: false,
        };
        assert_eq!(agreed, vec![tied, newer]);
        assert_eq!(merged[1].text, "Newer");
    }
    let people = union_agreed(
        &[&a.participants[..], &b.participants[..]],
        |p| p.id,
        join_participant,
    );
    assert_eq!(people.1, vec![Met::ALIKE]);
}

#[test]
fn a_merge_flags_the_records_its_copies_held_alike_and_only_those() {
    let (a, b) = tied();
    let (merged, agreed) = crate::merge::merge_agreed(&[vec![a.clone()], vec![a.clone()]]);
    assert_eq!(agreed[0].insights, vec![true; merged[0].insights.len()]);
    assert_eq!(agreed[0].participants, vec![true]);
    // Insight 0 ties under one stamp in `b`: not alike, so the report reads it.
    let (_, agreed) = crate::merge::merge_agreed(&[vec![a], vec![b]]);
    assert!(!agreed[0].insights[0]);
}
