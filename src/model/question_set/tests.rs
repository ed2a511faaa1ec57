use super::*;
use crate::model::{SessionDetails, Stamp};

#[test]
fn the_four_built_in_sets_are_valid_and_the_default_comes_first() {
    let sets = QuestionSet::built_in();
    let names: Vec<&str> = sets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Shifting the Balance",
            "Community Power in Practice",
            "Rebalancing the Power",
            "Three ways power moves"
        ]
    );
    for set in &sets {
        assert_eq!(set.problems(), Vec::<String>::new(), "{}", set.name);
        assert!(!set.description.is_empty(), "{}", set.name);
        for q in &set.questions {
            assert!(q.text.ends_with('?'), "{}: {}", set.name, q.title);
        }
    }
    assert_eq!(QuestionSet::default_set(), sets[0]);
    let counts: Vec<usize> = sets.iter().map(|s| s.questions.len()).collect();
    assert_eq!(counts, [4, 4, 5, 3]);
}

#[test]
fn the_built_in_sets_say_what_the_research_asks() {
    let sets = QuestionSet::built_in();
    let text = |s: usize, q: usize| sets[s].questions[q].text.to_lowercase();
    assert!(text(1, 0).contains("catalyst for change"));
    assert!(text(1, 1).contains("change-makers go about their work"));
    assert!(text(1, 2).contains("obstacles") && text(1, 2).contains("overcome"));
    assert!(text(2, 0).contains("respect"), "principle 1");
    assert!(text(2, 4).contains("small actions"), "principle 5");
    assert!(text(3, 0).contains("decision-making"));
    assert!(text(3, 2).contains("resources and skills"));
}

fn set_of(n: usize, prompts: usize, minutes: u32) -> QuestionSet {
    let question = |i: usize| QuestionDef {
        title: format!("Q{i}"),
        text: format!("Question {i}?"),
        prompts: (0..prompts).map(|p| format!("prompt {p}")).collect(),
        timebox_minutes: minutes,
        modified: None,
    };
    QuestionSet {
        name: "Test".into(),
        description: String::new(),
        questions: (1..=n).map(question).collect(),
    }
}

#[test]
fn a_set_has_one_to_twelve_questions_of_two_to_five_prompts() {
    assert!(set_of(1, 2, 20).problems().is_empty(), "one question");
    assert!(set_of(12, 5, 240).problems().is_empty(), "twelve questions");
    assert_eq!(
        set_of(13, 3, 20).problems(),
        ["13 questions: a set has 1 to 12"]
    );
    assert_eq!(
        set_of(0, 3, 20).problems(),
        ["0 questions: a set has 1 to 12"]
    );
    assert_eq!(
        set_of(1, 1, 20).problems(),
        ["question 1 (\"Q1\") has 1 prompt: a question has 2 to 5"]
    );
    assert_eq!(set_of(1, 6, 20).problems().len(), 1);
    assert_eq!(
        set_of(1, 2, 0).problems(),
        ["question 1 (\"Q1\") has a timebox of 0 minutes: 1 to 240 minutes"]
    );
    assert_eq!(set_of(1, 2, 241).problems().len(), 1);
}

#[test]
fn a_session_made_on_a_set_copies_its_questions_and_plans_each_timebox() {
    let stamp = Stamp::default();
    let mut set = set_of(12, 2, 7);
    set.questions[3].timebox_minutes = 30;
    let session =
        Session::new(SessionDetails::default(), stamp.clone()).with_question_set(&set, &stamp);
    assert_eq!(session.questions.len(), 12);
    assert_eq!(session.timeline.len(), 12);
    assert_eq!(session.timeline[3].allotted_minutes, 30);
    assert_eq!(session.timeline[0].allotted_minutes, 7);
    assert!(session.problems().is_empty());
}

#[test]
fn the_template_is_a_valid_set() {
    let set: QuestionSet = ron::from_str(TEMPLATE).unwrap();
    assert!(set.problems().is_empty());
    assert_eq!(set.questions.len(), 2);
}

#[test]
fn names_match_in_any_case() {
    let set = QuestionSet::default_set();
    assert!(set.is_named("shifting the balance "));
    assert!(!set.is_named("shifting"));
}
