//! Who is who across one export: the pseudonyms.
//!
//! One export may hold many workshops, read side by side; so a pseudonym
//! belongs to a person across the whole export, not to a row of one
//! session's roster. A person is a name (folded: case, accents and spacing
//! do not count), so Ann Jones at Gateshead and at Ayr is one P-number; two
//! people of exactly one name share it, which the key file shows.
//!
//! Numbering, and why:
//!
//! - Only people who appear in the export are numbered (participants who
//!   may be quoted; staff when asked), so no gap says that someone was left
//!   out: P01 … P27 with nothing missing, whoever declined.
//! - Participants are ordered by the earliest id any of their roster
//!   entries has. Ids are made when someone is added to a roster, so the
//!   order is the order people joined, the same every time the same files
//!   are exported, and a person added later (or a later workshop) is
//!   numbered after everyone already there. Only leaving out someone who
//!   was numbered (consent withdrawn) moves those after them up.
//! - Staff are ordered by the first workshop they appear in (by date, then
//!   session id): facilitators F01…, note-takers N01…, and the devices that
//!   captured, commented or edited D01… (in capture order within it).
//! - Numbers have two digits, or as many as the count needs (P001 past 99).

use crate::model::{Consent, Session};
use std::collections::BTreeMap;
use ulid::Ulid;

/// A person's key: their folded name, spaces collapsed.
pub(super) fn person(name: &str) -> String {
    crate::review::fold(name)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Pseudonyms of one kind, in order of first appearance.
#[derive(Clone, Debug, Default)]
pub(super) struct Numbering {
    prefix: &'static str,
    /// (key, first-appearance order), in order of appearance.
    seen: Vec<String>,
    width: usize,
}

impl Numbering {
    fn new(prefix: &'static str, seen: Vec<String>) -> Numbering {
        let width = seen.len().to_string().len().max(2);
        Numbering {
            prefix,
            seen,
            width,
        }
    }

    /// The pseudonym of `key`, if it was counted.
    pub(super) fn get(&self, key: &str) -> Option<String> {
        let n = self.seen.iter().position(|k| k == key)?;
        Some(format!("{}{:0w$}", self.prefix, n + 1, w = self.width))
    }

    /// The pseudonym of `key`, counting it if it is new (a device found
    /// only in an edit stamp). The width stays as counted.
    pub(super) fn get_or_add(&mut self, key: &str) -> String {
        if !self.seen.iter().any(|k| k == key) {
            self.seen.push(key.to_owned());
        }
        self.get(key).unwrap_or_default()
    }

    /// Every key counted, in order.
    pub(super) fn keys(&self) -> &[String] {
        &self.seen
    }
}

/// Everyone's pseudonym in one export.
#[derive(Clone, Debug, Default)]
pub(super) struct Cast {
    /// Participants who may be quoted, by [`person`] key.
    pub participants: Numbering,
    /// Facilitators, by [`person`] key.
    pub facilitators: Numbering,
    /// Note-takers, by [`person`] key.
    pub note_takers: Numbering,
    /// Devices, as written (`dafydd@laptop`).
    pub devices: Numbering,
}

/// Whether a participant may be quoted: on the roster, consent given.
pub(super) fn quoted(p: &crate::model::Participant) -> bool {
    !p.deleted && matches!(p.consent, Consent::Given(_))
}

impl Cast {
    /// The pseudonyms of everyone in `sessions` (see the module's rules).
    pub(super) fn of(sessions: &[Session]) -> Cast {
        let mut first: BTreeMap<String, Ulid> = BTreeMap::new();
        for p in sessions.iter().flat_map(|s| &s.participants) {
            if quoted(p) {
                let at = first.entry(person(&p.name)).or_insert(p.id);
                *at = (*at).min(p.id);
            }
        }
        let mut people: Vec<(Ulid, String)> = first.into_iter().map(|(k, id)| (id, k)).collect();
        people.sort();

        let mut order: Vec<&Session> = sessions.iter().collect();
        order.sort_by_key(|s| (s.date, s.id));
        let mut facilitators = Vec::new();
        let mut note_takers = Vec::new();
        let mut devices = Vec::new();
        let note = |list: &mut Vec<String>, key: String| {
            if !key.is_empty() && !list.contains(&key) {
                list.push(key);
            }
        };
        for s in order {
            note(&mut facilitators, person(&s.facilitator));
            for n in &s.note_takers {
                note(&mut note_takers, person(n));
            }
            let mut insights: Vec<_> = s.insights.iter().filter(|i| !i.deleted).collect();
            insights.sort_by_key(|i| (i.created, i.id));
            for i in insights {
                note(&mut devices, i.author.clone());
                for c in i.comments.iter().filter(|c| !c.deleted) {
                    note(&mut devices, c.author.clone());
                }
            }
        }
        Cast {
            participants: Numbering::new("P", people.into_iter().map(|(_, k)| k).collect()),
            facilitators: Numbering::new("F", facilitators),
            note_takers: Numbering::new("N", note_takers),
            devices: Numbering::new("D", devices),
        }
    }
}

/// `value` with every string that is a device of `devices` (and the device
/// of every edit stamp, `[time, counter, device]`) replaced by its
/// pseudonym: a walk of the serde form, so a stamp added to the model later
/// is covered without anyone listing it here.
pub(super) fn rename_devices(
    value: &mut serde_json::Value,
    devices: &mut Numbering,
    met: &mut Vec<String>,
) {
    use serde_json::Value;
    fn rename(device: &mut String, devices: &mut Numbering, met: &mut Vec<String>) {
        // A value nobody edited carries the empty stamp: no device at all.
        if device.is_empty() {
            return;
        }
        if !met.contains(device) {
            met.push(device.clone());
        }
        *device = devices.get_or_add(device);
    }
    match value {
        Value::Array(items) => {
            let stamp = items.len() == 3 && items[0].is_string() && items[1].is_u64();
            if stamp && let Some(Value::String(device)) = items.get_mut(2) {
                rename(device, devices, met);
                return;
            }
            for item in items {
                rename_devices(item, devices, met);
            }
        }
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                match v {
                    // `device`: the laptop a dot vote's count belongs to.
                    Value::String(device)
                        if matches!(key.as_str(), "author" | "lead" | "device") =>
                    {
                        rename(device, devices, met)
                    }
                    _ => rename_devices(v, devices, met),
                }
            }
        }
        Value::String(_) | Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_follow_appearance_and_widen_past_99() {
        let mut n = Numbering::new("P", (0..100).map(|k| k.to_string()).collect());
        assert_eq!(n.get("0").as_deref(), Some("P001"));
        assert_eq!(n.get("99").as_deref(), Some("P100"));
        assert_eq!(n.get("x"), None);
        assert_eq!(n.get_or_add("x"), "P101");
        let short = Numbering::new("D", vec!["a".into()]);
        assert_eq!(short.get("a").as_deref(), Some("D01"));
    }

    #[test]
    fn stamps_and_authors_get_the_devices_pseudonyms_and_nothing_else_does() {
        let mut devices = Numbering::new("D", vec!["dafydd@laptop".into()]);
        let mut value = serde_json::json!({
            "author": "dafydd@laptop",
            "lead": "dafydd@laptop",
            "text": "dafydd@laptop",
            "modified": {"text": ["2026-01-01T00:00:00Z", 0, "ann@pc"], "tags": ["1970-01-01T00:00:00Z", 0, ""]},
            "tags": ["a", "b", "c"],
        });
        let mut met = Vec::new();
        rename_devices(&mut value, &mut devices, &mut met);
        assert_eq!(met, ["dafydd@laptop", "ann@pc"]);
        assert_eq!(value["author"], "D01");
        assert_eq!(value["lead"], "D01", "a room's lead is a device");
        assert_eq!(value["text"], "dafydd@laptop", "texts are the scrubber's");
        assert_eq!(value["modified"]["text"][2], "D02");
        assert_eq!(value["modified"]["tags"][2], "", "no device, no pseudonym");
        assert_eq!(value["tags"][2], "c");
    }
}
