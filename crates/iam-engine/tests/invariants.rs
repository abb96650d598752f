//! The engine's architecture invariants (ARCHITECTURE.md), checked rather than hoped for.

const MANIFEST: &str = include_str!("../Cargo.toml");

/// The engine depends on no web crate: the CLI and the page share it unchanged.
#[test]
fn the_engine_has_no_web_dependencies() {
    let dependencies = MANIFEST.split("[dependencies]").nth(1).unwrap_or("").split("\n[").next().unwrap_or("");
    for web_crate in ["wasm-bindgen", "web-sys", "js-sys", "gloo", "yew"] {
        assert!(
            !dependencies.lines().any(|line| line.trim_start().starts_with(web_crate)),
            "crates/iam-engine depends on {web_crate}: the engine must stay pure"
        );
    }
}

/// The engine reads no clock and no environment, and does no I/O: no source file names them.
#[test]
fn the_engine_reads_no_clock_or_environment() {
    let mut stack = vec![std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/src"))];
    let mut n_files = 0;
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            stack.extend(std::fs::read_dir(&path).expect("readable").map(|entry| entry.expect("a directory entry").path()));
            continue;
        }
        if path.extension().and_then(|extension| extension.to_str()) != Some("rs") {
            continue;
        }
        n_files += 1;
        let text = std::fs::read_to_string(&path).expect("readable source");
        for forbidden in
            ["SystemTime::now", "Instant::now", "std::env::var", "std::fs::", "File::open", "TcpStream", "UdpSocket", "TcpListener", "thread_rng", "OsRng"]
        {
            assert!(!text.contains(forbidden), "{} uses {forbidden}: the engine does no I/O and reads no clock", path.display());
        }
    }
    assert!(n_files > 5, "the walk found the engine's sources");
}
