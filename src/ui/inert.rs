//! The last line of defence between session text and the terminal.
//!
//! Text in a session file, a paste or a merge may hold control characters:
//! an escape sequence that clears the screen (CSI 2J), writes the clipboard
//! (OSC 52), hides a link (OSC 8), the C1 byte 0x9B, or a bidirectional
//! override that makes text read backwards. Written to the terminal as it
//! is, any of these would act rather than show. Every frame passes through
//! here after drawing, whatever drew it, and each such character becomes a
//! visible placeholder: ESC shows as `␛`, other C0 controls as their control
//! pictures (`␀`…`␟`), DEL as `␡`, C1 controls and direction controls as
//! `�`. The data itself is unchanged (the file keeps such characters only
//! escaped, as `\u{1b}`).

use ratatui::buffer::Buffer;

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

/// Replaces unsafe characters in `text` with visible placeholders.
pub fn visible(text: &str) -> String {
    text.chars()
        .map(|c| if is_unsafe(c) { placeholder(c) } else { c })
        .collect()
}

/// Makes every cell of a drawn frame safe to send to the terminal.
pub fn sanitise(buffer: &mut Buffer) {
    for cell in &mut buffer.content {
        if cell.symbol().chars().any(is_unsafe) {
            let safe = visible(cell.symbol());
            cell.set_symbol(&safe);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_become_visible_placeholders() {
        assert_eq!(visible("a\u{1b}[2J\u{9b}b\u{202e}c\u{7}"), "a␛[2J�b�c␇");
        assert_eq!(
            visible("Mae'r hwb 👩\u{200d}👧 ŵ"),
            "Mae'r hwb 👩\u{200d}👧 ŵ",
            "joiners and Welsh stay"
        );
    }
}
