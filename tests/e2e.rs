//! End to end: the real `stb` binary in a pseudo-terminal. Keys go in as
//! bytes, the screen is read back through a terminal emulator, and the
//! session files are read with the library's own loader.

mod pty;

use pty::{Stb, key, run};
use stb::model::{Kind, PracticeType, Session, Stage};
use std::path::{Path, PathBuf};

const NEW: &[&str] = &[
    "new",
    "--title",
    "Community power",
    "--place",
    "Pembrokeshire",
    "--nation",
    "wales",
    "--facilitator",
    "Rhian",
];

/// The one `.ron` file in `dir`.
fn only_session_file(dir: &Path) -> PathBuf {
    let files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    assert_eq!(files.len(), 1, "expected one session file, found {files:?}");
    files.into_iter().next().unwrap()
}

fn load(path: &Path) -> Session {
    stb::storage::load(path).unwrap_or_else(|e| panic!("{e}"))
}

fn participant_name(session: &Session, insight: &stb::model::Insight) -> Option<String> {
    insight
        .participant
        .and_then(|p| session.participant(p))
        .map(|p| p.name.clone())
}

/// The capture line's placeholder: shown only while the line is empty.
const EMPTY_CAPTURE: &str = "Type what is said · @name · #tag";

/// Types a capture line, presses Enter, and waits until the line has been
/// taken (it is empty again) and `shown` is on screen. Waiting for the empty
/// line matters: until Enter is handled, the typed text itself is on screen.
fn capture(stb: &mut Stb, line: &str, shown: &str) {
    stb.send(line);
    stb.send(key::ENTER);
    stb.wait_until(&format!("{line:?} taken and {shown:?} on screen"), |s| {
        let screen = s.screen();
        screen.contains(shown) && screen.contains(EMPTY_CAPTURE)
    });
}

/// Starts `stb new` and waits for question 1.
fn start_new(dir: &Path) -> Stb {
    let stb = Stb::spawn(dir, NEW);
    stb.wait_for("Question 1 of 4");
    stb
}

fn quit(stb: &mut Stb) {
    stb.send(key::CTRL_Q);
    let status = stb.wait_exit();
    assert!(status.success(), "stb exited with {status:?}");
}

#[test]
fn a_whole_workshop_is_captured_and_saved() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let mut stb = start_new(&dir);
    assert!(
        stb.screen()
            .contains("Community power · Pembrokeshire, Wales")
    );

    // A participant through the participants panel and its form.
    stb.send(key::F2);
    stb.wait_for("Participants (0)");
    stb.send("a");
    stb.wait_for("Add participant");
    stb.send("Bryn Jones");
    stb.send(key::TAB);
    stb.send("Council");
    stb.send(key::CTRL_S);
    stb.wait_for("Participants (1)");
    stb.wait_for("Council");
    stb.esc();
    stb.wait_gone("Participants (1)");

    // Question 1: an unknown @name, added to the roster with Ctrl+R.
    capture(
        &mut stb,
        "Food hub at the leisure centre @Ann #innovation #food",
        "@Ann is not on the roster",
    );
    stb.send(key::CTRL_R);
    stb.wait_for("Added Ann to the roster");
    stb.wait_for("Ann: Food hub at the leisure centre #innovation #food");
    capture(
        &mut stb,
        "Council lent its minibus @Bryn #adaptation",
        "Bryn Jones: Council lent its minibus #adaptation",
    );
    assert!(stb.screen().contains("Insights (2)"));

    stb.send(key::CTRL_N);
    stb.wait_for("Question 2 of 4");
    capture(
        &mut stb,
        "Volunteers burnt out by winter @Ann #barrier #volunteers",
        "Ann: Volunteers burnt out by winter #barrier #volunteers",
    );

    stb.send(key::CTRL_N);
    stb.wait_for("Question 3 of 4");
    capture(
        &mut stb,
        "Mutual aid WhatsApp groups on every estate #innovation",
        "Mutual aid WhatsApp groups on every estate #innovation",
    );

    stb.send(key::CTRL_N);
    stb.wait_for("Question 4 of 4");
    capture(
        &mut stb,
        "Keep the food hub open @bryn #lesson #food",
        "Bryn Jones: Keep the food hub open #lesson #food",
    );

    stb.send(key::CTRL_N);
    stb.wait_for("Wrap-up");
    stb.wait_gone("Question 4 of 4");
    quit(&mut stb);

    let file = only_session_file(&dir);
    let name = file.file_name().unwrap().to_str().unwrap().to_owned();
    let (date, rest) = name.split_at(10);
    assert_eq!(rest, "-pembrokeshire.ron", "file name {name}");
    assert!(
        date.len() == 10
            && date.char_indices().all(|(i, c)| match i {
                4 | 7 => c == '-',
                _ => c.is_ascii_digit(),
            }),
        "file name {name} should start YYYY-MM-DD"
    );

    let session = load(&file);
    assert_eq!(date, session.date.to_string());
    assert_eq!(session.title, "Community power");
    assert_eq!(session.place.locality, "Pembrokeshire");
    assert_eq!(session.place.nation, stb::model::Nation::Wales);
    assert_eq!(session.facilitator, "Rhian");
    assert_eq!(session.stage, Stage::WrapUp);

    let roster: Vec<(&str, &str)> = session
        .live_participants()
        .map(|p| (p.name.as_str(), p.organisation.as_str()))
        .collect();
    assert_eq!(roster, [("Bryn Jones", "Council"), ("Ann", "")]);

    let insights: Vec<_> = session.live_insights().collect();
    let got: Vec<(usize, &str, Option<String>)> = insights
        .iter()
        .map(|i| (i.question, i.text.as_str(), participant_name(&session, i)))
        .collect();
    let ann = Some("Ann".to_owned());
    let bryn = Some("Bryn Jones".to_owned());
    assert_eq!(
        got,
        [
            (1, "Food hub at the leisure centre", ann.clone()),
            (1, "Council lent its minibus", bryn.clone()),
            (2, "Volunteers burnt out by winter", ann),
            (3, "Mutual aid WhatsApp groups on every estate", None),
            (4, "Keep the food hub open", bryn),
        ]
    );
    let practices: Vec<_> = insights.iter().map(|i| i.practice).collect();
    assert_eq!(
        practices,
        [
            Some(PracticeType::Innovation),
            Some(PracticeType::Adaptation),
            None,
            Some(PracticeType::Innovation),
            None,
        ]
    );
    let kinds: Vec<_> = insights.iter().map(|i| i.kind).collect();
    assert_eq!(
        kinds,
        [
            Kind::Observation,
            Kind::Observation,
            Kind::Barrier,
            Kind::Observation,
            Kind::Lesson,
        ]
    );
    let tags: Vec<&[String]> = insights.iter().map(|i| i.tags.as_slice()).collect();
    assert_eq!(
        tags,
        [
            &["food".to_owned()][..],
            &[],
            &["volunteers".to_owned()],
            &[],
            &["food".to_owned()],
        ]
    );
    assert!(
        insights.iter().all(|i| i.author == "e2e"),
        "every insight names the capturing device (STB_DEVICE)"
    );
}

#[test]
fn reopening_resumes_at_the_question_left_with_its_insights() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let mut stb = start_new(&dir);
    capture(
        &mut stb,
        "Parish council ran the phone tree #collaboration",
        "Parish council ran the phone tree",
    );
    stb.send(key::CTRL_N);
    stb.wait_for("Question 2 of 4");
    capture(
        &mut stb,
        "Trust grew between the surgery and the food bank",
        "Trust grew between the surgery and the food bank",
    );
    quit(&mut stb);
    let file = only_session_file(&dir);

    let mut stb = Stb::spawn(&dir, &["open", file.to_str().unwrap()]);
    stb.wait_for("Question 2 of 4");
    stb.wait_for("Trust grew between the surgery and the food bank");
    assert!(stb.screen().contains("Insights (1)"));
    assert!(!stb.screen().contains("Parish council ran the phone tree"));
    stb.send(key::CTRL_P);
    stb.wait_for("Question 1 of 4");
    stb.wait_for("Parish council ran the phone tree #collaboration");
    // Typing after reopening adds to the same file.
    capture(&mut stb, "Library became a hub", "Library became a hub");
    quit(&mut stb);
    assert_eq!(only_session_file(&dir), file);
    let session = load(&file);
    let texts: Vec<&str> = session.live_insights().map(|i| i.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Parish council ran the phone tree",
            "Trust grew between the surgery and the food bank",
            "Library became a hub",
        ]
    );
    assert_eq!(session.stage, Stage::Question(1));
}

#[test]
fn an_insight_on_screen_as_saved_survives_kill_9() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let mut stb = start_new(&dir);
    let text = "Pop-up pantry in the chapel vestry";
    stb.send(&format!("{text} #innovation"));
    stb.send(key::ENTER);
    // Listed (not just typed), the line emptied, and the status says saved:
    // the loop saves before it draws, so this screen promises it is on disk.
    stb.wait_until("the insight listed and saved", |s| {
        let screen = s.screen();
        screen.contains("Insights (1)")
            && screen.contains(&format!("{text} #innovation"))
            && screen.contains(EMPTY_CAPTURE)
            && s.status_line().trim_start().starts_with("saved ")
    });
    stb.kill9();
    assert!(!stb.is_running());

    let session = load(&only_session_file(&dir));
    let insight = session
        .live_insights()
        .find(|i| i.text == text)
        .unwrap_or_else(|| panic!("{text:?} not in the file after kill -9"));
    assert_eq!(insight.practice, Some(PracticeType::Innovation));
    assert_eq!(insight.question, 1);
}

/// A sessions folder below a regular file cannot be created, even by root.
fn blocked_sessions_dir(tmp: &Path) -> (PathBuf, PathBuf) {
    let blocker = tmp.join("blocker");
    std::fs::write(&blocker, "not a folder").unwrap();
    (blocker.clone(), blocker.join("sessions"))
}

#[test]
fn an_unwritable_folder_keeps_the_app_running_and_saves_once_it_is_fixed() {
    let tmp = tempfile::tempdir().unwrap();
    let (blocker, dir) = blocked_sessions_dir(tmp.path());
    let mut stb = start_new(&dir);
    stb.wait_status("NOT SAVED");

    let text = "Minibus shared by three charities";
    capture(&mut stb, &format!("{text} #collaboration"), text);
    assert!(stb.status_line().contains("NOT SAVED"), "{}", stb.screen());
    assert!(stb.is_running());

    std::fs::remove_file(&blocker).unwrap();
    std::fs::create_dir_all(&dir).unwrap();
    stb.wait_until("a retried save to succeed", |s| {
        s.status_line().trim_start().starts_with("saved ")
    });
    assert!(stb.screen().contains(text));
    quit(&mut stb);

    let session = load(&only_session_file(&dir));
    let insight = session
        .live_insights()
        .find(|i| i.text == text)
        .expect("the insight typed while the folder was unwritable");
    assert_eq!(insight.practice, Some(PracticeType::Collaboration));
}

/// Regression: the first save of a new session failed, nothing changed
/// after, and the status said "retrying" while nothing was retried.
#[test]
fn a_new_session_whose_first_save_failed_is_retried_by_the_tick() {
    let tmp = tempfile::tempdir().unwrap();
    let (blocker, dir) = blocked_sessions_dir(tmp.path());
    let mut stb = start_new(&dir);
    stb.wait_status("NOT SAVED (retrying");
    std::fs::remove_file(&blocker).unwrap();
    std::fs::create_dir_all(&dir).unwrap();
    // No key pressed: the one-second tick alone should retry.
    stb.wait_until("the retried save to succeed", |s| {
        s.status_line().trim_start().starts_with("saved ")
    });
    quit(&mut stb);
    load(&only_session_file(&dir));
}

/// Regression: the folder was made only when the session started, so once
/// it was missing no retry could succeed.
#[test]
fn retrying_a_save_creates_the_missing_sessions_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let (blocker, dir) = blocked_sessions_dir(tmp.path());
    let mut stb = start_new(&dir);
    let text = "Councillors came to the hub";
    capture(&mut stb, text, text);
    stb.wait_status("NOT SAVED");
    // The obstacle goes, but nobody makes the folder: the app must.
    std::fs::remove_file(&blocker).unwrap();
    stb.wait_until("the retried save to succeed", |s| {
        s.status_line().trim_start().starts_with("saved ")
    });
    quit(&mut stb);
    let session = load(&only_session_file(&dir));
    assert!(session.live_insights().any(|i| i.text == text));
}

#[test]
fn check_reports_errors_as_path_line_col_and_list_shows_sessions() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let mut stb = start_new(&dir);
    capture(&mut stb, "Shared kitchen", "Shared kitchen");
    quit(&mut stb);
    let good = only_session_file(&dir);

    let (code, out, err) = run(&dir, &["check", good.to_str().unwrap()]);
    assert_eq!(code, Some(0), "stdout {out:?} stderr {err:?}");
    assert!(out.contains(": ok"), "{out:?}");
    assert!(out.contains("1 insights"), "{out:?}");

    // Break one line of a copy: an unknown field on line `broken_line`.
    let text = std::fs::read_to_string(&good).unwrap();
    let broken_line = text
        .lines()
        .position(|l| l.trim_start().starts_with("facilitator:"))
        .expect("a facilitator line")
        + 1;
    let bad_text = text.replacen("  facilitator:", "  facilitatr:", 1);
    let bad_dir = tmp.path().join("broken");
    std::fs::create_dir(&bad_dir).unwrap();
    let bad = bad_dir.join("bad.ron");
    std::fs::write(&bad, &bad_text).unwrap();

    let (code, out, err) = run(&dir, &["check", bad.to_str().unwrap()]);
    assert_ne!(code, Some(0), "a broken file must fail the check");
    assert!(
        out.is_empty(),
        "nothing on stdout for a broken file: {out:?}"
    );
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "one line on stderr: {err:?}");
    let rest = lines[0]
        .strip_prefix(&format!("{}:", bad.display()))
        .unwrap_or_else(|| panic!("stderr should start with the path: {err:?}"));
    let mut parts = rest.splitn(3, ':');
    let line: usize = parts.next().unwrap().parse().expect("a line number");
    let col: usize = parts.next().unwrap().parse().expect("a column number");
    let message = parts.next().expect("a message");
    assert_eq!(line, broken_line, "{err:?}");
    assert!(col >= 1, "{err:?}");
    assert!(message.starts_with(' ') && message.len() > 1, "{err:?}");
    assert_eq!(
        std::fs::read(&bad).unwrap(),
        bad_text.as_bytes(),
        "check must not change the file"
    );

    // Both at once: the good one's summary, the bad one's error, and failure.
    let (code, out, err) = run(
        &dir,
        &["check", good.to_str().unwrap(), bad.to_str().unwrap()],
    );
    assert_ne!(code, Some(0));
    assert!(out.contains(": ok"), "{out:?}");
    assert!(err.contains("bad.ron:"), "{err:?}");

    let (code, out, err) = run(&dir, &["list"]);
    assert_eq!(code, Some(0), "stderr {err:?}");
    assert!(out.contains("Community power"), "{out:?}");
    assert!(out.contains("Pembrokeshire, Wales"), "{out:?}");
    assert!(out.contains("1 insights"), "{out:?}");
    assert!(out.contains(good.to_str().unwrap()), "{out:?}");

    let (code, out, _) = run(&tmp.path().join("empty"), &["list"]);
    assert_eq!(code, Some(0));
    assert!(out.starts_with("No sessions in"), "{out:?}");
}

#[test]
fn help_opens_and_closes_and_a_tiny_window_asks_to_be_enlarged() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let mut stb = start_new(&dir);
    // Not a footer hint, so only the help overlay lists it.
    let help_only = "add the unknown @name to the roster";
    assert!(!stb.screen().contains(help_only));

    stb.send(key::F1);
    stb.wait_for("Help · every key");
    stb.wait_for("Ctrl+N");
    stb.wait_for(help_only);
    stb.esc();
    stb.wait_gone("Help · every key");
    assert!(!stb.screen().contains(help_only));
    assert!(stb.screen().contains("Question 1 of 4"));

    stb.resize(10, 40);
    stb.wait_for("Please enlarge the window");
    assert!(!stb.screen().contains("Question 1 of 4"));
    assert!(stb.is_running(), "a tiny window must not end the app");

    stb.resize(pty::ROWS, pty::COLS);
    stb.wait_for("Question 1 of 4");
    stb.wait_gone("Please enlarge the window");
    stb.wait_for("Capture");
    // Still takes input after all that.
    capture(&mut stb, "Still here", "Still here");
    quit(&mut stb);
}
