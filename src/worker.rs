//! The reading worker: each request reads its sources in 4 MiB slices with `FileReaderSync`,
//! pushes them through `iam_engine::Ingest`, reports progress after every slice, and answers with
//! the whole `Analysis`. It is thin on purpose: one request, one engine pass. Cancelling is the
//! page terminating the worker. Progress and finished files are sent at most every
//! `REPLY_INTERVAL_MS` (batched), so the page redraws a few times a second however many files.

use crate::protocol::{JobRequest, WorkerReply, REPLY_INTERVAL_MS};
use iam_engine::{Ingest, IngestOptions};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

const SLICE_BYTES: f64 = 4.0 * 1024.0 * 1024.0;

/// Installs the message handler. Called once from the worker's `main`.
pub fn start() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let handler = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
        let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let post = |reply: &WorkerReply| {
            let text = serde_json::to_string(reply).unwrap_or_else(|error| format!("{{\"type\":\"failed\",\"job_id\":0,\"message\":{:?}}}", error.to_string()));
            let _ = scope.post_message(&JsValue::from_str(&text));
        };
        match read_request(&event.data()) {
            Ok((request, sources)) => run(request, &sources, &post),
            Err(message) => post(&WorkerReply::Failed { job_id: 0, message }),
        }
    });
    scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
    let ready = serde_json::to_string(&WorkerReply::Ready).expect("a reply always serialises");
    let _ = scope.post_message(&JsValue::from_str(&ready));
}

fn read_request(data: &JsValue) -> Result<(JobRequest, js_sys::Array), String> {
    let header = js_sys::Reflect::get(data, &"request".into()).ok().and_then(|value| value.as_string()).ok_or("a request without a header")?;
    let request: JobRequest = serde_json::from_str(&header).map_err(|error| format!("a malformed request: {error}"))?;
    let sources = js_sys::Reflect::get(data, &"sources".into()).map_err(|_| "a request without sources")?;
    Ok((request, sources.unchecked_into()))
}

fn run(request: JobRequest, sources: &js_sys::Array, post: &dyn Fn(&WorkerReply)) {
    let job_id = request.job_id;
    let mut ingest = Ingest::new(IngestOptions::default());
    let reader = match web_sys::FileReaderSync::new() {
        Ok(reader) => reader,
        Err(_) => return post(&WorkerReply::Failed { job_id, message: "this browser cannot read files in a worker".to_owned() }),
    };
    let mut batch = ReplyBatch { job_id, done: Vec::new(), last_sent: js_sys::Date::now() };
    for (index, source) in sources.iter().enumerate() {
        let name = request.names.get(index).cloned().unwrap_or_else(|| format!("input {}", index + 1));
        let mut file = ingest.file(&name);
        if let Some(text) = source.as_string() {
            file.push(text.as_bytes());
        } else if let Some(blob) = source.dyn_ref::<web_sys::Blob>() {
            let size = blob.size();
            let mut offset = 0.0;
            while offset < size {
                let end = (offset + SLICE_BYTES).min(size);
                let slice = blob.slice_with_f64_and_f64(offset, end).and_then(|slice| reader.read_as_array_buffer(&slice));
                match slice {
                    Ok(buffer) => file.push(&js_sys::Uint8Array::new(&buffer).to_vec()),
                    Err(_) => {
                        post(&WorkerReply::Failed { job_id, message: format!("the browser could not read {name}") });
                        break;
                    }
                }
                offset = end;
                if batch.due() {
                    batch.flush(post);
                    post(&WorkerReply::Progress { job_id, index, bytes: file.bytes(), events: file.events() });
                }
            }
        }
        let report = file.finish().clone();
        batch.done.push((index, report));
        if batch.due() {
            batch.flush(post);
        }
    }
    batch.flush(post);
    post(&WorkerReply::Done { job_id, analysis: Box::new(ingest.finish()) });
}

/// Finished files waiting to be sent, and when replies were last sent.
struct ReplyBatch {
    job_id: u32,
    done: Vec<(usize, iam_engine::FileReport)>,
    last_sent: f64,
}

impl ReplyBatch {
    fn due(&self) -> bool {
        js_sys::Date::now() - self.last_sent >= REPLY_INTERVAL_MS
    }

    fn flush(&mut self, post: &dyn Fn(&WorkerReply)) {
        self.last_sent = js_sys::Date::now();
        match self.done.len() {
            0 => {}
            1 => {
                let (index, report) = self.done.pop().expect("one report");
                post(&WorkerReply::FileDone { job_id: self.job_id, index, report });
            }
            _ => post(&WorkerReply::FilesDone { job_id: self.job_id, reports: std::mem::take(&mut self.done) }),
        }
    }
}
