//! Conflicts kept as data: a field the stamps could not settle, with every
//! value it was given, until someone chooses one.
//!
//! Two copies can hold different values of one field under one stamp (a
//! hand edit with no base to tell which copy changed it). The merge still
//! has to write one value, and takes the greater, so the result is the same
//! whichever copy comes first; but that choice is arbitrary, and a report
//! line that scrolls away is easy to miss. So the merged file keeps an
//! [`OpenConflict`] beside the record, naming the field, the tied stamp and
//! every value (as RON, so a value can be chosen back), the way jj keeps a
//! conflicted `Merge<T>` in the tree until `jj resolve`.
//!
//! A conflict is closed by any newer stamp on its field: choosing a value is
//! an ordinary stamped edit, and because stamps only grow under merge, a
//! merge with a copy from before the choice cannot reopen it.
//! [`Session::settle_conflicts`] drops closed conflicts and joins those of
//! one (record, field, stamp), so conflicts union like every other part of
//! a merge (commutative, associative, idempotent).

use super::{Session, Stamp, Stamped};
use serde::{Deserialize, Serialize};
use ulid::Ulid;

/// A field whose values tied under one stamp, kept until one is chosen.
#[derive(
    Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct OpenConflict {
    /// The insight, participant or theme whose field it is.
    #[schemars(with = "String")]
    pub record: Ulid,
    /// The field's name, as the record declares it.
    pub field: String,
    /// The stamp every value was written under.
    pub stamp: Stamp,
    /// Every value, in its RON form, sorted and each once.
    pub values: Vec<String>,
}

impl Session {
    /// The stamp of `field` of the record `record`, whichever kind of
    /// record it is; None if there is no such record or field.
    pub fn field_stamp(&self, record: Ulid, field: &str) -> Option<&Stamp> {
        if record == self.id {
            // The details are stamped together.
            return Session::DETAILS.contains(&field).then_some(&self.modified);
        }
        if let Some(i) = self.insight(record) {
            return i.field_stamp(field);
        }
        if let Some(p) = self.participant(record) {
            return p.field_stamp(field);
        }
        let t = self.themes.iter().find(|t| t.id == record)?;
        t.field_stamp(field)
    }

    /// The conflicts not yet closed by a newer stamp on their field.
    pub fn open_conflicts(&self) -> impl Iterator<Item = &OpenConflict> {
        self.conflicts
            .iter()
            .filter(|c| c.values.len() > 1 && self.is_open(c))
    }

    /// The open conflicts on one record's fields.
    pub fn conflicts_of(&self, record: Ulid) -> impl Iterator<Item = &OpenConflict> {
        self.open_conflicts().filter(move |c| c.record == record)
    }

    /// One conflict as a person reads it: what record, which field, every
    /// value, e.g. `insight “Food hub” · text: "AGREED" / "agreed"`.
    pub fn describe_conflict(&self, conflict: &OpenConflict) -> String {
        let record = if conflict.record == self.id {
            "session details".to_owned()
        } else if let Some(i) = self.insight(conflict.record) {
            format!("insight “{}”", i.text)
        } else if let Some(p) = self.participant(conflict.record) {
            format!("participant “{}”", p.name)
        } else if let Some(t) = self.themes.iter().find(|t| t.id == conflict.record) {
            format!("theme “{}”", t.name)
        } else {
            format!("record {}", conflict.record)
        };
        format!(
            "{record} · {}: {}",
            conflict.field,
            conflict.values.join(" / ")
        )
    }

    /// What an export appends to a record with open conflicts, e.g.
    /// ` ⚠ open conflict: text`; empty for a record without.
    pub fn conflict_note(&self, record: Ulid) -> String {
        let fields: Vec<&str> = self
            .conflicts_of(record)
            .map(|c| c.field.as_str())
            .collect();
        if fields.is_empty() {
            String::new()
        } else {
            format!(" ⚠ open conflict: {}", fields.join(", "))
        }
    }

    fn is_open(&self, conflict: &OpenConflict) -> bool {
        self.field_stamp(conflict.record, &conflict.field)
            .is_some_and(|now| *now <= conflict.stamp)
    }

    /// One conflict per (record, field, stamp) with every value any copy
    /// gave it, in order; closed ones (a newer stamp on the field, or no
    /// such field any more) dropped.
    pub fn settle_conflicts(&mut self) {
        let mut all = std::mem::take(&mut self.conflicts);
        for c in &mut all {
            c.values.sort();
            c.values.dedup();
        }
        all.sort();
        let mut settled: Vec<OpenConflict> = Vec::new();
        for c in all {
            match settled.last_mut() {
                Some(last)
                    if (last.record, &last.field, &last.stamp)
                        == (c.record, &c.field, &c.stamp) =>
                {
                    last.values.extend(c.values);
                    last.values.sort();
                    last.values.dedup();
                }
                _ => settled.push(c),
            }
        }
        settled.retain(|c| c.values.len() > 1 && self.is_open(c));
        self.conflicts = settled;
    }
}

/// Records in `conflicts` every detail (title to stage) on which `copy`
/// ties with the merged session under one stamp with another value: a
/// different title under one session id is not silently replaced.
pub(crate) fn note_detail_ties(
    conflicts: &mut Vec<OpenConflict>,
    merged: &Session,
    copy: &Session,
) {
    if copy.modified != merged.modified {
        return;
    }
    for ((field, mine), (_, theirs)) in copy.details_ron().into_iter().zip(merged.details_ron()) {
        if mine != theirs {
            conflicts.push(OpenConflict {
                record: merged.id,
                field: field.to_owned(),
                stamp: merged.modified.clone(),
                values: vec![mine, theirs],
            });
        }
    }
}

/// Records in `conflicts` every field on which a record of `copy` ties with
/// the merged record (`merged`, in id order) under one stamp with another
/// value. Run for every copy, this names every value of the tied stamp.
///
/// Both lists are in id order, so one cursor walks `merged` beside `copy`
/// (a binary search for each record cost a cache miss a step at 100,000
/// insights); a record out of order (a hand edit) is searched for.
#[cfg(test)]
pub(crate) fn note_ties<T: Stamped>(conflicts: &mut Vec<OpenConflict>, merged: &[T], copy: &[T]) {
    note_ties_among(conflicts, merged, &[], copy);
}

/// As [`note_ties`], passing over each merged record whose flag in
/// `untied` is set: no join of its copies met a field's stamp with two
/// values, so none of them can tie with it (`model::record::Met`).
pub(crate) fn note_ties_among<T: Stamped>(
    conflicts: &mut Vec<OpenConflict>,
    merged: &[T],
    untied: &[bool],
    copy: &[T],
) {
    let mut cursor = 0;
    for record in copy {
        let id = record.id();
        while merged.get(cursor).is_some_and(|m| m.id() < id) {
            cursor += 1;
        }
        let at = match merged.get(cursor) {
            Some(m) if m.id() == id => cursor,
            _ => match merged.binary_search_by_key(&id, Stamped::id) {
                Ok(at) => at,
                Err(_) => continue,
            },
        };
        if untied.get(at) == Some(&true) {
            continue;
        }
        for (field, mine, theirs, stamp) in record.tied_fields(&merged[at]) {
            conflicts.push(OpenConflict {
                record: record.id(),
                field: field.to_owned(),
                stamp,
                values: vec![mine, theirs],
            });
        }
    }
}
