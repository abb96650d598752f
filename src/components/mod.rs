//! The page's components, one per file, named after the component.

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
