//! Access Advisor's report (`get-service-last-accessed-details`, dropped with the logs): when each
//! service was last used, beside whether these logs show the principal calling it. The report
//! does not name the entity it was run for, so it is shown as it is, with its file.

use crate::components::shown;
use crate::hooks::{use_workbench, use_workspace};
use crate::i18n::format_day;
use std::collections::BTreeSet;
use yew::prelude::*;

#[component(LastAccessedPanel)]
pub fn last_accessed_panel() -> Html {
    let context = use_workbench();
    let texts = context.state.lang.texts().workspace;
    let workspace = use_workspace();
    let Some(analysis) = context.state.analysis.as_ref() else {
        return html! {};
    };
    if analysis.last_accessed.is_empty() {
        return html! {};
    }
    let files: BTreeSet<&str> = analysis.last_accessed.iter().map(|service| service.source_file.as_str()).collect();
    let used_here: BTreeSet<&str> = workspace.view.actions.iter().map(|row| row.service.as_str()).collect();
    let yes_no = |used: bool| if used { "✓" } else { "—" };
    html! {
        <section class="last-accessed" aria-labelledby="last-accessed-heading">
            <h3 id="last-accessed-heading">{ texts.last_accessed_heading }</h3>
            <div class="table-scroll">
                <table id="last-accessed">
                    <caption>{ (texts.last_accessed_caption)(&files.into_iter().collect::<Vec<_>>().join(", ")) }</caption>
                    <thead><tr>
                        <th scope="col">{ texts.column_service }</th>
                        <th scope="col">{ texts.column_last_accessed }</th>
                        <th scope="col">{ texts.column_region }</th>
                        <th scope="col">{ texts.column_used_here }</th>
                    </tr></thead>
                    <tbody>
                        { for analysis.last_accessed.iter().map(|service| {
                            let used = used_here.contains(service.service_namespace.as_str());
                            html! {
                                <tr key={format!("{}:{}", service.source_file, service.service_namespace)} data-service={service.service_namespace.clone()}>
                                    <th scope="row">
                                        <code>{ shown(&service.service_namespace) }</code>
                                        if let Some(name) = &service.service_name {
                                            <span class="hint">{ format!(" {}", shown(name)) }</span>
                                        }
                                    </th>
                                    <td title={service.last_authenticated.map(|time| time.to_rfc3339()).unwrap_or_default()}>
                                        { service.last_authenticated.map(format_day).unwrap_or_else(|| texts.not_accessed.to_owned()) }
                                    </td>
                                    <td>{ shown(service.last_authenticated_region.as_deref().unwrap_or_default()) }</td>
                                    <td>{ yes_no(used) }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}
