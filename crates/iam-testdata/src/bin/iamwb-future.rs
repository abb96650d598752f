//! `iamwb-future`: the held-out benchmark of generalisation (docs/benchmark.md, "Policies that
//! keep working tomorrow"). A policy is generated from the first days of a workload and judged on
//! the days after, at every level and at the default (`auto`):
//!
//! - **future coverage**: the share of the later days' successful calls that the policy allows,
//!   counted over the calls that repeat an action on a family already used in the first days
//!   (labelled by the generator: bucket and stable prefix, table, queue, topic, function, log
//!   group, secret, key, repository, stack-name prefix, Glue table, workgroup; regional resources
//!   with their region). Target at the default: at least 99 %.
//! - **new calls allowed**: the genuinely new calls (a first action, bucket, prefix or region),
//!   which a least-privilege policy should not allow.
//! - **spill**: the share of probes (the principal's own actions on resources of the same account
//!   it never touched, near-misses of its identities among them) that the policy allows, for
//!   actions with resource-level permissions. Target: 0.
//! - the policy's size and its number of managed policies.
//!
//! With `--input FILE --train-until DAY`, the same is measured on any CloudTrail input (the
//! workshop sample), with families read from the ARNs instead of labels (an S3 object's bucket
//! and first directory, a log stream's group, a parameter's path, a secret's name, otherwise the
//! resource), and spill on near-miss probes made from the first days' resources (`-archive`
//! after a name, `-backup` after a bucket).
//!
//! A benchmark, not a test: it prints figures; nothing fails on them.

use anyhow::{bail, Context, Result};
use clap::Parser;
use iam_engine::activity::{ObservedCall, Outcome, PrincipalActivity};
use iam_engine::simulate::{simulate, Decision, SimulationOptions};
use iam_engine::synth::{synthesise, ResourceChoice, SynthOptions};
use iam_engine::timestamp::{Day, Timestamp};
use iam_engine::window::DayWindow;
use iam_engine::{Catalog, Ingest, IngestOptions};
use iam_testdata::workload::{workload, Probe, WorkloadOptions};
use std::collections::{BTreeMap, BTreeSet, HashMap};

#[derive(Parser)]
#[command(about = "Held-out benchmark: policies from the first days, judged on the days after")]
struct Arguments {
    /// Days of the generated workload.
    #[arg(long, default_value_t = 14)]
    days: u32,
    /// Days the policy is learnt from; the rest are held out.
    #[arg(long, default_value_t = 10)]
    train_days: u32,
    #[arg(long, default_value_t = 7)]
    seed: u64,
    /// Measure a CloudTrail input instead of the generated workload.
    #[arg(long)]
    input: Option<std::path::PathBuf>,
    /// With `--input`: the last day the policy is learnt from (YYYY-MM-DD).
    #[arg(long)]
    train_until: Option<String>,
    /// List every denied repeat, allowed new call and allowed probe.
    #[arg(long)]
    verbose: bool,
    /// Also write the generated workload's records to this file, to try `iamwb` on it.
    #[arg(long, value_name = "FILE")]
    write: Option<std::path::PathBuf>,
}

const CHOICES: [ResourceChoice; 6] =
    [ResourceChoice::Auto, ResourceChoice::Exact, ResourceChoice::Durable, ResourceChoice::Prefix, ResourceChoice::Type, ResourceChoice::Service];

/// Figures for one level, summed over principals.
#[derive(Default)]
struct Figures {
    repeat: u64,
    repeat_allowed: u64,
    new: u64,
    new_allowed: u64,
    probes: u64,
    probes_allowed: u64,
    chars: usize,
    documents: usize,
    unlabelled: u64,
}

impl Figures {
    fn add(&mut self, other: &Figures) {
        self.repeat += other.repeat;
        self.repeat_allowed += other.repeat_allowed;
        self.new += other.new;
        self.new_allowed += other.new_allowed;
        self.probes += other.probes;
        self.probes_allowed += other.probes_allowed;
        self.chars += other.chars;
        self.documents += other.documents;
        self.unlabelled += other.unlabelled;
    }
}

fn percent(part: u64, whole: u64) -> String {
    if whole == 0 {
        "-".to_owned()
    } else {
        format!("{:.1} %", part as f64 * 100.0 / whole as f64)
    }
}

fn print_table(title: &str, rows: &[(String, Figures)], labels: (&str, &str)) {
    println!("\n{title}");
    println!("{:<16} {:>18} {:>16} {:>14} {:>10} {:>9}", "level", labels.0, labels.1, "spill", "chars", "policies");
    for (name, figures) in rows {
        println!(
            "{:<16} {:>18} {:>16} {:>14} {:>10} {:>9}",
            name,
            format!("{} ({}/{})", percent(figures.repeat_allowed, figures.repeat), figures.repeat_allowed, figures.repeat),
            format!("{}/{}", figures.new_allowed, figures.new),
            format!("{} ({}/{})", percent(figures.probes_allowed, figures.probes), figures.probes_allowed, figures.probes),
            figures.chars,
            figures.documents
        );
    }
}

/// The principal's calls on the probes, as observed calls on `day`.
fn probe_activity(principal: &PrincipalActivity, probes: &[&Probe], day: Day) -> PrincipalActivity {
    let mut activity = principal.clone();
    activity.calls = probes
        .iter()
        .map(|probe| ObservedCall {
            action: probe.action.clone(),
            resource: Some(probe.resource.clone()),
            day,
            region: probe.region.clone(),
            outcome: Outcome::Success,
            via_service: None,
            passes_role: None,
            count: 1,
            first_seen: day.first_second(),
            last_seen: day.first_second(),
        })
        .collect();
    activity
}

/// Whether the catalog gives the action resource-level permissions (spill is counted on those).
fn has_resource_level(catalog: &Catalog, action: &str) -> bool {
    catalog.action(action).is_some_and(|found| found.supports_resource_level())
}

struct Judged<'a> {
    principal: &'a PrincipalActivity,
    train: DayWindow,
    test: DayWindow,
    probes: Vec<&'a Probe>,
}

/// Generates at `choice` from the training days and judges the test days and the probes.
/// `repeat_of` says, for a later call, whether it repeats (Some(true)), is new (Some(false)), or
/// is unknown to the labels (None).
fn judge(judged: &Judged<'_>, choice: ResourceChoice, catalog: &Catalog, repeat_of: &dyn Fn(&ObservedCall) -> Option<bool>, verbose: bool) -> Figures {
    let options = SynthOptions { window: judged.train, resources: choice, ..SynthOptions::default() };
    let synthesis = synthesise(judged.principal, catalog, &options);
    let mut figures = Figures { chars: synthesis.size.chars, documents: synthesis.documents.len(), ..Figures::default() };
    let simulation = simulate(&synthesis.documents, judged.principal, &SimulationOptions { window: judged.test, ..SimulationOptions::default() });
    // `simulate` evaluates the window's calls in order, one result each.
    for (observed, call) in judged.test.calls(judged.principal).zip(&simulation.calls) {
        if observed.outcome != Outcome::Success {
            continue;
        }
        let allowed = call.evaluation.decision == Decision::Allowed;
        match repeat_of(observed) {
            Some(true) => {
                figures.repeat += call.count;
                if allowed {
                    figures.repeat_allowed += call.count;
                } else if verbose {
                    println!("  denied repeat [{}] {} {} {}", choice.as_str(), judged.principal.arn, call.action, call.resource.as_deref().unwrap_or("*"));
                }
            }
            Some(false) => {
                figures.new += call.count;
                if allowed {
                    figures.new_allowed += call.count;
                    if verbose {
                        println!("  allowed new [{}] {} {} {}", choice.as_str(), judged.principal.arn, call.action, call.resource.as_deref().unwrap_or("*"));
                    }
                }
            }
            None => figures.unlabelled += call.count,
        }
    }
    let probes: Vec<&Probe> = judged.probes.iter().copied().filter(|probe| has_resource_level(catalog, &probe.action)).collect();
    let day = judged.test.since.unwrap_or(Day(0));
    let probing = probe_activity(judged.principal, &probes, day);
    let probed = simulate(&synthesis.documents, &probing, &SimulationOptions { window: DayWindow::all(), ..SimulationOptions::default() });
    for call in &probed.calls {
        figures.probes += 1;
        if call.evaluation.decision == Decision::Allowed {
            figures.probes_allowed += 1;
            if verbose {
                println!("  allowed probe [{}] {} {} {}", choice.as_str(), judged.principal.arn, call.action, call.resource.as_deref().unwrap_or("*"));
            }
        }
    }
    figures
}

fn generated(arguments: &Arguments, catalog: &Catalog) -> Result<()> {
    let options = WorkloadOptions { seed: arguments.seed, days: arguments.days, ..WorkloadOptions::default() };
    if arguments.train_days >= arguments.days {
        bail!("--train-days must be fewer than --days");
    }
    let generated = workload(options);
    let mut ingest = Ingest::new(IngestOptions::default());
    let bytes = generated.to_json();
    if let Some(path) = &arguments.write {
        std::fs::write(path, &bytes).with_context(|| format!("writing {}", path.display()))?;
    }
    ingest.read_bytes("workload.json", &bytes);
    let analysis = ingest.finish();
    let problems: usize = analysis.files.iter().map(|file| file.problems.len()).sum();
    let first_day = Timestamp(options.start_unix).day();
    let train = DayWindow { since: Some(first_day), until: Some(Day(first_day.0 + arguments.train_days as i32 - 1)) };
    let test = DayWindow { since: Some(Day(first_day.0 + arguments.train_days as i32)), until: None };
    println!(
        "workload: {} events, {} principals, {} days (learnt from {}, judged on {}), {} probes, {} problems reading it",
        generated.events.len(),
        generated.principals().len(),
        arguments.days,
        arguments.train_days,
        arguments.days - arguments.train_days,
        generated.probes.len(),
        problems
    );
    // Labels: (principal, action, resource, day) → family; families used in the training days.
    let mut family_of: HashMap<(String, String, Option<String>, i32), String> = HashMap::new();
    let mut trained: BTreeSet<(String, String, String)> = BTreeSet::new();
    for event in &generated.events {
        let day = first_day.0 + event.day as i32;
        let resources: Vec<Option<String>> = if event.resources.is_empty() { vec![None] } else { event.resources.iter().cloned().map(Some).collect() };
        for resource in resources {
            family_of.insert((event.principal.clone(), event.action.clone(), resource, day), event.family.clone());
        }
        if event.day < arguments.train_days {
            trained.insert((event.principal.clone(), event.action.clone(), event.family.clone()));
        }
    }
    let mut totals: Vec<(String, Figures)> = CHOICES.iter().map(|choice| (choice.as_str().to_owned(), Figures::default())).collect();
    for arn in generated.principals() {
        let Some(principal) = analysis.activity.principals.iter().find(|principal| principal.arn == arn) else {
            bail!("the engine found no activity for {arn}");
        };
        let probes: Vec<&Probe> = generated.probes.iter().filter(|probe| probe.principal == arn).collect();
        let judged = Judged { principal, train, test, probes };
        let repeat_of = |call: &ObservedCall| -> Option<bool> {
            let Some(family) = family_of.get(&(arn.clone(), call.action.clone(), call.resource.clone(), call.day.0)) else {
                if arguments.verbose {
                    println!("  unlabelled {arn} {} {}", call.action, call.resource.as_deref().unwrap_or("*"));
                }
                return None;
            };
            Some(trained.contains(&(arn.clone(), call.action.clone(), family.clone())))
        };
        let mut rows = Vec::new();
        for (index, choice) in CHOICES.iter().enumerate() {
            let figures = judge(&judged, *choice, catalog, &repeat_of, arguments.verbose);
            totals[index].1.add(&figures);
            rows.push((choice.as_str().to_owned(), figures));
        }
        print_table(&arn, &rows, ("future coverage", "new allowed"));
    }
    print_table("all principals", &totals, ("future coverage", "new allowed"));
    let unlabelled: u64 = totals.iter().map(|(_, figures)| figures.unlabelled).max().unwrap_or(0);
    println!("\ncalls the labels do not name (the engine mapped them otherwise): {unlabelled}");
    Ok(())
}

/// What a call on `arn` uses, apart from churn, for inputs without labels: an S3 object's bucket
/// and first directory, a log stream's group, a parameter's path, a secret's name; otherwise
/// the resource itself.
fn family_of_arn(arn: &str) -> String {
    if let Some(rest) = arn.strip_prefix("arn:aws:s3:::") {
        return match rest.split_once('/') {
            Some((bucket, key)) => format!("s3:{bucket}/{}", key.split_once('/').map(|(first, _)| first).unwrap_or("")),
            None => format!("s3:{rest}"),
        };
    }
    if let Some((group, _)) = arn.split_once(":log-stream:") {
        return group.to_owned();
    }
    if arn.contains(":parameter/") {
        return arn.rsplit_once('/').map(|(path, _)| path.to_owned()).unwrap_or_else(|| arn.to_owned());
    }
    if arn.contains(":secret:") {
        return arn.rsplit_once('-').map(|(name, _)| name.to_owned()).unwrap_or_else(|| arn.to_owned());
    }
    arn.to_owned()
}

/// `-archive` after a resource's name, `-backup` after an S3 bucket's name: resources beside the
/// ones used, of another family. Log streams and parameters are the contents of a group or path
/// (the same family), so they have none.
fn near_miss(arn: &str) -> Option<String> {
    if arn.contains(['*', '?']) || arn.contains(":log-stream:") || arn.contains(":parameter/") {
        return None;
    }
    if let Some(rest) = arn.strip_prefix("arn:aws:s3:::") {
        let (bucket, key) = rest.split_once('/').unwrap_or((rest, ""));
        return Some(if key.is_empty() { format!("arn:aws:s3:::{bucket}-backup") } else { format!("arn:aws:s3:::{bucket}-backup/{key}") });
    }
    Some(format!("{arn}-archive"))
}

fn from_input(arguments: &Arguments, catalog: &Catalog) -> Result<()> {
    let path = arguments.input.as_ref().expect("checked");
    let until = arguments.train_until.as_deref().context("--input needs --train-until")?;
    let until = Timestamp::parse(&format!("{until}T00:00:00Z")).context("--train-until: a date, YYYY-MM-DD")?.day();
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let mut ingest = Ingest::new(IngestOptions::default());
    ingest.read_bytes(&path.display().to_string(), &bytes);
    let analysis = ingest.finish();
    let train = DayWindow { since: None, until: Some(until) };
    let test = DayWindow { since: Some(Day(until.0 + 1)), until: None };
    let mut totals: Vec<(String, Figures)> = CHOICES.iter().map(|choice| (choice.as_str().to_owned(), Figures::default())).collect();
    for principal in &analysis.activity.principals {
        let trained: Vec<&ObservedCall> = train.calls(principal).filter(|call| call.outcome == Outcome::Success).collect();
        if trained.is_empty() || !test.calls(principal).any(|call| call.outcome == Outcome::Success) {
            continue;
        }
        let families: BTreeSet<(&str, String)> =
            trained.iter().map(|call| (call.action.as_str(), call.resource.as_deref().map(family_of_arn).unwrap_or_default())).collect();
        let observed: BTreeSet<&str> = principal.calls.iter().filter_map(|call| call.resource.as_deref()).collect();
        let mut probes: BTreeMap<(String, String), Probe> = BTreeMap::new();
        for call in &trained {
            if let Some(resource) = call.resource.as_deref().and_then(near_miss).filter(|resource| !observed.contains(resource.as_str())) {
                probes.entry((call.action.clone(), resource.clone())).or_insert(Probe {
                    principal: principal.arn.clone(),
                    action: call.action.clone(),
                    resource,
                    region: call.region.clone(),
                });
            }
        }
        let probes: Vec<Probe> = probes.into_values().collect();
        let judged = Judged { principal, train, test, probes: probes.iter().collect() };
        let repeat_of = |call: &ObservedCall| -> Option<bool> {
            Some(families.contains(&(call.action.as_str(), call.resource.as_deref().map(family_of_arn).unwrap_or_default())))
        };
        let mut rows = Vec::new();
        for (index, choice) in CHOICES.iter().enumerate() {
            let figures = judge(&judged, *choice, catalog, &repeat_of, arguments.verbose);
            totals[index].1.add(&figures);
            rows.push((choice.as_str().to_owned(), figures));
        }
        print_table(&principal.arn, &rows, ("future coverage", "new allowed"));
    }
    print_table("all principals", &totals, ("future coverage", "new allowed"));
    Ok(())
}

fn main() -> Result<()> {
    let arguments = Arguments::parse();
    let catalog = Catalog::embedded();
    match &arguments.input {
        Some(_) => from_input(&arguments, catalog),
        None => generated(&arguments, catalog),
    }
}
