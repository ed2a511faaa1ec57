//! The rows of a question's insights list: each insight's line, and the
//! visible ones laid out newest at the bottom, from the cells kept for them.

use super::chrome::fit;
use super::entry_cells::EntryCells;
use super::frame_cache::ListKey;
use super::theme::Theme;
use crate::app::{App, Workshop};
use crate::model::{Insight, Session};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use std::rc::Rc;

/// One insight in view: its cells, and the row they start on.
#[derive(Clone, Debug)]
pub struct Placed {
    pub cells: Rc<Buffer>,
    pub y: u16,
}

/// Where the insights in view go in `inner`, newest at the bottom (or
/// from the selection down when it is above that window).
pub fn lay_out(
    inner: Rect,
    app: &App,
    w: &Workshop,
    rows: &[usize],
    key: &ListKey,
    theme: &Theme,
    entries: &EntryCells,
) -> Vec<Placed> {
    let entry = |row: usize| {
        let selected = key.focused && row == w.selected;
        cells_of(app, w, rows[row], (key, selected), theme, entries)
    };
    // Walk up from the last row, drawing only what shows.
    let newest_first = (0..rows.len()).rev().map(|row| (row, entry(row)));
    let mut shown = newest_that_fit(newest_first, inner.height, |(_, cells)| cells);
    let start = shown.first().map_or(rows.len(), |(row, _)| *row);
    if key.focused && w.selected < start {
        shown = (w.selected..rows.len())
            .map(|row| (row, entry(row)))
            .take(usize::from(inner.height))
            .collect();
    }
    place(shown.into_iter().map(|(_, cells)| cells), inner)
}

/// The list laid out as `old` was, with one insight's `cells` added at
/// the bottom: those that no longer fit leave at the top. (Nothing above
/// `old`'s first can come back into view.)
pub fn with_appended(old: &[Placed], cells: Rc<Buffer>, inner: Rect) -> Vec<Placed> {
    let newest_first = std::iter::once(cells).chain(old.iter().rev().map(|p| Rc::clone(&p.cells)));
    place(
        newest_that_fit(newest_first, inner.height, |cells| cells).into_iter(),
        inner,
    )
}

/// The cells of insight `index` (of the session's insights) in the list
/// `key` describes, drawn as selected or not.
pub fn cells_of(
    app: &App,
    w: &Workshop,
    index: usize,
    (key, selected): (&ListKey, bool),
    theme: &Theme,
    entries: &EntryCells,
) -> Rc<Buffer> {
    let insight = &w.session.insights[index];
    let line = insight_line(app, &w.session, insight, key.authors, theme);
    let line = if selected {
        line.style(theme.selection)
    } else {
        line
    };
    entries.cells(line, key.area.width.saturating_sub(2))
}

/// The entries, newest first, that fit in `height` rows (the newest
/// always, cut off if it must be), oldest first.
fn newest_that_fit<T>(
    newest_first: impl Iterator<Item = T>,
    height: u16,
    cells: impl Fn(&T) -> &Rc<Buffer>,
) -> Vec<T> {
    let mut shown = Vec::new();
    let mut used = 0;
    for entry in newest_first {
        let lines = cells(&entry).area.height;
        if used + lines > height && used > 0 {
            break;
        }
        used += lines;
        shown.push(entry);
    }
    shown.reverse();
    shown
}

/// The entries' rows, one under another from the top of `inner`, as many
/// as start inside it.
fn place(cells: impl Iterator<Item = Rc<Buffer>>, inner: Rect) -> Vec<Placed> {
    let mut y = inner.y;
    let mut placed = Vec::new();
    for cells in cells {
        if y >= inner.bottom() {
            break;
        }
        let rows = cells.area.height;
        placed.push(Placed { cells, y });
        y = y.saturating_add(rows);
    }
    placed
}

/// Draws the rows of the insights `placed` from row `from` down to the
/// bottom of `inner` (rows above `from` are kept from the last frame).
pub fn draw(buf: &mut Buffer, inner: Rect, placed: &[Placed], from: u16) {
    let width = usize::from(inner.width.min(buf.area.width));
    for entry in placed {
        let cells = &entry.cells;
        for dy in 0..cells.area.height {
            let y = entry.y.saturating_add(dy);
            if y < from {
                continue;
            }
            if y >= inner.bottom() {
                break;
            }
            let source = cells.index_of(cells.area.x, cells.area.y + dy);
            let target = buf.index_of(inner.x, y);
            let width = width.min(usize::from(cells.area.width));
            buf.content[target..target + width]
                .clone_from_slice(&cells.content[source..source + width]);
        }
    }
}

/// One insight: star, votes (when any), time, the laptop that captured it
/// (with `authors`), who, its full text, then its classification.
pub(super) fn insight_line<'a>(
    app: &App,
    session: &'a Session,
    insight: &'a Insight,
    authors: bool,
    theme: &Theme,
) -> Line<'a> {
    let mut spans = vec![Span::styled(
        if insight.starred { "★ " } else { "  " },
        theme.starred,
    )];
    if let Some(votes) = super::question::votes_mark(insight) {
        spans.push(Span::styled(votes, theme.votes));
    }
    spans.push(Span::styled(
        format!(
            "{} ",
            app.local_time(insight.created).get(..5).unwrap_or("")
        ),
        theme.meta,
    ));
    if authors {
        let author = crate::inert::visible(&insight.author);
        spans.push(Span::styled(format!("[{}] ", fit(&author, 16)), theme.meta));
    }
    if let Some(p) = insight.participant.and_then(|p| session.participant(p)) {
        spans.push(Span::styled(
            format!("{}: ", crate::inert::visible(&p.name)),
            theme.person,
        ));
    }
    let tags = crate::inert::visible(&crate::capture::tag_words(insight)).into_owned();
    spans.push(Span::raw(crate::inert::visible(&insight.text)));
    spans.push(Span::styled(tags, theme.tags));
    // An @name nobody on the roster had: marked until someone attributes it.
    if insight.participant.is_none() && crate::capture::unresolved_name(&insight.text).is_some() {
        spans.push(Span::styled(" ⚑ unattributed", theme.message));
    }
    Line::from(spans)
}
