//! Export: the policy in effect as policy JSON (whole, or split within the size limit), AWS CLI
//! commands, CloudFormation YAML or Terraform — shown, copied, downloaded — and the `iamwb
//! generate` command line that prints the same with every option chosen here.

use crate::browser;
use crate::hooks::{use_workbench, use_workspace, use_workspace_dispatch};
use crate::state::workspace::{ExportKind, WorkspaceAction};
use crate::workspace_view::{cli_command, export_of, inline_export, page_only};
use iam_engine::export::{Attachment, TerraformStyle};
use yew::prelude::*;

fn mime_type(file_name: &str) -> &'static str {
    if file_name.ends_with(".json") {
        "application/json"
    } else if file_name.ends_with(".yaml") {
        "application/yaml"
    } else if file_name.ends_with(".sh") {
        "text/x-shellscript"
    } else {
        "text/plain"
    }
}

#[component(ExportPanel)]
pub fn export_panel() -> Html {
    let context = use_workbench();
    let texts = context.state.lang.texts();
    let workspace_texts = texts.workspace;
    let workspace = use_workspace();
    let dispatch = use_workspace_dispatch();
    let copied = use_state(|| false);
    let tools = context.state.workspace.tools.clone();
    let edit = &workspace.workspace.edit;
    let exported = export_of(&workspace.view, edit, &tools);
    let inline_refused = inline_export(&workspace.view, &tools);
    let command = cli_command(&workspace.view.principal_arn, edit, &tools, &context.reader.names());
    let not_in_command = page_only(edit, &tools);
    let onformat = {
        let copied = copied.clone();
        dispatch.reform(move |event: Event| {
            copied.set(false);
            let value = event.target_unchecked_into::<web_sys::HtmlSelectElement>().value();
            WorkspaceAction::SetExport(ExportKind::parse(&value).unwrap_or_default())
        })
    };
    let attachment = |choice: Attachment| dispatch.reform(move |_: Event| WorkspaceAction::SetAttachment(choice));
    let style = |choice: TerraformStyle| dispatch.reform(move |_: Event| WorkspaceAction::SetTerraformStyle(choice));
    let (oncopy, ondownload) = match &exported {
        Some(exported) => {
            let text = exported.text.clone();
            let copied = copied.clone();
            let oncopy = Callback::from(move |_| {
                let text = text.clone();
                let copied = copied.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    if browser::copy_to_clipboard(&text).await.is_ok() {
                        copied.set(true);
                    }
                });
            });
            let (text, file_name) = (exported.text.clone(), exported.file_name.clone());
            let ondownload = Callback::from(move |_| {
                let _ = browser::download(&file_name, &text, mime_type(&file_name));
            });
            (oncopy, ondownload)
        }
        None => (Callback::noop(), Callback::noop()),
    };
    let shows_attachment = matches!(tools.export, ExportKind::Cli | ExportKind::Cloudformation | ExportKind::Terraform);
    html! {
        <section class="export" aria-labelledby="export-heading">
            <h3 id="export-heading">{ workspace_texts.export_heading }</h3>
            <div class="row">
                <label class="stacked">
                    <span>{ workspace_texts.export_format }</span>
                    <select id="export-format" onchange={onformat}>
                        { for ExportKind::ALL.iter().map(|kind| html! {
                            <option value={kind.as_str()} selected={*kind == tools.export}>{ (workspace_texts.export_kind)(kind.as_str()) }</option>
                        }) }
                    </select>
                </label>
                if shows_attachment {
                    <fieldset class="inline-choice">
                        <legend>{ workspace_texts.attachment_legend }</legend>
                        <label><input type="radio" name="attachment" id="attachment-managed" checked={tools.attachment == Attachment::Managed} onchange={attachment(Attachment::Managed)} />{ workspace_texts.attachment_managed }</label>
                        <label><input type="radio" name="attachment" id="attachment-inline" checked={tools.attachment == Attachment::Inline} onchange={attachment(Attachment::Inline)} />{ workspace_texts.attachment_inline }</label>
                    </fieldset>
                }
                if tools.export == ExportKind::Terraform {
                    <fieldset class="inline-choice">
                        <legend>{ workspace_texts.terraform_style_legend }</legend>
                        <label><input type="radio" name="terraform-style" id="terraform-jsonencode" checked={tools.terraform_style == TerraformStyle::Jsonencode} onchange={style(TerraformStyle::Jsonencode)} />{ workspace_texts.terraform_jsonencode }</label>
                        <label><input type="radio" name="terraform-style" id="terraform-heredoc" checked={tools.terraform_style == TerraformStyle::Heredoc} onchange={style(TerraformStyle::Heredoc)} />{ workspace_texts.terraform_heredoc }</label>
                    </fieldset>
                }
            </div>
            if let Some(Err(over)) = &inline_refused {
                <p class="notice" id="inline-over-budget" role="status">{ (workspace_texts.inline_over_budget)(over.owner, over.chars, over.budget) }</p>
            }
            if let Some(exported) = &exported {
                <div class="toolbar">
                    <button id="copy-export" type="button" onclick={oncopy}>{ if *copied { texts.copied } else { workspace_texts.copy_export } }</button>
                    <button id="download-export" type="button" onclick={ondownload}>{ format!("{} ({})", workspace_texts.download_export, exported.file_name) }</button>
                    if tools.export == ExportKind::Cli {
                        { for exported.files.iter().map(|file| {
                            let (name, contents) = (file.name.clone(), file.contents.clone());
                            let onclick = Callback::from(move |_| {
                                let _ = browser::download(&name, &contents, "application/json");
                            });
                            html! { <button key={file.name.clone()} type="button" class="secondary" {onclick}>{ (workspace_texts.download_file)(&file.name) }</button> }
                        }) }
                    }
                </div>
                <pre class="export-text" id="export-text" tabindex="0" aria-label={(workspace_texts.export_kind)(tools.export.as_str())}>{ exported.text.clone() }</pre>
            } else {
                <p class="notice">{ workspace_texts.no_proof }</p>
            }
            <h4>{ workspace_texts.command_heading }</h4>
            <pre class="command" id="cli-command" tabindex="0">{ command }</pre>
            if !not_in_command.is_empty() {
                <p class="hint" id="page-only">
                    { workspace_texts.page_only_intro }{ " " }
                    { not_in_command.iter().map(|item| (workspace_texts.page_only)(*item)).collect::<Vec<_>>().join(", ") }
                </p>
            }
        </section>
    }
}
