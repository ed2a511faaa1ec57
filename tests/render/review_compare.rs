//! The review's compare view over the four samples, which are on two
//! question sets: a row per question title (question 1 of one set is never
//! counted with question 1 of the other), a row per nation, and the counts
//! following the filter. Every number is checked against counts made from
//! the files themselves.

use super::review::{count, filter, reviewing, views};
use super::screen::{draw, screen_text};
use super::snapshot;
use stb::model::{Nation, PracticeType};

/// The numbers on the one table row whose first cell is `label`, read in
/// the box it sits in (the compare view has boxes side by side).
fn numbers(text: &str, label: &str) -> Vec<usize> {
    let cells: Vec<Vec<usize>> = text
        .lines()
        .flat_map(|row| row.split('│'))
        .filter_map(|cell| cell.trim_start().strip_prefix(label))
        .filter_map(|rest| {
            let words: Vec<&str> = rest.split_whitespace().collect();
            let numbers: Option<Vec<usize>> = words.iter().map(|n| n.parse().ok()).collect();
            numbers.filter(|n| !n.is_empty() && rest.starts_with(' '))
        })
        .collect();
    match cells.as_slice() {
        [cells] => cells.clone(),
        _ => panic!("{label:?} starts {} cells of\n{text}", cells.len()),
    }
}

#[test]
fn compare_view_counts_question_and_nation_by_practice() {
    let mut app = reviewing();
    views(&mut app, 2);
    let t = draw(&app, 120, 40);
    let text = screen_text(&t);
    snapshot("review_compare_120x40", &t);
    snapshot("review_compare_80x24", &draw(&app, 80, 24));
    // The samples are on two question sets: a row per question title,
    // so question 1 of one set is never counted with question 1 of the other.
    let by = |q: Option<&str>, n: Option<Nation>| {
        let practices = PracticeType::ALL.iter().map(|p| Some(*p)).chain([None]);
        let mut cells: Vec<usize> = practices
            .map(|p| {
                count(|s, i| {
                    i.practice == p
                        && q.is_none_or(|q| s.questions[i.question - 1].title == q)
                        && n.is_none_or(|n| s.place.nation == n)
                })
            })
            .collect();
        cells.push(cells.iter().sum());
        cells
    };
    for title in [
        "Good practices",
        "Sustaining the change",
        "Catalyst for change",
        "Learning for other places",
    ] {
        assert_eq!(numbers(&text, title), by(Some(title), None), "{title}");
    }
    assert_eq!(
        numbers(&text, "All"),
        by(None, None),
        "totals per practice type"
    );
    for (label, nation) in [
        ("England", Nation::England),
        ("Scotland", Nation::Scotland),
        ("Wales", Nation::Wales),
        ("Northern Ireland", Nation::NorthernIreland),
    ] {
        assert_eq!(numbers(&text, label), by(None, Some(nation)), "{label}");
    }
    // The tables follow the filter, typed without leaving the view.
    filter(&mut app, "nation:scotland");
    let text = screen_text(&draw(&app, 120, 40));
    let title = "Shifting relationships";
    assert_eq!(
        numbers(&text, title),
        by(Some(title), Some(Nation::Scotland))
    );
    assert!(!text.contains("England"), "{text}");
}

#[test]
fn every_kind_has_a_bar_at_80x24() {
    let mut app = reviewing();
    views(&mut app, 2);
    let text = screen_text(&draw(&app, 80, 24));
    assert!(text.contains("Action"), "{text}");
}
