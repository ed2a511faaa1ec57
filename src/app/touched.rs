//! Which records the open session's edits touched since the file was last
//! written whole: the saving thread's journal line looks only at these
//! (see `merge::journal::changed_among`), so an Enter costs the same at
//! 10,000 insights as at 100.
//!
//! Conservative by construction: an edit that does not say what it touched
//! makes the next lines look at everything, until a whole write covers it.

use super::history::{Change, Step};
use crate::merge::journal::Record;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Records touched, each with the count of edits there had been when it
/// was (so a whole write covering that many edits has it on disk).
#[derive(Debug, Default)]
pub struct Touched {
    records: BTreeMap<Record, u64>,
    /// An edit that did not say what it touched, at this count.
    unknown_at: Option<u64>,
}

impl Touched {
    /// `record` was changed by the edit about to be counted (`edits` so far).
    pub fn note(&mut self, record: Record, edits: u64) {
        let at = self.records.entry(record).or_insert(edits);
        *at = (*at).max(edits);
    }

    /// Something was changed that is not known record by record.
    pub fn note_unknown(&mut self, edits: u64) {
        self.unknown_at = Some(self.unknown_at.map_or(edits, |at| at.max(edits)));
    }

    /// The file was written whole with the first `covered` edits: what they
    /// touched is on disk.
    pub fn written_whole(&mut self, covered: u64) {
        self.records.retain(|_, at| *at >= covered);
        if self.unknown_at.is_some_and(|at| at < covered) {
            self.unknown_at = None;
        }
    }

    /// What a journal line must look at: these records, or (None) all.
    pub fn hints(&self) -> Option<Arc<[Record]>> {
        match self.unknown_at {
            Some(_) => None,
            None => Some(self.records.keys().copied().collect()),
        }
    }
}

impl Change {
    /// The record this change writes to.
    pub fn record(&self) -> Record {
        match self {
            Change::Insight { id, .. } => Record::Insight(*id),
            Change::Participant { id, .. } => Record::Participant(*id),
            Change::Theme { id, .. } => Record::Theme(*id),
            Change::Member { theme, .. } => Record::Theme(*theme),
            Change::Comment { insight, .. } => Record::Insight(*insight),
            Change::Votes { insight, .. } => Record::Insight(*insight),
        }
    }
}

impl Step {
    /// Every record applying this step (either way) writes to.
    pub fn records(&self) -> Vec<Record> {
        self.changes.iter().map(Change::record).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ulid::Ulid;

    #[test]
    fn a_whole_write_forgets_only_what_it_covered() {
        let (a, b) = (
            Record::Insight(Ulid::from(1)),
            Record::Insight(Ulid::from(2)),
        );
        let mut touched = Touched::default();
        touched.note(a, 0);
        touched.note(b, 3);
        assert_eq!(touched.hints().as_deref(), Some(&[a, b][..]));
        touched.written_whole(2);
        assert_eq!(touched.hints().as_deref(), Some(&[b][..]));
        // b was edited as the fourth change: a write of three does not cover it.
        touched.written_whole(3);
        assert_eq!(touched.hints().as_deref(), Some(&[b][..]));
        touched.written_whole(4);
        assert_eq!(touched.hints().as_deref(), Some(&[][..]));
    }

    #[test]
    fn an_edit_of_unknown_reach_means_looking_at_everything_until_written() {
        let mut touched = Touched::default();
        touched.note_unknown(5);
        touched.note(Record::Theme(Ulid::from(7)), 6);
        assert_eq!(touched.hints(), None);
        touched.written_whole(5);
        assert_eq!(touched.hints(), None, "the unknown edit was the sixth");
        touched.written_whole(6);
        assert_eq!(touched.hints().map(|h| h.len()), Some(1));
    }
}
