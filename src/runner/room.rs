//! The runner's side of a room (`stb join`): watches the folder the copies
//! share and hands what other laptops saved to the app as
//! [`Action::PeerNews`], within a second of a copy landing: the watcher's
//! events come at once, and a stat poll every [`POLL`] catches folders
//! that send none (network shares, some sync tools).

use super::Runner;
use crate::app::Action;
use crate::room::{Arrivals, Joined};
use crate::watch::FolderWatch;
use std::path::Path;
use std::time::{Duration, Instant};
use ulid::Ulid;

/// How often the folder is polled when no event says it changed; also how
/// soon a half-written copy is read again.
pub const POLL: Duration = Duration::from_millis(250);
/// How often conflict copies are checked for tidying.
const TIDY_EVERY: Duration = Duration::from_secs(1);

/// The folder of a room's copies, watched.
pub struct RoomWatch {
    watch: FolderWatch,
    arrivals: Arrivals,
    read_at: Instant,
    tidied_at: Instant,
}

impl RoomWatch {
    /// Watches the copies of session `id` beside `own`, this laptop's copy.
    pub fn new(own: &Path, id: Ulid) -> RoomWatch {
        let folder = crate::room::folder_of(own);
        RoomWatch {
            watch: FolderWatch::new(folder, POLL),
            arrivals: Arrivals::new(own, id),
            read_at: Instant::now() - POLL,
            tidied_at: Instant::now(),
        }
    }

    /// What other laptops saved since the last look, if anything new; and,
    /// when no save of the own copy is under way, the conflict copies it
    /// now holds are removed.
    pub fn news(&mut self, saving: bool) -> Option<Action> {
        let changed = self.watch.changed();
        let due = self.arrivals.waiting() && self.read_at.elapsed() >= POLL;
        let mut action = None;
        if !changed.is_empty() || due {
            self.read_at = Instant::now();
            let news = self.arrivals.take(changed);
            action = news.session.map(|s| Action::PeerNews(Box::new(s)));
        }
        if !saving && self.tidied_at.elapsed() >= TIDY_EVERY {
            self.tidied_at = Instant::now();
            self.arrivals.tidy();
        }
        action
    }

    /// How long the loop may wait before looking again.
    pub fn wake_in(&self) -> Duration {
        let watch = self.watch.wake_in();
        if self.arrivals.waiting() {
            watch.min(POLL.saturating_sub(self.read_at.elapsed()))
        } else {
            watch
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
