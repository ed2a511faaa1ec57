//! Workshops on other question sets, in the real binary: `stb new
//! --questions NAME` starts on the set's first question, `stb questions`
//! lists, shows and writes sets, and a template written by `questions new`
//! runs a workshop as it stands.

use super::pty::{Stb, config_dir, key, run, run_in_terminal};
use super::{EMPTY_CAPTURE, capture, load, only_session_file, quit};

const DETAILS: &[&str] = &[
    "--title",
    "Becoming community powered",
    "--place",
    "Wigan",
    "--facilitator",
    "Grace",
];

fn new_with(questions: &str) -> Vec<&str> {
    let mut args = vec!["new", "--questions", questions];
    args.extend_from_slice(DETAILS);
    args
}

#[test]
fn new_on_community_power_in_practice_starts_on_its_first_question() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let mut stb = Stb::spawn(&dir, &new_with("Community Power in Practice"));
    stb.wait_for("Question 1 of 4 · Catalyst for change");
    stb.wait_for("What was the catalyst for change in your organisation or your place?");
    capture(
        &mut stb,
        "The pandemic made the need obvious to everyone #enabler",
        "The pandemic made the need obvious to everyone #enabler",
    );
    stb.send(key::CTRL_N);
    stb.wait_for("Question 2 of 4 · How change-makers worked");
    stb.send(key::CTRL_N);
    stb.send(key::CTRL_N);
    stb.wait_for("Question 4 of 4 · Learning for other places");
    stb.wait_for("15:00");
    quit(&mut stb);
    let session = load(&only_session_file(&dir));
    let titles: Vec<&str> = session.questions.iter().map(|q| q.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Catalyst for change",
            "How change-makers worked",
            "Obstacles overcome",
            "Learning for other places"
        ]
    );
    let planned: Vec<u32> = session
        .timeline
        .iter()
        .map(|t| t.allotted_minutes)
        .collect();
    assert_eq!(planned, [20, 20, 20, 15]);
    assert_eq!(session.insights[0].question, 1);
}

#[test]
fn questions_list_shows_the_four_built_ins_and_a_users_set() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let ours = config_dir(&dir).join("questions").join("ours.ron");
    let (code, out, err) = run(&dir, &["questions", "new", ours.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{out} {err}");
    assert!(out.contains("Wrote "), "{out}");
    let (code, out, err) = run(&dir, &["questions", "list"]);
    assert_eq!(code, Some(0), "{err}");
    let names: Vec<&str> = out
        .lines()
        .filter(|l| l.contains(" questions "))
        .map(|l| l.split("  ").next().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Shifting the Balance",
            "Community Power in Practice",
            "Rebalancing the Power",
            "Three ways power moves",
            "Our own questions"
        ],
        "{out}"
    );
    assert!(out.contains("built in, the default"), "{out}");

    // A second `new` on the same file refuses and leaves it alone.
    std::fs::write(&ours, "mine").unwrap();
    let (code, _, err) = run(&dir, &["questions", "new", ours.to_str().unwrap()]);
    assert_ne!(code, Some(0));
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(std::fs::read_to_string(&ours).unwrap(), "mine");

    // Now broken: named with line and column, the built-ins still listed.
    let (code, out, err) = run(&dir, &["questions", "list"]);
    assert_ne!(code, Some(0));
    assert!(
        err.starts_with(&format!("{}:1:1: ", ours.display())),
        "{err}"
    );
    assert!(out.contains("Three ways power moves"), "{out}");

    let (code, out, _) = run(&dir, &["questions", "show", "rebalancing the power"]);
    assert_eq!(code, Some(0));
    assert!(out.starts_with("Rebalancing the Power\n"), "{out}");
    assert!(
        out.contains("5. Small actions, shared endeavour (15 min)"),
        "{out}"
    );
}

#[test]
fn a_set_written_by_questions_new_runs_a_workshop_and_a_broken_one_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let file = tmp.path().join("day.ron");
    let (code, _, err) = run(&dir, &["questions", "new", file.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{err}");
    let mut stb = Stb::spawn(&dir, &new_with(file.to_str().unwrap()));
    stb.wait_for("Question 1 of 2 · What works");
    // (The capture box is drawn after the title: a frame can arrive in parts.)
    stb.wait_for(EMPTY_CAPTURE);
    quit(&mut stb);
    assert_eq!(load(&only_session_file(&dir)).questions.len(), 2);

    let text = std::fs::read_to_string(&file).unwrap();
    let broken = tmp.path().join("broken.ron");
    std::fs::write(
        &broken,
        text.replacen("timebox_minutes: 20", "timebox_minutes: 0", 1),
    )
    .unwrap();
    let (code, printed) = run_in_terminal(&dir, &new_with(broken.to_str().unwrap()));
    assert_eq!(code, Some(1), "{printed}");
    // Still the one session from before: none was made on the broken set.
    assert!(
        printed.contains("broken.ron: question 1 (\"What works\") has a timebox of 0 minutes"),
        "{printed}"
    );
    only_session_file(&dir);
}
