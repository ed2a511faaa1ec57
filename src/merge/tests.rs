//! The merge laws, by property tests over random edit schedules on several
//! laptops, and the story's cases by example.

use super::*;
use crate::model::{
    Comment, InsightFields, Kind, ParticipantFields, PracticeType, SessionDetails, StampClock,
};
use crate::storage::{SessionFile, file_to_ron};
use jiff::Timestamp;
use proptest::prelude::*;

fn at(second: i64) -> Timestamp {
    Timestamp::from_second(1_790_000_000 + second).unwrap()
}

/// The workshop both laptops start from: two insights and a participant.
fn base() -> Session {
    let mut clock = StampClock::new("facilitator");
    let t = clock.stamp_at(at(0));
    let mut s = Session::new(
        SessionDetails {
            title: "Base".into(),
            ..Default::default()
        },
        t.clone(),
    );
    s.add_participant(
        ParticipantFields {
            name: "Ann".into(),
            ..Default::default()
        },
        &t,
    );
    for text in ["Food hub", "Phone tree"] {
        let fields = InsightFields {
            question: 1,
            text: text.into(),
            ..Default::default()
        };
        s.add_insight(fields, &t);
    }
    s
}

/// One edit a laptop can make.
#[derive(Clone, Debug)]
enum Edit {
    Add(usize, u8),
    Text(usize, u8),
    Star(usize),
    Delete(usize, bool),
    Practice(usize, u8),
    Tags(usize, u8),
    Move(usize, usize),
    Participant(u8),
    Rename(usize, u8),
    Theme(u8),
    Member(usize, usize, bool),
    RenameTheme(usize, u8),
    Comment(usize, u8),
    Title(u8),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (1..5usize, any::<u8>()).prop_map(|(q, t)| Edit::Add(q, t)),
        (any::<usize>(), any::<u8>()).prop_map(|(i, t)| Edit::Text(i, t)),
        any::<usize>().prop_map(Edit::Star),
        (any::<usize>(), any::<bool>()).prop_map(|(i, d)| Edit::Delete(i, d)),
        (any::<usize>(), any::<u8>()).prop_map(|(i, p)| Edit::Practice(i, p)),
        (any::<usize>(), any::<u8>()).prop_map(|(i, t)| Edit::Tags(i, t)),
        (any::<usize>(), 1..5usize).prop_map(|(i, q)| Edit::Move(i, q)),
        any::<u8>().prop_map(Edit::Participant),
        (any::<usize>(), any::<u8>()).prop_map(|(i, n)| Edit::Rename(i, n)),
        any::<u8>().prop_map(Edit::Theme),
        (any::<usize>(), any::<usize>(), any::<bool>()).prop_map(|(t, i, m)| Edit::Member(t, i, m)),
        (any::<usize>(), any::<u8>()).prop_map(|(t, n)| Edit::RenameTheme(t, n)),
        (any::<usize>(), any::<u8>()).prop_map(|(i, n)| Edit::Comment(i, n)),
        any::<u8>().prop_map(Edit::Title),
    ]
}

/// A laptop: a device name (two laptops may share one, to force equal
/// stamps) and edits at times that often coincide.
fn laptop() -> impl Strategy<Value = (u8, Vec<(Edit, i64)>)> {
    (0..3u8, prop::collection::vec((edit(), 1..6i64), 0..8))
}

fn apply(session: &Session, device: u8, edits: &[(Edit, i64)]) -> Session {
    let mut s = session.clone();
    let mut clock = StampClock::new(format!("laptop-{device}"));
    for (edit, time) in edits {
        let t = clock.stamp_at(at(*time));
        let n = s.insights.len();
        let pick = |i: &usize| s.insights[i % n].id;
        match edit {
            Edit::Add(q, text) => {
                let fields = InsightFields {
                    question: *q,
                    text: format!("new {text}"),
                    ..Default::default()
                };
                s.add_insight(fields, &t);
            }
            Edit::Text(i, text) => {
                let id = pick(i);
                let f = InsightFields {
                    text: format!("text {text}"),
                    ..s.insight(id).unwrap().fields()
                };
                s.edit_insight(id, f, &t);
            }
            Edit::Star(i) => {
                let id = pick(i);
                let f = s.insight(id).unwrap().fields();
                s.edit_insight(
                    id,
                    InsightFields {
                        starred: !f.starred,
                        ..f
                    },
                    &t,
                );
            }
            Edit::Delete(i, deleted) => {
                let id = pick(i);
                let f = InsightFields {
                    deleted: *deleted,
                    ..s.insight(id).unwrap().fields()
                };
                s.edit_insight(id, f, &t);
            }
            Edit::Practice(i, p) => {
                let id = pick(i);
                let practice = PracticeType::ALL.get(usize::from(*p) % 4).copied();
                let f = InsightFields {
                    practice,
                    kind: Kind::ALL[usize::from(*p) % 7],
                    ..s.insight(id).unwrap().fields()
                };
                s.edit_insight(id, f, &t);
            }
            Edit::Tags(i, tag) => {
                let id = pick(i);
                let f = InsightFields {
                    tags: vec![format!("tag{}", tag % 4)],
                    ..s.insight(id).unwrap().fields()
                };
                s.edit_insight(id, f, &t);
            }
            Edit::Move(i, q) => {
                let id = pick(i);
                let f = InsightFields {
                    question: *q,
                    ..s.insight(id).unwrap().fields()
                };
                s.edit_insight(id, f, &t);
            }
            Edit::Participant(name) => {
                s.add_participant(
                    ParticipantFields {
                        name: format!("P{name}"),
                        ..Default::default()
                    },
                    &t,
                );
            }
            Edit::Rename(i, name) => {
                let p = &s.participants[i % s.participants.len()];
                let f = ParticipantFields {
                    name: format!("N{name}"),
                    ..p.fields()
                };
                let id = p.id;
                s.edit_participant(id, f, &t);
            }
            Edit::Theme(name) => s.themes.push(Theme::create(&format!("T{name}"), &t)),
            Edit::Member(theme, i, included) if !s.themes.is_empty() => {
                let id = pick(i);
                let k = theme % s.themes.len();
                s.themes[k].set_member(id, *included, &t);
            }
            Edit::RenameTheme(theme, name) if !s.themes.is_empty() => {
                let k = theme % s.themes.len();
                s.themes[k].rename(&format!("R{name}"), &t);
            }
            Edit::Comment(i, text) => {
                let k = i % n;
                s.insights[k].comments.push(Comment {
                    id: crate::model::new_id(),
                    author: t.device().to_owned(),
                    at: t.time(),
                    text: format!("c{text}"),
                });
            }
            Edit::Title(title) => {
                s.title = format!("Title {title}");
                s.modified = t;
            }
            Edit::Member(..) | Edit::RenameTheme(..) => {}
        }
    }
    s
}

fn m(inputs: &[&Session]) -> Vec<Session> {
    merge(
        &inputs
            .iter()
            .map(|s| vec![(*s).clone()])
            .collect::<Vec<_>>(),
    )
}

fn ids(s: &Session) -> Vec<Ulid> {
    let mut ids: Vec<Ulid> = s.insights.iter().map(|i| i.id).collect();
    ids.extend(s.participants.iter().map(|p| p.id));
    ids.extend(s.themes.iter().map(|t| t.id));
    ids.extend(
        s.insights
            .iter()
            .flat_map(|i| i.comments.iter().map(|c| c.id)),
    );
    ids
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn merge_is_commutative(a in laptop(), b in laptop()) {
        let base = base();
        let (a, b) = (apply(&base, a.0, &a.1), apply(&base, b.0, &b.1));
        prop_assert_eq!(m(&[&a, &b]), m(&[&b, &a]));
    }

    #[test]
    fn merge_is_associative(a in laptop(), b in laptop(), c in laptop()) {
        let base = base();
        let (a, b, c) = (apply(&base, a.0, &a.1), apply(&base, b.0, &b.1), apply(&base, c.0, &c.1));
        let left = m(&[&m(&[&a, &b])[0], &c]);
        let right = m(&[&a, &m(&[&b, &c])[0]]);
        prop_assert_eq!(left, right);
    }

    #[test]
    fn merge_is_idempotent_and_an_empty_input_changes_nothing(a in laptop()) {
        let a = apply(&base(), a.0, &a.1);
        prop_assert_eq!(m(&[&a, &a]), vec![a.clone()], "with itself");
        prop_assert_eq!(merge(&[vec![a.clone()], vec![]]), vec![a.clone()], "with an empty file");
        prop_assert_eq!(m(&[&a]), vec![a], "alone");
    }

    #[test]
    fn no_record_from_any_input_is_lost(a in laptop(), b in laptop()) {
        let base = base();
        let (a, b) = (apply(&base, a.0, &a.1), apply(&base, b.0, &b.1));
        let merged = m(&[&a, &b]).remove(0);
        let kept = ids(&merged);
        for id in ids(&a).into_iter().chain(ids(&b)) {
            prop_assert!(kept.contains(&id), "{id} lost");
        }
        let mut unique = kept.clone();
        unique.sort();
        unique.dedup();
        prop_assert_eq!(unique.len(), kept.len(), "each record once");
    }

    #[test]
    fn the_output_is_the_same_bytes_whatever_the_order(a in laptop(), b in laptop(), c in laptop()) {
        let base = base();
        let copies = [apply(&base, a.0, &a.1), apply(&base, b.0, &b.1), apply(&base, c.0, &c.1)];
        let text = |order: [usize; 3]| {
            let inputs: Vec<Vec<Session>> = order.iter().map(|&i| vec![copies[i].clone()]).collect();
            file_to_ron(&SessionFile::from_sessions(merge(&inputs)))
        };
        let first = text([0, 1, 2]);
        for order in [[0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]] {
            prop_assert_eq!(&text(order), &first);
        }
    }

    /// Three laptops edit, then swap files pairwise in a random order; once
    /// every laptop has (transitively) seen every other, all hold the same.
    #[test]
    fn random_exchanges_between_three_laptops_converge(
        edits in prop::collection::vec(laptop(), 3),
        swaps in prop::collection::vec((0..3usize, 0..3usize), 0..6),
    ) {
        let base = base();
        let mut copies: Vec<Session> = edits.iter().map(|(d, e)| apply(&base, *d, e)).collect();
        for (x, y) in swaps {
            let merged = m(&[&copies[x], &copies[y]]).remove(0);
            copies[x] = merged.clone();
            copies[y] = merged;
        }
        // A final round: 0 and 1 meet, 1 and 2 meet, then 0 and 1 again.
        for (x, y) in [(0, 1), (1, 2), (0, 1)] {
            let merged = m(&[&copies[x], &copies[y]]).remove(0);
            copies[x] = merged.clone();
            copies[y] = merged;
        }
        prop_assert_eq!(&copies[0], &copies[1]);
        prop_assert_eq!(&copies[1], &copies[2]);
    }
}

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
