//! A session on a set of twelve questions: moving an insight to any of
//! them, and stepping through all twelve to the wrap-up.

use super::tests::{at, save, type_line};
use super::*;
use crate::model::{Place, QuestionSet, Session, SessionDetails, Stage};

/// The app with a session open on twelve questions.
fn app_on_twelve() -> App {
    let mut app = super::tests::app_with_session();
    let stamp = app.clock.stamp_at(at(0));
    let mut set = QuestionSet::default_set();
    let question = set.questions[0].clone();
    set.questions = (1..=12)
        .map(|i| crate::model::QuestionDef {
            title: format!("Topic {i}"),
            ..question.clone()
        })
        .collect();
    let details = SessionDetails {
        title: "Day".into(),
        place: Place::default(),
        facilitator: "Morag".into(),
        ..Default::default()
    };
    let session = Session::new(details, stamp.clone()).with_question_set(&set, &stamp);
    app.update(
        Action::Opened(Box::new(("/sessions/d.ron".into(), session))),
        at(0),
    );
    app
}

fn questions_of(app: &App) -> Vec<usize> {
    let session = &app.workshop().unwrap().session;
    session.insights.iter().map(|i| i.question).collect()
}

#[test]
fn with_twelve_questions_one_then_two_moves_to_twelve_and_arrows_pick_any() {
    let mut app = app_on_twelve();
    let effects = type_line(&mut app, "first", at(1));
    save(&mut app, effects, at(1));
    type_line(&mut app, "second", at(2));
    app.update(Action::SelectInsights, at(3));
    app.update(Action::Move, at(3));
    app.update(Action::MoveTo(1), at(3));
    assert_eq!(app.context(), Context::Move, "1 waits for a second digit");
    app.update(Action::MoveTo(2), at(3));
    assert_eq!(questions_of(&app), [1, 12]);
    assert_eq!(
        app.message.as_deref(),
        Some("Moved “second” to question 12 · Ctrl+Z undoes")
    );
    app.update(Action::Move, at(4));
    app.update(Action::Down, at(4));
    app.update(Action::Down, at(4));
    app.update(Action::Submit, at(4));
    assert_eq!(questions_of(&app), [3, 12], "↓ ↓ Enter: question 3");
    app.update(Action::Undo, at(5));
    assert_eq!(questions_of(&app), [1, 12]);
}

#[test]
fn a_number_past_the_set_is_refused_and_choosing_goes_on() {
    let mut app = app_on_twelve();
    type_line(&mut app, "first", at(1));
    app.update(Action::SelectInsights, at(2));
    app.update(Action::Move, at(2));
    app.update(Action::MoveTo(1), at(2));
    app.update(Action::MoveTo(5), at(2));
    assert_eq!(app.message.as_deref(), Some("There is no question 15"));
    assert_eq!(app.context(), Context::Move);
    app.update(Action::MoveTo(9), at(2));
    assert_eq!(questions_of(&app), [9]);
}

#[test]
fn twelve_questions_lead_to_the_wrap_up() {
    let mut app = app_on_twelve();
    for _ in 0..11 {
        app.update(Action::NextQuestion, at(1));
    }
    let stage = |app: &App| app.workshop().unwrap().session.stage;
    assert_eq!(stage(&app), Stage::Question(12));
    app.update(Action::NextQuestion, at(2));
    assert_eq!(stage(&app), Stage::WrapUp);
    app.update(Action::PrevQuestion, at(3));
    assert_eq!(stage(&app), Stage::Question(12));
}
