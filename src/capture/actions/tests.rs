use super::super::{Context, RosterName, as_line, parse_in};
use crate::model::{InsightFields, Kind, Session, SessionDetails, StampClock};
use jiff::civil::{Date, date};
use proptest::prelude::*;
use ulid::Ulid;

const ANN: &str = "Ann Jones";
const BRYN: &str = "Bryn Davies";

/// Ann and Bryn on the roster, Bryn of Pembrokeshire Council; the workshop
/// on Wednesday 2 December 2026.
fn context() -> Context<'static> {
    Context {
        roster: vec![
            RosterName {
                id: Ulid::from_parts(1, 0),
                name: ANN,
            },
            RosterName {
                id: Ulid::from_parts(2, 0),
                name: BRYN,
            },
        ],
        organisations: vec!["Pembrokeshire Council"],
        today: Some(date(2026, 12, 2)),
    }
}

fn owner_and_due(line: &str) -> (String, String, Option<Date>, Option<Kind>) {
    let c = parse_in(line, &context()).unwrap();
    (c.text, c.owner, c.due, c.kind)
}

#[test]
fn an_owner_and_a_due_date_make_an_action_and_leave_the_text() {
    assert_eq!(
        owner_and_due("Write to the bus company >ann !2026-12-15"),
        (
            "Write to the bus company".into(),
            ANN.into(),
            Some(date(2026, 12, 15)),
            Some(Kind::Action)
        )
    );
    let (_, owner, due, kind) = owner_and_due("Ask about the hall >bryn");
    assert_eq!(
        (owner.as_str(), due, kind),
        (BRYN, None, Some(Kind::Action))
    );
    let (_, _, _, kind) = owner_and_due("Share the minutes !fri #idea");
    assert_eq!(kind, Some(Kind::Idea), "a kind typed wins");
}

#[test]
fn an_owner_is_an_organisation_a_participant_or_kept_as_typed() {
    for line in [
        "Fund the hub >\"pembrokeshire council\"",
        "Fund the hub >Pembrokeshire_Council",
    ] {
        assert_eq!(owner_and_due(line).1, "Pembrokeshire Council", "{line}");
    }
    let (text, owner, ..) = owner_and_due("Ring them >\"Dyfed-Powys Police\", soon");
    assert_eq!(owner, "Dyfed-Powys Police");
    assert_eq!(
        text, "Ring them, soon",
        "punctuation stays with the sentence"
    );
    assert_eq!(owner_and_due("Ring them >Gwen_Evans").1, "Gwen Evans");
    let (text, owner, ..) = owner_and_due("Ring >\"the council about it");
    assert_eq!(owner, "", "an unclosed quote is no owner");
    assert_eq!(text, "Ring >\"the council about it");
}

#[test]
fn due_dates_count_from_the_workshop_day() {
    // 2 December 2026 is a Wednesday.
    for (typed, want) in [
        ("!fri", date(2026, 12, 4)),
        ("!Friday", date(2026, 12, 4)),
        ("!wed", date(2026, 12, 9)),
        ("!today", date(2026, 12, 2)),
        ("!tomorrow", date(2026, 12, 3)),
        ("!15-12", date(2026, 12, 15)),
        ("!15/12", date(2026, 12, 15)),
        ("!1-11", date(2027, 11, 1)),
        ("!15-01-2027", date(2027, 1, 15)),
        ("!2027-02-28", date(2027, 2, 28)),
    ] {
        assert_eq!(
            owner_and_due(&format!("Do it {typed}")).2,
            Some(want),
            "{typed}"
        );
    }
}

#[test]
fn a_word_that_is_no_date_stays_text() {
    for line in [
        "Wow !",
        "Wow !!",
        "Not !31-02",
        "Not !2026-13-01",
        "No !someday",
        "No !12345-1-1",
        "No !2026-257-05",
        "No !300-12",
    ] {
        let (text, owner, due, kind) = owner_and_due(line);
        assert_eq!((text.as_str(), due, kind), (line, None, None), "{line}");
        assert_eq!(owner, "");
    }
    let (text, _, due, _) = owner_and_due("By the end of the week !fri.");
    assert_eq!(
        (text.as_str(), due),
        ("By the end of the week.", Some(date(2026, 12, 4)))
    );
    let undated = Context {
        today: None,
        ..context()
    };
    let c = parse_in("Do it !fri", &undated).unwrap();
    assert_eq!((c.text.as_str(), c.due), ("Do it !fri", None));
}

#[test]
fn an_owner_over_the_name_limit_stays_text() {
    let long = "x".repeat(crate::model::limits::MAX_NAME_BYTES + 1);
    let (text, owner, ..) = owner_and_due(&format!("Do it >{long}"));
    assert_eq!(owner, "");
    assert!(text.ends_with(&long));
}

/// A session whose roster matches [`context`], with one action in it.
fn written_back(owner: &str, due: Option<Date>) -> (String, Context<'static>) {
    let mut clock = StampClock::new("t");
    let now = jiff::Timestamp::from_second(1_800_000_000).unwrap();
    let details = SessionDetails {
        date: date(2026, 12, 2),
        ..SessionDetails::default()
    };
    let mut session = Session::new(details, clock.stamp_at(now));
    let id = session.add_insight(
        InsightFields {
            question: 1,
            text: "Book the hall".into(),
            kind: Kind::Action,
            owner: owner.into(),
            due,
            ..InsightFields::default()
        },
        &clock.stamp_at(now),
    );
    let line = as_line(&session, session.insight(id).unwrap());
    (line, context())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Editing an action shows its owner and date on the line, and applying
    /// the line unchanged gives them back.
    #[test]
    fn an_actions_line_reads_back_to_the_same_owner_and_date(
        owner in prop::sample::select(vec![
            "", ANN, "Pembrokeshire Council", "Gwen", "Dyfed-Powys Police",
            "O'Brien & Sons", "Llŷr \"Ll\" Jones", "a_b",
        ]),
        due in prop::option::of((2026..2030i16, 1..13i8, 1..29i8)),
    ) {
        let due = due.map(|(y, m, d)| date(y, m, d));
        let (line, context) = written_back(owner, due);
        let c = parse_in(&line, &context).unwrap();
        prop_assert_eq!(c.text, "Book the hall", "{}", line);
        prop_assert_eq!(c.due, due, "{}", line);
        let owner = owner.replace('"', "'");
        prop_assert_eq!(c.owner, owner, "{}", line);
        prop_assert_eq!(c.kind, Some(Kind::Action), "{}", line);
    }

    /// Whatever follows `!` or `>`, parsing gives an answer, and a date it
    /// finds is a real one within a year of the workshop, or one typed in full.
    #[test]
    fn any_date_or_owner_word_parses_without_panicking(
        word in "[!>][0-9a-zA-Z/\"_-]{0,14}[.,]?",
    ) {
        let c = parse_in(&format!("Do it {word}"), &context()).unwrap();
        if let Some(due) = c.due {
            let typed_in_full = word.chars().filter(char::is_ascii_digit).count() >= 6;
            let near = due >= date(2026, 12, 2) && due <= date(2027, 12, 2);
            prop_assert!(typed_in_full || near, "{} gave {}", word, due);
        }
    }

    /// Owner and date tokens anywhere among plain words never take a word
    /// of the sentence with them.
    #[test]
    fn owner_and_date_never_take_a_plain_word(
        words in prop::collection::vec("[a-z]{1,8}", 1..8),
        at in 0..8usize,
        token in prop::sample::select(vec![">ann", ">\"Big Lottery Fund\"", "!fri", "!2026-12-24"]),
    ) {
        let mut typed = words.clone();
        typed.insert(at.min(words.len()), token.to_owned());
        let c = parse_in(&typed.join(" "), &context()).unwrap();
        prop_assert_eq!(c.text, words.join(" "));
        prop_assert!(!c.owner.is_empty() || c.due.is_some());
    }
}
