//! Signals end stb the way Ctrl+Q does: SIGTERM (a shutdown), SIGHUP (the
//! terminal window closed) and SIGINT each save the session, pause the
//! timer, give the terminal back, and exit with 128 + the signal's number.

use super::pty::key;
use super::{capture, load, load_acknowledged, only_session_file, quit, start_new};

fn ended_by(signal: &str, code: i32) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let mut stb = start_new(&dir);
    assert!(
        !stb.terminal_restored(),
        "while running, stb has the alternate screen"
    );
    stb.send(key::CTRL_T);
    stb.wait_for("left");
    let text = format!("Said just before {signal}");
    capture(&mut stb, &text, &text);
    let status = stb.signal(signal);
    assert_eq!(status.exit_code(), code as u32, "{signal}: {status:?}");
    assert!(
        stb.terminal_restored(),
        "{signal} left the terminal in stb's state"
    );
    let session = load(&only_session_file(&dir));
    assert!(
        session.live_insights().any(|i| i.text == text),
        "{signal}: the insight is saved"
    );
    let timing = &session.timeline[0];
    assert!(
        timing.started.is_some() && timing.running_since.is_none(),
        "{signal}: timer paused: {timing:?}"
    );
}

#[test]
fn sigterm_saves_restores_and_exits_143() {
    ended_by("TERM", 143);
}

#[test]
fn sighup_from_a_closed_window_saves_restores_and_exits_129() {
    ended_by("HUP", 129);
}

#[test]
fn sigint_saves_restores_and_exits_130() {
    ended_by("INT", 130);
}

/// A panic is a bug, but it must not take what the room said with it: the
/// loop unwinds, saves what only memory held, gives the terminal back and
/// exits 101 (Rust's code for a panic) with a line saying where the work is.
#[test]
fn a_panic_saves_what_memory_held_restores_and_exits_101() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let mut stb = super::pty::Stb::spawn_with_env(
        &dir,
        super::NEW,
        &[("STB_TEST_PANIC_ON_SUBMIT", "1"), ("RUST_BACKTRACE", "0")],
    );
    stb.wait_for("Question 1 of 4");
    let text = "Said just before the bug";
    stb.send(text);
    stb.wait_for(text);
    // Enter adds the insight in memory, then the test panic fires before
    // the loop's own save: only the panic path can put it on disk.
    stb.send(key::ENTER);
    let status = stb.wait_exit();
    assert_eq!(status.exit_code(), 101, "{status:?}");
    assert!(
        stb.terminal_restored(),
        "the panic left stb's terminal state"
    );
    let screen = stb.screen();
    assert!(
        screen.contains("panicked"),
        "the panic message shows: {screen}"
    );
    assert!(
        screen.contains("your work was saved in"),
        "and where the work is: {screen}"
    );
    let session = load(&only_session_file(&dir));
    assert!(
        session.live_insights().any(|i| i.text == text),
        "the insight held only in memory was saved"
    );
}

/// Regression: closing the terminal window left stb spinning a core for
/// ever (crossterm re-reads a hung-up terminal in a loop that never
/// returns, crossterm-rs/crossterm#793), still holding the session's lock,
/// so the facilitator could not reopen their own session.
#[test]
fn closing_the_window_ends_stb_and_frees_the_session() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let mut stb = start_new(&dir);
    let text = "Said just before the lid closed";
    capture(&mut stb, text, text);
    let closed = std::time::Instant::now();
    stb.close_window();
    let status = stb.wait_exit_within(std::time::Duration::from_secs(8));
    let status = status.expect("stb still runs after its window closed");
    // SIGHUP's code, as a shell reports it: not an abort from a panic
    // while giving back a terminal that is gone.
    assert_eq!(status.exit_code(), 129, "{status:?}");
    assert!(status.signal().is_none(), "{status:?}");
    let took = closed.elapsed();
    eprintln!("closed window to exit: {took:?}");
    assert!(took < std::time::Duration::from_secs(2), "{took:?}");
    let file = only_session_file(&dir);
    // In the file, or in its journal when the watchdog had to end stb
    // (crossterm spinning on the hung-up terminal): what opening reads.
    let saved = load_acknowledged(&file);
    assert!(saved.live_insights().any(|i| i.text == text));
    let mut again = super::pty::Stb::spawn(&dir, &["open", file.to_str().unwrap()]);
    again.wait_for(text);
    quit(&mut again);
}
