//! Pieces every screen shares: the status line, key hints, popups, and
//! fitting user text into a width.

use crate::app::{App, SaveState, keymap};
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The bottom line: save state, then the message or the context's hints.
pub fn status_line(frame: &mut Frame, area: Rect, app: &App) {
    let save = match &app.save {
        SaveState::Idle => Span::raw(""),
        SaveState::Saved(at) => Span::styled(
            format!(" saved {} ", app.local_time(*at)),
            Style::new().fg(Color::Green),
        ),
        SaveState::Failed(error) => Span::styled(
            format!(" NOT SAVED (retrying; data kept in memory): {error} "),
            Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD),
        ),
    };
    let mut spans = vec![save];
    match &app.message {
        Some(message) => spans.push(Span::styled(
            format!(" {message}"),
            Style::new().fg(Color::Yellow),
        )),
        None => spans.push(Span::styled(
            format!(" {}", hints(app)),
            Style::new().fg(Color::DarkGray),
        )),
    }
    frame.render_widget(Line::from(spans), area);
}

/// Key hints for the current context, from the key table.
fn hints(app: &App) -> String {
    keymap::bindings_for(app.context())
        .filter(|b| b.hint)
        .map(|b| format!("{} {}", b.keys[0].label(), b.help))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// A centred popup area of at most `width`×`height`, cleared and framed.
pub fn popup(frame: &mut Frame, area: Rect, width: u16, height: u16, title: &str) -> Rect {
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [rect] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .title(Line::from(format!(" {title} ")).bold())
        .border_style(Style::new().fg(Color::Cyan));
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    inner
}

/// Cuts `text` to at most `width` columns, ending in `…` when cut, never
/// splitting a grapheme (a Welsh ŵ in decomposed form, an emoji family).
pub fn fit(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for g in text.graphemes(true) {
        let w = g.width();
        if used + w + 1 > width {
            break;
        }
        out.push_str(g);
        used += w;
    }
    out.push('…');
    out
}
