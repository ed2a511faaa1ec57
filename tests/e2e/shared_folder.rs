//! A room over a plain shared folder, through the binary: two `stb join`
//! in one folder (two devices) show each other's lines; a third laptop's
//! copy that arrives half-written is shown once it is whole; a sync tool's
//! conflict copy is merged in and then tidied away; after quitting,
//! `stb merge` of the copies writes each laptop's own copy byte for byte;
//! and `stb open` on another laptop's copy opens the room, never writing
//! that copy.

use super::pty::Stb;
use stb::model::{InsightFields, Stamp};
use stb::storage;
use std::path::Path;
use std::process::Command;

fn stb(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_stb"))
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap()
}

/// The session in `from` with one more line, captured on `device`.
fn with_line(from: &Path, device: &str, text: &str) -> String {
    let mut session = storage::load(from).unwrap();
    let newest = session.newest_stamp();
    let stamp = Stamp(
        newest.time() + jiff::SignedDuration::from_secs(1),
        0,
        device.into(),
    );
    let question = match session.stage {
        stb::model::Stage::Question(q) => q,
        stb::model::Stage::WrapUp => 1,
    };
    let fields = InsightFields {
        question,
        text: text.into(),
        ..Default::default()
    };
    session.add_insight(fields, &stamp);
    storage::to_ron(&session)
}

#[test]
fn two_laptops_share_a_folder_and_end_with_the_same_file() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let made = stb(dir, &["generate", "--insights", "1", "-o", "room.ron"]);
    assert!(made.status.success());
    let join = |device| Stb::spawn_with_env(dir, &["join", "room.ron"], &[("STB_DEVICE", device)]);
    let mut ann = join("ann");
    ann.wait_for("leading the room");
    // Bob reads the folder as he joins: Ann's lead is there once her copy
    // is saved. (Had he come first, they would agree on him instead: the
    // later lead wins on every laptop.)
    ann.wait_until("ann's copy saved", |s| {
        s.status_line().trim_start().starts_with("saved ")
    });
    let mut bob = join("bob");
    bob.wait_for("following ann");

    ann.send("ann's line\r");
    bob.wait_for("ann's line");
    bob.send("bob's line\r");
    ann.wait_for("bob's line");
    ann.wait_for("[bob] bob's line");

    // A third laptop's copy, still being copied in: skipped, not an error.
    let cys = with_line(&dir.join("room.ron"), "cy", "cy's line");
    std::fs::write(dir.join("room@cy.ron"), &cys[..cys.len() / 2]).unwrap();
    ann.send("after the half file\r");
    bob.wait_for("after the half file");
    assert!(!bob.screen().contains("cy's line"));
    std::fs::write(dir.join("room@cy.ron"), &cys).unwrap();
    let landed = std::time::Instant::now();
    ann.wait_for("cy's line");
    bob.wait_for("cy's line");
    println!(
        "a copy landing showed on both screens within {:?}",
        landed.elapsed()
    );

    // A conflict copy of Ann's file, as Syncthing names one.
    let conflict = dir.join("room@ann.sync-conflict-20261202-101530-ABCDEFG.ron");
    let text = with_line(&dir.join("room.ron"), "ann", "only in the conflict copy");
    std::fs::write(&conflict, text).unwrap();
    ann.wait_for("only in the conflict copy");
    bob.wait_for("only in the conflict copy");
    ann.wait_until("the conflict copy to be tidied", |_| !conflict.exists());

    ann.send("\x11");
    ann.wait_exit();
    bob.send("\x11");
    bob.wait_exit();
    let merged = stb(
        dir,
        &[
            "merge",
            "room.ron",
            "room@ann.ron",
            "room@bob.ron",
            "room@cy.ron",
            "-o",
            "all.ron",
        ],
    );
    assert!(
        merged.status.success(),
        "{}",
        String::from_utf8_lossy(&merged.stderr)
    );
    let all = std::fs::read(dir.join("all.ron")).unwrap();
    assert_eq!(all, std::fs::read(dir.join("room@ann.ron")).unwrap());
    assert_eq!(all, std::fs::read(dir.join("room@bob.ron")).unwrap());

    // Bob opening Ann's copy opens the room: he writes only his own.
    let mut bob = Stb::spawn_with_env(dir, &["open", "room@ann.ron"], &[("STB_DEVICE", "bob")]);
    bob.wait_for("following ann");
    bob.send("a line after the workshop\r");
    bob.wait_for("a line after the workshop");
    bob.send("\x11");
    bob.wait_exit();
    assert_eq!(all, std::fs::read(dir.join("room@ann.ron")).unwrap());
    let bobs = std::fs::read_to_string(dir.join("room@bob.ron")).unwrap();
    assert!(bobs.contains("a line after the workshop"));
}
