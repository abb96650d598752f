//! A policy opened from a `#policy=` link: shown read-only (as text, never as markup), with
//! Copy, Download and Close; or why the link could not be read.

use crate::browser;
use crate::hooks::use_workbench;
use crate::state::{Action, SharedPolicy};
use yew::prelude::*;

#[component(SharedPolicyPanel)]
pub fn shared_policy_panel() -> Html {
    let context = use_workbench();
    let state = &context.state;
    let texts = state.lang.texts();
    let Some(shared) = &state.shared_policy else {
        return html! {};
    };
    let onclose = {
        let state = state.clone();
        Callback::from(move |_| {
            browser::clear_location_fragment();
            state.dispatch(Action::CloseSharedPolicy);
        })
    };
    let body = match shared {
        SharedPolicy::Policy(text) => {
            let oncopy = {
                let text = text.clone();
                Callback::from(move |_| {
                    let text = text.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        let _ = browser::copy_to_clipboard(&text).await;
                    });
                })
            };
            let ondownload = {
                let text = text.clone();
                Callback::from(move |_| {
                    let _ = browser::download("shared-policy.json", &text, "application/json");
                })
            };
            html! {
                <>
                    <p>{ texts.shared_intro }</p>
                    <div class="toolbar">
                        <button type="button" id="shared-copy" onclick={oncopy}>{ texts.copy }</button>
                        <button type="button" id="shared-download" onclick={ondownload}>{ texts.download }</button>
                    </div>
                    <pre class="policy" id="shared-policy-json" tabindex="0" aria-label={texts.shared_heading}>{ iam_engine::text::json_visible(text).into_owned() }</pre>
                </>
            }
        }
        SharedPolicy::Invalid(reason) => html! { <p class="notice" role="alert" id="shared-invalid">{ format!("{}: {reason}", texts.shared_invalid) }</p> },
    };
    html! {
        <section class="panel shared" aria-labelledby="shared-heading" id="shared-policy">
            <div class="panel-head">
                <h2 id="shared-heading">{ texts.shared_heading }</h2>
                <button type="button" class="secondary" id="shared-close" onclick={onclose}>{ texts.close }</button>
            </div>
            { body }
        </section>
    }
}
