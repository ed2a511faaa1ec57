//! The capture screen, the move popup and the wrap-up on sets other than
//! the four questions: "Rebalancing the Power" (five) and a whole day of
//! twelve, at 80×24.

use super::fixtures::{at, capture, config, pembrokeshire, session_path, step};
use super::screen::{count_in, draw, screen_text};
use super::snapshot;
use stb::app::{Action, App};
use stb::model::{QuestionDef, QuestionSet};

/// Twelve questions, "Topic 1" to "Topic 12", with 10 to 21 minutes each.
fn a_whole_day() -> QuestionSet {
    let question = |i: u32| QuestionDef {
        title: format!("Topic {i}"),
        text: format!("What did the room say about topic {i}?"),
        prompts: vec![format!("A first prompt on {i}"), format!("A second on {i}")],
        timebox_minutes: 9 + i,
        modified: None,
    };
    QuestionSet {
        name: "A whole day".into(),
        description: String::new(),
        questions: (1..=12).map(question).collect(),
    }
}

/// The Pembrokeshire workshop on `set`, one insight on each question (the
/// first and last starred), ending on the last question with its timer
/// running.
fn on_set(set: &QuestionSet) -> App {
    let mut app = App::new(config(), at("09:55:00"));
    let stamp = stb::model::StampClock::new("test").stamp_at(at("09:30:00"));
    let session = pembrokeshire().with_question_set(set, &stamp);
    step(
        &mut app,
        Action::Opened(Box::new((session_path(), session))),
        at("09:55:00"),
    );
    let n = set.questions.len();
    for q in 1..=n {
        let minute = 9 + q;
        capture(
            &mut app,
            &format!(
                "On {} the room said something @Ann #lesson",
                set.questions[q - 1].title
            ),
            at(&format!("10:{minute:02}:00")),
        );
        if q == 1 || q == n {
            step(
                &mut app,
                Action::SelectInsights,
                at(&format!("10:{minute:02}:10")),
            );
            step(&mut app, Action::Star, at(&format!("10:{minute:02}:10")));
            step(
                &mut app,
                Action::FocusCapture,
                at(&format!("10:{minute:02}:10")),
            );
        }
        if q < n {
            step(
                &mut app,
                Action::NextQuestion,
                at(&format!("10:{minute:02}:30")),
            );
        }
    }
    step(&mut app, Action::ToggleTimer, at("10:30:00"));
    step(&mut app, Action::Tick, at("10:33:20"));
    app
}

fn wrapped_up(mut app: App) -> App {
    step(&mut app, Action::NextQuestion, at("10:40:00"));
    app
}

#[test]
fn five_questions_capture_screen_80x24() {
    let set = &QuestionSet::built_in()[2];
    let t = draw(&on_set(set), 80, 24);
    let text = screen_text(&t);
    snapshot("question_set_five_capture_80x24", &t);
    assert!(
        text.contains("Question 5 of 5 · Small actions, shared endeavour"),
        "{text}"
    );
    assert!(text.contains("11:40 left"), "15 minutes, 3:20 gone\n{text}");
}

#[test]
fn five_questions_wrap_up_80x24() {
    let set = &QuestionSet::built_in()[2];
    let t = draw(&wrapped_up(on_set(set)), 80, 24);
    let text = screen_text(&t);
    snapshot("question_set_five_wrap_up_80x24", &t);
    assert!(text.contains("5 questions"), "{text}");
    assert!(
        text.contains("Questions: Q1 1 · Q2 1 · Q3 1 · Q4 1 ·"),
        "{text}"
    );
    assert!(text.contains("Q5 1"), "{text}");
    assert!(text.contains("★ Starred (2)"), "{text}");
}

#[test]
fn twelve_questions_capture_screen_80x24() {
    let t = draw(&on_set(&a_whole_day()), 80, 24);
    let text = screen_text(&t);
    snapshot("question_set_twelve_capture_80x24", &t);
    assert!(text.contains("Question 12 of 12 · Topic 12"), "{text}");
    assert!(
        text.contains("On Topic 12 the room said something"),
        "{text}"
    );
}

#[test]
fn twelve_questions_wrap_up_80x24() {
    let t = draw(&wrapped_up(on_set(&a_whole_day())), 80, 24);
    let text = screen_text(&t);
    snapshot("question_set_twelve_wrap_up_80x24", &t);
    assert!(text.contains("12 questions"), "{text}");
    assert!(
        text.contains("Q11 1 · Q12 1"),
        "every question counted\n{text}"
    );
    assert!(text.contains("Lesson 12"), "{text}");
}

#[test]
fn twelve_questions_wrap_up_120x40_names_every_question() {
    let t = draw(&wrapped_up(on_set(&a_whole_day())), 120, 40);
    let text = screen_text(&t);
    for title in ["1. Topic 1", "9. Topic 9", "12. Topic 12"] {
        assert_eq!(count_in(&text, title), 1, "{title}\n{text}");
    }
}

#[test]
fn twelve_questions_move_popup_80x24() {
    let mut app = on_set(&a_whole_day());
    step(&mut app, Action::SelectInsights, at("10:34:00"));
    step(&mut app, Action::Move, at("10:34:00"));
    step(&mut app, Action::MoveTo(1), at("10:34:00"));
    let t = draw(&app, 80, 24);
    let text = screen_text(&t);
    snapshot("question_set_twelve_move_80x24", &t);
    assert!(text.contains("12  Topic 12 (it is here now)"), "{text}");
    assert!(text.contains("1_ · 0–2 for 10–12 · Enter for 1"), "{text}");
}
