use super::*;
use crate::model::{QuestionSet, SessionDetails, Stamp};

fn at(s: i64) -> Timestamp {
    Timestamp::from_second(1_800_000_000 + s).unwrap()
}

fn running(minutes: u32, since: i64) -> QuestionTiming {
    QuestionTiming {
        allotted_minutes: minutes,
        running_since: Some(at(since)),
        started: Some(at(since)),
        ..Default::default()
    }
}

#[test]
fn cues_come_at_five_minutes_one_minute_and_time_up() {
    let t = running(20, 0);
    assert_eq!(cue(&t, at(14 * 60 + 59)), None);
    assert_eq!(cue(&t, at(15 * 60)), Some(Cue::FiveMinutes));
    assert_eq!(cue(&t, at(19 * 60)), Some(Cue::OneMinute));
    assert_eq!(cue(&t, at(20 * 60)), Some(Cue::TimeUp));
    let paused = QuestionTiming {
        running_since: None,
        ..t
    };
    assert_eq!(
        cue(&paused, at(20 * 60)),
        None,
        "a paused timer gives no cue"
    );
}

#[test]
fn a_short_timebox_skips_the_cues_it_is_shorter_than() {
    assert_eq!(
        cue(&running(5, 0), at(1)),
        None,
        "not five minutes left at once"
    );
    assert_eq!(cue(&running(5, 0), at(4 * 60)), Some(Cue::OneMinute));
    assert_eq!(cue(&running(1, 0), at(30)), None);
    assert_eq!(cue(&running(1, 0), at(60)), Some(Cue::TimeUp));
}

#[test]
fn the_session_total_adds_every_plan_and_every_run() {
    let stamp = Stamp::default();
    let set = &QuestionSet::built_in()[2];
    let mut session =
        Session::new(SessionDetails::default(), stamp.clone()).with_question_set(set, &stamp);
    session.timeline[0].elapsed_seconds = 17 * 60 + 30;
    session.timeline[1] = running(15, 100);
    let total = total(&session, at(100 + 600));
    assert_eq!(total.planned, 5 * 15 * 60);
    assert_eq!(total.actual, 27 * 60 + 30);
    assert_eq!(total.describe(), "27:30 of 1:15:00");
    let first = spans(&session, at(0))[0];
    assert_eq!(first.describe(), "17:30 of 15:00 (+02:30)");
}

#[test]
fn the_bar_gives_each_question_its_share_and_marks_the_overrun() {
    let spans = [
        Span {
            planned: 600,
            actual: 600,
        },
        Span {
            planned: 600,
            actual: 300,
        },
        Span {
            planned: 1200,
            actual: 0,
        },
    ];
    let cells = bar(&spans, 26);
    let text: String = cells
        .iter()
        .map(|(c, _)| match c {
            Cell::Used => '#',
            Cell::Planned => '.',
            Cell::Over => '!',
            Cell::Gap => '|',
        })
        .collect();
    assert_eq!(text, "######|###...|............");
    let over = [Span {
        planned: 600,
        actual: 900,
    }];
    let text: Vec<Cell> = bar(&over, 9).into_iter().map(|(c, _)| c).collect();
    assert_eq!(text.iter().filter(|c| **c == Cell::Over).count(), 3);
    assert!(bar(&spans, 5).is_empty(), "too narrow: nothing");
}
