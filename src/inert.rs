//! Text that must show, never act, on a terminal.
//!
//! Text in a session file, a paste or a merge may hold control characters:
//! an escape sequence that clears the screen (CSI 2J), writes the clipboard
//! (OSC 52), hides a link (OSC 8), the C1 byte 0x9B, or a bidirectional
//! override that makes text read backwards. Each such character has a
//! visible stand-in here: ESC shows as `␛`, other C0 controls as their
//! control pictures (`␀`…`␟`), DEL as `␡`, C1 controls and direction
//! controls as `�`.
//!
//! Typed and pasted text is made visible where it enters a text field, so
//! what the facilitator sees is what is saved. Text loaded from a file is
//! kept as it is (a direction isolate in Urdu or Arabic text is meaningful,
//! and merges must see the same value on every laptop); the file keeps such
//! characters only escaped, as `\u{1b}`, and the screen shows the stand-ins
//! through [`visible`] and the last pass over every frame in `ui`.
//!
//! What leaves stb by other ways gets the same stand-ins through
//! [`printable`], which keeps line breaks and tabs: every byte the command
//! line prints (`cli::out`) and every exported text (`export::stand_ins`).
//! The bidi marks U+200E, U+200F and U+061C are replaced there too, like the
//! overrides and isolates: invisible, they still move neutral characters
//! across right-to-left text, so what is read is not what is stored, and
//! an export shows what the app shows. The cost is a `�` where a mark stood
//! in Urdu or Arabic text; the session file keeps the mark.

use std::borrow::Cow;

/// Whether a character must never reach the terminal as itself.
pub fn is_unsafe(c: char) -> bool {
    crate::storage::must_stay_escaped(c)
}

/// The visible stand-in for an unsafe character.
fn placeholder(c: char) -> char {
    match c {
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        _ => '\u{fffd}',
    }
}

/// `c`, or its visible stand-in if it is unsafe.
pub fn visible_char(c: char) -> char {
    if is_unsafe(c) { placeholder(c) } else { c }
}

/// `text` with unsafe characters replaced by visible stand-ins; borrowed
/// (no copy) in the common case where there are none.
pub fn visible(text: &str) -> Cow<'_, str> {
    if text.chars().any(is_unsafe) {
        Cow::Owned(text.chars().map(visible_char).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// Whether `c`, at a place where `next` follows, may stay as itself in
/// text for a terminal or an export: line feeds and tabs, and a carriage
/// return that ends a Windows line break (CSV's own row ends are CRLF, and
/// a CR just before an LF moves the cursor nowhere the LF does not). A lone
/// CR may not: it returns to the start of the line, so later text would be
/// printed over earlier text.
fn kept_in_print(c: char, next: Option<char>) -> bool {
    matches!(c, '\n' | '\t') || (c == '\r' && next == Some('\n'))
}

/// Text safe for a terminal and for an export: like [`visible`], but
/// keeping line breaks (LF, CRLF) and tabs, so reports print on several
/// lines. The one cleaning every byte the command line prints and every
/// exported text goes through; each character maps to exactly one, so
/// positions counted in characters (REFI-QDA selections) do not move.
pub fn printable(text: &str) -> Cow<'_, str> {
    let mut chars = text.chars().peekable();
    let mut clean = true;
    while let Some(c) = chars.next() {
        if is_unsafe(c) && !kept_in_print(c, chars.peek().copied()) {
            clean = false;
            break;
        }
    }
    if clean {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if is_unsafe(c) && !kept_in_print(c, chars.peek().copied()) {
            out.push(placeholder(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Pasted or recovered text as one line for a text field: line breaks and
/// tabs become spaces (runs of breaks, one space), anything else unsafe its
/// visible stand-in.
pub fn one_line(text: &str) -> String {
    let mut line = String::with_capacity(text.len());
    let mut after_break = false;
    for c in text.chars() {
        match c {
            '\r' | '\n' | '\u{2028}' | '\u{2029}' => {
                if !after_break && !line.is_empty() {
                    line.push(' ');
                }
                after_break = true;
                continue;
            }
            '\t' => line.push(' '),
            c => line.push(visible_char(c)),
        }
        after_break = false;
    }
    line
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_become_visible_placeholders() {
        assert_eq!(visible("a\u{1b}[2J\u{9b}b\u{202e}c\u{7}"), "a␛[2J�b�c␇");
        assert!(
            matches!(visible("Mae'r hwb 👩\u{200d}👧 ŵ"), Cow::Borrowed(_)),
            "joiners and Welsh stay, uncopied"
        );
    }

    #[test]
    fn a_paste_becomes_one_visible_line() {
        assert_eq!(one_line("one\r\ntwo\n\nthree"), "one two three");
        assert_eq!(one_line("\nlead\ttab"), "lead tab");
        assert_eq!(
            one_line("\u{1b}]52;c;cGF3bmVk\u{7}red\u{1b}[0m"),
            "␛]52;c;cGF3bmVk␇red␛[0m"
        );
        assert_eq!(one_line("w\u{302} 👩\u{200d}👧"), "w\u{302} 👩\u{200d}👧");
        assert!(one_line("\u{202e}x\u{2066}").chars().all(|c| !is_unsafe(c)));
        assert_eq!(printable("a\n\tb\u{1b}[2J\r"), "a\n\tb␛[2J␍");
    }

    #[test]
    fn printable_keeps_line_breaks_and_tabs_and_nothing_else() {
        assert_eq!(
            printable("row\r\nnext\rover\r\r\n"),
            "row\r\nnext␍over␍\r\n"
        );
        assert!(matches!(printable("a\tb\r\nc\n"), Cow::Borrowed(_)));
        let hostile = "\u{1b}]0;title\u{7}\u{9b}2J\u{90}q\u{9d}8;;x\u{9c}\u{202e}\u{2067}\u{200f}\u{61c}\u{7f}";
        let shown = printable(hostile);
        assert_eq!(
            shown.chars().count(),
            hostile.chars().count(),
            "one for one"
        );
        assert!(shown.chars().all(|c| !is_unsafe(c)), "{shown:?}");
    }
}
