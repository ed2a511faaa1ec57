//! The harness's figures: percentiles of key latencies, the table it prints
//! and the same as Markdown for the README, with the machine and versions.

use crate::term::command_line;
use crate::{ENTER_EVERY, KEY_LIMIT, KEYS};
use std::path::Path;
use std::time::{Duration, Instant};

/// A key slower than this waited on the machine more than on the program:
/// a traced run showed each such key's time going to a virtual CPU woken
/// late from idle or to the terminal's kernel worker not being run, with
/// the program's own work under 0.1 ms.
const STALL: Duration = Duration::from_millis(1);

/// One program's typing run.
#[derive(Default)]
pub struct Typing {
    pub plain: Vec<Duration>,
    /// The plain keys after which the draft file had changed (stb only).
    pub drafted: Vec<Duration>,
    pub enter: Vec<Duration>,
    pub missed: usize,
    /// Every key answered: (its round from 1, its number in the round from
    /// 1, when it was typed since the round's first key, latency).
    pub timeline: Vec<(usize, usize, Duration, Duration)>,
    /// Spawn to the first screen drawn and quiet (the slowest of the rounds).
    pub startup: Duration,
}

impl Typing {
    fn all(&self) -> Vec<Duration> {
        [self.plain.as_slice(), self.enter.as_slice()].concat()
    }

    /// Adds the keys of another round.
    pub fn absorb(&mut self, round: Typing) {
        self.plain.extend(round.plain);
        self.drafted.extend(round.drafted);
        self.enter.extend(round.enter);
        self.missed += round.missed;
        self.timeline.extend(round.timeline);
        self.startup = self.startup.max(round.startup);
    }
}

/// count, p50, p99, max (nearest rank), in milliseconds.
fn stats(samples: &[Duration]) -> Option<(usize, f64, f64, f64)> {
    let mut ms: Vec<f64> = samples.iter().map(|d| d.as_secs_f64() * 1e3).collect();
    ms.sort_by(f64::total_cmp);
    let rank = |p: f64| ms[((p * ms.len() as f64).ceil() as usize).clamp(1, ms.len()) - 1];
    (!ms.is_empty()).then(|| (ms.len(), rank(0.50), rank(0.99), ms[ms.len() - 1]))
}

/// Markdown rows (program, keys, count, p50, p99, max) for a run.
fn rows(program: &str, run: &Typing) -> Vec<String> {
    let sets = [
        ("all", run.all()),
        ("plain", run.plain.clone()),
        ("plain, draft written", run.drafted.clone()),
        ("Enter", run.enter.clone()),
    ];
    sets.iter()
        .filter_map(|(keys, samples)| {
            let (n, p50, p99, max) = stats(samples)?;
            Some(format!(
                "| {program} | {keys} | {n} | {p50:.2} | {p99:.2} | {max:.2} |"
            ))
        })
        .collect()
}

pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// What one save of the session costs in this process (median of three):
/// the RON text alone, and the whole atomic save (text, write, fsync, rename).
pub fn save_cost(session: &stb::model::Session, path: &Path) -> String {
    let median = |f: &dyn Fn()| {
        let mut times: Vec<Duration> = (0..3)
            .map(|_| {
                let began = Instant::now();
                f();
                began.elapsed()
            })
            .collect();
        times.sort();
        ms(times[1])
    };
    let text = median(&|| drop(stb::storage::to_ron(session)));
    let save = median(&|| stb::storage::save(path, session).expect("save"));
    format!(
        "One save of the session, in-process: {text:.0} ms to make the RON text, {save:.0} ms for the whole atomic save (median of 3)."
    )
}

/// CPU seconds two idle `stb` windows used, and bytes they drew: timer running, then paused.
pub struct Idle {
    pub timed: f64,
    pub paused: f64,
    pub timed_bytes: usize,
    pub paused_bytes: usize,
}

/// Everything measured besides the key latencies.
pub struct Report {
    pub insights: usize,
    pub size: u64,
    /// Rounds of [`KEYS`] keys typed into each program.
    pub rounds: usize,
    pub idle_seconds: u64,
    pub idle: Idle,
    pub save_cost: String,
}

impl Report {
    pub fn print(&self, stb_run: &Typing, vim_run: Option<&Typing>) {
        let Report {
            insights,
            size,
            rounds,
            idle_seconds,
            save_cost,
            ..
        } = self;
        let Idle {
            timed,
            paused,
            timed_bytes,
            paused_bytes,
        } = self.idle;
        let cpu_model = std::fs::read_to_string("/proc/cpuinfo")
            .ok()
            .and_then(|s| {
                s.lines()
                    .find(|l| l.starts_with("model name"))
                    .map(str::to_owned)
            })
            .and_then(|l| l.split_once(':').map(|(_, m)| m.trim().to_owned()))
            .unwrap_or_else(|| "unknown CPU".into());
        let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
        let stb_version =
            command_line(env!("CARGO_BIN_EXE_stb"), &["--version"]).unwrap_or_default();
        let vim_version = command_line("/usr/bin/vim", &["--version"]).unwrap_or_default();
        let date = jiff::Timestamp::now()
            .strftime("%Y-%m-%d %H:%M UTC")
            .to_string();
        let mut table = vec![
            "| program | keys | count | p50 ms | p99 ms | max ms |".to_owned(),
            "|---|---|---:|---:|---:|---:|".to_owned(),
        ];
        table.extend(rows("stb", stb_run));
        if let Some(vim) = vim_run {
            table.extend(rows("vim -u NONE", vim));
        }
        println!();
        println!(
            "{:<12} {:<20} {:>5} {:>9} {:>9} {:>9}",
            "program", "keys", "count", "p50 ms", "p99 ms", "max ms"
        );
        for row in &table[2..] {
            let cells: Vec<&str> = row.trim_matches('|').split('|').map(str::trim).collect();
            println!(
                "{:<12} {:<20} {:>5} {:>9} {:>9} {:>9}",
                cells[0], cells[1], cells[2], cells[3], cells[4], cells[5]
            );
        }
        println!(
            "missed keys (no output within {KEY_LIMIT:?}): stb {}, vim {}",
            stb_run.missed,
            vim_run.map_or(0, |v| v.missed)
        );
        let stalls = |run: &Typing| run.all().iter().filter(|&&d| d > STALL).count();
        println!(
            "keys over {STALL:?} (the machine's stalls, mostly): stb {}, vim {}",
            stalls(stb_run),
            vim_run.map_or(0, stalls)
        );
        println!(
            "startup to first screen: stb {:.0} ms, vim {:.0} ms",
            ms(stb_run.startup),
            vim_run.map_or(0.0, |v| ms(v.startup))
        );
        let idle = format!(
            "Idle {idle_seconds} s with the session open: {timed:.2} s CPU with the timer running ({timed_bytes} bytes drawn), {paused:.2} s with it paused ({paused_bytes} bytes)."
        );
        println!("{idle}");
        println!("{save_cost}");
        for (program, run) in [("stb", Some(stb_run)), ("vim", vim_run)] {
            let Some(run) = run else { continue };
            let mut slow = run.timeline.clone();
            slow.sort_by_key(|&(_, _, _, latency)| std::cmp::Reverse(latency));
            let slow: Vec<String> = slow[..slow.len().min(8)]
                .iter()
                .map(|(round, n, at, latency)| {
                    let (at, latency) = (at.as_secs_f64(), ms(*latency));
                    format!("#{n} of round {round} at {at:.2} s: {latency:.1} ms")
                })
                .collect();
            println!(
                "slowest {program} keys (Enter is every {ENTER_EVERY}th): {}",
                slow.join(", ")
            );
        }

        println!("\nMarkdown:\n");
        println!(
            "Typing latency, {date}: {cores} cores, {cpu_model}; {stb_version}; {vim_version}."
        );
        println!(
            "Session of {insights} insights ({size} bytes); vim edits a copy of the same file. {rounds} round(s) of {KEYS} keys, stb's then vim's, Enter every {ENTER_EVERY}th (each Enter saves the session); key to the program's next output.\n"
        );
        for row in &table {
            println!("{row}");
        }
        println!("\n{idle}\n\n{save_cost}");
    }
}
