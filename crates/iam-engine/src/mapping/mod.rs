//! From "CloudTrail saw `eventSource` X, `eventName` Y" to "the principal needs IAM actions A, B on
//! resources R". The rule is `prefix:EventName` with the event source's IAM prefix and the version
//! suffix stripped; our exception table (`table.rs`) fixes everything that rule gets wrong; the IAM
//! catalog has the last word: an action it does not know is never required, the event is reported
//! as unmapped instead. Resources come from the record's `resources[]` and request parameters,
//! built with the catalog's ARN formats (`resources.rs`).
//!
//! [`Mapper`] does the work. It is built once from a [`Catalog`] and caches one plan per distinct
//! (event source, event name), so the per-event cost is two hash lookups plus reading the few
//! request members the plan needs.

mod apigateway;
pub mod aws_map;
pub mod denial;
mod request;
mod resources;
mod table;
#[cfg(test)]
mod tests;

use crate::catalog::{Catalog, ResourceType, Service};
use crate::fast::FastMap as HashMap;
use crate::principal::Arn;
use crate::record::{Record, ResourceEntry};
use aws_map::{AwsOperationMap, Condition};
use request::{LazyRequest, RequestView};
use resources::{Candidate, Typed};
use serde::{Deserialize, Serialize};
use std::borrow::Borrow;
use std::borrow::Cow;
use std::cell::RefCell;
use std::hash::{Hash, Hasher};
use table::{On, PassRoleRow, Passed, Rule, Special};

pub use denial::{action_in_denial_message, is_denial, resource_in_denial_message};

/// Why a call needs no permission of the caller's identity policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NoPermissionReason {
    /// The API is callable by anyone with credentials (`sts:GetCallerIdentity`).
    Permissionless,
    /// Console sign-in and similar events (`signin.amazonaws.com`, `ConsoleLogin`, `SwitchRole`).
    SignIn,
    /// A console action that is not an API call (`eventType` `AwsConsoleAction`).
    ConsoleAction,
    /// An event AWS records about itself (`eventType` `AwsServiceEvent`).
    ServiceEvent,
    /// An Insights event (unusual activity), not a call.
    InsightsEvent,
    /// A network-activity (VPC endpoint) event: who used an endpoint, not a call to authorise.
    NetworkActivity,
    /// A call made by an AWS service with its own identity (`userIdentity.type` `AWSService`).
    AwsService,
    /// Federated sign-in (`AssumeRoleWithSAML`, `AssumeRoleWithWebIdentity`): the role's trust
    /// policy decides, not an identity policy.
    TrustPolicy,
    /// A call whose identity has no attachable identity policy (federated sign-in, Identity
    /// Center users).
    NotAttributable,
}

impl NoPermissionReason {
    pub fn as_str(self) -> &'static str {
        match self {
            NoPermissionReason::Permissionless => "permissionless API",
            NoPermissionReason::SignIn => "sign-in event",
            NoPermissionReason::ConsoleAction => "console action, not an API call",
            NoPermissionReason::ServiceEvent => "service event, not an API call",
            NoPermissionReason::InsightsEvent => "Insights event, not an API call",
            NoPermissionReason::NetworkActivity => "network-activity event, not an API call",
            NoPermissionReason::AwsService => "made by an AWS service",
            NoPermissionReason::TrustPolicy => "governed by the role's trust policy",
            NoPermissionReason::NotAttributable => "no attachable identity policy",
        }
    }
}

/// What one CloudTrail event needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mapped<'m> {
    /// One or more IAM actions, each with the resource it applies to where known. An action on
    /// several resources (or passing several roles) appears once for each.
    Actions(Vec<RequiredAction<'m>>),
    NoPermission(NoPermissionReason),
    /// Neither the rule nor the table gives an action the IAM catalog knows.
    Unmapped,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RequiredAction<'m> {
    /// `service:Action`, spelled as in the IAM catalog.
    pub action: Cow<'m, str>,
    /// The resource ARN the action applies to, when the event names it and the action supports
    /// resource-level permissions. `None` means `Resource: "*"` or not derivable.
    pub resource: Option<Cow<'m, str>>,
    /// The call also passes an IAM role, which needs `iam:PassRole` on that role: a flag for a
    /// suggestion, never an action added to a policy by itself.
    pub passes_role: Option<PassRole>,
}

/// The role a call passes to a service.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "kind", content = "arn")]
pub enum PassRole {
    /// The request names this role.
    Role(String),
    /// The request names this instance profile; the role inside it is passed.
    InstanceProfile(String),
    /// The call passes a role that the request does not show.
    Unnamed,
}

/// The parts of a record the mapping looks at.
#[derive(Clone, Copy, Debug, Default)]
pub struct EventFacts<'r> {
    pub event_source: &'r str,
    pub event_name: &'r str,
    pub event_type: &'r str,
    pub event_category: &'r str,
    pub aws_region: &'r str,
    pub recipient_account_id: &'r str,
    /// `userIdentity.type`.
    pub identity_type: &'r str,
    /// `userIdentity.arn` (or the session issuer's), for the partition.
    pub identity_arn: &'r str,
    /// `userIdentity.accountId`, the account when `recipientAccountId` is missing.
    pub identity_account_id: &'r str,
    pub error_code: &'r str,
    pub error_message: &'r str,
    pub request_parameters: Option<&'r serde_json::value::RawValue>,
    /// `additionalEventData`, for the conditions of AWS's extra actions (a bearer token).
    pub additional_event_data: Option<&'r serde_json::value::RawValue>,
    pub resources: &'r [ResourceEntry<'r>],
}

impl<'r> EventFacts<'r> {
    /// The facts of a record (events without a source or name give empty strings).
    pub fn of(record: &'r Record<'_>) -> EventFacts<'r> {
        let text = |field: &'r Option<crate::record::Str<'_>>| field.as_deref().unwrap_or("");
        let identity = record.user_identity.as_ref();
        let issuer = identity.and_then(|identity| identity.session_context.as_ref()).and_then(|context| context.session_issuer.as_ref());
        let identity_arn = identity
            .and_then(|identity| identity.arn.as_deref())
            .filter(|arn| !arn.is_empty())
            .or_else(|| issuer.and_then(|issuer| issuer.arn.as_deref()))
            .unwrap_or("");
        EventFacts {
            event_source: text(&record.event_source),
            event_name: text(&record.event_name),
            event_type: text(&record.event_type),
            event_category: text(&record.event_category),
            aws_region: text(&record.aws_region),
            recipient_account_id: text(&record.recipient_account_id),
            identity_type: identity.and_then(|identity| identity.identity_type.as_deref()).unwrap_or(""),
            identity_arn,
            identity_account_id: identity.and_then(|identity| identity.account_id.as_deref()).unwrap_or(""),
            error_code: text(&record.error_code),
            error_message: text(&record.error_message),
            request_parameters: record.request_parameters,
            additional_event_data: record.additional_event_data,
            resources: record.resources.as_deref().unwrap_or(&[]),
        }
    }
}

/// The IAM service prefix for an event source (`monitoring.amazonaws.com` → `cloudwatch`).
pub fn service_prefix(event_source: &str) -> Cow<'_, str> {
    let host = event_source.strip_suffix(".amazonaws.com").unwrap_or(event_source);
    let renamed = match host {
        "monitoring" => "cloudwatch",
        "tagging" => "tag",
        "amazonmq" => "mq",
        "application-insights" => "applicationinsights",
        "billingconsole" => "billing",
        "taxconsole" => "tax",
        "chime-sdk-media-pipelines" | "chime-sdk-voice" | "chime-sdk-identity" | "chime-sdk-meetings" | "chime-sdk-messaging" => "chime",
        "cloudcontrolapi" => "cloudformation",
        "contact-lens" | "participant-connect" => "connect",
        "agreement-marketplace" | "discovery-marketplace" | "marketplacecatalog" | "reporting-marketplace" => "aws-marketplace",
        "management-marketplace" => "aws-marketplace-management",
        "migrationhub" => "mgh",
        "opensearchservice" => "es",
        "pinpoint" => "mobiletargeting",
        "pricelist" => "pricing",
        "qconnect" => "wisdom",
        "rdsdata" => "rds-data",
        "servicecatalog-appregistry" => "servicecatalog",
        "transcribestreaming" => "transcribe",
        "appstream2" => "appstream",
        "models.lex" | "runtime.lex" => "lex",
        "mturk-requester" => "mechanicalturk",
        "streams.dynamodb" => "dynamodb",
        "email" => "ses",
        other => return Cow::Borrowed(other.split('.').next().unwrap_or(other)),
    };
    Cow::Borrowed(renamed)
}

/// Strips API version suffixes that some services put on event names: Lambda
/// `UpdateFunctionCode20150331v2`, CloudFront `CreateDistribution2020_05_31`. Names that merely
/// end in digits (`ListClustersV2`, `GetObjectAcl`) are left alone: only an eight-digit date,
/// optionally followed by `v` and digits, or a `YYYY_MM_DD` date is a suffix.
pub fn strip_version_suffix(event_name: &str) -> &str {
    let bytes = event_name.as_bytes();
    // A date follows the name itself, so a letter comes before it.
    let name_before = |start: usize| start > 0 && bytes[start - 1].is_ascii_alphabetic();
    // `YYYY_MM_DD`
    if let Some(start) = bytes.len().checked_sub(10) {
        let shape_ok = bytes[start..].iter().enumerate().all(|(index, byte)| match index {
            4 | 7 => *byte == b'_',
            _ => byte.is_ascii_digit(),
        });
        if shape_ok && name_before(start) {
            return &event_name[..start];
        }
    }
    // `YYYYMMDD` ending at `end`.
    let date_ending_at = |end: usize| -> Option<usize> {
        let start = end.checked_sub(8)?;
        let date = &bytes[start..end];
        (date.iter().all(u8::is_ascii_digit) && matches!(date[0], b'1' | b'2') && name_before(start)).then_some(start)
    };
    if let Some(start) = date_ending_at(bytes.len()) {
        return &event_name[..start];
    }
    // `YYYYMMDD` then `v` and digits.
    let digits_start = bytes.len() - bytes.iter().rev().take_while(|byte| byte.is_ascii_digit()).count();
    if digits_start < bytes.len() && digits_start > 0 && bytes[digits_start - 1] == b'v' {
        if let Some(start) = date_ending_at(digits_start - 1) {
            return &event_name[..start];
        }
    }
    event_name
}

/// Maps events to IAM actions and resources against one IAM catalog. Build it once per analysis:
/// it caches a plan per distinct (event source, event name), so mapping an event allocates only
/// its result.
pub struct Mapper<'c> {
    classifier: Classifier<'c>,
    /// (event source, event name) → index in `plans`.
    plan_index: HashMap<PairKey, usize>,
    plans: Vec<Plan<'c>>,
    /// Actions named by AccessDenied messages, resolved once (by the message's spelling).
    denied: HashMap<Box<str>, Option<PlannedAction<'c>>>,
}

impl std::fmt::Debug for Mapper<'_> {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.debug_struct("Mapper").field("plans", &self.plans.len()).finish()
    }
}

/// The catalog, with a cache of which resource types an ARN is: the same function, topic or
/// key ARN comes back in event after event, and classifying it runs every format of its service.
struct Classifier<'c> {
    catalog: &'c Catalog,
    /// (service prefix, ARN) → the catalog's resource type names.
    arn_types: RefCell<HashMap<PairKey, Vec<&'c str>>>,
}

/// How many ARNs the classifier remembers before it starts over (memory stays bounded on inputs
/// with millions of distinct ARNs).
const ARN_CACHE_LIMIT: usize = 1 << 16;

impl<'c> Classifier<'c> {
    /// Whether the catalog classifies `arn` as a resource type of `service` for which `wanted`
    /// holds.
    fn is_type(&self, service: &str, arn: &str, wanted: impl Fn(&str) -> bool) -> bool {
        if let Some(types) = self.arn_types.borrow().get(&(service, arn) as &dyn Pair) {
            return types.iter().any(|name| wanted(name));
        }
        let types: Vec<&'c str> = self.catalog.resource_types_for_arn(service, arn).iter().map(|found| found.name.as_str()).collect();
        let answer = types.iter().any(|name| wanted(name));
        let mut cache = self.arn_types.borrow_mut();
        if cache.len() >= ARN_CACHE_LIMIT {
            cache.clear();
        }
        cache.insert(PairKey(service.into(), arn.into()), types);
        answer
    }
}

/// An owned pair of strings that can be looked up by a borrowed pair, so a hit allocates nothing.
#[derive(PartialEq, Eq)]
struct PairKey(Box<str>, Box<str>);

trait Pair {
    fn pair(&self) -> (&str, &str);
}

impl Pair for PairKey {
    fn pair(&self) -> (&str, &str) {
        (&self.0, &self.1)
    }
}

impl Pair for (&str, &str) {
    fn pair(&self) -> (&str, &str) {
        (self.0, self.1)
    }
}

impl<'k> Borrow<dyn Pair + 'k> for PairKey {
    fn borrow(&self) -> &(dyn Pair + 'k) {
        self
    }
}

impl Hash for PairKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.pair().hash(state);
    }
}

impl Hash for dyn Pair + '_ {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.pair().hash(state);
    }
}

impl PartialEq for dyn Pair + '_ {
    fn eq(&self, other: &Self) -> bool {
        self.pair() == other.pair()
    }
}

impl Eq for dyn Pair + '_ {}

/// What the mapping knows about one (event source, event name), worked out once.
enum Plan<'c> {
    NoPermission(NoPermissionReason),
    Unmapped,
    Actions {
        /// The actions of a plain row, or every action a special row can choose from.
        actions: Vec<PlannedAction<'c>>,
        special: Option<Special>,
    },
}

/// One catalog action with what is needed to find its resources.
struct PlannedAction<'c> {
    /// `service:Action` in the catalog's spelling.
    full_name: Box<str>,
    service: &'c Service,
    types: Vec<PlannedType<'c>>,
    on: On,
    pass_role: Option<&'static PassRoleRow>,
    /// The required resource types are alternatives (see `table::ALTERNATIVE_TYPES`).
    alternatives: bool,
    /// An extra of AWS's list needed only when the request shows it (`aws_map::extra_condition`).
    condition: Option<Condition>,
    /// An action of AWS's list beside the call's own one: granted on resources of its own the
    /// event names (not the call's own resources); else the synthesis suggests it.
    extra: bool,
}

struct PlannedType<'c> {
    definition: &'c ResourceType,
    /// The catalog marks the type required for the action.
    required: bool,
    /// The name reduced to lowercase letters and digits (`log-group` → `loggroup`), to compare with
    /// the `type` of `resources[]` entries (`AWS::Logs::LogGroup`).
    key: String,
    /// The services its ARN formats name (an SSM action's `instance` is an `ec2` ARN).
    arn_services: Vec<&'c str>,
}

/// Partition, region and account of one event, for the ARN formats.
struct Context<'e> {
    partition: &'e str,
    region: &'e str,
    account: &'e str,
}

/// One action chosen for an event, with the request object it applies to and, for rows that
/// compute them, its resource candidates.
struct Choice<'p, 'c, 'a> {
    planned: &'p PlannedAction<'c>,
    on: On,
    explicit: Option<Vec<Candidate<'a>>>,
}

impl<'c> Mapper<'c> {
    pub fn new(catalog: &'c Catalog) -> Mapper<'c> {
        Mapper {
            classifier: Classifier { catalog, arn_types: RefCell::default() },
            plan_index: HashMap::default(),
            plans: Vec::new(),
            denied: HashMap::default(),
        }
    }

    pub fn catalog(&self) -> &'c Catalog {
        self.classifier.catalog
    }

    /// Maps one event.
    /// Maps one event. The result borrows from the mapper and the record (ARNs taken from
    /// `resources[]` or the request are not copied).
    pub fn map<'m>(&'m mut self, facts: &EventFacts<'m>) -> Mapped<'m> {
        if let Some(reason) = event_level_reason(facts) {
            return Mapped::NoPermission(reason);
        }
        let catalog = self.classifier.catalog;
        let key = (facts.event_source, facts.event_name);
        let index = match self.plan_index.get(&key as &dyn Pair) {
            Some(index) => *index,
            None => {
                self.plans.push(build_plan(catalog, facts.event_source, facts.event_name));
                self.plan_index.insert(PairKey(facts.event_source.into(), facts.event_name.into()), self.plans.len() - 1);
                self.plans.len() - 1
            }
        };
        // A refused call is mapped to the action its message names, when the catalog knows it.
        let denied_name = if is_denial(facts.error_code) { action_in_denial_message(facts.error_message) } else { None };
        if let Some(name) = denied_name.filter(|name| !self.denied.contains_key(*name)) {
            let planned = catalog.action(name).map(|action_ref| PlannedAction::new(action_ref, On::Target));
            self.denied.insert(name.into(), planned);
        }
        let (actions, special) = match &self.plans[index] {
            Plan::NoPermission(reason) => return Mapped::NoPermission(*reason),
            Plan::Unmapped => (&[][..], None),
            Plan::Actions { actions, special } => (&actions[..], *special),
        };
        let request = LazyRequest::new(facts.request_parameters);
        let context = Context::of(facts);
        let classifier = &self.classifier;
        if let Some(Some(refused)) = denied_name.and_then(|name| self.denied.get(name)) {
            // The plan's own entry when it is one of the event's actions (same resource rules).
            let planned = actions.iter().find(|planned| planned.full_name == refused.full_name).unwrap_or(refused);
            let resources = match resource_in_denial_message(facts.error_message) {
                Some(resource) if !planned.types.is_empty() => vec![Cow::Borrowed(resource)],
                _ => resources_of(classifier, planned, planned.on, &context, facts, &request, None),
            };
            let mut required = Vec::new();
            push_required(&mut required, Cow::Borrowed(&*planned.full_name), resources, planned.pass_role, &request, &context);
            return Mapped::Actions(required);
        }
        if actions.is_empty() {
            return Mapped::Unmapped;
        }
        let mut required = Vec::with_capacity(actions.len());
        let Some(special) = special else {
            let holds = |planned: &&PlannedAction<'_>| planned.condition.is_none_or(|condition| condition_holds(condition, facts, &request));
            // API Gateway's HTTP-verb actions apply to the path the request names.
            let explicit = |planned: &PlannedAction<'_>| {
                (planned.service.prefix == "apigateway" && apigateway::is_verb_action(&planned.full_name)).then(|| {
                    apigateway::resource_path(facts.event_name, request.view())
                        .filter(|_| !context.region.is_empty())
                        .map(|path| vec![Candidate::Built(format!("arn:{}:apigateway:{}::{path}", context.partition, context.region))])
                        .unwrap_or_default()
                })
            };
            if !actions.iter().any(|planned| planned.extra) {
                for planned in actions.iter().filter(holds) {
                    let resources = resources_of(classifier, planned, planned.on, &context, facts, &request, explicit(planned));
                    push_required(&mut required, Cow::Borrowed(&*planned.full_name), resources, planned.pass_role, &request, &context);
                }
                return Mapped::Actions(required);
            }
            // Extras of AWS's list are granted only on resources of their own that the event names
            // (the layers a function uses, the secrets of a batch); the synthesis suggests the rest.
            let found: Vec<(&PlannedAction<'_>, Vec<Cow<'_, str>>)> = actions
                .iter()
                .filter(holds)
                .map(|planned| (planned, resources_of(classifier, planned, planned.on, &context, facts, &request, explicit(planned))))
                .collect();
            let own: Vec<Cow<'_, str>> = found.iter().filter(|(planned, _)| !planned.extra).flat_map(|(_, resources)| resources.iter().cloned()).collect();
            for (planned, mut resources) in found {
                if planned.extra {
                    resources.retain(|resource| !own.contains(resource));
                    if resources.is_empty() {
                        continue;
                    }
                }
                push_required(&mut required, Cow::Borrowed(&*planned.full_name), resources, planned.pass_role, &request, &context);
            }
            return Mapped::Actions(required);
        };
        for choice in choose(actions, special, facts, &request, &context) {
            let resources = resources_of(classifier, choice.planned, choice.on, &context, facts, &request, choice.explicit);
            push_required(&mut required, Cow::Borrowed(&*choice.planned.full_name), resources, choice.planned.pass_role, &request, &context);
        }
        if required.is_empty() {
            return Mapped::Unmapped;
        }
        Mapped::Actions(required)
    }
}

/// When a planned action is granted, for [`Mapper::plan_of`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Granted {
    /// On every event of the operation (on its resources, or `*`).
    Always,
    /// An extra of AWS's list: on resources of its own the event names, else suggested.
    WhenResourceShown,
    /// When the request shows the condition (tags, a bearer token, a header...).
    When(Condition),
    /// By the request: one of the actions a special row chooses from (S3 versions and headers,
    /// PartiQL verbs, API Gateway's HTTP verbs).
    ByRequest,
}

impl Mapper<'_> {
    /// The actions an operation can need and when each is granted, before any record is seen:
    /// the measure of `tests/aws_operation_map.rs`. `None` when it needs no permission.
    pub fn plan_of(&mut self, event_source: &str, event_name: &str) -> Option<Vec<(String, Granted)>> {
        let plan = build_plan(self.classifier.catalog, event_source, event_name);
        match plan {
            Plan::NoPermission(_) => None,
            Plan::Unmapped => Some(Vec::new()),
            Plan::Actions { actions, special } => Some(
                actions
                    .iter()
                    .map(|planned| {
                        let granted = match (special, planned.condition) {
                            (Some(_), _) => Granted::ByRequest,
                            (None, Some(condition)) => Granted::When(condition),
                            (None, None) if planned.extra => Granted::WhenResourceShown,
                            (None, None) => Granted::Always,
                        };
                        (planned.full_name.to_string(), granted)
                    })
                    .collect(),
            ),
        }
    }
}

/// The extras of AWS's list for the operation named like `action` (`lambda:CreateFunction` →
/// `lambda:GetLayerVersion`, `lambda:PassCapacityProvider`) that are neither conditional nor the
/// action itself: what the synthesis suggests when the logs did not show their resources.
pub fn aws_map_extras_of(action: &str) -> Vec<&'static str> {
    let Some((prefix, name)) = action.split_once(':') else {
        return Vec::new();
    };
    // Our table's rows say everything their calls need (S3's request-aware rows).
    if table::rule_for(prefix, name).is_some() {
        return Vec::new();
    }
    let Some(listed) = AwsOperationMap::embedded().actions(prefix, name) else {
        return Vec::new();
    };
    if !listed.iter().any(|listed| listed.eq_ignore_ascii_case(action)) {
        return Vec::new();
    }
    listed
        .iter()
        .filter(|listed| !listed.eq_ignore_ascii_case(action) && !listed.eq_ignore_ascii_case("iam:PassRole"))
        .filter(|listed| aws_map::extra_condition(prefix, name, listed).is_none())
        .map(String::as_str)
        .collect()
}

/// Reasons that hold whatever the event's name: what kind of event it is and who made it.
fn event_level_reason(facts: &EventFacts<'_>) -> Option<NoPermissionReason> {
    let by_type = match facts.event_type {
        "AwsServiceEvent" => Some(NoPermissionReason::ServiceEvent),
        "AwsCloudTrailInsight" => Some(NoPermissionReason::InsightsEvent),
        "AwsVpceEvent" => Some(NoPermissionReason::NetworkActivity),
        "AwsConsoleSignIn" => Some(NoPermissionReason::SignIn),
        "AwsConsoleAction" => Some(NoPermissionReason::ConsoleAction),
        _ => None,
    };
    by_type
        .or(match facts.event_category {
            "Insight" => Some(NoPermissionReason::InsightsEvent),
            "NetworkActivity" => Some(NoPermissionReason::NetworkActivity),
            _ => None,
        })
        // Sign-in events, except the API calls AWS's operation map lists (the CLI's OAuth2 tokens).
        .or((facts.event_source == "signin.amazonaws.com" && AwsOperationMap::embedded().actions("signin", facts.event_name).is_none())
            .then_some(NoPermissionReason::SignIn))
        .or((facts.identity_type == "AWSService").then_some(NoPermissionReason::AwsService))
}

fn build_plan<'c>(catalog: &'c Catalog, event_source: &str, event_name: &str) -> Plan<'c> {
    let prefix = service_prefix(event_source);
    let stripped = strip_version_suffix(event_name);
    let valid = |name: &str| !name.is_empty() && name.bytes().all(|byte| byte.is_ascii_alphanumeric());
    if prefix.is_empty() || !valid(stripped) {
        return Plan::Unmapped;
    }
    let (wanted, special): (Vec<(Cow<'_, str>, On)>, Option<Special>) = match table::rule_for(&prefix, stripped) {
        Some(Rule::NoPermission(reason)) => return Plan::NoPermission(reason),
        Some(Rule::Actions(actions)) => (actions.iter().map(|action| (Cow::Borrowed(action.action), action.on)).collect(), None),
        Some(Rule::Special(special)) => (special.possible_actions().into_iter().map(|action| (Cow::Borrowed(action), On::Target)).collect(), Some(special)),
        None => {
            if let Some(listed) = AwsOperationMap::embedded().actions(&prefix, stripped) {
                return plan_from_aws_map(catalog, &prefix, stripped, listed);
            }
            // The unstripped name first, in case an action really ends in a date.
            let whole = format!("{prefix}:{event_name}");
            let name = if valid(event_name) && catalog.action(&whole).is_some() { whole } else { format!("{prefix}:{stripped}") };
            if prefix == "apigateway" && catalog.action(&name).is_none() {
                let special = Special::ApiGateway;
                (special.possible_actions().into_iter().map(|action| (Cow::Borrowed(action), On::Target)).collect(), Some(special))
            } else {
                (vec![(Cow::Owned(name), On::Target)], None)
            }
        }
    };
    let mut actions = Vec::with_capacity(wanted.len());
    for (index, (name, on)) in wanted.iter().enumerate() {
        match catalog.action(name) {
            Some(action_ref) => actions.push(PlannedAction::new(action_ref, *on)),
            // A plain row needs its first action; the rest only add to it.
            None if index == 0 && special.is_none() => return Plan::Unmapped,
            None => {}
        }
    }
    if actions.is_empty() {
        return Plan::Unmapped;
    }
    Plan::Actions { actions, special }
}

/// A plan from AWS's list: every action the catalog knows, the extras with their conditions;
/// `iam:PassRole` becomes the flag of the call's own action (the roles the request names).
fn plan_from_aws_map<'c>(catalog: &'c Catalog, prefix: &str, operation: &str, listed: &[String]) -> Plan<'c> {
    let passes_role = listed.iter().any(|action| action.eq_ignore_ascii_case("iam:PassRole"));
    let mut actions: Vec<PlannedAction<'c>> = listed
        .iter()
        .filter(|action| !action.eq_ignore_ascii_case("iam:PassRole"))
        .filter_map(|action| {
            let mut planned = PlannedAction::new(catalog.action(action)?, On::Target);
            planned.condition = aws_map::extra_condition(prefix, operation, action);
            Some(planned)
        })
        .collect();
    // The call's own action: the one named like the operation. Beside it, the rest are extras.
    let own_name = format!("{prefix}:{operation}");
    let named_like_operation = actions
        .iter()
        .position(|planned| planned.full_name.eq_ignore_ascii_case(&own_name))
        .or_else(|| actions.iter().position(|planned| planned.full_name.split(':').nth(1).is_some_and(|name| name.eq_ignore_ascii_case(operation))));
    if let Some(own) = named_like_operation {
        for (index, planned) in actions.iter_mut().enumerate() {
            planned.extra = index != own && planned.condition.is_none();
        }
    }
    if passes_role {
        // The call's own action carries the flag, else the first needed one.
        let own = named_like_operation.or_else(|| actions.iter().position(|planned| planned.condition.is_none()));
        if let Some(own) = own {
            let planned = &mut actions[own];
            planned.pass_role = planned.pass_role.or(Some(&table::ANY_ROLE_IN_REQUEST));
        }
    }
    if actions.iter().all(|planned| planned.condition.is_some()) {
        // AWS lists nothing but conditional extras (tags, a passed role). The call's own action,
        // when the catalog has it, is what the call needs; else AWS's list is all there is.
        match catalog.action(&format!("{prefix}:{operation}")) {
            Some(own) => {
                let mut planned = PlannedAction::new(own, On::Target);
                if passes_role {
                    planned.pass_role = planned.pass_role.or(Some(&table::ANY_ROLE_IN_REQUEST));
                }
                actions.insert(0, planned);
            }
            None => actions.iter_mut().for_each(|planned| planned.condition = None),
        }
    }
    if actions.is_empty() {
        return Plan::Unmapped;
    }
    Plan::Actions { actions, special: None }
}

/// Whether the request shows what an extra action needs.
fn condition_holds(condition: Condition, facts: &EventFacts<'_>, request: &LazyRequest<'_>) -> bool {
    match condition {
        Condition::RequestTags => request.view().has_tags(),
        Condition::BearerToken => facts
            .additional_event_data
            .is_some_and(|raw| RequestView::parse(Some(raw)).raw("callWithBearerToken").is_some_and(|value| matches!(value.get().trim(), "true" | "\"true\""))),
        Condition::RequestHas(members) => {
            members.iter().any(|member| request.view().raw(member).is_some_and(|value| !matches!(value.get(), "null" | "false" | "\"\"" | "[]" | "{}")))
        }
        Condition::OtherEventSource => false,
    }
}

impl<'c> PlannedAction<'c> {
    fn new(action_ref: crate::catalog::ActionRef<'c>, on: On) -> PlannedAction<'c> {
        let full_name = action_ref.full_name();
        let types = action_ref
            .resource_type_definitions()
            .map(|(entry, definition)| PlannedType {
                definition,
                required: entry.required,
                key: type_key(&definition.name),
                arn_services: definition.arn_formats.iter().filter_map(|format| format.split(':').nth(2)).collect(),
            })
            .collect::<Vec<_>>();
        // Beyond what `Found` can track, resources are not derived at all (never partially).
        let types = if types.len() > MAX_TYPES { Vec::new() } else { types };
        let pass_role = table::pass_role_for(&full_name);
        let alternatives = table::ALTERNATIVE_TYPES.iter().any(|action| action.eq_ignore_ascii_case(&full_name));
        PlannedAction { full_name: full_name.into_boxed_str(), service: action_ref.service, types, on, pass_role, alternatives, condition: None, extra: false }
    }

    /// Which of this action's resource types a `resources[]` entry is. The entry's `type`
    /// (`AWS::S3::Object`) decides when it has one; otherwise the catalog classifies the ARN.
    fn accepts_record_entry(&self, classifier: &Classifier<'_>, arn: &str, label: Option<&str>) -> Option<usize> {
        let arn_service = arn.split(':').nth(2).unwrap_or("");
        let name = label.map(|label| label.rfind(':').map_or(label, |colon| &label[colon + 1..])).filter(|name| !name.is_empty());
        match name {
            Some(name) => self.types.iter().position(|planned| same_type_key(&planned.key, name) && planned.arn_services.contains(&arn_service)),
            None => self.accepts_arn(classifier, arn),
        }
    }

    /// Which of this action's resource types the catalog classifies an ARN as.
    fn accepts_arn(&self, classifier: &Classifier<'_>, arn: &str) -> Option<usize> {
        let arn_service = arn.split(':').nth(2).unwrap_or("");
        self.types.iter().position(|planned| {
            planned.arn_services.contains(&arn_service)
                && classifier.is_type(&self.service.prefix, arn, |found| planned.definition.name.eq_ignore_ascii_case(found))
        })
    }

    /// The ARN of a typed candidate, from the first of its type's formats whose variables are all
    /// known, with the index of the type.
    fn build(&self, typed: &Typed<'_>, context: &Context<'_>) -> Option<(usize, String)> {
        let index = self.types.iter().position(|planned| planned.definition.name.eq_ignore_ascii_case(typed.resource_type))?;
        let region = typed.region.as_deref().unwrap_or(context.region);
        let account = typed.account.as_deref().unwrap_or(context.account);
        let arn = self.types[index].definition.arn_formats.iter().find_map(|format| {
            fill_format(format, |variable| match variable {
                "Partition" => Some(context.partition).filter(|partition| !partition.is_empty()),
                "Region" => Some(region).filter(|region| !region.is_empty()),
                // An explicit empty account is a fact (AWS-owned SSM documents have none).
                "Account" => Some(account).filter(|account| !account.is_empty() || typed.account.is_some()),
                other => typed.values.iter().find(|(name, _)| *name == other).map(|(_, value)| value.as_ref()),
            })
        })?;
        Some((index, arn))
    }

    /// Whether the ARNs found can go in a policy: every required resource type has one (the
    /// call touches them all, and a partial list would deny it), or, for actions whose required
    /// types are alternatives, at least one was found.
    fn is_complete(&self, found: &Found<'_>) -> bool {
        if found.arns.is_empty() {
            return false;
        }
        if self.alternatives {
            return true;
        }
        self.types.iter().enumerate().all(|(index, planned)| !planned.required || found.covered & (1 << index) != 0)
    }
}

/// `log-group` → `loggroup`, `Secret` → `secret`, `function version` → `functionversion`.
fn type_key(name: &str) -> String {
    name.bytes().filter(u8::is_ascii_alphanumeric).map(|byte| byte.to_ascii_lowercase() as char).collect()
}

/// Whether `name` reduces to `key` (see [`type_key`]), without allocating.
fn same_type_key(key: &str, name: &str) -> bool {
    let mut reduced = name.bytes().filter(u8::is_ascii_alphanumeric).map(|byte| byte.to_ascii_lowercase());
    key.bytes().all(|byte| reduced.next() == Some(byte)) && reduced.next().is_none()
}

/// Replaces every `${Variable}` of an ARN format; `None` when one has no value.
fn fill_format<'v>(format: &str, value_of: impl Fn(&str) -> Option<&'v str>) -> Option<String> {
    let mut arn = String::with_capacity(format.len() + 48);
    let mut rest = format;
    while let Some(open) = rest.find("${") {
        arn.push_str(&rest[..open]);
        let close = open + rest[open..].find('}')?;
        arn.push_str(value_of(&rest[open + 2..close])?);
        rest = &rest[close + 1..];
    }
    arn.push_str(rest);
    Some(arn)
}

impl<'e> Context<'e> {
    fn of(facts: &EventFacts<'e>) -> Context<'e> {
        let partition = Arn::parse(facts.identity_arn).map(|arn| arn.partition).filter(|partition| partition.starts_with("aws"));
        let account = if facts.recipient_account_id.is_empty() { facts.identity_account_id } else { facts.recipient_account_id };
        Context { partition: partition.unwrap_or_else(|| partition_of_region(facts.aws_region)), region: facts.aws_region, account }
    }
}

/// The partition a region belongs to, for records whose identity carries no ARN.
pub fn partition_of_region(region: &str) -> &'static str {
    if region.starts_with("cn-") {
        "aws-cn"
    } else if region.starts_with("us-gov-") {
        "aws-us-gov"
    } else if region.starts_with("us-isob-") {
        "aws-iso-b"
    } else if region.starts_with("us-iso-") {
        "aws-iso"
    } else if region.starts_with("eu-isoe-") {
        "aws-iso-e"
    } else if region.starts_with("us-isof-") {
        "aws-iso-f"
    } else {
        "aws"
    }
}

/// Which of a plan's actions this event needs, and on what.
fn choose<'p, 'c, 'a>(
    actions: &'p [PlannedAction<'c>],
    special: Special,
    facts: &EventFacts<'_>,
    lazy: &LazyRequest<'a>,
    context: &Context<'_>,
) -> Vec<Choice<'p, 'c, 'a>> {
    let find = |name: &str| actions.iter().find(|action| action.full_name.eq_ignore_ascii_case(name));
    let on_target = |name: &str| find(name).map(|planned| Choice { planned, on: On::Target, explicit: None });
    let mut chosen: Vec<Choice<'p, 'c, 'a>> = Vec::new();
    let request = || lazy.view();
    let has_member = |name: &str| request().keys().any(|key| key.eq_ignore_ascii_case(name));
    let has_prefix = |prefix: &str| request().keys().any(|key| key.get(..prefix.len()).is_some_and(|head| head.eq_ignore_ascii_case(prefix)));
    // Canned ACLs, grants and tags sent with an upload or copy are authorised separately.
    let s3_headers = |chosen: &mut Vec<Choice<'p, 'c, 'a>>| {
        if !lazy.text_contains("x-amz-") {
            return;
        }
        if has_member("x-amz-acl") || has_prefix("x-amz-grant-") {
            chosen.extend(on_target("s3:PutObjectAcl"));
        }
        if has_member("x-amz-tagging") {
            chosen.extend(on_target("s3:PutObjectTagging"));
        }
        // Object Lock headers (S3 API reference, PutObject: "Permissions").
        if has_member("x-amz-object-lock-legal-hold") {
            chosen.extend(on_target("s3:PutObjectLegalHold"));
        }
        if has_member("x-amz-object-lock-mode") || has_member("x-amz-object-lock-retain-until-date") {
            chosen.extend(on_target("s3:PutObjectRetention"));
        }
    };
    let s3_bypass = |chosen: &mut Vec<Choice<'p, 'c, 'a>>| {
        if lazy.text_contains("x-amz-bypass-governance-retention") && has_member("x-amz-bypass-governance-retention") {
            chosen.extend(on_target(table::S3_BYPASS));
        }
    };
    let versioned_request = || lazy.text_contains("ersionId\"") && request().string("versionId").is_some();
    match special {
        Special::S3Versioned { plain, versioned } => {
            // Most reads name no version: look for the member before splitting the request.
            chosen.extend(on_target(if versioned_request() { versioned } else { plain }));
            if plain == "s3:DeleteObject" {
                s3_bypass(&mut chosen);
            }
        }
        Special::S3Attributes => {
            let pair: [&str; 2] =
                if versioned_request() { ["s3:GetObjectVersion", "s3:GetObjectVersionAttributes"] } else { ["s3:GetObject", "s3:GetObjectAttributes"] };
            pair.into_iter().for_each(|name| chosen.extend(on_target(name)));
        }
        Special::S3Write => {
            chosen.extend(on_target("s3:PutObject"));
            s3_headers(&mut chosen);
        }
        Special::S3Copy { headers } => {
            chosen.extend(on_target("s3:PutObject"));
            let source_version = resources::s3_copy_source_parts(request()).and_then(|(_, version)| version);
            let read = if source_version.is_some() { "s3:GetObjectVersion" } else { "s3:GetObject" };
            chosen.extend(find(read).map(|planned| Choice { planned, on: On::Source, explicit: None }));
            if headers {
                s3_headers(&mut chosen);
            }
        }
        Special::S3DeleteObjects => {
            chosen.extend(on_target("s3:DeleteObject"));
            if lazy.text_contains("ersionId\"") {
                chosen.extend(on_target("s3:DeleteObjectVersion"));
            }
            s3_bypass(&mut chosen);
        }
        Special::S3PublicAccessBlock { bucket, account } => {
            chosen.extend(on_target(if request().string("bucketName").is_some() { bucket } else { account }));
        }
        Special::PartiQl | Special::TransactWrite => {
            let items = if special == Special::PartiQl { resources::partiql_statements(request()) } else { resources::transact_write_items(request()) };
            if items.is_empty() {
                // The request does not show the statements (redacted or truncated): every kind
                // the call could have needed, on the tables `resources[]` names.
                return actions.iter().map(|planned| Choice { planned, on: On::Target, explicit: None }).collect();
            }
            for (action, table) in items {
                let Some(planned) = find(action) else {
                    continue;
                };
                let candidate = table.map(|table| {
                    Candidate::Typed(Typed { resource_type: "table", values: vec![("TableName", Cow::Owned(table))], region: None, account: None })
                });
                match chosen.iter_mut().find(|choice| std::ptr::eq(choice.planned, planned)) {
                    Some(choice) => {
                        if let (Some(explicit), Some(candidate)) = (choice.explicit.as_mut(), candidate) {
                            explicit.push(candidate);
                        }
                    }
                    None => chosen.push(Choice { planned, on: On::Target, explicit: candidate.map(|candidate| vec![candidate]) }),
                }
            }
        }
        Special::ApiGateway => {
            if let Some(planned) = apigateway::verb_action(facts.event_name, request()).and_then(find) {
                let explicit = apigateway::resource_path(facts.event_name, request())
                    .filter(|_| !context.region.is_empty())
                    .map(|path| vec![Candidate::Built(format!("arn:{}:apigateway:{}::{path}", context.partition, context.region))]);
                chosen.push(Choice { planned, on: On::Target, explicit: Some(explicit.unwrap_or_default()) });
            }
        }
    }
    chosen
}

/// The resource ARNs an action applies to in this event: the record's `resources[]` entries of
/// the action's types, else what the request names. Empty when the action supports no
/// resource-level permission or nothing is derivable.
fn resources_of<'a>(
    classifier: &Classifier<'_>,
    planned: &PlannedAction<'_>,
    on: On,
    context: &Context<'_>,
    facts: &EventFacts<'a>,
    request: &LazyRequest<'a>,
    explicit: Option<Vec<Candidate<'a>>>,
) -> Vec<Cow<'a, str>> {
    let mut found = Found { arns: Vec::new(), covered: 0 };
    if planned.types.is_empty() {
        return Vec::new();
    }
    let record_entries = || {
        facts.resources.iter().filter_map(|entry| {
            let arn = entry.arn.as_deref().filter(|arn| arn.starts_with("arn:"))?;
            planned.accepts_record_entry(classifier, arn, entry.resource_type.as_deref()).map(|index| (index, arn))
        })
    };
    if on == On::Target && explicit.is_none() {
        record_entries().for_each(|(index, arn)| found.add(Some(index), Cow::Borrowed(arn)));
        if planned.is_complete(&found) {
            return found.arns;
        }
    }
    let candidates = explicit.unwrap_or_else(|| resources::request_candidates(&planned.service.prefix, on, request.view()));
    let from_request = !candidates.is_empty();
    for candidate in candidates {
        match candidate {
            // Built from a layout we know (API Gateway paths): complete by construction.
            Candidate::Built(arn) => {
                found.covered = u128::MAX;
                found.add(None, Cow::Owned(arn));
            }
            Candidate::Arn(arn) => {
                if let Some(index) = planned.accepts_arn(classifier, &arn) {
                    found.add(Some(index), arn);
                }
            }
            Candidate::Typed(typed) => {
                if let Some((index, arn)) = planned.build(&typed, context) {
                    found.add(Some(index), Cow::Owned(arn));
                }
            }
        }
    }
    // `ReEncrypt` without `sourceKeyId` (symmetric keys): the source key is the record's key that
    // is not the destination.
    if on == On::Source && !from_request && planned.service.prefix == "kms" {
        let destination = request.view().string("destinationKeyId");
        for (index, arn) in record_entries() {
            let is_destination = destination.as_deref().is_some_and(|destination| arn == destination || arn.ends_with(&format!("/{destination}")));
            if !is_destination {
                found.add(Some(index), Cow::Borrowed(arn));
            }
        }
    }
    if planned.is_complete(&found) {
        found.arns
    } else {
        Vec::new()
    }
}

/// The ARNs found for an action so far, and which of its resource types they cover (a bit per
/// type; plans keep at most `MAX_TYPES` types).
struct Found<'a> {
    arns: Vec<Cow<'a, str>>,
    covered: u128,
}

/// Actions with more resource types than this are planned without resources (none exist today;
/// the most is 31).
const MAX_TYPES: usize = 128;

impl<'a> Found<'a> {
    fn add(&mut self, type_index: Option<usize>, arn: Cow<'a, str>) {
        if let Some(index) = type_index.filter(|index| *index < MAX_TYPES) {
            self.covered |= 1 << index;
        }
        if !self.arns.contains(&arn) {
            self.arns.push(arn);
        }
    }
}

/// The roles a call passes, from the members its PassRole row names.
fn passed_roles(row: &PassRoleRow, request: &RequestView<'_>, context: &Context<'_>) -> Vec<PassRole> {
    let mut roles = Vec::new();
    if row.paths.is_empty() {
        roles.extend(request.role_arns().into_iter().map(PassRole::Role));
    }
    for path in row.paths {
        let Some(value) = request.string_at(path) else {
            continue;
        };
        let (kind, wrap): (&str, fn(String) -> PassRole) = match row.passed {
            Passed::Role => ("role", PassRole::Role),
            Passed::InstanceProfile => ("instance-profile", PassRole::InstanceProfile),
        };
        let arn = if value.starts_with("arn:") || context.account.is_empty() {
            value.into_owned()
        } else {
            format!("arn:{}:iam::{}:{kind}/{}", context.partition, context.account, value.trim_start_matches('/'))
        };
        let role = wrap(arn);
        if !roles.contains(&role) {
            roles.push(role);
        }
    }
    if roles.is_empty() && row.always {
        roles.push(PassRole::Unnamed);
    }
    roles
}

/// Adds one required action per resource and passed role.
fn push_required<'m>(
    required: &mut Vec<RequiredAction<'m>>,
    action: Cow<'m, str>,
    resources: Vec<Cow<'m, str>>,
    pass_role: Option<&PassRoleRow>,
    request: &LazyRequest<'_>,
    context: &Context<'_>,
) {
    let roles = match pass_role {
        Some(row) => passed_roles(row, request.view(), context),
        None => Vec::new(),
    };
    let mut push = |resource: Option<Cow<'m, str>>| match roles.as_slice() {
        [] => required.push(RequiredAction { action: action.clone(), resource, passes_role: None }),
        roles => {
            for role in roles {
                required.push(RequiredAction { action: action.clone(), resource: resource.clone(), passes_role: Some(role.clone()) });
            }
        }
    };
    if resources.is_empty() {
        push(None);
    }
    resources.into_iter().for_each(|resource| push(Some(resource)));
}
