//! The projector view (`stb present`) drawn from the sessions the capture
//! screen's fixtures build: the question, its prompts, the clock and the
//! room's words, time up, the wrap-up, names hidden unless asked (and never
//! those of someone without consent), the file's troubles on the bottom
//! line, and hostile text shown, never obeyed.

use super::fixtures::{at, on_question_two, time_up, wrap_up};
use super::screen::screen_text;
use super::snapshot;
use super::terminal_safety::{HOSTILE, Written, contains};
use jiff::Timestamp;
use ratatui::Terminal;
use ratatui::backend::{CrosstermBackend, TestBackend};
use stb::app::{App, Palette};
use stb::model::{Consent, InsightFields, ParticipantFields, Session, StampClock};
use stb::present::Presenter;
use stb::storage::LoadError;
use stb::ui::theme::Theme;

fn session_of(app: &App) -> Session {
    (*app.workshop().unwrap().session).clone()
}

fn presenter(session: Session, names: bool) -> Presenter {
    let mut p = Presenter::new("/sessions/2026-11-22-pembrokeshire.ron".as_ref(), names);
    p.loaded(Ok(session.into()));
    p
}

fn draw(p: &Presenter, now: Timestamp, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    let theme = Theme::of(Palette::Colour);
    terminal
        .draw(|f| stb::ui::present::render(f, p, now, theme))
        .unwrap();
    terminal
}

/// Question 2 at 10:09:30, its timer started at 10:01: 11:30 left.
fn question_two(names: bool) -> (Presenter, Timestamp) {
    (
        presenter(session_of(&on_question_two()), names),
        at("10:09:30"),
    )
}

#[test]
fn the_question_its_prompts_the_clock_and_the_room_s_words_at_100x30() {
    let (p, now) = question_two(false);
    let terminal = draw(&p, now, 100, 30);
    let text = screen_text(&terminal);
    assert!(text.contains("How have the relationships between different sectors"));
    assert!(text.contains("• Where did trust grow, and where did it break down?"));
    assert!(text.contains("What the room said (5)"), "{text}");
    assert!(text.contains("Mutual aid groups now sit on the recovery board"));
    // Newest at the bottom: the last line captured is the last row shown.
    let newest = text.find("We stopped making people fill in forms").unwrap();
    assert!(text.find("Mutual aid groups").unwrap() < newest);
    assert!(text.contains("following 2026-11-22-pembrokeshire.ron"));
    assert!(!text.contains("time up"));
    snapshot("present_question_100x30", &terminal);
}

#[test]
fn the_question_fits_80x24_with_the_newest_words_still_there() {
    let (p, now) = question_two(false);
    let terminal = draw(&p, now, 80, 24);
    let text = screen_text(&terminal);
    assert!(
        text.contains("We stopped making people fill in forms"),
        "{text}"
    );
    assert!(text.contains("q quits"));
    snapshot("present_question_80x24", &terminal);
}

#[test]
fn time_up_shows_the_overrun_in_the_time_up_style() {
    let app = time_up();
    let p = presenter(session_of(&app), false);
    let terminal = draw(&p, at("10:23:15"), 80, 24);
    let text = screen_text(&terminal);
    let row = super::screen::row_with(&text, "time up +02:15");
    assert!(!row.is_empty());
    snapshot("present_time_up_80x24", &terminal);
}

#[test]
fn the_wrap_up_shows_counts_and_the_starred_words() {
    let app = wrap_up();
    let p = presenter(session_of(&app), false);
    let terminal = draw(&p, at("10:45:00"), 100, 30);
    let text = screen_text(&terminal);
    assert!(text.contains("Starred (3)"), "{text}");
    assert!(
        text.contains("5 insights   2. Shifting relationships"),
        "{text}"
    );
    assert!(text.contains("Keep the weekly partnership call"), "{text}");
    assert!(text.contains("Digital exclusion hit older residents"));
    assert!(
        !text.contains("Councillors are already talking"),
        "not starred"
    );
    snapshot("present_wrap_up_100x30", &terminal);
}

/// Question 2 with a line naming Siân (no consent) and Ann (consent) in
/// its text.
fn naming_everyone() -> Session {
    let mut session = session_of(&on_question_two());
    let t = StampClock::new("t").stamp_at(at("10:09:00"));
    session.add_insight(
        InsightFields {
            question: 2,
            text: "Siân Lloyd said Ann had the keys to the hall".into(),
            ..Default::default()
        },
        &t,
    );
    session
}

#[test]
fn without_names_nobody_is_named_not_even_inside_the_words() {
    let p = presenter(naming_everyone(), false);
    let text = screen_text(&draw(&p, at("10:09:30"), 100, 30));
    for name in ["Ann", "Bryn", "Siân", "Lloyd", "Jones", "Hughes"] {
        assert!(!text.contains(name), "{name} is on the wall:\n{text}");
    }
    assert!(
        text.contains("[name] said [name] had the keys to the hall"),
        "{text}"
    );
}

#[test]
fn with_names_only_those_who_consented_are_named() {
    let p = presenter(naming_everyone(), true);
    let text = screen_text(&draw(&p, at("10:09:30"), 100, 30));
    assert!(
        text.contains("Ann Jones: The council lent the leisure centre"),
        "{text}"
    );
    assert!(text.contains("Bryn Hughes: Officers answered their phones"));
    assert!(
        text.contains("[name] said Ann had the keys to the hall"),
        "{text}"
    );
    // Siân's own line shows, without her name.
    assert!(text.contains("  Procurement rules came back"), "{text}");
    assert!(!text.contains("Siân") && !text.contains("Lloyd"), "{text}");
}

#[test]
fn a_withdrawn_consent_hides_the_name_again() {
    let mut session = naming_everyone();
    for who in &mut session.participants {
        if who.name == "Ann Jones" {
            who.consent = Consent::Withdrawn(at("10:09:10"));
        }
    }
    let p = presenter(session, true);
    let text = screen_text(&draw(&p, at("10:09:30"), 100, 30));
    assert!(!text.contains("Ann"), "{text}");
    assert!(text.contains("Bryn Hughes: "));
}

#[test]
fn a_file_cut_mid_write_keeps_the_last_good_session_with_a_note() {
    let (mut p, now) = question_two(false);
    p.loaded(Err(LoadError::Syntax {
        path: p.path.clone(),
        line: 40,
        col: 3,
        message: "Unexpected end of RON".into(),
    }));
    let text = screen_text(&draw(&p, now, 100, 30));
    assert!(text.contains("Mutual aid groups now sit on the recovery board"));
    assert!(text.contains("waiting for a complete file"), "{text}");
}

#[test]
fn a_deleted_file_says_so_and_keeps_the_last_session() {
    let (mut p, now) = question_two(false);
    p.loaded(Err(LoadError::Io {
        path: p.path.clone(),
        source: std::io::ErrorKind::NotFound.into(),
    }));
    let text = screen_text(&draw(&p, now, 100, 30));
    assert!(
        text.contains("deleted — waiting for it to come back"),
        "{text}"
    );
    assert!(text.contains("Mutual aid groups now sit on the recovery board"));
}

#[test]
fn hostile_text_on_the_projector_is_shown_not_obeyed() {
    let mut session = session_of(&on_question_two());
    let t = StampClock::new("t").stamp_at(at("10:09:00"));
    session.questions[1].title = format!("Title {HOSTILE}");
    let who = session.add_participant(
        ParticipantFields {
            name: format!("Eve {HOSTILE}"),
            consent: Consent::Given(at("10:00:00")),
            ..Default::default()
        },
        &t,
    );
    session.add_insight(
        InsightFields {
            question: 2,
            text: HOSTILE.into(),
            participant: Some(who),
            ..Default::default()
        },
        &t,
    );
    let p = presenter(session, true);
    let written = Written::default();
    let options = ratatui::TerminalOptions {
        viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, 120, 40)),
    };
    let mut terminal =
        Terminal::with_options(CrosstermBackend::new(written.clone()), options).unwrap();
    let theme = Theme::of(Palette::Colour);
    terminal
        .draw(|f| stb::ui::present::render(f, &p, at("10:09:30"), theme))
        .unwrap();
    let out = written.0.borrow().clone();
    for sequence in [
        b"\x1b[2J".as_slice(),
        b"\x1b]52;",
        b"\x1b]8;",
        b"\x07",
        "\u{9b}".as_bytes(),
        "\u{202e}".as_bytes(),
    ] {
        assert!(
            !contains(&out, sequence),
            "{sequence:?} reached the terminal"
        );
    }
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains("␛[2J"), "the escape shows as its stand-in");
}

#[test]
fn f4_shows_the_command_for_this_session_and_esc_closes_it() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use stb::app::{Context, keymap};
    let mut app = on_question_two();
    let f4 = KeyEvent::new(KeyCode::F(4), KeyModifiers::NONE);
    let action = keymap::action_for(Context::Capture, &f4).unwrap();
    super::fixtures::step(&mut app, action, at("10:09:30"));
    assert_eq!(app.context(), Context::ProjectorCommand);
    let terminal = super::screen::draw(&app, 80, 24);
    let text = screen_text(&terminal);
    assert!(
        text.contains("stb present '/sessions/2026-11-22-pembrokeshire.ron'"),
        "{text}"
    );
    assert!(text.contains("--names"));
    snapshot("projector_command_80x24", &terminal);
    let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
    let action = keymap::action_for(Context::ProjectorCommand, &esc).unwrap();
    super::fixtures::step(&mut app, action, at("10:09:31"));
    assert_eq!(app.context(), Context::Capture);
    assert!(!screen_text(&super::screen::draw(&app, 80, 24)).contains("stb present"));
}

#[test]
fn a_title_the_large_font_lacks_letters_for_is_shown_whole_in_ordinary_type() {
    let mut session = session_of(&on_question_two());
    session.questions[1].title = "Perthnasoedd sy'n newid: ŵyr a ŷd".into();
    let p = presenter(session, false);
    let text = screen_text(&draw(&p, at("10:09:30"), 100, 30));
    assert!(
        text.contains("2. Perthnasoedd sy'n newid: ŵyr a ŷd"),
        "{text}"
    );
    assert!(text.contains("Question 2 of 4"));
}

#[test]
fn before_the_first_read_and_for_a_missing_file_the_wall_says_what_it_waits_for() {
    let mut p = Presenter::new("/nowhere/s.ron".as_ref(), false);
    let text = screen_text(&draw(&p, at("10:00:00"), 80, 24));
    assert!(text.contains("Reading the session…"), "{text}");
    p.loaded(Err(LoadError::Io {
        path: p.path.clone(),
        source: std::io::ErrorKind::NotFound.into(),
    }));
    let text = screen_text(&draw(&p, at("10:00:00"), 80, 24));
    assert!(text.contains("No session file here yet"), "{text}");
    assert!(text.contains("s.ron deleted — waiting for it to come back"));
}

#[test]
fn every_size_draws_without_a_panic() {
    let (question, now) = question_two(true);
    let wrap = presenter(session_of(&wrap_up()), true);
    for width in (1..=130).step_by(7) {
        for height in (1..=45).step_by(4) {
            for p in [&question, &wrap] {
                let text = screen_text(&draw(p, now, width, height));
                assert_eq!(text.lines().count(), usize::from(height));
            }
        }
    }
}

/// Once the room has voted, the projector's wrap-up ranks what it voted
/// for beside what was starred, most votes at the top.
#[test]
fn the_wrap_up_ranks_the_room_s_votes_beside_the_starred() {
    use stb::app::Action;
    let mut app = wrap_up();
    for _ in 0..3 {
        super::fixtures::step(&mut app, Action::Down, at("10:45:01"));
    }
    for _ in 0..3 {
        super::fixtures::step(&mut app, Action::Vote, at("10:45:02"));
    }
    super::fixtures::step(&mut app, Action::Last, at("10:45:03"));
    super::fixtures::step(&mut app, Action::Vote, at("10:45:04"));
    let p = presenter(session_of(&app), false);
    let terminal = draw(&p, at("10:46:00"), 100, 30);
    let text = screen_text(&terminal);
    assert!(text.contains("Starred (3)"), "{text}");
    assert!(text.contains("Votes (2)"), "{text}");
    let three = text.find("●3").expect("the insight with three votes");
    let one = text.find("●1").expect("the insight with one");
    assert!(three < one, "most votes at the top: {text}");
    snapshot("present_wrap_up_votes_100x30", &terminal);
}
