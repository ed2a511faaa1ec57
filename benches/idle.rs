//! Idle stays idle (issue 14, point 6): the CPU the real binary uses in a
//! minute when nobody touches it, in a pseudo-terminal, read from
//! `/proc/PID/stat` (user + system, all threads), with how often its
//! threads woke (context switches, from `/proc/PID/task/*/status`) and how
//! many bytes it wrote to the terminal.
//!
//! Side by side, for `STB_IDLE_SECONDS` (60): a 10,000-insight session open
//! on a question with its timer running; review open on 50 workshops of 200
//! insights; Home on the folder of those 50 files. Budget: under 0.5 s of
//! CPU a minute each. `cargo bench --bench idle`.

#[path = "typing_latency/term.rs"]
#[allow(dead_code)] // the latency bench uses the rest
mod term;

use portable_pty::CommandBuilder;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use term::{Term, clock_ticks, cpu_seconds};

const CTRL_Q: &[u8] = b"\x11";
const CTRL_T: &[u8] = b"\x14";
const WORKSHOPS: usize = 50;
const BUDGET_PER_MINUTE: f64 = 0.5;

/// Context switches of every thread of `pid` so far: each is a wake.
fn wakes(pid: u32) -> u64 {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return 0;
    };
    let mut total = 0;
    for task in tasks.filter_map(Result::ok) {
        let status = std::fs::read_to_string(task.path().join("status")).unwrap_or_default();
        for line in status.lines() {
            if line.starts_with("voluntary_ctxt_switches")
                || line.starts_with("nonvoluntary_ctxt_switches")
            {
                let n = line.split_whitespace().last().unwrap_or("0");
                total += n.parse::<u64>().unwrap_or(0);
            }
        }
    }
    total
}

fn stb(dir: &Path, args: &[&Path]) -> Term {
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_stb"));
    for arg in args {
        cmd.arg(arg);
    }
    cmd.env("STB_SESSIONS_DIR", dir);
    cmd.env("STB_DEVICE", "bench");
    cmd.env("TERM", "xterm-256color");
    cmd.env("TZ", "UTC");
    cmd.cwd(dir);
    let began = Instant::now();
    let mut term = Term::spawn(cmd, 40, 120);
    term.first_output(began, Duration::from_secs(60))
        .expect("stb drew nothing");
    assert!(term.settle(Duration::from_millis(500), Duration::from_secs(60)));
    term
}

struct Watched {
    label: &'static str,
    term: Term,
    cpu: f64,
    wakes: u64,
    bytes: usize,
}

fn main() {
    let seconds: u64 = std::env::var("STB_IDLE_SECONDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(60);
    let tmp = tempfile::tempdir().unwrap();
    let (one, many) = (tmp.path().join("one"), tmp.path().join("many"));
    std::fs::create_dir_all(&one).unwrap();
    std::fs::create_dir_all(&many).unwrap();
    let mut session = stb::generate::session(stb::generate::Spec {
        insights: 10_000,
        seed: 1,
    });
    session.stage = stb::model::Stage::Question(1);
    let open = one.join("open.ron");
    stb::storage::save(&open, &session).unwrap();
    let workshops: Vec<PathBuf> = (0..WORKSHOPS)
        .map(|n| {
            let session = stb::generate::session(stb::generate::Spec {
                insights: 200,
                seed: 100 + n as u64,
            });
            let path = many.join(format!("workshop-{n:02}.ron"));
            stb::storage::save(&path, &session).unwrap();
            path
        })
        .collect();

    let mut timed = stb(&one, &[Path::new("open"), &open]);
    let before = timed.screen();
    timed.send(CTRL_T);
    timed.settle(Duration::from_millis(500), Duration::from_secs(10));
    assert_ne!(before, timed.screen(), "Ctrl+T changed nothing");
    let mut review_args: Vec<&Path> = vec![Path::new("review")];
    review_args.extend(workshops.iter().map(PathBuf::as_path));
    let review = stb(&many, &review_args);
    assert!(review.screen().contains("50 files"), "{}", review.screen());
    let home = stb(&many, &[]);
    assert!(home.screen().contains("Sessions (50)"), "{}", home.screen());

    let ticks = clock_ticks();
    let mut watched: Vec<Watched> = [
        ("session open, timer running (10,000 insights)", timed),
        ("review open on 50 workshops of 200 insights", review),
        ("Home on the folder of those 50 files", home),
    ]
    .into_iter()
    .map(|(label, mut term)| {
        term.drain();
        Watched {
            label,
            cpu: cpu_seconds(term.pid(), ticks),
            wakes: wakes(term.pid()),
            bytes: term.bytes,
            term,
        }
    })
    .collect();
    println!("idle: {seconds} s, side by side");
    let until = Instant::now() + Duration::from_secs(seconds);
    while Instant::now() < until {
        std::thread::sleep(Duration::from_millis(200));
        for w in &mut watched {
            w.term.drain();
        }
    }
    let per_minute = 60.0 / seconds as f64;
    println!(
        "\n{:<48} {:>12} {:>10} {:>12} {:>8}",
        "idle", "CPU s/min", "wakes/s", "bytes/min", "result"
    );
    let mut pass = true;
    for w in &mut watched {
        let cpu = (cpu_seconds(w.term.pid(), ticks) - w.cpu) * per_minute;
        let wakes = (wakes(w.term.pid()) - w.wakes) as f64 / seconds as f64;
        let bytes = (w.term.bytes - w.bytes) as f64 * per_minute;
        let ok = cpu < BUDGET_PER_MINUTE;
        pass &= ok;
        println!(
            "{:<48} {:>12.3} {:>10.1} {:>12.0} {:>8}",
            w.label,
            cpu,
            wakes,
            bytes,
            if ok { "PASS" } else { "FAIL" }
        );
    }
    for w in &mut watched {
        w.term.send(CTRL_Q);
        assert!(
            w.term.wait_exit(Duration::from_secs(30)),
            "stb did not quit"
        );
    }
    if !pass {
        println!("\nSome idle budgets failed (< {BUDGET_PER_MINUTE} s of CPU a minute).");
    }
}
