//! The `iamwb` binary, run as users run it: inputs written to a temporary directory, output and
//! exit codes checked.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const ACCOUNT: &str = "111122223333";

fn record(identity: &str, source: &str, name: &str, time: &str, event_id: &str, extra: &str) -> String {
    format!(
        r#"{{"eventVersion":"1.10","userIdentity":{identity},"eventTime":"{time}","eventSource":"{source}","eventName":"{name}","awsRegion":"eu-west-1","sourceIPAddress":"198.51.100.7","requestParameters":null,"responseElements":null,"eventID":"{event_id}","eventType":"AwsApiCall","recipientAccountId":"{ACCOUNT}"{extra}}}"#
    )
}

fn role() -> String {
    format!(
        r#"{{"type":"AssumedRole","arn":"arn:aws:sts::{ACCOUNT}:assumed-role/deployer/s1","accountId":"{ACCOUNT}","sessionContext":{{"sessionIssuer":{{"type":"Role","arn":"arn:aws:iam::{ACCOUNT}:role/ci/deployer","accountId":"{ACCOUNT}","userName":"deployer"}}}}}}"#
    )
}

fn user() -> String {
    format!(r#"{{"type":"IAMUser","arn":"arn:aws:iam::{ACCOUNT}:user/alice","accountId":"{ACCOUNT}","userName":"alice"}}"#)
}

struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let path = std::env::temp_dir().join(format!("iamwb-cli-test-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("a scratch directory");
        Scratch(path)
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.0.join(name);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("directories");
        std::fs::write(&path, bytes).expect("a scratch file");
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn iamwb(arguments: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_iamwb"));
    command.args(arguments).stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() }).stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = command.spawn().expect("iamwb runs");
    if let Some(bytes) = stdin {
        child.stdin.take().expect("stdin").write_all(bytes).expect("stdin written");
    }
    child.wait_with_output().expect("iamwb ends")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn path(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

fn two_principal_logs(scratch: &Scratch) -> PathBuf {
    let records = [
        record(&role(), "s3.amazonaws.com", "GetObject", "2026-11-02T09:01:00Z", "e1", ""),
        record(&role(), "lambda.amazonaws.com", "UpdateFunctionCode20150331v2", "2026-11-02T09:02:00Z", "e2", ""),
        record(&role(), "iam.amazonaws.com", "CreateRole", "2026-11-02T09:03:00Z", "e3", r#","errorCode":"AccessDenied","errorMessage":"not authorized""#),
        record(&user(), "dynamodb.amazonaws.com", "Scan", "2026-11-03T10:00:00Z", "e4", ""),
    ];
    scratch.write("logs/a.json", format!("{{\"Records\":[{}]}}", records.join(",")).as_bytes())
}

#[test]
fn generate_prints_canonical_json_for_the_chosen_principal() {
    let scratch = Scratch::new("generate");
    let logs = two_principal_logs(&scratch);
    for selector in ["arn:aws:iam::111122223333:role/ci/deployer", "deployer", "arn:aws:sts::111122223333:assumed-role/deployer/other-session"] {
        let output = iamwb(&["generate", "--principal", selector, path(&logs)], None);
        assert_eq!(output.status.code(), Some(0), "{selector}: {}", text(&output.stderr));
        let policy = text(&output.stdout);
        assert!(policy.ends_with("}\n"), "a final newline");
        assert!(policy.contains("\"lambda:UpdateFunctionCode\""), "{policy}");
        assert!(policy.contains("\"Version\": \"2012-10-17\""));
        assert!(!policy.contains("iam:CreateRole"), "denied calls are not allowed by default");
    }
    let with_denied = iamwb(&["generate", "--principal", "deployer", "--include-denied", path(&logs)], None);
    assert!(text(&with_denied.stdout).contains("iam:CreateRole"));
}

#[test]
fn generate_with_several_principals_lists_them_and_exits_2() {
    let scratch = Scratch::new("several");
    let logs = two_principal_logs(&scratch);
    let output = iamwb(&["generate", path(&logs)], None);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(stderr.contains("arn:aws:iam::111122223333:role/ci/deployer") && stderr.contains("arn:aws:iam::111122223333:user/alice"), "{stderr}");
    let unknown = iamwb(&["generate", "--principal", "nobody", path(&logs)], None);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(text(&unknown.stderr).contains("no principal matches \"nobody\""));
}

#[test]
fn directories_are_walked_gzip_is_read_and_bad_files_are_named() {
    let scratch = Scratch::new("walk");
    two_principal_logs(&scratch);
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder
        .write_all(format!("{{\"Records\":[{}]}}", record(&user(), "sqs.amazonaws.com", "SendMessage", "2026-11-04T00:00:00Z", "e9", "")).as_bytes())
        .unwrap();
    scratch.write("logs/deeper/b.json.gz", &encoder.finish().unwrap());
    scratch.write("logs/deeper/broken.json", b"{\"Records\":[{\"eventSource\":,]}");
    scratch.write("logs/.hidden.json", b"not even json");
    let output = iamwb(&["summary", "--json", path(&scratch.0.join("logs"))], None);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let summary: serde_json::Value = serde_json::from_slice(&output.stdout).expect("summary JSON");
    assert_eq!(summary["schema_version"], 1);
    assert_eq!(summary["events"], 5);
    assert_eq!(summary["files"].as_array().unwrap().len(), 3, "hidden files are skipped");
    assert_eq!(summary["time_range"]["from"], "2026-11-02T09:01:00Z");
    assert_eq!(summary["time_range"]["until"], "2026-11-04T00:00:00Z");
    assert_eq!(summary["denied"][0]["action"], "iam:CreateRole");
    let principals = summary["principals"].as_array().unwrap();
    assert_eq!(principals[0]["kind"], "role");
    assert_eq!(principals[0]["failed"], 1);
    let stderr = text(&output.stderr);
    assert!(stderr.contains("broken.json: line 1, record 1: not a readable CloudTrail record"), "{stderr}");
    assert_eq!(summary["warnings"][0]["kind"], "no-data-events");
    for key in ["files", "principals", "services", "not_a_permission", "unmapped", "denied", "findings", "warnings", "regions"] {
        assert!(summary[key].is_array(), "{key} is part of the contract");
    }
}

#[test]
fn standard_input_and_no_usable_input() {
    let input = format!("{{\"Records\":[{}]}}", record(&user(), "s3.amazonaws.com", "ListBuckets", "2026-11-02T09:01:00Z", "e1", ""));
    let output = iamwb(&["generate", "-"], Some(input.as_bytes()));
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    assert!(text(&output.stdout).contains("s3:ListAllMyBuckets"));
    let nothing = iamwb(&["summary", "-"], Some(b"hello"));
    assert_eq!(nothing.status.code(), Some(2));
    assert!(text(&nothing.stderr).contains("(standard input)"));
    let missing = iamwb(&["summary", "/no/such/file.json"], None);
    assert_eq!(missing.status.code(), Some(2));
    let usage = iamwb(&["generate"], None);
    assert_eq!(usage.status.code(), Some(2));
}
