//! Typing latency and idle CPU of the real `stb`, beside `vim -u NONE`.
//!
//! `cargo bench --bench typing_latency` generates a session of 10,000
//! insights (`STB_BENCH_INSIGHTS`), opens a copy with `stb open` in a
//! 120×40 pseudo-terminal and types 200 keys one at a time, Enter every
//! 40th (each Enter saves an insight, so the session is saved five times a
//! round). Each key is timed from its write to the first output the
//! program sends after it; the next key goes only once the output has been
//! quiet for 30 ms. The same keys then go to `vim -u NONE -N` on another
//! copy (same size), in insert mode. That is one round; there are five
//! (`STB_BENCH_ROUNDS`), stb's and vim's in turn, each on fresh copies, and
//! the percentiles are over every round's keys.
//!
//! Why rounds: a p99 of 200 keys is their third slowest, so one stall of
//! this machine's (a virtual CPU woken late, or not run for milliseconds)
//! decided a comparison, and stalls come in spells that fell on one
//! program's run and not the other's. Over 1,000 keys the p99 is the tenth
//! slowest, and spells fall on both. Taking turns key by key was tried and
//! dropped: the program not typed into (its saves, its answer to SIGCONT)
//! then lands on the other's keys.
//!
//! Plain keys after which stb's `.draft` file changed (it writes the
//! capture line, fsynced, at most every 0.5 s) get a row of their own, and
//! the slowest keys are listed by round and number. Last, two `stb`
//! windows sit idle on copies of the session for `STB_IDLE_SECONDS` (60),
//! one with the question timer running, and the CPU time each used is read
//! from `/proc/PID/stat`. The figures are printed as a table and again as
//! Markdown for the README, beside the cost of one save of the session
//! measured in-process (what an Enter waits for while saves run on the
//! input path).

#[path = "typing_latency/report.rs"]
mod report;
#[path = "typing_latency/term.rs"]
mod term;

use portable_pty::CommandBuilder;
use report::Typing;
use stb::model::Stage;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use term::{Term, clock_ticks, cpu_seconds};

const ROWS: u16 = 40;
const COLS: u16 = 120;
const KEYS: usize = 200;
const ENTER_EVERY: usize = 40;
/// No output for this long means the program has finished answering a key.
const QUIET: Duration = Duration::from_millis(30);
/// A key with no answer within this long is counted as missed.
const KEY_LIMIT: Duration = Duration::from_secs(5);
/// The first screen is drawn once output has paused this long.
const STARTED: Duration = Duration::from_millis(500);
const START_LIMIT: Duration = Duration::from_secs(60);
const WORDS: &str = "the food hub kept people together all winter long ";
const CTRL_Q: &[u8] = b"\x11";
const CTRL_T: &[u8] = b"\x14";

/// The keys typed: printable characters, with Enter every `ENTER_EVERY`th.
fn keys() -> Vec<u8> {
    let mut letters = WORDS.bytes().cycle();
    (1..=KEYS)
        .map(|n| match n % ENTER_EVERY {
            0 => b'\r',
            _ => letters.next().expect("an endless cycle"),
        })
        .collect()
}

/// Starts a program and waits for its first screen.
fn start(command: CommandBuilder) -> (Term, Duration) {
    let began = Instant::now();
    let mut term = Term::spawn(command, ROWS, COLS);
    term.first_output(began, START_LIMIT)
        .expect("the program drew nothing");
    assert!(
        term.settle(STARTED, START_LIMIT),
        "the first screen never settled"
    );
    let startup = began.elapsed() - STARTED;
    (term, startup)
}

/// The draft file's state: whether it is there, and when it was last written.
fn draft_state(path: Option<&Path>) -> Option<(bool, Option<std::time::SystemTime>)> {
    let meta = std::fs::metadata(path?);
    Some((meta.is_ok(), meta.ok().and_then(|m| m.modified().ok())))
}

/// Types every key into `term`, one at a time, each once the last is
/// answered, noting the keys after which the file at `draft` had changed.
fn type_keys(term: &mut Term, round: usize, startup: Duration, draft: Option<&Path>) -> Typing {
    let mut run = Typing {
        startup,
        ..Typing::default()
    };
    let mut last_draft = draft_state(draft);
    let began = Instant::now();
    for (n, key) in keys().into_iter().enumerate() {
        let at = began.elapsed();
        let answer = term.key(&[key], KEY_LIMIT);
        if let Some(latency) = answer {
            run.timeline.push((round, n + 1, at, latency));
        }
        match answer {
            Some(latency) if key == b'\r' => run.enter.push(latency),
            Some(latency) => run.plain.push(latency),
            None => run.missed += 1,
        }
        term.settle(QUIET, KEY_LIMIT);
        let now = draft_state(draft);
        if let (Some(latency), true) = (answer, now != last_draft && key != b'\r') {
            run.drafted.push(latency);
        }
        last_draft = now;
    }
    run
}

fn stb_command(sessions: &Path, file: &Path) -> CommandBuilder {
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_stb"));
    cmd.arg("open");
    cmd.arg(file);
    cmd.env("STB_SESSIONS_DIR", sessions);
    cmd.env("STB_DEVICE", "bench");
    cmd.env("TERM", "xterm-256color");
    cmd.env("TZ", "UTC");
    cmd.cwd(sessions);
    cmd
}

/// A copy of the session in a folder of its own (each `stb` locks its file).
fn copy_into(dir: &Path, name: &str, file: &Path) -> (PathBuf, PathBuf) {
    let sessions = dir.join(name);
    std::fs::create_dir_all(&sessions).unwrap();
    let copy = sessions.join(file.file_name().unwrap());
    std::fs::copy(file, &copy).unwrap();
    // On disk before the program starts, so its first fsync does not pay for our copy.
    std::fs::File::open(&copy).unwrap().sync_all().unwrap();
    (sessions, copy)
}

fn run_stb(dir: &Path, file: &Path, insights: usize, round: usize) -> Typing {
    let (sessions, file) = copy_into(dir, &format!("typing-{round}"), file);
    let (mut term, startup) = start(stb_command(&sessions, &file));
    assert!(
        term.screen().contains("Enter"),
        "not on a question's capture line:\n{}",
        term.screen()
    );
    let mut draft = file.clone().into_os_string();
    draft.push(".draft");
    let run = type_keys(&mut term, round, startup, Some(Path::new(&draft)));
    term.send(CTRL_Q);
    assert!(term.wait_exit(Duration::from_secs(30)), "stb did not quit");
    let saved = stb::storage::load(&file).expect("the typed session loads");
    let entered = KEYS / ENTER_EVERY;
    assert_eq!(
        saved.insights.len(),
        insights + entered,
        "every Enter saved an insight"
    );
    run
}

fn run_vim(dir: &Path, file: &Path, round: usize) -> Option<Typing> {
    let vim = Path::new("/usr/bin/vim");
    if !vim.exists() {
        println!("vim: not at /usr/bin/vim; skipped");
        return None;
    }
    let (folder, copy) = copy_into(dir, &format!("vim-{round}"), file);
    let text = copy.with_extension("txt");
    std::fs::rename(&copy, &text).unwrap();
    let mut cmd = CommandBuilder::new(vim);
    cmd.args(["-u", "NONE", "-N"]);
    cmd.arg(&text);
    cmd.env("TERM", "xterm-256color");
    cmd.cwd(&folder);
    let (mut term, startup) = start(cmd);
    term.key(b"i", KEY_LIMIT);
    term.settle(STARTED, KEY_LIMIT);
    let run = type_keys(&mut term, round, startup, None);
    term.send(b"\x1b");
    term.settle(Duration::from_millis(200), KEY_LIMIT);
    term.send(b":q!\r");
    assert!(term.wait_exit(Duration::from_secs(10)), "vim did not quit");
    Some(run)
}

/// Two `stb` windows left idle for `seconds`, one with the timer running.
fn run_idle(dir: &Path, file: &Path, seconds: u64) -> report::Idle {
    let ticks = clock_ticks();
    let (a, a_file) = copy_into(dir, "idle-timer", file);
    let (b, b_file) = copy_into(dir, "idle-paused", file);
    let (mut timed, _) = start(stb_command(&a, &a_file));
    let (mut paused, _) = start(stb_command(&b, &b_file));
    let before = timed.screen();
    timed.send(CTRL_T);
    timed.settle(STARTED, KEY_LIMIT);
    assert_ne!(before, timed.screen(), "Ctrl+T changed nothing on screen");
    let cpu = |t: &Term| cpu_seconds(t.pid(), ticks);
    let (timed_cpu, paused_cpu) = (cpu(&timed), cpu(&paused));
    let (timed_bytes, paused_bytes) = (timed.bytes, paused.bytes);
    let until = Instant::now() + Duration::from_secs(seconds);
    while Instant::now() < until {
        std::thread::sleep(Duration::from_millis(200));
        timed.drain();
        paused.drain();
    }
    let used = (cpu(&timed) - timed_cpu, cpu(&paused) - paused_cpu);
    let bytes = (timed.bytes - timed_bytes, paused.bytes - paused_bytes);
    for term in [&mut timed, &mut paused] {
        term.send(CTRL_Q);
        assert!(term.wait_exit(Duration::from_secs(30)), "stb did not quit");
    }
    report::Idle {
        timed: used.0,
        paused: used.1,
        timed_bytes: bytes.0,
        paused_bytes: bytes.1,
    }
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let insights = env_number("STB_BENCH_INSIGHTS", 10_000) as usize;
    let idle_seconds = env_number("STB_IDLE_SECONDS", 60);
    let tmp = tempfile::tempdir().expect("a temp folder");
    let file = tmp.path().join("bench.ron");
    let mut session = stb::generate::session(stb::generate::Spec { insights, seed: 1 });
    // `generate` leaves the session at its wrap-up; typing needs a question.
    session.stage = Stage::Question(session.questions.len());
    stb::storage::save(&file, &session).expect("save the generated session");
    let size = std::fs::metadata(&file).unwrap().len();
    let save_cost = report::save_cost(&session, &tmp.path().join("save-cost.ron"));

    println!("binary: {}", env!("CARGO_BIN_EXE_stb"));
    let rounds = env_number("STB_BENCH_ROUNDS", 5).max(1) as usize;
    println!(
        "typing latency: {insights} insights, {size} bytes, {ROWS}x{COLS} pty, {rounds} round(s) of {KEYS} keys"
    );

    // In turns, so that a slow spell of the machine falls on both alike;
    // each program alone while it is typed into, so neither's work lands
    // on the other's keys.
    let mut stb_run = Typing::default();
    let mut vim_run: Option<Typing> = None;
    for round in 1..=rounds {
        stb_run.absorb(run_stb(tmp.path(), &file, insights, round));
        if let Some(run) = run_vim(tmp.path(), &file, round) {
            vim_run.get_or_insert_default().absorb(run);
        }
    }
    println!("idle: {idle_seconds} s each, timer running and paused, side by side");
    let idle = run_idle(tmp.path(), &file, idle_seconds);

    let report = report::Report {
        insights,
        size,
        rounds,
        idle_seconds,
        idle,
        save_cost,
    };
    report.print(&stb_run, vim_run.as_ref());
    let missed = stb_run.missed + vim_run.as_ref().map_or(0, |v| v.missed);
    assert_eq!(missed, 0, "some keys got no answer");
}
