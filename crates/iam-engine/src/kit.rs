//! The resource kit: a ReadOnly and a ReadWrite policy for one resource, from the catalog alone
//! (no logs needed), for the users' rule "create the policies with the resource, delete them
//! with it".
//!
//! ReadOnly holds the List and Read actions of the resource's service whose resource types the
//! ARN is (`Catalog::resource_types_for_arn`); ReadWrite adds Write and Tagging; Permissions
//! management only when asked. Resources *inside* the given one get their own statements: a
//! bucket's objects (`bucket/*`), a table's indexes and streams, a log group's streams — any
//! resource type of the service whose ARN format extends the resource's format.

use crate::catalog::{AccessLevel, Catalog, ResourceType, Service};
use crate::generalise::{arn_formats, Template};
use crate::policy::{Policy, Statement};
use crate::principal::Arn;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fmt;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KitOptions {
    /// Also put Permissions-management actions (resource policies, ACLs) into ReadWrite.
    pub permissions_management: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kit {
    pub resource: String,
    /// The resource types the ARN is.
    pub resource_types: Vec<String>,
    /// A base name for the policies: `s3-bucket-logs`.
    pub name: String,
    pub read_only: Policy,
    pub read_write: Policy,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum KitErrorKind {
    NotAnArn,
    UnknownService,
    /// The ARN is no resource type of its service.
    UnknownResourceType,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KitError {
    pub kind: KitErrorKind,
    pub message: String,
}

impl fmt::Display for KitError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.message)
    }
}

impl std::error::Error for KitError {}

/// One group of resources in the kit: the resource itself, or the resources of a type inside it.
struct Target<'c> {
    resource_type: &'c ResourceType,
    pattern: String,
    /// `Bucket`, `ObjectsInBucket`: the words of the Sid.
    words: String,
}

/// Builds the kit for a resource ARN.
pub fn kit(arn: &str, catalog: &Catalog, options: &KitOptions) -> Result<Kit, KitError> {
    let parts = Arn::parse(arn)
        .filter(|parts| !parts.service.is_empty() && !parts.resource.is_empty())
        .ok_or_else(|| KitError { kind: KitErrorKind::NotAnArn, message: format!("{arn:?} is not an ARN (arn:partition:service:region:account:resource)") })?;
    let service = catalog
        .service(parts.service)
        .ok_or_else(|| KitError { kind: KitErrorKind::UnknownService, message: format!("no AWS service has the prefix {:?}", parts.service) })?;
    let types = catalog.resource_types_for_arn(parts.service, arn);
    if types.is_empty() {
        return Err(KitError { kind: KitErrorKind::UnknownResourceType, message: format!("{arn:?} is none of the resource types of {}", service.name) });
    }
    let name_value = last_name(arn, types[0]);
    let mut targets: Vec<Target<'_>> = Vec::new();
    for resource_type in &types {
        targets.push(Target { resource_type, pattern: arn.to_owned(), words: camel(&resource_type.name) });
        for (child, pattern) in children(service, resource_type, arn) {
            let words = format!("{}In{}", plural(&camel(&child.name)), camel(&resource_type.name));
            targets.push(Target { resource_type: child, pattern, words });
        }
    }
    let read_levels = [AccessLevel::List, AccessLevel::Read];
    let mut write_levels = vec![AccessLevel::List, AccessLevel::Read, AccessLevel::Write, AccessLevel::Tagging];
    if options.permissions_management {
        write_levels.push(AccessLevel::PermissionsManagement);
    }
    let prefix = camel(&service.prefix);
    let suffix = camel(&name_value);
    let read_only = policy_for(service, &targets, &read_levels, &format!("{prefix}ReadOnly"), &suffix);
    let read_write = policy_for(service, &targets, &write_levels, &format!("{prefix}ReadWrite"), &suffix);
    let name = format!("{}-{}-{}", service.prefix, types[0].name, name_value)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' { c.to_ascii_lowercase() } else { '-' })
        .collect::<String>();
    Ok(Kit { resource: arn.to_owned(), resource_types: types.iter().map(|resource_type| resource_type.name.clone()).collect(), name, read_only, read_write })
}

fn policy_for(service: &Service, targets: &[Target<'_>], levels: &[AccessLevel], sid_prefix: &str, suffix: &str) -> Policy {
    let mut statements = Vec::new();
    let mut seen_sids = BTreeSet::new();
    for target in targets {
        let actions: Vec<String> = service
            .actions
            .iter()
            .filter(|action| levels.contains(&action.access_level))
            .filter(|action| action.resource_types.iter().any(|entry| entry.name.eq_ignore_ascii_case(&target.resource_type.name)))
            .map(|action| format!("{}:{}", service.prefix, action.name))
            .collect();
        if actions.is_empty() {
            continue;
        }
        let mut sid = format!("{sid_prefix}{}{suffix}", target.words);
        sid.truncate(96);
        let mut unique = sid.clone();
        let mut counter = 2;
        while !seen_sids.insert(unique.clone()) {
            unique = format!("{sid}{counter}");
            counter += 1;
        }
        statements.push(Statement::allow(unique, actions, vec![target.pattern.clone()]));
    }
    Policy::new(statements)
}

/// Resource types of the service whose ARN format extends `parent`'s with a separator and more
/// (object in bucket, index in table, stream in log group), with the pattern for all of them
/// inside this resource.
fn children<'c>(service: &'c Service, parent: &ResourceType, arn: &str) -> Vec<(&'c ResourceType, String)> {
    let mut out = Vec::new();
    for parent_format in arn_formats(parent) {
        for candidate in &service.resource_types {
            if candidate.name == parent.name {
                continue;
            }
            for format in arn_formats(candidate) {
                let Some(rest) = format.strip_prefix(parent_format) else {
                    continue;
                };
                if !rest.starts_with(['/', ':']) || !rest.contains("${") {
                    continue;
                }
                // The child's own literals (`/index/`) stay; its variables become `*`.
                let tail = Template::parse(rest).render(|_| "*".to_owned());
                out.push((candidate, format!("{arn}{tail}")));
            }
        }
    }
    out.sort_by(|left, right| left.0.name.cmp(&right.0.name));
    out.dedup_by(|left, right| left.0.name == right.0.name);
    out
}

/// The value of the last name variable of the ARN (the bucket, table or key name).
fn last_name(arn: &str, resource_type: &ResourceType) -> String {
    for format in arn_formats(resource_type) {
        let template = Template::parse(format);
        if let Some(values) = template.bind(arn) {
            if let Some(last) = template.name_variables().last() {
                if let Some((_, value)) = values.iter().find(|(name, _)| name == last) {
                    return value.rsplit('/').find(|part| !part.is_empty()).unwrap_or(value).to_owned();
                }
            }
        }
    }
    arn.rsplit(['/', ':']).next().unwrap_or(arn).to_owned()
}

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
    } else {
        format!("{word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::StringList;

    #[test]
    fn bucket_kit_covers_the_bucket_and_its_objects() {
        let kit = kit("arn:aws:s3:::logs", Catalog::embedded(), &KitOptions::default()).unwrap();
        assert_eq!(kit.resource_types, ["bucket"]);
        assert_eq!(kit.name, "s3-bucket-logs");
        let sids: Vec<&str> = kit.read_only.statements.iter().map(|statement| statement.sid.as_deref().unwrap()).collect();
        assert_eq!(sids, ["S3ReadOnlyBucketLogs", "S3ReadOnlyObjectsInBucketLogs"]);
        let objects = &kit.read_only.statements[1];
        assert_eq!(objects.resource, Some(StringList(vec!["arn:aws:s3:::logs/*".into()])));
        let read_actions = objects.action.as_ref().unwrap();
        assert!(read_actions.iter().any(|action| action == "s3:GetObject"));
        assert!(!read_actions.iter().any(|action| action == "s3:PutObject"));
        let write_actions = kit.read_write.statements[1].action.as_ref().unwrap();
        assert!(write_actions.iter().any(|action| action == "s3:PutObject"));
        assert!(write_actions.iter().any(|action| action == "s3:GetObject"));
        assert!(!write_actions.iter().any(|action| action == "s3:PutObjectAcl"), "permissions management only when asked");
        let with_acl = super::kit("arn:aws:s3:::logs", Catalog::embedded(), &KitOptions { permissions_management: true }).unwrap();
        assert!(with_acl.read_write.statements[1].action.as_ref().unwrap().iter().any(|action| action == "s3:PutObjectAcl"));
        for policy in [&kit.read_only, &kit.read_write] {
            assert!(policy.non_whitespace_chars() <= crate::size::MANAGED_POLICY_CHARS);
            let report = crate::lint::lint_policy(policy, Catalog::embedded());
            assert_eq!(report.errors, 0, "{:?}", report.findings);
        }
    }

    #[test]
    fn table_kit_includes_indexes_and_streams() {
        let kit = kit("arn:aws:dynamodb:eu-west-1:111122223333:table/orders", Catalog::embedded(), &KitOptions::default()).unwrap();
        let resources: Vec<&str> = kit.read_only.statements.iter().flat_map(|statement| statement.resource.as_ref().unwrap().iter()).collect();
        assert!(resources.contains(&"arn:aws:dynamodb:eu-west-1:111122223333:table/orders"));
        assert!(resources.contains(&"arn:aws:dynamodb:eu-west-1:111122223333:table/orders/index/*"), "{resources:?}");
        let get_item = kit.read_only.statements.iter().find(|statement| statement.sid.as_deref() == Some("DynamodbReadOnlyTableOrders")).unwrap();
        assert!(get_item.action.as_ref().unwrap().iter().any(|action| action == "dynamodb:GetItem"));
    }

    #[test]
    fn errors() {
        assert_eq!(kit("bucket", Catalog::embedded(), &KitOptions::default()).unwrap_err().kind, KitErrorKind::NotAnArn);
        assert_eq!(kit("arn:aws:nosuch:::x", Catalog::embedded(), &KitOptions::default()).unwrap_err().kind, KitErrorKind::UnknownService);
        assert_eq!(
            kit("arn:aws:dynamodb:eu-west-1:1:nothing/x", Catalog::embedded(), &KitOptions::default()).unwrap_err().kind,
            KitErrorKind::UnknownResourceType
        );
    }
}
