//! A save never clobbers: what someone else wrote to the file while stb had
//! it open (a hand edit, a sync tool, another program) is merged in before
//! writing, shown on screen, and a file that no longer parses is never
//! overwritten.

use super::*;
use crate::app::{Effect, SaveState};
use crate::model::{InsightFields, SessionDetails, StampClock};
use crate::runner::tests::config;
use crate::storage::atomic::faulty::{Fault, FaultyDisk};
use crate::storage::{RealDisk, Seen, Step};

fn at(second: i64) -> Timestamp {
    Timestamp::from_second(1_795_000_000 + second).unwrap()
}

fn said(text: &str) -> InsightFields {
    InsightFields {
        question: 1,
        text: text.into(),
        ..Default::default()
    }
}

/// A session saved to a fresh file, and the saver's record of it.
fn saved(dir: &Path) -> (PathBuf, Session, Seen) {
    let mut clock = StampClock::new("facilitator");
    let mut session = Session::new(SessionDetails::default(), clock.stamp_at(at(0)));
    session.add_insight(said("Minibus shared"), &clock.stamp_at(at(1)));
    let path = dir.join("s.ron");
    let mut seen = Seen::default();
    let first = save_checked(&RealDisk, &path, &session, &mut seen, at(1));
    assert!(first.result.is_ok() && first.merged.is_none());
    (path, session, seen)
}

/// Another program adds an insight to the file, stamped on its own device.
fn hand_added(path: &Path, text: &str) -> Session {
    let mut theirs = crate::storage::load(path).unwrap();
    let mut clock = StampClock::new("editor");
    theirs.add_insight(said(text), &clock.stamp_at(at(5)));
    std::fs::write(path, crate::storage::to_ron(&theirs)).unwrap();
    theirs
}

fn texts(session: &Session) -> Vec<&str> {
    session.live_insights().map(|i| i.text.as_str()).collect()
}

#[test]
fn an_insight_added_outside_survives_the_next_save_and_comes_back() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut mine, mut seen) = saved(dir.path());
    hand_added(&path, "Added by hand");
    let mut clock = StampClock::new("facilitator");
    mine.add_insight(said("Typed in stb"), &clock.stamp_at(at(6)));

    let checked = save_checked(&RealDisk, &path, &mine, &mut seen, at(6));

    assert_eq!(checked.result, Ok(at(6)));
    let merged = checked.merged.expect("the outside change is handed back");
    let on_disk = crate::storage::load(&path).unwrap();
    assert_eq!(&on_disk, &merged.sessions()[0]);
    let mut all = texts(&on_disk);
    all.sort_unstable();
    assert_eq!(all, ["Added by hand", "Minibus shared", "Typed in stb"]);

    let again = save_checked(&RealDisk, &path, &on_disk, &mut seen, at(7));
    assert!(
        again.merged.is_none(),
        "stb's own write is not an outside change"
    );
}

#[test]
fn a_field_changed_outside_with_a_newer_stamp_wins() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mine, mut seen) = saved(dir.path());
    let mut theirs = crate::storage::load(&path).unwrap();
    let id = theirs.insights[0].id;
    let fields = InsightFields {
        text: "Minibus shared by three charities".into(),
        ..theirs.insights[0].fields()
    };
    theirs.edit_insight(id, fields, &StampClock::new("editor").stamp_at(at(9)));
    std::fs::write(&path, crate::storage::to_ron(&theirs)).unwrap();

    let checked = save_checked(&RealDisk, &path, &mine, &mut seen, at(10));

    assert!(checked.merged.is_some());
    let on_disk = crate::storage::load(&path).unwrap();
    assert_eq!(texts(&on_disk), ["Minibus shared by three charities"]);
}

#[test]
fn a_text_fixed_in_an_editor_without_its_stamp_wins_and_is_marked_a_hand_edit() {
    // "Minibus shared" → "MINIBUS SHARED" would lose to sort order on equal
    // stamps; an edit made without touching the stamp is still an edit.
    for fixed in ["MINIBUS SHARED", "Minibus shared by three charities"] {
        let dir = tempfile::tempdir().unwrap();
        let (path, mine, mut seen) = saved(dir.path());
        let text = std::fs::read_to_string(&path).unwrap();
        let edited = text.replace("\"Minibus shared\"", &format!("{fixed:?}"));
        assert_ne!(edited, text);
        std::fs::write(&path, edited).unwrap();

        let checked = save_checked(&RealDisk, &path, &mine, &mut seen, at(10));

        assert!(checked.merged.is_some());
        let on_disk = crate::storage::load(&path).unwrap();
        assert_eq!(texts(&on_disk), [fixed]);
        let stamp = &on_disk.insights[0].modified.text;
        assert_eq!(stamp.device(), crate::merge::hand_edits::HAND_EDIT);
        assert_eq!(
            on_disk.insights[0].modified.starred,
            mine.insights[0].modified.starred
        );
    }
}

#[test]
fn a_file_that_no_longer_parses_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mine, mut seen) = saved(dir.path());
    let broken = std::fs::read_to_string(&path)
        .unwrap()
        .replacen("insights", "insigh ts", 1);
    std::fs::write(&path, &broken).unwrap();

    let checked = save_checked(&RealDisk, &path, &mine, &mut seen, at(10));

    let error = checked.result.unwrap_err();
    let place = "changed outside stb, not overwritten: s.ron:";
    assert!(error.starts_with(place), "{error}");
    let line_col = &error[place.len()..];
    assert!(
        line_col
            .split(':')
            .take(2)
            .all(|n| n.parse::<usize>().is_ok()),
        "file:line:col: {error}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), broken);
}

#[test]
fn a_failing_disk_keeps_the_outside_change_and_the_retry_still_merges_it() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mine, mut seen) = saved(dir.path());
    let theirs = hand_added(&path, "Added by hand");
    let disk = FaultyDisk::failing(Step::Write, Fault::NoSpace);

    let failed = save_checked(&disk, &path, &mine, &mut seen, at(6));
    assert!(failed.result.is_err());
    assert_eq!(crate::storage::load(&path).unwrap(), theirs);

    disk.clear();
    let retried = save_checked(&disk, &path, &mine, &mut seen, at(7));
    assert!(retried.result.is_ok() && retried.merged.is_some());
    let on_disk = crate::storage::load(&path).unwrap();
    assert!(texts(&on_disk).contains(&"Added by hand"));
}

#[test]
fn the_screen_shows_what_was_merged_and_keeps_what_was_typed_meanwhile() {
    let dir = tempfile::tempdir().unwrap();
    let (path, session, mut seen) = saved(dir.path());
    let mut app = App::new(config(dir.path()), at(2));
    app.update(Action::Opened(Box::new((path.clone(), session))), at(2));
    hand_added(&path, "Added by hand");
    // The snapshot the saver writes, then a line typed while it is written.
    let snapshot = app.workshop().unwrap().session.clone();
    let edits = app.workshop().unwrap().edits();
    let checked = save_checked(&RealDisk, &path, &snapshot, &mut seen, at(6));
    for c in "Said meanwhile".chars() {
        let key =
            ratatui::crossterm::event::KeyEvent::from(ratatui::crossterm::event::KeyCode::Char(c));
        app.update(Action::Input(key), at(7));
    }
    app.update(Action::Submit, at(7));

    app.update(checked.merged_action(&path).unwrap(), at(8));
    let effects = app.update(
        Action::SavedUpTo(path.clone(), edits, checked.result),
        at(8),
    );

    let w = app.workshop().unwrap();
    let mut all = texts(&w.session);
    all.sort_unstable();
    assert_eq!(all, ["Added by hand", "Minibus shared", "Said meanwhile"]);
    assert!(
        app.message
            .as_deref()
            .is_some_and(|m| m.contains("outside stb were merged")),
        "{:?}",
        app.message
    );
    assert_eq!(
        effects,
        vec![Effect::Save],
        "the line typed meanwhile is saved next"
    );
    assert!(matches!(app.save, SaveState::Saved(_)));
}
