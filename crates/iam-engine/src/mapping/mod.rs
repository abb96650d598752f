//! From "CloudTrail saw `eventSource` X, `eventName` Y" to "the principal needs IAM actions A, B".
//! The rule is `prefix:EventName` with the event source's IAM prefix and the version suffix
//! stripped, plus our own exception table for everything that rule gets wrong.

use std::borrow::Cow;

/// Why a call needs no permission of the caller's identity policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NoPermissionReason {
    /// The API is callable by anyone with credentials (`sts:GetCallerIdentity`).
    Permissionless,
    /// Console sign-in and similar events.
    SignIn,
    /// An event AWS records about itself (`AwsServiceEvent`), an Insights event, or a
    /// network-activity (VPC endpoint) event.
    NotAnApiCall,
    /// A call made by an AWS service with its own identity (`userIdentity.type` `AWSService`).
    AwsService,
    /// A call whose identity has no attachable identity policy (federated sign-in, Identity
    /// Center users).
    NotAttributable,
}

impl NoPermissionReason {
    pub fn as_str(self) -> &'static str {
        match self {
            NoPermissionReason::Permissionless => "permissionless API",
            NoPermissionReason::SignIn => "sign-in event",
            NoPermissionReason::NotAnApiCall => "not an API call",
            NoPermissionReason::AwsService => "made by an AWS service",
            NoPermissionReason::NotAttributable => "no attachable identity policy",
        }
    }
}

/// The IAM service prefix for an event source (`monitoring.amazonaws.com` → `cloudwatch`).
pub fn service_prefix(event_source: &str) -> Cow<'_, str> {
    let host = event_source.strip_suffix(".amazonaws.com").unwrap_or(event_source);
    let renamed = match host {
        "monitoring" => "cloudwatch",
        "tagging" => "tag",
        "amazonmq" => "mq",
        "application-insights" => "applicationinsights",
        "billingconsole" => "billing",
        "taxconsole" => "tax",
        "chime-sdk-media-pipelines" | "chime-sdk-voice" | "chime-sdk-identity" | "chime-sdk-meetings" | "chime-sdk-messaging" => "chime",
        "cloudcontrolapi" => "cloudformation",
        "contact-lens" | "participant-connect" => "connect",
        "agreement-marketplace" | "discovery-marketplace" | "marketplacecatalog" | "reporting-marketplace" => "aws-marketplace",
        "management-marketplace" => "aws-marketplace-management",
        "migrationhub" => "mgh",
        "opensearchservice" => "es",
        "pinpoint" => "mobiletargeting",
        "pricelist" => "pricing",
        "qconnect" => "wisdom",
        "rdsdata" => "rds-data",
        "servicecatalog-appregistry" => "servicecatalog",
        "transcribestreaming" => "transcribe",
        "appstream2" => "appstream",
        "models.lex" | "runtime.lex" => "lex",
        "mturk-requester" => "mechanicalturk",
        "streams.dynamodb" => "dynamodb",
        "email" => "ses",
        other => return Cow::Owned(other.split('.').next().unwrap_or(other).to_owned()),
    };
    Cow::Borrowed(renamed)
}

/// Strips API version suffixes that some services put on event names: Lambda
/// `UpdateFunctionCode20150331v2`, CloudFront `CreateDistribution2020_05_31`. Names that merely
/// end in digits (`ListClustersV2`, `GetObjectAcl`) are left alone: only an eight-digit date,
/// optionally followed by `v` and digits, or a `YYYY_MM_DD` date is a suffix.
pub fn strip_version_suffix(event_name: &str) -> &str {
    let bytes = event_name.as_bytes();
    // `YYYY_MM_DD`
    if bytes.len() > 10 {
        let tail = &bytes[bytes.len() - 10..];
        let shape_ok = tail.iter().enumerate().all(|(index, byte)| match index {
            4 | 7 => *byte == b'_',
            _ => byte.is_ascii_digit(),
        });
        if shape_ok {
            return &event_name[..event_name.len() - 10];
        }
    }
    // `YYYYMMDD` then optional `v\d+`
    let mut end = bytes.len();
    let mut version_digits = 0;
    while end > 0 && bytes[end - 1].is_ascii_digit() {
        end -= 1;
        version_digits += 1;
    }
    if version_digits > 0 && end > 0 && bytes[end - 1] == b'v' {
        end -= 1;
    } else {
        end = bytes.len();
    }
    let mut start = end;
    while start > 0 && bytes[start - 1].is_ascii_digit() {
        start -= 1;
    }
    let date_digits = end - start;
    if date_digits == 8 && start > 0 && bytes[start - 1].is_ascii_alphabetic() && (bytes[start] == b'1' || bytes[start] == b'2') {
        return &event_name[..start];
    }
    event_name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_follow_the_known_exceptions() {
        assert_eq!(service_prefix("monitoring.amazonaws.com"), "cloudwatch");
        assert_eq!(service_prefix("s3.amazonaws.com"), "s3");
        assert_eq!(service_prefix("streams.dynamodb.amazonaws.com"), "dynamodb");
        assert_eq!(service_prefix("bedrock.amazonaws.com"), "bedrock");
        assert_eq!(service_prefix("tagging.amazonaws.com"), "tag");
    }

    #[test]
    fn version_suffixes_are_stripped_without_mangling_names_that_end_in_digits() {
        assert_eq!(strip_version_suffix("UpdateFunctionCode20150331v2"), "UpdateFunctionCode");
        assert_eq!(strip_version_suffix("ListFunctions20150331"), "ListFunctions");
        assert_eq!(strip_version_suffix("CreateDistribution2020_05_31"), "CreateDistribution");
        assert_eq!(strip_version_suffix("PublishLayerVersion20181031"), "PublishLayerVersion");
        // trailscraper's regex turns this into `ListClustersV` (PEERS.md §3).
        assert_eq!(strip_version_suffix("ListClustersV2"), "ListClustersV2");
        assert_eq!(strip_version_suffix("ListObjectsV2"), "ListObjectsV2");
        assert_eq!(strip_version_suffix("CreateVolume"), "CreateVolume");
        assert_eq!(strip_version_suffix("DescribeEc2"), "DescribeEc2");
        assert_eq!(strip_version_suffix("GetBucketLocation2"), "GetBucketLocation2");
    }
}

/// What one CloudTrail event needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mapped {
    /// One or more IAM actions (each with the resource it applies to, where known).
    Actions(Vec<RequiredAction>),
    NoPermission(NoPermissionReason),
    /// Neither the rule nor the exception table knows this event.
    Unmapped,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RequiredAction {
    /// `service:Action`, spelled as in the IAM catalog.
    pub action: String,
    /// The resource ARN the action applies to, when the event names it.
    pub resource: Option<String>,
}

/// The parts of a record the mapping looks at.
#[derive(Clone, Copy, Debug, Default)]
pub struct EventFacts<'r> {
    pub event_source: &'r str,
    pub event_name: &'r str,
    pub event_type: &'r str,
    pub event_category: &'r str,
    pub request_parameters: Option<&'r serde_json::value::RawValue>,
}

/// Calls that need no permission at all.
const PERMISSIONLESS: &[(&str, &str)] = &[("sts", "GetCallerIdentity"), ("sts", "GetSessionToken"), ("dynamodb", "DescribeEndpoints")];

/// S3 operations whose IAM action has another name.
const S3_RENAMES: &[(&str, &str)] = &[
    ("ListObjects", "ListBucket"),
    ("ListObjectsV2", "ListBucket"),
    ("HeadBucket", "ListBucket"),
    ("ListObjectVersions", "ListBucketVersions"),
    ("ListBuckets", "ListAllMyBuckets"),
    ("HeadObject", "GetObject"),
    ("SelectObjectContent", "GetObject"),
    ("CreateMultipartUpload", "PutObject"),
    ("UploadPart", "PutObject"),
    ("UploadPartCopy", "PutObject"),
    ("CompleteMultipartUpload", "PutObject"),
    ("CopyObject", "PutObject"),
    ("DeleteObjects", "DeleteObject"),
];

/// Maps one event. Event-level reasons (not an API call, sign-in) come first, then the
/// exception tables, then the `prefix:EventName` rule.
pub fn map_event(facts: &EventFacts<'_>) -> Mapped {
    if matches!(facts.event_type, "AwsServiceEvent" | "AwsCloudTrailInsight" | "AwsVpceEvent") || matches!(facts.event_category, "Insight" | "NetworkActivity")
    {
        return Mapped::NoPermission(NoPermissionReason::NotAnApiCall);
    }
    if facts.event_type == "AwsConsoleSignIn" || facts.event_source == "signin.amazonaws.com" {
        return Mapped::NoPermission(NoPermissionReason::SignIn);
    }
    let prefix = service_prefix(facts.event_source);
    let name = strip_version_suffix(facts.event_name);
    if prefix.is_empty() || name.is_empty() || !name.bytes().all(|byte| byte.is_ascii_alphanumeric()) {
        return Mapped::Unmapped;
    }
    if PERMISSIONLESS.iter().any(|(service, action)| *service == prefix && *action == name) {
        return Mapped::NoPermission(NoPermissionReason::Permissionless);
    }
    let action_name = match (prefix.as_ref(), name) {
        ("s3", _) => S3_RENAMES.iter().find(|(event, _)| *event == name).map(|(_, action)| *action).unwrap_or(name),
        ("lambda", "Invoke") => "InvokeFunction",
        _ => name,
    };
    Mapped::Actions(vec![RequiredAction { action: format!("{prefix}:{action_name}"), resource: None }])
}
