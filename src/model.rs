//! The session: what a workshop captured, as it is saved.
//!
//! These types are the serialised form (a format version, RON-friendly field
//! order) and know nothing of the terminal. Every insight and participant has a
//! ULID made once on the device that created it, and every mutable field has a
//! [`Stamp`] in `modified`, so that two laptops' copies of one session merge
//! field by field with nothing lost. Deleting sets a tombstone flag (itself a
//! stamped field) instead of removing the record.
//!
//! Loading is strict about names and lenient about absence: an unknown field is
//! an error with its line and column (it is almost always a typo in a hand edit
//! that would otherwise be dropped silently on the next save), while optional
//! fields that are missing take their defaults.

pub mod actions;
pub(crate) mod by_id;
mod checks;
pub(crate) mod compact;
pub(crate) mod conflict;
mod details_only;
mod edit;
pub mod limits;
pub mod question_set;
mod questions;
pub(crate) mod record;
mod stamp;
mod theme;
mod timing;
mod vocab;
pub mod vote;

pub use conflict::OpenConflict;
pub use question_set::QuestionSet;
pub use questions::{DEFAULT_TIMEBOX_MINUTES, QuestionDef, shifting_the_balance};
pub use record::Stamped;
pub use stamp::{Clock, Stamp, StampClock, SystemClock};
pub use theme::{Comment, Member, Theme, ThemeFields, ThemeStamps};
pub use timing::QuestionTiming;
use timing::timeline_for;
pub use vocab::{Kind, Nation, PracticeType, Sector};
pub use vote::Vote;

use jiff::Timestamp;
use jiff::civil::Date;
use record::{session_record, stamped_record};
use serde::{Deserialize, Serialize};
use ulid::Ulid;

/// The newest file format this build reads and writes. A file with a larger
/// number is refused, never overwritten. Formats 1 (no themes or comments)
/// and 2 (every stamp written) still load, and are written back as format 3,
/// which leaves out stamps that repeat a record's creation (see `compact`).
pub const FORMAT_VERSION: u32 = 3;

/// A new id, greater than every id this process made before, so records
/// kept in id order stay in creation order even within one millisecond.
pub fn new_id() -> Ulid {
    static GENERATOR: std::sync::Mutex<ulid::Generator> =
        std::sync::Mutex::new(ulid::Generator::new());
    let mut generator = GENERATOR.lock().unwrap_or_else(|e| e.into_inner());
    // Overflow needs 2^80 ids in one millisecond; a fresh random id will do then.
    generator.generate().unwrap_or_else(|_| Ulid::generate())
}

session_record! {
    /// One workshop: its details, the questions asked, who took part and what
    /// they said.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub struct Session {
        /// The file format version; see [`FORMAT_VERSION`].
        #[serde(deserialize_with = "limits::format")]
        pub format: u32,
        /// Shared by every copy of this session, so copies can be recognised and merged.
        #[schemars(with = "String")]
        pub id: Ulid,
        #[serde(deserialize_with = "limits::name")]
        detail pub title: String,
        detail pub place: Place,
        detail pub date: Date,
        #[serde(deserialize_with = "limits::name")]
        detail pub facilitator: String,
        #[serde(default, deserialize_with = "limits::names")]
        detail pub note_takers: Vec<String>,
        /// Where the facilitator was, so reopening resumes there.
        #[serde(default)]
        detail pub stage: Stage,
        /// The device whose question and timer the room follows when several
        /// laptops capture this session at once (`stb join`); empty when
        /// nobody leads (a session captured on one laptop).
        #[serde(default, skip_serializing_if = "String::is_empty", deserialize_with = "limits::name")]
        detail pub lead: String,
        /// When the details above (title to stage) were last changed.
        #[serde(default)]
        pub modified: Stamp,
        /// The question set used, copied in so the file describes itself.
        /// Each question is stamped with the details unless it has a stamp
        /// of its own (see `merge`).
        pub questions: Vec<QuestionDef>,
        /// Planned against actual time, one entry per question.
        #[serde(default)]
        pub timeline: Vec<QuestionTiming>,
        #[serde(default)]
        pub participants: Vec<Participant>,
        #[serde(default)]
        pub insights: Vec<Insight>,
        /// Note-takers' groupings of insights.
        #[serde(default)]
        pub themes: Vec<Theme>,
        /// Fields the stamps could not settle, kept until someone chooses a
        /// value (see `conflict`). Absent from files without any.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub conflicts: Vec<OpenConflict>,
    }
}

/// Where a workshop took place.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Place {
    /// The town, area or council, e.g. "Pembrokeshire".
    #[serde(deserialize_with = "limits::name")]
    pub locality: String,
    #[serde(default)]
    pub nation: Nation,
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}, {}", self.locality, self.nation)
    }
}

/// Which part of the workshop the facilitator is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum Stage {
    /// A question, numbered from 1 as the room hears it.
    Question(usize),
    /// The summary after the last question.
    WrapUp,
}

impl Default for Stage {
    fn default() -> Self {
        Stage::Question(1)
    }
}

/// Whether a participant agreed to their words being used, and when.
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
pub enum Consent {
    #[default]
    NotRecorded,
    Given(Timestamp),
    Declined(Timestamp),
    Withdrawn(Timestamp),
}

impl Consent {
    /// A short word for lists.
    pub fn label(&self) -> &'static str {
        match self {
            Consent::NotRecorded => "not recorded",
            Consent::Given(_) => "given",
            Consent::Declined(_) => "declined",
            Consent::Withdrawn(_) => "withdrawn",
        }
    }
}

stamped_record! {
    /// Somebody in the room.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub struct Participant {
        #[schemars(with = "String")]
        pub id: Ulid,
        #[serde(deserialize_with = "limits::name")]
        stamped pub name: String,
        #[serde(default, deserialize_with = "limits::name")]
        stamped pub organisation: String,
        #[serde(default)]
        stamped pub sector: Sector,
        #[serde(default)]
        stamped pub consent: Consent,
        /// A tombstone: removed from the roster, kept so merges do not revive it.
        #[serde(default)]
        stamped pub deleted: bool,
        pub modified: ParticipantStamps,
    }
    /// When each of a participant's fields was last written.
    stamps ParticipantStamps;
    /// The editable values of a participant.
    fields ParticipantFields;
}

stamped_record! {
    /// One thing said in the room, captured as a line.
    #[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
    #[serde(deny_unknown_fields)]
    pub struct Insight {
        #[schemars(with = "String")]
        pub id: Ulid,
        /// The question it answers, numbered from 1.
        stamped pub question: usize,
        #[serde(deserialize_with = "limits::text")]
        stamped pub text: String,
        #[serde(default)]
        #[schemars(with = "Option<String>")]
        stamped pub participant: Option<Ulid>,
        #[serde(default)]
        stamped pub practice: Option<PracticeType>,
        #[serde(default)]
        stamped pub kind: Kind,
        #[serde(default, deserialize_with = "limits::names")]
        stamped pub tags: Vec<String>,
        #[serde(default)]
        stamped pub starred: bool,
        /// A tombstone: hidden everywhere, kept so merges do not revive it.
        #[serde(default)]
        stamped pub deleted: bool,
        /// In the parking lot: off its question's list, on the wrap-up's.
        /// (These three are left out while default, so older files stay byte for byte.)
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        stamped pub parked: bool,
        /// An action's owner (`>name`): a participant's name or an organisation.
        #[serde(default, skip_serializing_if = "String::is_empty", deserialize_with = "limits::name")]
        stamped pub owner: String,
        /// An action's due date (`!date`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        stamped pub due: Option<Date>,
        pub created: Timestamp,
        /// The device or person that captured it.
        #[serde(default, deserialize_with = "limits::name")]
        pub author: String,
        pub modified: InsightStamps,
        /// Note-takers' remarks, oldest first (left out of the file when none).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        pub comments: Vec<Comment>,
        /// Dot votes, one entry per laptop that counted any (see `vote`);
        /// left out of the file when none.
        #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "vote::votes")]
        pub votes: Vec<Vote>,
    }
    /// When each of an insight's fields was last written.
    stamps InsightStamps;
    /// The editable values of an insight.
    fields InsightFields;
}

impl Insight {
    /// The newest of its field stamps: when it was last modified.
    pub fn last_modified(&self) -> &Stamp {
        self.newest()
    }
}

/// What a new session needs to know; everything else starts empty.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SessionDetails {
    pub title: String,
    pub place: Place,
    pub date: Date,
    pub facilitator: String,
    pub note_takers: Vec<String>,
}

/// The record with `id` in a list kept in id order, or (if someone put it
/// out of order) found by a scan.
fn find_by_id<T>(records: &[T], id: Ulid, id_of: impl Fn(&T) -> Ulid) -> Option<&T> {
    match records.binary_search_by_key(&id, &id_of) {
        Ok(at) => records.get(at),
        Err(_) => records.iter().find(|r| id_of(r) == id),
    }
}

impl Session {
    /// A fresh session with the Shifting the Balance questions and no insights.
    pub fn new(details: SessionDetails, stamp: Stamp) -> Session {
        let questions = shifting_the_balance();
        let timeline = timeline_for(&questions, &stamp);
        Session {
            format: FORMAT_VERSION,
            id: new_id(),
            title: details.title,
            place: details.place,
            date: details.date,
            facilitator: details.facilitator,
            note_takers: details.note_takers,
            stage: Stage::Question(1),
            lead: String::new(),
            modified: stamp,
            questions,
            timeline,
            participants: Vec::new(),
            insights: Vec::new(),
            themes: Vec::new(),
            conflicts: Vec::new(),
        }
    }

    /// Insights that have not been deleted.
    pub fn live_insights(&self) -> impl Iterator<Item = &Insight> {
        self.insights.iter().filter(|i| !i.deleted)
    }

    /// Participants still on the roster.
    pub fn live_participants(&self) -> impl Iterator<Item = &Participant> {
        self.participants.iter().filter(|p| !p.deleted)
    }

    /// Records are kept in id order (see [`Session::normalise`]), so this is
    /// a binary search; a list put out of order by hand is still searched.
    pub fn insight(&self, id: Ulid) -> Option<&Insight> {
        find_by_id(&self.insights, id, |i| i.id)
    }

    /// As [`Session::insight`]: called for every row drawn and every
    /// insight filtered, so it must not scan the roster.
    pub fn participant(&self, id: Ulid) -> Option<&Participant> {
        find_by_id(&self.participants, id, |p| p.id)
    }

    /// The newest stamp anywhere in the file (themes, members, comments and
    /// questions' own stamps included), so a clock can move past it.
    pub fn newest_stamp(&self) -> Stamp {
        let insights = self.insights.iter().map(|i| i.last_modified());
        let participants = self.participants.iter().map(|p| p.newest());
        let themes = self.themes.iter().flat_map(|t| {
            let members = t.members.values().map(|m| &m.modified);
            std::iter::once(t.newest()).chain(members)
        });
        let comments = self
            .insights
            .iter()
            .flat_map(|i| &i.comments)
            .flat_map(|c| {
                let own = [&c.text_modified, &c.deleted_modified];
                own.into_iter().flatten()
            });
        let votes = self.insights.iter().flat_map(|i| &i.votes);
        let votes = votes.map(|v| &v.modified);
        let questions = self.questions.iter().filter_map(|q| q.modified.as_ref());
        let timeline = self.timeline.iter().map(|t| &t.modified);
        let newest = std::iter::once(&self.modified)
            .chain(insights)
            .chain(participants)
            .chain(themes)
            .chain(comments)
            .chain(votes)
            .chain(questions)
            .chain(timeline)
            .max()
            .cloned()
            .unwrap_or_default();
        // A comment's time is when it was written: a stamp of its author's.
        let written = self.insights.iter().flat_map(|i| &i.comments);
        written
            .map(|c| Stamp(c.at, 0, c.author.as_str().into()))
            .chain(std::iter::once(newest))
            .max()
            .unwrap_or_default()
    }

    /// Makes a hand-edited or older file whole: one timeline entry per
    /// question, the current format (it is written back as that), and
    /// records in id order, the order new ones are inserted in and a merge
    /// writes (already sorted, as files stb wrote are, this costs one pass).
    pub fn normalise(&mut self) {
        self.format = FORMAT_VERSION;
        self.insights.sort_by_key(|i| i.id);
        self.participants.sort_by_key(|p| p.id);
        self.themes.sort_by_key(|t| t.id);
        self.settle_conflicts();
        for insight in &mut self.insights {
            insight.comments.sort_by_key(|c| c.id);
            vote::settle(&mut insight.votes);
        }
        let n = self.questions.len();
        self.timeline.truncate(n);
        while self.timeline.len() < n {
            let planned = self.questions[self.timeline.len()].timebox_minutes;
            self.timeline.push(QuestionTiming {
                allotted_minutes: planned,
                ..QuestionTiming::default()
            });
        }
    }
}
