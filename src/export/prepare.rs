//! [`prepare`]: the sessions as they may be shared, every format's start.
//!
//! Consent decides per roster entry (see `export.rs`); pseudonyms and the
//! names to scrub are decided across the whole export (`people.rs`), so a
//! name from one workshop typed into another's notes goes too, and one
//! person keeps one pseudonym in every session of the export.

use super::people::{self, Cast, person, quoted};
use super::{KeyEntry, Options, Prepared, Redaction, Scrubber, stand_ins};
use crate::model::{Consent, Session};
use std::collections::{BTreeMap, BTreeSet};
use ulid::Ulid;

/// What consent allows for a participant's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Use {
    /// Quoted, attributed.
    Attributed,
    /// Kept, unattributed: "a participant".
    Anonymous,
    /// Left out.
    Omitted,
}

fn use_of(consent: &Consent) -> Use {
    match consent {
        Consent::Given(_) => Use::Attributed,
        Consent::NotRecorded => Use::Anonymous,
        Consent::Declined(_) | Consent::Withdrawn(_) => Use::Omitted,
    }
}

/// Where a name is replaced in the text of those who are not quoted.
pub(super) const UNNAMED: &str = "[a participant]";

/// The scrubber for `session`'s texts: every participant of the export
/// (this session's by their consent here, others' by whether they are
/// quoted anywhere), and with `pseudonymise` every facilitator, note-taker
/// and device too.
fn scrubber_for(session: &Session, all: &[Session], cast: &Cast, options: Options) -> Scrubber {
    let mut names: BTreeMap<String, (String, Use)> = BTreeMap::new();
    for p in &session.participants {
        let use_here = if p.deleted {
            Use::Omitted
        } else {
            use_of(&p.consent)
        };
        names
            .entry(person(&p.name))
            .or_insert((p.name.clone(), use_here));
    }
    for p in all.iter().flat_map(|s| &s.participants) {
        let key = person(&p.name);
        let anywhere = match cast.participants.get(&key) {
            Some(_) => Use::Attributed,
            None => Use::Anonymous,
        };
        names.entry(key).or_insert((p.name.clone(), anywhere));
    }
    let mut scrubber = Scrubber::default();
    for (key, (name, use_here)) in &names {
        match use_here {
            Use::Attributed if !options.pseudonymise => {}
            Use::Attributed => {
                let pseudonym = cast.participants.get(key);
                scrubber.add(name, pseudonym.as_deref().unwrap_or(UNNAMED));
            }
            Use::Anonymous | Use::Omitted => scrubber.add(name, UNNAMED),
        }
    }
    if options.pseudonymise {
        for s in all {
            if let Some(f) = cast.facilitators.get(&person(&s.facilitator)) {
                scrubber.add(&s.facilitator, &f);
            }
            for n in &s.note_takers {
                if let Some(alias) = cast.note_takers.get(&person(n)) {
                    scrubber.add(n, &alias);
                }
            }
        }
        for device in cast.devices.keys() {
            let alias = cast.devices.get(device).unwrap_or_default();
            scrubber.add_whole(device, &alias);
            if let Some((user, _)) = device.split_once('@') {
                scrubber.add(user, &alias);
            }
        }
    }
    scrubber
}

/// The sessions as they may be shared under `options`.
pub fn prepare(sessions: &[Session], options: Options) -> Prepared {
    let mut cast = Cast::of(sessions);
    let mut prepared = Prepared {
        sessions: Vec::new(),
        key: Vec::new(),
        anonymous: BTreeSet::new(),
        redactions: Vec::new(),
    };
    for session in sessions {
        let s = prepare_one(session, sessions, &mut cast, options, &mut prepared);
        prepared.sessions.push(stand_ins::session(s));
    }
    let inert = |text: &str| crate::inert::printable(text).into_owned();
    for entry in &mut prepared.key {
        entry.session = inert(&entry.session);
        entry.name = inert(&entry.name);
    }
    prepared
}

fn prepare_one(
    session: &Session,
    all: &[Session],
    cast: &mut Cast,
    options: Options,
    prepared: &mut Prepared,
) -> Session {
    // Someone taken off the roster is listed nowhere, so their words, kept
    // as their consent allows, cannot point to them: "a participant".
    let uses: BTreeMap<Ulid, Use> = session
        .participants
        .iter()
        .map(|p| match use_of(&p.consent) {
            Use::Attributed if p.deleted => (p.id, Use::Anonymous),
            other => (p.id, other),
        })
        .collect();
    let scrubber = scrubber_for(session, all, cast, options);
    let mut found = Vec::new();
    let mut redactions = Vec::new();
    let mut note = |found: &mut Vec<_>, field: &'static str| {
        for f in std::mem::take(found) {
            redactions.push(Redaction {
                session: session.title.clone(),
                field,
                found: f,
            });
        }
    };
    let mut s = session.clone();
    s.insights.retain(|i| {
        !i.deleted
            && i.participant
                .is_none_or(|p| uses.get(&p) != Some(&Use::Omitted))
    });
    for insight in &mut s.insights {
        insight.comments.retain(|c| !c.deleted);
        insight.text = scrubber.scrub_noting(&insight.text, &mut found);
        note(&mut found, "insight");
        for tag in &mut insight.tags {
            *tag = scrubber.scrub_noting(tag, &mut found);
        }
        note(&mut found, "tag");
        for comment in &mut insight.comments {
            comment.text = scrubber.scrub_noting(&comment.text, &mut found);
        }
        note(&mut found, "comment");
        // An action's owner is a name like any other.
        insight.owner = scrubber.scrub_noting(&insight.owner, &mut found);
        note(&mut found, "owner");
        if let Some(p) = insight.participant
            && uses.get(&p) != Some(&Use::Attributed)
        {
            prepared.anonymous.insert(insight.id);
            insight.participant = None;
        }
    }
    s.participants.retain(quoted);
    for p in &mut s.participants {
        let pseudonym = cast.participants.get(&person(&p.name)).unwrap_or_default();
        prepared.key.push(KeyEntry {
            session: session.title.clone(),
            pseudonym: pseudonym.clone(),
            name: p.name.clone(),
            consent: p.consent.label(),
        });
        if options.pseudonymise {
            p.name = pseudonym;
        }
        if options.coarsen {
            p.organisation = p.sector.label().to_owned();
        } else {
            // "Gallacher's Bakery" must not name P08's owner either.
            p.organisation = scrubber.scrub_noting(&p.organisation, &mut found);
            note(&mut found, "organisation");
        }
    }
    s.themes.retain(|t| !t.deleted);
    for theme in &mut s.themes {
        theme.name = scrubber.scrub_noting(&theme.name, &mut found);
    }
    note(&mut found, "theme");
    // Open conflicts are said to be open, but their values must not
    // bring back what was just left out: only those of records kept,
    // their values scrubbed like the texts, and none on a participant
    // (the other spelling of a name is one the scrubber may not know).
    let kept = |id: Ulid| s.insight(id).is_some() || s.themes.iter().any(|t| t.id == id);
    let conflicts: Vec<_> = s
        .conflicts
        .iter()
        .filter(|c| kept(c.record))
        .map(|c| crate::model::OpenConflict {
            values: c.values.iter().map(|v| scrubber.scrub(v)).collect(),
            ..c.clone()
        })
        .collect();
    s.conflicts = conflicts;
    prepared.redactions.append(&mut redactions);
    if options.pseudonymise {
        pseudonymise_staff(&mut s, cast, &mut prepared.key);
    }
    s
}

/// The facilitator, note-takers and devices of `s` replaced by their
/// pseudonyms, each added to the key.
fn pseudonymise_staff(s: &mut Session, cast: &mut Cast, key: &mut Vec<KeyEntry>) {
    let title = s.title.clone();
    let mut entry = |pseudonym: &str, name: &str, role: &'static str| {
        key.push(KeyEntry {
            session: title.clone(),
            pseudonym: pseudonym.to_owned(),
            name: name.to_owned(),
            consent: role,
        });
    };
    let facilitator = cast.facilitators.get(&person(&s.facilitator));
    if let Some(f) = &facilitator {
        entry(f, &s.facilitator, "facilitator");
    }
    let mut note_takers = Vec::new();
    for n in &s.note_takers {
        let alias = cast.note_takers.get(&person(n)).unwrap_or_default();
        if !alias.is_empty() {
            entry(&alias, n, "note-taker");
        }
        note_takers.push(alias);
    }
    s.facilitator = facilitator.unwrap_or_default();
    s.note_takers = note_takers;
    let Ok(mut value) = serde_json::to_value(&*s) else {
        return;
    };
    let mut met = Vec::new();
    people::rename_devices(&mut value, &mut cast.devices, &mut met);
    for device in met {
        let alias = cast.devices.get(&device).unwrap_or_default();
        entry(&alias, &device, "device");
    }
    // Only strings that were device names changed, so the session reads
    // back; were it not to, it goes on without the renaming rather than
    // with a real name: its devices are emptied instead.
    match serde_json::from_value(value) {
        Ok(renamed) => *s = renamed,
        Err(_) => {
            for insight in &mut s.insights {
                insight.author.clear();
            }
        }
    }
}
