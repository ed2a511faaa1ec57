//! Synthetic workshops of any size, for benchmarks, tests and trying stb on
//! a large session (`stb generate --insights N -o FILE`).
//!
//! A generated session looks like a real one grown large: the four
//! questions, a roster with every sector and consent, insights in every
//! practice type and kind (some starred, attributed, tagged, commented or
//! deleted), and themes grouping some of them. Text is drawn from the
//! research's own vocabulary, with Welsh and Scots words, accents and the
//! odd emoji, so search, wrapping and export meet what they would meet in a
//! room. The same seed gives the same session, ids included, so a measured
//! figure can be reproduced.

use crate::model::{
    Comment, Consent, Insight, InsightFields, Kind, Nation, Participant, ParticipantFields, Place,
    PracticeType, Sector, Session, SessionDetails, Stage, Stamp, Theme,
};
use jiff::{Span, Timestamp};
use ulid::Ulid;

/// What to generate.
#[derive(Clone, Copy, Debug)]
pub struct Spec {
    pub insights: usize,
    /// The same seed makes the same session.
    pub seed: u64,
}

const PLACES: &[(&str, Nation)] = &[
    ("Pembrokeshire", Nation::Wales),
    ("Gwynedd", Nation::Wales),
    ("North Ayrshire", Nation::Scotland),
    ("Dundee", Nation::Scotland),
    ("Gateshead", Nation::England),
    ("Bradford", Nation::England),
];

const FIRST: &[&str] = &[
    "Ann", "Bryn", "Siân", "Rhys", "Morag", "Iain", "Aisha", "Gary", "Lindsay", "Dafydd", "Eilidh",
    "Priya", "Tomasz", "Nia", "Callum", "Grace", "Owain", "Fatima",
];
const LAST: &[&str] = &[
    "Jones",
    "Hughes",
    "Lloyd",
    "Campbell",
    "MacLeod",
    "Okafor",
    "Thompson",
    "Carr",
    "Evans",
    "Stewart",
    "Khan",
    "Nowak",
    "Price",
    "Robertson",
];
const ORGS: &[&str] = &[
    "County Council",
    "Food Bank",
    "Tenants' Association",
    "Mutual Aid Group",
    "Health Board",
    "Community Trust",
    "Ysgol Gymraeg",
    "Credit Union",
];

const SUBJECTS: &[&str] = &[
    "The council",
    "Volunteers from the chapel",
    "The mutual aid group",
    "Officers",
    "The food hub",
    "Residents on the estate",
    "Y cyngor cymuned",
    "The health board",
    "Young people",
    "The tenants' association",
];
const VERBS: &[&str] = &[
    "set up",
    "stopped asking for",
    "shared",
    "opened",
    "funded",
    "ran",
    "handed over",
    "co-produced",
    "kept going",
    "moved online",
];
const OBJECTS: &[&str] = &[
    "a phone line in Welsh and English",
    "the paperwork before helping",
    "data with the voluntary sector",
    "the leisure centre as a food store",
    "small grants within a day",
    "a WhatsApp group for the whole street",
    "the recovery board to residents",
    "prescriptions delivered by bike 🚲",
    "a café for people on their own",
    "decisions to the people affected",
];
const ENDINGS: &[&str] = &[
    "and trust grew.",
    "but procurement rules came back.",
    "because the need was obvious.",
    "— mae'r gymuned yn gryfach.",
    "and nobody wants to go back.",
    "though funding ends in March.",
    "so the whole glen knew.",
    "and take-up doubled.",
];
const TAGS: &[&str] = &[
    "food",
    "digital",
    "funding",
    "trust",
    "volunteers",
    "procurement",
    "data",
    "housing",
    "wellbeing",
    "transport",
    "welsh-language",
    "young-people",
];
const THEMES: &[&str] = &[
    "Trust between sectors",
    "Digital exclusion",
    "Red tape set aside",
    "Funding cliff edge",
    "Voices of young people",
    "Hyperlocal mutual aid",
    "Data sharing",
    "Welsh-language services",
];

/// A small seeded generator (SplitMix64): the same seed, the same
/// sequence on every machine, so generated sessions and the kill soak's
/// random moments can be replayed.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// Ids in creation order from a seed: `ms` keeps them sorted, the random
/// part unique.
fn id(rng: &mut Rng, ms: u64) -> Ulid {
    Ulid::from_parts(ms, u128::from(rng.next_u64()))
}

/// A session of `spec.insights` insights.
pub fn session(spec: Spec) -> Session {
    let mut rng = Rng(spec.seed);
    let start: Timestamp = "2026-11-22T09:30:00Z".parse().expect("a valid time");
    let base_ms = start.as_millisecond() as u64;
    let stamp_at = |offset_ms: u64| {
        let at = start + Span::new().milliseconds(offset_ms as i64);
        Stamp(at, 0, "generator".into())
    };
    let (locality, nation) = *rng.pick(PLACES);
    let details = SessionDetails {
        title: format!(
            "Community power after the pandemic ({})",
            crate::words::count(spec.insights, "insight")
        ),
        place: Place {
            locality: locality.into(),
            nation,
        },
        date: start.to_zoned(jiff::tz::TimeZone::UTC).date(),
        facilitator: format!("{} {}", rng.pick(FIRST), rng.pick(LAST)),
        note_takers: vec!["Note-taker".into()],
    };
    let mut session = Session::new(details, stamp_at(0));
    session.id = id(&mut rng, base_ms);
    // On the last question, so opening it lands on a capture line.
    session.stage = Stage::Question(4);

    let people = (spec.insights / 40).clamp(8, 400);
    for n in 0..people {
        let fields = ParticipantFields {
            name: format!("{} {} {}", rng.pick(FIRST), rng.pick(LAST), n + 1),
            organisation: format!("{} {}", locality, rng.pick(ORGS)),
            sector: *rng.pick(&[
                Sector::PublicService,
                Sector::Vcse,
                Sector::Community,
                Sector::Community,
                Sector::Business,
                Sector::NationalGovernment,
            ]),
            consent: match rng.below(10) {
                0 => Consent::Declined(start),
                1 | 2 => Consent::NotRecorded,
                _ => Consent::Given(start),
            },
            ..ParticipantFields::default()
        };
        let mut participant = Participant::create(fields, &stamp_at(n as u64));
        participant.id = id(&mut rng, base_ms + n as u64);
        session.participants.push(participant);
    }

    // Spread over a long day, a few seconds apart, in creation order.
    let step_ms = (8 * 3_600_000 / spec.insights.max(1) as u64).max(1);
    for n in 0..spec.insights {
        let offset = 60_000 + n as u64 * step_ms;
        let stamp = stamp_at(offset);
        let mut tags: Vec<String> = Vec::new();
        for _ in 0..rng.below(3) {
            let tag = rng.pick(TAGS).to_string();
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        let fields = InsightFields {
            question: 1 + n * session.questions.len() / spec.insights.max(1),
            text: format!(
                "{} {} {} {}",
                rng.pick(SUBJECTS),
                rng.pick(VERBS),
                rng.pick(OBJECTS),
                rng.pick(ENDINGS)
            ),
            participant: (!rng.chance(20)).then(|| session.participants[rng.below(people)].id),
            practice: (!rng.chance(25)).then(|| *rng.pick(PracticeType::ALL)),
            kind: *rng.pick(Kind::ALL),
            tags,
            starred: rng.chance(5),
            deleted: rng.chance(1),
            ..InsightFields::default()
        };
        let mut insight = Insight::create(fields, &stamp);
        insight.id = id(&mut rng, base_ms + offset);
        if rng.chance(2) {
            insight.comments.push(Comment {
                id: id(&mut rng, base_ms + offset + 1),
                author: "Note-taker".into(),
                at: stamp.time(),
                text: "Follow up: ask for the evaluation report".into(),
                text_modified: None,
                deleted: false,
                deleted_modified: None,
            });
        }
        session.insights.push(insight);
    }

    let themes = (spec.insights / 200).clamp(3, 50);
    let end_ms = 60_000 + spec.insights as u64 * step_ms;
    for n in 0..themes {
        let stamp = stamp_at(end_ms + n as u64);
        let name = match n / THEMES.len() {
            0 => THEMES[n].to_owned(),
            round => format!("{} ({})", THEMES[n % THEMES.len()], round + 1),
        };
        let mut theme = Theme::create(&name, &stamp);
        theme.id = id(&mut rng, base_ms + end_ms + n as u64);
        for _ in 0..members_per_theme(spec.insights, themes) {
            let member = session.insights[rng.below(spec.insights.max(1))].id;
            theme.set_member(member, true, &stamp);
        }
        session.themes.push(theme);
    }
    session.normalise();
    session
}

/// How many insights each theme draws: a quarter more memberships than
/// insights in all, so 10× the insights is 10× the themes' text too, as in
/// a real project (it grew 100× from 1,000 to 10,000 insights before, and
/// the scale bench's "10× the input" was not). 250 each at 10,000, as
/// before, so that size's bytes (and every figure measured on it) stand.
fn members_per_theme(insights: usize, themes: usize) -> usize {
    (insights * 5 / 4).div_ceil(themes).max(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ten_times_the_insights_is_ten_times_the_file() {
        let bytes = |insights| crate::storage::to_ron(&session(Spec { insights, seed: 7 })).len();
        let ratio = bytes(5_000) as f64 / bytes(500) as f64;
        assert!((9.5..=10.5).contains(&ratio), "{ratio:.2}×");
        assert_eq!(members_per_theme(10_000, 50), 250, "10,000 as before");
    }

    #[test]
    fn a_generated_session_is_valid_varied_and_reproducible() {
        let spec = Spec {
            insights: 1_000,
            seed: 7,
        };
        let session = session(spec);
        assert_eq!(session.insights.len(), 1_000);
        assert!(session.problems().is_empty(), "{:?}", session.problems());
        for &kind in Kind::ALL {
            assert!(session.insights.iter().any(|i| i.kind == kind), "{kind:?}");
        }
        for &practice in PracticeType::ALL {
            assert!(
                session
                    .insights
                    .iter()
                    .any(|i| i.practice == Some(practice))
            );
        }
        for q in 1..=4 {
            assert!(
                session.insights.iter().any(|i| i.question == q),
                "question {q}"
            );
        }
        assert!(session.themes.iter().all(|t| t.insight_ids().count() > 0));
        assert!(session.insights.iter().any(|i| !i.comments.is_empty()));
        assert!(
            session.insights.windows(2).all(|w| w[0].id < w[1].id),
            "id order"
        );
        assert_eq!(
            crate::generate::session(spec),
            session,
            "the same seed, the same session"
        );
        let text = crate::storage::to_ron(&session);
        let back = crate::storage::parse_session(&text, std::path::Path::new("g.ron")).unwrap();
        assert_eq!(back, session, "it loads back as it was");
    }
}
