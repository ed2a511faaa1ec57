//! Participants as cases, so a QDA tool can say who said what.
//!
//! Each participant quoted by consent is a case, with their sector,
//! organisation, nation and workshop as variables. The standard lets a case
//! point at what it covers with `SourceRef` (whole sources) or `SelectionRef`
//! (parts of them); a transcript has many speakers, so each case points at
//! its participant's insights with `SelectionRef`.
//!
//! QualCoder's importer (`refi.py`) reads neither: `parse_cases` takes a
//! named case's variables and description only. It gives a case text
//! through NVivo's convention alone, a *case code*: a code whose GUID is the
//! case's, coding the case's selections, which `clean_up_case_codes_and_case_text`
//! turns into the case's text before removing the code. So every case here
//! has both: its `SelectionRef`s for tools that read the standard, and a case
//! code (under a "Cases" category) coding exactly the same selections. A
//! source per participant, the other shape that came to mind, would not have
//! helped: QualCoder ignores `SourceRef` on a named case as well, and the
//! transcript would lose the order in which people spoke.
//!
//! QualCoder keeps case names and code names unique, so both are made so:
//! a case code named like a tag becomes "… (case)".

use super::Source;
use super::codes::{Code, Codes};
use super::guid::{self, Guids};
use super::names::Namer;
use super::project::variable_value;
use super::xml::Xml;
use crate::export::Prepared;
use crate::model::Participant;
use std::collections::BTreeMap;

/// The category the case codes are in.
const CATEGORY: &str = "Cases";

/// One participant's case.
struct Case<'a> {
    /// The case's GUID, which is also its case code's.
    guid: String,
    name: String,
    code_name: String,
    source: &'a Source<'a>,
    participant: &'a Participant,
    /// The GUIDs of the selections of what they said.
    selections: Vec<String>,
}

/// Every case of a project, and which case each selection belongs to.
pub struct Cases<'a> {
    cases: Vec<Case<'a>>,
    category: Option<String>,
    of_selection: BTreeMap<&'a str, String>,
}

impl<'a> Cases<'a> {
    /// A case for each participant of each source, named by the participant
    /// (with place and date when several workshops are exported).
    pub fn new(
        prepared: &Prepared,
        sources: &'a [Source<'a>],
        codes: &Codes,
        guids: &mut Guids,
    ) -> Cases<'a> {
        let many = prepared.sessions.len() > 1;
        let (mut case_names, mut code_names) = (Namer::default(), codes.namer());
        let mut cases = Vec::new();
        let mut of_selection = BTreeMap::new();
        for source in sources {
            let session = source.session;
            for participant in &session.participants {
                let wanted = if many {
                    let place = &session.place.locality;
                    format!("{} ({place}, {})", participant.name, session.date)
                } else {
                    participant.name.clone()
                };
                let name = case_names.claim(&wanted);
                let code_name = if code_names.is_taken(&name) {
                    code_names.claim(&format!("{name} (case)"))
                } else {
                    code_names.claim(&name)
                };
                let guid = guids.claim(guid::of_ulid(participant.id));
                let spans = source.transcript.spans.iter().zip(&source.selections);
                let said = spans
                    .filter(|(span, _)| {
                        session.insights[span.insight].participant == Some(participant.id)
                    })
                    .map(|(_, selection)| selection);
                let mut selections = Vec::new();
                for selection in said {
                    of_selection.insert(selection.as_str(), guid.clone());
                    selections.push(selection.clone());
                }
                cases.push(Case {
                    guid,
                    name,
                    code_name,
                    source,
                    participant,
                    selections,
                });
            }
        }
        let category = (!cases.is_empty()).then(|| guids.claim(guid::named("group", CATEGORY)));
        Cases {
            cases,
            category,
            of_selection,
        }
    }

    /// The "Cases" category with a case code for each case, if any.
    pub fn category(&self) -> Option<Code> {
        let children = self.cases.iter().map(|case| Code {
            guid: case.guid.clone(),
            name: case.code_name.clone(),
            description: None,
            codable: true,
            children: Vec::new(),
        });
        self.category.as_ref().map(|guid| Code {
            guid: guid.clone(),
            name: CATEGORY.to_owned(),
            description: Some(
                "A code for each case (participant), coding what they said: NVivo's case \
                 codes, which QualCoder reads as its cases' text (leaving this folder empty)."
                    .to_owned(),
            ),
            codable: false,
            children: children.collect(),
        })
    }

    /// The GUID of the case code that codes `selection`, if someone quoted
    /// said it.
    pub fn code_of(&self, selection: &str) -> Option<&str> {
        self.of_selection.get(selection).map(String::as_str)
    }

    /// `<Cases>`, unless there are none.
    pub fn write(&self, xml: &mut Xml, variables: &BTreeMap<&str, String>) {
        if self.cases.is_empty() {
            return;
        }
        xml.open("Cases", &[]);
        for case in &self.cases {
            write_case(xml, case, variables);
        }
        xml.close("Cases");
    }
}

fn write_case(xml: &mut Xml, case: &Case<'_>, variables: &BTreeMap<&str, String>) {
    let (session, p) = (case.source.session, case.participant);
    xml.open("Case", &[("guid", &case.guid), ("name", &case.name)]);
    variable_value(xml, &variables["Sector"], "TextValue", p.sector.label());
    if !p.organisation.is_empty() {
        let organisation = &variables["Organisation"];
        variable_value(xml, organisation, "TextValue", &p.organisation);
    }
    let nation = session.place.nation.label();
    variable_value(xml, &variables["Nation"], "TextValue", nation);
    variable_value(xml, &variables["Workshop"], "TextValue", &case.source.name);
    for selection in &case.selections {
        xml.empty("SelectionRef", &[("targetGUID", selection)]);
    }
    xml.close("Case");
}
