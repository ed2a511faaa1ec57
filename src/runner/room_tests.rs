//! A room through the runner: opening another laptop's copy from Home
//! joins the room (the own copy is written, the other never), and a copy
//! landing in the folder reaches the screen through the folder watch.

use super::tests::{at, config};
use super::*;
use crate::model::{InsightFields, Session, Stamp};
use crate::storage::RealDisk;

fn said(session: &mut Session, text: &str, device: &str, second: i64) {
    let fields = InsightFields {
        question: 1,
        text: text.into(),
        ..Default::default()
    };
    session.add_insight(fields, &Stamp(at(second), 0, device.into()));
}

fn shows(app: &App, text: &str) -> bool {
    app.workshop()
        .is_some_and(|w| w.session.live_insights().any(|i| i.text == text))
}

#[test]
fn opening_a_peer_copy_joins_the_room_and_news_arrives_by_itself() {
    let dir = tempfile::tempdir().unwrap();
    let mut session = crate::room::test_session("ann", at(0));
    said(&mut session, "ann's line", "ann", 1);
    let anns = dir.path().join("room@ann.ron");
    storage::save(&anns, &session).unwrap();
    let before = std::fs::read(&anns).unwrap();

    let mut app = App::new(
        crate::app::Config {
            device: "bob".into(),
            ..config(dir.path())
        },
        at(0),
    );
    let mut runner = Runner::new(RealDisk, Box::new(|| {}), Timestamp::now);
    assert_eq!(
        runner.run(&mut app, vec![Effect::Open(anns.clone())]),
        Flow::Go
    );
    assert_eq!(runner.settle(&mut app), Flow::Go);
    let w = app.workshop().expect("open");
    assert_eq!(w.path, dir.path().join("room@bob.ron"));
    assert_eq!(app.following(), Some("ann"));
    assert!(shows(&app, "ann's line"));
    assert!(
        dir.path().join("room@bob.ron").exists(),
        "the own copy is written"
    );
    assert_eq!(
        std::fs::read(&anns).unwrap(),
        before,
        "ann's copy untouched"
    );

    said(&mut session, "cy's line", "cy", 2);
    storage::save(&dir.path().join("room@cy.ron"), &session).unwrap();
    for _ in 0..500 {
        runner.poll(&mut app);
        if shows(&app, "cy's line") {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(
        shows(&app, "cy's line"),
        "the folder watch brought cy's copy"
    );
    assert_eq!(runner.settle(&mut app), Flow::Go);
    let saved = storage::load(&dir.path().join("room@bob.ron")).unwrap();
    assert!(saved.live_insights().any(|i| i.text == "cy's line"));
}
