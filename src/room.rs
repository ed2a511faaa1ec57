//! Several laptops capturing one session at once, over any folder that
//! syncs (Syncthing, Nextcloud, Dropbox, a network share, a USB stick
//! carried across, `git pull`), with no server.
//!
//! The session's copies are the `.ron` files in one folder whose head
//! carries the same session id. Each laptop writes only its own copy,
//! named after its device (`NAME@DEVICE.ron`, see [`own_copy`]), and never
//! writes, locks, renames or deletes another's: a sync tool then never has
//! two writers for one file, so conflicts are rare, and a copy is always
//! whole where it was written. What a laptop shows is the exact merge of
//! every copy; its own copy holds that union plus its own edits, so when
//! the copies stop changing they all hold the same session.
//!
//! Conflict copies that sync tools make all the same (see [`conflict_of`])
//! are merged in like any copy, and removed by whichever laptop finds that
//! its own copy, as saved, already holds everything they have: removing
//! one then loses nothing anywhere.
//!
//! Files arrive half-written (a copy in progress, a sync tool's partial
//! write): one that does not parse is skipped and read again later
//! ([`Arrivals`]). Every file is read with the hostile-files rules of a
//! session (no links, no FIFOs, capped), since anything may arrive.

mod arrivals;
mod names;

pub use arrivals::{Arrivals, News};
pub use names::{conflict_of, own_copy, slug};

use crate::merge;
use crate::model::{Session, StampClock};
use crate::storage::{self, LoadError, SessionFile};
use jiff::Timestamp;
use std::path::{Path, PathBuf};
use ulid::Ulid;

/// The session a laptop joins, as the folder holds it now.
#[derive(Debug)]
pub struct Joined {
    /// This laptop's own copy: the only file it writes.
    pub own: PathBuf,
    /// The union of every copy, with the lead set if it was not.
    pub session: Session,
    /// The lock of the own copy, and how it looked (None: not made yet).
    pub owned: storage::Owned,
}

/// Joins the session in `file` as `device`: reads every copy of it in the
/// folder, takes this laptop's own copy (creating nothing yet: the first
/// save writes the union there), and makes `device` the lead if nobody
/// leads yet or `take_lead` asks it to. Errors name the file, one line.
pub fn join(file: &Path, device: &str, take_lead: bool, now: Timestamp) -> Result<Joined, String> {
    let asked = read_copy_of(file, None).map_err(|e| e.to_string())?;
    let Some(asked) = asked else {
        return Err(format!(
            "{}: holds several sessions; join a single session's file",
            file.display()
        ));
    };
    let own = own_copy(file, device);
    let owned = storage::own(&own).map_err(|e| e.to_string())?;
    let mut copies = vec![asked];
    if let Some(SessionFile::Single(mine)) = &owned.file {
        copies.push((**mine).clone());
    }
    let folder = folder_of(file);
    for path in copies_in(folder, copies[0].id, &own) {
        if let Ok(Some(copy)) = read_copy_of(&path, Some(copies[0].id)) {
            copies.push(copy);
        }
    }
    let refs: Vec<&Session> = copies.iter().collect();
    let mut session = merge::merge_all(&refs);
    if take_lead || session.lead.is_empty() {
        let mut clock = StampClock::new(device);
        clock.observe(&session.newest_stamp());
        session.lead = device.to_owned();
        session.modified = clock.stamp_at(now);
    }
    Ok(Joined {
        own,
        session,
        owned,
    })
}

/// Whether `file` is a copy of a room's session (its head names a lead):
/// `stb open` and Home open it as `stb join` does, so this laptop writes
/// its own copy and never another laptop's.
pub fn is_room_file(file: &Path) -> bool {
    storage::read_head(file).is_some_and(|head| !head.lead.is_empty())
}

/// The folder a file is in (the current folder for a bare name).
pub fn folder_of(file: &Path) -> &Path {
    match file.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// The `.ron` files in `folder` other than `own` whose head says they are
/// a copy of session `id` (conflict copies included), by name.
pub fn copies_in(folder: &Path, id: Ulid, own: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .filter(|p| is_session_name(p) && p.file_name() != own.file_name())
        .filter(|p| storage::read_head(p).is_some_and(|h| h.id == id))
        .collect();
    found.sort();
    found
}

/// Whether `path` is named like a session file (`*.ron`).
pub fn is_session_name(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "ron")
}

/// The copy at `path`: its session with the journal beside it replayed,
/// read as an arrived file (no links, capped). `Ok(None)` when it holds
/// another session than `id` (any session when `id` is None) or several.
pub fn read_copy_of(path: &Path, id: Option<Ulid>) -> Result<Option<Session>, LoadError> {
    let text = storage::read_arrived(path)?;
    let SessionFile::Single(session) = storage::parse_file(&text, path)? else {
        return Ok(None);
    };
    if id.is_some_and(|id| id != session.id) {
        return Ok(None);
    }
    Ok(Some(match storage::read_journal(path) {
        Some(journal) => merge::journal::replay(&session, &journal).0,
        None => *session,
    }))
}

/// Whether the own copy at `own`, as saved (journal included), already
/// holds everything `copy` has: then removing `copy` loses nothing.
pub fn holds_all_of(own: &Path, copy: &Session) -> bool {
    let Ok(Some(mine)) = read_copy_of(own, Some(copy.id)) else {
        return false;
    };
    merge::merge_pair(&mine, copy) == merge::merge_pair(&mine, &mine)
}

/// A room's session in Tenby led by `lead`, as the room tests start from.
#[cfg(test)]
pub(crate) fn test_session(lead: &str, at: Timestamp) -> Session {
    let details = crate::model::SessionDetails {
        title: "Room".into(),
        place: crate::model::Place {
            locality: "Tenby".into(),
            nation: crate::model::Nation::Wales,
        },
        facilitator: "Rhian".into(),
        ..Default::default()
    };
    let mut session = Session::new(details, crate::model::Stamp(at, 0, lead.into()));
    session.lead = lead.into();
    session
}

#[cfg(test)]
mod simulator_tests;
#[cfg(test)]
mod tests;
