//! Kill at any moment: the real binary in a pseudo-terminal types insights
//! at typing speed and is sent SIGKILL at random moments, the way a flat
//! battery or a frozen laptop ends it. After every kill the file must
//! parse, every insight on a screen whose status said "saved" must be in
//! it (saving runs in the background, and says "saving…" until done), and
//! the draft must hold the line being typed as the screen showed it two
//! seconds before the kill (drafts are written half a second behind the
//! typing, through the saving thread; the rest is slack for a loaded
//! machine, where a save's fsyncs can hold the thread up). Timing is read off the screen, not off the
//! keys sent, so a machine too busy to keep up cannot fail the test.
//!
//! 50 kills by default; `STB_SOAK_KILLS=1000` for a soak run, and
//! `STB_SOAK_SEED=N` to replay one (the seed is printed on failure).

use super::pty::{Stb, key};
use super::{NEW, load, only_session_file};
use stb::generate::Rng;
use std::collections::BTreeSet;
use std::path::Path;
use std::time::{Duration, Instant};

/// How far behind the typing the draft may be when the kill comes.
const DRAFT_SLACK: Duration = Duration::from_millis(2_000);

const WORDS: &[&str] = &[
    "hub",
    "council",
    "volunteers",
    "mutual",
    "aid",
    "pantry",
    "trust",
    "grew",
    "chapel",
    "Mae'r",
    "gymuned",
    "ŵyr",
    "forms",
    "went",
    "#innovation",
    "#barrier",
    "#collaboration",
    "@Ann",
];

/// The tokens `[rRnN]` in the insight list (above the capture box) of a
/// screen: each names one insight, and a half-drawn one does not match.
fn listed_tokens(screen: &str) -> BTreeSet<String> {
    let mut tokens = BTreeSet::new();
    for row in screen.lines().take_while(|r| !r.contains("╭ Capture")) {
        let mut rest = row;
        while let Some(start) = rest.find("[r") {
            rest = &rest[start + 2..];
            let Some(end) = rest.find(']') else { break };
            let inner = &rest[..end];
            let well_formed = inner.split_once('n').is_some_and(|(r, n)| {
                !r.is_empty()
                    && !n.is_empty()
                    && r.chars().all(|c| c.is_ascii_digit())
                    && n.chars().all(|c| c.is_ascii_digit())
            });
            if well_formed {
                tokens.insert(format!("[r{inner}]"));
            }
        }
    }
    tokens
}

/// The capture line as the screen shows it (empty while it shows its
/// placeholder): the rows inside the capture box, joined.
fn capture_on(screen: &str) -> String {
    let rows: Vec<&str> = screen
        .lines()
        .skip_while(|r| !r.contains("╭ Capture"))
        .skip(1)
        .take_while(|r| !r.contains('╰'))
        .map(|r| r.trim_matches('│').trim())
        .collect();
    let text = rows.join(" ");
    if text.starts_with("Type what is said") {
        String::new()
    } else {
        text
    }
}

/// One line as typed: its text, and when Enter was pressed, if it was.
#[derive(Default)]
struct Line {
    text: String,
    entered: Option<Instant>,
}

impl Line {
    fn token(&self) -> &str {
        self.text.split(' ').next().unwrap_or("")
    }
}

/// What one life of stb typed, line by line.
#[derive(Default)]
struct Typing {
    lines: Vec<Line>,
}

impl Typing {
    /// The line in progress (after the last Enter), started if need be.
    fn open_line(&mut self) -> &mut Line {
        if self.lines.last().is_none_or(|l| l.entered.is_some()) {
            self.lines.push(Line::default());
        }
        self.lines.last_mut().unwrap()
    }

    /// Types `keys` in one burst, as a fast typist's word arrives.
    fn keys(&mut self, stb: &mut Stb, keys: &str) {
        stb.send(keys);
        self.open_line().text.push_str(keys);
    }

    fn enter(&mut self, stb: &mut Stb) {
        stb.send(key::ENTER);
        self.open_line().entered = Some(Instant::now());
    }

    fn in_progress(&self) -> bool {
        self.lines.last().is_some_and(|l| l.entered.is_none())
    }
}

/// The line a draft holds, and the newest insight when it began (its
/// `after ID` header: `-` for none).
fn draft_parts(file: &Path) -> (String, String) {
    let draft = file.with_file_name(format!(
        "{}.draft",
        file.file_name().unwrap().to_string_lossy()
    ));
    let raw = std::fs::read_to_string(draft).unwrap_or_default();
    match raw.split_once('\n') {
        Some((head, line)) if head.starts_with("after ") => {
            (head["after ".len()..].to_owned(), line.to_owned())
        }
        _ => (String::new(), raw),
    }
}

fn draft_of(file: &Path) -> String {
    draft_parts(file).1
}

/// What one life saw: the tokens listed as saved just before the kill,
/// the capture line as the screen showed it over time, and that screen.
struct Life {
    listed: BTreeSet<String>,
    shown: Vec<(Instant, String)>,
    screen: String,
}

/// One life: type for a while at typing speed, now and then pause, then
/// SIGKILL.
fn one_life(stb: &mut Stb, rng: &mut Rng, round: usize, mut typing: Typing) -> (Life, Typing) {
    let mut shown = Vec::new();
    let words = rng.below(30);
    for _ in 0..words {
        if !typing.in_progress() {
            let n = typing.lines.len();
            typing.keys(stb, &format!("[r{round}n{n}] "));
        }
        if typing.lines.last().is_some_and(|l| l.text.len() > 12) && rng.below(6) == 0 {
            typing.enter(stb);
        } else {
            let word = *rng.pick(WORDS);
            typing.keys(stb, &format!("{word} "));
        }
        std::thread::sleep(Duration::from_millis(10 + rng.below(50) as u64));
        shown.push((Instant::now(), capture_on(&stb.screen())));
    }
    // A pause longer than the draft's promise, in a quarter of the lives.
    // The screen is read once it has caught up with the keys.
    let pause = if rng.below(4) == 0 {
        std::thread::sleep(Duration::from_millis(150));
        shown.push((Instant::now(), capture_on(&stb.screen())));
        2_100 + rng.below(600) as u64
    } else {
        rng.below(300) as u64
    };
    std::thread::sleep(Duration::from_millis(pause));
    // The promise is made by a whole frame whose status line says "saved"
    // (not "saving…"): a screen read mid-frame could pair a new row with
    // the last frame's status, so only a screen that held still counts.
    let first = stb.screen();
    std::thread::sleep(Duration::from_millis(20));
    let screen = stb.screen();
    stb.kill9();
    let status = screen.lines().last().unwrap_or_default();
    assert!(!status.contains("NOT SAVED"), "a save failed: {status}");
    let saved = first == screen && status.trim_start().starts_with("saved ");
    let life = Life {
        listed: if saved {
            listed_tokens(&screen)
        } else {
            BTreeSet::new()
        },
        shown,
        screen,
    };
    (life, typing)
}

#[test]
fn sigkill_at_random_moments_keeps_every_insight_shown_as_saved() {
    let kills: usize = std::env::var("STB_SOAK_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let seed: u64 = std::env::var("STB_SOAK_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
        });
    let mut rng = Rng::new(seed);
    let context = format!("STB_SOAK_SEED={seed} STB_SOAK_KILLS={kills}");
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let started = Instant::now();

    let mut stb = Stb::spawn(&dir, NEW);
    stb.wait_for("Question 1 of 4");
    let file = only_session_file(&dir);
    let path = file.to_str().unwrap().to_owned();
    let mut promised = BTreeSet::new();
    let (mut early_kills, mut drafts_checked, mut stale_drafts) = (0, 0, 0);
    let mut stale_draft = false;
    // A loaded machine reaches fewer `saved` screens between kills: past the
    // kills asked for, go on (up to three times as many) until the soak has
    // the evidence it needs to mean anything.
    let enough = |promised: usize, drafts: usize| promised >= kills / 4 && drafts >= kills / 20;
    let mut rounds = 0;
    for round in 0..3 * kills {
        if round >= kills && enough(promised.len(), drafts_checked) {
            break;
        }
        rounds = round + 1;
        let mut recovered = Typing::default();
        if round > 0 {
            stb = Stb::spawn(&dir, &["open", &path]);
            // Now and then, kill it before it has even drawn.
            if rng.below(10) == 0 {
                std::thread::sleep(Duration::from_millis(rng.below(60) as u64));
                stb.kill9();
                early_kills += 1;
                load(&file);
                continue;
            }
            stb.wait_for("Question 1 of 4");
            if stale_draft {
                // The line is already an insight: it must not come back.
                stb.wait_until("the stale draft cleared", |_| draft_of(&file).is_empty());
                assert!(!stb.screen().contains("Recovered the line"), "{context}");
            } else if !draft_of(&file).trim().is_empty() {
                // The recovered line is entered: it is this life's first line.
                stb.wait_for("Recovered the line");
                let text = draft_of(&file);
                stb.send(key::ENTER);
                recovered.lines.push(Line {
                    text,
                    entered: Some(Instant::now()),
                });
            }
        }
        let (life, typing) = one_life(&mut stb, &mut rng, round, recovered);
        let killed_at = Instant::now();

        // What reopening shows: the file, with the journal of the saves
        // since it was last written whole folded in.
        let session = stb::storage::load_with_journal(&file).unwrap_or_else(|e| {
            panic!("{context}: the file no longer loads after kill {round}: {e}")
        });
        promised.extend(life.listed);
        // (A draft cut mid-token names no line: only whole tokens count.)
        let in_file = |token: &str| {
            token.ends_with(']') && session.live_insights().any(|i| i.text.contains(token))
        };
        for token in &promised {
            assert!(
                in_file(token),
                "{context}: {token} was listed as saved before a kill, and is not in the file; the screen was:\n{}",
                life.screen
            );
        }
        // The draft is the start of a line that is not yet an insight (a
        // draft of a saved line would come back and be entered twice)...
        // An entered line stays in the draft until the next line begins. On
        // reopening, stb drops a draft whose line it finds saved (an insight
        // of this device newer than the draft's `after` header): such a
        // draft must be the start of an entered line that is in the file.
        // Any other draft comes back, so it must be the start of a line
        // that is not in the file, or it would be entered twice.
        let (after, draft) = draft_parts(&file);
        stale_draft = !draft.is_empty()
            && session
                .insights
                .iter()
                .any(|i| i.author == "e2e" && (after == "-" || i.id.to_string() > after));
        stale_drafts += usize::from(stale_draft);
        let lines: Vec<_> = typing
            .lines
            .iter()
            .map(|l| (&l.text, l.entered.is_some(), in_file(l.token())))
            .collect();
        if stale_draft {
            assert!(
                // (A recovered line cut mid-token cannot be told apart.)
                typing.lines.iter().any(|l| l.entered.is_some()
                    && l.text.starts_with(&draft)
                    && (in_file(l.token()) || !l.token().ends_with(']'))),
                "{context}: the draft {draft:?} would be dropped, but its line is not in the file; \
                 lines (text, entered, in the file): {lines:?}"
            );
        } else if !draft.is_empty() {
            assert!(
                typing
                    .lines
                    .iter()
                    .any(|l| l.text.starts_with(draft.as_str()) && !in_file(l.token())),
                "{context}: the draft {draft:?} would come back, but is not the start of a line \
                 still unsaved; lines (text, entered, in the file): {lines:?}; the screen was:\n{}",
                life.screen
            );
        }
        // ...and holds at least what the screen showed of the line in
        // progress two seconds before the kill.
        let settled = killed_at - DRAFT_SLACK;
        let seen = life
            .shown
            .iter()
            .take_while(|(at, _)| *at < settled)
            .last()
            .map(|(_, text)| text.as_str())
            .unwrap_or("");
        let in_progress = typing.lines.last().filter(|l| l.entered.is_none());
        // (Only once the screen shows the line's whole token is it this line.)
        let same_line = |l: &&Line| seen.starts_with(l.token()) && l.text.starts_with(seen);
        if let Some(line) = in_progress.filter(same_line) {
            assert!(
                draft.starts_with(seen),
                "{context}: the draft {draft:?} lags more than {DRAFT_SLACK:?} behind the screen's {seen:?} (typing {:?})",
                line.text
            );
            drafts_checked += 1;
        }
    }
    let session = load(&file);
    eprintln!(
        "kill soak: {rounds} kills ({kills} asked; {early_kills} before the first frame) in {:.1} s; \
         {} insights promised and all kept, {} in the file; {drafts_checked} half-typed lines checked, {stale_drafts} drafts of saved lines left to be dropped; {context}",
        started.elapsed().as_secs_f64(),
        promised.len(),
        session.live_insights().count(),
    );
    assert!(
        enough(promised.len(), drafts_checked),
        "{context}: too few insights ({}) or drafts ({drafts_checked}) in {rounds} kills for the soak to mean anything",
        promised.len()
    );
}

#[test]
fn tokens_are_read_only_from_the_list_and_only_whole() {
    let screen =
        "│ 10:01 [r3n0] hub [r3n1] x [r4n │\n╭ Capture ─╮\n│[r9n9] typing     │\n│on │\n╰──╯";
    let tokens: Vec<String> = listed_tokens(screen).into_iter().collect();
    assert_eq!(tokens, ["[r3n0]", "[r3n1]"]);
    assert_eq!(capture_on(screen), "[r9n9] typing on");
    assert_eq!(
        capture_on("╭ Capture ─╮\n│ Type what is said · @name │\n╰─╯"),
        ""
    );
}
