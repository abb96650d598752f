//! A lazy, borrowed view of a record's `requestParameters`: only the top-level keys are split
//! (values stay raw JSON text borrowed from the input) and a value is parsed only when the mapping
//! asks for it. The mapping reads a handful of fields per event, so nothing else is allocated.

use crate::record::Str;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::cell::OnceCell;
use std::fmt;

/// `requestParameters`, split only when a plan first asks for a member: many events are mapped
/// from their name and `resources[]` alone.
pub struct LazyRequest<'a> {
    raw: Option<&'a RawValue>,
    view: OnceCell<RequestView<'a>>,
}

impl<'a> LazyRequest<'a> {
    pub fn new(raw: Option<&'a RawValue>) -> LazyRequest<'a> {
        LazyRequest { raw, view: OnceCell::new() }
    }

    /// The split request (split on first use).
    pub fn view(&self) -> &RequestView<'a> {
        self.view.get_or_init(|| RequestView::parse(self.raw))
    }

    /// Whether the raw JSON text contains `needle`: a cheap test before splitting.
    pub fn text_contains(&self, needle: &str) -> bool {
        self.raw.is_some_and(|raw| raw.get().contains(needle))
    }
}

/// The top-level members of a JSON object, in order. Keys compare ignoring ASCII case because
/// CloudTrail mixes `bucketName` with S3's `ReplicationConfiguration` and friends.
#[derive(Debug, Default)]
pub struct RequestView<'a> {
    members: Vec<(Cow<'a, str>, &'a RawValue)>,
}

impl<'a> RequestView<'a> {
    /// Splits an object; anything else (null, a string, broken JSON) is an empty view.
    pub fn parse(raw: Option<&'a RawValue>) -> RequestView<'a> {
        raw.and_then(|raw| RequestView::parse_text(raw.get())).unwrap_or_default()
    }

    fn parse_text(text: &'a str) -> Option<RequestView<'a>> {
        let trimmed = text.trim_start();
        if !trimmed.starts_with('{') {
            return None;
        }
        serde_json::from_str::<RequestView<'a>>(text).ok()
    }

    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// The raw value of a member.
    pub fn raw(&self, key: &str) -> Option<&'a RawValue> {
        self.members.iter().find(|(name, _)| name.eq_ignore_ascii_case(key)).map(|(_, value)| *value)
    }

    /// A string member (numbers are kept as their text); empty strings count as absent.
    pub fn string(&self, key: &str) -> Option<Cow<'a, str>> {
        self.raw(key).and_then(string_of)
    }

    /// A string member found by following object keys: `["iamInstanceProfile", "arn"]`.
    pub fn string_at(&self, path: &[&str]) -> Option<Cow<'a, str>> {
        match path {
            [] => None,
            [last] => self.string(last),
            [first, rest @ ..] => self.object(first)?.string_at(rest),
        }
    }

    /// A nested object member as a view of its own.
    pub fn object(&self, key: &str) -> Option<RequestView<'a>> {
        self.raw(key).and_then(|raw| RequestView::parse_text(raw.get()))
    }

    /// The strings of a member that is a string or an array of strings (`names`, `instanceIds`).
    pub fn strings(&self, key: &str) -> Vec<Cow<'a, str>> {
        let Some(raw) = self.raw(key) else {
            return Vec::new();
        };
        if let Some(single) = string_of(raw) {
            return vec![single];
        }
        match serde_json::from_str::<Vec<Option<Str<'a>>>>(raw.get()) {
            Ok(values) => values.into_iter().flatten().map(|value| value.0).filter(|value| !value.is_empty()).collect(),
            Err(_) => Vec::new(),
        }
    }

    /// The members of a list of objects, accepting both a bare array and EC2's `{"items": [...]}`.
    pub fn objects(&self, key: &str) -> Vec<RequestView<'a>> {
        let Some(raw) = self.raw(key) else {
            return Vec::new();
        };
        let text = raw.get().trim_start();
        if text.starts_with('{') {
            return match RequestView::parse_text(text) {
                Some(wrapper) => wrapper.objects("items"),
                None => Vec::new(),
            };
        }
        match serde_json::from_str::<Vec<&'a RawValue>>(raw.get()) {
            Ok(values) => values.into_iter().filter_map(|value| RequestView::parse_text(value.get())).collect(),
            Err(_) => Vec::new(),
        }
    }

    /// The string field `field` of every object in the list `key`.
    pub fn strings_in_objects(&self, key: &str, field: &str) -> Vec<Cow<'a, str>> {
        self.objects(key).iter().filter_map(|object| object.string(field)).collect()
    }

    /// Whether the request carries tags: a non-empty list or object under a member named like
    /// `tags`, `tagList`, `tagSpecificationSet`, `resourceTags`.
    pub fn has_tags(&self) -> bool {
        self.members.iter().any(|(name, value)| {
            let name = name.to_ascii_lowercase();
            let text = value.get().trim();
            (name.starts_with("tag") || name.ends_with("tags"))
                && (text.starts_with('[') || text.starts_with('{'))
                && !matches!(text.chars().filter(|c| !c.is_whitespace()).collect::<String>().as_str(), "[]" | "{}" | "{\"items\":[]}")
        })
    }

    /// Every IAM role ARN written in the request, at any depth (`arn:aws:iam::123456789012:role/x`),
    /// each once, in order; at most `MAX_ROLES_IN_REQUEST` (a call passes one or two; a crafted
    /// request listing a million costs no more than the first ones).
    pub fn role_arns(&self) -> Vec<String> {
        const MAX_ROLES_IN_REQUEST: usize = 16;
        let mut roles: Vec<String> = Vec::new();
        for (_, value) in &self.members {
            if roles.len() >= MAX_ROLES_IN_REQUEST {
                break;
            }
            let text = value.get();
            let mut rest = text;
            while let Some(start) = rest.find("arn:") {
                let candidate = &rest[start..];
                let end = candidate.find(|c: char| c == '"' || c == '\\' || c.is_whitespace()).unwrap_or(candidate.len());
                let arn = &candidate[..end];
                let mut parts = arn.splitn(6, ':');
                let (_, _, service, region, account, resource) = (parts.next(), parts.next(), parts.next(), parts.next(), parts.next(), parts.next());
                let is_role = service == Some("iam")
                    && region == Some("")
                    && account.is_some_and(|account| account.len() == 12 && account.bytes().all(|byte| byte.is_ascii_digit()))
                    && resource.is_some_and(|resource| resource.len() > "role/".len() && resource.starts_with("role/"));
                if is_role && !roles.iter().any(|known| known == arn) {
                    roles.push(arn.to_owned());
                    if roles.len() >= MAX_ROLES_IN_REQUEST {
                        break;
                    }
                }
                rest = &candidate[end.max(4)..];
            }
        }
        roles
    }

    /// The keys of the members, in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.members.iter().map(|(name, _)| name.as_ref())
    }
}

fn string_of(raw: &RawValue) -> Option<Cow<'_, str>> {
    let text = raw.get();
    let first = text.trim_start().as_bytes().first()?;
    if !(*first == b'"' || first.is_ascii_digit() || *first == b'-') {
        return None;
    }
    serde_json::from_str::<Str<'_>>(text).ok().map(|value| value.0).filter(|value| !value.is_empty())
}

impl<'de: 'a, 'a> Deserialize<'de> for RequestView<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ViewVisitor;
        impl<'de> Visitor<'de> for ViewVisitor {
            type Value = RequestView<'de>;
            fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
                formatter.write_str("a JSON object")
            }
            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
                let mut members = Vec::new();
                while let Some(key) = map.next_key::<Str<'de>>()? {
                    let value: &'de RawValue = map.next_value()?;
                    members.push((key.0, value));
                }
                Ok(RequestView { members })
            }
            fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
                Ok(RequestView::default())
            }
        }
        deserializer.deserialize_map(ViewVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(text: &str) -> &RawValue {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn reads_strings_lists_and_nested_members_without_parsing_the_rest() {
        let value = raw(
            r#"{"bucketName":"b","Key":"a/b c","versionId":"","maxKeys":5,"names":["/x","y"],"instancesSet":{"items":[{"instanceId":"i-1"},{"instanceId":"i-2"}]},"iamInstanceProfile":{"arn":"arn:aws:iam::1:instance-profile/p"},"big":{"deep":[1,2,{"x":"y"}]},"esc\u0061ped":"v"}"#,
        );
        let view = RequestView::parse(Some(value));
        assert_eq!(view.string("bucketName").as_deref(), Some("b"));
        assert_eq!(view.string("key").as_deref(), Some("a/b c"));
        assert_eq!(view.string("versionId"), None);
        assert_eq!(view.string("maxKeys").as_deref(), Some("5"));
        assert_eq!(view.strings("names"), vec!["/x", "y"]);
        assert_eq!(view.strings("bucketName"), vec!["b"]);
        assert_eq!(view.strings_in_objects("instancesSet", "instanceId"), vec!["i-1", "i-2"]);
        assert_eq!(view.string_at(&["iamInstanceProfile", "arn"]).as_deref(), Some("arn:aws:iam::1:instance-profile/p"));
        assert_eq!(view.string("big"), None);
        assert_eq!(view.string("escaped").as_deref(), Some("v"));
    }

    #[test]
    fn tags_and_role_arns_anywhere_in_the_request() {
        let view = RequestView::parse(Some(raw(
            r#"{"name":"f","tags":{"team":"a"},"config":{"roleArn":"arn:aws:iam::111122223333:role/service/exec"},"other":"arn:aws:iam::111122223333:user/u","again":["arn:aws:iam::111122223333:role/service/exec"]}"#,
        )));
        assert!(view.has_tags());
        assert_eq!(view.role_arns(), vec!["arn:aws:iam::111122223333:role/service/exec"]);
        for text in [r#"{"tags":[]}"#, r#"{"tagSpecificationSet":{"items":[]}}"#, r#"{"stage":{"a":1}}"#, r#"{"propagateTags":"SERVICE"}"#] {
            assert!(!RequestView::parse(Some(raw(text))).has_tags(), "{text}");
        }
        assert!(RequestView::parse(Some(raw(r#"{"tagSpecificationSet":{"items":[{"resourceType":"instance","tags":[{"key":"a","value":"b"}]}]}}"#))).has_tags());
    }

    #[test]
    fn anything_but_an_object_is_an_empty_view() {
        for text in ["null", "\"text\"", "[1]", "3"] {
            assert!(RequestView::parse(Some(raw(text))).is_empty(), "{text}");
        }
        assert!(RequestView::parse(None).is_empty());
    }
}
