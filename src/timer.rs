//! A question's timebox: countdown, time up, overrun.
//!
//! The timer is stored as seconds already run plus the moment the current run
//! began, never as a ticking counter, so it is a pure function of the wall
//! clock: tests inject `now`, a reopened session picks up where it was, and
//! nothing has to run in the background to keep it right.

use crate::model::QuestionTiming;
use jiff::Timestamp;

/// Seconds `timing` has run by `now`.
pub fn elapsed(timing: &QuestionTiming, now: Timestamp) -> u64 {
    let running = timing.running_since.map_or(0, |since| {
        u64::try_from(now.as_second() - since.as_second()).unwrap_or(0)
    });
    timing.elapsed_seconds + running
}

/// Seconds left in the timebox; negative once time is up.
pub fn remaining(timing: &QuestionTiming, now: Timestamp) -> i64 {
    i64::from(timing.allotted_minutes) * 60 - elapsed(timing, now) as i64
}

/// Whether the timebox has run out.
pub fn is_up(timing: &QuestionTiming, now: Timestamp) -> bool {
    remaining(timing, now) <= 0
}

/// Whether the timer is counting.
pub fn is_running(timing: &QuestionTiming) -> bool {
    timing.running_since.is_some()
}

/// Starts the timer (remembering the first start), or does nothing if running.
pub fn start(timing: &mut QuestionTiming, now: Timestamp) {
    if timing.running_since.is_none() {
        timing.running_since = Some(now);
        timing.started.get_or_insert(now);
    }
}

/// Stops the timer, banking the time it ran.
pub fn pause(timing: &mut QuestionTiming, now: Timestamp) {
    if timing.running_since.is_some() {
        timing.elapsed_seconds = elapsed(timing, now);
        timing.running_since = None;
    }
}

/// Changes the timebox by `minutes` (which may be negative), never below one minute.
pub fn add_minutes(timing: &mut QuestionTiming, minutes: i32) {
    let new = i64::from(timing.allotted_minutes) + i64::from(minutes);
    timing.allotted_minutes = new.clamp(1, 24 * 60) as u32;
}

/// `mm:ss` (or `h:mm:ss`) of a number of seconds.
pub fn clock_face(seconds: u64) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m:02}:{s:02}")
    }
}

/// What the timer shows: `12:34 left`, `time up +02:13`, with `(paused)` or
/// `not started` when it is not counting.
pub fn label(timing: &QuestionTiming, now: Timestamp) -> String {
    let left = remaining(timing, now);
    let face = if left > 0 {
        format!("{} left", clock_face(left as u64))
    } else {
        format!("time up +{}", clock_face(left.unsigned_abs()))
    };
    match (is_running(timing), timing.started.is_some()) {
        (true, _) => face,
        (false, true) => format!("{face} (paused)"),
        (false, false) => format!("{} · not started", clock_face(left.max(0) as u64)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: i64) -> Timestamp {
        Timestamp::from_second(s).unwrap()
    }

    fn timing(minutes: u32) -> QuestionTiming {
        QuestionTiming {
            allotted_minutes: minutes,
            ..Default::default()
        }
    }

    #[test]
    fn counts_down_while_running_and_holds_while_paused() {
        let mut t = timing(20);
        assert_eq!(label(&t, at(0)), "20:00 · not started");
        start(&mut t, at(100));
        assert_eq!(label(&t, at(100 + 65)), "18:55 left");
        pause(&mut t, at(100 + 65));
        assert_eq!(label(&t, at(9_999)), "18:55 left (paused)");
        start(&mut t, at(10_000));
        assert_eq!(elapsed(&t, at(10_005)), 70);
        assert_eq!(t.started, Some(at(100)), "first start is kept");
    }

    #[test]
    fn shows_time_up_and_the_overrun() {
        let mut t = timing(1);
        start(&mut t, at(0));
        assert!(!is_up(&t, at(59)));
        assert!(is_up(&t, at(60)));
        assert_eq!(label(&t, at(60 + 133)), "time up +02:13");
        add_minutes(&mut t, 5);
        assert_eq!(label(&t, at(60 + 133)), "02:47 left");
    }

    #[test]
    fn the_timebox_never_drops_below_a_minute() {
        let mut t = timing(2);
        add_minutes(&mut t, -10);
        assert_eq!(t.allotted_minutes, 1);
    }

    #[test]
    fn a_clock_stepping_back_never_gives_negative_time() {
        let mut t = timing(20);
        start(&mut t, at(1_000));
        assert_eq!(elapsed(&t, at(900)), 0);
        assert_eq!(clock_face(3_725), "1:02:05");
    }
}
