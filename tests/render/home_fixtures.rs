//! The states before a workshop starts: the home screen's list of sessions
//! (read from a real folder) or an empty folder, and the new-session form
//! fresh, refused for want of a title, and filled in with a bad date.

use super::fixtures::{at, config, key, step, type_text, wrap_up};
use jiff::civil::date;
use ratatui::crossterm::event::KeyCode;
use stb::app::{Action, App};
use stb::model::{
    InsightFields, Kind, Nation, Place, PracticeType, Session, SessionDetails, StampClock,
};
use stb::storage::Listed;
use std::path::Path;

/// The new-session form as `n` on the home screen opens it.
pub(super) fn new_session_form() -> App {
    let mut app = App::new(config(), at("09:00:00"));
    step(&mut app, Action::NewSession, at("09:00:00"));
    app
}

/// The form after Ctrl+S with nothing filled in.
pub(super) fn new_session_form_with_error() -> App {
    let mut app = new_session_form();
    step(&mut app, Action::SubmitForm, at("09:00:05"));
    app
}

/// Every field filled in, the date mistyped, then Ctrl+S.
pub(super) fn new_session_form_with_bad_date() -> App {
    let mut app = new_session_form();
    let now = at("09:01:00");
    for (i, value) in [
        "Community power after the pandemic",
        "Pembrokeshire",
        "",
        "22/11/2026",
        "Rhian Evans",
        "Tom Price, Mari Owen",
        "Ann Jones, Bryn Hughes, Siân Lloyd",
    ]
    .into_iter()
    .enumerate()
    {
        if i == 2 {
            // Nation: England → Scotland → Wales.
            step(&mut app, key(KeyCode::Right), now);
            step(&mut app, key(KeyCode::Right), now);
        } else if i == 3 {
            for _ in 0..10 {
                step(&mut app, key(KeyCode::Backspace), now);
            }
            type_text(&mut app, value, now);
        } else {
            type_text(&mut app, value, now);
        }
        if i < 6 {
            step(&mut app, Action::NextField, now);
        }
    }
    step(&mut app, Action::SubmitForm, now);
    app
}

/// Another session, with nothing captured yet.
pub(super) fn other_session(
    title: &str,
    locality: &str,
    nation: Nation,
    day: jiff::civil::Date,
) -> Session {
    let mut clock = StampClock::new("test");
    let stamp = clock.stamp_at(at("08:00:00"));
    Session::new(
        SessionDetails {
            title: title.into(),
            place: Place {
                locality: locality.into(),
                nation,
            },
            date: day,
            facilitator: "Rhian Evans".into(),
            note_takers: Vec::new(),
        },
        stamp,
    )
}

/// Home with three sessions and one file that cannot be read, listed from a
/// real folder by `storage::list_sessions`. The folder's temporary path is
/// rewritten to the configured `/sessions` so the screen is the same on every
/// machine (insta's `filters` feature is not enabled in this crate).
pub(super) fn home() -> App {
    let dir = home_folder();
    let listed = stb::storage::list_sessions(dir.path());
    assert_eq!(listed.len(), 4, "three sessions and one broken file");
    let mut app = App::new(config(), at("09:00:00"));
    step(
        &mut app,
        Action::Listed(masked(listed, &dir)),
        at("09:00:00"),
    );
    app
}

/// Home while the runner is still reading the same folder: Pembrokeshire
/// read in full, Glasgow and Leeds known by their heads (Leeds selected),
/// and the broken file, which has no head, by its name alone.
pub(super) fn home_filling() -> App {
    let dir = home_folder();
    let mut listed = stb::storage::list_names(dir.path());
    stb::storage::read_heads(&mut listed);
    for row in &mut listed {
        if row.path.ends_with("2026-11-22-pembrokeshire.ron") {
            row.read_in_full();
        }
    }
    stb::storage::sort_listed(&mut listed);
    let mut app = App::new(config(), at("09:00:00"));
    step(
        &mut app,
        Action::Listed(masked(listed, &dir)),
        at("09:00:00"),
    );
    step(&mut app, Action::Down, at("09:00:00"));
    step(&mut app, Action::Down, at("09:00:00"));
    app
}

/// The rows as read from `dir`, with its temporary path shown as `/sessions`.
pub(super) fn masked(mut listed: Vec<Listed>, dir: &tempfile::TempDir) -> Vec<Listed> {
    let temp = dir.path().display().to_string();
    for entry in &mut listed {
        entry.path = Path::new("/sessions").join(entry.path.file_name().unwrap());
        if let stb::storage::Known::Read(Err(error)) = &mut entry.known {
            *error = error.replace(&temp, "/sessions");
        }
    }
    listed
}

/// A folder of three sessions and one file that cannot be read.
pub(super) fn home_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let wrapped = wrap_up();
    let workshop = wrapped.workshop().unwrap().session.clone();
    stb::storage::save(&dir.path().join("2026-11-22-pembrokeshire.ron"), &workshop).unwrap();

    let mut glasgow = other_session(
        "Mutual aid and the council: what lasted?",
        "Glasgow",
        Nation::Scotland,
        date(2026, 10, 8),
    );
    let stamp = StampClock::new("test").stamp_at(at("08:05:00"));
    for text in [
        "Tenants' groups ran the food deliveries",
        "The council paid rent",
    ] {
        glasgow.add_insight(
            InsightFields {
                question: 1,
                text: text.into(),
                kind: Kind::Observation,
                practice: Some(PracticeType::Collaboration),
                ..Default::default()
            },
            &stamp,
        );
    }
    stb::storage::save(&dir.path().join("2026-10-08-glasgow.ron"), &glasgow).unwrap();

    let leeds = other_session(
        "Neighbourhood networks in Leeds: a second look at who gets heard when decisions are made",
        "Leeds",
        Nation::England,
        date(2026, 9, 15),
    );
    stb::storage::save(&dir.path().join("2026-09-15-leeds.ron"), &leeds).unwrap();

    std::fs::write(
        dir.path().join("broken.ron"),
        "(\n  format: 1,\n  title: \"Half a file\n",
    )
    .unwrap();

    dir
}

/// Home with an empty folder.
pub(super) fn home_empty() -> App {
    let mut app = App::new(config(), at("09:00:00"));
    step(&mut app, Action::Listed(Vec::new()), at("09:00:00"));
    app
}
