//! `App::update`: the one place an action changes state.

use super::form::{Field, Form, one_line};
use super::workshop::{Focus, FormPurpose, Workshop};
use super::{Action, App, Context, Effect, Home, NewSessionDefaults, SaveState, Screen};
use crate::model::{Nation, Participant, ParticipantFields, Place, Session, SessionDetails, Stage};
use crate::timer;
use jiff::Timestamp;

const PAGE: usize = 10;

impl App {
    /// Applies one action at wall time `now`; returns what the loop must do.
    pub fn update(&mut self, action: Action, now: Timestamp) -> Vec<Effect> {
        // Milliseconds are precise enough for people and keep files readable.
        self.now = Timestamp::from_millisecond(now.as_millisecond()).unwrap_or(now);
        let user_action = !matches!(
            action,
            Action::Tick
                | Action::Saved(_)
                | Action::Listed(_)
                | Action::Opened(_)
                | Action::OpenFailed(_)
        );
        if user_action {
            self.message = None;
            if !matches!(action, Action::Quit) {
                self.quit_armed = false;
            }
        }
        // Saves follow user actions and ticks (the tick retries a failed
        // save each second), never an effect's outcome, so a failing disk
        // cannot make the loop spin.
        let may_save = user_action || matches!(action, Action::Tick);
        let mut effects = self.apply(action);
        if may_save && self.workshop().is_some_and(|w| w.dirty) && !effects.contains(&Effect::Save)
        {
            effects.insert(0, Effect::Save);
        }
        effects
    }

    fn apply(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Quit => return self.quit(),
            Action::ToggleHelp => {
                self.help_open = !self.help_open;
                self.help_scroll = 0;
            }
            Action::Tick => return self.tick(),
            Action::Saved(result) => self.saved(result),
            Action::Listed(listed) => {
                if let Screen::Home(home) = &mut self.screen {
                    home.selected = home.selected.min(listed.len().saturating_sub(1));
                    home.listed = listed;
                }
            }
            Action::Opened(opened) => {
                let (path, session) = *opened;
                self.message = Some(format!("Opened {}", path.display()));
                self.screen =
                    Screen::Workshop(Box::new(Workshop::open(path, session, &mut self.clock)));
            }
            Action::OpenFailed(error) => self.message = Some(error),
            action => {
                return match self.context() {
                    Context::Help => {
                        self.help_scroll = match action {
                            Action::Up => self.help_scroll.saturating_sub(1),
                            Action::Down => self.help_scroll.saturating_add(1),
                            Action::PageUp => self.help_scroll.saturating_sub(PAGE as u16),
                            Action::PageDown => self.help_scroll.saturating_add(PAGE as u16),
                            Action::First => 0,
                            _ => self.help_scroll,
                        };
                        Vec::new()
                    }
                    Context::Home => self.on_home(action),
                    Context::Form if matches!(self.screen, Screen::NewSession(_)) => {
                        self.on_new_session(action)
                    }
                    _ => {
                        self.on_workshop(action);
                        Vec::new()
                    }
                };
            }
        }
        Vec::new()
    }

    fn quit(&mut self) -> Vec<Effect> {
        let now = self.now;
        let stamp = self.clock.stamp_at(now);
        if let Screen::Workshop(w) = &mut self.screen {
            if let Some(q) = w.question()
                && timer::is_running(&w.session.timeline[q - 1])
            {
                timer::pause(&mut w.session.timeline[q - 1], now);
                w.session.timeline[q - 1].modified = stamp;
                w.dirty = true;
            }
            if w.dirty && matches!(self.save, SaveState::Failed(_)) && !self.quit_armed {
                self.quit_armed = true;
                self.message = Some(
                    "Not saved! Quitting now loses the latest changes: Ctrl+Q again to quit anyway"
                        .into(),
                );
                return vec![Effect::Save];
            }
        }
        vec![Effect::Save, Effect::Quit]
    }

    fn tick(&mut self) -> Vec<Effect> {
        let now = self.now;
        let Screen::Workshop(w) = &mut self.screen else {
            return Vec::new();
        };
        let Some(q) = w.question() else {
            return Vec::new();
        };
        let timing = &w.session.timeline[q - 1];
        if timer::is_running(timing) && timer::is_up(timing, now) && w.rang_for != Some(q) {
            w.rang_for = Some(q);
            if self.config.bell {
                return vec![Effect::Bell];
            }
        }
        Vec::new()
    }

    fn saved(&mut self, result: Result<Timestamp, String>) {
        match result {
            Ok(at) => {
                self.save = SaveState::Saved(at);
                if let Screen::Workshop(w) = &mut self.screen {
                    w.dirty = false;
                }
            }
            Err(error) => {
                self.save = SaveState::Failed(error);
                // What is in memory is not on disk: keep retrying.
                if let Screen::Workshop(w) = &mut self.screen {
                    w.dirty = true;
                }
            }
        }
    }

    fn on_home(&mut self, action: Action) -> Vec<Effect> {
        let today = self.today();
        let Screen::Home(home) = &mut self.screen else {
            return Vec::new();
        };
        let last = home.listed.len().saturating_sub(1);
        match action {
            Action::Up => home.selected = home.selected.saturating_sub(1),
            Action::Down => home.selected = (home.selected + 1).min(last),
            Action::PageUp => home.selected = home.selected.saturating_sub(PAGE),
            Action::PageDown => home.selected = (home.selected + PAGE).min(last),
            Action::First => home.selected = 0,
            Action::Last => home.selected = last,
            Action::Refresh => return vec![Effect::ListSessions],
            Action::NewSession => {
                self.screen =
                    Screen::NewSession(new_session_form(&NewSessionDefaults::default(), today))
            }
            Action::Open => match home.listed.get(home.selected) {
                Some(listed) => match &listed.summary {
                    Ok(_) => return vec![Effect::Open(listed.path.clone())],
                    Err(error) => self.message = Some(error.clone()),
                },
                None => self.message = Some("No sessions yet: n starts one".into()),
            },
            _ => {}
        }
        Vec::new()
    }

    /// Opens the new-session form with these defaults.
    pub fn show_new_session_form(&mut self, defaults: &NewSessionDefaults) {
        self.screen = Screen::NewSession(new_session_form(defaults, self.today()));
    }

    fn on_new_session(&mut self, action: Action) -> Vec<Effect> {
        let today = self.today();
        let Screen::NewSession(form) = &mut self.screen else {
            return Vec::new();
        };
        match action {
            Action::Cancel => {
                self.screen = Screen::Home(Home::default());
                return vec![Effect::ListSessions];
            }
            Action::NextField => form.next_field(),
            Action::PrevField => form.prev_field(),
            Action::Input(key) => form.input(key),
            Action::Paste(text) => form.paste(&text),
            Action::Submit if !form.on_last_field() => form.next_field(),
            Action::Submit | Action::SubmitForm => match session_from_form(form, today) {
                Ok((details, names)) => {
                    let stamp = self.clock.stamp_at(self.now);
                    let mut session = Session::new(details, today, stamp.clone());
                    for name in names {
                        session.participants.push(Participant::create(
                            ParticipantFields {
                                name,
                                ..Default::default()
                            },
                            &stamp,
                        ));
                    }
                    return vec![Effect::Create(Box::new(session))];
                }
                Err((field, error)) => {
                    form.focus = field;
                    form.error = Some(error);
                }
            },
            _ => {}
        }
        Vec::new()
    }

    fn on_workshop(&mut self, action: Action) {
        let now = self.now;
        let context = self.context();
        let Screen::Workshop(w) = &mut self.screen else {
            return;
        };
        let clock = &mut self.clock;
        let mut stamp = || clock.stamp_at(now);
        let message = &mut self.message;
        let stages = w.session.questions.len();
        let q = w.question();
        match (context, action) {
            (_, Action::NextQuestion) => match w.session.stage {
                Stage::Question(n) if n < stages => w.go_to(Stage::Question(n + 1), now, &stamp()),
                Stage::Question(_) => w.go_to(Stage::WrapUp, now, &stamp()),
                Stage::WrapUp => {
                    *message = Some("This is the wrap-up: Ctrl+Q closes the session".into())
                }
            },
            (_, Action::PrevQuestion) => match w.session.stage {
                Stage::Question(n) if n > 1 => w.go_to(Stage::Question(n - 1), now, &stamp()),
                Stage::Question(_) => *message = Some("This is the first question".into()),
                Stage::WrapUp => w.go_to(Stage::Question(stages), now, &stamp()),
            },
            (_, Action::Participants) => w.focus = Focus::Roster,
            (_, Action::ToggleTimer) => {
                if let Some(q) = q {
                    let timing = &mut w.session.timeline[q - 1];
                    if timer::is_running(timing) {
                        timer::pause(timing, now);
                    } else {
                        timer::start(timing, now);
                    }
                    timing.modified = stamp();
                    w.dirty = true;
                }
            }
            (_, Action::AddTime(minutes)) => {
                if let Some(q) = q {
                    let timing = &mut w.session.timeline[q - 1];
                    timer::add_minutes(timing, minutes);
                    timing.modified = stamp();
                    w.rang_for = None;
                    w.dirty = true;
                    *message = Some(format!("Timebox now {} minutes", timing.allotted_minutes));
                }
            }
            (_, Action::AddToRoster) => {
                *message = Some(
                    w.add_pending_to_roster(&stamp())
                        .unwrap_or_else(|| "No unknown @name to add".into()),
                );
            }
            (_, Action::Undo) => {
                if !w.history.undo(&mut w.session, &stamp()) {
                    *message = Some("Nothing to undo".into());
                }
                w.dirty = true;
                w.clamp_selection();
            }
            (_, Action::Redo) => {
                if !w.history.redo(&mut w.session, &stamp()) {
                    *message = Some("Nothing to redo".into());
                }
                w.dirty = true;
                w.clamp_selection();
            }
            (Context::Capture, Action::Submit) => *message = w.submit_capture(&stamp()),
            (Context::Capture, Action::Complete) => w.complete_or_leave(),
            (Context::Capture, Action::FocusList) => w.focus = Focus::List,
            (Context::Capture | Context::Edit, Action::Input(key)) => match &mut w.focus {
                Focus::Edit { line, .. } => {
                    line.input(key);
                }
                _ => {
                    w.capture.input(key);
                }
            },
            (Context::Capture | Context::Edit, Action::Paste(text)) => match &mut w.focus {
                Focus::Edit { line, .. } => {
                    line.insert_str(one_line(&text));
                }
                _ => {
                    w.capture.insert_str(one_line(&text));
                }
            },
            (
                Context::List | Context::WrapUp | Context::Roster,
                movement @ (Action::Up
                | Action::Down
                | Action::PageUp
                | Action::PageDown
                | Action::First
                | Action::Last),
            ) => {
                let roster = context == Context::Roster;
                let rows = if roster {
                    w.roster_ids().len()
                } else {
                    q.map_or(0, |q| w.rows(q).len())
                };
                let at = if roster {
                    &mut w.roster_selected
                } else {
                    &mut w.selected
                };
                *at = moved(*at, rows, &movement);
            }
            (Context::List, Action::FocusCapture) => w.focus = Focus::Capture,
            (Context::List, Action::Edit) => w.begin_edit(),
            (Context::List, Action::Star) => w.edit_selected(&stamp(), |f| f.starred = !f.starred),
            (Context::List, Action::Delete) => {
                w.edit_selected(&stamp(), |f| f.deleted = true);
                *message = Some("Deleted: u (or Ctrl+Z) brings it back".into());
            }
            (Context::List, Action::Move) => {
                if let Some(id) = w.selected_insight() {
                    w.focus = Focus::Move { id };
                }
            }
            (Context::Move, Action::MoveTo(n)) if n <= stages => {
                w.focus = Focus::List;
                w.edit_selected(&stamp(), |f| f.question = n);
                *message = Some(format!("Moved to question {n}"));
            }
            (Context::Move | Context::Edit, Action::Cancel) => w.focus = Focus::List,
            (Context::Edit, Action::Submit) => *message = w.apply_edit(&stamp()),
            (Context::Edit, Action::Complete) => {
                w.complete(true);
            }
            (Context::Roster, Action::Cancel) => w.focus = Focus::Capture,
            (Context::Roster, Action::AddParticipant) => w.begin_participant_form(None),
            (Context::Roster, Action::Edit) => {
                let id = w.roster_ids().get(w.roster_selected).copied();
                if id.is_some() {
                    w.begin_participant_form(id);
                }
            }
            (Context::Roster, Action::Delete) => {
                if let Some(id) = w.roster_ids().get(w.roster_selected).copied() {
                    let fields = w.session.participant(id).expect("on the roster").fields();
                    w.change_participant(
                        id,
                        ParticipantFields {
                            deleted: true,
                            ..fields
                        },
                        &stamp(),
                    );
                    *message = Some("Removed from the roster: Ctrl+Z brings them back".into());
                }
            }
            (Context::Roster, Action::ToggleConsent) => {
                if let Some(id) = w.roster_ids().get(w.roster_selected).copied() {
                    let fields = w.session.participant(id).expect("on the roster").fields();
                    let consent = Session::consent_toggled(&fields.consent, now);
                    w.change_participant(id, ParticipantFields { consent, ..fields }, &stamp());
                }
            }
            (Context::Form, Action::Cancel) => w.focus = Focus::Roster,
            (Context::Form, action) => {
                let Focus::Form {
                    form,
                    purpose: FormPurpose::Participant(_),
                } = &mut w.focus
                else {
                    return;
                };
                match action {
                    Action::NextField => form.next_field(),
                    Action::PrevField => form.prev_field(),
                    Action::Input(key) => form.input(key),
                    Action::Paste(text) => form.paste(&text),
                    Action::Submit if !form.on_last_field() => form.next_field(),
                    Action::Submit | Action::SubmitForm => w.submit_participant_form(now, &stamp()),
                    _ => {}
                }
            }
            _ => {}
        }
    }
}

/// Where a list selection lands after a movement action.
fn moved(at: usize, rows: usize, action: &Action) -> usize {
    let last = rows.saturating_sub(1);
    match action {
        Action::Up => at.saturating_sub(1),
        Action::Down => (at + 1).min(last),
        Action::PageUp => at.saturating_sub(PAGE),
        Action::PageDown => (at + PAGE).min(last),
        Action::First => 0,
        _ => last,
    }
}

/// The new-session form, today's date by default.
fn new_session_form(defaults: &NewSessionDefaults, today: jiff::civil::Date) -> Form {
    let nation = defaults.nation.unwrap_or_default();
    let nation = Nation::ALL.iter().position(|n| *n == nation).unwrap_or(0);
    let date = defaults.date.unwrap_or(today).to_string();
    Form {
        title: "New session",
        fields: vec![
            Field::text(
                "Title",
                &defaults.title,
                "e.g. Community power after the pandemic",
            ),
            Field::text(
                "Place",
                &defaults.locality,
                "town, area or council, e.g. Pembrokeshire",
            ),
            Field::choice(
                "Nation",
                Nation::ALL.iter().map(|n| n.label()).collect(),
                nation,
                "← → to choose",
            ),
            Field::text("Date", &date, "YYYY-MM-DD"),
            Field::text("Facilitator", &defaults.facilitator, "who facilitates"),
            Field::text("Note-takers", "", "names, separated by commas"),
            Field::text(
                "Participants",
                "",
                "names you know of, separated by commas (more can be added later)",
            ),
        ],
        focus: 0,
        error: None,
    }
}

fn comma_list(text: &str) -> Vec<String> {
    text.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The details a valid form describes, or the field to fix and why.
fn session_from_form(
    form: &Form,
    today: jiff::civil::Date,
) -> Result<(SessionDetails, Vec<String>), (usize, String)> {
    let title = form.value(0);
    if title.is_empty() {
        return Err((0, "The session needs a title".into()));
    }
    let locality = form.value(1);
    if locality.is_empty() {
        return Err((1, "Where is the workshop? The place is needed".into()));
    }
    let date_text = form.value(3);
    let date = if date_text.is_empty() {
        today
    } else {
        date_text
            .parse::<jiff::civil::Date>()
            .map_err(|_| (3, format!("\"{date_text}\" is not a date: use YYYY-MM-DD")))?
    };
    let facilitator = form.value(4);
    if facilitator.is_empty() {
        return Err((4, "Who facilitates? The facilitator is needed".into()));
    }
    let details = SessionDetails {
        title,
        place: Place {
            locality,
            nation: Nation::ALL[form.choice(2)],
        },
        date: Some(date),
        facilitator,
        note_takers: comma_list(&form.value(5)),
    };
    Ok((details, comma_list(&form.value(6))))
}

/// A new session straight from `stb new` flags, when they say enough.
pub fn session_from_defaults(app: &mut App, defaults: &NewSessionDefaults) -> Option<Session> {
    let today = app.today();
    let form = new_session_form(defaults, today);
    let (details, _) = session_from_form(&form, today).ok()?;
    Some(Session::new(details, today, app.clock.stamp_at(app.now)))
}
