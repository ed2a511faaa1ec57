//! Looking records up by id in one list: the merge, its report and
//! hand-edit stamping each walk one list of records and look every id up in
//! another copy's list.

use std::cell::Cell;
use std::collections::HashMap;
use ulid::Ulid;

/// One list of records, to look ids up in. Every loaded or merged list is
/// in id order, and the lists looked up in are walked in id order too, so a
/// lookup first tries where the last one left off: at 100,000 insights a
/// binary search (17 probes, each a likely cache miss) or a hash map (one
/// miss for its bucket, one for the record, and the map to build) cost more
/// than the work done with the record found. A list out of order (a file
/// edited by hand and not yet normalised) gets a map built once; falling
/// back to a scan for each id made the report quadratic.
pub(crate) struct ById<'a, R> {
    records: &'a [R],
    id: fn(&R) -> Ulid,
    /// Where the next lookup in a sorted list starts looking.
    next: Cell<usize>,
    unsorted: Option<HashMap<Ulid, &'a R>>,
}

impl<'a, R> ById<'a, R> {
    pub(crate) fn new(records: &'a [R], id: fn(&R) -> Ulid) -> Self {
        let unsorted = (!records.is_sorted_by_key(id)).then(|| {
            let mut map = HashMap::with_capacity(records.len());
            for record in records {
                map.entry(id(record)).or_insert(record);
            }
            map
        });
        ById {
            records,
            id,
            next: Cell::new(0),
            unsorted,
        }
    }

    /// The first record with `id`, if the list has one.
    pub(crate) fn get(&self, id: Ulid) -> Option<&'a R> {
        if let Some(map) = &self.unsorted {
            return map.get(&id).copied();
        }
        let key = self.id;
        let next = self.next.get();
        // The walk's next record, or the one after it (the other list
        // lacked one): no search at all.
        for at in next..(next + 2).min(self.records.len()) {
            let here = key(&self.records[at]);
            // (Unless a duplicate before it is the first: a hand edit.)
            if here == id && (at == 0 || key(&self.records[at - 1]) != id) {
                return self.found(at);
            }
            if here > id {
                break;
            }
        }
        // The first record not less than `id`, so a duplicate id (a hand
        // edit) finds the first, as a map would.
        let at = self.records.partition_point(|r| key(r) < id);
        self.next.set(at);
        match self.records.get(at) {
            Some(record) if key(record) == id => self.found(at),
            _ => None,
        }
    }

    fn found(&self, at: usize) -> Option<&'a R> {
        self.next.set(at + 1);
        Some(&self.records[at])
    }
}

#[cfg(test)]
mod tests {
    use super::ById;
    use proptest::prelude::*;
    use ulid::Ulid;

    fn id(n: &u128) -> Ulid {
        Ulid(*n)
    }

    proptest! {
        /// Whatever the order of the list and of the lookups, a lookup
        /// finds what a scan finds: the first record with the id.
        #[test]
        fn a_lookup_finds_what_a_scan_finds(
            mut list in prop::collection::vec(0u128..40, 0..30),
            sorted in any::<bool>(),
            asked in prop::collection::vec(0u128..45, 0..60),
            in_order in any::<bool>(),
        ) {
            if sorted {
                list.sort();
            }
            let mut asked = asked;
            if in_order {
                asked.sort();
            }
            let lookup = ById::new(&list, id);
            for n in asked {
                let scan = list.iter().position(|r| *r == n);
                let found = lookup.get(Ulid(n)).map(|r| r as *const u128);
                prop_assert_eq!(found, scan.map(|at| &list[at] as *const u128));
            }
        }
    }
}
