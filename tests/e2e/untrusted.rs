//! Text from outside, through the real binary: a bracketed paste full of
//! escape sequences arrives as visible stand-ins and is saved inert, and a
//! paste of 1,600 lines (16 KB, the longest insight) is taken whole
//! without freezing the screen.

use super::pty::key;
use super::{EMPTY_CAPTURE, load, only_session_file, quit, start_new};

/// What a terminal sends for a paste while bracketed paste is on.
fn bracketed(text: &str) -> String {
    format!("\x1b[200~{text}\x1b[201~")
}

#[test]
fn a_pasted_escape_sequence_shows_and_saves_as_visible_stand_ins() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let mut stb = start_new(&dir);
    let hostile = "Hub\x1b[2J\x1b]52;c;cGF3bmVk\x07 opened\u{202e}desrever";
    stb.send(&bracketed(hostile));
    // (vt100, the emulator here, draws nothing for U+FFFD, so the override's
    // stand-in is checked in the file below.)
    stb.wait_for("Hub␛[2J␛]52;c;cGF3bmVk␇ opened");
    assert!(
        stb.screen().contains("Question 1 of 4"),
        "the screen was not cleared: {}",
        stb.screen()
    );
    stb.send(key::ENTER);
    stb.wait_for("Insights (1)");
    quit(&mut stb);

    let file = only_session_file(&dir);
    let bytes = std::fs::read(&file).unwrap();
    assert!(!bytes.contains(&0x1b), "a raw ESC byte is in the file");
    assert!(!bytes.contains(&0x07), "a raw BEL byte is in the file");
    let session = load(&file);
    let texts: Vec<&str> = session.live_insights().map(|i| i.text.as_str()).collect();
    assert_eq!(texts, ["Hub␛[2J␛]52;c;cGF3bmVk␇ opened�desrever"]);
}

#[test]
fn a_paste_of_sixteen_hundred_lines_is_taken_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let mut stb = start_new(&dir);
    // 16,000 bytes once joined: as long as an insight may be
    // (`model::limits::MAX_TEXT_BYTES`, 16 KiB), so it loads back.
    let lines: Vec<String> = (1..=1_600).map(|n| format!("note{n:05}")).collect();
    stb.send(&bracketed(&lines.join("\n")));
    // The end of the line is what the capture field shows, cursor last.
    stb.wait_for("note01600");
    stb.send(key::ENTER);
    stb.wait_until("the long insight listed and saved", |s| {
        s.screen().contains("Insights (1)")
            && s.screen().contains(EMPTY_CAPTURE)
            && s.status_line().trim_start().starts_with("saved ")
    });
    // Still responsive: a short line after it goes in as usual.
    super::capture(&mut stb, "and one more", "and one more");
    quit(&mut stb);

    let session = load(&only_session_file(&dir));
    let long = session
        .live_insights()
        .find(|i| i.text.starts_with("note00001"))
        .expect("the pasted insight");
    assert_eq!(long.text, lines.join(" "), "every pasted line, in order");
}

/// A paste longer than an insight may be (a whole document, by mistake) is
/// refused with a message, and the words typed before it stay, to be
/// entered as usual.
#[test]
fn a_paste_past_the_longest_insight_is_refused_and_the_line_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let mut stb = start_new(&dir);
    stb.send("Typed before ");
    stb.wait_for("Typed before");
    let document = "a whole document pasted by mistake ".repeat(3_000);
    stb.send(&bracketed(&document));
    stb.wait_for("Not pasted");
    assert!(!stb.screen().contains("by mistake"), "{}", stb.screen());
    stb.send("the paste");
    stb.send(key::ENTER);
    stb.wait_until("the typed line listed and saved", |s| {
        s.screen().contains("Insights (1)") && s.status_line().trim_start().starts_with("saved ")
    });
    quit(&mut stb);
    let session = load(&only_session_file(&dir));
    let texts: Vec<&str> = session.live_insights().map(|i| i.text.as_str()).collect();
    assert_eq!(texts, ["Typed before the paste"]);
}
