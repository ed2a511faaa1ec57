//! The new-session form: its fields, today's date by default, validation,
//! and the session it describes (also built straight from `stb new` flags).

use super::form::{Field, Form};
use super::{Action, App, Effect, Home, NewSessionDefaults, Screen};
use crate::model::{Nation, ParticipantFields, Place, Session, SessionDetails};

impl App {
    /// Opens the new-session form with these defaults.
    pub fn show_new_session_form(&mut self, defaults: &NewSessionDefaults) {
        self.screen = Screen::NewSession(new_session_form(defaults, self.today()));
    }

    pub(super) fn on_new_session(&mut self, action: Action) -> Vec<Effect> {
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
                    let mut session = Session::new(details, stamp.clone());
                    for name in names {
                        session.add_participant(
                            ParticipantFields {
                                name,
                                ..Default::default()
                            },
                            &stamp,
                        );
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
}

/// The new-session form, today's date by default.
pub(super) fn new_session_form(defaults: &NewSessionDefaults, today: jiff::civil::Date) -> Form {
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
        date,
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
    Some(Session::new(details, app.clock.stamp_at(app.now)))
}
