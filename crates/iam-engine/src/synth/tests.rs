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
fn levels_widen_and_auto_picks_the_durable_level() {
    let activity = sample();
    let auto = synthesise(&activity, Catalog::embedded(), &SynthOptions::default());
    assert_eq!(auto.level_used, Level::Durable, "the durable level fits");
    let prefix = synthesise(&activity, Catalog::embedded(), &options(ResourceChoice::Prefix));
    let objects = prefix.policy.statements.iter().find(|statement| statement.sid.as_deref() == Some("S3ReadObjectsInBucketLogs")).unwrap();
    // The dates in the keys churn: one prefix before them, which tomorrow's keys fall under too.
    assert_eq!(objects.resource, Some(StringList(vec!["arn:aws:s3:::logs/app/*".into()])));
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
fn auto_generalises_churn_when_exact_does_not_fit() {
    let calls: Vec<ObservedCall> = (0..3_000)
        .map(|index| call("s3:GetObject", Some(&format!("arn:aws:s3:::big/data/{:02}/object-{index:05}.json", index % 40)), "eu-west-1", 20_455, 1))
        .collect();
    let synthesis = synthesise(&principal(calls), Catalog::embedded(), &SynthOptions::default());
    assert_eq!(synthesis.level_used, Level::Durable);
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

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn segment() -> impl Strategy<Value = String> {
        prop::sample::select(vec!["logs", "app", "2026", "01", "02", "data", "tmp", "a.json", "b.gz", "c"]).prop_map(str::to_owned)
    }

    fn path() -> impl Strategy<Value = String> {
        prop::collection::vec(segment(), 1..5).prop_map(|parts| parts.join("/"))
    }

    fn observed_call() -> impl Strategy<Value = ObservedCall> {
        let bucket = prop::sample::select(vec!["logs", "assets", "backup"]);
        let account = prop::sample::select(vec!["111122223333", "444455556666"]);
        let region = prop::sample::select(vec!["eu-west-1", "us-east-1", "ap-south-1"]);
        let name = prop::sample::select(vec!["orders", "users", "events"]);
        let resource_call = (0..10usize, bucket, account, region, name, path())
            .prop_map(|(kind, bucket, account, region, name, path)| match kind {
                0 => ("s3:GetObject".to_owned(), Some(format!("arn:aws:s3:::{bucket}/{path}")), region),
                1 => ("s3:PutObject".to_owned(), Some(format!("arn:aws:s3:::{bucket}/{path}")), region),
                2 => ("s3:ListBucket".to_owned(), Some(format!("arn:aws:s3:::{bucket}")), region),
                3 => ("dynamodb:GetItem".to_owned(), Some(format!("arn:aws:dynamodb:{region}:{account}:table/{name}")), region),
                4 => ("dynamodb:Query".to_owned(), Some(format!("arn:aws:dynamodb:{region}:{account}:table/{name}/index/by-{name}")), region),
                5 => ("lambda:InvokeFunction".to_owned(), Some(format!("arn:aws:lambda:{region}:{account}:function:{name}")), region),
                6 => ("iam:GetRole".to_owned(), Some(format!("arn:aws:iam::{account}:role/{path}")), "us-east-1"),
                7 => ("logs:PutLogEvents".to_owned(), Some(format!("arn:aws:logs:{region}:{account}:log-group:/aws/lambda/{name}:log-stream:{path}")), region),
                8 => ("ec2:DescribeInstances".to_owned(), None, region),
                _ => ("sqs:SendMessage".to_owned(), None, region),
            })
            .prop_map(|(action, resource, region)| (action, resource, region.to_owned()));
        let odd = prop::sample::select(vec![("nosuch:DoThing", Some("arn:aws:nosuch:eu-west-1:111122223333:thing/x")), ("s3:GetObject", Some("not-an-arn"))])
            .prop_map(|(action, resource)| (action.to_owned(), resource.map(str::to_owned), "eu-west-1".to_owned()));
        let shape = prop_oneof![9 => resource_call, 1 => odd];
        let outcome = prop::sample::select(vec![Outcome::Success, Outcome::Success, Outcome::Success, Outcome::Denied, Outcome::Error]);
        (shape, 20_440..20_460i32, 1..20u64, outcome, any::<bool>()).prop_map(|((action, resource, region), day, count, outcome, via)| {
            let mut observed = call(&action, resource.as_deref(), &region, day, count);
            observed.outcome = outcome;
            observed.via_service = via.then(|| "cloudformation.amazonaws.com".to_owned());
            observed
        })
    }

    fn activity() -> impl Strategy<Value = PrincipalActivity> {
        prop::collection::vec(observed_call(), 1..40).prop_map(|calls| {
            let mut calls = calls;
            calls.sort();
            calls.dedup_by(|left, right| {
                (&left.action, &left.resource, left.day, &left.region, left.outcome, &left.via_service)
                    == (&right.action, &right.resource, right.day, &right.region, right.outcome, &right.via_service)
            });
            principal(calls)
        })
    }

    fn synth_options() -> impl Strategy<Value = SynthOptions> {
        (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()).prop_map(|(include_denied, cross, region, mfa, ip)| SynthOptions {
            include_denied,
            allow_cross_account: cross,
            conditions: ConditionOptions { requested_region: region, mfa, source_ip: ip, current_time: None },
            ..SynthOptions::default()
        })
    }

    /// Every (action, resource) pair `narrow` allows is allowed by a statement of `wide`.
    /// Conditions are left aside: a wider level unions the regions of the statements it merges,
    /// so its conditions admit at least as much (the simulation checks them).
    fn grants_no_less(wide: &Policy, narrow: &Policy) -> Result<(), String> {
        let strip = |policy: &Policy| Policy::new(policy.statements.iter().map(|statement| Statement { condition: None, ..statement.clone() }).collect());
        let (wide, narrow) = (strip(wide), strip(narrow));
        for statement in narrow.statements.iter().filter(|statement| statement.effect == Effect::Allow) {
            for action in statement.action.iter().flat_map(|list| list.iter()) {
                for resource in statement.resource.iter().flat_map(|list| list.iter()) {
                    let pair = Statement {
                        action: Some(StringList(vec![action.to_owned()])),
                        resource: Some(StringList(vec![resource.to_owned()])),
                        sid: None,
                        ..statement.clone()
                    };
                    if !wide.statements.iter().any(|candidate| statement_covers(candidate, &pair)) {
                        return Err(format!("{action} on {resource} is not granted"));
                    }
                }
            }
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

        #[test]
        fn every_level_covers_every_observed_successful_call(activity in activity(), options in synth_options()) {
            // The durable level (what `auto` uses) covers every call too, and grants no less than exact.
            let exact = synthesise(&activity, Catalog::embedded(), &SynthOptions { resources: ResourceChoice::Exact, ..options.clone() });
            let durable = synthesise(&activity, Catalog::embedded(), &SynthOptions { resources: ResourceChoice::Durable, ..options.clone() });
            prop_assert!(durable.coverage.is_complete(), "durable: {:?}\n{}", durable.coverage, durable.policy.to_canonical_json());
            prop_assert!(simulate(&durable.documents, &activity, &SimulationOptions::default()).coverage.is_complete());
            if let Err(message) = grants_no_less(&durable.policy, &exact.policy) {
                prop_assert!(false, "durable grants less than exact: {}", message);
            }
            let mut previous: Option<(Policy, f64)> = None;
            for level in [ResourceChoice::Exact, ResourceChoice::Prefix, ResourceChoice::Type, ResourceChoice::Service] {
                let synthesis = synthesise(&activity, Catalog::embedded(), &SynthOptions { resources: level, ..options.clone() });
                prop_assert!(synthesis.coverage.is_complete(), "{:?}: {:?}\n{}", level, synthesis.coverage, synthesis.policy.to_canonical_json());
                // The documents together are the policy: simulated on their own, they cover it too.
                let again = simulate(&synthesis.documents, &activity, &SimulationOptions::default());
                prop_assert!(again.coverage.is_complete());
                if let Some((narrower, narrower_score)) = &previous {
                    if let Err(message) = grants_no_less(&synthesis.policy, narrower) {
                        prop_assert!(false, "{:?} grants less than the level before: {}", level, message);
                    }
                    prop_assert!(synthesis.breadth.score >= *narrower_score, "{:?}: breadth {} below the level before ({})", level, synthesis.breadth.score, narrower_score);
                } else {
                    prop_assert_eq!(synthesis.breadth.score, 1.0, "the exact level is the baseline");
                }
                previous = Some((synthesis.policy, synthesis.breadth.score));
            }
        }

        #[test]
        fn policy_json_round_trips(activity in activity(), options in synth_options()) {
            let synthesis = synthesise(&activity, Catalog::embedded(), &options);
            let text = synthesis.policy.to_canonical_json();
            let parsed: Policy = serde_json::from_str(&text).unwrap();
            prop_assert_eq!(&parsed, &synthesis.policy);
            prop_assert_eq!(parsed.to_canonical_json(), text);
            for document in &synthesis.documents {
                prop_assert!(document.non_whitespace_chars() <= crate::size::MANAGED_POLICY_CHARS);
                let parsed: Policy = serde_json::from_str(&document.to_canonical_json()).unwrap();
                prop_assert_eq!(&parsed, document);
            }
        }

        #[test]
        fn minimisation_is_idempotent(activity in activity(), options in synth_options()) {
            for level in [ResourceChoice::Exact, ResourceChoice::Prefix, ResourceChoice::Type, ResourceChoice::Service] {
                let synthesis = synthesise(&activity, Catalog::embedded(), &SynthOptions { resources: level, ..options.clone() });
                let once = minimise(&synthesis.policy);
                prop_assert_eq!(&once, &synthesis.policy, "synthesis output is already minimal");
                prop_assert_eq!(minimise(&once), once);
            }
        }

        #[test]
        fn minimising_arbitrary_policies_is_idempotent_and_keeps_grants(
            statements in prop::collection::vec(
                (prop::collection::vec(prop::sample::select(vec!["s3:GetObject", "s3:Get*", "s3:*", "s3:getobject", "s3:PutObject", "ec2:Describe*"]), 1..4),
                 prop::collection::vec(prop::sample::select(vec!["arn:aws:s3:::b/*", "arn:aws:s3:::b/logs/*", "arn:aws:s3:::b/logs/x", "*", "arn:aws:s3:::c"]), 1..4),
                 any::<bool>()),
                0..6)
        ) {
            let policy = Policy::new(statements.into_iter().enumerate().map(|(index, (actions, resources, deny))| {
                let mut statement = Statement::allow(format!("S{index}"), actions.into_iter().map(str::to_owned).collect(), resources.into_iter().map(str::to_owned).collect());
                if deny { statement.effect = Effect::Deny; }
                statement
            }).collect());
            let once = minimise(&policy);
            prop_assert_eq!(minimise(&once), once.clone());
            prop_assert!(grants_no_less(&once, &policy).is_ok(), "{}", once.to_canonical_json());
        }
    }
}

/// Regression: the catalog packs API Gateway's `/apis/` and `/restapis/` formats into one string
/// ("…/deployments, …/deployments"); the ARN must still be typed as a deployment, not as a REST
/// API whose id is `x/deployments`, and the policy must lint clean.
#[test]
fn packed_arn_formats_regression_apigateway_deployments() {
    let activity = principal(vec![call("apigateway:POST", Some("arn:aws:apigateway:us-east-1::/restapis/ktirp5ibfs/deployments"), "us-east-1", 20_455, 1)]);
    let synthesis = synthesise(&activity, Catalog::embedded(), &SynthOptions::default());
    assert!(!synthesis.warnings.iter().any(|warning| warning.kind == WarningKind::ResourceTypeMismatch), "{:?}", synthesis.warnings);
    assert_eq!(sids(&synthesis.policy), ["ApigatewayWriteDeploymentsRestapisKtirp5ibfsDeployments"]);
    let of_type = synthesise(&activity, Catalog::embedded(), &options(ResourceChoice::Type));
    assert_eq!(of_type.policy.statements[0].resource, Some(StringList(vec!["arn:aws:apigateway:us-east-1::/restapis/*/deployments".into()])));
    let report = crate::lint::lint_policy(&synthesis.policy, Catalog::embedded());
    assert!(report.findings.is_empty(), "{:?}", report.findings);
}

/// Calls CloudTrail does not show come back as suggestions with their evidence, never in the policy.
#[test]
fn calls_cloudtrail_never_logs_are_suggested_not_added() {
    let stream = "arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/orders-api:log-stream:2026/03/07/[$LATEST]b56a55b43330d6a9548f54f6d3a5563d";
    let synthesis =
        synthesise(&principal(vec![call("logs:CreateLogStream", Some(stream), "us-east-1", 20_519, 1)]), Catalog::embedded(), &SynthOptions::default());
    let put = synthesis.suggestions.iter().find(|suggestion| suggestion.action == "logs:PutLogEvents").expect("PutLogEvents suggested");
    assert_eq!(put.kind, SuggestionKind::NotLogged);
    assert_eq!(put.resources, ["arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/orders-api:log-stream:*"]);
    assert!(put.reason.contains("https://docs.aws.amazon.com/AmazonCloudWatch/"), "{}", put.reason);
    assert!(synthesis.suggestions.iter().any(|suggestion| suggestion.action == "xray:PutTraceSegments" && suggestion.reason.contains("active tracing")));
    let text = synthesis.policy.to_canonical_json();
    assert!(!text.contains("PutLogEvents") && !text.contains("xray"), "{text}");
}
