//! The parking lot and "What we agreed to do" on the wrap-up, and the
//! quiet "parked: N" on the question screen, built through the keys a
//! facilitator presses: `>owner !date` on the capture line, the parking
//! chord, and `p` on the wrap-up to put one back.

use super::fixtures::{at, capture, on_question_two, step, type_text};
use super::screen::{draw, row_index, screen_text};
use super::snapshot;
use stb::app::{Action, App, Context};

/// Question 2 of the Pembrokeshire workshop (Sunday 22 November 2026) with
/// three actions and two parked remarks, then on to the wrap-up.
fn with_actions_and_parked() -> App {
    let mut app = on_question_two();
    capture(
        &mut app,
        "Write to the bus company about evening routes >bryn !fri",
        at("10:10:00"),
    );
    capture(
        &mut app,
        "Keep the food hub open over Christmas >\"Pembrokeshire County Council\" !2026-12-18",
        at("10:11:00"),
    );
    capture(
        &mut app,
        "Find a home for the tool library #action",
        at("10:12:00"),
    );
    type_text(
        &mut app,
        "The car park charges are another meeting",
        at("10:13:00"),
    );
    step(&mut app, Action::Park, at("10:13:00"));
    step(&mut app, Action::NextQuestion, at("10:20:00"));
    type_text(
        &mut app,
        "Ask the health board about the data @Ann",
        at("10:21:00"),
    );
    step(&mut app, Action::Park, at("10:21:00"));
    app
}

fn at_the_wrap_up() -> App {
    let mut app = with_actions_and_parked();
    while app.context() != Context::WrapUp {
        step(&mut app, Action::NextQuestion, at("10:45:00"));
    }
    app
}

#[test]
fn the_question_screen_counts_the_parking_lot_quietly() {
    let text = screen_text(&draw(&with_actions_and_parked(), 80, 24));
    assert!(text.contains(" parked: 2 "), "{text}");
    assert!(!text.contains("health board"), "parked, not listed: {text}");
}

#[test]
fn the_wrap_up_lists_what_we_agreed_soonest_first_and_the_parking_lot() {
    let t = draw(&at_the_wrap_up(), 100, 40);
    let text = screen_text(&t);
    snapshot("wrap_up_lists_100x40", &t);
    assert!(text.contains("What we agreed to do (3)"), "{text}");
    // Friday 27 November comes before 18 December; undated ones last.
    let bus = row_index(&text, "☐ Write to the bus company");
    let hub = row_index(&text, "☐ Keep the food hub open");
    let tools = row_index(&text, "☐ Find a home for the tool library");
    assert!(bus < hub && hub < tools, "{text}");
    assert!(text.contains("→ Bryn Hughes, by Fri 27 Nov"), "{text}");
    assert!(
        text.contains("→ Pembrokeshire County Council, by Fri 18 Dec"),
        "{text}"
    );
    assert!(text.contains("→ nobody named yet"), "{text}");
    assert!(text.contains("Parking lot (2)"), "{text}");
    assert!(text.contains("p puts back"), "{text}");
    let car_park = row_index(&text, "Q2 The car park charges");
    let health = row_index(&text, "Q3 Ask the health board about the data — Ann");
    assert!(car_park < health, "by question: {text}");
}

#[test]
fn p_on_the_wrap_up_puts_the_selected_remark_back() {
    let mut app = at_the_wrap_up();
    step(&mut app, Action::NextParked, at("10:46:00"));
    step(&mut app, Action::Unpark, at("10:46:00"));
    let t = draw(&app, 80, 24);
    let text = screen_text(&t);
    snapshot("wrap_up_lists_80x24_after_unpark", &t);
    assert!(text.contains("Parking lot (1)"), "{text}");
    assert!(
        text.contains("What we agreed to do (3)") && text.contains("1 more "),
        "{text}"
    );
    assert!(
        text.contains("Put “Ask the health board about the data” back on question 3"),
        "{text}"
    );
}

/// On the review screen a parked insight stays under its question, said to
/// be parked, so a note-taker sees where it was raised.
#[test]
fn the_review_list_marks_a_parked_insight() {
    let session = with_actions_and_parked()
        .workshop()
        .unwrap()
        .session
        .clone();
    let file = stb::storage::SessionFile::Single(Box::new((*session).clone()));
    let mut app = App::new(super::fixtures::config(), at("14:00:00"));
    step(
        &mut app,
        Action::ReviewOpened(vec![("sessions/p.ron".into(), file)]),
        at("14:00:00"),
    );
    let text = screen_text(&draw(&app, 120, 40));
    let row = super::screen::row_with(&text, "The car park charges are another meeting");
    assert!(row.contains("(parked)"), "{text}");
    let row = super::screen::row_with(&text, "Write to the bus company");
    assert!(!row.contains("(parked)"), "{text}");
}
