//! Key events as the keyboard sent them, where crossterm reads them wrong.
//!
//! When Esc and an arrow reach stb in one read (`ESC ESC [ A`: a reflexive
//! Esc then ↑ over a slow ssh link or a busy machine, or macOS Terminal's
//! Option+↑), crossterm 0.29 takes the two escapes for one Esc and the rest
//! for the characters `[` and `A` (crossterm#685; a fix is proposed upstream
//! in crossterm#1124). On the capture line that typed `[A` into what the
//! room said. A person cannot type `[` and a letter within the same read as
//! an Esc, so an Esc followed at once by what is left of an arrow's (or
//! Home's, End's, Delete's, PgUp's, PgDn's) sequence is mended back into Esc
//! and that key. In the same way Esc and a letter in one read reach stb as
//! Alt+letter, and the letter would be lost (or move the caret a word):
//! stb binds no Alt+letter, so it is mended into Esc and the letter; Esc
//! then a Ctrl chord (a reflexive Esc, then Ctrl+Q to leave) likewise
//! reached stb as Alt+Ctrl+Q, which does nothing, and is mended into Esc
//! and Ctrl+Q.
//! Anything else passes through untouched and in order. (Two Escs in one
//! read still count once: crossterm keeps nothing of the second.)

use ratatui::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::collections::VecDeque;
use std::io;
use std::time::Duration;

/// The most events one mended sequence spans (`Esc`, `[`, digit, `~`).
const LONGEST: usize = 4;
/// The most events taken at once after an Esc: everything a burst of keys
/// brought, so no sequence is cut at the end of what was taken.
const BURST: usize = 1024;

/// Reads key events, mending the sequences crossterm splits.
#[derive(Debug, Default)]
pub struct Keys {
    /// Read and mended, not yet handed out.
    queued: VecDeque<Event>,
}

impl Keys {
    /// Whether an event is waiting here (the terminal need not be polled).
    pub fn pending(&self) -> bool {
        !self.queued.is_empty()
    }

    /// The next event: a queued one, or one read from the terminal (and,
    /// after an Esc, whatever arrived with it, mended).
    pub fn read(&mut self) -> io::Result<Event> {
        self.take(event::read, || event::poll(Duration::ZERO))
    }

    /// [`Keys::read`] from `next`, with `more` saying whether another
    /// event is already there.
    fn take(
        &mut self,
        mut next: impl FnMut() -> io::Result<Event>,
        mut more: impl FnMut() -> io::Result<bool>,
    ) -> io::Result<Event> {
        if let Some(event) = self.queued.pop_front() {
            return Ok(event);
        }
        let first = next()?;
        let mut read = vec![first];
        if is_plain(&read[0], KeyCode::Esc) {
            while read.len() < BURST && more()? {
                read.push(next()?);
            }
        }
        self.queued = mend(read).into();
        Ok(self
            .queued
            .pop_front()
            .expect("one event in, one or more out"))
    }
}

/// `events`, read back to back, with every Esc followed by the rest of a
/// key's escape sequence turned back into Esc and that key.
pub fn mend(events: Vec<Event>) -> Vec<Event> {
    let mut out = Vec::with_capacity(events.len());
    let mut rest = events.as_slice();
    while let Some((first, after)) = rest.split_first() {
        rest = after;
        if let Some(unaltered) = without_alt(first) {
            out.push(Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)));
            out.push(Event::Key(unaltered));
            continue;
        }
        out.push(first.clone());
        if !is_plain(first, KeyCode::Esc) {
            continue;
        }
        if let Some((key, used)) = sequence_key(rest) {
            out.push(Event::Key(KeyEvent::new(key, KeyModifiers::NONE)));
            rest = &rest[used..];
        }
    }
    out
}

/// The key whose escape sequence (after its ESC) `events` start with, as
/// crossterm's characters, and how many events it took.
fn sequence_key(events: &[Event]) -> Option<(KeyCode, usize)> {
    let chars: Vec<char> = events.iter().take(LONGEST - 1).map_while(char_of).collect();
    let key = |c| match c {
        'A' => Some(KeyCode::Up),
        'B' => Some(KeyCode::Down),
        'C' => Some(KeyCode::Right),
        'D' => Some(KeyCode::Left),
        'H' => Some(KeyCode::Home),
        'F' => Some(KeyCode::End),
        _ => None,
    };
    let tilde = |c| match c {
        '1' | '7' => Some(KeyCode::Home),
        '3' => Some(KeyCode::Delete),
        '4' | '8' => Some(KeyCode::End),
        '5' => Some(KeyCode::PageUp),
        '6' => Some(KeyCode::PageDown),
        _ => None,
    };
    match chars.as_slice() {
        ['[' | 'O', c, ..] if key(*c).is_some() => Some((key(*c)?, 2)),
        ['[', d, '~', ..] => Some((tilde(*d)?, 3)),
        _ => None,
    }
}

/// The character a key press typed, with no modifier but Shift.
fn char_of(event: &Event) -> Option<char> {
    match event {
        Event::Key(key)
            if key.kind == KeyEventKind::Press
                && (key.modifiers - KeyModifiers::SHIFT).is_empty() =>
        {
            match key.code {
                KeyCode::Char(c) => Some(c),
                _ => None,
            }
        }
        _ => None,
    }
}

/// An Alt+character press (Shift or Ctrl allowed), what crossterm makes
/// of ESC and a character (or a Ctrl chord's byte) read together, as the
/// press without Alt. The capitals keep their Shift, as crossterm gives them.
fn without_alt(event: &Event) -> Option<KeyEvent> {
    match event {
        Event::Key(
            key @ KeyEvent {
                code: KeyCode::Char(_),
                modifiers,
                kind: KeyEventKind::Press,
                ..
            },
        ) if modifiers.contains(KeyModifiers::ALT)
            && (*modifiers - KeyModifiers::ALT - KeyModifiers::SHIFT - KeyModifiers::CONTROL)
                .is_empty() =>
        {
            Some(KeyEvent::new(key.code, *modifiers - KeyModifiers::ALT))
        }
        _ => None,
    }
}

fn is_plain(event: &Event, code: KeyCode) -> bool {
    matches!(event, Event::Key(key) if key.code == code
        && key.modifiers.is_empty()
        && key.kind == KeyEventKind::Press)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn key(code: KeyCode) -> Event {
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    /// What crossterm 0.29 makes of a character byte (upper case is Shift).
    fn typed(c: char) -> Event {
        let shift = if c.is_ascii_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        Event::Key(KeyEvent::new(KeyCode::Char(c), shift))
    }

    /// What crossterm 0.29 makes of a byte: a character, or Ctrl and a
    /// letter for a control byte.
    fn typed_byte(b: u8) -> Event {
        match b {
            1..=26 => Event::Key(KeyEvent::new(
                KeyCode::Char((b - 1 + b'a') as char),
                KeyModifiers::CONTROL,
            )),
            _ => typed(b as char),
        }
    }

    fn ctrl(c: char) -> Event {
        Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL))
    }

    fn typed_all(s: &str) -> Vec<Event> {
        s.chars().map(typed).collect()
    }

    #[test]
    fn esc_then_an_arrow_in_one_read_is_esc_then_the_arrow() {
        let mut read = vec![key(KeyCode::Esc)];
        read.extend(typed_all("[A"));
        assert_eq!(mend(read), vec![key(KeyCode::Esc), key(KeyCode::Up)]);
        let mut read = vec![key(KeyCode::Esc)];
        read.extend(typed_all("[3~x"));
        assert_eq!(
            mend(read),
            vec![key(KeyCode::Esc), key(KeyCode::Delete), typed('x')]
        );
        let mut read = vec![key(KeyCode::Esc)];
        read.extend(typed_all("OD"));
        assert_eq!(mend(read), vec![key(KeyCode::Esc), key(KeyCode::Left)]);
    }

    #[test]
    fn what_a_person_types_after_esc_stays_typed() {
        // `[` then a letter that ends no sequence, or words after an Esc.
        for text in ["[x", "[Apple", "hello", "[9~", "O", "["] {
            let mut read = vec![key(KeyCode::Esc)];
            read.extend(typed_all(text));
            let mended = mend(read.clone());
            if text == "[Apple" {
                // `[A` is ↑ whoever typed it; a person's `[Apple` is not in
                // one read with an Esc.
                assert_eq!(mended[1], key(KeyCode::Up));
            } else {
                assert_eq!(mended, read, "{text:?}");
            }
        }
    }

    /// A key a facilitator presses by reflex, as the terminal encodes it.
    #[derive(Clone, Debug)]
    enum Press {
        Letter(char),
        Esc,
        Arrow(char),
        /// Ctrl and a letter other than those a terminal sends as Tab
        /// (I), Enter (M, J) or Backspace (H).
        Ctrl(char),
    }

    fn press() -> impl Strategy<Value = Press> {
        prop_oneof![
            proptest::char::range('a', 'z').prop_map(Press::Letter),
            Just(Press::Esc),
            prop::sample::select(vec!['A', 'B', 'C', 'D']).prop_map(Press::Arrow),
            prop::sample::select(vec!['q', 'l', 'n', 'p', 'z', 't']).prop_map(Press::Ctrl),
        ]
    }

    /// The bytes a terminal sends for `presses`.
    fn bytes(presses: &[Press]) -> Vec<u8> {
        let mut out = Vec::new();
        for p in presses {
            match p {
                Press::Letter(c) => out.push(*c as u8),
                Press::Esc => out.push(0x1b),
                Press::Arrow(c) => out.extend([0x1b, b'[', *c as u8]),
                Press::Ctrl(c) => out.push(*c as u8 - b'a' + 1),
            }
        }
        out
    }

    /// What crossterm 0.29 makes of `bytes` read at once (for these keys).
    fn crossterm(bytes: &[u8]) -> Vec<Event> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            let next = bytes.get(i + 1).copied();
            match (bytes[i], next) {
                (0x1b, None) => (out.push(key(KeyCode::Esc)), i += 1),
                (0x1b, Some(0x1b)) => (out.push(key(KeyCode::Esc)), i += 2),
                (0x1b, Some(b'[')) => (out.push(key(arrow(bytes[i + 2] as char))), i += 3),
                (0x1b, Some(c)) => {
                    let Event::Key(typed) = typed_byte(c) else {
                        unreachable!("a key")
                    };
                    let alt = KeyEvent::new(typed.code, typed.modifiers | KeyModifiers::ALT);
                    (out.push(Event::Key(alt)), i += 2)
                }
                (c, _) => (out.push(typed_byte(c)), i += 1),
            };
        }
        out
    }

    fn arrow(c: char) -> KeyCode {
        match c {
            'A' => KeyCode::Up,
            'B' => KeyCode::Down,
            'C' => KeyCode::Right,
            _ => KeyCode::Left,
        }
    }

    /// `events` with each run of Escs counted once.
    fn escs_once(events: Vec<Event>) -> Vec<Event> {
        let mut out: Vec<Event> = Vec::new();
        for event in events {
            let esc = is_plain(&event, KeyCode::Esc);
            if !(esc && out.last().is_some_and(|last| is_plain(last, KeyCode::Esc))) {
                out.push(event);
            }
        }
        out
    }

    #[test]
    fn the_model_of_crossterm_shows_the_fault() {
        let read = crossterm(&bytes(&[Press::Esc, Press::Arrow('A'), Press::Letter('h')]));
        assert_eq!(
            read,
            vec![key(KeyCode::Esc), typed('['), typed('A'), typed('h')]
        );
        let read = crossterm(&bytes(&[Press::Esc, Press::Letter('h')]));
        let alt = Event::Key(KeyEvent::new(KeyCode::Char('h'), KeyModifiers::ALT));
        assert_eq!(read, vec![alt]);
    }

    #[test]
    fn esc_then_ctrl_q_in_one_read_is_esc_then_ctrl_q() {
        let read = crossterm(&bytes(&[Press::Esc, Press::Ctrl('q')]));
        let chord = KeyModifiers::ALT | KeyModifiers::CONTROL;
        let alt_ctrl_q = Event::Key(KeyEvent::new(KeyCode::Char('q'), chord));
        assert_eq!(read, vec![alt_ctrl_q], "what crossterm gives");
        assert_eq!(mend(read), vec![key(KeyCode::Esc), ctrl('q')]);
    }

    proptest! {
        /// Whatever keys a facilitator presses while stb is busy (so they
        /// arrive in one read), mending what crossterm made of them gives
        /// back the keys pressed: no letter lost, no sequence's tail typed
        /// as text, nothing added (two Escs in a row may count as one).
        #[test]
        fn keys_in_one_read_come_out_as_pressed(presses in prop::collection::vec(press(), 0..60)) {
            let pressed: Vec<Event> = presses
                .iter()
                .map(|p| match p {
                    Press::Letter(c) => typed(*c),
                    Press::Esc => key(KeyCode::Esc),
                    Press::Arrow(c) => key(arrow(*c)),
                    Press::Ctrl(c) => ctrl(*c),
                })
                .collect();
            let mended = mend(crossterm(&bytes(&presses)));
            prop_assert_eq!(escs_once(mended), escs_once(pressed.clone()));
            // And event by event, as the loop takes them, however long the burst.
            let mut source: VecDeque<Event> = crossterm(&bytes(&presses)).into();
            let waiting = std::cell::Cell::new(source.len());
            let mut keys = Keys::default();
            let mut taken = Vec::new();
            while !source.is_empty() || keys.pending() {
                let next = || {
                    waiting.set(waiting.get() - 1);
                    Ok(source.pop_front().expect("asked only while there"))
                };
                taken.push(keys.take(next, || Ok(waiting.get() > 0)).unwrap());
            }
            prop_assert_eq!(escs_once(taken), escs_once(pressed));
        }
    }
}
