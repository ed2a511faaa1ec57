//! An unwritable sessions folder: the app keeps running, says NOT SAVED, and
//! its retries save once the folder can be written (or made) again.

use super::pty::key;
use super::{capture, load, only_session_file, quit, start_new};
use stb::model::PracticeType;
use std::path::{Path, PathBuf};

/// A sessions folder below a regular file cannot be created, even by root.
fn blocked_sessions_dir(tmp: &Path) -> (PathBuf, PathBuf) {
    let blocker = tmp.join("blocker");
    std::fs::write(&blocker, "not a folder").unwrap();
    (blocker.clone(), blocker.join("sessions"))
}

#[test]
fn an_unwritable_folder_keeps_the_app_running_and_saves_once_it_is_fixed() {
    let tmp = tempfile::tempdir().unwrap();
    let (blocker, dir) = blocked_sessions_dir(tmp.path());
    let mut stb = start_new(&dir);
    stb.wait_status("NOT SAVED");

    let text = "Minibus shared by three charities";
    capture(&mut stb, &format!("{text} #collaboration"), text);
    assert!(stb.status_line().contains("NOT SAVED"), "{}", stb.screen());
    assert!(stb.is_running());

    std::fs::remove_file(&blocker).unwrap();
    std::fs::create_dir_all(&dir).unwrap();
    stb.wait_until("a retried save to succeed", |s| {
        s.status_line().trim_start().starts_with("saved ")
    });
    assert!(stb.screen().contains(text));
    // The file is this stb's now, as if it had been made in a writable
    // folder: its lock is held (no second stb writes over it), and leaving
    // writes it whole, so the file alone holds the insight.
    let lock = std::fs::File::open(dir.join(format!(
        "{}.lock",
        only_session_file(&dir).file_name().unwrap().to_string_lossy()
    )))
    .expect("the lock beside the session");
    assert!(lock.try_lock().is_err(), "the lock is held by the app");
    quit(&mut stb);

    let session = load(&only_session_file(&dir));
    let insight = session
        .live_insights()
        .find(|i| i.text == text)
        .expect("the insight typed while the folder was unwritable");
    assert_eq!(insight.practice, Some(PracticeType::Collaboration));
}

/// Regression: the first save of a new session failed, nothing changed
/// after, and the status said "retrying" while nothing was retried.
#[test]
fn a_new_session_whose_first_save_failed_is_retried_by_the_tick() {
    let tmp = tempfile::tempdir().unwrap();
    let (blocker, dir) = blocked_sessions_dir(tmp.path());
    let mut stb = start_new(&dir);
    stb.wait_status("NOT SAVED (retrying");
    std::fs::remove_file(&blocker).unwrap();
    std::fs::create_dir_all(&dir).unwrap();
    // No key pressed: the one-second tick alone should retry.
    stb.wait_until("the retried save to succeed", |s| {
        s.status_line().trim_start().starts_with("saved ")
    });
    quit(&mut stb);
    load(&only_session_file(&dir));
}

/// Regression: the folder was made only when the session started, so once
/// it was missing no retry could succeed.
#[test]
fn retrying_a_save_creates_the_missing_sessions_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let (blocker, dir) = blocked_sessions_dir(tmp.path());
    let mut stb = start_new(&dir);
    let text = "Councillors came to the hub";
    capture(&mut stb, text, text);
    stb.wait_status("NOT SAVED");
    // The obstacle goes, but nobody makes the folder: the app must.
    std::fs::remove_file(&blocker).unwrap();
    stb.wait_until("the retried save to succeed", |s| {
        s.status_line().trim_start().starts_with("saved ")
    });
    quit(&mut stb);
    let session = load(&only_session_file(&dir));
    assert!(session.live_insights().any(|i| i.text == text));
}

/// Ctrl+Q saves first; if that very save fails, stb stays open and asks
/// again instead of leaving with the change only in memory.
#[test]
fn a_quit_whose_save_fails_stays_open_until_asked_twice() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let mut stb = start_new(&dir);
    stb.send(key::CTRL_T);
    stb.wait_for("left");
    stb.wait_status("saved ");
    // The folder goes away and a file takes its place: no save can succeed.
    let moved = tmp.path().join("moved");
    std::fs::rename(&dir, &moved).unwrap();
    std::fs::write(&dir, "not a folder").unwrap();

    // Quitting pauses the timer, a change that cannot be saved now.
    stb.send(key::CTRL_Q);
    stb.wait_for("Ctrl+Q again to quit anyway");
    assert!(stb.is_running(), "{}", stb.screen());

    // The folder comes back: the retry saves, and Ctrl+Q leaves.
    std::fs::remove_file(&dir).unwrap();
    std::fs::rename(&moved, &dir).unwrap();
    stb.wait_until("the retried save to succeed", |s| {
        s.status_line().trim_start().starts_with("saved ")
    });
    quit(&mut stb);
    let session = load(&only_session_file(&dir));
    let timing = &session.timeline[0];
    assert!(timing.started.is_some(), "{timing:?}");
    assert!(timing.running_since.is_none(), "paused on quit: {timing:?}");
}

/// One writer per session: a second stb on an open session is refused,
/// naming the process that has it, and a lock left by a killed stb is
/// taken over without anyone deleting files.
#[test]
fn a_session_open_elsewhere_is_refused_and_a_dead_holders_lock_taken_over() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let mut first = start_new(&dir);
    let text = "Trust grew in the hubs";
    capture(&mut first, text, text);
    // Killed only once the screen says the line is on disk.
    first.wait_until("the line saved", |s| {
        s.status_line().trim_start().starts_with("saved ")
    });
    let file = only_session_file(&dir);
    let path = file.to_str().unwrap();

    let (code, err) = super::pty::run_in_terminal(&dir, &["open", path]);
    assert_ne!(code, Some(0), "a second writer must not start");
    assert!(
        err.contains("open in another stb") && err.contains("process"),
        "{err}"
    );

    first.kill9();
    let mut again = super::pty::Stb::spawn(&dir, &["open", path]);
    again.wait_for(text);
    quit(&mut again);
    assert!(load(&file).live_insights().any(|i| i.text == text));
}
