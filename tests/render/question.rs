//! The question screen: question 2 at 80×24, 120×40 and the smallest size,
//! its timer run over, and wide characters in the insight list.

use super::fixtures::{at, on_question_two, time_up, type_text, wide_text};
use super::screen::{background_of, draw, row_with, screen_text};
use super::snapshot;
use ratatui::style::Color;
use unicode_width::UnicodeWidthStr;

/// The facts of question 2 that any size shows.
fn assert_question_two(text: &str) {
    assert!(
        text.contains("Question 2 of 4 · Shifting relationships"),
        "{text}"
    );
    assert!(
        text.contains("Community power after the pandemic"),
        "{text}"
    );
    assert!(text.contains("Insights (5)"), "{text}");
    assert!(text.contains("11:30 left"), "timer running: {text}");
    assert!(!text.contains("Ctrl+T starts"), "{text}");
    assert!(
        !text.contains("Food parcels"),
        "question 1's insights stay there:\n{text}"
    );
    let ann = row_with(text, "Ann Jones:");
    assert!(ann.contains("10:02"), "{ann:?}");
    assert!(
        ann.contains("The council lent the leisure centre"),
        "{ann:?}"
    );
    assert!(ann.contains("#innovation"), "{ann:?}");
    let starred = row_with(text, "★");
    assert!(starred.contains("Bryn Hughes:"), "{starred:?}");
    assert!(
        starred.contains("Officers answered their phones"),
        "{starred:?}"
    );
    assert!(starred.contains("#enabler"), "{starred:?}");
    let sian = row_with(text, "Siân Lloyd:");
    assert!(sian.contains("#barrier"), "{sian:?}");
    let board = row_with(text, "Mutual aid groups now sit");
    assert!(board.contains("#collaboration"), "{board:?}");
    assert!(
        board.contains("10:06 Mutual aid"),
        "unattributed: {board:?}"
    );
    assert!(text.contains("saved 10:09:00"), "{text}");
}

#[test]
fn question_screen_80x24() {
    let t = draw(&on_question_two(), 80, 24);
    let text = screen_text(&t);
    snapshot("question_80x24", &t);
    // The prompts fold away at 80×24, so all five insights, wrapped in
    // full, are on screen, the newest whole at the bottom.
    assert!(
        text.contains("Question 2 of 4") && text.contains("Insights (5)"),
        "{text}"
    );
    assert!(text.contains("3 prompts hidden · F3 shows them"), "{text}");
    assert!(!text.contains("Where did trust grow"), "{text}");
    assert!(text.contains("Ann Jones:"), "the oldest shows too:\n{text}");
    assert!(
        text.contains("the paperwork could wait until the crisis had passed"),
        "{text}"
    );
    assert!(row_with(&text, "★").contains("Bryn Hughes:"), "{text}");
    assert!(text.contains("Type what is said"), "placeholder: {text}");
}

#[test]
fn question_screen_120x40() {
    let mut app = on_question_two();
    type_text(
        &mut app,
        "Residents chair the meetings now @Si",
        at("10:09:30"),
    );
    let t = draw(&app, 120, 40);
    let text = screen_text(&t);
    snapshot("question_120x40", &t);
    assert_question_two(&text);
    // With room, the whole question and every prompt are there.
    assert!(
        text.contains("What shifts in practice explain this?"),
        "{text}"
    );
    assert!(text.contains("Where did trust grow"), "{text}");
    assert!(
        row_with(&text, "Residents chair the meetings now @Si").contains('│'),
        "the typed line is in the capture box:\n{text}"
    );
}

#[test]
fn question_screen_at_the_smallest_size_keeps_the_essentials() {
    let t = draw(&on_question_two(), stb::ui::MIN_WIDTH, stb::ui::MIN_HEIGHT);
    let text = screen_text(&t);
    snapshot("question_60x16", &t);
    assert!(text.contains("Question 2 of 4"), "{text}");
    assert!(text.contains("11:30 left"), "{text}");
    assert!(text.contains("Capture"), "{text}");
    assert!(
        text.contains("We stopped making"),
        "the newest insight stays in view:\n{text}"
    );
}

#[test]
fn question_screen_shows_time_up_with_the_overrun() {
    let t = draw(&time_up(), 80, 24);
    let text = screen_text(&t);
    snapshot("question_time_up_80x24", &t);
    assert!(text.contains("time up +02:15"), "{text}");
    assert!(!text.contains("left"), "{text}");
    assert_eq!(
        background_of(&t, "time up"),
        Color::Red,
        "time up stands out"
    );
    assert!(text.contains("Question 2 of 4"), "{text}");
}

#[test]
fn wide_characters_never_break_the_insight_list() {
    let t = draw(&wide_text(), 80, 24);
    let text = screen_text(&t);
    snapshot("wide_text_80x24", &t);
    let row = row_with(&text, "Mae’r gymuned");
    assert!(row.contains("Siân Lloyd:"), "{row:?}");
    for line in text.lines() {
        assert_eq!(
            line.width(),
            80,
            "every row is exactly the screen wide: {line:?}"
        );
    }
}

/// Select mode at both sizes: loud, with its commands, and an insight whose
/// `@name` nobody had marked until it is attributed from the list.
#[test]
fn select_mode_is_loud_and_an_unresolved_name_is_marked_until_attributed() {
    let mut app = on_question_two();
    super::fixtures::capture(&mut app, "Dai ran the pantry @Dai_Rees", at("10:09:10"));
    let text = screen_text(&draw(&app, 80, 24));
    assert!(
        row_with(&text, "Dai ran the pantry").contains("⚑ unattributed"),
        "{text}"
    );
    super::fixtures::step(&mut app, stb::app::Action::SelectInsights, at("10:09:20"));
    let t = draw(&app, 80, 24);
    snapshot("select_mode_80x24", &t);
    let text = screen_text(&t);
    assert!(text.contains("SELECTING · 6 insights"), "{text}");
    assert!(text.contains("Esc back to typing"), "{text}");
    assert!(text.contains("a attribute"), "{text}");
    assert!(text.contains("typing paused"), "{text}");
    let t = draw(&app, 120, 40);
    snapshot("select_mode_120x40", &t);
    assert!(screen_text(&t).contains("a attribute"));
    super::fixtures::step(&mut app, stb::app::Action::Attribute, at("10:09:30"));
    let text = screen_text(&draw(&app, 80, 24));
    let row = row_with(&text, "Dai ran the pantry");
    assert!(row.contains("Dai Rees:") && !row.contains('⚑'), "{text}");
    assert!(text.contains("Added Dai Rees to the roster"), "{text}");
}
