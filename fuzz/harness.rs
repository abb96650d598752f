//! What every fuzz target checks, shared with the stable test that replays the corpus
//! (`crates/iam-engine/tests/fuzz_corpus.rs` includes this file). Each entry point takes
//! arbitrary bytes and asserts what must hold for any input: no panic (the fuzzer's job), the
//! same result whatever the chunking, and problem locations that point inside the input.
#![allow(dead_code)]

use iam_engine::{Analysis, Ingest, IngestOptions, Policy};
use std::io::Write;

/// Small limits, so that the fuzzer reaches them.
pub const OPTIONS: IngestOptions = IngestOptions { max_decompressed_bytes: 1 << 20, max_value_bytes: 4096, max_problems_per_file: 20, max_principals: 1_000 };

/// Reads `data` as one file pushed in chunks of the given sizes (cycled).
pub fn read_in_chunks(data: &[u8], sizes: &[usize]) -> Analysis {
    let mut ingest = Ingest::new(OPTIONS);
    // A good file first: nothing a bad file does may cost it anything.
    ingest.read_bytes("good.json", br#"{"Records":[{"eventSource":"s3.amazonaws.com","eventName":"ListBuckets","eventID":"fuzz-good","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::1:user/good"}}]}"#);
    let mut reader = ingest.file("input");
    let mut offset = 0;
    let mut turn = 0;
    while offset < data.len() {
        let size = sizes[turn % sizes.len()].max(1);
        let end = (offset + size).min(data.len());
        reader.push(&data[offset..end]);
        offset = end;
        turn += 1;
    }
    reader.finish();
    ingest.finish()
}

/// Chunk sizes derived from the input, so a replay is deterministic.
fn chunk_sizes(data: &[u8]) -> Vec<usize> {
    let seed = data.iter().take(8).fold(7usize, |hash, byte| hash.wrapping_mul(31).wrapping_add(usize::from(*byte)));
    (0..5).map(|turn| 1 + (seed >> (turn * 3)) % 9).collect()
}

/// Asserts what holds for any input whose decompressed text is `text` (or unknown, for gzip).
fn check(analysis: &Analysis, pushed: usize, text: Option<&[u8]>) {
    assert_eq!(analysis.files.len(), 2);
    let good = &analysis.files[0];
    assert_eq!(good.events, 1, "the good file lost its event");
    assert!(analysis.activity.principal("arn:aws:iam::1:user/good").is_some());
    let report = &analysis.files[1];
    assert_eq!(report.bytes, pushed as u64);
    assert!(report.problems.len() <= OPTIONS.max_problems_per_file);
    let (max_line, max_record) = match text {
        Some(text) => (memchr_count(text) + 1, text.len() as u64 + 1),
        // Inflated text is at most the decompression limit.
        None => (OPTIONS.max_decompressed_bytes + 1, OPTIONS.max_decompressed_bytes + 1),
    };
    for problem in &report.problems {
        if let Some(line) = problem.location.line {
            assert!(line >= 1 && line <= max_line, "line {line} is outside the input ({max_line} lines): {problem:?}");
        }
        if let Some(record) = problem.location.record {
            assert!(record >= 1 && record <= max_record, "record {record} is outside the input: {problem:?}");
        }
        assert!(!problem.message.is_empty());
    }
    // Plain data: it survives the trip to the page as JSON.
    let json = serde_json_round_trip(analysis);
    assert_eq!(&json, analysis);
}

fn memchr_count(text: &[u8]) -> u64 {
    text.iter().filter(|byte| **byte == b'\n').count() as u64
}

fn serde_json_round_trip(analysis: &Analysis) -> Analysis {
    let text = serde_json::to_string(analysis).expect("an analysis always serialises");
    serde_json::from_str(&text).expect("an analysis reads back")
}

/// Any bytes, as a file: pushed whole and in small chunks, with the same result.
pub fn ingest_bytes(data: &[u8]) {
    let whole = read_in_chunks(data, &[data.len().max(1)]);
    let chunked = read_in_chunks(data, &chunk_sizes(data));
    assert_eq!(whole, chunked, "the chunking changed the result");
    let is_gzip = data.starts_with(&[0x1f, 0x8b]);
    check(&whole, data.len(), (!is_gzip).then_some(data));
}

/// Gzip: an even first byte compresses the rest (the content behind inflation, read in bounded
/// steps); an odd one reads the rest as a gzip stream as it is (corrupt and hostile streams).
pub fn ingest_gzip(data: &[u8]) {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let (input, text) = if mode % 2 == 0 {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(rest).expect("writing to memory");
        (encoder.finish().expect("writing to memory"), Some(rest))
    } else {
        let mut stream = vec![0x1f, 0x8b];
        stream.extend_from_slice(rest);
        (stream, None)
    };
    let whole = read_in_chunks(&input, &[input.len()]);
    let chunked = read_in_chunks(&input, &chunk_sizes(data));
    assert_eq!(whole, chunked, "the chunking changed the result");
    let text = text.filter(|text| text.len() as u64 <= OPTIONS.max_decompressed_bytes);
    check(&whole, input.len(), text);
}

/// Policy documents in any encoding: a document that is read is written canonically, and the
/// canonical text reads back as the same document. Policy texts in any shape (`policy_text`, the
/// reader of `--policy` files and of the page's pasted policies): documents read are written
/// back and read again as the same documents; a JSON syntax error is placed inside the text.
pub fn policy_parse(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    match iam_engine::policy_text::documents_in(&text) {
        Ok(documents) => {
            assert!(!documents.is_empty());
            let written = iam_engine::policy_text::documents_text(&documents);
            assert_eq!(iam_engine::policy_text::documents_in(&written).expect("written documents read back"), documents);
        }
        Err(error) => {
            if let Some(line) = error.line {
                assert!(line <= text.split('\n').count(), "a syntax error inside the text");
            }
        }
    }
    if let Ok(policy) = Policy::parse_any(&text) {
        let canonical = policy.to_canonical_json();
        let again = Policy::parse_any(&canonical).expect("the canonical text of a policy reads back");
        assert_eq!(again, policy);
        assert_eq!(again.to_canonical_json(), canonical);
        let _ = policy.non_whitespace_chars();
    }
}

/// The headers of the tables the workbench reads, one chosen by the first byte; the rest of the
/// input is the rows.
const HEADERS: &[&str] = &[
    "principal_arn,event_source,event_name,resource_arn,error_code,calls,first_seen,last_seen\n",
    "eventjson\n",
    "eventversion,useridentity,eventtime,eventsource,eventname,awsregion,errorcode,errormessage,requestparameters,resources,eventid\n",
    "Event ID,Event time,User name,Event name,Event source,AWS region,Error code,Resources,CloudTrail event\n",
    "Event ID,Event time,User name,Event name,Event source,Resources\n",
    "eventSource,eventName,eventTime,arn,apiCount\n",
    "",
];

/// CSV tables: a known header, then arbitrary rows.
pub fn csv_formats(data: &[u8]) {
    let Some((&choice, rows)) = data.split_first() else {
        return;
    };
    let mut input = HEADERS[usize::from(choice) % HEADERS.len()].as_bytes().to_vec();
    input.extend_from_slice(rows);
    let whole = read_in_chunks(&input, &[input.len().max(1)]);
    let chunked = read_in_chunks(&input, &chunk_sizes(data));
    assert_eq!(whole, chunked, "the chunking changed the result");
    let is_gzip = input.starts_with(&[0x1f, 0x8b]);
    check(&whole, input.len(), (!is_gzip).then_some(&input));
}
