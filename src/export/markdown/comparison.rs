//! The `## Comparison` section of a report on several workshops: counts of
//! practice types by nation and by sector, and of barriers, enablers and
//! lessons by nation. Apart from the per-session sections because it reads
//! only counts, never a text or a name.

use super::{escape, heading};
use crate::model::{Kind, Nation, PracticeType, Sector, Session};
use crate::review::Tally;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Counts across sessions: practice types by nation and by sector, and
/// barriers, enablers and lessons by nation.
pub(super) fn comparison(out: &mut String, sessions: &[Session]) {
    let mut nations: BTreeMap<Nation, (usize, Tally)> = BTreeMap::new();
    let mut sectors: BTreeMap<Option<Sector>, Tally> = BTreeMap::new();
    let mut total = Tally::default();
    for s in sessions {
        let (workshops, tally) = nations.entry(s.place.nation).or_default();
        *workshops += 1;
        for insight in s.insights.iter().filter(|i| !i.deleted) {
            let person = insight.participant.and_then(|p| s.participant(p));
            let sector = sectors.entry(person.map(|p| p.sector)).or_default();
            for t in [&mut *tally, sector, &mut total] {
                t.add(s, insight);
            }
        }
    }
    heading(out, 2, "Comparison");
    out.push_str("Counts of the insights in this export.\n\n");
    let total_label = "**Total**".to_owned();

    let mut rows: Vec<Vec<String>> = nations
        .iter()
        .map(|(nation, (n, tally))| practice_row(&[nation.label().into(), n.to_string()], tally))
        .collect();
    let head = [total_label.clone(), sessions.len().to_string()];
    rows.push(practice_row(&head, &total));
    let header = ["Nation", "Workshops"].into_iter().chain(PRACTICE_COLUMNS);
    table(out, "Practice types by nation", header, &rows);

    let order = Sector::ALL.iter().map(|s| Some(*s)).chain([None]);
    let mut rows: Vec<Vec<String>> = order
        .filter_map(|sector| {
            let name = escape(sector.map_or("Unattributed", |s| s.label()));
            Some(practice_row(&[name], sectors.get(&sector)?))
        })
        .collect();
    rows.push(practice_row(std::slice::from_ref(&total_label), &total));
    let header = std::iter::once("Sector").chain(PRACTICE_COLUMNS);
    table(out, "Practice types by sector", header, &rows);

    let kinds = |label: String, t: &Tally| {
        let counts = [Kind::Barrier, Kind::Enabler, Kind::Lesson]
            .map(|k| t.kind.get(&k).copied().unwrap_or(0).to_string());
        std::iter::once(label).chain(counts).collect::<Vec<_>>()
    };
    let mut rows: Vec<Vec<String>> = nations
        .iter()
        .map(|(nation, (_, tally))| kinds(nation.label().to_owned(), tally))
        .collect();
    rows.push(kinds(total_label, &total));
    let header = ["Nation", "Barriers", "Enablers", "Lessons"];
    table(out, "Barriers and enablers by nation", header, &rows);
}

const PRACTICE_COLUMNS: [&str; 5] = [
    "Adaptations",
    "Innovations",
    "Collaborations",
    "Not classified",
    "Total",
];

/// A row: `head`, the counts per practice type (in [`PRACTICE_COLUMNS`]
/// order), then the total.
fn practice_row(head: &[String], tally: &Tally) -> Vec<String> {
    let mut counts = [0; 4];
    for ((_, practice), n) in &tally.question_practice {
        let column = practice.and_then(|p| PracticeType::ALL.iter().position(|x| *x == p));
        counts[column.unwrap_or(3)] += n;
    }
    let counts = counts.iter().chain([&tally.total]).map(|n| n.to_string());
    head.iter().cloned().chain(counts).collect()
}

/// A `###` heading and a table: the first column left-aligned, counts right.
fn table<'a>(
    out: &mut String,
    title: &str,
    header: impl IntoIterator<Item = &'a str>,
    rows: &[Vec<String>],
) {
    heading(out, 3, title);
    let header: Vec<&str> = header.into_iter().collect();
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let rule: Vec<&str> = (0..header.len())
        .map(|k| if k == 0 { "---" } else { "---:" })
        .collect();
    let _ = writeln!(out, "| {} |", rule.join(" | "));
    for row in rows {
        let _ = writeln!(out, "| {} |", row.join(" | "));
    }
    out.push('\n');
}
