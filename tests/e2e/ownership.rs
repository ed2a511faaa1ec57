//! Who owns a session file: one stb at a time, and every other writer
//! (erase, merge, a second stb) is refused while it is open; what someone
//! writes to the file by hand meanwhile is merged in, never clobbered.

use super::pty::{Stb, run, run_in_terminal};
use super::{capture, load, load_acknowledged, only_session_file, quit, start_new};
use stb::model::{InsightFields, StampClock};
use std::path::Path;

/// `stb new`, one line captured and saved: the open app and its file.
fn open_with_a_line(dir: &Path) -> (Stb, std::path::PathBuf) {
    let mut stb = start_new(dir);
    capture(&mut stb, "Minibus shared", "Minibus shared");
    stb.wait_until("the line saved", |s| {
        s.status_line().trim_start().starts_with("saved ")
    });
    let path = only_session_file(dir);
    (stb, path)
}

/// A command run without a terminal, as (exit code, stderr).
fn stderr_of((code, _, stderr): (Option<i32>, String, String)) -> (Option<i32>, String) {
    (code, stderr)
}

/// `open` needs a terminal, so it is run in one; the others without.
fn refused_naming_the_holder((code, printed): (Option<i32>, String)) {
    assert_ne!(code, Some(0), "{printed}");
    assert!(
        printed.contains("open in another stb (process"),
        "{printed}"
    );
}

/// Regression: with the lock file deleted, a second stb opened the session
/// and the two saved over each other, losing a line shown as saved.
#[test]
fn a_deleted_lock_is_taken_again_and_a_second_stb_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let (mut stb, path) = open_with_a_line(&dir);
    std::fs::remove_file(stb::storage::lock_path(&path)).unwrap();
    // The loop checks its lock about once a second.
    stb.wait_until("the lock file made again", |_| {
        stb::storage::lock_path(&path).exists()
    });
    std::thread::sleep(std::time::Duration::from_millis(200));
    let file = path.to_str().unwrap();
    refused_naming_the_holder(run_in_terminal(&dir, &["open", file]));

    capture(&mut stb, "Second line", "Second line");
    quit(&mut stb);
    let texts: Vec<_> = load(&path)
        .live_insights()
        .map(|i| i.text.clone())
        .collect();
    assert_eq!(texts, ["Minibus shared", "Second line"]);
}

#[test]
fn a_vanished_sessions_folder_is_made_again_with_its_lock() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let (mut stb, path) = open_with_a_line(&dir);
    std::fs::remove_dir_all(&dir).unwrap();
    capture(&mut stb, "After the folder went", "After the folder went");
    stb.wait_until("the session saved again", |_| path.exists());
    stb.wait_until("the lock taken again", |_| {
        stb::storage::lock_path(&path).exists()
    });
    std::thread::sleep(std::time::Duration::from_millis(200));
    refused_naming_the_holder(run_in_terminal(&dir, &["open", path.to_str().unwrap()]));
    quit(&mut stb);
    let session = load(&path);
    assert!(session.live_insights().any(|i| i.text == "Minibus shared"));
    assert!(
        session
            .live_insights()
            .any(|i| i.text == "After the folder went")
    );
}

/// Regression: `stb erase` said "erased" on an open session, and the open
/// app's next autosave put the participant back; `merge -o OPEN --force`
/// was likewise undone.
#[test]
fn erase_and_a_forced_merge_over_an_open_session_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let (mut stb, path) = open_with_a_line(&dir);
    let file = path.to_str().unwrap();
    let before = std::fs::read(&path).unwrap();
    let copy = tmp.path().join("copy.ron");
    std::fs::copy(&path, &copy).unwrap();

    refused_naming_the_holder(stderr_of(run(
        &dir,
        &["erase", "--participant", "Mair Thomas", file],
    )));
    let merge = ["merge", copy.to_str().unwrap(), "-o", file, "--force"];
    refused_naming_the_holder(stderr_of(run(&dir, &merge)));

    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing written");
    quit(&mut stb);
    assert!(!stb::storage::lock_path(&copy).exists());
}

/// Regression: a line added to the file by another program while stb had it
/// open was lost at the next autosave.
#[test]
fn a_hand_edit_survives_the_next_autosave_and_shows_on_screen() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let (mut stb, path) = open_with_a_line(&dir);
    // The editor starts from everything stb has saved (the file and, until
    // the next fold, its journal).
    let mut theirs = load_acknowledged(&path);
    let mut editor = StampClock::new("editor");
    let stamp = editor.stamp_at(jiff::Timestamp::now());
    theirs.add_insight(
        InsightFields {
            question: 1,
            text: "Added in an editor".into(),
            ..Default::default()
        },
        &stamp,
    );
    let first = theirs.insights.iter().find(|i| i.text == "Minibus shared");
    let (id, fields) = (first.unwrap().id, first.unwrap().fields());
    let fields = InsightFields {
        text: "Minibus shared by three charities".into(),
        ..fields
    };
    theirs.edit_insight(id, fields, &editor.stamp_at(jiff::Timestamp::now()));
    std::fs::write(&path, stb::storage::to_ron(&theirs)).unwrap();

    capture(&mut stb, "Typed after the edit", "Typed after the edit");
    stb.wait_for("Added in an editor");
    stb.wait_for("Minibus shared by three charities");
    stb.wait_for("outside stb were merged");
    quit(&mut stb);

    let mut texts: Vec<_> = load(&path)
        .live_insights()
        .map(|i| i.text.clone())
        .collect();
    texts.sort();
    assert_eq!(
        texts,
        [
            "Added in an editor",
            "Minibus shared by three charities",
            "Typed after the edit"
        ]
    );
}

/// A file broken by hand while open is never overwritten: NOT SAVED with
/// where it is broken, the data kept in memory until it is fixed.
#[test]
fn a_file_broken_by_hand_is_not_overwritten_until_it_is_fixed() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let (mut stb, path) = open_with_a_line(&dir);
    let good = std::fs::read_to_string(&path).unwrap();
    let broken = good.replacen("insights", "insigh ts", 1);
    std::fs::write(&path, &broken).unwrap();

    capture(&mut stb, "Kept in memory", "Kept in memory");
    stb.wait_status("NOT SAVED");
    assert!(
        stb.status_line().contains("not overwritten"),
        "{}",
        stb.status_line()
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), broken);

    std::fs::write(&path, &good).unwrap();
    stb.wait_until("the retried save to succeed", |s| {
        s.status_line().trim_start().starts_with("saved ")
    });
    quit(&mut stb);
    assert!(
        load(&path)
            .live_insights()
            .any(|i| i.text == "Kept in memory")
    );
}

/// Regression: the review screen never taught its clock the file's stamps,
/// so a star made there lost a later merge with the copy of a laptop whose
/// clock ran a year ahead.
#[test]
fn a_star_made_in_review_wins_over_a_laptop_a_year_ahead() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    std::fs::create_dir_all(&dir).unwrap();
    let mut fast = StampClock::new("fast-laptop");
    let next_year = jiff::Timestamp::now() + jiff::SignedDuration::from_hours(366 * 24);
    let mut ahead = stb::model::Session::new(Default::default(), fast.stamp_at(next_year));
    let fields = InsightFields {
        question: 1,
        text: "Food bank rota".into(),
        ..Default::default()
    };
    let id = ahead.add_insight(fields.clone(), &fast.stamp_at(next_year));
    for starred in [true, false] {
        let edit = InsightFields {
            starred,
            ..fields.clone()
        };
        ahead.edit_insight(id, edit, &fast.stamp_at(next_year));
    }
    let laptop = tmp.path().join("laptop.ron");
    let reviewed = dir.join("reviewed.ron");
    for path in [&laptop, &reviewed] {
        stb::storage::save(path, &ahead).unwrap();
    }

    let mut stb = Stb::spawn(&dir, &["review", reviewed.to_str().unwrap()]);
    stb.wait_for("Food bank rota");
    stb.send("s");
    stb.wait_until("the star saved", |_| load(&reviewed).insights[0].starred);
    quit(&mut stb);

    let out = tmp.path().join("merged.ron");
    let merge = [
        "merge",
        reviewed.to_str().unwrap(),
        laptop.to_str().unwrap(),
    ];
    let (code, _, stderr) = run(&dir, &[&merge[..], &["-o", out.to_str().unwrap()]].concat());
    assert_eq!(code, Some(0), "{stderr}");
    assert!(load(&out).insights[0].starred, "the review's star survives");
}

/// The lock deleted and taken by another writer before stb noticed: stb
/// writes nothing over the file while the other holds it, says so, keeps
/// the line in memory, and once the lock is free merges what the other
/// wrote and saves.
#[test]
fn a_lock_taken_by_another_writer_stops_saves_until_it_is_free_then_merges() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let (mut stb, path) = open_with_a_line(&dir);
    std::fs::remove_file(stb::storage::lock_path(&path)).unwrap();
    let other = stb::storage::lock(&path).unwrap();
    let mut theirs = load(&path);
    let stamp = StampClock::new("other").stamp_at(jiff::Timestamp::now());
    let fields = InsightFields {
        question: 1,
        text: "Written by the other".into(),
        ..Default::default()
    };
    theirs.add_insight(fields, &stamp);
    let written = stb::storage::to_ron(&theirs);
    std::fs::write(&path, &written).unwrap();

    capture(&mut stb, "Kept while refused", "Kept while refused");
    stb.wait_status("another stb took");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), written);

    drop(other);
    stb.wait_until("the retried save to succeed", |s| {
        s.status_line().trim_start().starts_with("saved ")
    });
    stb.wait_for("Written by the other");
    quit(&mut stb);
    let session = load(&path);
    for text in [
        "Minibus shared",
        "Written by the other",
        "Kept while refused",
    ] {
        assert!(session.live_insights().any(|i| i.text == text), "{text}");
    }
}

/// Leaving the review screen hands its files back: another stb may open
/// them while this one sits on Home.
#[test]
fn leaving_the_review_frees_its_files_for_another_writer() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let (mut stb, path) = open_with_a_line(&dir);
    quit(&mut stb);
    let mut stb = Stb::spawn(&dir, &[]);
    stb.wait_for("Sessions (1)");
    stb.send("v");
    stb.wait_for("1 file · 1 session");
    let file = path.to_str().unwrap();
    refused_naming_the_holder(stderr_of(run(
        &dir,
        &["erase", "--participant", "Nobody", file],
    )));
    stb.send("q");
    stb.wait_for("Sessions (1)");
    let (code, _, err) = run(&dir, &["erase", "--participant", "Nobody", file]);
    assert!(
        !err.contains("open in another stb"),
        "still held after leaving the review: {err} ({code:?})"
    );
    quit(&mut stb);
}
