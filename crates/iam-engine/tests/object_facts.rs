//! The bound on S3 object facts (`OBJECT_FACTS_PER_BUCKET` per principal and bucket) folds
//! object keys into prefixes without making the result depend on the order of records, on how
//! they are split into files, or on where chunks end.

use iam_engine::activity::OBJECT_FACTS_PER_BUCKET;
use iam_engine::{synthesise, Analysis, Catalog, Ingest, IngestOptions, SynthOptions};
use proptest::prelude::*;
use serde_json::json;
use std::sync::OnceLock;

const ROLE: &str = "arn:aws:iam::111122223333:role/app";

/// S3 data events of one role: in `big-bucket`, enough distinct keys (over two actions and three
/// days) to pass the bound; in `small-bucket`, a few keys that stay exact.
fn records() -> Vec<String> {
    let mut records = Vec::new();
    let mut push = |index: usize, bucket: &str, key: String, name: &str| {
        let day = 1 + index % 3;
        let record = json!({
            "eventVersion":"1.10",
            "userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::111122223333:assumed-role/app/s","accountId":"111122223333",
                "sessionContext":{"sessionIssuer":{"type":"Role","arn":ROLE,"accountId":"111122223333","userName":"app"},"attributes":{"mfaAuthenticated":"false"}}},
            "eventTime":format!("2026-03-0{day}T08:{:02}:{:02}Z", index / 60 % 60, index % 60),
            "eventSource":"s3.amazonaws.com","eventName":name,"awsRegion":"eu-west-1","sourceIPAddress":"192.0.2.10",
            "requestParameters":{"bucketName":bucket,"key":key},
            "resources":[{"type":"AWS::S3::Object","ARN":format!("arn:aws:s3:::{bucket}/{key}")},{"accountId":"111122223333","type":"AWS::S3::Bucket","ARN":format!("arn:aws:s3:::{bucket}")}],
            "eventID":format!("id-{bucket}-{index}"),"eventType":"AwsApiCall","recipientAccountId":"111122223333","eventCategory":"Data"
        });
        records.push(record.to_string());
    };
    for index in 0..OBJECT_FACTS_PER_BUCKET + 300 {
        let key = format!("data/{}/{}/object-{index}.json", index % 4, index % 7);
        push(index, "big-bucket", key, if index % 2 == 0 { "GetObject" } else { "PutObject" });
    }
    for index in 0..20 {
        push(index, "small-bucket", format!("config/{index}.json"), "GetObject");
    }
    records
}

/// Reads `records` (in this order) as `files` `{"Records":[…]}` files pushed in `chunk`-byte chunks.
fn read(records: &[String], files: usize, chunk: usize) -> Analysis {
    let mut ingest = Ingest::new(IngestOptions::default());
    let per_file = records.len().div_ceil(files);
    for (number, part) in records.chunks(per_file).enumerate() {
        let text = format!("{{\"Records\":[{}]}}", part.join(","));
        let mut file = ingest.file(&format!("file-{number}.json"));
        for piece in text.as_bytes().chunks(chunk) {
            file.push(piece);
        }
        file.finish();
    }
    ingest.finish()
}

fn policy_of(analysis: &Analysis) -> String {
    let principal = analysis.activity.principal(ROLE).expect("the role is there");
    let synthesis = synthesise(principal, Catalog::embedded(), &SynthOptions::default());
    synthesis.policy.to_canonical_json()
}

#[test]
fn object_keys_beyond_the_bound_are_folded_into_prefixes() {
    let analysis = read(&records(), 1, 1 << 20);
    let principal = analysis.activity.principal(ROLE).unwrap();
    let resources: Vec<&str> = principal.calls.iter().filter_map(|call| call.resource.as_deref()).collect();
    let big: Vec<&&str> = resources.iter().filter(|resource| resource.starts_with("arn:aws:s3:::big-bucket/")).collect();
    // 1,300 keys × 3 days do not fit at the exact level, nor at 3 or 2 directories (28 × 2 × 3
    // … fits at 2: data/N/M/* is 28 prefixes, × 2 actions × 3 days = 168 facts).
    assert!(big.iter().all(|resource| resource.ends_with("/*")), "{big:?}");
    assert!(big.iter().any(|resource| **resource == "arn:aws:s3:::big-bucket/data/0/0/*"));
    // The small bucket keeps its exact keys.
    assert!(resources.contains(&"arn:aws:s3:::small-bucket/config/3.json"));
    let calls: u64 = principal.calls.iter().map(|call| call.count).sum();
    assert_eq!(calls, (OBJECT_FACTS_PER_BUCKET + 320) as u64);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 8, ..ProptestConfig::default() })]

    #[test]
    fn folding_does_not_depend_on_order_files_or_chunks(
        shuffled in Just(records()).prop_shuffle(),
        files in 1usize..4,
        chunk in prop_oneof![Just(1usize << 20), 100usize..4096],
    ) {
        static EXPECTED: OnceLock<(Analysis, String)> = OnceLock::new();
        let (expected, expected_policy) = EXPECTED.get_or_init(|| {
            let analysis = read(&records(), 1, 1 << 20);
            let policy = policy_of(&analysis);
            (analysis, policy)
        });
        let analysis = read(&shuffled, files, chunk);
        prop_assert_eq!(&analysis.activity, &expected.activity);
        prop_assert_eq!(&policy_of(&analysis), expected_policy);
    }
}
