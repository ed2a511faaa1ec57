//! Capture saves through the journal, as the runner runs them: an Enter
//! appends only what changed; a fault at the append says NOT SAVED and the
//! retry saves; quitting folds the journal into the file; and after a
//! crash, whoever owns the file next folds in what was acknowledged.

use super::tests::{at, config, runner};
use super::*;
use crate::app::Effect;
use crate::model::{Session, SessionDetails};
use crate::storage::atomic::faulty::{Fault, FaultyDisk};
use crate::storage::{SessionFile, Step};
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use std::path::PathBuf;

fn type_line(app: &mut App, runner: &mut Runner, text: &str) {
    for c in text.chars() {
        let effects = app.update(Action::Input(KeyEvent::from(KeyCode::Char(c))), at(1));
        runner.run(app, effects);
    }
    let effects = app.update(Action::Submit, at(1));
    runner.run(app, effects);
    runner.settle(app);
}

fn created(dir: &Path, runner: &mut Runner) -> (App, PathBuf) {
    let mut app = App::new(config(dir), at(0));
    let details = SessionDetails {
        title: "Journal".into(),
        ..Default::default()
    };
    let session = Session::new(details, app.clock.stamp_at(at(0)));
    runner.run(&mut app, vec![Effect::Create(Box::new(session))]);
    let path = app.workshop().unwrap().path.clone();
    (app, path)
}

/// A new session written whole, then "One" and "Two" entered: both in
/// its journal.
fn two_lines_journalled(dir: &Path) -> (App, Runner, PathBuf) {
    let mut runner = runner(&FaultyDisk::default());
    let (mut app, path) = created(dir, &mut runner);
    type_line(&mut app, &mut runner, "One");
    type_line(&mut app, &mut runner, "Two");
    (app, runner, path)
}

fn texts(session: &Session) -> Vec<String> {
    session.live_insights().map(|i| i.text.clone()).collect()
}

#[test]
fn enters_go_to_the_journal_and_a_crash_keeps_every_acknowledged_one() {
    let dir = tempfile::tempdir().unwrap();
    let disk = FaultyDisk::default();
    let mut runner = runner(&disk);
    let (mut app, path) = created(dir.path(), &mut runner);
    type_line(&mut app, &mut runner, "First, written whole");
    type_line(&mut app, &mut runner, "Second, journalled");
    type_line(&mut app, &mut runner, "Third, journalled");
    assert!(!app.dirty(), "all three acknowledged");
    let file = storage::load(&path).unwrap();
    assert_eq!(texts(&file), ["First, written whole"], "the file is behind");
    let journal = std::fs::read_to_string(storage::journal_path(&path)).unwrap();
    assert_eq!(journal.lines().count(), 2);

    // A fault at the append: not saved, nothing torn left, the retry saves.
    disk.fail(Step::Write, Fault::NoSpace);
    type_line(&mut app, &mut runner, "Fourth, after a fault");
    assert!(matches!(app.save, crate::app::SaveState::Failed(_)));
    let after_fault = std::fs::read_to_string(storage::journal_path(&path)).unwrap();
    assert_eq!(after_fault, journal, "a half line was cut back off");
    disk.clear();
    let effects = app.update(Action::Tick, at(2));
    runner.run(&mut app, effects);
    runner.settle(&mut app);
    assert!(!app.dirty());

    // Killed here: the next owner folds the journal in, and removes it.
    drop(runner);
    std::fs::remove_file(storage::lock_path(&path)).ok();
    let owned = storage::own(&path).unwrap();
    let Some(SessionFile::Single(folded)) = &owned.file else {
        panic!("one session")
    };
    let all = [
        "First, written whole",
        "Second, journalled",
        "Third, journalled",
        "Fourth, after a fault",
    ];
    assert_eq!(texts(folded), all);
    assert_eq!(texts(&storage::load(&path).unwrap()), all, "written whole");
    assert!(!storage::has_journal(&path));
}

#[test]
fn quitting_folds_the_journal_into_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut runner, path) = two_lines_journalled(dir.path());
    assert!(storage::has_journal(&path));
    let effects = app.update(Action::Quit, at(3));
    assert_eq!(runner.run(&mut app, effects), Flow::End);
    assert_eq!(texts(&storage::load(&path).unwrap()), ["One", "Two"]);
    assert!(!storage::has_journal(&path));
}

#[test]
fn a_file_changed_outside_is_merged_by_a_whole_save_not_journalled_past() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut runner, path) = two_lines_journalled(dir.path());
    let mut theirs = storage::load(&path).unwrap();
    theirs.title = "Retitled by hand".into();
    std::fs::write(&path, storage::to_ron(&theirs)).unwrap();
    type_line(&mut app, &mut runner, "Three");
    let file = storage::load(&path).unwrap();
    assert_eq!(
        texts(&file),
        ["One", "Two", "Three"],
        "written whole at once"
    );
    assert!(!storage::has_journal(&path));
    let message = app.message.clone().unwrap_or_default();
    assert!(message.contains("outside stb were merged"), "{message}");
}

/// `text` written at `dir/known.ron`, then opened as `stb open` opens a
/// file (owned, held, shown), and the loop gone round once.
fn opened_from(dir: &Path, text: &str) -> (App, Runner, PathBuf) {
    let path = dir.join("known.ron");
    std::fs::write(&path, text).unwrap();
    let mut owned = storage::own(&path).unwrap();
    let Some(SessionFile::Single(session)) = owned.file.take() else {
        panic!("one session")
    };
    let mut runner = runner(&FaultyDisk::default());
    let mut app = App::new(config(dir), at(0));
    runner.hold(&path, owned);
    let effects = app.update(Action::Opened(Box::new((path.clone(), *session))), at(0));
    runner.run(&mut app, effects);
    assert_eq!(runner.poll(&mut app), Flow::Go);
    runner.settle(&mut app);
    (app, runner, path)
}

fn a_session_on_question_one() -> Session {
    let mut session = crate::generate::session(crate::generate::Spec {
        insights: 30,
        seed: 7,
    });
    session.stage = crate::model::Stage::Question(1);
    session
}

#[test]
fn a_file_as_stb_writes_it_takes_its_first_enter_in_the_journal() {
    let dir = tempfile::tempdir().unwrap();
    let text = storage::to_ron(&a_session_on_question_one());
    let (mut app, mut runner, path) = opened_from(dir.path(), &text);
    type_line(&mut app, &mut runner, "First Enter, appended");
    assert!(!app.dirty(), "acknowledged");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        text,
        "the file is not rewritten"
    );
    let journal = std::fs::read_to_string(storage::journal_path(&path)).unwrap();
    assert_eq!(journal.lines().count(), 1);
    let reopened = storage::load_with_journal(&path).unwrap();
    assert_eq!(reopened, *app.workshop().unwrap().session);
}

#[test]
fn a_file_not_as_stb_writes_it_is_written_whole_at_the_first_enter() {
    let dir = tempfile::tempdir().unwrap();
    // The same session, but a person added a comment: the file must take
    // stb's own form before any line is appended to it.
    let text = format!(
        "// typed by hand\n{}",
        storage::to_ron(&a_session_on_question_one())
    );
    let (mut app, mut runner, path) = opened_from(dir.path(), &text);
    type_line(&mut app, &mut runner, "First Enter, whole");
    assert!(!app.dirty(), "acknowledged");
    assert!(!storage::has_journal(&path));
    let file = storage::load(&path).unwrap();
    assert_eq!(file, *app.workshop().unwrap().session, "written whole");
    assert!(!std::fs::read_to_string(&path).unwrap().contains("by hand"));
}
