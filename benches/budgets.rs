//! The performance budgets, checked in one run: each stb operation is timed
//! beside its floor (what `ron` alone takes on the same bytes, or a smaller
//! input of the same operation), alternating the two so a noisy shared
//! machine slows both alike, and the medians are compared as a ratio.
//!
//! - open a 10,000-insight session to its first frame (read, parse, check,
//!   `App::update(Opened)`, one `ui::render` on a 120×40 `TestBackend`)
//!   ≤ 1.5× `ron` parsing the file's text;
//! - merge 100 files × 1,000 insights ≤ 2× `ron` parsing the inputs, and
//!   10× the input takes ≤ 11× the time;
//! - one frame ≤ 1 ms, one filter or search keystroke ≤ 5 ms, at 10,000;
//! - the heap a loaded session holds ≤ 3× the file's size, counted by a
//!   counting global allocator (`stats_alloc`: unsafe code is forbidden here);
//! - at the limits stb accepts, the largest file opens in ≤ 2 s holding ≤ 3×
//!   its size, and a key with the longest line stays ≤ 16 ms;
//! - the CPU an Enter costs, its save included, at 10,000 insights ≤ 2× at
//!   100 (the journal: `saving::journal`).
//! - the file takes ≤ 500 bytes an insight, shown beside format 2 with what
//!   parsing each costs (`STB_BUDGETS_ONLY=format` runs these rows alone).
//!
//! - Home on 100 sessions totalling 1 GB draws its first frame within
//!   200 ms, and `stb list` prints its first line within 200 ms.
//!
//! Rows whose budget is `-` are sub-steps and neighbours, printed to show
//! where time goes. `cargo bench --bench budgets`; with `STB_BUDGETS_STRICT=1`
//! a failed budget exits non-zero (off by default: a shared machine is noisy).

mod common;
#[path = "budgets/enter.rs"]
mod enter;
#[path = "budgets/format.rs"]
mod format;
#[path = "budgets/home.rs"]
mod home;
#[path = "budgets/limits.rs"]
mod limits;
#[path = "budgets/memory.rs"]
mod memory;
#[path = "budgets/print.rs"]
mod print;
#[path = "budgets/project.rs"]
mod project;
#[path = "budgets/scale.rs"]
mod scale;
#[path = "budgets/steps.rs"]
mod steps;

use ratatui::crossterm::event::KeyCode;
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};
use std::alloc::System;
use std::hint::black_box;
use std::time::{Duration, Instant};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// What a row promises.
#[derive(Clone, Copy)]
pub(crate) enum Budget {
    /// Median over floor median at most this.
    Ratio(f64),
    /// Median at most this many milliseconds.
    Millis(f64),
    /// A count (bytes an insight) at most this.
    AtMost(f64),
    /// Printed to explain the others.
    Info,
}

enum Figure {
    Time(Duration),
    Bytes(usize),
    /// A plain number, such as bytes an insight.
    Count(usize),
}

pub(crate) struct Row {
    operation: String,
    value: Figure,
    floor: Option<Figure>,
    budget: Budget,
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn show(f: &Figure) -> String {
    match f {
        Figure::Time(d) if ms(*d) < 1.0 => format!("{:.1} µs", d.as_secs_f64() * 1e6),
        Figure::Time(d) => format!("{:.2} ms", ms(*d)),
        Figure::Bytes(b) => format!("{:.2} MB", *b as f64 / 1e6),
        Figure::Count(n) => n.to_string(),
    }
}

fn number(f: &Figure) -> f64 {
    match f {
        Figure::Time(d) => d.as_secs_f64(),
        Figure::Bytes(b) | Figure::Count(b) => *b as f64,
    }
}

impl Row {
    fn ratio(&self) -> Option<f64> {
        self.floor.as_ref().map(|f| number(&self.value) / number(f))
    }

    /// None when the row has no budget.
    fn pass(&self) -> Option<bool> {
        match (self.budget, &self.value) {
            (Budget::Ratio(max), _) => self.ratio().map(|r| r <= max),
            (Budget::Millis(max), Figure::Time(d)) => Some(ms(*d) <= max),
            (Budget::AtMost(max), value) => Some(number(value) <= max),
            _ => None,
        }
    }
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// Medians of `op` and `floor`, run alternately after one warm-up each,
/// `runs` times or until `secs` have passed (at least 5 times).
pub(crate) fn pair<A, B>(
    runs: usize,
    secs: f64,
    mut op: impl FnMut() -> A,
    mut floor: impl FnMut() -> B,
) -> (Duration, Duration) {
    black_box(op());
    black_box(floor());
    let (mut a, mut b) = (Vec::new(), Vec::new());
    let start = Instant::now();
    while a.len() < runs && (a.len() < 5 || start.elapsed().as_secs_f64() < secs) {
        // What each run built is dropped after its clock stops.
        let t = Instant::now();
        let built = black_box(op());
        a.push(t.elapsed());
        drop(built);
        let t = Instant::now();
        let built = black_box(floor());
        b.push(t.elapsed());
        drop(built);
    }
    (median(a), median(b))
}

/// The median of `op` alone.
pub(crate) fn alone<A>(runs: usize, secs: f64, op: impl FnMut() -> A) -> Duration {
    pair(runs, secs, op, || ()).0
}

pub(crate) fn timed(
    operation: &str,
    value: Duration,
    floor: Option<Duration>,
    budget: Budget,
) -> Row {
    Row {
        operation: operation.into(),
        value: Figure::Time(value),
        floor: floor.map(Figure::Time),
        budget,
    }
}

/// Net heap bytes still held after `make` returns what it built.
fn heap_held<T>(make: impl FnOnce() -> T) -> (usize, T) {
    let region = Region::new(GLOBAL);
    let kept = make();
    let change = region.change();
    (change.bytes_allocated - change.bytes_deallocated, kept)
}

/// Opening a 10k session file to its first frame, and its sub-steps.
fn open(rows: &mut Vec<Row>, label: &str, session: stb::model::Session) {
    let text = common::text(&session);
    let (_dir, path) = common::file_with(&text);
    let floor = || ron::from_str::<stb::model::Session>(&text).unwrap();
    let first_frame = || {
        let session = stb::storage::load(&path).unwrap();
        let app = common::opened(&path, session);
        let mut terminal = common::terminal();
        common::draw(&mut terminal, &app);
        app
    };
    let (op, base) = pair(15, 20.0, first_frame, floor);
    let name = format!("open 10k {label} to first frame");
    rows.push(timed(&name, op, Some(base), Budget::Ratio(1.5)));

    let parsed = floor();
    let steps: [(&str, Duration); 5] = [
        (
            "read file",
            alone(15, 3.0, || std::fs::read_to_string(&path).unwrap()),
        ),
        (
            "storage::load (read+parse+check)",
            alone(15, 10.0, || stb::storage::load(&path).unwrap()),
        ),
        ("check: problems()", alone(15, 5.0, || parsed.problems())),
        (
            "update(Opened)",
            alone(15, 5.0, || common::opened(&path, parsed.clone())),
        ),
        (
            "clone (subtract from update)",
            alone(15, 5.0, || parsed.clone()),
        ),
    ];
    for (step, d) in steps {
        rows.push(timed(
            &format!("  {label}: {step}"),
            d,
            Some(base),
            Budget::Info,
        ));
    }
    let app = common::opened(&path, parsed);
    let frame = alone(200, 5.0, || {
        let mut terminal = common::terminal();
        common::draw(&mut terminal, &app);
    });
    let name = format!("frame: {label} 10k, 120x40");
    rows.push(timed(&name, frame, None, Budget::Millis(1.0)));
}

fn frames_and_keys(rows: &mut Vec<Row>) {
    let review = common::reviewing(common::session_10k());
    let frame = alone(200, 5.0, || {
        let mut terminal = common::terminal();
        common::draw(&mut terminal, &review);
    });
    rows.push(timed(
        "frame: review 10k, query empty",
        frame,
        None,
        Budget::Millis(1.0),
    ));
    drop(review);
    for (label, (typed, c)) in [("filter", common::FILTER), ("search", common::SEARCH)] {
        let mut app = common::querying(common::session_10k(), typed);
        let mut terminal = common::terminal();
        common::draw(&mut terminal, &app);
        let mut update_only = Vec::new();
        let mut with_frame = Vec::new();
        for round in 0..60 {
            let start = Instant::now();
            black_box(app.update(common::key(KeyCode::Char(c)), common::now()));
            let updated = start.elapsed();
            common::draw(&mut terminal, &app);
            if round > 0 {
                update_only.push(updated);
                with_frame.push(start.elapsed());
            }
            app.update(common::key(KeyCode::Backspace), common::now());
            common::draw(&mut terminal, &app);
        }
        let name = format!("{label} keystroke 10k ({typed}+{c}), update+frame");
        rows.push(timed(&name, median(with_frame), None, Budget::Millis(5.0)));
        let name = format!("  {label} keystroke: update (refilter) only");
        rows.push(timed(&name, median(update_only), None, Budget::Info));
    }
}

fn inputs(
    shape: &str,
    files: usize,
    insights: usize,
) -> (Vec<String>, Vec<Vec<stb::model::Session>>) {
    let sessions = match shape {
        "copies" => common::copies(files, insights),
        _ => common::workshops(files, insights),
    };
    let texts = common::texts(&sessions);
    let parsed = common::parse_inputs(&texts);
    (texts, parsed)
}

fn merges(rows: &mut Vec<Row>) {
    for shape in ["copies", "workshops"] {
        let (texts, parsed) = inputs(shape, 100, 1_000);
        let floor = || common::ron_parse_inputs(&texts);
        let (merge, base) = pair(7, 30.0, || stb::merge::merge(&parsed), floor);
        let name = format!("merge 100x1000 {shape}: merge step");
        rows.push(timed(&name, merge, Some(base), Budget::Ratio(2.0)));
        let (whole, base2) = pair(7, 30.0, || common::load_and_merge(&texts), floor);
        let name = format!("merge 100x1000 {shape}: parse+check+merge");
        rows.push(timed(&name, whole, Some(base2), Budget::Ratio(2.0)));
        drop(parsed);

        let (small_texts, small) = inputs(shape, 10, 1_000);
        let small_merge = alone(30, 10.0, || stb::merge::merge(&small));
        let small_whole = alone(30, 10.0, || common::load_and_merge(&small_texts));
        let name = format!("  merge 10x1000 {shape}: merge step");
        rows.push(timed(&name, small_merge, None, Budget::Info));
        let name = format!("linear {shape}: merge step 100x1000 / 10x1000");
        rows.push(timed(&name, merge, Some(small_merge), Budget::Ratio(11.0)));
        let name = format!("linear {shape}: parse+merge 100x1000 / 10x1000");
        rows.push(timed(&name, whole, Some(small_whole), Budget::Ratio(11.0)));

        let (_, many) = inputs(shape, 1_000, 100);
        let many_merge = alone(7, 30.0, || stb::merge::merge(&many));
        let name = format!("  {shape}: merge step 1000x100 / 100x1000 (same input)");
        rows.push(timed(&name, many_merge, Some(merge), Budget::Info));
    }
}

fn main() {
    // `cargo bench` passes `--bench`; a name filter is not supported here,
    // but `STB_BUDGETS_ONLY=format` runs the file format's rows alone.
    let mut rows = Vec::new();
    // `STB_BUDGETS_ONLY=enter` (or format, home, limits, open, keys, merges, memory,
    // steps, scale, project) runs one group, to measure a change quickly.
    let only = std::env::var("STB_BUDGETS_ONLY").unwrap_or_default();
    let runs = |group: &str| only.is_empty() || only == group;
    if runs("format") {
        format::old_and_new(&mut rows);
    }
    if runs("memory") {
        memory::memory(&mut rows);
    }
    if runs("open") {
        open(&mut rows, "wrap-up", common::session_10k());
        open(&mut rows, "question", common::session_10k_on_question());
    }
    if runs("keys") {
        frames_and_keys(&mut rows);
    }
    if runs("merges") {
        merges(&mut rows);
    }
    if runs("home") {
        home::home_and_list(&mut rows);
    }
    if runs("limits") {
        limits::at_the_limits(&mut rows);
    }
    if runs("enter") {
        enter::enters(&mut rows);
    }
    if runs("steps") {
        steps::neighbours(&mut rows);
        steps::where_time_goes(&mut rows);
    }
    if runs("scale") {
        scale::merges(&mut rows);
    }
    if runs("project") {
        project::review(&mut rows);
    }
    let all_pass = print::print(&rows);
    let strict = std::env::var("STB_BUDGETS_STRICT").is_ok_and(|v| v == "1");
    if !all_pass {
        println!(
            "\nSome budgets failed{}.",
            if strict {
                ""
            } else {
                " (set STB_BUDGETS_STRICT=1 to fail the run)"
            }
        );
        if strict {
            std::process::exit(1);
        }
    }
}
