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
//! - Votes are marked `●N` and ranked in a section of their own (`votes`).
//! - Quotes are block quotes with an attribution paragraph (`— Name
//!   (Organisation)`, or `— a participant`); the rest are bullets `text —
//!   Name #tags`. Names are as [`super::prepare`] left them.
//! - Themes list their insights again, each with its question number.
//! - `## Comparison` appears only when several sessions are exported (one
//!   session is one place and one nation): practice types by nation and by
//!   sector, and barriers, enablers and lessons by nation, as counts.
//! - Each question gives its planned and actual time (`**Time:** planned 20
//!   min, took 23 min (extended to 25 min)`), as the write-up reports them.
//! - Comments follow their insight (a nested bullet, or a line of the
//!   quote), only those [`super::prepare`] kept, names scrubbed.
//! - User text is flattened to one line and escaped wherever it could make
//!   structure: `#`, `|`, `>`, brackets, HTML, code and emphasis marks, and a
//!   leading list marker. Intraword `_` is left alone, as it cannot emphasise.
//!   `@` and `$` are escaped too: pandoc's default reader (the usual way from
//!   this draft to Word) makes `@word` a citation and `$…$` maths.

mod agreed;
mod comparison;
mod votes;
use super::Prepared;
use crate::model::{Insight, Kind, PracticeType, Sector, Session};
use comparison::comparison;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use ulid::Ulid;

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
        render_session(&mut out, session, level, &prepared.anonymous);
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

fn render_session(out: &mut String, s: &Session, level: usize, anonymous: &BTreeSet<Ulid>) {
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
        if let Some(time) = timing(def, s.timeline.get(n - 1)) {
            let _ = write!(out, "**Time:** {time}.\n\n");
        }
        let mut here = agreed::listed_under(&live, n);
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
            entries(out, s, chunk, kind_shown, false, anonymous);
        }
    }
    agreed::sections(out, s, level, anonymous);
    votes::section(out, s, &live, level, anonymous);
    themes(out, s, &live, level, anonymous);
}

/// A question's planned and actual time, as "planned 20 min, took 23 min
/// (extended to 25 min)"; None when there is nothing to say.
fn timing(
    def: Option<&crate::model::QuestionDef>,
    timing: Option<&crate::model::QuestionTiming>,
) -> Option<String> {
    let planned = def.map(|q| q.timebox_minutes);
    let mut parts = Vec::new();
    if let Some(planned) = planned {
        parts.push(format!("planned {planned} min"));
    }
    match timing {
        Some(t) if t.elapsed_seconds > 0 || t.started.is_some() => {
            let minutes = (t.elapsed_seconds + 30) / 60;
            parts.push(format!("took {minutes} min"));
            if planned.is_some_and(|p| t.allotted_minutes > p) {
                parts.push(format!("(extended to {} min)", t.allotted_minutes));
            }
        }
        _ if planned.is_some() => parts.push("not timed".into()),
        _ => {}
    }
    (!parts.is_empty()).then(|| parts.join(", ").replace(", (", " ("))
}

/// The session against its agenda: `took 83 min of 80 planned (3 over)`,
/// every question's time added up (as each question's "Time" line says).
fn session_time(s: &Session) -> String {
    let total = crate::agenda::total(s, jiff::Timestamp::UNIX_EPOCH);
    let (took, planned) = ((total.actual + 30) / 60, total.planned / 60);
    let mut text = format!("took {took} min of {planned} planned");
    match took.cmp(&planned) {
        std::cmp::Ordering::Greater => text.push_str(&format!(" ({} over)", took - planned)),
        std::cmp::Ordering::Less => text.push_str(&format!(" ({} under)", planned - took)),
        std::cmp::Ordering::Equal => {}
    }
    text
}

fn details(out: &mut String, s: &Session) {
    let mut line = |label: &str, value: String| {
        let _ = writeln!(out, "- **{label}:** {value}");
    };
    line("Place", escape(&s.place.locality));
    line("Nation", s.place.nation.label().into());
    line("Date", s.date.strftime("%-d %B %Y").to_string());
    line("Facilitator", escape(&s.facilitator));
    line("Time", session_time(s));
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

/// Insights as bullets and block quotes, in the order given, each with its
/// comments. Consecutive bullets form one list; a quote ends it. A speaker
/// kept but not named (consent not recorded) is "a participant".
fn entries(
    out: &mut String,
    s: &Session,
    insights: &[&Insight],
    show_kind: bool,
    cite: bool,
    anonymous: &BTreeSet<Ulid>,
) {
    let mut in_list = false;
    for insight in insights {
        let star = votes::marks(insight);
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
            let _ = write!(out, "> {star}{text}\n>\n> — {who}{question}{tags}\n");
            for comment in comments(insight) {
                let _ = write!(out, ">\n> {comment}\n");
            }
            out.push('\n');
        } else {
            let kind = match insight.kind {
                Kind::Observation => String::new(),
                kind if show_kind => format!("**{}:** ", kind.label()),
                _ => String::new(),
            };
            let who = match person {
                Some(p) => format!(" — {}", escape(&p.name)),
                None if anonymous.contains(&insight.id) => " — a participant".to_owned(),
                None => String::new(),
            };
            let _ = writeln!(out, "- {star}{kind}{text}{who}{question}{tags}");
            for comment in comments(insight) {
                let _ = writeln!(out, "  - {comment}");
            }
            in_list = true;
        }
    }
    if in_list {
        out.push('\n');
    }
}

/// An insight's comments, each as `*Comment by <author>:* text`. Only
/// what [`super::prepare`] kept is here: comments on the words of those who
/// may be quoted (or quoted unnamed), names scrubbed.
fn comments(insight: &Insight) -> impl Iterator<Item = String> + '_ {
    insight.comments.iter().filter(|c| !c.deleted).map(|c| {
        let text = Some(escape(&c.text))
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| "(no text)".into());
        match escape(&c.author) {
            author if author.is_empty() => format!("*Comment:* {text}"),
            author => format!("*Comment by {author}:* {text}"),
        }
    })
}

fn themes(
    out: &mut String,
    s: &Session,
    live: &[&Insight],
    level: usize,
    anonymous: &BTreeSet<Ulid>,
) {
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
        entries(out, s, &members, true, true, anonymous);
    }
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
            // pandoc reads `@word` as a citation and `$…$` as maths.
            '@' | '$' => true,
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
