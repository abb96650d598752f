//! Hooks that connect the model to the browser: the workbench context, the reading worker, the
//! IAM catalog, storage across reloads and shared links.

mod use_catalog;
mod use_persistence;
mod use_reader;
mod use_workspace;

pub use use_catalog::{use_catalog, CatalogState};
pub use use_persistence::{offer_stored, use_persistence, use_shared_link};
pub use use_reader::{use_reader, ReaderHandle};
pub use use_workspace::{use_workspace, use_workspace_dispatch, WorkspaceContext};

use crate::state::Workbench;
use yew::prelude::*;

/// Everything a component needs: the model (and its dispatcher) and the reader.
#[derive(Clone, PartialEq)]
pub struct WorkbenchContext {
    pub state: UseReducerHandle<Workbench>,
    pub reader: ReaderHandle,
    /// The IAM catalog, fetched once from the site.
    pub catalog: CatalogState,
}

/// The workbench context, provided once by `App`.
#[hook]
pub fn use_workbench() -> WorkbenchContext {
    use_context::<WorkbenchContext>().expect("components are rendered inside App, which provides the workbench context")
}
