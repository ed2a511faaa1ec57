//! The parking lot and actions in every text export: the Markdown report's
//! own sections, the CSV's three columns, the shared JSON, and an owner's
//! name held to the consent rules like any other name.

use super::{Format, Options, prepare, render};
use crate::model::{Consent, InsightFields, Kind, ParticipantFields, Session, SessionDetails};
use crate::model::{StampClock, limits};
use jiff::civil::date;

/// Ann (consent given) and Bryn (not recorded); an action each owns, one
/// for the council with no date, and a parked remark on question 2.
fn session() -> Session {
    let mut clock = StampClock::new("t");
    let mut at = |s: i64| clock.stamp_at(jiff::Timestamp::from_second(1_790_000_000 + s).unwrap());
    let details = SessionDetails {
        title: "Actions".into(),
        date: date(2026, 12, 2),
        ..SessionDetails::default()
    };
    let mut s = Session::new(details, at(0));
    for (name, consent) in [
        ("Ann Jones", Consent::Given(jiff::Timestamp::UNIX_EPOCH)),
        ("Bryn Davies", Consent::NotRecorded),
    ] {
        let fields = ParticipantFields {
            name: name.into(),
            consent,
            ..ParticipantFields::default()
        };
        s.add_participant(fields, &at(1));
    }
    let mut add = |fields: InsightFields| {
        let stamp = at(10 + s.insights.len() as i64);
        s.add_insight(fields, &stamp);
    };
    let action = |text: &str, owner: &str, due| InsightFields {
        question: 1,
        text: text.into(),
        kind: Kind::Action,
        owner: owner.into(),
        due,
        ..InsightFields::default()
    };
    add(action(
        "Write up the hub",
        "Bryn Davies",
        Some(date(2026, 12, 18)),
    ));
    add(action(
        "Book the hall",
        "Ann Jones",
        Some(date(2026, 12, 4)),
    ));
    add(action("Fund it", "Pembrokeshire Council", None));
    add(InsightFields {
        question: 2,
        text: "The car park is another meeting".into(),
        parked: true,
        ..InsightFields::default()
    });
    add(InsightFields {
        question: 2,
        text: "Trust grew".into(),
        ..InsightFields::default()
    });
    s
}

fn text(format: Format) -> String {
    let prepared = prepare(&[session()], Options::default());
    String::from_utf8(render(&prepared, format, false)).unwrap()
}

#[test]
fn the_report_lists_what_we_agreed_soonest_first_and_the_parking_lot() {
    let md = text(Format::Md);
    let agreed = md.find("## What we agreed to do").expect(&md);
    let parked = md.find("## Parking lot").expect(&md);
    let lines: Vec<&str> = md[agreed..parked]
        .lines()
        .filter(|l| l.starts_with("- "))
        .collect();
    assert_eq!(
        lines,
        [
            "- Book the hall — **Ann Jones**, by Fri 4 December 2026 (Q1)",
            "- Write up the hub — **\\[a participant\\]**, by Fri 18 December 2026 (Q1)",
            "- Fund it — **Pembrokeshire Council** (Q1)",
        ],
        "{md}"
    );
    assert!(
        md[parked..].contains("- The car park is another meeting (Q2)"),
        "{md}"
    );
    let q2 = &md[md.find("## Q2.").unwrap()..md.find("## Q3.").unwrap()];
    assert!(q2.contains("Trust grew"), "{q2}");
    assert!(
        !q2.contains("car park"),
        "a parked remark is not listed under its question: {q2}"
    );
    assert!(
        !md.contains("Bryn"),
        "a name without consent never shows: {md}"
    );
}

#[test]
fn csv_and_shared_json_carry_parked_owner_and_due() {
    let csv = text(Format::Csv);
    let mut reader = ::csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<::csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let row = |text: &str| rows.iter().find(|r| &r[column("text")] == text).unwrap();
    let hall = row("Book the hall");
    assert_eq!(
        (
            &hall[column("owner")],
            &hall[column("due")],
            &hall[column("parked")]
        ),
        ("Ann Jones", "2026-12-04", "false")
    );
    assert_eq!(&row("Write up the hub")[column("owner")], "[a participant]");
    assert_eq!(
        &row("The car park is another meeting")[column("parked")],
        "true"
    );

    let json = text(Format::JsonShared);
    assert!(json.contains("\"owner\": \"Ann Jones\""), "{json}");
    assert!(json.contains("\"due\": \"2026-12-04\""), "{json}");
    assert!(json.contains("\"parked\": true"), "{json}");
    assert!(!json.contains("Bryn"), "{json}");
}

#[test]
fn an_owner_over_the_name_limit_does_not_load() {
    let ron = crate::storage::to_ron(&session()).replace(
        "owner: \"Pembrokeshire Council\"",
        &format!("owner: \"{}\"", "x".repeat(limits::MAX_NAME_BYTES + 1)),
    );
    let err = crate::storage::parse_session(&ron, std::path::Path::new("big.ron")).unwrap_err();
    assert!(err.to_string().contains("big.ron:"), "{err}");
}

#[test]
fn a_refi_selection_says_its_owner_due_date_and_parking_in_its_memo() {
    let prepared = prepare(&[session()], Options::default());
    let qde = super::refi::project(&prepared);
    let memos: Vec<&str> = qde
        .split("<Description>")
        .skip(1)
        .filter_map(|rest| rest.split("</Description>").next())
        .collect();
    assert!(
        memos.contains(&"Action: owner Ann Jones, due 2026-12-04."),
        "{memos:?}"
    );
    assert!(
        memos.contains(&"Action: owner [a participant], due 2026-12-18."),
        "the owner scrubbed: {memos:?}"
    );
    assert!(
        memos.contains(&"In the parking lot: set aside in the workshop for another time."),
        "{memos:?}"
    );
    assert!(!qde.contains("Bryn"), "{qde}");
}
