//! The capture line kept beside the session (`NAME.ron.draft`): what was
//! typed but not yet saved as an insight, for a crash to give back. The
//! loop writes and reads the file; whether a draft comes back is decided
//! here, from what the session holds.
//!
//! The file's first line, `after ID`, names the newest insight when the line
//! began; a later insight of this device in the session means the line was
//! entered and saved, so the draft is not offered again.

use crate::model::Session;
use ulid::Ulid;

/// What a draft file holds: the newest insight when the line began, then
/// the line.
pub fn contents(after: Option<Ulid>, line: &str) -> String {
    let after = after.map_or_else(|| "-".to_owned(), |id| id.to_string());
    format!("after {after}\n{line}")
}

/// The line a draft file (`raw`) gives back to a capture line on
/// `session`, if it is not already an insight this `device` saved. Control
/// characters become visible stand-ins: a draft is a file like any other.
pub fn line_to_recover(raw: &str, session: &Session, device: &str) -> Option<String> {
    let (after, line) = match raw.split_once('\n') {
        Some((head, line)) if head.starts_with("after ") => {
            (Some(head["after ".len()..].parse::<Ulid>().ok()), line)
        }
        // A draft from before the marker: the text alone.
        _ => (None, raw),
    };
    if let Some(after) = after {
        let entered = session
            .insights
            .iter()
            .any(|i| Some(i.id) > after && i.author == device);
        if entered {
            return None;
        }
    }
    let text = crate::inert::one_line(line);
    (!text.trim().is_empty()).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{InsightFields, SessionDetails, StampClock};

    fn session_with(author: &str) -> (Session, Ulid) {
        let mut clock = StampClock::new(author);
        let at = jiff::Timestamp::from_second(1_795_000_000).unwrap();
        let mut session = Session::new(SessionDetails::default(), clock.stamp_at(at));
        let before = Ulid::from_parts(1, 0);
        session.add_insight(
            InsightFields {
                text: "Hub opened".into(),
                question: 1,
                ..Default::default()
            },
            &clock.stamp_at(at),
        );
        (session, before)
    }

    #[test]
    fn a_line_entered_after_the_draft_began_is_not_offered_again() {
        let (session, before) = session_with("laptop");
        let raw = contents(Some(before), "Hub opened");
        assert_eq!(line_to_recover(&raw, &session, "laptop"), None);
        // Another laptop's insight says nothing about this device's line.
        assert_eq!(
            line_to_recover(&raw, &session, "other").as_deref(),
            Some("Hub opened")
        );
    }

    #[test]
    fn a_draft_is_one_line_with_its_controls_shown() {
        let (session, _) = session_with("laptop");
        let raw = contents(None, "Tea\u{1b}]0;pwned\u{7} and\nbiscuits");
        let line = line_to_recover(&raw, &session, "other").unwrap();
        assert!(!line.contains('\u{1b}') && !line.contains('\n'), "{line:?}");
        assert!(line.starts_with("Tea"), "{line:?}");
        assert_eq!(line_to_recover("after -\n   ", &session, "other"), None);
    }
}
