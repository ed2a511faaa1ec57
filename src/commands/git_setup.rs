//! `stb git-setup`: registers stb as git's merge driver for session files.

use crate::{errln, outln};
use std::path::PathBuf;
use std::process::ExitCode;

/// `stb git-setup`: registers the merge driver for `*.ron` in the git
/// repository around the current folder.
pub fn git_setup() -> ExitCode {
    let git = |args: &[&str]| std::process::Command::new("git").args(args).output();
    let top = match git(&["rev-parse", "--show-toplevel"]) {
        Ok(out) if out.status.success() => {
            PathBuf::from(String::from_utf8_lossy(&out.stdout).trim())
        }
        _ => {
            errln!(
                "stb git-setup: not inside a git repository (run it in the folder you share sessions through)"
            );
            return ExitCode::FAILURE;
        }
    };
    let exe = std::env::current_exe().unwrap_or_else(|_| PathBuf::from("stb"));
    let driver = format!("'{}' merge-driver %O %A %B", exe.display());
    for args in [
        [
            "config",
            "merge.stb.name",
            "stb session merge (field by field, latest edit wins)",
        ],
        ["config", "merge.stb.driver", driver.as_str()],
    ] {
        if !git(&args).is_ok_and(|out| out.status.success()) {
            errln!("stb git-setup: git {} failed", args.join(" "));
            return ExitCode::FAILURE;
        }
    }
    let attributes = top.join(".gitattributes");
    let line = "*.ron merge=stb";
    let ignore = top.join(".gitignore");
    for (path, lines) in [(&attributes, &[line][..]), (&ignore, WORKING_FILES)] {
        if let Err(error) = add_missing_lines(path, lines) {
            errln!("stb git-setup: {}: {error}", path.display());
            return ExitCode::FAILURE;
        }
    }
    outln!("git will merge *.ron with stb: merge.stb.driver = {driver}");
    outln!(
        "{} has `{line}` (commit it so every clone uses it)",
        attributes.display()
    );
    outln!(
        "{} leaves out stb's working files (locks, half-typed lines, journals, temp files)",
        ignore.display()
    );
    ExitCode::SUCCESS
}

/// What stb keeps beside a session while it works on it: each laptop's own
/// (a lock names its process, a draft its half-typed line), and a journal's
/// lines are in the session file once it is written whole, so none belongs
/// in a commit; a draft pulled onto another laptop would offer it someone
/// else's unfinished line.
const WORKING_FILES: &[&str] = &[
    "# stb's working files beside each session (see `stb git-setup`)",
    "*.ron.lock",
    "*.ron.draft",
    "*.ron.journal",
    ".*.tmp-*",
    ".stb-summaries",
];

/// Appends to `path` each of `lines` it does not hold yet.
fn add_missing_lines(path: &std::path::Path, lines: &[&str]) -> std::io::Result<()> {
    let existing = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(error) => return Err(error),
    };
    let missing: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|line| !existing.lines().any(|l| l.trim() == *line))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let mut text = existing;
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    for line in missing {
        text.push_str(line);
        text.push('\n');
    }
    std::fs::write(path, text)
}
