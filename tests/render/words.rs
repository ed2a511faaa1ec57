//! Counts on screen in words people write: "1 insight", never "1 insights".
//! Each state holds exactly one of the thing counted, the case a plural
//! rule gets wrong.

use super::fixtures::{at, config, pembrokeshire, step};
use super::screen::{draw, screen_text};
use stb::app::{Action, App};
use stb::model::{InsightFields, StampClock};
use stb::storage::SessionFile;

#[test]
fn the_review_header_counts_one_file_one_session_one_insight() {
    let mut session = pembrokeshire();
    let stamp = StampClock::new("test").stamp_at(at("10:00:00"));
    let fields = InsightFields {
        question: 1,
        text: "The hub ran on goodwill".into(),
        ..Default::default()
    };
    session.add_insight(fields, &stamp);
    let file = SessionFile::from_sessions(vec![session]);
    let mut app = App::new(config(), at("14:00:00"));
    let opened = Action::ReviewOpened(vec![("sessions/p.ron".into(), file)]);
    step(&mut app, opened, at("14:00:00"));
    let text = screen_text(&draw(&app, 120, 40));
    assert!(
        text.starts_with(" Review · 1 file · 1 session · 1 of 1 insight · all questions"),
        "{text}"
    );
}
