//! The summary of an analysis: the JSON contract of `iamwb summary --json` (schema version 1;
//! later versions only add fields, never rename them) and the page's overview.

use crate::activity::{Activity, Outcome};
use crate::hygiene::Finding;
use crate::ingest::imported::{EntityKind, EntityLastAccessed, FindingSummary, PolicyOrigin, ServiceLastAccessed, UnusedAccessFinding};
use crate::ingest::{Analysis, FileReport, Format, Problem};
use crate::timestamp::Timestamp;
use serde::Serialize;
use std::collections::BTreeMap;

pub const SCHEMA_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub schema_version: u32,
    pub files: Vec<FileSummary>,
    pub events: u64,
    pub time_range: Option<TimeRangeSummary>,
    pub principals: Vec<PrincipalSummary>,
    pub services: Vec<ServiceSummary>,
    pub not_a_permission: Vec<EventCountSummary>,
    pub unmapped: Vec<EventCountSummary>,
    pub denied: Vec<DeniedSummary>,
    /// Credential-hygiene findings.
    pub findings: Vec<Finding>,
    /// Where the evidence is thin: no data events, the window and regions analysed, principals
    /// with very few calls.
    pub warnings: Vec<Warning>,
    /// Events dropped as the same delivery seen again (the same `eventID`, `eventTime`,
    /// `eventSource`, `eventName` and principal; records that only share an ID are kept).
    pub duplicates: u64,
    /// Data events among `events`.
    pub data_events: u64,
    pub regions: Vec<RegionSummary>,
    /// What the inputs hold besides activity: policies, Access Analyzer findings, authorization
    /// details, Access Advisor reports.
    pub imported: ImportedSummary,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ImportedSummary {
    /// Policy documents, policy versions and Access Analyzer generated policies, by file.
    pub policies: Vec<ImportedPolicySummary>,
    /// Access Analyzer finding summaries (`list-findings-v2`).
    pub findings: Vec<FindingSummary>,
    /// Unused-access findings (`get-finding-v2`): the unused actions and services per principal.
    pub unused_access: Vec<UnusedAccessFinding>,
    /// The users and roles of `get-account-authorization-details` and what applies to them.
    pub authorization_details: Vec<AuthorizationPrincipalSummary>,
    /// Access Advisor services (service last accessed).
    pub last_accessed: Vec<ServiceLastAccessed>,
    /// Access Advisor entities (`get-service-last-accessed-details-with-entities`).
    pub last_accessed_entities: Vec<EntityLastAccessed>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ImportedPolicySummary {
    pub source_file: String,
    pub name: String,
    pub origin: PolicyOrigin,
    pub statements: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AuthorizationPrincipalSummary {
    pub arn: String,
    pub kind: EntityKind,
    pub name: String,
    /// Inline, managed and group policies whose documents the inputs hold.
    pub policies: Vec<String>,
    /// Attached managed policies and groups whose documents are not in the inputs.
    pub missing: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RegionSummary {
    pub region: String,
    pub events: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Warning {
    pub kind: WarningKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub principal: Option<String>,
    /// A sentence in English; the page builds its own from the fields below.
    pub detail: String,
    /// `coverage`: the window.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<Timestamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub until: Option<Timestamp>,
    /// `coverage`: the regions.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<String>,
    /// `few-calls`: the principal's events.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub events: Option<u64>,
}

impl Warning {
    fn new(kind: WarningKind, detail: String) -> Warning {
        Warning { kind, principal: None, detail, from: None, until: None, regions: Vec::new(), events: None }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum WarningKind {
    /// No data events: S3 object access, Lambda invocations, DynamoDB item access may be missing.
    NoDataEvents,
    /// What the evidence covers: the time window and the regions.
    Coverage,
    /// A principal with very few calls: its policy rests on thin evidence.
    FewCalls,
}

/// Below this many events, a principal's policy rests on thin evidence.
pub const FEW_CALLS: u64 = 10;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FileSummary {
    pub name: String,
    pub format: Format,
    pub events: u64,
    /// Other things taken from the file: policies, findings, IAM entities, services.
    pub items: u64,
    pub problems: Vec<Problem>,
    /// Calls summarised by the file's aggregated events whose data events the other files hold:
    /// counted apart, not in `events` (present only when not zero).
    #[serde(skip_serializing_if = "is_zero")]
    pub aggregated_apart: u64,
}

fn is_zero(value: &u64) -> bool {
    *value == 0
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TimeRangeSummary {
    pub from: Timestamp,
    pub until: Timestamp,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PrincipalSummary {
    pub arn: String,
    pub kind: &'static str,
    pub events: u64,
    pub failed: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ServiceSummary {
    pub prefix: String,
    pub events: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EventCountSummary {
    #[serde(rename = "eventSource")]
    pub event_source: String,
    #[serde(rename = "eventName")]
    pub event_name: String,
    pub count: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DeniedSummary {
    pub action: String,
    pub count: u64,
}

impl Summary {
    pub fn of(analysis: &Analysis) -> Summary {
        let activity = &analysis.activity;
        let mut denied: BTreeMap<&str, u64> = BTreeMap::new();
        for principal in &activity.principals {
            for call in principal.calls.iter().filter(|call| call.outcome == Outcome::Denied) {
                *denied.entry(&call.action).or_default() += call.count;
            }
        }
        let mut not_a_permission: BTreeMap<(&str, &str), u64> = BTreeMap::new();
        for count in &activity.not_a_permission {
            *not_a_permission.entry((&count.event_source, &count.event_name)).or_default() += count.count;
        }
        Summary {
            schema_version: SCHEMA_VERSION,
            files: analysis.files.iter().map(FileSummary::of).collect(),
            events: activity.n_events,
            time_range: activity.time_range.map(|range| TimeRangeSummary { from: range.from, until: range.until }),
            principals: activity
                .principals
                .iter()
                .map(|principal| PrincipalSummary {
                    arn: principal.arn.clone(),
                    kind: principal.kind.as_str(),
                    events: principal.n_events,
                    failed: principal.n_failed,
                })
                .collect(),
            services: activity.services.iter().map(|service| ServiceSummary { prefix: service.prefix.clone(), events: service.events }).collect(),
            not_a_permission: not_a_permission
                .into_iter()
                .map(|((source, name), count)| EventCountSummary { event_source: source.to_owned(), event_name: name.to_owned(), count })
                .collect(),
            unmapped: activity
                .unmapped
                .iter()
                .map(|count| EventCountSummary { event_source: count.event_source.clone(), event_name: count.event_name.clone(), count: count.count })
                .collect(),
            denied: denied.into_iter().map(|(action, count)| DeniedSummary { action: action.to_owned(), count }).collect(),
            findings: activity.findings.clone(),
            warnings: warnings_of(activity),
            duplicates: activity.n_duplicates,
            data_events: activity.n_data_events,
            regions: activity.regions.iter().map(|region| RegionSummary { region: region.region.clone(), events: region.events }).collect(),
            imported: ImportedSummary::of(analysis),
        }
    }

    /// Pretty JSON with a final newline.
    pub fn to_json(&self) -> String {
        crate::text::to_json_pretty(self)
    }
}

impl FileSummary {
    fn of(report: &FileReport) -> FileSummary {
        FileSummary {
            name: report.name.clone(),
            format: report.format,
            events: report.events,
            items: report.items,
            problems: report.problems.clone(),
            aggregated_apart: report.aggregated_apart,
        }
    }
}

impl ImportedSummary {
    fn of(analysis: &Analysis) -> ImportedSummary {
        ImportedSummary {
            policies: analysis
                .policies
                .iter()
                .map(|policy| ImportedPolicySummary {
                    source_file: policy.source_file.clone(),
                    name: policy.name.clone(),
                    origin: policy.origin.clone(),
                    statements: policy.document.statements.len(),
                })
                .collect(),
            findings: analysis.findings.clone(),
            unused_access: analysis.unused_access.clone(),
            authorization_details: analysis
                .authorization_principals()
                .into_iter()
                .filter_map(|(arn, _, _)| analysis.entity_policies(arn))
                .map(|entity| AuthorizationPrincipalSummary {
                    policies: entity.policies.iter().map(|policy| policy.name.clone()).collect(),
                    missing: entity.missing(),
                    arn: entity.arn,
                    kind: entity.kind,
                    name: entity.name,
                })
                .collect(),
            last_accessed: analysis.last_accessed.clone(),
            last_accessed_entities: analysis.last_accessed_entities.clone(),
        }
    }
}

fn warnings_of(activity: &Activity) -> Vec<Warning> {
    let mut warnings = Vec::new();
    if activity.n_events == 0 {
        return warnings;
    }
    if activity.n_data_events == 0 {
        warnings.push(Warning::new(
            WarningKind::NoDataEvents,
            "no data events seen: S3 object access, Lambda invocations and DynamoDB item access may be missing from the evidence (enable data events on the trail)".to_owned(),
        ));
    }
    if let Some(range) = activity.time_range {
        let days = (range.until.0 - range.from.0) as f64 / 86_400.0;
        let regions: Vec<String> = activity.regions.iter().map(|region| region.region.clone()).collect();
        let detail = format!(
            "the evidence covers {} to {} ({days:.1} days) in {} {}: {}; activity outside them is not reflected",
            range.from.to_rfc3339(),
            range.until.to_rfc3339(),
            regions.len(),
            if regions.len() == 1 { "region" } else { "regions" },
            regions.join(", ")
        );
        warnings.push(Warning { from: Some(range.from), until: Some(range.until), regions, ..Warning::new(WarningKind::Coverage, detail) });
    }
    for principal in activity.principals.iter().filter(|principal| principal.n_events < FEW_CALLS) {
        let calls = if principal.n_events == 1 { "call" } else { "calls" };
        let detail = format!("{} made only {} {calls}: its policy rests on thin evidence", principal.arn, principal.n_events);
        warnings.push(Warning { principal: Some(principal.arn.clone()), events: Some(principal.n_events), ..Warning::new(WarningKind::FewCalls, detail) });
    }
    warnings
}
