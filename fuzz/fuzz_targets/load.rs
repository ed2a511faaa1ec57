//! Arbitrary bytes, and mutations of the sample sessions, into the session
//! loader: `parse_file` (a single session or a `Collection(`) and
//! `parse_session`.
//!
//! Checks: no panic, no stack overflow, memory within libFuzzer's
//! `-rss_limit_mb`; every error names the file, fits on one line, and a
//! syntax error's line and column point inside the input; whatever loads
//! saves back to text that loads to the same value; the two entry points
//! agree on a plain session. Whatever loads keeps within `model::limits`
//! (every text, name and timer, the format at least 1); a value refused by
//! a limit is named at its own first character.

#![no_main]

use libfuzzer_sys::fuzz_target;
use stb::model::Session;
use stb::model::limits::{MAX_ELAPSED_SECONDS, MAX_NAME_BYTES, MAX_TEXT_BYTES, MAX_TIMEBOX_MINUTES};
use stb::storage::{self, LoadError, SessionFile};
use std::path::Path;

const NAME: &str = "fuzz.ron";

fuzz_target!(|data: &[u8]| {
    // The loader takes text; a file that is not UTF-8 fails in `read_to_string`
    // (the `load_file` target covers that). Here invalid bytes become U+FFFD,
    // so the parser still sees the rest of the mutation.
    match std::str::from_utf8(data) {
        Ok(text) => check(text),
        Err(_) => check(&String::from_utf8_lossy(data)),
    }
});

fn check(text: &str) {
    let path = Path::new(NAME);

    let file = storage::parse_file(text, path);
    match &file {
        Ok(file) => {
            file.sessions().iter().for_each(within_limits);
            let saved = storage::file_to_ron(file);
            match storage::parse_file(&saved, path) {
                Ok(again) => assert!(
                    again == *file,
                    "round trip changed the file\n--- loaded: {file:#?}\n--- reloaded: {again:#?}\n--- saved text:\n{saved}"
                ),
                Err(err) => panic!("saved text does not load: {err}\n--- saved text:\n{saved}"),
            }
        }
        Err(err) => check_error(err, text),
    }

    let single = storage::parse_session(text, path);
    match &single {
        Ok(session) => {
            let saved = storage::to_ron(session);
            match storage::parse_session(&saved, path) {
                Ok(again) => assert!(again == *session, "session round trip changed it\n{saved}"),
                Err(err) => panic!("saved session does not load: {err}\n--- saved text:\n{saved}"),
            }
        }
        Err(err) => check_error(err, text),
    }

    // A plain session reads the same through either entry point.
    match (&file, &single) {
        (Ok(SessionFile::Single(a)), Ok(b)) => {
            assert!(**a == *b, "parse_file and parse_session disagree")
        }
        (Ok(SessionFile::Single(_)), Err(err)) => {
            panic!("parse_file read a single session that parse_session refuses: {err}")
        }
        (Err(err), Ok(_)) => panic!("parse_session read a session that parse_file refuses: {err}"),
        _ => {}
    }
}

/// Everything a loaded session holds is within `model::limits`.
fn within_limits(s: &Session) {
    assert!(s.format >= 1, "format {}", s.format);
    let mut names: Vec<&String> = vec![&s.title, &s.place.locality, &s.facilitator];
    names.extend(&s.note_takers);
    let mut texts = Vec::new();
    for q in &s.questions {
        names.push(&q.title);
        names.extend(&q.prompts);
        texts.push(&q.text);
        assert!(q.timebox_minutes <= MAX_TIMEBOX_MINUTES);
    }
    for t in &s.timeline {
        assert!(t.allotted_minutes <= MAX_TIMEBOX_MINUTES);
        assert!(t.elapsed_seconds <= MAX_ELAPSED_SECONDS);
    }
    for p in &s.participants {
        names.extend([&p.name, &p.organisation]);
    }
    for i in &s.insights {
        texts.push(&i.text);
        names.push(&i.author);
        names.extend(&i.tags);
        for c in &i.comments {
            texts.push(&c.text);
            names.push(&c.author);
        }
    }
    names.extend(s.themes.iter().map(|t| &t.name));
    assert!(names.iter().all(|n| n.len() <= MAX_NAME_BYTES), "a name over the limit");
    assert!(texts.iter().all(|t| t.len() <= MAX_TEXT_BYTES), "a text over the limit");
}

fn check_error(err: &LoadError, text: &str) {
    let shown = err.to_string();
    assert!(
        shown.starts_with(NAME),
        "error does not name the file: {shown}"
    );
    assert!(!shown.contains('\n'), "error spans lines: {shown:?}");
    match err {
        LoadError::Syntax {
            line, col, message, ..
        } => {
            let (line, col) = (*line, *col);
            assert!(line >= 1 && col >= 1, "{line}:{col}: {message}");
            assert!(
                shown.starts_with(&format!("{NAME}:{line}:{col}: ")),
                "position not shown: {shown}"
            );
            // ron counts lines by '\n' and columns in chars from 1; the
            // position may be just past the last character of its line.
            let lines: Vec<&str> = text.split('\n').collect();
            assert!(
                line <= lines.len(),
                "line {line} past the input's {} lines: {message}",
                lines.len()
            );
            let width = lines[line - 1].chars().count();
            assert!(
                col <= width + 1,
                "{line}:{col} past the end of a {width}-char line: {message}"
            );
            // A text or name over its limit is named where it starts.
            if message.contains("longer than stb takes") {
                let first = lines[line - 1].chars().nth(col - 1);
                assert!(matches!(first, Some('"' | 'r')), "{shown}");
            }
        }
        LoadError::TooNew { .. } | LoadError::Invalid { .. } => {}
        LoadError::Io { .. } => panic!("parsing text cannot fail with an I/O error: {shown}"),
    }
}
