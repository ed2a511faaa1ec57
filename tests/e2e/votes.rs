//! Dot voting in the real binary: `+` and `-` on a question's list and on
//! the wrap-up change this laptop's own count in the file, Ctrl+Z takes a
//! vote back, and a second laptop's votes on the same file add up.

use super::pty::{Stb, key};
use super::{capture, load, only_session_file, quit, start_new};

const CTRL_L: &str = "\x0c";
const CTRL_Z: &str = "\x1a";
const UP: &str = "\x1b[A";

#[test]
fn votes_from_the_list_and_the_wrap_up_are_saved_per_laptop_and_add_up() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("sessions");
    let mut stb = start_new(&dir);
    capture(&mut stb, "Food hub at the leisure centre", "Food hub");
    capture(&mut stb, "Council lent its minibus", "minibus");

    // The list: two votes for the last line, one for the first, one taken back.
    stb.send(CTRL_L);
    stb.wait_for("SELECTING");
    stb.send("+");
    stb.wait_status("(1 vote)");
    stb.send("=");
    stb.wait_for("●2");
    stb.send(UP);
    stb.send("+");
    stb.wait_for("●1");
    stb.send("-");
    stb.wait_status("Took a vote back");
    stb.send("-");
    stb.wait_status("No vote from this laptop");

    // The wrap-up: the minibus leads the ranking and is selected first.
    for _ in 0..4 {
        stb.send(key::CTRL_N);
    }
    stb.wait_for("Votes (1 of 2 voted)");
    stb.send("+");
    stb.wait_status("(3 votes)");
    stb.send(CTRL_Z);
    stb.wait_status("Undone: Voted for");
    stb.send("+");
    stb.wait_status("(3 votes)");
    quit(&mut stb);

    let path = only_session_file(&dir);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("device: \"e2e\""), "{text}");
    let session = load(&path);
    let votes = |s: &stb::model::Session, start: &str| {
        let insight = s
            .insights
            .iter()
            .find(|i| i.text.starts_with(start))
            .unwrap();
        (insight.own_votes("e2e"), insight.total_votes())
    };
    assert_eq!(votes(&session, "Council"), (3, 3));
    assert_eq!(votes(&session, "Food hub"), (0, 0), "taken back");

    // A second laptop opens the file and votes: its count adds to the first's.
    let file = path.to_string_lossy().into_owned();
    let mut other = Stb::spawn_with_env(&dir, &["open", &file], &[("STB_DEVICE", "laptop-2")]);
    other.wait_for("Votes (1 of 2 voted)");
    other.send("+");
    other.wait_status("(4 votes)");
    quit(&mut other);
    let session = load(&path);
    assert_eq!(votes(&session, "Council"), (3, 4));
    let insight = session
        .insights
        .iter()
        .find(|i| i.text.starts_with("Council"))
        .unwrap();
    assert_eq!(insight.own_votes("laptop-2"), 1);
}
