//! What principals did, folded into compact aggregates: one entry per distinct (principal,
//! action, resource, day, region, outcome, via-service) fact with a count and first/last seen.
//! `ActivityBuilder` folds records; `Activity` is the plain result the UI, the CLI and the
//! synthesis read.

use crate::catalog::Catalog;
use crate::fast::FastMap as HashMap;
use crate::fast::FastState;
use crate::hygiene::{Finding, HygieneTracker};
use crate::intern::{Interner, Sym};
pub use crate::mapping::denial::{action_in_denial_message, is_denial};
use crate::mapping::{self, EventFacts, Mapped, Mapper, NoPermissionReason, PassRole};
use crate::principal::{self, Caller, PrincipalFlags, PrincipalKind};
use crate::record::Record;
use crate::seen::{DeliveryKey, Seen, SeenIds};
use crate::timestamp::{Day, Timestamp};
use serde::{Deserialize, Serialize};

/// How a call ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    Success,
    /// Refused by authorization (`AccessDenied`, `Client.UnauthorizedOperation`, ...).
    Denied,
    /// Failed for another reason (validation, throttling, not found).
    Error,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    /// Distinct CloudTrail events read (duplicates removed).
    pub n_events: u64,
    /// Events dropped because their `eventID` was already seen.
    pub n_duplicates: u64,
    pub time_range: Option<TimeRange>,
    /// Sorted by ARN.
    pub principals: Vec<PrincipalActivity>,
    /// Events per IAM service prefix, sorted by prefix.
    pub services: Vec<ServiceCount>,
    /// Calls that need no permission, sorted by source and name.
    pub not_a_permission: Vec<EventCount>,
    /// Calls neither the rule nor the exception table could map, sorted by source and name.
    pub unmapped: Vec<EventCount>,
    /// Credential-hygiene findings (root use, long-term keys, missing MFA), sorted.
    #[serde(default)]
    pub findings: Vec<Finding>,
    /// Data events seen (S3 object-level, Lambda invoke, ...): without them, data access is
    /// missing from the evidence.
    #[serde(default)]
    pub n_data_events: u64,
    /// Events per region, sorted by region.
    #[serde(default)]
    pub regions: Vec<RegionCount>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegionCount {
    pub region: String,
    pub events: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeRange {
    pub from: Timestamp,
    pub until: Timestamp,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrincipalActivity {
    pub arn: String,
    pub kind: PrincipalKind,
    pub flags: PrincipalFlags,
    pub n_events: u64,
    /// Events that ended in an error (denied or otherwise).
    pub n_failed: u64,
    pub first_seen: Timestamp,
    pub last_seen: Timestamp,
    /// Sorted by action, resource, day, region, outcome, via-service.
    pub calls: Vec<ObservedCall>,
    /// The IP addresses calls came from (`sourceIPAddress` values that are addresses; AWS
    /// service names such as `s3.amazonaws.com` or `AWS Internal` are left out), sorted by
    /// address.
    #[serde(default)]
    pub source_ips: Vec<SourceIpCount>,
    /// Whether the calls carried multi-factor authentication (`aws:MultiFactorAuthPresent`).
    #[serde(default)]
    pub mfa: MfaCounts,
}

/// Calls from one source address.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SourceIpCount {
    pub address: String,
    pub count: u64,
}

/// Events by the state of `aws:MultiFactorAuthPresent`: temporary credentials carry it as true or
/// false (`sessionContext.attributes.mfaAuthenticated`); long-term access keys do not carry it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MfaCounts {
    pub with_mfa: u64,
    pub without_mfa: u64,
    pub key_absent: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ObservedCall {
    /// `service:Action`.
    pub action: String,
    /// The resource ARN, when known.
    pub resource: Option<String>,
    pub day: Day,
    pub region: String,
    pub outcome: Outcome,
    /// The service that made the call on the principal's behalf (`userIdentity.invokedBy`).
    pub via_service: Option<String>,
    /// The call also passed this IAM role (it needs `iam:PassRole` too).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub passes_role: Option<PassRole>,
    pub count: u64,
    pub first_seen: Timestamp,
    pub last_seen: Timestamp,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceCount {
    pub prefix: String,
    pub events: u64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventCount {
    #[serde(rename = "eventSource")]
    pub event_source: String,
    #[serde(rename = "eventName")]
    pub event_name: String,
    pub count: u64,
    /// Why no permission is needed (for `not_a_permission`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub reason: Option<String>,
}

impl Activity {
    pub fn principal(&self, arn: &str) -> Option<&PrincipalActivity> {
        self.principals.iter().find(|principal| principal.arn == arn)
    }
}

/// What happened to one record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Folded {
    Counted,
    Duplicate,
    /// A record that is not an event (no event source or name): digest files, other JSON.
    NotAnEvent,
    /// Counted as an event, but beyond a bound of what is kept (see `Limit`): the caller is not
    /// attributed, or the record is not counted at all (`Limit::EventName`).
    OverLimit(Limit),
}

/// Bounds on what one input can make the workbench hold. Resources are bounded by folding
/// (`Facts`); the strings a record names itself are bounded here, so that a small crafted file
/// (300,000 records, each with a distinct 8 KB ARN) cannot take gigabytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Limit {
    /// The caller's ARN is longer than any IAM principal's can be (`MAX_PRINCIPAL_ARN_CHARS`):
    /// the event counts, but is attributed to no principal.
    PrincipalArn,
    /// `MAX_PRINCIPALS` distinct principals, or `MAX_PRINCIPAL_ARN_BYTES` of their ARNs, are
    /// kept already: events of further ones count, but are attributed to no principal.
    Principals,
    /// The event source or name is longer than any AWS one (`MAX_EVENT_NAME_CHARS`): not an event.
    EventName,
    /// `MAX_LISTED_NAMES` distinct services, regions and event names are listed already: the
    /// event counts (and its principal's calls), but its new names are not listed.
    Names,
}

/// The longest principal ARN kept, in bytes. IAM allows a name of 64 characters and a path of
/// 512; with `arn:aws-us-gov:iam::123456789012:role` that is under 700.
pub const MAX_PRINCIPAL_ARN_CHARS: usize = 1024;

/// Distinct principals kept in full. The benchmarks read 100,000 in the page within its memory
/// budget; this is 2.5 times that.
pub const MAX_PRINCIPALS: usize = 250_000;

/// The distinct principals' ARNs kept, in bytes all together. Each ARN is copied a few times on
/// the way to a summary (the principal, its row, its warnings, the JSON), so this bounds those
/// copies too: 250,000 principals with ARNs of 1,000 characters took `iamwb summary` to 2.2 GB.
/// Real ARNs are under 100 characters: 100,000 principals take about a quarter of it.
pub const MAX_PRINCIPAL_ARN_BYTES: usize = 32 << 20;

/// The longest event source or event name taken as an event (AWS's are under 100 characters).
pub const MAX_EVENT_NAME_CHARS: usize = 256;

/// The longest region or invoking service kept; a longer one is taken as not given.
const MAX_NAME_CHARS: usize = 256;

/// Distinct names listed in the summary: services, regions, and the (event source, event name)
/// pairs that need no permission or could not be mapped. AWS has about 450 services and 35
/// regions, and a real trail a few thousand distinct calls; a crafted one could list millions.
pub const MAX_LISTED_NAMES: usize = 20_000;

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
struct FactKey {
    principal: Sym,
    action: Sym,
    resource: Option<Sym>,
    day: Day,
    region: Sym,
    outcome: Outcome,
    via_service: Option<Sym>,
    passes_role: Option<PassRoleKey>,
}

/// `PassRole` with an interned ARN.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum PassRoleKey {
    Role(Sym),
    InstanceProfile(Sym),
    Unnamed,
}

impl PassRoleKey {
    fn of(strings: &mut Interner, passes_role: &PassRole) -> PassRoleKey {
        match passes_role {
            PassRole::Role(arn) => PassRoleKey::Role(strings.intern(arn)),
            PassRole::InstanceProfile(arn) => PassRoleKey::InstanceProfile(strings.intern(arn)),
            PassRole::Unnamed => PassRoleKey::Unnamed,
        }
    }

    fn resolve(self, strings: &Interner) -> PassRole {
        match self {
            PassRoleKey::Role(sym) => PassRole::Role(strings.get(sym).to_owned()),
            PassRoleKey::InstanceProfile(sym) => PassRole::InstanceProfile(strings.get(sym).to_owned()),
            PassRoleKey::Unnamed => PassRole::Unnamed,
        }
    }
}

#[derive(Clone, Copy)]
struct FactValue {
    count: u64,
    first_seen: Timestamp,
    last_seen: Timestamp,
}

impl FactValue {
    fn merge(&mut self, other: FactValue) {
        self.count = self.count.saturating_add(other.count);
        self.first_seen = self.first_seen.earliest_known(other.first_seen);
        self.last_seen = self.last_seen.max(other.last_seen);
    }
}

/// Distinct facts kept per principal and S3 bucket on object ARNs before object keys are folded
/// into prefixes (see [`Facts`]).
pub const OBJECT_FACTS_PER_BUCKET: usize = 1000;

/// How much of an object key is kept, finest first: the whole key, then the first 3, 2, 1 and 0
/// directories followed by `*` (`arn:aws:s3:::b/logs/2026/11/a.gz` → `…b/logs/2026/11/*` →
/// `…b/logs/2026/*` → `…b/logs/*` → `…b/*`).
const OBJECT_LEVELS: [Option<usize>; 5] = [None, Some(3), Some(2), Some(1), Some(0)];

/// The facts being folded. Facts on S3 object ARNs are held per (principal, bucket): when one
/// such group holds more than `OBJECT_FACTS_PER_BUCKET` facts, all its object keys are cut to
/// the next coarser prefix level (merging facts that become equal), again until it fits or the
/// keys are down to `bucket/*`. Memory then grows with principals, buckets, actions and days,
/// not with distinct object keys. The result does not depend on the order of records (or
/// files): a group ends at the finest level at which all of its facts fit, whatever the order
/// they came in, because cutting a subset of keys never gives more distinct facts than cutting
/// all of them, and merging counts and first/last seen is commutative.
#[derive(Default)]
struct Facts {
    plain: HashMap<FactKey, FactValue>,
    objects: HashMap<(Sym, Sym), ObjectGroup>,
}

#[derive(Default)]
struct ObjectGroup {
    /// Index in `OBJECT_LEVELS`.
    level: usize,
    facts: HashMap<FactKey, FactValue>,
}

impl Facts {
    /// Adds a fact; `key.resource` is set from `resource`.
    fn add(&mut self, strings: &mut Interner, mut key: FactKey, resource: Option<&str>, value: FactValue) {
        let (Some(resource), Some((bucket, object_key))) = (resource, resource.and_then(split_object_arn)) else {
            key.resource = resource.map(|resource| strings.intern(resource));
            merge_fact(&mut self.plain, key, value);
            return;
        };
        let group = self.objects.entry((key.principal, strings.intern(bucket))).or_default();
        key.resource = Some(match OBJECT_LEVELS[group.level] {
            None => strings.intern(resource),
            Some(directories) => strings.intern(&object_prefix(bucket, object_key, directories)),
        });
        merge_fact(&mut group.facts, key, value);
        while group.facts.len() > OBJECT_FACTS_PER_BUCKET && group.level + 1 < OBJECT_LEVELS.len() {
            group.level += 1;
            let directories = OBJECT_LEVELS[group.level].unwrap_or(usize::MAX);
            let finer = std::mem::take(&mut group.facts);
            for (mut key, value) in finer {
                if let Some(resource) = key.resource {
                    let arn = strings.get(resource);
                    if let Some((bucket, object_key)) = split_object_arn(arn) {
                        let coarser = object_prefix(bucket, object_key, directories);
                        key.resource = Some(strings.intern(&coarser));
                    }
                }
                merge_fact(&mut group.facts, key, value);
            }
        }
    }

    /// Every fact, the maps freed as they are emptied.
    fn into_facts(self) -> impl Iterator<Item = (FactKey, FactValue)> {
        self.plain.into_iter().chain(self.objects.into_values().flat_map(|group| group.facts.into_iter()))
    }
}

fn merge_fact(facts: &mut HashMap<FactKey, FactValue>, key: FactKey, value: FactValue) {
    match facts.entry(key) {
        std::collections::hash_map::Entry::Occupied(mut entry) => entry.get_mut().merge(value),
        std::collections::hash_map::Entry::Vacant(entry) => {
            entry.insert(value);
        }
    }
}

/// `arn:aws:s3:::bucket/key` → (`arn:aws:s3:::bucket`, `key`): an S3 object ARN (no region or
/// account, a bucket and a non-empty key).
fn split_object_arn(arn: &str) -> Option<(&str, &str)> {
    let mut parts = arn.splitn(6, ':');
    let (Some("arn"), Some(_partition), Some("s3"), Some(""), Some(""), Some(resource)) =
        (parts.next(), parts.next(), parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let slash = resource.find('/')?;
    let (bucket, key) = (&resource[..slash], &resource[slash + 1..]);
    if bucket.is_empty() || key.is_empty() {
        return None;
    }
    Some((&arn[..arn.len() - resource.len() + slash], key))
}

/// The object ARN with its key cut to `directories` leading directories and `*`.
fn object_prefix(bucket: &str, key: &str, directories: usize) -> String {
    // Every '/' of a key ends a directory; keep up to the `directories`-th.
    let end = key.match_indices('/').take(directories).last().map_or(0, |(index, _)| index + 1);
    format!("{bucket}/{}*", &key[..end])
}

struct PrincipalEntry {
    source_ips: HashMap<Sym, u64>,
    mfa: MfaCounts,
    kind: PrincipalKind,
    flags: PrincipalFlags,
    n_events: u64,
    n_failed: u64,
    first_seen: Timestamp,
    last_seen: Timestamp,
}

/// Aggregated events summarise 5-minute windows.
const DATA_WINDOW_SECONDS: i64 = 300;

pub struct ActivityBuilder {
    /// Event → actions and resources, checked against the IAM catalog.
    mapper: Mapper<'static>,
    strings: Interner,
    facts: Facts,
    principals: HashMap<Sym, PrincipalEntry>,
    services: HashMap<Sym, u64>,
    not_a_permission: HashMap<(Sym, Sym, NoPermissionReason), u64>,
    unmapped: HashMap<(Sym, Sym), u64>,
    hygiene: HygieneTracker,
    n_data_events: u64,
    regions: HashMap<Sym, u64>,
    /// The `eventID`s seen (as 64-bit hashes): the one cost that grows with event count.
    seen_event_ids: SeenIds,
    /// Distinct principals kept, and the bytes of their ARNs; see `Limit::Principals`.
    max_principals: usize,
    principal_arn_bytes: usize,
    /// Entries made in the listed maps (services, regions, not-a-permission, unmapped).
    listed_names: usize,
    n_events: u64,
    n_duplicates: u64,
    /// Records kept though another, different record had their `eventID` first.
    n_shared_ids: u64,
    /// 5-minute windows with a data event, per event source and region (hashed): what
    /// aggregated events are checked against.
    data_windows: hashbrown::HashSet<u64, FastState>,
    time_range: Option<TimeRange>,
}

impl Default for ActivityBuilder {
    fn default() -> Self {
        ActivityBuilder::new()
    }
}

impl ActivityBuilder {
    /// A builder that maps events with the catalog compiled into the crate.
    pub fn new() -> Self {
        ActivityBuilder::with_catalog(Catalog::embedded())
    }

    /// A builder that maps events with this catalog (the web app's, fetched at start).
    pub fn with_catalog(catalog: &'static Catalog) -> Self {
        ActivityBuilder {
            mapper: Mapper::new(catalog),
            strings: Interner::default(),
            facts: Facts::default(),
            principals: HashMap::default(),
            services: HashMap::default(),
            not_a_permission: HashMap::default(),
            unmapped: HashMap::default(),
            hygiene: HygieneTracker::default(),
            n_data_events: 0,
            regions: HashMap::default(),
            seen_event_ids: SeenIds::default(),
            max_principals: MAX_PRINCIPALS,
            principal_arn_bytes: 0,
            listed_names: 0,
            n_events: 0,
            n_duplicates: 0,
            n_shared_ids: 0,
            data_windows: hashbrown::HashSet::default(),
            time_range: None,
        }
    }

    /// Keeps at most this many distinct principals (`MAX_PRINCIPALS` by default).
    pub fn max_principals(mut self, max_principals: usize) -> Self {
        self.max_principals = max_principals;
        self
    }

    fn data_window_key(&self, event_source: &str, region: &str, event_name: &str, window: i64) -> u64 {
        use std::hash::BuildHasher;
        self.data_windows.hasher().hash_one((event_source, region, event_name, window))
    }

    /// Whether a data event of this source, Region and name was read within `[from, until)`: the
    /// data events a call of an aggregated event summarises.
    pub fn saw_data_events(&self, event_source: &str, region: &str, event_name: &str, from: Timestamp, until: Timestamp) -> bool {
        let (first, last) = (from.0.div_euclid(DATA_WINDOW_SECONDS), (until.0 - 1).div_euclid(DATA_WINDOW_SECONDS));
        // A summary spans one window; a malformed one is not walked beyond a day.
        (first..=last.min(first + 288)).any(|window| self.data_windows.contains(&self.data_window_key(event_source, region, event_name, window)))
    }

    /// Notes an aggregated event by its `eventId`, window, source and Region; false when the
    /// same summary was seen before.
    pub fn first_aggregate(&mut self, event_id: &str, window_start: Timestamp, event_source: &str, region: &str) -> bool {
        let key = DeliveryKey { event_id, time: Ok(window_start.0), event_source, event_name: "AwsAggregatedEvent", principal: ("", "aggregate", region) };
        self.seen_event_ids.insert(&key) != Seen::Duplicate
    }

    /// Records kept so far though a different record had their `eventID` first (the ingest
    /// reports them once per file).
    pub fn shared_id_records(&self) -> u64 {
        self.n_shared_ids
    }

    pub fn fold(&mut self, record: &Record<'_>) -> Folded {
        let (Some(event_source), Some(event_name)) = (record.event_source.as_deref(), record.event_name.as_deref()) else {
            return Folded::NotAnEvent;
        };
        if event_source.len() > MAX_EVENT_NAME_CHARS || event_name.len() > MAX_EVENT_NAME_CHARS {
            return Folded::OverLimit(Limit::EventName);
        }
        // A record without a (readable) time counts, but does not stretch the time range.
        let known_time = record.time().and_then(Timestamp::parse).filter(|time| *time != Timestamp::UNKNOWN);
        if let Some(event_id) = record.event_id.as_deref().filter(|id| !id.is_empty()) {
            let key = DeliveryKey {
                event_id,
                time: known_time.map(|time| time.0).ok_or(record.time().unwrap_or("")),
                event_source,
                event_name,
                principal: crate::principal::caller_key(record.user_identity.as_ref()),
            };
            match self.seen_event_ids.insert(&key) {
                Seen::New => {}
                Seen::Duplicate => {
                    self.n_duplicates += 1;
                    return Folded::Duplicate;
                }
                Seen::SharedId => self.n_shared_ids += 1,
            }
        }
        self.n_events += 1;
        let time = known_time.unwrap_or(Timestamp::UNKNOWN);
        if let Some(time) = known_time {
            self.time_range = Some(match self.time_range {
                None => TimeRange { from: time, until: time },
                Some(range) => TimeRange { from: range.from.min(time), until: range.until.max(time) },
            });
        }
        let mut over_limit = None;
        let prefix = mapping::service_prefix(event_source);
        match self.listed_name(&prefix, |builder, sym| builder.services.contains_key(&sym)) {
            Some(prefix_sym) => *self.services.entry(prefix_sym).or_default() += 1,
            None => over_limit = Some(Limit::Names),
        }

        if record.event_category.as_deref() == Some("Data") {
            self.n_data_events += 1;
            if let Some(time) = known_time {
                let region = record.aws_region.as_deref().unwrap_or("");
                self.data_windows.insert(self.data_window_key(event_source, region, event_name, time.0.div_euclid(DATA_WINDOW_SECONDS)));
            }
        }
        if let Some(region) = record.aws_region.as_deref().filter(|region| !region.is_empty() && region.len() <= MAX_NAME_CHARS) {
            match self.listed_name(region, |builder, sym| builder.regions.contains_key(&sym)) {
                Some(region) => *self.regions.entry(region).or_default() += 1,
                None => over_limit = Some(Limit::Names),
            }
        }
        let identity = record.user_identity.as_ref();
        let caller = principal::attribute(identity, record.recipient_account_id.as_deref());
        let failed = record.error_code.as_deref().is_some_and(|code| !code.is_empty());
        let principal_sym = match &caller {
            Caller::Principal { arn, kind, flags } => match self.principal_entry(arn, *kind, flags, 1, failed, time, time) {
                Err(limit) => {
                    over_limit = over_limit.or(Some(limit));
                    None
                }
                Ok(sym) => {
                    let entry = self.principals.get_mut(&sym).expect("just made");
                    match identity
                        .and_then(|identity| identity.session_context.as_ref())
                        .and_then(|context| context.attributes.as_ref())
                        .and_then(|attributes| attributes.mfa_authenticated)
                    {
                        Some(true) => entry.mfa.with_mfa += 1,
                        Some(false) => entry.mfa.without_mfa += 1,
                        None => entry.mfa.key_absent += 1,
                    }
                    if let Some(address) = record.source_ip_address.as_deref().filter(|address| address.parse::<std::net::IpAddr>().is_ok()) {
                        let address_sym = self.strings.intern(address);
                        *entry.source_ips.entry(address_sym).or_default() += 1;
                    }
                    Some(sym)
                }
            },
            Caller::AwsService | Caller::NotAttributable(_) => None,
        };
        // A caller beyond a bound is held nowhere, credential hygiene included.
        if over_limit.is_none() {
            self.hygiene.observe(record, &caller);
        }

        let facts = EventFacts::of(record);
        let mapped = match caller {
            Caller::AwsService => Mapped::NoPermission(NoPermissionReason::AwsService),
            Caller::NotAttributable(_) => match self.mapper.map(&facts) {
                Mapped::NoPermission(reason) => Mapped::NoPermission(reason),
                _ => Mapped::NoPermission(NoPermissionReason::NotAttributable),
            },
            Caller::Principal { .. } => self.mapper.map(&facts),
        };
        match mapped {
            Mapped::NoPermission(reason) => {
                match self.listed_call(event_source, event_name, |builder, key| builder.not_a_permission.contains_key(&(key.0, key.1, reason))) {
                    Some((source_sym, name_sym)) => *self.not_a_permission.entry((source_sym, name_sym, reason)).or_default() += 1,
                    None => over_limit = over_limit.or(Some(Limit::Names)),
                }
            }
            Mapped::Unmapped => match self.listed_call(event_source, event_name, |builder, key| builder.unmapped.contains_key(&key)) {
                Some(key) => *self.unmapped.entry(key).or_default() += 1,
                None => over_limit = over_limit.or(Some(Limit::Names)),
            },
            Mapped::Actions(actions) => {
                let Some(principal) = principal_sym else {
                    return over_limit.map_or(Folded::Counted, Folded::OverLimit);
                };
                let outcome = match record.error_code.as_deref() {
                    None | Some("") => Outcome::Success,
                    Some(code) if is_denial(code) => Outcome::Denied,
                    Some(_) => Outcome::Error,
                };
                let region = self.strings.intern(record.aws_region.as_deref().filter(|region| region.len() <= MAX_NAME_CHARS).unwrap_or(""));
                let via_service = identity
                    .and_then(|identity| identity.invoked_by.as_deref())
                    .filter(|service| !service.is_empty() && service.len() <= MAX_NAME_CHARS)
                    .map(|service| self.strings.intern(service));
                // For refused calls the mapper has already put the action the error message
                // names (it may be a dependent action the event name does not show).
                for required in &actions {
                    let strings = &mut self.strings;
                    let key = FactKey {
                        principal,
                        action: strings.intern(&required.action),
                        resource: None,
                        day: time.day(),
                        region,
                        outcome,
                        via_service,
                        passes_role: required.passes_role.as_ref().map(|passes_role| PassRoleKey::of(strings, passes_role)),
                    };
                    self.facts.add(strings, key, required.resource.as_deref(), FactValue { count: 1, first_seen: time, last_seen: time });
                }
            }
        }
        over_limit.map_or(Folded::Counted, Folded::OverLimit)
    }

    pub fn n_events(&self) -> u64 {
        self.n_events
    }

    /// The id of a name for an entry of a listed map (`present` says whether the map has it):
    /// `None` when it would be a new entry and `MAX_LISTED_NAMES` are listed already. A name
    /// refused is not interned either.
    fn listed_name(&mut self, text: &str, present: impl Fn(&ActivityBuilder, Sym) -> bool) -> Option<Sym> {
        if let Some(sym) = self.strings.lookup(text) {
            if present(self, sym) {
                return Some(sym);
            }
        }
        if self.listed_names >= MAX_LISTED_NAMES {
            return None;
        }
        self.listed_names += 1;
        Some(self.strings.intern(text))
    }

    /// As `listed_name`, for an (event source, event name) pair.
    fn listed_call(&mut self, source: &str, name: &str, present: impl Fn(&ActivityBuilder, (Sym, Sym)) -> bool) -> Option<(Sym, Sym)> {
        if let (Some(source_sym), Some(name_sym)) = (self.strings.lookup(source), self.strings.lookup(name)) {
            if present(self, (source_sym, name_sym)) {
                return Some((source_sym, name_sym));
            }
        }
        if self.listed_names >= MAX_LISTED_NAMES {
            return None;
        }
        self.listed_names += 1;
        Some((self.strings.intern(source), self.strings.intern(name)))
    }

    /// The entry of a principal seen making `calls` calls (`failed` ones among them) between
    /// `first` and `last`, made on first sight; `Err` when the principal is beyond a bound.
    #[allow(clippy::too_many_arguments)]
    fn principal_entry(
        &mut self,
        arn: &str,
        kind: PrincipalKind,
        flags: &PrincipalFlags,
        calls: u64,
        failed: bool,
        first: Timestamp,
        last: Timestamp,
    ) -> Result<Sym, Limit> {
        if arn.len() > MAX_PRINCIPAL_ARN_CHARS {
            return Err(Limit::PrincipalArn);
        }
        let known = self.strings.lookup(arn).filter(|sym| self.principals.contains_key(sym));
        if known.is_none() {
            if self.principals.len() >= self.max_principals || self.principal_arn_bytes + arn.len() > MAX_PRINCIPAL_ARN_BYTES {
                return Err(Limit::Principals);
            }
            self.principal_arn_bytes += arn.len();
        }
        let sym = known.unwrap_or_else(|| self.strings.intern(arn));
        let entry = self.principals.entry(sym).or_insert(PrincipalEntry {
            source_ips: HashMap::default(),
            mfa: MfaCounts::default(),
            kind,
            flags: PrincipalFlags::default(),
            n_events: 0,
            n_failed: 0,
            first_seen: first,
            last_seen: last,
        });
        merge_flags(&mut entry.flags, flags);
        entry.n_events = entry.n_events.saturating_add(calls);
        if failed {
            entry.n_failed = entry.n_failed.saturating_add(calls);
        }
        entry.first_seen = entry.first_seen.earliest_known(first);
        entry.last_seen = entry.last_seen.max(last);
        Ok(sym)
    }

    pub fn finish(self) -> Activity {
        let ActivityBuilder {
            mapper,
            strings,
            facts,
            principals,
            services,
            not_a_permission,
            unmapped,
            hygiene,
            n_data_events,
            regions,
            seen_event_ids,
            max_principals: _,
            principal_arn_bytes: _,
            listed_names: _,
            n_events,
            n_duplicates,
            n_shared_ids: _,
            data_windows: _,
            time_range,
        } = self;
        // The result is written out next to the facts: the peak of memory is here. What only
        // reading needed goes first, and the facts are moved out of their maps (freed) into
        // compact lists per principal before they become `ObservedCall`s.
        drop(seen_event_ids);
        drop(mapper);
        let findings = hygiene.finish();
        let mut facts_by_principal: HashMap<Sym, Vec<(FactKey, FactValue)>> = HashMap::default();
        for (key, value) in facts.into_facts() {
            facts_by_principal.entry(key.principal).or_default().push((key, value));
        }
        let strings = &strings;
        let text = |sym: Sym| strings.get(sym).to_owned();
        let mut principals: Vec<PrincipalActivity> = principals
            .iter()
            .map(|(sym, entry)| {
                let arn = strings.get(*sym);
                let mut calls: Vec<ObservedCall> = facts_by_principal
                    .remove(sym)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(key, value)| ObservedCall {
                        action: text(key.action),
                        resource: key.resource.map(text),
                        day: key.day,
                        region: text(key.region),
                        outcome: key.outcome,
                        via_service: key.via_service.map(text),
                        passes_role: key.passes_role.map(|passes_role| passes_role.resolve(strings)),
                        count: value.count,
                        first_seen: value.first_seen,
                        last_seen: value.last_seen,
                    })
                    .collect();
                calls.sort();
                let mut source_ips: Vec<SourceIpCount> =
                    entry.source_ips.iter().map(|(address, count)| SourceIpCount { address: text(*address), count: *count }).collect();
                source_ips.sort();
                PrincipalActivity {
                    arn: arn.to_owned(),
                    kind: entry.kind,
                    flags: entry.flags,
                    n_events: entry.n_events,
                    n_failed: entry.n_failed,
                    first_seen: entry.first_seen,
                    last_seen: entry.last_seen,
                    calls,
                    source_ips,
                    mfa: entry.mfa,
                }
            })
            .collect();
        principals.sort_by(|left, right| left.arn.cmp(&right.arn));
        let mut services: Vec<ServiceCount> = services.iter().map(|(sym, events)| ServiceCount { prefix: text(*sym), events: *events }).collect();
        services.sort_by(|left, right| left.prefix.cmp(&right.prefix));
        let mut not_a_permission: Vec<EventCount> = not_a_permission
            .iter()
            .map(|((source, name, reason), count)| EventCount {
                event_source: text(*source),
                event_name: text(*name),
                count: *count,
                reason: Some(reason.as_str().to_owned()),
            })
            .collect();
        not_a_permission
            .sort_by(|left, right| (&left.event_source, &left.event_name, &left.reason).cmp(&(&right.event_source, &right.event_name, &right.reason)));
        let mut unmapped: Vec<EventCount> = unmapped
            .iter()
            .map(|((source, name), count)| EventCount { event_source: text(*source), event_name: text(*name), count: *count, reason: None })
            .collect();
        unmapped.sort_by(|left, right| (&left.event_source, &left.event_name).cmp(&(&right.event_source, &right.event_name)));
        let mut regions: Vec<RegionCount> = regions.iter().map(|(sym, events)| RegionCount { region: text(*sym), events: *events }).collect();
        regions.sort_by(|left, right| left.region.cmp(&right.region));
        Activity { findings, n_data_events, regions, n_events, n_duplicates, time_range, principals, services, not_a_permission, unmapped }
    }
}

fn merge_flags(into: &mut PrincipalFlags, from: &PrincipalFlags) {
    into.identity_center |= from.identity_center;
    into.service_linked |= from.service_linked;
    into.federated |= from.federated;
    into.cross_account |= from.cross_account;
    into.path_unknown |= from.path_unknown;
}

/// One row of the aggregated form of activity: one per principal, event, resource and error
/// code, with a count and first/last seen, as CloudTrail Lake or Athena return it for the query
/// the workbench writes (`principal_arn, event_source, event_name, resource_arn, error_code,
/// calls, first_seen, last_seen`). Partial rows (no principal, no times) are allowed.
#[derive(Clone, Copy, Debug, Default)]
pub struct AggregateRow<'r> {
    /// The caller: an IAM role or user ARN (an `assumed-role` session ARN is read as its role,
    /// path unknown).
    pub principal_arn: Option<&'r str>,
    pub event_source: &'r str,
    pub event_name: &'r str,
    pub resource_arn: Option<&'r str>,
    /// A second resource of the same calls (the Logs Insights query's `resources.1.ARN`).
    pub second_resource_arn: Option<&'r str>,
    /// The request members the row carries (the Logs Insights query's `rp_…` columns).
    pub request_parameters: Option<&'r serde_json::value::RawValue>,
    pub error_code: Option<&'r str>,
    pub region: Option<&'r str>,
    pub calls: u64,
    pub first_seen: Option<Timestamp>,
    pub last_seen: Option<Timestamp>,
}

impl ActivityBuilder {
    /// Folds an aggregated row as `calls` events between `first_seen` and `last_seen`. It goes
    /// through the same attribution and mapping as records: the row becomes a record whose
    /// identity is the one the ARN implies (`UserIdentity::from_arn`) and whose `resources` hold
    /// the row's resource, then `principal::attribute` and the mapper do the rest. The facts are
    /// filed under the day of `last_seen`, the most recent use. Rows carry no `eventID`, so they
    /// are not deduplicated, and no request parameters or user agent, so credential hygiene does
    /// not look at them.
    pub fn fold_aggregate(&mut self, row: &AggregateRow<'_>) -> Folded {
        if row.event_source.is_empty() || row.event_name.is_empty() {
            return Folded::NotAnEvent;
        }
        if row.event_source.len() > MAX_EVENT_NAME_CHARS || row.event_name.len() > MAX_EVENT_NAME_CHARS {
            return Folded::OverLimit(Limit::EventName);
        }
        fn text(value: &str) -> Option<crate::record::Str<'_>> {
            Some(crate::record::Str(std::borrow::Cow::Borrowed(value)))
        }
        let mut resources: Vec<crate::record::ResourceEntry<'_>> = [row.resource_arn, row.second_resource_arn]
            .into_iter()
            .flatten()
            .filter(|arn| !arn.is_empty())
            .map(|arn| crate::record::ResourceEntry { arn: text(arn), ..Default::default() })
            .collect();
        // A summary of S3 calls names the bucket (aggregated events, the query builder's rows):
        // its object calls were on objects of that bucket, as a data event's `resources[]` says
        // with an `AWS::S3::Object` entry beside the bucket's.
        let bucket_objects = row
            .resource_arn
            .filter(|arn| {
                row.event_source == "s3.amazonaws.com"
                    && arn.split(':').nth(2) == Some("s3")
                    && arn.rsplit(':').next().is_some_and(|name| !name.is_empty() && !name.contains('/'))
            })
            .map(|arn| format!("{arn}/*"));
        if let (Some(objects), Some(bucket), None) = (bucket_objects.as_deref(), resources.first_mut(), row.second_resource_arn) {
            bucket.resource_type = text("AWS::S3::Bucket");
            resources.push(crate::record::ResourceEntry { arn: text(objects), resource_type: text("AWS::S3::Object"), ..Default::default() });
        }
        let record = Record {
            event_source: text(row.event_source),
            event_name: text(row.event_name),
            aws_region: row.region.and_then(text),
            error_code: row.error_code.filter(|code| !code.is_empty()).and_then(text),
            request_parameters: row.request_parameters,
            resources: (!resources.is_empty()).then_some(resources),
            user_identity: row.principal_arn.filter(|arn| !arn.is_empty()).map(crate::record::UserIdentity::from_arn),
            ..Record::default()
        };
        let calls = row.calls;
        let first = row.first_seen.or(row.last_seen).unwrap_or(Timestamp::UNKNOWN);
        let last = row.last_seen.or(row.first_seen).unwrap_or(Timestamp::UNKNOWN);
        let (first, last) = (first.min(last), first.max(last));
        self.n_events = self.n_events.saturating_add(calls);
        if first != Timestamp::UNKNOWN {
            self.time_range = Some(match self.time_range {
                None => TimeRange { from: first, until: last },
                Some(range) => TimeRange { from: range.from.min(first), until: range.until.max(last) },
            });
        }
        let mut over_limit = None;
        let prefix = mapping::service_prefix(row.event_source);
        match self.listed_name(&prefix, |builder, sym| builder.services.contains_key(&sym)) {
            Some(prefix_sym) => {
                let services = self.services.entry(prefix_sym).or_default();
                *services = services.saturating_add(calls);
            }
            None => over_limit = Some(Limit::Names),
        }
        if let Some(region) = row.region.filter(|region| !region.is_empty() && region.len() <= MAX_NAME_CHARS) {
            match self.listed_name(region, |builder, sym| builder.regions.contains_key(&sym)) {
                Some(region) => {
                    let events = self.regions.entry(region).or_default();
                    *events = events.saturating_add(calls);
                }
                None => over_limit = Some(Limit::Names),
            }
        }

        let caller = principal::attribute(record.user_identity.as_ref(), None);
        let failed = record.error_code.is_some();
        // Aggregated rows carry neither source addresses nor the MFA state: they add nothing to
        // either (the MFA counts then cover fewer events).
        let principal_sym = match &caller {
            Caller::Principal { arn, kind, flags } => match self.principal_entry(arn, *kind, flags, calls, failed, first, last) {
                Ok(sym) => Some(sym),
                Err(limit) => {
                    over_limit = over_limit.or(Some(limit));
                    None
                }
            },
            Caller::AwsService | Caller::NotAttributable(_) => None,
        };
        let facts = EventFacts::of(&record);
        let mapped = match caller {
            Caller::AwsService => Mapped::NoPermission(NoPermissionReason::AwsService),
            Caller::NotAttributable(_) => match self.mapper.map(&facts) {
                Mapped::NoPermission(reason) => Mapped::NoPermission(reason),
                _ => Mapped::NoPermission(NoPermissionReason::NotAttributable),
            },
            Caller::Principal { .. } => self.mapper.map(&facts),
        };
        match mapped {
            Mapped::NoPermission(reason) => {
                match self.listed_call(row.event_source, row.event_name, |builder, key| builder.not_a_permission.contains_key(&(key.0, key.1, reason))) {
                    Some((source_sym, name_sym)) => {
                        let count = self.not_a_permission.entry((source_sym, name_sym, reason)).or_default();
                        *count = count.saturating_add(calls);
                    }
                    None => over_limit = over_limit.or(Some(Limit::Names)),
                }
            }
            Mapped::Unmapped => match self.listed_call(row.event_source, row.event_name, |builder, key| builder.unmapped.contains_key(&key)) {
                Some(key) => {
                    let count = self.unmapped.entry(key).or_default();
                    *count = count.saturating_add(calls);
                }
                None => over_limit = over_limit.or(Some(Limit::Names)),
            },
            Mapped::Actions(actions) => {
                let Some(principal) = principal_sym else {
                    return over_limit.map_or(Folded::Counted, Folded::OverLimit);
                };
                let outcome = match record.error_code.as_deref() {
                    None => Outcome::Success,
                    Some(code) if is_denial(code) => Outcome::Denied,
                    Some(_) => Outcome::Error,
                };
                let region = self.strings.intern(row.region.filter(|region| region.len() <= MAX_NAME_CHARS).unwrap_or(""));
                for required in &actions {
                    let key = FactKey {
                        principal,
                        action: self.strings.intern(&required.action),
                        resource: None,
                        day: last.day(),
                        region,
                        outcome,
                        via_service: None,
                        passes_role: required.passes_role.as_ref().map(|passes_role| PassRoleKey::of(&mut self.strings, passes_role)),
                    };
                    self.facts.add(&mut self.strings, key, required.resource.as_deref(), FactValue { count: calls, first_seen: first, last_seen: last });
                }
            }
        }
        over_limit.map_or(Folded::Counted, Folded::OverLimit)
    }
}
