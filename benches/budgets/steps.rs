//! The budgets run's explanatory rows (no budgets of their own): saving and
//! the capture parser beside their neighbours, and the sub-steps that a
//! failing or tight budget spends its time in, each timed through the
//! library's public API: a keystroke's refilter (`Query::matches` and the
//! tally over 10,000 insights, the participant lookup both make per
//! insight, folding tags), and a merge's per-file cost once the accumulated
//! merge has grown (`merge_pair` late in the merge vs early); the wrap-up
//! frame with nothing starred or nobody attributed, to price its starred
//! list and its per-insight participant lookups; and the RFC 3339 stamps
//! that make up much of what `ron` parses in a session file.

use super::{Budget, Row, alone, common, pair, timed};
use stb::review::{Query, Tally, searchable};
use std::hint::black_box;

pub fn neighbours(rows: &mut Vec<Row>) {
    let session = common::session_10k();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("session.ron");
    let config = ron::ser::PrettyConfig::default().indentor("  ".to_owned());
    let floor = || ron::ser::to_string_pretty(&session, config.clone()).unwrap();
    let (to_ron, base) = pair(15, 10.0, || stb::storage::to_ron(&session), floor);
    let name = "save 10k: to_ron / ron to_string_pretty";
    rows.push(timed(name, to_ron, Some(base), Budget::Info));
    let save = || stb::storage::save(&path, &session).unwrap();
    let (save, base) = pair(15, 10.0, save, floor);
    let name = "save 10k: storage::save (to_ron+atomic write)";
    rows.push(timed(name, save, Some(base), Budget::Info));
    let text = common::text(&session);
    let write = || std::fs::write(&path, &text).unwrap();
    let (write, base) = pair(15, 10.0, write, floor);
    let name = "  save 10k: plain fs::write, no fsync";
    rows.push(timed(name, write, Some(base), Budget::Info));
    let roster = common::roster(&session);
    for (n, line) in common::LINES.iter().enumerate() {
        let d = alone(2_000, 2.0, || stb::capture::parse(line, &roster));
        let name = format!("capture::parse line {n} ({} roster)", roster.len());
        rows.push(timed(&name, d, None, Budget::Info));
    }
}

pub fn where_time_goes(rows: &mut Vec<Row>) {
    let session = common::session_10k();
    let folded: Vec<String> = session.insights.iter().map(searchable).collect();

    // Every insight looks up its participant: a linear scan of the roster.
    let linear = || {
        let found = session.insights.iter().filter_map(|i| i.participant);
        found.filter(|&p| session.participant(p).is_some()).count()
    };
    let sorted = || {
        let found = session.insights.iter().filter_map(|i| i.participant);
        let by_id = |p| session.participants.binary_search_by_key(&p, |x| x.id);
        found.filter(|&p| by_id(p).is_ok()).count()
    };
    let (a, b) = pair(50, 5.0, linear, sorted);
    let name = format!(
        "10k participant lookups, linear / binary search ({} roster)",
        session.participants.len()
    );
    rows.push(timed(&name, a, Some(b), Budget::Info));

    for (label, (typed, c)) in [("filter", common::FILTER), ("search", common::SEARCH)] {
        let query = Query::parse(&format!("{typed}{c}"));
        let matches = || {
            let mut n = 0;
            for (insight, text) in session.insights.iter().zip(&folded) {
                n += usize::from(query.matches(&session, insight, text));
            }
            n
        };
        let d = alone(50, 5.0, matches);
        let name = format!("  {label} refilter: Query::matches x10k");
        rows.push(timed(&name, d, None, Budget::Info));
        let shown: Vec<_> = (session.insights.iter().zip(&folded))
            .filter(|(i, t)| query.matches(&session, i, t))
            .map(|(i, _)| i)
            .collect();
        let tally = || {
            let mut tally = Tally::default();
            shown.iter().for_each(|i| tally.add(&session, i));
            tally
        };
        let d = alone(50, 5.0, tally);
        let name = format!("  {label} refilter: Tally::add x{} shown", shown.len());
        rows.push(timed(&name, d, None, Budget::Info));
    }
    let fold_tags = || {
        let tags = session.insights.iter().flat_map(|i| &i.tags);
        tags.map(|t| stb::review::fold(t).len()).sum::<usize>()
    };
    let d = alone(50, 5.0, fold_tags);
    rows.push(timed(
        "  fold every tag of 10k (per #tag filter)",
        d,
        None,
        Budget::Info,
    ));

    // Merging copies folds them pairwise: late pairs carry the grown merge.
    let copies = common::copies(100, 1_000);
    let merged = stb::merge::merge(&[copies[..99].to_vec()]).remove(0);
    let late = || stb::merge::merge_pair(&merged, &copies[99]);
    let early = || stb::merge::merge_pair(&copies[0], &copies[1]);
    let (late, early) = pair(30, 5.0, late, early);
    let name = format!(
        "  merge_pair: 99 merged ({} ins) + 1, / first pair",
        merged.insights.len()
    );
    rows.push(timed(&name, late, Some(early), Budget::Info));
    let canonical = || stb::merge::canonical(copies[0].clone());
    let d = alone(30, 5.0, canonical);
    rows.push(timed(
        "  merge::canonical of one copy (incl. clone)",
        d,
        None,
        Budget::Info,
    ));
    black_box(merged);

    let frame = |edit: fn(&mut stb::model::Insight)| {
        let mut session = common::session_10k();
        session.insights.iter_mut().for_each(edit);
        let app = common::opened(std::path::Path::new("/s.ron"), session);
        alone(100, 3.0, || common::draw(&mut common::terminal(), &app))
    };
    let as_made = frame(|_| ());
    let unstarred = frame(|i| i.starred = false);
    let anonymous = frame(|i| i.participant = None);
    let name = "  wrap-up frame, nothing starred / as generated";
    rows.push(timed(name, unstarred, Some(as_made), Budget::Info));
    let name = "  wrap-up frame, nobody attributed / as generated";
    rows.push(timed(name, anonymous, Some(as_made), Budget::Info));

    // Nine stamps per insight: each an RFC 3339 time to parse.
    let stamps: Vec<String> = (session.insights.iter())
        .flat_map(|i| [i.created.to_string(), i.modified.text.0.to_string()])
        .collect();
    let parse = || {
        let times = stamps.iter().map(|s| s.parse::<jiff::Timestamp>().unwrap());
        times.map(|t| t.as_second()).sum::<i64>()
    };
    let d = alone(30, 3.0, parse) * 9 / 2;
    rows.push(timed(
        "  parse 9 stamps x 10k insights (jiff, est.)",
        d,
        None,
        Budget::Info,
    ));
}
