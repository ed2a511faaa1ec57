//! An Enter's new row and list frame, drawn ahead once the key before it
//! is answered, are what its frame takes; a line that changed since is
//! drawn afresh. (Every frame here is also checked, in debug builds,
//! against the same frame drawn afresh: see `ui::draw`.)

use super::*;
use crate::app::tests::{app_with_session, at};
use crate::runtime::painter::Painter;
use jiff::Timestamp;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Size;

/// An app on question 1 of a session with a dozen insights there.
fn on_question_one() -> App {
    let mut app = app_with_session();
    for n in 0..12 {
        for c in format!("the hub's insight number {n}").chars() {
            app.update(Action::Input(KeyEvent::from(KeyCode::Char(c))), at(1));
        }
        app.update(Action::Submit, at(1));
    }
    assert_eq!(app.workshop().and_then(Workshop::question), Some(1));
    app
}

/// Paints frames as the terminal loop does, and applies keys as it does:
/// each typed key prepared for, and its Enter drawn ahead, once answered.
struct Loop {
    app: App,
    painter: Painter,
    cache: FrameCache,
}

impl Loop {
    fn paint(&mut self) -> String {
        let mut bytes = Vec::new();
        let size = Size::new(100, 30);
        let (app, cache) = (&self.app, &mut self.cache);
        self.painter.paint(
            size,
            |canvas| crate::ui::draw(app, canvas, cache),
            &mut bytes,
        );
        self.painter.tidy();
        String::from_utf8_lossy(&bytes).into_owned()
    }

    fn type_line(&mut self, line: &str, now: Timestamp) {
        for c in line.chars() {
            let key = KeyEvent::from(KeyCode::Char(c));
            self.app.update(Action::Input(key), now);
            self.paint();
            self.app.update(Action::Prepare, now);
            prepare_enter(&self.app, &mut self.cache, now);
        }
    }
}

#[test]
fn an_enter_takes_its_row_and_frame_drawn_ahead() {
    let mut room = Loop {
        app: on_question_one(),
        painter: Painter::default(),
        cache: FrameCache::default(),
    };
    room.paint();
    room.type_line("the food hub kept going #food", at(60));
    assert!(room.cache.entries().has_ahead(), "the new row drawn ahead");
    assert!(room.cache.list_frames.has_ahead(), "the frame counting it");

    room.app.update(Action::Submit, at(61));
    let enter = room.paint();
    // Only the cells that changed go out: the new row's words, and the
    // count's last digit (12 → 13).
    assert!(enter.contains("going"), "{enter:?}");
    assert!(enter.contains("m3"), "{enter:?}");
    assert!(!room.cache.entries().has_ahead(), "the row was taken");
    assert!(!room.cache.list_frames.has_ahead(), "the frame was taken");
}

#[test]
fn what_was_drawn_ahead_for_another_line_or_minute_is_left() {
    let mut room = Loop {
        app: on_question_one(),
        painter: Painter::default(),
        cache: FrameCache::default(),
    };
    room.paint();
    room.type_line("a line typed at 10:01", at(60));
    // The Enter comes a minute later: its row shows another time.
    room.app.update(Action::Submit, at(125));
    let enter = room.paint();
    assert!(enter.contains("10:01"), "{enter:?}");
    assert!(room.cache.entries().has_ahead(), "not the row shown");
    assert!(!room.cache.list_frames.has_ahead(), "the frame still was");

    // A line changed by a key not prepared for (as a paste the loop has
    // not yet answered): the row drawn ahead is the line before it.
    room.type_line("second", at(130));
    let key = KeyEvent::from(KeyCode::Char('!'));
    room.app.update(Action::Input(key), at(130));
    room.app.update(Action::Submit, at(130));
    let enter = room.paint();
    assert!(enter.contains("second!"), "{enter:?}");
    assert!(!room.cache.list_frames.has_ahead(), "the frame is the same");
    assert!(
        room.cache.entries().has_ahead(),
        "\"second\" was never entered"
    );
}

#[test]
fn a_line_longer_than_a_screenful_is_not_drawn_ahead() {
    let mut room = Loop {
        app: on_question_one(),
        painter: Painter::default(),
        cache: FrameCache::default(),
    };
    room.paint();
    let long = "the food hub ".repeat(AHEAD_MAX / 13 + 1);
    room.app.update(Action::Paste(long), at(60));
    room.paint();
    room.app.update(Action::Prepare, at(60));
    prepare_enter(&room.app, &mut room.cache, at(60));
    assert!(!room.cache.entries().has_ahead());
    assert!(!room.cache.list_frames.has_ahead());
    room.type_line("!", at(60));
    assert!(!room.cache.entries().has_ahead(), "still too long");
}

#[test]
fn an_enter_finds_its_saving_status_line_drawn_by_the_enter_before() {
    let mut room = Loop {
        app: on_question_one(),
        painter: Painter::default(),
        cache: FrameCache::default(),
    };
    let saved = |room: &mut Loop, second| {
        let edits = room.app.workshop().expect("open").edits();
        let done = Action::SavedUpTo("/sessions/s.ron".into(), edits, Ok(at(second)));
        room.app.update(done, at(second));
        room.paint();
    };
    saved(&mut room, 59);
    room.type_line("the first line", at(60));
    room.app.update(Action::Submit, at(60));
    assert!(room.paint().contains("saving"), "the first Enter's status");
    saved(&mut room, 61);
    room.type_line("the second line", at(62));
    let drawn = room.cache.status_cells.drawn;
    room.app.update(Action::Submit, at(63));
    assert!(room.paint().contains("saving"), "the second Enter's status");
    assert_eq!(
        room.cache.status_cells.drawn, drawn,
        "\"saving…\" copied, not drawn again"
    );
}
