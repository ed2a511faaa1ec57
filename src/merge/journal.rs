//! A journal line is a copy of the session holding only what changed:
//! [`changed_since`] makes one, [`replay`] merges lines back into the file
//! they follow. Both are merges like any other, so a line applied twice, or
//! lines in any order, give the same session.

use crate::model::record::Stamped;
use crate::model::{Insight, Session, Stamp};
use ulid::Ulid;

/// Whether anything on `insight` was written after `since`, its comments
/// and votes included (a comment added or withdrawn, or a vote, changes no
/// field of the insight itself). Runs over every insight at each save, so it allocates nothing;
/// a comment made in the same instant counts, to be safe.
fn changed_after(insight: &Insight, since: &Stamp) -> bool {
    insight.written_after(since)
        || insight.comments.iter().any(|c| {
            c.at >= since.0
                || c.text_modified.as_ref().is_some_and(|s| s > since)
                || c.deleted_modified.as_ref().is_some_and(|s| s > since)
        })
        || insight.votes.iter().any(|v| v.modified > *since)
}

/// The newest stamp on an insight, its comments' and votes' included.
fn newest_on(insight: &Insight) -> Stamp {
    let comments = insight.comments.iter().flat_map(|c| {
        let made = Stamp(c.at, 0, c.author.as_str().into());
        let own = [c.text_modified.clone(), c.deleted_modified.clone()];
        std::iter::once(made).chain(own.into_iter().flatten())
    });
    let votes = insight.votes.iter().map(|v| v.modified.clone());
    comments
        .chain(votes)
        .chain(std::iter::once(insight.last_modified().clone()))
        .max()
        .expect("an insight has stamps")
}

/// The session with only the records changed after `since` (the details,
/// questions and timeline are small and go whole), and the newest stamp in
/// it. Merged into the file as written at `since`, it gives `session` back.
pub fn changed_since(session: &Session, since: &Stamp) -> (Session, Stamp) {
    let mut delta = session.shell();
    let mut newest = delta.newest_stamp().max(since.clone());
    for participant in &session.participants {
        if participant.written_after(since) {
            let stamps = participant.stamps().into_iter().max();
            newest = newest.max(stamps.cloned().unwrap_or_default());
            delta.participants.push(participant.clone());
        }
    }
    for insight in &session.insights {
        if changed_after(insight, since) {
            newest = newest.max(newest_on(insight));
            delta.insights.push(insight.clone());
        }
    }
    for theme in &session.themes {
        if theme.written_after(since) || theme.members.values().any(|m| m.modified > *since) {
            let members = theme.members.values().map(|m| &m.modified);
            let stamps = theme.stamps().into_iter().chain(members).max();
            newest = newest.max(stamps.cloned().unwrap_or_default());
            delta.themes.push(theme.clone());
        }
    }
    (delta, newest)
}

/// A record an edit touched: what a journal line need look at, instead of
/// every record in the session.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Record {
    Insight(Ulid),
    Participant(Ulid),
    Theme(Ulid),
}

/// As [`changed_since`], looking only at `touched`: which must hold every
/// record changed after `since` (more does no harm). So an Enter's journal
/// line costs the same at any size of session.
pub fn changed_among(session: &Session, since: &Stamp, touched: &[Record]) -> (Session, Stamp) {
    let mut delta = session.shell();
    let mut newest = delta.newest_stamp().max(since.clone());
    let mut touched = touched.to_vec();
    touched.sort_unstable();
    touched.dedup();
    for record in touched {
        match record {
            Record::Participant(id) => {
                let Some(participant) = session.participant(id) else {
                    continue;
                };
                if participant.written_after(since) {
                    let stamps = participant.stamps().into_iter().max();
                    newest = newest.max(stamps.cloned().unwrap_or_default());
                    delta.participants.push(participant.clone());
                }
            }
            Record::Insight(id) => {
                let Some(insight) = session.insight(id) else {
                    continue;
                };
                if changed_after(insight, since) {
                    newest = newest.max(newest_on(insight));
                    delta.insights.push(insight.clone());
                }
            }
            Record::Theme(id) => {
                let Some(theme) = session.themes.iter().find(|t| t.id == id) else {
                    continue;
                };
                if theme.written_after(since) || theme.members.values().any(|m| m.modified > *since)
                {
                    let members = theme.members.values().map(|m| &m.modified);
                    let stamps = theme.stamps().into_iter().chain(members).max();
                    newest = newest.max(stamps.cloned().unwrap_or_default());
                    delta.themes.push(theme.clone());
                }
            }
        }
    }
    // Sorted by kind then id, so each list is in id order as in the file.
    (delta, newest)
}

/// `base` with the journal's lines merged in (lines that do not parse, or
/// hold another session, are skipped: a crash may cut the last one short),
/// and how many lines were taken.
pub fn replay(base: &Session, journal: &str) -> (Session, usize) {
    let lines: Vec<Session> = journal
        .lines()
        .filter_map(|line| ron::from_str::<Session>(line).ok())
        .filter(|delta| delta.id == base.id)
        .collect();
    if lines.is_empty() {
        return (base.clone(), 0);
    }
    // The lines are small: join them first, then once with the file.
    let taken = lines.len();
    let joined = lines
        .into_iter()
        .reduce(|a, b| crate::merge::merge_pair(&a, &b))
        .expect("at least one line");
    (crate::merge::merge_pair(base, &joined), taken)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{InsightFields, StampClock};
    use proptest::prelude::*;

    fn at(second: i64) -> jiff::Timestamp {
        jiff::Timestamp::from_second(1_795_000_000 + second).unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Whatever was edited after the file was written (a text, a star,
        /// a deletion, a comment, a vote, a new insight), the line made of what
        /// changed, merged into that file, is the session in memory.
        #[test]
        fn a_journal_line_brings_the_file_up_to_memory(
            edits in proptest::collection::vec((0usize..60, 0u8..6), 1..20),
        ) {
            let mut session = crate::generate::session(crate::generate::Spec { insights: 60, seed: 9 });
            let written = session.clone();
            let mut clock = StampClock::new("laptop");
            clock.observe(&session.newest_stamp());
            let mut touched = Vec::new();
            for (n, (which, kind)) in edits.into_iter().enumerate() {
                let stamp = clock.stamp_at(at(100 + n as i64));
                let id = session.insights[which].id;
                touched.push(Record::Insight(id));
                let mut fields = session.insights[which].fields();
                match kind {
                    0 => fields.text = format!("fixed {n}"),
                    1 => fields.starred = !fields.starred,
                    2 => fields.deleted = true,
                    5 => {
                        let votes = &mut session.insights[which].votes;
                        let own = crate::model::vote::count_of(votes, stamp.device());
                        crate::model::vote::set_own(votes, own + 1, &stamp);
                        continue;
                    }
                    3 => {
                        let comment = crate::model::Comment::new(format!("note {n}"), &stamp);
                        session.insights[which].comments.push(comment);
                        continue;
                    }
                    _ => {
                        let new = InsightFields { question: 1, text: format!("new {n}"), ..Default::default() };
                        touched.push(Record::Insight(session.add_insight(new, &stamp)));
                        continue;
                    }
                }
                session.edit_insight(id, fields, &stamp);
            }
            let (delta, newest) = changed_since(&session, &written.newest_stamp());
            prop_assert!(delta.insights.len() < session.insights.len());
            // Told which records were touched (a superset: some were touched
            // twice, or not changed after all, or gone), the line is the same.
            touched.extend([Record::Insight(session.insights[0].id), Record::Theme(Ulid::nil())]);
            let among = changed_among(&session, &written.newest_stamp(), &touched);
            prop_assert_eq!(&among, &(delta.clone(), newest.clone()));
            prop_assert_eq!(&newest, &session.newest_stamp());
            let line = ron::ser::to_string(&delta).unwrap();
            let (replayed, taken) = replay(&written, &format!("{line}\n{{torn"));
            prop_assert_eq!(taken, 1);
            prop_assert_eq!(replayed, session);
        }
    }
}
