//! The follower gives what `load_with_journal` gives, reading only the
//! journal's new lines while the file stays the same.

use super::*;
use crate::merge::journal::changed_since;
use crate::model::{InsightFields, StampClock};
use std::io::Write;

fn add(session: &mut Session, text: &str) {
    let mut clock = StampClock::new("laptop");
    clock.observe(&session.newest_stamp());
    let stamp = clock.stamp_at(jiff::Timestamp::now());
    let fields = InsightFields {
        question: 1,
        text: text.into(),
        ..Default::default()
    };
    session.add_insight(fields, &stamp);
}

/// Appends what changed from `before` to `after` as a journal line, as the
/// facilitator's save does.
fn journal(path: &Path, before: &Session, after: &Session) {
    let (delta, _) = changed_since(after, &before.newest_stamp());
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(storage::journal_path(path))
        .unwrap();
    writeln!(file, "{}", ron::ser::to_string(&delta).unwrap()).unwrap();
}

fn texts(session: &Session) -> Vec<&str> {
    session.live_insights().map(|i| i.text.as_str()).collect()
}

#[test]
fn new_journal_lines_are_read_without_parsing_the_file_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    let mut session = crate::generate::session(crate::generate::Spec {
        insights: 3,
        seed: 1,
    });
    storage::save(&path, &session).unwrap();
    let mut follower = Follower::new(&path);
    assert_eq!(*follower.read().unwrap(), session);

    // The file's bytes spoiled in place, its size and mtime kept: only a
    // follower that parses it again would notice.
    let written = std::fs::metadata(&path).unwrap().modified().unwrap();
    let len = std::fs::metadata(&path).unwrap().len() as usize;
    std::fs::write(&path, "x".repeat(len)).unwrap();
    let file = std::fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(written).unwrap();

    let before = session.clone();
    add(&mut session, "Typed after the file was written");
    journal(&path, &before, &session);
    let read = follower.read().unwrap();
    assert_eq!(*read, session);
    assert!(texts(&read).contains(&"Typed after the file was written"));
}

#[test]
fn it_gives_what_load_with_journal_gives_line_after_line_and_after_a_fold() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    let mut session = crate::generate::session(crate::generate::Spec {
        insights: 5,
        seed: 2,
    });
    storage::save(&path, &session).unwrap();
    let mut follower = Follower::new(&path);
    for n in 0..4 {
        let before = session.clone();
        add(&mut session, &format!("Line {n}"));
        journal(&path, &before, &session);
        // A torn line at the end is not taken until it is whole.
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .open(storage::journal_path(&path))
            .unwrap();
        write!(file, "(torn").unwrap();
        assert_eq!(
            *follower.read().unwrap(),
            storage::load_with_journal(&path).unwrap()
        );
        let journal_path = storage::journal_path(&path);
        let text = std::fs::read_to_string(&journal_path).unwrap();
        std::fs::write(&journal_path, text.trim_end_matches("(torn")).unwrap();
    }
    assert_eq!(texts(&follower.read().unwrap()).len(), 9);
    // Folded: the file rewritten with everything, the journal removed.
    add(&mut session, "After the fold");
    storage::save(&path, &session).unwrap();
    storage::remove_journal(&path);
    assert_eq!(*follower.read().unwrap(), session);
}

#[test]
fn a_file_replaced_or_gone_is_read_again_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    let mut session = crate::generate::session(crate::generate::Spec {
        insights: 2,
        seed: 3,
    });
    storage::save(&path, &session).unwrap();
    let mut follower = Follower::new(&path);
    follower.read().unwrap();
    add(&mut session, "From a sync tool");
    storage::save(&path, &session).unwrap();
    assert_eq!(*follower.read().unwrap(), session);
    std::fs::remove_file(&path).unwrap();
    assert!(matches!(follower.read(), Err(LoadError::Io { .. })));
    storage::save(&path, &session).unwrap();
    assert_eq!(*follower.read().unwrap(), session);
}
