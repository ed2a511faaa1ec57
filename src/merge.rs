//! Merging copies of sessions: a join, so the order of inputs never matters.
//!
//! Two laptops capture one workshop offline; later their files meet. Each
//! record (insight, participant, theme, comment) has an id made once, and
//! each mutable field a stamp `(time, counter, device)`. Merging keeps every
//! record from every input exactly once and, field by field, the value with
//! the greater stamp (last writer wins). Equal stamps with different values
//! (a hand edit, say) fall back to comparing the values, so the choice is
//! still the same whichever copy comes first, and the tie is kept in the
//! merged file as an open conflict with every value (`model::conflict`)
//! until someone chooses one. Deletion is such a field too,
//! so a later restore beats an earlier delete and the other way round.
//! Which fields a record has, and so which registers the merge joins, comes
//! from the record's one declaration (`model::Stamped`), never from a list
//! here. Question sets merge position by position (see `questions`), so a
//! merge of valid files is always a valid file.
//!
//! Each rule is a join (commutative, associative, idempotent), so the whole
//! merge is one, and the output is sorted by id, so `merge(a, b)` and
//! `merge(b, a)` are the same bytes. Sessions with different ids are not
//! merged but kept side by side, each whole. What the merge had to decide is
//! described by [`report`], which reads the inputs and never changes them.

pub mod hand_edits;
mod in_place;
pub mod journal;
mod questions;
pub mod report;
mod union;

use crate::model::conflict::{note_detail_ties, note_ties_among};
use crate::model::record::{Met, join_register};
use crate::model::{Comment, Insight, Member, Participant, Session, Stamp, Stamped, Theme};
use in_place::Joined;
pub use in_place::{Merged, merge_reported};
use std::collections::BTreeMap;
use ulid::Ulid;
#[cfg(test)]
pub(crate) use union::union_refs;
pub(crate) use union::{union_agreed, union_owned};

/// Merges every session of every input: copies of one session (same id)
/// become one, different sessions are kept side by side. Sorted by id.
/// All copies of a session are joined in one pass, so the work grows with
/// the input, not with the number of copies times the merged size.
pub fn merge(inputs: &[Vec<Session>]) -> Vec<Session> {
    merge_agreed(inputs).0
}

/// Which records of one merged session every copy held alike (the same
/// stamp and value in every field), by position in its lists: the report
/// has nothing to say of them, and need not compare them again (at
/// 100,000 insights that was most of its time). Empty lists: not known.
#[derive(Clone, Debug, Default)]
pub struct Agreement {
    pub insights: Vec<bool>,
    pub participants: Vec<bool>,
    pub themes: Vec<bool>,
}

/// [`merge`], with each merged session's [`Agreement`], for
/// [`report::report_agreed`].
pub fn merge_agreed(inputs: &[Vec<Session>]) -> (Vec<Session>, Vec<Agreement>) {
    let mut by_id: BTreeMap<Ulid, Vec<&Session>> = BTreeMap::new();
    for session in inputs.iter().flatten() {
        by_id.entry(session.id).or_default().push(session);
    }
    by_id
        .into_values()
        .map(|copies| match copies.as_slice() {
            [one] => (canonical((*one).clone()), Agreement::default()),
            many => merge_copies(many, None),
        })
        .unzip()
}

/// A session with every list in id order, as a merge writes it.
pub fn canonical(mut session: Session) -> Session {
    questions::settle(&mut session);
    union_owned(&mut session.insights, |i| i.id, join_insight);
    union_owned(&mut session.participants, |p| p.id, join_participant);
    union_owned(&mut session.themes, |t| t.id, join_theme);
    for insight in &mut session.insights {
        union_owned(&mut insight.comments, |c| c.id, join_comment);
        crate::model::vote::settle(&mut insight.votes);
    }
    session.settle_conflicts();
    session
}

/// Two copies of one session (same id) as one.
pub fn merge_pair(a: &Session, b: &Session) -> Session {
    merge_copies(&[a, b], None).0
}

/// Any number of copies of one session (same id) as one, in one pass:
/// folding them in pairs would join each into the grown merge again.
pub fn merge_all(copies: &[&Session]) -> Session {
    match copies {
        [one] => canonical((*one).clone()),
        many => merge_copies(many, None).0,
    }
}

/// Copies of one session (same id) as one: each register keeps its
/// greatest (stamp, value), each list the union by id, joined record by
/// record. The insights may come joined already (see `in_place`): the
/// first copy then holds only the originals that joining changed.
fn merge_copies(copies: &[&Session], joined: Option<Joined>) -> (Session, Agreement) {
    debug_assert!(copies.windows(2).all(|w| w[0].id == w[1].id));
    // The details (title to stage) are one register, stamped together; the
    // text of the details settles equal stamps. Questions merge position by
    // position (see `questions`), so none that an insight is on is lost.
    let details = copies
        .iter()
        .copied()
        .max_by(|a, b| {
            a.modified
                .cmp(&b.modified)
                .then_with(|| details_key(a).cmp(&details_key(b)))
        })
        .expect("at least one copy");
    let longest = copies.iter().map(|s| s.timeline.len()).max().unwrap_or(0);
    let timeline = (0..longest)
        .map(|i| {
            copies
                .iter()
                .filter_map(|s| s.timeline.get(i))
                .max_by(|x, y| (&x.modified, *x).cmp(&(&y.modified, *y)))
                .expect("within the longest timeline")
                .clone()
        })
        .collect();
    // The winner's details (every one: see `details_only`); everything
    // else is joined from every copy.
    let mut merged = details.details_only();
    merged.format = copies
        .iter()
        .map(|s| s.format)
        .max()
        .unwrap_or(merged.format);
    merged.questions = questions::merge_questions(copies, &details.modified);
    merged.timeline = timeline;
    let participants;
    let insights;
    let themes;
    let people: Vec<&[Participant]> = copies.iter().map(|s| &s.participants[..]).collect();
    (merged.participants, participants) = union_agreed(&people, |p| p.id, join_participant);
    (merged.insights, insights) = match joined {
        Some(joined) => (joined.insights, joined.met),
        None => {
            let lists: Vec<&[Insight]> = copies.iter().map(|s| &s.insights[..]).collect();
            union_agreed(&lists, |i| i.id, join_insight)
        }
    };
    let lists: Vec<&[Theme]> = copies.iter().map(|s| &s.themes[..]).collect();
    (merged.themes, themes) = union_agreed(&lists, |t| t.id, join_theme);
    // Ties the stamps cannot settle are kept as data, with every value;
    // the conflicts of every copy are kept too, and `normalise` joins them
    // by (record, field, stamp) and drops those a newer stamp closed.
    merged.conflicts = copies.iter().flat_map(|s| s.conflicts.clone()).collect();
    // Only records some join found tied can be: see `Met`.
    let untied = |met: &[Met]| -> Vec<bool> { met.iter().map(|m| !m.tied).collect() };
    let (quiet_insights, quiet_people, quiet_themes) =
        (untied(&insights), untied(&participants), untied(&themes));
    for copy in copies {
        note_detail_ties(&mut merged.conflicts, details, copy);
        let conflicts = &mut merged.conflicts;
        note_ties_among(conflicts, &merged.insights, &quiet_insights, &copy.insights);
        let people = &merged.participants;
        note_ties_among(conflicts, people, &quiet_people, &copy.participants);
        note_ties_among(conflicts, &merged.themes, &quiet_themes, &copy.themes);
    }
    // The lists are in id order already, and the sort is stable: each
    // flag stays beside its record.
    merged.normalise();
    let alike = |met: Vec<Met>| met.into_iter().map(|m| m.alike).collect();
    let agreement = Agreement {
        insights: alike(insights),
        participants: alike(participants),
        themes: alike(themes),
    };
    (merged, agreement)
}

/// The session details as text, to break a tie between equal stamps.
fn details_key(s: &Session) -> String {
    let details: Vec<String> = s.details_values().into_iter().map(|(_, v)| v).collect();
    format!("{details:?}{:?}", s.questions)
}

/// A last-writer-wins register: the value with the greater stamp, or on
/// equal stamps the greater value.
fn lww<T: Ord + Clone>(a: (&T, &Stamp), b: (&T, &Stamp)) -> (T, Stamp) {
    let (mut value, mut stamp) = (a.0.clone(), a.1.clone());
    join_register(&mut value, &mut stamp, b.0, b.1);
    (value, stamp)
}

/// Joins `b` into `out`, another copy of the same insight, and says what
/// it met in the stamped fields.
pub(crate) fn join_insight(out: &mut Insight, b: &Insight) -> Met {
    // What never changes after creation should agree; if a hand edit made
    // it differ, the smaller pair is kept, whichever copy it came from.
    if (b.created, &b.author) < (out.created, &out.author) {
        out.created = b.created;
        out.author = b.author.clone();
    }
    let agreed = out.join_fields(b);
    if !b.comments.is_empty() {
        out.comments.extend(b.comments.iter().cloned());
    }
    union_owned(&mut out.comments, |c| c.id, join_comment);
    // Votes are counted per laptop: per device the later entry wins, and
    // the total adds the devices up (see `model::vote`).
    crate::model::vote::join(&mut out.votes, &b.votes);
    agreed
}

pub(crate) fn join_participant(out: &mut Participant, b: &Participant) -> Met {
    out.join_fields(b)
}

pub(crate) fn join_theme(out: &mut Theme, b: &Theme) -> Met {
    let agreed = out.join_fields(b);
    for (insight, member) in &b.members {
        match out.members.get_mut(insight) {
            Some(mine) => {
                let (included, modified) = lww(
                    (&mine.included, &mine.modified),
                    (&member.included, &member.modified),
                );
                *mine = Member { included, modified };
            }
            None => {
                out.members.insert(*insight, member.clone());
            }
        }
    }
    agreed
}

pub(crate) fn join_comment(out: &mut Comment, b: &Comment) {
    *out = merge_comment(out, b);
}

/// Comments are written once; two different ones under one id (a hand
/// edit) keep the greater origin (time, then author). The text is a
/// register of its own: the greater `text_modified` wins, a stamped change
/// beating a text never changed; where neither is stamped, the text of the
/// greater (time, author, text) is kept, as before texts had stamps.
/// Whether it is withdrawn is a register too, the later setting winning.
/// Each part is a lexicographic maximum, so the whole is a join.
pub(crate) fn merge_comment(a: &Comment, b: &Comment) -> Comment {
    let origin = |c: &Comment| (c.at, c.author.clone());
    let mut out = if origin(a) >= origin(b) {
        a.clone()
    } else {
        b.clone()
    };
    let text = |c: &Comment| {
        (
            c.text_modified.clone(),
            c.at,
            c.author.clone(),
            c.text.clone(),
        )
    };
    let (text_modified, _, _, text) = std::cmp::max(text(a), text(b));
    (out.text_modified, out.text) = (text_modified, text);
    let withdrawal = |c: &Comment| (c.deleted_modified.clone(), c.deleted);
    let later = std::cmp::max(withdrawal(a), withdrawal(b));
    (out.deleted_modified, out.deleted) = later;
    out
}
#[cfg(test)]
mod tests;
