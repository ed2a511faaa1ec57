//! The commands that run without the terminal UI: `list`, `check`, `merge`,
//! `merge-driver` and `git-setup`. Each returns the process exit code and
//! prints errors as one line (`path:line:col: message` where there is one).
//! Everything goes through `cli::out` (`outln!`, `errln!`), which makes
//! session text, file names and lock contents inert on the way out.

mod git_setup;
pub mod questions;
mod share;

pub use git_setup::git_setup;
pub use share::{ExportRequest, erase, erase_in, export};

use crate::inert::visible;
use crate::merge;
use crate::storage::{self, SessionFile};
use crate::words;
use crate::{errln, outln};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `stb list`: the sessions folder, newest first, each line printed as
/// soon as its file is read (the heads of the files give the order).
pub fn list(dir: &Path) -> ExitCode {
    let mut any = false;
    storage::list_in_order(dir, |entry| {
        any = true;
        if let Some(summary) = entry.summary() {
            outln!("{}", list_line(summary, &entry.path));
        }
    });
    if !any {
        outln!("No sessions in {}", dir.display());
    }
    ExitCode::SUCCESS
}

/// A path on one line: a line break in a file name shows as `␊`, so it
/// cannot start a line that looks like another file's (the one writer
/// keeps line breaks, which reports need).
fn one_line_path(path: &Path) -> String {
    visible(&path.display().to_string()).into_owned()
}

/// One session file as `stb list` shows it: date, title, place, how many
/// insights (the numbers in a column of their own), path.
fn list_line(summary: &Result<storage::SessionSummary, String>, path: &Path) -> String {
    match summary {
        Ok(s) => format!(
            "{}  {:<40}  {:<28}  {:>5} {:<8}  {}",
            s.date,
            visible(&s.title),
            visible(&s.place),
            s.insights,
            words::noun(s.insights, "insight", "insights"),
            one_line_path(path)
        ),
        Err(error) => format!("(cannot open) {error}"),
    }
}

/// One session of a file that `stb check` read.
fn check_line(file: &Path, s: &crate::model::Session) -> String {
    let mut line = format!(
        "{}: ok · {} · {} · {} · {} · {}",
        one_line_path(file),
        visible(&s.title),
        visible(&s.place.to_string()),
        s.date,
        words::count(s.live_insights().count(), "insight"),
        words::count(s.live_participants().count(), "participant"),
    );
    // Open conflicts are data a person should settle, not errors: listed,
    // one a line, and the file still checks ok.
    let open: Vec<_> = s.open_conflicts().collect();
    if !open.is_empty() {
        line.push_str(&format!(" · {}", words::count(open.len(), "open conflict")));
        for conflict in open {
            line.push_str(&format!(
                "\n  conflict: {}",
                visible(&s.describe_conflict(conflict))
            ));
        }
    }
    line
}

/// `stb check`: a summary line per file, or its error; non-zero on any error.
pub fn check(files: &[PathBuf]) -> ExitCode {
    let mut failed = false;
    for file in files {
        match storage::load_file(file) {
            Ok(loaded) => {
                for s in loaded.sessions() {
                    outln!("{}", check_line(file, s));
                }
            }
            Err(error) => {
                errln!("{error}");
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Loads every input, or names the first that fails. A file given twice is
/// read once: merging a file with itself is a no-op.
fn load_inputs(
    files: &[PathBuf],
) -> Result<(Vec<String>, Vec<Vec<crate::model::Session>>), String> {
    let mut seen: Vec<PathBuf> = Vec::new();
    let mut names = Vec::new();
    let mut inputs = Vec::new();
    for file in files {
        let canonical = std::fs::canonicalize(file).unwrap_or_else(|_| file.clone());
        if seen.contains(&canonical) {
            continue;
        }
        seen.push(canonical);
        let loaded = storage::load_file(file).map_err(|e| e.to_string())?;
        names.push(file.display().to_string());
        inputs.push(loaded.into_sessions());
    }
    Ok((names, inputs))
}

/// Gives a fresh stamp to every field an input changed from `base`
/// without stamping it (see `merge::hand_edits`), so such an edit wins.
fn restamp_hand_edits(base: &[crate::model::Session], inputs: &mut [Vec<crate::model::Session>]) {
    let now = jiff::Timestamp::now();
    for input in inputs {
        merge::hand_edits::restamp_hand_edits(base, input, now);
    }
}

/// `stb merge A B ... -o OUT [--base ANCESTOR]`: one file with
/// everything, and a report (exact about conflicts when given the copies'
/// common ancestor).
pub fn merge(files: &[PathBuf], out: &Path, force: bool, base: Option<&Path>) -> ExitCode {
    let (names, mut inputs) = match load_inputs(files) {
        Ok(loaded) => loaded,
        Err(error) => {
            errln!("{error} (nothing written)");
            return ExitCode::FAILURE;
        }
    };
    let base = match base.map(storage::load_file).transpose() {
        Ok(base) => base.map(SessionFile::into_sessions).unwrap_or_default(),
        Err(error) => {
            errln!("{error} (nothing written)");
            return ExitCode::FAILURE;
        }
    };
    restamp_hand_edits(&base, &mut inputs);
    if out.exists() && !force {
        errln!(
            "{}: already exists; nothing written (--force replaces it)",
            out.display()
        );
        return ExitCode::FAILURE;
    }
    // Owned like any writer: never over a session open in stb.
    let owned = match storage::own(out) {
        Ok(owned) => owned,
        Err(storage::OwnError::Load(_)) if force => match storage::lock(out) {
            // --force replaces a file that does not read, too.
            Ok(lock) => storage::Owned {
                lock,
                file: None,
                seen: None,
            },
            Err(error) => {
                errln!("{error} (nothing written)");
                return ExitCode::FAILURE;
            }
        },
        Err(error) => {
            errln!("{error} (nothing written)");
            return ExitCode::FAILURE;
        }
    };
    let merge::Merged {
        sessions: merged,
        report,
        ..
    } = merge::merge_reported(&names, inputs, &base);
    let saved = storage::save_file(out, &SessionFile::from_sessions(merged));
    owned.release();
    if let Err(error) = saved {
        errln!("{error}");
        return ExitCode::FAILURE;
    }
    crate::cli::out::print(&report.to_string());
    outln!("written to {}", out.display());
    ExitCode::SUCCESS
}

/// `stb merge-driver %O %A %B`, git's contract: merge the two sides, write
/// the result over `%A`, exit 0; on any failure leave `%A` alone and exit 1
/// so git reports a conflict. The ancestor is not needed: every side keeps
/// every record it ever had (deletions are tombstones).
pub fn merge_driver(ancestor: &Path, ours: &Path, theirs: &Path) -> ExitCode {
    let (names, mut inputs) = match load_inputs(&[ours.to_owned(), theirs.to_owned()]) {
        Ok(loaded) => loaded,
        Err(error) => {
            errln!("stb merge-driver: {error}");
            return ExitCode::FAILURE;
        }
    };
    // Owned like any writer (git's temp copy is not open anywhere, but the
    // rule is one way in).
    let owned = match storage::own(ours) {
        Ok(owned) => owned,
        Err(error) => {
            errln!("stb merge-driver: {error}");
            return ExitCode::FAILURE;
        }
    };
    // The ancestor tells hand edits (a value changed without its stamp) from
    // untouched fields, and makes the conflict count exact; git passes an
    // empty file when there is none, and an unreadable one is no reason to
    // fail.
    let base = storage::load_file(ancestor)
        .map(SessionFile::into_sessions)
        .unwrap_or_default();
    restamp_hand_edits(&base, &mut inputs);
    let done = merge::merge_reported(&names, inputs, &base);
    let (merged, conflicts) = (done.sessions, done.report.conflicts.len());
    let saved = storage::save_file(ours, &SessionFile::from_sessions(merged));
    owned.release();
    if let Err(error) = saved {
        errln!("stb merge-driver: {error}");
        return ExitCode::FAILURE;
    }
    if conflicts > 0 {
        errln!(
            "stb merge-driver: {} resolved {} by latest edit",
            ours.display(),
            words::count(conflicts, "field conflict")
        );
    }
    ExitCode::SUCCESS
}

/// `stb generate --insights N -o FILE`: a synthetic session, written as any
/// session is (atomically, owner-only), never over a file unless `force`.
pub fn generate(insights: usize, seed: u64, out: &Path, force: bool) -> ExitCode {
    if out.exists() && !force {
        errln!(
            "{}: already exists; nothing written (--force replaces it)",
            out.display()
        );
        return ExitCode::FAILURE;
    }
    let session = crate::generate::session(crate::generate::Spec { insights, seed });
    if let Err(error) = storage::save(out, &session) {
        errln!("{error}");
        return ExitCode::FAILURE;
    }
    outln!(
        "{}: {}, {}, {}",
        out.display(),
        words::count(session.insights.len(), "insight"),
        words::count(session.participants.len(), "participant"),
        words::count(session.themes.len(), "theme")
    );
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Nation, Place, Session, SessionDetails, StampClock};

    fn pembrokeshire() -> Session {
        let stamp = StampClock::new("t").stamp_at(jiff::Timestamp::UNIX_EPOCH);
        let details = SessionDetails {
            title: "Community power".into(),
            place: Place {
                locality: "Pembrokeshire".into(),
                nation: Nation::Wales,
            },
            date: jiff::civil::date(2026, 10, 14),
            ..Default::default()
        };
        Session::new(details, stamp)
    }

    #[test]
    fn list_says_one_insight_and_keeps_its_columns() {
        let summary = |insights| {
            Ok(storage::SessionSummary {
                title: "Community power".into(),
                place: "Pembrokeshire, Wales".into(),
                date: jiff::civil::date(2026, 10, 14),
                insights,
                sessions: 1,
            })
        };
        let one = list_line(&summary(1), Path::new("a.ron"));
        let many = list_line(&summary(12), Path::new("a.ron"));
        assert!(one.contains("    1 insight   a.ron"), "{one:?}");
        assert!(many.contains("   12 insights  a.ron"), "{many:?}");
        assert_eq!(one.len(), many.len(), "the path starts in one column");
    }

    /// The sample workshop's details with one insight saying `text`.
    fn with_one_insight(text: &str) -> crate::model::Session {
        let mut session = pembrokeshire();
        let stamp = StampClock::new("t").stamp_at(jiff::Timestamp::UNIX_EPOCH);
        let fields = crate::model::InsightFields {
            question: 1,
            text: text.into(),
            ..Default::default()
        };
        session.add_insight(fields, &stamp);
        session
    }

    #[test]
    fn a_line_break_in_a_file_name_cannot_forge_a_line() {
        let line = check_line(Path::new("a.ron\nz.ron"), &with_one_insight("x"));
        assert!(line.starts_with("a.ron␊z.ron: ok · "), "{line}");
    }

    #[test]
    fn check_counts_insights_and_participants_in_words() {
        let session = with_one_insight("Shared kitchen");
        let line = check_line(Path::new("p.ron"), &session);
        assert_eq!(
            line,
            "p.ron: ok · Community power · Pembrokeshire, Wales · 2026-10-14 · 1 insight · 0 participants"
        );
    }

    #[test]
    fn check_lists_open_conflicts_one_a_line_and_still_says_ok() {
        let a = with_one_insight("agreed");
        let mut b = a.clone();
        b.insights[0].text = "AGREED".into();
        let merged = crate::merge::merge_pair(&a, &b);
        let line = check_line(Path::new("p.ron"), &merged);
        assert_eq!(
            line,
            "p.ron: ok · Community power · Pembrokeshire, Wales · 2026-10-14 · 1 insight · 0 participants · 1 open conflict\n  conflict: insight “agreed” · text: \"AGREED\" / \"agreed\""
        );
    }
}
