//! What a loaded session must satisfy that its types cannot say: every
//! reference points at a record, numbers are in range, ids are unique. The
//! loader refuses a file that fails, naming the first problem, so nothing
//! downstream (review, merge, export) meets a dangling id.

use super::{Session, Stage};
use ulid::Ulid;

impl Session {
    /// Checks what the types cannot: references point somewhere, numbers are
    /// in range. Returns one message per problem.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let n = self.questions.len();
        if n == 0 {
            problems.push("the session has no questions".to_owned());
        }
        if let Stage::Question(q) = self.stage
            && (q == 0 || q > n)
        {
            problems.push(format!(
                "stage is question {q}, but the session has {}",
                crate::words::count(n, "question")
            ));
        }
        for insight in &self.insights {
            if insight.question == 0 || insight.question > n {
                problems.push(format!(
                    "insight {} is on question {}, but the session has {}",
                    insight.id,
                    insight.question,
                    crate::words::count(n, "question")
                ));
            }
            if let Some(p) = insight.participant
                && self.participant(p).is_none()
            {
                problems.push(format!(
                    "insight {} names unknown participant {p}",
                    insight.id
                ));
            }
        }
        let mut ids: Vec<Ulid> = self.insights.iter().map(|i| i.id).collect();
        ids.extend(self.participants.iter().map(|p| p.id));
        ids.sort_unstable();
        if let Some(w) = ids.windows(2).find(|w| w[0] == w[1]) {
            problems.push(format!("id {} is used twice", w[0]));
        }
        problems
    }
}
