//! Review of a project (issue #14, point 5): 50 workshops of 200 insights
//! each, opened together on the review screen as `stb review *.ron` opens
//! them (`runner::own_all` locks, reads, parses and checks each file, the
//! files shared among the cores; then the screen and its first frame)
//! within 1.3× of `ron` parsing the same texts one after another, timed
//! alternately; then a filter and a search keystroke on the query line
//! (update and frame) within 2 ms, and a frame of the compare view within
//! 1 ms.

use super::{Budget, Row, alone, common, limits::keys, pair, timed};
use ratatui::crossterm::event::KeyCode;
use stb::app::{Action, App};
use std::path::PathBuf;
use std::time::Duration;

const WORKSHOPS: usize = 50;
const INSIGHTS: usize = 200;

/// The app reviewing every file of `paths`, owned as the app owns them
/// (`runner::own_all`), after its first frame; the locks are held until
/// the result is dropped.
fn open(paths: &[PathBuf]) -> (App, Vec<stb::storage::Owned>) {
    let (files, owned) = stb::runner::own_all(paths).unwrap();
    let mut app = App::new(common::config(), common::now());
    app.update(Action::ReviewOpened(files), common::now());
    common::draw(&mut common::terminal(), &app);
    (app, owned)
}

pub fn review(rows: &mut Vec<Row>) {
    let texts = common::texts(&common::workshops(WORKSHOPS, INSIGHTS));
    let dir = tempfile::tempdir().unwrap();
    let paths: Vec<PathBuf> = (texts.iter().enumerate())
        .map(|(n, text)| {
            let path = dir.path().join(format!("workshop-{n:02}.ron"));
            std::fs::write(&path, text).unwrap();
            path
        })
        .collect();
    let floor = || common::ron_parse_inputs(&texts);
    let (op, base) = pair(15, 20.0, || open(&paths), floor);
    let what = format!("{WORKSHOPS}x{INSIGHTS}");
    let name = format!("review {what} workshops: open to first frame");
    rows.push(timed(&name, op, Some(base), Budget::Ratio(1.3)));

    steps(rows, &paths, &texts, base);

    for (label, (typed, c)) in [("filter", common::FILTER), ("search", common::SEARCH)] {
        let (mut app, _owned) = open(&paths);
        app.update(Action::FocusQuery, common::now());
        for c in typed.chars() {
            app.update(common::key(KeyCode::Char(c)), common::now());
        }
        let d = keys(&mut app, c, 60);
        let name = format!("review {what}: {label} keystroke ({typed}+{c}), update+frame");
        rows.push(timed(&name, d, None, Budget::Millis(2.0)));
    }

    let (mut app, _owned) = open(&paths);
    let frame = alone(200, 5.0, || common::draw(&mut common::terminal(), &app));
    let name = format!("  review {what}: frame of the insight list");
    rows.push(timed(&name, frame, None, Budget::Info));
    app.update(Action::NextView, common::now());
    app.update(Action::NextView, common::now());
    let frame = alone(200, 5.0, || common::draw(&mut common::terminal(), &app));
    let name = format!("review {what}: frame of the compare view");
    rows.push(timed(&name, frame, None, Budget::Millis(1.0)));
}

/// Where opening spends its time, each step beside the same floor.
fn steps(rows: &mut Vec<Row>, paths: &[PathBuf], texts: &[String], floor: Duration) {
    let own_all = || stb::runner::own_all(paths).unwrap();
    let parsed = || common::parse_inputs(texts);
    let opened = stb::runner::own_all(paths).unwrap().0;
    let screen = || {
        let mut app = App::new(common::config(), common::now());
        app.update(Action::ReviewOpened(opened.clone()), common::now());
        app
    };
    let clone = || opened.clone();
    let steps: [(&str, Duration); 4] = [
        (
            "runner::own_all (lock, read, parse, check)",
            alone(15, 5.0, own_all),
        ),
        ("parse and check each text", alone(15, 5.0, parsed)),
        ("update(ReviewOpened), incl. clone", alone(15, 5.0, screen)),
        ("clone (subtract from update)", alone(15, 5.0, clone)),
    ];
    for (step, d) in steps {
        let name = format!("  review {WORKSHOPS}x{INSIGHTS}: {step}");
        rows.push(timed(&name, d, Some(floor), Budget::Info));
    }
}
