//! The policy linter: checks an identity policy against the IAM catalog and reports findings with
//! a severity and a location (a JSON pointer such as `/Statement/0/Action/2`, and the line and
//! column in the text).
//!
//! Errors are what makes a policy wrong or unusable: JSON that is no policy, an unknown service
//! or action, an invalid ARN, an unknown condition operator, a condition key none of the
//! statement's actions supports, a policy over the managed-policy size limit. Warnings are what
//! makes it broader or weaker than it looks (`*` actions or resources, a wildcard that matches
//! nothing, a resource that fits none of the action's resource types, redundant statements).
//! Suggestions are tidying (redundant entries inside a statement).

use crate::catalog::{ActionRef, Catalog};
use crate::generalise::Template;
use crate::locate::{escape_token, locate, position_of, TextPosition};
use crate::pattern::{has_wildcard, pattern_covers, patterns_intersect};
use crate::policy::{non_whitespace_chars, Policy, POLICY_VERSION};
use crate::simulate::is_supported_operator;
use crate::size::{GROUP_INLINE_CHARS, MANAGED_POLICIES_PER_PRINCIPAL, MANAGED_POLICY_CHARS, ROLE_INLINE_CHARS, USER_INLINE_CHARS};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    Error,
    Warning,
    Suggestion,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Suggestion => "suggestion",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Finding {
    pub severity: Severity,
    /// A stable kebab-case identifier of the rule (`unknown-action`).
    pub code: String,
    pub message: String,
    /// RFC 6901 JSON pointer to the value concerned (`""` for the whole document).
    pub pointer: String,
    /// 1-based line and column where that value starts in the text.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub column: Option<usize>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LintReport {
    /// Sorted by position in the text.
    pub findings: Vec<Finding>,
    pub errors: usize,
    pub warnings: usize,
    pub suggestions: usize,
    /// Non-whitespace characters of the text, as IAM counts them.
    pub chars: usize,
}

impl LintReport {
    pub fn has_errors(&self) -> bool {
        self.errors > 0
    }
}

/// Most actions a wildcard is expanded to for the per-action checks (condition keys, resource
/// types); `*` and other huge expansions are checked only for matching something.
const MAX_EXPANDED_ACTIONS: usize = 400;

struct Linter<'a> {
    catalog: &'a Catalog,
    findings: Vec<(Severity, &'static str, String, String)>,
}

impl Linter<'_> {
    fn add(&mut self, severity: Severity, code: &'static str, pointer: impl Into<String>, message: impl Into<String>) {
        self.findings.push((severity, code, pointer.into(), message.into()));
    }
}

/// Lints a policy given as text (what a user pasted or a file holds), as one document: over
/// 6,144 characters is an error.
pub fn lint(text: &str, catalog: &Catalog) -> LintReport {
    lint_as(text, catalog, false)
}

/// Lints a policy that is exported split into managed policies (the page's policy, a bare
/// `iamwb generate`): each split document is judged against 6,144 characters, so a whole
/// policy over it whose split fits the 10 managed policies of a principal is a suggestion (the
/// size, and how many documents), not an error.
pub fn lint_split(text: &str, catalog: &Catalog) -> LintReport {
    lint_as(text, catalog, true)
}

fn lint_as(text: &str, catalog: &Catalog, split_on_export: bool) -> LintReport {
    let chars = non_whitespace_chars(text);
    let mut linter = Linter { catalog, findings: Vec::new() };
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(error) => {
            let finding = Finding {
                severity: Severity::Error,
                code: "invalid-json".to_owned(),
                message: format!("not valid JSON: {error}"),
                pointer: String::new(),
                line: Some(error.line().max(1)),
                column: Some(error.column().max(1)),
            };
            return LintReport { findings: vec![finding], errors: 1, warnings: 0, suggestions: 0, chars };
        }
    };
    lint_value(&value, &mut linter);
    let split_documents = if split_on_export && chars > MANAGED_POLICY_CHARS {
        match crate::policy_text::documents_in(text).as_deref() {
            Ok([only]) => {
                let documents = crate::size::split(only, MANAGED_POLICY_CHARS);
                let fits = documents.len() <= MANAGED_POLICIES_PER_PRINCIPAL
                    && documents.iter().all(|document| document.non_whitespace_chars() <= MANAGED_POLICY_CHARS);
                fits.then_some(documents.len())
            }
            _ => None,
        }
    } else {
        None
    };
    if let Some(documents) = split_documents {
        linter.add(
            Severity::Suggestion,
            "size-split",
            "",
            format!("{chars} non-whitespace characters: exported as {documents} managed policies, each within the limit of {MANAGED_POLICY_CHARS}"),
        );
    } else if chars > MANAGED_POLICY_CHARS {
        let mut fits = Vec::new();
        for (label, limit) in [
            ("a role's inline policies", ROLE_INLINE_CHARS),
            ("a group's inline policies", GROUP_INLINE_CHARS),
            ("a user's inline policies", USER_INLINE_CHARS),
        ] {
            if chars <= limit {
                fits.push(format!("{label} ({limit} characters)"));
            }
        }
        let alternative =
            if fits.is_empty() { "and fits no inline-policy budget either; split it".to_owned() } else { format!("split it, or use {}", fits.join(" or ")) };
        linter.add(
            Severity::Error,
            "size-over-limit",
            "",
            format!("{chars} non-whitespace characters, over the managed-policy limit of {MANAGED_POLICY_CHARS}: {alternative}"),
        );
    }
    let positions = locate(text);
    finish(linter, &positions, chars)
}

/// Lints a policy model (through its canonical text, so locations refer to that text).
pub fn lint_policy(policy: &Policy, catalog: &Catalog) -> LintReport {
    lint(&policy.to_canonical_json(), catalog)
}

fn finish(linter: Linter<'_>, positions: &HashMap<String, TextPosition>, chars: usize) -> LintReport {
    let mut findings: Vec<Finding> = linter
        .findings
        .into_iter()
        .map(|(severity, code, pointer, message)| {
            let position = position_of(positions, &pointer);
            Finding { severity, code: code.to_owned(), message, line: position.map(|p| p.line), column: position.map(|p| p.column), pointer }
        })
        .collect();
    findings.sort_by(|left, right| {
        (left.line, left.column, &left.pointer, left.severity, &left.code, &left.message).cmp(&(
            right.line,
            right.column,
            &right.pointer,
            right.severity,
            &right.code,
            &right.message,
        ))
    });
    findings.dedup();
    let count = |severity: Severity| findings.iter().filter(|finding| finding.severity == severity).count();
    LintReport { errors: count(Severity::Error), warnings: count(Severity::Warning), suggestions: count(Severity::Suggestion), chars, findings }
}

/// A JSON string or list of strings, with the pointer of each string.
fn strings_of(value: &Value, pointer: &str) -> Option<Vec<(String, String)>> {
    match value {
        Value::String(text) => Some(vec![(pointer.to_owned(), text.clone())]),
        Value::Array(items) => {
            items.iter().enumerate().map(|(index, item)| item.as_str().map(|text| (format!("{pointer}/{index}"), text.to_owned()))).collect()
        }
        _ => None,
    }
}

fn lint_value(value: &Value, linter: &mut Linter<'_>) {
    let Some(document) = value.as_object() else {
        linter.add(Severity::Error, "not-a-policy", "", "a policy is a JSON object with Version and Statement");
        return;
    };
    match document.get("Version") {
        None => linter.add(
            Severity::Warning,
            "missing-version",
            "",
            format!("no Version: IAM then applies the 2008-10-17 rules, without policy variables; add \"Version\": \"{POLICY_VERSION}\""),
        ),
        Some(Value::String(version)) if version == POLICY_VERSION => {}
        Some(Value::String(version)) if version == "2008-10-17" => {
            linter.add(Severity::Warning, "old-version", "/Version", format!("Version 2008-10-17 does not support policy variables; use {POLICY_VERSION}"))
        }
        Some(_) => linter.add(Severity::Error, "invalid-version", "/Version", format!("Version must be \"{POLICY_VERSION}\"")),
    }
    for key in document.keys() {
        if !matches!(key.as_str(), "Version" | "Statement" | "Id") {
            linter.add(
                Severity::Error,
                "unknown-element",
                format!("/{}", escape_token(key)),
                format!("{key:?} is not a policy element (Version, Id, Statement)"),
            );
        }
    }
    let statements: Vec<(String, &Value)> = match document.get("Statement") {
        None => {
            linter.add(Severity::Error, "no-statement", "", "the policy has no Statement");
            return;
        }
        Some(Value::Array(items)) => items.iter().enumerate().map(|(index, item)| (format!("/Statement/{index}"), item)).collect(),
        Some(item @ Value::Object(_)) => vec![("/Statement".to_owned(), item)],
        Some(_) => {
            linter.add(Severity::Error, "not-a-policy", "/Statement", "Statement must be an object or a list of objects");
            return;
        }
    };
    if statements.is_empty() {
        linter.add(Severity::Warning, "empty-policy", "/Statement", "the policy has no statements: it allows nothing");
    }
    let mut sids: BTreeMap<String, String> = BTreeMap::new();
    for (pointer, statement) in &statements {
        lint_statement(pointer, statement, linter, &mut sids);
    }
    redundant_statements(&statements, linter);
}

fn lint_statement(pointer: &str, statement: &Value, linter: &mut Linter<'_>, sids: &mut BTreeMap<String, String>) {
    let Some(fields) = statement.as_object() else {
        linter.add(Severity::Error, "not-a-policy", pointer, "a statement is a JSON object");
        return;
    };
    for key in fields.keys() {
        if !matches!(key.as_str(), "Sid" | "Effect" | "Action" | "NotAction" | "Resource" | "NotResource" | "Condition") {
            let (code, message) = if matches!(key.as_str(), "Principal" | "NotPrincipal") {
                ("principal-in-identity-policy", format!("{key} belongs in resource-based and trust policies, not in identity policies"))
            } else {
                ("unknown-element", format!("{key:?} is not a statement element"))
            };
            linter.add(Severity::Error, code, format!("{pointer}/{}", escape_token(key)), message);
        }
    }
    if let Some(sid) = fields.get("Sid") {
        match sid.as_str() {
            Some(text) if !text.chars().all(|c| c.is_ascii_alphanumeric()) => {
                linter.add(Severity::Warning, "invalid-sid", format!("{pointer}/Sid"), "IAM accepts only letters and digits in the Sid of identity policies")
            }
            Some(text) => {
                if let Some(first) = sids.get(text) {
                    linter.add(Severity::Warning, "duplicate-sid", format!("{pointer}/Sid"), format!("the Sid {text:?} is already used at {first}"));
                } else {
                    sids.insert(text.to_owned(), pointer.to_owned());
                }
            }
            None => linter.add(Severity::Warning, "invalid-sid", format!("{pointer}/Sid"), "the Sid must be a string"),
        }
    }
    let allow = match fields.get("Effect").and_then(Value::as_str) {
        Some("Allow") => true,
        Some("Deny") => false,
        _ => {
            linter.add(Severity::Error, "invalid-effect", format!("{pointer}/Effect"), "Effect must be \"Allow\" or \"Deny\"");
            true
        }
    };
    let (action_key, not_action) = match (fields.get("Action"), fields.get("NotAction")) {
        (Some(_), Some(_)) => {
            linter.add(Severity::Error, "action-and-not-action", pointer, "a statement has Action or NotAction, not both");
            ("Action", false)
        }
        (Some(_), None) => ("Action", false),
        (None, Some(_)) => ("NotAction", true),
        (None, None) => {
            linter.add(Severity::Error, "no-action", pointer, "the statement has no Action");
            return;
        }
    };
    let (resource_key, not_resource) = match (fields.get("Resource"), fields.get("NotResource")) {
        (Some(_), Some(_)) => {
            linter.add(Severity::Error, "resource-and-not-resource", pointer, "a statement has Resource or NotResource, not both");
            ("Resource", false)
        }
        (Some(_), None) => ("Resource", false),
        (None, Some(_)) => ("NotResource", true),
        (None, None) => {
            linter.add(Severity::Error, "no-resource", pointer, "the statement has no Resource");
            return;
        }
    };
    let action_pointer = format!("{pointer}/{action_key}");
    let resource_pointer = format!("{pointer}/{resource_key}");
    let Some(actions) = strings_of(&fields[action_key], &action_pointer) else {
        linter.add(Severity::Error, "not-a-policy", action_pointer, format!("{action_key} must be a string or a list of strings"));
        return;
    };
    let Some(resources) = strings_of(&fields[resource_key], &resource_pointer) else {
        linter.add(Severity::Error, "not-a-policy", resource_pointer, format!("{resource_key} must be a string or a list of strings"));
        return;
    };
    if allow && not_action {
        linter.add(
            Severity::Warning,
            "allow-not-action",
            &action_pointer,
            "Allow with NotAction grants every action not listed, including those AWS adds later",
        );
    }
    if allow && not_resource {
        linter.add(Severity::Warning, "allow-not-resource", &resource_pointer, "Allow with NotResource grants every resource not listed");
    }

    // Actions: each known, each wildcard matching something.
    let mut expanded: Vec<ActionRef<'_>> = Vec::new();
    let mut expansion_complete = true;
    for (action_pointer, action) in &actions {
        let matched = check_action(action, action_pointer, allow && !not_action, linter);
        match matched {
            Some(found) if found.len() <= MAX_EXPANDED_ACTIONS => expanded.extend(found),
            Some(_) => expansion_complete = false,
            None => expansion_complete = false,
        }
    }
    // Resources: each `*` or a well-formed ARN.
    for (resource_pointer, resource) in &resources {
        if resource != "*" && !is_arn_pattern(resource) {
            linter.add(
                Severity::Error,
                "invalid-arn",
                resource_pointer,
                format!("{resource:?} is not an ARN (arn:partition:service:region:account:resource) nor \"*\""),
            );
        } else if resource != "*" {
            check_arn_parts(resource, resource_pointer, linter);
        }
    }
    if !not_action && !not_resource && !expanded.is_empty() {
        check_resource_fit(&expanded, expansion_complete, &actions, &resources, allow, linter);
    }
    if let Some(condition) = fields.get("Condition") {
        check_conditions(&format!("{pointer}/Condition"), condition, if not_action { None } else { Some(&expanded) }, expansion_complete, allow, linter);
    }
    redundant_entries(&actions, true, "redundant-action", linter);
    redundant_entries(&resources, false, "redundant-resource", linter);
}

/// Checks one action entry; returns the catalog actions it stands for (`None` when unknown).
fn check_action<'c>(action: &str, pointer: &str, is_allow: bool, linter: &mut Linter<'c>) -> Option<Vec<ActionRef<'c>>> {
    let catalog = linter.catalog;
    if action == "*" {
        if is_allow {
            linter.add(Severity::Warning, "star-action", pointer, "\"*\" allows every action of every service");
        }
        return Some(catalog.actions().collect());
    }
    let Some((service, name)) = action.split_once(':') else {
        linter.add(Severity::Error, "invalid-action", pointer, format!("{action:?} is not service:Action"));
        return None;
    };
    if !has_wildcard(service) && catalog.service(service).is_none() {
        linter.add(Severity::Error, "unknown-service", pointer, format!("no AWS service has the prefix {service:?} (IAM catalog {})", catalog.data_version()));
        return None;
    }
    if has_wildcard(action) {
        let matched = catalog.actions_matching(action);
        if matched.is_empty() {
            linter.add(Severity::Warning, "wildcard-matches-nothing", pointer, format!("{action:?} matches no action"));
        } else if is_allow && name == "*" {
            linter.add(
                Severity::Warning,
                "star-action",
                pointer,
                format!("{action:?} allows every {service} action ({}), including those AWS adds later", matched.len()),
            );
        }
        return Some(matched);
    }
    match catalog.action(action) {
        Some(found) => Some(vec![found]),
        None => {
            linter.add(Severity::Error, "unknown-action", pointer, format!("{service} has no action {name:?} (IAM catalog {})", catalog.data_version()));
            None
        }
    }
}

/// `arn:partition:service:region:account:resource`, wildcards allowed in every part.
fn is_arn_pattern(text: &str) -> bool {
    let parts: Vec<&str> = text.splitn(6, ':').collect();
    parts.len() == 6 && (parts[0] == "arn" || parts[0] == "*") && !parts[1].is_empty() && !parts[2].is_empty() && !parts[5].is_empty()
}

/// The patterns an action's resource types accept: each ARN format with `*` for its variables.
fn type_patterns(action: &ActionRef<'_>) -> Vec<(String, String)> {
    action
        .resource_type_definitions()
        .flat_map(|(_, definition)| {
            crate::generalise::arn_formats(definition).map(move |format| (definition.name.clone(), Template::parse(format).render(|_| "*".to_owned())))
        })
        .collect()
}

fn check_resource_fit(
    expanded: &[ActionRef<'_>],
    complete: bool,
    actions: &[(String, String)],
    resources: &[(String, String)],
    allow: bool,
    linter: &mut Linter<'_>,
) {
    let scoped: Vec<(&ActionRef<'_>, Vec<(String, String)>)> =
        expanded.iter().filter(|action| action.supports_resource_level()).map(|action| (action, type_patterns(action))).collect();
    let has_star = resources.iter().any(|(_, resource)| resource == "*");
    if allow && has_star && !scoped.is_empty() {
        let (pointer, _) = resources.iter().find(|(_, resource)| resource == "*").expect("has a star");
        let names: Vec<String> = scoped.iter().take(3).map(|(action, _)| action.full_name()).collect();
        let more = if scoped.len() > 3 { format!(" and {} more", scoped.len() - 3) } else { String::new() };
        linter.add(
            Severity::Warning,
            "star-resource",
            pointer,
            format!("\"*\" grants every resource to actions that can be scoped to ARNs ({}{more})", names.join(", ")),
        );
    }
    for (pointer, resource) in resources {
        if resource == "*" || !is_arn_pattern(resource) {
            continue;
        }
        if scoped.is_empty() {
            if complete {
                linter.add(
                    Severity::Warning,
                    "no-resource-level-support",
                    pointer,
                    "none of the statement's actions can be scoped to a resource: they only match \"*\", so this statement allows nothing",
                );
            }
            continue;
        }
        let fits = scoped.iter().any(|(_, patterns)| patterns.iter().any(|(_, pattern)| patterns_intersect(resource, pattern, false)));
        if !fits && complete {
            let types: Vec<String> = scoped
                .iter()
                .take(3)
                .map(|(action, patterns)| format!("{} ({})", action.full_name(), patterns.iter().map(|(name, _)| name.as_str()).collect::<Vec<_>>().join(", ")))
                .collect();
            linter.add(
                Severity::Warning,
                "resource-type-mismatch",
                pointer,
                format!("{resource:?} fits none of the resource types of the statement's actions: {}", types.join("; ")),
            );
        }
    }
    // A concrete action none of whose resource types any listed resource fits can never be allowed here.
    for (pointer, action) in actions {
        if has_wildcard(action) || has_star {
            continue;
        }
        let Some((found, patterns)) = scoped.iter().find(|(found, _)| found.full_name().eq_ignore_ascii_case(action)) else {
            continue;
        };
        let any_fit = resources.iter().any(|(_, resource)| patterns.iter().any(|(_, pattern)| patterns_intersect(resource, pattern, false)));
        if !any_fit {
            let names: Vec<&str> = patterns.iter().map(|(name, _)| name.as_str()).collect();
            linter.add(
                Severity::Warning,
                "action-matches-no-resource",
                pointer,
                format!("{} acts on {} resources; none of the statement's resources is one, so it is never allowed here", found.full_name(), names.join(", ")),
            );
        }
    }
}

/// Partition, Region and account of an ARN (wildcards and `${…}` variables are left alone):
/// a known partition, a Region's shape, a 12-digit account (or `aws` for AWS-managed policies).
fn check_arn_parts(resource: &str, pointer: &str, linter: &mut Linter<'_>) {
    let parts: Vec<&str> = resource.splitn(6, ':').collect();
    let [_, partition, service, region, account, _] = parts[..] else {
        return;
    };
    let open = |part: &str| part.contains(['*', '?']) || part.contains("${");
    if !open(partition) && !crate::catalog::PARTITIONS.contains(&partition) {
        linter.add(
            Severity::Error,
            "invalid-partition",
            pointer,
            format!("{partition:?} is not an AWS partition (aws, aws-cn, aws-us-gov, ...): this ARN matches nothing"),
        );
    }
    let region_shape = |region: &str| {
        let mut pieces = region.split('-');
        let first = pieces.next().unwrap_or("");
        let rest: Vec<&str> = pieces.collect();
        first.len() == 2
            && first.bytes().all(|byte| byte.is_ascii_lowercase())
            && rest.len() >= 2
            && rest.last().is_some_and(|last| !last.is_empty() && last.bytes().all(|byte| byte.is_ascii_digit()))
            && rest[..rest.len() - 1].iter().all(|piece| !piece.is_empty() && piece.bytes().all(|byte| byte.is_ascii_lowercase()))
    };
    if !region.is_empty() && !open(region) && !region_shape(region) {
        linter.add(Severity::Error, "invalid-region", pointer, format!("{region:?} is not a Region (us-east-1, eu-west-1, ...): this ARN matches nothing"));
    }
    let aws_owned = account == "aws" && matches!(service, "iam" | "ssm" | "ec2" | "lambda");
    let twelve_digits = account.len() == 12 && account.bytes().all(|byte| byte.is_ascii_digit());
    if !(account.is_empty() || open(account) || aws_owned || twelve_digits) {
        linter.add(Severity::Error, "invalid-account-id", pointer, format!("{account:?} is not an account ID (12 digits): this ARN matches nothing"));
    }
}

/// The operator without its set prefix and `IfExists` suffix: `ForAnyValue:StringLikeIfExists` →
/// `StringLike`.
fn base_operator(operator: &str) -> &str {
    let operator = operator.split_once(':').map_or(operator, |(_, rest)| rest);
    operator.strip_suffix("IfExists").unwrap_or(operator)
}

/// Each value of a condition against what its operator compares: numbers, dates, `true`/`false`,
/// addresses.
fn check_condition_values(operator: &str, key: &str, values: &Value, pointer: &str, linter: &mut Linter<'_>) {
    let texts: Vec<String> = match values {
        Value::Array(items) => items.iter().map(value_text).collect(),
        other => vec![value_text(other)],
    };
    let base = base_operator(operator);
    let (valid, expected): (fn(&str) -> bool, &str) = if base.starts_with("Numeric") {
        (|text| text.trim().parse::<f64>().is_ok_and(f64::is_finite), "a number")
    } else if base.starts_with("Date") {
        (|text| crate::timestamp::Timestamp::parse(text).is_some(), "a date (2026-12-31, 2026-12-31T23:59:59Z, or epoch seconds)")
    } else if base == "Bool" || base == "Null" {
        (|text| text.eq_ignore_ascii_case("true") || text.eq_ignore_ascii_case("false"), "true or false")
    } else if base == "IpAddress" || base == "NotIpAddress" {
        (
            |text| {
                let (address, bits) = text.split_once('/').map_or((text, None), |(address, bits)| (address, Some(bits)));
                let parsed = address.parse::<std::net::IpAddr>();
                parsed.is_ok_and(|ip| bits.is_none_or(|bits| bits.parse::<u8>().is_ok_and(|bits| bits <= if ip.is_ipv4() { 32 } else { 128 })))
            },
            "an IP address or CIDR range (10.0.0.0/8)",
        )
    } else {
        return;
    };
    for text in texts {
        if !valid(&text) {
            linter.add(
                Severity::Error,
                "invalid-condition-value",
                pointer,
                format!("{text:?} is not {expected}, as {operator} compares for {key:?}: the condition never holds"),
            );
        }
    }
}

fn value_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// A key against the keys AWS defines: the global `aws:` keys, and the service's own keys in the
/// catalog. A near miss is an error (a misspelt key never matches); another unknown key a warning.
fn check_condition_key(key: &str, pointer: &str, linter: &mut Linter<'_>) {
    use crate::catalog::global_keys::{closest, global_key, GLOBAL_CONDITION_KEYS};
    let Some((prefix, _)) = key.split_once(':') else {
        linter.add(Severity::Error, "unknown-condition-key", pointer, format!("{key:?} is not a condition key (service:Key)"));
        return;
    };
    if prefix.eq_ignore_ascii_case("aws") {
        if global_key(key).is_some() {
            return;
        }
        match closest(key, GLOBAL_CONDITION_KEYS.iter().map(|(name, _)| *name)) {
            Some(near) => linter.add(
                Severity::Error,
                "unknown-global-condition-key",
                pointer,
                format!("{key:?} is not a global condition key; did you mean {:?}? A misspelt key is never in the request", near.trim_end_matches('/')),
            ),
            None => {
                linter.add(Severity::Warning, "unknown-global-condition-key", pointer, format!("{key:?} is not a global condition key the workbench knows"))
            }
        }
        return;
    }
    let catalog = linter.catalog;
    let Some(service) = catalog.service(prefix) else {
        linter.add(Severity::Warning, "unknown-condition-key", pointer, format!("{key:?}: the IAM catalog has no service {prefix:?}"));
        return;
    };
    if service.condition_key_for(key).is_some() {
        return;
    }
    let near = closest(key, service.condition_keys.iter().map(|known| known.name.as_str()));
    let message = match near {
        Some(near) => format!("{key:?} is not a condition key of {prefix}; did you mean {near:?}?"),
        None => format!("{key:?} is not a condition key of {prefix}"),
    };
    linter.add(Severity::Error, "unknown-condition-key", pointer, message);
}

fn check_conditions(pointer: &str, condition: &Value, actions: Option<&Vec<ActionRef<'_>>>, complete: bool, allow: bool, linter: &mut Linter<'_>) {
    let Some(operators) = condition.as_object() else {
        linter.add(Severity::Error, "not-a-policy", pointer, "Condition must be an object of operators");
        return;
    };
    for (operator, keys) in operators {
        let operator_pointer = format!("{pointer}/{}", escape_token(operator));
        if !is_supported_operator(operator) {
            linter.add(Severity::Error, "unknown-condition-operator", &operator_pointer, format!("{operator:?} is not a condition operator"));
        }
        let Some(keys) = keys.as_object() else {
            linter.add(Severity::Error, "not-a-policy", &operator_pointer, "a condition operator maps keys to values");
            continue;
        };
        for (key, values) in keys {
            let key_pointer = format!("{operator_pointer}/{}", escape_token(key));
            check_condition_key(key, &key_pointer, linter);
            check_condition_values(operator, key, values, &key_pointer, linter);
            // The classic MFA pitfall: long-term keys carry no aws:MultiFactorAuthPresent, so a
            // Deny on `Bool … false` never applies to them.
            let mfa_false = key.eq_ignore_ascii_case("aws:MultiFactorAuthPresent")
                && match values {
                    Value::Array(items) => items.iter().any(|item| value_text(item).eq_ignore_ascii_case("false")),
                    other => value_text(other).eq_ignore_ascii_case("false"),
                };
            if !allow && operator == "Bool" && mfa_false {
                linter.add(
                    Severity::Warning,
                    "mfa-deny-without-ifexists",
                    &key_pointer,
                    "requests signed with long-term access keys carry no aws:MultiFactorAuthPresent, so this Deny never applies to them: use BoolIfExists",
                );
            }
            let Some(actions) = actions.filter(|actions| !actions.is_empty() && complete) else {
                continue;
            };
            let unsupported: Vec<String> = actions.iter().filter(|action| !action.supports_condition_key(key)).map(|action| action.full_name()).collect();
            if unsupported.len() == actions.len() {
                linter.add(
                    Severity::Error,
                    "unsupported-condition-key",
                    &key_pointer,
                    format!("none of the statement's actions supports the condition key {key:?}: the condition never holds for them"),
                );
            } else if !unsupported.is_empty() {
                let shown: Vec<&str> = unsupported.iter().take(5).map(String::as_str).collect();
                let more = if unsupported.len() > 5 { format!(" and {} more", unsupported.len() - 5) } else { String::new() };
                linter.add(
                    Severity::Warning,
                    "condition-key-not-supported",
                    &key_pointer,
                    format!("{key:?} is not supported by {}{more}: for them the condition never holds (unless ...IfExists)", shown.join(", ")),
                );
            }
        }
    }
}

/// Entries another entry of the same list already covers.
fn redundant_entries(entries: &[(String, String)], case_insensitive: bool, code: &'static str, linter: &mut Linter<'_>) {
    for (index, (pointer, entry)) in entries.iter().enumerate() {
        let covered_by = entries.iter().enumerate().find(|(other_index, (_, other))| {
            *other_index != index && {
                let same = if case_insensitive { other.eq_ignore_ascii_case(entry) } else { other == entry };
                if same {
                    *other_index < index
                } else {
                    pattern_covers(other, entry, case_insensitive)
                }
            }
        });
        if let Some((_, (_, other))) = covered_by {
            linter.add(Severity::Suggestion, code, pointer, format!("{entry:?} is already covered by {other:?}"));
        }
    }
}

fn redundant_statements(statements: &[(String, &Value)], linter: &mut Linter<'_>) {
    let parsed: Vec<Option<crate::policy::Statement>> = statements.iter().map(|(_, value)| serde_json::from_value((*value).clone()).ok()).collect();
    for (index, statement) in parsed.iter().enumerate() {
        let Some(statement) = statement else {
            continue;
        };
        let covering = parsed.iter().enumerate().find(|(other_index, other)| {
            let Some(other) = other else {
                return false;
            };
            *other_index != index
                && crate::synth::statement_covers(other, statement)
                && (!crate::synth::statement_covers(statement, other) || *other_index < index)
        });
        if let Some((other_index, _)) = covering {
            linter.add(
                Severity::Warning,
                "redundant-statement",
                &statements[index].0,
                format!("everything this statement grants is already granted by {}", statements[other_index].0),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<(String, String, Severity)> {
        lint(text, Catalog::embedded()).findings.into_iter().map(|finding| (finding.code, finding.pointer, finding.severity)).collect()
    }

    fn has(text: &str, code: &str, pointer: &str, severity: Severity) {
        let found = codes(text);
        assert!(found.iter().any(|(c, p, s)| c == code && p == pointer && *s == severity), "{code} at {pointer:?} not in {found:?}");
    }

    #[test]
    fn a_good_policy_has_no_findings() {
        let text = r#"{"Version":"2012-10-17","Statement":[
            {"Sid":"Read","Effect":"Allow","Action":["s3:GetObject"],"Resource":"arn:aws:s3:::b/*","Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}},
            {"Sid":"List","Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}]}"#;
        assert_eq!(lint(text, Catalog::embedded()).findings, vec![]);
    }

    #[test]
    fn rules_table() {
        let cases: &[(&str, &str, &str, Severity)] = &[
            (r#"{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}"#, "missing-version", "", Severity::Warning),
            (
                r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObjekt","Resource":"*"}]}"#,
                "unknown-action",
                "/Statement/0/Action",
                Severity::Error,
            ),
            (
                r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","nosuch:Thing"],"Resource":"*"}]}"#,
                "unknown-service",
                "/Statement/0/Action/1",
                Severity::Error,
            ),
            (
                r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Fly*","Resource":"*"}]}"#,
                "wildcard-matches-nothing",
                "/Statement/0/Action",
                Severity::Warning,
            ),
            (
                r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b"}]}"#,
                "resource-type-mismatch",
                "/Statement/0/Resource",
                Severity::Warning,
            ),
            (
                r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b"}]}"#,
                "action-matches-no-resource",
                "/Statement/0/Action",
                Severity::Warning,
            ),
            (
                r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"arn:aws:s3:::b"}]}"#,
                "no-resource-level-support",
                "/Statement/0/Resource",
                Severity::Warning,
            ),
            (
                r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"bucket/key"}]}"#,
                "invalid-arn",
                "/Statement/0/Resource",
                Severity::Error,
            ),
            (
                r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#,
                "star-action",
                "/Statement/0/Action",
                Severity::Warning,
            ),
            (
                r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#,
                "star-action",
                "/Statement/0/Action",
                Severity::Warning,
            ),
            (
                r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#,
                "star-resource",
                "/Statement/0/Resource",
                Severity::Warning,
            ),
            (
                r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringEquals":{"dynamodb:LeadingKeys":"x"}}}]}"#,
                "unsupported-condition-key",
                "/Statement/0/Condition/StringEquals/dynamodb:LeadingKeys",
                Severity::Error,
            ),
            (
                r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:ListBucket","s3:GetObject"],"Resource":"*","Condition":{"StringLike":{"s3:prefix":"x/*"}}}]}"#,
                "condition-key-not-supported",
                "/Statement/0/Condition/StringLike/s3:prefix",
                Severity::Warning,
            ),
            (
                r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"StringAlmost":{"aws:RequestedRegion":"x"}}}]}"#,
                "unknown-condition-operator",
                "/Statement/0/Condition/StringAlmost",
                Severity::Error,
            ),
            (
                r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get*","Resource":"arn:aws:s3:::b/*"},{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/k"}]}"#,
                "redundant-statement",
                "/Statement/1",
                Severity::Warning,
            ),
            (
                r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":["s3:GetObject","s3:Get*"],"Resource":"arn:aws:s3:::b/*"}}"#,
                "redundant-action",
                "/Statement/Action/0",
                Severity::Suggestion,
            ),
            (
                r#"{"Version":"2012-10-17","Statement":[{"Sid":"a-b","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}"#,
                "invalid-sid",
                "/Statement/0/Sid",
                Severity::Warning,
            ),
            (
                r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}"#,
                "principal-in-identity-policy",
                "/Statement/0/Principal",
                Severity::Error,
            ),
            (
                r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*""#,
                "invalid-json",
                "",
                Severity::Error,
            ),
        ];
        for (text, code, pointer, severity) in cases {
            has(text, code, pointer, *severity);
        }
    }

    #[test]
    fn values_keys_and_arns_are_checked_as_aws_reads_them() {
        let statement = |body: &str| format!(r#"{{"Version":"2012-10-17","Statement":[{body}]}}"#);
        let allow =
            |condition: &str| statement(&format!(r#"{{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*","Condition":{condition}}}"#));
        let key = "/Statement/0/Condition";
        has(
            &statement(r#"{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:us-east-1:12345:q"}"#),
            "invalid-account-id",
            "/Statement/0/Resource",
            Severity::Error,
        );
        has(
            &statement(r#"{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"arn:aws:sqs:us-east-one:111122223333:q"}"#),
            "invalid-region",
            "/Statement/0/Resource",
            Severity::Error,
        );
        has(
            &statement(r#"{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"arn:amazon:sqs:us-east-1:111122223333:q"}"#),
            "invalid-partition",
            "/Statement/0/Resource",
            Severity::Error,
        );
        has(&allow(r#"{"IpAddress":{"aws:SorceIp":"10.0.0.0/8"}}"#), "unknown-global-condition-key", &format!("{key}/IpAddress/aws:SorceIp"), Severity::Error);
        has(&allow(r#"{"StringEquals":{"s3:prefx":"a/"}}"#), "unknown-condition-key", &format!("{key}/StringEquals/s3:prefx"), Severity::Error);
        has(&allow(r#"{"Null":{"aws:SourceIp":"yes"}}"#), "invalid-condition-value", &format!("{key}/Null/aws:SourceIp"), Severity::Error);
        has(&allow(r#"{"Bool":{"aws:SecureTransport":"yes"}}"#), "invalid-condition-value", &format!("{key}/Bool/aws:SecureTransport"), Severity::Error);
        has(
            &allow(r#"{"DateGreaterThan":{"aws:CurrentTime":"yesterday"}}"#),
            "invalid-condition-value",
            &format!("{key}/DateGreaterThan/aws:CurrentTime"),
            Severity::Error,
        );
        has(
            &allow(r#"{"NumericLessThan":{"aws:MultiFactorAuthAge":"an hour"}}"#),
            "invalid-condition-value",
            &format!("{key}/NumericLessThan/aws:MultiFactorAuthAge"),
            Severity::Error,
        );
        has(&allow(r#"{"IpAddress":{"aws:SourceIp":["10.0.0.0/33"]}}"#), "invalid-condition-value", &format!("{key}/IpAddress/aws:SourceIp"), Severity::Error);
        has(
            &statement(r#"{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"false"}}}"#),
            "mfa-deny-without-ifexists",
            &format!("{key}/Bool/aws:MultiFactorAuthPresent"),
            Severity::Warning,
        );
        // What is right passes: BoolIfExists, true/false in any case and as JSON booleans, dates,
        // CIDRs of both families, tag templates, AWS-managed policy ARNs, S3's empty Region.
        for good in [
            r#"{"BoolIfExists":{"aws:MultiFactorAuthPresent":"false"}}"#,
            r#"{"Bool":{"aws:SecureTransport":true},"Null":{"aws:SourceIp":"False"}}"#,
            r#"{"DateLessThan":{"aws:CurrentTime":"2026-12-31T23:59:59Z"},"DateGreaterThan":{"aws:EpochTime":"1767225600"}}"#,
            r#"{"IpAddress":{"aws:SourceIp":["10.0.0.0/8","2001:db8::/32","192.0.2.1"]}}"#,
            r#"{"StringEquals":{"aws:PrincipalTag/team":"a","s3:ExistingObjectTag/level":"b"},"StringLike":{"s3:prefix":"a/*"}}"#,
        ] {
            let found: Vec<_> = codes(&allow(good))
                .into_iter()
                .filter(|(code, _, severity)| *severity != Severity::Suggestion && !code.contains("condition-key-not-supported"))
                .collect();
            assert!(
                found.iter().all(|(code, _, _)| ![
                    "invalid-condition-value",
                    "unknown-global-condition-key",
                    "unknown-condition-key",
                    "mfa-deny-without-ifexists"
                ]
                .contains(&code.as_str())),
                "{good}: {found:?}"
            );
        }
        let managed = statement(r#"{"Effect":"Allow","Action":"iam:GetPolicy","Resource":"arn:aws:iam::aws:policy/ReadOnlyAccess"}"#);
        assert!(codes(&managed).iter().all(|(code, _, _)| code != "invalid-account-id"), "{:?}", codes(&managed));
    }

    #[test]
    fn locations_point_into_the_text() {
        let text = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": [\"s3:GetObject\", \"s3:Nope\"],\n      \"Resource\": \"*\"\n    }\n  ]\n}\n";
        let report = lint(text, Catalog::embedded());
        let unknown = report.findings.iter().find(|finding| finding.code == "unknown-action").unwrap();
        assert_eq!((unknown.pointer.as_str(), unknown.line, unknown.column), ("/Statement/0/Action/1", Some(6), Some(34)));
        assert_eq!(report.errors, 1);
    }

    #[test]
    fn a_policy_exported_split_is_judged_per_document() {
        let resources: Vec<String> = (0..200).map(|index| format!("\"arn:aws:s3:::bucket/some/long/prefix/object-{index:05}.json\"")).collect();
        let text = format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Sid":"Read","Effect":"Allow","Action":"s3:GetObject","Resource":[{}]}}]}}"#,
            resources.join(",")
        );
        let report = lint_split(&text, Catalog::embedded());
        assert_eq!((report.errors, report.warnings), (0, 0), "{:?}", report.findings);
        assert!(report.findings.iter().any(|finding| finding.code == "size-split" && finding.severity == Severity::Suggestion));
        assert!(lint(&text, Catalog::embedded()).findings.iter().any(|finding| finding.code == "size-over-limit"));
    }

    #[test]
    fn size_over_the_limit_is_an_error() {
        let resources: Vec<String> = (0..200).map(|index| format!("arn:aws:s3:::bucket/some/prefix/{index:05}")).collect();
        let policy = Policy::new(vec![crate::policy::Statement::allow("Big", vec!["s3:GetObject".into()], resources)]);
        let report = lint_policy(&policy, Catalog::embedded());
        assert!(report.findings.iter().any(|finding| finding.code == "size-over-limit" && finding.severity == Severity::Error), "{:?}", report.findings);
        assert!(report.has_errors());
    }
}
