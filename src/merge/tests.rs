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
    /// A text changed by hand, its stamp left as it was: equal stamps with
    /// different values, so the laws are tried with open conflicts.
    HandText(usize, u8),
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
    /// A question added to the set (with the details' stamp).
    AddQuestion(u8),
    /// A question's text changed (with the details' stamp).
    Reword(usize, u8),
    /// A dot vote added (true) or taken back on this laptop's own count.
    Vote(usize, bool),
    /// A vote count changed by hand, its stamp left as it was.
    HandVote(usize, u8),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (1..8usize, any::<u8>()).prop_map(|(q, t)| Edit::Add(q, t)),
        (any::<usize>(), any::<u8>()).prop_map(|(i, t)| Edit::Text(i, t)),
        (any::<usize>(), 0..3u8).prop_map(|(i, t)| Edit::HandText(i, t)),
        any::<usize>().prop_map(Edit::Star),
        (any::<usize>(), any::<bool>()).prop_map(|(i, d)| Edit::Delete(i, d)),
        (any::<usize>(), any::<u8>()).prop_map(|(i, p)| Edit::Practice(i, p)),
        (any::<usize>(), any::<u8>()).prop_map(|(i, t)| Edit::Tags(i, t)),
        (any::<usize>(), 1..8usize).prop_map(|(i, q)| Edit::Move(i, q)),
        any::<u8>().prop_map(Edit::Participant),
        (any::<usize>(), any::<u8>()).prop_map(|(i, n)| Edit::Rename(i, n)),
        any::<u8>().prop_map(Edit::Theme),
        (any::<usize>(), any::<usize>(), any::<bool>()).prop_map(|(t, i, m)| Edit::Member(t, i, m)),
        (any::<usize>(), any::<u8>()).prop_map(|(t, n)| Edit::RenameTheme(t, n)),
        (any::<usize>(), any::<u8>()).prop_map(|(i, n)| Edit::Comment(i, n)),
        any::<u8>().prop_map(Edit::Title),
        any::<u8>().prop_map(Edit::AddQuestion),
        (any::<usize>(), any::<u8>()).prop_map(|(q, t)| Edit::Reword(q, t)),
        (any::<usize>(), any::<bool>()).prop_map(|(i, up)| Edit::Vote(i, up)),
        (any::<usize>(), 0..4u8).prop_map(|(i, n)| Edit::HandVote(i, n)),
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
        // Only questions this copy has: its inputs to a merge are valid.
        let on = |q: &usize| 1 + (q - 1) % s.questions.len();
        match edit {
            Edit::Add(q, text) => {
                let fields = InsightFields {
                    question: on(q),
                    text: format!("new {text}"),
                    ..Default::default()
                };
                s.add_insight(fields, &t);
            }
            Edit::HandText(i, text) => {
                let at = i % n;
                s.insights[at].text = format!("by hand {text}");
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
                    question: on(q),
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
                    text_modified: None,
                    deleted: false,
                    deleted_modified: None,
                });
            }
            Edit::Title(title) => {
                s.title = format!("Title {title}");
                s.modified = t;
            }
            Edit::AddQuestion(title) => {
                let mut question = s.questions[0].clone();
                question.title = format!("Extra {title}");
                s.questions.push(question);
                s.modified = t;
                s.normalise();
            }
            Edit::Reword(q, text) => {
                let k = q % s.questions.len();
                s.questions[k].text = format!("Reworded {text}");
                s.modified = t;
            }
            Edit::Vote(i, up) => {
                let votes = &mut s.insights[i % n].votes;
                let own = crate::model::vote::count_of(votes, t.device());
                let count = if *up { own + 1 } else { own.saturating_sub(1) };
                crate::model::vote::set_own(votes, count, &t);
            }
            Edit::HandVote(i, count) => {
                if let Some(vote) = s.insights[i % n].votes.first_mut() {
                    vote.count = u32::from(*count);
                }
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

mod conflicts;
mod examples;
mod fields;
mod reference;
mod valid;
