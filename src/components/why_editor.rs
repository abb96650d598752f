//! Why: the managed policy's name and description, and a Sid per statement saying what it is
//! for. Sids of the generated policy are kept as renames (they survive regeneration); with hand
//! edits the JSON itself is rewritten.

use crate::hooks::{use_workbench, use_workspace, use_workspace_dispatch};
use crate::state::workspace::WorkspaceAction;
use yew::prelude::*;

#[component(WhyEditor)]
pub fn why_editor() -> Html {
    let context = use_workbench();
    let texts = context.state.lang.texts().workspace;
    let workspace = use_workspace();
    let dispatch = use_workspace_dispatch();
    let edit = &workspace.workspace.edit;
    let principal_name = iam_engine::principal::name_of(&workspace.view.principal_arn).unwrap_or("principal").to_owned();
    let onname = dispatch.reform(|event: InputEvent| WorkspaceAction::SetPolicyName(event.target_unchecked_into::<web_sys::HtmlInputElement>().value()));
    let ondescription =
        dispatch.reform(|event: InputEvent| WorkspaceAction::SetDescription(event.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value()));
    html! {
        <fieldset class="why" id="why">
            <legend>{ texts.why_heading }</legend>
            <div class="row">
                <label class="stacked">
                    <span>{ texts.policy_name_label }</span>
                    <input type="text" id="policy-name" value={edit.policy_name.clone()} oninput={onname}
                        placeholder={(texts.policy_name_placeholder)(&principal_name)} spellcheck="false" />
                </label>
                <label class="stacked grow">
                    <span>{ texts.description_label }</span>
                    <textarea id="policy-description" rows="2" value={edit.description.clone()} oninput={ondescription}
                        placeholder={texts.description_placeholder} />
                </label>
            </div>
            if !workspace.view.statements.is_empty() {
                <details class="sids" id="sids">
                    <summary>{ format!("{} ({})", texts.statements_legend, workspace.view.statements.len()) }</summary>
                    <p class="hint">{ texts.sid_hint }</p>
                    <ol class="statement-list">
                        { for workspace.view.statements.iter().map(|statement| {
                            let oninput = {
                                let index = statement.index;
                                let generated_sid = statement.generated_sid.clone();
                                dispatch.reform(move |event: InputEvent| WorkspaceAction::RenameStatement {
                                    index,
                                    generated_sid: generated_sid.clone(),
                                    sid: event.target_unchecked_into::<web_sys::HtmlInputElement>().value(),
                                })
                            };
                            html! {
                                <li key={statement.index}>
                                    <label>
                                        <span class="visually-hidden">{ (texts.sid_label)(statement.index + 1) }</span>
                                        <input type="text" class="sid" id={format!("sid-{}", statement.index)} value={statement.sid.clone().unwrap_or_default()}
                                            {oninput} pattern="[A-Za-z0-9]*" spellcheck="false" />
                                    </label>
                                    <span class="statement-summary">{ statement.summary.clone() }</span>
                                </li>
                            }
                        }) }
                    </ol>
                </details>
            }
        </fieldset>
    }
}
