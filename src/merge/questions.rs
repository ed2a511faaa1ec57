//! How copies with different question sets merge.
//!
//! The question set is part of the session details, stamped with them. Two
//! copies of one session can still hold different sets (one added a fifth
//! question, the other edited the details later with four), and an insight
//! may be on a question only one copy has. Taking the newer copy's set whole
//! would leave that insight on a question that does not exist, a file
//! `stb check` rejects. So questions merge position by position: the merged
//! set is as long as the longest copy's, and each position keeps the
//! question with the greater stamp (the newer details' text wins where both
//! copies have the position; a position only one copy has is kept from it).
//! Questions are never removed by a merge, so every insight's question
//! exists.
//!
//! A question's stamp is the session details' stamp unless it carries its
//! own. The merged session's details stamp is the greatest, so a question
//! kept from an older copy writes its own stamp (and only then): the merge
//! result stays a join, and files whose copies agree on the question set
//! keep their bytes.

use crate::model::{QuestionDef, Session, Stamp};

/// A question's stamp in its session: its own, or the details'.
fn stamp_of<'a>(question: &'a QuestionDef, session: &'a Session) -> &'a Stamp {
    question.modified.as_ref().unwrap_or(&session.modified)
}

/// The questions of `copies` merged position by position, each keeping the
/// greatest (stamp, question); `details` is the merged details' stamp.
pub(super) fn merge_questions(copies: &[&Session], details: &Stamp) -> Vec<QuestionDef> {
    let longest = copies.iter().map(|s| s.questions.len()).max().unwrap_or(0);
    (0..longest)
        .map(|n| {
            let (stamp, question) = copies
                .iter()
                .filter_map(|s| s.questions.get(n).map(|q| (stamp_of(q, s), q)))
                .max_by(|(x, p), (y, q)| (x, key(p)).cmp(&(y, key(q))))
                .expect("within the longest set");
            QuestionDef {
                modified: (stamp != details).then(|| stamp.clone()),
                ..question.clone()
            }
        })
        .collect()
}

/// A question's value, to settle equal stamps.
fn key(q: &QuestionDef) -> (&str, &str, &[String], u32) {
    (&q.title, &q.text, &q.prompts, q.timebox_minutes)
}

/// Drops questions' own stamps that equal the details' (they say nothing),
/// so a session and its merge with itself are the same bytes.
pub(super) fn settle(session: &mut Session) {
    for q in &mut session.questions {
        if q.modified.as_ref() == Some(&session.modified) {
            q.modified = None;
        }
    }
}
