//! The workshop states the screens are drawn from, built only through
//! `App::update` the way the terminal loop builds them: the Pembrokeshire
//! session on question 2, past its timebox, at the wrap-up, and with each
//! popup open; plus the helpers that feed actions and keys to an `App`.

use jiff::Timestamp;
use jiff::civil::date;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use stb::app::{Action, App, Config, Effect};
use stb::model::{
    Consent, Nation, ParticipantFields, Place, Sector, Session, SessionDetails, StampClock,
};
use std::path::PathBuf;

/// A wall-clock time on the workshop day (UTC, which is also the app's zone).
pub(super) fn at(hms: &str) -> Timestamp {
    format!("2026-11-22T{hms}Z").parse().unwrap()
}

pub(super) fn config() -> Config {
    Config {
        sessions_dir: "/sessions".into(),
        bell: false,
        device: "test".into(),
        time_zone: jiff::tz::TimeZone::UTC,
        palette: Default::default(),
    }
}

/// Applies an action as the loop does: a `Save` effect is run (here: it
/// always succeeds) and its outcome fed back, so the status line says "saved".
pub(super) fn step(app: &mut App, action: Action, now: Timestamp) {
    for effect in app.update(action, now) {
        if effect == Effect::Save {
            app.update(Action::Saved(Ok(now)), now);
        }
    }
}

pub(super) fn key(code: KeyCode) -> Action {
    Action::Input(KeyEvent::new(code, KeyModifiers::NONE))
}

/// Types `text` key by key into the focused text field.
pub(super) fn type_text(app: &mut App, text: &str, now: Timestamp) {
    for c in text.chars() {
        step(app, key(KeyCode::Char(c)), now);
    }
}

/// Types a line on the capture line and presses Enter.
pub(super) fn capture(app: &mut App, line: &str, now: Timestamp) {
    type_text(app, line, now);
    step(app, Action::Submit, now);
}

/// The Pembrokeshire workshop with three people on the roster.
pub(super) fn pembrokeshire() -> Session {
    let mut clock = StampClock::new("test");
    let stamp = clock.stamp_at(at("09:30:00"));
    let mut session = Session::new(
        SessionDetails {
            title: "Community power after the pandemic".into(),
            place: Place {
                locality: "Pembrokeshire".into(),
                nation: Nation::Wales,
            },
            date: date(2026, 11, 22),
            facilitator: "Rhian Evans".into(),
            note_takers: vec!["Tom Price".into()],
        },
        stamp.clone(),
    );
    for (name, organisation, sector, consent) in [
        (
            "Ann Jones",
            "Pembrokeshire County Council",
            Sector::PublicService,
            Consent::Given(at("09:40:00")),
        ),
        (
            "Bryn Hughes",
            "PAVS",
            Sector::Vcse,
            Consent::Given(at("09:41:00")),
        ),
        (
            "Siân Lloyd",
            "Hakin Mutual Aid",
            Sector::Community,
            Consent::NotRecorded,
        ),
    ] {
        session.add_participant(
            ParticipantFields {
                name: name.into(),
                organisation: organisation.into(),
                sector,
                consent,
                deleted: false,
            },
            &stamp,
        );
    }
    session
}

/// The path the open session is saved to (it does not need to exist: the
/// test never runs the `Save` effect against the disk).
pub(super) fn session_path() -> PathBuf {
    "/sessions/2026-11-22-pembrokeshire.ron".into()
}

/// Question 1 answered, then question 2 with its timer started at 10:01, five
/// insights (one starred) and the capture line empty again; the clock reads
/// 10:09:30.
pub(super) fn on_question_two() -> App {
    let mut app = App::new(config(), at("09:55:00"));
    step(
        &mut app,
        Action::Opened(Box::new((session_path(), pembrokeshire()))),
        at("09:55:00"),
    );
    capture(
        &mut app,
        "Food parcels went out the same day people asked @Ann #adaptation #food",
        at("09:56:00"),
    );
    capture(
        &mut app,
        "A WhatsApp group per street did more than any leaflet @Siân #innovation #enabler",
        at("09:57:00"),
    );
    step(&mut app, Action::NextQuestion, at("10:00:00"));
    step(&mut app, Action::ToggleTimer, at("10:01:00"));
    capture(
        &mut app,
        "The council lent the leisure centre to the food bank within a week @Ann #innovation #food",
        at("10:02:00"),
    );
    capture(
        &mut app,
        "Officers answered their phones at weekends, so trust grew @Bryn #enabler",
        at("10:03:30"),
    );
    capture(
        &mut app,
        "Procurement rules came back as soon as the emergency ended @Siân #barrier #procurement",
        at("10:05:00"),
    );
    capture(
        &mut app,
        "Mutual aid groups now sit on the recovery board #collaboration",
        at("10:06:00"),
    );
    capture(
        &mut app,
        "We stopped making people fill in forms before helping them; the paperwork could wait until the crisis had passed @Bryn #adaptation #lesson #forms",
        at("10:08:00"),
    );
    // Star the second insight from the list, then go back to capturing.
    step(&mut app, Action::SelectInsights, at("10:09:00"));
    for _ in 0..3 {
        step(&mut app, Action::Up, at("10:09:00"));
    }
    step(&mut app, Action::Star, at("10:09:00"));
    step(&mut app, Action::FocusCapture, at("10:09:00"));
    step(&mut app, Action::Tick, at("10:09:30"));
    app
}

/// Question 2 with its 20-minute timebox overrun by 2:15.
pub(super) fn time_up() -> App {
    let mut app = on_question_two();
    step(&mut app, Action::Tick, at("10:23:15"));
    app
}

/// All four questions answered (11 insights, 3 starred), then Ctrl+N past
/// question 4 to the wrap-up.
pub(super) fn wrap_up() -> App {
    let mut app = on_question_two();
    step(&mut app, Action::NextQuestion, at("10:30:00"));
    capture(
        &mut app,
        "Digital exclusion hit older residents in the valleys hardest @Siân #barrier",
        at("10:31:00"),
    );
    step(&mut app, Action::SelectInsights, at("10:32:00"));
    step(&mut app, Action::Star, at("10:32:00"));
    step(&mut app, Action::FocusCapture, at("10:32:00"));
    step(&mut app, Action::NextQuestion, at("10:35:00"));
    capture(
        &mut app,
        "Short-term grants end in March and nobody knows what comes next @Bryn #barrier #funding",
        at("10:36:00"),
    );
    capture(
        &mut app,
        "Keep the weekly partnership call that started in lockdown #collaboration #action",
        at("10:38:00"),
    );
    capture(
        &mut app,
        "Councillors are already talking about going back to normal @Ann #quote",
        at("10:40:00"),
    );
    step(&mut app, Action::SelectInsights, at("10:41:00"));
    step(&mut app, Action::Up, at("10:41:00"));
    step(&mut app, Action::Star, at("10:41:00"));
    step(&mut app, Action::FocusCapture, at("10:41:00"));
    step(&mut app, Action::NextQuestion, at("10:45:00"));
    app
}

pub(super) fn with_help(mut app: App) -> App {
    let now = app.now;
    step(&mut app, Action::ToggleHelp, now);
    app
}

pub(super) fn with_participants(mut app: App) -> App {
    let now = app.now;
    step(&mut app, Action::Participants, now);
    app
}

/// Question 2 with its starred insight open for editing.
pub(super) fn editing() -> App {
    let mut app = on_question_two();
    step(&mut app, Action::SelectInsights, at("10:10:00"));
    for _ in 0..3 {
        step(&mut app, Action::Up, at("10:10:00"));
    }
    step(&mut app, Action::Edit, at("10:10:00"));
    app
}

/// Question 2 choosing where to move the last insight.
pub(super) fn moving() -> App {
    let mut app = on_question_two();
    step(&mut app, Action::SelectInsights, at("10:10:00"));
    step(&mut app, Action::Move, at("10:10:00"));
    app
}

/// The participant form, opened from the panel and saved with no name.
pub(super) fn participant_form() -> App {
    let mut app = with_participants(on_question_two());
    step(&mut app, Action::AddParticipant, at("10:10:00"));
    step(&mut app, Action::SubmitForm, at("10:10:00"));
    app
}

/// A line of Welsh, emoji and CJK text, wider than the screen.
pub(super) fn wide_text() -> App {
    let mut app = on_question_two();
    capture(
        &mut app,
        "Mae’r gymuned yn gryfach 💪👨‍👩‍👧‍👦 ŵ ŷ — ÿ̆ 漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字 @Siân #喜び",
        at("10:10:00"),
    );
    app
}
