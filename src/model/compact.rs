//! The compact file form (format 3): a stamp is written only where it says
//! something.
//!
//! Most fields are never edited after their record is made, so in format 2
//! eight of every insight's stamps repeated its creation, and a file was
//! 1.1 KB an insight, most of it stamps; parsing is most of opening and
//! merging, so bytes are time. Now an insight's stamp is left out while it
//! equals the insight's creation stamp `(created, 0, author)`, and `modified`
//! is left out when every stamp is; a theme member's stamp is left out while
//! it equals the theme's oldest own stamp (members put in as the theme was
//! made). Participants and themes have no creation stamp of their own, so
//! theirs are written in full, as before.
//!
//! Reading fills a left-out stamp with the stamp it stands for, so the
//! session in memory is exactly what it was before saving: merges, hand-edit
//! detection and the laws never see the difference. A person who edits an
//! insight's text in an editor leaves its stamp implicit, that is equal to
//! the creation stamp in the version it came from too, so the edit is still
//! found (`merge::hand_edits`). Editing `created` or `author` by hand moves
//! every implicit stamp with it.
//!
//! A left-out stamp is read as [`Stamp::implicit`], a value no clock makes,
//! and replaced by what it stands for as soon as the whole record is read
//! (the record's `Deserialize`, see `record`), so the model keeps plain
//! stamps and the merge, the edits and the report need no change. A file
//! that spells that value out is read as if it had left the stamp out.
//!
//! Compatibility: a stamp missing from a format 1 or 2 insight also reads as
//! its creation stamp (those formats wrote every stamp, so only hand-written
//! records lack any); participants' and themes' missing stamps still read as
//! the oldest possible stamp.

use super::{Insight, Member, Participant, Stamp, Theme};
use std::cell::Cell;
use std::collections::BTreeMap;
use ulid::Ulid;

/// A record's stamps struct, derived by `stamped_record!`.
pub(crate) trait Implicit: Clone {
    /// Every stamp left out.
    fn implicit() -> Self;
    /// Whether every stamp is left out, so the struct need not be written.
    fn all_implicit(&self) -> bool;
    /// These stamps with those equal to `base` left out.
    fn written(&self, base: &Stamp) -> Self;
    /// These stamps with those of `fields` equal to `base` left out.
    fn written_of(&self, base: &Stamp, fields: &[&str]) -> Self;
    /// Fills every left-out stamp with `base`.
    fn resolve(&mut self, base: &Stamp);
}

/// A stamped record's stamps, derived by `stamped_record!`.
pub(crate) trait Compact {
    type Stamps: Implicit;
    fn stamps_struct(&self) -> &Self::Stamps;
    fn stamps_struct_mut(&mut self) -> &mut Self::Stamps;
}

/// What a record's left-out stamps stand for, written by hand per record.
pub(crate) trait Created: Compact {
    /// The stamp a field's stamp is left out for, if the record has one.
    fn creation(&self) -> Option<Stamp>;

    /// Resolves whatever else the record leaves out, once its own stamps are.
    fn after_read(&mut self) {}
}

impl Created for Insight {
    fn creation(&self) -> Option<Stamp> {
        Some(Stamp(self.created, 0, self.author.as_str().into()))
    }
}

impl Created for Participant {
    fn creation(&self) -> Option<Stamp> {
        None
    }
}

impl Created for Theme {
    fn creation(&self) -> Option<Stamp> {
        None
    }

    fn after_read(&mut self) {
        let base = members_base(self);
        for member in self.members.values_mut() {
            if member.modified.is_implicit() {
                member.modified = base.clone();
            }
        }
    }
}

/// The stamp a member's stamp is left out for: the theme's oldest own stamp,
/// which is its creation until both its name and its dissolving are edited.
fn members_base(theme: &Theme) -> Stamp {
    use super::Stamped;
    theme
        .stamps()
        .into_iter()
        .min()
        .cloned()
        .unwrap_or_default()
}

thread_local! {
    /// Set while writing the format 2 form, which writes every stamp.
    static EVERY_STAMP: Cell<bool> = const { Cell::new(false) };
}

/// `write` run with every stamp written (the format 2 form), to test and
/// measure reading older files.
pub(crate) fn with_every_stamp<T>(write: impl FnOnce() -> T) -> T {
    /// Puts the flag back even if `write` panics.
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            EVERY_STAMP.set(self.0);
        }
    }
    let _restore = Restore(EVERY_STAMP.replace(true));
    write()
}

/// The `default` of a record's `modified`: every stamp left out.
pub(crate) fn implicit_stamps<S: Implicit>() -> S {
    S::implicit()
}

/// The `skip_serializing_if` of a record's `modified`.
pub(crate) fn all_implicit<S: Implicit>(stamps: &S) -> bool {
    stamps.all_implicit()
}

/// An insight's fields that format 2 did not have.
const NEWER_THAN_FORMAT_2: &[&str] = &["parked", "owner", "due"];

/// The `getter` of a record's `modified`: its stamps as written.
pub(crate) fn written_stamps<R: Created>(record: &R) -> R::Stamps {
    match record.creation() {
        Some(base) if !EVERY_STAMP.get() => record.stamps_struct().written(&base),
        // Format 2 had no fields after these: their stamps are left out
        // where they can be, as no format 2 file has them.
        Some(base) => record
            .stamps_struct()
            .written_of(&base, NEWER_THAN_FORMAT_2),
        None => record.stamps_struct().clone(),
    }
}

/// The `getter` of a theme's `members`: their stamps as written.
pub(crate) fn written_members(theme: &Theme) -> BTreeMap<Ulid, Member> {
    if EVERY_STAMP.get() {
        return theme.members.clone();
    }
    let base = members_base(theme);
    let written = |m: &Member| Member {
        included: m.included,
        modified: if m.modified == base {
            Stamp::implicit()
        } else {
            m.modified.clone()
        },
    };
    theme
        .members
        .iter()
        .map(|(id, m)| (*id, written(m)))
        .collect()
}

/// Fills a record's left-out stamps once it is read.
pub(crate) fn resolve<R: Created>(record: &mut R) {
    let base = record.creation().unwrap_or_default();
    record.stamps_struct_mut().resolve(&base);
    record.after_read();
}
