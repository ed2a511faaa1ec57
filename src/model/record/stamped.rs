//! What every stamped record offers the merge, its report and the journal,
//! and the register join each field uses (see `stamped_record!`).

use crate::model::Stamp;
use ulid::Ulid;

/// A record made of last-writer-wins fields, each with its own stamp.
///
/// What the merge and its report need, derived by [`stamped_record!`] so no
/// field can be left out of either.
pub trait Stamped: Clone {
    /// The stamped fields' names, in declaration order.
    const FIELDS: &'static [&'static str];

    /// The id made once, when the record was created.
    fn id(&self) -> Ulid;

    /// Every field's stamp, in declaration order.
    fn stamps(&self) -> Vec<&Stamp>;

    /// The newest of its field stamps: when it was last written. Allocates
    /// nothing, since finding a session's newest stamp (for the clock, at
    /// every open and merge) runs it over every record.
    fn newest(&self) -> &Stamp;

    /// Whether any field was written after `since`. Allocates nothing: a
    /// save runs it over every record (see `merge::journal`).
    fn written_after(&self, since: &Stamp) -> bool;

    /// Joins `other` in, field by field: each field keeps the value with the
    /// greater stamp, or on equal stamps the greater value, so the result is
    /// the same whichever record comes first. Says whether `other` held the
    /// same stamp and value in every field, and whether in some field it held
    /// the same stamp with another value.
    fn join_fields(&mut self, other: &Self) -> Met;

    /// Each field's value as the merge report shows it (its debug form, in
    /// full) and its stamp, in declaration order.
    fn field_values(&self) -> Vec<(&'static str, String, &Stamp)>;

    /// Gives `stamp` to every field whose value differs from `base`'s while
    /// its stamp does not: an edit made without stamping it (a person in an
    /// editor, a script), which must win over copies that did not change the
    /// field. Returns how many fields it stamped; with no stamp, it only
    /// counts them (see `merge::hand_edits`: the stamp costs a walk over
    /// every record, and most merges have no hand edit to give it to).
    fn restamp_edits(&mut self, base: &Self, stamp: Option<&Stamp>) -> usize;

    /// The fields this record and `other` hold under one stamp with
    /// different values: `(field, this value, other value, the stamp)`, each
    /// value in its RON form so that a person can choose it back. These are
    /// what a merge keeps as open conflicts (see `model::conflict`).
    fn tied_fields(&self, other: &Self) -> Vec<(&'static str, String, String, Stamp)>;

    /// Whether `other` holds the same value in every stamped field (stamps
    /// aside): copies that agree so cannot conflict, and the merge report
    /// passes them over without writing out any value.
    fn same_values(&self, other: &Self) -> bool;

    /// Whether `other` holds the same stamp and value in every stamped
    /// field: what [`join_fields`](Self::join_fields) reports, without
    /// joining, so a merge can tell first whether a record will change.
    fn same_fields(&self, other: &Self) -> bool;

    /// The stamp of the field named `field`, if the record has one.
    fn field_stamp(&self, field: &str) -> Option<&Stamp> {
        let at = Self::FIELDS.iter().position(|f| *f == field)?;
        self.stamps().get(at).copied()
    }
}

/// A value's RON form, as a conflict keeps it; the debug form if RON cannot
/// write it (it always can for the types records hold).
pub(crate) fn ron_form<T: serde::Serialize + std::fmt::Debug>(value: &T) -> String {
    ron::to_string(value).unwrap_or_else(|_| format!("{value:?}"))
}

/// What joining a record with its twins found, over every field.
///
/// A merge that saw every twin alike knows, without comparing again, that
/// the copies cannot tie on the record; one that saw no field's stamps equal
/// with different values knows the same, since a tie with the merged value
/// (its stamp, another value) meets that value, or its stamp's winner, in
/// some join. At 100 copies each editing its own 1% that spared a
/// comparison of every copy of every edited record (see `merge::union_agreed`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Met {
    /// Every twin held the same stamp and value in every field.
    pub alike: bool,
    /// Some twin held a field's stamp with another value.
    pub tied: bool,
}

impl Met {
    pub const ALIKE: Met = Met {
        alike: true,
        tied: false,
    };

    /// Both findings: alike if both were, tied if either was.
    pub fn and(self, other: Met) -> Met {
        Met {
            alike: self.alike && other.alike,
            tied: self.tied || other.tied,
        }
    }
}

/// A last-writer-wins register: the value with the greater stamp, or on
/// equal stamps the greater value. Replaces `value` and `stamp` with the
/// winner's, and says what it met (see [`Met`]).
pub(crate) fn join_register<T: Ord + Clone>(
    value: &mut T,
    stamp: &mut Stamp,
    other: &T,
    other_stamp: &Stamp,
) -> Met {
    let (replace, met) = match other_stamp.cmp(stamp) {
        std::cmp::Ordering::Equal => match other.cmp(value) {
            std::cmp::Ordering::Equal => (false, Met::ALIKE),
            order => (
                order.is_gt(),
                Met {
                    alike: false,
                    tied: true,
                },
            ),
        },
        order => (
            order.is_gt(),
            Met {
                alike: false,
                tied: false,
            },
        ),
    };
    if replace {
        *value = other.clone();
        *stamp = other_stamp.clone();
    }
    met
}
