//! The one way the command line writes: every report, error and export on
//! standard output or standard error goes through here.
//!
//! Two promises live at this choke point rather than at each call site,
//! so a message added later keeps them without anyone remembering:
//!
//! - **Nothing printed can drive the terminal.** Session text, file names
//!   and a lock file's contents all come from outside; each piece of text
//!   passes [`crate::inert::printable`] (ESC, BEL, C1 such as CSI U+009B,
//!   DCS and OSC, and the bidi controls become visible stand-ins; line
//!   breaks and tabs stay).
//! - **A closed pipe is a quiet success**, as in ripgrep: `stb list | head
//!   -1` has given its reader what it wanted. Rust ignores SIGPIPE, so a
//!   write to a closed pipe fails with `BrokenPipe`; `println!` would panic
//!   on it. Here the first such failure marks standard output closed, later
//!   writes are skipped (the command still finishes and releases its locks,
//!   which exiting on the spot would not), and [`finish`] turns the exit
//!   code into 0. Any other failure to write (a full disk behind `>`) is
//!   remembered and reported by [`finish`], with a failing exit code.

use crate::inert::printable;
use std::io::{self, Write};
use std::process::ExitCode;
use std::sync::Mutex;

/// What became of standard output so far.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
enum Stdout {
    /// Every write went through.
    #[default]
    Open,
    /// The reader went away: the rest is not wanted.
    Closed,
    /// A write failed for another reason, which the exit reports.
    Failed(String),
    /// The terminal app drew on it: the app's own ending says how it went
    /// (a window closed under it is SIGHUP's 129, not a failed write).
    App,
}

static STDOUT: Mutex<Stdout> = Mutex::new(Stdout::Open);

fn state() -> Stdout {
    STDOUT.lock().map(|s| s.clone()).unwrap_or_default()
}

fn set(new: Stdout) {
    if let Ok(mut state) = STDOUT.lock()
        && *state == Stdout::Open
    {
        *state = new;
    }
}

/// Writes already-cleaned bytes to standard output, unless it is closed.
fn write_stdout(bytes: &[u8]) {
    if state() != Stdout::Open {
        return;
    }
    let mut stdout = io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => set(Stdout::Closed),
        Err(e) => set(Stdout::Failed(e.to_string())),
    }
}

/// `text` on standard output, made inert.
pub fn print(text: &str) {
    write_stdout(printable(text).as_bytes());
}

/// `text` and a line break on standard output, made inert.
pub fn line(text: &str) {
    let mut text = printable(text).into_owned();
    text.push('\n');
    write_stdout(text.as_bytes());
}

/// `text` and a line break on standard error, made inert. A standard error
/// that cannot be written to has nowhere to report that either.
pub fn error(text: &str) {
    let mut text = printable(text).into_owned();
    text.push('\n');
    let _ = io::stderr().lock().write_all(text.as_bytes());
}

/// An export's bytes on standard output, made inert like any text (a
/// byte-order mark asked for with `--bom` is kept: it draws nothing).
pub fn export(bytes: &[u8]) {
    write_stdout(&inert_bytes(bytes));
}

/// `bytes` as they may reach a terminal: UTF-8 (anything else replaced by
/// U+FFFD) through [`printable`], a leading byte-order mark kept.
pub fn inert_bytes(bytes: &[u8]) -> Vec<u8> {
    const BOM: &str = "\u{feff}";
    let text = String::from_utf8_lossy(bytes);
    let (bom, rest) = match text.strip_prefix(BOM) {
        Some(rest) => (BOM, rest),
        None => ("", &*text),
    };
    let mut out = String::with_capacity(bytes.len() + 3);
    out.push_str(bom);
    out.push_str(&printable(rest));
    out.into_bytes()
}

/// Standard output is the app's terminal from now on (see [`Stdout::App`]).
pub fn handed_to_the_app() {
    set(Stdout::App);
}

/// The process's exit code once a command has run: 0 if standard output
/// was closed by its reader; a failure, said on standard error, if it could
/// not be written for another reason; else the command's own `code`.
pub fn finish(code: ExitCode) -> ExitCode {
    if state() == Stdout::App {
        return code;
    }
    if let Err(e) = io::stdout().lock().flush() {
        if e.kind() == io::ErrorKind::BrokenPipe {
            set(Stdout::Closed);
        } else {
            set(Stdout::Failed(e.to_string()));
        }
    }
    match state() {
        Stdout::Open | Stdout::App => code,
        Stdout::Closed => ExitCode::SUCCESS,
        Stdout::Failed(why) => {
            error(&format!("stb: could not write standard output: {why}"));
            ExitCode::FAILURE
        }
    }
}

/// `outln!("…", args)`: a line on standard output through [`line`].
#[macro_export]
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::cli::out::line(&format!($($arg)*))
    };
}

/// `errln!("…", args)`: a line on standard error through [`error`].
#[macro_export]
macro_rules! errln {
    ($($arg:tt)*) => {
        $crate::cli::out::error(&format!($($arg)*))
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exported_bytes_keep_a_bom_and_row_ends_and_lose_controls() {
        let csv = "\u{feff}a,\"x\u{1b}]52;c;AA\u{7}\u{9b}1m\u{202e}\"\r\nb,\t\n";
        let out = String::from_utf8(inert_bytes(csv.as_bytes())).unwrap();
        assert_eq!(out, "\u{feff}a,\"x␛]52;c;AA␇\u{fffd}1m\u{fffd}\"\r\nb,\t\n");
        // A byte-order mark anywhere else is not a byte-order mark.
        let inner = String::from_utf8(inert_bytes("a\u{feff}".as_bytes())).unwrap();
        assert_eq!(inner, "a\u{fffd}");
        // Bytes that are not UTF-8 cannot smuggle a C1 control either.
        assert_eq!(inert_bytes(b"\x9b2J"), "\u{fffd}2J".as_bytes());
    }
}
