//! The question screen's insights list: its frame and its rows, drawn, or
//! left as the last frame drew them.
//!
//! While a line is typed the list does not change, and its rows are kept
//! whole. An Enter adds an insight at the bottom: every insight still in
//! view moves up by the rows the ones that left the top took, and nothing
//! else about them changes. Those rows are kept too, moved up (the
//! terminal scrolls them, see [`Canvas::keep_moved`]), and only the rows
//! under them, the new insight's, are drawn and sent. That an insight is
//! the same is known from its cells being the very ones kept for its line
//! ([`EntryCells`] finds them by the whole line, text and styles).

use super::canvas::Canvas;
use super::entry_cells::EntryCells;
use super::frame_cache::{FrameCache, ListKey, Shown};
use super::insight_rows::Placed;
use super::list_frame::FrameLook;
use super::theme::Theme;
use crate::app::{Action, App, Context, Focus, Workshop, keymap};
use crate::words;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Widget};
use std::rc::Rc;

/// What a frame does with the list, decided before anything is drawn.
pub(super) struct Plan {
    pub key: ListKey,
    /// Where each insight in view is drawn; none when the list is kept whole.
    layout: Option<Vec<Placed>>,
    /// The first row of the list's inside that is drawn (rows above it are
    /// kept, moved up).
    from: u16,
}

impl Plan {
    /// Where the list's insights are, for the next frame to compare with.
    pub fn into_layout(self) -> Option<Vec<Placed>> {
        self.layout
    }
}

/// What the insights list over `area` shows depends on.
pub(super) fn key(app: &App, w: &Workshop, q: usize, area: Rect) -> ListKey {
    ListKey {
        generation: w.generation(),
        question: q,
        focused: focused(w),
        selected: w.selected,
        area,
        authors: crate::app::shows_authors(w),
        palette: app.config.palette,
    }
}

/// Whether the insights list is the keyboard's (select mode, or a popup
/// opened from it).
fn focused(w: &Workshop) -> bool {
    matches!(
        w.focus,
        Focus::List | Focus::Edit { .. } | Focus::Move { .. }
    )
}

/// Keeps on `frame` what of the list the frame it holds (`before`, if
/// that showed it uncovered) already shows; must come before any drawing.
pub(super) fn plan(
    frame: &mut Canvas,
    key: ListKey,
    before: Option<&Shown>,
    (app, w, q): (&App, &Workshop, usize),
    theme: &Theme,
    cache: &FrameCache,
) -> Plan {
    let inner = Block::bordered().inner(key.area);
    if before.is_some_and(|shown| shown.list == key) && frame.keep(key.area) {
        return Plan {
            key,
            layout: None,
            from: inner.bottom(),
        };
    }
    // The frame around the rows moves with them: it must be the same.
    let same_frame = |shown: &&Shown| {
        let last = &shown.list;
        (last.area, last.focused, last.palette) == (key.area, key.focused, key.palette)
    };
    let entries = cache.entries();
    // Cells are kept for the lists drawn last (the insights still in view
    // after an Enter are held by the layout kept in `before`).
    entries.begin();
    let layout = match before
        .filter(same_frame)
        .and_then(|shown| appended(shown, &key, w))
    {
        // An Enter: the insights in view are those drawn, one more under them.
        Some((shown, insight)) => {
            let cells =
                super::insight_rows::cells_of(app, w, insight, (&key, false), theme, entries);
            super::insight_rows::with_appended(&shown.layout, cells, inner)
        }
        None => {
            let rows = w.rows(q);
            super::insight_rows::lay_out(inner, app, w, &rows, &key, theme, entries)
        }
    };
    let from = before
        .filter(same_frame)
        .and_then(|shown| moved_up(&shown.layout, &layout, inner))
        .filter(|&(rows, up)| {
            let kept = Rect {
                height: rows,
                ..full_rows(frame, inner)
            };
            match up {
                // The new insight went in under the others, in rows left empty.
                0 => frame.keep(kept),
                _ => frame.keep_moved(kept, up),
            }
        })
        .map_or(inner.y, |(rows, _)| inner.y + rows);
    Plan {
        key,
        layout: Some(layout),
        from,
    }
}

/// The insight an Enter added since the frame `shown`, when nothing else
/// changed what the list shows: same question, same laptops named, and
/// not in select mode (where the selection moves).
fn appended<'s>(shown: &'s Shown, key: &ListKey, w: &Workshop) -> Option<(&'s Shown, usize)> {
    let last = &shown.list;
    let same = (last.question, last.authors, last.focused) == (key.question, key.authors, false);
    let (question, insight) = w.appended_since(last.generation).filter(|_| same)?;
    (question == key.question).then_some((shown, insight))
}

/// The rows of the screen that `inner` spans, their whole width.
fn full_rows(frame: &Canvas, inner: Rect) -> Rect {
    let screen = frame.area();
    Rect::new(screen.x, inner.y, screen.width, inner.height)
}

/// Whether the insights of `new` are those of `old` moved up (or not at
/// all): the first of `new` is one of `old`, and from there every one of
/// `old` is in `new` in order, each the same number of rows higher up.
/// The rows kept, from the top of `inner`, and how far they moved.
fn moved_up(old: &[Placed], new: &[Placed], inner: Rect) -> Option<(u16, u16)> {
    let first = new.first().filter(|placed| placed.y == inner.y)?;
    let at = old
        .iter()
        .position(|p| Rc::ptr_eq(&p.cells, &first.cells))?;
    let up = old[at].y.checked_sub(first.y)?;
    let stayed = &old[at..];
    let same = stayed.len() <= new.len()
        && stayed.iter().zip(new).all(|(was, now)| {
            Rc::ptr_eq(&was.cells, &now.cells) && was.y.checked_sub(up) == Some(now.y)
        });
    let last = stayed.last().filter(|_| same)?;
    // Rows shown in the last frame only: a cut-off insight's hidden rows
    // come from below the list, and are drawn.
    let end = (last.y + last.cells.area.height).min(inner.bottom()) - up;
    (end > inner.y).then_some((end - inner.y, up))
}

/// Draws the list's frame and every row `plan` did not keep.
pub(super) fn draw(
    frame: &mut Canvas,
    plan: &Plan,
    (app, w, q): (&App, &Workshop, usize),
    theme: &Theme,
    cache: &mut FrameCache,
) {
    let Some(layout) = &plan.layout else {
        return;
    };
    let area = plan.key.area;
    let counts = (w.rows(q).len(), w.parked_count());
    let make = || block(&plan.key, counts, theme);
    if frame.kept_any() && area.height >= 3 {
        let look = look(&plan.key, counts);
        frame.copy_framed(cache.list_frames.rows(look, area, make), area);
    } else {
        frame.render_widget(make(), area);
    }
    // Titles sit on its borders: the inside is a bordered block's.
    let inner = Block::bordered().inner(area);
    let buf = frame.buffer_mut();
    fill_inner(buf, inner, layout, plan.from, theme);
    if cfg!(debug_assertions) {
        // Drawn from the cells kept for each insight: drawn afresh, the
        // same. (Rows kept are checked with the whole frame.)
        let block = make();
        assert_eq!(block.inner(area), inner, "the list's inside");
        let mut fresh = Buffer::empty(area);
        let rows = w.rows(q);
        let entries = EntryCells::default();
        let placed = super::insight_rows::lay_out(inner, app, w, &rows, &plan.key, theme, &entries);
        fill(&mut fresh, area, &block, &placed, inner.y, theme);
        for y in plan.from..inner.bottom() {
            for x in inner.left()..inner.right() {
                assert_eq!(buf[(x, y)], fresh[(x, y)], "the list's cell {x},{y}");
            }
        }
    }
}

/// Draws the list's frame over `area`, and its insights from row `from` down.
fn fill(
    buf: &mut Buffer,
    area: Rect,
    block: &Block<'_>,
    layout: &[Placed],
    from: u16,
    theme: &Theme,
) {
    block.render(area, buf);
    fill_inner(buf, block.inner(area), layout, from, theme);
}

/// Draws the list's insights inside its frame from row `from` down.
fn fill_inner(buf: &mut Buffer, inner: Rect, layout: &[Placed], from: u16, theme: &Theme) {
    if layout.is_empty() {
        let empty = "  Nothing captured yet for this question.";
        Line::styled(empty, theme.hint).render(inner, buf);
    }
    super::insight_rows::draw(buf, inner, layout, from);
}

/// The longest capture line (in bytes) whose row is drawn ahead.
const AHEAD_MAX: usize = 2_000;

/// Draws ahead, once a key on the capture line is answered, what its
/// Enter would add to the list the last frame showed: the new insight's
/// row and the list's frame counting it. An Enter draws more than any
/// other key, and drawing these cold was a third of its frame. They are
/// found again by what they show (the whole line, the whole frame), so a
/// line changed since, or a minute turned, only means drawing afresh.
pub fn prepare_enter(app: &App, cache: &mut FrameCache, now: jiff::Timestamp) {
    let Some(w) = app.workshop().filter(|w| matches!(w.focus, Focus::Capture)) else {
        return;
    };
    let Some(key) = cache.last_shown().map(|shown| shown.list.clone()) else {
        return;
    };
    let q = key.question;
    let current = w.question() == Some(q) && key.generation == w.generation() && !key.focused;
    // A line longer than a screenful is drawn when entered: wrapping it
    // at every key would cost more than its Enter saves.
    let short = w.capture.lines().iter().map(String::len).sum::<usize>() <= AHEAD_MAX;
    if !(current && short && key.area.height >= 3) {
        return;
    }
    let Some(insight) = w.prospect(&app.clock.next_at(now)) else {
        return;
    };
    let theme = Theme::of(app.config.palette);
    let line = super::insight_rows::insight_line(app, &w.session, &insight, key.authors, theme);
    cache
        .entries()
        .prepare(line, key.area.width.saturating_sub(2));
    let counts = (w.rows(q).len() + 1, w.parked_count());
    cache
        .list_frames
        .prepare(look(&key, counts), key.area, || block(&key, counts, theme));
}

/// What the list's frame around `count` insights with `parked` in the
/// parking lot is drawn from (see [`block`]).
fn look(key: &ListKey, (count, parked): (usize, usize)) -> FrameLook {
    FrameLook {
        focused: key.focused,
        count,
        parked,
        palette: key.palette,
    }
}

/// The list's frame, around `count` insights with `parked` in the parking
/// lot: select mode is loud (a thick frame, a reversed title naming the
/// mode, and the way back), so nobody types into it unawares.
fn block(key: &ListKey, (count, parked): (usize, usize), theme: &Theme) -> Block<'static> {
    let (title, hint) = if key.focused {
        let title = format!(" SELECTING · {} ", words::count(count, "insight"));
        let back = keymap::key_label(Context::List, &Action::FocusCapture);
        (title, format!(" {back} back to typing "))
    } else {
        (
            format!(" Insights ({count}) "),
            format!(
                " {} select ",
                keymap::key_label(Context::Capture, &Action::SelectInsights)
            ),
        )
    };
    let (border, border_type, title_style) = if key.focused {
        (
            theme.select_mode_border,
            theme.select_mode_border_type,
            theme.select_mode_title,
        )
    } else {
        let (border, border_type) = theme.frame(false);
        (border, border_type, theme.title)
    };
    let mut block = Block::bordered()
        .border_type(border_type)
        .border_style(border)
        .title(Line::styled(title, title_style))
        .title(Line::styled(hint, theme.hint).right_aligned());
    // The parking lot's size, quietly: it is read out at the wrap-up.
    if parked > 0 {
        block = block
            .title_bottom(Line::styled(format!(" parked: {parked} "), theme.hint).right_aligned());
    }
    block
}

#[cfg(test)]
mod ahead_tests;

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(rows: u16) -> Rc<Buffer> {
        Rc::new(Buffer::empty(Rect::new(0, 0, 8, rows)))
    }

    fn at(cells: &Rc<Buffer>, y: u16) -> Placed {
        Placed {
            cells: Rc::clone(cells),
            y,
        }
    }

    #[test]
    fn insights_still_in_view_move_up_together_and_the_rest_is_drawn() {
        let inner = Rect::new(1, 1, 8, 5);
        let (a, b, c, d) = (cells(2), cells(1), cells(2), cells(1));
        let old = [at(&a, 1), at(&b, 3), at(&c, 4)];
        let new = [at(&b, 1), at(&c, 2), at(&d, 4)];
        assert_eq!(
            moved_up(&old, &new, inner),
            Some((3, 2)),
            "b and c kept, two rows up; d drawn under them"
        );

        let changed = cells(2);
        let edited = [at(&b, 1), at(&changed, 2), at(&d, 4)];
        assert_eq!(moved_up(&old, &edited, inner), None, "c was drawn afresh");
        let apart = [at(&b, 1), at(&c, 3)];
        assert_eq!(moved_up(&old, &apart, inner), None, "not one distance");
        assert_eq!(
            moved_up(&old, &old, inner),
            Some((5, 0)),
            "nothing moved: all kept in place"
        );
    }

    #[test]
    fn an_insight_cut_off_at_the_bottom_has_its_hidden_rows_drawn() {
        let inner = Rect::new(0, 0, 8, 4);
        let (a, b, c) = (cells(2), cells(1), cells(3));
        // c showed one of its three rows, at the bottom.
        let old = [at(&a, 0), at(&b, 2), at(&c, 3)];
        let new = [at(&b, 0), at(&c, 1)];
        assert_eq!(
            moved_up(&old, &new, inner),
            Some((2, 2)),
            "b and c's first row kept; c's other rows drawn"
        );
    }
}
