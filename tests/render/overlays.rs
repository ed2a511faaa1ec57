//! What opens over the question screen: help, the participants panel, and
//! the edit, move and participant-form popups.

use super::fixtures::{
    at, editing, moving, on_question_two, participant_form, step, with_help, with_participants,
};
use super::screen::{draw, row_with, screen_text};
use super::snapshot;
use stb::app::Action;

#[test]
fn help_overlay_lists_keys_and_marks_where_you_are() {
    let t = draw(&with_help(on_question_two()), 80, 24);
    let text = screen_text(&t);
    snapshot("help_80x24", &t);
    assert!(text.contains("Help · every key"), "{text}");
    assert!(text.contains("▸ Capture line"), "{text}");
    assert!(text.contains("save and quit"), "{text}");
    let t = draw(&with_help(on_question_two()), 120, 40);
    snapshot("help_120x40", &t);
    assert!(screen_text(&t).contains("▸ Capture line"));
}

#[test]
fn help_opens_at_the_panel_it_was_asked_from_and_scrolls_to_its_end() {
    let mut app = with_participants(on_question_two());
    step(&mut app, Action::Resized(80, 24), at("10:10:00"));
    step(&mut app, Action::ToggleHelp, at("10:10:00"));
    let text = screen_text(&draw(&app, 80, 24));
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[3].contains("▸ Participants (you are here)"),
        "the panel's own keys come first:\n{text}"
    );
    step(&mut app, Action::Last, at("10:10:00"));
    let at_end = screen_text(&draw(&app, 80, 24));
    let last = stb::app::keymap::help::lines(stb::app::Context::Roster)
        .last()
        .unwrap()
        .text();
    let rows: Vec<&str> = at_end.lines().collect();
    assert!(
        rows[rows.len() - 3].contains(last.trim()),
        "End shows the last line at the foot:\n{at_end}"
    );
    // One page up from the end moves the view at once.
    step(&mut app, Action::PageUp, at("10:10:00"));
    assert_ne!(screen_text(&draw(&app, 80, 24)), at_end);
    step(&mut app, Action::First, at("10:10:00"));
    assert_eq!(screen_text(&draw(&app, 80, 24)), text);
}

#[test]
fn participants_panel_shows_the_roster() {
    let t = draw(&with_participants(on_question_two()), 80, 24);
    let text = screen_text(&t);
    snapshot("participants_80x24", &t);
    assert!(text.contains("Participants (3)"), "{text}");
    let ann = row_with(&text, "Ann Jones");
    assert!(ann.contains("› "), "first is selected: {ann:?}");
    assert!(ann.contains("Public") && ann.contains("given"), "{ann:?}");
    let bryn = row_with(&text, "Bryn Hughes");
    assert!(bryn.contains("PAVS") && bryn.contains("VCSE"), "{bryn:?}");
    assert!(bryn.trim_end_matches([' ', '│']).ends_with('2'), "{bryn:?}");
    let sian = row_with(&text, "Siân Lloyd");
    assert!(sian.contains("not recorded"), "{sian:?}");
}

#[test]
fn edit_popup_holds_the_insight_as_a_capture_line() {
    let t = draw(&editing(), 80, 24);
    let text = screen_text(&t);
    snapshot("edit_80x24", &t);
    assert!(text.contains("Edit insight"), "{text}");
    // The line wraps in the popup, so its words are checked one by one.
    for word in [
        "Officers answered their phones at weekends, so trust grew",
        "@Bryn_Hughes",
        "enabler",
    ] {
        assert!(text.contains(word), "{word}\n{text}");
    }
}

#[test]
fn move_popup_lists_the_questions() {
    let t = draw(&moving(), 80, 24);
    let text = screen_text(&t);
    snapshot("move_80x24", &t);
    assert!(text.contains("Move insight to question"), "{text}");
    for q in [
        "1  Good practices",
        "2  Shifting relationships",
        "3  Less-advantaged communities",
        "4  Sustaining the change",
    ] {
        assert!(text.contains(q), "{q}\n{text}");
    }
}

#[test]
fn participant_form_refuses_a_nameless_participant() {
    let t = draw(&participant_form(), 80, 24);
    let text = screen_text(&t);
    snapshot("participant_form_80x24", &t);
    assert!(text.contains("Add participant"), "{text}");
    assert!(text.contains("✗ A participant needs a name"), "{text}");
    assert!(
        row_with(&text, "◀ Not recorded ▶").contains("Sector"),
        "a new person's sector starts unrecorded: {text}"
    );
}

/// The popups changed by room-proof capture, at the larger size too.
#[test]
fn popups_at_120x40() {
    for (name, app) in [
        ("participants_120x40", with_participants(on_question_two())),
        ("move_120x40", moving()),
        ("edit_120x40", editing()),
        ("participant_form_120x40", participant_form()),
    ] {
        let t = draw(&app, 120, 40);
        snapshot(name, &t);
        let text = screen_text(&t);
        assert!(
            text.contains("Ctrl+Z undo") || text.contains("undo"),
            "{name}:\n{text}"
        );
    }
}
