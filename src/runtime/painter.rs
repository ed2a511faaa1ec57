//! Frames into the bytes that put them on a terminal, sending only the
//! cells that changed since the last frame.
//!
//! ratatui's `Terminal` does this for a whole screen at every frame; the
//! painter does it for the rows the frame drew (see [`Canvas::keep`]):
//! the rows kept are neither compared nor sent. It keeps the frame on
//! screen between calls and knows nothing of where the bytes go, so tests
//! replay them through a terminal emulator.

mod ansi;
mod rows_diff;

use crate::ui::canvas::{self, Canvas, Drawn, Moved};
use ratatui::backend::{Backend, ClearType, CrosstermBackend};
use ratatui::buffer::Buffer;
use ratatui::layout::{Rect, Size};
use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

/// The frame on screen, and what the next one needs to be compared with it.
pub struct Painter {
    backend: CrosstermBackend<Bytes>,
    bytes: Rc<RefCell<Vec<u8>>>,
    /// The frame on screen, drawn over by the next.
    shown: Buffer,
    /// The old cells of the rows the frame being painted draws again.
    old: Buffer,
    /// The number of the last frame painted.
    frames: u64,
    /// Rows scrolled by the last frame whose cells `shown` has yet to move
    /// (see [`canvas::settle`]).
    unsettled: Vec<Moved>,
    /// Whether the terminal shows `shown`: not before the first frame, after
    /// a resize, or after a frame whose bytes may not have gone out.
    intact: bool,
}

impl Default for Painter {
    fn default() -> Self {
        let bytes = Rc::new(RefCell::new(Vec::with_capacity(64 * 1024)));
        Painter {
            backend: CrosstermBackend::new(Bytes(Rc::clone(&bytes))),
            bytes,
            shown: Buffer::default(),
            old: Buffer::default(),
            frames: 0,
            unsettled: Vec::new(),
            intact: false,
        }
    }
}

impl Painter {
    /// Draws a frame of `size` with `render` and adds to `out` the bytes
    /// that show it on a terminal showing the last one (all of it after a
    /// resize or a [`Painter::forget`]).
    pub fn paint(&mut self, size: Size, render: impl FnOnce(&mut Canvas), out: &mut Vec<u8>) {
        self.tidy();
        let area = Rect::from((ratatui::layout::Position::ORIGIN, size));
        if area != self.shown.area || !self.intact {
            self.shown = Buffer::empty(area);
            self.old = Buffer::empty(area);
            // Writing to a vector cannot fail.
            let _ = self.backend.clear_region(ClearType::All);
            self.intact = false;
        }
        let number = self.frames.wrapping_add(1);
        let holds = self.intact.then_some(self.frames);
        let mut canvas = Canvas::over(&mut self.shown, &mut self.old, holds, number);
        render(&mut canvas);
        let mut drawn = canvas.finish();
        self.send(&drawn);
        self.unsettled = std::mem::take(&mut drawn.unsettled);
        self.frames = number;
        self.intact = true;
        out.append(&mut self.bytes.borrow_mut());
    }

    /// Finishes the last frame's bookkeeping, which its bytes did not wait
    /// for: the loop calls it once they are written (and the next frame
    /// does, if it did not).
    pub fn tidy(&mut self) {
        for moved in self.unsettled.drain(..) {
            canvas::settle(&mut self.shown, &mut self.old, &moved);
        }
    }

    /// Forgets what the terminal shows, so the next frame is sent whole:
    /// for when the bytes of the last did not reach it.
    pub fn forget(&mut self) {
        self.intact = false;
    }

    /// Adds to `out` the bytes that show the cursor again, for leaving.
    pub fn show_cursor(&mut self, out: &mut Vec<u8>) {
        let _ = self.backend.show_cursor();
        out.append(&mut self.bytes.borrow_mut());
    }

    /// Puts the changed cells of every row drawn, then the cursor, into
    /// the backend's bytes.
    fn send(&mut self, drawn: &Drawn) {
        for moved in &drawn.moved {
            ansi::scroll(&mut self.bytes.borrow_mut(), moved);
        }
        let whole = self.shown.area.top()..self.shown.area.bottom();
        // Writing to a vector cannot fail.
        let mut bytes = self.bytes.borrow_mut();
        if drawn.redrawn == [whole] {
            ansi::draw(&mut bytes, self.old.diff_iter(&self.shown));
        } else if !drawn.redrawn.is_empty() {
            // The runs of rows drawn as one: colours and attributes carry
            // from one to the next, and are reset once.
            let (old, shown) = (&self.old, &self.shown);
            let changed = drawn
                .redrawn
                .iter()
                .flat_map(|rows| rows_diff::changed(old, shown, rows.clone()));
            ansi::draw(&mut bytes, changed);
        }
        ansi::cursor(&mut bytes, drawn.cursor);
    }
}

/// The backend's writer: the bytes of a frame, kept for [`Painter::paint`]
/// to hand over whole.
struct Bytes(Rc<RefCell<Vec<u8>>>);

impl Write for Bytes {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
