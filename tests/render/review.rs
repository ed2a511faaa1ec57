//! The review screen, built from the four committed sample workshops the
//! way `stb review` opens them, then driven only through `App::update`. Every
//! number the screen shows is checked against counts made here from the
//! files themselves, never against a figure copied from the screen.

use super::fixtures::{at, config, key, step, type_text};
use super::screen::{draw, row_with, rows_with, screen_text};
use super::snapshot;
use ratatui::crossterm::event::KeyCode;
use stb::app::{Action, App};
use stb::model::{Insight, PracticeType, Session};
use stb::storage::SessionFile;
use std::path::{Path, PathBuf};

/// The committed samples (the top of `sessions/`, not its subfolders), by name.
fn sample_paths() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "ron"))
        .collect();
    paths.sort();
    assert_eq!(paths.len(), 4, "four samples in {}", dir.display());
    paths
}

/// The samples as loaded, each under the short path the screen may show.
fn samples() -> Vec<(PathBuf, SessionFile)> {
    sample_paths()
        .into_iter()
        .map(|p| {
            let file = stb::storage::load_file(&p).unwrap_or_else(|e| panic!("{e}"));
            (Path::new("sessions").join(p.file_name().unwrap()), file)
        })
        .collect()
}

/// Every session of the samples, in the order they are opened.
fn sessions() -> Vec<Session> {
    samples()
        .into_iter()
        .flat_map(|(_, f)| f.into_sessions())
        .collect()
}

/// How many live insights of the samples satisfy `keep`.
pub(super) fn count(keep: impl Fn(&Session, &Insight) -> bool) -> usize {
    sessions()
        .iter()
        .map(|s| s.live_insights().filter(|i| keep(s, i)).count())
        .sum()
}

/// The review of all four samples, on the insight list, at 14:00.
pub(super) fn reviewing() -> App {
    let mut app = App::new(config(), at(NOW));
    act(&mut app, Action::ReviewOpened(samples()));
    app
}

/// The clock while reviewing; it shows in "saved" and in comments.
pub(super) const NOW: &str = "14:02:00";

pub(super) fn act(app: &mut App, action: Action) {
    step(app, action, at(NOW));
}

/// Tab `n` times: insights → themes → compare.
pub(super) fn views(app: &mut App, n: usize) {
    (0..n).for_each(|_| act(app, Action::NextView));
}

/// `/`, the query typed key by key, then back to the list.
pub(super) fn filter(app: &mut App, query: &str) {
    act(app, Action::FocusQuery);
    type_text(app, query, at(NOW));
    act(app, Action::FocusList);
}

/// Opens a prompt with `action`, types `text` and applies it with Enter.
fn prompt(app: &mut App, action: Action, text: &str) {
    act(app, action);
    type_text(app, text, at(NOW));
    act(app, Action::Submit);
}

/// The header's "N of M insights", M being every live insight of the samples.
fn shown(n: usize) -> String {
    format!("{n} of {} insights", count(|_, _| true))
}

/// The texts of the live insights the query `keep` selects, in reading order.
fn texts(keep: impl Fn(&Session, &Insight) -> bool) -> Vec<String> {
    let mut out = Vec::new();
    for s in sessions() {
        let mut here: Vec<&Insight> = s.live_insights().filter(|i| keep(&s, i)).collect();
        here.sort_by_key(|i| (i.question, i.created));
        out.extend(here.into_iter().map(|i| i.text.clone()));
    }
    out
}

/// The first `n` characters of `text`, enough to find its row on screen.
fn start(text: &str, n: usize) -> String {
    text.chars().take(n).collect()
}

#[test]
fn review_of_the_three_samples_80x24() {
    let t = draw(&reviewing(), 80, 24);
    let text = screen_text(&t);
    snapshot("review_80x24", &t);
    let total = count(|_, _| true);
    assert!(total > 100, "the samples hold over a hundred insights");
    assert!(text.contains("4 files · 4 sessions"), "{text}");
    assert!(text.contains(&shown(total)), "{text}");
    assert!(text.contains(&format!("Insights ({total})")), "{text}");
    // The list reads in order: the first sample's question 1, as said.
    let first = &texts(|_, _| true)[0];
    assert!(rows_with(&text, "│Q1 Gateshead")[0].contains(&start(first, 20)));
    // The selected insight is shown in full below, with who said it.
    assert!(text.contains("Selected"), "{text}");
    assert!(text.contains(&start(first, 70)), "{text}");
}

#[test]
fn review_of_the_three_samples_120x40() {
    let t = draw(&reviewing(), 120, 40);
    let text = screen_text(&t);
    snapshot("review_120x40", &t);
    assert!(text.contains(&format!("{} · all questions", shown(count(|_, _| true)))));
    let all = texts(|_, _| true);
    let rows = rows_with(&text, "│Q");
    assert!(rows.len() >= 20, "the list fills the room it has:\n{text}");
    for (row, insight) in rows.iter().zip(&all) {
        assert!(row.contains(&start(insight, 25)), "{insight:?} on {row:?}");
    }
}

#[test]
fn filtering_by_innovation_counts_what_the_files_hold() {
    let innovation = |_: &Session, i: &Insight| i.practice == Some(PracticeType::Innovation);
    let n = count(innovation);
    // The list follows every keystroke: `#innov` (an alias) already filters.
    let mut app = reviewing();
    act(&mut app, Action::FocusQuery);
    type_text(&mut app, "#innov", at(NOW));
    assert!(screen_text(&draw(&app, 80, 24)).contains(&format!("Insights ({n})")));
    type_text(&mut app, "ation", at(NOW));
    act(&mut app, Action::FocusList);
    let t = draw(&app, 80, 24);
    let text = screen_text(&t);
    snapshot("review_innovation_80x24", &t);
    assert!(n > 0 && n < count(|_, _| true));
    assert!(text.contains(&shown(n)), "{text}");
    assert!(text.contains(&format!("Insights ({n})")), "{text}");
    assert!(text.contains("│#innovation"), "the query stays:\n{text}");
    for insight in texts(innovation).iter().take(5) {
        assert!(text.contains(&start(insight, 20)), "{insight:?}\n{text}");
    }
    // Browsing the third question narrows the same filter to it: the
    // samples are on two sets, so it is named by its title, and question 3
    // of the other set ("Obstacles overcome") is not pooled with it.
    (0..3).for_each(|_| act(&mut app, Action::NextQuestion));
    let text = screen_text(&draw(&app, 120, 40));
    let title = "Less-advantaged communities";
    let on_it = |s: &Session, i: &Insight| s.questions[i.question - 1].title == title;
    let q3 = count(|s, i| innovation(s, i) && on_it(s, i));
    assert!(q3 < count(|s, i| innovation(s, i) && i.question == 3));
    assert!(
        text.contains(&format!("{} · “{title}”", shown(q3))),
        "{text}"
    );
    assert_eq!(rows_with(&text, "│Q3 ").len(), q3, "{text}");
}

#[test]
fn search_ignores_accents_and_case_on_both_sides() {
    // The samples are plain ASCII: an accented query finds unaccented text…
    let mut app = reviewing();
    filter(&mut app, "PÁNTRY");
    let text = screen_text(&draw(&app, 80, 24));
    let pantry = texts(|_, i| i.text.to_lowercase().contains("pantry"));
    assert_eq!(pantry.len(), 1, "its first draft is deleted");
    assert!(text.contains(&shown(1)), "{text}");
    assert!(text.contains(&start(&pantry[0], 20)), "{text}");
    // …and a comment written with accents is found without them.
    let mut app = reviewing();
    act(&mut app, Action::Down);
    act(&mut app, Action::Down);
    prompt(
        &mut app,
        Action::Comment,
        "Siân says Ysgôl Bro Gwaun ran it",
    );
    filter(&mut app, "sian YSGOL");
    let t = draw(&app, 80, 24);
    let text = screen_text(&t);
    snapshot("review_search_accents_80x24", &t);
    assert!(text.contains(&shown(1)), "{text}");
    let commented = &texts(|_, _| true)[2];
    assert!(row_with(&text, "│Q1 ").contains(&start(commented, 15)));
    let text = screen_text(&draw(&app, 120, 40));
    assert!(text.contains("💬 test 14:02:00: Siân says Ysgôl Bro Gwaun ran it"));
    // A word found nowhere empties the list and says how to get out.
    filter(&mut app, " unsaid");
    let text = screen_text(&draw(&app, 80, 24));
    assert!(text.contains(&shown(0)), "{text}");
    assert!(text.contains("Nothing matches: / to change the filter."));
}

/// The first two insights in one theme, the second named in another case.
fn two_in_a_theme() -> App {
    let mut app = reviewing();
    prompt(&mut app, Action::AddToTheme, "Digital exclusion");
    act(&mut app, Action::Down);
    prompt(&mut app, Action::AddToTheme, "digital EXCLUSION");
    app
}

#[test]
fn themes_view_after_grouping_two_insights() {
    let mut app = two_in_a_theme();
    act(&mut app, Action::NextView);
    let t = draw(&app, 80, 24);
    let text = screen_text(&t);
    snapshot("review_themes_80x24", &t);
    assert!(text.contains("Themes (1)"), "one theme, not two:\n{text}");
    assert!(text.contains("“Digital exclusion”"), "first name:\n{text}");
    let row: Vec<&str> = row_with(&text, "› ")
        .split('│')
        .nth(1)
        .unwrap()
        .split_whitespace()
        .collect();
    assert_eq!(row[row.len() - 2..], ["Gateshead", "2"], "{text}");
    let all = texts(|_, _| true);
    for member in &all[..2] {
        assert!(text.contains(start(member, 30).as_str()), "{text}");
    }
    assert!(!text.contains(&start(&all[2], 30)), "only members:\n{text}");
    // Enter shows the theme's insights in the list.
    act(&mut app, Action::Edit);
    let text = screen_text(&draw(&app, 120, 40));
    assert!(text.contains(&shown(2)), "{text}");
    assert!(text.contains("theme:Digital"), "{text}");
}

#[test]
fn showing_a_theme_lists_only_its_own_insights() {
    let mut app = two_in_a_theme();
    act(&mut app, Action::Down);
    prompt(&mut app, Action::AddToTheme, "Digital champions");
    act(&mut app, Action::NextView);
    act(&mut app, Action::Down);
    let text = screen_text(&draw(&app, 120, 40));
    assert!(
        row_with(&text, "› ").contains("Digital exclusion"),
        "{text}"
    );
    act(&mut app, Action::Edit);
    let text = screen_text(&draw(&app, 120, 40));
    assert!(text.contains(&shown(2)), "{text}");
}

#[test]
fn the_selected_insight_shows_its_tags_and_themes() {
    let text = screen_text(&draw(&two_in_a_theme(), 120, 40));
    let detail = &text[text.find("Selected").unwrap()..];
    assert!(detail.contains("Digital exclusion"), "{detail}");
    assert!(detail.contains("#adaptation"), "{detail}");
}

#[test]
fn editing_opens_a_popup_with_the_insight_as_a_capture_line() {
    let mut app = reviewing();
    act(&mut app, Action::Down);
    act(&mut app, Action::Edit);
    let t = draw(&app, 80, 24);
    let text = screen_text(&t);
    snapshot("review_edit_prompt_80x24", &t);
    assert!(text.contains("Edit: text @name #tag >owner !due · Enter applies"));
    let second = &sessions()[0];
    let mut insights: Vec<&Insight> = second.live_insights().collect();
    insights.sort_by_key(|i| (i.question, i.created));
    let line = stb::capture::as_line(second, insights[1]);
    let tail: String = line.split(" @").nth(1).unwrap().to_owned();
    assert!(text.contains(&format!("@{tail}")), "{line:?} in\n{text}");
    // Esc cancels: the popup goes and nothing is marked for saving.
    act(&mut app, key(KeyCode::Char('x')));
    act(&mut app, Action::Cancel);
    let text = screen_text(&draw(&app, 80, 24));
    assert!(!text.contains("Enter applies"), "{text}");
    assert!(!app.dirty(), "a cancelled edit changes nothing");
}

#[test]
fn tab_completes_a_tag_in_the_edit_prompt() {
    let mut app = reviewing();
    act(&mut app, Action::Edit);
    type_text(&mut app, " #collab", at(NOW));
    act(&mut app, Action::Complete);
    let text = screen_text(&draw(&app, 80, 24));
    assert!(text.contains("#collaboration"), "{text}");
}

#[test]
fn no_review_screen_panics_at_any_size() {
    let mut themes = two_in_a_theme();
    views(&mut themes, 1);
    let mut compare = two_in_a_theme();
    views(&mut compare, 2);
    let mut editing = reviewing();
    act(&mut editing, Action::Edit);
    let mut empty = reviewing();
    filter(&mut empty, "nothing-says-this");
    for app in [reviewing(), themes, compare, editing, empty] {
        for w in [0, 1, 10, 59, 60, 61, 79, 80, 200] {
            for h in [0, 1, 5, 15, 16, 17, 24, 60] {
                let text = screen_text(&draw(&app, w, h));
                if w >= stb::ui::MIN_WIDTH && h >= stb::ui::MIN_HEIGHT {
                    assert!(text.starts_with(" Review · 4 files"), "{w}×{h}:\n{text}");
                }
            }
        }
    }
}
