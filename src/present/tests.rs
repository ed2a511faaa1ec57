//! What a read of the file means for the wall, who may be named, and the
//! command the facilitator is shown.

use super::*;
use crate::model::{InsightFields, ParticipantFields, StampClock};
use jiff::Timestamp;

fn stamp() -> crate::model::Stamp {
    StampClock::new("t").stamp_at(Timestamp::UNIX_EPOCH)
}

/// A session with Ann (consent given) and Siân (not recorded), each with a
/// line, and a line naming someone nobody put on the roster.
fn session() -> (Session, [ulid::Ulid; 3]) {
    let mut session = Session::new(Default::default(), stamp());
    let mut person = |name: &str, consent| {
        session.add_participant(
            ParticipantFields {
                name: name.into(),
                consent,
                ..Default::default()
            },
            &stamp(),
        )
    };
    let ann = person("Ann Jones", Consent::Given(Timestamp::UNIX_EPOCH));
    let sian = person("Siân Lloyd", Consent::NotRecorded);
    let mut line = |text: &str, participant| {
        session.add_insight(
            InsightFields {
                question: 1,
                text: text.into(),
                participant,
                ..Default::default()
            },
            &stamp(),
        )
    };
    let a = line("Ann's line, as Siân said", Some(ann));
    let s = line("Siân's own line", Some(sian));
    let g = line("@Gwen kept the hall open", None);
    (session, [a, s, g])
}

fn presenter(names: bool) -> (Presenter, [ulid::Ulid; 3]) {
    let (session, ids) = session();
    let mut p = Presenter::new(Path::new("s.ron"), names);
    p.loaded(Ok(session.into()));
    (p, ids)
}

fn speaker_and_words(p: &Presenter, id: ulid::Ulid) -> (Option<String>, String) {
    let session = p.shown.as_ref().unwrap();
    let insight = session.insight(id).unwrap();
    (
        p.speaker(session, insight).map(str::to_owned),
        p.words(insight),
    )
}

#[test]
fn without_names_no_participant_is_named_anywhere() {
    let (p, [a, s, g]) = presenter(false);
    assert_eq!(
        speaker_and_words(&p, a),
        (None, "[name]'s line, as [name] said".into())
    );
    assert_eq!(speaker_and_words(&p, s), (None, "[name]'s own line".into()));
    assert_eq!(
        speaker_and_words(&p, g),
        (None, "kept the hall open".into())
    );
}

#[test]
fn with_names_only_consent_given_is_named() {
    let (p, [a, s, g]) = presenter(true);
    assert_eq!(
        speaker_and_words(&p, a),
        (
            Some("Ann Jones".into()),
            "Ann's line, as [name] said".into()
        )
    );
    assert_eq!(speaker_and_words(&p, s), (None, "[name]'s own line".into()));
    // Gwen is on no roster, so nobody recorded her consent.
    assert_eq!(
        speaker_and_words(&p, g),
        (None, "kept the hall open".into())
    );
}

#[test]
fn a_participant_taken_off_the_roster_is_not_named() {
    let (mut session, [a, ..]) = session();
    for who in &mut session.participants {
        who.deleted = true;
    }
    let mut p = Presenter::new(Path::new("s.ron"), true);
    p.loaded(Ok(session.into()));
    assert_eq!(speaker_and_words(&p, a).0, None);
}

fn syntax_error() -> LoadError {
    LoadError::Syntax {
        path: "s.ron".into(),
        line: 9,
        col: 1,
        message: "Unexpected end of RON".into(),
    }
}

#[test]
fn a_failed_read_keeps_the_last_good_session_and_says_why() {
    let (mut p, _) = presenter(false);
    p.loaded(Err(syntax_error()));
    assert_eq!(p.file, FileState::Incomplete);
    assert!(p.shown.is_some());
    p.loaded(Err(LoadError::Io {
        path: "s.ron".into(),
        source: std::io::ErrorKind::NotFound.into(),
    }));
    assert_eq!(p.file, FileState::Missing);
    assert!(p.shown.is_some());
    p.loaded(Err(LoadError::TooNew {
        path: "s.ron".into(),
        found: 99,
    }));
    assert!(matches!(&p.file, FileState::Unreadable(e) if e.contains("format 99")));
    p.loaded(Ok(session().0.into()));
    assert_eq!(p.file, FileState::Following);
}

#[test]
fn the_command_names_the_file_absolutely_and_quoted_for_a_shell() {
    assert_eq!(
        command_for(Path::new(
            "/home/x/.local/share/stb/2026-12-02-pembrokeshire.ron"
        )),
        "stb present '/home/x/.local/share/stb/2026-12-02-pembrokeshire.ron'"
    );
    assert_eq!(
        command_for(Path::new("/s/Siân's $(rm) notes.ron")),
        r"stb present '/s/Siân'\''s $(rm) notes.ron'"
    );
    let relative = command_for(Path::new("here.ron"));
    let cwd = std::env::current_dir().unwrap();
    assert_eq!(
        relative,
        format!("stb present '{}'", cwd.join("here.ron").display())
    );
}

#[test]
fn someone_added_to_the_roster_between_reads_is_hidden_from_then_on() {
    let (mut session, [.., g]) = session();
    let mut p = Presenter::new(Path::new("s.ron"), true);
    p.loaded(Ok(session.clone().into()));
    session.insights.iter_mut().for_each(|i| {
        if i.id == g {
            i.text = "Gwen kept the hall open".into();
        }
    });
    p.loaded(Ok(session.clone().into()));
    assert_eq!(speaker_and_words(&p, g).1, "Gwen kept the hall open");
    session.add_participant(
        ParticipantFields {
            name: "Gwen Morgan".into(),
            ..Default::default()
        },
        &stamp(),
    );
    p.loaded(Ok(session.into()));
    assert_eq!(speaker_and_words(&p, g).1, "[name] kept the hall open");
}
