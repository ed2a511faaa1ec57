//! The terminal loop: read an event, turn it into an action, update, hand
//! the effects to the [`Runner`], draw. The only module that touches the
//! terminal, and it decides nothing: quitting, saving, handing files back
//! and recovering a draft are decided in `update`, and done by the runner.
//!
//! The loop redraws on input, when the runner has news (a save landed: the
//! status line says "saved" only then) and, while a clock shows, each
//! second; otherwise it draws nothing, and on the home screen it sleeps
//! until a key arrives.

use crate::app::{Action, App, NewSessionDefaults, keymap};
use crate::model::Session;
use crate::runner::{Flow, Runner};
use crate::storage::{self, RealDisk};
use crate::ui;
use jiff::Timestamp;
use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use ratatui::crossterm::execute;
use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

mod keys;
pub mod painter;
pub mod present;
mod terminal;
mod watchdog;

pub use crate::runner::{Opened, own_all, own_session};

/// What the app opens on.
#[derive(Debug)]
pub enum Start {
    Home,
    /// A session already owned (locked and read) from this file.
    Open(PathBuf, Box<Session>, Box<storage::Owned>),
    /// `stb join`: this laptop's own copy of a room's session, owned, and
    /// the union of every copy.
    Join(Box<crate::room::Joined>),
    /// `stb new`: straight to question 1 if the flags say enough, else the form.
    New(NewSessionDefaults),
    /// `stb review FILE...`: files already owned (locked and read).
    Review(Vec<Opened>, Vec<storage::Owned>),
}

/// Why the app ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ending {
    /// The user quit.
    Quit,
    /// A signal (SIGTERM, SIGHUP, SIGINT) asked it to: saved, then ended.
    Signal(i32),
    /// A bug panicked the loop; what was open was saved here, if it could be.
    Panicked(Option<PathBuf>),
}

/// Signals that end the app the way Ctrl+Q does: saved, terminal restored.
/// SIGHUP is what a closed terminal window sends.
#[cfg(unix)]
const ENDING_SIGNALS: &[i32] = &[
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGINT,
];
#[cfg(not(unix))]
const ENDING_SIGNALS: &[i32] = &[signal_hook::consts::SIGTERM, signal_hook::consts::SIGINT];

/// The last ending signal received (0: none yet).
static SIGNALLED: std::sync::LazyLock<std::sync::Arc<std::sync::atomic::AtomicUsize>> =
    std::sync::LazyLock::new(Default::default);

/// The guard that ends stb if its terminal vanishes under crossterm.
static WATCHDOG: std::sync::OnceLock<watchdog::Watchdog> = std::sync::OnceLock::new();

fn signalled() -> Option<i32> {
    match SIGNALLED.load(std::sync::atomic::Ordering::SeqCst) {
        0 => None,
        n => i32::try_from(n).ok(),
    }
}

/// Runs the app until the user quits or a signal ends it. The terminal is
/// restored on return, on error, on those signals and on a panic (ratatui's
/// hook restores it before the panic message prints, so the message lands
/// on the user's own screen).
///
/// A panic is a bug, but what the room said must not go with it: the loop
/// is unwound, whatever is open is saved once more (unless the panic left
/// it inconsistent, when the last save on disk stands), the capture line's
/// draft is written, and the app ends with [`Ending::Panicked`].
pub fn run(mut app: App, start: Start) -> std::io::Result<Ending> {
    for &signal in ENDING_SIGNALS {
        signal_hook::flag::register_usize(signal, SIGNALLED.clone(), signal as usize)?;
    }
    WATCHDOG.get_or_init(|| watchdog::Watchdog::start(signalled));
    let mut terminal = terminal::init()?;
    let _ = execute!(std::io::stdout(), EnableBracketedPaste);
    let mut runner = Runner::new(RealDisk, Box::new(ring_the_bell), Timestamp::now);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let result = event_loop(&mut terminal, &mut app, start, &mut runner);
        if result.is_err() {
            // The terminal failed under the loop (most often: its window
            // closed, and the hang-up is on its way). Leave as Ctrl+Q does,
            // saving first; asked twice so a failing save cannot hold on.
            for _ in 0..2 {
                let effects = dispatch(&mut app, Action::Quit);
                if runner.run(&mut app, effects) == Flow::End {
                    break;
                }
            }
        }
        result
    }));
    let _ = execute!(std::io::stdout(), DisableBracketedPaste);
    match result {
        Ok(result) => {
            terminal::restore();
            match (result, signalled()) {
                (_, Some(signal)) => Ok(Ending::Signal(signal)),
                (Ok(()), None) => Ok(Ending::Quit),
                (Err(error), None) => Err(error),
            }
        }
        Err(_) => {
            // The hook has left the alternate screen and printed the panic;
            // leaving it again would put the cursor back over the message.
            let _ = ratatui::crossterm::terminal::disable_raw_mode();
            let _ = execute!(std::io::stdout(), ratatui::crossterm::cursor::Show);
            Ok(Ending::Panicked(runner.after_panic(&mut app)))
        }
    }
}

fn ring_the_bell() {
    let mut out = std::io::stdout();
    let _ = out.write_all(b"\x07").and_then(|()| out.flush());
}

fn event_loop(
    terminal: &mut terminal::Screen,
    app: &mut App,
    start: Start,
    runner: &mut Runner,
) -> std::io::Result<()> {
    if let Ok(size) = terminal.size() {
        dispatch(app, Action::Resized(size.width, size.height));
    }
    let first = match start {
        Start::Home => Action::Refresh,
        Start::Open(path, session, owned) => {
            runner.hold(&path, *owned);
            Action::Opened(Box::new((path, *session)))
        }
        Start::Join(joined) => runner.join(*joined),
        Start::Review(files, owned) => {
            for (owned, (path, _)) in owned.into_iter().zip(&files) {
                runner.hold(path, owned);
            }
            Action::ReviewOpened(files)
        }
        Start::New(defaults) => Action::NewFromFlags(defaults),
    };
    let effects = dispatch(app, first);
    if runner.run(app, effects) == Flow::End {
        return Ok(());
    }
    // Drawn only when something may have changed: an action was applied,
    // or the runner fed an outcome back. A wake that brought nothing (a lock
    // check, a wait's slice ending) draws nothing, so an idle screen costs
    // no frames; a running timer's tick is an action, and draws.
    let mut changed = true;
    let mut cache = ui::FrameCache::default();
    let mut keys = keys::Keys::default();
    loop {
        let fed = runner.fed();
        if runner.poll(app) == Flow::End {
            return Ok(());
        }
        if changed || runner.fed() != fed {
            terminal.draw(|canvas| ui::draw(app, canvas, &mut cache))?;
            changed = false;
        }
        if signalled().is_some() {
            // Quit as Ctrl+Q does (it saves, pausing the timer); asked twice
            // so a failing save cannot hold the app open against a signal.
            for _ in 0..2 {
                let effects = dispatch(app, Action::Quit);
                if runner.run(app, effects) == Flow::End {
                    return Ok(());
                }
            }
            return Ok(());
        }
        let Some(action) = next_action(app, runner, &mut keys)? else {
            continue;
        };
        if matches!(action, Action::Resized(..)) {
            terminal.resized();
        }
        let typed = matches!(action, Action::Input(_) | Action::Paste(_));
        let panic_now = test_asked_for_a_panic(&action);
        let effects = dispatch(app, action);
        assert!(
            !panic_now,
            "STB_TEST_PANIC_ON_SUBMIT: a panic asked for by a test"
        );
        // The key is answered on screen before its effects start: a save
        // handed over first wakes the saving thread, which then competes
        // with this frame (and with the terminal reading it) for the two
        // cores of a laptop. What the effects bring back is drawn when
        // the runner feeds it in.
        changed = effects.contains(&crate::app::Effect::Quit);
        let drawn = if changed {
            Ok(())
        } else {
            terminal
                .draw(|canvas| ui::draw(app, canvas, &mut cache))
                .map(drop)
        };
        let fed = runner.fed();
        if runner.run(app, effects) == Flow::End {
            return Ok(());
        }
        // A terminal that failed under the frame ends the loop, but only
        // once the effects (a save among them) have run.
        drawn?;
        changed |= runner.fed() != fed;
        if typed {
            // With the key answered, the line is parsed for its Enter; it
            // changes nothing on screen.
            let effects = dispatch(app, Action::Prepare);
            debug_assert!(effects.is_empty(), "preparing asks for nothing");
            ui::prepare_enter(app, &mut cache, Timestamp::now());
        }
    }
}

fn dispatch(app: &mut App, action: Action) -> Vec<crate::app::Effect> {
    app.update(action, Timestamp::now())
}

/// Debug builds only: `STB_TEST_PANIC_ON_SUBMIT=1` panics right after the
/// next Enter is applied and before it is saved, so a test can prove the
/// panic path saves what only memory held. Release builds never read it.
fn test_asked_for_a_panic(action: &Action) -> bool {
    cfg!(debug_assertions)
        && matches!(action, Action::Submit)
        && std::env::var_os("STB_TEST_PANIC_ON_SUBMIT").is_some()
}

/// Waits for the next event, for the runner's next duty, or for the next
/// whole second when the screen shows a clock. None means: go round (a
/// resize to draw, news from the runner to poll).
fn next_action(
    app: &App,
    runner: &mut Runner,
    keys: &mut keys::Keys,
) -> std::io::Result<Option<Action>> {
    let tick = if app.needs_tick() {
        Duration::from_millis(
            1_000 - u64::from(Timestamp::now().subsec_millisecond().unsigned_abs() as u16 % 1_000),
        )
    } else {
        Duration::from_secs(3_600)
    };
    let runner_due = runner.wake_in();
    let timeout = runner_due.map_or(tick, |due| due.min(tick));
    // Wait in short slices so a signal is seen within a quarter second, and
    // a background save's end within a few milliseconds ("saved" then shows).
    let deadline = std::time::Instant::now() + timeout;
    while !keys.pending() {
        if signalled().is_some() || runner.has_news() {
            return Ok(None);
        }
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        if left.is_zero() {
            let ticking = app.needs_tick() && runner_due.is_none_or(|due| due >= tick);
            return Ok(ticking.then_some(Action::Tick));
        }
        let slice = if runner.busy() {
            Duration::from_millis(5)
        } else {
            Duration::from_millis(250)
        };
        let _waiting = WATCHDOG.get().map(watchdog::Watchdog::waiting);
        if event::poll(left.min(slice))? {
            break;
        }
    }
    let _waiting = WATCHDOG.get().map(watchdog::Watchdog::waiting);
    Ok(match keys.read()? {
        Event::Key(key) => keymap::action_for(app.context(), &key),
        Event::Paste(text) => Some(Action::Paste(text)),
        Event::Resize(cols, rows) => Some(Action::Resized(cols, rows)),
        _ => None,
    })
}
