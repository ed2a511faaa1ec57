//! The research's own vocabulary: nations, sectors, practice types and kinds
//! of insight.
//!
//! "Shifting the Balance" classifies practices as adaptations, innovations and
//! collaborations, compares England, Scotland and Wales, and reads workshops
//! for barriers, enablers and lessons. Each list is a closed enum so counts and
//! comparisons line up across sessions; free tags cover everything else.

use serde::{Deserialize, Serialize};

/// Implements the lookup helpers every vocabulary enum shares: its variants in
/// display order, a human label, a short `#tag` word, and parsing from either.
macro_rules! vocabulary {
    ($name:ident { $($variant:ident => $label:literal, $tag:literal $(| $alias:literal)*;)+ }) => {
        impl $name {
            /// Every variant, in the order screens and reports list them.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The label a person reads on screen and in reports.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// The word typed after `#` (or given on the command line).
            pub fn tag(self) -> &'static str {
                match self { $($name::$variant => $tag),+ }
            }

            /// Parses a tag word or alias in any case, e.g. `Innovation` or `innov`.
            pub fn from_word(word: &str) -> Option<$name> {
                let word = word.to_lowercase();
                match word.as_str() {
                    $($tag $(| $alias)* => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}

/// The nation a workshop took place in; the research compares them.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
pub enum Nation {
    #[default]
    England,
    Scotland,
    Wales,
    NorthernIreland,
    Other,
}

vocabulary!(Nation {
    England => "England", "england";
    Scotland => "Scotland", "scotland";
    Wales => "Wales", "wales" | "cymru";
    NorthernIreland => "Northern Ireland", "northern-ireland" | "northernireland" | "ni";
    Other => "Other", "other";
});

/// Where a participant works or speaks from: the report's sectors.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
pub enum Sector {
    /// Local authority or other public service (NHS, police, schools).
    PublicService,
    /// Voluntary, community and social enterprise organisations (VCSE).
    Vcse,
    /// An informal community group, mutual aid group, or a resident.
    Community,
    Business,
    NationalGovernment,
    Other,
    /// Nobody has said yet: a person added while capturing, or a file that
    /// omits the sector. Kept apart from `Other`, a sector someone chose, so
    /// counts never invent "Other" speakers.
    #[default]
    NotRecorded,
}

vocabulary!(Sector {
    PublicService => "Local authority / public service", "public" | "council" | "la";
    Vcse => "Voluntary, community & social enterprise", "vcse" | "voluntary" | "charity";
    Community => "Community group / resident", "community" | "resident";
    Business => "Business", "business";
    NationalGovernment => "National government", "national" | "government";
    Other => "Other", "other";
    NotRecorded => "Not recorded", "not-recorded" | "notrecorded" | "unrecorded";
});

impl Sector {
    /// A short label for narrow table columns.
    pub fn short(self) -> &'static str {
        match self {
            Sector::PublicService => "Public",
            Sector::Vcse => "VCSE",
            Sector::Community => "Community",
            Sector::Business => "Business",
            Sector::NationalGovernment => "National gov",
            Sector::Other => "Other",
            Sector::NotRecorded => "Not recorded",
        }
    }
}

/// The report's three kinds of balance-shifting practice.
#[derive(
    Clone,
    Copy,
    Debug,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
pub enum PracticeType {
    /// An existing practice made speedier, more flexible or more open.
    Adaptation,
    /// A wholly new way of doing things, tried in the moment of possibility.
    Innovation,
    /// A partnership across organisations, sectors or communities.
    Collaboration,
}

vocabulary!(PracticeType {
    Adaptation => "Adaptation", "adaptation" | "adapt";
    Innovation => "Innovation", "innovation" | "innov" | "innovate";
    Collaboration => "Collaboration", "collaboration" | "collab";
});

/// What an insight is, as the write-up reads it: what was seen, what held it
/// back, what made it work, what to learn, a participant's own words, a
/// proposal, or something somebody will do.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
pub enum Kind {
    #[default]
    Observation,
    Barrier,
    Enabler,
    Lesson,
    Quote,
    Idea,
    Action,
}

vocabulary!(Kind {
    Observation => "Observation", "observation" | "obs";
    Barrier => "Barrier", "barrier";
    Enabler => "Enabler", "enabler";
    Lesson => "Lesson", "lesson";
    Quote => "Quote", "quote";
    Idea => "Idea", "idea";
    Action => "Action", "action";
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_parse_in_any_case_and_by_alias() {
        assert_eq!(
            Nation::from_word("Northern-Ireland"),
            Some(Nation::NorthernIreland)
        );
        assert_eq!(Nation::from_word("WALES"), Some(Nation::Wales));
        assert_eq!(
            PracticeType::from_word("Collab"),
            Some(PracticeType::Collaboration)
        );
        assert_eq!(Kind::from_word("barrier"), Some(Kind::Barrier));
        assert_eq!(Kind::from_word("barriers"), None);
        assert_eq!(Sector::from_word("VCSE"), Some(Sector::Vcse));
        assert_eq!(Sector::from_word("Not-Recorded"), Some(Sector::NotRecorded));
    }

    /// A person nobody has classified is not "Other": the two stay apart
    /// in every label, and an unclassified person is the default.
    #[test]
    fn not_recorded_is_its_own_sector_and_the_default() {
        assert_eq!(Sector::default(), Sector::NotRecorded);
        assert_ne!(Sector::NotRecorded.label(), Sector::Other.label());
        assert_ne!(Sector::NotRecorded.short(), Sector::Other.short());
        assert_ne!(Sector::NotRecorded.tag(), Sector::Other.tag());
        assert!(Sector::ALL.contains(&Sector::NotRecorded));
    }

    #[test]
    fn every_tag_parses_back_to_its_variant() {
        for n in Nation::ALL {
            assert_eq!(Nation::from_word(n.tag()), Some(*n));
        }
        for s in Sector::ALL {
            assert_eq!(Sector::from_word(s.tag()), Some(*s));
        }
        for p in PracticeType::ALL {
            assert_eq!(PracticeType::from_word(p.tag()), Some(*p));
        }
        for k in Kind::ALL {
            assert_eq!(Kind::from_word(k.tag()), Some(*k));
        }
    }
}
