//! A form: one row per field, the focused field highlighted with its hint.

use crate::app::{FieldValue, Form};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

const LABEL: u16 = 16;

pub fn render(frame: &mut Frame, area: Rect, form: &Form) {
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .title(Line::from(format!(" {} ", form.title)).bold());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    render_fields(frame, inner, form);
}

/// The fields of a form, one per row, then its hint and error lines.
pub fn render_fields(frame: &mut Frame, area: Rect, form: &Form) {
    let mut rows: Vec<Constraint> = form.fields.iter().map(|_| Constraint::Length(1)).collect();
    rows.push(Constraint::Length(1));
    rows.push(Constraint::Length(2));
    rows.push(Constraint::Min(0));
    let areas = Layout::vertical(rows).split(area);
    for (i, field) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        let [label, value] =
            Layout::horizontal([Constraint::Length(LABEL), Constraint::Min(1)]).areas(areas[i]);
        let label_style = if focused {
            Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
        } else {
            Style::new()
        };
        let marker = if focused { "› " } else { "  " };
        frame.render_widget(
            Line::styled(format!("{marker}{}", field.label), label_style),
            label,
        );
        match &field.value {
            FieldValue::Text(area) => {
                let field = super::line_field::LineField::of(area);
                let field = if focused {
                    field
                        .style(Style::new().bg(Color::Rgb(40, 40, 60)))
                        .cursor(Some(Style::new().add_modifier(Modifier::REVERSED)))
                } else {
                    field
                };
                frame.render_widget(field, value);
            }
            FieldValue::Choice { options, index } => {
                let text = format!("◀ {} ▶", options[*index]);
                let style = if focused {
                    Style::new().add_modifier(Modifier::REVERSED)
                } else {
                    Style::new()
                };
                frame.render_widget(Line::styled(text, style), value);
            }
        }
    }
    let n = form.fields.len();
    let hint = form.fields.get(form.focus).map_or("", |f| f.hint);
    frame.render_widget(
        Line::from(Span::styled(
            format!("  {hint}"),
            Style::new().fg(Color::DarkGray),
        )),
        areas[n],
    );
    if let Some(error) = &form.error {
        frame.render_widget(
            Paragraph::new(format!("  ✗ {}", crate::inert::visible(error)))
                .style(Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)),
            areas[n + 1],
        );
    }
}
