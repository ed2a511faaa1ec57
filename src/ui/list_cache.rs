//! The insights list as last drawn, reused while nothing it shows changed.
//!
//! A keystroke on the capture line changes only the capture box, but every
//! key draws a whole frame, and word-wrapping the visible insights was most
//! of that frame (at 10,000 insights, about half of a key's time). The list
//! depends only on the session (through the workshop's generation, which
//! never repeats within a process), the question, the selection and the
//! area, so while those stay put its cells are copied from the last frame
//! instead. Debug builds draw it afresh as well and compare, so every test
//! that draws a frame checks the reuse.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

/// What the insights list's cells depend on, besides the theme (fixed for a
/// run) and the clock (times shown are capture times, not `now`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListKey {
    pub generation: u64,
    pub question: usize,
    pub focused: bool,
    pub selected: usize,
    pub area: Rect,
    pub authors: bool,
    pub palette: crate::app::Palette,
}

/// The last frame's insights list, kept by the terminal loop between frames.
#[derive(Debug, Default)]
pub struct FrameCache {
    list: Option<(ListKey, Buffer)>,
}

impl FrameCache {
    /// Draws the list into `buf` over `key.area` with `draw`, or copies it
    /// from the last frame when `key` is the same.
    pub(super) fn list(&mut self, key: ListKey, buf: &mut Buffer, draw: impl Fn(&mut Buffer)) {
        let area = key.area;
        let reusable = self.list.as_ref().filter(|(last, _)| *last == key);
        if let Some((_, cells)) = reusable {
            debug_assert_eq!(
                cells,
                &drawn(area, &draw),
                "insights list reused out of date"
            );
            copy(cells, buf, area);
            return;
        }
        let cells = drawn(area, &draw);
        copy(&cells, buf, area);
        self.list = Some((key, cells));
    }
}

fn drawn(area: Rect, draw: &impl Fn(&mut Buffer)) -> Buffer {
    let mut cells = Buffer::empty(area);
    draw(&mut cells);
    cells
}

/// Copies `area` of `from` into `to` (clipped to `to`).
fn copy(from: &Buffer, to: &mut Buffer, area: Rect) {
    let area = area.intersection(to.area);
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            to[(x, y)] = from[(x, y)].clone();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::widgets::{Paragraph, Widget};
    use std::cell::Cell;

    fn key(generation: u64) -> ListKey {
        ListKey {
            generation,
            question: 1,
            focused: false,
            selected: 0,
            area: Rect::new(1, 1, 10, 2),
            authors: false,
            palette: crate::app::Palette::default(),
        }
    }

    #[test]
    fn the_same_key_copies_and_a_new_one_draws() {
        let mut cache = FrameCache::default();
        let draws = Cell::new(0);
        let text = Cell::new("first");
        let draw = |buf: &mut Buffer| {
            draws.set(draws.get() + 1);
            Paragraph::new(text.get()).render(key(0).area, buf);
        };
        let mut frame = Buffer::empty(Rect::new(0, 0, 12, 4));
        cache.list(key(1), &mut frame, draw);
        let once = draws.get();
        let mut again = Buffer::empty(Rect::new(0, 0, 12, 4));
        cache.list(key(1), &mut again, draw);
        assert_eq!(again, frame, "the copy is the drawing");
        // Debug builds draw again to check the copy; release builds do not.
        assert_eq!(
            draws.get(),
            once * if cfg!(debug_assertions) { 2 } else { 1 }
        );
        assert_eq!(again[(1, 1)].symbol(), "f");
        text.set("second");
        let mut changed = Buffer::empty(Rect::new(0, 0, 12, 4));
        cache.list(key(2), &mut changed, draw);
        assert_eq!(
            changed[(1, 1)].symbol(),
            "s",
            "a new generation draws afresh"
        );
        assert_eq!(
            changed[(0, 0)].symbol(),
            " ",
            "nothing outside the area is touched"
        );
    }
}
