//! The help overlay's text, from the key table: what it lists, in what
//! order, and how far it can scroll. Kept here, beside the table and away
//! from the drawing, so `update` can bound the scrolling with the same
//! lines the screen shows.
//!
//! Help opens where the person is: the section of the context it was
//! opened from comes first (marked ▸), then the keys that work everywhere,
//! then every other section, so scrolling from the top is reading on.

use super::{ALL_CONTEXTS, BINDINGS, Binding, Context, bindings_for, key_label, keys_label};
use crate::app::Action;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

/// One line of help, before styling.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HelpLine {
    /// How to read and leave help.
    Note(String),
    Blank,
    /// A section's title; `here` marks the context help was opened from.
    Heading {
        title: &'static str,
        here: bool,
    },
    /// Keys and what they do.
    Row {
        keys: String,
        help: &'static str,
    },
}

impl HelpLine {
    /// The line as plain text, as the overlay lays it out.
    pub fn text(&self) -> String {
        match self {
            HelpLine::Note(note) => note.clone(),
            HelpLine::Blank => String::new(),
            HelpLine::Heading { title, here: true } => format!("▸ {title} (you are here)"),
            HelpLine::Heading { title, here: false } => (*title).to_owned(),
            HelpLine::Row { keys, help } => format!("  {keys:<22} {help}"),
        }
    }
}

fn everywhere(b: &Binding) -> bool {
    b.contexts.len() >= ALL_CONTEXTS.len()
}

/// Every line of help opened from `current`.
pub fn lines(current: Context) -> Vec<HelpLine> {
    let key = |action: &Action| key_label(Context::Help, action);
    let mut out = vec![
        HelpLine::Note(format!(
            "{} {} {} {} {} {} scroll · {} closes",
            key(&Action::Up),
            key(&Action::Down),
            key(&Action::PageUp),
            key(&Action::PageDown),
            key(&Action::First),
            key(&Action::Last),
            keys_label(
                bindings_for(Context::Help)
                    .find(|b| matches!(b.action, Action::ToggleHelp) && !everywhere(b))
                    .expect("help has a key to close it")
            ),
        )),
        HelpLine::Blank,
    ];
    let mut contexts: Vec<Context> = vec![current];
    contexts.extend(
        ALL_CONTEXTS
            .iter()
            .copied()
            .filter(|c| *c != current && *c != Context::Help),
    );
    for (n, ctx) in contexts.into_iter().enumerate() {
        if ctx != Context::Help {
            out.push(HelpLine::Heading {
                title: ctx.title(),
                here: ctx == current,
            });
            out.extend(section(ctx));
            out.push(HelpLine::Blank);
        }
        if n == 0 {
            out.push(HelpLine::Heading {
                title: "Everywhere",
                here: false,
            });
            out.extend(everywhere_rows());
            out.push(HelpLine::Blank);
        }
    }
    out.pop();
    out
}

/// The keys that work everywhere, one row each.
fn everywhere_rows() -> Vec<HelpLine> {
    BINDINGS
        .iter()
        .filter(|b| everywhere(b))
        .map(|b| HelpLine::Row {
            keys: keys_label(b),
            help: b.help,
        })
        .collect()
}

/// A context's own keys; bindings that do the same thing share one row.
fn section(ctx: Context) -> Vec<HelpLine> {
    let mut rows: Vec<(String, &'static str)> = Vec::new();
    for binding in bindings_for(ctx).filter(|b| !everywhere(b)) {
        let keys = keys_label(binding);
        match rows.iter_mut().find(|(_, help)| *help == binding.help) {
            Some((existing, _)) => {
                if !existing
                    .split(" / ")
                    .any(|k| keys.split(" / ").any(|n| n == k))
                {
                    existing.push_str(" / ");
                    existing.push_str(&keys);
                }
            }
            None => rows.push((keys, binding.help)),
        }
    }
    let mut lines: Vec<HelpLine> = rows
        .into_iter()
        .map(|(keys, help)| HelpLine::Row { keys, help })
        .collect();
    // The line's little language, which no key shows.
    if ctx == Context::Capture {
        lines.push(HelpLine::Note(
            "A line: text @name #practice #kind #tag >owner !due-date (!fri, !15-12)".into(),
        ));
    }
    lines
}

/// How many rows the help text takes at `width` columns, wrapped.
pub fn rows(current: Context, width: u16) -> usize {
    let text: Vec<Line> = lines(current)
        .iter()
        .map(|l| Line::from(l.text()))
        .collect();
    Paragraph::new(text)
        .wrap(Wrap { trim: false })
        .line_count(width.max(1))
}

/// The inner size of the help popup on a terminal of `cols`×`rows`: it
/// takes the screen above the status line, less its frame (see
/// `ui::chrome::popup`, which widens and heightens a popup that nearly fills
/// the screen).
pub fn viewport(cols: u16, rows: u16) -> (u16, u16) {
    let body = rows.saturating_sub(1);
    let width = if 78 + 6 >= cols { cols } else { 78 };
    (width.saturating_sub(2), body.saturating_sub(2))
}

/// The furthest help can scroll on a terminal of `cols`×`rows`: its last
/// line at the bottom of the popup.
pub fn max_scroll(current: Context, cols: u16, rows: u16) -> u16 {
    let (width, height) = viewport(cols, rows);
    let total = self::rows(current, width);
    u16::try_from(total.saturating_sub(usize::from(height))).unwrap_or(u16::MAX)
}

/// The README's key tables: every context's keys, the same rows help
/// shows, as Markdown. A test keeps the README's copy equal to this.
pub fn markdown() -> String {
    let cell = |text: &str| text.replace('|', "\\|");
    let table = |rows: Vec<HelpLine>| {
        let mut out = String::from("| keys | what they do |\n|---|---|\n");
        for line in rows {
            if let HelpLine::Row { keys, help } = line {
                let keys: Vec<String> = keys.split(" / ").map(|k| format!("`{k}`")).collect();
                out.push_str(&format!("| {} | {} |\n", cell(&keys.join(" ")), cell(help)));
            }
        }
        out
    };
    let mut out = String::from("#### Everywhere\n\n");
    out.push_str(&table(everywhere_rows()));
    for ctx in ALL_CONTEXTS.iter().filter(|c| **c != Context::Help) {
        out.push_str(&format!("\n#### {}\n\n", ctx.title()));
        out.push_str(&table(section(*ctx)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The README's key tables are the key table's: regenerate them with
    /// `STB_BLESS_README=1 cargo test --lib readme_key_tables`.
    #[test]
    fn readme_key_tables_come_from_the_key_table() {
        const BEGIN: &str = "<!-- keys:begin (generated from src/app/keymap.rs) -->\n";
        const END: &str = "<!-- keys:end -->";
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
        let readme = std::fs::read_to_string(&path).unwrap();
        let start = readme.find(BEGIN).expect("README has the keys markers") + BEGIN.len();
        let end = readme.find(END).expect("README has the keys end marker");
        let want = markdown();
        if std::env::var_os("STB_BLESS_README").is_some() {
            let updated = format!("{}{want}{}", &readme[..start], &readme[end..]);
            std::fs::write(&path, updated).unwrap();
            return;
        }
        assert!(
            readme[start..end] == want,
            "README's key tables differ from the key table; STB_BLESS_README=1 rewrites them"
        );
    }

    #[test]
    fn help_opens_at_the_section_of_where_you_are() {
        for current in [Context::Roster, Context::Review, Context::Capture] {
            let lines = lines(current);
            assert_eq!(
                lines[2],
                HelpLine::Heading {
                    title: current.title(),
                    here: true
                },
                "{current:?}"
            );
            let marked = lines
                .iter()
                .filter(|l| matches!(l, HelpLine::Heading { here: true, .. }))
                .count();
            assert_eq!(marked, 1);
        }
    }

    #[test]
    fn every_context_is_listed_once_and_the_scroll_reaches_the_last_line() {
        let lines = lines(Context::List);
        for ctx in ALL_CONTEXTS.iter().filter(|c| **c != Context::Help) {
            let n = lines
                .iter()
                .filter(|l| matches!(l, HelpLine::Heading { title, .. } if *title == ctx.title()))
                .count();
            assert_eq!(n, 1, "{ctx:?}");
        }
        let (_, height) = viewport(80, 24);
        let max = max_scroll(Context::List, 80, 24);
        assert!(max > 0);
        assert_eq!(
            usize::from(max) + usize::from(height),
            rows(Context::List, viewport(80, 24).0),
            "scrolled to the end, the last line is the last row"
        );
    }
}
