//! Every slip undone: changes on the question screen, in select mode, in
//! the participants panel and on the review screen each say what they did
//! and are taken back by `Undo` (and made again by `Redo`); and leaving the
//! review never drops one that did not reach the disk.

use super::review_tests::{review, reviewing, type_text};
use super::tests::{app_with_session, at, save, session, type_line};
use super::*;
use crate::model::Consent;

#[test]
fn star_delete_move_and_undo_from_the_list() {
    let mut app = app_with_session();
    let effects = type_line(&mut app, "first", at(1));
    save(&mut app, effects, at(1));
    type_line(&mut app, "second", at(2));
    app.update(Action::SelectInsights, at(3));
    app.update(Action::Up, at(3));
    app.update(Action::Star, at(4));
    assert!(session(&app).insights[0].starred);
    app.update(Action::Move, at(5));
    app.update(Action::MoveTo(3), at(5));
    assert_eq!(session(&app).insights[0].question, 3);
    app.update(Action::Delete, at(6));
    assert!(session(&app).insights[1].deleted);
    assert_eq!(
        app.message.as_deref(),
        Some("Deleted “second” · Ctrl+Z undoes"),
        "a change says what it did and how to take it back"
    );
    app.update(Action::Undo, at(7));
    assert!(!session(&app).insights[1].deleted);
    assert_eq!(
        app.message.as_deref(),
        Some("Undone: Deleted “second” · Ctrl+Y redoes")
    );
    app.update(Action::Undo, at(8));
    assert_eq!(session(&app).insights[0].question, 1);
    app.update(Action::Redo, at(9));
    assert_eq!(session(&app).insights[0].question, 3);
}

#[test]
fn the_move_dialog_refuses_the_current_question_and_ones_that_do_not_exist() {
    let mut app = app_with_session();
    let effects = type_line(&mut app, "first", at(1));
    save(&mut app, effects, at(1));
    app.update(Action::SelectInsights, at(2));
    app.update(Action::Move, at(2));
    app.update(Action::MoveTo(1), at(3));
    assert_eq!(app.context(), Context::Move, "still choosing");
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .contains("on question 1 already")
    );
    app.update(Action::MoveTo(7), at(3));
    assert_eq!(app.message.as_deref(), Some("There is no question 7"));
    assert_eq!(session(&app).insights[0].question, 1);
}

#[test]
fn consent_changes_show_the_old_and_new_value_and_are_undone() {
    let mut app = app_with_session();
    app.update(Action::Participants, at(1));
    app.update(Action::ToggleConsent, at(2));
    assert_eq!(
        app.message.as_deref(),
        Some("Consent of Ann Jones: not recorded → given (recorded now) · Ctrl+Z undoes")
    );
    let ann = |app: &App| session(app).participants[0].consent.clone();
    assert_eq!(ann(&app), Consent::Given(at(2)), "its time is recorded");
    app.update(Action::Undo, at(3));
    assert_eq!(ann(&app), Consent::NotRecorded);
    assert_eq!(app.context(), Context::Roster, "undone inside the panel");
    app.update(Action::Redo, at(4));
    assert_eq!(
        ann(&app),
        Consent::Given(at(2)),
        "redo brings back the same time"
    );
}

#[test]
fn a_paste_in_select_mode_goes_to_the_capture_line_whole() {
    let mut app = app_with_session();
    let effects = type_line(&mut app, "first", at(1));
    save(&mut app, effects, at(1));
    app.update(Action::SelectInsights, at(2));
    app.update(Action::Paste("dstm said so".into()), at(3));
    assert_eq!(app.context(), Context::Capture);
    assert_eq!(app.workshop().unwrap().capture.lines()[0], "dstm said so");
    assert!(!session(&app).insights[0].deleted && !session(&app).insights[0].starred);
}

#[test]
fn a_theme_merge_on_the_review_screen_is_one_undo() {
    let mut app = reviewing();
    for (down, name) in [(0, "Food"), (1, "Hubs")] {
        for _ in 0..down {
            app.update(Action::Down, at(2));
        }
        app.update(Action::AddToTheme, at(2));
        type_text(&mut app, name);
        app.update(Action::Submit, at(2));
    }
    let wales = |app: &App| review(app).files[0].file.sessions()[0].clone();
    let before = wales(&app).themes;
    app.update(Action::NextView, at(3));
    app.update(Action::Down, at(3));
    app.update(Action::MergeTheme, at(3));
    type_text(&mut app, "food");
    app.update(Action::Submit, at(3));
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .starts_with("Merged theme “Hubs” into “Food” (1 insight)"),
        "{:?}",
        app.message
    );
    app.update(Action::Undo, at(4));
    let after = wales(&app).themes;
    for (b, a) in before.iter().zip(&after) {
        assert_eq!((&b.name, b.deleted), (&a.name, a.deleted));
        assert_eq!(
            b.insight_ids().collect::<Vec<_>>(),
            a.insight_ids().collect::<Vec<_>>()
        );
    }
    assert!(review(&app).files[0].dirty(), "the undo is saved too");
    app.update(Action::Redo, at(5));
    assert!(
        wales(&app)
            .themes
            .iter()
            .any(|t| t.name == "Hubs" && t.deleted)
    );
}

#[test]
fn an_undone_comment_is_withdrawn_and_stays_so_through_a_merge() {
    let mut app = reviewing();
    app.update(Action::Comment, at(1));
    type_text(&mut app, "Ask PAVS if it lasted");
    app.update(Action::Submit, at(2));
    let copy = review(&app).files[0].file.sessions()[0].clone();
    app.update(Action::Undo, at(3));
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .starts_with("Undone: Commented on")
    );
    let withdrawn = review(&app).files[0].file.sessions()[0].clone();
    let comment = &withdrawn
        .insights
        .iter()
        .find(|i| !i.comments.is_empty())
        .unwrap()
        .comments[0];
    assert!(comment.deleted, "kept as a tombstone");
    // The copy made before the undo still has it live: the later withdrawal wins.
    for merged in [
        crate::merge::merge_pair(&copy, &withdrawn),
        crate::merge::merge_pair(&withdrawn, &copy),
    ] {
        let c = &merged
            .insights
            .iter()
            .find(|i| !i.comments.is_empty())
            .unwrap()
            .comments[0];
        assert!(c.deleted);
    }
    assert!(
        crate::review::searchable(
            withdrawn
                .insights
                .iter()
                .find(|i| !i.comments.is_empty())
                .unwrap()
        )
        .find("pavs")
        .is_none(),
        "a withdrawn comment is not searched"
    );
}

#[test]
fn leaving_the_review_hands_the_files_back_but_never_with_an_unsaved_edit() {
    let mut app = reviewing();
    app.update(Action::Star, at(1));
    app.update(Action::Saved(Err("disk full".into())), at(1));
    let effects = app.update(Action::Back, at(2));
    assert_eq!(effects, [Effect::Save, Effect::Flush], "waits for the save");
    let effects = app.update(Action::Saved(Err("disk full".into())), at(2));
    assert!(
        matches!(app.screen, Screen::Review(_)),
        "a failed save keeps the review open"
    );
    assert!(!effects.contains(&Effect::Release));
    assert!(app.message.as_deref().unwrap().starts_with("Not saved yet"));
    app.update(Action::Saved(Ok(at(3))), at(3));
    let effects = app.update(Action::Back, at(4));
    assert!(matches!(app.screen, Screen::Home(_)));
    assert!(effects.contains(&Effect::Release), "{effects:?}");

    // A save that lands after Back is pressed finishes the leaving.
    let mut app = reviewing();
    app.update(Action::Star, at(5));
    assert_eq!(
        app.update(Action::Back, at(6)),
        [Effect::Save, Effect::Flush]
    );
    let effects = app.update(Action::Saved(Ok(at(6))), at(6));
    assert!(matches!(app.screen, Screen::Home(_)));
    assert_eq!(effects, [Effect::Release, Effect::ListSessions]);
}
