//! The review's export picker over the four committed samples: every
//! format and option readable in full at 80 columns, the chosen format
//! marked, the file name the export will get, and no panic when small.

use super::fixtures::{at, step};
use super::review::reviewing;
use super::screen::{draw, screen_text};
use super::snapshot;
use stb::app::{Action, App};
use stb::export::Format;

/// The picker opened with `E`, moved to CSV, both options on.
fn picking_csv_with_both_options() -> App {
    let mut app = reviewing();
    let now = at("14:02:00");
    for action in [
        Action::Export,
        Action::Down,
        Action::TogglePseudonymise,
        Action::ToggleCoarsen,
    ] {
        step(&mut app, action, now);
    }
    app
}

#[test]
fn the_export_picker_shows_every_format_and_option_in_full_at_80x24() {
    let big = draw(&picking_csv_with_both_options(), 120, 40);
    snapshot("review_export_picker_120x40", &big);
    assert!(screen_text(&big).contains("Pseudonymise names"));
    let t = draw(&picking_csv_with_both_options(), 80, 24);
    let text = screen_text(&t);
    snapshot("review_export_picker_80x24", &t);
    for format in Format::ALL {
        let row = format!(
            "{:<18} .{:<5} {}",
            format.title(),
            format.extension(),
            format.purpose()
        );
        assert!(text.contains(&row), "{row:?} in\n{text}");
    }
    assert!(
        text.contains("› CSV table"),
        "the chosen one is marked:\n{text}"
    );
    assert!(
        text.contains("[x] p  Pseudonymise names: P01, P02, … inside texts too"),
        "{text}"
    );
    assert!(
        text.contains("[x] c  Coarsen organisations: each becomes its sector"),
        "{text}"
    );
    assert!(
        text.contains("4-sessions-2026-09-23-to-2026-11-04-coarsened-pseudonymised.csv"),
        "{text}"
    );
    assert!(text.contains("Enter exports · Esc cancels"), "{text}");
    let status = text.lines().last().unwrap();
    assert!(
        status.contains("p pseudonymise · c coarsen · Enter export"),
        "{status}"
    );
}

#[test]
fn the_export_picker_fits_a_small_screen_and_never_panics() {
    let app = picking_csv_with_both_options();
    let text = screen_text(&draw(&app, 60, 16));
    assert!(text.contains("› CSV table"), "{text}");
    assert!(text.contains("[x] p  Pseudonymise names"), "{text}");
    assert!(text.contains("[x] c  Coarsen organisations"), "{text}");
    for w in [0, 1, 10, 59, 60, 61, 79, 80, 200] {
        for h in [0, 1, 5, 15, 16, 17, 24, 60] {
            draw(&app, w, h);
        }
    }
}
