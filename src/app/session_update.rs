//! `update` for an open session: questions, timer, capture, the insight
//! list, popups and the participants panel.

use super::history::{Direction, quote, stepped};
use super::keymap::key_label;
use super::move_choice::{MoveChoice, MoveStep};
use super::update::moved;
use super::workshop::{Focus, FormPurpose};
use super::{Action, App, Context, Screen};
use crate::model::{ParticipantFields, Session, Stage};
use crate::timer;

impl App {
    /// Applies an action to the open session.
    pub(super) fn on_workshop(&mut self, action: Action) {
        let now = self.now;
        let context = self.context();
        if let Some(refused) = self.refused_to_follower(&action) {
            self.message = Some(refused);
            return;
        }
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
                    let quit = key_label(context, &Action::Quit);
                    *message = Some(format!("This is the wrap-up: {quit} closes the session"))
                }
            },
            (_, Action::PrevQuestion) => match w.session.stage {
                Stage::Question(n) if n > 1 => w.go_to(Stage::Question(n - 1), now, &stamp()),
                Stage::Question(_) => *message = Some("This is the first question".into()),
                Stage::WrapUp => w.go_to(Stage::Question(stages), now, &stamp()),
            },
            (_, Action::Participants) => w.focus = Focus::Roster,
            (_, Action::ProjectorCommand) => {
                w.focus = Focus::Projector {
                    command: crate::present::command_for(&w.path),
                }
            }
            (Context::ProjectorCommand, Action::Cancel) => w.focus = Focus::Capture,
            (_, Action::TogglePrompts) => w.prompts = w.prompts.toggled(),
            (_, Action::ToggleTimer) => {
                if let Some(q) = q {
                    let timing = &mut w.shell_mut().timeline[q - 1];
                    if timer::is_running(timing) {
                        timer::pause(timing, now);
                    } else {
                        timer::start(timing, now);
                    }
                    timing.modified = stamp();
                    w.touch();
                }
            }
            (_, Action::AddTime(minutes)) => {
                if let Some(q) = q {
                    let timing = &mut w.shell_mut().timeline[q - 1];
                    timer::add_minutes(timing, minutes);
                    timing.modified = stamp();
                    let minutes = crate::words::count(timing.allotted_minutes as usize, "minute");
                    *message = Some(format!("Timebox now {minutes}"));
                    w.rang_for = None;
                    w.touch();
                }
            }
            (_, Action::AddToRoster) => {
                *message = Some(
                    w.add_pending_to_roster(&stamp())
                        .unwrap_or_else(|| "No unknown @name to add".into()),
                );
            }
            (_, Action::Undo) => {
                let done = w.step_history(Direction::Back, &stamp());
                *message = Some(stepped(context, Direction::Back, done));
            }
            (_, Action::Redo) => {
                let done = w.step_history(Direction::Forward, &stamp());
                *message = Some(stepped(context, Direction::Forward, done));
            }
            (Context::Capture, Action::Submit) => *message = w.submit_capture(&stamp()),
            (Context::Capture, Action::Park) => *message = w.park_capture(&stamp()),
            (Context::List, Action::Park) => w.park_selected(&stamp()),
            (Context::WrapUp, Action::Unpark) => *message = w.unpark_selected(&stamp()),
            (Context::Capture, Action::Complete) => {
                w.complete(false);
            }
            (Context::Capture, Action::SelectInsights) => {
                w.select_insights();
                if !matches!(w.focus, Focus::List) {
                    *message = Some("No insights on this question yet".into());
                }
            }
            (Context::Capture | Context::Edit, Action::Input(key)) => match &mut w.focus {
                Focus::Edit { line, .. } => {
                    super::line_edit::type_key(line, key);
                }
                _ => {
                    super::line_edit::type_key(&mut w.capture, key);
                }
            },
            (Context::Capture | Context::Edit, Action::Paste(text)) => match &mut w.focus {
                Focus::Edit { line, .. } => {
                    super::line_edit::paste(line, &text);
                }
                _ => {
                    super::line_edit::paste(&mut w.capture, &text);
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
                    w.selectable_rows()
                };
                let at = if roster {
                    &mut w.roster_selected
                } else {
                    &mut w.selected
                };
                *at = moved(*at, rows, &movement);
            }
            // The parking lot has its own selection: ↑ ↓ move through the votes.
            (Context::WrapUp, movement @ (Action::PrevParked | Action::NextParked)) => {
                let rows = super::parking::parked(&w.session).len();
                let step = match movement {
                    Action::PrevParked => Action::Up,
                    _ => Action::Down,
                };
                w.parked_selected = moved(w.parked_selected, rows, &step);
            }
            (Context::List, Action::FocusCapture) => w.focus = Focus::Capture,
            // A letter that is no command in select mode: back to typing, letter and all.
            (Context::List, Action::Input(key)) => {
                w.focus = Focus::Capture;
                super::line_edit::type_key(&mut w.capture, key);
            }
            (Context::List, Action::Paste(text)) => {
                w.focus = Focus::Capture;
                super::line_edit::paste(&mut w.capture, &text);
            }
            (Context::List, Action::Edit) => w.begin_edit(),
            (Context::List, Action::Star) => w.edit_selected(
                &stamp(),
                |f| f.starred = !f.starred,
                |f| {
                    let verb = if f.starred { "Starred" } else { "Unstarred" };
                    format!("{verb} {}", quote(&f.text))
                },
            ),
            (Context::List, Action::Delete) => w.edit_selected(
                &stamp(),
                |f| f.deleted = true,
                |f| format!("Deleted {}", quote(&f.text)),
            ),
            (Context::List | Context::WrapUp, Action::Vote) => *message = w.vote(true, &stamp()),
            (Context::List | Context::WrapUp, Action::Unvote) => *message = w.vote(false, &stamp()),
            (Context::List, Action::Attribute) => {
                *message = Some(match w.selected_insight() {
                    Some(id) => w
                        .attribute_insight(id, &stamp())
                        .unwrap_or_else(|| "No unresolved @name on this insight".into()),
                    None => "No insight selected".into(),
                });
            }
            (Context::List, Action::Move) => {
                if let Some(id) = w.selected_insight() {
                    let choice = MoveChoice::at(q.unwrap_or(1));
                    w.focus = Focus::Move { id, choice };
                }
            }
            (
                Context::Move,
                action @ (Action::MoveTo(_) | Action::Submit | Action::Up | Action::Down),
            ) => {
                let Focus::Move { choice, .. } = &mut w.focus else {
                    return;
                };
                let step = match action {
                    Action::MoveTo(d) => choice.digit(d, stages),
                    Action::Submit => choice.enter(),
                    other => MoveStep::Choosing(choice.step(matches!(other, Action::Down), stages)),
                };
                match step {
                    MoveStep::Choosing(next) => *choice = next,
                    MoveStep::To(n) if n == 0 || n > stages => {
                        *choice = MoveChoice::at(choice.highlighted);
                        *message = Some(format!("There is no question {n}"));
                    }
                    MoveStep::To(n) if Some(n) == q => {
                        *choice = MoveChoice::at(n);
                        *message = Some(format!(
                            "It is on question {n} already: choose another, or {} to close",
                            key_label(context, &Action::Cancel)
                        ));
                    }
                    MoveStep::To(n) => {
                        w.focus = Focus::List;
                        w.edit_selected(
                            &stamp(),
                            |f| f.question = n,
                            |f| format!("Moved {} to question {n}", quote(&f.text)),
                        );
                    }
                }
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
                    let label = format!("Removed {} from the roster", fields.name);
                    w.change_participant(
                        id,
                        ParticipantFields {
                            deleted: true,
                            ..fields
                        },
                        &stamp(),
                        label,
                    );
                }
            }
            (Context::Roster, Action::ToggleConsent) => {
                if let Some(id) = w.roster_ids().get(w.roster_selected).copied() {
                    let fields = w.session.participant(id).expect("on the roster").fields();
                    let consent = Session::consent_toggled(&fields.consent, now);
                    let label =
                        super::roster::consent_change(&fields.name, &fields.consent, &consent);
                    w.change_participant(
                        id,
                        ParticipantFields { consent, ..fields },
                        &stamp(),
                        label,
                    );
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
