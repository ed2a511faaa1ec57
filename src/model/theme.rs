//! Themes and comments: what note-takers add when they read a session back.
//!
//! A theme is an affinity group, the sticky notes a note-taker clusters on a
//! wall. Its membership is a map from insight id to a stamped flag rather
//! than a list, so one laptop adding an insight to a theme and another
//! adding a different one both survive a merge. Comments are written once,
//! so merging them is a union by id; the two things that can change later
//! (the text, and whether it is withdrawn) carry stamps of their own, which
//! are written only once set so older files stay byte for byte the same.

use super::Stamp;
use super::record::stamped_record;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ulid::Ulid;

stamped_record! {
    /// A named group of insights.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub struct Theme {
        #[schemars(with = "String")]
        pub id: Ulid,
        #[serde(deserialize_with = "super::limits::name")]
        stamped pub name: String,
        /// Every insight ever put in the theme, with whether it is in it now.
        /// A member's stamp is left out of the file while it is the theme's
        /// oldest own stamp (see `compact`).
        #[serde(default, getter = "crate::model::compact::written_members")]
        #[schemars(with = "std::collections::BTreeMap<String, Member>")]
        pub members: BTreeMap<Ulid, Member>,
        /// Dissolved (a tombstone, kept so merges do not revive it).
        #[serde(default)]
        stamped pub deleted: bool,
        pub modified: ThemeStamps,
    }
    /// When a theme's own fields were last written.
    stamps ThemeStamps;
    /// The editable values of a theme.
    fields ThemeFields;
}

/// Whether an insight is in a theme, and when that was last set.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Member {
    pub included: bool,
    #[serde(
        default = "crate::model::Stamp::implicit",
        skip_serializing_if = "crate::model::Stamp::is_implicit"
    )]
    pub modified: Stamp,
}

impl Theme {
    /// A new, empty theme.
    pub fn create(name: &str, stamp: &Stamp) -> Theme {
        let fields = ThemeFields {
            name: name.to_owned(),
            ..ThemeFields::default()
        };
        Theme::new_stamped(fields, stamp, super::new_id(), BTreeMap::new())
    }

    /// The insights in the theme now.
    pub fn insight_ids(&self) -> impl Iterator<Item = Ulid> + '_ {
        self.members
            .iter()
            .filter(|(_, m)| m.included)
            .map(|(id, _)| *id)
    }

    /// Whether `insight` is in the theme now.
    pub fn contains(&self, insight: Ulid) -> bool {
        self.members.get(&insight).is_some_and(|m| m.included)
    }

    /// Puts an insight in (or takes it out of) the theme; false if no change.
    pub fn set_member(&mut self, insight: Ulid, included: bool, stamp: &Stamp) -> bool {
        if self.contains(insight) == included {
            return false;
        }
        self.members.insert(
            insight,
            Member {
                included,
                modified: stamp.clone(),
            },
        );
        true
    }

    /// Renames the theme; false if the name is the same.
    pub fn rename(&mut self, name: &str, stamp: &Stamp) -> bool {
        let fields = ThemeFields {
            name: name.to_owned(),
            ..self.fields()
        };
        self.apply(fields, stamp)
    }

    /// Dissolves the theme (or brings it back); false if no change.
    pub fn set_deleted(&mut self, deleted: bool, stamp: &Stamp) -> bool {
        let fields = ThemeFields {
            deleted,
            ..self.fields()
        };
        self.apply(fields, stamp)
    }
}

/// A note-taker's remark on an insight. Written once, but its text can be
/// changed (scrubbed by `stb erase`), and that change is stamped.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Comment {
    #[schemars(with = "String")]
    pub id: Ulid,
    /// Who wrote it (the device or person).
    #[serde(deserialize_with = "super::limits::name")]
    pub author: String,
    pub at: Timestamp,
    #[serde(deserialize_with = "super::limits::text")]
    pub text: String,
    /// When `text` was last changed after it was written (a scrub, a
    /// correction), so the change wins a merge by its stamp; absent while it
    /// never was, so files from before it existed read and write the same.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_modified: Option<Stamp>,
    /// Withdrawn (an undone comment): a tombstone, so a merge with a copy
    /// that still has it does not bring it back. Written only when set.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deleted: bool,
    /// When `deleted` was last set; absent while it never was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deleted_modified: Option<Stamp>,
}

impl Comment {
    /// A new comment by `stamp`'s device, at its time.
    pub fn new(text: String, stamp: &Stamp) -> Comment {
        Comment {
            id: super::new_id(),
            author: stamp.device().to_owned(),
            at: stamp.time(),
            text,
            text_modified: None,
            deleted: false,
            deleted_modified: None,
        }
    }

    /// Changes the text (a scrub, a correction), stamping it; false if it
    /// is the same.
    pub fn set_text(&mut self, text: String, stamp: &Stamp) -> bool {
        if self.text == text {
            return false;
        }
        self.text = text;
        self.text_modified = Some(stamp.clone());
        true
    }

    /// Withdraws the comment (or brings it back); false if no change.
    pub fn set_deleted(&mut self, deleted: bool, stamp: &Stamp) -> bool {
        if self.deleted == deleted {
            return false;
        }
        self.deleted = deleted;
        self.deleted_modified = Some(stamp.clone());
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(s: i64) -> Stamp {
        Stamp(Timestamp::from_second(s).unwrap(), 0, "d".into())
    }

    #[test]
    fn membership_is_set_and_cleared_with_stamps() {
        let mut t = Theme::create("Digital exclusion", &stamp(1));
        let a = Ulid::from_parts(1, 1);
        assert!(t.set_member(a, true, &stamp(2)));
        assert!(!t.set_member(a, true, &stamp(3)), "already in");
        assert!(t.contains(a));
        assert!(t.set_member(a, false, &stamp(4)));
        assert!(!t.contains(a));
        assert_eq!(
            t.members[&a].modified,
            stamp(4),
            "the removal is remembered"
        );
        assert_eq!(t.insight_ids().count(), 0);
    }

    #[test]
    fn the_newest_stamp_sees_themes_members_and_comments() {
        use crate::model::{InsightFields, Session, SessionDetails};
        let mut s = Session::new(SessionDetails::default(), stamp(1));
        let id = s.add_insight(
            InsightFields {
                question: 1,
                ..Default::default()
            },
            &stamp(2),
        );
        let mut theme = Theme::create("T", &stamp(3));
        s.themes.push(theme.clone());
        assert_eq!(s.newest_stamp(), stamp(3), "a theme");
        theme.set_member(id, true, &stamp(4));
        s.themes[0] = theme;
        assert_eq!(s.newest_stamp(), stamp(4), "a member");
        let mut comment = Comment::new("c".into(), &stamp(5));
        comment.set_text("C".into(), &stamp(6));
        s.insights[0].comments.push(comment);
        assert_eq!(s.newest_stamp(), stamp(6), "a comment's text");
        s.insights[0].comments[0].set_deleted(true, &stamp(7));
        assert_eq!(s.newest_stamp(), stamp(7), "a withdrawal");
    }
}
