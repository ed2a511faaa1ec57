//! One-line text fields drawn a grapheme cluster at a time.
//!
//! The text area we edit with draws its cursor over a single `char`, which
//! splits a cluster on screen: with the cursor on an emoji family, the man
//! shows alone and the rest of the family after him; on a decomposed Welsh
//! ŵ, the circumflex floats free. So fields are drawn here instead, from the
//! text and the cursor alone (a pure function, no scroll state): wrapped at
//! spaces where a word fits and between clusters where it does not, the
//! cursor covering one whole cluster, and the rows scrolled so the cursor's
//! row is always in view.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;
use ratatui_textarea::TextArea;
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
    /// None when the field does not have the keyboard: no cursor drawn.
    cursor_style: Option<Style>,
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
            cursor_style: None,
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

    /// Draws the cursor in `style` (a field with the keyboard).
    pub fn cursor(mut self, style: Option<Style>) -> Self {
        self.cursor_style = style;
        self
    }
}

/// One cluster of the text: where it starts (in chars) and how wide it is.
struct Cluster<'t> {
    text: &'t str,
    width: usize,
    first_char: usize,
}

fn clusters(text: &str) -> Vec<Cluster<'_>> {
    let mut chars = 0;
    text.graphemes(true)
        .map(|g| {
            let cluster = Cluster {
                text: g,
                width: g.width(),
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
fn rows(clusters: &[Cluster<'_>], width: usize) -> Vec<std::ops::Range<usize>> {
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
        let width = area.width as usize;
        let cursor = self.cursor_style.map(|s| s.patch(self.style));
        if self.text.is_empty() {
            // The cursor's cell, drawn or not, so the hint never shifts.
            let mut spans = vec![Span::styled(" ", cursor.unwrap_or(self.style))];
            spans.push(Span::styled(self.placeholder, self.placeholder_style));
            Line::from(spans).style(self.style).render(area, buf);
            return;
        }
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
        if at == clusters.len() && cursor.is_some() && last_width + 1 > width {
            rows.push(clusters.len()..clusters.len());
        }
        let cursor_row = rows
            .iter()
            .position(|r| r.contains(&at))
            .unwrap_or(rows.len() - 1);
        let first = cursor_row.saturating_sub(area.height as usize - 1);
        for (y, row) in rows
            .iter()
            .skip(first)
            .take(area.height as usize)
            .enumerate()
        {
            let mut spans: Vec<Span> = Vec::new();
            for i in row.clone() {
                let text = crate::inert::visible(clusters[i].text).into_owned();
                match cursor {
                    Some(style) if i == at => spans.push(Span::styled(text, style)),
                    _ => match spans.last_mut() {
                        Some(last) if last.style == self.style => {
                            last.content.to_mut().push_str(&text)
                        }
                        _ => spans.push(Span::styled(text, self.style)),
                    },
                }
            }
            if let Some(style) = cursor
                && at == clusters.len()
                && row.end == clusters.len()
            {
                spans.push(Span::styled(" ", style));
            }
            let line_area = Rect::new(area.x, area.y + y as u16, area.width, 1);
            Line::from(spans).style(self.style).render(line_area, buf);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drawn(text: &str, cursor: usize, width: u16, height: u16) -> (Vec<String>, Option<String>) {
        let mut area = TextArea::new(vec![text.to_owned()]);
        area.move_cursor(ratatui_textarea::CursorMove::Jump(0, cursor as u16));
        let rect = Rect::new(0, 0, width, height);
        let mut buf = Buffer::empty(rect);
        let reversed = Style::new().add_modifier(ratatui::style::Modifier::REVERSED);
        LineField::of(&area)
            .cursor(Some(reversed))
            .render(rect, &mut buf);
        let rows = (0..height)
            .map(|y| (0..width).map(|x| buf[(x, y)].symbol()).collect::<String>())
            .collect();
        let under = buf
            .content
            .iter()
            .find(|c| c.modifier.contains(ratatui::style::Modifier::REVERSED))
            .map(|c| c.symbol().to_owned());
        (rows, under)
    }

    #[test]
    fn words_wrap_at_spaces_and_long_runs_between_clusters() {
        let (rows, _) = drawn("hub opened daily", 16, 8, 3);
        assert_eq!(rows, ["hub     ", "opened  ", "daily   "]);
        let family = "👩\u{200d}👧";
        let (rows, under) = drawn(&family.repeat(5), 2, 6, 2);
        // The cursor (char 2) falls inside the first family: it covers that
        // family whole, and rows hold three families of two columns.
        assert_eq!(under.as_deref(), Some(family));
        assert_eq!(rows[0].matches(family).count(), 3);
        assert_eq!(rows[1].matches(family).count(), 2);
    }

    #[test]
    fn the_cursor_covers_a_whole_cluster_and_its_row_stays_in_view() {
        let welsh = "w\u{302}";
        let (_, under) = drawn(&format!("a{welsh}b"), 1, 10, 1);
        assert_eq!(under.as_deref(), Some(welsh));
        let long = "one two three four five six";
        let (rows, under) = drawn(long, long.len(), 10, 1);
        assert_eq!(under.as_deref(), Some(" "), "a cursor at the end");
        assert_eq!(rows, ["five six  "], "the last row, where the cursor is");
        assert_eq!(height(long, 10), 3);
        assert_eq!(
            height("abc", 3),
            2,
            "a full row leaves the cursor a row below"
        );
    }
}
