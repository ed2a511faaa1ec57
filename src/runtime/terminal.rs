//! Taking the terminal and giving it back, quietly.
//!
//! ratatui's own `restore` reports a failure with `eprintln!`, which panics
//! when standard error is gone too, as it is once the window closed; its
//! panic hook calls it, so that panic came inside a panic and stb ended by
//! SIGABRT instead of saving and leaving with SIGHUP's 129. Here nothing
//! that gives the terminal back can panic: a terminal that is gone needs
//! no restoring.

use ratatui::DefaultTerminal;
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use std::io::stdout;

/// Raw mode, the alternate screen, and a panic hook that gives the
/// terminal back before the panic message prints (so it lands on the
/// user's own screen).
pub fn init() -> std::io::Result<DefaultTerminal> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        hook(info);
    }));
    let taken = enable_raw_mode()
        .and_then(|()| execute!(stdout(), EnterAlternateScreen))
        .and_then(|()| ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(stdout())));
    if taken.is_err() {
        restore();
    }
    taken
}

/// Leaves raw mode and the alternate screen, each whatever became of the
/// other; errors are ignored (see the module's note).
pub fn restore() {
    let _ = disable_raw_mode();
    let _ = execute!(stdout(), LeaveAlternateScreen);
}
