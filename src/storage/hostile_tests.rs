//! Files from elsewhere (issue #12, point 1 and 6): links, hard links,
//! FIFOs, devices and sockets made in a temp folder, as a crafted sessions
//! folder would hold them. Every test that could hang on a FIFO runs its
//! step on a thread with a deadline, so a regression fails instead.

use super::files::read_capped;
use super::tests::sample;
use super::*;
use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};
use std::time::Duration;

/// `step` within five seconds, or the test fails (never waits for ever).
fn at_once<T: Send + 'static>(step: impl FnOnce() -> T + Send + 'static) -> T {
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || send.send(step()));
    receive
        .recv_timeout(Duration::from_secs(5))
        .expect("finished at once, without waiting on the file")
}

fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo").arg(path).status();
    assert!(made.unwrap().success(), "mkfifo {}", path.display());
}

#[test]
fn a_fifo_device_or_socket_is_refused_at_once_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("s.ron");
    mkfifo(&fifo);
    let socket = dir.path().join("t.ron");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let zero = dir.path().join("zero.ron");
    symlink("/dev/zero", &zero).unwrap();
    for (path, kind) in [
        (fifo, "a FIFO"),
        (socket, "a socket"),
        (zero, "a device"),
        (PathBuf::from("/dev/null"), "a device"),
    ] {
        let shown = path.display().to_string();
        let (loaded, owned) = at_once(move || {
            let loaded = load_file(&path).unwrap_err().to_string();
            let owned = own(&path).unwrap_err().to_string();
            (loaded, owned)
        });
        for error in [loaded, owned] {
            assert!(error.starts_with(&format!("{shown}: {kind}")), "{error}");
            assert!(!error.contains('\n'), "one line: {error}");
        }
    }
}

#[test]
fn every_read_stops_at_the_cap_whatever_the_size_says() {
    // /dev/zero says it holds nothing and never ends.
    let zero = std::fs::File::open("/dev/zero").unwrap();
    assert_eq!(zero.metadata().unwrap().len(), 0, "the metadata lies");
    let read = at_once(move || read_capped(zero, 1 << 20).unwrap());
    assert!(read.is_none(), "refused after the cap, not read to the end");
    // So does /proc: a file that says 0 bytes is still read, to its end.
    let status = std::fs::File::open("/proc/self/status").unwrap();
    assert_eq!(status.metadata().unwrap().len(), 0);
    assert!(
        read_capped(status, 1 << 20)
            .unwrap()
            .is_some_and(|b| !b.is_empty())
    );
}

#[test]
fn a_symlinked_session_is_saved_through_its_link_and_locked_as_one_file() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.ron");
    save(&real, &sample()).unwrap();
    let link = dir.path().join("link.ron");
    symlink(&real, &link).unwrap();

    let owned = own(&link).unwrap();
    let error = own(&real).unwrap_err().to_string();
    assert!(error.contains("open in another stb"), "{error}");
    assert_eq!(
        owned.lock.path,
        lock_path(&real),
        "the lock is the target's"
    );

    let mut renamed = sample();
    renamed.title = "Renamed".into();
    save(&link, &renamed).unwrap();
    assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
    assert_eq!(load(&real).unwrap().title, "Renamed", "the target is saved");
    drop(owned);

    let dangling = dir.path().join("dangling.ron");
    symlink(dir.path().join("gone.ron"), &dangling).unwrap();
    let error = own(&dangling).unwrap_err().to_string();
    assert!(
        error.contains("a symbolic link to a file that does not exist"),
        "{error}"
    );
    assert!(!dir.path().join("gone.ron").exists());
}

#[test]
fn a_hard_linked_session_is_read_but_never_owned() {
    let dir = tempfile::tempdir().unwrap();
    let one = dir.path().join("one.ron");
    save(&one, &sample()).unwrap();
    let two = dir.path().join("two.ron");
    std::fs::hard_link(&one, &two).unwrap();
    assert!(load_file(&two).is_ok(), "reading (check, export) is fine");
    for name in [&one, &two] {
        let error = own(name).unwrap_err().to_string();
        assert!(error.contains("2 names (hard links)"), "{error}");
        assert!(error.starts_with(&name.display().to_string()), "{error}");
    }
}

#[test]
fn a_planted_lock_is_replaced_and_what_it_pointed_at_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let session = dir.path().join("s.ron");
    let secret = dir.path().join("secret");
    std::fs::write(&secret, "token").unwrap();
    let planted = [
        ("a link", Some(&secret)),
        ("a hard link", Some(&secret)),
        ("a dangling link", None),
        ("a FIFO", None),
    ];
    for (what, target) in planted {
        let lock_file = lock_path(&session);
        let gone = dir.path().join("gone");
        let _ = std::fs::remove_file(&lock_file);
        match what {
            "a link" => symlink(target.unwrap(), &lock_file).unwrap(),
            "a hard link" => std::fs::hard_link(target.unwrap(), &lock_file).unwrap(),
            "a dangling link" => symlink(&gone, &lock_file).unwrap(),
            _ => mkfifo(&lock_file),
        }
        let session = session.clone();
        let held = at_once(move || lock(&session)).unwrap();
        let meta = std::fs::symlink_metadata(&held.path).unwrap();
        assert!(
            meta.is_file() && meta.nlink() == 1,
            "{what}: a lock of its own"
        );
        assert_eq!(std::fs::read_to_string(&secret).unwrap(), "token", "{what}");
        assert!(!gone.exists(), "{what}: nothing made at its target");
    }
}

#[test]
fn a_draft_is_read_only_from_a_plain_small_file() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("s.ron.draft");
    std::fs::write(&draft, "after -\nhalf a line").unwrap();
    assert_eq!(read_draft(&draft).as_deref(), Some("after -\nhalf a line"));
    std::fs::remove_file(&draft).unwrap();

    let secret = dir.path().join("secret");
    std::fs::write(&secret, "token").unwrap();
    symlink(&secret, &draft).unwrap();
    assert_eq!(read_draft(&draft), None, "a link is not followed");
    std::fs::remove_file(&draft).unwrap();

    std::fs::hard_link(&secret, &draft).unwrap();
    assert_eq!(
        read_draft(&draft),
        None,
        "nor a second name of another file"
    );
    std::fs::remove_file(&draft).unwrap();

    mkfifo(&draft);
    let fifo = draft.clone();
    assert_eq!(
        at_once(move || read_draft(&fifo)),
        None,
        "a FIFO is not waited on"
    );
    std::fs::remove_file(&draft).unwrap();

    symlink("/dev/zero", &draft).unwrap();
    assert_eq!(read_draft(&draft), None);
    std::fs::remove_file(&draft).unwrap();

    std::fs::write(&draft, "x".repeat(MAX_DRAFT_BYTES as usize + 1)).unwrap();
    assert_eq!(read_draft(&draft), None, "nor one larger than a draft");
}

#[test]
fn writing_a_draft_replaces_a_planted_link_and_never_writes_through_it() {
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("s.ron.draft");
    let secret = dir.path().join("secret");
    std::fs::write(&secret, "token").unwrap();
    symlink(&secret, &draft).unwrap();
    replace_on(&RealDisk, &draft, b"after -\nnew").unwrap();
    assert_eq!(std::fs::read_to_string(&secret).unwrap(), "token");
    assert!(std::fs::symlink_metadata(&draft).unwrap().is_file());
    assert_eq!(read_draft(&draft).as_deref(), Some("after -\nnew"));

    std::fs::remove_file(&draft).unwrap();
    mkfifo(&draft);
    let fifo = draft.clone();
    assert!(at_once(move || sync_on(&RealDisk, &fifo)).is_err());
}

#[test]
fn a_save_keeps_the_owner_and_group_and_never_widens_the_mode() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    save(&path, &sample()).unwrap();
    let me = std::fs::metadata(&path).unwrap();
    // Root can give the file away, as a shared laptop's admin would;
    // anyone else can only keep their own.
    let (uid, gid) = if me.uid() == 0 {
        (1234, 5678)
    } else {
        (me.uid(), me.gid())
    };
    std::os::unix::fs::chown(&path, Some(uid), Some(gid)).unwrap();
    for (before, after) in [(0o644, 0o600), (0o400, 0o400), (0o600, 0o600)] {
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(before)).unwrap();
        save(&path, &sample()).unwrap();
        let meta = std::fs::metadata(&path).unwrap();
        assert_eq!((meta.uid(), meta.gid()), (uid, gid), "owner and group kept");
        assert_eq!(meta.mode() & 0o777, after, "mode {before:o}");
    }
    // An export replaces a link rather than writing through it.
    let secret = dir.path().join("secret");
    std::fs::write(&secret, "token").unwrap();
    let export = dir.path().join("out.csv");
    symlink(&secret, &export).unwrap();
    write_atomically(&export, b"a,b\r\n").unwrap();
    assert_eq!(std::fs::read_to_string(&secret).unwrap(), "token");
}
