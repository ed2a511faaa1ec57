//! `stb questions list | show NAME | new FILE`: the question sets a
//! workshop can run on, one set in full, and a commented template to write
//! your own. Set text comes from files anyone may have written, so it goes
//! out through `outln!` like session text.

use crate::model::QuestionSet;
use crate::storage;
use crate::words;
use crate::{errln, outln};
use std::path::Path;
use std::process::ExitCode;

/// `stb questions list`: the built-in sets, the default first, then the
/// user's folder; a file there that cannot be used is named with its error
/// (and the exit is non-zero), the others are still listed.
pub fn list(dir: Option<&Path>) -> ExitCode {
    let mut code = ExitCode::SUCCESS;
    for (i, set) in QuestionSet::built_in().iter().enumerate() {
        let note = if i == 0 {
            "built in, the default"
        } else {
            "built in"
        };
        outln!("{}", set_line(set, note));
    }
    let Some(dir) = dir else {
        return code;
    };
    let built_in = QuestionSet::built_in();
    for (path, set) in storage::user_question_sets(dir) {
        match set {
            Ok(set) if built_in.iter().any(|b| b.is_named(&set.name)) => {
                errln!(
                    "{}: named like the built-in set \"{}\": rename it to choose it",
                    path.display(),
                    set.name
                );
                code = ExitCode::FAILURE;
            }
            Ok(set) => outln!("{}", set_line(&set, &path.display().to_string())),
            Err(error) => {
                errln!("{error}");
                code = ExitCode::FAILURE;
            }
        }
    }
    outln!("Your own sets go in {}", dir.display());
    code
}

/// One set as `list` shows it: name, how many questions and minutes, where it is from.
fn set_line(set: &QuestionSet, from: &str) -> String {
    let minutes: u32 = set.questions.iter().map(|q| q.timebox_minutes).sum();
    format!(
        "{:<32}  {:<12}  {:>4} min  {from}",
        set.name,
        words::count(set.questions.len(), "question"),
        minutes
    )
}

/// `stb questions show NAME|FILE`: the set in full, as read to the room.
pub fn show(name: &str, dir: Option<&Path>) -> ExitCode {
    let set = match storage::find_question_set(name, dir) {
        Ok(set) => set,
        Err(error) => {
            errln!("stb: {error}");
            return ExitCode::FAILURE;
        }
    };
    outln!("{}", set.name);
    if !set.description.is_empty() {
        outln!("{}", set.description);
    }
    for (i, q) in set.questions.iter().enumerate() {
        outln!("");
        outln!("{}. {} ({} min)", i + 1, q.title, q.timebox_minutes);
        outln!("   {}", q.text);
        for prompt in &q.prompts {
            outln!("   - {prompt}");
        }
    }
    ExitCode::SUCCESS
}

/// `stb questions new FILE`: a commented set to edit; never written over
/// an existing file.
pub fn new(path: &Path, dir: Option<&Path>) -> ExitCode {
    if let Err(error) = storage::write_question_set_template(path) {
        let why = if error.kind() == std::io::ErrorKind::AlreadyExists {
            "already exists; choose another name (nothing was written)".to_owned()
        } else {
            error.to_string()
        };
        errln!("stb: {}: {why}", path.display());
        return ExitCode::FAILURE;
    }
    outln!(
        "Wrote {}: edit it, then run a workshop on it with `stb new --questions {}`",
        path.display(),
        path.display()
    );
    if let Some(dir) = dir {
        outln!(
            "To choose it by name, put it in {} (`stb questions list` shows it)",
            dir.display()
        );
    }
    ExitCode::SUCCESS
}

/// The set `stb new --questions` names, or the one-line error to print.
pub fn chosen(name: &str, dir: Option<&Path>) -> Result<QuestionSet, String> {
    storage::find_question_set(name, dir).map_err(|error| format!("stb: {error}"))
}
