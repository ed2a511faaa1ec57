//! The runner's side of a room (`stb join`): watches the folder the copies
//! share and hands what other laptops saved to the app as
//! [`Action::PeerNews`], within a second of a copy landing: the watcher's
//! events come at once, and a stat poll every [`POLL`] catches folders
//! that send none (network shares, some sync tools).
//!
//! The copies are read and merged on a thread of their own: at 10,000
//! insights a peer's copy takes some 40 ms to parse, and on the loop's
//! thread every key typed meanwhile waited for it.

use super::Runner;
use crate::app::Action;
use crate::model::Session;
use crate::room::{Arrivals, Joined};
use crate::watch::FolderWatch;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::time::{Duration, Instant};
use ulid::Ulid;

/// How often the folder is polled when no event says it changed; also how
/// soon a half-written copy is read again.
pub const POLL: Duration = Duration::from_millis(250);
/// How often conflict copies are checked for tidying.
const TIDY_EVERY: Duration = Duration::from_secs(1);

/// What the reading thread is asked to do.
enum Job {
    /// Read the copies among these paths (all of them at the first look).
    Take(Vec<PathBuf>),
    /// Remove the conflict copies the own copy, as saved, now holds.
    Tidy,
}

/// What one look found: the merge of the copies that changed, if any did,
/// and whether files wait to be read or tidied again.
struct Looked {
    session: Option<Session>,
    waiting: bool,
}

/// The folder of a room's copies, watched.
pub struct RoomWatch {
    watch: FolderWatch,
    jobs: Sender<Job>,
    looked: Receiver<Looked>,
    /// Looks asked for and not yet answered.
    asked: usize,
    /// Whether the last look left files to read or tidy again.
    waiting: bool,
    read_at: Instant,
    tidied_at: Instant,
}

impl RoomWatch {
    /// Watches the copies of session `id` beside `own`, this laptop's copy.
    pub fn new(own: &Path, id: Ulid) -> RoomWatch {
        let folder = crate::room::folder_of(own);
        let mut arrivals = Arrivals::new(own, id);
        let waiting = arrivals.waiting();
        let (jobs, work) = channel::<Job>();
        let (answer, looked) = channel();
        // Should the thread not start, no news comes (the jobs go nowhere)
        // and the own copy is still saved: the room degrades to one laptop.
        let _ = std::thread::Builder::new()
            .name("stb-room".into())
            .spawn(move || read_copies(&mut arrivals, &work, &answer));
        RoomWatch {
            watch: FolderWatch::new(folder, POLL),
            jobs,
            looked,
            asked: 0,
            waiting,
            read_at: Instant::now() - POLL,
            tidied_at: Instant::now(),
        }
    }

    /// What other laptops saved, as far as the reading thread has got; asks
    /// it to look again when the folder changed (or a half-written copy
    /// waits), and, when no save of the own copy is under way, to remove
    /// the conflict copies it now holds.
    pub fn news(&mut self, saving: bool) -> Option<Action> {
        let mut merged: Option<Session> = None;
        while let Ok(looked) = self.looked.try_recv() {
            self.asked = self.asked.saturating_sub(1);
            self.waiting = looked.waiting;
            merged = match (merged, looked.session) {
                (Some(so_far), Some(more)) => Some(crate::merge::merge_pair(&so_far, &more)),
                (so_far, more) => so_far.or(more),
            };
        }
        let changed = self.watch.changed();
        let due = self.waiting && self.asked == 0 && self.read_at.elapsed() >= POLL;
        if (!changed.is_empty() || due) && self.jobs.send(Job::Take(changed)).is_ok() {
            self.read_at = Instant::now();
            self.asked += 1;
        }
        if !saving && self.tidied_at.elapsed() >= TIDY_EVERY {
            self.tidied_at = Instant::now();
            let _ = self.jobs.send(Job::Tidy);
        }
        merged.map(|s| Action::PeerNews(Box::new(s)))
    }

    /// Whether the reading thread is at work (the loop then looks for its
    /// answer every few milliseconds).
    pub fn reading(&self) -> bool {
        self.asked > 0
    }

    /// How long the loop may wait before looking again.
    pub fn wake_in(&self) -> Duration {
        let watch = self.watch.wake_in();
        if self.waiting {
            watch.min(POLL.saturating_sub(self.read_at.elapsed()))
        } else {
            watch
        }
    }
}

/// The reading thread: each look's news, in order, until the watch goes.
fn read_copies(arrivals: &mut Arrivals, work: &Receiver<Job>, answer: &Sender<Looked>) {
    while let Ok(job) = work.recv() {
        match job {
            Job::Take(changed) => {
                let news = arrivals.take(changed);
                let looked = Looked {
                    session: news.session,
                    waiting: arrivals.waiting(),
                };
                if answer.send(looked).is_err() {
                    return;
                }
            }
            Job::Tidy => {
                arrivals.tidy();
            }
        }
    }
}

impl Runner {
    /// Holds a room's own copy (joined: see `room::join`) and watches its
    /// folder; the action that opens it.
    pub fn join(&mut self, joined: Joined) -> Action {
        let Joined {
            own,
            session,
            owned,
        } = joined;
        self.hold(&own, owned);
        self.join_room(&own, session.id);
        Action::Joined(Box::new((own, session)))
    }
}
