//! The names of a room's files: each laptop's own copy, and the conflict
//! copies sync tools make.

use std::path::{Path, PathBuf};

/// Device names are written into file names: at most this many bytes.
const SLUG_BYTES: usize = 40;

/// `device` as a file-name part: lower-case letters, digits, `.`, `_` and
/// `-`, anything else a `-`, runs of them one; "laptop" if nothing is left.
pub fn slug(device: &str) -> String {
    let mut out = String::new();
    for c in device.chars().flat_map(char::to_lowercase) {
        let keep = c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-');
        let c = if keep { c } else { '-' };
        if c == '-' && out.ends_with('-') {
            continue;
        }
        if out.len() >= SLUG_BYTES {
            break;
        }
        out.push(c);
    }
    let trimmed = out.trim_matches(|c| matches!(c, '-' | '.'));
    if trimmed.is_empty() {
        "laptop".to_owned()
    } else {
        trimmed.to_owned()
    }
}

/// The session name a copy stands for: `pembroke` for `pembroke.ron`,
/// `pembroke@ann.ron` and their conflict copies.
fn session_stem(name: &str) -> &str {
    let stem = name.strip_suffix(".ron").unwrap_or(name);
    stem.split_once('@').map_or(stem, |(stem, _)| stem)
}

/// This laptop's own copy of the session in `file`: `NAME@DEVICE.ron`
/// beside it, where `NAME` is the session's name without any device.
pub fn own_copy(file: &Path, device: &str) -> PathBuf {
    let name = file.file_name().unwrap_or_default().to_string_lossy();
    let name = conflict_of(&name).unwrap_or_else(|| name.into_owned());
    let stem = session_stem(&name);
    file.with_file_name(format!("{stem}@{}.ron", slug(device)))
}

/// If `name` is a sync tool's conflict copy, the name of the file it is a
/// copy of:
/// - Syncthing: `NAME.sync-conflict-20261202-101530-ABCDEFG.ron`;
/// - Dropbox: `NAME (Ann's conflicted copy 2026-12-02).ron`;
/// - Nextcloud and ownCloud: `NAME (conflicted copy 2026-12-02 101530).ron`;
/// - tools that number a second copy: `NAME (1).ron`.
pub fn conflict_of(name: &str) -> Option<String> {
    let stem = name.strip_suffix(".ron")?;
    if let Some(at) = stem.find(".sync-conflict-") {
        return Some(format!("{}.ron", &stem[..at]));
    }
    let open = stem.rfind(" (")?;
    let inside = stem[open + 2..].strip_suffix(')')?;
    let numbered = !inside.is_empty() && inside.bytes().all(|b| b.is_ascii_digit());
    (numbered || inside.contains("conflicted copy")).then(|| format!("{}.ron", &stem[..open]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_device_becomes_a_safe_file_name_part() {
        assert_eq!(slug("ann@Ann-ThinkPad"), "ann-ann-thinkpad");
        assert_eq!(slug("Gwen Jones / laptop 2"), "gwen-jones-laptop-2");
        assert_eq!(slug("../../etc"), "etc");
        assert_eq!(slug("Siân"), "si-n");
        assert_eq!(slug("@@@"), "laptop");
        assert!(slug(&"x".repeat(500)).len() <= SLUG_BYTES);
    }

    #[test]
    fn the_own_copy_sits_beside_the_file_named_after_the_device() {
        let own = |f: &str| own_copy(Path::new(f), "bob@desk");
        assert_eq!(
            own("/s/pembroke.ron"),
            Path::new("/s/pembroke@bob-desk.ron")
        );
        // Joining through someone else's copy, or a conflict copy, names
        // the same own copy.
        assert_eq!(
            own("/s/pembroke@ann.ron"),
            Path::new("/s/pembroke@bob-desk.ron")
        );
        assert_eq!(
            own("/s/pembroke@ann.sync-conflict-20261202-101530-ABC.ron"),
            Path::new("/s/pembroke@bob-desk.ron")
        );
        assert_eq!(own("pembroke.ron"), Path::new("pembroke@bob-desk.ron"));
    }

    #[test]
    fn conflict_copies_of_every_sync_tool_are_recognised() {
        let of = |n: &str| conflict_of(n);
        assert_eq!(
            of("p@ann.sync-conflict-20261202-101530-ABCDEFG.ron").as_deref(),
            Some("p@ann.ron")
        );
        assert_eq!(
            of("p@ann (Ann's conflicted copy 2026-12-02).ron").as_deref(),
            Some("p@ann.ron")
        );
        assert_eq!(
            of("p (conflicted copy 2026-12-02 101530).ron").as_deref(),
            Some("p.ron")
        );
        assert_eq!(of("p@ann (1).ron").as_deref(), Some("p@ann.ron"));
        for plain in [
            "p@ann.ron",
            "p (draft).ron",
            "p ().ron",
            "p.sync-conflict-x.txt",
        ] {
            assert_eq!(of(plain), None, "{plain}");
        }
    }
}
