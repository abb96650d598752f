//! Sharing a policy (never logs) through the address: a warning that the policy names account
//! IDs and ARNs, the option to replace account IDs with placeholders, then the link and a Copy
//! button.

use crate::browser;
use crate::i18n::Lang;
use crate::share::{fragment_of, with_placeholders};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SharePanelProps {
    /// The policy text to share, as shown.
    pub policy: AttrValue,
    pub lang: Lang,
}

#[component(SharePanel)]
pub fn share_panel(props: &SharePanelProps) -> Html {
    let texts = props.lang.texts();
    let open = use_state(|| false);
    let placeholders = use_state(|| true);
    let link = use_state(|| None::<String>);
    let copied = use_state(|| false);
    // A new policy or choice makes the old link stale.
    {
        let link = link.clone();
        let copied = copied.clone();
        use_effect_with((props.policy.clone(), *placeholders), move |_| {
            link.set(None);
            copied.set(false);
        });
    }
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |_| open.set(!*open))
    };
    let onplaceholders = {
        let placeholders = placeholders.clone();
        Callback::from(move |event: Event| {
            let input: web_sys::HtmlInputElement = event.target_unchecked_into();
            placeholders.set(input.checked());
        })
    };
    let oncreate = {
        let link = link.clone();
        let policy = props.policy.clone();
        let placeholders = *placeholders;
        Callback::from(move |_| {
            let text = if placeholders { with_placeholders(&policy) } else { policy.to_string() };
            link.set(Some(browser::address_with_fragment(&fragment_of(&text))));
        })
    };
    let oncopy = {
        let link = link.clone();
        let copied = copied.clone();
        Callback::from(move |_| {
            let Some(text) = (*link).clone() else { return };
            let copied = copied.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if browser::copy_to_clipboard(&text).await.is_ok() {
                    copied.set(true);
                }
            });
        })
    };
    html! {
        <section class="panel share" aria-labelledby="share-heading" id="share">
            <h2 id="share-heading">{ texts.share_heading }</h2>
            <button type="button" class="secondary" id="share-toggle" aria-expanded={open.to_string()} aria-controls="share-body" onclick={ontoggle}>
                { texts.share_button }
            </button>
            if *open {
                <div id="share-body">
                    <p class="warning" id="share-warning">{ texts.share_warning }</p>
                    <label class="checkbox">
                        <input type="checkbox" id="share-placeholders" checked={*placeholders} onchange={onplaceholders} />
                        { texts.share_placeholders }
                    </label>
                    <div class="toolbar">
                        <button type="button" id="share-create" onclick={oncreate}>{ texts.share_create }</button>
                    </div>
                    if let Some(address) = (*link).clone() {
                        <label for="share-link">{ texts.share_link_label }</label>
                        <input id="share-link" type="text" readonly=true value={address} />
                        <div class="toolbar">
                            <button type="button" id="share-copy" onclick={oncopy}>{ if *copied { texts.copied } else { texts.copy_link } }</button>
                        </div>
                    }
                </div>
            }
        </section>
    }
}
