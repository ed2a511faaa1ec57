//! The `stb` binary: parse the command line, run a command or the app, and
//! turn any failure into one line on stderr and a non-zero exit.
//!
//! Everything printed goes through `stb::cli::out`, which makes it inert
//! and turns a closed pipe into a quiet exit 0 ([`out::finish`]).

use clap::Parser;
use stb::app::{App, Config, NewSessionDefaults, Palette};
use stb::cli::{Cli, Command, QuestionsCommand, default_device, out};
use stb::commands;
use stb::errln;
use stb::runtime::{self, Start};
use stb::storage;
use std::io::IsTerminal;
use std::process::ExitCode;

fn main() -> ExitCode {
    let code = run();
    out::finish(code)
}

/// Usage errors, `--help` and `--version` through the one writer: plain
/// text (no colours), since an argument echoed back may hold anything.
fn parse_failed(error: &clap::Error) -> ExitCode {
    let text = error.render().to_string();
    let text = text.strip_suffix('\n').unwrap_or(&text);
    if error.use_stderr() {
        out::error(text);
    } else {
        out::line(text);
    }
    ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2))
}

fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return parse_failed(&error),
    };
    // Before anything is read, locked or drawn: without a terminal the app
    // could only fail later, with a less helpful message (or a panic).
    if stb::cli::needs_terminal(cli.command.as_ref())
        && !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal())
    {
        out::error(&stb::cli::no_terminal_message(cli.command.as_ref()));
        return ExitCode::from(2);
    }
    let Some(sessions_dir) = cli
        .sessions_dir
        .clone()
        .or_else(storage::default_sessions_dir)
    else {
        errln!("stb: no home folder found; give one with --sessions-dir DIR");
        return ExitCode::FAILURE;
    };
    let sets_dir = storage::question_sets_dir(cli.config_dir.as_deref());
    let sets_dir = sets_dir.as_deref();
    let config = Config {
        sessions_dir,
        bell: cli.bell,
        device: cli.device.clone().unwrap_or_else(default_device),
        time_zone: jiff::tz::TimeZone::system(),
        palette: Palette::from_no_color(std::env::var_os("NO_COLOR").as_deref()),
    };
    // A room's session opens as a room: this laptop never writes another
    // laptop's copy.
    let command = match cli.command {
        Some(Command::Open { file }) if stb::room::is_room_file(&file) => {
            Some(Command::Join { file, lead: false })
        }
        command => command,
    };
    let mut question_sets = storage::available_question_sets(sets_dir);
    let start = match command {
        None => Start::Home,
        Some(Command::Questions { command }) => {
            return match command {
                QuestionsCommand::List => commands::questions::list(sets_dir),
                QuestionsCommand::Show { name } => commands::questions::show(&name, sets_dir),
                QuestionsCommand::New { file } => commands::questions::new(&file, sets_dir),
            };
        }
        Some(Command::List) => return commands::list(&config.sessions_dir),
        Some(Command::Check { files }) => return commands::check(&files),
        Some(Command::Merge {
            files,
            output,
            force,
            base,
        }) => return commands::merge(&files, &output, force, base.as_deref()),
        Some(Command::MergeDriver {
            ancestor,
            ours,
            theirs,
        }) => return commands::merge_driver(&ancestor, &ours, &theirs),
        Some(Command::GitSetup) => return commands::git_setup(),
        Some(Command::Export {
            files,
            format,
            output,
            pseudonymise,
            coarsen,
            bom,
            no_formula_guard,
            key_file,
            force,
            show_redactions,
        }) => {
            return commands::export(&commands::ExportRequest {
                files,
                format,
                output,
                options: stb::export::Options {
                    pseudonymise,
                    coarsen,
                },
                bom,
                formula_guard: !no_formula_guard,
                key_file,
                force,
                show_redactions,
            });
        }
        Some(Command::Generate {
            insights,
            output,
            seed,
            force,
        }) => return commands::generate(insights, seed, &output, force),
        Some(Command::Erase { participant, file }) => {
            return commands::erase(&participant, &file, &config.device);
        }
        Some(Command::Present { file, names }) => {
            out::handed_to_the_app();
            return match runtime::present::run(&file, names, config.palette) {
                Ok(runtime::Ending::Signal(signal)) => ExitCode::from(128 + signal as u8),
                Ok(_) => ExitCode::SUCCESS,
                Err(error) => {
                    errln!("stb: terminal error: {error}");
                    ExitCode::FAILURE
                }
            };
        }
        Some(Command::Review { files }) => match runtime::own_all(&files) {
            Ok((loaded, owned)) => Start::Review(loaded, owned),
            Err(error) => {
                errln!("{error}");
                return ExitCode::FAILURE;
            }
        },
        Some(Command::Open { file }) => match runtime::own_session(&file) {
            Ok((session, owned)) => Start::Open(file, Box::new(session), Box::new(owned)),
            Err(error) => {
                errln!("{error}");
                return ExitCode::FAILURE;
            }
        },
        Some(Command::Join { file, lead }) => {
            match stb::room::join(&file, &config.device, lead, jiff::Timestamp::now()) {
                Ok(joined) => Start::Join(Box::new(joined)),
                Err(error) => {
                    errln!("{error}");
                    return ExitCode::FAILURE;
                }
            }
        }
        Some(Command::New {
            title,
            place,
            nation,
            facilitator,
            date,
            questions,
        }) => {
            let questions = match questions {
                Some(name) => match commands::questions::chosen(&name, sets_dir) {
                    Ok(set) => Some(set),
                    Err(error) => {
                        errln!("{error}");
                        return ExitCode::FAILURE;
                    }
                },
                None => None,
            };
            // The set named is the one the form offers under its name (a
            // file may share a name with a set in the folder), chosen.
            if let Some(set) = &questions {
                match question_sets.iter_mut().find(|s| s.is_named(&set.name)) {
                    Some(same) => *same = set.clone(),
                    None => question_sets.push(set.clone()),
                }
            }
            Start::New(NewSessionDefaults {
                title: title.unwrap_or_default(),
                locality: place.unwrap_or_default(),
                nation,
                facilitator: facilitator.unwrap_or_default(),
                date,
                questions,
            })
        }
    };
    let mut app = App::new(config, jiff::Timestamp::now());
    app.question_sets = question_sets;
    out::handed_to_the_app();
    match runtime::run(app, start) {
        Ok(runtime::Ending::Quit) => ExitCode::SUCCESS,
        // The shell's convention: 128 + the signal's number.
        Ok(runtime::Ending::Signal(signal)) => ExitCode::from(128 + signal as u8),
        // Rust's own code for a panic; the panic message is already printed.
        Ok(runtime::Ending::Panicked(saved)) => {
            match saved {
                Some(path) => errln!(
                    "stb: stopped by a bug (above); your work was saved in {}. Please report it.",
                    path.display()
                ),
                None => errln!(
                    "stb: stopped by a bug (above); what was shown as saved is on disk. Please report it."
                ),
            }
            ExitCode::from(101)
        }
        Err(error) => {
            errln!("stb: terminal error: {error}");
            ExitCode::FAILURE
        }
    }
}
