use super::*;
use crate::model::{InsightFields, Kind, Nation, Place, PracticeType, SessionDetails, StampClock};
use jiff::Timestamp;

pub(super) fn sample() -> Session {
    let mut clock = StampClock::new("test-laptop");
    let t = clock.stamp_at(Timestamp::from_second(1_790_000_000).unwrap());
    let mut s = Session::new(
        SessionDetails {
            title: "Community power in Pembrokeshire".into(),
            place: Place {
                locality: "Pembrokeshire".into(),
                nation: Nation::Wales,
            },
            date: jiff::civil::date(2026, 11, 22),
            facilitator: "Rhian".into(),
            note_takers: vec!["Dafydd".into()],
        },
        t.clone(),
    );
    s.add_insight(
        InsightFields {
            question: 1,
            text: "Hwb bwyd yn y ganolfan hamdden — ŵ ŷ 👩‍👩‍👧 \u{1b}[2J".into(),
            practice: Some(PracticeType::Innovation),
            kind: Kind::Enabler,
            tags: vec!["food".into()],
            ..Default::default()
        },
        &t,
    );
    s
}

#[test]
fn a_saved_session_loads_back_identical() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    let s = sample();
    save(&path, &s).unwrap();
    assert_eq!(load(&path).unwrap(), s);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("Hwb bwyd"), "Unicode stays itself:\n{text}");
    assert!(!text.contains('\u{1b}'), "control characters are escaped");
}

#[cfg(unix)]
#[test]
fn saved_files_are_private_to_their_owner() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    save(&path, &sample()).unwrap();
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn a_syntax_error_names_file_line_and_column() {
    let text = to_ron(&sample()).replacen("title:", "title", 1);
    let err = parse_session(&text, Path::new("x.ron")).unwrap_err();
    let msg = err.to_string();
    assert!(msg.starts_with("x.ron:4:"), "{msg}");
    assert!(!msg.contains('\n'));
}

#[test]
fn an_unknown_field_is_refused_with_its_position() {
    let text = to_ron(&sample()).replacen("\tfacilitator:", "\tfacilitatr:", 1);
    let msg = parse_session(&text, Path::new("y.ron"))
        .unwrap_err()
        .to_string();
    assert!(msg.starts_with("y.ron:"), "{msg}");
    assert!(msg.contains("facilitatr"), "{msg}");
}

#[test]
fn a_newer_format_is_refused_and_the_file_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.ron");
    let text = to_ron(&sample())
        .replacen("format: 3", "format: 7", 1)
        .replacen("\ttitle:", "\tfuture_field: 3,\n\ttitle:", 1);
    std::fs::write(&path, &text).unwrap();
    let err = load(&path).unwrap_err();
    assert!(matches!(err, LoadError::TooNew { found: 7, .. }), "{err}");
    assert!(err.to_string().contains("newer"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
}

#[test]
fn missing_optional_fields_take_their_defaults() {
    let text = r#"(
        format: 1,
        id: "01JD0000000000000000000000",
        title: "Hand written",
        place: (locality: "Ayr"),
        date: "2026-11-22",
        facilitator: "Morag",
        questions: [(title: "Q", text: "Why?")],
        participants: [(id: "01JD0000000000000000000002", name: "Ann")],
        insights: [(id: "01JD0000000000000000000001", question: 1, text: "Trust grew", created: "2026-11-22T10:00:00Z")],
    )"#;
    let s = parse_session(text, Path::new("h.ron")).unwrap();
    let ann = &s.participants[0];
    assert_eq!(ann.sector, crate::model::Sector::NotRecorded, "never Other");
    assert_eq!(ann.consent, crate::model::Consent::NotRecorded);
    assert_eq!(s.place.nation, Nation::England);
    assert_eq!(s.timeline.len(), 1, "timeline made whole");
    assert_eq!(s.timeline[0].allotted_minutes, 20);
    assert_eq!(s.insights[0].kind, Kind::Observation);
    assert!(!s.insights[0].deleted);
}

#[test]
fn dangling_references_are_reported() {
    let mut s = sample();
    s.insights[0].question = 9;
    let msg = parse_session(&to_ron(&s), Path::new("z.ron"))
        .unwrap_err()
        .to_string();
    assert!(msg.contains("question 9"), "{msg}");
}

#[test]
fn new_file_names_are_readable_and_unique() {
    let dir = tempfile::tempdir().unwrap();
    let s = sample();
    let first = new_session_path(dir.path(), &s);
    assert_eq!(first.file_name().unwrap(), "2026-11-22-pembrokeshire.ron");
    std::fs::write(&first, "").unwrap();
    let second = new_session_path(dir.path(), &s);
    assert_eq!(
        second.file_name().unwrap(),
        "2026-11-22-pembrokeshire-2.ron"
    );
}

#[test]
fn the_folder_lists_newest_first_with_counts_and_errors() {
    let dir = tempfile::tempdir().unwrap();
    let mut old = sample();
    old.date = jiff::civil::date(2025, 1, 1);
    save(&dir.path().join("old.ron"), &old).unwrap();
    save(&dir.path().join("new.ron"), &sample()).unwrap();
    std::fs::write(dir.path().join("bad.ron"), "(format: 1,").unwrap();
    let listed = list_sessions(dir.path());
    assert_eq!(listed.len(), 3);
    let first = listed[0].summary().unwrap().as_ref().unwrap();
    assert_eq!(first.date, jiff::civil::date(2026, 11, 22));
    assert_eq!(first.insights, 1);
    assert!(
        listed[2]
            .summary()
            .unwrap()
            .as_ref()
            .unwrap_err()
            .contains("bad.ron:")
    );
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

    /// Whatever text an insight holds (controls, bidi overrides, quotes,
    /// backslashes, joiners), it survives a save and load unchanged, and the
    /// file never carries a raw control or bidi character.
    #[test]
    fn any_text_round_trips_and_the_file_stays_inert(text in "(\\PC|[\\x00-\\x1f\\x7f\\u{80}-\\u{9f}\\u{202a}-\\u{202e}\\u{2066}-\\u{2069}'\"\\\\]|\\\\u\\{41\\}){0,40}") {
        let mut s = sample();
        s.insights[0].text = text.clone();
        let file = to_ron(&s);
        let back = parse_session(&file, Path::new("p.ron")).unwrap();
        proptest::prop_assert_eq!(&back.insights[0].text, &text);
        // Tabs indent; past them, nothing raw.
        let raw = |line: &str| line.trim_start_matches('\t').chars().any(readable::must_stay_escaped);
        proptest::prop_assert!(!file.lines().any(raw));
    }
}

#[test]
fn a_merge_of_several_workshops_lists_as_one_row_that_opens_in_review() {
    let dir = tempfile::tempdir().unwrap();
    let mut other = sample();
    other.id = crate::model::new_id();
    other.place.locality = "Ayr".into();
    let file = SessionFile::from_sessions(vec![sample(), other]);
    save_file(&dir.path().join("merged.ron"), &file).unwrap();
    let listed = list_sessions(dir.path());
    let summary = listed[0].summary().unwrap().as_ref().unwrap();
    assert_eq!(summary.sessions, 2);
    assert_eq!(summary.title, "2 workshops merged");
    assert_eq!(summary.insights, 2);
    assert!(
        summary.place.contains("Pembrokeshire") && summary.place.contains("Ayr"),
        "{summary:?}"
    );
}

#[test]
fn a_file_that_is_not_utf8_names_the_line_and_column_of_the_bad_byte() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.ron");
    std::fs::write(&path, b"(\n  title: \"Caf\xe9\",\n)").unwrap();
    let error = load(&path).unwrap_err().to_string();
    assert_eq!(
        error,
        format!(
            "{}:2:14: not UTF-8 text: session files are UTF-8",
            path.display()
        )
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        b"(\n  title: \"Caf\xe9\",\n)",
        "the file is left as it was"
    );
}

#[test]
fn a_file_far_larger_than_any_session_is_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    // Sparse: no disk or memory is spent making it.
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(super::MAX_FILE_BYTES + 1).unwrap();
    let error = load(&path).unwrap_err().to_string();
    assert!(error.contains("larger than any session"), "{error}");
    assert!(error.starts_with(&path.display().to_string()), "{error}");
    assert!(crate::storage::load_file(&path).is_err());
}

#[test]
fn stb_list_streams_the_same_rows_as_a_full_listing_read_or_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut old = sample();
    old.date = jiff::civil::date(2025, 1, 1);
    save(&dir.path().join("old.ron"), &old).unwrap();
    save(&dir.path().join("new.ron"), &sample()).unwrap();
    let mut other = sample();
    other.id = crate::model::new_id();
    other.date = jiff::civil::date(2026, 12, 1);
    let merged = SessionFile::from_sessions(vec![sample(), other]);
    save_file(&dir.path().join("merged.ron"), &merged).unwrap();
    std::fs::write(dir.path().join("bad.ron"), "(format: 1,").unwrap();
    let full = list_sessions(dir.path());
    for round in ["nothing kept", "summaries kept"] {
        let mut streamed = Vec::new();
        list_in_order(dir.path(), |row| streamed.push(row.clone()));
        assert_eq!(streamed, full, "{round}");
    }
    // The merge (newest, read first: it has no head) leads.
    assert_eq!(full[0].summary().unwrap().as_ref().unwrap().sessions, 2);
}
