//! What each input brought to a merge, as its report's first lines say.

use super::{InputSummary, new_insights};
use crate::model::Session;

/// What each input brought, counted before a merge that owns its inputs
/// takes them apart (see [`merge_reported`](crate::merge::merge_reported)).
pub(in crate::merge) fn summaries(names: &[String], inputs: &[Vec<Session>]) -> Vec<InputSummary> {
    let new = new_insights::new_insights(inputs);
    inputs
        .iter()
        .zip(names)
        .enumerate()
        .map(|(n, (input, name))| {
            let live = Live::of(input);
            InputSummary {
                name: name.clone(),
                sessions: input.len(),
                insights: live.insights,
                new_insights: new[n],
                participants: live.participants,
                themes: live.themes,
            }
        })
        .collect()
}

/// What some sessions hold that is not deleted: an input's, or the merge's.
pub(super) struct Live {
    pub insights: usize,
    pub participants: usize,
    pub themes: usize,
}

impl Live {
    pub fn of(sessions: &[Session]) -> Live {
        Live {
            insights: sessions.iter().map(|s| s.live_insights().count()).sum(),
            participants: sessions.iter().map(|s| s.live_participants().count()).sum(),
            themes: sessions
                .iter()
                .flat_map(|s| &s.themes)
                .filter(|t| !t.deleted)
                .count(),
        }
    }
}
