//! The two lists a wrap-up reads out besides the starred: what the room
//! agreed to do, and what it parked. One definition for the screen and
//! every export, so they list the same insights in the same order.

use super::{Insight, Kind, Session};

/// The actions, soonest due first, those without a date after them, each
/// group as captured. A parked action is in the parking lot instead.
pub fn agreed(session: &Session) -> Vec<&Insight> {
    let mut actions: Vec<&Insight> = session
        .live_insights()
        .filter(|i| i.kind == Kind::Action && !i.parked)
        .collect();
    actions.sort_by_key(|i| (i.due.is_none(), i.due, i.id));
    actions
}

/// The parking lot: by question, then as captured.
pub fn parked(session: &Session) -> Vec<&Insight> {
    let mut parked: Vec<&Insight> = session.live_insights().filter(|i| i.parked).collect();
    parked.sort_by_key(|i| (i.question, i.id));
    parked
}

/// A due date as a room reads it: `Fri 11 Dec`, with the year when it is
/// not the workshop's.
pub fn due_label(due: jiff::civil::Date, session: &Session) -> String {
    if due.year() == session.date.year() {
        due.strftime("%a %-d %b").to_string()
    } else {
        due.strftime("%a %-d %b %Y").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{InsightFields, SessionDetails, StampClock};
    use jiff::civil::date;

    #[test]
    fn actions_come_soonest_first_and_undated_last() {
        let mut clock = StampClock::new("d");
        let now = jiff::Timestamp::now();
        let mut session = Session::new(SessionDetails::default(), clock.stamp_at(now));
        let action = |text: &str, due| InsightFields {
            question: 1,
            text: text.into(),
            kind: Kind::Action,
            due,
            ..InsightFields::default()
        };
        for fields in [
            action("undated", None),
            action("later", Some(date(2027, 1, 8))),
            action("soon", Some(date(2026, 12, 4))),
            InsightFields {
                parked: true,
                ..action("parked", Some(date(2026, 12, 1)))
            },
            InsightFields {
                kind: Kind::Idea,
                ..action("an idea", Some(date(2026, 12, 1)))
            },
        ] {
            session.add_insight(fields, &clock.stamp_at(now));
        }
        let texts: Vec<&str> = agreed(&session).iter().map(|i| i.text.as_str()).collect();
        assert_eq!(texts, ["soon", "later", "undated"]);
        let parked: Vec<&str> = parked(&session).iter().map(|i| i.text.as_str()).collect();
        assert_eq!(parked, ["parked"]);
        session.date = date(2026, 12, 2);
        assert_eq!(due_label(date(2026, 12, 4), &session), "Fri 4 Dec");
        assert_eq!(due_label(date(2027, 1, 8), &session), "Fri 8 Jan 2027");
    }
}
