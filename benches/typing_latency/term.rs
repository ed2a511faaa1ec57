//! A program in a pseudo-terminal, as the latency harness sees it: a reader
//! thread stamps every chunk of output with the [`Instant`] its read returned
//! and feeds it to a vt100 screen; the harness writes keys and matches each
//! to the first chunk stamped after its write.

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A child in a pty. Dropping it kills the child if it is still running.
pub struct Term {
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    chunks: Receiver<(Instant, usize)>,
    screen: Arc<Mutex<vt100::Parser>>,
    /// Output bytes taken off the channel so far.
    pub bytes: usize,
    // Kept open for the child's lifetime: dropping it hangs up the terminal.
    _master: Box<dyn MasterPty + Send>,
}

impl Term {
    /// Starts `command` on a `rows`×`cols` terminal.
    pub fn spawn(command: CommandBuilder, rows: u16, cols: u16) -> Term {
        let size = PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        };
        let pair = native_pty_system().openpty(size).expect("open a pty");
        let child = pair.slave.spawn_command(command).expect("spawn the child");
        drop(pair.slave);
        let nz = |n| NonZeroU16::new(n).expect("terminal sizes are positive");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(nz(rows), nz(cols), 0)));
        let sink = Arc::clone(&screen);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let (tx, chunks) = channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 65536];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        // Stamp first: the emulator's work is not the child's.
                        let at = Instant::now();
                        sink.lock().unwrap().process(&buf[..n]);
                        if tx.send((at, n)).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        let writer = pair.master.take_writer().expect("pty writer");
        Term {
            writer,
            child,
            chunks,
            screen,
            bytes: 0,
            _master: pair.master,
        }
    }

    /// The child's process id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("a running child has a pid")
    }

    /// The emulated screen as text.
    pub fn screen(&self) -> String {
        let parser = self.screen.lock().unwrap();
        let (_, cols) = parser.screen().size();
        parser
            .screen()
            .rows(0, cols.get())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Writes `bytes` as one write.
    pub fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("write to the pty");
        self.writer.flush().expect("flush the pty");
    }

    /// Takes whatever output has arrived, without waiting; its byte count.
    pub fn drain(&mut self) -> usize {
        let mut n = 0;
        while let Ok((_, len)) = self.chunks.try_recv() {
            n += len;
        }
        self.bytes += n;
        n
    }

    /// Waits until no output has come for `quiet`, giving up after `limit`;
    /// whether it went quiet.
    pub fn settle(&mut self, quiet: Duration, limit: Duration) -> bool {
        let deadline = Instant::now() + limit;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return false;
            }
            match self.chunks.recv_timeout(quiet.min(left)) {
                Ok((_, len)) => self.bytes += len,
                Err(RecvTimeoutError::Timeout) => return Instant::now() < deadline,
                Err(RecvTimeoutError::Disconnected) => return true,
            }
        }
    }

    /// Waits for the first output, up to `limit`; how long it took.
    pub fn first_output(&mut self, since: Instant, limit: Duration) -> Option<Duration> {
        let deadline = since + limit;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.chunks.recv_timeout(left) {
                Ok((at, len)) => {
                    self.bytes += len;
                    // A late chunk from before the write belongs to the last key.
                    if at >= since {
                        return Some(at - since);
                    }
                }
                Err(_) => return None,
            }
        }
    }

    /// Types `bytes` and times the wait for the child's next output (None if
    /// nothing came within `limit`).
    pub fn key(&mut self, bytes: &[u8], limit: Duration) -> Option<Duration> {
        self.drain();
        let sent = Instant::now();
        self.send(bytes);
        self.first_output(sent, limit)
    }

    /// Waits up to `limit` for the child to exit by itself; whether it did.
    pub fn wait_exit(&mut self, limit: Duration) -> bool {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return true;
            }
            self.drain();
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// CPU time (user + system, all threads) the process has used so far, in
/// seconds, from `/proc/PID/stat`.
pub fn cpu_seconds(pid: u32, ticks_per_second: f64) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("read /proc/PID/stat");
    // The command name may hold spaces and parentheses: fields follow the last ')'.
    let rest = &stat[stat.rfind(')').expect("a stat line") + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // Fields 14 (utime) and 15 (stime); `rest` starts at field 3.
    let ticks: u64 = fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap();
    ticks as f64 / ticks_per_second
}

/// Clock ticks per second (`getconf CLK_TCK`), 100 if that cannot be run.
pub fn clock_ticks() -> f64 {
    command_line("getconf", &["CLK_TCK"])
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(100.0)
}

/// The first line a command prints, if it runs.
pub fn command_line(program: &str, args: &[&str]) -> Option<String> {
    let out = std::process::Command::new(program)
        .args(args)
        .output()
        .ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines().next().map(str::to_owned)
}
