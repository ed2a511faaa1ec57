//! Rendered screens: every screen drawn on ratatui's `TestBackend` from a
//! state built only through `App::update`, the way the terminal loop builds
//! it. Each screen is snapshotted as text (`tests/snapshots/`) and the facts a
//! facilitator relies on are asserted directly, so a test fails for a real
//! reason and not only because a snapshot changed. A sweep over sizes checks
//! that no screen panics in any terminal, however small.

use jiff::Timestamp;
use jiff::civil::date;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Color;
use stb::app::{Action, App, Config, Effect};
use stb::model::{
    Consent, InsightFields, Kind, Nation, ParticipantFields, Place, PracticeType, Sector, Session,
    SessionDetails, StampClock,
};
use std::path::{Path, PathBuf};
use unicode_width::UnicodeWidthStr;

// ---------------------------------------------------------------------------
// Building states
// ---------------------------------------------------------------------------

/// A wall-clock time on the workshop day (UTC, which is also the app's zone).
fn at(hms: &str) -> Timestamp {
    format!("2026-11-22T{hms}Z").parse().unwrap()
}

fn config() -> Config {
    Config {
        sessions_dir: "/sessions".into(),
        bell: false,
        device: "test".into(),
        time_zone: jiff::tz::TimeZone::UTC,
    }
}

/// Applies an action as the loop does: a `Save` effect is run (here: it
/// always succeeds) and its outcome fed back, so the status line says "saved".
fn step(app: &mut App, action: Action, now: Timestamp) {
    for effect in app.update(action, now) {
        if effect == Effect::Save {
            app.update(Action::Saved(Ok(now)), now);
        }
    }
}

fn key(code: KeyCode) -> Action {
    Action::Input(KeyEvent::new(code, KeyModifiers::NONE))
}

/// Types `text` key by key into the focused text field.
fn type_text(app: &mut App, text: &str, now: Timestamp) {
    for c in text.chars() {
        step(app, key(KeyCode::Char(c)), now);
    }
}

/// Types a line on the capture line and presses Enter.
fn capture(app: &mut App, line: &str, now: Timestamp) {
    type_text(app, line, now);
    step(app, Action::Submit, now);
}

/// The Pembrokeshire workshop with three people on the roster.
fn pembrokeshire() -> Session {
    let mut clock = StampClock::new("test");
    let stamp = clock.stamp_at(at("09:30:00"));
    let mut session = Session::new(
        SessionDetails {
            title: "Community power after the pandemic".into(),
            place: Place {
                locality: "Pembrokeshire".into(),
                nation: Nation::Wales,
            },
            date: Some(date(2026, 11, 22)),
            facilitator: "Rhian Evans".into(),
            note_takers: vec!["Tom Price".into()],
        },
        date(2026, 11, 22),
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
fn session_path() -> PathBuf {
    "/sessions/2026-11-22-pembrokeshire.ron".into()
}

/// Question 1 answered, then question 2 with its timer started at 10:01, five
/// insights (one starred) and the capture line empty again; the clock reads
/// 10:09:30.
fn on_question_two() -> App {
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
    step(&mut app, Action::FocusList, at("10:09:00"));
    for _ in 0..3 {
        step(&mut app, Action::Up, at("10:09:00"));
    }
    step(&mut app, Action::Star, at("10:09:00"));
    step(&mut app, Action::FocusCapture, at("10:09:00"));
    step(&mut app, Action::Tick, at("10:09:30"));
    app
}

/// Question 2 with its 20-minute timebox overrun by 2:15.
fn time_up() -> App {
    let mut app = on_question_two();
    step(&mut app, Action::Tick, at("10:23:15"));
    app
}

/// All four questions answered (11 insights, 3 starred), then Ctrl+N past
/// question 4 to the wrap-up.
fn wrap_up() -> App {
    let mut app = on_question_two();
    step(&mut app, Action::NextQuestion, at("10:30:00"));
    capture(
        &mut app,
        "Digital exclusion hit older residents in the valleys hardest @Siân #barrier",
        at("10:31:00"),
    );
    step(&mut app, Action::FocusList, at("10:32:00"));
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
    step(&mut app, Action::FocusList, at("10:41:00"));
    step(&mut app, Action::Up, at("10:41:00"));
    step(&mut app, Action::Star, at("10:41:00"));
    step(&mut app, Action::FocusCapture, at("10:41:00"));
    step(&mut app, Action::NextQuestion, at("10:45:00"));
    app
}

fn with_help(mut app: App) -> App {
    let now = app.now;
    step(&mut app, Action::ToggleHelp, now);
    app
}

fn with_participants(mut app: App) -> App {
    let now = app.now;
    step(&mut app, Action::Participants, now);
    app
}

/// The new-session form as `n` on the home screen opens it.
fn new_session_form() -> App {
    let mut app = App::new(config(), at("09:00:00"));
    step(&mut app, Action::NewSession, at("09:00:00"));
    app
}

/// The form after Ctrl+S with nothing filled in.
fn new_session_form_with_error() -> App {
    let mut app = new_session_form();
    step(&mut app, Action::SubmitForm, at("09:00:05"));
    app
}

/// Every field filled in, the date mistyped, then Ctrl+S.
fn new_session_form_with_bad_date() -> App {
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

/// Question 2 with its starred insight (still selected in the list) open
/// for editing.
fn editing() -> App {
    let mut app = on_question_two();
    step(&mut app, Action::FocusList, at("10:10:00"));
    step(&mut app, Action::Edit, at("10:10:00"));
    app
}

/// Question 2 choosing where to move the last insight.
fn moving() -> App {
    let mut app = on_question_two();
    step(&mut app, Action::FocusList, at("10:10:00"));
    step(&mut app, Action::Move, at("10:10:00"));
    app
}

/// The participant form, opened from the panel and saved with no name.
fn participant_form() -> App {
    let mut app = with_participants(on_question_two());
    step(&mut app, Action::AddParticipant, at("10:10:00"));
    step(&mut app, Action::SubmitForm, at("10:10:00"));
    app
}

/// A line of Welsh, emoji and CJK text, wider than the screen.
fn wide_text() -> App {
    let mut app = on_question_two();
    capture(
        &mut app,
        "Mae’r gymuned yn gryfach 💪👨‍👩‍👧‍👦 ŵ ŷ — ÿ̆ 漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字 @Siân #喜び",
        at("10:10:00"),
    );
    app
}

/// Another session, with nothing captured yet.
fn other_session(title: &str, locality: &str, nation: Nation, day: jiff::civil::Date) -> Session {
    let mut clock = StampClock::new("test");
    let stamp = clock.stamp_at(at("08:00:00"));
    Session::new(
        SessionDetails {
            title: title.into(),
            place: Place {
                locality: locality.into(),
                nation,
            },
            date: Some(day),
            facilitator: "Rhian Evans".into(),
            note_takers: Vec::new(),
        },
        day,
        stamp,
    )
}

/// Home with three sessions and one file that cannot be read, listed from a
/// real folder by `storage::list_sessions`. The folder's temporary path is
/// rewritten to the configured `/sessions` so the screen is the same on every
/// machine (insta's `filters` feature is not enabled in this crate).
fn home() -> App {
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

    let mut listed = stb::storage::list_sessions(dir.path());
    assert_eq!(listed.len(), 4, "three sessions and one broken file");
    let temp = dir.path().display().to_string();
    for entry in &mut listed {
        entry.path = Path::new("/sessions").join(entry.path.file_name().unwrap());
        if let Err(error) = &mut entry.summary {
            *error = error.replace(&temp, "/sessions");
        }
    }
    let mut app = App::new(config(), at("09:00:00"));
    step(&mut app, Action::Listed(listed), at("09:00:00"));
    app
}

/// Home with an empty folder.
fn home_empty() -> App {
    let mut app = App::new(config(), at("09:00:00"));
    step(&mut app, Action::Listed(Vec::new()), at("09:00:00"));
    app
}

// ---------------------------------------------------------------------------
// Drawing and reading the screen
// ---------------------------------------------------------------------------

fn draw(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|f| stb::ui::render(app, f)).unwrap();
    terminal
}

/// The screen as plain text, one line per row, wide characters once.
fn screen_text(terminal: &Terminal<TestBackend>) -> String {
    let buffer = terminal.backend().buffer();
    let mut text = String::new();
    for y in 0..buffer.area.height {
        let mut skip = 0;
        for x in 0..buffer.area.width {
            let symbol = buffer[(x, y)].symbol();
            if skip == 0 {
                text.push_str(symbol);
            }
            skip = std::cmp::max(skip, symbol.width()).saturating_sub(1);
        }
        text.push('\n');
    }
    text
}

/// The rows of the screen that contain `needle`.
fn rows_with<'a>(text: &'a str, needle: &str) -> Vec<&'a str> {
    text.lines().filter(|l| l.contains(needle)).collect()
}

/// The one row containing `needle`.
fn row_with<'a>(text: &'a str, needle: &str) -> &'a str {
    match rows_with(text, needle).as_slice() {
        [row] => row,
        rows => panic!("{needle:?} on {} rows of\n{text}", rows.len()),
    }
}

/// The row number of the one row containing `needle`.
fn row_index(text: &str, needle: &str) -> usize {
    let rows: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains(needle))
        .map(|(i, _)| i)
        .collect();
    assert_eq!(rows.len(), 1, "{needle:?} on rows {rows:?} of\n{text}");
    rows[0]
}

/// The count at the right of a table row, e.g. `│Barrier      3 │`: the
/// one place on screen where `label` is followed by only spaces and a number
/// before the cell ends.
fn count_in(text: &str, label: &str) -> usize {
    let mut found = Vec::new();
    for row in text.lines() {
        for (i, _) in row.match_indices(label) {
            let cell = row[i + label.len()..].split('│').next().unwrap_or("");
            if let Ok(n) = cell.trim().parse::<usize>()
                && cell.starts_with(' ')
            {
                found.push(n);
            }
        }
    }
    match found.as_slice() {
        [n] => *n,
        _ => panic!("{label:?} has counts {found:?} in\n{text}"),
    }
}

/// The colour behind the first cell of `needle` on screen.
fn background_of(terminal: &Terminal<TestBackend>, needle: &str) -> Color {
    let buffer = terminal.backend().buffer();
    let text = screen_text(terminal);
    let y = row_index(&text, needle);
    let row = text.lines().nth(y).unwrap();
    let x = row[..row.find(needle).unwrap()].width();
    buffer[(x as u16, y as u16)].bg
}

fn snapshot(name: &str, terminal: &Terminal<TestBackend>) {
    insta::assert_snapshot!(name, terminal.backend().to_string());
}

// ---------------------------------------------------------------------------
// Screens
// ---------------------------------------------------------------------------

#[test]
fn home_lists_sessions_newest_first_and_names_the_broken_file() {
    let app = home();
    let t = draw(&app, 100, 20);
    let text = screen_text(&t);
    snapshot("home_100x20", &t);
    assert!(text.contains("Sessions in /sessions"), "{text}");
    assert!(text.contains("Sessions (4)"), "{text}");
    let order = [
        "Community power after the pandemic",
        "Mutual aid and the council",
        "Neighbourhood networks in Leeds",
        "unreadable",
    ];
    let rows: Vec<usize> = order.iter().map(|n| row_index(&text, n)).collect();
    assert!(
        rows.is_sorted(),
        "newest first, broken last: {rows:?}\n{text}"
    );
    let pembs = row_with(&text, "Community power after the pandemic");
    assert!(pembs.contains("› "), "the newest is selected: {pembs:?}");
    assert!(pembs.contains("2026-11-22") && pembs.contains("Pembrokeshire, Wales"));
    assert!(
        pembs.trim_end_matches([' ', '│']).ends_with("11"),
        "{pembs:?}"
    );
    let glasgow = row_with(&text, "Mutual aid and the council");
    assert!(glasgow.contains("Glasgow, Scotland"), "{glasgow:?}");
    assert!(
        glasgow.trim_end_matches([' ', '│']).ends_with('2'),
        "{glasgow:?}"
    );
    let broken = row_with(&text, "unreadable");
    assert!(broken.contains("broken.ron:3:10:"), "{broken:?}");
    assert!(
        !text.contains("/tmp"),
        "temporary paths are masked:\n{text}"
    );
}

#[test]
fn home_at_80_columns_still_shows_every_column() {
    let app = home();
    let t = draw(&app, 80, 24);
    let text = screen_text(&t);
    snapshot("home_80x24", &t);
    for header in ["Date", "Title", "Place", "Insights"] {
        assert!(row_with(&text, "Date").contains(header), "{text}");
    }
    assert!(text.contains("Pembrokeshire, Wales"), "{text}");
}

#[test]
fn home_with_no_sessions_says_how_to_start_one() {
    let t = draw(&home_empty(), 80, 24);
    let text = screen_text(&t);
    snapshot("home_empty_80x24", &t);
    assert!(text.contains("No sessions here yet."), "{text}");
    assert!(text.contains("Press n to start a new session"), "{text}");
}

#[test]
fn new_session_form_defaults_to_today() {
    let t = draw(&new_session_form(), 80, 24);
    let text = screen_text(&t);
    snapshot("new_session_80x24", &t);
    assert!(text.contains("New session"), "{text}");
    assert!(row_with(&text, "Date").contains("2026-11-22"), "{text}");
    assert!(row_with(&text, "Title").contains("› Title"), "{text}");
    assert!(row_with(&text, "Nation").contains("◀ England ▶"), "{text}");
    assert!(
        text.contains("e.g. Community power after the pandemic"),
        "the focused field's hint shows:\n{text}"
    );
    assert!(!text.contains('✗'), "{text}");
}

#[test]
fn new_session_form_shows_why_it_was_not_saved() {
    let t = draw(&new_session_form_with_error(), 80, 24);
    let text = screen_text(&t);
    snapshot("new_session_error_80x24", &t);
    assert!(text.contains("✗ The session needs a title"), "{text}");
    assert!(row_with(&text, "Title").contains("› Title"), "{text}");
}

#[test]
fn new_session_form_filled_in_shows_each_value_beside_its_label() {
    let t = draw(&new_session_form_with_bad_date(), 80, 24);
    let text = screen_text(&t);
    snapshot("new_session_bad_date_80x24", &t);
    assert!(
        text.contains("✗ \"22/11/2026\" is not a date: use YYYY-MM-DD"),
        "{text}"
    );
    assert!(row_with(&text, "Date").contains("› Date"), "{text}");
    assert!(row_with(&text, "Nation").contains("◀ Wales ▶"), "{text}");
    for (label, value) in [
        ("Title", "Community power after the pandemic"),
        ("Place", "Pembrokeshire"),
        ("Facilitator", "Rhian Evans"),
        ("Note-takers", "Tom Price, Mari Owen"),
        ("Participants", "Ann Jones, Bryn Hughes, Siân Lloyd"),
    ] {
        let row = row_with(&text, label);
        assert!(
            row.contains(&format!("{label} ")) && row.contains(value),
            "{label}: {row:?}"
        );
    }
}

/// The facts of question 2 that any size shows.
fn assert_question_two(text: &str) {
    assert!(
        text.contains("Question 2 of 4 · Shifting relationships"),
        "{text}"
    );
    assert!(
        text.contains("Community power after the pandemic"),
        "{text}"
    );
    assert!(text.contains("Insights (5)"), "{text}");
    assert!(text.contains("11:30 left"), "timer running: {text}");
    assert!(!text.contains("Ctrl+T starts"), "{text}");
    assert!(
        !text.contains("Food parcels"),
        "question 1's insights stay there:\n{text}"
    );
    let ann = row_with(text, "Ann Jones:");
    assert!(ann.contains("10:02"), "{ann:?}");
    assert!(
        ann.contains("The council lent the leisure centre"),
        "{ann:?}"
    );
    assert!(ann.contains("#innovation"), "{ann:?}");
    let starred = row_with(text, "★");
    assert!(starred.contains("Bryn Hughes:"), "{starred:?}");
    assert!(
        starred.contains("Officers answered their phones"),
        "{starred:?}"
    );
    assert!(starred.contains("#enabler"), "{starred:?}");
    let sian = row_with(text, "Siân Lloyd:");
    assert!(sian.contains("#barrier"), "{sian:?}");
    let board = row_with(text, "Mutual aid groups now sit");
    assert!(board.contains("#collaboration"), "{board:?}");
    assert!(
        board.contains("10:06 Mutual aid"),
        "unattributed: {board:?}"
    );
    assert!(text.contains("saved 10:09:00"), "{text}");
}

#[test]
fn question_screen_80x24() {
    let t = draw(&on_question_two(), 80, 24);
    let text = screen_text(&t);
    snapshot("question_80x24", &t);
    // Insights wrap in full, so at 80×24 the oldest scrolls out of view and
    // the newest, wrapped over three rows, is whole at the bottom.
    assert!(
        text.contains("Question 2 of 4") && text.contains("Insights (5)"),
        "{text}"
    );
    assert!(
        !text.contains("Ann Jones:"),
        "the oldest has scrolled off:\n{text}"
    );
    assert!(
        text.contains("the paperwork could wait until the crisis had passed"),
        "{text}"
    );
    assert!(row_with(&text, "★").contains("Bryn Hughes:"), "{text}");
    assert!(text.contains("Type what is said"), "placeholder: {text}");
}

#[test]
fn question_screen_120x40() {
    let mut app = on_question_two();
    type_text(
        &mut app,
        "Residents chair the meetings now @Si",
        at("10:09:30"),
    );
    let t = draw(&app, 120, 40);
    let text = screen_text(&t);
    snapshot("question_120x40", &t);
    assert_question_two(&text);
    // With room, the whole question and every prompt are there.
    assert!(
        text.contains("What shifts in practice explain this?"),
        "{text}"
    );
    assert!(text.contains("Where did trust grow"), "{text}");
    assert!(
        row_with(&text, "Residents chair the meetings now @Si").contains('│'),
        "the typed line is in the capture box:\n{text}"
    );
}

#[test]
fn question_screen_at_the_smallest_size_keeps_the_essentials() {
    let t = draw(&on_question_two(), stb::ui::MIN_WIDTH, stb::ui::MIN_HEIGHT);
    let text = screen_text(&t);
    snapshot("question_60x16", &t);
    assert!(text.contains("Question 2 of 4"), "{text}");
    assert!(text.contains("11:30 left"), "{text}");
    assert!(text.contains("Capture"), "{text}");
    assert!(
        text.contains("We stopped making"),
        "the newest insight stays in view:\n{text}"
    );
}

#[test]
fn question_screen_shows_time_up_with_the_overrun() {
    let t = draw(&time_up(), 80, 24);
    let text = screen_text(&t);
    snapshot("question_time_up_80x24", &t);
    assert!(text.contains("time up +02:15"), "{text}");
    assert!(!text.contains("left"), "{text}");
    assert_eq!(
        background_of(&t, "time up"),
        Color::Red,
        "time up stands out"
    );
    assert!(text.contains("Question 2 of 4"), "{text}");
}

/// The wrap-up's counts, as the fixture's capture lines tally them.
fn assert_wrap_up_counts(text: &str) {
    assert!(text.contains("Wrap-up"), "{text}");
    assert!(text.contains("11 insights from 3 participants"), "{text}");
    for (label, n) in [
        ("1. Good practices", 2),
        ("2. Shifting relationships", 5),
        ("3. Less-advantaged communities", 1),
        ("4. Sustaining the change", 3),
        ("Adaptation", 2),
        ("Innovation", 2),
        ("Collaboration", 2),
        ("(unclassified)", 5),
        ("Observation", 3),
        ("Barrier", 3),
        ("Enabler", 2),
        ("Lesson", 1),
        ("Quote", 1),
        ("Idea", 0),
        ("Action", 1),
    ] {
        assert_eq!(count_in(text, label), n, "{label}\n{text}");
    }
    assert!(text.contains("★ Starred (3)"), "{text}");
    for starred in [
        "Officers answered their phones",
        "Digital exclusion hit older",
        "Keep the weekly partnership",
    ] {
        assert!(text.contains(starred), "{starred}\n{text}");
    }
}

#[test]
fn wrap_up_80x24() {
    let t = draw(&wrap_up(), 80, 24);
    let text = screen_text(&t);
    snapshot("wrap_up_80x24", &t);
    assert_wrap_up_counts(&text);
}

#[test]
fn wrap_up_120x40() {
    let t = draw(&wrap_up(), 120, 40);
    let text = screen_text(&t);
    snapshot("wrap_up_120x40", &t);
    assert_wrap_up_counts(&text);
    for (label, n) in [
        ("Public", 3),
        ("VCSE", 3),
        ("Community", 3),
        ("Business", 0),
        ("National gov", 0),
        ("(nobody)", 2),
    ] {
        assert_eq!(count_in(&text, label), n, "{label}\n{text}");
    }
}

#[test]
fn wrap_up_at_the_smallest_size_keeps_the_totals() {
    let t = draw(&wrap_up(), stb::ui::MIN_WIDTH, stb::ui::MIN_HEIGHT);
    let text = screen_text(&t);
    snapshot("wrap_up_60x16", &t);
    assert!(text.contains("11 insights from 3 participants"), "{text}");
    assert!(text.contains("Starred (3)"), "{text}");
}

#[test]
fn help_overlay_lists_keys_and_marks_where_you_are() {
    let t = draw(&with_help(on_question_two()), 80, 24);
    let text = screen_text(&t);
    snapshot("help_80x24", &t);
    assert!(text.contains("Help · every key"), "{text}");
    assert!(text.contains("▸ Capture line"), "{text}");
    assert!(text.contains("save and quit"), "{text}");
    let t = draw(&with_help(on_question_two()), 120, 40);
    snapshot("help_120x40", &t);
    assert!(screen_text(&t).contains("▸ Capture line"));
}

#[test]
fn participants_panel_shows_the_roster() {
    let t = draw(&with_participants(on_question_two()), 80, 24);
    let text = screen_text(&t);
    snapshot("participants_80x24", &t);
    assert!(text.contains("Participants (3)"), "{text}");
    let ann = row_with(&text, "Ann Jones");
    assert!(ann.contains("› "), "first is selected: {ann:?}");
    assert!(ann.contains("Public") && ann.contains("given"), "{ann:?}");
    let bryn = row_with(&text, "Bryn Hughes");
    assert!(bryn.contains("PAVS") && bryn.contains("VCSE"), "{bryn:?}");
    assert!(bryn.trim_end_matches([' ', '│']).ends_with('2'), "{bryn:?}");
    let sian = row_with(&text, "Siân Lloyd");
    assert!(sian.contains("not recorded"), "{sian:?}");
}

#[test]
fn edit_popup_holds_the_insight_as_a_capture_line() {
    let t = draw(&editing(), 80, 24);
    let text = screen_text(&t);
    snapshot("edit_80x24", &t);
    assert!(text.contains("Edit insight"), "{text}");
    // The line wraps in the popup, so its words are checked one by one.
    for word in [
        "Officers answered their phones at weekends, so trust grew",
        "@Bryn_Hughes",
        "enabler",
    ] {
        assert!(text.contains(word), "{word}\n{text}");
    }
}

#[test]
fn move_popup_lists_the_questions() {
    let t = draw(&moving(), 80, 24);
    let text = screen_text(&t);
    snapshot("move_80x24", &t);
    assert!(text.contains("Move insight to question"), "{text}");
    for q in [
        "1  Good practices",
        "2  Shifting relationships",
        "3  Less-advantaged communities",
        "4  Sustaining the change",
    ] {
        assert!(text.contains(q), "{q}\n{text}");
    }
}

#[test]
fn participant_form_refuses_a_nameless_participant() {
    let t = draw(&participant_form(), 80, 24);
    let text = screen_text(&t);
    snapshot("participant_form_80x24", &t);
    assert!(text.contains("Add participant"), "{text}");
    assert!(text.contains("✗ A participant needs a name"), "{text}");
    assert!(row_with(&text, "◀ Other ▶").contains("Sector"), "{text}");
}

#[test]
fn wide_characters_never_break_the_insight_list() {
    let t = draw(&wide_text(), 80, 24);
    let text = screen_text(&t);
    snapshot("wide_text_80x24", &t);
    let row = row_with(&text, "Mae’r gymuned");
    assert!(row.contains("Siân Lloyd:"), "{row:?}");
    for line in text.lines() {
        assert_eq!(
            line.width(),
            80,
            "every row is exactly the screen wide: {line:?}"
        );
    }
}

#[test]
fn too_small_screen_asks_for_more_room() {
    let t = draw(&on_question_two(), 40, 10);
    let text = screen_text(&t);
    snapshot("too_small_40x10", &t);
    assert!(text.contains("Please enlarge the window"), "{text}");
    assert!(text.contains("this is 40×10"), "{text}");
    assert!(!text.contains("Question 2"), "{text}");
}

// ---------------------------------------------------------------------------
// Any size
// ---------------------------------------------------------------------------

/// Every screen, plus the popups that have no snapshot of their own.
fn every_screen() -> Vec<(&'static str, App)> {
    let mut failed_save = on_question_two();
    step(
        &mut failed_save,
        Action::Saved(Err("cannot save /sessions/x.ron: disk full".into())),
        at("10:10:00"),
    );
    vec![
        ("home", home()),
        ("home empty", home_empty()),
        ("new session", new_session_form()),
        ("new session error", new_session_form_with_error()),
        ("question", on_question_two()),
        ("time up", time_up()),
        ("wrap-up", wrap_up()),
        ("help", with_help(on_question_two())),
        ("help at wrap-up", with_help(wrap_up())),
        ("participants", with_participants(on_question_two())),
        ("new session bad date", new_session_form_with_bad_date()),
        ("edit", editing()),
        ("move", moving()),
        ("participant form", participant_form()),
        ("wide text", wide_text()),
        ("failed save", failed_save),
    ]
}

#[test]
fn no_screen_panics_at_any_size() {
    // A coarse grid from nothing to very large, dense around the smallest
    // size the screens are laid out for (60×16), where layouts are tightest.
    let widths = [0, 1, 2, 10, 40, 59, 60, 61, 62, 79, 80, 120, 200];
    let heights = [0, 1, 2, 5, 10, 15, 16, 17, 18, 23, 24, 40, 60];
    for (name, app) in every_screen() {
        for &w in &widths {
            for &h in &heights {
                let drawn = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    screen_text(&draw(&app, w, h))
                }));
                let Ok(text) = drawn else {
                    panic!("{name} panicked at {w}×{h}");
                };
                let too_small = w < stb::ui::MIN_WIDTH || h < stb::ui::MIN_HEIGHT;
                if too_small && w >= 25 && h >= 1 {
                    assert!(
                        text.contains("Please enlarge the window"),
                        "{name} at {w}×{h}:\n{text}"
                    );
                }
            }
        }
    }
}
