//! The page's components, one per file, named after the component.
//!
//! Text that came from the inputs (names, ARNs, event names, messages quoting them) is shown
//! through `shown`: a log can carry right-to-left overrides or line separators that would make an
//! ARN look like another, so hidden characters appear as `\u{…}` marks instead, and the CSS
//! isolates such text (`unicode-bidi: isolate`) from what is around it.

/// Input text as the page shows it: hidden characters written visibly
/// (`iam_engine::text::visible`).
pub fn shown(text: &str) -> String {
    iam_engine::text::visible(text).into_owned()
}

pub mod actions_table;
pub mod app;
pub mod charts;
pub mod condition_controls;
pub mod coverage_meter;
pub mod diff_panel;
pub mod export_panel;
pub mod findings_panel;
pub mod generalise_control;
pub mod input_panel;
pub mod last_accessed_panel;
pub mod policy_editor;
pub mod policy_sources;
pub mod principal_table;
pub mod principal_workspace;
pub mod privacy_panel;
pub mod query_builder;
pub mod resource_kit;
pub mod share_panel;
pub mod shared_policy_panel;
pub mod size_meter;
pub mod summary_panel;
pub mod unused_access_panel;
pub mod why_editor;
pub mod workspace_provider;
