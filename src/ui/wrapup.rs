//! The wrap-up after the last question: counts per question, practice type,
//! kind and sector, and the starred insights to read back to the room.

use super::question::insight_line;
use crate::app::{App, Workshop};
use crate::model::{Kind, PracticeType, Sector, Session};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Paragraph, Row, Table};

/// Counts of live insights by question, practice type, kind and sector.
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
        if let Some(n) = c.per_question.get_mut(insight.question - 1) {
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
    c
}

fn table<'a>(title: &'a str, rows: Vec<(String, usize)>) -> Table<'a> {
    let rows = rows
        .into_iter()
        .map(|(label, n)| Row::new(vec![label, format!("{n:>4}")]));
    Table::new(rows, [Constraint::Fill(1), Constraint::Length(5)]).block(
        Block::bordered()
            .border_type(BorderType::Rounded)
            .title(Line::from(format!(" {title} ")).bold()),
    )
}

pub fn render(frame: &mut Frame, area: Rect, app: &App, w: &Workshop) {
    let session = &w.session;
    let c = counts(session);
    let [header, body] = Layout::vertical([Constraint::Length(2), Constraint::Min(4)]).areas(area);
    let total: usize = c.per_question.iter().sum();
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(format!(" Wrap-up · {} · {} · {}", session.title, session.place, session.date)).bold(),
            Line::from(format!(
                " {total} insights from {} participants · Ctrl+P back to question {} · Ctrl+Q saves and closes",
                session.live_participants().count(),
                session.questions.len()
            ))
            .fg(Color::DarkGray),
        ]),
        header,
    );
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(body);
    let n_practice = PracticeType::ALL.len() as u16 + 3;
    let [questions, practice, kind, sector] = Layout::vertical([
        Constraint::Length(session.questions.len() as u16 + 2),
        Constraint::Length(n_practice),
        Constraint::Length(Kind::ALL.len() as u16 + 2),
        Constraint::Min(3),
    ])
    .areas(left);
    let per_q = session.questions.iter().zip(&c.per_question).enumerate();
    frame.render_widget(
        table(
            "Per question",
            per_q
                .map(|(i, (q, n))| (format!("{}. {}", i + 1, q.title), *n))
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
    frame.render_widget(table("Practice type", rows), practice);
    frame.render_widget(
        table(
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
    rows.push(("(unattributed)".into(), c.unattributed));
    frame.render_widget(table("Sector", rows), sector);

    let starred: Vec<_> = session.live_insights().filter(|i| i.starred).collect();
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .title(Line::from(format!(" ★ Starred ({}) ", starred.len())).bold());
    let inner = block.inner(right);
    frame.render_widget(block, right);
    if starred.is_empty() {
        frame.render_widget(
            Line::styled(
                " No starred insights: s stars one in a question's list",
                Style::new().fg(Color::DarkGray),
            ),
            inner,
        );
        return;
    }
    let height = inner.height as usize;
    let start = w.selected.min(starred.len().saturating_sub(height));
    for (row, insight) in starred.iter().skip(start).take(height).enumerate() {
        let line = insight_line(app, session, insight, inner.width as usize);
        let line = if row + start == w.selected {
            line.style(Style::new().add_modifier(Modifier::BOLD))
        } else {
            line
        };
        frame.render_widget(
            line,
            Rect {
                y: inner.y + row as u16,
                height: 1,
                ..inner
            },
        );
    }
}
