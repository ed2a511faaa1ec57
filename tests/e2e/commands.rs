//! The commands and keys around a session: `stb check` and `stb list` on the
//! command line, the help overlay, and resizing to a tiny window and back.

use super::pty::{self, key, run};
use super::{capture, only_session_file, quit, start_new};

#[test]
fn check_reports_errors_as_path_line_col_and_list_shows_sessions() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let mut stb = start_new(&dir);
    capture(&mut stb, "Shared kitchen", "Shared kitchen");
    quit(&mut stb);
    let good = only_session_file(&dir);

    let (code, out, err) = run(&dir, &["check", good.to_str().unwrap()]);
    assert_eq!(code, Some(0), "stdout {out:?} stderr {err:?}");
    assert!(out.contains(": ok"), "{out:?}");
    assert!(out.contains(" · 1 insight · "), "{out:?}");

    // Break one line of a copy: an unknown field on line `broken_line`.
    let text = std::fs::read_to_string(&good).unwrap();
    let broken_line = text
        .lines()
        .position(|l| l.trim_start().starts_with("facilitator:"))
        .expect("a facilitator line")
        + 1;
    let bad_text = text.replacen("\tfacilitator:", "\tfacilitatr:", 1);
    let bad_dir = tmp.path().join("broken");
    std::fs::create_dir(&bad_dir).unwrap();
    let bad = bad_dir.join("bad.ron");
    std::fs::write(&bad, &bad_text).unwrap();

    let (code, out, err) = run(&dir, &["check", bad.to_str().unwrap()]);
    assert_ne!(code, Some(0), "a broken file must fail the check");
    assert!(
        out.is_empty(),
        "nothing on stdout for a broken file: {out:?}"
    );
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "one line on stderr: {err:?}");
    let rest = lines[0]
        .strip_prefix(&format!("{}:", bad.display()))
        .unwrap_or_else(|| panic!("stderr should start with the path: {err:?}"));
    let mut parts = rest.splitn(3, ':');
    let line: usize = parts.next().unwrap().parse().expect("a line number");
    let col: usize = parts.next().unwrap().parse().expect("a column number");
    let message = parts.next().expect("a message");
    assert_eq!(line, broken_line, "{err:?}");
    assert!(col >= 1, "{err:?}");
    assert!(message.starts_with(' ') && message.len() > 1, "{err:?}");
    assert_eq!(
        std::fs::read(&bad).unwrap(),
        bad_text.as_bytes(),
        "check must not change the file"
    );

    // Both at once: the good one's summary, the bad one's error, and failure.
    let (code, out, err) = run(
        &dir,
        &["check", good.to_str().unwrap(), bad.to_str().unwrap()],
    );
    assert_ne!(code, Some(0));
    assert!(out.contains(": ok"), "{out:?}");
    assert!(err.contains("bad.ron:"), "{err:?}");

    let (code, out, err) = run(&dir, &["list"]);
    assert_eq!(code, Some(0), "stderr {err:?}");
    assert!(out.contains("Community power"), "{out:?}");
    assert!(out.contains("Pembrokeshire, Wales"), "{out:?}");
    assert!(out.contains("    1 insight  "), "{out:?}");
    assert!(out.contains(good.to_str().unwrap()), "{out:?}");

    let (code, out, _) = run(&tmp.path().join("empty"), &["list"]);
    assert_eq!(code, Some(0));
    assert!(out.starts_with("No sessions in"), "{out:?}");
}

#[test]
fn help_opens_and_closes_and_a_tiny_window_asks_to_be_enlarged() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let mut stb = start_new(&dir);
    // Not a footer hint, so only the help overlay lists it.
    let help_only = "add the last line's unknown @name to the roster";
    assert!(!stb.screen().contains(help_only));

    stb.send(key::F1);
    stb.wait_for("Help · every key");
    stb.wait_for("Ctrl+N");
    stb.wait_for(help_only);
    stb.esc();
    stb.wait_gone("Help · every key");
    assert!(!stb.screen().contains(help_only));
    assert!(stb.screen().contains("Question 1 of 4"));

    stb.resize(10, 40);
    stb.wait_for("Please enlarge the window");
    assert!(!stb.screen().contains("Question 1 of 4"));
    assert!(stb.is_running(), "a tiny window must not end the app");

    stb.resize(pty::ROWS, pty::COLS);
    stb.wait_for("Question 1 of 4");
    stb.wait_gone("Please enlarge the window");
    stb.wait_for("Capture");
    // Still takes input after all that.
    capture(&mut stb, "Still here", "Still here");
    quit(&mut stb);
}

/// `stb generate` writes a session of the size asked for, owner-only, that
/// `stb check` reads, the same for the same seed; it never writes over a
/// file unless told to.
#[test]
fn generate_writes_a_session_of_the_size_asked_and_never_over_a_file() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let file = tmp.path().join("big.ron");
    let path = file.to_str().unwrap();
    let (code, out, err) = run(&dir, &["generate", "--insights", "1000", "-o", path]);
    assert_eq!(code, Some(0), "{out} {err}");
    assert!(out.contains("1000 insights"), "{out}");
    let session = super::load(&file);
    assert_eq!(session.insights.len(), 1_000);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let first = std::fs::read(&file).unwrap();

    let (code, _, err) = run(&dir, &["generate", "--insights", "10", "-o", path]);
    assert_eq!(code, Some(1));
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(std::fs::read(&file).unwrap(), first, "left as it was");

    let (code, _, err) = run(
        &dir,
        &["generate", "--insights", "1000", "-o", path, "--force"],
    );
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        std::fs::read(&file).unwrap(),
        first,
        "the same seed, the same bytes"
    );
}
