//! Home and `stb list` on a folder of 100 sessions totalling 1 GB (issue
//! 14, point 2): the first frame within 200 ms whatever the folder holds,
//! the rest filled in after; `stb list`'s first line within 200 ms.
//!
//! The folder is one generated session of 8,800 insights (about 10 MB)
//! written 100 times, each copy with its own id, title and date, so the rows
//! sort as real ones would. The files stay in the page cache (24 GB of
//! memory here): the figures are for a folder read before, not a cold disk.
//! Before this change Home read every file in full before its first frame;
//! that is timed too (`storage::list_sessions`, which still does it).

use super::{Budget, Row, alone, common, timed};
use stb::app::{Action, App, Config, Screen};
use stb::runner::{Flow, Runner};
use stb::storage::RealDisk;
use std::io::BufRead;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const FILES: usize = 100;
const INSIGHTS: usize = 8_800;

/// The folder: `FILES` sessions of about 10 MB each.
fn folder() -> (tempfile::TempDir, u64) {
    let dir = tempfile::tempdir().unwrap();
    let session = stb::generate::session(stb::generate::Spec {
        insights: INSIGHTS,
        seed: common::SEED,
    });
    let text = common::text(&session);
    let id = format!("id: \"{}\"", session.id);
    let title = format!("title: \"{}", session.title);
    let date = format!("date: \"{}\"", session.date);
    let mut total = 0;
    for n in 0..FILES {
        let day = session.date - jiff::Span::new().days(n as i64);
        let copy = text
            .replacen(&id, &format!("id: \"{}\"", stb::model::new_id()), 1)
            .replacen(&title, &format!("title: \"{n}: {}", session.title), 1)
            .replacen(&date, &format!("date: \"{day}\""), 1);
        total += copy.len() as u64;
        std::fs::write(dir.path().join(format!("{day}-{n}.ron")), copy).unwrap();
    }
    (dir, total)
}

fn config(dir: &Path) -> Config {
    Config {
        sessions_dir: dir.to_owned(),
        ..common::config()
    }
}

/// Home opened on `dir` as `stb` with no arguments opens it, one frame drawn.
fn home_first_frame(dir: &Path) -> (App, Runner) {
    let mut app = App::new(config(dir), common::now());
    let mut runner = Runner::new(RealDisk, Box::new(|| {}), jiff::Timestamp::now);
    let effects = app.update(Action::Refresh, common::now());
    assert_eq!(runner.run(&mut app, effects), Flow::Go);
    let mut terminal = common::terminal();
    common::draw(&mut terminal, &app);
    (app, runner)
}

/// Polls the runner as the loop does until `done` holds; how long it took.
fn until(app: &mut App, runner: &mut Runner, done: impl Fn(&App) -> bool) -> Duration {
    let start = Instant::now();
    while !done(app) {
        std::thread::sleep(Duration::from_millis(1));
        runner.poll(app);
    }
    start.elapsed()
}

fn home(app: &App) -> &stb::app::Home {
    match &app.screen {
        Screen::Home(home) => home,
        _ => panic!("not on Home"),
    }
}

/// `stb list` on `dir`: until its first line, and until it ends.
fn stb_list(dir: &Path, whole: bool) -> (Duration, Duration) {
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_stb"))
        .arg("list")
        .env("STB_SESSIONS_DIR", dir)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let first_line = lines.next().unwrap().unwrap();
    let first = start.elapsed();
    assert!(first_line.contains("0: "), "{first_line}");
    if whole {
        assert_eq!(lines.count() + 1, FILES);
    } else {
        // Ours to end: the rest is measured once, in a run of its own.
        let _ = child.kill();
    }
    let _ = child.wait();
    (first, start.elapsed())
}

/// Forgets what earlier listings kept, so the next reads every file.
fn forget(dir: &Path) {
    let _ = std::fs::remove_file(dir.join(stb::storage::SUMMARIES_FILE));
}

pub fn home_and_list(rows: &mut Vec<Row>) {
    let (dir, bytes) = folder();
    let label = format!("{FILES} sessions, {:.2} GB", bytes as f64 / 1e9);
    let dir = dir.path();
    let first = alone(15, 10.0, || {
        forget(dir);
        home_first_frame(dir)
    });
    let name = format!("Home first frame, {label}, nothing kept");
    rows.push(timed(&name, first, None, Budget::Millis(200.0)));

    let mut heads = Vec::new();
    for _ in 0..5 {
        forget(dir);
        let (mut app, mut runner) = home_first_frame(dir);
        let known = |app: &App| home(app).listed.iter().all(|l| l.date().is_some());
        heads.push(until(&mut app, &mut runner, known));
    }
    heads.sort();
    let name = "  then every row's title, place and date (heads)";
    rows.push(timed(name, heads[heads.len() / 2], None, Budget::Info));

    forget(dir);
    let (mut app, mut runner) = home_first_frame(dir);
    let all = until(&mut app, &mut runner, |app| home(app).reading() == 0);
    let start = Instant::now();
    let listed = stb::storage::list_sessions(dir);
    let before = start.elapsed();
    assert_eq!(home(&app).listed, listed, "filled in as a full listing");
    let name = "  then every file read in full; floor: all read first (before)";
    rows.push(timed(name, all, Some(before), Budget::Info));
    drop((app, runner));

    // The reading above kept every summary: Home is whole at its first frame.
    let kept = alone(15, 5.0, || {
        let (app, runner) = home_first_frame(dir);
        assert_eq!(home(&app).reading(), 0, "every row known at once");
        (app, runner)
    });
    let name = "Home first frame, every summary kept, nothing to read";
    rows.push(timed(name, kept, None, Budget::Millis(200.0)));

    for kept in [false, true] {
        let mut first = Vec::new();
        for _ in 0..5 {
            if !kept {
                forget(dir);
            }
            first.push(stb_list(dir, false).0);
        }
        first.sort();
        let what = if kept { "kept" } else { "nothing kept" };
        let name = format!("stb list first line, {label}, {what}");
        rows.push(timed(&name, first[2], None, Budget::Millis(200.0)));
        if !kept {
            forget(dir);
        }
        let name = format!("  stb list to its last line, {what}");
        rows.push(timed(&name, stb_list(dir, true).1, None, Budget::Info));
    }
}
