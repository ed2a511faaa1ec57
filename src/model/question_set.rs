//! Question sets: the questions a workshop steps through, as a small RON
//! file a research team can write and share.
//!
//! Four sets are built in, written from the research they come from, and
//! shipped as the same RON files users write (`questions/*.ron` in the
//! crate), so the built-ins are also the examples. A session copies its set
//! in when it is created; changing or deleting a set later changes no
//! session. Reading a set from a file (guarded, with `path:line:col`
//! errors) is `storage::question_sets`; what a set must satisfy beyond its
//! syntax is [`QuestionSet::problems`].

use super::{QuestionDef, Session, Stamp};
use serde::{Deserialize, Serialize};
use std::ops::RangeInclusive;

/// How many questions a set may have: one is a short check-in, twelve a
/// whole day.
pub const QUESTIONS: RangeInclusive<usize> = 1..=12;

/// How many prompts a question may have: enough to get a room talking,
/// few enough to read out.
pub const PROMPTS: RangeInclusive<usize> = 2..=5;

/// How long a question's timebox may be, in minutes: four hours at most,
/// longer than any one question is discussed.
pub const TIMEBOX_MINUTES: RangeInclusive<u32> = 1..=240;

/// A named list of questions with their prompts and timeboxes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuestionSet {
    /// What the set is chosen by: `stb new --questions NAME`, the form.
    #[serde(deserialize_with = "super::limits::name")]
    pub name: String,
    /// A sentence saying what the workshop is about, for `stb questions`.
    #[serde(default, deserialize_with = "super::limits::text")]
    pub description: String,
    pub questions: Vec<QuestionDef>,
}

/// The built-in sets' files, default first.
const BUILT_IN: [&str; 4] = [
    include_str!("../../questions/shifting-the-balance.ron"),
    include_str!("../../questions/community-power-in-practice.ron"),
    include_str!("../../questions/rebalancing-the-power.ron"),
    include_str!("../../questions/three-ways-power-moves.ron"),
];

/// A built-in set from its file (a test checks each parses and is valid).
fn built(text: &str) -> QuestionSet {
    ron::from_str(text).expect("the built-in question sets parse")
}

impl QuestionSet {
    /// The sets stb ships, the default ("Shifting the Balance") first.
    pub fn built_in() -> Vec<QuestionSet> {
        BUILT_IN.iter().map(|text| built(text)).collect()
    }

    /// The set a session gets unless another is chosen.
    pub fn default_set() -> QuestionSet {
        built(BUILT_IN[0])
    }

    /// What makes the set unusable, one message each: the number of
    /// questions and prompts, the timeboxes, empty titles and texts.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if self.name.trim().is_empty() {
            problems.push("the set needs a name".to_owned());
        }
        let n = self.questions.len();
        if !QUESTIONS.contains(&n) {
            problems.push(format!(
                "{}: a set has {} to {}",
                crate::words::count(n, "question"),
                QUESTIONS.start(),
                QUESTIONS.end()
            ));
        }
        for (i, q) in self.questions.iter().enumerate() {
            let which = format!("question {} ({:?})", i + 1, q.title);
            if q.title.trim().is_empty() || q.text.trim().is_empty() {
                problems.push(format!("question {} needs a title and a text", i + 1));
            }
            if !PROMPTS.contains(&q.prompts.len()) {
                problems.push(format!(
                    "{which} has {}: a question has {} to {}",
                    crate::words::count(q.prompts.len(), "prompt"),
                    PROMPTS.start(),
                    PROMPTS.end()
                ));
            }
            if !TIMEBOX_MINUTES.contains(&q.timebox_minutes) {
                problems.push(format!(
                    "{which} has a timebox of {} minutes: {} to {} minutes",
                    q.timebox_minutes,
                    TIMEBOX_MINUTES.start(),
                    TIMEBOX_MINUTES.end()
                ));
            }
        }
        problems
    }

    /// Whether `name` names this set: any case, spaces at the ends ignored.
    pub fn is_named(&self, name: &str) -> bool {
        crate::capture::name_key(self.name.trim()) == crate::capture::name_key(name.trim())
    }
}

impl Session {
    /// The session on `set`'s questions, each with its own timebox, in place
    /// of the ones it was made with. For a session not yet captured in:
    /// the timeline starts again.
    pub fn with_question_set(mut self, set: &QuestionSet, stamp: &Stamp) -> Session {
        self.questions = set
            .questions
            .iter()
            .map(|q| QuestionDef {
                modified: None,
                ..q.clone()
            })
            .collect();
        self.timeline = super::timeline_for(&self.questions, stamp);
        self.stage = super::Stage::Question(1);
        self
    }
}

/// The commented file `stb questions new FILE` writes: a valid set of two
/// questions to edit, saying what each field is for.
pub const TEMPLATE: &str = r#"// A question set for stb. Edit it, check it with `stb questions show FILE`,
// then start a workshop on it: `stb new --questions FILE`. Put it in stb's
// questions folder (`stb questions list` names it) to choose it by name.
//
// A set has 1 to 12 questions; each has 2 to 5 prompts and a timebox of
// 1 to 240 minutes. Text is in double quotes; a quote inside is \".
(
	// What you choose the set by: `stb new --questions "Our own questions"`.
	name: "Our own questions",
	// One sentence on what the workshop is about.
	description: "What we want to learn from this room.",
	questions: [
		(
			// A few words naming the question on tabs, tables and reports.
			title: "What works",
			// The question as you read it to the room.
			text: "What is working well in your community, and why?",
			// Prompts to get the room talking, if it goes quiet.
			prompts: [
				"Who makes it work?",
				"What would you keep, whatever else changes?",
			],
			// The planned time for the question, in minutes.
			timebox_minutes: 20,
		),
		(
			title: "What gets in the way",
			text: "What gets in the way, and how could it be removed?",
			prompts: [
				"Which barriers come from inside organisations, and which from outside?",
				"Who could remove them?",
			],
			timebox_minutes: 20,
		),
	],
)
"#;

#[cfg(test)]
mod tests;
