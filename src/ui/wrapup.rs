//! The wrap-up after the last question: counts per question, practice type,
//! kind and sector, the starred insights to read back to the room, and the
//! insights ranked by the room's dot votes (see `votes`).

mod votes;

use super::chrome::fit;
use super::theme::Theme;
use crate::app::Workshop;
use crate::model::{Kind, PracticeType, Sector, Session};
use crate::ui::canvas::Canvas;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Row, Table, Wrap};

/// Counts of live insights by question, practice type, kind and sector
/// (every sector, and "not recorded" when anyone's is).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub per_question: Vec<usize>,
    pub per_practice: Vec<(PracticeType, usize)>,
    pub unclassified: usize,
    pub per_kind: Vec<(Kind, usize)>,
    pub per_sector: Vec<(Sector, usize)>,
    pub unattributed: usize,
}

/// Tallies a session's live insights.
pub fn counts(session: &Session) -> Counts {
    let mut c = Counts {
        per_question: vec![0; session.questions.len()],
        per_practice: PracticeType::ALL.iter().map(|p| (*p, 0)).collect(),
        per_kind: Kind::ALL.iter().map(|k| (*k, 0)).collect(),
        per_sector: Sector::ALL.iter().map(|s| (*s, 0)).collect(),
        ..Counts::default()
    };
    for insight in session.live_insights() {
        // A parked insight is on the wrap-up's parking lot, not its question.
        if let Some(n) = c
            .per_question
            .get_mut(insight.question - 1)
            .filter(|_| !insight.parked)
        {
            *n += 1;
        }
        match insight.practice {
            Some(p) => {
                c.per_practice
                    .iter_mut()
                    .find(|(x, _)| *x == p)
                    .expect("all types")
                    .1 += 1
            }
            None => c.unclassified += 1,
        }
        c.per_kind
            .iter_mut()
            .find(|(x, _)| *x == insight.kind)
            .expect("all kinds")
            .1 += 1;
        match insight.participant.and_then(|p| session.participant(p)) {
            Some(p) => {
                c.per_sector
                    .iter_mut()
                    .find(|(x, _)| *x == p.sector)
                    .expect("all sectors")
                    .1 += 1
            }
            None => c.unattributed += 1,
        }
    }
    // A gap in the roster, not a sector: listed only when someone has it.
    c.per_sector
        .retain(|(s, n)| *s != Sector::NotRecorded || *n > 0);
    c
}

/// A box with a title, as every part of the wrap-up has.
fn framed<'a>(theme: &Theme, title: String) -> Block<'a> {
    Block::bordered()
        .border_type(theme.border_type)
        .title(Line::styled(title, theme.title))
}

fn table<'a>(theme: &Theme, title: &'a str, rows: Vec<(String, usize)>) -> Table<'a> {
    let rows = rows
        .into_iter()
        .map(|(label, n)| Row::new(vec![label, format!("{n:>4}")]));
    Table::new(rows, [Constraint::Fill(1), Constraint::Length(5)])
        .block(framed(theme, format!(" {title} ")))
}

pub fn render(frame: &mut Canvas, area: Rect, w: &Workshop, now: jiff::Timestamp, theme: &Theme) {
    let session = &w.session;
    let time = crate::agenda::total(session, now);
    let c = counts(session);
    let [header, body] = Layout::vertical([Constraint::Length(2), Constraint::Min(4)]).areas(area);
    let width = area.width as usize;
    let total: usize = c.per_question.iter().sum();
    frame.render_widget(
        Paragraph::new(vec![
            Line::styled(
                fit(&format!(" Wrap-up · {}", session.title), width),
                theme.title,
            ),
            Line::styled(
                fit(
                    &format!(
                        " {} from {} · time {} planned · {} · {}",
                        crate::words::count(total, "insight"),
                        crate::words::count(session.live_participants().count(), "participant"),
                        time.describe(),
                        session.place,
                        session.date,
                    ),
                    width,
                ),
                theme.meta,
            ),
        ]),
        header,
    );
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(body);
    // The kind and sector tables sit side by side; sectors add "(nobody)".
    let pair_rows = Kind::ALL.len().max(c.per_sector.len() + 1);
    let tables_height = session.questions.len() + PracticeType::ALL.len() + pair_rows + 7;
    if (left.height as usize) < tables_height {
        compact_counts(frame, left, session, &c, theme);
        let right = super::wrapup_lists::render(frame, right, w, theme);
        starred_and_votes(frame, right, w, theme);
        return;
    }
    let [questions, practice, pair] = Layout::vertical([
        Constraint::Length(session.questions.len() as u16 + 2),
        Constraint::Length(PracticeType::ALL.len() as u16 + 3),
        Constraint::Min(3),
    ])
    .areas(left);
    let [kind, sector] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(pair);
    let per_q = session.questions.iter().zip(&c.per_question).enumerate();
    frame.render_widget(
        table(
            theme,
            "Per question",
            per_q
                .map(|(i, (q, n))| {
                    (
                        format!("{}. {}", i + 1, crate::inert::visible(&q.title)),
                        *n,
                    )
                })
                .collect(),
        ),
        questions,
    );
    let mut rows: Vec<(String, usize)> = c
        .per_practice
        .iter()
        .map(|(p, n)| (p.label().to_owned(), *n))
        .collect();
    rows.push(("(unclassified)".into(), c.unclassified));
    frame.render_widget(table(theme, "Practice type", rows), practice);
    frame.render_widget(
        table(
            theme,
            "Kind",
            c.per_kind
                .iter()
                .map(|(k, n)| (k.label().to_owned(), *n))
                .collect(),
        ),
        kind,
    );
    let mut rows: Vec<(String, usize)> = c
        .per_sector
        .iter()
        .map(|(s, n)| (s.short().to_owned(), *n))
        .collect();
    rows.push(("(nobody)".into(), c.unattributed));
    frame.render_widget(table(theme, "Sector", rows), sector);
    let right = super::wrapup_lists::render(frame, right, w, theme);
    starred_and_votes(frame, right, w, theme);
}

/// The starred insights above, the ranking by votes below; the starred
/// box shrinks to its hint while nothing is starred.
fn starred_and_votes(frame: &mut Canvas, area: Rect, w: &Workshop, theme: &Theme) {
    let any_starred = w.session.live_insights().any(|i| i.starred);
    let top = if any_starred {
        Constraint::Percentage(50)
    } else {
        Constraint::Length(3)
    };
    let [top, bottom] = Layout::vertical([top, Constraint::Min(3)]).areas(area);
    starred(frame, top, w, theme);
    votes::render(frame, bottom, w, theme);
}

/// The starred insights in full, wrapped, to read back to the room.
fn starred(frame: &mut Canvas, area: Rect, w: &Workshop, theme: &Theme) {
    let session = &w.session;
    let starred: Vec<_> = session.live_insights().filter(|i| i.starred).collect();
    let block = framed(theme, format!(" ★ Starred ({}) ", starred.len()));
    if starred.is_empty() {
        let hint = Line::styled(
            format!(
                " None yet: {} then {} stars an insight in a question's list",
                crate::app::keymap::key_label(
                    crate::app::Context::Capture,
                    &crate::app::Action::SelectInsights
                ),
                crate::app::keymap::key_label(crate::app::Context::List, &crate::app::Action::Star)
            ),
            theme.hint,
        );
        frame.render_widget(Paragraph::new(hint).block(block), area);
        return;
    }
    let mut lines: Vec<Line> = Vec::new();
    // Only the rows that can show are built.
    for insight in starred.iter().take(area.height as usize) {
        let mut spans = vec![
            Span::styled("★ ", theme.starred),
            Span::raw(crate::inert::visible(&insight.text)),
        ];
        if let Some(p) = insight.participant.and_then(|p| session.participant(p)) {
            spans.push(Span::styled(
                format!(" — {}", crate::inert::visible(&p.name)),
                theme.person,
            ));
        }
        spans.push(Span::styled(
            format!("  (Q{})", insight.question),
            theme.meta,
        ));
        lines.push(Line::from(spans));
        lines.push(Line::from(""));
    }
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(block),
        area,
    );
}

/// The counts as wrapped lines, for windows too short for the tables.
fn compact_counts(frame: &mut Canvas, area: Rect, session: &Session, c: &Counts, theme: &Theme) {
    let join = |items: Vec<String>| items.join(" · ");
    let questions = join(
        c.per_question
            .iter()
            .enumerate()
            .map(|(i, n)| format!("Q{} {n}", i + 1))
            .collect(),
    );
    let mut practice: Vec<String> = c
        .per_practice
        .iter()
        .map(|(p, n)| format!("{} {n}", p.label()))
        .collect();
    practice.push(format!("unclassified {}", c.unclassified));
    let kinds = c
        .per_kind
        .iter()
        .map(|(k, n)| format!("{} {n}", k.label()))
        .collect();
    let mut sectors: Vec<String> = c
        .per_sector
        .iter()
        .map(|(s, n)| format!("{} {n}", s.short()))
        .collect();
    sectors.push(format!("nobody {}", c.unattributed));
    let line = |label: &'static str, text: String| {
        Line::from(vec![
            Span::styled(format!("{label}: "), theme.heading),
            Span::raw(text),
        ])
    };
    let lines = vec![
        line("Questions", questions),
        line("Practice", join(practice)),
        line("Kind", join(kinds)),
        line("Sector", join(sectors)),
    ];
    let title = crate::words::count(session.questions.len(), "question");
    let block = framed(theme, format!(" Counts · {title} "));
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(block),
        area,
    );
}
