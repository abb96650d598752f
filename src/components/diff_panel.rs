//! Proof, part three: the comparison with an existing policy (pasted: a policy document,
//! `get-policy-version` output, or the policy Access Analyzer generated; or chosen from the
//! dropped files by `PolicySources`: authorization details, policy files, Access Analyzer). Granted but unused
//! entries can be removed from it one by one; used but not granted calls are listed with counts
//! and last seen; and the existing policy can be taken into the editor to refine it.

use crate::components::policy_sources::PolicySources;
use crate::components::shown;
use crate::hooks::{use_workbench, use_workspace, use_workspace_dispatch};
use crate::state::workspace::WorkspaceAction;
use iam_engine::diff::EntryKind;
use yew::prelude::*;

#[component(DiffPanel)]
pub fn diff_panel() -> Html {
    let context = use_workbench();
    let texts = context.state.lang.texts().workspace;
    let workspace = use_workspace();
    let dispatch = use_workspace_dispatch();
    let existing_text = workspace.workspace.existing_policy.clone();
    let onpaste =
        dispatch.reform(|event: InputEvent| WorkspaceAction::SetExistingPolicy(event.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value()));
    let onuse = dispatch.reform(|_| WorkspaceAction::UseExistingPolicy);
    let existing = &workspace.view.existing;
    html! {
        <section class="proof diff" aria-labelledby="diff-heading">
            <h3 id="diff-heading">{ texts.diff_heading }</h3>
            <PolicySources />
            <details open={!existing_text.is_empty()}>
                <summary>{ texts.existing_label }</summary>
                <label for="existing-policy" class="visually-hidden">{ texts.existing_label }</label>
                <textarea id="existing-policy" rows="6" value={existing_text} oninput={onpaste} data-native-undo="true"
                    spellcheck="false" placeholder={texts.existing_placeholder} />
            </details>
            if let Some(existing) = existing {
                if let Err(error) = &existing.documents {
                    <p class="notice" id="existing-error">{ format!("{} {}", texts.existing_unreadable, error.message) }</p>
                }
                if let Some(diff) = &existing.diff {
                    <p id="existing-coverage" class={classes!(if diff.coverage.is_complete() { "ok" } else { "bad" })}>
                        { (texts.existing_coverage)(diff.coverage.ratio, diff.coverage.allowed_calls, diff.coverage.successful_calls) }
                    </p>
                    // A policy that allows none of the calls has no breadth to compare (the line
                    // above already says it allows 0 %).
                    if let (Some(theirs), Some(ours)) = (existing.breadth_existing.as_ref().filter(|theirs| theirs.grants > 0), &existing.breadth_ours) {
                        <p class="hint" id="breadth-compare">{ (texts.breadth_compare)(theirs.score, ours.score) }</p>
                    }
                    <h4>{ format!("{} ({})", texts.unused_heading, diff.unused.len()) }</h4>
                    if diff.unused.is_empty() {
                        <p class="hint">{ texts.nothing_unused }</p>
                    } else {
                        <ul class="calls unused" id="unused-grants">
                            { for diff.unused.iter().map(|grant| {
                                let kind = match grant.kind {
                                    EntryKind::Action => "action",
                                    EntryKind::Resource => "resource",
                                };
                                let onremove = {
                                    let action = WorkspaceAction::RemoveExistingEntry {
                                        document: grant.statement.policy,
                                        statement: grant.statement.index,
                                        kind: grant.kind,
                                        entry: grant.entry.clone(),
                                    };
                                    dispatch.reform(move |_| action.clone())
                                };
                                html! {
                                    <li key={format!("{}:{}", grant.statement.policy, grant.pointer)}>
                                        <span>{ shown(&(texts.unused_entry)(kind, &grant.entry, &grant.recommendation)) }</span>
                                        if !grant.used.is_empty() {
                                            <span class="hint">{ format!(" — {}", (texts.narrow_hint)(&grant.used, grant.unused_actions)) }</span>
                                        }
                                        if grant.recommendation == "remove" {
                                            { " " }
                                            <button type="button" class="small" onclick={onremove} aria-label={(texts.remove_label)(&grant.entry)}>{ texts.remove }</button>
                                        }
                                    </li>
                                }
                            }) }
                        </ul>
                    }
                    <h4>{ format!("{} ({})", texts.missing_heading, diff.missing.len()) }</h4>
                    if diff.missing.is_empty() {
                        <p class="hint">{ texts.nothing_missing }</p>
                    } else {
                        <ul class="calls missing" id="missing-grants">
                            { for diff.missing.iter().map(|grant| html! {
                                <li key={format!("{} {}", grant.action, grant.resource.as_deref().unwrap_or("*"))}>
                                    { shown(&(texts.missing_entry)(grant.calls, &grant.action, grant.resource.as_deref(), &grant.last_seen.to_rfc3339()[..10])) }
                                </li>
                            }) }
                        </ul>
                    }
                    <button type="button" id="use-existing" class="secondary" onclick={onuse}>{ texts.use_existing }</button>
                }
            }
        </section>
    }
}
