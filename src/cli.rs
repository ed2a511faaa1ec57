//! The command line: `stb`, `stb new`, `stb open`, `stb list`, `stb check`.
//!
//! What the commands print goes through [`out`], the one writer.

pub mod out;

use crate::model::Nation;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Run Shifting the Balance research workshops: step a room through the four
/// questions, capture what is said, autosave every change.
#[derive(Debug, Parser)]
#[command(name = "stb", version, about, long_about = None)]
pub struct Cli {
    /// Folder of session files [default: the platform data folder, e.g. ~/.local/share/stb/sessions]
    #[arg(long, global = true, env = "STB_SESSIONS_DIR", value_name = "DIR")]
    pub sessions_dir: Option<PathBuf>,

    /// Ring the terminal bell when a question's timebox runs out.
    #[arg(long, global = true)]
    pub bell: bool,

    /// Name of this laptop or note-taker, written with every insight [default: user@host]
    #[arg(long, global = true, env = "STB_DEVICE", value_name = "NAME", value_parser = parse_name)]
    pub device: Option<String>,

    /// Folder of your settings; your own question sets go in its `questions/` [default: the platform config folder, e.g. ~/.config/stb]
    #[arg(long, global = true, env = "STB_CONFIG_DIR", value_name = "DIR")]
    pub config_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start a new session and go straight to question 1 (opens the form for anything missing).
    New {
        #[arg(long, value_parser = parse_name)]
        title: Option<String>,
        /// Town, area or council, e.g. Pembrokeshire.
        #[arg(long, value_parser = parse_name)]
        place: Option<String>,
        /// england, scotland, wales, northern-ireland or other (any case).
        #[arg(long, value_parser = parse_nation)]
        nation: Option<Nation>,
        #[arg(long, value_parser = parse_name)]
        facilitator: Option<String>,
        /// YYYY-MM-DD [default: today]
        #[arg(long)]
        date: Option<jiff::civil::Date>,
        /// The question set: a name (`stb questions list`) or a file [default: Shifting the Balance]
        #[arg(long, value_name = "NAME|FILE")]
        questions: Option<String>,
    },
    /// Open (resume) a session file.
    Open { file: PathBuf },
    /// Show a session read-only on a projector, following it live (run it in a second window).
    Present {
        file: PathBuf,
        /// Show the names of participants who gave consent (nobody is named without it).
        #[arg(long)]
        names: bool,
    },
    /// Capture one session on several laptops at once, through a folder they share
    /// (Syncthing, Nextcloud, a network share, a USB stick): each laptop writes only
    /// FILE's NAME@DEVICE.ron beside it and shows every copy's insights, live.
    Join {
        file: PathBuf,
        /// Lead the room: the question and timer on every laptop follow this one
        /// [default: the first laptop to join leads].
        #[arg(long)]
        lead: bool,
    },
    /// Review session files: browse, filter, search, edit, group into themes, compare.
    Review {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// List the sessions in the folder, newest first.
    List,
    /// Check session files: a summary line each, or the error as path:line:col.
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Merge copies of a session (and different sessions) into one file, with a report.
    Merge {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The merged file.
        #[arg(short, long, value_name = "OUT")]
        output: PathBuf,
        /// Replace OUT if it exists.
        #[arg(long)]
        force: bool,
        /// The copies' common ancestor, if you have it: conflicts are then exact.
        #[arg(long, value_name = "FILE")]
        base: Option<PathBuf>,
    },
    /// Git's merge driver for session files: `stb merge-driver %O %A %B`.
    MergeDriver {
        ancestor: PathBuf,
        ours: PathBuf,
        theirs: PathBuf,
    },
    /// Register the merge driver for *.ron in this git repository.
    GitSetup,
    /// Export sessions for the write-up (to stdout without -o, for text formats).
    Export {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(long, value_enum)]
        format: crate::export::Format,
        #[arg(short, long, value_name = "PATH")]
        output: Option<PathBuf>,
        /// Replace names with pseudonyms everywhere, inside texts too: participants P01, P02, …
        /// (one each across all the sessions exported), facilitators F01, note-takers N01, devices D01.
        #[arg(long)]
        pseudonymise: bool,
        /// Replace organisations with their sector.
        #[arg(long)]
        coarsen: bool,
        /// CSV: start with a UTF-8 byte-order mark, so Excel reads Welsh text right.
        #[arg(long)]
        bom: bool,
        /// CSV and key file: write cells starting with = + - @ as they are, for R or pandas
        /// (by default they get a leading ' so a spreadsheet cannot run them as formulas).
        #[arg(long)]
        no_formula_guard: bool,
        /// With --pseudonymise: also write the key from pseudonyms to names to this file (keep it apart).
        #[arg(long, value_name = "PATH")]
        key_file: Option<PathBuf>,
        /// Replace PATH (and the key file) if they exist.
        #[arg(long)]
        force: bool,
        /// List every name replaced inside a text, with its context, on standard error.
        #[arg(long)]
        show_redactions: bool,
    },
    /// Erase a participant for good: off the roster, their words replaced, their name scrubbed.
    Erase {
        #[arg(long, value_name = "NAME")]
        participant: String,
        file: PathBuf,
    },
    /// The question sets a workshop can run on: list them, show one, write your own.
    Questions {
        #[command(subcommand)]
        command: QuestionsCommand,
    },
    /// Write a synthetic session of N insights, to try stb (or reproduce a benchmark) at size.
    Generate {
        #[arg(long, value_name = "N")]
        insights: usize,
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// The same seed writes the same session.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Replace FILE if it exists.
        #[arg(long)]
        force: bool,
    },
}

/// `stb questions …`.
#[derive(Debug, Subcommand)]
pub enum QuestionsCommand {
    /// The built-in sets, then your own (in the config folder's `questions/`).
    List,
    /// One set in full: its questions, prompts and timeboxes.
    Show {
        /// A set's name (any case) or a set file.
        name: String,
    },
    /// Write a commented question set to FILE, to edit (never over an existing file).
    New { file: PathBuf },
}

impl Command {
    /// The name the command is typed as, for messages.
    fn name(&self) -> &'static str {
        match self {
            Command::New { .. } => "new",
            Command::Open { .. } => "open",
            Command::Present { .. } => "present",
            Command::Join { .. } => "join",
            Command::Review { .. } => "review",
            Command::List => "list",
            Command::Check { .. } => "check",
            Command::Merge { .. } => "merge",
            Command::MergeDriver { .. } => "merge-driver",
            Command::GitSetup => "git-setup",
            Command::Export { .. } => "export",
            Command::Erase { .. } => "erase",
            Command::Generate { .. } => "generate",
            Command::Questions { .. } => "questions",
        }
    }
}

/// Whether `command` (None: the home screen) runs the full-screen app,
/// which needs a terminal on both standard input and standard output.
pub fn needs_terminal(command: Option<&Command>) -> bool {
    matches!(
        command,
        None | Some(
            Command::New { .. }
                | Command::Open { .. }
                | Command::Present { .. }
                | Command::Join { .. }
                | Command::Review { .. }
        )
    )
}

/// The one line said when the app is started without a terminal (a
/// script, a pipe, `</dev/null`): what to do, and what works without one.
pub fn no_terminal_message(command: Option<&Command>) -> String {
    let typed = match command {
        None => "stb".to_owned(),
        Some(command) => format!("stb {}", command.name()),
    };
    format!(
        "stb: `{typed}` needs a terminal: run it in a terminal window \
         (list, check, merge, export, erase, generate and questions work without one)"
    )
}

/// A name for the file (title, place, facilitator, device), refused over
/// the loader's limit: a longer one would be saved into a file that does
/// not load back.
fn parse_name(text: &str) -> Result<String, String> {
    let max = crate::model::limits::MAX_NAME_BYTES;
    if text.len() > max {
        return Err(format!(
            "{} bytes, longer than stb takes ({max} at most)",
            text.len()
        ));
    }
    Ok(text.to_owned())
}

fn parse_nation(text: &str) -> Result<Nation, String> {
    Nation::from_word(text).ok_or_else(|| {
        format!("unknown nation '{text}': use england, scotland, wales, northern-ireland or other")
    })
}

/// Who is capturing: `--device`, `STB_DEVICE`, else `user@host`.
pub fn default_device() -> String {
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "someone".into());
    let host = std::fs::read_to_string("/etc/hostname")
        .ok()
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .unwrap_or_else(|| "laptop".into());
    format!("{user}@{host}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sessions_dir_is_accepted_before_or_after_the_subcommand() {
        let before = Cli::try_parse_from(["stb", "--sessions-dir", "/x", "list"]).unwrap();
        let after = Cli::try_parse_from(["stb", "list", "--sessions-dir", "/x"]).unwrap();
        assert_eq!(before.sessions_dir, Some(PathBuf::from("/x")));
        assert_eq!(after.sessions_dir, Some(PathBuf::from("/x")));
    }

    #[test]
    fn nation_takes_any_case_and_rejects_others() {
        let cli = Cli::try_parse_from(["stb", "new", "--nation", "Northern-Ireland"]).unwrap();
        assert!(matches!(
            cli.command,
            Some(Command::New {
                nation: Some(Nation::NorthernIreland),
                ..
            })
        ));
        let err = Cli::try_parse_from(["stb", "new", "--nation", "mars"]).unwrap_err();
        assert!(err.to_string().contains("northern-ireland"));
    }

    #[test]
    fn only_the_full_screen_commands_need_a_terminal() {
        let parse = |args: &[&str]| Cli::try_parse_from(args).unwrap().command;
        for args in [
            &["stb"][..],
            &["stb", "new"],
            &["stb", "open", "a.ron"],
            &["stb", "review", "a.ron"],
            &["stb", "present", "a.ron"],
        ] {
            assert!(needs_terminal(parse(args).as_ref()), "{args:?}");
        }
        for args in [
            &["stb", "list"][..],
            &["stb", "check", "a.ron"],
            &["stb", "export", "a.ron", "--format", "csv"],
            &["stb", "erase", "--participant", "A", "a.ron"],
            &["stb", "merge", "a.ron", "-o", "b.ron"],
        ] {
            assert!(!needs_terminal(parse(args).as_ref()), "{args:?}");
        }
        let message = no_terminal_message(parse(&["stb", "open", "a.ron"]).as_ref());
        assert!(
            message.starts_with("stb: `stb open` needs a terminal"),
            "{message}"
        );
        assert!(!message.contains('\n'));
    }

    #[test]
    fn check_needs_a_file() {
        assert!(Cli::try_parse_from(["stb", "check"]).is_err());
    }
}
