//! The reading worker: each request reads its sources in 4 MiB slices with `FileReaderSync`,
//! pushes them through `iam_engine::Ingest`, reports progress after every slice, and answers with
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
use web_sys::FileReaderSync;

thread_local! {
    /// The decoded catalog, leaked: one per worker, which lives as long as its page wants it.
    static CATALOG: Cell<Option<&'static Catalog>> = const { Cell::new(None) };
    /// Requests waiting for the one being read (jobs run one after the other, as they came).
    static QUEUE: RefCell<VecDeque<(JobRequest, js_sys::Array)>> = const { RefCell::new(VecDeque::new()) };
    static BUSY: Cell<bool> = const { Cell::new(false) };
}

const SLICE_BYTES: f64 = 4.0 * 1024.0 * 1024.0;
/// The worker returns to its event loop after this many slices: the browser frees the slices
/// already read (their `ArrayBuffer`s) only then, so without it memory grows with the input.
const SLICES_PER_YIELD: u32 = 2;

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

/// Lets the worker's event loop run: a message to itself through a `MessageChannel` (no timer
/// clamping), built with `js_sys` alone.
async fn yield_to_event_loop() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let posted = (|| -> Result<(), JsValue> {
            let global = js_sys::global();
            let constructor: js_sys::Function = js_sys::Reflect::get(&global, &"MessageChannel".into())?.dyn_into()?;
            let channel = js_sys::Reflect::construct(&constructor, &js_sys::Array::new())?;
            let port1 = js_sys::Reflect::get(&channel, &"port1".into())?;
            let port2 = js_sys::Reflect::get(&channel, &"port2".into())?;
            js_sys::Reflect::set(&port1, &"onmessage".into(), &resolve)?;
            let post_message: js_sys::Function = js_sys::Reflect::get(&port2, &"postMessage".into())?.dyn_into()?;
            post_message.call1(&port2, &JsValue::NULL)?;
            Ok(())
        })();
        if posted.is_err() {
            let _ = resolve.call0(&JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
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
    // One buffer in the worker's memory for every slice of every file (wasm memory never shrinks:
    // a fresh one per slice would only be reused, but this says so).
    let mut slice = Vec::new();
    let mut slices: u32 = 0;
    for (index, source) in sources.iter().enumerate() {
        let name = request.names.get(index).cloned().unwrap_or_else(|| format!("input {}", index + 1));
        let mut file = ingest.file(&name);
        if let Some(text) = source.as_string() {
            file.push(text.as_bytes());
        } else if let Some(blob) = source.dyn_ref::<web_sys::Blob>() {
            let progress = |bytes: u64, events: u64, batch: &mut ReplyBatch| {
                if batch.due() {
                    batch.flush(&post);
                    post(&WorkerReply::Progress { job_id, index, bytes, events });
                }
            };
            let read = match ByobReader::open(blob) {
                // The blob's byte stream, read into one reused buffer.
                Some(mut reader) => loop {
                    match reader.next().await {
                        Ok(Some(bytes)) => {
                            slice.resize(bytes.length() as usize, 0);
                            bytes.copy_to(&mut slice);
                            file.push(&slice);
                            progress(file.bytes(), file.events(), &mut batch);
                        }
                        Ok(None) => break Ok(()),
                        Err(error) => break Err(error),
                    }
                },
                // A browser whose blobs have no byte stream: `FileReaderSync`, one new
                // `ArrayBuffer` per slice, freed only when the worker's event loop runs.
                None => {
                    let reader = FileReaderSync::new();
                    let mut read = reader.as_ref().map(|_| ()).map_err(Clone::clone);
                    let size = blob.size();
                    let mut offset = 0.0;
                    while let (Ok(reader), true) = (&reader, read.is_ok() && offset < size) {
                        let end = (offset + SLICE_BYTES).min(size);
                        match blob.slice_with_f64_and_f64(offset, end).and_then(|part| reader.read_as_array_buffer(&part)) {
                            Ok(buffer) => {
                                let bytes = js_sys::Uint8Array::new(&buffer);
                                slice.resize(bytes.length() as usize, 0);
                                bytes.copy_to(&mut slice);
                                file.push(&slice);
                            }
                            Err(error) => {
                                read = Err(error);
                                break;
                            }
                        }
                        offset = end;
                        slices += 1;
                        if slices.is_multiple_of(SLICES_PER_YIELD) {
                            yield_to_event_loop().await;
                        }
                        progress(file.bytes(), file.events(), &mut batch);
                    }
                    read
                }
            };
            if read.is_err() {
                post(&WorkerReply::Failed { job_id, message: format!("the browser could not read {name}") });
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
    post_done(job_id, ingest.finish());
}

/// A blob's bytes through its byte stream with a BYOB ("bring your own buffer") reader: reads fill
/// two 4 MiB `ArrayBuffer`s in turn (each moved into a read and handed back), so reading a
/// gigabyte leaves no garbage behind; and the next read is under way while the engine folds the
/// bytes of the last one. `FileReaderSync` made a new buffer per slice, which the browser freed
/// only at its next garbage collection: the tab grew by up to 250 MB while reading, and reading
/// alone took 5.4 s per GB (1.3 s this way).
struct ByobReader {
    reader: web_sys::ReadableStreamByobReader,
    /// `reader.read`, called with `{min}` (not in web-sys): a read waits until the buffer is
    /// full (or the blob ends) rather than answering with each 64 KiB the browser has ready.
    read: js_sys::Function,
    options: js_sys::Object,
    /// The read under way, if any. It is always awaited (`next` is called until the end or an
    /// error, and no read is started after either), so none is left behind.
    pending: Option<wasm_bindgen_futures::JsFuture>,
    /// Buffers free for the next read.
    free: Vec<js_sys::ArrayBuffer>,
    /// The buffer of the bytes last handed out: free again at the next call.
    handed_out: Option<js_sys::ArrayBuffer>,
    ended: bool,
}

impl ByobReader {
    /// `None` when this browser's blobs have no byte stream.
    fn open(blob: &web_sys::Blob) -> Option<ByobReader> {
        let options = web_sys::ReadableStreamGetReaderOptions::new();
        options.set_mode(web_sys::ReadableStreamReaderMode::Byob);
        // Through `Reflect`: where byte streams are missing, `getReader` throws, and the typed
        // binding would not catch it.
        let stream = blob.stream();
        let get_reader: js_sys::Function = js_sys::Reflect::get(&stream, &"getReader".into()).ok()?.dyn_into().ok()?;
        let reader: web_sys::ReadableStreamByobReader = get_reader.call1(&stream, &options).ok()?.dyn_into().ok()?;
        let read = js_sys::Reflect::get(&reader, &"read".into()).ok()?.dyn_into().ok()?;
        let options = js_sys::Object::new();
        js_sys::Reflect::set(&options, &"min".into(), &JsValue::from(SLICE_BYTES)).ok()?;
        let free = vec![js_sys::ArrayBuffer::new(SLICE_BYTES as u32), js_sys::ArrayBuffer::new(SLICE_BYTES as u32)];
        Some(ByobReader { reader, read, options, pending: None, free, handed_out: None, ended: false })
    }

    fn start_read(&mut self) -> Result<(), JsValue> {
        let buffer = self.free.pop().ok_or("the reader has no free buffer")?;
        let promise: js_sys::Promise = self.read.call2(&self.reader, &js_sys::Uint8Array::new(&buffer), &self.options)?.dyn_into()?;
        self.pending = Some(wasm_bindgen_futures::JsFuture::from(promise));
        Ok(())
    }

    /// The next bytes (a view into one of the buffers, valid until the next call), or `None` at
    /// the end.
    async fn next(&mut self) -> Result<Option<js_sys::Uint8Array>, JsValue> {
        if let Some(buffer) = self.handed_out.take() {
            self.free.push(buffer);
        }
        while !self.ended {
            if self.pending.is_none() {
                self.start_read()?;
            }
            let result = self.pending.take().ok_or("no read under way")?.await;
            let result = result.inspect_err(|_| self.ended = true)?;
            let done = js_sys::Reflect::get(&result, &"done".into())?.is_truthy();
            // At the end the last bytes may come with `done` (a read asking for more than was
            // left).
            let value = js_sys::Reflect::get(&result, &"value".into())?.dyn_into::<js_sys::Uint8Array>().ok();
            self.ended = done;
            let Some(value) = value else {
                if done {
                    break;
                }
                self.ended = true;
                return Err("the browser's reader answered without bytes".into());
            };
            if !done {
                self.start_read()?;
            }
            if value.length() > 0 {
                self.handed_out = Some(value.buffer());
                return Ok(Some(value));
            }
            self.free.push(value.buffer());
        }
        Ok(None)
    }
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
