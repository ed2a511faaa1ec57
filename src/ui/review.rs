//! The review screen: the query line, the insights that match (one line
//! each, only the visible ones drawn), and the selected one in full with its
//! comments and themes. Themes and compare views live in `review_views`.

use super::chrome::{fit, popup};
use crate::app::{App, Review, ReviewFocus, ReviewView, Row};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Wrap};

pub fn render(frame: &mut Frame, area: Rect, app: &App, r: &Review) {
    let [header, query, body] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(3),
        Constraint::Min(4),
    ])
    .areas(area);
    render_header(frame, header, r);
    render_query(frame, query, r);
    match r.view {
        ReviewView::Insights => {
            let detail_height = (body.height / 3).clamp(4, 10);
            let [list, detail] =
                Layout::vertical([Constraint::Min(3), Constraint::Length(detail_height)])
                    .areas(body);
            render_list(frame, list, app, r);
            render_detail(frame, detail, app, r);
        }
        ReviewView::Themes => super::review_views::themes(frame, body, r),
        ReviewView::Compare => super::review_views::compare(frame, body, r),
    }
    match &r.focus {
        ReviewFocus::Prompt(prompt, line) => {
            let title = match prompt {
                crate::app::Prompt::Edit(_) => "Edit: text @name #practice #kind #tag",
                crate::app::Prompt::Comment(_) => "Comment on this insight",
                crate::app::Prompt::Theme(_) => "Theme (an existing name, or a new one)",
                crate::app::Prompt::Rename(_) => "Rename the theme",
                crate::app::Prompt::MergeInto(_) => "Merge into the theme named",
            };
            let inner = popup(
                frame,
                area,
                76,
                6,
                &format!("{title} · Enter applies · Esc cancels"),
            );
            let field = super::line_field::LineField::of(line)
                .cursor(Some(Style::new().add_modifier(Modifier::REVERSED)));
            frame.render_widget(field, inner);
        }
        ReviewFocus::Report(text, scroll) => {
            let inner = popup(
                frame,
                area,
                100,
                area.height,
                "Merge report · ↑↓ scroll · Esc closes",
            );
            frame.render_widget(
                Paragraph::new(text.as_str())
                    .wrap(Wrap { trim: false })
                    .scroll((*scroll, 0)),
                inner,
            );
        }
        ReviewFocus::Export(picker) => super::export_picker::render(frame, area, r, picker),
        ReviewFocus::List | ReviewFocus::Query => {}
    }
}

fn render_header(frame: &mut Frame, area: Rect, r: &Review) {
    let sessions = r.sessions().count();
    let total: usize = r
        .sessions()
        .map(|(_, _, s)| s.live_insights().count())
        .sum();
    let question = r
        .question
        .map_or("all questions".to_owned(), |q| format!("question {q}"));
    let left = format!(
        " Review · {} · {} · {} of {} · {question}",
        crate::words::count(r.files.len(), "file"),
        crate::words::count(sessions, "session"),
        r.rows.len(),
        crate::words::count(total, "insight"),
    );
    let tab = |view: ReviewView, name: &'static str| {
        if r.view == view {
            Span::styled(
                format!(" {name} "),
                Style::new().fg(Color::Black).bg(Color::Cyan).bold(),
            )
        } else {
            Span::styled(format!(" {name} "), Style::new().fg(Color::Gray))
        }
    };
    let tabs = Line::from(vec![
        tab(ReviewView::Insights, "Insights"),
        tab(ReviewView::Themes, "Themes"),
        tab(ReviewView::Compare, "Compare"),
    ]);
    let [l, t] = Layout::horizontal([Constraint::Min(10), Constraint::Length(tabs.width() as u16)])
        .areas(area);
    frame.render_widget(Line::from(fit(&left, l.width as usize)).bold(), l);
    frame.render_widget(tabs, t);
}

fn render_query(frame: &mut Frame, area: Rect, r: &Review) {
    let focused = matches!(r.focus, ReviewFocus::Query);
    super::chrome::input_box(
        frame,
        area,
        &r.query,
        "Filter and search (/)",
        "← → question · Tab view",
        focused,
    );
}

/// One insight as a list row: question, place, star, who, text, tags, themes.
fn row_line<'a>(r: &'a Review, row: Row) -> Line<'a> {
    let session = r.session(row);
    let insight = r.insight(row);
    let mut spans = vec![
        Span::styled(
            format!("Q{} ", insight.question),
            Style::new().fg(Color::Blue),
        ),
        Span::styled(
            format!("{:<14} ", fit(&session.place.locality, 14)),
            Style::new().fg(Color::DarkGray),
        ),
        Span::styled(
            if insight.starred { "★ " } else { "  " },
            Style::new().fg(Color::Yellow),
        ),
    ];
    if let Some(p) = insight.participant.and_then(|p| session.participant(p)) {
        spans.push(Span::styled(
            format!("{}: ", crate::inert::visible(&p.name)),
            Style::new().fg(Color::Cyan),
        ));
    }
    spans.push(Span::raw(crate::inert::visible(&insight.text)));
    let tags = crate::inert::visible(&crate::capture::tag_words(insight)).into_owned();
    spans.push(Span::styled(tags, Style::new().fg(Color::Magenta)));
    for theme in session
        .themes
        .iter()
        .filter(|t| !t.deleted && t.contains(insight.id))
    {
        spans.push(Span::styled(
            format!(" ◆{}", crate::inert::visible(&theme.name)),
            Style::new().fg(Color::Green),
        ));
    }
    let comments = insight.comments.iter().filter(|c| !c.deleted).count();
    if comments > 0 {
        spans.push(Span::styled(
            format!(" 💬{comments}"),
            Style::new().fg(Color::DarkGray),
        ));
    }
    Line::from(spans)
}

fn render_list(frame: &mut Frame, area: Rect, _app: &App, r: &Review) {
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(Style::new().fg(Color::Cyan))
        .title(Line::from(format!(" Insights ({}) ", r.rows.len())).bold());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if r.rows.is_empty() {
        let hint = if r.sessions().next().is_none() {
            "  No sessions open."
        } else {
            "  Nothing matches: / to change the filter."
        };
        frame.render_widget(Line::styled(hint, Style::new().fg(Color::DarkGray)), inner);
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
        let line = row_line(r, *row);
        let line = if n == r.selected {
            line.style(Style::new().add_modifier(Modifier::REVERSED))
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

fn render_detail(frame: &mut Frame, area: Rect, app: &App, r: &Review) {
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .title(Line::from(" Selected ").bold())
        .title(
            Line::styled(
                " e edit · s star · c comment · t theme ",
                Style::new().fg(Color::DarkGray),
            )
            .right_aligned(),
        );
    let Some(row) = r.selected_row() else {
        frame.render_widget(block, area);
        return;
    };
    let session = r.session(row);
    let insight = r.insight(row);
    let mut lines = vec![Line::from(crate::inert::visible(&insight.text))];
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
    lines.push(
        Line::from(
            crate::inert::visible(&format!(
                "— {who} · Q{} {question} · {} · {} · {}",
                insight.question, session.place, session.date, session.title
            ))
            .into_owned(),
        )
        .fg(Color::Cyan),
    );
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
        lines.push(Line::styled(classified, Style::new().fg(Color::Magenta)));
    }
    for comment in insight.comments.iter().filter(|c| !c.deleted) {
        lines.push(Line::from(vec![
            Span::styled(
                format!(
                    "💬 {} {}: ",
                    crate::inert::visible(&comment.author),
                    app.local_time(comment.at)
                ),
                Style::new().fg(Color::DarkGray),
            ),
            Span::raw(crate::inert::visible(&comment.text)),
        ]));
    }
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(block),
        area,
    );
}
