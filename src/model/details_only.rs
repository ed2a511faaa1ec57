//! A session's details without its records, for a merge to start from.

use super::Session;

impl Session {
    /// Its id, format, details and their stamp, with every list empty: a
    /// merge builds the lists from every copy, and cloning the winning
    /// copy whole only to replace them cost a second copy of every record
    /// (a fifth of merging 100,000 insights). The pattern names every
    /// field, so a field added to `Session` does not compile here until
    /// it is decided whether a merge starts with it.
    pub fn details_only(&self) -> Session {
        let Session {
            format,
            id,
            title,
            place,
            date,
            facilitator,
            note_takers,
            stage,
            lead,
            modified,
            questions: _,
            timeline: _,
            participants: _,
            insights: _,
            themes: _,
            conflicts: _,
        } = self;
        Session {
            format: *format,
            id: *id,
            title: title.clone(),
            place: place.clone(),
            date: *date,
            facilitator: facilitator.clone(),
            note_takers: note_takers.clone(),
            stage: *stage,
            lead: lead.clone(),
            modified: modified.clone(),
            questions: Vec::new(),
            timeline: Vec::new(),
            participants: Vec::new(),
            insights: Vec::new(),
            themes: Vec::new(),
            conflicts: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_details_come_and_no_record_does() {
        let session = crate::generate::session(crate::generate::Spec {
            insights: 20,
            seed: 3,
        });
        let shell = session.details_only();
        assert_eq!(shell.details_values(), session.details_values());
        assert_eq!((shell.id, shell.format), (session.id, session.format));
        assert_eq!(shell.modified, session.modified);
        assert!(shell.insights.is_empty() && shell.participants.is_empty());
        assert!(shell.themes.is_empty() && shell.questions.is_empty());
    }
}
