//! Dot votes on screen: a question's list marks each insight's total as
//! `●N` (a dot and a number, so it reads without colour), and the wrap-up's
//! Votes box ranks every insight, most votes first, with the selection on
//! the insight voted on.

use super::fixtures::{at, on_question_two, step, wrap_up};
use super::screen::{draw, position_of, row_index, row_with, screen_text};
use super::snapshot;
use ratatui::style::{Color, Modifier};
use stb::app::{Action, Palette};

#[test]
fn the_list_marks_each_insights_votes_in_words_not_colour() {
    let mut app = on_question_two();
    step(&mut app, Action::SelectInsights, at("10:09:20"));
    step(&mut app, Action::Vote, at("10:09:21"));
    step(&mut app, Action::Vote, at("10:09:22"));
    step(&mut app, Action::Up, at("10:09:23"));
    step(&mut app, Action::Vote, at("10:09:24"));
    app.config.palette = Palette::NoColour;
    let t = draw(&app, 80, 24);
    snapshot("votes_list_80x24", &t);
    let text = screen_text(&t);
    let voted: Vec<&str> = text.lines().filter(|l| l.contains('●')).collect();
    assert_eq!(voted.len(), 2, "{text}");
    assert!(voted[0].contains("●1 "), "{text}");
    assert!(voted[1].contains("●2 "), "{text}");
    let cell = &t.backend().buffer()[position_of(&t, "●2")];
    assert_eq!(cell.fg, Color::Reset, "no colour");
    assert!(
        cell.modifier.contains(Modifier::BOLD),
        "told apart by weight"
    );
}

#[test]
fn the_wrap_up_ranks_insights_by_votes() {
    let mut app = wrap_up();
    // The fourth insight captured, voted for three times; the eleventh once.
    for _ in 0..3 {
        step(&mut app, Action::Down, at("10:45:01"));
    }
    for _ in 0..3 {
        step(&mut app, Action::Vote, at("10:45:02"));
    }
    step(&mut app, Action::Last, at("10:45:03"));
    step(&mut app, Action::Vote, at("10:45:04"));
    let t = draw(&app, 120, 40);
    snapshot("votes_wrap_up_120x40", &t);
    let text = screen_text(&t);
    assert!(text.contains("● Votes (2 of 11 voted)"), "{text}");
    let first = row_with(&text, "  1. ●3");
    let second = row_with(&text, "  2. ●1");
    assert!(row_index(&text, first) < row_index(&text, second), "{text}");
    assert!(second.contains("Councillors are already talk"), "{text}");
    let selected = &t.backend().buffer()[position_of(&t, "2. ●1")];
    assert!(
        selected.modifier.contains(Modifier::REVERSED),
        "the insight voted on stays selected as it climbs"
    );
    assert!(
        text.contains("Voted for “Councillors are already talking"),
        "{text}"
    );
}
