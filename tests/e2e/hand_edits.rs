//! Hand edits through `stb merge`: a value changed in an editor without its
//! stamp wins when the common ancestor shows it was edited, and is a
//! conflict in the report when nothing can tell.

use super::merge::{load_one, sample, stb};

/// A text fixed in an editor without touching its stamp: with the common
/// ancestor it wins whatever its letters (upper case sorts first, and used
/// to lose); without one, the report lists it as a conflict, never "no
/// conflicts".
#[test]
fn a_hand_edit_wins_with_a_base_and_is_a_conflict_without_one() {
    let tmp = tempfile::tempdir().unwrap();
    let base = sample("2026-10-14-pembrokeshire.ron");
    let session = load_one(&base);
    let said = session.live_insights().next().unwrap().text.clone();
    for fixed in [said.to_uppercase(), format!("Really: {said}")] {
        let edited = tmp.path().join("edited.ron");
        let text = std::fs::read_to_string(&base).unwrap();
        std::fs::write(&edited, text.replacen(&said, &fixed, 1)).unwrap();
        let out = tmp.path().join("out.ron");
        let run = stb(
            tmp.path(),
            &[
                "merge".as_ref(),
                base.as_os_str(),
                edited.as_os_str(),
                "--base".as_ref(),
                base.as_os_str(),
                "-o".as_ref(),
                out.as_os_str(),
                "--force".as_ref(),
            ],
        );
        assert_eq!(run.code, Some(0), "{}", run.err);
        let merged = load_one(&out);
        assert!(
            merged.live_insights().any(|i| i.text == fixed),
            "the hand edit {fixed:?} is kept"
        );
        let without_base = stb(
            tmp.path(),
            &[
                "merge".as_ref(),
                base.as_os_str(),
                edited.as_os_str(),
                "-o".as_ref(),
                out.as_os_str(),
                "--force".as_ref(),
            ],
        );
        assert_eq!(without_base.code, Some(0), "{}", without_base.err);
        assert!(
            !without_base.out.contains("no conflicts") && without_base.out.contains("text"),
            "{}",
            without_base.out
        );
    }
}
