//! The cells of some rows of a frame that differ from what the terminal
//! shows there.
//!
//! ratatui's own diff compares two whole buffers, so diffing a few rows
//! with it meant moving them into buffers of their own first (a tenth of
//! an Enter's frame). This is the comparison ratatui made until 0.29,
//! over the rows given, in place: a cell is sent when it changed, or when
//! a wide character stood over it before (the terminal may still show its
//! right half), and not when a wide character now covers it.

use ratatui::buffer::{Buffer, Cell, CellDiffOption};
use std::ops::Range;
use unicode_width::UnicodeWidthStr;

/// Every cell of the screen's `rows` where `new` differs from `old` (both
/// whole screens), in order, with its column and row.
pub fn changed<'a>(
    old: &'a Buffer,
    new: &'a Buffer,
    rows: Range<u16>,
) -> impl Iterator<Item = (u16, u16, &'a Cell)> + 'a {
    let area = new.area;
    let width = usize::from(area.width);
    // Row by row: wide characters end with their row, and no cell's place
    // is worked out by dividing.
    rows.flat_map(move |y| {
        let start = usize::from(y - area.y) * width;
        let cells = new.content[start..start + width]
            .iter()
            .zip(&old.content[start..start + width]);
        let (mut covered, mut stale) = (0, 0);
        (area.x..).zip(cells).filter_map(move |(x, (now, before))| {
            // Each symbol read once: a cell decodes it at every call.
            let (symbol, was) = (now.symbol(), before.symbol());
            let send = covered == 0
                && !matches!(now.diff_option, CellDiffOption::Skip)
                && (stale > 0 || !same((now, symbol), (before, was)));
            let (wide_now, wide_before) = (columns(symbol), columns(was));
            covered = wide_now.saturating_sub(1);
            stale = wide_now.max(wide_before).max(stale).saturating_sub(1);
            send.then_some((x, y, now))
        })
    })
}

/// Whether two cells (each with its symbol) show the same: `Cell`'s own
/// `==`, without a call to compare strings of one byte (nearly every
/// cell), and with the fields `Cell::style` gathers compared directly.
fn same((a, a_symbol): (&Cell, &str), (b, b_symbol): (&Cell, &str)) -> bool {
    let symbols = match (a_symbol.as_bytes(), b_symbol.as_bytes()) {
        ([x], [y]) => x == y,
        (x, y) => x == y,
    };
    symbols
        && a.fg == b.fg
        && a.bg == b.bg
        && a.underline_color == b.underline_color
        && a.modifier == b.modifier
        && a.diff_option == b.diff_option
}

/// How many columns a cell's symbol takes.
fn columns(symbol: &str) -> usize {
    if symbol.len() == 1 {
        return 1;
    }
    let mut chars = symbol.chars();
    match (chars.next(), chars.next()) {
        // A frame's lines, without a look in the tables.
        (Some('\u{2500}'..='\u{257f}'), None) => 1,
        // One character (a letter with its accent made one): its own
        // width, without the string's rules for sequences.
        (Some(c), None) => {
            unicode_width::UnicodeWidthChar::width(c).unwrap_or_else(|| symbol.width())
        }
        _ => symbol.width(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::layout::Rect;

    fn sent(old: &Buffer, new: &Buffer, rows: Range<u16>) -> Vec<(u16, u16, String)> {
        changed(old, new, rows)
            .map(|(x, y, cell)| (x, y, cell.symbol().to_owned()))
            .collect()
    }

    #[test]
    fn only_changed_cells_of_the_rows_given_are_sent() {
        let old = Buffer::with_lines(["abc", "def", "ghi"]);
        let new = Buffer::with_lines(["abX", "dYf", "gZi"]);
        assert_eq!(
            sent(&old, &new, 1..3),
            vec![(1, 1, "Y".to_owned()), (1, 2, "Z".to_owned())],
            "row 0 is not looked at"
        );
    }

    #[test]
    fn a_wide_letter_covers_its_right_half_and_a_cell_it_covered_is_sent_again() {
        let old = Buffer::with_lines(["漢ab"]);
        let new = Buffer::with_lines(["x漢b"]);
        // Column 1 was the right half of 漢 (blank in the buffer on both
        // sides), column 2 is now covered.
        assert_eq!(
            sent(&old, &new, 0..1),
            vec![(0, 0, "x".to_owned()), (1, 0, "漢".to_owned())]
        );
        let back = Buffer::with_lines(["a cd"]);
        let area = Rect::new(0, 0, 4, 1);
        assert_eq!(back.area, area);
        let mut wide = Buffer::empty(area);
        wide.set_string(0, 0, "漢cd", ratatui::style::Style::default());
        assert_eq!(
            sent(&wide, &back, 0..1),
            vec![(0, 0, "a".to_owned()), (1, 0, " ".to_owned())],
            "the half 漢 covered is sent though the buffer held a blank there"
        );
    }

    /// Every character takes, alone in a cell, the columns its string does.
    #[test]
    fn one_character_takes_the_columns_of_its_string() {
        let mut cell = Cell::default();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let symbol = c.to_string();
            cell.set_symbol(&symbol);
            assert_eq!(columns(cell.symbol()), symbol.width(), "{c:?}");
        }
    }
}
