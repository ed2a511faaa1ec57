//! The review screen's other views: themes (affinity groups) and compare
//! (counts per question × practice type, kind, sector and nation, for the
//! insights the query shows).

use super::chrome::fit;
use super::theme::Theme;
use crate::app::Review;
use crate::model::{Kind, Nation, PracticeType, Sector};
use crate::ui::canvas::Canvas;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Bar, BarChart, Block, Row, Table, TableState};

fn framed(theme: &Theme, title: String) -> Block<'static> {
    Block::bordered()
        .border_type(theme.border_type)
        .title(Line::styled(title, theme.title))
}

pub fn themes(frame: &mut Canvas, area: Rect, r: &Review, theme: &Theme) {
    let themes = r.themes();
    let [list, members] =
        Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(area);
    if themes.is_empty() {
        frame.render_widget(
            Line::styled(
                format!(
                    "  No themes yet: in the insight list, {} puts an insight in a theme.",
                    crate::app::keymap::key_label(
                        crate::app::Context::Review,
                        &crate::app::Action::AddToTheme
                    )
                ),
                theme.hint,
            ),
            framed(theme, " Themes (0) ".into()).inner(list),
        );
        frame.render_widget(framed(theme, " Themes (0) ".into()), list);
        return;
    }
    let rows = themes.iter().map(|at| {
        let group = r.theme(*at);
        let session = &r.files[at.file].file.sessions()[at.session];
        let name = if session.conflicts_of(group.id).next().is_some() {
            format!("⚠ {}", group.name)
        } else {
            group.name.clone()
        };
        Row::new(vec![
            fit(&name, 24),
            fit(&session.place.locality, 14),
            format!(
                "{:>4}",
                group
                    .insight_ids()
                    .filter(|id| session.insight(*id).is_some_and(|i| !i.deleted))
                    .count()
            ),
        ])
    });
    let table = Table::new(
        rows,
        [
            Constraint::Fill(1),
            Constraint::Length(14),
            Constraint::Length(5),
        ],
    )
    .header(Row::new(vec!["Theme", "Session", "Ins."]).style(theme.table_header))
    .row_highlight_style(theme.selection)
    .highlight_symbol("› ")
    .block(framed(theme, format!(" Themes ({}) ", themes.len())));
    let mut state =
        TableState::default().with_selected(Some(r.theme_selected.min(themes.len() - 1)));
    frame.render_stateful_widget(table, list, &mut state);

    let at = themes[r.theme_selected.min(themes.len() - 1)];
    let group = r.theme(at);
    let session = &r.files[at.file].file.sessions()[at.session];
    let block = framed(theme, format!(" “{}” ", crate::inert::visible(&group.name)));
    let inner = block.inner(members);
    frame.render_widget(block, members);
    let mut members: Vec<_> = group
        .insight_ids()
        .filter_map(|id| session.insight(id))
        .filter(|i| !i.deleted)
        .collect();
    members.sort_by_key(|i| (i.question, i.created));
    // An open conflict on the theme first, with the key that chooses.
    let mut lines: Vec<Line> = session
        .conflicts_of(group.id)
        .map(|c| {
            Line::styled(
                fit(
                    &format!(
                        "⚠ conflict: {} is one of {} ({} chooses the next)",
                        c.field,
                        c.values.join(" / "),
                        crate::app::keymap::key_label(
                            crate::app::Context::ReviewThemes,
                            &crate::app::Action::ChooseValue
                        )
                    ),
                    inner.width as usize,
                ),
                theme.error,
            )
        })
        .collect();
    lines.extend(members.iter().map(|i| {
        Line::from(fit(
            &format!("• Q{} {}", i.question, i.text),
            inner.width as usize,
        ))
    }));
    frame.render_widget(ratatui::widgets::Paragraph::new(lines), inner);
}

pub fn compare(frame: &mut Canvas, area: Rect, r: &Review, theme: &Theme) {
    let t = &r.tally;
    // Questions of several sets are named by title: give the names room.
    let left_share = if r.questions.one_set { 50 } else { 62 };
    let [left, right] = Layout::horizontal([
        Constraint::Percentage(left_share),
        Constraint::Percentage(100 - left_share),
    ])
    .areas(area);
    let questions = r.questions.titles.len();
    let nations: Vec<Nation> = Nation::ALL
        .iter()
        .copied()
        .filter(|n| t.nation.contains_key(n))
        .collect();
    let [by_question, by_nation] =
        Layout::vertical([Constraint::Length(questions as u16 + 4), Constraint::Min(3)])
            .areas(left);

    let practice_columns = |row: &dyn Fn(Option<PracticeType>) -> usize| {
        let mut cells: Vec<String> = PracticeType::ALL
            .iter()
            .map(|p| format!("{:>5}", row(Some(*p))))
            .collect();
        cells.push(format!("{:>5}", row(None)));
        cells
    };
    let header =
        Row::new(["", "Adapt", "Innov", "Collab", "None", "Total"]).style(theme.table_header);
    let widths = [
        Constraint::Fill(1),
        Constraint::Length(6),
        Constraint::Length(6),
        Constraint::Length(6),
        Constraint::Length(6),
        Constraint::Length(6),
    ];
    let mut rows: Vec<Row> = (1..=questions)
        .map(|q| {
            let count =
                |p: Option<PracticeType>| t.question_practice.get(&(q, p)).copied().unwrap_or(0);
            let mut cells = vec![r.questions.label(q)];
            cells.extend(practice_columns(&count));
            cells.push(format!(
                "{:>5}",
                PracticeType::ALL
                    .iter()
                    .map(|p| count(Some(*p)))
                    .sum::<usize>()
                    + count(None)
            ));
            Row::new(cells)
        })
        .collect();
    rows.push(
        Row::new({
            let all = |p: Option<PracticeType>| {
                t.question_practice
                    .iter()
                    .filter(|((_, x), _)| *x == p)
                    .map(|(_, n)| n)
                    .sum::<usize>()
            };
            let mut cells = vec!["All".to_owned()];
            cells.extend(practice_columns(&all));
            cells.push(format!("{:>5}", t.total));
            cells
        })
        .style(theme.table_header),
    );
    frame.render_widget(
        Table::new(rows, widths)
            .header(header.clone())
            .block(framed(theme, " Question × practice type ".into())),
        by_question,
    );

    let rows: Vec<Row> = nations
        .iter()
        .map(|n| {
            let count =
                |p: Option<PracticeType>| t.nation_practice.get(&(*n, p)).copied().unwrap_or(0);
            let mut cells = vec![n.label().to_owned()];
            cells.extend(practice_columns(&count));
            cells.push(format!("{:>5}", t.nation.get(n).copied().unwrap_or(0)));
            Row::new(cells)
        })
        .collect();
    frame.render_widget(
        Table::new(rows, widths)
            .header(header)
            .block(framed(theme, " Nation × practice type ".into())),
        by_nation,
    );

    let [kinds, sectors] =
        Layout::vertical([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(right);
    let kind_bars: Vec<Bar> = Kind::ALL
        .iter()
        .map(|k| Bar::with_label(k.label(), t.kind.get(k).copied().unwrap_or(0) as u64))
        .collect();
    frame.render_widget(
        BarChart::horizontal(kind_bars)
            .bar_width(1)
            .bar_gap(0)
            .bar_style(theme.bar_kind)
            .block(framed(theme, " Kind ".into())),
        kinds,
    );
    let mut sector_bars: Vec<Bar> = Sector::ALL
        .iter()
        // "Not recorded" is a gap in a roster, shown only when there is one.
        .filter(|s| **s != Sector::NotRecorded || t.sector.contains_key(&Some(**s)))
        .map(|s| {
            Bar::with_label(
                s.short(),
                t.sector.get(&Some(*s)).copied().unwrap_or(0) as u64,
            )
        })
        .collect();
    sector_bars.push(Bar::with_label(
        "nobody",
        t.sector.get(&None).copied().unwrap_or(0) as u64,
    ));
    frame.render_widget(
        BarChart::horizontal(sector_bars)
            .bar_width(1)
            .bar_gap(0)
            .bar_style(theme.bar_sector)
            .block(framed(theme, " Sector (of who said it) ".into())),
        sectors,
    );
}
