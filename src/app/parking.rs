//! The parking lot: remarks the room wants kept but not on the question
//! being discussed. A parked insight keeps its question (so it can go back
//! there) and leaves that question's list; the wrap-up lists the lot, where
//! a key puts one back. Parking and un-parking are edits of one stamped
//! field, so they merge, undo and name their record as every edit does.

use super::history::quote;
use super::workshop::Workshop;
use crate::model::Stamp;
use ulid::Ulid;

pub use crate::model::actions::parked;

impl Workshop {
    /// The parked insight selected on the wrap-up.
    pub fn selected_parked(&self) -> Option<Ulid> {
        parked(&self.session)
            .get(self.parked_selected)
            .map(|i| i.id)
    }

    /// Moves the selected insight of the list into the parking lot.
    pub fn park_selected(&mut self, stamp: &Stamp) {
        self.edit_selected(
            stamp,
            |f| f.parked = true,
            |f| format!("Parked {}", quote(&f.text)),
        );
    }

    /// Puts the wrap-up's selected parked insight back on its question
    /// (the step's label says where); a message when there is none.
    pub fn unpark_selected(&mut self, stamp: &Stamp) -> Option<String> {
        let Some(id) = self.selected_parked() else {
            return Some("The parking lot is empty".into());
        };
        let before = self.session.insight(id).expect("listed").fields();
        let after = crate::model::InsightFields {
            parked: false,
            ..before.clone()
        };
        let label = format!(
            "Put {} back on question {}",
            quote(&after.text),
            after.question
        );
        self.change_insight(id, before, after, stamp, label);
        let left = parked(&self.session).len();
        self.parked_selected = self.parked_selected.min(left.saturating_sub(1));
        None
    }
}
