//! What a frame is drawn on: a buffer of cells, the cursor, and the rows
//! that may be left as the last frame drew them.
//!
//! ratatui's `Frame` always starts blank, so every key redrew, rediffed
//! and rechecked all of a 120×40 screen (4,800 cells) to show one more
//! letter, and at 10,000 insights that was most of a keystroke. The
//! terminal loop's canvas instead holds the frame it drew last: a screen
//! part that knows its cells are those of the last frame (the insights
//! list while no insight changed, the header while its text and times
//! stand) [`Canvas::keep`]s its rows, and they are neither cleared, drawn,
//! checked nor compared again; rows that moved up as a whole (the list
//! after an Enter) are kept moved ([`Canvas::keep_moved`]), and the
//! terminal scrolls them. Every other row is cleared before the first
//! drawing, exactly as a blank frame would be. Tests draw on a blank
//! canvas, which keeps nothing.

use ratatui::buffer::{Buffer, Cell};
use ratatui::layout::{Position, Rect};
use ratatui::widgets::{Block, StatefulWidget, Widget};
use std::ops::Range;

/// A frame being drawn.
pub struct Canvas<'a> {
    buffer: &'a mut Buffer,
    /// Where the old cells of the rows drawn again go, for the terminal to
    /// compare with: none when the buffer came blank.
    old: Option<&'a mut Buffer>,
    /// The number of the earlier frame the buffer still holds, if it does.
    holds: Option<u64>,
    number: u64,
    kept: Vec<Range<u16>>,
    /// Rows kept, moved up: see [`Canvas::keep_moved`].
    moved: Vec<Moved>,
    /// Of those, the ones left for [`settle`].
    unsettled: Vec<Moved>,
    begun: bool,
    cursor: Option<Position>,
}

/// Rows of the last frame shown again higher up: the terminal scrolls
/// `rows` (its own scrolling region) up by `up` lines, and what it drew in
/// the first rows of `rows` is then at the top, the last `up` rows blank.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Moved {
    pub rows: Range<u16>,
    pub up: u16,
}

/// What a finished frame leaves for the terminal.
#[derive(Debug, PartialEq, Eq)]
pub struct Drawn {
    /// Where the terminal's cursor goes (hidden when none).
    pub cursor: Option<Position>,
    /// The rows drawn again, in order: the rest are as the last frame left
    /// them, or moved.
    pub redrawn: Vec<Range<u16>>,
    /// Rows to scroll before the cells drawn again are sent.
    pub moved: Vec<Moved>,
    /// Of those, the ones whose cells are still to be moved up in the
    /// buffer, by [`settle`], before it is drawn on again.
    pub unsettled: Vec<Moved>,
}

/// `block`'s three kinds of rows over the columns and top row of `area`:
/// its top, one row of its sides, and its bottom (its titles on them).
pub fn frame_rows(block: &Block<'_>, area: Rect) -> Buffer {
    let small = Rect { height: 3, ..area };
    let mut cells = Buffer::empty(small);
    block.render(small, &mut cells);
    cells
}

/// Moves up the cells of rows `moved` kept in `buffer`, once the frame that
/// scrolled them is sent: an Enter's frame left them where they were, and
/// the rows drawn under them put aside in `old`. Moving a list's 3,000
/// cells (140 KB) was a sixth of an Enter's frame, and the terminal needs
/// none of it: it scrolls its own.
pub fn settle(buffer: &mut Buffer, old: &mut Buffer, moved: &Moved) {
    let width = usize::from(buffer.area.width);
    let at = |y: u16| usize::from(y - buffer.area.y) * width;
    let (start, end, up) = (
        at(moved.rows.start),
        at(moved.rows.end),
        usize::from(moved.up) * width,
    );
    // The kept rows go up, the rows that scrolled off coming round under
    // them, in place of the rows put aside, which come back over them.
    buffer.content[start..end - up].rotate_left(up);
    buffer.content[end - 2 * up..end - up]
        .swap_with_slice(&mut old.content[end - 2 * up..end - up]);
}

/// Copies the cells of columns `x` from row `rows.1` of `from` to row
/// `rows.0` of `to`, as one slice (indexing each cell checked its place).
fn copy_row(to: &mut Buffer, from: &Buffer, rows: (u16, u16), x: Range<u16>) {
    let width = usize::from(x.end.saturating_sub(x.start));
    if width == 0 {
        return;
    }
    let at = to.index_of(x.start, rows.0);
    let source = from.index_of(x.start, rows.1);
    to.content[at..at + width].clone_from_slice(&from.content[source..source + width]);
}

impl<'a> Canvas<'a> {
    /// A canvas over a blank buffer (a ratatui `Frame`'s): every row is drawn.
    pub fn blank(buffer: &'a mut Buffer) -> Self {
        Canvas {
            buffer,
            old: None,
            holds: None,
            number: 0,
            kept: Vec::new(),
            moved: Vec::new(),
            unsettled: Vec::new(),
            begun: true,
            cursor: None,
        }
    }

    /// A canvas over `buffer` as frame `number` left it when `holds` says
    /// so; the rows drawn again have their old cells put in `old` (the same
    /// size) before they are cleared.
    pub fn over(
        buffer: &'a mut Buffer,
        old: &'a mut Buffer,
        holds: Option<u64>,
        number: u64,
    ) -> Self {
        debug_assert_eq!(
            buffer.area, old.area,
            "the old cells' buffer fits the frame"
        );
        Canvas {
            buffer,
            old: Some(old),
            holds,
            number,
            kept: Vec::new(),
            moved: Vec::new(),
            unsettled: Vec::new(),
            begun: false,
            cursor: None,
        }
    }

    /// The whole screen.
    pub fn area(&self) -> Rect {
        self.buffer.area
    }

    /// This frame's number, to record what it showed under.
    pub fn number(&self) -> u64 {
        self.number
    }

    /// The number of the frame whose cells the buffer still holds, if any.
    pub fn holds(&self) -> Option<u64> {
        self.holds
    }

    /// Leaves the rows of `area` as the last frame drew them, when the
    /// buffer still holds that frame and nothing has been drawn yet; the
    /// caller vouches that the last frame's cells there are this frame's
    /// and that nothing else draws there. Only whole rows can be kept.
    pub fn keep(&mut self, area: Rect) -> bool {
        let whole_rows = area.x == self.buffer.area.x && area.width == self.buffer.area.width;
        let inside = area.intersection(self.buffer.area) == area;
        if self.begun || self.holds.is_none() || !whole_rows || !inside || area.is_empty() {
            return false;
        }
        self.kept.push(area.top()..area.bottom());
        true
    }

    /// Keeps the rows of `area` as the last frame drew them `up` rows
    /// lower down (a list that moved up as an entry came in at its
    /// bottom); the `up` rows under `area` are drawn. As with
    /// [`Canvas::keep`], the caller vouches for the cells, nothing else
    /// draws in `area`, and only whole rows move.
    pub fn keep_moved(&mut self, area: Rect, up: u16) -> bool {
        let below = Rect::new(area.x, area.bottom(), area.width, up);
        let inside = below.intersection(self.buffer.area) == below;
        if up == 0 || !inside || !self.keep(area) {
            return false;
        }
        self.moved.push(Moved {
            rows: area.top()..area.bottom() + up,
            up,
        });
        true
    }

    pub fn render_widget<W: Widget>(&mut self, widget: W, area: Rect) {
        widget.render(area, self.buffer_mut());
    }

    pub fn render_stateful_widget<W: StatefulWidget>(
        &mut self,
        widget: W,
        area: Rect,
        state: &mut W::State,
    ) {
        widget.render(area, self.buffer_mut(), state);
    }

    /// The cells, every row not kept cleared first.
    pub fn buffer_mut(&mut self) -> &mut Buffer {
        self.begin();
        self.buffer
    }

    /// Draws the cells of `cells` over its area, in the rows not kept (the
    /// kept ones hold them already): a part drawn once and copied since.
    pub fn copy_cells(&mut self, cells: &Buffer) {
        let area = cells.area.intersection(self.buffer.area);
        self.copy_rows(cells, area, |y| y);
    }

    /// Draws a frame over `area` from its three rows `cells` (made by
    /// [`frame_rows`] for the same columns and top row), in the rows not
    /// kept only. A block styles every cell it covers, so a list's frame
    /// drawn whole around the rows an Enter kept touched all of them.
    pub fn copy_framed(&mut self, cells: &Buffer, area: Rect) {
        let small = cells.area;
        debug_assert_eq!(
            (small.x, small.y, small.width),
            (area.x, area.y, area.width)
        );
        self.copy_rows(cells, area, |y| match y {
            _ if y == area.top() => small.top(),
            _ if y + 1 == area.bottom() => small.top() + 2,
            _ => small.top() + 1,
        });
    }

    /// Copies into each row of `area` not kept the row `source(y)` of
    /// `from`, over the same columns.
    fn copy_rows(&mut self, from: &Buffer, area: Rect, source: impl Fn(u16) -> u16) {
        self.begin();
        for y in area.top()..area.bottom() {
            if !self.kept.iter().any(|rows| rows.contains(&y)) {
                copy_row(self.buffer, from, (y, source(y)), area.left()..area.right());
            }
        }
    }

    /// Whether any rows were kept.
    pub fn kept_any(&self) -> bool {
        !self.kept.is_empty()
    }

    /// Puts the terminal's cursor at `position` once the frame is shown.
    pub fn set_cursor_position(&mut self, position: impl Into<Position>) {
        self.cursor = Some(position.into());
    }

    pub fn cursor(&self) -> Option<Position> {
        self.cursor
    }

    /// Hands `f` the cells of every row not kept, one run of rows at a time.
    pub fn redrawn_rows(&mut self, mut f: impl FnMut(&mut [Cell])) {
        self.begin();
        let runs = self.runs();
        let width = usize::from(self.buffer.area.width);
        let top = self.buffer.area.y;
        for rows in runs {
            let start = usize::from(rows.start - top) * width;
            let end = usize::from(rows.end - top) * width;
            f(&mut self.buffer.content[start..end]);
        }
    }

    /// The frame's cells as they will stand once its moved rows are
    /// settled (the buffer holds them unmoved until then): for checks.
    pub fn settled_cells(&mut self) -> Buffer {
        self.begin();
        let mut cells = self.buffer.clone();
        if let Some(old) = self.old.as_deref() {
            let mut aside = old.clone();
            for moved in &self.unsettled {
                settle(&mut cells, &mut aside, moved);
            }
        }
        cells
    }

    /// Ends the frame (clearing a canvas nothing was drawn on).
    pub fn finish(mut self) -> Drawn {
        self.begin();
        let redrawn = self.runs();
        Drawn {
            cursor: self.cursor,
            redrawn,
            moved: std::mem::take(&mut self.moved),
            unsettled: std::mem::take(&mut self.unsettled),
        }
    }

    /// The rows drawn this frame, as runs.
    fn runs(&self) -> Vec<Range<u16>> {
        match self.old {
            Some(_) => self.not_kept(),
            None => std::iter::once(self.buffer.area.top()..self.buffer.area.bottom()).collect(),
        }
    }

    /// The rows not kept, as runs.
    fn not_kept(&self) -> Vec<Range<u16>> {
        let area = self.buffer.area;
        let mut kept = self.kept.clone();
        kept.sort_by_key(|rows| rows.start);
        let mut runs = Vec::new();
        let mut from = area.top();
        for rows in kept {
            if rows.start > from {
                runs.push(from..rows.start);
            }
            from = from.max(rows.end);
        }
        if from < area.bottom() {
            runs.push(from..area.bottom());
        }
        runs
    }

    /// Clears the rows to draw, their old cells put aside first.
    fn begin(&mut self) {
        if std::mem::replace(&mut self.begun, true) {
            return;
        }
        let runs = self.not_kept();
        let Some(old) = self.old.as_deref_mut() else {
            return;
        };
        let area = self.buffer.area;
        if self.kept.is_empty() {
            // Every row: the whole frame changes places with the old one.
            std::mem::swap(&mut self.buffer.content, &mut old.content);
            self.buffer.reset();
            return;
        }
        let width = usize::from(area.width);
        let cells = |rows: &Range<u16>| {
            usize::from(rows.start - area.y) * width..usize::from(rows.end - area.y) * width
        };
        for moved in &self.moved {
            let up = usize::from(moved.up) * width;
            let rows = cells(&moved.rows);
            if rows.len() >= 2 * up {
                // Moved after the frame is sent (see `settle`): the rows
                // drawn over at the bottom are put aside in `old`, in the
                // kept rows above them, which no comparison reads.
                old.content[rows.end - 2 * up..rows.end - up]
                    .swap_with_slice(&mut self.buffer.content[rows.end - up..rows.end]);
                self.unsettled.push(moved.clone());
                continue;
            }
            // Fewer rows kept than moved in: moved now, in one copy. The
            // rows scrolled off the top go, and blank rows come in at the
            // bottom.
            let content = &mut self.buffer.content;
            content.drain(rows.start..rows.start + up);
            let end = rows.end - up;
            content.splice(end..end, std::iter::repeat_n(Cell::EMPTY, up));
        }
        for rows in runs {
            let start = usize::from(rows.start - area.y) * width;
            let end = usize::from(rows.end - area.y) * width;
            // Moved, not copied: what `old` held there is not needed.
            old.content[start..end].swap_with_slice(&mut self.buffer.content[start..end]);
            self.buffer.content[start..end]
                .iter_mut()
                .for_each(Cell::reset);
        }
        // The rows a scroll leaves at the bottom are blank on the terminal.
        for moved in &self.moved {
            let vacated = moved.rows.end - moved.up..moved.rows.end;
            old.content[cells(&vacated)]
                .iter_mut()
                .for_each(Cell::reset);
        }
    }
}

#[cfg(test)]
mod tests;
