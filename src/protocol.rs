//! Messages between the page and the reading worker. Requests carry the `File` handles (cloned by
//! the browser, not copied) next to a JSON header; replies are JSON strings of `WorkerReply`.

use iam_engine::{Analysis, FileReport};
use serde::{Deserialize, Serialize};

/// The worker sends progress and finished files at most this often (and always at the end).
pub const REPLY_INTERVAL_MS: f64 = 100.0;

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
    Progress {
        job_id: u32,
        index: usize,
        bytes: u64,
        events: u64,
    },
    /// Source `index` is read.
    FileDone {
        job_id: u32,
        index: usize,
        report: FileReport,
    },
    /// Several sources are read (replies are batched at most every `REPLY_INTERVAL_MS`, so a
    /// folder of thousands of small files does not redraw the page per file).
    FilesDone {
        job_id: u32,
        reports: Vec<(usize, FileReport)>,
    },
    Done {
        job_id: u32,
        analysis: Box<Analysis>,
    },
    /// Something outside any one file went wrong (the browser refused to read a file).
    Failed {
        job_id: u32,
        message: String,
    },
}

impl WorkerReply {
    pub fn job_id(&self) -> u32 {
        match self {
            WorkerReply::Ready => 0,
            WorkerReply::Progress { job_id, .. }
            | WorkerReply::FileDone { job_id, .. }
            | WorkerReply::FilesDone { job_id, .. }
            | WorkerReply::Done { job_id, .. }
            | WorkerReply::Failed { job_id, .. } => *job_id,
        }
    }
}
