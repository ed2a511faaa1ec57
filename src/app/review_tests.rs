//! The review screen's flows, driven by actions alone.

use super::*;
use crate::model::{
    InsightFields, ParticipantFields, Place, PracticeType, Session, SessionDetails,
};
use crate::storage::SessionFile;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

pub(super) fn at(second: i64) -> Timestamp {
    Timestamp::from_second(1_795_000_000 + second).unwrap()
}

fn workshop(place: &str, nation: Nation, lines: &[(&str, Option<PracticeType>, usize)]) -> Session {
    let mut clock = crate::model::StampClock::new("capture");
    let t = clock.stamp_at(at(0));
    let details = SessionDetails {
        title: format!("{place} workshop"),
        place: Place {
            locality: place.into(),
            nation,
        },
        ..Default::default()
    };
    let mut s = Session::new(details, t.clone());
    let ann = s.add_participant(
        ParticipantFields {
            name: "Ann Jones".into(),
            ..Default::default()
        },
        &t,
    );
    for (text, practice, question) in lines {
        let fields = InsightFields {
            question: *question,
            text: (*text).into(),
            participant: Some(ann),
            practice: *practice,
            ..Default::default()
        };
        s.add_insight(fields, &clock.stamp_at(at(1)));
    }
    s
}

pub(super) fn reviewing() -> App {
    let config = Config {
        sessions_dir: "/sessions".into(),
        bell: false,
        device: "notes".into(),
        time_zone: jiff::tz::TimeZone::UTC,
        palette: Default::default(),
    };
    let mut app = App::new(config, at(0));
    let wales = workshop(
        "Pembrokeshire",
        Nation::Wales,
        &[
            ("Hwb bwyd in the Ysgôl", Some(PracticeType::Innovation), 1),
            ("Phone tree", None, 2),
        ],
    );
    let scotland = workshop(
        "North Ayrshire",
        Nation::Scotland,
        &[(
            "Locality partnerships met weekly",
            Some(PracticeType::Collaboration),
            2,
        )],
    );
    let files = vec![
        (
            "/s/wales.ron".into(),
            SessionFile::from_sessions(vec![wales]),
        ),
        (
            "/s/scotland.ron".into(),
            SessionFile::from_sessions(vec![scotland]),
        ),
    ];
    app.update(Action::ReviewOpened(files), at(0));
    app
}

/// Reviewing one file per session given, named `/s/copy0.ron`, `/s/copy1.ron`, …
pub(super) fn reviewing_files(files: Vec<Session>) -> App {
    let config = Config {
        sessions_dir: "/s".into(),
        bell: false,
        device: "reviewer".into(),
        time_zone: jiff::tz::TimeZone::UTC,
        palette: Default::default(),
    };
    let mut app = App::new(config, at(5));
    let files = files
        .into_iter()
        .enumerate()
        .map(|(n, s)| {
            (
                format!("/s/copy{n}.ron").into(),
                SessionFile::from_sessions(vec![s]),
            )
        })
        .collect();
    app.update(Action::ReviewOpened(files), at(5));
    app
}

pub(super) fn review(app: &App) -> &Review {
    let Screen::Review(r) = &app.screen else {
        panic!("not reviewing")
    };
    r
}

pub(super) fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.update(
            Action::Input(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
            at(2),
        );
    }
}

fn shown(app: &App) -> Vec<String> {
    let r = review(app);
    r.rows
        .iter()
        .map(|row| r.insight(*row).text.clone())
        .collect()
}

#[test]
fn the_query_filters_on_every_keystroke_and_question_browsing_narrows() {
    let mut app = reviewing();
    assert_eq!(shown(&app).len(), 3);
    app.update(Action::FocusQuery, at(1));
    assert_eq!(app.context(), Context::ReviewQuery);
    type_text(&mut app, "ysgol");
    assert_eq!(shown(&app), vec!["Hwb bwyd in the Ysgôl"]);
    for _ in 0.."ysgol".len() {
        app.update(
            Action::Input(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)),
            at(2),
        );
    }
    type_text(&mut app, "nation:scotland");
    assert_eq!(shown(&app), vec!["Locality partnerships met weekly"]);
    assert_eq!(review(&app).tally.total, 1, "the counts follow the filter");
    app.update(Action::FocusList, at(3));
    app.update(Action::NextQuestion, at(3));
    assert_eq!(review(&app).question, Some(1));
    assert!(
        shown(&app).is_empty(),
        "Scotland said nothing on question 1"
    );
}

#[test]
fn starring_and_commenting_go_back_into_the_insights_file() {
    let mut app = reviewing();
    let effects = app.update(Action::Star, at(1));
    assert_eq!(effects, vec![Effect::Save]);
    let r = review(&app);
    assert!(
        r.files[0].dirty() && !r.files[1].dirty(),
        "only the file it came from"
    );
    assert!(r.insight(r.rows[0]).starred);
    app.update(Action::Saved(Ok(at(1))), at(1));
    app.update(Action::Comment, at(2));
    assert_eq!(app.context(), Context::ReviewPrompt);
    type_text(&mut app, "Ask PAVS if it lasted");
    app.update(Action::Submit, at(3));
    let r = review(&app);
    let comment = &r.insight(r.rows[0]).comments[0];
    assert_eq!(comment.text, "Ask PAVS if it lasted");
    assert_eq!(comment.author, "notes");
}

#[test]
fn themes_group_rename_merge_and_dissolve() {
    let mut app = reviewing();
    let put_in = |app: &mut App, name: &str| {
        app.update(Action::AddToTheme, at(2));
        type_text(app, name);
        app.update(Action::Submit, at(2));
    };
    put_in(&mut app, "Food");
    app.update(Action::Down, at(2));
    put_in(&mut app, "Hubs");
    app.update(Action::Down, at(2));
    put_in(&mut app, "Trust");
    app.update(Action::Up, at(2));
    put_in(&mut app, "hubs");
    let wales = |app: &App| review(app).files[0].file.sessions()[0].clone();
    assert_eq!(
        wales(&app).themes.len(),
        2,
        "the same name, in any case, is the same theme"
    );

    app.update(Action::NextView, at(3));
    assert_eq!(app.context(), Context::ReviewThemes);
    assert_eq!(review(&app).themes().len(), 3);
    // Themes list by session, then name: Food, Hubs (Wales), Trust (Scotland).
    app.update(Action::Down, at(3));
    app.update(Action::MergeTheme, at(3));
    type_text(&mut app, "FOOD");
    app.update(Action::Submit, at(3));
    let w = wales(&app);
    let food = w.themes.iter().find(|t| t.name == "Food").unwrap();
    assert_eq!(
        food.insight_ids().count(),
        2,
        "Hubs' insights moved into Food"
    );
    assert!(w.themes.iter().find(|t| t.name == "Hubs").unwrap().deleted);

    app.update(Action::First, at(4));
    app.update(Action::RenameTheme, at(4));
    let Screen::Review(r) = &mut app.screen else {
        panic!()
    };
    let ReviewFocus::Prompt(_, line) = &mut r.focus else {
        panic!()
    };
    **line = form::text_area("Food and hubs");
    app.update(Action::Submit, at(4));
    assert!(
        wales(&app)
            .themes
            .iter()
            .any(|t| t.name == "Food and hubs" && !t.deleted)
    );

    app.update(Action::Delete, at(5));
    let names: Vec<String> = review(&app)
        .themes()
        .iter()
        .map(|t| review(&app).theme(*t).name.clone())
        .collect();
    assert_eq!(names, vec!["Trust"], "dissolved");
    assert_eq!(wales(&app).live_insights().count(), 2, "its insights stay");
}

#[test]
fn editing_a_line_changes_text_and_classification() {
    let mut app = reviewing();
    app.update(Action::Edit, at(1));
    let Screen::Review(r) = &mut app.screen else {
        panic!()
    };
    let ReviewFocus::Prompt(_, line) = &mut r.focus else {
        panic!()
    };
    assert_eq!(
        line.lines()[0],
        "Hwb bwyd in the Ysgôl @Ann_Jones #innovation"
    );
    **line = form::text_area("Hwb bwyd yn yr Ysgôl @ann #adaptation #enabler");
    app.update(Action::Submit, at(2));
    let r = review(&app);
    let insight = r.insight(r.rows[0]);
    assert_eq!(insight.text, "Hwb bwyd yn yr Ysgôl");
    assert_eq!(insight.practice, Some(PracticeType::Adaptation));
    assert_eq!(insight.kind, crate::model::Kind::Enabler);
}

#[test]
fn merging_from_the_review_asks_the_loop_to_write_and_then_shows_the_report() {
    let mut app = reviewing();
    let effects = app.update(Action::MergeFiles, at(1));
    let [Effect::SaveMerged(file, report)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(file.sessions().len(), 2, "different workshops side by side");
    assert!(
        report.contains("merged 2 files into 2 sessions"),
        "{report}"
    );
    app.update(
        Action::Merged(
            Ok(("/s/merged.ron".into(), (**file).clone())),
            report.clone(),
        ),
        at(2),
    );
    assert_eq!(app.context(), Context::ReviewReport);
    assert_eq!(review(&app).files.len(), 1);
    app.update(Action::Cancel, at(3));
    assert_eq!(app.context(), Context::Review);
    assert_eq!(shown(&app).len(), 3);
}

/// Presses `c` in whatever context the app is in, through the key table.
fn press(app: &mut App, c: char, now: Timestamp) -> Vec<Effect> {
    let code = match c {
        '\n' => KeyCode::Enter,
        '\x1b' => KeyCode::Esc,
        '↑' => KeyCode::Up,
        '↓' => KeyCode::Down,
        c => KeyCode::Char(c),
    };
    let event = KeyEvent::new(code, KeyModifiers::NONE);
    match keymap::action_for(app.context(), &event) {
        Some(action) => app.update(action, now),
        None => Vec::new(),
    }
}

#[test]
fn the_export_picker_chooses_a_format_and_options_and_hands_the_export_to_the_loop() {
    let mut app = reviewing();
    press(&mut app, 'E', at(1));
    assert_eq!(app.context(), Context::ExportPicker);
    let picker = |app: &App| match review(app).focus {
        ReviewFocus::Export(picker) => picker,
        ref other => panic!("{other:?}"),
    };
    assert_eq!(picker(&app), ExportPicker::default());
    // Up at the top stays there; letters that are no command do nothing.
    for c in ['↑', 'x', 'E', '/'] {
        assert!(press(&mut app, c, at(1)).is_empty());
    }
    assert_eq!(picker(&app).format, crate::export::Format::Md);
    press(&mut app, '↓', at(1));
    press(&mut app, 'p', at(1));
    press(&mut app, 'c', at(1));
    press(&mut app, 'c', at(1));
    press(&mut app, 'c', at(1));
    assert_eq!(picker(&app).format, crate::export::Format::Csv);
    assert!(picker(&app).options.pseudonymise && picker(&app).options.coarsen);

    let effects = press(&mut app, '\n', at(2));
    let [Effect::WriteExport(bytes, name)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    assert_eq!(name.format, crate::export::Format::Csv);
    assert_eq!(
        name.file_name(),
        "2-sessions-0000-01-01-coarsened-pseudonymised.csv"
    );
    let text = String::from_utf8_lossy(bytes);
    assert!(text.contains("Hwb bwyd in the Ysgôl"), "{text}");
    assert!(
        text.contains("Locality partnerships"),
        "every open file: {text}"
    );
    assert!(!text.contains("Ann Jones"), "pseudonymised: {text}");
    assert_eq!(app.context(), Context::Review);
    app.update(Action::Exported(Ok("/s/exports/e.csv".into())), at(3));
    assert!(app.message.as_deref().unwrap().contains("/s/exports/e.csv"));

    // The picker opens where it was left; Esc leaves without exporting.
    press(&mut app, 'E', at(4));
    assert_eq!(picker(&app).format, crate::export::Format::Csv);
    assert!(picker(&app).options.coarsen);
    for _ in 0..9 {
        press(&mut app, '↓', at(4));
    }
    assert_eq!(picker(&app).format, crate::export::Format::JsonShared);
    assert!(press(&mut app, '\x1b', at(5)).is_empty());
    assert_eq!(app.context(), Context::Review);
    assert!(!app.dirty(), "choosing an export changes no session");
}

#[test]
fn a_review_edit_wins_over_a_file_touched_by_a_laptop_a_year_ahead() {
    let mut ahead = workshop("Ceredigion", Nation::Wales, &[("Food bank rota", None, 1)]);
    let id = ahead.insights[0].id;
    let mut fast = crate::model::StampClock::new("fast-laptop");
    let next_year = at(366 * 24 * 3_600);
    for starred in [true, false] {
        let fields = InsightFields {
            starred,
            ..ahead.insights[0].fields()
        };
        ahead.edit_insight(id, fields, &fast.stamp_at(next_year));
    }
    let mut app = reviewing();
    let files = vec![(
        "/s/ceredigion.ron".into(),
        SessionFile::from_sessions(vec![ahead.clone()]),
    )];
    app.update(Action::ReviewOpened(files), at(10));
    app.update(Action::Star, at(11));
    let reviewed = review(&app).files[0].file.sessions()[0].clone();
    assert!(reviewed.insights[0].starred);
    let merged = crate::merge::merge_pair(&reviewed, &ahead);
    assert!(
        merged.insights[0].starred,
        "the star made in review survives a merge with the laptop's copy"
    );
}
