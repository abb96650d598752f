//! What each JSON value of a file is, and what is taken from it: CloudTrail records (bare, in an
//! EventBridge envelope, in a log shipper's `message`, in a lookup-events `CloudTrailEvent`
//! string, in a Lake `eventJson` column), pages of results, and whole documents (IAM, Access
//! Analyzer, Access Advisor) recognised by their keys. The record parse is tried first because
//! records are by far the most common values; everything else pays for one more look at the keys.

use super::aggregated;
use super::documents::{self, DocumentKind};
use super::split::{Container, Piece, Splitter};
use super::{FileReader, Format, Location, ProblemKind, EXPECTED_FORMATS};
use crate::activity::Folded;
use crate::policy::Policy;
use crate::record::{Record, Str};
use serde::de::{Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::fmt;

/// serde_json's recursion limit.
const MAX_DEPTH: u64 = 128;

/// Which parse to try first for the next value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Hint {
    Record,
    Envelope,
}

/// Notes given at most once per file, and other per-file flags.
#[derive(Clone, Copy, Debug)]
pub(super) enum Once {
    /// Nothing more is read from this file.
    StopReading,
    Insights,
    MissingComma,
    MorePages,
    NoCloudTrailEvent,
    NoPrincipalColumn,
    QueryStatus,
    RowLimit,
    UnknownTable,
    UnknownFirstValue,
}

impl Once {
    pub(super) fn bit(self) -> u32 {
        1 << self as u32
    }
}

/// "record", "event", "row" — what one element of a container is called in messages.
pub(super) fn element_noun(container: Container) -> &'static str {
    match container {
        Container::TopLevel => "value",
        Container::Array | Container::Records | Container::LogEvents => "record",
        Container::Events => "event",
        Container::QueryResultRows | Container::InsightsResults => "row",
    }
}

/// What a container is called in messages.
pub(super) fn array_noun(container: Container) -> &'static str {
    match container {
        Container::TopLevel | Container::Array => "the array",
        Container::Records => "\"Records\"",
        Container::Events => "\"Events\"",
        Container::QueryResultRows => "\"QueryResultRows\"",
        Container::LogEvents => "\"events\"",
        Container::InsightsResults => "\"results\"",
    }
}

/// The format a file has when its records come from `container`.
fn record_format(container: Container) -> Format {
    match container {
        Container::TopLevel => Format::CloudtrailLines,
        Container::Array => Format::CloudtrailArray,
        Container::Records => Format::CloudtrailRecords,
        Container::Events => Format::LookupEvents,
        Container::QueryResultRows => Format::LakeQueryResults,
        Container::LogEvents => Format::CloudwatchLogEvents,
        Container::InsightsResults => Format::LogsInsightsResults,
    }
}

/// A serde_json error as a problem: its kind, and its message with the position made absolute
/// (serde counts lines from the start of the value, the user from the start of the file).
pub(super) fn json_problem(error: &serde_json::Error, value_line: Option<u64>) -> (ProblemKind, String) {
    let text = error.to_string();
    let message = match text.rfind(" at line ") {
        Some(position) if error.line() > 0 => &text[..position],
        _ => text.as_str(),
    };
    if message.starts_with("recursion limit exceeded") {
        return (ProblemKind::TooDeep, format!("nested more than {MAX_DEPTH} levels deep, beyond what the workbench reads"));
    }
    let position = match value_line {
        Some(line) if error.line() > 0 => format!(" (line {}, column {})", line + error.line() as u64 - 1, error.column()),
        _ => String::new(),
    };
    let kind = if error.is_eof() { ProblemKind::Truncated } else { ProblemKind::BadRecord };
    (kind, format!("{message}{position}"))
}

/// The keys of a JSON object, without parsing the values (at most 64 are kept).
pub(super) struct Keys(pub Vec<String>);

impl Keys {
    pub(super) fn has(&self, key: &str) -> bool {
        self.0.iter().any(|present| present == key)
    }

    /// The first keys, for messages.
    pub(super) fn listing(&self) -> String {
        let mut shown: Vec<&str> = self.0.iter().take(8).map(String::as_str).collect();
        if self.0.len() > 8 {
            shown.push("…");
        }
        if shown.is_empty() {
            "no keys".to_owned()
        } else {
            format!("keys {}", shown.join(", "))
        }
    }
}

impl<'de> Deserialize<'de> for Keys {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeysVisitor;
        impl<'de> Visitor<'de> for KeysVisitor {
            type Value = Keys;
            fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
                formatter.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Keys, A::Error> {
                let mut keys = Vec::new();
                while let Some(key) = map.next_key::<Str<'de>>()? {
                    if keys.len() < 64 {
                        keys.push(key.0.into_owned());
                    }
                    map.next_value::<IgnoredAny>()?;
                }
                Ok(Keys(keys))
            }
        }
        deserializer.deserialize_map(KeysVisitor)
    }
}

/// An EventBridge event: the CloudTrail record is its `detail`.
#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(borrow, default, rename = "detail-type")]
    detail_type: Option<Str<'a>>,
    #[serde(borrow, default)]
    detail: Option<Record<'a>>,
}

/// A log shipper's line that carries the record as a JSON string (`{"@timestamp":…,
/// "message":"{\"eventVersion\":…}"}`), and CloudWatch Logs events.
#[derive(Deserialize)]
struct MessageEnvelope<'a> {
    #[serde(borrow, default)]
    message: Option<Str<'a>>,
}

/// One entry of `lookup-events`.
#[derive(Deserialize)]
struct LookupEvent<'a> {
    #[serde(borrow, default, rename = "CloudTrailEvent")]
    cloudtrail_event: Option<Str<'a>>,
    #[serde(borrow, default, rename = "EventName")]
    event_name: Option<Str<'a>>,
    #[serde(borrow, default, rename = "EventSource")]
    event_source: Option<Str<'a>>,
    #[serde(borrow, default, rename = "EventTime")]
    event_time: Option<Str<'a>>,
    #[serde(borrow, default, rename = "EventId")]
    event_id: Option<Str<'a>>,
}

/// What is left of a page once its records were streamed: is it the whole result?
#[derive(Deserialize)]
struct PageRest<'a> {
    #[serde(borrow, default, rename = "NextToken", alias = "nextToken")]
    next_token: Option<Str<'a>>,
    #[serde(borrow, default, rename = "QueryStatus")]
    query_status: Option<Str<'a>>,
    #[serde(borrow, default, rename = "ErrorMessage")]
    error_message: Option<Str<'a>>,
    /// Logs Insights: `Complete`, or `Running`, `Failed`, `Cancelled`, `Timeout`, ...
    #[serde(borrow, default, rename = "status")]
    status: Option<Str<'a>>,
}

/// A cell of a Logs Insights result row.
#[derive(Deserialize)]
struct InsightsCell<'a> {
    #[serde(borrow, default)]
    field: Option<Str<'a>>,
    #[serde(borrow, default)]
    value: Option<Str<'a>>,
}

/// A flat JSON object's members in order: a row of the console's Logs Insights export, or the
/// single-key cells of a Lake row.
struct FlatRow<'a>(Vec<(Str<'a>, &'a RawValue)>);

impl<'de: 'a, 'a> Deserialize<'de> for FlatRow<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RowVisitor;
        impl<'de> Visitor<'de> for RowVisitor {
            type Value = FlatRow<'de>;
            fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
                formatter.write_str("a JSON object")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
                let mut members = Vec::new();
                while let Some(key) = map.next_key::<Str<'de>>()? {
                    members.push((key, map.next_value::<&'de RawValue>()?));
                }
                Ok(FlatRow(members))
            }
        }
        deserializer.deserialize_map(RowVisitor)
    }
}

/// A row of CloudTrail Lake results: single-key objects, in SELECT order.
struct LakeRow<'a>(Vec<(Str<'a>, &'a RawValue)>);

impl<'de: 'a, 'a> Deserialize<'de> for LakeRow<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let cells = Vec::<FlatRow<'a>>::deserialize(deserializer)?;
        Ok(LakeRow(cells.into_iter().flat_map(|cells| cells.0).collect()))
    }
}

/// The text of a Lake cell: strings unescaped, `null` absent, other values as their JSON.
fn cell_text(raw: &RawValue) -> Option<Cow<'_, str>> {
    let text = raw.get();
    if text == "null" {
        return None;
    }
    if text.starts_with('"') {
        return serde_json::from_str::<Str<'_>>(text).ok().map(|text| text.0);
    }
    Some(Cow::Borrowed(text))
}

/// How deeply `{` nest in a JSON object (outside strings), as the splitter measures a value; cheap
/// when the object has no more `{` than `MAX_DEPTH` (then it cannot be deeper).
fn object_depth(bytes: &[u8]) -> u64 {
    if memchr::memchr_iter(b'{', bytes).count() as u64 <= MAX_DEPTH {
        return 0;
    }
    let (mut depth, mut deepest, mut in_string, mut index) = (0u64, 0u64, false, 0);
    while index < bytes.len() {
        if in_string {
            match memchr::memchr2(b'"', b'\\', &bytes[index..]) {
                Some(offset) if bytes[index + offset] == b'\\' => index += offset + 2,
                Some(offset) => {
                    in_string = false;
                    index += offset + 1;
                }
                None => break,
            }
        } else {
            match memchr::memchr3(b'"', b'{', b'}', &bytes[index..]) {
                Some(offset) => {
                    match bytes[index + offset] {
                        b'"' => in_string = true,
                        b'{' => {
                            depth += 1;
                            deepest = deepest.max(depth);
                        }
                        _ => depth = depth.saturating_sub(1),
                    }
                    index += offset + 1;
                }
                None => break,
            }
        }
    }
    deepest
}

/// Parses a record: the UTF-8 check runs once over the whole record (`str::from_utf8` has an
/// ASCII fast path), then serde_json reads it as `str`, which skips the per-string checks of
/// `from_slice`. Invalid UTF-8 takes `from_slice`, for its error message.
fn parse_record(bytes: &[u8]) -> serde_json::Result<Record<'_>> {
    match std::str::from_utf8(bytes) {
        Ok(text) => serde_json::from_str(text),
        Err(_) => serde_json::from_slice(bytes),
    }
}

impl FileReader<'_> {
    /// Takes one piece of a JSON file; answers how many bytes of a `Piece::Record` were taken
    /// (0 for every other piece).
    pub(super) fn take_piece(&mut self, piece: Piece<'_>) -> usize {
        // The rest of a chunk is still split after the file said "stop" (a digest file): it
        // must count for nothing, or the result would depend on where chunks end.
        if self.stopped_for_good() {
            return 0;
        }
        match piece {
            Piece::Record { text, container, line } => return self.take_record_in_place(text, container, line),
            Piece::Value { bytes, container, line, depth } => {
                self.values += 1;
                let location = Location::at(self.values, line);
                if depth > MAX_DEPTH {
                    // serde_json would refuse it too; say so without parsing it.
                    self.problem(ProblemKind::TooDeep, location, format!("nested more than {MAX_DEPTH} levels deep, beyond what the workbench reads"));
                    return 0;
                }
                match container {
                    Container::Events => self.take_lookup_event(bytes, location),
                    Container::QueryResultRows => self.take_lake_row(bytes, location),
                    Container::LogEvents => self.take_log_event(bytes, location),
                    Container::InsightsResults => self.take_insights_row(bytes, location),
                    Container::Records | Container::Array | Container::TopLevel => self.take_any(bytes, container, location),
                }
            }
            Piece::Streaming { container } => {
                let format = record_format(container);
                self.set_format(format, false);
            }
            Piece::Remainder { bytes, line } => self.take_page_rest(bytes, line),
            Piece::Oversized { bytes, container, line } => {
                self.values += 1;
                let what = if container == Container::TopLevel && self.report.format == Format::Unknown { "document" } else { element_noun(container) };
                self.problem(
                    ProblemKind::OversizedRecord,
                    Location::at(self.values, line),
                    format!("this {what} is {bytes} bytes, beyond the {}-byte limit: skipped", self.options.max_value_bytes),
                );
            }
            Piece::Unexpected { byte, line } => {
                let shown = if byte.is_ascii_graphic() { format!("{:?}", byte as char) } else { format!("byte 0x{byte:02x}") };
                self.problem(ProblemKind::BadRecord, Location { record: None, line: Some(line) }, format!("{shown} where a JSON value was expected"));
            }
            Piece::MissingComma { line } => {
                if self.first_time(Once::MissingComma) {
                    self.problem(
                        ProblemKind::Incomplete,
                        Location { record: None, line: Some(line) },
                        "a ',' is missing between two records; both were read, but the file is not valid JSON (was it edited by hand?)".to_owned(),
                    );
                }
            }
        }
        0
    }

    /// A record parsed where it lies in the chunk, without the splitter scanning it first: what
    /// `take_any` does with a value that parses as a record, when the last value was one. Any
    /// other case (not a complete, valid record; larger than the limit; not recognised as
    /// activity; an envelope expected) answers 0, and the splitter hands the value out whole,
    /// so the result is the same whichever way a record is read.
    fn take_record_in_place(&mut self, text: &str, container: Container, line: u64) -> usize {
        if self.hint != Hint::Record {
            return 0;
        }
        let mut stream = serde_json::Deserializer::from_str(text).into_iter::<Record>();
        let Some(Ok(record)) = stream.next() else {
            return 0;
        };
        let end = stream.byte_offset();
        let recognised = (record.is_event() || record.insight_details.is_some() || record.digest_start_time.is_some())
            && !aggregated::is_aggregated(record.event_category.as_deref(), record.event_type.as_deref());
        if !recognised || end > self.options.max_value_bytes || object_depth(&text.as_bytes()[..end]) > MAX_DEPTH {
            // serde_json skips unknown and raw members without a depth limit: the splitter's
            // measure decides, as for a record handed out whole.
            return 0;
        }
        self.values += 1;
        let location = Location::at(self.values, line);
        self.fold_record(&record, &location, record_format(container));
        end
    }

    /// An aggregated event: its calls are counted now and folded when the reading ends (unless
    /// the data events they summarise are read too; `Ingest::fold_aggregates`).
    pub(super) fn take_aggregated(&mut self, bytes: &[u8], location: &Location, format: Format) {
        match aggregated::read(bytes, self.ingest.files.len()) {
            Ok(read) => {
                self.set_format(format, true);
                let pending = read.pending;
                if let Some(event_id) = pending.event_id.as_deref() {
                    if !self.ingest.builder.first_aggregate(event_id, pending.window_start, &pending.event_source, &pending.region) {
                        self.report.duplicates += 1;
                        return;
                    }
                }
                if self.ingest.pending_aggregate_calls.saturating_add(pending.calls.len()) > super::MAX_PENDING_AGGREGATE_CALLS {
                    self.tallies.count_aggregated_over_limit(location);
                    return;
                }
                if read.combined {
                    self.tallies.count_combined(location);
                }
                self.ingest.pending_aggregate_calls += pending.calls.len();
                self.report.events = self.report.events.saturating_add(pending.total_calls());
                self.ingest.pending_aggregates.push(pending);
            }
            Err(unreadable) => self.problem(ProblemKind::BadRecord, location.clone(), unreadable.message().to_owned()),
        }
    }

    /// True the first time it is asked for `once` in this file.
    pub(super) fn first_time(&mut self, once: Once) -> bool {
        let first = self.once & once.bit() == 0;
        self.once |= once.bit();
        first
    }

    /// Folds one record; reports records that are no activity.
    pub(super) fn fold_record(&mut self, record: &Record<'_>, location: &Location, format: Format) {
        let is_insight = record.insight_details.is_some()
            || record.event_type.as_deref() == Some("AwsCloudTrailInsight")
            || record.event_category.as_deref() == Some("Insight");
        if is_insight {
            if self.report.events == 0 {
                self.report.format = Format::CloudtrailInsights;
                self.format_settled = true;
            }
            if self.first_time(Once::Insights) {
                self.problem(
                    ProblemKind::Skipped,
                    location.clone(),
                    "CloudTrail Insights events (summaries of unusual API activity, not API calls) are skipped".to_owned(),
                );
            }
            return;
        }
        if record.digest_start_time.is_some() && !record.is_event() {
            self.report.format = Format::CloudtrailDigest;
            self.format_settled = true;
            self.problem(ProblemKind::Skipped, Location::FILE, "a CloudTrail digest file (integrity hashes, no activity): skipped".to_owned());
            self.stop();
            return;
        }
        if record.is_event() {
            self.set_format(format, true);
        }
        let shared_before = self.ingest.builder.shared_id_records();
        let folded = self.ingest.builder.fold(record);
        if self.ingest.builder.shared_id_records() > shared_before {
            self.tallies.count_shared_id(record.event_id.as_deref().unwrap_or(""), location);
        }
        if folded != Folded::Duplicate && record.time_from_shipper() && record.time().and_then(crate::timestamp::Timestamp::parse).is_some() {
            self.tallies.count_shipper_time(location);
        }
        match folded {
            Folded::Counted => self.report.events += 1,
            Folded::Duplicate => self.report.duplicates += 1,
            Folded::NotAnEvent => {
                self.problem(ProblemKind::BadRecord, location.clone(), "not a CloudTrail event: it has no eventSource and eventName".to_owned());
            }
            Folded::OverLimit(limit) => self.over_limit(limit, location, 1),
        }
    }

    /// Any value at the top level, in an array, or in `"Records"`.
    fn take_any(&mut self, bytes: &[u8], container: Container, location: Location) {
        match bytes.first() {
            Some(b'{') => {}
            Some(b'[') if container == Container::Array => {
                self.take_lake_row(bytes, location);
                return;
            }
            Some(b'"') if container == Container::TopLevel => {
                self.take_policy_string(bytes, location);
                return;
            }
            _ => {
                let what = match bytes.first() {
                    Some(b'[') => "an array",
                    Some(b'"') => "a string",
                    Some(b't' | b'f') => "a boolean",
                    Some(b'n') => "null",
                    _ => "a number",
                };
                self.not_readable(container, location, format!("{what}, not a JSON object"));
                return;
            }
        }
        if self.hint == Hint::Envelope && self.take_envelope(bytes, &location, container) {
            return;
        }
        let record_error = match parse_record(bytes) {
            Ok(record) => {
                if aggregated::is_aggregated(record.event_category.as_deref(), record.event_type.as_deref()) {
                    self.take_aggregated(bytes, &location, record_format(container));
                    return;
                }
                let recognised = record.is_event() || record.insight_details.is_some() || record.digest_start_time.is_some();
                if recognised {
                    self.hint = Hint::Record;
                    self.fold_record(&record, &location, record_format(container));
                    return;
                }
                None
            }
            Err(error) => Some(error),
        };
        let keys = match serde_json::from_slice::<Keys>(bytes) {
            Ok(keys) => keys,
            Err(error) => {
                let (kind, message) = json_problem(record_error.as_ref().unwrap_or(&error), location.line);
                let what = if container == Container::Records { "a readable CloudTrail record" } else { "readable JSON" };
                self.problem(kind, location, format!("not {what}: {message}"));
                return;
            }
        };
        if keys.has("detail") && (keys.has("detail-type") || keys.has("source")) {
            if !self.take_envelope(bytes, &location, container) {
                self.problem(ProblemKind::BadRecord, location, "an EventBridge event whose detail is not readable".to_owned());
            }
            return;
        }
        if keys.has("CloudTrailEvent") {
            self.take_lookup_event(bytes, location);
            return;
        }
        let is_record_like = ["eventSource", "eventName", "eventVersion", "userIdentity", "eventTime", "eventID"].iter().any(|key| keys.has(key));
        if is_record_like {
            let message = match &record_error {
                Some(error) => format!("not a readable CloudTrail record: {}", json_problem(error, location.line).1),
                None => "a CloudTrail record without eventSource or eventName: skipped".to_owned(),
            };
            self.problem(ProblemKind::BadRecord, location, message);
            return;
        }
        if keys.has("message") && self.take_message(bytes, &location, record_format(container)) {
            return;
        }
        // A row of the console's JSON export of a Logs Insights result: flat, in the aggregated form.
        if container == Container::Array && keys.has("calls") && keys.has("event_name") {
            self.take_flat_row(bytes, location);
            return;
        }
        if let Some(container_key) = ["Records", "Events", "QueryResultRows", "events", "results"].into_iter().find(|key| keys.has(key)) {
            if container == Container::Array && self.depth == 0 {
                // A page of results in an array of pages: read it as a file of its own.
                self.depth += 1;
                let mut splitter = Splitter::new(self.options.max_value_bytes, location.line.unwrap_or(1));
                splitter.push(bytes, &mut |piece| self.take_piece(piece));
                splitter.finish(&mut |piece| self.take_piece(piece));
                self.depth -= 1;
            } else {
                self.problem(ProblemKind::BadRecord, location, format!("\"{container_key}\" is not a list"));
            }
            return;
        }
        if container == Container::Records {
            self.not_readable(container, location, format!("not a CloudTrail record ({})", keys.listing()));
            return;
        }
        match documents::kind_of(&keys) {
            Ok(kind) => self.take_document(kind, bytes, location),
            Err(hint) => {
                let message = match hint {
                    Some(hint) => hint.to_owned(),
                    None => format!("a JSON document with {}: not a format the workbench reads; expected {EXPECTED_FORMATS}", keys.listing()),
                };
                self.unknown_value(container, location, message, &keys);
            }
        }
    }

    /// A value that is no known format: the file's verdict if it is the first value, else one
    /// bad record among good ones.
    fn unknown_value(&mut self, container: Container, location: Location, message: String, keys: &Keys) {
        let first = !self.format_settled && matches!(container, Container::TopLevel | Container::Array);
        if first && self.first_time(Once::UnknownFirstValue) {
            self.report.format = Format::Unknown;
            self.problem(ProblemKind::UnknownFormat, location, message);
        } else {
            self.not_readable(container, location, format!("not a CloudTrail record ({})", keys.listing()));
        }
    }

    fn not_readable(&mut self, container: Container, location: Location, message: String) {
        let first = matches!(container, Container::TopLevel | Container::Array) && !self.format_settled;
        if first && self.first_time(Once::UnknownFirstValue) {
            self.report.format = Format::Unknown;
            self.problem(ProblemKind::UnknownFormat, location, format!("{message}: not a format the workbench reads; expected {EXPECTED_FORMATS}"));
        } else {
            self.problem(ProblemKind::BadRecord, location, message);
        }
    }

    /// An EventBridge event; false when `bytes` is no envelope of a CloudTrail record.
    fn take_envelope(&mut self, bytes: &[u8], location: &Location, container: Container) -> bool {
        let Ok(envelope) = serde_json::from_slice::<Envelope>(bytes) else {
            return false;
        };
        let Some(record) = envelope.detail else {
            return false;
        };
        if !record.is_event() {
            let detail_type = envelope.detail_type.as_deref().unwrap_or("(none)").to_owned();
            self.problem(ProblemKind::BadRecord, location.clone(), format!("an EventBridge event of type {detail_type:?}, not a CloudTrail record: skipped"));
            return true;
        }
        self.hint = Hint::Envelope;
        let format = if container == Container::Records { Format::CloudtrailRecords } else { Format::EventbridgeEvents };
        self.fold_record(&record, location, format);
        true
    }

    /// A record carried as a JSON string in `message`; false when there is none.
    fn take_message(&mut self, bytes: &[u8], location: &Location, format: Format) -> bool {
        let Ok(MessageEnvelope { message: Some(message) }) = serde_json::from_slice::<MessageEnvelope>(bytes) else {
            return false;
        };
        let text = message.trim_start();
        if !text.starts_with('{') {
            return false;
        }
        match serde_json::from_str::<Record>(text) {
            Ok(record) if record.is_event() => {
                self.fold_record(&record, location, format);
                true
            }
            _ => false,
        }
    }

    /// A record inside a JSON string (lookup-events `CloudTrailEvent`, Lake `eventJson`, the
    /// Event history CSV's "CloudTrail event" column).
    pub(super) fn take_record_text(&mut self, text: &str, what: &str, location: &Location, format: Format) {
        match serde_json::from_str::<Record>(text) {
            Ok(record) => self.fold_record(&record, location, format),
            Err(error) => {
                let (kind, message) = json_problem(&error, None);
                let kind = if kind == ProblemKind::Truncated { ProblemKind::BadRecord } else { kind };
                self.problem(kind, location.clone(), format!("its {what} is not a readable CloudTrail record: {message}"));
            }
        }
    }

    fn take_lookup_event(&mut self, bytes: &[u8], location: Location) {
        let event = match serde_json::from_slice::<LookupEvent>(bytes) {
            Ok(event) => event,
            Err(error) => {
                let (kind, message) = json_problem(&error, location.line);
                self.problem(kind, location, format!("not a readable lookup-events entry: {message}"));
                return;
            }
        };
        if let Some(text) = &event.cloudtrail_event {
            self.take_record_text(text, "CloudTrailEvent", &location, Format::LookupEvents);
            return;
        }
        let (Some(event_source), Some(event_name)) = (&event.event_source, &event.event_name) else {
            self.problem(ProblemKind::BadRecord, location, "a lookup-events entry without CloudTrailEvent, EventSource or EventName: skipped".to_owned());
            return;
        };
        if self.first_time(Once::NoCloudTrailEvent) {
            self.problem(
                ProblemKind::Incomplete,
                location.clone(),
                "lookup-events entries without CloudTrailEvent: events are counted, but their callers are unknown".to_owned(),
            );
        }
        let record = Record {
            event_source: Some(event_source.clone()),
            event_name: Some(event_name.clone()),
            event_time: event.event_time.clone(),
            event_id: event.event_id.clone(),
            ..Record::default()
        };
        self.fold_record(&record, &location, Format::LookupEvents);
    }

    fn take_log_event(&mut self, bytes: &[u8], location: Location) {
        if !self.take_message(bytes, &location, Format::CloudwatchLogEvents) {
            self.problem(ProblemKind::BadRecord, location, "a log event whose message is not a CloudTrail record: skipped".to_owned());
        }
    }

    /// One line of a CloudWatch Logs export: `<timestamp> <record>`.
    pub(super) fn take_log_line(&mut self, line: Result<&[u8], u64>, number: u64) {
        if self.stopped_for_good() {
            return;
        }
        let line = match line {
            Ok(line) => line,
            Err(size) => {
                self.values += 1;
                self.problem(
                    ProblemKind::OversizedRecord,
                    Location::at(self.values, number),
                    format!("this line is {size} bytes, beyond the {}-byte limit: skipped", self.options.max_value_bytes),
                );
                return;
            }
        };
        let trimmed = line.trim_ascii();
        if trimmed.is_empty() {
            return;
        }
        self.values += 1;
        let location = Location::at(self.values, number);
        let record_start = memchr::memchr(b'{', trimmed);
        let Some(record_start) = record_start else {
            self.problem(ProblemKind::BadRecord, location, "expected a timestamp and a CloudTrail record on this line".to_owned());
            return;
        };
        let json = &trimmed[record_start..];
        match serde_json::from_slice::<Record>(json) {
            Ok(record) if aggregated::is_aggregated(record.event_category.as_deref(), record.event_type.as_deref()) => {
                self.take_aggregated(json, &location, Format::CloudwatchLogsExport)
            }
            Ok(record) => self.fold_record(&record, &location, Format::CloudwatchLogsExport),
            Err(error) => {
                let (kind, message) = json_problem(&error, None);
                let kind = if kind == ProblemKind::Truncated { ProblemKind::BadRecord } else { kind };
                self.problem(kind, location, format!("not a readable CloudTrail record: {message}"));
            }
        }
    }

    fn take_lake_row(&mut self, bytes: &[u8], location: Location) {
        let row = match serde_json::from_slice::<LakeRow>(bytes) {
            Ok(row) => row,
            Err(error) => {
                let (kind, message) = json_problem(&error, location.line);
                self.problem(kind, location, format!("not a readable row of CloudTrail Lake results: {message}"));
                return;
            }
        };
        let names: Vec<&str> = row.0.iter().map(|(name, _)| name.0.as_ref()).collect();
        let texts: Vec<Option<Cow<'_, str>>> = row.0.iter().map(|(_, value)| cell_text(value)).collect();
        let cells: Vec<Option<&str>> = texts.iter().map(|text| text.as_deref()).collect();
        self.take_table_row(&names, &cells, location, super::table::TableSource::Lake);
    }

    /// A row of Logs Insights `get-query-results`: `[{"field": "calls", "value": "3"}, …]`
    /// (`@ptr`, a pointer to a log event, is not a column).
    fn take_insights_row(&mut self, bytes: &[u8], location: Location) {
        let cells = match serde_json::from_slice::<Vec<InsightsCell>>(bytes) {
            Ok(cells) => cells,
            Err(error) => {
                let (kind, message) = json_problem(&error, location.line);
                self.problem(kind, location, format!("not a readable row of Logs Insights results: {message}"));
                return;
            }
        };
        let cells: Vec<&InsightsCell> = cells.iter().filter(|cell| cell.field.as_deref() != Some("@ptr")).collect();
        let names: Vec<&str> = cells.iter().map(|cell| cell.field.as_deref().unwrap_or("")).collect();
        let values: Vec<Option<&str>> = cells.iter().map(|cell| cell.value.as_deref()).collect();
        self.take_table_row(&names, &values, location, super::table::TableSource::Insights);
    }

    /// A flat row of the console's JSON export (`{"principal_arn": "…", "calls": "3", …}`).
    fn take_flat_row(&mut self, bytes: &[u8], location: Location) {
        let Ok(row) = serde_json::from_slice::<FlatRow>(bytes) else {
            self.problem(ProblemKind::BadRecord, location, "not a readable row of Logs Insights results".to_owned());
            return;
        };
        let names: Vec<&str> = row.0.iter().map(|(name, _)| name.0.as_ref()).collect();
        let texts: Vec<Option<Cow<'_, str>>> = row.0.iter().map(|(_, value)| cell_text(value)).collect();
        let cells: Vec<Option<&str>> = texts.iter().map(|text| text.as_deref()).collect();
        self.take_table_row(&names, &cells, location, super::table::TableSource::Insights);
    }

    /// Logs Insights returns at most `LOGS_INSIGHTS_ROW_LIMIT` rows: a result that long was
    /// probably cut, and the file says so once.
    pub(super) fn count_insights_row(&mut self) {
        self.insights_rows += 1;
        if self.insights_rows == crate::query::LOGS_INSIGHTS_ROW_LIMIT && self.first_time(Once::RowLimit) {
            self.problem(
                ProblemKind::Incomplete,
                Location::FILE,
                format!(
                    "{} rows: as many as Logs Insights returns for one query, so the result was probably cut; run the query again over shorter time ranges and add every result",
                    crate::query::LOGS_INSIGHTS_ROW_LIMIT
                ),
            );
        }
    }

    /// The rest of a page whose records were streamed: notes for partial results.
    fn take_page_rest(&mut self, bytes: &[u8], line: u64) {
        let location = Location { record: None, line: Some(line) };
        let rest = match serde_json::from_slice::<PageRest>(bytes) {
            Ok(rest) => rest,
            Err(error) => {
                let (kind, message) = json_problem(&error, Some(line));
                self.problem(kind, location, format!("the keys around the records are not readable JSON: {message}"));
                return;
            }
        };
        if let Some(status) = rest.status.as_deref().filter(|status| *status != "Complete") {
            if self.first_time(Once::QueryStatus) {
                self.problem(ProblemKind::Incomplete, location.clone(), format!("the query's status is {status}, not Complete: the results may be partial"));
            }
        }
        if let Some(status) = rest.query_status.as_deref().filter(|status| *status != "FINISHED") {
            if self.first_time(Once::QueryStatus) {
                self.problem(ProblemKind::Incomplete, location.clone(), format!("the query's status is {status}, not FINISHED: the results may be partial"));
            }
        }
        if let Some(message) = rest.error_message.as_deref().filter(|message| !message.is_empty()) {
            self.problem(ProblemKind::Incomplete, location.clone(), format!("the query reported an error: {message}"));
        }
        if rest.next_token.as_deref().is_some_and(|token| !token.is_empty()) && self.first_time(Once::MorePages) {
            self.problem(
                ProblemKind::Incomplete,
                location,
                "this is one page of a longer result (NextToken is set); add the other pages to see all activity".to_owned(),
            );
        }
    }

    /// A top-level JSON string: a policy document given as a string.
    fn take_policy_string(&mut self, bytes: &[u8], location: Location) {
        let text = String::from_utf8_lossy(bytes);
        match Policy::parse_any(&text) {
            Ok(policy) => {
                self.set_format(Format::IamPolicy, true);
                self.add_policy_document(policy, None);
            }
            Err(error) => self.not_readable(Container::TopLevel, location, format!("a JSON string that is not a policy document ({error})")),
        }
    }

    /// The whole file, read as one document (URL-encoded policies).
    pub(super) fn take_whole(&mut self, bytes: &[u8]) {
        let text = String::from_utf8_lossy(bytes);
        match Policy::parse_any(&text) {
            Ok(policy) => {
                self.set_format(Format::IamPolicy, true);
                self.add_policy_document(policy, None);
            }
            Err(error) => self.problem(
                ProblemKind::UnknownFormat,
                Location::FILE,
                format!("URL-encoded text that is not a policy document ({error}); expected {EXPECTED_FORMATS}"),
            ),
        }
    }

    pub(super) fn add_policy_document(&mut self, document: Policy, name: Option<String>) {
        let source_file = self.report.name.clone();
        let name = name.unwrap_or_else(|| source_file.clone());
        self.ingest.imported.policies.push(super::imported::ImportedPolicy { source_file, origin: super::imported::PolicyOrigin::Document, name, document });
        self.report.items += 1;
    }

    fn take_document(&mut self, kind: DocumentKind, bytes: &[u8], location: Location) {
        let source_file = self.report.name.clone();
        match documents::read(kind, bytes, &source_file, &mut self.ingest.imported) {
            Ok(outcome) => {
                self.set_format(outcome.format, true);
                self.report.items += outcome.items;
                // Notes are about the whole document: its line says which one, when several
                // are concatenated.
                let document = Location { record: None, line: location.line.filter(|line| *line > 1) };
                for (kind, message) in outcome.notes {
                    self.problem(kind, document.clone(), message);
                }
            }
            Err(documents::DocumentError::Json(error)) => {
                let (problem_kind, message) = json_problem(&error, location.line);
                self.problem(problem_kind, location, format!("{} that is not readable: {message}", kind.describe()));
            }
            Err(documents::DocumentError::Unsupported(message)) => {
                if self.report.format == Format::Unknown {
                    self.problem(ProblemKind::UnknownFormat, location, message);
                } else {
                    self.problem(ProblemKind::BadRecord, location, message);
                }
            }
        }
    }
}
