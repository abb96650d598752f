//! Messages between the page and the reading worker. Requests carry the `File` handles (cloned by
//! the browser, not copied) next to a JSON header; replies are JSON strings of `WorkerReply`,
//! except the last one of a job, the result: an object `{ job_id, analysis, stored }` whose
//! `ArrayBuffer`s are *transferred* (moved, not copied): `analysis` is the `Analysis` as JSON
//! bytes (`encode_analysis_into`) in an array of 1 MiB `Uint8Array` pieces (the worker never
//! holds the whole JSON, and the page lets each piece go once decoded), `stored` the gzip bytes
//! the page saves for a reload
//! (`persist::encode_storable`, made by the worker so the page does not encode and compress the
//! analysis again).

use iam_engine::{Analysis, FileReport};
use serde::{Deserialize, Serialize};
use std::io::Read;

/// The worker sends progress and finished files at most this often (and always at the end).
pub const REPLY_INTERVAL_MS: f64 = 100.0;

/// The result message's members (see the module's comment).
pub const DONE_JOB_ID: &str = "job_id";
pub const DONE_ANALYSIS: &str = "analysis";
pub const DONE_STORED: &str = "stored";

/// The analysis as the worker sends it, written into `writer`.
pub fn encode_analysis_into(analysis: &Analysis, writer: impl std::io::Write) {
    serde_json::to_writer(writer, analysis).expect("an analysis always serialises, into memory")
}

/// The analysis the worker sent, read from `reader` in pieces (so the page never holds the whole
/// JSON in its memory next to the decoded analysis).
pub fn decode_analysis(reader: impl Read) -> Result<Analysis, String> {
    serde_json::from_reader(std::io::BufReader::with_capacity(256 * 1024, reader)).map_err(|error| format!("unreadable result from the worker: {error}"))
}

/// The JSON part of a request; the sources travel alongside as a JS array of `File`s or strings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JobRequest {
    pub job_id: u32,
    /// Display names of the sources, in order.
    pub names: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum WorkerReply {
    /// The worker's wasm is initialised and its handler installed: requests posted before this
    /// would be lost, so the page waits for it.
    Ready,
    /// Reading source `index`: bytes and events so far in it.
    Progress { job_id: u32, index: usize, bytes: u64, events: u64 },
    /// Source `index` is read.
    FileDone { job_id: u32, index: usize, report: FileReport },
    /// Several sources are read (replies are batched at most every `REPLY_INTERVAL_MS`, so a
    /// folder of thousands of small files does not redraw the page per file).
    FilesDone { job_id: u32, reports: Vec<(usize, FileReport)> },
    /// Something outside any one file went wrong (the browser refused to read a file).
    Failed { job_id: u32, message: String },
}

impl WorkerReply {
    pub fn job_id(&self) -> u32 {
        match self {
            WorkerReply::Ready => 0,
            WorkerReply::Progress { job_id, .. }
            | WorkerReply::FileDone { job_id, .. }
            | WorkerReply::FilesDone { job_id, .. }
            | WorkerReply::Failed { job_id, .. } => *job_id,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use iam_engine::Ingest;

    #[test]
    fn the_analysis_travels_as_json_bytes() {
        let mut ingest = Ingest::default();
        ingest.read_bytes(
            "x.json",
            br#"{"Records":[{"eventID":"1","eventSource":"s3.amazonaws.com","eventName":"ListBuckets","eventTime":"2026-01-01T00:00:00Z","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/a"},"sourceIPAddress":"192.0.2.7"}]}"#,
        );
        let analysis = ingest.finish();
        let mut bytes = Vec::new();
        encode_analysis_into(&analysis, &mut bytes);
        assert_eq!(decode_analysis(bytes.as_slice()).unwrap(), analysis, "source addresses included: the page needs them");
        assert!(decode_analysis(&bytes[..bytes.len() / 2]).unwrap_err().contains("unreadable result"));
    }
}
