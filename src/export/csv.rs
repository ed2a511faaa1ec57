//! CSV: one row per insight, for spreadsheets and analysis tools.
//!
//! Researchers sort, filter and pivot insights across workshops in Excel,
//! LibreOffice or R, so every row stands alone: it repeats its session's
//! title, place, nation and date, and its question's number and text, and
//! spells out the participant (as [`super::prepare`] left them: a name, a
//! pseudonym, or empty when unattributed), their organisation and sector, the
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

use super::Prepared;
use crate::model::{Insight, Session};
use ::csv::{Terminator, WriterBuilder};

/// The header row, in column order.
pub const COLUMNS: [&str; 18] = [
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
];

/// The UTF-8 byte-order mark.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The exported insights as CSV bytes, with a UTF-8 byte-order mark first
/// when `bom` is set.
pub fn render(prepared: &Prepared, bom: bool) -> Vec<u8> {
    let mut bytes = Vec::new();
    if bom {
        bytes.extend_from_slice(BOM);
    }
    let mut writer = WriterBuilder::new()
        .terminator(Terminator::CRLF)
        .from_writer(bytes);
    // Writing to a Vec cannot fail.
    writer.write_record(COLUMNS).expect("write to memory");
    for session in &prepared.sessions {
        let mut insights: Vec<&Insight> = session.insights.iter().filter(|i| !i.deleted).collect();
        insights.sort_by_key(|i| (i.question, i.created, i.id));
        for insight in insights {
            writer
                .write_record(row(session, insight))
                .expect("write to memory");
        }
    }
    writer
        .into_inner()
        .unwrap_or_else(|_| unreachable!("flushing to memory cannot fail"))
}

/// One insight's fields, in [`COLUMNS`] order.
fn row(session: &Session, insight: &Insight) -> [String; 18] {
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
        person.map(|p| p.name.clone()).unwrap_or_default(),
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
    ]
}

#[cfg(test)]
mod tests;
