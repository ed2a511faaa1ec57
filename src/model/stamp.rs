//! Per-field edit stamps and the clock that issues them.
//!
//! Two laptops capture the same workshop offline and their copies meet later.
//! Every mutable field carries a [`Stamp`] so that a merge can keep, field by
//! field, the value written last: a last-writer-wins register. Wall clocks on
//! laptops disagree and sometimes jump back, so stamps come from a hybrid
//! logical clock ([`StampClock`]) that never runs backwards and stays near real
//! time. Stamps order by time, then counter, then device name, which gives a
//! total, deterministic order with no ties between devices.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// When and where a field was last written: `(time, counter, device)`.
///
/// Serialised as a RON tuple, e.g. `("2026-11-22T10:04:31.120Z", 0, "ann-laptop")`,
/// so a person reading the file sees who changed what and when.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Stamp(
    pub Timestamp,
    pub u32,
    #[schemars(with = "String")] pub Device,
);

/// A device name, shared by the stamps that carry it. One pointer wide (an
/// `Arc<str>` is two), so a stamp takes 32 bytes, not 40: an insight
/// carries eleven, and at 10,000 insights that is 0.9 MB of the heap.
///
/// The empty name is no allocation at all (`None`): every stamp a file
/// leaves out starts as the implicit stamp, whose device is empty, before
/// the record's creation fills it in, so reading an insight made and
/// dropped eight of them. Whether the compiler saw through that decided
/// how well two threads read files side by side (review's opening of 50
/// workshops took 37 or 45 ms by the build). A name is never `Some("")`,
/// so comparing, ordering and hashing as derived agree with the names'.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Device(Option<std::sync::Arc<String>>);

impl Device {
    /// Whether both are the one name shared, not just equal names.
    pub fn ptr_eq(a: &Device, b: &Device) -> bool {
        match (&a.0, &b.0) {
            (Some(a), Some(b)) => std::sync::Arc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        }
    }
}

impl std::ops::Deref for Device {
    type Target = str;
    fn deref(&self) -> &str {
        self.0.as_deref().map_or("", String::as_str)
    }
}

impl std::fmt::Debug for Device {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&**self, f)
    }
}

impl std::fmt::Display for Device {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self)
    }
}

impl From<String> for Device {
    fn from(name: String) -> Self {
        Device((!name.is_empty()).then(|| std::sync::Arc::new(name)))
    }
}

impl From<&str> for Device {
    fn from(name: &str) -> Self {
        if name.is_empty() {
            return Device(None);
        }
        name.to_owned().into()
    }
}

impl Serialize for Device {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self)
    }
}

impl<'de> Deserialize<'de> for Device {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Device::from)
    }
}

impl Ord for Stamp {
    /// Time, then counter, then device name, as the fields come; a device
    /// name shared by both stamps (most stamps of a file share a handful)
    /// compares equal without reading it.
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0
            .cmp(&other.0)
            .then(self.1.cmp(&other.1))
            .then_with(|| {
                if Device::ptr_eq(&self.2, &other.2) {
                    std::cmp::Ordering::Equal
                } else {
                    self.2.cmp(&other.2)
                }
            })
    }
}

impl PartialOrd for Stamp {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Default for Stamp {
    /// The stamp of a value nobody has edited: older than any real edit.
    fn default() -> Self {
        Stamp(Timestamp::UNIX_EPOCH, 0, "".into())
    }
}

impl Stamp {
    /// The wall-clock time of the edit.
    pub fn time(&self) -> Timestamp {
        self.0
    }

    /// The device (or person) that made the edit.
    pub fn device(&self) -> &str {
        &self.2
    }

    /// Stands for a stamp the file left out, between reading a record and
    /// resolving it to the stamp it stands for (see `model::compact`); never
    /// seen outside that. No real stamp has this time and counter.
    pub(crate) fn implicit() -> Stamp {
        Stamp(Timestamp::MIN, u32::MAX, Device::default())
    }

    /// Whether this is [`Stamp::implicit`].
    pub(crate) fn is_implicit(&self) -> bool {
        self.1 == u32::MAX && self.0 == Timestamp::MIN && self.2.is_empty()
    }
}

/// A source of wall-clock time, injectable so timers and stamps can be tested.
pub trait Clock {
    /// The current wall-clock time.
    fn now(&self) -> Timestamp;
}

/// The real system clock.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp::now()
    }
}

/// A hybrid logical clock: issues stamps that are strictly increasing on this
/// device, even if the wall clock steps back, and that follow any later stamp
/// it has seen in a loaded file.
#[derive(Clone, Debug)]
pub struct StampClock {
    device: Device,
    last: Stamp,
}

impl StampClock {
    /// A clock for `device`, the name written into every stamp and insight.
    pub fn new(device: impl Into<String>) -> Self {
        let device: Device = device.into().into();
        StampClock {
            last: Stamp(Timestamp::UNIX_EPOCH, 0, device.clone()),
            device,
        }
    }

    /// The device name stamps are issued for.
    pub fn device(&self) -> &str {
        &self.device
    }

    /// Makes later stamps sort after `seen`, so an edit made here after
    /// loading a file always wins over what the file already held.
    pub fn observe(&mut self, seen: &Stamp) {
        if seen.0 > self.last.0 || (seen.0 == self.last.0 && seen.1 > self.last.1) {
            self.last = Stamp(seen.0, seen.1, self.device.clone());
        }
    }

    /// A new stamp at wall time `now` (or just after the last one issued).
    pub fn stamp_at(&mut self, now: Timestamp) -> Stamp {
        let next = self.next_at(now);
        self.last = next.clone();
        next
    }

    /// The stamp [`StampClock::stamp_at`] would give at `now`, without
    /// giving it: for what is drawn ahead of the change that will take it.
    pub fn next_at(&self, now: Timestamp) -> Stamp {
        if now > self.last.0 {
            Stamp(now, 0, self.device.clone())
        } else {
            Stamp(self.last.0, self.last.1 + 1, self.device.clone())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(secs: i64) -> Timestamp {
        Timestamp::from_second(secs).unwrap()
    }

    #[test]
    fn stamps_increase_even_when_the_wall_clock_steps_back() {
        let mut clock = StampClock::new("laptop");
        let a = clock.stamp_at(at(100));
        let b = clock.stamp_at(at(50));
        let c = clock.stamp_at(at(100));
        assert!(a < b && b < c, "{a:?} {b:?} {c:?}");
        assert_eq!(b.time(), at(100));
    }

    #[test]
    fn observing_a_later_stamp_moves_the_clock_past_it() {
        let mut clock = StampClock::new("a");
        clock.observe(&Stamp(at(500), 3, "b".into()));
        let next = clock.stamp_at(at(10));
        assert!(next > Stamp(at(500), 3, "b".into()));
        assert_eq!(next.device(), "a");
    }

    #[test]
    fn device_name_breaks_ties_deterministically() {
        let a = Stamp(at(1), 0, "alpha".into());
        let b = Stamp(at(1), 0, "beta".into());
        assert!(a < b);
        assert!(Stamp::default() < a);
    }

    proptest::proptest! {
        /// Skipping the read of a shared device name changes no order:
        /// stamps order as their (time, counter, device) tuples do.
        #[test]
        fn stamps_order_as_their_fields_do(
            a in (0i64..3, 0u32..3, 0usize..5),
            b in (0i64..3, 0u32..3, 0usize..5),
        ) {
            // The empty name (no allocation) among them, made both ways.
            let names: Vec<Device> = ["ann", "bob", "ann", "", ""].map(Into::into).to_vec();
            let names = [&names[..4], &[Device::default()]].concat();
            let stamp = |(t, c, d): (i64, u32, usize)| Stamp(at(t), c, names[d].clone());
            let (x, y) = (stamp(a), stamp(b));
            let fields = (x.0, x.1, &*x.2).cmp(&(y.0, y.1, &*y.2));
            proptest::prop_assert_eq!(x.cmp(&y), fields);
            proptest::prop_assert_eq!(x == y, fields.is_eq());
            let hash = |s: &Stamp| {
                use std::hash::{BuildHasher, BuildHasherDefault};
                BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default().hash_one(s)
            };
            if x == y {
                proptest::prop_assert_eq!(hash(&x), hash(&y));
            }
        }
    }
}
