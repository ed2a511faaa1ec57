//! The loader against arbitrary and damaged input: it never panics, never
//! overflows the stack on deep nesting, and every syntax error carries a
//! line and column.

use super::*;
use proptest::prelude::*;

fn sample_text() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/sessions/2026-10-14-pembrokeshire.ron"
    );
    std::fs::read_to_string(path).unwrap()
}

fn check(text: &str) {
    match parse_file(text, Path::new("f.ron")) {
        Ok(_) => {}
        Err(LoadError::Syntax {
            line, col, message, ..
        }) => {
            assert!(line >= 1 && col >= 1, "{line}:{col}: {message}");
            assert!(!message.contains('\n'), "one line: {message}");
        }
        Err(other) => assert!(!other.to_string().contains('\n'), "{other}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        check(&String::from_utf8_lossy(&bytes));
    }

    /// A valid session with a span cut out, or bytes flipped: still no panic.
    #[test]
    fn damaged_sessions_never_panic(cut in 0..60_000usize, len in 0..400usize, flips in prop::collection::vec((0..60_000usize, any::<u8>()), 0..8)) {
        let text = sample_text();
        let mut bytes = text.into_bytes();
        let at = cut % bytes.len();
        let end = (at + len).min(bytes.len());
        bytes.drain(at..end);
        for (pos, byte) in flips {
            if !bytes.is_empty() {
                let i = pos % bytes.len();
                bytes[i] = byte;
            }
        }
        check(&String::from_utf8_lossy(&bytes));
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    for open in ["(", "[", "Some(", "{\"a\":"] {
        let text = format!("(format: 2, title: {}", open.repeat(100_000));
        let err = parse_file(&text, Path::new("deep.ron")).unwrap_err();
        assert!(err.to_string().starts_with("deep.ron:"), "{err}");
    }
}
