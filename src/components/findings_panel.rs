//! Credential hygiene: what the logs say about how credentials are used (root activity,
//! long-term access keys, sign-ins and sessions without MFA, keys used from several addresses),
//! as its own section with what to do about each kind.

use crate::components::shown;
use crate::hooks::use_workbench;
use crate::i18n::format_count;
use iam_engine::hygiene::FindingKind;
use yew::prelude::*;

#[component(FindingsPanel)]
pub fn findings_panel() -> Html {
    let context = use_workbench();
    let state = &context.state;
    let texts = state.lang.texts();
    let Some(analysis) = &state.analysis else {
        return html! {};
    };
    let findings = &analysis.activity.findings;
    let mut kinds: Vec<FindingKind> = findings.iter().map(|finding| finding.kind).collect();
    kinds.dedup();
    html! {
        <section class="panel" aria-labelledby="findings-heading" id="findings">
            <h2 id="findings-heading">{ texts.findings_heading }</h2>
            if findings.is_empty() {
                <p id="no-findings">{ texts.no_findings }</p>
            } else {
                <p>{ (texts.findings_intro)(findings.len() as u64) }</p>
                { for kinds.into_iter().map(|kind| html! {
                    <div class="finding-group" key={kind.as_str()}>
                        <h3>{ (texts.finding_kind)(kind) }</h3>
                        <p class="muted">{ (texts.finding_advice)(kind) }</p>
                        <table class="findings">
                            <thead><tr>
                                <th scope="col">{ texts.principal }</th>
                                <th scope="col">{ texts.finding_detail }</th>
                                <th scope="col" class="number">{ texts.finding_count }</th>
                            </tr></thead>
                            <tbody>
                                { for findings.iter().filter(|finding| finding.kind == kind).map(|finding| html! {
                                    <tr>
                                        <td class="arn">{ shown(&finding.principal) }</td>
                                        <td>{ shown(&(texts.finding_text)(finding)) }</td>
                                        <td class="number">{ format_count(finding.count) }</td>
                                    </tr>
                                }) }
                            </tbody>
                        </table>
                    </div>
                }) }
            }
        </section>
    }
}
