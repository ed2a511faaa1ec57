//! A file open for review, shared with the thread that saves it.

use crate::model::Session;
use crate::storage::SessionFile;
use std::path::PathBuf;
use std::sync::Arc;

/// An open file and how much of it is on disk.
///
/// The file is shared (`Arc`) so a save can write a snapshot on another
/// thread while the note-taker goes on; an edit during that save copies it
/// once. Changes are counted, as in capture, so a save that ends after a
/// later edit leaves the file still to save.
#[derive(Debug)]
pub struct ReviewFile {
    pub path: PathBuf,
    pub file: Arc<SessionFile>,
    edits: u64,
    saved_edits: u64,
}

impl ReviewFile {
    pub fn new(path: PathBuf, file: SessionFile) -> ReviewFile {
        ReviewFile {
            path,
            file: Arc::new(file),
            edits: 0,
            saved_edits: 0,
        }
    }

    /// Whether it has changes not yet on disk.
    pub fn dirty(&self) -> bool {
        self.edits != self.saved_edits
    }

    /// Changes made so far: a save reports how many it covered.
    pub fn edits(&self) -> u64 {
        self.edits
    }

    /// The sessions to change: the file needs saving after.
    pub(super) fn sessions_mut(&mut self) -> &mut [Session] {
        self.edits += 1;
        Arc::make_mut(&mut self.file).sessions_mut()
    }

    /// Marks a change made through [`Self::sessions_mut`] earlier (or none: a
    /// copy whose sessions were joined on opening must be written too).
    pub(super) fn touch(&mut self) {
        self.edits += 1;
    }

    /// A save covering the first `edits` changes succeeded.
    pub fn saved_up_to(&mut self, edits: u64) {
        self.saved_edits = self.saved_edits.max(edits.min(self.edits));
    }
}
