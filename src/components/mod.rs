//! The page's components, one per file, named after the component.

pub mod app;
pub mod input_panel;
pub mod policy_panel;
pub mod principal_table;
pub mod summary_panel;
