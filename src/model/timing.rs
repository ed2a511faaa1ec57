//! A question's timer as the file keeps it.

use super::{QuestionDef, Stamp, limits};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// How a question's timebox was used: planned against actual.
#[derive(
    Clone,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct QuestionTiming {
    /// When its timer was first started.
    #[serde(default)]
    pub started: Option<Timestamp>,
    /// When the room last moved on from it.
    #[serde(default)]
    pub ended: Option<Timestamp>,
    /// The timebox now in force, in minutes: planned plus any time added.
    #[serde(deserialize_with = "limits::minutes")]
    pub allotted_minutes: u32,
    /// Seconds the timer has run, not counting the current run.
    #[serde(default, deserialize_with = "limits::elapsed_seconds")]
    pub elapsed_seconds: u64,
    /// Set while the timer runs. A file saved mid-run by a laptop that died
    /// keeps it, so the timer reopens still counting the time the room spent.
    #[serde(default)]
    pub running_since: Option<Timestamp>,
    #[serde(default)]
    pub modified: Stamp,
}

/// A timeline for `questions`, each planned at its timebox, none started.
pub(super) fn timeline_for(questions: &[QuestionDef], stamp: &Stamp) -> Vec<QuestionTiming> {
    questions
        .iter()
        .map(|q| QuestionTiming {
            allotted_minutes: q.timebox_minutes,
            modified: stamp.clone(),
            ..QuestionTiming::default()
        })
        .collect()
}
