//! Dot votes in the report: each insight with votes carries `●N` beside its
//! star, and a "Votes" section after the questions ranks the insights the
//! room voted for, most first (ties in capture order), each with its
//! question, as the wrap-up showed them. Absent when nobody voted, so a
//! report of a session without votes is as before.

use super::{entries, heading};
use crate::model::{Insight, Session};
use std::collections::BTreeSet;
use ulid::Ulid;

/// What leads an entry: `★ ` when starred, `●3 ` with three votes.
pub(super) fn marks(insight: &Insight) -> String {
    let star = if insight.starred { "★ " } else { "" };
    match insight.total_votes() {
        0 => star.to_owned(),
        n => format!("{star}●{n} "),
    }
}

/// The "Votes" section: the voted insights of `live`, ranked.
pub(super) fn section(
    out: &mut String,
    s: &Session,
    live: &[&Insight],
    level: usize,
    anonymous: &BTreeSet<Ulid>,
) {
    let mut voted: Vec<&Insight> = live
        .iter()
        .copied()
        .filter(|i| i.total_votes() > 0)
        .collect();
    if voted.is_empty() {
        return;
    }
    voted.sort_by_key(|i| i.vote_rank());
    heading(out, level + 1, "Votes");
    entries(out, s, &voted, true, true, anonymous);
}
