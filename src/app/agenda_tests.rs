//! The agenda's cues in `update`: the bell rings at five minutes left, at
//! one minute and at time up, once each, and again after time is added.

use super::tests::{app_with_session, at, save};
use super::*;

#[test]
fn the_bell_rings_at_five_minutes_one_minute_and_time_up_once_each() {
    let mut app = app_with_session();
    let effects = app.update(Action::ToggleTimer, at(0));
    save(&mut app, effects, at(0));
    let bell = vec![Effect::Bell];
    assert!(app.update(Action::Tick, at(15 * 60 - 1)).is_empty());
    assert_eq!(
        app.update(Action::Tick, at(15 * 60)),
        bell,
        "five minutes left"
    );
    assert!(app.update(Action::Tick, at(15 * 60 + 1)).is_empty());
    assert_eq!(
        app.update(Action::Tick, at(19 * 60)),
        bell,
        "one minute left"
    );
    assert!(app.update(Action::Tick, at(19 * 60 + 30)).is_empty());
    assert_eq!(app.update(Action::Tick, at(20 * 60)), bell, "time up");
    assert!(app.update(Action::Tick, at(21 * 60)).is_empty());
    let effects = app.update(Action::AddTime(5), at(21 * 60));
    save(&mut app, effects, at(21 * 60));
    assert_eq!(
        app.update(Action::Tick, at(21 * 60 + 1)),
        bell,
        "four minutes left of the extended timebox: the five-minute cue again"
    );
}
