//! Whether a session's file, just opened, already holds what stb would
//! write for it.
//!
//! The journal (see `saving::journal`) may only be appended to a file whose
//! state stb knows; until the first save, it did not, so the first Enter
//! of a workshop rewrote the whole file (60 ms of CPU at 10,000 insights)
//! while the room typed on. Most files stb opens are ones it wrote itself:
//! checked once in the background as the session opens, those start
//! their journal at the first Enter. A file in an older format, written by
//! hand, or with a journal beside it still gets its first save whole.

use super::journal::Journals;
use crate::app::{Content, Snapshot};
use crate::storage::{self, Seen};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// Marks the file of `snapshot` as known when it holds, byte for byte,
/// what stb would write for the session, and nothing has saved it yet.
pub fn check(snapshot: &Snapshot, (seen, journals): (&Mutex<Seen>, &Mutex<Journals>)) {
    let Content::Session(session) = &snapshot.content else {
        return;
    };
    let path = &snapshot.path;
    if lock(journals).knows(path) || storage::has_journal(path) {
        return;
    }
    let Some(seen) = lock(seen).get(path).cloned() else {
        return;
    };
    let text = storage::session_text(path, session);
    if !seen.holds(text.as_bytes()) || !storage::looks_unchanged(path, Some(&seen)) {
        return;
    }
    lock(journals).wrote_whole(path, session);
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
