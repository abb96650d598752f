//! Step 2: what happened — events, time span, failures, duplicates; how far the evidence goes;
//! the timeline and per-service charts; denied calls, and the calls that need no permission or
//! could not be mapped; and a line on the other exports read (policies, findings, authorization
//! details, Access Advisor), which the workspace uses.

use crate::components::charts::{ServiceChart, TimelineChart};
use crate::components::shown;
use crate::hooks::use_workbench;
use crate::i18n::{format_count, format_time};
use crate::overview::{service_bars, timeline};
use iam_engine::summary::WarningKind;
use iam_engine::Summary;
use std::rc::Rc;
use yew::prelude::*;

/// At most this many bars on the timeline (longer windows group days).
const TIMELINE_BARS: usize = 92;
/// Principals with few calls listed among the warnings; the rest are counted.
const FEW_CALLS_SHOWN: usize = 20;
/// Services drawn; the rest are summed into "other services".
const SERVICE_ROWS: usize = 10;

#[component(SummaryPanel)]
pub fn summary_panel() -> Html {
    let context = use_workbench();
    let state = &context.state;
    let texts = state.lang.texts();
    let charts = use_memo(state.analysis.clone(), |analysis| {
        let principals = analysis.as_ref().map(|analysis| analysis.activity.principals.as_slice()).unwrap_or_default();
        (Rc::new(timeline(principals, TIMELINE_BARS)), Rc::new(service_bars(principals, SERVICE_ROWS)))
    });
    // The summary reads the authorization details too: computed once per analysis, not per redraw.
    let summary = use_memo(state.analysis.clone(), |analysis| analysis.as_deref().map(Summary::of));
    let (Some(analysis), Some(summary)) = (&state.analysis, summary.as_ref()) else {
        return html! {};
    };
    let imported = &summary.imported;
    let imported_counts = [imported.policies.len(), imported.unused_access.len(), imported.authorization_details.len(), imported.last_accessed.len()];
    let failed: u64 = summary.principals.iter().map(|principal| principal.failed).sum();
    // One warning per principal with few calls: with 100k such principals the list would be
    // 100k lines, so only the first are listed and the rest counted.
    let is_few_calls = |warning: &&iam_engine::summary::Warning| warning.kind == WarningKind::FewCalls;
    let few_calls = summary.warnings.iter().filter(is_few_calls).count();
    let shown_warnings = {
        let mut n_few = 0;
        summary.warnings.iter().filter(move |warning| {
            if is_few_calls(warning) {
                n_few += 1;
                n_few <= FEW_CALLS_SHOWN
            } else {
                true
            }
        })
    };
    let span = summary.time_range.as_ref().map(|range| format!("{} – {}", format_time(range.from), format_time(range.until))).unwrap_or_else(|| "—".to_owned());
    html! {
        <section class="panel" aria-labelledby="summary-heading" id="summary">
            <h2 id="summary-heading">{ texts.summary_heading }</h2>
            <dl class="figures">
                <div><dt>{ texts.events }</dt><dd id="summary-events">{ format_count(summary.events) }</dd></div>
                <div><dt>{ texts.time_span }</dt><dd id="summary-span">{ span }</dd></div>
                <div><dt>{ texts.principals_count }</dt><dd id="summary-principals">{ format_count(summary.principals.len() as u64) }</dd></div>
                <div><dt>{ texts.failed_calls }</dt><dd id="summary-failed">{ format_count(failed) }</dd></div>
                <div><dt>{ texts.duplicates }</dt><dd id="summary-duplicates">{ format_count(analysis.activity.n_duplicates) }</dd></div>
            </dl>
            if imported_counts.iter().any(|count| *count > 0) {
                <p class="hint" id="summary-imported">{ (texts.imported_counts)(imported_counts[0], imported_counts[1], imported_counts[2], imported_counts[3]) }</p>
            }
            if !summary.warnings.is_empty() {
                <h3>{ texts.evidence_heading }</h3>
                <ul class="warnings" id="summary-warnings">
                    { for shown_warnings.map(|warning| html! { <li>{ shown(&(texts.warning_text)(warning)) }</li> }) }
                    if few_calls > FEW_CALLS_SHOWN {
                        <li id="summary-few-calls-more">{ (texts.few_calls_more)((few_calls - FEW_CALLS_SHOWN) as u64) }</li>
                    }
                </ul>
            }
            <p class="muted chart-note">{ texts.charts_note }</p>
            <div class="charts">
                <TimelineChart bars={charts.0.clone()} lang={state.lang} />
                <ServiceChart bars={charts.1.clone()} lang={state.lang} />
            </div>
            <h3>{ texts.services }</h3>
            <ul class="chips" id="summary-services">
                { for summary.services.iter().map(|service| html! { <li key={service.prefix.clone()}>{ shown(&format!("{} ({})", service.prefix, format_count(service.events))) }</li> }) }
            </ul>
            if !summary.denied.is_empty() {
                <h3>{ texts.denied_heading }</h3>
                <ul class="calls" id="summary-denied">{ for summary.denied.iter().map(|denied| html! { <li>{ shown(&format!("{} × {}", format_count(denied.count), denied.action)) }</li> }) }</ul>
            }
            if !summary.not_a_permission.is_empty() {
                <details id="summary-not-a-permission">
                    <summary>{ format!("{} ({})", texts.not_a_permission_heading, summary.not_a_permission.len()) }</summary>
                    <p class="muted">{ texts.not_a_permission_note }</p>
                    <ul class="calls">{ for summary.not_a_permission.iter().map(|call| html! { <li>{ shown(&format!("{} × {} {}", format_count(call.count), call.event_source, call.event_name)) }</li> }) }</ul>
                </details>
            }
            if !summary.unmapped.is_empty() {
                <details open=true id="summary-unmapped">
                    <summary>{ format!("{} ({})", texts.unmapped_heading, summary.unmapped.len()) }</summary>
                    <p class="muted">{ texts.unmapped_note }</p>
                    <ul class="calls">{ for summary.unmapped.iter().map(|call| html! { <li>{ shown(&format!("{} × {} {}", format_count(call.count), call.event_source, call.event_name)) }</li> }) }</ul>
                </details>
            }
        </section>
    }
}
