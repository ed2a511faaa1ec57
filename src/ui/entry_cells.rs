//! Each insight's cells in the list, kept between frames.
//!
//! An Enter changes the session, so the list is drawn again; but of the
//! twenty or so insights it shows, only the new one is new. Word-wrapping
//! and laying out each of the others again was most of an Enter's frame at
//! 10,000 insights. So an insight's line, once wrapped to a width, keeps
//! its cells here, found again by the line itself (its text and styles,
//! compared whole, not trusted to a hash): whatever changes what a line
//! shows (an edit, a star, a vote, a renamed participant, the selection)
//! makes another line, and so a fresh drawing.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

/// Lines drawn at a width, and their cells: those of the list drawn last
/// and of the one being drawn now, so what is kept is at most two lists'
/// worth, however long the workshop.
#[derive(Debug, Default)]
pub struct EntryCells {
    kept: RefCell<Generations>,
}

#[derive(Debug, Default)]
struct Generations {
    last: HashMap<u64, Vec<Kept>>,
    now: HashMap<u64, Vec<Kept>>,
    /// A line drawn before any list asked for it (see
    /// [`EntryCells::prepare`]), and its key.
    ahead: Option<(u64, Kept)>,
}

#[derive(Debug)]
struct Kept {
    line: Line<'static>,
    width: u16,
    cells: Rc<Buffer>,
}

impl EntryCells {
    /// A new list is being drawn: what the one before last used is let go.
    pub fn begin(&self) {
        let kept = &mut *self.kept.borrow_mut();
        // Swapped and emptied, not replaced: each map keeps its table, and
        // an Enter allocates none.
        std::mem::swap(&mut kept.last, &mut kept.now);
        kept.now.clear();
    }

    /// The cells of `line` word-wrapped to `width`, as many rows as it
    /// takes, drawn from the origin.
    pub fn cells(&self, line: Line<'_>, width: u16) -> Rc<Buffer> {
        let mut kept = self.kept.borrow_mut();
        let same = |k: &Kept| k.width == width && k.line == line;
        // The line drawn ahead is an Enter's: found without hashing it.
        if let Some((key, ahead)) = kept.ahead.take_if(|(_, k)| same(k)) {
            let cells = Rc::clone(&ahead.cells);
            kept.now.entry(key).or_default().push(ahead);
            return cells;
        }
        let key = key_of(&line, width);
        if let Some(found) = kept
            .now
            .get(&key)
            .and_then(|all| all.iter().find(|k| same(k)))
        {
            return Rc::clone(&found.cells);
        }
        let earlier = kept.last.get_mut(&key).and_then(|all| {
            let at = all.iter().position(same)?;
            Some(all.swap_remove(at))
        });
        let found = earlier.unwrap_or_else(|| Kept {
            cells: Rc::new(drawn(&line, width)),
            line: owned(line),
            width,
        });
        let cells = Rc::clone(&found.cells);
        kept.now.entry(key).or_default().push(found);
        cells
    }

    /// Draws `line` at `width` before a list asks for it: the row of the
    /// insight an Enter is about to add, so the Enter's frame finds it
    /// drawn. One such line is kept, the latest.
    pub fn prepare(&self, line: Line<'_>, width: u16) {
        let mut kept = self.kept.borrow_mut();
        let same = |(_, k): &(u64, Kept)| k.width == width && k.line == line;
        if kept.ahead.as_ref().is_some_and(same) {
            return;
        }
        let key = key_of(&line, width);
        let ahead = Kept {
            cells: Rc::new(drawn(&line, width)),
            line: owned(line),
            width,
        };
        kept.ahead = Some((key, ahead));
    }

    /// Whether a line drawn ahead waits to be asked for (for tests).
    #[cfg(test)]
    pub(super) fn has_ahead(&self) -> bool {
        self.kept.borrow().ahead.is_some()
    }

    /// How many lines are kept (for tests).
    #[cfg(test)]
    fn kept(&self) -> usize {
        let kept = self.kept.borrow();
        kept.last
            .values()
            .chain(kept.now.values())
            .map(Vec::len)
            .sum()
    }
}

fn key_of(line: &Line<'_>, width: u16) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    line.hash(&mut hasher);
    width.hash(&mut hasher);
    hasher.finish()
}

/// The line wrapped as the list wraps it: a line no wider than the list
/// takes one row, so only a longer one is measured.
fn drawn(line: &Line<'_>, width: u16) -> Buffer {
    let fits = line.width() <= usize::from(width);
    let paragraph = Paragraph::new(line.clone()).wrap(Wrap { trim: false });
    let rows = if fits {
        1
    } else {
        paragraph.line_count(width).max(1)
    };
    let rows = u16::try_from(rows).unwrap_or(u16::MAX);
    let area = Rect::new(0, 0, width, rows);
    let mut cells = Buffer::empty(area);
    paragraph.render(area, &mut cells);
    cells
}

fn owned(line: Line<'_>) -> Line<'static> {
    let spans: Vec<Span<'static>> = line
        .spans
        .into_iter()
        .map(|span| Span::styled(span.content.into_owned(), span.style))
        .collect();
    Line {
        spans,
        style: line.style,
        alignment: line.alignment,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::theme::Theme;

    #[test]
    fn a_line_is_drawn_once_per_width_and_a_different_one_afresh() {
        let entries = EntryCells::default();
        let first = entries.cells(Line::from("the food hub kept going"), 10);
        assert_eq!(first.area.height, 3, "wrapped to ten columns");
        let again = entries.cells(Line::from("the food hub kept going"), 10);
        assert!(
            Rc::ptr_eq(&first, &again),
            "the same line is not drawn again"
        );
        let wider = entries.cells(Line::from("the food hub kept going"), 40);
        assert_eq!(wider.area.height, 1);
        let selection = Theme::of(crate::app::Palette::default()).selection;
        let line = Line::from("the food hub kept going").style(selection);
        let selected = entries.cells(line, 10);
        assert!(!Rc::ptr_eq(&first, &selected), "a new style is a new line");
        assert_eq!(
            selected[(0, 0)].style(),
            first[(0, 0)].style().patch(selection)
        );
        let edited = entries.cells(Line::from("the food hub kept growing"), 10);
        assert_eq!(edited[(0, 2)].symbol(), "g");
        assert_eq!(first[(0, 2)].symbol(), "g");
        assert_eq!(first[(5, 2)].symbol(), " ", "{first:?}");
        assert_eq!(edited[(4, 2)].symbol(), "i");
    }

    #[test]
    fn only_the_last_two_lists_are_kept() {
        let entries = EntryCells::default();
        for list in 0..50 {
            entries.begin();
            for row in 0..20 {
                entries.cells(Line::from(format!("list {list} row {row}")), 30);
            }
            // The rows of the list before, drawn again, are found, not drawn.
            entries.begin();
            let kept = entries.cells(Line::from(format!("list {list} row 3")), 30);
            assert!(Rc::ptr_eq(
                &kept,
                &entries.cells(Line::from(format!("list {list} row 3")), 30)
            ));
        }
        assert!(entries.kept() <= 21, "{} kept", entries.kept());
    }

    #[test]
    fn a_line_drawn_ahead_is_found_by_the_list_that_asks_for_it() {
        let entries = EntryCells::default();
        entries.prepare(Line::from("the food hub"), 10);
        entries.prepare(Line::from("the food hub kept"), 10);
        entries.begin();
        let asked = entries.cells(Line::from("the food hub kept"), 10);
        let ahead = entries.kept.borrow().ahead.is_some();
        assert!(!ahead, "the line drawn ahead was taken");
        assert_eq!(asked.area.height, 2);
        assert_eq!(
            asked[(0, 1)].symbol(),
            "h",
            "\"hub kept\" on the second row"
        );
        entries.prepare(Line::from("the food hub"), 10);
        let other = entries.cells(Line::from("the food hub kept going"), 10);
        assert_eq!(other.area.height, 3, "another line: drawn afresh");
        assert!(
            entries.kept.borrow().ahead.is_some(),
            "still there for its own"
        );
    }
}
