//! Undo and redo of every change to saved data, on the question screen, in
//! the participants panel and on the review screen.
//!
//! A [`Step`] is what one key did, in words ("Deleted “Paperwork came
//! back…”") and as the records it touched, with their values before and
//! after. Undoing applies the "before" values as a new, stamped edit rather
//! than rewinding stamps, so an undo made on one laptop merges like any other
//! edit; undoing the creation of a record marks it deleted (a tombstone), for
//! the same reason. The label is announced on the status line when the step
//! is made, and again when it is undone or redone, so no change happens
//! unseen.

use crate::model::{InsightFields, ParticipantFields, Session, Stamp};
use ulid::Ulid;

/// How many steps can be undone.
pub const DEPTH: usize = 100;

/// One record's change within a step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// An insight's values; `before` is None when the step created it.
    Insight {
        id: Ulid,
        before: Option<InsightFields>,
        after: InsightFields,
    },
    /// A participant's values; `before` is None when the step created them.
    Participant {
        id: Ulid,
        before: Option<ParticipantFields>,
        after: ParticipantFields,
    },
    /// A theme's name and whether it is dissolved; `before` is None when
    /// the step made the theme.
    Theme {
        id: Ulid,
        before: Option<(String, bool)>,
        after: (String, bool),
    },
    /// An insight put in (`included`) or taken out of a theme.
    Member {
        theme: Ulid,
        insight: Ulid,
        included: bool,
    },
    /// A comment written (`deleted` false) or withdrawn.
    Comment {
        insight: Ulid,
        comment: Ulid,
        deleted: bool,
    },
    /// This laptop's own vote count on an insight (see `model::vote`).
    Votes {
        insight: Ulid,
        before: u32,
        after: u32,
    },
}

/// Which file and session of the screen a step changed: always `(0, 0)` on
/// the question screen; the review screen has several files open.
pub type Place = (usize, usize);

/// What one key did to saved data, for the status line and for undo.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// Says what happened, as the status line shows it.
    pub label: String,
    pub place: Place,
    pub changes: Vec<Change>,
}

impl Step {
    /// A step of one change in the only session open.
    pub fn one(label: impl Into<String>, change: Change) -> Step {
        Step {
            label: label.into(),
            place: (0, 0),
            changes: vec![change],
        }
    }

    /// Applies the step's values before (`Back`) or after (`Forward`) to
    /// `session`, stamping what differs.
    pub fn apply(&self, session: &mut Session, direction: Direction, stamp: &Stamp) {
        let back = direction == Direction::Back;
        let changes: Box<dyn Iterator<Item = &Change>> = if back {
            Box::new(self.changes.iter().rev())
        } else {
            Box::new(self.changes.iter())
        };
        for change in changes {
            apply(session, change, back, stamp);
        }
    }
}

/// Which way a step is applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Back,
    Forward,
}

fn apply(session: &mut Session, change: &Change, back: bool, stamp: &Stamp) {
    match change {
        Change::Insight { id, before, after } => {
            let fields = match (back, before) {
                (false, _) => after.clone(),
                (true, Some(before)) => before.clone(),
                (true, None) => InsightFields {
                    deleted: true,
                    ..after.clone()
                },
            };
            session.edit_insight(*id, fields, stamp);
        }
        Change::Participant { id, before, after } => {
            let fields = match (back, before) {
                (false, _) => after.clone(),
                (true, Some(before)) => before.clone(),
                (true, None) => ParticipantFields {
                    deleted: true,
                    ..after.clone()
                },
            };
            session.edit_participant(*id, fields, stamp);
        }
        Change::Theme { id, before, after } => {
            let (name, deleted) = match (back, before) {
                (false, _) => after.clone(),
                (true, Some(before)) => before.clone(),
                (true, None) => (after.0.clone(), true),
            };
            if let Some(theme) = session.themes.iter_mut().find(|t| t.id == *id) {
                theme.rename(&name, stamp);
                theme.set_deleted(deleted, stamp);
            }
        }
        Change::Member {
            theme,
            insight,
            included,
        } => {
            if let Some(theme) = session.themes.iter_mut().find(|t| t.id == *theme) {
                theme.set_member(*insight, *included != back, stamp);
            }
        }
        Change::Comment {
            insight,
            comment,
            deleted,
        } => {
            let comment = session
                .insights
                .iter_mut()
                .filter(|i| i.id == *insight)
                .flat_map(|i| i.comments.iter_mut())
                .find(|c| c.id == *comment);
            if let Some(comment) = comment {
                comment.set_deleted(*deleted != back, stamp);
            }
        }
        Change::Votes {
            insight,
            before,
            after,
        } => {
            let count = if back { *before } else { *after };
            super::votes::set_votes(session, *insight, count, stamp);
        }
    }
}

/// What can be undone and redone.
#[derive(Clone, Debug, Default)]
pub struct History {
    done: Vec<Step>,
    undone: Vec<Step>,
    /// The label of a step recorded since the screen last announced one.
    fresh: Option<String>,
}

impl History {
    /// Records a step just made; it clears what could be redone. A step
    /// that changed nothing is not recorded.
    pub fn record(&mut self, step: Step) {
        if step.changes.is_empty() {
            return;
        }
        self.undone.clear();
        self.fresh = Some(step.label.clone());
        self.done.push(step);
        if self.done.len() > DEPTH {
            self.done.remove(0);
        }
    }

    /// Records a step that needs no announcing: its result is in plain sight
    /// (a line just entered appears at the foot of the list).
    pub fn record_quietly(&mut self, step: Step) {
        self.record(step);
        self.fresh = None;
    }

    /// Takes the last step back out of the history, to be applied `Back`.
    pub fn undo(&mut self) -> Option<Step> {
        let step = self.done.pop()?;
        self.undone.push(step.clone());
        Some(step)
    }

    /// Takes the last undone step, to be applied `Forward` again.
    pub fn redo(&mut self) -> Option<Step> {
        let step = self.undone.pop()?;
        self.done.push(step.clone());
        Some(step)
    }

    /// The label of a step recorded since this was last asked, once.
    pub fn take_fresh(&mut self) -> Option<String> {
        self.fresh.take()
    }
}

/// What the status line says after an undo (`Back`) or redo (`Forward`)
/// of the step labelled `done`, or that there was none, naming the key that
/// goes the other way.
pub fn stepped(context: super::Context, direction: Direction, done: Option<String>) -> String {
    use super::Action;
    let other = |action: &Action| super::keymap::key_label(context, action);
    match (direction, done) {
        (Direction::Back, Some(label)) => {
            format!("Undone: {label} · {} redoes", other(&Action::Redo))
        }
        (Direction::Forward, Some(label)) => {
            format!("Redone: {label} · {} undoes", other(&Action::Undo))
        }
        (Direction::Back, None) => "Nothing to undo".into(),
        (Direction::Forward, None) => "Nothing to redo".into(),
    }
}

/// The start of an insight's text for a status line: whole words up to
/// `CHARS` characters, with `…` when cut, in curly quotes.
pub fn quote(text: &str) -> String {
    const CHARS: usize = 40;
    // One pass, no formatting: it labels every Enter, before its frame.
    let mut out = String::from("“");
    let mut taken = 0;
    for word in text.split_whitespace() {
        let (space, chars) = (usize::from(taken > 0), word.chars().count());
        if taken + space + chars > CHARS {
            if taken == 0 {
                out.extend(word.chars().take(CHARS));
            }
            out.push_str("…”");
            return out;
        }
        if space > 0 {
            out.push(' ');
        }
        out.push_str(word);
        taken += space + chars;
    }
    out.push('”');
    out
}

#[cfg(test)]
mod tests;
