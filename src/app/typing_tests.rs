//! A facilitator typing blind for an hour: random sequences of every key a
//! person uses while writing, run through the real key table and `update`.
//!
//! Whatever the sequence, the insights already saved stay exactly as they
//! were, the timer and the question do not move, the keyboard never leaves
//! the capture line, and every character typed is accounted for: the
//! capture line always equals a plain model of a text field fed the same
//! keys, and each Enter turns that line into exactly the insight it parses
//! to; the parking chord too, parked, on the same question.

use super::form::complete_in;
use super::*;
use crate::capture;
use crate::model::{InsightFields, Kind, ParticipantFields, Place, Session, SessionDetails};
use proptest::prelude::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn at(second: i64) -> Timestamp {
    Timestamp::from_second(1_795_000_000 + second).unwrap()
}

/// A session on question 1 with a roster and saved insights, some starred,
/// and a timer that has run.
fn app_in_the_room() -> App {
    let config = Config {
        sessions_dir: "/sessions".into(),
        bell: false,
        device: "laptop".into(),
        time_zone: jiff::tz::TimeZone::UTC,
        palette: Default::default(),
    };
    let mut app = App::new(config, at(0));
    let stamp = app.clock.stamp_at(at(0));
    let details = SessionDetails {
        title: "Glasgow".into(),
        place: Place {
            locality: "Glasgow".into(),
            nation: Nation::Scotland,
        },
        facilitator: "Morag".into(),
        ..Default::default()
    };
    let mut session = Session::new(details, stamp.clone());
    let mut people = Vec::new();
    for name in ["Ann Jones", "Bryn Davies", "Siobhán Kelly", "Facilitator"] {
        let fields = ParticipantFields {
            name: name.into(),
            ..Default::default()
        };
        people.push(session.add_participant(fields, &stamp));
    }
    for (n, text) in [
        "Paperwork came back within a week",
        "Bread runs started from the church hall",
        "The council phoned every shielding resident",
        "Mutual aid groups shared one spreadsheet",
    ]
    .iter()
    .enumerate()
    {
        let fields = InsightFields {
            question: 1,
            text: (*text).into(),
            participant: Some(people[n % people.len()]),
            kind: Kind::Observation,
            tags: vec!["food".into()],
            starred: n % 2 == 0,
            ..Default::default()
        };
        session.add_insight(fields, &stamp);
    }
    crate::timer::start(&mut session.timeline[0], at(0));
    crate::timer::pause(&mut session.timeline[0], at(30));
    app.update(
        Action::Opened(Box::new(("/sessions/glasgow.ron".into(), session))),
        at(1),
    );
    app
}

/// One thing a person does while writing.
#[derive(Clone, Debug)]
enum Press {
    Key(KeyEvent),
    Paste(String),
}

fn keys() -> impl Strategy<Value = Press> {
    let code = |c: KeyCode| Press::Key(KeyEvent::new(c, KeyModifiers::NONE));
    let letter = prop_oneof![
        4 => proptest::char::range('a', 'z'),
        1 => proptest::char::range('!', '~'),
        1 => prop::sample::select(vec![' ', '@', '#', 'é', 'ŵ', 'Ø']),
    ]
    .prop_map(move |c| Press::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)));
    let shifted = proptest::char::range('A', 'Z')
        .prop_map(|c| Press::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::SHIFT)));
    let special = prop::sample::select(keymap::WRITING_KEYS.to_vec()).prop_map(code);
    let paste = "[ -~]{0,30}(\n[ -~]{0,10})?".prop_map(Press::Paste);
    // The parking chord, and its twin for terminals that take Alt+Enter.
    let park = prop::sample::select(vec![
        KeyEvent::new(KeyCode::Enter, KeyModifiers::ALT),
        KeyEvent::new(KeyCode::Char('o'), KeyModifiers::CONTROL),
    ])
    .prop_map(Press::Key);
    prop_oneof![
        12 => letter,
        1 => shifted,
        6 => special,
        1 => paste,
        1 => park,
    ]
}

/// The line and its char cursor as the app holds them.
fn line_of(app: &App) -> (String, usize) {
    let w = app.workshop().expect("open");
    (w.capture.lines().join(" "), w.capture.cursor().1)
}

fn insert(line: &str, at: usize, text: &str) -> String {
    let mut chars: Vec<char> = line.chars().collect();
    let tail = chars.split_off(at);
    chars.extend(text.chars());
    chars.extend(tail);
    chars.into_iter().collect()
}

fn remove(line: &str, at: usize) -> String {
    line.chars()
        .enumerate()
        .filter(|(i, _)| *i != at)
        .map(|(_, c)| c)
        .collect()
}

/// What one press must leave on the line, or None when it may only move
/// the cursor. Enter and Tab are checked on their own.
fn expected_line(press: &Press, line: &str, cursor: usize) -> Option<(String, usize)> {
    let len = line.chars().count();
    match press {
        Press::Paste(text) => {
            let text = crate::inert::one_line(text);
            let n = text.chars().count();
            Some((insert(line, cursor, &text), cursor + n))
        }
        Press::Key(key) => match key.code {
            KeyCode::Char(c) => Some((insert(line, cursor, &c.to_string()), cursor + 1)),
            KeyCode::Backspace if cursor > 0 => Some((remove(line, cursor - 1), cursor - 1)),
            KeyCode::Delete if cursor < len => Some((remove(line, cursor), cursor)),
            _ => None,
        },
    }
}

fn run(presses: &[Press]) -> Result<(), TestCaseError> {
    let mut app = app_in_the_room();
    let original = app.workshop().unwrap().session.clone();
    let mut second = 2;
    for press in presses {
        second += 1;
        let (line, cursor) = line_of(&app);
        let w = app.workshop().unwrap();
        let insights_before = w.session.insights.len();
        let mut completed = w.capture.clone();
        let (names, tags) = capture::vocabulary(&w.session);
        let parsed = capture::parse_in(&line, &capture::Context::of(&w.session));
        let action = match press {
            Press::Key(key) => keymap::action_for(app.context(), key),
            Press::Paste(text) => Some(Action::Paste(text.clone())),
        };
        if let Some(action) = action.clone() {
            let typed = matches!(action, Action::Input(_) | Action::Paste(_));
            app.update(action, at(second));
            // As the loop does once a typed key is on screen: the next
            // Enter then takes this parse (checked against the plain one).
            if typed {
                let before = line_of(&app);
                let asked = app.update(Action::Prepare, at(second));
                prop_assert!(asked.is_empty(), "preparing asks for nothing");
                prop_assert_eq!(line_of(&app), before, "preparing changes no line");
            }
        }
        prop_assert_eq!(app.context(), Context::Capture, "after {:?}", press);
        let w = app.workshop().unwrap();
        let (now_line, now_cursor) = line_of(&app);
        let is = |code: KeyCode| matches!(press, Press::Key(k) if k.code == code);
        let parks = matches!(action, Some(Action::Park));
        if is(KeyCode::Enter) || parks {
            match parsed {
                Ok(parsed) => {
                    prop_assert_eq!(w.session.insights.len(), insights_before + 1);
                    let made = w.session.insights.last().unwrap();
                    prop_assert_eq!(&made.text, &parsed.text, "the line became the insight");
                    prop_assert_eq!(made.practice, parsed.practice);
                    prop_assert_eq!(&made.tags, &parsed.tags);
                    prop_assert_eq!(&made.owner, &parsed.owner);
                    prop_assert_eq!(made.due, parsed.due);
                    prop_assert_eq!(made.parked, parks, "parked only by the chord");
                    prop_assert_eq!(made.question, 1, "on the question being discussed");
                    prop_assert_eq!(now_line.as_str(), "");
                }
                Err(_) => {
                    prop_assert_eq!(w.session.insights.len(), insights_before);
                    prop_assert_eq!(&now_line, &line, "a line with nothing said stays");
                }
            }
        } else {
            prop_assert_eq!(w.session.insights.len(), insights_before);
            if is(KeyCode::Tab) {
                complete_in(&mut completed, &names, &tags);
                prop_assert_eq!(
                    &now_line,
                    &completed.lines().join(" "),
                    "Tab only completes"
                );
            } else if let Some((want, want_cursor)) = expected_line(press, &line, cursor) {
                prop_assert_eq!(&now_line, &want, "after {:?}", press);
                prop_assert_eq!(now_cursor, want_cursor);
            } else {
                prop_assert_eq!(&now_line, &line, "{:?} may only move the cursor", press);
            }
        }
        // What was saved before stays exactly as it was.
        for (before, now) in original.insights.iter().zip(&w.session.insights) {
            prop_assert_eq!(before, now);
        }
        prop_assert_eq!(&original.participants, &w.session.participants);
        prop_assert_eq!(&original.timeline, &w.session.timeline);
        prop_assert_eq!(original.stage, w.session.stage);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 2_000,
        ..ProptestConfig::default()
    })]

    #[test]
    fn typing_blind_never_changes_what_was_saved_nor_loses_a_character(
        presses in prop::collection::vec(keys(), 1..60)
    ) {
        run(&presses)?;
    }
}

/// The reproduction from the room: a name completed, a reflexive second
/// Tab, and the rest of the sentence typed on.
#[test]
fn a_second_tab_after_a_completed_name_keeps_typing_on_the_line() {
    let mut app = app_in_the_room();
    let before = app.workshop().unwrap().session.insights.clone();
    let mut presses: Vec<Press> = "Bread runs @br"
        .chars()
        .map(|c| Press::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)))
        .collect();
    presses.push(Press::Key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE)));
    presses.push(Press::Key(KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE)));
    presses.extend(
        "#food deliveries"
            .chars()
            .map(|c| Press::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))),
    );
    run(&presses).unwrap();
    for press in &presses {
        if let Press::Key(key) = press
            && let Some(action) = keymap::action_for(app.context(), key)
        {
            app.update(action, at(5));
        }
    }
    assert_eq!(line_of(&app).0, "Bread runs @Bryn_Davies #food deliveries");
    app.update(Action::Submit, at(6));
    let w = app.workshop().unwrap();
    assert_eq!(&w.session.insights[..before.len()], &before[..]);
    let made = w.session.insights.last().unwrap();
    assert_eq!(made.text, "Bread runs deliveries");
    assert_eq!(made.tags, vec!["food".to_owned()]);
}
