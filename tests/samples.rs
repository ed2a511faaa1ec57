//! The sample workshops shipped in `sessions/`: one each in England, Scotland
//! and Wales on the four questions, and one in Northern Ireland on another
//! built-in set. They are the demo a new facilitator opens first and the test
//! data for everything that reads sessions, so these tests prove that every
//! sample loads with the library's own loader, that together they cover the
//! three nations and more than one question set, that each is a whole finished
//! workshop (a built-in set's questions, a mixed room, insights on every
//! question using every practice type and every kind),
//! and that each file is exactly what the app itself would save, byte for byte,
//! so a change to the format shows up here instead of leaving the samples to rot.

use stb::model::{Kind, Nation, PracticeType, Sector, Session, Stage};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The shipped samples folder.
const SESSIONS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/sessions");

/// Every `.ron` file in `sessions/`, in name order.
fn sample_paths() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(SESSIONS)
        .unwrap_or_else(|e| panic!("cannot read {SESSIONS}: {e}"))
        .map(|entry| {
            entry
                .unwrap_or_else(|e| panic!("cannot list {SESSIONS}: {e}"))
                .path()
        })
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    paths.sort();
    paths
}

/// A sample's file name, for failure messages.
fn name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

/// Every sample, loaded; panics naming the first file that does not load.
fn samples() -> Vec<(PathBuf, Session)> {
    sample_paths()
        .into_iter()
        .map(|path| match stb::storage::load(&path) {
            Ok(session) => (path, session),
            Err(error) => panic!("sample {} does not load: {error}", name(&path)),
        })
        .collect()
}

#[test]
fn every_sample_loads_and_there_are_at_least_three() {
    let paths = sample_paths();
    assert!(
        paths.len() >= 3,
        "expected at least 3 sample sessions in {SESSIONS}, found {}: {paths:?}",
        paths.len()
    );
    let failures: Vec<String> = paths
        .iter()
        .filter_map(|path| stb::storage::load(path).err())
        .map(|error| error.to_string())
        .collect();
    assert!(
        failures.is_empty(),
        "samples that do not load:\n{}",
        failures.join("\n")
    );
}

#[test]
fn the_samples_cover_england_scotland_and_wales() {
    let samples = samples();
    for nation in [Nation::England, Nation::Scotland, Nation::Wales] {
        assert!(
            samples.iter().any(|(_, s)| s.place.nation == nation),
            "no sample workshop in {nation}; the samples are: {}",
            samples
                .iter()
                .map(|(path, s)| format!("{} ({})", name(path), s.place))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
}

#[test]
fn one_sample_runs_on_another_question_set() {
    let samples = samples();
    let default = stb::model::shifting_the_balance();
    let other: Vec<String> = samples
        .iter()
        .filter(|(_, s)| s.questions != default)
        .map(|(path, s)| format!("{} ({})", name(path), s.questions[0].title))
        .collect();
    assert_eq!(
        other,
        ["2026-11-04-derry-and-strabane.ron (Catalyst for change)"],
        "the sample on Community Power in Practice"
    );
}

/// What keeps `session` (from `file`) from being a whole finished workshop,
/// one message per shortfall.
fn shortfalls(file: &str, session: &Session) -> Vec<String> {
    let mut problems = Vec::new();
    let mut fail = |message: String| problems.push(format!("{file}: {message}"));

    let date = session.date.to_string();
    if !file.starts_with(&date) {
        fail(format!("the file name does not start with its date {date}"));
    }

    let questions = session.questions.len();
    let built_in = stb::model::QuestionSet::built_in();
    if !built_in
        .iter()
        .any(|set| set.questions == session.questions)
    {
        fail("its questions are not those of a built-in set".to_owned());
    }

    let participants = session.live_participants().count();
    if !(6..=12).contains(&participants) {
        fail(format!("has {participants} participants, expected 6 to 12"));
    }
    let sectors: BTreeSet<Sector> = session.live_participants().map(|p| p.sector).collect();
    if sectors.len() < 3 {
        fail(format!(
            "participants come from {} sectors ({sectors:?}), expected at least 3",
            sectors.len()
        ));
    }

    let insights = session.live_insights().count();
    if insights < 30 {
        fail(format!("has {insights} insights, expected at least 30"));
    }
    for q in 1..=questions {
        if !session.live_insights().any(|i| i.question == q) {
            fail(format!("has no insight on question {q}"));
        }
    }
    let practices: BTreeSet<PracticeType> =
        session.live_insights().filter_map(|i| i.practice).collect();
    for practice in PracticeType::ALL {
        if !practices.contains(practice) {
            fail(format!("no insight is classed as {practice}"));
        }
    }
    let kinds: BTreeSet<Kind> = session.live_insights().map(|i| i.kind).collect();
    for kind in Kind::ALL {
        if !kinds.contains(kind) {
            fail(format!("no insight is of kind {kind}"));
        }
    }
    for insight in session.live_insights() {
        if let Some(who) = insight.participant
            && !session.live_participants().any(|p| p.id == who)
        {
            fail(format!(
                "insight {} is attributed to {who}, who is not on the roster",
                insight.id
            ));
        }
    }

    if session.stage != Stage::WrapUp {
        fail(format!(
            "stage is {:?}, expected WrapUp for a finished workshop",
            session.stage
        ));
    }
    for (n, timing) in session.timeline.iter().enumerate() {
        let q = n + 1;
        if timing.started.is_none() || timing.ended.is_none() {
            fail(format!("question {q} was never started and ended"));
        }
        if timing.elapsed_seconds == 0 {
            fail(format!("question {q} has no time on its clock"));
        }
        if timing.running_since.is_some() {
            fail(format!("question {q}'s timer is still running"));
        }
    }
    problems
}

#[test]
fn each_sample_is_a_whole_finished_workshop() {
    let samples = samples();
    assert!(!samples.is_empty(), "no samples in {SESSIONS}");
    let problems: Vec<String> = samples
        .iter()
        .flat_map(|(path, session)| shortfalls(&name(path), session))
        .collect();
    assert!(
        problems.is_empty(),
        "samples fall short:\n{}",
        problems.join("\n")
    );
}

#[test]
fn saving_a_sample_reproduces_the_file_byte_for_byte() {
    let samples = samples();
    assert!(!samples.is_empty(), "no samples in {SESSIONS}");
    for (path, session) in &samples {
        let file = std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", name(path)));
        let saved = stb::storage::to_ron(session);
        if saved != file {
            let line = file
                .lines()
                .zip(saved.lines())
                .position(|(a, b)| a != b)
                .unwrap_or_else(|| file.lines().count().min(saved.lines().count()));
            panic!(
                "{}: saving it again changes it (regenerate the sample); first difference at line {}:\n  file:  {:?}\n  saved: {:?}",
                name(path),
                line + 1,
                file.lines().nth(line).unwrap_or("<end of file>"),
                saved.lines().nth(line).unwrap_or("<end of file>"),
            );
        }
    }
}
