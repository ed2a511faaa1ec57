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
use std::cell::RefCell;
use std::rc::Rc;
use ulid::Ulid;

/// The ranking as of one generation of the session: sorting 10,000
/// insights on every frame of the wrap-up cost more than the whole frame's
/// budget (1 ms), so it is sorted once per change.
#[derive(Debug, Default)]
pub(super) struct Ranking {
    cached: RefCell<Option<(u64, Rc<Ranked>)>>,
}

/// Live insights by votes, and how many of them have any.
#[derive(Debug, PartialEq, Eq)]
pub struct Ranked {
    /// Indices into `session.insights`, as [`ranked`] orders them.
    pub rows: Vec<usize>,
    /// How many of them have votes (they come first).
    pub voted: usize,
}

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
    /// [`ranked`] for the session as it is, sorted again only after a change.
    pub fn ranked(&self) -> Rc<Ranked> {
        let mut cached = self.ranking.cached.borrow_mut();
        let ranking = match &*cached {
            Some((generation, ranking)) if *generation == self.generation => ranking.clone(),
            _ => {
                let rows = ranked(&self.session);
                let insights = &self.session.insights;
                let voted = rows.partition_point(|&i| insights[i].total_votes() > 0);
                let ranking = Rc::new(Ranked { rows, voted });
                *cached = Some((self.generation, ranking.clone()));
                ranking
            }
        };
        debug_assert_eq!(ranking.rows, ranked(&self.session), "ranking out of date");
        ranking
    }

    /// The insight a vote goes to: the selected one in a question's list,
    /// or in the wrap-up's ranking.
    pub fn vote_target(&self) -> Option<Ulid> {
        match self.question() {
            Some(_) => self.selected_insight(),
            None => {
                let at = *self.ranked().rows.get(self.selected)?;
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
        let is_it = |&i: &usize| self.session.insights[i].id == id;
        let at = match self.question() {
            Some(q) => self.rows(q).iter().position(is_it),
            None => self.ranked().rows.iter().position(is_it),
        };
        if let Some(at) = at {
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
