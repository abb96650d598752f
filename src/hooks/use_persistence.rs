//! Work survives a reload: on start, the saved session and analysis are read back from the
//! browser's storage (IndexedDB, see `browser`) and restored; afterwards every change of the
//! model's saved part is written (the analysis only when it is a new one). When nothing is left
//! to keep (no analysis, nothing chosen), the storage is emptied. Never raw logs: see `persist`.
//! Also opens `#policy=` links, at start and when the address's fragment changes.

use crate::browser;
use crate::persist::{self, ANALYSIS_KEY, SESSION_KEY};
use crate::share;
use crate::state::{Action, SharedPolicy, StorageStatus, Workbench};
use iam_engine::Analysis;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use yew::prelude::*;

thread_local! {
    /// The saved form of the latest analysis as the worker made it (gzip bytes, see `protocol`),
    /// with the analysis it belongs to.
    static OFFERED: std::cell::RefCell<Option<(std::rc::Weak<Analysis>, js_sys::Uint8Array)>> = const { std::cell::RefCell::new(None) };
}

/// Hands the persistence the bytes to save for `analysis` (the reader calls this with the
/// worker's result), so it does not encode and compress the analysis again.
pub fn offer_stored(analysis: &Rc<Analysis>, stored: js_sys::Uint8Array) {
    OFFERED.set(Some((Rc::downgrade(analysis), stored)));
}

/// The bytes to save for `analysis`: the worker's when they are for it, else encoded here.
fn stored_bytes(analysis: &Rc<Analysis>) -> JsValue {
    let offered = OFFERED.take().filter(|(offered, _)| std::ptr::eq(offered.as_ptr(), Rc::as_ptr(analysis)));
    match offered {
        Some((_, bytes)) => bytes.into(),
        None => js_sys::Uint8Array::from(persist::encode_analysis(analysis).as_slice()).into(),
    }
}

/// What was last written, to write only what changed.
#[derive(Default)]
struct Written {
    analysis: Option<Rc<Analysis>>,
    session: Option<Vec<u8>>,
}

#[hook]
pub fn use_persistence(state: &UseReducerHandle<Workbench>) {
    let loaded = use_state(|| false);
    let written = use_mut_ref(Written::default);
    {
        let state = state.clone();
        let loaded = loaded.clone();
        let written = written.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let status = match restore().await {
                    Ok(Some((saved, analysis))) => {
                        let mut remember = written.borrow_mut();
                        remember.analysis = analysis.clone();
                        remember.session = Some(persist::encode_session(&saved));
                        drop(remember);
                        state.dispatch(Action::Restore { saved: Box::new(saved), analysis });
                        StorageStatus::Restored
                    }
                    Ok(None) => StorageStatus::Empty,
                    Err(Restore::Refused(error)) => StorageStatus::Failed(error),
                    Err(Restore::Discarded(why)) => StorageStatus::Discarded(why),
                };
                // A database this release could not open was deleted and made again: say so
                // (once), whatever was read after.
                let status = match browser::take_storage_reset() {
                    Some(why) => StorageStatus::Discarded(why),
                    None => status,
                };
                state.dispatch(Action::StorageChanged(status));
                loaded.set(true);
            });
        });
    }
    // Writes after every change of what is saved (the session's bytes and the analysis).
    let session = persist::encode_session(state);
    let analysis = state.analysis.clone();
    {
        let state = state.clone();
        use_effect_with((*loaded, session, analysis), move |(loaded, session, analysis)| {
            if *loaded {
                let nothing_to_keep = analysis.is_none() && state.selected_principal.is_none();
                let mut remember = written.borrow_mut();
                let analysis_changed = !same_analysis(&remember.analysis, analysis);
                let session_changed = remember.session.as_ref() != Some(session);
                if analysis_changed || session_changed {
                    remember.analysis = analysis.clone();
                    remember.session = Some(session.clone());
                    drop(remember);
                    let session = session.clone();
                    let analysis = analysis.clone();
                    let state = state.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        let result = if nothing_to_keep {
                            browser::storage_clear().await.map(|()| StorageStatus::Empty)
                        } else if analysis_changed {
                            let analysis_bytes = analysis.as_ref().map(stored_bytes).unwrap_or_else(|| js_sys::Uint8Array::new_with_length(0).into());
                            browser::storage_put_js(&[(ANALYSIS_KEY, analysis_bytes), (SESSION_KEY, js_sys::Uint8Array::from(session.as_slice()).into())])
                                .await
                                .map(|()| StorageStatus::Saved)
                        } else {
                            browser::storage_put(&[(SESSION_KEY, &session)]).await.map(|()| StorageStatus::Saved)
                        };
                        if let Some(status) = state.storage.after_write(result.unwrap_or_else(StorageStatus::Failed)) {
                            state.dispatch(Action::StorageChanged(status));
                        }
                    });
                }
            }
        });
    }
}

fn same_analysis(left: &Option<Rc<Analysis>>, right: &Option<Rc<Analysis>>) -> bool {
    match (left, right) {
        (Some(left), Some(right)) => Rc::ptr_eq(left, right),
        (None, None) => true,
        _ => false,
    }
}

/// Why nothing was restored.
enum Restore {
    /// The browser's storage refused.
    Refused(String),
    /// What was saved could not be used, and was deleted.
    Discarded(String),
}

/// The saved session and analysis, if any; unreadable values are deleted (and reported).
async fn restore() -> Result<Option<(Workbench, Option<Rc<Analysis>>)>, Restore> {
    let Some(session_bytes) = browser::storage_get(SESSION_KEY).await.map_err(Restore::Refused)? else {
        return Ok(None);
    };
    let saved = match persist::decode_session(&session_bytes) {
        Ok(saved) => saved,
        Err(error) => {
            browser::storage_clear().await.map_err(Restore::Refused)?;
            return Err(Restore::Discarded(error));
        }
    };
    let analysis = match browser::storage_get(ANALYSIS_KEY).await.map_err(Restore::Refused)? {
        Some(bytes) if !bytes.is_empty() => match persist::decode_analysis(bytes.as_slice()) {
            Ok(analysis) => Some(Rc::new(analysis)),
            Err(error) => {
                browser::storage_clear().await.map_err(Restore::Refused)?;
                return Err(Restore::Discarded(error));
            }
        },
        _ => None,
    };
    Ok(Some((saved, analysis)))
}

/// Opens the policy a `#policy=` address carries, now and whenever the fragment changes.
#[hook]
pub fn use_shared_link(state: &UseReducerHandle<Workbench>) {
    let state = state.clone();
    use_effect_with((), move |_| {
        let open = move || {
            let texts = state.lang.texts();
            match share::policy_of_fragment(&browser::location_fragment()) {
                Some(Ok(text)) => state.dispatch(Action::OpenSharedPolicy(SharedPolicy::Policy(text))),
                Some(Err(error)) => state.dispatch(Action::OpenSharedPolicy(SharedPolicy::Invalid((texts.share_error)(error).to_owned()))),
                None => {}
            }
        };
        open();
        let guard = browser::on_fragment_change(open);
        move || drop(guard)
    });
}
