//! Hostile text never reaches the terminal as itself: a session whose
//! texts carry escape sequences (clear screen, clipboard write, hidden
//! link), the C1 byte 0x9B and a bidirectional override is drawn through
//! the real crossterm backend into a byte buffer, and none of those
//! sequences comes out. (Without `ui::inert`, the override does.)

use super::fixtures::{at, config, pembrokeshire, session_path};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use stb::app::{Action, App};
use stb::model::{InsightFields, ParticipantFields, StampClock};

pub(super) const HOSTILE: &str =
    "Hub\u{1b}[2J\u{1b}]52;c;cGF3bmVk\u{7}\u{1b}]8;;http://x\u{1b}\\link\u{9b}31m\u{202e}desrever";

fn hostile_app() -> App {
    let mut session = pembrokeshire();
    session.title = format!("Title {HOSTILE}");
    let t = StampClock::new("t").stamp_at(at("10:00:00"));
    let who = session.add_participant(
        ParticipantFields {
            name: format!("Eve {HOSTILE}"),
            ..Default::default()
        },
        &t,
    );
    session.add_insight(
        InsightFields {
            question: 1,
            text: HOSTILE.into(),
            participant: Some(who),
            ..Default::default()
        },
        &t,
    );
    let mut app = App::new(config(), at("10:00:00"));
    app.update(
        Action::Opened(Box::new((session_path(), session))),
        at("10:00:00"),
    );
    app
}

/// What the backend wrote, kept where the test can read it afterwards.
#[derive(Clone, Default)]
pub(super) struct Written(pub(super) std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

impl std::io::Write for Written {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn bytes_of(app: &App) -> Vec<u8> {
    let written = Written::default();
    // A fixed viewport: the terminal is not asked its size, so nothing is
    // resized or cleared, and every byte written is the frame's own.
    let options = ratatui::TerminalOptions {
        viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, 120, 40)),
    };
    let mut terminal =
        Terminal::with_options(CrosstermBackend::new(written.clone()), options).unwrap();
    terminal.draw(|f| stb::ui::render(app, f)).unwrap();
    written.0.borrow().clone()
}

pub(super) fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn escape_sequences_in_session_text_are_shown_not_obeyed() {
    let app = hostile_app();
    let out = bytes_of(&app);
    for (name, sequence) in [
        ("clear screen", b"\x1b[2J".as_slice()),
        ("OSC 52 clipboard write", b"\x1b]52;"),
        ("OSC 8 hyperlink", b"\x1b]8;"),
        ("bell", b"\x07"),
        ("C1 CSI", "\u{9b}".as_bytes()),
        ("right-to-left override", "\u{202e}".as_bytes()),
    ] {
        assert!(!contains(&out, sequence), "{name} reached the terminal");
    }
    // 0x9B may only come as a UTF-8 continuation byte (␛ is E2 90 9B),
    // never as a C1 control of its own.
    let text = std::str::from_utf8(&out).expect("the frame is valid UTF-8");
    assert!(
        !text.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c)),
        "a C1 control reached the terminal"
    );
    // Each control shows as its stand-in, the rest of its sequence as text.
    for shown in ["␛[2J", "␛]52;c;cGF3bmVk␇", "␛]8;;http://x␛\\link", "�31m"] {
        assert!(text.contains(shown), "{shown:?} is not on screen");
    }
    assert!(
        text.contains('\u{fffd}'),
        "the override shows as a placeholder"
    );
    assert!(
        text.contains("desrever"),
        "the rest of the text still shows"
    );
}

#[test]
fn the_review_screen_is_guarded_too() {
    let app = hostile_app();
    let stb::app::Screen::Workshop(w) = &app.screen else {
        panic!()
    };
    let file = stb::storage::SessionFile::from_sessions(vec![(*w.session).clone()]);
    let mut review = App::new(config(), at("10:00:00"));
    review.update(
        Action::ReviewOpened(vec![(session_path(), file)]),
        at("10:00:00"),
    );
    let out = bytes_of(&review);
    for sequence in [
        b"\x1b]52;".as_slice(),
        b"\x1b[2J",
        "\u{202e}".as_bytes(),
        "\u{9b}".as_bytes(),
    ] {
        assert!(
            !contains(&out, sequence),
            "{sequence:?} reached the terminal"
        );
    }
}
