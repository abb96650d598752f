//! Policies the user gives the page as text: the hand-edited policy in the editor and the
//! existing policy pasted for comparison. Reads the shapes `iamwb simulate --policy` accepts (a
//! document, an array of documents, `get-policy-version` and Access Analyzer's
//! `get-generated-policy` output, URL-encoded documents), and edits documents in place (rename a
//! statement, remove an unused entry) by rewriting them as canonical JSON.

use iam_engine::diff::EntryKind;
use iam_engine::policy::StringList;
use iam_engine::Policy;
use serde_json::Value;

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

/// The policy documents in a text.
pub fn documents_in(text: &str) -> Result<Vec<Policy>, PolicyTextError> {
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
    let parsed = match value {
        Value::String(text) => {
            let decoded = if text.trim_start().starts_with('{') { text.clone() } else { percent_decode(text) };
            serde_json::from_str(&decoded)
        }
        other => serde_json::from_value(other.clone()),
    };
    parsed.map_err(|error| PolicyTextError::without_place(format!("not a policy document: {error}")))
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        match bytes[index] {
            b'%' if index + 2 < bytes.len() => match u8::from_str_radix(&text[index + 1..index + 3], 16) {
                Ok(byte) => {
                    out.push(byte);
                    index += 3;
                }
                Err(_) => {
                    out.push(b'%');
                    index += 1;
                }
            },
            b'+' => {
                out.push(b' ');
                index += 1;
            }
            byte => {
                out.push(byte);
                index += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
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
    let mut text = serde_json::to_string_pretty(documents).expect("policies always serialise");
    text.push('\n');
    text
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

#[cfg(test)]
mod tests {
    use super::*;

    const DOCUMENT: &str = r#"{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":"*"},{"Effect":"Allow","Action":"sqs:SendMessage","Resource":"*"}]}"#;

    #[test]
    fn reads_every_shape_iamwb_reads() {
        assert_eq!(documents_in(DOCUMENT).unwrap().len(), 1);
        assert_eq!(documents_in(&format!("[{DOCUMENT},{DOCUMENT}]")).unwrap().len(), 2);
        assert_eq!(documents_in(&format!(r#"{{"PolicyVersion":{{"Document":{DOCUMENT},"VersionId":"v1"}}}}"#)).unwrap().len(), 1);
        let generated = serde_json::json!({"generatedPolicyResult": {"generatedPolicies": [{"policy": DOCUMENT}]}}).to_string();
        assert_eq!(documents_in(&generated).unwrap()[0].statements.len(), 2);
        let encoded = r#"{"PolicyDocument": "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D"}"#;
        assert_eq!(documents_in(encoded).unwrap()[0].statements.len(), 0);
        assert!(documents_in(r#"{"Records": []}"#).is_err());
        assert!(documents_in("[]").is_err());
    }

    #[test]
    fn a_syntax_error_has_its_line_and_column() {
        let error = documents_in("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [,]\n}").unwrap_err();
        assert_eq!((error.line, error.column), (Some(3), Some(17)));
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
}
