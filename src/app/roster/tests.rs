//! Names on the roster as people type them: Ctrl+R and the participant
//! form never make a second person whose name folds to someone's, and an
//! insight left with an unresolved `@name` can be attributed later.

use super::*;
use crate::model::{Session, SessionDetails, StampClock};

fn at(second: i64) -> Timestamp {
    Timestamp::from_second(1_795_000_000 + second).unwrap()
}

/// A session on question 1 whose roster has these people, opened.
fn workshop(names: &[&str]) -> (Workshop, StampClock) {
    let mut clock = StampClock::new("test");
    let stamp = clock.stamp_at(at(0));
    let mut session = Session::new(
        SessionDetails {
            title: "T".into(),
            ..Default::default()
        },
        stamp.clone(),
    );
    for name in names {
        let fields = ParticipantFields {
            name: (*name).into(),
            ..Default::default()
        };
        session.add_participant(fields, &stamp);
    }
    let w = Workshop::open("/sessions/s.ron".into(), session, &mut clock);
    (w, clock)
}

/// Types a line on the capture line and enters it; the new insight's id
/// and the status message.
fn enter(w: &mut Workshop, clock: &mut StampClock, line: &str) -> (Ulid, Option<String>) {
    w.capture.insert_str(line);
    let message = w.submit_capture(&clock.stamp_at(at(1)));
    let newest = w.session.insights.last().expect("entered").id;
    (newest, message)
}

fn live_names(w: &Workshop) -> Vec<String> {
    w.session
        .live_participants()
        .map(|p| p.name.clone())
        .collect()
}

fn said_by(w: &Workshop, insight: Ulid) -> Option<String> {
    let person = w.session.insight(insight)?.participant?;
    Some(w.session.participant(person)?.name.clone())
}

#[test]
fn ctrl_r_adds_an_unknown_name_unrecorded_and_attributes_the_line() {
    let (mut w, mut clock) = workshop(&["Ann Jones"]);
    let (id, message) = enter(&mut w, &mut clock, "@Gwen_Price: the hub saved lives");
    assert!(message.unwrap().contains("not on the roster"));
    let message = w.add_pending_to_roster(&clock.stamp_at(at(2))).unwrap();
    assert!(message.contains("Added Gwen Price"), "{message}");
    let gwen = w
        .session
        .live_participants()
        .find(|p| p.name == "Gwen Price")
        .expect("added");
    assert_eq!(gwen.sector, Sector::NotRecorded, "never Other");
    assert_eq!(gwen.consent, Consent::NotRecorded);
    let insight = w.session.insight(id).unwrap();
    assert_eq!(insight.participant, Some(gwen.id));
    assert_eq!(insight.text, "the hub saved lives");
    assert!(w.pending.is_none());
}

#[test]
fn ctrl_r_on_a_name_someone_has_folded_attributes_to_them_instead() {
    let (mut w, mut clock) = workshop(&["Ann Jones"]);
    let (id, _) = enter(&mut w, &mut clock, "Food bank ran out @Siobhan");
    assert!(w.pending.is_some(), "nobody called Siobhan yet");
    // She joins the roster, spelt as she spells it, before Ctrl+R.
    let stamp = clock.stamp_at(at(2));
    w.add_participant(
        ParticipantFields {
            name: "Siobhán".into(),
            ..Default::default()
        },
        &stamp,
    );
    let message = w.add_pending_to_roster(&clock.stamp_at(at(3))).unwrap();
    assert_eq!(
        live_names(&w),
        ["Ann Jones", "Siobhán"],
        "no second Siobhán"
    );
    assert_eq!(said_by(&w, id).as_deref(), Some("Siobhán"));
    assert!(message.contains("already on the roster"), "{message}");
    assert!(message.contains("Siobhán"), "{message}");
    assert_eq!(w.session.insight(id).unwrap().text, "Food bank ran out");
}

/// Fills the participant form (just opened) with a name and saves it.
fn submit_form(w: &mut Workshop, clock: &mut StampClock, name: &str) {
    let Focus::Form { form, .. } = &mut w.focus else {
        panic!("the form is open")
    };
    form.fields[0] = Field::text("Name", name, "");
    w.submit_participant_form(at(5), &clock.stamp_at(at(5)));
}

fn form_error(w: &Workshop) -> Option<String> {
    match &w.focus {
        Focus::Form { form, .. } => form.error.clone(),
        _ => None,
    }
}

#[test]
fn the_form_refuses_a_name_that_folds_to_someone_elses() {
    let (mut w, mut clock) = workshop(&["Siobhán Kelly", "Mòrag"]);
    w.begin_participant_form(None);
    submit_form(&mut w, &mut clock, "SIOBHAN  kelly");
    let error = form_error(&w).expect("refused, the form still open");
    assert!(
        error.contains("Siobhán Kelly is already on the roster"),
        "{error}"
    );
    assert_eq!(live_names(&w), ["Siobhán Kelly", "Mòrag"]);

    // A name of their own is fine.
    submit_form(&mut w, &mut clock, "Siobhan Murphy");
    assert!(matches!(w.focus, Focus::Roster), "saved");
    let murphy = w.session.participants.last().unwrap();
    assert_eq!(murphy.name, "Siobhan Murphy");
    assert_eq!(
        murphy.sector,
        Sector::NotRecorded,
        "the form's first choice"
    );
}

#[test]
fn editing_someone_may_keep_their_own_name_but_not_take_anothers() {
    let (mut w, mut clock) = workshop(&["Siobhán Kelly", "Mòrag"]);
    let morag = w.roster_ids()[1];
    w.begin_participant_form(Some(morag));
    submit_form(&mut w, &mut clock, "Morag");
    assert!(form_error(&w).is_none(), "{:?}", form_error(&w));
    assert_eq!(live_names(&w), ["Siobhán Kelly", "Morag"]);

    w.begin_participant_form(Some(morag));
    submit_form(&mut w, &mut clock, "siobhan kelly");
    assert!(form_error(&w).is_some(), "two people one @name");
}

#[test]
fn a_name_left_unresolved_is_attributed_later_to_the_one_who_matches() {
    let (mut w, mut clock) = workshop(&["Ann Jones"]);
    let (id, _) = enter(&mut w, &mut clock, "@morag said the minibus, twice");
    w.pending = None; // moved on: Ctrl+R is no longer offered
    let stamp = clock.stamp_at(at(2));
    w.add_participant(
        ParticipantFields {
            name: "Mòrag MacLeod".into(),
            ..Default::default()
        },
        &stamp,
    );
    let message = w.attribute_insight(id, &clock.stamp_at(at(3))).unwrap();
    assert!(message.contains("Mòrag MacLeod"), "{message}");
    assert_eq!(said_by(&w, id).as_deref(), Some("Mòrag MacLeod"));
    assert_eq!(
        w.session.insight(id).unwrap().text,
        "said the minibus, twice"
    );
    assert_eq!(live_names(&w), ["Ann Jones", "Mòrag MacLeod"]);
    assert!(
        w.attribute_insight(id, &clock.stamp_at(at(4))).is_none(),
        "nothing left to resolve"
    );
}

#[test]
fn a_name_nobody_has_joins_the_roster_when_attributed_later() {
    let (mut w, mut clock) = workshop(&["Ann Jones"]);
    let (id, _) = enter(&mut w, &mut clock, "Hub opened late @Dafydd");
    w.pending = None;
    let message = w.attribute_insight(id, &clock.stamp_at(at(2))).unwrap();
    assert!(message.contains("Added Dafydd"), "{message}");
    assert_eq!(live_names(&w), ["Ann Jones", "Dafydd"]);
    let dafydd = w.session.participants.last().unwrap();
    assert_eq!(
        (dafydd.sector, &dafydd.consent),
        (Sector::NotRecorded, &Consent::NotRecorded)
    );
    assert_eq!(said_by(&w, id).as_deref(), Some("Dafydd"));
    assert_eq!(w.session.insight(id).unwrap().text, "Hub opened late");
}

#[test]
fn a_name_several_people_match_changes_nothing_and_names_them() {
    let (mut w, mut clock) = workshop(&["Ann Jones"]);
    let (id, _) = enter(&mut w, &mut clock, "@sian ran the hub");
    let stamp = clock.stamp_at(at(2));
    for name in ["Siân Ŵyn", "Sian Jones"] {
        w.add_participant(
            ParticipantFields {
                name: name.into(),
                ..Default::default()
            },
            &stamp,
        );
    }
    let before = w.session.clone();
    let message = w.attribute_insight(id, &clock.stamp_at(at(3))).unwrap();
    assert!(
        message.contains("Siân Ŵyn") && message.contains("Sian Jones"),
        "{message}"
    );
    assert_eq!(*w.session, *before, "nothing changed");
}

#[test]
fn an_insight_with_no_name_to_resolve_is_left_alone() {
    let (mut w, mut clock) = workshop(&["Ann Jones"]);
    let (plain, _) = enter(&mut w, &mut clock, "Trust grew, wrote ann@example.org");
    let (attributed, _) = enter(&mut w, &mut clock, "@ann met @Bryn");
    let before = w.session.clone();
    assert!(w.attribute_insight(plain, &clock.stamp_at(at(2))).is_none());
    assert!(
        w.attribute_insight(attributed, &clock.stamp_at(at(2)))
            .is_none(),
        "already attributed: @Bryn is only text"
    );
    assert_eq!(*w.session, *before);
}
