//! The new-session form: its fields, today's date by default, validation,
//! and the session it describes (also built straight from `stb new` flags).
//!
//! The participants field takes people as a facilitator lists them before
//! the room fills: `Bob Evans (Wrexham Council), Siân` is two people, the
//! first with an organisation. Two names `@` could not tell apart (they
//! fold to the same letters) are refused, as the participant form does.

use super::form::{Field, Form};
use super::{Action, App, Effect, Home, NewSessionDefaults, Screen};
use crate::capture::name_key;
use crate::model::{
    Consent, Nation, ParticipantFields, Place, QuestionSet, Sector, Session, SessionDetails, Stamp,
};

impl App {
    /// Opens the new-session form with these defaults.
    pub fn show_new_session_form(&mut self, defaults: &NewSessionDefaults) {
        self.screen = Screen::NewSession(new_session_form(
            defaults,
            self.today(),
            &self.question_sets,
        ));
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
                Ok((details, people)) => {
                    let stamp = self.clock.stamp_at(self.now);
                    let set = self.question_sets.get(form.choice(QUESTIONS_FIELD));
                    let mut session = on_set(Session::new(details, stamp.clone()), set, &stamp);
                    for person in people {
                        session.add_participant(person, &stamp);
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

/// The form's last field: the question set, chosen from the app's list.
const QUESTIONS_FIELD: usize = 7;

/// `session` on `set`'s questions, or as made (the default set).
fn on_set(session: Session, set: Option<&QuestionSet>, stamp: &Stamp) -> Session {
    match set {
        Some(set) => session.with_question_set(set, stamp),
        None => session,
    }
}

/// The new-session form, today's date and the default question set (or
/// the one `--questions` named) chosen to begin with.
pub(super) fn new_session_form(
    defaults: &NewSessionDefaults,
    today: jiff::civil::Date,
    sets: &[QuestionSet],
) -> Form {
    let set = defaults
        .questions
        .as_ref()
        .and_then(|chosen| sets.iter().position(|s| s.is_named(&chosen.name)))
        .unwrap_or(0);
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
                Nation::ALL.iter().map(|n| n.label()),
                nation,
                "to choose",
            ),
            Field::text("Date", &date, "YYYY-MM-DD"),
            Field::text("Facilitator", &defaults.facilitator, "who facilitates"),
            Field::text("Note-takers", "", "names, separated by commas"),
            Field::text(
                "Participants",
                "",
                "names you know of, separated by commas; Name (Organisation) also works",
            ),
            Field::choice(
                "Questions",
                sets.iter().map(|s| s.name.clone()),
                set,
                "to choose the question set (stb questions list shows them)",
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

/// The people in the participants field: entries separated by commas
/// (a comma inside brackets belongs to the organisation), each a name with
/// an optional `(Organisation)`. Sector and consent are not recorded yet.
/// Refuses an entry with no name, and two names that fold alike.
fn participant_list(text: &str) -> Result<Vec<ParticipantFields>, String> {
    let mut people: Vec<ParticipantFields> = Vec::new();
    for entry in split_outside_brackets(text) {
        let (name, organisation) = match entry.find('(') {
            Some(open) => {
                let inside = &entry[open + 1..];
                let close = inside.rfind(')').unwrap_or(inside.len());
                let outside = format!(
                    "{} {}",
                    &entry[..open],
                    inside.get(close + 1..).unwrap_or("")
                );
                (one_line(&outside), one_line(&inside[..close]))
            }
            None => (one_line(entry), String::new()),
        };
        if name.is_empty() {
            return Err(format!("\"{entry}\" has no name"));
        }
        if let Some(same) = people.iter().find(|p| name_key(&p.name) == name_key(&name)) {
            return Err(format!(
                "\"{}\" and \"{name}\" would be one @name: tell them apart",
                same.name
            ));
        }
        people.push(ParticipantFields {
            name,
            organisation,
            sector: Sector::NotRecorded,
            consent: Consent::NotRecorded,
            deleted: false,
        });
    }
    Ok(people)
}

/// The non-empty, trimmed pieces between commas that are not in brackets.
fn split_outside_brackets(text: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let (mut depth, mut start) = (0usize, 0);
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                pieces.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    pieces.push(&text[start..]);
    pieces
        .into_iter()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect()
}

/// Words separated by single spaces.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The details a valid form describes, or the field to fix and why.
fn session_from_form(
    form: &Form,
    today: jiff::civil::Date,
) -> Result<(SessionDetails, Vec<ParticipantFields>), (usize, String)> {
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
    let people = participant_list(&form.value(6)).map_err(|error| (6, error))?;
    Ok((details, people))
}

/// A new session straight from `stb new` flags, when they say enough.
pub fn session_from_defaults(app: &mut App, defaults: &NewSessionDefaults) -> Option<Session> {
    let today = app.today();
    let form = new_session_form(defaults, today, &app.question_sets);
    let (details, _) = session_from_form(&form, today).ok()?;
    let stamp = app.clock.stamp_at(app.now);
    let set = defaults.questions.as_ref();
    Some(on_set(Session::new(details, stamp.clone()), set, &stamp))
}

#[cfg(test)]
mod tests {
    use super::super::form::Field;
    use super::*;

    fn today() -> jiff::civil::Date {
        jiff::civil::date(2026, 11, 18)
    }

    /// The form filled in, with this in its participants field.
    fn form_with(participants: &str) -> Form {
        let defaults = NewSessionDefaults {
            title: "Recovery".into(),
            locality: "Wrexham".into(),
            facilitator: "Rhian".into(),
            ..Default::default()
        };
        let mut form = new_session_form(&defaults, today(), &QuestionSet::built_in());
        form.fields[6] = Field::text("Participants", participants, "");
        form
    }

    fn people(participants: &str) -> Vec<(String, String)> {
        let (_, people) = session_from_form(&form_with(participants), today()).unwrap();
        people
            .into_iter()
            .map(|p| (p.name, p.organisation))
            .collect()
    }

    #[test]
    fn a_bracketed_organisation_is_split_from_the_name() {
        let pair = |n: &str, o: &str| (n.to_owned(), o.to_owned());
        assert_eq!(
            people("Bob Evans (Wrexham Council), Ann,  Siân Ŵyn , "),
            [
                pair("Bob Evans", "Wrexham Council"),
                pair("Ann", ""),
                pair("Siân Ŵyn", ""),
            ]
        );
        assert_eq!(
            people("Bob Evans ( Council, Housing ),Cai (AVOW"),
            [pair("Bob Evans", "Council, Housing"), pair("Cai", "AVOW"),],
            "a comma in brackets is the organisation's; an unclosed bracket ends with the entry"
        );
        assert!(people("").is_empty());
    }

    #[test]
    fn people_listed_start_with_sector_and_consent_not_recorded() {
        let (_, people) =
            session_from_form(&form_with("Bob Evans (Wrexham Council)"), today()).unwrap();
        assert_eq!(people[0].sector, Sector::NotRecorded);
        assert_eq!(people[0].consent, Consent::NotRecorded);
    }

    #[test]
    fn two_names_that_fold_alike_are_refused() {
        let (field, error) = session_from_form(
            &form_with("Siobhán Kelly, Ann, siobhan  KELLY (PAVS)"),
            today(),
        )
        .unwrap_err();
        assert_eq!(field, 6);
        assert!(
            error.contains("Siobhán Kelly") && error.contains("siobhan KELLY"),
            "{error}"
        );
        let (field, _) = session_from_form(&form_with("(Wrexham Council)"), today()).unwrap_err();
        assert_eq!(field, 6, "an organisation without a name");
    }

    #[test]
    fn the_form_offers_every_set_and_starts_on_the_one_named() {
        let sets = QuestionSet::built_in();
        let defaults = NewSessionDefaults {
            questions: Some(sets[2].clone()),
            ..Default::default()
        };
        let form = new_session_form(&defaults, today(), &sets);
        assert_eq!(form.choice(QUESTIONS_FIELD), 2);
        assert_eq!(form.value(QUESTIONS_FIELD), "Rebalancing the Power");
        let plain = new_session_form(&NewSessionDefaults::default(), today(), &sets);
        assert_eq!(plain.value(QUESTIONS_FIELD), "Shifting the Balance");
        let stamp = Stamp::default();
        let session = on_set(
            Session::new(SessionDetails::default(), stamp.clone()),
            sets.get(form.choice(QUESTIONS_FIELD)),
            &stamp,
        );
        assert_eq!(session.questions.len(), 5);
        assert_eq!(
            session.questions[4].title,
            "Small actions, shared endeavour"
        );
    }
}
