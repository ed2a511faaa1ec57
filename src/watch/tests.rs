//! Each kind of change is seen by the watcher with its poll, and by the poll
//! alone (as in a synced or network folder that sends no events).

use super::*;
use std::fs;

/// Generous: a change must be seen well before this; nothing here times
/// how fast.
const DEADLINE: Duration = Duration::from_secs(5);

/// Both ways of watching, each with a short poll so the poll-only one
/// answers quickly.
fn both(folder: &Path) -> [FolderWatch; 2] {
    [
        FolderWatch::new(folder, Duration::from_millis(20)),
        FolderWatch::polling_only(folder, Duration::from_millis(20)),
    ]
}

/// Collects what `watch` reports until `path` is among it, sleeping as the
/// watch says; everything reported on the way.
fn until_reported(watch: &mut FolderWatch, path: &Path) -> Vec<PathBuf> {
    let end = Instant::now() + DEADLINE;
    let mut seen = Vec::new();
    while Instant::now() < end {
        seen.extend(watch.changed());
        if seen.iter().any(|p| p == path) {
            return seen;
        }
        std::thread::sleep(watch.wake_in().max(Duration::from_millis(1)));
    }
    panic!(
        "{} not reported within {DEADLINE:?}: {seen:?}",
        path.display()
    );
}

#[test]
fn a_new_file_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.ron");
    let mut watches = both(dir.path());
    fs::write(&path, "one").unwrap();
    for watch in &mut watches {
        until_reported(watch, &path);
    }
}

#[test]
fn a_file_rewritten_in_place_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.ron");
    fs::write(&path, "one").unwrap();
    let mut watches = both(dir.path());
    fs::write(&path, "one and two").unwrap();
    for watch in &mut watches {
        until_reported(watch, &path);
    }
}

#[test]
fn a_file_replaced_by_rename_is_reported_even_at_the_same_size() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.ron");
    fs::write(&path, "one").unwrap();
    let mut watches = both(dir.path());
    let temp = dir.path().join(".a.ron.tmp");
    fs::write(&temp, "two").unwrap();
    fs::rename(&temp, &path).unwrap();
    for watch in &mut watches {
        until_reported(watch, &path);
    }
}

#[test]
fn a_removed_file_is_reported_and_its_return_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.ron");
    fs::write(&path, "one").unwrap();
    let mut watches = both(dir.path());
    fs::remove_file(&path).unwrap();
    for watch in &mut watches {
        until_reported(watch, &path);
    }
    fs::write(&path, "back").unwrap();
    for watch in &mut watches {
        until_reported(watch, &path);
    }
}

#[test]
fn files_there_at_the_start_are_not_reported_and_a_change_is_reported_once() {
    let dir = tempfile::tempdir().unwrap();
    let still = dir.path().join("still.ron");
    let path = dir.path().join("a.ron");
    fs::write(&still, "here before").unwrap();
    let mut watches = both(dir.path());
    fs::write(&path, "one").unwrap();
    for watch in &mut watches {
        let seen = until_reported(watch, &path);
        assert!(!seen.contains(&still), "{seen:?}");
        assert_eq!(seen.iter().filter(|p| **p == path).count(), 1, "{seen:?}");
    }
    // Both the watcher and several polls have now looked at the folder.
    std::thread::sleep(Duration::from_millis(100));
    for watch in &mut watches {
        assert_eq!(watch.changed(), Vec::<PathBuf>::new());
    }
}

#[test]
fn reading_a_file_is_not_a_change() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.ron");
    fs::write(&path, "one").unwrap();
    let mut watch = FolderWatch::new(dir.path(), Duration::from_millis(20));
    for _ in 0..3 {
        assert_eq!(fs::read_to_string(&path).unwrap(), "one");
    }
    std::thread::sleep(Duration::from_millis(100));
    assert_eq!(watch.changed(), Vec::<PathBuf>::new());
}

#[test]
fn folders_inside_are_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let mut watches = both(dir.path());
    fs::create_dir(dir.path().join("sub")).unwrap();
    fs::write(dir.path().join("sub").join("deep.ron"), "x").unwrap();
    let path = dir.path().join("a.ron");
    fs::write(&path, "one").unwrap();
    for watch in &mut watches {
        let seen = until_reported(watch, &path);
        assert_eq!(seen, vec![path.clone()]);
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_is_reported_without_being_opened() {
    let dir = tempfile::tempdir().unwrap();
    let mut watches = both(dir.path());
    let fifo = dir.path().join("trap.ron");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    // Opening a FIFO with no writer would block this test for ever.
    for watch in &mut watches {
        until_reported(watch, &fifo);
    }
}

#[test]
fn a_folder_that_goes_and_comes_back_is_followed_again() {
    let parent = tempfile::tempdir().unwrap();
    let folder = parent.path().join("sessions");
    fs::create_dir(&folder).unwrap();
    let path = folder.join("a.ron");
    fs::write(&path, "one").unwrap();
    let mut watches = both(&folder);
    fs::remove_dir_all(&folder).unwrap();
    for watch in &mut watches {
        until_reported(watch, &path);
    }
    fs::create_dir(&folder).unwrap();
    fs::write(&path, "two").unwrap();
    for watch in &mut watches {
        until_reported(watch, &path);
    }
    // And later changes too, through the watcher started again if any.
    fs::write(&path, "three, longer").unwrap();
    for watch in &mut watches {
        until_reported(watch, &path);
    }
}

#[test]
fn a_missing_folder_is_polled_until_it_appears() {
    let parent = tempfile::tempdir().unwrap();
    let folder = parent.path().join("not-yet");
    let mut watch = FolderWatch::new(&folder, Duration::from_millis(20));
    assert!(!watch.has_events(), "no folder to watch yet");
    assert_eq!(watch.changed(), Vec::<PathBuf>::new());
    fs::create_dir(&folder).unwrap();
    let path = folder.join("a.ron");
    fs::write(&path, "one").unwrap();
    until_reported(&mut watch, &path);
}

#[test]
fn the_caller_sleeps_until_the_next_poll_or_briefly_while_events_may_come() {
    let dir = tempfile::tempdir().unwrap();
    let polling = FolderWatch::polling_only(dir.path(), Duration::from_secs(10));
    let wait = polling.wake_in();
    assert!(wait > Duration::from_secs(5) && wait <= Duration::from_secs(10));
    let watching = FolderWatch::new(dir.path(), Duration::from_secs(10));
    if watching.has_events() {
        assert!(watching.wake_in() <= EVENT_LATENCY);
    }
}

#[cfg(target_os = "linux")]
#[test]
fn the_system_watcher_alone_reports_changes_long_before_the_poll() {
    let dir = tempfile::tempdir().unwrap();
    let mut watch = FolderWatch::new(dir.path(), Duration::from_secs(3_600));
    assert!(watch.has_events(), "inotify on a local folder");
    let path = dir.path().join("a.ron");
    fs::write(&path, "one").unwrap();
    until_reported(&mut watch, &path);
    fs::write(&path, "one and two").unwrap();
    until_reported(&mut watch, &path);
    fs::remove_file(&path).unwrap();
    until_reported(&mut watch, &path);
}
