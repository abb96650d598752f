//! Reading inputs: bytes in, aggregates and diagnostics out. A file is pushed in chunks of any
//! size (the CLI reads them from disk, the browser worker from `Blob` slices); gzip is detected
//! and inflated on the fly in bounded steps; what the file is is recognised from its first bytes
//! and, value by value, from its keys or its CSV header. Activity is folded into the
//! `ActivityBuilder` as soon as a record is complete; policies, findings and IAM reports are
//! collected as plain data. A bad record is a problem next to a usable result; only a file that
//! is no known format at all is an error, and it never costs the other files anything.
//!
//! Pushing the same bytes in chunks of any sizes gives the same result: every decision is made
//! on a fixed window of bytes, never on where a chunk happens to end.

mod aggregated;
mod csv;
mod documents;
pub mod imported;
mod lines;
mod split;
mod table;
mod values;

use crate::activity::{Activity, ActivityBuilder};
use imported::{AuthorizationDetails, EntityLastAccessed, FindingSummary, ImportedPolicy, ServiceLastAccessed, UnusedAccessFinding};
use serde::{Deserialize, Serialize};
use split::{OpenAt, Splitter};
use std::io::Write;

pub use imported::{
    ActionLastAccessed, AttachedPolicy, Attachment, EntityKind, EntityPolicies, IamEntity, ManagedPolicy, NamedPolicy, PolicyOrigin, UnusedAction,
    UnusedService,
};

/// Limits that keep hostile input from exhausting memory or time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IngestOptions {
    /// Largest decompressed size of one file (gzip bombs end here).
    pub max_decompressed_bytes: u64,
    /// Largest single value held in memory: a record, a line, a CSV row, or a whole document
    /// (an IAM report, a page of results). Bounds string lengths too.
    pub max_value_bytes: usize,
    /// Problems kept per file; further ones are counted.
    pub max_problems_per_file: usize,
    /// Distinct principals kept in full (`activity::MAX_PRINCIPALS`); events of further ones
    /// count but are attributed to none.
    pub max_principals: usize,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            max_decompressed_bytes: 16 << 30,
            max_value_bytes: 64 << 20,
            max_problems_per_file: 50,
            max_principals: crate::activity::MAX_PRINCIPALS,
        }
    }
}

/// What a file turned out to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// Not recognised (yet, or at all).
    Unknown,
    /// `{"Records":[…]}`: S3-delivered CloudTrail logs, Event history JSON downloads.
    CloudtrailRecords,
    /// A bare JSON array of records.
    CloudtrailArray,
    /// One record per line (NDJSON, with or without log-shipper keys), or records concatenated.
    CloudtrailLines,
    /// A CloudTrail digest file: not activity, skipped.
    CloudtrailDigest,
    /// CloudTrail Insights events: not activity, skipped.
    CloudtrailInsights,
    /// A CloudWatch Logs export: a timestamp, then the record, per line.
    CloudwatchLogsExport,
    /// `aws logs filter-log-events` / `get-log-events` output (`{"events":[{"message":…}]}`).
    CloudwatchLogEvents,
    /// EventBridge events of CloudTrail records (`{"detail-type":"AWS API Call via CloudTrail",
    /// "detail":{…}}`), one per line or in an array.
    EventbridgeEvents,
    /// `aws cloudtrail lookup-events` output (one or many pages).
    LookupEvents,
    /// The console's Event history "Download as CSV".
    EventHistoryCsv,
    /// CloudTrail Lake `get-query-results` (one or many pages): records from `eventJson`, or
    /// partial records from scalar columns.
    LakeQueryResults,
    /// CloudTrail Lake `get-query-results` in the aggregated form (`principal_arn`, …, `calls`).
    LakeAggregate,
    /// CloudTrail Lake results saved to S3 (`result_N.csv.gz`) with an `eventJson` column.
    LakeCsv,
    /// Athena query results over a CloudTrail table (`eventversion`, `useridentity`, …).
    AthenaCsv,
    /// Query results (Lake or Athena) as CSV with scalar columns (`eventsource`, `eventname`, …).
    QueryResultsCsv,
    /// The aggregated form as CSV.
    AggregateCsv,
    /// CloudWatch Logs Insights `get-query-results` (`{"results":[[{"field":…,"value":…}]]}`), or
    /// the console's JSON export of a result (an array of flat rows).
    LogsInsightsResults,
    /// `aws accessanalyzer get-generated-policy`.
    AccessAnalyzerGeneratedPolicy,
    /// `aws accessanalyzer list-findings-v2` (or `list-findings`).
    AccessAnalyzerFindings,
    /// `aws accessanalyzer get-finding-v2` (or `get-finding`).
    AccessAnalyzerFinding,
    /// An IAM policy document (object, JSON string or URL-encoded), or `get-role-policy` and kin.
    IamPolicy,
    /// `aws iam get-policy-version`.
    IamPolicyVersion,
    /// `aws iam get-account-authorization-details`.
    IamAuthorizationDetails,
    /// `aws iam get-service-last-accessed-details` (`-with-entities`).
    AccessAdvisor,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Unknown => "unknown",
            Format::CloudtrailRecords => "cloudtrail-records",
            Format::CloudtrailArray => "cloudtrail-array",
            Format::CloudtrailLines => "cloudtrail-lines",
            Format::CloudtrailDigest => "cloudtrail-digest",
            Format::CloudtrailInsights => "cloudtrail-insights",
            Format::CloudwatchLogsExport => "cloudwatch-logs-export",
            Format::CloudwatchLogEvents => "cloudwatch-log-events",
            Format::EventbridgeEvents => "eventbridge-events",
            Format::LookupEvents => "lookup-events",
            Format::EventHistoryCsv => "event-history-csv",
            Format::LakeQueryResults => "lake-query-results",
            Format::LakeAggregate => "lake-aggregate",
            Format::LakeCsv => "lake-csv",
            Format::AthenaCsv => "athena-csv",
            Format::QueryResultsCsv => "query-results-csv",
            Format::AggregateCsv => "aggregate-csv",
            Format::LogsInsightsResults => "logs-insights-results",
            Format::AccessAnalyzerGeneratedPolicy => "access-analyzer-generated-policy",
            Format::AccessAnalyzerFindings => "access-analyzer-findings",
            Format::AccessAnalyzerFinding => "access-analyzer-finding",
            Format::IamPolicy => "iam-policy",
            Format::IamPolicyVersion => "iam-policy-version",
            Format::IamAuthorizationDetails => "iam-authorization-details",
            Format::AccessAdvisor => "access-advisor",
        }
    }
}

/// Where in a file a problem is.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Location {
    /// 1-based value number: array element, line value, CSV row (after the header) or page.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub record: Option<u64>,
    /// 1-based line of the (decompressed) text where the value starts.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub line: Option<u64>,
}

impl std::fmt::Display for Location {
    /// `line 3, record 2`, `line 3`, `record 2`, or nothing for the whole file.
    fn fmt(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
        match (self.line, self.record) {
            (Some(line), Some(record)) => write!(formatter, "line {line}, record {record}"),
            (Some(line), None) => write!(formatter, "line {line}"),
            (None, Some(record)) => write!(formatter, "record {record}"),
            (None, None) => Ok(()),
        }
    }
}

impl Location {
    pub const FILE: Location = Location { record: None, line: None };

    pub fn at(record: u64, line: u64) -> Location {
        Location { record: Some(record), line: Some(line) }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum ProblemKind {
    /// The file is no format the workbench reads; nothing was taken from it.
    UnknownFormat,
    /// The gzip stream is corrupt.
    BadGzip,
    /// Decompressed beyond the size limit.
    TooLarge,
    /// The file ended in the middle of a record.
    Truncated,
    /// One record could not be read; the others were.
    BadRecord,
    /// A record, line, row or document is beyond the size limit.
    OversizedRecord,
    /// Nested deeper than the parser allows.
    TooDeep,
    /// The file was read but holds no activity (a digest, an Insights file).
    Skipped,
    /// A table (CSV, Lake rows) lacks the columns needed to read its rows.
    MissingColumns,
    /// One page of a longer result, a job that did not finish, or a record read despite a
    /// syntax slip: what was taken is usable but not the whole story.
    Incomplete,
    /// Records beyond a bound of what one input can make the workbench hold
    /// (`activity::Limit`): reported once per file and bound, with the count.
    OverLimit,
    /// Different records with the same `eventID` (scrubbed or anonymised logs): all kept, reported
    /// once per file with the count. Only the same delivery seen again is a duplicate.
    SharedEventId,
    /// Records without `eventTime`, dated by a log shipper's `@timestamp`: once per file, counted.
    TimeFromShipper,
    /// Aggregated events that list several callers and several resources (or actions) without
    /// saying which did which: every combination was read (once per file, counted).
    AggregatedCombined,
    /// Aggregated events that summarise data events the file set also holds: counted apart,
    /// never twice (once per file, counted; `FileReport::aggregated_apart`).
    AggregatedApart,
}

/// A diagnostic about one input file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub kind: ProblemKind,
    #[serde(flatten)]
    pub location: Location,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileReport {
    pub name: String,
    pub format: Format,
    /// Events taken from this file (duplicates excluded; an aggregated row counts its calls).
    pub events: u64,
    pub duplicates: u64,
    /// Other things taken from this file: policies, findings, IAM entities, services.
    #[serde(default)]
    pub items: u64,
    /// Bytes pushed (compressed size for gzip).
    pub bytes: u64,
    pub problems: Vec<Problem>,
    /// Problems beyond `max_problems_per_file`, counted only.
    #[serde(default)]
    pub more_problems: u64,
    /// Calls summarised by aggregated events whose data events the file set also holds: counted
    /// apart, not in `events` (the data events are).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub aggregated_apart: u64,
}

fn is_zero(value: &u64) -> bool {
    *value == 0
}

impl FileReport {
    /// True when nothing usable came from this file.
    pub fn is_unusable(&self) -> bool {
        self.events == 0
            && self.items == 0
            && self
                .problems
                .iter()
                .any(|problem| matches!(problem.kind, ProblemKind::UnknownFormat | ProblemKind::BadGzip | ProblemKind::TooLarge | ProblemKind::MissingColumns))
    }
}

/// The result of reading every input.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Analysis {
    pub activity: Activity,
    pub files: Vec<FileReport>,
    /// Policies read from IAM documents, policy versions and Access Analyzer generated policies,
    /// sorted by file, then in input order.
    #[serde(default)]
    pub policies: Vec<ImportedPolicy>,
    /// Access Analyzer finding summaries, sorted.
    #[serde(default)]
    pub findings: Vec<FindingSummary>,
    /// Access Analyzer unused-access findings, sorted by resource and id.
    #[serde(default)]
    pub unused_access: Vec<UnusedAccessFinding>,
    #[serde(default)]
    pub authorization_details: AuthorizationDetails,
    /// Access Advisor services, sorted.
    #[serde(default)]
    pub last_accessed: Vec<ServiceLastAccessed>,
    /// Access Advisor entities (`-with-entities`), sorted.
    #[serde(default)]
    pub last_accessed_entities: Vec<EntityLastAccessed>,
}

impl Analysis {
    /// The users and roles of the authorization details, to choose from: `(arn, kind, name)`.
    pub fn authorization_principals(&self) -> Vec<(&str, EntityKind, &str)> {
        self.authorization_details
            .entities
            .iter()
            .filter(|entity| entity.kind != EntityKind::Group)
            .map(|entity| (entity.arn.as_str(), entity.kind, entity.name.as_str()))
            .collect()
    }

    /// Everything that applies to one user or role of the authorization details: its inline
    /// policies, its attached managed policies (default version) and its groups' policies.
    pub fn entity_policies(&self, arn: &str) -> Option<EntityPolicies> {
        documents::entity_policies(&self.authorization_details, arn)
    }

    /// The policies of the inputs that can stand for this principal's existing policy: its
    /// authorization details first, then each policy file (see `imported::policy_sources`).
    pub fn policy_sources(&self, principal_arn: &str) -> Vec<imported::PolicySource> {
        imported::policy_sources(&self.policies, self.entity_policies(principal_arn), principal_arn)
    }
}

/// Everything read so far that is not activity.
#[derive(Default)]
struct Imported {
    policies: Vec<ImportedPolicy>,
    findings: Vec<FindingSummary>,
    unused_access: Vec<UnusedAccessFinding>,
    authorization_details: AuthorizationDetails,
    last_accessed: Vec<ServiceLastAccessed>,
    last_accessed_entities: Vec<EntityLastAccessed>,
}

pub struct Ingest {
    builder: ActivityBuilder,
    imported: Imported,
    files: Vec<FileReport>,
    options: IngestOptions,
    /// Aggregated events read, folded when the reading ends unless their data events are here.
    pending_aggregates: Vec<aggregated::PendingAggregate>,
    /// Their calls, bounded by `MAX_PENDING_AGGREGATE_CALLS`.
    pending_aggregate_calls: usize,
}

/// Summarised calls held until the reading ends, at most (about 100 bytes each).
pub(super) const MAX_PENDING_AGGREGATE_CALLS: usize = 1_000_000;

impl Default for Ingest {
    fn default() -> Self {
        Ingest::new(IngestOptions::default())
    }
}

impl Ingest {
    /// Reads with the IAM catalog compiled into the crate (the CLI, tests).
    pub fn new(options: IngestOptions) -> Self {
        Ingest {
            builder: ActivityBuilder::new().max_principals(options.max_principals),
            imported: Imported::default(),
            files: Vec::new(),
            options,
            pending_aggregates: Vec::new(),
            pending_aggregate_calls: 0,
        }
    }

    /// Reads with this IAM catalog: the web app fetches the catalog file once, decodes it with
    /// `Catalog::from_gzip` and leaks or stores it for the page's lifetime.
    pub fn with_catalog(options: IngestOptions, catalog: &'static crate::catalog::Catalog) -> Self {
        Ingest {
            builder: ActivityBuilder::with_catalog(catalog).max_principals(options.max_principals),
            imported: Imported::default(),
            files: Vec::new(),
            options,
            pending_aggregates: Vec::new(),
            pending_aggregate_calls: 0,
        }
    }

    /// Starts reading one file; push its bytes, then `finish` it.
    pub fn file(&mut self, name: &str) -> FileReader<'_> {
        FileReader {
            options: self.options,
            report: FileReport {
                name: name.to_owned(),
                format: Format::Unknown,
                events: 0,
                duplicates: 0,
                items: 0,
                bytes: 0,
                problems: Vec::new(),
                more_problems: 0,
                aggregated_apart: 0,
            },
            ingest: self,
            compression: Compression::Undecided(Vec::new()),
            gzip_pending: Vec::new(),
            stage: Stage::Sniffing(Sniff::default()),
            decompressed: 0,
            values: 0,
            format_settled: false,
            hint: values::Hint::Record,
            table: None,
            once: 0,
            depth: 0,
            over_limits: Vec::new(),
            tallies: Tallies::default(),
            insights_rows: 0,
        }
    }

    /// Reads a whole file held in memory.
    pub fn read_bytes(&mut self, name: &str, bytes: &[u8]) -> &FileReport {
        let mut reader = self.file(name);
        reader.push(bytes);
        reader.finish()
    }

    pub fn files(&self) -> &[FileReport] {
        &self.files
    }

    pub fn n_events(&self) -> u64 {
        self.builder.n_events()
    }

    pub fn finish(mut self) -> Analysis {
        self.fold_aggregates();
        let Imported { mut policies, mut findings, mut unused_access, authorization_details, mut last_accessed, mut last_accessed_entities } = self.imported;
        // Stable sorts: input order is kept within a file.
        policies.sort_by(|left, right| left.source_file.cmp(&right.source_file));
        findings.sort();
        findings.dedup();
        unused_access = documents::merge_unused_access(unused_access);
        last_accessed.sort();
        last_accessed_entities.sort();
        Analysis {
            activity: self.builder.finish(),
            files: self.files,
            policies,
            findings,
            unused_access,
            authorization_details: documents::finish_authorization_details(authorization_details),
            last_accessed,
            last_accessed_entities,
        }
    }
}

impl Ingest {
    /// The aggregated events' calls, unless the data events they summarise are here too (same
    /// service and region, an event in the window): then those win and the summary is counted
    /// apart, reported once per file.
    fn fold_aggregates(&mut self) {
        // Per file: summaries with calls counted apart, and those calls.
        let mut apart: Vec<(usize, u64, u64)> = Vec::new();
        for pending in std::mem::take(&mut self.pending_aggregates) {
            let mut calls_apart = 0u64;
            for call in &pending.calls {
                if self.builder.saw_data_events(&pending.event_source, &pending.region, &call.event_name, pending.window_start, pending.window_end) {
                    calls_apart = calls_apart.saturating_add(call.calls);
                    continue;
                }
                let row = crate::activity::AggregateRow {
                    principal_arn: call.principal.as_deref(),
                    event_source: &pending.event_source,
                    event_name: &call.event_name,
                    resource_arn: call.resource.as_deref(),
                    second_resource_arn: None,
                    request_parameters: None,
                    error_code: call.error_code.as_deref(),
                    region: Some(pending.region.as_str()).filter(|region| !region.is_empty()),
                    calls: call.calls,
                    first_seen: Some(pending.window_start),
                    last_seen: Some(crate::timestamp::Timestamp(pending.window_end.0 - 1).max(pending.window_start)),
                };
                self.builder.fold_aggregate(&row);
            }
            if calls_apart == 0 {
                continue;
            }
            if let Some(report) = self.files.get_mut(pending.file) {
                report.events = report.events.saturating_sub(calls_apart);
                report.aggregated_apart = report.aggregated_apart.saturating_add(calls_apart);
            }
            match apart.iter_mut().find(|(file, _, _)| *file == pending.file) {
                Some((_, records, total)) => {
                    *records += 1;
                    *total = total.saturating_add(calls_apart);
                }
                None => apart.push((pending.file, 1, calls_apart)),
            }
        }
        for (file, records, calls) in apart {
            if let Some(report) = self.files.get_mut(file) {
                let records = if records == 1 { "1 aggregated event".to_owned() } else { format!("{records} aggregated events") };
                report.problems.push(Problem {
                    kind: ProblemKind::AggregatedApart,
                    location: Location::FILE,
                    message: format!("{records} ({calls} calls) summarise data events that these files also hold: counted apart, not added again"),
                });
            }
        }
    }
}

enum Compression {
    /// The first bytes, kept until the magic number is known.
    Undecided(Vec<u8>),
    Plain,
    Gzip(Box<flate2::write::MultiGzDecoder<Vec<u8>>>),
}

/// The first bytes of the decompressed text, kept until the format is recognised.
#[derive(Default)]
struct Sniff {
    /// From the first byte that is not whitespace.
    buffer: Vec<u8>,
    /// Whether the byte-order mark question is settled.
    bom_checked: bool,
    /// Newlines in the leading whitespace that was dropped.
    leading_newlines: u64,
}

enum Stage {
    Sniffing(Sniff),
    /// JSON values: documents, arrays, NDJSON, record containers.
    Json(Splitter),
    /// A CloudWatch Logs export.
    Lines(lines::LineSplitter),
    Csv(Box<csv::CsvStream>),
    /// A document read whole: a URL-encoded policy.
    Whole(Vec<u8>),
    /// Nothing more is read from this file.
    Stopped,
}

/// How many bytes, from the first that is not whitespace, decide what a file is.
const SNIFF_BYTES: usize = 512;
/// How many bytes decide the compression.
const MAGIC_BYTES: usize = 4;
/// Compressed bytes inflated at a time: bounds how far one step can expand (about 1000:1).
const INFLATE_STEP: usize = 16 * 1024;
const BOM: &[u8] = &[0xEF, 0xBB, 0xBF];

/// The formats a file could have been, for "not a format the workbench reads" messages.
pub const EXPECTED_FORMATS: &str = "CloudTrail records ({\"Records\":[…]}, a JSON array, one per line, a CloudWatch Logs or EventBridge export), \
    lookup-events output, CloudTrail Lake or Athena query results (JSON or CSV), an Event history CSV, \
    IAM Access Analyzer output (get-generated-policy, list-findings-v2, get-finding-v2), \
    an IAM policy document, get-policy-version, get-account-authorization-details, or get-service-last-accessed-details";

pub struct FileReader<'i> {
    ingest: &'i mut Ingest,
    options: IngestOptions,
    report: FileReport,
    compression: Compression,
    /// Compressed bytes waiting for a whole block.
    gzip_pending: Vec<u8>,
    stage: Stage,
    decompressed: u64,
    /// Values handed out so far: record numbers.
    values: u64,
    /// The format was set by a value (not just guessed from the container).
    format_settled: bool,
    /// What the last value was, to try that parse first.
    hint: values::Hint,
    /// The columns of the Lake rows read last.
    table: Option<table::CachedColumns>,
    /// Notes already given for this file (bit set of `values::Once`).
    once: u32,
    /// Nesting of documents read inside documents (pages in an array): bounds recursion.
    depth: u8,
    /// Records beyond each bound met so far: the bound, how many, where the first was.
    over_limits: Vec<(crate::activity::Limit, u64, Location)>,
    /// Notes given once per file with a count (shared IDs, shipper times).
    tallies: Tallies,
    /// Rows of Logs Insights results read (the query returns at most 10,000).
    insights_rows: u64,
}

/// What a file's records showed that is reported once, with a count, when the file ends.
#[derive(Default)]
struct Tallies {
    /// Records kept though a different record had their `eventID` first: how many, the first
    /// such ID, where it was.
    shared_ids: Option<(u64, String, Location)>,
    /// Records dated by a shipper's `@timestamp`: how many, where the first was.
    shipper_times: Option<(u64, Location)>,
    /// Aggregated events read as every combination of their dimensions: how many, the first.
    aggregated_combined: Option<(u64, Location)>,
    /// Aggregated events beyond what is held until the reading ends: how many, the first.
    aggregated_over_limit: Option<(u64, Location)>,
}

/// One more of something said once per file: the count, and where the first was.
fn count_at(tally: &mut Option<(u64, Location)>, location: &Location) {
    match tally {
        Some((count, _)) => *count += 1,
        None => *tally = Some((1, location.clone())),
    }
}

impl Tallies {
    fn count_shared_id(&mut self, event_id: &str, location: &Location) {
        match &mut self.shared_ids {
            Some((count, _, _)) => *count += 1,
            None => self.shared_ids = Some((1, event_id.to_owned(), location.clone())),
        }
    }

    fn count_shipper_time(&mut self, location: &Location) {
        count_at(&mut self.shipper_times, location);
    }

    fn count_aggregated_over_limit(&mut self, location: &Location) {
        count_at(&mut self.aggregated_over_limit, location);
    }

    fn count_combined(&mut self, location: &Location) {
        count_at(&mut self.aggregated_combined, location);
    }

    fn problems(self) -> impl Iterator<Item = Problem> {
        let shared = self.shared_ids.map(|(count, id, location)| Problem {
            kind: ProblemKind::SharedEventId,
            location,
            message: if count == 1 {
                format!(
                    "1 record reuses an eventID that a different record already has (\"{}\") but differs from it: kept as a separate event",
                    crate::text::visible(&id)
                )
            } else {
                format!(
                    "{count} records reuse an eventID that a different record already has (first: \"{}\") but differ from it: kept as separate events",
                    crate::text::visible(&id)
                )
            },
        });
        let shipper = self.shipper_times.map(|(count, location)| Problem {
            kind: ProblemKind::TimeFromShipper,
            location,
            message: if count == 1 {
                "1 record has no eventTime: dated by the log shipper's @timestamp".to_owned()
            } else {
                format!("{count} records have no eventTime: dated by the log shipper's @timestamp")
            },
        });
        let combined = self.aggregated_combined.map(|(count, location)| Problem {
            kind: ProblemKind::AggregatedCombined,
            location,
            message: format!(
                "{} list several callers, actions or resources (or some failed calls) without saying which went with which: every combination was read, which may allow more than was used",
                if count == 1 { "1 aggregated event".to_owned() } else { format!("{count} aggregated events") }
            ),
        });
        let over_limit = self.aggregated_over_limit.map(|(count, location)| Problem {
            kind: ProblemKind::OverLimit,
            location,
            message: format!(
                "aggregated events beyond the {MAX_PENDING_AGGREGATE_CALLS} summarised calls held until the reading ends: {count} skipped (read the data events instead, or fewer summaries at a time)"
            ),
        });
        shared.into_iter().chain(shipper).chain(combined).chain(over_limit)
    }
}

impl<'i> FileReader<'i> {
    /// Events taken from this file so far.
    pub fn events(&self) -> u64 {
        self.report.events
    }

    /// Bytes pushed so far.
    pub fn bytes(&self) -> u64 {
        self.report.bytes
    }

    /// Decompressed bytes read so far.
    pub fn decompressed_bytes(&self) -> u64 {
        self.decompressed
    }

    pub fn push(&mut self, chunk: &[u8]) {
        self.report.bytes += chunk.len() as u64;
        if matches!(self.stage, Stage::Stopped) {
            return;
        }
        if let Compression::Undecided(magic) = &mut self.compression {
            magic.extend_from_slice(chunk);
            if magic.len() < MAGIC_BYTES {
                return;
            }
            let first = std::mem::take(magic);
            self.decide_compression(&first);
            return;
        }
        self.decompress(chunk);
    }

    fn decide_compression(&mut self, first: &[u8]) {
        let archive = if first.starts_with(b"PK\x03\x04") || first.starts_with(b"PK\x05\x06") {
            Some("a ZIP archive; unzip it and drop the files inside")
        } else if first.starts_with(b"BZh") {
            Some("bzip2-compressed; decompress it first (gzip is read directly)")
        } else if first.starts_with(&[0xFD, b'7', b'z', b'X']) {
            Some("xz-compressed; decompress it first (gzip is read directly)")
        } else if first.starts_with(&[0x28, 0xB5, 0x2F, 0xFD]) {
            Some("zstd-compressed; decompress it first (gzip is read directly)")
        } else if first.starts_with(&[b'7', b'z', 0xBC, 0xAF]) {
            Some("a 7-Zip archive; unpack it and drop the files inside")
        } else {
            None
        };
        if let Some(what) = archive {
            self.problem(ProblemKind::UnknownFormat, Location::FILE, format!("this is {what}"));
            self.stage = Stage::Stopped;
            return;
        }
        self.compression =
            if first.starts_with(&[0x1f, 0x8b]) { Compression::Gzip(Box::new(flate2::write::MultiGzDecoder::new(Vec::new()))) } else { Compression::Plain };
        self.decompress(first);
    }

    fn decompress(&mut self, mut chunk: &[u8]) {
        match &mut self.compression {
            Compression::Plain => self.feed(chunk),
            Compression::Gzip(_) => {
                // The decoder is given blocks of exactly `INFLATE_STEP` bytes whatever the
                // chunks, so that what it yields (before a corruption, say) never depends on
                // where chunks end.
                if !self.gzip_pending.is_empty() {
                    let wanted = (INFLATE_STEP - self.gzip_pending.len()).min(chunk.len());
                    self.gzip_pending.extend_from_slice(&chunk[..wanted]);
                    chunk = &chunk[wanted..];
                    if self.gzip_pending.len() < INFLATE_STEP {
                        return;
                    }
                    let block = std::mem::take(&mut self.gzip_pending);
                    if !self.inflate(&block) {
                        return;
                    }
                }
                while chunk.len() >= INFLATE_STEP {
                    if !self.inflate(&chunk[..INFLATE_STEP]) {
                        return;
                    }
                    chunk = &chunk[INFLATE_STEP..];
                }
                self.gzip_pending.extend_from_slice(chunk);
            }
            Compression::Undecided(_) => {}
        }
    }

    /// Inflates one block of compressed bytes and reads what comes out; false when nothing
    /// more is to be read.
    fn inflate(&mut self, block: &[u8]) -> bool {
        let Compression::Gzip(decoder) = &mut self.compression else {
            return false;
        };
        let inflated = match decoder.write_all(block).and_then(|()| decoder.flush()) {
            Ok(()) => std::mem::take(decoder.get_mut()),
            Err(error) => {
                let tail = std::mem::take(decoder.get_mut());
                self.compression = Compression::Plain;
                self.feed(&tail);
                self.problem(ProblemKind::BadGzip, Location::FILE, format!("the gzip data is corrupt ({error}); the rest of the file was not read"));
                self.stop();
                return false;
            }
        };
        self.feed(&inflated);
        // The output buffer goes back to the decoder, emptied: one allocation per file, not
        // one (growing, zero-filled) per block.
        if let Compression::Gzip(decoder) = &mut self.compression {
            let mut buffer = inflated;
            buffer.clear();
            *decoder.get_mut() = buffer;
        }
        !matches!(self.stage, Stage::Stopped)
    }

    /// Takes decompressed bytes, up to the size limit.
    fn feed(&mut self, bytes: &[u8]) {
        if bytes.is_empty() || matches!(self.stage, Stage::Stopped) {
            return;
        }
        let allowed = self.options.max_decompressed_bytes.saturating_sub(self.decompressed);
        let over = bytes.len() as u64 > allowed;
        let now = if over { &bytes[..allowed as usize] } else { bytes };
        self.decompressed += now.len() as u64;
        self.process(now);
        if over && !matches!(self.stage, Stage::Stopped) {
            self.problem(
                ProblemKind::TooLarge,
                Location::FILE,
                format!("the file expands beyond {} bytes (the limit); the rest of it was not read", self.options.max_decompressed_bytes),
            );
            self.stage = Stage::Stopped;
        }
    }

    fn process(&mut self, bytes: &[u8]) {
        if bytes.is_empty() {
            return;
        }
        match &mut self.stage {
            Stage::Stopped => {}
            Stage::Json(_) => self.split(bytes),
            Stage::Lines(_) => self.split_lines(bytes),
            Stage::Csv(_) => self.read_csv(bytes),
            Stage::Whole(buffer) => {
                if buffer.len() + bytes.len() > self.options.max_value_bytes {
                    let size = buffer.len() + bytes.len();
                    self.problem(
                        ProblemKind::OversizedRecord,
                        Location::FILE,
                        format!("the document is larger than the {}-byte limit ({size} bytes read so far); it was not read", self.options.max_value_bytes),
                    );
                    self.stage = Stage::Stopped;
                } else {
                    buffer.extend_from_slice(bytes);
                }
            }
            Stage::Sniffing(sniff) => {
                sniff.buffer.extend_from_slice(bytes);
                self.sniff(false);
            }
        }
    }

    /// Looks at the first bytes; decides once `SNIFF_BYTES` are there (or at the end).
    fn sniff(&mut self, at_end: bool) {
        let Stage::Sniffing(sniff) = &mut self.stage else {
            return;
        };
        if !sniff.bom_checked {
            if sniff.buffer.len() < BOM.len() && BOM.starts_with(&sniff.buffer) && !at_end {
                return;
            }
            if sniff.buffer.starts_with(BOM) {
                sniff.buffer.drain(..BOM.len());
            }
            sniff.bom_checked = true;
        }
        let blank = sniff.buffer.iter().take_while(|byte| byte.is_ascii_whitespace()).count();
        if blank > 0 {
            sniff.leading_newlines += memchr::memchr_iter(b'\n', &sniff.buffer[..blank]).count() as u64;
            sniff.buffer.drain(..blank);
        }
        if sniff.buffer.len() < SNIFF_BYTES && !at_end {
            return;
        }
        let Stage::Sniffing(sniff) = std::mem::replace(&mut self.stage, Stage::Stopped) else {
            return;
        };
        let first_line = 1 + sniff.leading_newlines;
        let buffer = sniff.buffer;
        let window = &buffer[..buffer.len().min(SNIFF_BYTES)];
        match recognise(window, at_end) {
            Sniffed::Empty => {
                let what = if first_line > 1 { "the file holds only whitespace" } else { "the file is empty" };
                self.problem(ProblemKind::UnknownFormat, Location::FILE, format!("{what}; expected {EXPECTED_FORMATS}"));
            }
            Sniffed::Json => {
                self.stage = Stage::Json(Splitter::new(self.options.max_value_bytes, first_line));
                self.split(&buffer);
            }
            Sniffed::CloudwatchLines => {
                self.set_format(Format::CloudwatchLogsExport, true);
                self.stage = Stage::Lines(lines::LineSplitter::new(self.options.max_value_bytes, first_line));
                self.split_lines(&buffer);
            }
            Sniffed::UrlEncoded => {
                self.stage = Stage::Whole(Vec::new());
                self.process(&buffer);
            }
            Sniffed::Csv => {
                self.stage = Stage::Csv(Box::new(csv::CsvStream::new(self.options.max_value_bytes, first_line)));
                self.read_csv(&buffer);
            }
            Sniffed::Binary(what) => {
                self.problem(ProblemKind::UnknownFormat, Location::FILE, format!("{what}; expected {EXPECTED_FORMATS}"));
            }
        }
    }

    fn split(&mut self, bytes: &[u8]) {
        let Stage::Json(mut splitter) = std::mem::replace(&mut self.stage, Stage::Stopped) else {
            return;
        };
        splitter.push(bytes, &mut |piece| self.take_piece(piece));
        if matches!(self.stage, Stage::Stopped) && !self.stopped_for_good() {
            self.stage = Stage::Json(splitter);
        }
    }

    fn split_lines(&mut self, bytes: &[u8]) {
        let Stage::Lines(mut splitter) = std::mem::replace(&mut self.stage, Stage::Stopped) else {
            return;
        };
        splitter.push(bytes, &mut |line, number| self.take_log_line(line, number));
        if !self.stopped_for_good() {
            self.stage = Stage::Lines(splitter);
        }
    }

    fn read_csv(&mut self, bytes: &[u8]) {
        let Stage::Csv(mut reader) = std::mem::replace(&mut self.stage, Stage::Stopped) else {
            return;
        };
        reader.push(bytes, &mut |row| self.take_csv_row(row));
        if !self.stopped_for_good() {
            self.stage = Stage::Csv(reader);
        }
    }

    /// Whether the file's content said that nothing more should be read (a digest file, a CSV
    /// whose header is not one the workbench reads).
    fn stopped_for_good(&self) -> bool {
        self.once & values::Once::StopReading.bit() != 0
    }

    /// Stops reading this file; later bytes are counted only.
    fn stop(&mut self) {
        self.once |= values::Once::StopReading.bit();
        self.stage = Stage::Stopped;
    }

    /// Sets the file's format. A settled format (from a value) is not replaced by another;
    /// a guessed one (from the container) is.
    fn set_format(&mut self, format: Format, settled: bool) {
        if self.format_settled {
            return;
        }
        self.report.format = format;
        self.format_settled = settled;
    }

    /// Ends the file and files its report.
    pub fn finish(mut self) -> &'i FileReport {
        if let Compression::Undecided(magic) = &mut self.compression {
            let first = std::mem::take(magic);
            self.compression = Compression::Plain;
            if !matches!(self.stage, Stage::Stopped) {
                self.decide_compression(&first);
            }
        }
        if !matches!(self.stage, Stage::Stopped) && matches!(self.compression, Compression::Gzip(_)) {
            let block = std::mem::take(&mut self.gzip_pending);
            if !block.is_empty() {
                self.inflate(&block);
            }
        }
        if !matches!(self.stage, Stage::Stopped) {
            if let Compression::Gzip(decoder) = &mut self.compression {
                let result = decoder.try_finish();
                let tail = std::mem::take(decoder.get_mut());
                self.feed(&tail);
                if let Err(error) = result {
                    self.problem(ProblemKind::BadGzip, Location::FILE, format!("the gzip data ends early or is corrupt: {error}"));
                }
            }
        }
        if matches!(self.stage, Stage::Sniffing(_)) {
            self.sniff(true);
        }
        match std::mem::replace(&mut self.stage, Stage::Stopped) {
            Stage::Json(mut splitter) => {
                let location = Location { record: Some(self.values + 1), line: Some(splitter.line()) };
                match splitter.open_at() {
                    OpenAt::Nothing => {}
                    OpenAt::Element(container) => {
                        let what = values::element_noun(container);
                        self.problem(ProblemKind::Truncated, location, format!("the file ends in the middle of this {what}"));
                    }
                    OpenAt::Array(container) => {
                        let what = values::array_noun(container);
                        self.problem(ProblemKind::Truncated, Location { record: None, ..location }, format!("the file ends before the closing ] of {what}"));
                    }
                    OpenAt::TopValue => {
                        self.problem(ProblemKind::Truncated, location, "the file ends in the middle of a JSON value".to_owned());
                    }
                }
                splitter.finish(&mut |piece| self.take_piece(piece));
            }
            Stage::Lines(mut splitter) => splitter.finish(&mut |line, number| self.take_log_line(line, number)),
            Stage::Csv(mut reader) => {
                reader.finish(&mut |row| self.take_csv_row(row));
                if reader.rows() == 0 && !self.stopped_for_good() && self.report.problems.is_empty() {
                    self.problem(ProblemKind::UnknownFormat, Location::FILE, format!("no CSV header found; expected {EXPECTED_FORMATS}"));
                }
            }
            Stage::Whole(buffer) => self.take_whole(&buffer),
            Stage::Sniffing(_) | Stage::Stopped => {}
        }
        // Always listed, past the cap on problems: a file that opens with many bad records must
        // not hide that a bound was hit.
        for (limit, count, location) in std::mem::take(&mut self.over_limits) {
            let message = over_limit_message(limit, count, self.options.max_principals);
            self.report.problems.push(Problem { kind: ProblemKind::OverLimit, location, message });
        }
        self.report.problems.extend(std::mem::take(&mut self.tallies).problems());
        if self.report.format == Format::Unknown && self.report.problems.is_empty() {
            self.problem(ProblemKind::UnknownFormat, Location::FILE, format!("nothing the workbench reads was found; expected {EXPECTED_FORMATS}"));
        }
        let ingest = self.ingest;
        ingest.files.push(self.report);
        ingest.files.last().expect("just pushed")
    }

    /// Notes a record beyond a bound (reported once per bound when the file ends) and counts
    /// its `calls` as events unless the bound means it is not an event.
    fn over_limit(&mut self, limit: crate::activity::Limit, location: &Location, calls: u64) {
        if limit != crate::activity::Limit::EventName {
            self.report.events = self.report.events.saturating_add(calls);
        }
        match self.over_limits.iter_mut().find(|(known, _, _)| *known == limit) {
            Some((_, count, _)) => *count += 1,
            None => self.over_limits.push((limit, 1, location.clone())),
        }
    }

    fn problem(&mut self, kind: ProblemKind, location: Location, message: String) {
        if self.report.problems.len() < self.options.max_problems_per_file {
            self.report.problems.push(Problem { kind, location, message });
        } else {
            self.report.more_problems += 1;
        }
    }
}

/// What the first bytes say.
#[derive(Debug, PartialEq, Eq)]
enum Sniffed {
    Empty,
    Json,
    CloudwatchLines,
    UrlEncoded,
    Csv,
    Binary(String),
}

/// Recognises a file from its first bytes (`window`, starting at the first byte that is not
/// whitespace, at most `SNIFF_BYTES` long).
fn recognise(window: &[u8], at_end: bool) -> Sniffed {
    let Some(&first) = window.first() else {
        return Sniffed::Empty;
    };
    if window.starts_with(&[0x1f, 0x8b]) {
        return Sniffed::Binary("this is gzip-compressed twice; decompress it once (gzip is read directly)".to_owned());
    }
    let utf16 =
        window.starts_with(&[0xFF, 0xFE]) || window.starts_with(&[0xFE, 0xFF]) || (window.len() >= 4 && window[1] == 0 && window[3] == 0 && window[0] != 0);
    if utf16 {
        return Sniffed::Binary(
            "this is UTF-16 text (as Windows PowerShell writes with >); save it as UTF-8 (Out-File -Encoding utf8) and add it again".to_owned(),
        );
    }
    if first == b'"' && looks_like_quoted_csv_header(window) {
        return Sniffed::Csv;
    }
    if matches!(first, b'{' | b'[' | b'"') {
        return Sniffed::Json;
    }
    if window.len() >= 3 && window[0] == b'%' && window[1..3].eq_ignore_ascii_case(b"7B") {
        return Sniffed::UrlEncoded;
    }
    if window.len() >= 262 && &window[257..262] == b"ustar" {
        return Sniffed::Binary("this is a tar archive; unpack it and drop the files (or the folder) inside".to_owned());
    }
    let text_end = match std::str::from_utf8(window) {
        Ok(_) => window.len(),
        // A character cut by the window's end is not an error.
        Err(error) if error.error_len().is_none() && !at_end => error.valid_up_to(),
        Err(_) => return Sniffed::Binary("this is binary data, not text".to_owned()),
    };
    if window[..text_end].iter().any(|byte| byte.is_ascii_control() && !matches!(byte, b'\t' | b'\n' | b'\r' | 0x0c)) {
        return Sniffed::Binary("this is binary data, not text".to_owned());
    }
    if looks_like_log_line(window) {
        return Sniffed::CloudwatchLines;
    }
    Sniffed::Csv
}

/// `"principal_arn","event_source",…`: the first line is two or more quoted fields separated by
/// commas, as Athena writes every result CSV (a JSON string is one quoted value).
fn looks_like_quoted_csv_header(window: &[u8]) -> bool {
    let line_end = window.iter().position(|byte| *byte == b'\n').unwrap_or(window.len());
    let line = window[..line_end].strip_suffix(b"\r").unwrap_or(&window[..line_end]);
    let mut fields = 0;
    let mut rest = line;
    loop {
        let Some(after_open) = rest.strip_prefix(b"\"") else {
            return false;
        };
        // The field ends at a quote not doubled (`""` is a quote inside the field).
        let mut index = 0;
        let close = loop {
            match after_open.get(index) {
                // The window may end inside a long header: what it holds has to look right.
                None => return fields >= 2 && line_end == window.len(),
                Some(b'"') if after_open.get(index + 1) == Some(&b'"') => index += 2,
                Some(b'"') => break index,
                Some(_) => index += 1,
            }
        };
        fields += 1;
        rest = &after_open[close + 1..];
        match rest.first() {
            None => return fields >= 2,
            Some(b',') => rest = &rest[1..],
            Some(_) => return false,
        }
    }
}

/// `2024-01-01T00:00:00.000Z {"eventVersion":…`: a timestamp, blanks, then a JSON object.
fn looks_like_log_line(window: &[u8]) -> bool {
    let token_end = window.iter().position(|byte| matches!(byte, b' ' | b'\t')).unwrap_or(window.len());
    if token_end < 10 || !window[0].is_ascii_digit() {
        return false;
    }
    let Ok(token) = std::str::from_utf8(&window[..token_end]) else {
        return false;
    };
    let after = window[token_end..].iter().find(|byte| !matches!(byte, b' ' | b'\t'));
    after == Some(&b'{') && crate::timestamp::Timestamp::parse(token).is_some()
}

#[cfg(test)]
mod tests;

/// What a file's report says of the records beyond one bound; the location is the first's.
fn over_limit_message(limit: crate::activity::Limit, count: u64, max_principals: usize) -> String {
    use crate::activity::{Limit, MAX_EVENT_NAME_CHARS, MAX_PRINCIPAL_ARN_CHARS};
    let records = if count == 1 { "1 record".to_owned() } else { format!("{count} records") };
    match limit {
        Limit::PrincipalArn => format!(
            "caller ARNs longer than any IAM principal's can be (over {MAX_PRINCIPAL_ARN_CHARS} bytes): {records} from here on counted as events, attributed to no principal"
        ),
        Limit::Principals => {
            format!(
                "more distinct principals than the workbench keeps ({max_principals}, or {} MB of their ARNs): {records} from here on by further principals counted as events, attributed to no principal",
                crate::activity::MAX_PRINCIPAL_ARN_BYTES >> 20
            )
        }
        Limit::EventName => format!("event sources or names longer than any AWS one (over {MAX_EVENT_NAME_CHARS} bytes): {records} from here on not read as events"),
        Limit::Names => format!(
            "more distinct services, regions and calls than the workbench lists ({}): {records} from here on counted as events, their new names not listed",
            crate::activity::MAX_LISTED_NAMES
        ),
    }
}
