//! Benchmarks of the policy work on one principal's activity: synthesis (every level is built,
//! then the chosen one split and simulated), simulation of the exact policy, and lint. The
//! activity is built here, deterministically: 3,000 call entries over S3 objects in dated
//! directories, DynamoDB tables, Lambda functions, log streams and a few actions without
//! resource-level permissions, across three regions — the shape of a busy service role.
//! Run with `cargo bench -p iam-engine --bench policy`.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use iam_engine::activity::{MfaCounts, ObservedCall, Outcome, PrincipalActivity, SourceIpCount};
use iam_engine::catalog::Catalog;
use iam_engine::lint::lint_policy;
use iam_engine::simulate::{simulate, SimulationOptions};
use iam_engine::synth::{synthesise, ResourceChoice, SynthOptions};
use iam_engine::{Day, PrincipalFlags, PrincipalKind};

fn activity(n_calls: usize) -> PrincipalActivity {
    let regions = ["eu-west-1", "us-east-1", "ap-northeast-1"];
    let mut calls = Vec::with_capacity(n_calls);
    for index in 0..n_calls {
        let region = regions[index % regions.len()];
        let day = 20_500 + (index % 30) as i32;
        let (action, resource) = match index % 8 {
            0 | 1 => ("s3:GetObject", Some(format!("arn:aws:s3:::acme-data/raw/2026/03/{:02}/part-{index:05}.parquet", index % 30 + 1))),
            2 => ("s3:PutObject", Some(format!("arn:aws:s3:::acme-data/curated/2026/03/{:02}/out-{index:05}.parquet", index % 30 + 1))),
            3 => ("dynamodb:GetItem", Some(format!("arn:aws:dynamodb:{region}:111122223333:table/orders-{}", index % 5))),
            4 => ("lambda:InvokeFunction", Some(format!("arn:aws:lambda:{region}:111122223333:function:worker-{}", index % 7))),
            5 => (
                "logs:PutLogEvents",
                Some(format!(
                    "arn:aws:logs:{region}:111122223333:log-group:/aws/lambda/worker-{}:log-stream:2026/03/{:02}/[$LATEST]{index:08x}",
                    index % 7,
                    index % 30 + 1
                )),
            ),
            6 => ("kms:Decrypt", Some(format!("arn:aws:kms:{region}:111122223333:key/0000-{}", index % 3))),
            _ => ("ec2:DescribeInstances", None),
        };
        calls.push(ObservedCall {
            action: action.to_owned(),
            resource,
            day: Day(day),
            region: region.to_owned(),
            outcome: Outcome::Success,
            via_service: None,
            passes_role: None,
            count: 1 + (index % 4) as u64,
            first_seen: Day(day).first_second(),
            last_seen: Day(day).last_second(),
        });
    }
    calls.sort();
    calls.dedup_by(|left, right| (&left.action, &left.resource, left.day, &left.region) == (&right.action, &right.resource, right.day, &right.region));
    PrincipalActivity {
        arn: "arn:aws:iam::111122223333:role/service-role/worker".to_owned(),
        kind: PrincipalKind::Role,
        flags: PrincipalFlags::default(),
        n_events: calls.iter().map(|call| call.count).sum(),
        n_failed: 0,
        first_seen: calls.first().map(|call| call.first_seen).unwrap_or_default(),
        last_seen: calls.last().map(|call| call.last_seen).unwrap_or_default(),
        calls,
        source_ips: vec![SourceIpCount { address: "203.0.113.7".to_owned(), count: 1 }],
        mfa: MfaCounts::default(),
    }
}

fn policy(criterion: &mut Criterion) {
    let catalog = Catalog::embedded();
    let principal = activity(3_000);
    criterion.bench_function("synthesise/auto 3000 calls", |bencher| {
        bencher.iter(|| synthesise(black_box(&principal), catalog, &SynthOptions::default()).documents.len())
    });
    let exact = synthesise(&principal, catalog, &SynthOptions { resources: ResourceChoice::Exact, ..SynthOptions::default() });
    criterion.bench_function("simulate/exact policy 3000 calls", |bencher| {
        bencher.iter(|| simulate(black_box(&exact.documents), &principal, &SimulationOptions::default()).coverage.allowed_calls)
    });
    let prefix = synthesise(&principal, catalog, &SynthOptions { resources: ResourceChoice::Prefix, ..SynthOptions::default() });
    criterion.bench_function("lint/prefix policy", |bencher| bencher.iter(|| lint_policy(black_box(&prefix.policy), catalog).findings.len()));
}

criterion_group!(benches, policy);
criterion_main!(benches);
