//! Step 3: the principals — ARN, kind and flags, events, services used, failures, first and last
//! seen — in a table sortable by every column and filterable by ARN; choosing one shows its
//! policy. Flags that change what to do with a policy (Identity Center, service-linked) are
//! explained under the table.

use crate::components::shown;
use crate::hooks::use_workbench;
use crate::i18n::{format_count, format_time, Texts};
use crate::overview::{matches_filter, services_used, sorted_principals, SortColumn};
use crate::state::Action;
use iam_engine::PrincipalFlags;
use yew::prelude::*;

/// Rows shown at first, and how many more each "Show more" adds: the table grows by pages, so
/// 100k principals never become 100k rows at once.
pub const ROWS_SHOWN: usize = 200;
pub const ROWS_PAGE: usize = 500;

#[derive(Clone, Copy, PartialEq)]
struct Sort {
    column: SortColumn,
    descending: bool,
}

#[component(PrincipalTable)]
pub fn principal_table() -> Html {
    let context = use_workbench();
    let state = &context.state;
    let texts = state.lang.texts();
    let sort = use_state(|| Sort { column: SortColumn::Principal, descending: false });
    let filter = use_state(String::new);
    let limit = use_state(|| ROWS_SHOWN);
    // Sorting (with every principal's services) and the flags once per analysis and sort, not
    // per redraw: with 100k principals a redraw must not cost a sort.
    let sorted = use_memo((AnalysisRef(state.analysis.clone()), *sort), |(analysis, sort)| {
        analysis.0.as_ref().map(|analysis| sorted_principals(&analysis.activity.principals, sort.column, sort.descending)).unwrap_or_default()
    });
    let flagged = *use_memo(AnalysisRef(state.analysis.clone()), |analysis| {
        analysis.0.iter().flat_map(|analysis| &analysis.activity.principals).fold(PrincipalFlags::default(), |mut all, principal| {
            all.identity_center |= principal.flags.identity_center;
            all.service_linked |= principal.flags.service_linked;
            all.cross_account |= principal.flags.cross_account;
            all.federated |= principal.flags.federated;
            all.path_unknown |= principal.flags.path_unknown;
            all
        })
    });
    let Some(analysis) = &state.analysis else {
        return html! {};
    };
    let principals = &analysis.activity.principals;
    let order: Vec<usize> =
        if filter.trim().is_empty() { sorted.to_vec() } else { sorted.iter().copied().filter(|&index| matches_filter(&principals[index], &filter)).collect() };
    let n_matching = order.len();
    let shown = n_matching.min(*limit);
    let next = (n_matching - shown).min(ROWS_PAGE);
    let onfilter = {
        let filter = filter.clone();
        Callback::from(move |event: InputEvent| {
            let input: web_sys::HtmlInputElement = event.target_unchecked_into();
            filter.set(input.value());
        })
    };
    let onmore = {
        let limit = limit.clone();
        Callback::from(move |_| limit.set(shown + ROWS_PAGE))
    };
    let onfewer = {
        let limit = limit.clone();
        Callback::from(move |_| limit.set(ROWS_SHOWN))
    };
    let header = |column: SortColumn, class: &'static str| {
        let active = sort.column == column;
        let aria_sort = match (active, sort.descending) {
            (false, _) => "none",
            (true, false) => "ascending",
            (true, true) => "descending",
        };
        let onclick = {
            let sort = sort.clone();
            Callback::from(move |_| {
                let descending = if sort.column == column { !sort.descending } else { column.descending_first() };
                sort.set(Sort { column, descending });
            })
        };
        let arrow = match aria_sort {
            "ascending" => " ▲",
            "descending" => " ▼",
            _ => "",
        };
        html! {
            <th scope="col" class={class} aria-sort={aria_sort}>
                <button type="button" class="sort" {onclick} id={format!("sort-{}", column_id(column))}>
                    { (texts.column_name)(column) }<span aria-hidden="true">{ arrow }</span>
                </button>
            </th>
        }
    };
    html! {
        <section class="panel" aria-labelledby="principals-heading">
            <h2 id="principals-heading">{ texts.principals_heading }</h2>
            if principals.is_empty() {
                <p>{ texts.no_principals }</p>
            } else {
                <div class="table-tools">
                    <label for="principal-filter">{ texts.filter_principals }</label>
                    <input id="principal-filter" type="search" value={(*filter).clone()} oninput={onfilter} autocomplete="off" spellcheck="false" />
                    <span class="muted" id="principal-count" aria-live="polite">{ (texts.principals_shown)(shown as u64, principals.len() as u64) }</span>
                </div>
                <div class="table-scroll">
                    <table class="principals" id="principals">
                        <caption class="visually-hidden">{ texts.principals_caption }</caption>
                        <thead><tr>
                            { header(SortColumn::Principal, "") }
                            { header(SortColumn::Kind, "") }
                            { header(SortColumn::Events, "number") }
                            { header(SortColumn::Services, "number") }
                            { header(SortColumn::Failed, "number") }
                            { header(SortColumn::FirstSeen, "") }
                            { header(SortColumn::LastSeen, "") }
                            <th scope="col"><span class="visually-hidden">{ texts.choose }</span></th>
                        </tr></thead>
                        <tbody>
                            { for order.iter().take(shown).map(|&index| html! {
                                <PrincipalRow key={principals[index].arn.clone()} index={index} chosen={state.selected_principal.as_deref() == Some(principals[index].arn.as_str())} />
                            }) }
                        </tbody>
                    </table>
                </div>
                if next > 0 {
                    <button type="button" class="secondary" id="more-principals" onclick={onmore} aria-controls="principals">
                        { (texts.show_more)(next as u64, n_matching as u64) }
                    </button>
                }
                if shown > ROWS_SHOWN {
                    <button type="button" class="secondary" id="fewer-principals" onclick={onfewer} aria-controls="principals">{ texts.show_fewer }</button>
                }
                <FlagLegend flags={flagged} />
            }
        </section>
    }
}

/// An analysis compared by identity (a new one is a new `Rc`), for the memos.
struct AnalysisRef(Option<std::rc::Rc<iam_engine::Analysis>>);

impl PartialEq for AnalysisRef {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (Some(left), Some(right)) => std::rc::Rc::ptr_eq(left, right),
            (None, None) => true,
            _ => false,
        }
    }
}

fn column_id(column: SortColumn) -> &'static str {
    match column {
        SortColumn::Principal => "principal",
        SortColumn::Kind => "kind",
        SortColumn::Events => "events",
        SortColumn::Services => "services",
        SortColumn::Failed => "failed",
        SortColumn::FirstSeen => "first-seen",
        SortColumn::LastSeen => "last-seen",
    }
}

#[derive(Properties, PartialEq)]
struct PrincipalRowProps {
    /// Position in `analysis.activity.principals`.
    index: usize,
    chosen: bool,
}

#[component(PrincipalRow)]
fn principal_row(props: &PrincipalRowProps) -> Html {
    let context = use_workbench();
    let state = &context.state;
    let texts = state.lang.texts();
    let Some(principal) = state.analysis.as_ref().and_then(|analysis| analysis.activity.principals.get(props.index)) else {
        return html! {};
    };
    let onclick = {
        let state = state.clone();
        let arn = principal.arn.clone();
        Callback::from(move |_| state.dispatch(Action::SelectPrincipal(arn.clone())))
    };
    let services = services_used(principal);
    let services_list = services.iter().copied().collect::<Vec<_>>().join(", ");
    html! {
        <tr class={classes!(props.chosen.then_some("chosen"))}>
            <td class="arn">
                { shown(&principal.arn) }
                <FlagBadges flags={principal.flags} />
            </td>
            <td>{ (texts.kind_name)(principal.kind.as_str()) }</td>
            <td class="number">{ format_count(principal.n_events) }</td>
            <td class="number" title={services_list.clone()}>
                { services.len() }<span class="visually-hidden">{ format!(" ({services_list})") }</span>
            </td>
            <td class="number">{ format_count(principal.n_failed) }</td>
            <td class="time">{ format_time(principal.first_seen) }</td>
            <td class="time">{ format_time(principal.last_seen) }</td>
            <td>
                // The accessible name starts with the visible text ("Choose" or "Chosen"), then
                // says which principal.
                <button type="button" class="choose" aria-pressed={props.chosen.to_string()} {onclick} data-principal={principal.arn.clone()}
                    aria-label={format!("{} {}", if props.chosen { texts.chosen } else { texts.choose }, principal.arn)}>
                    { if props.chosen { texts.chosen } else { texts.choose } }
                </button>
            </td>
        </tr>
    }
}

fn flag_names(flags: PrincipalFlags, texts: &Texts) -> Vec<(&'static str, &'static str)> {
    let mut names = Vec::new();
    if flags.identity_center {
        names.push(("identity-center", texts.flag_identity_center));
    }
    if flags.service_linked {
        names.push(("service-linked", texts.flag_service_linked));
    }
    if flags.cross_account {
        names.push(("cross-account", texts.flag_cross_account));
    }
    if flags.federated {
        names.push(("federated", texts.flag_federated));
    }
    if flags.path_unknown {
        names.push(("path-unknown", texts.flag_path_unknown));
    }
    names
}

#[derive(Properties, PartialEq)]
struct FlagProps {
    flags: PrincipalFlags,
}

#[component(FlagBadges)]
fn flag_badges(props: &FlagProps) -> Html {
    let context = use_workbench();
    let texts = context.state.lang.texts();
    let names = flag_names(props.flags, texts);
    if names.is_empty() {
        return html! {};
    }
    html! {
        <span class="flags">
            { for names.into_iter().map(|(class, name)| html! { <span class={classes!("flag", class)}>{ name }</span> }) }
        </span>
    }
}

/// What each flag present in the table means for the policy.
#[component(FlagLegend)]
fn flag_legend(props: &FlagProps) -> Html {
    let context = use_workbench();
    let texts = context.state.lang.texts();
    let names = flag_names(props.flags, texts);
    if names.is_empty() {
        return html! {};
    }
    html! {
        <dl class="flag-legend" id="flag-legend">
            { for names.into_iter().map(|(class, name)| html! {
                <div>
                    <dt><span class={classes!("flag", class)}>{ name }</span></dt>
                    <dd>{ (texts.flag_meaning)(class) }</dd>
                </div>
            }) }
        </dl>
    }
}
