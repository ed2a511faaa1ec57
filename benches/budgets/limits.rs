//! The budgets at the limits stb accepts (`stb::model::limits`): the
//! largest file, made of the longest insights, opens to its first frame in
//! under 2 s holding under 3× its size, and a key stays under a 16 ms frame
//! with the longest line on the capture line or in every review row.

use super::{Budget, Figure, Row, alone, common, heap_held, median, timed};
use ratatui::crossterm::event::KeyCode;
use stb::app::Action;
use stb::model::limits::{MAX_FILE_BYTES, MAX_TEXT_BYTES};
use std::hint::black_box;
use std::time::Instant;

/// An insight text of exactly the longest length, in words a search finds.
fn longest_text(n: usize) -> String {
    let mut text = format!("insight {n} ");
    while text.len() < MAX_TEXT_BYTES {
        text.push_str("minibus volunteers council ");
    }
    text.truncate(MAX_TEXT_BYTES);
    text.trim_end().to_owned()
}

/// A session of the longest insights, as many as fit in the largest file.
fn largest_session() -> stb::model::Session {
    let per_insight = MAX_TEXT_BYTES + 1_200;
    let insights = usize::try_from(MAX_FILE_BYTES).unwrap() / per_insight;
    let mut session = stb::generate::session(stb::generate::Spec { insights, seed: 7 });
    for (n, insight) in session.insights.iter_mut().enumerate() {
        insight.text = longest_text(n);
    }
    session.stage = stb::model::Stage::Question(2);
    session
}

pub fn at_the_limits(rows: &mut Vec<Row>) {
    let session = largest_session();
    let text = common::text(&session);
    assert!(text.len() as u64 <= MAX_FILE_BYTES, "{} bytes", text.len());
    let (_dir, path) = common::file_with(&text);
    let first_frame = alone(3, 20.0, || {
        let session = stb::storage::load(&path).unwrap();
        let app = common::opened(&path, session);
        let mut terminal = common::terminal();
        common::draw(&mut terminal, &app);
        app
    });
    let mb = text.len() / (1024 * 1024);
    let name = format!("open largest file ({mb} MB, 16 KiB texts) to first frame");
    rows.push(timed(&name, first_frame, None, Budget::Millis(2_000.0)));
    let (held, app) = heap_held(|| common::opened(&path, stb::storage::load(&path).unwrap()));
    rows.push(Row {
        operation: "heap: app open on the largest file / file size".into(),
        value: Figure::Bytes(held),
        floor: Some(Figure::Bytes(text.len())),
        budget: Budget::Ratio(3.0),
    });
    drop(app);

    let mut app = common::opened(&path, session.clone());
    app.update(
        Action::Paste(longest_text(0)[1..].to_owned()),
        common::now(),
    );
    rows.push(timed(
        "key on the capture line at 16 KiB, update+frame",
        keys(&mut app, 'x', 40),
        None,
        Budget::Millis(16.0),
    ));

    let mut app = common::querying(session, "minibu");
    rows.push(timed(
        "filter key, review of the largest file, update+frame",
        keys(&mut app, 's', 10),
        None,
        Budget::Millis(16.0),
    ));
}

/// The median time of `c` typed (update and a frame), then taken back.
pub(crate) fn keys(app: &mut stb::app::App, c: char, rounds: usize) -> std::time::Duration {
    let mut terminal = common::terminal();
    common::draw(&mut terminal, app);
    let mut times = Vec::new();
    for _ in 0..rounds {
        let start = Instant::now();
        black_box(app.update(common::key(KeyCode::Char(c)), common::now()));
        common::draw(&mut terminal, app);
        times.push(start.elapsed());
        app.update(common::key(KeyCode::Backspace), common::now());
        common::draw(&mut terminal, app);
    }
    median(times)
}
