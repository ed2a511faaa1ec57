//! `stb export` through the binary, on the three committed sample workshops:
//! the Markdown report's outline and its insights, the CSV's rows, header and
//! byte-order mark, and that a pseudonymised export in any format names
//! nobody. Every expectation is computed from the samples through the
//! library's own loader and `prepare`, so the tests follow the samples.
//! `export_refi` (the sibling module) checks the REFI-QDA formats.

use super::merge::{Run, sample, stb};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
use stb::export::{Format, Options, Prepared};
use stb::model::{Consent, Session};
use stb::review::fold;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub(super) const SAMPLES: [&str; 3] = [
    "2026-09-23-gateshead.ron",
    "2026-10-07-north-ayrshire.ron",
    "2026-10-14-pembrokeshire.ron",
];
const PEMBS: &str = "2026-10-14-pembrokeshire.ron";

pub(super) fn load(files: &[PathBuf]) -> Vec<Session> {
    let load = |f: &PathBuf| stb::storage::load(f).unwrap_or_else(|e| panic!("{e}"));
    files.iter().map(load).collect()
}

pub(super) fn samples() -> Vec<PathBuf> {
    SAMPLES.iter().map(|s| sample(s)).collect()
}

pub(super) fn prepared(files: &[PathBuf], pseudonymise: bool) -> Prepared {
    let options = Options {
        pseudonymise,
        ..Options::default()
    };
    stb::export::prepare(&load(files), options)
}

/// `stb export FILES --format FORMAT EXTRA…` in `dir`, which must succeed.
pub(super) fn export(dir: &Path, files: &[PathBuf], format: &str, extra: &[&str]) -> Run {
    let mut args: Vec<&str> = vec!["export"];
    args.extend(files.iter().map(|f| f.to_str().unwrap()));
    args.extend(["--format", format]);
    args.extend(extra);
    let run = stb(dir, &args);
    assert_eq!(run.code, Some(0), "{args:?}: {}", run.err);
    run
}

pub(super) fn assert_private(path: &Path) {
    assert!(path.is_file(), "{} not written", path.display());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{}", path.display());
    }
}

/// One line, as the report flattens user text.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The report's headings (level, text), and the text of its blocks (one
/// line per paragraph, item, heading or cell), escapes undone by the parser.
fn outline(markdown: &str) -> (Vec<(HeadingLevel, String)>, String) {
    let options = pulldown_cmark::Options::ENABLE_TABLES;
    let (mut headings, mut blocks) = (Vec::new(), String::new());
    let mut heading: Option<(HeadingLevel, String)> = None;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => heading = Some((level, String::new())),
            Event::End(TagEnd::Heading(_)) => {
                headings.extend(heading.take());
                blocks.push('\n');
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, h)) = &mut heading {
                    h.push_str(&t);
                }
                blocks.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak => blocks.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) => blocks.push('\n'),
            _ => {}
        }
    }
    (headings, blocks)
}

fn at(headings: &[(HeadingLevel, String)], level: HeadingLevel) -> Vec<&str> {
    let at_level = headings.iter().filter(|(l, _)| *l == level);
    at_level.map(|(_, t)| t.as_str()).collect()
}

#[test]
fn markdown_report_has_the_outline_and_every_insight() {
    let tmp = tempfile::tempdir().unwrap();
    let files = samples();
    let run = export(tmp.path(), &files, "md", &[]);
    let (headings, blocks) = outline(&run.out);
    assert_eq!(at(&headings, HeadingLevel::H1).len(), 1, "{headings:?}");
    let shared = prepared(&files, false);
    let mut expected: Vec<String> = shared.sessions.iter().map(|s| flat(&s.title)).collect();
    expected.push("Comparison".into());
    assert_eq!(at(&headings, HeadingLevel::H2), expected, "{headings:?}");
    let mut checked = 0;
    for session in &shared.sessions {
        for insight in session.insights.iter().filter(|i| !i.deleted) {
            let text = flat(&insight.text);
            if !text.is_empty() {
                assert!(blocks.contains(&text), "{text:?} missing from\n{blocks}");
                checked += 1;
            }
        }
    }
    assert!(checked > 0, "the samples have insights to look for");
    assert!(
        tmp.path().read_dir().unwrap().next().is_none(),
        "stdout only"
    );

    // One session, to a file: its title is the only top heading, and there
    // is nothing to compare.
    let one = [sample(PEMBS)];
    let run = export(tmp.path(), &one, "md", &["-o", "report.md"]);
    assert!(run.out.is_empty(), "{}", run.out);
    let report = tmp.path().join("report.md");
    assert_private(&report);
    let (headings, _) = outline(&std::fs::read_to_string(&report).unwrap());
    let title = flat(&prepared(&one, false).sessions[0].title);
    assert_eq!(at(&headings, HeadingLevel::H1), [title], "{headings:?}");
    assert!(
        headings.iter().all(|(_, h)| h != "Comparison"),
        "{headings:?}"
    );
}

/// A copy of the Pembrokeshire sample in `dir` with Welsh (ŵ, ŷ, â) and an
/// emoji appended to one insight, since the sample itself is all ASCII.
fn welsh_copy(dir: &Path) -> (PathBuf, String) {
    let original = sample(PEMBS);
    let ron = std::fs::read_to_string(&original).unwrap();
    let session = &prepared(std::slice::from_ref(&original), false).sessions[0];
    let plain = |t: &&str| !t.contains(['"', '\\']) && ron.matches(&format!("{t:?}")).count() == 1;
    let mut texts = session.insights.iter().map(|i| i.text.as_str());
    let text = texts.find(plain).expect("an insight to extend");
    let welsh = format!("{text}. Diolch yn fawr i bawb yn Nhŷ Ddewi: ŵyn, gwâr, ŷd 🐑");
    let copy = dir.join(PEMBS);
    let ron = ron.replace(&format!("{text:?}"), &format!("{welsh:?}"));
    std::fs::write(&copy, ron).unwrap();
    (copy, welsh)
}

#[test]
fn csv_has_a_row_per_insight_the_header_and_a_bom_only_when_asked() {
    let tmp = tempfile::tempdir().unwrap();
    let (welsh_file, welsh) = welsh_copy(tmp.path());
    let mut files = samples();
    files[2] = welsh_file;
    let out = tmp.path().join("out.csv");
    let run = export(tmp.path(), &files, "csv", &["-o", "out.csv", "--bom"]);
    assert!(run.out.is_empty(), "{}", run.out);
    assert_private(&out);
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "{:?}", &bytes[..8]);
    let wanted = welsh.as_bytes();
    let raw = bytes.windows(wanted.len()).any(|w| w == wanted);
    assert!(raw, "the Welsh text is not in the file byte for byte");

    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, stb::export::csv::COLUMNS);
    for column in [
        "session",
        "question",
        "text",
        "participant",
        "practice_type",
        "kind",
    ] {
        assert!(header.iter().any(|h| h == column), "{column}: {header:?}");
    }
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (id, text, session) = (column("insight_id"), column("text"), column("session"));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();

    let prepared = prepared(&files, false);
    let mut expected: BTreeMap<String, (&str, &str)> = BTreeMap::new();
    for s in &prepared.sessions {
        for i in s.insights.iter().filter(|i| !i.deleted) {
            expected.insert(i.id.to_string(), (s.title.as_str(), i.text.as_str()));
        }
    }
    assert_eq!(rows.len(), expected.len());
    for row in &rows {
        let (title, said) = expected.get(&row[id]).unwrap_or_else(|| panic!("{row:?}"));
        assert_eq!(
            (&row[session], &row[text]),
            (*title, *said),
            "byte for byte"
        );
    }
    assert!(rows.iter().any(|r| r[text] == welsh), "{welsh:?}");

    let run = export(tmp.path(), &files, "csv", &[]);
    assert!(!run.out.starts_with('\u{feff}'), "a BOM without --bom");
    assert!(run.out.starts_with(&header.join(",")), "{}", &run.out[..80]);
}

/// Every file of a `.qdpx` archive, by name.
pub(super) fn unzip(path: &Path) -> BTreeMap<String, String> {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut files = BTreeMap::new();
    for k in 0..zip.len() {
        let mut entry = zip.by_index(k).unwrap();
        let mut text = String::new();
        std::io::Read::read_to_string(&mut entry, &mut text).unwrap();
        files.insert(entry.name().unwrap().into_owned(), text);
    }
    files
}

/// The folded whole words of `text`.
fn words(text: &str) -> Vec<String> {
    let folded = fold(text);
    let split = folded.split(|c: char| !c.is_alphanumeric());
    split.filter(|w| !w.is_empty()).map(String::from).collect()
}

/// Each export of the samples, in every format, as text.
fn every_export(dir: &Path, files: &[PathBuf], extra: &[&str]) -> Vec<(Format, String)> {
    let mut out = Vec::new();
    // The whole JSON takes no options (it is the sessions as they are).
    let formats = Format::ALL.into_iter();
    for format in formats.filter(|f| f.takes_options() || extra.is_empty()) {
        let typed = clap::ValueEnum::to_possible_value(&format).unwrap();
        let name = typed.get_name();
        let text = if format == Format::Qdpx {
            let path = dir.join("export.qdpx");
            let mut args = vec!["-o", path.to_str().unwrap()];
            args.extend(extra);
            export(dir, files, name, &args);
            unzip(&path).into_values().collect::<Vec<_>>().join("\n")
        } else {
            export(dir, files, name, extra).out
        };
        out.push((format, text));
    }
    out
}

#[test]
fn pseudonymised_exports_in_every_format_name_nobody() {
    let tmp = tempfile::tempdir().unwrap();
    let files = samples();
    let sessions = load(&files);
    let names: Vec<String> = sessions
        .iter()
        .flat_map(|s| &s.participants)
        .flat_map(|p| words(&p.name))
        .filter(|w| w.chars().count() >= 3)
        .collect();
    assert!(!names.is_empty());
    let mut leaks = Vec::new();
    for (format, text) in every_export(tmp.path(), &files, &["--pseudonymise"]) {
        let said = words(&text);
        let leaked: Vec<&String> = names.iter().filter(|n| said.contains(n)).collect();
        if !leaked.is_empty() {
            leaks.push(format!("{format:?} names {leaked:?}"));
        }
    }
    assert!(leaks.is_empty(), "{}", leaks.join("\n"));

    // Without --pseudonymise, those who consented are named: the check
    // above would catch a name.
    let md = words(&export(tmp.path(), &files, "md", &[]).out);
    let consenting = sessions
        .iter()
        .flat_map(|s| s.live_participants())
        .filter(|p| matches!(p.consent, Consent::Given(_)));
    let mut checked = 0;
    for name in consenting.flat_map(|p| words(&p.name)) {
        if name.chars().count() >= 3 {
            assert!(md.contains(&name), "{name} not in the report");
            checked += 1;
        }
    }
    assert!(checked > 0, "the samples have consenting participants");
}

/// Two copies of one workshop (a note-taker's laptop and the facilitator's,
/// or a merge beside its inputs) export as one: each insight once.
#[test]
fn copies_of_one_session_export_each_insight_once() {
    let tmp = tempfile::tempdir().unwrap();
    let original = sample(PEMBS);
    let copy = tmp.path().join("notes-laptop.ron");
    std::fs::copy(&original, &copy).unwrap();
    let live = load(std::slice::from_ref(&original))[0]
        .live_insights()
        .count();
    let run = export(tmp.path(), &[original.clone(), copy], "csv", &[]);
    let rows = csv::Reader::from_reader(run.out.as_bytes())
        .records()
        .count();
    assert_eq!(rows, live, "one row per insight, not one per copy");
}

/// CSV injection (issue #12, point 4): an insight typed as a formula is
/// written with a leading `'` by default, which a spreadsheet reads as
/// text; `--no-formula-guard` writes it as typed, for R or pandas.
#[test]
fn csv_formulas_are_guarded_by_default_and_raw_when_asked() {
    let tmp = tempfile::tempdir().unwrap();
    let files = [super::hostile::save(tmp.path(), "formulas")];
    let column = stb::export::csv::COLUMNS.iter().position(|c| *c == "text");
    let texts = |extra: &[&str]| -> Vec<String> {
        let run = export(tmp.path(), &files, "csv", extra);
        csv::Reader::from_reader(run.out.as_bytes())
            .records()
            .map(|r| r.unwrap()[column.unwrap()].to_owned())
            .collect()
    };
    let formula = "=HYPERLINK(\"https://example.org\",\"click\")";
    let guarded = texts(&[]);
    assert!(guarded.contains(&format!("'{formula}")), "{guarded:?}");
    assert!(!guarded.iter().any(|t| t.starts_with('=')), "{guarded:?}");
    let raw = texts(&["--no-formula-guard"]);
    assert!(raw.contains(&formula.to_owned()), "{raw:?}");
    assert!(!raw.iter().any(|t| t.starts_with('\'')), "{raw:?}");
}
