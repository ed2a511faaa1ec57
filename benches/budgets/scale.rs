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
//! the 10× rows, which pass only while 10× the input costs ≤ 11× the time.
//! At 100,000 insights (a 114 MB file, past the loader's 64 MiB limit, so
//! parsed from memory) each run takes seconds: five runs there.

use super::{Budget, Row, alone, common, pair, timed};
use stb::merge::{self, hand_edits, report};
use stb::model::Session;
use std::path::Path;
use std::time::Duration;

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

/// Everything a merge with an ancestor does short of writing the result.
fn whole(texts: &Texts) -> (Vec<Session>, report::Report) {
    let base = parse(&texts.ancestor);
    let mut inputs = vec![parse(&texts.ours), parse(texts.theirs())];
    for input in &mut inputs {
        hand_edits::restamp_hand_edits(&base, input, common::now());
    }
    let merged = merge::merge(&inputs);
    let names = ["ours.ron".to_owned(), "theirs.ron".to_owned()];
    let report = report::report(&names, &inputs, &merged, &base);
    (merged, report)
}

fn ron_parse(texts: &Texts) -> Vec<Session> {
    let all = texts.all().into_iter();
    all.map(|t| ron::from_str::<Session>(t).unwrap()).collect()
}

fn label(n: usize) -> String {
    format!("{}k", n / 1_000)
}

pub fn merges(rows: &mut Vec<Row>) {
    for shape in ["itself", "1% copy"] {
        let mut smaller: Option<(usize, Duration)> = None;
        for (n, runs, secs) in SIZES {
            let texts = texts(shape, n);
            let (op, floor) = pair(runs, secs, || whole(&texts), || ron_parse(&texts));
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
            if let Some((m, before)) = smaller {
                let name = format!("linear {shape}: merge {size} / {}", label(m));
                rows.push(timed(&name, op, Some(before), Budget::Ratio(11.0)));
            }
            smaller = Some((n, op));
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
    let merged = merge::merge(&inputs);
    let names = ["ours.ron".to_owned(), "theirs.ron".to_owned()];
    let steps: [(&str, Duration); 4] = [
        ("stamp hand edits, incl. clone", alone(runs, secs, restamp)),
        ("clone the inputs (subtract)", alone(runs, secs, clone)),
        ("merge step", alone(runs, secs, || merge::merge(&inputs))),
        (
            "report",
            alone(runs, secs, || {
                report::report(&names, &inputs, &merged, &base)
            }),
        ),
    ];
    for (step, d) in steps {
        let name = format!("  merge {what}: {step}");
        rows.push(timed(&name, d, Some(floor), Budget::Info));
    }
}
