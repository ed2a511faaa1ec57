//! Undoing ron's over-eager string escapes, so files stay pleasant to edit.
//!
//! ron escapes strings with `char::escape_debug`, which writes every
//! apostrophe as `\'` and every joiner or combining mark as `\u{…}`: Welsh
//! "Mae'r" becomes `Mae\'r` and an emoji family falls apart into escapes.
//! This pass turns those back into the characters themselves, keeping escaped
//! only what could harm a terminal or hide text from a reader: control
//! characters, bidirectional overrides and isolates, line and paragraph
//! separators, and the byte-order mark.

/// Whether a character must stay escaped in a session file.
pub fn must_stay_escaped(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{feff}'
        )
}

/// Rewrites the escapes inside the string literals of ron's escaped output.
/// Only sound for text written with `escape_strings` on (no raw strings, no
/// char literals), which is how [`super::to_ron`] writes.
pub fn unescape_harmless(ron: &str) -> String {
    let mut out = String::with_capacity(ron.len());
    let mut chars = ron.chars().peekable();
    let mut in_string = false;
    while let Some(c) = chars.next() {
        if !in_string {
            in_string = c == '"';
            out.push(c);
            continue;
        }
        match c {
            '"' => {
                in_string = false;
                out.push(c);
            }
            '\\' => match chars.next() {
                Some('\'') => out.push('\''),
                Some('u') if chars.peek() == Some(&'{') => {
                    let mut hex = String::new();
                    chars.next();
                    for h in chars.by_ref() {
                        if h == '}' {
                            break;
                        }
                        hex.push(h);
                    }
                    match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                        Some(ch) if !must_stay_escaped(ch) && ch != '"' && ch != '\\' => {
                            out.push(ch)
                        }
                        _ => {
                            out.push_str("\\u{");
                            out.push_str(&hex);
                            out.push('}');
                        }
                    }
                }
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            },
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apostrophes_and_joiners_come_back_and_controls_stay_escaped() {
        let escaped =
            r#"(text: "Mae\'r 👩\u{200d}👧 w\u{302} \u{1b}[2J \u{202e} \\u{41} \\\' \"q\"")"#;
        assert_eq!(
            unescape_harmless(escaped),
            "(text: \"Mae'r 👩\u{200d}👧 w\u{302} \\u{1b}[2J \\u{202e} \\\\u{41} \\\\' \\\"q\\\"\")"
        );
    }
}
