//! Who made a call: the IAM identity a policy can be attached to, derived from a record's
//! `userIdentity` as described in the CloudTrail user guide (assumed roles are attributed to the
//! role ARN *with its path* from `sessionContext.sessionIssuer.arn`).

use crate::record::UserIdentity;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// What kind of identity a principal is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PrincipalKind {
    /// An IAM role (callers were sessions of it).
    Role,
    /// An IAM user.
    User,
    /// The account root user: not policy-manageable.
    Root,
    /// A principal of another account, known only by account (`AWSAccount` identities).
    Account,
}

impl PrincipalKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PrincipalKind::Role => "role",
            PrincipalKind::User => "user",
            PrincipalKind::Root => "root",
            PrincipalKind::Account => "account",
        }
    }
}

/// Facts about a principal that change what a user can do with its policy.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct PrincipalFlags {
    /// A role created by IAM Identity Center (`aws-reserved/sso.amazonaws.com`): edit its
    /// permission set, not the role.
    pub identity_center: bool,
    /// A service-linked role (`/aws-service-role/`): its policy is owned by the service.
    pub service_linked: bool,
    /// Calls came through `GetFederationToken` sessions of this user.
    pub federated: bool,
    /// The caller's account differs from the account that received the calls.
    pub cross_account: bool,
    /// The session issuer was missing, so the role ARN was rebuilt from the assumed-role ARN and
    /// its path is unknown.
    pub path_unknown: bool,
}

/// The result of attributing one record.
#[derive(Debug, PartialEq, Eq)]
pub enum Caller<'a> {
    Principal {
        arn: Cow<'a, str>,
        kind: PrincipalKind,
        flags: PrincipalFlags,
    },
    /// An AWS service acting on its own account (`userIdentity.type` `AWSService`): needs no
    /// permission of the user's.
    AwsService,
    /// Identities whose calls are governed by something other than an identity policy
    /// (SAML/web-identity federation by the role's trust policy, Identity Center users by the
    /// portal), or that carry no identity at all.
    NotAttributable(&'static str),
}

pub fn attribute<'a>(identity: Option<&'a UserIdentity<'a>>, recipient_account: Option<&str>) -> Caller<'a> {
    let Some(identity) = identity else {
        return Caller::NotAttributable("no userIdentity");
    };
    let identity_type = identity.identity_type.as_deref().unwrap_or("");
    let issuer = identity.session_context.as_ref().and_then(|context| context.session_issuer.as_ref());
    let issuer_arn = issuer.and_then(|issuer| issuer.arn.as_deref()).filter(|arn| !arn.is_empty());
    let own_account = identity.account_id.as_deref().or_else(|| issuer.and_then(|issuer| issuer.account_id.as_deref()));
    let cross_account = match (own_account, recipient_account) {
        (Some(own), Some(recipient)) => !own.is_empty() && !recipient.is_empty() && own != recipient,
        _ => false,
    };
    match identity_type {
        "AssumedRole" => {
            let (arn, path_unknown) = match (issuer_arn, identity.arn.as_deref()) {
                (Some(role_arn), _) => (Cow::Borrowed(role_arn), false),
                (None, Some(session_arn)) => match role_arn_from_session(session_arn) {
                    Some(role_arn) => (Cow::Owned(role_arn), true),
                    None => return Caller::NotAttributable("assumed role without a role ARN"),
                },
                (None, None) => return Caller::NotAttributable("assumed role without a role ARN"),
            };
            // The resource part of the role ARN (after the fifth ':'): no substring searcher per
            // record.
            let resource = arn.splitn(6, ':').nth(5).unwrap_or("");
            let flags = PrincipalFlags {
                identity_center: resource.starts_with("role/aws-reserved/sso.amazonaws.com/"),
                service_linked: resource.starts_with("role/aws-service-role/"),
                cross_account,
                path_unknown,
                ..PrincipalFlags::default()
            };
            Caller::Principal { arn, kind: PrincipalKind::Role, flags }
        }
        "IAMUser" => match identity.arn.as_deref().filter(|arn| !arn.is_empty()) {
            Some(arn) => {
                Caller::Principal { arn: Cow::Borrowed(arn), kind: PrincipalKind::User, flags: PrincipalFlags { cross_account, ..PrincipalFlags::default() } }
            }
            None => Caller::NotAttributable("IAM user without an ARN"),
        },
        "FederatedUser" => match issuer_arn {
            Some(user_arn) => Caller::Principal {
                arn: Cow::Borrowed(user_arn),
                kind: PrincipalKind::User,
                flags: PrincipalFlags { federated: true, cross_account, ..PrincipalFlags::default() },
            },
            None => Caller::NotAttributable("federated user without its issuing IAM user"),
        },
        "Root" => {
            let arn = match identity.arn.as_deref().filter(|arn| !arn.is_empty()) {
                Some(arn) => Cow::Borrowed(arn),
                None => Cow::Owned(format!("arn:aws:iam::{}:root", own_account.unwrap_or("unknown"))),
            };
            Caller::Principal { arn, kind: PrincipalKind::Root, flags: PrincipalFlags { cross_account, ..PrincipalFlags::default() } }
        }
        "AWSAccount" => {
            let account = own_account.unwrap_or("unknown");
            Caller::Principal {
                arn: Cow::Owned(format!("arn:aws:iam::{account}:root")),
                kind: PrincipalKind::Account,
                flags: PrincipalFlags { cross_account: true, ..PrincipalFlags::default() },
            }
        }
        "AWSService" => Caller::AwsService,
        "SAMLUser" | "WebIdentityUser" => Caller::NotAttributable("federated sign-in, governed by the role's trust policy"),
        "IdentityCenterUser" => Caller::NotAttributable("IAM Identity Center user activity"),
        "" => Caller::NotAttributable("no identity type"),
        _ => Caller::NotAttributable("identity type without an attachable policy"),
    }
}

/// `arn:aws:sts::123:assumed-role/Name/Session` → `arn:aws:iam::123:role/Name` (the path is lost
/// in the session ARN).
/// The caller of a record as (account, kind, name), the same whichever export it comes from: an
/// assumed-role session and its role's ARN (with or without a path) give the role's account and
/// name; an IAM user its; anything else its ARN, or the service that called (`invokedBy`), or
/// its `principalId`. Used to tell one delivery from another (`seen.rs`).
pub fn caller_key<'a>(identity: Option<&'a crate::record::UserIdentity<'a>>) -> (&'a str, &'a str, &'a str) {
    let Some(identity) = identity else {
        return ("", "", "");
    };
    let issuer = identity.session_context.as_ref().and_then(|context| context.session_issuer.as_ref()).and_then(|issuer| issuer.arn.as_deref());
    for arn in [identity.arn.as_deref(), issuer].into_iter().flatten() {
        let Some(parts) = Arn::parse(arn) else { continue };
        let mut segments = parts.resource.split('/');
        match (parts.service, segments.next()) {
            ("sts", Some("assumed-role")) => return (parts.account, "role", segments.next().unwrap_or("")),
            ("iam", Some(kind @ ("role" | "user"))) => return (parts.account, kind, parts.resource.rsplit('/').next().unwrap_or("")),
            _ => return ("", "arn", arn),
        }
    }
    match identity.invoked_by.as_deref().or(identity.principal_id.as_deref()) {
        Some(other) => ("", "other", other),
        None => ("", "", ""),
    }
}

pub fn role_arn_from_session(session_arn: &str) -> Option<String> {
    let parts = Arn::parse(session_arn)?;
    if parts.service != "sts" {
        return None;
    }
    let rest = parts.resource.strip_prefix("assumed-role/")?;
    let role_name = rest.split('/').next().filter(|name| !name.is_empty())?;
    Some(format!("arn:{}:iam::{}:role/{role_name}", parts.partition, parts.account))
}

/// The six colon-separated parts of an ARN (the resource keeps any further colons).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Arn<'a> {
    pub partition: &'a str,
    pub service: &'a str,
    pub region: &'a str,
    pub account: &'a str,
    pub resource: &'a str,
}

impl<'a> Arn<'a> {
    pub fn parse(text: &'a str) -> Option<Arn<'a>> {
        let mut parts = text.splitn(6, ':');
        if parts.next()? != "arn" {
            return None;
        }
        Some(Arn { partition: parts.next()?, service: parts.next()?, region: parts.next()?, account: parts.next()?, resource: parts.next()? })
    }
}

/// What a user typed to choose a principal: a role or user ARN, a role or user name, or an
/// assumed-role session ARN.
pub fn selector_matches(selector: &str, principal_arn: &str) -> bool {
    // Exactly as given first: an ARN from a log may end in a character `trim` removes.
    if selector == principal_arn {
        return true;
    }
    let selector = selector.trim();
    if selector == principal_arn {
        return true;
    }
    if let Some(role_arn) = role_arn_from_session(selector) {
        return same_name(&role_arn, principal_arn) && account_of(&role_arn) == account_of(principal_arn);
    }
    if selector.starts_with("arn:") {
        return false;
    }
    name_of(principal_arn) == Some(selector)
}

fn account_of(arn: &str) -> Option<&str> {
    Arn::parse(arn).map(|parts| parts.account)
}

fn same_name(left: &str, right: &str) -> bool {
    name_of(left).is_some() && name_of(left) == name_of(right)
}

/// The last path segment of a role or user ARN: its name.
pub fn name_of(arn: &str) -> Option<&str> {
    let parts = Arn::parse(arn)?;
    let (kind, rest) = parts.resource.split_once('/')?;
    if kind != "role" && kind != "user" {
        return None;
    }
    rest.rsplit('/').next()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::Record;

    fn caller_of(json: &str) -> String {
        let record: Record = serde_json::from_str(json).unwrap();
        match attribute(record.user_identity.as_ref(), record.recipient_account_id.as_deref()) {
            Caller::Principal { arn, kind, flags } => format!("{} {arn} {flags:?}", kind.as_str()),
            other => format!("{other:?}"),
        }
    }

    #[test]
    fn assumed_roles_are_the_role_with_its_path() {
        let text = caller_of(
            r#"{"userIdentity":{"type":"AssumedRole","arn":"arn:aws:sts::1:assumed-role/AWSReservedSSO_Admin_x/me","accountId":"1","sessionContext":{"sessionIssuer":{"type":"Role","arn":"arn:aws:iam::1:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Admin_x","accountId":"1"}}},"recipientAccountId":"1"}"#,
        );
        assert!(text.starts_with("role arn:aws:iam::1:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Admin_x"), "{text}");
        assert!(text.contains("identity_center: true"));
        assert!(text.contains("cross_account: false"));
    }

    #[test]
    fn every_identity_type_has_an_answer() {
        assert!(caller_of(r#"{"userIdentity":{"type":"IAMUser","arn":"arn:aws-us-gov:iam::1:user/a","accountId":"1"},"recipientAccountId":"2"}"#)
            .starts_with("user arn:aws-us-gov:iam::1:user/a"));
        assert!(caller_of(r#"{"userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::1:user/a","accountId":"1"},"recipientAccountId":"2"}"#)
            .contains("cross_account: true"));
        assert!(caller_of(r#"{"userIdentity":{"type":"Root","arn":"arn:aws:iam::1:root","accountId":"1"}}"#).starts_with("root arn:aws:iam::1:root"));
        assert!(caller_of(r#"{"userIdentity":{"type":"FederatedUser","arn":"arn:aws:sts::1:federated-user/x","sessionContext":{"sessionIssuer":{"type":"IAMUser","arn":"arn:aws:iam::1:user/issuer"}}}}"#).contains("federated: true"));
        assert_eq!(caller_of(r#"{"userIdentity":{"type":"AWSService","invokedBy":"ec2.amazonaws.com"}}"#), "AwsService");
        assert!(caller_of(r#"{"userIdentity":{"type":"AWSAccount","principalId":"AROA:x","accountId":"999"}}"#).starts_with("account arn:aws:iam::999:root"));
        assert!(caller_of(r#"{"userIdentity":{"type":"WebIdentityUser"}}"#).starts_with("NotAttributable"));
        assert!(caller_of(r#"{}"#).starts_with("NotAttributable"));
        let rebuilt = caller_of(r#"{"userIdentity":{"type":"AssumedRole","arn":"arn:aws-cn:sts::1:assumed-role/r/s"}}"#);
        assert!(rebuilt.starts_with("role arn:aws-cn:iam::1:role/r"), "{rebuilt}");
        assert!(rebuilt.contains("path_unknown: true"));
    }

    #[test]
    fn service_linked_roles_root_and_other_partitions_are_flagged() {
        let linked = caller_of(
            r#"{"userIdentity":{"type":"AssumedRole","arn":"arn:aws-us-gov:sts::1:assumed-role/AWSServiceRoleForECS/ecs","accountId":"1","sessionContext":{"sessionIssuer":{"type":"Role","arn":"arn:aws-us-gov:iam::1:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS","accountId":"1"}}},"recipientAccountId":"1"}"#,
        );
        assert!(linked.starts_with("role arn:aws-us-gov:iam::1:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS"), "{linked}");
        assert!(linked.contains("service_linked: true") && linked.contains("identity_center: false"), "{linked}");
        let root = caller_of(r#"{"userIdentity":{"type":"Root","principalId":"1","accountId":"1","userName":"my-alias"}}"#);
        assert!(root.starts_with("root arn:aws:iam::1:root"), "{root}");
        let gov_session =
            caller_of(r#"{"userIdentity":{"type":"AssumedRole","arn":"arn:aws-us-gov:sts::1:assumed-role/app/s","accountId":"1"},"recipientAccountId":"2"}"#);
        assert!(gov_session.starts_with("role arn:aws-us-gov:iam::1:role/app"), "{gov_session}");
        assert!(gov_session.contains("cross_account: true") && gov_session.contains("path_unknown: true"), "{gov_session}");
        assert!(caller_of(r#"{"userIdentity":{"type":"IdentityCenterUser","onBehalfOf":{"userId":"u"}}}"#).starts_with("NotAttributable"));
        assert!(caller_of(r#"{"userIdentity":{"type":"SAMLUser","userName":"u"}}"#).starts_with("NotAttributable"));
    }

    #[test]
    fn selectors_accept_arns_names_and_sessions() {
        let role = "arn:aws:iam::1:role/team/app";
        assert!(selector_matches(role, role));
        assert!(selector_matches("app", role));
        assert!(selector_matches("arn:aws:sts::1:assumed-role/app/session-7", role));
        assert!(!selector_matches("arn:aws:sts::2:assumed-role/app/session-7", role));
        assert!(!selector_matches("other", role));
        assert!(selector_matches("alice", "arn:aws:iam::1:user/alice"));
        assert!(!selector_matches("arn:aws:iam::1:role/app", role));
    }
}
