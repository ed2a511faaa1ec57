//! Arbitrary text into the capture-line parser and Tab completion.
//!
//! Input: the first line is a roster (names separated by `|`), the rest is
//! the capture line. Checks: no panic; an accepted line has text, its free
//! tags are lower case without repeats, and a matched name is on the roster;
//! a completion's byte range lies on character boundaries inside the line
//! and ends at the cursor.

#![no_main]

use libfuzzer_sys::fuzz_target;
use stb::capture::{self, Attribution, CaptureError, RosterName};
use ulid::Ulid;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let (roster_line, line) = input.split_once('\n').unwrap_or(("", &input));
    let names: Vec<&str> = roster_line
        .split('|')
        .filter(|n| !n.is_empty())
        .take(16)
        .collect();
    let roster: Vec<RosterName<'_>> = names
        .iter()
        .enumerate()
        .map(|(i, name)| RosterName {
            id: Ulid::from_parts(i as u64, i as u128),
            name,
        })
        .collect();

    match capture::parse(line, &roster) {
        Ok(c) => {
            assert!(!c.text.is_empty(), "accepted with no text");
            for (i, tag) in c.tags.iter().enumerate() {
                assert_eq!(*tag, tag.to_lowercase(), "tag not lower case");
                assert!(!c.tags[..i].contains(tag), "repeated tag {tag}");
            }
            if let Attribution::Participant(id) = c.attribution {
                assert!(
                    roster.iter().any(|r| r.id == id),
                    "matched a name not on the roster"
                );
            }
        }
        Err(CaptureError::Empty) => assert!(line.trim().is_empty()),
        Err(CaptureError::NoText) => assert!(!line.trim().is_empty()),
    }
    for name in &names {
        let _ = capture::resolve_name(&capture::handle(name), &roster);
    }

    let mut tags: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
    tags.push("innovation".into());
    let cursors = [
        line.len(),
        data.first().map_or(0, |&b| b as usize % (line.len() + 1)),
    ];
    for cursor in cursors {
        if let Some(done) = capture::complete(line, cursor, &names, &tags) {
            assert!(done.start <= done.end && done.end == cursor, "{done:?}");
            assert!(line.is_char_boundary(done.start) && line.is_char_boundary(done.end));
            let mut edited = String::from(&line[..done.start]);
            edited.push_str(&done.replacement);
            edited.push_str(&line[done.end..]);
        }
    }
});
