//! Votes in a merge report. A laptop writes only its own device's entry, so
//! two copies holding different counts for one device under different
//! stamps are that laptop's older and newer count: nothing to report. Two
//! counts under one stamp mean someone edited a file by hand; the merge
//! keeps the greater, and the report says so.

use super::Conflict;
use crate::model::{Insight, Session};
use std::collections::BTreeSet;

/// The vote entries of `merged`'s insights that copies hold with one stamp
/// and different counts, each as a conflict on field `votes`.
pub(super) fn vote_ties(label: &str, merged: &Session, copies: &[&Session]) -> Vec<Conflict> {
    let mut out = Vec::new();
    for insight in merged.insights.iter().filter(|i| !i.votes.is_empty()) {
        let found: Vec<&Insight> = copies
            .iter()
            .filter_map(|s| s.insight(insight.id))
            .collect();
        for kept in &insight.votes {
            let lost: BTreeSet<u32> = found
                .iter()
                .flat_map(|i| &i.votes)
                .filter(|v| v.device == kept.device && v.modified == kept.modified)
                .map(|v| v.count)
                .filter(|count| *count != kept.count)
                .collect();
            if lost.is_empty() {
                continue;
            }
            let value = |count: u32| format!("{:?}: {count}", kept.device);
            out.push(Conflict {
                session: label.to_owned(),
                record: format!(
                    "insight {} {}",
                    insight.id,
                    super::show(&format!("{:?}", insight.text))
                ),
                field: "votes",
                kept: (value(kept.count), kept.modified.clone()),
                lost: lost
                    .into_iter()
                    .map(|c| (value(c), kept.modified.clone()))
                    .collect(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::merge::{merge, report::report};
    use crate::model::{InsightFields, Session, SessionDetails, StampClock, vote};

    #[test]
    fn a_count_changed_by_hand_under_its_stamp_is_reported_and_a_later_count_is_not() {
        let mut clock = StampClock::new("ann");
        let t = clock.stamp_at(jiff::Timestamp::from_second(1_790_000_000).unwrap());
        let mut a = Session::new(SessionDetails::default(), t.clone());
        let fields = InsightFields {
            question: 1,
            text: "Phone tree".into(),
            ..Default::default()
        };
        a.add_insight(fields, &t);
        vote::set_own(&mut a.insights[0].votes, 2, &clock.stamp_at(t.time()));
        let mut later = a.clone();
        vote::set_own(&mut later.insights[0].votes, 3, &clock.stamp_at(t.time()));
        let mut by_hand = a.clone();
        by_hand.insights[0].votes[0].count = 5;
        let names = ["a.ron".to_owned(), "b.ron".to_owned()];
        let quiet = [vec![a.clone()], vec![later]];
        let merged = merge(&quiet);
        assert_eq!(merged[0].insights[0].total_votes(), 3, "the later count");
        assert!(report(&names, &quiet, &merged, &[]).conflicts.is_empty());
        let tied = [vec![a], vec![by_hand]];
        let merged = merge(&tied);
        assert_eq!(merged[0].insights[0].total_votes(), 5, "the greater");
        let conflicts = report(&names, &tied, &merged, &[]).conflicts;
        assert_eq!(conflicts.len(), 1, "{conflicts:?}");
        assert_eq!(conflicts[0].field, "votes");
        assert_eq!(conflicts[0].kept.0, "\"ann\": 5");
        assert_eq!(conflicts[0].lost[0].0, "\"ann\": 2");
    }
}
