//! The IAM catalog: fetched once from the site's own `iam-catalog.json.gz` (the file the CLI
//! compiles in) and parsed by the engine.

use crate::browser;
use iam_engine::catalog::{Catalog, FILE_NAME};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Clone, Debug)]
pub enum CatalogState {
    Loading,
    Ready(Rc<Catalog>),
    Failed(String),
}

impl PartialEq for CatalogState {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (CatalogState::Loading, CatalogState::Loading) => true,
            (CatalogState::Ready(left), CatalogState::Ready(right)) => Rc::ptr_eq(left, right),
            (CatalogState::Failed(left), CatalogState::Failed(right)) => left == right,
            _ => false,
        }
    }
}

impl CatalogState {
    pub fn ready(&self) -> Option<&Rc<Catalog>> {
        match self {
            CatalogState::Ready(catalog) => Some(catalog),
            _ => None,
        }
    }
}

/// The catalog: `given` when there is one (browser tests), else fetched once from the site.
#[hook]
pub fn use_catalog(given: Option<Rc<Catalog>>) -> CatalogState {
    let fetch = given.is_none();
    let state = use_state(move || given.map(CatalogState::Ready).unwrap_or(CatalogState::Loading));
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            if !fetch {
                return;
            }
            wasm_bindgen_futures::spawn_local(async move {
                let loaded = match browser::fetch_bytes(&format!("./{FILE_NAME}")).await {
                    Ok(bytes) => {
                        browser::remember_catalog_bytes(&bytes);
                        Catalog::from_gzip(&bytes)
                            .map(|catalog| CatalogState::Ready(Rc::new(catalog)))
                            .unwrap_or_else(|error| CatalogState::Failed(error.to_string()))
                    }
                    Err(error) => CatalogState::Failed(error),
                };
                state.set(loaded);
            });
        });
    }
    (*state).clone()
}
