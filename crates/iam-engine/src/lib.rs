//! The pure engine of IAM Policy Workbench. Bytes in, plain data out: no I/O, no clock, no
//! browser. The web app and the `iamwb` CLI are thin shells over this crate, so both produce the
//! same policy for the same input.

pub mod activity;
pub mod catalog;
pub mod diff;
pub mod export;
mod fast;
pub mod generalise;
pub mod hygiene;
pub mod ingest;
mod intern;
pub mod kit;
pub mod lint;
pub mod locate;
pub mod mapping;
pub mod pattern;
pub mod policy;
pub mod policy_text;
pub mod principal;
pub mod query;
pub mod record;
mod seen;
pub mod simulate;
pub mod size;
pub mod summary;
pub mod synth;
pub mod text;
pub mod timestamp;
pub mod unlogged;
pub mod window;

pub use activity::{Activity, AggregateRow, ObservedCall, Outcome, PrincipalActivity};
pub use catalog::{AccessLevel, Catalog};
pub use ingest::{Analysis, FileReport, Format, Ingest, IngestOptions, Location, Problem, ProblemKind};
pub use policy::{Policy, Statement};
pub use principal::{PrincipalFlags, PrincipalKind};
pub use summary::Summary;
pub use synth::{synthesise, SynthOptions, Synthesis};
pub use timestamp::{Day, Timestamp};

/// The version of the workbench, shown in the UI and by `iamwb --version`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
