use super::*;
use proptest::prelude::*;

/// A generated session with a roster of many names and organisations.
fn generated() -> &'static crate::model::Session {
    static SESSION: std::sync::LazyLock<crate::model::Session> = std::sync::LazyLock::new(|| {
        crate::generate::session(crate::generate::Spec {
            insights: 10,
            seed: 7,
        })
    });
    &SESSION
}

fn roster() -> Vec<(Ulid, &'static str)> {
    [
        "Ann Jones",
        "Bryn Davies",
        "Jo Smith",
        "John Brown",
        "Siân Ŵyn",
    ]
    .iter()
    .enumerate()
    .map(|(i, n)| (Ulid::from_parts(i as u64, 0), *n))
    .collect()
}

fn names(r: &[(Ulid, &'static str)]) -> Vec<RosterName<'static>> {
    r.iter()
        .map(|(id, name)| RosterName { id: *id, name })
        .collect()
}

fn id_of(r: &[(Ulid, &str)], name: &str) -> Ulid {
    r.iter().find(|(_, n)| *n == name).unwrap().0
}

#[test]
fn name_and_tags_are_taken_out_of_the_text() {
    let r = roster();
    let c = parse(
        "Food hub in the leisure centre @ann #innovation #barrier #food",
        &names(&r),
    )
    .unwrap();
    assert_eq!(c.text, "Food hub in the leisure centre");
    assert_eq!(
        c.attribution,
        Attribution::Participant(id_of(&r, "Ann Jones"))
    );
    assert_eq!(c.practice, Some(PracticeType::Innovation));
    assert_eq!(c.kind, Some(Kind::Barrier));
    assert_eq!(c.tags, vec!["food"]);
}

#[test]
fn punctuation_after_a_token_stays_with_the_sentence() {
    let c = parse("It worked #innovation. Really", &[]).unwrap();
    assert_eq!(c.text, "It worked. Really");
}

#[test]
fn exact_word_beats_prefix_and_ambiguity_is_reported() {
    let r = roster();
    let n = names(&r);
    assert_eq!(
        resolve_name("jo", &n),
        Attribution::Participant(id_of(&r, "Jo Smith"))
    );
    assert_eq!(
        resolve_name("JONES", &n),
        Attribution::Participant(id_of(&r, "Ann Jones"))
    );
    assert_eq!(
        resolve_name("john_brown", &n),
        Attribution::Participant(id_of(&r, "John Brown"))
    );
    match resolve_name("j", &n) {
        Attribution::Ambiguous(typed, found) => {
            assert_eq!(typed, "j");
            assert_eq!(found.len(), 3);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_unknown_name_stays_in_the_text_so_nothing_is_lost() {
    let c = parse("@Gwen said the hub saved lives", &names(&roster())).unwrap();
    assert_eq!(c.attribution, Attribution::Unknown("Gwen".into()));
    assert_eq!(c.text, "@Gwen said the hub saved lives");
}

#[test]
fn empty_and_tag_only_lines_are_not_insights() {
    assert_eq!(parse("   ", &[]), Err(CaptureError::Empty));
    assert_eq!(
        parse("#idea @ann", &names(&roster())),
        Err(CaptureError::NoText)
    );
}

#[test]
fn welsh_gaelic_emoji_and_cjk_survive() {
    let r = roster();
    let line = "Mae’r hwb bwyd yn gweithio ŵ ŷ — Tha e math 👩‍👩‍👧 社区 @siân #cydweithio";
    let c = parse(line, &names(&r)).unwrap();
    assert_eq!(
        c.text,
        "Mae’r hwb bwyd yn gweithio ŵ ŷ — Tha e math 👩‍👩‍👧 社区"
    );
    assert_eq!(
        c.attribution,
        Attribution::Participant(id_of(&r, "Siân Ŵyn"))
    );
    assert_eq!(c.tags, vec!["cydweithio"]);
}

#[test]
fn emails_and_numbers_are_not_tokens() {
    let c = parse("write to ann@example.org about the #1 priority", &[]).unwrap();
    assert_eq!(c.text, "write to ann@example.org about the #1 priority");
    assert!(c.tags.is_empty());
}

#[test]
fn tab_completes_a_unique_name_to_its_handle() {
    let line = "great point @br";
    let c = complete(line, line.len(), &["Ann Jones", "Bryn Davies"], &[]).unwrap();
    assert_eq!(c.replacement, "Bryn_Davies");
    assert!(c.unique);
    assert_eq!(&line[c.start..c.end], "br");
}

#[test]
fn tab_completes_tags_to_the_shared_prefix() {
    let tags: Vec<String> = ["innovation", "idea", "food"].map(String::from).to_vec();
    let c = complete("#i", 2, &[], &tags).unwrap();
    assert_eq!(c.replacement, "i");
    assert!(!c.unique);
    let c = complete("x #inn", 6, &[], &tags).unwrap();
    assert_eq!(c.replacement, "innovation");
    assert!(complete("plain", 5, &[], &tags).is_none());
}

/// A room whose names carry accents, two of which fold to the same word.
fn accented() -> Vec<(Ulid, &'static str)> {
    [
        "Siobhán Kelly",
        "Mòrag MacLeod",
        "Siân Ŵyn",
        "Sian Jones",
        "Bryn Davies",
    ]
    .iter()
    .enumerate()
    .map(|(i, n)| (Ulid::from_parts(100 + i as u64, 0), *n))
    .collect()
}

#[test]
fn names_resolve_without_their_accents_or_case() {
    let r = accented();
    let n = names(&r);
    for (typed, who) in [
        ("siobhan", "Siobhán Kelly"),
        ("SIOBHAN_KELLY", "Siobhán Kelly"),
        ("kelly", "Siobhán Kelly"),
        ("morag", "Mòrag MacLeod"),
        ("macleod", "Mòrag MacLeod"),
        ("wyn", "Siân Ŵyn"),
        ("sian_wyn", "Siân Ŵyn"),
        ("siân", "Siân Ŵyn"),
    ] {
        assert_eq!(
            resolve_name(typed, &n),
            Attribution::Participant(id_of(&r, who)),
            "@{typed} should be {who}"
        );
    }
    let c = parse("Food bank ran out @siobhan", &n).unwrap();
    assert_eq!(c.text, "Food bank ran out");
    assert_eq!(
        c.attribution,
        Attribution::Participant(id_of(&r, "Siobhán Kelly"))
    );
}

#[test]
fn a_folded_prefix_resolves_when_it_picks_out_one_person() {
    let r = accented();
    let n = names(&r);
    assert_eq!(
        resolve_name("siobha", &n),
        Attribution::Participant(id_of(&r, "Siobhán Kelly"))
    );
    assert_eq!(
        resolve_name("mor", &n),
        Attribution::Participant(id_of(&r, "Mòrag MacLeod"))
    );
}

#[test]
fn names_that_fold_alike_are_ambiguous_unless_the_accent_is_typed() {
    let r = accented();
    let n = names(&r);
    match resolve_name("sian", &n) {
        Attribution::Ambiguous(typed, mut found) => {
            assert_eq!(typed, "sian");
            found.sort();
            assert_eq!(found, ["Sian Jones", "Siân Ŵyn"]);
        }
        other => panic!("@sian should be ambiguous, was {other:?}"),
    }
    assert_eq!(
        resolve_name("Siân", &n),
        Attribution::Participant(id_of(&r, "Siân Ŵyn")),
        "the accent typed tells them apart"
    );
}

#[test]
fn name_keys_fold_case_accents_underscores_and_spacing() {
    assert_eq!(name_key("Siobhán  Kelly"), name_key("siobhan_kelly"));
    assert_eq!(name_key("Mòrag"), "morag");
    assert_ne!(name_key("Siân Ŵyn"), name_key("Sian Jones"));
}

#[test]
fn tab_completes_a_name_typed_without_its_accent() {
    let roster = ["Siobhán Kelly", "Mòrag MacLeod", "Bryn Davies"];
    let line = "Food bank ran out @siob";
    let c = complete(line, line.len(), &roster, &[]).unwrap();
    assert_eq!(c.replacement, "Siobhán_Kelly");
    assert!(c.unique);
    let line = "@siobha";
    let c = complete(line, line.len(), &roster, &[]).unwrap();
    assert_eq!(c.replacement, "Siobhán_Kelly");
    let line = "@MOR";
    let c = complete(line, line.len(), &roster, &[]).unwrap();
    assert_eq!(c.replacement, "Mòrag_MacLeod");
}

#[test]
fn tab_offers_the_prefix_names_share_across_accents() {
    let c = complete("@si", 3, &["Siân Ŵyn", "Sian Jones"], &[]).unwrap();
    assert!(!c.unique);
    assert_eq!(name_key(&c.replacement), "sian");
}

#[test]
fn the_first_name_left_in_a_saved_text_is_found_and_taken_out() {
    assert_eq!(
        unresolved_name("@Gwen, said the hub saved lives"),
        Some("Gwen")
    );
    assert_eq!(
        unresolved_name("asked @Siân_Ŵyn about it"),
        Some("Siân_Ŵyn")
    );
    assert_eq!(unresolved_name("write to ann@example.org"), None);
    assert_eq!(unresolved_name("the @ sign and #tags"), None);
    assert_eq!(
        without_name("@Gwen: said the hub saved lives"),
        "said the hub saved lives",
        "punctuation after a leading name went with the name"
    );
    assert_eq!(without_name("Hub opened, said @Gwen."), "Hub opened, said.");
    assert_eq!(without_name("Hub @Gwen @Ann"), "Hub @Ann", "only the first");
    assert_eq!(without_name("@Gwen"), "Gwen", "never empty");
    assert_eq!(without_name("@Gwen!"), "Gwen!", "never empty");
    assert_eq!(without_name("no names here"), "no names here");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// Whatever is typed, the words that are not tokens all reach the text.
    #[test]
    fn no_plain_word_is_ever_dropped(words in prop::collection::vec("[^\\s@#>!][^\\s@#]{0,7}", 1..12)) {
        let line = words.join(" ");
        let c = parse(&line, &[]).unwrap();
        prop_assert_eq!(c.text, line);
    }

    /// A line parsed against the context made for it reads as it does
    /// against the whole roster, whether or not it names anyone.
    #[test]
    fn the_context_made_for_a_line_parses_it_as_the_whole_roster_does(
        words in prop::collection::vec(
            prop_oneof!["[a-z]{1,6}", "@[a-zA-Z]{1,5}", ">[a-z]{1,5}", "#[a-z]{1,5}", "!friday"],
            1..8,
        )
    ) {
        let session = generated();
        prop_assert!(!session.participants.is_empty());
        let line = words.join(" ");
        let whole = parse_in(&line, &Context::of(session));
        let made = parse_in(&line, &Context::for_line(session, &line));
        prop_assert_eq!(format!("{made:?}"), format!("{whole:?}"));
    }

    #[test]
    fn parsing_never_panics(line in "\\PC{0,60}") {
        let _ = parse(&line, &names(&roster()));
        for cut in 0..=line.len() {
            if line.is_char_boundary(cut) {
                let _ = complete(&line, cut, &["Ann Jones"], &["idea".to_owned()]);
            }
        }
    }
}
