//! The `--json` outputs and the printed SQL and kit documents are contracts: scripts read them.
//! Each is pinned here by a snapshot (`tests/snapshots/`) of the command run on the fixed inputs in
//! `tests/contracts/`. Schema version 1 may only gain fields: a snapshot that changes in any other
//! way is a broken contract, not a test to update.

use std::path::Path;
use std::process::Command;

const ROLE: &str = "arn:aws:iam::111122223333:role/team/app";

/// Runs `iamwb` in the fixtures' folder (so file names print as given) and returns its exit code
/// and standard output.
fn iamwb(arguments: &[&str]) -> (i32, String) {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/contracts");
    let output = Command::new(env!("CARGO_BIN_EXE_iamwb")).args(arguments).current_dir(fixtures).output().expect("iamwb runs");
    (output.status.code().expect("exited"), String::from_utf8(output.stdout).expect("utf-8 output"))
}

/// The output of a command that must exit with `expected`, as a snapshot.
macro_rules! pin {
    ($name:literal, $expected:expr, $arguments:expr) => {{
        let (code, stdout) = iamwb($arguments);
        assert_eq!(code, $expected, "exit code of iamwb {:?}", $arguments);
        insta::assert_snapshot!($name, stdout);
    }};
}

#[test]
fn summary_json() {
    pin!("summary", 0, &["summary", "--json", "trail.json", "existing-policy.json"]);
}

#[test]
fn generate_json() {
    pin!("generate", 0, &["generate", "--principal", ROLE, "trail.json"]);
    pin!("generate-split", 0, &["generate", "--principal", ROLE, "--split", "trail.json"]);
    pin!("generate-json", 0, &["generate", "--json", "--principal", ROLE, "trail.json"]);
}

#[test]
fn simulate_json() {
    pin!("simulate", 1, &["simulate", "--json", "--policy", "existing-policy.json", "--principal", ROLE, "trail.json"]);
}

#[test]
fn lint_json() {
    pin!("lint", 1, &["lint", "--json", "lint-me.json"]);
    pin!("lint-clean", 0, &["lint", "--json", "existing-policy.json"]);
}

#[test]
fn diff_json() {
    pin!("diff", 1, &["diff", "--json", "--policy", "existing-policy.json", "--principal", ROLE, "trail.json"]);
}

#[test]
fn query_sql() {
    pin!("query-lake", 0, &["query", "--principal", ROLE, "--since", "2026-01-01", "--until", "2026-01-31", "--engine", "lake"]);
    pin!("query-athena", 0, &["query", "--principal", ROLE, "--since", "2026-01-01", "--until", "2026-01-31", "--engine", "athena", "--table", "db.trail"]);
}

#[test]
fn kit_json() {
    pin!("kit", 0, &["kit", "arn:aws:s3:::orders-data"]);
    pin!("kit-table-read", 0, &["kit", "arn:aws:dynamodb:eu-west-1:111122223333:table/orders", "--level", "read"]);
}
