//! Our mapping against AWS's own operation-to-action map (the Service Reference's
//! `AuthorizedActions`), when the reference file is present (`../shared/reference/mappings/` next
//! to the repository; `AWS_OPERATION_MAP` names another path). Not in the repository, so on a
//! machine without it the check says so and passes. A measurement for issue 4/8: it prints the
//! figures (`scripts/check-mapping`, or `cargo test -p iam-engine --test aws_operation_map --
//! --nocapture`) and asserts only what already holds: no granted action outside the catalog.
//!
//! **Agreement** for an operation: the actions the workbench maps a CloudTrail event of it to
//! (with no request parameters) equal AWS's list minus the extras AWS does not mark as
//! conditional: tagging actions (needed only when the request carries tags) and `iam:PassRole`
//! (suggested, as the mapping flags it). Counted over the operations whose list is not simply
//! the operation's own name.

use iam_engine::{Catalog, Ingest, IngestOptions};
use std::collections::{BTreeMap, BTreeSet};

fn reference() -> Option<String> {
    let path = std::env::var("AWS_OPERATION_MAP").unwrap_or_else(|_| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/reference/mappings/aws-service-reference-operations-2026-07-25.tsv").to_owned()
    });
    std::fs::read_to_string(path).ok()
}

/// A tagging extra: the operation may tag what it creates, if the request carries tags.
fn is_conditional_extra(operation: &str, action: &str) -> bool {
    let name = action.split(':').nth(1).unwrap_or(action);
    let own = operation.split(':').nth(1).unwrap_or(operation);
    if action.eq_ignore_ascii_case("iam:PassRole") {
        return true;
    }
    let tagging = name.starts_with("Tag") || name.starts_with("AddTags") || name == "CreateTags";
    tagging && !own.starts_with("Tag") && !own.starts_with("AddTags") && own != "CreateTags"
}

#[test]
fn agreement_with_aws_operation_map() {
    let Some(text) = reference() else {
        println!("aws_operation_map: the reference file is not here; nothing measured");
        return;
    };
    let catalog = Catalog::embedded();
    // Operation → AWS's actions, for keys whose service part is an IAM prefix the catalog knows.
    let mut operations: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in text.lines().filter(|line| !line.starts_with('#') && !line.trim().is_empty()) {
        let Some((operation, actions)) = line.split_once('\t') else { continue };
        let Some((service, _)) = operation.split_once(':') else { continue };
        if catalog.service(service).is_none() {
            continue;
        }
        operations.insert(operation.to_owned(), actions.split(',').map(str::trim).filter(|action| !action.is_empty()).map(str::to_owned).collect());
    }
    // One principal per operation, so each event's actions can be read back.
    let mut records = Vec::with_capacity(operations.len());
    for (index, operation) in operations.keys().enumerate() {
        let (service, name) = operation.split_once(':').expect("checked");
        records.push(serde_json::json!({
            "eventVersion": "1.08",
            "userIdentity": {"type": "AssumedRole", "arn": format!("arn:aws:sts::111122223333:assumed-role/op-{index}/s"), "accountId": "111122223333",
                "sessionContext": {"sessionIssuer": {"type": "Role", "arn": format!("arn:aws:iam::111122223333:role/op-{index}"), "accountId": "111122223333"}}},
            "eventTime": "2026-01-01T00:00:00Z",
            "eventSource": format!("{service}.amazonaws.com"),
            "eventName": name,
            "awsRegion": "us-east-1",
            "sourceIPAddress": "203.0.113.1",
            "eventID": format!("00000000-0000-4000-8000-{index:012}"),
            "eventType": "AwsApiCall",
            "recipientAccountId": "111122223333"
        }));
    }
    let mut ingest = Ingest::new(IngestOptions::default());
    ingest.read_bytes("operations.json", &serde_json::to_vec(&serde_json::json!({ "Records": records })).expect("serialises"));
    let analysis = ingest.finish();
    let unmapped: BTreeSet<(String, String)> = analysis.activity.unmapped.iter().map(|event| (event.event_source.clone(), event.event_name.clone())).collect();
    let mut ours: BTreeMap<usize, BTreeSet<String>> = BTreeMap::new();
    for principal in &analysis.activity.principals {
        let Some(index) = principal.arn.rsplit("role/op-").next().and_then(|index| index.parse::<usize>().ok()) else { continue };
        ours.entry(index).or_default().extend(principal.calls.iter().map(|call| call.action.clone()));
    }
    let (mut compared, mut agree, mut reported_unmapped, mut outside_catalog) = (0, 0, 0, 0);
    let mut disagreements = Vec::new();
    let mut unmapped_list = Vec::new();
    for (index, (operation, actions)) in operations.iter().enumerate() {
        let (service, name) = operation.split_once(':').expect("checked");
        let own_name_only = actions.len() == 1 && actions[0].eq_ignore_ascii_case(operation);
        if own_name_only {
            continue;
        }
        compared += 1;
        let expected: BTreeSet<String> =
            actions.iter().filter(|action| !is_conditional_extra(operation, action)).map(|action| action.to_ascii_lowercase()).collect();
        let got: BTreeSet<String> = ours.get(&index).map(|set| set.iter().map(|action| action.to_ascii_lowercase()).collect()).unwrap_or_default();
        outside_catalog += got.iter().filter(|action| catalog.action(action).is_none()).count();
        if got.is_empty() && unmapped.contains(&(format!("{service}.amazonaws.com"), name.to_owned())) {
            reported_unmapped += 1;
            unmapped_list.push(operation.clone());
        } else if got == expected {
            agree += 1;
        } else {
            disagreements.push(format!("{operation}: ours {got:?}, AWS {expected:?}"));
        }
    }
    println!(
        "aws_operation_map: {} operations of catalog services, {compared} whose actions are not simply the operation's name; agreement {agree} ({:.1} %), reported unmapped {reported_unmapped}, other disagreements {}, granted actions outside the catalog {outside_catalog}",
        operations.len(),
        agree as f64 * 100.0 / compared.max(1) as f64,
        disagreements.len()
    );
    for line in unmapped_list.iter().take(30) {
        println!("  unmapped: {line}");
    }
    for line in disagreements.iter().take(60) {
        println!("  differs: {line}");
    }
    assert_eq!(outside_catalog, 0, "an action the catalog does not know is never emitted");
}
