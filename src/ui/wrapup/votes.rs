//! The wrap-up's "Votes" list: every live insight ranked by dot votes, most
//! first, ties in the order they were captured, with the selection the vote
//! keys act on. One row an insight, cut to the width, so the ranking reads
//! at a glance; the starred box above keeps the full texts.

use super::framed;
use crate::app::{Action, Context, Workshop, keymap::key_label};
use crate::ui::canvas::Canvas;
use crate::ui::chrome::fit;
use crate::ui::theme::Theme;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

/// Draws the ranking in `area`, scrolled to keep the selection in view.
pub fn render(frame: &mut Canvas, area: Rect, w: &Workshop, theme: &Theme) {
    let session = &w.session;
    let ranking = w.ranked();
    let (rows, voted) = (&ranking.rows, ranking.voted);
    let keys = format!(
        "{} {}",
        key_label(Context::WrapUp, &Action::Vote),
        key_label(Context::WrapUp, &Action::Unvote)
    );
    let block = framed(
        theme,
        format!(" ● Votes ({voted} of {} voted) · {keys} ", rows.len()),
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut lines: Vec<Line> = Vec::new();
    if voted == 0 {
        lines.push(Line::styled(
            format!(
                " {} adds a vote · {} takes one back",
                key_label(Context::WrapUp, &Action::Vote),
                key_label(Context::WrapUp, &Action::Unvote),
            ),
            theme.hint,
        ));
    }
    let height = usize::from(inner.height).saturating_sub(lines.len());
    let first = w.selected.saturating_sub(height.saturating_sub(1));
    let width = usize::from(inner.width);
    // Only the rows that can show are built.
    for (rank, &at) in rows.iter().enumerate().skip(first).take(height) {
        let insight = &session.insights[at];
        let total = insight.total_votes();
        let mark = if total > 0 {
            format!("●{total:<3}")
        } else {
            "    ".to_owned()
        };
        let mut spans = vec![
            Span::styled(format!("{:>3}. ", rank + 1), theme.meta),
            Span::styled(mark, theme.votes),
            Span::styled(if insight.starred { "★ " } else { "  " }, theme.starred),
        ];
        let question = format!("  (Q{})", insight.question);
        let person = insight
            .participant
            .and_then(|p| session.participant(p))
            .map(|p| format!(" — {}", crate::inert::visible(&p.name)))
            .unwrap_or_default();
        let used: usize = spans.iter().map(|s| s.content.width()).sum();
        let room = width.saturating_sub(used + question.width());
        // A narrow box keeps the words and drops the name.
        let person = if room < 40 {
            String::new()
        } else {
            fit(&person, room / 3)
        };
        let text = fit(&insight.text, room.saturating_sub(person.width()));
        spans.push(Span::raw(text));
        spans.push(Span::styled(person, theme.person));
        spans.push(Span::styled(question, theme.meta));
        let mut line = Line::from(spans);
        if rank == w.selected {
            line = line.style(theme.selection);
        }
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
