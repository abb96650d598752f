//! The only module that touches the browser's files (and reads their bytes: `BlobReader`),
//! folders, downloads, clipboard, worker, service worker registration, storage (IndexedDB) and
//! address bar: the rest of the app deals in plain data.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// What the user gave us: a file (its handle only; bytes are read in the worker) or pasted text.
#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    File(web_sys::File),
    /// A file found by walking a dropped folder, with its path inside the folder
    /// (`AWSLogs/111122223333/CloudTrail/…/x.json.gz`): the browser's `File` only knows its name.
    FileAt {
        file: web_sys::File,
        path: String,
    },
    Text(String),
}

impl Source {
    pub fn name(&self, pasted_name: &str) -> String {
        match self {
            Source::File(file) => {
                // Files from a dropped folder carry their path inside it.
                let relative = js_sys::Reflect::get(file, &"webkitRelativePath".into()).ok().and_then(|value| value.as_string()).unwrap_or_default();
                if relative.is_empty() {
                    file.name()
                } else {
                    relative
                }
            }
            Source::FileAt { path, .. } => path.clone(),
            Source::Text(_) => pasted_name.to_owned(),
        }
    }

    pub fn size(&self) -> u64 {
        match self {
            Source::File(file) | Source::FileAt { file, .. } => file.size() as u64,
            Source::Text(text) => text.len() as u64,
        }
    }

    fn to_js(&self) -> JsValue {
        match self {
            Source::File(file) | Source::FileAt { file, .. } => file.clone().into(),
            Source::Text(text) => JsValue::from_str(text),
        }
    }
}

/// A blob's bytes in pieces of up to `BlobReader::PIECE_BYTES`, for the reading worker.
///
/// Where the browser gives blobs a byte stream (Chromium, Firefox, Safari 17+), a BYOB ("bring your
/// own buffer") reader fills two 4 MiB `ArrayBuffer`s in turn (each moved into a read and handed
/// back): reading a gigabyte leaves no garbage behind, and the next read is under way while the
/// engine folds the bytes of the last one. Elsewhere, `Blob.slice(…).arrayBuffer()` piece by
/// piece (a new buffer each time, freed by the garbage collector). The worker used to read
/// slices with `FileReaderSync`: the tab grew by up to 250 MB of such buffers while reading 1 GB,
/// and reading alone took 5.4 s of it (1.3 s with the stream).
pub struct BlobReader {
    blob: web_sys::Blob,
    stream: Option<ByobReader>,
    /// Where the next slice starts (without a stream).
    offset: f64,
}

impl BlobReader {
    pub const PIECE_BYTES: u32 = 4 * 1024 * 1024;

    /// Reads through the blob's byte stream when the browser has one, else in slices.
    pub fn new(blob: &web_sys::Blob) -> BlobReader {
        BlobReader { blob: blob.clone(), stream: ByobReader::open(blob), offset: 0.0 }
    }

    /// Reads in slices, whatever the browser has (the fallback, so it can be tested).
    pub fn sliced(blob: &web_sys::Blob) -> BlobReader {
        BlobReader { blob: blob.clone(), stream: None, offset: 0.0 }
    }

    /// Whether this reader uses the byte stream.
    pub fn streams(&self) -> bool {
        self.stream.is_some()
    }

    /// The next bytes (valid until the next call), or `None` at the end. After an error, stop
    /// calling.
    pub async fn next(&mut self) -> Result<Option<js_sys::Uint8Array>, JsValue> {
        if let Some(stream) = &mut self.stream {
            return stream.next().await;
        }
        let size = self.blob.size();
        if self.offset >= size {
            return Ok(None);
        }
        let end = (self.offset + f64::from(Self::PIECE_BYTES)).min(size);
        let buffer = wasm_bindgen_futures::JsFuture::from(self.blob.slice_with_f64_and_f64(self.offset, end)?.array_buffer()).await?;
        self.offset = end;
        Ok(Some(js_sys::Uint8Array::new(&buffer)))
    }
}

/// The byte-stream half of `BlobReader`.
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
        js_sys::Reflect::set(&options, &"min".into(), &JsValue::from(BlobReader::PIECE_BYTES)).ok()?;
        let free = vec![js_sys::ArrayBuffer::new(BlobReader::PIECE_BYTES), js_sys::ArrayBuffer::new(BlobReader::PIECE_BYTES)];
        Some(ByobReader { reader, read, options, pending: None, free, handed_out: None, ended: false })
    }

    fn start_read(&mut self) -> Result<(), JsValue> {
        let buffer = self.free.pop().ok_or("the reader has no free buffer")?;
        let promise: js_sys::Promise = self.read.call2(&self.reader, &js_sys::Uint8Array::new(&buffer), &self.options)?.dyn_into()?;
        self.pending = Some(wasm_bindgen_futures::JsFuture::from(promise));
        Ok(())
    }

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

pub fn files_of(list: Option<web_sys::FileList>) -> Vec<Source> {
    let Some(list) = list else {
        return Vec::new();
    };
    (0..list.length()).filter_map(|index| list.get(index)).map(Source::File).collect()
}

/// The browser's preferred language (`navigator.language`).
pub fn browser_language() -> String {
    web_sys::window().map(|window| window.navigator().language().unwrap_or_default()).unwrap_or_default()
}

/// Starts the reading worker. Its script is resolved against the document's base URL, so the
/// site works under any path prefix.
pub fn spawn_worker() -> Result<web_sys::Worker, JsValue> {
    web_sys::Worker::new("./worker_loader.js")
}

/// Registers the service worker (`sw.js`, next to index.html, so its scope is the site's folder
/// whatever the path prefix), which keeps the site's own files for use offline. Browsers without
/// service workers, and pages not served over HTTPS or from localhost, go without: the page works
/// the same online.
pub fn register_service_worker() {
    let Some(window) = web_sys::window() else {
        return;
    };
    // `navigator.serviceWorker` through Reflect: it is undefined where service workers are not
    // available, which the typed binding does not express.
    let container = js_sys::Reflect::get(&window.navigator(), &"serviceWorker".into()).unwrap_or(JsValue::UNDEFINED);
    if container.is_undefined() || container.is_null() {
        return;
    }
    let Ok(register) = js_sys::Reflect::get(&container, &"register".into()).and_then(|value| value.dyn_into::<js_sys::Function>()) else {
        return;
    };
    let Ok(promise) = register.call1(&container, &"./sw.js".into()) else {
        return;
    };
    // Awaited so that a refusal (a private window, storage disabled) is not an unhandled rejection.
    wasm_bindgen_futures::spawn_local(async move {
        let _ = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::from(promise)).await;
    });
}

/// Sends one job: a JSON header and the sources (File handles are cloned by the browser, not
/// copied).
pub fn post_job(worker: &web_sys::Worker, header: &str, sources: &[&Source]) -> Result<(), JsValue> {
    let message = js_sys::Object::new();
    js_sys::Reflect::set(&message, &"request".into(), &JsValue::from_str(header))?;
    // The worker maps events with the catalog the page fetched (it has none compiled in).
    if let Some(bytes) = CATALOG_BYTES.with_borrow(|bytes| bytes.clone()) {
        js_sys::Reflect::set(&message, &"catalog".into(), &bytes)?;
    }
    let array: js_sys::Array = sources.iter().map(|source| source.to_js()).collect();
    js_sys::Reflect::set(&message, &"sources".into(), &array)?;
    worker.post_message(&message)
}

thread_local! {
    /// The IAM catalog file as the page fetched it, for the reading worker.
    static CATALOG_BYTES: std::cell::RefCell<Option<js_sys::Uint8Array>> = const { std::cell::RefCell::new(None) };
}

/// Keeps the fetched catalog file's bytes, to send them to the reading worker with each job.
pub fn remember_catalog_bytes(bytes: &[u8]) {
    CATALOG_BYTES.set(Some(js_sys::Uint8Array::from(bytes)));
}

/// Offers `text` as a file download named `file_name`.
pub fn download(file_name: &str, text: &str, mime_type: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime_type);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let document = gloo_document()?;
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    web_sys::Url::revoke_object_url(&url)?;
    Ok(())
}

/// Copies `text` to the clipboard.
pub async fn copy_to_clipboard(text: &str) -> Result<(), JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let promise = window.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.map(|_| ())
}

/// Fetches one of the site's own files (relative to the document base) as bytes.
pub async fn fetch_bytes(relative_url: &str) -> Result<Vec<u8>, String> {
    let window = web_sys::window().ok_or("no window")?;
    let response = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(relative_url)).await.map_err(|error| format!("{relative_url}: {error:?}"))?;
    let response: web_sys::Response = response.unchecked_into();
    if !response.ok() {
        return Err(format!("{relative_url}: HTTP {}", response.status()));
    }
    let buffer = wasm_bindgen_futures::JsFuture::from(response.array_buffer().map_err(|error| format!("{error:?}"))?)
        .await
        .map_err(|error| format!("{relative_url}: {error:?}"))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Wraps bytes as a `File`, so they travel to the worker like a dropped file.
pub fn file_from_bytes(name: &str, bytes: &[u8]) -> Result<Source, JsValue> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    Ok(Source::File(web_sys::File::new_with_u8_array_sequence(&parts, name)?))
}

fn gloo_document() -> Result<web_sys::Document, JsValue> {
    web_sys::window().and_then(|window| window.document()).ok_or_else(|| JsValue::from_str("no document"))
}

/// Today's UTC day, from the browser's clock (the engine never reads one).
pub fn today() -> iam_engine::Day {
    let seconds = (js_sys::Date::now() / 1000.0).floor() as i64;
    iam_engine::Timestamp(seconds).day()
}

// ---------------------------------------------------------------------------------------------
// Dropped folders. The drop event's items are only readable while the event is dispatched, so
// `dropped` takes what it needs synchronously (files, and directory entries to walk); walking
// the directories is asynchronous (`readEntries` and `file` take callbacks). The entry objects
// are used through their JavaScript properties only (`isFile`, `isDirectory`, `name`,
// `fullPath`, `createReader`, `readEntries`, `file`), so a test can hand in plain objects shaped
// like them.

/// What a drop carried: files to read now, and folders to walk.
pub struct Dropped {
    pub files: Vec<Source>,
    /// `FileSystemDirectoryEntry` objects.
    pub directories: Vec<JsValue>,
}

/// Reads a drop's items during the event.
pub fn dropped(transfer: &web_sys::DataTransfer) -> Dropped {
    let items = transfer.items();
    let mut files = Vec::new();
    let mut directories = Vec::new();
    let mut entries_supported = true;
    for index in 0..items.length() {
        let Some(item) = items.get(index) else { continue };
        if item.kind() != "file" {
            continue;
        }
        let entry = call_method(&item, "webkitGetAsEntry", &[]);
        match entry {
            Ok(entry) if flag(&entry, "isDirectory") => directories.push(entry),
            Ok(_) => {
                if let Ok(Some(file)) = item.get_as_file() {
                    files.push(Source::File(file));
                }
            }
            Err(_) => entries_supported = false,
        }
    }
    if !entries_supported {
        // A browser without `webkitGetAsEntry`: the plain file list (folders are not readable).
        return Dropped { files: files_of(transfer.files()), directories: Vec::new() };
    }
    Dropped { files, directories }
}

/// Every file under these directory entries, depth first, sorted by path (so the order, and with
/// it the analysis, does not depend on the order the browser lists entries in). Hidden files
/// (`.DS_Store`, `._x`) are skipped. Each file keeps its path inside the dropped folder, the
/// folder's own name first.
pub async fn walk_directories(directories: Vec<JsValue>) -> Result<Vec<Source>, String> {
    let mut pending = directories;
    let mut found: Vec<Source> = Vec::new();
    while let Some(entry) = pending.pop() {
        let name = string_property(&entry, "name");
        if name.starts_with('.') {
            continue;
        }
        if flag(&entry, "isDirectory") {
            let reader = call_method(&entry, "createReader", &[]).map_err(|error| describe(&name, &error))?;
            // `readEntries` answers in batches (100 at a time in Chromium) until an empty one.
            loop {
                let batch = callback_promise(&reader, "readEntries", &[]).await.map_err(|error| describe(&name, &error))?;
                let batch: js_sys::Array = batch.unchecked_into();
                if batch.length() == 0 {
                    break;
                }
                pending.extend(batch.iter());
            }
        } else if flag(&entry, "isFile") {
            let file = callback_promise(&entry, "file", &[]).await.map_err(|error| describe(&name, &error))?;
            let path = string_property(&entry, "fullPath");
            let path = path.trim_start_matches('/');
            let path = if path.is_empty() { name } else { path.to_owned() };
            found.push(Source::FileAt { file: file.unchecked_into(), path });
        }
    }
    found.sort_by_key(|source| source.name(""));
    Ok(found)
}

fn describe(name: &str, error: &JsValue) -> String {
    let message = js_sys::Reflect::get(error, &"message".into()).ok().and_then(|value| value.as_string()).or_else(|| error.as_string());
    format!("{name}: {}", message.unwrap_or_else(|| "the browser could not list this folder".to_owned()))
}

fn flag(object: &JsValue, property: &str) -> bool {
    object.is_object() && js_sys::Reflect::get(object, &property.into()).map(|value| value.is_truthy()).unwrap_or(false)
}

fn string_property(object: &JsValue, property: &str) -> String {
    js_sys::Reflect::get(object, &property.into()).ok().and_then(|value| value.as_string()).unwrap_or_default()
}

/// Calls `object.method(...arguments)`; an error if there is no such method.
fn call_method(object: &JsValue, method: &str, arguments: &[JsValue]) -> Result<JsValue, JsValue> {
    let function: js_sys::Function = js_sys::Reflect::get(object, &method.into())?.dyn_into().map_err(|_| JsValue::from_str(&format!("no {method}")))?;
    function.apply(object, &arguments.iter().collect::<js_sys::Array>())
}

/// Calls `object.method(...arguments, onSuccess, onError)` and waits for either callback.
async fn callback_promise(object: &JsValue, method: &str, arguments: &[JsValue]) -> Result<JsValue, JsValue> {
    let mut call_error = None;
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        let mut all: Vec<JsValue> = arguments.to_vec();
        all.push(resolve.into());
        all.push(reject.into());
        if let Err(error) = call_method(object, method, &all) {
            call_error = Some(error);
        }
    });
    if let Some(error) = call_error {
        return Err(error);
    }
    wasm_bindgen_futures::JsFuture::from(promise).await
}

// ---------------------------------------------------------------------------------------------
// Storage: one IndexedDB database with one object store of byte values under a few keys
// (`persist` decides what goes in). IndexedDB rather than localStorage: a saved analysis of 100k
// events is several MB of JSON, and localStorage holds about 5 MB of text and blocks the page
// while it writes.

const DATABASE_NAME: &str = "iam-workbench";
const STORE_NAME: &str = "saved";

async fn request_done(request: &web_sys::IdbRequest) -> Result<JsValue, String> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.map_err(|_| storage_error(request.error().ok().flatten()))?;
    request.result().map_err(|error| format!("{error:?}"))
}

fn storage_error(error: Option<web_sys::DomException>) -> String {
    error.map(|error| format!("{}: {}", error.name(), error.message())).unwrap_or_else(|| "the browser's storage refused the request".to_owned())
}

thread_local! {
    /// Why the storage was started afresh, until the persistence takes it to say so.
    static STORAGE_RESET: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Why the page's storage was deleted and started afresh since last asked, if it was: a database
/// left at a higher version (a newer release, or tampering) refuses to open at ours for good
/// (`VersionError`), and one without our object store cannot hold anything.
pub fn take_storage_reset() -> Option<String> {
    STORAGE_RESET.with_borrow_mut(Option::take)
}

/// The page's database, opened; a database in a form this release cannot use is deleted and
/// made again (and `take_storage_reset` says why).
async fn open_database() -> Result<web_sys::IdbDatabase, String> {
    let window = web_sys::window().ok_or("no window")?;
    let factory = window.indexed_db().map_err(|_| "storage is not available in this browser".to_owned())?.ok_or("storage is not available in this browser")?;
    let reason = match open_database_once(&factory).await {
        Ok(database) if database.object_store_names().contains(STORE_NAME) => return Ok(database),
        Ok(database) => {
            database.close();
            format!("the saved data has no \"{STORE_NAME}\" store")
        }
        Err(error) if error.starts_with("VersionError") => error,
        Err(error) => return Err(error),
    };
    let deleting = factory.delete_database(DATABASE_NAME).map_err(|error| format!("{error:?}"))?;
    request_done(&deleting).await?;
    STORAGE_RESET.set(Some(reason));
    open_database_once(&factory).await
}

async fn open_database_once(factory: &web_sys::IdbFactory) -> Result<web_sys::IdbDatabase, String> {
    let request = factory.open_with_u32(DATABASE_NAME, 1).map_err(|error| format!("{error:?}"))?;
    let on_upgrade = Closure::once_into_js(move |event: web_sys::Event| {
        let request: web_sys::IdbOpenDbRequest = event.target().expect("an upgrade event has a target").unchecked_into();
        if let Ok(result) = request.result() {
            let database: web_sys::IdbDatabase = result.unchecked_into();
            if !database.object_store_names().contains(STORE_NAME) {
                let _ = database.create_object_store(STORE_NAME);
            }
        }
    });
    request.set_onupgradeneeded(Some(on_upgrade.unchecked_ref()));
    let database = request_done(&request).await?;
    Ok(database.unchecked_into())
}

async fn transaction_done(transaction: &web_sys::IdbTransaction) -> Result<(), String> {
    let promise = js_sys::Promise::new(&mut |resolve, reject| {
        transaction.set_oncomplete(Some(&resolve));
        transaction.set_onerror(Some(&reject));
        transaction.set_onabort(Some(&reject));
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.map(|_| ()).map_err(|_| storage_error(transaction.error()))
}

/// Writes these values in one transaction: all or none.
pub async fn storage_put(values: &[(&str, &[u8])]) -> Result<(), String> {
    let values: Vec<(&str, JsValue)> = values.iter().map(|(key, bytes)| (*key, js_sys::Uint8Array::from(*bytes).into())).collect();
    storage_put_js(&values).await
}

/// As `storage_put`, with values already in JS (a `Uint8Array`: saved without a copy into the
/// page's memory).
pub async fn storage_put_js(values: &[(&str, JsValue)]) -> Result<(), String> {
    let database = open_database().await?;
    let transaction = database.transaction_with_str_and_mode(STORE_NAME, web_sys::IdbTransactionMode::Readwrite).map_err(|error| format!("{error:?}"))?;
    let store = transaction.object_store(STORE_NAME).map_err(|error| format!("{error:?}"))?;
    for (key, bytes) in values {
        store.put_with_key(bytes, &JsValue::from_str(key)).map_err(|error| format!("{error:?}"))?;
    }
    let done = transaction_done(&transaction).await;
    database.close();
    done
}

/// Reads one value; `None` when nothing is stored under `key`.
pub async fn storage_get(key: &str) -> Result<Option<Vec<u8>>, String> {
    let database = open_database().await?;
    let transaction = database.transaction_with_str(STORE_NAME).map_err(|error| format!("{error:?}"))?;
    let store = transaction.object_store(STORE_NAME).map_err(|error| format!("{error:?}"))?;
    let request = store.get(&JsValue::from_str(key)).map_err(|error| format!("{error:?}"))?;
    let value = request_done(&request).await;
    database.close();
    let value = value?;
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    Ok(value.dyn_into::<js_sys::Uint8Array>().ok().map(|bytes| bytes.to_vec()))
}

/// Deletes everything the page stored.
pub async fn storage_clear() -> Result<(), String> {
    let database = open_database().await?;
    let transaction = database.transaction_with_str_and_mode(STORE_NAME, web_sys::IdbTransactionMode::Readwrite).map_err(|error| format!("{error:?}"))?;
    let store = transaction.object_store(STORE_NAME).map_err(|error| format!("{error:?}"))?;
    store.clear().map_err(|error| format!("{error:?}"))?;
    let done = transaction_done(&transaction).await;
    database.close();
    done
}

// ---------------------------------------------------------------------------------------------
// The address bar: shared policies travel in the fragment (`#policy=…`), which browsers never
// send to the server.

/// The fragment without its `#`.
pub fn location_fragment() -> String {
    web_sys::window().and_then(|window| window.location().hash().ok()).map(|hash| hash.trim_start_matches('#').to_owned()).unwrap_or_default()
}

/// This page's address with `fragment` (without `#`), for a link to share.
pub fn address_with_fragment(fragment: &str) -> String {
    let href = web_sys::window().and_then(|window| window.location().href().ok()).unwrap_or_default();
    let base = href.split('#').next().unwrap_or_default();
    format!("{base}#{fragment}")
}

/// Removes the fragment from the address bar without reloading or adding a history entry.
pub fn clear_location_fragment() {
    let Some(window) = web_sys::window() else { return };
    let location = window.location();
    let address = format!("{}{}", location.pathname().unwrap_or_default(), location.search().unwrap_or_default());
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&address));
    }
}

/// Calls `on_change` whenever the fragment changes (a shared link pasted into this tab); the
/// listener lives as long as the returned guard.
pub fn on_fragment_change(on_change: impl Fn() + 'static) -> Option<EventListenerGuard> {
    let window = web_sys::window()?;
    let closure = Closure::<dyn Fn(web_sys::Event)>::new(move |_event: web_sys::Event| on_change());
    window.add_event_listener_with_callback("hashchange", closure.as_ref().unchecked_ref()).ok()?;
    Some(EventListenerGuard { target: window.into(), event: "hashchange", closure })
}

/// Removes its listener when dropped.
pub struct EventListenerGuard {
    target: web_sys::EventTarget,
    event: &'static str,
    closure: Closure<dyn Fn(web_sys::Event)>,
}

impl Drop for EventListenerGuard {
    fn drop(&mut self) {
        let _ = self.target.remove_event_listener_with_callback(self.event, self.closure.as_ref().unchecked_ref());
    }
}

/// A wall-clock reading in milliseconds, for throttling progress messages (never for results).
pub fn now_millis() -> f64 {
    js_sys::Date::now()
}
