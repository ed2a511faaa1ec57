use super::*;

fn roster() -> Scrubber {
    let mut s = Scrubber::default();
    s.add("Will Hope", "P01");
    s.add("Grace May", "P02");
    s
}

#[test]
fn whole_names_and_their_parts_go_in_any_case_and_accent() {
    let mut s = Scrubber::default();
    s.add("Siân Lloyd-Jones", "P01");
    assert_eq!(
        s.scrub("SIAN said Siân Lloyd Jones's idea, and lloyd agreed"),
        "P01 said P01's idea, and P01 agreed"
    );
    assert_eq!(
        s.scrub("Sianed and Lloydminster stay"),
        "Sianed and Lloydminster stay"
    );
    assert_eq!(s.scrub("@Sian_Lloyd thanks"), "@P01_P01 thanks");
}

#[test]
fn ordinary_words_that_are_names_stay_words() {
    let s = roster();
    for kept in [
        "We will need more funding by May, and there is hope",
        "by grace of the council",
        "Hope is what keeps the hub going",
        "Will we manage? We hope so.",
        "The rent is due in May 2026, or on 3 May",
        "WE WILL NEED MORE",
    ] {
        assert_eq!(s.scrub(kept), kept);
    }
}

#[test]
fn those_words_used_as_names_are_replaced() {
    let s = roster();
    let cases = [
        ("Will said the hall was free", "P01 said the hall was free"),
        ("Grace from the council came", "P02 from the council came"),
        ("Hope's idea was a rota", "P01's idea was a rota"),
        ("Hope’s idea", "P01’s idea"),
        ("we asked Grace about it", "we asked P02 about it"),
        ("thanks @will for the keys", "thanks @P01 for the keys"),
        ("grace suggested a rota", "P02 suggested a rota"),
        ("Will Hope and grace may", "P01 and P02"),
        ("Ms May agreed", "Ms P02 agreed"),
    ];
    for (said, scrubbed) in cases {
        assert_eq!(s.scrub(said), scrubbed, "{said}");
    }
}

#[test]
fn every_replacement_is_noted_with_its_context() {
    let s = roster();
    let mut found = Vec::new();
    let out = s.scrub_noting(
        "We will need it by May. Will said so, and Grace May agreed.",
        &mut found,
    );
    assert_eq!(out, "We will need it by May. P01 said so, and P02 agreed.");
    let listed: Vec<(&str, &str)> = found
        .iter()
        .map(|f| (f.original.as_str(), f.replacement.as_str()))
        .collect();
    assert_eq!(listed, [("Will", "P01"), ("Grace May", "P02")]);
    assert_eq!(
        found[1].context,
        "it by May. Will said so, and «Grace May» agreed."
    );
}

#[test]
fn a_device_is_replaced_whole_and_its_parts_are_not_names() {
    let mut s = Scrubber::default();
    s.add_whole("dafydd@laptop", "D01");
    assert_eq!(
        s.scrub("typed on dafydd@laptop, the laptop"),
        "typed on D01, the laptop"
    );
}

#[test]
fn words_joining_names_go_only_with_the_name() {
    let mut s = Scrubber::default();
    s.add("Rhian and Dafydd", "F01");
    s.add("Bryn ap Dafydd", "P01");
    assert_eq!(
        s.scrub("Rhian and Dafydd ran it; bread and jam, ap Dafydd"),
        "F01 ran it; bread and jam, ap F01"
    );
    assert_eq!(s.scrub("Bryn ap Dafydd agreed"), "P01 agreed");
}
