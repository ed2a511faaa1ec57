//! Taking the terminal and giving it back, quietly.
//!
//! ratatui's own `restore` reports a failure with `eprintln!`, which panics
//! when standard error is gone too, as it is once the window closed; its
//! panic hook calls it, so that panic came inside a panic and stb ended by
//! SIGABRT instead of saving and leaving with SIGHUP's 129. Here nothing
//! that gives the terminal back can panic: a terminal that is gone needs
//! no restoring.

use super::painter::Painter;
use crate::ui::canvas::Canvas;
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use std::io::{Write, stdout};

/// The terminal stb draws on: each frame reaches it in one write, and
/// holds only the cells that changed.
pub struct Screen {
    painter: Painter,
    bytes: Vec<u8>,
    /// The terminal's size, asked again after a resize (the ioctl was a
    /// tenth of a keystroke's frame).
    size: Option<ratatui::layout::Size>,
}

impl Screen {
    /// Draws a frame the size of the terminal, then sends what changed.
    ///
    /// One write a frame: ratatui flushed its writer three times a frame
    /// (the cells, the cursor shown, the cursor placed), and standard
    /// output splits a frame at every kilobyte besides, each a wake-up of
    /// whatever reads the terminal.
    pub fn draw(&mut self, render: impl FnOnce(&mut Canvas)) -> std::io::Result<()> {
        let size = match self.size {
            Some(size) => size,
            None => *self.size.insert(self.size()?),
        };
        self.painter.paint(size, render, &mut self.bytes);
        let sent = send(&mut self.bytes);
        if sent.is_err() {
            self.painter.forget();
        }
        self.painter.tidy();
        sent
    }

    /// The terminal was resized: the next frame asks its size.
    pub fn resized(&mut self) {
        self.size = None;
    }

    /// The terminal's size, in cells.
    pub fn size(&self) -> std::io::Result<ratatui::layout::Size> {
        let (width, height) = ratatui::crossterm::terminal::size()?;
        Ok(ratatui::layout::Size { width, height })
    }
}

impl Drop for Screen {
    /// The cursor is shown again as stb lets go of the terminal.
    fn drop(&mut self) {
        self.painter.show_cursor(&mut self.bytes);
        let _ = send(&mut self.bytes);
    }
}

/// Sends `bytes` to the terminal, emptying them whether or not they went
/// (a write that failed ends the loop).
fn send(bytes: &mut Vec<u8>) -> std::io::Result<()> {
    let mut out = stdout().lock();
    let sent = out.write_all(bytes).and_then(|()| out.flush());
    bytes.clear();
    sent
}

/// Raw mode, the alternate screen, and a panic hook that gives the
/// terminal back before the panic message prints (so it lands on the
/// user's own screen).
pub fn init() -> std::io::Result<Screen> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        hook(info);
    }));
    let taken = enable_raw_mode().and_then(|()| execute!(stdout(), EnterAlternateScreen));
    match taken {
        Ok(()) => Ok(Screen {
            painter: Painter::default(),
            bytes: Vec::with_capacity(64 * 1024),
            size: None,
        }),
        Err(error) => {
            restore();
            Err(error)
        }
    }
}

/// Leaves raw mode and the alternate screen, each whatever became of the
/// other; errors are ignored (see the module's note).
pub fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(stdout(), LeaveAlternateScreen);
}
