//! Research data stays on the laptop: no crate that speaks a network
//! protocol is in the build. (mio is, for crossterm to wait on the
//! terminal; stb opens no socket with it.)

const NETWORKING: &[&str] = &[
    "reqwest",
    "hyper",
    "ureq",
    "curl",
    "isahc",
    "surf",
    "attohttpc",
    "tokio",
    "async-std",
    "smol",
    "socket2",
    "h2",
    "http",
    "rustls",
    "native-tls",
    "openssl",
    "tungstenite",
    "websocket",
    "lettre",
    "sentry",
    "opentelemetry",
];

#[test]
fn no_networking_crate_is_in_the_dependency_tree() {
    let lock = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.lock")).unwrap();
    let crates: Vec<&str> = lock
        .lines()
        .filter_map(|l| l.strip_prefix("name = \""))
        .map(|l| l.trim_end_matches('"'))
        .collect();
    assert!(crates.contains(&"ratatui"), "the lock file was read");
    let found: Vec<&&str> = crates.iter().filter(|c| NETWORKING.contains(c)).collect();
    assert!(
        found.is_empty(),
        "networking crates in the build: {found:?}"
    );
}
