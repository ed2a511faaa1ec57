//! The insights list's frame, drawn once for each look it has.
//!
//! A block styles and draws every cell it covers, and the list's frame is
//! drawn again at every Enter, whose new rows it runs round: its three
//! kinds of rows (top, a row of sides, bottom) are drawn once for each
//! frame and copied. An Enter changes the frame itself (its title counts
//! the insights), so the frame it will need is drawn ahead too, once the
//! key before it is answered (see [`super::insights_list::prepare_enter`]).
//! Each is found by what decides it ([`FrameLook`]): building the block to
//! compare (its titles formatted, the key table searched for its hint) was
//! a sixth of the code an Enter's frame ran cold.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Block;

/// Everything the list's frame is drawn from: while it is the same, so
/// are the frame's cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FrameLook {
    /// Select mode's loud frame, or the quiet one.
    pub focused: bool,
    /// The insights it counts, and those in the parking lot.
    pub count: usize,
    pub parked: usize,
    pub palette: crate::app::Palette,
}

/// A frame's three rows, found by its look and where it is.
#[derive(Debug)]
struct Drawn {
    look: FrameLook,
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
    /// The three rows of the frame `look` has over the columns and top row
    /// of `area`; `block` makes that frame when it was not drawn yet.
    pub fn rows(
        &mut self,
        look: FrameLook,
        area: Rect,
        block: impl FnOnce() -> Block<'static>,
    ) -> &Buffer {
        let area = Rect { height: 3, ..area };
        let same = |d: &Drawn| d.area == area && d.look == look;
        if !self.last.as_ref().is_some_and(same) {
            self.last = match self.ahead.take_if(|d| same(d)) {
                Some(ahead) => Some(ahead),
                None => Some(draw(look, &block(), area)),
            };
        }
        &self.last.as_ref().expect("drawn above").cells
    }

    /// Draws the frame `look` has (made by `block`) over `area`, ahead of
    /// the frame that will ask for it.
    pub fn prepare(&mut self, look: FrameLook, area: Rect, block: impl FnOnce() -> Block<'static>) {
        let area = Rect { height: 3, ..area };
        let same = |d: &Drawn| d.area == area && d.look == look;
        if !(self.ahead.as_ref().is_some_and(same) || self.last.as_ref().is_some_and(same)) {
            self.ahead = Some(draw(look, &block(), area));
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

fn draw(look: FrameLook, block: &Block<'_>, area: Rect) -> Drawn {
    let cells = super::canvas::frame_rows(block, area);
    Drawn { look, area, cells }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::text::Line;
    use ratatui::widgets::Widget;

    fn titled(count: usize) -> Block<'static> {
        Block::bordered().title(Line::from(format!(" {count} ")))
    }

    fn look(count: usize) -> FrameLook {
        FrameLook {
            focused: false,
            count,
            parked: 0,
            palette: Default::default(),
        }
    }

    #[test]
    fn a_frame_is_drawn_once_and_the_one_drawn_ahead_is_taken_when_asked_for() {
        let area = Rect::new(0, 2, 20, 9);
        let mut frames = ListFrames::default();
        let first = frames.rows(look(3), area, || titled(3)).clone();
        assert_eq!(first.area, Rect::new(0, 2, 20, 3), "three rows");
        assert_eq!(first[(1, 2)].symbol(), " ");
        assert_eq!(first[(2, 2)].symbol(), "3");
        assert_eq!(first[(0, 3)].symbol(), "│", "a row of sides");
        assert_eq!(first[(0, 4)].symbol(), "└");

        frames.prepare(look(4), area, || titled(4));
        let ahead = frames.ahead.as_ref().map(|d| d.cells.clone());
        let never = || -> Block<'static> { panic!("drawn already") };
        assert_eq!(
            frames.rows(look(3), area, never),
            &first,
            "the last still there"
        );
        let taken = frames.rows(look(4), area, never).clone();
        assert_eq!(Some(&taken), ahead.as_ref(), "the one drawn ahead");
        assert!(frames.ahead.is_none(), "taken, not copied");
        assert_eq!(taken[(2, 2)].symbol(), "4");
        frames.prepare(look(4), area, never);
        assert!(frames.ahead.is_none(), "the last frame is not drawn ahead");

        // Another place, or another look: drawn afresh, as a block draws it.
        let lower = Rect { y: 5, ..area };
        let mut whole = Buffer::empty(lower);
        titled(5).render(lower, &mut whole);
        let rows = frames.rows(look(5), lower, || titled(5));
        for x in 0..20 {
            assert_eq!(rows[(x, 5)], whole[(x, 5)]);
            assert_eq!(rows[(x, 6)], whole[(x, 8)]);
            assert_eq!(rows[(x, 7)], whole[(x, 13)]);
        }
        let parked = FrameLook {
            parked: 1,
            ..look(5)
        };
        let mut made = false;
        frames.rows(parked, lower, || {
            made = true;
            titled(5)
        });
        assert!(made, "another look is another frame");
    }
}
