//! Step 4: the chosen principal's policy, with Copy, Download and the equivalent `iamwb` command.

use crate::browser;
use crate::hooks::{use_workbench, CatalogState};
use iam_engine::SynthOptions;
use yew::prelude::*;

/// Quotes a word for a POSIX shell when it needs it.
pub fn shell_quote(word: &str) -> String {
    let safe = !word.is_empty() && word.bytes().all(|byte| byte.is_ascii_alphanumeric() || b"-_./:=@,+".contains(&byte));
    if safe {
        word.to_owned()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

/// The `iamwb` command line that prints the same policy.
pub fn cli_command(principal_arn: &str, input_names: &[String]) -> String {
    let mut command = format!("iamwb generate --principal {}", shell_quote(principal_arn));
    for name in input_names {
        command.push(' ');
        command.push_str(&shell_quote(name));
    }
    command
}

/// A file name for the downloaded policy: the principal's name and `-policy.json`.
pub fn download_name(principal_arn: &str) -> String {
    let name = iam_engine::principal::name_of(principal_arn).unwrap_or("principal");
    let safe: String = name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect();
    format!("{safe}-policy.json")
}

#[component(PolicyPanel)]
pub fn policy_panel() -> Html {
    let context = use_workbench();
    let state = &context.state;
    let texts = state.lang.texts();
    let copied = use_state(|| false);
    let (Some(analysis), selected) = (&state.analysis, &state.selected_principal) else {
        return html! {};
    };
    let Some(principal) = selected.as_deref().and_then(|arn| analysis.activity.principal(arn)) else {
        return html! { <section class="panel"><h2>{ texts.policy_heading }</h2><p>{ texts.choose_principal_hint }</p></section> };
    };
    // The policy needs the IAM catalog (access levels, resource types); the page fetches it.
    let CatalogState::Ready(catalog) = &context.catalog else {
        return html! { <section class="panel"><h2>{ texts.policy_heading }</h2><p>{ texts.catalog_loading }</p></section> };
    };
    let policy = iam_engine::synthesise(principal, catalog, &SynthOptions::default()).policy;
    let text = policy.to_canonical_json();
    let command = cli_command(&principal.arn, &context.reader.names());
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
        let file_name = download_name(&principal.arn);
        Callback::from(move |_| {
            let _ = browser::download(&file_name, &text, "application/json");
        })
    };
    html! {
        <section class="panel" aria-labelledby="policy-heading">
            <h2 id="policy-heading">{ texts.policy_heading }</h2>
            <p>{ texts.policy_intro }</p>
            if policy.statements.is_empty() {
                <p class="notice">{ texts.no_actions }</p>
            }
            <div class="toolbar">
                <button id="copy-policy" type="button" onclick={oncopy}>{ if *copied { texts.copied } else { texts.copy } }</button>
                <button id="download-policy" type="button" onclick={ondownload}>{ texts.download }</button>
            </div>
            <pre class="policy" id="policy-json" tabindex="0" aria-label={texts.policy_heading}>{ text }</pre>
            <p>{ texts.cli_equivalent }</p>
            <pre class="command" id="cli-command">{ command }</pre>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_lines_survive_the_shell() {
        assert_eq!(shell_quote("logs/a.json.gz"), "logs/a.json.gz");
        assert_eq!(shell_quote("my logs.json"), "'my logs.json'");
        assert_eq!(shell_quote("it's.json"), "'it'\\''s.json'");
        assert_eq!(cli_command("arn:aws:iam::1:role/app", &["a.json".to_owned()]), "iamwb generate --principal arn:aws:iam::1:role/app a.json");
        assert_eq!(download_name("arn:aws:iam::1:role/team/app"), "app-policy.json");
    }
}
