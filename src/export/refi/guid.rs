//! The GUIDs a REFI-QDA project names everything by, made deterministically.
//!
//! QDA-XML wants a GUID (`8-4-4-4-12` hex) on every code, source, selection,
//! coding, case, note, user and variable, and tools match them when a project
//! is imported again. So the same session must export with the same GUIDs
//! every time, on every laptop: nothing here is random.
//!
//! A record that already has a ULID (a session, insight, participant, theme
//! or comment) gets that ULID's 128 bits, so a GUID in NVivo can be traced back
//! to its line in the session file. Everything else (vocabulary codes, tags,
//! questions, codings, users, variables) gets a name-based UUID: a 128-bit
//! FNV-1a hash of a fixed namespace and the name, mixed, stamped version 8 (the
//! RFC 9562 "custom" version). FNV is written out here rather than taken from
//! `std`'s hasher, whose output may change between Rust releases.
//!
//! [`Guids`] hands GUIDs out and guarantees no two are the same in one
//! document, even when a session and its copy are exported together.

use std::collections::HashSet;
use ulid::Ulid;

/// The GUID of a record with a ULID: the same 128 bits.
pub fn of_ulid(id: Ulid) -> u128 {
    u128::from(id)
}

/// A name-based GUID: `namespace` keeps, say, the tag "food" and a theme
/// called "food" apart.
pub fn named(namespace: &str, name: &str) -> u128 {
    derived(namespace, &[name.as_bytes()])
}

/// The GUID of something made of other things, e.g. the coding of a
/// selection (one GUID) with a code (another).
pub fn derived(namespace: &str, parts: &[&[u8]]) -> u128 {
    let mut hash = fnv1a(FNV_OFFSET, namespace.as_bytes());
    for part in parts {
        hash = fnv1a(fnv1a(hash, &[0]), part);
    }
    as_version_8(mix(hash))
}

/// The `8-4-4-4-12` lower-case form the schema's `GUIDType` pattern accepts.
pub fn format(guid: u128) -> String {
    let hex = format!("{guid:032x}");
    format!(
        "{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

/// Hands out GUIDs, each once per document.
#[derive(Debug, Default)]
pub struct Guids {
    used: HashSet<u128>,
}

impl Guids {
    /// `wanted`, or if it is taken already, a GUID derived from it that is
    /// not (deterministic too: the same inputs in the same order give the
    /// same GUIDs).
    pub fn claim(&mut self, wanted: u128) -> String {
        let mut guid = wanted;
        while !self.used.insert(guid) {
            guid = derived("again", &[&guid.to_be_bytes()]);
        }
        format(guid)
    }
}

const FNV_OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
const FNV_PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;

fn fnv1a(mut hash: u128, bytes: &[u8]) -> u128 {
    for byte in bytes {
        hash ^= u128::from(*byte);
        hash = hash.wrapping_mul(FNV_PRIME);
    }
    hash
}

/// Spreads every input bit over the whole GUID (FNV alone leaves names that
/// differ in one letter with look-alike GUIDs). Xor-shifts and odd
/// multipliers are invertible, so this adds no collisions.
fn mix(mut x: u128) -> u128 {
    x ^= x >> 67;
    x = x.wrapping_mul(0x9e37_79b9_7f4a_7c15_f39c_c060_5ced_c835);
    x ^= x >> 61;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9_4d2b_1f5b_2e9a_2d3b);
    x ^ (x >> 64)
}

/// Sets the version nibble to 8 and the variant bits to `10`.
fn as_version_8(hash: u128) -> u128 {
    let version = 0x8u128 << 76;
    let variant = 0b10u128 << 62;
    (hash & !(0xfu128 << 76) & !(0b11u128 << 62)) | version | variant
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guids_are_stable_and_well_formed() {
        let a = format(named("tag", "food"));
        assert_eq!(a, format(named("tag", "food")), "same name, same GUID");
        assert_ne!(a, format(named("theme", "food")), "namespaces differ");
        assert_eq!(a.len(), 36);
        let b = format(named("tag", "fool"));
        let same = a.chars().zip(b.chars()).filter(|(x, y)| x == y).count();
        assert!(same < 16, "one letter apart, yet unalike: {a} {b}");
        assert_eq!(&a[14..15], "8", "version 8: {a}");
        assert!(matches!(&a[19..20], "8" | "9" | "a" | "b"), "variant: {a}");
        let id = Ulid::from_string("01M81S6J8VZ19MHZBDBVDPT0D8").unwrap();
        assert_eq!(
            format(of_ulid(id)).replace('-', ""),
            format!("{:032x}", u128::from(id))
        );
    }

    #[test]
    fn a_guid_is_handed_out_once() {
        let mut guids = Guids::default();
        let first = guids.claim(7);
        let second = guids.claim(7);
        assert_ne!(first, second);
        let mut again = Guids::default();
        assert_eq!((again.claim(7), again.claim(7)), (first, second));
    }
}
