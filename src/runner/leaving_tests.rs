//! The runner does what `update` decides, and nothing else: review edits
//! are saved off the keystroke path, leaving waits for the last save and
//! then hands the files back, and a draft whose write failed with a save is
//! written again once a save succeeds.

use super::tests::{at, config, runner};
use super::*;
use crate::app::{Effect, Screen};
use crate::model::{InsightFields, Session, SessionDetails, StampClock};
use crate::storage::atomic::faulty::{Fault, FaultyDisk};
use crate::storage::{SessionFile, Step};
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use std::path::PathBuf;

/// A file of one session with one insight, owned and open for review.
fn reviewing(dir: &Path, runner: &mut Runner) -> (App, PathBuf) {
    let mut clock = StampClock::new("facilitator");
    let mut session = Session::new(SessionDetails::default(), clock.stamp_at(at(0)));
    let said = InsightFields {
        question: 1,
        text: "The minibus is shared".into(),
        ..Default::default()
    };
    session.add_insight(said, &clock.stamp_at(at(0)));
    let path = dir.join("ayr.ron");
    storage::save_file(&path, &SessionFile::from_sessions(vec![session])).unwrap();
    let mut app = App::new(config(dir), at(1));
    let effects = app.update(Action::ReviewSelected, at(1));
    assert!(effects.is_empty(), "nothing listed yet: {effects:?}");
    let effects = vec![Effect::Review(vec![path.clone()])];
    assert_eq!(runner.run(&mut app, effects), Flow::Go);
    assert!(matches!(app.screen, Screen::Review(_)));
    (app, path)
}

fn starred_on_disk(path: &Path) -> bool {
    storage::load(path).unwrap().insights[0].starred
}

#[test]
fn a_review_edit_is_saved_off_the_keystroke_path_and_leaving_waits_for_it() {
    let dir = tempfile::tempdir().unwrap();
    let disk = FaultyDisk::default();
    let mut runner = runner(&disk);
    let (mut app, path) = reviewing(dir.path(), &mut runner);
    assert!(
        storage::own(&path).is_err(),
        "the review holds the file's lock"
    );

    let effects = app.update(Action::Star, at(2));
    assert_eq!(runner.run(&mut app, effects), Flow::Go);
    assert!(
        runner.busy() && app.dirty(),
        "the key returned with the save still on the saving thread"
    );
    // The note-taker goes on meanwhile.
    for c in "bus".chars() {
        app.update(Action::FocusQuery, at(3));
        app.update(Action::Input(KeyEvent::from(KeyCode::Char(c))), at(3));
    }

    let effects = app.update(Action::Back, at(4));
    assert_eq!(effects, [Effect::Save, Effect::Flush]);
    assert_eq!(runner.run(&mut app, effects), Flow::Go);
    assert!(matches!(app.screen, Screen::Home(_)), "left once saved");
    assert!(starred_on_disk(&path));
    let again = storage::own(&path).expect("the lock was handed back");
    again.release();
}

#[test]
fn leaving_the_review_while_its_save_fails_stays_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let disk = FaultyDisk::default();
    let mut runner = runner(&disk);
    let (mut app, path) = reviewing(dir.path(), &mut runner);
    disk.fail(Step::Rename, Fault::ReadOnly);
    let effects = app.update(Action::Star, at(2));
    runner.run(&mut app, effects);

    let effects = app.update(Action::Back, at(3));
    assert_eq!(runner.run(&mut app, effects), Flow::Go);
    assert!(matches!(app.screen, Screen::Review(_)), "stays: not saved");
    let message = app.message.clone().unwrap_or_default();
    assert!(message.starts_with("Not saved yet"), "{message}");
    assert!(
        storage::own(&path).is_err(),
        "still held: nobody else writes"
    );
    assert!(!starred_on_disk(&path));

    disk.clear();
    let effects = app.update(Action::Back, at(4));
    assert_eq!(runner.run(&mut app, effects), Flow::Go);
    assert!(matches!(app.screen, Screen::Home(_)));
    assert!(starred_on_disk(&path));
}

/// The half-typed line whose draft could not be written while the disk
/// was full is written as soon as a save succeeds, not at the next key: a
/// kill after "saved" shows must still find it.
#[test]
fn a_draft_that_failed_with_the_disk_is_written_with_the_next_good_save() {
    let dir = tempfile::tempdir().unwrap();
    let disk = FaultyDisk::default();
    let mut runner = runner(&disk);
    let mut app = App::new(config(dir.path()), at(0));
    let details = SessionDetails {
        title: "Draft".into(),
        ..Default::default()
    };
    let session = Session::new(details, app.clock.stamp_at(at(0)));
    runner.run(&mut app, vec![Effect::Create(Box::new(session))]);
    let path = app.workshop().unwrap().path.clone();
    let draft = draft::draft_path(&path);

    disk.fail(Step::CreateTemp, Fault::NoSpace);
    let type_in = |app: &mut App, runner: &mut Runner, text: &str| {
        for c in text.chars() {
            let effects = app.update(Action::Input(KeyEvent::from(KeyCode::Char(c))), at(1));
            runner.run(app, effects);
        }
    };
    type_in(&mut app, &mut runner, "Trust grew");
    let effects = app.update(Action::Submit, at(1));
    runner.run(&mut app, effects);
    runner.settle(&mut app);
    type_in(&mut app, &mut runner, "half a li");
    std::thread::sleep(std::time::Duration::from_millis(600));
    runner.poll(&mut app);
    runner.settle(&mut app);
    assert!(app.dirty(), "the line is only in memory");
    let stale = std::fs::read_to_string(&draft).unwrap_or_default();
    assert!(!stale.contains("half a li"), "the disk was full: {stale:?}");

    disk.clear();
    let effects = app.update(Action::Tick, at(2));
    runner.run(&mut app, effects);
    runner.settle(&mut app);
    runner.settle(&mut app);
    assert!(!app.dirty());
    let written = std::fs::read_to_string(&draft).unwrap_or_default();
    assert!(written.ends_with("\nhalf a li"), "{written:?}");
}
