use super::*;
use crate::model::{SessionDetails, StampClock, Theme};
use jiff::Timestamp;

fn session() -> (Session, StampClock) {
    let mut clock = StampClock::new("d");
    let s = Session::new(SessionDetails::default(), clock.stamp_at(Timestamp::now()));
    (s, clock)
}

#[test]
fn twenty_five_edits_undo_and_redo_in_order() {
    let (mut s, mut clock) = session();
    let mut now = || clock.stamp_at(Timestamp::now());
    let mut h = History::default();
    let after = InsightFields {
        question: 1,
        text: "v0".into(),
        ..Default::default()
    };
    let id = s.add_insight(after.clone(), &now());
    h.record(Step::one(
        "Added",
        Change::Insight {
            id,
            before: None,
            after,
        },
    ));
    for n in 1..=25 {
        let before = s.insight(id).unwrap().fields();
        let after = InsightFields {
            text: format!("v{n}"),
            ..before.clone()
        };
        s.edit_insight(id, after.clone(), &now());
        h.record(Step::one(
            format!("Edited {n}"),
            Change::Insight {
                id,
                before: Some(before),
                after,
            },
        ));
    }
    assert_eq!(h.take_fresh().as_deref(), Some("Edited 25"));
    assert_eq!(h.take_fresh(), None, "announced once");
    for _ in 0..25 {
        h.undo().unwrap().apply(&mut s, Direction::Back, &now());
    }
    assert_eq!(s.insight(id).unwrap().text, "v0");
    h.undo().unwrap().apply(&mut s, Direction::Back, &now());
    assert!(
        s.insight(id).unwrap().deleted,
        "undoing creation leaves a tombstone"
    );
    assert!(h.undo().is_none());
    h.redo().unwrap().apply(&mut s, Direction::Forward, &now());
    assert!(!s.insight(id).unwrap().deleted);
    for _ in 0..25 {
        h.redo().unwrap().apply(&mut s, Direction::Forward, &now());
    }
    assert_eq!(s.insight(id).unwrap().text, "v25");
    assert!(h.redo().is_none());
}

#[test]
fn a_theme_merge_is_one_step_undone_whole() {
    let (mut s, mut clock) = session();
    let mut now = || clock.stamp_at(Timestamp::now());
    let a = s.add_insight(InsightFields::default(), &now());
    let b = s.add_insight(InsightFields::default(), &now());
    let mut from = Theme::create("Food", &now());
    from.set_member(a, true, &now());
    from.set_member(b, true, &now());
    let into = Theme::create("Food banks", &now());
    let (from_id, into_id) = (from.id, into.id);
    s.themes = vec![from, into];
    let merged = Step {
        label: "Merged".into(),
        place: (0, 0),
        changes: vec![
            Change::Member {
                theme: into_id,
                insight: a,
                included: true,
            },
            Change::Member {
                theme: into_id,
                insight: b,
                included: true,
            },
            Change::Theme {
                id: from_id,
                before: Some(("Food".into(), false)),
                after: ("Food".into(), true),
            },
        ],
    };
    merged.apply(&mut s, Direction::Forward, &now());
    assert!(s.themes[0].deleted && s.themes[1].contains(a) && s.themes[1].contains(b));
    merged.apply(&mut s, Direction::Back, &now());
    assert!(!s.themes[0].deleted, "the dissolved theme is back");
    assert!(s.themes[0].contains(a) && s.themes[0].contains(b));
    assert!(!s.themes[1].contains(a) && !s.themes[1].contains(b));
}

#[test]
fn quotes_are_short_and_whole_words() {
    assert_eq!(quote("Paperwork came back"), "“Paperwork came back”");
    assert_eq!(
        quote("Paperwork came back from the council within a week"),
        "“Paperwork came back from the council…”"
    );
    let long = "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch";
    assert_eq!(quote(long), format!("“{}…”", &long[..40]), "cut mid-word");
    assert_eq!(quote(" \t "), "“”");
}

/// The quote as it was made before it went one pass: word by word,
/// each step formatted and counted afresh.
fn quote_word_by_word(text: &str) -> String {
    let mut out = String::new();
    for word in text.split_whitespace() {
        let next = if out.is_empty() {
            word.to_owned()
        } else {
            format!("{out} {word}")
        };
        if next.chars().count() > 40 {
            if out.is_empty() {
                out = word.chars().take(40).collect();
            }
            return format!("“{out}…”");
        }
        out = next;
    }
    format!("“{out}”")
}

proptest::proptest! {
    #[test]
    fn a_quote_is_the_one_made_word_by_word(text in "[a-zé漢 \t\n]{0,80}") {
        proptest::prop_assert_eq!(quote(&text), quote_word_by_word(&text));
    }
}
