//! Random keys at random terminal sizes: whatever a facilitator (or a cat
//! on the keyboard) presses, at whatever size the window is dragged to,
//! `update` and the renderer never panic, and no row is drawn wider than
//! the screen. Keys go through the same key table the terminal loop uses.

use super::fixtures::{at, on_question_two};
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use stb::app::{Action, App, Effect, keymap};

fn key() -> impl Strategy<Value = KeyEvent> {
    let plain = prop_oneof![
        any::<char>().prop_map(KeyCode::Char),
        Just(KeyCode::Enter),
        Just(KeyCode::Tab),
        Just(KeyCode::BackTab),
        Just(KeyCode::Esc),
        Just(KeyCode::Backspace),
        Just(KeyCode::Delete),
        Just(KeyCode::Up),
        Just(KeyCode::Down),
        Just(KeyCode::Left),
        Just(KeyCode::Right),
        Just(KeyCode::PageUp),
        Just(KeyCode::PageDown),
        Just(KeyCode::Home),
        Just(KeyCode::End),
        (1..3u8).prop_map(KeyCode::F),
        prop::sample::select(vec![
            '@', '#', 's', 'd', 'm', 'e', '1', '4', 'u', 'U', 'a', 'c', 'j', 'k', '?'
        ])
        .prop_map(KeyCode::Char),
    ];
    let mods = prop_oneof![
        4 => Just(KeyModifiers::NONE),
        1 => Just(KeyModifiers::CONTROL),
        1 => Just(KeyModifiers::SHIFT),
    ];
    (plain, mods).prop_map(|(code, mods)| KeyEvent::new(code, mods))
}

#[derive(Clone, Debug)]
pub(super) enum Step {
    Key(KeyEvent),
    Resize(u16, u16),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        8 => key().prop_map(Step::Key),
        1 => (0..500u16, 0..200u16).prop_map(|(w, h)| Step::Resize(w, h)),
    ]
}

/// Applies an action as the loop does, saves always succeeding; false once
/// the app has quit.
pub(super) fn apply(app: &mut App, action: Action) -> bool {
    let now = at("10:30:00");
    let mut effects = std::collections::VecDeque::from(app.update(action, now));
    while let Some(effect) = effects.pop_front() {
        match effect {
            Effect::Save => effects.extend(app.update(Action::Saved(Ok(now)), now)),
            Effect::Quit => return false,
            _ => {}
        }
    }
    true
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    #[test]
    fn random_keys_and_sizes_never_panic(steps in prop::collection::vec(step(), 1..40)) {
        let mut app = on_question_two();
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        for step in steps {
            match step {
                Step::Resize(w, h) => terminal.backend_mut().resize(w, h),
                Step::Key(key) => {
                    let Some(action) = keymap::action_for(app.context(), &key) else { continue };
                    if !apply(&mut app, action) {
                        break;
                    }
                }
            }
            terminal.draw(|f| stb::ui::render(&app, f)).unwrap();
            assert_rows_fit(terminal.backend().buffer());
        }
    }
}

/// No row of the screen is wider than the screen: a wide character in the
/// last column, or a cluster drawn over its neighbour, would push the
/// terminal's own line past its edge.
fn assert_rows_fit(buffer: &ratatui::buffer::Buffer) {
    use unicode_width::UnicodeWidthStr;
    let width = usize::from(buffer.area.width);
    for y in 0..buffer.area.height {
        let (mut drawn, mut skip) = (0, 0);
        for x in 0..buffer.area.width {
            let symbol = buffer[(x, y)].symbol();
            if skip == 0 {
                drawn += symbol.width().max(1);
            }
            skip = std::cmp::max(skip, symbol.width()).saturating_sub(1);
        }
        assert!(
            drawn <= width,
            "row {y} is {drawn} wide on a {width}-wide screen"
        );
    }
}
