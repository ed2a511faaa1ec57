//! The report's "What we agreed to do" and "Parking lot" sections, after a
//! session's questions: the actions with owner and due date, soonest first,
//! and the remarks parked for another time, each with its question. Both
//! lists are the wrap-up's (`model::actions`), so the report reads out what
//! the room saw.

use super::{entries, escape, heading};
use crate::model::actions::{agreed, parked};
use crate::model::{Insight, Session};
use std::collections::BTreeSet;
use std::fmt::Write as _;
use ulid::Ulid;

/// The insights listed under question `n`: the parked ones are in their
/// own section instead.
pub(super) fn listed_under<'a>(live: &[&'a Insight], n: usize) -> Vec<&'a Insight> {
    let here = live.iter().copied();
    here.filter(|i| i.question == n && !i.parked).collect()
}

/// Both sections, each only when it has something in it.
pub(super) fn sections(out: &mut String, s: &Session, level: usize, anonymous: &BTreeSet<Ulid>) {
    let actions = agreed(s);
    if !actions.is_empty() {
        heading(out, level + 1, "What we agreed to do");
        for action in actions {
            let mut parts = Vec::new();
            if !action.owner.is_empty() {
                parts.push(format!("**{}**", escape(&action.owner)));
            }
            if let Some(due) = action.due {
                parts.push(format!("by {}", due.strftime("%a %-d %B %Y")));
            }
            let who = match parts.is_empty() {
                true => " — nobody named yet".to_owned(),
                false => format!(" — {}", parts.join(", ")),
            };
            let text = escape(&action.text);
            let _ = writeln!(out, "- {text}{who} (Q{})", action.question);
        }
        out.push('\n');
    }
    let lot = parked(s);
    if !lot.is_empty() {
        heading(out, level + 1, "Parking lot");
        entries(out, s, &lot, true, true, anonymous);
    }
}
