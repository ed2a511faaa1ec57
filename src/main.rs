//! The `stb` binary: parse the command line, run a command or the app, and
//! turn any failure into one line on stderr and a non-zero exit.

use clap::Parser;
use stb::app::{App, Config, NewSessionDefaults, Palette};
use stb::cli::{Cli, Command, default_device};
use stb::commands;
use stb::runtime::{self, Start};
use stb::storage;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let Some(sessions_dir) = cli
        .sessions_dir
        .clone()
        .or_else(storage::default_sessions_dir)
    else {
        eprintln!("stb: no home folder found; give one with --sessions-dir DIR");
        return ExitCode::FAILURE;
    };
    let config = Config {
        sessions_dir,
        bell: cli.bell,
        device: cli.device.clone().unwrap_or_else(default_device),
        time_zone: jiff::tz::TimeZone::system(),
        palette: Palette::from_no_color(std::env::var_os("NO_COLOR").as_deref()),
    };
    let start = match cli.command {
        None => Start::Home,
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
            key_file,
            force,
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
                key_file,
                force,
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
        Some(Command::Review { files }) => match runtime::own_all(&files) {
            Ok((loaded, owned)) => Start::Review(loaded, owned),
            Err(error) => {
                eprintln!("{error}");
                return ExitCode::FAILURE;
            }
        },
        Some(Command::Open { file }) => match runtime::own_session(&file) {
            Ok((session, owned)) => Start::Open(file, Box::new(session), Box::new(owned)),
            Err(error) => {
                eprintln!("{error}");
                return ExitCode::FAILURE;
            }
        },
        Some(Command::New {
            title,
            place,
            nation,
            facilitator,
            date,
        }) => Start::New(NewSessionDefaults {
            title: title.unwrap_or_default(),
            locality: place.unwrap_or_default(),
            nation,
            facilitator: facilitator.unwrap_or_default(),
            date,
        }),
    };
    let app = App::new(config, jiff::Timestamp::now());
    match runtime::run(app, start) {
        Ok(runtime::Ending::Quit) => ExitCode::SUCCESS,
        // The shell's convention: 128 + the signal's number.
        Ok(runtime::Ending::Signal(signal)) => ExitCode::from(128 + signal as u8),
        // Rust's own code for a panic; the panic message is already printed.
        Ok(runtime::Ending::Panicked(saved)) => {
            match saved {
                Some(path) => eprintln!(
                    "stb: stopped by a bug (above); your work was saved in {}. Please report it.",
                    path.display()
                ),
                None => eprintln!(
                    "stb: stopped by a bug (above); what was shown as saved is on disk. Please report it."
                ),
            }
            ExitCode::from(101)
        }
        Err(error) => {
            eprintln!("stb: terminal error: {error}");
            ExitCode::FAILURE
        }
    }
}
