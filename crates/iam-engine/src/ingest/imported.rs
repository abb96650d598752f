//! Plain data read from inputs that are not activity: policies (IAM documents, policy versions,
//! IAM Access Analyzer generated policies), Access Analyzer findings, IAM authorization details
//! and Access Advisor (service last accessed) reports. They travel from the web worker to the
//! page as JSON, so every type is serde data with sorted, deterministic contents.

use crate::policy::Policy;
use crate::timestamp::Timestamp;
use serde::{Deserialize, Serialize};

/// A policy document taken from an input, ready to be edited or compared.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportedPolicy {
    /// The file it came from.
    pub source_file: String,
    pub origin: PolicyOrigin,
    /// A name to show: the policy's own name when the input has one, else one derived from the
    /// file and origin.
    pub name: String,
    pub document: Policy,
}

/// Where an imported policy came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum PolicyOrigin {
    /// `aws accessanalyzer get-generated-policy`: one of `parts` policies (Access Analyzer splits
    /// policies beyond the size limit), generated for `principal_arn`.
    AccessAnalyzerGenerated {
        principal_arn: Option<String>,
        /// `${…}` resource placeholders left for the user to fill in, sorted (`${Account}`,
        /// `${BucketName}`).
        placeholders: Vec<String>,
        part: u32,
        parts: u32,
        /// False when Access Analyzer reported that the generation is incomplete.
        is_complete: Option<bool>,
    },
    /// `aws iam get-policy-version`.
    PolicyVersion { version_id: Option<String>, is_default: Option<bool> },
    /// A policy document on its own (an object, a JSON string or a URL-encoded string), or the
    /// output of `get-role-policy`/`get-user-policy`/`get-group-policy`.
    Document,
    /// A policy of an entity of `get-account-authorization-details`.
    AuthorizationDetails { entity_arn: String, attachment: Attachment },
}

/// How a policy applies to a user or role in `get-account-authorization-details`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Attachment {
    /// An inline policy of the entity itself.
    Inline,
    /// A managed policy attached to the entity (its default version).
    Managed { policy_arn: String },
    /// An inline policy of a group the user belongs to.
    GroupInline { group: String },
    /// A managed policy attached to a group the user belongs to.
    GroupManaged { group: String, policy_arn: String },
}

/// One entry of `list-findings-v2` (or `list-findings`), or a `get-finding(-v2)` that is not
/// about unused access.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct FindingSummary {
    pub source_file: String,
    pub id: Option<String>,
    /// The resource the finding is about: for unused-access findings, the principal's ARN.
    pub resource: Option<String>,
    pub resource_type: Option<String>,
    pub resource_owner_account: Option<String>,
    /// `ACTIVE`, `ARCHIVED`, `RESOLVED`.
    pub status: Option<String>,
    /// `UnusedPermission`, `UnusedIAMRole`, `ExternalAccess`, ... (absent in version 1 lists).
    pub finding_type: Option<String>,
    pub updated_at: Option<Timestamp>,
}

/// An unused-access finding of IAM Access Analyzer (`get-finding-v2`): what to remove.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnusedAccessFinding {
    pub source_file: String,
    pub id: Option<String>,
    /// The principal's ARN.
    pub resource: String,
    pub resource_type: Option<String>,
    pub status: Option<String>,
    /// `UnusedPermission`, `UnusedIAMRole`, `UnusedIAMUserAccessKey`, `UnusedIAMUserPassword`.
    pub finding_type: String,
    /// Unused actions, always `service:Action`, sorted.
    pub actions: Vec<UnusedAction>,
    /// Services none of whose actions were used (the finding lists no actions for them), sorted.
    pub unused_services: Vec<UnusedService>,
    /// For unused roles, access keys and passwords: when last used, if ever.
    pub last_accessed: Option<Timestamp>,
    /// For unused access keys.
    pub access_key_id: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct UnusedAction {
    /// `s3:PutObject`.
    pub action: String,
    pub last_accessed: Option<Timestamp>,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct UnusedService {
    /// The IAM service prefix (`s3`).
    pub service_namespace: String,
    pub last_accessed: Option<Timestamp>,
}

/// Users, groups, roles and managed policies from `get-account-authorization-details`, merged
/// over every file (pages of one account's output, or several accounts). Use
/// `Analysis::entity_policies` to resolve what applies to one user or role.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthorizationDetails {
    /// Sorted by ARN; the first file that names an ARN wins.
    pub entities: Vec<IamEntity>,
    /// Sorted by ARN.
    pub managed_policies: Vec<ManagedPolicy>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntityKind {
    User,
    Group,
    Role,
}

impl EntityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::User => "user",
            EntityKind::Group => "group",
            EntityKind::Role => "role",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IamEntity {
    pub source_file: String,
    pub kind: EntityKind,
    pub arn: String,
    pub name: String,
    pub path: Option<String>,
    /// Inline policies, in the order of the input.
    pub inline_policies: Vec<NamedPolicy>,
    /// Attached managed policies, in the order of the input.
    pub attached_policies: Vec<AttachedPolicy>,
    /// For users: the names of their groups.
    pub groups: Vec<String>,
    pub permissions_boundary_arn: Option<String>,
    /// For roles: `RoleLastUsed.LastUsedDate`.
    pub last_used: Option<Timestamp>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedPolicy {
    pub name: String,
    pub document: Policy,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct AttachedPolicy {
    pub name: Option<String>,
    pub arn: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManagedPolicy {
    pub source_file: String,
    pub arn: String,
    pub name: String,
    pub default_version_id: Option<String>,
    /// The default version's document, when the output includes it.
    pub document: Option<Policy>,
}

/// What applies to one user or role, resolved from the authorization details.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityPolicies {
    pub arn: String,
    pub kind: EntityKind,
    pub name: String,
    /// Inline, then attached managed, then group policies, each in input order.
    pub policies: Vec<ImportedPolicy>,
    /// Attached managed policies whose document is not in the inputs (AWS managed policies are
    /// only included with `--filter AWSManagedPolicy`), sorted.
    pub missing_managed_policies: Vec<String>,
    /// Groups of the user that are not in the inputs, sorted.
    pub missing_groups: Vec<String>,
    pub permissions_boundary_arn: Option<String>,
}

/// Policies from the inputs that can stand for a principal's existing policy, to compare with
/// (`iamwb diff` without `--policy`, the page's diff panel).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicySource {
    pub kind: PolicySourceKind,
    /// The file (for a policy file), or the user's or role's ARN (for authorization details).
    pub label: String,
    /// Every document, in order; never empty.
    pub policies: Vec<ImportedPolicy>,
    /// Managed policies and groups that apply but are not in the inputs, sorted.
    pub missing: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PolicySourceKind {
    /// What `get-account-authorization-details` says applies to the principal now.
    AuthorizationDetails,
    /// An Access Analyzer generated policy (for this principal, or naming none).
    AccessAnalyzer,
    /// A policy document or `get-policy-version` output.
    PolicyFile,
}

/// The sources for `principal_arn`: its authorization details first (what applies now), then
/// each file of policies in file order. Access Analyzer policies generated for another principal
/// are left out.
pub fn policy_sources(policies: &[ImportedPolicy], entity: Option<EntityPolicies>, principal_arn: &str) -> Vec<PolicySource> {
    let mut sources = Vec::new();
    if let Some(entity) = entity.filter(|entity| !entity.policies.is_empty()) {
        let missing = entity.missing();
        sources.push(PolicySource { kind: PolicySourceKind::AuthorizationDetails, label: entity.arn, policies: entity.policies, missing });
    }
    for policy in policies {
        let kind = match &policy.origin {
            PolicyOrigin::AccessAnalyzerGenerated { principal_arn: Some(generated_for), .. } if generated_for != principal_arn => continue,
            PolicyOrigin::AccessAnalyzerGenerated { .. } => PolicySourceKind::AccessAnalyzer,
            PolicyOrigin::PolicyVersion { .. } | PolicyOrigin::Document => PolicySourceKind::PolicyFile,
            PolicyOrigin::AuthorizationDetails { .. } => continue,
        };
        match sources.last_mut() {
            Some(source) if source.kind == kind && source.label == policy.source_file => source.policies.push(policy.clone()),
            _ => sources.push(PolicySource { kind, label: policy.source_file.clone(), policies: vec![policy.clone()], missing: Vec::new() }),
        }
    }
    sources
}

impl EntityPolicies {
    /// Managed policies and groups that apply but whose documents are not in the inputs, sorted.
    pub fn missing(&self) -> Vec<String> {
        let mut missing: Vec<String> = self.missing_managed_policies.iter().chain(&self.missing_groups).cloned().collect();
        missing.sort();
        missing
    }
}

/// One service of an Access Advisor report (`get-service-last-accessed-details`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ServiceLastAccessed {
    pub source_file: String,
    pub service_namespace: String,
    pub service_name: Option<String>,
    /// `None`: not used in the tracking period.
    pub last_authenticated: Option<Timestamp>,
    pub last_authenticated_entity: Option<String>,
    pub last_authenticated_region: Option<String>,
    pub total_authenticated_entities: Option<u64>,
    /// Action-level data (for the services Access Advisor tracks by action), sorted.
    pub actions: Vec<ActionLastAccessed>,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ActionLastAccessed {
    /// `s3:GetObject`.
    pub action: String,
    pub last_accessed: Option<Timestamp>,
    pub entity: Option<String>,
    pub region: Option<String>,
}

/// One entity of `get-service-last-accessed-details-with-entities`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct EntityLastAccessed {
    pub source_file: String,
    pub arn: String,
    pub name: Option<String>,
    /// `USER`, `ROLE`, `GROUP`.
    pub entity_type: Option<String>,
    pub last_authenticated: Option<Timestamp>,
}

/// `${…}` placeholders in a policy text (Access Analyzer writes `${Region}`, `${Account}`,
/// `${BucketName}` where it could not name a resource), sorted and without duplicates.
pub fn placeholders(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        let after = &rest[start + 2..];
        match after.find('}') {
            Some(end) if end > 0 && !after[..end].contains(['{', '"']) => {
                found.push(format!("${{{}}}", &after[..end]));
                rest = &after[end + 1..];
            }
            _ => rest = after,
        }
    }
    found.sort();
    found.dedup();
    found
}

/// `PutObject` in namespace `s3` → `s3:PutObject`; `s3:PutObject` stays as it is (whether Access
/// Analyzer prefixes action names is not documented, so both are read).
pub fn qualified_action(service_namespace: &str, action: &str) -> String {
    let action = action.trim();
    if action.contains(':') || service_namespace.is_empty() {
        action.to_owned()
    } else {
        format!("{service_namespace}:{action}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_found_sorted_and_unique() {
        assert_eq!(
            placeholders(r#"["arn:aws:s3:::${BucketName}/*","arn:aws:ec2:${Region}:${Account}:instance/${InstanceId}","${Region}","${","${}"]"#),
            vec!["${Account}", "${BucketName}", "${InstanceId}", "${Region}"]
        );
        assert!(placeholders("no placeholders").is_empty());
    }

    fn imported(source_file: &str, origin: PolicyOrigin) -> ImportedPolicy {
        ImportedPolicy { source_file: source_file.to_owned(), origin, name: source_file.to_owned(), document: Policy::new(Vec::new()) }
    }

    fn generated_for(principal_arn: Option<&str>) -> PolicyOrigin {
        PolicyOrigin::AccessAnalyzerGenerated {
            principal_arn: principal_arn.map(str::to_owned),
            placeholders: Vec::new(),
            part: 1,
            parts: 1,
            is_complete: None,
        }
    }

    #[test]
    fn policy_sources_put_authorization_details_first_and_group_files() {
        const ROLE: &str = "arn:aws:iam::111122223333:role/app";
        let policies = vec![
            imported("a.json", generated_for(Some(ROLE))),
            imported("a.json", generated_for(Some(ROLE))),
            imported("b.json", generated_for(Some("arn:aws:iam::111122223333:role/other"))),
            imported("c.json", PolicyOrigin::Document),
            imported("d.json", generated_for(None)),
        ];
        let entity = EntityPolicies {
            arn: ROLE.to_owned(),
            kind: EntityKind::Role,
            name: "app".to_owned(),
            policies: vec![imported("details.json", PolicyOrigin::AuthorizationDetails { entity_arn: ROLE.to_owned(), attachment: Attachment::Inline })],
            missing_managed_policies: vec!["arn:aws:iam::aws:policy/ReadOnlyAccess".to_owned()],
            missing_groups: Vec::new(),
            permissions_boundary_arn: None,
        };
        let sources = policy_sources(&policies, Some(entity), ROLE);
        let shape: Vec<(PolicySourceKind, &str, usize)> = sources.iter().map(|source| (source.kind, source.label.as_str(), source.policies.len())).collect();
        assert_eq!(
            shape,
            vec![
                (PolicySourceKind::AuthorizationDetails, ROLE, 1),
                (PolicySourceKind::AccessAnalyzer, "a.json", 2),
                (PolicySourceKind::PolicyFile, "c.json", 1),
                (PolicySourceKind::AccessAnalyzer, "d.json", 1),
            ]
        );
        assert_eq!(sources[0].missing, vec!["arn:aws:iam::aws:policy/ReadOnlyAccess"]);
        assert!(policy_sources(&[], None, ROLE).is_empty());
    }

    #[test]
    fn actions_are_qualified_once() {
        assert_eq!(qualified_action("s3", "PutObject"), "s3:PutObject");
        assert_eq!(qualified_action("s3", "s3:PutObject"), "s3:PutObject");
        assert_eq!(qualified_action("", "PutObject"), "PutObject");
    }
}
