//! Any size: a too-small window asks for more room, and no screen panics in
//! any terminal from 0×0 up, however small.

use super::fixtures::{
    at, editing, moving, on_question_two, participant_form, step, time_up, wide_text, with_help,
    with_participants, wrap_up,
};
use super::home_fixtures::{
    home, home_empty, new_session_form, new_session_form_with_bad_date, new_session_form_with_error,
};
use super::screen::{draw, screen_text};
use super::snapshot;
use stb::app::{Action, App};

#[test]
fn too_small_screen_asks_for_more_room() {
    let t = draw(&on_question_two(), 40, 10);
    let text = screen_text(&t);
    snapshot("too_small_40x10", &t);
    assert!(text.contains("Please enlarge the window"), "{text}");
    assert!(text.contains("this is 40×10"), "{text}");
    assert!(!text.contains("Question 2"), "{text}");
}

/// Every screen, plus the popups that have no snapshot of their own.
pub(super) fn every_screen() -> Vec<(&'static str, App)> {
    let mut failed_save = on_question_two();
    step(
        &mut failed_save,
        Action::Saved(Err("cannot save /sessions/x.ron: disk full".into())),
        at("10:10:00"),
    );
    vec![
        ("home", home()),
        ("home empty", home_empty()),
        ("new session", new_session_form()),
        ("new session error", new_session_form_with_error()),
        ("question", on_question_two()),
        ("time up", time_up()),
        ("wrap-up", wrap_up()),
        ("help", with_help(on_question_two())),
        ("help at wrap-up", with_help(wrap_up())),
        ("participants", with_participants(on_question_two())),
        ("new session bad date", new_session_form_with_bad_date()),
        ("edit", editing()),
        ("move", moving()),
        ("participant form", participant_form()),
        ("wide text", wide_text()),
        ("failed save", failed_save),
    ]
}

#[test]
fn no_screen_panics_at_any_size() {
    // A coarse grid from nothing to very large, dense around the smallest
    // size the screens are laid out for (60×16), where layouts are tightest.
    let widths = [0, 1, 2, 10, 40, 59, 60, 61, 62, 79, 80, 120, 200];
    let heights = [0, 1, 2, 5, 10, 15, 16, 17, 18, 23, 24, 40, 60];
    for (name, app) in every_screen() {
        for &w in &widths {
            for &h in &heights {
                let drawn = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    screen_text(&draw(&app, w, h))
                }));
                let Ok(text) = drawn else {
                    panic!("{name} panicked at {w}×{h}");
                };
                let too_small = w < stb::ui::MIN_WIDTH || h < stb::ui::MIN_HEIGHT;
                if too_small && w >= 25 && h >= 1 {
                    assert!(
                        text.contains("Please enlarge the window"),
                        "{name} at {w}×{h}:\n{text}"
                    );
                }
            }
        }
    }
}
