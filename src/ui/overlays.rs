//! Popups over a screen: help, editing an insight, moving it, and the
//! participants panel with its form.

use super::chrome::{fit, popup};
use crate::app::{App, Context, Focus, Workshop, keymap};
use crate::model::Sector;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Row, Table, TableState, Wrap};

/// The popup that goes with the session's focus, if any.
pub fn render_focus_popup(frame: &mut Frame, area: Rect, w: &Workshop) {
    match &w.focus {
        Focus::Edit { line, .. } => {
            let inner = popup(
                frame,
                area,
                76,
                8,
                "Edit insight · Enter applies · Esc cancels",
            );
            let [text, hint] =
                Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
            let mut line = line.clone();
            line.set_cursor_line_style(Style::new());
            line.set_cursor_style(Style::new().add_modifier(Modifier::REVERSED));
            frame.render_widget(&*line, text);
            frame.render_widget(
                Line::styled(
                    "text @name #practice #kind #tag — as on the capture line",
                    Style::new().fg(Color::DarkGray),
                ),
                hint,
            );
        }
        Focus::Move { .. } => {
            let n = w.session.questions.len();
            let inner = popup(frame, area, 50, 3 + n as u16, "Move insight to question");
            let lines: Vec<Line> = w
                .session
                .questions
                .iter()
                .enumerate()
                .map(|(i, q)| Line::from(format!("{}  {}", i + 1, q.title)))
                .chain([Line::styled(
                    "Esc cancels",
                    Style::new().fg(Color::DarkGray),
                )])
                .collect();
            frame.render_widget(Paragraph::new(lines), inner);
        }
        Focus::Roster => roster(frame, area, w),
        Focus::Form { form, .. } => {
            let inner = popup(frame, area, 80, form.fields.len() as u16 + 6, form.title);
            super::form::render_fields(frame, inner, form);
        }
        Focus::Capture | Focus::List => {}
    }
}

fn roster(frame: &mut Frame, area: Rect, w: &Workshop) {
    let session = &w.session;
    let people: Vec<_> = session.live_participants().collect();
    let inner = popup(
        frame,
        area,
        area.width.saturating_sub(4),
        area.height.saturating_sub(2),
        &format!("Participants ({})", people.len()),
    );
    let [list, hint] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    let rows = people.iter().map(|p| {
        let said = session
            .live_insights()
            .filter(|i| i.participant == Some(p.id))
            .count();
        Row::new(vec![
            fit(&p.name, 22),
            fit(&p.organisation, 24),
            p.sector.short().to_owned(),
            p.consent.label().to_owned(),
            format!("{said:>3}"),
        ])
    });
    let table = Table::new(
        rows,
        [
            Constraint::Fill(2),
            Constraint::Fill(2),
            Constraint::Length(
                Sector::ALL
                    .iter()
                    .map(|s| s.short().len())
                    .max()
                    .unwrap_or(8) as u16,
            ),
            Constraint::Length(12),
            Constraint::Length(8),
        ],
    )
    .header(
        Row::new(vec![
            "Name",
            "Organisation",
            "Sector",
            "Consent",
            "Insights",
        ])
        .add_modifier(Modifier::BOLD),
    )
    .row_highlight_style(Style::new().add_modifier(Modifier::REVERSED))
    .highlight_symbol("› ");
    let mut state =
        TableState::default().with_selected((!people.is_empty()).then_some(w.roster_selected));
    frame.render_stateful_widget(table, list, &mut state);
    frame.render_widget(
        Line::styled(
            "a add · e edit · c consent given now · d remove · Esc close",
            Style::new().fg(Color::DarkGray),
        ),
        hint,
    );
}

/// Every key, by context, from the key table that handles them. Keys that
/// work everywhere are listed once, first.
pub fn help(frame: &mut Frame, area: Rect, app: &App) {
    let current = app.screen_context();
    let everywhere = |b: &keymap::Binding| b.contexts.len() >= keymap::ALL_CONTEXTS.len();
    let mut lines: Vec<Line> = vec![
        Line::from("▸ marks where you are now. ↑↓ PgUp PgDn scroll · Esc, ? or F1 closes.")
            .fg(Color::DarkGray),
        Line::from(""),
        Line::from("Everywhere").bold().fg(Color::Cyan),
    ];
    lines.extend(
        keymap::BINDINGS
            .iter()
            .filter(|b| everywhere(b))
            .map(help_row),
    );
    for ctx in keymap::ALL_CONTEXTS.iter().filter(|c| **c != Context::Help) {
        lines.push(Line::from(""));
        let marker = if *ctx == current { "▸ " } else { "" };
        lines.push(
            Line::from(format!("{marker}{}", ctx.title()))
                .bold()
                .fg(Color::Cyan),
        );
        let mut seen: Vec<String> = Vec::new();
        for binding in keymap::bindings_for(*ctx).filter(|b| !everywhere(b)) {
            let row = help_row(binding);
            let text = row.to_string();
            if !seen.contains(&text) {
                seen.push(text);
                lines.push(row);
            }
        }
    }
    let inner = popup(frame, area, 78, area.height, "Help · every key");
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((app.help_scroll, 0)),
        inner,
    );
}

fn help_row(binding: &keymap::Binding) -> Line<'static> {
    Line::from(format!(
        "  {:<22} {}",
        keymap::keys_label(binding),
        binding.help
    ))
}
