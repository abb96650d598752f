//! Fuzz target `ingest_gzip`: see `harness.rs` for what it checks.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::ingest_gzip(data));
