//! The projector view (`stb present`): a pure drawing of [`Presenter`].
//!
//! Read from across a room: the question's number and title and the time
//! left in large type (tui-big-text's quadrant glyphs, 4×4 cells a letter,
//! which every terminal font draws), the question and its prompts, and the
//! room's words as they come, newest at the bottom. Time up is the capture
//! screen's cue: the timer's time-up style and `timer::label`'s overrun.
//! Nothing here names a participant; the [`Presenter`] decides who may be.
//!
//! Large type falls back to ordinary bold text when it would not fit, or
//! when the title has letters the 8×8 font lacks (ŵ, ŷ): a title is never
//! shown with letters missing.

use super::chrome::fit;
use super::theme::Theme;
use crate::app::{Action, Context, keymap};
use crate::model::{Session, Stage};
use crate::present::{FileState, Presenter};
use crate::timer;
use crate::ui::canvas::Canvas;
use jiff::Timestamp;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use tui_big_text::{BigText, PixelSize};

/// Columns and rows of one letter in large type (quadrant pixels).
const BIG_COLS: usize = 4;
const BIG_ROWS: u16 = 4;
/// Rows the insights keep at least, under the question and its prompts.
const INSIGHT_ROWS: u16 = 6;

/// Draws the projector view of `p` at `now` on a ratatui frame (tests).
pub fn render(frame: &mut Frame, p: &Presenter, now: Timestamp, theme: &Theme) {
    draw(&mut Canvas::blank(frame.buffer_mut()), p, now, theme);
}

/// Draws the projector view of `p` at `now`.
pub fn draw(frame: &mut Canvas, p: &Presenter, now: Timestamp, theme: &Theme) {
    let area = frame.area();
    let [body, footer] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    match &p.shown {
        Some(session) => match session.stage {
            Stage::Question(q) if (1..=session.questions.len()).contains(&q) => {
                question(frame, body, p, session, q, now, theme);
            }
            _ => wrap_up(frame, body, p, session, theme),
        },
        None => nothing_yet(frame, body, p, theme),
    }
    status(frame, footer, p, theme);
    frame.redrawn_rows(super::inert::sanitise);
}

fn question(
    frame: &mut Canvas,
    area: Rect,
    p: &Presenter,
    session: &Session,
    q: usize,
    now: Timestamp,
    theme: &Theme,
) {
    let def = &session.questions[q - 1];
    let timing = session.timeline.get(q - 1);
    let clock = timing.map(|t| clock_text(t, now));
    let clock_cols = clock
        .as_ref()
        .map_or(0, |(big, _)| (big.chars().count() * BIG_COLS + 2) as u16);
    let title_cols = area.width.saturating_sub(clock_cols + 1);
    let heading = format!("{q}. {}", crate::inert::visible(&def.title));
    let big_title = big_lines(&heading, title_cols as usize, 2);
    let band_rows = (big_title.as_ref().map_or(1, Vec::len) as u16 * BIG_ROWS).max(BIG_ROWS + 1);

    let mut text = Vec::new();
    if big_title.is_none() {
        text.push(Line::styled(heading.clone(), theme.title));
    }
    text.push(Line::styled(crate::inert::visible(&def.text), theme.title));
    if !def.prompts.is_empty() {
        text.push(Line::from(""));
        text.extend(
            def.prompts
                .iter()
                .map(|p| Line::styled(format!("• {}", crate::inert::visible(p)), theme.prompt)),
        );
    }
    let text = Paragraph::new(text).wrap(Wrap { trim: true });
    let wanted = text.line_count(area.width) as u16;
    let room = area.height.saturating_sub(band_rows + 1 + INSIGHT_ROWS);
    let [band, _, words, list] = Layout::vertical([
        Constraint::Length(band_rows),
        Constraint::Length(1),
        Constraint::Length(wanted.min(room)),
        Constraint::Min(0),
    ])
    .areas(area);
    let [title_area, clock_area] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(clock_cols)]).areas(band);
    match big_title {
        Some(lines) => frame.render_widget(big(lines, theme.title), title_area),
        None => frame.render_widget(
            Line::styled(
                format!("Question {q} of {}", session.questions.len()),
                theme.header,
            ),
            title_area,
        ),
    }
    if let (Some((face, label)), Some(timing)) = (clock, timing) {
        let style = if timer::is_running(timing) && timer::is_up(timing, now) {
            theme.timer_up
        } else if timer::is_running(timing) {
            theme.timer_running
        } else {
            theme.timer_idle
        };
        let [face_area, label_area] =
            Layout::vertical([Constraint::Length(BIG_ROWS), Constraint::Length(1)])
                .areas(clock_area);
        frame.render_widget(big(vec![face], style), face_area);
        frame.render_widget(Line::styled(label, style).centered(), label_area);
    }
    frame.render_widget(text, words);
    let this_question = session
        .live_insights()
        .filter(|i| i.question == q && !i.parked)
        .collect();
    let said = ("What the room said", this_question, Order::NewestLast);
    insights(frame, list, p, session, said, theme);
}

/// The clock in large type and the words under it: `12:34` and `left`;
/// `+02:13` and `time up +02:13` once the timebox has run out.
fn clock_text(timing: &crate::model::QuestionTiming, now: Timestamp) -> (String, String) {
    let left = timer::remaining(timing, now);
    let face = if left > 0 {
        timer::clock_face(left.unsigned_abs())
    } else {
        format!("+{}", timer::clock_face(left.unsigned_abs()))
    };
    let label = timer::label(timing, now);
    let label = match label.split_once(' ') {
        Some((_, rest)) if left > 0 => rest.trim_start_matches("· ").to_owned(),
        _ => label,
    };
    (face, label)
}

/// `text` cut into at most `max` lines of large type within `cols`
/// columns, at spaces; None when it does not fit so, or has a letter the
/// font lacks.
fn big_lines(text: &str, cols: usize, max: usize) -> Option<Vec<String>> {
    let per_line = cols / BIG_COLS;
    let drawable = |c: char| matches!(c, ' '..='~' | '\u{a0}'..='\u{ff}');
    if per_line == 0 || !text.chars().all(drawable) {
        return None;
    }
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        let n = word.chars().count();
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + n <= per_line => {
                line.push(' ');
                line.push_str(word);
            }
            _ if n <= per_line => lines.push(word.to_owned()),
            _ => return None,
        }
    }
    (!lines.is_empty() && lines.len() <= max).then_some(lines)
}

fn big(lines: Vec<String>, style: ratatui::style::Style) -> BigText<'static> {
    BigText::builder()
        .pixel_size(PixelSize::Quadrant)
        .style(style)
        .lines(lines.into_iter().map(Line::from).collect::<Vec<_>>())
        .build()
}

/// The insights that `pick` chooses, newest at the bottom: as many as fit,
/// measured from the newest up (only those drawn are measured).
fn insights(
    frame: &mut Canvas,
    area: Rect,
    p: &Presenter,
    session: &Session,
    (title, rows, order): (&str, Vec<&crate::model::Insight>, Order),
    theme: &Theme,
) {
    let block = Block::bordered()
        .border_type(theme.border_type)
        .border_style(theme.border)
        .title(Line::styled(
            format!(" {title} ({}) ", rows.len()),
            theme.title,
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if rows.is_empty() {
        frame.render_widget(Line::styled("  Nothing yet.", theme.hint), inner);
        return;
    }
    let entry = |insight: &crate::model::Insight| {
        let mut spans = vec![Span::styled(
            if insight.starred { "★ " } else { "  " },
            theme.starred,
        )];
        if let Some(votes) = super::question::votes_mark(insight) {
            spans.push(Span::styled(votes, theme.votes));
        }
        if let Some(name) = p.speaker(session, insight) {
            let name = crate::inert::visible(name).into_owned();
            spans.push(Span::styled(format!("{name}: "), theme.person));
        }
        spans.push(Span::raw(
            crate::inert::visible(&p.words(insight)).into_owned(),
        ));
        let paragraph = Paragraph::new(Line::from(spans)).wrap(Wrap { trim: false });
        let height = paragraph.line_count(inner.width).max(1) as u16;
        (paragraph, height)
    };
    let mut shown = Vec::new();
    let mut used = 0;
    let walk: Box<dyn Iterator<Item = &&crate::model::Insight>> = match order {
        Order::NewestLast => Box::new(rows.iter().rev()),
        Order::Ranked => Box::new(rows.iter()),
    };
    for insight in walk {
        let (paragraph, height) = entry(insight);
        if used + height > inner.height && used > 0 {
            break;
        }
        used += height;
        shown.push((paragraph, height));
    }
    if order == Order::NewestLast {
        shown.reverse();
    }
    let mut y = inner.y;
    let bottom = inner.y + inner.height;
    for (paragraph, height) in shown {
        let height = height.min(bottom.saturating_sub(y));
        frame.render_widget(paragraph, Rect { y, height, ..inner });
        y += height;
    }
}

/// After the last question: how much the room said, and what it starred.
fn wrap_up(frame: &mut Canvas, area: Rect, p: &Presenter, session: &Session, theme: &Theme) {
    let big_title = big_lines("Wrap-up", area.width as usize, 1);
    let band = if big_title.is_some() { BIG_ROWS } else { 1 };
    let counts: Vec<Line> = session
        .questions
        .iter()
        .enumerate()
        .map(|(n, def)| {
            let said = session
                .live_insights()
                .filter(|i| i.question == n + 1 && !i.parked)
                .count();
            Line::from(vec![
                Span::styled(
                    format!("{:>14}   ", crate::words::count(said, "insight")),
                    theme.title,
                ),
                Span::raw(format!("{}. {}", n + 1, crate::inert::visible(&def.title))),
            ])
        })
        .collect();
    let [heading, _, list, _, starred] = Layout::vertical([
        Constraint::Length(band),
        Constraint::Length(1),
        Constraint::Length(counts.len() as u16),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(area);
    match big_title {
        Some(lines) => frame.render_widget(big(lines, theme.title), heading),
        None => frame.render_widget(Line::styled("Wrap-up", theme.title), heading),
    }
    frame.render_widget(Paragraph::new(counts), list);
    let starred_rows = session.live_insights().filter(|i| i.starred).collect();
    // Once the room has voted, its ranking shows beside what was starred,
    // most votes at the top.
    let voted: Vec<_> = crate::app::ranked(session)
        .into_iter()
        .map(|i| &session.insights[i])
        .take_while(|i| i.total_votes() > 0)
        .collect();
    let (starred, votes) = if voted.is_empty() {
        (starred, None)
    } else {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                .areas(starred);
        (left, Some(right))
    };
    let starred_list = ("Starred", starred_rows, Order::NewestLast);
    insights(frame, starred, p, session, starred_list, theme);
    if let Some(area) = votes {
        insights(
            frame,
            area,
            p,
            session,
            ("Votes", voted, Order::Ranked),
            theme,
        );
    }
}

/// Which end of a list shows when it does not all fit.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Order {
    /// The newest, at the bottom: what the room just said.
    NewestLast,
    /// The first, at the top: most votes first.
    Ranked,
}

fn nothing_yet(frame: &mut Canvas, area: Rect, p: &Presenter, theme: &Theme) {
    let line = match &p.file {
        FileState::Reading | FileState::Following => "Reading the session…",
        FileState::Incomplete => "Waiting for a complete file…",
        FileState::Missing => "No session file here yet: waiting for it to appear…",
        FileState::Unreadable(_) => "This file cannot be shown (below).",
    };
    let [_, middle, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(area);
    frame.render_widget(Line::styled(line, theme.title).centered(), middle);
}

/// The bottom line: what the view knows of the file, and how to leave.
fn status(frame: &mut Canvas, area: Rect, p: &Presenter, theme: &Theme) {
    let name = p.path.file_name().unwrap_or_default().to_string_lossy();
    let name = crate::inert::visible(&name).into_owned();
    let (note, style) = match &p.file {
        FileState::Reading => (format!(" reading {name}…"), theme.hint),
        FileState::Following => (format!(" following {name} · read-only"), theme.hint),
        FileState::Incomplete => (
            format!(" {name} is being written: waiting for a complete file"),
            theme.message,
        ),
        FileState::Missing => (
            format!(" {name} deleted — waiting for it to come back"),
            theme.error,
        ),
        FileState::Unreadable(error) => (format!(" {error}"), theme.error),
    };
    let quit = format!(
        "{} quits ",
        keymap::key_label(Context::Present, &Action::Quit)
    );
    let room = (area.width as usize).saturating_sub(quit.len() + 1);
    let [left, right] =
        Layout::horizontal([Constraint::Min(0), Constraint::Length(quit.len() as u16)]).areas(area);
    frame.render_widget(Line::styled(fit(&note, room), style), left);
    frame.render_widget(Line::styled(quit, theme.hint).right_aligned(), right);
}
