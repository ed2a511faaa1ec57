//! Runs what `update` asks for: saving (off the keystroke path), opening
//! and owning files, the capture line's draft, exports, the bell. Each
//! outcome goes back to the app as an action. It decides nothing about the
//! app: when to save, to quit, to hand files back or to recover a draft is
//! decided in `update`; this only does it.
//!
//! The terminal loop runs effects through a [`Runner`] on the real disk;
//! tests run the very same runner on a disk that fails where they say.

mod after_panic;
mod draft;
mod listing;
mod owning;
mod room;

use crate::app::{Action, App, Effect};
use crate::saving::{self, Saver};
use crate::storage::{self, Disk};
use jiff::Timestamp;
pub use owning::{Opened, own_all, own_session};
use std::collections::VecDeque;
use std::path::Path;
use std::time::{Duration, Instant};

/// How often the runner makes sure it still holds its locks.
const LOCK_CHECK: Duration = Duration::from_secs(1);

/// Whether the app goes on after the effects just run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    Go,
    End,
}

/// What the app holds outside itself: the locks of the files open (one
/// writer per session file), the capture-line draft, the saving threads,
/// and outcomes not yet fed back.
pub struct Runner {
    disk: Box<dyn Disk>,
    locks: Vec<storage::SessionLock>,
    draft: draft::Draft,
    saver: Saver,
    listing: listing::Listing,
    lock_check: Instant,
    outcomes: VecDeque<Action>,
    /// How many outcomes have been fed back to the app (see [`Self::fed`]).
    fed: u64,
    bell: Box<dyn FnMut()>,
    clock: fn() -> Timestamp,
    /// The room's folder, watched for other laptops' copies (`stb join`).
    room: Option<room::RoomWatch>,
}

impl Runner {
    /// A runner writing on `disk`, ringing the bell with `bell`, telling
    /// the time with `clock` (`Timestamp::now`; tests fix it).
    pub fn new<D: Disk + Clone + Send + 'static>(
        disk: D,
        bell: Box<dyn FnMut()>,
        clock: fn() -> Timestamp,
    ) -> Runner {
        Runner {
            disk: Box::new(disk.clone()),
            locks: Vec::new(),
            draft: draft::Draft::default(),
            saver: Saver::start(disk, clock),
            listing: listing::Listing::default(),
            lock_check: Instant::now(),
            outcomes: VecDeque::new(),
            fed: 0,
            bell,
            clock,
            room: None,
        }
    }

    /// Holds a file just owned: its lock, and how it looked, for saves to
    /// notice changes made outside stb.
    pub fn hold(&mut self, path: &Path, owned: storage::Owned) {
        self.saver.watch(path, owned.seen);
        self.locks.push(owned.lock);
    }

    /// Watches the folder of `own`, this laptop's copy of session `id`,
    /// for other laptops' copies (see `room`).
    pub fn join_room(&mut self, own: &Path, id: ulid::Ulid) {
        self.room = Some(room::RoomWatch::new(own, id));
    }

    /// Runs `effects` and every effect their outcomes lead to.
    pub fn run(&mut self, app: &mut App, effects: Vec<Effect>) -> Flow {
        let mut queue = VecDeque::from(effects);
        while let Some(effect) = queue.pop_front() {
            if effect == Effect::Quit {
                self.listing.stop();
                self.draft.leaving(app);
                self.draft.flush(app, true, &mut self.saver);
                // Leaving the session leaves its file whole: the journal
                // is folded in, so git, merges and editors see everything.
                if let Some(snapshot) = app.capture_snapshot().filter(|_| self.held()) {
                    self.saver.fold(snapshot);
                }
                self.saver.wait();
                return Flow::End;
            }
            for action in self.one(app, effect) {
                queue.extend(self.feed(app, action));
            }
        }
        Flow::Go
    }

    /// What the runner has for the app between keys: background saves
    /// finished, a lock lost, a draft due. The loop calls it each time
    /// round.
    pub fn poll(&mut self, app: &mut App) -> Flow {
        self.draft.flush(app, false, &mut self.saver);
        self.saver.check_opened(|| app.capture_snapshot());
        self.fold_if_stale(app);
        if self.lock_check.elapsed() >= LOCK_CHECK
            && let Some(lost) = self.keep_locks()
        {
            self.outcomes.push_back(lost);
        }
        self.collect();
        while let Some(action) = self.outcomes.pop_front() {
            self.own_once_saved(app, &action);
            let effects = self.feed(app, action);
            if self.run(app, effects) == Flow::End {
                return Flow::End;
            }
        }
        Flow::Go
    }

    /// How many outcomes the runner has fed back to the app so far: the
    /// loop draws again only when this moved (or it applied an action).
    pub fn fed(&self) -> u64 {
        self.fed
    }

    /// Whether an outcome waits for [`Self::poll`].
    pub fn has_news(&mut self) -> bool {
        self.collect();
        !self.outcomes.is_empty()
    }

    /// Whether a save is being written or the folder read (the loop then
    /// looks for news often, so "saved" shows within milliseconds and Home
    /// fills in as the files are read).
    pub fn busy(&self) -> bool {
        self.saver.busy()
            || self.listing.busy()
            || self.room.as_ref().is_some_and(room::RoomWatch::reading)
    }

    /// How long the loop may wait before [`Self::poll`] has work: a draft
    /// due, or the locks to check.
    pub fn wake_in(&self) -> Option<Duration> {
        let locks =
            (!self.locks.is_empty()).then(|| LOCK_CHECK.saturating_sub(self.lock_check.elapsed()));
        let room = self.room.as_ref().map(room::RoomWatch::wake_in);
        [self.draft.due_in(), locks, room]
            .into_iter()
            .flatten()
            .min()
    }

    /// Waits for every save asked for, and for the folder's reading if Home
    /// started one, and feeds their outcomes back (what [`Effect::Flush`]
    /// does for saves; tests call it after each step).
    pub fn settle(&mut self, app: &mut App) -> Flow {
        let mut outcomes = self.wait_all();
        outcomes.extend(self.listing.wait().into_iter().map(Action::ListedMore));
        for action in outcomes {
            let effects = self.feed(app, action);
            if self.run(app, effects) == Flow::End {
                return Flow::End;
            }
        }
        Flow::Go
    }

    /// Feeds an outcome back to the app. A save that succeeded writes the
    /// draft again too: a draft write that failed with an earlier save (a
    /// full disk, now cleared) must not wait for the next key, or a crash
    /// then would lose the half-typed line while the screen says saved.
    fn feed(&mut self, app: &mut App, action: Action) -> Vec<Effect> {
        let saved = matches!(action, Action::SavedUpTo(_, _, Ok(_)));
        let from_peers = matches!(action, Action::PeerNews(_));
        self.fed += 1;
        let effects = app.update(action, (self.clock)());
        // Other laptops' records may be stamped before what the journal
        // last wrote: the save that takes them in writes the file whole.
        if let Some(w) = app.workshop().filter(|_| from_peers) {
            self.saver.fold_from(&w.path, w.edits());
        }
        if saved {
            self.draft.rewrite(app);
            self.draft.flush(app, true, &mut self.saver);
        }
        effects
    }

    /// Folds a journal that has waited [`saving::journal::FOLD_AFTER`]
    /// into its file while nothing else is being written, so the file
    /// others read is never far behind even when nobody types. (Run each
    /// time round the loop: the snapshot is made only for a fold.)
    fn fold_if_stale(&mut self, app: &App) {
        if self.saver.busy() || !self.held() {
            return;
        }
        let stale = app
            .workshop()
            .is_some_and(|w| self.saver.journal_stale(&w.path));
        if stale && let Some(snapshot) = app.capture_snapshot() {
            self.saver.fold(snapshot);
        }
    }

    /// Background saves finished, as actions waiting to be fed back.
    fn collect(&mut self) {
        while let Some(done) = self.saver.finished() {
            self.outcomes.extend(outcomes(done));
        }
        let listed = self.listing.news().into_iter().map(Action::ListedMore);
        self.outcomes.extend(listed);
        let saving = self.saver.busy();
        self.outcomes
            .extend(self.room.as_mut().and_then(|r| r.news(saving)));
    }

    /// Every outcome waiting or still to come from saves asked for.
    fn wait_all(&mut self) -> Vec<Action> {
        let waited = self.saver.wait().into_iter().flat_map(outcomes);
        self.outcomes.drain(..).chain(waited).collect()
    }

    /// Takes again any lock whose file was deleted (or whose folder
    /// vanished). If another stb took it meanwhile, the outcome is a failed
    /// save naming it: nothing is written over its file, the data stays in
    /// memory, and the retry merges once the lock is free again.
    fn keep_locks(&mut self) -> Option<Action> {
        self.lock_check = Instant::now();
        let lost = self.locks.iter_mut().find_map(|lock| lock.renew().err())?;
        Some(Action::Saved(Err(match lost {
            storage::LockError::Held { session, holder } => {
                let name = session.file_name().unwrap_or_default().to_string_lossy();
                format!("another stb took {name} ({holder}); not saved over it")
            }
            other => other.to_string(),
        })))
    }

    /// Gives up the files held, once nothing is still writing them.
    fn release(&mut self) -> Vec<Action> {
        let outcomes = self.wait_all();
        self.locks.clear();
        self.room = None;
        outcomes
    }

    /// Runs one effect (never `Quit`); its outcomes.
    fn one(&mut self, app: &App, effect: Effect) -> Vec<Action> {
        match effect {
            Effect::Quit => Vec::new(),
            Effect::Save => {
                // Never over a file whose lock another stb has taken.
                if let Some(lost) = self.keep_locks() {
                    return vec![lost];
                }
                self.own_if_unheld(app);
                // One save at a time: when it ends, the app asks again if
                // what it shows is still not on disk.
                if !self.saver.busy() {
                    for snapshot in app.unsaved() {
                        self.saver.save(snapshot);
                    }
                }
                Vec::new()
            }
            Effect::Flush => self.wait_all(),
            Effect::Release => self.release(),
            Effect::Draft(text) => {
                let now = self.draft.changed(app, text);
                self.draft.flush(app, now, &mut self.saver);
                Vec::new()
            }
            Effect::ReadDraft(path) => draft::read(&path)
                .map(Action::DraftFound)
                .into_iter()
                .collect(),
            Effect::Bell => {
                (self.bell)();
                Vec::new()
            }
            Effect::ListSessions => {
                vec![Action::Listed(self.listing.start(&app.config.sessions_dir))]
            }
            Effect::StopListing => {
                self.listing.stop();
                Vec::new()
            }
            Effect::Open(path) => {
                let mut outcomes = self.release();
                if crate::room::is_room_file(&path) {
                    let device = &app.config.device;
                    let joined = crate::room::join(&path, device, false, (self.clock)());
                    outcomes.push(joined.map_or_else(Action::OpenFailed, |j| self.join(j)));
                    return outcomes;
                }
                outcomes.push(match own_session(&path) {
                    Ok((session, owned)) => {
                        self.hold(&path, owned);
                        Action::Opened(Box::new((path, session)))
                    }
                    Err(error) => Action::OpenFailed(error),
                });
                outcomes
            }
            Effect::Review(paths) => {
                let mut outcomes = self.release();
                outcomes.push(match own_all(&paths) {
                    Ok((files, owned)) => {
                        for (owned, path) in owned.into_iter().zip(&paths) {
                            self.hold(path, owned);
                        }
                        Action::ReviewOpened(files)
                    }
                    Err(error) => Action::OpenFailed(error),
                });
                outcomes
            }
            Effect::WriteExport(bytes, name) => {
                let path = name.free_path_in(&app.config.sessions_dir.join("exports"));
                let result = storage::write_atomically_on(&*self.disk, &path, &bytes)
                    .map(|()| path.clone())
                    .map_err(|e| format!("{}: {e}", path.display()));
                vec![Action::Exported(result)]
            }
            Effect::SaveMerged(file, report) => {
                let _ = self.disk.create_folder(&app.config.sessions_dir);
                let path = storage::free_path(
                    &app.config.sessions_dir,
                    &format!("merged-{}", app.today()),
                );
                // A fresh name, but owned like any other file written.
                let result = storage::own(&path)
                    .map_err(|e| e.to_string())
                    .and_then(|owned| {
                        let saved = storage::save_file_on(&*self.disk, &path, &file)
                            .map_err(|e| e.to_string());
                        owned.release();
                        saved
                    })
                    .map(|()| (path, *file));
                vec![Action::Merged(result, report)]
            }
            Effect::Create(session) => {
                let mut outcomes = self.release();
                let path = saving::create_path(&*self.disk, &app.config.sessions_dir, &session);
                // A brand-new name: nobody else can hold it, but hold it now.
                if let Ok(owned) = storage::own(&path) {
                    self.hold(&path, owned);
                }
                let mut seen = self.saver.seen();
                let now = (self.clock)();
                let saved = saving::save_checked(&*self.disk, &path, &session, &mut seen, now);
                drop(seen);
                outcomes.push(Action::Opened(Box::new((path, *session))));
                outcomes.push(Action::Saved(saved.result));
                outcomes
            }
        }
    }
}

/// What the app hears of a background save: the outside changes it merged
/// in, if any (so the screen shows them), then how it went.
fn outcomes(done: saving::Done) -> Vec<Action> {
    let path = done.path;
    let merged = (done.merged).map(|file| Action::MergedFromDisk(Box::new((path.clone(), file))));
    let whole =
        (done.whole && done.result.is_ok()).then(|| Action::WrittenWhole(path.clone(), done.edits));
    let saved = Action::SavedUpTo(path, done.edits, done.result);
    merged.into_iter().chain(whole).chain([saved]).collect()
}

#[cfg(test)]
mod journal_tests;
#[cfg(test)]
mod leaving_tests;
#[cfg(test)]
mod listing_tests;
#[cfg(test)]
mod room_tests;
#[cfg(test)]
pub(crate) mod tests;
