//! Derives the chosen principal's workspace view (synthesis, policy in effect, lint, simulation,
//! size, diff) from the model once per change and provides it to the workspace's components. The
//! synthesis, the expensive part, is recomputed only when what it depends on changes (not when
//! the user types a Sid, a description or JSON).

use crate::hooks::{use_workbench, CatalogState, WorkspaceContext};
use crate::state::workspace::{PolicyEdit, PrincipalWorkspace};
use crate::workspace_view::{synthesise_for, view};
use iam_engine::{Analysis, Catalog, Synthesis};
use std::rc::Rc;
use yew::prelude::*;

/// An `Rc` compared by address: the analysis and the catalog never change in place, and comparing
/// them by value would cost more than the work the memo saves.
#[derive(Clone)]
struct ByAddress<T>(Option<Rc<T>>);

impl<T> PartialEq for ByAddress<T> {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (Some(left), Some(right)) => Rc::ptr_eq(left, right),
            (None, None) => true,
            _ => false,
        }
    }
}

/// The part of an edit the synthesis depends on.
fn generation_key(edit: &PolicyEdit) -> PolicyEdit {
    PolicyEdit { sids: Default::default(), description: String::new(), policy_name: String::new(), hand_text: None, ..edit.clone() }
}

#[derive(Properties, PartialEq)]
pub struct WorkspaceProviderProps {
    pub children: Html,
}

#[component(WorkspaceProvider)]
pub fn workspace_provider(props: &WorkspaceProviderProps) -> Html {
    let context = use_workbench();
    let state = &context.state;
    let texts = state.lang.texts();
    let arn = state.selected_principal.clone();
    let analysis: Option<Rc<Analysis>> = state.analysis.clone();
    let catalog: Option<Rc<Catalog>> = context.catalog.ready().cloned();
    let workspace: PrincipalWorkspace = arn.as_deref().and_then(|arn| state.workspace.principal(arn)).cloned().unwrap_or_default();
    let synthesis: Rc<Option<Rc<Synthesis>>> =
        use_memo((ByAddress(analysis.clone()), arn.clone(), ByAddress(catalog.clone()), generation_key(&workspace.edit)), |(analysis, arn, catalog, edit)| {
            let (Some(analysis), Some(arn), Some(catalog)) = (&analysis.0, arn, &catalog.0) else {
                return None;
            };
            analysis.activity.principal(arn).map(|principal| Rc::new(synthesise_for(principal, catalog, edit)))
        });
    let derived: Rc<Option<WorkspaceContext>> = use_memo(
        (ByAddress((*synthesis).clone()), ByAddress(analysis), arn, ByAddress(catalog), workspace),
        |(synthesis, analysis, arn, catalog, workspace)| {
            let (Some(synthesis), Some(analysis), Some(arn), Some(catalog)) = (&synthesis.0, &analysis.0, arn, &catalog.0) else {
                return None;
            };
            let principal = analysis.activity.principal(arn)?;
            let view = view(principal, catalog, (**synthesis).clone(), workspace);
            Some(WorkspaceContext { view: Rc::new(view), workspace: Rc::new(workspace.clone()) })
        },
    );
    match (&*derived, &context.catalog) {
        (Some(derived), _) => html! {
            <ContextProvider<WorkspaceContext> context={derived.clone()}>
                { props.children.clone() }
            </ContextProvider<WorkspaceContext>>
        },
        (None, CatalogState::Loading) if state.selected_principal.is_some() => html! { <p class="hint">{ texts.catalog_loading }</p> },
        (None, CatalogState::Failed(error)) => html! { <p class="notice">{ format!("{}: {error}", texts.catalog_failed) }</p> },
        (None, _) => html! { <p class="hint">{ texts.choose_principal_hint }</p> },
    }
}
