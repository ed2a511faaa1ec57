//! The export picker over the review: every format in full words, the one
//! chosen marked and in reverse video (legible without colour), the options
//! as `[x]` toggles, and the file name the choice will be written under, so
//! what leaves stb is clear before Enter. Every key it names comes from the
//! key table. Pure: it reads the picker and the review, nothing else.

use super::chrome::{fit, popup};
use super::theme::Theme;
use crate::app::keymap::{Context, key_label};
use crate::app::{Action, ExportPicker, Review};
use crate::export::Format;
use crate::ui::canvas::Canvas;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// Rows of the picker with its blank separators; fewer rows drop them.
const ROOMY: u16 = Format::ALL.len() as u16 + 8;

/// Draws the picker centred in `area`.
pub fn render(frame: &mut Canvas, area: Rect, r: &Review, picker: &ExportPicker, theme: &Theme) {
    let key = |action: &Action| key_label(Context::ExportPicker, action);
    let title = format!(
        "Export what is open · {} exports · {} cancels",
        key(&Action::Submit),
        key(&Action::Cancel)
    );
    let framed = popup(frame, area, theme, 76, ROOMY + 2, &title);
    // A column of margin each side, as far as the width allows.
    let inner = Rect {
        x: framed.x + framed.width.min(1),
        width: framed.width.saturating_sub(2),
        ..framed
    };
    let width = usize::from(inner.width);
    let line = |text: String| Line::from(fit(&text, width));
    let roomy = inner.height >= ROOMY;

    let mut lines = vec![
        line(format!(
            "Format ({} {} chooses)",
            key(&Action::Up),
            key(&Action::Down)
        ))
        .style(theme.title),
    ];
    for format in Format::ALL {
        let chosen = format == picker.format;
        let row = line(format!(
            "{} {:<18} .{:<5} {}",
            if chosen { "›" } else { " " },
            format.title(),
            format.extension(),
            format.purpose()
        ));
        lines.push(if chosen {
            row.style(theme.selection)
        } else {
            row
        });
    }
    if roomy {
        lines.push(Line::default());
    }
    lines.push(line("Options".into()).style(theme.title));
    let options = [
        (
            picker.options.pseudonymise,
            Action::TogglePseudonymise,
            "Pseudonymise names: P01, P02, … inside texts too",
        ),
        (
            picker.options.coarsen,
            Action::ToggleCoarsen,
            "Coarsen organisations: each becomes its sector",
        ),
    ];
    for (on, action, what) in options {
        let mark = if on { "[x]" } else { "[ ]" };
        lines.push(line(format!("{mark} {}  {what}", key(&action))));
    }
    if roomy {
        lines.push(Line::default());
    }
    lines.push(line(
        "Written into exports/ in the sessions folder as".into(),
    ));
    lines.push(line(format!("  {}", r.export_name(picker).file_name())).style(theme.title));
    frame.render_widget(Paragraph::new(lines), inner);
}
