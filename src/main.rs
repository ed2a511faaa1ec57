//! The `stb` binary: parse the command line, run a command or the app, and
//! turn any failure into one line on stderr and a non-zero exit.

use clap::Parser;
use stb::app::{App, Config, NewSessionDefaults};
use stb::cli::{Cli, Command, default_device};
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
    };
    let start = match cli.command {
        None => Start::Home,
        Some(Command::List) => return list(&config),
        Some(Command::Check { files }) => return check(&files),
        Some(Command::Open { file }) => match storage::load(&file) {
            Ok(session) => Start::Open(file, Box::new(session)),
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
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("stb: terminal error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn list(config: &Config) -> ExitCode {
    let listed = storage::list_sessions(&config.sessions_dir);
    if listed.is_empty() {
        println!("No sessions in {}", config.sessions_dir.display());
    }
    for entry in listed {
        match entry.summary {
            Ok(s) => println!(
                "{}  {:<40}  {:<28}  {:>5} insights  {}",
                s.date,
                s.title,
                format!("{}, {}", s.locality, s.nation),
                s.insights,
                entry.path.display()
            ),
            Err(error) => println!("(cannot open) {error}"),
        }
    }
    ExitCode::SUCCESS
}

fn check(files: &[std::path::PathBuf]) -> ExitCode {
    let mut failed = false;
    for file in files {
        match storage::load(file) {
            Ok(s) => println!(
                "{}: ok · {} · {} · {} · {} insights · {} participants",
                file.display(),
                s.title,
                s.place,
                s.date,
                s.live_insights().count(),
                s.live_participants().count()
            ),
            Err(error) => {
                eprintln!("{error}");
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
