//! Criterion timings of what touches session files, each beside its floor:
//! loading a 10,000-insight session (`parse_session` of its text, and the
//! whole `storage::load` from a file) against `ron` alone parsing the same
//! bytes; saving it (`to_ron`, and `storage::save`'s atomic write) against
//! `ron` alone serialising it; the capture-line parser; and merging
//! 100 × 1,000 insights (with 10 × 1,000 and 1,000 × 100 to see how it grows)
//! against `ron` parsing the inputs. Merging is measured on copies of one
//! workshop and on different workshops (see `common::copies`).
//!
//! `cargo bench --bench storage`; `benches/budgets.rs` turns these into ratios.

mod common;

use criterion::{BenchmarkGroup, Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

fn short(group: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>) {
    group
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
}

fn load(c: &mut Criterion) {
    let session = common::session_10k();
    let text = common::text(&session);
    let (_dir, path) = common::file_with(&text);
    eprintln!(
        "10k session file: {} bytes, {} insights",
        text.len(),
        session.insights.len()
    );
    let mut group = c.benchmark_group("load");
    short(&mut group);
    group.bench_function("parse_session", |b| {
        b.iter(|| stb::storage::parse_session(black_box(&text), Path::new("s.ron")).unwrap())
    });
    group.bench_function("storage_load", |b| {
        b.iter(|| stb::storage::load(black_box(&path)).unwrap())
    });
    group.finish();

    let mut group = c.benchmark_group("ron_floor");
    short(&mut group);
    group.bench_function("from_str_session", |b| {
        b.iter(|| ron::from_str::<stb::model::Session>(black_box(&text)).unwrap())
    });
    group.bench_function("from_str_value", |b| {
        b.iter(|| ron::from_str::<ron::Value>(black_box(&text)).unwrap())
    });
    group.bench_function("read_file", |b| {
        b.iter(|| std::fs::read_to_string(black_box(&path)).unwrap())
    });
    group.bench_function("to_string_pretty", |b| {
        let config = ron::ser::PrettyConfig::default().indentor("  ".to_owned());
        b.iter(|| ron::ser::to_string_pretty(black_box(&session), config.clone()).unwrap())
    });
    group.finish();
}

fn save(c: &mut Criterion) {
    let session = common::session_10k();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("session.ron");
    let mut group = c.benchmark_group("save");
    short(&mut group);
    group.bench_function("to_ron", |b| {
        b.iter(|| stb::storage::to_ron(black_box(&session)))
    });
    group.bench_function("storage_save", |b| {
        b.iter(|| stb::storage::save(&path, black_box(&session)).unwrap())
    });
    // What the app's saver does: check the disk for outside changes (one
    // stat when there are none), write, fingerprint what it wrote.
    let mut seen = stb::storage::Seen::default();
    group.bench_function("save_checked", |b| {
        b.iter(|| {
            let now = jiff::Timestamp::now();
            let disk = stb::storage::RealDisk;
            let checked = stb::saving::save_checked(&disk, &path, &session, &mut seen, now);
            assert!(checked.result.is_ok() && checked.merged.is_none());
        })
    });
    // A file changed outside stb before each save: read, parse, merge, write.
    let mut other = session.clone();
    other.title.push_str(" (edited)");
    let theirs = stb::storage::to_ron(&other);
    group.bench_function("save_checked_outside_change", |b| {
        b.iter(|| {
            std::fs::write(&path, &theirs).unwrap();
            let now = jiff::Timestamp::now();
            let disk = stb::storage::RealDisk;
            stb::saving::save_checked(&disk, &path, &session, &mut seen, now)
        })
    });
    group.finish();
}

fn capture_parse(c: &mut Criterion) {
    let session = common::session_10k();
    let roster = common::roster(&session);
    let mut group = c.benchmark_group("capture_parse");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(2));
    for (n, line) in common::LINES.iter().enumerate() {
        group.bench_function(format!("line_{n}"), |b| {
            b.iter(|| stb::capture::parse(black_box(line), &roster))
        });
    }
    group.finish();
}

/// One merge shape at one size: the merge step alone, parse-and-merge, and
/// the floor (`ron` parsing the inputs).
fn merge_case(c: &mut Criterion, shape: &str, files: usize, insights: usize) {
    let sessions = match shape {
        "copies" => common::copies(files, insights),
        _ => common::workshops(files, insights),
    };
    let texts = common::texts(&sessions);
    let inputs = common::parse_inputs(&texts);
    drop(sessions);
    let name = format!("merge_{files}x{insights}_{shape}");
    let mut group = c.benchmark_group(&name);
    short(&mut group);
    group.bench_function("merge", |b| {
        b.iter(|| stb::merge::merge(black_box(&inputs)))
    });
    group.bench_function("parse_and_merge", |b| {
        b.iter(|| common::load_and_merge(black_box(&texts)))
    });
    group.bench_function("ron_floor", |b| {
        b.iter(|| common::ron_parse_inputs(black_box(&texts)))
    });
    group.finish();
}

fn merge(c: &mut Criterion) {
    for shape in ["copies", "workshops"] {
        for (files, insights) in [(10, 1_000), (100, 1_000), (1_000, 100)] {
            merge_case(c, shape, files, insights);
        }
    }
}

criterion_group!(benches, load, save, capture_parse, merge);
criterion_main!(benches);
