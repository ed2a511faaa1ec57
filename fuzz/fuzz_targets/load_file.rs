//! Arbitrary bytes written to a file and opened with `load_file`, the way
//! the app and every subcommand open a session.
//!
//! Checks: bytes that are not UTF-8 are an I/O error naming the file, not a
//! panic; UTF-8 text loads exactly as `parse_file` parses it; and whatever
//! the outcome, the file is byte for byte what was written, and nothing
//! else appears beside it (no temp, lock or draft file left by a load).

#![no_main]

use libfuzzer_sys::fuzz_target;
use stb::storage::{self, LoadError};
use std::path::PathBuf;
use std::sync::OnceLock;

/// One folder per fuzzing process, in memory when /dev/shm is there.
fn folder() -> &'static PathBuf {
    static FOLDER: OnceLock<PathBuf> = OnceLock::new();
    FOLDER.get_or_init(|| {
        let shm = PathBuf::from("/dev/shm");
        let base = if shm.is_dir() {
            shm
        } else {
            std::env::temp_dir()
        };
        let dir = base.join(format!("stb-fuzz-load-file-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    })
}

fuzz_target!(|data: &[u8]| {
    let dir = folder();
    let path = dir.join("fuzz.ron");
    std::fs::write(&path, data).unwrap();

    let loaded = storage::load_file(&path);

    assert_eq!(
        std::fs::read(&path).unwrap(),
        data,
        "the load changed the file"
    );
    let beside: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        beside,
        ["fuzz.ron"],
        "the load left files beside the session"
    );

    match std::str::from_utf8(data) {
        // Named where the first bad byte is: its line, and its column in
        // characters of that line.
        Err(bad) => match &loaded {
            Err(err @ LoadError::Syntax { line, col, .. }) => {
                let good = std::str::from_utf8(&data[..bad.valid_up_to()]).unwrap();
                assert_eq!(*line, good.matches('\n').count() + 1, "{err}");
                let last = good.rsplit('\n').next().unwrap_or("");
                assert_eq!(*col, last.chars().count() + 1, "{err}");
                assert!(
                    err.to_string().starts_with(&path.display().to_string()),
                    "{err}"
                );
            }
            other => panic!("bytes that are not UTF-8 gave {other:?}"),
        },
        Ok(text) => match (&loaded, storage::parse_file(text, &path)) {
            (Ok(a), Ok(b)) => assert!(*a == b, "load_file and parse_file disagree"),
            (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
            (a, b) => panic!("load_file gave {a:?}, parse_file gave {b:?}"),
        },
    }
});
