//! Loader edges and limits (issue #12, points 2 and 7): what a file may
//! hold, refused at load with `path:line:col` and nothing overwritten.

use super::tests::sample;
use super::*;
use crate::model::limits::{MAX_ELAPSED_SECONDS, MAX_NAME_BYTES, MAX_TEXT_BYTES};

/// The session's file text with `from` replaced by `to` once.
fn edited(from: &str, to: &str) -> String {
    let text = to_ron(&sample());
    assert!(text.contains(from), "{from} in\n{text}");
    text.replacen(from, to, 1)
}

/// The 1-based line and column where `needle` starts in `text`.
fn position(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).unwrap();
    let line = text[..at].matches('\n').count() + 1;
    let col = text[..at].rsplit('\n').next().unwrap().chars().count() + 1;
    (line, col)
}

/// Writes `text`, loads it, and checks the error is one line starting
/// `path:line:` at the line of `needle`, saying `says`, with the file as it
/// was.
fn refused_at(text: &str, needle: &str, says: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    std::fs::write(&path, text).unwrap();
    let error = load_file(&path).unwrap_err().to_string();
    let (line, col) = position(text, needle);
    let prefix = format!("{}:{line}:{col}: ", path.display());
    assert!(error.starts_with(&prefix), "{prefix} in {error}");
    assert!(error.contains(says) && !error.contains('\n'), "{error}");
    assert!(own(&path).is_err(), "nor owned: {error}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text, "left alone");
}

#[test]
fn a_byte_order_mark_is_accepted_and_not_written_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    let session = sample();
    std::fs::write(&path, format!("\u{feff}{}", to_ron(&session))).unwrap();
    assert_eq!(load(&path).unwrap(), session);
    let owned = own(&path).unwrap();
    save_file(&path, owned.file.as_ref().unwrap()).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert!(
        !bytes.starts_with("\u{feff}".as_bytes()),
        "no BOM written back"
    );
    let collection = file_to_ron(&SessionFile::Combined(vec![sample(), sample()]));
    assert!(parse_file(&format!("\u{feff}{collection}"), &path).is_ok());
}

#[test]
fn format_zero_is_refused_with_its_position() {
    refused_at(&edited("format: 3", "format: 0"), "0,", "format 0");
    let collection = file_to_ron(&SessionFile::Combined(vec![sample(), sample()]));
    let zero = collection.replacen("format: 3", "format: 0", 1);
    refused_at(&zero, "0,", "format 0");
}

#[test]
fn timer_values_out_of_range_are_refused_with_their_position() {
    let huge = "elapsed_seconds: 18446744073709551615";
    refused_at(
        &edited("elapsed_seconds: 0", huge),
        "18446744073709551615",
        "seconds on a timer",
    );
    let over = (MAX_ELAPSED_SECONDS + 1).to_string();
    let text = edited("elapsed_seconds: 0", &format!("elapsed_seconds: {over}"));
    refused_at(&text, &over, "ten years");
    let at_most = format!("elapsed_seconds: {MAX_ELAPSED_SECONDS}");
    assert!(parse_file(&edited("elapsed_seconds: 0", &at_most), Path::new("s")).is_ok());
    let minutes = "allotted_minutes: 4294967295";
    refused_at(
        &edited("allotted_minutes: 20", minutes),
        "4294967295",
        "a timebox",
    );
    let planned = "timebox_minutes: 100000";
    refused_at(
        &edited("timebox_minutes: 20", planned),
        "100000",
        "a timebox",
    );
}

#[test]
fn a_text_or_name_over_its_limit_is_refused_where_it_is() {
    let long = "y".repeat(MAX_TEXT_BYTES + 1);
    let text = edited("text: \"Hwb bwyd", &format!("text: \"{long}Hwb bwyd"));
    refused_at(
        &text,
        &format!("\"{long}"),
        "a text of 16449 bytes, longer than stb takes (16384 at most)",
    );
    // An escape counts as the character it stands for: this is 16,384 bytes.
    let just = "y".repeat(MAX_TEXT_BYTES - 1);
    let fits = edited(
        "Hwb bwyd yn y ganolfan hamdden — ŵ ŷ 👩‍👩‍👧 \\u{1b}[2J",
        &format!("{just}\\u{{1b}}"),
    );
    assert!(
        parse_file(&fits, Path::new("s")).is_ok(),
        "a text at the limit loads"
    );

    let name = "n".repeat(MAX_NAME_BYTES + 1);
    refused_at(
        &edited("\"Rhian\"", &format!("\"{name}\"")),
        &format!("\"{name}"),
        "a name of 1025",
    );
    refused_at(
        &edited("\"food\"", &format!("\"{name}\"")),
        &format!("\"{name}"),
        "a name of 1025",
    );
    // Escapes count as what they stand for, not as the letters of the escape.
    let escaped = "\\u{1b}".repeat(MAX_NAME_BYTES);
    assert!(
        parse_file(
            &edited("\"Rhian\"", &format!("\"{escaped}\"")),
            Path::new("s")
        )
        .is_ok()
    );
}

#[test]
fn a_hundred_megabyte_text_is_refused_unread_and_the_file_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    let huge = "x".repeat(100 * 1024 * 1024);
    std::fs::write(
        &path,
        edited("text: \"Hwb bwyd", &format!("text: \"{huge}")),
    )
    .unwrap();
    let size = std::fs::metadata(&path).unwrap().len();
    let started = std::time::Instant::now();
    let error = own(&path).unwrap_err().to_string();
    assert!(
        error.contains("100 MiB, larger than any session (64 MiB at most)"),
        "{error}"
    );
    assert!(
        started.elapsed() < std::time::Duration::from_secs(1),
        "refused unread"
    );
    assert_eq!(std::fs::metadata(&path).unwrap().len(), size);
}

/// A stranger's votes: a count past the limit is refused where it is; a
/// laptop listed twice, or more laptops than the limit, is refused naming
/// the file and the line.
#[test]
fn votes_past_their_limits_are_refused_with_their_position() {
    let mut session = sample();
    let stamp = crate::model::StampClock::new("ann").stamp_at(jiff::Timestamp::UNIX_EPOCH);
    crate::model::vote::set_own(&mut session.insights[0].votes, 2, &stamp);
    let text = to_ron(&session);
    refused_at(
        &text.replacen("count: 2", "count: 5000", 1),
        "5000",
        "5000 votes from one device",
    );
    let vote = session.insights[0].votes[0].clone();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    let crowd = (0..=100).map(|n| crate::model::Vote {
        device: format!("laptop-{n}"),
        ..vote.clone()
    });
    for (votes, says) in [
        (
            vec![vote.clone(), vote.clone()],
            "two vote entries for device \"ann\"",
        ),
        (crowd.collect(), "more than 100 devices"),
    ] {
        session.insights[0].votes = votes;
        std::fs::write(&path, to_ron(&session)).unwrap();
        let error = load_file(&path).unwrap_err().to_string();
        assert!(
            error.starts_with(&format!("{}:", path.display())),
            "{error}"
        );
        assert!(error.contains(says) && !error.contains('\n'), "{error}");
    }
}
