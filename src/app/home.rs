//! Home's update: moving through the folder's files, opening them, and
//! taking in what the runner reads of them after the first frame.
//!
//! The list arrives in stages (see `storage::listing`): names at once, then
//! details from each file's head, then each file read in full. Rows are
//! placed again as their dates become known; once the person has moved the
//! selection it stays on the file they chose, so a key pressed while the
//! list fills in acts on that row.

use super::new_session::new_session_form;
use super::update::PAGE;
use super::{Action, App, Context, Effect, Home, NewSessionDefaults, Screen};
use crate::storage::{Known, Listed, sort_listed};

impl Home {
    /// Takes what the runner read of some files: each row learns what is
    /// new to it (only from the version of the file it lists), and the list
    /// is placed again, keeping the selected file selected.
    pub(super) fn learn(&mut self, rows: &[Listed]) {
        let mut changed = false;
        for row in rows {
            if let Some(mine) = self.listed.iter_mut().find(|l| l.path == row.path) {
                changed |= mine.learn(row);
            }
        }
        if !changed {
            return;
        }
        sort_listed(&mut self.listed);
        self.reselect();
    }

    /// A new listing of the folder, the chosen file still selected.
    pub(super) fn listed(&mut self, listed: Vec<Listed>) {
        self.listed = listed;
        self.selected = self.selected.min(self.listed.len().saturating_sub(1));
        self.reselect();
    }

    /// The selection back on the chosen file, wherever it now is.
    fn reselect(&mut self) {
        if let Some(path) = &self.chosen
            && let Some(at) = self.listed.iter().position(|l| l.path == *path)
        {
            self.selected = at;
        }
    }

    /// How many files are still being read in full.
    pub fn reading(&self) -> usize {
        self.listed.iter().filter(|l| !l.is_read()).count()
    }
}

impl App {
    pub(super) fn on_home(&mut self, action: Action) -> Vec<Effect> {
        let today = self.today();
        let Screen::Home(home) = &mut self.screen else {
            return Vec::new();
        };
        let last = home.listed.len().saturating_sub(1);
        let moves = matches!(
            action,
            Action::Up
                | Action::Down
                | Action::PageUp
                | Action::PageDown
                | Action::First
                | Action::Last
        );
        match action {
            Action::Up => home.selected = home.selected.saturating_sub(1),
            Action::Down => home.selected = (home.selected + 1).min(last),
            Action::PageUp => home.selected = home.selected.saturating_sub(PAGE),
            Action::PageDown => home.selected = (home.selected + PAGE).min(last),
            Action::First => home.selected = 0,
            Action::Last => home.selected = last,
            Action::Refresh => return vec![Effect::ListSessions],
            Action::NewSession => {
                self.screen = Screen::NewSession(new_session_form(
                    &NewSessionDefaults::default(),
                    today,
                    &self.question_sets,
                ))
            }
            Action::ReviewSelected => match home.listed.get(home.selected) {
                Some(listed) => return vec![Effect::Review(vec![listed.path.clone()])],
                None => self.message = Some(no_sessions_yet()),
            },
            Action::ReviewAll => {
                // Files not yet read go too: review reads each in full, and
                // names the one that does not open.
                let paths: Vec<_> = home
                    .listed
                    .iter()
                    .filter(|l| !matches!(l.known, Known::Read(Err(_))))
                    .map(|l| l.path.clone())
                    .collect();
                if paths.is_empty() {
                    self.message = Some("No sessions to review yet".into());
                } else {
                    return vec![Effect::Review(paths)];
                }
            }
            Action::Open => match home.listed.get(home.selected) {
                Some(listed) => match &listed.known {
                    Known::Read(Ok(s)) if s.sessions > 1 => {
                        return vec![Effect::Review(vec![listed.path.clone()])];
                    }
                    // A file with a head holds one session.
                    Known::Read(Ok(_)) | Known::Head(_) => {
                        return vec![Effect::Open(listed.path.clone())];
                    }
                    Known::Read(Err(error)) => self.message = Some(error.clone()),
                    // Without a head it may be a collection, which opens in
                    // review: wait for the full read to say.
                    Known::Name => {
                        let name = listed.path.file_name().unwrap_or_default();
                        self.message = Some(format!(
                            "Still reading {}; a moment",
                            name.to_string_lossy()
                        ));
                    }
                },
                None => self.message = Some(no_sessions_yet()),
            },
            _ => {}
        }
        if moves && let Screen::Home(home) = &mut self.screen {
            home.chosen = home.listed.get(home.selected).map(|l| l.path.clone());
        }
        Vec::new()
    }
}

/// What Home says when there is nothing to open or review.
fn no_sessions_yet() -> String {
    let new = super::keymap::key_label(Context::Home, &Action::NewSession);
    format!("No sessions yet: {new} starts one")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::runner::tests::config;

    #[test]
    fn leaving_home_stops_the_folder_being_read() {
        let now = jiff::Timestamp::UNIX_EPOCH;
        let mut app = App::new(config(std::path::Path::new("/sessions")), now);
        assert_eq!(app.update(Action::Refresh, now), [Effect::ListSessions]);
        let effects = app.update(Action::NewSession, now);
        assert_eq!(effects, [Effect::StopListing]);
        // Not on Home: nothing more to stop.
        assert!(!app.update(Action::Down, now).contains(&Effect::StopListing));
    }
}
