//! The report drawn from the committed sample sessions: three workshops,
//! one per nation, so the comparison has something to compare.

use super::*;

/// The group headings, in the order a question lists them.
const GROUPS: [&str; 6] = [
    "Adaptations",
    "Innovations",
    "Collaborations",
    "Barriers",
    "Enablers",
    "Not classified",
];

fn samples() -> Vec<Session> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sessions");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    paths.sort();
    let sessions: Vec<Session> = paths
        .iter()
        .map(|p| crate::storage::load(p).unwrap())
        .collect();
    assert!(sessions.len() >= 3, "the committed samples");
    sessions
}

#[test]
fn starred_insights_come_first_in_each_group() {
    let prepared = prepare(&samples(), Options::default());
    let doc = parse(&render(&prepared));
    let starred_total: usize = prepared
        .sessions
        .iter()
        .flat_map(|s| &s.insights)
        .filter(|i| i.starred)
        .count();
    assert!(starred_total > 3, "the samples star some insights");
    let mut seen = 0;
    for (k, (level, name)) in doc.headings.iter().enumerate() {
        if *level != 4 || !GROUPS.contains(&name.as_str()) {
            continue;
        }
        let stars: Vec<bool> = doc
            .entries
            .iter()
            .filter(|e| e.under == k)
            .map(|e| e.text.starts_with('★'))
            .collect();
        assert!(!stars.is_empty(), "an empty group has no heading");
        assert!(stars.windows(2).all(|w| w[0] >= w[1]), "{name}: {stars:?}");
        seen += stars.iter().filter(|s| **s).count();
    }
    assert_eq!(seen, starred_total, "every starred insight is marked once");
    // Each entry's mark matches its insight.
    let all: Vec<&Insight> = prepared.sessions.iter().flat_map(|s| &s.insights).collect();
    for entry in doc.entries.iter().filter(|e| e.text.starts_with('★')) {
        assert!(
            all.iter()
                .any(|i| i.starred && entry.text.contains(&flat(&i.text)))
        );
    }
}

#[test]
fn samples_are_all_there_under_sessions_and_questions() {
    let prepared = prepare(
        &samples(),
        Options {
            pseudonymise: true,
            coarsen: true,
        },
    );
    let md = render(&prepared);
    let doc = parse(&md);
    assert!(!doc.html);
    assert!(
        !md.contains(" 0 barriers") && !md.contains(" 0 enablers"),
        "no empty counts"
    );
    assert!(md.contains("**Barriers and enablers:** 3 enablers (2 listed under"));
    let n = prepared.sessions.len();
    assert_eq!(
        doc.headings[0],
        (1, format!("Shifting the Balance: {n} workshops"))
    );
    let second: Vec<&str> = doc
        .headings
        .iter()
        .filter(|(l, _)| *l == 2)
        .map(|(_, t)| t.as_str())
        .collect();
    let mut want: Vec<&str> = prepared.sessions.iter().map(|s| s.title.as_str()).collect();
    want.push("Comparison");
    assert_eq!(second, want);
    for s in &prepared.sessions {
        let start = doc
            .headings
            .iter()
            .position(|(_, t)| *t == s.title)
            .unwrap();
        let questions: Vec<&str> = doc.headings[start + 1..]
            .iter()
            .take_while(|(l, _)| *l > 2)
            .filter(|(l, _)| *l == 3)
            .map(|(_, t)| t.as_str())
            // After the questions (see `agreed` and `votes`).
            .filter(|t| !["What we agreed to do", "Parking lot", "Votes"].contains(t))
            .collect();
        let want: Vec<String> = s
            .questions
            .iter()
            .enumerate()
            .map(|(i, q)| format!("Q{}. {}", i + 1, q.title))
            .collect();
        assert_eq!(
            questions, want,
            "each session under its own set's questions"
        );
        // Under each question, the groups in order, each holding exactly
        // the insights that belong to it.
        let end = doc.headings[start + 1..]
            .iter()
            .position(|(l, _)| *l <= 2)
            .map_or(doc.headings.len(), |p| start + 1 + p);
        let (mut question, mut last) = (0, None);
        for k in start + 1..end {
            let (l, title) = &doc.headings[k];
            if *l == 3 {
                (question, last) = (question + 1, None);
                continue;
            }
            let group = GROUPS.iter().position(|g| g == title);
            assert!(group.is_some() && last < group, "{title} after {last:?}");
            last = group;
            let want = s
                .insights
                .iter()
                .filter(|i| i.question == question && Group::of(i).title() == *title)
                .count();
            let got = doc.entries.iter().filter(|e| e.under == k).count();
            assert_eq!(got, want, "{} Q{question} {title}", s.title);
        }
        for insight in &s.insights {
            let text = flat(&insight.text);
            assert!(
                doc.entries.iter().any(|e| e.text.contains(&text)),
                "missing: {text}"
            );
        }
    }
}

fn count(sessions: &[Session], keep: impl Fn(&Session, &Insight) -> bool) -> String {
    let n = sessions
        .iter()
        .flat_map(|s| s.insights.iter().map(move |i| (s, i)))
        .filter(|(s, i)| keep(s, i))
        .count();
    n.to_string()
}

#[test]
fn comparison_tables_count_what_the_sessions_hold() {
    let sessions = prepare(&samples(), Options::default()).sessions;
    let one = parse(&render(&prepare(&sessions[..1], Options::default())));
    assert!(one.tables.is_empty() && !one.headings.iter().any(|(_, t)| t == "Comparison"));

    let doc = parse(&render(&prepare(&sessions, Options::default())));
    assert_eq!(doc.tables.len(), 3);
    let practices = [
        Some(PracticeType::Adaptation),
        Some(PracticeType::Innovation),
        Some(PracticeType::Collaboration),
        None,
    ];
    let nations: Vec<Nation> = Nation::ALL
        .iter()
        .copied()
        .filter(|n| sessions.iter().any(|s| s.place.nation == *n))
        .collect();
    assert!(
        nations.len() >= 3,
        "the samples span England, Scotland and Wales"
    );
    let mut want = vec![
        vec![
            "Nation",
            "Workshops",
            "Adaptations",
            "Innovations",
            "Collaborations",
            "Not classified",
            "Total",
        ]
        .into_iter()
        .map(String::from)
        .collect::<Vec<_>>(),
    ];
    for nation in nations.iter().map(Some).chain([None]) {
        let here = |s: &Session| nation.is_none_or(|n| s.place.nation == *n);
        let mut row = vec![nation.map_or("Total", |n| n.label()).to_owned()];
        row.push(sessions.iter().filter(|s| here(s)).count().to_string());
        row.extend(practices.map(|p| count(&sessions, |s, i| here(s) && i.practice == p)));
        row.push(count(&sessions, |s, _| here(s)));
        want.push(row);
    }
    assert_eq!(doc.tables[0], want);

    let sector_of = |s: &Session, i: &Insight| {
        i.participant
            .and_then(|p| s.participant(p))
            .map(|p| p.sector)
    };
    let table = &doc.tables[1];
    assert_eq!(
        table.len(),
        1 + Sector::ALL
            .iter()
            .filter(|x| count(&sessions, |s, i| sector_of(s, i) == Some(**x)) != "0")
            .count()
            + 2
    );
    for row in &table[1..] {
        let sector = Sector::ALL.iter().find(|x| x.label() == row[0]).copied();
        let fits = |s: &Session, i: &Insight| match row[0].as_str() {
            "Total" => true,
            "Unattributed" => sector_of(s, i).is_none(),
            _ => sector_of(s, i) == sector,
        };
        let mut want: Vec<String> = practices
            .map(|p| count(&sessions, |s, i| fits(s, i) && i.practice == p))
            .to_vec();
        want.push(count(&sessions, fits));
        assert_eq!(row[1..], want[..], "{}", row[0]);
    }

    for row in &doc.tables[2][1..] {
        let here = |s: &Session| row[0] == "Total" || s.place.nation.label() == row[0];
        let want = [Kind::Barrier, Kind::Enabler, Kind::Lesson]
            .map(|k| count(&sessions, |s, i| here(s) && i.kind == k));
        assert_eq!(row[1..], want[..], "{}", row[0]);
    }
}
