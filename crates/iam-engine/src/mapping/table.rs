//! Our exception table: every (service prefix, event name) for which `prefix:EventName` is not the
//! IAM action, written from the facts in `reference/mappings/` (the iam-dataset exception list,
//! trailscraper's and cloudtracker's tables, FORMATS.md §1g) and checked against the IAM catalog by
//! `tests::every_table_action_is_in_the_catalog`. Where the 2022 facts name an action that the
//! catalog now lists under the event's own name (Glue column statistics, Lex V2), the event name
//! wins and the row is not here.
//!
//! The table also says which calls pass an IAM role (`iam:PassRole`, never recorded by CloudTrail)
//! and where the request names that role.

use super::NoPermissionReason;

/// Which object of the request an action applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum On {
    /// The call's own resource (`bucketName`/`key`, `keyId`, `functionName`, ...).
    Target,
    /// The copy source (`x-amz-copy-source`) or the key a ciphertext is decrypted with.
    Source,
    /// The key a ciphertext is re-encrypted under.
    Destination,
}

/// One action of a table row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct TableAction {
    pub action: &'static str,
    pub on: On,
}

const fn target(action: &'static str) -> TableAction {
    TableAction { action, on: On::Target }
}

/// Rows whose actions depend on the request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Special {
    /// S3 object calls: the `*Version*` action when the request names a `versionId`.
    S3Versioned { plain: &'static str, versioned: &'static str },
    /// `PutObject` and kin: the ACL and tagging headers need their own actions.
    S3Write,
    /// `CopyObject`/`UploadPartCopy`: `GetObject` (or `GetObjectVersion`) on the source,
    /// `PutObject` on the target, plus the header actions of `S3Write`.
    S3Copy,
    /// `DeleteObjects`: `DeleteObject`, and `DeleteObjectVersion` when versions are named.
    S3DeleteObjects,
    /// Public access block calls: the bucket's when a bucket is named, else the account's.
    S3PublicAccessBlock { bucket: &'static str, account: &'static str },
    /// DynamoDB PartiQL: `PartiQLSelect|Insert|Update|Delete` by each statement's verb.
    PartiQl,
    /// `TransactWriteItems`: `PutItem`, `UpdateItem`, `DeleteItem`, `ConditionCheckItem` by item.
    TransactWrite,
    /// API Gateway management calls: HTTP-verb actions on path-style ARNs.
    ApiGateway,
}

impl Special {
    /// Every action this row can produce, for the catalog check.
    pub fn possible_actions(self) -> Vec<&'static str> {
        match self {
            Special::S3Versioned { plain, versioned } => vec![plain, versioned],
            Special::S3Write => vec!["s3:PutObject", "s3:PutObjectAcl", "s3:PutObjectTagging"],
            Special::S3Copy => vec!["s3:PutObject", "s3:GetObject", "s3:GetObjectVersion", "s3:PutObjectAcl", "s3:PutObjectTagging"],
            Special::S3DeleteObjects => vec!["s3:DeleteObject", "s3:DeleteObjectVersion"],
            Special::S3PublicAccessBlock { bucket, account } => vec![bucket, account],
            Special::PartiQl => vec!["dynamodb:PartiQLSelect", "dynamodb:PartiQLInsert", "dynamodb:PartiQLUpdate", "dynamodb:PartiQLDelete"],
            Special::TransactWrite => vec!["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:ConditionCheckItem"],
            Special::ApiGateway => vec!["apigateway:GET", "apigateway:POST", "apigateway:PUT", "apigateway:PATCH", "apigateway:DELETE"],
        }
    }
}

/// What the table says about one event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Rule {
    NoPermission(NoPermissionReason),
    Actions(&'static [TableAction]),
    Special(Special),
}

/// One row: IAM service prefix, event name (version suffix stripped), rule.
pub(super) type Row = (&'static str, &'static str, Rule);

const fn rename(prefix: &'static str, event: &'static str, actions: &'static [TableAction]) -> Row {
    (prefix, event, Rule::Actions(actions))
}

const fn versioned(event: &'static str, plain: &'static str, versioned: &'static str) -> Row {
    ("s3", event, Rule::Special(Special::S3Versioned { plain, versioned }))
}

const S3_LIST_BUCKET: &[TableAction] = &[target("s3:ListBucket")];
const S3_PUT_OBJECT: &[TableAction] = &[target("s3:PutObject")];
const S3_GET_OBJECT: &[TableAction] = &[target("s3:GetObject")];
const S3_GET_LIFECYCLE: &[TableAction] = &[target("s3:GetLifecycleConfiguration")];
const S3_PUT_LIFECYCLE: &[TableAction] = &[target("s3:PutLifecycleConfiguration")];
const S3_GET_ENCRYPTION: &[TableAction] = &[target("s3:GetEncryptionConfiguration")];
const S3_PUT_ENCRYPTION: &[TableAction] = &[target("s3:PutEncryptionConfiguration")];
const S3_GET_CORS: &[TableAction] = &[target("s3:GetBucketCORS")];
const S3_PUT_CORS: &[TableAction] = &[target("s3:PutBucketCORS")];
const S3_GET_NOTIFICATION: &[TableAction] = &[target("s3:GetBucketNotification")];
const S3_PUT_NOTIFICATION: &[TableAction] = &[target("s3:PutBucketNotification")];
const S3_GET_REPLICATION: &[TableAction] = &[target("s3:GetReplicationConfiguration")];
const S3_PUT_REPLICATION: &[TableAction] = &[target("s3:PutReplicationConfiguration")];
const S3_GET_ANALYTICS: &[TableAction] = &[target("s3:GetAnalyticsConfiguration")];
const S3_PUT_ANALYTICS: &[TableAction] = &[target("s3:PutAnalyticsConfiguration")];
const S3_GET_INVENTORY: &[TableAction] = &[target("s3:GetInventoryConfiguration")];
const S3_PUT_INVENTORY: &[TableAction] = &[target("s3:PutInventoryConfiguration")];
const S3_GET_METRICS: &[TableAction] = &[target("s3:GetMetricsConfiguration")];
const S3_PUT_METRICS: &[TableAction] = &[target("s3:PutMetricsConfiguration")];
const S3_GET_TIERING: &[TableAction] = &[target("s3:GetIntelligentTieringConfiguration")];
const S3_PUT_TIERING: &[TableAction] = &[target("s3:PutIntelligentTieringConfiguration")];
const S3_PUT_OWNERSHIP: &[TableAction] = &[target("s3:PutBucketOwnershipControls")];
const SQS_SEND: &[TableAction] = &[target("sqs:SendMessage")];
const SQS_DELETE: &[TableAction] = &[target("sqs:DeleteMessage")];
const SQS_VISIBILITY: &[TableAction] = &[target("sqs:ChangeMessageVisibility")];
const BUDGETS_VIEW: &[TableAction] = &[target("budgets:ViewBudget")];
const BUDGETS_MODIFY: &[TableAction] = &[target("budgets:ModifyBudget")];
const LAMBDA_INVOKE: &[TableAction] = &[target("lambda:InvokeFunction")];

/// The rows, grouped by service. Lookups happen once per distinct (event source, event name), so
/// a linear scan is enough.
pub(super) const ROWS: &[Row] = &[
    // Calls that need no permission of the caller's (iam-dataset `sdk_permissionless_actions`).
    ("sts", "GetCallerIdentity", Rule::NoPermission(NoPermissionReason::Permissionless)),
    ("sts", "GetSessionToken", Rule::NoPermission(NoPermissionReason::Permissionless)),
    ("dynamodb", "DescribeEndpoints", Rule::NoPermission(NoPermissionReason::Permissionless)),
    // Federation: the role's trust policy decides, not an identity policy.
    ("sts", "AssumeRoleWithSAML", Rule::NoPermission(NoPermissionReason::TrustPolicy)),
    ("sts", "AssumeRoleWithWebIdentity", Rule::NoPermission(NoPermissionReason::TrustPolicy)),
    // S3: listing and reading.
    rename("s3", "ListObjects", S3_LIST_BUCKET),
    rename("s3", "ListObjectsV2", S3_LIST_BUCKET),
    rename("s3", "HeadBucket", S3_LIST_BUCKET),
    rename("s3", "ListObjectVersions", &[target("s3:ListBucketVersions")]),
    rename("s3", "ListBuckets", &[target("s3:ListAllMyBuckets")]),
    rename("s3", "ListMultipartUploads", &[target("s3:ListBucketMultipartUploads")]),
    rename("s3", "ListParts", &[target("s3:ListMultipartUploadParts")]),
    versioned("GetObject", "s3:GetObject", "s3:GetObjectVersion"),
    versioned("HeadObject", "s3:GetObject", "s3:GetObjectVersion"),
    rename("s3", "SelectObjectContent", S3_GET_OBJECT),
    versioned("GetObjectAcl", "s3:GetObjectAcl", "s3:GetObjectVersionAcl"),
    versioned("PutObjectAcl", "s3:PutObjectAcl", "s3:PutObjectVersionAcl"),
    versioned("GetObjectTagging", "s3:GetObjectTagging", "s3:GetObjectVersionTagging"),
    versioned("PutObjectTagging", "s3:PutObjectTagging", "s3:PutObjectVersionTagging"),
    versioned("DeleteObjectTagging", "s3:DeleteObjectTagging", "s3:DeleteObjectVersionTagging"),
    versioned("DeleteObject", "s3:DeleteObject", "s3:DeleteObjectVersion"),
    versioned("GetObjectAttributes", "s3:GetObjectAttributes", "s3:GetObjectVersionAttributes"),
    versioned("GetObjectTorrent", "s3:GetObjectTorrent", "s3:GetObjectVersionTorrent"),
    // S3: writing. Multipart parts are `PutObject`; copies read the source too.
    ("s3", "PutObject", Rule::Special(Special::S3Write)),
    ("s3", "CreateMultipartUpload", Rule::Special(Special::S3Write)),
    rename("s3", "UploadPart", S3_PUT_OBJECT),
    rename("s3", "CompleteMultipartUpload", S3_PUT_OBJECT),
    ("s3", "CopyObject", Rule::Special(Special::S3Copy)),
    ("s3", "UploadPartCopy", Rule::Special(Special::S3Copy)),
    ("s3", "DeleteObjects", Rule::Special(Special::S3DeleteObjects)),
    // S3: bucket configuration, where the action is named after the configuration.
    rename("s3", "GetBucketLifecycle", S3_GET_LIFECYCLE),
    rename("s3", "GetBucketLifecycleConfiguration", S3_GET_LIFECYCLE),
    rename("s3", "PutBucketLifecycle", S3_PUT_LIFECYCLE),
    rename("s3", "PutBucketLifecycleConfiguration", S3_PUT_LIFECYCLE),
    rename("s3", "DeleteBucketLifecycle", S3_PUT_LIFECYCLE),
    rename("s3", "GetBucketEncryption", S3_GET_ENCRYPTION),
    rename("s3", "PutBucketEncryption", S3_PUT_ENCRYPTION),
    rename("s3", "DeleteBucketEncryption", S3_PUT_ENCRYPTION),
    rename("s3", "GetBucketCors", S3_GET_CORS),
    rename("s3", "PutBucketCors", S3_PUT_CORS),
    rename("s3", "DeleteBucketCors", S3_PUT_CORS),
    rename("s3", "GetBucketNotificationConfiguration", S3_GET_NOTIFICATION),
    rename("s3", "PutBucketNotificationConfiguration", S3_PUT_NOTIFICATION),
    rename("s3", "GetBucketReplication", S3_GET_REPLICATION),
    // trailscraper maps this to `DeleteReplicationConfiguration` (PEERS.md §2): a delete action
    // for a write. It is `PutReplicationConfiguration`, and it passes the replication role.
    rename("s3", "PutBucketReplication", S3_PUT_REPLICATION),
    rename("s3", "DeleteBucketReplication", S3_PUT_REPLICATION),
    (
        "s3",
        "GetPublicAccessBlock",
        Rule::Special(Special::S3PublicAccessBlock { bucket: "s3:GetBucketPublicAccessBlock", account: "s3:GetAccountPublicAccessBlock" }),
    ),
    (
        "s3",
        "PutPublicAccessBlock",
        Rule::Special(Special::S3PublicAccessBlock { bucket: "s3:PutBucketPublicAccessBlock", account: "s3:PutAccountPublicAccessBlock" }),
    ),
    (
        "s3",
        "DeletePublicAccessBlock",
        Rule::Special(Special::S3PublicAccessBlock { bucket: "s3:PutBucketPublicAccessBlock", account: "s3:PutAccountPublicAccessBlock" }),
    ),
    rename("s3", "GetObjectLockConfiguration", &[target("s3:GetBucketObjectLockConfiguration")]),
    rename("s3", "PutObjectLockConfiguration", &[target("s3:PutBucketObjectLockConfiguration")]),
    rename("s3", "GetBucketAnalyticsConfiguration", S3_GET_ANALYTICS),
    rename("s3", "ListBucketAnalyticsConfigurations", S3_GET_ANALYTICS),
    rename("s3", "PutBucketAnalyticsConfiguration", S3_PUT_ANALYTICS),
    rename("s3", "DeleteBucketAnalyticsConfiguration", S3_PUT_ANALYTICS),
    rename("s3", "GetBucketInventoryConfiguration", S3_GET_INVENTORY),
    rename("s3", "ListBucketInventoryConfigurations", S3_GET_INVENTORY),
    rename("s3", "PutBucketInventoryConfiguration", S3_PUT_INVENTORY),
    rename("s3", "DeleteBucketInventoryConfiguration", S3_PUT_INVENTORY),
    rename("s3", "GetBucketMetricsConfiguration", S3_GET_METRICS),
    rename("s3", "ListBucketMetricsConfigurations", S3_GET_METRICS),
    rename("s3", "PutBucketMetricsConfiguration", S3_PUT_METRICS),
    rename("s3", "DeleteBucketMetricsConfiguration", S3_PUT_METRICS),
    rename("s3", "GetBucketIntelligentTieringConfiguration", S3_GET_TIERING),
    rename("s3", "ListBucketIntelligentTieringConfigurations", S3_GET_TIERING),
    rename("s3", "PutBucketIntelligentTieringConfiguration", S3_PUT_TIERING),
    // The 2022 facts say `DeleteIntelligentTieringConfiguration`, which IAM does not have.
    rename("s3", "DeleteBucketIntelligentTieringConfiguration", S3_PUT_TIERING),
    rename("s3", "GetBucketAccelerateConfiguration", &[target("s3:GetAccelerateConfiguration")]),
    rename("s3", "PutBucketAccelerateConfiguration", &[target("s3:PutAccelerateConfiguration")]),
    rename("s3", "DeleteBucketTagging", &[target("s3:PutBucketTagging")]),
    rename("s3", "DeleteBucketOwnershipControls", S3_PUT_OWNERSHIP),
    // KMS: one call, two keys (trailscraper #27).
    rename("kms", "ReEncrypt", &[TableAction { action: "kms:ReEncryptFrom", on: On::Source }, TableAction { action: "kms:ReEncryptTo", on: On::Destination }]),
    // Lambda: the data event is `Invoke`; the permission is `InvokeFunction` (not `lambda:Invoke`).
    rename("lambda", "Invoke", LAMBDA_INVOKE),
    rename("lambda", "InvokeWithResponseStream", LAMBDA_INVOKE),
    rename("lambda", "GetLayerVersionByArn", &[target("lambda:GetLayerVersion")]),
    // SQS batches need the single-message action (the 2022 map.json wrongly says `SendMessageBatch`).
    rename("sqs", "SendMessageBatch", SQS_SEND),
    rename("sqs", "DeleteMessageBatch", SQS_DELETE),
    rename("sqs", "ChangeMessageVisibilityBatch", SQS_VISIBILITY),
    // Bedrock's Converse API is authorised as model invocation.
    rename("bedrock", "Converse", &[target("bedrock:InvokeModel")]),
    rename("bedrock", "ConverseStream", &[target("bedrock:InvokeModelWithResponseStream")]),
    // DynamoDB PartiQL and transactions.
    ("dynamodb", "ExecuteStatement", Rule::Special(Special::PartiQl)),
    ("dynamodb", "BatchExecuteStatement", Rule::Special(Special::PartiQl)),
    ("dynamodb", "ExecuteTransaction", Rule::Special(Special::PartiQl)),
    ("dynamodb", "TransactWriteItems", Rule::Special(Special::TransactWrite)),
    rename("dynamodb", "TransactGetItems", &[target("dynamodb:GetItem")]),
    // Budgets has two actions for all of its API.
    rename("budgets", "DescribeBudget", BUDGETS_VIEW),
    rename("budgets", "DescribeBudgets", BUDGETS_VIEW),
    rename("budgets", "DescribeBudgetPerformanceHistory", BUDGETS_VIEW),
    rename("budgets", "DescribeNotificationsForBudget", BUDGETS_VIEW),
    rename("budgets", "DescribeSubscribersForNotification", BUDGETS_VIEW),
    rename("budgets", "CreateBudget", BUDGETS_MODIFY),
    rename("budgets", "UpdateBudget", BUDGETS_MODIFY),
    rename("budgets", "DeleteBudget", BUDGETS_MODIFY),
    rename("budgets", "CreateNotification", BUDGETS_MODIFY),
    rename("budgets", "UpdateNotification", BUDGETS_MODIFY),
    rename("budgets", "DeleteNotification", BUDGETS_MODIFY),
    rename("budgets", "CreateSubscriber", BUDGETS_MODIFY),
    rename("budgets", "UpdateSubscriber", BUDGETS_MODIFY),
    rename("budgets", "DeleteSubscriber", BUDGETS_MODIFY),
    // Timestream queries are authorised as `Select`.
    rename("timestream", "Query", &[target("timestream:Select")]),
];

/// The table's rule for an event, if any. `prefix` is the IAM prefix, `event` the event name with
/// its version suffix stripped; both compare exactly (CloudTrail spells them consistently).
pub(super) fn rule_for(prefix: &str, event: &str) -> Option<Rule> {
    ROWS.iter().find(|(row_prefix, row_event, _)| *row_prefix == prefix && *row_event == event).map(|(_, _, rule)| *rule)
}

/// What kind of thing a request field names when a call passes a role.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Passed {
    /// A role ARN (or name).
    Role,
    /// An instance profile ARN or name; the role inside it is passed.
    InstanceProfile,
}

/// A call that passes a role: where the request names it.
#[derive(Clone, Copy, Debug)]
pub(super) struct PassRoleRow {
    pub action: &'static str,
    /// Paths of request members that hold the role (any that are present).
    pub paths: &'static [&'static [&'static str]],
    pub passed: Passed,
    /// Whether the call always passes a role (even when the request hides which).
    pub always: bool,
}

const fn passes(action: &'static str, paths: &'static [&'static [&'static str]], always: bool) -> PassRoleRow {
    PassRoleRow { action, paths, passed: Passed::Role, always }
}

const fn passes_profile(action: &'static str, paths: &'static [&'static [&'static str]]) -> PassRoleRow {
    PassRoleRow { action, paths, passed: Passed::InstanceProfile, always: false }
}

const INSTANCE_PROFILE: &[&[&str]] = &[&["iamInstanceProfile", "arn"], &["iamInstanceProfile", "name"]];

/// Calls that need `iam:PassRole` as well (iam-dataset map.json, the IAM user guide's PassRole
/// page). They are flagged for a suggestion, never silently granted.
pub(super) const PASS_ROLE_ROWS: &[PassRoleRow] = &[
    passes_profile("ec2:RunInstances", INSTANCE_PROFILE),
    passes_profile("ec2:AssociateIamInstanceProfile", INSTANCE_PROFILE),
    passes_profile("ec2:ReplaceIamInstanceProfileAssociation", INSTANCE_PROFILE),
    passes_profile(
        "ec2:RequestSpotInstances",
        &[&["launchSpecification", "iamInstanceProfile", "arn"], &["launchSpecification", "iamInstanceProfile", "name"]],
    ),
    passes_profile("autoscaling:CreateLaunchConfiguration", &[&["iamInstanceProfile"]]),
    passes("lambda:CreateFunction", &[&["role"]], true),
    passes("lambda:UpdateFunctionConfiguration", &[&["role"]], false),
    passes("ecs:RegisterTaskDefinition", &[&["taskRoleArn"], &["executionRoleArn"]], false),
    passes("ecs:RunTask", &[&["overrides", "taskRoleArn"], &["overrides", "executionRoleArn"]], false),
    passes("ecs:CreateService", &[&["role"]], false),
    passes("glue:CreateJob", &[&["role"]], true),
    passes("glue:UpdateJob", &[&["jobUpdate", "role"]], false),
    passes("glue:CreateCrawler", &[&["role"]], true),
    passes("glue:UpdateCrawler", &[&["role"]], false),
    passes("glue:CreateDevEndpoint", &[&["roleArn"]], true),
    passes("cloudformation:CreateStack", &[&["roleARN"]], false),
    passes("cloudformation:UpdateStack", &[&["roleARN"]], false),
    passes("cloudformation:CreateChangeSet", &[&["roleARN"]], false),
    passes("cloudformation:ContinueUpdateRollback", &[&["roleARN"]], false),
    passes("cloudformation:CreateStackSet", &[&["administrationRoleARN"]], false),
    passes("cloudformation:UpdateStackSet", &[&["administrationRoleARN"]], false),
    passes("ssm:SendCommand", &[&["serviceRoleArn"]], false),
    passes("ssm:CreateActivation", &[&["iamRole"]], true),
    passes("ssm:UpdateManagedInstanceRole", &[&["iamRole"]], true),
    passes("ssm:RegisterTaskWithMaintenanceWindow", &[&["serviceRoleArn"]], false),
    passes("ssm:UpdateMaintenanceWindowTask", &[&["serviceRoleArn"]], false),
    passes("states:CreateStateMachine", &[&["roleArn"]], true),
    passes("states:UpdateStateMachine", &[&["roleArn"]], false),
    passes("codebuild:CreateProject", &[&["serviceRole"]], true),
    passes("codebuild:UpdateProject", &[&["serviceRole"]], false),
    passes("codebuild:StartBuild", &[&["serviceRoleOverride"]], false),
    passes("codepipeline:CreatePipeline", &[&["pipeline", "roleArn"]], true),
    passes("codepipeline:UpdatePipeline", &[&["pipeline", "roleArn"]], true),
    passes("events:PutRule", &[&["roleArn"]], false),
    passes("scheduler:CreateSchedule", &[&["target", "roleArn"]], true),
    passes("scheduler:UpdateSchedule", &[&["target", "roleArn"]], true),
    passes("sagemaker:CreateTrainingJob", &[&["roleArn"]], true),
    passes("sagemaker:CreateProcessingJob", &[&["roleArn"]], true),
    passes("sagemaker:CreateNotebookInstance", &[&["roleArn"]], true),
    passes("sagemaker:CreateModel", &[&["executionRoleArn"]], true),
    passes("eks:CreateCluster", &[&["roleArn"]], true),
    passes("eks:CreateNodegroup", &[&["nodeRole"]], true),
    passes("iam:AddRoleToInstanceProfile", &[&["roleName"]], true),
    passes("s3:PutReplicationConfiguration", &[&["ReplicationConfiguration", "Role"]], false),
    passes("logs:PutSubscriptionFilter", &[&["roleArn"]], false),
    passes("logs:PutDestination", &[&["roleArn"]], true),
    passes("cloudtrail:CreateTrail", &[&["cloudWatchLogsRoleArn"]], false),
    passes("cloudtrail:UpdateTrail", &[&["cloudWatchLogsRoleArn"]], false),
    passes("ec2:CreateFlowLogs", &[&["deliverLogsPermissionArn"]], false),
    passes("rds:CreateDBInstance", &[&["monitoringRoleArn"]], false),
    passes("rds:ModifyDBInstance", &[&["monitoringRoleArn"]], false),
    passes("rds:AddRoleToDBCluster", &[&["roleArn"]], true),
    passes("rds:AddRoleToDBInstance", &[&["roleArn"]], true),
    passes("backup:StartBackupJob", &[&["iamRoleArn"]], true),
    passes("backup:CreateBackupSelection", &[&["backupSelection", "iamRoleArn"]], true),
    passes("batch:CreateComputeEnvironment", &[&["serviceRole"]], false),
    passes("batch:RegisterJobDefinition", &[&["containerProperties", "jobRoleArn"], &["containerProperties", "executionRoleArn"]], false),
    passes("elasticmapreduce:RunJobFlow", &[&["serviceRole"]], true),
    passes("pipes:CreatePipe", &[&["roleArn"]], true),
    passes("apprunner:CreateService", &[&["instanceConfiguration", "instanceRoleArn"]], false),
];

/// Actions whose required resource types are alternatives (one call targets one model, one table
/// or stream, one IAM entity), unlike `ec2:RunInstances`, whose required types are all touched by
/// every call. For every other action, an ARN is reported only when every required type has one:
/// a partial list would make the policy deny the call.
pub(super) const ALTERNATIVE_TYPES: &[&str] = &[
    "bedrock:InvokeModel",
    "bedrock:InvokeModelWithResponseStream",
    "bedrock:GetInferenceProfile",
    "dynamodb:TagResource",
    "dynamodb:UntagResource",
    "dynamodb:ListTagsOfResource",
    "dynamodb:GetResourcePolicy",
    "dynamodb:PutResourcePolicy",
    "dynamodb:DeleteResourcePolicy",
    "iam:GenerateServiceLastAccessedDetails",
    "iam:ListPoliciesGrantingServiceAccess",
    "ssm:DescribeEffectiveInstanceAssociations",
    "ssm:DescribeInstanceAssociationsStatus",
    "ssm:DescribeInstancePatchStates",
    "ssm:DescribeInstancePatches",
];

/// The PassRole row of a catalog-spelled action, if it passes a role.
pub(super) fn pass_role_for(action: &str) -> Option<&'static PassRoleRow> {
    PASS_ROLE_ROWS.iter().find(|row| row.action.eq_ignore_ascii_case(action))
}

/// Every action a table row can produce.
#[cfg(test)]
pub(super) fn actions_of(rule: Rule) -> Vec<&'static str> {
    match rule {
        Rule::NoPermission(_) => Vec::new(),
        Rule::Actions(actions) => actions.iter().map(|action| action.action).collect(),
        Rule::Special(special) => special.possible_actions(),
    }
}
