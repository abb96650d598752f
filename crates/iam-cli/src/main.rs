//! `iamwb`: the command-line IAM Policy Workbench. Argument parsing and file I/O only; every
//! decision is the engine's, so the CLI prints exactly what the browser shows.

mod inputs;

use anyhow::Result;
use clap::{Parser, Subcommand};
use iam_engine::{principal, Analysis, Summary, SynthOptions};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit codes, for every command.
mod exit {
    /// A result was produced (problems with some inputs are reported on standard error).
    pub const OK: u8 = 0;
    /// Findings: lint errors, simulated denials.
    #[allow(dead_code)]
    pub const FINDINGS: u8 = 1;
    /// Usage error, or no usable input at all.
    pub const USAGE: u8 = 2;
}

#[derive(Parser)]
#[command(name = "iamwb", version, about = "Least-privilege IAM policies from AWS activity exports (CloudTrail logs and more)", long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the least-privilege policy for one principal.
    Generate {
        /// The principal: a role or user ARN, a role or user name, or an assumed-role session ARN.
        #[arg(long, short)]
        principal: Option<String>,
        /// Also allow calls that were denied (AccessDenied and kin).
        #[arg(long)]
        include_denied: bool,
        /// Files, directories (walked) or `-` for standard input.
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<PathBuf>,
    },
    /// Summarise the inputs: events, principals, services, time span, failures.
    Summary {
        /// Print the JSON contract (schema_version 1) instead of text.
        #[arg(long)]
        json: bool,
        /// Files, directories (walked) or `-` for standard input.
        #[arg(required = true, value_name = "INPUT")]
        inputs: Vec<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            eprintln!("iamwb: error: {error:#}");
            ExitCode::from(exit::USAGE)
        }
    }
}

fn run(cli: Cli) -> Result<u8> {
    match cli.command {
        Command::Generate { principal, include_denied, inputs } => {
            let Some(analysis) = read_inputs(&inputs)? else {
                return Ok(exit::USAGE);
            };
            let principals = &analysis.activity.principals;
            let chosen: Vec<_> = match &principal {
                Some(selector) => principals.iter().filter(|candidate| principal::selector_matches(selector, &candidate.arn)).collect(),
                None => principals.iter().collect(),
            };
            match chosen.as_slice() {
                [only] => {
                    let options = SynthOptions { include_denied, ..SynthOptions::default() };
                    let policy = iam_engine::synthesise(only, iam_engine::Catalog::embedded(), &options).policy;
                    std::io::stdout().write_all(policy.to_canonical_json().as_bytes())?;
                    Ok(exit::OK)
                }
                [] if principals.is_empty() => {
                    eprintln!("iamwb: error: no principal with attributable activity in the input");
                    Ok(exit::USAGE)
                }
                candidates => {
                    let listed = if candidates.is_empty() { principals.iter().collect::<Vec<_>>() } else { candidates.to_vec() };
                    match &principal {
                        Some(selector) if candidates.is_empty() => eprintln!("iamwb: error: no principal matches {selector:?}; the input has:"),
                        Some(selector) => eprintln!("iamwb: error: {selector:?} matches several principals; choose one with --principal:"),
                        None => eprintln!("iamwb: error: the input has several principals; choose one with --principal:"),
                    }
                    for candidate in listed {
                        eprintln!("  {}  ({}, {} events)", candidate.arn, candidate.kind.as_str(), candidate.n_events);
                    }
                    Ok(exit::USAGE)
                }
            }
        }
        Command::Summary { json, inputs } => {
            let Some(analysis) = read_inputs(&inputs)? else {
                return Ok(exit::USAGE);
            };
            let summary = Summary::of(&analysis);
            let mut stdout = std::io::stdout().lock();
            if json {
                stdout.write_all(summary.to_json().as_bytes())?;
            } else {
                write_summary_text(&mut stdout, &summary)?;
            }
            Ok(exit::OK)
        }
    }
}

/// Reads every input, reports per-file problems on standard error, and returns `None` when no
/// input gave anything usable (after saying why).
fn read_inputs(inputs: &[PathBuf]) -> Result<Option<Analysis>> {
    let analysis = inputs::read_all(inputs)?;
    for file in &analysis.files {
        for problem in &file.problems {
            match problem.location.record {
                Some(record) => eprintln!("iamwb: {}: record {record}: {}", file.name, problem.message),
                None => eprintln!("iamwb: {}: {}", file.name, problem.message),
            }
        }
        if file.more_problems > 0 {
            eprintln!("iamwb: {}: … and {} more problems", file.name, file.more_problems);
        }
    }
    if analysis.files.iter().all(|file| file.events == 0) && analysis.activity.n_events == 0 {
        if analysis.files.is_empty() {
            eprintln!("iamwb: error: no input files found");
        } else {
            eprintln!("iamwb: error: no usable input: none of the {} file(s) held CloudTrail events", analysis.files.len());
        }
        return Ok(None);
    }
    Ok(Some(analysis))
}

fn write_summary_text(out: &mut impl Write, summary: &Summary) -> std::io::Result<()> {
    writeln!(out, "{} events from {} file(s)", summary.events, summary.files.len())?;
    if let Some(range) = &summary.time_range {
        writeln!(out, "time span: {} … {}", range.from.to_rfc3339(), range.until.to_rfc3339())?;
    }
    let failed: u64 = summary.principals.iter().map(|principal| principal.failed).sum();
    writeln!(out, "failed calls: {failed}")?;
    writeln!(out, "\nprincipals ({}):", summary.principals.len())?;
    for principal in &summary.principals {
        writeln!(out, "  {:>8} events  {:>6} failed  {}  ({})", principal.events, principal.failed, principal.arn, principal.kind)?;
    }
    writeln!(out, "\nservices ({}):", summary.services.len())?;
    for service in &summary.services {
        writeln!(out, "  {:>8} events  {}", service.events, service.prefix)?;
    }
    if !summary.denied.is_empty() {
        writeln!(out, "\ndenied — needed? ({}):", summary.denied.len())?;
        for denied in &summary.denied {
            writeln!(out, "  {:>8} ×  {}", denied.count, denied.action)?;
        }
    }
    if !summary.not_a_permission.is_empty() {
        writeln!(out, "\nnot needing a permission ({}):", summary.not_a_permission.len())?;
        for call in &summary.not_a_permission {
            writeln!(out, "  {:>8} ×  {} {}", call.count, call.event_source, call.event_name)?;
        }
    }
    if !summary.unmapped.is_empty() {
        writeln!(out, "\nunmapped ({}):", summary.unmapped.len())?;
        for call in &summary.unmapped {
            writeln!(out, "  {:>8} ×  {} {}", call.count, call.event_source, call.event_name)?;
        }
    }
    if !summary.findings.is_empty() {
        writeln!(out, "\ncredential hygiene ({}):", summary.findings.len())?;
        for finding in &summary.findings {
            writeln!(out, "  {}: {}: {}", finding.kind.as_str(), finding.principal, finding.detail)?;
        }
    }
    if !summary.warnings.is_empty() {
        writeln!(out, "\nhow far the evidence goes:")?;
        for warning in &summary.warnings {
            writeln!(out, "  - {}", warning.detail)?;
        }
    }
    Ok(())
}
