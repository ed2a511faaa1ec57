//! Where a refused value starts, for errors that ron places after it.
//!
//! A value the types accept but the limits refuse (a text over
//! `MAX_TEXT_BYTES`, a timer of 2^64 − 1 seconds) fails in a
//! `deserialize_with` helper once ron has read it, so ron's span points past
//! its end: on a 16 KiB line, column 16,448. A person fixing the file by
//! hand wants its start, so the loader walks the file's tokens (strings with
//! their escapes, raw strings, comments, numbers) up to that point and
//! names the start of the last value before it.

/// The byte offset of 1-based `line` and `col` (in characters), as ron
/// counts them.
fn offset_of(text: &str, line: usize, col: usize) -> Option<usize> {
    let start = if line <= 1 {
        0
    } else {
        text.match_indices('\n').nth(line - 2)?.0 + 1
    };
    let rest = &text[start..];
    let within = rest
        .char_indices()
        .nth(col.saturating_sub(1))
        .map_or(rest.len(), |(at, _)| at);
    Some(start + within)
}

/// The 1-based line and column (in characters) of byte `at`.
fn position_of(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// The end of the string literal starting at `i` (a `"`), past its quote.
fn string_end(bytes: &[u8], mut i: usize) -> usize {
    i += 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// The end of the raw string starting at `i` (`r`, hashes, `"`), if it is one.
fn raw_string_end(text: &str, i: usize) -> Option<usize> {
    let after = text[i + 1..].trim_start_matches('#');
    let hashes = text.len() - i - 1 - after.len();
    let body = after.strip_prefix('"')?;
    let close = format!("\"{}", "#".repeat(hashes));
    let from = text.len() - body.len();
    Some(
        body.find(&close)
            .map_or(text.len(), |at| from + at + close.len()),
    )
}

/// The start of the last string or number that starts before `line` and
/// `col` in `text` (where ron stopped, at the value's end or inside it);
/// None when there is none (then ron's place stands).
pub(super) fn value_start(text: &str, line: usize, col: usize) -> Option<(usize, usize)> {
    let limit = offset_of(text, line, col)?;
    let bytes = text.as_bytes();
    let word = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'+' | b'-');
    let mut last = None;
    let mut i = 0;
    while i < limit {
        let (end, value) = match bytes[i] {
            b'"' => (string_end(bytes, i), true),
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                (text[i..].find('\n').map_or(text.len(), |at| i + at), false)
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => (
                text[i..].find("*/").map_or(text.len(), |at| i + at + 2),
                false,
            ),
            b'r' if raw_string_end(text, i).is_some() => {
                (raw_string_end(text, i).unwrap_or(i + 1), true)
            }
            b if word(b) => {
                let run = bytes[i..].iter().take_while(|&&b| word(b)).count();
                (i + run, b.is_ascii_digit() || b == b'-' || b == b'+')
            }
            _ => (i + 1, false),
        };
        if value {
            last = Some(i);
        }
        i = end.max(i + 1);
    }
    last.map(|at| position_of(text, at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_start_of_the_value_before_the_place_ron_names() {
        let text = "(\n  a: \"x\\\"y\", // \"no\"\n  b: 123,\n  c: r#\"q\"#)";
        assert_eq!(value_start(text, 2, 13), Some((2, 6)), "after the string");
        assert_eq!(value_start(text, 2, 9), Some((2, 6)), "inside it");
        assert_eq!(value_start(text, 3, 9), Some((3, 6)), "after the number");
        assert_eq!(value_start(text, 4, 13), Some((4, 6)), "after a raw string");
        assert_eq!(value_start(text, 1, 1), None);
    }
}
