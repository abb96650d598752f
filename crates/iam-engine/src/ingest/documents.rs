//! Whole documents that are not activity: IAM policy documents and `get-policy-version`,
//! `get-account-authorization-details`, Access Advisor reports, and IAM Access Analyzer's
//! generated policies and findings. Each is recognised by its keys (`kind_of`), read leniently
//! (a missing optional key is no error; a list given as one object is a list of one), and turned
//! into the plain data of `imported.rs`. Policy documents are read whatever their encoding:
//! object, JSON string or URL-encoded string (`Policy::parse_any`).

use super::imported::{
    placeholders, qualified_action, ActionLastAccessed, AttachedPolicy, Attachment, AuthorizationDetails, EntityKind, EntityLastAccessed, EntityPolicies,
    FindingSummary, IamEntity, ImportedPolicy, ManagedPolicy, NamedPolicy, PolicyOrigin, ServiceLastAccessed, UnusedAccessFinding, UnusedAction, UnusedService,
};
use super::values::Keys;
use super::{Format, Imported, ProblemKind};
use crate::policy::Policy;
use crate::timestamp::Timestamp;
use serde::de::value::{BorrowedStrDeserializer, MapAccessDeserializer, StringDeserializer};
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::marker::PhantomData;

/// The documents the workbench reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum DocumentKind {
    GeneratedPolicy,
    FindingList,
    /// `get-finding-v2` (and the version 1 `get-finding`, wrapped in `finding`).
    Finding,
    FindingV1,
    PolicyVersion,
    AuthorizationDetails,
    AccessAdvisor,
    PolicyDocument,
    /// `get-role-policy`, `get-user-policy`, `get-group-policy`.
    InlinePolicy,
}

impl DocumentKind {
    pub(super) fn describe(self) -> &'static str {
        match self {
            DocumentKind::GeneratedPolicy => "an IAM Access Analyzer generated policy",
            DocumentKind::FindingList => "a list of IAM Access Analyzer findings",
            DocumentKind::Finding | DocumentKind::FindingV1 => "an IAM Access Analyzer finding",
            DocumentKind::PolicyVersion => "a get-policy-version output",
            DocumentKind::AuthorizationDetails => "a get-account-authorization-details output",
            DocumentKind::AccessAdvisor => "an Access Advisor (service last accessed) report",
            DocumentKind::PolicyDocument => "a policy document",
            DocumentKind::InlinePolicy => "an inline policy",
        }
    }
}

/// What kind of document has these keys. `Err(Some(hint))` for outputs the workbench knows but
/// does not read, `Err(None)` for anything else.
pub(super) fn kind_of(keys: &Keys) -> Result<DocumentKind, Option<&'static str>> {
    if keys.has("generatedPolicyResult") {
        return Ok(DocumentKind::GeneratedPolicy);
    }
    if keys.has("findingDetails") || (keys.has("findingType") && keys.has("resource")) {
        return Ok(DocumentKind::Finding);
    }
    if keys.has("finding") {
        return Ok(DocumentKind::FindingV1);
    }
    if keys.has("findings") {
        return Ok(DocumentKind::FindingList);
    }
    if keys.has("PolicyVersion") {
        return Ok(DocumentKind::PolicyVersion);
    }
    if ["UserDetailList", "GroupDetailList", "RoleDetailList", "Policies"].iter().any(|key| keys.has(key)) {
        return Ok(DocumentKind::AuthorizationDetails);
    }
    if keys.has("ServicesLastAccessed") || keys.has("EntityDetailsList") || (keys.has("JobStatus") && keys.has("JobType")) {
        return Ok(DocumentKind::AccessAdvisor);
    }
    if keys.has("Statement") {
        return Ok(DocumentKind::PolicyDocument);
    }
    if keys.has("PolicyDocument") {
        return Ok(DocumentKind::InlinePolicy);
    }
    if keys.has("policyGenerations") {
        return Err(Some("an IAM Access Analyzer list-policy-generations output: it lists jobs only; run get-generated-policy --job-id … and add its output"));
    }
    if keys.0.len() == 1 && keys.has("jobId") {
        return Err(Some("an IAM Access Analyzer job id: run get-generated-policy --job-id … when the job is done and add its output"));
    }
    if keys.0.len() == 1 && keys.has("JobId") {
        return Err(Some("an Access Advisor job id: run get-service-last-accessed-details --job-id … and add its output"));
    }
    if keys.has("Role") || keys.has("User") || keys.has("Group") || keys.has("Policy") {
        return Err(Some(
            "a get-role, get-user, get-group or get-policy output: it holds no permissions; add get-account-authorization-details (or get-policy-version) instead",
        ));
    }
    Err(None)
}

pub(super) enum DocumentError {
    Json(serde_json::Error),
    /// A document of a known kind that holds nothing the workbench reads.
    Unsupported(String),
}

impl From<serde_json::Error> for DocumentError {
    fn from(error: serde_json::Error) -> Self {
        DocumentError::Json(error)
    }
}

/// What was taken from a document.
pub(super) struct Outcome {
    pub format: Format,
    pub items: u64,
    pub notes: Vec<(ProblemKind, String)>,
}

impl Outcome {
    fn new(format: Format) -> Self {
        Outcome { format, items: 0, notes: Vec::new() }
    }

    fn note(&mut self, kind: ProblemKind, message: String) {
        self.notes.push((kind, message));
    }
}

pub(super) fn read(kind: DocumentKind, bytes: &[u8], source_file: &str, imported: &mut Imported) -> Result<Outcome, DocumentError> {
    match kind {
        DocumentKind::GeneratedPolicy => generated_policy(bytes, source_file, imported),
        DocumentKind::FindingList => finding_list(bytes, source_file, imported),
        DocumentKind::Finding => {
            let finding: Finding = serde_json::from_slice(bytes)?;
            Ok(finding_detail(finding, source_file, imported))
        }
        DocumentKind::FindingV1 => {
            let wrapper: FindingV1 = serde_json::from_slice(bytes)?;
            Ok(finding_detail(wrapper.finding, source_file, imported))
        }
        DocumentKind::PolicyVersion => policy_version(bytes, source_file, imported),
        DocumentKind::AuthorizationDetails => authorization_details(bytes, source_file, imported),
        DocumentKind::AccessAdvisor => access_advisor(bytes, source_file, imported),
        DocumentKind::PolicyDocument => {
            let document = Policy::parse_any(&String::from_utf8_lossy(bytes))
                .map_err(|error| DocumentError::Unsupported(format!("a policy document that is not readable: {error}")))?;
            imported.policies.push(ImportedPolicy {
                source_file: source_file.to_owned(),
                origin: PolicyOrigin::Document,
                name: source_file.to_owned(),
                document,
            });
            Ok(Outcome { format: Format::IamPolicy, items: 1, notes: Vec::new() })
        }
        DocumentKind::InlinePolicy => inline_policy(bytes, source_file, imported),
    }
}

/// A timestamp given as text or as epoch seconds; anything unreadable is absent.
fn lenient_time<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Timestamp>, D::Error> {
    let value = Option::<crate::record::Str<'de>>::deserialize(deserializer)?;
    Ok(value.and_then(|text| Timestamp::parse(&text)))
}

/// A list, or one item where a list was expected (seen in the AWS CLI examples).
#[derive(Debug)]
struct OneOrMany<T>(Vec<T>);

impl<T> Default for OneOrMany<T> {
    fn default() -> Self {
        OneOrMany(Vec::new())
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for OneOrMany<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // A visitor rather than an untagged enum: untagged enums buffer their input, which
        // `RawValue` (the policy documents) does not survive.
        struct ListVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for ListVisitor<T> {
            type Value = OneOrMany<T>;
            fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
                formatter.write_str("a list, or a single item")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(OneOrMany(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map)).map(|item| OneOrMany(vec![item]))
            }
            fn visit_borrowed_str<E: de::Error>(self, value: &'de str) -> Result<Self::Value, E> {
                T::deserialize(BorrowedStrDeserializer::new(value)).map(|item| OneOrMany(vec![item]))
            }
            fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
                T::deserialize(StringDeserializer::new(value.to_owned())).map(|item| OneOrMany(vec![item]))
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(OneOrMany(Vec::new()))
            }
            fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(OneOrMany(Vec::new()))
            }
        }
        deserializer.deserialize_any(ListVisitor(PhantomData))
    }
}

/// A policy document in any encoding, or why it is not one.
fn parse_document(raw: Option<&RawValue>) -> Result<Policy, String> {
    match raw {
        Some(raw) => Policy::parse_any(raw.get()).map_err(|error| error.to_string()),
        None => Err("it has no document".to_owned()),
    }
}

// --- Access Analyzer: generated policies -------------------------------------------------------

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct GeneratedPolicyOutput<'a> {
    #[serde(borrow, default)]
    generated_policy_result: Option<GeneratedPolicyResult<'a>>,
    #[serde(default)]
    job_details: Option<JobDetails>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct GeneratedPolicyResult<'a> {
    #[serde(borrow, default)]
    generated_policies: OneOrMany<GeneratedPolicy<'a>>,
    #[serde(default)]
    properties: Option<GeneratedProperties>,
}

#[derive(Deserialize)]
struct GeneratedPolicy<'a> {
    #[serde(borrow, default)]
    policy: Option<&'a RawValue>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct GeneratedProperties {
    #[serde(default)]
    principal_arn: Option<String>,
    #[serde(default)]
    is_complete: Option<bool>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct JobDetails {
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    job_error: Option<JobError>,
}

#[derive(Deserialize)]
struct JobError {
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    message: Option<String>,
}

fn generated_policy(bytes: &[u8], source_file: &str, imported: &mut Imported) -> Result<Outcome, DocumentError> {
    let output: GeneratedPolicyOutput = serde_json::from_slice(bytes)?;
    let mut outcome = Outcome::new(Format::AccessAnalyzerGeneratedPolicy);
    if let Some(job) = &output.job_details {
        let status = job.status.as_deref().unwrap_or("");
        if !status.is_empty() && status != "SUCCEEDED" {
            let error = job
                .job_error
                .as_ref()
                .map(|error| format!(" ({}: {})", error.code.as_deref().unwrap_or(""), error.message.as_deref().unwrap_or("")))
                .unwrap_or_default();
            outcome.note(ProblemKind::Incomplete, format!("the policy generation job's status is {status}{error}: no policy, or a partial one"));
        }
    }
    let Some(result) = output.generated_policy_result else {
        return Ok(outcome);
    };
    let principal_arn = result.properties.as_ref().and_then(|properties| properties.principal_arn.clone());
    let is_complete = result.properties.as_ref().and_then(|properties| properties.is_complete);
    let parts = result.generated_policies.0.len() as u32;
    for (index, generated) in result.generated_policies.0.iter().enumerate() {
        let part = index as u32 + 1;
        match parse_document(generated.policy) {
            Ok(document) => {
                let text = serde_json::to_string(&document).unwrap_or_default();
                let subject = principal_arn.as_deref().unwrap_or("an unnamed principal");
                let name = if parts > 1 { format!("Generated for {subject} ({part} of {parts})") } else { format!("Generated for {subject}") };
                imported.policies.push(ImportedPolicy {
                    source_file: source_file.to_owned(),
                    origin: PolicyOrigin::AccessAnalyzerGenerated {
                        principal_arn: principal_arn.clone(),
                        placeholders: placeholders(&text),
                        part,
                        parts,
                        is_complete,
                    },
                    name,
                    document,
                });
                outcome.items += 1;
            }
            Err(error) => outcome.note(ProblemKind::BadRecord, format!("generated policy {part} of {parts} is not a readable policy document: {error}")),
        }
    }
    Ok(outcome)
}

// --- Access Analyzer: findings -----------------------------------------------------------------

#[derive(Deserialize)]
struct FindingList<'a> {
    #[serde(borrow, default)]
    findings: Vec<&'a RawValue>,
    #[serde(default, rename = "nextToken")]
    next_token: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Finding {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    resource: Option<String>,
    #[serde(default)]
    resource_type: Option<String>,
    #[serde(default)]
    resource_owner_account: Option<String>,
    #[serde(default)]
    status: Option<String>,
    #[serde(default)]
    finding_type: Option<String>,
    #[serde(default, deserialize_with = "lenient_time")]
    updated_at: Option<Timestamp>,
    #[serde(default)]
    finding_details: OneOrMany<FindingDetails>,
}

#[derive(Deserialize)]
struct FindingV1 {
    finding: Finding,
}

/// The union of finding details: exactly one key is set.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct FindingDetails {
    #[serde(default)]
    unused_permission_details: Option<UnusedPermissionDetails>,
    #[serde(default)]
    unused_iam_role_details: Option<LastAccessedDetails>,
    #[serde(default)]
    unused_iam_user_access_key_details: Option<LastAccessedDetails>,
    #[serde(default)]
    unused_iam_user_password_details: Option<LastAccessedDetails>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct UnusedPermissionDetails {
    #[serde(default)]
    service_namespace: String,
    #[serde(default)]
    actions: OneOrMany<UnusedActionDetails>,
    #[serde(default, deserialize_with = "lenient_time")]
    last_accessed: Option<Timestamp>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct UnusedActionDetails {
    #[serde(default)]
    action: String,
    #[serde(default, deserialize_with = "lenient_time")]
    last_accessed: Option<Timestamp>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct LastAccessedDetails {
    #[serde(default, deserialize_with = "lenient_time")]
    last_accessed: Option<Timestamp>,
    #[serde(default)]
    access_key_id: Option<String>,
}

fn summary_of(finding: &Finding, source_file: &str) -> FindingSummary {
    FindingSummary {
        source_file: source_file.to_owned(),
        id: finding.id.clone(),
        resource: finding.resource.clone(),
        resource_type: finding.resource_type.clone(),
        resource_owner_account: finding.resource_owner_account.clone(),
        status: finding.status.clone(),
        finding_type: finding.finding_type.clone(),
        updated_at: finding.updated_at,
    }
}

fn finding_list(bytes: &[u8], source_file: &str, imported: &mut Imported) -> Result<Outcome, DocumentError> {
    let list: FindingList = serde_json::from_slice(bytes)?;
    let mut outcome = Outcome::new(Format::AccessAnalyzerFindings);
    for raw in &list.findings {
        #[derive(Deserialize)]
        #[serde(rename_all = "camelCase")]
        struct ValidationProbe {
            #[serde(default)]
            issue_code: Option<IgnoredAny>,
        }
        if serde_json::from_str::<ValidationProbe>(raw.get()).is_ok_and(|probe| probe.issue_code.is_some()) {
            return Err(DocumentError::Unsupported(
                "an IAM Access Analyzer validate-policy output: the workbench checks policies itself; this is not an input it reads".to_owned(),
            ));
        }
        let finding: Finding = match serde_json::from_str(raw.get()) {
            Ok(finding) => finding,
            Err(error) => {
                outcome.note(ProblemKind::BadRecord, format!("a finding that is not readable: {}", super::values::json_problem(&error, None).1));
                continue;
            }
        };
        if finding.finding_details.0.is_empty() {
            imported.findings.push(summary_of(&finding, source_file));
            outcome.items += 1;
        } else {
            let detailed = finding_detail(finding, source_file, imported);
            outcome.items += detailed.items;
            outcome.notes.extend(detailed.notes);
        }
    }
    if list.next_token.is_some_and(|token| !token.is_empty()) {
        outcome.note(ProblemKind::Incomplete, "this is one page of findings (nextToken is set); add the other pages too".to_owned());
    }
    Ok(outcome)
}

fn finding_detail(finding: Finding, source_file: &str, imported: &mut Imported) -> Outcome {
    let mut outcome = Outcome::new(Format::AccessAnalyzerFinding);
    let finding_type = finding.finding_type.clone().unwrap_or_default();
    let unused = finding_type.starts_with("Unused") || finding.finding_details.0.iter().any(|details| details.unused_permission_details.is_some());
    let Some(resource) = finding.resource.clone().filter(|_| unused) else {
        imported.findings.push(summary_of(&finding, source_file));
        outcome.items = 1;
        return outcome;
    };
    let mut entry = UnusedAccessFinding {
        source_file: source_file.to_owned(),
        id: finding.id.clone(),
        resource,
        resource_type: finding.resource_type.clone(),
        status: finding.status.clone(),
        finding_type,
        actions: Vec::new(),
        unused_services: Vec::new(),
        last_accessed: None,
        access_key_id: None,
    };
    for details in finding.finding_details.0 {
        if let Some(permission) = details.unused_permission_details {
            let namespace = permission.service_namespace.trim().to_owned();
            if permission.actions.0.is_empty() {
                entry.unused_services.push(UnusedService { service_namespace: namespace, last_accessed: permission.last_accessed });
            } else {
                for action in permission.actions.0.into_iter().filter(|action| !action.action.trim().is_empty()) {
                    entry.actions.push(UnusedAction { action: qualified_action(&namespace, &action.action), last_accessed: action.last_accessed });
                }
            }
        }
        for other in
            [details.unused_iam_role_details, details.unused_iam_user_access_key_details, details.unused_iam_user_password_details].into_iter().flatten()
        {
            entry.last_accessed = entry.last_accessed.max(other.last_accessed);
            entry.access_key_id = entry.access_key_id.or(other.access_key_id);
        }
    }
    entry.actions.sort();
    entry.actions.dedup();
    entry.unused_services.sort();
    entry.unused_services.dedup();
    imported.unused_access.push(entry);
    outcome.items = 1;
    outcome
}

/// Pages of one finding (`get-finding-v2` pages its details) are merged; the result is sorted.
pub(super) fn merge_unused_access(mut findings: Vec<UnusedAccessFinding>) -> Vec<UnusedAccessFinding> {
    findings.sort_by(|left, right| (&left.resource, &left.id, &left.source_file).cmp(&(&right.resource, &right.id, &right.source_file)));
    let mut merged: Vec<UnusedAccessFinding> = Vec::with_capacity(findings.len());
    for finding in findings {
        match merged.last_mut() {
            Some(last) if last.id.is_some() && last.id == finding.id && last.resource == finding.resource => {
                last.actions.extend(finding.actions);
                last.actions.sort();
                last.actions.dedup();
                last.unused_services.extend(finding.unused_services);
                last.unused_services.sort();
                last.unused_services.dedup();
                last.last_accessed = last.last_accessed.max(finding.last_accessed);
            }
            _ => merged.push(finding),
        }
    }
    merged
}

// --- IAM: policy versions and inline policies ----------------------------------------------------

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct PolicyVersionOutput<'a> {
    #[serde(borrow)]
    policy_version: PolicyVersionDetail<'a>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct PolicyVersionDetail<'a> {
    #[serde(borrow, default)]
    document: Option<&'a RawValue>,
    #[serde(default)]
    version_id: Option<String>,
    #[serde(default)]
    is_default_version: Option<bool>,
}

fn policy_version(bytes: &[u8], source_file: &str, imported: &mut Imported) -> Result<Outcome, DocumentError> {
    let output: PolicyVersionOutput = serde_json::from_slice(bytes)?;
    let version = output.policy_version;
    let document = parse_document(version.document)
        .map_err(|error| DocumentError::Unsupported(format!("a get-policy-version output whose document is not readable: {error}")))?;
    let name = match &version.version_id {
        Some(version_id) => format!("{source_file} ({version_id})"),
        None => source_file.to_owned(),
    };
    imported.policies.push(ImportedPolicy {
        source_file: source_file.to_owned(),
        origin: PolicyOrigin::PolicyVersion { version_id: version.version_id, is_default: version.is_default_version },
        name,
        document,
    });
    Ok(Outcome { format: Format::IamPolicyVersion, items: 1, notes: Vec::new() })
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct InlinePolicyOutput<'a> {
    #[serde(default)]
    policy_name: Option<String>,
    #[serde(borrow, default)]
    policy_document: Option<&'a RawValue>,
    #[serde(default)]
    role_name: Option<String>,
    #[serde(default)]
    user_name: Option<String>,
    #[serde(default)]
    group_name: Option<String>,
}

fn inline_policy(bytes: &[u8], source_file: &str, imported: &mut Imported) -> Result<Outcome, DocumentError> {
    let output: InlinePolicyOutput = serde_json::from_slice(bytes)?;
    let document = parse_document(output.policy_document)
        .map_err(|error| DocumentError::Unsupported(format!("an inline policy whose document is not readable: {error}")))?;
    let owner = match (&output.role_name, &output.user_name, &output.group_name) {
        (Some(role), _, _) => format!(" of role {role}"),
        (_, Some(user), _) => format!(" of user {user}"),
        (_, _, Some(group)) => format!(" of group {group}"),
        _ => String::new(),
    };
    let name = format!("{}{owner}", output.policy_name.unwrap_or_else(|| source_file.to_owned()));
    imported.policies.push(ImportedPolicy { source_file: source_file.to_owned(), origin: PolicyOrigin::Document, name, document });
    Ok(Outcome { format: Format::IamPolicy, items: 1, notes: Vec::new() })
}

// --- IAM: authorization details ------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct AuthorizationDetailsOutput<'a> {
    #[serde(borrow, default)]
    user_detail_list: OneOrMany<EntityDetail<'a>>,
    #[serde(borrow, default)]
    group_detail_list: OneOrMany<EntityDetail<'a>>,
    #[serde(borrow, default)]
    role_detail_list: OneOrMany<EntityDetail<'a>>,
    #[serde(borrow, default)]
    policies: OneOrMany<PolicyDetail<'a>>,
    #[serde(default)]
    is_truncated: Option<bool>,
}

/// A user, group or role: the keys differ only by prefix.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct EntityDetail<'a> {
    #[serde(default)]
    arn: Option<String>,
    #[serde(default, alias = "RoleName", alias = "GroupName")]
    user_name: Option<String>,
    #[serde(default)]
    path: Option<String>,
    #[serde(borrow, default, alias = "RolePolicyList", alias = "GroupPolicyList")]
    user_policy_list: OneOrMany<InlinePolicyDetail<'a>>,
    #[serde(default)]
    group_list: OneOrMany<String>,
    #[serde(default)]
    attached_managed_policies: OneOrMany<AttachedManaged>,
    #[serde(default)]
    permissions_boundary: Option<Boundary>,
    #[serde(default)]
    role_last_used: Option<RoleLastUsed>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct InlinePolicyDetail<'a> {
    #[serde(default)]
    policy_name: Option<String>,
    #[serde(borrow, default)]
    policy_document: Option<&'a RawValue>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct AttachedManaged {
    #[serde(default)]
    policy_name: Option<String>,
    #[serde(default)]
    policy_arn: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct Boundary {
    #[serde(default)]
    permissions_boundary_arn: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct RoleLastUsed {
    #[serde(default, deserialize_with = "lenient_time")]
    last_used_date: Option<Timestamp>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct PolicyDetail<'a> {
    #[serde(default)]
    arn: Option<String>,
    #[serde(default)]
    policy_name: Option<String>,
    #[serde(default)]
    default_version_id: Option<String>,
    #[serde(borrow, default)]
    policy_version_list: OneOrMany<PolicyVersionDetail<'a>>,
}

fn authorization_details(bytes: &[u8], source_file: &str, imported: &mut Imported) -> Result<Outcome, DocumentError> {
    let output: AuthorizationDetailsOutput = serde_json::from_slice(bytes)?;
    let mut outcome = Outcome::new(Format::IamAuthorizationDetails);
    let lists = [(EntityKind::User, output.user_detail_list), (EntityKind::Group, output.group_detail_list), (EntityKind::Role, output.role_detail_list)];
    for (kind, list) in lists {
        for detail in list.0 {
            let Some(arn) = detail.arn.filter(|arn| !arn.is_empty()) else {
                outcome.note(ProblemKind::BadRecord, format!("a {} without an Arn: skipped", kind.as_str()));
                continue;
            };
            let name = detail.user_name.unwrap_or_else(|| crate::principal::name_of(&arn).unwrap_or(&arn).to_owned());
            let mut inline_policies = Vec::new();
            for inline in detail.user_policy_list.0 {
                let policy_name = inline.policy_name.unwrap_or_else(|| "(unnamed)".to_owned());
                match parse_document(inline.policy_document) {
                    Ok(document) => inline_policies.push(NamedPolicy { name: policy_name, document }),
                    Err(error) => outcome.note(
                        ProblemKind::BadRecord,
                        format!("{} {name}: inline policy {policy_name} is not a readable policy document ({error}): skipped", kind.as_str()),
                    ),
                }
            }
            let attached_policies = detail
                .attached_managed_policies
                .0
                .into_iter()
                .filter_map(|attached| Some(AttachedPolicy { name: attached.policy_name, arn: attached.policy_arn.filter(|arn| !arn.is_empty())? }))
                .collect();
            imported.authorization_details.entities.push(IamEntity {
                source_file: source_file.to_owned(),
                kind,
                arn,
                name,
                path: detail.path,
                inline_policies,
                attached_policies,
                groups: detail.group_list.0,
                permissions_boundary_arn: detail.permissions_boundary.and_then(|boundary| boundary.permissions_boundary_arn),
                last_used: detail.role_last_used.and_then(|used| used.last_used_date),
            });
            outcome.items += 1;
        }
    }
    for policy in output.policies.0 {
        let Some(arn) = policy.arn.filter(|arn| !arn.is_empty()) else {
            outcome.note(ProblemKind::BadRecord, "a managed policy without an Arn: skipped".to_owned());
            continue;
        };
        let name = policy.policy_name.unwrap_or_else(|| arn.rsplit('/').next().unwrap_or(&arn).to_owned());
        let versions = &policy.policy_version_list.0;
        let default = versions
            .iter()
            .find(|version| version.is_default_version == Some(true))
            .or_else(|| versions.iter().find(|version| version.version_id.is_some() && version.version_id == policy.default_version_id));
        let document = match default {
            Some(version) => match parse_document(version.document) {
                Ok(document) => Some(document),
                Err(error) => {
                    outcome.note(ProblemKind::BadRecord, format!("managed policy {name}: its default version is not a readable policy document ({error})"));
                    None
                }
            },
            None => None,
        };
        imported.authorization_details.managed_policies.push(ManagedPolicy {
            source_file: source_file.to_owned(),
            arn,
            name,
            default_version_id: policy.default_version_id,
            document,
        });
        outcome.items += 1;
    }
    if output.is_truncated == Some(true) {
        outcome.note(ProblemKind::Incomplete, "this is one page of the authorization details (IsTruncated is true); add the other pages too".to_owned());
    }
    Ok(outcome)
}

/// Sorted by ARN; when several files name one ARN, the first one read wins.
pub(super) fn finish_authorization_details(mut details: AuthorizationDetails) -> AuthorizationDetails {
    details.entities.sort_by(|left, right| left.arn.cmp(&right.arn));
    details.entities.dedup_by(|later, earlier| later.arn == earlier.arn);
    details.managed_policies.sort_by(|left, right| left.arn.cmp(&right.arn));
    details.managed_policies.dedup_by(|later, earlier| later.arn == earlier.arn);
    details
}

/// What applies to one user or role.
pub(super) fn entity_policies(details: &AuthorizationDetails, arn: &str) -> Option<EntityPolicies> {
    let entity = details.entities.iter().find(|entity| entity.arn == arn && entity.kind != EntityKind::Group)?;
    let managed: BTreeMap<&str, &ManagedPolicy> = details.managed_policies.iter().map(|policy| (policy.arn.as_str(), policy)).collect();
    let mut policies = Vec::new();
    let mut missing_managed = BTreeSet::new();
    let mut missing_groups = BTreeSet::new();
    let add = |source_file: &str, name: String, document: Policy, attachment: Attachment, policies: &mut Vec<ImportedPolicy>| {
        policies.push(ImportedPolicy {
            source_file: source_file.to_owned(),
            origin: PolicyOrigin::AuthorizationDetails { entity_arn: entity.arn.clone(), attachment },
            name,
            document,
        });
    };
    for inline in &entity.inline_policies {
        add(&entity.source_file, inline.name.clone(), inline.document.clone(), Attachment::Inline, &mut policies);
    }
    let mut attach_managed = |attached: &AttachedPolicy, group: Option<&str>, policies: &mut Vec<ImportedPolicy>| match managed.get(attached.arn.as_str()) {
        Some(ManagedPolicy { source_file, name, document: Some(document), .. }) => {
            let attachment = match group {
                Some(group) => Attachment::GroupManaged { group: group.to_owned(), policy_arn: attached.arn.clone() },
                None => Attachment::Managed { policy_arn: attached.arn.clone() },
            };
            add(source_file, name.clone(), document.clone(), attachment, policies);
        }
        _ => {
            missing_managed.insert(attached.arn.clone());
        }
    };
    for attached in &entity.attached_policies {
        attach_managed(attached, None, &mut policies);
    }
    for group_name in &entity.groups {
        let group = details.entities.iter().find(|candidate| candidate.kind == EntityKind::Group && &candidate.name == group_name);
        let Some(group) = group else {
            missing_groups.insert(group_name.clone());
            continue;
        };
        for inline in &group.inline_policies {
            policies.push(ImportedPolicy {
                source_file: group.source_file.clone(),
                origin: PolicyOrigin::AuthorizationDetails {
                    entity_arn: entity.arn.clone(),
                    attachment: Attachment::GroupInline { group: group.name.clone() },
                },
                name: inline.name.clone(),
                document: inline.document.clone(),
            });
        }
        for attached in &group.attached_policies {
            attach_managed(attached, Some(&group.name), &mut policies);
        }
    }
    Some(EntityPolicies {
        arn: entity.arn.clone(),
        kind: entity.kind,
        name: entity.name.clone(),
        policies,
        missing_managed_policies: missing_managed.into_iter().collect(),
        missing_groups: missing_groups.into_iter().collect(),
        permissions_boundary_arn: entity.permissions_boundary_arn.clone(),
    })
}

// --- IAM: Access Advisor -------------------------------------------------------------------------

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct AccessAdvisorOutput {
    #[serde(default)]
    job_status: Option<String>,
    #[serde(default)]
    services_last_accessed: OneOrMany<ServiceDetail>,
    #[serde(default)]
    entity_details_list: OneOrMany<EntityDetails>,
    #[serde(default)]
    is_truncated: Option<bool>,
    #[serde(default)]
    error: Option<AdvisorError>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct AdvisorError {
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    code: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct ServiceDetail {
    #[serde(default)]
    service_name: Option<String>,
    #[serde(default)]
    service_namespace: Option<String>,
    #[serde(default, deserialize_with = "lenient_time")]
    last_authenticated: Option<Timestamp>,
    #[serde(default)]
    last_authenticated_entity: Option<String>,
    #[serde(default)]
    last_authenticated_region: Option<String>,
    #[serde(default)]
    total_authenticated_entities: Option<u64>,
    #[serde(default)]
    tracked_actions_last_accessed: OneOrMany<TrackedAction>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct TrackedAction {
    #[serde(default)]
    action_name: Option<String>,
    #[serde(default)]
    last_accessed_entity: Option<String>,
    #[serde(default, deserialize_with = "lenient_time")]
    last_accessed_time: Option<Timestamp>,
    #[serde(default)]
    last_accessed_region: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct EntityDetails {
    #[serde(default)]
    entity_info: Option<EntityInfo>,
    #[serde(default, deserialize_with = "lenient_time")]
    last_authenticated: Option<Timestamp>,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct EntityInfo {
    #[serde(default)]
    arn: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default, rename = "Type")]
    entity_type: Option<String>,
}

fn access_advisor(bytes: &[u8], source_file: &str, imported: &mut Imported) -> Result<Outcome, DocumentError> {
    let output: AccessAdvisorOutput = serde_json::from_slice(bytes)?;
    let mut outcome = Outcome::new(Format::AccessAdvisor);
    match output.job_status.as_deref() {
        Some("IN_PROGRESS") => outcome
            .note(ProblemKind::Incomplete, "the Access Advisor job has not finished (JobStatus IN_PROGRESS); run the command again when it has".to_owned()),
        Some("FAILED") => {
            let reason = output
                .error
                .as_ref()
                .map(|error| format!(": {} {}", error.code.as_deref().unwrap_or(""), error.message.as_deref().unwrap_or("")))
                .unwrap_or_default();
            outcome.note(ProblemKind::Incomplete, format!("the Access Advisor job failed{reason}"));
        }
        _ => {}
    }
    for service in output.services_last_accessed.0 {
        let Some(namespace) = service.service_namespace.filter(|namespace| !namespace.is_empty()) else {
            outcome.note(ProblemKind::BadRecord, "a service without a ServiceNamespace: skipped".to_owned());
            continue;
        };
        let mut actions: Vec<ActionLastAccessed> = service
            .tracked_actions_last_accessed
            .0
            .into_iter()
            .filter_map(|action| {
                Some(ActionLastAccessed {
                    action: qualified_action(&namespace, action.action_name.as_deref().filter(|name| !name.is_empty())?),
                    last_accessed: action.last_accessed_time,
                    entity: action.last_accessed_entity,
                    region: action.last_accessed_region,
                })
            })
            .collect();
        actions.sort();
        imported.last_accessed.push(ServiceLastAccessed {
            source_file: source_file.to_owned(),
            service_namespace: namespace,
            service_name: service.service_name,
            last_authenticated: service.last_authenticated,
            last_authenticated_entity: service.last_authenticated_entity,
            last_authenticated_region: service.last_authenticated_region,
            total_authenticated_entities: service.total_authenticated_entities,
            actions,
        });
        outcome.items += 1;
    }
    for entity in output.entity_details_list.0 {
        let Some(info) = entity.entity_info else {
            continue;
        };
        let Some(arn) = info.arn.filter(|arn| !arn.is_empty()) else {
            continue;
        };
        imported.last_accessed_entities.push(EntityLastAccessed {
            source_file: source_file.to_owned(),
            arn,
            name: info.name,
            entity_type: info.entity_type,
            last_authenticated: entity.last_authenticated,
        });
        outcome.items += 1;
    }
    if output.is_truncated == Some(true) {
        outcome.note(ProblemKind::Incomplete, "this is one page of the report (IsTruncated is true); add the other pages too".to_owned());
    }
    Ok(outcome)
}
