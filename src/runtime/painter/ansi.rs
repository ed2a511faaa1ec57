//! The bytes that put changed cells on a terminal: what ratatui's crossterm
//! backend writes, byte for byte, without formatting every cell.
//!
//! The backend queues each cell's symbol and each cursor move as a
//! crossterm command, formatted through `fmt` into its writer one small
//! write at a time: a third of the instructions of a letter's frame, run
//! cold between keys. Moves and symbols are written here directly; the
//! rarer changes of colour and attribute still go through crossterm's own
//! commands, so every escape is the one the backend would have written.

use ratatui::backend::IntoCrossterm;
use ratatui::buffer::Cell;
use ratatui::crossterm::queue;
use ratatui::crossterm::style::{
    Attribute, Color as Ansi, Colored, Colors, SetAttribute, SetBackgroundColor, SetColors,
    SetForegroundColor, SetUnderlineColor,
};
use ratatui::style::{Color, Modifier};

/// Adds to `out` the bytes that draw `cells` (each at its column and row)
/// over what the terminal shows, ending with colours and attributes reset,
/// as `CrosstermBackend::draw` does.
pub fn draw<'a>(out: &mut Vec<u8>, cells: impl Iterator<Item = (u16, u16, &'a Cell)>) {
    let (mut fg, mut bg, mut underline) = (Color::Reset, Color::Reset, Color::Reset);
    let mut modifier = Modifier::empty();
    let mut last: Option<(u16, u16)> = None;
    // Writing to a vector cannot fail.
    for (x, y, cell) in cells {
        if !matches!(last, Some((lx, ly)) if lx.checked_add(1) == Some(x) && ly == y) {
            move_to(out, x, y);
        }
        last = Some((x, y));
        if cell.modifier != modifier {
            modifier_change(out, modifier, cell.modifier);
            modifier = cell.modifier;
        }
        if cell.fg != fg || cell.bg != bg {
            colours(out, cell.fg.into_crossterm(), cell.bg.into_crossterm());
            (fg, bg) = (cell.fg, cell.bg);
        }
        if cell.underline_color != underline {
            let _ = queue!(
                out,
                SetUnderlineColor(cell.underline_color.into_crossterm())
            );
            underline = cell.underline_color;
        }
        out.extend_from_slice(cell.symbol().as_bytes());
    }
    if Colored::ansi_color_disabled_memoized() {
        let _ = queue!(
            out,
            SetForegroundColor(Ansi::Reset),
            SetBackgroundColor(Ansi::Reset),
            SetUnderlineColor(Ansi::Reset),
            SetAttribute(Attribute::Reset),
        );
    } else {
        // The same four commands, as crossterm writes them.
        out.extend_from_slice(b"\x1b[39m\x1b[49m\x1b[59m\x1b[0m");
    }
}

/// Shows the terminal's cursor at `position`, or hides it (crossterm's
/// `Show` and `MoveTo`, or `Hide`).
pub fn cursor(out: &mut Vec<u8>, position: Option<ratatui::layout::Position>) {
    match position {
        None => out.extend_from_slice(b"\x1b[?25l"),
        Some(at) => {
            out.extend_from_slice(b"\x1b[?25h");
            move_to(out, at.x, at.y);
        }
    }
}

/// A foreground and a background colour, as crossterm's `SetColors`
/// writes them (through `fmt`, a fifth of an Enter's frame sent); with
/// `NO_COLOR` set crossterm writes none, and it is left to.
fn colours(out: &mut Vec<u8>, fg: Ansi, bg: Ansi) {
    if Colored::ansi_color_disabled_memoized() {
        let _ = queue!(out, SetColors(Colors::new(fg, bg)));
        return;
    }
    out.extend_from_slice(b"\x1b[");
    colour(out, (b"38;", b"39"), fg);
    out.push(b';');
    colour(out, (b"48;", b"49"), bg);
    out.push(b'm');
}

/// One colour as crossterm's `Colored` writes it: the terminal's own
/// (`reset`), or after `base` its number in the 256 (or its red, green and
/// blue).
fn colour(out: &mut Vec<u8>, (base, reset): (&[u8], &[u8]), colour: Ansi) {
    let index = match colour {
        Ansi::Reset => return out.extend_from_slice(reset),
        Ansi::Rgb { r, g, b } => {
            out.extend_from_slice(base);
            out.extend_from_slice(b"2;");
            for (n, part) in [r, g, b].into_iter().enumerate() {
                if n > 0 {
                    out.push(b';');
                }
                number(out, part.into());
            }
            return;
        }
        Ansi::AnsiValue(n) => n,
        Ansi::Black => 0,
        Ansi::DarkRed => 1,
        Ansi::DarkGreen => 2,
        Ansi::DarkYellow => 3,
        Ansi::DarkBlue => 4,
        Ansi::DarkMagenta => 5,
        Ansi::DarkCyan => 6,
        Ansi::Grey => 7,
        Ansi::DarkGrey => 8,
        Ansi::Red => 9,
        Ansi::Green => 10,
        Ansi::Yellow => 11,
        Ansi::Blue => 12,
        Ansi::Magenta => 13,
        Ansi::Cyan => 14,
        Ansi::White => 15,
    };
    out.extend_from_slice(base);
    out.extend_from_slice(b"5;");
    number(out, index.into());
}

/// Scrolls the terminal's rows `moved.rows` up by `moved.up` lines: a
/// scrolling region (DECSTBM, a VT100's, which every terminal since has),
/// a scroll up within it (SU), and the region set back to the whole screen.
/// Attributes are reset first, so the lines scrolled in are blank.
pub fn scroll(out: &mut Vec<u8>, moved: &crate::ui::canvas::Moved) {
    out.extend_from_slice(b"\x1b[0m\x1b[");
    number(out, u32::from(moved.rows.start) + 1);
    out.push(b';');
    number(out, u32::from(moved.rows.end));
    out.extend_from_slice(b"r\x1b[");
    number(out, u32::from(moved.up));
    out.extend_from_slice(b"S\x1b[r");
}

/// `ESC [ row ; column H`, one-based, as crossterm's `MoveTo` writes it.
fn move_to(out: &mut Vec<u8>, x: u16, y: u16) {
    out.extend_from_slice(b"\x1b[");
    number(out, u32::from(y) + 1);
    out.push(b';');
    number(out, u32::from(x) + 1);
    out.push(b'H');
}

fn number(out: &mut Vec<u8>, n: u32) {
    if n >= 10 {
        number(out, n / 10);
    }
    out.push(b'0' + (n % 10) as u8);
}

/// The attributes that take `from` to `to`, in the backend's order (its
/// `ModifierDiff`): bold and dim share one reset, so both are set again.
/// Each is written as crossterm's `SetAttribute` writes it (`ESC [ n m`,
/// `n` its SGR number), without fmt.
fn modifier_change(out: &mut Vec<u8>, from: Modifier, to: Modifier) {
    let mut set = |sgr: u8| {
        out.extend_from_slice(b"\x1b[");
        number(out, sgr.into());
        out.push(b'm');
    };
    let removed = from - to;
    if removed.contains(Modifier::REVERSED) {
        set(27); // NoReverse
    }
    let reset_intensity = removed.intersects(Modifier::BOLD | Modifier::DIM);
    if reset_intensity {
        set(22); // NormalIntensity
        if to.contains(Modifier::DIM) {
            set(2);
        }
        if to.contains(Modifier::BOLD) {
            set(1);
        }
    }
    for (modifier, off) in [
        (Modifier::ITALIC, 23),
        (Modifier::UNDERLINED, 24),
        (Modifier::CROSSED_OUT, 29),
        (Modifier::HIDDEN, 28),
    ] {
        if removed.contains(modifier) {
            set(off);
        }
    }
    if removed.intersects(Modifier::SLOW_BLINK | Modifier::RAPID_BLINK) {
        set(25); // NoBlink
    }
    let added = to - from;
    for (modifier, on, unless_reset) in [
        (Modifier::REVERSED, 7, false),
        (Modifier::BOLD, 1, true),
        (Modifier::ITALIC, 3, false),
        (Modifier::UNDERLINED, 4, false),
        (Modifier::DIM, 2, true),
        (Modifier::CROSSED_OUT, 9, false),
        (Modifier::HIDDEN, 8, false),
        (Modifier::SLOW_BLINK, 5, false),
        (Modifier::RAPID_BLINK, 6, false),
    ] {
        if added.contains(modifier) && !(unless_reset && reset_intensity) {
            set(on);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ratatui::backend::{Backend, CrosstermBackend};

    fn color() -> impl Strategy<Value = Color> {
        let named = prop::sample::select(vec![
            Color::Black,
            Color::Red,
            Color::Green,
            Color::Yellow,
            Color::Blue,
            Color::Magenta,
            Color::Cyan,
            Color::Gray,
            Color::DarkGray,
            Color::LightRed,
            Color::LightGreen,
            Color::LightYellow,
            Color::LightBlue,
            Color::LightMagenta,
            Color::LightCyan,
            Color::White,
        ]);
        prop_oneof![
            Just(Color::Reset),
            named,
            any::<u8>().prop_map(Color::Indexed),
            any::<(u8, u8, u8)>().prop_map(|(r, g, b)| Color::Rgb(r, g, b)),
        ]
    }

    fn cell() -> impl Strategy<Value = Cell> {
        let symbol = prop_oneof![Just("a"), Just(" "), Just("é"), Just("界"), Just("🙂")];
        (symbol, color(), color(), color(), any::<u16>()).prop_map(|(s, fg, bg, ul, bits)| {
            let mut cell = Cell::new(s);
            cell.fg = fg;
            cell.bg = bg;
            cell.underline_color = ul;
            cell.modifier = Modifier::from_bits_truncate(bits);
            cell
        })
    }

    proptest! {
        /// Whatever the cells, their places and their styles, the bytes
        /// are the backend's own.
        #[test]
        fn the_bytes_are_those_the_crossterm_backend_writes(
            cells in prop::collection::vec((0u16..300, 0u16..120, cell()), 0..40)
        ) {
            let placed = || cells.iter().map(|(x, y, c)| (*x, *y, c));
            let theirs = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
            let mut backend = CrosstermBackend::new(super::super::Bytes(theirs.clone()));
            backend.draw(placed()).unwrap();
            let mut ours = Vec::new();
            draw(&mut ours, placed());
            prop_assert_eq!(ours, theirs.take());
        }
    }

    #[test]
    fn the_cursor_is_shown_and_placed_or_hidden_as_the_backend_does_it() {
        for position in [None, Some(ratatui::layout::Position::new(7, 3))] {
            let theirs = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
            let mut backend = CrosstermBackend::new(super::super::Bytes(theirs.clone()));
            match position {
                None => backend.hide_cursor().unwrap(),
                Some(at) => {
                    backend.show_cursor().unwrap();
                    backend.set_cursor_position(at).unwrap();
                }
            }
            let mut ours = Vec::new();
            cursor(&mut ours, position);
            assert_eq!(ours, theirs.take(), "{position:?}");
        }
    }

    #[test]
    fn a_scroll_sets_a_region_scrolls_it_and_sets_it_back() {
        let mut out = Vec::new();
        let moved = crate::ui::canvas::Moved { rows: 9..35, up: 2 };
        scroll(&mut out, &moved);
        assert_eq!(out, b"\x1b[0m\x1b[10;35r\x1b[2S\x1b[r");
    }

    #[test]
    fn cells_side_by_side_take_one_move_and_a_row_below_another() {
        let (a, b) = (Cell::new("a"), Cell::new("b"));
        let mut out = Vec::new();
        draw(&mut out, [(4, 9, &a), (5, 9, &b), (0, 10, &a)].into_iter());
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("\x1b[10;5Hab\x1b[11;1Ha"), "{text:?}");
    }
}
