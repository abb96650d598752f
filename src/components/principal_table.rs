//! Step 3: the principals, with their event and failure counts; choosing one shows its policy.

use crate::hooks::use_workbench;
use crate::state::Action;
use yew::prelude::*;

#[component(PrincipalTable)]
pub fn principal_table() -> Html {
    let context = use_workbench();
    let state = &context.state;
    let texts = state.lang.texts();
    let Some(analysis) = &state.analysis else {
        return html! {};
    };
    let principals = &analysis.activity.principals;
    html! {
        <section class="panel" aria-labelledby="principals-heading">
            <h2 id="principals-heading">{ texts.principals_heading }</h2>
            if principals.is_empty() {
                <p>{ texts.no_principals }</p>
            } else {
                <table class="principals" id="principals">
                    <thead><tr>
                        <th scope="col">{ texts.principal }</th>
                        <th scope="col">{ texts.kind }</th>
                        <th scope="col" class="number">{ texts.events }</th>
                        <th scope="col" class="number">{ texts.failed }</th>
                        <th scope="col"><span class="visually-hidden">{ texts.choose }</span></th>
                    </tr></thead>
                    <tbody>
                        { for principals.iter().map(|principal| {
                            let chosen = state.selected_principal.as_deref() == Some(principal.arn.as_str());
                            let onclick = {
                                let state = state.clone();
                                let arn = principal.arn.clone();
                                Callback::from(move |_| state.dispatch(Action::SelectPrincipal(arn.clone())))
                            };
                            html! {
                                <tr key={principal.arn.clone()} class={classes!(chosen.then_some("chosen"))}>
                                    <td class="arn">{ principal.arn.clone() }</td>
                                    <td>{ (texts.kind_name)(principal.kind.as_str()) }</td>
                                    <td class="number">{ principal.n_events }</td>
                                    <td class="number">{ principal.n_failed }</td>
                                    <td>
                                        <button type="button" class="choose" aria-pressed={chosen.to_string()} {onclick}
                                            aria-label={format!("{} {}", texts.choose, principal.arn)}>
                                            { if chosen { texts.chosen } else { texts.choose } }
                                        </button>
                                    </td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            }
        </section>
    }
}
