//! REFI-QDA (QDA-XML 1.0): the exchange format of NVivo, ATLAS.ti, MAXQDA
//! and QualCoder, so researchers can code the workshops in their own tool.
//!
//! Three products, all from a [`Prepared`] (consent applied, names scrubbed):
//! [`codebook`] is a `.qdc` codebook alone, [`project`] the `project.qde`
//! document, and [`qdpx`] the `.qdpx` archive that tools import: `project.qde`
//! at the root and one plain-text source per session in `sources/`.
//!
//! Each session becomes one text source, a readable transcript
//! (`transcript.rs`), named so that every file system takes the name
//! (`names.rs`), and each insight a selection of it coded with its question,
//! practice type, kind, tags, themes and star (`codes.rs`). Participants
//! quoted by consent become cases (`cases.rs`). Note-takers' comments become
//! notes on the selections they comment on, and the selection's description
//! too, which QualCoder shows as the memo of each of its codings.
//!
//! The shape is checked against what QualCoder's own importer does with it
//! (`tests/qualcoder/import.py` runs it headless), since a project that
//! validates can still land in a tool with its cases empty.
//!
//! The schema (tests/refi-qda/Project.xsd) fixes the order of elements and
//! forbids empty containers, so optional parts are left out rather than
//! written empty. The output is deterministic (GUIDs are derived, see
//! `guid.rs`, and the project's date is that of its newest edit, not the
//! clock), so exporting the same sessions twice gives the same bytes.

mod cases;
mod codes;
mod guid;
mod names;
mod project;
mod transcript;
mod xml;

use super::Prepared;
use crate::model::Session;
use guid::Guids;
use std::io::Write;
use transcript::Transcript;
use xml::Xml;

/// The namespace of a `.qdc` codebook.
pub const CODEBOOK_NAMESPACE: &str = "urn:QDA-XML:codebook:1.0";
/// The namespace of a `project.qde`.
pub const PROJECT_NAMESPACE: &str = "urn:QDA-XML:project:1.0";

/// The `origin` attribute: which program wrote the file.
fn origin() -> String {
    format!("stb {}", env!("CARGO_PKG_VERSION"))
}

/// A `.qdc` codebook: the codes alone, to set up a project by hand.
pub fn codebook(prepared: &Prepared) -> String {
    let codes = codes::Codes::new(prepared, &mut Guids::default());
    let mut xml = Xml::new();
    let origin = origin();
    let attrs = [("xmlns", CODEBOOK_NAMESPACE), ("origin", origin.as_str())];
    xml.open("CodeBook", &attrs);
    codes.write(&mut xml, None);
    xml.close("CodeBook");
    xml.finish()
}

/// The `project.qde` document of [`qdpx`]; its sources are files in the
/// archive, so this alone is not a complete project.
pub fn project(prepared: &Prepared) -> String {
    build(prepared).0
}

/// The `.qdpx` archive: `project.qde` and `sources/<guid>.txt` (UTF-8), one
/// per session.
pub fn qdpx(prepared: &Prepared) -> Vec<u8> {
    let (project, sources) = build(prepared);
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip_time(project::newest(prepared)));
    let files = std::iter::once(("project.qde".to_owned(), project)).chain(
        sources
            .iter()
            .map(|s| (format!("sources/{}.txt", s.guid), s.transcript.text.clone())),
    );
    for (name, text) in files {
        zip.start_file(name, options)
            .expect("a new entry in memory");
        // Already inert from `prepare`; the same last pass as the text
        // formats get. One character for one, so no selection moves.
        let text = crate::inert::printable(&text);
        zip.write_all(text.as_bytes()).expect("writing to memory");
    }
    zip.finish().expect("finishing in memory").into_inner()
}

/// One session as a text source: its GUID and name, who made it and when,
/// its transcript, and the GUID of each insight's selection (parallel to
/// `transcript.spans`).
struct Source<'a> {
    session: &'a Session,
    guid: String,
    /// The title, safe as a file name and unique in the project.
    name: String,
    /// The device that captured the session's first insight.
    creator: String,
    /// When that first insight was captured.
    created: jiff::Timestamp,
    transcript: Transcript,
    selections: Vec<String>,
}

impl<'a> Source<'a> {
    fn new(
        session: &'a Session,
        anonymous: &std::collections::BTreeSet<ulid::Ulid>,
        names: &mut names::Namer,
        guids: &mut Guids,
    ) -> Source<'a> {
        let guid = guids.claim(guid::of_ulid(session.id));
        let transcript = transcript::transcript(session, anonymous);
        let selections = transcript
            .spans
            .iter()
            .map(|span| guids.claim(guid::of_ulid(session.insights[span.insight].id)))
            .collect();
        let (creator, created) = creation(session);
        Source {
            session,
            guid,
            name: names.claim(&names::file_safe(&session.title)),
            creator,
            created,
            transcript,
            selections,
        }
    }
}

/// Who made a session and when, as a source's `creatingUser` and
/// `creationDateTime`: the first insight's device and time. A session's own
/// id is no guide (a copy made later, or a file written by a script, has a
/// newer one), and the session has no creation stamp of its own. Without
/// insights: this program, at the last change to the session's details (or
/// the workshop's date). Not the device in that stamp: `prepare` pseudonymises
/// insights' and comments' devices, not the stamps', so naming it could undo
/// a pseudonymised export.
fn creation(session: &Session) -> (String, jiff::Timestamp) {
    let first = session.insights.iter().min_by_key(|i| (i.created, i.id));
    let epoch = jiff::Timestamp::UNIX_EPOCH;
    if let Some(i) = first.filter(|i| i.created > epoch && !i.author.is_empty()) {
        return (i.author.clone(), i.created);
    }
    let at = if session.modified.time() > epoch {
        session.modified.time()
    } else {
        let midnight = session.date.to_zoned(jiff::tz::TimeZone::UTC);
        midnight.map_or(epoch, |z| z.timestamp())
    };
    (origin(), at)
}

/// `project.qde` and the sources it refers to. GUIDs are handed out in one
/// fixed order: codes first (so the codebook and the project agree), then
/// sources and selections (which cases refer to before they are written),
/// then the rest as the project is written.
fn build(prepared: &Prepared) -> (String, Vec<Source<'_>>) {
    let mut guids = Guids::default();
    let codes = codes::Codes::new(prepared, &mut guids);
    let mut names = names::Namer::default();
    let sources: Vec<Source<'_>> = prepared
        .sessions
        .iter()
        .map(|session| Source::new(session, &prepared.anonymous, &mut names, &mut guids))
        .collect();
    let project = project::write(prepared, &codes, &sources, &mut guids);
    (project, sources)
}

/// A zip entry's time (zip keeps local time to two seconds, from 1980).
fn zip_time(at: Option<jiff::Timestamp>) -> zip::DateTime {
    let Some(t) = at.map(|at| at.to_zoned(jiff::tz::TimeZone::UTC).datetime()) else {
        return zip::DateTime::default();
    };
    let byte = |n: i8| u8::try_from(n).unwrap_or(0);
    let (month, day) = (byte(t.month()), byte(t.day()));
    let (hour, minute, second) = (byte(t.hour()), byte(t.minute()), byte(t.second()));
    u16::try_from(t.year())
        .ok()
        .and_then(|y| zip::DateTime::from_date_and_time(y, month, day, hour, minute, second).ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod check;
#[cfg(test)]
mod fixtures;
#[cfg(test)]
mod tests;
