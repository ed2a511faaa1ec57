//! End to end: the real `stb` binary in a pseudo-terminal. Keys go in as
//! bytes, the screen is read back through a terminal emulator, and the
//! session files are read with the library's own loader.
//!
//! This module holds the helpers every test shares (start a session, type a
//! capture line, quit, find and load the saved file); the tests are grouped
//! in `workshop` (capturing, reopening, kill -9), `faults` (an unwritable
//! sessions folder) and `commands` (`check`, `list`, help and resizing).

mod actions;
mod clean_exits;
mod commands;
mod conflicts;
mod elsewhere;
mod export;
mod export_json;
mod export_refi;
mod faults;
mod git;
mod hand_edits;
mod hostile;
mod inert_output;
mod keys_at_once;
mod kill_soak;
mod merge;
mod names;
mod ownership;
mod ownership_soak;
mod present;
mod pty;
mod question_sets;
mod review;
mod room_proof;
mod share;
mod shared_folder;
mod signals;
mod syncthing;
mod untrusted;
mod votes;
mod workshop;

use pty::{Stb, key};
use stb::model::Session;
use std::path::{Path, PathBuf};

const NEW: &[&str] = &[
    "new",
    "--title",
    "Community power",
    "--place",
    "Pembrokeshire",
    "--nation",
    "wales",
    "--facilitator",
    "Rhian",
];

/// The one `.ron` file in `dir`.
fn only_session_file(dir: &Path) -> PathBuf {
    let files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    assert_eq!(files.len(), 1, "expected one session file, found {files:?}");
    files.into_iter().next().unwrap()
}

fn load(path: &Path) -> Session {
    stb::storage::load(path).unwrap_or_else(|e| panic!("{e}"))
}

/// What a running (or killed) stb has acknowledged as saved: the file with
/// its journal, as the next `stb open` reads it. An Enter appends to the
/// journal; the file itself takes it in at the next fold.
fn load_acknowledged(path: &Path) -> Session {
    stb::storage::load_with_journal(path).unwrap_or_else(|e| panic!("{e}"))
}

/// The capture line's placeholder: shown only while the line is empty.
const EMPTY_CAPTURE: &str = "Type what is said · @name · #tag";

/// Types a capture line, presses Enter, and waits until the line has been
/// taken (it is empty again) and `shown` is on screen. Waiting for the empty
/// line matters: until Enter is handled, the typed text itself is on screen.
fn capture(stb: &mut Stb, line: &str, shown: &str) {
    stb.send(line);
    stb.send(key::ENTER);
    stb.wait_until(&format!("{line:?} taken and {shown:?} on screen"), |s| {
        let screen = s.screen();
        screen.contains(shown) && screen.contains(EMPTY_CAPTURE)
    });
}

/// Starts `stb new` and waits for question 1.
fn start_new(dir: &Path) -> Stb {
    let stb = Stb::spawn(dir, NEW);
    stb.wait_for("Question 1 of 4");
    stb
}

fn quit(stb: &mut Stb) {
    stb.send(key::CTRL_Q);
    let status = stb.wait_exit();
    assert!(status.success(), "stb exited with {status:?}");
}
