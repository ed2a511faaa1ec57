//! The roster from an open session: attributing an insight whose `@name`
//! did not resolve (with one key right after it was entered, or later from
//! the list), and the participant form (name, organisation, sector,
//! consent).
//!
//! Both ways of adding someone compare names folded, as `@` does
//! ([`capture::name_key`]): a roster holding "Siobhán" and "siobhan" could
//! never be told apart by `@siobhan`, so a second one is refused (the form)
//! or the existing person is used (attribution). People added while
//! capturing get sector and consent "not recorded" until someone asks.

use super::form::{Field, Form};
use super::history::{Change, Step};
use super::workshop::{Focus, FormPurpose, Workshop};
use super::{Action, Context};
use crate::capture::{self, Attribution};
use crate::merge::journal::Record;
use crate::model::{Consent, InsightFields, ParticipantFields, Sector, Stamp};
use jiff::Timestamp;
use ulid::Ulid;

impl Workshop {
    /// Ctrl+R after a line whose `@name` nobody on the roster has: adds
    /// them and attributes the line, as [`Workshop::attribute_insight`] does
    /// (so a name that is someone's already goes to that person).
    pub fn add_pending_to_roster(&mut self, stamp: &Stamp) -> Option<String> {
        let pending = self.pending.clone()?;
        let message = self.attribute_insight(pending.insight, stamp);
        if message.is_none() {
            // Attributed or deleted since: nothing is pending any more.
            self.pending = None;
        }
        message
    }

    /// Attributes an insight whose `@name` did not resolve when it was
    /// entered (no participant, the `@name` kept in its text), resolving
    /// the name again against today's roster, folded: one person matching
    /// gets the insight; nobody matching, and the name joins the roster
    /// (sector and consent not recorded) and gets it; either way the
    /// `@name` leaves the text. Several matching change nothing, and the
    /// message names them. None when the insight has no `@name` to resolve.
    pub fn attribute_insight(&mut self, id: Ulid, stamp: &Stamp) -> Option<String> {
        let insight = self.session.insight(id).filter(|i| !i.deleted)?;
        if insight.participant.is_some() {
            return None;
        }
        let typed = capture::unresolved_name(&insight.text)?.to_owned();
        let before = insight.fields();
        let said = super::history::quote(&before.text);
        let mut changes = Vec::new();
        let (person, message, label) = match capture::resolve_name(&typed, &self.roster()) {
            Attribution::Participant(person) => {
                let name = self.session.participant(person)?.name.clone();
                let message =
                    format!("@{typed} is {name}, already on the roster: attributed to them");
                (person, message, format!("Attributed {said} to {name}"))
            }
            Attribution::Ambiguous(_, names) => {
                return Some(format!(
                    "@{typed} could be {}: nothing changed; edit the line to choose",
                    names.join(" or ")
                ));
            }
            Attribution::Unknown(_) | Attribution::Nobody => {
                let name = typed.replace('_', " ");
                let (person, change) = self.add_participant(
                    ParticipantFields {
                        name: name.clone(),
                        organisation: String::new(),
                        sector: Sector::NotRecorded,
                        consent: Consent::NotRecorded,
                        deleted: false,
                    },
                    stamp,
                );
                changes.push(change);
                let people = super::keymap::key_label(Context::Capture, &Action::Participants);
                let message = format!(
                    "Added {name} to the roster ({people} sets organisation, sector, consent)"
                );
                let label = format!("Added {name} to the roster for {said}");
                (person, message, label)
            }
        };
        let after = InsightFields {
            participant: Some(person),
            text: capture::without_name(&before.text),
            ..before.clone()
        };
        if self
            .records_mut(&[Record::Insight(id)])
            .edit_insight(id, after.clone(), stamp)
        {
            changes.push(Change::Insight {
                id,
                before: Some(before),
                after,
            });
        }
        if self.pending.as_ref().is_some_and(|p| p.insight == id) {
            self.pending = None;
        }
        self.history.record_quietly(Step {
            label,
            place: (0, 0),
            changes,
        });
        self.touch();
        let undo = super::keymap::key_label(Context::Capture, &Action::Undo);
        Some(format!("{message} · {undo} undoes"))
    }

    /// Adds someone to the roster; returns their id and the change, for
    /// the caller to record in the step it belongs to.
    fn add_participant(&mut self, fields: ParticipantFields, stamp: &Stamp) -> (Ulid, Change) {
        let id = self.shell_mut().add_participant(fields.clone(), stamp);
        self.touched.note(Record::Participant(id), self.edits());
        self.touch();
        let change = Change::Participant {
            id,
            before: None,
            after: fields,
        };
        (id, change)
    }

    /// Opens the participant form, for a new participant or the selected one.
    pub fn begin_participant_form(&mut self, existing: Option<Ulid>) {
        let p = existing
            .and_then(|id| self.session.participant(id))
            .map(|p| p.fields());
        let p = p.unwrap_or_default();
        let sector = Sector::ALL.iter().position(|s| *s == p.sector).unwrap_or(0);
        let consent = consent_index(&p.consent);
        let form = Form {
            title: if existing.is_some() {
                "Edit participant"
            } else {
                "Add participant"
            },
            fields: vec![
                Field::text("Name", &p.name, "as the room knows them; @name matches it"),
                Field::text("Organisation", &p.organisation, "optional"),
                Field::choice(
                    "Sector",
                    Sector::ALL.iter().map(|s| s.label()),
                    sector,
                    "to choose",
                ),
                Field::choice(
                    "Consent",
                    CONSENT_OPTIONS,
                    consent,
                    "to choose; recorded with today's time",
                ),
            ],
            focus: 0,
            error: None,
        };
        self.focus = Focus::Form {
            purpose: FormPurpose::Participant(existing),
            form,
        };
    }

    /// Applies new values to a participant, recording the change for undo
    /// under `label` (what the status line says happened).
    pub fn change_participant(
        &mut self,
        id: Ulid,
        after: ParticipantFields,
        stamp: &Stamp,
        label: String,
    ) {
        let Some(before) = self.session.participant(id).map(|p| p.fields()) else {
            return;
        };
        if self
            .records_mut(&[Record::Participant(id)])
            .edit_participant(id, after.clone(), stamp)
        {
            self.history.record(Step::one(
                label,
                Change::Participant {
                    id,
                    before: Some(before),
                    after,
                },
            ));
            self.touch();
        }
        self.clamp_selection();
    }

    /// Ctrl+S or Enter on the last field of the participant form.
    pub fn submit_participant_form(&mut self, now: Timestamp, stamp: &Stamp) {
        let Focus::Form {
            purpose: FormPurpose::Participant(existing),
            form,
        } = &mut self.focus
        else {
            return;
        };
        let name = form.value(0);
        if name.is_empty() {
            form.error = Some("A participant needs a name".into());
            form.focus = 0;
            return;
        }
        let key = capture::name_key(&name);
        if let Some(other) = self
            .session
            .live_participants()
            .find(|p| Some(p.id) != *existing && capture::name_key(&p.name) == key)
        {
            form.error = Some(format!(
                "{} is already on the roster (@names ignore accents and case)",
                other.name
            ));
            form.focus = 0;
            return;
        }
        let existing = *existing;
        let previous = existing
            .and_then(|id| self.session.participant(id))
            .map(|p| p.consent.clone());
        let consent = consent_from_index(form.choice(3), previous.clone(), now);
        let fields = ParticipantFields {
            name,
            organisation: form.value(1),
            sector: Sector::ALL[form.choice(2)],
            consent,
            deleted: false,
        };
        self.focus = Focus::Roster;
        match existing {
            Some(id) => {
                let label = match previous {
                    Some(was) if consent_index(&was) != consent_index(&fields.consent) => {
                        consent_change(&fields.name, &was, &fields.consent)
                    }
                    _ => format!("Updated {}", fields.name),
                };
                self.change_participant(id, fields, stamp, label)
            }
            None => {
                let label = format!("Added {} to the roster", fields.name);
                let (_, change) = self.add_participant(fields, stamp);
                self.history.record(Step::one(label, change));
                self.roster_selected = self.roster_ids().len() - 1;
            }
        }
    }
}

const CONSENT_OPTIONS: [&str; 4] = ["not recorded", "given", "declined", "withdrawn"];

fn consent_index(consent: &Consent) -> usize {
    match consent {
        Consent::NotRecorded => 0,
        Consent::Given(_) => 1,
        Consent::Declined(_) => 2,
        Consent::Withdrawn(_) => 3,
    }
}

/// The consent chosen in the form; an unchanged choice keeps its original time.
fn consent_from_index(index: usize, previous: Option<Consent>, now: Timestamp) -> Consent {
    if let Some(previous) = previous
        && consent_index(&previous) == index
    {
        return previous;
    }
    match index {
        1 => Consent::Given(now),
        2 => Consent::Declined(now),
        3 => Consent::Withdrawn(now),
        _ => Consent::NotRecorded,
    }
}

/// What a consent change says on the status line: the old value and the
/// new (whose time, now, is recorded with it).
pub fn consent_change(name: &str, was: &Consent, now: &Consent) -> String {
    let recorded = if matches!(now, Consent::NotRecorded) {
        ""
    } else {
        " (recorded now)"
    };
    format!(
        "Consent of {name}: {} → {}{recorded}",
        was.label(),
        now.label()
    )
}

#[cfg(test)]
mod tests;
