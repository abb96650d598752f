//! `iamwb-star`: how many calls to actions with resource-level permissions the workbench reads
//! without their resource (and so grants on `"*"`), per action, over any inputs: the project's
//! generated data, the workshop samples, `../shared/realdata/`. The measure behind the "Resources
//! wherever the call names them" figures of docs/mapping.md. A report, not a test.
//!
//! Usage: iamwb-star INPUT... (files or directories, walked).

use anyhow::{Context, Result};
use iam_engine::activity::Outcome;
use iam_engine::{Catalog, Ingest, IngestOptions};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

fn walk(path: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?.filter_map(|entry| entry.ok().map(|entry| entry.path())).collect();
        entries.sort();
        for entry in entries {
            walk(&entry, out)?;
        }
    } else if path.extension().is_some_and(|extension| extension == "json" || extension == "gz" || extension == "jsonl") {
        out.push(path.to_owned());
    }
    Ok(())
}

fn main() {
    if let Err(error) = run() {
        // A closed pipe (`| head`) is the reader's choice, not a failure.
        if error.downcast_ref::<std::io::Error>().is_none_or(|error| error.kind() != std::io::ErrorKind::BrokenPipe) {
            eprintln!("iamwb-star: {error:#}");
            std::process::exit(1);
        }
    }
}

fn run() -> Result<()> {
    let mut files = Vec::new();
    for argument in std::env::args().skip(1) {
        walk(Path::new(&argument), &mut files)?;
    }
    let catalog = Catalog::embedded();
    let mut ingest = Ingest::new(IngestOptions::default());
    for file in &files {
        let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
        ingest.read_bytes(&file.display().to_string(), &bytes);
    }
    let analysis = ingest.finish();
    // action → (calls with a resource, calls without)
    let mut per_action: BTreeMap<String, (u64, u64)> = BTreeMap::new();
    for principal in &analysis.activity.principals {
        for call in principal.calls.iter().filter(|call| call.outcome == Outcome::Success) {
            let Some(found) = catalog.action(&call.action) else { continue };
            if !found.supports_resource_level() {
                continue;
            }
            let entry = per_action.entry(found.full_name()).or_default();
            if call.resource.is_some() {
                entry.0 += call.count;
            } else {
                entry.1 += call.count;
            }
        }
    }
    // Written with `writeln!` so that `| head` ends the report quietly.
    let mut out = std::io::stdout().lock();
    let with: u64 = per_action.values().map(|counts| counts.0).sum();
    let without: u64 = per_action.values().map(|counts| counts.1).sum();
    writeln!(
        out,
        "{} files, {} events; successful calls to actions with resource-level permissions: {}; granted on \"*\" (no resource read): {} ({:.1} %)",
        files.len(),
        analysis.activity.n_events,
        with + without,
        without,
        if with + without == 0 { 0.0 } else { without as f64 * 100.0 / (with + without) as f64 }
    )?;
    let mut missing: Vec<(&String, &(u64, u64))> = per_action.iter().filter(|(_, counts)| counts.1 > 0).collect();
    missing.sort_by(|left, right| right.1 .1.cmp(&left.1 .1).then_with(|| left.0.cmp(right.0)));
    for (action, (with, without)) in missing {
        writeln!(out, "{without:>8} without, {with:>8} with  {action}")?;
    }
    Ok(())
}
