//! After a panic: a bug, but what the room said must not go with it. The
//! loop has unwound; whatever is open is saved once more, in place, unless
//! the panic left it inconsistent (then the last save on disk stands).

use super::Held;
use crate::app::{Action, App, Screen};
use crate::saving;
use crate::storage::RealDisk;
use jiff::Timestamp;
use std::path::PathBuf;

/// The last save, after a panic: only a session whose records still hang
/// together is written, so a half-applied change cannot spoil the file.
pub(super) fn save_after(app: &mut App, held: &mut Held) -> Option<PathBuf> {
    // A background save must not land after (and over) this one.
    held.finish_saves(app);
    held.draft.leaving(app);
    held.draft.flush(app, true, &mut held.saver);
    held.saver.wait();
    let consistent = match &app.screen {
        Screen::Workshop(w) => w.session.problems().is_empty(),
        Screen::Review(r) => r
            .files
            .iter()
            .all(|f| f.file.sessions().iter().all(|s| s.problems().is_empty())),
        _ => false,
    };
    if !consistent {
        return None;
    }
    let mut seen = held.saver.seen();
    let saved = saving::save_open_session(&RealDisk, app, &mut seen, Timestamp::now());
    match saved.last() {
        Some(Action::Saved(Ok(_))) => match &app.screen {
            Screen::Workshop(w) => Some(w.path.clone()),
            Screen::Review(r) => r.files.first().map(|f| f.path.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// Debug builds only: `STB_TEST_PANIC_ON_SUBMIT=1` panics right after the
/// next Enter is applied and before it is saved, so a test can prove the
/// panic path saves what only memory held. Release builds never read it.
pub(super) fn test_asked_for(action: &Action) -> bool {
    cfg!(debug_assertions)
        && matches!(action, Action::Submit)
        && std::env::var_os("STB_TEST_PANIC_ON_SUBMIT").is_some()
}
