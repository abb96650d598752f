//! Proof, part four: IAM Access Analyzer's unused-access findings for the chosen principal
//! (`get-finding-v2`, dropped with the logs). Each unused action or service is listed with where
//! it is granted (the policy in the editor, the existing policy) and one click removes it from
//! both. Findings about an unused role, access key or password are said in a sentence.

use crate::components::shown;
use crate::hooks::{use_workbench, use_workspace, use_workspace_dispatch};
use crate::i18n::format_day;
use crate::state::workspace::WorkspaceAction;
use crate::workspace_view::unused_access_rows;
use yew::prelude::*;

#[component(UnusedAccessPanel)]
pub fn unused_access_panel() -> Html {
    let context = use_workbench();
    let texts = context.state.lang.texts().workspace;
    let workspace = use_workspace();
    let dispatch = use_workspace_dispatch();
    let Some(analysis) = context.state.analysis.as_ref() else {
        return html! {};
    };
    let principal_arn = &workspace.view.principal_arn;
    let findings: Vec<_> = analysis.unused_access.iter().filter(|finding| &finding.resource == principal_arn).collect();
    if findings.is_empty() {
        return html! {};
    }
    let rows = unused_access_rows(&analysis.unused_access, principal_arn, &workspace.view);
    html! {
        <section class="proof unused-access" aria-labelledby="unused-access-heading">
            <h3 id="unused-access-heading">{ texts.unused_access_heading }</h3>
            { for findings.iter().filter(|finding| finding.finding_type != "UnusedPermission").map(|finding| html! {
                <p class="notice unused-finding" key={finding.id.clone().unwrap_or_else(|| finding.finding_type.clone())}>
                    { (texts.unused_finding)(&finding.finding_type, finding.last_accessed.map(format_day).as_deref()) }
                </p>
            }) }
            if !rows.is_empty() {
                <p class="hint">{ texts.unused_access_intro }</p>
                <ul class="calls" id="unused-access">
                    { for rows.iter().map(|row| {
                        let removable = row.in_policy || row.in_existing || !row.generated_actions.is_empty();
                        let onremove = {
                            let action = WorkspaceAction::RemoveUnusedAccess { action: row.action.clone(), generated_actions: row.generated_actions.clone() };
                            dispatch.reform(move |_| action.clone())
                        };
                        html! {
                            <li key={row.action.clone()} data-action={row.action.clone()}>
                                <span>{ shown(&(texts.unused_access_entry)(&row.action, row.last_accessed.map(format_day).as_deref())) }</span>
                                <span class="hint">{ format!(" ({})", (texts.unused_access_where)(row.in_policy, row.in_existing)) }</span>
                                if removable {
                                    { " " }
                                    <button type="button" class="small" onclick={onremove} aria-label={(texts.remove_unused_label)(&row.action)}>{ texts.remove_unused }</button>
                                }
                            </li>
                        }
                    }) }
                </ul>
            }
        </section>
    }
}
