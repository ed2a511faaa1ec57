//! Dot votes: how many votes the room gave an insight, counted per laptop.
//!
//! A vote is not a last-writer-wins field of the insight: two laptops
//! counting votes at once would each overwrite the other's total. Instead
//! each laptop keeps its own count in an entry named by its device (the name
//! its stamps carry), and only ever writes that entry. An entry is a small
//! register: in a merge, per device, the entry with the greater stamp wins
//! (on equal stamps, the greater count, so the choice is the same whichever
//! copy comes first). The total is the sum of the entries, so two laptops'
//! votes add up, and an undo on one laptop takes back only its own.
//!
//! The list is kept sorted by device, one entry per device, and left out of
//! the file when empty, so files without votes are byte for byte as before.

use super::Stamp;
use super::record::join_register;
use serde::de::{Deserializer, Error, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

/// The most votes one laptop may give one insight: far past any room's
/// dots, far below where a sum over every device could wrap.
pub const MAX_VOTES_PER_DEVICE: u32 = 1000;

/// The most laptops whose votes one insight may carry: a stranger's file
/// with thousands of entries is refused rather than summed on every frame.
pub const MAX_VOTING_DEVICES: usize = 100;

/// One laptop's votes on one insight.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Vote {
    /// The device that counted these votes (its stamps' device name).
    #[serde(deserialize_with = "super::limits::name")]
    pub device: String,
    /// How many votes that device gave, after its removals.
    #[serde(deserialize_with = "count")]
    pub count: u32,
    /// When that device last changed its count.
    pub modified: Stamp,
}

/// A device's count, refused over [`MAX_VOTES_PER_DEVICE`].
fn count<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let count = u32::deserialize(d)?;
    if count > MAX_VOTES_PER_DEVICE {
        return Err(D::Error::custom(format!(
            "{count} votes from one device, more than stb takes ({MAX_VOTES_PER_DEVICE})"
        )));
    }
    Ok(count)
}

/// An insight's votes, refused with more than [`MAX_VOTING_DEVICES`]
/// entries or with one device twice (which entry would count?). Read one
/// entry at a time, so the error points at the entry at fault.
pub(crate) fn votes<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Vote>, D::Error> {
    struct Entries;
    impl<'de> Visitor<'de> for Entries {
        type Value = Vec<Vote>;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a list of votes")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Vote>, A::Error> {
            let mut votes: Vec<Vote> = Vec::new();
            while let Some(vote) = seq.next_element::<Vote>()? {
                if votes.len() == MAX_VOTING_DEVICES {
                    return Err(A::Error::custom(format!(
                        "votes from more than {MAX_VOTING_DEVICES} devices on one insight"
                    )));
                }
                if votes.iter().any(|v| v.device == vote.device) {
                    return Err(A::Error::custom(format!(
                        "two vote entries for device {:?}",
                        vote.device
                    )));
                }
                votes.push(vote);
            }
            votes.sort_by(|a, b| a.device.cmp(&b.device));
            Ok(votes)
        }
    }
    d.deserialize_seq(Entries)
}

impl super::Insight {
    /// Every laptop's votes added up: what screens and exports show.
    pub fn total_votes(&self) -> u32 {
        total(&self.votes)
    }

    /// This laptop's own votes (`device`, the name its stamps carry).
    pub fn own_votes(&self, device: &str) -> u32 {
        count_of(&self.votes, device)
    }

    /// Where it ranks by votes, as the wrap-up and the report rank: most
    /// votes first, ties in the order they were captured.
    pub fn vote_rank(&self) -> impl Ord + use<> {
        (std::cmp::Reverse(self.total_votes()), self.created, self.id)
    }
}

/// The sum of every device's count.
pub fn total(votes: &[Vote]) -> u32 {
    votes.iter().fold(0, |sum, v| sum.saturating_add(v.count))
}

/// `device`'s own count.
pub fn count_of(votes: &[Vote], device: &str) -> u32 {
    votes
        .iter()
        .find(|v| v.device == device)
        .map_or(0, |v| v.count)
}

/// Sets the count of the device that made `stamp` (the only entry a laptop
/// writes); false if it already held `count`.
pub fn set_own(votes: &mut Vec<Vote>, count: u32, stamp: &Stamp) -> bool {
    let device = stamp.device();
    match votes.binary_search_by(|v| v.device.as_str().cmp(device)) {
        Ok(at) if votes[at].count == count => false,
        Ok(at) => {
            votes[at].count = count;
            votes[at].modified = stamp.clone();
            true
        }
        Err(at) => {
            votes.insert(
                at,
                Vote {
                    device: device.to_owned(),
                    count,
                    modified: stamp.clone(),
                },
            );
            true
        }
    }
}

/// Joins `other`'s entries into `votes`: per device, the entry with the
/// greater (stamp, count). A join, so merging is order-free; the result is
/// sorted by device with one entry each.
pub fn join(votes: &mut Vec<Vote>, other: &[Vote]) {
    votes.extend(other.iter().cloned());
    settle(votes);
}

/// Sorts entries by device and joins any device listed twice (a list put
/// together by hand or by [`join`]).
pub fn settle(votes: &mut Vec<Vote>) {
    votes.sort_by(|a, b| a.device.cmp(&b.device));
    // `dedup_by` hands the later entry first and the kept one second.
    votes.dedup_by(|later, kept| {
        let same = later.device == kept.device;
        if same {
            join_register(
                &mut kept.count,
                &mut kept.modified,
                &later.count,
                &later.modified,
            );
        }
        same
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::Timestamp;

    fn stamp(second: i64, device: &str) -> Stamp {
        Stamp(Timestamp::from_second(second).unwrap(), 0, device.into())
    }

    #[test]
    fn each_laptop_writes_its_own_entry_and_the_total_adds_them() {
        let mut votes = Vec::new();
        assert!(set_own(&mut votes, 2, &stamp(1, "b-laptop")));
        assert!(set_own(&mut votes, 3, &stamp(2, "a-laptop")));
        assert!(!set_own(&mut votes, 3, &stamp(3, "a-laptop")), "no change");
        assert_eq!(total(&votes), 5);
        assert_eq!(count_of(&votes, "b-laptop"), 2);
        let devices: Vec<&str> = votes.iter().map(|v| v.device.as_str()).collect();
        assert_eq!(devices, ["a-laptop", "b-laptop"], "sorted by device");
    }

    #[test]
    fn a_merge_keeps_each_devices_later_count() {
        let mut mine = Vec::new();
        set_own(&mut mine, 4, &stamp(1, "a"));
        let mut theirs = mine.clone();
        set_own(&mut theirs, 1, &stamp(2, "a"));
        set_own(&mut theirs, 2, &stamp(2, "b"));
        let mut other_way = theirs.clone();
        join(&mut mine, &theirs);
        join(&mut other_way, &mine);
        assert_eq!(mine, other_way);
        assert_eq!(total(&mine), 3, "a's undo to 1 wins, b's 2 adds");
    }

    #[test]
    fn a_file_with_too_many_votes_or_a_device_twice_is_refused_where_it_says_so() {
        #[derive(Debug, Deserialize)]
        struct Holder {
            #[serde(deserialize_with = "votes")]
            #[allow(dead_code)]
            votes: Vec<Vote>,
        }
        let entry = |device: &str, count: u32| {
            format!(
                "(device: {device:?}, count: {count}, modified: (\"2026-01-01T00:00:00Z\", 0, {device:?}))"
            )
        };
        let huge = format!("(votes: [\n{}])", entry("a", 1001));
        let error = ron::from_str::<Holder>(&huge).unwrap_err();
        assert_eq!(error.span.start.line, 2, "{error}");
        assert!(error.to_string().contains("1001 votes"), "{error}");
        let twice = format!("(votes: [{}, {}])", entry("a", 1), entry("a", 2));
        let error = ron::from_str::<Holder>(&twice).unwrap_err();
        assert!(error.to_string().contains("two vote entries"), "{error}");
        let many: Vec<String> = (0..=MAX_VOTING_DEVICES)
            .map(|n| entry(&format!("d{n}"), 1))
            .collect();
        let crowd = format!("(votes: [{}])", many.join(", "));
        let error = ron::from_str::<Holder>(&crowd).unwrap_err();
        assert!(
            error.to_string().contains("more than 100 devices"),
            "{error}"
        );
    }
}
