//! The resource kit: for one resource ARN (typed, or picked from the observed resources), its
//! ReadOnly and ReadWrite policies from the IAM catalog alone, to create with the resource and
//! delete with it. With copy, download and the equivalent `iamwb kit` command.

use crate::browser;
use crate::hooks::use_workbench;
use crate::state::workspace::WorkspaceAction;
use crate::state::Action;
use crate::workspace_view::observed_resources;
use iam_engine::export::shell_word;
use iam_engine::kit::{kit, KitOptions};
use std::collections::BTreeSet;
use yew::prelude::*;

/// Most observed resources offered in the picker.
const PICKER_LIMIT: usize = 500;

#[component(ResourceKit)]
pub fn resource_kit() -> Html {
    let context = use_workbench();
    let texts = context.state.lang.texts();
    let workspace_texts = texts.workspace;
    let copied = use_state(|| None::<&'static str>);
    let tools = context.state.workspace.tools.clone();
    let observed: Vec<String> = match &context.state.analysis {
        Some(analysis) => {
            let all: BTreeSet<String> = analysis.activity.principals.iter().flat_map(observed_resources).collect();
            all.into_iter().take(PICKER_LIMIT).collect()
        }
        None => Vec::new(),
    };
    let arn = tools.kit_arn.trim().to_owned();
    let result = match (context.catalog.ready(), arn.is_empty()) {
        (Some(catalog), false) => Some(kit(&arn, catalog, &KitOptions { permissions_management: tools.kit_permissions_management })),
        _ => None,
    };
    let onarn = {
        let state = context.state.clone();
        let permissions_management = tools.kit_permissions_management;
        let copied = copied.clone();
        Callback::from(move |event: InputEvent| {
            copied.set(None);
            let arn = event.target_unchecked_into::<web_sys::HtmlInputElement>().value();
            state.dispatch(Action::Workspace(WorkspaceAction::SetKit { arn, permissions_management }));
        })
    };
    let onpermissions = {
        let state = context.state.clone();
        let arn = tools.kit_arn.clone();
        Callback::from(move |event: Event| {
            let permissions_management = event.target_unchecked_into::<web_sys::HtmlInputElement>().checked();
            state.dispatch(Action::Workspace(WorkspaceAction::SetKit { arn: arn.clone(), permissions_management }));
        })
    };
    let policy_block = |id: &'static str, heading: &'static str, copy_label: &'static str, download_label: &'static str, file_name: String, text: String| {
        let oncopy = {
            let text = text.clone();
            let copied = copied.clone();
            Callback::from(move |_| {
                let text = text.clone();
                let copied = copied.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    if browser::copy_to_clipboard(&text).await.is_ok() {
                        copied.set(Some(id));
                    }
                });
            })
        };
        let ondownload = {
            let text = text.clone();
            Callback::from(move |_| {
                let _ = browser::download(&file_name, &text, "application/json");
            })
        };
        html! {
            <div class="kit-policy">
                <h4>{ heading }</h4>
                <div class="toolbar">
                    <button type="button" id={format!("copy-{id}")} onclick={oncopy}>{ if *copied == Some(id) { texts.copied } else { copy_label } }</button>
                    <button type="button" id={format!("download-{id}")} onclick={ondownload}>{ download_label }</button>
                </div>
                <pre id={id} tabindex="0" aria-label={heading}>{ text }</pre>
            </div>
        }
    };
    let mut command = format!("iamwb kit {}", shell_word(if arn.is_empty() { "ARN" } else { &arn }));
    if tools.kit_permissions_management {
        command.push_str(" --permissions-management");
    }
    html! {
        <section class="panel tool" aria-labelledby="kit-heading" id="resource-kit">
            <h3 id="kit-heading">{ workspace_texts.kit_heading }</h3>
            <p class="hint">{ workspace_texts.kit_intro }</p>
            <div class="row">
                <label class="stacked grow">
                    <span>{ workspace_texts.kit_arn }</span>
                    <input type="text" id="kit-arn" list="observed-resources" value={tools.kit_arn.clone()} oninput={onarn}
                        spellcheck="false" placeholder="arn:aws:s3:::my-bucket" />
                </label>
                <datalist id="observed-resources">
                    { for observed.iter().filter(|resource| !iam_engine::text::has_hidden(resource)).map(|resource| html! { <option key={resource.clone()} value={resource.clone()} /> }) }
                </datalist>
            </div>
            <label class="check">
                <input type="checkbox" id="kit-permissions-management" checked={tools.kit_permissions_management} onchange={onpermissions} />
                { workspace_texts.kit_permissions_management }
            </label>
            { match result {
                Some(Ok(kit)) => html! {
                    <>
                        <p class="hint" id="kit-types">{ (workspace_texts.kit_types)(&kit.resource_types.join(", ")) }</p>
                        <div class="kit-grid">
                            { policy_block("kit-read-only", workspace_texts.kit_read_only, workspace_texts.copy_read_only, workspace_texts.download_read_only,
                                format!("{}-read-only.json", kit.name), kit.read_only.to_canonical_json()) }
                            { policy_block("kit-read-write", workspace_texts.kit_read_write, workspace_texts.copy_read_write, workspace_texts.download_read_write,
                                format!("{}-read-write.json", kit.name), kit.read_write.to_canonical_json()) }
                        </div>
                        <pre class="command" id="kit-command" tabindex="0">{ command }</pre>
                    </>
                },
                Some(Err(error)) => html! { <p class="notice" id="kit-error">{ format!("{} {error}", workspace_texts.kit_error) }</p> },
                None => html! {},
            } }
        </section>
    }
}
