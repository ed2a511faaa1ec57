//! The projector view's loop (`stb present FILE`): watch the file's folder,
//! read the file again when it or its journal changes, draw, and leave on
//! q, Esc or Ctrl+C (or a signal), the terminal given back as the app does.
//!
//! Reading runs on a thread of its own so the screen never waits on it
//! (10,000 insights parse in some 40 ms), and reads are coalesced: at most
//! one is in flight, and every change reported while it runs asks for one
//! more read, which then sees the latest file. A facilitator typing at full
//! speed costs one read at a time, never a queue of them.

use super::{ENDING_SIGNALS, Ending, SIGNALLED, WATCHDOG, signalled, terminal, watchdog};
use crate::app::{Action, Context, Palette, keymap};
use crate::model::Session;
use crate::present::{Follower, Presenter};
use crate::storage::{self, LoadError};
use crate::ui::theme::Theme;
use crate::watch::FolderWatch;
use jiff::Timestamp;
use ratatui::crossterm::event::{self, Event};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::Duration;

/// How often the folder is polled beside the system's watcher: half the
/// 500 ms the projector may lag behind a save, with time left to read.
const POLL_EVERY: Duration = Duration::from_millis(200);

/// The reading thread: ask with [`Reader::ask`], take results with
/// [`Reader::latest`].
struct Reader {
    asks: Sender<()>,
    results: Receiver<Result<Arc<Session>, LoadError>>,
}

impl Reader {
    fn start(path: PathBuf) -> Reader {
        let (asks, asked) = channel::<()>();
        let (send, results) = channel();
        std::thread::spawn(move || {
            let mut follower = Follower::new(&path);
            while asked.recv().is_ok() {
                // Asks that came while the last read ran: one read serves all.
                while asked.try_recv().is_ok() {}
                if send.send(follower.read()).is_err() {
                    break;
                }
            }
        });
        Reader { asks, results }
    }

    fn ask(&self) {
        let _ = self.asks.send(());
    }

    /// The newest result since the last call, if any.
    fn latest(&self) -> Option<Result<Arc<Session>, LoadError>> {
        self.results.try_iter().last()
    }
}

/// Whether a changed path is the session or its journal.
fn concerns(changed: &Path, session: &Path) -> bool {
    let journal = storage::journal_path(session);
    [session, journal.as_path()]
        .iter()
        .any(|p| changed.file_name() == p.file_name())
}

/// Shows `file` until the user leaves or a signal ends it.
pub fn run(file: &Path, names: bool, palette: Palette) -> std::io::Result<Ending> {
    for &signal in ENDING_SIGNALS {
        signal_hook::flag::register_usize(signal, SIGNALLED.clone(), signal as usize)?;
    }
    // A closed projector window must end the view, not leave it spinning
    // in crossterm on a hung-up terminal (see `watchdog`).
    WATCHDOG.get_or_init(|| watchdog::Watchdog::start(signalled));
    let path = std::path::absolute(file).unwrap_or_else(|_| file.to_owned());
    let folder = path
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_owned);
    let mut watch = FolderWatch::new(&folder, POLL_EVERY);
    let reader = Reader::start(path.clone());
    reader.ask();
    let mut presenter = Presenter::new(&path, names);
    let theme = Theme::of(palette);
    let mut terminal = terminal::init()?;
    let result = (|| -> std::io::Result<()> {
        let mut draw = true;
        let mut drawn_second = 0;
        loop {
            if signalled().is_some() {
                return Ok(());
            }
            if watch.changed().iter().any(|p| concerns(p, &path)) {
                reader.ask();
            }
            if let Some(result) = reader.latest() {
                presenter.loaded(result);
                draw = true;
            }
            let now = Timestamp::now();
            // The clock on the wall moves each second.
            if draw || now.as_second() != drawn_second {
                drawn_second = now.as_second();
                terminal.draw(|canvas| crate::ui::present::draw(canvas, &presenter, now, theme))?;
                draw = false;
            }
            let wait = watch.wake_in().min(to_next_second()).min(READ_CHECK);
            let waiting = WATCHDOG.get().map(watchdog::Watchdog::waiting);
            if !event::poll(wait)? {
                continue;
            }
            let event = event::read()?;
            drop(waiting);
            match event {
                Event::Key(key) => {
                    if matches!(
                        keymap::action_for(Context::Present, &key),
                        Some(Action::Quit)
                    ) {
                        return Ok(());
                    }
                }
                Event::Resize(..) => {
                    terminal.resized();
                    draw = true;
                }
                _ => {}
            }
        }
    })();
    terminal::restore();
    result?;
    Ok(signalled().map_or(Ending::Quit, Ending::Signal))
}

/// How often a finished read is looked for while nothing else wakes the loop.
const READ_CHECK: Duration = Duration::from_millis(50);

/// Time to the next whole second, when the clock on the wall moves.
fn to_next_second() -> Duration {
    let millis = u64::from(Timestamp::now().subsec_millisecond().unsigned_abs() as u16 % 1_000);
    Duration::from_millis(1_000 - millis)
}
