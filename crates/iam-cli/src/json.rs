//! The `--json` outputs of `generate`, `simulate`, `lint` and `diff`: types of the CLI's own, built from the
//! engine's values field by field. The engine's types may change shape; these only gain fields
//! (schema version 1), and `tests/contracts.rs` pins them with snapshots. `summary --json` has its
//! contract in the engine (`iam_engine::summary`), shared with the page's summary export.

use iam_engine::diff::{MissingGrant, PolicyDiff, UnusedGrant};
use iam_engine::generalise::{Breadth, Churn, Contents, Scope};
use iam_engine::lint::{Finding, LintReport};
use iam_engine::simulate::{Coverage, SimulatedCall, Simulation, StatementRef};
use iam_engine::synth::{Generalisation, Synthesis};
use serde::Serialize;

/// The version of every `--json` output of `simulate`, `lint` and `diff`; later versions only add
/// fields.
pub const SCHEMA_VERSION: u32 = 1;

/// `iamwb simulate --json`.
#[derive(Serialize)]
pub struct SimulateOutput<'a> {
    schema_version: u32,
    principal: &'a str,
    policies: usize,
    calls: Vec<CallOutput<'a>>,
    coverage: CoverageOutput,
}

impl<'a> SimulateOutput<'a> {
    pub fn new(principal: &'a str, policies: usize, simulation: &'a Simulation) -> SimulateOutput<'a> {
        SimulateOutput {
            schema_version: SCHEMA_VERSION,
            principal,
            policies,
            calls: simulation.calls.iter().map(CallOutput::from).collect(),
            coverage: CoverageOutput::from(&simulation.coverage),
        }
    }
}

#[derive(Serialize)]
struct CallOutput<'a> {
    action: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    resource: Option<&'a str>,
    region: &'a str,
    day: &'a str,
    /// `success`, `denied` or `error`.
    outcome: &'static str,
    count: u64,
    first_seen: String,
    last_seen: String,
    /// `allowed`, `explicit-deny`, `implicit-deny` or `not-evaluable`.
    decision: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    statement: Option<StatementOutput<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    not_evaluable: Vec<&'a str>,
}

impl<'a> From<&'a SimulatedCall> for CallOutput<'a> {
    fn from(call: &'a SimulatedCall) -> CallOutput<'a> {
        CallOutput {
            action: &call.action,
            resource: call.resource.as_deref(),
            region: &call.region,
            day: &call.day,
            outcome: match call.outcome {
                iam_engine::Outcome::Success => "success",
                iam_engine::Outcome::Denied => "denied",
                iam_engine::Outcome::Error => "error",
            },
            count: call.count,
            first_seen: call.first_seen.to_rfc3339(),
            last_seen: call.last_seen.to_rfc3339(),
            decision: call.evaluation.decision.as_str(),
            statement: call.evaluation.statement.as_ref().map(StatementOutput::from),
            not_evaluable: call.evaluation.not_evaluable.iter().map(String::as_str).collect(),
        }
    }
}

/// A statement by its place: the policy (document) index and the statement index in it.
#[derive(Serialize)]
struct StatementOutput<'a> {
    policy: usize,
    index: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    sid: Option<&'a str>,
}

impl<'a> From<&'a StatementRef> for StatementOutput<'a> {
    fn from(statement: &'a StatementRef) -> StatementOutput<'a> {
        StatementOutput { policy: statement.policy, index: statement.index, sid: statement.sid.as_deref() }
    }
}

#[derive(Serialize)]
struct CoverageOutput {
    successful_calls: u64,
    allowed_calls: u64,
    denied_calls: u64,
    not_evaluable_calls: u64,
    ratio: f64,
}

impl From<&Coverage> for CoverageOutput {
    fn from(coverage: &Coverage) -> CoverageOutput {
        CoverageOutput {
            successful_calls: coverage.successful_calls,
            allowed_calls: coverage.allowed_calls,
            denied_calls: coverage.denied_calls,
            not_evaluable_calls: coverage.not_evaluable_calls,
            ratio: coverage.ratio,
        }
    }
}

/// `iamwb lint --json`.
#[derive(Serialize)]
pub struct LintOutput<'a> {
    schema_version: u32,
    file: &'a str,
    findings: Vec<FindingOutput<'a>>,
    errors: usize,
    warnings: usize,
    suggestions: usize,
    chars: usize,
}

impl<'a> LintOutput<'a> {
    pub fn new(file: &'a str, report: &'a LintReport) -> LintOutput<'a> {
        LintOutput {
            schema_version: SCHEMA_VERSION,
            file,
            findings: report.findings.iter().map(FindingOutput::from).collect(),
            errors: report.errors,
            warnings: report.warnings,
            suggestions: report.suggestions,
            chars: report.chars,
        }
    }
}

#[derive(Serialize)]
struct FindingOutput<'a> {
    /// `error`, `warning` or `suggestion`.
    severity: &'static str,
    code: &'a str,
    message: &'a str,
    pointer: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<usize>,
}

impl<'a> From<&'a Finding> for FindingOutput<'a> {
    fn from(finding: &'a Finding) -> FindingOutput<'a> {
        FindingOutput {
            severity: finding.severity.as_str(),
            code: &finding.code,
            message: &finding.message,
            pointer: &finding.pointer,
            line: finding.line,
            column: finding.column,
        }
    }
}

/// `iamwb diff --json`.
#[derive(Serialize)]
pub struct DiffOutput<'a> {
    schema_version: u32,
    principal: &'a str,
    unused: Vec<UnusedOutput<'a>>,
    missing: Vec<MissingOutput<'a>>,
    coverage: CoverageOutput,
    /// How far the existing policy reaches over the observed calls it allows.
    breadth_existing: BreadthOutput,
    /// The same for the policy `iamwb generate` prints for the principal and window.
    breadth_ours: BreadthOutput,
}

impl<'a> DiffOutput<'a> {
    pub fn new(principal: &'a str, diff: &'a PolicyDiff, breadth_ours: &Breadth) -> DiffOutput<'a> {
        DiffOutput {
            schema_version: SCHEMA_VERSION,
            principal,
            unused: diff.unused.iter().map(UnusedOutput::from).collect(),
            missing: diff.missing.iter().map(MissingOutput::from).collect(),
            coverage: CoverageOutput::from(&diff.coverage),
            breadth_existing: BreadthOutput::from(&diff.breadth),
            breadth_ours: BreadthOutput::from(breadth_ours),
        }
    }
}

/// A breadth measure (`iam_engine::generalise::Breadth`; docs/least-privilege.md).
#[derive(Serialize)]
struct BreadthOutput {
    resource_patterns: usize,
    grants: u64,
    /// Observed (action, resource) pairs by the reach of the pattern granting them: `exact`,
    /// `prefix`, `type`, `service`, `any`.
    grants_by_scope: std::collections::BTreeMap<&'static str, u64>,
    score: f64,
}

impl From<&Breadth> for BreadthOutput {
    fn from(breadth: &Breadth) -> BreadthOutput {
        let scope_name = |scope: &Scope| match scope {
            Scope::Exact => "exact",
            Scope::Prefix => "prefix",
            Scope::Type => "type",
            Scope::Service => "service",
            Scope::Any => "any",
        };
        BreadthOutput {
            resource_patterns: breadth.resource_patterns,
            grants: breadth.grants,
            grants_by_scope: breadth.grants_by_scope.iter().map(|(scope, count)| (scope_name(scope), *count)).collect(),
            score: breadth.score,
        }
    }
}

#[derive(Serialize)]
struct UnusedOutput<'a> {
    statement: StatementOutput<'a>,
    pointer: &'a str,
    /// `action` or `resource`.
    kind: &'static str,
    entry: &'a str,
    /// `remove` or `narrow`.
    recommendation: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    used: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unused_actions: Option<usize>,
}

impl<'a> From<&'a UnusedGrant> for UnusedOutput<'a> {
    fn from(grant: &'a UnusedGrant) -> UnusedOutput<'a> {
        UnusedOutput {
            statement: StatementOutput::from(&grant.statement),
            pointer: &grant.pointer,
            kind: match grant.kind {
                iam_engine::diff::EntryKind::Action => "action",
                iam_engine::diff::EntryKind::Resource => "resource",
            },
            entry: &grant.entry,
            recommendation: &grant.recommendation,
            used: grant.used.iter().map(String::as_str).collect(),
            unused_actions: grant.unused_actions,
        }
    }
}

#[derive(Serialize)]
struct MissingOutput<'a> {
    action: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    resource: Option<&'a str>,
    decision: &'static str,
    calls: u64,
    first_seen: String,
    last_seen: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    reasons: Vec<&'a str>,
}

impl<'a> From<&'a MissingGrant> for MissingOutput<'a> {
    fn from(grant: &'a MissingGrant) -> MissingOutput<'a> {
        MissingOutput {
            action: &grant.action,
            resource: grant.resource.as_deref(),
            decision: grant.decision.as_str(),
            calls: grant.calls,
            first_seen: grant.first_seen.to_rfc3339(),
            last_seen: grant.last_seen.to_rfc3339(),
            reasons: grant.reasons.iter().map(String::as_str).collect(),
        }
    }
}

/// `iamwb generate --json`: the documents and why the level reaches where it does.
#[derive(Serialize)]
pub struct GenerateOutput<'a> {
    schema_version: u32,
    principal: &'a str,
    /// `exact`, `durable`, `prefix`, `type` or `service`.
    level: &'static str,
    /// The managed policies (one when the policy fits one).
    documents: &'a [iam_engine::Policy],
    generalisations: Vec<GeneralisationOutput<'a>>,
    coverage: CoverageOutput,
}

impl<'a> GenerateOutput<'a> {
    pub fn new(principal: &'a str, synthesis: &'a Synthesis) -> GenerateOutput<'a> {
        GenerateOutput {
            schema_version: SCHEMA_VERSION,
            principal,
            level: synthesis.level_used.as_str(),
            documents: &synthesis.documents,
            generalisations: synthesis.generalisations.iter().map(GeneralisationOutput::from).collect(),
            coverage: CoverageOutput::from(&synthesis.coverage),
        }
    }
}

#[derive(Serialize)]
struct GeneralisationOutput<'a> {
    pattern: &'a str,
    /// `date`, `number`, `hex-id`, `uuid`, `random-suffix`, `version`.
    churn: &'a [Churn],
    /// `object-keys`, `log-streams` or `parameters` grouped under a directory.
    #[serde(skip_serializing_if = "Option::is_none")]
    contents: Option<Contents>,
    /// The regions observed, when the pattern grants any region.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    regions: &'a [String],
    observed: usize,
    calls: u64,
    last_seen: String,
    examples: &'a [String],
}

impl<'a> From<&'a Generalisation> for GeneralisationOutput<'a> {
    fn from(generalisation: &'a Generalisation) -> GeneralisationOutput<'a> {
        GeneralisationOutput {
            pattern: &generalisation.pattern,
            churn: &generalisation.churn,
            contents: generalisation.contents,
            regions: &generalisation.regions,
            observed: generalisation.observed,
            calls: generalisation.calls,
            last_seen: generalisation.last_seen.to_rfc3339(),
            examples: &generalisation.examples,
        }
    }
}
