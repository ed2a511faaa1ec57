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
    keys.extend(WRITING_KEYS.map(|code| press(code, KeyModifiers::NONE)));
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

/// The string literals of a Rust source, roughly: what is between double
/// quotes on lines that are not comments (escapes kept as written).
fn literals(source: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (n, line) in source.lines().enumerate() {
        let code = line.trim_start();
        if code.starts_with("//") || code.starts_with("#[") {
            continue;
        }
        let mut chars = line.chars().peekable();
        let mut current: Option<String> = None;
        while let Some(c) = chars.next() {
            match (&mut current, c) {
                (None, '"') => current = Some(String::new()),
                (None, '/') if chars.peek() == Some(&'/') => break,
                (None, '\'') => {
                    // A char literal such as '"' must not open a string.
                    let rest: String = chars.clone().take(3).collect();
                    if rest.starts_with("\"'") || rest.starts_with("\\\"") {
                        chars.nth(1);
                    }
                }
                (Some(text), '\\') => {
                    text.push('\\');
                    if let Some(next) = chars.next() {
                        text.push(next);
                    }
                }
                (Some(text), '"') => {
                    out.push((n + 1, std::mem::take(text)));
                    current = None;
                }
                (Some(text), c) => text.push(c),
                (None, _) => {}
            }
        }
    }
    out
}

/// Whether a piece of screen text names a key by hand.
fn names_a_key(text: &str) -> Option<&'static str> {
    const NAMED: &[&str] = &[
        "Ctrl+", "Shift+", "Alt+", "PgUp", "PgDn", "↑", "↓", "← →", "←→",
    ];
    if let Some(found) = NAMED.iter().find(|k| text.contains(*k)) {
        return Some(found);
    }
    const WORDS: &[&str] = &[
        "Esc",
        "Enter",
        "Tab",
        "Del",
        "Backspace",
        "F1",
        "F2",
        "F3",
        "F4",
        "F5",
        "F6",
        "F7",
        "F8",
        "F9",
        "F10",
        "F11",
        "F12",
    ];
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric() && c != '+')
        .collect();
    if let Some(found) = WORDS.iter().find(|w| words.contains(w)) {
        return Some(found);
    }
    // "Press n", "e to fix", "t puts…", "· d remove": a lone letter used
    // as a key (format placeholders such as `{q}` are not text).
    let mut plain = String::new();
    let mut depth = 0;
    for c in text.chars() {
        match c {
            '{' => {
                depth += 1;
                plain.push('0');
            }
            '}' if depth > 0 => depth -= 1,
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    plain
        .split_whitespace()
        .map(|w| w.trim_start_matches('·'))
        .any(|w| {
            w.chars().count() == 1
                && w.chars().all(|c| c.is_ascii_alphabetic())
                && !matches!(w, "a" | "A" | "I")
        })
        .then_some("a lone letter")
}

#[test]
fn no_screen_text_names_a_key_by_hand() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    let mut files = Vec::new();
    for dir in ["ui", "app"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            files.push(entry.unwrap().path());
        }
        files.push(root.join(format!("{dir}.rs")));
    }
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.extension().is_none_or(|e| e != "rs")
            || name.contains("tests")
            || name == "keymap.rs"
        {
            continue;
        }
        let source = std::fs::read_to_string(&path).unwrap();
        // Unit tests at the foot of a file may name keys: they press them.
        let source = source.split("#[cfg(test)]").next().unwrap();
        for (line, text) in literals(source) {
            if let Some(key) = names_a_key(&text) {
                found.push(format!("{name}:{line}: {key:?} in {text:?}"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "screen text naming keys by hand; take them from the key table (keymap::key_label):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_key_lint_catches_what_it_is_for() {
    assert!(names_a_key("Enter saves · Tab completes").is_some());
    assert!(names_a_key("Ctrl+R adds them").is_some());
    assert!(names_a_key("Press n to start").is_some());
    assert!(names_a_key("a add · e edit · d remove").is_some());
    assert!(names_a_key("saved unattributed; e to fix").is_some());
    assert!(names_a_key("Consent of Ann: not recorded → given").is_none());
    assert!(names_a_key("Nothing to undo").is_none());
    assert!(names_a_key("{key} starts ").is_none());
}
