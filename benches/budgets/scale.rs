//! Merging at any size (issue #14, point 1): one generated session merged
//! with itself, and with a copy differing by 1% (1% of its insights edited,
//! 1% added), at 1,000, 10,000 and 100,000 insights.
//!
//! Each row does what git's merge driver and `stb merge --base` do short
//! of writing, since that is the most any merge does: parse and check the
//! common ancestor and both sides, stamp hand edits against the ancestor,
//! merge, and build the report. Its floor is `ron` alone parsing the same
//! three texts, timed alternately in the same run. A quadratic step shows
//! twice here: in the ratio to parsing, which grows with the size, and in
//! the 10× rows, which pass only while 10× the input costs ≤ 11× the time
//! (the two sizes timed in turn, as the merge and its floor are, with
//! `ron`'s own growth beside it).
//! At 100,000 insights (a 114 MB file, past the loader's 64 MiB limit, so
//! parsed from memory) each run takes seconds: five runs there. These rows
//! print the fastest run, not the median (see `fastest`).

use super::{Budget, Row, alone, common, timed};
use stb::merge::{self, hand_edits, report};
use stb::model::Session;
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

/// The sizes, each 10× the one before, and how many runs each gets.
const SIZES: [(usize, usize, f64); 3] = [(1_000, 30, 5.0), (10_000, 10, 15.0), (100_000, 5, 0.0)];

/// One merge's three texts: the common ancestor and the two sides.
struct Texts {
    ancestor: String,
    ours: String,
    /// None: the same text as ours.
    theirs: Option<String>,
}

impl Texts {
    fn theirs(&self) -> &str {
        self.theirs.as_deref().unwrap_or(&self.ours)
    }

    fn all(&self) -> [&str; 3] {
        [&self.ancestor, &self.ours, self.theirs()]
    }
}

/// The session of `insights`, and (for the 1% shape) the copy.
fn texts(shape: &str, insights: usize) -> Texts {
    let base = common::text(&stb::generate::session(stb::generate::Spec {
        insights,
        seed: common::SEED,
    }));
    let theirs = (shape != "itself").then(|| common::text(&common::copies(1, insights)[0]));
    Texts {
        ancestor: base.clone(),
        ours: base,
        theirs,
    }
}

fn parse(text: &str) -> Vec<Session> {
    stb::storage::parse_file(text, Path::new("input.ron"))
        .unwrap()
        .into_sessions()
}

/// What a merge builds, kept until its clock has stopped.
type Built = (Vec<Session>, merge::Merged);

/// Everything a merge with an ancestor does short of writing the result.
fn whole(texts: &Texts) -> Built {
    let base = parse(&texts.ancestor);
    let mut inputs = vec![parse(&texts.ours), parse(texts.theirs())];
    for input in &mut inputs {
        hand_edits::restamp_hand_edits(&base, input, common::now());
    }
    let names = ["ours.ron".to_owned(), "theirs.ron".to_owned()];
    let merged = merge::merge_reported(&names, inputs, &base);
    (base, merged)
}

fn ron_parse(texts: &Texts) -> Vec<Session> {
    let all = texts.all().into_iter();
    all.map(|t| ron::from_str::<Session>(t).unwrap()).collect()
}

fn label(n: usize) -> String {
    format!("{}k", n / 1_000)
}

/// A timed operation; what it built is dropped after its clock stops.
type Op<'a> = Box<dyn FnMut() -> Box<dyn std::any::Any> + 'a>;

/// The fastest run of each of `ops`, run in turn (as `pair` runs two)
/// after one warm-up each, `runs` times or until `secs` have passed (at
/// least 5 times): a merge, its parsing floor and the merge a tenth the
/// size are timed side by side, so both ratios see the same load. The
/// fastest, not the median: these runs last seconds, and on a machine
/// shared with other builds a median of five still caught a compile
/// landing on some runs and not others (the same row read 1.05× and 2.04×
/// in two runs); load only ever adds time, so the fastest is the steadiest.
fn fastest(runs: usize, secs: f64, ops: &mut [Op<'_>]) -> Vec<Duration> {
    ops.iter_mut().for_each(|op| drop(black_box(op())));
    let mut best = vec![Duration::MAX; ops.len()];
    let start = Instant::now();
    let mut done = 0;
    while done < runs && (done < 5 || start.elapsed().as_secs_f64() < secs) {
        for (op, best) in ops.iter_mut().zip(&mut best) {
            let t = Instant::now();
            let built = black_box(op());
            *best = (*best).min(t.elapsed());
            drop(built);
        }
        done += 1;
    }
    best
}

pub fn merges(rows: &mut Vec<Row>) {
    for shape in ["itself", "1% copy"] {
        let mut smaller: Option<(usize, Texts)> = None;
        for (n, runs, secs) in SIZES {
            let texts = texts(shape, n);
            let mut ops: Vec<Op<'_>> = vec![
                Box::new(|| Box::new(whole(&texts))),
                Box::new(|| Box::new(ron_parse(&texts))),
            ];
            if let Some((_, small)) = &smaller {
                ops.push(Box::new(move || Box::new(whole(small))));
                ops.push(Box::new(move || Box::new(ron_parse(small))));
            }
            let times = fastest(runs, secs, &mut ops);
            drop(ops);
            let (op, floor) = (times[0], times[1]);
            let size = label(n);
            let name = format!("merge {size} with {shape}, ancestor: parse+merge+report");
            rows.push(timed(&name, op, Some(floor), Budget::Ratio(1.3)));
            steps(
                rows,
                &format!("{size} with {shape}"),
                &texts,
                floor,
                (runs, secs),
            );
            if let (Some((m, _)), [_, _, small, small_floor]) = (&smaller, times.as_slice()) {
                let name = format!("linear {shape}: merge {size} / {}", label(*m));
                rows.push(timed(&name, op, Some(*small), Budget::Ratio(11.0)));
                // How `ron` alone grows: past the caches, parsing itself
                // takes more than 10× for 10× the text.
                let name = format!("  linear {shape}: ron parse {size} / {}", label(*m));
                rows.push(timed(&name, floor, Some(*small_floor), Budget::Info));
                // And what "10× the input" is in bytes.
                let bytes = |t: &Texts| t.all().iter().map(|t| t.len()).sum::<usize>();
                let small_texts = &smaller.as_ref().expect("a smaller size").1;
                rows.push(Row {
                    operation: format!("  linear {shape}: input bytes {size} / {}", label(*m)),
                    value: super::Figure::Bytes(bytes(&texts)),
                    floor: Some(super::Figure::Bytes(bytes(small_texts))),
                    budget: Budget::Info,
                });
            }
            smaller = Some((n, texts));
        }
    }
}

/// The steps after parsing, each alone, beside the whole merge's floor.
fn steps(
    rows: &mut Vec<Row>,
    what: &str,
    texts: &Texts,
    floor: Duration,
    (runs, secs): (usize, f64),
) {
    let base = parse(&texts.ancestor);
    let inputs = vec![parse(&texts.ours), parse(texts.theirs())];
    let restamp = || {
        let mut inputs = inputs.clone();
        for input in &mut inputs {
            hand_edits::restamp_hand_edits(&base, input, common::now());
        }
        inputs
    };
    let clone = || inputs.clone();
    let (merged, agreed) = merge::merge_agreed(&inputs);
    let names = ["ours.ron".to_owned(), "theirs.ron".to_owned()];
    let owned = || merge::merge_reported(&names, inputs.clone(), &base);
    let steps: [(&str, Duration); 5] = [
        ("stamp hand edits, incl. clone", alone(runs, secs, restamp)),
        ("clone the inputs (subtract)", alone(runs, secs, clone)),
        (
            "merge step, inputs borrowed",
            alone(runs, secs, || merge::merge(&inputs)),
        ),
        (
            "report, inputs borrowed",
            alone(runs, secs, || {
                report::report_agreed(&names, &inputs, (&merged, &agreed), &base)
            }),
        ),
        (
            "merge + report, owned, incl. clone",
            alone(runs, secs, owned),
        ),
    ];
    for (step, d) in steps {
        let name = format!("  merge {what}: {step}");
        rows.push(timed(&name, d, Some(floor), Budget::Info));
    }
}
