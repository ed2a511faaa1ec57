//! Parts of the question screen as last drawn, reused while nothing they
//! show changed, and what the last frame showed.
//!
//! Word-wrapping the visible insights and the question's text was most of
//! a keystroke's frame at 10,000 insights. The question's text depends
//! only on the question as written, whether prompts show and the area, so
//! while those stay put its cells are copied from the last drawing; each
//! insight's cells are kept by [`EntryCells`]. And what the last frame
//! showed ([`Shown`]) lets the terminal loop's canvas keep those rows
//! without drawing them at all (see [`super::canvas::Canvas::keep`]).
//! Debug builds draw reused parts afresh as well and compare, so every
//! test that draws a frame checks the reuse.

use super::canvas::Canvas;
use super::entry_cells::EntryCells;
use super::insight_rows::Placed;
use super::keyed_rows::KeyedRows;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Block;
use std::borrow::Cow;

mod keys;
pub use keys::{CaptureBoxKey, EmptyLineKey, HeaderKey, QuestionBoxKey};

/// What the insights list's cells depend on (its frame included), besides
/// the theme (fixed for a run) and the clock (times shown are capture
/// times, not `now`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListKey {
    pub generation: u64,
    pub question: usize,
    pub focused: bool,
    pub selected: usize,
    pub area: Rect,
    pub authors: bool,
    pub palette: crate::app::Palette,
}

/// What the question's text and prompts depend on: their rows, whether
/// the prompts fit, and their cells in the question box. The question
/// itself, not the session's generation: an Enter changes the session but
/// not the question, and should not wrap it again. Borrowed to look up,
/// copied only when the question's text is drawn afresh.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuestionKey<'a> {
    pub question: Cow<'a, crate::model::QuestionDef>,
    pub prompts: crate::app::PromptsShown,
    /// The question screen's whole area (the box's size follows from it).
    pub screen: Rect,
    pub palette: crate::app::Palette,
}

impl QuestionKey<'_> {
    fn kept(&self) -> QuestionKey<'static> {
        QuestionKey {
            question: Cow::Owned(self.question.clone().into_owned()),
            prompts: self.prompts,
            screen: self.screen,
            palette: self.palette,
        }
    }
}

/// The last frame's reusable parts, kept by the terminal loop between frames.
#[derive(Debug, Default)]
pub struct FrameCache {
    /// Each insight's cells, for a list that must be drawn again.
    entries: EntryCells,
    /// The rows the question's text takes, and whether prompts are shown.
    question_rows: Option<(QuestionKey<'static>, (u16, bool))>,
    /// The question's text in the box, drawn over the area named.
    question_text: Option<((QuestionKey<'static>, Rect), Buffer)>,
    /// What the last frame drawn showed, and what the one before showed
    /// while a frame is being drawn.
    shown: Option<Shown>,
    before: Option<Shown>,
    /// The header row, the capture box's top and bottom rows, and the
    /// status line, each as drawn from its key.
    pub(super) header: KeyedRows<HeaderKey>,
    pub(super) capture_top: KeyedRows<CaptureBoxKey>,
    pub(super) capture_bottom: KeyedRows<CaptureBoxKey>,
    /// The question box's frame as made for its key, and how many frames
    /// were made before it (so a frame shown can name which it drew).
    question_box: Option<(QuestionBoxKey<'static>, Block<'static>)>,
    question_boxes: u64,
    /// An empty capture line's cells (its placeholder) and caret, drawn
    /// once for where it is, its placeholder, focus and palette.
    empty_line: Option<(
        EmptyLineKey<'static>,
        Buffer,
        Option<ratatui::layout::Position>,
    )>,
    /// The capture box's frame and its cells, drawn once for its key.
    capture_box: Option<(CaptureBoxKey, Block<'static>, Buffer)>,
    pub(super) status: KeyedRows<super::chrome::StatusKey>,
    pub(super) hints: super::chrome::HintsMade,
    pub(super) status_cells: super::chrome::StatusCells,
    /// The question screen's rows (header, question, list, capture) for
    /// its area and the question's and capture box's heights.
    question_layout: Option<((Rect, u16, u16), [Rect; 4])>,
    /// The insights list's frame, drawn once for each look; its bottom row
    /// (kept through an Enter) as drawn from its look and the parked count.
    pub(super) list_frames: super::list_frame::ListFrames,
    pub(super) list_bottom: KeyedRows<(bool, crate::app::Palette, usize)>,
}

/// The parts of the question screen a frame showed, for the next frame on
/// the same canvas to keep their rows (see [`super::canvas::Canvas::keep`]).
#[derive(Debug)]
pub struct Shown {
    /// The canvas's number for that frame.
    pub(super) frame: u64,
    /// Which question box frame was made for it (see
    /// [`FrameCache::question_box`]) and where it was.
    pub(super) question: (u64, Rect),
    pub(super) list: ListKey,
    /// Where the list's insights were.
    pub(super) layout: Vec<Placed>,
}

impl FrameCache {
    /// The question box's frame for `key`, made by `make` when the key is
    /// new, and its number among the frames made (the same number, the
    /// same cells).
    pub(super) fn question_box(
        &mut self,
        key: &QuestionBoxKey<'_>,
        make: impl FnOnce() -> Block<'static>,
    ) -> (u64, &Block<'static>) {
        if self.question_box.as_ref().is_none_or(|(was, _)| was != key) {
            let kept = QuestionBoxKey {
                title: Cow::Owned(key.title.clone().into_owned()),
                ..key.clone()
            };
            self.question_box = Some((kept, make()));
            self.question_boxes += 1;
        }
        let (_, block) = self.question_box.as_ref().expect("made above");
        (self.question_boxes, block)
    }

    /// The question screen's rows for `area`, the question box `question`
    /// rows high and the capture box `capture`: solved once for each.
    pub(super) fn question_layout(&mut self, area: Rect, question: u16, capture: u16) -> [Rect; 4] {
        let key = (area, question, capture);
        match self.question_layout {
            Some((was, rows)) if was == key => rows,
            _ => {
                use ratatui::layout::{Constraint, Layout};
                let rows = Layout::vertical([
                    Constraint::Length(1),
                    Constraint::Length(question),
                    Constraint::Min(3),
                    Constraint::Length(capture),
                ])
                .areas(area);
                self.question_layout = Some((key, rows));
                rows
            }
        }
    }

    /// The cells and caret of an empty capture line over `key.area`,
    /// drawn by `draw` when the key is new: after each Enter the line is
    /// empty again, and its placeholder was laid out afresh each time.
    pub(super) fn empty_line(
        &mut self,
        key: &EmptyLineKey<'_>,
        draw: impl FnOnce(&mut Canvas),
    ) -> (&Buffer, Option<ratatui::layout::Position>) {
        if self.empty_line.as_ref().is_none_or(|(was, ..)| was != key) {
            let mut cells = Buffer::empty(key.area);
            let mut canvas = Canvas::blank(&mut cells);
            draw(&mut canvas);
            let caret = canvas.cursor();
            let kept = EmptyLineKey {
                placeholder: Cow::Owned(key.placeholder.clone().into_owned()),
                ..key.clone()
            };
            self.empty_line = Some((kept, cells, caret));
        }
        let (_, cells, caret) = self.empty_line.as_ref().expect("drawn above");
        (cells, *caret)
    }

    /// The question box's frame last made.
    pub(super) fn question_block(&self) -> &Block<'static> {
        let (_, block) = self.question_box.as_ref().expect("made before drawn");
        block
    }

    /// The capture box's frame for `key`, and its cells over `key.area`,
    /// made by `make` when the key is new: typing a letter neither builds
    /// the frame's hint nor draws its borders and titles again.
    pub(super) fn capture_box(
        &mut self,
        key: CaptureBoxKey,
        make: impl FnOnce() -> Block<'static>,
    ) -> (&Block<'static>, &Buffer) {
        if self
            .capture_box
            .as_ref()
            .is_none_or(|(was, ..)| *was != key)
        {
            let block = make();
            let mut cells = Buffer::empty(key.area);
            ratatui::widgets::Widget::render(&block, key.area, &mut cells);
            self.capture_box = Some((key, block, cells));
        }
        let (_, block, cells) = self.capture_box.as_ref().expect("made above");
        (block, cells)
    }

    /// Starts a frame: what the last one showed becomes what this one may keep.
    pub fn begin_frame(&mut self) {
        self.before = self.shown.take();
        self.header.begin_frame();
        self.capture_top.begin_frame();
        self.capture_bottom.begin_frame();
        self.status.begin_frame();
        self.list_bottom.begin_frame();
    }

    /// What the frame the canvas still holds showed, if the canvas holds
    /// the last frame drawn through this cache.
    pub(super) fn showed(&self, holds: Option<u64>) -> Option<&Shown> {
        self.before
            .as_ref()
            .filter(|shown| Some(shown.frame) == holds)
    }

    /// What the last frame drawn showed, if it showed the question screen
    /// uncovered.
    pub(super) fn last_shown(&self) -> Option<&Shown> {
        self.shown.as_ref()
    }

    /// Records what frame `frame` shows, nothing covering it: the list
    /// laid out as `layout`, or as before when it was kept whole.
    pub(super) fn show(
        &mut self,
        frame: u64,
        question: (u64, Rect),
        list: ListKey,
        layout: Option<Vec<Placed>>,
    ) {
        let layout = layout
            .or_else(|| self.before.take().map(|shown| shown.layout))
            .unwrap_or_default();
        self.shown = Some(Shown {
            frame,
            question,
            list,
            layout,
        });
    }

    /// Whether the question's text was last drawn for `key` over `area`.
    pub(super) fn question_text_is(&self, key: &QuestionKey<'_>, area: Rect) -> bool {
        self.question_text
            .as_ref()
            .is_some_and(|((last, at), _)| *last == *key && *at == area)
    }

    /// Each insight's cells, kept from the lists drawn last.
    pub(super) fn entries(&self) -> &EntryCells {
        &self.entries
    }

    /// The question's rows and whether its prompts show, measured by
    /// `measure` only when `key` changed.
    pub(super) fn question_rows(
        &mut self,
        key: &QuestionKey<'_>,
        measure: impl Fn() -> (u16, bool),
    ) -> (u16, bool) {
        match &self.question_rows {
            Some((last, rows)) if *last == *key => {
                debug_assert_eq!(*rows, measure(), "question rows reused out of date");
                *rows
            }
            _ => {
                let rows = measure();
                self.question_rows = Some((key.kept(), rows));
                rows
            }
        }
    }

    /// Draws the question's text into `buf` over `area` with `draw`, or
    /// copies it from the last frame.
    pub(super) fn question_text(
        &mut self,
        key: &QuestionKey<'_>,
        area: Rect,
        buf: &mut Buffer,
        draw: impl Fn(&mut Buffer),
    ) {
        reuse(
            &mut self.question_text,
            |(last, at)| *last == *key && *at == area,
            || (key.kept(), area),
            area,
            buf,
            &draw,
            &draw,
        );
    }
}

/// Copies the cells kept in `slot` into `buf` when they were drawn for a
/// key that is the `same`; otherwise draws them with `draw` and keeps them
/// under the key `kept` makes. Debug builds check either against `fresh`,
/// a drawing that reuses nothing.
fn reuse<K: std::fmt::Debug>(
    slot: &mut Option<(K, Buffer)>,
    same: impl Fn(&K) -> bool,
    kept: impl FnOnce() -> K,
    area: Rect,
    buf: &mut Buffer,
    draw: impl Fn(&mut Buffer),
    fresh: impl Fn(&mut Buffer),
) {
    let reusable = slot.as_ref().filter(|(last, _)| same(last));
    if let Some((key, cells)) = reusable {
        debug_assert_eq!(cells, &drawn(area, &fresh), "{key:?} reused out of date");
        copy(cells, buf, area);
        return;
    }
    let key = kept();
    // The last drawing's cells are drawn over, not allocated afresh.
    let mut cells = slot.take().map(|(_, cells)| cells).unwrap_or_default();
    cells.resize(area);
    cells.reset();
    draw(&mut cells);
    debug_assert_eq!(cells, drawn(area, &fresh), "{key:?} drawn from stale parts");
    copy(&cells, buf, area);
    *slot = Some((key, cells));
}

fn drawn(area: Rect, draw: &impl Fn(&mut Buffer)) -> Buffer {
    let mut cells = Buffer::empty(area);
    draw(&mut cells);
    cells
}

/// Copies `area` of `from` into `to` (clipped to both).
fn copy(from: &Buffer, to: &mut Buffer, area: Rect) {
    let area = area.intersection(to.area).intersection(from.area);
    if area.is_empty() {
        return;
    }
    // Row by row, a slice at a time: a cell at a time was a tenth of a
    // keystroke's frame.
    let width = usize::from(area.width);
    for y in area.top()..area.bottom() {
        let (source, target) = (from.index_of(area.x, y), to.index_of(area.x, y));
        to.content[target..target + width].clone_from_slice(&from.content[source..source + width]);
    }
}

#[cfg(test)]
mod tests;
