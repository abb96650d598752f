//! What the `export_roundtrip` target checks, shared with the stable test that replays its corpus
//! (`crates/iam-cli/tests/fuzz_exports.rs` includes this file): arbitrary strings as the
//! principal's name, the resources, a condition value, the policy name and the description go
//! through every export format, and each format read back as its tool reads it (serde_json, a
//! YAML parser, an HCL parser in both Terraform styles) gives exactly the same document and names;
//! the AWS CLI script's comments hold no hidden character and its here-documents hold exactly the
//! canonical JSON.
#![allow(dead_code)]

use iam_engine::export::{export, Attachment, ExportFormat, ExportOptions, TerraformStyle};
use iam_engine::Policy;
use serde_json::Value;

/// The input's strings: pieces between 0xFF bytes (never in UTF-8), read as UTF-8 (lossily).
fn pieces(data: &[u8]) -> Vec<String> {
    data.split(|byte| *byte == 0xFF).map(|piece| String::from_utf8_lossy(piece).into_owned()).collect()
}

pub fn export_roundtrip(data: &[u8]) {
    let pieces = pieces(data);
    let name = pieces[0].clone();
    let description = pieces.get(1).cloned().unwrap_or_default();
    let resources: Vec<&String> = pieces.iter().skip(2).collect();
    let condition = pieces.last().cloned().unwrap_or_default();
    let document = serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Sid": "Fuzz",
            "Effect": "Allow",
            "Action": ["s3:GetObject"],
            "Resource": if resources.is_empty() { serde_json::json!("*") } else { serde_json::json!(resources) },
            "Condition": {"StringEquals": {"aws:PrincipalTag/team": condition}}
        }]
    });
    let Ok(policy) = serde_json::from_value::<Policy>(document) else {
        return;
    };
    let expected = serde_json::to_value(&policy).expect("a policy serialises");
    for kind in ["role", "user"] {
        let arn = format!("arn:aws:iam::111122223333:{kind}/{name}");
        let principal_name = iam_engine::principal::name_of(&arn).map(str::to_owned);
        for attachment in [Attachment::Managed, Attachment::Inline] {
            let options = ExportOptions {
                policy_name: Some(name.clone()),
                principal_arn: Some(arn.clone()),
                attachment,
                description: Some(description.clone()),
                terraform_style: TerraformStyle::Jsonencode,
            };
            let documents = std::slice::from_ref(&policy);
            let json = export(documents, ExportFormat::Json, &options).text;
            assert_eq!(serde_json::from_str::<Value>(&json).expect("JSON export parses"), expected);
            check_script(&export(documents, ExportFormat::Cli, &options).text, &policy, principal_name.as_deref(), &description);
            check_yaml(&export(documents, ExportFormat::Cloudformation, &options).text, &expected, principal_name.as_deref(), kind, attachment, &description);
            for style in [TerraformStyle::Jsonencode, TerraformStyle::Heredoc] {
                let options = ExportOptions { terraform_style: style, ..options.clone() };
                check_hcl(&export(documents, ExportFormat::Terraform, &options).text, &expected, principal_name.as_deref(), kind, attachment, &description);
            }
        }
    }
}

fn check_script(script: &str, policy: &Policy, principal: Option<&str>, description: &str) {
    for line in comment_lines(script) {
        assert!(!line.chars().any(iam_engine::text::is_hidden), "a hidden character in a comment: {line:?}");
    }
    let stops = principal.is_some_and(|name| name.contains('\0')) || description.contains('\0');
    if stops {
        assert!(script.contains("exit 1\n") && !script.contains("aws iam "), "{script}");
        return;
    }
    let body = script.split_once("<<'IAMWB_POLICY_DOCUMENT'\n").expect("a here-document").1;
    let (body, _) = body.split_once("IAMWB_POLICY_DOCUMENT\n").expect("its end");
    assert_eq!(body, policy.to_canonical_json(), "the here-document is the canonical JSON");
    assert!(!body.lines().any(|line| line == "IAMWB_POLICY_DOCUMENT"));
}

/// The lines the shell reads as comments: those starting with `#` outside a single-quoted word
/// (a name with a line break is one quoted word over several lines, `'a\n#b'`, not a comment)
/// and outside the here-documents.
fn comment_lines(script: &str) -> Vec<&str> {
    let mut comments = Vec::new();
    let (mut quoted, mut heredoc) = (false, false);
    for line in script.split_inclusive('\n') {
        if heredoc {
            heredoc = line != "IAMWB_POLICY_DOCUMENT\n";
            continue;
        }
        if !quoted && line.starts_with('#') {
            comments.push(line.strip_suffix('\n').unwrap_or(line));
            continue;
        }
        let mut chars = line.chars();
        while let Some(c) = chars.next() {
            match (quoted, c) {
                (true, '\'') => quoted = false,
                (false, '\\') => {
                    chars.next();
                }
                (false, '\'') => quoted = true,
                _ => {}
            }
        }
        if !quoted && line.ends_with("<<'IAMWB_POLICY_DOCUMENT'\n") {
            heredoc = true;
        }
    }
    comments
}

/// What a strict YAML reader takes (YAML 1.2's printable set; SnakeYAML and PyYAML, behind
/// CloudFormation and cfn-lint, reject the rest) and no line break other than `\n` (YAML 1.1
/// reads U+0085, U+2028 and U+2029 as line breaks too, and folds them into spaces).
fn yaml_safe(c: char) -> bool {
    matches!(c as u32, 0x0A | 0x20..=0x7E | 0xA0..=0x2027 | 0x202A..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF)
}

fn yaml_to_json(yaml: &yaml_rust2::Yaml) -> Value {
    use yaml_rust2::Yaml;
    match yaml {
        Yaml::String(text) => Value::String(text.clone()),
        Yaml::Array(items) => Value::Array(items.iter().map(yaml_to_json).collect()),
        Yaml::Hash(map) => Value::Object(map.iter().map(|(key, value)| (key.as_str().expect("string keys").to_owned(), yaml_to_json(value))).collect()),
        other => panic!("unexpected YAML value {other:?}"),
    }
}

/// A CloudFormation template as a strict YAML reader reads it, as JSON (it holds strings only).
pub fn read_yaml(text: &str) -> Value {
    assert!(text.chars().all(yaml_safe), "a character strict YAML readers refuse: {text:?}");
    let documents = yaml_rust2::YamlLoader::load_from_str(text).unwrap_or_else(|error| panic!("YAML: {error}\n{text}"));
    yaml_to_json(&documents[0])
}

/// The attributes of every block of a Terraform text, evaluated as Terraform would: the argument
/// of `jsonencode(…)` as its value, a heredoc's JSON text parsed; references to other resources
/// are left out.
pub fn read_terraform(text: &str) -> Vec<serde_json::Map<String, Value>> {
    use hcl::eval::Evaluate;
    let body = hcl::parse(text).unwrap_or_else(|error| panic!("HCL: {error}\n{text}"));
    let context = hcl::eval::Context::new();
    body.blocks()
        .map(|block| {
            block
                .body
                .attributes()
                .filter_map(|attribute| {
                    let value = match &attribute.expr {
                        hcl::Expression::FuncCall(call) if call.name.name.as_str() == "jsonencode" => {
                            call.args[0].evaluate(&context).expect("jsonencode argument")
                        }
                        hcl::Expression::Traversal(_) => return None,
                        other => other.evaluate(&context).unwrap_or_else(|error| panic!("{error}\n{text}")),
                    };
                    let value = match serde_json::to_value(value).expect("JSON") {
                        Value::String(json) if attribute.key.as_str() == "policy" => {
                            serde_json::from_str(&json).unwrap_or_else(|error| panic!("heredoc JSON: {error}\n{text}"))
                        }
                        value => value,
                    };
                    Some((attribute.key.as_str().to_owned(), value))
                })
                .collect()
        })
        .collect()
}

fn check_yaml(text: &str, expected: &Value, principal: Option<&str>, kind: &str, attachment: Attachment, description: &str) {
    let template = read_yaml(text);
    assert_eq!(template["Description"].as_str(), Some(description), "the template's description");
    let (_, resource) = template["Resources"].as_object().expect("resources").iter().next().expect("one resource");
    let properties = &resource["Properties"];
    assert_eq!(&properties["PolicyDocument"], expected, "CloudFormation document");
    let named = match (attachment, principal) {
        (_, None) => return,
        (Attachment::Inline, _) => &properties[if kind == "role" { "RoleName" } else { "UserName" }],
        (Attachment::Managed, _) => &properties[if kind == "role" { "Roles" } else { "Users" }][0],
    };
    assert_eq!(named.as_str(), principal, "CloudFormation principal");
}

fn check_hcl(text: &str, expected: &Value, principal: Option<&str>, kind: &str, attachment: Attachment, description: &str) {
    let blocks = read_terraform(text);
    let find = |key: &str| blocks.iter().find_map(|attributes| attributes.get(key));
    assert_eq!(find("policy").expect("a policy attribute"), expected, "Terraform document");
    if attachment == Attachment::Managed {
        assert_eq!(find("description").and_then(Value::as_str), Some(description), "Terraform description");
    }
    if let Some(principal) = principal {
        assert_eq!(find(kind).and_then(Value::as_str), Some(principal), "Terraform principal");
    }
}
