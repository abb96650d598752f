//! End-to-end tests of the `iamwb` binary: every command and exit code, on CloudTrail files
//! written by the tests into a temporary directory.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const ROLE: &str = "arn:aws:iam::111122223333:role/team/app";
const USER: &str = "arn:aws:iam::111122223333:user/alice";

fn iamwb(arguments: &[&str], directory: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_iamwb")).args(arguments).current_dir(directory).output().expect("iamwb runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("utf-8 output")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn code(output: &Output) -> i32 {
    output.status.code().expect("exited")
}

/// One CloudTrail record of a call by the role's session (or the user).
fn record(caller: &str, source: &str, name: &str, request: &str, resources: &str, time: &str, extra: &str) -> String {
    let identity = if caller == USER {
        r#"{"type":"IAMUser","principalId":"AIDA1","arn":"arn:aws:iam::111122223333:user/alice","accountId":"111122223333","userName":"alice"}"#.to_owned()
    } else {
        r#"{"type":"AssumedRole","principalId":"AROA1:s","arn":"arn:aws:sts::111122223333:assumed-role/app/s","accountId":"111122223333","sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROA1","arn":"arn:aws:iam::111122223333:role/team/app","accountId":"111122223333","userName":"app"},"attributes":{"mfaAuthenticated":"true","creationDate":"2026-01-01T00:00:00Z"}}}"#.to_owned()
    };
    // Unique per call: CloudTrail readers drop records whose eventID was already seen.
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    std::hash::Hash::hash(&(request, resources, extra), &mut hasher);
    let id = format!("{name}-{time}-{:016x}", std::hash::Hasher::finish(&hasher));
    format!(
        r#"{{"eventVersion":"1.08","userIdentity":{identity},"eventTime":"{time}","eventSource":"{source}","eventName":"{name}","awsRegion":"eu-west-1","sourceIPAddress":"203.0.113.7","userAgent":"test","requestParameters":{request},"responseElements":null,"resources":{resources},"eventID":"{id}","eventType":"AwsApiCall","recipientAccountId":"111122223333"{extra}}}"#
    )
}

fn object_read(key: &str, time: &str) -> String {
    let escaped = key.replace('\\', "\\\\").replace('"', "\\\"");
    record(
        ROLE,
        "s3.amazonaws.com",
        "GetObject",
        &format!(r#"{{"bucketName":"logs","key":"{escaped}"}}"#),
        &format!(
            r#"[{{"ARN":"arn:aws:s3:::logs/{escaped}","type":"AWS::S3::Object"}},{{"ARN":"arn:aws:s3:::logs","type":"AWS::S3::Bucket","accountId":"111122223333"}}]"#
        ),
        time,
        "",
    )
}

fn trail(records: &[String]) -> String {
    format!("{{\"Records\":[{}]}}", records.join(","))
}

struct Workspace {
    directory: PathBuf,
}

impl Workspace {
    fn new(name: &str) -> Workspace {
        let directory = std::env::temp_dir().join(format!("iamwb-cli-test-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&directory);
        std::fs::create_dir_all(&directory).unwrap();
        Workspace { directory }
    }

    fn write(&self, name: &str, contents: &str) -> String {
        std::fs::write(self.directory.join(name), contents).unwrap();
        name.to_owned()
    }

    fn run(&self, arguments: &[&str]) -> Output {
        iamwb(arguments, &self.directory)
    }
}

impl Drop for Workspace {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.directory);
    }
}

/// The role's activity: two objects read, a listing, a describe; plus one call by the user.
fn standard_trail() -> String {
    trail(&[
        object_read("app/2026/01/a.json", "2026-01-10T10:00:00Z"),
        object_read("app/2026/01/b.json", "2026-01-11T10:00:00Z"),
        record(ROLE, "s3.amazonaws.com", "ListBuckets", "null", "[]", "2026-01-11T11:00:00Z", ""),
        record(ROLE, "ec2.amazonaws.com", "DescribeInstances", "{}", "[]", "2026-01-12T11:00:00Z", ""),
        record(USER, "s3.amazonaws.com", "ListBuckets", "null", "[]", "2026-01-12T12:00:00Z", ""),
    ])
}

fn sids(policy: &Value) -> Vec<String> {
    policy["Statement"].as_array().unwrap().iter().map(|statement| statement["Sid"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn generate_prints_the_exact_policy_and_summarises_on_stderr() {
    let workspace = Workspace::new("generate");
    let input = workspace.write("trail.json", &standard_trail());
    let output = workspace.run(&["generate", "--principal", ROLE, &input]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.ends_with("}\n"));
    let policy: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(sids(&policy), ["Ec2ReadNoResourceLevelSupport", "S3ReadObjectsInBucketLogs", "S3ReadNoResourceLevelSupport"]);
    // The default is durable: the dates in the keys churn, tomorrow's keys fall under `app/*`.
    assert_eq!(policy["Statement"][1]["Resource"], serde_json::json!("arn:aws:s3:::logs/app/*"));
    assert!(stderr(&output).contains("durable level (auto)"), "{}", stderr(&output));
    let explained = workspace.run(&["generate", "--principal", ROLE, "--explain", &input]);
    assert!(
        stderr(&explained)
            .contains("generalised: arn:aws:s3:::logs/app/* ← 2 observed resources, 2 calls, last 2026-01-11: object keys under a directory; dates and times"),
        "{}",
        stderr(&explained)
    );
    let exact = workspace.run(&["generate", "--principal", ROLE, "--resources", "exact", &input]);
    let exact: Value = serde_json::from_str(&stdout(&exact)).unwrap();
    assert_eq!(exact["Statement"][1]["Resource"], serde_json::json!(["arn:aws:s3:::logs/app/2026/01/a.json", "arn:aws:s3:::logs/app/2026/01/b.json"]));
    assert!(stderr(&output).contains("covers 4 of 4 observed successful calls"), "{}", stderr(&output));
    // The role name and the assumed-role session select the same principal; the output is identical.
    let by_name = workspace.run(&["generate", "-p", "app", &input]);
    assert_eq!(stdout(&by_name), text);
    let prefix = workspace.run(&["generate", "-p", ROLE, "--resources", "prefix", &input]);
    // The date in the keys churns: the prefix stops before it.
    assert!(stdout(&prefix).contains("\"arn:aws:s3:::logs/app/*\""), "{}", stdout(&prefix));
}

#[test]
fn generate_needs_one_principal_and_some_activity() {
    let workspace = Workspace::new("generate-usage");
    let input = workspace.write("trail.json", &standard_trail());
    let several = workspace.run(&["generate", &input]);
    assert_eq!(code(&several), 2);
    assert!(stderr(&several).contains("several principals") && stderr(&several).contains(USER));
    let nobody = workspace.run(&["generate", "-p", "nobody", &input]);
    assert_eq!(code(&nobody), 2);
    let outside = workspace.run(&["generate", "-p", ROLE, "--since", "2027-01-01", &input]);
    assert_eq!(code(&outside), 2);
    assert!(stderr(&outside).contains("no call"), "{}", stderr(&outside));
    let window = workspace.run(&["generate", "-p", ROLE, "--since", "2026-01-12", "--until", "2026-01-12", &input]);
    assert_eq!(code(&window), 0);
    assert_eq!(sids(&serde_json::from_str(&stdout(&window)).unwrap()), ["Ec2ReadNoResourceLevelSupport"]);
    let backwards = workspace.run(&["generate", "-p", ROLE, "--since", "2026-01-12", "--until", "2026-01-01", &input]);
    assert_eq!(code(&backwards), 2);
    let bad_level = workspace.run(&["generate", "-p", ROLE, "--resources", "galaxy", &input]);
    assert_eq!(code(&bad_level), 2);
    let garbage = workspace.write("garbage.json", "{\"hello\": 1}");
    assert_eq!(code(&workspace.run(&["generate", &garbage])), 2);
}

#[test]
fn generate_with_conditions() {
    let workspace = Workspace::new("conditions");
    let input = workspace.write("trail.json", &standard_trail());
    let output =
        workspace.run(&["generate", "-p", ROLE, "--conditions", "region,mfa,ip,time", "--valid-from", "2026-02-01", "--valid-until", "2026-05-01", &input]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let policy: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let condition = &policy["Statement"][0]["Condition"];
    assert_eq!(condition["StringEquals"]["aws:RequestedRegion"], "eu-west-1");
    assert_eq!(condition["Bool"]["aws:MultiFactorAuthPresent"], "true");
    assert_eq!(condition["DateGreaterThan"]["aws:CurrentTime"], "2026-02-01T00:00:00Z");
    assert_eq!(condition["DateLessThan"]["aws:CurrentTime"], "2026-05-01T23:59:59Z");
    let deny = policy["Statement"].as_array().unwrap().last().unwrap();
    assert_eq!(deny["Effect"], "Deny");
    assert_eq!(deny["Condition"]["NotIpAddress"]["aws:SourceIp"], "203.0.113.7/32");
    let unknown = workspace.run(&["generate", "-p", ROLE, "--conditions", "moon", &input]);
    assert_eq!(code(&unknown), 2);
}

#[test]
fn split_and_out_dir_keep_every_document_within_the_limit() {
    let workspace = Workspace::new("split");
    let records: Vec<String> =
        (0..400).map(|index| object_read(&format!("data/{:03}/object-with-a-long-name-{index:05}.json", index), "2026-01-10T10:00:00Z")).collect();
    let input = workspace.write("big.json", &trail(&records));
    let output = workspace.run(&["generate", "-p", ROLE, "--resources", "exact", "--split", &input]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let documents: Vec<Value> = serde_json::from_str(&stdout(&output)).unwrap();
    assert!(documents.len() > 1);
    for document in &documents {
        let compact = serde_json::to_string(document).unwrap();
        assert!(compact.chars().filter(|c| !c.is_whitespace()).count() <= 6_144);
    }
    let objects: usize = documents
        .iter()
        .flat_map(|document| document["Statement"].as_array().unwrap())
        .map(|statement| statement["Resource"].as_array().map_or(1, Vec::len))
        .sum();
    assert_eq!(objects, 400);
    // A bare `generate` prints the split documents when one would be over the limit, and says so.
    let bare = workspace.run(&["generate", "-p", ROLE, "--resources", "exact", &input]);
    assert_eq!(serde_json::from_str::<Vec<Value>>(&stdout(&bare)).unwrap(), documents);
    assert!(stderr(&bare).contains("printing them as a JSON array"), "{}", stderr(&bare));
    // Auto generalises the numbered directories: one managed policy.
    let auto = workspace.run(&["generate", "-p", ROLE, &input]);
    assert!(stderr(&auto).contains("durable level (auto)") && stderr(&auto).contains("1 managed policy"), "{}", stderr(&auto));
    assert!(stdout(&auto).contains("\"arn:aws:s3:::logs/data/*\""), "{}", stdout(&auto));
    let written = workspace.run(&["generate", "-p", ROLE, "--resources", "exact", "--out-dir", "policies", &input]);
    assert_eq!(code(&written), 0, "{}", stderr(&written));
    let paths: Vec<String> = stdout(&written).lines().map(str::to_owned).collect();
    assert_eq!(paths.len(), documents.len());
    for (path, document) in paths.iter().zip(&documents) {
        let text = std::fs::read_to_string(workspace.directory.join(path)).unwrap();
        assert_eq!(&serde_json::from_str::<Value>(&text).unwrap(), document);
    }
    assert!(paths[0].ends_with("iamwb-app-1.json"), "{paths:?}");
}

/// The CLI script must hand the policy to `aws` intact, whatever characters the ARNs hold: run it
/// with a fake `aws` that records its arguments and the `file://` documents.
#[test]
fn cli_script_survives_shell_quoting() {
    let workspace = Workspace::new("script");
    let key = r#"odd/it's $HOME `date` "quoted" \ back.txt"#;
    let input = workspace.write("trail.json", &trail(&[object_read(key, "2026-01-10T10:00:00Z")]));
    let json = workspace.run(&["generate", "-p", ROLE, "--resources", "exact", &input]);
    assert_eq!(code(&json), 0, "{}", stderr(&json));
    let expected_policy = stdout(&json);
    assert!(expected_policy.contains("$HOME `date`"), "{expected_policy}");
    let script = workspace.run(&["generate", "-p", ROLE, "--resources", "exact", "--format", "cli", "--policy-name", "app policy's", &input]);
    assert_eq!(code(&script), 0, "{}", stderr(&script));
    workspace.write("create.sh", &stdout(&script));
    let bin = workspace.directory.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let fake_aws = "#!/bin/sh\nfor argument in \"$@\"; do printf '%s\\n' \"$argument\" >> aws-calls.log; case \"$argument\" in file://*) cp \"${argument#file://}\" received.json;; esac; done\necho '--' >> aws-calls.log\n";
    let fake = bin.join("aws");
    std::fs::write(&fake, fake_aws).unwrap();
    Command::new("chmod").arg("+x").arg(&fake).status().unwrap();
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let run = Command::new("sh").arg("create.sh").env("PATH", path).current_dir(&workspace.directory).output().unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let received = std::fs::read_to_string(workspace.directory.join("received.json")).unwrap();
    assert_eq!(received, expected_policy);
    let calls = std::fs::read_to_string(workspace.directory.join("aws-calls.log")).unwrap();
    assert_eq!(
        calls,
        "iam\ncreate-policy\n--policy-name\napp-policy-s\n--policy-document\nfile://app-policy-s.json\n--\niam\nattach-role-policy\n--role-name\napp\n--policy-arn\narn:aws:iam::111122223333:policy/app-policy-s\n--\n"
    );
    let inline = workspace.run(&["generate", "-p", ROLE, "--format", "cli", "--inline", &input]);
    assert!(stdout(&inline).contains("aws iam put-role-policy --role-name 'app' --policy-name 'iamwb-app'"), "{}", stdout(&inline));
}

#[test]
fn cloudformation_and_terraform_exports() {
    let workspace = Workspace::new("templates");
    let input = workspace.write("trail.json", &standard_trail());
    let template = workspace.run(&["generate", "-p", ROLE, "--format", "cloudformation", &input]);
    assert_eq!(code(&template), 0);
    let text = stdout(&template);
    assert!(text.starts_with("AWSTemplateFormatVersion: \"2010-09-09\"\n"));
    assert!(text.contains("    Type: AWS::IAM::ManagedPolicy\n") && text.contains("      Roles:\n        - \"app\"\n"), "{text}");
    let terraform = workspace.run(&["generate", "-p", ROLE, "--format", "terraform", &input]);
    let text = stdout(&terraform);
    assert!(text.contains("resource \"aws_iam_policy\" \"iamwb_app\"") && text.contains("resource \"aws_iam_role_policy_attachment\" \"iamwb_app\""), "{text}");
    let written = workspace.run(&["generate", "-p", ROLE, "--format", "terraform", "--out-dir", "tf", &input]);
    let listing = stdout(&written);
    let paths: Vec<&str> = listing.lines().map(|line| line.rsplit('/').next().unwrap()).collect();
    assert_eq!(paths, ["iamwb-app.json", "iamwb-app.tf"]);
}

#[test]
fn simulate_exit_codes_and_json() {
    let workspace = Workspace::new("simulate");
    let input = workspace.write("trail.json", &standard_trail());
    let all = workspace.write("all.json", r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:*","ec2:Describe*"],"Resource":"*"}]}"#);
    let allowed = workspace.run(&["simulate", "--policy", &all, "-p", ROLE, &input]);
    assert_eq!(code(&allowed), 0, "{}", stderr(&allowed));
    assert!(stdout(&allowed).contains("coverage: 100.0% (4 of 4 observed successful calls allowed; 0 denied; 0 not evaluable)"), "{}", stdout(&allowed));
    let narrow = workspace.write(
        "narrow.json",
        r#"{"Version":"2012-10-17","Statement":[{"Sid":"Objects","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::logs/*"}]}"#,
    );
    let denied = workspace.run(&["simulate", "--policy", &narrow, "-p", ROLE, &input]);
    assert_eq!(code(&denied), 1);
    assert!(stdout(&denied).contains("implicit-deny"), "{}", stdout(&denied));
    let json = workspace.run(&["simulate", "--json", "--policy", &narrow, "-p", ROLE, &input]);
    assert_eq!(code(&json), 1);
    let value: Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(value["schema_version"], 1);
    assert_eq!(value["principal"], ROLE);
    assert_eq!(value["coverage"]["allowed_calls"], 2);
    assert_eq!(value["coverage"]["denied_calls"], 2);
    let get_object = value["calls"].as_array().unwrap().iter().find(|call| call["action"] == "s3:GetObject").unwrap();
    assert_eq!(get_object["decision"], "allowed");
    assert_eq!(get_object["statement"]["sid"], "Objects");
    // What generate prints, simulate proves.
    let generated = workspace.run(&["generate", "-p", ROLE, "--split", &input]);
    let split = workspace.write("split.json", &stdout(&generated));
    assert_eq!(code(&workspace.run(&["simulate", "--policy", &split, "-p", ROLE, &input])), 0);
    let broken = workspace.write("broken.json", "{\"Version\":");
    assert_eq!(code(&workspace.run(&["simulate", "--policy", &broken, "-p", ROLE, &input])), 2);
    assert_eq!(code(&workspace.run(&["simulate", "--policy", "missing.json", "-p", ROLE, &input])), 2);
}

#[test]
fn lint_exit_codes_locations_and_json() {
    let workspace = Workspace::new("lint");
    let good = workspace.write(
        "good.json",
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}]}\n",
    );
    let output = workspace.run(&["lint", &good]);
    assert_eq!(code(&output), 0, "{}", stdout(&output));
    assert!(stdout(&output).contains("0 errors, 0 warnings, 0 suggestions"));
    let warned = workspace.write("warned.json", "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}\n");
    assert_eq!(code(&workspace.run(&["lint", &warned])), 0, "warnings alone are no failure");
    let bad = workspace.write("bad.json", "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\"Effect\": \"Allow\", \"Action\": [\"s3:GetObject\", \"s3:Nope\"], \"Resource\": \"*\"}\n  ]\n}\n");
    let output = workspace.run(&["lint", &bad]);
    assert_eq!(code(&output), 1);
    assert!(stdout(&output).contains("bad.json:4:52: error: s3 has no action \"Nope\""), "{}", stdout(&output));
    let json = workspace.run(&["lint", "--json", &bad]);
    assert_eq!(code(&json), 1);
    let value: Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(value["schema_version"], 1);
    assert_eq!(value["errors"], 1);
    let finding = value["findings"].as_array().unwrap().iter().find(|finding| finding["code"] == "unknown-action").unwrap();
    assert_eq!((finding["pointer"].as_str(), finding["line"].as_u64(), finding["column"].as_u64()), (Some("/Statement/0/Action/1"), Some(4), Some(52)));
    let not_json = workspace.write("notjson.json", "Version: 2012");
    assert_eq!(code(&workspace.run(&["lint", &not_json])), 1);
    assert_eq!(code(&workspace.run(&["lint", "absent.json"])), 2);
}

#[test]
fn diff_lists_unused_and_missing_grants() {
    let workspace = Workspace::new("diff");
    let input = workspace.write("trail.json", &standard_trail());
    let existing = workspace.write(
        "existing.json",
        r#"{"Version":"2012-10-17","Statement":[{"Sid":"S3","Effect":"Allow","Action":["s3:Get*","s3:DeleteObject"],"Resource":"arn:aws:s3:::${BucketName}/*"}]}"#,
    );
    let output = workspace.run(&["diff", "--policy", &existing, "-p", ROLE, &input]);
    assert_eq!(code(&output), 1, "{}", stdout(&output));
    let text = stdout(&output);
    assert!(text.contains("narrow  s3:Get* at /Statement/0/Action/0: used only s3:GetObject"), "{text}");
    assert!(text.contains("remove  s3:DeleteObject at /Statement/0/Action/1"), "{text}");
    assert!(text.contains("implicit-deny       1 × ec2:DescribeInstances"), "{text}");
    let json = workspace.run(&["diff", "--json", "--policy", &existing, "-p", ROLE, &input]);
    let value: Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(value["schema_version"], 1);
    assert_eq!(value["unused"].as_array().unwrap().len(), 2);
    assert_eq!(value["missing"].as_array().unwrap().len(), 2);
    let everything = workspace.write("everything.json", r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#);
    assert_eq!(code(&workspace.run(&["diff", "--policy", &everything, "-p", ROLE, &input])), 0);
}

#[test]
fn query_prints_sql_and_refuses_bad_input() {
    let workspace = Workspace::new("query");
    let lake = workspace.run(&["query", "-p", ROLE, "--since", "2026-01-01", "--until", "2026-01-31", "--engine", "lake"]);
    assert_eq!(code(&lake), 0, "{}", stderr(&lake));
    let sql = stdout(&lake);
    assert!(sql.contains("FROM $EDS_ID\n") && sql.contains("eventTime < '2026-02-01 00:00:00'"), "{sql}");
    let athena = workspace.run(&["query", "-p", USER, "--since", "2026-01-01", "--until", "2026-01-31", "--engine", "athena", "--table", "db.trail"]);
    let sql = stdout(&athena);
    assert!(sql.contains("FROM \"db\".\"trail\"\n") && sql.contains("useridentity.arn = 'arn:aws:iam::111122223333:user/alice'"), "{sql}");
    for column in ["principal_arn", "event_source", "event_name", "resource_arn", "error_code", "calls", "first_seen", "last_seen"] {
        assert!(sql.contains(column), "{column}");
    }
    assert_eq!(code(&workspace.run(&["query", "-p", "app", "--since", "2026-01-01", "--until", "2026-01-31", "--engine", "lake"])), 2);
    assert_eq!(code(&workspace.run(&["query", "-p", ROLE, "--since", "soon", "--until", "2026-01-31", "--engine", "lake"])), 2);
    assert_eq!(code(&workspace.run(&["query", "-p", ROLE, "--since", "2026-01-01", "--until", "2026-01-31", "--engine", "bigquery"])), 2);
}

#[test]
fn kit_prints_both_policies_or_one() {
    let workspace = Workspace::new("kit");
    let both = workspace.run(&["kit", "arn:aws:s3:::logs"]);
    assert_eq!(code(&both), 0, "{}", stderr(&both));
    let documents: Vec<Value> = serde_json::from_str(&stdout(&both)).unwrap();
    assert_eq!(documents.len(), 2);
    assert_eq!(sids(&documents[0]), ["S3ReadOnlyBucketLogs", "S3ReadOnlyObjectsInBucketLogs"]);
    let read = workspace.run(&["kit", "arn:aws:s3:::logs", "--level", "read"]);
    let policy: Value = serde_json::from_str(&stdout(&read)).unwrap();
    assert_eq!(sids(&policy), ["S3ReadOnlyBucketLogs", "S3ReadOnlyObjectsInBucketLogs"]);
    let script = workspace.run(&["kit", "arn:aws:s3:::logs", "--format", "cli", "--attach-to", ROLE]);
    let text = stdout(&script);
    assert!(text.contains("--policy-name 's3-bucket-logs-read-only'") && text.contains("--policy-name 's3-bucket-logs-read-write'"), "{text}");
    assert_eq!(code(&workspace.run(&["kit", "not-an-arn"])), 2);
    assert_eq!(code(&workspace.run(&["kit", "arn:aws:nosuch:::x"])), 2);
}

#[test]
fn summary_and_usage_errors() {
    let workspace = Workspace::new("summary");
    let input = workspace.write("trail.json", &standard_trail());
    let summary = workspace.run(&["summary", "--json", &input]);
    assert_eq!(code(&summary), 0);
    let value: Value = serde_json::from_str(&stdout(&summary)).unwrap();
    assert_eq!(value["schema_version"], 1);
    assert_eq!(value["events"], 5);
    assert_eq!(code(&workspace.run(&["generate"])), 2);
    assert_eq!(code(&workspace.run(&["frobnicate"])), 2);
}

/// The role's authorization details: an inline policy and a managed one, and an AWS managed
/// policy whose document the output does not hold.
fn role_authorization_details() -> String {
    serde_json::json!({
        "RoleDetailList": [{"Path": "/team/", "RoleName": "app", "Arn": ROLE,
            "RolePolicyList": [{"PolicyName": "objects", "PolicyDocument": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:DeleteObject"], "Resource": "arn:aws:s3:::logs/*"}]}}],
            "AttachedManagedPolicies": [{"PolicyName": "describe", "PolicyArn": "arn:aws:iam::111122223333:policy/describe"},
                                        {"PolicyName": "ReadOnlyAccess", "PolicyArn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}]}],
        "Policies": [{"PolicyName": "describe", "Arn": "arn:aws:iam::111122223333:policy/describe", "DefaultVersionId": "v1",
            "PolicyVersionList": [{"VersionId": "v1", "IsDefaultVersion": true, "Document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["ec2:DescribeInstances", "s3:ListAllMyBuckets"], "Resource": "*"}]}}]}],
        "UserDetailList": [], "GroupDetailList": [], "IsTruncated": false
    })
    .to_string()
}

#[test]
fn exports_without_cloudtrail_are_summarised() {
    let workspace = Workspace::new("imported-only");
    let details = workspace.write("details.json", &role_authorization_details());
    let finding = workspace.write(
        "finding.json",
        &serde_json::json!({"findingDetails": [{"unusedPermissionDetails": {"serviceNamespace": "s3", "actions": [{"action": "DeleteObject"}]}}],
            "resource": ROLE, "status": "ACTIVE", "resourceType": "AWS::IAM::Role", "findingType": "UnusedPermission", "id": "f-1"})
        .to_string(),
    );
    let advisor = workspace.write(
        "advisor.json",
        r#"{"JobStatus":"COMPLETED","ServicesLastAccessed":[{"ServiceName":"Amazon S3","ServiceNamespace":"s3","LastAuthenticated":"2026-01-11T10:00:00Z"}]}"#,
    );
    let policy = workspace.write("policy.json", r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#);
    let summary = workspace.run(&["summary", "--json", &details, &finding, &advisor, &policy]);
    assert_eq!(code(&summary), 0, "{}", stderr(&summary));
    let value: Value = serde_json::from_str(&stdout(&summary)).unwrap();
    assert_eq!(value["events"], 0);
    let items: Vec<u64> = value["files"].as_array().unwrap().iter().map(|file| file["items"].as_u64().unwrap()).collect();
    assert!(items.iter().all(|items| *items > 0), "{items:?}");
    let imported = &value["imported"];
    assert_eq!(imported["policies"][0]["source_file"], "policy.json");
    assert_eq!(imported["unused_access"][0]["actions"][0]["action"], "s3:DeleteObject");
    assert_eq!(imported["authorization_details"][0]["arn"], ROLE);
    assert_eq!(imported["authorization_details"][0]["policies"], serde_json::json!(["objects", "describe"]));
    assert_eq!(imported["authorization_details"][0]["missing"], serde_json::json!(["arn:aws:iam::aws:policy/ReadOnlyAccess"]));
    assert_eq!(imported["last_accessed"][0]["service_namespace"], "s3");
    let text = stdout(&workspace.run(&["summary", &details, &finding, &advisor, &policy]));
    for expected in [
        "unused action   s3:DeleteObject",
        "policies (1):",
        "(role): 2 policies",
        "not in the inputs: arn:aws:iam::aws:policy/ReadOnlyAccess",
        "service last accessed",
    ] {
        assert!(text.contains(expected), "{expected:?} in {text}");
    }
    let nothing = workspace.write("nothing.json", r#"{"hello":"world"}"#);
    assert_eq!(code(&workspace.run(&["summary", &nothing])), 2, "nothing usable is still a usage error");
    assert_eq!(code(&workspace.run(&["generate", &details])), 2, "no activity: no policy to generate");
}

#[test]
fn diff_without_policy_uses_the_principals_policies_from_the_inputs() {
    let workspace = Workspace::new("diff-imported");
    let input = workspace.write("trail.json", &standard_trail());
    let details = workspace.write("details.json", &role_authorization_details());
    let output = workspace.run(&["diff", "--json", "-p", ROLE, &input, &details]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    assert!(stderr(&output).contains("comparing with its policies in the authorization details: objects, describe"), "{}", stderr(&output));
    assert!(stderr(&output).contains("arn:aws:iam::aws:policy/ReadOnlyAccess applies to"), "{}", stderr(&output));
    let value: Value = serde_json::from_str(&stdout(&output)).unwrap();
    let unused: Vec<&str> = value["unused"].as_array().unwrap().iter().map(|grant| grant["entry"].as_str().unwrap()).collect();
    assert_eq!(unused, vec!["s3:DeleteObject"]);
    // The same documents given with --policy: the same diff.
    let as_file = workspace.write(
        "as-file.json",
        r#"[{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:DeleteObject"],"Resource":"arn:aws:s3:::logs/*"}]},
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ec2:DescribeInstances","s3:ListAllMyBuckets"],"Resource":"*"}]}]"#,
    );
    let given = workspace.run(&["diff", "--json", "--policy", &as_file, "-p", ROLE, &input]);
    assert_eq!(stdout(&given), stdout(&output));
    // simulate reads them the same way.
    assert_eq!(code(&workspace.run(&["simulate", "-p", ROLE, &input, &details])), 0);
    // A policy file among the inputs stands in when there are no authorization details; two
    // files are ambiguous; none is an error that says what to add.
    let policy = workspace.write("policy.json", r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#);
    assert_eq!(code(&workspace.run(&["diff", "-p", ROLE, &input, &policy])), 1, "ec2:DescribeInstances is not granted");
    let other = workspace.write("other.json", r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:*","Resource":"*"}]}"#);
    let ambiguous = workspace.run(&["diff", "-p", ROLE, &input, &policy, &other]);
    assert_eq!(code(&ambiguous), 2);
    assert!(stderr(&ambiguous).contains("choose one with --policy"), "{}", stderr(&ambiguous));
    let none = workspace.run(&["diff", "-p", ROLE, &input]);
    assert_eq!(code(&none), 2);
    assert!(stderr(&none).contains("give --policy FILE"), "{}", stderr(&none));
}

/// The foundation's tests (issue 2): the summary contract, principal selection, standard input.
mod foundation {
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
}

#[test]
fn version_is_the_workspaces() {
    // One version for the product: the root Cargo.toml's `[workspace.package] version`, which the
    // page (package iam-workbench) shows in its footer too.
    let manifest = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../Cargo.toml")).unwrap();
    let section = manifest.split("[workspace.package]").nth(1).expect("a [workspace.package] section");
    let version = section.lines().find_map(|line| line.strip_prefix("version = ")).expect("a version").trim_matches('"');
    let output = iamwb(&["--version"], Path::new("."));
    assert_eq!(code(&output), 0);
    // Then the data inside: the IAM catalog's version and the date of AWS's operation map.
    let catalog = iam_engine::Catalog::embedded().data_version();
    assert_eq!(stdout(&output), format!("iamwb {version}\nIAM data: {catalog}\nAWS operation map: AWS Service Reference, 2026-07-25\n"));
}

/// A crafted log cannot retitle or clear the terminal, or fake lines, through the text output:
/// escape sequences, bells and newlines in ARNs, event names and sources print as `\u{…}`.
#[test]
fn human_readable_output_shows_hidden_characters_visibly() {
    let workspace = Workspace::new("terminal");
    let hostile = r#"{"Records":[{"eventVersion":"1.08","userIdentity":{"type":"IAMUser","principalId":"AIDA1","arn":"arn:aws:iam::111122223333:user/eve\u001b]0;owned\u0007\nfake line","accountId":"111122223333","userName":"eve"},"eventTime":"2026-01-10T10:00:00Z","eventSource":"evil\u001b[2J.amazonaws.com","eventName":"Do\u009b2J\r","awsRegion":"eu-west-1","eventID":"1","eventType":"AwsApiCall"}]}"#;
    let input = workspace.write("hostile.json", hostile);
    let output = workspace.run(&["summary", &input]);
    assert_eq!(code(&output), 0, "{}", stderr(&output));
    let text = stdout(&output) + &stderr(&output);
    for raw in ['\u{1b}', '\u{7}', '\u{9b}', '\r'] {
        assert!(!text.contains(raw), "raw {raw:?} in {text}");
    }
    assert!(!text.contains("\nfake line"), "{text}");
    assert!(text.contains("user/eve\\u{001B}]0;owned\\u{0007}\\u{000A}fake line"), "{text}");
    assert!(text.contains("evil\\u{001B}[2J.amazonaws.com Do\\u{009B}2J\\u{000D}"), "{text}");
}

#[test]
fn an_inline_export_fits_the_principals_budget_or_is_refused() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../static/samples/cloudtrail-workshop-300-events.json.gz");
    let sample = sample.to_str().unwrap();
    // A user's inline policies share 2,048 characters: alice's 3,002 do not fit.
    let refused = iamwb(&["generate", "--principal", "arn:aws:iam::111122223333:user/staff/alice", "--format", "cli", "--inline", sample], Path::new("."));
    assert_eq!(code(&refused), 2);
    assert!(stdout(&refused).is_empty());
    assert!(stderr(&refused).contains("a user's inline policies may hold 2048 in all"), "{}", stderr(&refused));
    // A role's 10,240: one inline document, and the summary says so.
    let role =
        iamwb(&["generate", "--principal", "arn:aws:iam::111122223333:role/ci/github-actions-deploy", "--format", "cli", "--inline", sample], Path::new("."));
    assert_eq!(code(&role), 0, "{}", stderr(&role));
    assert_eq!(stdout(&role).matches("aws iam put-role-policy").count(), 1);
    assert!(stderr(&role).contains("1 inline policy"), "{}", stderr(&role));
}
