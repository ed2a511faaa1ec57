//! One-line text fields drawn a grapheme cluster at a time.
//!
//! The text area we edit with draws its cursor over a single `char`, which
//! splits a cluster on screen: with the cursor on an emoji family, the man
//! shows alone and the rest of the family after him; on a decomposed Welsh
//! ŵ, the circumflex floats free. So fields are drawn here instead, from the
//! text and the cursor alone (a pure function, no scroll state): wrapped at
//! spaces where a word fits and between clusters where it does not, and the
//! rows scrolled so the cursor's row is always in view. The caret is the
//! terminal's own cursor, put on the first cell of the cursor's cluster, so
//! an input method or a screen reader finds it where the typing is.

use crate::ui::canvas::Canvas;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use ratatui_textarea::TextArea;
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// A field to draw: its text, where the cursor is, and how it looks.
pub struct LineField<'a> {
    text: String,
    /// The cursor as a char index into `text` (the text area's own unit).
    cursor: usize,
    placeholder: &'a str,
    style: Style,
    placeholder_style: Style,
    /// Whether the field has the keyboard: a row is kept for a cursor past
    /// the end, and [`draw`] puts the terminal's cursor at the caret.
    focused: bool,
}

impl<'a> LineField<'a> {
    /// The field of a text area (its lines joined: fields are one line).
    pub fn of(area: &TextArea<'static>) -> LineField<'a> {
        let ratatui_textarea::DataCursor(row, col) = area.cursor();
        let lines = area.lines();
        let before: usize = lines.iter().take(row).map(|l| l.chars().count() + 1).sum();
        LineField {
            text: lines.join(" "),
            cursor: before + col,
            placeholder: "",
            style: Style::new(),
            placeholder_style: Style::new(),
            focused: false,
        }
    }

    pub fn placeholder(mut self, text: &'a str, style: Style) -> Self {
        self.placeholder = text;
        self.placeholder_style = style;
        self
    }

    pub fn style(mut self, style: Style) -> Self {
        self.style = style;
        self
    }

    /// Marks the field as the one with the keyboard.
    pub fn focused(mut self, focused: bool) -> Self {
        self.focused = focused;
        self
    }

    /// Where the caret is drawn in `area`, if the field has the keyboard:
    /// on the first cell of the cluster the cursor is in, or just past the
    /// text, on the row kept in view.
    pub fn caret(&self, area: Rect) -> Option<Position> {
        if !self.focused || area.is_empty() {
            return None;
        }
        let laid = self.lay_out(area);
        let Some(row) = laid.rows.get(laid.cursor_row) else {
            return Some(area.as_position());
        };
        let x: usize = laid.clusters[row.start..laid.at.clamp(row.start, row.end)]
            .iter()
            .map(|c| c.width)
            .sum();
        // A space hanging past the end of its row puts the caret on the last cell.
        let x = x.min(area.width as usize - 1) as u16;
        let y = (laid.cursor_row - laid.first) as u16;
        Some(Position::new(area.x + x, area.y + y))
    }

    /// The text in rows for `area`, where the cursor is, and which rows show.
    fn lay_out(&self, area: Rect) -> Laid<'_> {
        let width = area.width.max(1) as usize;
        let clusters = clusters(&self.text);
        let mut rows = rows(&clusters, width);
        // The cluster the cursor is in (it sits on boundaries, but a field
        // filled from outside may put it inside one), or past the end.
        let at = if self.cursor >= self.text.chars().count() {
            clusters.len()
        } else {
            clusters
                .iter()
                .rposition(|c| c.first_char <= self.cursor)
                .unwrap_or(0)
        };
        let last_width: usize = rows
            .last()
            .map_or(0, |r| clusters[r.clone()].iter().map(|c| c.width).sum());
        if at == clusters.len() && self.focused && last_width + 1 > width {
            rows.push(clusters.len()..clusters.len());
        }
        let cursor_row = rows
            .iter()
            .position(|r| r.contains(&at))
            .unwrap_or(rows.len() - 1);
        let first = cursor_row.saturating_sub((area.height as usize).max(1) - 1);
        Laid {
            clusters,
            rows,
            at,
            cursor_row,
            first,
        }
    }
}

/// Draws a field; one with the keyboard puts the terminal's cursor at its
/// caret, unless `caret` is false (something covers the screen).
pub fn draw(frame: &mut Canvas, area: Rect, field: LineField<'_>, caret: bool) {
    let position = if caret { field.caret(area) } else { None };
    frame.render_widget(field, area);
    if let Some(position) = position {
        frame.set_cursor_position(position);
    }
}

/// A field's text laid out in rows for an area.
struct Laid<'t> {
    clusters: Vec<Cluster<'t>>,
    rows: Vec<Range<usize>>,
    /// The cluster the cursor is on (`clusters.len()` past the end).
    at: usize,
    /// The row holding the cursor, and the first row in view: the rows
    /// scroll just enough to keep the cursor's row on screen.
    cursor_row: usize,
    first: usize,
}

/// One cluster of the text: where it starts (in chars) and how wide it is
/// on screen (as its visible stand-in, for a control character).
struct Cluster<'t> {
    text: &'t str,
    width: usize,
    first_char: usize,
}

fn clusters(text: &str) -> Vec<Cluster<'_>> {
    // Printable ASCII, as most lines typed are: each byte is a cluster one
    // column wide (the grapheme rules and width tables, run cold at every
    // key, find the same).
    if text.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        return (0..text.len())
            .map(|i| Cluster {
                text: &text[i..=i],
                width: 1,
                first_char: i,
            })
            .collect();
    }
    grapheme_clusters(text)
}

fn grapheme_clusters(text: &str) -> Vec<Cluster<'_>> {
    let mut chars = 0;
    text.graphemes(true)
        .map(|g| {
            let cluster = Cluster {
                text: g,
                width: crate::inert::visible(g).width(),
                first_char: chars,
            };
            chars += g.chars().count();
            cluster
        })
        .collect()
}

/// Rows of at most `width` columns, as ranges of cluster indices: broken
/// after the last space that leaves the row non-empty, else between
/// clusters. A cluster wider than the row gets a row of its own; a space
/// that would overflow ends its row.
fn rows(clusters: &[Cluster<'_>], width: usize) -> Vec<Range<usize>> {
    let mut rows = Vec::new();
    let (mut start, mut used, mut after_space) = (0, 0, None);
    for (i, c) in clusters.iter().enumerate() {
        // A space that overflows hangs at the end of its row, unseen.
        if c.text == " " && used + c.width > width {
            rows.push(start..i + 1);
            (start, used, after_space) = (i + 1, 0, None);
            continue;
        }
        if used + c.width > width && i > start {
            let cut = after_space.filter(|&b| b > start && b < i).unwrap_or(i);
            rows.push(start..cut);
            start = cut;
            used = clusters[cut..i].iter().map(|c| c.width).sum();
            after_space = None;
        }
        used += c.width;
        if c.text == " " {
            after_space = Some(i + 1);
        }
    }
    rows.push(start..clusters.len());
    rows
}

/// How many rows `text` takes at `width`, with room for a cursor at its end.
pub fn height(text: &str, width: usize) -> usize {
    let clusters = clusters(text);
    let rows = rows(&clusters, width.max(1));
    let last: usize = rows
        .last()
        .map_or(0, |r| clusters[r.clone()].iter().map(|c| c.width).sum());
    rows.len() + usize::from(last + 1 > width)
}

impl Widget for LineField<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.is_empty() {
            return;
        }
        if self.text.is_empty() {
            // The caret's cell, so the hint never shifts.
            let spans = vec![
                Span::styled(" ", self.style),
                Span::styled(self.placeholder, self.placeholder_style),
            ];
            Line::from(spans).style(self.style).render(area, buf);
            return;
        }
        let laid = self.lay_out(area);
        for (y, row) in laid
            .rows
            .iter()
            .skip(laid.first)
            .take(area.height as usize)
            .enumerate()
        {
            let text: String = laid.clusters[row.clone()]
                .iter()
                .map(|c| crate::inert::visible(c.text))
                .collect();
            let line_area = Rect::new(area.x, area.y + y as u16, area.width, 1);
            if !ascii_row(buf, line_area, &text, self.style) {
                Line::styled(text, self.style).render(line_area, buf);
            }
        }
    }
}

/// Draws a row of printable ASCII that fits `area` as `Line::styled`
/// would (the row styled, then a letter a cell), without the grapheme
/// and width rules it runs on each letter; false, drawing nothing, for
/// any other row.
fn ascii_row(buf: &mut Buffer, area: Rect, text: &str, style: Style) -> bool {
    let area = Rect {
        height: 1,
        ..area.intersection(buf.area)
    };
    let fits = !text.is_empty() && text.len() <= usize::from(area.width);
    if !fits || area.is_empty() || !text.bytes().all(|b| (b' '..=b'~').contains(&b)) {
        return false;
    }
    buf.set_style(area, style);
    let start = buf.index_of(area.x, area.y);
    for (i, cell) in buf.content[start..start + text.len()]
        .iter_mut()
        .enumerate()
    {
        cell.set_symbol(&text[i..=i]);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rows a focused field shows at `width`×`height` with the cursor
    /// at char `cursor`, and where its caret is.
    fn drawn(text: &str, cursor: usize, width: u16, height: u16) -> (Vec<String>, Position) {
        let mut area = TextArea::new(vec![text.to_owned()]);
        area.move_cursor(ratatui_textarea::CursorMove::Jump(0, cursor as u16));
        let rect = Rect::new(0, 0, width, height);
        let mut buf = Buffer::empty(rect);
        let field = LineField::of(&area).focused(true);
        let caret = field.caret(rect).expect("a focused field has a caret");
        field.render(rect, &mut buf);
        let rows = (0..height)
            .map(|y| (0..width).map(|x| buf[(x, y)].symbol()).collect::<String>())
            .collect();
        (rows, caret)
    }

    #[test]
    fn words_wrap_at_spaces_and_long_runs_between_clusters() {
        let (rows, _) = drawn("hub opened daily", 16, 8, 3);
        assert_eq!(rows, ["hub     ", "opened  ", "daily   "]);
        let family = "👩\u{200d}👧";
        let (rows, caret) = drawn(&family.repeat(5), 2, 6, 2);
        // The cursor (char 2) falls inside the first family: the caret is
        // on that family, and rows hold three families of two columns.
        assert_eq!(caret, Position::new(0, 0));
        assert_eq!(rows[0].matches(family).count(), 3);
        assert_eq!(rows[1].matches(family).count(), 2);
    }

    #[test]
    fn the_caret_is_on_its_cluster_and_its_row_stays_in_view() {
        let welsh = "w\u{302}";
        let (_, caret) = drawn(&format!("a{welsh}b"), 1, 10, 1);
        assert_eq!(caret, Position::new(1, 0), "on the ŵ");
        let (_, caret) = drawn(&format!("a{welsh}b"), 3, 10, 1);
        assert_eq!(caret, Position::new(2, 0), "past the ŵ, one column on");
        let (_, caret) = drawn("漢字b", 2, 10, 1);
        assert_eq!(caret, Position::new(4, 0), "past two wide characters");
        let long = "one two three four five six";
        let (rows, caret) = drawn(long, long.len(), 10, 1);
        assert_eq!(rows, ["five six  "], "the last row, where the cursor is");
        assert_eq!(caret, Position::new(8, 0), "just past the end");
        let (rows, caret) = drawn(long, 0, 10, 2);
        assert_eq!(rows, ["one two   ", "three four"], "the first rows");
        assert_eq!(caret, Position::new(0, 0));
        let (rows, caret) = drawn(long, 10, 10, 2);
        assert_eq!(rows[0], "one two   ");
        assert_eq!(caret, Position::new(2, 1), "on the second row: th|ree");
        assert_eq!(height(long, 10), 3);
        assert_eq!(
            height("abc", 3),
            2,
            "a full row leaves the cursor a row below"
        );
        let (rows, caret) = drawn("abc", 3, 3, 2);
        assert_eq!(rows, ["abc", "   "]);
        assert_eq!(caret, Position::new(0, 1));
    }

    #[test]
    fn an_empty_field_has_its_caret_before_the_placeholder() {
        let rect = Rect::new(3, 4, 20, 1);
        let area = TextArea::default();
        let field = LineField::of(&area).placeholder("Type here", Style::new());
        assert_eq!(field.caret(rect), None, "no keyboard, no caret");
        let field = field.focused(true);
        assert_eq!(field.caret(rect), Some(Position::new(3, 4)));
        let mut buf = Buffer::empty(rect);
        field.render(rect, &mut buf);
        assert_eq!(buf[(4, 4)].symbol(), "T");
    }

    proptest::proptest! {
        /// Printable ASCII is cut into the clusters, widths and char
        /// positions the grapheme rules give (whose tables it skips).
        #[test]
        fn printable_ascii_clusters_as_the_grapheme_rules_do(text in "[ -~]{0,80}") {
            let quick: Vec<_> = clusters(&text).iter().map(|c| (c.text, c.width, c.first_char)).collect();
            let slow: Vec<_> = grapheme_clusters(&text).iter().map(|c| (c.text, c.width, c.first_char)).collect();
            proptest::prop_assert_eq!(quick, slow);
        }
    }

    proptest::proptest! {
        /// A row of printable ASCII is drawn cell for cell as
        /// `Line::styled` draws it, over whatever the row held.
        #[test]
        fn an_ascii_row_is_drawn_as_a_styled_line_draws_it(
            text in "[ -~]{0,40}",
            width in 1u16..40,
            x in 0u16..4,
            under in "[a-zé]{0,40}",
            bold in proptest::bool::ANY,
        ) {
            let theme = crate::ui::theme::Theme::of(Default::default());
            let screen = Rect::new(0, 0, 44, 2);
            let area = Rect::new(x, 1, width, 1);
            let style = if bold { theme.title } else { theme.hint };
            let mut before = Buffer::empty(screen);
            Line::styled(under.as_str(), theme.not_saved).render(Rect::new(0, 1, 44, 1), &mut before);
            let mut theirs = before.clone();
            Line::styled(text.as_str(), style).render(area, &mut theirs);
            let mut ours = before.clone();
            if !ascii_row(&mut ours, area, &text, style) {
                Line::styled(text.as_str(), style).render(area, &mut ours);
            }
            proptest::prop_assert_eq!(ours, theirs);
        }
    }
}
