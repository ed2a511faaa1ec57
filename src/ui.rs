//! Drawing: a pure function of [`App`] onto a ratatui frame.
//!
//! Nothing here changes state or reads the clock; times come from `app.now`.
//! Each screen has its own module, and shared pieces (status line, popups)
//! live in `chrome`. Only the visible rows of a list are drawn.

mod chrome;
mod export_picker;
mod form;
mod home;
mod inert;
mod line_field;
mod overlays;
mod question;
mod review;
mod review_views;
mod wrapup;

use crate::app::{App, SaveState, Screen};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::Paragraph;

/// The smallest terminal the screens are laid out for.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

/// Draws the whole app.
pub fn render(app: &App, frame: &mut Frame) {
    draw_screens(app, frame);
    inert::sanitise(frame.buffer_mut());
}

fn draw_screens(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area, app);
        return;
    }
    let [body, status] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    match &app.screen {
        Screen::Home(home) => home::render(frame, body, app, home),
        Screen::NewSession(form) => form::render(frame, body, form),
        Screen::Workshop(w) => {
            match w.question() {
                Some(q) => question::render(frame, body, app, w, q),
                None => wrapup::render(frame, body, w),
            }
            overlays::render_focus_popup(frame, body, w);
        }
        Screen::Review(r) => review::render(frame, body, app, r),
    }
    chrome::status_line(frame, status, app);
    if app.help_open {
        overlays::help(frame, body, app);
    }
}

fn too_small(frame: &mut Frame, area: Rect, app: &App) {
    let lines = vec![
        Line::styled(
            "Please enlarge the window",
            Style::new().add_modifier(Modifier::BOLD),
        ),
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
