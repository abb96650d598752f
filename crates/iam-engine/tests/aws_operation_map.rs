//! Our mapping against AWS's own operation-to-action map (the Service Reference's
//! `AuthorizedActions`), read from the raw reference file when it is present
//! (`../shared/reference/mappings/` next to the repository; `AWS_OPERATION_MAP` names another path).
//! The file is not in the repository, so on a machine without it the check says so and passes.
//! `scripts/check-mapping` prints the figures; docs/mapping.md §"AWS's operation map" has them.
//!
//! **Agreement** for an operation (counted over the operations whose list is not simply the
//! operation's own name): the actions the workbench maps a CloudTrail event of it to, with no
//! request parameters, equal AWS's list minus the conditional extras: tagging actions (needed only
//! when the request carries tags), `iam:PassRole` (flagged, never granted), and the extras whose
//! condition the record shows, listed in `is_conditional_extra` below with their evidence in
//! docs/mapping.md. An extra of AWS's list granted on the resources an event shows (and suggested
//! when it shows none) counts as granted. And every listed action is reachable: the event without conditions or with a
//! request showing every condition maps to AWS's whole list, minus `iam:PassRole`, the actions of
//! another event source, and what S3 returns only when also allowed (`is_never_granted`). The strict figure (only
//! tagging and `iam:PassRole` conditional, the first definition) is printed too.

use iam_engine::mapping::{Granted, Mapper};
use iam_engine::{Catalog, Ingest, IngestOptions};
use std::collections::{BTreeMap, BTreeSet};

fn reference() -> Option<String> {
    let path = std::env::var("AWS_OPERATION_MAP").unwrap_or_else(|_| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/reference/mappings/aws-service-reference-operations-2026-07-25.tsv").to_owned()
    });
    std::fs::read_to_string(path).ok()
}

/// The conditional extras: tagging actions beside a call that is not itself tagging, and
/// `iam:PassRole`.
fn is_tagging_or_pass_role(operation: &str, action: &str) -> bool {
    let name = action.split(':').nth(1).unwrap_or(action);
    let own = operation.split(':').nth(1).unwrap_or(operation);
    if action.eq_ignore_ascii_case("iam:PassRole") {
        return true;
    }
    let tagging = |name: &str| name.starts_with("Tag") || name.starts_with("AddTags") || name == "CreateTags";
    tagging(name) && !tagging(own)
}

/// An extra needed only when the record shows it, beyond tagging and `iam:PassRole`: a bearer
/// token (`additionalEventData.callWithBearerToken`), `unmask`, a guardrail, tools, or another event
/// source (S3 Object Lambda). Written here from the docs, independently of the engine's list.
fn is_conditional_extra(operation: &str, action: &str) -> bool {
    let own = operation.split(':').nth(1).unwrap_or(operation);
    let lower = action.to_ascii_lowercase();
    let s3_object_extra = operation.starts_with("s3:")
        && !lower.eq_ignore_ascii_case(operation)
        && (
            // `versionId` asks for the `*Version*` action.
            (lower.starts_with("s3:") && lower.contains("objectversion") && !own.contains("Version"))
            // Headers of uploads and copies: ACL, tags, Object Lock; the governance bypass.
            || ["s3:putobjectacl", "s3:putobjecttagging", "s3:putobjectlegalhold", "s3:putobjectretention", "s3:bypassgovernanceretention"].contains(&lower.as_str())
        );
    is_tagging_or_pass_role(operation, action)
        || (lower.ends_with(":callwithbearertoken") && own != "CallWithBearerToken")
        || lower == "logs:unmask"
        || lower == "bedrock:applyguardrail"
        || lower == "bedrock:invoketool"
        || s3_object_extra
        || is_never_granted(operation, action)
}

/// Actions AWS lists that even a request showing every condition does not need from this event:
/// `iam:PassRole` (flagged), another event source's actions (S3 Object Lambda, S3 Express), and
/// what S3 returns only when it is also allowed (Object Lock status and tag count on reads, owners
/// in listings): the call succeeds without them.
fn is_never_granted(operation: &str, action: &str) -> bool {
    let lower = action.to_ascii_lowercase();
    let s3_optional = match operation {
        "s3:GetObject" | "s3:HeadObject" => ["s3:getobjectlegalhold", "s3:getobjectretention", "s3:getobjecttagging"].contains(&lower.as_str()),
        "s3:ListObjects" | "s3:ListObjectsV2" => lower == "s3:getobjectacl",
        _ => false,
    };
    lower == "iam:passrole" || (operation.starts_with("s3:") && (lower.starts_with("s3-object-lambda:") || lower.starts_with("s3express:"))) || s3_optional
}

/// A request that shows every condition of `is_conditional_extra`.
fn every_condition() -> serde_json::Value {
    serde_json::json!({
        "tags": {"team": "a"}, "unmask": true, "guardrailConfig": {"guardrailIdentifier": "g", "guardrailVersion": "1"}, "toolConfig": {"tools": []},
        "bucketName": "b", "key": "k", "versionId": "v1", "x-amz-acl": "private", "x-amz-tagging": "a=b",
        "x-amz-object-lock-legal-hold": "ON", "x-amz-object-lock-mode": "GOVERNANCE", "x-amz-bypass-governance-retention": "true",
        "x-amz-copy-source": "src/k?versionId=v1"
    })
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
    // One principal per operation and evaluation (bare, then every condition shown), so each
    // event's actions can be read back.
    let mut records = Vec::with_capacity(operations.len() * 2);
    for (index, operation) in operations.keys().enumerate().flat_map(|(index, operation)| [(index * 2, operation), (index * 2 + 1, operation)]) {
        let (service, name) = operation.split_once(':').expect("checked");
        let full = index % 2 == 1;
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
            "recipientAccountId": "111122223333",
            "requestParameters": if full { every_condition() } else { serde_json::Value::Null },
            "additionalEventData": if full { serde_json::json!({"callWithBearerToken": true}) } else { serde_json::Value::Null }
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
    let (mut compared, mut agree, mut strict_agree, mut reported_unmapped, mut outside_catalog) = (0, 0, 0, 0, 0);
    let mut disagreements = Vec::new();
    let mut unmapped_list = Vec::new();
    let mut mapper = Mapper::new(catalog);
    let lower = |set: &BTreeSet<String>| set.iter().map(|action| action.to_ascii_lowercase()).collect::<BTreeSet<String>>();
    for (index, (operation, actions)) in operations.iter().enumerate() {
        let (service, name) = operation.split_once(':').expect("checked");
        let own_name_only = actions.len() == 1 && actions[0].eq_ignore_ascii_case(operation);
        if own_name_only {
            continue;
        }
        compared += 1;
        let expected = |keep: &dyn Fn(&str) -> bool| -> BTreeSet<String> {
            actions.iter().filter(|action| keep(action)).map(|action| action.to_ascii_lowercase()).collect()
        };
        let bare_expected = expected(&|action| !is_conditional_extra(operation, action));
        let strict_expected = expected(&|action| !is_tagging_or_pass_role(operation, action));
        let full_expected = expected(&|action| !is_never_granted(operation, action));
        // Extras granted on the resources an event shows count as granted: these records name none.
        let shown: BTreeSet<String> = mapper
            .plan_of(&format!("{service}.amazonaws.com"), name)
            .unwrap_or_default()
            .into_iter()
            .filter(|(_, granted)| *granted == Granted::WhenResourceShown)
            .map(|(action, _)| action)
            .collect();
        let with_shown = |set: Option<&BTreeSet<String>>| lower(&set.cloned().unwrap_or_default().union(&shown).cloned().collect());
        let bare = with_shown(ours.get(&(index * 2)));
        let full = with_shown(ours.get(&(index * 2 + 1)));
        // Every action the call can need: without the conditions or with them all.
        let reachable: BTreeSet<String> = bare.union(&full).cloned().collect();
        outside_catalog += bare.union(&full).filter(|action| catalog.action(action).is_none()).count();
        if bare == strict_expected {
            strict_agree += 1;
        }
        if bare.is_empty() && unmapped.contains(&(format!("{service}.amazonaws.com"), name.to_owned())) {
            reported_unmapped += 1;
            unmapped_list.push(operation.clone());
        } else if bare == bare_expected && reachable == full_expected {
            agree += 1;
        } else if bare != bare_expected {
            disagreements.push(format!("{operation}: ours {bare:?}, AWS {bare_expected:?}"));
        } else {
            disagreements.push(format!("{operation} (with or without every condition): ours {reachable:?}, AWS {full_expected:?}"));
        }
    }
    let percent = |count: usize| count as f64 * 100.0 / compared.max(1) as f64;
    println!(
        "aws_operation_map: {} operations of catalog services, {compared} whose actions are not simply the operation's name; agreement {agree} ({:.2} %), reported unmapped {reported_unmapped}, other disagreements {}, granted actions outside the catalog {outside_catalog}; strict agreement (only tagging and iam:PassRole conditional) {strict_agree} ({:.2} %)",
        operations.len(),
        percent(agree),
        disagreements.len(),
        percent(strict_agree),
    );
    let limit: usize = std::env::var("AWS_OPERATION_MAP_SHOW").ok().and_then(|text| text.parse().ok()).unwrap_or(60);
    for line in unmapped_list.iter().take(limit) {
        println!("  unmapped: {line}");
    }
    for line in disagreements.iter().take(limit) {
        println!("  differs: {line}");
    }
    assert_eq!(outside_catalog, 0, "an action the catalog does not know is never emitted");
    // Issue 4/8's targets, which hold: every remaining difference is in docs/mapping.md §8b.
    assert_eq!(reported_unmapped, 0, "an operation of AWS's map reported unmapped");
    assert!(agree * 1000 >= compared * 995, "agreement {agree} of {compared} is under 99.5 %");
}
