//! The four Shifting the Balance questions, as the research put them, with
//! prompts a facilitator can read to the room.
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
    /// Guiding prompts for the facilitator (two to four).
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

fn question(title: &str, text: &str, prompts: &[&str]) -> QuestionDef {
    QuestionDef {
        title: title.to_owned(),
        text: text.to_owned(),
        prompts: prompts.iter().map(|p| (*p).to_owned()).collect(),
        timebox_minutes: DEFAULT_TIMEBOX_MINUTES,
        modified: None,
    }
}

/// The research's four questions (Simon Kaye, "Shifting the Balance", NLGN, 2020).
pub fn shifting_the_balance() -> Vec<QuestionDef> {
    vec![
        question(
            "Good practices",
            "What good practices have emerged? What is different about them, and what makes them work?",
            &[
                "Which practices were adaptations of what you already did, and which were wholly new?",
                "What made them quicker, more flexible or more open than before?",
                "Who made them work: which people, groups and partners?",
            ],
        ),
        question(
            "Shifting relationships",
            "How have the relationships between different sectors, and across institutional and community boundaries, been shifting? What shifts in practice explain this?",
            &[
                "How did the council, the voluntary sector and residents work together before, and now?",
                "Which rules, silos or hierarchies were set aside, and by whom?",
                "Where did trust grow, and where did it break down?",
            ],
        ),
        question(
            "Less-advantaged communities",
            "How are new ways of working being established in areas with less existing (or formally recognised) wealth or social capital? How have less-advantaged communities experienced the crisis, and how can their voices be centred during the recovery?",
            &[
                "Which communities were hardest hit, and who reached them?",
                "Where is community capacity strong but not formally recognised?",
                "What would centre their voices in the recovery: digital access, funding, decisions?",
            ],
        ),
        question(
            "Sustaining the change",
            "How can the positive trends be sustained beyond the immediate crisis? What are the barriers against embedding them, and how can these be removed?",
            &[
                "What is already slipping back to business as usual?",
                "Which barriers stand in the way: funding, fatigue, regulation, short-termism?",
                "What should councils, VCSE groups and national government do next?",
            ],
        ),
    ]
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
