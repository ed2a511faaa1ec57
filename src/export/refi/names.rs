//! Names that a QDA tool turns into files or database keys.
//!
//! A REFI-QDA source's `name` is not just a label: QualCoder copies the
//! source to `documents/<name>.txt`, and NVivo and MAXQDA name files after it
//! too. A session title such as "Pembrokeshire workshop / gweithdy" then
//! points into a folder that does not exist, and "Shifting the Balance: …"
//! cannot be a file on Windows. So [`file_safe`] makes a title into a name
//! every common file system takes as it is: none of `/ \ : * ? " < > |`, no
//! control characters, no leading or trailing space or dot, no name Windows
//! reserves for a device (`CON`, `NUL`, `COM1`, …), and a bounded length.
//! The full title still travels in the source's description.
//!
//! QualCoder also keeps source, case and code names unique (a second code
//! called "food" is refused, and its codings go with it), and Windows and
//! macOS treat names that differ only in case or Unicode normalisation as
//! the same file, so [`Namer`] hands out names unique in that stronger
//! sense.

use std::collections::HashSet;
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// The longest name [`file_safe`] returns, in UTF-8 bytes, before a
/// [`Namer`] adds " (2)": file systems allow 255 bytes (or UTF-16 units) per
/// name, QualCoder adds ".txt" and perhaps a "1_" prefix, and Windows limits a
/// whole path to 260 characters unless told otherwise, so a name leaves most
/// of that to the folder it lands in.
pub const NAME_BYTES: usize = 100;

/// What a name that has nothing left is called.
const FALLBACK: &str = "Session";

/// Names Windows keeps for devices, with or without an extension.
const RESERVED: [&str; 6] = ["CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"];

/// `title` as a name that is a valid file name on Windows, macOS and Linux,
/// reading as much like the title as it can: "a: b" and "a / b" become
/// "a - b", quotes become apostrophes, `<…>` becomes `(…)`, and `*` and `?`
/// go. Composed (NFC), so it matches what a Mac writes to disk.
pub fn file_safe(title: &str) -> String {
    let mut out = String::new();
    for c in title.nfc() {
        match c {
            '/' | '\\' | '|' | ':' => {
                let kept = out.trim_end().len();
                out.truncate(kept);
                if !out.is_empty() && !out.ends_with(" -") {
                    out.push_str(" - ");
                }
            }
            '"' => out.push('\''),
            '<' => out.push('('),
            '>' => out.push(')'),
            '*' | '?' => {}
            c if c.is_whitespace() || c.is_control() => {
                if !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            c => out.push(c),
        }
    }
    let mut name = trim(&out).to_owned();
    if name.len() > NAME_BYTES {
        // Cut one byte short, for the `_` a reserved name may get, yet
        // leave a name that is already short enough as it is.
        let limit = NAME_BYTES - 1;
        let mut cut = 0;
        for (at, grapheme) in name.grapheme_indices(true) {
            if at + grapheme.len() > limit {
                break;
            }
            cut = at + grapheme.len();
        }
        name.truncate(cut);
        name = trim(&name).to_owned();
    }
    if name.is_empty() {
        return FALLBACK.to_owned();
    }
    if is_reserved(&name) {
        // "CON.txt" is as reserved as "CON": the part before the first dot
        // is what Windows looks at.
        let stem = name.find('.').unwrap_or(name.len());
        name.insert(stem, '_');
    }
    name
}

/// Without the spaces, dots and dashes a name must not start or end with
/// (Windows drops trailing dots and spaces; a leading dot hides a file on
/// Linux and macOS; a leading dash reads as an option to command-line tools).
fn trim(name: &str) -> &str {
    name.trim_matches(|c: char| c.is_whitespace() || c == '.' || c == '-')
}

/// Whether Windows reserves `name` for a device: `CON`, `NUL`, `COM1`,
/// `lpt²`, `aux.txt`, `NUL .txt`…
fn is_reserved(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or(name).trim_end();
    let upper = stem.to_uppercase();
    if RESERVED.contains(&upper.as_str()) {
        return true;
    }
    let port = upper
        .strip_prefix("COM")
        .or_else(|| upper.strip_prefix("LPT"));
    port.is_some_and(|n| {
        let mut digits = n.chars();
        let digit = digits
            .next()
            .is_some_and(|d| d.is_ascii_digit() || matches!(d, '\u{b9}' | '\u{b2}' | '\u{b3}'));
        digit && digits.next().is_none()
    })
}

/// Hands out names no two of which a case-insensitive, normalising file
/// system (or a careful reader) would take for the same: the name wanted, or
/// it with " (2)", " (3)", …
#[derive(Debug, Default)]
pub struct Namer {
    taken: HashSet<String>,
}

impl Namer {
    /// `wanted`, or the first numbered form of it that is free.
    pub fn claim(&mut self, wanted: &str) -> String {
        let mut name = wanted.to_owned();
        let mut n = 1;
        while !self.taken.insert(key(&name)) {
            n += 1;
            name = format!("{wanted} ({n})");
        }
        name
    }

    /// Whether `name` is already handed out.
    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(&key(name))
    }
}

/// What two names are compared by: composed, lower case.
pub fn key(name: &str) -> String {
    name.nfc().flat_map(char::to_lowercase).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn titles_read_much_the_same_as_file_names() {
        let cases = [
            (
                "Shifting the Balance: Pembrokeshire workshop / gweithdy Sir Benfro",
                "Shifting the Balance - Pembrokeshire workshop - gweithdy Sir Benfro",
            ),
            ("Who's \"in\"? <All> of us*", "Who's 'in' (All) of us"),
            ("  ..hidden.  ", "hidden"),
            ("a\\b|c", "a - b - c"),
            ("line\nbreak\ttab\u{7}bell", "line break tab bell"),
            ("://", FALLBACK),
            ("", FALLBACK),
            ("CON", "CON_"),
            ("nul.txt", "nul_.txt"),
            ("Com1", "Com1_"),
            ("LPT\u{b9}", "LPT\u{b9}_"),
            ("COM10", "COM10"),
            ("CONSOLE", "CONSOLE"),
            ("Gweithdy ŵyn 🤝 اردو", "Gweithdy ŵyn 🤝 اردو"),
        ];
        for (title, name) in cases {
            assert_eq!(file_safe(title), name, "{title:?}");
        }
    }

    #[test]
    fn long_titles_are_cut_between_characters_as_read() {
        let family = "👨‍👩‍👧";
        let title = family.repeat(20);
        let name = file_safe(&title);
        assert!(name.len() <= NAME_BYTES, "{}", name.len());
        assert_eq!(name.len() % family.len(), 0, "whole families only");
    }

    #[test]
    fn names_are_unique_ignoring_case_and_normalisation() {
        let mut namer = Namer::default();
        assert_eq!(namer.claim("Siân"), "Siân");
        assert_eq!(namer.claim("SIA\u{302}N"), "SIA\u{302}N (2)");
        assert_eq!(namer.claim("siân"), "siân (3)");
        assert!(namer.is_taken("SIÂN (2)"));
        assert!(!namer.is_taken("Sian"));
    }

    proptest! {
        #[test]
        fn any_title_makes_a_name_every_file_system_takes(
            title in r"(\PC|[/\\:*?<>|\x00-\x1f\x7f\u{80}-\u{9f}. ]|CON|nul|COM1){0,80}"
        ) {
            let name = file_safe(&title);
            prop_assert!(!name.is_empty());
            prop_assert!(name.len() <= NAME_BYTES);
            prop_assert!(!name.chars().any(|c| "/\\:*?\"<>|".contains(c) || c.is_control()));
            prop_assert!(!name.ends_with(['.', ' ']) && !name.starts_with(['.', ' ']));
            prop_assert!(!is_reserved(&name), "{name:?}");
            prop_assert_eq!(file_safe(&name), name.clone(), "stable");
        }
    }
}
