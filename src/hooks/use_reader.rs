//! Reading inputs in the worker: keeps the `File` handles, starts a job over all of them whenever
//! inputs are added or removed, turns the worker's replies into `Action`s, and cancels by
//! terminating the worker (a new one is started for the next job).

use crate::browser::{self, Source};
use crate::protocol::{decode_result, JobRequest, WorkerReply, DONE_ADDRESSES, DONE_JOB_ID, DONE_STORED};
use crate::state::{Action, InputEntry, InputStatus, Workbench};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

#[derive(Default)]
struct ReaderInner {
    worker: Option<web_sys::Worker>,
    /// Keeps the reply handler alive as long as its worker.
    on_message: Option<Closure<dyn FnMut(web_sys::MessageEvent)>>,
    /// The worker announced it is ready for requests.
    ready: bool,
    /// A request waiting for the worker to be ready: its JSON header.
    pending_header: Option<String>,
    /// A job was posted and its last reply has not come yet.
    busy: bool,
    /// The inputs' files, in the model's input order, under the ids the model knows them by.
    sources: Vec<(u32, Source)>,
    /// The source the current job's worker is reading (`WorkerReply::Reading`).
    reading: Option<usize>,
    /// Inputs a worker stopped while reading: left out of every job from then on.
    failed: Vec<u32>,
    /// Which worker is the current one: its error handler knows its own number, so a late error
    /// of a worker already stopped is ignored.
    generation: u32,
    next_input_id: u32,
    next_job_id: u32,
}

#[derive(Clone)]
pub struct ReaderHandle {
    inner: Rc<RefCell<ReaderInner>>,
    dispatch: Callback<Action>,
    pasted_name: Rc<str>,
}

impl PartialEq for ReaderHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }
}

impl ReaderHandle {
    /// Adds inputs and reads everything again (the analysis always covers every input, exactly as
    /// `iamwb` does with the same files).
    pub fn add(&self, new_sources: Vec<Source>) {
        if new_sources.is_empty() {
            return;
        }
        let entries = {
            let mut inner = self.inner.borrow_mut();
            new_sources
                .into_iter()
                .map(|source| {
                    inner.next_input_id += 1;
                    let id = inner.next_input_id;
                    let entry = InputEntry { id, name: source.name(&self.pasted_name), size: source.size(), status: InputStatus::Waiting };
                    inner.sources.push((id, source));
                    entry
                })
                .collect()
        };
        self.dispatch.emit(Action::InputsAdded(entries));
        self.start_job();
    }

    /// Walks dropped folders, then adds every file found (as `add`). A folder the browser
    /// cannot list ends as a page notice, and nothing from that drop's folders is added (a
    /// partial tree would give a misleading analysis).
    pub fn add_folders(&self, directories: Vec<JsValue>) {
        if directories.is_empty() {
            return;
        }
        let handle = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            match browser::walk_directories(directories).await {
                Ok(found) => handle.add(found),
                Err(message) => handle.dispatch.emit(Action::FolderFailed(message)),
            }
        });
    }

    /// Forgets an input's file and reads the others again (or clears the analysis when none is
    /// left).
    pub fn remove(&self, id: u32) {
        let remaining = {
            let mut inner = self.inner.borrow_mut();
            inner.sources.retain(|(source_id, _)| *source_id != id);
            inner.failed.retain(|failed_id| *failed_id != id);
            inner.sources.len()
        };
        if remaining == 0 {
            self.stop_worker();
        }
        self.dispatch.emit(Action::InputRemoved { id });
        if remaining > 0 {
            self.start_job();
        }
    }

    /// Drops every file handle and stops the worker ("Forget everything").
    pub fn forget(&self) {
        self.stop_worker();
        let mut inner = self.inner.borrow_mut();
        inner.sources.clear();
        inner.failed.clear();
    }

    /// Stops reading now.
    pub fn cancel(&self, message: String) {
        self.stop_worker();
        self.dispatch.emit(Action::JobCancelled { message });
    }

    fn stop_worker(&self) {
        let mut inner = self.inner.borrow_mut();
        if let Some(worker) = inner.worker.take() {
            worker.terminate();
        }
        inner.on_message = None;
        inner.ready = false;
        inner.busy = false;
        inner.pending_header = None;
    }

    /// The names of the inputs the analysis covers, in order (for the equivalent command line):
    /// not those a worker stopped on.
    pub fn names(&self) -> Vec<String> {
        let inner = self.inner.borrow();
        inner.sources.iter().filter(|(id, _)| !inner.failed.contains(id)).map(|(_, source)| source.name(&self.pasted_name)).collect()
    }

    fn start_job(&self) {
        let mut inner = self.inner.borrow_mut();
        inner.next_job_id += 1;
        let job_id = inner.next_job_id;
        let names = inner.sources.iter().map(|(_, source)| source.name(&self.pasted_name)).collect();
        let skip = inner.sources.iter().enumerate().filter(|(_, (id, _))| inner.failed.contains(id)).map(|(index, _)| index).collect();
        inner.reading = None;
        let header = serde_json::to_string(&JobRequest { job_id, names, skip }).expect("a request always serialises");
        inner.pending_header = Some(header);
        if inner.busy {
            // The worker reads one job at a time: rather than wait for the old one to finish,
            // start afresh.
            if let Some(worker) = inner.worker.take() {
                worker.terminate();
            }
            inner.on_message = None;
            inner.ready = false;
            inner.busy = false;
        }
        if inner.worker.is_none() {
            if let Err(error) = self.spawn(&mut inner) {
                drop(inner);
                self.dispatch.emit(Action::JobStarted { job_id });
                self.dispatch.emit(Action::JobFailed { job_id, message: format!("{error:?}") });
                return;
            }
        }
        drop(inner);
        self.dispatch.emit(Action::JobStarted { job_id });
        self.post_pending();
    }

    /// Posts the waiting request once the worker is ready.
    fn post_pending(&self) {
        let mut inner = self.inner.borrow_mut();
        if !inner.ready {
            return;
        }
        let (Some(header), Some(worker)) = (inner.pending_header.take(), inner.worker.as_ref()) else {
            return;
        };
        let sources: Vec<&Source> = inner.sources.iter().map(|(_, source)| source).collect();
        let posted = browser::post_job(worker, &header, &sources);
        drop(sources);
        inner.busy = posted.is_ok();
        if let Err(error) = posted {
            let job_id = inner.next_job_id;
            drop(inner);
            self.dispatch.emit(Action::JobFailed { job_id, message: format!("{error:?}") });
        }
    }

    /// The job `job_id` ended (its last reply came).
    fn finished(&self, job_id: u32) {
        let mut inner = self.inner.borrow_mut();
        if job_id == inner.next_job_id {
            inner.busy = false;
        }
    }

    /// The result message: the analysis is inflated and decoded straight from the transferred
    /// buffer, in pieces, and those gzip bytes are handed to the persistence to save as they came
    /// (never copied into the page's memory, never encoded again).
    fn done(&self, data: &JsValue) {
        let member = |name: &str| js_sys::Reflect::get(data, &name.into()).ok();
        let job_id = member(DONE_JOB_ID).and_then(|value| value.as_f64()).map(|id| id as u32);
        let stored = member(DONE_STORED).and_then(|value| value.dyn_into::<js_sys::Uint8Array>().ok());
        let addresses = member(DONE_ADDRESSES).and_then(|value| value.as_string());
        let (Some(job_id), Some(stored), Some(addresses)) = (job_id, stored, addresses) else {
            let job_id = self.inner.borrow().next_job_id;
            self.dispatch.emit(Action::JobFailed { job_id, message: "unreadable reply from the worker".to_owned() });
            return;
        };
        self.finished(job_id);
        if job_id != self.inner.borrow().next_job_id {
            return; // an older job's result: the model would ignore it, so do not decode it
        }
        // The worker's memory (its wasm memory never shrinks) goes back now rather than with the
        // next job: the page decodes the result next, and the two would add up.
        self.stop_worker_when_idle();
        match decode_result(JsReader { bytes: stored.clone(), offset: 0 }, &addresses) {
            Ok(analysis) => {
                let analysis = Rc::new(analysis);
                crate::hooks::offer_stored(&analysis, stored);
                self.dispatch.emit(Action::JobDone { job_id, analysis });
            }
            Err(message) => self.dispatch.emit(Action::JobFailed { job_id, message }),
        }
    }

    /// Stops the worker once its job is done and nothing waits for it (the next job starts a
    /// new one).
    fn stop_worker_when_idle(&self) {
        let idle = {
            let inner = self.inner.borrow();
            !inner.busy && inner.pending_header.is_none()
        };
        if idle {
            self.stop_worker();
        }
    }

    /// The worker died (out of memory, say). When it was reading a file, that file is marked
    /// and left out, and the job starts again with the others: one file never loses the whole
    /// job. Otherwise (before the first file, or while putting the analysis together) the job
    /// fails as a whole.
    fn worker_stopped(&self, generation: u32, message: String) {
        let (job_id, culprit) = {
            let inner = self.inner.borrow();
            if inner.generation != generation || inner.worker.is_none() {
                return; // a worker already stopped or replaced
            }
            let culprit = if inner.busy { inner.reading.and_then(|index| inner.sources.get(index)).map(|(id, _)| *id) } else { None };
            (inner.next_job_id, culprit)
        };
        let Some(id) = culprit else {
            return self.dispatch.emit(Action::JobFailed { job_id, message });
        };
        self.stop_worker();
        self.inner.borrow_mut().failed.push(id);
        self.dispatch.emit(Action::InputFailed { id, message });
        self.start_job();
    }

    fn spawn(&self, inner: &mut ReaderInner) -> Result<(), JsValue> {
        let worker = browser::spawn_worker()?;
        let handle = self.clone();
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let data = event.data();
            let Some(text) = data.as_string() else {
                // The result, in transferred buffers (see `protocol`).
                return handle.done(&data);
            };
            match serde_json::from_str::<WorkerReply>(&text) {
                Ok(WorkerReply::Ready) => {
                    handle.inner.borrow_mut().ready = true;
                    handle.post_pending();
                }
                Ok(WorkerReply::Reading { job_id, index }) => {
                    let mut inner = handle.inner.borrow_mut();
                    if job_id == inner.next_job_id {
                        inner.reading = index;
                    }
                }
                Ok(reply) => {
                    if matches!(reply, WorkerReply::Failed { .. }) {
                        handle.finished(reply.job_id());
                    }
                    if let Some(action) = action_of(reply) {
                        handle.dispatch.emit(action);
                    }
                }
                Err(error) => {
                    let job_id = handle.inner.borrow().next_job_id;
                    handle.dispatch.emit(Action::JobFailed { job_id, message: format!("unreadable reply from the worker: {error}") });
                }
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        let handle = self.clone();
        inner.generation += 1;
        let generation = inner.generation;
        let on_error = Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(move |event: web_sys::ErrorEvent| handle.worker_stopped(generation, event.message()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        on_error.forget();
        inner.worker = Some(worker);
        inner.on_message = Some(on_message);
        inner.ready = false;
        Ok(())
    }
}

use wasm_bindgen::JsCast;

/// The model's view of a reply (`Ready` concerns the reader only).
fn action_of(reply: WorkerReply) -> Option<Action> {
    Some(match reply {
        WorkerReply::Progress { job_id, index, bytes, events } => Action::Progress { job_id, index, bytes, events },
        WorkerReply::FileDone { job_id, index, report } => Action::FileDone { job_id, index, report: Rc::new(report) },
        WorkerReply::FilesDone { job_id, reports } => {
            Action::FilesDone { job_id, reports: reports.into_iter().map(|(index, report)| (index, Rc::new(report))).collect() }
        }
        WorkerReply::Failed { job_id, message } => Action::JobFailed { job_id, message },
        WorkerReply::Ready | WorkerReply::Reading { .. } => return None,
    })
}

/// Reads a JS byte array in pieces (for `protocol::decode_result`).
struct JsReader {
    bytes: js_sys::Uint8Array,
    offset: u32,
}

impl std::io::Read for JsReader {
    fn read(&mut self, buffer: &mut [u8]) -> std::io::Result<usize> {
        let end = self.bytes.length().min(self.offset.saturating_add(buffer.len() as u32));
        let n = (end - self.offset) as usize;
        self.bytes.subarray(self.offset, end).copy_to(&mut buffer[..n]);
        self.offset = end;
        Ok(n)
    }
}

#[hook]
pub fn use_reader(state: &UseReducerHandle<Workbench>, pasted_name: &str) -> ReaderHandle {
    let inner = use_mut_ref(ReaderInner::default);
    let dispatcher = state.dispatcher();
    let dispatch = Callback::from(move |action| dispatcher.dispatch(action));
    ReaderHandle { inner, dispatch, pasted_name: Rc::from(pasted_name) }
}
