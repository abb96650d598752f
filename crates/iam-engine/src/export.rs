//! Exporting policies: the policy JSON (one document, or the split documents as an array), an
//! AWS CLI script, a CloudFormation template and Terraform. Every format is deterministic text.
//!
//! Quoting is where exports break, so each format avoids it where it can: the CLI script writes
//! each document to a file with a quoted here-document (the shell expands nothing inside) and
//! passes `file://`; CloudFormation gets block YAML whose strings are all double-quoted JSON
//! strings (valid YAML escapes); Terraform writes the `$` of `${` and the `%` of `%{` as `\u0024`
//! and `\u0025` (policy variables such as `${aws:username}` would otherwise be Terraform
//! interpolations).
//!
//! Input text can hold any character (`text::is_hidden`): YAML and HCL strings escape every
//! hidden one as `\uXXXX`, so each reader gets back exactly the logged string (YAML folds a raw
//! U+0085 into a space and rejects a raw DEL; HCL has no `\b` or `\f`), and the script's comment
//! shows names with `text::visible`, so a newline in a name cannot end the comment.

use crate::policy::Policy;
use crate::principal::{name_of, Arn};
use crate::text::{is_hidden, visible};
use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ExportFormat {
    Json,
    Cli,
    Cloudformation,
    Terraform,
}

impl ExportFormat {
    pub fn parse(text: &str) -> Option<ExportFormat> {
        match text {
            "json" => Some(ExportFormat::Json),
            "cli" => Some(ExportFormat::Cli),
            "cloudformation" | "cfn" => Some(ExportFormat::Cloudformation),
            "terraform" | "tf" => Some(ExportFormat::Terraform),
            _ => None,
        }
    }
}

/// Managed policies attached to the principal, or inline policies embedded in it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Attachment {
    #[default]
    Managed,
    Inline,
}

/// How Terraform receives the document.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TerraformStyle {
    /// `jsonencode({ ... })` in HCL syntax.
    #[default]
    Jsonencode,
    /// The JSON in a `<<-EOT` heredoc.
    Heredoc,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportOptions {
    /// The policy name; split documents get `-1`, `-2`, ... Made safe for IAM (`[\w+=,.@-]`, at
    /// most 128 characters). Defaults to `iamwb-<principal name>`.
    pub policy_name: Option<String>,
    /// The role or user the policies are for; without one nothing is attached.
    pub principal_arn: Option<String>,
    pub attachment: Attachment,
    pub description: Option<String>,
    pub terraform_style: TerraformStyle,
}

/// A file an export refers to (`file://name.json`), written next to the main text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportFile {
    pub name: String,
    pub contents: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Export {
    /// The text to print or save: the JSON, the script, the template.
    pub text: String,
    /// The policy documents as files: `<policy name>.json` each.
    pub files: Vec<ExportFile>,
    /// The suggested file name for `text`.
    pub file_name: String,
}

/// Which kind of principal the policies attach to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PrincipalType {
    Role,
    User,
}

struct Target {
    kind: PrincipalType,
    name: String,
    partition: String,
    account: String,
}

fn target_of(principal_arn: Option<&str>) -> Option<Target> {
    let arn_text = principal_arn?;
    let arn = Arn::parse(arn_text)?;
    let kind = match arn.resource.split('/').next()? {
        "role" => PrincipalType::Role,
        "user" => PrincipalType::User,
        _ => return None,
    };
    Some(Target { kind, name: name_of(arn_text)?.to_owned(), partition: arn.partition.to_owned(), account: arn.account.to_owned() })
}

/// A policy name IAM accepts: `[\w+=,.@-]`, 1 to 128 characters.
pub fn safe_policy_name(name: &str) -> String {
    let cleaned: String = name.chars().map(|c| if c.is_ascii_alphanumeric() || "_+=,.@-".contains(c) { c } else { '-' }).take(128).collect();
    if cleaned.is_empty() {
        "iamwb-policy".to_owned()
    } else {
        cleaned
    }
}

fn policy_names(documents: &[Policy], options: &ExportOptions, target: Option<&Target>) -> Vec<String> {
    let base = options.policy_name.clone().unwrap_or_else(|| match target {
        Some(target) => format!("iamwb-{}", target.name),
        None => "iamwb-policy".to_owned(),
    });
    let base = safe_policy_name(&base);
    if documents.len() == 1 {
        return vec![base];
    }
    (1..=documents.len())
        .map(|index| {
            let suffix = format!("-{index}");
            let keep = 128 - suffix.len();
            format!("{}{suffix}", &base[..base.len().min(keep)])
        })
        .collect()
}

/// Exports the documents of one policy set, named after `options.policy_name` (or the
/// principal), with `-1`, `-2`, ... when there are several.
pub fn export(documents: &[Policy], format: ExportFormat, options: &ExportOptions) -> Export {
    let target = target_of(options.principal_arn.as_deref());
    let names = policy_names(documents, options, target.as_ref());
    let base = names.first().map(|name| name.trim_end_matches("-1").to_owned()).unwrap_or_default();
    let named: Vec<(String, Policy)> = names.into_iter().zip(documents.iter().cloned()).collect();
    export_named(&named, &base, format, options)
}

/// Exports documents that each have their own name (the resource kit's `-read-only` and
/// `-read-write`); `base` names the main file.
pub fn export_named(documents: &[(String, Policy)], base: &str, format: ExportFormat, options: &ExportOptions) -> Export {
    let target = target_of(options.principal_arn.as_deref());
    let names: Vec<String> = documents.iter().map(|(name, _)| safe_policy_name(name)).collect();
    let documents: Vec<Policy> = documents.iter().map(|(_, document)| document.clone()).collect();
    let files: Vec<ExportFile> =
        documents.iter().zip(&names).map(|(document, name)| ExportFile { name: format!("{name}.json"), contents: document.to_canonical_json() }).collect();
    let base = safe_policy_name(base);
    let (text, file_name) = match format {
        ExportFormat::Json => (documents_json(&documents), format!("{base}.json")),
        ExportFormat::Cli => (cli_script(&documents, &names, &files, options, target.as_ref()), format!("{base}.sh")),
        ExportFormat::Cloudformation => (cloudformation(&documents, &names, options, target.as_ref()), format!("{base}.yaml")),
        ExportFormat::Terraform => (terraform(&documents, &names, options, target.as_ref()), format!("{base}.tf")),
    };
    Export { text, files, file_name }
}

/// One document as canonical JSON, several as a JSON array of documents.
pub fn documents_json(documents: &[Policy]) -> String {
    match documents {
        [only] => only.to_canonical_json(),
        many => crate::text::to_json_pretty(many),
    }
}

/// A word for the POSIX shell: single-quoted, embedded single quotes as `'\''`.
pub fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// A word for a command line people read (the `iamwb` lines the page shows): as it is when it
/// needs no quoting, else `shell_quote`d. A word holding hidden characters (a control, a
/// bidi override: `crate::text::is_hidden`) is written in bash and zsh's `$'…'` form with
/// each of them escaped, so the command line shows them and still passes exactly the word.
pub fn shell_word(word: &str) -> String {
    let safe = !word.is_empty() && word.bytes().all(|byte| byte.is_ascii_alphanumeric() || b"-_./:=@,+".contains(&byte));
    if safe {
        return word.to_owned();
    }
    if !crate::text::has_hidden(word) {
        return shell_quote(word);
    }
    let mut quoted = String::from("$'");
    for c in word.chars() {
        match c {
            '\'' => quoted.push_str("\\'"),
            '\\' => quoted.push_str("\\\\"),
            // No shell word can carry NUL (bash and zsh would cut the word there, naming another
            // principal or file): it is written as ␀, which matches nothing, so `iamwb` says so.
            '\0' => quoted.push('\u{2400}'),
            c if crate::text::is_hidden(c) && c.is_ascii() => quoted.push_str(&format!("\\x{:02x}", c as u32)),
            c if crate::text::is_hidden(c) && (c as u32) < 0x10000 => quoted.push_str(&format!("\\u{:04x}", c as u32)),
            c if crate::text::is_hidden(c) => quoted.push_str(&format!("\\U{:08x}", c as u32)),
            c => quoted.push(c),
        }
    }
    quoted.push('\'');
    quoted
}

/// "1 managed policy", "3 managed policies".
fn count_of(count: usize, kind: &str) -> String {
    if count == 1 {
        format!("1 {kind} policy")
    } else {
        format!("{count} {kind} policies")
    }
}

const HEREDOC_END: &str = "IAMWB_POLICY_DOCUMENT";

fn cli_script(documents: &[Policy], names: &[String], files: &[ExportFile], options: &ExportOptions, target: Option<&Target>) -> String {
    let mut out = String::new();
    out.push_str("#!/bin/sh\n");
    match target {
        Some(target) => {
            let kind = if target.kind == PrincipalType::Role { "role" } else { "user" };
            let (attachment, how) = if options.attachment == Attachment::Managed { ("managed", "attached to") } else { ("inline", "of") };
            out.push_str(&format!("# iamwb: {} {how} the {kind} {}.\n", count_of(documents.len(), attachment), visible(&target.name)));
        }
        None => out.push_str(&format!("# iamwb: {} (attach to the principal that needs them).\n", count_of(documents.len(), "managed"))),
    }
    out.push_str("# Writes each policy document to a file in the current directory, then calls the AWS CLI with file://.\n");
    out.push_str("set -eu\n");
    // A shell word cannot hold NUL: the name would reach `aws` cut short, naming another
    // principal. (IAM names never hold one; a crafted log can.) Stop before doing anything.
    let target_texts = target.map(|target| [target.name.as_str(), target.partition.as_str(), target.account.as_str()]);
    let unpassable = target_texts.iter().flatten().copied().chain(options.description.as_deref()).find(|text| text.contains('\0'));
    if let Some(text) = unpassable {
        // printf '%s', not echo: dash's echo would turn backslash sequences in the text into
        // escape codes for the terminal.
        out.push_str(&format!(
            "printf '%s\\n' {} >&2\nexit 1\n",
            shell_quote(&format!("iamwb: {} holds a NUL character, which no shell argument can carry: nothing was run", visible(text)))
        ));
        return out;
    }
    for (name, file) in names.iter().zip(files) {
        out.push('\n');
        out.push_str(&format!("cat > {} <<'{HEREDOC_END}'\n", shell_quote(&file.name)));
        out.push_str(&file.contents);
        out.push_str(HEREDOC_END);
        out.push('\n');
        let document_argument = shell_quote(&format!("file://{}", file.name));
        match (options.attachment, target) {
            (Attachment::Inline, Some(target)) => {
                let (command, flag) = match target.kind {
                    PrincipalType::Role => ("put-role-policy", "--role-name"),
                    PrincipalType::User => ("put-user-policy", "--user-name"),
                };
                out.push_str(&format!(
                    "aws iam {command} {flag} {} --policy-name {} --policy-document {document_argument}\n",
                    shell_quote(&target.name),
                    shell_quote(name)
                ));
            }
            _ => {
                out.push_str(&format!("aws iam create-policy --policy-name {} --policy-document {document_argument}", shell_quote(name)));
                if let Some(description) = &options.description {
                    out.push_str(&format!(" --description {}", shell_quote(description)));
                }
                out.push('\n');
                if let Some(target) = target {
                    let (command, flag) = match target.kind {
                        PrincipalType::Role => ("attach-role-policy", "--role-name"),
                        PrincipalType::User => ("attach-user-policy", "--user-name"),
                    };
                    let policy_arn = format!("arn:{}:iam::{}:policy/{name}", target.partition, target.account);
                    out.push_str(&format!("aws iam {command} {flag} {} --policy-arn {}\n", shell_quote(&target.name), shell_quote(&policy_arn)));
                }
            }
        }
    }
    out
}

/// A double-quoted string in YAML or HCL: `"` and `\` escaped, newline, carriage return and tab
/// as `\n`, `\r`, `\t`, every other hidden character as `\uXXXX` (`\UXXXXXXXX` beyond the Basic
/// Multilingual Plane). Both languages read these escapes the same way.
fn quoted_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_hidden(c) && (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04X}", c as u32)),
            c if is_hidden(c) => out.push_str(&format!("\\U{:08X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A YAML double-quoted scalar.
fn yaml_string(text: &str) -> String {
    quoted_string(text)
}

fn yaml_key(key: &str) -> String {
    if !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        key.to_owned()
    } else {
        yaml_string(key)
    }
}

/// Block YAML for a JSON value, every line indented by `indent` spaces.
fn yaml_block(value: &Value, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match value {
        Value::Object(map) if !map.is_empty() => {
            for (key, item) in map {
                out.push_str(&format!("{pad}{}:", yaml_key(key)));
                yaml_value_after_key(item, indent, out);
            }
        }
        Value::Array(items) if !items.is_empty() => {
            for item in items {
                out.push_str(&format!("{pad}-"));
                match item {
                    Value::Object(map) if !map.is_empty() => {
                        // The first key goes on the dash line, the others under it.
                        let mut first = true;
                        for (key, inner) in map {
                            if first {
                                out.push_str(&format!(" {}:", yaml_key(key)));
                                first = false;
                            } else {
                                out.push_str(&format!("{pad}  {}:", yaml_key(key)));
                            }
                            yaml_value_after_key(inner, indent + 2, out);
                        }
                    }
                    Value::Array(inner) if !inner.is_empty() => {
                        out.push('\n');
                        yaml_block(item, indent + 2, out);
                    }
                    scalar => out.push_str(&format!(" {}\n", yaml_scalar(scalar))),
                }
            }
        }
        scalar => out.push_str(&format!("{pad}{}\n", yaml_scalar(scalar))),
    }
}

fn yaml_value_after_key(item: &Value, indent: usize, out: &mut String) {
    match item {
        Value::Object(inner) if !inner.is_empty() => {
            out.push('\n');
            yaml_block(item, indent + 2, out);
        }
        Value::Array(inner) if !inner.is_empty() => {
            out.push('\n');
            yaml_block(item, indent + 2, out);
        }
        scalar => out.push_str(&format!(" {}\n", yaml_scalar(scalar))),
    }
}

fn yaml_scalar(value: &Value) -> String {
    match value {
        Value::String(text) => yaml_string(text),
        Value::Object(_) => "{}".to_owned(),
        Value::Array(_) => "[]".to_owned(),
        other => other.to_string(),
    }
}

fn logical_id(name: &str) -> String {
    let mut id = String::new();
    let mut upper = true;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            id.push(if upper { c.to_ascii_uppercase() } else { c });
            upper = false;
        } else {
            upper = true;
        }
    }
    if id.is_empty() || id.starts_with(|c: char| c.is_ascii_digit()) {
        id.insert_str(0, "Policy");
    }
    id.truncate(255);
    id
}

fn cloudformation(documents: &[Policy], names: &[String], options: &ExportOptions, target: Option<&Target>) -> String {
    let mut out = String::new();
    out.push_str("AWSTemplateFormatVersion: \"2010-09-09\"\n");
    let description = options.description.clone().unwrap_or_else(|| "Least-privilege policies written by iamwb".to_owned());
    out.push_str(&format!("Description: {}\n", yaml_string(&description)));
    out.push_str("Resources:\n");
    for (document, name) in documents.iter().zip(names) {
        out.push_str(&format!("  {}:\n", logical_id(name)));
        let document_value = serde_json::to_value(document).expect("policies serialise");
        match (options.attachment, target) {
            (Attachment::Inline, Some(target)) => {
                let (resource_type, name_property) = match target.kind {
                    PrincipalType::Role => ("AWS::IAM::RolePolicy", "RoleName"),
                    PrincipalType::User => ("AWS::IAM::UserPolicy", "UserName"),
                };
                out.push_str(&format!("    Type: {resource_type}\n    Properties:\n"));
                out.push_str(&format!("      PolicyName: {}\n", yaml_string(name)));
                out.push_str(&format!("      {name_property}: {}\n", yaml_string(&target.name)));
            }
            _ => {
                out.push_str("    Type: AWS::IAM::ManagedPolicy\n    Properties:\n");
                out.push_str(&format!("      ManagedPolicyName: {}\n", yaml_string(name)));
                out.push_str(&format!("      Description: {}\n", yaml_string(&description)));
                if let Some(target) = target {
                    let property = if target.kind == PrincipalType::Role { "Roles" } else { "Users" };
                    out.push_str(&format!("      {property}:\n        - {}\n", yaml_string(&target.name)));
                }
            }
        }
        out.push_str("      PolicyDocument:\n");
        yaml_block(&document_value, 8, &mut out);
    }
    out
}

/// An HCL quoted string: `\`, `"` and hidden characters escaped (`quoted_string`), and no template
/// sequence left (`without_template_sequences`), so policy variables stay literal.
fn hcl_string(text: &str) -> String {
    without_template_sequences(&quoted_string(text))
}

/// HCL reads `${` and `%{` as the start of an interpolation or directive, in quoted strings and
/// in heredocs alike. Doubling them (`$${`) is HCL's own escape, but a run of `$` before `{`
/// (`$${x}` in an ARN) makes that ambiguous. Instead, the `$` or `%` right before a `{` is written
/// `\u0024` or `\u0025`: an escape in an HCL quoted string, and in the JSON of a heredoc (which
/// HCL does not unescape) an escape JSON reads back. Either way no template sequence is left.
fn without_template_sequences(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('$', Some('{')) => out.push_str("\\u0024"),
            ('%', Some('{')) => out.push_str("\\u0025"),
            _ => out.push(c),
        }
    }
    out
}

fn hcl_key(key: &str) -> String {
    if !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') && !key.starts_with(|c: char| c.is_ascii_digit()) {
        key.to_owned()
    } else {
        hcl_string(key)
    }
}

fn hcl_value(value: &Value, indent: usize, out: &mut String) {
    let pad = " ".repeat(indent);
    match value {
        Value::Object(map) if !map.is_empty() => {
            out.push_str("{\n");
            for (key, item) in map {
                out.push_str(&format!("{pad}  {} = ", hcl_key(key)));
                hcl_value(item, indent + 2, out);
                out.push('\n');
            }
            out.push_str(&format!("{pad}}}"));
        }
        Value::Array(items) if !items.is_empty() => {
            out.push_str("[\n");
            for item in items {
                out.push_str(&format!("{pad}  "));
                hcl_value(item, indent + 2, out);
                out.push_str(",\n");
            }
            out.push_str(&format!("{pad}]"));
        }
        Value::Object(_) => out.push_str("{}"),
        Value::Array(_) => out.push_str("[]"),
        Value::String(text) => out.push_str(&hcl_string(text)),
        other => out.push_str(&other.to_string()),
    }
}

fn terraform_name(name: &str) -> String {
    let mut id: String = name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c.to_ascii_lowercase() } else { '_' }).collect();
    if id.is_empty() || id.starts_with(|c: char| c.is_ascii_digit()) {
        id.insert_str(0, "policy_");
    }
    id
}

fn terraform(documents: &[Policy], names: &[String], options: &ExportOptions, target: Option<&Target>) -> String {
    let mut out = String::new();
    out.push_str("# Least-privilege policies written by iamwb.\n");
    let description = options.description.clone().unwrap_or_else(|| "Least-privilege policy written by iamwb".to_owned());
    for (document, name) in documents.iter().zip(names) {
        let resource_name = terraform_name(name);
        let policy_text = match options.terraform_style {
            TerraformStyle::Jsonencode => {
                let mut text = String::from("jsonencode(");
                hcl_value(&serde_json::to_value(document).expect("policies serialise"), 2, &mut text);
                text.push(')');
                text
            }
            TerraformStyle::Heredoc => {
                // Heredocs interpolate too: no template sequence may be left inside the JSON.
                let json = without_template_sequences(&document.to_canonical_json());
                format!("<<-EOT\n{}  EOT", json.lines().map(|line| format!("    {line}\n")).collect::<String>())
            }
        };
        out.push('\n');
        match (options.attachment, target) {
            (Attachment::Inline, Some(target)) => {
                let (resource_type, property) = match target.kind {
                    PrincipalType::Role => ("aws_iam_role_policy", "role"),
                    PrincipalType::User => ("aws_iam_user_policy", "user"),
                };
                out.push_str(&format!("resource \"{resource_type}\" \"{resource_name}\" {{\n"));
                out.push_str(&format!("  name   = {}\n", hcl_string(name)));
                out.push_str(&format!("  {property:<6} = {}\n", hcl_string(&target.name)));
                out.push_str(&format!("  policy = {policy_text}\n}}\n"));
            }
            _ => {
                out.push_str(&format!("resource \"aws_iam_policy\" \"{resource_name}\" {{\n"));
                out.push_str(&format!("  name        = {}\n", hcl_string(name)));
                out.push_str(&format!("  description = {}\n", hcl_string(&description)));
                out.push_str(&format!("  policy      = {policy_text}\n}}\n"));
                if let Some(target) = target {
                    let (resource_type, property) = match target.kind {
                        PrincipalType::Role => ("aws_iam_role_policy_attachment", "role"),
                        PrincipalType::User => ("aws_iam_user_policy_attachment", "user"),
                    };
                    out.push('\n');
                    out.push_str(&format!("resource \"{resource_type}\" \"{resource_name}\" {{\n"));
                    out.push_str(&format!("  {property:<10} = {}\n", hcl_string(&target.name)));
                    out.push_str(&format!("  policy_arn = aws_iam_policy.{resource_name}.arn\n}}\n"));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Policy {
        serde_json::from_str(
            r#"{"Version":"2012-10-17","Statement":[{"Sid":"S3ReadHome","Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":["arn:aws:s3:::home/${aws:username}/*","arn:aws:s3:::o'brien"],"Condition":{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}}]}"#,
        )
        .unwrap()
    }

    fn options(principal: &str) -> ExportOptions {
        ExportOptions { principal_arn: Some(principal.to_owned()), ..ExportOptions::default() }
    }

    #[test]
    fn json_is_one_document_or_an_array() {
        let policy = sample();
        let one = export(std::slice::from_ref(&policy), ExportFormat::Json, &ExportOptions::default());
        assert_eq!(one.text, policy.to_canonical_json());
        let two = export(&[policy.clone(), policy.clone()], ExportFormat::Json, &ExportOptions::default());
        let parsed: Vec<Policy> = serde_json::from_str(&two.text).unwrap();
        assert_eq!(parsed, vec![policy.clone(), policy]);
        assert_eq!(two.files.iter().map(|file| file.name.as_str()).collect::<Vec<_>>(), ["iamwb-policy-1.json", "iamwb-policy-2.json"]);
    }

    #[test]
    fn cli_script_for_a_role() {
        let policy = sample();
        let export = export(std::slice::from_ref(&policy), ExportFormat::Cli, &options("arn:aws:iam::111122223333:role/team/app"));
        let expected = format!(
            "#!/bin/sh
# iamwb: 1 managed policy attached to the role app.
# Writes each policy document to a file in the current directory, then calls the AWS CLI with file://.
set -eu

cat > 'iamwb-app.json' <<'IAMWB_POLICY_DOCUMENT'
{}IAMWB_POLICY_DOCUMENT
aws iam create-policy --policy-name 'iamwb-app' --policy-document 'file://iamwb-app.json'
aws iam attach-role-policy --role-name 'app' --policy-arn 'arn:aws:iam::111122223333:policy/iamwb-app'
",
            policy.to_canonical_json()
        );
        assert_eq!(export.text, expected);
        assert_eq!(export.file_name, "iamwb-app.sh");
        let inline =
            super::export(&[policy], ExportFormat::Cli, &ExportOptions { attachment: Attachment::Inline, ..options("arn:aws:iam::111122223333:user/alice") });
        assert!(
            inline.text.contains("aws iam put-user-policy --user-name 'alice' --policy-name 'iamwb-alice' --policy-document 'file://iamwb-alice.json'\n"),
            "{}",
            inline.text
        );
    }

    #[test]
    fn shell_quoting() {
        assert_eq!(shell_quote("a b"), "'a b'");
        assert_eq!(shell_quote("o'brien"), r"'o'\''brien'");
        assert_eq!(safe_policy_name("my policy/for:app"), "my-policy-for-app");
    }

    #[test]
    fn cloudformation_yaml() {
        let export = export(&[sample()], ExportFormat::Cloudformation, &options("arn:aws:iam::111122223333:role/team/app"));
        assert_eq!(
            export.text,
            r#"AWSTemplateFormatVersion: "2010-09-09"
Description: "Least-privilege policies written by iamwb"
Resources:
  IamwbApp:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      ManagedPolicyName: "iamwb-app"
      Description: "Least-privilege policies written by iamwb"
      Roles:
        - "app"
      PolicyDocument:
        Statement:
          - Action:
              - "s3:GetObject"
              - "s3:ListBucket"
            Condition:
              StringEquals:
                "aws:RequestedRegion": "eu-west-1"
            Effect: "Allow"
            Resource:
              - "arn:aws:s3:::home/${aws:username}/*"
              - "arn:aws:s3:::o'brien"
            Sid: "S3ReadHome"
        Version: "2012-10-17"
"#
        );
    }

    #[test]
    fn terraform_escapes_policy_variables() {
        let export = export(&[sample()], ExportFormat::Terraform, &options("arn:aws:iam::111122223333:user/alice"));
        assert_eq!(
            export.text,
            r#"# Least-privilege policies written by iamwb.

resource "aws_iam_policy" "iamwb_alice" {
  name        = "iamwb-alice"
  description = "Least-privilege policy written by iamwb"
  policy      = jsonencode({
    Statement = [
      {
        Action = [
          "s3:GetObject",
          "s3:ListBucket",
        ]
        Condition = {
          StringEquals = {
            "aws:RequestedRegion" = "eu-west-1"
          }
        }
        Effect = "Allow"
        Resource = [
          "arn:aws:s3:::home/\u0024{aws:username}/*",
          "arn:aws:s3:::o'brien",
        ]
        Sid = "S3ReadHome"
      },
    ]
    Version = "2012-10-17"
  })
}

resource "aws_iam_user_policy_attachment" "iamwb_alice" {
  user       = "alice"
  policy_arn = aws_iam_policy.iamwb_alice.arn
}
"#
        );
        let heredoc = super::export(
            &[sample()],
            ExportFormat::Terraform,
            &ExportOptions { terraform_style: TerraformStyle::Heredoc, ..options("arn:aws:iam::1:role/r") },
        );
        assert!(heredoc.text.contains("  policy      = <<-EOT\n    {\n"), "{}", heredoc.text);
        assert!(heredoc.text.contains("home/\\u0024{aws:username}/*"));
        assert!(heredoc.text.contains("\n  EOT\n}\n"));
        let inline = super::export(&[sample()], ExportFormat::Terraform, &ExportOptions { attachment: Attachment::Inline, ..options("arn:aws:iam::1:role/r") });
        assert!(inline.text.contains("resource \"aws_iam_role_policy\" \"iamwb_r\" {\n  name   = \"iamwb-r\"\n  role   = \"r\"\n"), "{}", inline.text);
    }
}
