use super::*;

fn error(text: &str) -> String {
    parse_question_set(text, Path::new("q/mine.ron"))
        .unwrap_err()
        .to_string()
}

#[test]
fn a_syntax_error_names_the_file_line_and_column() {
    let text = "(\n\tname: \"Mine\",\n\tquestions: [\n\t\t(title: \"A\" text: \"B?\"),\n\t],\n)";
    assert_eq!(error(text), "q/mine.ron:4:15: Expected comma");
    let typo = "(\n\tname: \"Mine\",\n\tquestons: [],\n)";
    let message = error(typo);
    assert!(message.starts_with("q/mine.ron:3:2: "), "{message}");
    assert!(message.contains("questons"), "{message}");
}

#[test]
fn a_set_that_breaks_a_rule_is_one_line_naming_the_file() {
    let one_prompt =
        "(name: \"Mine\", questions: [(title: \"A\", text: \"B?\", prompts: [\"p\"])])";
    assert_eq!(
        error(one_prompt),
        "q/mine.ron: question 1 (\"A\") has 1 prompt: a question has 2 to 5"
    );
    let none = "(name: \"Mine\", questions: [])";
    assert_eq!(error(none), "q/mine.ron: 0 questions: a set has 1 to 12");
    let long = format!("(name: \"{}\", questions: [])", "x".repeat(2000));
    assert!(
        error(&long).starts_with("q/mine.ron:1:8: "),
        "{}",
        error(&long)
    );
}

#[test]
fn a_missing_timebox_is_twenty_minutes() {
    let text =
        "(name: \"Mine\", questions: [(title: \"A\", text: \"B?\", prompts: [\"p\", \"q\"])])";
    let set = parse_question_set(text, Path::new("m.ron")).unwrap();
    assert_eq!(set.questions[0].timebox_minutes, 20);
    assert_eq!(set.description, "");
}

#[test]
fn the_folder_offers_the_built_ins_then_the_users_sets_and_names_a_broken_one() {
    let dir = tempfile::tempdir().unwrap();
    write_question_set_template(&dir.path().join("ours.ron")).unwrap();
    std::fs::write(dir.path().join("broken.ron"), "(name: ").unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not a set").unwrap();
    let users = user_question_sets(dir.path());
    assert_eq!(users.len(), 2);
    assert!(users[0].1.is_err(), "broken.ron comes first and fails");
    let sets = available_question_sets(Some(dir.path()));
    let names: Vec<&str> = sets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names.len(), 5);
    assert_eq!(names[4], "Our own questions");
    let found = find_question_set("our OWN questions", Some(dir.path())).unwrap();
    assert_eq!(found.questions.len(), 2);
    let by_file = dir.path().join("ours.ron");
    let found = find_question_set(by_file.to_str().unwrap(), None).unwrap();
    assert_eq!(found.name, "Our own questions");
    let missing = find_question_set("Nope", Some(dir.path())).unwrap_err();
    assert!(missing.contains("\"Rebalancing the Power\""), "{missing}");
}

#[test]
fn the_template_is_never_written_over_anything() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ours.ron");
    std::fs::write(&path, "mine").unwrap();
    assert!(write_question_set_template(&path).is_err());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let fresh = dir.path().join("fresh.ron");
        write_question_set_template(&fresh).unwrap();
        let mode = std::fs::metadata(&fresh).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let link = dir.path().join("link.ron");
        std::os::unix::fs::symlink(&path, &link).unwrap();
        assert!(write_question_set_template(&link).is_err());
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_huge_file_is_refused_without_waiting() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo.ron");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let message = load_question_set(&fifo).unwrap_err().to_string();
    assert!(message.contains("FIFO"), "{message}");
    let huge = dir.path().join("huge.ron");
    std::fs::write(&huge, vec![b' '; MAX_SET_BYTES as usize + 1]).unwrap();
    let message = load_question_set(&huge).unwrap_err().to_string();
    assert!(
        message.contains("larger than any question set"),
        "{message}"
    );
    assert_eq!(
        user_question_sets(dir.path()).len(),
        2,
        "both named, both refused"
    );
}
