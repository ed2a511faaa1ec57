//! Hostile fixtures shared by the tests of sessions from elsewhere: a
//! session with terminal controls in every text it holds, file names with
//! them, a lock held with them in its contents, and a scanner that says
//! where any output carries one.
//!
//! The scanner keeps its own list of what may not reach a terminal rather
//! than asking stb's `inert` module, so a gap there is caught here.

use stb::model::{
    Comment, Consent, InsightFields, Nation, OpenConflict, ParticipantFields, Place, Session,
    SessionDetails, StampClock, Theme,
};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Everything that drives a terminal, in one string: OSC 0 (window title),
/// CSI 2J (clear), ESC c (full reset), C1 CSI, DCS … ST, C1 OSC 52
/// (clipboard), OSC 8 (a hidden link), bidi override, isolate and marks,
/// backspace, BEL, DEL and a lone carriage return. No NUL or `/`, so it can
/// go into file names and arguments too.
pub const H: &str = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{1b}c\u{9b}31m\u{90}1$r\u{9c}\
    \u{9d}52;c;cGF3bmVk\u{9c}\u{1b}]8;;x\u{1b}\\\u{202e}\u{2066}\u{200f}\u{61c}\u{8}\u{7f}\rX";

/// A part of [`H`] as it looks once made inert (BEL as `␇`): the proof
/// that text was shown, not dropped. (Markdown escapes the `]` before it.)
pub const SHOWN: &str = "0;pwned␇";

/// Where `bytes` carry something that may drive a terminal: not UTF-8 (a
/// raw 0x9B is CSI to an 8-bit terminal), a C0 control other than line
/// feed, tab and the CR of a CRLF, DEL, a C1 control, or a bidi control. A
/// byte-order mark is allowed only first.
pub fn forbidden(bytes: &[u8]) -> Option<String> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => return Some(format!("not UTF-8 at byte {}", e.valid_up_to())),
    };
    for (at, c) in text.char_indices() {
        let next = text[at + c.len_utf8()..].chars().next();
        let bad = match c {
            '\n' | '\t' => false,
            '\r' => next != Some('\n'),
            '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
            '\u{200e}' | '\u{200f}' | '\u{61c}' => true,
            '\u{feff}' => at != 0,
            _ => false,
        };
        if bad {
            let start = (0..=at.saturating_sub(30))
                .rev()
                .find(|&i| text.is_char_boundary(i))
                .unwrap_or(0);
            return Some(format!(
                "U+{:04X} at byte {at}, after {:?}",
                c as u32,
                &text[start..at]
            ));
        }
    }
    None
}

/// A session with [`H`] in every text: details, note-takers, questions and
/// prompts, a participant (consent given, so exports keep them) and their
/// organisation, an insight, its tag and comment, a theme, the devices in
/// every stamp, and an open conflict's values.
pub fn session() -> Session {
    let mut clock = StampClock::new(format!("laptop{H}"));
    let at = jiff::Timestamp::from_second(1_790_000_000).unwrap();
    let t = clock.stamp_at(at);
    let details = SessionDetails {
        title: format!("Title{H}"),
        place: Place {
            locality: format!("Place{H}"),
            nation: Nation::Wales,
        },
        date: jiff::civil::date(2026, 10, 14),
        facilitator: format!("Facilitator{H}"),
        note_takers: vec![format!("Notes{H}")],
    };
    let mut s = Session::new(details, t.clone());
    for q in &mut s.questions {
        q.title = format!("Question{H}");
        q.text = format!("Asked{H}");
        q.prompts = vec![format!("Prompt{H}")];
    }
    let person = s.add_participant(
        ParticipantFields {
            name: format!("Name{H}"),
            organisation: format!("Org{H}"),
            consent: Consent::Given(at),
            ..Default::default()
        },
        &t,
    );
    let said = s.add_insight(
        InsightFields {
            question: 1,
            text: format!("Said{H}"),
            participant: Some(person),
            tags: vec![format!("tag{H}")],
            ..Default::default()
        },
        &t,
    );
    s.add_insight(
        InsightFields {
            question: 2,
            text: "=HYPERLINK(\"https://example.org\",\"click\")".into(),
            ..Default::default()
        },
        &t,
    );
    s.insights[0]
        .comments
        .push(Comment::new(format!("Comment{H}"), &t));
    let mut theme = Theme::create(&format!("Theme{H}"), &t);
    theme.set_member(said, true, &t);
    s.themes.push(theme);
    let stamp = s.field_stamp(said, "text").unwrap().clone();
    s.conflicts.push(OpenConflict {
        record: said,
        field: "text".into(),
        stamp,
        values: vec![format!("\"One{H}\""), format!("\"Two{H}\"")],
    });
    s
}

/// `name` with [`H`] inside, before the extension: a file name that
/// retitles the terminal if printed raw.
pub fn file_name(stem: &str, extension: &str) -> String {
    format!("{stem}{H}.{extension}")
}

/// Saves [`session`] as `dir/file_name(stem, "ron")`.
pub fn save(dir: &Path, stem: &str) -> PathBuf {
    let path = dir.join(file_name(stem, "ron"));
    stb::storage::save(&path, &session()).unwrap_or_else(|e| panic!("{e}"));
    path
}

/// Holds `session`'s lock, as a running stb would, with [`H`] written in
/// the lock file where stb writes who holds it; released when dropped.
pub fn hold_lock(session: &Path) -> std::fs::File {
    let path = stb::storage::lock_path(session);
    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(true)
        .open(&path)
        .unwrap();
    file.try_lock().expect("the lock is free");
    std::fs::write(&path, format!("process 1{H} since then")).unwrap();
    file
}

/// Runs `stb ARGS` in `cwd` without a terminal (stdin empty), sessions in
/// `sessions`: its whole output, bytes as written.
pub fn run(cwd: &Path, sessions: &Path, args: &[String]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_stb"))
        .args(args)
        .current_dir(cwd)
        .env("STB_SESSIONS_DIR", sessions)
        .env("STB_DEVICE", "e2e")
        .env("TZ", "UTC")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run stb")
}

/// Every entry of a zip archive, by name, as bytes.
pub fn unzip(path: &Path) -> Vec<(String, Vec<u8>)> {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    (0..zip.len())
        .map(|k| {
            let mut entry = zip.by_index(k).unwrap();
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut entry, &mut bytes).unwrap();
            (entry.name().unwrap().into_owned(), bytes)
        })
        .collect()
}
