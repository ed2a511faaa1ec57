//! Finding insights across open sessions: the review screen's query line
//! and the tallies its compare view draws.
//!
//! One line does both filtering and search, in the capture line's own
//! language, so note-takers type what facilitators typed: `#innovation`
//! (practice type), `#barrier` (kind), `#food` (a tag, or the start of one),
//! `@ann` (a participant), `sector:vcse`, `nation:wales`, `place:pembs`,
//! `theme:digital`, `*` (starred); every other word must appear in the text
//! or its comments. Matching ignores case and accents, so "cymru" finds
//! "Cymru" and "ysgol" finds "Ysgôl". Nothing here knows about the terminal.

mod folded;
mod questions;

pub use folded::FoldedTexts;
pub use questions::ReviewQuestions;

use crate::model::{Insight, Kind, Nation, PracticeType, Sector, Session};
use std::collections::BTreeMap;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower case with accents removed: the form both sides of a search take.
/// Opening review folds every insight's text, and decomposing all of it
/// was most of the screen's opening time. An ASCII character never
/// decomposes and no mark is ever reordered across it, so folding the text
/// between ASCII characters piece by piece gives exactly what folding the
/// whole does, and the ASCII (most of any text) is only lowered.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        out.push_str(&rest[..ascii].to_ascii_lowercase());
        rest = &rest[ascii..];
        let other = rest.find(|c: char| c.is_ascii()).unwrap_or(rest.len());
        out.push_str(&fold_unicode(&rest[..other]));
        rest = &rest[other..];
    }
    out
}

/// [`fold`] by the letter of it: decompose, drop the marks, lower.
fn fold_unicode(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// A parsed query line. Every condition given must hold.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    pub practice: Option<PracticeType>,
    pub kind: Option<Kind>,
    /// Folded tag prefixes.
    pub tags: Vec<String>,
    /// Folded participant-name prefixes (of any word of the name).
    pub people: Vec<String>,
    pub sector: Option<Sector>,
    pub nation: Option<Nation>,
    /// Folded place fragments.
    pub places: Vec<String>,
    /// Folded theme-name fragments.
    pub themes: Vec<String>,
    pub starred: bool,
    /// Folded words that must appear in the text or comments.
    pub words: Vec<String>,
}

impl Query {
    /// Parses a query line. Unknown `key:value` pairs are searched as words.
    pub fn parse(line: &str) -> Query {
        let mut q = Query::default();
        for token in line.split_whitespace() {
            if token == "*" || token.eq_ignore_ascii_case("is:starred") {
                q.starred = true;
            } else if let Some(word) = token.strip_prefix('#').filter(|w| !w.is_empty()) {
                if let Some(p) = PracticeType::from_word(word) {
                    q.practice = Some(p);
                } else if let Some(k) = Kind::from_word(word) {
                    q.kind = Some(k);
                } else {
                    q.tags.push(fold(word));
                }
            } else if let Some(name) = token.strip_prefix('@').filter(|w| !w.is_empty()) {
                q.people.push(fold(&name.replace('_', " ")));
            } else if let Some((key, value)) = token.split_once(':').filter(|(_, v)| !v.is_empty())
            {
                match key.to_lowercase().as_str() {
                    "sector" if Sector::from_word(value).is_some() => {
                        q.sector = Sector::from_word(value)
                    }
                    "nation" if Nation::from_word(value).is_some() => {
                        q.nation = Nation::from_word(value)
                    }
                    "place" => q.places.push(fold(value)),
                    "theme" => q.themes.push(fold(&value.replace('_', " "))),
                    _ => q.words.push(fold(token)),
                }
            } else {
                q.words.push(fold(token));
            }
        }
        q
    }

    /// Whether the query asks for nothing, so everything matches.
    pub fn is_empty(&self) -> bool {
        *self == Query::default()
    }

    /// Whether a live insight of `session` matches; `folded` is its text and
    /// comments, folded (see [`searchable`]).
    pub fn matches(&self, session: &Session, insight: &Insight, folded: &str) -> bool {
        self.matches_all_but_words(session, insight) && self.matches_words(folded)
    }

    /// Whether the words searched for are all in `folded` (see [`matches`]).
    ///
    /// [`matches`]: Query::matches
    pub fn matches_words(&self, folded: &str) -> bool {
        self.words.iter().all(|w| folded.contains(w.as_str()))
    }

    /// [`Query::matches`] but for the words: checked first, so the text to
    /// search is made only for the insights it could still match.
    pub fn matches_all_but_words(&self, session: &Session, insight: &Insight) -> bool {
        if insight.deleted {
            return false;
        }
        if self.starred && !insight.starred
            || self.practice.is_some_and(|p| insight.practice != Some(p))
            || self.kind.is_some_and(|k| insight.kind != k)
            || self.nation.is_some_and(|n| session.place.nation != n)
        {
            return false;
        }
        if !self
            .tags
            .iter()
            .all(|t| insight.tags.iter().any(|tag| folded_starts_with(tag, t)))
        {
            return false;
        }
        // Folding a place costs: done only when the query names one.
        if !self.places.is_empty() {
            let locality = fold(&session.place.locality);
            if !self.places.iter().all(|p| locality.contains(p.as_str())) {
                return false;
            }
        }
        // Looked up only when the query asks about people.
        let person = if self.sector.is_some() || !self.people.is_empty() {
            insight.participant.and_then(|p| session.participant(p))
        } else {
            None
        };
        if self
            .sector
            .is_some_and(|s| person.is_none_or(|p| p.sector != s))
        {
            return false;
        }
        if !self.people.is_empty() {
            let Some(person) = person else { return false };
            let name = fold(&person.name);
            let fits = |want: &String| {
                name.starts_with(want.as_str())
                    || name
                        .split_whitespace()
                        .any(|w| w.starts_with(want.as_str()))
            };
            if !self.people.iter().all(fits) {
                return false;
            }
        }
        if !self.themes.is_empty() {
            let names: Vec<String> = session
                .themes
                .iter()
                .filter(|t| !t.deleted && t.contains(insight.id))
                .map(|t| fold(&t.name))
                .collect();
            if !self
                .themes
                .iter()
                .all(|want| names.iter().any(|n| n.contains(want.as_str())))
            {
                return false;
            }
        }
        true
    }
}

/// Whether `text`, folded, starts with `folded`: without folding (or
/// allocating) when `text` is ASCII, as tags nearly always are, since this
/// runs for every tag of every insight on every keystroke.
fn folded_starts_with(text: &str, folded: &str) -> bool {
    if text.is_ascii() {
        text.len() >= folded.len()
            && text.as_bytes()[..folded.len()].eq_ignore_ascii_case(folded.as_bytes())
    } else {
        fold(text).starts_with(folded)
    }
}

/// What a search looks in: the insight's text and its comments, folded.
pub fn searchable(insight: &Insight) -> String {
    let mut text = fold(&insight.text);
    for comment in insight.comments.iter().filter(|c| !c.deleted) {
        text.push('\n');
        text.push_str(&fold(&comment.text));
    }
    text
}

/// A session's insights by question, then in the order they were said:
/// indexes into its insights, `u32` since a review holds one for each.
pub fn reading_order(session: &Session) -> Vec<u32> {
    let count = u32::try_from(session.insights.len()).expect("a session's insights fit in u32");
    let mut order: Vec<u32> = (0..count).collect();
    order.sort_by_key(|&i| {
        let insight = &session.insights[i as usize];
        (insight.question, insight.created)
    });
    order
}

/// Counts of the insights a review shows, for the compare view.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub total: usize,
    /// (question row, practice type or none) → count. The row is the
    /// question's number, or its row in [`ReviewQuestions`] when sessions
    /// on several sets are counted ([`Tally::add_at`]).
    pub question_practice: BTreeMap<(usize, Option<PracticeType>), usize>,
    pub kind: BTreeMap<Kind, usize>,
    /// None: unattributed.
    pub sector: BTreeMap<Option<Sector>, usize>,
    pub nation: BTreeMap<Nation, usize>,
    /// (nation, practice type or none) → count.
    pub nation_practice: BTreeMap<(Nation, Option<PracticeType>), usize>,
}

impl Tally {
    /// Adds one insight of `session`, under its question's number.
    pub fn add(&mut self, session: &Session, insight: &Insight) {
        self.add_at(insight.question, session, insight);
    }

    /// Adds one insight of `session`, under question row `row`.
    pub fn add_at(&mut self, row: usize, session: &Session, insight: &Insight) {
        self.total += 1;
        *self
            .question_practice
            .entry((row, insight.practice))
            .or_default() += 1;
        *self.kind.entry(insight.kind).or_default() += 1;
        let sector = insight
            .participant
            .and_then(|p| session.participant(p))
            .map(|p| p.sector);
        *self.sector.entry(sector).or_default() += 1;
        *self.nation.entry(session.place.nation).or_default() += 1;
        *self
            .nation_practice
            .entry((session.place.nation, insight.practice))
            .or_default() += 1;
    }
}

#[cfg(test)]
mod tests;
