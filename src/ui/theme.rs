//! Every style the screens use, by name, in one place.
//!
//! Screens ask for `theme.selection` or `theme.timer_up`, never for a
//! colour, so a look is changed here once and the no-colour theme can give
//! each name a form that stays legible without colour. The theme is chosen
//! once at start-up from the environment ([`Palette::from_no_color`], the
//! <https://no-color.org> rule) and carried in the app's `Config`; drawing
//! never reads the environment, so it stays a pure function of state.
//!
//! Without colour the layout leans on attributes every terminal has: the
//! selection and the bars (header, NOT SAVED, a timer run out) in reverse
//! video, emphasis in bold, secondary text dim, and the focused box drawn
//! with a double border instead of a coloured one.

use crate::app::Palette;
use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::BorderType;

/// The named styles of every screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Theme {
    /// The bar across the top of the question screen: the session's details.
    pub header: Style,
    /// Titles of boxes and popups, and other text that leads a screen.
    pub title: Style,
    /// Section headings inside a box: help's contexts, the labels of counts.
    pub heading: Style,
    /// The header row of a table.
    pub table_header: Style,
    /// The review screen's view tab that is showing, and the others.
    pub tab_active: Style,
    pub tab: Style,
    /// Key hints and help text around the content.
    pub hint: Style,
    /// Secondary facts beside the content: times, places, comment authors.
    pub meta: Style,
    /// The grey text in an empty field saying what to type.
    pub placeholder: Style,
    /// A one-off message on the status line.
    pub message: Style,
    /// A form's error and unreadable files.
    pub error: Style,
    /// Quoted user text, such as the insight a popup is about.
    pub quote: Style,

    /// A box that does not have the keyboard.
    pub border: Style,
    /// A list or panel with the keyboard.
    pub border_focused: Style,
    /// A text field (capture line, review query) with the keyboard.
    pub input_focused: Style,
    /// The line of boxes without the keyboard, and of the one with it.
    pub border_type: BorderType,
    pub border_type_focused: BorderType,
    /// Select mode on the insight list: loud, so nobody types into it
    /// unawares (a heavy frame, a reversed title naming the mode).
    pub select_mode_border: Style,
    pub select_mode_border_type: BorderType,
    pub select_mode_title: Style,
    /// The frame of a popup.
    pub popup_border: Style,
    /// The frame of the question, and of a question whose time is up.
    pub question_border: Style,
    pub time_up_border: Style,
    pub time_up_border_type: BorderType,

    /// The selected row of a list or table, and a focused choice in a form.
    pub selection: Style,
    /// The ★ of a starred insight.
    pub starred: Style,
    /// An insight's dot votes, `●3`.
    pub votes: Style,
    /// A participant's name beside what they said.
    pub person: Style,
    /// An insight's `#practice #kind #tag` words.
    pub tags: Style,
    /// The affinity themes an insight was put in (review).
    pub theme_name: Style,
    /// The `Q2` of an insight in the review list.
    pub question_ref: Style,
    /// The prompts under a question.
    pub prompt: Style,

    /// The timer before it starts, while it runs, and when time is up.
    pub timer_idle: Style,
    pub timer_running: Style,
    /// Five minutes or one minute left: the agenda's cue.
    pub timer_soon: Style,
    pub timer_up: Style,

    /// The status line's save state.
    pub saved: Style,
    pub saving: Style,
    pub not_saved: Style,

    /// A form's focused field: its label and its text.
    pub label_focused: Style,
    pub field_focused: Style,

    /// The bars of the review's counts by kind and by sector.
    pub bar_kind: Style,
    pub bar_sector: Style,
}

const PLAIN: Style = Style::new();
const BOLD: Style = Style::new().add_modifier(Modifier::BOLD);
const DIM: Style = Style::new().add_modifier(Modifier::DIM);
const REVERSED: Style = Style::new().add_modifier(Modifier::REVERSED);
const fn fg(colour: Color) -> Style {
    Style::new().fg(colour)
}

impl Theme {
    /// The usual look, in colour.
    pub const COLOUR: Theme = Theme {
        header: fg(Color::Black).bg(Color::Cyan),
        title: BOLD,
        heading: fg(Color::Cyan).add_modifier(Modifier::BOLD),
        table_header: BOLD,
        tab_active: fg(Color::Black)
            .bg(Color::Cyan)
            .add_modifier(Modifier::BOLD),
        tab: fg(Color::Gray),
        hint: fg(Color::DarkGray),
        meta: fg(Color::DarkGray),
        placeholder: fg(Color::DarkGray),
        message: fg(Color::Yellow),
        error: fg(Color::Red).add_modifier(Modifier::BOLD),
        quote: Style::new().add_modifier(Modifier::ITALIC),

        border: fg(Color::DarkGray),
        border_focused: fg(Color::Cyan),
        input_focused: fg(Color::Green),
        border_type: BorderType::Rounded,
        border_type_focused: BorderType::Rounded,
        select_mode_border: fg(Color::Yellow).add_modifier(Modifier::BOLD),
        select_mode_border_type: BorderType::Thick,
        select_mode_title: fg(Color::Black)
            .bg(Color::Yellow)
            .add_modifier(Modifier::BOLD),
        popup_border: fg(Color::Cyan),
        question_border: fg(Color::Blue),
        time_up_border: fg(Color::Red),
        time_up_border_type: BorderType::Thick,

        selection: REVERSED,
        starred: fg(Color::Yellow),
        votes: fg(Color::LightRed).add_modifier(Modifier::BOLD),
        person: fg(Color::Cyan),
        tags: fg(Color::Magenta),
        theme_name: fg(Color::Green),
        question_ref: fg(Color::Blue),
        prompt: fg(Color::Gray),

        timer_idle: fg(Color::Yellow),
        timer_running: fg(Color::Green).add_modifier(Modifier::BOLD),
        timer_soon: fg(Color::Black)
            .bg(Color::Yellow)
            .add_modifier(Modifier::BOLD),
        timer_up: fg(Color::White).bg(Color::Red).add_modifier(Modifier::BOLD),

        saved: fg(Color::Green),
        saving: fg(Color::Yellow),
        not_saved: fg(Color::White).bg(Color::Red).add_modifier(Modifier::BOLD),

        label_focused: fg(Color::Cyan).add_modifier(Modifier::BOLD),
        field_focused: Style::new().bg(Color::Rgb(40, 40, 60)),

        bar_kind: fg(Color::Magenta),
        bar_sector: fg(Color::Cyan),
    };

    /// The look when `NO_COLOR` is set: attributes only, never a colour.
    pub const NO_COLOUR: Theme = Theme {
        header: REVERSED,
        title: BOLD,
        heading: BOLD,
        table_header: BOLD,
        tab_active: REVERSED.add_modifier(Modifier::BOLD),
        tab: PLAIN,
        hint: DIM,
        meta: DIM,
        placeholder: DIM,
        message: BOLD,
        error: BOLD,
        quote: Style::new().add_modifier(Modifier::ITALIC),

        border: PLAIN,
        border_focused: BOLD,
        input_focused: BOLD,
        border_type: BorderType::Rounded,
        border_type_focused: BorderType::Double,
        select_mode_border: BOLD,
        select_mode_border_type: BorderType::Thick,
        select_mode_title: REVERSED.add_modifier(Modifier::BOLD),
        popup_border: PLAIN,
        question_border: PLAIN,
        time_up_border: BOLD,
        time_up_border_type: BorderType::Thick,

        selection: REVERSED,
        starred: BOLD,
        votes: BOLD,
        person: BOLD,
        tags: PLAIN,
        theme_name: PLAIN,
        question_ref: PLAIN,
        prompt: PLAIN,

        timer_idle: PLAIN,
        timer_running: BOLD,
        timer_soon: BOLD.add_modifier(Modifier::UNDERLINED),
        timer_up: REVERSED.add_modifier(Modifier::BOLD),

        saved: PLAIN,
        saving: PLAIN,
        not_saved: REVERSED.add_modifier(Modifier::BOLD),

        label_focused: BOLD,
        field_focused: PLAIN,

        bar_kind: PLAIN,
        bar_sector: PLAIN,
    };

    /// The theme of a palette.
    pub fn of(palette: Palette) -> &'static Theme {
        match palette {
            Palette::Colour => &Theme::COLOUR,
            Palette::NoColour => &Theme::NO_COLOUR,
        }
    }

    /// The border style and line of a box, with the keyboard or without.
    pub fn frame(&self, focused: bool) -> (Style, BorderType) {
        if focused {
            (self.border_focused, self.border_type_focused)
        } else {
            (self.border, self.border_type)
        }
    }
}

impl Palette {
    /// The palette the environment asks for, given the value of `NO_COLOR`:
    /// set and not empty means no colour (<https://no-color.org>).
    pub fn from_no_color(value: Option<&std::ffi::OsStr>) -> Palette {
        match value {
            Some(value) if !value.is_empty() => Palette::NoColour,
            _ => Palette::Colour,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    #[test]
    fn no_color_set_and_not_empty_turns_colour_off() {
        assert_eq!(Palette::from_no_color(None), Palette::Colour);
        assert_eq!(
            Palette::from_no_color(Some(OsStr::new(""))),
            Palette::Colour
        );
        assert_eq!(
            Palette::from_no_color(Some(OsStr::new("1"))),
            Palette::NoColour
        );
        assert_eq!(
            Palette::from_no_color(Some(OsStr::new("0"))),
            Palette::NoColour,
            "any value counts, even 0"
        );
    }

    /// Colours and attributes are chosen here only: no other file of the
    /// screens names one, so the no-colour theme covers every screen.
    #[test]
    fn no_screen_names_a_colour_or_an_attribute() {
        let ui = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = vec![ui.join("ui.rs")];
        // The screens' files and their submodules' (a folder beside a file).
        let mut folders = vec![ui.join("ui")];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    folders.push(path);
                } else if path.file_name() != Some(OsStr::new("theme.rs")) {
                    files.push(path);
                }
            }
        }
        // Spelled in pieces so this file does not match itself.
        let banned = [
            ["Color", "::"].concat(),
            ["Modifier", "::"].concat(),
            ["BorderType", "::"].concat(),
            [".bold", "()"].concat(),
            [".italic", "()"].concat(),
            [".reversed", "()"].concat(),
            [".fg", "("].concat(),
            [".bg", "("].concat(),
        ];
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            for (n, line) in text.lines().enumerate() {
                for needle in &banned {
                    assert!(
                        !line.contains(needle.as_str()),
                        "{}:{}: {needle} outside the theme: {line}",
                        file.display(),
                        n + 1
                    );
                }
            }
        }
    }
}
