use super::*;
use crate::model::{Comment, InsightFields, Session, SessionDetails, StampClock, Theme};
use jiff::Timestamp;

fn at(second: i64) -> Timestamp {
    Timestamp::from_second(1_795_000_000 + second).unwrap()
}

fn session() -> Session {
    let mut clock = StampClock::new("capture");
    let t = clock.stamp_at(at(0));
    let mut s = Session::new(SessionDetails::default(), t.clone());
    s.add_insight(
        InsightFields {
            question: 1,
            text: "Hwb bwyd".into(),
            ..Default::default()
        },
        &t,
    );
    s
}

fn stamp(second: i64, device: &str) -> Stamp {
    Stamp(at(second), 0, device.into())
}

#[test]
fn the_newest_stamp_covers_themes_members_and_comments() {
    let base = session();
    let id = base.insights[0].id;
    let mut themed = base.clone();
    themed
        .themes
        .push(Theme::create("Food", &stamp(100, "theme")));
    assert_eq!(themed.newest_stamp(), stamp(100, "theme"));
    themed.themes[0].set_member(id, true, &stamp(200, "member"));
    assert_eq!(themed.newest_stamp(), stamp(200, "member"));

    let mut commented = base.clone();
    let comment = Comment::new("Ask PAVS".into(), &stamp(300, "notes"));
    commented.insights[0].comments.push(comment);
    assert_eq!(commented.newest_stamp().time(), at(300));
    commented.insights[0].comments[0].set_deleted(true, &stamp(400, "undo"));
    assert_eq!(commented.newest_stamp(), stamp(400, "undo"));
}

#[test]
fn owning_takes_the_lock_and_reads_the_file_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    let fresh = own(&path).unwrap();
    assert!(fresh.file.is_none() && fresh.seen.is_none());
    drop(fresh);
    let deeper = dir.path().join("new/folder/out.ron");
    own(&deeper).unwrap().release();
    let lock_file = crate::storage::lock_path(&deeper);
    assert!(deeper.parent().unwrap().is_dir() && !lock_file.exists());

    let mut s = session();
    s.themes.push(Theme::create("Food", &stamp(900, "ahead")));
    crate::storage::save(&path, &s).unwrap();
    let owned = own(&path).unwrap();
    assert_eq!(owned.newest_stamp(), stamp(900, "ahead"));
    assert!(owned.seen.is_some());
    let err = own(&path).unwrap_err().to_string();
    assert!(err.contains("open in another stb"), "{err}");
}

#[test]
fn a_change_is_seen_and_a_touch_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    std::fs::write(&path, "one").unwrap();
    let seen = fingerprint(&path, b"one");
    assert!(matches!(on_disk(&path, seen.as_ref()), OnDisk::Unchanged));
    let file = std::fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(5))
        .unwrap();
    assert!(matches!(on_disk(&path, seen.as_ref()), OnDisk::Unchanged));
    std::fs::write(&path, "two").unwrap();
    assert!(matches!(on_disk(&path, seen.as_ref()), OnDisk::Changed(t) if t == "two"));
    std::fs::remove_file(&path).unwrap();
    assert!(matches!(on_disk(&path, seen.as_ref()), OnDisk::Unchanged));
}
