//! The policy simulator: evaluates identity policies against requests the way IAM does within one
//! account (an explicit deny wins, then an allow, else the implicit deny), and against every call
//! a principal was observed making. Conditions are evaluated with three-valued logic: when the
//! activity does not tell a condition key's value (an unknown key, a key whose value varied
//! across the calls folded into one observation), the statement's result is "not evaluable" and
//! the simulation says so instead of guessing.
//!
//! Resource-based policies, permission boundaries, SCPs and session policies are out of scope:
//! the workbench writes identity policies, and this proves what those allow.

use crate::activity::{ObservedCall, Outcome, PrincipalActivity};
use crate::pattern::{action_matches, resource_matches, wildcard_match};
use crate::policy::{Effect, Policy, Statement, StringList};
use crate::principal::{Arn, PrincipalKind};
use crate::timestamp::Timestamp;
use crate::window::DayWindow;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::net::IpAddr;

/// True, false, or not decidable from what is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tri {
    True,
    False,
    Unknown,
}

impl Tri {
    fn from_bool(value: bool) -> Tri {
        if value {
            Tri::True
        } else {
            Tri::False
        }
    }

    fn and(self, other: Tri) -> Tri {
        match (self, other) {
            (Tri::False, _) | (_, Tri::False) => Tri::False,
            (Tri::True, Tri::True) => Tri::True,
            _ => Tri::Unknown,
        }
    }
}

/// The request context: condition keys (compared case-insensitively, stored lowercased) and what
/// is known of their values. A key can have several *alternatives* when one observation folds
/// calls whose values differed (the source address, the time within a day): a condition is true
/// only when it holds for every alternative. A key absent from the context is unknown; a key known
/// to be absent from the request has the alternative `None`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Context {
    keys: BTreeMap<String, Vec<Option<Vec<String>>>>,
}

impl Context {
    pub fn new() -> Context {
        Context::default()
    }

    /// A single-valued key with a known value.
    pub fn set(&mut self, key: &str, value: impl Into<String>) {
        self.keys.insert(key.to_ascii_lowercase(), vec![Some(vec![value.into()])]);
    }

    /// A multi-valued key (`aws:TagKeys`) with known values.
    pub fn set_values(&mut self, key: &str, values: Vec<String>) {
        self.keys.insert(key.to_ascii_lowercase(), vec![Some(values)]);
    }

    /// A single-valued key that took one of these values (each call had one of them).
    pub fn set_alternatives(&mut self, key: &str, alternatives: Vec<Option<String>>) {
        let mut alternatives: Vec<Option<Vec<String>>> = alternatives.into_iter().map(|value| value.map(|value| vec![value])).collect();
        alternatives.sort();
        alternatives.dedup();
        self.keys.insert(key.to_ascii_lowercase(), alternatives);
    }

    /// A key known not to be in the request.
    pub fn set_absent(&mut self, key: &str) {
        self.keys.insert(key.to_ascii_lowercase(), vec![None]);
    }

    fn get(&self, key: &str) -> Option<&[Option<Vec<String>>]> {
        self.keys.get(&key.to_ascii_lowercase()).map(Vec::as_slice)
    }

    /// The value of a single-valued key when it is known and the same in every alternative.
    fn single(&self, key: &str) -> Option<&str> {
        match self.get(key)? {
            [Some(values)] if values.len() == 1 => Some(values[0].as_str()),
            _ => None,
        }
    }
}

/// One request: an action on a resource, in a context.
#[derive(Clone, Copy, Debug)]
pub struct Request<'a> {
    /// `service:Action`.
    pub action: &'a str,
    /// The resource ARN; `None` when the call was logged without one (only a `Resource: "*"`
    /// grant is then sure to match).
    pub resource: Option<&'a str>,
    pub context: &'a Context,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvaluationOptions {
    /// Treat `${...}` placeholders and policy variables whose value is unknown as `*` (Access
    /// Analyzer writes `arn:aws:s3:::${BucketName}`); otherwise they make a statement not
    /// evaluable.
    pub placeholders_as_wildcards: bool,
}

/// How a request ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Decision {
    Allowed,
    /// A `Deny` statement matched.
    ExplicitDeny,
    /// No statement allowed it.
    ImplicitDeny,
    /// The result depends on values the activity does not tell (see the reasons).
    NotEvaluable,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Allowed => "allowed",
            Decision::ExplicitDeny => "explicit-deny",
            Decision::ImplicitDeny => "implicit-deny",
            Decision::NotEvaluable => "not-evaluable",
        }
    }
}

/// A statement, by its place: the policy (document) index and the statement index in it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct StatementRef {
    pub policy: usize,
    pub index: usize,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub sid: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evaluation {
    pub decision: Decision,
    /// The statement that decided: the deny for `explicit-deny`, the allow for `allowed`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub statement: Option<StatementRef>,
    /// Why statements could not be evaluated (sorted, without duplicates).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub not_evaluable: Vec<String>,
}

/// Evaluates a request against a set of identity policies attached to the same principal.
pub fn evaluate(policies: &[Policy], request: &Request<'_>, options: &EvaluationOptions) -> Evaluation {
    let mut first_allow: Option<StatementRef> = None;
    let mut first_deny: Option<StatementRef> = None;
    let mut unknown_allow = false;
    let mut unknown_deny = false;
    let mut reasons = BTreeSet::new();
    for (policy_index, policy) in policies.iter().enumerate() {
        for (statement_index, statement) in policy.statements.iter().enumerate() {
            let reference = || StatementRef { policy: policy_index, index: statement_index, sid: statement.sid.clone() };
            let mut statement_reasons = Vec::new();
            let result = statement_applies(statement, request, options, &mut statement_reasons);
            match (statement.effect, result) {
                (_, Tri::False) => continue,
                (Effect::Deny, Tri::True) => {
                    first_deny.get_or_insert_with(reference);
                }
                (Effect::Allow, Tri::True) => {
                    first_allow.get_or_insert_with(reference);
                }
                (Effect::Deny, Tri::Unknown) => unknown_deny = true,
                (Effect::Allow, Tri::Unknown) => unknown_allow = true,
            }
            if result == Tri::Unknown {
                let label = statement.sid.clone().unwrap_or_else(|| format!("#{statement_index}"));
                let label = if policies.len() > 1 { format!("policy {policy_index} statement {label}") } else { format!("statement {label}") };
                for reason in statement_reasons {
                    reasons.insert(format!("{label}: {reason}"));
                }
            }
        }
    }
    let (decision, statement) = if let Some(deny) = first_deny {
        (Decision::ExplicitDeny, Some(deny))
    } else if unknown_deny && first_allow.is_some() {
        (Decision::NotEvaluable, first_allow)
    } else if let Some(allow) = first_allow {
        (Decision::Allowed, Some(allow))
    } else if unknown_allow {
        (Decision::NotEvaluable, None)
    } else {
        (Decision::ImplicitDeny, None)
    };
    let not_evaluable = if matches!(decision, Decision::NotEvaluable) { reasons.into_iter().collect() } else { Vec::new() };
    Evaluation { decision, statement, not_evaluable }
}

/// Whether one statement applies to a request (its effect aside): `Some(true)`, `Some(false)`, or
/// `None` when that cannot be told from what is known.
pub fn statement_applies_to(statement: &Statement, request: &Request<'_>, options: &EvaluationOptions) -> Option<bool> {
    match statement_applies(statement, request, options, &mut Vec::new()) {
        Tri::True => Some(true),
        Tri::False => Some(false),
        Tri::Unknown => None,
    }
}

fn statement_applies(statement: &Statement, request: &Request<'_>, options: &EvaluationOptions, reasons: &mut Vec<String>) -> Tri {
    let action = match (&statement.action, &statement.not_action) {
        (Some(actions), _) => actions.iter().any(|pattern| action_matches(pattern, request.action)),
        (None, Some(not_actions)) => !not_actions.iter().any(|pattern| action_matches(pattern, request.action)),
        (None, None) => false,
    };
    if !action {
        return Tri::False;
    }
    let resource = match (&statement.resource, &statement.not_resource) {
        (Some(resources), _) => any_resource_matches(resources, request, options, reasons),
        (None, Some(not_resources)) => match any_resource_matches(not_resources, request, options, reasons) {
            Tri::True => Tri::False,
            Tri::False => Tri::True,
            Tri::Unknown => Tri::Unknown,
        },
        (None, None) => Tri::False,
    };
    if resource == Tri::False {
        return Tri::False;
    }
    let conditions = match &statement.condition {
        Some(conditions) => evaluate_conditions(conditions, request.context, reasons),
        None => Tri::True,
    };
    resource.and(conditions)
}

fn any_resource_matches(patterns: &StringList, request: &Request<'_>, options: &EvaluationOptions, reasons: &mut Vec<String>) -> Tri {
    let mut result = Tri::False;
    for pattern in patterns.iter() {
        let Some(pattern) = substitute_variables(pattern, request.context, options) else {
            reasons.push(format!("the resource {pattern:?} holds a policy variable whose value is not known"));
            result = Tri::Unknown;
            continue;
        };
        match request.resource {
            Some(resource) => {
                if resource_matches(&pattern, resource) {
                    return Tri::True;
                }
            }
            None if pattern.chars().all(|c| c == '*') => return Tri::True,
            None => {
                reasons.push("the call was logged without its resource".to_owned());
                result = Tri::Unknown;
            }
        }
    }
    result
}

/// Replaces `${key}` policy variables with the context's value; `None` when one is unknown (unless
/// placeholders count as wildcards). `${*}`, `${?}` and `${$}` are the escapes for the literal
/// characters; the matcher cannot express a literal `*`, so those stay wildcards.
fn substitute_variables(pattern: &str, context: &Context, options: &EvaluationOptions) -> Option<String> {
    if !pattern.contains("${") {
        return Some(pattern.to_owned());
    }
    let mut out = String::with_capacity(pattern.len());
    let mut rest = pattern;
    while let Some(start) = rest.find("${") {
        out.push_str(&rest[..start]);
        let Some(length) = rest[start..].find('}') else {
            out.push_str(&rest[start..]);
            rest = "";
            break;
        };
        let inner = &rest[start + 2..start + length];
        rest = &rest[start + length + 1..];
        let (name, default) = match inner.split_once(',') {
            Some((name, default)) => (name.trim(), Some(default.trim().trim_matches('\'').to_owned())),
            None => (inner.trim(), None),
        };
        match name {
            "*" | "?" | "$" => out.push_str(name),
            _ => match context.single(name).map(str::to_owned).or(default) {
                Some(value) => out.push_str(&value),
                None if options.placeholders_as_wildcards => out.push('*'),
                None => return None,
            },
        }
    }
    out.push_str(rest);
    Some(out)
}

/// A parsed condition operator: `ForAnyValue:StringLikeIfExists` → set qualifier, base, if-exists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Operator {
    set: SetQualifier,
    base: BaseOperator,
    if_exists: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum SetQualifier {
    Single,
    ForAnyValue,
    ForAllValues,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum BaseOperator {
    StringEquals,
    StringNotEquals,
    StringEqualsIgnoreCase,
    StringNotEqualsIgnoreCase,
    StringLike,
    StringNotLike,
    NumericEquals,
    NumericNotEquals,
    NumericLessThan,
    NumericLessThanEquals,
    NumericGreaterThan,
    NumericGreaterThanEquals,
    DateEquals,
    DateNotEquals,
    DateLessThan,
    DateLessThanEquals,
    DateGreaterThan,
    DateGreaterThanEquals,
    Bool,
    BinaryEquals,
    IpAddress,
    NotIpAddress,
    ArnEquals,
    ArnLike,
    ArnNotEquals,
    ArnNotLike,
    Null,
}

impl BaseOperator {
    fn parse(name: &str) -> Option<BaseOperator> {
        use BaseOperator::*;
        Some(match name {
            "StringEquals" => StringEquals,
            "StringNotEquals" => StringNotEquals,
            "StringEqualsIgnoreCase" => StringEqualsIgnoreCase,
            "StringNotEqualsIgnoreCase" => StringNotEqualsIgnoreCase,
            "StringLike" => StringLike,
            "StringNotLike" => StringNotLike,
            "NumericEquals" => NumericEquals,
            "NumericNotEquals" => NumericNotEquals,
            "NumericLessThan" => NumericLessThan,
            "NumericLessThanEquals" => NumericLessThanEquals,
            "NumericGreaterThan" => NumericGreaterThan,
            "NumericGreaterThanEquals" => NumericGreaterThanEquals,
            "DateEquals" => DateEquals,
            "DateNotEquals" => DateNotEquals,
            "DateLessThan" => DateLessThan,
            "DateLessThanEquals" => DateLessThanEquals,
            "DateGreaterThan" => DateGreaterThan,
            "DateGreaterThanEquals" => DateGreaterThanEquals,
            "Bool" => Bool,
            "BinaryEquals" => BinaryEquals,
            "IpAddress" => IpAddress,
            "NotIpAddress" => NotIpAddress,
            "ArnEquals" => ArnEquals,
            "ArnLike" => ArnLike,
            "ArnNotEquals" => ArnNotEquals,
            "ArnNotLike" => ArnNotLike,
            "Null" => Null,
            _ => return None,
        })
    }

    /// Negated operators hold when the value matches none of the policy's values, and hold when
    /// the key is absent.
    fn is_negated(self) -> bool {
        use BaseOperator::*;
        matches!(
            self,
            StringNotEquals | StringNotEqualsIgnoreCase | StringNotLike | NumericNotEquals | DateNotEquals | NotIpAddress | ArnNotEquals | ArnNotLike
        )
    }

    /// The positive operator a negated one negates.
    fn positive(self) -> BaseOperator {
        use BaseOperator::*;
        match self {
            StringNotEquals => StringEquals,
            StringNotEqualsIgnoreCase => StringEqualsIgnoreCase,
            StringNotLike => StringLike,
            NumericNotEquals => NumericEquals,
            DateNotEquals => DateEquals,
            NotIpAddress => IpAddress,
            ArnNotEquals => ArnEquals,
            ArnNotLike => ArnLike,
            other => other,
        }
    }
}

impl Operator {
    fn parse(text: &str) -> Option<Operator> {
        let (set, rest) = if let Some(rest) = text.strip_prefix("ForAnyValue:") {
            (SetQualifier::ForAnyValue, rest)
        } else if let Some(rest) = text.strip_prefix("ForAllValues:") {
            (SetQualifier::ForAllValues, rest)
        } else {
            (SetQualifier::Single, text)
        };
        let (rest, if_exists) = match rest.strip_suffix("IfExists") {
            Some(base) if base != "Null" => (base, true),
            _ => (rest, false),
        };
        Some(Operator { set, base: BaseOperator::parse(rest)?, if_exists })
    }
}

/// Whether an operator name is one the simulator evaluates.
pub fn is_supported_operator(text: &str) -> bool {
    Operator::parse(text).is_some()
}

fn evaluate_conditions(conditions: &crate::policy::Conditions, context: &Context, reasons: &mut Vec<String>) -> Tri {
    let mut result = Tri::True;
    for (operator_text, keys) in conditions {
        let Some(operator) = Operator::parse(operator_text) else {
            reasons.push(format!("the condition operator {operator_text} is not supported"));
            result = result.and(Tri::Unknown);
            continue;
        };
        for (key, expected) in keys {
            let Some(alternatives) = context.get(key) else {
                reasons.push(format!("the condition key {key} is not known from the activity"));
                result = result.and(Tri::Unknown);
                continue;
            };
            let mut seen_true = false;
            let mut seen_false = false;
            for alternative in alternatives {
                match evaluate_one(operator, alternative.as_deref(), expected, context) {
                    Tri::True => seen_true = true,
                    Tri::False => seen_false = true,
                    Tri::Unknown => {
                        seen_true = true;
                        seen_false = true;
                    }
                }
            }
            let key_result = match (seen_true, seen_false) {
                (true, false) => Tri::True,
                (false, true) => Tri::False,
                _ => {
                    reasons.push(format!("{operator_text} on {key} holds for some of the observed calls and not for others"));
                    Tri::Unknown
                }
            };
            result = result.and(key_result);
            if result == Tri::False {
                return Tri::False;
            }
        }
    }
    result
}

/// One operator on one key, with the request's values (`None`: the key is absent).
fn evaluate_one(operator: Operator, values: Option<&[String]>, expected: &StringList, context: &Context) -> Tri {
    if operator.base == BaseOperator::Null {
        // `Null: true` holds when the key is absent.
        let absent = values.is_none_or(<[String]>::is_empty);
        let wanted: Vec<bool> = expected.iter().filter_map(parse_bool).collect();
        return Tri::from_bool(wanted.contains(&absent));
    }
    let values = match values {
        Some(values) if !values.is_empty() => values,
        _ => {
            return Tri::from_bool(match operator.set {
                SetQualifier::ForAllValues => true,
                SetQualifier::ForAnyValue => false,
                SetQualifier::Single => operator.if_exists || operator.base.is_negated(),
            });
        }
    };
    let negated = operator.base.is_negated();
    let positive = operator.base.positive();
    // Whether one request value matches any of the policy's values with the positive operator.
    let matches_any = |value: &str| -> bool { expected.iter().any(|wanted| compare(positive, value, &expand_value(wanted, context))) };
    let holds = |value: &str| -> bool { matches_any(value) != negated };
    Tri::from_bool(match operator.set {
        SetQualifier::ForAllValues => values.iter().all(|value| holds(value)),
        SetQualifier::ForAnyValue => values.iter().any(|value| holds(value)),
        // A single-valued operator on a multi-valued key: positive operators need one value to
        // match, negated ones need every value to match none.
        SetQualifier::Single if negated => values.iter().all(|value| holds(value)),
        SetQualifier::Single => values.iter().any(|value| holds(value)),
    })
}

/// Policy variables inside condition values (`${aws:username}`) take the context's value when
/// known; otherwise the text is compared as written.
fn expand_value(wanted: &str, context: &Context) -> String {
    substitute_variables(wanted, context, &EvaluationOptions { placeholders_as_wildcards: false }).unwrap_or_else(|| wanted.to_owned())
}

fn compare(operator: BaseOperator, value: &str, wanted: &str) -> bool {
    use BaseOperator::*;
    match operator {
        StringEquals => value == wanted,
        StringEqualsIgnoreCase => value.eq_ignore_ascii_case(wanted),
        StringLike => wildcard_match(wanted, value, false),
        NumericEquals | NumericLessThan | NumericLessThanEquals | NumericGreaterThan | NumericGreaterThanEquals => {
            match (value.trim().parse::<f64>(), wanted.trim().parse::<f64>()) {
                (Ok(value), Ok(wanted)) => match operator {
                    NumericEquals => value == wanted,
                    NumericLessThan => value < wanted,
                    NumericLessThanEquals => value <= wanted,
                    NumericGreaterThan => value > wanted,
                    _ => value >= wanted,
                },
                _ => false,
            }
        }
        DateEquals | DateLessThan | DateLessThanEquals | DateGreaterThan | DateGreaterThanEquals => match (Timestamp::parse(value), Timestamp::parse(wanted)) {
            (Some(value), Some(wanted)) => match operator {
                DateEquals => value == wanted,
                DateLessThan => value < wanted,
                DateLessThanEquals => value <= wanted,
                DateGreaterThan => value > wanted,
                _ => value >= wanted,
            },
            _ => false,
        },
        Bool => matches!((parse_bool(value), parse_bool(wanted)), (Some(left), Some(right)) if left == right),
        BinaryEquals => value == wanted,
        IpAddress => ip_in_cidr(value, wanted),
        // IAM compares ARNs with wildcards for both operators, part by part; a whole-string
        // wildcard match is the same for well-formed ARNs.
        ArnEquals | ArnLike => wildcard_match(wanted, value, false),
        _ => false,
    }
}

fn parse_bool(text: &str) -> Option<bool> {
    if text.eq_ignore_ascii_case("true") {
        Some(true)
    } else if text.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

/// Whether an address lies in a CIDR block (`203.0.113.0/24`, `2001:db8::/32`) or equals a bare
/// address.
pub fn ip_in_cidr(address: &str, cidr: &str) -> bool {
    let Ok(address) = address.trim().parse::<IpAddr>() else {
        return false;
    };
    let (network, prefix) = match cidr.trim().split_once('/') {
        Some((network, prefix)) => (network, prefix.parse::<u32>().ok()),
        None => (cidr.trim(), None),
    };
    let Ok(network) = network.parse::<IpAddr>() else {
        return false;
    };
    match (address, network) {
        (IpAddr::V4(address), IpAddr::V4(network)) => {
            let prefix = prefix.unwrap_or(32);
            if prefix > 32 {
                return false;
            }
            let mask = if prefix == 0 { 0 } else { u32::MAX << (32 - prefix) };
            u32::from(address) & mask == u32::from(network) & mask
        }
        (IpAddr::V6(address), IpAddr::V6(network)) => {
            let prefix = prefix.unwrap_or(128);
            if prefix > 128 {
                return false;
            }
            let mask = if prefix == 0 { 0 } else { u128::MAX << (128 - prefix) };
            u128::from(address) & mask == u128::from(network) & mask
        }
        _ => false,
    }
}

/// The request context of an observed call, from what the activity records.
pub fn call_context(principal: &PrincipalActivity, call: &ObservedCall, at_time: Option<Timestamp>) -> Context {
    let mut context = Context::new();
    context.set("aws:PrincipalArn", principal.arn.clone());
    if let Some(arn) = Arn::parse(&principal.arn) {
        context.set("aws:PrincipalAccount", arn.account);
    }
    match principal.kind {
        PrincipalKind::Role => context.set("aws:PrincipalType", "AssumedRole"),
        PrincipalKind::User => {
            context.set("aws:PrincipalType", "User");
            if let Some(name) = crate::principal::name_of(&principal.arn) {
                context.set("aws:username", name);
            }
        }
        PrincipalKind::Root => context.set("aws:PrincipalType", "Account"),
        PrincipalKind::Account => {}
    }
    if !call.region.is_empty() {
        context.set("aws:RequestedRegion", call.region.clone());
    }
    let instants: Vec<Timestamp> = match at_time {
        Some(instant) => vec![instant],
        None => vec![call.first_seen, call.last_seen],
    };
    context.set_alternatives("aws:CurrentTime", instants.iter().map(|instant| Some(instant.to_rfc3339())).collect());
    context.set_alternatives("aws:EpochTime", instants.iter().map(|instant| Some(instant.0.to_string())).collect());
    context.set("aws:ViaAWSService", if call.via_service.is_some() { "true" } else { "false" });
    if call.via_service.is_some() {
        // A service calling with the principal's credentials sends its own address.
        context.set_absent("aws:SourceIp");
    } else if !principal.source_ips.is_empty() {
        context.set_alternatives("aws:SourceIp", principal.source_ips.iter().map(|ip| Some(ip.address.clone())).collect());
    }
    let mfa = principal.mfa;
    let mut mfa_alternatives = Vec::new();
    if mfa.with_mfa > 0 {
        mfa_alternatives.push(Some("true".to_owned()));
    }
    if mfa.without_mfa > 0 {
        mfa_alternatives.push(Some("false".to_owned()));
    }
    if mfa.key_absent > 0 {
        mfa_alternatives.push(None);
    }
    if !mfa_alternatives.is_empty() {
        context.set_alternatives("aws:MultiFactorAuthPresent", mfa_alternatives);
    }
    context
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimulationOptions {
    pub window: DayWindow,
    pub evaluation: EvaluationOptions,
    /// Evaluate every call as if made at this instant (to check a policy valid from "now" with an
    /// `aws:CurrentTime` window); by default each call is evaluated at its observed times.
    pub at_time: Option<Timestamp>,
}

/// One observed call and what the policies decide for it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimulatedCall {
    pub action: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub resource: Option<String>,
    pub region: String,
    pub day: String,
    pub outcome: Outcome,
    pub count: u64,
    pub first_seen: Timestamp,
    pub last_seen: Timestamp,
    #[serde(flatten)]
    pub evaluation: Evaluation,
}

/// Share of the observed successful calls that the policies allow (weighted by call counts).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Coverage {
    pub successful_calls: u64,
    pub allowed_calls: u64,
    pub denied_calls: u64,
    pub not_evaluable_calls: u64,
    /// `allowed_calls / successful_calls`; 1 when there were none.
    pub ratio: f64,
}

impl Coverage {
    pub fn is_complete(&self) -> bool {
        self.allowed_calls == self.successful_calls
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Simulation {
    pub calls: Vec<SimulatedCall>,
    pub coverage: Coverage,
}

/// The resource pattern that grants a call: among the Allow statements whose `Action` names the
/// action, the most specific `Resource` pattern matching the resource (the longest; the first in
/// order among equals). A call without a resource is granted by `*` only. `None` when no Allow
/// statement grants it by its action and resource (conditions are the simulator's business). The
/// page folds each action's observed resources under the pattern that grants them.
pub fn granting_pattern<'p>(policies: &'p [Policy], action: &str, resource: Option<&str>) -> Option<&'p str> {
    let mut best: Option<&str> = None;
    for statement in policies.iter().flat_map(|policy| policy.statements.iter()) {
        if statement.effect != Effect::Allow || !statement.action.iter().flat_map(|list| list.iter()).any(|pattern| action_matches(pattern, action)) {
            continue;
        }
        for pattern in statement.resource.iter().flat_map(|list| list.iter()) {
            let matches = match resource {
                Some(resource) => resource_matches(&crate::pattern::placeholders_as_wildcards(pattern), resource),
                None => pattern == "*",
            };
            if matches && best.is_none_or(|best| pattern.len() > best.len()) {
                best = Some(pattern);
            }
        }
    }
    best
}

/// Evaluates every observed call of a principal (inside the window) against the policies.
pub fn simulate(policies: &[Policy], principal: &PrincipalActivity, options: &SimulationOptions) -> Simulation {
    let mut simulation = Simulation::default();
    for call in options.window.calls(principal) {
        let context = call_context(principal, call, options.at_time);
        let request = Request { action: &call.action, resource: call.resource.as_deref(), context: &context };
        let evaluation = evaluate(policies, &request, &options.evaluation);
        if call.outcome == Outcome::Success {
            let coverage = &mut simulation.coverage;
            coverage.successful_calls += call.count;
            match evaluation.decision {
                Decision::Allowed => coverage.allowed_calls += call.count,
                Decision::ExplicitDeny | Decision::ImplicitDeny => coverage.denied_calls += call.count,
                Decision::NotEvaluable => coverage.not_evaluable_calls += call.count,
            }
        }
        simulation.calls.push(SimulatedCall {
            action: call.action.clone(),
            resource: call.resource.clone(),
            region: call.region.clone(),
            day: call.day.to_iso_date(),
            outcome: call.outcome,
            count: call.count,
            first_seen: call.first_seen,
            last_seen: call.last_seen,
            evaluation,
        });
    }
    let coverage = &mut simulation.coverage;
    coverage.ratio = if coverage.successful_calls == 0 { 1.0 } else { coverage.allowed_calls as f64 / coverage.successful_calls as f64 };
    simulation
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_most_specific_pattern_grants_a_call() {
        let policy: super::Policy = serde_json::from_str(
            r#"{"Version":"2012-10-17","Statement":[
                {"Effect":"Allow","Action":"s3:GetObject","Resource":["arn:aws:s3:::b/*","arn:aws:s3:::b/exports/*"]},
                {"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"},
                {"Effect":"Deny","Action":"s3:*","Resource":"arn:aws:s3:::b/exports/x"}]}"#,
        )
        .unwrap();
        let policies = [policy];
        assert_eq!(super::granting_pattern(&policies, "s3:GetObject", Some("arn:aws:s3:::b/exports/x")), Some("arn:aws:s3:::b/exports/*"));
        assert_eq!(super::granting_pattern(&policies, "s3:GetObject", Some("arn:aws:s3:::b/y")), Some("arn:aws:s3:::b/*"));
        assert_eq!(super::granting_pattern(&policies, "s3:GetObject", Some("arn:aws:s3:::c/y")), None);
        assert_eq!(super::granting_pattern(&policies, "s3:ListAllMyBuckets", None), Some("*"));
        assert_eq!(super::granting_pattern(&policies, "s3:PutObject", Some("arn:aws:s3:::b/y")), None);
    }

    use super::*;

    fn policy(json: &str) -> Policy {
        serde_json::from_str(json).unwrap()
    }

    fn decide(policy_json: &str, action: &str, resource: Option<&str>, context: &Context) -> Decision {
        evaluate(&[policy(policy_json)], &Request { action, resource, context }, &EvaluationOptions::default()).decision
    }

    #[test]
    fn allow_deny_and_implicit_deny() {
        let json = r#"{"Version":"2012-10-17","Statement":[
            {"Sid":"Read","Effect":"Allow","Action":"s3:Get*","Resource":"arn:aws:s3:::b/*"},
            {"Sid":"NoSecrets","Effect":"Deny","Action":"s3:*","Resource":"arn:aws:s3:::b/secret/*"}]}"#;
        let context = Context::new();
        let cases = [
            ("s3:GetObject", "arn:aws:s3:::b/x", Decision::Allowed),
            ("S3:getobject", "arn:aws:s3:::b/x", Decision::Allowed),
            ("s3:GetObject", "arn:aws:s3:::B/x", Decision::ImplicitDeny),
            ("s3:GetObject", "arn:aws:s3:::b/secret/k", Decision::ExplicitDeny),
            ("s3:PutObject", "arn:aws:s3:::b/x", Decision::ImplicitDeny),
        ];
        for (action, resource, expected) in cases {
            assert_eq!(decide(json, action, Some(resource), &context), expected, "{action} {resource}");
        }
        let evaluation =
            evaluate(&[policy(json)], &Request { action: "s3:GetObject", resource: Some("arn:aws:s3:::b/secret/k"), context: &context }, &Default::default());
        assert_eq!(evaluation.statement, Some(StatementRef { policy: 0, index: 1, sid: Some("NoSecrets".into()) }));
    }

    #[test]
    fn not_action_and_not_resource() {
        let json = r#"{"Version":"2012-10-17","Statement":[
            {"Effect":"Allow","NotAction":"iam:*","Resource":"*"},
            {"Effect":"Deny","Action":"s3:*","NotResource":"arn:aws:s3:::ok/*"}]}"#;
        let context = Context::new();
        assert_eq!(decide(json, "ec2:DescribeInstances", Some("*"), &context), Decision::Allowed);
        assert_eq!(decide(json, "iam:ListRoles", Some("*"), &context), Decision::ImplicitDeny);
        assert_eq!(decide(json, "s3:GetObject", Some("arn:aws:s3:::ok/k"), &context), Decision::Allowed);
        assert_eq!(decide(json, "s3:GetObject", Some("arn:aws:s3:::other/k"), &context), Decision::ExplicitDeny);
    }

    #[test]
    fn unknown_resource_only_matches_star() {
        let json = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/*"}]}"#;
        assert_eq!(decide(json, "s3:GetObject", None, &Context::new()), Decision::NotEvaluable);
        let star = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#;
        assert_eq!(decide(star, "s3:GetObject", None, &Context::new()), Decision::Allowed);
    }

    #[test]
    fn condition_operators_table() {
        let mut context = Context::new();
        context.set("aws:RequestedRegion", "eu-west-1");
        context.set("aws:SourceIp", "203.0.113.7");
        context.set("aws:MultiFactorAuthPresent", "true");
        context.set("aws:CurrentTime", "2026-03-01T12:00:00Z");
        context.set("aws:PrincipalArn", "arn:aws:iam::111122223333:role/team/app");
        context.set("s3:max-keys", "10");
        context.set_values("aws:TagKeys", vec!["env".into(), "team".into()]);
        context.set_absent("aws:TokenIssueTime");
        let cases: &[(&str, bool)] = &[
            (r#"{"StringEquals":{"aws:RequestedRegion":["eu-west-1","us-east-1"]}}"#, true),
            (r#"{"StringEquals":{"aws:requestedregion":"us-east-1"}}"#, false),
            (r#"{"StringNotEquals":{"aws:RequestedRegion":"us-east-1"}}"#, true),
            (r#"{"StringEqualsIgnoreCase":{"aws:RequestedRegion":"EU-WEST-1"}}"#, true),
            (r#"{"StringLike":{"aws:RequestedRegion":"eu-*"}}"#, true),
            (r#"{"StringNotLike":{"aws:RequestedRegion":"eu-*"}}"#, false),
            (r#"{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}"#, true),
            (r#"{"IpAddress":{"aws:SourceIp":"198.51.100.0/24"}}"#, false),
            (r#"{"NotIpAddress":{"aws:SourceIp":"198.51.100.0/24"}}"#, true),
            (r#"{"Bool":{"aws:MultiFactorAuthPresent":"true"}}"#, true),
            (r#"{"Bool":{"aws:MultiFactorAuthPresent":"false"}}"#, false),
            (r#"{"DateGreaterThan":{"aws:CurrentTime":"2026-01-01T00:00:00Z"}}"#, true),
            (r#"{"DateLessThan":{"aws:CurrentTime":"2026-01-01T00:00:00Z"}}"#, false),
            (r#"{"NumericLessThanEquals":{"s3:max-keys":"10"}}"#, true),
            (r#"{"NumericGreaterThan":{"s3:max-keys":"10"}}"#, false),
            (r#"{"ArnLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/team/*"}}"#, true),
            (r#"{"ArnEquals":{"aws:PrincipalArn":"arn:aws:iam::111122223333:role/other"}}"#, false),
            (r#"{"ArnNotLike":{"aws:PrincipalArn":"arn:aws:iam::*:role/team/*"}}"#, false),
            (r#"{"Null":{"aws:TokenIssueTime":"true"}}"#, true),
            (r#"{"Null":{"aws:SourceIp":"true"}}"#, false),
            (r#"{"StringEquals":{"aws:TokenIssueTime":"x"}}"#, false),
            (r#"{"StringEqualsIfExists":{"aws:TokenIssueTime":"x"}}"#, true),
            (r#"{"StringNotEquals":{"aws:TokenIssueTime":"x"}}"#, true),
            (r#"{"ForAllValues:StringEquals":{"aws:TagKeys":["env","team","cost"]}}"#, true),
            (r#"{"ForAllValues:StringEquals":{"aws:TagKeys":["env"]}}"#, false),
            (r#"{"ForAnyValue:StringEquals":{"aws:TagKeys":["team"]}}"#, true),
            (r#"{"ForAnyValue:StringEquals":{"aws:TagKeys":["cost"]}}"#, false),
            (r#"{"ForAllValues:StringEquals":{"aws:TokenIssueTime":["x"]}}"#, true),
            (r#"{"ForAnyValue:StringEquals":{"aws:TokenIssueTime":["x"]}}"#, false),
            (r#"{"StringEquals":{"aws:RequestedRegion":"eu-west-1"},"Bool":{"aws:MultiFactorAuthPresent":"false"}}"#, false),
        ];
        for (condition, expected) in cases {
            let json = format!(r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"*","Resource":"*","Condition":{condition}}}]}}"#);
            let decision = decide(&json, "s3:ListBucket", Some("arn:aws:s3:::b"), &context);
            let wanted = if *expected { Decision::Allowed } else { Decision::ImplicitDeny };
            assert_eq!(decision, wanted, "{condition}");
        }
    }

    #[test]
    fn unknown_keys_and_varying_values_are_not_evaluable() {
        let mut context = Context::new();
        context.set_alternatives("aws:SourceIp", vec![Some("203.0.113.7".into()), Some("198.51.100.1".into())]);
        let unknown_key =
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"StringEquals":{"s3:prefix":"x"}}}]}"#;
        let evaluation =
            evaluate(&[policy(unknown_key)], &Request { action: "s3:ListBucket", resource: Some("arn:aws:s3:::b"), context: &context }, &Default::default());
        assert_eq!(evaluation.decision, Decision::NotEvaluable);
        assert!(evaluation.not_evaluable[0].contains("s3:prefix"), "{:?}", evaluation.not_evaluable);
        let partial = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}]}"#;
        assert_eq!(decide(partial, "s3:ListBucket", Some("arn:aws:s3:::b"), &context), Decision::NotEvaluable);
        let both = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":["203.0.113.0/24","198.51.100.0/24"]}}}]}"#;
        assert_eq!(decide(both, "s3:ListBucket", Some("arn:aws:s3:::b"), &context), Decision::Allowed);
        // A deny that cannot be evaluated makes an allow uncertain; one that surely does not apply does not.
        let allow_and_unknown_deny = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/env":"prod"}}}]}"#;
        assert_eq!(decide(allow_and_unknown_deny, "s3:ListBucket", Some("arn:aws:s3:::b"), &context), Decision::NotEvaluable);
    }

    #[test]
    fn policy_variables_and_placeholders() {
        let mut context = Context::new();
        context.set("aws:username", "alice");
        let json = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::home/${aws:username}/*"}]}"#;
        assert_eq!(decide(json, "s3:GetObject", Some("arn:aws:s3:::home/alice/x"), &context), Decision::Allowed);
        assert_eq!(decide(json, "s3:GetObject", Some("arn:aws:s3:::home/bob/x"), &context), Decision::ImplicitDeny);
        let placeholder = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::${BucketName}/*"}]}"#;
        assert_eq!(decide(placeholder, "s3:GetObject", Some("arn:aws:s3:::b/k"), &context), Decision::NotEvaluable);
        let options = EvaluationOptions { placeholders_as_wildcards: true };
        let evaluation = evaluate(&[policy(placeholder)], &Request { action: "s3:GetObject", resource: Some("arn:aws:s3:::b/k"), context: &context }, &options);
        assert_eq!(evaluation.decision, Decision::Allowed);
    }

    #[test]
    fn cidr_table() {
        let cases = [
            ("10.1.2.3", "10.0.0.0/8", true),
            ("10.1.2.3", "10.1.2.3", true),
            ("10.1.2.3", "10.1.2.4/32", false),
            ("10.1.2.3", "0.0.0.0/0", true),
            ("2001:db8::1", "2001:db8::/32", true),
            ("2001:db9::1", "2001:db8::/32", false),
            ("10.1.2.3", "2001:db8::/32", false),
            ("s3.amazonaws.com", "0.0.0.0/0", false),
            ("10.1.2.3", "10.0.0.0/33", false),
        ];
        for (address, cidr, expected) in cases {
            assert_eq!(ip_in_cidr(address, cidr), expected, "{address} in {cidr}");
        }
    }

    #[test]
    fn operators_parse() {
        assert!(is_supported_operator("ForAnyValue:StringLikeIfExists"));
        assert!(is_supported_operator("Null"));
        assert!(!is_supported_operator("NullIfExists"));
        assert!(!is_supported_operator("StringSortOf"));
    }
}
