use super::*;
use crate::model::{InsightFields, Nation, Place, SessionDetails, Stamp};

fn at(second: i64) -> Timestamp {
    Timestamp::from_second(1_790_000_000 + second).unwrap()
}

fn stamp(device: &str, second: i64) -> Stamp {
    Stamp(at(second), 0, device.into())
}

fn session() -> Session {
    Session::new(
        SessionDetails {
            title: "Room".into(),
            place: Place {
                locality: "Tenby".into(),
                nation: Nation::Wales,
            },
            date: jiff::civil::date(2026, 12, 2),
            facilitator: "Rhian".into(),
            note_takers: vec![],
        },
        stamp("ann", 0),
    )
}

fn said(s: &mut Session, text: &str, device: &str, second: i64) {
    let fields = InsightFields {
        question: 1,
        text: text.into(),
        ..Default::default()
    };
    s.add_insight(fields, &stamp(device, second));
}

fn texts(s: &Session) -> Vec<&str> {
    let mut t: Vec<&str> = s.live_insights().map(|i| i.text.as_str()).collect();
    t.sort_unstable();
    t
}

#[test]
fn joining_shows_every_copy_and_takes_the_lead_if_nobody_has_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut original = session();
    said(&mut original, "from the file", "ann", 1);
    let file = dir.path().join("room.ron");
    storage::save(&file, &original).unwrap();
    let mut bobs = original.clone();
    said(&mut bobs, "from bob", "bob", 2);
    storage::save(&dir.path().join("room@bob.ron"), &bobs).unwrap();
    let mut other = session();
    said(&mut other, "another workshop", "ann", 3);
    storage::save(&dir.path().join("other.ron"), &other).unwrap();

    let joined = join(&file, "ann", false, at(10)).unwrap();
    assert_eq!(joined.own, dir.path().join("room@ann.ron"));
    assert_eq!(texts(&joined.session), ["from bob", "from the file"]);
    assert_eq!(joined.session.lead, "ann");
    // The own copy is made by the first save, not by joining.
    assert!(!joined.own.exists());
    drop(joined);

    // A second laptop follows the lead already named, unless it takes it.
    storage::save(&file, &{
        let mut led = original.clone();
        led.lead = "ann".into();
        led.modified = stamp("ann", 5);
        led
    })
    .unwrap();
    let bob = join(&file, "bob", false, at(11)).unwrap();
    assert_eq!(bob.session.lead, "ann");
    drop(bob);
    let bob = join(&file, "bob", true, at(12)).unwrap();
    assert_eq!(bob.session.lead, "bob");
}

#[test]
fn a_peer_copy_is_read_when_it_changes_and_a_half_written_one_when_complete() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session();
    let own = dir.path().join("room@ann.ron");
    storage::save(&own, &s).unwrap();
    let mut arrivals = Arrivals::new(&own, s.id);
    assert!(arrivals.take([]).session.is_none(), "only my own copy yet");

    said(&mut s, "bob's first", "bob", 1);
    let bobs = dir.path().join("room@bob.ron");
    let text = storage::to_ron(&s);
    std::fs::write(&bobs, &text[..text.len() / 2]).unwrap();
    let news = arrivals.take([bobs.clone()]);
    assert!(news.session.is_none());
    assert_eq!(news.waiting.len(), 1, "the half-written copy waits");

    // Not read again until it changes.
    assert!(arrivals.take([bobs.clone()]).waiting.is_empty());
    std::fs::write(&bobs, &text).unwrap();
    let news = arrivals.take([bobs.clone()]);
    assert_eq!(texts(&news.session.unwrap()), ["bob's first"]);
    assert!(arrivals.take([bobs.clone()]).session.is_none(), "unchanged");
}

#[test]
fn another_sessions_file_and_hostile_files_bring_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let s = session();
    let own = dir.path().join("room@ann.ron");
    let mut arrivals = Arrivals::new(&own, s.id);
    let mut other = session();
    said(&mut other, "elsewhere", "cy", 1);
    let elsewhere = dir.path().join("elsewhere.ron");
    storage::save(&elsewhere, &other).unwrap();
    let mut copy = s.clone();
    said(&mut copy, "secret", "cy", 2);
    let target = dir.path().join("target.txt");
    std::fs::write(&target, storage::to_ron(&copy)).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&target, dir.path().join("room@link.ron")).unwrap();
    let news = arrivals.take([elsewhere, dir.path().join("room@link.ron")]);
    assert!(news.session.is_none());
}

#[test]
fn a_conflict_copy_is_merged_then_removed_once_the_own_copy_holds_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session();
    let own = dir.path().join("room@ann.ron");
    storage::save(&own, &s).unwrap();
    let mut arrivals = Arrivals::new(&own, s.id);
    arrivals.take([]);
    let mut theirs = s.clone();
    said(&mut theirs, "only in the conflict copy", "ann", 3);
    let conflict = dir
        .path()
        .join("room@ann.sync-conflict-20261202-101530-ABCDEFG.ron");
    storage::save(&conflict, &theirs).unwrap();
    let news = arrivals.take([conflict.clone()]);
    let merged = news.session.unwrap();
    assert_eq!(texts(&merged), ["only in the conflict copy"]);
    assert!(
        arrivals.tidy().is_empty(),
        "my saved copy lacks its insight"
    );
    assert!(conflict.exists());
    s = merge::merge_pair(&s, &merged);
    storage::save(&own, &s).unwrap();
    assert_eq!(arrivals.tidy(), std::slice::from_ref(&conflict));
    assert!(!conflict.exists());
    assert!(!arrivals.waiting());
}

#[test]
fn a_peer_journal_is_read_with_its_copy() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session();
    let own = dir.path().join("room@ann.ron");
    let bobs = dir.path().join("room@bob.ron");
    storage::save(&bobs, &s).unwrap();
    let mut arrivals = Arrivals::new(&own, s.id);
    arrivals.take([]);
    let before = s.newest_stamp();
    said(&mut s, "journalled", "bob", 4);
    let (delta, _) = merge::journal::changed_since(&s, &before);
    let line = ron::ser::to_string(&delta).unwrap();
    std::fs::write(storage::journal_path(&bobs), format!("{line}\n")).unwrap();
    let news = arrivals.take([storage::journal_path(&bobs)]);
    assert_eq!(texts(&news.session.unwrap()), ["journalled"]);
}
