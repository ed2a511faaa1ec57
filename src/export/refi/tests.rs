//! REFI-QDA export tests: the committed sample sessions and a hand-built
//! Welsh session with emoji, checked against the schema's rules in Rust
//! ([`check`]) and, where `xmllint` is installed, against the XSDs themselves.

mod landing;

use super::check::{self, Node, parse};
use super::fixtures::*;
use super::*;
use crate::export::{Options, prepare};
use std::collections::BTreeMap;

#[test]
fn projects_and_codebooks_follow_the_schema() {
    for (what, prepared) in cases() {
        let qde = project(&prepared);
        let problems = check::problems(&qde, "Project", PROJECT_NAMESPACE);
        assert!(
            problems.is_empty(),
            "{what}: project.qde: {problems:#?}\n{qde}"
        );
        let qdc = codebook(&prepared);
        let problems = check::problems(&qdc, "CodeBook", CODEBOOK_NAMESPACE);
        assert!(problems.is_empty(), "{what}: .qdc: {problems:#?}\n{qdc}");
        let project_codes = code_guids(&parse(&qde));
        let codebook_codes = code_guids(&parse(&qdc));
        let (same, case_codes) = project_codes.split_at(codebook_codes.len());
        assert_eq!(codebook_codes, same, "{what}: the same codes");
        let cases: Vec<(String, String)> = parse(&qde)
            .named("Case")
            .map(|c| (c.attr("guid").to_owned(), c.attr("name").to_owned()))
            .collect();
        let case_code_guids: Vec<&String> = case_codes.iter().skip(1).map(|c| &c.0).collect();
        assert_eq!(
            case_code_guids,
            cases.iter().map(|c| &c.0).collect::<Vec<_>>(),
            "{what}: then a case code for each case"
        );
        assert!(!qdc.contains("<Sets"), "{what}: no empty Sets");
        let root = parse(&qde);
        let order: Vec<&str> = root.children.iter().map(|c| c.name.as_str()).collect();
        let expected = [
            "Users",
            "CodeBook",
            "Variables",
            "Cases",
            "Sources",
            "Notes",
            "Description",
        ];
        assert!(
            expected
                .iter()
                .filter(|e| order.contains(e))
                .eq(order.iter()),
            "{what}: {order:?}"
        );
    }
}

#[test]
fn the_checks_catch_what_the_schema_forbids() {
    let good = project(&prepared(&[welsh()]));
    let users =
        good[good.find("  <Users>").unwrap()..good.find("  <CodeBook>").unwrap()].to_owned();
    let code = parse(&good)
        .named("Code")
        .nth(3)
        .unwrap()
        .attr("guid")
        .to_owned();
    let broken = [
        (
            good.replacen(&users, "", 1).replacen(
                "</CodeBook>\n",
                &format!("</CodeBook>\n{users}"),
                1,
            ),
            "<Users> after <CodeBook>",
        ),
        (
            good.replacen("<Description>", "<Sets/><Description>", 1),
            "<Sets> is empty",
        ),
        (
            good.replacen(
                &format!("<CodeRef targetGUID=\"{code}\""),
                "<CodeRef targetGUID=\"00000000-0000-0000-0000-000000000000\"",
                1,
            ),
            "points at nothing",
        ),
        (
            good.replacen(&format!("guid=\"{code}\""), "guid=\"not-a-guid\"", 1),
            "is not a GUID",
        ),
        (
            good.replacen(
                "xmlns=\"urn:QDA-XML:project:1.0\"",
                "xmlns=\"urn:QDA-XML:project:2.0\"",
                1,
            ),
            "not urn:QDA-XML:project:1.0",
        ),
    ];
    for (xml, expected) in broken {
        let problems = check::problems(&xml, "Project", PROJECT_NAMESPACE);
        assert!(
            problems.iter().any(|p| p.contains(expected)),
            "{expected}: {problems:#?}"
        );
    }
}

/// Validates `text` with `xmllint` against one of tests/refi-qda's schemas.
fn xmllint(dir: &std::path::Path, schema: &str, text: &str) -> Result<(), String> {
    let path = dir.join("document.xml");
    std::fs::write(&path, text).unwrap();
    let out = std::process::Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(repo().join("tests/refi-qda").join(schema))
        .arg(&path)
        .output()
        .unwrap();
    match out.status.success() {
        true => Ok(()),
        false => Err(String::from_utf8_lossy(&out.stderr).into_owned()),
    }
}

#[test]
fn xmllint_validates_against_the_xsds() {
    let found = std::process::Command::new("xmllint")
        .arg("--version")
        .output()
        .is_ok();
    if !found {
        let message = "xmllint not found: REFI-QDA XSD validation NOT RUN. \
                       Install it with `apt-get install -y libxml2-utils` (Debian/Ubuntu).";
        assert!(
            std::env::var_os("CI").is_none(),
            "{message} CI must run it."
        );
        eprintln!("{message}");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for (what, prepared) in cases() {
        let project_check = xmllint(dir.path(), "Project.xsd", &project(&prepared));
        assert_eq!(project_check, Ok(()), "{what}: project.qde");
        let codebook_check = xmllint(dir.path(), "Codebook.xsd", &codebook(&prepared));
        assert_eq!(codebook_check, Ok(()), "{what}: .qdc");
    }
    let invalid =
        project(&prepared(&[welsh()])).replacen("<Description>", "<Sets/><Description>", 1);
    let refused = xmllint(dir.path(), "Project.xsd", &invalid);
    assert!(
        refused.is_err_and(|e| e.contains("Sets")),
        "xmllint really validates"
    );
}

#[test]
fn every_selection_is_exactly_its_insights_text() {
    for (what, prepared) in cases() {
        let sources = selections(&prepared);
        assert_eq!(sources.len(), prepared.sessions.len(), "{what}");
        for ((text, spans), session) in sources.iter().zip(&prepared.sessions) {
            let mut selected: Vec<String> =
                spans.iter().map(|(s, e, _)| chars(text, *s, *e)).collect();
            let mut said: Vec<String> = session.insights.iter().map(|i| i.text.clone()).collect();
            selected.sort();
            said.sort();
            assert_eq!(selected, said, "{what}: {}", session.title);
        }
    }
}

#[test]
fn positions_count_characters_not_bytes() {
    let prepared = prepared(&[welsh()]);
    let (text, spans) = &selections(&prepared)[0];
    let emoji = spans
        .iter()
        .find(|(s, e, _)| chars(text, *s, *e) == EMOJI_LINE)
        .unwrap();
    let bytes = text.find(EMOJI_LINE).unwrap();
    assert_eq!(emoji.0, text[..bytes].chars().count());
    assert_ne!(
        emoji.0, bytes,
        "the header's ŵ and 🌊 make bytes and characters differ"
    );
    let ie: Vec<usize> = spans
        .iter()
        .filter(|(s, e, _)| chars(text, *s, *e) == "Ie.")
        .map(|s| s.0)
        .collect();
    assert_eq!(ie.len(), 2);
    assert_ne!(
        ie[0], ie[1],
        "a line said twice is selected twice, in two places"
    );
    assert!(text.contains("Siân Ifans: Ie.\nIe.\n"), "{text}");
    assert!(text.contains("\nQ5\n"), "{text}");
}

#[test]
fn selections_carry_their_codes_cases_and_notes() {
    let prepared = prepared(&[welsh()]);
    let (text, spans) = &selections(&prepared)[0];
    let qde = project(&prepared);
    let root = parse(&qde);
    let names: BTreeMap<&str, &str> = root
        .named("Code")
        .map(|c| (c.attr("guid"), c.attr("name")))
        .collect();
    let (_, _, emoji) = spans
        .iter()
        .find(|(s, e, _)| chars(text, *s, *e) == EMOJI_LINE)
        .unwrap();
    let coded: Vec<&str> = emoji
        .named("CodeRef")
        .map(|r| names[r.attr("targetGUID")])
        .collect();
    let expected = [
        "Q1 Good practices",
        "Innovation",
        "Enabler",
        "bwyd",
        "food",
        "Cydweithio & ymddiriedaeth 🤝",
        "Starred",
        "Siân Ifans",
    ];
    assert_eq!(coded, expected, "and the case code of who said it");
    let cases: Vec<&Node> = root.named("Case").collect();
    assert_eq!(
        cases.iter().map(|c| c.attr("name")).collect::<Vec<_>>(),
        ["Siân Ifans"],
        "consenting only"
    );
    let refs: Vec<&str> = cases[0]
        .named("SelectionRef")
        .map(|r| r.attr("targetGUID"))
        .collect();
    assert_eq!(refs.len(), 3, "Siân said three things");
    assert!(refs.contains(&emoji.attr("guid")));
    let values: Vec<&str> = cases[0]
        .named("TextValue")
        .map(|v| v.text.as_str())
        .collect();
    assert_eq!(
        values[..3],
        [
            "Voluntary, community & social enterprise",
            "Menter Iaith <Sir Benfro> & co",
            "Wales"
        ]
    );
    let note = root.named("Note").next().unwrap();
    assert_eq!(
        emoji.named("NoteRef").next().unwrap().attr("targetGUID"),
        note.attr("guid")
    );
    assert_eq!(
        note.named("PlainTextContent").next().unwrap().text,
        "Check the year with Siân & [a participant] <soon>",
        "comments go out scrubbed"
    );
    assert!(
        !qde.contains("Gwenllïan") && !text.contains("Gwenllïan"),
        "declined: left out"
    );
    assert!(!text.contains("Dai Lewis"), "not recorded: unattributed");
    let date = root.named("DateValue").next().unwrap();
    assert_eq!(date.text, "2026-10-14");
}

#[test]
fn the_archive_holds_project_qde_and_lowercase_sources() {
    let prepared = prepared(&samples("sessions"));
    let files = unzip(&qdpx(&prepared));
    let root = parse(&files["project.qde"]);
    let mut expected = vec!["project.qde".to_owned()];
    expected.extend(
        root.named("TextSource")
            .map(|s| format!("sources/{}.txt", s.attr("guid"))),
    );
    expected.sort();
    assert_eq!(files.keys().cloned().collect::<Vec<_>>(), expected);
    assert_eq!(expected.len(), 1 + prepared.sessions.len());
    for source in root.named("TextSource") {
        assert_eq!(
            source.attr("plainTextPath"),
            format!("internal://{}.txt", source.attr("guid"))
        );
    }
    assert!(files.iter().all(|(name, _)| !name.contains("Sources/")));
    assert_eq!(
        qdpx(&prepared),
        qdpx(&prepared),
        "the same bytes every time"
    );
    let first = format!(
        "sources/{}.txt",
        root.named("TextSource").next().unwrap().attr("guid")
    );
    assert!(
        files[&first].starts_with(&prepared.sessions[0].title),
        "{}",
        files[&first]
    );
}

#[test]
fn pseudonymised_exports_name_nobody() {
    let sessions = samples("sessions");
    let options = Options {
        pseudonymise: true,
        coarsen: true,
    };
    let files = unzip(&qdpx(&prepare(&sessions, options)));
    let names = sessions
        .iter()
        .flat_map(|s| &s.participants)
        .map(|p| p.name.as_str());
    for name in names {
        for (file, text) in &files {
            assert!(!text.contains(name), "{name} is in {file}");
        }
    }
    assert!(
        files["project.qde"].contains("name=\"P01 ("),
        "cases go by pseudonym and place"
    );
}
