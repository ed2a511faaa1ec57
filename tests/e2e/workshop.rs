//! A workshop in the real binary: captured from start to wrap-up and saved,
//! reopened where it was left, and an insight shown as saved surviving
//! kill -9.

use super::pty::{Stb, key};
use super::{EMPTY_CAPTURE, capture, load, load_acknowledged, only_session_file, quit, start_new};
use stb::model::{Kind, PracticeType, Session, Stage};

fn participant_name(session: &Session, insight: &stb::model::Insight) -> Option<String> {
    insight
        .participant
        .and_then(|p| session.participant(p))
        .map(|p| p.name.clone())
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
    // "saved" shows only once the save is on disk, so this screen promises it.
    stb.wait_until("the insight listed and saved", |s| {
        let screen = s.screen();
        screen.contains("Insights (1)")
            && screen.contains(&format!("{text} #innovation"))
            && screen.contains(EMPTY_CAPTURE)
            && s.status_line().trim_start().starts_with("saved ")
    });
    stb.kill9();
    assert!(!stb.is_running());

    let session = load_acknowledged(&only_session_file(&dir));
    let insight = session
        .live_insights()
        .find(|i| i.text == text)
        .unwrap_or_else(|| panic!("{text:?} not in the file after kill -9"));
    assert_eq!(insight.practice, Some(PracticeType::Innovation));
    assert_eq!(insight.question, 1);
}

/// What was typed but not yet entered survives a crash: it is kept beside
/// the session at most half a second behind, and the capture line has it
/// back on reopening.
#[test]
fn a_half_typed_line_comes_back_after_kill_9() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let mut stb = start_new(&dir);
    let half = "The council's hub phone line was";
    stb.send(half);
    stb.wait_for(half);
    let file = only_session_file(&dir);
    let draft = file.with_file_name(format!(
        "{}.draft",
        file.file_name().unwrap().to_string_lossy()
    ));
    // Half a second behind the typing: wait until it is written (on a
    // loaded machine a fixed sleep could come too soon), then crash.
    stb.wait_until("the draft written", |_| {
        std::fs::read_to_string(&draft).is_ok_and(|d| d.ends_with(half))
    });
    stb.kill9();

    let mut again = Stb::spawn(&dir, &["open", file.to_str().unwrap()]);
    again.wait_for("Recovered the line");
    assert!(again.screen().contains(half), "{}", again.screen());
    again.send(" answered in Welsh");
    again.send(key::ENTER);
    again.wait_for("Insights (1)");
    quit(&mut again);
    let session = load(&file);
    assert!(
        session
            .live_insights()
            .any(|i| i.text == format!("{half} answered in Welsh"))
    );
    assert!(!draft.exists(), "an entered line leaves no draft behind");
}
