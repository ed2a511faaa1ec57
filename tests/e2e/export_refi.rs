//! `stb export --format qdpx|qdc` through the binary, on the three sample
//! workshops: the archive's layout, the project's namespace, every coded
//! selection landing exactly on its insight's text in the source, the
//! codebook's practice types, and both documents valid against the
//! REFI-QDA schemas when `xmllint` is installed; and, with a Welsh and Urdu
//! session added, the shape QualCoder's importer needs to bring it in whole.

use super::export::{assert_private, export, prepared, samples, unzip};
use super::merge::stb;
use quick_xml::NsReader;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use stb::model::PracticeType;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const SCHEMAS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/refi-qda");

/// An element as read: namespace, local name and attributes.
pub(super) struct Element {
    pub ns: String,
    pub name: String,
    pub attrs: BTreeMap<String, String>,
}

/// Every element of `xml`, in document order; panics on malformed XML.
pub(super) fn elements(xml: &str) -> Vec<Element> {
    let mut reader = NsReader::from_str(xml);
    let mut out = Vec::new();
    loop {
        let (ns, event) = reader.read_resolved_event().expect("well-formed XML");
        let ns = match ns {
            ResolveResult::Bound(ns) => ns.0.to_owned(),
            _ => String::new(),
        };
        let e = match event {
            Event::Start(e) | Event::Empty(e) => e,
            Event::Eof => return out,
            _ => continue,
        };
        let attrs = e.attributes().map(|a| {
            let a = a.expect("well-formed attribute");
            let value = a.normalized_value(quick_xml::XmlVersion::Implicit1_0);
            let value = value.expect("valid escapes").into_owned();
            (a.key.as_ref().to_owned(), value)
        });
        out.push(Element {
            ns,
            name: e.local_name().as_ref().to_owned(),
            attrs: attrs.collect(),
        });
    }
}

/// Validates `xml` against `schema` with `xmllint`, when it is installed.
fn validate(dir: &Path, xml: &str, schema: &str) {
    let Ok(which) = std::process::Command::new("xmllint")
        .arg("--version")
        .output()
    else {
        eprintln!("xmllint not installed: {schema} not checked");
        return;
    };
    assert!(which.status.success());
    let file = dir.join(format!("{schema}.xml"));
    std::fs::write(&file, xml).unwrap();
    let out = std::process::Command::new("xmllint")
        .args(["--noout", "--schema"])
        .arg(Path::new(SCHEMAS).join(schema))
        .arg(&file)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "not valid against {schema}:\n{err}");
}

#[test]
fn qdpx_holds_the_project_and_a_source_per_session_with_exact_selections() {
    let tmp = tempfile::tempdir().unwrap();
    let files = samples();
    let path = tmp.path().join("project.qdpx");
    let run = export(tmp.path(), &files, "qdpx", &["-o", "project.qdpx"]);
    assert!(run.out.is_empty(), "{}", run.out);
    assert_private(&path);
    let mut archive = unzip(&path);
    let project = archive.remove("project.qde").expect("project.qde");
    let prepared = prepared(&files, false);
    assert_eq!(
        archive.len(),
        prepared.sessions.len(),
        "{:?}",
        archive.keys()
    );
    for name in archive.keys() {
        let guid = name
            .strip_prefix("sources/")
            .and_then(|n| n.strip_suffix(".txt"));
        assert!(guid.is_some_and(|g| !g.contains('/')), "{name}");
    }
    assert!(project.starts_with("<?xml"), "{}", &project[..40]);
    let namespace = stb::export::refi::PROJECT_NAMESPACE;
    assert_eq!(namespace, "urn:QDA-XML:project:1.0");
    let all = elements(&project);
    assert!(all[0].name == "Project" && all[0].ns == namespace);
    assert!(all.iter().all(|e| e.ns == namespace), "one namespace");

    // Each source's selections, as the text they select.
    let mut selected: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut source: Option<(String, Vec<char>)> = None;
    for e in &all {
        if e.name == "TextSource" {
            let path = &e.attrs["plainTextPath"];
            let file = path.strip_prefix("internal://").expect(path);
            let text = &archive[&format!("sources/{file}")];
            // A source's GUID is its session's id (titles become file-safe names).
            let guid = e.attrs["guid"].replace('-', "");
            source = Some((guid, text.chars().collect()));
        } else if e.name == "PlainTextSelection" {
            let (title, chars) = source.as_ref().expect("a selection in a source");
            let position = |key: &str| e.attrs[key].parse::<usize>().unwrap();
            let (start, end) = (position("startPosition"), position("endPosition"));
            assert!(
                start <= end && end <= chars.len(),
                "{title}: {start}..{end}"
            );
            let text = chars[start..end].iter().collect();
            selected.entry(title.clone()).or_default().push(text);
        }
    }
    assert_eq!(
        selected.len(),
        prepared.sessions.len(),
        "{:?}",
        selected.keys()
    );
    for session in &prepared.sessions {
        let mut expected: Vec<String> = session.live_insights().map(|i| i.text.clone()).collect();
        expected.sort();
        let guid = format!("{:032x}", u128::from(session.id));
        let mut got = selected.remove(&guid).expect(&session.title);
        got.sort();
        assert_eq!(got, expected, "{}", session.title);
    }
    validate(tmp.path(), &project, "Project.xsd");

    // A zip cannot go to a terminal.
    let mut args = vec!["export".to_owned()];
    args.extend(files.iter().map(|f| f.to_str().unwrap().to_owned()));
    args.extend(["--format".into(), "qdpx".into()]);
    let run = stb(tmp.path(), &args);
    assert!(run.code.is_some_and(|c| c != 0), "{:?}", run.code);
    assert!(run.err.contains("-o"), "{}", run.err);
    assert!(run.out.is_empty());
}

#[test]
fn qdc_codebook_has_a_code_per_practice_type_and_is_valid() {
    let tmp = tempfile::tempdir().unwrap();
    let run = export(tmp.path(), &samples(), "qdc", &[]);
    let namespace = stb::export::refi::CODEBOOK_NAMESPACE;
    assert_eq!(namespace, "urn:QDA-XML:codebook:1.0");
    assert!(run.out.starts_with("<?xml"), "{}", &run.out[..40]);
    let all = elements(&run.out);
    assert!(all[0].name == "CodeBook" && all[0].ns == namespace);
    let codes: Vec<&str> = all
        .iter()
        .filter(|e| e.name == "Code")
        .map(|e| e.attrs["name"].as_str())
        .collect();
    for practice in PracticeType::ALL {
        let label = practice.label();
        assert!(codes.contains(&label), "no code {label:?} in {codes:?}");
    }
    validate(tmp.path(), &run.out, "Codebook.xsd");
}

/// What QualCoder's importer needs to bring a project in whole (checked by
/// running it, `tests/qualcoder/import.py`), through the binary on the
/// samples and a Welsh and Urdu session whose title has `/` and `:`: safe,
/// unique source names that say who made them and when; the folders as
/// categories; one name per code; and each case's selections coded by its
/// case code (a code with the case's GUID), all of them and nothing else.
#[test]
fn qdpx_lands_whole_in_qualcoder_shape() {
    let tmp = tempfile::tempdir().unwrap();
    let mut files = samples();
    files.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/qualcoder/unicode.ron"));
    export(tmp.path(), &files, "qdpx", &["-o", "p.qdpx"]);
    let project = unzip(&tmp.path().join("p.qdpx"))
        .remove("project.qde")
        .unwrap();
    let all = elements(&project);
    let named = |name: &'static str| all.iter().filter(move |e| e.name == name);
    let users: BTreeSet<&str> = named("User").map(|u| u.attrs["guid"].as_str()).collect();
    let mut sources = BTreeSet::new();
    for source in named("TextSource") {
        let name = &source.attrs["name"];
        let unsafe_char = |c: char| "/\\:*?\"<>|".contains(c) || c.is_control();
        assert!(!name.contains(unsafe_char), "{name}");
        assert!(!name.ends_with(['.', ' ']) && name.len() <= 120, "{name}");
        assert!(sources.insert(name.to_lowercase()), "{name} twice");
        assert!(
            users.contains(source.attrs["creatingUser"].as_str()),
            "{name}"
        );
        let created = source.attrs["creationDateTime"].parse::<jiff::Timestamp>();
        assert!(created.is_ok(), "{name}: {created:?}");
    }
    assert!(
        sources.contains("cymuned - کمیونٹی - pŵer 💪🏾 caerdydd"),
        "{sources:?}"
    );

    let mut names = BTreeSet::new();
    for code in named("Code") {
        let name = code.attrs["name"].as_str();
        assert!(names.insert(name.to_lowercase()), "code {name} twice");
        let folder = [
            "Questions",
            "Practice types",
            "Kinds",
            "Tags",
            "Themes",
            "Cases",
        ];
        let codable = code.attrs["isCodable"] == "true";
        assert_eq!(codable, !folder.contains(&name), "{name}");
    }
    assert!(names.contains("food (tag)") && names.contains("food (theme)"));

    // In document order: each case's SelectionRefs, each selection's codes.
    let mut cases: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut coded: BTreeSet<(&str, &str)> = BTreeSet::new();
    let (mut case, mut selection) = ("", "");
    for e in &all {
        match e.name.as_str() {
            "Case" => case = e.attrs["guid"].as_str(),
            "SelectionRef" => {
                let refs = cases.entry(case).or_default();
                refs.insert(e.attrs["targetGUID"].as_str());
            }
            "PlainTextSelection" => selection = e.attrs["guid"].as_str(),
            "CodeRef" if !selection.is_empty() => {
                coded.insert((e.attrs["targetGUID"].as_str(), selection));
            }
            _ => {}
        }
    }
    assert_eq!(named("Case").count(), 27 + 3);
    let silent = named("Case").filter(|c| !cases.contains_key(c.attrs["guid"].as_str()));
    assert_eq!(silent.count(), 1, "Dafydd Ŵyn is quoted but said nothing");
    for (case, refs) in &cases {
        let by_case_code: BTreeSet<&str> = coded
            .iter()
            .filter(|(code, _)| code == case)
            .map(|(_, selection)| *selection)
            .collect();
        assert_eq!(&by_case_code, refs, "case {case}");
    }
    let memos = all
        .windows(2)
        .filter(|w| w[0].name == "PlainTextSelection" && w[1].name == "Description");
    assert_eq!(
        memos.count(),
        2 + 2 + 3,
        "selection memos: two insights' comments, two insights' votes, three actions' owners and dates"
    );
    assert_eq!(named("Note").count(), 3, "and the three comments as notes");
}
