//! The capture line kept beside the session (`NAME.ron.draft`): what was
//! typed but not yet saved as an insight, for a crash to give back.
//!
//! Written at most every half second while typing, on a thread of its own
//! (a slow save of a large session never holds it up), so a crash loses at
//! most that much. An entered line stays in the draft until the next line
//! begins: if a crash comes before the save that holds it, it comes back.
//! The file's first line, `after ID`, names the newest insight when the line
//! began; a later insight of this device in the session means the line was
//! entered and saved, so the draft is not offered again.

use crate::app::App;
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

/// Insights are kept in id order, so the newest is the last: this runs on
/// every keystroke and must not walk the session.
fn newest_insight(app: &App) -> Option<Ulid> {
    app.workshop()?.session.insights.last().map(|i| i.id)
}

fn contents(after: Option<Ulid>, line: &str) -> String {
    let after = after.map_or_else(|| "-".to_owned(), |id| id.to_string());
    format!("after {after}\n{line}")
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
                contents(self.after, &self.line)
            } else {
                String::new()
            });
            self.line.clear();
            return true;
        }
        if self.line.trim().is_empty() {
            self.after = newest;
        }
        self.pending = Some(contents(self.after, &text));
        self.line = text;
        false
    }

    /// Leaving: the line on the capture line stays for next time; with
    /// none, everything is in the session and the file goes.
    pub fn leaving(&mut self, app: &App) {
        let line = app.workshop().map(|w| w.capture.lines().join(" "));
        self.pending = Some(match line {
            Some(line) if !line.trim().is_empty() => contents(self.after, &line),
            _ => String::new(),
        });
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

/// The line a crashed stb was typing into this session, if it is not
/// already an insight there.
pub fn recovered(app: &App) -> Option<String> {
    let w = app.workshop()?;
    let path = draft_path(&w.path);
    let raw = std::fs::read_to_string(&path).ok()?;
    let (after, line) = match raw.split_once('\n') {
        Some((head, line)) if head.starts_with("after ") => {
            (Some(head["after ".len()..].parse::<Ulid>().ok()), line)
        }
        // A draft from before the marker: the text alone.
        _ => (None, raw.as_str()),
    };
    if let Some(after) = after {
        let device = &app.config.device;
        let entered = w
            .session
            .insights
            .iter()
            .any(|i| Some(i.id) > after && &i.author == device);
        if entered {
            let _ = std::fs::remove_file(&path);
            return None;
        }
    }
    let text = crate::inert::one_line(line);
    (!text.trim().is_empty()).then_some(text)
}
