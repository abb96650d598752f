//! Step 4: the chosen principal's workspace, laid out as who / where / what / when / why, the
//! live policy editor and the export, with the proof (coverage, size, diff) in a column that
//! stays in view. Undo and redo: buttons, Ctrl+Z, Ctrl+Shift+Z and Ctrl+Y anywhere inside.

use crate::components::actions_table::ActionsTable;
use crate::components::condition_controls::ConditionControls;
use crate::components::coverage_meter::CoverageMeter;
use crate::components::diff_panel::DiffPanel;
use crate::components::export_panel::ExportPanel;
use crate::components::generalise_control::GeneraliseControl;
use crate::components::last_accessed_panel::LastAccessedPanel;
use crate::components::policy_editor::PolicyEditor;
use crate::components::share_panel::SharePanel;
use crate::components::shown;
use crate::components::size_meter::SizeMeter;
use crate::components::unused_access_panel::UnusedAccessPanel;
use crate::components::why_editor::WhyEditor;
use crate::components::workspace_provider::WorkspaceProvider;
use crate::hooks::{use_workbench, use_workspace, use_workspace_dispatch};
use crate::state::workspace::WorkspaceAction;
use yew::prelude::*;

/// The undo or redo a key press asks for, if any.
pub fn history_shortcut(key: &str, control_or_command: bool, shift: bool) -> Option<WorkspaceAction> {
    if !control_or_command {
        return None;
    }
    match (key.to_ascii_lowercase().as_str(), shift) {
        ("z", false) => Some(WorkspaceAction::Undo),
        ("z", true) | ("y", false) => Some(WorkspaceAction::Redo),
        _ => None,
    }
}

#[component(PrincipalWorkspace)]
pub fn principal_workspace() -> Html {
    let context = use_workbench();
    let texts = context.state.lang.texts();
    if context.state.analysis.is_none() {
        return html! {};
    }
    html! {
        <section class="panel workspace" id="workspace" aria-labelledby="workspace-heading">
            <h2 id="workspace-heading">{ texts.workspace.heading }</h2>
            <WorkspaceProvider>
                <WorkspaceLayout />
            </WorkspaceProvider>
        </section>
    }
}

/// The workspace once a principal is chosen and its view derived.
#[component(WorkspaceLayout)]
pub fn workspace_layout() -> Html {
    let context = use_workbench();
    let texts = context.state.lang.texts().workspace;
    let workspace = use_workspace();
    let dispatch = use_workspace_dispatch();
    let principal = context.state.analysis.as_ref().and_then(|analysis| analysis.activity.principal(&workspace.view.principal_arn));
    let onkeydown = {
        let dispatch = dispatch.clone();
        Callback::from(move |event: KeyboardEvent| {
            // Fields outside the model's history (the pasted existing policy) keep the browser's own undo.
            let native = event.target_dyn_into::<web_sys::Element>().is_some_and(|element| element.has_attribute("data-native-undo"));
            if native {
                return;
            }
            if let Some(action) = history_shortcut(&event.key(), event.ctrl_key() || event.meta_key(), event.shift_key()) {
                event.prevent_default();
                dispatch.emit(action);
            }
        })
    };
    let onundo = dispatch.reform(|_| WorkspaceAction::Undo);
    let onredo = dispatch.reform(|_| WorkspaceAction::Redo);
    html! {
        <div class="workspace-body" {onkeydown}>
            <div class="workspace-head">
                <p class="who">
                    <span class="label">{ texts.who }</span>
                    <code id="workspace-principal">{ shown(&workspace.view.principal_arn) }</code>
                    if let Some(principal) = principal {
                        <span class="kind">{ format!(" ({})", (context.state.lang.texts().kind_name)(principal.kind.as_str())) }</span>
                    }
                </p>
                <div class="toolbar" role="toolbar" aria-label={texts.undo_keys}>
                    <button id="undo" type="button" onclick={onundo} disabled={!workspace.workspace.can_undo()} title={texts.undo_keys}>{ texts.undo }</button>
                    <button id="redo" type="button" onclick={onredo} disabled={!workspace.workspace.can_redo()} title={texts.undo_keys}>{ texts.redo }</button>
                </div>
            </div>
            if workspace.workspace.replaced_hand_edits {
                <p class="notice" role="status" id="replaced-notice">{ texts.replaced_hand_edits }</p>
            }
            <div class="workspace-grid">
                <div class="workspace-main">
                    <GeneraliseControl />
                    <ActionsTable />
                    <LastAccessedPanel />
                    <ConditionControls />
                    <WhyEditor />
                    <PolicyEditor />
                    <ExportPanel />
                    // Share the policy as shown, once it is one.
                    if workspace.view.documents.is_ok() {
                        <SharePanel policy={AttrValue::from(workspace.view.text.clone())} lang={context.state.lang} />
                    }
                </div>
                <aside class="workspace-proof" aria-label={texts.proof_label}>
                    <CoverageMeter />
                    <SizeMeter />
                    <DiffPanel />
                    <UnusedAccessPanel />
                </aside>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keyboard_shortcuts_undo_and_redo() {
        assert_eq!(history_shortcut("z", true, false), Some(WorkspaceAction::Undo));
        assert_eq!(history_shortcut("Z", true, true), Some(WorkspaceAction::Redo));
        assert_eq!(history_shortcut("y", true, false), Some(WorkspaceAction::Redo));
        assert_eq!(history_shortcut("z", false, false), None);
        assert_eq!(history_shortcut("a", true, false), None);
    }
}
