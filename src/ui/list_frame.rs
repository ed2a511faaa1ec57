//! The insights list's frame, drawn once for each look it has.
//!
//! A block styles and draws every cell it covers, and the list's frame is
//! drawn again at every Enter, whose new rows it runs round: its three
//! kinds of rows (top, a row of sides, bottom) are drawn once for each
//! frame and copied. An Enter changes the frame itself (its title counts
//! the insights), so the frame it will need is drawn ahead too, once the
//! key before it is answered (see [`super::insights_list::prepare_enter`]).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Block;

/// A frame's three rows, found by the whole block and where it is.
#[derive(Debug)]
struct Drawn {
    block: Block<'static>,
    area: Rect,
    cells: Buffer,
}

/// The list's frame as drawn last, and one drawn ahead.
#[derive(Debug, Default)]
pub struct ListFrames {
    last: Option<Drawn>,
    ahead: Option<Drawn>,
}

impl ListFrames {
    /// The three rows of `block` over the columns and top row of `area`.
    pub fn rows(&mut self, block: &Block<'static>, area: Rect) -> &Buffer {
        let area = Rect { height: 3, ..area };
        let same = |d: &Drawn| d.area == area && d.block == *block;
        if !self.last.as_ref().is_some_and(same) {
            self.last = match self.ahead.take_if(|d| same(d)) {
                Some(ahead) => Some(ahead),
                None => Some(draw(block.clone(), area)),
            };
        }
        &self.last.as_ref().expect("drawn above").cells
    }

    /// Draws `block` over `area` ahead of the frame that will ask for it.
    pub fn prepare(&mut self, block: Block<'static>, area: Rect) {
        let area = Rect { height: 3, ..area };
        let same = |d: &Drawn| d.area == area && d.block == block;
        if !(self.ahead.as_ref().is_some_and(same) || self.last.as_ref().is_some_and(same)) {
            self.ahead = Some(draw(block, area));
        }
    }
}

impl ListFrames {
    /// Whether a frame drawn ahead waits to be asked for (for tests).
    #[cfg(test)]
    pub(super) fn has_ahead(&self) -> bool {
        self.ahead.is_some()
    }
}

fn draw(block: Block<'static>, area: Rect) -> Drawn {
    let cells = super::canvas::frame_rows(&block, area);
    Drawn { block, area, cells }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::text::Line;
    use ratatui::widgets::Widget;

    fn titled(title: &str) -> Block<'static> {
        Block::bordered().title(Line::from(title.to_owned()))
    }

    #[test]
    fn a_frame_is_drawn_once_and_the_one_drawn_ahead_is_taken_when_asked_for() {
        let area = Rect::new(0, 2, 20, 9);
        let mut frames = ListFrames::default();
        let first = frames.rows(&titled(" 3 "), area).clone();
        assert_eq!(first.area, Rect::new(0, 2, 20, 3), "three rows");
        assert_eq!(first[(1, 2)].symbol(), " ");
        assert_eq!(first[(2, 2)].symbol(), "3");
        assert_eq!(first[(0, 3)].symbol(), "│", "a row of sides");
        assert_eq!(first[(0, 4)].symbol(), "└");

        frames.prepare(titled(" 4 "), area);
        let ahead = frames.ahead.as_ref().map(|d| d.cells.clone());
        assert_eq!(
            frames.rows(&titled(" 3 "), area),
            &first,
            "the last still there"
        );
        let taken = frames.rows(&titled(" 4 "), area).clone();
        assert_eq!(Some(&taken), ahead.as_ref(), "the one drawn ahead");
        assert!(frames.ahead.is_none(), "taken, not copied");
        assert_eq!(taken[(2, 2)].symbol(), "4");

        // Another place, or another frame: drawn afresh, as a block draws it.
        let lower = Rect { y: 5, ..area };
        let mut whole = Buffer::empty(lower);
        titled(" 5 ").render(lower, &mut whole);
        let rows = frames.rows(&titled(" 5 "), lower);
        for x in 0..20 {
            assert_eq!(rows[(x, 5)], whole[(x, 5)]);
            assert_eq!(rows[(x, 6)], whole[(x, 8)]);
            assert_eq!(rows[(x, 7)], whole[(x, 13)]);
        }
    }
}
