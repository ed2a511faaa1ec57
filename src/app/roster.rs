//! The roster from an open session: adding the unknown `@name` of a line with
//! one key, and the participant form (name, organisation, sector, consent).

use super::form::{Field, Form};
use super::history::{Change, Step, quote};
use super::workshop::{Focus, FormPurpose, Workshop};
use crate::model::{Consent, InsightFields, ParticipantFields, Sector, Stamp};
use jiff::Timestamp;
use ulid::Ulid;

impl Workshop {
    /// Adds the pending unknown name to the roster and attributes its line.
    pub fn add_pending_to_roster(&mut self, stamp: &Stamp) -> Option<String> {
        let pending = self.pending.take()?;
        let name = pending.name.replace('_', " ");
        let fields = ParticipantFields {
            name: name.clone(),
            ..Default::default()
        };
        let pid = self.session_mut().add_participant(fields.clone(), stamp);
        self.history.record(Step::one(
            format!("Added {name} to the roster"),
            Change::Participant {
                id: pid,
                before: None,
                after: fields,
            },
        ));
        if let Some(insight) = self.session.insight(pending.insight) {
            let before = insight.fields();
            let token = format!("@{}", pending.name);
            let text = before
                .text
                .split_whitespace()
                .filter(|w| *w != token)
                .collect::<Vec<_>>()
                .join(" ");
            let after = InsightFields {
                participant: Some(pid),
                text,
                ..before.clone()
            };
            let label = format!("Attributed {} to {name}", quote(&after.text));
            self.change_insight(pending.insight, before, after, stamp, label);
        }
        self.touch();
        Some(format!(
            "Added {name} to the roster (F2 to set organisation, sector, consent)"
        ))
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
                    Sector::ALL.iter().map(|s| s.label()).collect(),
                    sector,
                    "← → to choose",
                ),
                Field::choice(
                    "Consent",
                    CONSENT_OPTIONS.to_vec(),
                    consent,
                    "← → to choose; recorded with today's time",
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
            .session_mut()
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
                let id = self.session_mut().add_participant(fields.clone(), stamp);
                self.history.record(Step::one(
                    format!("Added {} to the roster", fields.name),
                    Change::Participant {
                        id,
                        before: None,
                        after: fields,
                    },
                ));
                self.roster_selected = self.roster_ids().len() - 1;
                self.touch();
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
