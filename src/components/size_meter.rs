//! Proof, part two: the size of each document as IAM counts it (non-whitespace characters)
//! against the 6,144 of a managed policy, how many managed policies the split needs (at most 10
//! per principal), and whether the policy would fit as an inline policy instead.

use crate::hooks::{use_workbench, use_workspace};
use iam_engine::size::{GROUP_INLINE_CHARS, MANAGED_POLICIES_PER_PRINCIPAL, MANAGED_POLICY_CHARS, ROLE_INLINE_CHARS, USER_INLINE_CHARS};
use yew::prelude::*;

#[component(SizeMeter)]
pub fn size_meter() -> Html {
    let context = use_workbench();
    let texts = context.state.lang.texts().workspace;
    let workspace = use_workspace();
    let view = &workspace.view;
    let (Some(size), Ok(documents)) = (&view.size, &view.documents) else {
        return html! {};
    };
    html! {
        <section class="proof size" aria-labelledby="size-heading">
            <h3 id="size-heading">{ texts.size_heading }</h3>
            <ul class="documents" id="size-documents">
                { for documents.iter().enumerate().map(|(index, document)| {
                    let chars = document.non_whitespace_chars();
                    let id = format!("size-document-{}", index + 1);
                    html! {
                        <li key={index}>
                            <span id={id.clone()} class={classes!((chars > MANAGED_POLICY_CHARS).then_some("bad"))}>
                                { (texts.document_size)(index + 1, chars, MANAGED_POLICY_CHARS) }
                            </span>
                            <meter min="0" max={MANAGED_POLICY_CHARS.to_string()} high={(MANAGED_POLICY_CHARS * 9 / 10).to_string()}
                                value={chars.to_string()} aria-labelledby={id}></meter>
                        </li>
                    }
                }) }
            </ul>
            <p id="split-preview" class={classes!(if size.fits_managed_quota { "ok" } else { "bad" })}>
                { (texts.split_preview)(size.managed_policies, MANAGED_POLICIES_PER_PRINCIPAL) }
            </p>
            if !size.fits_managed_quota {
                <p class="notice">{ texts.over_quota }</p>
            }
            <h4>{ texts.inline_heading }</h4>
            <ul class="inline-fit" id="inline-fit">
                <li class={classes!(if size.fits_role_inline { "ok" } else { "bad" })}>{ (texts.inline_fit)(texts.inline_role, ROLE_INLINE_CHARS, size.fits_role_inline) }</li>
                <li class={classes!(if size.fits_group_inline { "ok" } else { "bad" })}>{ (texts.inline_fit)(texts.inline_group, GROUP_INLINE_CHARS, size.fits_group_inline) }</li>
                <li class={classes!(if size.fits_user_inline { "ok" } else { "bad" })}>{ (texts.inline_fit)(texts.inline_user, USER_INLINE_CHARS, size.fits_user_inline) }</li>
            </ul>
        </section>
    }
}
