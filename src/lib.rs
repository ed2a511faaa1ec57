//! `stb`: run a Shifting the Balance research workshop from a terminal.
//!
//! The library holds everything a test or script needs without a terminal:
//! the session model and its storage, the capture-line language, the timer,
//! and the app's state machine (`app`) with its pure renderer (`ui`). The
//! binary adds only the terminal loop (`runtime`) and the command line (`cli`).
//! What the loop runs to save (`saving`) takes any `storage::Disk`, so disk
//! faults at each step of a save are tested without a terminal.

pub mod agenda;
pub mod app;
pub mod capture;
pub mod cli;
pub mod commands;
pub mod export;
pub mod generate;
pub mod inert;
pub mod merge;
pub mod model;
pub mod present;
pub mod review;
pub mod room;
pub mod runner;
pub mod runtime;
pub mod saving;
pub mod storage;
pub mod timer;
pub mod ui;
pub mod watch;
pub mod words;
