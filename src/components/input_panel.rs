//! Step 1: drop zone, file picker, paste box, the list of inputs with their status and problems,
//! and the progress bar with Cancel.

use crate::browser::{self, Source};
use crate::hooks::use_workbench;
use crate::i18n::{human_bytes, Texts};
use crate::state::{InputEntry, InputStatus};
use yew::prelude::*;

#[component(InputPanel)]
pub fn input_panel() -> Html {
    let context = use_workbench();
    let state = &context.state;
    let texts = state.lang.texts();
    let dragging = use_state(|| false);
    let pasted = use_state(String::new);

    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            dragging.set(true);
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |_event: DragEvent| dragging.set(false))
    };
    let ondrop = {
        let dragging = dragging.clone();
        let reader = context.reader.clone();
        Callback::from(move |event: DragEvent| {
            event.prevent_default();
            dragging.set(false);
            reader.add(browser::files_of(event.data_transfer().and_then(|transfer| transfer.files())));
        })
    };
    let onpick = {
        let reader = context.reader.clone();
        Callback::from(move |event: Event| {
            let input: web_sys::HtmlInputElement = event.target_unchecked_into();
            reader.add(browser::files_of(input.files()));
            // Picking the same file again must fire `change` again.
            input.set_value("");
        })
    };
    let onpaste_input = {
        let pasted = pasted.clone();
        Callback::from(move |event: InputEvent| {
            let area: web_sys::HtmlTextAreaElement = event.target_unchecked_into();
            pasted.set(area.value());
        })
    };
    let onread_pasted = {
        let pasted = pasted.clone();
        let reader = context.reader.clone();
        Callback::from(move |_| {
            if !pasted.trim().is_empty() {
                reader.add(vec![Source::Text((*pasted).clone())]);
                pasted.set(String::new());
            }
        })
    };
    let oncancel = {
        let reader = context.reader.clone();
        let message = texts.cancelled.to_owned();
        Callback::from(move |_| reader.cancel(message.clone()))
    };

    let zone_class = classes!("dropzone", dragging.then_some("dragging"));
    html! {
        <section class="panel" aria-labelledby="inputs-heading">
            <h2 id="inputs-heading">{ texts.inputs_heading }</h2>
            <div class={zone_class} id="dropzone" {ondragover} {ondragleave} {ondrop}>
                <p>{ texts.drop_here }</p>
                <label class="button">
                    { texts.choose_files }
                    <input id="file-input" type="file" multiple=true accept=".json,.gz,.jsonl,.ndjson,.csv,.txt,application/json,application/gzip" onchange={onpick} />
                </label>
            </div>
            <details class="paste">
                <summary>{ texts.paste_label }</summary>
                <textarea id="paste-input" aria-label={texts.paste_label} placeholder={texts.paste_placeholder} value={(*pasted).clone()} oninput={onpaste_input} rows="6" />
                <button id="read-pasted" type="button" onclick={onread_pasted} disabled={pasted.trim().is_empty()}>{ texts.read_pasted }</button>
            </details>
            if let Some(job) = &state.job {
                <div class="progress" role="status" aria-live="polite">
                    <progress max={job.total_bytes.max(1).to_string()} value={state.bytes_read().to_string()} aria-label={texts.reading}></progress>
                    <span>{ (texts.progress)(state.bytes_read(), job.total_bytes, state.events_read()) }</span>
                    <button id="cancel" type="button" onclick={oncancel}>{ texts.cancel }</button>
                </div>
            }
            if let Some(notice) = &state.notice {
                <p class="notice" role="alert">{ notice.clone() }</p>
            }
            if !state.inputs.is_empty() {
                <ul class="inputs" id="input-list">
                    { for state.inputs.iter().map(|input| html! { <InputRow key={input.id} input={input.clone()} lang={state.lang} /> }) }
                </ul>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct InputRowProps {
    pub input: InputEntry,
    pub lang: crate::i18n::Lang,
}

#[component(InputRow)]
pub fn input_row(props: &InputRowProps) -> Html {
    let texts: &Texts = props.lang.texts();
    let input = &props.input;
    let (status_class, status_text) = match &input.status {
        InputStatus::Waiting => ("waiting", texts.file_waiting.to_owned()),
        InputStatus::Reading { events, .. } => ("reading", (texts.file_read)(*events)),
        InputStatus::Read(report) if report.is_unusable() => ("unusable", texts.file_unusable.to_owned()),
        InputStatus::Read(report) => ("read", (texts.file_read)(report.events)),
        InputStatus::NotRead => ("not-read", texts.file_not_read.to_owned()),
    };
    let problems = match &input.status {
        InputStatus::Read(report) => Some(report.clone()),
        _ => None,
    };
    html! {
        <li class={classes!("input", status_class)}>
            <span class="name">{ input.name.clone() }</span>
            <span class="size">{ human_bytes(input.size) }</span>
            <span class="status">{ status_text }</span>
            if let Some(report) = problems {
                if !report.problems.is_empty() {
                    <ul class="problems">
                        { for report.problems.iter().map(|problem| html! {
                            <li>{ format!("{}{}", problem.location.record.map(texts.record_prefix).unwrap_or_default(), problem.message) }</li>
                        }) }
                        if report.more_problems > 0 {
                            <li>{ (texts.more_problems)(report.more_problems) }</li>
                        }
                    </ul>
                }
            }
        </li>
    }
}
