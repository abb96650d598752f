//! Workloads with realistic naming churn, for the held-out benchmark of generalisation
//! (`iamwb-future`, `scripts/bench.sh --future`, docs/benchmark.md).
//!
//! Five principals of different kinds (a Lambda API role, a CI deploy role, a data pipeline, an
//! ECS task role and a human operator) use the same resources day after day, under names that
//! change from run to run: S3 keys with dates, partitions, commit SHAs and UUIDs, log streams,
//! numbered pull-request stacks, a monthly table, a secret named with and without its random
//! suffix. Each event carries a label: the *family* it belongs to (bucket and stable prefix,
//! table, queue, topic, function, log group, secret, key, repository, stack-name prefix, Glue
//! table, workgroup, parameter path; with the region for regional resources), so a policy learnt
//! from the first days can be judged on the later ones: calls that repeat an action on a family
//! already used should be allowed; a few calls are genuinely new (a first action, a new bucket,
//! a new prefix, a new region) and should not be. Each principal also has *probes*: its own
//! actions on resources of the same account it never touches, near-misses of its identities
//! among them (`orders-archive` beside `orders`, `acme-orders-prod-data-backup` beside
//! `acme-orders-prod-data`, `db-credentials-admin-…` beside `db-credentials-…`); a policy that
//! allows a probe spills.
//!
//! Deterministic: the same seed gives the same records.

use crate::record::DateTime;
use crate::rng::Prng;
use serde_json::{json, Value};

/// The account of every principal and resource.
pub const ACCOUNT: &str = "111122223333";

/// A workload's shape.
#[derive(Clone, Copy, Debug)]
pub struct WorkloadOptions {
    pub seed: u64,
    /// Days of activity (at least 14 for the benchmark).
    pub days: u32,
    /// Unix seconds of the first day's midnight.
    pub start_unix: i64,
}

impl Default for WorkloadOptions {
    fn default() -> Self {
        // Across a month's end, so the monthly table changes its name within the test days.
        WorkloadOptions { seed: 7, days: 14, start_unix: DateTime::unix_from_date(2026, 2, 22) }
    }
}

/// One generated record and what the benchmark needs to judge it.
#[derive(Clone, Debug)]
pub struct LabelledEvent {
    pub record: Value,
    /// The IAM role or user ARN the policy is for.
    pub principal: String,
    /// Day index from the workload's start.
    pub day: u32,
    /// The IAM action the call needs, and the resource ARNs it touches (as the workbench maps it:
    /// a Glue table call also touches its database and the catalog).
    pub action: String,
    pub resources: Vec<String>,
    /// What the call uses, apart from the churn in its names.
    pub family: String,
}

/// A call the principal never makes, on a resource it never touches.
#[derive(Clone, Debug)]
pub struct Probe {
    pub principal: String,
    pub action: String,
    pub resource: String,
    pub region: String,
}

#[derive(Clone, Debug, Default)]
pub struct Workload {
    pub events: Vec<LabelledEvent>,
    pub probes: Vec<Probe>,
}

impl Workload {
    /// `{"Records":[…]}` of every event, in time order.
    pub fn to_json(&self) -> Vec<u8> {
        let records: Vec<&Value> = self.events.iter().map(|event| &event.record).collect();
        serde_json::to_vec(&json!({ "Records": records })).expect("records serialise")
    }

    /// The principals, in the order they were made.
    pub fn principals(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for event in &self.events {
            if !out.contains(&event.principal) {
                out.push(event.principal.clone());
            }
        }
        out
    }
}

/// Who makes the calls.
struct Who {
    arn: String,
    identity: Value,
}

impl Who {
    fn role(path_and_name: &str) -> Who {
        let name = path_and_name.rsplit('/').next().unwrap_or(path_and_name);
        let arn = format!("arn:aws:iam::{ACCOUNT}:role/{path_and_name}");
        let identity = json!({
            "type": "AssumedRole",
            "principalId": format!("AROAEXAMPLE{}:session", name.len()),
            "arn": format!("arn:aws:sts::{ACCOUNT}:assumed-role/{name}/session"),
            "accountId": ACCOUNT,
            "sessionContext": {
                "sessionIssuer": {"type": "Role", "principalId": "AROAEXAMPLE", "arn": arn, "accountId": ACCOUNT, "userName": name},
                "webIdFederationData": {},
                "attributes": {"creationDate": "2026-02-22T00:00:00Z", "mfaAuthenticated": "false"}
            }
        });
        Who { arn, identity }
    }

    fn user(path_and_name: &str) -> Who {
        let name = path_and_name.rsplit('/').next().unwrap_or(path_and_name);
        let arn = format!("arn:aws:iam::{ACCOUNT}:user/{path_and_name}");
        let identity = json!({
            "type": "IAMUser",
            "principalId": "AIDAEXAMPLE",
            "arn": arn,
            "accountId": ACCOUNT,
            "userName": name,
            "sessionContext": {"attributes": {"creationDate": "2026-02-22T00:00:00Z", "mfaAuthenticated": "true"}}
        });
        Who { arn, identity }
    }
}

/// Builds the events of one principal.
struct Writer<'w> {
    who: &'w Who,
    options: WorkloadOptions,
    out: &'w mut Vec<LabelledEvent>,
    rng: Prng,
}

/// One call: where, what, and how the workbench reads it.
struct Call<'c> {
    region: &'c str,
    source: &'c str,
    event: &'c str,
    request: Value,
    action: &'c str,
    resource: Option<String>,
    family: String,
}

impl Writer<'_> {
    fn call(&mut self, day: u32, call: Call<'_>) {
        let seconds = self.options.start_unix + i64::from(day) * 86_400 + self.rng.below(86_000) as i64;
        let time = DateTime::from_unix(seconds);
        let event_id = format!(
            "{:08x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
            self.rng.next_u64() as u32,
            self.rng.below(0x10000),
            self.rng.below(0x1000),
            self.rng.below(0x1000),
            self.rng.next_u64() & 0xffff_ffff_ffff
        );
        let record = json!({
            "eventVersion": "1.09",
            "userIdentity": self.who.identity,
            "eventTime": format!("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", time.year, time.month, time.day, time.hour, time.minute, time.second),
            "eventSource": call.source,
            "eventName": call.event,
            "awsRegion": call.region,
            "sourceIPAddress": "203.0.113.10",
            "userAgent": "aws-sdk-go-v2/1.30.0",
            "requestParameters": call.request,
            "responseElements": null,
            "eventID": event_id,
            "readOnly": false,
            "eventType": "AwsApiCall",
            "managementEvent": true,
            "recipientAccountId": ACCOUNT,
            "eventCategory": "Management"
        });
        let family = if call.family.contains('@') || !is_regional(call.source) { call.family } else { format!("{}@{}", call.family, call.region) };
        let mut resources: Vec<String> = call.resource.into_iter().collect();
        if let Some((catalog, database)) = resources.first().and_then(|arn| glue_parents(arn)) {
            resources.extend([catalog, database]);
        }
        self.out.push(LabelledEvent { record, principal: self.who.arn.clone(), day, action: call.action.to_owned(), resources, family });
    }

    /// The principal's `action` on a resource it never touches.
    fn probe(&self, action: &str, resource: String, region: &str) -> Probe {
        Probe { principal: self.who.arn.clone(), action: action.to_owned(), resource, region: region.to_owned() }
    }

    fn date(&self, day: u32) -> DateTime {
        DateTime::from_unix(self.options.start_unix + i64::from(day) * 86_400)
    }
}

/// The catalog and database ARNs of a Glue table ARN.
fn glue_parents(arn: &str) -> Option<(String, String)> {
    let (head, path) = arn.split_once(":table/")?;
    let database = path.split('/').next()?;
    head.contains(":glue:").then(|| (format!("{head}:catalog"), format!("{head}:database/{database}")))
}

/// Services whose resources live in a region (S3 buckets and IAM do not).
fn is_regional(source: &str) -> bool {
    !matches!(source, "s3.amazonaws.com" | "iam.amazonaws.com")
}

fn s3_object(region: &str, event: &'static str, action: &'static str, bucket: &str, key: &str, family: &str) -> Call<'static> {
    let _ = region;
    Call {
        region: "us-east-1",
        source: "s3.amazonaws.com",
        event,
        request: json!({"bucketName": bucket, "key": key, "Host": format!("{bucket}.s3.amazonaws.com")}),
        action,
        resource: Some(format!("arn:aws:s3:::{bucket}/{key}")),
        family: format!("s3:{bucket}/{family}"),
    }
}

fn table<'c>(region: &'c str, event: &'c str, name: &str) -> Call<'c> {
    Call {
        region,
        source: "dynamodb.amazonaws.com",
        event,
        request: json!({"tableName": name}),
        action: leak(format!("dynamodb:{event}")),
        resource: Some(format!("arn:aws:dynamodb:{region}:{ACCOUNT}:table/{name}")),
        family: format!("dynamodb:{name}"),
    }
}

fn queue<'c>(region: &'c str, event: &'c str, name: &str) -> Call<'c> {
    Call {
        region,
        source: "sqs.amazonaws.com",
        event,
        request: json!({"queueUrl": format!("https://sqs.{region}.amazonaws.com/{ACCOUNT}/{name}")}),
        action: leak(format!("sqs:{event}")),
        resource: Some(format!("arn:aws:sqs:{region}:{ACCOUNT}:{name}")),
        family: format!("sqs:{name}"),
    }
}

fn log_stream<'c>(region: &'c str, group: &str, stream: &str) -> Call<'c> {
    Call {
        region,
        source: "logs.amazonaws.com",
        event: "CreateLogStream",
        request: json!({"logGroupName": group, "logStreamName": stream}),
        action: "logs:CreateLogStream",
        resource: Some(format!("arn:aws:logs:{region}:{ACCOUNT}:log-group:{group}:log-stream:{stream}")),
        family: format!("logs:{group}"),
    }
}

fn secret<'c>(region: &'c str, name: &str, suffix: &str, by_arn: bool) -> Call<'c> {
    let arn = format!("arn:aws:secretsmanager:{region}:{ACCOUNT}:secret:{name}-{suffix}");
    let (id, resource) = if by_arn { (arn.clone(), arn) } else { (name.to_owned(), format!("arn:aws:secretsmanager:{region}:{ACCOUNT}:secret:{name}-??????")) };
    Call {
        region,
        source: "secretsmanager.amazonaws.com",
        event: "GetSecretValue",
        request: json!({"secretId": id}),
        action: "secretsmanager:GetSecretValue",
        resource: Some(resource),
        family: format!("secret:{name}"),
    }
}

fn kms_key<'c>(region: &'c str, event: &'c str, id: &str) -> Call<'c> {
    let arn = format!("arn:aws:kms:{region}:{ACCOUNT}:key/{id}");
    Call {
        region,
        source: "kms.amazonaws.com",
        event,
        request: json!({"keyId": arn}),
        action: leak(format!("kms:{event}")),
        resource: Some(arn),
        family: format!("kms:{id}"),
    }
}

/// Event and action names are few and live as long as the process: leaking them keeps `Call`
/// free of owned strings.
fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

fn lambda_api_role(writer: &mut Writer<'_>, days: u32, probes: &mut Vec<Probe>) {
    let region = "us-east-1";
    let key_id = writer.rng.uuid();
    for day in 0..days {
        let date = writer.date(day);
        for _ in 0..3 {
            writer.call(day, table(region, "GetItem", "orders"));
        }
        writer.call(day, table("eu-west-1", "GetItem", "orders"));
        writer.call(day, table(region, "PutItem", "orders"));
        writer.call(day, table(region, "Query", "orders-sessions"));
        for _ in 0..2 {
            let key = format!("uploads/{:02}/{:02}/{}.json", date.month, date.day, writer.rng.hex(8));
            writer.call(day, s3_object(region, "GetObject", "s3:GetObject", "acme-orders-prod-uploads", &key, "uploads/"));
        }
        let key = format!("exports/dt={:04}-{:02}-{:02}/part-{:03}.parquet", date.year, date.month, date.day, writer.rng.below(100));
        writer.call(day, s3_object(region, "PutObject", "s3:PutObject", "acme-orders-prod-data", &key, "exports/"));
        let key = format!("reports/daily/{:04}-{:02}-{:02}/summary.csv", date.year, date.month, date.day);
        writer.call(day, s3_object(region, "GetObject", "s3:GetObject", "acme-orders-prod-data", &key, "reports/daily/"));
        writer.call(day, queue(region, "SendMessage", "orders-events"));
        writer.call(day, queue(region, "ReceiveMessage", "orders-jobs.fifo"));
        writer.call(day, queue(region, "DeleteMessage", "orders-jobs.fifo"));
        writer.call(
            day,
            Call {
                region,
                source: "sns.amazonaws.com",
                event: "Publish",
                request: json!({"topicArn": format!("arn:aws:sns:{region}:{ACCOUNT}:orders-notifications")}),
                action: "sns:Publish",
                resource: Some(format!("arn:aws:sns:{region}:{ACCOUNT}:orders-notifications")),
                family: "sns:orders-notifications".to_owned(),
            },
        );
        writer.call(day, secret(region, "prod/orders/db-credentials", "Yim4Au", day % 2 == 1));
        writer.call(day, kms_key(region, "Decrypt", &key_id));
        let stream = format!("{:04}/{:02}/{:02}/[$LATEST]{}", date.year, date.month, date.day, writer.rng.hex(32));
        writer.call(day, log_stream(region, "/aws/lambda/orders-api", &stream));
        let parameter = if day % 3 == 0 { "/orders/prod/api-url" } else { "/orders/prod/db-host" };
        writer.call(
            day,
            Call {
                region,
                source: "ssm.amazonaws.com",
                event: "GetParameter",
                request: json!({"name": parameter, "withDecryption": true}),
                action: "ssm:GetParameter",
                resource: Some(format!("arn:aws:ssm:{region}:{ACCOUNT}:parameter{parameter}")),
                family: "ssm:/orders/prod/".to_owned(),
            },
        );
    }
    // Genuinely new in the last days: a first action, a first bucket, a first region.
    let last = days.saturating_sub(1);
    writer.call(last.saturating_sub(2), table(region, "DeleteItem", "orders-sessions"));
    writer.call(last.saturating_sub(1), s3_object(region, "GetObject", "s3:GetObject", "acme-orders-legacy-exports", "2025/archive.csv", ""));
    writer.call(last, queue("ap-northeast-1", "SendMessage", "orders-events"));
    let probe = |action: &str, resource: String, region: &str| writer.probe(action, resource, region);
    probes.extend([
        probe("dynamodb:GetItem", format!("arn:aws:dynamodb:{region}:{ACCOUNT}:table/orders-archive"), region),
        probe("dynamodb:GetItem", format!("arn:aws:dynamodb:eu-west-1:{ACCOUNT}:table/orders-archive"), "eu-west-1"),
        probe("dynamodb:PutItem", format!("arn:aws:dynamodb:{region}:{ACCOUNT}:table/payments"), region),
        probe("dynamodb:Query", format!("arn:aws:dynamodb:{region}:{ACCOUNT}:table/orders-sessions-backup"), region),
        probe("s3:GetObject", "arn:aws:s3:::acme-orders-prod-uploads-old/uploads/03/01/1c5ac72c.json".to_owned(), region),
        probe("s3:GetObject", "arn:aws:s3:::acme-orders-prod-uploads/private/keys.json".to_owned(), region),
        probe("s3:PutObject", "arn:aws:s3:::acme-orders-prod-data-backup/exports/dt=2026-03-01/part-001.parquet".to_owned(), region),
        probe("s3:GetObject", "arn:aws:s3:::acme-orders-prod-data/finance/ledger.csv".to_owned(), region),
        probe("sqs:SendMessage", format!("arn:aws:sqs:{region}:{ACCOUNT}:orders-events-archive"), region),
        probe("sqs:ReceiveMessage", format!("arn:aws:sqs:{region}:{ACCOUNT}:payments-jobs.fifo"), region),
        probe("sns:Publish", format!("arn:aws:sns:{region}:{ACCOUNT}:orders-notifications-internal"), region),
        probe("secretsmanager:GetSecretValue", format!("arn:aws:secretsmanager:{region}:{ACCOUNT}:secret:prod/orders/db-credentials-admin-Qw3rTy"), region),
        probe("secretsmanager:GetSecretValue", format!("arn:aws:secretsmanager:{region}:{ACCOUNT}:secret:prod/payments/db-credentials-Zx81Lk"), region),
        probe("kms:Decrypt", format!("arn:aws:kms:{region}:{ACCOUNT}:key/0f1e2d3c-4b5a-4978-8796-a5b4c3d2e1f0"), region),
        probe(
            "logs:CreateLogStream",
            format!("arn:aws:logs:{region}:{ACCOUNT}:log-group:/aws/lambda/orders-api-admin:log-stream:2026/03/01/[$LATEST]0f1e"),
            region,
        ),
        probe("ssm:GetParameter", format!("arn:aws:ssm:{region}:{ACCOUNT}:parameter/orders/staging/db-host"), region),
    ]);
}

fn ci_deploy_role(writer: &mut Writer<'_>, days: u32, probes: &mut Vec<Probe>) {
    let region = "us-east-1";
    let stack_arn = |name: &str, id: &str| format!("arn:aws:cloudformation:{region}:{ACCOUNT}:stack/{name}/{id}");
    let stack = |event: &'static str, name: String, by: Option<String>| Call {
        region,
        source: "cloudformation.amazonaws.com",
        event,
        request: json!({"stackName": by.clone().unwrap_or_else(|| name.clone())}),
        action: leak(format!("cloudformation:{event}")),
        resource: Some(by.unwrap_or_else(|| format!("arn:aws:cloudformation:{region}:{ACCOUNT}:stack/{name}/*"))),
        family: if name.starts_with("payments-pr-") { "cloudformation:payments-pr-".to_owned() } else { format!("cloudformation:{name}") },
    };
    for day in 0..days {
        for pull in 0..3 {
            let name = format!("payments-pr-{}", 1200 + 3 * day + pull);
            writer.call(day, stack("CreateChangeSet", name.clone(), None));
            writer.call(day, stack("DescribeStacks", name.clone(), None));
            let id = writer.rng.uuid();
            writer.call(day, stack("DescribeStackEvents", name.clone(), Some(stack_arn(&name, &id))));
        }
        writer.call(day, stack("DescribeStacks", "payments-prod".to_owned(), None));
        writer.call(day, stack("CreateChangeSet", "payments-prod".to_owned(), None));
        let sha = writer.rng.hex(7);
        for event in ["InitiateLayerUpload", "CompleteLayerUpload", "PutImage"] {
            writer.call(
                day,
                Call {
                    region,
                    source: "ecr.amazonaws.com",
                    event,
                    request: json!({"repositoryName": "acme/payments-api", "imageTag": sha}),
                    action: leak(format!("ecr:{event}")),
                    resource: Some(format!("arn:aws:ecr:{region}:{ACCOUNT}:repository/acme/payments-api")),
                    family: "ecr:acme/payments-api".to_owned(),
                },
            );
        }
        writer.call(
            day,
            Call {
                region,
                source: "ecr.amazonaws.com",
                event: "GetAuthorizationToken",
                request: json!({}),
                action: "ecr:GetAuthorizationToken",
                resource: None,
                family: "ecr:*".to_owned(),
            },
        );
        let key = format!("builds/payments/{sha}/artifact.zip");
        writer.call(day, s3_object(region, "PutObject", "s3:PutObject", "acme-shared-artifacts", &key, "builds/payments/"));
        for function in ["payments-api", "payments-worker"] {
            writer.call(
                day,
                Call {
                    region,
                    source: "lambda.amazonaws.com",
                    event: "UpdateFunctionCode20150331v2",
                    request: json!({"functionName": function, "s3Bucket": "acme-shared-artifacts", "s3Key": key}),
                    action: "lambda:UpdateFunctionCode",
                    resource: Some(format!("arn:aws:lambda:{region}:{ACCOUNT}:function:{function}")),
                    family: format!("lambda:{function}"),
                },
            );
        }
    }
    let last = days.saturating_sub(1);
    writer.call(last, stack("DeleteStack", format!("payments-pr-{}", 1200), None));
    let probe = |action: &str, resource: String| writer.probe(action, resource, region);
    probes.extend([
        probe("cloudformation:CreateChangeSet", format!("arn:aws:cloudformation:{region}:{ACCOUNT}:stack/payments-staging/*")),
        probe("cloudformation:CreateChangeSet", format!("arn:aws:cloudformation:{region}:{ACCOUNT}:stack/payments-prod-db/*")),
        probe("cloudformation:DescribeStacks", format!("arn:aws:cloudformation:{region}:{ACCOUNT}:stack/orders-prod/*")),
        probe("ecr:PutImage", format!("arn:aws:ecr:{region}:{ACCOUNT}:repository/acme/payments-api-internal")),
        probe("ecr:PutImage", format!("arn:aws:ecr:{region}:{ACCOUNT}:repository/acme/orders-api")),
        probe("s3:PutObject", "arn:aws:s3:::acme-shared-artifacts/builds/orders/8c074ce/artifact.zip".to_owned()),
        probe("s3:PutObject", "arn:aws:s3:::acme-shared-artifacts-backup/builds/payments/8c074ce/artifact.zip".to_owned()),
        probe("lambda:UpdateFunctionCode", format!("arn:aws:lambda:{region}:{ACCOUNT}:function:payments-api-admin")),
        probe("lambda:UpdateFunctionCode", format!("arn:aws:lambda:{region}:{ACCOUNT}:function:orders-api")),
    ]);
}

fn data_pipeline_role(writer: &mut Writer<'_>, days: u32, probes: &mut Vec<Probe>) {
    let region = "eu-west-1";
    for day in 0..days {
        let date = writer.date(day);
        for hour in [1, 9, 17] {
            let key =
                format!("events/year={:04}/month={:02}/day={:02}/hour={hour:02}/part-{:05}.json.gz", date.year, date.month, date.day, writer.rng.below(40));
            writer.call(day, s3_object(region, "GetObject", "s3:GetObject", "acme-data-lake-raw", &key, "events/"));
        }
        let key = format!("daily/dt={:04}-{:02}-{:02}/part-{:05}.parquet", date.year, date.month, date.day, writer.rng.below(8));
        writer.call(day, s3_object(region, "PutObject", "s3:PutObject", "acme-analytics-curated", &key, "daily/"));
        let glue = |event: &'static str, request: Value| Call {
            region,
            source: "glue.amazonaws.com",
            event,
            request,
            action: leak(format!("glue:{event}")),
            resource: Some(format!("arn:aws:glue:{region}:{ACCOUNT}:table/analytics/events_raw")),
            family: "glue:analytics/events_raw".to_owned(),
        };
        writer.call(day, glue("GetTable", json!({"databaseName": "analytics", "name": "events_raw"})));
        writer.call(day, glue("BatchCreatePartition", json!({"databaseName": "analytics", "tableName": "events_raw"})));
        writer.call(
            day,
            Call {
                region,
                source: "athena.amazonaws.com",
                event: "StartQueryExecution",
                request: json!({"workGroup": "analytics", "queryString": "SELECT count(*) FROM events_raw"}),
                action: "athena:StartQueryExecution",
                resource: Some(format!("arn:aws:athena:{region}:{ACCOUNT}:workgroup/analytics")),
                family: "athena:analytics".to_owned(),
            },
        );
        let key = format!("analytics/{}.csv", writer.rng.uuid());
        writer.call(day, s3_object(region, "PutObject", "s3:PutObject", "acme-athena-results", &key, "analytics/"));
        // A table per month: its name churns at the month's end.
        let runs = format!("analytics-runs-{:04}-{:02}", date.year, date.month);
        let mut call = table(region, "PutItem", &runs);
        call.family = "dynamodb:analytics-runs-".to_owned();
        writer.call(day, call);
    }
    let last = days.saturating_sub(1);
    writer.call(last, s3_object(region, "GetObject", "s3:GetObject", "acme-data-lake-raw", "clickstream/2026/03/07/part-00001.json.gz", "clickstream/"));
    let probe = |action: &str, resource: String| writer.probe(action, resource, region);
    probes.extend([
        probe("s3:GetObject", "arn:aws:s3:::acme-data-lake-raw/pii/customers.json.gz".to_owned()),
        probe("s3:GetObject", "arn:aws:s3:::acme-data-lake-raw-backup/events/year=2026/month=03/day=01/hour=01/part-00001.json.gz".to_owned()),
        probe("s3:PutObject", "arn:aws:s3:::acme-analytics-curated-backup/daily/dt=2026-03-01/part-00001.parquet".to_owned()),
        probe("glue:GetTable", format!("arn:aws:glue:{region}:{ACCOUNT}:table/analytics/customers_pii")),
        probe("glue:GetTable", format!("arn:aws:glue:{region}:{ACCOUNT}:table/finance/events_raw")),
        probe("athena:StartQueryExecution", format!("arn:aws:athena:{region}:{ACCOUNT}:workgroup/primary")),
        probe("dynamodb:PutItem", format!("arn:aws:dynamodb:{region}:{ACCOUNT}:table/analytics-runs-archive")),
        probe("dynamodb:PutItem", format!("arn:aws:dynamodb:{region}:{ACCOUNT}:table/analytics-config")),
    ]);
}

fn ecs_task_role(writer: &mut Writer<'_>, days: u32, probes: &mut Vec<Probe>) {
    let region = "us-west-2";
    let key_id = writer.rng.uuid();
    for day in 0..days {
        let date = writer.date(day);
        writer.call(day, queue(region, "ReceiveMessage", "shipping-jobs"));
        writer.call(day, queue(region, "DeleteMessage", "shipping-jobs"));
        writer.call(day, queue(region, "SendMessage", "shipping-events"));
        writer.call(day, table(region, "PutItem", "shipping"));
        writer.call(day, table(region, "UpdateItem", "shipping"));
        writer.call(day, table(region, "GetItem", "shipping-rates"));
        for _ in 0..2 {
            let key = format!("labels/{:04}/{:02}/{:02}/{}.pdf", date.year, date.month, date.day, writer.rng.uuid());
            writer.call(day, s3_object(region, "PutObject", "s3:PutObject", "acme-shipping-labels", &key, "labels/"));
        }
        let stream = format!("ecs/shipping-api/{}", writer.rng.hex(32));
        writer.call(day, log_stream(region, "/ecs/shipping-api", &stream));
        writer.call(day, secret(region, "prod/shipping/carrier-api-key", "Qx81Lk", true));
        writer.call(day, kms_key(region, "GenerateDataKey", &key_id));
    }
    let last = days.saturating_sub(1);
    writer.call(
        last,
        Call {
            region,
            source: "sns.amazonaws.com",
            event: "Publish",
            request: json!({"topicArn": format!("arn:aws:sns:{region}:{ACCOUNT}:shipping-alerts")}),
            action: "sns:Publish",
            resource: Some(format!("arn:aws:sns:{region}:{ACCOUNT}:shipping-alerts")),
            family: "sns:shipping-alerts".to_owned(),
        },
    );
    let probe = |action: &str, resource: String| writer.probe(action, resource, region);
    probes.extend([
        probe("sqs:ReceiveMessage", format!("arn:aws:sqs:{region}:{ACCOUNT}:shipping-jobs-dlq")),
        probe("sqs:SendMessage", format!("arn:aws:sqs:{region}:{ACCOUNT}:shipping-events-archive")),
        probe("dynamodb:PutItem", format!("arn:aws:dynamodb:{region}:{ACCOUNT}:table/shipping-archive")),
        probe("dynamodb:GetItem", format!("arn:aws:dynamodb:{region}:{ACCOUNT}:table/orders")),
        probe("s3:PutObject", "arn:aws:s3:::acme-shipping-labels-archive/labels/2026/03/01/label.pdf".to_owned()),
        probe("s3:PutObject", "arn:aws:s3:::acme-shipping-labels/invoices/2026/03/01/invoice.pdf".to_owned()),
        probe("logs:CreateLogStream", format!("arn:aws:logs:{region}:{ACCOUNT}:log-group:/ecs/shipping-admin:log-stream:ecs/shipping-admin/0f1e")),
        probe("secretsmanager:GetSecretValue", format!("arn:aws:secretsmanager:{region}:{ACCOUNT}:secret:prod/shipping/carrier-api-key-admin-Zz9911")),
        probe("kms:GenerateDataKey", format!("arn:aws:kms:{region}:{ACCOUNT}:key/0f1e2d3c-4b5a-4978-8796-a5b4c3d2e1f0")),
    ]);
}

fn operator(writer: &mut Writer<'_>, days: u32, probes: &mut Vec<Probe>) {
    let region = "us-east-1";
    let instances = [format!("i-0{}", writer.rng.hex(16)), format!("i-0{}", writer.rng.hex(16))];
    for day in 0..days {
        let date = writer.date(day);
        for group in ["/aws/lambda/orders-api", "/aws/lambda/orders-worker"] {
            writer.call(
                day,
                Call {
                    region,
                    source: "logs.amazonaws.com",
                    event: "FilterLogEvents",
                    request: json!({"logGroupName": group, "filterPattern": "ERROR"}),
                    action: "logs:FilterLogEvents",
                    resource: Some(format!("arn:aws:logs:{region}:{ACCOUNT}:log-group:{group}")),
                    family: format!("logs:{group}"),
                },
            );
        }
        writer.call(day, table(region, "Scan", "orders"));
        writer.call(day, table(region, "DescribeTable", "orders"));
        let key = format!("reports/daily/{:04}-{:02}-{:02}/summary.csv", date.year, date.month, date.day);
        writer.call(day, s3_object(region, "GetObject", "s3:GetObject", "acme-orders-prod-data", &key, "reports/daily/"));
        writer.call(
            day,
            Call {
                region,
                source: "monitoring.amazonaws.com",
                event: "GetMetricData",
                request: json!({}),
                action: "cloudwatch:GetMetricData",
                resource: None,
                family: "cloudwatch:*".to_owned(),
            },
        );
        let instance = &instances[(day % 2) as usize];
        writer.call(
            day,
            Call {
                region,
                source: "ssm.amazonaws.com",
                event: "StartSession",
                request: json!({"target": instance}),
                action: "ssm:StartSession",
                resource: Some(format!("arn:aws:ec2:{region}:{ACCOUNT}:instance/{instance}")),
                family: format!("ec2:{instance}"),
            },
        );
    }
    let last = days.saturating_sub(1);
    writer.call(
        last,
        Call {
            region,
            source: "iam.amazonaws.com",
            event: "ListRoles",
            request: json!({}),
            action: "iam:ListRoles",
            resource: None,
            family: "iam:*".to_owned(),
        },
    );
    let probe = |action: &str, resource: String| writer.probe(action, resource, region);
    probes.extend([
        probe("logs:FilterLogEvents", format!("arn:aws:logs:{region}:{ACCOUNT}:log-group:/aws/lambda/payments-api")),
        probe("logs:FilterLogEvents", format!("arn:aws:logs:{region}:{ACCOUNT}:log-group:/aws/lambda/orders-api-admin")),
        probe("dynamodb:Scan", format!("arn:aws:dynamodb:{region}:{ACCOUNT}:table/payments")),
        probe("dynamodb:Scan", format!("arn:aws:dynamodb:{region}:{ACCOUNT}:table/orders-archive")),
        probe("s3:GetObject", "arn:aws:s3:::acme-payments-prod-data/reports/daily/2026-03-01/summary.csv".to_owned()),
        probe("s3:GetObject", "arn:aws:s3:::acme-orders-prod-data/finance/ledger.csv".to_owned()),
        probe("ssm:StartSession", format!("arn:aws:ec2:{region}:{ACCOUNT}:instance/i-0123456789abcdef0")),
    ]);
}

/// Writes one principal's days and probes.
type WriteDays = fn(&mut Writer<'_>, u32, &mut Vec<Probe>);

/// The benchmark's workload: five principals, `days` days, labelled events and probes.
pub fn workload(options: WorkloadOptions) -> Workload {
    let mut workload = Workload::default();
    let kinds: [(Who, WriteDays); 5] = [
        (Who::role("service-role/orders-api-lambda-role"), lambda_api_role),
        (Who::role("ci/github-actions-deploy"), ci_deploy_role),
        (Who::role("analytics-pipeline"), data_pipeline_role),
        (Who::role("shipping-task-role"), ecs_task_role),
        (Who::user("staff/alice"), operator),
    ];
    for (index, (who, write)) in kinds.iter().enumerate() {
        let mut writer = Writer { who, options, out: &mut workload.events, rng: Prng::derived(options.seed, &[0xF07, index as u64]) };
        write(&mut writer, options.days, &mut workload.probes);
    }
    workload.events.sort_by(|left, right| left.record["eventTime"].as_str().cmp(&right.record["eventTime"].as_str()));
    workload
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_workload_is_deterministic_and_labelled() {
        let first = workload(WorkloadOptions::default());
        let second = workload(WorkloadOptions::default());
        assert_eq!(first.to_json(), second.to_json());
        assert_eq!(first.principals().len(), 5);
        assert!(first.events.iter().all(|event| !event.family.is_empty()));
        assert!(first.probes.len() >= 40);
        assert!(first.events.iter().any(|event| event.day == 13));
    }
}
