//! The wrap-up screen's tallies at 80×24, 120×40 and the smallest size.

use super::fixtures::wrap_up;
use super::screen::{count_in, draw, screen_text};
use super::snapshot;

/// The wrap-up's counts, as the fixture's capture lines tally them.
fn assert_wrap_up_counts(text: &str) {
    assert!(text.contains("Wrap-up"), "{text}");
    assert!(text.contains("11 insights from 3 participants"), "{text}");
    for (label, n) in [
        ("1. Good practices", 2),
        ("2. Shifting relationships", 5),
        ("3. Less-advantaged communities", 1),
        ("4. Sustaining the change", 3),
        ("Adaptation", 2),
        ("Innovation", 2),
        ("Collaboration", 2),
        ("(unclassified)", 5),
        ("Observation", 3),
        ("Barrier", 3),
        ("Enabler", 2),
        ("Lesson", 1),
        ("Quote", 1),
        ("Idea", 0),
        ("Action", 1),
    ] {
        assert_eq!(count_in(text, label), n, "{label}\n{text}");
    }
    assert!(text.contains("★ Starred (3)"), "{text}");
    for starred in [
        "Officers answered their phones",
        "Digital exclusion hit older",
        "Keep the weekly partnership",
    ] {
        assert!(text.contains(starred), "{starred}\n{text}");
    }
}

#[test]
fn wrap_up_80x24() {
    let t = draw(&wrap_up(), 80, 24);
    let text = screen_text(&t);
    snapshot("wrap_up_80x24", &t);
    assert_wrap_up_counts(&text);
}

#[test]
fn wrap_up_120x40() {
    let t = draw(&wrap_up(), 120, 40);
    let text = screen_text(&t);
    snapshot("wrap_up_120x40", &t);
    assert_wrap_up_counts(&text);
    for (label, n) in [
        ("Public", 3),
        ("VCSE", 3),
        ("Community", 3),
        ("Business", 0),
        ("National gov", 0),
        ("(nobody)", 2),
    ] {
        assert_eq!(count_in(&text, label), n, "{label}\n{text}");
    }
}

/// Someone whose sector nobody recorded is counted as such, never as "Other".
#[test]
fn wrap_up_counts_an_unrecorded_sector_as_itself() {
    let mut app = wrap_up();
    let stb::app::Screen::Workshop(w) = &mut app.screen else {
        panic!("the wrap-up is a workshop screen")
    };
    for p in &mut w.session_mut().participants {
        if p.name == "Siân Lloyd" {
            p.sector = stb::model::Sector::NotRecorded;
        }
    }
    let text = screen_text(&draw(&app, 120, 40));
    for (label, n) in [("Community", 0), ("Other", 0), ("Not recorded", 3)] {
        assert_eq!(count_in(&text, label), n, "{label}\n{text}");
    }
}

#[test]
fn wrap_up_at_the_smallest_size_keeps_the_totals() {
    let t = draw(&wrap_up(), stb::ui::MIN_WIDTH, stb::ui::MIN_HEIGHT);
    let text = screen_text(&t);
    snapshot("wrap_up_60x16", &t);
    assert!(text.contains("11 insights from 3 participants"), "{text}");
    assert!(text.contains("Starred (3)"), "{text}");
}
