//! `App::update`: the one place an action changes state.

use super::workshop::Workshop;
use super::{Action, App, Context, Effect, Leaving, Screen};
use crate::timer;
use jiff::Timestamp;

/// Rows a PgUp or PgDn moves.
pub(super) const PAGE: usize = 10;

impl App {
    /// Applies one action at wall time `now`; returns what the loop must do.
    pub fn update(&mut self, action: Action, now: Timestamp) -> Vec<Effect> {
        if let Action::Prepare = action {
            // Nothing seen changes, nothing to save or announce.
            if let Screen::Workshop(w) = &mut self.screen
                && matches!(w.focus, super::Focus::Capture)
            {
                let line = w.capture.lines().join(" ");
                w.prepared.prepare(line, &w.session, w.generation);
                w.prepared.prepare_blank();
                super::prepared::make_room(&mut w.session);
            }
            return Vec::new();
        }
        // Milliseconds are precise enough for people and keep files readable.
        self.now = Timestamp::from_millisecond(now.as_millisecond()).unwrap_or(now);
        let user_action = !matches!(
            action,
            Action::Tick
                | Action::Resized(..)
                | Action::Saved(_)
                | Action::SavedUpTo(..)
                | Action::WrittenWhole(..)
                | Action::MergedFromDisk(_)
                | Action::PeerNews(_)
                | Action::Listed(_)
                | Action::ListedMore(_)
                | Action::Opened(_)
                | Action::Joined(_)
                | Action::OpenFailed(_)
                | Action::ReviewOpened(_)
                | Action::Merged(..)
                | Action::Exported(_)
                | Action::DraftFound(_)
                | Action::NewFromFlags(_)
        );
        if user_action {
            self.message = None;
            if !matches!(action, Action::Quit) {
                self.quit_armed = false;
                self.leaving = None;
            }
        }
        if user_action && let Some(refused) = self.over_limit(&action) {
            self.message = Some(refused);
            return Vec::new();
        }
        // Saves follow user actions and ticks (the tick retries a failed
        // save each second), never an effect's outcome, so a failing disk
        // cannot make the loop spin.
        let may_save = user_action || matches!(action, Action::Tick);
        let draft_before = self.workshop().map(|w| w.capture.lines().join(" "));
        let was_home = matches!(self.screen, Screen::Home(_));
        let mut effects = self.apply(action);
        if was_home && !matches!(self.screen, Screen::Home(_)) {
            effects.push(Effect::StopListing);
        }
        self.announce();
        // Only a change on the same screen: opening a session is not typing.
        if let (Some(before), Some(now)) = (
            &draft_before,
            self.workshop().map(|w| w.capture.lines().join(" ")),
        ) && *before != now
        {
            effects.push(Effect::Draft(now));
        }
        if may_save && self.dirty() && !effects.contains(&Effect::Save) {
            effects.insert(0, Effect::Save);
        }
        effects
    }

    fn apply(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Quit => return self.quit(),
            Action::ToggleHelp => {
                self.help_open = !self.help_open;
                self.help_scroll = 0;
            }
            Action::Tick => return self.tick(),
            Action::Prepare => {}
            Action::Resized(cols, rows) => {
                self.size = (cols, rows);
                self.help_scroll = self.help_scroll.min(self.help_max_scroll());
            }
            Action::Saved(result) => return self.saved(result),
            Action::WrittenWhole(path, edits) => {
                if let Screen::Workshop(w) = &mut self.screen
                    && w.path == path
                {
                    w.touched.written_whole(edits);
                }
            }
            Action::SavedUpTo(path, edits, result) => {
                return self.saved_up_to(&path, edits, result);
            }
            Action::MergedFromDisk(merged) => self.merged_from_disk(merged.0, merged.1),
            Action::PeerNews(theirs) => return self.peer_news(*theirs),
            Action::Joined(joined) => return self.joined(joined.0, joined.1),
            Action::Listed(listed) => {
                if let Screen::Home(home) = &mut self.screen {
                    home.listed(listed);
                }
            }
            Action::ListedMore(rows) => {
                if let Screen::Home(home) = &mut self.screen {
                    home.learn(&rows);
                }
            }
            Action::Opened(opened) => {
                let (path, session) = *opened;
                let draft = Effect::ReadDraft(path.clone());
                self.screen =
                    Screen::Workshop(Box::new(Workshop::open(path, session, &mut self.clock)));
                return vec![draft];
            }
            Action::NewFromFlags(defaults) => {
                return match super::session_from_defaults(self, &defaults) {
                    Some(session) => vec![Effect::Create(Box::new(session))],
                    None => {
                        self.show_new_session_form(&defaults);
                        Vec::new()
                    }
                };
            }
            Action::OpenFailed(error) => self.message = Some(error),
            Action::ReviewOpened(files) => {
                // An edit made here must win over everything the files hold,
                // even stamps from a laptop whose clock runs ahead.
                for (_, file) in &files {
                    for session in file.sessions() {
                        self.clock.observe(&session.newest_stamp());
                    }
                }
                self.screen = Screen::Review(Box::new(super::Review::new(files)));
            }
            Action::Merged(result, report) => self.merged(result, report),
            Action::DraftFound(raw) => return self.draft_found(&raw),
            Action::Exported(result) => {
                self.message = Some(match result {
                    Ok(path) => format!("Exported to {}", path.display()),
                    Err(error) => format!("Export not written: {error}"),
                });
            }
            action => {
                return match self.context() {
                    Context::Help => {
                        let max = self.help_max_scroll();
                        self.help_scroll = match action {
                            Action::Up => self.help_scroll.saturating_sub(1),
                            Action::Down => self.help_scroll.saturating_add(1),
                            Action::PageUp => self.help_scroll.saturating_sub(PAGE as u16),
                            Action::PageDown => self.help_scroll.saturating_add(PAGE as u16),
                            Action::First => 0,
                            Action::Last => max,
                            _ => self.help_scroll,
                        }
                        .min(max);
                        Vec::new()
                    }
                    Context::Home => self.on_home(action),
                    Context::Form if matches!(self.screen, Screen::NewSession(_)) => {
                        self.on_new_session(action)
                    }
                    _ if matches!(self.screen, Screen::Review(_)) => self.on_review(action),
                    _ => {
                        self.on_workshop(action);
                        Vec::new()
                    }
                };
            }
        }
        Vec::new()
    }

    /// How far help can scroll on this terminal.
    fn help_max_scroll(&self) -> u16 {
        let (cols, rows) = self.size;
        super::keymap::help::max_scroll(self.screen_context(), cols, rows)
    }

    /// Says on the status line what a change to saved data just did, and
    /// how to take it back, unless the change brought a message of its own.
    fn announce(&mut self) {
        let context = self.screen_context();
        let fresh = match &mut self.screen {
            Screen::Workshop(w) => w.history.take_fresh(),
            Screen::Review(r) => r.history.take_fresh(),
            _ => None,
        };
        if let Some(label) = fresh
            && self.message.is_none()
        {
            let undo = super::keymap::key_label(context, &Action::Undo);
            self.message = Some(format!("{label} · {undo} undoes"));
        }
    }

    /// Leaving waits for what is on screen to reach the disk: the saves
    /// are asked for and waited on, and their outcome decides (see
    /// [`Self::after_save`]). A second Quit while a save fails leaves anyway.
    fn quit(&mut self) -> Vec<Effect> {
        let now = self.now;
        let stamp = self.clock.stamp_at(now);
        let following = self.following().is_some();
        if let Screen::Workshop(w) = &mut self.screen
            && !following
            && let Some(q) = w.question()
            && timer::is_running(&w.session.timeline[q - 1])
        {
            timer::pause(&mut w.shell_mut().timeline[q - 1], now);
            w.shell_mut().timeline[q - 1].modified = stamp;
            w.touch();
        }
        if self.quit_armed || !self.dirty() {
            self.leaving = None;
            return vec![Effect::Quit];
        }
        self.leaving = Some(Leaving::App);
        vec![Effect::Save, Effect::Flush]
    }

    /// The draft file beside the session just opened: its line comes back
    /// to the capture line, unless it is already an insight (a crash came
    /// between saving the line and clearing its draft), when the file goes.
    fn draft_found(&mut self, raw: &str) -> Vec<Effect> {
        let device = self.config.device.clone();
        let Screen::Workshop(w) = &mut self.screen else {
            return Vec::new();
        };
        match super::draft::line_to_recover(raw, &w.session, &device) {
            Some(text) if !w.made_the_newest_insight(&text) => {
                super::line_edit::paste(&mut w.capture, &text);
                self.message =
                    Some("Recovered the line that was being typed when stb last stopped".into());
                Vec::new()
            }
            _ => vec![Effect::Draft(String::new())],
        }
    }

    fn tick(&mut self) -> Vec<Effect> {
        let now = self.now;
        let Screen::Workshop(w) = &mut self.screen else {
            return Vec::new();
        };
        let Some(q) = w.question() else {
            return Vec::new();
        };
        // Five minutes left, one minute left, time up: each rings once.
        let cue = crate::agenda::cue(&w.session.timeline[q - 1], now);
        let rung = w.rang_for.filter(|(at, _)| *at == q).map(|(_, c)| c);
        if let Some(cue) = cue
            && rung.is_none_or(|rung| cue > rung)
        {
            w.rang_for = Some((q, cue));
            if self.config.bell {
                return vec![Effect::Bell];
            }
        }
        Vec::new()
    }
}

/// Where a list selection lands after a movement action.
pub(super) fn moved(at: usize, rows: usize, action: &Action) -> usize {
    let last = rows.saturating_sub(1);
    match action {
        Action::Up => at.saturating_sub(1),
        Action::Down => (at + 1).min(last),
        Action::PageUp => at.saturating_sub(PAGE),
        Action::PageDown => (at + PAGE).min(last),
        Action::First => 0,
        _ => last,
    }
}
