//! Owning files to open: capture takes one session, review several
//! files, each locked and read through `storage::own`.

use crate::model::Session;
use crate::storage;
use std::path::{Path, PathBuf};

/// Owns a file to capture into: locked, read, one session. Errors are one
/// line naming the file (and the holder, when another stb has it).
pub fn own_session(path: &Path) -> Result<(Session, storage::Owned), String> {
    std::fs::metadata(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut owned = storage::own(path).map_err(|e| e.to_string())?;
    match owned.file.take() {
        Some(storage::SessionFile::Single(session)) => Ok((*session, owned)),
        Some(storage::SessionFile::Combined(sessions)) => Err(format!(
            "{}: holds {} merged together; `stb review` reads it, `stb open` takes one session",
            path.display(),
            crate::words::count(sessions.len(), "workshop")
        )),
        None => Err(format!("{}: no such file", path.display())),
    }
}

/// A file read for review, and where it is.
pub type Opened = (PathBuf, storage::SessionFile);

/// Owns every file to review, or says which one cannot be (another stb
/// has it, or it does not read); none stays locked then.
pub fn own_all(paths: &[PathBuf]) -> Result<(Vec<Opened>, Vec<storage::Owned>), String> {
    let mut files = Vec::new();
    let mut held = Vec::new();
    for path in paths {
        std::fs::metadata(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut owned = storage::own(path).map_err(|e| e.to_string())?;
        let file = owned
            .file
            .take()
            .ok_or_else(|| format!("{}: no such file", path.display()))?;
        files.push((path.clone(), file));
        held.push(owned);
    }
    Ok((files, held))
}
