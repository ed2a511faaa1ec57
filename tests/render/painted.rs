//! What a terminal shows of the frames the terminal loop paints: only the
//! rows a frame drew go out (the insights list is left as it is while a
//! line is typed), so after any keys, at any size, the screen must still
//! be exactly the frame drawn afresh. The bytes are replayed through a
//! terminal emulator (vt100) and read back cell by cell: text, colours,
//! bold and reverse, and the cursor.

use super::chaos::{Step, apply};
use super::fixtures::{at, capture, on_question_two};
use proptest::prelude::*;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::{Position, Rect, Size};
use ratatui::style::{Color, Modifier};
use stb::app::{Action, App, keymap};
use stb::runtime::painter::Painter;
use stb::ui::FrameCache;
use stb::ui::canvas::Canvas;

/// Keys a facilitator presses by reflex, letters (some wide) and commands.
fn key() -> impl Strategy<Value = KeyEvent> {
    let letters = prop::sample::select(vec!['a', 'b', ' ', '#', '@', 'é', 'ŵ', '漢', '🚲', '1']);
    let plain = prop_oneof![
        6 => letters.prop_map(KeyCode::Char),
        2 => Just(KeyCode::Enter),
        1 => Just(KeyCode::Tab),
        1 => Just(KeyCode::Esc),
        1 => Just(KeyCode::Backspace),
        1 => Just(KeyCode::Up),
        1 => Just(KeyCode::Down),
        1 => Just(KeyCode::PageUp),
        1 => (1..4u8).prop_map(KeyCode::F),
        1 => prop::sample::select(vec!['l', 'e', 'm', 'u', 'n', 'p', 't', 'z']).prop_map(KeyCode::Char),
    ];
    let mods = prop_oneof![
        5 => Just(KeyModifiers::NONE),
        1 => Just(KeyModifiers::CONTROL),
    ];
    (plain, mods).prop_map(|(code, mods)| KeyEvent::new(code, mods))
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        12 => key().prop_map(Step::Key),
        1 => (30..130u16, 8..45u16).prop_map(|(w, h)| Step::Resize(w, h)),
    ]
}

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("sizes are never zero here")
}

/// The frame drawn afresh, and where it puts the cursor.
fn fresh(app: &App, size: Size) -> (Buffer, Option<Position>) {
    let mut buffer = Buffer::empty(Rect::from((Position::ORIGIN, size)));
    let mut canvas = Canvas::blank(&mut buffer);
    stb::ui::draw(app, &mut canvas, &mut FrameCache::default());
    let cursor = canvas.cursor();
    (buffer, cursor)
}

/// The colour a terminal emulator reads back for one ratatui sends.
fn emulated(color: Color) -> vt100::Color {
    let named = [
        Color::Black,
        Color::Red,
        Color::Green,
        Color::Yellow,
        Color::Blue,
        Color::Magenta,
        Color::Cyan,
        Color::Gray,
        Color::DarkGray,
        Color::LightRed,
        Color::LightGreen,
        Color::LightYellow,
        Color::LightBlue,
        Color::LightMagenta,
        Color::LightCyan,
        Color::White,
    ];
    match color {
        Color::Reset => vt100::Color::Default,
        Color::Indexed(i) => vt100::Color::Idx(i),
        Color::Rgb(r, g, b) => vt100::Color::Rgb(r, g, b),
        named_color => {
            let i = named.iter().position(|c| *c == named_color).unwrap();
            vt100::Color::Idx(i as u8)
        }
    }
}

/// Asserts the emulator's screen is `frame`, cell by cell, cursor included.
fn assert_shows(screen: &vt100::Screen, frame: &Buffer, cursor: Option<Position>, after: &str) {
    for y in 0..frame.area.height {
        for x in 0..frame.area.width {
            let Some(shown) = screen.cell(y, x) else {
                panic!("{after}: no cell at {x},{y}");
            };
            if shown.is_wide_continuation() {
                continue;
            }
            let want = &frame[(x, y)];
            let text = match shown.contents() {
                "" => " ",
                text => text,
            };
            let at = format!("{after}: cell {x},{y}");
            assert_eq!(text, want.symbol(), "{at}: text");
            // A blank's colour and weight are invisible (and ratatui's own
            // diff leaves them as they were where a wide letter stood).
            if text != " " {
                assert_eq!(shown.fgcolor(), emulated(want.fg), "{at}: colour");
                assert_eq!(
                    shown.bold(),
                    want.modifier.contains(Modifier::BOLD),
                    "{at}: bold"
                );
            }
            assert_eq!(shown.bgcolor(), emulated(want.bg), "{at}: background");
            let reversed = want.modifier.contains(Modifier::REVERSED);
            assert_eq!(shown.inverse(), reversed, "{at}: reverse");
        }
    }
    match cursor {
        Some(at) => {
            assert!(!screen.hide_cursor(), "{after}: the cursor is shown");
            assert_eq!(
                screen.cursor_position(),
                (at.y, at.x),
                "{after}: the cursor"
            );
        }
        None => assert!(screen.hide_cursor(), "{after}: the cursor is hidden"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn the_terminal_shows_every_painted_frame_as_drawn_afresh(
        earlier in 0..25usize,
        steps in prop::collection::vec(step(), 1..50),
    ) {
        let mut app = on_question_two();
        for n in 0..earlier {
            capture(&mut app, &format!("earlier insight {n} #food"), at("10:00:00"));
        }
        let mut size = Size { width: 80, height: 24 };
        let mut terminal = vt100::Parser::new(nonzero(size.height), nonzero(size.width), 0);
        let mut painter = Painter::default();
        let mut cache = FrameCache::default();
        let mut bytes = Vec::new();
        let mut typed = false;
        for (n, next) in steps.iter().enumerate() {
            match next {
                Step::Resize(width, height) => {
                    size = Size { width: *width, height: *height };
                    terminal.screen_mut().set_size(nonzero(size.height), nonzero(size.width));
                }
                Step::Key(key) => {
                    let Some(action) = keymap::action_for(app.context(), key) else { continue };
                    typed = matches!(action, Action::Input(_));
                    if !apply(&mut app, action) {
                        break;
                    }
                }
            }
            bytes.clear();
            painter.paint(size, |canvas| stb::ui::draw(&app, canvas, &mut cache), &mut bytes);
            terminal.process(&bytes);
            let (frame, cursor) = fresh(&app, size);
            assert_shows(terminal.screen(), &frame, cursor, &format!("step {n}, {next:?}"));
            // As the loop does once a typed key is answered: what its Enter
            // would draw is drawn ahead (and taken only if it is that).
            painter.tidy();
            if std::mem::take(&mut typed) {
                app.update(Action::Prepare, app.now);
                stb::ui::prepare_enter(&app, &mut cache, app.now);
            }
        }
    }
}

/// Typing a letter sends the capture box's row and the lines around it,
/// not the insights above; an Enter has the terminal scroll the list up
/// and sends the new insight alone: on a slow link (ssh from a laptop in the room)
/// and for the terminal's own work, a keystroke is a few hundred bytes.
#[test]
fn a_letter_sends_its_rows_and_an_enter_scrolls_the_list() {
    let mut app = on_question_two();
    for n in 0..25 {
        capture(&mut app, &format!("earlier-{n} #food"), at("10:00:00"));
    }
    let size = Size {
        width: 100,
        height: 30,
    };
    let mut painter = Painter::default();
    let mut cache = FrameCache::default();
    let mut paint = |app: &App| {
        let mut bytes = Vec::new();
        painter.paint(
            size,
            |canvas| stb::ui::draw(app, canvas, &mut cache),
            &mut bytes,
        );
        String::from_utf8_lossy(&bytes).into_owned()
    };
    let first = paint(&app);
    assert!(first.contains("earlier-24"), "the first frame is whole");

    let now = at("10:00:00");
    super::fixtures::step(
        &mut app,
        Action::Input(KeyEvent::from(KeyCode::Char('x'))),
        now,
    );
    let letter = paint(&app);
    assert!(letter.contains('x'), "the letter is sent");
    assert!(
        !letter.contains("earlier-"),
        "a letter sends no insight: {letter:?}"
    );
    assert!(letter.len() < 120, "a letter sent {letter:?}");

    super::fixtures::step(&mut app, Action::Submit, now);
    let enter = paint(&app);
    assert!(
        enter.contains("\x1b[1S") && !enter.contains("earlier-"),
        "an Enter scrolls the list up a row and sends only the new insight: {enter:?}"
    );
    super::fixtures::step(
        &mut app,
        Action::Input(KeyEvent::from(KeyCode::Char('y'))),
        now,
    );
    let next = paint(&app);
    assert!(
        next.contains('y') && next.len() < 400,
        "the next letter sends its rows alone again: {next:?}"
    );
}

/// The header is kept while a line is typed, and drawn again when what it
/// shows changes: here the agenda, at the next question.
#[test]
fn the_header_is_drawn_again_when_the_agenda_changes() {
    let mut app = on_question_two();
    let size = Size {
        width: 120,
        height: 30,
    };
    let mut terminal = vt100::Parser::new(nonzero(size.height), nonzero(size.width), 0);
    let mut painter = Painter::default();
    let mut cache = FrameCache::default();
    // The fixture's timer runs: the clock stands still here.
    let now = app.now;
    let mut show = |app: &App, terminal: &mut vt100::Parser| {
        let mut bytes = Vec::new();
        painter.paint(
            size,
            |canvas| stb::ui::draw(app, canvas, &mut cache),
            &mut bytes,
        );
        terminal.process(&bytes);
        let (frame, cursor) = fresh(app, size);
        assert_shows(terminal.screen(), &frame, cursor, "after a change");
    };
    show(&app, &mut terminal);
    // Its text and styles, as escape sequences.
    let header = |terminal: &vt100::Parser| {
        let mut rows = terminal.screen().rows_formatted(0, size.width);
        rows.next().unwrap_or_default()
    };
    let before = header(&terminal);
    super::fixtures::step(
        &mut app,
        Action::Input(KeyEvent::from(KeyCode::Char('x'))),
        now,
    );
    show(&app, &mut terminal);
    assert_eq!(header(&terminal), before, "a letter leaves the header");
    super::fixtures::step(&mut app, Action::NextQuestion, now);
    show(&app, &mut terminal);
    assert_ne!(header(&terminal), before, "the agenda marks question 3");
}
