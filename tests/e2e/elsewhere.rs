//! Sessions from elsewhere (issue #12), through the real binary: a FIFO or
//! a device given as a session is refused at once with one line naming it,
//! a session opened through a symbolic link or a hard link never has two
//! writers, and a lock or draft file planted as a link leaks nothing.

use super::pty::{Stb, key};
use super::{capture, load, only_session_file, quit, start_new};
use std::os::unix::fs::symlink;
use std::path::Path;
use std::time::{Duration, Instant};

/// Runs `stb ARGS` (in a terminal for `open`, which needs one; without one
/// for the rest); fails the test if it has not ended within five seconds (a
/// FIFO once made it wait for ever). The exit code and what it said.
fn run_within(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    if args.first() == Some(&"open") {
        let mut stb = Stb::spawn(dir, args);
        let status = stb.wait_exit_within(Duration::from_secs(5));
        let status = status.unwrap_or_else(|| panic!("stb {args:?} still waits after 5 s"));
        let said = stb.printed().trim().to_owned();
        return (i32::try_from(status.exit_code()).ok(), said + "\n");
    }
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_stb"))
        .args(args)
        .env("STB_SESSIONS_DIR", dir)
        .env("STB_DEVICE", "e2e")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run stb");
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(5) {
            let _ = child.kill();
            panic!("stb {args:?} was still waiting after five seconds");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo").arg(path).status();
    assert!(made.unwrap().success(), "mkfifo {}", path.display());
}

/// One line on stderr, starting with the file's name and saying `says`.
fn refused(code: Option<i32>, err: &str, path: &Path, says: &str) {
    assert_ne!(code, Some(0), "{err}");
    assert_eq!(err.lines().count(), 1, "one line: {err:?}");
    assert!(err.starts_with(&path.display().to_string()), "{err}");
    assert!(err.contains(says), "{err}");
}

#[test]
fn check_and_open_refuse_a_fifo_or_device_at_once_naming_it() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let fifo = dir.join("pipe.ron");
    mkfifo(&fifo);
    let zero = dir.join("zero.ron");
    symlink("/dev/zero", &zero).unwrap();
    for (path, says) in [(&fifo, "a FIFO (named pipe)"), (&zero, "a device")] {
        let name = path.to_str().unwrap();
        for command in ["check", "open"] {
            let (code, err) = run_within(dir, &[command, name]);
            refused(code, &err, path, says);
        }
    }
    // The folder's listing meets both, and still ends at once.
    run_within(dir, &["list"]);
}

#[test]
fn a_session_through_a_link_or_a_second_name_never_has_two_writers() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let mut first = start_new(&dir);
    capture(
        &mut first,
        "Trust grew in the hubs",
        "Trust grew in the hubs",
    );
    let real = only_session_file(&dir);
    let link = tmp.path().join("link.ron");
    symlink(&real, &link).unwrap();

    let (code, err) = run_within(&dir, &["open", link.to_str().unwrap()]);
    refused(code, &err, &link, "open in another stb");
    quit(&mut first);

    let mut again = Stb::spawn(&dir, &["open", link.to_str().unwrap()]);
    again.wait_for("Trust grew in the hubs");
    capture(&mut again, "Through the link", "Through the link");
    quit(&mut again);
    assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
    let texts: Vec<String> = load(&real)
        .live_insights()
        .map(|i| i.text.clone())
        .collect();
    assert_eq!(texts, ["Trust grew in the hubs", "Through the link"]);

    let second = tmp.path().join("second-name.ron");
    std::fs::hard_link(&real, &second).unwrap();
    let (code, err) = run_within(&dir, &["open", second.to_str().unwrap()]);
    refused(code, &err, &second, "hard links");
    let (code, _) = run_within(&dir, &["check", second.to_str().unwrap()]);
    assert_eq!(code, Some(0), "reading it is fine");
}

#[test]
fn a_lock_planted_as_a_link_is_replaced_and_its_target_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let mut stb = start_new(&dir);
    quit(&mut stb);
    let file = only_session_file(&dir);
    let secret = tmp.path().join("secret");
    std::fs::write(&secret, "token").unwrap();
    let lock = stb::storage::lock_path(&file);
    let _ = std::fs::remove_file(&lock);
    symlink(&secret, &lock).unwrap();
    let gone = tmp.path().join("gone");

    let mut stb = Stb::spawn(&dir, &["open", file.to_str().unwrap()]);
    stb.wait_for("Question 1 of 4");
    assert_eq!(std::fs::read_to_string(&secret).unwrap(), "token");
    assert!(std::fs::symlink_metadata(&lock).unwrap().is_file());
    quit(&mut stb);

    std::fs::remove_file(&lock).unwrap();
    symlink(&gone, &lock).unwrap();
    let mut stb = Stb::spawn(&dir, &["open", file.to_str().unwrap()]);
    stb.wait_for("Question 1 of 4");
    assert!(!gone.exists(), "a dangling lock link creates nothing");
    quit(&mut stb);
}

/// The draft is read through `storage::read_draft`: no link followed, no
/// FIFO waited on.
#[test]
fn a_draft_planted_as_a_link_or_fifo_leaks_nothing_and_never_hangs() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let mut stb = start_new(&dir);
    quit(&mut stb);
    let file = only_session_file(&dir);
    let draft = file.with_file_name(format!(
        "{}.draft",
        file.file_name().unwrap().to_string_lossy()
    ));
    let secret = tmp.path().join("secret");
    std::fs::write(&secret, "after -\nsecret token").unwrap();
    symlink(&secret, &draft).unwrap();
    let mut stb = Stb::spawn(&dir, &["open", file.to_str().unwrap()]);
    stb.wait_for("Question 1 of 4");
    std::thread::sleep(Duration::from_millis(500));
    assert!(!stb.screen().contains("secret token"), "{}", stb.screen());
    stb.send(key::CTRL_Q);
    stb.wait_exit();
    assert_eq!(
        std::fs::read_to_string(&secret).unwrap(),
        "after -\nsecret token"
    );

    let _ = std::fs::remove_file(&draft);
    mkfifo(&draft);
    let mut stb = Stb::spawn(&dir, &["open", file.to_str().unwrap()]);
    stb.wait_for("Question 1 of 4");
    quit(&mut stb);
}

/// A name given on the command line longer than the loader takes would
/// make a file that does not load back: refused before anything starts.
#[test]
fn a_name_over_the_limit_on_the_command_line_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let long = "x".repeat(stb::model::limits::MAX_NAME_BYTES + 1);
    for args in [
        ["new", "--title", long.as_str()],
        ["new", "--facilitator", long.as_str()],
        ["--device", long.as_str(), "list"],
    ] {
        let (code, err) = run_within(tmp.path(), &args);
        assert_eq!(code, Some(2), "{err}");
        assert!(
            err.contains("1025 bytes, longer than stb takes (1024 at most)"),
            "{err}"
        );
    }
    let made = std::fs::read_dir(tmp.path()).unwrap().count();
    assert_eq!(made, 0, "nothing made in the sessions folder");
}
