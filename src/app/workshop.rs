//! The open session's state: where the focus is, the capture line, the
//! selection, undo history; capturing, completing, editing and moving
//! insights. The roster side lives in `roster`.

use super::form::{Form, complete_in};
use super::history::{Change, History, Step, quote};
use super::insight_edits::entered;
use super::keymap::Context;
use super::prompts::PromptsShown;
use super::rows::RowsIndex;
use super::touched::Touched;
use crate::capture::{self, CaptureError, RosterName};
use crate::merge::journal::Record;
use crate::model::{Insight, Session, Stage, Stamp, StampClock};
use crate::timer;
use jiff::Timestamp;
use ratatui_textarea::TextArea;
use std::path::PathBuf;
use std::rc::Rc;
use ulid::Ulid;

/// Where the keyboard is within an open session.
#[derive(Clone, Debug)]
pub enum Focus {
    Capture,
    List,
    /// Editing one insight as a capture line.
    Edit {
        id: Ulid,
        line: Box<TextArea<'static>>,
    },
    /// Choosing the question to move an insight to.
    Move {
        id: Ulid,
        choice: super::move_choice::MoveChoice,
    },
    Roster,
    Form {
        purpose: FormPurpose,
        form: Form,
    },
    /// Showing the command that opens this session on a projector.
    Projector {
        /// The whole command line, the path absolute and shell-quoted.
        command: String,
    },
}

/// What a form in a session is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormPurpose {
    /// Adding (None) or editing a participant.
    Participant(Option<Ulid>),
}

/// An `@name` the roster did not know, offered for adding with one key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PendingName {
    pub insight: Ulid,
    pub name: String,
}

/// An open session and everything about how it is being worked on.
#[derive(Debug)]
pub struct Workshop {
    /// Shared with the background saver: a save in flight holds this
    /// snapshot at no cost, and an edit made while it runs copies it first
    /// ([`Workshop::session_mut`]).
    pub session: std::sync::Arc<Session>,
    pub path: PathBuf,
    pub focus: Focus,
    pub capture: TextArea<'static>,
    /// Selected row of the current question's insights.
    pub selected: usize,
    /// Selected row of the participants panel.
    pub roster_selected: usize,
    /// The selected row of the wrap-up's parking lot.
    pub parked_selected: usize,
    pub history: History,
    pub pending: Option<PendingName>,
    /// Counts changes, so a save made of a snapshot knows what it covers:
    /// changes made while it was being written still need saving.
    edits: u64,
    /// The count of changes the last successful save covered.
    saved_edits: u64,
    /// The question whose bell has rung, and for which cue (five minutes
    /// left, one minute, time up), so each rings once.
    pub rang_for: Option<(usize, crate::agenda::Cue)>,
    /// Whether the question's prompts show (the facilitator's choice).
    pub prompts: PromptsShown,
    /// Renewed whenever the session may have changed, so derived indexes
    /// (and the screen's reused list) know when to be rebuilt; never the
    /// same for two states, even of two workshops.
    pub(super) generation: u64,
    pub(super) rows_index: RowsIndex,
    /// The wrap-up's ranking by votes, for the same generation.
    pub(super) ranking: super::votes::Ranking,
    /// What the edits since the last whole write touched, for the journal.
    pub touched: Touched,
    /// Whether this is a room (`stb join`): other laptops capture the same
    /// session, and the question and timer follow the lead's.
    pub in_room: bool,
    pub(super) prepared: super::prepared::Prepared,
}

impl Workshop {
    /// Opens a session; the clock moves past every stamp in it.
    pub fn open(path: PathBuf, session: Session, clock: &mut StampClock) -> Workshop {
        clock.observe(&session.newest_stamp());
        Workshop {
            session: std::sync::Arc::new(session),
            path,
            focus: Focus::Capture,
            capture: super::line_edit::capture_line(),
            selected: 0,
            roster_selected: 0,
            parked_selected: 0,
            history: History::default(),
            pending: None,
            edits: 0,
            saved_edits: 0,
            rang_for: None,
            prompts: PromptsShown::Auto,
            generation: next_generation(),
            rows_index: RowsIndex::default(),
            ranking: Default::default(),
            touched: Touched::default(),
            in_room: false,
            prepared: Default::default(),
        }
    }

    /// Changed since the last successful save.
    pub fn dirty(&self) -> bool {
        self.edits != self.saved_edits
    }

    /// Notes a change that needs saving.
    pub fn touch(&mut self) {
        self.edits += 1;
    }

    /// How many changes there have been: a save of the session as it is now
    /// covers this many.
    pub fn edits(&self) -> u64 {
        self.edits
    }

    /// A save covering `edits` changes succeeded.
    pub fn saved_up_to(&mut self, edits: u64) {
        self.saved_edits = self.saved_edits.max(edits.min(self.edits));
    }

    /// Shows `merged`, the session with changes made outside stb merged
    /// in (by a save, which wrote it): not a change to save again.
    pub fn take_merged(&mut self, merged: Session) {
        // What came in is not known record by record (and may carry older
        // stamps): the journal looks at everything until a whole write.
        self.touched.note_unknown(self.edits);
        self.generation = next_generation();
        self.session = std::sync::Arc::new(merged);
    }

    /// The session, to change in ways not known record by record: the next
    /// journal lines look at every record. Every change goes through here or
    /// the two below, so what is derived from the session (the rows of each
    /// question) is rebuilt.
    pub fn session_mut(&mut self) -> &mut Session {
        self.touched.note_unknown(self.edits);
        self.changing()
    }

    /// The session, to change these records only (and the details, stage
    /// and timeline, which every journal line carries whole).
    pub fn records_mut(&mut self, records: &[Record]) -> &mut Session {
        for record in records {
            self.touched.note(*record, self.edits);
        }
        self.changing()
    }

    /// The session, to change only its details, stage or timeline.
    pub fn shell_mut(&mut self) -> &mut Session {
        self.records_mut(&[])
    }

    fn changing(&mut self) -> &mut Session {
        self.generation = next_generation();
        std::sync::Arc::make_mut(&mut self.session)
    }

    /// The question and index of the insight an Enter added since
    /// generation `before`, when that Enter is the only change since.
    pub fn appended_since(&self, before: u64) -> Option<(usize, usize)> {
        self.rows_index.appended_since(before, self.generation)
    }

    /// Changes whenever the session may have changed, and never repeats
    /// within the process: what is drawn from the session can be kept
    /// while it stays the same.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    pub fn context(&self) -> Context {
        match (&self.focus, self.session.stage) {
            (Focus::Projector { .. }, _) => Context::ProjectorCommand,
            (Focus::Roster, _) => Context::Roster,
            (Focus::Form { .. }, _) => Context::Form,
            (_, Stage::WrapUp) => Context::WrapUp,
            (Focus::Capture, _) => Context::Capture,
            (Focus::List, _) => Context::List,
            (Focus::Edit { .. }, _) => Context::Edit,
            (Focus::Move { .. }, _) => Context::Move,
        }
    }

    /// The question on screen, numbered from 1; None at the wrap-up.
    pub fn question(&self) -> Option<usize> {
        match self.session.stage {
            Stage::Question(q) => Some(q),
            Stage::WrapUp => None,
        }
    }

    /// Indices into `session.insights` of question `q`'s live insights, oldest first.
    /// Found once per change of the session, not once per frame.
    pub fn rows(&self, q: usize) -> Rc<Vec<usize>> {
        self.rows_index.rows(&self.session, self.generation, q)
    }

    /// The id of the selected insight on the current question.
    pub fn selected_insight(&self) -> Option<Ulid> {
        let rows = self.rows(self.question()?);
        rows.get(self.selected)
            .map(|&i| self.session.insights[i].id)
    }

    /// Live participants, in roster order.
    pub fn roster_ids(&self) -> Vec<Ulid> {
        self.session.live_participants().map(|p| p.id).collect()
    }

    /// The live roster, as `@name` resolves against it.
    pub(super) fn roster(&self) -> Vec<RosterName<'_>> {
        self.session
            .live_participants()
            .map(|p| RosterName {
                id: p.id,
                name: &p.name,
            })
            .collect()
    }

    /// Enter on the capture line: the line becomes an insight. Returns the
    /// message for the status line.
    /// Whether `line` is what made the newest insight: a draft left by a
    /// crash between saving an entered line and clearing its draft, which
    /// must not come back to be entered twice.
    pub fn made_the_newest_insight(&self, line: &str) -> bool {
        let Ok(parsed) = capture::parse_in(line, &capture::Context::of(&self.session)) else {
            return false;
        };
        self.session
            .live_insights()
            .max_by_key(|i| i.created)
            .is_some_and(|newest| newest.text == parsed.text)
    }

    pub fn submit_capture(&mut self, stamp: &Stamp) -> Option<String> {
        self.enter_line(stamp, false)
    }

    /// The parking chord on the capture line: the line becomes an insight
    /// set aside in the parking lot, on this question (so it can be put
    /// back here), without leaving the question or the line.
    pub fn park_capture(&mut self, stamp: &Stamp) -> Option<String> {
        let parked_before = self.parked_count();
        let message = self.enter_line(stamp, true);
        if self.parked_count() == parked_before {
            return message;
        }
        let parked = format!("Parked: {} in the parking lot", self.parked_count());
        Some(match message {
            Some(m) => format!("{parked} · {m}"),
            None => parked,
        })
    }

    /// How many live insights are in the parking lot.
    pub fn parked_count(&self) -> usize {
        self.rows_index.parked(&self.session, self.generation)
    }

    /// The insight an Enter would add with `stamp`, made from the line's
    /// parse prepared ahead (none without one): drawn before the Enter
    /// comes, so its frame finds the new row's cells ready.
    pub fn prospect(&self, stamp: &Stamp) -> Option<Insight> {
        let q = self.question()?;
        let line = self.capture.lines().join(" ");
        let parsed = self.prepared.peek(&line, self.generation)?.clone();
        Some(Insight::create(entered(parsed, q, false).0, stamp))
    }

    fn enter_line(&mut self, stamp: &Stamp, parked: bool) -> Option<String> {
        let q = self.question()?;
        let line = self.capture.lines().join(" ");
        let parsed = self.prepared.take(&line, &self.session, self.generation);
        let parsed = match parsed {
            Ok(parsed) => parsed,
            Err(CaptureError::Empty) => return None,
            Err(CaptureError::NoText) => {
                return Some("Nothing said yet: the line has only @names and #tags".into());
            }
        };
        let (fields, message, pending) = entered(parsed, q, parked);
        let verb = if parked { "Parked" } else { "Added" };
        let label = [verb, " ", &quote(&fields.text)].concat();
        let before = self.generation;
        let id = self.shell_mut().add_insight(fields.clone(), stamp);
        self.touched.note(Record::Insight(id), self.edits);
        let after = self.generation;
        self.rows_index.appended(&self.session, before, after, id);
        self.history.record_quietly(Step::one(
            label,
            Change::Insight {
                id,
                before: None,
                after: fields,
            },
        ));
        self.pending = pending.map(|name| PendingName { insight: id, name });
        self.prepared.clear(&mut self.capture);
        self.selected = self.rows(q).len().saturating_sub(1);
        self.touch();
        message
    }

    /// Tab on a line: completes the `@name` or `#tag` at the cursor; false if
    /// there was nothing to complete.
    pub fn complete(&mut self, editing: bool) -> bool {
        let (names, tags) = capture::vocabulary(&self.session);
        let area = match &mut self.focus {
            Focus::Edit { line, .. } if editing => line,
            _ => &mut self.capture,
        };
        complete_in(area, &names, &tags)
    }

    /// The select-mode chord on the capture line: select mode, on the
    /// newest insight (the one just said is the one most often fixed).
    pub fn select_insights(&mut self) {
        let rows = self.question().map_or(0, |q| self.rows(q).len());
        if rows == 0 {
            return;
        }
        self.selected = rows - 1;
        self.focus = Focus::List;
    }

    /// Keeps the selection on a row that exists.
    pub fn clamp_selection(&mut self) {
        let rows = self.selectable_rows();
        self.selected = self.selected.min(rows.saturating_sub(1));
        let roster = self.roster_ids().len();
        self.roster_selected = self.roster_selected.min(roster.saturating_sub(1));
    }

    /// Moves to another stage, pausing and closing the timer of the question left.
    pub fn go_to(&mut self, stage: Stage, now: Timestamp, stamp: &Stamp) {
        if let Some(q) = self.question() {
            let timing = &mut self.shell_mut().timeline[q - 1];
            timer::pause(timing, now);
            if timing.started.is_some() {
                timing.ended = Some(now);
            }
            timing.modified = stamp.clone();
        }
        self.shell_mut().stage = stage;
        self.shell_mut().modified = stamp.clone();
        self.focus = Focus::Capture;
        self.selected = self
            .question()
            .map_or(0, |q| self.rows(q).len().saturating_sub(1));
        self.pending = None;
        self.touch();
    }
}

/// A generation no workshop has had before in this process.
fn next_generation() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}
