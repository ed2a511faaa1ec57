//! Pieces every screen shares: the status line, key hints, popups, and
//! fitting user text into a width.

use super::Pen;
use super::theme::Theme;
use crate::app::{App, SaveState, keymap};
use crate::ui::canvas::Canvas;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Everything the status line is drawn from: while it is the same, so is
/// the line, and a key typed neither builds its hints nor formats its time.
#[derive(Clone, Debug, PartialEq)]
pub struct StatusKey {
    width: u16,
    unsaved: bool,
    save: SaveState,
    message: Option<String>,
    context: keymap::Context,
    following: bool,
    palette: crate::app::Palette,
}

impl StatusKey {
    /// The status line's key for `area` of `app`.
    pub fn of(area: Rect, app: &App) -> StatusKey {
        let unsaved = app.workshop().is_some_and(|w| w.dirty());
        StatusKey {
            width: area.width,
            unsaved,
            // "saving…" whenever a change is unsaved, whenever the last
            // save was: one key, so an Enter finds that line drawn.
            save: match &app.save {
                SaveState::Saved(_) if unsaved => SaveState::Idle,
                save => save.clone(),
            },
            message: app.message.clone(),
            context: app.context(),
            following: app.following().is_some(),
            palette: app.config.palette,
        }
    }
}

/// The status lines drawn last, each with its key, newest first: an Enter
/// turns "saved 10:42" into "saving…" and its save back into "saved", so
/// the line an Enter shows was nearly always drawn before, and rendering
/// it again (its hints made for the new width) was a fifth of an Enter's
/// frame.
#[derive(Debug, Default)]
pub struct StatusCells {
    lines: Vec<(StatusKey, Buffer)>,
    /// How many lines were drawn (for tests: the rest were copied).
    #[cfg(test)]
    pub(super) drawn: usize,
}

/// How many status lines [`StatusCells`] keeps.
const STATUS_LINES_KEPT: usize = 3;

impl StatusCells {
    /// The status line's cells for `key` over `area`, drawn by `draw` when
    /// none drawn for that key are kept.
    pub fn cells(&mut self, key: StatusKey, area: Rect, draw: impl FnOnce(&mut Buffer)) -> &Buffer {
        let found = self
            .lines
            .iter()
            .position(|(made, cells)| *made == key && cells.area == area);
        let made = match found {
            Some(at) => self.lines.remove(at),
            None => {
                let mut cells = Buffer::empty(area);
                draw(&mut cells);
                #[cfg(test)]
                {
                    self.drawn += 1;
                }
                (key, cells)
            }
        };
        self.lines.truncate(STATUS_LINES_KEPT - 1);
        self.lines.insert(0, made);
        &self.lines[0].1
    }
}

/// The key hints last made, and the context, room and following they were
/// made for: the status line changes at each save ("saving…", "saved"),
/// but its hints seldom do, and making them walks the whole key table.
#[derive(Debug, Default)]
pub struct HintsMade(Option<((keymap::Context, usize, bool), String)>);

/// The bottom line for `area`: save state, then the message or the
/// context's hints.
pub fn status_text(area: Rect, app: &App, theme: &Theme, made: &mut HintsMade) -> Line<'static> {
    // A change on screen that the saving thread has not yet reported on
    // disk: never "saved" until it is.
    let unsaved = app.workshop().is_some_and(|w| w.dirty());
    let save = match &app.save {
        SaveState::Idle | SaveState::Saved(_) if unsaved => Span::styled(" saving… ", theme.saving),
        SaveState::Idle => Span::raw(""),
        SaveState::Saved(at) => {
            Span::styled(format!(" saved {} ", app.local_time(*at)), theme.saved)
        }
        // A message (such as "Ctrl+Q again") must stay readable beside it.
        SaveState::Failed(_) if app.message.is_some() => {
            Span::styled(" NOT SAVED ", theme.not_saved)
        }
        SaveState::Failed(error) => Span::styled(
            format!(
                " NOT SAVED (retrying; data kept in memory): {} ",
                crate::inert::visible(error)
            ),
            theme.not_saved,
        ),
    };
    let room = (area.width as usize).saturating_sub(save.content.width() + 1);
    let rest = match &app.message {
        Some(message) => Span::styled(format!(" {}", fit(message, room)), theme.message),
        None => {
            let key = (app.context(), room, app.following().is_some());
            let hints = match &made.0 {
                Some((was, hints)) if *was == key => hints,
                _ => &made.0.insert((key, hints(app, room))).1,
            };
            Span::styled(format!(" {hints}"), theme.hint)
        }
    };
    Line::from(vec![save, rest])
}

/// Key hints for the current context, from the key table: this screen's
/// own keys first, then the ones that work everywhere, as many whole hints
/// as fit in `room` columns.
fn hints(app: &App, room: usize) -> String {
    match app.context() {
        // Select mode's own commands, all of them: the frame names the way out.
        keymap::Context::List => mode_hints(keymap::Context::List, keymap::Context::Capture, room),
        // A laptop following a room's lead has no question or timer keys.
        context if app.following().is_some() => {
            hint_text_where(context, room, |b| !crate::app::moves_the_clock(&b.action))
        }
        context => hint_text(context, room),
    }
}

/// The hints of `context` from the key table, as many whole ones as fit in
/// `room` columns: the context's own keys first, then those that work
/// everywhere.
pub fn hint_text(context: keymap::Context, room: usize) -> String {
    hint_text_where(context, room, |_| true)
}

/// [`hint_text`] of the bindings `keep` keeps.
fn hint_text_where(
    context: keymap::Context,
    room: usize,
    keep: impl Fn(&keymap::Binding) -> bool,
) -> String {
    let everywhere = |b: &&keymap::Binding| b.contexts.len() >= keymap::ALL_CONTEXTS.len();
    let bindings = keymap::bindings_for(context).filter(|b| !b.hint.is_empty() && keep(b));
    let (global, own): (Vec<_>, Vec<_>) = bindings.partition(everywhere);
    join_hints(own.into_iter().chain(global), room)
}

/// The hints of the keys `context` has and `besides` does not: what a mode
/// adds (select mode's commands beside the capture line's keys).
pub fn mode_hints(context: keymap::Context, besides: keymap::Context, room: usize) -> String {
    let added = keymap::bindings_for(context)
        .filter(|b| !b.hint.is_empty() && !b.contexts.contains(&besides));
    join_hints(added, room)
}

/// As many whole `key hint` pairs as fit in `room` columns.
fn join_hints<'a>(bindings: impl Iterator<Item = &'a keymap::Binding>, room: usize) -> String {
    let mut text = String::new();
    for b in bindings {
        let hint = format!("{} {}", b.keys[0].label(), b.hint);
        let sep = if text.is_empty() { "" } else { " · " };
        if text.width() + sep.len() + hint.width() > room {
            break;
        }
        text.push_str(sep);
        text.push_str(&hint);
    }
    text
}

/// A centred popup area of at most `width`×`height`, cleared and framed.
/// A popup within a few columns of the screen's size takes all of it, so
/// no slivers of the screen behind show at its sides.
pub fn popup(
    frame: &mut Canvas,
    area: Rect,
    theme: &Theme,
    width: u16,
    height: u16,
    title: &str,
) -> Rect {
    let width = if width + 6 >= area.width {
        area.width
    } else {
        width
    };
    let height = if height + 2 >= area.height {
        area.height
    } else {
        height
    };
    let [row] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(Flex::Center)
        .areas(area);
    let [rect] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(row);
    frame.render_widget(Clear, rect);
    let block = Block::bordered()
        .border_type(theme.border_type)
        .title(Line::styled(format!(" {title} "), theme.title))
        .border_style(theme.popup_border);
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    inner
}

/// Cuts `text` to at most `width` columns, ending in `…` when cut, never
/// splitting a grapheme (a Welsh ŵ in decomposed form, an emoji family).
pub fn fit(text: &str, width: usize) -> String {
    let text = &*crate::inert::visible(text);
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

/// A framed one-line text field: the capture line, the review query. Its
/// frame stands out, and the terminal's cursor is in it, when it has the
/// keyboard.
pub fn input_box(
    frame: &mut Canvas,
    area: Rect,
    pen: Pen,
    text: &ratatui_textarea::TextArea<'static>,
    title: &str,
    hint: &str,
    focused: bool,
) {
    let block = input_frame(pen.theme, title, hint, focused);
    input_in(frame, area, pen, text, &block, focused);
}

/// A text box's frame: its title, and a hint on the right.
pub fn input_frame(theme: &Theme, title: &str, hint: &str, focused: bool) -> Block<'static> {
    let (border, border_type) = if focused {
        (theme.input_focused, theme.border_type_focused)
    } else {
        (theme.border, theme.border_type)
    };
    Block::bordered()
        .border_type(border_type)
        .border_style(border)
        .title(Line::styled(format!(" {title} "), theme.title))
        .title(Line::styled(format!(" {hint} "), theme.hint).right_aligned())
}

/// A text box in `block` over `area`.
pub fn input_in(
    frame: &mut Canvas,
    area: Rect,
    pen: Pen,
    text: &ratatui_textarea::TextArea<'static>,
    block: &Block<'_>,
    focused: bool,
) {
    let inner = block.inner(area);
    frame.render_widget(block, area);
    field_in(frame, inner, pen, text, focused);
}

/// The text of a text box, inside its frame.
pub fn field_in(
    frame: &mut Canvas,
    inner: Rect,
    pen: Pen,
    text: &ratatui_textarea::TextArea<'static>,
    focused: bool,
) {
    let field = super::line_field::LineField::of(text)
        .placeholder(text.placeholder_text(), pen.theme.placeholder)
        .focused(focused);
    super::line_field::draw(frame, inner, field, pen.caret);
}

#[cfg(test)]
#[path = "chrome/status_tests.rs"]
mod status_tests;
