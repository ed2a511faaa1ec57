//! The saving threads' place behind the keys.

/// The nice value of each of this process's threads named `name`.
fn nice_of(name: &str) -> Vec<i64> {
    let tasks = std::fs::read_dir("/proc/self/task").expect("linux has /proc");
    tasks
        .filter_map(|task| {
            let dir = task.ok()?.path();
            let comm = std::fs::read_to_string(dir.join("comm")).ok()?;
            (comm.trim() == name).then_some(())?;
            let stat = std::fs::read_to_string(dir.join("stat")).ok()?;
            // After the parenthesised name: field 19 of stat is nice.
            let after = &stat[stat.rfind(')')? + 2..];
            after.split(' ').nth(16)?.parse().ok()
        })
        .collect()
}

/// The calling thread's nice value.
fn own_nice() -> String {
    let own = std::fs::read_to_string("/proc/thread-self/stat").expect("own stat");
    let own = &own[own.rfind(')').expect("a name") + 2..];
    own.split(' ').nth(16).expect("a nice field").to_owned()
}

#[test]
fn the_saving_threads_stand_behind_the_keys() {
    // Whatever place the tests were started at (`nice cargo test` too).
    let before = own_nice();
    let _saver = super::Saver::start(crate::storage::RealDisk, jiff::Timestamp::now);
    // The threads set their own priority as they start.
    let mut seen = Vec::new();
    for _ in 0..200 {
        seen = ["stb-saver", "stb-drafts", "stb-draft-sync"]
            .iter()
            .flat_map(|name| nice_of(name))
            .collect();
        if seen.len() >= 3
            && seen
                .iter()
                .all(|&nice| nice == i64::from(super::BEHIND_TYPING))
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(seen.len() >= 3, "the saving threads run: {seen:?}");
    assert!(
        seen.iter()
            .all(|&nice| nice == i64::from(super::BEHIND_TYPING)),
        "niced: {seen:?}"
    );
    assert_eq!(own_nice(), before, "the caller keeps its place");
}
