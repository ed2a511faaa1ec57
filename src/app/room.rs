//! `update` for a room (`stb join`): several laptops capture one session,
//! each writing its own copy (see `crate::room`).
//!
//! What other laptops captured arrives as [`Action::PeerNews`] and is
//! merged into the session on screen without touching what this laptop is
//! doing: the capture line, the focus, the selected insight (found again by
//! id) and the undo history, whose steps name records, not rows, and undo
//! only this laptop's own changes. The merge is then saved into the own
//! copy, so every copy comes to hold the union.
//!
//! The room has one clock: the question and the timer are the lead
//! laptop's (`Session::lead`). The others follow them through the merge
//! and refuse the keys that would move them, naming whom they follow.

use super::workshop::Workshop;
use super::{Action, App, Effect, Screen};
use crate::model::Session;
use std::path::PathBuf;

impl App {
    /// The own copy of a room's session is open, holding the union of
    /// every copy: shown, and saved at once so the own copy exists and
    /// holds it.
    pub(super) fn joined(&mut self, own: PathBuf, session: Session) -> Vec<Effect> {
        let draft = Effect::ReadDraft(own.clone());
        let mut w = Workshop::open(own, session, &mut self.clock);
        w.in_room = true;
        w.touch();
        self.screen = Screen::Workshop(Box::new(w));
        vec![draft, Effect::Save]
    }

    /// Other laptops' copies changed: their news merged into the screen and
    /// saved into the own copy; nothing when they brought nothing new.
    pub(super) fn peer_news(&mut self, theirs: Session) -> Vec<Effect> {
        let Screen::Workshop(w) = &mut self.screen else {
            return Vec::new();
        };
        if theirs.id != w.session.id {
            return Vec::new();
        }
        self.clock.observe(&theirs.newest_stamp());
        let merged = crate::merge::merge_pair(&w.session, &theirs);
        if merged == *w.session {
            return Vec::new();
        }
        // The selected insight stays selected, on a question's list or on
        // the wrap-up, where another laptop's votes may re-rank it.
        let selected = w.vote_target();
        w.take_merged(merged);
        if let Some(id) = selected {
            w.reselect(id);
        }
        w.clamp_selection();
        w.touch();
        vec![Effect::Save]
    }

    /// The lead laptop this one follows, if it is in a room it does not
    /// lead.
    pub fn following(&self) -> Option<&str> {
        let w = self.workshop()?;
        let lead = w.session.lead.as_str();
        (w.in_room && !lead.is_empty() && lead != self.config.device).then_some(lead)
    }

    /// Why `action` is refused on a laptop that follows the lead: the
    /// question and the timer are the lead's.
    pub(super) fn refused_to_follower(&self, action: &Action) -> Option<String> {
        let lead = self.following().filter(|_| moves_the_clock(action))?;
        Some(format!(
            "The question and timer follow {}'s laptop",
            crate::inert::visible(lead)
        ))
    }
}

/// Whether `action` moves the room's clock (the question or the timer),
/// which only the lead laptop may do.
pub fn moves_the_clock(action: &Action) -> bool {
    matches!(
        action,
        Action::NextQuestion | Action::PrevQuestion | Action::ToggleTimer | Action::AddTime(_)
    )
}

/// Whether insights on the list should say which laptop captured them:
/// in a room, once more than one laptop has captured.
pub fn shows_authors(w: &Workshop) -> bool {
    if !w.in_room {
        return false;
    }
    w.rows_index.many_authors(&w.session, w.generation())
}

#[cfg(test)]
mod tests;
