//! Replays the fuzz corpus and every input a fuzzer ever crashed on through the same checks as
//! the fuzz targets, so the stable test suite covers them without a nightly toolchain.

#[path = "../../../fuzz/harness.rs"]
mod harness;

use std::path::{Path, PathBuf};

fn inputs(kind: &str, target: &str) -> Vec<PathBuf> {
    let directory = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz").join(kind).join(target);
    let Ok(entries) = std::fs::read_dir(&directory) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries.filter_map(|entry| entry.ok()).map(|entry| entry.path()).filter(|path| path.is_file()).collect();
    files.sort();
    files
}

fn replay(target: &str, check: fn(&[u8])) {
    let files: Vec<PathBuf> = ["corpus", "regressions"].iter().flat_map(|kind| inputs(kind, target)).collect();
    assert!(!files.is_empty(), "no corpus for {target}: run scripts/fuzz.sh or keep fuzz/corpus/{target}/");
    for file in files {
        let data = std::fs::read(&file).unwrap_or_else(|error| panic!("cannot read {}: {error}", file.display()));
        let outcome = std::panic::catch_unwind(|| check(&data));
        assert!(outcome.is_ok(), "{target} fails on {}", file.display());
    }
}

#[test]
fn ingest_bytes_corpus() {
    replay("ingest_bytes", harness::ingest_bytes);
}

#[test]
fn ingest_gzip_corpus() {
    replay("ingest_gzip", harness::ingest_gzip);
}

#[test]
fn policy_parse_corpus() {
    replay("policy_parse", harness::policy_parse);
}

#[test]
fn csv_formats_corpus() {
    replay("csv_formats", harness::csv_formats);
}
