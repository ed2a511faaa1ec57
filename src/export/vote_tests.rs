//! Dot votes in every export: the report marks and ranks them, the CSV has
//! a `votes` column (added last), the REFI-QDA selection's memo leads with
//! them, JSON keeps each laptop's count, and pseudonymising renames the
//! laptops that voted.

use super::{CsvOptions, Format, Options, prepare, render, render_with};
use crate::model::{InsightFields, Session, SessionDetails, StampClock, vote};

/// Three insights: "Phone tree" with 3 votes from two laptops, "Food hub"
/// with 1, "Minibus" with none.
fn voted() -> Session {
    let mut clock = StampClock::new("ann@laptop");
    let t = clock.stamp_at(jiff::Timestamp::from_second(1_790_000_000).unwrap());
    let details = SessionDetails {
        title: "Workshop".into(),
        facilitator: "Grace".into(),
        ..Default::default()
    };
    let mut s = Session::new(details, t.clone());
    for text in ["Food hub", "Phone tree", "Minibus"] {
        let fields = InsightFields {
            question: 1,
            text: text.into(),
            ..Default::default()
        };
        s.add_insight(fields, &t);
    }
    let mut other = StampClock::new("bryn@laptop");
    let later = jiff::Timestamp::from_second(1_790_000_100).unwrap();
    vote::set_own(&mut s.insights[0].votes, 1, &clock.stamp_at(later));
    vote::set_own(&mut s.insights[1].votes, 2, &clock.stamp_at(later));
    vote::set_own(&mut s.insights[1].votes, 1, &other.stamp_at(later));
    s
}

fn text(prepared: &super::Prepared, format: Format) -> String {
    String::from_utf8(render(prepared, format, false)).unwrap()
}

#[test]
fn the_report_marks_votes_and_ranks_the_voted_insights() {
    let report = text(&prepare(&[voted()], Options::default()), Format::Md);
    assert!(report.contains("- ●3 Phone tree"), "{report}");
    assert!(report.contains("- Minibus\n"), "no mark without votes");
    let section = report.split("## Votes\n\n").nth(1).expect(&report);
    let ranked: Vec<&str> = section
        .lines()
        .take_while(|l| l.starts_with("- "))
        .collect();
    assert_eq!(
        ranked,
        ["- ●3 Phone tree (Q1)", "- ●1 Food hub (Q1)"],
        "{report}"
    );
}

#[test]
fn a_report_without_votes_has_no_votes_section() {
    let mut s = voted();
    s.insights.iter_mut().for_each(|i| i.votes.clear());
    let report = text(&prepare(&[s], Options::default()), Format::Md);
    assert!(
        !report.contains("Votes\n") && !report.contains('●'),
        "{report}"
    );
}

#[test]
fn the_csv_carries_the_total_after_the_first_columns() {
    let prepared = prepare(&[voted()], Options::default());
    let bytes = render_with(&prepared, Format::Csv, CsvOptions::default());
    let mut reader = ::csv::Reader::from_reader(bytes.as_slice());
    let header = reader.headers().unwrap().clone();
    // Right after the first release's columns (the parking lot's and
    // actions' columns came after it).
    let at = header.iter().position(|h| h == "votes").unwrap();
    assert_eq!(header.get(at - 1), Some("insight_id"));
    let votes: Vec<(String, String)> = reader
        .records()
        .map(|r| r.unwrap())
        .map(|r| (r[6].to_owned(), r[at].to_owned()))
        .collect();
    let expected = [("Food hub", "1"), ("Phone tree", "3"), ("Minibus", "0")];
    let expected: Vec<(String, String)> =
        expected.map(|(t, n)| (t.to_owned(), n.to_owned())).to_vec();
    assert_eq!(votes, expected);
}

#[test]
fn refi_selections_lead_their_memo_with_the_votes() {
    let project = super::refi::project(&prepare(&[voted()], Options::default()));
    assert!(
        project.contains("<Description>Votes: 3</Description>"),
        "{project}"
    );
    assert!(
        project.contains("<Description>Votes: 1</Description>"),
        "{project}"
    );
    assert_eq!(project.matches("Votes: ").count(), 2, "none without votes");
}

#[test]
fn json_keeps_each_laptops_count_and_pseudonyms_rename_the_laptops() {
    let json = text(&prepare(&[voted()], Options::default()), Format::Json);
    assert!(json.contains("\"device\": \"bryn@laptop\""), "{json}");
    let options = Options {
        pseudonymise: true,
        ..Options::default()
    };
    let shared = text(&prepare(&[voted()], options), Format::JsonShared);
    assert!(!shared.contains("bryn"), "{shared}");
    let back = super::json::from_json(&shared).unwrap();
    assert_eq!(back[0].insights[1].total_votes(), 3, "counts kept");
}
