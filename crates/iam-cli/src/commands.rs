//! One function per command: read the files, call the engine, print, return the exit code.
//! `run` only dispatches; `simulate` and `diff` share their start (`Compared`).

use crate::inputs;
use crate::policy_file::{read_policies, read_text};
use crate::{
    exit, json, Command, ComparedArgs, DiffArgs, EngineArg, FormatArg, GenerateArgs, KitArgs, KitLevelArg, LintArgs, QueryArgs, ResourcesArg, SimulateArgs,
    SummaryArgs,
};
use anyhow::{bail, Context, Result};
use iam_engine::diff::{diff, DiffOptions};
use iam_engine::export::{export, export_named, Attachment, Export, ExportFormat, ExportOptions};
use iam_engine::generalise::{breadth_of_policies, Churn, Contents};
use iam_engine::ingest::imported::PolicySourceKind;
use iam_engine::kit::{kit, KitOptions};
use iam_engine::lint::lint;
use iam_engine::query::{build_query, QueryEngine, QuerySpec};
use iam_engine::simulate::{simulate, Decision, SimulationOptions};
use iam_engine::summary::ImportedSummary;
use iam_engine::synth::Generalisation;
use iam_engine::synth::{ConditionOptions, ResourceChoice, ValidityWindow};
use iam_engine::window::DayWindow;
use iam_engine::{principal, Analysis, Catalog, Day, PrincipalActivity, Summary, SynthOptions, Timestamp};
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Days in the default `time` condition window.
const DEFAULT_VALIDITY_DAYS: i64 = 90;

pub fn run(command: Command) -> Result<u8> {
    match command {
        Command::Generate(arguments) => generate(arguments),
        Command::Simulate(arguments) => simulate_command(arguments),
        Command::Lint(arguments) => lint_command(arguments),
        Command::Diff(arguments) => diff_command(arguments),
        Command::Query(arguments) => query(arguments),
        Command::Kit(arguments) => kit_command(arguments),
        Command::Summary(arguments) => summary(arguments),
    }
}

fn generate(arguments: GenerateArgs) -> Result<u8> {
    let now = now();
    let window = day_window(arguments.activity.since.as_deref(), arguments.activity.until.as_deref(), now)?;
    let conditions = condition_options(&arguments.conditions, arguments.valid_from.as_deref(), arguments.valid_until.as_deref(), now)?;
    let Some(analysis) = read_inputs(&arguments.activity.inputs)? else {
        return Ok(exit::USAGE);
    };
    let Some(chosen) = choose_principal(&analysis, arguments.activity.principal.as_deref()) else {
        return Ok(exit::USAGE);
    };
    let options = SynthOptions {
        window,
        include_denied: arguments.include_denied,
        resources: match arguments.resources {
            ResourcesArg::Auto => ResourceChoice::Auto,
            ResourcesArg::Exact => ResourceChoice::Exact,
            ResourcesArg::Durable => ResourceChoice::Durable,
            ResourcesArg::Prefix => ResourceChoice::Prefix,
            ResourcesArg::Type => ResourceChoice::Type,
            ResourcesArg::Service => ResourceChoice::Service,
        },
        allow_cross_account: arguments.allow_cross_account,
        conditions,
        max_documents: usize::from(arguments.max_policies),
        ..SynthOptions::default()
    };
    let synthesis = iam_engine::synthesise(chosen, Catalog::embedded(), &options);
    for warning in &synthesis.warnings {
        note!("iamwb: warning: {}", warning.message);
    }
    for suggestion in &synthesis.suggestions {
        note!("iamwb: suggestion: {} on {} — {}", suggestion.action, suggestion.resources.join(", "), suggestion.reason);
    }
    if arguments.explain {
        for generalisation in &synthesis.generalisations {
            note!("iamwb: generalised: {}", generalisation_words(generalisation));
        }
    }
    let summary = &synthesis.size;
    // An inline export is one document within the principal's inline budget, or refused.
    let inline = arguments.inline && arguments.format != FormatArg::Json;
    let inline_documents = inline.then(|| {
        let owner = iam_engine::size::InlineOwner::of_arn(&chosen.arn).unwrap_or(iam_engine::size::InlineOwner::User);
        iam_engine::size::inline_documents(&synthesis.policy, owner)
    });
    let policies = match &inline_documents {
        Some(Ok(_)) => "1 inline policy".to_owned(),
        _ => format!("{} managed {}", synthesis.documents.len(), if synthesis.documents.len() == 1 { "policy" } else { "policies" }),
    };
    note!(
        "iamwb: {} level{}: {} statements, {} characters, {policies}; breadth ×{}; covers {} of {} observed successful calls",
        synthesis.level_used.as_str(),
        if arguments.resources == ResourcesArg::Auto { " (auto)" } else { "" },
        synthesis.policy.statements.len(),
        summary.chars,
        synthesis.breadth.score,
        synthesis.coverage.allowed_calls,
        synthesis.coverage.successful_calls
    );
    if let Some(Err(over)) = &inline_documents {
        let owner = match over.owner {
            iam_engine::size::InlineOwner::Role => "role",
            iam_engine::size::InlineOwner::User => "user",
            iam_engine::size::InlineOwner::Group => "group",
        };
        note!(
            "iamwb: error: the policy has {} characters, and a {owner}'s inline policies may hold {} in all: AWS would refuse it; export it as managed policies (without --inline), or narrow it",
            over.chars,
            over.budget
        );
        return Ok(exit::USAGE);
    }
    if synthesis.policy.statements.is_empty() {
        note!("iamwb: error: no call of {} to allow in the chosen window", chosen.arn);
        return Ok(exit::USAGE);
    }
    if arguments.json {
        let mut stdout = std::io::stdout().lock();
        write_json(&mut stdout, &json::GenerateOutput::new(&chosen.arn, &synthesis))?;
        return Ok(exit::OK);
    }
    let format = arguments.format;
    // One document when the policy fits one managed policy; the split documents otherwise.
    let split = arguments.split || synthesis.documents.len() > 1;
    let whole_document = format == FormatArg::Json && !split && arguments.out_dir.is_none();
    let export_options = ExportOptions {
        policy_name: arguments.policy_name,
        principal_arn: Some(chosen.arn.clone()),
        attachment: if arguments.inline { Attachment::Inline } else { Attachment::Managed },
        ..ExportOptions::default()
    };
    let documents = match inline_documents {
        Some(Ok(documents)) => documents,
        _ if whole_document => vec![synthesis.policy.clone()],
        _ => synthesis.documents.clone(),
    };
    if format == FormatArg::Json && !arguments.split && arguments.out_dir.is_none() && synthesis.documents.len() > 1 {
        note!(
            "iamwb: the policy needs {} managed policies of at most {} characters: printing them as a JSON array (as --split does)",
            synthesis.documents.len(),
            iam_engine::size::MANAGED_POLICY_CHARS
        );
    }
    let mut exported = export(&documents, export_format(format), &export_options);
    if format == FormatArg::Json && split {
        exported.text = iam_engine::policy_text::json_array(&synthesis.documents);
    }
    emit(&exported, format, arguments.out_dir.as_deref())?;
    Ok(exit::OK)
}

/// `arn:aws:s3:::b/exports/* ← 57 observed resources, 120 calls, last 2026-03-07: contents under
/// a directory; dates`.
fn generalisation_words(generalisation: &Generalisation) -> String {
    let mut reasons: Vec<String> = Vec::new();
    if let Some(contents) = generalisation.contents {
        reasons.push(
            match contents {
                Contents::ObjectKeys => "object keys under a directory",
                Contents::LogStreams => "log streams of the group",
                Contents::Parameters => "parameters under a path",
            }
            .to_owned(),
        );
    }
    for churn in &generalisation.churn {
        reasons.push(
            match churn {
                Churn::Date => "dates and times",
                Churn::Number => "numbers",
                Churn::HexId => "hex IDs",
                Churn::Uuid => "UUIDs",
                Churn::RandomSuffix => "Secrets Manager's random suffix",
                Churn::Version => "versions",
            }
            .to_owned(),
        );
    }
    if !generalisation.regions.is_empty() {
        reasons.push(format!("used in {} regions ({})", generalisation.regions.len(), generalisation.regions.join(", ")));
    }
    format!(
        "{} ← {} observed {}, {} {}, last {}: {}",
        generalisation.pattern,
        generalisation.observed,
        if generalisation.observed == 1 { "resource" } else { "resources" },
        generalisation.calls,
        if generalisation.calls == 1 { "call" } else { "calls" },
        generalisation.last_seen.day().to_iso_date(),
        reasons.join("; ")
    )
}

/// The shared start of `simulate` and `diff`: the inputs read, the principal chosen, and the
/// policies to check (given, or found in the inputs).
struct Compared {
    analysis: Analysis,
    principal: usize,
    policies: Vec<iam_engine::Policy>,
    window: DayWindow,
}

impl Compared {
    /// `None` when the inputs, the principal or the policies are missing (said on standard error).
    fn read(arguments: &ComparedArgs) -> Result<Option<Compared>> {
        let window = day_window(arguments.activity.since.as_deref(), arguments.activity.until.as_deref(), now())?;
        let given = arguments.policy.as_deref().map(read_policies).transpose()?;
        let Some(analysis) = read_inputs(&arguments.activity.inputs)? else {
            return Ok(None);
        };
        let Some(chosen) = choose_principal(&analysis, arguments.activity.principal.as_deref()) else {
            return Ok(None);
        };
        let principal = analysis.activity.principals.iter().position(|candidate| std::ptr::eq(candidate, chosen)).expect("chosen among them");
        let Some(policies) = given.or_else(|| imported_policies(&analysis, &chosen.arn)) else {
            return Ok(None);
        };
        Ok(Some(Compared { analysis, principal, policies, window }))
    }

    fn principal(&self) -> &PrincipalActivity {
        &self.analysis.activity.principals[self.principal]
    }
}

fn simulate_command(arguments: SimulateArgs) -> Result<u8> {
    let Some(compared) = Compared::read(&arguments.compared)? else {
        return Ok(exit::USAGE);
    };
    let (chosen, policies) = (compared.principal(), &compared.policies);
    let simulation = simulate(policies, chosen, &SimulationOptions { window: compared.window, ..SimulationOptions::default() });
    let mut stdout = std::io::stdout().lock();
    if arguments.json {
        write_json(&mut stdout, &json::SimulateOutput::new(&chosen.arn, policies.len(), &simulation))?;
    } else {
        write_simulation_text(&mut stdout, &simulation, policies.len(), arguments.all)?;
    }
    Ok(if simulation.coverage.denied_calls > 0 { exit::FINDINGS } else { exit::OK })
}

fn write_simulation_text(out: &mut impl Write, simulation: &iam_engine::simulate::Simulation, n_policies: usize, all: bool) -> std::io::Result<()> {
    for call in simulation.calls.iter().filter(|call| all || call.evaluation.decision != Decision::Allowed) {
        let by = call.evaluation.statement.as_ref().map(|statement| {
            let sid = statement.sid.clone().unwrap_or_else(|| format!("#{}", statement.index));
            if n_policies > 1 {
                format!(" by policy {} statement {sid}", statement.policy)
            } else {
                format!(" by {sid}")
            }
        });
        say!(
            out,
            "{:<14} {:>6} × {} {} ({}, {}, {}){}",
            call.evaluation.decision.as_str(),
            call.count,
            call.action,
            call.resource.as_deref().unwrap_or("(resource not logged)"),
            call.region,
            call.day,
            outcome_word(call.outcome),
            by.unwrap_or_default()
        )?;
        for reason in &call.evaluation.not_evaluable {
            say!(out, "{:<14}          {reason}", "")?;
        }
    }
    let coverage = &simulation.coverage;
    say!(
        out,
        "coverage: {:.1}% ({} of {} observed successful calls allowed; {} denied; {} not evaluable)",
        coverage.ratio * 100.0,
        coverage.allowed_calls,
        coverage.successful_calls,
        coverage.denied_calls,
        coverage.not_evaluable_calls
    )
}

fn lint_command(arguments: LintArgs) -> Result<u8> {
    let text = read_text(&arguments.file)?;
    let report = lint(&text, Catalog::embedded());
    let name = display_name(&arguments.file);
    let mut stdout = std::io::stdout().lock();
    if arguments.json {
        write_json(&mut stdout, &json::LintOutput::new(&name, &report))?;
    } else {
        for finding in &report.findings {
            let location = match (finding.line, finding.column) {
                (Some(line), Some(column)) => format!("{name}:{line}:{column}"),
                _ => name.clone(),
            };
            let pointer = if finding.pointer.is_empty() { "(document)".to_owned() } else { finding.pointer.clone() };
            say!(stdout, "{location}: {}: {} [{}] at {pointer}", finding.severity.as_str(), finding.message, finding.code)?;
        }
        say!(stdout, "{name}: {} errors, {} warnings, {} suggestions; {} characters", report.errors, report.warnings, report.suggestions, report.chars)?;
    }
    Ok(if report.has_errors() { exit::FINDINGS } else { exit::OK })
}

fn diff_command(arguments: DiffArgs) -> Result<u8> {
    let Some(compared) = Compared::read(&arguments.compared)? else {
        return Ok(exit::USAGE);
    };
    let (chosen, policies) = (compared.principal(), &compared.policies);
    let catalog = Catalog::embedded();
    let options = DiffOptions { window: compared.window, placeholders_as_wildcards: !arguments.literal_placeholders };
    let result = diff(policies, chosen, catalog, &options);
    // How far each policy reaches, measured the same way (the page's workspace shows both): the
    // existing one by the diff itself, ours over the same window.
    let ours = iam_engine::synthesise(chosen, catalog, &SynthOptions { window: compared.window, ..SynthOptions::default() });
    let ours_simulation = simulate(&ours.documents, chosen, &SimulationOptions { window: compared.window, ..SimulationOptions::default() });
    let breadth_ours = breadth_of_policies(&ours.documents, &ours_simulation, catalog);
    let mut stdout = std::io::stdout().lock();
    if arguments.json {
        write_json(&mut stdout, &json::DiffOutput::new(&chosen.arn, &result, &breadth_ours))?;
    } else {
        write_diff_text(&mut stdout, &result, policies.len())?;
        // A policy that allows none of the calls has no breadth to speak of (its score says 1).
        if result.breadth.grants == 0 {
            say!(stdout, "breadth: this policy allows none of the observed calls; ×{} for the policy iamwb generate prints", breadth_ours.score)?;
        } else {
            say!(
                stdout,
                "breadth: ×{} for this policy, ×{} for the policy iamwb generate prints (1 = only the observed resources)",
                result.breadth.score,
                breadth_ours.score
            )?;
        }
    }
    Ok(if result.coverage.denied_calls > 0 { exit::FINDINGS } else { exit::OK })
}

fn write_diff_text(out: &mut impl Write, result: &iam_engine::diff::PolicyDiff, n_policies: usize) -> std::io::Result<()> {
    say!(out, "granted but unused ({}):", result.unused.len())?;
    for grant in &result.unused {
        let location = if n_policies > 1 { format!("policy {} {}", grant.statement.policy, grant.pointer) } else { grant.pointer.clone() };
        match grant.recommendation.as_str() {
            "narrow" => say!(
                out,
                "  narrow  {} at {location}: used only {} ({} granted actions unused)",
                grant.entry,
                grant.used.join(", "),
                grant.unused_actions.unwrap_or(0)
            )?,
            _ => say!(out, "  remove  {} at {location}", grant.entry)?,
        }
    }
    say!(out, "used but not granted ({}):", result.missing.len())?;
    for grant in &result.missing {
        say!(
            out,
            "  {:<14} {:>6} × {} {} (last seen {})",
            grant.decision.as_str(),
            grant.calls,
            grant.action,
            grant.resource.as_deref().unwrap_or("(resource not logged)"),
            grant.last_seen.to_rfc3339()
        )?;
    }
    let coverage = &result.coverage;
    say!(out, "coverage: {:.1}% of {} observed successful calls", coverage.ratio * 100.0, coverage.successful_calls)
}

fn query(arguments: QueryArgs) -> Result<u8> {
    let now = now();
    let spec = QuerySpec {
        principal_arn: arguments.principal,
        since: parse_instant(&arguments.since, now, false)?,
        until: parse_instant(&arguments.until, now, true)?,
        engine: match arguments.engine {
            EngineArg::Lake => QueryEngine::Lake,
            EngineArg::Athena => QueryEngine::Athena,
            EngineArg::LogsInsights => QueryEngine::LogsInsights,
        },
        table: arguments.table,
    };
    let sql = build_query(&spec)?;
    std::io::stdout().write_all(sql.as_bytes())?;
    Ok(exit::OK)
}

fn kit_command(arguments: KitArgs) -> Result<u8> {
    let kit = kit(&arguments.arn, Catalog::embedded(), &KitOptions { permissions_management: arguments.permissions_management })?;
    let mut named = Vec::new();
    if arguments.level != Some(KitLevelArg::Write) {
        named.push((format!("{}-read-only", kit.name), kit.read_only.clone()));
    }
    if arguments.level != Some(KitLevelArg::Read) {
        named.push((format!("{}-read-write", kit.name), kit.read_write.clone()));
    }
    let options = ExportOptions { principal_arn: arguments.attach_to, ..ExportOptions::default() };
    let exported = export_named(&named, &kit.name, export_format(arguments.format), &options);
    emit(&exported, arguments.format, arguments.out_dir.as_deref())?;
    Ok(exit::OK)
}

fn summary(arguments: SummaryArgs) -> Result<u8> {
    let Some(analysis) = read_inputs(&arguments.inputs)? else {
        return Ok(exit::USAGE);
    };
    let summary = Summary::of(&analysis);
    let mut stdout = std::io::stdout().lock();
    if arguments.json {
        stdout.write_all(summary.to_json().as_bytes())?;
    } else {
        write_summary_text(&mut stdout, &summary)?;
    }
    Ok(exit::OK)
}

fn export_format(format: FormatArg) -> ExportFormat {
    match format {
        FormatArg::Json => ExportFormat::Json,
        FormatArg::Cli => ExportFormat::Cli,
        FormatArg::Cloudformation => ExportFormat::Cloudformation,
        FormatArg::Terraform => ExportFormat::Terraform,
    }
}

/// Prints an export, or writes it into a directory: the documents as `<name>.json`, and for the
/// script and template formats the main file too. The paths written are printed.
fn emit(exported: &Export, format: FormatArg, out_dir: Option<&Path>) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    let Some(directory) = out_dir else {
        stdout.write_all(exported.text.as_bytes())?;
        return Ok(());
    };
    std::fs::create_dir_all(directory).with_context(|| format!("cannot create {}", directory.display()))?;
    let mut written: Vec<PathBuf> = Vec::new();
    for file in &exported.files {
        let path = directory.join(&file.name);
        std::fs::write(&path, &file.contents).with_context(|| format!("cannot write {}", path.display()))?;
        written.push(path);
    }
    if format != FormatArg::Json {
        let path = directory.join(&exported.file_name);
        std::fs::write(&path, &exported.text).with_context(|| format!("cannot write {}", path.display()))?;
        written.push(path);
    }
    for path in written {
        say!(stdout, "{}", path.display())?;
    }
    Ok(())
}

fn write_json(out: &mut impl Write, value: &impl Serialize) -> Result<()> {
    out.write_all(iam_engine::text::to_json_pretty(value).as_bytes())?;
    Ok(())
}

fn outcome_word(outcome: iam_engine::Outcome) -> &'static str {
    match outcome {
        iam_engine::Outcome::Success => "succeeded",
        iam_engine::Outcome::Denied => "was denied",
        iam_engine::Outcome::Error => "failed",
    }
}

fn display_name(path: &Path) -> String {
    if path.as_os_str() == "-" {
        "(standard input)".to_owned()
    } else {
        path.display().to_string()
    }
}

/// The clock, read here and nowhere in the engine.
fn now() -> Timestamp {
    let seconds = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|duration| duration.as_secs() as i64).unwrap_or(0);
    Timestamp(seconds)
}

/// `2026-01-31`, an RFC 3339 time, or `30d` (30 days before now). A bare date as the end of a
/// window means the end of that day.
fn parse_instant(text: &str, now: Timestamp, end_of_day: bool) -> Result<Timestamp> {
    let text = text.trim();
    if let Some(days) = text.strip_suffix('d').and_then(|number| number.parse::<i64>().ok()) {
        return Ok(Timestamp(now.0 - days * 86_400));
    }
    let Some(instant) = Timestamp::parse(text) else {
        bail!("{text:?} is not a date (YYYY-MM-DD), a time (RFC 3339) or a number of days ago (30d)");
    };
    if end_of_day && text.len() == 10 {
        return Ok(instant.day().last_second());
    }
    Ok(instant)
}

fn day_window(since: Option<&str>, until: Option<&str>, now: Timestamp) -> Result<DayWindow> {
    let since: Option<Day> = since.map(|text| parse_instant(text, now, false).map(Timestamp::day)).transpose()?;
    let until: Option<Day> = until.map(|text| parse_instant(text, now, true).map(Timestamp::day)).transpose()?;
    if let (Some(since), Some(until)) = (since, until) {
        if until < since {
            bail!("--until is before --since");
        }
    }
    Ok(DayWindow { since, until })
}

fn condition_options(names: &[String], valid_from: Option<&str>, valid_until: Option<&str>, now: Timestamp) -> Result<ConditionOptions> {
    let mut options = ConditionOptions::default();
    for name in names.iter().map(|name| name.trim()).filter(|name| !name.is_empty()) {
        match name {
            "region" => options.requested_region = true,
            "ip" => options.source_ip = true,
            "mfa" => options.mfa = true,
            "time" => {
                let not_before = valid_from.map(|text| parse_instant(text, now, false)).transpose()?.unwrap_or(now);
                let not_after =
                    valid_until.map(|text| parse_instant(text, now, true)).transpose()?.unwrap_or(Timestamp(not_before.0 + DEFAULT_VALIDITY_DAYS * 86_400));
                if not_after <= not_before {
                    bail!("--valid-until is not after --valid-from");
                }
                options.current_time = Some(ValidityWindow { not_before, not_after });
            }
            other => bail!("unknown condition {other:?}: use region, ip, mfa or time"),
        }
    }
    if options.current_time.is_none() && (valid_from.is_some() || valid_until.is_some()) {
        bail!("--valid-from and --valid-until need --conditions time");
    }
    Ok(options)
}

/// The principal a command works on: the one matching `selector`, or the only one. Says why
/// not on standard error.
fn choose_principal<'a>(analysis: &'a Analysis, selector: Option<&str>) -> Option<&'a PrincipalActivity> {
    let principals = &analysis.activity.principals;
    let chosen: Vec<&PrincipalActivity> = match selector {
        Some(selector) => principals.iter().filter(|candidate| principal::selector_matches(selector, &candidate.arn)).collect(),
        None => principals.iter().collect(),
    };
    match chosen.as_slice() {
        [only] => Some(only),
        [] if principals.is_empty() && analysis.activity.n_events == 0 => {
            note!("iamwb: error: no CloudTrail activity in the input: this command works from what a principal did; add its CloudTrail log files (or a Lake/Athena result) next to the other inputs");
            None
        }
        [] if principals.is_empty() => {
            note!("iamwb: error: no principal with attributable activity in the input");
            None
        }
        candidates => {
            let listed: Vec<&PrincipalActivity> = if candidates.is_empty() { principals.iter().collect() } else { candidates.to_vec() };
            match selector {
                Some(selector) if candidates.is_empty() => note!("iamwb: error: no principal matches {selector:?}; the input has:"),
                Some(selector) => note!("iamwb: error: {selector:?} matches several principals; choose one with --principal:"),
                None => note!("iamwb: error: the input has several principals; choose one with --principal:"),
            }
            for candidate in listed {
                note!("  {}  ({}, {})", candidate.arn, candidate.kind.as_str(), counted(candidate.n_events, "event"));
            }
            None
        }
    }
}

/// Without `--policy`: the principal's existing policy from the inputs themselves — what the
/// authorization details say applies to it, else the only policy file (or Access Analyzer
/// policy generated for it). Says which on standard error, or why none.
fn imported_policies(analysis: &Analysis, principal_arn: &str) -> Option<Vec<iam_engine::Policy>> {
    let sources = analysis.policy_sources(principal_arn);
    let chosen = match sources.as_slice() {
        [] => {
            note!(
                "iamwb: error: no policy for {principal_arn} in the inputs: give --policy FILE, or add get-account-authorization-details or a policy file to the inputs"
            );
            return None;
        }
        [first, ..] if first.kind == PolicySourceKind::AuthorizationDetails => first,
        [only] => only,
        several => {
            note!("iamwb: error: the inputs hold several policies that could be {principal_arn}'s; choose one with --policy:");
            for source in several {
                note!("  {}  ({} document(s))", source.label, source.policies.len());
            }
            return None;
        }
    };
    let described = match chosen.kind {
        PolicySourceKind::AuthorizationDetails => "its policies in the authorization details",
        PolicySourceKind::AccessAnalyzer => "the Access Analyzer generated policy in",
        PolicySourceKind::PolicyFile => "the policy in",
    };
    let names: Vec<&str> = chosen.policies.iter().map(|policy| policy.name.as_str()).collect();
    match chosen.kind {
        PolicySourceKind::AuthorizationDetails => note!("iamwb: comparing with {described}: {}", names.join(", ")),
        _ => note!("iamwb: comparing with {described} {} ({} document(s))", chosen.label, names.len()),
    }
    for missing in &chosen.missing {
        note!("iamwb: warning: {missing} applies to {principal_arn} but its document is not in the inputs (for AWS managed policies, run get-account-authorization-details with --filter AWSManagedPolicy too)");
    }
    Some(chosen.policies.iter().map(|policy| policy.document.clone()).collect())
}

/// Reads every input, reports per-file problems on standard error, and returns `None` when no
/// input gave anything usable (after saying why).
fn read_inputs(inputs: &[PathBuf]) -> Result<Option<Analysis>> {
    let analysis = inputs::read_all(inputs)?;
    for file in &analysis.files {
        for problem in &file.problems {
            if problem.location == iam_engine::Location::FILE {
                note!("iamwb: {}: {}", file.name, problem.message);
            } else {
                note!("iamwb: {}: {}: {}", file.name, problem.location, problem.message);
            }
        }
        if file.more_problems > 0 {
            note!("iamwb: {}: … and {} more problems", file.name, file.more_problems);
        }
    }
    if analysis.files.iter().all(|file| file.events == 0 && file.items == 0) && analysis.activity.n_events == 0 {
        if analysis.files.is_empty() {
            note!("iamwb: error: no input files found");
        } else {
            note!(
                "iamwb: error: no usable input: no CloudTrail events, policies, Access Analyzer findings, authorization details or Access Advisor reports in {}",
                counted(analysis.files.len() as u64, "file")
            );
        }
        return Ok(None);
    }
    Ok(Some(analysis))
}

/// `word`, or its plural (`word` + s) unless `count` is 1.
fn noun(count: u64, word: &str) -> String {
    if count == 1 {
        word.to_owned()
    } else {
        format!("{word}s")
    }
}

/// "1 event", "2 events".
fn counted(count: u64, word: &str) -> String {
    format!("{count} {}", noun(count, word))
}

fn write_summary_text(out: &mut impl Write, summary: &Summary) -> std::io::Result<()> {
    say!(out, "{} from {}", counted(summary.events, "event"), counted(summary.files.len() as u64, "file"))?;
    if let Some(range) = &summary.time_range {
        say!(out, "time span: {} … {}", range.from.to_rfc3339(), range.until.to_rfc3339())?;
    }
    // Exports without activity (policies, findings…) have no calls, principals or services to list.
    if summary.events > 0 {
        let failed: u64 = summary.principals.iter().map(|principal| principal.failed).sum();
        say!(out, "failed calls: {failed}")?;
        say!(out, "\nprincipals ({}):", summary.principals.len())?;
        for principal in &summary.principals {
            say!(
                out,
                "  {:>8} {:<6}  {:>6} failed  {}  ({})",
                principal.events,
                noun(principal.events, "event"),
                principal.failed,
                principal.arn,
                principal.kind
            )?;
        }
        say!(out, "\nservices ({}):", summary.services.len())?;
        for service in &summary.services {
            say!(out, "  {:>8} {:<6}  {}", service.events, noun(service.events, "event"), service.prefix)?;
        }
    }
    if !summary.denied.is_empty() {
        say!(out, "\ndenied — needed? ({}):", summary.denied.len())?;
        for denied in &summary.denied {
            say!(out, "  {:>8} ×  {}", denied.count, denied.action)?;
        }
    }
    if !summary.not_a_permission.is_empty() {
        say!(out, "\nnot needing a permission ({}):", summary.not_a_permission.len())?;
        for call in &summary.not_a_permission {
            say!(out, "  {:>8} ×  {} {}", call.count, call.event_source, call.event_name)?;
        }
    }
    if !summary.unmapped.is_empty() {
        say!(out, "\nunmapped ({}):", summary.unmapped.len())?;
        for call in &summary.unmapped {
            say!(out, "  {:>8} ×  {} {}", call.count, call.event_source, call.event_name)?;
        }
    }
    if !summary.findings.is_empty() {
        say!(out, "\ncredential hygiene ({}):", summary.findings.len())?;
        for finding in &summary.findings {
            say!(out, "  {}: {}: {}", finding.kind.as_str(), finding.principal, finding.detail)?;
        }
    }
    if !summary.warnings.is_empty() {
        say!(out, "\nhow far the evidence goes:")?;
        for warning in &summary.warnings {
            say!(out, "  - {}", warning.detail)?;
        }
    }
    write_imported_text(out, &summary.imported)
}

fn write_imported_text(out: &mut impl Write, imported: &ImportedSummary) -> std::io::Result<()> {
    if !imported.policies.is_empty() {
        say!(out, "\npolicies ({}):", imported.policies.len())?;
        for policy in &imported.policies {
            say!(out, "  {:>8} statements  {}  ({})", policy.statements, policy.name, policy.source_file)?;
        }
    }
    if !imported.unused_access.is_empty() {
        say!(out, "\nunused access, IAM Access Analyzer ({}):", imported.unused_access.len())?;
        for finding in &imported.unused_access {
            say!(out, "  {}: {}", finding.finding_type, finding.resource)?;
            for action in &finding.actions {
                say!(out, "      unused action   {}", action.action)?;
            }
            for service in &finding.unused_services {
                say!(out, "      unused service  {}", service.service_namespace)?;
            }
        }
    }
    if !imported.findings.is_empty() {
        say!(out, "\nAccess Analyzer findings listed ({}):", imported.findings.len())?;
        for finding in &imported.findings {
            say!(
                out,
                "  {}  {}  {}",
                finding.finding_type.as_deref().unwrap_or("(type not given)"),
                finding.status.as_deref().unwrap_or(""),
                finding.resource.as_deref().unwrap_or("(resource not given)")
            )?;
        }
    }
    if !imported.authorization_details.is_empty() {
        say!(out, "\nauthorization details ({} users and roles):", imported.authorization_details.len())?;
        for principal in &imported.authorization_details {
            say!(out, "  {}  ({}): {} policies", principal.arn, principal.kind.as_str(), principal.policies.len())?;
            for missing in &principal.missing {
                say!(out, "      not in the inputs: {missing}")?;
            }
        }
    }
    if !imported.last_accessed.is_empty() {
        say!(out, "\nservice last accessed, Access Advisor ({}):", imported.last_accessed.len())?;
        for service in &imported.last_accessed {
            let when = service.last_authenticated.map(|time| time.to_rfc3339()).unwrap_or_else(|| "not in the tracking period".to_owned());
            say!(out, "  {:<24} {when}  ({})", service.service_namespace, service.source_file)?;
        }
    }
    Ok(())
}
