//! CSV: one row per insight, for spreadsheets and analysis tools.
//!
//! Researchers sort, filter and pivot insights across workshops in Excel,
//! LibreOffice or R, so every row stands alone: it repeats its session's
//! title, place, nation and date, and its question's number and text, and
//! spells out the participant (as [`super::prepare`] left them: a name, a
//! pseudonym, "a participant" when their consent is not recorded, or empty
//! when nobody was named), their organisation and sector, the
//! practice type, kind, tags and themes (each list joined with `"; "`). The
//! `csv` crate writes RFC 4180: CRLF line ends, and fields quoted only when
//! they hold a comma, quote or line break, so texts survive exactly.
//!
//! Rows follow the sessions in order, then question, then capture order.
//! Times are RFC 3339 in UTC; `modified` is the newest of the insight's field
//! stamps (never earlier than `created`, for hand-written files that carry
//! no stamps). Excel reads a CSV without a byte-order mark in the system's
//! legacy code page, which mangles Welsh (ŵ, ŷ) and emoji, hence the `bom`
//! option.
//!
//! A spreadsheet runs a cell that begins with `=`, `+`, `-` or `@` as a
//! formula (`=HYPERLINK(…)` becomes a live link; tab and carriage return
//! lead into one too), and any text in a session may have been typed by
//! anyone. So, as OWASP recommends for CSV injection, such cells get a
//! leading `'`, which spreadsheets read as "this is text" and do not show.
//! Analysis tools (R, pandas) would keep the `'`, so the guard can be
//! turned off (`--no-formula-guard`) for files that no spreadsheet opens.

use super::{KeyEntry, Prepared};
use crate::model::{Insight, Session};
use ::csv::{Terminator, WriterBuilder};

/// The header row, in column order.
pub const COLUMNS: [&str; 22] = [
    "session",
    "place",
    "nation",
    "date",
    "question",
    "question_text",
    "text",
    "participant",
    "organisation",
    "sector",
    "practice_type",
    "kind",
    "tags",
    "themes",
    "starred",
    "created",
    "modified",
    "insight_id",
    // Added last, so columns read by position stay where they were.
    "votes",
    // Added after the first release: at the end, so no column moves.
    "parked",
    "owner",
    "due",
];

/// The UTF-8 byte-order mark.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// How a CSV file is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CsvOptions {
    /// Start with a UTF-8 byte-order mark.
    pub bom: bool,
    /// Give cells that a spreadsheet would run as a formula a leading `'`.
    pub formula_guard: bool,
}

impl Default for CsvOptions {
    /// No byte-order mark; formulas guarded.
    fn default() -> CsvOptions {
        CsvOptions {
            bom: false,
            formula_guard: true,
        }
    }
}

/// Whether a spreadsheet could take a cell beginning so for a formula.
fn formula_like(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// `cell`, with a leading `'` if it is [`formula_like`] and `guard` is on.
pub fn guarded(cell: String, guard: bool) -> String {
    if guard && formula_like(&cell) {
        format!("'{cell}")
    } else {
        cell
    }
}

/// The key from pseudonyms to names (`--key-file`) as CSV, every cell
/// quoted, formulas guarded unless `guard` is off.
pub fn key_file(key: &[KeyEntry], guard: bool) -> String {
    let mut text = String::from("session,pseudonym,name,consent\r\n");
    for entry in key {
        let cells = [&entry.session, &entry.pseudonym, &entry.name, entry.consent];
        let quoted: Vec<String> = cells
            .iter()
            .map(|c| guarded(c.to_string(), guard))
            .map(|c| format!("\"{}\"", c.replace('"', "\"\"")))
            .collect();
        text.push_str(&quoted.join(","));
        text.push_str("\r\n");
    }
    crate::inert::printable(&text).into_owned()
}

/// The exported insights as CSV bytes, as `options` say.
pub fn render(prepared: &Prepared, options: CsvOptions) -> Vec<u8> {
    let mut writer = WriterBuilder::new()
        .terminator(Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    writer.write_record(COLUMNS).expect("write to memory");
    for session in &prepared.sessions {
        let mut insights: Vec<&Insight> = session.insights.iter().filter(|i| !i.deleted).collect();
        insights.sort_by_key(|i| (i.question, i.created, i.id));
        for insight in insights {
            let anonymous = prepared.anonymous.contains(&insight.id);
            let cells = row(session, insight, anonymous).map(|c| guarded(c, options.formula_guard));
            writer.write_record(cells).expect("write to memory");
        }
    }
    let body = writer
        .into_inner()
        .unwrap_or_else(|_| unreachable!("flushing to memory cannot fail"));
    // The last pass every text format gets (see `export::render_with`).
    let body = String::from_utf8(body)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    let body = match crate::inert::printable(&body) {
        std::borrow::Cow::Owned(clean) => clean,
        std::borrow::Cow::Borrowed(_) => body,
    };
    let mut bytes = Vec::with_capacity(body.len() + BOM.len());
    if options.bom {
        bytes.extend_from_slice(BOM);
    }
    bytes.extend_from_slice(body.as_bytes());
    bytes
}

/// One insight's fields, in [`COLUMNS`] order; an `anonymous` speaker (consent
/// not recorded) is "a participant".
fn row(session: &Session, insight: &Insight, anonymous: bool) -> [String; 22] {
    let question = insight
        .question
        .checked_sub(1)
        .and_then(|q| session.questions.get(q));
    let person = insight.participant.and_then(|p| session.participant(p));
    let themes: Vec<&str> = session
        .themes
        .iter()
        .filter(|t| !t.deleted && t.contains(insight.id))
        .map(|t| t.name.as_str())
        .collect();
    let modified = insight.last_modified().time().max(insight.created);
    [
        session.title.clone(),
        session.place.locality.clone(),
        session.place.nation.label().to_owned(),
        session.date.to_string(),
        insight.question.to_string(),
        question.map(|q| q.text.clone()).unwrap_or_default(),
        insight.text.clone(),
        match person {
            Some(p) => p.name.clone(),
            None if anonymous => super::A_PARTICIPANT.to_owned(),
            None => String::new(),
        },
        person.map(|p| p.organisation.clone()).unwrap_or_default(),
        person
            .map(|p| p.sector.label().to_owned())
            .unwrap_or_default(),
        insight
            .practice
            .map(|p| p.label().to_owned())
            .unwrap_or_default(),
        insight.kind.label().to_owned(),
        insight.tags.join("; "),
        themes.join("; "),
        insight.starred.to_string(),
        insight.created.to_string(),
        modified.to_string(),
        insight.id.to_string(),
        insight.total_votes().to_string(),
        insight.parked.to_string(),
        insight.owner.clone(),
        insight.due.map(|d| d.to_string()).unwrap_or_default(),
    ]
}

#[cfg(test)]
mod tests;
