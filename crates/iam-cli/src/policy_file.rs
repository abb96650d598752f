//! Reading a policy file for `simulate` and `diff`: the file I/O only. What a policy text may
//! hold (a document, an array of documents, `get-policy-version`, Access Analyzer's
//! `get-generated-policy`, URL-encoded documents) is the engine's `policy_text`, the reader the
//! page uses for pasted and dropped policies too.

use anyhow::{Context, Result};
use iam_engine::policy_text::documents_in;
use iam_engine::Policy;
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
    documents_in(&text).with_context(|| format!("{} holds no readable IAM policy", path.display()))
}
