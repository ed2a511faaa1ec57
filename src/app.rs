//! The app's state and its one `update`.
//!
//! State is a lifecycle enum ([`Screen`]) rather than a set of flags; keys
//! become [`Action`]s through the [`keymap`]; [`App::update`] applies an action
//! and returns the [`Effect`]s (saving, opening, the bell) for the terminal
//! loop to run. Nothing in here touches the disk or the terminal, so every flow
//! can be tested by feeding actions and reading state.

pub mod action;
mod draft;
mod export_picker;
mod form;
mod history;
mod home;
mod insight_edits;
pub mod keymap;
pub mod line_edit;
pub mod move_choice;
mod new_session;
pub mod parking;
mod prepared;
mod prompts;
mod review;
mod review_conflicts;
mod review_copies;
mod review_edits;
mod review_file;
mod review_update;
mod room;
pub use room::{moves_the_clock, shows_authors};
mod roster;
mod rows;
mod save_outcomes;
mod session_update;
mod text_limits;
mod touched;
mod update;
mod votes;
pub use votes::ranked;
mod workshop;

pub use action::{Action, Effect};
pub use draft::contents as draft_contents;
pub use export_picker::ExportPicker;
pub use form::{Field, FieldValue, Form};
pub use keymap::Context;
pub use new_session::session_from_defaults;
pub use prompts::PromptsShown;
pub use review::{Prompt, Review, ReviewFile, ReviewFocus, ReviewView, Row, ThemeRef};
pub use workshop::{Focus, FormPurpose, PendingName, Workshop};

use crate::model::{Nation, StampClock};
use crate::storage::Listed;
use jiff::Timestamp;
use std::path::PathBuf;

/// Settings the app starts with, from the command line.
#[derive(Clone, Debug)]
pub struct Config {
    pub sessions_dir: PathBuf,
    /// Ring the terminal bell when a timebox runs out.
    pub bell: bool,
    /// The name written into stamps and insights: who captured them.
    pub device: String,
    /// The zone clock times and "today" are shown in (the system's, or fixed in tests).
    pub time_zone: jiff::tz::TimeZone,
    /// Colours on screen, or none (`NO_COLOR`): chosen once at start-up.
    pub palette: Palette,
}

/// Whether the screens draw in colour; `ui::theme` turns it into styles.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Palette {
    #[default]
    Colour,
    /// Attributes only (bold, reverse video), for `NO_COLOR`.
    NoColour,
}

/// Which screen is showing.
#[derive(Debug)]
pub enum Screen {
    Home(Home),
    NewSession(Form),
    Workshop(Box<Workshop>),
    Review(Box<Review>),
}

/// The home screen: the sessions folder, newest first.
#[derive(Debug, Default)]
pub struct Home {
    pub listed: Vec<Listed>,
    pub selected: usize,
    /// The file the person moved the selection to: it stays selected while
    /// rows move as the list fills in. Until they move it, the top row (the
    /// newest workshop) is selected, whichever file that turns out to be.
    pub chosen: Option<PathBuf>,
}

/// Whether what is on screen is on disk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveState {
    /// Nothing has been saved in this run yet.
    Idle,
    Saved(Timestamp),
    /// The last save failed; the data is in memory and saving is retried.
    Failed(String),
}

/// The whole app.
#[derive(Debug)]
pub struct App {
    pub config: Config,
    pub screen: Screen,
    pub help_open: bool,
    /// How far the help overlay is scrolled.
    pub help_scroll: u16,
    /// The terminal's columns and rows, as the loop last reported them:
    /// how far help can scroll depends on them.
    pub size: (u16, u16),
    pub save: SaveState,
    /// A one-off message for the status line, cleared by the next key.
    pub message: Option<String>,
    /// The wall-clock time of the last tick or key, for timers on screen.
    pub now: Timestamp,
    pub clock: StampClock,
    /// Set when Quit was refused because unsaved data would be lost; a
    /// second Quit then leaves anyway.
    pub quit_armed: bool,
    /// Waiting for the saves asked for to land before leaving.
    pub leaving: Option<Leaving>,
    /// The question sets the new-session form offers, the default first:
    /// the built-ins, unless the binary adds the user's own.
    pub question_sets: Vec<crate::model::QuestionSet>,
}

/// What waits for the last saves: each leaves only once what is on screen
/// is on disk, and stays (saying so) when a save fails.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Leaving {
    /// Quitting the app.
    App,
    /// Going from the review back home, handing the files back.
    Review,
}

/// What a save writes: a snapshot of what is open, taken without copying
/// (the data is shared), so it can be written on another thread while the
/// person goes on typing.
#[derive(Clone, Debug)]
pub struct Snapshot {
    pub path: PathBuf,
    /// The changes it covers (see [`Action::SavedUpTo`]).
    pub edits: u64,
    pub content: Content,
    /// The records changed since the file was last written whole, if known
    /// (a capture session's): a journal line need look at no others.
    pub touched: Option<std::sync::Arc<[crate::merge::journal::Record]>>,
}

/// A capture session, or a file under review (which may hold several).
#[derive(Clone, Debug)]
pub enum Content {
    Session(std::sync::Arc<crate::model::Session>),
    File(std::sync::Arc<crate::storage::SessionFile>),
}

/// Defaults for the new-session form, from `stb new` flags.
#[derive(Clone, Debug, Default)]
pub struct NewSessionDefaults {
    pub title: String,
    pub locality: String,
    pub nation: Option<Nation>,
    pub facilitator: String,
    pub date: Option<jiff::civil::Date>,
    /// The question set `--questions` named; None is the default.
    pub questions: Option<crate::model::QuestionSet>,
}

impl App {
    /// The app on its home screen (call [`App::update`] with `Refresh` to fill it).
    pub fn new(config: Config, now: Timestamp) -> App {
        App {
            clock: StampClock::new(config.device.clone()),
            config,
            screen: Screen::Home(Home::default()),
            help_open: false,
            help_scroll: 0,
            size: (80, 24),
            save: SaveState::Idle,
            message: None,
            now,
            quit_armed: false,
            leaving: None,
            question_sets: crate::model::QuestionSet::built_in(),
        }
    }

    /// Where the keyboard is now.
    pub fn context(&self) -> Context {
        if self.help_open {
            Context::Help
        } else {
            self.screen_context()
        }
    }

    /// Where the keyboard is on the screen itself, under any help overlay.
    pub fn screen_context(&self) -> Context {
        match &self.screen {
            Screen::Home(_) => Context::Home,
            Screen::NewSession(_) => Context::Form,
            Screen::Workshop(w) => w.context(),
            Screen::Review(r) => r.context(),
        }
    }

    /// The open session and its file, when one is open.
    pub fn workshop(&self) -> Option<&Workshop> {
        match &self.screen {
            Screen::Workshop(w) => Some(w),
            _ => None,
        }
    }

    /// Whether anything on screen is not yet on disk.
    pub fn dirty(&self) -> bool {
        match &self.screen {
            Screen::Workshop(w) => w.dirty(),
            Screen::Review(r) => r.dirty(),
            _ => false,
        }
    }

    /// What is open and not yet on disk, to write: the session, or each
    /// changed file under review.
    pub fn unsaved(&self) -> Vec<Snapshot> {
        match &self.screen {
            Screen::Workshop(w) if w.dirty() => vec![Snapshot {
                path: w.path.clone(),
                edits: w.edits(),
                content: Content::Session(std::sync::Arc::clone(&w.session)),
                touched: w.touched.hints(),
            }],
            Screen::Review(r) => r
                .files
                .iter()
                .filter(|f| f.dirty())
                .map(|f| Snapshot {
                    path: f.path.clone(),
                    edits: f.edits(),
                    content: Content::File(std::sync::Arc::clone(&f.file)),
                    touched: None,
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The session open for capture as it stands, saved or not: what a
    /// journal is folded into (see `saving::journal`).
    pub fn capture_snapshot(&self) -> Option<Snapshot> {
        let w = self.workshop()?;
        Some(Snapshot {
            path: w.path.clone(),
            edits: w.edits(),
            content: Content::Session(std::sync::Arc::clone(&w.session)),
            touched: w.touched.hints(),
        })
    }

    /// Today's date where the facilitator is.
    pub fn today(&self) -> jiff::civil::Date {
        self.now.to_zoned(self.config.time_zone.clone()).date()
    }

    /// Local `HH:MM:SS` of a moment, for the screen: the new insight's row
    /// and the status line at each Enter, so without a `strftime` pattern
    /// parsed and run each time.
    pub fn local_time(&self, at: Timestamp) -> String {
        let time = self.config.time_zone.to_datetime(at).time();
        format!(
            "{:02}:{:02}:{:02}",
            time.hour(),
            time.minute(),
            time.second()
        )
    }

    /// Whether anything on screen changes with time (a running timer, a save
    /// to retry), so the loop must wake each second; otherwise it sleeps
    /// until a key arrives.
    pub fn needs_tick(&self) -> bool {
        let timer_running = self.workshop().is_some_and(|w| {
            w.question()
                .is_some_and(|q| crate::timer::is_running(&w.session.timeline[q - 1]))
        });
        timer_running || matches!(self.save, SaveState::Failed(_))
    }
}

#[cfg(test)]
pub(crate) mod tests;

#[cfg(test)]
mod review_tests;

#[cfg(test)]
mod typing_tests;

#[cfg(test)]
mod agenda_tests;
#[cfg(test)]
mod local_time_tests;
#[cfg(test)]
mod parking_tests;
#[cfg(test)]
mod question_set_tests;
#[cfg(test)]
mod undo_tests;
#[cfg(test)]
mod vote_tests;
