use super::*;
use crate::activity::{MfaCounts, Outcome, SourceIpCount};
use crate::principal::{PrincipalFlags, PrincipalKind};
use crate::simulate::{simulate, SimulationOptions};
use crate::timestamp::Day;

pub(crate) fn call(action: &str, resource: Option<&str>, region: &str, day: i32, count: u64) -> ObservedCall {
    ObservedCall {
        action: action.to_owned(),
        resource: resource.map(str::to_owned),
        day: Day(day),
        region: region.to_owned(),
        outcome: Outcome::Success,
        via_service: None,
        passes_role: None,
        count,
        first_seen: Day(day).first_second(),
        last_seen: Day(day).last_second(),
    }
}

pub(crate) fn principal(calls: Vec<ObservedCall>) -> PrincipalActivity {
    let mut calls = calls;
    calls.sort();
    PrincipalActivity {
        arn: "arn:aws:iam::111122223333:role/team/app".to_owned(),
        kind: PrincipalKind::Role,
        flags: PrincipalFlags::default(),
        n_events: calls.iter().map(|call| call.count).sum(),
        n_failed: 0,
        first_seen: calls.iter().map(|call| call.first_seen).min().unwrap_or_default(),
        last_seen: calls.iter().map(|call| call.last_seen).max().unwrap_or_default(),
        calls,
        source_ips: vec![SourceIpCount { address: "203.0.113.7".to_owned(), count: 3 }],
        mfa: MfaCounts { with_mfa: 3, without_mfa: 0, key_absent: 0 },
    }
}

fn sample() -> PrincipalActivity {
    principal(vec![
        call("s3:GetObject", Some("arn:aws:s3:::logs/app/2026/01/01/a.gz"), "eu-west-1", 20_454, 4),
        call("s3:GetObject", Some("arn:aws:s3:::logs/app/2026/01/02/b.gz"), "eu-west-1", 20_455, 2),
        call("s3:PutObject", Some("arn:aws:s3:::logs/app/2026/01/02/c.gz"), "eu-west-1", 20_455, 1),
        call("s3:ListBucket", Some("arn:aws:s3:::logs"), "eu-west-1", 20_455, 5),
        call("s3:ListAllMyBuckets", None, "us-east-1", 20_455, 1),
        call("dynamodb:GetItem", Some("arn:aws:dynamodb:eu-west-1:111122223333:table/orders"), "eu-west-1", 20_455, 9),
        call("dynamodb:PutItem", Some("arn:aws:dynamodb:eu-west-1:111122223333:table/orders"), "eu-west-1", 20_456, 3),
        call("ec2:DescribeInstances", None, "eu-west-1", 20_456, 2),
        call("sqs:SendMessage", None, "eu-west-1", 20_456, 2),
    ])
}

fn options(resources: ResourceChoice) -> SynthOptions {
    SynthOptions { resources, ..SynthOptions::default() }
}

fn sids(policy: &Policy) -> Vec<&str> {
    policy.statements.iter().map(|statement| statement.sid.as_deref().unwrap_or("")).collect()
}

#[test]
fn exact_level_groups_per_resource_and_access_class() {
    let synthesis = synthesise(&sample(), Catalog::embedded(), &options(ResourceChoice::Exact));
    assert_eq!(synthesis.level_used, Level::Exact);
    assert_eq!(
        sids(&synthesis.policy),
        [
            "DynamodbReadTableOrders",
            "DynamodbWriteTableOrders",
            "Ec2ReadNoResourceLevelSupport",
            "S3ReadBucketLogs",
            "S3ReadObjectsInBucketLogs",
            "S3WriteObjectInBucketLogs",
            "S3ReadNoResourceLevelSupport",
            "SqsWriteResourceNotLogged",
        ]
    );
    let objects = &synthesis.policy.statements[4];
    assert_eq!(objects.action, Some(StringList(vec!["s3:GetObject".into()])));
    assert_eq!(objects.resource.as_ref().unwrap().len(), 2);
    assert!(synthesis.coverage.is_complete(), "{:?}", synthesis.coverage);
    assert!(synthesis.warnings.iter().any(|warning| warning.kind == WarningKind::ResourceNotLogged));
    assert_eq!(synthesis.documents, vec![synthesis.policy.clone()]);
}

#[test]
fn levels_widen_and_auto_picks_the_narrowest_that_fits() {
    let activity = sample();
    let auto = synthesise(&activity, Catalog::embedded(), &SynthOptions::default());
    assert_eq!(auto.level_used, Level::Exact, "a small policy fits at the exact level");
    let prefix = synthesise(&activity, Catalog::embedded(), &options(ResourceChoice::Prefix));
    let objects = prefix.policy.statements.iter().find(|statement| statement.sid.as_deref() == Some("S3ReadObjectsInBucketLogs")).unwrap();
    assert_eq!(objects.resource, Some(StringList(vec!["arn:aws:s3:::logs/app/2026/01/01/*".into(), "arn:aws:s3:::logs/app/2026/01/02/*".into()])));
    let of_type = synthesise(&activity, Catalog::embedded(), &options(ResourceChoice::Type));
    let tables = of_type.policy.statements.iter().find(|statement| statement.sid.as_deref() == Some("DynamodbReadTablesInAccount")).unwrap();
    assert_eq!(tables.resource, Some(StringList(vec!["arn:aws:dynamodb:eu-west-1:111122223333:table/*".into()])));
    let service = synthesise(&activity, Catalog::embedded(), &options(ResourceChoice::Service));
    assert!(service.policy.statements.iter().any(|statement| statement.resource == Some(StringList(vec!["arn:aws:dynamodb:*:111122223333:*".into()]))));
    // Breadth grows with the level.
    let scores: Vec<f64> = auto.levels.iter().map(|summary| summary.breadth.score).collect();
    assert_eq!(scores[0], 1.0);
    assert!(scores.windows(2).all(|pair| pair[0] <= pair[1]), "{scores:?}");
    for synthesis in [&prefix, &of_type, &service] {
        assert!(synthesis.coverage.is_complete(), "{:?} {:?}", synthesis.level_used, synthesis.coverage);
    }
}

#[test]
fn auto_generalises_when_exact_does_not_fit() {
    let calls: Vec<ObservedCall> = (0..3_000)
        .map(|index| call("s3:GetObject", Some(&format!("arn:aws:s3:::big/data/{:02}/object-{index:05}.json", index % 40)), "eu-west-1", 20_455, 1))
        .collect();
    let synthesis = synthesise(&principal(calls), Catalog::embedded(), &SynthOptions::default());
    assert_eq!(synthesis.level_used, Level::Prefix);
    assert!(!synthesis.levels[0].fits);
    assert_eq!(synthesis.policy.statements[0].resource, Some(StringList(vec!["arn:aws:s3:::big/data/*".into()])));
    assert!(synthesis.coverage.is_complete());
}

#[test]
fn time_window_and_denied_calls() {
    let mut denied = call("iam:ListRoles", None, "us-east-1", 20_456, 1);
    denied.outcome = Outcome::Denied;
    let activity =
        principal(vec![call("s3:ListAllMyBuckets", None, "us-east-1", 20_400, 1), call("ec2:DescribeInstances", None, "eu-west-1", 20_456, 1), denied]);
    let recent = SynthOptions { window: DayWindow { since: Some(Day(20_450)), until: None }, ..SynthOptions::default() };
    let synthesis = synthesise(&activity, Catalog::embedded(), &recent);
    assert_eq!(sids(&synthesis.policy), ["Ec2ReadNoResourceLevelSupport"]);
    let with_denied = SynthOptions { include_denied: true, ..recent };
    let synthesis = synthesise(&activity, Catalog::embedded(), &with_denied);
    assert_eq!(sids(&synthesis.policy), ["Ec2ReadNoResourceLevelSupport", "IamReadNoResourceLevelSupport"]);
    assert!(synthesis.warnings.iter().any(|warning| warning.kind == WarningKind::DeniedCallsIncluded));
    let empty = SynthOptions { window: DayWindow { since: Some(Day(30_000)), until: None }, ..SynthOptions::default() };
    let synthesis = synthesise(&activity, Catalog::embedded(), &empty);
    assert!(synthesis.policy.statements.is_empty());
    assert!(synthesis.warnings.iter().any(|warning| warning.kind == WarningKind::NoActivity));
}

#[test]
fn conditions_are_added_and_still_cover_the_calls() {
    let activity = sample();
    let conditions = ConditionOptions {
        requested_region: true,
        source_ip: true,
        mfa: true,
        current_time: Some(ValidityWindow { not_before: Timestamp::parse("2026-12-01").unwrap(), not_after: Timestamp::parse("2027-03-01").unwrap() }),
    };
    let synthesis = synthesise(&activity, Catalog::embedded(), &SynthOptions { conditions, ..options(ResourceChoice::Exact) });
    let table = &synthesis.policy.statements[0];
    let condition = table.condition.as_ref().unwrap();
    assert_eq!(condition["StringEquals"]["aws:RequestedRegion"], StringList(vec!["eu-west-1".into()]));
    assert_eq!(condition["Bool"]["aws:MultiFactorAuthPresent"], StringList(vec!["true".into()]));
    assert_eq!(condition["DateGreaterThan"]["aws:CurrentTime"], StringList(vec!["2026-12-01T00:00:00Z".into()]));
    assert_eq!(condition["DateLessThan"]["aws:CurrentTime"], StringList(vec!["2027-03-01T00:00:00Z".into()]));
    let deny = synthesis.policy.statements.last().unwrap();
    assert_eq!(deny.effect, Effect::Deny);
    assert_eq!(deny.condition.as_ref().unwrap()["NotIpAddress"]["aws:SourceIp"], StringList(vec!["203.0.113.7/32".into()]));
    assert!(synthesis.coverage.is_complete(), "{:?}", synthesis.coverage);
    // Outside the validity window, nothing is allowed.
    let late = SimulationOptions { at_time: Timestamp::parse("2027-06-01"), ..SimulationOptions::default() };
    assert_eq!(simulate(&synthesis.documents, &activity, &late).coverage.allowed_calls, 0);
}

#[test]
fn mfa_condition_warns_about_calls_without_mfa() {
    let mut activity = sample();
    activity.mfa = MfaCounts { with_mfa: 1, without_mfa: 2, key_absent: 0 };
    let synthesis = synthesise(
        &activity,
        Catalog::embedded(),
        &SynthOptions { conditions: ConditionOptions { mfa: true, ..Default::default() }, ..SynthOptions::default() },
    );
    assert!(synthesis.warnings.iter().any(|warning| warning.kind == WarningKind::CallsWithoutMfa));
    assert!(!synthesis.coverage.is_complete(), "calls without MFA are not provably allowed");
}

#[test]
fn suggestions_are_listed_not_added() {
    let activity = principal(vec![
        call("dynamodb:PutItem", Some("arn:aws:dynamodb:eu-west-1:111122223333:table/orders"), "eu-west-1", 20_455, 1),
        call("ec2:RunInstances", Some("arn:aws:ec2:eu-west-1:111122223333:instance/i-0123"), "eu-west-1", 20_455, 1),
    ]);
    let synthesis = synthesise(&activity, Catalog::embedded(), &SynthOptions::default());
    let companion = synthesis.suggestions.iter().find(|suggestion| suggestion.action == "dynamodb:GetItem").expect("GetItem suggested next to PutItem");
    assert_eq!(companion.kind, SuggestionKind::CompanionRead);
    assert_eq!(companion.resources, ["arn:aws:dynamodb:eu-west-1:111122223333:table/orders"]);
    assert!(synthesis
        .suggestions
        .iter()
        .any(|suggestion| suggestion.kind == SuggestionKind::OtherRequiredResourceTypes && suggestion.action == "ec2:RunInstances"));
    let granted: Vec<&str> = synthesis.policy.statements.iter().flat_map(|statement| statement.action.as_ref().unwrap().iter()).collect();
    assert!(!granted.contains(&"dynamodb:GetItem"));
}

#[test]
fn minimise_drops_covered_statements_and_patterns() {
    let policy: Policy = serde_json::from_str(
        r#"{"Version":"2012-10-17","Statement":[
        {"Sid":"A","Effect":"Allow","Action":["s3:GetObject","s3:getobject"],"Resource":["arn:aws:s3:::b/logs/*","arn:aws:s3:::b/*"]},
        {"Sid":"B","Effect":"Allow","Action":"s3:Get*","Resource":"arn:aws:s3:::b/*"},
        {"Sid":"C","Effect":"Allow","Action":"s3:Get*","Resource":"arn:aws:s3:::b/*"},
        {"Sid":"D","Effect":"Deny","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/secret"}]}"#,
    )
    .unwrap();
    let minimised = minimise(&policy);
    assert_eq!(sids(&minimised), ["B", "D"]);
    assert_eq!(minimise(&minimised), minimised);
}

#[test]
fn sids_are_alphanumeric_and_unique() {
    for level in [ResourceChoice::Exact, ResourceChoice::Prefix, ResourceChoice::Type, ResourceChoice::Service] {
        let synthesis = synthesise(&sample(), Catalog::embedded(), &options(level));
        let all = sids(&synthesis.policy);
        let unique: BTreeSet<&str> = all.iter().copied().collect();
        assert_eq!(unique.len(), all.len(), "{all:?}");
        assert!(all.iter().all(|sid| !sid.is_empty() && sid.chars().all(|c| c.is_ascii_alphanumeric())), "{all:?}");
    }
}

#[test]
fn pass_role_flags_become_suggestions() {
    let mut create = call("lambda:CreateFunction", Some("arn:aws:lambda:eu-west-1:111122223333:function:f"), "eu-west-1", 20_455, 1);
    create.passes_role = Some(PassRole::Role("arn:aws:iam::111122223333:role/service/f-exec".to_owned()));
    let activity = principal(vec![create]);
    let synthesis = synthesise(&activity, Catalog::embedded(), &SynthOptions::default());
    let pass = synthesis.suggestions.iter().find(|suggestion| suggestion.kind == SuggestionKind::PassRole).expect("a PassRole suggestion");
    assert_eq!(pass.resources, ["arn:aws:iam::111122223333:role/service/f-exec"]);
    assert_eq!(pass.because_of, ["lambda:CreateFunction"]);
    assert!(!serde_json::to_string(&synthesis.policy).unwrap().contains("PassRole"), "never added silently");
    // Aggregated inputs: no request seen, so the catalog's dependent action is suggested.
    let mut plain = call("ec2:AssociateIamInstanceProfile", Some("arn:aws:ec2:eu-west-1:111122223333:instance/i-1"), "eu-west-1", 20_455, 1);
    plain.passes_role = None;
    let aggregated = SynthOptions { requests_seen: false, ..SynthOptions::default() };
    let synthesis = synthesise(&principal(vec![plain]), Catalog::embedded(), &aggregated);
    assert!(
        synthesis
            .suggestions
            .iter()
            .any(|suggestion| suggestion.kind == SuggestionKind::PassRole && suggestion.resources == ["arn:aws:iam::111122223333:role/*"]),
        "{:?}",
        synthesis.suggestions
    );
}
