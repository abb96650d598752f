//! Proof, part one: the policy in effect simulated against every observed call in the window —
//! the share of successful calls it allows, and the calls it would deny, so an edit that breaks
//! the principal shows at once.

use crate::components::shown;
use crate::hooks::{use_workbench, use_workspace};
use iam_engine::simulate::SimulatedCall;
use iam_engine::Timestamp;
use std::collections::BTreeMap;
use yew::prelude::*;

/// Denied calls per (action, resource): calls and last seen, most calls first.
pub fn denied_by_target(calls: &[SimulatedCall]) -> Vec<(String, Option<String>, u64, Timestamp)> {
    let mut grouped: BTreeMap<(String, Option<String>), (u64, Timestamp)> = BTreeMap::new();
    for call in calls {
        let entry = grouped.entry((call.action.clone(), call.resource.clone())).or_insert((0, call.last_seen));
        entry.0 += call.count;
        entry.1 = entry.1.max(call.last_seen);
    }
    let mut listed: Vec<(String, Option<String>, u64, Timestamp)> =
        grouped.into_iter().map(|((action, resource), (calls, last_seen))| (action, resource, calls, last_seen)).collect();
    listed.sort_by(|left, right| right.2.cmp(&left.2).then_with(|| (&left.0, &left.1).cmp(&(&right.0, &right.1))));
    listed
}

#[component(CoverageMeter)]
pub fn coverage_meter() -> Html {
    let context = use_workbench();
    let texts = context.state.lang.texts().workspace;
    let workspace = use_workspace();
    let view = &workspace.view;
    let Some(simulation) = &view.simulation else {
        return html! {
            <section class="proof coverage" aria-labelledby="coverage-heading">
                <h3 id="coverage-heading">{ texts.coverage_heading }</h3>
                <p class="notice" id="coverage">{ texts.no_proof }</p>
            </section>
        };
    };
    let coverage = &simulation.coverage;
    let complete = coverage.is_complete();
    let denied = denied_by_target(&view.denied_calls);
    html! {
        <section class="proof coverage" aria-labelledby="coverage-heading">
            <h3 id="coverage-heading">{ texts.coverage_heading }</h3>
            <p id="coverage" class={classes!("figure", if complete { "ok" } else { "bad" })} role="status">
                { (texts.coverage_text)(coverage.ratio, coverage.allowed_calls, coverage.successful_calls) }
            </p>
            <meter min="0" max="1" low="0.999" optimum="1" value={coverage.ratio.to_string()} aria-labelledby="coverage"></meter>
            if coverage.not_evaluable_calls > 0 {
                <p class="hint">{ (texts.not_evaluable_text)(coverage.not_evaluable_calls) }</p>
            }
            <h4>{ texts.denied_heading }</h4>
            if denied.is_empty() {
                <p class="hint" id="denied-none">{ texts.nothing_denied }</p>
            } else {
                <ul class="calls denied" id="denied-calls">
                    { for denied.iter().map(|(action, resource, calls, last_seen)| html! {
                        <li key={format!("{action} {}", resource.as_deref().unwrap_or("*"))}>
                            { shown(&(texts.denied_call)(*calls, action, resource.as_deref(), &last_seen.to_rfc3339()[..10])) }
                        </li>
                    }) }
                </ul>
            }
        </section>
    }
}
