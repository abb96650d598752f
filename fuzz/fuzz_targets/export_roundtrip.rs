//! Fuzz target `export_roundtrip`: see `export_harness.rs` for what it checks.
#![no_main]

#[path = "../export_harness.rs"]
mod export_harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| export_harness::export_roundtrip(data));
