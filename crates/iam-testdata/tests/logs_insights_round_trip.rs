//! The Logs Insights query's round trip: the project's generated logs, aggregated the way the
//! query (`iamwb query --engine logs-insights`) aggregates them in CloudWatch Logs Insights, saved
//! in the three shapes users bring back (`aws logs get-query-results` JSON, the console's CSV and
//! JSON exports), read again, give each principal the same default policy as the raw records —
//! for everything the query carries. What it cannot carry is named here and in docs/formats.md
//! (`NOT_CARRIED`): the calls whose resources only request members outside the query's list name,
//! and request details that change the action (an S3 `versionId`, upload headers, tags).
//!
//! The emulator follows the query text: `filter` on the principal, `coalesce(…, "-")` for the
//! optional fields, `stats count(*), min(@timestamp), max(@timestamp) by …` with `@timestamp`
//! the event's time, as CloudTrail delivers to CloudWatch Logs.

use iam_engine::query::{build_query, QueryEngine, QuerySpec, LOGS_INSIGHTS_COLUMNS};
use iam_engine::synth::{synthesise, SynthOptions};
use iam_engine::timestamp::Timestamp;
use iam_engine::{Analysis, Catalog, Ingest, IngestOptions};
use iam_testdata::workload::{workload, WorkloadOptions};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// Principals of the generated workload whose raw-record policy the query's result cannot
/// reproduce, and why (none today); the limits themselves are `what_the_query_cannot_carry`.
const NOT_CARRIED: &[(&str, &str)] = &[];

fn read(name: &str, bytes: &[u8]) -> Analysis {
    let mut ingest = Ingest::new(IngestOptions::default());
    ingest.read_bytes(name, bytes);
    ingest.finish()
}

/// A field of a record by a Logs Insights path (`resources.0.ARN`), as text.
fn field(record: &Value, path: &str) -> Option<String> {
    let mut value = record;
    for part in path.split('.') {
        value = match part.parse::<usize>() {
            Ok(index) => value.get(index)?,
            Err(_) => value.get(part)?,
        };
    }
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        _ => None,
    }
}

/// The query's result over these records for one principal: rows of (column, value).
fn emulate(records: &[&Value], principal: &str, is_role: bool) -> Vec<Vec<(String, String)>> {
    let mut groups: BTreeMap<Vec<String>, (u64, i64, i64)> = BTreeMap::new();
    for record in records {
        let filter_field = if is_role { "userIdentity.sessionContext.sessionIssuer.arn" } else { "userIdentity.arn" };
        if field(record, filter_field).as_deref() != Some(principal) {
            continue;
        }
        let time = field(record, "eventTime").and_then(|text| Timestamp::parse(&text)).expect("generated records have a time").0;
        let or_dash = |path: &str| field(record, path).unwrap_or_else(|| "-".to_owned());
        let key: Vec<String> = LOGS_INSIGHTS_COLUMNS
            .iter()
            .filter(|column| !matches!(**column, "calls" | "first_seen" | "last_seen"))
            .map(|column| match *column {
                "principal_arn" => {
                    field(record, "userIdentity.sessionContext.sessionIssuer.arn").or_else(|| field(record, "userIdentity.arn")).unwrap_or_default()
                }
                "resource_arn" => or_dash("resources.0.ARN"),
                "resource_arn_2" => or_dash("resources.1.ARN"),
                "error_code" => or_dash("errorCode"),
                "event_source" => or_dash("eventSource"),
                "event_name" => or_dash("eventName"),
                "region" => or_dash("awsRegion"),
                other => match other.strip_prefix("rp_") {
                    Some(member) => or_dash(&format!("requestParameters.{member}")),
                    None => or_dash(other),
                },
            })
            .collect();
        let entry = groups.entry(key).or_insert((0, i64::MAX, i64::MIN));
        entry.0 += 1;
        entry.1 = entry.1.min(time);
        entry.2 = entry.2.max(time);
    }
    let insights_time = |seconds: i64| {
        let text = Timestamp(seconds).to_rfc3339();
        format!("{} {}.000", &text[..10], &text[11..19])
    };
    groups
        .into_iter()
        .map(|(key, (calls, first, last))| {
            let mut row: Vec<(String, String)> = LOGS_INSIGHTS_COLUMNS.iter().zip(key).map(|(column, value)| ((*column).to_owned(), value)).collect();
            row.push(("calls".to_owned(), calls.to_string()));
            row.push(("first_seen".to_owned(), insights_time(first)));
            row.push(("last_seen".to_owned(), insights_time(last)));
            row
        })
        .collect()
}

fn get_query_results(rows: &[Vec<(String, String)>]) -> Vec<u8> {
    let results: Vec<Value> = rows
        .iter()
        .map(|row| {
            let mut cells: Vec<Value> = row.iter().map(|(field, value)| json!({"field": field, "value": value})).collect();
            cells.push(json!({"field": "@ptr", "value": "CmAKJwojMTExMTIyMjIzMzMzOmF3cy1jbG91ZHRyYWlsLWxvZ3MQABI1GhgCBmg"}));
            Value::Array(cells)
        })
        .collect();
    let output = json!({"queryLanguage": "CWLI", "results": results, "statistics": {"recordsMatched": 1.0, "recordsScanned": 2.0, "bytesScanned": 3.0}, "status": "Complete"});
    serde_json::to_vec_pretty(&output).unwrap()
}

fn console_csv(rows: &[Vec<(String, String)>]) -> Vec<u8> {
    let quote = |text: &str| format!("\"{}\"", text.replace('"', "\"\""));
    let mut csv = LOGS_INSIGHTS_COLUMNS.iter().map(|column| quote(column)).collect::<Vec<_>>().join(",") + "\n";
    for row in rows {
        csv += &(row.iter().map(|(_, value)| quote(value)).collect::<Vec<_>>().join(",") + "\n");
    }
    csv.into_bytes()
}

fn console_json(rows: &[Vec<(String, String)>]) -> Vec<u8> {
    let objects: Vec<Value> = rows.iter().map(|row| Value::Object(row.iter().map(|(field, value)| (field.clone(), json!(value))).collect())).collect();
    serde_json::to_vec(&objects).unwrap()
}

fn policy_of(analysis: &Analysis, arn: &str) -> Option<String> {
    let principal = analysis.activity.principal(arn)?;
    Some(synthesise(principal, Catalog::embedded(), &SynthOptions::default()).policy.to_canonical_json())
}

#[test]
fn the_query_result_gives_the_same_default_policies_as_the_records() {
    let generated = workload(WorkloadOptions::default());
    let raw = read("workload.json", &generated.to_json());
    let records: Vec<&Value> = generated.events.iter().map(|event| &event.record).collect();
    let mut compared = 0;
    for principal in &raw.activity.principals {
        let is_role = principal.arn.contains(":role/");
        // The query the builder writes for this principal is the one emulated.
        let spec = QuerySpec {
            principal_arn: principal.arn.clone(),
            since: Timestamp(0),
            until: Timestamp(4_102_444_800),
            engine: QueryEngine::LogsInsights,
            table: None,
        };
        let query = build_query(&spec).expect("a query");
        let field = if is_role { "userIdentity.sessionContext.sessionIssuer.arn" } else { "userIdentity.arn" };
        assert!(query.contains(&format!("filter {field} = \"{}\"", principal.arn)), "{query}");
        let rows = emulate(&records, &principal.arn, is_role);
        assert!(!rows.is_empty(), "{}", principal.arn);
        let expected = policy_of(&raw, &principal.arn).expect("the raw policy");
        for (name, bytes) in
            [("results.json", get_query_results(&rows)), ("logs-insights.csv", console_csv(&rows)), ("logs-insights.json", console_json(&rows))]
        {
            let analysis = read(name, &bytes);
            let file = &analysis.files[0];
            assert!(file.problems.is_empty(), "{name} of {}: {:?}", principal.arn, file.problems);
            assert_eq!(file.events, principal.n_events, "{name} of {}: every call counted", principal.arn);
            let got = policy_of(&analysis, &principal.arn).expect("the same principal");
            match NOT_CARRIED.iter().find(|(arn, _)| *arn == principal.arn) {
                Some((_, why)) => assert_ne!(got, expected, "{}: listed as not carried ({why}) but carried: remove it from NOT_CARRIED", principal.arn),
                None => assert_eq!(got, expected, "{name} of {}", principal.arn),
            }
        }
        compared += 1;
    }
    assert!(compared >= 5, "{compared}");
}

/// What the query cannot carry, each named, as docs/formats.md lists it: request members outside
/// its list or not scalar (EC2's `instancesSet`), resources beyond the second, and the request
/// details that change the action (an S3 `versionId`, request tags).
#[test]
fn what_the_query_cannot_carry() {
    let role = "arn:aws:iam::111122223333:role/ops";
    let identity = json!({"type": "AssumedRole", "arn": "arn:aws:sts::111122223333:assumed-role/ops/s", "accountId": "111122223333",
        "sessionContext": {"sessionIssuer": {"type": "Role", "arn": role, "accountId": "111122223333"}}});
    let record = |id: &str, source: &str, name: &str, request: Value, resources: Value| {
        json!({"eventVersion": "1.11", "userIdentity": identity, "eventTime": "2026-03-02T10:00:00Z", "eventSource": source, "eventName": name,
            "awsRegion": "eu-west-1", "eventID": id, "eventType": "AwsApiCall", "recipientAccountId": "111122223333",
            "requestParameters": request, "resources": resources})
    };
    let cases: [(&str, Value, &str); 4] = [
        (
            "a list member (EC2 instance IDs)",
            record("c-1", "ec2.amazonaws.com", "StopInstances", json!({"instancesSet": {"items": [{"instanceId": "i-0a1b2c3d4e5f60718"}]}}), Value::Null),
            "ec2:StopInstances arn:aws:ec2:eu-west-1:111122223333:instance/i-0a1b2c3d4e5f60718",
        ),
        (
            "a third resource",
            record(
                "c-2",
                "kms.amazonaws.com",
                "ReEncrypt",
                json!({"sourceKeyId": "k1", "destinationKeyId": "k2"}),
                json!([
                {"ARN": "arn:aws:kms:eu-west-1:111122223333:key/k0"}, {"ARN": "arn:aws:kms:eu-west-1:111122223333:key/k9"}, {"ARN": "arn:aws:kms:eu-west-1:111122223333:key/k2"}]),
            ),
            "kms:ReEncryptTo arn:aws:kms:eu-west-1:111122223333:key/k2",
        ),
        (
            "an S3 versionId",
            record("c-3", "s3.amazonaws.com", "GetObject", json!({"bucketName": "b", "key": "k", "versionId": "v1"}), Value::Null),
            "s3:GetObjectVersion arn:aws:s3:::b/k",
        ),
        (
            "request tags",
            record("c-4", "sqs.amazonaws.com", "CreateQueue", json!({"queueName": "q", "tags": {"team": "a"}}), Value::Null),
            "sqs:TagQueue arn:aws:sqs:eu-west-1:111122223333:q",
        ),
    ];
    let calls = |analysis: &Analysis| -> Vec<String> {
        analysis.activity.principal(role).map_or_else(Vec::new, |principal| {
            principal.calls.iter().map(|call| format!("{} {}", call.action, call.resource.as_deref().unwrap_or("*"))).collect()
        })
    };
    for (what, record, lost) in cases {
        let raw = read("raw.json", &serde_json::to_vec(&json!({"Records": [record.clone()]})).unwrap());
        assert!(calls(&raw).iter().any(|call| call == lost), "{what}: the records show {lost}: {:?}", calls(&raw));
        let rows = emulate(&[&record], role, true);
        let carried = read("results.json", &get_query_results(&rows));
        assert!(!calls(&carried).iter().any(|call| call == lost), "{what}: carried after all: {:?}", calls(&carried));
        assert_eq!(carried.activity.n_events, 1, "{what}: the call itself is counted");
    }
}
