//! Undo and redo of changes to insights and participants.
//!
//! A change remembers a record's field values before and after. Undoing
//! applies the "before" values as a new, stamped edit rather than rewinding
//! stamps, so an undo made on one laptop merges like any other edit. Undoing
//! the creation of a record marks it deleted (a tombstone), for the same reason.

use crate::model::{InsightFields, ParticipantFields, Session, Stamp};
use ulid::Ulid;

/// How many changes can be undone.
pub const DEPTH: usize = 100;

/// One undoable change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    Insight {
        id: Ulid,
        before: Option<InsightFields>,
        after: InsightFields,
    },
    Participant {
        id: Ulid,
        before: Option<ParticipantFields>,
        after: ParticipantFields,
    },
}

/// What can be undone and redone.
#[derive(Clone, Debug, Default)]
pub struct History {
    done: Vec<Change>,
    undone: Vec<Change>,
}

impl History {
    /// Records a change just made; it clears what could be redone.
    pub fn record(&mut self, change: Change) {
        self.undone.clear();
        self.done.push(change);
        if self.done.len() > DEPTH {
            self.done.remove(0);
        }
    }

    /// Reverts the last change; false if there is none.
    pub fn undo(&mut self, session: &mut Session, stamp: &Stamp) -> bool {
        let Some(change) = self.done.pop() else {
            return false;
        };
        apply(session, &change, Direction::Back, stamp);
        self.undone.push(change);
        true
    }

    /// Makes the last undone change again; false if there is none.
    pub fn redo(&mut self, session: &mut Session, stamp: &Stamp) -> bool {
        let Some(change) = self.undone.pop() else {
            return false;
        };
        apply(session, &change, Direction::Forward, stamp);
        self.done.push(change);
        true
    }
}

enum Direction {
    Back,
    Forward,
}

fn apply(session: &mut Session, change: &Change, direction: Direction, stamp: &Stamp) {
    match change {
        Change::Insight { id, before, after } => {
            let fields = match direction {
                Direction::Forward => after.clone(),
                Direction::Back => before.clone().unwrap_or_else(|| InsightFields {
                    deleted: true,
                    ..after.clone()
                }),
            };
            session.edit_insight(*id, fields, stamp);
        }
        Change::Participant { id, before, after } => {
            let fields = match direction {
                Direction::Forward => after.clone(),
                Direction::Back => before.clone().unwrap_or_else(|| ParticipantFields {
                    deleted: true,
                    ..after.clone()
                }),
            };
            session.edit_participant(*id, fields, stamp);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{SessionDetails, StampClock};
    use jiff::Timestamp;

    #[test]
    fn twenty_five_edits_undo_and_redo_in_order() {
        let mut clock = StampClock::new("d");
        let mut now = || clock.stamp_at(Timestamp::now());
        let mut s = Session::new(SessionDetails::default(), now());
        let mut h = History::default();
        let after = InsightFields {
            question: 1,
            text: "v0".into(),
            ..Default::default()
        };
        let id = s.add_insight(after.clone(), &now());
        h.record(Change::Insight {
            id,
            before: None,
            after,
        });
        for n in 1..=25 {
            let before = s.insight(id).unwrap().fields();
            let after = InsightFields {
                text: format!("v{n}"),
                ..before.clone()
            };
            s.edit_insight(id, after.clone(), &now());
            h.record(Change::Insight {
                id,
                before: Some(before),
                after,
            });
        }
        for _ in 0..25 {
            assert!(h.undo(&mut s, &now()));
        }
        assert_eq!(s.insight(id).unwrap().text, "v0");
        assert!(h.undo(&mut s, &now()));
        assert!(
            s.insight(id).unwrap().deleted,
            "undoing creation leaves a tombstone"
        );
        assert!(!h.undo(&mut s, &now()));
        assert!(h.redo(&mut s, &now()));
        assert!(!s.insight(id).unwrap().deleted);
        for _ in 0..25 {
            assert!(h.redo(&mut s, &now()));
        }
        assert_eq!(s.insight(id).unwrap().text, "v25");
        assert!(!h.redo(&mut s, &now()));
    }
}
