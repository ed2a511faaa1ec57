//! The kept summaries stand in for full reads only while a file is
//! unchanged, and a crafted summaries file can neither break a listing nor
//! show more than a crafted session could.

use super::*;
use crate::storage::{list_in_order, list_names, list_sessions, save, tests::sample};
use std::fs::File;

/// `stb list`'s rows, as it lists them.
fn listed_in_order(dir: &Path) -> Vec<Listed> {
    let mut rows = Vec::new();
    list_in_order(dir, |row| rows.push(row.clone()));
    rows
}

fn titles(rows: &[Listed]) -> Vec<String> {
    rows.iter()
        .map(|r| match r.summary() {
            Some(Ok(s)) => s.title.clone(),
            Some(Err(_)) => "unreadable".into(),
            None => "not read".into(),
        })
        .collect()
}

/// Rewrites `path` with a title of the same length, leaving its size and
/// modification time as they were: only a kept summary still says "Old".
fn same_size_same_time(path: &Path, from: &str, to: &str) {
    assert_eq!(from.len(), to.len());
    let modified = std::fs::metadata(path).unwrap().modified().unwrap();
    let text = std::fs::read_to_string(path).unwrap().replacen(from, to, 1);
    std::fs::write(path, text).unwrap();
    File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(modified)
        .unwrap();
}

#[test]
fn a_listing_keeps_what_it_read_and_the_next_uses_it_until_the_file_changes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.ron");
    let mut session = sample();
    session.title = "Old title".into();
    save(&path, &session).unwrap();
    assert_eq!(titles(&listed_in_order(dir.path())), ["Old title"]);
    let kept = dir.path().join(SUMMARIES_FILE);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&kept).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "owner only");
    }
    same_size_same_time(&path, "Old title", "New title");
    assert_eq!(titles(&listed_in_order(dir.path())), ["Old title"], "kept");
    assert_eq!(
        titles(&list_sessions(dir.path())),
        ["New title"],
        "the truth"
    );
    // Saved again: a new modification time, so it is read again.
    session.title = "New title".into();
    save(&path, &session).unwrap();
    assert_eq!(titles(&listed_in_order(dir.path())), ["New title"]);
}

#[test]
fn crafted_summaries_are_ignored_or_shown_no_further_than_a_session() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.ron");
    save(&path, &sample()).unwrap();
    let kept = dir.path().join(SUMMARIES_FILE);
    let row = list_names(dir.path()).remove(0);
    let modified = since_epoch(row.version.modified()).unwrap();
    let entry = |title: &str| {
        format!(
            "(format: 1, files: [(name: \"a.ron\", size: {}, modified: ({}, {}), \
             summary: (title: {title:?}, place: \"P\", date: \"2026-01-01\", insights: 9, sessions: 1))])",
            row.version.size(),
            modified.0,
            modified.1
        )
    };
    let fill = || {
        let mut rows = list_names(dir.path());
        Summaries::load(dir.path()).fill(&mut rows);
        titles(&rows)
    };
    // A well-formed entry is used, even if it lies: it only shows.
    std::fs::write(&kept, entry("Forged")).unwrap();
    assert_eq!(fill(), ["Forged"]);
    // Escape sequences stay inert on the way out, as a session's title would.
    std::fs::write(&kept, entry("\u{1b}[2J\u{202e}")).unwrap();
    assert_eq!(fill(), ["\u{1b}[2J\u{202e}"]);
    let mut lines = Vec::new();
    list_in_order(dir.path(), |row| {
        if let Some(Ok(s)) = row.summary() {
            lines.push(crate::inert::visible(&s.title).into_owned());
        }
    });
    assert!(!lines[0].contains('\u{1b}') && !lines[0].contains('\u{202e}'));
    // Over a session's limits: dropped, and the file is read instead.
    std::fs::write(&kept, entry(&"x".repeat(MAX_NAME_BYTES + 1))).unwrap();
    assert_eq!(fill(), ["not read"]);
    // Junk, another format, a huge file: ignored whole.
    for junk in [
        b"\x00\xff garbage".to_vec(),
        entry("A").replace("format: 1", "format: 9").into_bytes(),
        entry("A").replace("a.ron", "../a.ron").into_bytes(),
    ] {
        std::fs::write(&kept, junk).unwrap();
        assert_eq!(fill(), ["not read"]);
    }
    let huge = File::create(&kept).unwrap();
    huge.set_len(MAX_BYTES + 1).unwrap();
    assert_eq!(fill(), ["not read"]);
    // Whatever it held, the listing is right, and it is written over.
    assert_eq!(titles(&listed_in_order(dir.path())), [sample().title]);
    assert_eq!(fill(), [sample().title]);
}

#[test]
fn files_that_do_not_open_are_not_kept_but_read_each_time() {
    let dir = tempfile::tempdir().unwrap();
    save(&dir.path().join("a.ron"), &sample()).unwrap();
    std::fs::write(dir.path().join("bad.ron"), "(format: 2,").unwrap();
    assert_eq!(
        titles(&listed_in_order(dir.path())),
        [sample().title, "unreadable".into()]
    );
    let mut rows = list_names(dir.path());
    Summaries::load(dir.path()).fill(&mut rows);
    let known: Vec<_> = rows.iter().map(Listed::is_read).collect();
    let good = rows.iter().position(|r| r.path.ends_with("a.ron")).unwrap();
    assert_eq!(known.iter().filter(|k| **k).count(), 1);
    assert!(known[good], "the good file is kept, the bad one is not");
}

#[cfg(unix)]
#[test]
fn summaries_reached_through_a_link_are_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let other = tempfile::tempdir().unwrap();
    save(&dir.path().join("a.ron"), &sample()).unwrap();
    listed_in_order(dir.path());
    let kept = dir.path().join(SUMMARIES_FILE);
    std::fs::rename(&kept, other.path().join("elsewhere")).unwrap();
    std::os::unix::fs::symlink(other.path().join("elsewhere"), &kept).unwrap();
    let mut rows = list_names(dir.path());
    assert_eq!(Summaries::load(dir.path()).fill(&mut rows), 0);
}

#[test]
fn a_deleted_session_leaves_nothing_in_the_summaries() {
    let dir = tempfile::tempdir().unwrap();
    let mut gone = sample();
    gone.title = "Deleted workshop".into();
    save(&dir.path().join("gone.ron"), &gone).unwrap();
    save(&dir.path().join("kept.ron"), &sample()).unwrap();
    listed_in_order(dir.path());
    let kept = dir.path().join(SUMMARIES_FILE);
    assert!(
        std::fs::read_to_string(&kept)
            .unwrap()
            .contains("Deleted workshop")
    );
    std::fs::remove_file(dir.path().join("gone.ron")).unwrap();
    // Nothing left to read, but the summaries are written again without it.
    listed_in_order(dir.path());
    assert!(
        !std::fs::read_to_string(&kept)
            .unwrap()
            .contains("Deleted workshop")
    );
}
