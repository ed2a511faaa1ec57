//! What a QDA tool needs to bring the project in whole, element by element:
//! each case linked to exactly what its participant said (by `SelectionRef`
//! and by a case code, which is how QualCoder reads it), comments as coding
//! memos and as notes, folders as categories, unique code names, source
//! names every file system takes, and sources that say who made them.

use super::super::fixtures::*;
use super::super::guid;
use super::super::{codebook, project};
use super::check::{Node, parse};
use crate::model::{Session, SessionDetails, StampClock};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

fn unicode_session() -> Session {
    crate::storage::load(&repo().join(UNICODE_SESSION)).unwrap()
}

/// The GUIDs of the selections coded with `code`.
fn coded_with<'a>(root: &'a Node, code: &str) -> BTreeSet<&'a str> {
    let selections = root.named("PlainTextSelection");
    selections
        .filter(|s| s.named("CodeRef").any(|r| r.attr("targetGUID") == code))
        .map(|s| s.attr("guid"))
        .collect()
}

#[test]
fn each_case_links_exactly_what_its_participant_said() {
    for (what, prepared) in cases() {
        if what == "a session and its copies" {
            continue; // one participant twice: the second case's GUID is derived anew
        }
        let root = parse(&project(&prepared));
        let mut said: BTreeMap<String, (usize, String)> = BTreeMap::new();
        for (n, (text, spans)) in selections(&prepared).iter().enumerate() {
            for (start, end, selection) in spans {
                let guid = selection.attr("guid").to_owned();
                said.insert(guid, (n, chars(text, *start, *end)));
            }
        }
        let cases: BTreeMap<&str, &Node> =
            root.named("Case").map(|c| (c.attr("guid"), c)).collect();
        let mut linked = 0;
        for (n, session) in prepared.sessions.iter().enumerate() {
            for p in &session.participants {
                let case = cases[guid::format(guid::of_ulid(p.id)).as_str()];
                let refs: BTreeSet<&str> = case
                    .named("SelectionRef")
                    .map(|r| r.attr("targetGUID"))
                    .collect();
                let mut texts: Vec<&str> = refs
                    .iter()
                    .map(|guid| {
                        let (source, text) = &said[*guid];
                        assert_eq!(*source, n, "{what}: {} links another source", p.name);
                        text.as_str()
                    })
                    .collect();
                let insights = session.insights.iter();
                let mut expected: Vec<&str> = insights
                    .filter(|i| i.participant == Some(p.id))
                    .map(|i| i.text.as_str())
                    .collect();
                texts.sort_unstable();
                expected.sort_unstable();
                assert_eq!(texts, expected, "{what}: the case of {}", p.name);
                let case_code = coded_with(&root, case.attr("guid"));
                assert_eq!(case_code, refs, "{what}: {}'s case code", p.name);
                linked += refs.len();
            }
        }
        assert_eq!(
            root.named("SelectionRef").count(),
            linked,
            "{what}: nothing unattributed is in a case"
        );
        let category = root.named("Code").find(|c| c.attr("name") == "Cases");
        assert_eq!(category.is_some(), !cases.is_empty(), "{what}");
        if let Some(category) = category {
            assert_eq!(category.attr("isCodable"), "false", "{what}");
            let children = category.children.iter().filter(|c| c.name == "Code");
            let codes: BTreeSet<&str> = children.map(|c| c.attr("guid")).collect();
            assert_eq!(codes, cases.keys().copied().collect(), "{what}");
        }
    }
}

#[test]
fn quoted_people_are_cases_even_silent_ones_and_nobody_else_is() {
    let prepared = prepared(&[unicode_session()]);
    let root = parse(&project(&prepared));
    let links: BTreeMap<&str, usize> = root
        .named("Case")
        .map(|c| (c.attr("name"), c.named("SelectionRef").count()))
        .collect();
    let expected = [
        ("Dafydd Ŵyn", 0),
        ("Gwenllïan ap Siôn", 2),
        ("عائشہ خان", 2),
    ];
    assert_eq!(links, BTreeMap::from(expected));
}

#[test]
fn comments_are_memos_on_their_codings_and_notes_too() {
    let prepared = prepared(&[unicode_session()]);
    let root = parse(&project(&prepared));
    let notes: BTreeMap<&str, &Node> = root.named("Note").map(|n| (n.attr("guid"), n)).collect();
    let session = &prepared.sessions[0];
    let (text, spans) = &selections(&prepared)[0];
    let mut memos = 0;
    for (start, end, selection) in spans {
        let said = chars(text, *start, *end);
        let insight = session.insights.iter().find(|i| i.text == said).unwrap();
        let description = selection.children.iter().find(|c| c.name == "Description");
        let Some(memo) = description.map(|d| d.text.as_str()) else {
            assert!(insight.comments.is_empty(), "{said}: comments, no memo");
            continue;
        };
        assert!(!insight.comments.is_empty(), "{said}: a memo, no comments");
        for c in &insight.comments {
            let by = format!("{}, {}: {}", c.author, c.at, c.text);
            assert!(memo.contains(&by), "{by:?} not in {memo:?}");
        }
        let codings = selection.children.iter().filter(|c| c.name == "Coding");
        assert!(
            codings.count() > 0,
            "QualCoder keeps a memo on codings only"
        );
        let noted: Vec<&str> = selection
            .named("NoteRef")
            .map(|r| notes[r.attr("targetGUID")].named("PlainTextContent"))
            .map(|mut content| content.next().unwrap().text.as_str())
            .collect();
        let written: Vec<&str> = insight.comments.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(noted, written, "each comment is a note as well");
        memos += 1;
    }
    assert_eq!(memos, 2, "two insights have comments");
    assert!(root.named("Note").any(|n| {
        n.named("PlainTextContent")
            .any(|c| c.text == "ترجمہ ٹھیک ہے 👍")
    }));
}

#[test]
fn folders_are_categories_and_every_coded_code_is_codable() {
    for (what, prepared) in cases() {
        for (document, xml) in [
            ("project", project(&prepared)),
            ("codebook", codebook(&prepared)),
        ] {
            let root = parse(&xml);
            let categories: BTreeSet<&str> = root
                .named("Code")
                .filter(|c| c.attr("isCodable") == "false")
                .map(|c| c.attr("name"))
                .collect();
            for folder in ["Questions", "Practice types", "Kinds"] {
                assert!(categories.contains(folder), "{what} {document}: {folder}");
            }
            let folders = [
                "Questions",
                "Practice types",
                "Kinds",
                "Tags",
                "Themes",
                "Cases",
            ];
            assert!(
                categories.iter().all(|c| folders.contains(c)),
                "{what}: {categories:?}"
            );
            let codes = root.named("Codes").next().unwrap();
            for top in &codes.children {
                let folder = folders.contains(&top.attr("name"));
                let codable = top.attr("isCodable") == "true";
                assert_eq!(folder, !codable, "{what} {document}: {}", top.attr("name"));
            }
            for code in root.named("Code") {
                let children = code.children.iter().filter(|c| c.name == "Code");
                for child in children {
                    let codable = child.attr("isCodable") == "true";
                    assert!(codable, "{what} {document}: {}", child.attr("name"));
                }
            }
            let codable: BTreeSet<&str> = root
                .named("Code")
                .filter(|c| c.attr("isCodable") == "true")
                .map(|c| c.attr("guid"))
                .collect();
            for r in root.named("Coding").flat_map(|c| c.named("CodeRef")) {
                assert!(
                    codable.contains(r.attr("targetGUID")),
                    "{what}: coded at a category"
                );
            }
        }
    }
}

#[test]
fn a_tag_and_a_theme_of_one_name_both_keep_their_codings() {
    let prepared = prepared(&[unicode_session()]);
    let root = parse(&project(&prepared));
    let mut names = BTreeSet::new();
    for code in root.named("Code") {
        let name = code.attr("name");
        assert!(names.insert(name.to_lowercase()), "{name} twice");
    }
    let code = |name: &str| {
        let found = root.named("Code").find(|c| c.attr("name") == name);
        found
            .unwrap_or_else(|| panic!("no code {name}"))
            .attr("guid")
    };
    let tag = coded_with(&root, code("food (tag)"));
    let theme = coded_with(&root, code("food (theme)"));
    assert_eq!((tag.len(), theme.len()), (2, 2));
    assert_eq!(tag, theme, "the same two insights, each coded twice");
    assert_eq!(coded_with(&root, code("Themes (tag)")).len(), 1);
    let folder = root
        .named("Code")
        .find(|c| c.attr("name") == "Themes")
        .unwrap();
    assert_eq!(
        folder.attr("isCodable"),
        "false",
        "the folder keeps its name"
    );
}

#[test]
fn sources_say_who_made_them_and_when() {
    let t = StampClock::new("priya@laptop")
        .stamp_at(jiff::Timestamp::from_second(1_800_000_000).unwrap());
    let empty = Session::new(SessionDetails::default(), t);
    let cases = cases()
        .into_iter()
        .chain([("empty".to_owned(), prepared(&[empty]))]);
    for (what, prepared) in cases {
        let root = parse(&project(&prepared));
        let users: BTreeMap<&str, &str> = root
            .named("User")
            .map(|u| (u.attr("guid"), u.attr("name")))
            .collect();
        let sources: Vec<&Node> = root.named("TextSource").collect();
        assert_eq!(sources.len(), prepared.sessions.len(), "{what}");
        for (source, session) in sources.iter().zip(&prepared.sessions) {
            let user = users[source.attr("creatingUser")];
            let at: jiff::Timestamp = source.attr("creationDateTime").parse().unwrap();
            let first = session.insights.iter().min_by_key(|i| i.created);
            let stb = super::super::origin();
            let expected = first.map_or((stb.as_str(), session.modified.time()), |i| {
                (i.author.as_str(), i.created)
            });
            assert_eq!((user, at), expected, "{what}: {}", session.title);
        }
    }
}

/// Whether every common file system takes `name` as a file name as it is.
fn safe_everywhere(name: &str) -> bool {
    let stem = name
        .split('.')
        .next()
        .unwrap_or("")
        .trim_end()
        .to_uppercase();
    let reserved = ["CON", "PRN", "AUX", "NUL"].contains(&stem.as_str())
        || (stem.len() == 4 && (stem.starts_with("COM") || stem.starts_with("LPT")));
    !name.is_empty()
        && name.len() <= 120
        && !name
            .chars()
            .any(|c| "/\\:*?\"<>|".contains(c) || c.is_control())
        && !name.ends_with(['.', ' '])
        && !name.starts_with(['.', ' '])
        && !reserved
}

#[test]
fn source_names_are_safe_and_unique_file_names() {
    for (what, prepared) in cases() {
        let root = parse(&project(&prepared));
        let mut seen = BTreeSet::new();
        for source in root.named("TextSource") {
            let name = source.attr("name");
            assert!(safe_everywhere(name), "{what}: {name:?}");
            assert!(seen.insert(name.to_lowercase()), "{what}: {name:?} twice");
        }
    }
    let titled = |title: &str| {
        let mut session = welsh();
        session.title = title.to_owned();
        session
    };
    let two = [titled("Hub A/B: day 1"), titled("hub a\\b | day 1")];
    let root = parse(&project(&prepared(&two)));
    let names: Vec<&str> = root.named("TextSource").map(|s| s.attr("name")).collect();
    assert_eq!(names, ["Hub A - B - day 1", "hub a - b - day 1 (2)"]);
    let description = &root.named("TextSource").next().unwrap().children[0];
    assert!(
        description.text.starts_with("Hub A/B: day 1\n"),
        "the title, whole"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn any_title_gives_a_source_name_every_file_system_takes(
        title in r"(\PC|[/\\:*?<>|\x00-\x1f\x7f\u{80}-\u{9f}. ]|CON|nul|COM1){0,120}"
    ) {
        let mut session = welsh();
        session.title = title;
        let root = parse(&project(&prepared(&[session])));
        let source = root.named("TextSource").next().unwrap();
        prop_assert!(safe_everywhere(source.attr("name")), "{:?}", source.attr("name"));
    }
}

/// Writes [`UNICODE_SESSION`] from the [`unicode`] fixture.
#[test]
#[ignore = "rewrites tests/qualcoder/unicode.ron; run after changing the fixture"]
fn write_the_unicode_session() {
    let ron = crate::storage::to_ron(&unicode());
    std::fs::write(repo().join(UNICODE_SESSION), ron).unwrap();
}

/// Dai did not record consent: what he said is there, said by "a
/// participant" as in every format, his name nowhere, and no case is his
/// (a case is one person; "a participant" may be several).
#[test]
fn a_speaker_without_recorded_consent_is_a_participant_and_no_case() {
    let prepared = prepared(&[welsh()]);
    let files = unzip(&super::super::qdpx(&prepared));
    let everything: String = files.values().cloned().collect();
    assert!(!everything.contains("Dai Lewis"), "named somewhere");
    let (text, _) = &selections(&prepared)[0];
    assert!(
        text.contains("\na participant: [a participant]: nobody asked us\n"),
        "{text}"
    );
    let root = parse(&files["project.qde"]);
    let cases: Vec<&str> = root.named("Case").map(|c| c.attr("name")).collect();
    assert!(
        !cases.iter().any(|c| c.contains("participant")),
        "{cases:?}"
    );
}
