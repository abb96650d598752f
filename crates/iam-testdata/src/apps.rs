//! The fictional company's applications and the AWS resources each owns (buckets, tables,
//! functions, queues, keys, ...). Names are fixed per application and seed, so the same role
//! touches the same resources all month, as real workloads do.

use crate::rng::Prng;

/// Application names; principals are spread over them in this order.
pub const APP_NAMES: &[&str] = &[
    "orders",
    "payments",
    "catalog",
    "inventory",
    "search",
    "billing",
    "notifications",
    "reports",
    "identity",
    "media",
    "shipping",
    "analytics",
    "pricing",
    "reviews",
    "loyalty",
    "support",
];

/// Home regions, indexed like `APP_NAMES` (cycled). Most workloads run in us-east-1, some in
/// Europe and Tokyo.
const APP_REGIONS: &[&str] = &["us-east-1", "us-east-1", "eu-west-1", "us-east-1", "ap-northeast-1", "us-west-2", "us-east-1", "eu-west-1"];

/// Every region the generator writes events for.
pub const REGIONS: &[&str] = &["us-east-1", "us-west-2", "eu-west-1", "ap-northeast-1"];

#[derive(Clone, Debug)]
pub struct App {
    pub name: &'static str,
    pub region: &'static str,
    pub buckets: Vec<String>,
    pub tables: Vec<String>,
    pub functions: Vec<String>,
    pub queues: Vec<String>,
    pub topic: String,
    pub kms_key_id: String,
    pub kms_alias: String,
    pub secret_name: String,
    pub parameters: Vec<String>,
    pub log_groups: Vec<String>,
    pub instances: Vec<String>,
    pub stack: String,
    pub ecs_service: String,
    pub repository: String,
    pub state_machine: String,
    pub glue_tables: Vec<String>,
    pub rest_api_id: String,
    pub distribution_id: String,
    pub hosted_zone_id: String,
    pub target_group: String,
    pub autoscaling_group: String,
    pub security_group: String,
    pub vpc: String,
    pub subnet: String,
    pub vpc_endpoint: String,
}

impl App {
    pub fn new(seed: u64, index: usize) -> App {
        let name = APP_NAMES[index % APP_NAMES.len()];
        let mut rng = Prng::derived(seed, &[0xA99, index as u64]);
        let region = APP_REGIONS[index % APP_REGIONS.len()];
        App {
            name,
            region,
            buckets: vec![format!("acme-{name}-prod-data"), format!("acme-{name}-prod-uploads")],
            tables: vec![name.to_owned(), format!("{name}-sessions"), format!("{name}-idempotency")],
            functions: vec![format!("{name}-api"), format!("{name}-worker"), format!("{name}-scheduler")],
            queues: vec![format!("{name}-events"), format!("{name}-events-dlq"), format!("{name}-jobs.fifo")],
            topic: format!("{name}-notifications"),
            kms_key_id: rng.uuid(),
            kms_alias: format!("alias/{name}-prod"),
            secret_name: format!("prod/{name}/db-credentials-{}", rng.alnum(6)),
            parameters: ["db-host", "api-url", "feature-flags", "api-key"].iter().map(|leaf| format!("/{name}/prod/{leaf}")).collect(),
            log_groups: vec![format!("/aws/lambda/{name}-api"), format!("/aws/lambda/{name}-worker"), format!("/ecs/{name}-api")],
            instances: (0..3).map(|_| format!("i-0{}", rng.hex(16))).collect(),
            stack: format!("{name}-prod"),
            ecs_service: format!("{name}-api"),
            repository: format!("acme/{name}-api"),
            state_machine: format!("{name}-workflow"),
            glue_tables: vec![format!("{name}_events_raw"), format!("{name}_daily")],
            rest_api_id: rng.alnum(10).to_lowercase(),
            distribution_id: format!("E{}", rng.upper(13)),
            hosted_zone_id: format!("Z0{}", rng.upper(19)),
            target_group: format!("{name}-api-tg/{}", rng.hex(16)),
            autoscaling_group: format!("{name}-asg"),
            security_group: format!("sg-0{}", rng.hex(16)),
            vpc: format!("vpc-0{}", rng.hex(16)),
            subnet: format!("subnet-0{}", rng.hex(16)),
            vpc_endpoint: format!("vpce-0{}", rng.hex(16)),
        }
    }
}

/// Buckets every team reads: build artifacts and the data lake.
pub const SHARED_BUCKETS: &[&str] = &["acme-shared-artifacts", "acme-data-lake-raw", "acme-athena-results"];
