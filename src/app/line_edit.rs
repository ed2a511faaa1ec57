//! Keys and pastes into a one-line text field, a grapheme cluster at a time.
//!
//! The text area moves and deletes by `char`, which splits what a reader
//! sees as one letter: Welsh "ŵ" typed decomposed (w + U+0302) would lose
//! only its circumflex to Backspace, and an emoji family (👩‍👧, joined by
//! U+200D) would come apart one person at a time. Here Backspace, Delete,
//! ← and → (and their Emacs twins Ctrl+H, Ctrl+D, Ctrl+B, Ctrl+F) act on
//! whole extended grapheme clusters, and after any other key the cursor is
//! put back on a cluster boundary. Typed and pasted text also passes
//! [`crate::inert`] here, so no control character enters a field.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{CursorMove, TextArea};
use unicode_segmentation::UnicodeSegmentation;

/// What a key does to the text, when it is one we handle by cluster.
enum ByCluster {
    DeleteBack,
    DeleteForward,
    Back,
    Forward,
}

fn by_cluster(key: &KeyEvent) -> Option<ByCluster> {
    let plain = key.modifiers - KeyModifiers::SHIFT == KeyModifiers::NONE;
    let ctrl = key.modifiers == KeyModifiers::CONTROL;
    match key.code {
        KeyCode::Backspace if plain => Some(ByCluster::DeleteBack),
        KeyCode::Delete if plain => Some(ByCluster::DeleteForward),
        KeyCode::Left if key.modifiers == KeyModifiers::NONE => Some(ByCluster::Back),
        KeyCode::Right if key.modifiers == KeyModifiers::NONE => Some(ByCluster::Forward),
        KeyCode::Char('h') if ctrl => Some(ByCluster::DeleteBack),
        KeyCode::Char('d') if ctrl => Some(ByCluster::DeleteForward),
        KeyCode::Char('b') if ctrl => Some(ByCluster::Back),
        KeyCode::Char('f') if ctrl => Some(ByCluster::Forward),
        _ => None,
    }
}

/// The cluster boundaries of `line`, in chars (0 and the length included).
fn boundaries(line: &str) -> impl Iterator<Item = usize> + '_ {
    let mut chars = 0;
    std::iter::once(0).chain(line.graphemes(true).map(move |g| {
        chars += g.chars().count();
        chars
    }))
}

/// The boundary before char column `col` (or 0).
fn boundary_before(line: &str, col: usize) -> usize {
    boundaries(line)
        .take_while(|&b| b < col)
        .last()
        .unwrap_or(0)
}

/// The boundary after char column `col` (or the line's end).
fn boundary_after(line: &str, col: usize) -> usize {
    boundaries(line)
        .find(|&b| b > col)
        .unwrap_or_else(|| line.chars().count())
}

/// The text area's cursor: (row, char column) and that row's text.
fn cursor_line(area: &TextArea<'static>) -> (usize, String) {
    let ratatui_textarea::DataCursor(row, col) = area.cursor();
    let line = area.lines().get(row).cloned().unwrap_or_default();
    (col, line)
}

/// Puts the cursor at char column `to` of its row. The text area's own
/// steps go through its screen map, which can stall on a zero-width mark,
/// so this jumps; only past column 65,535 (where a jump cannot reach) does
/// it step a char at a time.
fn move_to(area: &mut TextArea<'static>, to: usize) {
    let ratatui_textarea::DataCursor(row, col) = area.cursor();
    if let (Ok(r), Ok(c)) = (u16::try_from(row), u16::try_from(to)) {
        area.move_cursor(CursorMove::Jump(r, c));
        return;
    }
    let movement = if to < col {
        CursorMove::Back
    } else {
        CursorMove::Forward
    };
    for _ in 0..col.abs_diff(to) {
        area.move_cursor(movement);
    }
}

/// Types one key into `area`.
pub fn type_key(area: &mut TextArea<'static>, key: KeyEvent) {
    match by_cluster(&key) {
        Some(ByCluster::DeleteBack) if area.selection_range().is_none() => {
            let (col, line) = cursor_line(area);
            for _ in boundary_before(&line, col)..col {
                area.delete_char();
            }
        }
        Some(ByCluster::DeleteForward) if area.selection_range().is_none() => {
            let (col, line) = cursor_line(area);
            area.delete_str(boundary_after(&line, col) - col);
        }
        Some(ByCluster::Back) => {
            let (col, line) = cursor_line(area);
            move_to(area, boundary_before(&line, col));
        }
        Some(ByCluster::Forward) => {
            let (col, line) = cursor_line(area);
            move_to(area, boundary_after(&line, col));
        }
        _ => {
            match key.code {
                KeyCode::Char(c) if crate::inert::is_unsafe(c) => {
                    area.insert_char(crate::inert::visible_char(c));
                }
                _ => {
                    area.input(key);
                }
            }
            snap_to_cluster(area);
        }
    }
}

/// Moves a cursor left inside a cluster (by a word move, say) to its end.
fn snap_to_cluster(area: &mut TextArea<'static>) {
    let ratatui_textarea::DataCursor(row, col) = area.cursor();
    let Some(line) = area.lines().get(row) else {
        return;
    };
    // Printable ASCII is a cluster a character: nothing to snap to, and
    // no walk through the line's clusters at every letter typed.
    if col == 0 || line.bytes().all(|b| b.is_ascii_graphic() || b == b' ') {
        return;
    }
    if boundary_before(line, col + 1) != col {
        let to = boundary_after(line, col);
        move_to(area, to);
    }
}

/// Pastes `text` into `area` as one visible line.
pub fn paste(area: &mut TextArea<'static>, text: &str) {
    area.insert_str(crate::inert::one_line(text));
}

/// An empty capture line.
pub fn capture_line() -> TextArea<'static> {
    let mut area = TextArea::default();
    area.set_wrap_mode(ratatui_textarea::WrapMode::WordOrGlyph);
    let save = super::keymap::key_label(super::keymap::Context::Capture, &super::Action::Submit);
    area.set_placeholder_text(format!("Type what is said · @name · #tag · {save} saves"));
    area.move_cursor(CursorMove::End);
    area
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    fn area(text: &str) -> TextArea<'static> {
        super::super::form::text_area(text)
    }

    fn text(area: &TextArea<'static>) -> String {
        area.lines().join("\n")
    }

    const DECOMPOSED_W: &str = "w\u{302}";
    const FAMILY: &str = "👩\u{200d}👩\u{200d}👧";

    #[test]
    fn a_cursor_inside_a_cluster_snaps_to_its_end_and_plain_text_stays() {
        let cases = [
            (format!("{DECOMPOSED_W}x"), 1, 2),
            (format!("a{FAMILY}"), 3, 6),
            ("wx y".to_owned(), 1, 1),
        ];
        for (text, inside, snapped) in cases {
            let mut a = area(&text);
            move_to(&mut a, inside);
            snap_to_cluster(&mut a);
            let ratatui_textarea::DataCursor(_, col) = a.cursor();
            assert_eq!(col, snapped, "{text:?}");
        }
    }

    #[test]
    fn backspace_takes_a_whole_cluster() {
        let mut a = area(&format!("Ysgol {DECOMPOSED_W}"));
        type_key(&mut a, key(KeyCode::Backspace));
        assert_eq!(text(&a), "Ysgol ");
        let mut a = area(&format!("hub {FAMILY}"));
        type_key(&mut a, key(KeyCode::Backspace));
        assert_eq!(text(&a), "hub ");
        let mut a = area("café");
        type_key(&mut a, key(KeyCode::Backspace));
        assert_eq!(text(&a), "caf", "a composed letter is one char anyway");
    }

    #[test]
    fn arrows_and_delete_step_over_clusters() {
        let mut a = area(&format!("a{FAMILY}b{DECOMPOSED_W}"));
        for _ in 0..2 {
            type_key(&mut a, key(KeyCode::Left));
        }
        // Now between the family and "b": Delete takes "b", Backspace the family.
        type_key(&mut a, key(KeyCode::Delete));
        assert_eq!(text(&a), format!("a{FAMILY}{DECOMPOSED_W}"));
        type_key(&mut a, key(KeyCode::Backspace));
        assert_eq!(text(&a), format!("a{DECOMPOSED_W}"));
        type_key(&mut a, key(KeyCode::Right));
        assert_eq!(a.cursor().1, 3, "past both chars of ŵ");
        type_key(&mut a, key(KeyCode::Char('!')));
        assert_eq!(text(&a), format!("a{DECOMPOSED_W}!"));
    }

    #[test]
    fn typing_a_combining_mark_joins_the_letter_before() {
        let mut a = area("");
        type_key(&mut a, key(KeyCode::Char('w')));
        type_key(&mut a, key(KeyCode::Char('\u{302}')));
        assert_eq!(a.cursor().1, 2);
        type_key(&mut a, key(KeyCode::Left));
        assert_eq!(a.cursor().1, 0, "one step back over the whole ŵ");
    }

    #[test]
    fn control_characters_typed_or_pasted_arrive_visible() {
        let mut a = area("");
        type_key(&mut a, key(KeyCode::Char('\u{1b}')));
        type_key(&mut a, key(KeyCode::Char('\u{202e}')));
        paste(&mut a, "\u{1b}[2Jhi\nthere\u{9b}");
        assert_eq!(text(&a), "␛�␛[2Jhi there�");
    }
}
