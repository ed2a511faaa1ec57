//! The review screen: the query line, the insights that match (one line
//! each, only the visible ones drawn), and the selected one in full with its
//! comments and themes. Themes and compare views live in `review_views`.

use super::Pen;
use super::chrome::{fit, popup};
use super::theme::Theme;
use crate::app::keymap::key_label;
use crate::app::{Action, Context};
use crate::app::{App, Review, ReviewFocus, ReviewView, Row};
use crate::ui::canvas::Canvas;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

pub fn render(frame: &mut Canvas, area: Rect, app: &App, r: &Review, pen: Pen) {
    let theme = pen.theme;
    let [header, query, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(3),
        Constraint::Min(4),
    ])
    .areas(area);
    render_header(frame, header, r, theme);
    render_query(frame, query, r, pen);
    match r.view {
        ReviewView::Insights => {
            let detail_height = (body.height / 3).clamp(4, 10);
            let [list, detail] =
                Layout::vertical([Constraint::Min(3), Constraint::Length(detail_height)])
                    .areas(body);
            render_list(frame, list, r, theme);
            render_detail(frame, detail, app, r, theme);
        }
        ReviewView::Themes => super::review_views::themes(frame, body, r, theme),
        ReviewView::Compare => super::review_views::compare(frame, body, r, theme),
    }
    match &r.focus {
        ReviewFocus::Prompt(prompt, line) => {
            let title = match prompt {
                crate::app::Prompt::Edit(_) => "Edit: text @name #tag >owner !due",
                crate::app::Prompt::Comment(_) => "Comment on this insight",
                crate::app::Prompt::Theme(_) => "Theme (an existing name, or a new one)",
                crate::app::Prompt::Rename(_) => "Rename the theme",
                crate::app::Prompt::MergeInto(_) => "Merge into the theme named",
            };
            let inner = popup(
                frame,
                area,
                theme,
                76,
                6,
                &format!(
                    "{title} · {} applies · {} cancels",
                    key_label(Context::ReviewPrompt, &Action::Submit),
                    key_label(Context::ReviewPrompt, &Action::Cancel)
                ),
            );
            let field = super::line_field::LineField::of(line).focused(true);
            super::line_field::draw(frame, inner, field, pen.caret);
        }
        ReviewFocus::Report(text, scroll) => {
            let inner = popup(
                frame,
                area,
                theme,
                100,
                area.height,
                &format!(
                    "Merge report · {} {} scroll · {} closes",
                    key_label(Context::ReviewReport, &Action::Up),
                    key_label(Context::ReviewReport, &Action::Down),
                    key_label(Context::ReviewReport, &Action::Cancel)
                ),
            );
            frame.render_widget(
                Paragraph::new(text.as_str())
                    .wrap(Wrap { trim: false })
                    .scroll((*scroll, 0)),
                inner,
            );
        }
        ReviewFocus::Export(picker) => super::export_picker::render(frame, area, r, picker, theme),
        ReviewFocus::List | ReviewFocus::Query => {}
    }
}

fn render_header(frame: &mut Canvas, area: Rect, r: &Review, theme: &Theme) {
    let sessions = r.sessions().count();
    let total: usize = r
        .sessions()
        .map(|(_, _, s)| s.live_insights().count())
        .sum();
    let question = r
        .question
        .map_or("all questions".to_owned(), |q| r.questions.named(q));
    let left = format!(
        " Review · {} · {} · {} of {} · {question}",
        crate::words::count(r.files.len(), "file"),
        crate::words::count(sessions, "session"),
        r.rows.len(),
        crate::words::count(total, "insight"),
    );
    let tab = |view: ReviewView, name: &'static str| {
        if r.view == view {
            Span::styled(format!(" {name} "), theme.tab_active)
        } else {
            Span::styled(format!(" {name} "), theme.tab)
        }
    };
    let tabs = Line::from(vec![
        tab(ReviewView::Insights, "Insights"),
        tab(ReviewView::Themes, "Themes"),
        tab(ReviewView::Compare, "Compare"),
    ]);
    let [l, t] = Layout::horizontal([Constraint::Min(10), Constraint::Length(tabs.width() as u16)])
        .areas(area);
    frame.render_widget(Line::styled(fit(&left, l.width as usize), theme.title), l);
    frame.render_widget(tabs, t);
}

fn render_query(frame: &mut Canvas, area: Rect, r: &Review, pen: Pen) {
    let focused = matches!(r.focus, ReviewFocus::Query);
    super::chrome::input_box(
        frame,
        area,
        pen,
        &r.query,
        &format!(
            "Filter and search ({})",
            key_label(Context::Review, &Action::FocusQuery)
        ),
        &format!(
            "{} {} question · {} view",
            key_label(Context::Review, &Action::PrevQuestion),
            key_label(Context::Review, &Action::NextQuestion),
            key_label(Context::Review, &Action::NextView)
        ),
        focused,
    );
}

/// One insight as a list row: question, place, star, who, text, tags, themes.
fn row_line<'a>(r: &'a Review, row: Row, theme: &Theme) -> Line<'a> {
    let session = r.session(row);
    let insight = r.insight(row);
    let mut spans = vec![
        Span::styled(format!("Q{} ", insight.question), theme.question_ref),
        Span::styled(
            format!("{:<14} ", fit(&session.place.locality, 14)),
            theme.meta,
        ),
        Span::styled(if insight.starred { "★ " } else { "  " }, theme.starred),
    ];
    if let Some(votes) = super::question::votes_mark(insight) {
        spans.push(Span::styled(votes, theme.votes));
    }
    // Up front, so a long text cut at the edge never hides it.
    if session.conflicts_of(insight.id).next().is_some() {
        spans.push(Span::styled("⚠ ", theme.error));
    }
    if let Some(p) = insight.participant.and_then(|p| session.participant(p)) {
        spans.push(Span::styled(
            format!("{}: ", crate::inert::visible(&p.name)),
            theme.person,
        ));
    }
    spans.push(Span::raw(crate::inert::visible(&insight.text)));
    let tags = crate::inert::visible(&crate::capture::tag_words(insight)).into_owned();
    spans.push(Span::styled(tags, theme.tags));
    if insight.parked {
        spans.push(Span::styled(" (parked)", theme.meta));
    }
    for group in session
        .themes
        .iter()
        .filter(|t| !t.deleted && t.contains(insight.id))
    {
        spans.push(Span::styled(
            format!(" ◆{}", crate::inert::visible(&group.name)),
            theme.theme_name,
        ));
    }
    let comments = insight.comments.iter().filter(|c| !c.deleted).count();
    if comments > 0 {
        spans.push(Span::styled(format!(" 💬{comments}"), theme.meta));
    }
    let conflicted: Vec<&str> = session
        .conflicts_of(insight.id)
        .map(|c| c.field.as_str())
        .collect();
    if !conflicted.is_empty() {
        spans.push(Span::styled(
            format!(" ⚠ conflict: {}", conflicted.join(", ")),
            theme.error,
        ));
    }
    Line::from(spans)
}

fn render_list(frame: &mut Canvas, area: Rect, r: &Review, theme: &Theme) {
    let (border, border_type) = theme.frame(matches!(r.focus, ReviewFocus::List));
    let block = Block::bordered()
        .border_type(border_type)
        .border_style(border)
        .title(Line::styled(
            format!(" Insights ({}) ", r.rows.len()),
            theme.title,
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if r.rows.is_empty() {
        let hint = if r.sessions().next().is_none() {
            "  No sessions open."
        } else {
            "  Nothing matches: / to change the filter."
        };
        frame.render_widget(Line::styled(hint, theme.hint), inner);
        return;
    }
    let height = inner.height as usize;
    // Keep the selection in view, scrolled as little as possible.
    let start = r
        .selected
        .saturating_sub(height.saturating_sub(1))
        .min(r.rows.len().saturating_sub(height));
    let start = if r.selected < start {
        r.selected
    } else {
        start
    };
    for (n, row) in r.rows.iter().enumerate().skip(start).take(height) {
        let y = inner.y + (n - start) as u16;
        let line = row_line(r, *row, theme);
        let line = if n == r.selected {
            line.style(theme.selection)
        } else {
            line
        };
        frame.render_widget(
            line,
            Rect {
                y,
                height: 1,
                ..inner
            },
        );
    }
}

fn render_detail(frame: &mut Canvas, area: Rect, app: &App, r: &Review, theme: &Theme) {
    let block = Block::bordered()
        .border_type(theme.border_type)
        .title(Line::styled(" Selected ", theme.title))
        .title(
            Line::styled(
                format!(
                    " {} ",
                    super::chrome::mode_hints(
                        Context::Review,
                        Context::ReviewThemes,
                        usize::from(area.width).saturating_sub(14)
                    )
                ),
                theme.hint,
            )
            .right_aligned(),
        );
    let Some(row) = r.selected_row() else {
        frame.render_widget(block, area);
        return;
    };
    let session = r.session(row);
    let insight = r.insight(row);
    // Every value of an open conflict first, where the pane never cuts it
    // off, with the key that chooses the next.
    let mut lines: Vec<Line> = session
        .conflicts_of(insight.id)
        .map(|conflict| {
            Line::styled(
                crate::inert::visible(&format!(
                    "⚠ conflict: {} is one of {} ({} chooses the next)",
                    conflict.field,
                    conflict.values.join(" / "),
                    key_label(Context::Review, &Action::ChooseValue)
                ))
                .into_owned(),
                theme.error,
            )
        })
        .collect();
    lines.push(Line::from(crate::inert::visible(&insight.text)));
    let who = insight
        .participant
        .and_then(|p| session.participant(p))
        .map_or("unattributed".to_owned(), |p| {
            crate::inert::visible(&format!(
                "{} ({}, {})",
                p.name,
                p.organisation,
                p.sector.short()
            ))
            .into_owned()
        });
    let question = session
        .questions
        .get(insight.question - 1)
        .map_or("", |q| q.title.as_str());
    lines.push(Line::styled(
        crate::inert::visible(&format!(
            "— {who} · Q{} {question} · {} · {} · {}",
            insight.question, session.place, session.date, session.title
        ))
        .into_owned(),
        theme.person,
    ));
    // How it is classified and grouped: cut off at the end of a list row,
    // so shown in full here.
    let mut classified =
        crate::inert::visible(crate::capture::tag_words(insight).trim()).into_owned();
    let themes: Vec<_> = session
        .themes
        .iter()
        .filter(|t| !t.deleted && t.contains(insight.id))
        .map(|t| crate::inert::visible(&t.name))
        .collect();
    if !themes.is_empty() {
        if !classified.is_empty() {
            classified.push_str(" · ");
        }
        classified.push_str(&format!("themes: {}", themes.join(", ")));
    }
    if !classified.is_empty() {
        lines.push(Line::styled(classified, theme.tags));
    }
    for comment in insight.comments.iter().filter(|c| !c.deleted) {
        lines.push(Line::from(vec![
            Span::styled(
                format!(
                    "💬 {} {}: ",
                    crate::inert::visible(&comment.author),
                    app.local_time(comment.at)
                ),
                theme.meta,
            ),
            Span::raw(crate::inert::visible(&comment.text)),
        ]));
    }
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(block),
        area,
    );
}
