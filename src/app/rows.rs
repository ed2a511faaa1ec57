//! Each question's live insights, found once per change of the session
//! rather than once per frame: at 10,000 insights the scan was the largest
//! single cost of a keystroke's frame on the capture screen.

use crate::model::Session;
use std::cell::RefCell;
use std::rc::Rc;

/// Rows per question, valid for one generation of the session.
#[derive(Debug, Default)]
pub(super) struct RowsIndex {
    cached: RefCell<Option<Cached>>,
}

#[derive(Debug)]
struct Cached {
    generation: u64,
    /// Indexed by question number (0 is never a question, so empty).
    by_question: Vec<Rc<[usize]>>,
}

impl RowsIndex {
    /// Indices into `session.insights` of question `q`'s live insights,
    /// oldest first, as of `generation` (which the caller bumps on every
    /// change it makes to the session).
    pub(super) fn rows(&self, session: &Session, generation: u64, q: usize) -> Rc<[usize]> {
        let mut cached = self.cached.borrow_mut();
        let stale = cached.as_ref().is_none_or(|c| c.generation != generation);
        if stale {
            *cached = Some(Cached {
                generation,
                by_question: index(session),
            });
        }
        let rows = cached
            .as_ref()
            .and_then(|c| c.by_question.get(q).cloned())
            .unwrap_or_else(|| Rc::from([]));
        debug_assert_eq!(&*rows, &*scan(session, q), "rows index out of date");
        rows
    }
}

/// One pass over the insights, sorting them by question.
fn index(session: &Session) -> Vec<Rc<[usize]>> {
    let mut by_question: Vec<Vec<usize>> = vec![Vec::new(); session.questions.len() + 1];
    for (i, insight) in session.insights.iter().enumerate() {
        if insight.deleted {
            continue;
        }
        if let Some(rows) = by_question.get_mut(insight.question) {
            rows.push(i);
        }
    }
    by_question.into_iter().map(Rc::from).collect()
}

/// What the index must agree with: the scan it replaces.
fn scan(session: &Session, q: usize) -> Vec<usize> {
    let insights = &session.insights;
    (0..insights.len())
        .filter(|&i| insights[i].question == q && !insights[i].deleted)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{InsightFields, SessionDetails, StampClock};
    use jiff::Timestamp;

    fn said(question: usize, text: &str) -> InsightFields {
        InsightFields {
            question,
            text: text.into(),
            participant: None,
            practice: None,
            kind: Default::default(),
            tags: Vec::new(),
            starred: false,
            deleted: false,
        }
    }

    #[test]
    fn rows_follow_the_generation_not_the_first_answer() {
        let mut clock = StampClock::new("d");
        let now = Timestamp::now();
        let mut session = Session::new(SessionDetails::default(), clock.stamp_at(now));
        for (q, text) in [(1, "a"), (2, "b"), (1, "c"), (3, "d")] {
            session.add_insight(said(q, text), &clock.stamp_at(now));
        }
        let index = RowsIndex::default();
        assert_eq!(&*index.rows(&session, 0, 1), &[0, 2]);
        assert_eq!(&*index.rows(&session, 0, 2), &[1]);
        assert!(index.rows(&session, 0, 99).is_empty());

        session.insights[0].deleted = true;
        session.insights[3].question = 1;
        // The same generation is the same answer (the caller vouches for it)...
        assert_eq!(
            index.cached.borrow().as_ref().map(|c| c.generation),
            Some(0)
        );
        // ...and the next one sees the delete and the move.
        assert_eq!(&*index.rows(&session, 1, 1), &[2, 3]);
        assert!(index.rows(&session, 1, 3).is_empty());
    }
}
