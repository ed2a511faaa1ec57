//! Each question's live insights, found once per change of the session
//! rather than once per frame: at 10,000 insights the scan was the largest
//! single cost of a keystroke's frame on the capture screen.
//!
//! A parked insight (the parking lot) belongs to no question's rows: it is
//! listed on the wrap-up instead.

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
    by_question: Vec<Rc<Vec<usize>>>,
    /// How many live insights are parked, for the capture screen's count.
    parked: usize,
    /// The author of the first live insight, and whether another laptop
    /// wrote any (the list then names each insight's laptop).
    first_author: Option<String>,
    many_authors: bool,
    /// When this generation is the last one's with one insight added at
    /// the end of a question's rows: that generation, the question, and
    /// the insight.
    appended: Option<(u64, usize, usize)>,
}

impl RowsIndex {
    /// Indices into `session.insights` of question `q`'s live insights,
    /// parked ones left out, oldest first, as of `generation` (which the caller bumps on every
    /// change it makes to the session).
    pub(super) fn rows(&self, session: &Session, generation: u64, q: usize) -> Rc<Vec<usize>> {
        let rows = self
            .fresh(session, generation)
            .and_then(|c| c.by_question.get(q).cloned())
            .unwrap_or_default();
        debug_assert_eq!(&*rows, &*scan(session, q), "rows index out of date");
        rows
    }

    /// How many live insights are in the parking lot, as of `generation`.
    pub(super) fn parked(&self, session: &Session, generation: u64) -> usize {
        let parked = self.fresh(session, generation).map_or(0, |c| c.parked);
        debug_assert_eq!(
            parked,
            session.live_insights().filter(|i| i.parked).count(),
            "parked count out of date"
        );
        parked
    }

    /// Whether live insights come from more than one laptop, as of
    /// `generation` (a room's list then names each one's).
    pub(super) fn many_authors(&self, session: &Session, generation: u64) -> bool {
        let many = self
            .fresh(session, generation)
            .is_some_and(|c| c.many_authors);
        debug_assert_eq!(many, scan_authors(session), "authors out of date");
        many
    }

    /// The question and index of the one insight added to the end of that
    /// question's rows between generation `before` and `generation`, if
    /// that was the whole change (an Enter): what was drawn of the others
    /// still stands.
    pub(super) fn appended_since(&self, before: u64, generation: u64) -> Option<(usize, usize)> {
        let cached = self.cached.borrow();
        let c = cached.as_ref().filter(|c| c.generation == generation)?;
        let (from, question, insight) = c.appended?;
        (from == before).then_some((question, insight))
    }

    /// The index as of `generation`, rebuilt if it is older.
    fn fresh(&self, session: &Session, generation: u64) -> Option<std::cell::Ref<'_, Cached>> {
        let stale = self
            .cached
            .borrow()
            .as_ref()
            .is_none_or(|c| c.generation != generation);
        if stale {
            *self.cached.borrow_mut() = Some(index(session, generation));
        }
        std::cell::Ref::filter_map(self.cached.borrow(), Option::as_ref).ok()
    }
}

impl RowsIndex {
    /// The change from `before` to `after` added insight `id` (an Enter,
    /// whose new id is usually the greatest, so it went in last): the index
    /// follows without a pass over every insight, so an Enter costs the
    /// same at any size. Otherwise the next call rebuilds it.
    pub(super) fn appended(&self, session: &Session, before: u64, after: u64, id: ulid::Ulid) {
        let mut cached = self.cached.borrow_mut();
        let Some(c) = cached.as_mut().filter(|c| c.generation == before) else {
            return;
        };
        // Only if it went in last: an id from another laptop's clock may
        // sort after it, and then every row after it moved.
        let Some(last) = session.insights.len().checked_sub(1) else {
            return;
        };
        let added = &session.insights[last];
        if added.id != id || added.deleted {
            return;
        }
        match &c.first_author {
            Some(first) => c.many_authors |= *first != added.author,
            None => c.first_author = Some(added.author.clone()),
        }
        // Parked: in no question's rows, so every row stays as it was.
        if session.insights[last].parked {
            c.parked += 1;
            c.generation = after;
            c.appended = None;
            return;
        }
        let question = session.insights[last].question;
        if let Some(rows) = c.by_question.get_mut(question)
            && rows.last().is_none_or(|&row| row < last)
        {
            Rc::make_mut(rows).push(last);
            c.generation = after;
            c.appended = Some((before, question, last));
        }
    }
}

/// One pass over the insights, sorting them by question, counting the
/// parked ones and noting whether more than one laptop wrote them.
fn index(session: &Session, generation: u64) -> Cached {
    let mut by_question: Vec<Vec<usize>> = vec![Vec::new(); session.questions.len() + 1];
    let mut parked = 0;
    let mut first_author: Option<&str> = None;
    let mut many_authors = false;
    for (i, insight) in session.insights.iter().enumerate() {
        if insight.deleted {
            continue;
        }
        match first_author {
            Some(first) => many_authors |= first != insight.author,
            None => first_author = Some(&insight.author),
        }
        if insight.parked {
            parked += 1;
            continue;
        }
        if let Some(rows) = by_question.get_mut(insight.question) {
            rows.push(i);
        }
    }
    Cached {
        generation,
        by_question: by_question.into_iter().map(Rc::new).collect(),
        parked,
        first_author: first_author.map(str::to_owned),
        many_authors,
        appended: None,
    }
}

/// What the authors flag must agree with: the scan it replaces.
fn scan_authors(session: &Session) -> bool {
    let mut authors = session.live_insights().map(|i| i.author.as_str());
    let first = authors.next();
    authors.any(|a| Some(a) != first)
}

/// What the index must agree with: the scan it replaces.
fn scan(session: &Session, q: usize) -> Vec<usize> {
    let insights = &session.insights;
    (0..insights.len())
        .filter(|&i| insights[i].question == q && !insights[i].deleted && !insights[i].parked)
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
            ..InsightFields::default()
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

    #[test]
    fn an_insight_added_last_joins_its_rows_and_one_added_before_others_rebuilds() {
        let mut clock = StampClock::new("d");
        let now = Timestamp::now();
        let mut session = Session::new(SessionDetails::default(), clock.stamp_at(now));
        session.add_insight(said(1, "a"), &clock.stamp_at(now));
        session.add_insight(said(2, "b"), &clock.stamp_at(now));
        let index = RowsIndex::default();
        assert_eq!(&**index.rows(&session, 0, 1), &[0]);

        let id = session.add_insight(said(1, "c"), &clock.stamp_at(now));
        index.appended(&session, 0, 1, id);
        assert_eq!(
            index.cached.borrow().as_ref().map(|c| c.generation),
            Some(1)
        );
        assert_eq!(&**index.rows(&session, 1, 1), &[0, 2]);

        // An id that sorts first (another laptop's, made earlier) goes in
        // at the top: every row moves, so the index is rebuilt.
        let mut early = session.insights[0].clone();
        early.id = ulid::Ulid::from_parts(0, 1);
        early.question = 2;
        session.insights.insert(0, early);
        index.appended(&session, 1, 2, ulid::Ulid::from_parts(0, 1));
        assert_eq!(
            index.cached.borrow().as_ref().map(|c| c.generation),
            Some(1)
        );
        assert_eq!(&**index.rows(&session, 2, 1), &[1, 3]);
        assert_eq!(&**index.rows(&session, 2, 2), &[0, 2]);
    }

    #[test]
    fn a_parked_insight_is_in_no_questions_rows() {
        let mut clock = StampClock::new("d");
        let now = Timestamp::now();
        let mut session = Session::new(SessionDetails::default(), clock.stamp_at(now));
        session.add_insight(said(1, "a"), &clock.stamp_at(now));
        let index = RowsIndex::default();
        assert_eq!(&**index.rows(&session, 0, 1), &[0]);

        let parked = InsightFields {
            parked: true,
            ..said(1, "for later")
        };
        let id = session.add_insight(parked, &clock.stamp_at(now));
        index.appended(&session, 0, 1, id);
        assert_eq!(&**index.rows(&session, 1, 1), &[0], "appended, not listed");
        assert_eq!(index.parked(&session, 1), 1);

        session.insights[1].parked = false;
        assert_eq!(&**index.rows(&session, 2, 1), &[0, 1], "un-parked: back");
        assert_eq!(index.parked(&session, 2), 0);
    }
}
