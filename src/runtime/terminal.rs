//! Taking the terminal and giving it back, quietly.
//!
//! ratatui's own `restore` reports a failure with `eprintln!`, which panics
//! when standard error is gone too, as it is once the window closed; its
//! panic hook calls it, so that panic came inside a panic and stb ended by
//! SIGABRT instead of saving and leaving with SIGHUP's 129. Here nothing
//! that gives the terminal back can panic: a terminal that is gone needs
//! no restoring.

use ratatui::Frame;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use std::cell::RefCell;
use std::io::{Write, stdout};
use std::rc::Rc;

/// The terminal stb draws on: each frame reaches it in one write.
pub struct Screen {
    terminal: ratatui::Terminal<CrosstermBackend<FrameOut>>,
    pending: Rc<RefCell<Vec<u8>>>,
}

impl Screen {
    /// Draws a frame, then sends it whole.
    ///
    /// ratatui flushes its writer three times a frame (the cells, the
    /// cursor shown, the cursor placed), and standard output splits a
    /// frame at every kilobyte besides: an Enter at 10,000 insights took
    /// four to six writes to the terminal, each a wake-up of whatever
    /// reads it, and in all about as long as drawing the frame.
    pub fn draw(&mut self, render: impl FnOnce(&mut Frame)) -> std::io::Result<()> {
        let drawn = self.terminal.draw(render).map(drop);
        let sent = self.send();
        drawn.and(sent)
    }

    /// The terminal's size, in cells.
    pub fn size(&self) -> std::io::Result<ratatui::layout::Size> {
        self.terminal.size()
    }

    fn send(&self) -> std::io::Result<()> {
        let mut pending = self.pending.borrow_mut();
        let mut out = stdout().lock();
        let sent = out.write_all(&pending).and_then(|()| out.flush());
        // Emptied whether or not it went: a write that failed ends the loop.
        pending.clear();
        sent
    }
}

impl Drop for Screen {
    /// What ratatui writes as it lets go (the cursor shown again) is sent too.
    fn drop(&mut self) {
        let _ = self.terminal.show_cursor();
        let _ = self.send();
    }
}

/// Standard output, held back until the frame is whole: its flush sends
/// nothing, [`Screen::draw`] sends the frame.
struct FrameOut {
    pending: Rc<RefCell<Vec<u8>>>,
}

impl Write for FrameOut {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.pending.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
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
    let pending = Rc::new(RefCell::new(Vec::with_capacity(64 * 1024)));
    let out = FrameOut {
        pending: Rc::clone(&pending),
    };
    let taken = enable_raw_mode()
        .and_then(|()| execute!(stdout(), EnterAlternateScreen))
        .and_then(|()| ratatui::Terminal::new(CrosstermBackend::new(out)));
    match taken {
        Ok(terminal) => Ok(Screen { terminal, pending }),
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
