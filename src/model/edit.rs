//! Edits to a session, each one stamping exactly the fields it changes.
//!
//! Screens never assign to a record directly: they build the record's new
//! field values and hand them to `apply`, which stamps what differs. That one
//! path keeps stamps honest for merging and makes undo a matter of applying the
//! old values again (as a new, stamped edit). The values structs, `fields`
//! and `apply` themselves are derived from each record's declaration (see
//! `record`); what is here is creation and the session-level edits.

use super::{Consent, Insight, InsightFields, Participant, ParticipantFields, Session, Stamp};
use jiff::Timestamp;
use ulid::Ulid;

impl Insight {
    /// A new insight, every field stamped with its creation.
    pub fn create(fields: InsightFields, stamp: &Stamp) -> Insight {
        Insight::new_stamped(
            fields,
            stamp,
            super::new_id(),
            stamp.time(),
            stamp.device().to_owned(),
            Vec::new(),
            Vec::new(),
        )
    }
}

impl Participant {
    /// A new participant, every field stamped with its creation.
    pub fn create(fields: ParticipantFields, stamp: &Stamp) -> Participant {
        Participant::new_stamped(fields, stamp, super::new_id())
    }
}

impl Session {
    /// The session without its records (participants, insights, themes):
    /// what a journal line carries around the few records that changed.
    /// Every field is named, so a field added to `Session` cannot be left
    /// out of the journal unnoticed.
    pub fn shell(&self) -> Session {
        Session {
            format: self.format,
            id: self.id,
            title: self.title.clone(),
            place: self.place.clone(),
            date: self.date,
            facilitator: self.facilitator.clone(),
            note_takers: self.note_takers.clone(),
            stage: self.stage,
            lead: self.lead.clone(),
            modified: self.modified.clone(),
            questions: self.questions.clone(),
            timeline: self.timeline.clone(),
            participants: Vec::new(),
            insights: Vec::new(),
            themes: Vec::new(),
            conflicts: self.conflicts.clone(),
        }
    }

    /// Adds an insight and returns its id.
    pub fn add_insight(&mut self, fields: InsightFields, stamp: &Stamp) -> Ulid {
        let insight = Insight::create(fields, stamp);
        let id = insight.id;
        // Kept in id order (creation order, near enough), the order a merge
        // writes, so merging a file with itself changes nothing.
        // Nearly always the newest: then no search through the list.
        let at = match self.insights.last() {
            Some(last) if last.id >= id => self.insights.partition_point(|i| i.id < id),
            _ => self.insights.len(),
        };
        self.insights.insert(at, insight);
        id
    }

    /// Applies new values to an insight; false if it is unknown or unchanged.
    pub fn edit_insight(&mut self, id: Ulid, new: InsightFields, stamp: &Stamp) -> bool {
        self.insights
            .iter_mut()
            .find(|i| i.id == id)
            .is_some_and(|i| i.apply(new, stamp))
    }

    /// Adds a participant and returns its id.
    pub fn add_participant(&mut self, fields: ParticipantFields, stamp: &Stamp) -> Ulid {
        let participant = Participant::create(fields, stamp);
        let id = participant.id;
        let at = self.participants.partition_point(|p| p.id < id);
        self.participants.insert(at, participant);
        id
    }

    /// Applies new values to a participant; false if unknown or unchanged.
    pub fn edit_participant(&mut self, id: Ulid, new: ParticipantFields, stamp: &Stamp) -> bool {
        self.participants
            .iter_mut()
            .find(|p| p.id == id)
            .is_some_and(|p| p.apply(new, stamp))
    }

    /// Records consent as given now, or clears it back to not recorded.
    pub fn consent_toggled(current: &Consent, now: Timestamp) -> Consent {
        match current {
            Consent::Given(_) => Consent::NotRecorded,
            _ => Consent::Given(now),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PracticeType, SessionDetails, StampClock};

    fn session(clock: &mut StampClock) -> Session {
        let stamp = clock.stamp_at(Timestamp::from_second(1_000).unwrap());
        Session::new(SessionDetails::default(), stamp)
    }

    #[test]
    fn editing_stamps_only_the_fields_that_changed() {
        let mut clock = StampClock::new("ann-laptop");
        let mut s = session(&mut clock);
        let t1 = clock.stamp_at(Timestamp::from_second(2_000).unwrap());
        let id = s.add_insight(
            InsightFields {
                question: 1,
                text: "Food hub".into(),
                ..Default::default()
            },
            &t1,
        );
        let t2 = clock.stamp_at(Timestamp::from_second(3_000).unwrap());
        let mut f = s.insight(id).unwrap().fields();
        f.practice = Some(PracticeType::Innovation);
        assert!(s.edit_insight(id, f.clone(), &t2));
        let i = s.insight(id).unwrap();
        assert_eq!(i.modified.practice, t2);
        assert_eq!(i.modified.text, t1);
        assert_eq!(i.last_modified(), &t2);
        assert!(!s.edit_insight(id, f, &t2), "same values are no change");
    }

    #[test]
    fn a_new_insight_records_who_captured_it_and_when() {
        let mut clock = StampClock::new("bryn");
        let mut s = session(&mut clock);
        let t = clock.stamp_at(Timestamp::from_second(5_000).unwrap());
        let id = s.add_insight(
            InsightFields {
                question: 2,
                text: "x".into(),
                ..Default::default()
            },
            &t,
        );
        let i = s.insight(id).unwrap();
        assert_eq!(i.author, "bryn");
        assert_eq!(i.created, t.time());
        assert_eq!(i.modified.deleted, t);
    }
}
