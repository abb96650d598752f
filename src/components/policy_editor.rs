//! The live policy JSON: generated from the options, or edited by hand. Every change is parsed,
//! linted and simulated (the rest of the workspace follows); lint findings are listed with their
//! severity and line:column (each moves the caret there) and their lines are highlighted behind
//! the text. A plain `<textarea>` as tall as its text, over a layer of line markers, so no editor
//! library is needed.

use crate::browser;
use crate::components::shown;
use crate::hooks::{use_workbench, use_workspace, use_workspace_dispatch};
use crate::state::workspace::WorkspaceAction;
use crate::workspace_view::download_name;
use iam_engine::lint::Severity;
use std::collections::BTreeMap;
use yew::prelude::*;

/// The worst severity on each line (1-based).
pub fn line_marks(findings: &[iam_engine::lint::Finding]) -> BTreeMap<usize, Severity> {
    let mut marks: BTreeMap<usize, Severity> = BTreeMap::new();
    for finding in findings {
        if let Some(line) = finding.line {
            let mark = marks.entry(line).or_insert(finding.severity);
            // `Severity` orders Error first.
            *mark = (*mark).min(finding.severity);
        }
    }
    marks
}

/// The character offset of a 1-based line and column in a text.
pub fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for (index, content) in text.split('\n').enumerate() {
        if index + 1 == line {
            return offset + column.saturating_sub(1).min(content.chars().count());
        }
        offset += content.chars().count() + 1;
    }
    text.chars().count()
}

fn severity_class(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Suggestion => "suggestion",
    }
}

#[component(PolicyEditor)]
pub fn policy_editor() -> Html {
    let context = use_workbench();
    let texts = context.state.lang.texts();
    let workspace_texts = texts.workspace;
    let workspace = use_workspace();
    let dispatch = use_workspace_dispatch();
    let copied = use_state(|| false);
    let textarea = use_node_ref();
    let view = &workspace.view;
    let text = view.text.clone();
    let n_lines = text.lines().count().max(1) + 1;
    let marks = line_marks(&view.lint.findings);
    let oninput = {
        let copied = copied.clone();
        dispatch.reform(move |event: InputEvent| {
            copied.set(false);
            WorkspaceAction::EditText(event.target_unchecked_into::<web_sys::HtmlTextAreaElement>().value())
        })
    };
    let onregenerate = dispatch.reform(|_| WorkspaceAction::Regenerate);
    let oncopy = {
        let text = text.clone();
        let copied = copied.clone();
        Callback::from(move |_| {
            let text = text.clone();
            let copied = copied.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if browser::copy_to_clipboard(&text).await.is_ok() {
                    copied.set(true);
                }
            });
        })
    };
    let ondownload = {
        let text = text.clone();
        let file_name = download_name(&view.principal_arn);
        Callback::from(move |_| {
            let _ = browser::download(&file_name, &text, "application/json");
        })
    };
    let go_to = |line: usize, column: usize| {
        let textarea = textarea.clone();
        let text = text.clone();
        Callback::from(move |_| {
            if let Some(element) = textarea.cast::<web_sys::HtmlTextAreaElement>() {
                let offset = offset_of(&text, line, column) as u32;
                let _ = element.focus();
                let _ = element.set_selection_range(offset, offset);
            }
        })
    };
    html! {
        <section class="editor-section" aria-labelledby="editor-heading">
            <div class="section-head">
                <h3 id="editor-heading">{ workspace_texts.editor_heading }</h3>
                <span class={classes!("badge", view.hand_edited.then_some("edited"))} id="editor-state">
                    { if view.hand_edited { workspace_texts.hand_edited_badge } else { workspace_texts.generated_badge } }
                </span>
            </div>
            <div class="toolbar">
                <button id="copy-policy" type="button" onclick={oncopy}>{ if *copied { texts.copied } else { workspace_texts.copy_policy } }</button>
                <button id="download-policy" type="button" onclick={ondownload}>{ workspace_texts.download_policy }</button>
                if view.hand_edited {
                    <button id="regenerate" type="button" class="secondary" onclick={onregenerate}>{ workspace_texts.regenerate }</button>
                }
            </div>
            if view.synthesis.policy.statements.is_empty() && !view.hand_edited {
                <p class="notice">{ texts.no_actions }</p>
            }
            <div class="editor">
                <div class="editor-gutter" aria-hidden="true">
                    { for (1..=n_lines).map(|line| html! {
                        <div key={line} class={classes!("gutter-line", marks.get(&line).map(|severity| severity_class(*severity)))}>{ line }</div>
                    }) }
                </div>
                <div class="editor-text">
                    <div class="editor-marks" aria-hidden="true">
                        { for (1..=n_lines).map(|line| html! {
                            <div key={line} class={classes!("mark-line", marks.get(&line).map(|severity| severity_class(*severity)))}>{ "\u{200b}" }</div>
                        }) }
                    </div>
                    <textarea id="policy-json" ref={textarea.clone()} value={text.clone()} {oninput} rows={n_lines.to_string()}
                        wrap="off" spellcheck="false" autocomplete="off" aria-label={workspace_texts.editor_label}
                        aria-describedby="lint-findings" aria-invalid={view.lint.has_errors().to_string()} />
                </div>
            </div>
            <div class="lint" id="lint-findings" aria-live="polite">
                <h4>{ format!("{} ({})", workspace_texts.lint_heading, view.lint.findings.len()) }</h4>
                if let Err(error) = &view.documents {
                    <p class="lint-error" id="parse-error">{ format!("{} {}", workspace_texts.not_a_policy, shown(&error.message)) }</p>
                }
                if view.lint.findings.is_empty() {
                    <p class="hint">{ workspace_texts.lint_clean }</p>
                } else {
                    <ul class="findings-list">
                        { for view.lint.findings.iter().enumerate().map(|(index, finding)| {
                            let place = match (finding.line, finding.column) {
                                (Some(line), Some(column)) => Some((line, column)),
                                _ => None,
                            };
                            let title = (workspace_texts.lint_title)(&finding.code);
                            let message = match title {
                                Some(title) => format!("{title}: {}", finding.message),
                                None => finding.message.clone(),
                            };
                            html! {
                                <li key={index} class={severity_class(finding.severity)}>
                                    <span class="severity">{ (workspace_texts.severity)(finding.severity) }</span>
                                    { " " }
                                    if let Some((line, column)) = place {
                                        <button type="button" class="link" onclick={go_to(line, column)}>{ (workspace_texts.at_line)(line, column) }</button>
                                        { " " }
                                    }
                                    <code class="code">{ finding.code.clone() }</code>
                                    { " " }
                                    <span class="message">{ shown(&message) }</span>
                                </li>
                            }
                        }) }
                    </ul>
                }
            </div>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use iam_engine::lint::Finding;

    fn finding(severity: Severity, line: Option<usize>) -> Finding {
        Finding { severity, code: "x".to_owned(), message: String::new(), pointer: String::new(), line, column: Some(1) }
    }

    #[test]
    fn the_worst_finding_marks_its_line() {
        let marks = line_marks(&[
            finding(Severity::Warning, Some(3)),
            finding(Severity::Error, Some(3)),
            finding(Severity::Suggestion, Some(5)),
            finding(Severity::Error, None),
        ]);
        assert_eq!(marks.into_iter().collect::<Vec<_>>(), [(3, Severity::Error), (5, Severity::Suggestion)]);
    }

    #[test]
    fn lines_and_columns_become_offsets() {
        let text = "{\n  \"a\": 1\n}";
        assert_eq!(offset_of(text, 1, 1), 0);
        assert_eq!(offset_of(text, 2, 3), 4);
        assert_eq!(offset_of(text, 2, 99), 10, "clamped to the line");
        assert_eq!(offset_of(text, 9, 1), text.len());
    }
}
