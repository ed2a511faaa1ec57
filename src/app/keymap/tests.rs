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
    assert!(matches!(action_for(Context::List, &j), Some(Action::Down)));
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
            press(KeyCode::Esc, KeyModifiers::NONE),
            "FocusList",
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
    let shift_u = press(KeyCode::Char('U'), KeyModifiers::SHIFT);
    assert!(matches!(
        action_for(Context::List, &shift_u),
        Some(Action::Redo)
    ));
    let u = press(KeyCode::Char('u'), KeyModifiers::NONE);
    assert!(matches!(action_for(Context::List, &u), Some(Action::Undo)));
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
        label(Context::List, &Action::AddTime(3)).as_deref(),
        Some("Ctrl+E"),
        "actions compare by variant, not by value"
    );
    assert_eq!(key_for(Context::Home, &Action::TogglePrompts), None);
}
