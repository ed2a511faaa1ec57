//! Question sets on disk: the user's own in the platform config folder
//! (`~/.config/stb/questions/*.ron` on Linux), and any file named on the
//! command line, read with the same care as a session.
//!
//! A set file may come from anywhere (a colleague's email, a shared
//! drive), so it is opened by the guarded reader (no FIFO waited on, a cap
//! on what is read) and every failure is one line naming the file, with
//! its line and column where ron knows them. A broken file in the folder
//! hides nothing else: the others are still offered, and `stb questions
//! list` names the broken one.

use super::{LoadError, files};
use crate::model::QuestionSet;
use std::path::{Path, PathBuf};

/// The largest question set file read: twelve questions of long prompts
/// come to a few kilobytes.
pub const MAX_SET_BYTES: u64 = 256 * 1024;

/// The platform config folder's `questions` (e.g. `~/.config/stb/questions`),
/// under `config_dir` when one is given (`--config-dir`, `STB_CONFIG_DIR`).
pub fn question_sets_dir(config_dir: Option<&Path>) -> Option<PathBuf> {
    let config = match config_dir {
        Some(dir) => dir.to_owned(),
        None => directories::ProjectDirs::from("", "", "stb")?
            .config_dir()
            .to_owned(),
    };
    Some(config.join("questions"))
}

/// Parses and checks set text; `path` only names the source in errors.
pub fn parse_question_set(text: &str, path: &Path) -> Result<QuestionSet, LoadError> {
    let text = super::without_bom(text);
    let mut set: QuestionSet = super::parse_ron(text, path, |_| None)?;
    if let Some(problem) = set.problems().into_iter().next() {
        return Err(LoadError::Invalid {
            path: path.to_owned(),
            message: crate::inert::visible(&problem).into_owned(),
        });
    }
    for q in &mut set.questions {
        q.modified = None;
    }
    Ok(set)
}

/// Reads a set file: a regular file (a link is followed, as for a session
/// named on the command line), UTF-8, at most [`MAX_SET_BYTES`].
pub fn load_question_set(path: &Path) -> Result<QuestionSet, LoadError> {
    let io = |source| LoadError::Io {
        path: path.to_owned(),
        source,
    };
    let file = files::open_regular(path, files::Links::Follow).map_err(io)?;
    let bytes = files::read_capped(file, MAX_SET_BYTES)
        .map_err(io)?
        .ok_or_else(|| LoadError::Invalid {
            path: path.to_owned(),
            message: format!(
                "larger than any question set ({} KiB at most); is it the right file?",
                MAX_SET_BYTES >> 10
            ),
        })?;
    let text = String::from_utf8(bytes).map_err(|_| LoadError::Invalid {
        path: path.to_owned(),
        message: "not UTF-8 text: question sets are UTF-8".into(),
    })?;
    parse_question_set(&text, path)
}

/// A user's set, or why its file could not be used.
pub type UserSet = (PathBuf, Result<QuestionSet, LoadError>);

/// The `.ron` files in `dir`, read, in name order. Anything that is not a
/// regular file is skipped unread; a folder that does not exist has none.
pub fn user_question_sets(dir: &Path) -> Vec<UserSet> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .filter(|p| std::fs::symlink_metadata(p).is_ok_and(|m| !m.is_dir()))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let set = load_question_set(&path);
            (path, set)
        })
        .collect()
}

/// Every usable set: the built-ins, then the user's (a user set named like
/// one before it is left out: names choose sets).
pub fn available_question_sets(dir: Option<&Path>) -> Vec<QuestionSet> {
    let mut sets = QuestionSet::built_in();
    let users = dir.map(user_question_sets).unwrap_or_default();
    for set in users.into_iter().filter_map(|(_, set)| set.ok()) {
        if !sets.iter().any(|s| s.is_named(&set.name)) {
            sets.push(set);
        }
    }
    sets
}

/// The set `name_or_file` names: a set's name (built in or in `dir`, any
/// case), else a file. The error says which names there are.
pub fn find_question_set(name_or_file: &str, dir: Option<&Path>) -> Result<QuestionSet, String> {
    let sets = available_question_sets(dir);
    if let Some(set) = sets.iter().find(|s| s.is_named(name_or_file)) {
        return Ok(set.clone());
    }
    let path = Path::new(name_or_file);
    if path.exists() || name_or_file.ends_with(".ron") {
        return load_question_set(path).map_err(|error| error.to_string());
    }
    let names: Vec<String> = sets.iter().map(|s| format!("\"{}\"", s.name)).collect();
    Err(format!(
        "no question set named \"{name_or_file}\", and no such file; the sets are {}",
        names.join(", ")
    ))
}

/// Writes the commented template to `path`, owner-only, refusing to
/// replace anything already there (a link included). Its folder is made
/// if missing (the questions folder does not exist until a first set).
pub fn write_question_set_template(path: &Path) -> std::io::Result<()> {
    use std::io::Write as _;
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        super::ensure_folder(parent)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    files::no_wait(&mut options, files::Links::Refuse);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path)?;
    file.write_all(crate::model::question_set::TEMPLATE.as_bytes())?;
    file.sync_all()
}

#[cfg(test)]
mod tests;
