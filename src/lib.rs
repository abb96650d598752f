//! The IAM Policy Workbench web app: a Yew single-page app over `iam-engine`. Heavy reading runs
//! in a Web Worker (`worker`); the page keeps one `Workbench` model (`state`) changed only through
//! `state::apply`; everything that touches the browser's files, downloads and storage lives in
//! `browser`.

pub mod browser;
pub mod components;
pub mod hooks;
pub mod i18n;
pub mod overview;
pub mod persist;
pub mod protocol;
pub mod share;
pub mod state;
pub mod worker;
pub mod workspace_view;

pub use components::app::App;

/// The product's version (the workspace's `version` in Cargo.toml, shared by every crate and
/// printed by `iamwb --version`), shown in the page's footer.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
