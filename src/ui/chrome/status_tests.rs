//! The status line's key and the lines kept drawn for it.

use super::*;
use crate::app::Action;
use crate::app::tests::{app_with_session, at};
use ratatui::crossterm::event::{KeyCode, KeyEvent};

const AREA: Rect = Rect::new(0, 29, 100, 1);

/// An app with a line entered since the save at `saved`.
fn unsaved_since(saved: i64) -> App {
    let mut app = app_with_session();
    for c in "the hub".chars() {
        app.update(Action::Input(KeyEvent::from(KeyCode::Char(c))), at(2));
    }
    app.update(Action::Submit, at(2));
    app.save = SaveState::Saved(at(saved));
    app
}

#[test]
fn an_unsaved_change_has_one_key_whenever_the_last_save_was() {
    let (early, late) = (unsaved_since(1), unsaved_since(2));
    assert!(early.workshop().is_some_and(|w| w.dirty()), "unsaved");
    assert_eq!(StatusKey::of(AREA, &early), StatusKey::of(AREA, &late));

    // Once saved, the time shows, so it is part of the key.
    let mut saved = [early, late];
    for (app, second) in saved.iter_mut().zip([3, 4]) {
        let edits = app.workshop().expect("open").edits();
        let path = "/sessions/s.ron".into();
        app.update(Action::SavedUpTo(path, edits, Ok(at(second))), at(second));
        assert!(!app.workshop().expect("open").dirty(), "saved");
    }
    assert_ne!(
        StatusKey::of(AREA, &saved[0]),
        StatusKey::of(AREA, &saved[1])
    );
}

#[test]
fn a_status_line_is_drawn_once_while_its_key_is_among_the_last_three() {
    let app = unsaved_since(1);
    let key = |width| StatusKey::of(Rect { width, ..AREA }, &app);
    let mut lines = StatusCells::default();
    let drawn = std::cell::Cell::new(0);
    let cells_for = |lines: &mut StatusCells, width: u16| {
        let area = Rect { width, ..AREA };
        lines
            .cells(key(width), area, |cells| {
                drawn.set(drawn.get() + 1);
                cells[(0, 29)].set_symbol("s");
            })
            .clone()
    };
    let first = cells_for(&mut lines, 100);
    assert_eq!(first.area, AREA);
    assert_eq!(first[(0, 29)].symbol(), "s");
    for width in [100, 90, 80, 100, 90] {
        cells_for(&mut lines, width);
    }
    assert_eq!(drawn.get(), 3, "each of three keys drawn once");
    cells_for(&mut lines, 70);
    cells_for(&mut lines, 100);
    assert_eq!(drawn.get(), 4, "the fourth key pushed out the oldest, 80");
    cells_for(&mut lines, 80);
    assert_eq!(drawn.get(), 5, "80 again is drawn again");
}
