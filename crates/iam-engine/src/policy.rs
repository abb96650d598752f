//! IAM policy documents: the model, lenient reading (a statement or a list of them, a string or a
//! list of strings) and canonical writing (sorted keys and lists, two-space indentation, a final
//! newline) so the browser and the CLI print byte-identical policies.

use serde::de::Deserializer;
use serde::ser::Serializer;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

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
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum OneOrMany {
            One(String),
            Many(Vec<String>),
        }
        Ok(match OneOrMany::deserialize(deserializer)? {
            OneOrMany::One(item) => StringList(vec![item]),
            OneOrMany::Many(items) => StringList(items),
        })
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

impl Policy {
    pub fn new(statements: Vec<Statement>) -> Policy {
        Policy { id: None, statements, version: POLICY_VERSION.to_owned() }
    }

    /// The canonical text: sorted keys, two-space indentation, a final newline.
    pub fn to_canonical_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("a policy always serialises");
        text.push('\n');
        text
    }

    /// Size as IAM counts it: characters that are not whitespace.
    pub fn non_whitespace_chars(&self) -> usize {
        non_whitespace_chars(&serde_json::to_string(self).expect("a policy always serialises"))
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
