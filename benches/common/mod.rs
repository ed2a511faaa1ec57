//! The inputs every bench measures, made by `stb::generate` (never a big
//! fixture on disk), and the apps they drive, built only through
//! `App::update` as the terminal loop builds them (see
//! `tests/render/fixtures.rs`).
//!
//! Merging has two shapes of input: `copies` of one workshop (the same
//! session id on each laptop, each copy editing and adding 1% of the
//! insights, different ones on each copy) and `workshops` (different sessions,
//! kept side by side).
#![allow(dead_code)] // each bench binary uses its own part of this

use jiff::Timestamp;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use stb::app::{Action, App, Config};
use stb::generate::Spec;
use stb::model::{InsightFields, Session, Stage, StampClock};
use stb::storage::SessionFile;
use std::path::{Path, PathBuf};

/// The size the budgets name.
pub const INSIGHTS: usize = 10_000;
/// The screen every frame is drawn on.
pub const WIDTH: u16 = 120;
pub const HEIGHT: u16 = 40;
/// One seed for every input, so a figure can be reproduced.
pub const SEED: u64 = 2026;

/// The app's clock while benchmarking: the evening of the generated day.
pub fn now() -> Timestamp {
    "2026-11-22T18:00:00Z".parse().unwrap()
}

pub fn config() -> Config {
    Config {
        sessions_dir: "/sessions".into(),
        bell: false,
        device: "bench".into(),
        time_zone: jiff::tz::TimeZone::UTC,
        palette: Default::default(),
    }
}

/// The generated 10,000-insight session, as generated (at its wrap-up).
pub fn session_10k() -> Session {
    stb::generate::session(Spec {
        insights: INSIGHTS,
        seed: SEED,
    })
}

/// The same session left on question 2, so opening it shows a question.
pub fn session_10k_on_question() -> Session {
    let mut session = session_10k();
    session.stage = Stage::Question(2);
    session
}

/// The file text of a session, as stb saves it.
pub fn text(session: &Session) -> String {
    stb::storage::to_ron(session)
}

/// A temp folder holding `text` as `session.ron`; keep the folder alive.
pub fn file_with(text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("session.ron");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

/// A fresh 120×40 test terminal, so a frame is drawn from scratch.
pub fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(WIDTH, HEIGHT)).unwrap()
}

/// One frame of `app` on `terminal`.
pub fn draw(terminal: &mut Terminal<TestBackend>, app: &App) {
    terminal.draw(|frame| stb::ui::render(app, frame)).unwrap();
}

/// The app with `session` opened, as the loop opens a file.
pub fn opened(path: &Path, session: Session) -> App {
    let mut app = App::new(config(), now());
    app.update(Action::Opened(Box::new((path.to_owned(), session))), now());
    app
}

/// The app reviewing `session` alone, the query line empty.
pub fn reviewing(session: Session) -> App {
    let mut app = App::new(config(), now());
    let files = vec![(
        PathBuf::from("/sessions/generated.ron"),
        SessionFile::Single(Box::new(session)),
    )];
    app.update(Action::ReviewOpened(files), now());
    app
}

pub fn key(code: KeyCode) -> Action {
    Action::Input(KeyEvent::new(code, KeyModifiers::NONE))
}

/// The review with the query line focused and `typed` typed into it.
pub fn querying(session: Session, typed: &str) -> App {
    let mut app = reviewing(session);
    app.update(Action::FocusQuery, now());
    for c in typed.chars() {
        app.update(key(KeyCode::Char(c)), now());
    }
    app
}

/// The query typed before the measured keystroke, and that keystroke:
/// a filter (`#food`, a tag prefix) and a search (a word, accent-folded).
pub const FILTER: (&str, char) = ("#foo", 'd');
pub const SEARCH: (&str, char) = ("gymune", 'd');

/// The review rows the query shows, to check a keystroke did refilter.
pub fn rows(app: &App) -> usize {
    match &app.screen {
        stb::app::Screen::Review(r) => r.rows.len(),
        _ => 0,
    }
}

/// `files` copies of one generated `insights`-insight workshop, as saved on
/// `files` laptops: the same session id, and each copy (its own device)
/// edits 1% of the insights (different ones on each copy) and adds 1% new.
pub fn copies(files: usize, insights: usize) -> Vec<Session> {
    let base = stb::generate::session(Spec {
        insights,
        seed: SEED,
    });
    let changes = (insights / 100).max(1);
    (0..files)
        .map(|k| {
            let mut copy = base.clone();
            let mut clock = StampClock::new(format!("laptop-{k}"));
            clock.observe(&copy.newest_stamp());
            for j in 0..changes {
                let target = &copy.insights[(k + j * files) % insights];
                let mut fields = target.fields();
                fields.text.push_str(&format!(" (edited on laptop {k})"));
                fields.starred = !fields.starred;
                let id = target.id;
                copy.edit_insight(id, fields, &clock.stamp_at(now()));
            }
            for j in 0..changes {
                let fields = InsightFields {
                    question: 1 + j % 4,
                    text: format!("Laptop {k} heard this late in the day, number {j}"),
                    tags: vec!["late".into()],
                    ..InsightFields::default()
                };
                copy.add_insight(fields, &clock.stamp_at(now()));
            }
            copy
        })
        .collect()
}

/// `files` different generated workshops of `insights` insights each.
pub fn workshops(files: usize, insights: usize) -> Vec<Session> {
    (0..files)
        .map(|k| {
            stb::generate::session(Spec {
                insights,
                seed: SEED + k as u64,
            })
        })
        .collect()
}

/// The saved text of each input file.
pub fn texts(sessions: &[Session]) -> Vec<String> {
    sessions.iter().map(text).collect()
}

/// Every input file parsed as the merge reads it (checked), one file each.
pub fn parse_inputs(texts: &[String]) -> Vec<Vec<Session>> {
    texts
        .iter()
        .map(|t| {
            stb::storage::parse_file(t, Path::new("input.ron"))
                .unwrap()
                .into_sessions()
        })
        .collect()
}

/// The floor of a merge: `ron` alone parsing every input.
pub fn ron_parse_inputs(texts: &[String]) -> Vec<Session> {
    texts
        .iter()
        .map(|t| ron::from_str::<Session>(t).unwrap())
        .collect()
}

/// What `stb merge` does short of writing: parse and check every input,
/// then merge.
pub fn load_and_merge(texts: &[String]) -> Vec<Session> {
    stb::merge::merge(&parse_inputs(texts))
}

/// The roster a capture line is parsed against, from a session.
pub fn roster(session: &Session) -> Vec<stb::capture::RosterName<'_>> {
    session
        .live_participants()
        .map(|p| stb::capture::RosterName {
            id: p.id,
            name: &p.name,
        })
        .collect()
}

/// Capture lines as typed in a room: plain, classified, attributed.
pub const LINES: &[&str] = &[
    "The council set up a phone line in Welsh and English and trust grew.",
    "Volunteers from the chapel ran a café #innovation #food #wellbeing",
    "@Siân Officers stopped asking for the paperwork before helping #adaptation #barrier",
    "Y cyngor cymuned funded small grants within a day — mae'r gymuned yn gryfach @Rhys #enabler #funding #welsh-language",
];
