//! What a merge did, for the person who ran it: what each input brought,
//! and every field two copies edited differently, with both values and
//! which one was kept.

use super::Agreement;
use crate::model::by_id::ById;
use crate::model::{Session, Stamp, Stamped};
use std::collections::{BTreeSet, HashMap};
use ulid::Ulid;

pub(super) use summaries::summaries;

mod display;
mod new_insights;
mod summaries;
mod votes;

/// What one input file brought to a merge.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputSummary {
    /// How the input is named in the report (its path).
    pub name: String,
    pub sessions: usize,
    /// Live insights in the input.
    pub insights: usize,
    /// Live insights that no other input had. A tombstone is not new even
    /// when only this input has it: it brings nothing to read.
    pub new_insights: usize,
    pub participants: usize,
    pub themes: usize,
}

/// One field that copies edited differently, and how it was settled.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    /// The session's title and place.
    pub session: String,
    /// The record: `insight 01K… "Food hub…"`, `participant …`, `session details`.
    pub record: String,
    pub field: &'static str,
    /// The value kept, and its stamp.
    pub kept: (String, Stamp),
    /// The other values, and their stamps.
    pub lost: Vec<(String, Stamp)>,
}

/// A merge's report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    pub inputs: Vec<InputSummary>,
    pub conflicts: Vec<Conflict>,
    /// What the merged file holds.
    pub sessions: usize,
    pub insights: usize,
    pub participants: usize,
    pub themes: usize,
    /// Conflicts the merged file keeps open (ties no stamp settles), for a
    /// person to choose; see `model::conflict`.
    pub open: usize,
}

/// One field's value in each input that has the record: (value, stamp).
type Versions = Vec<(String, Stamp)>;

/// Describes merging `inputs` (named by `names`) into `merged`. `base` is
/// the copies' common ancestor, when known (git's merge driver has it): it
/// makes the conflicts exact.
pub fn report(
    names: &[String],
    inputs: &[Vec<Session>],
    merged: &[Session],
    base: &[Session],
) -> Report {
    report_agreed(names, inputs, (merged, &[]), base)
}

/// [`report`], told by [`merge_agreed`](super::merge_agreed) which
/// records every copy held alike, so it passes over them unread. The same
/// report: a record is flagged only if its copies agreed in stamp and value
/// both, and the report skips every record whose copies agree in value.
pub fn report_agreed(
    names: &[String],
    inputs: &[Vec<Session>],
    (merged, agreed): (&[Session], &[Agreement]),
    base: &[Session],
) -> Report {
    report_summarised(summaries(names, inputs), inputs, (merged, agreed), base)
}

/// [`report_agreed`] with each input's summary counted already: `inputs`
/// need hold only the records the report reads: those no flag passes over,
/// and those whose own votes name a laptop twice.
pub(super) fn report_summarised(
    summaries: Vec<InputSummary>,
    inputs: &[Vec<Session>],
    (merged, agreed): (&[Session], &[Agreement]),
    base: &[Session],
) -> Report {
    // Each session's copies and ancestor, gathered once: looking them up
    // per merged session was a scan of every input for each.
    let mut copies_of: HashMap<Ulid, Vec<&Session>> = HashMap::new();
    for session in inputs.iter().flatten() {
        copies_of.entry(session.id).or_default().push(session);
    }
    let mut ancestors: HashMap<Ulid, &Session> = HashMap::new();
    for session in base {
        ancestors.entry(session.id).or_insert(session);
    }
    let mut conflicts = Vec::new();
    let unknown = Agreement::default();
    for (n, session) in merged.iter().enumerate() {
        let copies = copies_of.get(&session.id).map_or(&[][..], Vec::as_slice);
        let ancestor = ancestors.get(&session.id).copied();
        let agreed = agreed.get(n).unwrap_or(&unknown);
        conflicts.extend(session_conflicts(session, copies, ancestor, agreed));
    }
    let live = summaries::Live::of(merged);
    Report {
        inputs: summaries,
        conflicts,
        sessions: merged.len(),
        insights: live.insights,
        participants: live.participants,
        themes: live.themes,
        open: merged.iter().map(|s| s.open_conflicts().count()).sum(),
    }
}

/// How many characters of a value the report prints.
const SHOWN: usize = 60;

/// A value as the report prints it: its debug form, cut for the line.
fn show(text: &str) -> String {
    if text.chars().count() > SHOWN {
        format!("{}…", text.chars().take(SHOWN - 1).collect::<String>())
    } else {
        text.to_owned()
    }
}

/// One field of one record: what each copy holds, what the merge kept,
/// and what the common ancestor held, when there is one.
struct FieldVersions {
    name: &'static str,
    copies: Versions,
    kept: (String, Stamp),
    base: Option<(String, Stamp)>,
}

/// One kind of record in each copy and in the ancestor, to look ids up in.
#[allow(clippy::type_complexity)]
fn lists<'a, R: Stamped>(
    copies: &[&'a Session],
    base: Option<&'a Session>,
    records: fn(&'a Session) -> &'a [R],
) -> (Vec<ById<'a, R>>, Option<ById<'a, R>>) {
    let in_copies = copies
        .iter()
        .map(|s| ById::new(records(s), R::id))
        .collect();
    (in_copies, base.map(|b| ById::new(records(b), R::id)))
}

/// Each stamped field's versions across copies of one record (the list
/// of fields comes from the record's declaration, so none is left out).
/// Values are compared in full (their debug form), never cut.
fn versions<R: Stamped>(
    merged: &R,
    copies: &[ById<'_, R>],
    base: Option<&ById<'_, R>>,
) -> Vec<FieldVersions> {
    let found: Vec<&R> = copies.iter().filter_map(|s| s.get(merged.id())).collect();
    // Copies that hold one value in every field have no conflict to show
    // (a conflict needs two values): most records of most merges. Writing
    // out every value of every copy of them was half a merge's time.
    if found.windows(2).all(|w| w[0].same_values(w[1])) {
        return Vec::new();
    }
    let values = |record: &R| -> Versions {
        let values = record.field_values().into_iter();
        values.map(|(_, v, stamp)| (v, stamp.clone())).collect()
    };
    let in_copies: Vec<Versions> = found.into_iter().map(values).collect();
    let in_base = base.and_then(|b| b.get(merged.id())).map(values);
    merged
        .field_values()
        .into_iter()
        .enumerate()
        .map(|(n, (name, value, stamp))| FieldVersions {
            name,
            copies: in_copies.iter().map(|v| v[n].clone()).collect(),
            kept: (value, stamp.clone()),
            base: in_base.as_ref().map(|v| v[n].clone()),
        })
        .collect()
}

/// Each session detail's versions across copies (the list of details
/// comes from the session's declaration). The details share one stamp.
fn details_versions(
    merged: &Session,
    copies: &[&Session],
    base: Option<&Session>,
) -> Vec<FieldVersions> {
    let values = |s: &Session| -> Versions {
        let details = s.details_values().into_iter();
        details.map(|(_, v)| (v, s.modified.clone())).collect()
    };
    let in_copies: Vec<Versions> = copies.iter().map(|s| values(s)).collect();
    let in_base = base.map(values);
    merged
        .details_values()
        .into_iter()
        .enumerate()
        .map(|(n, (name, value))| FieldVersions {
            name,
            copies: in_copies.iter().map(|v| v[n].clone()).collect(),
            kept: (value, merged.modified.clone()),
            base: in_base.as_ref().map(|v| v[n].clone()),
        })
        .collect()
}

/// Each question's versions, by position: its whole definition, stamped
/// with its own stamp or else the details'.
fn question_versions(
    merged: &Session,
    copies: &[&Session],
    base: Option<&Session>,
) -> Vec<FieldVersions> {
    let at = |s: &Session, n: usize| -> Option<(String, Stamp)> {
        let q = s.questions.get(n)?;
        let stamp = q.modified.clone().unwrap_or_else(|| s.modified.clone());
        let plain = crate::model::QuestionDef {
            modified: None,
            ..q.clone()
        };
        Some((format!("{plain:?}"), stamp))
    };
    (0..merged.questions.len())
        .filter_map(|n| {
            Some(FieldVersions {
                name: "question",
                copies: copies.iter().filter_map(|s| at(s, n)).collect(),
                kept: at(merged, n)?,
                base: base.and_then(|b| at(b, n)),
            })
        })
        .collect()
}

/// The conflicts of one session: fields that two copies both changed, to
/// different values, and fields holding different values under one stamp
/// (an unstamped hand edit with no base to tell which copy has it). With the common ancestor (git's merge driver has it),
/// "changed" means its stamp differs from the ancestor's. Without one, a
/// copy whose field still carries the record's earliest stamp (its
/// creation) did not change it; an edit made before the copies parted then
/// still counts as a change, so a conflict may be listed that was really
/// one laptop's edit over an older one.
fn session_conflicts(
    merged: &Session,
    copies: &[&Session],
    base: Option<&Session>,
    agreed: &Agreement,
) -> Vec<Conflict> {
    let label = format!("{} ({})", merged.title, merged.place);
    let mut out = Vec::new();
    let mut push = |record: String, fields: Vec<FieldVersions>| {
        // The record's creation: the latest stamp of its oldest moment. A
        // record made in the same millisecond as another has a counter, and
        // fields added to the format since read as its `(created, 0, author)`,
        // a hair older than its real creation.
        let stamps = || fields.iter().flat_map(|f| f.copies.iter().map(|(_, s)| s));
        let oldest = stamps().map(Stamp::time).min();
        let created = stamps().filter(|s| Some(s.time()) == oldest).max().cloned();
        for field in fields {
            let changed = |stamp: &Stamp| match &field.base {
                Some((_, base)) => stamp != base,
                None => Some(stamp) != created.as_ref(),
            };
            // Two values under one stamp: someone edited without stamping,
            // and nothing says which copy holds the edit.
            let tied = |stamp: &Stamp| {
                let values: BTreeSet<&String> = field
                    .copies
                    .iter()
                    .filter(|(_, s)| s == stamp)
                    .map(|(v, _)| v)
                    .collect();
                values.len() > 1
            };
            let edited: Vec<&(String, Stamp)> = field
                .copies
                .iter()
                .filter(|(_, s)| changed(s) || tied(s))
                .collect();
            let values: BTreeSet<&String> = edited.iter().map(|(v, _)| v).collect();
            if values.len() < 2 {
                continue;
            }
            let mut lost: Vec<(String, Stamp)> = edited
                .iter()
                .filter(|(v, _)| *v != field.kept.0)
                .map(|e| (*e).clone())
                .collect();
            lost.sort();
            lost.dedup();
            out.push(Conflict {
                session: label.clone(),
                record: record.clone(),
                field: field.name,
                kept: field.kept,
                lost,
            });
        }
    };
    push(
        "session details".to_owned(),
        details_versions(merged, copies, base),
    );
    for (n, fields) in question_versions(merged, copies, base)
        .into_iter()
        .enumerate()
    {
        push(format!("question {}", n + 1), vec![fields]);
    }
    // The flags are by position: from `merge_agreed`, for this session.
    let aligned = |flags: &[bool], records: usize| flags.is_empty() || flags.len() == records;
    debug_assert!(aligned(&agreed.insights, merged.insights.len()));
    debug_assert!(aligned(&agreed.participants, merged.participants.len()));
    debug_assert!(aligned(&agreed.themes, merged.themes.len()));
    // Whether every copy held the `n`th record of a list alike.
    let alike = |flags: &[bool], n: usize| flags.get(n) == Some(&true);
    let (in_copies, in_base) = lists(copies, base, |s| &s.insights);
    for (n, insight) in merged.insights.iter().enumerate() {
        if alike(&agreed.insights, n) {
            continue;
        }
        let fields = versions(insight, &in_copies, in_base.as_ref());
        if fields.is_empty() {
            continue;
        }
        push(
            format!(
                "insight {} {}",
                insight.id,
                show(&format!("{:?}", insight.text))
            ),
            fields,
        );
    }
    let (in_copies, in_base) = lists(copies, base, |s| &s.participants);
    for (n, p) in merged.participants.iter().enumerate() {
        if alike(&agreed.participants, n) {
            continue;
        }
        let fields = versions(p, &in_copies, in_base.as_ref());
        if fields.is_empty() {
            continue;
        }
        push(
            format!("participant {} {}", p.id, show(&format!("{:?}", p.name))),
            fields,
        );
    }
    let (in_copies, in_base) = lists(copies, base, |s| &s.themes);
    for (n, t) in merged.themes.iter().enumerate() {
        if alike(&agreed.themes, n) {
            continue;
        }
        let fields = versions(t, &in_copies, in_base.as_ref());
        if fields.is_empty() {
            continue;
        }
        push(
            format!("theme {} {}", t.id, show(&format!("{:?}", t.name))),
            fields,
        );
    }
    out.extend(votes::vote_ties(&label, merged, copies));
    out
}
