//! One CloudTrail record, borrowed from the input bytes: only the fields the workbench uses are
//! read, every other key (vendor enrichment included) is skipped without allocation.

use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::fmt;

pub(crate) type Text<'a> = Option<Str<'a>>;

/// A JSON string borrowed from the input when it has no escapes (serde's own `Cow` impl always
/// copies).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Str<'a>(pub Cow<'a, str>);

impl std::ops::Deref for Str<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Str<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct StrVisitor;
        impl<'de> Visitor<'de> for StrVisitor {
            type Value = Str<'de>;
            fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
                formatter.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, value: &'de str) -> Result<Self::Value, E> {
                Ok(Str(Cow::Borrowed(value)))
            }
            fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
                Ok(Str(Cow::Owned(value.to_owned())))
            }
            fn visit_string<E: de::Error>(self, value: String) -> Result<Self::Value, E> {
                Ok(Str(Cow::Owned(value)))
            }
            // Numbers and booleans where a string is expected are kept as their text: exports
            // from log shippers sometimes retype fields.
            fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
                Ok(Str(Cow::Owned(value.to_string())))
            }
            fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
                Ok(Str(Cow::Owned(value.to_string())))
            }
            fn visit_f64<E: de::Error>(self, value: f64) -> Result<Self::Value, E> {
                Ok(Str(Cow::Owned(value.to_string())))
            }
            fn visit_bool<E: de::Error>(self, value: bool) -> Result<Self::Value, E> {
                Ok(Str(Cow::Owned(value.to_string())))
            }
        }
        deserializer.deserialize_any(StrVisitor)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Record<'a> {
    #[serde(borrow, default)]
    pub event_version: Text<'a>,
    #[serde(borrow, default)]
    pub event_time: Text<'a>,
    /// A log shipper's time (`@timestamp` of Logstash, OTRF and similar exports): the record's
    /// time when `eventTime` is missing.
    #[serde(borrow, default, rename = "@timestamp")]
    pub shipper_timestamp: Text<'a>,
    #[serde(borrow, default)]
    pub event_source: Text<'a>,
    #[serde(borrow, default)]
    pub event_name: Text<'a>,
    #[serde(borrow, default)]
    pub aws_region: Text<'a>,
    #[serde(borrow, default, rename = "sourceIPAddress")]
    pub source_ip_address: Text<'a>,
    #[serde(borrow, default)]
    pub user_agent: Text<'a>,
    #[serde(borrow, default)]
    pub error_code: Text<'a>,
    #[serde(borrow, default)]
    pub error_message: Text<'a>,
    #[serde(borrow, default)]
    pub request_parameters: Option<&'a RawValue>,
    #[serde(borrow, default)]
    pub response_elements: Option<&'a RawValue>,
    #[serde(borrow, default)]
    pub additional_event_data: Option<&'a RawValue>,
    #[serde(borrow, default, rename = "eventID")]
    pub event_id: Text<'a>,
    #[serde(borrow, default)]
    pub event_type: Text<'a>,
    #[serde(borrow, default)]
    pub event_category: Text<'a>,
    #[serde(borrow, default)]
    pub recipient_account_id: Text<'a>,
    #[serde(borrow, default)]
    pub vpc_endpoint_id: Text<'a>,
    #[serde(borrow, default)]
    pub resources: Option<Vec<ResourceEntry<'a>>>,
    #[serde(borrow, default)]
    pub user_identity: Option<UserIdentity<'a>>,
    #[serde(borrow, default)]
    pub tls_details: Option<TlsDetails<'a>>,
    /// `"true"` when the session's credentials came from the console (eventVersion 1.08+).
    #[serde(default, deserialize_with = "lenient_bool")]
    pub session_credential_from_console: Option<bool>,
    /// Present on CloudTrail digest files, which are not activity.
    #[serde(borrow, default)]
    pub digest_start_time: Text<'a>,
    /// Present on Insights events.
    #[serde(borrow, default)]
    pub insight_details: Option<&'a RawValue>,
}

#[derive(Debug, Default, Deserialize)]
pub struct ResourceEntry<'a> {
    #[serde(borrow, default, alias = "arn", rename = "ARN")]
    pub arn: Text<'a>,
    #[serde(borrow, default, alias = "accountid", rename = "accountId")]
    pub account_id: Text<'a>,
    #[serde(borrow, default, rename = "type")]
    pub resource_type: Text<'a>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TlsDetails<'a> {
    #[serde(borrow, default)]
    pub client_provided_host_header: Text<'a>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UserIdentity<'a> {
    #[serde(borrow, default, rename = "type")]
    pub identity_type: Text<'a>,
    #[serde(borrow, default)]
    pub principal_id: Text<'a>,
    #[serde(borrow, default)]
    pub arn: Text<'a>,
    #[serde(borrow, default, alias = "accountid")]
    pub account_id: Text<'a>,
    #[serde(borrow, default)]
    pub access_key_id: Text<'a>,
    #[serde(borrow, default)]
    pub user_name: Text<'a>,
    #[serde(borrow, default)]
    pub invoked_by: Text<'a>,
    #[serde(borrow, default)]
    pub identity_provider: Text<'a>,
    #[serde(borrow, default)]
    pub session_context: Option<SessionContext<'a>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionContext<'a> {
    #[serde(borrow, default)]
    pub session_issuer: Option<SessionIssuer<'a>>,
    #[serde(default)]
    pub attributes: Option<SessionAttributes>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionIssuer<'a> {
    #[serde(borrow, default, rename = "type")]
    pub issuer_type: Text<'a>,
    #[serde(borrow, default)]
    pub arn: Text<'a>,
    #[serde(borrow, default, alias = "accountid")]
    pub account_id: Text<'a>,
    #[serde(borrow, default)]
    pub user_name: Text<'a>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionAttributes {
    /// `"true"`/`"false"` in CloudTrail, a JSON boolean in some fixtures.
    #[serde(default, deserialize_with = "lenient_bool")]
    pub mfa_authenticated: Option<bool>,
}

/// Accepts `true`, `"true"`, `"TRUE"`, `false`, `"false"`, `null`; anything else is `None`.
pub fn lenient_bool<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<bool>, D::Error> {
    struct LenientBool;
    impl<'de> Visitor<'de> for LenientBool {
        type Value = Option<bool>;
        fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
            formatter.write_str("a boolean or \"true\"/\"false\"")
        }
        fn visit_bool<E: de::Error>(self, value: bool) -> Result<Self::Value, E> {
            Ok(Some(value))
        }
        fn visit_str<E: de::Error>(self, value: &str) -> Result<Self::Value, E> {
            Ok(match value.to_ascii_lowercase().as_str() {
                "true" => Some(true),
                "false" => Some(false),
                _ => None,
            })
        }
        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
            deserializer.deserialize_any(self)
        }
        fn visit_i64<E: de::Error>(self, value: i64) -> Result<Self::Value, E> {
            Ok(Some(value != 0))
        }
        fn visit_u64<E: de::Error>(self, value: u64) -> Result<Self::Value, E> {
            Ok(Some(value != 0))
        }
    }
    deserializer.deserialize_any(LenientBool)
}

impl<'a> Record<'a> {
    /// The record's time: `eventTime`, else a shipper's `@timestamp`.
    pub fn time(&self) -> Option<&str> {
        self.event_time.as_deref().filter(|time| !time.is_empty()).or_else(|| self.shipper_timestamp.as_deref().filter(|time| !time.is_empty()))
    }

    /// Whether the time is the shipper's (`eventTime` missing, `@timestamp` present).
    pub fn time_from_shipper(&self) -> bool {
        self.event_time.as_deref().is_none_or(str::is_empty) && self.shipper_timestamp.as_deref().is_some_and(|time| !time.is_empty())
    }

    pub fn text(field: &'a Text<'a>) -> &'a str {
        field.as_deref().unwrap_or("")
    }

    /// A record is CloudTrail activity when it names an event source and an event name.
    pub fn is_event(&self) -> bool {
        self.event_source.is_some() && self.event_name.is_some()
    }
}

impl<'a> UserIdentity<'a> {
    /// The identity a caller ARN implies, for inputs that give only the ARN (CloudTrail Lake and
    /// Athena columns, the aggregated form): an IAM role ARN is a session of that role, an
    /// `assumed-role` ARN a session whose role path is unknown, a user ARN an IAM user, `:root` the
    /// root user. Anything else is an identity without a type (not attributable).
    pub fn from_arn(arn: &'a str) -> UserIdentity<'a> {
        let text = |value: &'a str| Some(Str(Cow::Borrowed(value)));
        let resource = arn.splitn(6, ':').nth(5).unwrap_or("");
        let service = arn.split(':').nth(2).unwrap_or("");
        let identity_type = match (service, resource) {
            ("iam", resource) if resource.starts_with("role/") => "AssumedRole",
            ("sts", resource) if resource.starts_with("assumed-role/") => "AssumedRole",
            ("iam", resource) if resource.starts_with("user/") => "IAMUser",
            ("iam", "root") => "Root",
            ("sts", resource) if resource.starts_with("federated-user/") => "FederatedUser",
            _ => return UserIdentity { arn: text(arn), ..UserIdentity::default() },
        };
        let session_context = (service == "iam" && resource.starts_with("role/")).then(|| SessionContext {
            session_issuer: Some(SessionIssuer { issuer_type: text("Role"), arn: text(arn), ..SessionIssuer::default() }),
            attributes: None,
        });
        // The account of the ARN: the account a row's resources are built in when it names none.
        let account = arn.split(':').nth(4).filter(|account| account.len() == 12 && account.bytes().all(|byte| byte.is_ascii_digit()));
        UserIdentity { identity_type: text(identity_type), arn: text(arn), account_id: account.and_then(text), session_context, ..UserIdentity::default() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn borrows_a_real_shaped_record_and_tolerates_variants() {
        let json = br#"{"eventVersion":"1.08","userIdentity":{"type":"AssumedRole","principalId":"AROA:s","arn":"arn:aws:sts::111122223333:assumed-role/app/s","accountId":"111122223333","sessionContext":{"sessionIssuer":{"type":"Role","arn":"arn:aws:iam::111122223333:role/team/app","accountId":"111122223333","userName":"app"},"attributes":{"mfaAuthenticated":"false","creationDate":"2026-01-01T00:00:00Z"},"webIdFederationData":{}}},"eventTime":"2026-01-01T00:00:01Z","eventSource":"s3.amazonaws.com","eventName":"GetObject","awsRegion":"eu-west-1","sourceIPAddress":"192.0.2.1","requestParameters":{"bucketName":"b","key":"k"},"responseElements":null,"resources":[{"ARN":"arn:aws:s3:::b/k","type":"AWS::S3::Object"},{"accountId":"111122223333","type":"AWS::S3::Bucket","ARN":"arn:aws:s3:::b"}],"eventID":"e1","eventType":"AwsApiCall","@timestamp":"x","evt":{"name":"GetObject"}}"#;
        let record: Record = serde_json::from_slice(json).unwrap();
        assert_eq!(record.event_name.as_deref(), Some("GetObject"));
        assert!(matches!(record.event_source, Some(Str(Cow::Borrowed(_)))));
        let identity = record.user_identity.unwrap();
        let context = identity.session_context.unwrap();
        assert_eq!(context.session_issuer.unwrap().arn.as_deref(), Some("arn:aws:iam::111122223333:role/team/app"));
        assert_eq!(context.attributes.unwrap().mfa_authenticated, Some(false));
        assert_eq!(record.resources.unwrap().len(), 2);
    }
}
