//! Sharing a policy through the address: `#policy=<base64url of the deflate-compressed policy
//! text>`. The fragment never reaches a server; only the policy travels, never logs. Opening a
//! link is reading untrusted input, so it is bounded (link length, inflated size) and must be
//! JSON. `with_placeholders` replaces account IDs before sharing. Pure.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use std::io::{Read, Write};

const PREFIX: &str = "policy=";
/// Longer fragments are refused before decoding (browsers handle far longer addresses, but a
/// policy never needs this much: 6,144 characters per managed policy).
pub const MAX_FRAGMENT_CHARS: usize = 256 * 1024;
/// The inflated policy is never larger than this.
pub const MAX_POLICY_BYTES: u64 = 1024 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShareError {
    TooLong,
    NotBase64,
    NotCompressed,
    TooLarge,
    NotJson,
    /// JSON, but no policy document (an object with `Statement`) or list of them.
    NotAPolicy,
}

/// The fragment (without `#`) that carries `policy_text`.
pub fn fragment_of(policy_text: &str) -> String {
    let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(policy_text.as_bytes()).expect("writing to memory cannot fail");
    let compressed = encoder.finish().expect("writing to memory cannot fail");
    format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(compressed))
}

/// The policy a fragment carries: `None` when the fragment is not a policy link at all.
pub fn policy_of_fragment(fragment: &str) -> Option<Result<String, ShareError>> {
    let encoded = fragment.trim_start_matches('#').strip_prefix(PREFIX)?;
    Some(decode(encoded))
}

fn decode(encoded: &str) -> Result<String, ShareError> {
    if encoded.len() > MAX_FRAGMENT_CHARS {
        return Err(ShareError::TooLong);
    }
    // Some chat tools and mail clients percent-encode or pad; accept both.
    let encoded = encoded.trim_end_matches('=').trim_end_matches("%3D").trim_end_matches("%3d");
    let compressed = URL_SAFE_NO_PAD.decode(encoded).map_err(|_| ShareError::NotBase64)?;
    let mut text = Vec::new();
    flate2::read::DeflateDecoder::new(compressed.as_slice()).take(MAX_POLICY_BYTES + 1).read_to_end(&mut text).map_err(|_| ShareError::NotCompressed)?;
    if text.len() as u64 > MAX_POLICY_BYTES {
        return Err(ShareError::TooLarge);
    }
    let text = String::from_utf8(text).map_err(|_| ShareError::NotJson)?;
    let value = serde_json::from_str::<serde_json::Value>(&text).map_err(|_| ShareError::NotJson)?;
    // Only what the page shares: one policy document, or the list of split documents. Any other
    // JSON (`1`, `"text"`, an IAM report) would be shown as a "shared policy" it is not.
    let is_document = |value: &serde_json::Value| value.get("Statement").is_some();
    let shape_ok = match &value {
        serde_json::Value::Array(documents) => !documents.is_empty() && documents.iter().all(is_document),
        document => is_document(document),
    };
    if !shape_ok || iam_engine::policy_text::documents_in(&text).is_err() {
        return Err(ShareError::NotAPolicy);
    }
    Ok(text)
}

/// Replaces every account ID (twelve digits standing alone between `:`, `"` or `/`, as in ARNs
/// and `aws:SourceAccount` values) with a placeholder: `${AccountId}` for the first account met,
/// `${AccountId2}`, `${AccountId3}`… for the next, in order of first appearance, so the same
/// policy always gives the same text.
pub fn with_placeholders(policy_text: &str) -> String {
    let bytes = policy_text.as_bytes();
    let mut accounts: Vec<&str> = Vec::new();
    let mut out = String::with_capacity(policy_text.len());
    let mut copied_until = 0;
    let mut index = 0;
    while index + 12 <= bytes.len() {
        let candidate = &bytes[index..index + 12];
        let before_ok = index > 0 && matches!(bytes[index - 1], b':' | b'"' | b'/');
        let after_ok = bytes.get(index + 12).is_some_and(|byte| matches!(byte, b':' | b'"' | b'/'));
        if before_ok && after_ok && candidate.iter().all(u8::is_ascii_digit) {
            let account = &policy_text[index..index + 12];
            let number = match accounts.iter().position(|known| *known == account) {
                Some(position) => position + 1,
                None => {
                    accounts.push(account);
                    accounts.len()
                }
            };
            out.push_str(&policy_text[copied_until..index]);
            if number == 1 {
                out.push_str("${AccountId}");
            } else {
                out.push_str(&format!("${{AccountId{number}}}"));
            }
            index += 12;
            copied_until = index;
        } else {
            index += 1;
        }
    }
    out.push_str(&policy_text[copied_until..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const POLICY: &str = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": \"iam:PassRole\",\n      \"Resource\": [\"arn:aws:iam::111122223333:role/ci/deployer\", \"arn:aws:iam::444455556666:role/x\", \"arn:aws:s3:::bucket-111122223333x/*\"],\n      \"Condition\": {\"StringEquals\": {\"aws:SourceAccount\": \"111122223333\"}}\n    }\n  ]\n}\n";

    #[test]
    fn a_policy_survives_the_trip_through_a_link_byte_for_byte() {
        let fragment = fragment_of(POLICY);
        assert!(fragment.starts_with("policy="));
        assert!(fragment.bytes().all(|byte| byte.is_ascii_alphanumeric() || b"=-_".contains(&byte)), "{fragment}");
        assert_eq!(policy_of_fragment(&fragment), Some(Ok(POLICY.to_owned())));
        assert_eq!(policy_of_fragment(&format!("#{fragment}")), Some(Ok(POLICY.to_owned())));
    }

    #[test]
    fn other_fragments_are_not_policies_and_bad_links_say_why() {
        assert_eq!(policy_of_fragment(""), None);
        assert_eq!(policy_of_fragment("section-2"), None);
        assert_eq!(policy_of_fragment("policy=***"), Some(Err(ShareError::NotBase64)));
        assert_eq!(policy_of_fragment("policy=AAAA"), Some(Err(ShareError::NotCompressed)));
        let not_json = fragment_of("<img src=x onerror=alert(1)>");
        assert_eq!(policy_of_fragment(&not_json), Some(Err(ShareError::NotJson)));
        // Regression: any JSON was shown as a "Shared policy".
        for not_a_policy in ["1", "\"text\"", "[]", "{}", "[1]", "{\"Version\":\"2012-10-17\"}", "{\"UserDetailList\":[]}"] {
            assert_eq!(policy_of_fragment(&fragment_of(not_a_policy)), Some(Err(ShareError::NotAPolicy)), "{not_a_policy}");
        }
        let documents =
            "[{\"Version\":\"2012-10-17\",\"Statement\":[]},{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}]";
        assert_eq!(policy_of_fragment(&fragment_of(documents)), Some(Ok(documents.to_owned())));
        assert_eq!(policy_of_fragment(&format!("policy={}", "A".repeat(MAX_FRAGMENT_CHARS + 1))), Some(Err(ShareError::TooLong)));
    }

    #[test]
    fn regression_a_link_that_inflates_without_end_is_refused() {
        // 16 MB of spaces compress to a few KB: the page must stop at MAX_POLICY_BYTES.
        let bomb = fragment_of(&" ".repeat(16 * 1024 * 1024));
        assert!(bomb.len() < 64 * 1024);
        assert_eq!(policy_of_fragment(&bomb), Some(Err(ShareError::TooLarge)));
    }

    #[test]
    fn account_ids_become_numbered_placeholders_in_order_of_appearance() {
        let replaced = with_placeholders(POLICY);
        assert!(replaced.contains("arn:aws:iam::${AccountId}:role/ci/deployer"), "{replaced}");
        assert!(replaced.contains("arn:aws:iam::${AccountId2}:role/x"));
        assert!(replaced.contains("\"aws:SourceAccount\": \"${AccountId}\""));
        assert!(replaced.contains("bucket-111122223333x"), "digits inside a name are not an account ID");
        assert!(!replaced.contains("444455556666"));
        assert_eq!(with_placeholders(&replaced), replaced, "idempotent");
        serde_json::from_str::<serde_json::Value>(&replaced).expect("still JSON");
    }
}
