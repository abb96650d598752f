//! "Where your data goes": what stays in the tab, what is saved in this browser (and when it
//! was), what a shared link carries, a link to the static page that says it in detail
//! (`static/privacy.html`, `privacy.ja.html`), and the "Forget everything" button.

use crate::browser;
use crate::hooks::use_workbench;
use crate::state::{Action, StorageStatus};
use yew::prelude::*;

#[component(PrivacyPanel)]
pub fn privacy_panel() -> Html {
    let context = use_workbench();
    let state = &context.state;
    let texts = state.lang.texts();
    let onforget = {
        let state = state.clone();
        let reader = context.reader.clone();
        Callback::from(move |_| {
            reader.forget();
            browser::clear_location_fragment();
            state.dispatch(Action::ForgetEverything);
            let state = state.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Err(error) = browser::storage_clear().await {
                    state.dispatch(Action::StorageChanged(StorageStatus::Failed(error)));
                }
            });
        })
    };
    let storage_text = match &state.storage {
        StorageStatus::Unknown => texts.storage_unknown.to_owned(),
        StorageStatus::Empty => texts.storage_empty.to_owned(),
        StorageStatus::Saved => texts.storage_saved.to_owned(),
        StorageStatus::Restored => texts.storage_restored.to_owned(),
        StorageStatus::Forgotten => texts.storage_forgotten.to_owned(),
        StorageStatus::Failed(error) => format!("{}: {error}", texts.storage_failed),
        StorageStatus::Discarded(why) => format!("{}: {why}", texts.storage_discarded),
    };
    html! {
        <section class="privacy" aria-labelledby="privacy-heading" id="privacy">
            <h2 id="privacy-heading">{ texts.privacy_heading }</h2>
            <ul>
                <li>{ texts.privacy_tab }</li>
                <li>{ texts.privacy_saved }{ " " }<span id="storage-status" role="status">{ storage_text }</span></li>
                <li>{ texts.privacy_share }</li>
                <li><a id="privacy-page" href={texts.privacy_page}>{ texts.privacy_more }</a></li>
            </ul>
            <button type="button" id="forget" class="danger" onclick={onforget}>{ texts.forget_everything }</button>
        </section>
    }
}
