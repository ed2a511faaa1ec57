//! Two copies' insights merged in the first copy's own list, for a merge
//! that owns its inputs (git's merge driver, `stb merge`, review's `M`).
//!
//! [`union_agreed`](super::union_agreed) clones every record into a fresh
//! list. At 100,000 insights that list is 50 MB of pages the kernel must
//! zero, every merge: the clone alone took about as long as the rest of
//! the merge step, and grew 19× for 10× the insights. Here the first copy's
//! records are joined in place with the second's, and only what the merge
//! report still has to read of the first copy is kept aside: the original
//! of each insight the merge changed (and of any holding one laptop's
//! votes twice, which a hand edit may leave and the report must see).

use super::union::{in_order, join_into};
use super::{Agreement, canonical, join_insight, merge_copies, report, union_owned};
use crate::model::record::Met;
use crate::model::{Insight, Session, Stamped, Vote};
use std::collections::BTreeMap;
use ulid::Ulid;

/// A merge of inputs it owned, and its report.
pub struct Merged {
    pub sessions: Vec<Session>,
    pub report: report::Report,
    /// What is left of the inputs: the report's reading, nothing more. Handed
    /// back so the caller chooses when to free it (at 100,000 insights
    /// freeing a copy takes about 40 ms, none of it the merge's work).
    pub leftovers: Vec<Vec<Session>>,
}

/// Merges `inputs` (named by `names`) and describes the merge, as
/// [`merge`](super::merge) and [`report::report`] would, owning the inputs so it need not
/// copy them: where a session has two copies, the first copy's insights
/// become the merged ones (see `in_place`). Every merge a person runs
/// reads its inputs only to merge and report them.
pub fn merge_reported(names: &[String], mut inputs: Vec<Vec<Session>>, base: &[Session]) -> Merged {
    let summaries = report::summaries(names, &inputs);
    let (sessions, agreed) = merge_taking(&mut inputs);
    let report = report::report_summarised(summaries, &inputs, (&sessions, &agreed), base);
    Merged {
        sessions,
        report,
        leftovers: inputs,
    }
}

/// [`merge_agreed`](super::merge_agreed), taking the insights of the first
/// of each two copies and leaving in their place the originals the report
/// still reads; a session with one copy is taken whole (merging 100
/// workshops cloned every insight of each), its details left for the
/// report, and any insight whose own votes list a laptop twice.
fn merge_taking(inputs: &mut [Vec<Session>]) -> (Vec<Session>, Vec<Agreement>) {
    let mut places: BTreeMap<Ulid, Vec<(usize, usize)>> = BTreeMap::new();
    for (n, input) in inputs.iter().enumerate() {
        for (k, session) in input.iter().enumerate() {
            places.entry(session.id).or_default().push((n, k));
        }
    }
    let mut joined: BTreeMap<Ulid, Joined> = BTreeMap::new();
    let mut alone: BTreeMap<Ulid, Session> = BTreeMap::new();
    for (id, at) in &places {
        match *at.as_slice() {
            [(n, k)] => {
                let shell = inputs[n][k].details_only();
                let whole = std::mem::replace(&mut inputs[n][k], shell);
                let tied_votes = whole.insights.iter().filter(|i| !settled(&i.votes));
                inputs[n][k].insights = tied_votes.cloned().collect();
                alone.insert(*id, canonical(whole));
            }
            [(n, k), (m, l)] => {
                let mine = std::mem::take(&mut inputs[n][k].insights);
                match join_two(mine, &inputs[m][l].insights) {
                    Ok(mut done) => {
                        inputs[n][k].insights = std::mem::take(&mut done.originals);
                        joined.insert(*id, done);
                    }
                    Err(mine) => inputs[n][k].insights = mine,
                }
            }
            _ => {}
        }
    }
    places
        .into_iter()
        .map(|(id, at)| {
            if let Some(session) = alone.remove(&id) {
                return (session, Agreement::default());
            }
            let copies: Vec<&Session> = at.iter().map(|&(n, k)| &inputs[n][k]).collect();
            merge_copies(&copies, joined.remove(&id))
        })
        .unzip()
}

/// The union of two copies' insights, as [`union_agreed`](super::union_agreed)
/// makes it, built in `mine`.
pub(super) struct Joined {
    /// Every insight once, in id order, joined.
    pub insights: Vec<Insight>,
    /// Beside each, what joining it met; only twins [`alike`] are alike
    /// (every field's stamp and value, their origin and their votes).
    pub met: Vec<Met>,
    /// The first copy's insights as they were, where the report may still
    /// read them: those the other copy held otherwise, and those whose own
    /// votes list a laptop twice (seen in no other copy). In id order.
    pub originals: Vec<Insight>,
}

/// `mine` and `theirs` joined in `mine`, or `mine` handed back untouched
/// when either list is not strictly in id order (a list built in memory
/// may not be; every loaded file is): the caller then merges by cloning.
pub(super) fn join_two(mine: Vec<Insight>, theirs: &[Insight]) -> Result<Joined, Vec<Insight>> {
    let by_id = |i: &Insight| i.id;
    if !in_order(&mine, by_id) || !in_order(theirs, by_id) {
        return Err(mine);
    }
    // Where the report looks for ties among one laptop's counts, a twin
    // alike holds the same counts: only a record's own repeated device may
    // be seen nowhere else.
    let mut originals: Vec<Insight> = mine
        .iter()
        .filter(|i| !settled(&i.votes))
        .cloned()
        .collect();
    let (insights, met) = join_into(mine, &[theirs], by_id, |record, twin| {
        if alike(record, twin) {
            join_alike(record, twin);
            return Met::ALIKE;
        }
        originals.push(record.clone());
        // Not alike: say it may tie, so ties are looked for.
        join_insight(record, twin);
        Met {
            alike: false,
            tied: true,
        }
    });
    originals.sort_by_key(|i| i.id);
    originals.dedup_by_key(|i| i.id);
    Ok(Joined {
        insights,
        met,
        originals,
    })
}

/// Whether two copies of an insight hold it alike in everything the merge
/// report reads: then joining changes only their comments.
fn alike(mine: &Insight, theirs: &Insight) -> bool {
    mine.same_fields(theirs)
        && (mine.created, &mine.author) == (theirs.created, &theirs.author)
        && mine.votes == theirs.votes
}

/// [`join_insight`] for a twin [`alike`] this insight: its fields and
/// votes would not change (joining equal votes only settles them), so they
/// are not compared again; its comments are joined.
fn join_alike(out: &mut Insight, theirs: &Insight) {
    out.comments.extend(theirs.comments.iter().cloned());
    union_owned(&mut out.comments, |c| c.id, super::join_comment);
    crate::model::vote::settle(&mut out.votes);
}

/// One entry per laptop, in order, as every loaded file holds them.
fn settled(votes: &[Vote]) -> bool {
    votes.windows(2).all(|w| w[0].device < w[1].device)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::merge::{merge, merge_reported, report::report};
    use crate::model::{InsightFields, Session, SessionDetails, StampClock};

    fn at(second: i64) -> jiff::Timestamp {
        jiff::Timestamp::from_second(1_790_000_000 + second).unwrap()
    }

    /// A session with `texts` as insights, one second apart from `from`.
    fn session(clock: &mut StampClock, from: i64, texts: &[&str]) -> Session {
        let t = clock.stamp_at(at(0));
        let mut s = Session::new(SessionDetails::default(), t);
        add(&mut s, clock, from, texts);
        s
    }

    fn add(s: &mut Session, clock: &mut StampClock, from: i64, texts: &[&str]) {
        for (n, text) in texts.iter().enumerate() {
            let fields = InsightFields {
                question: 1,
                text: (*text).into(),
                ..Default::default()
            };
            s.add_insight(fields, &clock.stamp_at(at(from + n as i64)));
        }
        s.normalise();
    }

    fn texts(list: &[Insight]) -> Vec<&str> {
        list.iter().map(|i| i.text.as_str()).collect()
    }

    #[test]
    fn the_other_copys_own_insights_take_their_place_by_id_and_only_changed_originals_are_kept() {
        let mut ann = StampClock::new("ann");
        let mut mine = session(&mut ann, 10, &["food hub", "phone tree"]);
        let mut theirs = mine.clone();
        // Theirs: one made before both of mine, one between, one after,
        // and the phone tree reworded.
        let mut bob = StampClock::new("bob");
        add(
            &mut theirs,
            &mut bob,
            5,
            &["mutual aid", "library", "pantry"],
        );
        let order = ["mutual aid", "food hub", "library", "phone tree", "pantry"];
        for session in [&mut mine, &mut theirs] {
            for insight in &mut session.insights {
                let rank = order.iter().position(|t| *t == insight.text).unwrap();
                insight.id = ulid::Ulid::from_parts(1_000 + rank as u64, 0);
            }
            session.normalise();
        }
        let tree = theirs.insights.iter_mut().find(|i| i.text == "phone tree");
        let tree = tree.unwrap();
        tree.text = "phone tree, weekly".into();
        tree.modified.text = bob.stamp_at(at(60));
        let Ok(joined) = join_two(mine.insights, &theirs.insights) else {
            panic!("both lists are in id order");
        };
        assert_eq!(
            texts(&joined.insights),
            [
                "mutual aid",
                "food hub",
                "library",
                "phone tree, weekly",
                "pantry"
            ]
        );
        let alike: Vec<bool> = joined.met.iter().map(|m| m.alike).collect();
        assert_eq!(alike, [true, true, true, false, true]);
        assert_eq!(texts(&joined.originals), ["phone tree"]);
    }

    #[test]
    fn a_list_out_of_id_order_is_handed_back_untouched() {
        let mut ann = StampClock::new("ann");
        let s = session(&mut ann, 10, &["food hub", "phone tree", "library"]);
        let mut stirred = s.insights.clone();
        stirred.reverse();
        let Err(back) = join_two(stirred.clone(), &s.insights) else {
            panic!("a list out of order is not joined in place");
        };
        assert_eq!(back, stirred);
        assert!(join_two(s.insights.clone(), &stirred).is_err());
    }

    /// A laptop's count listed twice under one stamp (a hand edit) is a
    /// tie the report names, even on an insight only the first copy has.
    #[test]
    fn a_lone_insights_repeated_votes_still_reach_the_report() {
        let mut ann = StampClock::new("ann");
        let theirs = session(&mut ann, 10, &["food hub"]);
        let mut mine = theirs.clone();
        add(&mut mine, &mut ann, 20, &["phone tree"]);
        let stamp = ann.stamp_at(at(40));
        let vote = |count| Vote {
            device: "ann".into(),
            count,
            modified: stamp.clone(),
        };
        mine.insights[1].votes = vec![vote(2), vote(5)];
        let inputs = vec![vec![mine], vec![theirs]];
        let names = ["mine.ron".to_owned(), "theirs.ron".to_owned()];
        let done = merge_reported(&names, inputs.clone(), &[]);
        let (merged, told) = (done.sessions, done.report);
        assert_eq!(merged, merge(&inputs));
        let unaided = report(&names, &inputs, &merged, &[]);
        assert_eq!(told.conflicts.len(), 1, "{told}");
        assert_eq!(told, unaided);
        // The same insight in a workshop with one copy, merged beside
        // another workshop: that copy is taken whole, the tie still told.
        let mut other = inputs[1][0].clone();
        other.id = ulid::Ulid::from_parts(7, 7);
        let apart = vec![vec![inputs[0][0].clone()], vec![other]];
        let done = merge_reported(&names, apart.clone(), &[]);
        assert_eq!(done.sessions, merge(&apart));
        let unaided = report(&names, &apart, &done.sessions, &[]);
        assert_eq!(done.report.conflicts.len(), 1, "{}", done.report);
        assert_eq!(done.report, unaided);
    }
}
