//! Names as people type them, in the real binary: `@siobhan`, typed
//! without the accent, attributes the line to Siobhán Kelly on the roster.

use super::pty::Stb;
use super::{capture, load, quit};
use stb::model::{Nation, ParticipantFields, Place, Session, SessionDetails, StampClock};

#[test]
fn a_name_typed_without_its_accent_finds_the_person() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    std::fs::create_dir_all(&dir).unwrap();
    let stamp = StampClock::new("setup").stamp_at(jiff::Timestamp::now());
    let mut session = Session::new(
        SessionDetails {
            title: "Food and fuel".into(),
            place: Place {
                locality: "Derry".into(),
                nation: Nation::NorthernIreland,
            },
            facilitator: "Aoife".into(),
            ..Default::default()
        },
        stamp.clone(),
    );
    let siobhan = session.add_participant(
        ParticipantFields {
            name: "Siobhán Kelly".into(),
            ..Default::default()
        },
        &stamp,
    );
    let file = dir.join("2026-11-18-derry.ron");
    stb::storage::save(&file, &session).unwrap();

    let mut stb = Stb::spawn(&dir, &["open", file.to_str().unwrap()]);
    stb.wait_for("Question 1 of 4");
    capture(
        &mut stb,
        "Food bank ran out @siobhan",
        "Siobhán Kelly: Food bank ran out",
    );
    quit(&mut stb);

    let saved = load(&file);
    let insights: Vec<_> = saved.live_insights().collect();
    assert_eq!(insights.len(), 1);
    assert_eq!(insights[0].text, "Food bank ran out");
    assert_eq!(insights[0].participant, Some(siobhan));
    let roster: Vec<&str> = saved.live_participants().map(|p| p.name.as_str()).collect();
    assert_eq!(roster, ["Siobhán Kelly"], "nobody added");
}
