//! `stb export` and `stb erase`: what leaves stb, and what must leave for
//! good.

use crate::export::{self, Format, Options};
use crate::model::{Consent, InsightFields, ParticipantFields, StampClock};
use crate::review::fold;
use crate::storage::{self, SessionFile};
use crate::{errln, outln};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// What `stb export` was asked for.
#[derive(Clone, Debug)]
pub struct ExportRequest {
    pub files: Vec<PathBuf>,
    pub format: Format,
    pub output: Option<PathBuf>,
    pub options: Options,
    pub bom: bool,
    /// CSV cells starting with `=`, `+`, `-`, `@`, tab or CR get a leading
    /// `'` (on unless `--no-formula-guard`).
    pub formula_guard: bool,
    pub key_file: Option<PathBuf>,
    pub force: bool,
    /// List every name replaced inside a text, with its context.
    pub show_redactions: bool,
}

fn refuse_existing(path: &Path, force: bool) -> Result<(), String> {
    if path.exists() && !force {
        return Err(format!(
            "{}: already exists; nothing written (--force replaces it)",
            path.display()
        ));
    }
    Ok(())
}

/// Why an export did not happen: a request that makes no sense (exit 2,
/// like any usage error) or a failure (exit 1).
enum Refused {
    Usage(String),
    Failed(String),
}

impl From<String> for Refused {
    fn from(message: String) -> Refused {
        Refused::Failed(message)
    }
}

/// `stb export FILE... --format F [-o PATH]`.
pub fn export(request: &ExportRequest) -> ExitCode {
    match try_export(request) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Refused::Usage(error)) => {
            errln!("stb export: {error}");
            ExitCode::from(2)
        }
        Err(Refused::Failed(error)) => {
            errln!("{error}");
            ExitCode::FAILURE
        }
    }
}

/// Requests refused before any file is read: each says what to do instead.
fn check_request(request: &ExportRequest) -> Result<(), Refused> {
    let options = request.options;
    if request.key_file.is_some() && !options.pseudonymise {
        return Err(Refused::Usage(
            "--key-file needs --pseudonymise: without pseudonyms there is no key, and the export names people; nothing written".into(),
        ));
    }
    if !request.format.takes_options() && (options.pseudonymise || options.coarsen) {
        return Err(Refused::Usage(
            "--format json is every session exactly as stb holds it; use --format json-shared to pseudonymise or coarsen; nothing written".into(),
        ));
    }
    if request.output.is_some() && request.output == request.key_file {
        return Err(Refused::Usage(
            "-o and --key-file name the same file: keep the key apart from the export; nothing written".into(),
        ));
    }
    // An existing file refuses the whole export, before anything is written.
    for path in request.output.iter().chain(&request.key_file) {
        refuse_existing(path, request.force)?;
    }
    Ok(())
}

fn try_export(request: &ExportRequest) -> Result<(), Refused> {
    check_request(request)?;
    // Copies of one session (two laptops' files, a merge beside its
    // inputs) are one workshop: merged, so each insight is exported once.
    let mut files = Vec::new();
    for file in &request.files {
        files.push(
            storage::load_file(file)
                .map_err(|e| e.to_string())?
                .into_sessions(),
        );
    }
    let sessions = crate::merge::merge(&files);
    if request.output.is_none() && request.format == Format::Qdpx {
        let name = export::ExportName::of(&sessions, request.format, request.options);
        return Err(Refused::Failed(format!(
            "a .qdpx project is a zip file: give it a name with -o PATH, such as -o {}",
            name.file_name()
        )));
    }
    let csv = export::CsvOptions {
        bom: request.bom,
        formula_guard: request.formula_guard,
    };
    let (bytes, prepared) = export::export(&sessions, request.format, request.options, csv);
    if request.show_redactions {
        show_redactions(&prepared.redactions);
    }
    match &request.output {
        Some(path) => {
            storage::write_atomically(path, &bytes)
                .map_err(|e| format!("{}: {e}", path.display()))?;
        }
        // Standard output may be a terminal: the one writer makes sure.
        None => crate::cli::out::export(&bytes),
    }
    if let Some(key_file) = &request.key_file {
        let text = export::csv::key_file(&prepared.key, request.formula_guard);
        storage::write_atomically(key_file, text.as_bytes())
            .map_err(|e| format!("{}: {e}", key_file.display()))?;
        errln!(
            "key to the pseudonyms written to {} (keep it apart from the export)",
            key_file.display()
        );
    }
    Ok(())
}

/// `--show-redactions`: every name replaced inside a text, one a line on
/// standard error (standard output may be the export itself), then a count.
fn show_redactions(redactions: &[export::Redaction]) {
    for r in redactions {
        errln!(
            "redacted {:?} as {} in {} ({}): {}",
            r.found.original,
            r.found.replacement,
            crate::inert::visible(&r.session),
            r.field,
            crate::inert::visible(&r.found.context)
        );
    }
    errln!(
        "{} replaced in texts",
        crate::words::count(redactions.len(), "name")
    );
}

/// `stb erase --participant NAME FILE`: the right to erasure. The person
/// leaves the roster, the text of what they said is replaced, and their
/// name is taken out of every other text; the rest of the session stays.
/// Each change is a stamped edit newer than anything in the file, so a
/// merge with an older copy keeps the erasure.
pub fn erase(name: &str, file: &Path, device: &str) -> ExitCode {
    // Owned like any writer: refused while the session is open in stb,
    // whose next save would otherwise put the erased back.
    if let Err(error) = std::fs::metadata(file) {
        errln!("{}: {error}", file.display());
        return ExitCode::FAILURE;
    }
    let mut owned = match storage::own(file) {
        Ok(owned) => owned,
        Err(error) => {
            errln!("{error}");
            return ExitCode::FAILURE;
        }
    };
    let Some(mut loaded) = owned.file.take() else {
        errln!("{}: no such file", file.display());
        return ExitCode::FAILURE;
    };
    let (people, insights) = erase_in(&mut loaded, name, device);
    if people == 0 {
        errln!(
            "{}: nobody named {name:?} on the roster; nothing changed",
            file.display()
        );
        return ExitCode::FAILURE;
    }
    let saved = storage::save_file(file, &loaded);
    owned.release();
    if let Err(error) = saved {
        errln!("{error}");
        return ExitCode::FAILURE;
    }
    outln!(
        "erased {name} from {}: {}, {}",
        file.display(),
        crate::words::count(people, "participant record"),
        crate::words::count(insights, "insight")
    );
    ExitCode::SUCCESS
}

/// Erases everyone named `name` (in any case and accent) from every
/// session of `file`; returns (people, insights) erased.
pub fn erase_in(file: &mut SessionFile, name: &str, device: &str) -> (usize, usize) {
    let wanted = fold(name.trim());
    let (mut people, mut insights) = (0, 0);
    for session in file.sessions_mut() {
        let mut clock = StampClock::new(device);
        clock.observe(&session.newest_stamp());
        let stamp = clock.stamp_at(jiff::Timestamp::now());
        let ids: Vec<_> = session
            .participants
            .iter()
            .filter(|p| fold(&p.name) == wanted)
            .map(|p| (p.id, p.name.clone()))
            .collect();
        let mut scrubber = export::Scrubber::default();
        for (id, real_name) in &ids {
            scrubber.add(real_name, "[erased]");
            let erased = ParticipantFields {
                name: "[erased]".into(),
                organisation: String::new(),
                sector: Default::default(),
                consent: Consent::Withdrawn(stamp.time()),
                deleted: true,
            };
            session.edit_participant(*id, erased, &stamp);
            people += 1;
        }
        let said: Vec<_> = session
            .insights
            .iter()
            .filter(|i| ids.iter().any(|(id, _)| i.participant == Some(*id)))
            .map(|i| i.id)
            .collect();
        for insight in session.insights.clone() {
            let mut fields: InsightFields = insight.fields();
            if said.contains(&insight.id) {
                fields = InsightFields {
                    text: "[erased]".into(),
                    tags: Vec::new(),
                    participant: None,
                    deleted: true,
                    ..fields
                };
                insights += 1;
            } else {
                fields.text = scrubber.scrub(&fields.text);
            }
            // An action they own names them too.
            fields.owner = scrubber.scrub(&fields.owner);
            session.edit_insight(insight.id, fields, &stamp);
        }
        for insight in &mut session.insights {
            for comment in &mut insight.comments {
                let scrubbed = scrubber.scrub(&comment.text);
                comment.set_text(scrubbed, &stamp);
            }
        }
    }
    (people, insights)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{InsightFields, ParticipantFields, Session, SessionDetails};

    fn session() -> Session {
        let mut clock = StampClock::new("capture");
        let t = clock.stamp_at(jiff::Timestamp::from_second(1_790_000_000).unwrap());
        let mut s = Session::new(
            SessionDetails {
                title: "W".into(),
                ..Default::default()
            },
            t.clone(),
        );
        let ann = s.add_participant(
            ParticipantFields {
                name: "Siân Jones".into(),
                ..Default::default()
            },
            &t,
        );
        let bryn = s.add_participant(
            ParticipantFields {
                name: "Bryn".into(),
                ..Default::default()
            },
            &t,
        );
        for (text, who) in [
            ("My street set up the hub", ann),
            ("I agree with SIAN and Sian Jones", bryn),
        ] {
            s.add_insight(
                InsightFields {
                    question: 1,
                    text: text.into(),
                    participant: Some(who),
                    // Bryn's line is an action Siân agreed to own.
                    owner: if who == bryn {
                        "Siân Jones".into()
                    } else {
                        String::new()
                    },
                    ..Default::default()
                },
                &t,
            );
        }
        s
    }

    #[test]
    fn erasing_removes_the_person_their_words_and_their_name_and_survives_a_merge() {
        let original = session();
        let mut file = SessionFile::from_sessions(vec![original.clone()]);
        assert_eq!(erase_in(&mut file, "sian jones", "office"), (1, 1));
        let s = &file.sessions()[0];
        assert_eq!(
            s.live_participants()
                .map(|p| p.name.as_str())
                .collect::<Vec<_>>(),
            ["Bryn"]
        );
        let text = storage::file_to_ron(&file);
        assert!(!fold(&text).contains("sian"), "{text}");
        assert!(
            !text.contains("My street set up the hub"),
            "their words are gone"
        );
        assert!(
            text.contains("I agree with [erased] and [erased]"),
            "{text}"
        );
        // An old copy merged in later does not bring any of it back.
        let merged = crate::merge::merge(&[vec![original], file.into_sessions()]);
        let merged = storage::file_to_ron(&SessionFile::from_sessions(merged));
        assert!(
            !fold(&merged).contains("sian") && !merged.contains("My street"),
            "{merged}"
        );
    }

    #[test]
    fn an_unknown_name_erases_nothing() {
        let mut file = SessionFile::from_sessions(vec![session()]);
        assert_eq!(erase_in(&mut file, "Nobody Here", "office"), (0, 0));
    }
}
