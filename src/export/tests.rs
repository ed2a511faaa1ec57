use super::*;
use crate::model::{
    Comment, Consent, InsightFields, ParticipantFields, Place, SessionDetails, StampClock, Theme,
    new_id,
};
use proptest::prelude::*;
use std::collections::BTreeMap;

fn session(names: &[(&str, Consent)]) -> Session {
    let mut clock = StampClock::new("t");
    let t = clock.stamp_at(jiff::Timestamp::from_second(1_790_000_000).unwrap());
    let details = SessionDetails {
        title: "W".into(),
        place: Place {
            locality: "Ayr".into(),
            nation: crate::model::Nation::Scotland,
        },
        facilitator: "Morag".into(),
        ..Default::default()
    };
    let mut s = Session::new(details, t.clone());
    for (name, consent) in names {
        let id = s.add_participant(
            ParticipantFields {
                name: (*name).into(),
                organisation: "Ayr Council".into(),
                consent: consent.clone(),
                ..Default::default()
            },
            &t,
        );
        s.add_insight(
            InsightFields {
                question: 1,
                text: format!("{name} set up the hub"),
                participant: Some(id),
                ..Default::default()
            },
            &t,
        );
    }
    s
}

fn given() -> Consent {
    Consent::Given(jiff::Timestamp::UNIX_EPOCH)
}

#[test]
fn pseudonyms_are_stable_and_replace_names_everywhere() {
    let s = session(&[("Ann Jones", given()), ("Bryn Davies", given())]);
    let prepared = prepare(
        std::slice::from_ref(&s),
        Options {
            pseudonymise: true,
            coarsen: true,
        },
    );
    let out = &prepared.sessions[0];
    assert_eq!(
        out.participants
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>(),
        ["P01", "P02"]
    );
    assert_eq!(out.insights[0].text, "P01 set up the hub");
    assert_eq!(
        out.participants[0].organisation, "Not recorded",
        "coarsened to the sector, which nobody recorded"
    );
    assert_eq!(prepared.key[0].name, "Ann Jones");
    assert_eq!(prepared.key[0].pseudonym, "P01");
    let again = prepare(
        &[s],
        Options {
            pseudonymise: true,
            coarsen: false,
        },
    );
    assert_eq!(
        again.sessions[0].participants[1].name, "P02",
        "the same every time"
    );
}

#[test]
fn consent_decides_attributed_anonymous_or_left_out() {
    let s = session(&[
        ("Ann Jones", given()),
        ("Cai Owen", Consent::NotRecorded),
        (
            "Dilys Rees",
            Consent::Withdrawn(jiff::Timestamp::UNIX_EPOCH),
        ),
    ]);
    let out = &prepare(&[s], Options::default()).sessions[0];
    let texts: Vec<&str> = out.insights.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(
        texts,
        ["Ann Jones set up the hub", "[a participant] set up the hub"]
    );
    assert!(out.insights[0].participant.is_some());
    assert!(
        out.insights[1].participant.is_none(),
        "not recorded: unattributed"
    );
    assert_eq!(
        out.participants.len(),
        1,
        "only those who consented are listed"
    );
}

#[test]
fn json_reads_back_into_the_same_sessions() {
    let mut s = session(&[("Ann Jones", given())]);
    s.themes
        .push(Theme::create("Hubs", &crate::model::Stamp::default()));
    let id = s.insights[0].id;
    s.themes[0].set_member(id, true, &crate::model::Stamp::default());
    s.insights[0].comments.push(Comment {
        id: new_id(),
        author: "n".into(),
        at: jiff::Timestamp::UNIX_EPOCH,
        text: "c".into(),
        text_modified: None,
        deleted: false,
        deleted_modified: None,
    });
    let text = json::to_json(std::slice::from_ref(&s));
    assert_eq!(json::from_json(&text).unwrap(), vec![s]);
    assert!(json::from_json("{").unwrap_err().starts_with("1:"));
}

fn vary(name: &str, how: u8) -> String {
    let name = match how % 3 {
        0 => name.to_uppercase(),
        1 => name.to_lowercase(),
        _ => name.to_owned(),
    };
    if how.is_multiple_of(2) {
        crate::review::fold(&name)
    } else {
        name
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Every participant's, facilitator's, note-taker's and device's name,
    /// in varied case, with or without its accents, possessive ('s and
    /// ’s) and hyphenated, put into insight texts and comments: no
    /// pseudonymised export, in any format, holds any of them.
    #[test]
    fn no_name_survives_pseudonymising(
        hows in prop::collection::vec(any::<u8>(), 7),
        consents in prop::collection::vec(0..4u8, 4),
    ) {
        let names = ["Siân Lloyd-Ŵyn", "Ann Jones", "Bryn ap Dafydd", "Mòrag NicLeòid"];
        let staff = ["Eilidh MacRaè", "Dafydd Huws", "ceri"];
        let roster: Vec<(&str, Consent)> = names
            .iter()
            .zip(&consents)
            .map(|(n, c)| (*n, match c {
                0 => Consent::NotRecorded,
                1 => Consent::Declined(jiff::Timestamp::UNIX_EPOCH),
                _ => given(),
            }))
            .collect();
        let mut s = session(&roster);
        s.facilitator = staff[0].into();
        s.note_takers = vec![staff[1].into()];
        let device = crate::model::StampClock::new("ceri@gliniadur").stamp_at(jiff::Timestamp::UNIX_EPOCH);
        for (k, name) in names.iter().chain(&staff).enumerate() {
            let first = name.split([' ', '-']).next().unwrap();
            let last = name.rsplit([' ', '-']).next().unwrap();
            let said = format!(
                "I agree with {}, and {}'s point, {}’s too; the {}-led group",
                vary(name, hows[k]),
                vary(first, hows[k].wrapping_add(1)),
                vary(last, hows[k].wrapping_add(2)),
                vary(last, hows[k].wrapping_add(3)),
            );
            s.add_insight(InsightFields { question: 2, text: said.clone(), ..Default::default() }, &device);
            s.insights[0].comments.push(Comment { id: new_id(), author: "ceri@gliniadur".into(), at: jiff::Timestamp::UNIX_EPOCH, text: said, text_modified: None, deleted: false, deleted_modified: None });
        }
        let prepared = prepare(&[s], Options { pseudonymise: true, coarsen: true });
        // Every format, the project's plain-text sources unzipped too.
        let mut everything = String::new();
        // (The .qdpx itself is compressed: its entries are read below.)
        for format in Format::ALL.into_iter().filter(|f| *f != Format::Qdpx) {
            everything.push_str(&String::from_utf8_lossy(&render(&prepared, format, false)));
        }
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(refi::qdpx(&prepared))).unwrap();
        for i in 0..archive.len() {
            let mut entry = archive.by_index(i).unwrap();
            std::io::Read::read_to_string(&mut entry, &mut everything).unwrap();
        }
        let everything = crate::review::fold(&everything);
        for name in names.iter().chain(&staff) {
            for word in name.split([' ', '-']).filter(|w| w.chars().count() >= 2) {
                let word = crate::review::fold(word);
                let leaked = everything.split(|c: char| !c.is_alphanumeric()).any(|w| w == word);
                prop_assert!(!leaked, "{word} leaked");
            }
        }
    }

    /// Across the sessions of one export, each person has one pseudonym
    /// and no two people share one; the numbers run from P01 with no gap
    /// (whoever declined); and the same sessions, in any order, give the
    /// same pseudonyms.
    #[test]
    fn pseudonyms_are_one_per_person_across_sessions(
        rosters in prop::collection::vec(prop::collection::vec((0..8usize, 0..3u8), 0..6), 1..5),
    ) {
        let pool = ["Ann Jones", "Bryn Davies", "Cai Owen", "Dilys Rees", "Eilidh Ross", "Fflur Ŵyn", "Gwen Lloyd", "Huw Bevan"];
        let sessions: Vec<Session> = rosters
            .iter()
            .map(|roster| {
                let mut seen = std::collections::BTreeSet::new();
                let people: Vec<(&str, Consent)> = roster
                    .iter()
                    .filter(|(k, _)| seen.insert(*k))
                    .map(|(k, c)| (pool[*k], match c {
                        0 => Consent::NotRecorded,
                        1 => Consent::Withdrawn(jiff::Timestamp::UNIX_EPOCH),
                        _ => given(),
                    }))
                    .collect();
                session(&people)
            })
            .collect();
        let options = Options { pseudonymise: true, coarsen: false };
        let prepared = prepare(&sessions, options);
        let mut of_name = BTreeMap::new();
        let mut of_pseudonym = BTreeMap::new();
        for entry in prepared.key.iter().filter(|e| e.consent == "given") {
            let p = of_name.entry(entry.name.clone()).or_insert(entry.pseudonym.clone());
            prop_assert_eq!(&*p, &entry.pseudonym, "one person, one pseudonym");
            let n = of_pseudonym.entry(entry.pseudonym.clone()).or_insert(entry.name.clone());
            prop_assert_eq!(&*n, &entry.name, "one pseudonym, one person");
        }
        let numbers: Vec<String> = (1..=of_pseudonym.len()).map(|n| format!("P{n:02}")).collect();
        prop_assert_eq!(of_pseudonym.keys().cloned().collect::<Vec<_>>(), numbers, "no gaps");
        for s in &prepared.sessions {
            for p in &s.participants {
                prop_assert!(of_pseudonym.contains_key(&p.name), "{} is a pseudonym", p.name);
            }
        }
        let mut reversed = sessions.clone();
        reversed.reverse();
        let again = prepare(&reversed, options);
        for entry in again.key.iter().filter(|e| e.consent == "given") {
            prop_assert_eq!(&of_name[&entry.name], &entry.pseudonym, "stable");
        }
    }
}

/// People nobody classified (the default, as Ctrl+R adds them) appear as
/// "Not recorded" in every format, never as "Other".
#[test]
fn an_unrecorded_sector_is_exported_as_itself() {
    let a = session(&[("Ann Jones", given())]);
    let b = session(&[("Bryn Davies", given())]);
    assert_eq!(a.participants[0].sector, crate::model::Sector::NotRecorded);
    let prepared = prepare(&[a, b], Options::default());
    for format in [Format::Md, Format::Csv, Format::Json] {
        let out = String::from_utf8(render(&prepared, format, false)).unwrap();
        assert!(!out.contains("Other"), "{format:?}:\n{out}");
        let shown = match format {
            Format::Json => "NotRecorded",
            _ => "Not recorded",
        };
        assert!(out.contains(shown), "{format:?}:\n{out}");
    }
    let project = refi::project(&prepared);
    assert!(project.contains("Not recorded") && !project.contains("Other"));
}

#[test]
fn an_open_conflict_goes_out_scrubbed_and_never_on_a_participant() {
    let a = session(&[("Ann Jones", given()), ("Cai Owen", Consent::NotRecorded)]);
    let mut b = a.clone();
    b.insights[1].text = "Cai Owen ran the hub".into();
    b.participants[1].name = "Cai Owens".into();
    let merged = crate::merge::merge_pair(&a, &b);
    assert_eq!(merged.open_conflicts().count(), 2, "the text and the name");
    let options = Options {
        pseudonymise: true,
        coarsen: false,
    };
    let out = &prepare(&[merged], options).sessions[0];
    let open: Vec<_> = out.open_conflicts().collect();
    assert_eq!(open.len(), 1, "only the insight's: {open:?}");
    assert_eq!(open[0].field, "text");
    let json = json::to_json(std::slice::from_ref(out));
    assert!(!json.contains("Cai"), "{json}");
}

/// Every exported insight points to someone on the exported roster or to
/// nobody, so the shared JSON reads back: one taken off the roster after
/// speaking is "a participant".
#[test]
fn no_insight_points_to_someone_left_off_the_roster() {
    let mut s = session(&[("Ann Jones", given()), ("Bryn Davies", given())]);
    s.participants[1].deleted = true;
    let prepared = prepare(std::slice::from_ref(&s), Options::default());
    let out = &prepared.sessions[0];
    for insight in &out.insights {
        if let Some(p) = insight.participant {
            assert!(
                out.participant(p).is_some(),
                "{} points nowhere",
                insight.text
            );
        }
    }
    assert!(prepared.anonymous.contains(&s.insights[1].id));
    let text = json::shared(&prepared);
    let back = json::from_json(&text).unwrap();
    let unnamed = back[0].insights[1].participant.unwrap();
    assert_eq!(back[0].participant(unnamed).unwrap().name, "a participant");
}
