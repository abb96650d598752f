//! Messages between the page and the reading worker. Requests carry the `File` handles (cloned by
//! the browser, not copied) next to a JSON header; replies are JSON strings of `WorkerReply`,
//! except the last one of a job, the result: an object `{ job_id, stored, addresses }`. `stored`
//! is the analysis as the page saves it for a reload (`persist::encode_storable`: gzip-compressed
//! JSON, without the principals' source addresses), in an `ArrayBuffer` that is *transferred*
//! (moved, not copied); `addresses` is a JSON string of those addresses, principal by principal
//! (`take_source_addresses`). The page inflates and decodes `stored` as it reads it, puts the
//! addresses back (`decode_result`), and saves `stored` as it came. So the analysis is encoded
//! once, in the worker, and travels at about a tenth of its JSON size (5 MB instead of 46 MB for
//! 1 GB of logs): sent as plain JSON it was the largest thing in the tab's memory at the end.

use iam_engine::activity::SourceIpCount;
use iam_engine::{Analysis, FileReport};
use serde::{Deserialize, Serialize};
use std::io::Read;

/// The worker sends progress and finished files at most this often (and always at the end).
pub const REPLY_INTERVAL_MS: f64 = 100.0;

/// The result message's members (see the module's comment).
pub const DONE_JOB_ID: &str = "job_id";
pub const DONE_STORED: &str = "stored";
pub const DONE_ADDRESSES: &str = "addresses";

/// Takes the principals' source addresses out of `analysis` (leaving it as it is stored), as JSON.
pub fn take_source_addresses(analysis: &mut Analysis) -> String {
    let addresses: Vec<Vec<SourceIpCount>> = analysis.activity.principals.iter_mut().map(|principal| std::mem::take(&mut principal.source_ips)).collect();
    serde_json::to_string(&addresses).expect("addresses always serialise")
}

/// The analysis the worker sent: `stored` read (inflated and decoded) in pieces, so the page
/// never holds its JSON next to the analysis, and the source addresses put back.
pub fn decode_result(stored: impl Read, addresses: &str) -> Result<Analysis, String> {
    let unreadable = |error: String| format!("unreadable result from the worker: {error}");
    let mut analysis = crate::persist::decode_analysis(stored).map_err(unreadable)?;
    let addresses: Vec<Vec<SourceIpCount>> = serde_json::from_str(addresses).map_err(|error| unreadable(error.to_string()))?;
    if addresses.len() != analysis.activity.principals.len() {
        return Err(unreadable(format!("source addresses for {} principals, not {}", addresses.len(), analysis.activity.principals.len())));
    }
    for (principal, addresses) in analysis.activity.principals.iter_mut().zip(addresses) {
        principal.source_ips = addresses;
    }
    Ok(analysis)
}

/// The JSON part of a request; the sources travel alongside as a JS array of `File`s or strings.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JobRequest {
    pub job_id: u32,
    /// Display names of the sources, in order.
    pub names: Vec<String>,
    /// Sources not to read (by index): a worker stopped while reading each of them before.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skip: Vec<usize>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum WorkerReply {
    /// The worker's wasm is initialised and its handler installed: requests posted before this
    /// would be lost, so the page waits for it.
    Ready,
    /// The worker starts reading source `index`, or (`None`) has read every source and puts
    /// the analysis together. Sent for every source, unbatched and cheap: if the worker dies, the
    /// page knows which file it was reading (and reads the others again without it).
    Reading { job_id: u32, index: Option<usize> },
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
            WorkerReply::Reading { job_id, .. }
            | WorkerReply::Progress { job_id, .. }
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
    fn the_analysis_travels_as_its_stored_form_with_the_addresses_beside_it() {
        let mut ingest = Ingest::default();
        ingest.read_bytes(
            "x.json",
            br#"{"Records":[{"eventID":"1","eventSource":"s3.amazonaws.com","eventName":"ListBuckets","eventTime":"2026-01-01T00:00:00Z","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/a"},"sourceIPAddress":"192.0.2.7"}]}"#,
        );
        let analysis = ingest.finish();
        let mut sent = analysis.clone();
        let addresses = take_source_addresses(&mut sent);
        assert_eq!(sent, crate::persist::storable(&analysis));
        let stored = crate::persist::encode_storable(&sent);
        assert_eq!(decode_result(stored.as_slice(), &addresses).unwrap(), analysis, "source addresses included: the page needs them");
        assert_eq!(crate::persist::decode_analysis(stored.as_slice()).unwrap(), sent, "what the page saves has none");
        assert!(decode_result(&stored[..stored.len() / 2], &addresses).unwrap_err().contains("unreadable result"));
        assert!(decode_result(stored.as_slice(), "[]").unwrap_err().contains("for 0 principals, not 1"));
    }
}
