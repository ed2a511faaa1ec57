//! Home through the runner, as the loop lives it: the folder listed by name
//! at once, the heads and the whole files read after on the runner's thread,
//! odd and hostile files listed as unreadable without holding up the rest,
//! and files read once a run unless they change.

use super::tests::{at, config};
use super::*;
use crate::app::Screen;
use crate::model::{InsightFields, Session, SessionDetails, StampClock};
use crate::storage::{Known, SessionFile};

fn session(title: &str, day: i8, insights: usize) -> Session {
    let mut clock = StampClock::new("test");
    let details = SessionDetails {
        title: title.into(),
        date: jiff::civil::date(2026, 11, day),
        ..Default::default()
    };
    let mut session = Session::new(details, clock.stamp_at(at(0)));
    for n in 0..insights {
        let said = InsightFields {
            question: 1,
            text: format!("insight {n}"),
            ..Default::default()
        };
        session.add_insight(said, &clock.stamp_at(at(1)));
    }
    session
}

fn home_rows(app: &App) -> &[storage::Listed] {
    match &app.screen {
        Screen::Home(home) => &home.listed,
        _ => panic!("not on Home"),
    }
}

/// A folder of two good sessions, a merge of two workshops, and files that
/// are odd on purpose.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name);
    storage::save(&path("newer.ron"), &session("Newer", 20, 3)).unwrap();
    storage::save(&path("older.ron"), &session("Older", 10, 1)).unwrap();
    let mut other = session("Other", 15, 2);
    other.id = crate::model::new_id();
    let merged = SessionFile::from_sessions(vec![session("One", 12, 1), other]);
    storage::save_file(&path("merged.ron"), &merged).unwrap();
    // A good head on a body cut short: details first, unreadable after.
    let good = storage::to_ron(&session("Cut short", 25, 5));
    std::fs::write(path("cut.ron"), &good[..good.len() / 2]).unwrap();
    std::fs::write(path("junk.ron"), b"\x00\xff\xfe not a session").unwrap();
    // Far larger than any session, and sparse: refused unread.
    let huge = std::fs::File::create(path("huge.ron")).unwrap();
    huge.set_len(storage::MAX_FILE_BYTES + 1).unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("/dev/zero", path("zero.ron")).unwrap();
        let made = std::process::Command::new("mkfifo")
            .arg(path("fifo.ron"))
            .status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    }
    dir
}

#[test]
fn home_lists_names_at_once_and_fills_in_from_the_runner() {
    let dir = folder();
    let mut app = App::new(config(dir.path()), at(0));
    let mut runner = Runner::new(storage::RealDisk, Box::new(|| {}), Timestamp::now);
    let effects = app.update(Action::Refresh, at(0));
    assert_eq!(runner.run(&mut app, effects), Flow::Go);
    // Only regular files are listed; none of them has been read yet.
    let rows = home_rows(&app);
    assert_eq!(rows.len(), 6, "{rows:#?}");
    assert!(rows.iter().all(|r| !r.is_read()), "{rows:#?}");
    assert_eq!(runner.settle(&mut app), Flow::Go);
    let rows = home_rows(&app);
    let titles: Vec<_> = rows
        .iter()
        .map(|r| match &r.known {
            Known::Read(Ok(s)) => format!("{} {}", s.title, s.insights),
            Known::Read(Err(_)) => {
                format!("unreadable {}", r.path.file_name().unwrap().display())
            }
            other => panic!("still not read: {other:?}"),
        })
        .collect();
    assert_eq!(titles[..3], ["Newer 3", "2 workshops merged 3", "Older 1"]);
    let mut unreadable = titles[3..].to_vec();
    unreadable.sort();
    assert_eq!(
        unreadable,
        [
            "unreadable cut.ron",
            "unreadable huge.ron",
            "unreadable junk.ron"
        ]
    );
    // The same as reading every file in full, one after another.
    let full = storage::list_sessions(dir.path());
    assert_eq!(home_rows(&app), full.as_slice());
}

#[test]
fn a_file_read_once_is_not_read_again_until_it_changes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.ron");
    storage::save(&path, &session("A", 20, 2)).unwrap();
    let mut app = App::new(config(dir.path()), at(0));
    let mut runner = Runner::new(storage::RealDisk, Box::new(|| {}), Timestamp::now);
    let effects = app.update(Action::Refresh, at(0));
    runner.run(&mut app, effects);
    runner.settle(&mut app);
    assert!(home_rows(&app)[0].is_read());
    // Listed again: known at once, and nothing left to read.
    let effects = app.update(Action::Refresh, at(1));
    runner.run(&mut app, effects);
    assert!(home_rows(&app)[0].is_read());
    assert!(!runner.busy(), "nothing to read");
    // Changed (a different size): read again, and the new count shows.
    storage::save(&path, &session("A", 20, 7)).unwrap();
    let effects = app.update(Action::Refresh, at(2));
    runner.run(&mut app, effects);
    assert!(!home_rows(&app)[0].is_read());
    runner.settle(&mut app);
    let summary = home_rows(&app)[0].summary().unwrap().as_ref().unwrap();
    assert_eq!(summary.insights, 7);
}

#[test]
fn opening_a_session_stops_the_reading() {
    let dir = folder();
    let mut app = App::new(config(dir.path()), at(0));
    let mut runner = Runner::new(storage::RealDisk, Box::new(|| {}), Timestamp::now);
    let effects = app.update(Action::Refresh, at(0));
    runner.run(&mut app, effects);
    runner.run(&mut app, vec![Effect::Open(dir.path().join("older.ron"))]);
    assert!(app.workshop().is_some());
    assert!(!runner.busy(), "the folder is no longer read");
    runner.settle(&mut app);
    assert!(app.workshop().is_some());
}
