//! An 80×24 terminal is enough to run a question: the prompts fold away by
//! themselves so eight one-line insights show, F3 brings them back (or hides
//! them), and a capture line longer than its box always shows the row with
//! the cursor.

use super::fixtures::{at, capture, key, on_question_two, step, type_text};
use super::screen::{draw, row_index, screen_text};
use ratatui::backend::Backend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use stb::app::{Action, App, Context, keymap};

/// Question 3 (the longest question) with twelve one-line insights.
fn twelve_short_insights() -> App {
    let mut app = on_question_two();
    step(&mut app, Action::NextQuestion, at("10:30:00"));
    for n in 1..=12 {
        capture(&mut app, &format!("Short point {n:02}"), at("10:31:00"));
    }
    app
}

/// F3 on the capture line, through the key table as the loop reads it.
fn press_f3(app: &mut App) {
    let f3 = KeyEvent::new(KeyCode::F(3), KeyModifiers::NONE);
    let action = keymap::action_for(Context::Capture, &f3).expect("F3 is bound");
    assert!(matches!(action, Action::TogglePrompts), "{action:?}");
    step(app, action, at("10:32:00"));
}

const PROMPT: &str = "Which communities were hardest hit";

#[test]
fn eighty_by_twenty_four_shows_at_least_eight_one_line_insights() {
    let t = draw(&twelve_short_insights(), 80, 24);
    let text = screen_text(&t);
    let shown = (1..=12)
        .filter(|n| text.contains(&format!("Short point {n:02}")))
        .count();
    assert!(shown >= 8, "{shown} of 12 insights on screen:\n{text}");
    assert!(text.contains("Short point 12"), "the newest shows:\n{text}");
    assert!(!text.contains(PROMPT), "the prompts folded away:\n{text}");
    assert!(
        text.contains("3 prompts hidden · F3 shows them"),
        "the box says what is folded and the key:\n{text}"
    );
}

#[test]
fn the_prompts_show_with_room_and_after_the_key_at_80x24() {
    let mut app = twelve_short_insights();
    let text = screen_text(&draw(&app, 120, 40));
    assert!(text.contains(PROMPT), "room for them at 120×40:\n{text}");
    assert!(!text.contains("prompts hidden"), "{text}");

    press_f3(&mut app);
    let text = screen_text(&draw(&app, 80, 24));
    assert!(text.contains(PROMPT), "F3 shows them at 80×24:\n{text}");
    assert!(text.contains("What would centre their voices"), "{text}");
    assert!(
        text.contains("Short point 12"),
        "the newest still shows:\n{text}"
    );

    press_f3(&mut app);
    for (w, h) in [(80, 24), (120, 40)] {
        let text = screen_text(&draw(&app, w, h));
        assert!(!text.contains(PROMPT), "F3 again hides them at {w}×{h}");
        assert!(text.contains("3 prompts hidden · F3 shows them"), "{text}");
    }
}

#[test]
fn a_long_capture_line_shows_the_row_with_the_cursor() {
    let mut app = on_question_two();
    let now = at("10:10:00");
    let words: Vec<String> = (1..=81).map(|n| format!("w{n:03}")).collect();
    let line = words.join(" ");
    assert!(line.len() >= 400, "{}", line.len());
    type_text(&mut app, &line, now);

    // At the end: the last words, and the cursor just after them.
    let mut t = draw(&app, 80, 24);
    let text = screen_text(&t);
    let caret = t.backend_mut().get_cursor_position().unwrap();
    assert!(t.backend().cursor_visible());
    assert!(text.contains("w081"), "{text}");
    assert_eq!(caret.y as usize, row_index(&text, "w081"));
    assert!(!text.contains("w001 "), "the start scrolled away:\n{text}");

    // Home: the first row comes back, with the cursor on its first cell.
    step(&mut app, key(KeyCode::Home), now);
    let mut t = draw(&app, 80, 24);
    let text = screen_text(&t);
    let caret = t.backend_mut().get_cursor_position().unwrap();
    assert_eq!(caret.y as usize, row_index(&text, "w001 "), "{text}");
    assert_eq!(caret.x, 1, "on the first cell inside the box");
    assert_eq!(t.backend().buffer()[caret].symbol(), "w");
    assert!(!text.contains("w081"), "{text}");
}
