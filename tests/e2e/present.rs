//! `stb present` in a pseudo-terminal: it follows a session saved by the
//! library, by a sync tool cutting it mid-write, deleting and bringing it
//! back, and by a facilitator typing in a second `stb` (whose Enter lands
//! in the journal first); and it never writes a byte anywhere.

use super::pty::{Stb, key};
use super::{capture, quit};
use stb::model::{InsightFields, Session, SessionDetails, StampClock};
use std::path::Path;
use std::time::{Duration, Instant, SystemTime};

/// Generous: the view follows within half a second; this only says when to
/// give up.
const DEADLINE: Duration = Duration::from_secs(5);

/// Waits until `text` is on the projector's screen.
fn shows(view: &Stb, text: &str) {
    let end = Instant::now() + DEADLINE;
    while !view.screen().contains(text) {
        assert!(
            Instant::now() < end,
            "{text:?} not shown within {DEADLINE:?}; the screen was:\n{}",
            view.screen()
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn add(session: &mut Session, text: &str) {
    let stamp = StampClock::new("setup").stamp_at(jiff::Timestamp::now());
    session.add_insight(
        InsightFields {
            question: 1,
            text: text.into(),
            ..Default::default()
        },
        &stamp,
    );
}

fn workshop() -> Session {
    let stamp = StampClock::new("setup").stamp_at(jiff::Timestamp::now());
    let mut session = Session::new(
        SessionDetails {
            title: "Community power".into(),
            ..Default::default()
        },
        stamp,
    );
    add(&mut session, "The hub opened on Sundays");
    session
}

/// Every name in the folder with its size and modification time.
fn listing(dir: &Path) -> Vec<(String, u64, SystemTime)> {
    let mut all: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let meta = e.metadata().unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                meta.len(),
                meta.modified().unwrap(),
            )
        })
        .collect();
    all.sort();
    all
}

#[test]
fn present_follows_saves_a_cut_file_a_deletion_and_its_return() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let file = dir.join("2026-12-02-pembrokeshire.ron");
    let mut session = workshop();
    stb::storage::save(&file, &session).unwrap();

    let mut view = Stb::spawn(dir, &["present", file.to_str().unwrap()]);
    shows(&view, "The hub opened on Sundays");
    shows(&view, "following 2026-12-02-pembrokeshire.ron");

    add(&mut session, "Volunteers drove prescriptions out");
    stb::storage::save(&file, &session).unwrap();
    shows(&view, "Volunteers drove prescriptions out");

    // A sync tool writing in place, caught halfway.
    let whole = std::fs::read(&file).unwrap();
    std::fs::write(&file, &whole[..whole.len() / 2]).unwrap();
    shows(&view, "waiting for a complete file");
    assert!(view.screen().contains("Volunteers drove prescriptions out"));

    std::fs::remove_file(&file).unwrap();
    shows(&view, "deleted — waiting for it to come back");

    add(&mut session, "The library became a warm space");
    stb::storage::save(&file, &session).unwrap();
    shows(&view, "The library became a warm space");
    shows(&view, "following 2026-12-02-pembrokeshire.ron");

    // Watched a while, then closed: nothing was added, changed or taken.
    let before = listing(dir);
    std::thread::sleep(Duration::from_millis(600));
    view.send("q");
    let status = view.wait_exit();
    assert!(status.success(), "{status:?}");
    assert!(view.terminal_restored());
    assert_eq!(listing(dir), before);
    let names: Vec<String> = before.into_iter().map(|(name, ..)| name).collect();
    assert_eq!(
        names,
        ["2026-12-02-pembrokeshire.ron"],
        "no lock, draft or journal"
    );
    assert_eq!(
        std::fs::read(&file).unwrap(),
        stb::storage::to_ron(&session).into_bytes()
    );
}

#[test]
fn present_never_writes_even_over_a_journal_and_esc_leaves() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let file = dir.join("s.ron");
    let session = workshop();
    stb::storage::save(&file, &session).unwrap();
    // A journal a facilitator's crash left: the view replays it, in memory.
    let mut later = session.clone();
    add(&mut later, "Only in the journal");
    let (delta, _) = stb::merge::journal::changed_since(&later, &session.newest_stamp());
    let line = ron::ser::to_string(&delta).unwrap();
    std::fs::write(stb::storage::journal_path(&file), format!("{line}\n")).unwrap();
    let before = listing(dir);

    let mut view = Stb::spawn(dir, &["present", file.to_str().unwrap()]);
    shows(&view, "Only in the journal");
    std::thread::sleep(Duration::from_millis(600));
    view.esc();
    let status = view.wait_exit();
    assert!(status.success(), "{status:?}");
    assert_eq!(listing(dir), before, "no lock, draft, fold or cache");
}

#[test]
fn present_shows_what_the_facilitator_types_in_a_second_stb() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let file = dir.join("2026-12-02-pembrokeshire.ron");
    stb::storage::save(&file, &workshop()).unwrap();

    let mut facilitator = Stb::spawn(dir, &["open", file.to_str().unwrap()]);
    facilitator.wait_for("Question 1 of 4");
    facilitator.send("\x1bOS"); // F4
    facilitator.wait_for(&format!("stb present '{}'", file.display()));
    facilitator.esc();
    facilitator.wait_gone("stb present");

    let mut view = Stb::spawn(dir, &["present", file.to_str().unwrap()]);
    shows(&view, "The hub opened on Sundays");
    for n in 1..=5 {
        let line = format!("Line {n} typed at full speed");
        capture(&mut facilitator, &line, &line);
    }
    shows(&view, "Line 5 typed at full speed");
    facilitator.send(key::CTRL_T);
    shows(&view, "left");
    quit(&mut facilitator);
    view.send("\x03"); // Ctrl+C
    assert!(view.wait_exit().success());
}

#[cfg(unix)]
#[test]
fn a_fifo_in_place_of_the_session_is_refused_without_hanging_and_a_signal_ends_cleanly() {
    let tmp = tempfile::tempdir().unwrap();
    let fifo = tmp.path().join("trap.ron");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    let mut view = Stb::spawn(tmp.path(), &["present", fifo.to_str().unwrap()]);
    shows(&view, "not a regular file");
    let status = view.signal("TERM");
    assert_eq!(status.exit_code(), 128 + 15, "{status:?}");
    assert!(view.terminal_restored());
}

/// Closing the projector's window hangs up its terminal; crossterm then
/// spins in a read that never returns. The view must end (it holds nothing
/// to save), not stay behind using a core: found by leaving such windows.
#[test]
fn closing_the_projector_window_ends_the_view() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("2026-12-02-pembrokeshire.ron");
    stb::storage::save(&file, &workshop()).unwrap();
    let mut view = Stb::spawn(tmp.path(), &["present", file.to_str().unwrap()]);
    shows(&view, "The hub opened on Sundays");
    view.close_window();
    let status = view.wait_exit_within(Duration::from_secs(8));
    let status = status.expect("the projector view still runs after its window closed");
    assert_eq!(status.exit_code(), 129, "{status:?}");
}
