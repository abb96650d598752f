//! Step 2: what happened — events, time span, failures, services, and the calls that need no
//! permission or could not be mapped.

use crate::hooks::use_workbench;
use iam_engine::Summary;
use yew::prelude::*;

#[component(SummaryPanel)]
pub fn summary_panel() -> Html {
    let context = use_workbench();
    let state = &context.state;
    let texts = state.lang.texts();
    let Some(analysis) = &state.analysis else {
        return html! {};
    };
    let summary = Summary::of(analysis);
    let failed: u64 = summary.principals.iter().map(|principal| principal.failed).sum();
    let span = summary.time_range.as_ref().map(|range| format!("{} – {}", range.from.to_rfc3339(), range.until.to_rfc3339())).unwrap_or_else(|| "—".to_owned());
    html! {
        <section class="panel" aria-labelledby="summary-heading" id="summary">
            <h2 id="summary-heading">{ texts.summary_heading }</h2>
            <dl class="figures">
                <div><dt>{ texts.events }</dt><dd id="summary-events">{ summary.events }</dd></div>
                <div><dt>{ texts.time_span }</dt><dd id="summary-span">{ span }</dd></div>
                <div><dt>{ texts.failed_calls }</dt><dd id="summary-failed">{ failed }</dd></div>
                <div><dt>{ texts.duplicates }</dt><dd>{ analysis.activity.n_duplicates }</dd></div>
            </dl>
            <h3>{ texts.services }</h3>
            <ul class="chips" id="summary-services">
                { for summary.services.iter().map(|service| html! { <li key={service.prefix.clone()}>{ format!("{} ({})", service.prefix, service.events) }</li> }) }
            </ul>
            if !summary.warnings.is_empty() {
                <h3>{ texts.evidence_heading }</h3>
                <ul class="warnings" id="summary-warnings">
                    { for summary.warnings.iter().map(|warning| html! { <li>{ (texts.warning_text)(warning) }</li> }) }
                </ul>
            }
            if !summary.findings.is_empty() {
                <h3>{ texts.findings_heading }</h3>
                <ul class="findings" id="summary-findings">
                    { for summary.findings.iter().map(|finding| html! {
                        <li><strong>{ finding.principal.clone() }</strong>{ ": " }{ (texts.finding_text)(finding) }</li>
                    }) }
                </ul>
            }
            if !summary.denied.is_empty() {
                <h3>{ texts.denied_heading }</h3>
                <ul class="calls">{ for summary.denied.iter().map(|denied| html! { <li>{ format!("{} × {}", denied.count, denied.action) }</li> }) }</ul>
            }
            if !summary.not_a_permission.is_empty() {
                <details>
                    <summary>{ format!("{} ({})", texts.not_a_permission_heading, summary.not_a_permission.len()) }</summary>
                    <ul class="calls">{ for summary.not_a_permission.iter().map(|call| html! { <li>{ format!("{} × {} {}", call.count, call.event_source, call.event_name) }</li> }) }</ul>
                </details>
            }
            if !summary.unmapped.is_empty() {
                <details open=true>
                    <summary>{ format!("{} ({})", texts.unmapped_heading, summary.unmapped.len()) }</summary>
                    <ul class="calls">{ for summary.unmapped.iter().map(|call| html! { <li>{ format!("{} × {} {}", call.count, call.event_source, call.event_name) }</li> }) }</ul>
                </details>
            }
        </section>
    }
}
