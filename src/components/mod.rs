//! The page's components, one per file, named after the component.

pub mod app;
pub mod charts;
pub mod findings_panel;
pub mod input_panel;
pub mod policy_panel;
pub mod principal_table;
pub mod privacy_panel;
pub mod share_panel;
pub mod shared_policy_panel;
pub mod summary_panel;
