//! Policy synthesis: from a principal's observed activity to the smallest policy that still
//! allows it. One entry point, [`synthesise`], used by the web app and the CLI alike.
//!
//! The steps: choose the calls (time window, outcomes); classify each action with the catalog
//! (read-only = List and Read, read-write = Write, Tagging and Permissions management; whether it
//! supports resource-level permissions at all) and each resource ARN by resource type;
//! generalise the ARNs to the chosen level (see [`crate::generalise`]); group grants into
//! statements per service, resource type, container (bucket, table, log group) and access class,
//! with Sids that say what and why; add the conditions asked for; minimise; split to the size
//! quotas. `auto` builds every level and keeps the narrowest that fits. Nothing is added
//! silently: companion reads, `iam:PassRole` and other actions a call may also need come back
//! as suggestions next to the policy.

use crate::activity::{ObservedCall, PrincipalActivity};
use crate::catalog::{AccessLevel, ActionRef, Catalog};
use crate::generalise::{
    arn_formats, explain, generalise_typed, generalise_untyped, scope_of, scope_with_template, Breadth, Churn, Contents, GeneraliseOptions, Level, Scope,
    Template, TypedArn,
};
use crate::mapping::PassRole;
use crate::pattern::pattern_covers;
use crate::policy::{Conditions, Effect, Policy, Statement, StringList};
use crate::principal::Arn;
use crate::simulate::{simulate, Coverage, SimulationOptions};
use crate::size::{split, SizeReport, MANAGED_POLICIES_PER_PRINCIPAL, MANAGED_POLICY_CHARS};
use crate::timestamp::Timestamp;
use crate::window::{is_wanted, DayWindow};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Which generalisation level to use.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ResourceChoice {
    /// The durable level, or the narrowest broader level whose policy fits the managed-policy
    /// quota (`max_documents`).
    #[default]
    Auto,
    Exact,
    Durable,
    Prefix,
    Type,
    Service,
}

impl ResourceChoice {
    pub fn parse(text: &str) -> Option<ResourceChoice> {
        Some(match text {
            "auto" => ResourceChoice::Auto,
            "exact" => ResourceChoice::Exact,
            "durable" => ResourceChoice::Durable,
            "prefix" => ResourceChoice::Prefix,
            "type" => ResourceChoice::Type,
            "service" => ResourceChoice::Service,
            _ => return None,
        })
    }

    /// The word `--resources` takes.
    pub fn as_str(self) -> &'static str {
        match self.level() {
            Some(level) => level.as_str(),
            None => "auto",
        }
    }

    fn level(self) -> Option<Level> {
        match self {
            ResourceChoice::Auto => None,
            ResourceChoice::Exact => Some(Level::Exact),
            ResourceChoice::Durable => Some(Level::Durable),
            ResourceChoice::Prefix => Some(Level::Prefix),
            ResourceChoice::Type => Some(Level::Type),
            ResourceChoice::Service => Some(Level::Service),
        }
    }
}

/// An `aws:CurrentTime` validity window: the policy allows nothing before or after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidityWindow {
    pub not_before: Timestamp,
    pub not_after: Timestamp,
}

/// Optional conditions on the generated statements.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConditionOptions {
    /// `aws:RequestedRegion` limited to the regions observed for each statement's calls.
    pub requested_region: bool,
    /// A deny for requests from addresses never observed (`aws:SourceIp`), except requests AWS
    /// services make on the principal's behalf and requests without a source address (VPC
    /// endpoints), as the IAM user guide's example does.
    pub source_ip: bool,
    /// `aws:MultiFactorAuthPresent` must be true.
    pub mfa: bool,
    /// `aws:CurrentTime` within this window.
    pub current_time: Option<ValidityWindow>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SynthOptions {
    /// The days of activity to use.
    pub window: DayWindow,
    /// Also allow calls that were denied (they may be needed; nothing proves they are).
    pub include_denied: bool,
    pub resources: ResourceChoice,
    /// Let generalisation reach other accounts (`*` for the account, S3 bucket names).
    pub allow_cross_account: bool,
    pub conditions: ConditionOptions,
    /// Most managed policies `auto` may use (IAM's default quota per principal is 10).
    pub max_documents: usize,
    /// The activity came from full records, so the mapping saw the request parameters and
    /// flagged every call that passes a role; when false (aggregated inputs such as Athena
    /// results), actions that may pass a role get an `iam:PassRole` suggestion from the catalog.
    pub requests_seen: bool,
}

impl Default for SynthOptions {
    fn default() -> Self {
        SynthOptions {
            window: DayWindow::all(),
            include_denied: false,
            resources: ResourceChoice::Auto,
            allow_cross_account: false,
            conditions: ConditionOptions::default(),
            max_documents: MANAGED_POLICIES_PER_PRINCIPAL,
            requests_seen: true,
        }
    }
}

/// What the policy at one level would be like: shown next to each choice.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LevelSummary {
    pub level: Level,
    /// Non-whitespace characters of the unsplit policy.
    pub chars: usize,
    /// Managed policies after splitting.
    pub documents: usize,
    /// Within `max_documents` managed policies of at most 6,144 characters.
    pub fits: bool,
    pub statements: usize,
    pub breadth: Breadth,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SuggestionKind {
    /// A List or Read action on the same resource type as an observed call (`GetItem` next to
    /// `PutItem`).
    CompanionRead,
    /// The call passes a role to a service: it needs `iam:PassRole` on that role.
    PassRole,
    /// Another action the catalog lists as needed alongside the observed one.
    DependentAction,
    /// The action also requires permission on resource types the logs do not name (`ec2:RunInstances`
    /// needs the image, subnet and security groups too).
    OtherRequiredResourceTypes,
    /// A call CloudTrail does not log (or logs only as a data event) that an observed call implies:
    /// `logs:PutLogEvents` next to `logs:CreateLogStream` ([`crate::unlogged`]).
    NotLogged,
    /// Another action AWS's operation map lists for the call (`lambda:GetLayerVersion` beside
    /// `lambda:CreateFunction`) whose resource the logs did not show, so it was not granted.
    AwsMapExtra,
}

/// An addition the user may want; never added silently.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Suggestion {
    pub kind: SuggestionKind,
    pub action: String,
    /// Resource patterns to grant it on.
    pub resources: Vec<String>,
    /// The observed actions that prompt it.
    pub because_of: Vec<String>,
    pub reason: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum WarningKind {
    /// No call to allow in the window.
    NoActivity,
    /// An action the catalog does not know.
    UnknownAction,
    /// Calls to resource-level actions logged without their resource: granted on `*`.
    ResourceNotLogged,
    /// A logged resource that is none of the action's resource types.
    ResourceTypeMismatch,
    /// Resources in another account than the principal's.
    CrossAccountResource,
    /// Denied calls were included on request.
    DeniedCallsIncluded,
    /// The MFA condition would deny calls that were made without MFA.
    CallsWithoutMfa,
    /// The source-address condition was asked for but no address was observed.
    NoSourceAddresses,
    /// The policy does not fit the managed-policy quota.
    OverSizeQuota,
    /// The time condition's window does not cover the observed calls' future repeats.
    EmptyValidityWindow,
}

/// What requiring MFA (`aws:MultiFactorAuthPresent`) would do to a principal's observed calls,
/// told before the condition is chosen: sessions of roles that services, CI or instances assume
/// never carry MFA, nor do long-term access keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MfaEffect {
    pub with_mfa: u64,
    /// Calls with temporary credentials obtained without MFA.
    pub without_mfa: u64,
    /// Calls signed with long-term access keys (no MFA key in the request).
    pub long_term_keys: u64,
}

impl MfaEffect {
    pub fn of(activity: &PrincipalActivity) -> MfaEffect {
        MfaEffect { with_mfa: activity.mfa.with_mfa, without_mfa: activity.mfa.without_mfa, long_term_keys: activity.mfa.key_absent }
    }

    /// Calls the condition would deny.
    pub fn denied(&self) -> u64 {
        self.without_mfa.saturating_add(self.long_term_keys)
    }

    /// No call carried MFA: requiring it denies them all (coverage 0 %).
    pub fn denies_all(&self) -> bool {
        self.with_mfa == 0 && self.denied() > 0
    }
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Warning {
    pub kind: WarningKind,
    pub message: String,
}

/// Why one resource pattern reaches past the resources observed: a typed reason (the page's
/// words and `iamwb generate --explain` are written from it), one per generalised pattern.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Generalisation {
    /// The pattern granted.
    pub pattern: String,
    /// What changes from run to run in the observed names: dates, numbers, IDs, random suffixes.
    pub churn: Vec<Churn>,
    /// What the pattern groups under a directory, if anything: object keys, log streams,
    /// parameters.
    pub contents: Option<Contents>,
    /// The regions the name was observed in, when the pattern grants it in any region.
    pub regions: Vec<String>,
    /// Distinct observed resources the pattern covers, the calls made on them, the last one.
    pub observed: usize,
    pub calls: u64,
    pub last_seen: Timestamp,
    /// Up to three of the observed resources.
    pub examples: Vec<String>,
}

/// The result of [`synthesise`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Synthesis {
    /// The policy split into managed policies of at most 6,144 characters.
    pub documents: Vec<Policy>,
    /// The whole policy, unsplit.
    pub policy: Policy,
    pub level_used: Level,
    pub breadth: Breadth,
    /// Every level, for the choice: size, fit and breadth.
    pub levels: Vec<LevelSummary>,
    pub size: SizeReport,
    /// The policy simulated against the calls it was built from.
    pub coverage: Coverage,
    pub suggestions: Vec<Suggestion>,
    pub warnings: Vec<Warning>,
    /// Why each pattern of the level used reaches past what was observed.
    pub generalisations: Vec<Generalisation>,
}

/// Read-only (List, Read) or read-write (Write, Tagging, Permissions management).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum AccessClass {
    Read,
    Write,
}

impl AccessClass {
    fn of(level: AccessLevel) -> AccessClass {
        match level {
            AccessLevel::List | AccessLevel::Read => AccessClass::Read,
            AccessLevel::Tagging | AccessLevel::Write | AccessLevel::PermissionsManagement => AccessClass::Write,
        }
    }

    fn word(self) -> &'static str {
        match self {
            AccessClass::Read => "Read",
            AccessClass::Write => "Write",
        }
    }
}

/// Why a grant is on `*`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum StarReason {
    NoResourceLevelSupport,
    ResourceNotLogged,
    UnknownAction,
}

impl StarReason {
    fn word(self) -> &'static str {
        match self {
            StarReason::NoResourceLevelSupport => "NoResourceLevelSupport",
            StarReason::ResourceNotLogged => "ResourceNotLogged",
            StarReason::UnknownAction => "UnknownAction",
        }
    }
}

/// Where a call's resource stands before generalisation.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Slot {
    /// An ARN of a known resource type: the service whose catalog defines the type, the type name,
    /// and the ARN format it matched.
    Typed {
        type_service: String,
        type_name: String,
        format: String,
        arn: String,
    },
    /// An ARN of no known type (or not an ARN).
    Untyped {
        arn: String,
    },
    Star(StarReason),
}

/// One observed call, classified.
struct Grant<'c> {
    action: String,
    service: String,
    class: AccessClass,
    slot: Slot,
    action_ref: Option<ActionRef<'c>>,
}

/// Classifies the calls once; every level reuses the result.
struct Classified<'c> {
    grants: Vec<(Grant<'c>, Vec<&'c ObservedCall>)>,
    templates: BTreeMap<String, Template>,
    warnings: Vec<Warning>,
}

/// Synthesises the least-privilege policy for a principal's activity.
pub fn synthesise(activity: &PrincipalActivity, catalog: &Catalog, options: &SynthOptions) -> Synthesis {
    let calls: Vec<&ObservedCall> = options.window.calls(activity).filter(|call| is_wanted(call, options.include_denied)).collect();
    let classified = classify(activity, &calls, catalog);
    let mut warnings = classified.warnings.clone();
    if calls.is_empty() {
        warnings.push(Warning { kind: WarningKind::NoActivity, message: "no call to allow in the chosen time window".to_owned() });
    }
    let n_denied: u64 = calls.iter().filter(|call| call.outcome == crate::activity::Outcome::Denied).map(|call| call.count).sum();
    if n_denied > 0 {
        warnings.push(Warning {
            kind: WarningKind::DeniedCallsIncluded,
            message: format!("{n_denied} denied calls are allowed by this policy because denied calls were included; check that they are needed"),
        });
    }
    warnings.extend(condition_warnings(activity, &options.conditions));
    let generalise_options = GeneraliseOptions { allow_cross_account: options.allow_cross_account };
    let built: Vec<(Level, Policy, Breadth, Generalised)> = Level::ALL
        .iter()
        .map(|level| {
            let (policy, granting, generalised) = build_policy(activity, &classified, *level, &generalise_options, &options.conditions);
            let breadth = Breadth::of(&policy, &granting);
            (*level, policy, breadth, generalised)
        })
        .collect();
    let mut levels = Vec::new();
    let mut documents_by_level = Vec::new();
    for (level, policy, breadth, _) in &built {
        let documents = split(policy, MANAGED_POLICY_CHARS);
        let fits = documents.len() <= options.max_documents && documents.iter().all(|document| document.non_whitespace_chars() <= MANAGED_POLICY_CHARS);
        levels.push(LevelSummary {
            level: *level,
            chars: policy.non_whitespace_chars(),
            documents: documents.len(),
            fits,
            statements: policy.statements.len(),
            breadth: breadth.clone(),
        });
        documents_by_level.push(documents);
    }
    let chosen = match options.resources.level() {
        Some(level) => level,
        // The durable level, or the narrowest broader one that fits.
        None => {
            levels.iter().filter(|summary| summary.level >= Level::Durable).find(|summary| summary.fits).map(|summary| summary.level).unwrap_or(Level::Service)
        }
    };
    let index = Level::ALL.iter().position(|level| *level == chosen).expect("every level is built");
    let policy = built[index].1.clone();
    let breadth = built[index].2.clone();
    let documents = documents_by_level[index].clone();
    let generalisations = generalisations(&classified, &built[index].3);
    let size = SizeReport::of(&policy, &documents);
    if let Some(advice) = size.advice() {
        let prefix = if options.resources == ResourceChoice::Auto { "even at the service level, " } else { "" };
        warnings.push(Warning { kind: WarningKind::OverSizeQuota, message: format!("{prefix}{advice}") });
    }
    let at_time = options.conditions.current_time.map(|window| Timestamp(window.not_before.0 + (window.not_after.0 - window.not_before.0) / 2));
    let simulation_options = SimulationOptions { window: options.window, at_time, ..SimulationOptions::default() };
    let coverage = simulate(&documents, activity, &simulation_options).coverage;
    let suggestions = suggestions(&classified, catalog, chosen, &generalise_options, &built[index].3, &policy, options.requests_seen);
    warnings.sort();
    warnings.dedup();
    Synthesis { documents, breadth, policy, level_used: chosen, levels, size, coverage, suggestions, warnings, generalisations }
}

fn classify<'c>(activity: &PrincipalActivity, calls: &[&'c ObservedCall], catalog: &'c Catalog) -> Classified<'c> {
    let principal_account = Arn::parse(&activity.arn).map(|arn| arn.account.to_owned()).unwrap_or_default();
    let mut templates: BTreeMap<String, Template> = BTreeMap::new();
    let mut warnings = Vec::new();
    let mut unknown_actions = BTreeSet::new();
    let mut not_logged = BTreeSet::new();
    let mut mismatched = BTreeSet::new();
    let mut other_accounts = BTreeSet::new();
    let mut by_grant: BTreeMap<(String, Slot), Vec<&'c ObservedCall>> = BTreeMap::new();
    let mut refs: HashMap<String, Option<ActionRef<'c>>> = HashMap::new();
    for call in calls {
        let action_ref = *refs.entry(call.action.clone()).or_insert_with(|| catalog.action(&call.action));
        let action = action_ref.map(|found| found.full_name()).unwrap_or_else(|| call.action.clone());
        let slot = match (&action_ref, &call.resource) {
            (None, None) => {
                unknown_actions.insert(action.clone());
                Slot::Star(StarReason::UnknownAction)
            }
            (None, Some(arn)) => {
                unknown_actions.insert(action.clone());
                Slot::Untyped { arn: arn.clone() }
            }
            (Some(found), _) if !found.supports_resource_level() => Slot::Star(StarReason::NoResourceLevelSupport),
            (Some(_), None) => {
                not_logged.insert(action.clone());
                Slot::Star(StarReason::ResourceNotLogged)
            }
            (Some(found), Some(arn)) => {
                if let Some(arn_parts) = Arn::parse(arn) {
                    if !arn_parts.account.is_empty() && !principal_account.is_empty() && arn_parts.account != principal_account {
                        other_accounts.insert(arn.clone());
                    }
                }
                match resource_type_of(found, arn, catalog) {
                    Some((type_service, type_name, format, matches_action)) => {
                        if !matches_action {
                            mismatched.insert(format!("{action} on {arn}"));
                        }
                        templates.entry(format.clone()).or_insert_with(|| Template::parse(&format));
                        Slot::Typed { type_service, type_name, format, arn: arn.clone() }
                    }
                    None => {
                        mismatched.insert(format!("{action} on {arn}"));
                        Slot::Untyped { arn: arn.clone() }
                    }
                }
            }
        };
        by_grant.entry((action, slot)).or_default().push(call);
    }
    if !unknown_actions.is_empty() {
        warnings.push(Warning {
            kind: WarningKind::UnknownAction,
            message: format!(
                "not in the IAM catalog ({}), kept as observed: {}",
                catalog.data_version(),
                unknown_actions.into_iter().collect::<Vec<_>>().join(", ")
            ),
        });
    }
    if !not_logged.is_empty() {
        warnings.push(Warning {
            kind: WarningKind::ResourceNotLogged,
            message: format!("calls logged without their resource, so granted on \"*\": {}", not_logged.into_iter().collect::<Vec<_>>().join(", ")),
        });
    }
    if !mismatched.is_empty() {
        let listed: Vec<String> = mismatched.into_iter().collect();
        warnings.push(Warning {
            kind: WarningKind::ResourceTypeMismatch,
            message: format!("logged resources that are none of the action's resource types (kept as logged): {}", summarise_list(&listed, 5)),
        });
    }
    if !other_accounts.is_empty() {
        let listed: Vec<String> = other_accounts.into_iter().collect();
        warnings.push(Warning {
            kind: WarningKind::CrossAccountResource,
            message: format!("resources in other accounts (their resource policies must allow the principal too): {}", summarise_list(&listed, 5)),
        });
    }
    let grants = by_grant
        .into_iter()
        .map(|((action, slot), calls)| {
            let action_ref = refs.get(&calls[0].action).copied().flatten();
            let service = action.split(':').next().unwrap_or(&action).to_ascii_lowercase();
            let class = action_ref.map(|found| AccessClass::of(found.action.access_level)).unwrap_or(AccessClass::Write);
            (Grant { action, service, class, slot, action_ref }, calls)
        })
        .collect();
    Classified { grants, templates, warnings }
}

fn summarise_list(items: &[String], shown: usize) -> String {
    if items.len() <= shown {
        items.join(", ")
    } else {
        format!("{} and {} more", items[..shown].join(", "), items.len() - shown)
    }
}

/// The resource type of an ARN for an action: (service defining the type, type name, matching
/// ARN format, whether the type is one of the action's). The action's own types come first, the
/// most specific format that fits winning (`table/t/index/i` is an index, not a table named
/// `t/index/i`); a type of the ARN's own service is the fallback.
fn resource_type_of(action: &ActionRef<'_>, arn: &str, catalog: &Catalog) -> Option<(String, String, String, bool)> {
    let literal_length = |template: &Template| -> usize {
        template.parts.iter().map(|part| if let crate::generalise::Part::Literal(text) = part { text.len() } else { 0 }).sum()
    };
    let mut best: Option<(usize, String, String)> = None;
    for (_, definition) in action.resource_type_definitions() {
        for format in arn_formats(definition) {
            let template = Template::parse(format);
            if template.bind(arn).is_some() {
                let specificity = literal_length(&template);
                if best.as_ref().is_none_or(|(best_specificity, _, _)| specificity > *best_specificity) {
                    best = Some((specificity, definition.name.clone(), format.to_owned()));
                }
            }
        }
    }
    if let Some((_, name, format)) = best {
        return Some((action.service.prefix.clone(), name, format, true));
    }
    let arn_service = Arn::parse(arn)?.service;
    for service in [action.service.prefix.as_str(), arn_service] {
        for resource_type in catalog.resource_types_for_arn(service, arn) {
            if let Some(format) = arn_formats(resource_type).find(|format| Template::parse(format).bind(arn).is_some()) {
                return Some((service.to_owned(), resource_type.name.clone(), format.to_owned(), false));
            }
        }
    }
    None
}

/// The actions granted on one resource pattern, and the regions they were called in.
type ActionsAndRegions = (BTreeSet<String>, BTreeSet<String>);

/// A suggestion being gathered: resources, the observed actions behind it, the reason.
type SuggestionParts = (BTreeSet<String>, BTreeSet<String>, String);

/// What a statement is about, the key statements are grouped by.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
struct StatementKey {
    service: String,
    /// `None` for typed and untyped resources; the reason for `*` statements (sorted last).
    star: Option<StarReason>,
    /// The resource type name (empty for untyped, `*` statements and the service level).
    type_name: String,
    /// The container the resources share (bucket, table, log group), when kept by the level.
    container: Option<(String, String)>,
    class: AccessClass,
}

/// Typed ARNs whose pattern reaches past them, per (ARN format, pattern).
type Generalised = BTreeMap<(String, String), BTreeSet<String>>;

/// Why each generalised pattern reaches past the ARNs it was made from, with their calls.
fn generalisations(classified: &Classified<'_>, generalised: &Generalised) -> Vec<Generalisation> {
    let mut calls_of: HashMap<&str, (u64, Timestamp)> = HashMap::new();
    for (grant, calls) in &classified.grants {
        if let Slot::Typed { arn, .. } = &grant.slot {
            let entry = calls_of.entry(arn.as_str()).or_insert((0, Timestamp(i64::MIN)));
            for call in calls {
                entry.0 += call.count;
                entry.1 = entry.1.max(call.last_seen);
            }
        }
    }
    generalised
        .iter()
        .map(|((format, pattern), arns)| {
            let arns: Vec<&str> = arns.iter().map(String::as_str).collect();
            let (churn, contents, regions) = explain(&classified.templates[format], pattern, &arns);
            let (calls, last_seen) =
                arns.iter().filter_map(|arn| calls_of.get(arn)).fold((0, Timestamp(i64::MIN)), |(calls, last), (count, seen)| (calls + count, last.max(*seen)));
            Generalisation {
                pattern: pattern.clone(),
                churn: churn.into_iter().collect(),
                contents,
                regions: regions.into_iter().collect(),
                observed: arns.len(),
                calls,
                last_seen,
                examples: arns.iter().take(3).map(|arn| (*arn).to_owned()).collect(),
            }
        })
        .collect()
}

/// The policy at one level, the pattern granting each observed (action, resource) pair (with
/// whether the action takes only `*`), for the breadth measure, and the typed ARNs each
/// generalised pattern stands for.
fn build_policy(
    activity: &PrincipalActivity,
    classified: &Classified<'_>,
    level: Level,
    options: &GeneraliseOptions,
    conditions: &ConditionOptions,
) -> (Policy, Vec<(Scope, bool)>, Generalised) {
    // Generalise every typed ARN, per (type, format).
    let mut typed_groups: BTreeMap<(String, String, String), BTreeSet<&str>> = BTreeMap::new();
    for (grant, _) in &classified.grants {
        if let Slot::Typed { type_service, type_name, format, arn } = &grant.slot {
            typed_groups.entry((type_service.clone(), type_name.clone(), format.clone())).or_default().insert(arn.as_str());
        }
    }
    let mut pattern_of: HashMap<(String, String), String> = HashMap::new();
    let mut generalised: Generalised = BTreeMap::new();
    for ((_, _, format), arns) in &typed_groups {
        let template = &classified.templates[format];
        let typed: Vec<TypedArn<'_>> = arns.iter().filter_map(|arn| Some(TypedArn { arn, template, values: template.bind(arn)? })).collect();
        for (arn, pattern) in generalise_typed(&typed, level, options) {
            if pattern != arn {
                generalised.entry((format.clone(), pattern.clone())).or_default().insert(arn.clone());
            }
            pattern_of.insert((format.clone(), arn), pattern);
        }
    }
    // Statement key → pattern → (actions, regions).
    let mut groups: BTreeMap<StatementKey, BTreeMap<String, ActionsAndRegions>> = BTreeMap::new();
    let mut granting: Vec<(Scope, bool)> = Vec::with_capacity(classified.grants.len());
    for (grant, calls) in &classified.grants {
        let (key, pattern) = match &grant.slot {
            Slot::Star(reason) => (
                StatementKey { service: grant.service.clone(), star: Some(*reason), type_name: String::new(), container: None, class: grant.class },
                "*".to_owned(),
            ),
            Slot::Untyped { arn } => {
                let type_name = if level == Level::Service { String::new() } else { "Resource".to_owned() };
                (
                    StatementKey { service: grant.service.clone(), star: None, type_name, container: None, class: grant.class },
                    generalise_untyped(arn, level, options),
                )
            }
            Slot::Typed { type_name, format, arn, .. } => {
                let pattern = pattern_of.get(&(format.clone(), arn.clone())).cloned().unwrap_or_else(|| arn.clone());
                let template = &classified.templates[format];
                let (type_name, container) = if level == Level::Service && pattern.ends_with(":*") {
                    (String::new(), None)
                } else {
                    (type_name.clone(), container_of(template, &pattern))
                };
                (StatementKey { service: grant.service.clone(), star: None, type_name, container, class: grant.class }, pattern)
            }
        };
        let scope = match &grant.slot {
            Slot::Typed { format, .. } => scope_with_template(&classified.templates[format], &pattern),
            _ => scope_of(&pattern),
        };
        granting.push((scope, matches!(grant.slot, Slot::Star(_))));
        let entry = groups.entry(key).or_default().entry(pattern).or_default();
        entry.0.insert(grant.action.clone());
        for call in calls {
            if !call.region.is_empty() {
                entry.1.insert(call.region.clone());
            }
        }
    }
    // Within a key, patterns with the same actions share a statement.
    let mut statements: Vec<(StatementKey, Statement, BTreeSet<String>)> = Vec::new();
    for (key, patterns) in groups {
        let mut by_actions: BTreeMap<BTreeSet<String>, (Vec<String>, BTreeSet<String>)> = BTreeMap::new();
        for (pattern, (actions, regions)) in patterns {
            let entry = by_actions.entry(actions).or_default();
            entry.0.push(pattern);
            entry.1.extend(regions);
        }
        for (actions, (resources, regions)) in by_actions {
            let statement = Statement::allow(String::new(), actions.into_iter().collect(), resources);
            statements.push((key.clone(), statement, regions));
        }
    }
    statements.sort_by(|(left_key, left, _), (right_key, right, _)| (left_key, &left.resource, &left.action).cmp(&(right_key, &right.resource, &right.action)));
    let mut used_sids: BTreeMap<String, usize> = BTreeMap::new();
    let mut out = Vec::new();
    for (key, mut statement, regions) in statements {
        let base = sid_for(&key, &statement, level);
        let count = used_sids.entry(base.clone()).or_default();
        *count += 1;
        statement.sid = Some(if *count == 1 { base } else { format!("{base}{count}") });
        statement.condition = allow_conditions(conditions, &regions);
        out.push(statement);
    }
    let mut policy = minimise(&Policy::new(out));
    if conditions.source_ip && !activity.source_ips.is_empty() {
        policy.statements.push(source_ip_deny(activity));
    }
    (policy, granting, generalised)
}

/// The container a pattern keeps named: the first name variable of a format with several
/// (`BucketName` of an object, `LogGroupName` of a stream). Resources of single-name types
/// (tables, functions) have no container: those with the same actions share a statement.
fn container_of(template: &Template, pattern: &str) -> Option<(String, String)> {
    let names = template.name_variables();
    if names.len() < 2 {
        return None;
    }
    let values = template.bind(pattern)?;
    let first = *names.first()?;
    let value = values.iter().find(|(variable, _)| variable == first).map(|(_, value)| value.clone())?;
    if value.contains(['*', '?']) {
        return None;
    }
    Some((first.to_owned(), value))
}

/// `S3ReadObjectsInBucketLogs`, `DynamodbWriteTableOrders`, `Ec2ReadNoResourceLevelSupport`.
fn sid_for(key: &StatementKey, statement: &Statement, level: Level) -> String {
    let mut sid = camel(&key.service);
    sid.push_str(key.class.word());
    if let Some(reason) = key.star {
        sid.push_str(reason.word());
        return sid;
    }
    let resources = statement.resource.as_ref().map(|list| list.0.clone()).unwrap_or_default();
    if key.type_name.is_empty() {
        sid.push_str(if level == Level::Service { "AnyResourceInAccount" } else { "Resources" });
        return sid;
    }
    // One named resource, wherever it is (a region wildcard leaves the name whole).
    let single = resources.len() == 1 && !crate::pattern::has_wildcard(resource_name(&resources[0]));
    let type_word = camel(&key.type_name);
    match &key.container {
        Some((variable, value)) => {
            let container_word = camel(variable.trim_end_matches("Name").trim_end_matches("Id"));
            if container_word.eq_ignore_ascii_case(&type_word) {
                // The resource is the container itself, or anything it names: `DynamodbReadTableOrders`,
                // `CloudformationWriteStackPaymentsProd` (`stack/payments-prod/*`).
                sid.push_str(&type_word);
                sid.push_str(&camel(value));
            } else {
                sid.push_str(&if single { type_word } else { plural(&type_word) });
                sid.push_str("In");
                sid.push_str(&container_word);
                sid.push_str(&camel(value));
            }
        }
        None if single => {
            // One resource: name it (`DynamodbReadTableOrders`, `LambdaWriteFunctionResize`).
            sid.push_str(&type_word);
            sid.push_str(&camel(resource_name(&resources[0])));
        }
        None => {
            sid.push_str(&plural(&type_word));
            if level == Level::Type || resources.iter().any(|resource| crate::generalise::scope_of(resource) >= crate::generalise::Scope::Type) {
                sid.push_str("InAccount");
            }
        }
    }
    sid.truncate(96);
    sid
}

/// The name part of an ARN: its resource without the leading type (`table/orders` → `orders`,
/// `role/team/app` → `team/app`, `function:f` → `f`); the whole resource when it has no type
/// (`arn:aws:s3:::logs` → `logs`).
fn resource_name(arn: &str) -> &str {
    let resource = Arn::parse(arn).map(|parts| parts.resource).unwrap_or(arn);
    match resource.find(['/', ':']) {
        Some(index) if index + 1 < resource.len() => &resource[index + 1..],
        _ => resource,
    }
}

/// `resource-groups` → `ResourceGroups`, `logs-2026.gz` → `Logs2026Gz`.
fn camel(text: &str) -> String {
    let mut out = String::new();
    for part in text.split(|c: char| !c.is_ascii_alphanumeric()) {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            out.push(first.to_ascii_uppercase());
            out.extend(chars);
        }
    }
    out
}

fn plural(word: &str) -> String {
    if word.ends_with('s') || word.ends_with('x') {
        format!("{word}es")
    } else if word.ends_with('y') && !word.ends_with("ey") && !word.ends_with("ay") {
        format!("{}ies", &word[..word.len() - 1])
    } else {
        format!("{word}s")
    }
}

fn allow_conditions(options: &ConditionOptions, regions: &BTreeSet<String>) -> Option<Conditions> {
    let mut conditions: Conditions = BTreeMap::new();
    if options.requested_region && !regions.is_empty() {
        conditions
            .entry("StringEquals".to_owned())
            .or_default()
            .insert("aws:RequestedRegion".to_owned(), StringList::sorted(regions.iter().cloned().collect()));
    }
    if options.mfa {
        conditions.entry("Bool".to_owned()).or_default().insert("aws:MultiFactorAuthPresent".to_owned(), StringList(vec!["true".to_owned()]));
    }
    if let Some(window) = options.current_time {
        conditions.entry("DateGreaterThan".to_owned()).or_default().insert("aws:CurrentTime".to_owned(), StringList(vec![window.not_before.to_rfc3339()]));
        conditions.entry("DateLessThan".to_owned()).or_default().insert("aws:CurrentTime".to_owned(), StringList(vec![window.not_after.to_rfc3339()]));
    }
    (!conditions.is_empty()).then_some(conditions)
}

/// The IAM user guide's pattern for "only from these addresses": deny what comes from elsewhere,
/// unless an AWS service makes the call on the principal's behalf, and only when the request has
/// a source address at all (requests through VPC endpoints carry none).
fn source_ip_deny(activity: &PrincipalActivity) -> Statement {
    let cidrs: Vec<String> =
        activity.source_ips.iter().map(|ip| if ip.address.contains(':') { format!("{}/128", ip.address) } else { format!("{}/32", ip.address) }).collect();
    let mut conditions: Conditions = BTreeMap::new();
    conditions.entry("NotIpAddress".to_owned()).or_default().insert("aws:SourceIp".to_owned(), StringList::sorted(cidrs));
    conditions.entry("Bool".to_owned()).or_default().insert("aws:ViaAWSService".to_owned(), StringList(vec!["false".to_owned()]));
    conditions.entry("Null".to_owned()).or_default().insert("aws:SourceIp".to_owned(), StringList(vec!["false".to_owned()]));
    Statement {
        action: Some(StringList(vec!["*".to_owned()])),
        condition: Some(conditions),
        effect: Effect::Deny,
        not_action: None,
        not_resource: None,
        resource: Some(StringList(vec!["*".to_owned()])),
        sid: Some("DenyRequestsFromUnobservedAddresses".to_owned()),
    }
}

fn condition_warnings(activity: &PrincipalActivity, options: &ConditionOptions) -> Vec<Warning> {
    let mut warnings = Vec::new();
    if options.mfa && (activity.mfa.without_mfa > 0 || activity.mfa.key_absent > 0) {
        warnings.push(Warning {
            kind: WarningKind::CallsWithoutMfa,
            message: format!(
                "{} of the principal's events were made without MFA ({} with temporary credentials obtained without MFA, {} with long-term keys); the MFA condition denies such calls",
                activity.mfa.without_mfa + activity.mfa.key_absent,
                activity.mfa.without_mfa,
                activity.mfa.key_absent
            ),
        });
    }
    if options.source_ip && activity.source_ips.is_empty() {
        warnings.push(Warning {
            kind: WarningKind::NoSourceAddresses,
            message: "no source address was observed (the input carries none), so no aws:SourceIp condition was added".to_owned(),
        });
    }
    if let Some(window) = options.current_time {
        if window.not_after <= window.not_before {
            warnings
                .push(Warning { kind: WarningKind::EmptyValidityWindow, message: "the aws:CurrentTime window is empty: the policy allows nothing".to_owned() });
        }
    }
    warnings
}

/// Removes what adds nothing: duplicate or covered actions and resources inside a statement, and
/// statements another statement with the same effect and conditions already covers. Idempotent.
pub fn minimise(policy: &Policy) -> Policy {
    let statements: Vec<Statement> = policy.statements.iter().map(minimise_statement).collect();
    let covers = statement_covers;
    let kept: Vec<Statement> = statements
        .iter()
        .enumerate()
        .filter(|(index, statement)| {
            !statements
                .iter()
                .enumerate()
                .any(|(other_index, other)| other_index != *index && covers(other, statement) && (!covers(statement, other) || other_index < *index))
        })
        .map(|(_, statement)| statement.clone())
        .collect();
    Policy { id: policy.id.clone(), statements: kept, version: policy.version.clone() }
}

/// Whether `wide` grants (or denies) everything `narrow` does: same effect and conditions, and
/// every action and resource of `narrow` covered by one of `wide`. `NotAction`/`NotResource`
/// statements are never compared.
pub(crate) fn statement_covers(wide: &Statement, narrow: &Statement) -> bool {
    if wide.effect != narrow.effect
        || wide.condition != narrow.condition
        || wide.not_action.is_some()
        || wide.not_resource.is_some()
        || narrow.not_action.is_some()
        || narrow.not_resource.is_some()
    {
        return false;
    }
    let (Some(wide_actions), Some(narrow_actions), Some(wide_resources), Some(narrow_resources)) =
        (&wide.action, &narrow.action, &wide.resource, &narrow.resource)
    else {
        return false;
    };
    list_covers(wide_actions, narrow_actions, true) && list_covers(wide_resources, narrow_resources, false)
}

/// Whether every item of `narrow` is covered by an item of `wide`: equal strings first (a set
/// lookup), wildcard patterns of `wide` otherwise.
fn list_covers(wide: &StringList, narrow: &StringList, case_insensitive: bool) -> bool {
    let fold = |item: &str| if case_insensitive { item.to_ascii_lowercase() } else { item.to_owned() };
    let exact: std::collections::HashSet<String> = wide.iter().map(fold).collect();
    let wildcards: Vec<&str> = wide.iter().filter(|item| crate::pattern::has_wildcard(item)).collect();
    narrow.iter().all(|item| exact.contains(&fold(item)) || wildcards.iter().any(|pattern| pattern_covers(pattern, item, case_insensitive)))
}

fn minimise_statement(statement: &Statement) -> Statement {
    let mut statement = statement.clone();
    statement.action = statement.action.as_ref().map(|list| prune_covered(list, true));
    statement.resource = statement.resource.as_ref().map(|list| prune_covered(list, false));
    statement
}

/// Sorts, removes duplicates and drops every pattern another one covers. Only a pattern with a
/// wildcard can cover a different one, so each item is checked against those few.
fn prune_covered(list: &StringList, case_insensitive: bool) -> StringList {
    let mut items = list.0.clone();
    items.sort();
    items.dedup();
    if case_insensitive {
        // `s3:getobject` and `s3:GetObject` are one action: keep the first spelling in sort order.
        let mut seen = BTreeSet::new();
        items.retain(|item| seen.insert(item.to_ascii_lowercase()));
    }
    let wildcards: Vec<&String> = items.iter().filter(|item| crate::pattern::has_wildcard(item)).collect();
    let kept: Vec<String> = items
        .iter()
        .filter(|item| {
            !wildcards.iter().any(|other| {
                other.as_str() != item.as_str()
                    && pattern_covers(other, item, case_insensitive)
                    && (!pattern_covers(item, other, case_insensitive) || other.as_str() < item.as_str())
            })
        })
        .cloned()
        .collect();
    StringList(kept)
}

/// Actions with more required resource types than this list alternatives, not conjunctions.
const MAX_REQUIRED_TYPES: usize = 5;

/// Verbs whose removal leaves the noun an action works on (`PutItem` → `Item`).
const VERBS: [&str; 20] = [
    "Get", "Put", "Delete", "Create", "Update", "Describe", "List", "Head", "Set", "Modify", "Remove", "Add", "Attach", "Detach", "Start", "Stop", "Batch",
    "Send", "Receive", "Change",
];
const READ_VERBS: [&str; 4] = ["Get", "Describe", "List", "Head"];

/// The ARN of a slot, when it has one.
fn slot_arn(slot: &Slot) -> Option<&str> {
    match slot {
        Slot::Typed { arn, .. } | Slot::Untyped { arn } => Some(arn),
        Slot::Star(_) => None,
    }
}

/// `arn:aws:iam::111122223333:role/*` in the account of an ARN, for a role not named.
fn role_pattern_for(arn: Option<&str>) -> String {
    match arn.and_then(Arn::parse) {
        Some(parts) if !parts.account.is_empty() => format!("arn:{}:iam::{}:role/*", parts.partition, parts.account),
        _ => "arn:aws:iam::*:role/*".to_owned(),
    }
}

fn suggestions(
    classified: &Classified<'_>,
    catalog: &Catalog,
    level: Level,
    options: &GeneraliseOptions,
    generalised: &Generalised,
    policy: &Policy,
    request_seen: bool,
) -> Vec<Suggestion> {
    // The pattern the policy grants each typed ARN under (the level's generalisation saw every
    // observed ARN together; one ARN alone would miss its conflicts and regions).
    let pattern_of: HashMap<(&str, &str), &str> =
        generalised.iter().flat_map(|((format, pattern), arns)| arns.iter().map(move |arn| ((format.as_str(), arn.as_str()), pattern.as_str()))).collect();
    let granted: BTreeSet<String> = policy
        .statements
        .iter()
        .flat_map(|statement| statement.action.iter().flat_map(|list| list.0.iter().cloned()))
        .map(|action| action.to_ascii_lowercase())
        .collect();
    let mut found: BTreeMap<(SuggestionKind, String), SuggestionParts> = BTreeMap::new();
    // The resource types logged for each action, across all its calls.
    let mut types_by_action: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (grant, _) in &classified.grants {
        if let Slot::Typed { type_name, .. } = &grant.slot {
            types_by_action.entry(grant.action.as_str()).or_default().insert(type_name.as_str());
        }
    }
    let mut add = |kind: SuggestionKind, action: String, resources: Vec<String>, because: &str, reason: String| {
        let entry = found.entry((kind, action)).or_insert_with(|| (BTreeSet::new(), BTreeSet::new(), reason));
        entry.0.extend(resources);
        entry.1.insert(because.to_owned());
    };
    for (grant, calls) in &classified.grants {
        let Some(action_ref) = grant.action_ref else {
            continue;
        };
        let resource_patterns: Vec<String> = match &grant.slot {
            Slot::Typed { arn, format, .. } => {
                vec![pattern_of.get(&(format.as_str(), arn.as_str())).map(|pattern| (*pattern).to_owned()).unwrap_or_else(|| arn.clone())]
            }
            Slot::Untyped { arn } => vec![generalise_untyped(arn, level, options)],
            Slot::Star(_) => vec!["*".to_owned()],
        };
        // Companion reads on the same resource type.
        let name = &action_ref.action.name;
        if let Some(noun) = VERBS.iter().find_map(|verb| name.strip_prefix(verb)).filter(|noun| !noun.is_empty()) {
            for verb in READ_VERBS {
                for candidate_name in [format!("{verb}{noun}"), format!("{verb}{noun}s")] {
                    let Some(candidate) = action_ref.service.action(&candidate_name) else {
                        continue;
                    };
                    let full = format!("{}:{}", action_ref.service.prefix, candidate.name);
                    if granted.contains(&full.to_ascii_lowercase()) || !matches!(candidate.access_level, AccessLevel::List | AccessLevel::Read) {
                        continue;
                    }
                    let shares_type = candidate
                        .resource_types
                        .iter()
                        .any(|entry| action_ref.action.resource_types.iter().any(|own| own.name.eq_ignore_ascii_case(&entry.name)));
                    let resources = if candidate.resource_types.is_empty() {
                        vec!["*".to_owned()]
                    } else if shares_type {
                        resource_patterns.clone()
                    } else {
                        continue;
                    };
                    let reason = if resources == ["*"] {
                        format!("a read action next to {} (it takes no resource ARN); often needed by the same code", grant.action)
                    } else {
                        format!("a read action on the same resources as {}; often needed by the same code", grant.action)
                    };
                    add(SuggestionKind::CompanionRead, full, resources, &grant.action, reason);
                }
            }
        }
        // Calls CloudTrail does not show, implied by this one.
        for row in crate::unlogged::companions_of(&grant.action, slot_arn(&grant.slot)) {
            for (companion, logging) in row.actions {
                let Some(found) = catalog.action(companion) else { continue };
                let full = found.full_name();
                if granted.contains(&full.to_ascii_lowercase()) {
                    continue;
                }
                let resources = match row.resource {
                    crate::unlogged::CompanionResource::SameAsTrigger => resource_patterns.clone(),
                    crate::unlogged::CompanionResource::Any => vec!["*".to_owned()],
                };
                let logged = match logging {
                    crate::unlogged::Logging::Never => "CloudTrail never logs it",
                    crate::unlogged::Logging::DataEventOnly => "CloudTrail logs it only as a data event, which trails rarely record",
                };
                let only_if = match row.only_if {
                    Some(crate::unlogged::OnlyIf::ActiveTracing) => " if the function has X-Ray active tracing on",
                    None => "",
                };
                add(
                    SuggestionKind::NotLogged,
                    full,
                    resources,
                    &grant.action,
                    format!("{logged} ({}); needed next to {}{only_if}", row.evidence, grant.action),
                );
            }
        }
        // Actions AWS's operation map lists beside the call, not granted for want of a resource.
        for extra in crate::mapping::aws_map_extras_of(&grant.action) {
            let Some(found) = catalog.action(extra) else { continue };
            let full = found.full_name();
            if granted.contains(&full.to_ascii_lowercase()) {
                continue;
            }
            add(
                SuggestionKind::AwsMapExtra,
                full,
                vec!["*".to_owned()],
                &grant.action,
                format!(
                    "AWS's operation map lists it for {}; it is granted only where a call names a resource of its own for it, and these calls named none",
                    grant.action
                ),
            );
        }
        // Roles the calls passed, as the mapping saw them in the requests.
        let passed: BTreeSet<&PassRole> = calls.iter().filter_map(|call| call.passes_role.as_ref()).collect();
        for passes_role in &passed {
            let (resource, detail) = match passes_role {
                PassRole::Role(arn) => (arn.clone(), "the role the request names".to_owned()),
                PassRole::InstanceProfile(arn) => {
                    (role_pattern_for(Some(arn.as_str())), format!("the role inside the instance profile {arn} (narrow the pattern to that role's ARN)"))
                }
                PassRole::Unnamed => (role_pattern_for(slot_arn(&grant.slot)), "a role the request does not show (narrow the pattern to its ARN)".to_owned()),
            };
            add(
                SuggestionKind::PassRole,
                "iam:PassRole".to_owned(),
                vec![resource],
                &grant.action,
                format!(
                    "{} passes {detail} to {}: allow iam:PassRole on that role, with the condition iam:PassedToService = {}.amazonaws.com",
                    grant.action, action_ref.service.prefix, action_ref.service.prefix
                ),
            );
        }
        // Dependent actions from the catalog; iam:PassRole only when the requests were not seen
        // (aggregated inputs carry no request parameters).
        for dependent in action_ref.all_dependent_actions() {
            let canonical = catalog.action(dependent).map(|found| found.full_name()).unwrap_or_else(|| dependent.to_owned());
            if granted.contains(&canonical.to_ascii_lowercase()) {
                continue;
            }
            if canonical.eq_ignore_ascii_case("iam:PassRole") {
                if !passed.is_empty() || request_seen {
                    continue;
                }
                add(
                    SuggestionKind::PassRole,
                    canonical,
                    vec![role_pattern_for(slot_arn(&grant.slot))],
                    &grant.action,
                    format!(
                        "{} may pass a role to {}: if it does, allow iam:PassRole on that role only (narrow the pattern to its ARN)",
                        grant.action, action_ref.service.prefix
                    ),
                );
            } else {
                add(
                    SuggestionKind::DependentAction,
                    canonical,
                    vec!["*".to_owned()],
                    &grant.action,
                    format!("the IAM catalog lists it as needed alongside {}", grant.action),
                );
            }
        }
        // Other required resource types the logs do not name for this action. The catalog marks
        // every candidate type of some actions as required (bedrock:InvokeModel lists twelve:
        // the call targets one of them), so only short lists are taken as "all of these".
        let n_required = action_ref.action.resource_types.iter().filter(|entry| entry.required).count();
        if let (Slot::Typed { arn, .. }, 2..=MAX_REQUIRED_TYPES) = (&grant.slot, n_required) {
            let observed_types = types_by_action.get(grant.action.as_str());
            let others: Vec<_> = action_ref
                .resource_type_definitions()
                .filter(|(entry, _)| entry.required && !observed_types.is_some_and(|types| types.iter().any(|name| name.eq_ignore_ascii_case(&entry.name))))
                .collect();
            if !others.is_empty() {
                let location = Arn::parse(arn).map(|parts| (parts.partition.to_owned(), parts.region.to_owned(), parts.account.to_owned()));
                let resources: Vec<String> = others
                    .iter()
                    .flat_map(|(_, definition)| arn_formats(definition))
                    .map(|format| {
                        Template::parse(format).render(|name| match (name, &location) {
                            ("Partition", Some((partition, _, _))) => partition.clone(),
                            ("Region", Some((_, region, _))) => region.clone(),
                            ("Account", Some((_, _, account))) => account.clone(),
                            _ => "*".to_owned(),
                        })
                    })
                    .collect();
                let names: Vec<&str> = others.iter().map(|(entry, _)| entry.name.as_str()).collect();
                add(
                    SuggestionKind::OtherRequiredResourceTypes,
                    grant.action.clone(),
                    resources,
                    &grant.action,
                    format!(
                        "{} is also authorised against resource types the logs do not name ({}); without them the call is denied",
                        grant.action,
                        names.join(", ")
                    ),
                );
            }
        }
    }
    found
        .into_iter()
        .map(|((kind, action), (resources, because_of, reason))| Suggestion {
            kind,
            action,
            resources: resources.into_iter().collect(),
            because_of: because_of.into_iter().collect(),
            reason,
        })
        .collect()
}

#[cfg(test)]
pub(crate) mod tests;
