//! `stb present FILE`: what the projector shows, as state. The room sees
//! the question, the time left and its own words; the facilitator's stb
//! owns and writes the file, and this view only ever reads it (no lock, no
//! draft, no journal fold), so it can run beside it on the same laptop or
//! on any laptop the folder syncs to.
//!
//! The file is read whole each time it changes, with its journal replayed
//! in memory (`storage::load_with_journal`), because the facilitator's
//! Enter reaches the journal first. What a read gives is judged here: a
//! file cut mid-write (a sync tool, a copy) does not parse, so the last
//! good session stays on the wall with a note until a complete one lands;
//! a file that is gone says so and waits for it to come back.
//!
//! Names are the room's to share only with consent: without `--names` no
//! participant is named, and with it only those whose consent is given;
//! any other name is scrubbed from the words shown, as an export
//! pseudonymising would (`export::Scrubber`), and an `@name` nobody on the
//! roster has (so nobody gave consent) is left out.

mod follow;

pub use follow::Follower;

use crate::capture;
use crate::export::Scrubber;
use crate::model::{Consent, Insight, Participant, Session};
use crate::storage::LoadError;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What stands in the place of a name that may not be shown.
pub const HIDDEN_NAME: &str = "[name]";

/// What the view knows of the file at the moment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileState {
    /// Not read yet.
    Reading,
    /// The session shown is the file as it is now.
    Following,
    /// The file does not parse, most likely because it is being written
    /// (a sync tool writes in place): the last good session stays shown.
    Incomplete,
    /// There is no file at the path (deleted, or moved away mid-replace).
    Missing,
    /// It cannot be read at all (permissions, a newer format, not a
    /// session): the error, as one line.
    Unreadable(String),
}

/// The projector view's state.
pub struct Presenter {
    /// The session file followed.
    pub path: PathBuf,
    /// `--names`: show the names of participants whose consent is given.
    pub names: bool,
    /// The last session read whole, if any was.
    pub shown: Option<Arc<Session>>,
    pub file: FileState,
    /// Names that may not be shown, for scrubbing them out of what is said.
    scrubber: Scrubber,
}

impl Presenter {
    /// A view of `path` that has not read it yet.
    pub fn new(path: &Path, names: bool) -> Presenter {
        Presenter {
            path: path.to_owned(),
            names,
            shown: None,
            file: FileState::Reading,
            scrubber: Scrubber::default(),
        }
    }

    /// Takes in the outcome of reading the file. A session replaces what
    /// is shown; a failure keeps it and says why.
    /// The names to scrub are worked out again only when the roster
    /// changed (at 10,000 insights a read comes with every Enter).
    pub fn loaded(&mut self, result: Result<Arc<Session>, LoadError>) {
        match result {
            Ok(session) => {
                let same_roster = self
                    .shown
                    .as_ref()
                    .is_some_and(|shown| shown.participants == session.participants);
                if !same_roster {
                    self.scrubber = hidden_names(&session, self.names);
                }
                self.shown = Some(session);
                self.file = FileState::Following;
            }
            Err(error) => self.file = failure(&error),
        }
    }

    /// Whether `who` may be named on the wall.
    pub fn may_name(&self, who: &Participant) -> bool {
        self.names && may_be_named(who)
    }

    /// The name shown beside an insight, if any may be.
    pub fn speaker<'a>(&self, session: &'a Session, insight: &Insight) -> Option<&'a str> {
        let who = session.participant(insight.participant?)?;
        self.may_name(who).then_some(who.name.as_str())
    }

    /// What an insight says, as the room may see it: an `@name` nobody on
    /// the roster has is left out, and names that may not be shown are
    /// replaced wherever they occur in the text.
    pub fn words(&self, insight: &Insight) -> String {
        let text =
            if insight.participant.is_none() && capture::unresolved_name(&insight.text).is_some() {
                capture::without_name(&insight.text)
            } else {
                insight.text.clone()
            };
        self.scrubber.scrub(&text)
    }
}

/// The command a second terminal window runs to show the session at
/// `path` on a projector: the path absolute (that window may start
/// anywhere) and quoted for a POSIX shell.
pub fn command_for(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let text = absolute.to_string_lossy();
    format!("stb present '{}'", text.replace('\'', "'\\''"))
}

/// Whether a participant agreed to be named: on the roster, consent given.
fn may_be_named(who: &Participant) -> bool {
    !who.deleted && matches!(who.consent, Consent::Given(_))
}

/// A scrubber of every participant's name that may not be shown: all of
/// them without `--names`, else those without consent. A name shared by a
/// consenting and a non-consenting person is hidden: doubt hides.
fn hidden_names(session: &Session, names: bool) -> Scrubber {
    let mut scrubber = Scrubber::default();
    for who in &session.participants {
        if !(names && may_be_named(who)) {
            scrubber.add(&who.name, HIDDEN_NAME);
        }
    }
    scrubber
}

/// What a failed read means for the view.
fn failure(error: &LoadError) -> FileState {
    match error {
        LoadError::Io { source, .. } if source.kind() == std::io::ErrorKind::NotFound => {
            FileState::Missing
        }
        LoadError::Syntax { .. } => FileState::Incomplete,
        other => FileState::Unreadable(crate::inert::visible(&other.to_string()).into_owned()),
    }
}

#[cfg(test)]
mod tests;
