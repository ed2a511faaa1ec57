//! Every record of every copy once, in id order, joined: the heart of a
//! merge, so it is kept linear in the copies and in their size.

use crate::model::record::Met;
use ulid::Ulid;

/// Every record of `lists` once, in id order, each joined in place with
/// every later record under its id, in the order given (list by list, each
/// list in its order); only the first of each is cloned.
///
/// Every list a merge meets is in id order (a loaded file is normalised, a
/// merge writes one). Then the lists are read one after another, each
/// beside the sorted union of ids: a copy's records are read in the order
/// they lie in memory, and the merged records stay in the cache. Reading
/// them id by id instead (the union's first form, a sort of every record)
/// jumped between copies at each step: at 100 copies of 1,000 insights
/// (50 MB of records) that was a cache miss a record, and the merge step
/// grew 30× for 10× the copies. A list out of order, or with an id twice,
/// is sorted as before.
///
/// The join says what it met (see [`Met`]); beside each merged record comes
/// what every join into it met. The copies of a record no join found tied
/// cannot tie on any field, so noting ties passes over it without
/// comparing its texts again (at 100,000 insights those comparisons were a
/// fifth of the merge past parsing; at 100 copies each editing its own 1%,
/// a third of the merge step).
pub(crate) fn union_agreed<T: Clone>(
    lists: &[&[T]],
    id: impl Fn(&T) -> Ulid,
    join: impl Fn(&mut T, &T) -> Met,
) -> (Vec<T>, Vec<Met>) {
    let in_order = |list: &[T]| list.windows(2).all(|w| id(&w[0]) < id(&w[1]));
    if !lists.iter().all(|list| in_order(list)) {
        return sorted(lists, id, join);
    }
    // The union of ids: each list is a sorted run, which the stable sort
    // finds and merges.
    let mut ids: Vec<Ulid> = lists.iter().flat_map(|l| l.iter().map(&id)).collect();
    ids.sort();
    ids.dedup();
    let mut slots: Vec<Option<T>> = Vec::new();
    slots.resize_with(ids.len(), || None);
    let mut met = vec![Met::ALIKE; ids.len()];
    for list in lists {
        let mut at = 0;
        for record in *list {
            let key = id(record);
            while ids[at] < key {
                at += 1;
            }
            match &mut slots[at] {
                Some(out) => met[at] = met[at].and(join(out, record)),
                slot => *slot = Some(record.clone()),
            }
        }
    }
    let merged = slots.into_iter().flatten().collect();
    (merged, met)
}

/// [`union_agreed`] over lists not all in id order: the records sorted by
/// id (stable, so in the order given within an id), then joined.
fn sorted<T: Clone>(
    lists: &[&[T]],
    id: impl Fn(&T) -> Ulid,
    join: impl Fn(&mut T, &T) -> Met,
) -> (Vec<T>, Vec<Met>) {
    let records = lists.iter().flat_map(|list| list.iter());
    let mut refs: Vec<(Ulid, &T)> = records.map(|r| (id(r), r)).collect();
    refs.sort_by_key(|(id, _)| *id);
    let mut merged: Vec<T> = Vec::with_capacity(refs.len());
    let mut met: Vec<Met> = Vec::with_capacity(refs.len());
    for (_, record) in refs {
        match (merged.last_mut(), met.last_mut()) {
            (Some(last), Some(seen)) if id(last) == id(record) => {
                *seen = seen.and(join(last, record))
            }
            _ => {
                merged.push(record.clone());
                met.push(Met::ALIKE);
            }
        }
    }
    (merged, met)
}

/// [`union_agreed`]'s records alone, for the tests that hold it to a
/// reference union.
#[cfg(test)]
pub(crate) fn union_refs<T: Clone, R>(
    lists: &[&[T]],
    id: impl Fn(&T) -> Ulid,
    join: impl Fn(&mut T, &T) -> R,
) -> Vec<T> {
    union_agreed(lists, id, |out, b| {
        join(out, b);
        Met::ALIKE
    })
    .0
}

/// As [`union_agreed`], in place over an owned list: nothing is cloned.
pub(crate) fn union_owned<T, R>(
    records: &mut Vec<T>,
    id: impl Fn(&T) -> Ulid,
    join: impl Fn(&mut T, &T) -> R,
) {
    records.sort_by_key(&id);
    // `dedup_by` hands the later record first and the kept one second.
    records.dedup_by(|later, kept| {
        let same = id(later) == id(kept);
        if same {
            join(kept, later);
        }
        same
    });
}
