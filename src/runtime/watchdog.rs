//! A guard for when the terminal goes away under the loop.
//!
//! Closing the window (or losing the ssh connection) hangs up the terminal:
//! SIGHUP arrives and every read of the terminal returns nothing. crossterm
//! 0.29 re-reads it in a loop that never returns, even from a `poll` with a
//! timeout (crossterm-rs/crossterm#793, fix unreleased), so the loop could
//! neither see the signal nor end: stb spun a core for ever, still holding
//! the session's lock. This thread watches from outside. The loop marks
//! each wait for input; since it never waits longer than a quarter second
//! at a time, a wait of seconds means it is stuck in crossterm, and a
//! signal not acted on within a second while it still waits for input
//! means the same. Then the process
//! ends here, with the shell's code for the signal (SIGHUP's 129 when the
//! terminal simply vanished).
//!
//! Nothing is lost by ending this way: every change the status line called
//! saved is on disk (in the file, or in its journal, which the next open
//! folds in), and the draft of the line being typed is at most its half
//! second behind. The timer is left running, as after a crash: the room
//! went on talking.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// A wait for input longer than this is crossterm spinning on a dead terminal.
const STUCK: Duration = Duration::from_secs(3);
/// How long the loop has to act on an ending signal while it waits for
/// input: it wakes within a quarter second, so still waiting after this is
/// crossterm spinning on a hung-up terminal.
const GRACE: Duration = Duration::from_secs(1);
/// How long it has while it works (a last save of a large session): the
/// watchdog only cuts that short if it never ends.
const GRACE_WORKING: Duration = Duration::from_secs(10);
const EVERY: Duration = Duration::from_millis(200);

/// The loop's side of the guard.
pub struct Watchdog {
    started: Instant,
    /// Milliseconds since `started` (plus one) when the current wait for
    /// input began; 0 while not waiting.
    waiting_since: Arc<AtomicU64>,
}

/// Marks one wait for input, from creation until dropped.
pub struct Waiting<'a>(&'a AtomicU64);

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.store(0, Ordering::SeqCst);
    }
}

fn millis(since: Instant) -> u64 {
    u64::try_from(since.elapsed().as_millis()).unwrap_or(u64::MAX)
}

impl Watchdog {
    /// Starts the guard thread; `signalled` tells it of an ending signal.
    pub fn start(signalled: fn() -> Option<i32>) -> Watchdog {
        let started = Instant::now();
        let waiting_since = Arc::new(AtomicU64::new(0));
        let watched = Arc::clone(&waiting_since);
        let spawned = std::thread::Builder::new()
            .name("stb-watchdog".into())
            .spawn(move || watch(started, &watched, signalled));
        // Without the guard stb still runs; it only loses this one defence.
        drop(spawned);
        Watchdog {
            started,
            waiting_since,
        }
    }

    /// Call around every wait for terminal input.
    pub fn waiting(&self) -> Waiting<'_> {
        self.waiting_since
            .store(millis(self.started) + 1, Ordering::SeqCst);
        Waiting(&self.waiting_since)
    }
}

fn watch(started: Instant, waiting_since: &AtomicU64, signalled: fn() -> Option<i32>) {
    let mut signal_seen: Option<(i32, Instant)> = None;
    loop {
        std::thread::sleep(EVERY);
        if signal_seen.is_none() {
            signal_seen = signalled().map(|s| (s, Instant::now()));
        }
        let since = waiting_since.load(Ordering::SeqCst);
        let stuck =
            since != 0 && millis(started).saturating_sub(since - 1) > STUCK.as_millis() as u64;
        let waiting = since != 0;
        let ignored = signal_seen
            .filter(|(_, at)| at.elapsed() > GRACE && waiting || at.elapsed() > GRACE_WORKING);
        if stuck || ignored.is_some() {
            let signal = ignored.map_or(signal_hook::consts::SIGHUP, |(s, _)| s);
            // Best effort: the terminal is most likely gone.
            super::terminal::restore();
            std::process::exit(128 + signal);
        }
    }
}
