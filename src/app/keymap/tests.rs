use super::*;

fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, mods)
}

#[test]
fn letters_type_text_on_the_capture_line_but_act_in_the_list() {
    let j = press(KeyCode::Char('j'), KeyModifiers::NONE);
    assert!(matches!(
        action_for(Context::Capture, &j),
        Some(Action::Input(_))
    ));
    assert!(
        matches!(action_for(Context::List, &j), Some(Action::Input(_))),
        "in select mode a letter that is no command goes back to typing"
    );
    let d = press(KeyCode::Char('d'), KeyModifiers::NONE);
    assert!(matches!(
        action_for(Context::List, &d),
        Some(Action::Delete)
    ));
    let q = press(KeyCode::Char('?'), KeyModifiers::NONE);
    assert!(matches!(
        action_for(Context::Capture, &q),
        Some(Action::Input(_))
    ));
    assert!(matches!(
        action_for(Context::List, &q),
        Some(Action::ToggleHelp)
    ));
}

#[test]
fn the_promised_keys_do_what_the_issue_says() {
    let cases = [
        (
            Context::Capture,
            press(KeyCode::Enter, KeyModifiers::NONE),
            "Submit",
        ),
        (
            Context::Capture,
            press(KeyCode::Char('n'), KeyModifiers::CONTROL),
            "NextQuestion",
        ),
        (
            Context::List,
            press(KeyCode::Char('p'), KeyModifiers::CONTROL),
            "PrevQuestion",
        ),
        (
            Context::Capture,
            press(KeyCode::Tab, KeyModifiers::NONE),
            "Complete",
        ),
        (
            Context::Capture,
            press(KeyCode::Char('l'), KeyModifiers::CONTROL),
            "SelectInsights",
        ),
        (
            Context::Roster,
            press(KeyCode::Char('z'), KeyModifiers::CONTROL),
            "Undo",
        ),
        (
            Context::Review,
            press(KeyCode::Char('y'), KeyModifiers::CONTROL),
            "Redo",
        ),
        (
            Context::Edit,
            press(KeyCode::F(1), KeyModifiers::NONE),
            "ToggleHelp",
        ),
        (
            Context::Form,
            press(KeyCode::Char('c'), KeyModifiers::CONTROL),
            "Quit",
        ),
        (
            Context::Capture,
            press(
                KeyCode::Char('Q'),
                KeyModifiers::CONTROL | KeyModifiers::SHIFT,
            ),
            "Quit",
        ),
    ];
    for (ctx, key, want) in cases {
        let got = format!("{:?}", action_for(ctx, &key));
        assert!(got.contains(want), "{ctx:?} {key:?}: {got}");
    }
}

#[test]
fn upper_case_letters_bind_separately_from_lower_case() {
    let shift_v = press(KeyCode::Char('V'), KeyModifiers::SHIFT);
    assert!(matches!(
        action_for(Context::Home, &shift_v),
        Some(Action::ReviewAll)
    ));
    let v = press(KeyCode::Char('v'), KeyModifiers::NONE);
    assert!(matches!(
        action_for(Context::Home, &v),
        Some(Action::ReviewSelected)
    ));
}

/// The keys a person presses while writing without looking.
fn typing_alphabet() -> Vec<KeyEvent> {
    let mut keys: Vec<KeyEvent> = ('!'..='~')
        .chain([' ', 'é', 'ŵ', 'Ø'])
        .map(|c| press(KeyCode::Char(c), KeyModifiers::NONE))
        .collect();
    keys.extend(('A'..='Z').map(|c| press(KeyCode::Char(c), KeyModifiers::SHIFT)));
    keys.extend(
        [
            KeyCode::Backspace,
            KeyCode::Delete,
            KeyCode::Enter,
            KeyCode::Tab,
            KeyCode::Esc,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::PageUp,
            KeyCode::PageDown,
        ]
        .map(|code| press(code, KeyModifiers::NONE)),
    );
    keys
}

#[test]
fn on_the_capture_line_no_typing_key_is_a_command() {
    for key in typing_alphabet() {
        let action = action_for(Context::Capture, &key);
        assert!(
            matches!(
                action,
                Some(Action::Input(_) | Action::Submit | Action::Complete)
            ),
            "{key:?} on the capture line means {action:?}"
        );
    }
}

#[test]
fn every_action_named_in_a_message_has_a_key_there() {
    assert_eq!(key_label(Context::Capture, &Action::Undo), "Ctrl+Z");
    assert_eq!(key_label(Context::Roster, &Action::Redo), "Ctrl+Y");
    assert_eq!(key_label(Context::Review, &Action::Undo), "Ctrl+Z");
    assert_eq!(key_label(Context::Move, &Action::Cancel), "Esc");
    assert_eq!(
        key_label(Context::Capture, &Action::SelectInsights),
        "Ctrl+L"
    );
    assert_eq!(key_for(Context::Capture, &Action::Star), None);
}

#[test]
fn every_context_has_a_way_out_or_on() {
    for &ctx in ALL_CONTEXTS {
        assert!(
            bindings_for(ctx).any(|b| matches!(b.action, Action::Quit)),
            "{ctx:?}"
        );
    }
}

#[test]
fn key_for_names_the_key_of_an_action_in_a_context() {
    let label = |context, action: &Action| key_for(context, action).map(Key::label);
    assert_eq!(
        label(Context::Capture, &Action::TogglePrompts).as_deref(),
        Some("F3")
    );
    assert_eq!(
        label(Context::List, &Action::ToggleTimer).as_deref(),
        Some("Ctrl+T"),
        "the first row that binds it"
    );
    assert_eq!(
        label(Context::List, &Action::AddTime(5)).as_deref(),
        Some("Ctrl+E")
    );
    assert_eq!(
        label(Context::Move, &Action::MoveTo(3)).as_deref(),
        Some("3"),
        "numbered actions find their own row"
    );
    assert_eq!(key_for(Context::Home, &Action::TogglePrompts), None);
}
