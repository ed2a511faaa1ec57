//! Drawing: a pure function of [`App`] onto a ratatui frame.
//!
//! Nothing here changes state or reads the clock; times come from `app.now`.
//! Each screen has its own module, and shared pieces (status line, popups)
//! live in `chrome`. Only the visible rows of a list are drawn. Styles come
//! from the [`theme::Theme`] the config names, and the text field with the
//! keyboard puts the terminal's own cursor at its caret (ratatui hides it
//! when no field does), so input methods and screen readers follow it.

mod agenda;
pub mod canvas;
mod chrome;
mod entry_cells;
mod export_picker;
mod form;
mod frame_cache;
mod home;
mod inert;
mod insight_rows;
mod insights_list;
pub use insights_list::prepare_enter;
mod keyed_rows;
mod line_field;
mod list_frame;
mod overlays;
pub mod present;
mod question;
mod review;
mod review_views;
pub mod theme;
mod wrapup;
mod wrapup_lists;

use crate::app::{App, SaveState, Screen};
use canvas::Canvas;
pub use frame_cache::FrameCache;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use theme::Theme;

/// The smallest terminal the screens are laid out for.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

/// What every drawing function holds besides the state it draws.
#[derive(Clone, Copy)]
struct Pen {
    /// The styles to draw with.
    theme: &'static Theme,
    /// Whether the focused text field may take the terminal's cursor: not
    /// while help covers the screen (a frame's cursor, once set, stays).
    caret: bool,
}

/// Draws the whole app on a ratatui frame (tests, benches): nothing is reused.
pub fn render(app: &App, frame: &mut Frame) {
    render_reusing(app, frame, &mut FrameCache::default());
}

/// Draws the whole app on a ratatui frame, reusing from `cache` the cells
/// of parts that have not changed since it last drew them.
pub fn render_reusing(app: &App, frame: &mut Frame, cache: &mut FrameCache) {
    let mut canvas = Canvas::blank(frame.buffer_mut());
    draw(app, &mut canvas, cache);
    if let Some(position) = canvas.cursor() {
        frame.set_cursor_position(position);
    }
}

/// Draws the whole app on the terminal loop's canvas, which holds the last
/// frame: what `cache` knows is unchanged there since is left as it is, so
/// a keystroke does not redraw what it cannot have touched.
pub fn draw(app: &App, canvas: &mut Canvas, cache: &mut FrameCache) {
    let pen = Pen {
        theme: Theme::of(app.config.palette),
        caret: !app.help_open,
    };
    cache.begin_frame();
    draw_screens(app, canvas, pen, cache);
    canvas.redrawn_rows(inert::sanitise);
    if cfg!(debug_assertions) && canvas.kept_any() {
        // Every row kept must be what drawing afresh draws there.
        let mut fresh = ratatui::buffer::Buffer::empty(canvas.area());
        let mut blank = Canvas::blank(&mut fresh);
        draw(app, &mut blank, &mut FrameCache::default());
        let cursor = blank.cursor();
        assert_eq!(
            canvas.cursor(),
            cursor,
            "the cursor of a frame that kept rows"
        );
        assert_eq!(canvas.settled_cells(), fresh, "a frame that kept rows");
    }
}

fn draw_screens(app: &App, frame: &mut Canvas, pen: Pen, cache: &mut FrameCache) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area, app, pen.theme);
        return;
    }
    // The last row is the status line's (as `Layout` with `Min(1)` over
    // `Length(1)` would solve it, but at every key).
    let status = Rect {
        y: area.bottom() - 1,
        height: 1,
        ..area
    };
    let body = Rect {
        height: area.height - 1,
        ..area
    };
    // Decided before anything is drawn, as rows are kept only then.
    let status_key = chrome::StatusKey::of(status, app);
    let status_kept = cache.status.keep(frame, status, status_key.clone(), true);
    match &app.screen {
        Screen::Home(home) => home::render(frame, body, app, home, pen.theme),
        Screen::NewSession(form) => form::render(frame, body, form, pen),
        Screen::Workshop(w) => {
            match w.question() {
                Some(q) => question::render(frame, body, app, w, q, pen, cache),
                None => wrapup::render(frame, body, w, app.now, pen.theme),
            }
            overlays::render_focus_popup(frame, body, w, pen);
        }
        Screen::Review(r) => review::render(frame, body, app, r, pen),
    }
    if !status_kept {
        let hints = &mut cache.hints;
        let cells = cache.status_cells.cells(status_key, status, |cells| {
            ratatui::widgets::Widget::render(
                chrome::status_text(status, app, pen.theme, hints),
                status,
                cells,
            );
        });
        frame.copy_cells(cells);
    }
    if app.help_open {
        overlays::help(frame, body, app, pen.theme);
    }
}

fn too_small(frame: &mut Canvas, area: Rect, app: &App, theme: &Theme) {
    let lines = vec![
        Line::styled("Please enlarge the window", theme.title),
        Line::from(format!(
            "stb needs {MIN_WIDTH}×{MIN_HEIGHT}; this is {}×{}",
            area.width, area.height
        )),
        Line::from(match (&app.screen, &app.save) {
            (_, SaveState::Failed(_)) => "NOT SAVED yet: stb keeps retrying; enlarge to see why.",
            (Screen::Workshop(w), SaveState::Saved(_)) if !w.dirty() => {
                "Your session is saved; nothing is lost."
            }
            (Screen::Workshop(_), _) => "Saving your session…",
            _ => "",
        }),
    ];
    let height = (lines.len() as u16).min(area.height);
    let [_, middle, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(height),
        Constraint::Fill(1),
    ])
    .areas(area);
    frame.render_widget(
        Paragraph::new(lines)
            .alignment(ratatui::layout::Alignment::Center)
            .wrap(ratatui::widgets::Wrap { trim: true }),
        middle,
    );
}
