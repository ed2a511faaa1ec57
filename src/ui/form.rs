//! A form: one row per field, the focused field highlighted with its hint.

use super::Pen;
use crate::app::{FieldValue, Form};
use crate::ui::canvas::Canvas;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

const LABEL: u16 = 16;

pub fn render(frame: &mut Canvas, area: Rect, form: &Form, pen: Pen) {
    let block = Block::bordered()
        .border_type(pen.theme.border_type)
        .title(Line::styled(format!(" {} ", form.title), pen.theme.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    render_fields(frame, inner, form, pen);
}

/// The fields of a form, one per row, then its hint and error lines. The
/// focused text field has the terminal's cursor.
pub fn render_fields(frame: &mut Canvas, area: Rect, form: &Form, pen: Pen) {
    let theme = pen.theme;
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
            theme.label_focused
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
                let field = super::line_field::LineField::of(area).focused(focused);
                let field = if focused {
                    field.style(theme.field_focused)
                } else {
                    field
                };
                super::line_field::draw(frame, value, field, pen.caret);
            }
            FieldValue::Choice { options, index } => {
                let text = format!("◀ {} ▶", crate::inert::visible(&options[*index]));
                let style = if focused {
                    theme.selection
                } else {
                    Style::new()
                };
                frame.render_widget(Line::styled(text, style), value);
            }
        }
    }
    let n = form.fields.len();
    let hint = match form.fields.get(form.focus) {
        Some(f) if matches!(f.value, crate::app::FieldValue::Choice { .. }) => {
            format!("{} {}", crate::app::keymap::choice_keys_label(), f.hint)
        }
        Some(f) => f.hint.to_owned(),
        None => String::new(),
    };
    frame.render_widget(
        Line::from(Span::styled(format!("  {hint}"), theme.hint)),
        areas[n],
    );
    if let Some(error) = &form.error {
        frame.render_widget(
            Paragraph::new(format!("  ✗ {}", crate::inert::visible(error))).style(theme.error),
            areas[n + 1],
        );
    }
}
