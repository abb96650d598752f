//! Rows of tables: CloudTrail Lake result rows (JSON), Lake's `result_N.csv.gz`, Athena results
//! over a CloudTrail table, the console's Event history CSV, and the aggregated form (one row per
//! principal, event, resource and error code with a count and first/last seen). What a table is
//! comes from its column names only, compared without case, spaces or punctuation
//! (`Event name`, `eventName` and `event_name` are one column), so exports from any tool that
//! keeps the usual names are read.

use super::{FileReader, Format, Location, ProblemKind};
use crate::activity::{AggregateRow, Folded};
use crate::record::{Record, ResourceEntry, SessionContext, SessionIssuer, Str, UserIdentity};
use crate::timestamp::Timestamp;
use serde_json::value::RawValue;
use std::borrow::Cow;

/// Where the rows come from: decides the format's name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum TableSource {
    Lake,
    Csv,
    /// CloudWatch Logs Insights results (`get-query-results`, the console's JSON export).
    Insights,
}

/// What the rows of a table hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum TableKind {
    /// One row per principal, event, resource and error code, with `calls` and first/last seen.
    Aggregate,
    /// The whole record as JSON in a column (Lake `eventJson`).
    EventJson,
    /// The whole record as JSON in the Event history's "CloudTrail event" column.
    CloudTrailEvent,
    /// Athena over a CloudTrail table: `useridentity` is a struct rendering.
    Athena,
    /// The Event history CSV without the record: callers are known by user name only.
    EventHistory,
    /// Scalar columns (`eventSource`, `eventName`, `arn`, `eventTime`, ...).
    Scalar,
}

/// Column positions of a recognised table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Columns {
    pub kind: TableKind,
    /// Exactly the aggregated form the workbench's query writes (`principal_arn` and `calls`),
    /// not just some counted columns.
    aggregated_form: bool,
    event_json: Option<usize>,
    event_source: Option<usize>,
    event_name: Option<usize>,
    event_time: Option<usize>,
    event_id: Option<usize>,
    event_type: Option<usize>,
    event_category: Option<usize>,
    region: Option<usize>,
    error_code: Option<usize>,
    error_message: Option<usize>,
    request_parameters: Option<usize>,
    resources: Option<usize>,
    resource_arn: Option<usize>,
    /// A second resource (`resource_arn_2` of the Logs Insights query: `resources.1.ARN`).
    resource_arn_2: Option<usize>,
    /// Request members given as columns (`rp_tableName`, `requestParameters.tableName`): the
    /// column and the member's name.
    request_members: Vec<(usize, String)>,
    user_identity: Option<usize>,
    recipient_account: Option<usize>,
    calls: Option<usize>,
    first_seen: Option<usize>,
    last_seen: Option<usize>,
    /// Every column that may hold the caller's ARN, in order.
    principal_arns: Vec<usize>,
}

impl Columns {
    /// The columns of the workbench's Logs Insights query (its second resource or request
    /// members), whatever the file (the console's CSV export).
    fn are_logs_insights_query_columns(&self) -> bool {
        self.resource_arn_2.is_some() || !self.request_members.is_empty()
    }
}

/// The columns of the rows read last, so that a page of rows is classified once.
pub(super) struct CachedColumns {
    names: Vec<String>,
    columns: Result<Columns, String>,
}

/// `Event name`, `eventName`, `event_name` → `eventname`.
pub(super) fn normalise(name: &str) -> String {
    name.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

/// The tables the workbench reads, for messages.
pub(super) const EXPECTED_TABLES: &str =
    "the aggregated form (principal_arn, event_source, event_name, resource_arn, error_code, calls, first_seen, last_seen); \
    CloudTrail Lake results with an eventJson column, or at least eventSource and eventName (with arn, eventTime, errorCode, awsRegion); \
    Athena results over a CloudTrail table (eventsource, eventname, eventtime, useridentity, awsregion, errorcode, ...); \
    or an Event history CSV (Event name, Event time, Event source, User name, Resources, and CloudTrail event if present)";

/// Recognises a table from its column names (as written; they are normalised here).
pub(super) fn classify(names: &[&str]) -> Result<Columns, String> {
    let mut columns = Columns {
        kind: TableKind::Scalar,
        aggregated_form: false,
        event_json: None,
        event_source: None,
        event_name: None,
        event_time: None,
        event_id: None,
        event_type: None,
        event_category: None,
        region: None,
        error_code: None,
        error_message: None,
        request_parameters: None,
        resources: None,
        resource_arn: None,
        resource_arn_2: None,
        request_members: Vec::new(),
        user_identity: None,
        recipient_account: None,
        calls: None,
        first_seen: None,
        last_seen: None,
        principal_arns: Vec::new(),
    };
    let mut cloudtrail_event = None;
    let mut user_name = None;
    let mut event_version = None;
    for (index, name) in names.iter().enumerate() {
        let member = name
            .get(..3)
            .filter(|head| head.eq_ignore_ascii_case("rp_"))
            .map(|_| &name[3..])
            .or_else(|| name.get(..18).filter(|head| head.eq_ignore_ascii_case("requestParameters.")).map(|_| &name[18..]))
            .filter(|member| !member.is_empty());
        if let Some(member) = member {
            columns.request_members.push((index, member.to_owned()));
            continue;
        }
        let slot = match normalise(name).as_str() {
            "eventjson" => &mut columns.event_json,
            "cloudtrailevent" => &mut cloudtrail_event,
            "eventsource" => &mut columns.event_source,
            "eventname" => &mut columns.event_name,
            "eventtime" | "time" | "eventtimestamp" => &mut columns.event_time,
            "eventid" => &mut columns.event_id,
            "eventtype" => &mut columns.event_type,
            "eventcategory" => &mut columns.event_category,
            "awsregion" | "region" => &mut columns.region,
            "errorcode" => &mut columns.error_code,
            "errormessage" => &mut columns.error_message,
            "requestparameters" => &mut columns.request_parameters,
            "resources" => &mut columns.resources,
            "resourcearn" | "resource" => &mut columns.resource_arn,
            "resourcearn2" => &mut columns.resource_arn_2,
            "useridentity" => &mut columns.user_identity,
            "username" => &mut user_name,
            "eventversion" => &mut event_version,
            "recipientaccountid" => &mut columns.recipient_account,
            "calls" | "count" | "apicount" | "numberevents" | "numevents" | "eventcount" | "events" | "total" => &mut columns.calls,
            "firstseen" | "firsttime" | "firsteventtime" | "mineventtime" => &mut columns.first_seen,
            "lastseen" | "lasttime" | "lasteventtime" | "maxeventtime" => &mut columns.last_seen,
            "principalarn" | "arn" | "useridentityarn" | "sessionissuerarn" | "issuerarn" | "principal" => {
                columns.principal_arns.push(index);
                continue;
            }
            _ => continue,
        };
        // With duplicated names (`arn` twice in Lake results), the first one wins.
        slot.get_or_insert(index);
    }
    let has_event = columns.event_source.is_some() && columns.event_name.is_some();
    let normalised: Vec<String> = names.iter().map(|name| normalise(name)).collect();
    columns.aggregated_form = ["principalarn", "calls"].iter().all(|wanted| normalised.iter().any(|name| name == wanted));
    columns.kind = if columns.event_json.is_some() {
        TableKind::EventJson
    } else if let Some(column) = cloudtrail_event {
        columns.event_json = Some(column);
        TableKind::CloudTrailEvent
    } else if has_event && columns.calls.is_some() {
        TableKind::Aggregate
    } else if has_event && (columns.user_identity.is_some() || event_version.is_some()) {
        TableKind::Athena
    } else if has_event && user_name.is_some() && columns.principal_arns.is_empty() {
        TableKind::EventHistory
    } else if has_event {
        TableKind::Scalar
    } else {
        let shown: Vec<&str> = names.iter().take(12).copied().collect();
        let more = if names.len() > 12 { ", …" } else { "" };
        return Err(format!("columns {}{more}: no eventSource and eventName columns; expected {EXPECTED_TABLES}", shown.join(", ")));
    };
    Ok(columns)
}

/// A cell's text, with the spellings of "no value" removed.
fn present<'c>(cells: &[Option<&'c str>], column: Option<usize>) -> Option<&'c str> {
    let text = cells.get(column?).copied().flatten()?.trim();
    // `-` is the Logs Insights query's "none" (`coalesce(…, "-")`).
    (!matches!(text, "" | "-" | "null" | "NULL" | "\\N" | "None")).then_some(text)
}

fn text(value: &str) -> Option<Str<'_>> {
    Some(Str(Cow::Borrowed(value)))
}

/// The best caller ARN of a row: an IAM role or user ARN over a session ARN.
fn principal_arn<'c>(columns: &Columns, cells: &[Option<&'c str>]) -> Option<&'c str> {
    let arns: Vec<&str> = columns.principal_arns.iter().filter_map(|column| present(cells, Some(*column))).collect();
    arns.iter().find(|arn| arn.contains(":role/") || arn.contains(":user/")).or(arns.first()).copied()
}

/// The values of `key=` in a Presto/Trino struct rendering (`{type=AssumedRole, arn=arn:…,
/// sessioncontext={sessionissuer={arn=arn:…}}}`), in order. Only the simple `key=value` form is
/// read; nothing else of the rendering is trusted.
fn struct_values<'t>(rendering: &'t str, key: &str) -> Vec<&'t str> {
    let mut found = Vec::new();
    let pattern = format!("{key}=");
    let mut from = 0;
    while let Some(offset) = rendering[from..].find(&pattern) {
        let start = from + offset;
        let value_start = start + pattern.len();
        let boundary = start == 0 || matches!(rendering.as_bytes()[start - 1], b'{' | b' ' | b',');
        from = value_start;
        if !boundary {
            continue;
        }
        let rest = &rendering[value_start..];
        let value = rest[..rest.find([',', '}']).unwrap_or(rest.len())].trim();
        if !value.is_empty() && value != "null" && !value.starts_with('{') {
            found.push(value);
        }
    }
    found
}

/// A `userIdentity` from an Athena `useridentity` cell: JSON when it is JSON, else the few keys a
/// struct rendering gives away (type, arn, account, invokedby, the session issuer's role ARN).
fn identity_from_cell(cell: &str) -> Option<UserIdentity<'_>> {
    if cell.starts_with("{\"") {
        return serde_json::from_str::<UserIdentity>(cell).ok();
    }
    let identity_type = struct_values(cell, "type").into_iter().next();
    let arns = struct_values(cell, "arn");
    let own_arn = arns.first().copied();
    let role_arn = arns.iter().copied().find(|arn| arn.contains(":iam::") && arn.contains(":role/"));
    let mut identity = match (identity_type, own_arn) {
        (Some(identity_type), _) => UserIdentity { identity_type: text(identity_type), arn: own_arn.and_then(text), ..UserIdentity::default() },
        (None, Some(arn)) => UserIdentity::from_arn(arn),
        (None, None) => return None,
    };
    identity.account_id = struct_values(cell, "accountid").into_iter().next().and_then(text);
    identity.invoked_by = struct_values(cell, "invokedby").into_iter().next().and_then(text);
    if let Some(role_arn) = role_arn {
        identity.session_context = Some(SessionContext {
            session_issuer: Some(SessionIssuer { issuer_type: text("Role"), arn: text(role_arn), ..SessionIssuer::default() }),
            attributes: None,
        });
    }
    Some(identity)
}

/// Resource ARNs from a `resources` cell: CloudTrail JSON, or a struct rendering.
fn resources_from_cell(cell: &str) -> Vec<ResourceEntry<'_>> {
    if cell.starts_with('[') {
        if let Ok(entries) = serde_json::from_str::<Vec<ResourceEntry>>(cell) {
            return entries;
        }
    }
    struct_values(cell, "arn").into_iter().map(|arn| ResourceEntry { arn: text(arn), ..ResourceEntry::default() }).collect()
}

/// More calls than one row can stand for: a trillion (a busy account makes about a billion calls a
/// month). Larger counts are not real, and summing them could overflow.
const MAX_CALLS_PER_ROW: u64 = 1 << 40;

/// `96059`, `96059.0` → 96059.
fn parse_count(text: &str) -> Option<u64> {
    text.parse::<u64>()
        .ok()
        .or_else(|| text.parse::<f64>().ok().filter(|value| value.is_finite() && *value >= 0.0 && value.fract() == 0.0).map(|value| value as u64))
}

impl FileReader<'_> {
    /// One row of a table whose column names are `names`.
    pub(super) fn take_table_row(&mut self, names: &[&str], cells: &[Option<&str>], location: Location, source: TableSource) {
        let same = self.table.as_ref().is_some_and(|cached| cached.names.len() == names.len() && cached.names.iter().zip(names).all(|(a, b)| a == b));
        if !same {
            self.table = Some(CachedColumns { names: names.iter().map(|name| (*name).to_owned()).collect(), columns: classify(names) });
        }
        let Some(cached) = self.table.take() else {
            return;
        };
        match &cached.columns {
            Ok(columns) => self.fold_table_row(columns, cells, &location, source),
            Err(message) => {
                if self.first_time(super::values::Once::UnknownTable) {
                    let kind = if self.report.format == Format::Unknown || self.report.format == Format::LakeQueryResults {
                        ProblemKind::MissingColumns
                    } else {
                        ProblemKind::BadRecord
                    };
                    self.problem(kind, location, format!("rows with {message}"));
                }
            }
        }
        self.table = Some(cached);
    }

    /// Sets the columns of the rows that follow (a CSV header).
    pub(super) fn take_table_header(&mut self, names: &[&str]) {
        self.table = Some(CachedColumns { names: names.iter().map(|name| (*name).to_owned()).collect(), columns: classify(names) });
    }

    /// How many columns the current table has.
    pub(super) fn table_width(&self) -> usize {
        self.table.as_ref().map_or(0, |cached| cached.names.len())
    }

    /// A row of the table whose header was set by `take_table_header`.
    pub(super) fn take_row_of_known_table(&mut self, cells: &[Option<&str>], location: Location, source: TableSource) {
        let Some(cached) = self.table.take() else {
            return;
        };
        if let Ok(columns) = &cached.columns {
            self.fold_table_row(columns, cells, &location, source);
        }
        self.table = Some(cached);
    }

    /// The format of a table's file.
    pub(super) fn table_format(columns: &Columns, source: TableSource) -> Format {
        match (source, columns.kind) {
            (TableSource::Insights, _) => Format::LogsInsightsResults,
            (TableSource::Lake, TableKind::Aggregate) if columns.aggregated_form => Format::LakeAggregate,
            (TableSource::Lake, _) => Format::LakeQueryResults,
            (TableSource::Csv, TableKind::Aggregate) if columns.aggregated_form => Format::AggregateCsv,
            (TableSource::Csv, TableKind::Aggregate) => Format::QueryResultsCsv,
            (TableSource::Csv, TableKind::EventJson) => Format::LakeCsv,
            (TableSource::Csv, TableKind::CloudTrailEvent | TableKind::EventHistory) => Format::EventHistoryCsv,
            (TableSource::Csv, TableKind::Athena) => Format::AthenaCsv,
            (TableSource::Csv, TableKind::Scalar) => Format::QueryResultsCsv,
        }
    }

    fn fold_table_row(&mut self, columns: &Columns, cells: &[Option<&str>], location: &Location, source: TableSource) {
        let format = Self::table_format(columns, source);
        if source == TableSource::Insights || columns.are_logs_insights_query_columns() {
            self.count_insights_row();
        }
        if matches!(columns.kind, TableKind::EventJson | TableKind::CloudTrailEvent) {
            let what = if columns.kind == TableKind::EventJson { "eventJson" } else { "CloudTrail event column" };
            match present(cells, columns.event_json) {
                Some(json) => self.take_record_text(json, what, location, format),
                None => self.problem(ProblemKind::BadRecord, location.clone(), format!("the {what} is empty: skipped")),
            }
            return;
        }
        let (Some(event_source), Some(event_name)) = (present(cells, columns.event_source), present(cells, columns.event_name)) else {
            self.problem(ProblemKind::BadRecord, location.clone(), "a row without an event source or event name: skipped".to_owned());
            return;
        };
        let no_principal = columns.kind == TableKind::EventHistory || (columns.kind != TableKind::Athena && columns.principal_arns.is_empty());
        if no_principal && self.first_time(super::values::Once::NoPrincipalColumn) {
            let message = if columns.kind == TableKind::EventHistory {
                "this Event history CSV has no CloudTrail event column: callers are known by user name only, so events are counted but given to no principal (download the JSON instead)"
            } else {
                "the rows have no principal ARN column (principal_arn, arn): events are counted but given to no principal"
            };
            self.problem(ProblemKind::Incomplete, Location::FILE, message.to_owned());
        }
        if columns.kind == TableKind::Aggregate {
            let calls_text = present(cells, columns.calls).unwrap_or("1");
            let Some(calls) = parse_count(calls_text) else {
                self.problem(ProblemKind::BadRecord, location.clone(), format!("the call count {calls_text:?} is not a number: row skipped"));
                return;
            };
            if calls > MAX_CALLS_PER_ROW {
                self.problem(
                    ProblemKind::BadRecord,
                    location.clone(),
                    format!("the call count {calls} is beyond {MAX_CALLS_PER_ROW}, not a real count: row skipped"),
                );
                return;
            }
            if calls == 0 {
                return;
            }
            let time = |column| present(cells, column).and_then(Timestamp::parse);
            // Request members given as columns become the request the mapping reads.
            let members: serde_json::Map<String, serde_json::Value> = columns
                .request_members
                .iter()
                .filter_map(|(column, member)| Some((member.clone(), serde_json::Value::String(present(cells, Some(*column))?.to_owned()))))
                .collect();
            let request = (!members.is_empty()).then(|| serde_json::value::to_raw_value(&members).ok()).flatten();
            let row = AggregateRow {
                principal_arn: principal_arn(columns, cells),
                event_source,
                event_name,
                resource_arn: present(cells, columns.resource_arn),
                second_resource_arn: present(cells, columns.resource_arn_2),
                request_parameters: request.as_deref(),
                error_code: present(cells, columns.error_code),
                region: present(cells, columns.region),
                calls,
                first_seen: time(columns.first_seen).or_else(|| time(columns.event_time)),
                last_seen: time(columns.last_seen).or_else(|| time(columns.event_time)),
            };
            self.set_format(format, true);
            match self.ingest.builder.fold_aggregate(&row) {
                Folded::Counted => self.report.events = self.report.events.saturating_add(calls),
                Folded::OverLimit(limit) => self.over_limit(limit, location, calls),
                Folded::Duplicate | Folded::NotAnEvent => {}
            }
            return;
        }
        let user_identity = match columns.kind {
            TableKind::Athena => present(cells, columns.user_identity).and_then(identity_from_cell),
            _ => principal_arn(columns, cells).map(UserIdentity::from_arn),
        };
        let request_parameters = present(cells, columns.request_parameters).and_then(|json| serde_json::from_str::<&RawValue>(json).ok());
        let resources = present(cells, columns.resources).map(resources_from_cell).filter(|resources| !resources.is_empty());
        let record = Record {
            event_source: text(event_source),
            event_name: text(event_name),
            event_time: present(cells, columns.event_time).and_then(text),
            event_id: present(cells, columns.event_id).and_then(text),
            event_type: present(cells, columns.event_type).and_then(text),
            event_category: present(cells, columns.event_category).and_then(text),
            aws_region: present(cells, columns.region).and_then(text),
            error_code: present(cells, columns.error_code).and_then(text),
            error_message: present(cells, columns.error_message).and_then(text),
            recipient_account_id: present(cells, columns.recipient_account).and_then(text),
            request_parameters,
            resources,
            user_identity,
            ..Record::default()
        };
        self.fold_record(&record, location, format);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_recognised_by_their_column_names() {
        let kind = |names: &[&str]| classify(names).map(|columns| columns.kind);
        assert_eq!(
            kind(&["principal_arn", "event_source", "event_name", "resource_arn", "error_code", "calls", "first_seen", "last_seen"]),
            Ok(TableKind::Aggregate)
        );
        assert_eq!(kind(&["eventJson"]), Ok(TableKind::EventJson));
        assert_eq!(kind(&["Event ID", "Event time", "User name", "Event name", "Event source", "CloudTrail event"]), Ok(TableKind::CloudTrailEvent));
        assert_eq!(kind(&["Event name", "Event time", "Event source", "User name", "Resources"]), Ok(TableKind::EventHistory));
        assert_eq!(kind(&["eventversion", "useridentity", "eventtime", "eventsource", "eventname"]), Ok(TableKind::Athena));
        assert_eq!(kind(&["eventSource", "eventName", "apiCount"]), Ok(TableKind::Aggregate));
        assert_eq!(kind(&["eventID", "eventName", "eventSource", "eventTime"]), Ok(TableKind::Scalar));
        let error = kind(&["Event Type", "Event Name", "Request ID", "User ID"]).unwrap_err();
        assert!(error.starts_with("columns Event Type, Event Name, Request ID, User ID: no eventSource and eventName columns"), "{error}");
    }

    #[test]
    fn struct_renderings_give_away_simple_keys_only() {
        let cell = "{type=AssumedRole, principalid=AROA:s, arn=arn:aws:sts::1:assumed-role/app/s, accountid=1, invokedby=null, sessioncontext={attributes={mfaauthenticated=false}, sessionissuer={type=Role, arn=arn:aws:iam::1:role/team/app, username=app}}}";
        assert_eq!(struct_values(cell, "arn"), vec!["arn:aws:sts::1:assumed-role/app/s", "arn:aws:iam::1:role/team/app"]);
        assert_eq!(struct_values(cell, "type"), vec!["AssumedRole", "Role"]);
        assert!(struct_values(cell, "invokedby").is_empty());
        let identity = identity_from_cell(cell).unwrap();
        assert_eq!(identity.identity_type.as_deref(), Some("AssumedRole"));
        let issuer = identity.session_context.unwrap().session_issuer.unwrap();
        assert_eq!(issuer.arn.as_deref(), Some("arn:aws:iam::1:role/team/app"));
        assert_eq!(parse_count("96059"), Some(96059));
        assert_eq!(parse_count("12.0"), Some(12));
        assert_eq!(parse_count("-1"), None);
        assert_eq!(parse_count("NaN"), None);
    }
}
