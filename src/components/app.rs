//! The root: owns the model and the reader, provides them as context, and lays out the steps.

use crate::browser;
use crate::components::findings_panel::FindingsPanel;
use crate::components::input_panel::InputPanel;
use crate::components::principal_table::PrincipalTable;
use crate::components::principal_workspace::PrincipalWorkspace;
use crate::components::privacy_panel::PrivacyPanel;
use crate::components::query_builder::QueryBuilder;
use crate::components::resource_kit::ResourceKit;
use crate::components::shared_policy_panel::SharedPolicyPanel;
use crate::components::summary_panel::SummaryPanel;
use crate::hooks::{use_catalog, use_persistence, use_reader, use_shared_link, CatalogState, WorkbenchContext};
use crate::i18n::Lang;
use crate::state::{Action, Workbench};
use iam_engine::Catalog;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties)]
pub struct WorkbenchProviderProps {
    /// The model to start from.
    pub initial: Workbench,
    /// A catalog to use instead of fetching the site's (browser tests).
    #[prop_or_default]
    pub catalog: Option<Rc<Catalog>>,
    pub children: Html,
}

impl PartialEq for WorkbenchProviderProps {
    fn eq(&self, other: &Self) -> bool {
        // The catalog is compared by address: it never changes in place.
        let same_catalog = match (&self.catalog, &other.catalog) {
            (Some(left), Some(right)) => Rc::ptr_eq(left, right),
            (None, None) => true,
            _ => false,
        };
        same_catalog && self.initial == other.initial && self.children == other.children
    }
}

/// Owns the model and the reader and provides them to its children (the whole page; a single
/// component in browser tests).
#[component(WorkbenchProvider)]
pub fn workbench_provider(props: &WorkbenchProviderProps) -> Html {
    let state = {
        let initial = props.initial.clone();
        use_reducer(move || initial)
    };
    let reader = use_reader(&state, state.lang.texts().pasted_name);
    let catalog = use_catalog(props.catalog.clone());
    let context = WorkbenchContext { state, reader, catalog };
    html! {
        <ContextProvider<WorkbenchContext> context={context}>
            { props.children.clone() }
        </ContextProvider<WorkbenchContext>>
    }
}

#[component(App)]
pub fn app() -> Html {
    // Offline after the first visit (static/sw.js). Only the whole page registers it: component
    // tests mount parts of it.
    use_effect_with((), |_| browser::register_service_worker());
    let initial = Workbench::new(Lang::from_browser_language(&browser::browser_language()));
    html! {
        <WorkbenchProvider {initial}>
            <Persistence />
            <Page />
        </WorkbenchProvider>
    }
}

/// Restores and saves the work, and opens shared links. Renders nothing; part of `App` only, so
/// component tests start from the model they are given.
#[component(Persistence)]
pub fn persistence() -> Html {
    let context = crate::hooks::use_workbench();
    use_persistence(&context.state);
    use_shared_link(&context.state);
    html! {}
}

/// The page layout: header, privacy note, and the steps.
#[component(Page)]
pub fn page() -> Html {
    let context = crate::hooks::use_workbench();
    let state = &context.state;
    let texts = state.lang.texts();
    {
        let lang = state.lang;
        use_effect_with(lang, move |lang| {
            if let Some(document) = web_sys::window().and_then(|window| window.document()) {
                if let Some(root) = document.document_element() {
                    let _ = root.set_attribute("lang", lang.code());
                }
                document.set_title(lang.texts().app_title);
            }
        });
    }
    let onlanguage = {
        let state = state.clone();
        Callback::from(move |event: Event| {
            let select: web_sys::HtmlSelectElement = event.target_unchecked_into();
            let lang = if select.value() == "ja" { Lang::Ja } else { Lang::En };
            state.dispatch(Action::SetLanguage(lang));
        })
    };
    html! {
        <>
            <header class="masthead">
                <div>
                    <h1>{ texts.app_title }</h1>
                    <p class="tagline">{ texts.tagline }</p>
                </div>
                <label class="language">
                    <span>{ texts.language_label }</span>
                    <select id="language" onchange={onlanguage} aria-label={texts.language_label}>
                        <option value="en" selected={state.lang == Lang::En}>{ "English" }</option>
                        <option value="ja" selected={state.lang == Lang::Ja}>{ "日本語" }</option>
                    </select>
                </label>
            </header>
            <PrivacyPanel />
            <main>
                <SharedPolicyPanel />
                <InputPanel />
                if state.analysis.is_some() {
                    <SummaryPanel />
                    <FindingsPanel />
                    <PrincipalTable />
                    <PrincipalWorkspace />
                }
                <section class="tools" aria-labelledby="tools-heading">
                    <h2 id="tools-heading">{ texts.workspace.tools_heading }</h2>
                    <QueryBuilder />
                    <ResourceKit />
                </section>
            </main>
            <footer>
                <span id="app-version">{ format!("{} {}", texts.app_title, crate::VERSION) }</span>
                <span id="catalog-version">{ match &context.catalog {
                    CatalogState::Loading => texts.catalog_loading.to_owned(),
                    CatalogState::Ready(catalog) => format!(
                        "{}: {} · {}: {}",
                        texts.catalog_label,
                        catalog.data_version(),
                        texts.operation_map_label,
                        iam_engine::mapping::aws_map::AwsOperationMap::embedded().version()
                    ),
                    CatalogState::Failed(error) => format!("{}: {error}", texts.catalog_failed),
                } }</span>
            </footer>
        </>
    }
}
