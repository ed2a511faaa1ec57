//! Test-only: reads QDA-XML back and checks, element by element, what the
//! schema and the standard demand, so the tests do not depend on `xmllint`
//! alone (and say what is wrong in words, not in schema paths).
//!
//! It checks what our documents use: each element's namespace, that children
//! come in the schema's sequence order and repeat only where it allows,
//! required attributes, no empty containers, every GUID well formed and
//! unique, and every reference (code, selection, variable, note, user)
//! pointing at something the document defines. One GUID may be two
//! elements': a case and its case code (NVivo's convention, the only way
//! QualCoder links text to a case; see `cases.rs`). The schema itself has no
//! uniqueness constraint.

use quick_xml::NsReader;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use std::collections::{BTreeMap, BTreeSet};

/// An element as read back: namespace, local name, attributes, children.
#[derive(Clone, Debug, Default)]
pub struct Node {
    pub ns: String,
    pub name: String,
    pub attrs: BTreeMap<String, String>,
    pub children: Vec<Node>,
    pub text: String,
}

impl Node {
    pub fn attr(&self, key: &str) -> &str {
        self.attrs.get(key).map_or("", String::as_str)
    }

    /// This node and everything under it, depth first.
    pub fn all(&self) -> Vec<&Node> {
        let mut out = vec![self];
        for child in &self.children {
            out.extend(child.all());
        }
        out
    }

    pub fn named<'a>(&'a self, name: &str) -> impl Iterator<Item = &'a Node> + use<'a> {
        let name = name.to_owned();
        self.all().into_iter().filter(move |n| n.name == name)
    }
}

/// Parses a document into its root element; panics on malformed XML.
pub fn parse(xml: &str) -> Node {
    let mut reader = NsReader::from_str(xml);
    let mut stack = vec![Node::default()];
    loop {
        let (ns, event) = reader.read_resolved_event().expect("well-formed XML");
        let ns = match ns {
            ResolveResult::Bound(ns) => ns.0.to_owned(),
            _ => String::new(),
        };
        let open = |e: &quick_xml::events::BytesStart<'_>| {
            let attrs = e.attributes().map(|a| {
                let a = a.expect("well-formed attribute");
                let key = a.key.as_ref().to_owned();
                let value = a.normalized_value(quick_xml::XmlVersion::Implicit1_0);
                (key, value.expect("valid escapes").into_owned())
            });
            let name = e.local_name().as_ref().to_owned();
            let attrs = attrs.collect();
            Node {
                ns: ns.clone(),
                name,
                attrs,
                ..Node::default()
            }
        };
        match event {
            Event::Start(e) => stack.push(open(&e)),
            Event::Empty(e) => stack.last_mut().expect("open").children.push(open(&e)),
            Event::End(_) => {
                let node = stack.pop().expect("open");
                stack.last_mut().expect("parent").children.push(node);
            }
            Event::Text(t) => stack.last_mut().expect("open").text += &t.xml10_content(),
            Event::GeneralRef(r) => {
                let c = match r.as_ref() {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    _ => r.resolve_char_ref().expect("valid character reference"),
                };
                stack.last_mut().expect("open").text.extend(c);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let mut document = stack.pop().expect("document");
    assert!(
        stack.is_empty() && document.children.len() == 1,
        "one root element"
    );
    document.children.pop().expect("root")
}

/// Each element's allowed children, in schema order (Project.xsd, Codebook.xsd).
const SEQUENCES: &[(&str, &[&str])] = &[
    (
        "Project",
        &[
            "Users",
            "CodeBook",
            "Variables",
            "Cases",
            "Sources",
            "Notes",
            "Links",
            "Sets",
            "Graphs",
            "Description",
            "NoteRef",
        ],
    ),
    ("CodeBook", &["Codes", "Sets"]),
    ("Users", &["User"]),
    ("Codes", &["Code"]),
    ("Code", &["Description", "NoteRef", "Code"]),
    ("Variables", &["Variable"]),
    ("Variable", &["Description"]),
    ("Cases", &["Case"]),
    (
        "Case",
        &[
            "Description",
            "CodeRef",
            "VariableValue",
            "SourceRef",
            "SelectionRef",
        ],
    ),
    ("VariableValue", &["VariableRef", "TextValue", "DateValue"]),
    ("Sources", &["TextSource"]),
    ("Notes", &["Note"]),
    (
        "TextSource",
        &[
            "Description",
            "PlainTextContent",
            "PlainTextSelection",
            "Coding",
            "NoteRef",
            "VariableValue",
        ],
    ),
    (
        "Note",
        &[
            "Description",
            "PlainTextContent",
            "PlainTextSelection",
            "Coding",
            "NoteRef",
            "VariableValue",
        ],
    ),
    ("PlainTextSelection", &["Description", "Coding", "NoteRef"]),
    ("Coding", &["CodeRef", "NoteRef"]),
];

/// Elements that may follow themselves.
const REPEATABLE: &[&str] = &[
    "User",
    "Code",
    "Variable",
    "Case",
    "TextSource",
    "Note",
    "PlainTextSelection",
    "Coding",
    "NoteRef",
    "CodeRef",
    "VariableValue",
    "SourceRef",
    "SelectionRef",
    "Set",
];

/// Containers the schema requires at least one child in.
const NON_EMPTY: &[&str] = &[
    "Users",
    "Codes",
    "Variables",
    "Cases",
    "Sources",
    "Notes",
    "Sets",
    "Links",
    "Graphs",
    "Coding",
    "VariableValue",
];

const REQUIRED: &[(&str, &[&str])] = &[
    ("Project", &["name"]),
    ("Code", &["guid", "name", "isCodable"]),
    ("User", &["guid"]),
    ("Variable", &["guid", "name", "typeOfVariable"]),
    ("Case", &["guid"]),
    ("TextSource", &["guid"]),
    ("Note", &["guid"]),
    (
        "PlainTextSelection",
        &["guid", "startPosition", "endPosition"],
    ),
    ("Coding", &["guid"]),
    ("CodeRef", &["targetGUID"]),
    ("NoteRef", &["targetGUID"]),
    ("SelectionRef", &["targetGUID"]),
    ("VariableRef", &["targetGUID"]),
];

const GUID_ATTRIBUTES: &[&str] = &[
    "guid",
    "targetGUID",
    "creatingUser",
    "modifyingUser",
    "creatingUserGUID",
    "modifyingUserGUID",
];

/// Whether `s` matches the schema's GUIDType pattern.
pub fn is_guid(s: &str) -> bool {
    let inner = s
        .strip_prefix('{')
        .and_then(|s| s.strip_suffix('}'))
        .unwrap_or(s);
    let groups: Vec<&str> = inner.split('-').collect();
    groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups
            .iter()
            .all(|g| g.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Every problem found in a document whose root should be `root` in `ns`.
pub fn problems(xml: &str, root: &str, ns: &str) -> Vec<String> {
    let doc = parse(xml);
    let mut out = Vec::new();
    if doc.name != root {
        out.push(format!("root is <{}>, not <{root}>", doc.name));
    }
    let mut guids = BTreeSet::new();
    let codes: BTreeSet<String> = doc
        .named("Code")
        .map(|c| c.attr("guid").to_lowercase())
        .collect();
    let mut cases = BTreeSet::new();
    for node in doc.all() {
        let name = node.name.as_str();
        if node.ns != ns {
            out.push(format!("<{name}> is in namespace {:?}, not {ns}", node.ns));
        }
        if let Some((_, order)) = SEQUENCES.iter().find(|(n, _)| *n == name) {
            let mut last: Option<(usize, &str)> = None;
            for child in &node.children {
                let Some(i) = order.iter().position(|c| *c == child.name) else {
                    out.push(format!("<{}> is not allowed in <{name}>", child.name));
                    continue;
                };
                if let Some((j, previous)) = last
                    && (i < j || (i == j && !REPEATABLE.contains(&previous)))
                {
                    out.push(format!("<{}> after <{previous}> in <{name}>", child.name));
                }
                last = Some((i, &child.name));
            }
        }
        if NON_EMPTY.contains(&name) && node.children.is_empty() {
            out.push(format!("<{name}> is empty"));
        }
        let required = REQUIRED.iter().find(|(n, _)| *n == name);
        for key in required.map_or(&[][..], |(_, keys)| keys) {
            if !node.attrs.contains_key(*key) {
                out.push(format!("<{name}> has no {key}"));
            }
        }
        for (key, value) in &node.attrs {
            if GUID_ATTRIBUTES.contains(&key.as_str()) && !is_guid(value) {
                out.push(format!("<{name} {key}={value:?}> is not a GUID"));
            }
        }
        if let Some(guid) = node.attrs.get("guid").map(|g| g.to_lowercase()) {
            let case_code = name == "Case" && codes.contains(&guid);
            let fresh = if case_code {
                cases.insert(guid.clone())
            } else {
                guids.insert(guid.clone())
            };
            if !fresh {
                out.push(format!("<{name}> reuses GUID {guid}"));
            }
        }
        if name == "PlainTextSelection" {
            let position = |k| node.attr(k).parse::<usize>().ok();
            match (position("startPosition"), position("endPosition")) {
                (Some(start), Some(end)) if start <= end => {}
                _ => out.push(format!("<{name}> has bad positions {:?}", node.attrs)),
            }
        }
        if name == "TextSource"
            && node.attrs.contains_key("plainTextPath")
                == node.children.iter().any(|c| c.name == "PlainTextContent")
        {
            out.push("a TextSource needs plainTextPath or PlainTextContent, not both".into());
        }
    }
    out.extend(dangling(&doc));
    out
}

/// References to GUIDs the document does not define.
fn dangling(doc: &Node) -> Vec<String> {
    let defined =
        |element: &str| -> BTreeSet<&str> { doc.named(element).map(|n| n.attr("guid")).collect() };
    let targets = [
        ("CodeRef", "targetGUID", defined("Code")),
        ("SelectionRef", "targetGUID", defined("PlainTextSelection")),
        ("VariableRef", "targetGUID", defined("Variable")),
        ("NoteRef", "targetGUID", defined("Note")),
        ("PlainTextSelection", "creatingUser", defined("User")),
        ("Coding", "creatingUser", defined("User")),
        ("Note", "creatingUser", defined("User")),
    ];
    let mut out = Vec::new();
    for (element, key, defined) in targets {
        for node in doc.named(element) {
            if let Some(target) = node.attrs.get(key)
                && !defined.contains(target.as_str())
            {
                out.push(format!("<{element} {key}={target}> points at nothing"));
            }
        }
    }
    out
}
