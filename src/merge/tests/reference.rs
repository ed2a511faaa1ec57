//! The merge's linear steps against the straightforward code they replaced
//! (a scan or a map per record, a pure join cloning both sides): on random
//! copies, with lists out of order and ids repeated, each step gives the
//! same result, so the output stays byte for byte what it was.

use super::*;
use crate::merge::hand_edits::restamp_hand_edits;
use crate::merge::report::report;

/// Every record once, in id order: the first of each cloned, each later
/// one joined in by a pure join, found by a scan.
fn reference_union<T: Clone>(
    records: &[T],
    id: impl Fn(&T) -> Ulid,
    join: impl Fn(&T, &T) -> T,
) -> Vec<T> {
    let mut out: Vec<T> = Vec::new();
    for record in records {
        match out.iter().position(|o| id(o) == id(record)) {
            Some(at) => out[at] = join(&out[at], record),
            None => out.push(record.clone()),
        }
    }
    out.sort_by_key(|r| id(r));
    out
}

fn reference_insight(a: &Insight, b: &Insight) -> Insight {
    let origin = (a.created, &a.author).min((b.created, &b.author));
    let mut out = a.clone();
    out.created = origin.0;
    out.author = origin.1.clone();
    out.join_fields(b);
    let comments: Vec<Comment> = a.comments.iter().chain(&b.comments).cloned().collect();
    out.comments = reference_union(&comments, |c| c.id, merge_comment);
    // Votes: per device, the greatest (stamp, count) of either side.
    let mut votes: Vec<crate::model::Vote> = Vec::new();
    for vote in a.votes.iter().chain(&b.votes) {
        match votes.iter_mut().find(|v| v.device == vote.device) {
            Some(v) if (&vote.modified, vote.count) > (&v.modified, v.count) => *v = vote.clone(),
            Some(_) => {}
            None => votes.push(vote.clone()),
        }
    }
    votes.sort_by(|x, y| x.device.cmp(&y.device));
    out.votes = votes;
    out
}

fn reference_theme(a: &Theme, b: &Theme) -> Theme {
    let mut out = a.clone();
    out.join_fields(b);
    for (insight, member) in &b.members {
        let joined = match out.members.get(insight) {
            Some(mine) => {
                let (included, modified) = lww(
                    (&mine.included, &mine.modified),
                    (&member.included, &member.modified),
                );
                Member { included, modified }
            }
            None => member.clone(),
        };
        out.members.insert(*insight, joined);
    }
    out
}

fn reference_participant(a: &Participant, b: &Participant) -> Participant {
    let mut out = a.clone();
    out.join_fields(b);
    out
}

/// The records out of order: rotated by `turn`, reversed when it is odd.
fn stirred<T: Clone>(records: &[T], turn: usize) -> Vec<T> {
    let mut out = records.to_vec();
    let len = out.len();
    if len > 0 {
        out.rotate_left(turn % len);
    }
    if turn % 2 == 1 {
        out.reverse();
    }
    out
}

/// Three copies of the base, edited on three laptops.
fn copies(laptops: &[(u8, Vec<(Edit, i64)>)]) -> Vec<Session> {
    let base = base();
    laptops.iter().map(|(d, e)| apply(&base, *d, e)).collect()
}

/// Both unions against the reference over `records`, in order and stirred.
fn check_union<T: Clone + PartialEq + std::fmt::Debug, R>(
    records: &[T],
    turn: usize,
    id: impl Fn(&T) -> Ulid + Copy,
    join: impl Fn(&mut T, &T) -> R + Copy,
    reference: impl Fn(&T, &T) -> T + Copy,
) -> Result<(), TestCaseError> {
    for list in [records.to_vec(), stirred(records, turn)] {
        let expected = reference_union(&list, id, reference);
        prop_assert_eq!(&union_refs(&[&list], id, join), &expected);
        // The same records as the lists a merge meets, each in id order
        // (runs of rising ids): read list by list.
        let runs: Vec<&[T]> = list.chunk_by(|a, b| id(a) < id(b)).collect();
        prop_assert_eq!(&union_refs(&runs, id, join), &expected);
        let mut owned = list.clone();
        union_owned(&mut owned, id, join);
        prop_assert_eq!(&owned, &expected);
    }
    Ok(())
}

/// The hand-edit restamping as it was: a scan of the base for each record.
fn reference_restamp(base: &[Session], edited: &mut [Session], stamp: &Stamp) -> usize {
    fn records<R: Stamped>(base: &[R], edited: &mut [R], stamp: &Stamp) -> usize {
        let found = |r: &R| base.iter().find(|b| b.id() == r.id());
        let edits = edited.iter_mut();
        edits
            .filter_map(|r| Some(r.restamp_edits(found(r)?, Some(stamp))))
            .sum()
    }
    let mut restamped = 0;
    for session in edited {
        let Some(original) = base.iter().find(|b| b.id == session.id) else {
            continue;
        };
        if session.modified == original.modified
            && session.details_values() != original.details_values()
        {
            session.modified = stamp.clone();
            restamped += 1;
        }
        for (question, was) in session.questions.iter_mut().zip(&original.questions) {
            if question != was && question.modified == was.modified {
                question.modified = Some(stamp.clone());
                restamped += 1;
            }
        }
        restamped += records(&original.insights, &mut session.insights, stamp);
        restamped += records(&original.participants, &mut session.participants, stamp);
        restamped += records(&original.themes, &mut session.themes, stamp);
        for insight in &mut session.insights {
            let Some(was_insight) = original.insights.iter().find(|i| i.id == insight.id) else {
                continue;
            };
            for comment in &mut insight.comments {
                let Some(was) = was_insight.comments.iter().find(|c| c.id == comment.id) else {
                    continue;
                };
                if comment.text != was.text && comment.text_modified == was.text_modified {
                    comment.text_modified = Some(stamp.clone());
                    restamped += 1;
                }
            }
            for vote in &mut insight.votes {
                let Some(was) = was_insight.votes.iter().find(|v| v.device == vote.device) else {
                    continue;
                };
                if vote.count != was.count && vote.modified == was.modified {
                    vote.modified = stamp.clone();
                    restamped += 1;
                }
            }
        }
    }
    restamped
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn the_unions_join_every_record_as_the_reference_does(
        a in laptop(), b in laptop(), c in laptop(), turn in 0..64usize,
    ) {
        let copies = copies(&[a, b, c]);
        let insights: Vec<Insight> = copies.iter().flat_map(|s| s.insights.clone()).collect();
        check_union(&insights, turn, |i| i.id, join_insight, reference_insight)?;
        let people: Vec<Participant> =
            copies.iter().flat_map(|s| s.participants.clone()).collect();
        check_union(&people, turn, |p| p.id, join_participant, reference_participant)?;
        let themes: Vec<Theme> = copies.iter().flat_map(|s| s.themes.clone()).collect();
        check_union(&themes, turn, |t| t.id, join_theme, reference_theme)?;
        let comments: Vec<Comment> =
            insights.iter().flat_map(|i| i.comments.clone()).collect();
        check_union(&comments, turn, |c| c.id, join_comment, merge_comment)?;
    }

    #[test]
    fn hand_edits_are_stamped_as_by_a_scan_in_any_order(
        a in laptop(), b in laptop(), turn in 0..64usize,
    ) {
        let base = apply(&base(), a.0, &a.1);
        let mut stirred_base = base.clone();
        stirred_base.insights = stirred(&base.insights, turn);
        let edited = apply(&base, b.0, &b.1);
        let mut stirred_edit = edited.clone();
        stirred_edit.insights = stirred(&edited.insights, turn + 1);
        for (base, edited) in [(&base, &edited), (&stirred_base, &stirred_edit)] {
            let (mut fast, mut slow) = (vec![edited.clone()], vec![edited.clone()]);
            let base = std::slice::from_ref(base);
            let n = restamp_hand_edits(base, &mut fast, at(50));
            // The same stamp the function made, for the reference to give.
            let stamp = fast[0].newest_stamp();
            let m = reference_restamp(base, &mut slow, &stamp);
            prop_assert_eq!(n, m);
            prop_assert_eq!(&fast, &slow);
        }
    }

    #[test]
    fn the_report_is_the_same_with_lists_out_of_order(
        a in laptop(), b in laptop(), turn in 0..64usize,
    ) {
        let base = base();
        let copies = copies(&[a, b]);
        let inputs: Vec<Vec<Session>> = copies.iter().map(|s| vec![s.clone()]).collect();
        let merged = merge(&inputs);
        let names = ["a.ron".to_owned(), "b.ron".to_owned()];
        let sorted = report(&names, &inputs, &merged, std::slice::from_ref(&base));
        let mut out_of_order = inputs.clone();
        for (n, s) in out_of_order.iter_mut().flatten().enumerate() {
            s.insights = stirred(&s.insights, turn + n);
            s.participants = stirred(&s.participants, turn + n);
            s.themes = stirred(&s.themes, turn + n);
        }
        let mut stirred_base = base.clone();
        stirred_base.insights = stirred(&base.insights, turn);
        let stirred = report(&names, &out_of_order, &merged, &[stirred_base]);
        prop_assert_eq!(sorted, stirred);
    }

    /// Told which records every copy held alike, the report passes over
    /// them unread, and must still say exactly what it says unaided: with
    /// the ancestor and without, hand edits and ties among the edits.
    #[test]
    fn the_report_told_what_the_merge_agreed_on_is_the_same_report(
        a in laptop(), b in laptop(), c in laptop(), with_base in any::<bool>(),
    ) {
        let copies = copies(&[a, b, c]);
        let inputs: Vec<Vec<Session>> = copies.iter().map(|s| vec![s.clone()]).collect();
        let (merged, agreed) = crate::merge::merge_agreed(&inputs);
        prop_assert_eq!(&merged, &merge(&inputs));
        // A flag beside each record.
        prop_assert_eq!(agreed[0].insights.len(), merged[0].insights.len());
        prop_assert_eq!(agreed[0].themes.len(), merged[0].themes.len());
        let names = ["a.ron".to_owned(), "b.ron".to_owned(), "c.ron".to_owned()];
        let base = if with_base { vec![base()] } else { Vec::new() };
        let told = report::report_agreed(&names, &inputs, (&merged, &agreed), &base);
        prop_assert_eq!(told, report(&names, &inputs, &merged, &base));
    }

    /// A merge that owns its inputs joins two copies' insights in the
    /// first one's list and keeps aside only what the report reads: the
    /// merged file and the report must be exactly those of the merge and
    /// report that copy everything. Lists in order (the joining in place),
    /// one stirred (the copying path), a copy with itself, three copies, and
    /// different workshops (each taken whole).
    #[test]
    fn merging_and_reporting_owned_inputs_is_the_same_as_apart(
        a in laptop(), b in laptop(), c in laptop(), with_base in any::<bool>(), turn in 0..4usize,
    ) {
        let mut copies = copies(&[a, b, c]);
        copies.iter_mut().for_each(Session::normalise);
        let names = ["a.ron".to_owned(), "b.ron".to_owned(), "c.ron".to_owned()];
        let base = if with_base { vec![base()] } else { Vec::new() };
        let mut other = copies[2].clone();
        other.id = Ulid::from_parts(7, 7);
        let mut stirred_copy = copies[1].clone();
        stirred_copy.insights = stirred(&stirred_copy.insights, turn);
        let cases = [
            vec![vec![copies[0].clone()], vec![copies[1].clone()]],
            vec![vec![copies[1].clone()], vec![copies[0].clone()]],
            vec![vec![copies[0].clone()], vec![stirred_copy]],
            vec![vec![copies[2].clone()], vec![copies[2].clone()]],
            copies.iter().map(|s| vec![s.clone()]).collect(),
            // Workshops side by side, each one copy, and one file of two.
            vec![vec![copies[0].clone()], vec![other.clone()]],
            vec![vec![copies[1].clone(), other]],
        ];
        for inputs in cases {
            let names = &names[..inputs.len()];
            let done = crate::merge::merge_reported(names, inputs.clone(), &base);
            let (merged, told) = (done.sessions, done.report);
            prop_assert_eq!(&merged, &merge(&inputs));
            prop_assert_eq!(told, report(names, &inputs, &merged, &base));
        }
    }

    /// Noting ties passes over records no join found tied: sound only if
    /// no copy of such a record ties with the merged one, in any field, for
    /// lists in order (read copy by copy) and out of order (sorted).
    #[test]
    fn no_copy_ties_with_a_record_the_union_found_untied(
        a in laptop(), b in laptop(), c in laptop(), turn in 0..64usize,
    ) {
        let mut copies = copies(&[a, b, c]);
        copies.iter_mut().for_each(Session::normalise);
        for stir in [false, true] {
            let lists: Vec<Vec<Insight>> = copies
                .iter()
                .map(|s| if stir { stirred(&s.insights, turn) } else { s.insights.clone() })
                .collect();
            let slices: Vec<&[Insight]> = lists.iter().map(Vec::as_slice).collect();
            let (merged, met) = union_agreed(&slices, |i| i.id, join_insight);
            for record in lists.iter().flatten() {
                let at = merged.iter().position(|m| m.id == record.id).unwrap();
                if !met[at].tied {
                    prop_assert!(record.tied_fields(&merged[at]).is_empty());
                }
                if met[at].alike {
                    prop_assert!(record.same_fields(&merged[at]));
                }
            }
        }
    }

    /// The report passes over records whose copies hold the same values,
    /// which is sound only if equal values always print alike.
    #[test]
    fn same_values_is_equal_printed_values(a in laptop(), b in laptop(), c in laptop()) {
        let copies = copies(&[a, b, c]);
        let printed = |i: &Insight| -> Vec<String> {
            i.field_values().into_iter().map(|(_, v, _)| v).collect()
        };
        for x in copies.iter().flat_map(|s| &s.insights) {
            for y in copies.iter().flat_map(|s| s.insights.iter().filter(|y| y.id == x.id)) {
                prop_assert_eq!(x.same_values(y), printed(x) == printed(y));
            }
        }
    }
}
