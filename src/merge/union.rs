//! Every record of every copy once, in id order, joined: the heart of a
//! merge, so it is kept linear in the copies and in their size.

use crate::model::record::Met;
use ulid::Ulid;

/// Whether `list` is in id order with no id twice: what [`join_into`] needs.
pub(super) fn in_order<T>(list: &[T], id: impl Fn(&T) -> Ulid) -> bool {
    list.windows(2).all(|w| id(&w[0]) < id(&w[1]))
}

/// Every record of `lists` once, in id order, each joined in place with
/// every later record under its id, in the order given (list by list, each
/// list in its order); only the first of each is cloned.
///
/// Every list a merge meets is in id order (a loaded file is normalised, a
/// merge writes one). Then the first list is cloned and each other list is
/// read beside it, one after another, its records joined into their twins;
/// the records the first list lacks are gathered and joined among
/// themselves by a sort, then placed among the rest by id. A copy's records
/// are read in the order they lie in memory, and the merged ones stay in
/// the cache. Reading them id by id instead (the union's first form, a sort
/// of every record) jumped between copies at each step: at 100 copies of
/// 1,000 insights (50 MB of records) that was a cache miss a record, and
/// the merge step grew 30× for 10× the copies. A list out of order, or with
/// an id twice, is sorted as before.
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
    let all_in_order = lists.iter().all(|list| in_order(list, &id));
    let (Some((first, rest)), true) = (lists.split_first(), all_in_order) else {
        return sorted(
            lists.iter().flat_map(|list| list.iter()).collect(),
            id,
            join,
        );
    };
    join_into(first.to_vec(), rest, id, join)
}

/// `merged` (in id order, one record an id) with each of `rest` (the same)
/// joined in as it is read, list after list; the records `merged` lacks
/// are gathered, joined among themselves by [`sorted`] and placed among the
/// rest by id. A merge that owns its first copy passes that copy itself.
pub(super) fn join_into<T: Clone>(
    mut merged: Vec<T>,
    rest: &[&[T]],
    id: impl Fn(&T) -> Ulid,
    mut join: impl FnMut(&mut T, &T) -> Met,
) -> (Vec<T>, Vec<Met>) {
    let mut met = vec![Met::ALIKE; merged.len()];
    let mut lacking: Vec<&T> = Vec::new();
    for list in rest {
        let mut at = 0;
        for record in *list {
            let key = id(record);
            while merged.get(at).is_some_and(|m| id(m) < key) {
                at += 1;
            }
            match merged.get_mut(at) {
                Some(twin) if id(twin) == key => met[at] = met[at].and(join(twin, record)),
                _ => lacking.push(record),
            }
        }
    }
    if lacking.is_empty() {
        return (merged, met);
    }
    let (others, others_met) = sorted(lacking, &id, join);
    interleave((merged, met), (others, others_met), id)
}

/// Records by id (stable, so in the order given within an id), each joined
/// into the first of its id.
fn sorted<T: Clone>(
    records: Vec<&T>,
    id: impl Fn(&T) -> Ulid,
    mut join: impl FnMut(&mut T, &T) -> Met,
) -> (Vec<T>, Vec<Met>) {
    // Each id beside its record: sorting then compares ids in one array
    // instead of reaching into records spread over every copy.
    let mut refs: Vec<(Ulid, &T)> = records.into_iter().map(|r| (id(r), r)).collect();
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

/// Two lists in id order with no id in both, each record with its flag, as
/// one in id order. When the second starts after the first ends (the usual
/// case: a copy's new records are its newest) it is appended; otherwise
/// both move into a new list.
fn interleave<T, F>(
    (mut mine, mut flags): (Vec<T>, Vec<F>),
    (theirs, their_flags): (Vec<T>, Vec<F>),
    id: impl Fn(&T) -> Ulid,
) -> (Vec<T>, Vec<F>) {
    let after = match (mine.last(), theirs.first()) {
        (Some(last), Some(first)) => id(last) < id(first),
        _ => true,
    };
    if after {
        mine.extend(theirs);
        flags.extend(their_flags);
        return (mine, flags);
    }
    let total = mine.len() + theirs.len();
    let (mut records, mut all_flags) = (Vec::with_capacity(total), Vec::with_capacity(total));
    let mut rest = theirs.into_iter().zip(their_flags).peekable();
    for (record, flag) in mine.into_iter().zip(flags) {
        while let Some((earlier, f)) = rest.next_if(|(t, _)| id(t) < id(&record)) {
            records.push(earlier);
            all_flags.push(f);
        }
        records.push(record);
        all_flags.push(flag);
    }
    for (record, flag) in rest {
        records.push(record);
        all_flags.push(flag);
    }
    (records, all_flags)
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
