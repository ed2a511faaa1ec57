//! The agenda at a glance on the capture screen: every question's planned
//! time as a bar in the header, filled as its timer runs, the overrun
//! marked, the session's time against its plan, and the timer's cue at five
//! minutes and one minute left.

use super::fixtures::{at, on_question_two, step, time_up};
use super::screen::{background_of, draw, screen_text};
use ratatui::style::Color;
use stb::app::Action;

/// The header row: the first line of the screen.
fn header(text: &str) -> &str {
    text.lines().next().unwrap()
}

#[test]
fn the_header_shows_each_question_planned_and_the_time_run() {
    let text = screen_text(&draw(&on_question_two(), 80, 24));
    let header = header(&text);
    assert!(header.ends_with("08:30/1:20:00"), "{header}");
    let bar: String = header.chars().filter(|c| "█░▓│".contains(*c)).collect();
    assert_eq!(bar.matches('│').count(), 3, "four questions: {header}");
    assert!(bar.contains('█') && !bar.contains('▓'), "{header}");
}

#[test]
fn an_overrun_is_marked_past_its_question() {
    let text = screen_text(&draw(&time_up(), 80, 24));
    let header = header(&text);
    assert!(
        header.contains("████▓│"),
        "question 2 over its 20 minutes: {header}"
    );
    assert!(header.ends_with("22:15/1:20:00"), "{header}");
}

#[test]
fn the_timer_turns_at_five_minutes_and_one_minute_left() {
    let mut app = on_question_two();
    let soon = |app: &stb::app::App| {
        let t = draw(app, 80, 24);
        let text = screen_text(&t);
        assert!(text.contains("left"), "{text}");
        let needle = text
            .lines()
            .nth(1)
            .and_then(|l| {
                l.find("⏱")
                    .map(|i| l[i..].split(" left").next().unwrap().to_owned())
            })
            .unwrap();
        background_of(&t, &needle)
    };
    assert_ne!(soon(&app), Color::Yellow, "15 minutes left: no cue");
    // Started at 10:01 with 20 minutes: five minutes left at 10:16.
    step(&mut app, Action::Tick, at("10:16:00"));
    assert_eq!(soon(&app), Color::Yellow, "five minutes left");
    step(&mut app, Action::Tick, at("10:20:30"));
    assert_eq!(soon(&app), Color::Yellow, "thirty seconds left");
}
