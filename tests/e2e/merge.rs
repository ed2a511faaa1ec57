//! `stb merge` on the command line, with the two sample copies of the
//! Pembrokeshire workshop in `sessions/copies/`: the facilitator's (Gwen's
//! laptop, copy A) and the note-taker's (Dafydd's, copy B). Both added
//! insights; A retagged and starred one insight whose text B fixed; both
//! fixed the text of another (a conflict B wins, being later); B deleted a
//! duplicate that both had. These tests prove that the merge keeps every
//! edit it should, reports the one conflict and what each copy brought,
//! writes the same bytes whatever the order of inputs and whatever is merged
//! in again, keeps different workshops whole side by side, and writes
//! nothing at all when an input is bad or the output already exists.
//! `git` (the sibling module) runs the same merge through git.

use stb::model::Session;
use stb::storage::{self, SessionFile};
use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use ulid::Ulid;

const SESSIONS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/sessions");

/// The facilitator's copy (A) and the note-taker's (B).
pub(super) fn copies() -> (PathBuf, PathBuf) {
    let dir = Path::new(SESSIONS).join("copies");
    (
        dir.join("2026-10-14-pembrokeshire-gwen.ron"),
        dir.join("2026-10-14-pembrokeshire-dafydd.ron"),
    )
}

/// A committed sample session, by file name.
pub(super) fn sample(name: &str) -> PathBuf {
    Path::new(SESSIONS).join(name)
}

/// What one run of the binary did.
pub(super) struct Run {
    pub code: Option<i32>,
    pub out: String,
    pub err: String,
}

/// Runs `stb ARGS` in `dir`, without a terminal.
pub(super) fn stb<S: AsRef<OsStr>>(dir: &Path, args: &[S]) -> Run {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_stb"))
        .args(args)
        .current_dir(dir)
        .env("STB_SESSIONS_DIR", dir.join("no-sessions-here"))
        .env("STB_DEVICE", "e2e")
        .env("TZ", "UTC")
        // A test run from a git hook must not reach the outer repository.
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .env_remove("GIT_INDEX_FILE")
        .output()
        .expect("run stb");
    Run {
        code: out.status.code(),
        out: String::from_utf8_lossy(&out.stdout).into_owned(),
        err: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// `stb merge INPUTS -o OUT`, which must succeed; returns the report.
pub(super) fn merge_ok(inputs: &[&Path], out: &Path) -> String {
    let mut args: Vec<&OsStr> = vec!["merge".as_ref()];
    args.extend(inputs.iter().map(|p| p.as_os_str()));
    args.extend(["-o".as_ref(), out.as_os_str()]);
    let run = stb(out.parent().unwrap(), &args);
    assert_eq!(
        run.code,
        Some(0),
        "stdout {:?} stderr {:?}",
        run.out,
        run.err
    );
    run.out
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
}

pub(super) fn load_one(path: &Path) -> Session {
    match storage::load_file(path).unwrap_or_else(|e| panic!("{e}")) {
        SessionFile::Single(session) => *session,
        other => panic!("{} should hold one session: {other:?}", path.display()),
    }
}

fn ids(s: &Session, live_only: bool) -> BTreeSet<Ulid> {
    s.insights
        .iter()
        .filter(|i| !live_only || !i.deleted)
        .map(|i| i.id)
        .collect()
}

/// The "(N new" count on the report line of input `path`.
fn new_count(report: &str, path: &Path) -> usize {
    let prefix = format!("  {}: ", path.display());
    let line = report
        .lines()
        .find(|l| l.starts_with(&prefix))
        .unwrap_or_else(|| panic!("no line for {prefix:?} in {report}"));
    let (_, after) = line.split_once('(').expect("a ( on the line");
    let (n, _) = after.split_once(" new").expect("N new");
    n.parse().unwrap_or_else(|_| panic!("a count in {line:?}"))
}

#[test]
fn merging_the_two_copies_keeps_every_edit_and_reports_the_one_conflict() {
    let tmp = tempfile::tempdir().unwrap();
    let (pa, pb) = copies();
    let (a, b) = (load_one(&pa), load_one(&pb));
    assert_eq!(a.id, b.id, "copies of one workshop");
    let out = tmp.path().join("merged.ron");
    let report = merge_ok(&[&pa, &pb], &out);
    let m = load_one(&out);
    assert_eq!(m.id, a.id);

    // Every insight of either copy, each exactly once.
    let all: Vec<Ulid> = m.insights.iter().map(|i| i.id).collect();
    assert_eq!(all.len(), ids(&m, false).len(), "an id twice: {all:?}");
    let both: BTreeSet<Ulid> = ids(&a, false).union(&ids(&b, false)).copied().collect();
    assert_eq!(ids(&m, false), both);

    // The duplicate B deleted: live in A, a tombstone in B and in the merge.
    let deleted: Vec<Ulid> = b
        .insights
        .iter()
        .filter(|i| i.deleted)
        .map(|i| i.id)
        .collect();
    assert_eq!(deleted.len(), 1, "the fixture deletes one insight in B");
    let dup = deleted[0];
    assert!(
        ids(&a, true).contains(&dup),
        "A still has the duplicate live"
    );
    assert!(m.insight(dup).unwrap().deleted, "the deletion is kept");
    let live: BTreeSet<Ulid> = ids(&a, true).union(&ids(&b, true)).copied().collect();
    let expected: BTreeSet<Ulid> = live.into_iter().filter(|id| *id != dup).collect();
    assert_eq!(ids(&m, true), expected);

    // Edited in both on different fields: A's tags and star, B's text.
    let farming: Ulid = "01M81S6J8W45MM4S76QVTVP0A3".parse().unwrap();
    let (ia, ib, im) = (
        a.insight(farming).unwrap(),
        b.insight(farming).unwrap(),
        m.insight(farming).unwrap(),
    );
    assert_ne!(ia.text, ib.text);
    assert_ne!(ia.tags, ib.tags);
    assert_ne!(ia.starred, ib.starred);
    assert_eq!(im.text, ib.text, "B's text fix is kept");
    assert_eq!(im.tags, ia.tags, "A's retagging is kept");
    assert_eq!(im.starred, ia.starred, "A's star is kept");

    // Text edited in both: the later (B's) wins, and the report says so.
    let grants: Ulid = "01M81S6J8WQ5NX36TYFREY8R87".parse().unwrap();
    let (ga, gb) = (a.insight(grants).unwrap(), b.insight(grants).unwrap());
    assert!(ga.modified.text < gb.modified.text, "B edited it later");
    assert_ne!(ga.text, gb.text);
    assert_eq!(m.insight(grants).unwrap().text, gb.text);
    assert!(report.contains("1 conflict resolved"), "{report}");
    let lines: Vec<&str> = report.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains(&grants.to_string()))
        .unwrap_or_else(|| panic!("the conflict on {grants} is listed: {report}"));
    assert!(lines[at].ends_with(" · text"), "{}", lines[at]);
    // Values are shown abbreviated; the first 40 characters tell them apart.
    let shown = |text: &str| format!("{:?}", text.chars().take(40).collect::<String>());
    let (kept, lost) = (shown(&gb.text), shown(&ga.text));
    let kept_line = format!("    kept {}", kept.trim_end_matches('"'));
    let lost_line = format!("    over {}", lost.trim_end_matches('"'));
    assert!(lines[at + 1].starts_with(&kept_line), "{:?}", lines[at + 1]);
    assert!(
        lines[at + 1].contains("dafydd@stb-laptop-2"),
        "{}",
        lines[at + 1]
    );
    assert!(lines[at + 2].starts_with(&lost_line), "{:?}", lines[at + 2]);
    assert!(
        lines[at + 2].contains("gwen@stb-laptop-3"),
        "{}",
        lines[at + 2]
    );

    // What each copy brought that the other did not.
    let only_a = ids(&a, false).difference(&ids(&b, false)).count();
    let only_b = ids(&b, false).difference(&ids(&a, false)).count();
    assert_eq!((only_a, only_b), (3, 2), "the fixture's new insights");
    assert_eq!(new_count(&report, &pa), only_a, "{report}");
    assert_eq!(new_count(&report, &pb), only_b, "{report}");
    let first = format!("into 1 session, {} insights,", m.live_insights().count());
    assert!(
        report.starts_with("merged 2 files ") && report.contains(&first),
        "{report}"
    );

    // B's theme and A's comment both arrive.
    assert_eq!((a.themes.len(), b.themes.len(), m.themes.len()), (0, 1, 1));
    assert_eq!(m.themes[0], b.themes[0]);
    let comments = |s: &Session| s.insights.iter().map(|i| i.comments.len()).sum::<usize>();
    assert_eq!((comments(&a), comments(&b), comments(&m)), (1, 0, 1));
}

#[test]
fn the_output_is_the_same_in_any_order_and_merging_it_again_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = copies();
    let ab = tmp.path().join("ab.ron");
    let ba = tmp.path().join("ba.ron");
    merge_ok(&[&a, &b], &ab);
    merge_ok(&[&b, &a], &ba);
    let merged = read(&ab);
    assert_ne!(merged, read(&a), "the merge differs from either copy");
    assert_ne!(merged, read(&b), "the merge differs from either copy");
    assert!(read(&ba) == merged, "B A gives other bytes than A B");
    for (name, copy) in [("again-a.ron", &a), ("again-b.ron", &b)] {
        let again = tmp.path().join(name);
        merge_ok(&[&ab, copy], &again);
        assert!(read(&again) == merged, "merging {name} changed the file");
    }
}

#[test]
fn a_file_merged_with_itself_or_an_empty_collection_comes_back_byte_for_byte() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, _) = copies();
    let original = read(&a);
    let twin = tmp.path().join("twin.ron");
    std::fs::write(&twin, &original).unwrap();
    let empty = tmp.path().join("empty.ron");
    std::fs::write(&empty, "Collection(format: 2, sessions: [])\n").unwrap();
    for (name, other) in [("same-path", &a), ("twin", &twin), ("empty", &empty)] {
        let out = tmp.path().join(format!("{name}-out.ron"));
        merge_ok(&[&a, other], &out);
        assert!(
            read(&out) == original,
            "merged with {name}: the file changed"
        );
    }
}

#[test]
fn different_workshops_are_kept_whole_side_by_side_in_a_collection() {
    let tmp = tempfile::tempdir().unwrap();
    let wales = sample("2026-10-14-pembrokeshire.ron");
    let england = sample("2026-09-23-gateshead.ron");
    let out = tmp.path().join("two.ron");
    let report = merge_ok(&[&wales, &england], &out);
    let swapped = tmp.path().join("swapped.ron");
    merge_ok(&[&england, &wales], &swapped);
    assert!(read(&swapped) == read(&out), "the order of inputs shows");
    assert!(
        report.starts_with("merged 2 files into 2 sessions"),
        "{report}"
    );
    let text = String::from_utf8(read(&out)).unwrap();
    assert!(text.starts_with("Collection("), "{}", &text[..40]);

    let check = stb(tmp.path(), &["check", "two.ron"]);
    assert_eq!(check.code, Some(0), "{}", check.err);
    let originals = [
        storage::load(&wales).unwrap(),
        storage::load(&england).unwrap(),
    ];
    let merged = storage::load_file(&out).unwrap().into_sessions();
    assert_eq!(merged.len(), 2);
    for original in &originals {
        let m = merged.iter().find(|m| m.id == original.id).expect("kept");
        let insights = original.live_insights().count();
        assert_eq!(
            (&m.title, &m.place, m.live_insights().count()),
            (&original.title, &original.place, insights)
        );
        assert!(m == original, "{} is not whole", original.title);
        let line = format!("two.ron: ok · {} · {} ·", m.title, m.place);
        assert!(check.out.contains(&line), "{line:?} in {}", check.out);
        assert!(check.out.contains(&format!("· {insights} insights ·")));
    }
}

/// Runs a merge that must fail and write nothing; returns its stderr.
fn merge_refused(dir: &Path, inputs: &[&Path], out: &Path) -> String {
    let mut args: Vec<&OsStr> = vec!["merge".as_ref()];
    args.extend(inputs.iter().map(|p| p.as_os_str()));
    args.extend(["-o".as_ref(), out.as_os_str()]);
    let run = stb(dir, &args);
    assert!(run.code.is_some_and(|c| c != 0), "must fail: {:?}", run.out);
    assert!(run.out.is_empty(), "no report: {:?}", run.out);
    run.err
}

#[test]
fn a_bad_input_writes_nothing_and_names_the_file_line_and_column() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = copies();
    let text = String::from_utf8(read(&b)).unwrap();
    let title_line = 1 + text
        .lines()
        .position(|l| l.starts_with("\ttitle:"))
        .unwrap();
    let broken = tmp.path().join("broken.ron");
    std::fs::write(&broken, text.replacen("\ttitle:", "\ttitle", 1)).unwrap();
    let out = tmp.path().join("out.ron");

    let err = merge_refused(tmp.path(), &[&a, &broken], &out);
    assert!(!out.exists(), "nothing written for a broken input");
    let mut lines = err.lines();
    let first = lines.next().expect("an error line");
    let rest = first
        .strip_prefix(&format!("{}:", broken.display()))
        .unwrap_or_else(|| panic!("starts with the path: {err:?}"));
    let mut parts = rest.splitn(3, ':');
    let line: usize = parts.next().unwrap().parse().expect("a line number");
    let col: usize = parts.next().unwrap().parse().expect("a column");
    assert_eq!(line, title_line, "{err:?}");
    assert!(
        col >= 1 && parts.next().is_some_and(|m| m.len() > 1),
        "{err:?}"
    );
    // Anything after the error line only says that nothing was written.
    assert!(lines.all(|l| l.contains("nothing written")), "{err:?}");

    let newer = tmp.path().join("newer.ron");
    std::fs::write(&newer, text.replacen("format: 3,", "format: 9,", 1)).unwrap();
    let err = merge_refused(tmp.path(), &[&newer, &a], &out);
    assert!(!out.exists(), "nothing written for a newer file");
    let first = err.lines().next().unwrap_or_default();
    assert!(
        first.starts_with(&format!("{}:", newer.display())),
        "{err:?}"
    );
    assert!(first.contains("format 9"), "{err:?}");
    assert!(read(&newer).starts_with(b"(\n\tformat: 9,"), "left alone");
}

#[test]
fn an_existing_output_is_refused_without_force_and_replaced_with_it() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = copies();
    let out = tmp.path().join("out.ron");
    std::fs::write(&out, "my notes, not a merge\n").unwrap();
    let err = merge_refused(tmp.path(), &[&a, &b], &out);
    assert!(
        err.contains("already exists") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(
        read(&out),
        b"my notes, not a merge\n",
        "left byte-identical"
    );

    let fresh = tmp.path().join("fresh.ron");
    merge_ok(&[&a, &b], &fresh);
    let args = [OsStr::new("merge"), a.as_ref(), b.as_ref(), "-o".as_ref()];
    let run = stb(
        tmp.path(),
        &[&args[..], &[out.as_ref(), "--force".as_ref()]].concat(),
    );
    assert_eq!(run.code, Some(0), "{}", run.err);
    assert!(
        read(&out) == read(&fresh),
        "--force writes the merge over it"
    );
}
