//! Keys that reach stb in one read (a busy laptop, a slow ssh link, macOS
//! Terminal's Option+↑): crossterm reads Esc then ↑ as Esc and the text
//! `[A`, and Esc then a letter as Alt+letter. On the capture line that typed
//! `[A` into what the room said, or lost the letter.

use super::pty::{Stb, key};
use super::{EMPTY_CAPTURE, load, only_session_file, quit, start_new};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// A key pressed by reflex while typing, as the terminal sends it. ↑ and ↓
/// do nothing on a one-line capture, so the line should hold the letters.
#[derive(Clone, Debug)]
enum Press {
    Letter(char),
    Esc,
    Up,
    Down,
}

impl Press {
    fn bytes(&self) -> String {
        match self {
            Press::Letter(c) => c.to_string(),
            Press::Esc => "\x1b".into(),
            Press::Up => "\x1b[A".into(),
            Press::Down => "\x1b[B".into(),
        }
    }
}

fn press() -> impl Strategy<Value = Press> {
    prop_oneof![
        3 => proptest::char::range('a', 'z').prop_map(Press::Letter),
        1 => Just(Press::Esc),
        1 => Just(Press::Up),
        1 => Just(Press::Down),
    ]
}

/// Sends each burst in one write, waits until its letters show, and
/// returns the letters typed in all.
fn type_bursts(stb: &mut Stb, bursts: &[Vec<Press>], typed: &mut String) {
    for burst in bursts {
        let bytes: String = burst.iter().map(Press::bytes).collect();
        stb.send(&bytes);
        typed.extend(burst.iter().filter_map(|p| match p {
            Press::Letter(c) => Some(*c),
            _ => None,
        }));
        // A settled screen: the letters so far (the line's tail, should it
        // scroll) and no escape-sequence tail.
        let tail: String = typed
            .chars()
            .rev()
            .take(20)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        stb.wait_until(&format!("{tail:?} typed after {bytes:?}"), |s| {
            s.screen().contains(&tail)
        });
    }
}

#[test]
fn esc_and_an_arrow_at_once_type_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let mut stb = start_new(&dir);
    stb.send("one");
    stb.wait_for("one");
    // Esc ↑ (ESC ESC [ A), Esc and a letter (ESC t), and letters, in one write.
    stb.send("\x1b\x1b[A\x1btwo\x1b\x1b[Bthree");
    stb.wait_for("onetwothree");
    assert!(!stb.screen().contains("[A"), "{}", stb.screen());
    stb.send(key::ENTER);
    stb.wait_for(EMPTY_CAPTURE);
    quit(&mut stb);
    let session = load(&only_session_file(&dir));
    let texts: Vec<&str> = session.insights.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(texts, ["onetwothree"]);
}

#[test]
fn reflexive_keys_in_one_read_leave_only_the_letters() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let mut stb = start_new(&dir);
    let mut typed = String::new();
    // One pty session, several generated runs of bursts: each run starts
    // with a letter so its first burst shows.
    let mut runner = TestRunner::new(Config::with_cases(4));
    let bursts = prop::collection::vec(
        (
            proptest::char::range('a', 'z'),
            prop::collection::vec(press(), 1..8),
        )
            .prop_map(|(first, rest)| [vec![Press::Letter(first)], rest].concat()),
        1..6,
    );
    let mut runs = Vec::new();
    for _ in 0..4 {
        let tree = bursts.new_tree(&mut runner).expect("a value");
        runs.push(proptest::strategy::ValueTree::current(&tree));
    }
    for run in &runs {
        type_bursts(&mut stb, run, &mut typed);
    }
    stb.send(key::ENTER);
    stb.wait_for(EMPTY_CAPTURE);
    quit(&mut stb);
    let session = load(&only_session_file(&dir));
    let texts: Vec<&str> = session.insights.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(texts, [typed.as_str()], "bursts: {runs:?}");
}
