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
