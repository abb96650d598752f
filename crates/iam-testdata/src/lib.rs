//! Deterministic synthetic CloudTrail logs for IAM Policy Workbench: the tests, the workshop
//! samples and the benchmarks all read data made here. The same options and seed give the same
//! bytes on every machine (no clock, no ambient randomness).
//!
//! ```
//! use iam_testdata::{Container, Generator, GeneratorOptions};
//! let generator = Generator::new(GeneratorOptions { n_events: 100, ..GeneratorOptions::default() }.with_principals(3));
//! let bytes = generator.to_vec(Container::Records);
//! assert!(bytes.starts_with(b"{\"Records\":[{\"eventVersion\""));
//! ```

pub mod apps;
pub mod catalog;
pub mod generate;
pub mod output;
pub mod principals;
pub mod record;
pub mod rng;
pub mod workload;

pub use generate::{Generator, GeneratorOptions};
pub use output::{Container, LogFile, Totals};
pub use record::CloudTrailRecord;
