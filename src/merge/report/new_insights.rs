//! How many live insights each input brought that no other input had.

use crate::model::Session;

/// For each input, its live insights whose id no other input holds (an
/// input holding one id twice still counts both). A tombstone is not new.
///
/// Every id of every input, with its input, sorted once: each input's
/// lists are in id order already, so the stable sort merges a few sorted
/// runs. A hash map of 200,000 ids cost a third of the report at 100,000
/// insights, each insert and lookup a likely cache miss.
pub(super) fn new_insights(inputs: &[Vec<Session>]) -> Vec<usize> {
    let ids: Vec<Entry> = inputs
        .iter()
        .enumerate()
        .flat_map(|(n, input)| {
            let insights = input.iter().flat_map(|s| &s.insights);
            insights.map(move |i| (i.id, n, !i.deleted))
        })
        .collect();
    count(ids, inputs.len())
}

/// An insight: its id, its input, whether it is live.
type Entry = (ulid::Ulid, usize, bool);

fn count(mut ids: Vec<Entry>, inputs: usize) -> Vec<usize> {
    ids.sort_by_key(|&(id, n, _)| (id, n));
    let mut new = vec![0; inputs];
    for group in ids.chunk_by(|a, b| a.0 == b.0) {
        let (first, last) = (group[0].1, group[group.len() - 1].1);
        if first == last {
            new[first] += group.iter().filter(|(_, _, live)| *live).count();
        }
    }
    new
}

#[cfg(test)]
mod tests {
    use super::{Entry, count};
    use proptest::prelude::*;
    use std::collections::HashMap;

    /// What the report counted before: a map of each id's one input.
    fn by_map(ids: &[Entry], inputs: usize) -> Vec<usize> {
        let mut seen: HashMap<ulid::Ulid, Option<usize>> = HashMap::new();
        for &(id, n, _) in ids {
            let only = seen.entry(id).or_insert(Some(n));
            if *only != Some(n) {
                *only = None;
            }
        }
        (0..inputs)
            .map(|n| {
                let mine = ids.iter().filter(|(_, m, live)| *m == n && *live);
                mine.filter(|(id, _, _)| seen[id] == Some(n)).count()
            })
            .collect()
    }

    proptest! {
        /// Ids shared or not, repeated within an input, live or deleted,
        /// in any order: the same counts as the map gave.
        #[test]
        fn the_sorted_count_is_the_maps(
            ids in prop::collection::vec((0u128..12, 0usize..3, any::<bool>()), 0..40),
        ) {
            let ids: Vec<Entry> = ids.into_iter().map(|(id, n, l)| (ulid::Ulid(id), n, l)).collect();
            prop_assert_eq!(count(ids.clone(), 3), by_map(&ids, 3));
        }
    }
}
