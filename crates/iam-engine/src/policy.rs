//! IAM policy documents: the model, lenient reading (a statement or a list of them, a string or a
//! list of strings) and canonical writing (sorted keys and lists, two-space indentation, a final
//! newline) so the browser and the CLI print byte-identical policies.

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

pub const POLICY_VERSION: &str = "2012-10-17";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    #[serde(rename = "Id", skip_serializing_if = "Option::is_none", default)]
    pub id: Option<String>,
    #[serde(rename = "Statement", deserialize_with = "one_or_many_statements")]
    pub statements: Vec<Statement>,
    #[serde(rename = "Version", default = "default_version")]
    pub version: String,
}

fn default_version() -> String {
    // A policy without a Version is read with the 2008 rules by IAM; the lint reports it.
    "2008-10-17".to_owned()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Effect {
    Allow,
    Deny,
}

/// Condition operator → key → values.
pub type Conditions = BTreeMap<String, BTreeMap<String, StringList>>;

/// Fields are declared in alphabetical order: serde writes them in this order, which makes the
/// output's keys sorted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Statement {
    #[serde(rename = "Action", skip_serializing_if = "Option::is_none", default)]
    pub action: Option<StringList>,
    #[serde(rename = "Condition", skip_serializing_if = "Option::is_none", default)]
    pub condition: Option<Conditions>,
    #[serde(rename = "Effect")]
    pub effect: Effect,
    #[serde(rename = "NotAction", skip_serializing_if = "Option::is_none", default)]
    pub not_action: Option<StringList>,
    #[serde(rename = "NotResource", skip_serializing_if = "Option::is_none", default)]
    pub not_resource: Option<StringList>,
    #[serde(rename = "Resource", skip_serializing_if = "Option::is_none", default)]
    pub resource: Option<StringList>,
    #[serde(rename = "Sid", skip_serializing_if = "Option::is_none", default)]
    pub sid: Option<String>,
}

impl Statement {
    pub fn allow(sid: impl Into<String>, actions: Vec<String>, resources: Vec<String>) -> Statement {
        Statement {
            action: Some(StringList::sorted(actions)),
            condition: None,
            effect: Effect::Allow,
            not_action: None,
            not_resource: None,
            resource: Some(StringList::sorted(resources)),
            sid: Some(sid.into()),
        }
    }
}

/// A JSON string or list of strings; written as a bare string when it holds exactly one.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StringList(pub Vec<String>);

impl StringList {
    /// Sorted and without duplicates.
    pub fn sorted(mut items: Vec<String>) -> StringList {
        items.sort();
        items.dedup();
        StringList(items)
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(String::as_str)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for StringList {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0.as_slice() {
            [only] => serializer.serialize_str(only),
            items => items.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for StringList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        /// A string, or a number or boolean kept as its text: condition values such as
        /// `{"Bool":{"aws:MultiFactorAuthPresent":true}}` are written unquoted in real policies.
        struct Item(String);
        impl<'de> Deserialize<'de> for Item {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_any(ItemVisitor).map(Item)
            }
        }
        struct ItemVisitor;
        impl<'de> Visitor<'de> for ItemVisitor {
            type Value = String;
            fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
                formatter.write_str("a string")
            }
            fn visit_str<E: de::Error>(self, value: &str) -> Result<String, E> {
                Ok(value.to_owned())
            }
            fn visit_string<E: de::Error>(self, value: String) -> Result<String, E> {
                Ok(value)
            }
            fn visit_bool<E: de::Error>(self, value: bool) -> Result<String, E> {
                Ok(value.to_string())
            }
            fn visit_i64<E: de::Error>(self, value: i64) -> Result<String, E> {
                Ok(value.to_string())
            }
            fn visit_u64<E: de::Error>(self, value: u64) -> Result<String, E> {
                Ok(value.to_string())
            }
            fn visit_f64<E: de::Error>(self, value: f64) -> Result<String, E> {
                Ok(value.to_string())
            }
        }
        struct ListVisitor;
        impl<'de> Visitor<'de> for ListVisitor {
            type Value = StringList;
            fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
                formatter.write_str("a string or a list of strings")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<StringList, A::Error> {
                let mut items = Vec::new();
                while let Some(Item(item)) = seq.next_element()? {
                    items.push(item);
                }
                Ok(StringList(items))
            }
            fn visit_str<E: de::Error>(self, value: &str) -> Result<StringList, E> {
                Ok(StringList(vec![value.to_owned()]))
            }
            fn visit_string<E: de::Error>(self, value: String) -> Result<StringList, E> {
                Ok(StringList(vec![value]))
            }
            fn visit_bool<E: de::Error>(self, value: bool) -> Result<StringList, E> {
                Ok(StringList(vec![value.to_string()]))
            }
            fn visit_i64<E: de::Error>(self, value: i64) -> Result<StringList, E> {
                Ok(StringList(vec![value.to_string()]))
            }
            fn visit_u64<E: de::Error>(self, value: u64) -> Result<StringList, E> {
                Ok(StringList(vec![value.to_string()]))
            }
            fn visit_f64<E: de::Error>(self, value: f64) -> Result<StringList, E> {
                Ok(StringList(vec![value.to_string()]))
            }
        }
        deserializer.deserialize_any(ListVisitor)
    }
}

fn one_or_many_statements<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Statement>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(Box<Statement>),
        Many(Vec<Statement>),
    }
    Ok(match OneOrMany::deserialize(deserializer)? {
        OneOrMany::One(statement) => vec![*statement],
        OneOrMany::Many(statements) => statements,
    })
}

/// Why a text is not a policy document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyParseError {
    pub message: String,
}

impl fmt::Display for PolicyParseError {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str(&self.message)
    }
}

impl std::error::Error for PolicyParseError {}

/// How many encodings deep `parse_any` looks (a URL-encoded JSON string of a JSON string...).
const MAX_ENCODINGS: u32 = 3;

impl Policy {
    /// Reads a policy document however an AWS tool wrote it: JSON text (`{"Version":…}`), a JSON
    /// string holding that text (`"{\"Version\":…}"`, as Access Analyzer returns it), or
    /// URL-encoded text (`%7B%22Version%22…`, RFC 3986, as the IAM API returns it to every SDK
    /// but botocore).
    pub fn parse_any(text: &str) -> Result<Policy, PolicyParseError> {
        parse_any_at(text, 0)
    }

    pub fn new(statements: Vec<Statement>) -> Policy {
        Policy { id: None, statements, version: POLICY_VERSION.to_owned() }
    }

    /// The canonical text: sorted keys, two-space indentation, a final newline.
    pub fn to_canonical_json(&self) -> String {
        crate::text::to_json_pretty(self)
    }

    /// Size as IAM counts it: characters that are not whitespace.
    pub fn non_whitespace_chars(&self) -> usize {
        non_whitespace_chars(&serde_json::to_string(self).expect("a policy always serialises"))
    }
}

fn parse_any_at(text: &str, encodings: u32) -> Result<Policy, PolicyParseError> {
    let error = |message: String| PolicyParseError { message };
    let text = text.trim_start_matches('\u{feff}').trim();
    if encodings > MAX_ENCODINGS {
        return Err(error(format!("encoded more than {MAX_ENCODINGS} times")));
    }
    match text.as_bytes().first() {
        Some(b'{') => serde_json::from_str::<Policy>(text).map_err(|parse_error| error(format!("not a policy document: {parse_error}"))),
        Some(b'"') => {
            let inner: String = serde_json::from_str(text).map_err(|parse_error| error(format!("not a JSON string: {parse_error}")))?;
            parse_any_at(&inner, encodings + 1)
        }
        Some(b'%') => {
            let decoded = percent_encoding::percent_decode_str(text).decode_utf8().map_err(|_| error("URL-encoded text that is not UTF-8".to_owned()))?;
            match parse_any_at(&decoded, encodings + 1) {
                // Some encoders write spaces as `+` (form encoding), which RFC 3986 does not.
                Err(_) if text.contains('+') => {
                    let spaced = text.replace('+', " ");
                    let decoded =
                        percent_encoding::percent_decode_str(&spaced).decode_utf8().map_err(|_| error("URL-encoded text that is not UTF-8".to_owned()))?;
                    parse_any_at(&decoded, encodings + 1)
                }
                result => result,
            }
        }
        Some(_) => Err(error("not a policy document: expected JSON ({…}), a JSON string, or URL-encoded JSON (%7B…)".to_owned())),
        None => Err(error("empty text where a policy document was expected".to_owned())),
    }
}

/// Characters that are not whitespace, the measure of IAM's policy size quotas.
pub fn non_whitespace_chars(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policies_are_read_in_every_encoding() {
        let json = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":true},"NumericLessThan":{"s3:max-keys":[10]}}}]}"#;
        let expected = Policy::parse_any(json).unwrap();
        let condition = expected.statements[0].condition.as_ref().unwrap();
        assert_eq!(condition["Bool"]["aws:MultiFactorAuthPresent"], StringList(vec!["true".to_owned()]));
        assert_eq!(condition["NumericLessThan"]["s3:max-keys"], StringList(vec!["10".to_owned()]));
        let as_string = serde_json::to_string(json).unwrap();
        assert_eq!(Policy::parse_any(&as_string), Ok(expected.clone()));
        let encoded: String = percent_encoding::utf8_percent_encode(json, percent_encoding::NON_ALPHANUMERIC).to_string();
        assert_eq!(Policy::parse_any(&encoded), Ok(expected.clone()));
        assert_eq!(Policy::parse_any(&serde_json::to_string(&encoded).unwrap()), Ok(expected.clone()));
        // Form encoding writes spaces as `+`.
        let spaced = r#"{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*", "Sid": "Read it"}}"#;
        let form_encoded = percent_encoding::utf8_percent_encode(spaced, percent_encoding::NON_ALPHANUMERIC).to_string().replace("%20", "+");
        assert_eq!(Policy::parse_any(&form_encoded), Policy::parse_any(spaced));
        assert_eq!(Policy::parse_any(spaced).unwrap().statements[0].sid.as_deref(), Some("Read it"));
        assert!(Policy::parse_any("hello").unwrap_err().message.contains("expected JSON"));
        assert!(Policy::parse_any("{}").unwrap_err().message.contains("Statement"));
        let mut nested = json.to_owned();
        for _ in 0..5 {
            nested = serde_json::to_string(&nested).unwrap();
        }
        assert!(Policy::parse_any(&nested).unwrap_err().message.contains("encoded more than"));
    }

    #[test]
    fn reads_lenient_shapes_and_writes_canonical_text() {
        let policy: Policy =
            serde_json::from_str(r#"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":["arn:aws:s3:::b/*"]}}"#).unwrap();
        assert_eq!(policy.statements.len(), 1);
        assert_eq!(
            policy.to_canonical_json(),
            "{\n  \"Statement\": [\n    {\n      \"Action\": \"s3:GetObject\",\n      \"Effect\": \"Allow\",\n      \"Resource\": \"arn:aws:s3:::b/*\"\n    }\n  ],\n  \"Version\": \"2012-10-17\"\n}\n"
        );
        assert_eq!(
            policy.non_whitespace_chars(),
            r#"{"Statement":[{"Action":"s3:GetObject","Effect":"Allow","Resource":"arn:aws:s3:::b/*"}],"Version":"2012-10-17"}"#.len()
        );
    }
}
