//! Popups over a screen: help, editing an insight, moving it, and the
//! participants panel with its form.

use super::Pen;
use super::chrome::{fit, popup};
use super::theme::Theme;
use crate::app::keymap::key_label;
use crate::app::{Action, App, Context, Focus, Workshop, keymap};
use crate::model::Sector;
use crate::ui::canvas::Canvas;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Row, Table, TableState, Wrap};

/// The command that shows this session on a projector, on a line of its
/// own across the whole width so it can be copied as it is.
fn projector_command(frame: &mut Canvas, area: Rect, command: &str, theme: &Theme) {
    let command = crate::inert::visible(command);
    let close = key_label(Context::ProjectorCommand, &Action::Cancel);
    let lines = vec![
        Line::from("In a second terminal window, run:"),
        Line::from(""),
        Line::styled(command.into_owned(), theme.quote),
        Line::from(""),
        Line::from("then drag that window to the projector and make it full screen."),
        Line::from("It follows this session live and never changes the file."),
        Line::from("Add --names to show the names of participants who gave consent."),
        Line::from(""),
        Line::styled(format!("{close} closes"), theme.hint),
    ];
    let paragraph = Paragraph::new(lines).wrap(Wrap { trim: false });
    let rows = paragraph.line_count(area.width.saturating_sub(2)) as u16;
    let inner = popup(
        frame,
        area,
        theme,
        area.width,
        rows + 2,
        "Show this session on a projector",
    );
    frame.render_widget(paragraph, inner);
}

/// Whether the session's focus has a popup over the screen's body.
pub fn covers_body(w: &Workshop) -> bool {
    !matches!(w.focus, Focus::Capture | Focus::List)
}

/// The popup that goes with the session's focus, if any (see [`covers_body`]).
pub fn render_focus_popup(frame: &mut Canvas, area: Rect, w: &Workshop, pen: Pen) {
    let theme = pen.theme;
    match &w.focus {
        Focus::Edit { line, .. } => {
            let title = format!(
                "Edit insight · {} applies · {} cancels",
                key_label(Context::Edit, &Action::Submit),
                key_label(Context::Edit, &Action::Cancel)
            );
            let inner = popup(frame, area, theme, 76, 8, &title);
            let [text, hint] =
                Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
            let field = super::line_field::LineField::of(line).focused(true);
            super::line_field::draw(frame, text, field, pen.caret);
            frame.render_widget(
                Line::styled(
                    "text @name #practice #kind #tag >owner !due — as on the capture line",
                    theme.hint,
                ),
                hint,
            );
        }
        Focus::Move { id, choice } => {
            let n = w.session.questions.len();
            let inner = popup(
                frame,
                area,
                theme,
                60,
                5 + n as u16,
                "Move insight to question",
            );
            let text = w.session.insight(*id).map_or("", |i| i.text.as_str());
            let mut lines = vec![
                Line::styled(fit(&format!("“{text}”"), inner.width as usize), theme.quote),
                Line::from(""),
            ];
            let here = w.question();
            lines.extend(w.session.questions.iter().enumerate().map(|(i, q)| {
                let marker = if choice.highlighted == i + 1 {
                    "›"
                } else {
                    " "
                };
                let mut row = format!("{marker}{:>3}  {}", i + 1, crate::inert::visible(&q.title));
                if here == Some(i + 1) {
                    row.push_str(" (it is here now)");
                }
                let row = fit(&row, inner.width as usize);
                match (choice.highlighted == i + 1, here == Some(i + 1)) {
                    (true, _) => Line::styled(row, theme.selection),
                    (false, true) => Line::styled(row, theme.meta),
                    (false, false) => Line::from(row),
                }
            }));
            let keys = |action: Action| key_label(Context::Move, &action);
            let hint = match choice.pending {
                Some(first) => format!(
                    "{first}_ · 0–{} for {first}0–{n} · {} for {first} · {} cancels",
                    n.saturating_sub(first * 10).min(9),
                    keys(Action::Submit),
                    keys(Action::Cancel)
                ),
                None => format!(
                    "{}–{} or {} {} {} choose · {} cancels",
                    keys(Action::MoveTo(1)),
                    keys(Action::MoveTo(n.min(9))),
                    keys(Action::Up),
                    keys(Action::Down),
                    keys(Action::Submit),
                    keys(Action::Cancel)
                ),
            };
            lines.push(Line::styled(fit(&hint, inner.width as usize), theme.hint));
            frame.render_widget(Paragraph::new(lines), inner);
        }
        Focus::Roster => roster(frame, area, w, theme),
        Focus::Form { form, .. } => {
            roster(frame, area, w, theme);
            let height = form.fields.len() as u16 + 6;
            let inner = popup(frame, area, theme, 80, height, form.title);
            super::form::render_fields(frame, inner, form, pen);
        }
        Focus::Projector { command } => projector_command(frame, area, command, theme),
        Focus::Capture | Focus::List => {}
    }
}

fn roster(frame: &mut Canvas, area: Rect, w: &Workshop, theme: &Theme) {
    let session = &w.session;
    let people: Vec<_> = session.live_participants().collect();
    let inner = popup(
        frame,
        area,
        theme,
        area.width,
        area.height,
        &format!("Participants ({})", people.len()),
    );
    let [list, hint] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(inner);
    let sector_width = Sector::ALL
        .iter()
        .map(|s| s.short().len())
        .max()
        .unwrap_or(8);
    // Name and organisation share what the fixed columns, gaps and the
    // highlight symbol leave.
    let free = (list.width as usize).saturating_sub(2 + 4 + sector_width + 12 + 8);
    let (name_width, org_width) = (free / 2, free - free / 2);
    let rows = people.iter().map(|p| {
        let said = session
            .live_insights()
            .filter(|i| i.participant == Some(p.id))
            .count();
        Row::new(vec![
            fit(&p.name, name_width),
            fit(&p.organisation, org_width),
            p.sector.short().to_owned(),
            p.consent.label().to_owned(),
            format!("{said:>8}"),
        ])
    });
    let table = Table::new(
        rows,
        [
            Constraint::Length(name_width as u16),
            Constraint::Length(org_width as u16),
            Constraint::Length(sector_width as u16),
            Constraint::Length(12),
            Constraint::Length(8),
        ],
    )
    .header(
        Row::new(vec![
            "Name",
            "Organisation",
            "Sector",
            "Consent",
            "Insights",
        ])
        .style(theme.table_header),
    )
    .row_highlight_style(theme.selection)
    .highlight_symbol("› ");
    let mut state =
        TableState::default().with_selected((!people.is_empty()).then_some(w.roster_selected));
    frame.render_stateful_widget(table, list, &mut state);
    frame.render_widget(
        Line::styled(
            super::chrome::hint_text(Context::Roster, usize::from(hint.width)),
            theme.hint,
        ),
        hint,
    );
}

/// Every key, by context, from the key table that handles them; the
/// section of where help was opened comes first (see `keymap::help`).
pub fn help(frame: &mut Canvas, area: Rect, app: &App, theme: &Theme) {
    use keymap::help::HelpLine;
    let lines: Vec<Line> = keymap::help::lines(app.screen_context())
        .into_iter()
        .map(|line| match &line {
            HelpLine::Note(_) => Line::styled(line.text(), theme.hint),
            HelpLine::Heading { .. } => Line::styled(line.text(), theme.heading),
            HelpLine::Blank | HelpLine::Row { .. } => Line::from(line.text()),
        })
        .collect();
    let inner = popup(frame, area, theme, 78, area.height, "Help · every key");
    frame.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll((app.help_scroll, 0)),
        inner,
    );
}
