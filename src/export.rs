//! Getting sessions out for the write-up, without leaking who said what.
//!
//! Every format starts from [`prepare`]: the sessions as they may be shared.
//! Consent decides what goes out: a participant who gave consent is quoted
//! (by name, or by pseudonym with `--pseudonymise`); one whose consent is not
//! recorded is kept but anonymised (their insights go out unattributed); one
//! who declined or withdrew is left out, with their insights. Names are then
//! scrubbed from every insight text, comment and theme name, matching whole
//! words regardless of case and accents ("SIAN" and "Siân" both go), so a
//! name typed inside a sentence does not leak either. Last, every text is
//! made inert (`stand_ins.rs`): terminal controls become the app's visible
//! stand-ins, in every format, before any is rendered.

pub mod csv;
pub mod json;
pub mod markdown;
mod name;
pub mod refi;
mod scrub;
mod stand_ins;

pub use csv::CsvOptions;
pub use name::ExportName;
pub use scrub::Scrubber;

use crate::model::{Consent, Session};
use std::collections::BTreeMap;
use ulid::Ulid;

/// The formats an export can take.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A Markdown report draft.
    Md,
    /// One row per insight, for spreadsheets.
    Csv,
    /// REFI-QDA project (NVivo, ATLAS.ti, MAXQDA): a zip, so it needs a file.
    Qdpx,
    /// REFI-QDA codebook.
    Qdc,
    /// The sessions as JSON.
    Json,
}

impl Format {
    /// Every format, in the order a prompt lists them.
    pub const ALL: [Format; 5] = [
        Format::Md,
        Format::Csv,
        Format::Qdpx,
        Format::Qdc,
        Format::Json,
    ];

    /// What the format is, in words, for a person choosing one.
    pub fn title(self) -> &'static str {
        match self {
            Format::Md => "Markdown report",
            Format::Csv => "CSV table",
            Format::Qdpx => "REFI-QDA project",
            Format::Qdc => "REFI-QDA codebook",
            Format::Json => "JSON",
        }
    }

    /// What the format is for, in a few words beside its title.
    pub fn purpose(self) -> &'static str {
        match self {
            Format::Md => "a draft for the write-up",
            Format::Csv => "one row per insight",
            Format::Qdpx => "NVivo, ATLAS.ti, MAXQDA",
            Format::Qdc => "the codes alone",
            Format::Json => "reads back into stb",
        }
    }

    /// The file extension, which is also the name typed for it.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Csv => "csv",
            Format::Qdpx => "qdpx",
            Format::Qdc => "qdc",
            Format::Json => "json",
        }
    }
}

/// The bytes of an export of `prepared` in `format`, CSV guarded against
/// formulas, with a byte-order mark when `bom` is set.
pub fn render(prepared: &Prepared, format: Format, bom: bool) -> Vec<u8> {
    let csv = CsvOptions {
        bom,
        ..CsvOptions::default()
    };
    render_with(prepared, format, csv)
}

/// The bytes of an export of `prepared` in `format`, CSV as `csv` says.
///
/// [`prepare`] already made every text inert; the text formats get one more
/// pass here, a guard at the boundary should a future renderer write text
/// that did not come through `prepare` (it costs a scan, no copy, when the
/// text is clean). The `.qdpx` archive gets the same pass inside.
pub fn render_with(prepared: &Prepared, format: Format, csv: CsvOptions) -> Vec<u8> {
    let text = |s: String| {
        if let std::borrow::Cow::Owned(clean) = crate::inert::printable(&s) {
            clean.into_bytes()
        } else {
            s.into_bytes()
        }
    };
    match format {
        Format::Md => text(markdown::render(prepared)),
        Format::Csv => csv::render(prepared, csv),
        Format::Qdpx => refi::qdpx(prepared),
        Format::Qdc => text(refi::codebook(prepared)),
        Format::Json => text(json::to_json(&prepared.sessions)),
    }
}

/// How sessions are prepared for sharing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Replace names with pseudonyms (P01, P02, …) everywhere.
    pub pseudonymise: bool,
    /// Replace organisations with their sector.
    pub coarsen: bool,
}

/// What the shared copy calls each participant of one session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyEntry {
    pub session: String,
    pub pseudonym: String,
    pub name: String,
    pub consent: &'static str,
}

/// Sessions ready to export, and the key from pseudonyms to names (to be
/// written only when asked for, and never beside the export by default).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prepared {
    pub sessions: Vec<Session>,
    pub key: Vec<KeyEntry>,
}

/// Each participant's pseudonym in a session: P01, P02, … in id order,
/// which is the order they joined the roster, so a pseudonym never changes
/// when someone is added later.
pub fn pseudonyms(session: &Session) -> BTreeMap<Ulid, String> {
    let width = session.participants.len().to_string().len().max(2);
    session
        .participants
        .iter()
        .enumerate()
        .map(|(n, p)| (p.id, format!("P{:0width$}", n + 1)))
        .collect()
}

/// What consent allows for a participant's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Use {
    /// Quoted, attributed.
    Attributed,
    /// Kept, unattributed.
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

/// The sessions as they may be shared under `options`.
pub fn prepare(sessions: &[Session], options: Options) -> Prepared {
    let mut out = Vec::new();
    let mut key = Vec::new();
    for session in sessions {
        let names = pseudonyms(session);
        let uses: BTreeMap<Ulid, Use> = session
            .participants
            .iter()
            .map(|p| (p.id, use_of(&p.consent)))
            .collect();
        // Every name goes from texts: to its pseudonym when pseudonymising
        // a consenting participant, else to a neutral word.
        let mut scrubber = Scrubber::default();
        for p in &session.participants {
            let keep = uses[&p.id] == Use::Attributed && !options.pseudonymise;
            if !keep {
                let replacement = match uses[&p.id] {
                    Use::Attributed => names[&p.id].clone(),
                    _ => "[a participant]".to_owned(),
                };
                scrubber.add(&p.name, &replacement);
            }
        }
        let mut s = session.clone();
        s.insights.retain(|i| {
            !i.deleted
                && i.participant
                    .is_none_or(|p| uses.get(&p) != Some(&Use::Omitted))
        });
        // Who captured what is named by device; pseudonymised, devices are
        // numbered in order of first appearance.
        let mut devices: Vec<String> = Vec::new();
        for insight in &mut s.insights {
            insight.comments.retain(|c| !c.deleted);
            insight.text = scrubber.scrub(&insight.text);
            insight.tags = insight.tags.iter().map(|t| scrubber.scrub(t)).collect();
            if options.pseudonymise {
                insight.author = device_alias(&mut devices, &insight.author);
                for comment in &mut insight.comments {
                    comment.author = device_alias(&mut devices, &comment.author);
                }
            }
            for comment in &mut insight.comments {
                comment.text = scrubber.scrub(&comment.text);
            }
            if insight
                .participant
                .is_some_and(|p| uses.get(&p) != Some(&Use::Attributed))
            {
                insight.participant = None;
            }
        }
        s.participants
            .retain(|p| !p.deleted && uses[&p.id] == Use::Attributed);
        for p in &mut s.participants {
            key.push(KeyEntry {
                session: session.title.clone(),
                pseudonym: names[&p.id].clone(),
                name: p.name.clone(),
                consent: p.consent.label(),
            });
            if options.pseudonymise {
                p.name = names[&p.id].clone();
            }
            if options.coarsen {
                p.organisation = p.sector.label().to_owned();
            } else {
                // "Gallacher's Bakery" must not name P08's owner either.
                p.organisation = scrubber.scrub(&p.organisation);
            }
        }
        s.themes.retain(|t| !t.deleted);
        for theme in &mut s.themes {
            theme.name = scrubber.scrub(&theme.name);
        }
        if options.pseudonymise {
            s.facilitator = scrubber.scrub(&s.facilitator);
        }
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
        out.push(stand_ins::session(s));
    }
    let inert = |text: &str| crate::inert::printable(text).into_owned();
    for entry in &mut key {
        entry.session = inert(&entry.session);
        entry.name = inert(&entry.name);
    }
    Prepared { sessions: out, key }
}

/// "capture 1", "capture 2", … for each device in order of appearance.
fn device_alias(devices: &mut Vec<String>, device: &str) -> String {
    let n = match devices.iter().position(|d| d == device) {
        Some(n) => n,
        None => {
            devices.push(device.to_owned());
            devices.len() - 1
        }
    };
    format!("capture {}", n + 1)
}

#[cfg(test)]
mod tests;
