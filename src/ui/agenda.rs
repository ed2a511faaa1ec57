//! The agenda at a glance: one line of the capture screen's header, a bar
//! of every question's planned time (filled as its timer ran, its overrun
//! marked past it) and the session's time against its plan.
//!
//! Shapes carry the meaning as well as colours, so it reads without colour
//! (`NO_COLOR`): `█` used, `░` still planned, `▓` over, `│` between
//! questions; the current question is drawn in its timer's style, which
//! turns at five minutes left, one minute and time up.

use super::theme::Theme;
use crate::agenda::{self, Cell};
use crate::model::Session;
use crate::ui::canvas::Canvas;
use jiff::Timestamp;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// How wide the agenda is on a header line `width` wide: under half of it,
/// within bounds, or nothing on a very narrow screen (the bar needs two
/// cells a question; the times come when there is room).
pub fn width_for(width: u16, questions: usize) -> u16 {
    let wanted = (width * 9 / 20).clamp(20, 64);
    if width < 60 || (wanted as usize) < 2 * questions + 1 {
        0
    } else {
        wanted
    }
}

/// Draws the agenda of `session` (on question `current`) into `area`.
pub fn render(
    frame: &mut Canvas,
    area: Rect,
    session: &Session,
    current: usize,
    now: Timestamp,
    current_style: Style,
    theme: &Theme,
) {
    let total = agenda::total(session, now);
    let times = format!(
        " {}/{}",
        crate::timer::clock_face(total.actual),
        crate::timer::clock_face(total.planned)
    );
    // The session's times when there is room for them beside the bar.
    let n = session.questions.len();
    let times = if area.width as usize >= times.chars().count() + 1 + 2 * n {
        times
    } else {
        String::new()
    };
    let bar_width = (area.width as usize).saturating_sub(times.chars().count() + 1);
    let cells = agenda::bar(&agenda::spans(session, now), bar_width);
    let mut spans: Vec<Span> = vec![Span::raw(" ")];
    spans.extend(cells.into_iter().map(|(cell, question)| {
        let (glyph, style) = match cell {
            Cell::Used => ("█", theme.hint),
            Cell::Planned => ("░", theme.hint),
            Cell::Over => ("▓", theme.timer_up),
            Cell::Gap => ("│", theme.header),
        };
        let style = if question == current && cell != Cell::Over {
            current_style
        } else {
            style
        };
        Span::styled(glyph, style)
    }));
    let over = total.actual > total.planned;
    spans.push(Span::styled(
        times,
        if over { theme.timer_up } else { theme.header },
    ));
    frame.render_widget(Line::from(spans).right_aligned(), area);
}
