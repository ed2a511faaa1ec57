//! One question of a workshop, as a session file and a question set hold
//! it, and the default four (Shifting the Balance).
//!
//! A session copies its question set into its own file when it is created, so
//! a file stays self-describing and a later custom set changes nothing in it.

use super::Stamp;
use serde::{Deserialize, Serialize};

/// The timebox a question gets unless the facilitator changes it.
pub const DEFAULT_TIMEBOX_MINUTES: u32 = 20;

/// One question of a workshop: what is asked, and how long the room has.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QuestionDef {
    /// A few words naming the question on tabs, tables and reports.
    #[serde(deserialize_with = "super::limits::name")]
    pub title: String,
    /// The question as read to the room.
    #[serde(deserialize_with = "super::limits::text")]
    pub text: String,
    /// Guiding prompts for the facilitator (two to five in a set).
    #[serde(default, deserialize_with = "super::limits::names")]
    pub prompts: Vec<String>,
    /// The planned time for the question, in minutes.
    #[serde(
        default = "default_timebox",
        deserialize_with = "super::limits::minutes"
    )]
    pub timebox_minutes: u32,
    /// When this question was last written, where that differs from the
    /// session details' stamp (its usual stamp). Only a merge of copies with
    /// different question sets writes one: a question one copy lacks keeps
    /// the stamp of the copy it came from, so merging stays a join.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modified: Option<Stamp>,
}

fn default_timebox() -> u32 {
    DEFAULT_TIMEBOX_MINUTES
}

/// The research's four questions (Simon Kaye, "Shifting the Balance", NLGN,
/// 2020): the default set, `questions/shifting-the-balance.ron`.
pub fn shifting_the_balance() -> Vec<QuestionDef> {
    super::QuestionSet::default_set().questions
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_set_has_four_questions_each_with_two_to_four_prompts() {
        let set = shifting_the_balance();
        assert_eq!(set.len(), 4);
        for q in &set {
            assert!((2..=4).contains(&q.prompts.len()), "{}", q.title);
            assert!(q.text.ends_with('?'));
        }
        assert!(set[2].text.contains("social capital"));
    }
}
