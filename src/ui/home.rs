//! Home: the sessions in the folder, newest first. Rows fill in as the
//! runner reads the files: a name, then the details, then the count; the
//! frame's title says how many are still being read.

use super::chrome::fit;
use super::theme::Theme;
use crate::app::keymap::key_label;
use crate::app::{Action, Context};
use crate::app::{App, Home};
use crate::storage::Known;
use crate::ui::canvas::Canvas;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Row, Table, TableState};

pub fn render(frame: &mut Canvas, area: Rect, app: &App, home: &Home, theme: &Theme) {
    let [header, body] = Layout::vertical([Constraint::Length(3), Constraint::Min(1)]).areas(area);
    frame.render_widget(
        Paragraph::new(vec![
            Line::styled(
                "stb · Shifting the Balance of Community Power workshops",
                theme.title,
            ),
            Line::styled(
                format!("Sessions in {}", app.config.sessions_dir.display()),
                theme.meta,
            ),
        ]),
        header,
    );
    if home.listed.is_empty() {
        frame.render_widget(
            Paragraph::new(vec![
                Line::from("No sessions here yet."),
                Line::from(""),
                Line::from(format!(
                    "Press {} to start a new session, or {} for every key.",
                    key_label(Context::Home, &Action::NewSession),
                    key_label(Context::Home, &Action::ToggleHelp)
                )),
            ])
            .block(Block::bordered().title(" Sessions ")),
            body,
        );
        return;
    }
    // Borders, the highlight symbol and three column gaps around the fixed columns.
    let title_width = body.width.saturating_sub(2 + 2 + 3 + 12 + 22 + 8) as usize;
    let rows = home.listed.iter().map(|listed| match &listed.known {
        Known::Read(Ok(s)) => Row::new(vec![
            s.date.to_string(),
            fit(&s.title, title_width),
            fit(&s.place, 22),
            format!("{:>8}", s.insights),
        ]),
        // Details from the head; the count comes with the full read.
        Known::Head(h) => Row::new(vec![
            h.date.to_string(),
            fit(&h.title, title_width),
            fit(&h.place, 22),
            format!("{:>8}", "…"),
        ]),
        Known::Name => Row::new(vec![
            "…".to_owned(),
            fit(
                &listed
                    .path
                    .file_name()
                    .unwrap_or_default()
                    .to_string_lossy(),
                title_width,
            ),
            String::new(),
            format!("{:>8}", "…"),
        ])
        .style(theme.meta),
        Known::Read(Err(error)) => Row::new(vec![
            "unreadable".to_owned(),
            // The folder is in the header; the file name and reason matter.
            fit(
                &error_without_folder(error, &app.config.sessions_dir),
                title_width,
            ),
            format!(
                "{} shows the error",
                key_label(Context::Home, &Action::Open)
            ),
            String::new(),
        ])
        .style(theme.error),
    });
    let reading = match home.reading() {
        0 => String::new(),
        n => format!(", reading {n}"),
    };
    let table = Table::new(
        rows,
        [
            Constraint::Length(12),
            Constraint::Fill(1),
            Constraint::Length(22),
            Constraint::Length(8),
        ],
    )
    .header(Row::new(vec!["Date", "Title", "Place", "Insights"]).style(theme.table_header))
    .row_highlight_style(theme.selection)
    .highlight_symbol("› ")
    .block(Block::bordered().title(format!(" Sessions ({}{reading}) ", home.listed.len())));
    let mut state = TableState::default().with_selected(Some(home.selected));
    frame.render_stateful_widget(table, body, &mut state);
}

fn error_without_folder(error: &str, dir: &std::path::Path) -> String {
    let prefix = format!("{}{}", dir.display(), std::path::MAIN_SEPARATOR);
    error.strip_prefix(&prefix).unwrap_or(error).to_owned()
}
