//! The only module that touches the browser's files, downloads, clipboard and worker: the rest of
//! the app deals in plain data.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// What the user gave us: a file (its handle only; bytes are read in the worker) or pasted text.
#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    File(web_sys::File),
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
            Source::Text(_) => pasted_name.to_owned(),
        }
    }

    pub fn size(&self) -> u64 {
        match self {
            Source::File(file) => file.size() as u64,
            Source::Text(text) => text.len() as u64,
        }
    }

    fn to_js(&self) -> JsValue {
        match self {
            Source::File(file) => file.clone().into(),
            Source::Text(text) => JsValue::from_str(text),
        }
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

/// Sends one job: a JSON header and the sources (File handles are cloned by the browser, not
/// copied).
pub fn post_job(worker: &web_sys::Worker, header: &str, sources: &[Source]) -> Result<(), JsValue> {
    let message = js_sys::Object::new();
    js_sys::Reflect::set(&message, &"request".into(), &JsValue::from_str(header))?;
    let array: js_sys::Array = sources.iter().map(Source::to_js).collect();
    js_sys::Reflect::set(&message, &"sources".into(), &array)?;
    worker.post_message(&message)
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
