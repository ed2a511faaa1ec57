use super::faulty::{Fault, FaultyDisk, names};
use super::*;
use crate::storage::write_atomically;

const OLD: &str = "(format: 2, title: \"the previous save\")\n";
const NEW: &str = "(format: 2, title: \"the save that met a fault, now with more text\")\n";

/// Every (step, fault) pair a user can meet.
fn every_fault() -> impl Iterator<Item = (Step, Fault)> {
    Step::ALL
        .into_iter()
        .flat_map(|step| Fault::ALL.into_iter().map(move |fault| (step, fault)))
        .filter(|(step, fault)| fault.fits(*step))
}

/// The error names the step and what the OS said, and keeps the OS's kind.
fn assert_names_the_fault(error: &io::Error, step: Step, fault: Fault) {
    let case = format!("{step:?}/{fault:?}");
    assert_eq!(failed_step(error), Some(step), "{case}: {error}");
    assert_eq!(error.kind(), fault.kind(), "{case}: {error}");
    let message = error.to_string();
    assert!(
        message.starts_with(&format!("{step} failed: ")),
        "{case}: {message}"
    );
    assert!(
        message.contains(&fault.error().to_string()),
        "{case}: {message}"
    );
}

#[test]
fn a_fault_at_any_step_leaves_the_previous_file_whole_and_no_temp_file() {
    let mut cases = 0;
    for (step, fault) in every_fault() {
        let case = format!("{step:?}/{fault:?}");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.ron");
        write_atomically_on(&RealDisk, &path, OLD.as_bytes()).unwrap();
        let disk = FaultyDisk::failing(step, fault);

        let error = write_atomically_on(&disk, &path, NEW.as_bytes()).unwrap_err();

        assert_names_the_fault(&error, step, fault);
        let on_disk = std::fs::read_to_string(&path).unwrap();
        if step == Step::SyncFolder {
            // The rename is done before the folder fsync: the file is wholly
            // the new one, only not yet known to survive a power cut, so the
            // save still reports failure and is retried.
            assert_eq!(on_disk, NEW, "{case}");
        } else {
            assert_eq!(on_disk, OLD, "{case}: the previous file changed");
        }
        assert_eq!(names(dir.path()), ["s.ron"], "{case}: a temp file was left");

        disk.clear();
        write_atomically_on(&disk, &path, NEW.as_bytes()).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), NEW, "{case}");
        assert_eq!(names(dir.path()), ["s.ron"], "{case}");
        cases += 1;
    }
    // 6 steps by 3 errors, and a short write.
    assert_eq!(cases, 19);
}

#[test]
fn a_first_save_that_fails_leaves_no_file_at_all() {
    for (step, fault) in every_fault().filter(|(step, _)| *step != Step::SyncFolder) {
        let case = format!("{step:?}/{fault:?}");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sessions").join("s.ron");
        let disk = FaultyDisk::failing(step, fault);
        let error = write_atomically_on(&disk, &path, NEW.as_bytes()).unwrap_err();
        assert_names_the_fault(&error, step, fault);
        assert!(!path.exists(), "{case}");
        let left = match step {
            Step::CreateFolder => names(dir.path()),
            _ => names(&dir.path().join("sessions")),
        };
        assert!(left.is_empty(), "{case}: {left:?}");
        disk.clear();
        write_atomically_on(&disk, &path, NEW.as_bytes()).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), NEW, "{case}");
    }
}

#[test]
fn the_temp_file_is_hidden_beside_the_target_and_unique() {
    let path = Path::new("/sessions/2026-11-22-ayr.ron");
    let first = temp_path(path);
    let name = first.file_name().unwrap().to_str().unwrap();
    let id = name
        .strip_prefix(".2026-11-22-ayr.ron.tmp-")
        .unwrap_or_else(|| panic!("{name}"));
    assert!(id.parse::<ulid::Ulid>().is_ok(), "{name}");
    assert_eq!(first.parent(), path.parent());
    assert_ne!(first, temp_path(path));
}

#[test]
fn a_long_file_name_still_fits_its_temp_file_name() {
    // 250 bytes is a legal name, but 32 more for ".", ".tmp-" and the ULID
    // would pass the usual 255-byte limit and fail every save.
    let dir = tempfile::tempdir().unwrap();
    let name = format!("{}.ron", "ŵ".repeat(123));
    assert_eq!(name.len(), 250);
    let path = dir.path().join(&name);
    write_atomically(&path, OLD.as_bytes()).unwrap();
    write_atomically(&path, NEW.as_bytes()).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), NEW);
    assert_eq!(names(dir.path()), [name]);
}

#[test]
fn the_temp_file_is_created_exclusively() {
    let dir = tempfile::tempdir().unwrap();
    let temp = dir.path().join(".s.ron.tmp-x");
    std::fs::write(&temp, OLD).unwrap();
    let error = RealDisk.create_temp(&temp).unwrap_err();
    assert_eq!(error.kind(), io::ErrorKind::AlreadyExists);
    assert_eq!(std::fs::read_to_string(&temp).unwrap(), OLD);
}

/// A real fault, no seam: a folder where the file should be cannot be
/// renamed over, even by root.
#[test]
fn a_folder_in_the_targets_place_fails_the_rename_and_leaves_no_temp_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("s.ron");
    std::fs::create_dir(&path).unwrap();
    std::fs::write(path.join("inside"), OLD).unwrap();
    let error = write_atomically(&path, NEW.as_bytes()).unwrap_err();
    assert_eq!(failed_step(&error), Some(Step::Rename), "{error}");
    assert_eq!(names(dir.path()), ["s.ron"]);
    assert_eq!(std::fs::read_to_string(path.join("inside")).unwrap(), OLD);
}

/// A real fault, no seam: a folder below a regular file cannot be made.
#[test]
fn a_folder_below_a_file_fails_at_creating_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("blocker"), OLD).unwrap();
    let path = dir.path().join("blocker").join("s.ron");
    let error = write_atomically(&path, NEW.as_bytes()).unwrap_err();
    assert_eq!(failed_step(&error), Some(Step::CreateFolder), "{error}");
    assert_eq!(names(dir.path()), ["blocker"]);
}

#[test]
fn a_bare_file_name_saves_in_the_current_folder() {
    assert_eq!(folder_of(Path::new("s.ron")), Path::new("."));
    assert_eq!(folder_of(Path::new("a/s.ron")), Path::new("a"));
}

#[cfg(unix)]
#[test]
fn the_file_is_owner_only_even_over_a_readable_one_and_new_folders_too() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let dir = tempfile::tempdir().unwrap();
    let outer = dir.path().join("data");
    let inner = outer.join("sessions");
    let path = inner.join("s.ron");
    write_atomically(&path, OLD.as_bytes()).unwrap();
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(&inner), 0o700);
    assert_eq!(mode(&outer), 0o700);

    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    write_atomically(&path, NEW.as_bytes()).unwrap();
    assert_eq!(mode(&path), 0o600, "a save makes the file private again");
}

/// The draft's quick replace: no fsync on its way, but still whole or not
/// at all; a fault at any of its steps leaves the previous file and no temp
/// file, and `sync_on` then makes the new one durable.
#[test]
fn a_quick_replace_is_whole_or_not_at_all_and_syncs_afterwards() {
    for step in [
        Step::CreateFolder,
        Step::CreateTemp,
        Step::Write,
        Step::Rename,
    ] {
        for fault in Fault::ALL.into_iter().filter(|f| f.fits(step)) {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("s.ron.draft");
            std::fs::write(&path, OLD).unwrap();
            let disk = FaultyDisk::failing(step, fault);
            let error = replace_on(&disk, &path, NEW.as_bytes()).unwrap_err();
            assert_eq!(failed_step(&error), Some(step), "{step:?}/{fault:?}");
            assert_eq!(
                std::fs::read_to_string(&path).unwrap(),
                OLD,
                "{step:?}/{fault:?}"
            );
            assert_eq!(names(dir.path()), ["s.ron.draft"], "{step:?}/{fault:?}");
            disk.clear();
            replace_on(&disk, &path, NEW.as_bytes()).unwrap();
            assert_eq!(std::fs::read_to_string(&path).unwrap(), NEW);
            sync_on(&disk, &path).unwrap();
        }
    }
}

/// An export written with `-o` to a folder no session lock covers: the temp
/// files a killed export of the same name left go at the next write of it,
/// but not one being written now, nor another file's.
#[test]
fn writing_a_file_clears_its_own_abandoned_temp_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.md");
    let killed = dir.path().join(".report.md.tmp-01KAQ3M8Z6W1XH5N2B7C9D0E4F");
    let in_flight = dir.path().join(".report.md.tmp-01KAQ3M8Z6W1XH5N2B7C9D0E4G");
    let other = dir.path().join(".notes.md.tmp-01KAQ3M8Z6W1XH5N2B7C9D0E4F");
    for file in [&killed, &in_flight, &other] {
        std::fs::write(file, "half an export").unwrap();
    }
    let writer = std::fs::File::options()
        .write(true)
        .open(&in_flight)
        .unwrap();
    writer.try_lock().unwrap();
    write_atomically(&out, b"# The report\n").unwrap();
    assert_eq!(std::fs::read(&out).unwrap(), b"# The report\n");
    assert!(!killed.exists(), "a killed export's temp file is cleared");
    assert!(in_flight.exists(), "one being written is left alone");
    assert!(other.exists(), "another file's are not touched");
}
