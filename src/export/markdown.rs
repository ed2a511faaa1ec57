//! Markdown: a first draft of the write-up, shaped like the research report.
//!
//! "Shifting the Balance" reads workshops as adaptations, innovations and
//! collaborations, notes the barriers and enablers around them, quotes
//! participants, and compares England, Scotland and Wales. The draft follows
//! that shape so a researcher edits it rather than starts from a blank page.
//!
//! Layout, and why:
//!
//! - One session: `# <title>`, its details, then `## Q<n>. <title>` per
//!   question with `###` groups. Several: `# Shifting the Balance: N
//!   workshops`, `## <title>` per session, `### Q<n>.`, `####` groups, then
//!   `## Comparison`. Levels are relative to the session's own heading, so the
//!   single-session draft neither repeats its title nor skips a level (which
//!   breaks outlines and tables of contents).
//! - Each insight is listed exactly once per question, so nothing is counted
//!   or edited twice. A practice type wins: an insight goes under
//!   Adaptations, Innovations or Collaborations whatever its kind, with its
//!   kind shown (`**Enabler:**`); most enablers say what made a practice work,
//!   so they belong beside it. Insights without a practice type go under
//!   Barriers or Enablers by kind, or else under Not classified. A one-line
//!   count of barriers and enablers opens each question, saying how many sit
//!   under a practice type, so none is missed.
//! - Starred insights come first in each group (marked ★), then capture order.
//! - Quotes are block quotes with an attribution paragraph (`— Name
//!   (Organisation)`, or `— a participant`); the rest are bullets `text —
//!   Name #tags`. Names are as [`super::prepare`] left them.
//! - Themes list their insights again, each with its question number.
//! - `## Comparison` appears only when several sessions are exported (one
//!   session is one place and one nation): practice types by nation and by
//!   sector, and barriers, enablers and lessons by nation, as counts.
//! - User text is flattened to one line and escaped wherever it could make
//!   structure: `#`, `|`, `>`, brackets, HTML, code and emphasis marks, and a
//!   leading list marker. Intraword `_` is left alone, as it cannot emphasise.

use super::Prepared;
use crate::model::{Insight, Kind, Nation, PracticeType, Sector, Session};
use crate::review::Tally;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The sessions as a Markdown report draft.
pub fn render(prepared: &Prepared) -> String {
    let sessions = &prepared.sessions;
    let mut out = String::new();
    let level = if sessions.len() == 1 {
        1
    } else {
        let n = sessions.len();
        let workshops = crate::words::count(n, "workshop");
        heading(&mut out, 1, &format!("Shifting the Balance: {workshops}"));
        2
    };
    for session in sessions {
        render_session(&mut out, session, level);
    }
    if sessions.len() > 1 {
        comparison(&mut out, sessions);
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// Where an insight is listed within its question.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Group {
    Practice(PracticeType),
    Barriers,
    Enablers,
    Unclassified,
}

impl Group {
    fn of(insight: &Insight) -> Group {
        match (insight.practice, insight.kind) {
            (Some(p), _) => Group::Practice(p),
            (None, Kind::Barrier) => Group::Barriers,
            (None, Kind::Enabler) => Group::Enablers,
            (None, _) => Group::Unclassified,
        }
    }

    fn title(self) -> String {
        match self {
            Group::Practice(p) => format!("{}s", p.label()),
            Group::Barriers => "Barriers".into(),
            Group::Enablers => "Enablers".into(),
            Group::Unclassified => "Not classified".into(),
        }
    }
}

fn heading(out: &mut String, level: usize, text: &str) {
    let _ = write!(out, "{} {text}\n\n", "#".repeat(level));
}

fn render_session(out: &mut String, s: &Session, level: usize) {
    heading(out, level, &escape(&s.title));
    details(out, s);
    let live: Vec<&Insight> = s.insights.iter().filter(|i| !i.deleted).collect();
    let last = live.iter().map(|i| i.question).max().unwrap_or(0);
    for n in 1..=s.questions.len().max(last) {
        let def = s.questions.get(n - 1);
        let title = def.map_or_else(|| format!("Question {n}"), |q| escape(&q.title));
        heading(out, level + 1, &format!("Q{n}. {title}"));
        if let Some(text) = def.map(|q| escape(&q.text)).filter(|t| !t.is_empty()) {
            let _ = write!(out, "*{text}*\n\n");
        }
        let mut here: Vec<&Insight> = live.iter().copied().filter(|i| i.question == n).collect();
        if here.is_empty() {
            out.push_str("No insights.\n\n");
            continue;
        }
        barriers_and_enablers(out, &here);
        here.sort_by_key(|i| (Group::of(i), !i.starred, i.created, i.id));
        for chunk in here.chunk_by(|a, b| Group::of(a) == Group::of(b)) {
            let group = Group::of(chunk[0]);
            heading(out, level + 2, &group.title());
            let kind_shown = !matches!(group, Group::Barriers | Group::Enablers);
            entries(out, s, chunk, kind_shown, false);
        }
    }
    themes(out, s, &live, level);
}

fn details(out: &mut String, s: &Session) {
    let mut line = |label: &str, value: String| {
        let _ = writeln!(out, "- **{label}:** {value}");
    };
    line("Place", escape(&s.place.locality));
    line("Nation", s.place.nation.label().into());
    line("Date", s.date.strftime("%-d %B %Y").to_string());
    line("Facilitator", escape(&s.facilitator));
    if !s.note_takers.is_empty() {
        let names: Vec<String> = s.note_takers.iter().map(|n| escape(n)).collect();
        line("Note-takers", names.join(", "));
    }
    let people: Vec<_> = s.participants.iter().filter(|p| !p.deleted).collect();
    let sectors: Vec<String> = Sector::ALL
        .iter()
        .filter_map(|sector| {
            let n = people.iter().filter(|p| p.sector == *sector).count();
            (n > 0).then(|| format!("{n} {}", sector.short()))
        })
        .collect();
    let mut count = people.len().to_string();
    if !sectors.is_empty() {
        let _ = write!(count, " ({})", sectors.join(", "));
    }
    line("Participants who may be quoted", count);
    // A merge could not settle these: each shows the value it kept, marked.
    let open = s.open_conflicts().count();
    if open > 0 {
        let note = "each shows the value a merge kept until one is chosen in stb (marked ⚠ below)";
        line("Open conflicts", format!("{open}: {note}"));
    }
    for p in people {
        let org = Some(p.organisation.as_str())
            .filter(|o| !o.trim().is_empty() && *o != p.sector.label())
            .map(|o| format!(", {}", escape(o)))
            .unwrap_or_default();
        let _ = writeln!(out, "  - {}{org} ({})", escape(&p.name), p.sector.short());
    }
    out.push('\n');
}

fn barriers_and_enablers(out: &mut String, insights: &[&Insight]) {
    let count = |kind: Kind| insights.iter().filter(|i| i.kind == kind).count();
    let counts = [
        (count(Kind::Barrier), "barrier"),
        (count(Kind::Enabler), "enabler"),
    ];
    let parts: Vec<String> = counts
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, word)| crate::words::count(n, word))
        .collect();
    if parts.is_empty() {
        return;
    }
    let typed = insights
        .iter()
        .filter(|i| i.practice.is_some() && matches!(i.kind, Kind::Barrier | Kind::Enabler))
        .count();
    let _ = write!(out, "**Barriers and enablers:** {}", parts.join(", "));
    if typed > 0 {
        let _ = write!(out, " ({typed} listed under their practice type)");
    }
    out.push_str(".\n\n");
}

/// Insights as bullets and block quotes, in the order given. Consecutive
/// bullets form one list; a quote ends it.
fn entries(out: &mut String, s: &Session, insights: &[&Insight], show_kind: bool, cite: bool) {
    let mut in_list = false;
    for insight in insights {
        let star = if insight.starred { "★ " } else { "" };
        let text = Some(escape(&insight.text))
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| "(no text)".into());
        let question = if cite {
            format!(" (Q{})", insight.question)
        } else {
            String::new()
        };
        let tags: String = insight
            .tags
            .iter()
            .map(|t| format!(" #{}", escape(t)))
            .collect();
        let person = insight.participant.and_then(|id| s.participant(id));
        let tags = tags + &s.conflict_note(insight.id);
        if insight.kind == Kind::Quote {
            if in_list {
                out.push('\n');
                in_list = false;
            }
            let who = person.map_or_else(
                || "a participant".to_owned(),
                |p| match p.organisation.trim() {
                    "" => escape(&p.name),
                    org => format!("{} ({})", escape(&p.name), escape(org)),
                },
            );
            let _ = write!(out, "> {star}{text}\n>\n> — {who}{question}{tags}\n\n");
        } else {
            let kind = match insight.kind {
                Kind::Observation => String::new(),
                kind if show_kind => format!("**{}:** ", kind.label()),
                _ => String::new(),
            };
            let who = person
                .map(|p| format!(" — {}", escape(&p.name)))
                .unwrap_or_default();
            let _ = writeln!(out, "- {star}{kind}{text}{who}{question}{tags}");
            in_list = true;
        }
    }
    if in_list {
        out.push('\n');
    }
}

fn themes(out: &mut String, s: &Session, live: &[&Insight], level: usize) {
    let mut started = false;
    for theme in s.themes.iter().filter(|t| !t.deleted) {
        let mut members: Vec<&Insight> = live
            .iter()
            .copied()
            .filter(|i| theme.contains(i.id))
            .collect();
        if members.is_empty() {
            continue;
        }
        if !started {
            heading(out, level + 1, "Themes");
            started = true;
        }
        heading(out, level + 2, &escape(&theme.name));
        members.sort_by_key(|i| (!i.starred, i.question, i.created, i.id));
        entries(out, s, &members, true, true);
    }
}

/// Counts across sessions: practice types by nation and by sector, and
/// barriers, enablers and lessons by nation.
fn comparison(out: &mut String, sessions: &[Session]) {
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

/// User text as inline Markdown that reads as itself: one line, with every
/// character that could start a block, a link, HTML, code, emphasis or a
/// table cell escaped.
fn escape(text: &str) -> String {
    let flat: Vec<char> = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .collect();
    // A leading "1." or "1)" would start an ordered list.
    let digits = flat.iter().take_while(|c| c.is_ascii_digit()).count();
    let list_marker = (digits > 0).then_some(digits);
    let mut out = String::with_capacity(flat.len() + 8);
    for (k, &c) in flat.iter().enumerate() {
        let prev = k.checked_sub(1).map(|p| flat[p]);
        let next = flat.get(k + 1).copied();
        let special = match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '#' | '|' | '~' => true,
            '_' => {
                !(prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(char::is_alphanumeric))
            }
            '&' => next.is_some_and(|n| n.is_alphanumeric() || n == '#'),
            '-' | '+' | '=' => k == 0,
            '.' | ')' => list_marker == Some(k),
            _ => false,
        };
        if special {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests;
