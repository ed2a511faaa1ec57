//! The CSV read back with the csv crate: one row per exported insight, every
//! column filled as documented, and Welsh, emoji, commas, quotes and line
//! breaks surviving byte for byte.

use super::*;
use crate::export::{Options, prepare};
use crate::model::{
    Consent, InsightFields, Kind, Nation, ParticipantFields, Place, PracticeType, Sector,
    SessionDetails, Stamp, StampClock, Theme,
};

fn samples() -> Vec<Session> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| crate::storage::load(p).unwrap())
        .collect()
}

/// Reads CSV bytes (without a BOM) back into the header and rows.
fn read(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = ::csv::Reader::from_reader(bytes);
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

const WELSH: &str = "Mae'r hwb bwyd yn Nhyddewi'n gweithio: ŵ ŷ â 🙂👩‍👩‍👧";
const AWKWARD: &str = "Funding, \"short-term\" as ever,\nthen cut\r\nagain; \"really\"";

fn hand_built() -> Session {
    let mut clock = StampClock::new("t");
    let t = clock.stamp_at(jiff::Timestamp::from_second(1_790_000_000).unwrap());
    let details = SessionDetails {
        title: "Sir Benfro, \"hwb\"".into(),
        place: Place {
            locality: "Hwlffordd".into(),
            nation: Nation::Wales,
        },
        date: jiff::civil::date(2026, 9, 21),
        facilitator: "Rhian".into(),
        ..Default::default()
    };
    let mut s = Session::new(details, t.clone());
    let siân = s.add_participant(
        ParticipantFields {
            name: "Siân Ŵyn".into(),
            organisation: "Cymdeithas Tai, Sir Benfro".into(),
            sector: Sector::Vcse,
            consent: Consent::Given(jiff::Timestamp::UNIX_EPOCH),
            ..Default::default()
        },
        &t,
    );
    s.add_insight(
        InsightFields {
            question: 2,
            text: WELSH.into(),
            participant: Some(siân),
            practice: Some(PracticeType::Innovation),
            kind: Kind::Enabler,
            tags: vec!["bwyd".into(), "cymraeg".into()],
            starred: true,
            deleted: false,
            ..InsightFields::default()
        },
        &t,
    );
    let later = clock.stamp_at(jiff::Timestamp::from_second(1_790_000_100).unwrap());
    let awkward = s.add_insight(
        InsightFields {
            question: 1,
            text: AWKWARD.into(),
            kind: Kind::Barrier,
            ..Default::default()
        },
        &t,
    );
    let mut fields = s.insight(awkward).unwrap().fields();
    fields.starred = true;
    s.edit_insight(awkward, fields, &later);
    for name in ["Food; hubs", "Trust"] {
        let mut theme = Theme::create(name, &Stamp::default());
        theme.set_member(s.insights[0].id, true, &Stamp::default());
        s.themes.push(theme);
    }
    s
}

#[test]
fn one_row_per_exported_insight_with_every_column() {
    let prepared = prepare(&samples(), Options::default());
    let (header, rows) = read(&render(&prepared, CsvOptions::default()));
    assert_eq!(header, COLUMNS);
    let exported: Vec<String> = prepared
        .sessions
        .iter()
        .flat_map(|s| &s.insights)
        .map(|i| i.id.to_string())
        .collect();
    assert!(exported.len() > 100, "the samples hold many insights");
    assert_eq!(rows.len(), exported.len());
    assert!(rows.iter().all(|r| r.len() == COLUMNS.len()));
    let mut ids: Vec<String> = rows.iter().map(|r| r[17].clone()).collect();
    let mut want = exported.clone();
    ids.sort();
    want.sort();
    assert_eq!(ids, want, "each exported insight exactly once");
    for row in &rows {
        let session = prepared
            .sessions
            .iter()
            .find(|s| s.title == row[0])
            .unwrap();
        let insight = session
            .insights
            .iter()
            .find(|i| i.id.to_string() == row[17])
            .unwrap();
        assert_eq!(row[6], insight.text);
        assert_eq!(row[4], insight.question.to_string());
        assert_eq!(row[5], session.questions[insight.question - 1].text);
        assert_eq!(row[2], session.place.nation.label());
        // Consent not recorded: "a participant", never a name nor a blank.
        let anonymous = prepared.anonymous.contains(&insight.id);
        assert_eq!(row[7] == "a participant", anonymous);
        assert_eq!(
            row[7].is_empty(),
            insight.participant.is_none() && !anonymous
        );
    }
    assert!(
        !prepared.anonymous.is_empty(),
        "the samples have unrecorded consent"
    );
}

#[test]
fn welsh_emoji_and_awkward_text_round_trip() {
    let prepared = prepare(&[hand_built()], Options::default());
    let bytes = render(&prepared, CsvOptions::default());
    let (_, rows) = read(&bytes);
    assert_eq!(rows.len(), 2);
    // Question 1 comes first, whatever the capture order.
    let (awkward, welsh) = (&rows[0], &rows[1]);
    assert_eq!(
        awkward[6], AWKWARD,
        "commas, quotes and line breaks survive"
    );
    assert_eq!(awkward[0], "Sir Benfro, \"hwb\"");
    assert_eq!(
        [&awkward[7], &awkward[8], &awkward[9], &awkward[10]],
        ["", "", "", ""],
        "unattributed and unclassified"
    );
    assert_eq!(awkward[11], "Barrier");
    assert_eq!(awkward[14], "true");
    assert_eq!(awkward[15], "2026-09-21T14:13:20Z");
    assert_eq!(awkward[16], "2026-09-21T14:15:00Z", "the edit's time");
    assert_eq!(welsh[6], WELSH);
    assert_eq!(welsh[7], "Siân Ŵyn");
    assert_eq!(welsh[8], "Cymdeithas Tai, Sir Benfro");
    assert_eq!(welsh[9], Sector::Vcse.label());
    assert_eq!(welsh[10], "Innovation");
    assert_eq!(welsh[11], "Enabler");
    assert_eq!(welsh[12], "bwyd; cymraeg");
    assert_eq!(welsh[13], "Food; hubs; Trust");
    assert_eq!(welsh[3], "2026-09-21", "the session date, ISO");
    assert_eq!(welsh[15], welsh[16], "never edited: modified is created");
    let header_end = bytes.windows(2).position(|w| w == b"\r\n").unwrap();
    assert_eq!(
        &bytes[..header_end],
        COLUMNS.join(",").as_bytes(),
        "CRLF ends"
    );
}

#[test]
fn pseudonyms_replace_names() {
    let options = Options {
        pseudonymise: true,
        coarsen: true,
    };
    let bytes = render(&prepare(&[hand_built()], options), CsvOptions::default());
    let (_, rows) = read(&bytes);
    assert_eq!(rows[1][7], "P01");
    assert_eq!(rows[1][8], Sector::Vcse.label(), "organisation coarsened");
    assert!(!String::from_utf8(bytes).unwrap().contains("Siân"));
}

#[test]
fn bom_only_when_asked() {
    let prepared = prepare(&[hand_built()], Options::default());
    let plain = render(&prepared, CsvOptions::default());
    let marked = render(
        &prepared,
        CsvOptions {
            bom: true,
            ..CsvOptions::default()
        },
    );
    assert!(plain.starts_with(b"session,"));
    assert!(marked.starts_with(BOM));
    assert_eq!(&marked[BOM.len()..], &plain[..]);
    assert_eq!(
        std::str::from_utf8(&marked).unwrap().chars().next(),
        Some('\u{feff}')
    );
}

/// CSV injection (OWASP): a cell that a spreadsheet would run as a formula
/// gets a leading `'` by default, and is written as typed when the guard is
/// off for analysis tools.
#[test]
fn formulas_are_guarded_by_default_and_raw_when_asked() {
    let formulas = [
        "=HYPERLINK(\"https://example.org\",\"click\")",
        "+44 1437 000000",
        "-1 for the bus",
        "@SUM(A1:A9)",
        "\tled by a tab",
        "\r\nled by a line break",
    ];
    let mut session = hand_built();
    let t = StampClock::new("t").stamp_at(jiff::Timestamp::from_second(1_790_000_200).unwrap());
    for text in formulas.iter().chain(&["a = b, not a formula"]) {
        let fields = InsightFields {
            question: 3,
            text: (*text).into(),
            tags: vec!["=tag".into()],
            ..Default::default()
        };
        session.add_insight(fields, &t);
    }
    let prepared = prepare(&[session], Options::default());
    let texts = |options| -> Vec<(String, String)> {
        let (_, rows) = read(&render(&prepared, options));
        rows.into_iter()
            .filter(|r| r[4] == "3")
            .map(|r| (r[6].clone(), r[12].clone()))
            .collect()
    };
    let guarded = texts(CsvOptions::default());
    let raw = texts(CsvOptions {
        formula_guard: false,
        ..CsvOptions::default()
    });
    for (n, formula) in formulas.iter().enumerate() {
        assert_eq!(guarded[n].0, format!("'{formula}"));
        assert_eq!(guarded[n].1, "'=tag");
        assert_eq!(raw[n].0, *formula);
        assert_eq!(raw[n].1, "=tag");
    }
    assert_eq!(guarded[formulas.len()].0, "a = b, not a formula");
}

#[test]
fn the_key_file_is_guarded_and_inert_too() {
    let key = [crate::export::KeyEntry {
        session: "=cmd|' /C calc'!A0".into(),
        pseudonym: "P01".into(),
        name: "@Siân".into(),
        consent: "given",
    }];
    assert_eq!(
        key_file(&key, true),
        "session,pseudonym,name,consent\r\n\"'=cmd|' /C calc'!A0\",\"P01\",\"'@Siân\",\"given\"\r\n"
    );
    assert!(key_file(&key, false).contains("\"=cmd|' /C calc'!A0\",\"P01\",\"@Siân\""));
}
