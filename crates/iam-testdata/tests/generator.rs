//! The generator's contract: deterministic for a seed, every record readable by the engine, and
//! every output layout (one document in any container, or a gzip log-file tree) read to the same
//! totals.

use iam_engine::record::Record;
use iam_engine::{Analysis, Ingest, IngestOptions};
use iam_testdata::{Container, Generator, GeneratorOptions};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

fn generator(n_events: u64, seed: u64, n_principals: usize) -> Generator {
    Generator::new(GeneratorOptions { n_events, seed, ..GeneratorOptions::default() }.with_principals(n_principals))
}

fn ingest(files: &[(String, Vec<u8>)]) -> Analysis {
    let mut ingest = Ingest::new(IngestOptions::default());
    for (name, bytes) in files {
        let mut reader = ingest.file(name);
        for chunk in bytes.chunks(64 * 1024) {
            reader.push(chunk);
        }
        reader.finish();
    }
    ingest.finish()
}

fn records_of(bytes: &[u8]) -> Vec<serde_json::Value> {
    let document: serde_json::Value = serde_json::from_slice(bytes).expect("valid JSON");
    document["Records"].as_array().expect("a Records array").clone()
}

#[test]
fn the_same_seed_gives_the_same_bytes_and_another_seed_other_bytes() {
    let first = generator(400, 7, 12).to_vec(Container::Records);
    let second = generator(400, 7, 12).to_vec(Container::Records);
    let other = generator(400, 8, 12).to_vec(Container::Records);
    assert_eq!(first, second);
    assert_ne!(first, other);
    let gzip_first = generator(300, 7, 12).log_files_in_memory(5, true);
    let gzip_second = generator(300, 7, 12).log_files_in_memory(5, true);
    assert_eq!(gzip_first, gzip_second);
}

#[test]
fn every_record_parses_with_the_engine_and_is_counted_once() {
    let generator = generator(3_000, 42, 50);
    let bytes = generator.to_vec(Container::Records);
    for (position, record) in records_of(&bytes).iter().enumerate() {
        let text = serde_json::to_vec(record).expect("serialisable");
        let parsed: Record = serde_json::from_slice(&text).unwrap_or_else(|error| panic!("record {position} does not parse: {error}"));
        assert!(parsed.is_event(), "record {position} is not an event");
    }
    let analysis = ingest(&[("events.json".to_owned(), bytes)]);
    let distinct = generator.distinct_events();
    assert!(distinct < 3_000, "some duplicate deliveries are generated");
    assert_eq!(analysis.activity.n_events, distinct);
    assert_eq!(analysis.activity.n_duplicates, 3_000 - distinct);
    assert!(analysis.files.iter().all(|file| file.problems.is_empty()), "{:?}", analysis.files);
}

#[test]
fn every_container_and_the_split_gzip_tree_read_to_the_same_activity() {
    let generator = generator(2_500, 3, 20);
    let single = ingest(&[("events.json".to_owned(), generator.to_vec(Container::Records))]);
    let lines = ingest(&[("events.ndjson".to_owned(), generator.to_vec(Container::Ndjson))]);
    let array = ingest(&[("events-array.json".to_owned(), generator.to_vec(Container::Array))]);
    let files = generator.log_files_in_memory(40, true);
    assert_eq!(files.len(), 40);
    let split = ingest(&files);
    assert_eq!(single.activity.n_events, generator.distinct_events());
    for other in [&lines, &array, &split] {
        assert_eq!(other.activity.n_events, single.activity.n_events);
        assert_eq!(other.activity.n_duplicates, single.activity.n_duplicates);
        assert_eq!(other.activity, single.activity);
    }
}

#[test]
fn log_files_are_named_and_laid_out_as_cloudtrail_delivers_them() {
    let generator = generator(1_000, 5, 10);
    for file in generator.plan_log_files(12, true) {
        let parts: Vec<&str> = file.path.split('/').collect();
        assert_eq!(parts.len(), 8, "{}", file.path);
        assert_eq!(&parts[..4], ["AWSLogs", "111122223333", "CloudTrail", file.region]);
        let name = parts[7];
        let stem = name.strip_suffix(".json.gz").expect("a .json.gz file");
        let fields: Vec<&str> = stem.split('_').collect();
        assert_eq!(fields.len(), 5, "{name}");
        assert_eq!(fields[0], "111122223333");
        assert_eq!(fields[1], "CloudTrail");
        assert_eq!(fields[2], file.region);
        let stamp = fields[3];
        assert!(stamp.len() == 14 && stamp.as_bytes()[8] == b'T' && stamp.ends_with('Z'), "{stamp}");
        assert_eq!(&stamp[..8], format!("{}{}{}", parts[4], parts[5], parts[6]), "the folder is the delivery day");
        assert!(fields[4].len() == 16 && fields[4].bytes().all(|byte| byte.is_ascii_alphanumeric()), "{name}");
    }
}

#[test]
fn the_account_activity_covers_the_cases_the_workbench_must_handle() {
    let generator = generator(10_000, 42, 50);
    let records = records_of(&generator.to_vec(Container::Records));
    let text = |record: &serde_json::Value, key: &str| record[key].as_str().unwrap_or_default().to_owned();
    let pairs: BTreeSet<(String, String)> = records.iter().map(|record| (text(record, "eventSource"), text(record, "eventName"))).collect();
    let sources: BTreeSet<&String> = pairs.iter().map(|(source, _)| source).collect();
    assert!(sources.len() >= 20, "{} services", sources.len());
    assert!(pairs.len() >= 150, "{} pairs", pairs.len());
    for (source, name) in [
        ("lambda.amazonaws.com", "UpdateFunctionCode20150331v2"),
        ("lambda.amazonaws.com", "ListFunctions20150331"),
        ("lambda.amazonaws.com", "Invoke"),
        ("cloudfront.amazonaws.com", "CreateInvalidation2020_05_31"),
        ("apigateway.amazonaws.com", "CreateDeployment"),
        ("sts.amazonaws.com", "GetCallerIdentity"),
        ("sts.amazonaws.com", "AssumeRole"),
        ("signin.amazonaws.com", "ConsoleLogin"),
        ("bedrock.amazonaws.com", "Converse"),
        ("kms.amazonaws.com", "ReEncrypt"),
        ("s3.amazonaws.com", "CopyObject"),
        ("s3.amazonaws.com", "ListObjectsV2"),
        ("s3.amazonaws.com", "HeadObject"),
        ("s3.amazonaws.com", "CreateMultipartUpload"),
        ("s3.amazonaws.com", "UploadPart"),
        ("sqs.amazonaws.com", "SendMessageBatch"),
        ("dynamodb.amazonaws.com", "ExecuteStatement"),
        ("monitoring.amazonaws.com", "GetMetricData"),
    ] {
        assert!(pairs.contains(&(source.to_owned(), name.to_owned())), "{source} {name} missing");
    }
    let mut identity_types: BTreeMap<String, usize> = BTreeMap::new();
    for record in &records {
        *identity_types.entry(text(&record["userIdentity"], "type")).or_default() += 1;
    }
    for identity_type in ["AssumedRole", "IAMUser", "FederatedUser", "Root", "AWSService", "AWSAccount", "SAMLUser", "WebIdentityUser"] {
        assert!(identity_types.contains_key(identity_type), "{identity_type} missing: {identity_types:?}");
    }
    let denied = records
        .iter()
        .filter(|record| matches!(record["errorCode"].as_str(), Some("AccessDenied" | "AccessDeniedException" | "Client.UnauthorizedOperation")))
        .count();
    let share = denied as f64 / records.len() as f64;
    assert!((0.02..0.045).contains(&share), "AccessDenied share {share}");
    let issuer_arns: BTreeSet<String> = records.iter().map(|record| text(&record["userIdentity"]["sessionContext"]["sessionIssuer"], "arn")).collect();
    assert!(issuer_arns.iter().any(|arn| arn.contains(":role/aws-reserved/sso.amazonaws.com/")));
    assert!(issuer_arns.iter().any(|arn| arn.contains(":role/aws-service-role/")));
    assert!(records.iter().any(|record| record["userIdentity"]["invokedBy"] == "s3.amazonaws.com" && record["eventSource"] == "kms.amazonaws.com"));
    assert!(records.iter().any(|record| record["eventType"] == "AwsServiceEvent"));
    assert!(records.iter().any(|record| record["userIdentity"]["sessionContext"]["attributes"]["mfaAuthenticated"] == "true"));
    let no_mfa_console = records.iter().any(|record| {
        record["sessionCredentialFromConsole"] == "true" && record["userIdentity"]["sessionContext"]["attributes"]["mfaAuthenticated"] == "false"
    });
    assert!(no_mfa_console);
    assert!(records.iter().any(|record| text(&record["userIdentity"], "accessKeyId").starts_with("AKIA")));
    let ec2_denial = records.iter().find(|record| record["errorCode"] == "Client.UnauthorizedOperation").expect("an EC2 denial");
    assert!(text(ec2_denial, "errorMessage").starts_with("You are not authorized to perform this operation."));
    assert!(records.iter().any(|record| text(record, "errorMessage").contains("because no identity-based policy allows the s3:")));
    let s3_object_event = records.iter().find(|record| record["eventName"] == "GetObject" && record["errorCode"].is_null()).expect("a GetObject");
    let resource_types: Vec<&str> =
        s3_object_event["resources"].as_array().expect("resources").iter().map(|resource| resource["type"].as_str().unwrap_or_default()).collect();
    assert_eq!(resource_types, ["AWS::S3::Object", "AWS::S3::Bucket"]);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn any_seed_and_size_gives_well_formed_records_the_engine_counts(seed in any::<u64>(), n_events in 1u64..300, n_principals in 1usize..80) {
        let generator = generator(n_events, seed, n_principals);
        let bytes = generator.to_vec(Container::Ndjson);
        let mut lines = 0;
        for line in bytes.split(|&byte| byte == b'\n').filter(|line| !line.is_empty()) {
            let record: Record = serde_json::from_slice(line).expect("every line is a record");
            prop_assert!(record.is_event());
            let time = record.event_time.as_deref().unwrap_or_default();
            prop_assert!(time.len() == 20 && time.ends_with('Z'), "{}", time);
            let event_id = record.event_id.as_deref().unwrap_or_default();
            prop_assert_eq!(event_id.split('-').map(str::len).collect::<Vec<_>>(), vec![8, 4, 4, 4, 12]);
            lines += 1;
        }
        prop_assert_eq!(lines, n_events);
        let analysis = ingest(&[("events.ndjson".to_owned(), bytes)]);
        prop_assert_eq!(analysis.activity.n_events, generator.distinct_events());
    }
}
