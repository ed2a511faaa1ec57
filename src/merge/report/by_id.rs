//! Looking records up by id in one copy's list, for the report.

use crate::model::Stamped;
use std::collections::HashMap;
use ulid::Ulid;

/// One copy's list of records, to look ids up in: by binary search when
/// it is in id order (as every loaded or merged list is), else through a
/// map built once. Falling back to a scan for each id a copy lacks made the
/// report quadratic: every insight one side added was scanned for in the
/// other side and the ancestor.
pub(super) struct ById<'a, R> {
    records: &'a [R],
    unsorted: Option<HashMap<Ulid, &'a R>>,
}

impl<'a, R: Stamped> ById<'a, R> {
    pub(super) fn new(records: &'a [R]) -> Self {
        let unsorted = (!records.is_sorted_by_key(|r| r.id())).then(|| {
            let mut map = HashMap::with_capacity(records.len());
            for record in records {
                map.entry(record.id()).or_insert(record);
            }
            map
        });
        ById { records, unsorted }
    }

    pub(super) fn get(&self, id: Ulid) -> Option<&'a R> {
        match &self.unsorted {
            Some(map) => map.get(&id).copied(),
            None => (self.records.binary_search_by_key(&id, |r| r.id()).ok())
                .map(|at| &self.records[at]),
        }
    }
}
