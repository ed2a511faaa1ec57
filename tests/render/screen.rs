//! Drawing a state on ratatui's `TestBackend` and reading the screen back:
//! as text, row by row, as the count in a table cell, as a cell's colour, or
//! where the terminal's cursor is.

use ratatui::Terminal;
use ratatui::backend::{Backend, TestBackend};
use ratatui::layout::Position;
use ratatui::style::Color;
use stb::app::App;
use unicode_width::UnicodeWidthStr;

pub(super) fn draw(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| stb::ui::render(app, f)).unwrap();
    terminal
}

/// The screen as plain text, one line per row, wide characters once.
pub(super) fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let mut text = String::new();
    for y in 0..buffer.area.height {
        let mut skip = 0;
        for x in 0..buffer.area.width {
            let symbol = buffer[(x, y)].symbol();
            if skip == 0 {
                text.push_str(symbol);
            }
            skip = std::cmp::max(skip, symbol.width()).saturating_sub(1);
        }
        text.push('\n');
    }
    text
}

/// The rows of the screen that contain `needle`.
pub(super) fn rows_with<'a>(text: &'a str, needle: &str) -> Vec<&'a str> {
    text.lines().filter(|l| l.contains(needle)).collect()
}

/// The one row containing `needle`.
pub(super) fn row_with<'a>(text: &'a str, needle: &str) -> &'a str {
    match rows_with(text, needle).as_slice() {
        [row] => row,
        rows => panic!("{needle:?} on {} rows of\n{text}", rows.len()),
    }
}

/// The row number of the one row containing `needle`.
pub(super) fn row_index(text: &str, needle: &str) -> usize {
    let rows: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains(needle))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(rows.len(), 1, "{needle:?} on rows {rows:?} of\n{text}");
    rows[0]
}

/// The count at the right of a table row, e.g. `│Barrier      3 │`: the
/// one place on screen where `label` is followed by only spaces and a number
/// before the cell ends.
pub(super) fn count_in(text: &str, label: &str) -> usize {
    let mut found = Vec::new();
    for row in text.lines() {
        for (i, _) in row.match_indices(label) {
            let cell = row[i + label.len()..].split('│').next().unwrap_or("");
            if let Ok(n) = cell.trim().parse::<usize>()
                && cell.starts_with(' ')
            {
                found.push(n);
            }
        }
    }
    match found.as_slice() {
        [n] => *n,
        _ => panic!("{label:?} has counts {found:?} in\n{text}"),
    }
}

/// The colour behind the first cell of `needle` on screen.
pub(super) fn background_of(terminal: &Terminal<TestBackend>, needle: &str) -> Color {
    let buffer = terminal.backend().buffer();
    let text = screen_text(terminal);
    let y = row_index(&text, needle);
    let row = text.lines().nth(y).unwrap();
    let x = row[..row.find(needle).unwrap()].width();
    buffer[(x as u16, y as u16)].bg
}

/// Where the first cell of the one `needle` on screen is.
pub(super) fn position_of(terminal: &Terminal<TestBackend>, needle: &str) -> Position {
    let text = screen_text(terminal);
    let y = row_index(&text, needle);
    let row = text.lines().nth(y).unwrap();
    let x = row[..row.find(needle).unwrap()].width();
    Position::new(x as u16, y as u16)
}

/// Where the terminal's cursor was left by the last draw; None when hidden.
pub(super) fn caret(terminal: &mut Terminal<TestBackend>) -> Option<Position> {
    let backend = terminal.backend_mut();
    let at = backend.get_cursor_position().unwrap();
    backend.cursor_visible().then_some(at)
}
