//! Criterion timings of the screens at 10,000 insights, on a 120×40
//! `TestBackend`: one frame of the question screen and of the review screen
//! (query empty), each drawn on a fresh terminal so every cell is flushed
//! (the worst frame, not an unchanged redraw); and one keystroke into the
//! review's query line, a filter (`#foo` → `#food`) and a search (`gymune`
//! → `gymuned`): the `update` that refilters, and that update plus the frame
//! after it. The budgets: a frame ≤ 1 ms, a keystroke ≤ 5 ms.
//!
//! `cargo bench --bench screens`.

mod common;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use ratatui::crossterm::event::KeyCode;
use stb::app::{Action, App};
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

fn render(c: &mut Criterion) {
    let path = Path::new("/sessions/generated.ron");
    let question = common::opened(path, common::session_10k_on_question());
    let wrap_up = common::opened(path, common::session_10k());
    let review = common::reviewing(common::session_10k());
    let mut group = c.benchmark_group("render");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    for (name, app) in [
        ("render_question_10k", &question),
        ("render_wrap_up_10k", &wrap_up),
        ("render_review_10k", &review),
    ] {
        group.bench_function(name, |b| {
            b.iter_batched_ref(
                common::terminal,
                |terminal| common::draw(terminal, black_box(app)),
                BatchSize::SmallInput,
            )
        });
    }
    group.finish();
}

/// Times only the measured key: each round types it, then (untimed)
/// Backspace puts the query back, so every round starts from `typed`.
fn keystroke(app: &mut App, c: char, with_frame: bool, iters: u64) -> Duration {
    let mut terminal = common::terminal();
    let mut total = Duration::ZERO;
    for _ in 0..iters {
        let start = Instant::now();
        black_box(app.update(common::key(KeyCode::Char(c)), common::now()));
        if with_frame {
            common::draw(&mut terminal, app);
        }
        total += start.elapsed();
        app.update(common::key(KeyCode::Backspace), common::now());
    }
    total
}

fn query(c: &mut Criterion) {
    for (name, (typed, c_key)) in [
        ("filter_10k", common::FILTER),
        ("search_10k", common::SEARCH),
    ] {
        let mut app = common::querying(common::session_10k(), typed);
        let before = common::rows(&app);
        app.update(common::key(KeyCode::Char(c_key)), common::now());
        eprintln!(
            "{name}: {typed:?} shows {before} rows, +{c_key:?} shows {}",
            common::rows(&app)
        );
        app.update(common::key(KeyCode::Backspace), common::now());
        let mut group = c.benchmark_group(name);
        group
            .sample_size(20)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(3));
        group.bench_function("update", |b| {
            b.iter_custom(|iters| keystroke(&mut app, c_key, false, iters))
        });
        group.bench_function("update_and_frame", |b| {
            b.iter_custom(|iters| keystroke(&mut app, c_key, true, iters))
        });
        group.finish();
    }
}

/// A letter typed on the capture line of a question at 10,000 insights,
/// and an Enter there: `update` and the frame after it, through the
/// painter and `FrameCache` the terminal loop keeps between frames, as
/// `stb open` draws (so rows kept are left alone, the rest diffed against
/// the last frame and turned into the terminal's bytes). Back to back, so
/// the caches are warm: between keys typed by a person the same frame took
/// about twice as long in a probe.
fn capture(c: &mut Criterion) {
    let path = Path::new("/sessions/generated.ron");
    let mut app = common::opened(path, common::session_10k_on_question());
    let mut painter = stb::runtime::painter::Painter::default();
    let mut cache = stb::ui::FrameCache::default();
    let mut bytes = Vec::new();
    let size = ratatui::layout::Size {
        width: 120,
        height: 40,
    };
    let mut draw = |app: &App| {
        bytes.clear();
        painter.paint(
            size,
            |canvas| stb::ui::draw(app, canvas, &mut cache),
            &mut bytes,
        );
        black_box(&bytes);
    };
    draw(&app);
    let mut group = c.benchmark_group("capture_10k");
    group
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    group.bench_function("letter_and_frame", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let start = Instant::now();
                black_box(app.update(common::key(KeyCode::Char('w')), common::now()));
                draw(&app);
                total += start.elapsed();
                app.update(common::key(KeyCode::Backspace), common::now());
                draw(&app);
            }
            total
        })
    });
    let before = app.workshop().map(|w| w.session.insights.len());
    group.bench_function("enter_and_frame", |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                for c in "the hub kept going".chars() {
                    app.update(common::key(KeyCode::Char(c)), common::now());
                    draw(&app);
                }
                let start = Instant::now();
                black_box(app.update(Action::Submit, common::now()));
                draw(&app);
                total += start.elapsed();
            }
            total
        })
    });
    let after = app.workshop().map(|w| w.session.insights.len());
    assert!(after > before, "each Enter added an insight");
    group.finish();
}

criterion_group!(benches, render, query, capture);
criterion_main!(benches);
