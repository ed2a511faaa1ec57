//! Attributing an insight after the fact: its `@name` did not resolve when
//! it was entered, and the person is now on the roster (or is added now).

use super::workshop::Workshop;
use crate::capture::{self, Attribution, RosterName};
use crate::model::Stamp;
use ulid::Ulid;

impl Workshop {
    /// Resolves the first `@name` left in an unattributed insight's text.
    pub fn attribute_insight(&mut self, id: Ulid, stamp: &Stamp) -> Option<String> {
        let insight = self.session.insight(id)?;
        if insight.participant.is_some() {
            return None;
        }
        let token = insight
            .text
            .split_whitespace()
            .find_map(|w| w.strip_prefix('@'))?
            .trim_end_matches(|c: char| !c.is_alphanumeric())
            .to_owned();
        let roster: Vec<RosterName<'_>> = self
            .session
            .live_participants()
            .map(|p| RosterName {
                id: p.id,
                name: &p.name,
            })
            .collect();
        match capture::resolve_name(&token, &roster) {
            Attribution::Ambiguous(_, names) => Some(format!(
                "@{token} could be {}: edit the insight to choose",
                names.join(", ")
            )),
            _ => {
                self.pending = Some(super::PendingName {
                    insight: id,
                    name: token,
                });
                self.add_pending_to_roster(stamp)
            }
        }
    }
}
