//! Writing the capture line's draft (`NAME.ron.draft`) beside the session,
//! so a crash loses at most the last half second of typing. What a draft
//! holds, and whether one read on opening comes back, is the app's
//! business (`app::draft`); this is when and where it is written.
//!
//! Written at most every half second while typing, on a thread of its own
//! (a slow save of a large session never holds it up). An entered line
//! stays in the draft until the next line begins: if a crash comes before
//! the save that holds it, it comes back.

use crate::app::{App, draft_contents};
use crate::saving::Saver;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use ulid::Ulid;

const DRAFT_EVERY: Duration = Duration::from_millis(500);

/// The line being typed and what is waiting to be written.
#[derive(Default)]
pub struct Draft {
    /// The file's next contents (empty: remove it).
    pending: Option<String>,
    written: Option<Instant>,
    line: String,
    /// The newest insight when `line` began.
    after: Option<Ulid>,
}

pub fn draft_path(session: &Path) -> PathBuf {
    let mut name = session.file_name().unwrap_or_default().to_os_string();
    name.push(".draft");
    session.with_file_name(name)
}

/// What the draft file beside `session` holds, if it is a plain small
/// file of one name: a link or FIFO planted there is never followed or
/// waited on (see `storage::read_draft`).
pub fn read(session: &Path) -> Option<String> {
    crate::storage::read_draft(&draft_path(session))
}

/// Insights are kept in id order, so the newest is the last: this runs on
/// every keystroke and must not walk the session.
fn newest_insight(app: &App) -> Option<Ulid> {
    app.workshop()?.session.insights.last().map(|i| i.id)
}

impl Draft {
    /// The capture line now reads `text`; true when it must be written at
    /// once (it was entered, or cleared).
    pub fn changed(&mut self, app: &App, text: String) -> bool {
        let newest = newest_insight(app);
        if text.trim().is_empty() {
            let entered = newest != self.after && !self.line.trim().is_empty();
            // Entered: kept until a save holds it. Cleared by hand: gone.
            self.pending = Some(if entered {
                draft_contents(self.after, &self.line)
            } else {
                String::new()
            });
            self.line.clear();
            return true;
        }
        if self.line.trim().is_empty() {
            self.after = newest;
        }
        self.pending = Some(draft_contents(self.after, &text));
        self.line = text;
        false
    }

    /// Leaving: the line on the capture line stays for next time; with
    /// none, everything is in the session and the file goes.
    pub fn leaving(&mut self, app: &App) {
        let line = app.workshop().map(|w| w.capture.lines().join(" "));
        self.pending = Some(match line {
            Some(line) if !line.trim().is_empty() => draft_contents(self.after, &line),
            _ => String::new(),
        });
    }

    /// Writes the line again with the next flush: after a save succeeds, a
    /// draft write that failed with it (a full disk, now cleared) must not
    /// wait for the next key.
    pub fn rewrite(&mut self, app: &App) {
        if self.pending.is_none() && app.workshop().is_some() && !self.line.trim().is_empty() {
            self.pending = Some(draft_contents(self.after, &self.line));
        }
    }

    /// Queues the pending contents if due (or `force` says now).
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
