//! The questions of the sessions under review, told apart by title.
//!
//! Sessions on different question sets share practice types, kinds,
//! sectors and nations, but not questions: question 2 of "Shifting the
//! Balance" is not question 2 of "Community Power in Practice". So review
//! browses and compares questions by title, in the order first met; when
//! every session is on one set, that is simply question 1, 2, 3…

use crate::model::Session;

/// The distinct questions of some sessions, as rows numbered from 1.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReviewQuestions {
    /// Titles, first met first.
    pub titles: Vec<String>,
    /// Whether every session has these questions in this order: then a
    /// row is named by its number, as on the capture screen.
    pub one_set: bool,
}

impl ReviewQuestions {
    pub fn of<'a>(sessions: impl IntoIterator<Item = &'a Session>) -> ReviewQuestions {
        let mut titles: Vec<String> = Vec::new();
        let mut shapes: Vec<Vec<&str>> = Vec::new();
        for session in sessions {
            let shape: Vec<&str> = session.questions.iter().map(|q| q.title.as_str()).collect();
            for title in &shape {
                if !titles.iter().any(|t| t == title) {
                    titles.push((*title).to_owned());
                }
            }
            if !shapes.contains(&shape) {
                shapes.push(shape);
            }
        }
        let one_set = shapes.len() <= 1;
        ReviewQuestions { titles, one_set }
    }

    /// The row of each of `session`'s questions, in order.
    pub fn rows_of(&self, session: &Session) -> Vec<usize> {
        session
            .questions
            .iter()
            .map(|q| {
                self.titles
                    .iter()
                    .position(|t| *t == q.title)
                    .map_or(0, |i| i + 1)
            })
            .collect()
    }

    /// How a row is named in a table: `Q2`, or its title across sets.
    pub fn label(&self, row: usize) -> String {
        match self.titles.get(row.wrapping_sub(1)) {
            Some(title) if !self.one_set => crate::inert::visible(title).into_owned(),
            _ => format!("Q{row}"),
        }
    }

    /// How a row is named in a sentence: `question 2`, or its title.
    pub fn named(&self, row: usize) -> String {
        match self.titles.get(row.wrapping_sub(1)) {
            Some(title) if !self.one_set => {
                format!("“{}”", crate::inert::visible(title))
            }
            _ => format!("question {row}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{QuestionSet, SessionDetails, Stamp};

    fn on(set: usize) -> Session {
        let stamp = Stamp::default();
        let set = &QuestionSet::built_in()[set];
        Session::new(SessionDetails::default(), stamp.clone()).with_question_set(set, &stamp)
    }

    #[test]
    fn one_set_is_numbered_and_two_sets_keep_their_questions_apart() {
        let same = ReviewQuestions::of([&on(0), &on(0)]);
        assert!(same.one_set);
        assert_eq!(same.titles.len(), 4);
        assert_eq!(same.label(2), "Q2");
        assert_eq!(same.named(2), "question 2");
        let (stb, cpp) = (on(0), on(1));
        let mixed = ReviewQuestions::of([&stb, &cpp]);
        assert!(!mixed.one_set);
        assert_eq!(mixed.titles.len(), 8, "four and four, none pooled");
        assert_eq!(mixed.rows_of(&cpp), [5, 6, 7, 8]);
        assert_eq!(mixed.label(5), "Catalyst for change");
        assert_eq!(mixed.named(2), "“Shifting relationships”");
    }
}
