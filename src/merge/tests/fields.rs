//! Every stamped field of every record survives a merge by its stamp.
//!
//! Two laptops edit random subsets of an insight's, a participant's and a
//! theme's fields at interleaved times. Whatever the subsets, each field of
//! the merge must hold the value with the greater stamp, and the merge must
//! not depend on the order of the copies. The fields are checked through
//! [`Stamped`], so a field added to a record's declaration is checked here
//! too; the strategies below build each record's values in full, so they
//! stop compiling until they vary the new field as well.

use super::*;
use crate::model::{Consent, Sector, Stamped, ThemeFields};
use crate::model::{InsightFields as IF, ParticipantFields as PF};

fn text() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["", "a", "b", "Food hub", "AGREED", "agreed"]).prop_map(String::from)
}

fn insight_fields() -> impl Strategy<Value = IF> {
    (
        1..6usize,
        text(),
        prop::option::of(0..3u64),
        prop::option::of(prop::sample::select(PracticeType::ALL)),
        prop::sample::select(Kind::ALL),
        prop::collection::vec(text(), 0..3),
        any::<bool>(),
        any::<bool>(),
        (any::<bool>(), text(), prop::option::of(1..4i8)),
    )
        .prop_map(
            |(question, text, participant, practice, kind, tags, starred, deleted, action)| {
                let (parked, owner, due) = action;
                IF {
                    question,
                    text,
                    participant: participant.map(|p| Ulid::from_parts(p, 7)),
                    practice,
                    kind,
                    tags,
                    starred,
                    deleted,
                    parked,
                    owner,
                    due: due.map(|day| jiff::civil::date(2026, 12, day)),
                }
            },
        )
}

fn consent() -> impl Strategy<Value = Consent> {
    (0..4u8, 0..3i64).prop_map(|(which, t)| match which {
        0 => Consent::NotRecorded,
        1 => Consent::Given(at(t)),
        2 => Consent::Declined(at(t)),
        _ => Consent::Withdrawn(at(t)),
    })
}

fn participant_fields() -> impl Strategy<Value = PF> {
    (
        text(),
        text(),
        prop::sample::select(Sector::ALL),
        consent(),
        any::<bool>(),
    )
        .prop_map(|(name, organisation, sector, consent, deleted)| PF {
            name,
            organisation,
            sector,
            consent,
            deleted,
        })
}

fn theme_fields() -> impl Strategy<Value = ThemeFields> {
    (text(), any::<bool>()).prop_map(|(name, deleted)| ThemeFields { name, deleted })
}

/// One edit: new values for the fields picked by the mask, at a time (the
/// mask is longer than any record's list of fields).
fn edits<F: std::fmt::Debug>(
    fields: impl Strategy<Value = F>,
) -> impl Strategy<Value = Vec<(F, Vec<bool>, i64)>> {
    prop::collection::vec(
        (fields, prop::collection::vec(any::<bool>(), 16), 1..6i64),
        0..5,
    )
}

/// Everything one laptop did to the base's first insight, its participant
/// and a theme both copies share.
#[derive(Debug, Clone)]
struct Laptop {
    insight: Vec<(IF, Vec<bool>, i64)>,
    participant: Vec<(PF, Vec<bool>, i64)>,
    theme: Vec<(ThemeFields, Vec<bool>, i64)>,
}

fn laptop_edits() -> impl Strategy<Value = Laptop> {
    (
        edits(insight_fields()),
        edits(participant_fields()),
        edits(theme_fields()),
    )
        .prop_map(|(insight, participant, theme)| Laptop {
            insight,
            participant,
            theme,
        })
}

/// The base with one theme, so all three kinds of record are shared.
fn shared() -> Session {
    let mut s = base();
    let t = StampClock::new("facilitator").stamp_at(at(0));
    s.themes.push(Theme::create("Digital exclusion", &t));
    s
}

fn edited(base: &Session, device: &str, laptop: &Laptop) -> Session {
    let mut s = base.clone();
    let mut clock = StampClock::new(device);
    // Edits on the three records interleave in time, as in a room.
    let mut stamps = |time: i64| clock.stamp_at(at(time));
    for (fields, mask, time) in &laptop.insight {
        let i = &mut s.insights[0];
        let new = i.fields().mixed(fields.clone(), mask);
        i.apply(new, &stamps(*time));
    }
    for (fields, mask, time) in &laptop.participant {
        let p = &mut s.participants[0];
        let new = p.fields().mixed(fields.clone(), mask);
        p.apply(new, &stamps(*time));
    }
    for (fields, mask, time) in &laptop.theme {
        let t = &mut s.themes[0];
        let new = t.fields().mixed(fields.clone(), mask);
        t.apply(new, &stamps(*time));
    }
    s
}

/// Each field of `merged` is the copy's value with the greater stamp.
fn each_field_by_its_stamp<R: Stamped>(a: &R, b: &R, merged: &R) -> Result<(), TestCaseError> {
    let (a, b, merged) = (a.field_values(), b.field_values(), merged.field_values());
    prop_assert_eq!(merged.len(), R::FIELDS.len());
    for ((x, y), m) in a.iter().zip(&b).zip(&merged) {
        let newer = if x.2 >= y.2 { x } else { y };
        prop_assert_eq!(m, newer, "field {}", m.0);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn every_field_survives_the_merge_by_its_stamp(a in laptop_edits(), b in laptop_edits()) {
        let base = shared();
        let (a, b) = (edited(&base, "ann", &a), edited(&base, "bryn", &b));
        let merged = merge_pair(&a, &b);
        prop_assert_eq!(&merged, &merge_pair(&b, &a), "the order of copies does not matter");
        each_field_by_its_stamp(&a.insights[0], &b.insights[0], &merged.insights[0])?;
        each_field_by_its_stamp(&a.participants[0], &b.participants[0], &merged.participants[0])?;
        each_field_by_its_stamp(&a.themes[0], &b.themes[0], &merged.themes[0])?;
    }
}
