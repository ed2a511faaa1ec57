//! Everything a user (or the loop, on their behalf) can ask of the app.
//!
//! Keys become actions through the key table in [`super::keymap`]; the loop
//! turns the results of its effects (a file listed, opened or saved) into
//! actions too, so one `update` is the only place state changes.

use crate::model::Session;
use crate::storage::{Listed, SessionFile};
use jiff::Timestamp;
use ratatui::crossterm::event::KeyEvent;
use std::path::PathBuf;

/// A user intent, or the outcome of an effect the loop ran.
#[derive(Clone, Debug)]
pub enum Action {
    /// Save and leave the app.
    Quit,
    /// Open or close the list of keys.
    ToggleHelp,
    /// Move the selection up one row.
    Up,
    /// Move the selection down one row.
    Down,
    /// Move the selection up a page.
    PageUp,
    /// Move the selection down a page.
    PageDown,
    /// Select the first row.
    First,
    /// Select the last row.
    Last,
    /// Open the selected session.
    Open,
    /// Start a new session.
    NewSession,
    /// Read the sessions folder again.
    Refresh,
    /// Next form field.
    NextField,
    /// Previous form field.
    PrevField,
    /// Enter: save the capture line, apply an edit, or go to the next form field.
    Submit,
    /// Create the session or save the participant from any form field.
    SubmitForm,
    /// Leave the current popup or form without changing anything.
    Cancel,
    /// Complete the `@name` or `#tag` at the cursor; nothing else, ever.
    Complete,
    /// Review: leave the query line for the list.
    FocusList,
    /// Leave the capture line for the insight list (select mode): a
    /// deliberate chord, never a key pressed by reflex while typing.
    SelectInsights,
    /// Attribute the selected insight's unresolved `@name` (adding the
    /// person to the roster when nobody matches).
    Attribute,
    /// Back to the capture line.
    FocusCapture,
    /// On to the next question (after the last: the wrap-up).
    NextQuestion,
    /// Back to the previous question.
    PrevQuestion,
    /// Start or pause this question's timer.
    ToggleTimer,
    /// Add (or with a negative number, take away) minutes from the timebox.
    AddTime(i32),
    /// Add the unknown `@name` of the last line to the roster and attribute the line.
    AddToRoster,
    /// Undo the last change to saved data, from wherever the keyboard is.
    Undo,
    /// Redo what was undone.
    Redo,
    /// Open the participants panel.
    Participants,
    /// Show the command that opens this session read-only on a projector.
    ProjectorCommand,
    /// Show the question's prompts, or hide them (they fold by themselves when space is short).
    TogglePrompts,
    /// Edit the selected insight (or participant).
    Edit,
    /// Star or unstar the selected insight.
    Star,
    /// Add a dot vote to the selected insight (this laptop's count).
    Vote,
    /// Take back one of this laptop's votes on the selected insight.
    Unvote,
    /// The capture line into the parking lot (staying on the question), or
    /// the selected insight moved there: remarks that belong elsewhere.
    Park,
    /// The wrap-up: put the selected parked insight back on its question.
    Unpark,
    /// The wrap-up: choose the parked insight above.
    PrevParked,
    /// The wrap-up: choose the parked insight below.
    NextParked,
    /// Choose the next value of the selected insight's open conflict (a
    /// field two copies gave different values under one stamp).
    ChooseValue,
    /// Delete the selected insight (or participant); undo brings it back.
    Delete,
    /// Move the selected insight to another question.
    Move,
    /// Move the selected insight to question N.
    MoveTo(usize),
    /// Add a participant to the roster.
    AddParticipant,
    /// Record consent as given now, or clear it.
    ToggleConsent,
    /// Review: go to the query line (filter and search).
    FocusQuery,
    /// Review: insights → themes → compare.
    NextView,
    /// Review: add a note-taker's comment to the selected insight.
    Comment,
    /// Review: put the selected insight in a theme (new or existing).
    AddToTheme,
    /// Review: rename the selected theme.
    RenameTheme,
    /// Review: move the selected theme's insights into another theme.
    MergeTheme,
    /// Review: merge the open files into one new file, and show the report.
    MergeFiles,
    /// Review: export what is open (opens the picker of format and options).
    Export,
    /// Export picker: pseudonymise names in the export, or stop doing so.
    TogglePseudonymise,
    /// Export picker: replace organisations by their sector, or stop doing so.
    ToggleCoarsen,
    /// Home: review the selected session file.
    ReviewSelected,
    /// Home: review every session file in the folder.
    ReviewAll,
    /// Leave the review for the home screen.
    Back,
    /// A key typed into the focused text field.
    Input(KeyEvent),
    /// Text pasted into the focused text field.
    Paste(String),
    /// The one-second tick: timers and save retries.
    Tick,
    /// Nothing asked for: a key's frame is on screen, and what the next key
    /// may need is made ready (the capture line parsed for its Enter).
    Prepare,
    /// The terminal has this many columns and rows (at start and on resizing).
    Resized(u16, u16),
    /// The loop listed the sessions folder: every file, with what could be
    /// known of it at once (see `storage::Known`).
    Listed(Vec<Listed>),
    /// The runner read more of some of the files listed (their heads, or
    /// each in full), in the background after the list was shown.
    ListedMore(Vec<Listed>),
    /// The loop opened (or created) a session file.
    Opened(Box<(PathBuf, Session)>),
    /// `stb join`: the loop owns this laptop's own copy of a session that
    /// several laptops capture at once; the session is the union of every
    /// copy in the folder (see `room`).
    Joined(Box<(PathBuf, Session)>),
    /// The loop read other laptops' copies of the room's session that
    /// changed: their merge, to merge into what shows.
    PeerNews(Box<Session>),
    /// The loop could not open a session file.
    OpenFailed(String),
    /// The loop saved (or failed to save) everything open.
    Saved(Result<Timestamp, String>),
    /// A save of the file at this path (the session, or a file under
    /// review) wrote, or failed to write, a snapshot that covered its first
    /// N changes (see [`super::Snapshot`]).
    SavedUpTo(PathBuf, u64, Result<Timestamp, String>),
    /// The session at this path was written whole with its first N changes
    /// (its journal folded in): what they touched need not be journalled.
    WrittenWhole(PathBuf, u64),
    /// A save found the file changed outside stb and merged it in before
    /// writing: what the file at this path now holds.
    MergedFromDisk(Box<(PathBuf, SessionFile)>),
    /// The loop loaded files for review.
    ReviewOpened(Vec<(PathBuf, SessionFile)>),
    /// The loop wrote a merge made on the review screen (or could not), with its report.
    Merged(Result<(PathBuf, SessionFile), String>, String),
    /// The loop wrote (or failed to write) an export made on the review screen.
    Exported(Result<PathBuf, String>),
    /// The loop read the draft file beside the session just opened: the
    /// line being typed when stb last stopped (`update` decides whether it
    /// comes back).
    DraftFound(String),
    /// `stb new` with flags: straight to question 1 if they say enough,
    /// else the form.
    NewFromFlags(super::NewSessionDefaults),
}

/// What `update` asks the loop to do outside the state: I/O and the bell.
/// The loop decides nothing: each effect is run as it says, and its outcome
/// comes back as an [`Action`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Write what is open and not yet on disk ([`super::App::unsaved`]),
    /// off the keystroke path; each write comes back as
    /// [`Action::SavedUpTo`].
    Save,
    /// Wait until every save asked for has been written, and report each:
    /// what leaving waits on.
    Flush,
    /// Read the draft file beside this session (reported as
    /// [`Action::DraftFound`] when there is one).
    ReadDraft(PathBuf),
    /// List the sessions folder: at once by name (and what was read before),
    /// then each file's head and whole in the background, each reported as
    /// [`Action::ListedMore`].
    ListSessions,
    /// Stop reading the folder's files: Home was left, and reading on would
    /// only compete with what is open for the processor.
    StopListing,
    /// Give up the files open (their locks), so other writers may have
    /// them, once every save asked for has landed.
    Release,
    /// Load this file and open it.
    Open(PathBuf),
    /// Pick a file name for this new session, save it and open it.
    Create(Box<Session>),
    /// Load these files and review them.
    Review(Vec<PathBuf>),
    /// Pick a free name in the sessions folder and write this merge there.
    SaveMerged(Box<SessionFile>, String),
    /// Write these bytes as a new export in `exports/` in the sessions
    /// folder, under this name (with `-2`, `-3`, … if it is taken).
    WriteExport(Vec<u8>, crate::export::ExportName),
    /// The capture line now reads this: keep it beside the session file, so
    /// a crash loses at most the last half second of typing.
    Draft(String),
    /// Ring the terminal bell.
    Bell,
    /// Leave the app: the draft is written as the line stands, everything
    /// queued is written, and the loop ends.
    Quit,
}
