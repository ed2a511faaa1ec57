//! A room (`stb join`): the top line says whose question and timer the
//! laptop follows (or that it leads), and once a second laptop has
//! captured, each insight says which laptop captured it.

use super::fixtures::{at, capture, config, pembrokeshire, step};
use super::screen::{draw, row_with, screen_text};
use super::snapshot;
use stb::app::{Action, App, Config};
use stb::model::{InsightFields, Stamp};

fn joined(device: &str) -> App {
    let mut session = pembrokeshire();
    session.lead = "ann".into();
    let config = Config {
        device: device.into(),
        ..config()
    };
    let mut app = App::new(config, at("09:55:00"));
    let own = format!("/sessions/2026-11-22-pembrokeshire@{device}.ron");
    step(
        &mut app,
        Action::Joined(Box::new((own.into(), session))),
        at("09:55:00"),
    );
    app
}

#[test]
fn a_following_laptop_names_its_lead_and_each_line_its_laptop() {
    let mut bob = joined("bob");
    capture(&mut bob, "The bus came back in June", at("09:56:00"));
    let text = screen_text(&draw(&bob, 80, 24));
    assert!(!text.contains("[bob]"), "one laptop so far:\n{text}");
    let mut anns = bob.workshop().unwrap().session.as_ref().clone();
    anns.add_insight(
        InsightFields {
            question: 1,
            text: "Volunteers drove the prescriptions round".into(),
            ..Default::default()
        },
        &Stamp(at("09:57:00"), 0, "ann".into()),
    );
    step(&mut bob, Action::PeerNews(Box::new(anns)), at("09:57:30"));
    let t = draw(&bob, 80, 24);
    let text = screen_text(&t);
    snapshot("room_follower_80x24", &t);
    assert!(text.starts_with(" following ann · "), "{text}");
    assert!(
        row_with(&text, "[ann]").contains("Volunteers drove"),
        "{text}"
    );
    assert!(
        row_with(&text, "[bob]").contains("The bus came back"),
        "{text}"
    );
    // The question and timer keys are the lead's: not offered here.
    for hint in [
        "Ctrl+T starts",
        "Ctrl+N next",
        "Ctrl+P previous",
        "Ctrl+T timer",
    ] {
        assert!(!text.contains(hint), "{hint}: {text}");
    }
}

#[test]
fn the_lead_laptop_says_it_leads() {
    let ann = joined("ann");
    let text = screen_text(&draw(&ann, 80, 24));
    assert!(text.starts_with(" leading the room · "), "{text}");
    assert!(
        text.contains("Ctrl+T starts") && text.contains("Ctrl+N next"),
        "{text}"
    );
}
