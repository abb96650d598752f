//! Everything the principal workspace shows, derived from the model (`state::workspace`) and the
//! principal's activity with the engine: the synthesis at the chosen options, the policy in effect
//! (generated, or edited by hand), its lint, its simulation against every observed call, its size
//! and split, the diff against an existing policy, the actions table, the exports and the
//! equivalent `iamwb generate` command line. Pure functions of plain data, tested natively; the
//! components only lay the result out.
//!
//! The generated path calls exactly what `iamwb generate` calls, with the same options, so the
//! page and the CLI print the same bytes.

use crate::state::workspace::{ExportKind, PolicyEdit, PrincipalWorkspace, ToolChoices};
use iam_engine::diff::{diff, DiffOptions, PolicyDiff};
use iam_engine::export::{export, shell_word, Attachment, Export, ExportFormat, ExportOptions, TerraformStyle};
use iam_engine::generalise::{breadth_of_policies, Breadth};
use iam_engine::ingest::imported::UnusedAccessFinding;
use iam_engine::lint::{lint_split, LintReport};
use iam_engine::policy_text::{self, PolicyTextError};
use iam_engine::query::{build_query, QuerySpec};
use iam_engine::simulate::{granting_pattern, simulate, Decision, SimulatedCall, Simulation, SimulationOptions};
use iam_engine::size::{split, SizeReport, MANAGED_POLICY_CHARS};
use iam_engine::synth::{ConditionOptions, ResourceChoice, ValidityWindow};
use iam_engine::window::{is_wanted, DayWindow};
use iam_engine::{AccessLevel, Catalog, Outcome, Policy, PrincipalActivity, SynthOptions, Synthesis, Timestamp};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// The synthesis options a `PolicyEdit` stands for: the same values `iamwb generate` builds from
/// its flags.
pub fn synth_options(edit: &PolicyEdit) -> SynthOptions {
    SynthOptions {
        window: window_of(edit),
        include_denied: edit.include_denied,
        resources: edit.resources,
        allow_cross_account: edit.allow_cross_account,
        conditions: ConditionOptions {
            requested_region: edit.conditions.region,
            source_ip: edit.conditions.source_ip,
            mfa: edit.conditions.mfa,
            current_time: validity_of(edit),
        },
        ..SynthOptions::default()
    }
}

pub fn window_of(edit: &PolicyEdit) -> DayWindow {
    DayWindow { since: edit.since, until: edit.until }
}

/// The `aws:CurrentTime` window: from the first second of the first day to the last second of
/// the last day, as `--valid-from DAY --valid-until DAY` reads.
pub fn validity_of(edit: &PolicyEdit) -> Option<ValidityWindow> {
    let conditions = &edit.conditions;
    match (conditions.time, conditions.valid_from, conditions.valid_until) {
        (true, Some(from), Some(until)) if until >= from => Some(ValidityWindow { not_before: from.first_second(), not_after: until.last_second() }),
        _ => None,
    }
}

/// The activity the policy is generated from: the principal's, without the excluded actions and
/// (action, resource) pairs.
pub fn activity_for_synthesis<'a>(principal: &'a PrincipalActivity, edit: &PolicyEdit) -> Cow<'a, PrincipalActivity> {
    if edit.excluded_actions.is_empty() && edit.excluded_resources.is_empty() {
        return Cow::Borrowed(principal);
    }
    let mut kept = principal.clone();
    kept.calls.retain(|call| {
        !edit.excluded_actions.contains(&call.action)
            && !call.resource.as_ref().is_some_and(|resource| edit.excluded_resources.contains(&(call.action.clone(), resource.clone())))
    });
    Cow::Owned(kept)
}

/// The synthesis for the edit's options and exclusions.
pub fn synthesise_for(principal: &PrincipalActivity, catalog: &Catalog, edit: &PolicyEdit) -> Synthesis {
    iam_engine::synthesise(&activity_for_synthesis(principal, edit), catalog, &synth_options(edit))
}

/// Whether the simulator is shown a policy as of one instant: with a time condition, every call is
/// evaluated in the middle of the validity window, as the synthesis proves its own policy.
fn at_time(edit: &PolicyEdit) -> Option<Timestamp> {
    validity_of(edit).map(|window| Timestamp(window.not_before.0 + (window.not_after.0 - window.not_before.0) / 2))
}

/// Whether the observed calls of an (action, resource) pair are allowed by the policy in effect.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Granted {
    All,
    Partly,
    None,
    /// The simulator cannot tell (a condition on values the logs do not have).
    Unknown,
}

impl Granted {
    fn of(allowed: u64, not_evaluable: u64, total: u64) -> Granted {
        if total == 0 {
            Granted::Unknown
        } else if allowed == total {
            Granted::All
        } else if allowed > 0 {
            Granted::Partly
        } else if not_evaluable > 0 {
            Granted::Unknown
        } else {
            Granted::None
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ResourceRow {
    /// `None`: calls logged without a resource.
    pub resource: Option<String>,
    /// The resource pattern of the policy in effect that grants it (`simulate::granting_pattern`);
    /// `None` when the policy does not grant it.
    pub pattern: Option<String>,
    pub calls: u64,
    pub last_seen: Timestamp,
    pub included: bool,
    pub granted: Granted,
}

/// One row of the actions table: an observed action with its resources.
#[derive(Clone, Debug, PartialEq)]
pub struct ActionRow {
    pub action: String,
    pub service: String,
    pub access_level: Option<AccessLevel>,
    pub calls: u64,
    pub last_seen: Timestamp,
    pub included: bool,
    pub granted: Granted,
    pub resources: Vec<ResourceRow>,
}

/// The observed resources of an action folded under the pattern that grants them: what the
/// actions table shows ("exports/* ← 57 observed keys, last 2026-03-07").
#[derive(Clone, Debug, PartialEq)]
pub struct PatternGroup<'r> {
    /// `None`: resources the policy does not grant (new, excluded or edited out).
    pub pattern: Option<&'r str>,
    pub resources: Vec<&'r ResourceRow>,
    pub calls: u64,
    pub last_seen: Timestamp,
}

impl PatternGroup<'_> {
    /// A pattern that stands for more than the one resource it was observed on: folded.
    pub fn folds(&self) -> bool {
        match (self.pattern, self.resources.as_slice()) {
            (Some(pattern), [only]) => only.resource.as_deref() != Some(pattern),
            (Some(_), _) => true,
            (None, _) => false,
        }
    }
}

/// An action's resources grouped by the pattern granting them, patterns in order, the resources
/// nothing grants last.
pub fn pattern_groups(row: &ActionRow) -> Vec<PatternGroup<'_>> {
    let mut groups: BTreeMap<(bool, Option<&str>), PatternGroup<'_>> = BTreeMap::new();
    for resource in &row.resources {
        let pattern = resource.pattern.as_deref();
        let group = groups.entry((pattern.is_none(), pattern)).or_insert_with(|| PatternGroup {
            pattern,
            resources: Vec::new(),
            calls: 0,
            last_seen: Timestamp(i64::MIN),
        });
        group.resources.push(resource);
        group.calls += resource.calls;
        group.last_seen = group.last_seen.max(resource.last_seen);
    }
    groups.into_values().collect()
}

/// A statement of the policy in effect, for Sid editing.
#[derive(Clone, Debug, PartialEq)]
pub struct StatementRow {
    /// Across documents.
    pub index: usize,
    pub sid: Option<String>,
    /// The Sid the synthesis gave it (the key of a rename); the current Sid for hand edits.
    pub generated_sid: Option<String>,
    pub summary: String,
}

/// The comparison with an existing policy.
#[derive(Clone, Debug, PartialEq)]
pub struct ExistingView {
    pub documents: Result<Vec<Policy>, PolicyTextError>,
    pub diff: Option<PolicyDiff>,
    /// Breadth of the existing policy and of the policy in effect, against the same exact
    /// baseline.
    pub breadth_existing: Option<Breadth>,
    pub breadth_ours: Option<Breadth>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct WorkspaceView {
    pub principal_arn: String,
    pub synthesis: Synthesis,
    /// The editor's text: the hand edits, or the generated policy's canonical JSON.
    pub text: String,
    pub hand_edited: bool,
    /// The documents of the policy in effect (split to the managed-policy limit), or why the text
    /// is no policy.
    pub documents: Result<Vec<Policy>, PolicyTextError>,
    /// The whole policy in effect, unsplit (`None` when the text is no policy).
    pub policy: Option<Policy>,
    pub lint: LintReport,
    pub simulation: Option<Simulation>,
    /// Observed successful calls the policy in effect does not allow.
    pub denied_calls: Vec<SimulatedCall>,
    pub size: Option<SizeReport>,
    pub statements: Vec<StatementRow>,
    pub actions: Vec<ActionRow>,
    pub existing: Option<ExistingView>,
}

/// An action (or a whole service, `s3:*`) that IAM Access Analyzer found unused by the principal,
/// against the policies on screen.
#[derive(Clone, Debug, PartialEq)]
pub struct UnusedAccessRow {
    /// `s3:PutObject`, or `sqs:*` for a service none of whose actions was used.
    pub action: String,
    pub last_accessed: Option<Timestamp>,
    /// The policy in effect names it (exactly, or an action of the unused service).
    pub in_policy: bool,
    /// The existing policy names it.
    pub in_existing: bool,
    /// The observed actions of the generated policy it stands for (what removing it excludes).
    pub generated_actions: Vec<String>,
}

/// The unused actions and services of the principal's unused-access findings, each once (the
/// latest last use wins), sorted.
pub fn unused_access_rows(findings: &[UnusedAccessFinding], principal_arn: &str, view: &WorkspaceView) -> Vec<UnusedAccessRow> {
    let mut unused: BTreeMap<String, Option<Timestamp>> = BTreeMap::new();
    for finding in findings.iter().filter(|finding| finding.resource == principal_arn) {
        let entries = finding
            .actions
            .iter()
            .map(|action| (action.action.clone(), action.last_accessed))
            .chain(finding.unused_services.iter().map(|service| (format!("{}:*", service.service_namespace), service.last_accessed)));
        for (action, last_accessed) in entries {
            let entry = unused.entry(action).or_default();
            *entry = (*entry).max(last_accessed);
        }
    }
    let existing: Option<&[Policy]> = view.existing.as_ref().and_then(|existing| existing.documents.as_deref().ok());
    unused
        .into_iter()
        .map(|(action, last_accessed)| {
            let whole_service = action.strip_suffix(":*").map(|service| format!("{service}:"));
            let generated_actions = if view.hand_edited {
                Vec::new()
            } else {
                view.actions
                    .iter()
                    .filter(|row| row.included)
                    .filter(|row| match &whole_service {
                        Some(prefix) => row.action.to_ascii_lowercase().starts_with(&prefix.to_ascii_lowercase()),
                        None => row.action.eq_ignore_ascii_case(&action),
                    })
                    .map(|row| row.action.clone())
                    .collect()
            };
            UnusedAccessRow {
                in_policy: view.documents.as_deref().is_ok_and(|documents| policy_text::names_action(documents, &action)),
                in_existing: existing.is_some_and(|documents| policy_text::names_action(documents, &action)),
                action,
                last_accessed,
                generated_actions,
            }
        })
        .collect()
}

/// Applies Sid renames to a generated policy.
fn with_sids(policy: &Policy, sids: &BTreeMap<String, String>) -> Policy {
    let mut renamed = policy.clone();
    for (index, statement) in renamed.statements.iter_mut().enumerate() {
        let key = statement.sid.clone().unwrap_or_else(|| format!("#{index}"));
        if let Some(sid) = sids.get(&key) {
            statement.sid = Some(sid.clone());
        }
    }
    renamed
}

/// Everything the workspace shows for one principal. `synthesis` is `synthesise_for(principal,
/// catalog, &workspace.edit)` (computed apart because it is the expensive part).
pub fn view(principal: &PrincipalActivity, catalog: &Catalog, synthesis: Synthesis, workspace: &PrincipalWorkspace) -> WorkspaceView {
    let edit = &workspace.edit;
    let (text, parsed, generated_sids) = match &edit.hand_text {
        Some(text) => {
            let parsed = policy_text::documents_in(text).map(|documents| match documents.as_slice() {
                [only] => (only.clone(), split(only, MANAGED_POLICY_CHARS)),
                _ => (policy_text::merged(&documents), documents),
            });
            (text.clone(), parsed, None)
        }
        None => {
            let policy = with_sids(&synthesis.policy, &edit.sids);
            let documents = if edit.sids.is_empty() { synthesis.documents.clone() } else { split(&policy, MANAGED_POLICY_CHARS) };
            let generated: Vec<Option<String>> = synthesis.policy.statements.iter().map(|statement| statement.sid.clone()).collect();
            (policy.to_canonical_json(), Ok((policy, documents)), Some(generated))
        }
    };
    let (merged, documents) = match parsed {
        Ok((policy, documents)) => (Some(policy), Ok(documents)),
        Err(error) => (None, Err(error)),
    };
    // The exports split the policy into managed policies: each document is judged by the limit.
    let lint = lint_split(&text, catalog);
    let window = window_of(edit);
    let simulation_options = SimulationOptions { window, at_time: at_time(edit), ..SimulationOptions::default() };
    let simulation = documents.as_ref().ok().map(|documents| simulate(documents, principal, &simulation_options));
    let denied_calls = simulation
        .iter()
        .flat_map(|simulation| simulation.calls.iter())
        .filter(|call| call.outcome == Outcome::Success && call.evaluation.decision != Decision::Allowed)
        .cloned()
        .collect();
    let size = match (&merged, &documents) {
        (Some(policy), Ok(documents)) => Some(SizeReport::of(policy, documents)),
        _ => None,
    };
    let statements = match &merged {
        Some(policy) => policy
            .statements
            .iter()
            .enumerate()
            .map(|(index, statement)| StatementRow {
                index,
                sid: statement.sid.clone(),
                generated_sid: match &generated_sids {
                    Some(generated) => generated.get(index).cloned().flatten(),
                    None => statement.sid.clone(),
                },
                summary: statement_summary(statement),
            })
            .collect(),
        None => Vec::new(),
    };
    let actions = action_rows(principal, catalog, edit, simulation.as_ref(), documents.as_ref().ok().map(Vec::as_slice));
    let ours = match (&documents, &simulation) {
        (Ok(documents), Some(simulation)) => Some((documents.as_slice(), simulation)),
        _ => None,
    };
    let existing = existing_view(principal, catalog, ours, workspace);
    WorkspaceView {
        principal_arn: principal.arn.clone(),
        synthesis,
        text,
        hand_edited: edit.hand_text.is_some(),
        documents,
        lint,
        simulation,
        denied_calls,
        size,
        policy: merged,
        statements,
        actions,
        existing,
    }
}

fn statement_summary(statement: &iam_engine::Statement) -> String {
    let actions = statement.action.as_ref().or(statement.not_action.as_ref()).map(|list| list.len()).unwrap_or(0);
    let resources: Vec<&str> = statement.resource.iter().chain(statement.not_resource.iter()).flat_map(|list| list.iter()).collect();
    let effect = match statement.effect {
        iam_engine::policy::Effect::Allow => "Allow",
        iam_engine::policy::Effect::Deny => "Deny",
    };
    match resources.as_slice() {
        [] => format!("{effect} {actions}"),
        [only] => format!("{effect} {actions} → {only}"),
        [first, rest @ ..] => format!("{effect} {actions} → {first} (+{})", rest.len()),
    }
}

/// The actions table: every action the policy is meant to allow in the window (successful calls,
/// and denied ones when included), with what the policy in effect grants of them.
fn action_rows(
    principal: &PrincipalActivity,
    catalog: &Catalog,
    edit: &PolicyEdit,
    simulation: Option<&Simulation>,
    documents: Option<&[Policy]>,
) -> Vec<ActionRow> {
    // (allowed, not evaluable, total) calls per (action, resource), from the simulation.
    let mut decided: BTreeMap<(&str, Option<&str>), (u64, u64, u64)> = BTreeMap::new();
    for call in simulation.iter().flat_map(|simulation| simulation.calls.iter()) {
        if call.outcome == Outcome::Success || (edit.include_denied && call.outcome == Outcome::Denied) {
            let entry = decided.entry((call.action.as_str(), call.resource.as_deref())).or_default();
            match call.evaluation.decision {
                Decision::Allowed => entry.0 += call.count,
                Decision::NotEvaluable => entry.1 += call.count,
                Decision::ExplicitDeny | Decision::ImplicitDeny => {}
            }
            entry.2 += call.count;
        }
    }
    let mut rows: BTreeMap<&str, BTreeMap<Option<&str>, (u64, Timestamp)>> = BTreeMap::new();
    for call in window_of(edit).calls(principal).filter(|call| is_wanted(call, edit.include_denied)) {
        let entry = rows.entry(call.action.as_str()).or_default().entry(call.resource.as_deref()).or_insert((0, Timestamp(i64::MIN)));
        entry.0 += call.count;
        entry.1 = entry.1.max(call.last_seen);
    }
    rows.into_iter()
        .map(|(action, resources)| {
            let action_included = !edit.excluded_actions.contains(action);
            let resources: Vec<ResourceRow> = resources
                .into_iter()
                .map(|(resource, (calls, last_seen))| {
                    let (allowed, not_evaluable, total) = decided.get(&(action, resource)).copied().unwrap_or_default();
                    ResourceRow {
                        resource: resource.map(str::to_owned),
                        pattern: documents.and_then(|documents| granting_pattern(documents, action, resource)).map(str::to_owned),
                        calls,
                        last_seen,
                        included: action_included && !resource.is_some_and(|arn| edit.excluded_resources.contains(&(action.to_owned(), arn.to_owned()))),
                        granted: Granted::of(allowed, not_evaluable, total),
                    }
                })
                .collect();
            let (allowed, not_evaluable, total) = decided
                .iter()
                .filter(|((decided_action, _), _)| *decided_action == action)
                .fold((0, 0, 0), |sum, (_, counts)| (sum.0 + counts.0, sum.1 + counts.1, sum.2 + counts.2));
            ActionRow {
                action: action.to_owned(),
                service: action.split(':').next().unwrap_or(action).to_owned(),
                access_level: catalog.action(action).map(|found| found.action.access_level),
                calls: resources.iter().map(|row| row.calls).sum(),
                last_seen: resources.iter().map(|row| row.last_seen).max().unwrap_or_default(),
                included: action_included,
                granted: Granted::of(allowed, not_evaluable, total),
                resources,
            }
        })
        .collect()
}

fn existing_view(
    principal: &PrincipalActivity,
    catalog: &Catalog,
    ours: Option<(&[Policy], &Simulation)>,
    workspace: &PrincipalWorkspace,
) -> Option<ExistingView> {
    if workspace.existing_policy.trim().is_empty() {
        return None;
    }
    let documents = policy_text::documents_in(&workspace.existing_policy);
    let options = DiffOptions { window: window_of(&workspace.edit), ..DiffOptions::default() };
    let diff = documents.as_ref().ok().map(|documents| diff(documents, principal, catalog, &options));
    // Measured by the diff on its own simulation (Access Analyzer's `${BucketName}`-style
    // placeholders count as wildcards there).
    let breadth_existing = diff.as_ref().map(|diff| diff.breadth.clone());
    let breadth_ours = ours.map(|(documents, simulation)| breadth_of_policies(documents, simulation, catalog));
    Some(ExistingView { documents, diff, breadth_existing, breadth_ours })
}

/// Observed resource ARNs of a principal, sorted and distinct (for the resource kit's picker).
pub fn observed_resources(principal: &PrincipalActivity) -> Vec<String> {
    let mut resources: Vec<String> = principal.calls.iter().filter_map(|call| call.resource.clone()).collect();
    resources.sort();
    resources.dedup();
    resources
}

/// The export of the policy in effect, in the chosen format.
pub fn export_of(view: &WorkspaceView, edit: &PolicyEdit, tools: &ToolChoices) -> Option<Export> {
    let documents = view.documents.as_ref().ok()?;
    let whole = view.policy.as_ref()?;
    let options = export_options(&view.principal_arn, edit, tools);
    Some(match tools.export {
        // `iamwb generate` prints the whole policy when it fits one managed policy.
        ExportKind::Json if documents.len() <= 1 => export(std::slice::from_ref(whole), ExportFormat::Json, &options),
        // …and the split documents otherwise, as `--split` does.
        ExportKind::Json | ExportKind::JsonSplit => {
            let mut exported = export(documents, ExportFormat::Json, &options);
            exported.text = policy_text::json_array(documents);
            exported
        }
        ExportKind::Cli | ExportKind::Cloudformation | ExportKind::Terraform => {
            let format = match tools.export {
                ExportKind::Cli => ExportFormat::Cli,
                ExportKind::Cloudformation => ExportFormat::Cloudformation,
                _ => ExportFormat::Terraform,
            };
            match inline_export(view, tools) {
                // Inline: one document within the principal's budget, or nothing to export.
                Some(Ok(inline)) => export(&inline, format, &options),
                Some(Err(_)) => return None,
                None => export(documents, format, &options),
            }
        }
    })
}

/// For an inline export, the documents it puts on the principal, or why AWS would refuse them
/// (the engine's `size::inline_documents`, as `iamwb generate --inline`); `None` for managed
/// exports.
pub fn inline_export(view: &WorkspaceView, tools: &ToolChoices) -> Option<Result<Vec<iam_engine::Policy>, iam_engine::size::InlineOverBudget>> {
    let inline = tools.attachment == Attachment::Inline && matches!(tools.export, ExportKind::Cli | ExportKind::Cloudformation | ExportKind::Terraform);
    let whole = view.policy.as_ref().filter(|_| inline)?;
    let owner = iam_engine::size::InlineOwner::of_arn(&view.principal_arn).unwrap_or(iam_engine::size::InlineOwner::User);
    Some(iam_engine::size::inline_documents(whole, owner))
}

fn export_options(principal_arn: &str, edit: &PolicyEdit, tools: &ToolChoices) -> ExportOptions {
    ExportOptions {
        policy_name: Some(edit.policy_name.trim().to_owned()).filter(|name| !name.is_empty()),
        principal_arn: Some(principal_arn.to_owned()),
        attachment: tools.attachment,
        description: Some(edit.description.trim().to_owned()).filter(|description| !description.is_empty()),
        terraform_style: tools.terraform_style,
    }
}

/// The `iamwb generate` command line that prints what the page shows, with every option chosen.
pub fn cli_command(principal_arn: &str, edit: &PolicyEdit, tools: &ToolChoices, input_names: &[String]) -> String {
    let mut words: Vec<String> = vec!["iamwb".into(), "generate".into(), "--principal".into(), shell_word(principal_arn)];
    if let Some(since) = edit.since {
        words.extend(["--since".into(), since.to_iso_date()]);
    }
    if let Some(until) = edit.until {
        words.extend(["--until".into(), until.to_iso_date()]);
    }
    if edit.resources != ResourceChoice::Auto {
        words.extend(["--resources".into(), edit.resources.as_str().into()]);
    }
    let validity = validity_of(edit);
    let conditions: Vec<&str> =
        [(edit.conditions.region, "region"), (edit.conditions.source_ip, "ip"), (edit.conditions.mfa, "mfa"), (validity.is_some(), "time")]
            .into_iter()
            .filter_map(|(chosen, name)| chosen.then_some(name))
            .collect();
    if !conditions.is_empty() {
        words.extend(["--conditions".into(), conditions.join(",")]);
    }
    if let (Some(from), Some(until), Some(_)) = (edit.conditions.valid_from, edit.conditions.valid_until, validity) {
        words.extend(["--valid-from".into(), from.to_iso_date(), "--valid-until".into(), until.to_iso_date()]);
    }
    if edit.include_denied {
        words.push("--include-denied".into());
    }
    if edit.allow_cross_account {
        words.push("--allow-cross-account".into());
    }
    match tools.export {
        ExportKind::Json => {}
        ExportKind::JsonSplit => words.push("--split".into()),
        ExportKind::Cli => words.extend(["--format".into(), "cli".into()]),
        ExportKind::Cloudformation => words.extend(["--format".into(), "cloudformation".into()]),
        ExportKind::Terraform => words.extend(["--format".into(), "terraform".into()]),
    }
    if !matches!(tools.export, ExportKind::Json | ExportKind::JsonSplit) {
        if !edit.policy_name.trim().is_empty() {
            words.extend(["--policy-name".into(), shell_word(edit.policy_name.trim())]);
        }
        if tools.attachment == Attachment::Inline {
            words.push("--inline".into());
        }
    }
    words.extend(input_names.iter().map(|name| shell_word(name)));
    words.join(" ")
}

/// What the page does that `iamwb generate` has no option for: the command line prints the policy
/// without these.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageOnly {
    Exclusions,
    SidNames,
    HandEdits,
    Description,
    TerraformHeredoc,
}

pub fn page_only(edit: &PolicyEdit, tools: &ToolChoices) -> Vec<PageOnly> {
    let exported = !matches!(tools.export, ExportKind::Json | ExportKind::JsonSplit);
    [
        (!edit.excluded_actions.is_empty() || !edit.excluded_resources.is_empty(), PageOnly::Exclusions),
        (!edit.sids.is_empty(), PageOnly::SidNames),
        (edit.hand_text.is_some(), PageOnly::HandEdits),
        (exported && !edit.description.trim().is_empty(), PageOnly::Description),
        (tools.export == ExportKind::Terraform && tools.terraform_style == TerraformStyle::Heredoc, PageOnly::TerraformHeredoc),
    ]
    .into_iter()
    .filter_map(|(applies, item)| applies.then_some(item))
    .collect()
}

/// The query builder's SQL (or why not), for the tools' choices; `default_principal` stands in
/// for an empty principal field.
pub fn query_sql(tools: &ToolChoices, default_principal: Option<&str>) -> Result<String, String> {
    let principal =
        if tools.query_principal.trim().is_empty() { default_principal.unwrap_or_default().to_owned() } else { tools.query_principal.trim().to_owned() };
    let (Some(since), Some(until)) = (tools.query_since, tools.query_until) else {
        return Err("dates".to_owned());
    };
    let spec = QuerySpec {
        principal_arn: principal,
        since: since.first_second(),
        until: until.last_second(),
        engine: tools.query_engine.engine(),
        table: Some(tools.query_table.trim().to_owned()).filter(|table| !table.is_empty()),
    };
    build_query(&spec).map_err(|error| error.to_string())
}

/// The `iamwb query` command line for the same SQL.
pub fn query_command(tools: &ToolChoices, default_principal: Option<&str>) -> String {
    let principal = if tools.query_principal.trim().is_empty() { default_principal.unwrap_or_default() } else { tools.query_principal.trim() };
    let mut words = vec!["iamwb".to_owned(), "query".to_owned(), "--principal".to_owned(), shell_word(principal)];
    for (flag, day) in [("--since", tools.query_since), ("--until", tools.query_until)] {
        if let Some(day) = day {
            words.extend([flag.to_owned(), day.to_iso_date()]);
        }
    }
    words.extend(["--engine".to_owned(), tools.query_engine.value().to_owned()]);
    if !tools.query_table.trim().is_empty() {
        words.extend(["--table".to_owned(), shell_word(tools.query_table.trim())]);
    }
    words.join(" ")
}

/// A file name for the downloaded policy: the principal's name and `-policy.json`.
pub fn download_name(principal_arn: &str) -> String {
    let name = iam_engine::principal::name_of(principal_arn).unwrap_or("principal");
    let safe: String = name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect();
    format!("{safe}-policy.json")
}

/// Parses an `<input type=date>` value.
pub fn parse_day(text: &str) -> Option<iam_engine::Day> {
    let text = text.trim();
    if text.len() != 10 {
        return None;
    }
    Timestamp::parse(text).map(Timestamp::day)
}

#[cfg(test)]
mod tests;
