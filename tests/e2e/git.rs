//! Sessions shared through git: `stb git-setup` registers `stb merge-driver`
//! for `*.ron`, so when two laptops' commits both changed a session, a plain
//! `git merge` merges it field by field, with no conflict markers, and gives
//! exactly what `stb merge` gives. A merge driver that cannot read a side
//! fails and leaves git's `%A` (ours) untouched, so git reports a conflict.

use super::merge::{Run, copies, merge_ok, sample, stb};
use std::path::Path;

/// Runs `git ARGS` in `repo`, away from the user's own git configuration.
fn git_run(repo: &Path, args: &[&str]) -> Run {
    let out = std::process::Command::new("git")
        .args(args)
        .current_dir(repo)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", repo.join("no-global-gitconfig"))
        .env("HOME", repo)
        // A test run from a git hook must not reach the outer repository.
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .output()
        .expect("run git");
    Run {
        code: out.status.code(),
        out: String::from_utf8_lossy(&out.stdout).into_owned(),
        err: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// `git ARGS`, which must succeed; returns its stdout.
fn git(repo: &Path, args: &[&str]) -> String {
    let run = git_run(repo, args);
    assert_eq!(run.code, Some(0), "git {args:?}: {} {}", run.out, run.err);
    run.out
}

/// Replaces `file` in `repo` with `from`'s bytes and commits it.
fn commit_copy(repo: &Path, from: &Path, file: &str, message: &str) {
    std::fs::copy(from, repo.join(file)).unwrap();
    git(repo, &["add", file]);
    git(repo, &["commit", "-q", "-m", message]);
}

/// A repository holding the Pembrokeshire sample, with stb registered.
fn repo_with_stb(root: &Path) -> (std::path::PathBuf, String) {
    let repo = root.join("repo");
    std::fs::create_dir(&repo).unwrap();
    git(&repo, &["init", "-q"]);
    git(&repo, &["config", "user.name", "Test"]);
    git(&repo, &["config", "user.email", "test@example.org"]);
    git(&repo, &["config", "commit.gpgsign", "false"]);
    let base = sample("2026-10-14-pembrokeshire.ron");
    commit_copy(&repo, &base, "pembrokeshire.ron", "the workshop");
    let main = git(&repo, &["rev-parse", "--abbrev-ref", "HEAD"]);

    let setup = stb(&repo, &["git-setup"]);
    assert_eq!(setup.code, Some(0), "{} {}", setup.out, setup.err);
    let attributes = std::fs::read_to_string(repo.join(".gitattributes")).unwrap();
    assert!(
        attributes.lines().any(|l| l == "*.ron merge=stb"),
        "{attributes}"
    );
    let driver = git(&repo, &["config", "merge.stb.driver"]);
    assert!(driver.contains("merge-driver %O %A %B"), "{driver}");
    git(&repo, &["add", ".gitattributes", ".gitignore"]);
    git(&repo, &["commit", "-q", "-m", "merge sessions with stb"]);
    (repo, main.trim().to_owned())
}

#[test]
fn git_merge_of_two_laptops_copies_uses_stb_and_matches_stb_merge() {
    let tmp = tempfile::tempdir().unwrap();
    let (repo, main) = repo_with_stb(tmp.path());
    let (a, b) = copies();
    git(&repo, &["checkout", "-q", "-b", "notes"]);
    commit_copy(&repo, &b, "pembrokeshire.ron", "Dafydd's notes");
    git(&repo, &["checkout", "-q", &main]);
    commit_copy(&repo, &a, "pembrokeshire.ron", "Gwen's notes");

    let merged = git_run(&repo, &["merge", "--no-edit", "notes"]);
    assert_eq!(merged.code, Some(0), "{} {}", merged.out, merged.err);
    let text = std::fs::read(repo.join("pembrokeshire.ron")).unwrap();
    let marker = |m: &[u8]| text.windows(m.len()).any(|w| w == m);
    assert!(
        !marker(b"<<<<<<<") && !marker(b">>>>>>>"),
        "conflict markers"
    );
    let expected = tmp.path().join("expected.ron");
    merge_ok(&[&a, &b], &expected);
    assert!(
        text == std::fs::read(&expected).unwrap(),
        "git and stb merge differ"
    );
    // A merge commit, and nothing left over.
    let parents = git(&repo, &["rev-list", "--parents", "-n", "1", "HEAD"]);
    assert_eq!(parents.split_whitespace().count(), 3, "{parents}");
    assert_eq!(git(&repo, &["status", "--porcelain"]), "");
}

#[test]
fn a_merge_driver_that_cannot_read_a_side_fails_and_leaves_ours_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = copies();
    let ours = tmp.path().join("ours.ron");
    std::fs::copy(&a, &ours).unwrap();
    let theirs = tmp.path().join("theirs.ron");
    let text = std::fs::read_to_string(&b).unwrap();
    std::fs::write(&theirs, text.replacen("insights: [", "insights: [[", 1)).unwrap();
    let base = sample("2026-10-14-pembrokeshire.ron");

    let args = [base.as_os_str(), ours.as_os_str(), theirs.as_os_str()];
    let run = stb(
        tmp.path(),
        &[&["merge-driver".as_ref()], &args[..]].concat(),
    );
    assert!(run.code.is_some_and(|c| c != 0), "must fail: {}", run.err);
    assert!(
        run.err.contains(&format!("{}:", theirs.display())),
        "{}",
        run.err
    );
    assert!(std::fs::read(&ours).unwrap() == std::fs::read(&a).unwrap());

    // Through git: the merge stops with a conflict and our side in place.
    let (repo, main) = repo_with_stb(tmp.path());
    git(&repo, &["checkout", "-q", "-b", "broken"]);
    commit_copy(&repo, &theirs, "pembrokeshire.ron", "a bad hand edit");
    git(&repo, &["checkout", "-q", &main]);
    commit_copy(&repo, &a, "pembrokeshire.ron", "Gwen's notes");
    let merged = git_run(&repo, &["merge", "--no-edit", "broken"]);
    assert!(merged.code.is_some_and(|c| c != 0), "{}", merged.out);
    assert!(
        merged.out.contains("CONFLICT"),
        "{} {}",
        merged.out,
        merged.err
    );
    let now = std::fs::read(repo.join("pembrokeshire.ron")).unwrap();
    assert!(now == std::fs::read(&a).unwrap(), "ours is left as it was");
}

/// A laptop's working files (its lock, a half-typed line, a journal not yet
/// folded, a temp file, Home's summaries) stay out of commits, and running
/// `stb git-setup` again adds nothing twice.
#[test]
fn git_setup_keeps_working_files_out_of_commits() {
    let tmp = tempfile::tempdir().unwrap();
    let (repo, _) = repo_with_stb(tmp.path());
    std::fs::write(repo.join(".gitignore"), "target/").unwrap();
    let setup = stb(&repo, &["git-setup"]);
    assert_eq!(setup.code, Some(0), "{} {}", setup.out, setup.err);
    let working = [
        "pembrokeshire.ron.lock",
        "pembrokeshire.ron.draft",
        "pembrokeshire.ron.journal",
        ".pembrokeshire.ron.tmp-01KAQ3M8Z6W1XH5N2B7C9D0E4F",
        ".stb-summaries",
    ];
    for name in working {
        std::fs::write(repo.join(name), "x").unwrap();
    }
    std::fs::write(repo.join("notes.ron"), "()").unwrap();
    let status = git(&repo, &["status", "--porcelain", "--untracked-files=all"]);
    let listed: Vec<&str> = status.lines().map(|l| &l[3..]).collect();
    assert_eq!(listed, [".gitignore", "notes.ron"], "{status}");
    let ignore = std::fs::read_to_string(repo.join(".gitignore")).unwrap();
    assert!(
        ignore.starts_with("target/\n"),
        "the user's lines stay: {ignore}"
    );
    let again = stb(&repo, &["git-setup"]);
    assert_eq!(again.code, Some(0));
    assert_eq!(
        std::fs::read_to_string(repo.join(".gitignore")).unwrap(),
        ignore
    );
    let attributes = std::fs::read_to_string(repo.join(".gitattributes")).unwrap();
    assert_eq!(
        attributes.matches("*.ron merge=stb").count(),
        1,
        "{attributes}"
    );
}
