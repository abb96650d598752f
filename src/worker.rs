//! The reading worker: each request reads its sources in 4 MiB pieces (`browser::BlobReader`),
//! pushes them through `iam_engine::Ingest`, reports progress as it goes, and answers with
//! the whole `Analysis` in the gzip form the page saves for a reload, in a transferred
//! `ArrayBuffer` (see `protocol`). It is thin on purpose: one request, one engine pass. Cancelling is the
//! page terminating the worker. Progress and finished files are sent at most every
//! `REPLY_INTERVAL_MS` (batched), so the page redraws a few times a second however many files.
//!
//! The mapping needs the IAM catalog. The worker does not compile it in (that would add about
//! 220 KB gzip to its wasm): the page sends the bytes of the catalog file it fetched along with
//! a request (`catalog`), or, when it has none yet, the worker fetches the site's own
//! `iam-catalog.json.gz` itself. It is decoded once and kept for the worker's lifetime.

use crate::protocol::{JobRequest, WorkerReply, DONE_ADDRESSES, DONE_JOB_ID, DONE_STORED, REPLY_INTERVAL_MS};
use iam_engine::catalog::{Catalog, FILE_NAME};
use iam_engine::{Analysis, Ingest, IngestOptions};
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    /// The decoded catalog, leaked: one per worker, which lives as long as its page wants it.
    static CATALOG: Cell<Option<&'static Catalog>> = const { Cell::new(None) };
    /// Requests waiting for the one being read (jobs run one after the other, as they came).
    static QUEUE: RefCell<VecDeque<(JobRequest, js_sys::Array)>> = const { RefCell::new(VecDeque::new()) };
    static BUSY: Cell<bool> = const { Cell::new(false) };
}

fn post(reply: &WorkerReply) {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let text = serde_json::to_string(reply).unwrap_or_else(|error| format!("{{\"type\":\"failed\",\"job_id\":0,\"message\":{:?}}}", error.to_string()));
    let _ = scope.post_message(&JsValue::from_str(&text));
}

/// Installs the message handler. Called once from the worker's `main`.
pub fn start() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let handler = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| match read_request(&event.data()) {
        Ok((request, sources, catalog_bytes)) => {
            if let (None, Some(bytes)) = (CATALOG.get(), catalog_bytes) {
                if let Err(message) = decode_catalog(&bytes) {
                    return post(&WorkerReply::Failed { job_id: request.job_id, message });
                }
            }
            QUEUE.with_borrow_mut(|queue| queue.push_back((request, sources)));
            if !BUSY.get() {
                BUSY.set(true);
                wasm_bindgen_futures::spawn_local(drain());
            }
        }
        Err(message) => post(&WorkerReply::Failed { job_id: 0, message }),
    });
    scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
    post(&WorkerReply::Ready);
}

/// Runs the queued jobs, fetching the catalog first when the page sent none.
async fn drain() {
    while let Some((request, sources)) = QUEUE.with_borrow_mut(VecDeque::pop_front) {
        let catalog = match CATALOG.get() {
            Some(catalog) => Ok(catalog),
            None => match fetch_catalog().await {
                Ok(bytes) => decode_catalog(&bytes),
                Err(message) => Err(message),
            },
        };
        match catalog {
            Ok(catalog) => run(request, &sources, catalog).await,
            Err(message) => post(&WorkerReply::Failed { job_id: request.job_id, message }),
        }
    }
    BUSY.set(false);
}

/// The request's header, its sources, and the catalog file's bytes when the page sent them.
fn read_request(data: &JsValue) -> Result<(JobRequest, js_sys::Array, Option<Vec<u8>>), String> {
    let header = js_sys::Reflect::get(data, &"request".into()).ok().and_then(|value| value.as_string()).ok_or("a request without a header")?;
    let request: JobRequest = serde_json::from_str(&header).map_err(|error| format!("a malformed request: {error}"))?;
    let sources = js_sys::Reflect::get(data, &"sources".into()).map_err(|_| "a request without sources")?;
    let catalog = js_sys::Reflect::get(data, &"catalog".into()).ok().and_then(|value| value.dyn_into::<js_sys::Uint8Array>().ok()).map(|bytes| bytes.to_vec());
    Ok((request, sources.unchecked_into(), catalog))
}

/// Decodes the catalog file and keeps it for the worker's lifetime.
fn decode_catalog(bytes: &[u8]) -> Result<&'static Catalog, String> {
    let catalog = Catalog::from_gzip(bytes).map_err(|error| format!("the IAM catalog could not be read: {error}"))?;
    let catalog: &'static Catalog = Box::leak(Box::new(catalog));
    CATALOG.set(Some(catalog));
    Ok(catalog)
}

/// Fetches the site's own catalog file (next to the worker's script).
async fn fetch_catalog() -> Result<Vec<u8>, String> {
    let scope: web_sys::WorkerGlobalScope = js_sys::global().unchecked_into();
    let url = format!("./{FILE_NAME}");
    let failed = |error: JsValue| format!("the IAM catalog could not be fetched ({url}): {error:?}");
    let response = wasm_bindgen_futures::JsFuture::from(scope.fetch_with_str(&url)).await.map_err(failed)?;
    let response: web_sys::Response = response.unchecked_into();
    if !response.ok() {
        return Err(format!("the IAM catalog could not be fetched ({url}): HTTP {}", response.status()));
    }
    let buffer = wasm_bindgen_futures::JsFuture::from(response.array_buffer().map_err(failed)?).await.map_err(failed)?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

async fn run(request: JobRequest, sources: &js_sys::Array, catalog: &'static Catalog) {
    let job_id = request.job_id;
    let mut ingest = Ingest::with_catalog(IngestOptions::default(), catalog);
    let mut batch = ReplyBatch { job_id, done: Vec::new(), last_sent: js_sys::Date::now() };
    // The bytes of each piece, copied into the worker's memory for the engine: one buffer for
    // every piece of every file.
    let mut slice = Vec::new();
    for (index, source) in sources.iter().enumerate() {
        if request.skip.contains(&index) {
            continue;
        }
        post(&WorkerReply::Reading { job_id, index: Some(index) });
        let name = request.names.get(index).cloned().unwrap_or_else(|| format!("input {}", index + 1));
        let mut file = ingest.file(&name);
        if let Some(text) = source.as_string() {
            file.push(text.as_bytes());
        } else if let Some(blob) = source.dyn_ref::<web_sys::Blob>() {
            let mut reader = crate::browser::BlobReader::new(blob);
            let read = loop {
                match reader.next().await {
                    Ok(Some(bytes)) => {
                        slice.resize(bytes.length() as usize, 0);
                        bytes.copy_to(&mut slice);
                        file.push(&slice);
                        if batch.due() {
                            batch.flush(&post);
                            post(&WorkerReply::Progress { job_id, index, bytes: file.bytes(), events: file.events() });
                        }
                    }
                    Ok(None) => break Ok(()),
                    Err(error) => break Err(error),
                }
            };
            if let Err(error) = read {
                let reason = error.as_string().or_else(|| js_sys::Reflect::get(&error, &"message".into()).ok()?.as_string()).unwrap_or_default();
                // The browser's reason (a file changed or removed since it was chosen, say), when
                // it gives one.
                let message =
                    if reason.is_empty() { format!("the browser could not read {name}") } else { format!("the browser could not read {name}: {reason}") };
                post(&WorkerReply::Failed { job_id, message });
            }
        }
        let report = file.finish().clone();
        batch.done.push((index, report));
        if batch.due() {
            batch.flush(&post);
        }
    }
    drop(slice);
    batch.flush(&post);
    post(&WorkerReply::Reading { job_id, index: None });
    post_done(job_id, ingest.finish());
}

/// The result (see `protocol`): the analysis as it is saved, gzip-compressed, in a transferred
/// buffer (moved to the page, not copied), and its source addresses beside it. Sent as plain JSON
/// (46 MB at 1 GB of logs, and 5 MB gzipped), built whole in the worker's wasm memory, it took
/// that memory from 50 to 177 MB and added the JSON to the page's memory.
fn post_done(job_id: u32, mut analysis: Analysis) {
    let addresses = crate::protocol::take_source_addresses(&mut analysis);
    let stored = crate::persist::encode_storable(&analysis);
    drop(analysis);
    let stored_bytes = js_sys::Uint8Array::from(stored.as_slice());
    drop(stored);
    let posted = (|| -> Result<(), JsValue> {
        let message = js_sys::Object::new();
        js_sys::Reflect::set(&message, &DONE_JOB_ID.into(), &JsValue::from(job_id))?;
        js_sys::Reflect::set(&message, &DONE_STORED.into(), &stored_bytes)?;
        js_sys::Reflect::set(&message, &DONE_ADDRESSES.into(), &JsValue::from_str(&addresses))?;
        let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        scope.post_message_with_transfer(&message, &js_sys::Array::of1(&stored_bytes.buffer()))
    })();
    if let Err(error) = posted {
        post(&WorkerReply::Failed { job_id, message: format!("the result could not be sent: {error:?}") });
    }
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
