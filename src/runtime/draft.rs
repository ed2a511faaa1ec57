//! The capture line kept beside the session (`NAME.ron.draft`): what was
//! typed but not yet entered, for a crash to give back. Written at most
//! every half second while typing, through the saving thread, so a crash
//! loses at most that much and a draft is cleared only after the save that
//! holds its line.

use crate::app::App;
use crate::saving::Saver;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const DRAFT_EVERY: Duration = Duration::from_millis(500);

/// The line waiting to be written, and when the last one was.
#[derive(Default)]
pub struct Draft {
    pub pending: Option<String>,
    written: Option<Instant>,
}

pub fn draft_path(session: &Path) -> PathBuf {
    let mut name = session.file_name().unwrap_or_default().to_os_string();
    name.push(".draft");
    session.with_file_name(name)
}

impl Draft {
    /// Queues the pending line if it is due (or `force` says now).
    pub fn flush(&mut self, app: &App, force: bool, saver: &mut Saver) {
        let due = self.written.is_none_or(|at| at.elapsed() >= DRAFT_EVERY);
        let Some(w) = app.workshop() else { return };
        if !(due || force) {
            return;
        }
        let Some(text) = self.pending.take() else {
            return;
        };
        saver.draft(draft_path(&w.path), text);
        self.written = Some(Instant::now());
    }

    /// How long the loop may sleep before a pending line is due.
    pub fn due_in(&self) -> Option<Duration> {
        self.pending.as_ref()?;
        Some(self.written.map_or(Duration::ZERO, |at| {
            DRAFT_EVERY.saturating_sub(at.elapsed())
        }))
    }
}

/// The line a crashed stb was typing into this session, if any.
pub fn recovered(app: &App) -> Option<String> {
    let text = std::fs::read_to_string(draft_path(&app.workshop()?.path)).ok()?;
    let text = crate::inert::one_line(&text);
    (!text.trim().is_empty()).then_some(text)
}
