//! What: the actions the principal used in the window, with their service, access level (from the
//! catalog), calls, last seen and resources, and whether the policy in effect allows them (from
//! the simulator, so hand edits of the JSON show here). Each action's resources are folded under
//! the pattern of the policy that grants them ("exports/* ← 57 observed resources"); resources
//! nothing grants are listed apart, unfolded. The checkboxes include or exclude an
//! action, or one resource of it, from the generated policy.

use crate::components::shown;
use crate::hooks::{use_workbench, use_workspace, use_workspace_dispatch};
use crate::i18n::format_day;
use crate::i18n::workspace::{grouped, WorkspaceTexts};
use crate::state::workspace::WorkspaceAction;
use crate::workspace_view::{pattern_groups, ActionRow, Granted, ResourceRow};
use yew::prelude::*;

fn granted_cell(texts: &WorkspaceTexts, granted: Granted) -> Html {
    let (class, text) = match granted {
        Granted::All => ("granted-all", texts.granted_all),
        Granted::Partly => ("granted-partly", texts.granted_partly),
        Granted::None => ("granted-none", texts.granted_none),
        Granted::Unknown => ("granted-unknown", texts.granted_unknown),
    };
    html! { <span class={classes!("granted", class)}>{ text }</span> }
}

/// One observed resource of an action: its checkbox, its calls, and whether the policy grants it.
fn resource_item(texts: &'static WorkspaceTexts, dispatch: &Callback<WorkspaceAction>, row: &ActionRow, resource: &ResourceRow) -> Html {
    let key = resource.resource.clone().unwrap_or_default();
    let label = resource.resource.clone().unwrap_or_else(|| texts.no_resource_logged.to_owned());
    html! {
        <li key={key} class={classes!((!resource.included).then_some("excluded"))}>
            if let Some(arn) = resource.resource.clone() {
                <label class="check">
                    <input type="checkbox" checked={resource.included} disabled={!row.included}
                        aria-label={(texts.include_resource)(&row.action, &arn)}
                        onchange={
                            let action = row.action.clone();
                            dispatch.reform(move |event: Event| WorkspaceAction::SetResourceIncluded {
                                action: action.clone(),
                                resource: arn.clone(),
                                included: event.target_unchecked_into::<web_sys::HtmlInputElement>().checked(),
                            })
                        } />
                    <span class="arn" title={shown(&label)}>{ shown(&label) }</span>
                </label>
            } else {
                <span class="hint">{ label }</span>
            }
            { " " }<span class="count">{ format!("×{}", grouped(resource.calls)) }</span>
            if row.resources.len() > 1 { <>{ " " }{ granted_cell(texts, resource.granted) }</> }
        </li>
    }
}

/// Patterns shown before the rest of an action's patterns fold away ("and 11 more").
const PATTERNS_SHOWN: usize = 2;

/// An action's resources: each pattern of the policy that grants some, with the observed
/// resources folded under it; the resources nothing grants unfolded; past `PATTERNS_SHOWN`
/// entries, the rest folded too.
fn resources_cell(texts: &'static WorkspaceTexts, dispatch: &Callback<WorkspaceAction>, row: &ActionRow) -> Html {
    let entries: Vec<Html> = pattern_groups(row)
        .into_iter()
        .flat_map(|group| -> Vec<Html> {
            match group.pattern {
                Some(pattern) if group.folds() => {
                    let items: Html = group.resources.iter().map(|resource| resource_item(texts, dispatch, row, resource)).collect();
                    vec![html! {
                        <li key={format!("pattern {pattern}")} class="pattern">
                            <details>
                                <summary title={shown(pattern)}>
                                    <span class="arn">{ shown(pattern) }</span>{ " " }
                                    <span class="count">{ (texts.pattern_covers)(group.resources.len(), group.calls, &format_day(group.last_seen)) }</span>
                                </summary>
                                <ul class="resources">{ items }</ul>
                            </details>
                        </li>
                    }]
                }
                _ => group.resources.iter().map(|resource| resource_item(texts, dispatch, row, resource)).collect(),
            }
        })
        .collect();
    // Folding one entry away would save nothing: fold only two or more.
    let hidden = if entries.len() > PATTERNS_SHOWN + 1 { entries.len() - PATTERNS_SHOWN } else { 0 };
    let mut entries = entries.into_iter();
    let shown_first: Html = entries.by_ref().take(if hidden > 0 { PATTERNS_SHOWN } else { usize::MAX }).collect();
    html! {
        <ul class="resources">
            { shown_first }
            if hidden > 0 {
                <li key="more" class="pattern more">
                    <details>
                        <summary>{ (texts.more_patterns)(hidden) }</summary>
                        <ul class="resources">{ for entries }</ul>
                    </details>
                </li>
            }
        </ul>
    }
}

#[component(ActionsTable)]
pub fn actions_table() -> Html {
    let context = use_workbench();
    let texts = context.state.lang.texts().workspace;
    let workspace = use_workspace();
    let dispatch = use_workspace_dispatch();
    let rows = &workspace.view.actions;
    let synthesis = &workspace.view.synthesis;
    html! {
        <section class="what" aria-labelledby="what-heading">
            <h3 id="what-heading">{ texts.what_heading }</h3>
            if rows.is_empty() {
                <p class="hint" id="no-calls">{ texts.no_calls_in_window }</p>
            } else {
                <div class="table-scroll">
                    <table class="actions" id="actions-table">
                        <caption>{ texts.actions_caption }</caption>
                        <thead><tr>
                            <th scope="col">{ texts.column_include }</th>
                            <th scope="col">{ texts.column_action }</th>
                            <th scope="col">{ texts.column_access }</th>
                            <th scope="col" class="number">{ texts.column_calls }</th>
                            <th scope="col">{ texts.column_last_seen }</th>
                            <th scope="col">{ texts.column_resources }</th>
                            <th scope="col">{ texts.column_granted }</th>
                        </tr></thead>
                        <tbody>
                            { for rows.iter().map(|row| {
                                let onaction = {
                                    let action = row.action.clone();
                                    dispatch.reform(move |event: Event| WorkspaceAction::SetActionIncluded {
                                        action: action.clone(),
                                        included: event.target_unchecked_into::<web_sys::HtmlInputElement>().checked(),
                                    })
                                };
                                html! {
                                    <tr key={row.action.clone()} class={classes!((!row.included).then_some("excluded"))} data-action={row.action.clone()}>
                                        <td><input type="checkbox" checked={row.included} onchange={onaction} aria-label={(texts.include_action)(&row.action)} /></td>
                                        <th scope="row" class="action-name" title={row.action.clone()}>
                                            <span class="service">{ format!("{}:", row.service) }</span><wbr />
                                            { row.action.split_once(':').map(|(_, name)| name.to_owned()).unwrap_or_else(|| row.action.clone()) }
                                        </th>
                                        <td>{ row.access_level.map(texts.access_level).unwrap_or("—") }</td>
                                        <td class="number">{ grouped(row.calls) }</td>
                                        <td title={row.last_seen.to_rfc3339()}>{ format_day(row.last_seen) }</td>
                                        <td>{ resources_cell(texts, &dispatch, row) }</td>
                                        <td>{ granted_cell(texts, row.granted) }</td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                </div>
            }
            if !synthesis.warnings.is_empty() {
                <h4>{ texts.warnings_heading }</h4>
                <ul class="warnings" id="synthesis-warnings">
                    { for synthesis.warnings.iter().map(|warning| html! {
                        <li>{ shown(&match (texts.warning_kind)(warning.kind) {
                            Some(title) => format!("{title}: {}", warning.message),
                            None => warning.message.clone(),
                        }) }</li>
                    }) }
                </ul>
            }
            if !synthesis.suggestions.is_empty() {
                <details class="suggestions" id="suggestions">
                    <summary>{ format!("{} ({})", texts.suggestions_heading, synthesis.suggestions.len()) }</summary>
                    <ul>
                        { for synthesis.suggestions.iter().map(|suggestion| html! {
                            <li>
                                <strong>{ (texts.suggestion_kind)(suggestion.kind) }</strong>{ " " }
                                { (texts.suggestion_text)(&suggestion.action, &suggestion.resources, &suggestion.reason) }
                            </li>
                        }) }
                    </ul>
                </details>
            }
        </section>
    }
}
