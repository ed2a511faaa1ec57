//! Dot voting through the app: keys add and take back this laptop's votes,
//! each an undoable step naming its insight; the wrap-up ranks by votes and
//! keeps the insight voted on selected; and two laptops voting, undoing and
//! exchanging copies in any order end with each insight's votes the sum of
//! each laptop's own.

use super::tests::{app_with_session, at, save, session, type_line};
use super::*;
use crate::model::{InsightFields, Session, SessionDetails, Stage, StampClock};
use proptest::prelude::*;

#[test]
fn a_vote_is_a_step_that_names_its_insight_and_never_goes_below_zero() {
    let mut app = app_with_session();
    let effects = type_line(&mut app, "Food hub", at(1));
    save(&mut app, effects, at(1));
    type_line(&mut app, "Phone tree", at(2));
    app.update(Action::SelectInsights, at(3));
    app.update(Action::Vote, at(4));
    app.update(Action::Vote, at(5));
    assert_eq!(session(&app).insights[1].total_votes(), 2);
    assert_eq!(
        app.message.as_deref(),
        Some("Voted for “Phone tree” (2 votes) · Ctrl+Z undoes")
    );
    app.update(Action::Undo, at(6));
    assert_eq!(session(&app).insights[1].own_votes("test"), 1);
    assert_eq!(
        app.message.as_deref(),
        Some("Undone: Voted for “Phone tree” (2 votes) · Ctrl+Y redoes")
    );
    app.update(Action::Unvote, at(7));
    app.update(Action::Unvote, at(8));
    assert_eq!(session(&app).insights[1].total_votes(), 0);
    assert_eq!(
        app.message.as_deref(),
        Some("No vote from this laptop on “Phone tree” to take back")
    );
    assert_eq!(
        session(&app).insights[0].total_votes(),
        0,
        "only the selected"
    );
}

#[test]
fn the_wrap_up_ranks_by_votes_and_the_selection_follows_the_insight() {
    let mut app = app_with_session();
    for (n, text) in ["first", "second", "third"].into_iter().enumerate() {
        let effects = type_line(&mut app, text, at(n as i64 + 1));
        save(&mut app, effects, at(n as i64 + 1));
    }
    for _ in 0..4 {
        app.update(Action::NextQuestion, at(5));
    }
    assert_eq!(app.context(), Context::WrapUp);
    app.update(Action::Last, at(6));
    app.update(Action::Vote, at(7));
    let w = app.workshop().unwrap();
    let order: Vec<&str> = ranked(&w.session)
        .iter()
        .map(|&i| w.session.insights[i].text.as_str())
        .collect();
    assert_eq!(order, ["third", "first", "second"], "most votes first");
    assert_eq!(w.selected, 0, "the insight voted on stays selected");
    app.update(Action::Down, at(8));
    app.update(Action::Vote, at(9));
    app.update(Action::Down, at(10));
    app.update(Action::Down, at(10));
    app.update(Action::Vote, at(11));
    let w = app.workshop().unwrap();
    assert_eq!(w.selected, 1, "“second” is selected where it landed");
    let order: Vec<&str> = ranked(&w.session)
        .iter()
        .map(|&i| w.session.insights[i].text.as_str())
        .collect();
    assert_eq!(order, ["first", "second", "third"], "ties in capture order");
}

/// One laptop's app, on its own copy of `session`, selecting insights.
fn laptop(device: &str, session: &Session) -> App {
    let config = Config {
        sessions_dir: "/sessions".into(),
        bell: false,
        device: device.into(),
        time_zone: jiff::tz::TimeZone::UTC,
        palette: Default::default(),
    };
    let mut app = App::new(config, at(0));
    let opened = Box::new(("/sessions/s.ron".into(), session.clone()));
    app.update(Action::Opened(opened), at(0));
    app.update(Action::SelectInsights, at(0));
    app
}

/// What a laptop's own votes should be: its counts and its undo stacks.
#[derive(Default)]
struct Model {
    counts: [u32; 3],
    done: Vec<(usize, u32, u32)>,
    undone: Vec<(usize, u32, u32)>,
}

#[derive(Clone, Debug)]
enum Step {
    Vote(usize),
    Unvote(usize),
    Undo,
    Redo,
    Exchange,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (0..3usize).prop_map(Step::Vote),
        2 => (0..3usize).prop_map(Step::Unvote),
        2 => Just(Step::Undo),
        1 => Just(Step::Redo),
        1 => Just(Step::Exchange),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn two_laptops_voting_and_undoing_converge_to_the_sum_of_their_own_votes(
        steps in prop::collection::vec((0..2usize, step()), 1..60),
    ) {
        let mut clock = StampClock::new("facilitator");
        let stamp = clock.stamp_at(at(0));
        let mut shared = Session::new(SessionDetails::default(), stamp.clone());
        for text in ["a", "b", "c"] {
            let fields = InsightFields { question: 1, text: text.into(), ..Default::default() };
            shared.add_insight(fields, &stamp);
        }
        shared.stage = Stage::Question(1);
        let devices = ["ann", "bryn"];
        let mut apps = devices.map(|d| laptop(d, &shared));
        let mut models = [Model::default(), Model::default()];
        for (n, (who, step)) in steps.into_iter().enumerate() {
            let now = at(n as i64 + 1);
            let (app, model) = (&mut apps[who], &mut models[who]);
            match step {
                Step::Vote(k) | Step::Unvote(k) => {
                    app.update(Action::First, now);
                    for _ in 0..k {
                        app.update(Action::Down, now);
                    }
                    let up = matches!(step, Step::Vote(_));
                    app.update(if up { Action::Vote } else { Action::Unvote }, now);
                    let before = model.counts[k];
                    if up || before > 0 {
                        let after = if up { before + 1 } else { before - 1 };
                        model.counts[k] = after;
                        model.done.push((k, before, after));
                        model.undone.clear();
                    }
                }
                Step::Undo => {
                    app.update(Action::Undo, now);
                    if let Some((k, before, after)) = model.done.pop() {
                        model.counts[k] = before;
                        model.undone.push((k, before, after));
                    }
                }
                Step::Redo => {
                    app.update(Action::Redo, now);
                    if let Some((k, before, after)) = model.undone.pop() {
                        model.counts[k] = after;
                        model.done.push((k, before, after));
                    }
                }
                Step::Exchange => {
                    let theirs: Session = (*apps[1 - who].workshop().unwrap().session).clone();
                    apps[who].update(Action::PeerNews(Box::new(theirs)), now);
                }
            }
        }
        for (app, (model, device)) in apps.iter().zip(models.iter().zip(devices)) {
            let own: Vec<u32> = app.workshop().unwrap().session.insights.iter().map(|i| i.own_votes(device)).collect();
            prop_assert_eq!(&own[..], &model.counts[..], "{}'s own votes", device);
        }
        let [a, b] = apps.map(|app| (*app.workshop().unwrap().session).clone());
        let merged = crate::merge::merge_pair(&a, &b);
        prop_assert_eq!(&merged, &crate::merge::merge_pair(&b, &a));
        for (k, insight) in merged.insights.iter().enumerate() {
            prop_assert_eq!(insight.total_votes(), models[0].counts[k] + models[1].counts[k]);
        }
    }
}

#[test]
fn another_laptops_votes_rerank_the_wrap_up_and_the_selection_stays_put() {
    let mut clock = StampClock::new("facilitator");
    let stamp = clock.stamp_at(at(0));
    let mut shared = Session::new(SessionDetails::default(), stamp.clone());
    for text in ["a", "b", "c"] {
        let fields = InsightFields {
            question: 1,
            text: text.into(),
            ..Default::default()
        };
        shared.add_insight(fields, &stamp);
    }
    shared.stage = Stage::WrapUp;
    let (mut ann, mut bryn) = (laptop("ann", &shared), laptop("bryn", &shared));
    ann.update(Action::Down, at(1));
    let chosen = ann.workshop().unwrap().vote_target();
    bryn.update(Action::Last, at(2));
    bryn.update(Action::Vote, at(3));
    let theirs: Session = (*bryn.workshop().unwrap().session).clone();
    ann.update(Action::PeerNews(Box::new(theirs)), at(4));
    let w = ann.workshop().unwrap();
    assert_eq!(w.session.insights[2].total_votes(), 1, "“c” climbed");
    assert_eq!(w.selected, 2, "“b” is now third");
    assert_eq!(w.vote_target(), chosen, "and still selected");
}
