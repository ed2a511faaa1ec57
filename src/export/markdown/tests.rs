//! The Markdown report checked the way a reader meets it: parsed with
//! pulldown-cmark (tables, strikethrough and footnotes on, as renderers
//! commonly have them), then its headings, lists, quotes and tables compared
//! with the sessions. A small hand-built session covers the edge cases here;
//! `samples` runs the committed workshops.

use super::*;
use crate::export::{Options, prepare};
use crate::model::Nation;
use crate::model::{
    Consent, InsightFields, ParticipantFields, Place, SessionDetails, Stamp, StampClock, Theme,
};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

/// What a parsed report holds: headings, the top-level list items and block
/// quotes (each under the heading before it), and tables as rows of cells.
#[derive(Default)]
struct Doc {
    headings: Vec<(usize, String)>,
    entries: Vec<Entry>,
    tables: Vec<Vec<Vec<String>>>,
    html: bool,
}

struct Entry {
    /// Index into `headings` of the heading above it.
    under: usize,
    quote: bool,
    text: String,
}

fn level(l: HeadingLevel) -> usize {
    l as usize
}

fn parse(md: &str) -> Doc {
    let options = pulldown_cmark::Options::ENABLE_TABLES
        | pulldown_cmark::Options::ENABLE_STRIKETHROUGH
        | pulldown_cmark::Options::ENABLE_FOOTNOTES;
    let mut doc = Doc::default();
    let (mut lists, mut quotes) = (0, 0);
    let mut buf = String::new();
    let under = |doc: &Doc| doc.headings.len().saturating_sub(1);
    for event in Parser::new_ext(md, options) {
        match event {
            Event::Start(Tag::Heading { .. }) => buf.clear(),
            Event::End(TagEnd::Heading(l)) => doc.headings.push((level(l), buf.clone())),
            Event::Start(Tag::List(_)) => lists += 1,
            Event::End(TagEnd::List(_)) => lists -= 1,
            Event::Start(Tag::Item) if lists == 1 && quotes == 0 => buf.clear(),
            Event::End(TagEnd::Item) if lists == 1 && quotes == 0 => {
                let text = buf.trim().to_owned();
                let under = under(&doc);
                doc.entries.push(Entry {
                    under,
                    quote: false,
                    text,
                });
            }
            Event::Start(Tag::BlockQuote(_)) => {
                quotes += 1;
                if quotes == 1 && lists == 0 {
                    buf.clear();
                }
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                quotes -= 1;
                if quotes == 0 && lists == 0 {
                    let text = buf.trim().to_owned();
                    let under = under(&doc);
                    doc.entries.push(Entry {
                        under,
                        quote: true,
                        text,
                    });
                }
            }
            Event::End(TagEnd::Paragraph) => buf.push('\n'),
            Event::Start(Tag::Table(_)) => doc.tables.push(Vec::new()),
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                doc.tables.last_mut().unwrap().push(Vec::new())
            }
            Event::Start(Tag::TableCell) => buf.clear(),
            Event::End(TagEnd::TableCell) => {
                let row = doc.tables.last_mut().unwrap().last_mut().unwrap();
                row.push(buf.trim().to_owned());
            }
            Event::Text(t) | Event::Code(t) => buf.push_str(&t),
            Event::SoftBreak | Event::HardBreak => buf.push(' '),
            Event::Html(_) | Event::InlineHtml(_) => doc.html = true,
            _ => {}
        }
    }
    doc
}

fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A small session: a starred adaptation captured after an unstarred one, an
/// unclassified barrier, a quote with and without attribution, a theme, and
/// text full of Markdown.
fn hand_built() -> Session {
    let mut clock = StampClock::new("t");
    let mut at = |s: i64| clock.stamp_at(jiff::Timestamp::from_second(1_790_000_000 + s).unwrap());
    let details = SessionDetails {
        title: "Ceredigion # 1 | *test*".into(),
        place: Place {
            locality: "Aberystwyth".into(),
            nation: Nation::Wales,
        },
        facilitator: "Rhian".into(),
        note_takers: vec!["Gwen".into()],
        ..Default::default()
    };
    let mut s = Session::new(details, at(0));
    let ann = s.add_participant(
        ParticipantFields {
            name: "Ann Jones".into(),
            organisation: "Ceredigion Council".into(),
            sector: Sector::PublicService,
            consent: Consent::Given(jiff::Timestamp::UNIX_EPOCH),
            ..Default::default()
        },
        &at(1),
    );
    let mut add = |question, text: &str, practice, kind, starred, who| {
        let fields = InsightFields {
            question,
            text: text.into(),
            participant: who,
            practice,
            kind,
            tags: vec!["bwyd".into()],
            starred,
            deleted: false,
            ..InsightFields::default()
        };
        let stamp = at(10 + s.insights.len() as i64);
        s.add_insight(fields, &stamp)
    };
    let adapt = Some(PracticeType::Adaptation);
    add(
        1,
        "Phone line set up in a week",
        adapt,
        Kind::Observation,
        false,
        Some(ann),
    );
    add(
        1,
        "Hwb bwyd yn y ganolfan 🙂",
        adapt,
        Kind::Enabler,
        true,
        None,
    );
    add(
        1,
        "Funding rules slowed everything",
        None,
        Kind::Barrier,
        false,
        None,
    );
    add(
        2,
        "We trusted each other, for once",
        None,
        Kind::Quote,
        false,
        Some(ann),
    );
    add(2, "Nobody asked for forms", None, Kind::Quote, true, None);
    let tricky =
        "# not a heading | *not em* _nor_ <b>html</b> [x](y) `code` ~~s~~ &amp; snake_case";
    add(3, tricky, None, Kind::Idea, false, None);
    add(4, "1. not a list", None, Kind::Observation, false, None);
    let mut theme = Theme::create("Food & trust", &Stamp::default());
    theme.set_member(s.insights[1].id, true, &Stamp::default());
    theme.set_member(s.insights[3].id, true, &Stamp::default());
    s.themes.push(theme);
    s
}

fn texts(headings: &[(usize, String)]) -> Vec<(usize, &str)> {
    headings.iter().map(|(l, t)| (*l, t.as_str())).collect()
}

#[test]
fn one_session_has_its_title_once_and_no_skipped_levels() {
    let s = hand_built();
    let md = render(&prepare(&[s], Options::default()));
    let doc = parse(&md);
    assert_eq!(
        texts(&doc.headings),
        [
            (1, "Ceredigion # 1 | *test*"),
            (2, "Q1. Good practices"),
            (3, "Adaptations"),
            (3, "Barriers"),
            (2, "Q2. Shifting relationships"),
            (3, "Not classified"),
            (2, "Q3. Less-advantaged communities"),
            (3, "Not classified"),
            (2, "Q4. Sustaining the change"),
            (3, "Not classified"),
            (2, "Themes"),
            (3, "Food & trust"),
        ],
        "{md}"
    );
    assert!(!doc.html, "user text never becomes HTML:\n{md}");
    assert!(doc.tables.is_empty(), "no comparison for one session");
    assert!(
        md.contains("*How have the relationships"),
        "question text in italics"
    );
    assert!(md.contains("**Barriers and enablers:** 1 barrier, 1 enabler (1 listed under"));
}

#[test]
fn every_insight_appears_once_per_question_and_again_per_theme() {
    let s = hand_built();
    let prepared = prepare(&[s], Options::default());
    let doc = parse(&render(&prepared));
    let themes = doc
        .headings
        .iter()
        .position(|(_, t)| t == "Themes")
        .unwrap();
    for insight in &prepared.sessions[0].insights {
        let text = flat(&insight.text);
        let hits: Vec<&Entry> = doc
            .entries
            .iter()
            .filter(|e| e.text.contains(&text))
            .collect();
        let in_themes = prepared.sessions[0].themes[0].contains(insight.id);
        assert_eq!(hits.len(), 1 + usize::from(in_themes), "{text}");
        assert!(hits[0].under < themes);
        assert_eq!(hits[0].quote, insight.kind == Kind::Quote, "{text}");
        assert!(hits[0].text.contains("#bwyd"), "tags shown");
    }
}

#[test]
fn quotes_are_block_quotes_with_attribution() {
    let prepared = prepare(&[hand_built()], Options::default());
    let doc = parse(&render(&prepared));
    let quotes: Vec<&str> = doc
        .entries
        .iter()
        .filter(|e| e.quote)
        .map(|e| e.text.as_str())
        .collect();
    assert_eq!(
        quotes,
        [
            "★ Nobody asked for forms\n— a participant #bwyd",
            "We trusted each other, for once\n— Ann Jones (Ceredigion Council) #bwyd",
            "We trusted each other, for once\n— Ann Jones (Ceredigion Council) (Q2) #bwyd",
        ]
    );
    // Pseudonymised, the attribution carries the pseudonym, never the name.
    let prepared = prepare(
        &[hand_built()],
        Options {
            pseudonymise: true,
            coarsen: false,
        },
    );
    let md = render(&prepared);
    assert!(md.contains("> — P01 (Ceredigion Council)"), "{md}");
    assert!(!md.contains("Ann"), "{md}");
}

#[test]
fn escaping_keeps_user_text_as_text() {
    assert_eq!(escape("# a | b"), "\\# a \\| b");
    assert_eq!(escape("- item"), "\\- item");
    assert_eq!(escape("2) two"), "2\\) two");
    assert_eq!(escape("2026 was hard"), "2026 was hard");
    assert_eq!(escape("snake_case _em_"), "snake_case \\_em\\_");
    assert_eq!(escape("line\nbreak  and\ttab"), "line break and tab");
    let doc = parse(&render(&prepare(&[hand_built()], Options::default())));
    let tricky =
        "# not a heading | *not em* _nor_ <b>html</b> [x](y) `code` ~~s~~ &amp; snake_case";
    for text in [
        format!("Idea: {tricky} #bwyd"),
        "1. not a list #bwyd".into(),
    ] {
        assert!(doc.entries.iter().any(|e| e.text == text), "{text}");
    }
}

mod samples;

#[test]
fn an_open_conflict_is_said_to_be_open_beside_the_value_a_merge_kept() {
    let a = hand_built();
    let mut b = a.clone();
    let at = a.insights.iter().position(|i| !i.deleted).unwrap();
    b.insights[at].text = format!("{} (by hand)", a.insights[at].text);
    let merged = crate::merge::merge_pair(&a, &b);
    assert_eq!(merged.open_conflicts().count(), 1);
    let md = render(&prepare(std::slice::from_ref(&merged), Options::default()));
    assert!(md.contains("- **Open conflicts:** 1: "), "{md}");
    let kept = escape(&merged.insights[at].text);
    let line = md.lines().find(|l| l.contains(&kept)).unwrap();
    assert!(line.contains("⚠ open conflict: text"), "{line}");
    let clean = render(&prepare(&[a], Options::default()));
    assert!(!clean.contains("conflict"), "none without one");
}

/// Issue #13, point 5: each question's planned and actual time, comments
/// beside their insight (and only those prepare kept), and a speaker whose
/// consent is not recorded as "a participant", on bullets as on quotes.
#[test]
fn the_report_gives_times_comments_and_unnamed_speakers() {
    let mut s = hand_built();
    s.timeline = vec![
        crate::model::QuestionTiming {
            started: Some(jiff::Timestamp::UNIX_EPOCH),
            allotted_minutes: 25,
            elapsed_seconds: 23 * 60 + 10,
            ..Default::default()
        },
        crate::model::QuestionTiming::default(),
    ];
    let stamp = StampClock::new("dafydd@laptop").stamp_at(jiff::Timestamp::UNIX_EPOCH);
    let cai = s.add_participant(
        ParticipantFields {
            name: "Cai Owen".into(),
            ..Default::default()
        },
        &stamp,
    );
    s.insights[2].participant = Some(cai);
    s.insights[2].comments.push(crate::model::Comment::new(
        "Cai says $5 to $10, ask @council".into(),
        &stamp,
    ));
    let md = render(&prepare(&[s], Options::default()));
    assert!(
        md.contains("**Time:** planned 20 min, took 23 min (extended to 25 min).\n"),
        "{md}"
    );
    assert!(
        md.contains("**Time:** planned 20 min, not timed.\n"),
        "{md}"
    );
    assert!(
        md.contains("- Funding rules slowed everything — a participant #bwyd\n  - *Comment by dafydd\\@laptop:* \\[a participant\\] says \\$5 to \\$10, ask \\@council\n"),
        "{md}"
    );
}
