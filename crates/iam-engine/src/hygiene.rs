//! Credential hygiene, read from the same records as the activity (our users' rules: prefer
//! roles to IAM users, protect credentials with MFA, keep root sealed): root activity, IAM users
//! calling with long-term access keys (`AKIA…`) and how many distinct keys each used, console
//! sign-ins and console sessions without MFA, and long-term keys used from several source IPs.

use crate::principal::{Caller, PrincipalKind};
use crate::record::Record;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FindingKind {
    /// The root user made calls.
    RootActivity,
    /// An IAM user called with long-term access keys (`AKIA…`): prefer roles.
    LongTermAccessKey,
    /// A console sign-in without MFA.
    ConsoleSignInWithoutMfa,
    /// Calls from a console session that was not MFA-authenticated.
    SessionWithoutMfa,
    /// One long-term access key used from several source IP addresses.
    KeyUsedFromSeveralIps,
}

impl FindingKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FindingKind::RootActivity => "root-activity",
            FindingKind::LongTermAccessKey => "long-term-access-key",
            FindingKind::ConsoleSignInWithoutMfa => "console-sign-in-without-mfa",
            FindingKind::SessionWithoutMfa => "session-without-mfa",
            FindingKind::KeyUsedFromSeveralIps => "key-used-from-several-ips",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Finding {
    pub kind: FindingKind,
    /// The principal ARN (the user, the root, the role).
    pub principal: String,
    /// A sentence in English; the page translates from `kind`, `count` and `distinct`.
    pub detail: String,
    /// Calls (or sign-ins) concerned.
    pub count: u64,
    /// Distinct keys or IP addresses, where the finding counts them.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub distinct: Option<u64>,
    /// The access key concerned, for per-key findings.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub access_key: Option<String>,
}

/// Distinct IP addresses kept per key: enough to tell "several", bounded for hostile input.
const MAX_IPS_PER_KEY: usize = 256;

/// Access key IDs are 20 characters; a longer "key" is not one, and distinct keys per user are
/// bounded, so that a crafted file cannot make the tracker hold gigabytes.
const MAX_ACCESS_KEY_ID_CHARS: usize = 128;
const MAX_KEYS_PER_USER: usize = 1_000;

#[derive(Debug, Default)]
pub struct HygieneTracker {
    root_calls: BTreeMap<String, u64>,
    /// user → key → calls.
    long_term_keys: BTreeMap<String, BTreeMap<String, u64>>,
    /// user → sign-ins without MFA.
    console_without_mfa: BTreeMap<String, u64>,
    /// principal → calls in console sessions without MFA.
    sessions_without_mfa: BTreeMap<String, u64>,
    /// (user, key) → source IPs.
    key_ips: BTreeMap<(String, String), BTreeSet<String>>,
}

impl HygieneTracker {
    pub fn observe(&mut self, record: &Record<'_>, caller: &Caller<'_>) {
        let Caller::Principal { arn, kind, .. } = caller else {
            return;
        };
        let identity = record.user_identity.as_ref();
        let event_name = record.event_name.as_deref().unwrap_or("");
        if *kind == PrincipalKind::Root {
            *self.root_calls.entry(arn.to_string()).or_default() += 1;
        }
        if event_name == "ConsoleLogin" && matches!(kind, PrincipalKind::User | PrincipalKind::Root) && mfa_used(record) == Some(false) {
            *self.console_without_mfa.entry(arn.to_string()).or_default() += 1;
        }
        let key = identity.and_then(|identity| identity.access_key_id.as_deref()).unwrap_or("");
        let from_console = record.session_credential_from_console == Some(true);
        let mfa = identity
            .and_then(|identity| identity.session_context.as_ref())
            .and_then(|context| context.attributes.as_ref())
            .and_then(|attributes| attributes.mfa_authenticated);
        if from_console && mfa == Some(false) && *kind != PrincipalKind::Account {
            *self.sessions_without_mfa.entry(arn.to_string()).or_default() += 1;
        }
        if *kind == PrincipalKind::User && key.starts_with("AKIA") && key.len() <= MAX_ACCESS_KEY_ID_CHARS {
            let keys = self.long_term_keys.entry(arn.to_string()).or_default();
            if keys.len() >= MAX_KEYS_PER_USER && !keys.contains_key(key) {
                return;
            }
            *keys.entry(key.to_owned()).or_default() += 1;
            let source = record.source_ip_address.as_deref().unwrap_or("");
            if is_ip_address(source) {
                let ips = self.key_ips.entry((arn.to_string(), key.to_owned())).or_default();
                if ips.len() < MAX_IPS_PER_KEY {
                    ips.insert(source.to_owned());
                }
            }
        }
    }

    pub fn finish(self) -> Vec<Finding> {
        let mut findings = Vec::new();
        for (principal, count) in self.root_calls {
            findings.push(Finding {
                kind: FindingKind::RootActivity,
                detail: format!("the root user made {}; keep root sealed and use roles", counted(count, "call", "calls")),
                principal,
                count,
                distinct: None,
                access_key: None,
            });
        }
        for (principal, keys) in self.long_term_keys {
            let count = keys.values().sum();
            let distinct = keys.len() as u64;
            findings.push(Finding {
                kind: FindingKind::LongTermAccessKey,
                detail: format!(
                    "{} with long-term access keys ({distinct} distinct); prefer roles with temporary credentials",
                    counted(count, "call", "calls")
                ),
                principal,
                count,
                distinct: Some(distinct),
                access_key: None,
            });
        }
        for (principal, count) in self.console_without_mfa {
            findings.push(Finding {
                kind: FindingKind::ConsoleSignInWithoutMfa,
                detail: format!("{} without MFA", counted(count, "console sign-in", "console sign-ins")),
                principal,
                count,
                distinct: None,
                access_key: None,
            });
        }
        for (principal, count) in self.sessions_without_mfa {
            findings.push(Finding {
                kind: FindingKind::SessionWithoutMfa,
                detail: format!("{} from console sessions without MFA", counted(count, "call", "calls")),
                principal,
                count,
                distinct: None,
                access_key: None,
            });
        }
        for ((principal, key), ips) in self.key_ips {
            if ips.len() > 1 {
                let distinct = ips.len() as u64;
                findings.push(Finding {
                    kind: FindingKind::KeyUsedFromSeveralIps,
                    detail: format!("access key {key} was used from {distinct} source IP addresses"),
                    principal,
                    count: distinct,
                    distinct: Some(distinct),
                    access_key: Some(key),
                });
            }
        }
        findings.sort();
        findings
    }
}

/// `additionalEventData.MFAUsed` of a `ConsoleLogin` event (`"Yes"`/`"No"`).
fn mfa_used(record: &Record<'_>) -> Option<bool> {
    #[derive(Deserialize)]
    struct Additional<'a> {
        #[serde(rename = "MFAUsed", borrow)]
        mfa_used: Option<crate::record::Str<'a>>,
    }
    let additional: Additional = serde_json::from_str(record.additional_event_data?.get()).ok()?;
    match additional.mfa_used.as_deref() {
        Some("Yes") => Some(true),
        Some("No") => Some(false),
        _ => None,
    }
}

/// True for IPv4 and IPv6 addresses; false for service names (`s3.amazonaws.com`), `AWS Internal`
/// and `HIDDEN_DUE_TO_SECURITY_REASONS`.
pub fn is_ip_address(text: &str) -> bool {
    text.parse::<std::net::IpAddr>().is_ok()
}

/// "1 call", "2 calls".
fn counted(count: u64, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::principal::attribute;

    fn findings_of(records: &[&str]) -> Vec<Finding> {
        let mut tracker = HygieneTracker::default();
        for json in records {
            let record: Record = serde_json::from_str(json).unwrap();
            let caller = attribute(record.user_identity.as_ref(), record.recipient_account_id.as_deref());
            tracker.observe(&record, &caller);
        }
        tracker.finish()
    }

    #[test]
    fn each_rule_finds_what_it_names() {
        let findings = findings_of(&[
            r#"{"eventName":"ListBuckets","userIdentity":{"type":"Root","arn":"arn:aws:iam::1:root","accountId":"1"}}"#,
            r#"{"eventName":"ConsoleLogin","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::1:user/bob"},"additionalEventData":{"MFAUsed":"No","LoginTo":"x"}}"#,
            r#"{"eventName":"ConsoleLogin","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::1:user/carol"},"additionalEventData":{"MFAUsed":"Yes"}}"#,
            r#"{"eventName":"GetObject","sourceIPAddress":"192.0.2.1","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::1:user/ci","accessKeyId":"AKIAAAA"}}"#,
            r#"{"eventName":"GetObject","sourceIPAddress":"192.0.2.2","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::1:user/ci","accessKeyId":"AKIAAAA"}}"#,
            r#"{"eventName":"GetObject","sourceIPAddress":"s3.amazonaws.com","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::1:user/ci","accessKeyId":"AKIABBB"}}"#,
            r#"{"eventName":"ListUsers","sessionCredentialFromConsole":"true","userIdentity":{"type":"IAMUser","arn":"arn:aws:iam::1:user/bob","accessKeyId":"ASIAX","sessionContext":{"attributes":{"mfaAuthenticated":"false"}}}}"#,
        ]);
        let kinds: Vec<(FindingKind, &str, u64, Option<u64>)> =
            findings.iter().map(|finding| (finding.kind, finding.principal.as_str(), finding.count, finding.distinct)).collect();
        assert_eq!(
            kinds,
            vec![
                (FindingKind::RootActivity, "arn:aws:iam::1:root", 1, None),
                (FindingKind::LongTermAccessKey, "arn:aws:iam::1:user/ci", 3, Some(2)),
                (FindingKind::ConsoleSignInWithoutMfa, "arn:aws:iam::1:user/bob", 1, None),
                (FindingKind::SessionWithoutMfa, "arn:aws:iam::1:user/bob", 1, None),
                (FindingKind::KeyUsedFromSeveralIps, "arn:aws:iam::1:user/ci", 2, Some(2)),
            ]
        );
        assert_eq!(findings[4].access_key.as_deref(), Some("AKIAAAA"));
    }

    #[test]
    fn service_names_are_not_addresses() {
        assert!(is_ip_address("192.0.2.1"));
        assert!(is_ip_address("2001:db8::1"));
        assert!(!is_ip_address("s3.amazonaws.com"));
        assert!(!is_ip_address("AWS Internal"));
    }
}
