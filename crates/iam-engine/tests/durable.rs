//! Properties of the `durable` level (issue 3/8): on random sets of resources whose names mix
//! stable words and churn (dates, counters, hex IDs, UUIDs, random suffixes), generalisation
//! - grants every observed resource (each pattern matches its ARN);
//! - never drops a stable identity: the bucket, table, queue, log group, secret name and the
//!   account stay in the pattern;
//! - never produces a pattern that matches another observed resource of a distinct identity
//!   (`orders-archive` beside `orders`, `db-credentials-admin-…` beside `db-credentials-…`);
//! - is deterministic and independent of the order the resources come in.

use iam_engine::generalise::{generalise_typed, GeneraliseOptions, Level, Template, TypedArn};
use proptest::prelude::*;
use std::collections::BTreeMap;

const TABLE: &str = "arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}";
const QUEUE: &str = "arn:${Partition}:sqs:${Region}:${Account}:${QueueName}";
const OBJECT: &str = "arn:${Partition}:s3:::${BucketName}/${ObjectName}";
const SECRET: &str = "arn:${Partition}:secretsmanager:${Region}:${Account}:secret:${SecretId}";
const STREAM: &str = "arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}:log-stream:${LogStreamName}";

const WORDS: &[&str] = &["orders", "payments", "orders-archive", "orders-sessions", "billing", "shipping-labels", "db-credentials", "db-credentials-admin"];
const ACCOUNTS: &[&str] = &["111122223333", "444455556666"];
const REGIONS: &[&str] = &["us-east-1", "eu-west-1"];

/// A churning part of a name, from a seed.
fn churn(kind: u8, seed: u32) -> String {
    match kind % 5 {
        0 => format!("2026-{:02}-{:02}", 1 + seed % 12, 1 + seed % 28),
        1 => format!("{}", 1000 + seed % 9000),
        2 => format!("{:07x}", 0x1000000 + seed % 0xe000000),
        3 => format!("{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}", seed, seed % 0xffff, seed % 0xfff, (seed / 7) % 0xfff, u64::from(seed) * 7919),
        _ => format!("part-{:05}", seed % 100_000),
    }
}

/// One resource: its ARN, the template of its type, and its identity (what must never be merged
/// with another identity, and must stay named in its pattern).
#[derive(Clone, Debug)]
struct Resource {
    arn: String,
    format: &'static str,
    identity: String,
    stable: String,
}

fn resource() -> impl Strategy<Value = Resource> {
    (0usize..5, 0usize..WORDS.len(), 0usize..2, 0usize..2, any::<bool>(), 0u8..5, any::<u32>()).prop_map(
        |(kind, word, account, region, churned, churn_kind, seed)| {
            let (word, account, region) = (WORDS[word], ACCOUNTS[account], REGIONS[region]);
            let with_churn = |name: &str| if churned { format!("{name}-{}", churn(churn_kind, seed)) } else { name.to_owned() };
            match kind {
                0 => {
                    // A table whose name may carry churn (`orders-2026-03-07`, `orders-1234`): one
                    // identity for the word with churn, another for the word alone.
                    let name = with_churn(word);
                    let identity = format!("table {account} {word} {churned}");
                    Resource { arn: format!("arn:aws:dynamodb:{region}:{account}:table/{name}"), format: TABLE, identity, stable: word.to_owned() }
                }
                1 => Resource {
                    arn: format!("arn:aws:sqs:{region}:{account}:{word}"),
                    format: QUEUE,
                    identity: format!("queue {account} {word}"),
                    stable: word.to_owned(),
                },
                2 => {
                    let bucket = format!("acme-{word}");
                    let key = format!("exports/{}/data.json", churn(churn_kind, seed));
                    Resource { arn: format!("arn:aws:s3:::{bucket}/{key}"), format: OBJECT, identity: format!("bucket {bucket}"), stable: bucket }
                }
                3 => {
                    let suffix: String = format!("{seed:06}").chars().rev().take(6).collect();
                    let suffix = if churned { suffix } else { "??????".to_owned() };
                    Resource {
                        arn: format!("arn:aws:secretsmanager:{region}:{account}:secret:prod/{word}-{suffix}"),
                        format: SECRET,
                        identity: format!("secret {account} prod/{word}"),
                        stable: format!("prod/{word}-"),
                    }
                }
                _ => {
                    let group = format!("/aws/lambda/{word}");
                    let stream = format!("2026/03/{:02}/[$LATEST]{:032x}", 1 + seed % 28, u128::from(seed) * 0x9e37_79b9_7f4a_7c15);
                    Resource {
                        arn: format!("arn:aws:logs:{region}:{account}:log-group:{group}:log-stream:{stream}"),
                        format: STREAM,
                        identity: format!("log group {account} {group}"),
                        stable: format!("log-group:{group}:"),
                    }
                }
            }
        },
    )
}

/// The durable patterns of the resources, ARN → pattern, generalised per type as the synthesis does.
fn durable(resources: &[Resource]) -> BTreeMap<String, String> {
    let mut by_format: BTreeMap<&str, Vec<&Resource>> = BTreeMap::new();
    for resource in resources {
        by_format.entry(resource.format).or_default().push(resource);
    }
    let mut out = BTreeMap::new();
    for (format, members) in by_format {
        let template = Template::parse(format);
        let mut arns: Vec<&str> = members.iter().map(|resource| resource.arn.as_str()).collect();
        arns.sort();
        arns.dedup();
        let typed: Vec<TypedArn<'_>> = arns.iter().map(|arn| TypedArn { arn, template: &template, values: template.bind(arn).expect("binds") }).collect();
        out.extend(generalise_typed(&typed, Level::Durable, &GeneraliseOptions::default()));
    }
    out
}

fn account_of(arn: &str) -> &str {
    arn.split(':').nth(4).unwrap_or("")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn durable_patterns_keep_identities_apart(resources in prop::collection::vec(resource(), 1..40)) {
        let patterns = durable(&resources);
        for resource in &resources {
            let pattern = &patterns[&resource.arn];
            prop_assert!(iam_engine::pattern::resource_matches(pattern, &resource.arn), "{pattern} does not grant {}", resource.arn);
            prop_assert!(pattern.contains(&resource.stable), "{pattern} dropped {} of {}", resource.stable, resource.arn);
            prop_assert_eq!(account_of(pattern), account_of(&resource.arn));
            for other in resources.iter().filter(|other| other.identity != resource.identity) {
                prop_assert!(
                    !iam_engine::pattern::resource_matches(pattern, &other.arn),
                    "{} (for {}) reaches {} of another identity", pattern, resource.arn, other.arn
                );
            }
        }
    }

    #[test]
    fn durable_patterns_do_not_depend_on_order(resources in prop::collection::vec(resource(), 1..30), seed in any::<u64>()) {
        let mut shuffled = resources.clone();
        // A deterministic shuffle from the seed.
        let mut state = seed | 1;
        for index in (1..shuffled.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            shuffled.swap(index, (state % (index as u64 + 1)) as usize);
        }
        prop_assert_eq!(durable(&resources), durable(&shuffled));
    }
}
