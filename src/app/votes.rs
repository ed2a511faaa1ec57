//! Dot voting from the question screen and the wrap-up: one key adds a vote
//! to the selected insight, another takes one of this laptop's back.
//!
//! A vote changes only this laptop's own count (see `model::vote`), so each
//! is a step for undo like a star, naming the insight it went to; undoing it
//! writes this laptop's count back, newly stamped, and never touches another
//! laptop's votes. On the wrap-up the list is every live insight ranked by
//! votes, and the selection follows the insight voted on as it climbs.

use super::history::{Change, Step, quote};
use super::workshop::Workshop;
use crate::merge::journal::Record;
use crate::model::{Insight, Session, Stamp, vote};
use ulid::Ulid;

/// Live insights, most votes first; ties in the order they were captured.
/// Indices into `session.insights`.
pub fn ranked(session: &Session) -> Vec<usize> {
    let mut rows: Vec<usize> = (0..session.insights.len())
        .filter(|&i| !session.insights[i].deleted)
        .collect();
    rows.sort_by_cached_key(|&i| session.insights[i].vote_rank());
    rows
}

impl Workshop {
    /// The insight a vote goes to: the selected one in a question's list,
    /// or in the wrap-up's ranking.
    pub fn vote_target(&self) -> Option<Ulid> {
        match self.question() {
            Some(_) => self.selected_insight(),
            None => {
                let rows = ranked(&self.session);
                let at = *rows.get(self.selected)?;
                Some(self.session.insights[at].id)
            }
        }
    }

    /// How many rows the selection moves over: the question's list, or on
    /// the wrap-up every live insight.
    pub fn selectable_rows(&self) -> usize {
        match self.question() {
            Some(q) => self.rows(q).len(),
            None => self.session.live_insights().count(),
        }
    }

    /// Adds a vote (`up`) to the selected insight, or takes back one of
    /// this laptop's (the device `stamp` names). The step's label is
    /// announced with how to undo it; a refusal is returned to show instead.
    pub fn vote(&mut self, up: bool, stamp: &Stamp) -> Option<String> {
        let Some(id) = self.vote_target() else {
            return Some("No insight selected".into());
        };
        let insight = self.session.insight(id).expect("selected exists");
        let text = quote(&insight.text);
        let before = insight.own_votes(stamp.device());
        let after = match (up, before) {
            (true, n) if n >= vote::MAX_VOTES_PER_DEVICE => {
                return Some(format!(
                    "{text} has {n} votes from this laptop, the most it can give"
                ));
            }
            (true, n) => n + 1,
            (false, 0) => return Some(format!("No vote from this laptop on {text} to take back")),
            (false, n) => n - 1,
        };
        set_votes(self.records_mut(&[Record::Insight(id)]), id, after, stamp);
        let total = self.session.insight(id).map_or(0, Insight::total_votes);
        let verb = if up {
            "Voted for"
        } else {
            "Took a vote back from"
        };
        let label = format!(
            "{verb} {text} ({})",
            crate::words::count(total as usize, "vote")
        );
        self.history.record(Step::one(
            label,
            Change::Votes {
                insight: id,
                before,
                after,
            },
        ));
        self.touch();
        // On the wrap-up it may have climbed or fallen: keep it selected.
        self.reselect(id);
        None
    }

    /// Selects insight `id` wherever it now is in the rows shown (the
    /// question's list, or the wrap-up's ranking); left as it was if the
    /// insight is not there.
    pub fn reselect(&mut self, id: Ulid) {
        let rows = match self.question() {
            Some(q) => self.rows(q).to_vec(),
            None => ranked(&self.session),
        };
        if let Some(at) = rows.iter().position(|&i| self.session.insights[i].id == id) {
            self.selected = at;
        }
    }
}

/// Sets the count of the device `stamp` names on insight `id` (an undo or
/// redo of a vote writes it too); false if unknown or unchanged.
pub fn set_votes(session: &mut Session, id: Ulid, count: u32, stamp: &Stamp) -> bool {
    let Some(insight) = session.insights.iter_mut().find(|i| i.id == id) else {
        return false;
    };
    vote::set_own(&mut insight.votes, count, stamp)
}
