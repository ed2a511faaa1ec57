//! The parking lot from the keyboard: the chord parks the line and stays,
//! `p` in the list parks an insight, `p` on the wrap-up puts one back, and
//! each is a step that undo names and takes back.

use super::tests::{app_with_session, at, session};
use super::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        app.update(Action::Input(key), at(1));
    }
}

fn press(app: &mut App, code: KeyCode, modifiers: KeyModifiers, now: i64) {
    let key = KeyEvent::new(code, modifiers);
    let action = keymap::action_for(app.context(), &key).expect("bound");
    app.update(action, at(now));
}

fn rows_of(app: &App, q: usize) -> Vec<String> {
    let w = app.workshop().unwrap();
    let rows = w.rows(q);
    rows.iter()
        .map(|&i| w.session.insights[i].text.clone())
        .collect()
}

#[test]
fn the_chord_parks_the_line_and_stays_on_the_question_and_the_line() {
    let mut app = app_with_session();
    type_text(&mut app, "Said on question one");
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE, 2);
    type_text(&mut app, "The car park is for another day");
    press(&mut app, KeyCode::Enter, KeyModifiers::ALT, 3);
    assert_eq!(app.context(), Context::Capture);
    let w = app.workshop().unwrap();
    assert_eq!(w.session.stage, crate::model::Stage::Question(1));
    assert_eq!(w.capture.lines().join(""), "");
    let parked = &session(&app).insights[1];
    assert!(parked.parked);
    assert_eq!(parked.question, 1);
    assert_eq!(rows_of(&app, 1), ["Said on question one"]);
    assert_eq!(w.parked_count(), 1);
    assert_eq!(app.message.as_deref(), Some("Parked: 1 in the parking lot"));

    // Ctrl+O does the same, for terminals that keep Alt+Enter.
    type_text(&mut app, "And the bins");
    press(&mut app, KeyCode::Char('o'), KeyModifiers::CONTROL, 4);
    assert_eq!(app.workshop().unwrap().parked_count(), 2);
}

#[test]
fn the_wrap_up_puts_a_parked_line_back_and_undo_parks_it_again() {
    let mut app = app_with_session();
    type_text(&mut app, "Kept here");
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE, 2);
    type_text(&mut app, "Parked one");
    press(&mut app, KeyCode::Enter, KeyModifiers::ALT, 3);
    app.update(Action::NextQuestion, at(4));
    type_text(&mut app, "Parked two");
    press(&mut app, KeyCode::Enter, KeyModifiers::ALT, 5);
    while app.context() != Context::WrapUp {
        app.update(Action::NextQuestion, at(6));
    }
    press(&mut app, KeyCode::Char(']'), KeyModifiers::NONE, 7);
    press(&mut app, KeyCode::Char('p'), KeyModifiers::NONE, 8);
    assert_eq!(
        app.message.as_deref(),
        Some("Put “Parked two” back on question 2 · Ctrl+Z undoes")
    );
    assert_eq!(rows_of(&app, 2), ["Parked two"]);
    app.update(Action::Undo, at(9));
    assert!(rows_of(&app, 2).is_empty(), "undo parks it again");
    assert_eq!(app.workshop().unwrap().parked_count(), 2);
}

#[test]
fn p_in_the_list_parks_the_selected_insight() {
    let mut app = app_with_session();
    for text in ["One", "Two"] {
        type_text(&mut app, text);
        press(&mut app, KeyCode::Enter, KeyModifiers::NONE, 2);
    }
    app.update(Action::SelectInsights, at(3));
    press(&mut app, KeyCode::Char('p'), KeyModifiers::NONE, 4);
    assert_eq!(rows_of(&app, 1), ["One"]);
    assert_eq!(app.message.as_deref(), Some("Parked “Two” · Ctrl+Z undoes"));
    app.update(Action::Undo, at(5));
    assert_eq!(rows_of(&app, 1), ["One", "Two"]);
}
