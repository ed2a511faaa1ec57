//! The CPU an Enter costs, its save included, at 100 and at 10,000
//! insights: the real app and the real runner (saving threads and all) on
//! a temp folder, CPU time summed over every thread of this process
//! (`/proc/self/task/*/schedstat`, nanoseconds), so the save done off the
//! keystroke path counts too. Budget: 10,000 at most 2× 100.

use super::{Budget, Row, common, timed};
use ratatui::crossterm::event::KeyCode;
use stb::app::{Action, App, Effect};
use stb::runner::{Flow, Runner};
use std::time::Duration;

const ENTERS: usize = 40;

/// CPU time used so far by every thread of this process.
fn cpu() -> Duration {
    let mut ns: u64 = 0;
    if let Ok(tasks) = std::fs::read_dir("/proc/self/task") {
        for task in tasks.flatten() {
            let stat = std::fs::read_to_string(task.path().join("schedstat")).unwrap_or_default();
            ns += stat
                .split_whitespace()
                .next()
                .and_then(|n| n.parse::<u64>().ok())
                .unwrap_or(0);
        }
    }
    Duration::from_nanos(ns)
}

/// The median CPU of one Enter (the line typed beforehand not counted) in
/// a session of `insights`, over [`ENTERS`] lines.
fn enter_cpu(insights: usize) -> Duration {
    let dir = tempfile::tempdir().unwrap();
    let mut config = common::config();
    config.sessions_dir = dir.path().to_owned();
    let mut app = App::new(config, common::now());
    let mut session = stb::generate::session(stb::generate::Spec {
        insights,
        seed: common::SEED,
    });
    session.stage = stb::model::Stage::Question(1);
    let mut runner = Runner::new(
        stb::storage::RealDisk,
        Box::new(|| {}),
        jiff::Timestamp::now,
    );
    assert_eq!(
        runner.run(&mut app, vec![Effect::Create(Box::new(session))]),
        Flow::Go
    );
    let mut times = Vec::new();
    for n in 0..ENTERS {
        for c in format!("line {n} said in the room").chars() {
            let effects = app.update(common::key(KeyCode::Char(c)), jiff::Timestamp::now());
            runner.run(&mut app, effects);
        }
        runner.settle(&mut app);
        let before = cpu();
        let wall = std::time::Instant::now();
        let effects = app.update(Action::Submit, jiff::Timestamp::now());
        let updated = wall.elapsed();
        runner.run(&mut app, effects);
        let ran = cpu() - before;
        runner.settle(&mut app);
        times.push(cpu() - before);
        if std::env::var_os("STB_ENTER_DEBUG").is_some() {
            eprintln!(
                "{insights}: update {updated:?} run {ran:?} all {:?}",
                cpu() - before
            );
        }
        assert!(!app.dirty(), "each Enter saved");
    }
    if std::env::var_os("STB_ENTER_DEBUG").is_some() {
        let path = app.workshop().unwrap().path.clone();
        let journal =
            std::fs::read_to_string(stb::storage::journal_path(&path)).unwrap_or_default();
        eprintln!(
            "{insights}: journal lines {} bytes {}",
            journal.lines().count(),
            journal.len()
        );
    }
    if std::env::var_os("STB_ENTER_DEBUG").is_some() {
        let session = std::sync::Arc::clone(&app.workshop().unwrap().session);
        let newest = session.newest_stamp();
        let wall = std::time::Instant::now();
        for _ in 0..20 {
            std::hint::black_box(stb::merge::journal::changed_since(&session, &newest));
        }
        eprintln!("{insights}: changed_since {:?}", wall.elapsed() / 20);
    }
    times.sort();
    times[times.len() / 2]
}

pub fn enters(rows: &mut Vec<Row>) {
    let small = enter_cpu(100);
    let large = enter_cpu(common::INSIGHTS);
    rows.push(timed(
        "Enter CPU incl. save, 10k / 100 insights",
        large,
        Some(small),
        Budget::Ratio(2.0),
    ));
}
