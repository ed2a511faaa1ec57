//! The terminal's own cursor sits at the caret of the text field with the
//! keyboard (capture line, edit popup, forms, review query and prompts), so
//! input methods and screen readers follow the typing; with no field
//! focused, or help over the screen, it is hidden.

use super::fixtures::{
    at, editing, key, on_question_two, step, type_text, with_help, with_participants,
};
use super::home_fixtures::{home, new_session_form};
use super::review::{NOW, act, reviewing};
use super::screen::{caret, draw, position_of, screen_text};
use ratatui::crossterm::event::KeyCode;
use ratatui::layout::Position;
use stb::app::{Action, App};

/// The caret after drawing `app` at 80×24.
fn caret_at_80x24(
    app: &App,
) -> (
    Option<Position>,
    ratatui::Terminal<ratatui::backend::TestBackend>,
) {
    let mut t = draw(app, 80, 24);
    (caret(&mut t), t)
}

/// `at` moved `columns` to the right.
fn right_of(at: Position, columns: u16) -> Position {
    Position::new(at.x + columns, at.y)
}

#[test]
fn the_cursor_follows_typing_on_the_capture_line() {
    let mut app = on_question_two();
    let now = at("10:10:00");
    let (empty, t) = caret_at_80x24(&app);
    let placeholder = position_of(&t, "Type what is said");
    assert_eq!(
        empty,
        Some(Position::new(placeholder.x - 1, placeholder.y)),
        "on the blank cell before the placeholder"
    );

    type_text(&mut app, "Residents chair", now);
    let (typed, t) = caret_at_80x24(&app);
    let start = position_of(&t, "Residents chair");
    assert_eq!(typed, Some(right_of(start, 15)), "just after the text");

    step(&mut app, key(KeyCode::Left), now);
    step(&mut app, key(KeyCode::Left), now);
    let (moved, _) = caret_at_80x24(&app);
    assert_eq!(moved, Some(right_of(start, 13)), "on the i of chair");

    // A wide character is two columns: one ← steps over both.
    step(&mut app, key(KeyCode::End), now);
    type_text(&mut app, " 漢字", now);
    step(&mut app, key(KeyCode::Left), now);
    let (wide, t) = caret_at_80x24(&app);
    let start = position_of(&t, "Residents chair");
    assert_eq!(wide, Some(right_of(start, 18)), "on 字, after 漢");
}

#[test]
fn the_cursor_is_on_the_second_row_of_a_wrapped_line() {
    let mut app = on_question_two();
    let line = "The food bank and the council now meet every week in the library, \
                and residents chair it";
    type_text(&mut app, line, at("10:10:00"));
    let (caret, t) = caret_at_80x24(&app);
    let first = position_of(&t, "The food bank");
    let tail = position_of(&t, "residents chair it");
    assert_eq!(tail.y, first.y + 1, "the line wraps:\n{}", screen_text(&t));
    assert_eq!(caret, Some(right_of(tail, 18)), "after the last word");
}

#[test]
fn the_cursor_is_in_the_focused_form_field() {
    let mut app = new_session_form();
    let now = at("09:00:10");
    type_text(&mut app, "Wrexham assembly", now);
    let (caret, t) = caret_at_80x24(&app);
    let title = position_of(&t, "Wrexham assembly");
    assert_eq!(caret, Some(right_of(title, 16)));
    step(&mut app, Action::NextField, now);
    type_text(&mut app, "Rhosddu", now);
    let (caret, t) = caret_at_80x24(&app);
    assert_eq!(caret, Some(right_of(position_of(&t, "Rhosddu"), 7)));

    // The participant form, in a popup over the panel.
    let mut app = with_participants(on_question_two());
    step(&mut app, Action::AddParticipant, at("10:10:00"));
    type_text(&mut app, "Gwen Morgan", at("10:10:00"));
    let (caret, t) = caret_at_80x24(&app);
    assert_eq!(caret, Some(right_of(position_of(&t, "Gwen Morgan"), 11)));
}

#[test]
fn the_cursor_is_in_the_edit_popup() {
    let mut app = editing();
    type_text(&mut app, " zz", at("10:10:00"));
    let (caret, t) = caret_at_80x24(&app);
    assert_eq!(caret, Some(right_of(position_of(&t, "#enabler zz"), 11)));
}

#[test]
fn the_cursor_is_in_the_review_query_and_prompts() {
    let mut app = reviewing();
    act(&mut app, Action::FocusQuery);
    type_text(&mut app, "zzq", at(NOW));
    let (caret, t) = caret_at_80x24(&app);
    assert_eq!(caret, Some(right_of(position_of(&t, "zzq"), 3)));

    let mut app = reviewing();
    act(&mut app, Action::Comment);
    type_text(&mut app, "Worth a follow-up", at(NOW));
    let (caret, t) = caret_at_80x24(&app);
    assert_eq!(
        caret,
        Some(right_of(position_of(&t, "Worth a follow-up"), 17))
    );
}

#[test]
fn the_cursor_is_hidden_when_no_field_has_the_keyboard() {
    let mut list = on_question_two();
    step(&mut list, Action::SelectInsights, at("10:10:00"));
    let mut review_list = reviewing();
    act(&mut review_list, Action::Down);
    for (name, app) in [
        ("insight list", list),
        ("help over the capture line", with_help(on_question_two())),
        ("home", home()),
        ("review list", review_list),
        ("participants", with_participants(on_question_two())),
    ] {
        let (caret, t) = caret_at_80x24(&app);
        assert_eq!(caret, None, "{name}:\n{}", screen_text(&t));
    }
}
