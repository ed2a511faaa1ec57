//! Clean exits from the command line (issue #12, point 5): the app started
//! without a terminal says so in one line and exits 2, touching nothing;
//! a reader that closes the pipe early (`| head`) ends stb quietly with 0,
//! as ripgrep does; a standard output that cannot be written (a full disk)
//! is a failure, said once.

use super::hostile::run;
use std::path::Path;
use std::process::{Command, Stdio};

fn sample(tmp: &Path) -> std::path::PathBuf {
    let path = tmp.join("sessions").join("2026-10-14-pembrokeshire.ron");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions/2026-10-14-pembrokeshire.ron");
    std::fs::copy(from, &path).unwrap();
    path
}

#[test]
fn without_a_terminal_the_app_says_so_in_one_line_and_exits_2() {
    let tmp = tempfile::tempdir().unwrap();
    let file = sample(tmp.path());
    let sessions = file.parent().unwrap();
    let path = file.to_str().unwrap().to_owned();
    for args in [
        vec![],
        vec!["new".to_owned(), "--title".to_owned(), "Hub".to_owned()],
        vec!["open".to_owned(), path.clone()],
        vec!["review".to_owned(), path.clone()],
    ] {
        let out = run(tmp.path(), sessions, &args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "stb {args:?}: {err}");
        assert!(out.stdout.is_empty(), "stb {args:?}");
        assert_eq!(err.lines().count(), 1, "one line: {err}");
        assert!(err.contains("needs a terminal"), "{err}");
        assert!(
            err.contains("list, check, merge, export, erase"),
            "says what works without one: {err}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
    assert!(
        !stb::storage::lock_path(&file).exists(),
        "refused before the session was locked"
    );
    let files: Vec<_> = std::fs::read_dir(sessions).unwrap().collect();
    assert_eq!(files.len(), 1, "no session was made: {files:?}");
}

/// `stb ARGS` writing into a pipe nobody reads (its reader closed before
/// stb starts, so every write fails): (exit code, stderr).
fn into_a_closed_pipe(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = Command::new(env!("CARGO_BIN_EXE_stb"))
        .args(args)
        .env("STB_SESSIONS_DIR", dir)
        .stdin(Stdio::null())
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    (out.status.code(), err)
}

#[test]
fn a_closed_pipe_ends_every_command_quietly_with_0() {
    let tmp = tempfile::tempdir().unwrap();
    let file = sample(tmp.path());
    let sessions = file.parent().unwrap();
    let path = file.to_str().unwrap();
    let merged = tmp.path().join("merged.ron");
    for args in [
        vec!["list"],
        vec!["check", path],
        vec!["--help"],
        vec!["export", path, "--format", "csv"],
        vec!["export", path, "--format", "md"],
        vec!["export", path, "--format", "json"],
        vec!["merge", path, "-o", merged.to_str().unwrap()],
    ] {
        let (code, err) = into_a_closed_pipe(sessions, &args);
        assert_eq!((code, err.as_str()), (Some(0), ""), "stb {args:?}");
    }
    assert!(merged.exists(), "the merge still finished");
    assert!(
        !stb::storage::lock_path(&merged).exists(),
        "and let go of its lock"
    );
}

/// `stb export … | head -c 10`: the reader takes a little, then goes.
#[test]
fn a_reader_that_stops_early_ends_a_big_export_quietly_with_0() {
    let tmp = tempfile::tempdir().unwrap();
    let big = tmp.path().join("big.ron");
    let (code, _, err) = super::pty::run(
        tmp.path(),
        &[
            "generate",
            "--insights",
            "2000",
            "-o",
            big.to_str().unwrap(),
        ],
    );
    assert_eq!(code, Some(0), "{err}");
    let mut child = Command::new(env!("CARGO_BIN_EXE_stb"))
        .args(["export", big.to_str().unwrap(), "--format", "md"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut head = [0u8; 10];
    let mut stdout = child.stdout.take().unwrap();
    std::io::Read::read_exact(&mut stdout, &mut head).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.is_empty(), "quiet: {err}");
}

/// Not every failure to write is a reader gone: a full disk behind `>`
/// must not pass for a finished export.
#[test]
fn a_standard_output_that_cannot_be_written_fails_the_command() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("no /dev/full here: not checked");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let file = sample(tmp.path());
    let out = Command::new(env!("CARGO_BIN_EXE_stb"))
        .args(["export", file.to_str().unwrap(), "--format", "csv"])
        .stdin(Stdio::null())
        .stdout(full)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("could not write standard output"), "{err}");
}
