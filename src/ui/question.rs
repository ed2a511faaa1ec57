//! The question screen: the question and its prompts, the timebox, the
//! insights captured so far (newest visible), and the capture line.

use super::chrome::fit;
use crate::app::{Action, App, Context, Focus, Workshop, keymap};
use crate::model::{Insight, Session};
use crate::timer;
use crate::words;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Wrap};

pub fn render(frame: &mut Frame, area: Rect, app: &App, w: &Workshop, q: usize) {
    let session = &w.session;
    let def = &session.questions[q - 1];
    let timing = &session.timeline[q - 1];
    let time_up = timer::is_running(timing) && timer::is_up(timing, app.now);

    let inner_width = area.width.saturating_sub(2).max(1) as usize;
    let mut question_lines = vec![Line::from(crate::inert::visible(&def.text)).bold()];
    question_lines.push(Line::from(""));
    question_lines.extend(
        def.prompts
            .iter()
            .map(|p| Line::from(format!("• {p}")).fg(Color::Gray)),
    );
    let question_text = Paragraph::new(question_lines).wrap(Wrap { trim: true });
    let wanted = 2 + question_text.line_count(inner_width as u16);
    // One row of text, or two once it wraps (the field scrolls beyond that).
    let capture_rows = super::line_field::height(&w.capture.lines().join(" "), inner_width);
    let capture_height = 2 + capture_rows.clamp(1, 2) as u16;
    let question_height =
        (wanted as u16).min(area.height.saturating_sub(capture_height + 5).max(4));

    let [header, question, list, capture] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(question_height),
        Constraint::Min(3),
        Constraint::Length(capture_height),
    ])
    .areas(area);

    render_header(frame, header, session);

    let timer_style = if time_up {
        Style::new()
            .fg(Color::White)
            .bg(Color::Red)
            .add_modifier(Modifier::BOLD)
    } else if timer::is_running(timing) {
        Style::new().fg(Color::Green).add_modifier(Modifier::BOLD)
    } else {
        Style::new().fg(Color::Yellow)
    };
    let mut timer_text = format!(" ⏱ {} ", timer::label(timing, app.now));
    if timing.started.is_none() {
        let key = keymap::key_label(Context::Capture, &Action::ToggleTimer);
        timer_text.push_str(&format!("{key} starts "));
    }
    let border = if time_up {
        Style::new().fg(Color::Red)
    } else {
        Style::new().fg(Color::Blue)
    };
    let block = Block::bordered()
        .border_type(if time_up {
            BorderType::Thick
        } else {
            BorderType::Rounded
        })
        .border_style(border)
        .title(
            Line::from(format!(
                " Question {q} of {} · {} ",
                session.questions.len(),
                crate::inert::visible(&def.title)
            ))
            .bold(),
        )
        .title(Line::styled(timer_text, timer_style).right_aligned());
    frame.render_widget(question_text.block(block), question);

    render_insights(frame, list, app, w, q);
    render_capture(frame, capture, w);
}

fn render_header(frame: &mut Frame, area: Rect, session: &Session) {
    let text = format!(
        " {} · {} · {} · {}",
        session.title, session.place, session.date, session.facilitator
    );
    frame.render_widget(
        Line::styled(
            fit(&text, area.width as usize),
            Style::new().fg(Color::Black).bg(Color::Cyan),
        ),
        area,
    );
}

fn render_insights(frame: &mut Frame, area: Rect, app: &App, w: &Workshop, q: usize) {
    let rows = w.rows(q);
    let focused = matches!(
        w.focus,
        Focus::List | Focus::Edit { .. } | Focus::Move { .. }
    );
    // Select mode is loud: a thick frame, a reversed title naming the mode,
    // and every command it has, so nobody types into it unawares.
    let (title, hint) = if focused {
        let title = format!(" SELECTING · {} ", words::count(rows.len(), "insight"));
        let room = usize::from(area.width).saturating_sub(title.chars().count() + 6);
        let hint = super::chrome::mode_hints(Context::List, Context::Capture, room);
        let hint = format!(" {hint} ");
        (title, hint)
    } else {
        (
            format!(" Insights ({}) ", rows.len()),
            format!(
                " {} select ",
                keymap::key_label(Context::Capture, &Action::SelectInsights)
            ),
        )
    };
    let block = Block::bordered()
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Rounded
        })
        .border_style(if focused {
            Style::new().fg(Color::Cyan)
        } else {
            Style::new().fg(Color::DarkGray)
        })
        .title(if focused {
            Line::from(title).bold().reversed()
        } else {
            Line::from(title).bold()
        })
        .title(Line::styled(hint, Style::new().fg(Color::DarkGray)).right_aligned());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if rows.is_empty() {
        frame.render_widget(
            Line::styled(
                "  Nothing captured yet for this question.",
                Style::new().fg(Color::DarkGray),
            ),
            inner,
        );
        return;
    }
    let height = inner.height;
    let entry = |row: usize| {
        let insight = &w.session.insights[rows[row]];
        let line = insight_line(app, &w.session, insight);
        let line = if focused && row == w.selected {
            line.style(Style::new().add_modifier(Modifier::REVERSED))
        } else {
            line
        };
        let paragraph = Paragraph::new(line).wrap(Wrap { trim: false });
        let lines = paragraph.line_count(inner.width).max(1) as u16;
        (paragraph, lines)
    };
    // Newest at the bottom; walk up from the last row (or down from the
    // selection when it is above that window), measuring only what shows.
    let mut start = rows.len();
    let mut used = 0;
    while start > 0 {
        let (_, lines) = entry(start - 1);
        if used + lines > height && used > 0 {
            break;
        }
        used += lines;
        start -= 1;
    }
    if focused && w.selected < start {
        start = w.selected;
    }
    let mut y = inner.y;
    for row in start..rows.len() {
        let bottom = inner.y + height;
        if y >= bottom {
            break;
        }
        let (paragraph, lines) = entry(row);
        let area = Rect {
            y,
            height: lines.min(bottom - y),
            ..inner
        };
        frame.render_widget(paragraph, area);
        y += lines;
    }
}

/// One insight: star, time, who, its full text, then its classification.
pub fn insight_line<'a>(app: &App, session: &'a Session, insight: &'a Insight) -> Line<'a> {
    let mut spans = vec![
        Span::styled(
            if insight.starred { "★ " } else { "  " },
            Style::new().fg(Color::Yellow),
        ),
        Span::styled(
            format!(
                "{} ",
                app.local_time(insight.created).get(..5).unwrap_or("")
            ),
            Style::new().fg(Color::DarkGray),
        ),
    ];
    if let Some(p) = insight.participant.and_then(|p| session.participant(p)) {
        spans.push(Span::styled(
            format!("{}: ", crate::inert::visible(&p.name)),
            Style::new().fg(Color::Cyan),
        ));
    }
    let tags = crate::inert::visible(&crate::capture::tag_words(insight)).into_owned();
    spans.push(Span::raw(crate::inert::visible(&insight.text)));
    spans.push(Span::styled(tags, Style::new().fg(Color::Magenta)));
    Line::from(spans)
}

fn render_capture(frame: &mut Frame, area: Rect, w: &Workshop) {
    let focused = matches!(w.focus, Focus::Capture);
    let hint = if focused {
        let key = |action: &Action| keymap::key_label(Context::Capture, action);
        let all = format!(
            "{} saves · {} completes · {} selects insights",
            key(&Action::Submit),
            key(&Action::Complete),
            key(&Action::SelectInsights)
        );
        let room = usize::from(area.width).saturating_sub(" Capture ".len() + 6);
        if unicode_width::UnicodeWidthStr::width(all.as_str()) <= room {
            all
        } else {
            format!("{} selects insights", key(&Action::SelectInsights))
        }
    } else if matches!(w.focus, Focus::List) {
        "typing paused: any letter goes back here".to_owned()
    } else {
        String::new()
    };
    super::chrome::input_box(frame, area, &w.capture, "Capture", &hint, focused);
}
