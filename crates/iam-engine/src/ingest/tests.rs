//! Every input format, plain and gzip, pushed whole and in tiny chunks; and a corpus of bad
//! inputs, each of which must end in a clear problem without costing the other files anything.
//! The inputs are written here, modelled on the real samples (never copied from them).

use super::*;
use serde_json::json;

const ROLE: &str = "arn:aws:iam::111122223333:role/team/app";
const USER: &str = "arn:aws:iam::111122223333:user/alice";

fn role_identity() -> serde_json::Value {
    json!({"type":"AssumedRole","principalId":"AROAEXAMPLE:build-7","arn":"arn:aws:sts::111122223333:assumed-role/app/build-7","accountId":"111122223333",
           "sessionContext":{"sessionIssuer":{"type":"Role","principalId":"AROAEXAMPLE","arn":ROLE,"accountId":"111122223333","userName":"app"},
                             "attributes":{"creationDate":"2026-03-01T08:00:00Z","mfaAuthenticated":"false"},"webIdFederationData":{}}})
}

fn user_identity() -> serde_json::Value {
    json!({"type":"IAMUser","principalId":"AIDAEXAMPLE","arn":USER,"accountId":"111122223333","accessKeyId":"AKIAEXAMPLE","userName":"alice"})
}

/// A CloudTrail record with the usual fields.
fn record(id: &str, identity: serde_json::Value, source: &str, name: &str, time: &str, error: Option<&str>) -> serde_json::Value {
    let mut record = json!({
        "eventVersion":"1.10","userIdentity":identity,"eventTime":time,"eventSource":source,"eventName":name,"awsRegion":"eu-west-1",
        "sourceIPAddress":"192.0.2.10","userAgent":"aws-cli/2.15.0","requestParameters":{"bucketName":"example-bucket","key":"reports/1.csv"},
        "responseElements":null,"requestID":"REQ1","eventID":id,"readOnly":true,"eventType":"AwsApiCall","managementEvent":false,
        "recipientAccountId":"111122223333","eventCategory":"Data","tlsDetails":{"tlsVersion":"TLSv1.3","clientProvidedHostHeader":"s3.eu-west-1.amazonaws.com"}
    });
    if let Some(code) = error {
        record["errorCode"] = json!(code);
        record["errorMessage"] = json!(format!("User: {USER} is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::111122223333:role/ because no identity-based policy allows the iam:ListRoles action"));
    }
    record
}

fn three_records() -> Vec<serde_json::Value> {
    vec![
        record("e-1", role_identity(), "s3.amazonaws.com", "GetObject", "2026-03-01T08:01:00Z", None),
        record("e-2", user_identity(), "iam.amazonaws.com", "ListRoles", "2026-03-02T09:00:00Z", Some("AccessDenied")),
        record("e-3", role_identity(), "lambda.amazonaws.com", "UpdateFunctionCode20150331v2", "2026-03-03T10:00:00Z", None),
    ]
}

fn text(value: &serde_json::Value) -> String {
    serde_json::to_string(value).unwrap()
}

fn lines(values: &[serde_json::Value]) -> String {
    values.iter().map(|value| text(value) + "\n").collect()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// Reads one file pushed in chunks of the given sizes (cycled).
fn read_in_chunks(name: &str, bytes: &[u8], sizes: &[usize], options: IngestOptions) -> Analysis {
    let mut ingest = Ingest::new(options);
    let mut reader = ingest.file(name);
    let mut offset = 0;
    let mut turn = 0;
    while offset < bytes.len() {
        let size = sizes[turn % sizes.len()].max(1);
        let end = (offset + size).min(bytes.len());
        reader.push(&bytes[offset..end]);
        offset = end;
        turn += 1;
    }
    reader.finish();
    ingest.finish()
}

/// Reads one file whole, then in chunks of 1..7 bytes; all must agree.
fn read_everyhow(name: &str, bytes: &[u8], options: IngestOptions) -> Analysis {
    let whole = read_in_chunks(name, bytes, &[bytes.len().max(1)], options);
    for sizes in [&[1][..], &[2], &[3], &[7], &[1, 2, 3, 4, 5, 6, 7], &[5, 1, 3]] {
        let chunked = read_in_chunks(name, bytes, sizes, options);
        assert_eq!(chunked, whole, "{name}: pushing in chunks of {sizes:?} changed the result");
    }
    whole
}

fn kinds(report: &FileReport) -> Vec<ProblemKind> {
    report.problems.iter().map(|problem| problem.kind).collect()
}

struct Case {
    name: &'static str,
    input: Vec<u8>,
    format: Format,
    events: u64,
    items: u64,
    problems: Vec<ProblemKind>,
}

fn case(name: &'static str, input: impl Into<Vec<u8>>, format: Format, events: u64, items: u64, problems: &[ProblemKind]) -> Case {
    Case { name, input: input.into(), format, events, items, problems: problems.to_vec() }
}

fn escaped(value: &serde_json::Value) -> serde_json::Value {
    json!(text(value))
}

/// Athena's own CSV: every field quoted, empty ones too (the lines `csv_line` writes, re-read).
fn quote_every_field(csv: &str) -> String {
    let mut out = String::new();
    for line in csv.lines() {
        let (mut fields, mut field, mut quoted, mut chars) = (Vec::new(), String::new(), false, line.chars().peekable());
        while let Some(c) = chars.next() {
            match (c, quoted) {
                ('"', true) if chars.peek() == Some(&'"') => {
                    field.push('"');
                    chars.next();
                }
                ('"', _) => quoted = !quoted,
                (',', false) => fields.push(std::mem::take(&mut field)),
                (c, _) => field.push(c),
            }
        }
        fields.push(field);
        out += &(fields.iter().map(|field| format!("\"{}\"", field.replace('"', "\"\""))).collect::<Vec<_>>().join(",") + "\n");
    }
    out
}

fn csv_line(fields: &[&str]) -> String {
    fields
        .iter()
        .map(|field| if field.contains([',', '"', '\n']) { format!("\"{}\"", field.replace('"', "\"\"")) } else { (*field).to_owned() })
        .collect::<Vec<_>>()
        .join(",")
        + "\r\n"
}

fn cases() -> Vec<Case> {
    use Format::*;
    use ProblemKind::*;
    let records = three_records();
    let [first, second, third] = [&records[0], &records[1], &records[2]];
    let mut cases = vec![
        case("records.json", text(&json!({"Records": records})), CloudtrailRecords, 3, 0, &[]),
        case("records-pretty.json", serde_json::to_string_pretty(&json!({"Records": records})).unwrap(), CloudtrailRecords, 3, 0, &[]),
        case("records-later-key.json", text(&json!({"NextToken": null, "Records": records})), CloudtrailRecords, 3, 0, &[]),
        case(
            "concatenated-records.json",
            format!("{}\n{}", text(&json!({"Records": [first]})), text(&json!({"Records": [second, third]}))),
            CloudtrailRecords,
            3,
            0,
            &[],
        ),
        case("array.json", text(&json!(records)), CloudtrailArray, 3, 0, &[]),
        case("empty-array.json", "[]", CloudtrailArray, 0, 0, &[]),
        case("lines.jsonl", lines(&records), CloudtrailLines, 3, 0, &[]),
    ];
    // Log shippers add their own keys (Logstash `@timestamp`, Datadog enrichment).
    let shipped: Vec<serde_json::Value> = records
        .iter()
        .map(|record| {
            let mut record = record.clone();
            record["@timestamp"] = json!("2026-03-01T08:01:02.000Z");
            record["@version"] = json!("1");
            record["evt"] = json!({"name": record["eventName"]});
            record
        })
        .collect();
    cases.push(case("shipper.jsonl", lines(&shipped), CloudtrailLines, 3, 0, &[]));
    let messages: Vec<serde_json::Value> = records.iter().map(|record| json!({"@timestamp":"2026-03-01T08:01:02Z","message":text(record)})).collect();
    cases.push(case("shipper-message.jsonl", lines(&messages), CloudtrailLines, 3, 0, &[]));
    cases.push(case("duplicates.jsonl", lines(&[first.clone(), first.clone(), second.clone()]), CloudtrailLines, 2, 0, &[]));
    let cloudwatch: String =
        records.iter().map(|record| format!("{} {}\n", record["eventTime"].as_str().unwrap().replace('Z', ".000Z"), text(record))).collect();
    cases.push(case("cloudwatch-export.txt", cloudwatch.clone(), CloudwatchLogsExport, 3, 0, &[]));
    cases.push(case("cloudwatch-export-bad-line.txt", format!("{cloudwatch}2026-03-04T00:00:00.000Z not json\n"), CloudwatchLogsExport, 3, 0, &[BadRecord]));
    let log_events = json!({"events": records.iter().map(|record| json!({"logStreamName":"111122223333_CloudTrail_eu-west-1","timestamp":1772352060000_u64,"message":text(record),"ingestionTime":1772352061000_u64,"eventId":"3"})).collect::<Vec<_>>(),"searchedLogStreams":[]});
    cases.push(case("filter-log-events.json", text(&log_events), CloudwatchLogEvents, 3, 0, &[]));
    let envelopes: Vec<serde_json::Value> = records
        .iter()
        .map(|record| json!({"version":"0","id":"6a7e8feb","detail-type":"AWS API Call via CloudTrail","source":"aws.s3","account":"111122223333","time":record["eventTime"],"region":"eu-west-1","resources":["arn:aws:s3:::example-bucket"],"detail":record}))
        .collect();
    cases.push(case("eventbridge.jsonl", lines(&envelopes), EventbridgeEvents, 3, 0, &[]));
    cases.push(case("eventbridge-array.json", text(&json!(envelopes)), EventbridgeEvents, 3, 0, &[]));
    cases.push(case(
        "eventbridge-other.jsonl",
        lines(&[
            envelopes[0].clone(),
            json!({"version":"0","detail-type":"EC2 Instance State-change Notification","source":"aws.ec2","detail":{"instance-id":"i-1","state":"running"}}),
        ]),
        EventbridgeEvents,
        1,
        0,
        &[BadRecord],
    ));
    let lookup = |events: &[&serde_json::Value], next: Option<&str>| {
        let mut page = json!({"Events": events.iter().map(|record| json!({"EventId":record["eventID"],"EventName":record["eventName"],"ReadOnly":"true","EventTime":"2026-03-01T00:01:00-08:00","EventSource":record["eventSource"],"Username":"build-7","Resources":[],"CloudTrailEvent":text(record)})).collect::<Vec<_>>()});
        if let Some(token) = next {
            page["NextToken"] = json!(token);
        }
        page
    };
    cases.push(case("lookup-events.json", serde_json::to_string_pretty(&lookup(&[first, second, third], None)).unwrap(), LookupEvents, 3, 0, &[]));
    cases.push(case("lookup-events-page.json", text(&lookup(&[first], Some("token-2"))), LookupEvents, 1, 0, &[Incomplete]));
    cases.push(case(
        "lookup-events-pages.json",
        format!("{}\n{}\n", text(&lookup(&[first, second], None)), text(&lookup(&[second, third], None))),
        LookupEvents,
        3,
        0,
        &[],
    ));
    cases.push(case("lookup-events-array.json", text(&json!([lookup(&[first], None), lookup(&[second, third], None)])), LookupEvents, 3, 0, &[]));
    cases.push(case(
        "lookup-events-bare.json",
        text(&json!({"Events":[{"EventId":"x-1","EventName":"ListBuckets","EventTime":1772352060,"EventSource":"s3.amazonaws.com","Username":"alice"}]})),
        LookupEvents,
        1,
        0,
        &[Incomplete],
    ));
    // CloudTrail Lake `get-query-results`.
    let lake = |rows: Vec<Vec<(&str, serde_json::Value)>>, status: &str| {
        json!({"QueryStatus":status,"QueryStatistics":{"ResultsCount":rows.len(),"TotalResultsCount":rows.len(),"BytesScanned":1234},
               "QueryResultRows": rows.into_iter().map(|row| row.into_iter().map(|(key, value)| json!({key: value})).collect::<Vec<_>>()).collect::<Vec<_>>()})
    };
    cases.push(case(
        "lake-eventjson.json",
        text(&lake(records.iter().map(|record| vec![("eventJson", escaped(record))]).collect(), "FINISHED")),
        LakeQueryResults,
        3,
        0,
        &[],
    ));
    cases.push(case(
        "lake-scalar.json",
        text(&lake(
            vec![
                vec![
                    ("eventID", json!("s-1")),
                    ("eventName", json!("ListBuckets")),
                    ("eventSource", json!("s3.amazonaws.com")),
                    ("eventTime", json!("2026-03-01 08:00:00.000")),
                    ("arn", json!("arn:aws:sts::111122223333:assumed-role/app/s")),
                    ("arn", json!(ROLE)),
                ],
                vec![
                    ("eventID", json!("s-2")),
                    ("eventName", json!("GetRole")),
                    ("eventSource", json!("iam.amazonaws.com")),
                    ("eventTime", json!("2026-03-01 09:00:00.000")),
                    ("arn", json!(null)),
                    ("arn", json!(USER)),
                ],
            ],
            "FINISHED",
        )),
        LakeQueryResults,
        2,
        0,
        &[],
    ));
    cases.push(case(
        "lake-counts.json",
        text(&lake(vec![vec![("eventSource", json!("s3.amazonaws.com")), ("eventName", json!("PutObject")), ("apiCount", json!("96"))]], "FINISHED")),
        LakeQueryResults,
        96,
        0,
        &[Incomplete],
    ));
    cases.push(case(
        "lake-unusable-columns.json",
        text(&lake(vec![vec![("principalid", json!("AROA")), ("eventName", json!("CreateBucket"))]], "FINISHED")),
        LakeQueryResults,
        0,
        0,
        &[MissingColumns],
    ));
    cases.push(case(
        "lake-running.json",
        text(&lake(records.iter().take(1).map(|record| vec![("eventjson", escaped(record))]).collect(), "RUNNING")),
        LakeQueryResults,
        1,
        0,
        &[Incomplete],
    ));
    let aggregate_columns = ["principal_arn", "event_source", "event_name", "resource_arn", "error_code", "calls", "first_seen", "last_seen"];
    let aggregate_rows = [
        [ROLE, "s3.amazonaws.com", "GetObject", "arn:aws:s3:::example-bucket/reports/1.csv", "", "40", "2026-02-01 00:00:00.000", "2026-03-01 00:00:00.000"],
        [USER, "iam.amazonaws.com", "ListRoles", "", "AccessDenied", "2", "2026-02-03 00:00:00.000", "2026-02-04 00:00:00.000"],
        [
            "arn:aws:sts::111122223333:assumed-role/other/s",
            "sqs.amazonaws.com",
            "SendMessage",
            "",
            "",
            "3",
            "2026-02-05 00:00:00.000",
            "2026-02-05 00:00:00.000",
        ],
    ];
    cases.push(case(
        "lake-aggregate.json",
        text(&lake(
            aggregate_rows
                .iter()
                .map(|row| {
                    aggregate_columns
                        .iter()
                        .zip(row.iter())
                        .map(|(column, value)| (*column, if value.is_empty() { json!(null) } else { json!(value) }))
                        .collect()
                })
                .collect(),
            "FINISHED",
        )),
        LakeAggregate,
        45,
        0,
        &[],
    ));
    let aggregate_csv: String = std::iter::once(csv_line(&aggregate_columns)).chain(aggregate_rows.iter().map(|row| csv_line(row))).collect();
    cases.push(case("aggregate-quoted.csv", quote_every_field(&aggregate_csv), AggregateCsv, 45, 0, &[]));
    cases.push(case("aggregate.csv", aggregate_csv, AggregateCsv, 45, 0, &[]));
    let lake_csv: String = std::iter::once(csv_line(&["eventjson"])).chain(records.iter().map(|record| csv_line(&[&text(record)]))).collect();
    cases.push(case("result_1.csv", lake_csv, LakeCsv, 3, 0, &[]));
    let athena_header = [
        "eventversion",
        "useridentity",
        "eventtime",
        "eventsource",
        "eventname",
        "awsregion",
        "sourceipaddress",
        "useragent",
        "errorcode",
        "errormessage",
        "requestparameters",
        "responseelements",
        "resources",
        "eventid",
        "eventtype",
        "recipientaccountid",
    ];
    let athena_identity = format!("{{type=AssumedRole, principalid=AROAEXAMPLE:build-7, arn=arn:aws:sts::111122223333:assumed-role/app/build-7, accountid=111122223333, invokedby=null, accesskeyid=ASIAEXAMPLE, username=null, sessioncontext={{attributes={{mfaauthenticated=false, creationdate=2026-03-01 08:00:00.000}}, sessionissuer={{type=Role, principalid=AROAEXAMPLE, arn={ROLE}, accountid=111122223333, username=app}}, ec2roledelivery=null, webidfederationdata=null}}, identityprovider=null}}");
    let athena: String = [
        csv_line(&athena_header),
        csv_line(&[
            "1.10",
            &athena_identity,
            "2026-03-01T08:01:00Z",
            "s3.amazonaws.com",
            "GetObject",
            "eu-west-1",
            "192.0.2.10",
            "aws-cli/2",
            "",
            "",
            r#"{"bucketName":"example-bucket","key":"reports/1.csv"}"#,
            "",
            "[{arn=arn:aws:s3:::example-bucket/reports/1.csv, accountid=111122223333, type=AWS::S3::Object}]",
            "a-1",
            "AwsApiCall",
            "111122223333",
        ]),
        csv_line(&[
            "1.10",
            "{type=AWSService, principalid=null, arn=null, accountid=null, invokedby=ec2.amazonaws.com}",
            "2026-03-01T08:02:00Z",
            "sts.amazonaws.com",
            "AssumeRole",
            "eu-west-1",
            "ec2.amazonaws.com",
            "ec2.amazonaws.com",
            "",
            "",
            "",
            "",
            "",
            "a-2",
            "AwsApiCall",
            "111122223333",
        ]),
    ]
    .concat();
    cases.push(case("athena-quoted.csv", quote_every_field(&athena), AthenaCsv, 2, 0, &[]));
    cases.push(case("athena.csv", athena, AthenaCsv, 2, 0, &[]));
    let scalar_csv = [
        csv_line(&["eventsource", "eventname", "eventtime", "principalarn", "errorcode"]),
        csv_line(&["s3.amazonaws.com", "ListBuckets", "2026-03-01 08:00:00.000", ROLE, ""]),
    ]
    .concat();
    cases.push(case("query.csv", scalar_csv, QueryResultsCsv, 1, 0, &[]));
    let history_header = [
        "Event ID",
        "Event time",
        "User name",
        "Event name",
        "Resource type",
        "Resource name",
        "AWS access key",
        "Event source",
        "AWS region",
        "Error code",
        "Source IP address",
        "Resources",
        "Read-only",
        "CloudTrail event",
    ];
    let history: String = std::iter::once(csv_line(&history_header))
        .chain(records.iter().map(|record| {
            let id = record["eventID"].as_str().unwrap();
            let name = record["eventName"].as_str().unwrap();
            let source = record["eventSource"].as_str().unwrap();
            csv_line(&[id, "2026-03-01T08:01:00Z", "build-7", name, "", "", "ASIAEXAMPLE", source, "eu-west-1", "", "192.0.2.10", "[]", "true", &text(record)])
        }))
        .collect();
    cases.push(case("event-history.csv", format!("\u{feff}{history}"), EventHistoryCsv, 3, 0, &[]));
    let history_short = [
        csv_line(&history_header[..12]),
        csv_line(&["h-1", "2026-03-01T08:01:00Z", "alice", "ListBuckets", "", "", "", "s3.amazonaws.com", "eu-west-1", "", "", "[]"]),
    ]
    .concat();
    cases.push(case("event-history-short.csv", history_short, EventHistoryCsv, 1, 0, &[Incomplete]));
    // Not activity: skipped with a note.
    cases.push(case(
        "digest.json",
        text(&json!({"awsAccountId":"111122223333","digestStartTime":"2026-03-01T00:00:00Z","digestEndTime":"2026-03-01T01:00:00Z","digestS3Bucket":"b","digestS3Object":"o","logFiles":[{"s3Bucket":"b","s3Object":"o","hashValue":"00","hashAlgorithm":"SHA-256"}]})),
        CloudtrailDigest,
        0,
        0,
        &[Skipped],
    ));
    cases.push(case(
        "insights.json",
        text(&json!({"Records":[{"eventVersion":"1.07","eventTime":"2026-03-01T00:00:00Z","awsRegion":"eu-west-1","eventID":"i-1","eventType":"AwsCloudTrailInsight","recipientAccountId":"111122223333","sharedEventID":"x","insightDetails":{"state":"Start","eventSource":"ssm.amazonaws.com","eventName":"UpdateInstanceAssociationStatus","insightType":"ApiCallRateInsight"},"eventCategory":"Insight"},{"eventVersion":"1.07","eventType":"AwsCloudTrailInsight","insightDetails":{"state":"End"},"eventCategory":"Insight"}]})),
        CloudtrailInsights,
        0,
        0,
        &[Skipped],
    ));
    // IAM Access Analyzer.
    let generated_text = r#"{"Version":"2012-10-17","Statement":[{"Sid":"SupportedServiceSid0","Effect":"Allow","Action":["s3:GetObject","ec2:DescribeInstances"],"Resource":["arn:aws:s3:::${BucketName}/${ObjectName}","arn:aws:ec2:${Region}:${Account}:instance/${InstanceId}"]}]}"#;
    cases.push(case(
        "generated-policy.json",
        serde_json::to_string_pretty(&json!({"generatedPolicyResult":{"generatedPolicies":[{"policy":generated_text},{"policy":r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"kms:Decrypt","Resource":"*"}}"#}],
            "properties":{"cloudTrailProperties":{"startTime":"2026-02-01T00:00:00+00:00","endTime":"2026-03-01T00:00:00+00:00","trailProperties":[{"allRegions":true,"cloudTrailArn":"arn:aws:cloudtrail:eu-west-1:111122223333:trail/main","regions":[]}]},"isComplete":true,"principalArn":ROLE}},
            "jobDetails":{"completedOn":"2026-03-01T00:05:00+00:00","jobId":"job-1","startedOn":"2026-03-01T00:01:00+00:00","status":"SUCCEEDED"}}))
        .unwrap(),
        AccessAnalyzerGeneratedPolicy,
        0,
        2,
        &[],
    ));
    cases.push(case(
        "findings.json",
        text(&json!({"findings":[
            {"analyzedAt":"2026-03-01T00:00:00.123000+00:00","createdAt":"2026-02-01T00:00:00+00:00","id":"f-1","resource":ROLE,"resourceType":"AWS::IAM::Role","resourceOwnerAccount":"111122223333","status":"ACTIVE","updatedAt":"2026-03-01T00:00:00+00:00","findingType":"UnusedPermission"},
            {"analyzedAt":"2026-03-01T00:00:00+00:00","createdAt":"2026-02-01T00:00:00+00:00","id":"f-2","resource":"arn:aws:s3:::example-bucket","resourceType":"AWS::S3::Bucket","resourceOwnerAccount":"111122223333","status":"ACTIVE","updatedAt":"2026-03-01T00:00:00+00:00","findingType":"ExternalAccess"}],
            "nextToken":"more"})),
        AccessAnalyzerFindings,
        0,
        2,
        &[Incomplete],
    ));
    cases.push(case(
        "finding-unused.json",
        text(&json!({"findingDetails":[
            {"unusedPermissionDetails":{"serviceNamespace":"s3","lastAccessed":"2026-01-02T03:04:05Z","actions":[{"action":"PutObject","lastAccessed":"2025-11-01T00:00:00Z"},{"action":"s3:DeleteObject"}]}},
            {"unusedPermissionDetails":{"serviceNamespace":"sqs"}}],
            "resource":ROLE,"status":"ACTIVE","error":null,"createdAt":"2026-02-01T00:00:00+00:00","resourceType":"AWS::IAM::Role","findingType":"UnusedPermission","resourceOwnerAccount":"111122223333","analyzedAt":"2026-03-01T00:00:00+00:00","id":"f-1","updatedAt":"2026-03-01T00:00:00+00:00"})),
        AccessAnalyzerFinding,
        0,
        1,
        &[],
    ));
    cases.push(case(
        "finding-external.json",
        text(&json!({"findingDetails":[{"externalAccessDetails":{"action":["sts:AssumeRole"],"condition":{},"isPublic":false,"principal":{"AWS":"444455556666"}}}],"resource":ROLE,"status":"ACTIVE","resourceType":"AWS::IAM::Role","findingType":"ExternalAccess","resourceOwnerAccount":"111122223333","id":"f-9"})),
        AccessAnalyzerFinding,
        0,
        1,
        &[],
    ));
    // IAM.
    let policy = json!({"Version":"2012-10-17","Statement":[{"Sid":"Read","Effect":"Allow","Action":["s3:GetObject"],"Resource":"arn:aws:s3:::example-bucket/*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":true}}}]});
    let url_encoded: String = percent_encoding::utf8_percent_encode(&text(&policy), percent_encoding::NON_ALPHANUMERIC).to_string();
    cases.push(case("policy.json", serde_json::to_string_pretty(&policy).unwrap(), IamPolicy, 0, 1, &[]));
    cases.push(case("policy-string.json", text(&escaped(&policy)), IamPolicy, 0, 1, &[]));
    cases.push(case("policy-urlencoded.txt", url_encoded.clone(), IamPolicy, 0, 1, &[]));
    cases.push(case("get-role-policy.json", text(&json!({"RoleName":"app","PolicyName":"read-reports","PolicyDocument":url_encoded})), IamPolicy, 0, 1, &[]));
    cases.push(case(
        "policy-version.json",
        text(&json!({"PolicyVersion":{"Document":policy,"VersionId":"v3","IsDefaultVersion":true,"CreateDate":"2026-01-01T00:00:00+00:00"}})),
        IamPolicyVersion,
        0,
        1,
        &[],
    ));
    cases.push(case("authorization-details.json", authorization_details(), IamAuthorizationDetails, 0, 5, &[BadRecord, Incomplete]));
    cases.push(case(
        "last-accessed.json",
        text(&json!({"JobStatus":"COMPLETED","JobType":"ACTION_LEVEL","JobCreationDate":"2026-03-01T00:00:00.000Z","JobCompletionDate":"2026-03-01T00:00:01.000Z",
            "ServicesLastAccessed":[{"ServiceName":"Amazon S3","LastAuthenticated":"2026-02-28T10:00:00Z","ServiceNamespace":"s3","LastAuthenticatedEntity":ROLE,"LastAuthenticatedRegion":"eu-west-1","TotalAuthenticatedEntities":1,
                "TrackedActionsLastAccessed":[{"ActionName":"GetObject","LastAccessedEntity":ROLE,"LastAccessedTime":"2026-02-28T10:00:00Z","LastAccessedRegion":"eu-west-1"},{"ActionName":"PutObject"}]},
                {"ServiceName":"Amazon SQS","ServiceNamespace":"sqs","TotalAuthenticatedEntities":0}],"IsTruncated":false})),
        AccessAdvisor,
        0,
        2,
        &[],
    ));
    cases.push(case(
        "last-accessed-entities.json",
        text(&json!({"JobStatus":"COMPLETED","JobCreationDate":"2026-03-01T00:00:00.000Z","EntityDetailsList":[{"EntityInfo":{"Arn":USER,"Name":"alice","Type":"USER","Id":"AIDAEXAMPLE","Path":"/"},"LastAuthenticated":"2026-02-27T23:02:00Z"}]})),
        AccessAdvisor,
        0,
        1,
        &[],
    ));
    cases
}

fn authorization_details() -> String {
    let admin = json!({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]});
    let read = json!({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["s3:Get*","s3:List*"],"Resource":"*"}});
    serde_json::to_string_pretty(&json!({
        "UserDetailList":[{"Path":"/","UserName":"alice","UserId":"AIDAEXAMPLE","Arn":USER,"CreateDate":"2025-12-18 19:10:08+00:00","GroupList":["readers","gone"],
            "UserPolicyList":[{"PolicyName":"deny-iam","PolicyDocument":{"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"iam:*","Resource":"*"}}},
                              {"PolicyName":"broken","PolicyDocument":"%7Bnot json"}],
            "AttachedManagedPolicies":[{"PolicyName":"AdministratorAccess","PolicyArn":"arn:aws:iam::aws:policy/AdministratorAccess"}],"Tags":[]}],
        "GroupDetailList":[{"Path":"/","GroupName":"readers","GroupId":"AGPAEXAMPLE","Arn":"arn:aws:iam::111122223333:group/readers","CreateDate":"2025-01-01T00:00:00Z",
            "GroupPolicyList":[{"PolicyName":"group-inline","PolicyDocument":read}],
            "AttachedManagedPolicies":{"PolicyName":"ReadReports","PolicyArn":"arn:aws:iam::111122223333:policy/ReadReports"}}],
        "RoleDetailList":[{"Path":"/team/","RoleName":"app","RoleId":"AROAEXAMPLE","Arn":ROLE,"CreateDate":"2025-01-01T00:00:00Z",
            "AssumeRolePolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]},
            "InstanceProfileList":[],"RolePolicyList":[],"AttachedManagedPolicies":[{"PolicyName":"ReadReports","PolicyArn":"arn:aws:iam::111122223333:policy/ReadReports"}],
            "RoleLastUsed":{"LastUsedDate":"2026-02-28T10:00:00Z","Region":"eu-west-1"}}],
        "Policies":[
            {"PolicyName":"ReadReports","PolicyId":"ANPAEXAMPLE","Arn":"arn:aws:iam::111122223333:policy/ReadReports","Path":"/","DefaultVersionId":"v2","AttachmentCount":2,"IsAttachable":true,
             "PolicyVersionList":[{"Document":read,"VersionId":"v2","IsDefaultVersion":true},{"Document":admin,"VersionId":"v1","IsDefaultVersion":false}]},
            {"PolicyName":"Unused","Arn":"arn:aws:iam::111122223333:policy/Unused","DefaultVersionId":"v1","PolicyVersionList":[{"Document":percent_encoding::utf8_percent_encode(&text(&admin), percent_encoding::NON_ALPHANUMERIC).to_string(),"VersionId":"v1","IsDefaultVersion":true}]}],
        "IsTruncated":true,"Marker":"next"
    }))
    .unwrap()
}

#[test]
fn every_format_is_recognised_plain_and_gzip_in_any_chunking() {
    for case in cases() {
        for (label, bytes) in [("plain", case.input.clone()), ("gzip", gzip(&case.input))] {
            let analysis = read_everyhow(case.name, &bytes, IngestOptions::default());
            let report = &analysis.files[0];
            let context = format!("{} ({label}): {:#?}", case.name, report.problems);
            assert_eq!(report.format, case.format, "{context}");
            assert_eq!(report.events, case.events, "{context}");
            assert_eq!(report.items, case.items, "{context}");
            assert_eq!(kinds(report), case.problems, "{context}");
            assert!(!report.is_unusable() || case.events + case.items == 0, "{context}");
            // The summary prints the kebab-case name.
            assert_eq!(serde_json::to_value(report.format).unwrap(), json!(case.format.as_str()), "{context}");
        }
    }
}

#[test]
fn records_from_every_container_give_the_same_activity() {
    let cases = cases();
    let activity_of = |name: &str| {
        let case = cases.iter().find(|case| case.name == name).unwrap();
        let mut analysis = read_everyhow(name, &case.input, IngestOptions::default());
        analysis.activity.principals.iter_mut().for_each(|principal| principal.calls.iter_mut().for_each(|call| call.via_service = None));
        analysis.activity
    };
    let reference = activity_of("records.json");
    assert_eq!(reference.principals.len(), 2);
    for name in [
        "array.json",
        "lines.jsonl",
        "shipper.jsonl",
        "shipper-message.jsonl",
        "cloudwatch-export.txt",
        "filter-log-events.json",
        "eventbridge.jsonl",
        "lookup-events.json",
        "lake-eventjson.json",
        "result_1.csv",
        "event-history.csv",
    ] {
        assert_eq!(activity_of(name), reference, "{name}");
    }
}

#[test]
fn aggregated_rows_keep_their_counts_and_times() {
    let cases = cases();
    for name in ["lake-aggregate.json", "aggregate.csv"] {
        let case = cases.iter().find(|case| case.name == name).unwrap();
        let analysis = read_everyhow(name, &case.input, IngestOptions::default());
        let activity = &analysis.activity;
        assert_eq!(activity.n_events, 45, "{name}");
        let role = activity.principal(ROLE).unwrap();
        assert_eq!(role.n_events, 40);
        let call = &role.calls[0];
        assert_eq!((call.action.as_str(), call.count), ("s3:GetObject", 40));
        assert_eq!(call.resource.as_deref(), Some("arn:aws:s3:::example-bucket/reports/1.csv"));
        assert_eq!(call.first_seen.to_rfc3339(), "2026-02-01T00:00:00Z");
        assert_eq!(call.last_seen.to_rfc3339(), "2026-03-01T00:00:00Z");
        let user = activity.principal(USER).unwrap();
        assert_eq!((user.calls[0].outcome, user.n_failed), (crate::activity::Outcome::Denied, 2));
        // An assumed-role session ARN is read as its role, path unknown.
        let other = activity.principal("arn:aws:iam::111122223333:role/other").unwrap();
        assert!(other.flags.path_unknown);
        assert_eq!(activity.time_range.unwrap().from.to_rfc3339(), "2026-02-01T00:00:00Z");
    }
}

#[test]
fn athena_rows_are_attributed_from_the_struct_rendering() {
    let cases = cases();
    let case = cases.iter().find(|case| case.name == "athena.csv").unwrap();
    let analysis = read_everyhow("athena.csv", &case.input, IngestOptions::default());
    let role = analysis.activity.principal(ROLE).unwrap();
    assert_eq!(role.calls[0].action, "s3:GetObject");
    assert_eq!(analysis.activity.not_a_permission[0].event_name, "AssumeRole");
}

#[test]
fn non_activity_inputs_become_plain_data() {
    let mut ingest = Ingest::default();
    for case in cases().into_iter().filter(|case| case.events == 0 && case.items > 0) {
        ingest.read_bytes(case.name, &case.input);
    }
    let analysis = ingest.finish();
    let generated: Vec<&ImportedPolicy> = analysis.policies.iter().filter(|policy| policy.source_file == "generated-policy.json").collect();
    assert_eq!(generated.len(), 2);
    match &generated[0].origin {
        PolicyOrigin::AccessAnalyzerGenerated { principal_arn, placeholders, part, parts, is_complete } => {
            assert_eq!(principal_arn.as_deref(), Some(ROLE));
            assert_eq!(placeholders, &["${Account}", "${BucketName}", "${InstanceId}", "${ObjectName}", "${Region}"]);
            assert_eq!((*part, *parts, *is_complete), (1, 2, Some(true)));
        }
        other => panic!("unexpected origin {other:?}"),
    }
    let documents: Vec<&ImportedPolicy> = analysis.policies.iter().filter(|policy| policy.source_file.starts_with("policy")).collect();
    assert_eq!(documents.len(), 4);
    assert!(documents.windows(2).all(|pair| pair[0].document == pair[1].document), "object, string, URL-encoded and version read alike");
    let inline = analysis.policies.iter().find(|policy| policy.source_file == "get-role-policy.json").unwrap();
    assert_eq!(inline.name, "read-reports of role app");
    assert_eq!(inline.document, documents[0].document);

    assert_eq!(analysis.findings.len(), 3);
    assert_eq!(analysis.unused_access.len(), 1);
    let unused = &analysis.unused_access[0];
    assert_eq!(unused.resource, ROLE);
    let actions: Vec<&str> = unused.actions.iter().map(|action| action.action.as_str()).collect();
    assert_eq!(actions, ["s3:DeleteObject", "s3:PutObject"]);
    assert_eq!(unused.unused_services[0].service_namespace, "sqs");

    assert_eq!(analysis.last_accessed.len(), 2);
    assert_eq!(analysis.last_accessed[0].actions.iter().map(|action| action.action.as_str()).collect::<Vec<_>>(), ["s3:GetObject", "s3:PutObject"]);
    assert_eq!(analysis.last_accessed_entities[0].arn, USER);

    let principals = analysis.authorization_principals();
    assert_eq!(principals, vec![(ROLE, EntityKind::Role, "app"), (USER, EntityKind::User, "alice")]);
    let alice = analysis.entity_policies(USER).unwrap();
    let names: Vec<(&str, &Attachment)> = alice
        .policies
        .iter()
        .map(|policy| match &policy.origin {
            PolicyOrigin::AuthorizationDetails { attachment, .. } => (policy.name.as_str(), attachment),
            other => panic!("unexpected origin {other:?}"),
        })
        .collect();
    assert_eq!(names.len(), 3);
    assert_eq!(names[0], ("deny-iam", &Attachment::Inline));
    assert_eq!(names[1], ("group-inline", &Attachment::GroupInline { group: "readers".to_owned() }));
    assert_eq!(names[2].0, "ReadReports");
    assert_eq!(alice.missing_managed_policies, ["arn:aws:iam::aws:policy/AdministratorAccess"]);
    assert_eq!(alice.missing_groups, ["gone"]);
    let app = analysis.entity_policies(ROLE).unwrap();
    assert_eq!(app.policies.len(), 1);
    assert_eq!(app.policies[0].document.statements[0].action.as_ref().unwrap().0, ["s3:Get*", "s3:List*"], "the default version, not v1");
    assert!(analysis.entity_policies("arn:aws:iam::111122223333:group/readers").is_none());

    // Plain data: it survives the trip to the page as JSON.
    let round_trip: Analysis = serde_json::from_str(&serde_json::to_string(&analysis).unwrap()).unwrap();
    assert_eq!(round_trip, analysis);
}

/// A good file, read before and after each bad one: nothing of it may be lost.
fn read_between_good_files(name: &str, bad: &[u8], options: IngestOptions) -> Analysis {
    let good = text(&json!({"Records": three_records()}));
    let mut ingest = Ingest::new(options);
    ingest.read_bytes("before.json", good.as_bytes());
    let mut reader = ingest.file(name);
    for chunk in bad.chunks(3) {
        reader.push(chunk);
    }
    reader.finish();
    let mut other = text(&json!({"Records": [record("z-1", user_identity(), "sqs.amazonaws.com", "SendMessage", "2026-03-09T00:00:00Z", None)]}));
    other.push('\n');
    ingest.read_bytes("after.json", other.as_bytes());
    ingest.finish()
}

/// Concatenated gzip members each holding `member_bytes` of spaces: `members` × `member_bytes`
/// of output from a tiny file (deflate reaches about 1000:1).
fn gzip_bomb(prefix: &[u8], members: usize, member_bytes: usize) -> Vec<u8> {
    let mut first = prefix.to_vec();
    first.resize(prefix.len() + member_bytes, b' ');
    let mut bomb = gzip(&first);
    let member = gzip(&vec![b' '; member_bytes]);
    for _ in 1..members {
        bomb.extend_from_slice(&member);
    }
    bomb
}

#[test]
fn bad_inputs_give_clear_problems_and_cost_the_other_files_nothing() {
    use ProblemKind::*;
    let small = IngestOptions { max_decompressed_bytes: 10 << 20, max_value_bytes: 64 << 10, max_problems_per_file: 50, ..IngestOptions::default() };
    let record_text = text(&three_records()[0]);
    let records_text = text(&json!({"Records": three_records()}));
    let mut deep = vec![b'['; 10_000];
    deep.extend(vec![b']'; 10_000]);
    let mut deep_object = b"{\"Records\":[".to_vec();
    deep_object.extend(std::iter::repeat_n(b"{\"a\":".as_slice(), 200).flatten());
    deep_object.extend(b"1");
    deep_object.extend(vec![b'}'; 200]);
    deep_object.extend(b"]}");
    let huge_string = format!(
        "{{\"Records\":[{{\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"GetObject\",\"userAgent\":\"{}\"}}, {record_text}]}}",
        "x".repeat(100 << 10)
    );
    let truncated_gzip = {
        let whole = gzip(records_text.as_bytes());
        whole[..whole.len() / 2].to_vec()
    };
    let zip = b"PK\x03\x04\x14\x00\x00\x00\x08\x00records.json".to_vec();
    let binary: Vec<u8> = (0..600u32).map(|index| (index.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    let wrong_field_types = lines(&[
        json!({"eventSource":"s3.amazonaws.com","eventName":"GetObject","userIdentity":"alice"}),
        json!({"eventSource":["s3"],"eventName":"x"}),
        three_records()[0].clone(),
    ]);
    let unknown_csv = "Event Type,Event Name,Request ID,User ID,Request Parameters,Alert,Event ID,Event DateTime\r\nAwsApiCall,ListObjects,R1,\"{'type': 'AWSAccount'}\",\"{'bucketName': 'b'}\",x,e-1,2026-03-01T00:00:00Z\r\n";
    let table: Vec<(&str, Vec<u8>, Vec<ProblemKind>, &str)> = vec![
        ("empty.json", Vec::new(), vec![UnknownFormat], "the file is empty"),
        ("blank.json", b"  \n\t\n  ".to_vec(), vec![UnknownFormat], "only whitespace"),
        ("truncated-record.json", records_text.as_bytes()[..records_text.len() - 40].to_vec(), vec![Truncated], "ends in the middle of this record"),
        ("truncated-list.json", records_text.as_bytes()[..records_text.len() - 2].to_vec(), vec![Truncated], "before the closing ] of \"Records\""),
        ("truncated.json.gz", truncated_gzip, vec![BadGzip, Truncated], "gzip data ends early"),
        ("records-number.json", b"{\"Records\": 5}".to_vec(), vec![BadRecord], "\"Records\" is not a list"),
        ("wrong-types.jsonl", wrong_field_types.into_bytes(), vec![BadRecord, BadRecord], "not a readable CloudTrail record: invalid type"),
        ("garbage.bin", binary, vec![UnknownFormat], "binary data"),
        ("deep.json", deep, vec![TooDeep], "nested more than 128 levels"),
        ("deep-record.json", deep_object, vec![TooDeep], "nested more than 128 levels"),
        ("huge-string.json", huge_string.into_bytes(), vec![OversizedRecord], "beyond the 65536-byte limit"),
        ("bomb.json.gz", gzip_bomb(b"{\"Records\":[", 2048, 1 << 20), vec![TooLarge], "expands beyond 10485760 bytes"),
        (
            "foo.json",
            b"{\"foo\":1}".to_vec(),
            vec![UnknownFormat],
            "a JSON document with keys foo: not a format the workbench reads; expected CloudTrail records",
        ),
        ("records.zip", zip, vec![UnknownFormat], "ZIP archive"),
        ("honeybucket.csv", unknown_csv.as_bytes().to_vec(), vec![UnknownFormat], "a CSV file with columns Event Type, Event Name"),
        ("readme.txt", b"These are my CloudTrail logs\n".to_vec(), vec![UnknownFormat], "a text file whose first line is"),
        ("number.json", b"[12]".to_vec(), vec![UnknownFormat], "a number, not a JSON object: not a format"),
        ("number.txt", b"12".to_vec(), vec![UnknownFormat], "a text file whose first line is \"12\""),
        (
            "validate-policy.json",
            br#"{"findings":[{"findingDetails":"Add a value","findingType":"SUGGESTION","issueCode":"EMPTY_SID_VALUE","locations":[]}]}"#.to_vec(),
            vec![UnknownFormat],
            "validate-policy",
        ),
        ("get-role.json", br#"{"Role":{"RoleName":"app","AssumeRolePolicyDocument":"%7B%7D"}}"#.to_vec(), vec![UnknownFormat], "holds no permissions"),
        ("not-a-policy-string.json", b"\"hello\"".to_vec(), vec![UnknownFormat], "a JSON string that is not a policy document"),
    ];
    for (name, bad, expected, message) in table {
        let analysis = read_between_good_files(name, &bad, small);
        let report = &analysis.files[1];
        assert_eq!(kinds(report), expected, "{name}: {:#?}", report.problems);
        assert!(report.problems.iter().any(|problem| problem.message.contains(message)), "{name}: {:#?}", report.problems);
        assert_eq!(analysis.files[0].events, 3, "{name}");
        assert_eq!(analysis.files[2].events, 1, "{name}");
        assert!(analysis.activity.principal(USER).unwrap().calls.iter().any(|call| call.action == "sqs:SendMessage"), "{name}");
        // The same result whatever the chunking (the bomb only in one chunking: it is big).
        if name != "bomb.json.gz" {
            let whole = read_in_chunks(name, &bad, &[bad.len().max(1)], small);
            assert_eq!(read_in_chunks(name, &bad, &[1, 4, 2], small), whole, "{name}");
        }
    }
}

#[test]
fn line_numbers_point_at_the_bad_line() {
    let records = three_records();
    let input = format!(
        "{}\n\n{{\"eventSource\":\"s3.amazonaws.com\",\"eventName\":\"GetObject\",\n\"userIdentity\":\"alice\"}}\n{}\n",
        text(&records[0]),
        text(&records[1])
    );
    let analysis = read_everyhow("lines.jsonl", input.as_bytes(), IngestOptions::default());
    let problem = &analysis.files[0].problems[0];
    assert_eq!(problem.location, Location { record: Some(2), line: Some(3) }, "{:#?}", analysis.files[0].problems);
    assert!(problem.message.contains("(line 4, column"), "{}", problem.message);

    let csv = "eventsource,eventname,calls,principal_arn\r\ns3.amazonaws.com,GetObject,2,arn:aws:iam::1:role/r\r\ns3.amazonaws.com,GetObject,many,arn:aws:iam::1:role/r\r\n";
    let analysis = read_everyhow("aggregate.csv", csv.as_bytes(), IngestOptions::default());
    assert_eq!(analysis.files[0].problems[0].location, Location { record: Some(2), line: Some(3) });
    assert_eq!(analysis.files[0].events, 2);
    // Regression (found by fuzzing): counts near u64::MAX overflowed the totals.
    let huge =
        format!("{csv}s3.amazonaws.com,GetObject,{},arn:aws:iam::1:role/r\r\ns3.amazonaws.com,GetObject,{},arn:aws:iam::1:role/r\r\n", 1u64 << 40, u64::MAX);
    let analysis = read_everyhow("aggregate.csv", huge.as_bytes(), IngestOptions::default());
    assert_eq!(analysis.files[0].events, 2 + (1 << 40));
    assert!(analysis.files[0].problems[1].message.contains("not a real count"), "{:?}", analysis.files[0].problems);

    let export = "\n2026-03-01T00:00:00.000Z {\"eventSource\":\"s3.amazonaws.com\"}\n2026-03-01T00:00:00.000Z {\"eventSource\":\n";
    let analysis = read_everyhow("export.txt", export.as_bytes(), IngestOptions::default());
    let locations: Vec<Location> = analysis.files[0].problems.iter().map(|problem| problem.location.clone()).collect();
    assert_eq!(locations, [Location::at(1, 2), Location::at(2, 3)]);
}

#[test]
fn regression_one_byte_first_chunk_is_still_gzip() {
    let bytes = gzip(lines(&three_records()).as_bytes());
    let analysis = read_in_chunks("one.json.gz", &bytes, &[1], IngestOptions::default());
    assert_eq!(analysis.files[0].events, 3);
}

#[test]
fn problems_beyond_the_limit_are_counted() {
    let input = "x\n".repeat(80);
    let options = IngestOptions { max_problems_per_file: 5, ..IngestOptions::default() };
    let analysis = read_everyhow("many.jsonl", format!("{}\n{input}", text(&three_records()[0])).as_bytes(), options);
    assert_eq!(analysis.files[0].problems.len(), 5);
    assert_eq!(analysis.files[0].more_problems, 75);
}

#[test]
fn recognise_looks_at_the_first_bytes_only() {
    assert_eq!(recognise(b"", true), Sniffed::Empty);
    assert_eq!(recognise(b"{\"a\"", true), Sniffed::Json);
    assert_eq!(recognise(b"%7B%22Version", true), Sniffed::UrlEncoded);
    assert_eq!(recognise(b"2026-03-01T00:00:00.000Z {\"eventVersion\"", true), Sniffed::CloudwatchLines);
    assert_eq!(recognise(b"2026-03-01,s3.amazonaws.com", true), Sniffed::Csv);
    // Athena quotes every field of its result CSV; a JSON string is one quoted value.
    assert_eq!(recognise(b"\"principal_arn\",\"event_source\"\n\"arn:aws:iam::1:role/r\",\"s3.amazonaws.com\"", true), Sniffed::Csv);
    assert_eq!(recognise(b"\"eventversion\",\"useridentity\",\"eventti", false), Sniffed::Csv);
    assert_eq!(recognise(b"\"a \"\"quoted\"\" name\",\"b\"\r\n", true), Sniffed::Csv);
    assert_eq!(recognise(b"\"{\\\"Version\\\":\\\"2012-10-17\\\"}\"", true), Sniffed::Json);
    assert_eq!(recognise(b"\"one\"\n\"two\"", true), Sniffed::Json);
    assert_eq!(recognise(b"\"a\",\"b\" trailing", true), Sniffed::Json);
    assert!(matches!(recognise(b"ab\x00cd", true), Sniffed::Binary(_)));
    let utf16: Vec<u8> = "{\"Records\":[]}".encode_utf16().flat_map(u16::to_le_bytes).collect();
    assert!(matches!(recognise(&utf16, true), Sniffed::Binary(message) if message.contains("UTF-16")));
    assert!(matches!(recognise(&[0x1f, 0x8b, 8, 0], true), Sniffed::Binary(message) if message.contains("twice")));
    // A character cut at the end of the window is not binary.
    assert_eq!(recognise("événement,b".as_bytes().get(..1).unwrap(), false), Sniffed::Csv);
}

#[test]
fn regression_values_after_a_digest_count_for_nothing_whatever_the_chunking() {
    // Found by fuzzing: values in the rest of the chunk that held a digest were still read.
    let input = format!("{{\"digestStartTime\":\"2026-03-01T00:00:00Z\",\"logFiles\":[]}}\n{{\"foo\":1}}\n{}\n", text(&three_records()[0]));
    let analysis = read_everyhow("digest.json", input.as_bytes(), IngestOptions::default());
    let report = &analysis.files[0];
    assert_eq!((report.format, report.events), (Format::CloudtrailDigest, 0));
    assert_eq!(kinds(report), [ProblemKind::Skipped]);
}

#[test]
fn records_and_rows_without_a_time_do_not_stretch_the_time_range_to_1970() {
    let mut timeless = record("e-9", role_identity(), "s3.amazonaws.com", "GetObject", "", None);
    timeless.as_object_mut().unwrap().remove("eventTime");
    let records = json!({"Records": [timeless, record("e-1", role_identity(), "s3.amazonaws.com", "PutObject", "2026-03-01T08:01:00Z", None)]});
    let analysis = read_everyhow("timeless.json", records.to_string().as_bytes(), IngestOptions::default());
    let activity = &analysis.activity;
    assert_eq!(activity.n_events, 2);
    let range = activity.time_range.unwrap();
    assert_eq!((range.from.to_rfc3339(), range.until.to_rfc3339()), ("2026-03-01T08:01:00Z".to_owned(), "2026-03-01T08:01:00Z".to_owned()));
    let role = activity.principal(ROLE).unwrap();
    assert_eq!(role.first_seen.to_rfc3339(), "2026-03-01T08:01:00Z");

    // Lake rows with counts and no time at all: counted, no time range.
    let lake = json!({"QueryStatus":"FINISHED","QueryResultRows":[[{"eventSource":"s3.amazonaws.com"},{"eventName":"PutObject"},{"apiCount":"3"}]]});
    let analysis = read_everyhow("lake.json", lake.to_string().as_bytes(), IngestOptions::default());
    assert!(analysis.activity.time_range.is_none());
}

#[test]
fn regression_one_small_file_cannot_make_the_reader_hold_gigabytes() {
    // A crafted file: records with distinct 8 KB caller ARNs (the page's worker ran out of memory
    // at 300,000 of them), over-long event names, and more distinct principals than kept.
    let long_user = |index: usize| json!({"type":"IAMUser","principalId":"AIDA1","arn":format!("arn:aws:iam::111122223333:user/{}{index}", "x".repeat(8192)),"accountId":"111122223333"});
    let user =
        |index: usize| json!({"type":"IAMUser","principalId":"AIDA1","arn":format!("arn:aws:iam::111122223333:user/u{index}"),"accountId":"111122223333"});
    let mut records: Vec<serde_json::Value> =
        (0..3).map(|index| record(&format!("long-{index}"), long_user(index), "s3.amazonaws.com", "ListBuckets", "2026-03-01T08:00:00Z", None)).collect();
    records.push(record("name", user(0), "s3.amazonaws.com", &"N".repeat(300), "2026-03-01T08:00:00Z", None));
    records.extend((0..6).map(|index| record(&format!("many-{index}"), user(index), "s3.amazonaws.com", "ListBuckets", "2026-03-01T08:00:00Z", None)));
    records.push(record("good", role_identity(), "s3.amazonaws.com", "ListBuckets", "2026-03-01T08:00:00Z", None));
    let options = IngestOptions { max_principals: 4, ..IngestOptions::default() };
    let input = json!({ "Records": records }).to_string();
    let analysis = read_everyhow("crafted.json", input.as_bytes(), options);
    let report = &analysis.files[0];
    // Every record but the over-long event name counts; four principals are kept (u0..u3), the
    // rest attributed to none; one problem per bound, at the first record beyond it.
    assert_eq!((report.events, analysis.activity.n_events), (10, 10));
    let kept: Vec<&str> = analysis.activity.principals.iter().map(|principal| principal.arn.as_str()).collect();
    assert_eq!(
        kept,
        ["arn:aws:iam::111122223333:user/u0", "arn:aws:iam::111122223333:user/u1", "arn:aws:iam::111122223333:user/u2", "arn:aws:iam::111122223333:user/u3"]
    );
    let over: Vec<(Option<u64>, &str)> = report
        .problems
        .iter()
        .filter(|problem| problem.kind == ProblemKind::OverLimit)
        .map(|problem| (problem.location.record, problem.message.as_str()))
        .collect();
    assert_eq!(over.len(), 3, "{:?}", report.problems);
    assert_eq!(over[0].0, Some(1));
    assert!(over[0].1.starts_with("caller ARNs longer than any IAM principal's can be (over 1024 bytes): 3 records from here on"), "{}", over[0].1);
    assert_eq!(over[1].0, Some(4));
    assert!(over[1].1.contains("(over 256 bytes): 1 record from here on not read as events"), "{}", over[1].1);
    assert_eq!(over[2].0, Some(9));
    assert!(
        over[2].1.starts_with("more distinct principals than the workbench keeps (4, or 32 MB of their ARNs): 3 records from here on by further principals"),
        "{}",
        over[2].1
    );
}

#[test]
fn regression_countless_distinct_names_are_counted_not_listed() {
    // Unmapped calls with distinct names, each a new entry of the summary's lists: past the
    // bound they count as events but are not listed, and a bad record before does not hide it.
    let user = json!({"type":"IAMUser","principalId":"AIDA1","arn":USER,"accountId":"111122223333"});
    let n = crate::activity::MAX_LISTED_NAMES + 10;
    let mut records: Vec<serde_json::Value> = (0..60).map(|index| json!({"eventID": format!("bad-{index}"), "eventSource": 7})).collect();
    records
        .extend((0..n).map(|index| record(&format!("e-{index}"), user.clone(), "nosuch.amazonaws.com", &format!("Call{index}"), "2026-03-01T08:00:00Z", None)));
    let input = json!({ "Records": records }).to_string();
    let mut ingest = Ingest::default();
    let report = ingest.read_bytes("names.json", input.as_bytes()).clone();
    let analysis = ingest.finish();
    assert_eq!(report.events, n as u64);
    let listed: u64 = analysis.activity.unmapped.iter().map(|call| call.count).sum();
    assert!(analysis.activity.unmapped.len() < crate::activity::MAX_LISTED_NAMES, "{}", analysis.activity.unmapped.len());
    assert!(listed < n as u64);
    let over: Vec<&Problem> = report.problems.iter().filter(|problem| problem.kind == ProblemKind::OverLimit).collect();
    assert_eq!(over.len(), 1, "listed past the cap of problems: {:?}", report.problems.len());
    assert!(over[0].message.starts_with("more distinct services, regions and calls than the workbench lists (20000)"), "{}", over[0].message);
}

#[test]
fn records_sharing_a_scrubbed_event_id_are_kept_and_said_once() {
    // Detection-rule test data: every record's eventID scrubbed to "1"; one true re-delivery.
    let mut records: Vec<serde_json::Value> =
        (0..5).map(|minute| record("1", role_identity(), "s3.amazonaws.com", "GetObject", &format!("2026-03-01T08:0{minute}:00Z"), None)).collect();
    records.push(records[2].clone());
    let analysis = read_in_chunks("scrubbed.json", text(&json!({ "Records": records })).as_bytes(), &[usize::MAX], IngestOptions::default());
    let file = &analysis.files[0];
    assert_eq!((file.events, file.duplicates), (5, 1), "{file:?}");
    let shared: Vec<&Problem> = file.problems.iter().filter(|problem| problem.kind == ProblemKind::SharedEventId).collect();
    assert_eq!(shared.len(), 1, "{:?}", file.problems);
    assert!(shared[0].message.starts_with("4 records reuse an eventID"), "{}", shared[0].message);
    assert!(shared[0].message.contains("\"1\""), "{}", shared[0].message);
    assert_eq!(shared[0].location.record, Some(2));
    assert_eq!(analysis.activity.n_events, 5);
    assert_eq!(analysis.activity.n_duplicates, 1);
    // The same records in a second file: each is the same delivery again.
    let mut ingest = Ingest::new(IngestOptions::default());
    let bytes = text(&json!({ "Records": records }));
    ingest.read_bytes("a.json", bytes.as_bytes());
    ingest.read_bytes("b.json", bytes.as_bytes());
    let analysis = ingest.finish();
    assert_eq!((analysis.files[1].events, analysis.files[1].duplicates), (0, 6));
    assert!(analysis.files[1].problems.is_empty(), "{:?}", analysis.files[1].problems);
}

#[test]
fn records_without_event_time_are_dated_by_the_shippers_timestamp() {
    let mut shipped = record("s-1", role_identity(), "s3.amazonaws.com", "GetObject", "x", None);
    shipped.as_object_mut().unwrap().remove("eventTime");
    shipped["@timestamp"] = json!("2026-03-04T05:06:07.000Z");
    let mut second = shipped.clone();
    second["eventID"] = json!("s-2");
    let plain = record("s-3", role_identity(), "s3.amazonaws.com", "GetObject", "2026-03-05T00:00:00Z", None);
    let analysis = read_in_chunks("otrf.jsonl", lines(&[shipped, second, plain]).as_bytes(), &[7], IngestOptions::default());
    let file = &analysis.files[0];
    assert_eq!(file.events, 3);
    let notes: Vec<&Problem> = file.problems.iter().filter(|problem| problem.kind == ProblemKind::TimeFromShipper).collect();
    assert_eq!(notes.len(), 1, "{:?}", file.problems);
    assert!(notes[0].message.starts_with("2 records have no eventTime"), "{}", notes[0].message);
    let range = analysis.activity.time_range.expect("dated");
    assert_eq!(range.from, crate::timestamp::Timestamp::parse("2026-03-04T05:06:07Z").unwrap());
}

/// An aggregated event (CloudTrail user guide's shape) of S3 in eu-west-1, 2026-03-01 08:00–08:05.
fn aggregated(primary: (&str, &[(&str, u64)]), details: &[(&str, &[(&str, u64)])]) -> serde_json::Value {
    let dimension = |(name, values): (&str, &[(&str, u64)])| json!({"dimension": name, "statistics": values.iter().map(|(value, count)| json!({"name": value, "value": count})).collect::<Vec<_>>(), "aggregationType": "Count"});
    // Each summary its own `eventId` (the same content, the same ID: a re-delivery).
    let id = {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        format!("{primary:?}{details:?}").hash(&mut hasher);
        format!("{:016x}", hasher.finish())
    };
    json!({"eventVersion":"1.0","accountId":"111122223333","eventId":id,"eventCategory":"Aggregated",
           "eventType":"AwsAggregatedEvent","awsRegion":"eu-west-1","eventSource":"s3.amazonaws.com",
           "timeWindow":{"windowStart":"2026-03-01T08:00:00Z","windowEnd":"2026-03-01T08:05:00Z","windowSize":"PT5M"},
           "summary":{"primaryDimension": dimension(primary), "details": details.iter().map(|detail| dimension(*detail)).collect::<Vec<_>>()}})
}

const SESSION: &str = "arn:aws:sts::111122223333:assumed-role/app/build-7";

#[test]
fn aggregated_events_are_read_as_the_calls_they_summarise() {
    let user_actions = aggregated(
        ("userIdentity", &[(SESSION, 120)]),
        &[("eventName", &[("GetObject", 100), ("PutObject", 20)]), ("resourceARN", &[("arn:aws:s3:::example-bucket", 120)])],
    );
    // AWS's API_ACTIVITY example: who is not said.
    let api_activity = aggregated(("eventName", &[("PutObject", 1000)]), &[("resourceARN", &[("arn:aws:s3:::bucket-1", 800), ("arn:aws:s3:::bucket-2", 200)])]);
    let analysis = read_in_chunks("aggregated.json", text(&json!({"Records": [user_actions, api_activity]})).as_bytes(), &[13], IngestOptions::default());
    let file = &analysis.files[0];
    assert_eq!(file.events, 1120, "{file:?}");
    assert!(file.problems.is_empty(), "{:?}", file.problems);
    assert_eq!(analysis.activity.n_events, 1120);
    let principal = analysis.activity.principal("arn:aws:iam::111122223333:role/app").expect("attributed to the role (its path unknown)");
    let calls: Vec<(String, Option<String>, u64)> = principal.calls.iter().map(|call| (call.action.clone(), call.resource.clone(), call.count)).collect();
    assert_eq!(
        calls,
        [
            ("s3:GetObject".to_owned(), Some("arn:aws:s3:::example-bucket/*".to_owned()), 100),
            ("s3:PutObject".to_owned(), Some("arn:aws:s3:::example-bucket/*".to_owned()), 20)
        ]
    );
    assert_eq!(analysis.activity.principals.len(), 1, "the API_ACTIVITY summary names no caller");
}

#[test]
fn aggregated_events_that_do_not_say_who_did_what_are_read_broadly_and_said_so() {
    let combined = aggregated(
        ("eventName", &[("GetObject", 10)]),
        &[("resourceARN", &[("arn:aws:s3:::a", 6), ("arn:aws:s3:::b", 4)]), ("userIdentity", &[(SESSION, 5), ("arn:aws:iam::111122223333:user/alice", 5)])],
    );
    let no_event_name = aggregated(("resourceARN", &[("arn:aws:s3:::a", 3)]), &[]);
    let analysis = read_in_chunks("combined.jsonl", lines(&[combined, no_event_name]).as_bytes(), &[usize::MAX], IngestOptions::default());
    let file = &analysis.files[0];
    let kinds: Vec<ProblemKind> = file.problems.iter().map(|problem| problem.kind).collect();
    assert_eq!(kinds, [ProblemKind::BadRecord, ProblemKind::AggregatedCombined], "{:?}", file.problems);
    assert!(file.problems[0].message.contains("no eventName"), "{}", file.problems[0].message);
    assert_eq!(file.problems[0].location.record, Some(2));
    assert_eq!(analysis.activity.principal(USER).expect("alice").calls.len(), 2, "both buckets, as the summary cannot say which");
}

#[test]
fn data_events_win_over_the_aggregates_that_summarise_them() {
    let data = record("d-1", role_identity(), "s3.amazonaws.com", "GetObject", "2026-03-01T08:02:00Z", None);
    let summary = aggregated(("userIdentity", &[(SESSION, 1)]), &[("eventName", &[("GetObject", 1)]), ("resourceARN", &[("arn:aws:s3:::example-bucket", 1)])]);
    let later = {
        let mut later = summary.clone();
        later["timeWindow"] = json!({"windowStart":"2026-03-02T08:00:00Z","windowEnd":"2026-03-02T08:05:00Z","windowSize":"PT5M"});
        later
    };
    for order in [["aggregates", "data"], ["data", "aggregates"]] {
        let mut ingest = Ingest::new(IngestOptions::default());
        for name in order {
            let bytes = if name == "data" { text(&json!({"Records": [data.clone()]})) } else { lines(&[summary.clone(), later.clone()]) };
            ingest.read_bytes(name, bytes.as_bytes());
        }
        let analysis = ingest.finish();
        let report = analysis.files.iter().find(|file| file.name == "aggregates").unwrap();
        assert_eq!((report.events, report.aggregated_apart), (1, 1), "{order:?}: {report:?}");
        assert_eq!(report.problems.iter().filter(|problem| problem.kind == ProblemKind::AggregatedApart).count(), 1, "{:?}", report.problems);
        assert_eq!(analysis.activity.n_events, 2, "{order:?}: the data event and the other day's summary");
    }
}

/// A Logs Insights `get-query-results` row in the query's aggregated form.
fn insights_row(event_name: &str, calls: &str) -> serde_json::Value {
    json!([
        {"field": "principal_arn", "value": ROLE}, {"field": "event_source", "value": "s3.amazonaws.com"}, {"field": "event_name", "value": event_name},
        {"field": "resource_arn", "value": "arn:aws:s3:::example-bucket/reports/1.csv"}, {"field": "resource_arn_2", "value": "-"},
        {"field": "error_code", "value": "-"}, {"field": "region", "value": "eu-west-1"}, {"field": "rp_bucketName", "value": "example-bucket"},
        {"field": "calls", "value": calls}, {"field": "first_seen", "value": "2026-03-01 08:00:00.000"}, {"field": "last_seen", "value": "2026-03-02 08:00:00.000"},
        {"field": "@ptr", "value": "CmAKJwojMTEx"}
    ])
}

#[test]
fn logs_insights_results_are_read_and_their_limits_said() {
    let complete =
        json!({"results": [insights_row("GetObject", "7"), insights_row("PutObject", "2")], "statistics": {"recordsMatched": 9.0}, "status": "Complete"});
    let analysis = read_in_chunks("results.json", text(&complete).as_bytes(), &[5, 64], IngestOptions::default());
    let file = &analysis.files[0];
    assert_eq!((file.format, file.events), (Format::LogsInsightsResults, 9), "{file:?}");
    assert!(file.problems.is_empty(), "{:?}", file.problems);
    assert_eq!(analysis.activity.principal(ROLE).expect("the role").calls.len(), 2);
    // Still running: partial. A row that is not a list of cells, and a count that is no number.
    let running = json!({"results": [insights_row("GetObject", "7"), {"field": "calls"}, insights_row("GetObject", "seven")], "status": "Running"});
    let analysis = read_in_chunks("running.json", text(&running).as_bytes(), &[usize::MAX], IngestOptions::default());
    let file = &analysis.files[0];
    assert_eq!(file.events, 7);
    let kinds: Vec<ProblemKind> = file.problems.iter().map(|problem| problem.kind).collect();
    assert_eq!(kinds, [ProblemKind::BadRecord, ProblemKind::BadRecord, ProblemKind::Incomplete], "{:?}", file.problems);
    assert_eq!(file.problems[0].location.record, Some(2));
    assert!(file.problems[0].message.contains("Logs Insights"), "{}", file.problems[0].message);
    assert!(file.problems[2].message.contains("Running"), "{}", file.problems[2].message);
    // As many rows as Logs Insights returns: probably cut.
    let full: Vec<serde_json::Value> = (0..crate::query::LOGS_INSIGHTS_ROW_LIMIT).map(|index| insights_row(&format!("GetObject{index}"), "1")).collect();
    let analysis = read_in_chunks("full.json", text(&json!({"results": full, "status": "Complete"})).as_bytes(), &[usize::MAX], IngestOptions::default());
    let notes: Vec<&Problem> = analysis.files[0].problems.iter().filter(|problem| problem.kind == ProblemKind::Incomplete).collect();
    assert_eq!(notes.len(), 1, "{:?}", analysis.files[0].problems);
    assert!(notes[0].message.starts_with("10000 rows"), "{}", notes[0].message);
}

#[test]
fn the_same_delivery_from_two_exports_is_one_event() {
    // An S3 log file's record, and the same call as a Lake/Athena row: another time spelling, the
    // role's ARN (with its path) instead of the session's.
    let json = record("e-9", role_identity(), "s3.amazonaws.com", "GetObject", "2026-03-01T08:01:00Z", None);
    let csv = [
        csv_line(&["eventid", "eventsource", "eventname", "eventtime", "principalarn"]),
        csv_line(&["e-9", "s3.amazonaws.com", "GetObject", "2026-03-01 08:01:00.000", ROLE]),
    ]
    .concat();
    let mut ingest = Ingest::new(IngestOptions::default());
    ingest.read_bytes("trail.json", text(&json!({"Records": [json]})).as_bytes());
    ingest.read_bytes("query.csv", csv.as_bytes());
    let analysis = ingest.finish();
    assert_eq!((analysis.files[1].events, analysis.files[1].duplicates), (0, 1), "{:?}", analysis.files[1]);
    assert!(analysis.files[1].problems.iter().all(|problem| problem.kind != ProblemKind::SharedEventId), "{:?}", analysis.files[1].problems);
}

#[test]
fn aggregated_events_are_bounded_shared_out_and_deduplicated() {
    // Two callers and two buckets, ten calls: shared out, not multiplied.
    let combined = aggregated(
        ("eventName", &[("GetObject", 10)]),
        &[("resourceARN", &[("arn:aws:s3:::a", 5), ("arn:aws:s3:::b", 5)]), ("userIdentity", &[(SESSION, 5), ("arn:aws:iam::111122223333:user/alice", 5)])],
    );
    let too_many: Vec<(String, u64)> = (0..1_001).map(|index| (format!("arn:aws:s3:::bucket-{index}"), 1)).collect();
    let too_many: Vec<(&str, u64)> = too_many.iter().map(|(name, count)| (name.as_str(), *count)).collect();
    let huge = aggregated(("eventName", &[("GetObject", 1_001)]), &[("resourceARN", &too_many)]);
    let mut ingest = Ingest::new(IngestOptions::default());
    let bytes = lines(&[combined.clone(), huge]);
    ingest.read_bytes("a.jsonl", bytes.as_bytes());
    // The same summary again (its eventId and window): a duplicate.
    ingest.read_bytes("b.jsonl", lines(&[combined]).as_bytes());
    let analysis = ingest.finish();
    let first = &analysis.files[0];
    assert!((10..=14).contains(&first.events), "about the summary's 10 calls: {first:?}");
    assert!(first.problems.iter().any(|problem| problem.kind == ProblemKind::BadRecord && problem.message.contains("more values")), "{:?}", first.problems);
    assert_eq!((analysis.files[1].events, analysis.files[1].duplicates), (0, 1), "{:?}", analysis.files[1]);
    assert_eq!(analysis.activity.n_events, first.events);
}

#[test]
fn data_events_win_call_by_call() {
    let data = record("d-2", role_identity(), "s3.amazonaws.com", "GetObject", "2026-03-01T08:02:00Z", None);
    let summary = aggregated(
        ("userIdentity", &[(SESSION, 3)]),
        &[("eventName", &[("GetObject", 2), ("PutObject", 1)]), ("resourceARN", &[("arn:aws:s3:::example-bucket", 3)])],
    );
    let mut ingest = Ingest::new(IngestOptions::default());
    ingest.read_bytes("summary.jsonl", lines(&[summary]).as_bytes());
    ingest.read_bytes("data.json", text(&json!({"Records": [data]})).as_bytes());
    let analysis = ingest.finish();
    let report = &analysis.files[0];
    assert_eq!((report.events, report.aggregated_apart), (1, 2), "the PutObject call is kept, the GetObject calls counted apart: {report:?}");
    let role = analysis.activity.principal("arn:aws:iam::111122223333:role/app").expect("the summary's role");
    assert!(role.calls.iter().any(|call| call.action == "s3:PutObject"), "{:?}", role.calls);
}
