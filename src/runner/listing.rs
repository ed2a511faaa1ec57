//! Listing the sessions folder without keeping Home blank: the folder is
//! listed by name at once (a `stat` a file), and a thread of its own reads
//! each file's head and then each whole file, sending every reading back as
//! it is made. `update` decides what the rows show; this only reads.
//!
//! Files read in full are remembered for the rest of the run and kept in
//! the folder's summaries for the next (by name, size and modification
//! time: see `storage::Summaries`), so Home reads again only what changed. Leaving Home stops the reading: a folder of a gigabyte
//! would otherwise parse on for seconds beside the session being typed in.

use crate::storage::{self, Listed};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::thread::JoinHandle;

/// The reading thread of the latest listing.
struct Reader {
    stop: Arc<AtomicBool>,
    news: Receiver<Vec<Listed>>,
    thread: JoinHandle<()>,
}

/// Listings of the sessions folder, and what they have read so far.
#[derive(Default)]
pub(super) struct Listing {
    /// Files read in full this run, by path.
    read: HashMap<PathBuf, Listed>,
    reader: Option<Reader>,
}

impl Listing {
    /// The files in `dir`, with what is already known of them; the rest is
    /// read on a thread, and comes from [`Self::news`].
    pub(super) fn start(&mut self, dir: &Path) -> Vec<Listed> {
        self.stop();
        let mut listed = storage::list_names(dir);
        for row in &mut listed {
            if let Some(known) = self.read.get(&row.path) {
                row.learn(known);
            }
        }
        let kept = storage::Summaries::load(dir);
        let used = kept.fill(&mut listed);
        let outdated = kept.outdated(used);
        storage::sort_listed(&mut listed);
        if outdated || listed.iter().any(|l| !l.is_read()) {
            self.reader = spawn(dir, listed.clone(), outdated);
            if self.reader.is_none() {
                // No thread to be had: read here, as Home did before.
                for row in listed.iter_mut().filter(|r| !r.is_read()) {
                    row.read_in_full();
                }
                self.remember(std::slice::from_ref(&listed));
                storage::sort_listed(&mut listed);
            }
        }
        listed
    }

    /// Stops reading (the rows it would send are no longer wanted).
    pub(super) fn stop(&mut self) {
        if let Some(reader) = self.reader.take() {
            reader.stop.store(true, Ordering::Relaxed);
        }
    }

    /// Whether the thread is still reading.
    pub(super) fn busy(&self) -> bool {
        self.reader.is_some()
    }

    /// What the thread has read since last asked, one batch a message.
    pub(super) fn news(&mut self) -> Vec<Vec<Listed>> {
        let Some(reader) = &self.reader else {
            return Vec::new();
        };
        let mut batches = Vec::new();
        loop {
            match reader.news.try_recv() {
                Ok(rows) => batches.push(rows),
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    self.reader = None;
                    break;
                }
            }
        }
        self.remember(&batches);
        batches
    }

    /// Waits for the thread to read everything, and all it read (tests,
    /// through `Runner::settle`).
    pub(super) fn wait(&mut self) -> Vec<Vec<Listed>> {
        let Some(reader) = self.reader.take() else {
            return Vec::new();
        };
        let _ = reader.thread.join();
        let batches: Vec<_> = reader.news.try_iter().collect();
        self.remember(&batches);
        batches
    }

    fn remember(&mut self, batches: &[Vec<Listed>]) {
        for row in batches.iter().flatten().filter(|r| r.is_read()) {
            self.read.insert(row.path.clone(), row.clone());
        }
    }
}

/// A runner that ends stops its reading too (a dropped runner in a test or
/// a bench must not leave a thread parsing the folder).
impl Drop for Listing {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Starts the thread reading `listed`: every head first (a few kilobytes
/// each, so the whole list has its details within milliseconds), sent as
/// one batch; then each file in full, top row first, each sent alone.
/// What it read in full is kept in the folder's summaries when it ends,
/// stopped or not; they are written again too if they are `outdated`.
fn spawn(dir: &Path, mut listed: Vec<Listed>, outdated: bool) -> Option<Reader> {
    let stop = Arc::new(AtomicBool::new(false));
    let (send, news) = mpsc::channel();
    let stopped = Arc::clone(&stop);
    let dir = dir.to_owned();
    let thread = std::thread::Builder::new()
        .name("stb-listing".into())
        .spawn(move || {
            storage::read_heads(&mut listed);
            if send.send(listed.clone()).is_err() {
                return;
            }
            storage::reading_order(&mut listed);
            let mut read = outdated;
            for row in listed.iter_mut().filter(|r| !r.is_read()) {
                if stopped.load(Ordering::Relaxed) {
                    break;
                }
                row.read_in_full();
                read = true;
                if send.send(vec![row.clone()]).is_err() {
                    break;
                }
            }
            if read {
                storage::Summaries::save(&dir, &listed);
            }
        });
    Some(Reader {
        stop,
        news,
        thread: thread.ok()?,
    })
}
