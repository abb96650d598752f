//! Who acts in the generated account: roles and users, each with a persona (what kind of
//! workload or person it is), the calls it makes and how often, its user agents and source
//! addresses, and how its sessions look in `userIdentity`.

use crate::apps::APP_NAMES;
use crate::catalog::{self, Api};
use crate::rng::Prng;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Persona {
    /// A Lambda function's execution role.
    AppLambda,
    /// A GitHub Actions deployment role (OIDC web identity).
    CiDeploy,
    /// An IAM Identity Center administrator permission set.
    SsoAdmin,
    /// An ECS task role of a container service.
    AppEcs,
    /// The Auto Scaling service-linked role.
    ServiceLinked,
    /// An IAM Identity Center read-only permission set (tries writes now and then).
    SsoReadOnly,
    /// A Glue ETL job role.
    DataPipeline,
    /// An EC2 instance profile role.
    Ec2Instance,
    /// An application calling Bedrock.
    MlBedrock,
    /// A third-party monitoring integration (read-only, cross-account trust).
    Monitoring,
    /// A Step Functions state machine role.
    Workflow,
    /// A person signing in to the console with MFA.
    ConsoleMfa,
    /// A CI server with a long-term access key.
    CiUser,
    /// A person signing in to the console without MFA.
    ConsoleNoMfa,
    /// Terraform run with a long-term access key.
    Terraform,
    /// A reporting script with a long-term access key.
    Reporting,
    /// A backup agent with a long-term access key.
    Backup,
}

/// Persona order for roles: the first roles are the most instructive (an app role, a CI role,
/// an Identity Center role, ...), so small samples still show the interesting cases.
const ROLE_ORDER: &[Persona] = &[
    Persona::AppLambda,
    Persona::CiDeploy,
    Persona::SsoAdmin,
    Persona::AppEcs,
    Persona::ServiceLinked,
    Persona::SsoReadOnly,
    Persona::DataPipeline,
    Persona::Ec2Instance,
    Persona::MlBedrock,
    Persona::Monitoring,
    Persona::Workflow,
];
const ROLE_CYCLE: &[Persona] =
    &[Persona::AppLambda, Persona::AppEcs, Persona::Ec2Instance, Persona::DataPipeline, Persona::Workflow, Persona::MlBedrock, Persona::CiDeploy];
const USER_ORDER: &[Persona] = &[Persona::ConsoleMfa, Persona::CiUser, Persona::ConsoleNoMfa, Persona::Terraform, Persona::Reporting, Persona::Backup];

const PEOPLE: &[&str] = &[
    "alice",
    "bob",
    "kenji.tanaka",
    "yuki.sato",
    "maria.garcia",
    "wei.chen",
    "priya.patel",
    "lucas.martin",
    "sofia.rossi",
    "omar.haddad",
    "emma.jones",
    "hiroshi.yamamoto",
];

/// (service short name, event name, weight). `kms-via-s3` is a KMS call S3 makes for the caller.
type Uses = &'static [(&'static str, &'static str, u64)];

const APP_DATA: Uses = &[
    ("s3", "GetObject", 70),
    ("s3", "PutObject", 35),
    ("s3", "HeadObject", 18),
    ("s3", "ListObjectsV2", 12),
    ("s3", "CopyObject", 5),
    ("s3", "DeleteObject", 6),
    ("s3", "CreateMultipartUpload", 3),
    ("s3", "UploadPart", 8),
    ("s3", "CompleteMultipartUpload", 3),
    ("kms-via-s3", "GenerateDataKey", 15),
    ("kms-via-s3", "Decrypt", 25),
    ("dynamodb", "GetItem", 90),
    ("dynamodb", "PutItem", 40),
    ("dynamodb", "UpdateItem", 30),
    ("dynamodb", "Query", 50),
    ("dynamodb", "BatchWriteItem", 6),
    ("dynamodb", "BatchGetItem", 6),
    ("dynamodb", "TransactWriteItems", 4),
    ("dynamodb", "ExecuteStatement", 4),
    ("dynamodb", "DeleteItem", 4),
    ("sqs", "SendMessage", 30),
    ("sqs", "SendMessageBatch", 8),
    ("sqs", "ReceiveMessage", 25),
    ("sqs", "DeleteMessage", 20),
    ("sns", "Publish", 10),
    ("kms", "Decrypt", 12),
    ("kms", "GenerateDataKey", 6),
    ("secretsmanager", "GetSecretValue", 8),
    ("ssm", "GetParameter", 8),
    ("ssm", "GetParametersByPath", 3),
    ("sts", "GetCallerIdentity", 3),
];

const LAMBDA_EXTRA: Uses = &[
    ("logs", "CreateLogStream", 6),
    ("logs", "CreateLogGroup", 1),
    ("lambda", "Invoke", 12),
    ("dynamodb", "TransactGetItems", 2),
    ("sqs", "DeleteMessageBatch", 5),
    ("sqs", "ChangeMessageVisibility", 2),
    ("bedrock", "Converse", 2),
];

const ECS_EXTRA: Uses = &[
    ("dynamodb", "Scan", 2),
    ("s3", "AbortMultipartUpload", 1),
    ("s3", "GetObjectTagging", 2),
    ("s3", "PutObjectTagging", 2),
    ("sqs", "GetQueueUrl", 3),
    ("sqs", "GetQueueAttributes", 2),
    ("sns", "PublishBatch", 2),
    ("kms", "Encrypt", 3),
    ("kms", "GenerateDataKeyWithoutPlaintext", 1),
    ("ssm", "GetParameters", 4),
    ("states", "StartExecution", 2),
    ("events", "DescribeRule", 1),
];

const CI_DEPLOY: Uses = &[
    ("sts", "GetCallerIdentity", 10),
    ("s3", "PutObject", 20),
    ("s3", "ListObjectsV2", 6),
    ("s3", "HeadObject", 4),
    ("s3", "GetObject", 4),
    ("cloudformation", "DescribeStacks", 20),
    ("cloudformation", "CreateChangeSet", 5),
    ("cloudformation", "DescribeChangeSet", 10),
    ("cloudformation", "ExecuteChangeSet", 4),
    ("cloudformation", "DescribeStackEvents", 12),
    ("cloudformation", "GetTemplate", 2),
    ("lambda", "UpdateFunctionCode20150331v2", 6),
    ("lambda", "UpdateFunctionConfiguration20150331v2", 2),
    ("lambda", "GetFunction20150331v2", 6),
    ("lambda", "GetFunctionConfiguration20150331v2", 4),
    ("lambda", "PublishVersion20150331", 2),
    ("lambda", "ListVersionsByFunction20150331", 1),
    ("lambda", "AddPermission20150331v2", 1),
    ("ecr", "GetAuthorizationToken", 5),
    ("ecr", "BatchCheckLayerAvailability", 6),
    ("ecr", "InitiateLayerUpload", 2),
    ("ecr", "CompleteLayerUpload", 2),
    ("ecr", "PutImage", 2),
    ("ecr", "DescribeImages", 2),
    ("ecs", "RegisterTaskDefinition", 2),
    ("ecs", "UpdateService", 2),
    ("ecs", "DescribeServices", 6),
    ("iam", "GetRole", 3),
    ("cloudfront", "CreateInvalidation2020_05_31", 2),
    ("cloudfront", "GetDistribution2020_05_31", 1),
    ("apigateway", "CreateDeployment", 1),
    ("apigateway", "GetRestApis", 1),
    ("ssm", "GetParameter", 3),
    ("kms-via-s3", "GenerateDataKey", 4),
];

const SSO_ADMIN: Uses = &[
    ("signin", "ConsoleLogin", 3),
    ("ec2", "DescribeInstances", 20),
    ("ec2", "DescribeSecurityGroups", 8),
    ("ec2", "DescribeVpcs", 4),
    ("ec2", "DescribeSubnets", 4),
    ("ec2", "DescribeVolumes", 2),
    ("ec2", "DescribeRegions", 3),
    ("ec2", "DescribeInstanceStatus", 3),
    ("ec2", "StartInstances", 1),
    ("ec2", "StopInstances", 1),
    ("ec2", "AuthorizeSecurityGroupIngress", 1),
    ("ec2", "CreateTags", 1),
    ("iam", "ListRoles", 6),
    ("iam", "GetRole", 6),
    ("iam", "ListAttachedRolePolicies", 5),
    ("iam", "ListRolePolicies", 3),
    ("iam", "GetRolePolicy", 3),
    ("iam", "PutRolePolicy", 1),
    ("iam", "AttachRolePolicy", 1),
    ("iam", "CreateRole", 1),
    ("iam", "GetPolicy", 2),
    ("iam", "GetPolicyVersion", 2),
    ("iam", "CreatePolicyVersion", 1),
    ("iam", "GetAccountSummary", 2),
    ("iam", "ListUsers", 2),
    ("iam", "GenerateServiceLastAccessedDetails", 1),
    ("s3", "ListBuckets", 8),
    ("s3", "GetBucketLocation", 6),
    ("s3", "GetBucketPolicy", 3),
    ("s3", "PutBucketPolicy", 1),
    ("s3", "GetBucketAcl", 2),
    ("s3", "GetBucketVersioning", 2),
    ("s3", "GetBucketPublicAccessBlock", 2),
    ("s3", "ListObjects", 4),
    ("s3", "PutBucketTagging", 1),
    ("s3", "CreateBucket", 1),
    ("s3", "PutBucketReplication", 1),
    ("cloudformation", "DescribeStacks", 6),
    ("cloudformation", "ListStacks", 3),
    ("monitoring", "DescribeAlarms", 5),
    ("monitoring", "GetMetricData", 10),
    ("monitoring", "PutMetricAlarm", 1),
    ("logs", "DescribeLogGroups", 4),
    ("logs", "FilterLogEvents", 4),
    ("logs", "StartQuery", 2),
    ("logs", "GetQueryResults", 4),
    ("logs", "PutRetentionPolicy", 1),
    ("lambda", "ListFunctions20150331", 4),
    ("lambda", "GetFunction20150331v2", 2),
    ("lambda", "GetPolicy20150331v2", 1),
    ("dynamodb", "ListTables", 2),
    ("dynamodb", "DescribeTable", 3),
    ("dynamodb", "UpdateTable", 1),
    ("kms", "ListAliases", 2),
    ("kms", "DescribeKey", 2),
    ("kms", "GetKeyPolicy", 1),
    ("kms", "CreateGrant", 1),
    ("secretsmanager", "ListSecrets", 2),
    ("secretsmanager", "DescribeSecret", 1),
    ("secretsmanager", "RotateSecret", 1),
    ("ssm", "DescribeParameters", 1),
    ("ssm", "StartSession", 1),
    ("ssm", "SendCommand", 1),
    ("route53", "ListHostedZones", 1),
    ("route53", "ListResourceRecordSets", 1),
    ("route53", "ChangeResourceRecordSets", 1),
    ("route53", "GetChange", 1),
    ("organizations", "DescribeOrganization", 2),
    ("organizations", "ListAccounts", 1),
    ("cloudfront", "ListDistributions2020_05_31", 1),
    ("cloudfront", "UpdateDistribution2020_05_31", 1),
    ("sqs", "ListQueues", 1),
    ("sqs", "PurgeQueue", 1),
    ("sns", "ListTopics", 1),
    ("athena", "ListWorkGroups", 1),
    ("bedrock", "ListFoundationModels", 1),
];

const SSO_READ_ONLY: Uses = &[
    ("signin", "ConsoleLogin", 3),
    ("ec2", "DescribeInstances", 15),
    ("ec2", "DescribeSecurityGroups", 5),
    ("ec2", "DescribeImages", 2),
    ("ec2", "StopInstances", 1),
    ("iam", "ListRoles", 4),
    ("iam", "GetRole", 4),
    ("iam", "ListAttachedRolePolicies", 3),
    ("iam", "ListPolicies", 2),
    ("iam", "ListMFADevices", 1),
    ("s3", "ListBuckets", 6),
    ("s3", "GetBucketLocation", 4),
    ("s3", "GetBucketEncryption", 2),
    ("s3", "ListObjects", 3),
    ("s3", "GetObject", 2),
    ("cloudformation", "DescribeStacks", 4),
    ("cloudformation", "DescribeStackEvents", 2),
    ("monitoring", "GetMetricData", 8),
    ("monitoring", "DescribeAlarms", 4),
    ("monitoring", "DeleteAlarms", 1),
    ("logs", "DescribeLogGroups", 3),
    ("logs", "DescribeLogStreams", 2),
    ("logs", "GetLogEvents", 3),
    ("lambda", "ListFunctions20150331", 3),
    ("lambda", "ListAliases20150331", 1),
    ("lambda", "ListEventSourceMappings20150331", 1),
    ("dynamodb", "DescribeTable", 2),
    ("dynamodb", "DescribeTimeToLive", 1),
    ("dynamodb", "ListTagsOfResource", 1),
    ("ecs", "ListClusters", 1),
    ("ecs", "DescribeTasks", 1),
    ("ecr", "DescribeRepositories", 1),
    ("sns", "GetTopicAttributes", 1),
    ("sns", "ListSubscriptionsByTopic", 1),
    ("cloudfront", "GetDistributionConfig2020_05_31", 1),
    ("cloudfront", "ListInvalidations2020_05_31", 1),
    ("apigateway", "GetRestApi", 1),
    ("apigateway", "GetStages", 1),
    ("apigateway", "GetResources", 1),
    ("elasticloadbalancing", "DescribeLoadBalancers", 1),
    ("elasticloadbalancing", "DescribeTargetHealth", 1),
    ("states", "ListStateMachines", 1),
    ("states", "DescribeExecution", 1),
    ("events", "ListRules", 1),
];

const SERVICE_LINKED: Uses = &[
    ("ec2", "RunInstances", 3),
    ("ec2", "TerminateInstances", 3),
    ("ec2", "DescribeInstances", 10),
    ("ec2", "DescribeInstanceStatus", 6),
    ("ec2", "CreateTags", 3),
    ("elasticloadbalancing", "RegisterTargets", 3),
    ("elasticloadbalancing", "DeregisterTargets", 3),
    ("elasticloadbalancing", "DescribeTargetHealth", 6),
    ("elasticloadbalancing", "DescribeTargetGroups", 2),
];

const DATA_PIPELINE: Uses = &[
    ("glue", "GetTable", 20),
    ("glue", "GetDatabase", 6),
    ("glue", "GetTables", 4),
    ("glue", "GetPartitions", 15),
    ("glue", "BatchCreatePartition", 6),
    ("glue", "GetJobRun", 3),
    ("s3", "GetObject", 40),
    ("s3", "PutObject", 25),
    ("s3", "ListObjectsV2", 15),
    ("s3", "HeadObject", 10),
    ("s3", "DeleteObjects", 3),
    ("s3", "CreateMultipartUpload", 4),
    ("s3", "UploadPart", 16),
    ("s3", "CompleteMultipartUpload", 4),
    ("kms-via-s3", "Decrypt", 20),
    ("kms-via-s3", "GenerateDataKey", 12),
    ("athena", "StartQueryExecution", 4),
    ("athena", "GetQueryExecution", 10),
    ("athena", "GetQueryResults", 4),
    ("athena", "GetWorkGroup", 1),
    ("logs", "CreateLogStream", 3),
    ("kms", "ReEncrypt", 1),
];

const EC2_INSTANCE: Uses = &[
    ("ssm", "UpdateInstanceInformation", 30),
    ("ssm", "ListInstanceAssociations", 10),
    ("ssm", "GetParameter", 6),
    ("s3", "GetObject", 30),
    ("s3", "PutObject", 10),
    ("s3", "ListObjects", 4),
    ("logs", "CreateLogStream", 4),
    ("logs", "DescribeLogStreams", 6),
    ("monitoring", "PutMetricAlarm", 1),
    ("ec2", "DescribeInstances", 3),
    ("ec2", "DescribeVolumes", 1),
    ("ec2", "CreateSnapshot", 1),
    ("secretsmanager", "GetSecretValue", 4),
    ("kms-via-s3", "Decrypt", 6),
    ("sts", "GetCallerIdentity", 2),
];

const ML_BEDROCK: Uses = &[
    ("bedrock", "Converse", 30),
    ("bedrock", "ConverseStream", 12),
    ("bedrock", "InvokeModel", 10),
    ("bedrock", "ListFoundationModels", 1),
    ("s3", "GetObject", 12),
    ("s3", "PutObject", 4),
    ("dynamodb", "GetItem", 6),
    ("dynamodb", "PutItem", 4),
    ("secretsmanager", "GetSecretValue", 2),
];

const MONITORING: Uses = &[
    ("monitoring", "GetMetricData", 40),
    ("monitoring", "ListMetrics", 15),
    ("monitoring", "GetMetricStatistics", 10),
    ("monitoring", "DescribeAlarms", 5),
    ("tagging", "GetResources", 12),
    ("ec2", "DescribeInstances", 6),
    ("ec2", "DescribeVolumes", 2),
    ("lambda", "ListFunctions20150331", 4),
    ("dynamodb", "ListTables", 2),
    ("dynamodb", "DescribeTable", 3),
    ("sqs", "ListQueues", 2),
    ("sqs", "GetQueueAttributes", 2),
    ("elasticloadbalancing", "DescribeLoadBalancers", 2),
    ("autoscaling", "DescribeAutoScalingGroups", 2),
    ("logs", "DescribeLogGroups", 2),
    ("cloudfront", "ListDistributions2020_05_31", 1),
    ("route53", "ListHostedZones", 1),
    ("organizations", "DescribeOrganization", 1),
];

const WORKFLOW: Uses = &[
    ("lambda", "Invoke", 30),
    ("states", "DescribeExecution", 4),
    ("states", "StartExecution", 3),
    ("sns", "Publish", 6),
    ("sqs", "SendMessage", 6),
    ("dynamodb", "GetItem", 8),
    ("dynamodb", "PutItem", 6),
    ("dynamodb", "UpdateItem", 4),
    ("glue", "StartJobRun", 2),
    ("ecs", "RunTask", 1),
    ("events", "PutRule", 1),
    ("events", "PutTargets", 1),
];

const CONSOLE_PERSON: Uses = &[
    ("signin", "ConsoleLogin", 4),
    ("ec2", "DescribeInstances", 10),
    ("ec2", "DescribeSecurityGroups", 3),
    ("ec2", "StartInstances", 1),
    ("ec2", "RunInstances", 1),
    ("s3", "ListBuckets", 6),
    ("s3", "GetBucketLocation", 4),
    ("s3", "ListObjects", 5),
    ("s3", "GetObject", 5),
    ("s3", "PutObject", 2),
    ("s3", "HeadBucket", 1),
    ("iam", "GetUser", 2),
    ("iam", "ListAccessKeys", 1),
    ("iam", "CreateAccessKey", 1),
    ("iam", "ListMFADevices", 1),
    ("iam", "GetAccountSummary", 1),
    ("cloudformation", "DescribeStacks", 3),
    ("monitoring", "GetMetricData", 4),
    ("logs", "FilterLogEvents", 3),
    ("lambda", "ListFunctions20150331", 2),
    ("dynamodb", "Scan", 1),
    ("dynamodb", "DescribeTable", 1),
    ("secretsmanager", "GetSecretValue", 1),
    ("sts", "GetCallerIdentity", 1),
];

const CI_USER: Uses = &[
    ("sts", "GetCallerIdentity", 8),
    ("sts", "AssumeRole", 3),
    ("sts", "GetFederationToken", 1),
    ("s3", "PutObject", 30),
    ("s3", "ListObjectsV2", 12),
    ("s3", "DeleteObjects", 3),
    ("s3", "CopyObject", 3),
    ("s3", "HeadObject", 4),
    ("cloudfront", "CreateInvalidation2020_05_31", 4),
    ("cloudfront", "GetDistribution2020_05_31", 2),
    ("lambda", "UpdateFunctionCode20150331v2", 4),
    ("lambda", "GetFunction20150331v2", 3),
    ("ecr", "GetAuthorizationToken", 4),
    ("ecr", "BatchGetImage", 3),
    ("ecr", "GetDownloadUrlForLayer", 6),
];

const TERRAFORM: Uses = &[
    ("sts", "GetCallerIdentity", 6),
    ("sts", "AssumeRole", 2),
    ("iam", "GetRole", 8),
    ("iam", "ListRolePolicies", 4),
    ("iam", "ListAttachedRolePolicies", 4),
    ("iam", "GetPolicy", 3),
    ("iam", "GetPolicyVersion", 3),
    ("iam", "CreateRole", 1),
    ("iam", "TagRole", 1),
    ("iam", "UpdateAssumeRolePolicy", 1),
    ("s3", "GetBucketPolicy", 3),
    ("s3", "GetBucketVersioning", 3),
    ("s3", "GetBucketAcl", 3),
    ("s3", "GetBucketEncryption", 3),
    ("s3", "GetObject", 3),
    ("s3", "PutObject", 2),
    ("ec2", "DescribeVpcs", 4),
    ("ec2", "DescribeSubnets", 4),
    ("ec2", "DescribeSecurityGroups", 4),
    ("ec2", "DescribeImages", 2),
    ("lambda", "GetFunction20150331v2", 3),
    ("lambda", "CreateFunction20150331", 1),
    ("lambda", "GetPolicy20150331v2", 2),
    ("dynamodb", "DescribeTable", 3),
    ("dynamodb", "DescribeTimeToLive", 2),
    ("dynamodb", "CreateTable", 1),
    ("sqs", "GetQueueAttributes", 3),
    ("sqs", "SetQueueAttributes", 1),
    ("sns", "GetTopicAttributes", 2),
    ("sns", "CreateTopic", 1),
    ("sns", "Subscribe", 1),
    ("kms", "DescribeKey", 3),
    ("kms", "GetKeyPolicy", 2),
    ("kms", "ListKeys", 1),
    ("secretsmanager", "DescribeSecret", 2),
    ("secretsmanager", "CreateSecret", 1),
    ("ssm", "PutParameter", 1),
    ("logs", "DescribeLogGroups", 2),
    ("cloudformation", "CreateStack", 1),
    ("cloudformation", "UpdateStack", 1),
    ("events", "PutRule", 1),
    ("autoscaling", "UpdateAutoScalingGroup", 1),
    ("autoscaling", "SetDesiredCapacity", 1),
    ("apigateway", "UpdateStage", 1),
];

const REPORTING: Uses = &[
    ("athena", "StartQueryExecution", 10),
    ("athena", "GetQueryExecution", 30),
    ("athena", "GetQueryResults", 10),
    ("glue", "GetTable", 6),
    ("s3", "GetObject", 12),
    ("s3", "ListObjectsV2", 4),
    ("s3", "PutObject", 3),
    ("kms-via-s3", "Decrypt", 4),
];

const BACKUP: Uses = &[
    ("dynamodb", "Scan", 20),
    ("dynamodb", "DescribeTable", 4),
    ("s3", "PutObject", 10),
    ("s3", "CreateMultipartUpload", 3),
    ("s3", "UploadPart", 15),
    ("s3", "CompleteMultipartUpload", 3),
    ("s3", "DeleteObject", 2),
    ("kms", "GenerateDataKey", 3),
    ("ec2", "CreateSnapshot", 2),
    ("secretsmanager", "PutSecretValue", 1),
];

impl Persona {
    pub fn is_role(self) -> bool {
        !matches!(self, Persona::ConsoleMfa | Persona::CiUser | Persona::ConsoleNoMfa | Persona::Terraform | Persona::Reporting | Persona::Backup)
    }

    fn uses(self) -> Vec<&'static [(&'static str, &'static str, u64)]> {
        match self {
            Persona::AppLambda => vec![APP_DATA, LAMBDA_EXTRA],
            Persona::AppEcs => vec![APP_DATA, ECS_EXTRA],
            Persona::CiDeploy => vec![CI_DEPLOY],
            Persona::SsoAdmin => vec![SSO_ADMIN],
            Persona::SsoReadOnly => vec![SSO_READ_ONLY],
            Persona::ServiceLinked => vec![SERVICE_LINKED],
            Persona::DataPipeline => vec![DATA_PIPELINE],
            Persona::Ec2Instance => vec![EC2_INSTANCE],
            Persona::MlBedrock => vec![ML_BEDROCK],
            Persona::Monitoring => vec![MONITORING],
            Persona::Workflow => vec![WORKFLOW],
            Persona::ConsoleMfa | Persona::ConsoleNoMfa => vec![CONSOLE_PERSON],
            Persona::CiUser => vec![CI_USER],
            Persona::Terraform => vec![TERRAFORM],
            Persona::Reporting => vec![REPORTING],
            Persona::Backup => vec![BACKUP],
        }
    }

    /// Relative activity: application roles make most calls, people few.
    fn activity(self) -> u64 {
        match self {
            Persona::AppLambda | Persona::AppEcs => 300,
            Persona::DataPipeline => 150,
            Persona::Ec2Instance => 120,
            Persona::Monitoring => 100,
            Persona::Workflow => 80,
            Persona::MlBedrock => 60,
            Persona::SsoAdmin => 60,
            Persona::CiDeploy => 50,
            Persona::SsoReadOnly => 40,
            Persona::ServiceLinked => 30,
            Persona::CiUser => 200,
            Persona::Terraform => 150,
            Persona::ConsoleMfa => 100,
            Persona::ConsoleNoMfa => 80,
            Persona::Reporting => 120,
            Persona::Backup => 100,
        }
    }

    /// Share of calls refused by authorization, per million.
    pub fn denied_per_million(self) -> u64 {
        match self {
            Persona::SsoReadOnly => 150_000,
            Persona::Monitoring | Persona::ConsoleNoMfa => 50_000,
            Persona::ServiceLinked => 5_000,
            _ => 30_000,
        }
    }

    /// Calls made through a service's own endpoint (`sourceIPAddress` and `userAgent` are the
    /// service, `invokedBy` names it for service-linked roles).
    pub fn service_agent(self) -> Option<&'static str> {
        match self {
            Persona::ServiceLinked => Some("autoscaling.amazonaws.com"),
            Persona::Workflow => Some("states.amazonaws.com"),
            _ => None,
        }
    }
}

/// How a principal's credentials look in `userIdentity`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Credentials {
    /// An assumed role; sessions are renewed every `session_hours`.
    Role { session_hours: u32 },
    /// An IAM user with long-term access keys (AKIA).
    AccessKey,
    /// An IAM user signed in to the console (ASIA session keys).
    Console { mfa: bool },
}

#[derive(Clone, Debug)]
pub struct Principal {
    pub index: usize,
    pub persona: Persona,
    /// The IAM ARN the policy is written for (role ARN with its path, or user ARN).
    pub arn: String,
    /// The role or user name (last part of the ARN).
    pub name: String,
    /// `AROA…` or `AIDA…`.
    pub unique_id: String,
    pub app: usize,
    pub credentials: Credentials,
    /// Relative share of the account's activity.
    pub weight: u64,
    /// Cumulative weights over `apis`.
    pub api_weights: Vec<u64>,
    /// The calls this principal makes; `true` marks a KMS call made by S3 on its behalf.
    pub apis: Vec<(Api, bool)>,
    pub user_agents: Vec<String>,
    pub source_ips: Vec<String>,
    /// Long-term access keys of IAM users (rotated half-way through the period).
    pub access_keys: Vec<String>,
}

fn role_name(persona: Persona, app: &str, seed: u64, index: usize) -> (String, String) {
    let mut rng = Prng::derived(seed, &[0x201E, index as u64]);
    match persona {
        Persona::AppLambda => ("/service-role/".to_owned(), format!("{app}-api-lambda-role")),
        Persona::CiDeploy => ("/ci/".to_owned(), if index < ROLE_ORDER.len() { "github-actions-deploy".to_owned() } else { format!("{app}-github-deploy") }),
        Persona::SsoAdmin => ("/aws-reserved/sso.amazonaws.com/ap-northeast-1/".to_owned(), format!("AWSReservedSSO_AdministratorAccess_{}", rng.hex(16))),
        Persona::AppEcs => ("/app/".to_owned(), format!("{app}-ecs-task-role")),
        Persona::ServiceLinked => ("/aws-service-role/autoscaling.amazonaws.com/".to_owned(), "AWSServiceRoleForAutoScaling".to_owned()),
        Persona::SsoReadOnly => ("/aws-reserved/sso.amazonaws.com/".to_owned(), format!("AWSReservedSSO_ReadOnlyAccess_{}", rng.hex(16))),
        Persona::DataPipeline => ("/service-role/".to_owned(), format!("AWSGlueServiceRole-{app}")),
        Persona::Ec2Instance => ("/".to_owned(), format!("{app}-ec2-instance-role")),
        Persona::MlBedrock => ("/ml/".to_owned(), format!("{app}-bedrock-assistant")),
        Persona::Monitoring => ("/integrations/".to_owned(), "DatadogIntegrationRole".to_owned()),
        Persona::Workflow => ("/service-role/".to_owned(), format!("StepFunctions-{app}-workflow-role")),
        _ => ("/".to_owned(), format!("{app}-role")),
    }
}

fn user_name(persona: Persona, app: &str, person: usize) -> (String, String) {
    match persona {
        Persona::ConsoleMfa | Persona::ConsoleNoMfa => ("/staff/".to_owned(), PEOPLE[person % PEOPLE.len()].to_owned()),
        Persona::CiUser => ("/automation/".to_owned(), format!("ci-{app}-deployer")),
        Persona::Terraform => ("/automation/".to_owned(), if person == 0 { "terraform".to_owned() } else { format!("terraform-{app}") }),
        Persona::Reporting => ("/".to_owned(), format!("reporting-{app}")),
        _ => ("/".to_owned(), format!("backup-agent-{app}")),
    }
}

fn ip(rng: &mut Prng, first: &[u8]) -> String {
    format!("{}.{}.{}.{}", rng.pick(first), rng.below(256), rng.below(256), rng.between(1, 254))
}

fn user_agents(persona: Persona, rng: &mut Prng) -> Vec<String> {
    let kernel = format!("5.10.{}-{}.{}.amzn2.x86_64", rng.between(200, 230), rng.between(190, 230), rng.between(800, 900));
    match persona {
        Persona::AppLambda if rng.chance(500_000) => vec![format!(
            "Boto3/1.34.{0} md/Botocore#1.34.{0} ua/2.0 os/linux#{kernel} md/arch#x86_64 lang/python#3.12.{1} md/pyimpl#CPython exec-env/AWS_Lambda_python3.12 cfg/retry-mode#legacy Botocore/1.34.{0}",
            rng.between(80, 140),
            rng.between(1, 4)
        )],
        Persona::AppLambda => vec![format!("aws-sdk-js/3.{} ua/2.0 os/linux#{kernel} lang/js md/nodejs#20.12.2 exec-env/AWS_Lambda_nodejs20.x api/", rng.between(550, 600))],
        Persona::AppEcs if rng.chance(500_000) => vec![format!(
            "aws-sdk-java/2.25.{} Linux/{kernel} OpenJDK_64-Bit_Server_VM/21.0.3+9-LTS Java/21.0.3 vendor/Amazon.com_Inc. exec-env/AWS_ECS_FARGATE io/sync http/Apache cfg/retry-mode/legacy",
            rng.between(10, 60)
        )],
        Persona::AppEcs => vec![format!("aws-sdk-go-v2/1.27.{} os/linux lang/go#1.22.3 md/GOOS#linux md/GOARCH#arm64 exec-env/AWS_ECS_FARGATE api/", rng.between(0, 9))],
        Persona::CiDeploy => vec![
            format!("aws-cli/2.16.{} md/awscrt#0.19.19 ua/2.0 os/linux#6.5.0-1021-azure md/arch#x86_64 lang/python#3.11.8 md/pyimpl#CPython cfg/retry-mode#standard md/installer#exe md/distrib#ubuntu.22 md/prompt#off md/command#deploy", rng.between(1, 9)),
            "aws-cdk/2.143.0 (+https://github.com/aws/aws-cdk) aws-sdk-js/3.583.0 ua/2.0 os/linux#6.5.0-1021-azure lang/js md/nodejs#20.13.1 api/".to_owned(),
        ],
        Persona::SsoAdmin | Persona::SsoReadOnly | Persona::ConsoleMfa | Persona::ConsoleNoMfa => vec![
            "AWS Internal".to_owned(),
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36".to_owned(),
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:126.0) Gecko/20100101 Firefox/126.0".to_owned(),
            "[S3Console/0.4, aws-internal/3 aws-sdk-java/1.12.720 Linux/5.10.217-182.876.amzn2int.x86_64 OpenJDK_64-Bit_Server_VM/25.412-b09 java/1.8.0_412 vendor/Oracle_Corporation cfg/retry-mode/standard]".to_owned(),
        ],
        Persona::DataPipeline => vec![format!("aws-sdk-java/1.12.710 Linux/{kernel} OpenJDK_64-Bit_Server_VM/25.412-b08 java/1.8.0_412 scala/2.12.18 vendor/Amazon.com_Inc. cfg/retry-mode/standard AWS-Glue/4.0")],
        Persona::Ec2Instance => vec![
            "aws-sdk-go/1.51.30 (go1.21.9; linux; amd64) amazon-ssm-agent/3.3.380.0".to_owned(),
            "aws-cli/2.15.58 Python/3.11.8 Linux/6.1.91-99.172.amzn2023.x86_64 exe/x86_64.amzn.2023 prompt/off command/s3.cp".to_owned(),
        ],
        Persona::MlBedrock => vec![format!("Boto3/1.34.{0} md/Botocore#1.34.{0} ua/2.0 os/linux#6.1.91-99.172.amzn2023.x86_64 md/arch#x86_64 lang/python#3.11.9 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.{0}", rng.between(100, 140))],
        Persona::Monitoring => vec!["Datadog/1.0 aws-sdk-go/1.51.21 (go1.22.2; linux; amd64)".to_owned()],
        Persona::ServiceLinked => vec!["autoscaling.amazonaws.com".to_owned()],
        Persona::Workflow => vec!["states.amazonaws.com".to_owned()],
        Persona::CiUser => vec![format!("aws-cli/2.13.{} Python/3.11.5 Linux/5.15.0-1048-aws exe/x86_64.ubuntu.22 prompt/off command/s3.sync", rng.between(20, 30))],
        Persona::Terraform => vec!["APN/1.0 HashiCorp/1.0 Terraform/1.8.4 (+https://www.terraform.io) terraform-provider-aws/5.52.0 (+https://registry.terraform.io/providers/hashicorp/aws) aws-sdk-go-v2/1.27.0 ua/2.0 os/linux lang/go#1.22.3 md/GOOS#linux md/GOARCH#amd64 api/".to_owned()],
        Persona::Reporting => vec!["Boto3/1.28.57 md/Botocore#1.31.57 ua/2.0 os/macos#23.4.0 md/arch#arm64 lang/python#3.11.6 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.31.57".to_owned()],
        Persona::Backup => vec!["aws-cli/1.32.101 md/Botocore#1.34.101 ua/2.0 os/linux#5.15.0-1061-aws md/arch#x86_64 lang/python#3.10.12 md/pyimpl#CPython cfg/retry-mode#legacy botocore/1.34.101".to_owned()],
    }
}

fn source_ips(persona: Persona, rng: &mut Prng) -> Vec<String> {
    match persona {
        // NAT gateways and Lambda's shared addresses.
        Persona::AppLambda | Persona::AppEcs | Persona::DataPipeline | Persona::MlBedrock | Persona::Ec2Instance => {
            (0..3).map(|_| ip(rng, &[3, 18, 34, 44, 52, 54])).collect()
        }
        // GitHub-hosted runners.
        Persona::CiDeploy => (0..12).map(|_| ip(rng, &[4, 13, 20, 40, 52])).collect(),
        Persona::Monitoring => (0..4).map(|_| ip(rng, &[3, 34, 44])).collect(),
        Persona::ServiceLinked => vec!["autoscaling.amazonaws.com".to_owned()],
        Persona::Workflow => vec!["states.amazonaws.com".to_owned()],
        // Office and home addresses from the documentation ranges.
        _ => vec![format!("203.0.113.{}", rng.between(10, 250)), format!("198.51.100.{}", rng.between(10, 250)), format!("192.0.2.{}", rng.between(10, 250))],
    }
}

impl Principal {
    pub fn role(seed: u64, account: &str, index: usize, used: &mut Vec<String>) -> Principal {
        let persona = if index < ROLE_ORDER.len() { ROLE_ORDER[index] } else { ROLE_CYCLE[(index - ROLE_ORDER.len()) % ROLE_CYCLE.len()] };
        let app = index % APP_NAMES.len();
        let (path, mut name) = role_name(persona, APP_NAMES[app], seed, index);
        if used.contains(&name) {
            name = format!("{name}-{index}");
        }
        used.push(name.clone());
        let session_hours = match persona {
            Persona::CiDeploy => 1,
            Persona::SsoAdmin | Persona::SsoReadOnly => 8,
            Persona::Ec2Instance => 6,
            _ => 12,
        };
        Principal::build(seed, index, persona, format!("arn:aws:iam::{account}:role{path}{name}"), name, "AROA", app, Credentials::Role { session_hours })
    }

    pub fn user(seed: u64, account: &str, index: usize, global_index: usize) -> Principal {
        let persona = USER_ORDER[index % USER_ORDER.len()];
        let app = (index * 3 + 1) % APP_NAMES.len();
        let person = index / USER_ORDER.len() * 2 + usize::from(persona == Persona::ConsoleNoMfa);
        let (path, name) = user_name(persona, APP_NAMES[app], person);
        let name = if index >= USER_ORDER.len() && !matches!(persona, Persona::ConsoleMfa | Persona::ConsoleNoMfa) { format!("{name}-{index}") } else { name };
        let credentials = match persona {
            Persona::ConsoleMfa => Credentials::Console { mfa: true },
            Persona::ConsoleNoMfa => Credentials::Console { mfa: false },
            _ => Credentials::AccessKey,
        };
        Principal::build(seed, global_index, persona, format!("arn:aws:iam::{account}:user{path}{name}"), name, "AIDA", app, credentials)
    }

    #[allow(clippy::too_many_arguments)]
    fn build(seed: u64, index: usize, persona: Persona, arn: String, name: String, id_prefix: &str, app: usize, credentials: Credentials) -> Principal {
        let mut rng = Prng::derived(seed, &[0x9819, index as u64]);
        let unique_id = format!("{id_prefix}{}", rng.upper(17));
        let mut apis = Vec::new();
        let mut api_weights = Vec::new();
        let mut total = 0;
        for table in persona.uses() {
            for &(short, event_name, weight) in table {
                let (lookup, via_s3) = if short == "kms-via-s3" { ("kms", true) } else { (short, false) };
                let Some(api) = catalog::find(lookup, event_name) else { continue };
                total += weight;
                apis.push((api, via_s3));
                api_weights.push(total);
            }
        }
        // People and small automation vary more in how busy they are than services do.
        let weight = persona.activity() * rng.between(60, 140) / 100;
        let access_keys = (0..2).map(|_| format!("AKIA{}", rng.upper(16))).collect();
        Principal {
            index,
            persona,
            arn,
            name,
            unique_id,
            app,
            credentials,
            weight,
            api_weights,
            apis,
            user_agents: user_agents(persona, &mut rng),
            source_ips: source_ips(persona, &mut rng),
            access_keys,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_persona_call_names_a_known_api() {
        for persona in ROLE_ORDER.iter().chain(USER_ORDER) {
            for table in persona.uses() {
                for &(short, name, _) in table {
                    let lookup = if short == "kms-via-s3" { "kms" } else { short };
                    assert!(catalog::find(lookup, name).is_some(), "{short} {name}");
                }
            }
        }
    }

    #[test]
    fn role_names_are_unique_for_many_roles() {
        let mut used = Vec::new();
        let roles: Vec<Principal> = (0..120).map(|index| Principal::role(1, "111122223333", index, &mut used)).collect();
        let mut arns: Vec<&str> = roles.iter().map(|role| role.arn.as_str()).collect();
        arns.sort_unstable();
        arns.dedup();
        assert_eq!(arns.len(), roles.len());
    }
}
