//! The screens before a workshop: the home list of sessions (with an
//! unreadable file and with none at all) and the new-session form.

use super::fixtures::{at, config, step};
use super::home_fixtures::{
    home, home_empty, home_filling, home_folder, masked, new_session_form,
    new_session_form_with_bad_date, new_session_form_with_error,
};
use super::screen::{draw, row_index, row_with, screen_text};
use super::snapshot;
use stb::app::{Action, App, Screen};

#[test]
fn home_lists_sessions_newest_first_and_names_the_broken_file() {
    let app = home();
    let t = draw(&app, 100, 20);
    let text = screen_text(&t);
    snapshot("home_100x20", &t);
    assert!(text.contains("Sessions in /sessions"), "{text}");
    assert!(text.contains("Sessions (4)"), "{text}");
    let order = [
        "Community power after the pandemic",
        "Mutual aid and the council",
        "Neighbourhood networks in Leeds",
        "unreadable",
    ];
    let rows: Vec<usize> = order.iter().map(|n| row_index(&text, n)).collect();
    assert!(
        rows.is_sorted(),
        "newest first, broken last: {rows:?}\n{text}"
    );
    let pembs = row_with(&text, "Community power after the pandemic");
    assert!(pembs.contains("› "), "the newest is selected: {pembs:?}");
    assert!(pembs.contains("2026-11-22") && pembs.contains("Pembrokeshire, Wales"));
    assert!(
        pembs.trim_end_matches([' ', '│']).ends_with("11"),
        "{pembs:?}"
    );
    let glasgow = row_with(&text, "Mutual aid and the council");
    assert!(glasgow.contains("Glasgow, Scotland"), "{glasgow:?}");
    assert!(
        glasgow.trim_end_matches([' ', '│']).ends_with('2'),
        "{glasgow:?}"
    );
    let broken = row_with(&text, "unreadable");
    assert!(broken.contains("broken.ron:3:10:"), "{broken:?}");
    assert!(
        !text.contains("/tmp"),
        "temporary paths are masked:\n{text}"
    );
}

#[test]
fn home_while_filling_in_shows_names_then_details_then_counts() {
    let app = home_filling();
    let t = draw(&app, 100, 20);
    let text = screen_text(&t);
    snapshot("home_filling_100x20", &t);
    assert!(text.contains("Sessions (4, reading 3)"), "{text}");
    let leeds = row_with(&text, "Neighbourhood networks in Leeds");
    assert!(leeds.contains("› "), "the selection is kept: {leeds:?}");
    assert!(leeds.contains("2026-09-15") && leeds.contains("Leeds, England"));
    assert!(
        leeds.trim_end_matches([' ', '│']).ends_with('…'),
        "not counted yet: {leeds:?}"
    );
    let pembs = row_with(&text, "Community power after the pandemic");
    assert!(
        pembs.trim_end_matches([' ', '│']).ends_with("11"),
        "{pembs:?}"
    );
    let broken = row_with(&text, "broken.ron");
    assert!(
        !broken.contains("unreadable"),
        "not read yet, only named: {broken:?}"
    );
}

fn selected_file(app: &App) -> String {
    let Screen::Home(home) = &app.screen else {
        panic!("not on Home")
    };
    let path = &home.listed[home.selected].path;
    path.file_name().unwrap().to_string_lossy().into_owned()
}

#[test]
fn rows_read_later_keep_the_selection_and_end_as_a_full_listing() {
    let dir = home_folder();
    let mut names = stb::storage::list_names(dir.path());
    let mut app = App::new(config(), at("09:00:00"));
    step(
        &mut app,
        Action::Listed(masked(names.clone(), &dir)),
        at("09:00:00"),
    );
    let glasgow = "2026-10-08-glasgow.ron";
    while selected_file(&app) != glasgow {
        step(&mut app, Action::Down, at("09:00:00"));
    }
    stb::storage::read_heads(&mut names);
    step(
        &mut app,
        Action::ListedMore(masked(names, &dir)),
        at("09:00:01"),
    );
    assert_eq!(selected_file(&app), glasgow);
    let full = stb::storage::list_sessions(dir.path());
    // Out of order, one at a time, as the runner may send them.
    for row in full.iter().rev() {
        let one = masked(vec![row.clone()], &dir);
        step(&mut app, Action::ListedMore(one), at("09:00:02"));
        assert_eq!(selected_file(&app), glasgow);
    }
    // Selected on Glasgow, and otherwise as a full listing draws it.
    let mut whole = home();
    step(&mut whole, Action::Down, at("09:00:00"));
    assert_eq!(
        screen_text(&draw(&app, 100, 20)),
        screen_text(&draw(&whole, 100, 20))
    );
}

#[test]
fn home_at_80_columns_still_shows_every_column() {
    let app = home();
    let t = draw(&app, 80, 24);
    let text = screen_text(&t);
    snapshot("home_80x24", &t);
    for header in ["Date", "Title", "Place", "Insights"] {
        assert!(row_with(&text, "Date").contains(header), "{text}");
    }
    assert!(text.contains("Pembrokeshire, Wales"), "{text}");
}

#[test]
fn home_with_no_sessions_says_how_to_start_one() {
    let t = draw(&home_empty(), 80, 24);
    let text = screen_text(&t);
    snapshot("home_empty_80x24", &t);
    assert!(text.contains("No sessions here yet."), "{text}");
    assert!(text.contains("Press n to start a new session"), "{text}");
}

#[test]
fn new_session_form_defaults_to_today() {
    let t = draw(&new_session_form(), 80, 24);
    let text = screen_text(&t);
    snapshot("new_session_80x24", &t);
    assert!(text.contains("New session"), "{text}");
    assert!(row_with(&text, "Date").contains("2026-11-22"), "{text}");
    assert!(row_with(&text, "Title").contains("› Title"), "{text}");
    assert!(row_with(&text, "Nation").contains("◀ England ▶"), "{text}");
    assert!(
        text.contains("e.g. Community power after the pandemic"),
        "the focused field's hint shows:\n{text}"
    );
    assert!(!text.contains('✗'), "{text}");
}

#[test]
fn new_session_form_shows_why_it_was_not_saved() {
    let t = draw(&new_session_form_with_error(), 80, 24);
    let text = screen_text(&t);
    snapshot("new_session_error_80x24", &t);
    assert!(text.contains("✗ The session needs a title"), "{text}");
    assert!(row_with(&text, "Title").contains("› Title"), "{text}");
}

#[test]
fn new_session_form_filled_in_shows_each_value_beside_its_label() {
    let t = draw(&new_session_form_with_bad_date(), 80, 24);
    let text = screen_text(&t);
    snapshot("new_session_bad_date_80x24", &t);
    assert!(
        text.contains("✗ \"22/11/2026\" is not a date: use YYYY-MM-DD"),
        "{text}"
    );
    assert!(row_with(&text, "Date").contains("› Date"), "{text}");
    assert!(row_with(&text, "Nation").contains("◀ Wales ▶"), "{text}");
    for (label, value) in [
        ("Title", "Community power after the pandemic"),
        ("Place", "Pembrokeshire"),
        ("Facilitator", "Rhian Evans"),
        ("Note-takers", "Tom Price, Mari Owen"),
        ("Participants", "Ann Jones, Bryn Hughes, Siân Lloyd"),
    ] {
        let row = row_with(&text, label);
        assert!(
            row.contains(&format!("{label} ")) && row.contains(value),
            "{label}: {row:?}"
        );
    }
}
