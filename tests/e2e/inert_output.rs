//! Nothing stb prints can drive a terminal, and no export carries a
//! terminal control (issue #12, point 3), through the real binary.
//!
//! One hostile session (controls in every text, see `hostile.rs`) under
//! hostile file names, beside a broken file, a missing one and one whose
//! lock is held with controls in its contents; every command is run on
//! them, its success and error paths, and every export format both to
//! standard output and to files. Every byte of standard output, standard
//! error and every file written (the `.qdpx` unzipped) is scanned. The
//! stand-ins must show up too, so a test that printed nothing would fail.

use super::export_refi::elements;
use super::hostile::{self, H, SHOWN, forbidden, run};
use std::path::{Path, PathBuf};
use std::process::Output;

/// What was scanned, and every finding, reported together at the end.
#[derive(Default)]
struct Scan {
    runs: usize,
    files: usize,
    findings: Vec<String>,
}

impl Scan {
    fn bytes(&mut self, what: &str, bytes: &[u8]) {
        if let Some(found) = forbidden(bytes) {
            self.findings.push(format!("{what}: {found}"));
        }
    }

    /// Scans a run's standard output and error; a panic is a finding too.
    fn run(&mut self, args: &[String], out: &Output) {
        self.runs += 1;
        // Named with <H> for the hostile text, so a finding reads.
        let what = format!("stb {}", args.join(" ").replace(H, "<H>").escape_debug());
        self.bytes(&format!("{what} (stdout)"), &out.stdout);
        self.bytes(&format!("{what} (stderr)"), &out.stderr);
        let err = String::from_utf8_lossy(&out.stderr);
        if err.contains("panicked") || out.status.code() == Some(101) {
            self.findings.push(format!("{what}: panicked: {err}"));
        }
    }

    fn file(&mut self, path: &Path) -> Vec<u8> {
        self.files += 1;
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        self.bytes(&path.display().to_string(), &bytes);
        bytes
    }
}

fn s(text: &str) -> String {
    text.to_owned()
}

fn p(path: &Path) -> String {
    path.to_str().unwrap().to_owned()
}

/// The folder of a test run: sessions, the files beside them, and runs.
struct Room {
    root: PathBuf,
    sessions: PathBuf,
    scan: Scan,
}

impl Room {
    fn stb(&mut self, args: &[String]) -> Output {
        let out = run(&self.root, &self.sessions, args);
        self.scan.run(args, &out);
        out
    }

    /// `root/NAME<H>.EXT`, a hostile name for a file to be written.
    fn named(&self, stem: &str, extension: &str) -> PathBuf {
        self.root.join(hostile::file_name(stem, extension))
    }

    /// A copy of `from` under a hostile name.
    fn copy(&self, from: &Path, stem: &str) -> PathBuf {
        let to = self.named(stem, "ron");
        std::fs::copy(from, &to).unwrap();
        to
    }
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn no_command_or_export_writes_a_terminal_control_anywhere() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().to_owned();
    let sessions = root.join(format!("sessions{H}"));
    std::fs::create_dir_all(&sessions).unwrap();
    let mut room = Room {
        root: root.clone(),
        sessions: sessions.clone(),
        scan: Scan::default(),
    };
    let good = hostile::save(&sessions, "good");
    let text = std::fs::read_to_string(&good).unwrap();
    let broken = sessions.join(hostile::file_name("broken", "ron"));
    std::fs::write(
        &broken,
        text.replacen("\ttitle:", &format!("\ttitle{H}:"), 1),
    )
    .unwrap();
    let missing = room.named("missing", "ron");
    let locked = room.copy(&good, "locked");
    let _held = hostile::hold_lock(&locked);
    let (a, b) = (room.copy(&good, "copy-a"), room.copy(&good, "copy-b"));
    let ours = room.copy(&good, "ours");
    let erased = room.copy(&good, "erase-me");

    for args in [vec![s("--help")], vec![s("--version")]] {
        room.stb(&args);
    }
    let listed = room.stb(&[s("list")]);
    assert!(stdout(&listed).contains(SHOWN), "{}", stdout(&listed));
    let checked = room.stb(&[s("check"), p(&good)]);
    assert!(stdout(&checked).contains(SHOWN), "{}", stdout(&checked));
    assert!(
        stdout(&checked).contains("conflict:"),
        "{}",
        stdout(&checked)
    );
    room.stb(&[s("check"), p(&good), p(&broken), p(&missing)]);
    room.stb(&[s("check"), format!("--bogus{H}")]);
    room.stb(&[s("new"), s("--nation"), format!("mars{H}")]);
    for args in [
        vec![],
        vec![s("open"), p(&good)],
        vec![s("review"), p(&good)],
        vec![s("new"), s("--title"), format!("T{H}")],
    ] {
        let out = room.stb(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    }

    let merged = room.named("merged", "ron");
    let merge = |out: &Path| {
        let mut args = vec![s("merge"), p(&a), p(&b), s("--base"), p(&good)];
        args.extend([s("-o"), p(out)]);
        args
    };
    let report = room.stb(&merge(&merged));
    assert_eq!(report.status.code(), Some(0), "{}", stderr(&report));
    assert!(
        stdout(&report).contains("written to"),
        "{}",
        stdout(&report)
    );
    room.stb(&merge(&merged));
    room.stb(&[merge(&locked), vec![s("--force")]].concat());
    room.stb(&[
        s("merge"),
        p(&broken),
        p(&a),
        s("-o"),
        p(&room.named("x", "ron")),
    ]);
    room.stb(&[s("merge-driver"), p(&good), p(&ours), p(&b)]);

    let name = format!("Name{H}");
    let done = room.stb(&[s("erase"), s("--participant"), name.clone(), p(&erased)]);
    assert_eq!(done.status.code(), Some(0), "{}", stderr(&done));
    room.stb(&[
        s("erase"),
        s("--participant"),
        format!("Nobody{H}"),
        p(&erased),
    ]);
    room.stb(&[s("erase"), s("--participant"), s("x"), p(&missing)]);
    let held = room.stb(&[s("erase"), s("--participant"), name, p(&locked)]);
    let holder = "open in another stb (process 1␛]0;pwned␇␛[2J";
    assert!(stderr(&held).contains(holder), "{}", stderr(&held));

    let mut written = Vec::new();
    for format in ["md", "csv", "json", "json-shared", "qdc", "qdpx"] {
        let export = |extra: &[String]| {
            let mut args = vec![s("export"), p(&good), s("--format"), s(format)];
            args.extend_from_slice(extra);
            args
        };
        let out = room.stb(&export(&[]));
        if format == "json" {
            // The whole JSON is exact: its controls are JSON escapes.
            let escaped = "\\u001b]0;pwned";
            assert!(stdout(&out).contains(escaped), "{}", stdout(&out));
        } else if format != "qdpx" {
            assert!(stdout(&out).contains(SHOWN), "{format}: {}", stdout(&out));
        }
        room.stb(&export(&[s("--pseudonymise"), s("--bom")]));
        let file = room.named("export", format);
        let key = room.named("key", "csv");
        let mut extra = vec![s("-o"), p(&file)];
        if format == "md" {
            extra.extend([s("--pseudonymise"), s("--key-file"), p(&key)]);
            written.push(key);
        }
        let out = room.stb(&export(&extra));
        assert_eq!(out.status.code(), Some(0), "{format}: {}", stderr(&out));
        room.stb(&export(&[s("-o"), p(&file)]));
        written.push(file);
    }
    room.stb(&[s("export"), p(&broken), s("--format"), s("md")]);
    room.stb(&[
        s("generate"),
        s("--insights"),
        s("3"),
        s("-o"),
        p(&room.named("g", "ron")),
    ]);
    git_setup(&mut room);

    for path in &written {
        if path.extension().is_some_and(|e| e == "qdpx") {
            qdpx(&mut room.scan, path);
        } else {
            let bytes = room.scan.file(path);
            let text = String::from_utf8_lossy(&bytes);
            // The whole JSON keeps the text exact, its controls escaped.
            let escaped = text.contains("\\u001b]0;pwned");
            assert!(
                text.contains(SHOWN) || escaped,
                "{}: {text}",
                path.display()
            );
        }
    }
    let (runs, files) = (room.scan.runs, room.scan.files);
    assert!(
        runs >= 40 && files >= 6,
        "scanned too little: {runs} runs, {files} files"
    );
    assert!(
        room.scan.findings.is_empty(),
        "terminal controls in {} of {} runs and {} files:\n{}",
        room.scan.findings.len(),
        room.scan.runs,
        room.scan.files,
        room.scan.findings.join("\n")
    );
}

/// `stb git-setup` in a repository whose folder name is hostile (it prints
/// the path of `.gitattributes`); skipped without git.
fn git_setup(room: &mut Room) {
    let repo = room.root.join(format!("repo{H}"));
    std::fs::create_dir(&repo).unwrap();
    let init = std::process::Command::new("git")
        .args(["init", "-q"])
        .current_dir(&repo)
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .status();
    if !init.is_ok_and(|s| s.success()) {
        eprintln!("git not installed: git-setup not scanned");
        return;
    }
    let out = run(&repo, &room.sessions, &[s("git-setup")]);
    room.scan.run(&[s("git-setup")], &out);
    assert!(stdout(&out).contains("␛]0;pwned␇"), "{}", stdout(&out));
}

/// Scans every entry of a `.qdpx`, and checks each coded selection lands
/// on its insight's text as exported: stand-ins and all.
fn qdpx(scan: &mut Scan, path: &Path) {
    scan.files += 1;
    let entries = hostile::unzip(path);
    let mut sources = std::collections::BTreeMap::new();
    let mut project = String::new();
    for (name, bytes) in entries {
        scan.bytes(&format!("{} {name}", path.display()), &bytes);
        let text = String::from_utf8_lossy(&bytes).into_owned();
        match name.strip_prefix("sources/") {
            Some(source) => {
                sources.insert(source.to_owned(), text);
            }
            None => project = text,
        }
    }
    let mut selected: Vec<String> = Vec::new();
    let mut source: Vec<char> = Vec::new();
    for e in elements(&project) {
        if e.name == "TextSource" {
            let file = e.attrs["plainTextPath"].replace("internal://", "");
            source = sources[&file].chars().collect();
        } else if e.name == "PlainTextSelection" {
            let at = |key: &str| e.attrs[key].parse::<usize>().unwrap();
            selected.push(
                source[at("startPosition")..at("endPosition")]
                    .iter()
                    .collect(),
            );
        }
    }
    selected.sort();
    let said: String = format!("Said{H}")
        .chars()
        .map(stb::inert::visible_char)
        .collect();
    let link: String = "=HYPERLINK(\"https://example.org\",\"click\")".into();
    assert_eq!(selected, [link, said], "{}", path.display());
}
