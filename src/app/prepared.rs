//! The capture line, parsed ahead of its Enter.
//!
//! An Enter at 10,000 insights took 7 µs of `update` when run back to
//! back but 80–230 µs in the real binary, 30 ms after the last key: it
//! runs code the letters typed before it do not, and the processor runs
//! it cold. Parsing the line was up to half of that. So once a key's frame
//! is on screen the loop asks for [`Action::Prepare`], and the line as it
//! now stands is parsed then; the Enter takes that parse when the line and
//! the session (roster, date) are still those it was made from, and
//! parses afresh otherwise.
//!
//! [`Action::Prepare`]: super::Action::Prepare

use crate::capture::{self, Capture, CaptureError};
use crate::model::Session;

/// A line and the session's generation, and the line's parse; and the
/// empty capture line the Enter leaves behind it.
#[derive(Debug, Default)]
pub struct Prepared {
    parsed: Option<(String, u64, Result<Capture, CaptureError>)>,
    blank: Option<ratatui_textarea::TextArea<'static>>,
    /// The line an Enter took away, dropped after its frame.
    spent: Option<ratatui_textarea::TextArea<'static>>,
}

impl Prepared {
    /// Makes the empty line for the next Enter, unless it is made (and
    /// drops the one the last Enter took away).
    pub fn prepare_blank(&mut self) {
        self.spent = None;
        self.blank
            .get_or_insert_with(super::line_edit::capture_line);
    }

    /// An empty capture line in place of `line`: the one made ahead when
    /// there is one. `line` is dropped later, after the frame.
    pub fn clear(&mut self, line: &mut ratatui_textarea::TextArea<'static>) {
        let blank = self
            .blank
            .take()
            .unwrap_or_else(super::line_edit::capture_line);
        self.spent = Some(std::mem::replace(line, blank));
    }

    /// Parses `line` against `session` (at `generation`) unless it is done.
    pub fn prepare(&mut self, line: String, session: &Session, generation: u64) {
        let done = self
            .parsed
            .as_ref()
            .is_some_and(|(was, at, _)| *was == line && *at == generation);
        if !done {
            let parsed = capture::parse_in(&line, &capture::Context::for_line(session, &line));
            self.parsed = Some((line, generation, parsed));
        }
    }

    /// The parse made ahead for `line` at `generation`, when it stands and
    /// the line makes an insight.
    pub fn peek(&self, line: &str, generation: u64) -> Option<&Capture> {
        match &self.parsed {
            Some((was, at, Ok(parsed))) if was == line && *at == generation => Some(parsed),
            _ => None,
        }
    }

    /// `line`'s parse against `session` (at `generation`): the one made
    /// ahead when it still stands, a fresh one otherwise.
    pub fn take(
        &mut self,
        line: &str,
        session: &Session,
        generation: u64,
    ) -> Result<Capture, CaptureError> {
        match self.parsed.take() {
            Some((was, at, parsed)) if was == line && at == generation => parsed,
            _ => capture::parse_in(line, &capture::Context::for_line(session, line)),
        }
    }
}

/// Gives the insights room for the next Enter, when nothing else holds
/// the session: a list read from a file is exactly full, and the Enter
/// that grew it copied every insight (2 MB at 10,000) before its frame was
/// drawn. Room for a sixteenth more (64 at least) costs a few percent of
/// memory; it is made again, here, once it is used up. The content is
/// untouched, so what was drawn from the session still stands.
pub fn make_room(session: &mut std::sync::Arc<Session>) {
    if let Some(session) = std::sync::Arc::get_mut(session) {
        let insights = &mut session.insights;
        if insights.len() == insights.capacity() {
            insights.reserve_exact((insights.len() / 16).max(64));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{SessionDetails, StampClock};

    /// A session on `date`: "!friday" on its capture line means the Friday after.
    fn session_on(date: &str) -> Session {
        let mut clock = StampClock::new("test");
        let details = SessionDetails {
            date: date.parse().unwrap(),
            ..SessionDetails::default()
        };
        Session::new(
            details,
            clock.stamp_at("2026-11-22T10:00:00Z".parse().unwrap()),
        )
    }

    fn due(parsed: Result<Capture, CaptureError>) -> String {
        parsed.map_or_else(|e| format!("{e:?}"), |c| format!("{:?}", c.due))
    }

    #[test]
    fn an_enter_leaves_an_empty_capture_line_made_ahead_or_afresh() {
        let fresh = crate::app::line_edit::capture_line();
        for ahead in [true, false] {
            let mut prepared = Prepared::default();
            if ahead {
                prepared.prepare_blank();
            }
            let mut line = crate::app::form::text_area("the hub kept going");
            prepared.clear(&mut line);
            assert_eq!(line.lines(), [""], "made ahead: {ahead}");
            assert_eq!(line.placeholder_text(), fresh.placeholder_text());
            assert_eq!(line.cursor(), (0, 0));
            assert!(prepared.blank.is_none(), "a blank is used once");
        }
    }

    #[test]
    fn a_parse_made_ahead_is_taken_only_for_the_same_line_and_session() {
        let (monday, later) = (session_on("2026-11-23"), session_on("2026-12-07"));
        let line = "call the food hub !friday";
        let mut prepared = Prepared::default();

        prepared.prepare(line.into(), &monday, 1);
        // Taken as made: against the Monday it was made for, whatever is
        // passed now (the generation says the session is that one).
        assert_eq!(due(prepared.take(line, &later, 1)), "Some(2026-11-27)");
        assert_eq!(
            due(prepared.take(line, &later, 1)),
            "Some(2026-12-11)",
            "taken once, then parsed afresh"
        );

        prepared.prepare(line.into(), &monday, 1);
        assert_eq!(
            due(prepared.take(line, &later, 2)),
            "Some(2026-12-11)",
            "the session changed since: parsed afresh"
        );
        prepared.prepare("call the food hub".into(), &monday, 1);
        assert_eq!(
            due(prepared.take(line, &later, 1)),
            "Some(2026-12-11)",
            "another line: parsed afresh"
        );
    }

    #[test]
    fn a_full_list_of_insights_is_given_room_unless_the_session_is_shared() {
        let mut clock = StampClock::new("test");
        let mut session = session_on("2026-11-23");
        for n in 0..100 {
            let fields = crate::model::InsightFields {
                question: 1,
                text: format!("insight {n}"),
                ..Default::default()
            };
            session.add_insight(
                fields,
                &clock.stamp_at("2026-11-23T10:00:00Z".parse().unwrap()),
            );
        }
        session.insights.shrink_to_fit();
        let mut session = std::sync::Arc::new(session);

        let held = std::sync::Arc::clone(&session);
        make_room(&mut session);
        assert_eq!(
            session.insights.capacity(),
            100,
            "a save holding the session is not made to copy it"
        );
        drop(held);
        make_room(&mut session);
        assert_eq!(session.insights.capacity(), 164, "room for 64 more");
        assert_eq!(session.insights.len(), 100, "nothing added");
        let at = session.insights.as_ptr();
        make_room(&mut session);
        assert_eq!(
            session.insights.as_ptr(),
            at,
            "room already there: nothing moves"
        );
    }

    #[test]
    fn an_enter_after_its_line_was_prepared_does_not_move_the_insights() {
        use crate::app::Action;
        use ratatui::crossterm::event::{KeyCode, KeyEvent};
        let (mut app, at) = (crate::app::tests::app_with_session(), crate::app::tests::at);
        for c in "the food hub".chars() {
            app.update(Action::Input(KeyEvent::from(KeyCode::Char(c))), at(1));
            app.update(Action::Prepare, at(1));
        }
        let insights = |app: &crate::app::App| {
            let list = &app.workshop().unwrap().session.insights;
            (list.as_ptr(), list.len(), list.capacity())
        };
        let (before, len, room) = insights(&app);
        assert!(room > len, "room made ahead: {len} of {room}");
        app.update(Action::Submit, at(2));
        let (after, added, _) = insights(&app);
        assert_eq!(added, len + 1);
        assert_eq!(after, before, "the Enter did not reallocate the list");
    }
}
