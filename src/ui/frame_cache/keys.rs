//! What the question screen's parts kept between frames are drawn from:
//! each key decides every cell of its part.

use ratatui::layout::Rect;
use std::borrow::Cow;

/// What the question box's frame is made from: its titles (the question,
/// and the timer's label and style) and its border. The clock counts only
/// while the timer runs; otherwise the label stands still, and a key typed
/// neither formats the titles nor builds the frame again.
#[derive(Clone, Debug, PartialEq)]
pub struct QuestionBoxKey<'a> {
    pub title: Cow<'a, str>,
    pub question: usize,
    pub questions: usize,
    pub timing: crate::model::QuestionTiming,
    /// The clock's second, while the timer runs.
    pub second: Option<i64>,
    /// Whether this laptop follows a room's lead (no timer key offered).
    pub following: bool,
    /// How many prompts are folded away, when some are.
    pub folded: Option<usize>,
    pub time_up: bool,
    pub timer: ratatui::style::Style,
    pub palette: crate::app::Palette,
}

/// What an empty capture line's cells depend on; the placeholder is
/// borrowed to look up, copied only when the line is drawn afresh.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmptyLineKey<'a> {
    pub area: Rect,
    pub placeholder: Cow<'a, str>,
    pub focused: bool,
    pub caret: bool,
    pub palette: crate::app::Palette,
}

/// What the capture box's frame depends on: where it is, where the
/// keyboard is (its hint) and the palette.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CaptureBoxKey {
    pub area: Rect,
    /// The capture line has the keyboard, or the list has; or neither.
    pub focus: Option<bool>,
    pub palette: crate::app::Palette,
}

/// What the question screen's header row shows depends on: its text, each
/// question's planned and actual time (the agenda), the question, the
/// timer's style and the palette.
#[derive(Debug, PartialEq)]
pub struct HeaderKey {
    pub text: String,
    pub times: Vec<crate::agenda::Span>,
    pub question: usize,
    pub timer: ratatui::style::Style,
    pub palette: crate::app::Palette,
}
