//! `stb export` and `stb erase` through the binary, on copies of the
//! committed samples: what leaves stb respects consent and pseudonyms, is
//! readable by its owner only, and erasure is for good.

use super::merge::{sample, stb};
use stb::model::Consent;
use stb::review::fold;
use stb::storage;

const PEMBS: &str = "2026-10-14-pembrokeshire.ron";

#[test]
fn json_export_reads_back_and_leaves_out_what_consent_does_not_allow() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out.json");
    let run = stb(
        tmp.path(),
        &[
            "export",
            sample(PEMBS).to_str().unwrap(),
            "--format",
            "json-shared",
            "-o",
            "out.json",
        ],
    );
    assert_eq!(run.code, Some(0), "{}", run.err);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&out).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    let back = stb::export::json::from_json(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let original = storage::load(&sample(PEMBS)).unwrap();
    let exported = &back[0];
    assert_eq!(exported.id, original.id);
    let unnamed = exported
        .participants
        .iter()
        .find(|p| p.name == "a participant")
        .expect("unrecorded consent in the sample: their speakers are \"a participant\"");
    assert!(
        original.participant(unnamed.id).is_none(),
        "no one's real entry"
    );
    for p in &original.participants {
        let listed = exported.participants.iter().any(|e| e.id == p.id);
        assert_eq!(
            listed,
            matches!(p.consent, Consent::Given(_)) && !p.deleted,
            "{}",
            p.name
        );
    }
    // Every attributed insight that went out is attributed to someone who
    // consented, or to "a participant" if their consent is not recorded.
    for i in &exported.insights {
        let Some(p) = i.participant else { continue };
        let said_by = original.insight(i.id).unwrap().participant;
        let consent = said_by
            .and_then(|q| original.participant(q))
            .map(|q| &q.consent);
        if p == unnamed.id {
            assert_eq!(consent, Some(&Consent::NotRecorded));
        } else {
            assert_eq!(said_by, Some(p));
            assert!(matches!(consent, Some(Consent::Given(_))));
        }
    }
    // An existing output is refused without --force.
    let again = stb(
        tmp.path(),
        &[
            "export",
            sample(PEMBS).to_str().unwrap(),
            "--format",
            "json-shared",
            "-o",
            "out.json",
        ],
    );
    assert_ne!(again.code, Some(0));
    assert!(again.err.contains("already exists"), "{}", again.err);
}

#[test]
fn a_pseudonymised_export_holds_no_name_and_the_key_only_when_asked() {
    let tmp = tempfile::tempdir().unwrap();
    let input = sample(PEMBS);
    let args = [
        "export",
        input.to_str().unwrap(),
        "--format",
        "json-shared",
        "--pseudonymise",
        "--coarsen",
    ];
    let run = stb(tmp.path(), &args);
    assert_eq!(run.code, Some(0), "{}", run.err);
    let text = fold(&run.out);
    let original = storage::load(&sample(PEMBS)).unwrap();
    for p in &original.participants {
        for word in p.name.split_whitespace().filter(|w| w.chars().count() >= 3) {
            let word = fold(word);
            assert!(
                !text
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| w == word),
                "{word} leaked"
            );
        }
    }
    assert!(
        std::fs::read_dir(tmp.path()).unwrap().next().is_none(),
        "no key file unless asked"
    );
    let mut with_key = args.to_vec();
    with_key.extend(["--key-file", "key.csv"]);
    let run = stb(tmp.path(), &with_key);
    assert_eq!(run.code, Some(0), "{}", run.err);
    let key = std::fs::read_to_string(tmp.path().join("key.csv")).unwrap();
    assert!(key.starts_with("session,pseudonym,name,consent"), "{key}");
    let original = storage::load(&sample(PEMBS)).unwrap();
    let consenting = original
        .live_participants()
        .filter(|p| matches!(p.consent, Consent::Given(_)))
        .count();
    let quoted = key.lines().filter(|l| l.ends_with(",\"given\""));
    assert_eq!(
        quoted.count(),
        consenting,
        "one row per quoted participant:\n{key}"
    );
    // Then the staff: the facilitator, note-takers and devices.
    for line in key.lines().skip(1) {
        let staff = [",\"F", ",\"N", ",\"D"].iter().any(|p| line.contains(p));
        assert!(line.contains(",\"P") || staff, "{line}");
    }
    assert!(
        key.contains("\"facilitator\"") && key.contains("\"device\""),
        "{key}"
    );
}

#[test]
fn erase_removes_a_participant_for_good_and_keeps_the_rest() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join(PEMBS);
    std::fs::copy(sample(PEMBS), &file).unwrap();
    let before = storage::load(&file).unwrap();
    let person = before
        .live_participants()
        .find(|p| before.live_insights().any(|i| i.participant == Some(p.id)))
        .unwrap();
    let name = person.name.clone();
    let theirs = before
        .live_insights()
        .filter(|i| i.participant == Some(person.id))
        .count();
    let run = stb(
        tmp.path(),
        &[
            "erase",
            "--participant",
            &name.to_uppercase(),
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, Some(0), "{}", run.err);
    let after = storage::load(&file).unwrap();
    assert_eq!(
        after.live_participants().count(),
        before.live_participants().count() - 1
    );
    assert_eq!(
        after.live_insights().count(),
        before.live_insights().count() - theirs
    );
    assert_eq!(
        after.insights.len(),
        before.insights.len(),
        "records stay, as tombstones"
    );
    let text = std::fs::read_to_string(&file).unwrap();
    let surname = fold(name.split_whitespace().last().unwrap());
    assert!(
        !fold(&text)
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w == surname),
        "{surname} still in the file"
    );
    let unknown = stb(
        tmp.path(),
        &[
            "erase",
            "--participant",
            "Nobody At All",
            file.to_str().unwrap(),
        ],
    );
    assert_ne!(unknown.code, Some(0));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        text,
        "nothing changed"
    );
}
