//! Rows drawn from a key, kept on the canvas while the key stays the same.
//!
//! The header, the capture box's frame and the status line are a handful
//! of rows each, but they were drawn, checked and compared at every key,
//! though a letter typed changes none of them. Each is drawn from a value
//! that decides every cell of it (the header's text and the clock's
//! second, the box's frame, what the status line is made from); while that value is
//! the one the frame on the canvas was drawn from, the rows stay as they
//! are (see [`Canvas::keep`]).

use super::canvas::Canvas;
use ratatui::layout::Rect;

/// What one part was drawn from, in the last frame and the one before.
#[derive(Debug)]
pub struct KeyedRows<K> {
    last: Option<(u64, Rect, K)>,
    before: Option<(u64, Rect, K)>,
}

impl<K> Default for KeyedRows<K> {
    fn default() -> Self {
        KeyedRows {
            last: None,
            before: None,
        }
    }
}

impl<K: PartialEq> KeyedRows<K> {
    /// A frame begins: what the last drew becomes what this one may keep.
    pub fn begin_frame(&mut self) {
        self.before = self.last.take();
    }

    /// Keeps the rows of `area` on `frame` when the frame it holds drew
    /// them from `key`; either way the part is recorded as drawn from
    /// `key` in this frame, so the caller draws it when this says false.
    /// A part something may cover in this frame (a popup) is not
    /// `uncovered`: it is neither kept nor recorded.
    pub fn keep(&mut self, frame: &mut Canvas, area: Rect, key: K, uncovered: bool) -> bool {
        let before = self.before.take();
        if !uncovered {
            return false;
        }
        let same = before.is_some_and(|(number, at, last)| {
            Some(number) == frame.holds() && at == area && last == key
        });
        let kept = same && frame.keep(area);
        self.last = Some((frame.number(), area, key));
        kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::buffer::Buffer;

    #[test]
    fn rows_are_kept_only_for_the_same_key_in_the_frame_held() {
        let mut buffer = Buffer::with_lines(["head", "body"]);
        let mut old = Buffer::empty(buffer.area);
        let row = Rect::new(0, 0, 4, 1);
        let mut rows = KeyedRows::default();

        rows.begin_frame();
        let mut first = Canvas::over(&mut buffer, &mut old, None, 1);
        assert!(!rows.keep(&mut first, row, "a", true), "nothing held yet");
        first.finish();

        rows.begin_frame();
        let mut second = Canvas::over(&mut buffer, &mut old, Some(1), 2);
        assert!(rows.keep(&mut second, row, "a", true), "the same key");
        second.finish();

        rows.begin_frame();
        let mut third = Canvas::over(&mut buffer, &mut old, Some(2), 3);
        assert!(!rows.keep(&mut third, row, "b", true), "another key");
        third.finish();

        rows.begin_frame();
        let mut fourth = Canvas::over(&mut buffer, &mut old, Some(3), 4);
        assert!(!rows.keep(&mut fourth, row, "b", false), "covered");
        fourth.finish();

        rows.begin_frame();
        let mut fifth = Canvas::over(&mut buffer, &mut old, Some(4), 5);
        assert!(
            !rows.keep(&mut fifth, row, "b", true),
            "what a covered frame drew there is not known"
        );
        fifth.finish();

        rows.begin_frame();
        let mut sixth = Canvas::over(&mut buffer, &mut old, Some(1), 6);
        assert!(
            !rows.keep(&mut sixth, row, "b", true),
            "the canvas holds another frame"
        );
    }
}
