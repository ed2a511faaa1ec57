//! Welsh in composed and decomposed form, CJK and emoji joined by U+200D:
//! the insight list wraps them, and the capture line moves over and deletes
//! them, one whole grapheme cluster at a time. A cluster cut in two would
//! show a bare circumflex, or half a family, on the facilitator's screen.

use super::fixtures::{at, capture, key, on_question_two, step, type_text};
use super::screen::{draw, screen_text};
use super::snapshot;
use ratatui::backend::Backend;
use ratatui::crossterm::event::KeyCode;
use stb::app::{App, Screen};
use unicode_segmentation::UnicodeSegmentation;

/// ŵ as one code point and as w + combining circumflex.
const W_COMPOSED: &str = "\u{175}";
const W_DECOMPOSED: &str = "w\u{302}";
/// A family of four, joined by zero-width joiners: one cluster, two columns.
const FAMILY: &str = "👨\u{200d}👩\u{200d}👧\u{200d}👦";
const WELSH_FLAG: &str = "🏴\u{e0067}\u{e0062}\u{e0077}\u{e006c}\u{e0073}\u{e007f}";

fn capture_text(app: &App) -> String {
    let Screen::Workshop(w) = &app.screen else {
        panic!("not on a question")
    };
    w.capture.lines().join("\n")
}

/// Every cell holds at most one whole cluster, and none starts with a mark
/// or joiner that belongs to the cell before it.
fn assert_cells_whole(terminal: &ratatui::Terminal<ratatui::backend::TestBackend>) {
    for cell in &terminal.backend().buffer().content {
        let symbol = cell.symbol();
        assert!(
            symbol.graphemes(true).count() <= 1,
            "a cell holds more than one cluster: {symbol:?}"
        );
        let first = symbol.chars().next().unwrap_or(' ');
        assert!(
            !matches!(first, '\u{300}'..='\u{36f}' | '\u{200d}' | '\u{e0020}'..='\u{e007f}'),
            "a cell starts mid-cluster: {symbol:?}"
        );
    }
}

/// The insight list at a width where each cluster falls on the wrap.
fn unicode_insights() -> App {
    let mut app = on_question_two();
    // Runs with no space to break at: the list must cut between clusters.
    for cluster in [W_DECOMPOSED, FAMILY, "漢字", WELSH_FLAG] {
        capture(
            &mut app,
            &format!("x{}", cluster.repeat(45)),
            at("10:10:00"),
        );
    }
    capture(
        &mut app,
        &format!("Dŵr {W_COMPOSED} and D{W_DECOMPOSED}r {W_DECOMPOSED} look the same"),
        at("10:11:00"),
    );
    app
}

#[test]
fn the_insight_list_wraps_between_clusters_never_inside_one() {
    let app = unicode_insights();
    let t = draw(&app, 60, 36);
    snapshot("unicode_insights_60x36", &t);
    assert_cells_whole(&t);
    let text = screen_text(&t);
    for cluster in [W_DECOMPOSED, FAMILY, "漢字", WELSH_FLAG] {
        let shown = text.matches(cluster).count();
        assert!(
            shown >= 40,
            "{cluster:?} shows whole only {shown} times:\n{text}"
        );
    }
    let composed_row = text.lines().find(|l| l.contains("look the same")).unwrap();
    assert!(
        composed_row.contains(&format!(
            "Dŵr {W_COMPOSED} and D{W_DECOMPOSED}r {W_DECOMPOSED}"
        )),
        "{composed_row:?}"
    );
}

#[test]
fn the_capture_line_steps_over_and_deletes_whole_clusters() {
    let mut app = on_question_two();
    let now = at("10:10:00");
    type_text(&mut app, &format!("Ysgol {W_DECOMPOSED}{FAMILY}漢"), now);
    // ← twice: past 漢, then past the whole family.
    step(&mut app, key(KeyCode::Left), now);
    step(&mut app, key(KeyCode::Left), now);
    let t = draw(&app, 60, 16);
    snapshot("unicode_capture_cursor_60x16", &t);
    assert_cells_whole(&t);
    let mut t = t;
    let caret = t.backend_mut().get_cursor_position().unwrap();
    assert_eq!(
        t.backend().buffer()[caret].symbol(),
        FAMILY,
        "the terminal's cursor sits on the family"
    );

    // Backspace takes the decomposed ŵ whole; Delete takes the family whole.
    step(&mut app, key(KeyCode::Backspace), now);
    assert_eq!(capture_text(&app), format!("Ysgol {FAMILY}漢"));
    step(&mut app, key(KeyCode::Delete), now);
    assert_eq!(capture_text(&app), "Ysgol 漢");
    step(&mut app, key(KeyCode::End), now);
    step(&mut app, key(KeyCode::Backspace), now);
    assert_eq!(capture_text(&app), "Ysgol ");
}
