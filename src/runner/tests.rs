//! The whole story of a disk fault, as the loop lives it but without a
//! terminal: a save fails at one step, the banner says so, the data stays in
//! memory and the previous file whole; the fault clears, the next tick's
//! retry saves, and the file has everything. The effects run through the
//! app's own [`Runner`], on a disk that fails where the test says.

use super::*;
use crate::app::{Config, Effect, SaveState};
use crate::model::{Nation, Place, Session, SessionDetails};
use crate::saving::Saver;
use crate::storage::atomic::faulty::{Fault, FaultyDisk};
use crate::storage::{RealDisk, SessionFile, Step};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::path::PathBuf;

const INSIGHT: &str = "The minibus is shared by three charities now";

pub(super) fn at(second: i64) -> Timestamp {
    Timestamp::from_second(1_795_000_000 + second).unwrap()
}

pub(crate) fn config(dir: &Path) -> Config {
    Config {
        sessions_dir: dir.to_owned(),
        bell: false,
        device: "test".into(),
        time_zone: jiff::tz::TimeZone::UTC,
        palette: Default::default(),
    }
}

fn ayr(app: &mut App) -> Session {
    let details = SessionDetails {
        title: "Transport after the pandemic".into(),
        place: Place {
            locality: "Ayr".into(),
            nation: Nation::Scotland,
        },
        date: jiff::civil::date(2026, 11, 22),
        facilitator: "Morag".into(),
        ..Default::default()
    };
    Session::new(details, app.clock.stamp_at(at(0)))
}

/// The app's runner on `disk`: no bell, the real clock.
pub(super) fn runner(disk: &FaultyDisk) -> Runner {
    Runner::new(disk.clone(), Box::new(|| {}), Timestamp::now)
}

/// Runs effects as the loop does, then waits for the saves they asked for
/// and feeds their outcomes back, as the loop does between keys.
fn run(app: &mut App, effects: Vec<Effect>, runner: &mut Runner) {
    assert_eq!(runner.run(app, effects), Flow::Go);
    assert_eq!(runner.settle(app), Flow::Go);
}

/// A new session, created and first saved as `stb new` does, on question 1.
fn opened(dir: &Path, runner: &mut Runner) -> (App, PathBuf) {
    let mut app = App::new(config(dir), at(0));
    let session = ayr(&mut app);
    run(&mut app, vec![Effect::Create(Box::new(session))], runner);
    let path = app.workshop().expect("created and open").path.clone();
    (app, path)
}

fn capture(app: &mut App, text: &str, runner: &mut Runner, now: Timestamp) {
    for c in text.chars() {
        let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        let effects = app.update(Action::Input(key), now);
        run(app, effects, runner);
    }
    let effects = app.update(Action::Submit, now);
    run(app, effects, runner);
}

/// The bottom row of the app drawn at 100x30.
fn status_line(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    terminal.draw(|f| crate::ui::render(app, f)).unwrap();
    let buffer = terminal.backend().buffer();
    let y = buffer.area.height - 1;
    (0..buffer.area.width)
        .map(|x| buffer[(x, y)].symbol())
        .collect()
}

/// The files in `dir` but the session's lock and draft: a temp file left
/// behind would show here.
fn left_over(dir: &Path, session: &str) -> Vec<String> {
    let beside = [format!("{session}.lock"), format!("{session}.draft")];
    crate::storage::atomic::faulty::names(dir)
        .into_iter()
        .filter(|name| !beside.contains(name))
        .collect()
}

fn in_memory(app: &App) -> bool {
    let w = app.workshop().expect("the session stays open");
    w.session.live_insights().any(|i| i.text == INSIGHT)
}

fn on_disk(path: &Path) -> bool {
    let session = crate::storage::load(path).expect("the file on disk loads");
    session.live_insights().any(|i| i.text == INSIGHT)
}

#[test]
fn a_fault_at_any_step_keeps_the_insight_says_not_saved_and_the_retry_saves_it() {
    let faults = Step::ALL
        .into_iter()
        .flat_map(|step| Fault::ALL.into_iter().map(move |fault| (step, fault)))
        .filter(|(step, fault)| fault.fits(*step));
    for (step, fault) in faults {
        let case = format!("{step:?}/{fault:?}");
        let dir = tempfile::tempdir().unwrap();
        let disk = FaultyDisk::default();
        let mut runner = runner(&disk);
        let (mut app, path) = opened(dir.path(), &mut runner);
        let file_name = path.file_name().unwrap().to_string_lossy().into_owned();
        let before = std::fs::read_to_string(&path).unwrap();
        assert!(
            status_line(&app).trim_start().starts_with("saved "),
            "{case}"
        );
        disk.fail(step, fault);

        capture(&mut app, INSIGHT, &mut runner, at(60));

        assert!(in_memory(&app), "{case}: the insight left memory");
        if step == Step::SyncFolder {
            // The rename happened before the folder fsync failed: the file is
            // wholly the new one, but not known to be durable, so the app
            // still says NOT SAVED and retries.
            assert!(on_disk(&path), "{case}");
        } else {
            let now = std::fs::read_to_string(&path).unwrap();
            assert_eq!(now, before, "{case}: the previous file changed");
            assert!(!on_disk(&path), "{case}");
        }
        assert_eq!(
            left_over(dir.path(), &file_name),
            std::slice::from_ref(&file_name),
            "{case}"
        );
        let SaveState::Failed(reason) = &app.save else {
            panic!("{case}: {:?}", app.save);
        };
        assert!(
            reason.starts_with(&format!("{file_name}: {step} failed: ")),
            "{case}: {reason}"
        );
        assert!(reason.contains(&fault.error().to_string()), "{case}");
        let status = status_line(&app);
        assert!(
            status.contains("NOT SAVED (retrying; data kept in memory)"),
            "{case}: {status}"
        );

        // Still failing: the tick retries, and nothing is lost.
        let effects = app.update(Action::Tick, at(61));
        run(&mut app, effects, &mut runner);
        assert!(matches!(app.save, SaveState::Failed(_)), "{case}");
        assert!(in_memory(&app), "{case}");

        disk.clear();
        let effects = app.update(Action::Tick, at(62));
        assert!(effects.contains(&Effect::Save), "{case}: no retry");
        run(&mut app, effects, &mut runner);
        assert!(matches!(app.save, SaveState::Saved(_)), "{case}");
        let status = status_line(&app);
        assert!(
            status.trim_start().starts_with("saved "),
            "{case}: {status}"
        );
        assert!(!status.contains("NOT SAVED"), "{case}: {status}");
        assert!(on_disk(&path), "{case}: the retry did not save the insight");
        assert!(!app.workshop().unwrap().dirty(), "{case}");
        assert_eq!(
            left_over(dir.path(), &file_name),
            std::slice::from_ref(&file_name),
            "{case}"
        );
    }
}

/// The status line's two parts agree: while the save fails, the left part
/// is the NOT SAVED badge and the quit warning says so; once a retry saves,
/// it says "saved" and the warning is gone, and quitting leaves at once.
#[test]
fn the_quit_warning_lasts_only_as_long_as_the_failed_save() {
    let dir = tempfile::tempdir().unwrap();
    let disk = FaultyDisk::default();
    let mut runner = runner(&disk);
    let (mut app, _) = opened(dir.path(), &mut runner);
    disk.fail(Step::Write, Fault::NoSpace);
    capture(&mut app, INSIGHT, &mut runner, at(60));

    let effects = app.update(Action::Quit, at(61));
    assert_eq!(
        effects,
        [Effect::Save, Effect::Flush],
        "saves and waits rather than leaves"
    );
    run(&mut app, effects, &mut runner);
    let status = status_line(&app);
    assert!(status.starts_with(" NOT SAVED  Not saved! "), "{status}");
    assert!(status.contains("Ctrl+Q again to quit anyway"), "{status}");
    assert!(!status.contains("saving"), "{status}");

    disk.clear();
    let effects = app.update(Action::Tick, at(62));
    run(&mut app, effects, &mut runner);
    let status = status_line(&app);
    assert!(status.trim_start().starts_with("saved "), "{status}");
    assert!(!status.to_lowercase().contains("not saved"), "{status}");
    assert!(!app.quit_armed);
    let effects = app.update(Action::Quit, at(63));
    assert_eq!(
        effects,
        [Effect::Quit],
        "nothing left to save: leaves at once"
    );
    assert_eq!(runner.run(&mut app, effects), Flow::End);
}

#[test]
fn a_review_save_that_fails_names_the_file_and_is_retried() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::new(config(dir.path()), at(0));
    let mut session = ayr(&mut app);
    let stamp = app.clock.stamp_at(at(0));
    let fields = crate::model::InsightFields {
        question: 1,
        text: INSIGHT.into(),
        ..Default::default()
    };
    session.add_insight(fields, &stamp);
    let path = dir.path().join("ayr.ron");
    let file = SessionFile::from_sessions(vec![session]);
    crate::storage::save_file(&path, &file).unwrap();
    let before = std::fs::read_to_string(&path).unwrap();
    app.update(Action::ReviewOpened(vec![(path.clone(), file)]), at(0));
    let disk = FaultyDisk::failing(Step::Write, Fault::NoSpace);
    let mut runner = runner(&disk);

    let effects = app.update(Action::Star, at(1));
    assert_eq!(effects, [Effect::Save]);
    run(&mut app, effects, &mut runner);

    let SaveState::Failed(reason) = &app.save else {
        panic!("{:?}", app.save);
    };
    assert!(reason.starts_with("ayr.ron: writing failed: "), "{reason}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
    assert!(app.dirty(), "the star is still only in memory");
    assert!(status_line(&app).contains("NOT SAVED"));

    disk.clear();
    let effects = app.update(Action::Tick, at(2));
    run(&mut app, effects, &mut runner);
    assert!(matches!(app.save, SaveState::Saved(_)), "{:?}", app.save);
    let saved = crate::storage::load(&path).unwrap();
    assert!(saved.insights[0].starred, "{saved:?}");
    assert_eq!(
        crate::storage::atomic::faulty::names(dir.path()),
        ["ayr.ron"]
    );
}

/// The saving thread writes snapshots in the order asked, reports each with
/// the changes it covered, writes drafts on their own lane,
/// and `wait` returns once everything queued is on disk.
#[test]
fn the_saving_thread_writes_in_order_and_reports_what_each_save_covered() {
    use std::sync::Arc;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    let draft = dir.path().join("s.ron.draft");
    let mut session = crate::generate::session(crate::generate::Spec {
        insights: 200,
        seed: 3,
    });
    let mut saver = Saver::start(RealDisk, Timestamp::now);
    let snapshot = |session: &Session, edits| crate::app::Snapshot {
        path: path.clone(),
        edits,
        content: crate::app::Content::Session(Arc::new(session.clone())),
        touched: None,
    };
    saver.save(snapshot(&session, 1));
    saver.draft(draft.clone(), "half a line".into());
    let mut clock = crate::model::StampClock::new("test");
    clock.observe(&session.newest_stamp());
    session.title = "Renamed".into();
    session.modified = clock.stamp_at(Timestamp::now());
    saver.save(snapshot(&session, 2));
    saver.draft(draft.clone(), String::new());
    assert!(saver.busy());
    let done = saver.wait();
    assert!(!saver.busy());
    let covered: Vec<u64> = done.iter().map(|d| d.edits).collect();
    assert_eq!(covered, [1, 2]);
    assert!(done.iter().all(|d| d.result.is_ok()), "{done:?}");
    assert!(!draft.exists(), "the last draft, empty, removed the file");
    assert!(saver.finished().is_none());

    // The first save wrote the file; the second only what changed, to the
    // journal, which whoever owns the file next folds in.
    let on_disk = crate::storage::load(&path).unwrap();
    assert_ne!(on_disk.title, "Renamed", "the file itself is a save behind");
    let journal = std::fs::read_to_string(crate::storage::journal_path(&path)).unwrap();
    assert_eq!(journal.lines().count(), 1);
    let file = std::fs::metadata(&path).unwrap().len() as usize;
    assert!(
        journal.len() * 10 < file,
        "no insight changed: {} bytes",
        journal.len()
    );
    let owned = crate::storage::own(&path).unwrap();
    let Some(SessionFile::Single(folded)) = &owned.file else {
        panic!("one session")
    };
    assert_eq!(folded.title, "Renamed");
    assert_eq!(**folded, session);
    assert_eq!(
        crate::storage::load(&path).unwrap(),
        session,
        "written whole"
    );
    assert!(!crate::storage::has_journal(&path), "and the journal gone");
}
