//! Where: how far the policy's resources reach. One radio per generalisation level (auto, exact,
//! prefix, type, service), each with its breadth, size and number of policies, so the choice is
//! made knowing what it costs; and whether generalisation may reach other accounts.

use crate::hooks::{use_workbench, use_workspace, use_workspace_dispatch};
use crate::state::workspace::WorkspaceAction;
use iam_engine::synth::ResourceChoice;
use yew::prelude::*;

const CHOICES: [(ResourceChoice, &str); 5] = [
    (ResourceChoice::Auto, "auto"),
    (ResourceChoice::Exact, "exact"),
    (ResourceChoice::Prefix, "prefix"),
    (ResourceChoice::Type, "type"),
    (ResourceChoice::Service, "service"),
];

#[component(GeneraliseControl)]
pub fn generalise_control() -> Html {
    let context = use_workbench();
    let texts = context.state.lang.texts().workspace;
    let workspace = use_workspace();
    let dispatch = use_workspace_dispatch();
    let edit = &workspace.workspace.edit;
    let synthesis = &workspace.view.synthesis;
    let oncrossaccount =
        dispatch.reform(|event: Event| WorkspaceAction::SetAllowCrossAccount(event.target_unchecked_into::<web_sys::HtmlInputElement>().checked()));
    html! {
        <fieldset class="generalise" id="generalise">
            <legend>{ texts.where_heading }</legend>
            <p class="legend-detail">{ texts.generalise_legend }</p>
            <div class="choices">
                { for CHOICES.iter().map(|(choice, name)| {
                    let summary = match choice {
                        ResourceChoice::Auto => synthesis.levels.iter().find(|level| level.level == synthesis.level_used),
                        _ => synthesis.levels.iter().find(|level| level.level.as_str() == *name),
                    };
                    let figures = summary.map(|level| (texts.level_figures)(level.breadth.score, level.chars, level.documents, level.fits)).unwrap_or_default();
                    let detail = if *choice == ResourceChoice::Auto {
                        format!("{} · {}", (texts.auto_uses)((texts.level_name)(synthesis.level_used.as_str())), figures)
                    } else {
                        figures
                    };
                    let id = format!("level-{name}");
                    let onchange = {
                        let choice = *choice;
                        dispatch.reform(move |_: Event| WorkspaceAction::SetResources(choice))
                    };
                    html! {
                        <label key={*name} class={classes!("choice", (edit.resources == *choice).then_some("chosen"))} for={id.clone()}>
                            <input type="radio" name="generalise" id={id} value={*name} checked={edit.resources == *choice} {onchange} />
                            <span class="choice-name">{ (texts.level_name)(name) }</span>
                            <span class="choice-hint">{ (texts.level_hint)(name) }</span>
                            <span class="choice-figures" id={format!("breadth-{name}")}>{ detail }</span>
                        </label>
                    }
                }) }
            </div>
            <label class="check">
                <input type="checkbox" id="allow-cross-account" checked={edit.allow_cross_account} onchange={oncrossaccount} />
                { texts.allow_cross_account }
            </label>
        </fieldset>
    }
}
