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
    /// `GetObjectAttributes`: `GetObject` and `GetObjectAttributes`, or their `*Version*` pair
    /// when the request names a `versionId` (S3 API reference, GetObjectAttributes, Permissions).
    S3Attributes,
    /// `PutObject` and kin: the ACL and tagging headers need their own actions.
    S3Write,
    /// `CopyObject`/`UploadPartCopy`: `GetObject` (or `GetObjectVersion`) on the source,
    /// `PutObject` on the target, plus (for a whole-object copy) the header actions of `S3Write`.
    S3Copy { headers: bool },
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
            Special::S3Versioned { plain: "s3:DeleteObject", versioned } => vec!["s3:DeleteObject", versioned, S3_BYPASS],
            Special::S3Versioned { plain, versioned } => vec![plain, versioned],
            Special::S3Attributes => vec!["s3:GetObject", "s3:GetObjectAttributes", "s3:GetObjectVersion", "s3:GetObjectVersionAttributes"],
            Special::S3Write => vec!["s3:PutObject", "s3:PutObjectAcl", "s3:PutObjectTagging", "s3:PutObjectLegalHold", "s3:PutObjectRetention"],
            Special::S3Copy { headers: false } => vec!["s3:PutObject", "s3:GetObject", "s3:GetObjectVersion"],
            Special::S3Copy { headers: true } => vec![
                "s3:PutObject",
                "s3:GetObject",
                "s3:GetObjectVersion",
                "s3:PutObjectAcl",
                "s3:PutObjectTagging",
                "s3:PutObjectLegalHold",
                "s3:PutObjectRetention",
            ],
            Special::S3DeleteObjects => vec!["s3:DeleteObject", "s3:DeleteObjectVersion", S3_BYPASS],
            Special::S3PublicAccessBlock { bucket, account } => vec![bucket, account],
            Special::PartiQl => vec!["dynamodb:PartiQLSelect", "dynamodb:PartiQLInsert", "dynamodb:PartiQLUpdate", "dynamodb:PartiQLDelete"],
            Special::TransactWrite => vec!["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:ConditionCheckItem"],
            Special::ApiGateway => vec!["apigateway:GET", "apigateway:POST", "apigateway:PUT", "apigateway:PATCH", "apigateway:DELETE"],
        }
    }
}

/// Needed beside an object call that sends `x-amz-bypass-governance-retention`.
pub(super) const S3_BYPASS: &str = "s3:BypassGovernanceRetention";

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
    versioned("GetObject", "s3:GetObject", "s3:GetObjectVersion"),
    versioned("HeadObject", "s3:GetObject", "s3:GetObjectVersion"),
    versioned("GetObjectAcl", "s3:GetObjectAcl", "s3:GetObjectVersionAcl"),
    versioned("PutObjectAcl", "s3:PutObjectAcl", "s3:PutObjectVersionAcl"),
    versioned("GetObjectTagging", "s3:GetObjectTagging", "s3:GetObjectVersionTagging"),
    versioned("PutObjectTagging", "s3:PutObjectTagging", "s3:PutObjectVersionTagging"),
    versioned("DeleteObjectTagging", "s3:DeleteObjectTagging", "s3:DeleteObjectVersionTagging"),
    versioned("DeleteObject", "s3:DeleteObject", "s3:DeleteObjectVersion"),
    ("s3", "GetObjectAttributes", Rule::Special(Special::S3Attributes)),
    // S3: writing. Multipart parts are `PutObject`; copies read the source too.
    ("s3", "PutObject", Rule::Special(Special::S3Write)),
    ("s3", "CreateMultipartUpload", Rule::Special(Special::S3Write)),
    ("s3", "CopyObject", Rule::Special(Special::S3Copy { headers: true })),
    ("s3", "UploadPartCopy", Rule::Special(Special::S3Copy { headers: false })),
    ("s3", "DeleteObjects", Rule::Special(Special::S3DeleteObjects)),
    // S3: bucket configuration, where the action is named after the configuration.
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
    // KMS: one call, two keys (trailscraper #27).
    rename("kms", "ReEncrypt", &[TableAction { action: "kms:ReEncryptFrom", on: On::Source }, TableAction { action: "kms:ReEncryptTo", on: On::Destination }]),
    // DynamoDB PartiQL and transactions.
    ("dynamodb", "ExecuteStatement", Rule::Special(Special::PartiQl)),
    ("dynamodb", "BatchExecuteStatement", Rule::Special(Special::PartiQl)),
    ("dynamodb", "ExecuteTransaction", Rule::Special(Special::PartiQl)),
    ("dynamodb", "TransactWriteItems", Rule::Special(Special::TransactWrite)),
    // Not in AWS's operation map (2026-07-25), seen in real logs: the SSM agent's control channel
    // (Session Manager) is an `ssmmessages` action though CloudTrail names `ssm.amazonaws.com`;
    // S3 Express's `ListDirectoryBuckets` is authorised as `ListAllMyDirectoryBuckets`.
    rename("ssm", "OpenControlChannel", &[target("ssmmessages:OpenControlChannel")]),
    rename("s3express", "ListDirectoryBuckets", &[target("s3express:ListAllMyDirectoryBuckets")]),
    // Lambda's 2014-11-11 preview API; the 2015-03-31 API replaced it with
    // `CreateEventSourceMapping`, the action IAM checks. AWS's map lists only `iam:PassRole` (its
    // `Role` parameter, flagged below).
    rename("lambda", "AddEventSource", &[target("lambda:CreateEventSourceMapping")]),
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

/// For the calls AWS's operation map says pass a role and no row of ours describes: the role
/// ARNs written anywhere in the request.
pub(super) const ANY_ROLE_IN_REQUEST: PassRoleRow = PassRoleRow { action: "", paths: &[], passed: Passed::Role, always: false };

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
    // Only the 2014 `AddEventSource` (mapped to this action) names a role.
    passes("lambda:CreateEventSourceMapping", &[&["role"]], false),
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
