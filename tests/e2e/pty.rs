//! A harness that runs the real `stb` binary in a pseudo-terminal: keys go in
//! as bytes, the output goes through a vt100 emulator, and tests read the
//! emulated screen (never the raw byte stream: ratatui only writes the cells
//! that changed).

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

pub const ROWS: u16 = 30;
pub const COLS: u16 = 100;

/// How long any one expectation may take before the test fails.
pub const TIMEOUT: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(20);
/// After Esc, so crossterm does not read Esc + the next key as Alt+key.
const ESC_GAP: Duration = Duration::from_millis(100);

/// Keys as a terminal sends them.
pub mod key {
    pub const ENTER: &str = "\r";
    pub const TAB: &str = "\t";
    pub const CTRL_N: &str = "\x0e";
    pub const CTRL_P: &str = "\x10";
    pub const CTRL_Q: &str = "\x11";
    pub const CTRL_R: &str = "\x12";
    pub const CTRL_S: &str = "\x13";
    pub const CTRL_T: &str = "\x14";
    pub const F1: &str = "\x1bOP";
    pub const F2: &str = "\x1bOQ";
}

/// The environment every child gets, besides its sessions folder.
fn base_command(args: &[&str], sessions_dir: &Path) -> CommandBuilder {
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_stb"));
    cmd.args(args);
    cmd.env("STB_SESSIONS_DIR", sessions_dir);
    cmd.env("STB_CONFIG_DIR", config_dir(sessions_dir));
    cmd.env("STB_DEVICE", "e2e");
    cmd.env("TERM", "xterm-256color");
    cmd.env("TZ", "UTC");
    cmd.env_remove("NO_COLOR");
    if let Some(parent) = sessions_dir.ancestors().find(|p| p.is_dir()) {
        cmd.cwd(parent);
    }
    cmd
}

/// The config folder a test's stb reads (its own question sets): beside
/// the sessions folder, so no test reads the config of whoever runs it.
pub fn config_dir(sessions_dir: &Path) -> std::path::PathBuf {
    sessions_dir.with_file_name("stb-config")
}

/// `stb` running in a pseudo-terminal. Dropping it kills the process.
pub struct Stb {
    parser: Arc<Mutex<vt100::Parser>>,
    /// The terminal's side: None once the window is closed ([`Stb::close_window`]).
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Option<Box<dyn Write + Send>>,
    /// Tells the reader thread to drop its handle on the pty.
    closing: Arc<AtomicBool>,
    child: Box<dyn Child + Send + Sync>,
    reader: Option<JoinHandle<()>>,
    exit: Option<ExitStatus>,
}

fn size(rows: u16, cols: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n).expect("terminal sizes are positive")
}

impl Stb {
    /// Starts `stb ARGS` on a 30×100 terminal with `STB_SESSIONS_DIR=sessions_dir`.
    pub fn spawn(sessions_dir: &Path, args: &[&str]) -> Stb {
        Stb::spawn_with_env(sessions_dir, args, &[])
    }

    /// As [`Stb::spawn`], with extra environment variables.
    pub fn spawn_with_env(sessions_dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Stb {
        let pair = native_pty_system()
            .openpty(size(ROWS, COLS))
            .expect("open a pty");
        let mut command = base_command(args, sessions_dir);
        for (name, value) in env {
            command.env(name, value);
        }
        let child = pair.slave.spawn_command(command).expect("spawn stb");
        // Only the child holds the slave now, so reads end when it exits.
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(nz(ROWS), nz(COLS), 0)));
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let sink = Arc::clone(&parser);
        let closing = Arc::new(AtomicBool::new(false));
        let closed = Arc::clone(&closing);
        let reader = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => sink.lock().unwrap().process(&buf[..n]),
                }
                // The window closed: let go of the last handle on the pty.
                if closed.load(Ordering::SeqCst) {
                    break;
                }
            }
        });
        let writer = pair.master.take_writer().expect("pty writer");
        Stb {
            parser,
            master: Some(pair.master),
            writer: Some(writer),
            closing,
            child,
            reader: Some(reader),
            exit: None,
        }
    }

    /// What the screen shows, long lines unwrapped: what a command that
    /// ends by itself printed.
    pub fn printed(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// The screen as text, one line per row.
    pub fn screen(&self) -> String {
        let parser = self.parser.lock().unwrap();
        let screen = parser.screen();
        let (_, cols) = screen.size();
        screen.rows(0, cols.get()).collect::<Vec<_>>().join("\n")
    }

    /// The bottom row: save state, then message or hints.
    pub fn status_line(&self) -> String {
        let parser = self.parser.lock().unwrap();
        let screen = parser.screen();
        let (_, cols) = screen.size();
        screen.rows(0, cols.get()).last().unwrap_or_default()
    }

    /// Types bytes at the terminal, as one write.
    pub fn send(&mut self, keys: &str) {
        let writer = self.writer.as_mut().expect("the window is open");
        writer.write_all(keys.as_bytes()).expect("write to pty");
        writer.flush().expect("flush pty");
    }

    /// Presses Esc and leaves a gap so the next key is not read as Alt+key.
    pub fn esc(&mut self) {
        self.send("\x1b");
        std::thread::sleep(ESC_GAP);
    }

    /// Waits until `done` holds for the screen; panics with the screen on timeout.
    pub fn wait_until(&self, what: &str, done: impl Fn(&Stb) -> bool) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if done(self) {
                return;
            }
            if Instant::now() > deadline {
                panic!(
                    "timed out after {TIMEOUT:?} waiting for {what}; the screen was:\n{}\n",
                    self.screen()
                );
            }
            std::thread::sleep(POLL);
        }
    }

    /// Waits until `text` is on screen.
    pub fn wait_for(&self, text: &str) {
        self.wait_until(&format!("{text:?} on screen"), |s| {
            s.screen().contains(text)
        });
    }

    /// Waits until `text` is no longer on screen.
    pub fn wait_gone(&self, text: &str) {
        self.wait_until(&format!("{text:?} to leave the screen"), |s| {
            !s.screen().contains(text)
        });
    }

    /// Waits until the status line contains `text`.
    pub fn wait_status(&self, text: &str) {
        self.wait_until(&format!("{text:?} in the status line"), |s| {
            s.status_line().contains(text)
        });
    }

    /// Resizes the terminal, as a window manager would (the child gets SIGWINCH).
    pub fn resize(&mut self, rows: u16, cols: u16) {
        self.parser.lock().unwrap().set_size(nz(rows), nz(cols));
        self.master
            .as_ref()
            .expect("the window is open")
            .resize(size(rows, cols))
            .expect("resize pty");
    }

    /// Whether the process is still alive.
    pub fn is_running(&mut self) -> bool {
        if self.exit.is_some() {
            return false;
        }
        match self.child.try_wait().expect("try_wait") {
            Some(status) => {
                self.exit = Some(status);
                false
            }
            None => true,
        }
    }

    /// Waits for the process to end by itself; panics with the screen on timeout.
    pub fn wait_exit(&mut self) -> ExitStatus {
        let deadline = Instant::now() + TIMEOUT;
        while self.is_running() {
            if Instant::now() > deadline {
                panic!(
                    "stb did not exit within {TIMEOUT:?}; the screen was:\n{}\n",
                    self.screen()
                );
            }
            std::thread::sleep(POLL);
        }
        self.join_reader();
        self.exit.clone().expect("exited")
    }

    /// Sends a signal by name (`TERM`, `HUP`, `INT`) and waits for the exit.
    pub fn signal(&mut self, name: &str) -> ExitStatus {
        let pid = self.child.process_id().expect("a running child has a pid");
        let sent = std::process::Command::new("kill")
            .args([format!("-{name}"), pid.to_string()])
            .status()
            .is_ok_and(|s| s.success());
        assert!(sent, "kill -{name} {pid} failed");
        self.wait_exit()
    }

    /// Whether the terminal was given back as found: the main screen (not
    /// the alternate one) and the cursor shown.
    pub fn terminal_restored(&self) -> bool {
        let parser = self.parser.lock().unwrap();
        let screen = parser.screen();
        !screen.alternate_screen() && !screen.hide_cursor()
    }

    /// Closes the terminal window: the pty's master side goes away, as when
    /// a terminal emulator's window or an ssh connection is closed. The
    /// kernel hangs up the child's terminal (SIGHUP, then reads that end).
    pub fn close_window(&mut self) {
        self.writer = None;
        self.master = None;
        // The reader holds a handle too, blocked in a read: a resize makes
        // stb draw, the read returns, and the reader lets go.
        self.closing.store(true, Ordering::SeqCst);
        let pid = self.child.process_id().expect("a running child has a pid");
        let _ = std::process::Command::new("kill")
            .args(["-WINCH", &pid.to_string()])
            .status();
        self.join_reader();
    }

    /// Waits up to `limit` for the process to end; its status, if it did.
    pub fn wait_exit_within(&mut self, limit: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + limit;
        while self.is_running() {
            if Instant::now() > deadline {
                return None;
            }
            std::thread::sleep(POLL);
        }
        // Everything it printed is on the screen before the status is.
        self.join_reader();
        self.exit.clone()
    }

    /// SIGKILL, as a flat battery or `kill -9` would: no chance to save.
    pub fn kill9(&mut self) {
        if !self.is_running() {
            return;
        }
        // portable-pty's own kill() sends SIGHUP first; go straight to SIGKILL.
        let pid = self.child.process_id().expect("a running child has a pid");
        let killed = std::process::Command::new("kill")
            .args(["-KILL", &pid.to_string()])
            .status()
            .is_ok_and(|s| s.success());
        if !killed {
            let _ = self.child.kill();
        }
        let status = self.child.wait().expect("wait for the killed child");
        self.exit = Some(status);
        self.join_reader();
    }

    fn join_reader(&mut self) {
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
    }
}

impl Drop for Stb {
    fn drop(&mut self) {
        self.kill9();
    }
}

/// Runs `stb ARGS` to completion in a terminal, as a person would start a
/// command that needs one (`open`, `new`, `review`) and that ends by itself:
/// (exit code, what it printed as the screen shows it, long lines unwrapped).
pub fn run_in_terminal(sessions_dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let mut stb = Stb::spawn(sessions_dir, args);
    let status = stb.wait_exit();
    (i32::try_from(status.exit_code()).ok(), stb.printed())
}

/// Runs `stb ARGS` to completion without a terminal: (exit code, stdout, stderr).
pub fn run(sessions_dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_stb"))
        .args(args)
        .env("STB_SESSIONS_DIR", sessions_dir)
        .env("STB_CONFIG_DIR", config_dir(sessions_dir))
        .env("STB_DEVICE", "e2e")
        .env("TZ", "UTC")
        .output()
        .expect("run stb");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
