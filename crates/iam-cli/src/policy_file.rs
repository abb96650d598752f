//! Reading a policy file for `simulate` and `diff`: a policy document, a JSON array of documents
//! (what `generate --split` prints), or the IAM and Access Analyzer outputs that hold one
//! (`get-policy-version`, `get-generated-policy`), with URL-encoded documents as IAM's API returns
//! them to SDKs other than the AWS CLI.

use anyhow::{bail, Context, Result};
use iam_engine::Policy;
use serde_json::Value;
use std::io::Read;
use std::path::Path;

/// Reads a file, or standard input for `-`.
pub fn read_text(path: &Path) -> Result<String> {
    if path.as_os_str() == "-" {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).context("cannot read standard input")?;
        return Ok(text);
    }
    std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

pub fn read_policies(path: &Path) -> Result<Vec<Policy>> {
    let text = read_text(path)?;
    let value: Value = serde_json::from_str(&text).with_context(|| format!("{} is not JSON", path.display()))?;
    let policies = policies_in(&value).with_context(|| format!("{} holds no IAM policy", path.display()))?;
    if policies.is_empty() {
        bail!("{} holds no IAM policy", path.display());
    }
    Ok(policies)
}

fn policies_in(value: &Value) -> Result<Vec<Policy>> {
    match value {
        Value::Array(items) => items.iter().map(document).collect(),
        Value::Object(map) if map.contains_key("Statement") => Ok(vec![document(value)?]),
        Value::Object(map) => {
            if let Some(version) = map.get("PolicyVersion") {
                return Ok(vec![document(version.get("Document").context("PolicyVersion has no Document")?)?]);
            }
            if let Some(result) = map.get("generatedPolicyResult") {
                let generated = result.get("generatedPolicies").and_then(Value::as_array).context("generatedPolicyResult has no generatedPolicies")?;
                return generated.iter().map(|item| document(item.get("policy").context("a generated policy has no policy")?)).collect();
            }
            if let Some(document_value) = map.get("PolicyDocument").or_else(|| map.get("Document")) {
                return Ok(vec![document(document_value)?]);
            }
            bail!("expected a policy document (with Statement), an array of them, or get-policy-version / get-generated-policy output")
        }
        _ => bail!("expected a JSON object or array"),
    }
}

/// A document given as an object, a JSON string, or a URL-encoded JSON string.
fn document(value: &Value) -> Result<Policy> {
    match value {
        Value::String(text) => {
            let decoded = if text.trim_start().starts_with('{') { text.clone() } else { percent_decode(text) };
            serde_json::from_str(&decoded).context("the policy document string is not a policy")
        }
        other => serde_json::from_value(other.clone()).context("not a policy document"),
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        let document = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#;
        let one: Value = serde_json::from_str(document).unwrap();
        assert_eq!(policies_in(&one).unwrap().len(), 1);
        let array: Value = serde_json::from_str(&format!("[{document},{document}]")).unwrap();
        assert_eq!(policies_in(&array).unwrap().len(), 2);
        let version: Value = serde_json::from_str(&format!(r#"{{"PolicyVersion":{{"Document":{document},"VersionId":"v1"}}}}"#)).unwrap();
        assert_eq!(policies_in(&version).unwrap().len(), 1);
        let generated = serde_json::json!({"generatedPolicyResult": {"generatedPolicies": [{"policy": document}]}});
        assert_eq!(policies_in(&generated).unwrap().len(), 1);
        let encoded = serde_json::json!({"PolicyDocument": "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D"});
        assert_eq!(policies_in(&encoded).unwrap()[0].statements.len(), 0);
        assert!(policies_in(&serde_json::json!({"Records": []})).is_err());
    }
}
