//! `update` for the outcomes of saves: what is on disk now, what changed
//! there meanwhile, and whether leaving (the app, or the review) may go on.

use super::{Action, App, Effect, Leaving, SaveState, Screen};
use jiff::Timestamp;

impl App {
    /// A save of everything open finished.
    pub(super) fn saved(&mut self, result: Result<Timestamp, String>) -> Vec<Effect> {
        if result.is_ok() {
            match &mut self.screen {
                Screen::Workshop(w) => w.saved_up_to(w.edits()),
                Screen::Review(r) => r.files.iter_mut().for_each(|f| f.saved_up_to(f.edits())),
                _ => {}
            }
        }
        self.after_save(result)
    }

    /// A save merged outside changes into the file at `path`: the screen
    /// shows them, and the clock moves past their stamps. Edits made here
    /// while that save ran are kept (they are merged, not replaced).
    pub(super) fn merged_from_disk(
        &mut self,
        path: std::path::PathBuf,
        file: crate::storage::SessionFile,
    ) {
        for session in file.sessions() {
            self.clock.observe(&session.newest_stamp());
        }
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        match &mut self.screen {
            Screen::Workshop(w) if w.path == path => {
                let [theirs] = file.sessions() else { return };
                if theirs.id != w.session.id {
                    return;
                }
                let merged = crate::merge::merge_pair(&w.session, theirs);
                w.take_merged(merged);
            }
            Screen::Review(r) => {
                let Some(at) = r.files.iter().position(|f| f.path == path) else {
                    return;
                };
                r.replace_file(at, file);
            }
            _ => return,
        }
        self.message = Some(format!(
            "Changes made to {name} outside stb were merged in before saving"
        ));
    }

    /// A save of the file at `path` covering its first `edits` changes
    /// finished (in the background, while more may have been made).
    pub(super) fn saved_up_to(
        &mut self,
        path: &std::path::Path,
        edits: u64,
        result: Result<Timestamp, String>,
    ) -> Vec<Effect> {
        if result.is_ok() {
            match &mut self.screen {
                Screen::Workshop(w) if w.path == path => w.saved_up_to(edits),
                Screen::Review(r) => r
                    .files
                    .iter_mut()
                    .filter(|f| f.path == path)
                    .for_each(|f| f.saved_up_to(edits)),
                _ => {}
            }
        }
        self.after_save(result)
    }

    /// After any save: still dirty, save again at once, so what is on
    /// screen reaches the disk; all saved, finish leaving if that waited;
    /// failed, say so (the tick retries) and stay.
    fn after_save(&mut self, result: Result<Timestamp, String>) -> Vec<Effect> {
        match result {
            Ok(at) => {
                // A file still failing keeps the banner until it saves.
                if !(self.dirty() && matches!(self.save, SaveState::Failed(_))) {
                    self.save = SaveState::Saved(at);
                }
                // The warning that quitting loses changes was about the
                // failed save; it must not sit beside "saved".
                if std::mem::take(&mut self.quit_armed) {
                    self.message = None;
                }
                if self.dirty() {
                    return match self.leaving {
                        Some(_) => vec![Effect::Save, Effect::Flush],
                        None => vec![Effect::Save],
                    };
                }
                match self.leaving.take() {
                    Some(Leaving::App) => vec![Effect::Quit],
                    Some(Leaving::Review) => {
                        self.screen = Screen::Home(super::Home::default());
                        vec![Effect::Release, Effect::ListSessions]
                    }
                    None => Vec::new(),
                }
            }
            // What is in memory is not on disk (even a session with no
            // changes yet, whose first save failed): the tick keeps retrying.
            Err(error) => {
                self.save = SaveState::Failed(error);
                if let Screen::Workshop(w) = &mut self.screen
                    && !w.dirty()
                {
                    w.touch();
                }
                let context = self.context();
                match self.leaving.take() {
                    Some(Leaving::App) => {
                        self.quit_armed = true;
                        let quit = super::keymap::key_label(context, &Action::Quit);
                        self.message = Some(format!(
                            "Not saved! Quitting now loses the latest changes: {quit} again to quit anyway"
                        ));
                    }
                    Some(Leaving::Review) => {
                        let back = super::keymap::key_label(context, &Action::Back);
                        self.message = Some(format!(
                            "Not saved yet: stb keeps retrying; {back} leaves once the status says saved"
                        ));
                    }
                    None => {}
                }
                Vec::new()
            }
        }
    }
}
