//! Every writer on one file at once, for a while: an open stb being typed
//! into, a person rewriting fields in an editor (some stamped, some not),
//! `stb erase` and `stb merge --force` from a copy. At the end, every line
//! the screen showed as saved and every edit stb acknowledged (showed as
//! merged in) is in the file, and the commands that would have written
//! blind were refused, leaving it alone.
//!
//! CI runs it for `STB_OWNERSHIP_SOAK_SECONDS` (default 12); set it higher
//! for a long soak.

use super::pty::{Stb, run};
use super::{capture, load, only_session_file, quit, start_new};
use stb::model::{InsightFields, ParticipantFields, StampClock};
use std::path::Path;
use std::time::{Duration, Instant};

/// What the editor does to the file this round.
enum Edit {
    /// A new insight, stamped on the editor's own device.
    Add,
    /// An insight's text rewritten in place, its stamp left as it was, to
    /// a value that sorts before the old one.
    Unstamped,
}

fn seconds() -> u64 {
    std::env::var("STB_OWNERSHIP_SOAK_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(12)
}

fn saved(stb: &Stb) {
    stb.wait_until("the screen to say saved", |s| {
        s.status_line().trim_start().starts_with("saved ")
    });
}

/// Writes what an editor would: the whole file, with one change.
fn edit_by_hand(path: &Path, edit: &Edit, round: usize) -> String {
    let mut theirs = load(path);
    match edit {
        Edit::Add => {
            let text = format!("Editor added E{round}");
            let mut editor = StampClock::new("editor");
            editor.observe(&theirs.newest_stamp());
            let fields = InsightFields {
                question: 1,
                text: text.clone(),
                ..Default::default()
            };
            theirs.add_insight(fields, &editor.stamp_at(jiff::Timestamp::now()));
            std::fs::write(path, stb::storage::to_ron(&theirs)).unwrap();
            text
        }
        Edit::Unstamped => {
            // The line typed a round ago: the file is written whole when it
            // changes outside stb, and the last round's edit made it so
            // (the line just typed may still be in the journal).
            let typed = format!("Typed L{}", round - 1);
            let target = theirs
                .insights
                .iter_mut()
                .find(|i| !i.deleted && i.text == typed)
                .expect("the line just typed, to fix");
            // Upper case sorts first: on a tie of stamps it used to lose.
            let text = format!("{} (FIXED H{round})", typed.to_uppercase());
            target.text = text.clone();
            std::fs::write(path, stb::storage::to_ron(&theirs)).unwrap();
            text
        }
    }
}

#[test]
fn every_writer_at_once_loses_nothing_shown_or_acknowledged() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let mut stb = start_new(&dir);
    capture(&mut stb, "Typed L0", "Typed L0");
    saved(&stb);
    let path = only_session_file(&dir);
    // A roster entry for erase to aim at, and a copy for merge to use.
    let mut roster = load(&path);
    let mut clock = StampClock::new("editor");
    clock.observe(&roster.newest_stamp());
    let person = ParticipantFields {
        name: "Mair Thomas".into(),
        ..Default::default()
    };
    roster.add_participant(person, &clock.stamp_at(jiff::Timestamp::now()));
    std::fs::write(&path, stb::storage::to_ron(&roster)).unwrap();
    capture(&mut stb, "Typed after the roster", "Typed after the roster");
    stb.wait_for("outside stb were merged");
    saved(&stb);
    let copy = tmp.path().join("copy.ron");
    std::fs::copy(&path, &copy).unwrap();

    let mut shown_saved = vec!["Typed L0".to_owned(), "Typed after the roster".to_owned()];
    let mut acknowledged: Vec<String> = Vec::new();
    let mut refused = 0;
    let until = Instant::now() + Duration::from_secs(seconds());
    let file = path.to_str().unwrap().to_owned();
    let mut round = 0;
    while Instant::now() < until {
        round += 1;
        let line = format!("Typed L{round}");
        capture(&mut stb, &line, &line);
        saved(&stb);
        shown_saved.push(line);
        let edit = if round % 2 == 0 {
            Edit::Add
        } else {
            Edit::Unstamped
        };
        let wanted = edit_by_hand(&path, &edit, round);
        // The next save merges it in; the screen then shows it.
        let poke = format!("Typed P{round}");
        capture(&mut stb, &poke, &poke);
        stb.wait_for(&wanted);
        saved(&stb);
        shown_saved.push(poke);
        acknowledged.push(wanted);
        if round % 3 == 0 {
            let erase = run(&dir, &["erase", "--participant", "Mair Thomas", &file]);
            let merge = run(
                &dir,
                &[
                    "merge",
                    copy.to_str().unwrap(),
                    &file,
                    "-o",
                    &file,
                    "--force",
                ],
            );
            for (code, _, err) in [erase, merge] {
                assert_ne!(code, Some(0), "a blind writer was let in: {err}");
                assert!(err.contains("open in another stb"), "{err}");
                refused += 1;
            }
        }
    }
    quit(&mut stb);
    let session = load(&path);
    let texts: Vec<&str> = session.live_insights().map(|i| i.text.as_str()).collect();
    for line in &shown_saved {
        // A line the editor fixed later is there as fixed (in capitals).
        assert!(
            texts
                .iter()
                .any(|t| t.to_lowercase().starts_with(&line.to_lowercase())),
            "{line:?} was shown as saved and is gone: {texts:?}"
        );
    }
    for edit in &acknowledged {
        assert!(
            texts.contains(&edit.as_str()),
            "{edit:?} was merged on screen and is gone: {texts:?}"
        );
    }
    assert!(
        session.live_participants().any(|p| p.name == "Mair Thomas"),
        "the refused erase changed nothing"
    );
    eprintln!(
        "ownership soak: {round} rounds, {} lines shown as saved, {} hand edits acknowledged, {refused} blind writes refused; all kept",
        shown_saved.len(),
        acknowledged.len()
    );
    assert!(round >= 2, "too short to mean anything");
}
