//! The app's flows, driven by actions alone: no terminal, no disk.

use super::*;
use crate::model::{Kind, ParticipantFields, Place, PracticeType, Session, SessionDetails, Stage};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub(crate) fn at(second: i64) -> Timestamp {
    Timestamp::from_second(1_795_000_000 + second).unwrap()
}

pub(crate) fn app_with_session() -> App {
    let config = Config {
        sessions_dir: "/sessions".into(),
        bell: true,
        device: "test".into(),
        time_zone: jiff::tz::TimeZone::UTC,
        palette: Default::default(),
    };
    let mut app = App::new(config, at(0));
    let stamp = app.clock.stamp_at(at(0));
    let details = SessionDetails {
        title: "T".into(),
        place: Place {
            locality: "Ayr".into(),
            nation: Nation::Scotland,
        },
        facilitator: "Morag".into(),
        ..Default::default()
    };
    let mut session = Session::new(details, stamp.clone());
    for name in ["Ann Jones", "Bryn Davies"] {
        let fields = ParticipantFields {
            name: name.into(),
            ..Default::default()
        };
        session.add_participant(fields, &stamp);
    }
    app.update(
        Action::Opened(Box::new(("/sessions/s.ron".into(), session))),
        at(0),
    );
    app
}

/// Types a line and presses Enter; returns Enter's effects, less the
/// capture-line draft (checked here: each key keeps the line so far).
pub(super) fn type_line(app: &mut App, text: &str, now: Timestamp) -> Vec<Effect> {
    let mut typed = String::new();
    for c in text.chars() {
        typed.push(c);
        let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        let effects = app.update(Action::Input(key), now);
        assert_eq!(
            effects,
            vec![Effect::Draft(typed.clone())],
            "typing saves only the draft"
        );
    }
    let effects = app.update(Action::Submit, now);
    assert!(
        effects.contains(&Effect::Draft(String::new())),
        "an entered line clears the draft: {effects:?}"
    );
    effects
        .into_iter()
        .filter(|e| !matches!(e, Effect::Draft(_)))
        .collect()
}

/// Does what the loop does after a change: saves, and reports success.
pub(super) fn save(app: &mut App, effects: Vec<Effect>, now: Timestamp) {
    assert!(effects.contains(&Effect::Save), "{effects:?}");
    app.update(Action::Saved(Ok(now)), now);
}

pub(super) fn session(app: &App) -> &Session {
    &app.workshop().unwrap().session
}

#[test]
fn entering_a_line_makes_an_attributed_classified_insight_and_asks_to_save() {
    let mut app = app_with_session();
    let effects = type_line(&mut app, "Food hub @ann #innovation #barrier #food", at(5));
    assert_eq!(effects, vec![Effect::Save]);
    let s = session(&app);
    let insight = &s.insights[0];
    assert_eq!(insight.text, "Food hub");
    assert_eq!(insight.question, 1);
    assert_eq!(
        s.participant(insight.participant.unwrap()).unwrap().name,
        "Ann Jones"
    );
    assert_eq!(insight.practice, Some(PracticeType::Innovation));
    assert_eq!(insight.kind, Kind::Barrier);
    assert_eq!(insight.tags, vec!["food"]);
    assert!(
        app.workshop().unwrap().capture.is_empty(),
        "capture line cleared"
    );
    app.update(Action::Saved(Ok(at(5))), at(5));
    assert_eq!(app.save, SaveState::Saved(at(5)));
    assert!(!app.workshop().unwrap().dirty());
}

#[test]
fn an_unknown_name_joins_the_roster_with_one_key() {
    let mut app = app_with_session();
    type_line(&mut app, "@Gwen said the hub saved lives", at(1));
    assert!(app.message.as_deref().unwrap().contains("Ctrl+R"));
    app.update(Action::AddToRoster, at(2));
    let s = session(&app);
    let gwen = s
        .live_participants()
        .find(|p| p.name == "Gwen")
        .expect("added");
    assert_eq!(s.insights[0].participant, Some(gwen.id));
    assert_eq!(s.insights[0].text, "said the hub saved lives");
}

#[test]
fn a_failed_save_keeps_the_data_dirty_and_retries_on_the_tick_only() {
    let mut app = app_with_session();
    type_line(&mut app, "Trust grew", at(1));
    let effects = app.update(Action::Saved(Err("disk full".into())), at(1));
    assert!(
        effects.is_empty(),
        "an outcome never triggers another save at once"
    );
    assert!(matches!(app.save, SaveState::Failed(_)));
    assert_eq!(app.update(Action::Tick, at(2)), vec![Effect::Save]);
    app.update(Action::Saved(Ok(at(2))), at(2));
    assert!(app.update(Action::Tick, at(3)).is_empty());
}

#[test]
fn quitting_with_unsaved_data_needs_a_second_press() {
    let mut app = app_with_session();
    type_line(&mut app, "Trust grew", at(1));
    app.update(Action::Saved(Err("read-only".into())), at(1));
    let first = app.update(Action::Quit, at(2));
    assert_eq!(first, [Effect::Save, Effect::Flush], "saves, and waits");
    assert!(
        app.update(Action::Saved(Err("read-only".into())), at(2))
            .is_empty()
    );
    assert!(app.message.as_deref().unwrap().contains("again"));
    let second = app.update(Action::Quit, at(3));
    assert!(second.contains(&Effect::Quit));
}

#[test]
fn quitting_leaves_once_the_last_save_lands() {
    let mut app = app_with_session();
    type_line(&mut app, "Trust grew", at(1));
    assert_eq!(
        app.update(Action::Quit, at(2)),
        [Effect::Save, Effect::Flush]
    );
    let path = app.workshop().unwrap().path.clone();
    let edits = app.workshop().unwrap().edits();
    let landed = app.update(Action::SavedUpTo(path, edits, Ok(at(2))), at(2));
    assert_eq!(landed, [Effect::Quit]);
    assert!(app.message.is_none(), "{:?}", app.message);
}

#[test]
fn questions_step_to_the_wrap_up_and_back_closing_their_timers() {
    let mut app = app_with_session();
    app.update(Action::ToggleTimer, at(0));
    for n in 2..=4 {
        app.update(Action::NextQuestion, at(60 * n));
        assert_eq!(session(&app).stage, Stage::Question(n as usize));
    }
    app.update(Action::NextQuestion, at(600));
    assert_eq!(session(&app).stage, Stage::WrapUp);
    assert_eq!(app.context(), Context::WrapUp);
    let first = &session(&app).timeline[0];
    assert_eq!(first.elapsed_seconds, 120);
    assert_eq!(first.ended, Some(at(120)));
    assert!(first.running_since.is_none());
    app.update(Action::PrevQuestion, at(601));
    assert_eq!(session(&app).stage, Stage::Question(4));
}

#[test]
fn the_bell_rings_once_when_time_is_up() {
    let mut app = app_with_session();
    let effects = app.update(Action::AddTime(-19), at(0));
    assert_eq!(app.message.as_deref(), Some("Timebox now 1 minute"));
    save(&mut app, effects, at(0));
    let effects = app.update(Action::ToggleTimer, at(0));
    save(&mut app, effects, at(0));
    assert!(app.update(Action::Tick, at(59)).is_empty());
    assert_eq!(app.update(Action::Tick, at(60)), vec![Effect::Bell]);
    assert!(app.update(Action::Tick, at(61)).is_empty());
}

#[test]
fn the_new_session_form_refuses_an_empty_title_then_creates() {
    let mut app = App::new(app_with_session().config, at(0));
    app.update(Action::NewSession, at(0));
    assert!(app.update(Action::SubmitForm, at(0)).is_empty());
    let Screen::NewSession(form) = &app.screen else {
        panic!("form")
    };
    assert!(form.error.as_deref().unwrap().contains("title"));
    for (field, text) in [(0, "Recovery"), (1, "Ayr"), (4, "Morag"), (6, "Ann, Bryn")] {
        let Screen::NewSession(form) = &mut app.screen else {
            panic!("form")
        };
        form.focus = field;
        for c in text.chars() {
            app.update(
                Action::Input(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
                at(0),
            );
        }
    }
    let effects = app.update(Action::SubmitForm, at(0));
    let [Effect::Create(session)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(session.title, "Recovery");
    assert_eq!(session.date, jiff::civil::date(2026, 11, 18));
    assert_eq!(session.participants.len(), 2);
}

fn press(app: &mut App, code: KeyCode, now: Timestamp) {
    app.update(Action::Input(KeyEvent::new(code, KeyModifiers::NONE)), now);
}

#[test]
fn tab_completes_a_name_and_a_tag_on_the_capture_line() {
    let mut app = app_with_session();
    for c in "Hub @br".chars() {
        press(&mut app, KeyCode::Char(c), at(1));
    }
    app.update(Action::Complete, at(1));
    for c in "#inn".chars() {
        press(&mut app, KeyCode::Char(c), at(1));
    }
    app.update(Action::Complete, at(1));
    assert_eq!(
        app.workshop().unwrap().capture.lines()[0],
        "Hub @Bryn_Davies #innovation "
    );
    app.update(Action::Submit, at(2));
    let s = session(&app);
    assert_eq!(
        s.participant(s.insights[0].participant.unwrap())
            .unwrap()
            .name,
        "Bryn Davies"
    );
    assert_eq!(s.insights[0].practice, Some(PracticeType::Innovation));
}

#[test]
fn tab_with_nothing_to_complete_stays_on_the_capture_line() {
    let mut app = app_with_session();
    press(&mut app, KeyCode::Char('x'), at(1));
    app.update(Action::Complete, at(1));
    assert_eq!(app.context(), Context::Capture);
    assert_eq!(app.workshop().unwrap().capture.lines()[0], "x");
}

#[test]
fn editing_an_insight_rewrites_its_text_attribution_and_tags() {
    let mut app = app_with_session();
    let effects = type_line(&mut app, "Hub opned @ann #food", at(1));
    save(&mut app, effects, at(1));
    app.update(Action::SelectInsights, at(2));
    app.update(Action::Edit, at(2));
    assert_eq!(app.context(), Context::Edit);
    let Screen::Workshop(w) = &mut app.screen else {
        panic!()
    };
    let Focus::Edit { line, .. } = &mut w.focus else {
        panic!()
    };
    assert_eq!(line.lines()[0], "Hub opned @Ann_Jones #food");
    **line = form::text_area("Hub opened @bryn #collab #enabler");
    app.update(Action::Submit, at(3));
    let s = session(&app);
    let i = &s.insights[0];
    assert_eq!(i.text, "Hub opened");
    assert_eq!(
        s.participant(i.participant.unwrap()).unwrap().name,
        "Bryn Davies"
    );
    assert_eq!(i.practice, Some(PracticeType::Collaboration));
    assert_eq!(i.kind, Kind::Enabler);
    assert!(i.tags.is_empty());
    assert_eq!(app.context(), Context::List);
    app.update(Action::Undo, at(4));
    assert_eq!(session(&app).insights[0].text, "Hub opned");
}

/// A crash between saving an entered line and clearing its draft leaves
/// the draft of a line that is already an insight: it must not come back
/// to be entered twice. Any other draft comes back as typed.
#[test]
fn a_recovered_draft_of_the_line_just_saved_is_dropped() {
    let mut app = app_with_session();
    let effects = type_line(&mut app, "Hub opened @Ann #innovation", at(1));
    save(&mut app, effects, at(1));
    let effects = app.update(
        Action::DraftFound("Hub opened @Ann #innovation".into()),
        at(2),
    );
    assert_eq!(
        effects,
        vec![Effect::Draft(String::new())],
        "and its file cleared"
    );
    let Screen::Workshop(w) = &app.screen else {
        panic!()
    };
    assert_eq!(
        w.capture.lines().join(""),
        "",
        "the capture line stays empty"
    );

    app.update(Action::DraftFound("Hub opened late".into()), at(3));
    let Screen::Workshop(w) = &app.screen else {
        panic!()
    };
    assert_eq!(w.capture.lines().join(""), "Hub opened late");
    assert!(app.message.as_deref().unwrap_or("").contains("Recovered"));
}

/// A background save covers the session as it was when it started: a line
/// entered while it was being written is still unsaved when it ends, so the
/// app asks for another save at once, and only then is everything saved.
#[test]
fn a_background_save_that_missed_a_later_change_is_followed_by_another() {
    let mut app = app_with_session();
    type_line(&mut app, "Trust grew", at(1));
    let started_at = app.workshop().unwrap().edits();
    let path = app.workshop().unwrap().path.clone();
    // (While unsaved, every key asks for a save; the loop runs one at a time.)
    for c in "Then the minibus".chars() {
        let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        app.update(Action::Input(key), at(2));
    }
    app.update(Action::Submit, at(2));
    assert!(app.dirty());
    let effects = app.update(
        Action::SavedUpTo(path.clone(), started_at, Ok(at(3))),
        at(3),
    );
    assert_eq!(
        effects,
        vec![Effect::Save],
        "the second line still needs saving"
    );
    assert!(app.dirty(), "not saved until a save covers it");
    let status = |app: &App| {
        let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(100, 30)).unwrap();
        t.draw(|f| crate::ui::render(app, f)).unwrap();
        let buffer = t.backend().buffer();
        (0..100)
            .map(|x| buffer[(x, 29)].symbol())
            .collect::<String>()
    };
    assert!(status(&app).contains("saving…"), "{}", status(&app));
    let now = app.workshop().unwrap().edits();
    let effects = app.update(Action::SavedUpTo(path.clone(), now, Ok(at(4))), at(4));
    assert!(effects.is_empty(), "{effects:?}");
    assert!(!app.dirty());
    assert_eq!(app.save, SaveState::Saved(at(4)));
    assert!(
        status(&app).trim_start().starts_with("saved "),
        "{}",
        status(&app)
    );
}
