//! `stb review` on copies of the four committed samples: the filter line,
//! a search, two insights grouped into a theme with real keystrokes, and the
//! file read back afterwards to check that the theme, and only the theme,
//! went into it. Also `v` and `V` from Home, and the export picker writing
//! files named for what they hold, never one over another.

use super::pty::{Stb, key};
use super::quit;
use stb::model::{Insight, PracticeType, Session};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const BACKSPACE: &str = "\x7f";

/// The committed samples (the top of `sessions/`), copied into `dir`, by name.
fn copy_samples(dir: &Path) -> Vec<PathBuf> {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions");
    let mut copies = Vec::new();
    for entry in std::fs::read_dir(&from).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() && path.extension().is_some_and(|x| x == "ron") {
            let copy = dir.join(path.file_name().unwrap());
            std::fs::copy(&path, &copy).unwrap();
            copies.push(copy);
        }
    }
    copies.sort();
    assert_eq!(copies.len(), 4, "four samples in {}", from.display());
    copies
}

fn sessions_in(path: &Path) -> Vec<Session> {
    stb::storage::load_file(path)
        .unwrap_or_else(|e| panic!("{e}"))
        .into_sessions()
}

/// The live insights of `paths` that `keep` selects, in the review's
/// reading order: file, session, question, then as said.
fn live(paths: &[PathBuf], keep: impl Fn(&Insight) -> bool) -> Vec<Insight> {
    let mut out = Vec::new();
    for path in paths {
        for session in sessions_in(path) {
            let mut here: Vec<Insight> = session
                .live_insights()
                .filter(|i| keep(i))
                .cloned()
                .collect();
            here.sort_by_key(|i| (i.question, i.created));
            out.extend(here);
        }
    }
    out
}

/// The list's rows on screen (each starts with its question, `│Q1 …`).
fn list_rows(stb: &Stb) -> Vec<String> {
    stb.screen()
        .lines()
        .filter(|l| l.starts_with("│Q"))
        .map(String::from)
        .collect()
}

/// The first characters of `text`, enough to find its row.
fn start(text: &str) -> String {
    text.chars().take(30).collect()
}

/// Opens the theme prompt on the selected insight, names the theme, and
/// waits until it has been applied.
fn put_in_theme(stb: &mut Stb, name: &str) {
    stb.send("t");
    stb.wait_for("Theme (an existing name, or a new one)");
    stb.send(name);
    stb.send(key::ENTER);
    stb.wait_status("in theme");
}

#[test]
fn review_filters_searches_and_groups_two_insights_into_a_theme() {
    let tmp = tempfile::tempdir().unwrap();
    let paths = copy_samples(tmp.path());
    let before: Vec<Vec<u8>> = paths.iter().map(|p| std::fs::read(p).unwrap()).collect();
    let total = live(&paths, |_| true).len();
    let mut args = vec!["review"];
    args.extend(paths.iter().map(|p| p.to_str().unwrap()));
    let mut stb = Stb::spawn(tmp.path(), &args);
    stb.wait_for(&format!(
        "4 files · 4 sessions · {total} of {total} insights"
    ));

    // The filter line: `/`, the query, Enter back to the list.
    let innovation = live(&paths, |i| i.practice == Some(PracticeType::Innovation));
    assert!(!innovation.is_empty() && innovation.len() < total);
    stb.send("/#innovation");
    stb.send(key::ENTER);
    stb.wait_for(&format!("{} of {total} insights", innovation.len()));
    stb.wait_for(&format!("Insights ({})", innovation.len()));

    // A search: only the insights that say "church" stay on screen.
    let church = live(&paths, |i| i.text.to_lowercase().contains("church"));
    assert_eq!(church.len(), 2, "two sample insights mention a church");
    stb.send("/");
    stb.send(&BACKSPACE.repeat("#innovation".len()));
    stb.send("church");
    stb.send(key::ENTER);
    stb.wait_for(&format!("{} of {total} insights", church.len()));
    let shows_church = |s: &Stb| {
        let rows = list_rows(s);
        rows.len() == church.len()
            && rows
                .iter()
                .zip(&church)
                .all(|(r, i)| r.contains(&start(&i.text)))
    };
    stb.wait_until("the church insights, and only them", shows_church);
    let first = &live(&paths, |_| true)[0];
    assert!(
        !stb.screen().contains(&start(&first.text)),
        "{}",
        stb.screen()
    );

    // Both into one theme: the second time in another case.
    put_in_theme(&mut stb, "Faith buildings");
    stb.send("j");
    stb.wait_until("the message to clear", |s| {
        !s.status_line().contains("In theme")
    });
    put_in_theme(&mut stb, "faith BUILDINGS");
    stb.wait_status("saved");
    stb.send(key::TAB);
    stb.wait_for("Themes (1)");
    stb.wait_for("“Faith buildings”");
    quit(&mut stb);

    // The theme is in the file the two insights came from, with exactly them.
    let owner = paths
        .iter()
        .position(|p| sessions_in(p)[0].insight(church[0].id).is_some())
        .unwrap();
    let after = sessions_in(&paths[owner]).remove(0);
    let live_themes: Vec<_> = after.themes.iter().filter(|t| !t.deleted).collect();
    assert_eq!(live_themes.len(), 1, "{:?}", after.themes);
    assert_eq!(live_themes[0].name, "Faith buildings");
    let members: BTreeSet<_> = live_themes[0].insight_ids().collect();
    assert_eq!(members, church.iter().map(|i| i.id).collect());
    // Nothing else in that file changed in meaning; the others are untouched.
    let mut unthemed = after.clone();
    unthemed.themes.clear();
    let original =
        stb::storage::parse_file(std::str::from_utf8(&before[owner]).unwrap(), &paths[owner])
            .unwrap()
            .into_sessions()
            .remove(0);
    assert_eq!(unthemed.insights.len(), original.insights.len());
    assert_eq!(unthemed, original, "only the theme was added");
    for (i, path) in paths.iter().enumerate().filter(|(i, _)| *i != owner) {
        assert_eq!(
            std::fs::read(path).unwrap(),
            before[i],
            "{}",
            path.display()
        );
    }
}

#[test]
fn v_from_home_reviews_the_selected_session_and_capital_v_all() {
    let tmp = tempfile::tempdir().unwrap();
    let paths = copy_samples(tmp.path());
    let listed = stb::storage::list_sessions(tmp.path());
    let selected = &listed[0].path;
    let session = sessions_in(selected).remove(0);
    let n = session.live_insights().count();
    let mut stb = Stb::spawn(tmp.path(), &[]);
    stb.wait_for("Sessions (4)");
    stb.send("v");
    stb.wait_for(&format!("1 file · 1 session · {n} of {n} insights"));
    stb.wait_for("│Q");
    let rows = list_rows(&stb);
    assert!(!rows.is_empty());
    // The place's first word: a long place name is cut in its column.
    let place = session.place.locality.split_whitespace().next().unwrap();
    for row in &rows {
        assert!(row.contains(place), "{row:?}");
    }
    // q goes back to Home, and V reviews every session in the folder.
    stb.send("q");
    stb.wait_for("Sessions (4)");
    stb.send("V");
    let total = live(&paths, |_| true).len();
    stb.wait_for(&format!(
        "4 files · 4 sessions · {total} of {total} insights"
    ));
    quit(&mut stb);
}

#[test]
fn the_export_picker_writes_a_file_named_for_what_it_holds_and_never_over_another() {
    let tmp = tempfile::tempdir().unwrap();
    let paths = copy_samples(tmp.path());
    let mut args = vec!["review"];
    args.extend(paths.iter().map(|p| p.to_str().unwrap()));
    let mut stb = Stb::spawn(tmp.path(), &args);
    stb.wait_for("4 files · 4 sessions");

    // E opens the picker; ↓ to the CSV table, p and c switch both options on.
    stb.send("E");
    stb.wait_for("Export what is open");
    stb.wait_for("REFI-QDA codebook");
    stb.send("\x1b[B");
    stb.wait_for("› CSV table");
    stb.send("pc");
    stb.wait_for("[x] c  Coarsen organisations");
    stb.wait_for("[x] p  Pseudonymise names");
    let name = "4-sessions-2026-09-23-to-2026-11-04-coarsened-pseudonymised";
    stb.wait_for(&format!("{name}.csv"));
    stb.send(key::ENTER);
    stb.wait_status("Exported to");
    stb.wait_gone("Export what is open");

    let exports = tmp.path().join("exports");
    let csv = std::fs::read_to_string(exports.join(format!("{name}.csv"))).unwrap();
    assert!(
        csv.lines().count() > 100,
        "every insight of the four samples"
    );
    for path in &paths {
        for session in sessions_in(path) {
            for p in session.live_participants() {
                assert!(!csv.contains(&p.name), "{} in the export", p.name);
            }
        }
    }

    // The picker opens where it was left: Enter again is a second file.
    stb.send("E");
    stb.wait_for("› CSV table");
    stb.send(key::ENTER);
    stb.wait_gone("Export what is open");
    stb.wait_until("the second export", |_| {
        exports.join(format!("{name}-2.csv")).exists()
    });
    // Esc leaves the picker without writing anything.
    stb.send("E");
    stb.wait_for("Export what is open");
    stb.esc();
    stb.wait_gone("Export what is open");
    quit(&mut stb);
    assert_eq!(std::fs::read_dir(&exports).unwrap().count(), 2);
    let first = std::fs::read_to_string(exports.join(format!("{name}.csv"))).unwrap();
    assert_eq!(first, csv, "the first export was not written over");
}
