//! Capture that survives a facilitator typing blind: the reproduction from
//! the Glasgow workshop (a reflexive second Tab, an Esc, then typing on),
//! and undo from the participants panel and from the review screen, each in
//! the real binary, read back from the file.

use super::pty::{Stb, key};
use super::{EMPTY_CAPTURE, capture, load, quit};
use stb::model::{InsightFields, ParticipantFields, Place, Session, SessionDetails, StampClock};
use std::path::{Path, PathBuf};

const CTRL_L: &str = "\x0c";
const CTRL_Y: &str = "\x19";
const CTRL_Z: &str = "\x1a";

const SAID: [&str; 4] = [
    "Paperwork came back within a week",
    "The council phoned every shielding resident",
    "Mutual aid groups shared one spreadsheet",
    "Churches lent their halls for free",
];

/// A Glasgow session on question 1 with a roster and four insights.
fn glasgow(dir: &Path) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let mut clock = StampClock::new("facilitator");
    let stamp = clock.stamp_at(jiff::Timestamp::now());
    let details = SessionDetails {
        title: "Glasgow".into(),
        place: Place {
            locality: "Glasgow".into(),
            nation: stb::model::Nation::Scotland,
        },
        facilitator: "Morag".into(),
        ..Default::default()
    };
    let mut session = Session::new(details, stamp.clone());
    for name in ["Bryn Davies", "Mair Thomas", "Ann Jones"] {
        let fields = ParticipantFields {
            name: name.into(),
            ..Default::default()
        };
        session.add_participant(fields, &stamp);
    }
    for text in SAID {
        let fields = InsightFields {
            question: 1,
            text: text.into(),
            ..Default::default()
        };
        session.add_insight(fields, &stamp);
    }
    let path = dir.join("glasgow.ron");
    stb::storage::save(&path, &session).unwrap();
    path
}

fn open(dir: &Path, file: &Path) -> Stb {
    let stb = Stb::spawn(dir, &["open", file.to_str().unwrap()]);
    stb.wait_for("Question 1 of 4");
    stb.wait_for(SAID[3]);
    stb
}

/// The saved insights of the session, untouched: same texts, none
/// deleted, starred or moved.
fn assert_untouched(session: &Session) {
    for text in SAID {
        let insight = session
            .insights
            .iter()
            .find(|i| i.text == text)
            .unwrap_or_else(|| panic!("{text:?} is gone: {:#?}", session.insights));
        assert!(!insight.deleted && !insight.starred && insight.question == 1);
    }
}

#[test]
fn a_reflexive_tab_and_esc_never_turn_typing_into_commands() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let file = glasgow(&dir);
    let mut stb = open(&dir, &file);
    stb.send("Bread runs @Br");
    stb.send(key::TAB);
    stb.wait_for("Bread runs @Bryn_Davies");
    // Nothing left to complete: the second Tab must do nothing harmful.
    stb.send(key::TAB);
    stb.send(" #food deliveries");
    capture(&mut stb, "", "Bryn Davies: Bread runs deliveries #food");
    // Esc and ↑ by reflex, then the next sentence typed straight on.
    stb.esc();
    stb.send("\x1b[A");
    capture(
        &mut stb,
        "Facilitator later: deliveries doubled by May",
        "Facilitator later: deliveries doubled by May",
    );
    quit(&mut stb);
    let session = load(&file);
    assert_untouched(&session);
    let live: Vec<&str> = session.live_insights().map(|i| i.text.as_str()).collect();
    assert_eq!(live.len(), 6, "{live:?}");
    let bread = session
        .insights
        .iter()
        .find(|i| i.text == "Bread runs deliveries")
        .expect("the line typed is saved");
    assert_eq!(bread.tags, vec!["food".to_owned()]);
    let who = session.participant(bread.participant.unwrap()).unwrap();
    assert_eq!(who.name, "Bryn Davies");
    assert!(live.contains(&"Facilitator later: deliveries doubled by May"));
}

#[test]
fn select_mode_is_deliberate_and_a_delete_there_is_undone_by_ctrl_z() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let file = glasgow(&dir);
    let mut stb = open(&dir, &file);
    stb.send(CTRL_L);
    stb.wait_for("SELECTING");
    stb.send("d");
    stb.wait_status("Deleted “Churches lent their halls for free” · Ctrl+Z undoes");
    stb.wait_for("SELECTING · 3 insights");
    stb.send(CTRL_Z);
    stb.wait_status("Undone: Deleted");
    stb.wait_for("SELECTING · 4 insights");
    // A letter that is no command goes back to the capture line, typed.
    stb.send("x");
    stb.wait_gone("SELECTING");
    stb.wait_for("│x");
    assert!(!stb.screen().contains(EMPTY_CAPTURE));
    quit(&mut stb);
    assert_untouched(&load(&file));
}

#[test]
fn removing_a_participant_in_the_panel_is_announced_and_undone_there() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let file = glasgow(&dir);
    let mut stb = open(&dir, &file);
    stb.send(key::F2);
    stb.wait_for("Participants (3)");
    stb.send("d");
    stb.wait_status("from the roster · Ctrl+Z undoes");
    stb.wait_for("Participants (2)");
    stb.send(CTRL_Z);
    stb.wait_status("Undone: Removed");
    stb.wait_for("Participants (3)");
    stb.send(CTRL_Y);
    stb.wait_for("Participants (2)");
    stb.send(CTRL_Z);
    stb.wait_for("Participants (3)");
    quit(&mut stb);
    let session = load(&file);
    assert_eq!(session.live_participants().count(), 3);
}

#[test]
fn a_star_on_the_review_screen_is_undone_and_the_file_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let file = glasgow(&dir);
    let mut stb = Stb::spawn(&dir, &[]);
    stb.wait_for("Sessions (1)");
    stb.send("v");
    stb.wait_for("1 file · 1 session");
    stb.wait_for("│Q1");
    stb.send("s");
    stb.wait_status("Starred “Paperwork came back within a week” · Ctrl+Z undoes");
    stb.wait_until("the star saved", |_| {
        load(&file).insights.iter().any(|i| i.starred)
    });
    stb.send(CTRL_Z);
    stb.wait_status("Undone: Starred");
    stb.wait_until("the undo saved", |_| {
        load(&file).insights.iter().all(|i| !i.starred)
    });
    stb.send("q");
    stb.wait_for("Sessions (1)");
    quit(&mut stb);
    assert_untouched(&load(&file));
}
