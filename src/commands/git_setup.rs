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
    let existing = std::fs::read_to_string(&attributes).unwrap_or_default();
    if !existing.lines().any(|l| l.trim() == line) {
        let mut text = existing;
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(line);
        text.push('\n');
        if let Err(error) = std::fs::write(&attributes, text) {
            errln!("stb git-setup: {}: {error}", attributes.display());
            return ExitCode::FAILURE;
        }
    }
    outln!("git will merge *.ron with stb: merge.stb.driver = {driver}");
    outln!(
        "{} has `{line}` (commit it so every clone uses it)",
        attributes.display()
    );
    ExitCode::SUCCESS
}
