//! A room carried by a real sync engine: two Syncthing instances on the
//! loopback interface keep two folders in sync, and two `stb join`
//! processes (two laptops: two devices) capture one session, one in each
//! folder. Lines typed on either laptop show on both screens; the time
//! from a copy landing in a folder to it showing on that laptop's screen
//! is measured apart from Syncthing's own transfer time, and must be
//! within a second.
//!
//! Syncthing is Debian's `syncthing` (`.ci/run` installs it). Where it is
//! not installed or cannot start, the test says SKIPPED on its output and
//! returns: it does not pass silently.

use super::pty::Stb;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long Syncthing may take to connect and carry a file across.
const SYNC_LIMIT: Duration = Duration::from_secs(60);
/// From a copy landing to the screen showing it.
const SCREEN_BOUND: Duration = Duration::from_secs(1);

/// The Syncthing instances, stopped when dropped (also when a check fails).
struct Instances(Vec<Child>);

impl Drop for Instances {
    fn drop(&mut self) {
        for child in &mut self.0 {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

fn skipped(why: &str) {
    println!("SKIPPED syncthing_carries_a_room_between_two_laptops: {why}");
    eprintln!("SKIPPED syncthing_carries_a_room_between_two_laptops: {why}");
}

fn free_port() -> u16 {
    let socket = std::net::TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    socket.local_addr().expect("its address").port()
}

/// `syncthing generate` in `home`: the new device's id.
fn generate(home: &Path) -> Option<String> {
    let out = Command::new("syncthing")
        .args(["generate", "--no-default-folder"])
        .arg(format!("--home={}", home.display()))
        .output()
        .ok()?;
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    let id = text.split("Device ID:").nth(1)?.split_whitespace().next()?;
    Some(id.to_owned())
}

/// A whole configuration: loopback only, no discovery, relays or
/// reporting, one folder shared by both devices, watched with the
/// shortest delays.
fn config(me: usize, ids: &[String; 2], ports: &[u16; 2], folder: &Path, version: &str) -> String {
    let devices: String = (0..2)
        .map(|n| {
            format!(
                "<device id=\"{}\" name=\"laptop{n}\" compression=\"never\"><address>tcp://127.0.0.1:{}</address></device>\n",
                ids[n], ports[n]
            )
        })
        .collect();
    format!(
        r#"<configuration version="{version}">
<folder id="room" label="room" path="{folder}" type="sendreceive" rescanIntervalS="5" fsWatcherEnabled="true" fsWatcherDelayS="1">
<device id="{a}"></device><device id="{b}"></device>
</folder>
{devices}<gui enabled="false" tls="false"><address>127.0.0.1:0</address></gui>
<options>
<listenAddress>tcp://127.0.0.1:{port}</listenAddress>
<globalAnnounceEnabled>false</globalAnnounceEnabled>
<localAnnounceEnabled>false</localAnnounceEnabled>
<relaysEnabled>false</relaysEnabled>
<natEnabled>false</natEnabled>
<urAccepted>-1</urAccepted>
<startBrowser>false</startBrowser>
<crashReportingEnabled>false</crashReportingEnabled>
<autoUpgradeIntervalH>0</autoUpgradeIntervalH>
</options>
</configuration>
"#,
        folder = folder.display(),
        a = ids[0],
        b = ids[1],
        port = ports[me],
    )
}

/// Two instances syncing `folders`, started; None (and why) if they
/// cannot be.
fn start(root: &Path, folders: &[PathBuf; 2]) -> Result<Instances, String> {
    let homes = [root.join("st0"), root.join("st1")];
    let mut ids = Vec::new();
    for home in &homes {
        ids.push(generate(home).ok_or("`syncthing generate` gave no device id")?);
    }
    let ids: [String; 2] = [ids[0].clone(), ids[1].clone()];
    let ports = [free_port(), free_port()];
    let mut instances = Instances(Vec::new());
    for n in 0..2 {
        std::fs::create_dir_all(folders[n].join(".stfolder")).map_err(|e| e.to_string())?;
        // The configuration format of the installed Syncthing, as generated.
        let generated = std::fs::read_to_string(homes[n].join("config.xml")).unwrap_or_default();
        let version = generated
            .split("version=\"")
            .nth(1)
            .and_then(|v| v.split('"').next());
        let xml = config(n, &ids, &ports, &folders[n], version.unwrap_or("36"));
        std::fs::write(homes[n].join("config.xml"), xml).map_err(|e| e.to_string())?;
        let child = Command::new("syncthing")
            .args(["serve", "--no-browser", "--no-restart"])
            .arg(format!("--home={}", homes[n].display()))
            .env("STNOUPGRADE", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("`syncthing serve` did not start: {e}"))?;
        instances.0.push(child);
    }
    Ok(instances)
}

/// Whether `text` is in the copy `name` (or its journal) in `folder`.
fn landed(folder: &Path, name: &str, text: &str) -> bool {
    [name.to_owned(), format!("{name}.journal")]
        .iter()
        .any(|n| std::fs::read_to_string(folder.join(n)).is_ok_and(|t| t.contains(text)))
}

/// Waits until `done`, up to `limit`; when it held.
fn wait(limit: Duration, done: impl Fn() -> bool) -> Option<Instant> {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if done() {
            return Some(Instant::now());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    None
}

/// Types `text` on `from`, whose copy is `copy`; checks that it lands in
/// the other folder and shows on `to` within the bound. The figures.
fn carried(from: &mut Stb, to: &Stb, copy: &str, other: &Path, text: &str) -> (Duration, Duration) {
    from.send(&format!("{text}\r"));
    let typed = Instant::now();
    from.wait_for(text);
    let landed_at = wait(SYNC_LIMIT, || landed(other, copy, text))
        .unwrap_or_else(|| panic!("Syncthing did not carry {copy} with {text:?} across"));
    let shown_at = wait(SYNC_LIMIT, || to.screen().contains(text)).unwrap_or_else(|| {
        panic!(
            "{text:?} landed but never showed; the screen:\n{}",
            to.screen()
        )
    });
    let on_screen = shown_at.saturating_duration_since(landed_at);
    assert!(
        on_screen <= SCREEN_BOUND,
        "{text:?} showed {on_screen:?} after its copy landed (bound {SCREEN_BOUND:?})"
    );
    (landed_at - typed, on_screen)
}

#[test]
fn syncthing_carries_a_room_between_two_laptops() {
    if Command::new("syncthing").arg("--version").output().is_err() {
        return skipped("syncthing is not installed (Debian: apt-get install syncthing)");
    }
    let root = tempfile::tempdir().unwrap();
    let folders = [root.path().join("laptop0"), root.path().join("laptop1")];
    let _instances = match start(root.path(), &folders) {
        Ok(instances) => instances,
        Err(why) => return skipped(&why),
    };
    // The facilitator's session, made on laptop 0 and carried to laptop 1.
    let file = folders[0].join("room.ron");
    let made = Command::new(env!("CARGO_BIN_EXE_stb"))
        .args(["generate", "--insights", "1", "-o"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(made.status.success());
    if wait(SYNC_LIMIT, || folders[1].join("room.ron").exists()).is_none() {
        return skipped("the two Syncthing instances did not connect within a minute");
    }
    let env = |device| vec![("STB_DEVICE", device)];
    let join = |n: usize, device| {
        let file = folders[n].join("room.ron");
        let file = file.to_str().unwrap().to_owned();
        Stb::spawn_with_env(&folders[n], &["join", &file], &env(device))
    };
    let mut ann = join(0, "ann");
    ann.wait_for("leading the room");
    // Ann's copy, with her lead, reaches laptop 1 before Bob joins.
    wait(SYNC_LIMIT, || folders[1].join("room@ann.ron").exists()).expect("ann's copy");
    let mut bob = join(1, "bob");
    bob.wait_for("following ann");

    let mut figures = Vec::new();
    for round in 0..2 {
        let line = format!("ann says {round}");
        figures.push(carried(&mut ann, &bob, "room@ann.ron", &folders[1], &line));
        let line = format!("bob says {round}");
        figures.push(carried(&mut bob, &ann, "room@bob.ron", &folders[0], &line));
    }
    for laptop in [&ann, &bob] {
        for text in ["ann says 0", "ann says 1", "bob says 0", "bob says 1"] {
            assert!(laptop.screen().contains(text), "{}", laptop.screen());
        }
    }
    for (transfer, on_screen) in &figures {
        println!("syncthing carried a line in {transfer:?}; on screen {on_screen:?} after landing");
    }
    ann.send("\x11");
    bob.send("\x11");
    ann.wait_exit();
    bob.wait_exit();
}
