//! Two laptops in one room, driven by actions alone: each merges the
//! other's copy as it arrives, keeps its own typing and selection, follows
//! the lead's question and timer, and undoes only its own changes.

use super::super::Context;
use super::super::tests::{at, type_line};
use super::*;
use crate::model::Stage;
use jiff::Timestamp;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn laptop(device: &str, session: &Session) -> App {
    let config = super::super::Config {
        sessions_dir: "/room".into(),
        bell: false,
        device: device.into(),
        time_zone: jiff::tz::TimeZone::UTC,
        palette: Default::default(),
    };
    let mut app = App::new(config, at(0));
    let own = PathBuf::from(format!("/room/r@{device}.ron"));
    let effects = app.update(Action::Joined(Box::new((own, session.clone()))), at(0));
    assert!(
        effects.contains(&Effect::Save),
        "the own copy is written at once"
    );
    app.update(Action::Saved(Ok(at(0))), at(0));
    app
}

/// Types a line, presses Enter, and the save lands.
fn enter(app: &mut App, text: &str, now: Timestamp) {
    type_line(app, text, now);
    app.update(Action::Saved(Ok(now)), now);
}

fn room() -> (App, App) {
    let session = crate::room::test_session("ann", at(0));
    (laptop("ann", &session), laptop("bob", &session))
}

fn view(app: &App) -> &Session {
    &app.workshop().unwrap().session
}

/// What the runner does when the other laptop's copy lands.
fn deliver(from: &App, to: &mut App, now: Timestamp) -> Vec<Effect> {
    let theirs = view(from).clone();
    let effects = to.update(Action::PeerNews(Box::new(theirs)), now);
    to.update(Action::Saved(Ok(now)), now);
    effects
}

fn live_texts(app: &App) -> Vec<&str> {
    let mut texts: Vec<&str> = view(app).live_insights().map(|i| i.text.as_str()).collect();
    texts.sort_unstable();
    texts
}

fn type_keys(app: &mut App, text: &str) {
    for c in text.chars() {
        let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        app.update(Action::Input(key), at(9));
    }
}

#[test]
fn each_laptop_shows_both_laptops_insights_without_losing_its_typing() {
    let (mut ann, mut bob) = room();
    enter(&mut ann, "ann's first", at(1));
    enter(&mut bob, "bob's first", at(2));
    enter(&mut bob, "bob's second", at(3));
    bob.update(Action::SelectInsights, at(4));
    bob.update(Action::Up, at(4));
    let selected = bob.workshop().unwrap().selected_insight();
    type_keys(&mut ann, "half a li");

    let effects = deliver(&bob, &mut ann, at(5));
    assert_eq!(
        effects,
        vec![Effect::Save],
        "the union goes into ann's copy"
    );
    deliver(&ann, &mut bob, at(5));
    for app in [&ann, &bob] {
        assert_eq!(
            live_texts(app),
            ["ann's first", "bob's first", "bob's second"]
        );
    }
    assert_eq!(ann.workshop().unwrap().capture.lines(), ["half a li"]);
    assert_eq!(
        bob.workshop().unwrap().selected_insight(),
        selected,
        "bob's selection stays on the insight he chose"
    );
    assert_eq!(bob.context(), Context::List);
    // Nothing new: no save, and no loop of saves between the laptops.
    assert!(deliver(&ann, &mut bob, at(6)).is_empty());
    assert_eq!(view(&ann), view(&bob));
}

#[test]
fn the_question_and_timer_follow_the_lead() {
    let (mut ann, mut bob) = room();
    assert_eq!(bob.following(), Some("ann"));
    assert_eq!(ann.following(), None);
    for action in [
        Action::NextQuestion,
        Action::ToggleTimer,
        Action::AddTime(5),
    ] {
        bob.update(action, at(1));
        assert_eq!(
            bob.message.as_deref(),
            Some("The question and timer follow ann's laptop")
        );
    }
    assert_eq!(view(&bob).stage, Stage::Question(1));
    assert!(view(&bob).timeline[0].started.is_none());

    ann.update(Action::ToggleTimer, at(2));
    ann.update(Action::NextQuestion, at(3));
    ann.update(Action::ToggleTimer, at(4));
    deliver(&ann, &mut bob, at(5));
    assert_eq!(view(&bob).stage, Stage::Question(2));
    assert!(crate::timer::is_running(&view(&bob).timeline[1]));
    // Bob's next line answers the question the room is on.
    enter(&mut bob, "on question two", at(6));
    let line = view(&bob).live_insights().next().unwrap();
    assert_eq!((line.question, line.author.as_str()), (2, "bob"));
    // Bob leaving does not pause the room's timer.
    bob.update(Action::Quit, at(7));
    assert!(crate::timer::is_running(&view(&bob).timeline[1]));
}

#[test]
fn undo_on_one_laptop_undoes_only_its_own_changes() {
    let (mut ann, mut bob) = room();
    enter(&mut bob, "bob's line", at(1));
    deliver(&bob, &mut ann, at(2));
    enter(&mut ann, "ann's line", at(3));
    deliver(&ann, &mut bob, at(4));
    assert_eq!(live_texts(&bob), ["ann's line", "bob's line"]);

    // Ann's line is the newest on Bob's screen, but Bob's undo takes back
    // Bob's own last step.
    bob.update(Action::Undo, at(5));
    assert_eq!(live_texts(&bob), ["ann's line"]);
    deliver(&bob, &mut ann, at(6));
    assert_eq!(live_texts(&ann), ["ann's line"]);
    // And Ann's undo takes back hers, not Bob's.
    ann.update(Action::Undo, at(7));
    deliver(&ann, &mut bob, at(8));
    assert!(live_texts(&ann).is_empty());
    assert_eq!(view(&ann), view(&bob));
    bob.update(Action::Redo, at(9));
    deliver(&bob, &mut ann, at(10));
    assert_eq!(live_texts(&ann), ["bob's line"]);
}

#[test]
fn authors_show_once_a_second_laptop_has_captured() {
    let (mut ann, mut bob) = room();
    enter(&mut ann, "one", at(1));
    assert!(!shows_authors(ann.workshop().unwrap()));
    enter(&mut bob, "two", at(2));
    deliver(&bob, &mut ann, at(3));
    assert!(shows_authors(ann.workshop().unwrap()));
}
