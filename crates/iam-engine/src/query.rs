//! The query builder: a query that aggregates one principal's CloudTrail activity on the server
//! (Athena over the standard CloudTrail table of an S3 trail, CloudWatch Logs Insights over a log
//! group a trail delivers to, or CloudTrail Lake) so an organisation too big for a browser
//! downloads only the small result and feeds it to the workbench.
//!
//! Which engine when ([`QueryEngine::advice`]): Athena for S3 trails at any size, Logs Insights
//! for trails delivered to CloudWatch Logs, Lake for existing Lake users (closed to new customers
//! since 2026-05-31).
//!
//! Both queries return exactly these columns, one row per group: `principal_arn, event_source,
//! event_name, resource_arn, error_code, calls, first_seen, last_seen`. `resource_arn` comes from
//! `resources[].arn`, one row per resource, NULL when the event names none. The array is
//! unnested as an array of strings (`transform(resources, r -> r.arn)`) so the query behaves
//! the same in Trino (Athena engine 3, CloudTrail Lake) whatever the engine does with arrays of
//! rows, and `LEFT JOIN ... ON TRUE` keeps events without resources.

use crate::principal::{role_arn_from_session, Arn};
use crate::timestamp::Timestamp;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The exact column list every query returns, in order.
pub const RESULT_COLUMNS: [&str; 8] = ["principal_arn", "event_source", "event_name", "resource_arn", "error_code", "calls", "first_seen", "last_seen"];

/// The Athena table the CloudTrail console creates ("Create Athena table") unless renamed.
pub const DEFAULT_ATHENA_TABLE: &str = "cloudtrail_logs";

/// The placeholder the CloudTrail Lake console replaces with the chosen event data store.
pub const DEFAULT_LAKE_TABLE: &str = "$EDS_ID";

/// The columns of the Logs Insights query's result, in order: the SQL columns, with the second
/// resource, the region and the request members the mapping reads (`rp_` + member). None is
/// named like a CloudTrail field, so a row is never taken for a record.
pub const LOGS_INSIGHTS_COLUMNS: [&str; 33] = [
    "principal_arn",
    "event_source",
    "event_name",
    "resource_arn",
    "resource_arn_2",
    "error_code",
    "region",
    "rp_bucketName",
    "rp_key",
    "rp_tableName",
    "rp_queueUrl",
    "rp_queueName",
    "rp_secretId",
    "rp_name",
    "rp_logGroupName",
    "rp_logStreamName",
    "rp_topicArn",
    "rp_functionName",
    "rp_keyId",
    "rp_workGroup",
    "rp_databaseName",
    "rp_stackName",
    "rp_repositoryName",
    "rp_roleName",
    "rp_userName",
    "rp_modelId",
    "rp_projectName",
    "rp_jobName",
    "rp_cluster",
    "rp_target",
    "calls",
    "first_seen",
    "last_seen",
];

/// The log group the Logs Insights query's comment names when none is given.
pub const DEFAULT_LOG_GROUP: &str = "aws-cloudtrail-logs";

/// Rows a Logs Insights query returns at most without paging (the query asks for this many).
pub const LOGS_INSIGHTS_ROW_LIMIT: u64 = 10_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum QueryEngine {
    Lake,
    Athena,
    LogsInsights,
}

/// Which engine suits which trail, for the query builder's explanation (the page and the CLI
/// write the words).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EngineAdvice {
    /// A trail delivering to S3, at any size: Athena over the CloudTrail table.
    S3Trail,
    /// A trail delivering to a CloudWatch Logs log group: Logs Insights (10,000 rows, 60 minutes).
    CloudWatchLogsTrail,
    /// An existing CloudTrail Lake event data store (closed to new customers since 2026-05-31).
    ExistingLake,
}

impl QueryEngine {
    pub fn parse(text: &str) -> Option<QueryEngine> {
        match text {
            "lake" => Some(QueryEngine::Lake),
            "athena" => Some(QueryEngine::Athena),
            "logs-insights" => Some(QueryEngine::LogsInsights),
            _ => None,
        }
    }

    /// The trails this engine is the one for.
    pub fn advice(self) -> EngineAdvice {
        match self {
            QueryEngine::Athena => EngineAdvice::S3Trail,
            QueryEngine::LogsInsights => EngineAdvice::CloudWatchLogsTrail,
            QueryEngine::Lake => EngineAdvice::ExistingLake,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QuerySpec {
    /// A role ARN (with its path), a user ARN, or an assumed-role session ARN.
    pub principal_arn: String,
    /// First instant included.
    pub since: Timestamp,
    /// Last instant included (whole seconds).
    pub until: Timestamp,
    pub engine: QueryEngine,
    /// The Athena table (`db.table` allowed), the Lake event data store ID or the CloudWatch Logs
    /// log group; the engine's default when `None`.
    pub table: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum QueryErrorKind {
    /// The principal is not a role, user or assumed-role ARN.
    NotAPrincipalArn,
    /// `until` is before `since`.
    EmptyWindow,
    /// The table name has characters that cannot be an identifier.
    BadTableName,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryError {
    pub kind: QueryErrorKind,
    pub message: String,
}

impl fmt::Display for QueryError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.message)
    }
}

impl std::error::Error for QueryError {}

/// A SQL string literal: single quotes, embedded quotes doubled. Trino gives backslashes no
/// meaning inside literals, so nothing else needs escaping.
pub fn sql_string(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// Which identity the query filters on.
enum PrincipalFilter {
    /// Sessions of this role: `sessionIssuer.arn`.
    Role(String),
    /// This IAM user: `userIdentity.arn`.
    User(String),
}

fn principal_filter(principal_arn: &str) -> Result<PrincipalFilter, QueryError> {
    let not_a_principal = || QueryError {
        kind: QueryErrorKind::NotAPrincipalArn,
        message: format!("{principal_arn:?} is not a role, user or assumed-role ARN (arn:aws:iam::111122223333:role/name)"),
    };
    // Hidden characters (a newline, a line separator, a bidi override) could end the SQL comment
    // that names the principal, or make it read as another; no IAM ARN holds one.
    if principal_arn.chars().any(crate::text::is_hidden) {
        return Err(not_a_principal());
    }
    let arn = Arn::parse(principal_arn).ok_or_else(not_a_principal)?;
    match (arn.service, arn.resource.split('/').next()) {
        ("iam", Some("role")) => Ok(PrincipalFilter::Role(principal_arn.to_owned())),
        ("iam", Some("user")) => Ok(PrincipalFilter::User(principal_arn.to_owned())),
        ("sts", Some("assumed-role")) => role_arn_from_session(principal_arn).map(PrincipalFilter::Role).ok_or_else(not_a_principal),
        _ => Err(not_a_principal()),
    }
}

fn table_identifier(table: &str, engine: QueryEngine) -> Result<String, QueryError> {
    let bad = || QueryError { kind: QueryErrorKind::BadTableName, message: format!("{table:?} is not a table name or event data store ID") };
    if table.is_empty() {
        return Err(bad());
    }
    match engine {
        // Log group names: letters, digits, `_-./#` (CloudWatch Logs' own rule).
        QueryEngine::LogsInsights => {
            if table.len() <= 512 && table.bytes().all(|byte| byte.is_ascii_alphanumeric() || b"_-./#".contains(&byte)) {
                Ok(table.to_owned())
            } else {
                Err(bad())
            }
        }
        // Event data store IDs are UUIDs (or the console's `$EDS_ID`); Lake takes them bare.
        QueryEngine::Lake => {
            if table.bytes().all(|byte| byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_' || byte == b'$') {
                Ok(table.to_owned())
            } else {
                Err(bad())
            }
        }
        // Quote each part of `database.table` so names with dashes work.
        QueryEngine::Athena => {
            let parts: Vec<&str> = table.split('.').collect();
            if parts.len() > 2 || parts.iter().any(|part| part.is_empty() || part.contains(['"', '`']) || part.chars().any(crate::text::is_hidden)) {
                return Err(bad());
            }
            Ok(parts.iter().map(|part| format!("\"{part}\"")).collect::<Vec<_>>().join("."))
        }
    }
}

/// The SQL for a query spec.
pub fn build_query(spec: &QuerySpec) -> Result<String, QueryError> {
    if spec.until < spec.since {
        return Err(QueryError { kind: QueryErrorKind::EmptyWindow, message: "the window ends before it starts (--until is before --since)".to_owned() });
    }
    let filter = principal_filter(&spec.principal_arn)?;
    let table = table_identifier(
        spec.table.as_deref().unwrap_or(match spec.engine {
            QueryEngine::Lake => DEFAULT_LAKE_TABLE,
            QueryEngine::Athena => DEFAULT_ATHENA_TABLE,
            QueryEngine::LogsInsights => DEFAULT_LOG_GROUP,
        }),
        spec.engine,
    )?;
    if spec.engine == QueryEngine::LogsInsights {
        return logs_insights_query(spec, &filter, &table);
    }
    let end_exclusive = Timestamp(spec.until.0 + 1);
    // Lake's eventTime is a timestamp compared with `YYYY-MM-DD HH:MM:SS` text; the Athena
    // table keeps CloudTrail's ISO 8601 strings, which compare correctly as text.
    let (since, until) = match spec.engine {
        QueryEngine::Lake => (lake_time(spec.since), lake_time(end_exclusive)),
        QueryEngine::Athena | QueryEngine::LogsInsights => (spec.since.to_rfc3339(), end_exclusive.to_rfc3339()),
    };
    let (issuer, user_arn) = match spec.engine {
        QueryEngine::Lake => ("userIdentity.sessionContext.sessionIssuer.arn", "userIdentity.arn"),
        QueryEngine::Athena | QueryEngine::LogsInsights => ("useridentity.sessioncontext.sessionissuer.arn", "useridentity.arn"),
    };
    let (principal_text, principal_condition) = match &filter {
        PrincipalFilter::Role(role_arn) => (role_arn.as_str(), format!("{issuer} = {}", sql_string(role_arn))),
        PrincipalFilter::User(user_arn_value) => (user_arn_value.as_str(), format!("{user_arn} = {}", sql_string(user_arn_value))),
    };
    let (event_time, event_source, event_name, error_code, resources) = match spec.engine {
        QueryEngine::Lake => ("eventTime", "eventSource", "eventName", "errorCode", "resources"),
        QueryEngine::Athena | QueryEngine::LogsInsights => ("eventtime", "eventsource", "eventname", "errorcode", "resources"),
    };
    let engine_name = match spec.engine {
        QueryEngine::Lake => "CloudTrail Lake",
        QueryEngine::Athena | QueryEngine::LogsInsights => "Amazon Athena (the CloudTrail table)",
    };
    // The comment repeats the principal and window; the principal has no control characters
    // (checked above), so it cannot end the comment.
    let mut sql = String::new();
    sql.push_str(&format!("-- iamwb: activity of {principal_text} from {} until {}, for {engine_name}.\n", spec.since.to_rfc3339(), spec.until.to_rfc3339()));
    sql.push_str("-- Save the result (JSON from CloudTrail Lake, CSV from Athena) and give it to iamwb or the workbench page.\n");
    sql.push_str(&format!("SELECT\n  COALESCE({issuer}, {user_arn}) AS principal_arn,\n"));
    sql.push_str(&format!("  {event_source} AS event_source,\n  {event_name} AS event_name,\n  resource_arn,\n  {error_code} AS error_code,\n"));
    sql.push_str(&format!("  COUNT(*) AS calls,\n  MIN({event_time}) AS first_seen,\n  MAX({event_time}) AS last_seen\n"));
    sql.push_str(&format!("FROM {table}\n"));
    sql.push_str(&format!("LEFT JOIN UNNEST(transform({resources}, r -> r.arn)) AS unnested (resource_arn) ON TRUE\n"));
    sql.push_str(&format!("WHERE {event_time} >= {}\n  AND {event_time} < {}\n", sql_string(&since), sql_string(&until)));
    sql.push_str(&format!("  AND {principal_condition}\n"));
    sql.push_str("GROUP BY 1, 2, 3, 4, 5\nORDER BY 1, 2, 3, 4, 5\n");
    Ok(sql)
}

/// The Logs Insights query (its query language, not SQL). Logs Insights takes the time range
/// beside the query (the console's picker, `start-query --start-time/--end-time`), so the comment
/// gives it; `#` starts a comment. A `by` field missing from an event would drop the event, so
/// every optional one is `coalesce(…, "-")` and the reader takes `-` for "none".
fn logs_insights_query(spec: &QuerySpec, filter: &PrincipalFilter, log_group: &str) -> Result<String, QueryError> {
    let (principal_text, field) = match filter {
        PrincipalFilter::Role(role_arn) => (role_arn.as_str(), "userIdentity.sessionContext.sessionIssuer.arn"),
        PrincipalFilter::User(user_arn) => (user_arn.as_str(), "userIdentity.arn"),
    };
    // Logs Insights strings are double-quoted with backslash escapes; an IAM ARN has neither.
    if principal_text.contains(['"', '\\']) {
        return Err(QueryError {
            kind: QueryErrorKind::NotAPrincipalArn,
            message: format!("{principal_text:?} is not a role, user or assumed-role ARN (arn:aws:iam::111122223333:role/name)"),
        });
    }
    let end_exclusive = Timestamp(spec.until.0 + 1);
    let mut query = String::new();
    query.push_str(&format!(
        "# iamwb: activity of {principal_text} from {} until {}, for CloudWatch Logs Insights (the log group a trail delivers to).\n",
        spec.since.to_rfc3339(),
        spec.until.to_rfc3339()
    ));
    query.push_str("# Set the time range to that window (the query cannot), then save the result and give it to iamwb or the workbench page:\n");
    query.push_str(&format!(
        "#   aws logs start-query --log-group-name {log_group} --start-time {} --end-time {} --query-string file://query.txt\n",
        spec.since.0,
        end_exclusive.0 - 1
    ));
    query.push_str("#   aws logs get-query-results --query-id QUERY_ID > results.json   (or in the console: Export results, Download table (CSV))\n");
    query.push_str(&format!("# At most {LOGS_INSIGHTS_ROW_LIMIT} rows come back: if the result has that many, run it again over a shorter range.\n"));
    query.push_str(&format!("filter {field} = \"{principal_text}\"\n"));
    query.push_str("| fields coalesce(userIdentity.sessionContext.sessionIssuer.arn, userIdentity.arn) as principal_arn,\n");
    query.push_str("    eventSource as event_source, eventName as event_name, coalesce(awsRegion, \"-\") as region,\n");
    query.push_str("    coalesce(resources.0.ARN, \"-\") as resource_arn, coalesce(resources.1.ARN, \"-\") as resource_arn_2,\n");
    query.push_str("    coalesce(errorCode, \"-\") as error_code,\n");
    let members: Vec<&str> = LOGS_INSIGHTS_COLUMNS.iter().filter_map(|column| column.strip_prefix("rp_")).collect();
    let member_fields: Vec<String> = members.iter().map(|member| format!("coalesce(requestParameters.{member}, \"-\") as rp_{member}")).collect();
    for (index, chunk) in member_fields.chunks(3).enumerate() {
        let last = index == member_fields.len().div_ceil(3) - 1;
        query.push_str(&format!("    {}{}\n", chunk.join(", "), if last { "" } else { "," }));
    }
    let by: Vec<&str> = LOGS_INSIGHTS_COLUMNS.iter().copied().filter(|column| !matches!(*column, "calls" | "first_seen" | "last_seen")).collect();
    query.push_str("| stats count(*) as calls, min(@timestamp) as first_seen, max(@timestamp) as last_seen\n");
    query.push_str(&format!("    by {}\n", by.join(", ")));
    query.push_str(&format!("| limit {LOGS_INSIGHTS_ROW_LIMIT}\n"));
    Ok(query)
}

fn lake_time(instant: Timestamp) -> String {
    let text = instant.to_rfc3339();
    format!("{} {}", &text[..10], &text[11..19])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(principal: &str, engine: QueryEngine) -> QuerySpec {
        QuerySpec {
            principal_arn: principal.to_owned(),
            since: Timestamp::parse("2026-01-01").unwrap(),
            until: Timestamp::parse("2026-01-31T23:59:59Z").unwrap(),
            engine,
            table: None,
        }
    }

    #[test]
    fn lake_query_for_a_role() {
        let sql = build_query(&spec("arn:aws:iam::111122223333:role/team/app", QueryEngine::Lake)).unwrap();
        assert_eq!(
            sql,
            "-- iamwb: activity of arn:aws:iam::111122223333:role/team/app from 2026-01-01T00:00:00Z until 2026-01-31T23:59:59Z, for CloudTrail Lake.
-- Save the result (JSON from CloudTrail Lake, CSV from Athena) and give it to iamwb or the workbench page.
SELECT
  COALESCE(userIdentity.sessionContext.sessionIssuer.arn, userIdentity.arn) AS principal_arn,
  eventSource AS event_source,
  eventName AS event_name,
  resource_arn,
  errorCode AS error_code,
  COUNT(*) AS calls,
  MIN(eventTime) AS first_seen,
  MAX(eventTime) AS last_seen
FROM $EDS_ID
LEFT JOIN UNNEST(transform(resources, r -> r.arn)) AS unnested (resource_arn) ON TRUE
WHERE eventTime >= '2026-01-01 00:00:00'
  AND eventTime < '2026-02-01 00:00:00'
  AND userIdentity.sessionContext.sessionIssuer.arn = 'arn:aws:iam::111122223333:role/team/app'
GROUP BY 1, 2, 3, 4, 5
ORDER BY 1, 2, 3, 4, 5
"
        );
    }

    #[test]
    fn athena_query_for_a_user_selects_exactly_the_contract_columns() {
        let mut query = spec("arn:aws:iam::111122223333:user/alice", QueryEngine::Athena);
        query.table = Some("security.cloudtrail-logs".to_owned());
        let sql = build_query(&query).unwrap();
        assert!(sql.contains("FROM \"security\".\"cloudtrail-logs\"\n"), "{sql}");
        assert!(sql.contains("WHERE eventtime >= '2026-01-01T00:00:00Z'\n  AND eventtime < '2026-02-01T00:00:00Z'"), "{sql}");
        assert!(sql.contains("AND useridentity.arn = 'arn:aws:iam::111122223333:user/alice'"), "{sql}");
        let select = &sql[sql.find("SELECT").unwrap() + 6..sql.find("FROM").unwrap()];
        let aliases: Vec<&str> = select.split(",\n").map(|column| column.trim().rsplit(' ').next().unwrap()).collect();
        assert_eq!(aliases, RESULT_COLUMNS);
    }

    #[test]
    fn logs_insights_query_for_a_role() {
        let mut query = spec("arn:aws:iam::111122223333:role/team/app", QueryEngine::LogsInsights);
        query.table = Some("aws-cloudtrail-logs-111122223333-0a1b2c3d".to_owned());
        let text = build_query(&query).unwrap();
        assert!(text.lines().take_while(|line| !line.starts_with("filter")).all(|line| line.starts_with('#')), "{text}");
        assert!(text.contains("--log-group-name aws-cloudtrail-logs-111122223333-0a1b2c3d --start-time 1767225600 --end-time 1769903999"), "{text}");
        assert!(text.contains("filter userIdentity.sessionContext.sessionIssuer.arn = \"arn:aws:iam::111122223333:role/team/app\"\n"), "{text}");
        assert!(text.contains("coalesce(resources.0.ARN, \"-\") as resource_arn"), "{text}");
        assert!(text.contains("coalesce(requestParameters.queueUrl, \"-\") as rp_queueUrl"), "{text}");
        assert!(text.ends_with("| limit 10000\n"), "{text}");
        // The result's columns are exactly the contract's: the `by` fields, then the statistics.
        let by = text.lines().find_map(|line| line.trim().strip_prefix("by ")).unwrap();
        let mut columns: Vec<&str> = by.split(", ").collect();
        columns.extend(["calls", "first_seen", "last_seen"]);
        assert_eq!(columns, LOGS_INSIGHTS_COLUMNS);
        let user = build_query(&spec("arn:aws:iam::111122223333:user/alice", QueryEngine::LogsInsights)).unwrap();
        assert!(user.contains("filter userIdentity.arn = \"arn:aws:iam::111122223333:user/alice\"\n"), "{user}");
        assert!(user.contains(&format!("--log-group-name {DEFAULT_LOG_GROUP} ")), "{user}");
        let mut bad = spec("arn:aws:iam::111122223333:role/app", QueryEngine::LogsInsights);
        bad.table = Some("group; rm -rf /".to_owned());
        assert_eq!(build_query(&bad).unwrap_err().kind, QueryErrorKind::BadTableName);
        let quoted = spec("arn:aws:iam::111122223333:role/a\"b", QueryEngine::LogsInsights);
        assert_eq!(build_query(&quoted).unwrap_err().kind, QueryErrorKind::NotAPrincipalArn);
        assert_eq!(QueryEngine::parse("logs-insights"), Some(QueryEngine::LogsInsights));
        assert_eq!(QueryEngine::LogsInsights.advice(), EngineAdvice::CloudWatchLogsTrail);
    }

    #[test]
    fn literals_are_escaped_and_bad_inputs_refused() {
        assert_eq!(sql_string("it's"), "'it''s'");
        let sql = build_query(&spec("arn:aws:iam::111122223333:role/o'brien", QueryEngine::Athena)).unwrap();
        assert!(sql.contains("= 'arn:aws:iam::111122223333:role/o''brien'"), "{sql}");
        let session = build_query(&spec("arn:aws:sts::111122223333:assumed-role/app/session", QueryEngine::Lake)).unwrap();
        assert!(session.contains("sessionIssuer.arn = 'arn:aws:iam::111122223333:role/app'"));
        assert_eq!(build_query(&spec("app", QueryEngine::Lake)).unwrap_err().kind, QueryErrorKind::NotAPrincipalArn);
        assert_eq!(build_query(&spec("arn:aws:iam::1:role/x\nDROP TABLE t", QueryEngine::Lake)).unwrap_err().kind, QueryErrorKind::NotAPrincipalArn);
        for hidden in ["\u{2028}", "\u{202e}", "\u{85}"] {
            assert_eq!(
                build_query(&spec(&format!("arn:aws:iam::1:role/x{hidden}y"), QueryEngine::Athena)).unwrap_err().kind,
                QueryErrorKind::NotAPrincipalArn,
                "{hidden:?}"
            );
        }
        assert_eq!(build_query(&spec("arn:aws:s3:::bucket", QueryEngine::Lake)).unwrap_err().kind, QueryErrorKind::NotAPrincipalArn);
        let mut injected = spec("arn:aws:iam::111122223333:role/app", QueryEngine::Athena);
        injected.table = Some("t\" ; DROP".to_owned());
        assert_eq!(build_query(&injected).unwrap_err().kind, QueryErrorKind::BadTableName);
        let mut backwards = spec("arn:aws:iam::111122223333:role/app", QueryEngine::Athena);
        backwards.until = Timestamp(0);
        assert_eq!(build_query(&backwards).unwrap_err().kind, QueryErrorKind::EmptyWindow);
    }
}
