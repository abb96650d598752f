//! The principal workspace's derived view, shared by its components: computed once per change by
//! `WorkspaceProvider` and read with `use_workspace()`; and the dispatcher of workspace actions.

use crate::state::workspace::{PrincipalWorkspace, WorkspaceAction};
use crate::state::Action;
use crate::workspace_view::WorkspaceView;
use std::rc::Rc;
use yew::prelude::*;

/// What the workspace's components read: the derived view and the model part it comes from.
#[derive(Clone, Debug)]
pub struct WorkspaceContext {
    pub view: Rc<WorkspaceView>,
    pub workspace: Rc<PrincipalWorkspace>,
}

impl PartialEq for WorkspaceContext {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.view, &other.view) && Rc::ptr_eq(&self.workspace, &other.workspace)
    }
}

/// The workspace context, provided by `WorkspaceProvider`.
#[hook]
pub fn use_workspace() -> WorkspaceContext {
    use_context::<WorkspaceContext>().expect("workspace components are rendered inside WorkspaceProvider")
}

/// A callback that applies a workspace action to the model.
#[hook]
pub fn use_workspace_dispatch() -> Callback<WorkspaceAction> {
    let context = super::use_workbench();
    let dispatcher = context.state.dispatcher();
    Callback::from(move |action| dispatcher.dispatch(Action::Workspace(action)))
}
