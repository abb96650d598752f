//! When (and under which conditions): the time window of the activity used (`--since`,
//! `--until`), the optional conditions (observed regions, observed source addresses, MFA, a
//! validity window), and whether denied calls are allowed too.

use crate::browser;
use crate::hooks::{use_workbench, use_workspace, use_workspace_dispatch};
use crate::state::workspace::{ConditionKind, WorkspaceAction};
use crate::workspace_view::parse_day;
use iam_engine::Day;
use yew::prelude::*;

/// Days in the validity window the time condition starts with (as `iamwb generate` defaults).
const DEFAULT_VALIDITY_DAYS: i32 = 90;

fn input_value(event: &Event) -> String {
    event.target_unchecked_into::<web_sys::HtmlInputElement>().value()
}

fn checked(event: &Event) -> bool {
    event.target_unchecked_into::<web_sys::HtmlInputElement>().checked()
}

fn date_value(day: Option<Day>) -> String {
    day.map(Day::to_iso_date).unwrap_or_default()
}

#[component(ConditionControls)]
pub fn condition_controls() -> Html {
    let context = use_workbench();
    let texts = context.state.lang.texts().workspace;
    let workspace = use_workspace();
    let dispatch = use_workspace_dispatch();
    let edit = workspace.workspace.edit.clone();
    // What requiring MFA does to these calls, said before and after ticking it.
    let mfa_effect = context
        .state
        .analysis
        .as_ref()
        .and_then(|analysis| analysis.activity.principal(&workspace.view.principal_arn))
        .map(iam_engine::synth::MfaEffect::of)
        .filter(|effect| effect.denied() > 0);
    let onsince = {
        let until = edit.until;
        dispatch.reform(move |event: Event| WorkspaceAction::SetWindow { since: parse_day(&input_value(&event)), until })
    };
    let onuntil = {
        let since = edit.since;
        dispatch.reform(move |event: Event| WorkspaceAction::SetWindow { since, until: parse_day(&input_value(&event)) })
    };
    let condition = |kind: ConditionKind| dispatch.reform(move |event: Event| WorkspaceAction::SetCondition(kind, checked(&event)));
    let ontime = {
        let (from, until) = (edit.conditions.valid_from, edit.conditions.valid_until);
        dispatch.reform(move |event: Event| {
            let today = browser::today();
            let valid_from = from.unwrap_or(today);
            let valid_until = until.filter(|until| *until >= valid_from).unwrap_or(Day(valid_from.0 + DEFAULT_VALIDITY_DAYS - 1));
            WorkspaceAction::SetTimeCondition { enabled: checked(&event), valid_from: Some(valid_from), valid_until: Some(valid_until) }
        })
    };
    let onvalidfrom = {
        let until = edit.conditions.valid_until;
        dispatch.reform(move |event: Event| WorkspaceAction::SetTimeCondition {
            enabled: true,
            valid_from: parse_day(&input_value(&event)),
            valid_until: until,
        })
    };
    let onvaliduntil = {
        let from = edit.conditions.valid_from;
        dispatch.reform(move |event: Event| WorkspaceAction::SetTimeCondition { enabled: true, valid_from: from, valid_until: parse_day(&input_value(&event)) })
    };
    let ondenied = dispatch.reform(|event: Event| WorkspaceAction::SetIncludeDenied(checked(&event)));
    html! {
        <fieldset class="conditions" id="conditions">
            <legend>{ texts.when_heading }</legend>
            <div class="row">
                <span class="row-label" id="window-label">{ texts.window_legend }</span>
                <label>{ texts.since }{ " " }<input type="date" id="window-since" value={date_value(edit.since)} onchange={onsince} /></label>
                <label>{ texts.until }{ " " }<input type="date" id="window-until" value={date_value(edit.until)} onchange={onuntil} /></label>
                <span class="hint">{ texts.window_hint }</span>
            </div>
            <div class="row checks" role="group" aria-label={texts.conditions_legend}>
                <span class="row-label">{ texts.conditions_legend }</span>
                <label class="check"><input type="checkbox" id="condition-region" checked={edit.conditions.region} onchange={condition(ConditionKind::Region)} />{ texts.condition_region }</label>
                <label class="check"><input type="checkbox" id="condition-ip" checked={edit.conditions.source_ip} onchange={condition(ConditionKind::SourceIp)} />{ texts.condition_ip }</label>
                <label class="check"><input type="checkbox" id="condition-mfa" checked={edit.conditions.mfa} onchange={condition(ConditionKind::Mfa)} />{ texts.condition_mfa }</label>
                <label class="check"><input type="checkbox" id="condition-time" checked={edit.conditions.time} onchange={ontime} />{ texts.condition_time }</label>
                if let Some(effect) = mfa_effect {
                    <span class={if edit.conditions.mfa && effect.denies_all() { "notice" } else { "hint" }} id="mfa-effect">{ (texts.mfa_effect)(effect) }</span>
                }
                if edit.conditions.time {
                    <span class="validity">
                        <label>{ texts.valid_from }{ " " }<input type="date" id="valid-from" value={date_value(edit.conditions.valid_from)} onchange={onvalidfrom} /></label>
                        <label>{ texts.valid_until }{ " " }<input type="date" id="valid-until" value={date_value(edit.conditions.valid_until)} onchange={onvaliduntil} /></label>
                    </span>
                }
            </div>
            <label class="check"><input type="checkbox" id="include-denied" checked={edit.include_denied} onchange={ondenied} />{ texts.include_denied }</label>
        </fieldset>
    }
}
