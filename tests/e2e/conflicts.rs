//! Conflicts kept as data, through the real binary: two copies holding
//! different texts of one insight under one stamp (a hand edit, no base)
//! merge into a file that keeps both, `stb check` lists it and still exits
//! 0, and merging again with either copy changes nothing.

use super::merge::{copies, merge_ok, stb};
use stb::storage;

#[test]
fn a_hand_edit_with_no_base_is_kept_open_listed_by_check_and_stable() {
    let tmp = tempfile::tempdir().unwrap();
    let (gwen, _) = copies();
    let mut edited = storage::load(&gwen).unwrap();
    let at = edited.insights.iter().position(|i| !i.deleted).unwrap();
    let text = edited.insights[at].text.clone();
    edited.insights[at].text = text.to_uppercase();
    let a = tmp.path().join("a.ron");
    let b = tmp.path().join("b.ron");
    std::fs::copy(&gwen, &a).unwrap();
    storage::save(&b, &edited).unwrap();

    let out = tmp.path().join("m.ron");
    let report = merge_ok(&[&a, &b], &out);
    assert!(report.contains("1 conflict kept open"), "{report}");
    let merged = storage::load(&out).unwrap();
    let open: Vec<_> = merged.open_conflicts().collect();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].values.len(), 2, "both texts kept");

    let check = stb(tmp.path(), &["check", "m.ron"]);
    assert_eq!(check.code, Some(0), "{}", check.err);
    assert!(check.out.contains(" · 1 open conflict\n"), "{}", check.out);
    assert!(check.out.contains("  conflict: insight “"), "{}", check.out);

    let bytes = std::fs::read(&out).unwrap();
    for other in [&a, &b] {
        let again = tmp.path().join("again.ron");
        merge_ok(&[&out, other], &again);
        assert!(std::fs::read(&again).unwrap() == bytes, "stable");
        std::fs::remove_file(&again).unwrap();
    }
}
