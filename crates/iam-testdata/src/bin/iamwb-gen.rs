//! `iamwb-gen`: writes synthetic CloudTrail logs, as one document or as a tree of CloudTrail
//! log files, deterministically from a seed.

use anyhow::{Context, Result};
use clap::{Parser, ValueEnum};
use iam_testdata::record::DateTime;
use iam_testdata::{Container, Generator, GeneratorOptions, Totals};
use std::io::Write;
use std::path::PathBuf;

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Format {
    /// `{"Records":[…]}`, as S3-delivered log files.
    Records,
    /// One record per line.
    Ndjson,
    /// A bare JSON array.
    Array,
}

#[derive(Parser, Debug)]
#[command(name = "iamwb-gen", version, about = "Write deterministic synthetic CloudTrail logs")]
struct Arguments {
    /// Records to write, duplicate deliveries included.
    #[arg(long, default_value_t = 10_000)]
    events: u64,
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Roles and users acting (about four roles per user).
    #[arg(long, default_value_t = 50)]
    principals: usize,
    #[arg(long, value_enum, default_value_t = Format::Records)]
    format: Format,
    /// Write this many CloudTrail log files (an `AWSLogs/` tree under `--out`) instead of one document.
    #[arg(long)]
    split_files: Option<usize>,
    /// Compress the output with gzip.
    #[arg(long)]
    gzip: bool,
    /// Output file (or directory with `--split-files`); standard output when absent.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Account that owns the trail.
    #[arg(long, default_value = "111122223333")]
    account: String,
    /// First day of activity, `YYYY-MM-DD`.
    #[arg(long, default_value = "2026-03-01")]
    start: String,
    /// Days the events are spread over.
    #[arg(long, default_value_t = 30)]
    days: u32,
}

fn parse_date(text: &str) -> Result<i64> {
    let parts: Vec<&str> = text.split('-').collect();
    let [year, month, day] = parts.as_slice() else { anyhow::bail!("--start must be YYYY-MM-DD, not {text:?}") };
    Ok(DateTime::unix_from_date(year.parse()?, month.parse()?, day.parse()?))
}

fn main() -> Result<()> {
    let arguments = Arguments::parse();
    let options = GeneratorOptions {
        n_events: arguments.events,
        seed: arguments.seed,
        account_id: arguments.account.clone(),
        start_unix: parse_date(&arguments.start)?,
        days: arguments.days,
        ..GeneratorOptions::default()
    }
    .with_principals(arguments.principals);
    let generator = Generator::new(options);
    let container = match arguments.format {
        Format::Records => Container::Records,
        Format::Ndjson => Container::Ndjson,
        Format::Array => Container::Array,
    };
    let totals: Totals = match (&arguments.split_files, &arguments.out) {
        (Some(n_files), Some(directory)) => {
            generator.write_log_tree(directory, *n_files, arguments.gzip).with_context(|| format!("cannot write under {}", directory.display()))?
        }
        (Some(_), None) => anyhow::bail!("--split-files needs --out DIRECTORY"),
        (None, Some(path)) => {
            let file = std::fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
            if arguments.gzip {
                generator.write_gzip(container, file)?
            } else {
                generator.write(container, file)?
            }
        }
        (None, None) => {
            let stdout = std::io::stdout().lock();
            let totals = if arguments.gzip { generator.write_gzip(container, stdout)? } else { generator.write(container, stdout)? };
            std::io::stdout().flush()?;
            totals
        }
    };
    eprintln!(
        "iamwb-gen: {} records ({} distinct events, {} duplicate deliveries), {} principals, {} bytes of JSON, {} bytes written in {} file(s)",
        totals.records,
        totals.distinct_events(),
        totals.duplicates,
        generator.principals().len(),
        totals.json_bytes,
        totals.written_bytes,
        totals.files
    );
    Ok(())
}
