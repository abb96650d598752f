//! CloudTrail aggregated events (`eventCategory` `Aggregated`, `eventType` `AwsAggregatedEvent`):
//! 5-minute summaries of data events, one per value of a primary dimension (`eventName`,
//! `resourceARN` or `userIdentity`), broken down by other dimensions, each value with a count
//! (CloudTrail user guide, "CloudTrail record contents for aggregated events").
//!
//! They are read as the calls they summarise, with their counts, for the dimensions they carry:
//! who (`userIdentity`), what (`eventName`), on what (`resourceARN`), and whether they failed
//! (`errorCodes`). A summary does not say which caller touched which resource: when two of those
//! dimensions list several values each, every combination is read (broader than the calls) and
//! the file's report says so. A summary without `userIdentity` attributes its calls to no one.
//!
//! The data events themselves win: the calls are folded when the reading ends, each only if the
//! file set holds no data event of the same service, Region and event name in the same window;
//! otherwise it is counted apart (`FileReport::aggregated_apart`). The same summary delivered
//! twice (its `eventId` and window) is a duplicate.

use crate::record::Text;
use crate::timestamp::Timestamp;
use serde::Deserialize;

/// The members of an aggregated record the workbench reads.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct AggregatedRecord<'a> {
    /// `eventId` in AWS's documentation (not `eventID`); either is read.
    #[serde(borrow, default, alias = "eventID")]
    event_id: Text<'a>,
    #[serde(borrow, default)]
    event_source: Text<'a>,
    #[serde(borrow, default)]
    aws_region: Text<'a>,
    #[serde(borrow, default)]
    time_window: Option<TimeWindow<'a>>,
    #[serde(borrow, default)]
    summary: Option<Summary<'a>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct TimeWindow<'a> {
    #[serde(borrow, default)]
    window_start: Text<'a>,
    #[serde(borrow, default)]
    window_end: Text<'a>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Summary<'a> {
    #[serde(borrow, default)]
    primary_dimension: Option<Dimension<'a>>,
    #[serde(borrow, default)]
    details: Vec<Dimension<'a>>,
}

#[derive(Debug, Default, Deserialize)]
struct Dimension<'a> {
    #[serde(borrow, default)]
    dimension: Text<'a>,
    #[serde(borrow, default)]
    statistics: Vec<Statistic<'a>>,
}

#[derive(Debug, Default, Deserialize)]
struct Statistic<'a> {
    #[serde(borrow, default)]
    name: Text<'a>,
    #[serde(default)]
    value: f64,
}

/// One call of a summary: who, what, on what, how many, how it ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct SummarisedCall {
    pub principal: Option<String>,
    pub event_name: String,
    pub resource: Option<String>,
    pub error_code: Option<String>,
    pub calls: u64,
}

/// Values of one dimension read, at most; and combinations of callers, actions and resources
/// read from one summary, at most. AWS's summaries list a handful of each; a crafted record
/// listing thousands cannot make millions of calls.
pub(super) const MAX_VALUES_PER_DIMENSION: usize = 1_000;
pub(super) const MAX_COMBINATIONS: usize = 10_000;

/// An aggregated record, read: its calls wait for the end of the reading (the data events win).
#[derive(Clone, Debug)]
pub(super) struct PendingAggregate {
    /// Index of the file in the ingest's reports.
    pub file: usize,
    /// The record's `eventId`, to recognise the same summary delivered twice.
    pub event_id: Option<String>,
    pub event_source: String,
    pub region: String,
    pub window_start: Timestamp,
    pub window_end: Timestamp,
    pub calls: Vec<SummarisedCall>,
}

impl PendingAggregate {
    pub fn total_calls(&self) -> u64 {
        self.calls.iter().map(|call| call.calls).fold(0, u64::saturating_add)
    }
}

/// Why an aggregated record gave no calls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Unreadable {
    NotJson,
    NoSource,
    NoWindow,
    NoEventName,
    /// No dimension counts a call.
    NoCalls,
    /// More combinations than `MAX_COMBINATIONS`, or values than `MAX_VALUES_PER_DIMENSION`.
    TooManyValues,
}

/// What one aggregated record says.
pub(super) struct Read {
    pub pending: PendingAggregate,
    /// Two or more dimensions listed several values (or some calls failed and the summary does not
    /// say which): every combination was read as successful.
    pub combined: bool,
}

/// Whether a record parsed as CloudTrail is an aggregated event.
pub(super) fn is_aggregated(event_category: Option<&str>, event_type: Option<&str>) -> bool {
    event_category == Some("Aggregated") || event_type == Some("AwsAggregatedEvent")
}

fn count(value: f64) -> u64 {
    if value.is_finite() && value > 0.0 {
        value.round().min(u64::MAX as f64) as u64
    } else {
        0
    }
}

pub(super) fn read(bytes: &[u8], file: usize) -> Result<Read, Unreadable> {
    let record: AggregatedRecord<'_> = serde_json::from_slice(bytes).map_err(|_| Unreadable::NotJson)?;
    let event_source = record.event_source.as_deref().filter(|source| !source.is_empty()).ok_or(Unreadable::NoSource)?.to_owned();
    let window = record.time_window.as_ref().ok_or(Unreadable::NoWindow)?;
    let start = window.window_start.as_deref().and_then(Timestamp::parse).ok_or(Unreadable::NoWindow)?;
    let end = window.window_end.as_deref().and_then(Timestamp::parse).unwrap_or(Timestamp(start.0 + 300));
    let summary = record.summary.unwrap_or_default();
    let primary = summary.primary_dimension.unwrap_or_default();
    if primary.statistics.len() > MAX_VALUES_PER_DIMENSION || summary.details.iter().any(|detail| detail.statistics.len() > MAX_VALUES_PER_DIMENSION) {
        return Err(Unreadable::TooManyValues);
    }
    let sum = |dimension: &Dimension<'_>| dimension.statistics.iter().map(|statistic| count(statistic.value)).fold(0, u64::saturating_add);
    // The calls summarised: the primary dimension's count, or the largest sum of a detail's.
    let total = std::iter::once(sum(&primary)).chain(summary.details.iter().map(sum)).max().unwrap_or(0);
    // Each dimension's values with their counts; the primary's own.
    let values_of = |name: &str| -> Option<Vec<(String, u64)>> {
        let dimension = if primary.dimension.as_deref() == Some(name) {
            Some(&primary)
        } else {
            summary.details.iter().find(|detail| detail.dimension.as_deref() == Some(name))
        }?;
        Some(
            dimension
                .statistics
                .iter()
                .filter_map(|statistic| Some((statistic.name.as_deref().filter(|name| !name.is_empty())?.to_owned(), count(statistic.value))))
                .collect(),
        )
    };
    let events = values_of("eventName").filter(|values| !values.is_empty()).ok_or(Unreadable::NoEventName)?;
    let principals = values_of("userIdentity").unwrap_or_default();
    let resources = values_of("resourceARN").unwrap_or_default();
    let errors = values_of("errorCodes").unwrap_or_default();
    if total == 0 {
        return Err(Unreadable::NoCalls);
    }
    let combinations = principals.len().max(1).saturating_mul(events.len()).saturating_mul(resources.len().max(1));
    if combinations > MAX_COMBINATIONS {
        return Err(Unreadable::TooManyValues);
    }
    let several = [principals.len(), events.len(), resources.len()].iter().filter(|len| **len > 1).count();
    // A missing dimension is one unknown value carrying the whole count.
    let or_unknown = |values: Vec<(String, u64)>| -> Vec<(Option<String>, u64)> {
        if values.is_empty() {
            vec![(None, total)]
        } else {
            values.into_iter().map(|(name, calls)| (Some(name), calls)).collect()
        }
    };
    // Calls that failed, when the summary says so. All failed: read as failed calls. Some failed:
    // with one combination, only the successful ones are read; with several, which failed is
    // not said, and the report says so.
    let failed: u64 = errors.iter().map(|(_, calls)| *calls).fold(0, u64::saturating_add);
    let error_code = (failed >= total).then(|| errors.first().map(|(code, _)| code.clone())).flatten();
    let partly_failed = failed > 0 && failed < total;
    let combined = several >= 2 || (partly_failed && several >= 1);
    let principals = or_unknown(principals);
    let resources = or_unknown(resources);
    let mut calls = Vec::new();
    for (principal, by_principal) in &principals {
        for (event_name, by_event) in &events {
            for (resource, by_resource) in &resources {
                // Which caller went with which resource is not said: the calls are shared out
                // as if the dimensions were independent (the counts add up to the summary's),
                // each combination at least one call.
                let share = |part: u64| part as f64 / total as f64;
                let mut n = ((total as f64) * share(*by_principal) * share(*by_event) * share(*by_resource)).round().max(1.0) as u64;
                if partly_failed && several == 0 {
                    n = total.saturating_sub(failed);
                }
                if n == 0 {
                    continue;
                }
                calls.push(SummarisedCall {
                    principal: principal.clone(),
                    event_name: event_name.clone(),
                    resource: resource.clone(),
                    error_code: error_code.clone(),
                    calls: n,
                });
            }
        }
    }
    if calls.is_empty() {
        return Err(Unreadable::NoCalls);
    }
    Ok(Read {
        pending: PendingAggregate {
            file,
            event_id: record.event_id.as_deref().filter(|id| !id.is_empty()).map(str::to_owned),
            event_source,
            region: record.aws_region.as_deref().unwrap_or("").to_owned(),
            window_start: start,
            window_end: end.max(Timestamp(start.0 + 1)),
            calls,
        },
        combined,
    })
}

impl Unreadable {
    pub fn message(self) -> &'static str {
        match self {
            Unreadable::NotJson => "an aggregated CloudTrail event that is not readable",
            Unreadable::NoSource => "an aggregated CloudTrail event without eventSource",
            Unreadable::NoWindow => "an aggregated CloudTrail event without a readable timeWindow.windowStart",
            Unreadable::NoEventName => "an aggregated CloudTrail event that names no eventName (no eventName dimension): it does not say which calls were made",
            Unreadable::NoCalls => "an aggregated CloudTrail event whose summary counts no call",
            Unreadable::TooManyValues => "an aggregated CloudTrail event listing more values than the workbench reads from one summary (1,000 per dimension, 10,000 combinations): skipped",
        }
    }
}
