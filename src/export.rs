//! Getting sessions out for the write-up, without leaking who said what.
//!
//! Every format but the whole JSON starts from [`prepare`] (`prepare.rs`):
//! the sessions as they may be shared. Consent decides what goes out: a
//! participant who gave consent is quoted (by name, or by pseudonym with
//! `--pseudonymise`); one whose consent is not recorded is kept but
//! anonymised (their insights go out as "a participant"); one who declined
//! or withdrew is left out, with their insights. Pseudonyms belong to a
//! person across the whole export, staff included (`people.rs`). Names are
//! then scrubbed from every insight text, comment and theme name, as a
//! careful person would (`scrub.rs`: whole words, any case or accent, and a
//! name that is also an ordinary word only where it is used as a name).
//! Last, every text is made inert (`stand_ins.rs`): terminal controls
//! become the app's visible stand-ins, in every format, before any is
//! rendered. `--format json` skips all of it on purpose: it is the
//! sessions exactly as stb holds them ([`export`]).

pub mod csv;
pub mod json;
pub mod markdown;
mod name;
mod people;
mod prepare;
pub mod refi;
mod scrub;
mod stand_ins;

pub use csv::CsvOptions;
pub use name::ExportName;
pub use prepare::prepare;
pub use scrub::{Found, Scrubber};

use crate::model::Session;
use std::collections::BTreeSet;
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
    /// The sessions exactly as stb holds them, every field, as JSON.
    Json,
    /// The sessions as they may be shared (consent, pseudonyms), as JSON.
    JsonShared,
}

impl Format {
    /// Every format, in the order a prompt lists them.
    pub const ALL: [Format; 6] = [
        Format::Md,
        Format::Csv,
        Format::Qdpx,
        Format::Qdc,
        Format::Json,
        Format::JsonShared,
    ];

    /// What the format is, in words, for a person choosing one.
    pub fn title(self) -> &'static str {
        match self {
            Format::Md => "Markdown report",
            Format::Csv => "CSV table",
            Format::Qdpx => "REFI-QDA project",
            Format::Qdc => "REFI-QDA codebook",
            Format::Json => "JSON, everything",
            Format::JsonShared => "JSON for sharing",
        }
    }

    /// What the format is for, in a few words beside its title.
    pub fn purpose(self) -> &'static str {
        match self {
            Format::Md => "a draft for the write-up",
            Format::Csv => "one row per insight",
            Format::Qdpx => "NVivo, ATLAS.ti, MAXQDA",
            Format::Qdc => "the codes alone",
            Format::Json => "every field, reads back into stb",
            Format::JsonShared => "consent and names applied",
        }
    }

    /// The file extension, which is also the name typed for it.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Md => "md",
            Format::Csv => "csv",
            Format::Qdpx => "qdpx",
            Format::Qdc => "qdc",
            Format::Json | Format::JsonShared => "json",
        }
    }

    /// Whether `--pseudonymise` and `--coarsen` apply: not to `json`,
    /// which is the sessions as they are.
    pub fn takes_options(self) -> bool {
        self != Format::Json
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
        // `prepared` holds only what may be shared, so both JSONs are the
        // shared one here; the whole sessions go out through [`export`].
        Format::Json | Format::JsonShared => text(json::shared(prepared)),
    }
}

/// `sessions` exported as `format`: `json` as they are (options do not
/// apply), every other format through [`prepare`]. Also what was prepared,
/// for the key file and the list of redactions (empty for `json`).
pub fn export(
    sessions: &[Session],
    format: Format,
    options: Options,
    csv: CsvOptions,
) -> (Vec<u8>, Prepared) {
    if format == Format::Json {
        let bytes = json::to_json(sessions).into_bytes();
        return (bytes, Prepared::default());
    }
    let prepared = prepare(sessions, options);
    (render_with(&prepared, format, csv), prepared)
}

/// How sessions are prepared for sharing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Replace names with pseudonyms everywhere: participants P01, P02, …,
    /// facilitators F01, note-takers N01, devices D01 (see `people.rs`).
    pub pseudonymise: bool,
    /// Replace organisations with their sector.
    pub coarsen: bool,
}

/// What the shared copy calls one person in one session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyEntry {
    pub session: String,
    pub pseudonym: String,
    pub name: String,
    /// The participant's consent, or the staff role: `facilitator`,
    /// `note-taker`, `device`.
    pub consent: &'static str,
}

/// A name replaced inside a text, for `--show-redactions`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Redaction {
    /// The session's title.
    pub session: String,
    /// What kind of text: insight, tag, comment, organisation or theme.
    pub field: &'static str,
    pub found: Found,
}

/// Who said an insight whose speaker did not record consent, in every
/// format: someone was there, and nobody is named.
pub const A_PARTICIPANT: &str = "a participant";

/// Sessions ready to export, and the key from pseudonyms to names (to be
/// written only when asked for, and never beside the export by default).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Prepared {
    pub sessions: Vec<Session>,
    pub key: Vec<KeyEntry>,
    /// Insights whose speaker is kept but not named (consent not
    /// recorded): every format says "a participant" for them.
    pub anonymous: BTreeSet<Ulid>,
    /// Every name replaced inside a text, in order.
    pub redactions: Vec<Redaction>,
}

#[cfg(test)]
mod actions_tests;
#[cfg(test)]
mod question_set_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod vote_tests;
