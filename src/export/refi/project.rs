//! `project.qde`: the QDA-XML project document, written in the order
//! Project.xsd's sequence demands (Users, CodeBook, Variables, Cases,
//! Sources, Notes, Description), each container only when it has something
//! in it, since the schema wants at least one child in each.
//!
//! Users are the devices and note-takers that captured insights or wrote
//! comments. Variables are text-typed except the workshop date (a `Date`).
//! A source's variables and a case's have different names: QualCoder makes a
//! variable either a case's or a file's, and one used by both (a "Nation" of
//! each) would lose its values on the sources. Cases are in `cases.rs`.
//!
//! A comment is written twice over: as a `Note` its selection refers to (the
//! standard's way, which NVivo, ATLAS.ti and MAXQDA read), and in the
//! selection's `Description`, which QualCoder reads as the memo of each of
//! its codings (it reads no note that lacks a file of its own). An
//! insight's dot votes lead that memo (`Votes: 3`), so they show there too.
use super::cases::Cases;
use super::codes::Codes;
use super::guid::{self, Guids};
use super::xml::Xml;
use super::{PROJECT_NAMESPACE, Source, origin};
use crate::export::Prepared;
use crate::model::{Insight, Session};
use jiff::Timestamp;
use std::collections::BTreeMap;

/// Variables: (name, type) in the order they are declared.
/// The first four are cases', the rest sources'.
const VARIABLES: [(&str, &str); 7] = [
    ("Sector", "Text"),
    ("Organisation", "Text"),
    ("Nation", "Text"),
    ("Workshop", "Text"),
    ("Workshop nation", "Text"),
    ("Locality", "Text"),
    ("Workshop date", "Date"),
];

/// The newest edit in the exported sessions: the project's date.
pub fn newest(prepared: &Prepared) -> Option<Timestamp> {
    let sessions = prepared.sessions.iter();
    let comments = sessions
        .clone()
        .flat_map(|s| &s.insights)
        .flat_map(|i| &i.comments)
        .map(|c| c.at);
    sessions
        .map(|s| s.newest_stamp().time())
        .chain(comments)
        .max()
        .filter(|t| *t > Timestamp::UNIX_EPOCH)
}

/// The `project.qde` text: `codes` and `sources` from the plan, the rest
/// (users, variables, cases, codings, notes) given GUIDs as it is written.
pub fn write(
    prepared: &Prepared,
    codes: &Codes,
    sources: &[Source<'_>],
    guids: &mut Guids,
) -> String {
    let users = users(prepared, sources, guids);
    let cases = Cases::new(prepared, sources, codes, guids);
    let variables: BTreeMap<&str, String> = VARIABLES
        .iter()
        .map(|(name, _)| (*name, guids.claim(guid::named("variable", name))))
        .collect();
    let mut xml = Xml::new();
    let (name, origin) = (project_name(prepared), origin());
    let created = newest(prepared).map(|t| t.to_string());
    let mut attrs = vec![
        ("xmlns", PROJECT_NAMESPACE),
        ("name", name.as_str()),
        ("origin", origin.as_str()),
    ];
    attrs.extend(created.as_deref().map(|t| ("creationDateTime", t)));
    xml.open("Project", &attrs);
    if !users.is_empty() {
        xml.open("Users", &[]);
        for (name, guid) in &users {
            xml.empty("User", &[("guid", guid), ("name", name)]);
        }
        xml.close("Users");
    }
    xml.open("CodeBook", &[]);
    codes.write(&mut xml, cases.category().as_ref());
    xml.close("CodeBook");
    if !sources.is_empty() {
        xml.open("Variables", &[]);
        for (name, kind) in VARIABLES {
            let guid = variables[name].as_str();
            let attrs = [("guid", guid), ("name", name), ("typeOfVariable", kind)];
            xml.empty("Variable", &attrs);
        }
        xml.close("Variables");
    }
    cases.write(&mut xml, &variables);
    let mut notes = Vec::new();
    if !sources.is_empty() {
        xml.open("Sources", &[]);
        for source in sources {
            let context = Context {
                codes,
                cases: &cases,
                variables: &variables,
                users: &users,
            };
            write_source(&mut xml, source, &context, &mut notes, guids);
        }
        xml.close("Sources");
    }
    if !notes.is_empty() {
        xml.open("Notes", &[]);
        for note in &notes {
            let mut attrs = vec![("guid", note.guid.as_str()), ("name", note.name.as_str())];
            attrs.extend(note.user.map(|u| ("creatingUser", u)));
            attrs.push(("creationDateTime", &note.at));
            xml.open("Note", &attrs);
            xml.text("PlainTextContent", note.text);
            xml.close("Note");
        }
        xml.close("Notes");
    }
    xml.text("Description", &description(prepared));
    xml.close("Project");
    xml.finish()
}

/// Who made sessions, captured insights or wrote comments, each with a GUID.
fn users(
    prepared: &Prepared,
    sources: &[Source<'_>],
    guids: &mut Guids,
) -> BTreeMap<String, String> {
    let insights = prepared.sessions.iter().flat_map(|s| &s.insights);
    let comments = insights
        .clone()
        .flat_map(|i| &i.comments)
        .map(|c| &c.author);
    let names: std::collections::BTreeSet<&String> = insights
        .map(|i| &i.author)
        .chain(comments)
        .chain(sources.iter().map(|s| &s.creator))
        .filter(|a| !a.is_empty())
        .collect();
    names
        .into_iter()
        .map(|name| (name.clone(), guids.claim(guid::named("user", name))))
        .collect()
}

fn project_name(prepared: &Prepared) -> String {
    match prepared.sessions.as_slice() {
        [one] => one.title.clone(),
        [] => "Shifting the Balance".to_owned(),
        many => format!(
            "Shifting the Balance: {}",
            crate::words::count(many.len(), "workshop")
        ),
    }
}

fn description(prepared: &Prepared) -> String {
    let titles: Vec<String> = prepared
        .sessions
        .iter()
        .map(|s| format!("{} ({}, {})", s.title, s.place, s.date))
        .collect();
    format!(
        "Shifting the Balance workshops exported by {}: {}. Each session is a plain-text \
         transcript; each insight a selection coded with its question, practice type, kind, \
         tags and themes. Positions count Unicode characters from 0.",
        origin(),
        titles.join("; ")
    )
}

/// `<VariableValue>` of `variable`: `value` in an `element` (`TextValue`…).
pub fn variable_value(xml: &mut Xml, variable: &str, element: &str, value: &str) {
    xml.open("VariableValue", &[]);
    xml.empty("VariableRef", &[("targetGUID", variable)]);
    xml.text(element, value);
    xml.close("VariableValue");
}

/// A comment on a selection, written later under `<Notes>`.
struct Note<'a> {
    guid: String,
    name: String,
    user: Option<&'a str>,
    at: String,
    text: &'a str,
}

/// What every source is written with.
struct Context<'c, 'a> {
    codes: &'c Codes,
    cases: &'c Cases<'a>,
    variables: &'c BTreeMap<&'static str, String>,
    users: &'a BTreeMap<String, String>,
}

fn write_source<'a>(
    xml: &mut Xml,
    source: &Source<'a>,
    context: &Context<'_, 'a>,
    notes: &mut Vec<Note<'a>>,
    guids: &mut Guids,
) {
    let (users, variables) = (context.users, context.variables);
    let session: &'a Session = source.session;
    let path = format!("internal://{}.txt", source.guid);
    let created = source.created.to_string();
    let attrs = [
        ("guid", source.guid.as_str()),
        ("name", source.name.as_str()),
        ("plainTextPath", path.as_str()),
        ("creatingUser", users[&source.creator].as_str()),
        ("creationDateTime", created.as_str()),
    ];
    xml.open("TextSource", &attrs);
    let facilitator = match session.facilitator.as_str() {
        "" => String::new(),
        f => format!(", facilitated by {f}"),
    };
    xml.text(
        "Description",
        &format!(
            "{}\n{}, {}{facilitator}",
            session.title, session.place, session.date
        ),
    );
    for (span, selection) in source.transcript.spans.iter().zip(&source.selections) {
        let insight = &session.insights[span.insight];
        let user = users.get(&insight.author).map(String::as_str);
        let (start, end, at) = (
            span.start.to_string(),
            span.end.to_string(),
            insight.created.to_string(),
        );
        let mut attrs = vec![
            ("guid", selection.as_str()),
            ("startPosition", start.as_str()),
            ("endPosition", end.as_str()),
        ];
        attrs.extend(user.map(|u| ("creatingUser", u)));
        attrs.push(("creationDateTime", &at));
        let mut codings = context.codes.of_insight(session, insight);
        codings.extend(context.cases.code_of(selection).map(str::to_owned));
        let memo = memo(insight);
        if codings.is_empty() && memo.is_empty() {
            xml.empty("PlainTextSelection", &attrs);
            continue;
        }
        xml.open("PlainTextSelection", &attrs);
        if !memo.is_empty() {
            xml.text("Description", &memo);
        }
        for code in &codings {
            let coding = guids.claim(guid::derived(
                "coding",
                &[selection.as_bytes(), code.as_bytes()],
            ));
            let mut attrs = vec![("guid", coding.as_str())];
            attrs.extend(user.map(|u| ("creatingUser", u)));
            attrs.push(("creationDateTime", &at));
            xml.open("Coding", &attrs);
            xml.empty("CodeRef", &[("targetGUID", code)]);
            xml.close("Coding");
        }
        for comment in &insight.comments {
            let guid = guids.claim(guid::of_ulid(comment.id));
            xml.empty("NoteRef", &[("targetGUID", &guid)]);
            notes.push(Note {
                guid,
                name: match comment.author.as_str() {
                    "" => "Comment".to_owned(),
                    author => format!("Comment by {author}"),
                },
                user: users.get(&comment.author).map(String::as_str),
                at: comment.at.to_string(),
                text: &comment.text,
            });
        }
        xml.close("PlainTextSelection");
    }
    let place = &session.place;
    variable_value(
        xml,
        &variables["Workshop nation"],
        "TextValue",
        place.nation.label(),
    );
    variable_value(xml, &variables["Locality"], "TextValue", &place.locality);
    variable_value(
        xml,
        &variables["Workshop date"],
        "DateValue",
        &session.date.to_string(),
    );
    xml.close("TextSource");
}

/// An insight's dot votes (`Votes: 3`, when any), an action's owner and
/// due date, whether it was parked, and its comments as one memo: each
/// comment with who wrote it and when, a blank line between. Empty when
/// there is none of these.
fn memo(insight: &Insight) -> String {
    let votes = match insight.total_votes() {
        0 => None,
        n => Some(format!("Votes: {n}")),
    };
    let mut action = Vec::new();
    if !insight.owner.is_empty() {
        action.push(format!("owner {}", insight.owner));
    }
    if let Some(due) = insight.due {
        action.push(format!("due {due}"));
    }
    let action = (!action.is_empty()).then(|| format!("Action: {}.", action.join(", ")));
    let parked = insight
        .parked
        .then(|| "In the parking lot: set aside in the workshop for another time.".to_owned());
    let each = insight.comments.iter().map(|c| match c.author.as_str() {
        "" => format!("{}: {}", c.at, c.text),
        author => format!("{author}, {}: {}", c.at, c.text),
    });
    votes
        .into_iter()
        .chain(action)
        .chain(parked)
        .chain(each)
        .collect::<Vec<_>>()
        .join("\n\n")
}
