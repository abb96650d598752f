//! The query builder: for a principal and a time window, the Athena SQL, Logs Insights query or
//! CloudTrail Lake SQL that aggregates its activity on the server, so an organisation too big for
//! a browser loads only the small result (which the reader accepts), with which engine suits which
//! trail and the equivalent `iamwb query` command.

use crate::browser;
use crate::hooks::use_workbench;
use crate::state::workspace::{QueryEngineChoice, ToolChoices, WorkspaceAction};
use crate::state::Action;
use crate::workspace_view::{parse_day, query_command, query_sql};
use iam_engine::query::EngineAdvice;
use yew::prelude::*;

#[component(QueryBuilder)]
pub fn query_builder() -> Html {
    let context = use_workbench();
    let texts = context.state.lang.texts();
    let workspace_texts = texts.workspace;
    let copied = use_state(|| false);
    let tools = context.state.workspace.tools.clone();
    let default_principal = context.state.selected_principal.clone();
    let sql = query_sql(&tools, default_principal.as_deref());
    let command = query_command(&tools, default_principal.as_deref());
    // Every field sends the whole query choice, changed in one place.
    let change = |update: fn(&mut ToolChoices, String)| {
        let state = context.state.clone();
        let tools = tools.clone();
        let copied = copied.clone();
        Callback::from(move |event: Event| {
            copied.set(false);
            let value = match event.target_dyn_into::<web_sys::HtmlSelectElement>() {
                Some(select) => select.value(),
                None => event.target_unchecked_into::<web_sys::HtmlInputElement>().value(),
            };
            let mut changed = tools.clone();
            update(&mut changed, value);
            state.dispatch(Action::Workspace(WorkspaceAction::SetQuery {
                principal: changed.query_principal,
                since: changed.query_since,
                until: changed.query_until,
                engine: changed.query_engine,
                table: changed.query_table,
            }));
        })
    };
    let oncopy = {
        let sql = sql.clone().unwrap_or_default();
        let copied = copied.clone();
        Callback::from(move |_| {
            let sql = sql.clone();
            let copied = copied.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if browser::copy_to_clipboard(&sql).await.is_ok() {
                    copied.set(true);
                }
            });
        })
    };
    html! {
        <section class="panel tool" aria-labelledby="query-heading" id="query-builder">
            <h3 id="query-heading">{ workspace_texts.query_heading }</h3>
            <p class="hint">{ workspace_texts.query_intro }</p>
            <div class="row">
                <label class="stacked grow">
                    <span>{ workspace_texts.query_principal }</span>
                    <input type="text" id="query-principal" value={tools.query_principal.clone()} spellcheck="false"
                        placeholder={default_principal.clone().unwrap_or_else(|| "arn:aws:iam::111122223333:role/app".to_owned())}
                        onchange={change(|tools, value| tools.query_principal = value)} />
                </label>
                <label class="stacked">
                    <span>{ workspace_texts.since }</span>
                    <input type="date" id="query-since" value={tools.query_since.map(|day| day.to_iso_date()).unwrap_or_default()}
                        onchange={change(|tools, value| tools.query_since = parse_day(&value))} />
                </label>
                <label class="stacked">
                    <span>{ workspace_texts.until }</span>
                    <input type="date" id="query-until" value={tools.query_until.map(|day| day.to_iso_date()).unwrap_or_default()}
                        onchange={change(|tools, value| tools.query_until = parse_day(&value))} />
                </label>
                <label class="stacked">
                    <span>{ workspace_texts.query_engine }</span>
                    <select id="query-engine" aria-describedby="query-advice" onchange={change(|tools, value| tools.query_engine = QueryEngineChoice::from_value(&value))}>
                        { for [(QueryEngineChoice::Athena, "Athena"), (QueryEngineChoice::LogsInsights, "Logs Insights"), (QueryEngineChoice::Lake, "CloudTrail Lake")].into_iter().map(|(choice, label)| html! {
                            <option value={choice.value()} selected={tools.query_engine == choice}>{ label }</option>
                        }) }
                    </select>
                </label>
                <label class="stacked">
                    <span>{ workspace_texts.query_table }</span>
                    <input type="text" id="query-table" value={tools.query_table.clone()} spellcheck="false"
                        placeholder={match tools.query_engine {
                            QueryEngineChoice::Lake => iam_engine::query::DEFAULT_LAKE_TABLE,
                            QueryEngineChoice::LogsInsights => iam_engine::query::DEFAULT_LOG_GROUP,
                            QueryEngineChoice::Athena => iam_engine::query::DEFAULT_ATHENA_TABLE,
                        }}
                        onchange={change(|tools, value| tools.query_table = value)} aria-describedby="query-table-hint" />
                </label>
            </div>
            <p class="hint">
                <span id="query-advice">{ match tools.query_engine.engine().advice() {
                    EngineAdvice::S3Trail => workspace_texts.query_advice_s3,
                    EngineAdvice::CloudWatchLogsTrail => workspace_texts.query_advice_cloudwatch,
                    EngineAdvice::ExistingLake => workspace_texts.query_advice_lake,
                } }</span>{ " " }
                <span id="query-table-hint">{ workspace_texts.query_table_hint }</span>
            </p>
            { match &sql {
                Ok(sql) => html! {
                    <>
                        <div class="toolbar">
                            <button id="copy-sql" type="button" onclick={oncopy}>{ if *copied { texts.copied } else { workspace_texts.copy_sql } }</button>
                        </div>
                        <pre class="sql" id="query-sql" tabindex="0" aria-label={workspace_texts.query_sql_label}>{ sql.clone() }</pre>
                        <pre class="command" id="query-command" tabindex="0">{ command }</pre>
                    </>
                },
                Err(error) if error == "dates" => html! { <p class="hint" id="query-needs-dates">{ workspace_texts.query_needs_dates }</p> },
                Err(error) => html! { <p class="notice" id="query-error">{ error.clone() }</p> },
            } }
        </section>
    }
}
