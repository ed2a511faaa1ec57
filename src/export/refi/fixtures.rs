//! Test fixtures for the REFI-QDA export: the committed sample sessions, a
//! hand-built Welsh session that exercises every awkward case, and helpers
//! that read an export back (the archive's files, each source's selections).

use super::check::{Node, parse};
use super::{Prepared, Session, qdpx};
use crate::export::{Options, prepare};
use crate::model::{
    Comment, Consent, InsightFields, Kind, Nation, ParticipantFields, Place, PracticeType, Sector,
    SessionDetails, StampClock, Theme, new_id,
};
use std::collections::BTreeMap;
use std::io::Read;
use std::path::PathBuf;
use ulid::Ulid;

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The sample sessions in `sessions/` (or `sessions/copies/`), by file name.
pub fn samples(folder: &str) -> Vec<Session> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(repo().join(folder))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no samples in {folder}");
    paths
        .iter()
        .map(|p| crate::storage::load(p).unwrap())
        .collect()
}

pub const EMOJI_LINE: &str = "Mae'r gymuned yn gryf 💪🏽: the food hub in Aberdaugleddau worked";

/// A Welsh workshop: accents, emoji (with a skin tone and a ZWJ family),
/// XML's special characters, a line said twice, a two-line insight, someone
/// who declined, someone whose consent is not recorded, a theme, a comment,
/// and an insight under a question the set does not have.
pub fn welsh() -> Session {
    let mut clock = StampClock::new("gwen@laptop");
    let t = clock.stamp_at(jiff::Timestamp::from_second(1_791_000_000).unwrap());
    let details = SessionDetails {
        title: "Gweithdy Sir Benfro: pŵer cymunedol 🌊".into(),
        place: Place {
            locality: "Sir Benfro".into(),
            nation: Nation::Wales,
        },
        date: jiff::civil::date(2026, 10, 14),
        facilitator: "Rhian".into(),
        note_takers: vec![],
    };
    let mut s = Session::new(details, t.clone());
    let mut person = |name: &str, consent: Consent| {
        let fields = ParticipantFields {
            name: name.into(),
            organisation: "Menter Iaith <Sir Benfro> & co".into(),
            sector: Sector::Vcse,
            consent,
            deleted: false,
        };
        s.add_participant(fields, &t)
    };
    let sian = person("Siân Ifans", Consent::Given(jiff::Timestamp::UNIX_EPOCH));
    let declined = person(
        "Gwenllïan Prys",
        Consent::Declined(jiff::Timestamp::UNIX_EPOCH),
    );
    let dai = person("Dai Lewis", Consent::NotRecorded);
    let lines: [(usize, &str, Option<Ulid>); 8] = [
        (1, EMOJI_LINE, Some(sian)),
        (1, "Gwenllïan's point, to be left out", Some(declined)),
        (2, "Ŵyn a'r ŷd: 👨‍👩‍👧 families said \"<less> & <more>\"", None),
        (2, "Line one of two\nand line two, ŵ", Some(sian)),
        (3, "Dai: nobody asked us", Some(dai)),
        (4, "Ie.", Some(sian)),
        (4, "Ie.", None),
        (5, "A line under a question the set does not have", None),
    ];
    for (question, text, participant) in lines {
        let fields = InsightFields {
            question,
            text: text.into(),
            participant,
            ..Default::default()
        };
        s.add_insight(fields, &t);
    }
    let first = &mut s.insights[0];
    first.practice = Some(PracticeType::Innovation);
    first.kind = Kind::Enabler;
    first.tags = vec!["bwyd".into(), "food".into()];
    first.starred = true;
    first.comments.push(Comment {
        id: new_id(),
        author: "dafydd@laptop".into(),
        at: jiff::Timestamp::from_second(1_791_000_100).unwrap(),
        text: "Check the year with Siân & Dai <soon>".into(),
        text_modified: None,
        deleted: false,
        deleted_modified: None,
    });
    let id = first.id;
    let mut theme = Theme::create("Cydweithio & ymddiriedaeth 🤝", &t);
    theme.set_member(id, true, &t);
    s.themes.push(theme);
    s
}

/// Where the Unicode-heavy session lives, for `tests/qualcoder/import.py`
/// as much as for the tests here.
pub const UNICODE_SESSION: &str = "tests/qualcoder/unicode.ron";

/// A Welsh and Urdu workshop (right-to-left script, emoji with skin tones
/// and joiners) whose title has `/` and `:`; a tag and a theme both called
/// "food", a tag called "Themes", comments in both languages by two
/// devices, someone quoted who said nothing, someone not recorded and
/// someone who declined. Written to [`UNICODE_SESSION`] by
/// `write_the_unicode_session` (run it with `--ignored` after changing this).
pub fn unicode() -> Session {
    let at = |s: i64| jiff::Timestamp::from_second(1_793_000_000 + s).unwrap();
    let (mut gwen, mut ayesha) = (
        StampClock::new("gwen@gliniadur"),
        StampClock::new("ayesha@laptop"),
    );
    let details = SessionDetails {
        title: "Cymuned / کمیونٹی: pŵer 💪🏾 Caerdydd".into(),
        place: Place {
            locality: "Caerdydd / Cardiff".into(),
            nation: Nation::Wales,
        },
        date: jiff::civil::date(2026, 11, 5),
        facilitator: "Ŵyn Prys".into(),
        note_takers: vec!["Ayesha".into()],
    };
    let mut s = Session::new(details, gwen.stamp_at(at(0)));
    let t = gwen.stamp_at(at(1));
    let mut person = |name: &str, consent: Consent| {
        let fields = ParticipantFields {
            name: name.into(),
            organisation: "Hwb Cymunedol / کمیونٹی ہب".into(),
            sector: Sector::Community,
            consent,
            deleted: false,
        };
        s.add_participant(fields, &t)
    };
    let given = Consent::Given(at(1));
    let gwenllian = person("Gwenllïan ap Siôn", given.clone());
    let aisha = person("عائشہ خان", given.clone());
    person("Dafydd Ŵyn", given);
    let zainab = person("Zainab Malik", Consent::NotRecorded);
    let ffion = person("Ffion Ellis", Consent::Declined(at(1)));
    let food = || vec!["food".to_owned()];
    let lines: [(usize, &str, Option<Ulid>, Vec<String>); 7] = [
        (
            1,
            "Mae'r hwb bwyd yn cyfieithu: ہم سب مل کر کام کرتے ہیں 🤝",
            Some(gwenllian),
            vec!["bwyd".into(), "food".into()],
        ),
        (
            1,
            "ہمارے محلے میں کھانے کا بینک 🍲 the food bank",
            Some(aisha),
            food(),
        ),
        (
            2,
            "Llais y gymuned 👩🏽‍🤝‍👩🏻 first, the council second",
            Some(gwenllian),
            vec!["Themes".into()],
        ),
        (
            2,
            "Zainab's idea: مشترکہ باغ (shared garden)",
            Some(zainab),
            Vec::new(),
        ),
        (3, "Ffion's point, to be left out", Some(ffion), Vec::new()),
        (
            3,
            "Nobody asked: \"who decides?\" <council> & co",
            None,
            Vec::new(),
        ),
        (
            4,
            "التعاون هو الأساس: cydweithio yw'r sylfaen",
            Some(aisha),
            Vec::new(),
        ),
    ];
    let mut ids = Vec::new();
    for (n, (question, text, participant, tags)) in lines.into_iter().enumerate() {
        let clock = if n % 2 == 0 { &mut gwen } else { &mut ayesha };
        let stamp = clock.stamp_at(at(60 * (n as i64 + 1)));
        let fields = InsightFields {
            question,
            text: text.into(),
            participant,
            tags,
            ..Default::default()
        };
        ids.push(s.add_insight(fields, &stamp));
    }
    let comments = [
        (0, "dafydd@gliniadur", "Gwirio'r cyfieithiad Wrdw ✔"),
        (0, "ayesha@laptop", "ترجمہ ٹھیک ہے 👍"),
        (6, "ayesha@laptop", "RTL then LTR: شکریہ, diolch"),
    ];
    for (n, (insight, author, text)) in comments.into_iter().enumerate() {
        let insight = s
            .insights
            .iter_mut()
            .find(|i| i.id == ids[insight])
            .unwrap();
        insight.comments.push(Comment {
            id: new_id(),
            author: author.into(),
            at: at(1000 + n as i64),
            text: text.into(),
            text_modified: None,
            deleted: false,
            deleted_modified: None,
        });
    }
    let t = gwen.stamp_at(at(2000));
    let mut theme = Theme::create("food", &t);
    theme.set_member(ids[0], true, &t);
    theme.set_member(ids[1], true, &t);
    s.themes.push(theme);
    let mut theme = Theme::create("Cydweithio 🤝", &t);
    theme.set_member(ids[2], true, &t);
    s.themes.push(theme);
    s
}

pub fn prepared(sessions: &[Session]) -> Prepared {
    prepare(sessions, Options::default())
}

/// Every prepared set the tests export: each sample, all samples, a session
/// with its copies (same session id), the Welsh one, and nothing at all.
pub fn cases() -> Vec<(String, Prepared)> {
    let all = samples("sessions");
    let mut out: Vec<(String, Prepared)> = all
        .iter()
        .map(|s| (s.title.clone(), prepared(std::slice::from_ref(s))))
        .collect();
    out.push(("all samples".into(), prepared(&all)));
    let mut copies = samples("sessions/copies");
    copies.push(all[2].clone());
    out.push(("a session and its copies".into(), prepared(&copies)));
    out.push(("Welsh".into(), prepared(&[welsh()])));
    let unicode = crate::storage::load(&repo().join(UNICODE_SESSION)).unwrap();
    out.push(("Unicode".into(), prepared(&[unicode])));
    out.push(("nothing".into(), prepared(&[])));
    out
}

pub fn unzip(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let names: Vec<String> = archive
        .file_names()
        .map(|n| n.unwrap().into_owned())
        .collect();
    names
        .into_iter()
        .map(|name| {
            let mut text = String::new();
            archive
                .by_name(&name)
                .unwrap()
                .read_to_string(&mut text)
                .unwrap();
            (name, text)
        })
        .collect()
}

pub fn code_guids(root: &Node) -> Vec<(String, String)> {
    root.named("Code")
        .map(|c| (c.attr("guid").to_owned(), c.attr("name").to_owned()))
        .collect()
}

/// A source's selections: start, end, and the `<PlainTextSelection>`.
pub type Selections = Vec<(usize, usize, Node)>;

/// The `(start, end)` positions of each selection in each source, with the
/// source's text, read back from the archive.
pub fn selections(prepared: &Prepared) -> Vec<(String, Selections)> {
    let files = unzip(&qdpx(prepared));
    let root = parse(&files["project.qde"]);
    let sources = root.named("TextSource");
    sources
        .map(|source| {
            let path = source.attr("plainTextPath");
            let file = path.replace("internal://", "sources/");
            let text = files
                .get(&file)
                .unwrap_or_else(|| panic!("{path} not in the archive"))
                .clone();
            let selections = source
                .children
                .iter()
                .filter(|c| c.name == "PlainTextSelection");
            let at = |n: &Node, k: &str| n.attr(k).parse::<usize>().unwrap();
            let spans =
                selections.map(|s| (at(s, "startPosition"), at(s, "endPosition"), s.clone()));
            (text, spans.collect())
        })
        .collect()
}

pub fn chars(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}
