//! The parking lot and actions in the real binary: a line with an owner
//! and a due date, a line parked with Alt+Enter (sent as a terminal sends
//! it: ESC then CR), the wrap-up's lists, and what the file and the report
//! say after quitting.

use super::pty::{Stb, key};
use super::{EMPTY_CAPTURE, NEW, capture, load, only_session_file, quit};
use stb::model::Kind;

/// Alt+Enter as xterm (metaSendsEscape), tmux and most terminals send it.
const ALT_ENTER: &str = "\x1b\r";

#[test]
fn an_action_and_a_parked_line_reach_the_file_and_the_report() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    // Wednesday 2 December 2026: `!fri` is the 4th.
    let args: Vec<&str> = NEW
        .iter()
        .copied()
        .chain(["--date", "2026-12-02"])
        .collect();
    let mut stb = Stb::spawn(&dir, &args);
    stb.wait_for("Question 1 of 4");

    capture(
        &mut stb,
        "Write to the bus company >\"Pembrokeshire Council\" !fri",
        "Write to the bus company >Pembrokeshire_Council !2026-12-04",
    );
    stb.send("The car park charges are another meeting");
    stb.send(ALT_ENTER);
    stb.wait_until("the line parked", |s| {
        let screen = s.screen();
        screen.contains("parked: 1") && screen.contains(EMPTY_CAPTURE)
    });
    assert!(
        stb.screen().contains("Question 1 of 4"),
        "still on the question"
    );
    assert!(
        !stb.screen().contains("car park charges"),
        "{}",
        stb.screen()
    );

    for _ in 0..4 {
        stb.send(key::CTRL_N);
    }
    stb.wait_for("What we agreed to do (1)");
    stb.wait_for("→ Pembrokeshire Council, by Fri 4 Dec");
    stb.wait_for("Q1 The car park charges are another meeting");
    quit(&mut stb);

    let path = only_session_file(&dir);
    let session = load(&path);
    let action = &session.insights[0];
    assert_eq!(action.text, "Write to the bus company");
    assert_eq!(action.kind, Kind::Action);
    assert_eq!(action.owner, "Pembrokeshire Council");
    assert_eq!(action.due, Some(jiff::civil::date(2026, 12, 4)));
    let parked = &session.insights[1];
    assert!(parked.parked && parked.question == 1, "{parked:?}");
    let file = std::fs::read_to_string(&path).unwrap();
    assert!(file.contains("owner: \"Pembrokeshire Council\""), "{file}");
    assert!(file.contains("due: Some(\"2026-12-04\")"), "{file}");
    assert!(file.contains("parked: true"), "{file}");

    let file = path.to_str().unwrap();
    let (code, md, err) = super::pty::run(&dir, &["export", "--format", "md", file]);
    assert_eq!(code, Some(0), "{err}");
    let agreed = md.find("## What we agreed to do").expect(&md);
    let lot = md.find("## Parking lot").expect(&md);
    assert!(
        md[agreed..lot].contains(
            "- Write to the bus company — **Pembrokeshire Council**, by Fri 4 December 2026 (Q1)"
        ),
        "{md}"
    );
    assert!(
        md[lot..].contains("The car park charges are another meeting"),
        "{md}"
    );
}
