//! The wrap-up's two action lists, under the starred insights: "What we
//! agreed to do" (actions with owner and due date, soonest first) and the
//! parking lot (with its selection, and the key that puts one back). Each
//! takes only the rows it needs, up to a third of the column, and neither
//! shows while it is empty, so a workshop without them looks as before.

use super::chrome::fit;
use super::theme::Theme;
use crate::app::{Action, Context, Workshop, keymap};
use crate::model::actions::{agreed, due_label, parked};
use crate::model::{Insight, Session};
use crate::ui::canvas::Canvas;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

/// Draws the lists at the foot of `area`; returns what is left above them
/// for the starred insights.
pub fn render(frame: &mut Canvas, area: Rect, w: &Workshop, theme: &Theme) -> Rect {
    let session = &w.session;
    let actions = agreed(session);
    let lot = parked(session);
    // Rows inside the box: all of them, or as many whole entries (of
    // `each` rows) as a third of the column holds, at least one.
    let height = |entries: usize, each: u16| match entries {
        0 => 0,
        n => {
            let fits = (area.height / 3).saturating_sub(2) / each;
            (n as u16).min(fits.max(1)) * each + 2
        }
    };
    let [rest, actions_area, lot_area] = Layout::vertical([
        Constraint::Min(3),
        Constraint::Length(height(actions.len(), 2)),
        Constraint::Length(height(lot.len(), 1)),
    ])
    .areas(area);
    if !actions.is_empty() {
        agreed_list(frame, actions_area, session, &actions, theme);
    }
    if !lot.is_empty() {
        parking_lot(frame, lot_area, w, &lot, theme);
    }
    rest
}

fn framed<'a>(theme: &Theme, title: String) -> Block<'a> {
    Block::bordered()
        .border_type(theme.border_type)
        .title(Line::styled(title, theme.title))
}

/// A list's box saying, at its foot, how many rows did not fit.
fn more<'a>(block: Block<'a>, hidden: usize, theme: &Theme) -> Block<'a> {
    if hidden == 0 {
        return block;
    }
    block.title_bottom(Line::styled(format!(" {hidden} more "), theme.hint).right_aligned())
}

/// Who said it, as ` — Name`, when anyone did.
fn said_by<'a>(session: &Session, insight: &Insight, theme: &Theme) -> Option<Span<'a>> {
    let person = insight.participant.and_then(|p| session.participant(p))?;
    Some(Span::styled(
        format!(" — {}", crate::inert::visible(&person.name)),
        theme.person,
    ))
}

fn agreed_list(
    frame: &mut Canvas,
    area: Rect,
    session: &Session,
    actions: &[&Insight],
    theme: &Theme,
) {
    let shown = (area.height.saturating_sub(2) as usize / 2).min(actions.len());
    let block = more(
        framed(theme, format!(" What we agreed to do ({}) ", actions.len())),
        actions.len() - shown,
        theme,
    );
    let width = block.inner(area).width as usize;
    // Two rows each: what, then who and by when, so neither is cut short.
    let lines: Vec<Line> = actions
        .iter()
        .take(shown)
        .flat_map(|action| {
            let mut who = Vec::new();
            if !action.owner.is_empty() {
                who.push(crate::inert::visible(&action.owner).into_owned());
            }
            if let Some(due) = action.due {
                who.push(format!("by {}", due_label(due, session)));
            }
            if who.is_empty() {
                who.push("nobody named yet".into());
            }
            [
                Line::from(vec![
                    Span::styled("☐ ", theme.meta),
                    Span::raw(fit(&action.text, width.saturating_sub(2))),
                ]),
                Line::styled(fit(&format!("  → {}", who.join(", ")), width), theme.person),
            ]
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

fn parking_lot(frame: &mut Canvas, area: Rect, w: &Workshop, lot: &[&Insight], theme: &Theme) {
    let key = |action: &Action| keymap::key_label(Context::WrapUp, action);
    let keys = format!(
        " {} {} choose · {} puts back ",
        key(&Action::PrevParked),
        key(&Action::NextParked),
        key(&Action::Unpark)
    );
    let title = format!(" Parking lot ({}) ", lot.len());
    // In a narrow column the count comes first: the choosing keys go.
    let fits = title.chars().count() + keys.chars().count() + 4 <= area.width as usize;
    let keys = match fits {
        true => keys,
        false => format!(" {} puts back ", key(&Action::Unpark)),
    };
    let rows = area.height.saturating_sub(2) as usize;
    let block = framed(theme, title).title(Line::styled(keys, theme.hint).right_aligned());
    let block = more(block, lot.len().saturating_sub(rows), theme);
    let width = block.inner(area).width as usize;
    let selected = w.parked_selected.min(lot.len().saturating_sub(1));
    // Scrolled so the selection shows.
    let first = (selected + 1).saturating_sub(rows);
    let lines: Vec<Line> = lot
        .iter()
        .enumerate()
        .skip(first)
        .take(rows)
        .map(|(row, insight)| {
            let mut spans = vec![
                Span::styled(format!("Q{} ", insight.question), theme.meta),
                Span::raw(fit(&insight.text, width.saturating_sub(4))),
            ];
            spans.extend(said_by(&w.session, insight, theme));
            let line = Line::from(spans);
            if row == selected {
                line.style(theme.selection)
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).block(block), area);
}
