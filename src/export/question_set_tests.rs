//! Every export of sessions on other question sets: the Markdown report's
//! headings are the set's questions, the CSV's question columns hold the
//! set's numbers and texts, and REFI-QDA keeps the questions of two sets as
//! separate codes (question 1 of one set is not question 1 of another).

use super::{CsvOptions, Format, Options, prepare, render, render_with};
use crate::model::{InsightFields, Place, QuestionSet, Session, SessionDetails, StampClock};

/// A session in `place` on built-in set `set`, one insight on each question.
fn on_set(set: usize, place: &str) -> Session {
    let mut clock = StampClock::new("t");
    let t = clock.stamp_at(jiff::Timestamp::from_second(1_790_000_000).unwrap());
    let details = SessionDetails {
        title: format!("Workshop in {place}"),
        place: Place {
            locality: place.into(),
            ..Default::default()
        },
        facilitator: "Grace".into(),
        ..Default::default()
    };
    let set = &QuestionSet::built_in()[set];
    let mut s = Session::new(details, t.clone()).with_question_set(set, &t);
    for (i, q) in set.questions.iter().enumerate() {
        let fields = InsightFields {
            question: i + 1,
            text: format!("Said in {place} on {}", q.title),
            ..Default::default()
        };
        s.add_insight(fields, &t);
    }
    s
}

fn text(sessions: &[Session], format: Format) -> String {
    String::from_utf8(render(
        &prepare(sessions, Options::default()),
        format,
        false,
    ))
    .unwrap()
}

#[test]
fn the_report_heads_each_question_of_the_set() {
    let report = text(&[on_set(2, "Hull")], Format::Md);
    for heading in [
        "## Q1. Inclusion and respect",
        "## Q3. Communication",
        "## Q5. Small actions, shared endeavour",
    ] {
        assert!(report.contains(heading), "{heading}\n{report}");
    }
    assert!(!report.contains("Good practices"), "{report}");
    assert!(report.contains("Said in Hull on Small actions, shared endeavour"));
}

#[test]
fn the_report_shows_the_session_against_its_agenda() {
    let mut s = on_set(2, "Hull");
    s.timeline[0].elapsed_seconds = 18 * 60;
    s.timeline[0].started = Some(jiff::Timestamp::UNIX_EPOCH);
    s.timeline[1].elapsed_seconds = 22 * 60;
    s.timeline[1].started = Some(jiff::Timestamp::UNIX_EPOCH);
    let report = text(&[s], Format::Md);
    assert!(
        report.contains("- **Time:** took 40 min of 75 planned (35 under)"),
        "{report}"
    );
    assert!(
        report.contains("**Time:** planned 15 min, took 22 min."),
        "{report}"
    );
}

#[test]
fn the_csv_question_columns_are_the_sets() {
    let prepared = prepare(&[on_set(3, "Leeds")], Options::default());
    let bytes = render_with(&prepared, Format::Csv, CsvOptions::default());
    let mut reader = ::csv::Reader::from_reader(bytes.as_slice());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (number, text) = (at("question"), at("question_text"));
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[2][number], "3");
    assert!(
        rows[2][text].starts_with("How are communities equipped with the resources"),
        "{:?}",
        rows[2]
    );
}

#[test]
fn refi_qda_keeps_the_questions_of_two_sets_apart() {
    let sessions = [on_set(0, "Ayr"), on_set(1, "Wigan")];
    let codebook = text(&sessions, Format::Qdc);
    for code in [
        "Q1 Good practices",
        "Q4 Sustaining the change",
        "Q1 Catalyst for change",
        "Q4 Learning for other places",
    ] {
        assert_eq!(
            codebook.matches(&format!("name=\"{code}\"")).count(),
            1,
            "{code}\n{codebook}"
        );
    }
    let project = crate::export::refi::project(&prepare(&sessions, Options::default()));
    assert_eq!(
        project.matches("name=\"Q1 ").count(),
        2,
        "two question 1s, apart"
    );
}
