//! The terminal loop: read an event, turn it into an action, update, run the
//! effects (disk, bell), draw. The only module that touches the terminal.
//!
//! Saves of the open session go to a background thread (`saving::Saver`)
//! with a snapshot; the status line says "saving…" until the thread reports
//! the save that covers what is on screen, so it never says "saved" about
//! something that is not on disk. Leaving, signals, panics and review edits
//! save in place.
//! The loop redraws on input and, while a session is open, on a one-second
//! tick for its timer; on the home screen it sleeps until a key arrives.

use crate::app::{Action, App, Effect, NewSessionDefaults, Screen, keymap};
use crate::model::Session;
use crate::saving;
use crate::storage::{self, RealDisk};
use crate::ui;
use jiff::Timestamp;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use ratatui::crossterm::execute;
use std::io::Write;
use std::path::PathBuf;
use std::time::Duration;

mod draft;
mod held;
mod panic;
mod watchdog;

use held::{Held, LOCK_CHECK};
pub use held::{Opened, own_all, own_session};

/// What the app opens on.
#[derive(Debug)]
pub enum Start {
    Home,
    /// A session already owned (locked and read) from this file.
    Open(PathBuf, Box<Session>, Box<storage::Owned>),
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
    let mut terminal = ratatui::init();
    let _ = execute!(std::io::stdout(), EnableBracketedPaste);
    let mut held = Held::new();
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        event_loop(&mut terminal, &mut app, start, &mut held)
    }));
    let _ = execute!(std::io::stdout(), DisableBracketedPaste);
    match result {
        Ok(result) => {
            ratatui::restore();
            result.map(|()| signalled().map_or(Ending::Quit, Ending::Signal))
        }
        Err(_) => {
            // The hook has left the alternate screen and printed the panic;
            // leaving it again would put the cursor back over the message.
            let _ = ratatui::crossterm::terminal::disable_raw_mode();
            let _ = execute!(std::io::stdout(), ratatui::crossterm::cursor::Show);
            Ok(Ending::Panicked(panic::save_after(&mut app, &mut held)))
        }
    }
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    start: Start,
    held: &mut Held,
) -> std::io::Result<()> {
    if let Ok(size) = terminal.size() {
        dispatch(app, Action::Resized(size.width, size.height));
    }
    let first = match start {
        Start::Home => vec![Effect::ListSessions],
        Start::Open(path, session, owned) => {
            held.take(&path, *owned);
            let mut effects = dispatch(app, Action::Opened(Box::new((path, *session))));
            if let Some(text) = draft::recovered(app) {
                effects.extend(dispatch(app, Action::DraftRecovered(text)));
            }
            effects
        }
        Start::Review(files, owned) => {
            for (owned, (path, _)) in owned.into_iter().zip(&files) {
                held.take(path, owned);
            }
            dispatch(app, Action::ReviewOpened(files))
        }
        Start::New(defaults) => match crate::app::session_from_defaults(app, &defaults) {
            Some(session) => vec![Effect::Create(Box::new(session))],
            None => {
                app.show_new_session_form(&defaults);
                Vec::new()
            }
        },
    };
    if run_effects(app, first, held) {
        return Ok(());
    }
    loop {
        if matches!(app.screen, Screen::Home(_) | Screen::NewSession(_)) && !held.locks.is_empty() {
            // Nothing may still be writing a file whose lock goes.
            held.finish_saves(app);
            held.locks.clear();
        }
        held.draft.flush(app, false, &mut held.saver);
        if held.lock_check.elapsed() >= LOCK_CHECK
            && let Some(lost) = held.keep_locks()
        {
            let effects = dispatch(app, lost);
            if run_effects(app, effects, held) {
                return Ok(());
            }
        }
        terminal.draw(|frame| ui::render(app, frame))?;
        if signalled().is_some() {
            // Quit as Ctrl+Q does (it saves, pausing the timer); asked twice
            // so a failing save cannot hold the app open against a signal.
            for _ in 0..2 {
                let effects = dispatch(app, Action::Quit);
                if run_effects(app, effects, held) {
                    return Ok(());
                }
            }
            return Ok(());
        }
        let action = next_action(app, held)?;
        let Some(action) = action else { continue };
        let panic_now = panic::test_asked_for(&action);
        let effects = dispatch(app, action);
        assert!(
            !panic_now,
            "STB_TEST_PANIC_ON_SUBMIT: a panic asked for by a test"
        );
        if run_effects(app, effects, held) {
            return Ok(());
        }
    }
}

fn dispatch(app: &mut App, action: Action) -> Vec<Effect> {
    app.update(action, Timestamp::now())
}

/// Waits for the next event, or for the next whole second when the screen
/// shows a clock. None means: just redraw (a resize).
fn next_action(app: &App, held: &mut Held) -> std::io::Result<Option<Action>> {
    let timeout = if let Some(due) = held.draft.due_in() {
        due
    } else if app.needs_tick() {
        Duration::from_millis(
            1_000 - u64::from(Timestamp::now().subsec_millisecond().unsigned_abs() as u16 % 1_000),
        )
    } else {
        Duration::from_secs(3_600)
    };
    // A held lock is checked about once a second (see `Held::keep_locks`).
    let timeout = if held.locks.is_empty() {
        timeout
    } else {
        timeout.min(LOCK_CHECK)
    };
    // Wait in short slices so a signal is seen within a quarter second, and
    // a background save's end within a few milliseconds ("saved" then shows).
    let deadline = std::time::Instant::now() + timeout;
    loop {
        if signalled().is_some() {
            return Ok(None);
        }
        if let Some(action) = held.outcomes.pop_front() {
            return Ok(Some(action));
        }
        if let Some(done) = held.saver.finished() {
            held.outcomes.extend(outcomes(done));
            continue;
        }
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        if left.is_zero() {
            return Ok(app.needs_tick().then_some(Action::Tick));
        }
        let slice = if held.saver.busy() {
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
    Ok(match event::read()? {
        Event::Key(key) => keymap::action_for(app.context(), &key),
        Event::Paste(text) => Some(Action::Paste(text)),
        Event::Resize(cols, rows) => Some(Action::Resized(cols, rows)),
        _ => None,
    })
}

/// What the app hears of a background save: the outside changes it merged
/// in, if any (so the screen shows them), then how it went.
fn outcomes(done: saving::Done) -> Vec<Action> {
    let merged = done.merged.map(|file| {
        let path = done.path.clone();
        Action::MergedFromDisk(Box::new((path, file)))
    });
    let saved = Action::SavedUpTo(done.edits, done.result);
    merged.into_iter().chain([saved]).collect()
}

/// Runs effects, feeding their outcomes back in; true when the app should
/// end. Files opened are locked into `held`.
fn run_effects(app: &mut App, effects: Vec<Effect>, held: &mut Held) -> bool {
    let mut queue = std::collections::VecDeque::from(effects);
    while let Some(effect) = queue.pop_front() {
        let outcome = match effect {
            // The save just before a quit failed: ask again rather than
            // leave with data only in memory (a second Ctrl+Q leaves anyway).
            Effect::Quit if app.workshop().is_some_and(|w| w.dirty()) && !app.quit_armed => {
                Some(Action::Quit)
            }
            Effect::Quit => {
                held.draft.leaving(app);
                held.draft.flush(app, true, &mut held.saver);
                held.saver.wait();
                return true;
            }
            Effect::Draft(text) => {
                let now = held.draft.changed(app, text);
                held.draft.flush(app, now, &mut held.saver);
                None
            }
            Effect::Bell => {
                let mut out = std::io::stdout();
                let _ = out.write_all(b"\x07").and_then(|()| out.flush());
                None
            }
            Effect::Save => {
                let ending = queue.iter().any(|e| matches!(e, Effect::Quit));
                // Never over a file whose lock another stb has taken.
                let lost = held.keep_locks();
                match &app.screen {
                    _ if lost.is_some() => lost,
                    // Typing goes on while the session is written; one save
                    // at a time, and the app asks again if it is still dirty
                    // when that one ends.
                    Screen::Workshop(w) if !ending => {
                        if !held.saver.busy() {
                            let session = std::sync::Arc::clone(&w.session);
                            held.saver.save(w.path.clone(), session, w.edits());
                        }
                        None
                    }
                    // Leaving, or the review screen: saved in place, after
                    // any background save has landed.
                    _ => {
                        queue.extend(held.finish_saves(app));
                        let mut seen = held.saver.seen();
                        let mut actions =
                            saving::save_open_session(&RealDisk, app, &mut seen, Timestamp::now());
                        drop(seen);
                        let last = actions.pop();
                        for action in actions {
                            queue.extend(dispatch(app, action));
                        }
                        last
                    }
                }
            }
            Effect::Release => {
                held.locks.clear();
                None
            }
            Effect::ListSessions => Some(Action::Listed(storage::list_sessions(
                &app.config.sessions_dir,
            ))),
            Effect::Open(path) => Some(match own_session(&path) {
                Ok((session, owned)) => {
                    held.locks.clear();
                    held.take(&path, owned);
                    Action::Opened(Box::new((path, session)))
                }
                Err(error) => Action::OpenFailed(error),
            }),
            Effect::Review(paths) => Some(match own_all(&paths) {
                Ok((files, owned)) => {
                    held.locks.clear();
                    for (owned, path) in owned.into_iter().zip(&paths) {
                        held.take(path, owned);
                    }
                    Action::ReviewOpened(files)
                }
                Err(error) => Action::OpenFailed(error),
            }),
            Effect::WriteExport(bytes, name) => {
                let path = name.free_path_in(&app.config.sessions_dir.join("exports"));
                let result = storage::write_atomically(&path, &bytes)
                    .map(|()| path.clone())
                    .map_err(|e| format!("{}: {e}", path.display()));
                Some(Action::Exported(result))
            }
            Effect::SaveMerged(file, report) => {
                let _ = storage::ensure_folder(&app.config.sessions_dir);
                let path = storage::free_path(
                    &app.config.sessions_dir,
                    &format!("merged-{}", app.today()),
                );
                // A fresh name, but owned like any other file written.
                let result = storage::own(&path)
                    .map_err(|e| e.to_string())
                    .and_then(|owned| {
                        let saved = storage::save_file(&path, &file).map_err(|e| e.to_string());
                        owned.release();
                        saved
                    })
                    .map(|()| (path, *file));
                Some(Action::Merged(result, report))
            }
            Effect::Create(session) => {
                let path = saving::create_path(&RealDisk, &app.config.sessions_dir, &session);
                // A brand-new name: nobody else can hold it, but hold it now.
                if let Ok(owned) = storage::own(&path) {
                    held.locks.clear();
                    held.take(&path, owned);
                }
                let mut seen = held.saver.seen();
                let now = Timestamp::now();
                let saved = saving::save_checked(&RealDisk, &path, &session, &mut seen, now);
                drop(seen);
                let saved = saved.result;
                queue.extend(dispatch(app, Action::Opened(Box::new((path, *session)))));
                Some(Action::Saved(saved))
            }
        };
        if let Some(action) = outcome {
            let opened = matches!(action, Action::Opened(_));
            queue.extend(dispatch(app, action));
            if opened && let Some(text) = draft::recovered(app) {
                queue.extend(dispatch(app, Action::DraftRecovered(text)));
            }
        }
    }
    false
}
