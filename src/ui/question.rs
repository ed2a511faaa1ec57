//! The question screen: the question and its prompts, the timebox, the
//! insights captured so far (newest visible), and the capture line.
//!
//! The insights are what the facilitator watches, so they get the room: the
//! prompts fold away by themselves when showing them would leave fewer than
//! eight rows for insights (an 80×24 terminal), the box saying how many are
//! folded and which key shows them; that key (and the facilitator's choice
//! it records on the workshop) overrides the rule either way.

use super::Pen;
use super::chrome::fit;
use super::frame_cache::{
    CaptureBoxKey, EmptyLineKey, FrameCache, HeaderKey, QuestionBoxKey, QuestionKey,
};
use super::theme::Theme;
use crate::app::{Action, App, Context, Focus, PromptsShown, Workshop, keymap};
use crate::model::{Insight, QuestionDef, Session};
use crate::timer;
use crate::ui::canvas::Canvas;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

/// Rows kept for insights before the prompts show by themselves: eight
/// one-line insights at 80×24.
const INSIGHT_ROWS: u16 = 8;
/// The capture box at its tallest (two rows of text), so the prompts do not
/// fold and unfold while a line is typed.
const CAPTURE_MAX: u16 = 4;

pub fn render(
    frame: &mut Canvas,
    area: Rect,
    app: &App,
    w: &Workshop,
    q: usize,
    pen: Pen,
    cache: &mut FrameCache,
) {
    let theme = pen.theme;
    let session = &w.session;
    let def = &session.questions[q - 1];
    let timing = &session.timeline[q - 1];
    let time_up = timer::is_running(timing) && timer::is_up(timing, app.now);

    let inner_width = area.width.saturating_sub(2).max(1);
    let question_key = QuestionKey {
        question: std::borrow::Cow::Borrowed(def),
        prompts: w.prompts,
        screen: area,
        palette: app.config.palette,
    };
    let (wanted, show_prompts) = cache.question_rows(&question_key, || {
        let (_, wanted, shown) = question_text(def, w.prompts, area, theme);
        (wanted, shown)
    });
    // One row of text, or two once it wraps (the field scrolls beyond that).
    let capture_rows =
        super::line_field::height(&w.capture.lines().join(" "), inner_width as usize);
    let capture_height = 2 + capture_rows.clamp(1, 2) as u16;
    let question_height = (2 + wanted).min(area.height.saturating_sub(capture_height + 5).max(4));

    let [header, question, list, capture] =
        cache.question_layout(area, question_height, capture_height);

    let timer_style = match crate::agenda::cue(timing, app.now) {
        _ if time_up => theme.timer_up,
        Some(_) => theme.timer_soon,
        None if timer::is_running(timing) => theme.timer_running,
        None => theme.timer_idle,
    };
    let box_key = QuestionBoxKey {
        title: std::borrow::Cow::Borrowed(&def.title),
        question: q,
        questions: session.questions.len(),
        timing: timing.clone(),
        second: timer::is_running(timing).then(|| app.now.as_second()),
        following: app.following().is_some(),
        folded: (!show_prompts && !def.prompts.is_empty()).then_some(def.prompts.len()),
        time_up,
        timer: timer_style,
        palette: app.config.palette,
    };
    let (made, block) = cache.question_box(&box_key, || question_frame(&box_key, app.now, theme));
    let text_area = block.inner(question);
    let list_key = super::insights_list::key(app, w, q, list);

    // Rows the last frame drew just so are left as they are: typing a
    // letter redraws the capture box's text, and little else.
    let question_box = (made, question);
    // Not under a popup or help, now or in the frame kept from.
    let uncovered = !app.help_open && !super::overlays::covers_body(w);
    let before = cache.showed(frame.holds()).filter(|_| uncovered);
    let keep_question = before.is_some_and(|shown| shown.question == question_box)
        && cache.question_text_is(&question_key, text_area)
        && frame.keep(question);
    let screen = (app, w, q);
    let list_plan = super::insights_list::plan(frame, list_key, before, screen, theme, cache);
    // The list's bottom row: its frame, and the parked count (an Enter
    // scrolls the rows above it).
    let looks = (list_plan.key.focused, app.config.palette, w.parked_count());
    let bottom_row = Rect {
        y: list.bottom().saturating_sub(1),
        height: 1,
        ..list
    };
    let framed_list = uncovered && list.height >= 3;
    cache
        .list_bottom
        .keep(frame, bottom_row, looks, framed_list);

    let header_key = HeaderKey {
        text: header_text(app, session),
        times: crate::agenda::spans(session, app.now),
        question: q,
        timer: timer_style,
        palette: app.config.palette,
    };
    let header_text = header_key.text.clone();
    let keep_header = cache.header.keep(frame, header, header_key, uncovered);
    let capture_box = CaptureBoxKey {
        area: capture,
        focus: match w.focus {
            Focus::Capture => Some(true),
            Focus::List => Some(false),
            _ => None,
        },
        palette: app.config.palette,
    };
    // The capture box's frame: its top and bottom rows.
    let row = |y| Rect {
        y,
        height: 1,
        ..capture
    };
    let framed = capture.height >= 3;
    let (top, bottom) = (row(capture.y), row(capture.bottom().saturating_sub(1)));
    cache
        .capture_top
        .keep(frame, top, capture_box, uncovered && framed);
    cache
        .capture_bottom
        .keep(frame, bottom, capture_box, uncovered && framed);

    if !keep_header {
        let agenda_width = super::agenda::width_for(header.width, session.questions.len());
        let [details, agenda] =
            Layout::horizontal([Constraint::Min(1), Constraint::Length(agenda_width)])
                .areas(header);
        frame.render_widget(
            Line::styled(fit(&header_text, details.width as usize), theme.header),
            details,
        );
        super::agenda::render(frame, agenda, session, q, app.now, timer_style, theme);
    }
    // Its frame is drawn once for its key, and copied since.
    let focused = matches!(w.focus, Focus::Capture);
    let (block, cells) = cache.capture_box(capture_box, || capture_frame(capture, w, theme));
    let inner = block.inner(capture);
    frame.copy_cells(cells);
    let placeholder = w.capture.placeholder_text();
    if w.capture.is_empty() && !placeholder.is_empty() {
        let key = EmptyLineKey {
            area: inner,
            placeholder: std::borrow::Cow::Borrowed(placeholder),
            focused,
            caret: pen.caret,
            palette: app.config.palette,
        };
        let (cells, caret) = cache.empty_line(&key, |canvas| {
            super::chrome::field_in(canvas, inner, pen, &w.capture, focused);
        });
        frame.copy_cells(cells);
        if let Some(caret) = caret {
            frame.set_cursor_position(caret);
        }
    } else {
        super::chrome::field_in(frame, inner, pen, &w.capture, focused);
    }
    if !keep_question {
        frame.render_widget(cache.question_block(), question);
        let draw_text = |buf: &mut Buffer| {
            let (lines, ..) = question_text(def, w.prompts, area, theme);
            Paragraph::new(lines)
                .wrap(Wrap { trim: true })
                .render(text_area, buf);
        };
        cache.question_text(&question_key, text_area, frame.buffer_mut(), draw_text);
    }
    super::insights_list::draw(frame, &list_plan, screen, theme, cache);
    if uncovered {
        let list_key = list_plan.key.clone();
        cache.show(
            frame.number(),
            question_box,
            list_key,
            list_plan.into_layout(),
        );
    }
}

/// The question box's frame: the question's number and title, the timer,
/// and how many prompts are folded away.
fn question_frame(key: &QuestionBoxKey<'_>, now: jiff::Timestamp, theme: &Theme) -> Block<'static> {
    let timing = &key.timing;
    let mut timer_text = format!(" ⏱ {} ", timer::label(timing, now));
    if timing.started.is_none() && !key.following {
        let label = keymap::key_label(Context::Capture, &Action::ToggleTimer);
        timer_text.push_str(&format!("{label} starts "));
    }
    let (border, border_type) = if key.time_up {
        (theme.time_up_border, theme.time_up_border_type)
    } else {
        (theme.question_border, theme.border_type)
    };
    let block = Block::bordered()
        .border_type(border_type)
        .border_style(border)
        .title(Line::styled(
            format!(
                " Question {} of {} · {} ",
                key.question,
                key.questions,
                crate::inert::visible(&key.title)
            ),
            theme.title,
        ))
        .title(Line::styled(timer_text, key.timer).right_aligned());
    match key.folded {
        Some(prompts) => {
            block.title_bottom(Line::styled(folded_note(prompts), theme.hint).right_aligned())
        }
        None => block,
    }
}

/// The question and, unless they fold away, its prompts: the lines, the
/// rows they take inside the question box in `area`, and whether the
/// prompts are among them.
fn question_text<'a>(
    def: &'a QuestionDef,
    prompts: PromptsShown,
    area: Rect,
    theme: &Theme,
) -> (Vec<Line<'a>>, u16, bool) {
    let width = area.width.saturating_sub(2).max(1);
    let rows = |lines: &[Line<'a>]| {
        Paragraph::new(lines.to_vec())
            .wrap(Wrap { trim: true })
            .line_count(width) as u16
    };
    let mut lines = vec![Line::styled(crate::inert::visible(&def.text), theme.title)];
    let text_rows = rows(&lines);
    let mut prompt_lines = vec![Line::from("")];
    prompt_lines.extend(
        def.prompts
            .iter()
            .map(|p| Line::styled(format!("• {}", crate::inert::visible(p)), theme.prompt)),
    );
    let prompt_rows = rows(&prompt_lines);
    // Left to themselves, the prompts show if they leave eight rows for
    // insights under the header, this box and the tallest capture box.
    let room = area
        .height
        .saturating_sub(1 + 2 + text_rows + 2 + CAPTURE_MAX);
    let shown = !def.prompts.is_empty()
        && match prompts {
            PromptsShown::Shown => true,
            PromptsShown::Hidden => false,
            PromptsShown::Auto => prompt_rows + INSIGHT_ROWS <= room,
        };
    if !shown {
        return (lines, text_rows, false);
    }
    lines.extend(prompt_lines);
    (lines, text_rows + prompt_rows, true)
}

/// What the question box says of prompts folded away: how many, and the
/// key that shows them, named from the key table.
fn folded_note(prompts: usize) -> String {
    let count = match prompts {
        1 => "1 prompt hidden".to_owned(),
        n => format!("{n} prompts hidden"),
    };
    match keymap::key_for(Context::Capture, &Action::TogglePrompts) {
        Some(key) => format!(" {count} · {} shows them ", key.label()),
        None => format!(" {count} "),
    }
}

/// The header's text: in a room, first whose question and timer these
/// are (a cut header must not lose it), then the session's details.
fn header_text(app: &App, session: &Session) -> String {
    let room = match app.following() {
        Some(lead) => format!(" following {} ·", crate::inert::visible(lead)),
        None if app.workshop().is_some_and(|w| w.in_room) => " leading the room ·".to_owned(),
        None => String::new(),
    };
    format!(
        "{room} {} · {} · {} · {}",
        session.title, session.place, session.date, session.facilitator
    )
}

/// `●3 ` for an insight with three votes in all; nothing without votes.
/// A dot and a number, so it reads without colour.
pub fn votes_mark(insight: &Insight) -> Option<String> {
    let total = insight.total_votes();
    (total > 0).then(|| format!("●{total} "))
}

/// The capture box's frame: its title and the keys that work in it.
fn capture_frame(area: Rect, w: &Workshop, theme: &Theme) -> Block<'static> {
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
    super::chrome::input_frame(theme, "Capture", &hint, focused)
}
