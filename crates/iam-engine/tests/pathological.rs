//! Pathological inputs (issue 7) with the default limits: each ends in a result or a clear
//! problem, never a panic, and the records around them are still read. The inputs are generated
//! here and kept cheap (the two-million-event run is in `scripts/bench.sh --pathological`).

use iam_engine::{Analysis, Ingest, IngestOptions, ProblemKind};

fn record(index: usize, user: &str, user_agent: &str) -> String {
    format!(
        r#"{{"eventVersion":"1.10","userIdentity":{{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/{user}","accountId":"111122223333","userName":"{user}"}},"eventTime":"2026-03-01T08:00:00Z","eventSource":"sqs.amazonaws.com","eventName":"SendMessage","awsRegion":"eu-west-1","sourceIPAddress":"192.0.2.10","userAgent":"{user_agent}","requestParameters":{{"queueUrl":"https://sqs.eu-west-1.amazonaws.com/111122223333/q"}},"eventID":"id-{index}","eventType":"AwsApiCall","recipientAccountId":"111122223333"}}"#
    )
}

/// Reads one file pushed in 1 MiB chunks, as the CLI does.
fn read(name: &str, bytes: &[u8]) -> Analysis {
    let mut ingest = Ingest::new(IngestOptions::default());
    let mut file = ingest.file(name);
    for chunk in bytes.chunks(1 << 20) {
        file.push(chunk);
    }
    file.finish();
    ingest.finish()
}

#[test]
fn a_hundred_thousand_principals() {
    // Short records: the point is the number of principals, not the bytes.
    let records: Vec<String> = (0..100_000)
        .map(|index| {
            format!(r#"{{"eventSource":"sqs.amazonaws.com","eventName":"ListQueues","userIdentity":{{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/u{index}"}},"eventID":"{index}"}}"#)
        })
        .collect();
    let analysis = read("principals.json", format!("{{\"Records\":[{}]}}", records.join(",")).as_bytes());
    assert_eq!(analysis.activity.n_events, 100_000);
    assert_eq!(analysis.activity.principals.len(), 100_000);
    assert!(analysis.files[0].problems.is_empty(), "{:?}", analysis.files[0].problems);
}

#[test]
fn a_fifty_megabyte_string_is_read_and_a_larger_one_is_a_clear_problem() {
    let fifty = record(1, "alice", &"x".repeat(50 << 20));
    let seventy = record(2, "alice", &"y".repeat(70 << 20));
    let text = format!("{{\"Records\":[{fifty},{seventy},{}]}}", record(3, "bob", "aws-cli/2"));
    let analysis = read("strings.json", text.as_bytes());
    let report = &analysis.files[0];
    assert_eq!(report.events, 2, "{:?}", report.problems);
    assert_eq!(report.problems.len(), 1);
    assert_eq!(report.problems[0].kind, ProblemKind::OversizedRecord);
    assert!(report.problems[0].message.contains("beyond the 67108864-byte limit"), "{}", report.problems[0].message);
    assert_eq!(report.problems[0].location.record, Some(2));
}

#[test]
fn deep_nesting_is_a_clear_problem_and_the_next_record_is_read() {
    let depth = 100_000;
    let mut text = String::from("{\"Records\":[");
    text.push_str(&"{\"a\":".repeat(depth));
    text.push('1');
    text.push_str(&"}".repeat(depth));
    text.push(',');
    text.push_str(&"[".repeat(depth));
    text.push_str(&"]".repeat(depth));
    text.push(',');
    text.push_str(&record(1, "alice", "aws-cli/2"));
    text.push_str("]}");
    let analysis = read("deep.json", text.as_bytes());
    let report = &analysis.files[0];
    assert_eq!(report.events, 1);
    let kinds: Vec<ProblemKind> = report.problems.iter().map(|problem| problem.kind).collect();
    assert_eq!(kinds, vec![ProblemKind::TooDeep, ProblemKind::TooDeep], "{:?}", report.problems);

    // A document nested a hundred thousand levels deep at the top level.
    let mut deep = "[".repeat(depth);
    deep.push_str(&"]".repeat(depth));
    let analysis = read("deep-array.json", deep.as_bytes());
    assert!(analysis.files[0].problems.iter().any(|problem| problem.kind == ProblemKind::TooDeep), "{:?}", analysis.files[0].problems);
}

/// Around serde_json's recursion limit, a record reads the same whether it is parsed in place
/// (whole chunks) or handed out by the splitter (one-byte chunks).
#[test]
fn nesting_at_the_limit_reads_the_same_in_any_chunking() {
    for depth in 124..134 {
        let mut parameters = String::new();
        parameters.push_str(&"{\"a\":".repeat(depth));
        parameters.push('1');
        parameters.push_str(&"}".repeat(depth));
        let text = format!(
            "{{\"Records\":[{{\"eventSource\":\"sqs.amazonaws.com\",\"eventName\":\"ListQueues\",\"eventID\":\"d\",\"userIdentity\":{{\"type\":\"IAMUser\",\"arn\":\"arn:aws:iam::1:user/a\"}},\"requestParameters\":{parameters}}}]}}"
        );
        let read_with = |chunk: usize| {
            let mut ingest = Ingest::new(IngestOptions::default());
            let mut file = ingest.file("deep.json");
            for piece in text.as_bytes().chunks(chunk) {
                file.push(piece);
            }
            file.finish();
            ingest.finish()
        };
        assert_eq!(read_with(1 << 20), read_with(1), "depth {depth}");
    }
}
