//! The AWS services and API calls the generator knows, and how CloudTrail records each call:
//! `requestParameters`, `responseElements`, `resources[]`, `additionalEventData`, and which IAM
//! action and resource an `AccessDenied` message would name. Shapes follow CloudTrail log files
//! (see FORMATS.md §1a); values are synthetic.

use crate::apps::{App, SHARED_BUCKETS};
use crate::record::{DateTime, Resource};
use crate::rng::Prng;
use serde_json::{json, Value};

/// The call is a data event (`eventCategory: Data`, `managementEvent: false`).
pub const DATA: u8 = 1;
/// The call only reads (`readOnly: true`).
pub const READ: u8 = 2;

/// How a service spells its errors: query/XML services say `AccessDenied`, JSON services
/// `AccessDeniedException`, EC2 `Client.UnauthorizedOperation`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Protocol {
    Query,
    Json,
    Ec2,
}

pub struct Service {
    pub short: &'static str,
    pub source: &'static str,
    pub iam_prefix: &'static str,
    /// Logged in us-east-1 whatever the caller's region (IAM, CloudFront, Route 53, ...).
    pub global: bool,
    pub protocol: Protocol,
    /// `eventVersion` of this service's management events; data events use 1.10.
    pub version: &'static str,
    pub api_version: Option<&'static str>,
    pub apis: &'static [(&'static str, u8)],
}

pub const SERVICES: &[Service] = &[
    Service {
        short: "s3",
        source: "s3.amazonaws.com",
        iam_prefix: "s3",
        global: false,
        protocol: Protocol::Query,
        version: "1.09",
        api_version: None,
        apis: &[
            ("GetObject", DATA | READ),
            ("PutObject", DATA),
            ("HeadObject", DATA | READ),
            ("DeleteObject", DATA),
            ("DeleteObjects", DATA),
            ("CopyObject", DATA),
            ("ListObjects", DATA | READ),
            ("ListObjectsV2", DATA | READ),
            ("CreateMultipartUpload", DATA),
            ("UploadPart", DATA),
            ("CompleteMultipartUpload", DATA),
            ("AbortMultipartUpload", DATA),
            ("GetObjectTagging", DATA | READ),
            ("PutObjectTagging", DATA),
            ("ListBuckets", READ),
            ("GetBucketLocation", READ),
            ("GetBucketPolicy", READ),
            ("PutBucketPolicy", 0),
            ("GetBucketAcl", READ),
            ("GetBucketVersioning", READ),
            ("GetBucketEncryption", READ),
            ("PutBucketTagging", 0),
            ("CreateBucket", 0),
            ("GetBucketPublicAccessBlock", READ),
            ("PutBucketReplication", 0),
            ("HeadBucket", READ),
        ],
    },
    Service {
        short: "dynamodb",
        source: "dynamodb.amazonaws.com",
        iam_prefix: "dynamodb",
        global: false,
        protocol: Protocol::Json,
        version: "1.08",
        api_version: None,
        apis: &[
            ("GetItem", DATA | READ),
            ("PutItem", DATA),
            ("UpdateItem", DATA),
            ("DeleteItem", DATA),
            ("Query", DATA | READ),
            ("Scan", DATA | READ),
            ("BatchGetItem", DATA | READ),
            ("BatchWriteItem", DATA),
            ("TransactWriteItems", DATA),
            ("TransactGetItems", DATA | READ),
            ("ExecuteStatement", DATA),
            ("DescribeTable", READ),
            ("ListTables", READ),
            ("CreateTable", 0),
            ("UpdateTable", 0),
            ("DescribeTimeToLive", READ),
            ("ListTagsOfResource", READ),
        ],
    },
    Service {
        short: "lambda",
        source: "lambda.amazonaws.com",
        iam_prefix: "lambda",
        global: false,
        protocol: Protocol::Json,
        version: "1.08",
        api_version: None,
        apis: &[
            ("Invoke", DATA),
            ("ListFunctions20150331", READ),
            ("GetFunction20150331v2", READ),
            ("GetFunctionConfiguration20150331v2", READ),
            ("UpdateFunctionCode20150331v2", 0),
            ("UpdateFunctionConfiguration20150331v2", 0),
            ("CreateFunction20150331", 0),
            ("PublishVersion20150331", 0),
            ("ListVersionsByFunction20150331", READ),
            ("AddPermission20150331v2", 0),
            ("GetPolicy20150331v2", READ),
            ("ListEventSourceMappings20150331", READ),
            ("ListAliases20150331", READ),
        ],
    },
    Service {
        short: "sqs",
        source: "sqs.amazonaws.com",
        iam_prefix: "sqs",
        global: false,
        protocol: Protocol::Query,
        version: "1.09",
        api_version: None,
        apis: &[
            ("SendMessage", DATA),
            ("SendMessageBatch", DATA),
            ("ReceiveMessage", DATA | READ),
            ("DeleteMessage", DATA),
            ("DeleteMessageBatch", DATA),
            ("ChangeMessageVisibility", DATA),
            ("GetQueueAttributes", READ),
            ("GetQueueUrl", READ),
            ("ListQueues", READ),
            ("SetQueueAttributes", 0),
            ("PurgeQueue", 0),
        ],
    },
    Service {
        short: "sns",
        source: "sns.amazonaws.com",
        iam_prefix: "sns",
        global: false,
        protocol: Protocol::Query,
        version: "1.09",
        api_version: None,
        apis: &[
            ("Publish", DATA),
            ("PublishBatch", DATA),
            ("ListTopics", READ),
            ("GetTopicAttributes", READ),
            ("Subscribe", 0),
            ("ListSubscriptionsByTopic", READ),
            ("CreateTopic", 0),
        ],
    },
    Service {
        short: "kms",
        source: "kms.amazonaws.com",
        iam_prefix: "kms",
        global: false,
        protocol: Protocol::Json,
        version: "1.11",
        api_version: None,
        apis: &[
            ("Decrypt", READ),
            ("Encrypt", READ),
            ("GenerateDataKey", READ),
            ("GenerateDataKeyWithoutPlaintext", READ),
            ("ReEncrypt", READ),
            ("DescribeKey", READ),
            ("ListKeys", READ),
            ("ListAliases", READ),
            ("GetKeyPolicy", READ),
            ("CreateGrant", 0),
        ],
    },
    Service {
        short: "iam",
        source: "iam.amazonaws.com",
        iam_prefix: "iam",
        global: true,
        protocol: Protocol::Query,
        version: "1.08",
        api_version: None,
        apis: &[
            ("GetRole", READ),
            ("ListRoles", READ),
            ("GetUser", READ),
            ("ListUsers", READ),
            ("ListAttachedRolePolicies", READ),
            ("ListRolePolicies", READ),
            ("GetRolePolicy", READ),
            ("PutRolePolicy", 0),
            ("AttachRolePolicy", 0),
            ("CreateRole", 0),
            ("UpdateAssumeRolePolicy", 0),
            ("GetPolicy", READ),
            ("GetPolicyVersion", READ),
            ("ListPolicies", READ),
            ("CreatePolicyVersion", 0),
            ("ListAccessKeys", READ),
            ("CreateAccessKey", 0),
            ("GetAccountSummary", READ),
            ("ListMFADevices", READ),
            ("GenerateServiceLastAccessedDetails", READ),
            ("TagRole", 0),
        ],
    },
    Service {
        short: "sts",
        source: "sts.amazonaws.com",
        iam_prefix: "sts",
        global: false,
        protocol: Protocol::Query,
        version: "1.08",
        api_version: None,
        apis: &[
            ("GetCallerIdentity", READ),
            ("AssumeRole", READ),
            ("GetSessionToken", READ),
            ("GetFederationToken", READ),
            ("AssumeRoleWithWebIdentity", READ),
            ("AssumeRoleWithSAML", READ),
        ],
    },
    Service {
        short: "signin",
        source: "signin.amazonaws.com",
        iam_prefix: "signin",
        global: true,
        protocol: Protocol::Query,
        version: "1.09",
        api_version: None,
        apis: &[("ConsoleLogin", 0)],
    },
    Service {
        short: "ec2",
        source: "ec2.amazonaws.com",
        iam_prefix: "ec2",
        global: false,
        protocol: Protocol::Ec2,
        version: "1.09",
        api_version: None,
        apis: &[
            ("DescribeInstances", READ),
            ("DescribeSecurityGroups", READ),
            ("DescribeVpcs", READ),
            ("DescribeSubnets", READ),
            ("DescribeImages", READ),
            ("DescribeVolumes", READ),
            ("DescribeRegions", READ),
            ("DescribeInstanceStatus", READ),
            ("RunInstances", 0),
            ("StartInstances", 0),
            ("StopInstances", 0),
            ("TerminateInstances", 0),
            ("CreateTags", 0),
            ("AuthorizeSecurityGroupIngress", 0),
            ("CreateSnapshot", 0),
        ],
    },
    Service {
        short: "logs",
        source: "logs.amazonaws.com",
        iam_prefix: "logs",
        global: false,
        protocol: Protocol::Json,
        version: "1.09",
        api_version: None,
        apis: &[
            ("CreateLogGroup", 0),
            ("CreateLogStream", 0),
            ("DescribeLogGroups", READ),
            ("DescribeLogStreams", READ),
            ("FilterLogEvents", READ),
            ("GetLogEvents", READ),
            ("PutRetentionPolicy", 0),
            ("StartQuery", READ),
            ("GetQueryResults", READ),
        ],
    },
    Service {
        short: "monitoring",
        source: "monitoring.amazonaws.com",
        iam_prefix: "cloudwatch",
        global: false,
        protocol: Protocol::Query,
        version: "1.09",
        api_version: None,
        apis: &[
            ("GetMetricData", READ),
            ("GetMetricStatistics", READ),
            ("ListMetrics", READ),
            ("DescribeAlarms", READ),
            ("PutMetricAlarm", 0),
            ("DeleteAlarms", 0),
        ],
    },
    Service {
        short: "secretsmanager",
        source: "secretsmanager.amazonaws.com",
        iam_prefix: "secretsmanager",
        global: false,
        protocol: Protocol::Json,
        version: "1.09",
        api_version: None,
        apis: &[("GetSecretValue", READ), ("DescribeSecret", READ), ("ListSecrets", READ), ("PutSecretValue", 0), ("CreateSecret", 0), ("RotateSecret", 0)],
    },
    Service {
        short: "ssm",
        source: "ssm.amazonaws.com",
        iam_prefix: "ssm",
        global: false,
        protocol: Protocol::Json,
        version: "1.08",
        api_version: None,
        apis: &[
            ("GetParameter", READ),
            ("GetParameters", READ),
            ("GetParametersByPath", READ),
            ("PutParameter", 0),
            ("DescribeParameters", READ),
            ("UpdateInstanceInformation", 0),
            ("ListInstanceAssociations", READ),
            ("SendCommand", 0),
            ("StartSession", 0),
        ],
    },
    Service {
        short: "cloudformation",
        source: "cloudformation.amazonaws.com",
        iam_prefix: "cloudformation",
        global: false,
        protocol: Protocol::Query,
        version: "1.08",
        api_version: None,
        apis: &[
            ("DescribeStacks", READ),
            ("CreateStack", 0),
            ("UpdateStack", 0),
            ("CreateChangeSet", 0),
            ("ExecuteChangeSet", 0),
            ("DescribeChangeSet", READ),
            ("DescribeStackEvents", READ),
            ("GetTemplate", READ),
            ("ListStacks", READ),
        ],
    },
    Service {
        short: "cloudfront",
        source: "cloudfront.amazonaws.com",
        iam_prefix: "cloudfront",
        global: true,
        protocol: Protocol::Query,
        version: "1.08",
        api_version: None,
        apis: &[
            ("ListDistributions2020_05_31", READ),
            ("GetDistribution2020_05_31", READ),
            ("GetDistributionConfig2020_05_31", READ),
            ("UpdateDistribution2020_05_31", 0),
            ("CreateInvalidation2020_05_31", 0),
            ("ListInvalidations2020_05_31", READ),
        ],
    },
    Service {
        short: "apigateway",
        source: "apigateway.amazonaws.com",
        iam_prefix: "apigateway",
        global: false,
        protocol: Protocol::Json,
        version: "1.09",
        api_version: None,
        apis: &[("GetRestApis", READ), ("GetRestApi", READ), ("GetResources", READ), ("GetStages", READ), ("CreateDeployment", 0), ("UpdateStage", 0)],
    },
    Service {
        short: "ecr",
        source: "ecr.amazonaws.com",
        iam_prefix: "ecr",
        global: false,
        protocol: Protocol::Json,
        version: "1.08",
        api_version: None,
        apis: &[
            ("GetAuthorizationToken", READ),
            ("BatchCheckLayerAvailability", READ),
            ("InitiateLayerUpload", 0),
            ("CompleteLayerUpload", 0),
            ("PutImage", 0),
            ("BatchGetImage", READ),
            ("GetDownloadUrlForLayer", READ),
            ("DescribeImages", READ),
            ("DescribeRepositories", READ),
        ],
    },
    Service {
        short: "ecs",
        source: "ecs.amazonaws.com",
        iam_prefix: "ecs",
        global: false,
        protocol: Protocol::Json,
        version: "1.08",
        api_version: None,
        apis: &[
            ("DescribeServices", READ),
            ("UpdateService", 0),
            ("RegisterTaskDefinition", 0),
            ("ListClusters", READ),
            ("DescribeTasks", READ),
            ("RunTask", 0),
        ],
    },
    Service {
        short: "bedrock",
        source: "bedrock.amazonaws.com",
        iam_prefix: "bedrock",
        global: false,
        protocol: Protocol::Json,
        version: "1.10",
        api_version: None,
        apis: &[("Converse", READ), ("ConverseStream", READ), ("InvokeModel", READ), ("ListFoundationModels", READ)],
    },
    Service {
        short: "glue",
        source: "glue.amazonaws.com",
        iam_prefix: "glue",
        global: false,
        protocol: Protocol::Json,
        version: "1.08",
        api_version: None,
        apis: &[
            ("GetDatabase", READ),
            ("GetTable", READ),
            ("GetTables", READ),
            ("GetPartitions", READ),
            ("BatchCreatePartition", 0),
            ("StartJobRun", 0),
            ("GetJobRun", READ),
        ],
    },
    Service {
        short: "athena",
        source: "athena.amazonaws.com",
        iam_prefix: "athena",
        global: false,
        protocol: Protocol::Json,
        version: "1.08",
        api_version: None,
        apis: &[("StartQueryExecution", 0), ("GetQueryExecution", READ), ("GetQueryResults", READ), ("ListWorkGroups", READ), ("GetWorkGroup", READ)],
    },
    Service {
        short: "route53",
        source: "route53.amazonaws.com",
        iam_prefix: "route53",
        global: true,
        protocol: Protocol::Query,
        version: "1.08",
        api_version: None,
        apis: &[("ListHostedZones", READ), ("ListResourceRecordSets", READ), ("ChangeResourceRecordSets", 0), ("GetChange", READ)],
    },
    Service {
        short: "states",
        source: "states.amazonaws.com",
        iam_prefix: "states",
        global: false,
        protocol: Protocol::Json,
        version: "1.08",
        api_version: None,
        apis: &[("StartExecution", 0), ("DescribeExecution", READ), ("ListStateMachines", READ)],
    },
    Service {
        short: "events",
        source: "events.amazonaws.com",
        iam_prefix: "events",
        global: false,
        protocol: Protocol::Json,
        version: "1.08",
        api_version: None,
        apis: &[("PutRule", 0), ("DescribeRule", READ), ("ListRules", READ), ("PutTargets", 0)],
    },
    Service {
        short: "elasticloadbalancing",
        source: "elasticloadbalancing.amazonaws.com",
        iam_prefix: "elasticloadbalancing",
        global: false,
        protocol: Protocol::Query,
        version: "1.08",
        api_version: Some("2015-12-01"),
        apis: &[
            ("DescribeLoadBalancers", READ),
            ("DescribeTargetGroups", READ),
            ("DescribeTargetHealth", READ),
            ("RegisterTargets", 0),
            ("DeregisterTargets", 0),
        ],
    },
    Service {
        short: "autoscaling",
        source: "autoscaling.amazonaws.com",
        iam_prefix: "autoscaling",
        global: false,
        protocol: Protocol::Query,
        version: "1.08",
        api_version: None,
        apis: &[("DescribeAutoScalingGroups", READ), ("UpdateAutoScalingGroup", 0), ("SetDesiredCapacity", 0)],
    },
    Service {
        short: "tagging",
        source: "tagging.amazonaws.com",
        iam_prefix: "tag",
        global: false,
        protocol: Protocol::Json,
        version: "1.08",
        api_version: None,
        apis: &[("GetResources", READ)],
    },
    Service {
        short: "organizations",
        source: "organizations.amazonaws.com",
        iam_prefix: "organizations",
        global: true,
        protocol: Protocol::Json,
        version: "1.08",
        api_version: None,
        apis: &[("DescribeOrganization", READ), ("ListAccounts", READ)],
    },
];

/// One API call of one service, resolved from the tables above.
#[derive(Clone, Copy, Debug)]
pub struct Api {
    pub service: usize,
    pub name: &'static str,
    pub flags: u8,
}

impl Api {
    pub fn service(&self) -> &'static Service {
        &SERVICES[self.service]
    }

    pub fn is_data(&self) -> bool {
        self.flags & DATA != 0
    }

    pub fn is_read_only(&self) -> bool {
        self.flags & READ != 0
    }

    /// The IAM action an authorization failure of this call names.
    pub fn iam_action(&self) -> String {
        let name = match (self.service().short, self.name) {
            ("s3", "HeadObject" | "CopyObject" | "CreateMultipartUpload" | "UploadPart" | "CompleteMultipartUpload") => {
                if self.name == "HeadObject" {
                    "GetObject"
                } else {
                    "PutObject"
                }
            }
            ("s3", "ListObjects" | "ListObjectsV2" | "HeadBucket") => "ListBucket",
            ("s3", "ListBuckets") => "ListAllMyBuckets",
            ("s3", "DeleteObjects") => "DeleteObject",
            ("s3", "GetBucketEncryption") => "GetEncryptionConfiguration",
            ("s3", "GetBucketPublicAccessBlock") => "GetBucketPublicAccessBlock",
            ("s3", "PutBucketReplication") => "PutReplicationConfiguration",
            ("lambda", "Invoke") => "InvokeFunction",
            ("bedrock", "Converse") => "InvokeModel",
            ("bedrock", "ConverseStream") => "InvokeModelWithResponseStream",
            ("sqs", "SendMessageBatch") => "SendMessage",
            ("sqs", "DeleteMessageBatch") => "DeleteMessage",
            ("sns", "PublishBatch") => "Publish",
            ("kms", "ReEncrypt") => "ReEncryptFrom",
            ("dynamodb", "ExecuteStatement") => "PartiQLSelect",
            ("dynamodb", "TransactWriteItems") => "PutItem",
            ("dynamodb", "TransactGetItems") => "GetItem",
            _ => strip_version(self.name),
        };
        format!("{}:{}", self.service().iam_prefix, name)
    }
}

/// `ListFunctions20150331` → `ListFunctions`, `GetDistribution2020_05_31` → `GetDistribution`.
fn strip_version(name: &str) -> &str {
    let bytes = name.as_bytes();
    let mut end = bytes.len();
    if name.ends_with("v2") {
        end -= 2;
    }
    let digits_or_underscores = bytes[..end].iter().rev().take_while(|byte| byte.is_ascii_digit() || **byte == b'_').count();
    if digits_or_underscores >= 8 {
        &name[..end - digits_or_underscores]
    } else {
        name
    }
}

/// Finds an API by service short name and event name.
pub fn find(short: &str, name: &str) -> Option<Api> {
    SERVICES.iter().enumerate().find(|(_, service)| service.short == short).and_then(|(service_index, service)| {
        service.apis.iter().find(|(api_name, _)| *api_name == name).map(|&(name, flags)| Api { service: service_index, name, flags })
    })
}

/// Every (eventSource, eventName) pair the generator can write.
pub fn all_apis() -> impl Iterator<Item = Api> {
    SERVICES.iter().enumerate().flat_map(|(service_index, service)| service.apis.iter().map(move |&(name, flags)| Api { service: service_index, name, flags }))
}

/// What the builders need to know about the call being generated.
pub struct Ctx<'a> {
    pub rng: &'a mut Prng,
    pub account: &'a str,
    pub region: &'static str,
    pub time: i64,
    pub app: &'a App,
    /// The IAM role or user ARN of the caller, when there is one.
    pub caller_arn: &'a str,
    /// Every role of the account, for STS and IAM calls that name another role.
    pub role_arns: &'a [String],
}

/// The call-specific parts of a record.
pub struct Parts {
    pub request: Value,
    pub response: Value,
    pub resources: Vec<Resource>,
    pub additional: Option<Value>,
    /// The resource an `AccessDenied` message names; `None` for calls on no resource.
    pub target_arn: Option<String>,
    /// The TLS host header when it is not `<service>.<region>.amazonaws.com`.
    pub host: Option<String>,
}

impl Parts {
    fn new(request: Value) -> Parts {
        Parts { request, response: Value::Null, resources: Vec::new(), additional: None, target_arn: None, host: None }
    }

    fn response(mut self, response: Value) -> Parts {
        self.response = response;
        self
    }

    fn target(mut self, arn: String) -> Parts {
        self.target_arn = Some(arn);
        self
    }

    fn resource(mut self, resource_type: Option<&'static str>, arn: String, account: Option<&str>) -> Parts {
        self.resources.push(Resource { account_id: account.map(str::to_owned), resource_type, arn });
        self
    }
}

impl Ctx<'_> {
    fn moment(&self) -> DateTime {
        DateTime::from_unix(self.time)
    }

    fn arn(&self, service: &str, rest: &str) -> String {
        format!("arn:aws:{service}:{}:{}:{rest}", self.region, self.account)
    }

    fn bucket(&mut self) -> String {
        if self.rng.chance(150_000) {
            (*self.rng.pick(SHARED_BUCKETS)).to_owned()
        } else {
            self.rng.pick(&self.app.buckets).clone()
        }
    }

    /// Object keys: a few hot ones, many one-off ones (as uploads and exports are).
    fn object_key(&mut self) -> String {
        let moment = self.moment();
        match self.rng.below(6) {
            0 => format!("uploads/{:02}/{:02}/{}.json", moment.month, moment.day, self.rng.hex(8)),
            1 => format!("exports/dt={:04}-{:02}-{:02}/part-{:03}.parquet", moment.year, moment.month, moment.day, self.rng.below(64)),
            2 => format!("images/{}/{}.jpg", self.rng.hex(2), self.rng.hex(10)),
            3 => format!("config/{}.json", self.rng.pick(&["settings", "feature-flags", "routing", "limits"])),
            4 => format!("reports/daily/{:04}-{:02}-{:02}/{}.csv", moment.year, moment.month, moment.day, self.rng.pick(&["summary", "errors", "revenue"])),
            _ => format!("builds/{}/{}/artifact.zip", self.app.name, self.rng.hex(7)),
        }
    }

    fn table(&mut self) -> String {
        self.rng.pick(&self.app.tables).clone()
    }

    fn function(&mut self) -> String {
        self.rng.pick(&self.app.functions).clone()
    }

    fn queue(&mut self) -> String {
        self.rng.pick(&self.app.queues).clone()
    }

    fn instance(&mut self) -> String {
        self.rng.pick(&self.app.instances).clone()
    }

    fn key_arn(&self) -> String {
        self.arn("kms", &format!("key/{}", self.app.kms_key_id))
    }

    fn s3_host(&self, bucket: &str) -> String {
        if self.region == "us-east-1" {
            format!("{bucket}.s3.amazonaws.com")
        } else {
            format!("{bucket}.s3.{}.amazonaws.com", self.region)
        }
    }

    fn role(&mut self) -> String {
        self.rng.pick(self.role_arns).clone()
    }
}

/// Builds the call-specific parts of a record for `api`.
pub fn build(ctx: &mut Ctx<'_>, api: Api) -> Parts {
    match api.service().short {
        "s3" => s3(ctx, api.name),
        "dynamodb" => dynamodb(ctx, api.name),
        "lambda" => lambda(ctx, api.name),
        "sqs" => sqs(ctx, api.name),
        "sns" => sns(ctx, api.name),
        "kms" => kms(ctx, api.name),
        "iam" => iam(ctx, api.name),
        "sts" => sts(ctx, api.name),
        "signin" => Parts::new(Value::Null).response(json!({"ConsoleLogin": "Success"})),
        "ec2" => ec2(ctx, api.name),
        "logs" => logs(ctx, api.name),
        "monitoring" => monitoring(ctx, api.name),
        "secretsmanager" => secretsmanager(ctx, api.name),
        "ssm" => ssm(ctx, api.name),
        "cloudformation" => cloudformation(ctx, api.name),
        "cloudfront" => cloudfront(ctx, api.name),
        "apigateway" => apigateway(ctx, api.name),
        "ecr" => ecr(ctx, api.name),
        "ecs" => ecs(ctx, api.name),
        "bedrock" => bedrock(ctx, api.name),
        "glue" => glue(ctx, api.name),
        "athena" => athena(ctx, api.name),
        "route53" => route53(ctx, api.name),
        "states" => states(ctx, api.name),
        "events" => events(ctx, api.name),
        "elasticloadbalancing" => elb(ctx, api.name),
        "autoscaling" => autoscaling(ctx, api.name),
        "tagging" => Parts::new(json!({"resourceTypeFilters": ["ec2:instance", "rds:db", "lambda:function"], "resourcesPerPage": 100})),
        _ => Parts::new(Value::Null),
    }
}

fn s3(ctx: &mut Ctx<'_>, name: &str) -> Parts {
    let bucket = ctx.bucket();
    let host = ctx.s3_host(&bucket);
    let bucket_arn = format!("arn:aws:s3:::{bucket}");
    let object_level = matches!(
        name,
        "GetObject"
            | "PutObject"
            | "HeadObject"
            | "DeleteObject"
            | "CopyObject"
            | "CreateMultipartUpload"
            | "UploadPart"
            | "CompleteMultipartUpload"
            | "AbortMultipartUpload"
            | "GetObjectTagging"
            | "PutObjectTagging"
    );
    let key = ctx.object_key();
    let object_arn = format!("{bucket_arn}/{key}");
    let data = object_level || matches!(name, "ListObjects" | "ListObjectsV2" | "DeleteObjects");
    let mut parts = match name {
        "GetObject" | "HeadObject" | "GetObjectTagging" => Parts::new(json!({"bucketName": bucket, "Host": host, "key": key})),
        "DeleteObject" => Parts::new(json!({"bucketName": bucket, "Host": host, "key": key})),
        "PutObject" => {
            let kms = ctx.rng.chance(250_000);
            let response = if kms {
                json!({"x-amz-server-side-encryption": "aws:kms", "x-amz-server-side-encryption-aws-kms-key-id": ctx.key_arn(), "x-amz-server-side-encryption-bucket-key-enabled": "true", "x-amz-version-id": ctx.rng.base64url(32)})
            } else if ctx.app.buckets[0] == bucket {
                // The data bucket is versioned; the uploads bucket is not.
                json!({"x-amz-server-side-encryption": "AES256", "x-amz-version-id": ctx.rng.base64url(32)})
            } else {
                json!({"x-amz-server-side-encryption": "AES256"})
            };
            Parts::new(json!({"bucketName": bucket, "Host": host, "key": key})).response(response)
        }
        "PutObjectTagging" => Parts::new(
            json!({"bucketName": bucket, "Host": host, "key": key, "tagging": "", "Tagging": {"xmlns": "http://s3.amazonaws.com/doc/2006-03-01/", "TagSet": {"Tag": {"Value": "processed", "Key": "status"}}}}),
        ),
        "CopyObject" => {
            let source_key = ctx.object_key();
            Parts::new(json!({"bucketName": bucket, "Host": host, "key": key, "x-amz-copy-source": format!("{bucket}/{source_key}")}))
                .response(json!({"x-amz-server-side-encryption": "AES256", "x-amz-version-id": ctx.rng.base64url(32)}))
        }
        "CreateMultipartUpload" => {
            let upload = ctx.rng.base64url(64);
            Parts::new(json!({"bucketName": bucket, "Host": host, "key": key, "uploads": ""}))
                .response(json!({"x-amz-server-side-encryption": "AES256", "bucket": bucket, "key": key, "uploadId": upload}))
        }
        "UploadPart" => Parts::new(
            json!({"bucketName": bucket, "Host": host, "key": key, "partNumber": (ctx.rng.between(1, 40)).to_string(), "uploadId": ctx.rng.base64url(64)}),
        )
        .response(json!({"x-amz-server-side-encryption": "AES256"})),
        "CompleteMultipartUpload" | "AbortMultipartUpload" => Parts::new(
            json!({"bucketName": bucket, "Host": host, "key": key, "uploadId": ctx.rng.base64url(64)}),
        )
        .response(if name == "CompleteMultipartUpload" {
            json!({"x-amz-server-side-encryption": "AES256", "x-amz-version-id": ctx.rng.base64url(32)})
        } else {
            Value::Null
        }),
        "ListObjects" => Parts::new(json!({"bucketName": bucket, "Host": host, "prefix": format!("exports/{}/", ctx.app.name), "delimiter": "/"})),
        "ListObjectsV2" => Parts::new(
            json!({"bucketName": bucket, "Host": host, "list-type": "2", "prefix": format!("uploads/{}/", ctx.moment().year), "max-keys": "1000", "encoding-type": "url"}),
        ),
        "DeleteObjects" => Parts::new(json!({"bucketName": bucket, "Host": host, "delete": ""})),
        "ListBuckets" => Parts::new(json!({"Host": "s3.amazonaws.com"})),
        "CreateBucket" => Parts::new(json!({"bucketName": bucket, "Host": host, "x-amz-acl": "private"})),
        "PutBucketPolicy" => Parts::new(
            json!({"bucketName": bucket, "Host": host, "policy": "", "bucketPolicy": {"Version": "2012-10-17", "Statement": [{"Sid": "DenyInsecureTransport", "Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": [bucket_arn.clone(), format!("{bucket_arn}/*")], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}}),
        ),
        "PutBucketReplication" => Parts::new(
            json!({"bucketName": bucket, "Host": host, "replication": "", "ReplicationConfiguration": {"Role": ctx.role(), "Rule": {"Status": "Enabled", "Destination": {"Bucket": format!("arn:aws:s3:::{bucket}-replica")}, "Priority": 1}}}),
        ),
        "PutBucketTagging" => Parts::new(
            json!({"bucketName": bucket, "Host": host, "tagging": "", "Tagging": {"TagSet": {"Tag": [{"Key": "team", "Value": ctx.app.name}, {"Key": "env", "Value": "prod"}]}}}),
        ),
        _ => {
            let query = match name {
                "GetBucketLocation" => "location",
                "GetBucketPolicy" => "policy",
                "GetBucketAcl" => "acl",
                "GetBucketVersioning" => "versioning",
                "GetBucketEncryption" => "encryption",
                "GetBucketPublicAccessBlock" => "publicAccessBlock",
                _ => "",
            };
            if query.is_empty() {
                Parts::new(json!({"bucketName": bucket, "Host": host}))
            } else {
                Parts::new(json!({"bucketName": bucket, "Host": host, query: ""}))
            }
        }
    };
    parts.host = Some(if name == "ListBuckets" { "s3.amazonaws.com".to_owned() } else { host });
    if object_level {
        parts = parts.resource(Some("AWS::S3::Object"), object_arn.clone(), None).target(object_arn);
        parts = parts.resource(Some("AWS::S3::Bucket"), bucket_arn, Some(ctx.account));
    } else if name != "ListBuckets" {
        parts = parts.resource(Some("AWS::S3::Bucket"), bucket_arn.clone(), Some(ctx.account)).target(bucket_arn);
    }
    if data {
        let transferred_out = if matches!(name, "GetObject") { ctx.rng.between(200, 4_000_000) } else { 0 };
        let transferred_in = if matches!(name, "PutObject" | "UploadPart") { ctx.rng.between(200, 8_000_000) } else { 0 };
        parts.additional = Some(json!({
            "SignatureVersion": "SigV4",
            "CipherSuite": "TLS_AES_128_GCM_SHA256",
            "bytesTransferredIn": transferred_in,
            "bytesTransferredOut": transferred_out,
            "AuthenticationMethod": "AuthHeader",
            "x-amz-id-2": ctx.rng.base64(75),
        }));
    } else {
        parts.additional = Some(
            json!({"SignatureVersion": "SigV4", "CipherSuite": "TLS_AES_128_GCM_SHA256", "bytesTransferredIn": 0, "AuthenticationMethod": "AuthHeader", "x-amz-id-2": ctx.rng.base64(75), "bytesTransferredOut": 0}),
        );
    }
    parts
}

fn dynamodb(ctx: &mut Ctx<'_>, name: &str) -> Parts {
    let table = ctx.table();
    let table_arn = ctx.arn("dynamodb", &format!("table/{table}"));
    let item_key = || json!({"pk": "HIDDEN_DUE_TO_SECURITY_REASONS"});
    let parts = match name {
        "GetItem" => Parts::new(json!({"tableName": table, "key": item_key(), "consistentRead": false})),
        "PutItem" => Parts::new(json!({"tableName": table, "key": item_key(), "conditionExpression": "attribute_not_exists(pk)", "returnValues": "NONE"})),
        "UpdateItem" => Parts::new(json!({"tableName": table, "key": item_key(), "updateExpression": "SET #s = :s, updatedAt = :now", "returnValues": "UPDATED_NEW"})),
        "DeleteItem" => Parts::new(json!({"tableName": table, "key": item_key(), "returnValues": "NONE"})),
        "Query" => Parts::new(
            json!({"tableName": table, "indexName": "gsi1", "keyConditionExpression": "gsi1pk = :pk AND begins_with(gsi1sk, :prefix)", "limit": 50, "scanIndexForward": false, "consistentRead": false}),
        ),
        "Scan" => Parts::new(json!({"tableName": table, "limit": 1000, "segment": ctx.rng.below(4), "totalSegments": 4})),
        "BatchGetItem" => Parts::new(json!({"requestItems": [{"tableName": table, "keys": [item_key(), item_key()], "consistentRead": false}]}))
            .response(json!({"unprocessedKeys": {}})),
        "BatchWriteItem" => Parts::new(json!({"requestItems": [{"tableName": table, "writeRequests": [{"putRequest": {"key": item_key()}}, {"deleteRequest": {"key": item_key()}}]}]}))
            .response(json!({"unprocessedItems": {}})),
        "TransactWriteItems" => {
            let other = ctx.table();
            let other_arn = ctx.arn("dynamodb", &format!("table/{other}"));
            let parts = Parts::new(json!({"transactItems": [
                {"put": {"tableName": table, "key": item_key(), "conditionExpression": "attribute_not_exists(pk)"}},
                {"update": {"tableName": other, "key": item_key(), "updateExpression": "SET version = version + :one"}}
            ], "clientRequestToken": ctx.rng.uuid()}));
            if other != table {
                return parts.resource(Some("AWS::DynamoDB::Table"), table_arn.clone(), Some(ctx.account)).resource(Some("AWS::DynamoDB::Table"), other_arn, Some(ctx.account)).target(table_arn);
            }
            parts
        }
        "TransactGetItems" => Parts::new(json!({"transactItems": [{"get": {"tableName": table, "key": item_key()}}, {"get": {"tableName": table, "key": item_key()}}]})),
        "ExecuteStatement" => {
            let statement = match ctx.rng.below(3) {
                0 => format!("SELECT * FROM \"{table}\" WHERE \"pk\" = ?"),
                1 => format!("UPDATE \"{table}\" SET \"status\" = ? WHERE \"pk\" = ? AND \"sk\" = ?"),
                _ => format!("SELECT \"pk\", \"status\" FROM \"{table}\".\"gsi1\" WHERE \"gsi1pk\" = ?"),
            };
            Parts::new(json!({"statement": statement, "consistentRead": false}))
        }
        "ListTables" => return Parts::new(json!({"limit": 100})),
        "CreateTable" => Parts::new(json!({"tableName": table, "billingMode": "PAY_PER_REQUEST", "keySchema": [{"attributeName": "pk", "keyType": "HASH"}, {"attributeName": "sk", "keyType": "RANGE"}], "attributeDefinitions": [{"attributeName": "pk", "attributeType": "S"}, {"attributeName": "sk", "attributeType": "S"}], "sSESpecification": {"enabled": true}}))
            .response(json!({"tableDescription": {"tableName": table, "tableArn": table_arn, "tableStatus": "CREATING", "tableId": ctx.rng.uuid(), "creationDateTime": ctx.moment().java()}})),
        "UpdateTable" => Parts::new(json!({"tableName": table, "billingMode": "PAY_PER_REQUEST"})),
        "ListTagsOfResource" => Parts::new(json!({"resourceArn": table_arn})),
        _ => Parts::new(json!({"tableName": table})),
    };
    parts.resource(Some("AWS::DynamoDB::Table"), table_arn.clone(), Some(ctx.account)).target(table_arn)
}

fn lambda(ctx: &mut Ctx<'_>, name: &str) -> Parts {
    let function = ctx.function();
    let function_arn = ctx.arn("lambda", &format!("function:{function}"));
    match name {
        "Invoke" => Parts::new(json!({"functionName": function_arn, "invocationType": ctx.rng.pick(&["RequestResponse", "Event"]), "logType": "None"}))
            .resource(Some("AWS::Lambda::Function"), function_arn.clone(), Some(ctx.account))
            .target(function_arn.clone()),
        "ListFunctions20150331" => Parts::new(json!({"functionVersion": "ALL", "maxItems": 50})),
        "UpdateFunctionCode20150331v2" | "UpdateFunctionConfiguration20150331v2" | "CreateFunction20150331" => {
            let request = match name {
                "UpdateFunctionCode20150331v2" => json!({"functionName": function, "s3Bucket": "acme-shared-artifacts", "s3Key": format!("lambda/{function}/{}.zip", ctx.rng.hex(40)), "publish": false, "dryRun": false}),
                "CreateFunction20150331" => json!({"functionName": function, "runtime": "python3.12", "role": ctx.role(), "handler": "app.handler", "code": {"s3Bucket": "acme-shared-artifacts", "s3Key": format!("lambda/{function}/{}.zip", ctx.rng.hex(40))}, "timeout": 30, "memorySize": 512, "publish": true, "architectures": ["arm64"]}),
                _ => json!({"functionName": function, "timeout": 30, "memorySize": 1024, "environment": {}}),
            };
            let response = json!({
                "functionName": function, "functionArn": function_arn, "runtime": "python3.12", "role": ctx.caller_arn, "handler": "app.handler",
                "codeSize": ctx.rng.between(10_000, 40_000_000), "timeout": 30, "memorySize": 512, "lastModified": format!("{}.000+0000", &ctx.moment().iso()[..19]),
                "codeSha256": ctx.rng.base64(43), "version": "$LATEST", "tracingConfig": {"mode": "PassThrough"}, "revisionId": ctx.rng.uuid(),
                "state": "Active", "lastUpdateStatus": "InProgress", "packageType": "Zip", "architectures": ["arm64"], "ephemeralStorage": {"size": 512}
            });
            Parts::new(request).response(response).target(function_arn)
        }
        "PublishVersion20150331" => Parts::new(json!({"functionName": function})).response(json!({"functionArn": format!("{function_arn}:{}", ctx.rng.between(2, 90)), "version": "1"})).target(function_arn),
        "AddPermission20150331v2" => Parts::new(json!({"functionName": function, "statementId": format!("apigw-{}", ctx.rng.hex(8)), "action": "lambda:InvokeFunction", "principal": "apigateway.amazonaws.com", "sourceArn": format!("arn:aws:execute-api:{}:{}:{}/*/POST/orders", ctx.region, ctx.account, ctx.app.rest_api_id)}))
            .response(json!({"statement": "{\"Sid\":\"apigw\",\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"apigateway.amazonaws.com\"},\"Action\":\"lambda:InvokeFunction\"}"}))
            .target(function_arn),
        "ListEventSourceMappings20150331" => Parts::new(json!({"functionName": function})),
        _ => Parts::new(json!({"functionName": function})).target(function_arn),
    }
}

fn sqs(ctx: &mut Ctx<'_>, name: &str) -> Parts {
    let queue = ctx.queue();
    let queue_url = format!("https://sqs.{}.amazonaws.com/{}/{queue}", ctx.region, ctx.account);
    let queue_arn = ctx.arn("sqs", &queue);
    let message_id = ctx.rng.uuid();
    let parts = match name {
        "SendMessage" => Parts::new(json!({"queueUrl": queue_url, "messageBody": "HIDDEN_DUE_TO_SECURITY_REASONS"}))
            .response(json!({"mD5OfMessageBody": ctx.rng.hex(32), "messageId": message_id})),
        "SendMessageBatch" => {
            let count = ctx.rng.between(2, 10);
            let entries: Vec<Value> = (0..count).map(|index| json!({"id": index.to_string(), "messageBody": "HIDDEN_DUE_TO_SECURITY_REASONS"})).collect();
            let successful: Vec<Value> =
                (0..count).map(|index| json!({"id": index.to_string(), "messageId": format!("{}-{index}", &message_id[..23])})).collect();
            Parts::new(json!({"queueUrl": queue_url, "entries": entries})).response(json!({"successful": successful, "failed": []}))
        }
        "ReceiveMessage" => Parts::new(json!({"queueUrl": queue_url, "maxNumberOfMessages": 10, "waitTimeSeconds": 20, "attributeNames": ["All"]})),
        "DeleteMessage" | "ChangeMessageVisibility" => Parts::new(json!({"queueUrl": queue_url, "receiptHandle": "HIDDEN_DUE_TO_SECURITY_REASONS"})),
        "DeleteMessageBatch" => Parts::new(
            json!({"queueUrl": queue_url, "entries": [{"id": "0", "receiptHandle": "HIDDEN_DUE_TO_SECURITY_REASONS"}, {"id": "1", "receiptHandle": "HIDDEN_DUE_TO_SECURITY_REASONS"}]}),
        ),
        "GetQueueUrl" => Parts::new(json!({"queueName": queue})).response(json!({"queueUrl": queue_url})),
        "ListQueues" => return Parts::new(json!({"queueNamePrefix": ctx.app.name})),
        "SetQueueAttributes" => Parts::new(json!({"queueUrl": queue_url, "attributes": {"VisibilityTimeout": "120"}})),
        _ => Parts::new(json!({"queueUrl": queue_url, "attributeNames": ["All"]})),
    };
    parts.resource(Some("AWS::SQS::Queue"), queue_arn.clone(), Some(ctx.account)).target(queue_arn)
}

fn sns(ctx: &mut Ctx<'_>, name: &str) -> Parts {
    let topic_arn = ctx.arn("sns", &ctx.app.topic);
    match name {
        "Publish" => Parts::new(json!({"topicArn": topic_arn, "message": "HIDDEN_DUE_TO_SECURITY_REASONS", "subject": "HIDDEN_DUE_TO_SECURITY_REASONS"}))
            .response(json!({"messageId": ctx.rng.uuid()}))
            .resource(Some("AWS::SNS::Topic"), topic_arn.clone(), Some(ctx.account))
            .target(topic_arn),
        "PublishBatch" => Parts::new(json!({"topicArn": topic_arn, "publishBatchRequestEntries": [{"id": "0", "message": "HIDDEN_DUE_TO_SECURITY_REASONS"}, {"id": "1", "message": "HIDDEN_DUE_TO_SECURITY_REASONS"}]}))
            .resource(Some("AWS::SNS::Topic"), topic_arn.clone(), Some(ctx.account))
            .target(topic_arn),
        "ListTopics" => Parts::new(Value::Null),
        "Subscribe" => {
            let queue_arn = ctx.arn("sqs", &ctx.app.queues[0]);
            Parts::new(json!({"topicArn": topic_arn, "protocol": "sqs", "endpoint": queue_arn, "returnSubscriptionArn": true}))
                .response(json!({"subscriptionArn": format!("{topic_arn}:{}", ctx.rng.uuid())}))
                .target(topic_arn)
        }
        "CreateTopic" => Parts::new(json!({"name": ctx.app.topic, "attributes": {"KmsMasterKeyId": ctx.app.kms_alias}})).response(json!({"topicArn": topic_arn.clone()})).target(topic_arn),
        _ => Parts::new(json!({"topicArn": topic_arn})).target(topic_arn),
    }
}

fn kms(ctx: &mut Ctx<'_>, name: &str) -> Parts {
    let key_arn = ctx.key_arn();
    let with_key = |parts: Parts, ctx: &Ctx<'_>| parts.resource(Some("AWS::KMS::Key"), key_arn.clone(), Some(ctx.account)).target(key_arn.clone());
    match name {
        "Decrypt" => with_key(Parts::new(json!({"encryptionAlgorithm": "SYMMETRIC_DEFAULT", "encryptionContext": {"app": ctx.app.name}})), ctx),
        "Encrypt" => with_key(
            Parts::new(json!({"keyId": ctx.app.kms_alias, "encryptionAlgorithm": "SYMMETRIC_DEFAULT", "encryptionContext": {"app": ctx.app.name}})),
            ctx,
        ),
        "GenerateDataKey" => with_key(Parts::new(json!({"keyId": key_arn, "keySpec": "AES_256", "encryptionContext": {"app": ctx.app.name}})), ctx),
        "GenerateDataKeyWithoutPlaintext" => with_key(Parts::new(json!({"keyId": ctx.app.kms_alias, "numberOfBytes": 32})), ctx),
        "ReEncrypt" => {
            let new_key_id = ctx.rng.uuid();
            let new_key = ctx.arn("kms", &format!("key/{new_key_id}"));
            Parts::new(
                json!({"destinationKeyId": new_key, "sourceEncryptionAlgorithm": "SYMMETRIC_DEFAULT", "destinationEncryptionAlgorithm": "SYMMETRIC_DEFAULT"}),
            )
            .resource(Some("AWS::KMS::Key"), key_arn.clone(), Some(ctx.account))
            .resource(Some("AWS::KMS::Key"), new_key, Some(ctx.account))
            .target(key_arn)
        }
        "DescribeKey" => with_key(Parts::new(json!({"keyId": ctx.app.kms_alias})), ctx),
        "GetKeyPolicy" => with_key(Parts::new(json!({"keyId": ctx.app.kms_key_id, "policyName": "default"})), ctx),
        "CreateGrant" => {
            let grantee = ctx.role();
            with_key(Parts::new(json!({"keyId": key_arn, "granteePrincipal": grantee, "operations": ["Decrypt", "GenerateDataKey"], "constraints": {"encryptionContextSubset": {"app": ctx.app.name}}})), ctx)
                .response(json!({"grantId": ctx.rng.hex(64), "keyId": key_arn}))
        }
        "ListKeys" => Parts::new(json!({"limit": 1000})),
        _ => Parts::new(Value::Null),
    }
}

/// A KMS call S3 makes on the caller's behalf for an SSE-KMS object (`invokedBy: s3.amazonaws.com`).
pub fn kms_via_s3(ctx: &mut Ctx<'_>, name: &str) -> Parts {
    let key_arn = ctx.key_arn();
    let bucket = ctx.rng.pick(&ctx.app.buckets).clone();
    let request = if name == "GenerateDataKey" {
        json!({"keyId": key_arn, "encryptionContext": {"aws:s3:arn": format!("arn:aws:s3:::{bucket}")}, "keySpec": "AES_256"})
    } else {
        json!({"encryptionContext": {"aws:s3:arn": format!("arn:aws:s3:::{bucket}")}, "encryptionAlgorithm": "SYMMETRIC_DEFAULT"})
    };
    Parts::new(request).resource(Some("AWS::KMS::Key"), key_arn.clone(), Some(ctx.account)).target(key_arn)
}

fn policy_document(ctx: &mut Ctx<'_>) -> String {
    let table_arn = ctx.arn("dynamodb", &format!("table/{}", ctx.app.tables[0]));
    format!(
        "{{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {{\n      \"Effect\": \"Allow\",\n      \"Action\": [\n        \"dynamodb:GetItem\",\n        \"dynamodb:PutItem\"\n      ],\n      \"Resource\": \"{table_arn}\"\n    }}\n  ]\n}}"
    )
}

fn iam(ctx: &mut Ctx<'_>, name: &str) -> Parts {
    let role_arn = ctx.role();
    let role_name = role_arn.rsplit('/').next().unwrap_or_default().to_owned();
    let user_name = ctx.rng.pick(&["alice", "bob", "terraform", "ci-deployer", "backup-agent"]).to_string();
    let user_arn = format!("arn:aws:iam::{}:user/{user_name}", ctx.account);
    match name {
        "GetRole" | "ListAttachedRolePolicies" | "ListRolePolicies" | "TagRole" => {
            let request = if name == "TagRole" { json!({"roleName": role_name, "tags": [{"key": "team", "value": ctx.app.name}]}) } else { json!({"roleName": role_name}) };
            Parts::new(request).target(role_arn)
        }
        "GetRolePolicy" => Parts::new(json!({"roleName": role_name, "policyName": format!("{}-access", ctx.app.name)})).target(role_arn),
        "PutRolePolicy" => Parts::new(json!({"roleName": role_name, "policyName": format!("{}-access", ctx.app.name), "policyDocument": policy_document(ctx)})).target(role_arn),
        "AttachRolePolicy" => Parts::new(json!({"roleName": role_name, "policyArn": ctx.rng.pick(&["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"])})).target(role_arn),
        "CreateRole" | "UpdateAssumeRolePolicy" => {
            let trust = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
            if name == "CreateRole" {
                let new_name = format!("{}-{}-role", ctx.app.name, ctx.rng.hex(6));
                let new_arn = format!("arn:aws:iam::{}:role/service-role/{new_name}", ctx.account);
                Parts::new(json!({"path": "/service-role/", "roleName": new_name, "assumeRolePolicyDocument": trust, "maxSessionDuration": 3600}))
                    .response(json!({"role": {"path": "/service-role/", "roleName": new_name, "roleId": format!("AROA{}", ctx.rng.upper(17)), "arn": new_arn, "createDate": ctx.moment().java(), "assumeRolePolicyDocument": "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Principal%22%3A%7B%22Service%22%3A%22lambda.amazonaws.com%22%7D%2C%22Action%22%3A%22sts%3AAssumeRole%22%7D%5D%7D", "maxSessionDuration": 3600}}))
                    .target(new_arn)
            } else {
                Parts::new(json!({"roleName": role_name, "policyDocument": trust})).target(role_arn)
            }
        }
        "GetUser" | "ListAccessKeys" | "ListMFADevices" => Parts::new(json!({"userName": user_name})).target(user_arn),
        "CreateAccessKey" => Parts::new(json!({"userName": user_name}))
            .response(json!({"accessKey": {"userName": user_name, "accessKeyId": format!("AKIA{}", ctx.rng.upper(16)), "status": "Active", "createDate": ctx.moment().java()}}))
            .target(user_arn),
        "GetPolicy" | "GetPolicyVersion" | "CreatePolicyVersion" => {
            let policy_arn = format!("arn:aws:iam::{}:policy/{}-read-write", ctx.account, ctx.app.name);
            let request = match name {
                "GetPolicy" => json!({"policyArn": policy_arn}),
                "GetPolicyVersion" => json!({"policyArn": policy_arn, "versionId": format!("v{}", ctx.rng.between(1, 6))}),
                _ => json!({"policyArn": policy_arn, "policyDocument": policy_document(ctx), "setAsDefault": true}),
            };
            Parts::new(request).target(policy_arn)
        }
        "ListRoles" => Parts::new(json!({"pathPrefix": "/", "maxItems": 1000})),
        "ListPolicies" => Parts::new(json!({"scope": "Local", "onlyAttached": false, "maxItems": 100})),
        "GenerateServiceLastAccessedDetails" => Parts::new(json!({"arn": role_arn, "granularity": "ACTION_LEVEL"})).response(json!({"jobId": ctx.rng.uuid()})).target(role_arn),
        _ => Parts::new(Value::Null),
    }
}

fn assumed_role_response(ctx: &mut Ctx<'_>, role_arn: &str, session: &str) -> Value {
    let role_name = role_arn.rsplit('/').next().unwrap_or_default();
    let expiration = DateTime::from_unix(ctx.time + 3600).java();
    json!({
        "credentials": {"accessKeyId": format!("ASIA{}", ctx.rng.upper(16)), "sessionToken": ctx.rng.base64(160), "expiration": expiration},
        "assumedRoleUser": {"assumedRoleId": format!("AROA{}:{session}", ctx.rng.upper(17)), "arn": format!("arn:aws:sts::{}:assumed-role/{role_name}/{session}", ctx.account)}
    })
}

fn sts(ctx: &mut Ctx<'_>, name: &str) -> Parts {
    match name {
        "AssumeRole" => {
            let role_arn = ctx.role();
            let session = format!("{}-{}", ctx.app.name, ctx.rng.digits(10));
            let response = assumed_role_response(ctx, &role_arn, &session);
            Parts::new(json!({"roleArn": role_arn, "roleSessionName": session, "durationSeconds": 3600}))
                .response(response)
                .resource(Some("AWS::IAM::Role"), role_arn.clone(), Some(ctx.account))
                .target(role_arn)
        }
        "GetSessionToken" => Parts::new(json!({"durationSeconds": 43200})).response(json!({"credentials": {"accessKeyId": format!("ASIA{}", ctx.rng.upper(16)), "sessionToken": ctx.rng.base64(120), "expiration": DateTime::from_unix(ctx.time + 43_200).java()}})),
        "GetFederationToken" => Parts::new(json!({"name": "build-bot", "durationSeconds": 3600, "policyArns": [{"arn": "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"}]})),
        _ => Parts::new(Value::Null),
    }
}

fn ec2(ctx: &mut Ctx<'_>, name: &str) -> Parts {
    let instance = ctx.instance();
    let instance_arn = ctx.arn("ec2", &format!("instance/{instance}"));
    let instances_set = json!({"items": [{"instanceId": instance}]});
    let request_id = ctx.rng.uuid();
    match name {
        "DescribeInstances" => Parts::new(json!({"instancesSet": if ctx.rng.chance(500_000) { instances_set } else { json!({}) }, "filterSet": {}})),
        "DescribeSecurityGroups" => Parts::new(json!({"securityGroupSet": {}, "securityGroupIdSet": {}, "filterSet": {"items": [{"name": "vpc-id", "valueSet": {"items": [{"value": ctx.app.vpc}]}}]}})),
        "DescribeVpcs" => Parts::new(json!({"vpcSet": {}, "filterSet": {}})),
        "DescribeSubnets" => Parts::new(json!({"subnetSet": {}, "filterSet": {"items": [{"name": "vpc-id", "valueSet": {"items": [{"value": ctx.app.vpc}]}}]}})),
        "DescribeImages" => Parts::new(json!({"executableBySet": {}, "imagesSet": {}, "ownersSet": {"items": [{"owner": "amazon"}]}, "filterSet": {"items": [{"name": "name", "valueSet": {"items": [{"value": "al2023-ami-2023.*-x86_64"}]}}]}})),
        "DescribeVolumes" => Parts::new(json!({"volumeSet": {}, "filterSet": {"items": [{"name": "attachment.instance-id", "valueSet": {"items": [{"value": instance}]}}]}})),
        "DescribeRegions" => Parts::new(json!({"regionSet": {}, "allRegions": false})),
        "DescribeInstanceStatus" => Parts::new(json!({"instancesSet": instances_set, "filterSet": {}, "includeAllInstances": true})),
        "StartInstances" | "StopInstances" | "TerminateInstances" => {
            let (current, previous) = match name {
                "StartInstances" => ((0, "pending"), (80, "stopped")),
                "StopInstances" => ((64, "stopping"), (16, "running")),
                _ => ((32, "shutting-down"), (16, "running")),
            };
            let request = if name == "StopInstances" { json!({"instancesSet": instances_set, "force": false}) } else { json!({"instancesSet": instances_set}) };
            Parts::new(request)
                .response(json!({"requestId": request_id, "instancesSet": {"items": [{"instanceId": instance, "currentState": {"code": current.0, "name": current.1}, "previousState": {"code": previous.0, "name": previous.1}}]}}))
                .target(instance_arn)
        }
        "RunInstances" => {
            let new_instance = format!("i-0{}", ctx.rng.hex(16));
            Parts::new(json!({
                "instancesSet": {"items": [{"imageId": format!("ami-0{}", ctx.rng.hex(16)), "minCount": 1, "maxCount": 1}]},
                "instanceType": "m7g.large", "blockDeviceMapping": {}, "monitoring": {"enabled": false}, "disableApiTermination": false, "disableApiStop": false,
                "clientToken": ctx.rng.uuid(), "subnetId": ctx.app.subnet, "iamInstanceProfile": {"arn": format!("arn:aws:iam::{}:instance-profile/{}-ec2-instance-role", ctx.account, ctx.app.name)},
                "tagSpecificationSet": {"items": [{"resourceType": "instance", "tags": [{"key": "aws:autoscaling:groupName", "value": ctx.app.autoscaling_group}]}]}
            }))
            .response(json!({"requestId": request_id, "reservationId": format!("r-0{}", ctx.rng.hex(16)), "ownerId": ctx.account, "groupSet": {}, "instancesSet": {"items": [{"instanceId": new_instance, "instanceState": {"code": 0, "name": "pending"}, "privateIpAddress": format!("10.0.{}.{}", ctx.rng.below(64), ctx.rng.between(4, 250)), "subnetId": ctx.app.subnet, "vpcId": ctx.app.vpc}]}}))
            .target(ctx.arn("ec2", "instance/*"))
        }
        "CreateTags" => Parts::new(json!({"resourcesSet": {"items": [{"resourceId": instance}]}, "tagSet": {"items": [{"key": "Name", "value": format!("{}-api", ctx.app.name)}]}}))
            .response(json!({"requestId": request_id, "_return": true}))
            .target(instance_arn),
        "AuthorizeSecurityGroupIngress" => Parts::new(json!({"groupId": ctx.app.security_group, "ipPermissions": {"items": [{"ipProtocol": "tcp", "fromPort": 443, "toPort": 443, "groups": {}, "ipRanges": {"items": [{"cidrIp": "10.0.0.0/16"}]}, "ipv6Ranges": {}, "prefixListIds": {}}]}}))
            .response(json!({"requestId": request_id, "_return": true, "securityGroupRuleSet": {"items": [{"groupOwnerId": ctx.account, "groupId": ctx.app.security_group, "securityGroupRuleId": format!("sgr-0{}", ctx.rng.hex(16)), "isEgress": false, "ipProtocol": "tcp", "fromPort": 443, "toPort": 443, "cidrIpv4": "10.0.0.0/16"}]}}))
            .target(ctx.arn("ec2", &format!("security-group/{}", ctx.app.security_group))),
        "CreateSnapshot" => {
            let volume = format!("vol-0{}", ctx.rng.hex(16));
            Parts::new(json!({"volumeId": volume, "description": format!("nightly backup {}", &ctx.moment().iso()[..10])}))
                .response(json!({"requestId": request_id, "snapshotId": format!("snap-0{}", ctx.rng.hex(16)), "volumeId": volume, "status": "pending", "startTime": ctx.time * 1000, "progress": "", "ownerId": ctx.account, "volumeSize": 100, "encrypted": true}))
                .target(ctx.arn("ec2", &format!("volume/{volume}")))
        }
        _ => Parts::new(Value::Null),
    }
}

fn logs(ctx: &mut Ctx<'_>, name: &str) -> Parts {
    let group = ctx.rng.pick(&ctx.app.log_groups).clone();
    let group_arn = ctx.arn("logs", &format!("log-group:{group}"));
    let moment = ctx.moment();
    let start = (ctx.time - 3600) * 1000;
    let end = ctx.time * 1000;
    let parts = match name {
        "CreateLogGroup" => Parts::new(json!({"logGroupName": group})),
        "CreateLogStream" => Parts::new(json!({"logGroupName": group, "logStreamName": format!("{:04}/{:02}/{:02}/[$LATEST]{}", moment.year, moment.month, moment.day, ctx.rng.hex(32))})),
        "DescribeLogGroups" => return Parts::new(json!({"logGroupNamePrefix": "/aws/lambda/", "limit": 50})),
        "DescribeLogStreams" => Parts::new(json!({"logGroupName": group, "orderBy": "LastEventTime", "descending": true, "limit": 50})),
        "FilterLogEvents" => Parts::new(json!({"logGroupName": group, "startTime": start, "endTime": end, "filterPattern": "ERROR", "interleaved": true})),
        "GetLogEvents" => Parts::new(json!({"logGroupName": group, "logStreamName": format!("{:04}/{:02}/{:02}/[$LATEST]{}", moment.year, moment.month, moment.day, ctx.rng.hex(32)), "startFromHead": false})),
        "PutRetentionPolicy" => Parts::new(json!({"logGroupName": group, "retentionInDays": 30})),
        "StartQuery" => Parts::new(json!({"logGroupNames": [group], "startTime": ctx.time - 3600, "endTime": ctx.time, "queryString": "fields @timestamp, @message | filter @message like /ERROR/ | sort @timestamp desc | limit 20"}))
            .response(json!({"queryId": ctx.rng.uuid()})),
        "GetQueryResults" => return Parts::new(json!({"queryId": ctx.rng.uuid()})),
        _ => Parts::new(json!({"logGroupName": group})),
    };
    parts.target(group_arn)
}

fn monitoring(ctx: &mut Ctx<'_>, name: &str) -> Parts {
    let start = DateTime::from_unix(ctx.time - 10_800).java();
    let end = DateTime::from_unix(ctx.time).java();
    let alarm = format!("{}-api-5xx-errors", ctx.app.name);
    match name {
        "GetMetricData" => Parts::new(json!({"metricDataQueries": [{"id": "m1", "metricStat": {"metric": {"namespace": "AWS/Lambda", "metricName": "Errors", "dimensions": [{"name": "FunctionName", "value": ctx.app.functions[0]}]}, "period": 300, "stat": "Sum"}, "returnData": true}], "startTime": start, "endTime": end})),
        "GetMetricStatistics" => Parts::new(json!({"namespace": "AWS/EC2", "metricName": "CPUUtilization", "dimensions": [{"name": "InstanceId", "value": ctx.app.instances[0]}], "startTime": start, "endTime": end, "period": 300, "statistics": ["Average", "Maximum"]})),
        "ListMetrics" => Parts::new(json!({"namespace": ctx.rng.pick(&["AWS/Lambda", "AWS/EC2", "AWS/DynamoDB", "AWS/SQS"])})),
        "DescribeAlarms" => Parts::new(json!({"alarmNames": [alarm], "maxRecords": 100})),
        "PutMetricAlarm" => Parts::new(json!({"alarmName": alarm, "metricName": "5XXError", "namespace": "AWS/ApiGateway", "statistic": "Sum", "period": 300, "evaluationPeriods": 2, "threshold": 5.0, "comparisonOperator": "GreaterThanThreshold", "alarmActions": [ctx.arn("sns", &ctx.app.topic)]}))
            .target(ctx.arn("cloudwatch", &format!("alarm:{alarm}"))),
        "DeleteAlarms" => Parts::new(json!({"alarmNames": [alarm]})).target(ctx.arn("cloudwatch", &format!("alarm:{alarm}"))),
        _ => Parts::new(Value::Null),
    }
}

fn secretsmanager(ctx: &mut Ctx<'_>, name: &str) -> Parts {
    let secret_arn = ctx.arn("secretsmanager", &format!("secret:{}", ctx.app.secret_name));
    let secret_id = if ctx.rng.chance(500_000) { secret_arn.clone() } else { ctx.app.secret_name[..ctx.app.secret_name.len() - 7].to_owned() };
    match name {
        "ListSecrets" => Parts::new(json!({"maxResults": 100, "filters": [{"key": "name", "values": [format!("prod/{}", ctx.app.name)]}]})),
        "PutSecretValue" => Parts::new(json!({"secretId": secret_id, "clientRequestToken": ctx.rng.uuid()}))
            .response(json!({"arn": secret_arn, "name": ctx.app.secret_name, "versionId": ctx.rng.uuid(), "versionStages": ["AWSCURRENT"]}))
            .target(secret_arn),
        "CreateSecret" => {
            Parts::new(json!({"name": format!("prod/{}/api-token", ctx.app.name), "kmsKeyId": ctx.app.kms_alias, "clientRequestToken": ctx.rng.uuid()}))
                .target(secret_arn)
        }
        "RotateSecret" => Parts::new(json!({"secretId": secret_id, "clientRequestToken": ctx.rng.uuid(), "rotateImmediately": true})).target(secret_arn),
        _ => Parts::new(json!({"secretId": secret_id})).target(secret_arn),
    }
}

fn ssm(ctx: &mut Ctx<'_>, name: &str) -> Parts {
    let parameter = ctx.rng.pick(&ctx.app.parameters).clone();
    let parameter_arn = ctx.arn("ssm", &format!("parameter{parameter}"));
    let instance = ctx.instance();
    match name {
        "GetParameter" => Parts::new(json!({"name": parameter, "withDecryption": true})).target(parameter_arn),
        "GetParameters" => Parts::new(json!({"names": [parameter, ctx.app.parameters[0]], "withDecryption": true})).target(parameter_arn),
        "GetParametersByPath" => Parts::new(json!({"path": format!("/{}/prod/", ctx.app.name), "recursive": true, "withDecryption": true})).target(ctx.arn("ssm", &format!("parameter/{}/prod", ctx.app.name))),
        "PutParameter" => Parts::new(json!({"name": parameter, "type": "SecureString", "overwrite": true, "tier": "Standard"})).response(json!({"version": ctx.rng.between(2, 40), "tier": "Standard"})).target(parameter_arn),
        "DescribeParameters" => Parts::new(json!({"maxResults": 50, "parameterFilters": [{"key": "Path", "option": "Recursive", "values": [format!("/{}/", ctx.app.name)]}]})),
        "UpdateInstanceInformation" => Parts::new(json!({
            "instanceId": instance, "agentVersion": "3.3.380.0", "agentStatus": "Active", "platformType": "Linux", "platformName": "Amazon Linux", "platformVersion": "2023",
            "iPAddress": format!("10.0.{}.{}", ctx.rng.below(64), ctx.rng.between(4, 250)), "computerName": format!("ip-10-0-{}-{}.ec2.internal", ctx.rng.below(64), ctx.rng.between(4, 250)),
            "agentName": "amazon-ssm-agent", "availabilityZone": format!("{}a", ctx.region), "availabilityZoneId": "use1-az2"
        }))
        .target(ctx.arn("ec2", &format!("instance/{instance}"))),
        "ListInstanceAssociations" => Parts::new(json!({"instanceId": instance, "maxResults": 20})),
        "SendCommand" => Parts::new(json!({"instanceIds": [instance], "documentName": "AWS-RunShellScript", "parameters": "HIDDEN_DUE_TO_SECURITY_REASONS", "interactive": false}))
            .response(json!({"command": {"commandId": ctx.rng.uuid(), "documentName": "AWS-RunShellScript", "instanceIds": [instance], "status": "Pending", "requestedDateTime": ctx.moment().java()}}))
            .target(ctx.arn("ssm", "document/AWS-RunShellScript")),
        "StartSession" => Parts::new(json!({"target": instance})).response(json!({"sessionId": format!("{}-{}", ctx.rng.pick(&["alice", "kenji.tanaka"]), ctx.rng.hex(17)), "tokenValue": "Value hidden due to security reasons.", "streamUrl": "wss://ssmmessages.us-east-1.amazonaws.com/v1/data-channel/..."})).target(ctx.arn("ec2", &format!("instance/{instance}"))),
        _ => Parts::new(Value::Null),
    }
}

fn cloudformation(ctx: &mut Ctx<'_>, name: &str) -> Parts {
    let stack = ctx.app.stack.clone();
    let stack_uuid = ctx.rng.uuid();
    let stack_id = ctx.arn("cloudformation", &format!("stack/{stack}/{stack_uuid}"));
    let change_set = format!("deploy-{}", ctx.rng.hex(7));
    let change_set_uuid = ctx.rng.uuid();
    let change_set_arn = ctx.arn("cloudformation", &format!("changeSet/{change_set}/{change_set_uuid}"));
    match name {
        "CreateChangeSet" => Parts::new(json!({"stackName": stack, "changeSetName": change_set, "templateURL": format!("https://acme-shared-artifacts.s3.amazonaws.com/cfn/{stack}/{}.template.json", ctx.rng.hex(40)), "capabilities": ["CAPABILITY_IAM", "CAPABILITY_AUTO_EXPAND"], "changeSetType": "UPDATE", "parameters": [{"parameterKey": "ImageTag", "parameterValue": format!("git-{}", ctx.rng.hex(7))}]}))
            .response(json!({"id": change_set_arn, "stackId": stack_id}))
            .target(stack_id),
        "ExecuteChangeSet" | "DescribeChangeSet" => Parts::new(json!({"changeSetName": change_set_arn, "stackName": stack})).target(stack_id),
        "CreateStack" | "UpdateStack" => Parts::new(json!({"stackName": stack, "templateURL": format!("https://acme-shared-artifacts.s3.amazonaws.com/cfn/{stack}.template.json"), "capabilities": ["CAPABILITY_NAMED_IAM"], "tags": [{"key": "team", "value": ctx.app.name}]}))
            .response(json!({"stackId": stack_id}))
            .target(stack_id),
        "ListStacks" => Parts::new(json!({"stackStatusFilter": ["CREATE_COMPLETE", "UPDATE_COMPLETE", "UPDATE_ROLLBACK_COMPLETE"]})),
        _ => Parts::new(json!({"stackName": stack})).target(stack_id),
    }
}

fn cloudfront(ctx: &mut Ctx<'_>, name: &str) -> Parts {
    let id = ctx.app.distribution_id.clone();
    let arn = format!("arn:aws:cloudfront::{}:distribution/{id}", ctx.account);
    match name {
        "ListDistributions2020_05_31" => Parts::new(Value::Null),
        "CreateInvalidation2020_05_31" => {
            let reference = format!("{}-{}", ctx.app.name, ctx.rng.digits(13));
            let invalidation = format!("I{}", ctx.rng.upper(25));
            Parts::new(json!({"distributionId": id, "invalidationBatch": {"paths": {"quantity": 1, "items": ["/*"]}, "callerReference": reference}}))
                .response(json!({"location": format!("https://cloudfront.amazonaws.com/2020-05-31/distribution/{id}/invalidation/{invalidation}"), "invalidation": {"id": invalidation, "status": "InProgress", "createTime": ctx.moment().java(), "invalidationBatch": {"paths": {"quantity": 1, "items": ["/*"]}, "callerReference": reference}}}))
                .target(arn)
        }
        "UpdateDistribution2020_05_31" => Parts::new(json!({"id": id, "ifMatch": format!("E{}", ctx.rng.upper(13)), "distributionConfig": {"callerReference": ctx.rng.uuid(), "comment": format!("{} web", ctx.app.name), "enabled": true, "defaultRootObject": "index.html", "priceClass": "PriceClass_100"}})).target(arn),
        "ListInvalidations2020_05_31" => Parts::new(json!({"distributionId": id, "maxItems": "50"})).target(arn),
        _ => Parts::new(json!({"id": id})).target(arn),
    }
}

fn apigateway(ctx: &mut Ctx<'_>, name: &str) -> Parts {
    let api = ctx.app.rest_api_id.clone();
    let arn = format!("arn:aws:apigateway:{}::/restapis/{api}", ctx.region);
    match name {
        "GetRestApis" => Parts::new(json!({"limit": 500})),
        "CreateDeployment" => Parts::new(json!({"restApiId": api, "createDeploymentInput": {"stageName": "prod", "description": format!("deploy {}", ctx.rng.hex(7))}}))
            .response(json!({"id": ctx.rng.alnum(6).to_lowercase(), "createdDate": ctx.moment().java(), "self": {"__recordDeploymentId": ctx.rng.alnum(6).to_lowercase()}}))
            .target(format!("{arn}/deployments")),
        "UpdateStage" => Parts::new(json!({"restApiId": api, "stageName": "prod", "patchOperations": [{"op": "replace", "path": "/*/*/throttling/rateLimit", "value": "500"}]})).target(format!("{arn}/stages/prod")),
        "GetStages" => Parts::new(json!({"restApiId": api})).target(format!("{arn}/stages")),
        "GetResources" => Parts::new(json!({"restApiId": api, "limit": 500})).target(format!("{arn}/resources")),
        _ => Parts::new(json!({"restApiId": api})).target(arn),
    }
}

fn ecr(ctx: &mut Ctx<'_>, name: &str) -> Parts {
    let repository = ctx.app.repository.clone();
    let arn = ctx.arn("ecr", &format!("repository/{repository}"));
    let digest = format!("sha256:{}", ctx.rng.hex(64));
    let parts = match name {
        "GetAuthorizationToken" => return Parts::new(Value::Null),
        "DescribeRepositories" => return Parts::new(json!({"maxResults": 100})),
        "BatchCheckLayerAvailability" => Parts::new(json!({"repositoryName": repository, "registryId": ctx.account, "layerDigests": [digest]})),
        "InitiateLayerUpload" => Parts::new(json!({"repositoryName": repository, "registryId": ctx.account})).response(json!({"uploadId": ctx.rng.uuid(), "partSize": 10_485_760})),
        "CompleteLayerUpload" => Parts::new(json!({"repositoryName": repository, "registryId": ctx.account, "uploadId": ctx.rng.uuid(), "layerDigests": [digest.clone()]})).response(json!({"registryId": ctx.account, "repositoryName": repository, "uploadId": ctx.rng.uuid(), "layerDigest": digest})),
        "PutImage" => Parts::new(json!({"repositoryName": repository, "registryId": ctx.account, "imageTag": format!("git-{}", ctx.rng.hex(7)), "imageManifestMediaType": "application/vnd.oci.image.manifest.v1+json"}))
            .response(json!({"image": {"registryId": ctx.account, "repositoryName": repository, "imageId": {"imageDigest": digest}}})),
        "BatchGetImage" => Parts::new(json!({"repositoryName": repository, "registryId": ctx.account, "imageIds": [{"imageTag": "latest"}], "acceptedMediaTypes": ["application/vnd.docker.distribution.manifest.v2+json", "application/vnd.oci.image.manifest.v1+json"]})),
        "GetDownloadUrlForLayer" => Parts::new(json!({"repositoryName": repository, "registryId": ctx.account, "layerDigest": digest})),
        _ => Parts::new(json!({"repositoryName": repository, "registryId": ctx.account, "maxResults": 100})),
    };
    // ECR names the repository without a resource type, as it does in CloudTrail.
    parts.resource(None, arn.clone(), Some(ctx.account)).target(arn)
}

fn ecs(ctx: &mut Ctx<'_>, name: &str) -> Parts {
    let cluster_arn = ctx.arn("ecs", "cluster/prod");
    let service_arn = ctx.arn("ecs", &format!("service/prod/{}", ctx.app.ecs_service));
    let family = ctx.app.ecs_service.clone();
    let revision = ctx.rng.between(10, 140);
    match name {
        "DescribeServices" => Parts::new(json!({"cluster": "prod", "services": [family]})).target(service_arn),
        "UpdateService" => Parts::new(json!({"cluster": "prod", "service": family, "taskDefinition": format!("{family}:{revision}"), "forceNewDeployment": false}))
            .response(json!({"service": {"serviceArn": service_arn, "serviceName": family, "clusterArn": cluster_arn, "status": "ACTIVE", "desiredCount": 3, "runningCount": 3, "launchType": "FARGATE", "taskDefinition": ctx.arn("ecs", &format!("task-definition/{family}:{revision}"))}}))
            .target(service_arn),
        "RegisterTaskDefinition" => {
            let task_role = format!("arn:aws:iam::{}:role/app/{}-ecs-task-role", ctx.account, ctx.app.name);
            Parts::new(json!({"family": family, "taskRoleArn": task_role, "executionRoleArn": format!("arn:aws:iam::{}:role/ecsTaskExecutionRole", ctx.account), "networkMode": "awsvpc", "requiresCompatibilities": ["FARGATE"], "cpu": "512", "memory": "1024",
                "containerDefinitions": [{"name": "app", "image": format!("{}.dkr.ecr.{}.amazonaws.com/{}:git-{}", ctx.account, ctx.region, ctx.app.repository, ctx.rng.hex(7)), "essential": true, "portMappings": [{"containerPort": 8080, "protocol": "tcp"}], "environment": [], "secrets": [{"name": "DB_PASSWORD", "valueFrom": ctx.arn("secretsmanager", &format!("secret:{}", ctx.app.secret_name))}]}]}))
            .target(ctx.arn("ecs", &format!("task-definition/{family}:*")))
        }
        "ListClusters" => Parts::new(json!({"maxResults": 100})),
        "DescribeTasks" => {
            let task = ctx.rng.hex(32);
            Parts::new(json!({"cluster": "prod", "tasks": [ctx.arn("ecs", &format!("task/prod/{task}"))]})).target(ctx.arn("ecs", "task/prod/*"))
        }
        _ => Parts::new(json!({"cluster": "prod", "taskDefinition": format!("{family}-migrate:{revision}"), "count": 1, "launchType": "FARGATE"})).target(ctx.arn("ecs", &format!("task-definition/{family}-migrate:{revision}"))),
    }
}

fn bedrock(ctx: &mut Ctx<'_>, name: &str) -> Parts {
    let model = *ctx.rng.pick(&["anthropic.claude-3-5-sonnet-20240620-v1:0", "anthropic.claude-3-haiku-20240307-v1:0", "amazon.titan-embed-text-v2:0"]);
    let model_arn = format!("arn:aws:bedrock:{}::foundation-model/{model}", ctx.region);
    let mut parts = match name {
        "ListFoundationModels" => return Parts::new(json!({"byOutputModality": "TEXT"})),
        "Converse" | "ConverseStream" => Parts::new(json!({"modelId": model, "inferenceConfig": {"maxTokens": 1024, "temperature": 0.2}})),
        _ => Parts::new(json!({"modelId": model, "contentType": "application/json", "accept": "application/json"})),
    };
    parts.additional = Some(json!({"inferenceRegion": ctx.region}));
    parts.host = Some(format!("bedrock-runtime.{}.amazonaws.com", ctx.region));
    parts.target(model_arn)
}

fn glue(ctx: &mut Ctx<'_>, name: &str) -> Parts {
    let table = ctx.rng.pick(&ctx.app.glue_tables).clone();
    let table_arn = ctx.arn("glue", &format!("table/analytics/{table}"));
    let moment = ctx.moment();
    let job = format!("{}-etl", ctx.app.name);
    match name {
        "GetDatabase" => Parts::new(json!({"name": "analytics"})).target(ctx.arn("glue", "database/analytics")),
        "GetTables" => Parts::new(json!({"databaseName": "analytics", "maxResults": 100})).target(ctx.arn("glue", "database/analytics")),
        "GetTable" => Parts::new(json!({"databaseName": "analytics", "name": table})).target(table_arn),
        "GetPartitions" => Parts::new(json!({"databaseName": "analytics", "tableName": table, "expression": format!("dt >= '{:04}-{:02}-01'", moment.year, moment.month), "excludeColumnSchema": true})).target(table_arn),
        "BatchCreatePartition" => Parts::new(json!({"databaseName": "analytics", "tableName": table, "partitionInputList": [{"values": [format!("{:04}-{:02}-{:02}", moment.year, moment.month, moment.day)], "storageDescriptor": {"location": format!("s3://acme-data-lake-raw/{table}/dt={:04}-{:02}-{:02}/", moment.year, moment.month, moment.day)}}]}))
            .response(json!({"errors": []}))
            .target(table_arn),
        "StartJobRun" => Parts::new(json!({"jobName": job, "arguments": {"--run_date": "HIDDEN_DUE_TO_SECURITY_REASONS"}, "workerType": "G.1X", "numberOfWorkers": 10}))
            .response(json!({"jobRunId": format!("jr_{}", ctx.rng.hex(64))}))
            .target(ctx.arn("glue", &format!("job/{job}"))),
        _ => Parts::new(json!({"jobName": job, "runId": format!("jr_{}", ctx.rng.hex(64))})).target(ctx.arn("glue", &format!("job/{job}"))),
    }
}

fn athena(ctx: &mut Ctx<'_>, name: &str) -> Parts {
    let workgroup_arn = ctx.arn("athena", "workgroup/primary");
    let query_id = ctx.rng.uuid();
    match name {
        "StartQueryExecution" => Parts::new(json!({"queryString": format!("SELECT status, count(*) FROM analytics.{}_daily WHERE dt = current_date GROUP BY 1", ctx.app.name), "clientRequestToken": ctx.rng.uuid(), "queryExecutionContext": {"database": "analytics"}, "resultConfiguration": {"outputLocation": "s3://acme-athena-results/"}, "workGroup": "primary"}))
            .response(json!({"queryExecutionId": query_id}))
            .target(workgroup_arn),
        "GetQueryResults" => Parts::new(json!({"queryExecutionId": query_id, "maxResults": 1000})).target(workgroup_arn),
        "GetQueryExecution" => Parts::new(json!({"queryExecutionId": query_id})).target(workgroup_arn),
        "ListWorkGroups" => Parts::new(json!({"maxResults": 50})),
        _ => Parts::new(json!({"workGroup": "primary"})).target(workgroup_arn),
    }
}

fn route53(ctx: &mut Ctx<'_>, name: &str) -> Parts {
    let zone = ctx.app.hosted_zone_id.clone();
    let zone_arn = format!("arn:aws:route53:::hostedzone/{zone}");
    let change = format!("C0{}", ctx.rng.upper(19));
    match name {
        "ListHostedZones" => Parts::new(Value::Null),
        "ListResourceRecordSets" => Parts::new(json!({"hostedZoneId": zone, "maxItems": "300"})).target(zone_arn),
        "ChangeResourceRecordSets" => Parts::new(json!({"hostedZoneId": zone, "changeBatch": {"changes": [{"action": "UPSERT", "resourceRecordSet": {"name": format!("{}.api.example.com", ctx.app.name), "type": "CNAME", "tTL": 300, "resourceRecords": [{"value": format!("{}.execute-api.{}.amazonaws.com", ctx.app.rest_api_id, ctx.region)}]}}]}}))
            .response(json!({"changeInfo": {"id": format!("/change/{change}"), "status": "PENDING", "submittedAt": ctx.moment().java()}}))
            .target(zone_arn),
        _ => Parts::new(json!({"id": change})).target(format!("arn:aws:route53:::change/{change}")),
    }
}

fn states(ctx: &mut Ctx<'_>, name: &str) -> Parts {
    let machine_arn = ctx.arn("states", &format!("stateMachine:{}", ctx.app.state_machine));
    let execution = ctx.rng.uuid();
    let execution_arn = ctx.arn("states", &format!("execution:{}:{execution}", ctx.app.state_machine));
    match name {
        "StartExecution" => Parts::new(json!({"stateMachineArn": machine_arn, "name": execution, "input": "HIDDEN_DUE_TO_SECURITY_REASONS"}))
            .response(json!({"executionArn": execution_arn, "startDate": ctx.moment().java()}))
            .target(machine_arn),
        "DescribeExecution" => Parts::new(json!({"executionArn": execution_arn})).target(execution_arn),
        _ => Parts::new(json!({"maxResults": 100})),
    }
}

fn events(ctx: &mut Ctx<'_>, name: &str) -> Parts {
    let rule = format!("{}-nightly", ctx.app.name);
    let rule_arn = ctx.arn("events", &format!("rule/{rule}"));
    match name {
        "PutRule" => Parts::new(json!({"name": rule, "scheduleExpression": "cron(0 3 * * ? *)", "state": "ENABLED"}))
            .response(json!({"ruleArn": rule_arn}))
            .target(rule_arn),
        "PutTargets" => Parts::new(json!({"rule": rule, "targets": [{"id": "1", "arn": ctx.arn("lambda", &format!("function:{}", ctx.app.functions[2]))}]}))
            .response(json!({"failedEntryCount": 0, "failedEntries": []}))
            .target(rule_arn),
        "ListRules" => Parts::new(json!({"namePrefix": ctx.app.name, "limit": 100})),
        _ => Parts::new(json!({"name": rule})).target(rule_arn),
    }
}

fn elb(ctx: &mut Ctx<'_>, name: &str) -> Parts {
    let target_group_arn = ctx.arn("elasticloadbalancing", &format!("targetgroup/{}", ctx.app.target_group));
    let instance = ctx.instance();
    match name {
        "DescribeLoadBalancers" => Parts::new(json!({"pageSize": 400})),
        "DescribeTargetGroups" => Parts::new(json!({"names": [ctx.app.target_group.split('/').next().unwrap_or_default()]})),
        "RegisterTargets" | "DeregisterTargets" => {
            Parts::new(json!({"targetGroupArn": target_group_arn, "targets": [{"id": instance, "port": 8080}]})).target(target_group_arn)
        }
        _ => Parts::new(json!({"targetGroupArn": target_group_arn})).target(target_group_arn),
    }
}

fn autoscaling(ctx: &mut Ctx<'_>, name: &str) -> Parts {
    let group = ctx.app.autoscaling_group.clone();
    let group_uuid = ctx.rng.uuid();
    let group_arn = ctx.arn("autoscaling", &format!("autoScalingGroup:{group_uuid}:autoScalingGroupName/{group}"));
    match name {
        "DescribeAutoScalingGroups" => Parts::new(json!({"autoScalingGroupNames": [group]})),
        "UpdateAutoScalingGroup" => {
            Parts::new(json!({"autoScalingGroupName": group, "minSize": 2, "maxSize": 12, "desiredCapacity": ctx.rng.between(2, 12)})).target(group_arn)
        }
        _ => Parts::new(json!({"autoScalingGroupName": group, "desiredCapacity": ctx.rng.between(2, 12), "honorCooldown": false})).target(group_arn),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_has_many_services_and_pairs_without_repeats() {
        let apis: Vec<Api> = all_apis().collect();
        assert!(SERVICES.len() >= 20, "{} services", SERVICES.len());
        assert!(apis.len() >= 170, "{} pairs", apis.len());
        let mut names: Vec<(&str, &str)> = apis.iter().map(|api| (api.service().source, api.name)).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), apis.len());
    }

    #[test]
    fn versioned_names_lose_only_their_version_suffix() {
        for (name, stripped) in [
            ("ListFunctions20150331", "ListFunctions"),
            ("UpdateFunctionCode20150331v2", "UpdateFunctionCode"),
            ("CreateInvalidation2020_05_31", "CreateInvalidation"),
            ("ListObjectsV2", "ListObjectsV2"),
            ("GetItem", "GetItem"),
        ] {
            assert_eq!(strip_version(name), stripped);
        }
    }
}
