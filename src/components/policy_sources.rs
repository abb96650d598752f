//! The existing policies the dropped files offer for the chosen principal, in the diff panel:
//! what `get-account-authorization-details` says applies to it now (inline, managed and group
//! policies), Access Analyzer's generated policy, a policy file. One click makes one the policy
//! compared with (`Analysis::policy_sources`, the choice `iamwb diff` makes without `--policy`).
//! The authorization details' policies are what applies now, so they become the existing policy
//! by themselves when a principal is chosen (or the files change) and nothing is compared yet.

use crate::components::shown;
use crate::hooks::{use_workbench, use_workspace, use_workspace_dispatch};
use crate::state::workspace::WorkspaceAction;
use iam_engine::ingest::imported::{PolicyOrigin, PolicySource, PolicySourceKind};
use iam_engine::policy_text::documents_text;
use iam_engine::Policy;
use yew::prelude::*;

/// The text the diff panel compares with when this source is chosen.
pub fn source_text(source: &PolicySource) -> String {
    let documents: Vec<Policy> = source.policies.iter().map(|policy| policy.document.clone()).collect();
    documents_text(&documents)
}

#[component(PolicySources)]
pub fn policy_sources() -> Html {
    let context = use_workbench();
    let texts = context.state.lang.texts().workspace;
    let workspace = use_workspace();
    let dispatch = use_workspace_dispatch();
    let analysis = context.state.analysis.clone();
    let sources = analysis.as_ref().map(|analysis| analysis.policy_sources(&workspace.view.principal_arn)).unwrap_or_default();
    {
        let dispatch = dispatch.clone();
        let current_is_empty = workspace.workspace.existing_policy.trim().is_empty();
        let applies_now = sources.first().filter(|source| source.kind == PolicySourceKind::AuthorizationDetails).map(source_text);
        let analysis_identity = analysis.as_ref().map(|analysis| std::rc::Rc::as_ptr(analysis) as usize);
        use_effect_with((workspace.view.principal_arn.clone(), analysis_identity), move |_| {
            if let (true, Some(text)) = (current_is_empty, applies_now) {
                dispatch.emit(WorkspaceAction::SetExistingPolicy(text));
            }
        });
    }
    if sources.is_empty() {
        return html! {};
    }
    html! {
        <div class="policy-sources" id="policy-sources">
            <h4>{ texts.sources_heading }</h4>
            <ul>
                { for sources.iter().enumerate().map(|(index, source)| {
                    let description = match source.kind {
                        PolicySourceKind::AuthorizationDetails => {
                            let names: Vec<String> = source.policies.iter().map(|policy| policy.name.clone()).collect();
                            (texts.source_authorization)(&names)
                        }
                        PolicySourceKind::AccessAnalyzer => {
                            let placeholders: usize = source
                                .policies
                                .iter()
                                .map(|policy| match &policy.origin {
                                    PolicyOrigin::AccessAnalyzerGenerated { placeholders, .. } => placeholders.len(),
                                    _ => 0,
                                })
                                .sum();
                            (texts.source_access_analyzer)(&source.label, placeholders)
                        }
                        PolicySourceKind::PolicyFile => (texts.source_policy_file)(&source.label, source.policies.len()),
                    };
                    let text = source_text(source);
                    let current = workspace.workspace.existing_policy == text;
                    let onclick = dispatch.reform(move |_| WorkspaceAction::SetExistingPolicy(text.clone()));
                    html! {
                        <li key={format!("{index}:{}", source.label)}>
                            <span>{ shown(&description) }</span>
                            { " " }
                            <button type="button" class="small" id={format!("compare-source-{index}")} aria-pressed={current.to_string()}
                                aria-label={(texts.compare_label)(&description)} {onclick}>{ texts.compare_with }</button>
                            { for source.missing.iter().map(|missing| html! {
                                <p class="hint" key={missing.clone()}>{ shown(&(texts.source_missing)(missing)) }</p>
                            }) }
                        </li>
                    }
                }) }
            </ul>
        </div>
    }
}
