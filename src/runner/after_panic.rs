//! The runner after a panic: what is open is saved once more if it can be.

use super::Runner;
use crate::app::{Action, App};
use crate::saving;
use crate::storage;
use std::path::PathBuf;

impl Runner {
    /// After a panic: a bug, but what the room said must not go with it.
    /// Whatever is open is saved once more, in place, unless the panic left
    /// it inconsistent (then the last save on disk stands). Where it was
    /// saved, if it was.
    pub fn after_panic(&mut self, app: &mut App) -> Option<PathBuf> {
        // A background save must not land after (and over) this one.
        for action in self.wait_all() {
            app.update(action, (self.clock)());
        }
        self.draft.leaving(app);
        self.draft.flush(app, true, &mut self.saver);
        self.saver.wait();
        let consistent = app.unsaved().iter().all(|s| match &s.content {
            crate::app::Content::Session(s) => s.problems().is_empty(),
            crate::app::Content::File(f) => f.sessions().iter().all(|s| s.problems().is_empty()),
        });
        let path = match &app.screen {
            crate::app::Screen::Workshop(w) => w.path.clone(),
            crate::app::Screen::Review(r) => r.files.first()?.path.clone(),
            _ => return None,
        };
        if !consistent {
            return None;
        }
        let mut seen = self.saver.seen();
        let saved = saving::save_open_session(&*self.disk, app, &mut seen, (self.clock)());
        let saved = matches!(saved.last(), Some(Action::Saved(Ok(_))));
        if saved && app.workshop().is_some() {
            // Everything the journal held was in memory, and is in the file.
            storage::remove_journal(&path);
        }
        saved.then_some(path)
    }
}
