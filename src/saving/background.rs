//! Saving off the keystroke path (capture and review alike).
//!
//! At 10,000 insights a session file is about 11 MB: writing it takes tens
//! of milliseconds, and fsyncs on a busy laptop more. Done between a key and
//! the next frame, that is typing that stutters. So the loop hands a
//! snapshot of the session (an `Arc`, shared for free) to this thread and
//! goes on; the status line says "saving…" until the thread reports the
//! save done, and only then "saved": what the screen calls saved is on disk.
//! Drafts of the capture line have a thread of their own, so a slow save
//! never holds up the line being typed; each is renamed into place at once
//! (safe against a crash of stb, which the page cache survives) and made
//! durable by a third thread, so even an fsync that takes seconds on a busy
//! disk never leaves the draft behind the typing.

use super::journal::{Journals, Plan};
use crate::app::{Content, Snapshot};
use crate::storage::{Disk, Fingerprint, Seen, SessionFile};
use jiff::Timestamp;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};

/// What the thread is asked to write.
enum Job {
    /// A session, or a file under review, as it was after its first
    /// `edits` changes: appended to the journal where it can be.
    Write(Snapshot),
    /// The same, always written whole (folding the journal in).
    Fold(Snapshot),
    /// A session just opened: if its file already holds what stb would
    /// write, the first save appends to a journal (see `known`).
    Known(Snapshot),
    /// The capture line's draft; an empty one removes the file.
    Draft { path: PathBuf, text: String },
    /// Answered once everything queued before it is written.
    Barrier,
}

/// What the thread reports back.
enum Report {
    Saved(Done),
    Reached,
}

/// A finished save: the changes it covered, how it went, and what the
/// file held once changes made outside stb were merged in, if there were any.
#[derive(Debug)]
pub struct Done {
    pub path: PathBuf,
    pub edits: u64,
    pub result: Result<Timestamp, String>,
    pub merged: Option<SessionFile>,
    /// A capture session's file was written whole (the journal folded in).
    pub whole: bool,
}

/// The loop's handle on the saving thread.
pub struct Saver {
    jobs: Sender<Job>,
    drafts: Sender<Job>,
    done: Receiver<Report>,
    /// Session saves asked for and not yet reported.
    in_flight: usize,
    seen: Arc<Mutex<Seen>>,
    journals: Arc<Mutex<Journals>>,
    /// Files watched since the last [`Saver::check_opened`].
    opened: Vec<PathBuf>,
}

impl Saver {
    /// Starts the threads, writing on `disk`; `clock` says when a save was
    /// made.
    pub fn start(disk: impl Disk + Clone + Send + 'static, clock: fn() -> Timestamp) -> Saver {
        let (jobs, work) = channel::<Job>();
        let (drafts, draft_work) = channel::<Job>();
        let (report, done) = channel();
        let (syncs, to_sync) = channel::<PathBuf>();
        let syncing = disk.clone();
        std::thread::Builder::new()
            .name("stb-draft-sync".into())
            .spawn(move || {
                behind_typing();
                sync_drafts(&syncing, &to_sync)
            })
            .expect("the syncing thread starts");
        let lanes = [
            (work, disk.clone(), "stb-saver", None),
            (draft_work, disk, "stb-drafts", Some(syncs)),
        ];
        let seen = Arc::new(Mutex::new(Seen::default()));
        let journals = Arc::new(Mutex::new(Journals::default()));
        for (work, disk, name, syncs) in lanes {
            let report = report.clone();
            let shared = (Arc::clone(&seen), Arc::clone(&journals));
            std::thread::Builder::new()
                .name(name.into())
                .spawn(move || {
                    behind_typing();
                    run(&disk, &work, &report, syncs.as_ref(), &shared, clock)
                })
                .expect("the saving thread starts");
        }
        Saver {
            jobs,
            drafts,
            done,
            in_flight: 0,
            seen,
            journals,
            opened: Vec::new(),
        }
    }

    /// Whether a session save is still being written.
    pub fn busy(&self) -> bool {
        self.in_flight > 0
    }

    /// Queues a save of what `snapshot` holds.
    pub fn save(&mut self, snapshot: Snapshot) {
        if self.jobs.send(Job::Write(snapshot)).is_ok() {
            self.in_flight += 1;
        }
    }

    /// Queues a save of `snapshot` written whole, folding its journal in.
    pub fn fold(&mut self, snapshot: Snapshot) {
        if self.jobs.send(Job::Fold(snapshot)).is_ok() {
            self.in_flight += 1;
        }
    }

    /// Checks, off the keystroke path, whether the file of the session now
    /// open (`snapshot`, asked for only if a file was watched since the
    /// last call) already holds what stb would write: then the first Enter
    /// appends a line instead of rewriting a file of thousands of insights
    /// while the room types.
    pub fn check_opened(&mut self, snapshot: impl FnOnce() -> Option<Snapshot>) {
        if self.opened.is_empty() {
            return;
        }
        let opened = std::mem::take(&mut self.opened);
        if let Some(snapshot) = snapshot().filter(|s| opened.contains(&s.path)) {
            let _ = self.jobs.send(Job::Known(snapshot));
        }
    }

    /// Whether the journal of `path` has waited long enough to be folded.
    pub fn journal_stale(&self, path: &std::path::Path) -> bool {
        lock(&self.journals).stale(path)
    }

    /// The save of `path` covering `edits` changes, and each after it
    /// until one is written, writes the whole file (see
    /// `Journals::fold_from`).
    pub fn fold_from(&self, path: &std::path::Path, edits: u64) {
        lock(&self.journals).fold_from(path, edits);
    }

    /// Remembers how `path` looked when it was opened: saves compare it
    /// with the disk so a change made outside stb is merged, not clobbered.
    pub fn watch(&mut self, path: &std::path::Path, seen: Option<Fingerprint>) {
        self.seen().set(path, seen);
        // Read afresh: the next save writes the file whole, unless the
        // check of what it holds finds it as stb would write it.
        lock(&self.journals).forget(path);
        self.opened.push(path.to_owned());
    }

    /// How the files stb writes looked when it last read or wrote them,
    /// shared with the saving thread (saves made in place use it too).
    pub fn seen(&self) -> std::sync::MutexGuard<'_, Seen> {
        lock(&self.seen)
    }

    /// Queues the capture line's draft (empty: remove it).
    pub fn draft(&mut self, path: PathBuf, text: String) {
        let _ = self.drafts.send(Job::Draft { path, text });
    }

    /// A save that has finished, if one has.
    pub fn finished(&mut self) -> Option<Done> {
        match self.done.try_recv().ok()? {
            Report::Saved(done) => {
                self.in_flight -= 1;
                Some(done)
            }
            Report::Reached => None,
        }
    }

    /// Waits until everything queued (saves and drafts) is written; the
    /// saves' outcomes, oldest first.
    pub fn wait(&mut self) -> Vec<Done> {
        let mut all = Vec::new();
        let mut lanes = 0;
        for lane in [&self.jobs, &self.drafts] {
            lanes += usize::from(lane.send(Job::Barrier).is_ok());
        }
        while lanes > 0 {
            match self.done.recv() {
                Ok(Report::Saved(done)) => {
                    self.in_flight -= 1;
                    all.push(done);
                }
                Ok(Report::Reached) => lanes -= 1,
                Err(_) => break,
            }
        }
        all
    }
}

/// A lock that a panicking holder cannot poison for the others.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// One lane: its jobs in order, each reported back as it finishes.
fn run(
    disk: &dyn Disk,
    work: &Receiver<Job>,
    report: &Sender<Report>,
    syncs: Option<&Sender<PathBuf>>,
    (seen, journals): &(Arc<Mutex<Seen>>, Arc<Mutex<Journals>>),
    clock: fn() -> Timestamp,
) {
    while let Ok(job) = work.recv() {
        let sent = match job {
            Job::Write(snapshot) => {
                let done = write(disk, snapshot, false, (seen, journals), clock());
                report.send(Report::Saved(done))
            }
            Job::Fold(snapshot) => {
                let done = write(disk, snapshot, true, (seen, journals), clock());
                report.send(Report::Saved(done))
            }
            Job::Known(snapshot) => {
                super::known::check(&snapshot, (seen, journals));
                Ok(())
            }
            Job::Draft { path, text } => {
                write_draft(disk, &path, &text, syncs);
                Ok(())
            }
            Job::Barrier => report.send(Report::Reached),
        };
        if sent.is_err() {
            return;
        }
    }
}

/// Writes one snapshot: a capture session's changes appended to its
/// journal where it can, else the whole file (merging what changed on
/// disk meanwhile, and folding the journal in).
fn write(
    disk: &dyn Disk,
    Snapshot {
        path,
        edits,
        content,
        touched,
    }: Snapshot,
    whole: bool,
    (seen, journals): (&Mutex<Seen>, &Mutex<Journals>),
    now: Timestamp,
) -> Done {
    let session = match &content {
        Content::Session(session) => session,
        Content::File(file) => {
            let checked = super::save_file_checked(disk, &path, file, &mut lock(seen), now);
            return Done {
                path,
                edits,
                result: checked.result,
                merged: checked.merged,
                whole: false,
            };
        }
    };
    // A file changed outside stb (or gone) is merged and written whole now,
    // as any save did before there was a journal.
    let as_written = crate::storage::looks_unchanged(&path, lock(seen).get(&path));
    let plan = if whole || !as_written || lock(journals).must_fold(&path, edits) {
        Plan::Whole
    } else {
        lock(journals).plan(&path, session, touched.as_deref())
    };
    let whole = matches!(plan, Plan::Whole);
    let (result, merged) = match plan {
        Plan::Append(line, newest) => {
            let result = crate::storage::append_on(disk, &path, &line)
                .map(|()| now)
                .map_err(|source| {
                    super::reason(&crate::storage::SaveError {
                        path: path.clone(),
                        source,
                    })
                });
            if result.is_ok() {
                lock(journals).appended(&path, newest);
            }
            (result, None)
        }
        Plan::Whole => {
            let checked = super::save_checked(disk, &path, session, &mut lock(seen), now);
            if checked.result.is_ok() {
                crate::storage::remove_journal(&path);
                let written = checked.merged.as_ref().and_then(|f| f.sessions().first());
                let mut journals = lock(journals);
                journals.wrote_whole(&path, written.unwrap_or(session));
                journals.folded(&path, edits);
            }
            (checked.result, checked.merged)
        }
    };
    Done {
        path,
        edits,
        result,
        merged,
        whole,
    }
}

/// Best effort: the session itself is what the status line vouches for.
fn write_draft(
    disk: &dyn Disk,
    path: &std::path::Path,
    text: &str,
    syncs: Option<&Sender<PathBuf>>,
) {
    if text.trim().is_empty() {
        let _ = std::fs::remove_file(path);
    } else if crate::storage::replace_on(disk, path, text.as_bytes()).is_ok()
        && let Some(syncs) = syncs
    {
        let _ = syncs.send(path.to_owned());
    }
}

/// Makes drafts durable, the newest only when several wait.
fn sync_drafts(disk: &dyn Disk, to_sync: &Receiver<PathBuf>) {
    while let Ok(mut path) = to_sync.recv() {
        while let Ok(newer) = to_sync.try_recv() {
            path = newer;
        }
        let _ = crate::storage::sync_on(disk, &path);
    }
}

/// Puts the calling thread behind the one that answers keys: a whole write
/// of a large session is 100 ms of CPU, and on a laptop whose other core is
/// busy it would otherwise take turns with the keystrokes typed meanwhile.
/// A save still gets the CPU whenever typing leaves it idle, which is
/// nearly always. On Linux a thread's nice value is its own; elsewhere it
/// is the whole process's, so there this does nothing.
fn behind_typing() {
    // (No pid is the calling thread; failing leaves it as it was.)
    #[cfg(target_os = "linux")]
    let _ = rustix::process::setpriority_process(None, BEHIND_TYPING);
}

/// The nice value of the saving threads (0 is the default, 19 the lowest).
/// The lowest: at 10 a key typed while a save ran on a laptop whose other
/// core was busy still waited, a few times a minute, up to 5 ms for the
/// save's turn to end; at 19 it rarely does. A save under a load that
/// leaves no core idle gets less (about 1.5% of a core, where 10 gave it
/// 10%): an Enter's journal line is a millisecond of work, and the line
/// and the draft are kept in memory until it is done.
#[cfg(target_os = "linux")]
const BEHIND_TYPING: i32 = 19;

#[cfg(all(test, target_os = "linux"))]
mod tests;
