use super::*;
use crate::model::{InsightFields, ParticipantFields, Place, SessionDetails, StampClock, Theme};

fn session() -> Session {
    let mut clock = StampClock::new("t");
    let t = clock.stamp_at(jiff::Timestamp::UNIX_EPOCH);
    let details = SessionDetails {
        title: "W".into(),
        place: Place {
            locality: "Ynys Môn".into(),
            nation: Nation::Wales,
        },
        ..Default::default()
    };
    let mut s = Session::new(details, t.clone());
    let ann = s.add_participant(
        ParticipantFields {
            name: "Ann Jones".into(),
            sector: Sector::Vcse,
            ..Default::default()
        },
        &t,
    );
    for (text, practice, kind, tags, starred) in [
        (
            "Yr Ysgôl became a food hub for Cymru",
            Some(PracticeType::Innovation),
            Kind::Enabler,
            vec!["food"],
            true,
        ),
        (
            "Procurement rules came back",
            None,
            Kind::Barrier,
            vec!["procurement"],
            false,
        ),
    ] {
        let fields = InsightFields {
            question: 1,
            text: text.into(),
            participant: starred.then_some(ann),
            practice,
            kind,
            tags: tags.into_iter().map(String::from).collect(),
            starred,
            deleted: false,
            ..InsightFields::default()
        };
        s.add_insight(fields, &t);
    }
    let mut theme = Theme::create("Digital exclusion", &t);
    theme.set_member(s.insights[1].id, true, &t);
    s.themes.push(theme);
    s
}

fn hits(query: &str) -> Vec<String> {
    let s = session();
    let q = Query::parse(query);
    s.insights
        .iter()
        .filter(|i| q.matches(&s, i, &searchable(i)))
        .map(|i| i.text.clone())
        .collect()
}

#[test]
fn search_ignores_case_and_accents() {
    assert_eq!(fold("Ysgôl CYMRU Ŵy"), "ysgol cymru wy");
    assert_eq!(hits("ysgol").len(), 1);
    assert_eq!(hits("cymru").len(), 1);
    assert_eq!(hits("YSGÔL food").len(), 1);
    assert!(
        hits("ysgol procurement").is_empty(),
        "every word must appear"
    );
}

#[test]
fn each_filter_narrows_to_what_it_names() {
    assert_eq!(
        hits("#innovation"),
        vec!["Yr Ysgôl became a food hub for Cymru"]
    );
    assert_eq!(hits("#barrier"), vec!["Procurement rules came back"]);
    assert_eq!(hits("#proc").len(), 1, "a tag prefix");
    assert_eq!(hits("@ann").len(), 1);
    assert_eq!(hits("@jones").len(), 1);
    assert_eq!(hits("sector:vcse").len(), 1);
    assert_eq!(hits("sector:public").len(), 0);
    assert_eq!(hits("nation:wales").len(), 2);
    assert_eq!(hits("nation:scotland").len(), 0);
    assert_eq!(hits("place:ynys").len(), 2);
    assert_eq!(hits("place:mon").len(), 2, "accents fold in places too");
    assert_eq!(hits("*").len(), 1);
    assert_eq!(hits("theme:digital"), vec!["Procurement rules came back"]);
    assert_eq!(hits("").len(), 2);
}

#[test]
fn deleted_insights_never_match() {
    let mut s = session();
    s.insights[0].deleted = true;
    let q = Query::parse("");
    assert_eq!(
        s.insights
            .iter()
            .filter(|i| q.matches(&s, i, &searchable(i)))
            .count(),
        1
    );
}

#[test]
fn the_tally_counts_by_question_practice_kind_sector_and_nation() {
    let s = session();
    let mut t = Tally::default();
    for i in &s.insights {
        t.add(&s, i);
    }
    assert_eq!(t.total, 2);
    assert_eq!(t.question_practice[&(1, Some(PracticeType::Innovation))], 1);
    assert_eq!(t.question_practice[&(1, None)], 1);
    assert_eq!(t.kind[&Kind::Barrier], 1);
    assert_eq!(t.sector[&Some(Sector::Vcse)], 1);
    assert_eq!(t.sector[&None], 1);
    assert_eq!(t.nation[&Nation::Wales], 2);
}

#[test]
fn tags_match_by_folded_prefix_with_or_without_accents() {
    use super::folded_starts_with;
    assert!(folded_starts_with("food", "foo"));
    assert!(folded_starts_with("Food", "foo"), "a hand-edited capital");
    assert!(!folded_starts_with("fo", "foo"));
    assert!(folded_starts_with("ysgôl", "ysgo"), "accents folded away");
    assert!(!folded_starts_with("food", "fôo"));
}

/// A speaker nobody classified counts, and is found, as "not recorded",
/// never as "Other".
#[test]
fn an_unrecorded_sector_is_tallied_and_queried_as_itself() {
    let mut s = session();
    let ann = s.insights[0].participant.unwrap();
    s.participants
        .iter_mut()
        .find(|p| p.id == ann)
        .unwrap()
        .sector = Sector::NotRecorded;
    let mut t = Tally::default();
    for i in &s.insights {
        t.add(&s, i);
    }
    assert_eq!(t.sector[&Some(Sector::NotRecorded)], 1);
    assert!(!t.sector.contains_key(&Some(Sector::Other)));
    let found = |query: &str| {
        let q = Query::parse(query);
        s.insights
            .iter()
            .filter(|i| q.matches(&s, i, &searchable(i)))
            .count()
    };
    assert_eq!(found("sector:not-recorded"), 1);
    assert_eq!(found("sector:other"), 0);
}

proptest::proptest! {
    /// Folding piece by piece between ASCII characters folds exactly as
    /// decomposing the whole text does, marks and all.
    #[test]
    fn folding_piece_by_piece_is_folding_by_the_letter(
        text in "([ -~]|[ÀÂÉŴŷŶøĳǅẞİ]|[\\u{0300}-\\u{036f}]|[\\u{1e00}-\\u{1eff}]|\\PC){0,40}",
    ) {
        proptest::prop_assert_eq!(fold(&text), fold_unicode(&text));
    }
}
