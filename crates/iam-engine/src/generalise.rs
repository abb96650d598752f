//! Resource generalisation: from the ARNs a principal touched to the patterns a policy grants, at
//! four levels chosen by the user, and a breadth measure that says how much more than observed
//! each level grants.
//!
//! - `exact`: the observed ARNs.
//! - `prefix`: path-like names become directory prefixes (`arn:aws:s3:::bucket/logs/*`).
//!   Only the *last* variable of the resource type's ARN format is cut, and only at `/`: a
//!   directory groups things by intent, while a common string prefix of flat names
//!   (`orders-2024`, `orders-archive`) groups by accident, so flat names stay exact. A directory
//!   is cut before its first segment that changes from run to run (`is_churn`: a date, a number,
//!   a commit SHA or other hex ID, a UUID, a `dt=…` partition, a build or part number, a Lambda
//!   log stream's `[$LATEST]…`), so tomorrow's keys fall under the same prefix as today's:
//!   `exports/dt=2026-03-07/part-038.parquet` → `exports/*`. Directories with many observed
//!   children collapse into their parent, never above the variable's start (the bucket, the log
//!   group and the role path's first level stay named).
//! - `type`: every resource of the type in the observed account and region: the catalog's ARN
//!   format with `*` for the names, the observed partition, region and account kept.
//! - `service`: every resource of the service in the observed account (any region).
//!
//! Accounts and partitions are never widened unless asked (`allow_cross_account`). ARN formats
//! without an account (S3 buckets and objects) would reach other accounts' resources once the
//! name is a wildcard, so those keep their first name (the bucket) at every level unless asked.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// How far resources are generalised.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    Exact,
    Durable,
    Prefix,
    Type,
    Service,
}

impl Level {
    /// Narrowest first.
    pub const ALL: [Level; 5] = [Level::Exact, Level::Durable, Level::Prefix, Level::Type, Level::Service];

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Exact => "exact",
            Level::Durable => "durable",
            Level::Prefix => "prefix",
            Level::Type => "type",
            Level::Service => "service",
        }
    }

    pub fn parse(text: &str) -> Option<Level> {
        Level::ALL.into_iter().find(|level| level.as_str() == text)
    }
}

/// One piece of an ARN format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    Literal(String),
    Variable(String),
}

/// A resource type's ARN format, `arn:${Partition}:s3:::${BucketName}/${ObjectName}`, split
/// into literals and variables.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    pub parts: Vec<Part>,
}

impl Template {
    pub fn parse(format: &str) -> Template {
        let mut parts = Vec::new();
        let mut rest = format;
        while let Some(start) = rest.find("${") {
            let Some(length) = rest[start..].find('}') else {
                break;
            };
            if start > 0 {
                parts.push(Part::Literal(rest[..start].to_owned()));
            }
            parts.push(Part::Variable(rest[start + 2..start + length].to_owned()));
            rest = &rest[start + length + 1..];
        }
        if !rest.is_empty() {
            parts.push(Part::Literal(rest.to_owned()));
        }
        Template { parts }
    }

    /// The variables' values in an ARN, or `None` when the ARN does not have this shape. Each
    /// variable takes the text up to the first occurrence of the literal that follows it; the
    /// last one takes the rest. Partition, region and account may not hold `:`.
    pub fn bind(&self, arn: &str) -> Option<Vec<(String, String)>> {
        let mut values = Vec::new();
        let mut rest = arn;
        let mut index = 0;
        while index < self.parts.len() {
            match &self.parts[index] {
                Part::Literal(literal) => {
                    rest = rest.strip_prefix(literal.as_str())?;
                }
                Part::Variable(name) => {
                    let value = match self.parts.get(index + 1) {
                        Some(Part::Literal(next)) => {
                            let end = rest.find(next.as_str())?;
                            &rest[..end]
                        }
                        // Two variables in a row cannot be told apart; the format data has none.
                        Some(Part::Variable(_)) => return None,
                        None => rest,
                    };
                    if is_location_variable(name) && value.contains(':') {
                        return None;
                    }
                    if !is_location_variable(name) && value.is_empty() {
                        return None;
                    }
                    values.push((name.clone(), value.to_owned()));
                    rest = &rest[value.len()..];
                }
            }
            index += 1;
        }
        rest.is_empty().then_some(values)
    }

    /// The ARN with each variable replaced by `value_of(name)`.
    pub fn render(&self, value_of: impl Fn(&str) -> String) -> String {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Literal(literal) => out.push_str(literal),
                Part::Variable(name) => out.push_str(&value_of(name)),
            }
        }
        out
    }

    /// Whether the format names an account (`${Account}`); S3 bucket and object ARNs do not.
    pub fn has_account(&self) -> bool {
        self.parts.iter().any(|part| matches!(part, Part::Variable(name) if name == "Account"))
    }

    /// The variables that name things (not partition, region or account), in order.
    pub fn name_variables(&self) -> Vec<&str> {
        self.parts
            .iter()
            .filter_map(|part| match part {
                Part::Variable(name) if !is_location_variable(name) => Some(name.as_str()),
                _ => None,
            })
            .collect()
    }
}

/// The ARN formats of a resource type, one by one. The data sometimes packs several formats into
/// one string separated by ", " (API Gateway's `Deployments`: the `/apis/` and the `/restapis/`
/// form); ARNs hold no ", ", so splitting there is safe.
pub fn arn_formats(resource_type: &crate::catalog::ResourceType) -> impl Iterator<Item = &str> {
    resource_type.arn_formats.iter().flat_map(|format| format.split(", ")).map(str::trim).filter(|format| !format.is_empty())
}

/// `${Partition}`, `${Region}`, `${Account}`: where a resource lives, not what it is called.
pub fn is_location_variable(name: &str) -> bool {
    matches!(name, "Partition" | "Region" | "Account")
}

/// Options that bound generalisation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GeneraliseOptions {
    /// Let `type` and `service` patterns reach every account (`*` for the account, and S3
    /// bucket names), and `service` become `*`.
    pub allow_cross_account: bool,
}

/// Directories with at least this many observed child directories collapse into their parent
/// at the `prefix` level.
pub const COLLAPSE_FANOUT: usize = 3;

/// At the `durable` level, a directory collapses into its parent only with this many observed
/// children: each stable directory is a place the workload keeps using, and its siblings are
/// places it does not (spill); past this many, the parent is the place.
pub const DURABLE_COLLAPSE_FANOUT: usize = 8;

/// A typed resource: an ARN with the template of its resource type.
#[derive(Clone, Debug)]
pub struct TypedArn<'a> {
    pub arn: &'a str,
    pub template: &'a Template,
    pub values: Vec<(String, String)>,
}

impl TypedArn<'_> {
    fn value(&self, name: &str) -> &str {
        self.values.iter().find(|(variable, _)| variable == name).map(|(_, value)| value.as_str()).unwrap_or("")
    }
}

/// The patterns for a set of ARNs of one resource type, at one level: a map from each ARN to
/// the pattern that grants it.
pub fn generalise_typed(arns: &[TypedArn<'_>], level: Level, options: &GeneraliseOptions) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    match level {
        Level::Exact => {
            for typed in arns {
                out.insert(typed.arn.to_owned(), typed.arn.to_owned());
            }
        }
        Level::Durable => out = durable(arns),
        Level::Prefix => {
            // Group by everything but the last name variable, then cut that variable at `/`.
            let mut groups: BTreeMap<Vec<(String, String)>, Vec<&TypedArn<'_>>> = BTreeMap::new();
            for typed in arns {
                let names = typed.template.name_variables();
                let Some(last) = names.last().copied() else {
                    out.insert(typed.arn.to_owned(), typed.arn.to_owned());
                    continue;
                };
                let value = typed.value(last);
                if !is_path_variable(last, value) {
                    out.insert(typed.arn.to_owned(), typed.arn.to_owned());
                    continue;
                }
                // Every other variable's value: the resources that differ only in the last name.
                let head: Vec<(String, String)> = typed.values.iter().filter(|(name, _)| name != last).cloned().collect();
                groups.entry(head).or_default().push(typed);
            }
            for members in groups.into_values() {
                let last = members[0].template.name_variables().last().copied().unwrap_or("").to_owned();
                let directories: BTreeSet<String> = members.iter().map(|typed| directory_of(typed.value(&last)).to_owned()).collect();
                // The root of a bucket is a directory; the root of role paths or log group names
                // ("every role") is the `type` level, not a prefix.
                let collapsed = collapse_directories(directories, last == "ObjectName", COLLAPSE_FANOUT);
                for typed in members {
                    let value = typed.value(&last);
                    let directory = collapsed
                        .iter()
                        .filter(|directory| value.starts_with(directory.as_str()))
                        .max_by_key(|directory| directory.len())
                        .cloned()
                        .unwrap_or_default();
                    let pattern = typed.template.render(|name| if name == last { format!("{directory}*") } else { typed.value(name).to_owned() });
                    out.insert(typed.arn.to_owned(), pattern);
                }
            }
        }
        Level::Type => {
            for typed in arns {
                out.insert(typed.arn.to_owned(), type_pattern(typed, options));
            }
        }
        Level::Service => {
            for typed in arns {
                let pattern = if options.allow_cross_account {
                    "*".to_owned()
                } else if typed.template.has_account() {
                    service_pattern(typed.arn).unwrap_or_else(|| type_pattern(typed, options))
                } else if is_global_namespace(typed.template) {
                    type_pattern(typed, options)
                } else {
                    // Account-less ARNs of other services (API Gateway, Route 53) name the
                    // caller's own resources: the service in "this" account is every such ARN.
                    crate::principal::Arn::parse(typed.arn)
                        .map(|parts| format!("arn:{}:{}:*::*", parts.partition, parts.service))
                        .unwrap_or_else(|| type_pattern(typed, options))
                };
                out.insert(typed.arn.to_owned(), pattern);
            }
        }
    }
    out
}

/// Variables that hold what a resource contains or produces (object keys, log streams, parameter
/// paths) rather than which resource it is: cut at directories at the `durable` level.
fn is_content_variable(name: &str, value: &str) -> bool {
    matches!(name, "ObjectName" | "LogStreamName") || (name == "ParameterNameWithoutLeadingSlash" && value.contains('/'))
}

/// Some of a resource's variable values, with the resource type's template (by address: the
/// templates outlive the call).
type ValuesOf = (usize, Vec<(String, String)>);

/// Whether a generalised name is nothing but wildcards and separators.
fn is_all_churn(generalised: &str) -> bool {
    generalised.contains(['*', '?']) && !generalised.bytes().any(|byte| byte.is_ascii_alphanumeric())
}

/// An ID AWS assigns: a short lowercase prefix, a dash and a hex ID of at least seven digits with
/// a digit in it (`i-0123456789abcdef0`, `sg-…`, `vol-…`). `web-12` is a name, not an ID.
fn is_aws_id(value: &str) -> bool {
    match value.split_once('-') {
        Some((prefix, id)) => {
            (1..=5).contains(&prefix.len())
                && prefix.bytes().all(|byte| byte.is_ascii_lowercase())
                && id.len() >= 7
                && id.bytes().all(|byte| byte.is_ascii_hexdigit())
                && id.bytes().any(|byte| byte.is_ascii_digit())
        }
        None => false,
    }
}

/// The `durable` level: the patterns a careful engineer writes so that the policy keeps working
/// for the same workload tomorrow, and grants nothing beside it.
///
/// - Identities stay named: bucket, table, queue, topic, function, log group, secret, key,
///   repository, stack. Churn inside a name is generalised ([`generalise_name`]):
///   `payments-pr-1234` → `payments-pr-*`, `db-credentials-Yim4Au` → `db-credentials-??????`.
///   A name that is churn through and through stays exact when it is the resource's only name
///   (a KMS key ID: `*` would be every key), and becomes `*` under a named container (a stack's
///   ID under its name, a task's ID under its cluster, a function's version).
/// - Contents are cut at the first churning directory: object keys, log streams and parameter
///   paths (`exports/dt=2026-03-07/part-038.parquet` → `exports/*`); a directory with many
///   observed children ([`DURABLE_COLLAPSE_FANOUT`]) collapses into its parent, never above the
///   bucket, log group or the parameter path's first level. A key at a bucket's root keeps its name, churn generalised.
/// - A name observed in several regions gets `*` for the region; in one region, it keeps it.
/// - Never a pattern that matches another observed identity: where one would
///   (`orders-????` from `orders-2026` beside an observed `orders-prod`), the names stay exact.
/// - S3 bucket names are never generalised: bucket names are global, a pattern reaches other
///   accounts' buckets.
fn durable(arns: &[TypedArn<'_>]) -> BTreeMap<String, String> {
    // Each ARN's values: identities generalised, contents raw for now.
    let mut drafts: Vec<Vec<(String, String)>> = Vec::with_capacity(arns.len());
    for typed in arns {
        let names = typed.template.name_variables();
        // Names in ARNs without an account are AWS's own (foundation models, managed policies)
        // or the global S3 namespace: they stay as observed.
        let keep_names = !typed.template.has_account();
        let secrets = typed.template.parts.iter().any(|part| matches!(part, Part::Literal(text) if text.contains(":secretsmanager:")));
        let values = typed
            .values
            .iter()
            .map(|(name, value)| {
                let position = names.iter().position(|candidate| candidate == name).unwrap_or(0);
                let generalised = if is_location_variable(name) || is_content_variable(name, value) || keep_names {
                    value.clone()
                } else {
                    let (generalised, _) = generalise_name(value, secrets && name == "SecretId");
                    match (is_all_churn(&generalised) || is_aws_id(value), position) {
                        (true, 0) => value.clone(),
                        (true, _) => "*".to_owned(),
                        (false, _) => generalised,
                    }
                };
                (name.clone(), generalised)
            })
            .collect();
        drafts.push(values);
    }
    // Contents: cut at directories, per resource (every value but the content).
    let mut groups: BTreeMap<ValuesOf, Vec<usize>> = BTreeMap::new();
    for (index, typed) in arns.iter().enumerate() {
        let template_id = typed.template as *const Template as usize;
        let head: Vec<(String, String)> = drafts[index].iter().filter(|(name, value)| !is_content_variable(name, value)).cloned().collect();
        groups.entry((template_id, head)).or_default().push(index);
    }
    for members in groups.values() {
        let Some((content, _)) = drafts[members[0]].iter().find(|(name, value)| is_content_variable(name, value)).cloned() else {
            continue;
        };
        let allow_root = content != "ParameterNameWithoutLeadingSlash";
        let raw = |index: usize| arns[index].value(&content).to_owned();
        let directories: BTreeSet<String> =
            members.iter().map(|index| raw(*index)).filter(|value| value.contains('/')).map(|value| directory_of(&value).to_owned()).collect();
        let directories: BTreeSet<String> = directories.into_iter().filter(|directory| allow_root || !directory.is_empty()).collect();
        // Merging shards may reach the variable's root: without `allow_root`, never.
        let merged: BTreeSet<String> = merge_shards(directories).into_iter().filter(|directory| allow_root || !directory.is_empty()).collect();
        let collapsed = collapse_directories(merged, allow_root, DURABLE_COLLAPSE_FANOUT);
        for index in members {
            let value = raw(*index);
            let directory = collapsed.iter().filter(|directory| value.starts_with(directory.as_str())).max_by_key(|directory| directory.len());
            let generalised = match directory {
                Some(directory) => format!("{directory}*"),
                None => generalise_name(&value, false).0,
            };
            if let Some(slot) = drafts[*index].iter_mut().find(|(name, _)| *name == content) {
                slot.1 = generalised;
            }
        }
    }
    // Regions: a name observed in several regions is granted in any region.
    let mut regions: BTreeMap<ValuesOf, BTreeSet<String>> = BTreeMap::new();
    let without_region = |values: &[(String, String)]| -> Vec<(String, String)> { values.iter().filter(|(name, _)| name != "Region").cloned().collect() };
    for (index, typed) in arns.iter().enumerate() {
        let region = typed.value("Region");
        if !region.is_empty() {
            regions.entry((typed.template as *const Template as usize, without_region(&drafts[index]))).or_default().insert(region.to_owned());
        }
    }
    for (index, typed) in arns.iter().enumerate() {
        let key = (typed.template as *const Template as usize, without_region(&drafts[index]));
        if regions.get(&key).is_some_and(|observed| observed.len() > 1) {
            if let Some(slot) = drafts[index].iter_mut().find(|(name, _)| name == "Region") {
                slot.1 = "*".to_owned();
            }
        }
    }
    // No pattern may reach another observed identity; where one does, its names stay exact.
    let identity_of = |values: &[(String, String)]| -> Vec<(String, String)> {
        values
            .iter()
            .map(|(name, value)| if is_content_variable(name, value) { (name.clone(), String::new()) } else { (name.clone(), value.clone()) })
            .collect()
    };
    let mut kept_exact = vec![false; arns.len()];
    loop {
        let mut by_identity: BTreeMap<ValuesOf, Vec<usize>> = BTreeMap::new();
        for (index, typed) in arns.iter().enumerate() {
            by_identity.entry((typed.template as *const Template as usize, identity_of(&drafts[index]))).or_default().push(index);
        }
        let mut conflicting = Vec::new();
        for ((template_id, identity), members) in &by_identity {
            if !identity.iter().any(|(_, value)| value.contains(['*', '?'])) {
                continue;
            }
            let template = arns[members[0]].template;
            let pattern = template.render(|name| {
                identity
                    .iter()
                    .find(|(variable, _)| variable == name)
                    .map(|(_, value)| if value.is_empty() { "*".to_owned() } else { value.clone() })
                    .unwrap_or_default()
            });
            let reaches_another = by_identity
                .iter()
                .filter(|((other_template, other_identity), _)| other_template == template_id && other_identity != identity)
                .flat_map(|(_, others)| others.iter())
                .any(|other| crate::pattern::resource_matches(&pattern, arns[*other].arn));
            if reaches_another {
                conflicting.extend(members.iter().copied());
            }
        }
        // Names that are already as observed (a secret logged as `name-??????`) cannot narrow.
        conflicting.retain(|index| !kept_exact[*index]);
        if conflicting.is_empty() {
            break;
        }
        for index in conflicting {
            kept_exact[index] = true;
            let typed = &arns[index];
            let secrets = typed.template.parts.iter().any(|part| matches!(part, Part::Literal(text) if text.contains(":secretsmanager:")));
            for slot in drafts[index].iter_mut() {
                let value = typed.value(&slot.0);
                if is_content_variable(&slot.0, value) {
                    continue;
                }
                // A secret's random suffix is never its identity: `name-??????` even when the
                // name itself must stay exact.
                slot.1 = match random_suffix_at(value).filter(|_| secrets && slot.0 == "SecretId") {
                    Some(position) => format!("{}-??????", &value[..position]),
                    None => value.to_owned(),
                };
            }
        }
    }
    arns.iter()
        .zip(&drafts)
        .map(|(typed, values)| {
            let pattern =
                typed.template.render(|name| values.iter().find(|(variable, _)| variable == name).map(|(_, value)| value.clone()).unwrap_or_default());
            (typed.arn.to_owned(), pattern)
        })
        .collect()
}

/// What a directory pattern groups.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Contents {
    ObjectKeys,
    LogStreams,
    Parameters,
}

/// What a pattern generalises in the ARNs it was made from: the churn found in the parts of their
/// names it replaces, the contents it groups under a directory (object keys, log streams,
/// parameter paths), and the regions it spans when it grants any region.
pub fn explain(template: &Template, pattern: &str, arns: &[&str]) -> (BTreeSet<Churn>, Option<Contents>, BTreeSet<String>) {
    let mut churn = BTreeSet::new();
    let mut contents = None;
    let mut regions = BTreeSet::new();
    let pattern_values = template.bind(pattern).unwrap_or_default();
    let pattern_value = |name: &str| pattern_values.iter().find(|(variable, _)| variable == name).map(|(_, value)| value.as_str());
    let secrets = template.parts.iter().any(|part| matches!(part, Part::Literal(text) if text.contains(":secretsmanager:")));
    for arn in arns {
        let Some(values) = template.bind(arn) else { continue };
        for (name, value) in &values {
            if pattern_value(name) == Some(value.as_str()) {
                continue;
            }
            if name == "Region" {
                regions.insert(value.clone());
            } else if is_location_variable(name) {
                continue;
            } else if is_content_variable(name, value) {
                contents = Some(match name.as_str() {
                    "ObjectName" => Contents::ObjectKeys,
                    "LogStreamName" => Contents::LogStreams,
                    _ => Contents::Parameters,
                });
                let (directories, file) = value.rsplit_once('/').unwrap_or(("", value));
                churn.extend(directories.split('/').filter_map(churn_of));
                churn.extend(generalise_name(file, false).1);
            } else {
                let (generalised, found) = generalise_name(value, secrets && name == "SecretId");
                if is_all_churn(&generalised) || is_aws_id(value) {
                    churn.extend(churn_of(value).or(found.first().copied()).or(Some(Churn::HexId)));
                } else {
                    churn.extend(found);
                }
            }
        }
    }
    (churn, contents, regions)
}

/// The pattern for an ARN of no known resource type: exact, except at the `service` level.
pub fn generalise_untyped(arn: &str, level: Level, options: &GeneraliseOptions) -> String {
    match level {
        Level::Service if options.allow_cross_account => "*".to_owned(),
        Level::Service => service_pattern(arn).unwrap_or_else(|| arn.to_owned()),
        _ => arn.to_owned(),
    }
}

/// `arn:aws:dynamodb:*:111122223333:*` from any ARN of the service with an account.
fn service_pattern(arn: &str) -> Option<String> {
    let parts = crate::principal::Arn::parse(arn)?;
    if parts.account.is_empty() {
        return None;
    }
    Some(format!("arn:{}:{}:*:{}:*", parts.partition, parts.service, parts.account))
}

/// S3 bucket and object ARNs: no account, and bucket names shared by every account, so a
/// wildcard bucket reaches other accounts. Other account-less ARNs (API Gateway, Route 53) only
/// ever name the caller's own resources.
pub fn is_global_namespace(template: &Template) -> bool {
    !template.has_account() && template.parts.iter().any(|part| matches!(part, Part::Literal(text) if text.starts_with(":s3:")))
}

fn type_pattern(typed: &TypedArn<'_>, options: &GeneraliseOptions) -> String {
    let keep_first_name = is_global_namespace(typed.template) && !options.allow_cross_account;
    let first_name = typed.template.name_variables().first().copied().unwrap_or("").to_owned();
    typed.template.render(|name| match name {
        "Partition" | "Region" => typed.value(name).to_owned(),
        "Account" if options.allow_cross_account => "*".to_owned(),
        "Account" => typed.value(name).to_owned(),
        _ if keep_first_name && name == first_name => typed.value(name).to_owned(),
        _ => "*".to_owned(),
    })
}

/// Whether a variable holds path-like names worth cutting at `/`: S3 object keys always (the
/// bucket's root is a directory too), other names when the value has a `/` (role paths,
/// parameter and log group names); a role without a path stays exact.
fn is_path_variable(name: &str, value: &str) -> bool {
    name == "ObjectName" || value.contains('/')
}

/// The directory of a path-like name, up to its first churning segment: `logs/app/a.gz` →
/// `logs/app/`; `logs/2026/01/a.gz` → `logs/`; `a.gz` → ``.
fn directory_of(value: &str) -> &str {
    let Some(end) = value.rfind('/') else {
        return "";
    };
    let mut stable = 0;
    for segment in value[..end].split('/') {
        if is_churn(segment) {
            break;
        }
        stable += segment.len() + 1;
    }
    &value[..stable]
}

/// What makes part of a name change from run to run: the reason it is generalised.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Churn {
    /// A date or time in any common spelling, or a `dt=…`/`year=…` partition.
    Date,
    /// A counter, build, part or PR number, epoch seconds.
    Number,
    /// A hex ID of at least seven digits: commit SHAs, request and task IDs.
    HexId,
    Uuid,
    /// Secrets Manager's six random characters after the secret's name.
    RandomSuffix,
    /// A Lambda log stream's `[$LATEST]…` or `[1]…`, a version qualifier.
    Version,
}

/// Whether a path segment is one that changes from run to run of the same workload, rather than
/// naming a place it keeps using: a date or time in any common spelling (`2026`, `03`,
/// `2026-03-07`, `20260307`, `2026-03-07T05:00:00Z`), a number (counters, epoch seconds), a key
/// and number partition (`dt=2026-03-07`, `year=2026`, `hour=05`), a hex ID of at least seven
/// digits with a digit in it (commit SHAs, request IDs), a UUID, a name ending in a separated
/// number (`pr-1234`, `build_17`, `part-00017`), a Lambda log stream's `[$LATEST]…` or
/// `[1]…`. Words stay: `exports`, `orders`, `v2`, `service-role`, `cafe`.
pub fn is_churn(segment: &str) -> bool {
    churn_of(segment).is_some()
}

/// The kind of churn a whole path segment is (see [`is_churn`]).
pub fn churn_of(segment: &str) -> Option<Churn> {
    let bytes = segment.as_bytes();
    if bytes.is_empty() {
        return None;
    }
    if bytes.iter().all(u8::is_ascii_digit) {
        return Some(if is_year(segment) || bytes.len() <= 2 { Churn::Date } else { Churn::Number });
    }
    if segment.starts_with('[') && segment.contains(']') {
        return Some(Churn::Version);
    }
    // `dt=2026-03-07`, `year=2026`: a partition whose value holds a digit.
    if let Some((key, value)) = segment.split_once('=') {
        if !key.is_empty() && key.bytes().all(|byte| byte.is_ascii_alphanumeric() || byte == b'_') && value.bytes().any(|byte| byte.is_ascii_digit()) {
            return Some(Churn::Date);
        }
    }
    // A date: four digits, a separator or none, two digits, and so on (`2026-03-07`, `2026_03`,
    // `20260307`, with anything after).
    if bytes.len() >= 6 && bytes[..4].iter().all(u8::is_ascii_digit) && (bytes[0] == b'1' || bytes[0] == b'2') {
        let rest = if matches!(bytes[4], b'-' | b'_' | b'.') { &bytes[5..] } else { &bytes[4..] };
        if rest.len() >= 2 && rest[..2].iter().all(u8::is_ascii_digit) {
            return Some(Churn::Date);
        }
    }
    // A hex ID or UUID: hex digits (and dashes), at least seven, at least one decimal digit.
    let hex = bytes.iter().filter(|byte| byte.is_ascii_hexdigit()).count();
    if hex >= 7 && bytes.iter().all(|byte| byte.is_ascii_hexdigit() || *byte == b'-') && bytes.iter().any(u8::is_ascii_digit) {
        return Some(if is_uuid(segment) { Churn::Uuid } else { Churn::HexId });
    }
    // A name and a separated number: `pr-1234`, `build_17`, `part-00017`, `run.5`.
    if let Some(position) = segment.rfind(['-', '_', '.']) {
        let (name, number) = (&segment[..position], &segment[position + 1..]);
        if !name.is_empty() && !number.is_empty() && number.bytes().all(|byte| byte.is_ascii_digit()) {
            return Some(Churn::Number);
        }
    }
    None
}

/// `2026`, `1999`: four digits that read as a year of this or the last century.
fn is_year(text: &str) -> bool {
    text.len() == 4 && (text.starts_with("19") || text.starts_with("20")) && text.bytes().all(|byte| byte.is_ascii_digit())
}

/// `bb3e418a-49e3-4cac-9054-d102fdde0956`.
fn is_uuid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == 5 && groups.iter().zip([8, 4, 4, 4, 12]).all(|(group, length)| group.len() == length && group.bytes().all(|byte| byte.is_ascii_hexdigit()))
}

/// A name with its churning parts generalised, and what churned. Words, separators and 12-digit
/// numbers (account IDs, as in `cdk-hnb659fds-assets-111122223333-us-east-1`) stay as they are;
/// so do single digits (`us-east-1`, `replica-2`); a run of churning tokens joined by single separators becomes one wildcard: `?` for each
/// character of a date (`events-2026-03-07` → `events-????-??-??`: a date has a fixed width,
/// and `?` keeps `events-archive` out), `*` for numbers, hex IDs and UUIDs, whose widths vary
/// (`payments-pr-1234` → `payments-pr-*`). With `random_suffix` (Secrets Manager), the six
/// characters after the last `-` are the secret's random suffix: `db-credentials-Yim4Au` →
/// `db-credentials-??????`, the form AWS documents for policies.
pub fn generalise_name(value: &str, random_suffix: bool) -> (String, BTreeSet<Churn>) {
    let mut churn = BTreeSet::new();
    let (body, suffix) = match random_suffix.then(|| random_suffix_at(value)).flatten() {
        Some(position) => {
            if value[position + 1..].bytes().any(|byte| byte != b'?') {
                churn.insert(Churn::RandomSuffix);
            }
            (&value[..position], "-??????")
        }
        None => (value, ""),
    };
    // Tokens: maximal alphanumeric runs, each with its churn kind.
    let mut tokens: Vec<(usize, usize, Option<Churn>)> = Vec::new();
    let bytes = body.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        if !bytes[index].is_ascii_alphanumeric() {
            index += 1;
            continue;
        }
        let start = index;
        while index < bytes.len() && bytes[index].is_ascii_alphanumeric() {
            index += 1;
        }
        tokens.push((start, index, token_churn(&body[start..index])));
    }
    // A UUID is five hex tokens joined by dashes.
    let mut position = 0;
    while position + 5 <= tokens.len() {
        let (start, end) = (tokens[position].0, tokens[position + 4].1);
        if is_uuid(&body[start..end]) {
            tokens.splice(position..position + 5, [(start, end, Some(Churn::Uuid))]);
        }
        position += 1;
    }
    // Runs of churning tokens joined by one separator become one span.
    let mut spans: Vec<(usize, usize, Churn)> = Vec::new();
    for (start, end, kind) in tokens {
        let Some(kind) = kind else { continue };
        match spans.last_mut() {
            Some(last) if start == last.1 + 1 => {
                last.1 = end;
                if kind == Churn::Date {
                    last.2 = Churn::Date;
                }
            }
            _ => spans.push((start, end, kind)),
        }
    }
    let mut out = String::with_capacity(value.len());
    let mut copied = 0;
    for (start, end, kind) in spans {
        out.push_str(&body[copied..start]);
        if kind == Churn::Date && body[start..end].bytes().all(|byte| !byte.is_ascii_alphabetic() || byte == b'T' || byte == b'Z') {
            out.extend(body[start..end].chars().map(|c| if c.is_ascii_digit() { '?' } else { c }));
        } else {
            out.push('*');
        }
        churn.insert(kind);
        copied = end;
    }
    out.push_str(&body[copied..]);
    out.push_str(suffix);
    (out, churn)
}

/// Where a secret's `-` and six random characters (or the `-??????` standing for them) start.
fn random_suffix_at(value: &str) -> Option<usize> {
    let position = value.rfind('-')?;
    (value.len() - position == 7 && value[position + 1..].bytes().all(|byte| byte.is_ascii_alphanumeric() || byte == b'?')).then_some(position)
}

/// The churn kind of one alphanumeric token of a flat name.
fn token_churn(token: &str) -> Option<Churn> {
    let bytes = token.as_bytes();
    let digits = bytes.iter().filter(|byte| byte.is_ascii_digit()).count();
    if digits == bytes.len() {
        return match bytes.len() {
            // One digit names a thing more often than it counts (`us-east-1`, `replica-2`); twelve
            // are an account ID.
            1 | 12 => None,
            _ if is_year(token) => Some(Churn::Date),
            8 | 14 if is_year(&token[..4]) => Some(Churn::Date),
            _ => Some(Churn::Number),
        };
    }
    // `07T05`, `00Z`: the pieces of an ISO 8601 time.
    if digits >= 2 && bytes.iter().all(|byte| byte.is_ascii_digit() || *byte == b'T' || *byte == b'Z') && bytes[0].is_ascii_digit() {
        return Some(Churn::Date);
    }
    if bytes.len() >= 7 && digits > 0 && bytes.iter().all(u8::is_ascii_hexdigit) {
        return Some(Churn::HexId);
    }
    None
}

/// Hash-sharded directories (`images/aa/`, `images/d3/`: two or more siblings, each a hex name
/// of the same length, at most four characters) are churn too: they become their parent.
fn merge_shards(directories: BTreeSet<String>) -> BTreeSet<String> {
    let mut children: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for directory in &directories {
        if let Some(parent) = parent_of(directory) {
            children.entry(parent.to_owned()).or_default().push(&directory[parent.len()..directory.len() - 1]);
        }
    }
    let sharded: BTreeSet<String> = children
        .into_iter()
        .filter(|(_, names)| {
            // Hex names of one length, one of them with a digit (`aa`, `d3`; not the words `fe`, `be`).
            names.len() >= 2
                && names.iter().all(|name| (1..=4).contains(&name.len()) && name.len() == names[0].len() && name.bytes().all(|byte| byte.is_ascii_hexdigit()))
                && names.iter().any(|name| name.bytes().any(|byte| byte.is_ascii_digit()))
        })
        .map(|(parent, _)| parent)
        .collect();
    directories
        .into_iter()
        .map(|directory| match parent_of(&directory) {
            Some(parent) if sharded.contains(parent) => parent.to_owned(),
            _ => directory,
        })
        .collect()
}

/// `logs/2026/01/` → `logs/2026/`; `logs/` → ``.
fn parent_of(directory: &str) -> Option<&str> {
    if directory.is_empty() {
        return None;
    }
    let trimmed = &directory[..directory.len() - 1];
    Some(match trimmed.rfind('/') {
        Some(end) => &directory[..=end],
        None => "",
    })
}

/// Collapses directories with many observed children into their parents, deepest first, and
/// drops directories under another kept one. Without `allow_root` a directory must keep a name
/// (something other than `/`): the variable's root would mean every resource of the type.
fn collapse_directories(mut directories: BTreeSet<String>, allow_root: bool, fanout: usize) -> BTreeSet<String> {
    loop {
        let mut children: BTreeMap<String, usize> = BTreeMap::new();
        for directory in &directories {
            if let Some(parent) = parent_of(directory) {
                if allow_root || parent.chars().any(|c| c != '/') {
                    *children.entry(parent.to_owned()).or_default() += 1;
                }
            }
        }
        let crowded: Vec<String> = children.into_iter().filter(|(_, count)| *count >= fanout).map(|(parent, _)| parent).collect();
        if crowded.is_empty() {
            break;
        }
        // Collapse the deepest crowded parents first: their parents may become crowded next.
        let deepest = crowded.iter().map(|parent| parent.matches('/').count()).max().unwrap_or(0);
        for parent in crowded.iter().filter(|parent| parent.matches('/').count() == deepest) {
            directories.retain(|directory| parent_of(directory) != Some(parent.as_str()));
            directories.insert(parent.clone());
        }
    }
    let kept: Vec<String> = directories.iter().cloned().collect();
    directories.retain(|directory| !kept.iter().any(|other| other != directory && directory.starts_with(other.as_str())));
    directories
}

/// How far a resource pattern reaches, from one resource to everything.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// One resource (no wildcard).
    Exact,
    /// A subtree or a name pattern inside a named container.
    Prefix,
    /// Every resource of a type in an account and region.
    Type,
    /// Every resource of a service in an account.
    Service,
    /// Any resource in any account: `*`, or account-less patterns with wildcard names.
    Any,
}

impl Scope {
    /// The weight of one grant at this scope in the breadth score: each step is taken to reach
    /// ten times more resources than the one before. A convention, not a count: the workbench
    /// cannot know how many resources an account holds.
    pub fn weight(self) -> u64 {
        match self {
            Scope::Exact => 1,
            Scope::Prefix => 10,
            Scope::Type => 100,
            Scope::Service => 1_000,
            Scope::Any => 10_000,
        }
    }
}

/// Classifies a pattern made from a resource type's format: by which names it leaves named.
pub fn scope_with_template(template: &Template, pattern: &str) -> Scope {
    if pattern == "*" {
        return Scope::Any;
    }
    if !crate::pattern::has_wildcard(pattern) {
        return Scope::Exact;
    }
    let Some(parts) = crate::principal::Arn::parse(pattern) else {
        return Scope::Any;
    };
    if parts.account == "*" || parts.partition.contains('*') {
        return Scope::Any;
    }
    if parts.resource == "*" {
        return if is_global_namespace(template) { Scope::Any } else { Scope::Service };
    }
    let Some(values) = template.bind(pattern) else {
        return scope_of(pattern);
    };
    let names: Vec<&str> = template.name_variables();
    // `stack/payments-prod/*`: the stack called so, whichever ID CloudFormation gave it — one
    // stack, as AWS's guide writes it for policies.
    let only_stack_ids_wild = values
        .iter()
        .filter(|(name, value)| names.contains(&name.as_str()) && crate::pattern::has_wildcard(value))
        .all(|(name, value)| name == "Id" && value == "*")
        && values.iter().any(|(name, value)| matches!(name.as_str(), "StackName" | "StackSetName") && !crate::pattern::has_wildcard(value));
    if only_stack_ids_wild {
        return Scope::Exact;
    }
    let all_wild = values.iter().filter(|(name, _)| names.contains(&name.as_str())).all(|(_, value)| value == "*");
    match (all_wild, is_global_namespace(template)) {
        (true, true) => Scope::Any,
        (true, false) => Scope::Type,
        (false, _) => Scope::Prefix,
    }
}

/// Classifies a resource pattern from its text alone.
pub fn scope_of(pattern: &str) -> Scope {
    if pattern == "*" {
        return Scope::Any;
    }
    if !crate::pattern::has_wildcard(pattern) {
        return Scope::Exact;
    }
    let Some(parts) = crate::principal::Arn::parse(pattern) else {
        return Scope::Any;
    };
    if parts.account == "*" || parts.partition.contains('*') {
        return Scope::Any;
    }
    if parts.resource == "*" {
        return if parts.account.is_empty() { Scope::Any } else { Scope::Service };
    }
    // Type patterns have wildcards for whole names: `table/*`, `function:*`, `*` after a `:`.
    let name_start = parts.resource.find(['/', ':']).map(|index| index + 1).unwrap_or(0);
    let first_name = &parts.resource[name_start..];
    if first_name.starts_with('*') && !parts.account.is_empty() {
        return Scope::Type;
    }
    if parts.account.is_empty() && parts.resource.starts_with('*') {
        return Scope::Any;
    }
    Scope::Prefix
}

/// How broad a policy is, measured on what it was built from: each observed (action, resource)
/// pair is granted by some pattern, and the pattern reaches one resource (`exact`), a subtree
/// (`prefix`), a type in an account and region (`type`), a service in an account (`service`), or
/// anything (`any`).
///
/// The score is the mean, over the observed pairs, of the reach of the pattern that grants each,
/// weighted 1, 10, 100, 1,000 and 10,000 from `exact` to `any` (each step taken to reach about
/// ten times more). 1 means "exactly what was observed"; 100 means the policy grants, on
/// average, about a hundred times what it needs. Pairs granted on `*` at every level (the action
/// takes no resource, or the log did not name it) count 1: no level changes them; they still
/// show under `any` in `grants_by_scope`. A convention, not a count: the workbench cannot know
/// how many resources an account holds.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Breadth {
    /// Distinct resource patterns in Allow statements.
    pub resource_patterns: usize,
    /// Observed (action, resource) pairs.
    pub grants: u64,
    /// Observed pairs by the reach of the pattern that grants them.
    pub grants_by_scope: BTreeMap<Scope, u64>,
    /// The mean weight (see above), rounded to two decimals.
    pub score: f64,
}

impl Breadth {
    /// Measures a policy from the scope of the pattern granting each observed pair (`inherent`:
    /// granted on `*` at every level).
    pub fn of(policy: &crate::policy::Policy, granting: &[(Scope, bool)]) -> Breadth {
        let mut breadth = Breadth::default();
        let patterns: BTreeSet<&str> = policy
            .statements
            .iter()
            .filter(|statement| statement.effect == crate::policy::Effect::Allow)
            .flat_map(|statement| statement.resource.iter().flat_map(|resources| resources.iter()))
            .collect();
        breadth.resource_patterns = patterns.len();
        let mut weighted = 0u64;
        for (scope, inherent) in granting {
            let scope = *scope;
            *breadth.grants_by_scope.entry(scope).or_default() += 1;
            breadth.grants += 1;
            weighted += if *inherent { 1 } else { scope.weight() };
        }
        breadth.score = if breadth.grants == 0 { 1.0 } else { round2(weighted as f64 / breadth.grants as f64) };
        breadth
    }
}

/// The breadth of any policy (the page's existing policy, `iamwb diff`'s `--policy`) over the observed calls it allows, on the synthesis's scale: each
/// allowed (action, resource) pair counts at the reach of the narrowest pattern granting it (read
/// with the resource type's ARN format, as the synthesis reads it); pairs that can only ever be
/// granted on `*` (no resource logged, or no resource-level permission) count as exact. For a
/// generated policy this is the synthesis's own figure, or slightly more where minimisation let a
/// wildcard absorb an exact ARN.
pub fn breadth_of_policies(documents: &[crate::policy::Policy], simulation: &crate::simulate::Simulation, catalog: &crate::catalog::Catalog) -> Breadth {
    let mut granting: BTreeMap<(&str, Option<&str>), (Scope, bool)> = BTreeMap::new();
    for call in &simulation.calls {
        let (crate::simulate::Decision::Allowed, Some(statement_ref)) = (call.evaluation.decision, &call.evaluation.statement) else {
            continue;
        };
        if call.outcome != crate::activity::Outcome::Success || granting.contains_key(&(call.action.as_str(), call.resource.as_deref())) {
            continue;
        }
        let Some(statement) = documents.get(statement_ref.policy).and_then(|document| document.statements.get(statement_ref.index)) else {
            continue;
        };
        let template = call.resource.as_deref().and_then(|resource| resource_template(catalog, &call.action, resource));
        let scope_of = |pattern: &str| match &template {
            Some(template) => scope_with_template(template, pattern),
            None => scope_of(pattern),
        };
        // The narrowest pattern that grants the pair: in the statement that allowed it, or in any
        // other Allow statement naming the action (the simulator reports the first that applies).
        let matching_scopes = |candidate: &crate::policy::Statement| -> Option<Scope> {
            let (Some(resource), Some(patterns)) = (&call.resource, &candidate.resource) else {
                return None;
            };
            patterns
                .iter()
                .filter(|pattern| crate::pattern::resource_matches(&crate::pattern::placeholders_as_wildcards(pattern), resource))
                .map(scope_of)
                .min()
        };
        let others =
            documents.iter().flat_map(|document| document.statements.iter()).filter(|candidate| candidate.effect == crate::policy::Effect::Allow).filter(
                |candidate| candidate.action.iter().flat_map(|actions| actions.iter()).any(|action| crate::pattern::action_matches(action, &call.action)),
            );
        let scope = std::iter::once(statement).chain(others).filter_map(matching_scopes).min().unwrap_or(Scope::Any);
        let inherent = call.resource.is_none() || catalog.action(&call.action).is_some_and(|found| !found.supports_resource_level());
        granting.insert((call.action.as_str(), call.resource.as_deref()), (scope, inherent));
    }
    let pairs: Vec<(Scope, bool)> = granting.into_values().collect();
    Breadth::of(&crate::policy_text::merged(documents), &pairs)
}

/// The ARN format a resource is read with, as the synthesis chooses it: the action's own resource
/// types first (the most specific format that matches), then any type of the action's or the
/// ARN's service.
fn resource_template(catalog: &crate::catalog::Catalog, action: &str, resource: &str) -> Option<Template> {
    let found = catalog.action(action)?;
    let mut best: Option<(usize, Template)> = None;
    for (_, definition) in found.resource_type_definitions() {
        for format in arn_formats(definition) {
            let template = Template::parse(format);
            if template.bind(resource).is_some() {
                let specificity: usize = template.parts.iter().map(|part| if let Part::Literal(text) = part { text.len() } else { 0 }).sum();
                if best.as_ref().is_none_or(|(best_specificity, _)| specificity > *best_specificity) {
                    best = Some((specificity, template));
                }
            }
        }
    }
    if let Some((_, template)) = best {
        return Some(template);
    }
    let arn_service = crate::principal::Arn::parse(resource)?.service;
    for service in [found.service.prefix.as_str(), arn_service] {
        for resource_type in catalog.resource_types_for_arn(service, resource) {
            if let Some(format) = arn_formats(resource_type).find(|format| Template::parse(format).bind(resource).is_some()) {
                return Some(Template::parse(format));
            }
        }
    }
    None
}

fn round2(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    const OBJECT: &str = "arn:${Partition}:s3:::${BucketName}/${ObjectName}";
    const TABLE: &str = "arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}";
    const INDEX: &str = "arn:${Partition}:dynamodb:${Region}:${Account}:table/${TableName}/index/${IndexName}";
    const ROLE: &str = "arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}";
    const STREAM: &str = "arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}:log-stream:${LogStreamName}";

    fn typed<'a>(template: &'a Template, arn: &'a str) -> TypedArn<'a> {
        TypedArn { arn, template, values: template.bind(arn).unwrap_or_else(|| panic!("{arn} does not bind")) }
    }

    fn patterns(format: &str, arns: &[&str], level: Level, options: GeneraliseOptions) -> Vec<String> {
        let template = Template::parse(format);
        let typed: Vec<TypedArn<'_>> = arns.iter().map(|arn| typed(&template, arn)).collect();
        let map = generalise_typed(&typed, level, &options);
        let set: BTreeSet<String> = map.into_values().collect();
        set.into_iter().collect()
    }

    #[test]
    fn templates_bind_and_render() {
        let template = Template::parse(INDEX);
        let values = template.bind("arn:aws:dynamodb:eu-west-1:111122223333:table/orders/index/by-date").unwrap();
        assert_eq!(values[3], ("TableName".to_owned(), "orders".to_owned()));
        assert_eq!(values[4], ("IndexName".to_owned(), "by-date".to_owned()));
        assert!(Template::parse(TABLE).bind("arn:aws:dynamodb:eu-west-1:111122223333:table/orders").is_some());
        assert!(Template::parse(TABLE).bind("arn:aws:s3:::b").is_none());
        let object = Template::parse(OBJECT).bind("arn:aws:s3:::b/logs/2026/a:b.gz").unwrap();
        assert_eq!(object[2].1, "logs/2026/a:b.gz");
        assert_eq!(Template::parse(OBJECT).render(|name| format!("<{name}>")), "arn:<Partition>:s3:::<BucketName>/<ObjectName>");
        assert!(!Template::parse(OBJECT).has_account());
        assert_eq!(Template::parse(STREAM).name_variables(), ["LogGroupName", "LogStreamName"]);
    }

    #[test]
    fn levels_for_s3_objects() {
        let arns = [
            "arn:aws:s3:::logs-bucket/app/2026/01/01/a.gz",
            "arn:aws:s3:::logs-bucket/app/2026/01/02/b.gz",
            "arn:aws:s3:::logs-bucket/app/2026/01/03/c.gz",
            "arn:aws:s3:::logs-bucket/config.json",
            "arn:aws:s3:::other/x/y.txt",
        ];
        let none = GeneraliseOptions::default();
        assert_eq!(patterns(OBJECT, &arns, Level::Exact, none).len(), 5);
        assert_eq!(patterns(OBJECT, &arns, Level::Prefix, none), ["arn:aws:s3:::logs-bucket/*", "arn:aws:s3:::other/x/*"]);
        let fewer = &arns[..2];
        // Dates are churn: tomorrow's keys fall under the same prefix.
        assert_eq!(patterns(OBJECT, fewer, Level::Prefix, none), ["arn:aws:s3:::logs-bucket/app/*"]);
        // No account in S3 ARNs: the bucket stays named unless cross-account is allowed.
        assert_eq!(patterns(OBJECT, &arns, Level::Type, none), ["arn:aws:s3:::logs-bucket/*", "arn:aws:s3:::other/*"]);
        assert_eq!(patterns(OBJECT, &arns, Level::Service, none), ["arn:aws:s3:::logs-bucket/*", "arn:aws:s3:::other/*"]);
        let cross = GeneraliseOptions { allow_cross_account: true };
        assert_eq!(patterns(OBJECT, &arns, Level::Type, cross), ["arn:aws:s3:::*/*"]);
        assert_eq!(patterns(OBJECT, &arns, Level::Service, cross), ["*"]);
    }

    #[test]
    fn churning_segments_are_cut_and_stable_ones_kept() {
        for churn in [
            "2026",
            "03",
            "1741305600",
            "2026-03-07",
            "2026_03_07",
            "20260307",
            "2026-03-07T05:00:00Z",
            "dt=2026-03-07",
            "year=2026",
            "hour=05",
            "8c074ce",
            "b56a55b43330d6a9548f54f6d3a5563d",
            "bb3e418a-49e3-4cac-9054-d102fdde0956",
            "pr-1234",
            "build_17",
            "part-00017",
            "[$LATEST]b56a55b4",
            "[1]abc",
        ] {
            assert!(is_churn(churn), "{churn}");
        }
        for stable in ["exports", "orders", "v2", "service-role", "cafe", "deadbeef", "daily", "config", "aws", "lambda", "orders-api", "s3", "2fa"] {
            assert!(!is_churn(stable), "{stable}");
        }
        let none = GeneraliseOptions::default();
        let keys = [
            "arn:aws:s3:::acme-orders-prod-uploads/uploads/03/06/1c5ac72c.json",
            "arn:aws:s3:::acme-orders-prod-uploads/exports/dt=2026-03-07/part-038.parquet",
            "arn:aws:s3:::acme-orders-prod-uploads/builds/orders/8c074ce/artifact.zip",
            "arn:aws:s3:::acme-orders-prod-uploads/reports/daily/2026-03-07/summary.csv",
        ];
        assert_eq!(
            patterns(OBJECT, &keys, Level::Prefix, none),
            [
                "arn:aws:s3:::acme-orders-prod-uploads/builds/orders/*",
                "arn:aws:s3:::acme-orders-prod-uploads/exports/*",
                "arn:aws:s3:::acme-orders-prod-uploads/reports/daily/*",
                "arn:aws:s3:::acme-orders-prod-uploads/uploads/*",
            ]
        );
        // Role paths and parameter names are words: nothing churns there.
        let roles = ["arn:aws:iam::111122223333:role/service-role/orders-api-lambda-role"];
        assert_eq!(patterns(ROLE, &roles, Level::Prefix, none), ["arn:aws:iam::111122223333:role/service-role/*"]);
    }

    #[test]
    fn names_keep_their_words_and_lose_their_churn() {
        let cases = [
            ("orders", "orders"),
            ("orders-api-lambda-role", "orders-api-lambda-role"),
            ("payments-pr-1234", "payments-pr-*"),
            ("events-2026-03-07", "events-????-??-??"),
            ("events_20260307", "events_????????"),
            ("run-2026-03-07T05:00:00Z", "run-????-??-??T??:??:??Z"),
            ("build-8c074ce", "build-*"),
            ("job-bb3e418a-49e3-4cac-9054-d102fdde0956-retry", "job-*-retry"),
            ("cdk-hnb659fds-assets-111122223333-us-east-1", "cdk-hnb659fds-assets-111122223333-us-east-1"),
            ("orders-v2", "orders-v2"),
            ("/aws/lambda/orders-api", "/aws/lambda/orders-api"),
        ];
        for (name, expected) in cases {
            assert_eq!(generalise_name(name, false).0, expected, "{name}");
        }
        assert_eq!(
            generalise_name("prod/orders/db-credentials-Yim4Au", true),
            ("prod/orders/db-credentials-??????".to_owned(), BTreeSet::from([Churn::RandomSuffix]))
        );
        assert_eq!(generalise_name("prod/orders/db-credentials-??????", true), ("prod/orders/db-credentials-??????".to_owned(), BTreeSet::new()));
        assert_eq!(generalise_name("events-2026-03-07", false).1, BTreeSet::from([Churn::Date]));
    }

    #[test]
    fn the_durable_level_keeps_identities_and_generalises_churn() {
        const SECRET: &str = "arn:${Partition}:secretsmanager:${Region}:${Account}:secret:${SecretId}";
        const STACK: &str = "arn:${Partition}:cloudformation:${Region}:${Account}:stack/${StackName}/${Id}";
        const KEY: &str = "arn:${Partition}:kms:${Region}:${Account}:key/${KeyId}";
        const FUNCTION_VERSION: &str = "arn:${Partition}:lambda:${Region}:${Account}:function:${FunctionName}:${Version}";
        const MODEL: &str = "arn:${Partition}:bedrock:${Region}::foundation-model/${ResourceId}";
        const PARAMETER: &str = "arn:${Partition}:ssm:${Region}:${Account}:parameter/${ParameterNameWithoutLeadingSlash}";
        let none = GeneraliseOptions::default();
        let durable = |format: &str, arns: &[&str]| patterns(format, arns, Level::Durable, none);
        let keys = [
            "arn:aws:s3:::acme-orders-prod-uploads/uploads/03/06/1c5ac72c.json",
            "arn:aws:s3:::acme-orders-prod-uploads/exports/dt=2026-03-07/part-038.parquet",
            "arn:aws:s3:::acme-orders-prod-uploads/builds/orders/8c074ce/artifact.zip",
            "arn:aws:s3:::acme-orders-prod-uploads/reports/daily/2026-03-07/summary.csv",
            "arn:aws:s3:::acme-orders-prod-uploads/config.json",
            "arn:aws:s3:::acme-orders-prod-uploads/report-2026-03-07.csv",
            "arn:aws:s3:::acme-orders-prod-uploads/images/aa/163dda2d3f.jpg",
            "arn:aws:s3:::acme-orders-prod-uploads/images/d3/44713f174d.jpg",
        ];
        assert_eq!(
            durable(OBJECT, &keys),
            [
                "arn:aws:s3:::acme-orders-prod-uploads/builds/orders/*",
                "arn:aws:s3:::acme-orders-prod-uploads/config.json",
                "arn:aws:s3:::acme-orders-prod-uploads/exports/*",
                "arn:aws:s3:::acme-orders-prod-uploads/images/*",
                "arn:aws:s3:::acme-orders-prod-uploads/report-????-??-??.csv",
                "arn:aws:s3:::acme-orders-prod-uploads/reports/daily/*",
                "arn:aws:s3:::acme-orders-prod-uploads/uploads/*",
            ]
        );
        let streams = [
            "arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/orders-api:log-stream:2026/03/03/[$LATEST]b56a55b43330d6a9548f54f6d3a5563d",
            "arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/orders-api:log-stream:2026/03/04/[$LATEST]0f1e2d3c4b5a69788796a5b4c3d2e1f0",
        ];
        assert_eq!(durable(STREAM, &streams), ["arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/orders-api:log-stream:*"]);
        let secrets = [
            "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/orders/db-credentials-??????",
            "arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/orders/db-credentials-Yim4Au",
        ];
        assert_eq!(durable(SECRET, &secrets), ["arn:aws:secretsmanager:us-east-1:111122223333:secret:prod/orders/db-credentials-??????"]);
        let stacks = [
            "arn:aws:cloudformation:us-east-1:111122223333:stack/payments-pr-1234/bb3e418a-49e3-4cac-9054-d102fdde0956",
            "arn:aws:cloudformation:us-east-1:111122223333:stack/payments-pr-1240/*",
            "arn:aws:cloudformation:us-east-1:111122223333:stack/payments-prod/*",
        ];
        assert_eq!(
            durable(STACK, &stacks),
            ["arn:aws:cloudformation:us-east-1:111122223333:stack/payments-pr-*/*", "arn:aws:cloudformation:us-east-1:111122223333:stack/payments-prod/*"]
        );
        // A name used in two regions is granted in any region; one used in one keeps it.
        let tables = [
            "arn:aws:dynamodb:us-east-1:111122223333:table/orders",
            "arn:aws:dynamodb:eu-west-1:111122223333:table/orders",
            "arn:aws:dynamodb:us-east-1:111122223333:table/orders-sessions",
        ];
        assert_eq!(durable(TABLE, &tables), ["arn:aws:dynamodb:*:111122223333:table/orders", "arn:aws:dynamodb:us-east-1:111122223333:table/orders-sessions"]);
        // Never a pattern over another observed identity: `orders-????` would reach `orders-prod`.
        let near = ["arn:aws:dynamodb:us-east-1:111122223333:table/orders-2026", "arn:aws:dynamodb:us-east-1:111122223333:table/orders-prod"];
        assert_eq!(durable(TABLE, &near), near);
        // A name that is churn through and through: kept when it is the only name.
        // Kept exact for another identity's sake, a secret still loses its random suffix.
        let numbered = [
            "arn:aws:secretsmanager:us-east-1:111122223333:secret:team-secret-10-DyLJjP",
            "arn:aws:secretsmanager:us-east-1:111122223333:secret:team-secret-1-AbCdEf",
        ];
        assert_eq!(
            durable(SECRET, &numbered),
            [
                "arn:aws:secretsmanager:us-east-1:111122223333:secret:team-secret-1-??????",
                "arn:aws:secretsmanager:us-east-1:111122223333:secret:team-secret-10-??????"
            ]
        );
        let key = ["arn:aws:kms:us-east-1:111122223333:key/bb3e418a-49e3-4cac-9054-d102fdde0956"];
        assert_eq!(durable(KEY, &key), key);
        const INSTANCE: &str = "arn:${Partition}:ec2:${Region}:${Account}:instance/${InstanceId}";
        // Names with a short word and a number are names: `web-12` under a cluster stays `web-*`.
        const SERVICE: &str = "arn:${Partition}:ecs:${Region}:${Account}:service/${ClusterName}/${ServiceName}";
        let services = ["arn:aws:ecs:us-east-1:111122223333:service/prod/web-12", "arn:aws:ecs:us-east-1:111122223333:service/prod/api-34"];
        assert_eq!(
            durable(SERVICE, &services),
            ["arn:aws:ecs:us-east-1:111122223333:service/prod/api-*", "arn:aws:ecs:us-east-1:111122223333:service/prod/web-*"]
        );
        // Hex-looking words are not shards, and a parameter pattern never reaches the root.
        let words = ["arn:aws:ssm:us-east-1:111122223333:parameter/fe/api-url", "arn:aws:ssm:us-east-1:111122223333:parameter/be/db-url"];
        assert_eq!(durable(PARAMETER, &words), ["arn:aws:ssm:us-east-1:111122223333:parameter/be/*", "arn:aws:ssm:us-east-1:111122223333:parameter/fe/*"]);
        let shards = ["arn:aws:ssm:us-east-1:111122223333:parameter/a1/x", "arn:aws:ssm:us-east-1:111122223333:parameter/b2/y"];
        assert_eq!(durable(PARAMETER, &shards), shards, "shards at the root of parameter names would be every parameter: kept exact");
        // A flat name's pattern must not reach an observed parameter under a path.
        let mixed = ["arn:aws:ssm:us-east-1:111122223333:parameter/orders-1234", "arn:aws:ssm:us-east-1:111122223333:parameter/orders-prod/db-password"];
        assert!(!durable(PARAMETER, &mixed).contains(&"arn:aws:ssm:us-east-1:111122223333:parameter/orders-*".to_owned()));
        let instances = ["arn:aws:ec2:us-east-1:111122223333:instance/i-0123456789abcdef0", "arn:aws:ec2:us-east-1:111122223333:instance/i-0fedcba9876543210"];
        assert_eq!(durable(INSTANCE, &instances), instances, "an ID AWS assigns is the resource's identity");
        let versions = ["arn:aws:lambda:us-east-1:111122223333:function:orders-api:17"];
        assert_eq!(durable(FUNCTION_VERSION, &versions), ["arn:aws:lambda:us-east-1:111122223333:function:orders-api:*"]);
        let model = ["arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0"];
        assert_eq!(durable(MODEL, &model), model);
        let parameters = ["arn:aws:ssm:us-east-1:111122223333:parameter/orders/prod/db-url", "arn:aws:ssm:us-east-1:111122223333:parameter/feature-flag"];
        assert_eq!(
            durable(PARAMETER, &parameters),
            ["arn:aws:ssm:us-east-1:111122223333:parameter/feature-flag", "arn:aws:ssm:us-east-1:111122223333:parameter/orders/prod/*"]
        );
    }

    #[test]
    fn levels_for_account_scoped_types() {
        let none = GeneraliseOptions::default();
        let tables = ["arn:aws:dynamodb:eu-west-1:111122223333:table/orders-2024", "arn:aws:dynamodb:eu-west-1:111122223333:table/orders-2025"];
        // Flat names are not cut into string prefixes.
        assert_eq!(patterns(TABLE, &tables, Level::Prefix, none), tables);
        assert_eq!(patterns(TABLE, &tables, Level::Type, none), ["arn:aws:dynamodb:eu-west-1:111122223333:table/*"]);
        assert_eq!(patterns(TABLE, &tables, Level::Service, none), ["arn:aws:dynamodb:*:111122223333:*"]);
        assert_eq!(patterns(TABLE, &tables, Level::Type, GeneraliseOptions { allow_cross_account: true }), ["arn:aws:dynamodb:eu-west-1:*:table/*"]);
        let roles = ["arn:aws:iam::111122223333:role/team/app", "arn:aws:iam::111122223333:role/team/worker", "arn:aws:iam::111122223333:role/admin"];
        assert_eq!(patterns(ROLE, &roles, Level::Prefix, none), ["arn:aws:iam::111122223333:role/admin", "arn:aws:iam::111122223333:role/team/*"]);
        let spread = ["arn:aws:iam::111122223333:role/a/x", "arn:aws:iam::111122223333:role/b/y", "arn:aws:iam::111122223333:role/c/z"];
        assert_eq!(patterns(ROLE, &spread, Level::Prefix, none).len(), 3, "never every role at the prefix level");
        let streams = [
            "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/f:log-stream:2026/01/01/[$LATEST]aaa",
            "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/f:log-stream:2026/01/01/[$LATEST]bbb",
            "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/g:log-stream:2026/01/02/[$LATEST]ccc",
        ];
        assert_eq!(
            patterns(STREAM, &streams, Level::Prefix, none),
            [
                "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/f:log-stream:*",
                "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/g:log-stream:*"
            ]
        );
    }

    #[test]
    fn account_less_arns_outside_s3_are_the_callers_own() {
        const DEPLOYMENTS: &str = "arn:${Partition}:apigateway:${Region}::/restapis/${RestApiId}/deployments";
        let arns = ["arn:aws:apigateway:us-east-1::/restapis/abc/deployments"];
        let none = GeneraliseOptions::default();
        assert_eq!(patterns(DEPLOYMENTS, &arns, Level::Type, none), ["arn:aws:apigateway:us-east-1::/restapis/*/deployments"]);
        assert_eq!(patterns(DEPLOYMENTS, &arns, Level::Service, none), ["arn:aws:apigateway:*::*"]);
        let template = Template::parse(DEPLOYMENTS);
        assert_eq!(scope_with_template(&template, "arn:aws:apigateway:us-east-1::/restapis/*/deployments"), Scope::Type);
        assert_eq!(scope_with_template(&template, "arn:aws:apigateway:*::*"), Scope::Service);
        let object = Template::parse(OBJECT);
        assert!(is_global_namespace(&object) && !is_global_namespace(&template));
        assert_eq!(scope_with_template(&object, "arn:aws:s3:::b/*"), Scope::Prefix);
        assert_eq!(scope_with_template(&object, "arn:aws:s3:::*/*"), Scope::Any);
        assert_eq!(scope_with_template(&Template::parse(TABLE), "arn:aws:dynamodb:eu-west-1:1:table/*"), Scope::Type);
        let stack = Template::parse("arn:${Partition}:cloudformation:${Region}:${Account}:stack/${StackName}/${Id}");
        assert_eq!(scope_with_template(&stack, "arn:aws:cloudformation:eu-west-1:1:stack/payments-prod/*"), Scope::Exact, "one stack, any ID");
        assert_eq!(scope_with_template(&stack, "arn:aws:cloudformation:eu-west-1:1:stack/payments-pr-*/*"), Scope::Prefix);
    }

    #[test]
    fn generalised_patterns_match_their_arns() {
        let arns = ["arn:aws:s3:::b/a/1", "arn:aws:s3:::b/a/2", "arn:aws:s3:::b/c/d/e/3", "arn:aws:s3:::b/4"];
        let template = Template::parse(OBJECT);
        let typed: Vec<TypedArn<'_>> = arns.iter().map(|arn| super::tests::typed(&template, arn)).collect();
        for level in Level::ALL {
            for (arn, pattern) in generalise_typed(&typed, level, &GeneraliseOptions::default()) {
                assert!(crate::pattern::resource_matches(&pattern, &arn), "{level:?}: {pattern} does not match {arn}");
            }
        }
    }

    #[test]
    fn scopes_table() {
        let cases = [
            ("arn:aws:s3:::b/k", Scope::Exact),
            ("arn:aws:s3:::b/logs/*", Scope::Prefix),
            ("arn:aws:s3:::b/*", Scope::Prefix),
            ("arn:aws:s3:::*/*", Scope::Any),
            ("arn:aws:dynamodb:eu-west-1:1:table/*", Scope::Type),
            ("arn:aws:lambda:eu-west-1:1:function:*", Scope::Type),
            ("arn:aws:dynamodb:*:1:*", Scope::Service),
            ("arn:aws:dynamodb:eu-west-1:*:table/*", Scope::Any),
            ("*", Scope::Any),
            ("arn:aws:iam::1:role/team/*", Scope::Prefix),
        ];
        for (pattern, expected) in cases {
            assert_eq!(scope_of(pattern), expected, "{pattern}");
        }
    }
}
