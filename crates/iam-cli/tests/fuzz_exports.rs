//! Replays the `export_roundtrip` fuzz corpus (and every input it ever failed on) through the
//! same checks as the fuzz target, so the stable suite covers them without a nightly toolchain.
//! It lives here, not beside the engine's corpus replay, because reading the exports back needs
//! the YAML and HCL parsers, which are this crate's test dependencies.

#[path = "../../../fuzz/export_harness.rs"]
mod export_harness;

use std::path::Path;

#[test]
fn export_roundtrip_corpus() {
    let fuzz = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
    let mut files = Vec::new();
    for kind in ["corpus", "regressions"] {
        if let Ok(entries) = std::fs::read_dir(fuzz.join(kind).join("export_roundtrip")) {
            files.extend(entries.filter_map(Result::ok).map(|entry| entry.path()).filter(|path| path.is_file()));
        }
    }
    files.sort();
    assert!(!files.is_empty(), "no corpus for export_roundtrip: keep fuzz/corpus/export_roundtrip/");
    for file in files {
        let data = std::fs::read(&file).unwrap();
        let outcome = std::panic::catch_unwind(|| export_harness::export_roundtrip(&data));
        assert!(outcome.is_ok(), "export_roundtrip fails on {}", file.display());
    }
}
