//! The code system: how stb's classifications become QDA codes.
//!
//! Everything an insight is classified by becomes a code, grouped under one
//! parent per kind of classification so the tree reads like the research
//! frame: "Questions" (one code per question, e.g. "Q1 Good practices"),
//! "Practice types", "Kinds", "Tags" (the free tags used) and "Themes" (the
//! note-takers' groupings), plus "Starred" for what was read back to the
//! room. The vocabulary codes are always all there, used or not, so codebooks
//! from different exports line up; tags and themes appear only when used.
//!
//! The same question in several sessions (same number and title) is one code,
//! and so is a tag; a theme belongs to its session, so a theme name used in
//! two sessions is told apart by place and date.
//!
//! The five folders are categories (`isCodable="false"`): nothing is coded
//! at "Tags" itself, and QualCoder makes a non-codable code a category and a
//! codable one a code. Every name in the tree is unique, ignoring case,
//! because QualCoder refuses a second code of the same name and drops its
//! codings with it: a tag and a theme both called "food" become "food (tag)"
//! and "food (theme)" (see [`unique_names`]).

use super::guid::{self, Guids};
use super::names::{self, Namer};
use super::transcript::{question_heading, question_numbers};
use super::xml::Xml;
use crate::export::Prepared;
use crate::model::{Insight, Kind, PracticeType, Session};
use std::collections::BTreeMap;
use ulid::Ulid;

/// One code and the codes under it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Code {
    pub guid: String,
    pub name: String,
    pub description: Option<String>,
    /// False for a folder that only groups codes (a category).
    pub codable: bool,
    pub children: Vec<Code>,
}

/// The code tree, and which code each classification maps to.
#[derive(Debug)]
pub struct Codes {
    pub roots: Vec<Code>,
    questions: BTreeMap<(usize, String), String>,
    practices: BTreeMap<PracticeType, String>,
    kinds: BTreeMap<Kind, String>,
    tags: BTreeMap<String, String>,
    themes: BTreeMap<Ulid, String>,
    starred: String,
}

impl Codes {
    /// The codes for these sessions, claiming their GUIDs first so the
    /// project and the standalone codebook agree on them.
    pub fn new(prepared: &Prepared, guids: &mut Guids) -> Codes {
        let mut group = |name: &str| Code {
            guid: guids.claim(guid::named("group", name)),
            name: name.to_owned(),
            description: None,
            codable: false,
            children: Vec::new(),
        };
        let (mut questions_code, mut practices_code, mut kinds_code) =
            (group("Questions"), group("Practice types"), group("Kinds"));
        let (mut tags_code, mut themes_code) = (group("Tags"), group("Themes"));
        let mut starred_code = group("Starred");
        starred_code.description = Some("Starred in the workshop: read back to the room.".into());
        starred_code.codable = true;
        let mut codes = Codes {
            roots: Vec::new(),
            questions: BTreeMap::new(),
            practices: BTreeMap::new(),
            kinds: BTreeMap::new(),
            tags: BTreeMap::new(),
            themes: BTreeMap::new(),
            starred: starred_code.guid.clone(),
        };
        let mut leaf = |parent: &mut Code, namespace: &str, key: &str, name: &str| {
            let guid = guids.claim(guid::named(namespace, key));
            parent.children.push(Code {
                guid: guid.clone(),
                name: name.to_owned(),
                description: None,
                codable: true,
                children: Vec::new(),
            });
            guid
        };
        for session in &prepared.sessions {
            for number in question_numbers(session) {
                let def = number.checked_sub(1).and_then(|n| session.questions.get(n));
                let heading = question_heading(number, def);
                if codes.questions.contains_key(&(number, heading.clone())) {
                    continue;
                }
                let guid = leaf(&mut questions_code, "question", &heading, &heading);
                if let (Some(def), Some(code)) = (def, questions_code.children.last_mut()) {
                    code.description = Some(def.text.clone());
                }
                codes.questions.insert((number, heading), guid);
            }
        }
        for &p in PracticeType::ALL {
            let guid = leaf(&mut practices_code, "practice", p.tag(), p.label());
            codes.practices.insert(p, guid);
        }
        for &k in Kind::ALL {
            let guid = leaf(&mut kinds_code, "kind", k.tag(), k.label());
            codes.kinds.insert(k, guid);
        }
        let insights = prepared.sessions.iter().flat_map(|s| &s.insights);
        for tag in insights.flat_map(|i| &i.tags) {
            if !codes.tags.contains_key(tag) {
                let guid = leaf(&mut tags_code, "tag", tag, tag);
                codes.tags.insert(tag.clone(), guid);
            }
        }
        let names = theme_names(prepared);
        for session in &prepared.sessions {
            for theme in &session.themes {
                if codes.themes.contains_key(&theme.id) {
                    continue; // the same theme in a copy of the session
                }
                let guid = guids.claim(guid::of_ulid(theme.id));
                themes_code.children.push(Code {
                    guid: guid.clone(),
                    name: names[&theme.id].clone(),
                    description: None,
                    codable: true,
                    children: Vec::new(),
                });
                codes.themes.insert(theme.id, guid);
            }
        }
        codes.roots = [questions_code, practices_code, kinds_code]
            .into_iter()
            .chain(
                [tags_code, themes_code]
                    .into_iter()
                    .filter(|c| !c.children.is_empty()),
            )
            .chain(std::iter::once(starred_code))
            .collect();
        unique_names(&mut codes.roots);
        codes
    }

    /// Every name in the tree, to keep names added later (case codes)
    /// apart from them.
    pub fn namer(&self) -> Namer {
        let mut namer = Namer::default();
        let mut stack: Vec<&Code> = self.roots.iter().collect();
        while let Some(code) = stack.pop() {
            namer.claim(&code.name);
            stack.extend(&code.children);
        }
        namer
    }

    /// The GUIDs of the codes an insight is coded with, in codebook order.
    pub fn of_insight(&self, session: &Session, insight: &Insight) -> Vec<String> {
        let number = insight.question;
        let def = number.checked_sub(1).and_then(|n| session.questions.get(n));
        let mut out = Vec::new();
        out.extend(self.questions.get(&(number, question_heading(number, def))));
        out.extend(insight.practice.and_then(|p| self.practices.get(&p)));
        out.extend(self.kinds.get(&insight.kind));
        out.extend(insight.tags.iter().filter_map(|t| self.tags.get(t)));
        let themes = session.themes.iter().filter(|t| t.contains(insight.id));
        out.extend(themes.filter_map(|t| self.themes.get(&t.id)));
        if insight.starred {
            out.push(&self.starred);
        }
        out.into_iter().cloned().collect()
    }

    /// `<Codes>` with the whole tree, and `extra` (the project's case codes)
    /// after it.
    pub fn write(&self, xml: &mut Xml, extra: Option<&Code>) {
        xml.open("Codes", &[]);
        for code in self.roots.iter().chain(extra) {
            write_code(xml, code);
        }
        xml.close("Codes");
    }
}

fn write_code(xml: &mut Xml, code: &Code) {
    let attrs = [
        ("guid", code.guid.as_str()),
        ("name", code.name.as_str()),
        ("isCodable", if code.codable { "true" } else { "false" }),
    ];
    if code.description.is_none() && code.children.is_empty() {
        xml.empty("Code", &attrs);
        return;
    }
    xml.open("Code", &attrs);
    if let Some(description) = &code.description {
        xml.text("Description", description);
    }
    for child in &code.children {
        write_code(xml, child);
    }
    xml.close("Code");
}

/// Each theme's code name: its own name, with the session's place and date
/// when another exported session has a theme of the same name.
fn theme_names(prepared: &Prepared) -> BTreeMap<Ulid, String> {
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    let mut seen = std::collections::BTreeSet::new();
    for session in &prepared.sessions {
        for theme in session.themes.iter().filter(|t| seen.insert(t.id)) {
            *count.entry(theme.name.to_lowercase()).or_default() += 1;
        }
    }
    let mut names = BTreeMap::new();
    for session in &prepared.sessions {
        for theme in &session.themes {
            let name = if count[&theme.name.to_lowercase()] > 1 {
                let place = &session.place.locality;
                format!("{} ({place}, {})", theme.name, session.date)
            } else {
                theme.name.clone()
            };
            names.entry(theme.id).or_insert(name);
        }
    }
    names
}

/// What a code in each folder is, for telling same-named codes apart.
fn kind_of_folder(folder: &str) -> &str {
    match folder {
        "Questions" => "question",
        "Practice types" => "practice type",
        "Kinds" => "kind",
        "Tags" => "tag",
        "Themes" => "theme",
        other => other,
    }
}

/// Makes every name in the tree unique, ignoring case: the folders and
/// "Starred" keep theirs; a code whose name another code or folder also has
/// gets its folder's kind, "food (tag)"; anything still the same after that
/// (a tag typed as "food (theme)") gets a number.
fn unique_names(roots: &mut [Code]) {
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    let key = names::key;
    for root in roots.iter() {
        *count.entry(key(&root.name)).or_default() += 1;
        for child in &root.children {
            *count.entry(key(&child.name)).or_default() += 1;
        }
    }
    let mut namer = Namer::default();
    for root in roots.iter() {
        namer.claim(&root.name);
    }
    for root in roots.iter_mut() {
        let kind = kind_of_folder(&root.name).to_owned();
        for child in &mut root.children {
            if count[&key(&child.name)] > 1 {
                child.name = format!("{} ({kind})", child.name);
            }
            child.name = namer.claim(&child.name);
        }
    }
}
