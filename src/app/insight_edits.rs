//! Changing saved insights from the question screen: editing one as a
//! capture line, applying new values (each change a labelled step for undo),
//! and stepping back and forth through that history.

use super::Action;
use super::form::text_area;
use super::history::{Change, Direction, Step, quote};
use super::keymap::{Context, key_label};
use super::workshop::{Focus, PendingName, Workshop};
use crate::capture::{self, Attribution};
use crate::merge::journal::Record;
use crate::model::{InsightFields, Stamp};
use ulid::Ulid;

impl Workshop {
    /// Opens the selected insight for editing as a capture-style line.
    pub fn begin_edit(&mut self) {
        let Some(id) = self.selected_insight() else {
            return;
        };
        let Some(insight) = self.session.insight(id) else {
            return;
        };
        let line = capture::as_line(&self.session, insight);
        let mut area = text_area(&line);
        area.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
        self.focus = Focus::Edit {
            id,
            line: Box::new(area),
        };
    }

    /// Enter while editing: the line replaces the insight's text, attribution and tags.
    pub fn apply_edit(&mut self, stamp: &Stamp) -> Option<String> {
        let Focus::Edit { id, line } = &self.focus else {
            return None;
        };
        let id = *id;
        let text = line.lines().join(" ");
        let parsed = match capture::parse_in(&text, &capture::Context::of(&self.session)) {
            Ok(parsed) => parsed,
            Err(_) => {
                let cancel = key_label(Context::Edit, &Action::Cancel);
                return Some(format!(
                    "An insight needs some text; {cancel} cancels the edit"
                ));
            }
        };
        let before = self.session.insight(id)?.fields();
        let (participant, message, pending) = describe_attribution(&parsed.attribution);
        let after = InsightFields {
            text: parsed.text,
            participant,
            practice: parsed.practice,
            kind: parsed.kind.unwrap_or_default(),
            tags: parsed.tags,
            owner: parsed.owner,
            due: parsed.due,
            ..before.clone()
        };
        self.focus = Focus::List;
        self.pending = pending.map(|name| PendingName { insight: id, name });
        let label = format!("Edited {}", quote(&after.text));
        self.change_insight(id, before, after, stamp, label);
        message
    }

    /// Applies new values to an insight, recording the change for undo
    /// under `label` (what the status line says happened).
    pub fn change_insight(
        &mut self,
        id: Ulid,
        before: InsightFields,
        after: InsightFields,
        stamp: &Stamp,
        label: String,
    ) {
        if self
            .records_mut(&[Record::Insight(id)])
            .edit_insight(id, after.clone(), stamp)
        {
            self.history.record(Step::one(
                label,
                Change::Insight {
                    id,
                    before: Some(before),
                    after,
                },
            ));
            self.touch();
        }
    }

    /// Changes the selected insight's values with `edit`; `label` says what
    /// happened, given the values after.
    pub fn edit_selected(
        &mut self,
        stamp: &Stamp,
        edit: impl FnOnce(&mut InsightFields),
        label: impl FnOnce(&InsightFields) -> String,
    ) {
        let Some(id) = self.selected_insight() else {
            return;
        };
        let before = self.session.insight(id).expect("selected exists").fields();
        let mut after = before.clone();
        edit(&mut after);
        let label = label(&after);
        self.change_insight(id, before, after, stamp, label);
        self.clamp_selection();
    }

    /// Undoes (`Back`) or redoes (`Forward`) the last step; the message
    /// says what was taken back or made again.
    pub fn step_history(&mut self, direction: Direction, stamp: &Stamp) -> Option<String> {
        let step = match direction {
            Direction::Back => self.history.undo(),
            Direction::Forward => self.history.redo(),
        }?;
        step.apply(self.records_mut(&step.records()), direction, stamp);
        self.touch();
        self.clamp_selection();
        Some(step.label)
    }
}

/// What an entered line makes on question `q`: the new insight's fields,
/// the status message, and any name to offer for the roster.
pub(super) fn entered(
    parsed: capture::Capture,
    q: usize,
    parked: bool,
) -> (InsightFields, Option<String>, Option<String>) {
    let (participant, message, pending) = describe_attribution(&parsed.attribution);
    let fields = InsightFields {
        question: q,
        text: parsed.text,
        participant,
        practice: parsed.practice,
        kind: parsed.kind.unwrap_or_default(),
        tags: parsed.tags,
        starred: false,
        deleted: false,
        parked,
        owner: parsed.owner,
        due: parsed.due,
    };
    (fields, message, pending)
}

/// The participant to attribute, the status message, and any name to offer
/// for the roster.
fn describe_attribution(
    attribution: &Attribution,
) -> (Option<Ulid>, Option<String>, Option<String>) {
    match attribution {
        Attribution::Nobody => (None, None, None),
        Attribution::Participant(id) => (Some(*id), None, None),
        Attribution::Unknown(name) => (
            None,
            Some(format!(
                "@{name} is not on the roster: {} adds them and attributes the line",
                key_label(Context::Capture, &Action::AddToRoster)
            )),
            Some(name.clone()),
        ),
        // "entered", not "saved": the status line's left part alone says
        // whether anything is on disk, and may be saying NOT SAVED.
        Attribution::Ambiguous(name, names) => (
            None,
            Some(format!(
                "@{name} could be {}: entered unattributed; {} then {} edits it",
                names.join(", "),
                key_label(Context::Capture, &Action::SelectInsights),
                key_label(Context::List, &Action::Edit)
            )),
            None,
        ),
    }
}
