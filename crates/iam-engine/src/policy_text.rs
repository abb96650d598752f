//! Policies given as text: the file of `iamwb simulate --policy` and `iamwb diff --policy`, the
//! page's editor and the existing policy pasted or dropped for comparison. One reader for all of
//! them, so the CLI and the page accept the same shapes: a policy document (an object, a JSON
//! string holding one, or URL-encoded text), a JSON array of documents (what `generate --split`
//! prints), `get-policy-version`, `get-role-policy` (and its user and group kin) and IAM Access
//! Analyzer's `get-generated-policy` output, whose `${…}` placeholders stay as they are.
//!
//! Also the edits the page makes to such a text (rename a statement, remove an entry or an
//! action), written back as canonical JSON.

use crate::diff::EntryKind;
use crate::policy::{Effect, Policy, StringList};
use serde_json::Value;
use std::fmt;

/// Why a text holds no usable policy, with the place when the JSON itself is broken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyTextError {
    pub message: String,
    /// 1-based line and column of a JSON syntax error.
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl PolicyTextError {
    fn without_place(message: impl Into<String>) -> PolicyTextError {
        PolicyTextError { message: message.into(), line: None, column: None }
    }
}

impl fmt::Display for PolicyTextError {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        match (self.line, self.column) {
            (Some(line), Some(column)) => write!(formatter, "{} (line {line}, column {column})", self.message),
            _ => formatter.write_str(&self.message),
        }
    }
}

impl std::error::Error for PolicyTextError {}

/// The policy documents in a text; never an empty list.
pub fn documents_in(text: &str) -> Result<Vec<Policy>, PolicyTextError> {
    // Only a byte-order mark is cut: lines and columns of syntax errors count in the text as given.
    let text = text.trim_start_matches('\u{feff}');
    // URL-encoded text is no JSON at all: read it as the document it encodes.
    if text.trim_start().starts_with('%') {
        return Policy::parse_any(text).map(|policy| vec![policy]).map_err(|error| PolicyTextError::without_place(error.message));
    }
    let value: Value = serde_json::from_str(text).map_err(|error| PolicyTextError {
        message: error.to_string(),
        line: Some(error.line().max(1)),
        column: Some(error.column().max(1)),
    })?;
    let documents = documents_in_value(&value)?;
    if documents.is_empty() {
        return Err(PolicyTextError::without_place("no policy document"));
    }
    Ok(documents)
}

fn documents_in_value(value: &Value) -> Result<Vec<Policy>, PolicyTextError> {
    match value {
        Value::Array(items) => items.iter().map(document).collect(),
        Value::String(_) => Ok(vec![document(value)?]),
        Value::Object(map) if map.contains_key("Statement") => Ok(vec![document(value)?]),
        Value::Object(map) => {
            if let Some(version) = map.get("PolicyVersion") {
                let inner = version.get("Document").ok_or_else(|| PolicyTextError::without_place("PolicyVersion has no Document"))?;
                return Ok(vec![document(inner)?]);
            }
            if let Some(result) = map.get("generatedPolicyResult") {
                let generated = result
                    .get("generatedPolicies")
                    .and_then(Value::as_array)
                    .ok_or_else(|| PolicyTextError::without_place("generatedPolicyResult has no generatedPolicies"))?;
                return generated
                    .iter()
                    .map(|item| item.get("policy").ok_or_else(|| PolicyTextError::without_place("a generated policy has no policy")).and_then(document))
                    .collect();
            }
            if let Some(inner) = map.get("PolicyDocument").or_else(|| map.get("Document")) {
                return Ok(vec![document(inner)?]);
            }
            Err(PolicyTextError::without_place(
                "expected a policy document (with Statement), an array of them, or get-policy-version / get-generated-policy output",
            ))
        }
        _ => Err(PolicyTextError::without_place("expected a JSON object or array")),
    }
}

/// A document given as an object, a JSON string, or a URL-encoded JSON string.
fn document(value: &Value) -> Result<Policy, PolicyTextError> {
    match value {
        Value::String(text) => Policy::parse_any(text).map_err(|error| PolicyTextError::without_place(error.message)),
        other => serde_json::from_value(other.clone()).map_err(|error| PolicyTextError::without_place(format!("not a policy document: {error}"))),
    }
}

/// Documents as the editor shows them: one as canonical JSON (what `iamwb generate` prints),
/// several as a pretty JSON array (what `iamwb generate --split` prints).
pub fn documents_text(documents: &[Policy]) -> String {
    match documents {
        [only] => only.to_canonical_json(),
        many => json_array(many),
    }
}

/// A pretty JSON array of documents with a final newline, even for one (`--split`).
pub fn json_array(documents: &[Policy]) -> String {
    crate::text::to_json_pretty(documents)
}

/// All statements of several documents as one policy (for sizes and breadth of the whole).
pub fn merged(documents: &[Policy]) -> Policy {
    match documents {
        [only] => only.clone(),
        many => Policy::new(many.iter().flat_map(|document| document.statements.iter().cloned()).collect()),
    }
}

/// Sets the Sid of the statement at `index`, counting statements across documents; an empty Sid
/// removes it. `None` when the text holds no policy or no such statement.
pub fn rename_statement(text: &str, index: usize, sid: &str) -> Option<String> {
    let mut documents = documents_in(text).ok()?;
    let statement = documents.iter_mut().flat_map(|document| document.statements.iter_mut()).nth(index)?;
    statement.sid = if sid.is_empty() { None } else { Some(sid.to_owned()) };
    Some(documents_text(&documents))
}

/// Removes an Action or Resource entry from one statement of one document; a statement left
/// without actions or resources goes too. `None` when the text holds no policy or no such
/// statement.
pub fn remove_entry(text: &str, document_index: usize, statement_index: usize, kind: EntryKind, entry: &str) -> Option<String> {
    let mut documents = documents_in(text).ok()?;
    let document = documents.get_mut(document_index)?;
    let statement = document.statements.get_mut(statement_index)?;
    let list = match kind {
        EntryKind::Action => &mut statement.action,
        EntryKind::Resource => &mut statement.resource,
    };
    let remaining: Vec<String> = list.iter().flat_map(|items| items.iter()).filter(|item| *item != entry).map(str::to_owned).collect();
    if remaining.is_empty() {
        document.statements.remove(statement_index);
    } else {
        *list = Some(StringList(remaining));
    }
    Some(documents_text(&documents))
}

/// Removes an action from every `Allow` statement's `Action` list, as Access Analyzer's
/// unused-access findings ask: the entry naming it exactly (ignoring case, as IAM does), and for
/// a whole unused service (`s3:*`) every entry of that service. Entries that grant it through a
/// wildcard of another reach (`s3:Get*`, `*`) stay: narrowing them is the user's call. A
/// statement left without actions goes. `None` when the text holds no policy or no entry was
/// removed.
pub fn remove_action(text: &str, action: &str) -> Option<String> {
    let mut documents = documents_in(text).ok()?;
    let whole_service = action.strip_suffix(":*").map(|service| format!("{}:", service.to_ascii_lowercase()));
    let matches = |entry: &str| match &whole_service {
        Some(prefix) => entry.to_ascii_lowercase().starts_with(prefix.as_str()),
        None => entry.eq_ignore_ascii_case(action),
    };
    let mut removed = false;
    for document in &mut documents {
        document.statements.retain_mut(|statement| {
            if statement.effect != Effect::Allow {
                return true;
            }
            let Some(actions) = &statement.action else {
                return true;
            };
            let remaining: Vec<String> = actions.iter().filter(|entry| !matches(entry)).map(str::to_owned).collect();
            if remaining.len() == actions.len() {
                return true;
            }
            removed = true;
            if remaining.is_empty() {
                return false;
            }
            statement.action = Some(StringList(remaining));
            true
        });
    }
    removed.then(|| documents_text(&documents))
}

/// True when some `Allow` statement's `Action` list names this action exactly (ignoring case),
/// or for a whole service (`s3:*`), any action of it.
pub fn names_action(documents: &[Policy], action: &str) -> bool {
    let whole_service = action.strip_suffix(":*").map(|service| format!("{}:", service.to_ascii_lowercase()));
    documents.iter().flat_map(|document| document.statements.iter()).filter(|statement| statement.effect == Effect::Allow).any(|statement| {
        statement.action.iter().flat_map(|actions| actions.iter()).any(|entry| match &whole_service {
            Some(prefix) => entry.to_ascii_lowercase().starts_with(prefix.as_str()),
            None => entry.eq_ignore_ascii_case(action),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOCUMENT: &str = r#"{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"*"},{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"*"}]}"#;

    #[test]
    fn reads_every_shape() {
        assert_eq!(documents_in(DOCUMENT).unwrap().len(), 1);
        assert_eq!(documents_in(&format!("[{DOCUMENT},{DOCUMENT}]")).unwrap().len(), 2);
        assert_eq!(documents_in(&format!(r#"{{"PolicyVersion":{{"Document":{DOCUMENT},"VersionId":"v1"}}}}"#)).unwrap().len(), 1);
        let generated = serde_json::json!({"generatedPolicyResult": {"generatedPolicies": [{"policy": DOCUMENT}, {"policy": DOCUMENT}]}}).to_string();
        let parts = documents_in(&generated).unwrap();
        assert_eq!((parts.len(), parts[0].statements.len()), (2, 2));
        let encoded = r#"{"PolicyDocument": "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D"}"#;
        assert_eq!(documents_in(encoded).unwrap()[0].statements.len(), 0);
        let role_policy = serde_json::json!({"RoleName": "app", "PolicyName": "inline", "PolicyDocument": serde_json::from_str::<Value>(DOCUMENT).unwrap()});
        assert_eq!(documents_in(&role_policy.to_string()).unwrap()[0].statements.len(), 2);
        assert_eq!(documents_in(&serde_json::to_string(DOCUMENT).unwrap()).unwrap()[0].statements.len(), 2, "a JSON string");
        let url_encoded: String = percent_encoding::utf8_percent_encode(DOCUMENT, percent_encoding::NON_ALPHANUMERIC).to_string();
        assert_eq!(documents_in(&url_encoded).unwrap()[0].statements.len(), 2, "URL-encoded text on its own");
        assert!(documents_in(r#"{"Records": []}"#).unwrap_err().message.contains("expected a policy document"));
        assert!(documents_in("[]").is_err());
        assert!(documents_in("42").is_err());
    }

    #[test]
    fn access_analyzer_placeholders_stay_as_they_are() {
        let policy = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::${BucketName}/*"}]}"#;
        let generated = serde_json::json!({"generatedPolicyResult": {"generatedPolicies": [{"policy": policy}]}, "jobDetails": {"status": "SUCCEEDED"}});
        let documents = documents_in(&generated.to_string()).unwrap();
        assert_eq!(documents[0].statements[0].resource, Some(StringList(vec!["arn:aws:s3:::${BucketName}/*".to_owned()])));
    }

    #[test]
    fn a_syntax_error_has_its_line_and_column() {
        let error = documents_in("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [,]\n}").unwrap_err();
        assert_eq!((error.line, error.column), (Some(3), Some(17)));
        assert!(error.to_string().ends_with("(line 3, column 17)"));
        let after_blank_lines = documents_in("\n\n{,}").unwrap_err();
        assert_eq!(after_blank_lines.line, Some(3), "lines count in the text as given");
    }

    #[test]
    fn renaming_and_removing_rewrite_canonical_json() {
        let renamed = rename_statement(DOCUMENT, 1, "SendOrders").unwrap();
        assert_eq!(documents_in(&renamed).unwrap()[0].statements[1].sid.as_deref(), Some("SendOrders"));
        assert!(renamed.ends_with("}\n"), "canonical text");
        assert_eq!(rename_statement(DOCUMENT, 5, "X"), None);
        let trimmed = remove_entry(DOCUMENT, 0, 0, EntryKind::Action, "s3:PutObject").unwrap();
        let documents = documents_in(&trimmed).unwrap();
        assert_eq!(documents[0].statements[0].action, Some(StringList(vec!["s3:GetObject".to_owned()])));
        let without_queue = remove_entry(&trimmed, 0, 1, EntryKind::Resource, "*").unwrap();
        assert_eq!(documents_in(&without_queue).unwrap()[0].statements.len(), 1, "a statement without resources goes");
    }

    #[test]
    fn unused_actions_and_services_are_removed_from_every_document() {
        let two = format!("[{DOCUMENT},{DOCUMENT}]");
        let without_put = remove_action(&two, "S3:putobject").unwrap();
        let documents = documents_in(&without_put).unwrap();
        assert!(!names_action(&documents, "s3:PutObject"));
        assert!(names_action(&documents, "s3:GetObject"));
        assert_eq!(documents[1].statements[0].action, Some(StringList(vec!["s3:GetObject".to_owned()])));
        let without_sqs = remove_action(DOCUMENT, "sqs:*").unwrap();
        assert_eq!(documents_in(&without_sqs).unwrap()[0].statements.len(), 1, "the statement left without actions goes");
        assert_eq!(remove_action(DOCUMENT, "ec2:RunInstances"), None, "nothing to remove");
        let wildcard = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#;
        assert_eq!(remove_action(wildcard, "s3:PutObject"), None, "a wildcard of another reach stays");
    }
}
