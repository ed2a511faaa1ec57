//! Popups over a screen: help, editing an insight, moving it, and the
//! participants panel with its form.

use super::Pen;
use super::chrome::{fit, popup};
use super::theme::Theme;
use crate::app::{App, Context, Focus, Workshop, keymap};
use crate::model::Sector;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Row, Table, TableState, Wrap};

/// The popup that goes with the session's focus, if any.
pub fn render_focus_popup(frame: &mut Frame, area: Rect, w: &Workshop, pen: Pen) {
    let theme = pen.theme;
    match &w.focus {
        Focus::Edit { line, .. } => {
            let inner = popup(
                frame,
                area,
                theme,
                76,
                8,
                "Edit insight · Enter applies · Esc cancels",
            );
            let [text, hint] =
                Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
            let field = super::line_field::LineField::of(line).focused(true);
            super::line_field::draw(frame, text, field, pen.caret);
            frame.render_widget(
                Line::styled(
                    "text @name #practice #kind #tag — as on the capture line",
                    theme.hint,
                ),
                hint,
            );
        }
        Focus::Move { id } => {
            let n = w.session.questions.len();
            let inner = popup(
                frame,
                area,
                theme,
                60,
                5 + n as u16,
                "Move insight to question",
            );
            let text = w.session.insight(*id).map_or("", |i| i.text.as_str());
            let mut lines = vec![
                Line::styled(fit(&format!("“{text}”"), inner.width as usize), theme.quote),
                Line::from(""),
            ];
            lines.extend(w.session.questions.iter().enumerate().map(|(i, q)| {
                Line::from(format!("  {}  {}", i + 1, crate::inert::visible(&q.title)))
            }));
            lines.push(Line::styled(
                format!("Press 1–{n} · Esc cancels"),
                theme.hint,
            ));
            frame.render_widget(Paragraph::new(lines), inner);
        }
        Focus::Roster => roster(frame, area, w, theme),
        Focus::Form { form, .. } => {
            roster(frame, area, w, theme);
            let height = form.fields.len() as u16 + 6;
            let inner = popup(frame, area, theme, 80, height, form.title);
            super::form::render_fields(frame, inner, form, pen);
        }
        Focus::Capture | Focus::List => {}
    }
}

fn roster(frame: &mut Frame, area: Rect, w: &Workshop, theme: &Theme) {
    let session = &w.session;
    let people: Vec<_> = session.live_participants().collect();
    let inner = popup(
        frame,
        area,
        theme,
        area.width,
        area.height,
        &format!("Participants ({})", people.len()),
    );
    let [list, hint] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    let sector_width = Sector::ALL
        .iter()
        .map(|s| s.short().len())
        .max()
        .unwrap_or(8);
    // Name and organisation share what the fixed columns, gaps and the
    // highlight symbol leave.
    let free = (list.width as usize).saturating_sub(2 + 4 + sector_width + 12 + 8);
    let (name_width, org_width) = (free / 2, free - free / 2);
    let rows = people.iter().map(|p| {
        let said = session
            .live_insights()
            .filter(|i| i.participant == Some(p.id))
            .count();
        Row::new(vec![
            fit(&p.name, name_width),
            fit(&p.organisation, org_width),
            p.sector.short().to_owned(),
            p.consent.label().to_owned(),
            format!("{said:>8}"),
        ])
    });
    let table = Table::new(
        rows,
        [
            Constraint::Length(name_width as u16),
            Constraint::Length(org_width as u16),
            Constraint::Length(sector_width as u16),
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
        .style(theme.table_header),
    )
    .row_highlight_style(theme.selection)
    .highlight_symbol("› ");
    let mut state =
        TableState::default().with_selected((!people.is_empty()).then_some(w.roster_selected));
    frame.render_stateful_widget(table, list, &mut state);
    frame.render_widget(
        Line::styled(
            "a add · e edit · c consent given now · d remove · Esc close",
            theme.hint,
        ),
        hint,
    );
}

/// Every key, by context, from the key table that handles them. Keys that
/// work everywhere are listed once, first.
pub fn help(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let current = app.screen_context();
    let everywhere = |b: &keymap::Binding| b.contexts.len() >= keymap::ALL_CONTEXTS.len();
    let mut lines: Vec<Line> = vec![
        Line::styled(
            "▸ marks where you are now. ↑↓ PgUp PgDn scroll · Esc, ? or F1 closes.",
            theme.hint,
        ),
        Line::from(""),
        Line::styled("Everywhere", theme.heading),
    ];
    lines.extend(
        keymap::BINDINGS
            .iter()
            .filter(|b| everywhere(b))
            .map(|b| Line::from(format!("  {:<22} {}", keymap::keys_label(b), b.help))),
    );
    for ctx in keymap::ALL_CONTEXTS.iter().filter(|c| **c != Context::Help) {
        lines.push(Line::from(""));
        let marker = if *ctx == current { "▸ " } else { "" };
        lines.push(Line::styled(
            format!("{marker}{}", ctx.title()),
            theme.heading,
        ));
        // Bindings that do the same thing here share one row: "Ctrl+T / t".
        let mut rows: Vec<(String, &str)> = Vec::new();
        for binding in keymap::bindings_for(*ctx).filter(|b| !everywhere(b)) {
            let keys = keymap::keys_label(binding);
            match rows.iter_mut().find(|(_, help)| *help == binding.help) {
                Some((existing, _)) => {
                    if !existing
                        .split(" / ")
                        .any(|k| keys.split(" / ").any(|n| n == k))
                    {
                        existing.push_str(" / ");
                        existing.push_str(&keys);
                    }
                }
                None => rows.push((keys, binding.help)),
            }
        }
        lines.extend(
            rows.into_iter()
                .map(|(keys, help)| Line::from(format!("  {keys:<22} {help}"))),
        );
    }
    let inner = popup(frame, area, theme, 78, area.height, "Help · every key");
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((app.help_scroll, 0)),
        inner,
    );
}
