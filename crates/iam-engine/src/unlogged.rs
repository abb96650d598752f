//! Calls CloudTrail never logs (or logs only as data events, which trails rarely capture), and
//! the logged calls that imply them. A policy built from logs cannot see these; the synthesis
//! offers them as suggestions with the evidence below, never adds them silently. Each row's
//! evidence is AWS's own documentation; docs/mapping.md lists the rows and the sources.

/// How CloudTrail records a companion call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Logging {
    /// Not in CloudTrail at all.
    Never,
    /// Only as a data event, which a trail records only when configured to.
    DataEventOnly,
}

/// Where a companion is granted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompanionResource {
    /// On the resources granted to the logged call (`logs:PutLogEvents` on the streams
    /// `logs:CreateLogStream` created).
    SameAsTrigger,
    /// On `*`: the action takes no resource ARN.
    Any,
}

/// A call that implies companions CloudTrail does not show.
#[derive(Clone, Copy, Debug)]
pub struct Companion {
    /// The logged action.
    pub trigger: &'static str,
    /// Only when the logged call's resource contains this (`:log-group:/aws/lambda/`).
    pub resource_contains: Option<&'static str>,
    pub actions: &'static [(&'static str, Logging)],
    pub resource: CompanionResource,
    /// What else must hold for the companions to be needed, if anything.
    pub only_if: Option<OnlyIf>,
    /// The documentation that says the companions are not logged.
    pub evidence: &'static str,
}

/// A condition the logs cannot tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OnlyIf {
    /// The Lambda function has X-Ray active tracing on.
    ActiveTracing,
}

/// The table. Small on purpose: only companions whose absence from CloudTrail AWS documents.
pub const COMPANIONS: &[Companion] = &[
    // The CloudWatch Logs guide lists the API calls CloudTrail logs; PutLogEvents is not one of
    // them: code that creates a stream writes to it.
    Companion {
        trigger: "logs:CreateLogStream",
        resource_contains: None,
        actions: &[("logs:PutLogEvents", Logging::Never)],
        resource: CompanionResource::SameAsTrigger,
        only_if: None,
        evidence: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/logging_cw_api_calls_cwl.html",
    },
    // A Lambda function's role (it creates its streams under /aws/lambda/) sends trace segments
    // when active tracing is on; X-Ray logs them only as data events.
    Companion {
        trigger: "logs:CreateLogStream",
        resource_contains: Some(":log-group:/aws/lambda/"),
        actions: &[("xray:PutTraceSegments", Logging::DataEventOnly), ("xray:PutTelemetryRecords", Logging::DataEventOnly)],
        resource: CompanionResource::Any,
        only_if: Some(OnlyIf::ActiveTracing),
        evidence: "https://docs.aws.amazon.com/xray/latest/devguide/xray-api-cloudtrail.html",
    },
    // The X-Ray SDKs and daemon fetch sampling rules and targets; GetSamplingRules is in neither
    // the logged nor the data-event list of X-Ray's CloudTrail page.
    Companion {
        trigger: "xray:PutTraceSegments",
        resource_contains: None,
        actions: &[("xray:GetSamplingRules", Logging::Never), ("xray:GetSamplingTargets", Logging::DataEventOnly)],
        resource: CompanionResource::Any,
        only_if: None,
        evidence: "https://docs.aws.amazon.com/xray/latest/devguide/xray-api-cloudtrail.html",
    },
    // The SSM Agent reports to Systems Manager (logged) and opens Session Manager's channels:
    // the control channel is a data event, the data channel is not logged.
    Companion {
        trigger: "ssm:UpdateInstanceInformation",
        resource_contains: None,
        actions: &[
            ("ssmmessages:CreateControlChannel", Logging::DataEventOnly),
            ("ssmmessages:OpenControlChannel", Logging::DataEventOnly),
            ("ssmmessages:CreateDataChannel", Logging::Never),
            ("ssmmessages:OpenDataChannel", Logging::Never),
        ],
        resource: CompanionResource::Any,
        only_if: None,
        evidence: "https://docs.aws.amazon.com/systems-manager/latest/userguide/monitoring-cloudtrail-logs.html",
    },
];

/// The rows a logged call (action, resource) triggers.
pub fn companions_of<'t>(action: &'t str, resource: Option<&'t str>) -> impl Iterator<Item = &'static Companion> + 't {
    COMPANIONS.iter().filter(move |row| {
        row.trigger.eq_ignore_ascii_case(action) && row.resource_contains.is_none_or(|needle| resource.is_some_and(|resource| resource.contains(needle)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Catalog;

    #[test]
    fn every_companion_is_in_the_catalog() {
        for row in COMPANIONS {
            assert!(Catalog::embedded().action(row.trigger).is_some(), "{}", row.trigger);
            for (action, _) in row.actions {
                assert!(Catalog::embedded().action(action).is_some(), "{action}");
            }
            assert!(row.evidence.starts_with("https://docs.aws.amazon.com/"));
        }
    }

    #[test]
    fn lambda_streams_also_trigger_tracing() {
        let lambda = "arn:aws:logs:us-east-1:1:log-group:/aws/lambda/f:log-stream:*";
        assert_eq!(companions_of("logs:CreateLogStream", Some(lambda)).count(), 2);
        assert_eq!(companions_of("logs:CreateLogStream", Some("arn:aws:logs:us-east-1:1:log-group:/ecs/a:log-stream:*")).count(), 1);
        assert_eq!(companions_of("s3:GetObject", None).count(), 0);
    }
}
