//! The agenda: planned against actual time, for each question and for the
//! session, and the cues a facilitator gets as a timebox runs down.
//!
//! Pure functions of a session's timeline and the wall clock, like
//! [`crate::timer`]: the capture screen draws them as a one-line bar, the
//! wrap-up and the report print them, and `update` rings the bell from
//! [`cue`]. The plan is each question's timebox as the set gave it; the
//! actual is what its timer ran (extended timeboxes show as overrun against
//! the plan, which is what the agenda is for).

use crate::model::{QuestionDef, QuestionTiming, Session};
use crate::timer;
use jiff::Timestamp;

/// How close a running timebox is to its end.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Cue {
    /// Five minutes or less left (of a timebox longer than that).
    FiveMinutes,
    /// A minute or less left (of a timebox longer than that).
    OneMinute,
    /// Time is up.
    TimeUp,
}

/// The cue a running timer has reached, if any; none while it is paused
/// or not started.
pub fn cue(timing: &QuestionTiming, now: Timestamp) -> Option<Cue> {
    if !timer::is_running(timing) {
        return None;
    }
    let left = timer::remaining(timing, now);
    let allotted = i64::from(timing.allotted_minutes) * 60;
    match left {
        ..=0 => Some(Cue::TimeUp),
        1..=60 if allotted > 60 => Some(Cue::OneMinute),
        1..=300 if allotted > 300 => Some(Cue::FiveMinutes),
        _ => None,
    }
}

/// Planned and actual seconds of one question, or of the session.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Span {
    pub planned: u64,
    pub actual: u64,
}

impl Span {
    /// `12:00 of 20:00`, and the overrun when there is one: `23:10 of 20:00 (+3:10)`.
    pub fn describe(self) -> String {
        let mut text = format!(
            "{} of {}",
            timer::clock_face(self.actual),
            timer::clock_face(self.planned)
        );
        if self.actual > self.planned {
            text.push_str(&format!(
                " (+{})",
                timer::clock_face(self.actual - self.planned)
            ));
        }
        text
    }
}

/// Each question's plan (its set's timebox) and the time it ran by `now`.
pub fn spans(session: &Session, now: Timestamp) -> Vec<Span> {
    session
        .questions
        .iter()
        .enumerate()
        .map(|(i, def)| span(def, session.timeline.get(i), now))
        .collect()
}

fn span(def: &QuestionDef, timing: Option<&QuestionTiming>, now: Timestamp) -> Span {
    Span {
        planned: u64::from(def.timebox_minutes) * 60,
        actual: timing.map_or(0, |t| timer::elapsed(t, now)),
    }
}

/// The whole session: every question's plan and time added up.
pub fn total(session: &Session, now: Timestamp) -> Span {
    spans(session, now)
        .into_iter()
        .fold(Span::default(), |sum, s| Span {
            planned: sum.planned + s.planned,
            actual: sum.actual + s.actual,
        })
}

/// One cell of the agenda bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cell {
    /// Planned time not yet used.
    Planned,
    /// Planned time used.
    Used,
    /// Time used past the plan.
    Over,
    /// The line between two questions.
    Gap,
}

/// The agenda as `width` cells: each question gets cells in proportion to
/// its plan (at least one), filled as far as its time ran, and its overrun
/// (at least one cell, at most its own width again) marked after it; questions are
/// separated by a gap. Also the question (from 1) each cell belongs to,
/// zero for a gap, so the current one can be drawn apart.
pub fn bar(spans: &[Span], width: usize) -> Vec<(Cell, usize)> {
    let n = spans.len();
    if n == 0 || width < 2 * n {
        return Vec::new();
    }
    let room = width - (n - 1);
    let planned: u64 = spans.iter().map(|s| s.planned.max(1)).sum();
    let overrun: u64 = spans
        .iter()
        .map(|s| s.actual.saturating_sub(s.planned).min(s.planned))
        .sum();
    let scale = (planned + overrun).max(1) as f64 / room as f64;
    let mut cells = Vec::with_capacity(width);
    for (i, s) in spans.iter().enumerate() {
        if i > 0 {
            cells.push((Cell::Gap, 0));
        }
        let own = ((s.planned.max(1) as f64 / scale).round() as usize).max(1);
        let used = ((s.actual.min(s.planned) as f64 / scale).round() as usize).min(own);
        // Any overrun shows, however small against the day.
        let over = s.actual.saturating_sub(s.planned).min(s.planned);
        let over = ((over as f64 / scale).round() as usize).max(usize::from(over > 0));
        cells.extend((0..own).map(|c| {
            let cell = if c < used { Cell::Used } else { Cell::Planned };
            (cell, i + 1)
        }));
        cells.extend((0..over).map(|_| (Cell::Over, i + 1)));
    }
    cells.truncate(width);
    cells
}

#[cfg(test)]
mod tests;
