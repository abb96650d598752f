//! The principal workspace's strings (workspace, proof, exports, query builder, resource kit), in
//! English and Japanese. One `WorkspaceTexts` per language, reached as `texts.workspace`: the
//! compiler checks that no string is missing in either.

use iam_engine::lint::Severity;
use iam_engine::synth::{SuggestionKind, WarningKind};
use iam_engine::AccessLevel;

pub struct WorkspaceTexts {
    pub heading: &'static str,
    pub who: &'static str,
    pub undo: &'static str,
    pub redo: &'static str,
    pub undo_keys: &'static str,
    pub replaced_hand_edits: &'static str,
    pub where_heading: &'static str,
    pub what_heading: &'static str,
    pub when_heading: &'static str,
    pub why_heading: &'static str,
    pub proof_label: &'static str,
    // Generalisation.
    pub generalise_legend: &'static str,
    pub level_name: fn(&str) -> &'static str,
    pub level_hint: fn(&str) -> &'static str,
    pub level_figures: fn(f64, usize, usize, bool) -> String,
    pub auto_uses: fn(&str) -> String,
    pub allow_cross_account: &'static str,
    // Time window and conditions.
    pub window_legend: &'static str,
    pub since: &'static str,
    pub until: &'static str,
    pub window_hint: &'static str,
    pub conditions_legend: &'static str,
    pub condition_region: &'static str,
    pub condition_ip: &'static str,
    pub condition_mfa: &'static str,
    /// What the MFA condition would deny (`MfaEffect`), beside its checkbox.
    pub mfa_effect: fn(iam_engine::synth::MfaEffect) -> String,
    pub condition_time: &'static str,
    pub valid_from: &'static str,
    pub valid_until: &'static str,
    pub include_denied: &'static str,
    // Actions table.
    pub actions_caption: &'static str,
    pub column_include: &'static str,
    pub column_service: &'static str,
    pub column_action: &'static str,
    pub column_access: &'static str,
    pub column_calls: &'static str,
    pub column_last_seen: &'static str,
    pub column_resources: &'static str,
    pub column_granted: &'static str,
    pub access_level: fn(AccessLevel) -> &'static str,
    pub granted_all: &'static str,
    pub granted_partly: &'static str,
    pub granted_none: &'static str,
    pub granted_unknown: &'static str,
    pub include_action: fn(&str) -> String,
    pub include_resource: fn(&str, &str) -> String,
    pub no_resource_logged: &'static str,
    /// After a folded pattern: how many observed resources it grants, their calls, the last day.
    pub pattern_covers: fn(usize, u64, &str) -> String,
    /// The fold after an action's first patterns and resources.
    pub more_patterns: fn(usize) -> String,
    pub no_calls_in_window: &'static str,
    pub suggestions_heading: &'static str,
    pub suggestion_kind: fn(SuggestionKind) -> &'static str,
    pub suggestion_text: fn(&str, &[String], &str) -> String,
    pub warnings_heading: &'static str,
    pub warning_kind: fn(WarningKind) -> Option<&'static str>,
    // Why.
    pub description_label: &'static str,
    pub description_placeholder: &'static str,
    pub policy_name_label: &'static str,
    pub policy_name_placeholder: fn(&str) -> String,
    pub statements_legend: &'static str,
    pub sid_label: fn(usize) -> String,
    pub sid_hint: &'static str,
    // Editor.
    pub editor_heading: &'static str,
    pub editor_label: &'static str,
    pub generated_badge: &'static str,
    pub hand_edited_badge: &'static str,
    pub regenerate: &'static str,
    pub lint_heading: &'static str,
    pub lint_clean: &'static str,
    pub severity: fn(Severity) -> &'static str,
    pub at_line: fn(usize, usize) -> String,
    pub lint_title: fn(&str) -> Option<&'static str>,
    pub not_a_policy: &'static str,
    // Coverage.
    pub coverage_heading: &'static str,
    pub coverage_text: fn(f64, u64, u64) -> String,
    pub not_evaluable_text: fn(u64) -> String,
    pub denied_heading: &'static str,
    pub nothing_denied: &'static str,
    pub denied_call: fn(u64, &str, Option<&str>, &str) -> String,
    pub no_proof: &'static str,
    // Size.
    pub size_heading: &'static str,
    pub document_size: fn(usize, usize, usize) -> String,
    pub split_preview: fn(usize, usize) -> String,
    pub over_quota: &'static str,
    pub inline_heading: &'static str,
    pub inline_fit: fn(&str, usize, bool) -> String,
    pub inline_role: &'static str,
    pub inline_group: &'static str,
    pub inline_user: &'static str,
    // Diff.
    pub diff_heading: &'static str,
    pub existing_label: &'static str,
    pub existing_placeholder: &'static str,
    pub existing_unreadable: &'static str,
    pub unused_heading: &'static str,
    pub nothing_unused: &'static str,
    pub unused_entry: fn(&str, &str, &str) -> String,
    pub narrow_hint: fn(&[String], Option<usize>) -> String,
    pub remove: &'static str,
    pub remove_label: fn(&str) -> String,
    pub missing_heading: &'static str,
    pub nothing_missing: &'static str,
    pub missing_entry: fn(u64, &str, Option<&str>, &str) -> String,
    pub breadth_compare: fn(f64, f64) -> String,
    pub use_existing: &'static str,
    pub existing_coverage: fn(f64, u64, u64) -> String,
    // Policies from the inputs (authorization details, policy files, Access Analyzer).
    pub sources_heading: &'static str,
    pub source_authorization: fn(&[String]) -> String,
    pub source_access_analyzer: fn(&str, usize) -> String,
    pub source_policy_file: fn(&str, usize) -> String,
    pub source_missing: fn(&str) -> String,
    pub compare_with: &'static str,
    pub compare_label: fn(&str) -> String,
    // Unused access (IAM Access Analyzer findings).
    pub unused_access_heading: &'static str,
    pub unused_access_intro: &'static str,
    pub unused_access_entry: fn(&str, Option<&str>) -> String,
    pub unused_access_where: fn(bool, bool) -> &'static str,
    pub remove_unused: &'static str,
    pub remove_unused_label: fn(&str) -> String,
    pub unused_finding: fn(&str, Option<&str>) -> String,
    // Access Advisor.
    pub last_accessed_heading: &'static str,
    pub last_accessed_caption: fn(&str) -> String,
    pub column_last_accessed: &'static str,
    pub column_region: &'static str,
    pub column_used_here: &'static str,
    pub not_accessed: &'static str,
    // Export.
    pub export_heading: &'static str,
    pub export_format: &'static str,
    pub export_kind: fn(&str) -> &'static str,
    pub attachment_legend: &'static str,
    pub attachment_managed: &'static str,
    pub attachment_inline: &'static str,
    /// An inline export AWS would refuse: the owner, the policy's characters, its budget.
    pub inline_over_budget: fn(iam_engine::size::InlineOwner, usize, usize) -> String,
    pub terraform_style_legend: &'static str,
    pub terraform_jsonencode: &'static str,
    pub terraform_heredoc: &'static str,
    pub download_file: fn(&str) -> String,
    pub command_heading: &'static str,
    pub page_only_intro: &'static str,
    pub page_only: fn(crate::workspace_view::PageOnly) -> &'static str,
    pub copy_policy: &'static str,
    pub download_policy: &'static str,
    pub copy_export: &'static str,
    pub download_export: &'static str,
    // Tools.
    pub tools_heading: &'static str,
    pub query_heading: &'static str,
    pub query_intro: &'static str,
    pub query_principal: &'static str,
    pub query_engine: &'static str,
    pub query_table: &'static str,
    pub query_table_hint: &'static str,
    pub query_needs_dates: &'static str,
    pub query_sql_label: &'static str,
    /// Which engine suits which trail (`EngineAdvice`), shown under the engine's choice.
    pub query_advice_s3: &'static str,
    pub query_advice_cloudwatch: &'static str,
    pub query_advice_lake: &'static str,
    pub copy_sql: &'static str,
    pub kit_heading: &'static str,
    pub kit_intro: &'static str,
    pub kit_arn: &'static str,
    pub kit_permissions_management: &'static str,
    pub kit_types: fn(&str) -> String,
    pub kit_read_only: &'static str,
    pub kit_read_write: &'static str,
    pub kit_error: &'static str,
    pub copy_read_only: &'static str,
    pub copy_read_write: &'static str,
    pub download_read_only: &'static str,
    pub download_read_write: &'static str,
}

/// `1,234,567`: digits grouped by three with `,` (both languages write numbers this way).
pub fn grouped(number: u64) -> String {
    let digits = number.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// `100%`, `99.5%`: a ratio as a percentage, never rounded up to 100.
pub fn percent(ratio: f64) -> String {
    let tenths = (ratio * 1000.0).floor() / 10.0;
    if tenths.fract() == 0.0 {
        format!("{tenths:.0}%")
    } else {
        format!("{tenths:.1}%")
    }
}

fn level_name_en(level: &str) -> &'static str {
    match level {
        "auto" => "Auto",
        "exact" => "Exact ARNs",
        "durable" => "Durable",
        "prefix" => "Common prefixes",
        "type" => "Resource type",
        _ => "Service",
    }
}

fn level_hint_en(level: &str) -> &'static str {
    match level {
        "auto" => "names kept, dates and IDs generalised",
        "durable" => "names kept, dates and IDs generalised",
        "exact" => "only the resources observed",
        "prefix" => "paths such as bucket/logs/*",
        "type" => "all of the type, account, region",
        _ => "all of the service in the account",
    }
}

fn level_name_ja(level: &str) -> &'static str {
    match level {
        "auto" => "自動",
        "exact" => "ARN そのもの",
        "durable" => "明日も使える名前",
        "prefix" => "共通プレフィックス",
        "type" => "リソースタイプ",
        _ => "サービス",
    }
}

fn level_hint_ja(level: &str) -> &'static str {
    match level {
        "auto" => "名前は残し、日付や ID は一般化",
        "durable" => "名前は残し、日付・ID・番号の部分だけを一般化",
        "exact" => "観測されたリソースだけ",
        "prefix" => "bucket/logs/* のような共通のパス",
        "type" => "アカウントとリージョン内のそのタイプのすべてのリソース",
        _ => "アカウント内のそのサービスのすべてのリソース",
    }
}

fn access_level_en(level: AccessLevel) -> &'static str {
    level.as_str()
}

fn access_level_ja(level: AccessLevel) -> &'static str {
    match level {
        AccessLevel::List => "リスト",
        AccessLevel::Read => "読み取り",
        AccessLevel::Tagging => "タグ付け",
        AccessLevel::Write => "書き込み",
        AccessLevel::PermissionsManagement => "アクセス許可の管理",
    }
}

fn severity_en(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "Error",
        Severity::Warning => "Warning",
        Severity::Suggestion => "Suggestion",
    }
}

fn severity_ja(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "エラー",
        Severity::Warning => "警告",
        Severity::Suggestion => "提案",
    }
}

/// English findings are the engine's own messages; no title is added.
fn mfa_effect_en(effect: iam_engine::synth::MfaEffect) -> String {
    if effect.denies_all() {
        format!(
            "None of the {} calls carried MFA (role sessions of services, CI and instances never do, nor do access keys): requiring it denies them all.",
            grouped(effect.denied())
        )
    } else {
        format!("{} of {} calls carried no MFA; requiring it denies them.", grouped(effect.denied()), grouped(effect.denied().saturating_add(effect.with_mfa)))
    }
}

fn mfa_effect_ja(effect: iam_engine::synth::MfaEffect) -> String {
    if effect.denies_all() {
        format!(
            "{} 回の呼び出しのどれも MFA を伴っていません。サービス・CI・インスタンスが引き受けるロールのセッションや、長期のアクセスキーは MFA を伴いません。MFA を必須にするとすべて拒否されます。MFA でサインインする人のために使いましょう。",
            grouped(effect.denied())
        )
    } else {
        format!(
            "{} 回中 {} 回の呼び出しは MFA なしでした。MFA を必須にすると拒否されます。",
            grouped(effect.denied().saturating_add(effect.with_mfa)),
            grouped(effect.denied())
        )
    }
}

fn inline_over_budget_en(owner: iam_engine::size::InlineOwner, chars: usize, budget: usize) -> String {
    let owner = match owner {
        iam_engine::size::InlineOwner::Role => "role",
        iam_engine::size::InlineOwner::User => "user",
        iam_engine::size::InlineOwner::Group => "group",
    };
    format!(
        "The policy has {} characters, and a {owner}'s inline policies may hold {} in all: AWS would refuse it. Export it as managed policies, or narrow it.",
        grouped(chars as u64),
        grouped(budget as u64)
    )
}

fn inline_over_budget_ja(owner: iam_engine::size::InlineOwner, chars: usize, budget: usize) -> String {
    let owner = match owner {
        iam_engine::size::InlineOwner::Role => "ロール",
        iam_engine::size::InlineOwner::User => "ユーザー",
        iam_engine::size::InlineOwner::Group => "グループ",
    };
    format!(
        "ポリシーは {} 文字ですが、{owner}のインラインポリシーは合計 {} 文字までです。AWS が受け付けません。管理ポリシーとして書き出すか、ポリシーを絞ってください。",
        grouped(chars as u64),
        grouped(budget as u64)
    )
}

fn lint_title_en(_code: &str) -> Option<&'static str> {
    None
}

/// A Japanese title per finding code, shown before the engine's (English) details.
fn lint_title_ja(code: &str) -> Option<&'static str> {
    Some(match code {
        "invalid-json" => "JSON として読めません",
        "not-a-policy" => "ポリシーではありません",
        "no-statement" => "Statement がありません",
        "missing-version" => "Version がありません",
        "invalid-version" | "old-version" => "Version が正しくありません",
        "invalid-effect" => "Effect が正しくありません",
        "no-action" => "Action がありません",
        "no-resource" => "Resource がありません",
        "action-and-not-action" => "Action と NotAction の両方があります",
        "resource-and-not-resource" => "Resource と NotResource の両方があります",
        "unknown-service" => "不明なサービス",
        "unknown-action" => "不明なアクション",
        "invalid-action" => "アクションの書き方が正しくありません",
        "wildcard-matches-nothing" => "どのアクションにも一致しないワイルドカード",
        "star-action" => "すべてのアクション（*）を許可しています",
        "allow-not-action" => "Allow と NotAction の組み合わせ",
        "allow-not-resource" => "Allow と NotResource の組み合わせ",
        "invalid-arn" => "ARN が正しくありません",
        "unknown-condition-operator" => "不明な条件演算子",
        "duplicate-sid" => "Sid が重複しています",
        "invalid-sid" => "Sid に使えない文字があります",
        "empty-policy" => "空のポリシー",
        "size-over-limit" => "サイズの上限を超えています",
        "size-split" => "分割して書き出すサイズ",
        "unknown-element" => "不明な要素",
        "principal-in-identity-policy" => "アイデンティティポリシーに Principal があります",
        "redundant-action" | "redundant-resource" | "redundant-statement" => "重複しています",
        "star-resource" => "すべてのリソース（*）を許可しています",
        "invalid-account-id" => "アカウント ID が 12 桁の数字ではありません",
        "invalid-partition" => "AWS のパーティションではありません",
        "invalid-region" => "リージョンの形式ではありません",
        "invalid-condition-value" => "条件の値が演算子の型に合いません",
        "unknown-global-condition-key" => "グローバル条件キーではありません（つづりの誤り？）",
        "unknown-condition-key" => "サービスの条件キーではありません",
        "mfa-deny-without-ifexists" => "長期のアクセスキーには MFA キーがなく、この Deny は効きません（BoolIfExists を）",
        "no-resource-level-support" => "リソースレベルの権限に対応していないアクション",
        "resource-type-mismatch" | "action-matches-no-resource" => "アクションのリソースタイプに合わない Resource",
        "condition-key-not-supported" | "unsupported-condition-key" => "アクションが対応していない条件キー",
        _ => return None,
    })
}

fn export_kind_en(kind: &str) -> &'static str {
    match kind {
        "json" => "Policy JSON (as iamwb generate prints it: split when over the size limit)",
        "json-split" => "Policy JSON (documents within the size limit)",
        "cli" => "AWS CLI commands",
        "cloudformation" => "CloudFormation YAML",
        _ => "Terraform",
    }
}

fn export_kind_ja(kind: &str) -> &'static str {
    match kind {
        "json" => "ポリシー JSON（iamwb generate と同じ。サイズ制限を超えるときは分割）",
        "json-split" => "ポリシー JSON（サイズ制限内の文書に分割）",
        "cli" => "AWS CLI コマンド",
        "cloudformation" => "CloudFormation YAML",
        _ => "Terraform",
    }
}

fn page_only_en(item: crate::workspace_view::PageOnly) -> &'static str {
    use crate::workspace_view::PageOnly;
    match item {
        PageOnly::Exclusions => "the actions and resources you left out",
        PageOnly::SidNames => "the Sids you renamed",
        PageOnly::HandEdits => "your edits of the JSON",
        PageOnly::Description => "the description",
        PageOnly::TerraformHeredoc => "the Terraform heredoc style",
    }
}

fn page_only_ja(item: crate::workspace_view::PageOnly) -> &'static str {
    use crate::workspace_view::PageOnly;
    match item {
        PageOnly::Exclusions => "除外したアクションとリソース",
        PageOnly::SidNames => "変更した Sid",
        PageOnly::HandEdits => "JSON の手動編集",
        PageOnly::Description => "説明",
        PageOnly::TerraformHeredoc => "Terraform のヒアドキュメント形式",
    }
}

fn resource_or_star(resource: Option<&str>) -> &str {
    resource.unwrap_or("*")
}

pub static WORKSPACE_EN: WorkspaceTexts = WorkspaceTexts {
    heading: "4. Least-privilege policy",
    who: "Who",
    undo: "Undo",
    redo: "Redo",
    undo_keys: "Ctrl+Z undoes, Ctrl+Shift+Z or Ctrl+Y redoes.",
    replaced_hand_edits: "Your edits of the JSON were replaced by the regenerated policy. Undo (Ctrl+Z) brings them back.",
    where_heading: "Where: how far resources reach",
    what_heading: "What: the actions",
    when_heading: "When: time window and conditions",
    why_heading: "Why: name, description and Sids",
    proof_label: "Proof",
    generalise_legend: "Generalise resources",
    level_name: level_name_en,
    level_hint: level_hint_en,
    level_figures: |score, chars, documents, fits| {
        let policies = if documents == 1 { "1 policy".to_owned() } else { format!("{documents} policies") };
        let fit = if fits { "" } else { ", over the limits" };
        format!("breadth ×{score}, {} characters, {policies}{fit}", grouped(chars as u64))
    },
    auto_uses: |level| format!("now: {level}"),
    allow_cross_account: "Let generalisation reach other accounts",
    window_legend: "Activity used",
    since: "From",
    until: "Until",
    window_hint: "UTC days, inclusive; empty for all the activity.",
    conditions_legend: "Conditions",
    condition_region: "Only in the observed regions (aws:RequestedRegion)",
    condition_ip: "Only from the observed IP addresses (aws:SourceIp)",
    condition_mfa: "Only with MFA (aws:MultiFactorAuthPresent)",
    mfa_effect: mfa_effect_en,
    condition_time: "Only between two dates (aws:CurrentTime)",
    valid_from: "Valid from",
    valid_until: "Valid until",
    include_denied: "Also allow calls that were denied",
    actions_caption: "Observed actions. Untick an action or a resource to leave it out of the policy.",
    column_include: "Include",
    column_service: "Service",
    column_action: "Action",
    column_access: "Access level",
    column_calls: "Calls",
    column_last_seen: "Last seen",
    column_resources: "Resources",
    column_granted: "Allowed by the policy",
    access_level: access_level_en,
    granted_all: "allowed",
    granted_partly: "partly",
    granted_none: "denied",
    granted_unknown: "cannot tell",
    include_action: |action| format!("Include {action}"),
    include_resource: |action, resource| format!("Include {action} on {resource}"),
    no_resource_logged: "(no resource logged)",
    pattern_covers: |resources, calls, last| {
        format!(
            "← {resources} observed {}, {} {}, last {last}",
            if resources == 1 { "resource" } else { "resources" },
            grouped(calls),
            if calls == 1 { "call" } else { "calls" }
        )
    },
    more_patterns: |count| format!("and {count} more"),
    no_calls_in_window: "No call to allow in this time window.",
    suggestions_heading: "Suggestions (not added to the policy)",
    suggestion_kind: |kind| match kind {
        SuggestionKind::CompanionRead => "Companion read",
        SuggestionKind::PassRole => "iam:PassRole",
        SuggestionKind::DependentAction => "Dependent action",
        SuggestionKind::OtherRequiredResourceTypes => "Other resources needed",
        SuggestionKind::NotLogged => "Not in CloudTrail",
        SuggestionKind::AwsMapExtra => "Listed by AWS",
    },
    suggestion_text: |action, resources, reason| format!("{action} on {}: {reason}", resources.join(", ")),
    warnings_heading: "Warnings",
    warning_kind: |_| None,
    description_label: "Description (why this policy exists)",
    description_placeholder: "e.g. Deploys the API from CI",
    policy_name_label: "Policy name",
    policy_name_placeholder: |name| format!("iamwb-{name}"),
    statements_legend: "Statement Sids (what each statement is for)",
    sid_label: |index| format!("Sid of statement {index}"),
    sid_hint: "Letters and digits only.",
    editor_heading: "Policy JSON",
    editor_label: "Policy JSON, editable",
    generated_badge: "generated from the options",
    hand_edited_badge: "edited by hand",
    regenerate: "Regenerate from the options",
    lint_heading: "Lint",
    lint_clean: "No findings.",
    severity: severity_en,
    at_line: |line, column| format!("line {line}, column {column}"),
    lint_title: lint_title_en,
    not_a_policy: "This text is not a policy yet:",
    coverage_heading: "Coverage",
    coverage_text: |ratio, allowed, total| {
        let _ = allowed;
        format!("{} of {} successful calls allowed", percent(ratio), grouped(total))
    },
    not_evaluable_text: |calls| format!("{} calls depend on values the logs do not hold.", grouped(calls)),
    denied_heading: "Calls this policy would deny",
    nothing_denied: "None: every observed successful call is allowed.",
    denied_call: |calls, action, resource, last_seen| format!("{} × {action} on {} (last {last_seen})", grouped(calls), resource_or_star(resource)),
    no_proof: "Fix the JSON to see coverage and size.",
    size_heading: "Size",
    document_size: |index, chars, limit| format!("Policy {index}: {} of {} characters", grouped(chars as u64), grouped(limit as u64)),
    split_preview: |documents, limit| {
        if documents == 1 {
            format!("1 managed policy (at most {limit} per principal)")
        } else {
            format!("{documents} managed policies (at most {limit} per principal)")
        }
    },
    over_quota: "More managed policies than a principal may have: generalise further, or ask AWS for a higher quota.",
    inline_heading: "Or as inline policies",
    inline_fit: |who, limit, fits| format!("{who} ({} characters): {}", grouped(limit as u64), if fits { "fits" } else { "too big" }),
    inline_role: "a role",
    inline_group: "a group",
    inline_user: "a user",
    diff_heading: "Compared with an existing policy",
    existing_label: "Existing policy: a policy document, get-policy-version output, or Access Analyzer's generated policy",
    existing_placeholder: "{\"Version\": \"2012-10-17\", \"Statement\": [ … ]}",
    existing_unreadable: "Not a policy:",
    unused_heading: "Granted but unused",
    nothing_unused: "Nothing: every entry was used.",
    unused_entry: |kind, entry, recommendation| {
        let kind = if kind == "resource" { "Resource" } else { "Action" };
        let recommendation = if recommendation == "narrow" { "narrow it" } else { "remove it" };
        format!("{kind} {entry}: {recommendation}")
    },
    narrow_hint: |used, unused| match unused {
        Some(count) => format!("only {} used; {count} other actions granted", used.join(", ")),
        None => format!("only {} used", used.join(", ")),
    },
    remove: "Remove",
    remove_label: |entry| format!("Remove {entry} from the existing policy"),
    missing_heading: "Used but not granted",
    nothing_missing: "Nothing: the existing policy allows every observed call.",
    missing_entry: |calls, action, resource, last_seen| format!("{} × {action} on {} (last {last_seen})", grouped(calls), resource_or_star(resource)),
    breadth_compare: |theirs, ours| format!("Breadth: existing ×{theirs}, this workspace ×{ours} (×1 = exactly what was used)"),
    use_existing: "Refine this policy in the editor",
    existing_coverage: |ratio, allowed, total| {
        let _ = allowed;
        format!("The existing policy allows {} of {} successful calls.", percent(ratio), grouped(total))
    },
    sources_heading: "From your files",
    source_authorization: |names| format!("Its policies now (authorization details): {}", names.join(", ")),
    source_access_analyzer: |file, placeholders| {
        if placeholders == 0 {
            format!("Access Analyzer's generated policy ({file})")
        } else {
            format!("Access Analyzer's generated policy ({file}; placeholders to fill in: {placeholders})")
        }
    },
    source_policy_file: |file, documents| if documents == 1 { format!("The policy in {file}") } else { format!("The {documents} policies in {file}") },
    source_missing: |arn| {
        format!("Not in your files: {arn} (for AWS managed policies, run get-account-authorization-details with --filter AWSManagedPolicy too)")
    },
    compare_with: "Compare",
    compare_label: |what| format!("Compare with {what}"),
    unused_access_heading: "Unused access (IAM Access Analyzer)",
    unused_access_intro:
        "Access Analyzer found these actions unused by this principal. Removing one takes it out of the policy in the editor and the existing policy.",
    unused_access_entry: |action, last| match last {
        Some(day) => format!("{action} — last used {day}"),
        None => format!("{action} — not used in the tracking period"),
    },
    unused_access_where: |in_policy, in_existing| match (in_policy, in_existing) {
        (true, true) => "in this policy and the existing one",
        (true, false) => "in this policy",
        (false, true) => "in the existing policy",
        (false, false) => "granted by neither",
    },
    remove_unused: "Remove",
    remove_unused_label: |action| format!("Remove {action} from the policies"),
    unused_finding: |kind, last| {
        let what = match kind {
            "UnusedIAMRole" => "this role is unused",
            "UnusedIAMUserAccessKey" => "an access key of this user is unused",
            "UnusedIAMUserPassword" => "this user's password is unused",
            _ => "unused access",
        };
        match last {
            Some(day) => format!("Access Analyzer: {what} (last used {day})."),
            None => format!("Access Analyzer: {what} (never used in the tracking period)."),
        }
    },
    last_accessed_heading: "Service last accessed (Access Advisor)",
    last_accessed_caption: |files| format!("From {files}. A service not used for long is a candidate to leave out."),
    column_last_accessed: "Last accessed",
    column_region: "Region",
    column_used_here: "In these logs",
    not_accessed: "not in the tracking period",
    export_heading: "Export",
    export_format: "Format",
    export_kind: export_kind_en,
    attachment_legend: "Attach as",
    attachment_managed: "managed policies",
    attachment_inline: "inline policies",
    inline_over_budget: inline_over_budget_en,
    terraform_style_legend: "Terraform style",
    terraform_jsonencode: "jsonencode",
    terraform_heredoc: "heredoc",
    download_file: |name| format!("Download {name}"),
    command_heading: "The same from a terminal",
    page_only_intro: "The command prints the policy without what only the page does:",
    page_only: page_only_en,
    copy_policy: "Copy JSON",
    download_policy: "Download JSON",
    copy_export: "Copy",
    download_export: "Download",
    tools_heading: "Tools (no logs needed)",
    query_heading: "Query builder",
    query_intro: "Too much activity for a browser? Aggregate it on the server and load only the small result here.",
    query_principal: "Principal ARN",
    query_engine: "Engine",
    query_table: "Table",
    query_table_hint: "Table, log group or event data store; empty for the default shown.",
    query_needs_dates: "Choose both dates to build the query.",
    query_sql_label: "SQL",
    query_advice_s3: "Athena: for a trail that delivers to S3, at any size. Save the result CSV and add it here.",
    query_advice_cloudwatch: "Logs Insights: for a trail that delivers to CloudWatch Logs. Set the time range beside the query (at most 10,000 rows and 60 minutes a query: split long ranges); export the result or save get-query-results, and add it here.",
    query_advice_lake: "Lake: for an existing event data store (no new customers since 2026-05-31).",
    copy_sql: "Copy SQL",
    kit_heading: "Resource kit: ReadOnly and ReadWrite for one resource",
    kit_intro: "Create these policies with the resource, and delete them with it.",
    kit_arn: "Resource ARN",
    kit_permissions_management: "Also allow permissions management (resource policies, ACLs) in ReadWrite",
    kit_types: |types| format!("Resource type: {types}"),
    kit_read_only: "ReadOnly",
    kit_read_write: "ReadWrite",
    kit_error: "No kit for this ARN:",
    copy_read_only: "Copy ReadOnly",
    copy_read_write: "Copy ReadWrite",
    download_read_only: "Download ReadOnly",
    download_read_write: "Download ReadWrite",
};

pub static WORKSPACE_JA: WorkspaceTexts = WorkspaceTexts {
    heading: "4. 最小権限ポリシー",
    who: "誰が",
    undo: "元に戻す",
    redo: "やり直す",
    undo_keys: "Ctrl+Z で元に戻し、Ctrl+Shift+Z または Ctrl+Y でやり直します。",
    replaced_hand_edits: "JSON の手動編集は、再生成したポリシーで置き換えられました。元に戻す（Ctrl+Z）で戻せます。",
    where_heading: "どこに: リソースの範囲",
    what_heading: "何を: アクション",
    when_heading: "いつ: 期間と条件",
    why_heading: "なぜ: 名前、説明、Sid",
    proof_label: "検証",
    generalise_legend: "リソースの一般化",
    level_name: level_name_ja,
    level_hint: level_hint_ja,
    level_figures: |score, chars, documents, fits| {
        let fit = if fits { "" } else { "、制限超過" };
        format!("広さ ×{score}、{} 文字、ポリシー {documents} 個{fit}", grouped(chars as u64))
    },
    auto_uses: |level| format!("現在: {level}"),
    allow_cross_account: "一般化で他のアカウントまで広げる",
    window_legend: "使うアクティビティ",
    since: "開始日",
    until: "終了日",
    window_hint: "UTC の日付（両端を含む）。空欄ならすべてのアクティビティ。",
    conditions_legend: "条件",
    condition_region: "観測されたリージョンのみ（aws:RequestedRegion）",
    condition_ip: "観測された IP アドレスからのみ（aws:SourceIp）",
    condition_mfa: "MFA 使用時のみ（aws:MultiFactorAuthPresent）",
    mfa_effect: mfa_effect_ja,
    condition_time: "指定した期間のみ（aws:CurrentTime）",
    valid_from: "有効期間の開始",
    valid_until: "有効期間の終了",
    include_denied: "拒否された呼び出しも許可する",
    actions_caption: "観測されたアクション。チェックを外すと、そのアクションやリソースをポリシーから除外します。",
    column_include: "含める",
    column_service: "サービス",
    column_action: "アクション",
    column_access: "アクセスレベル",
    column_calls: "呼び出し",
    column_last_seen: "最終確認",
    column_resources: "リソース",
    column_granted: "ポリシーでの許可",
    access_level: access_level_ja,
    granted_all: "許可",
    granted_partly: "一部",
    granted_none: "拒否",
    granted_unknown: "判定不可",
    include_action: |action| format!("{action} を含める"),
    include_resource: |action, resource| format!("{resource} に対する {action} を含める"),
    no_resource_logged: "（リソースの記録なし）",
    pattern_covers: |resources, calls, last| format!("← 観測したリソース {resources} 個、呼び出し {} 回、最終 {last}", grouped(calls)),
    more_patterns: |count| format!("ほか {count} 件"),
    no_calls_in_window: "この期間に許可する呼び出しはありません。",
    suggestions_heading: "提案（ポリシーには追加していません）",
    suggestion_kind: |kind| match kind {
        SuggestionKind::CompanionRead => "一緒に使われる読み取り",
        SuggestionKind::PassRole => "iam:PassRole",
        SuggestionKind::DependentAction => "依存するアクション",
        SuggestionKind::OtherRequiredResourceTypes => "ほかに必要なリソース",
        SuggestionKind::NotLogged => "CloudTrail に残らない呼び出し",
        SuggestionKind::AwsMapExtra => "AWS の対応表にある追加アクション",
    },
    suggestion_text: |action, resources, reason| format!("{} に対する {action}: {reason}", resources.join("、")),
    warnings_heading: "警告",
    warning_kind: |kind| {
        Some(match kind {
            WarningKind::NoActivity => "この期間に許可する呼び出しがありません",
            WarningKind::UnknownAction => "IAM カタログにないアクション",
            WarningKind::ResourceNotLogged => "リソースが記録されていない呼び出し（\"*\" で許可）",
            WarningKind::ResourceTypeMismatch => "アクションのリソースタイプに合わないリソース",
            WarningKind::CrossAccountResource => "別アカウントのリソース",
            WarningKind::DeniedCallsIncluded => "拒否された呼び出しも許可しています",
            WarningKind::CallsWithoutMfa => "MFA なしの呼び出しが拒否されます",
            WarningKind::NoSourceAddresses => "送信元アドレスが観測されていません",
            WarningKind::OverSizeQuota => "サイズの上限に収まりません",
            WarningKind::EmptyValidityWindow => "有効期間が観測された呼び出しを含みません",
            _ => return None,
        })
    },
    description_label: "説明（このポリシーが必要な理由）",
    description_placeholder: "例: CI から API をデプロイする",
    policy_name_label: "ポリシー名",
    policy_name_placeholder: |name| format!("iamwb-{name}"),
    statements_legend: "ステートメントの Sid（各ステートメントの目的）",
    sid_label: |index| format!("ステートメント {index} の Sid"),
    sid_hint: "英字と数字のみ。",
    editor_heading: "ポリシー JSON",
    editor_label: "ポリシー JSON（編集できます）",
    generated_badge: "オプションから生成",
    hand_edited_badge: "手動で編集",
    regenerate: "オプションから再生成",
    lint_heading: "チェック結果",
    lint_clean: "指摘はありません。",
    severity: severity_ja,
    at_line: |line, column| format!("{line} 行 {column} 列"),
    lint_title: lint_title_ja,
    not_a_policy: "このテキストはまだポリシーではありません:",
    coverage_heading: "カバー率",
    coverage_text: |ratio, allowed, total| {
        let _ = allowed;
        format!("成功した {} 回の呼び出しのうち {} を許可", grouped(total), percent(ratio))
    },
    not_evaluable_text: |calls| format!("{} 回の呼び出しは、ログにない値に依存するため判定できません。", grouped(calls)),
    denied_heading: "このポリシーが拒否する呼び出し",
    nothing_denied: "ありません。観測された成功した呼び出しはすべて許可されます。",
    denied_call: |calls, action, resource, last_seen| format!("{} × {} に対する {action}（最終 {last_seen}）", grouped(calls), resource_or_star(resource)),
    no_proof: "JSON を直すと、カバー率とサイズが表示されます。",
    size_heading: "サイズ",
    document_size: |index, chars, limit| format!("ポリシー {index}: {} / {} 文字", grouped(chars as u64), grouped(limit as u64)),
    split_preview: |documents, limit| format!("管理ポリシー {documents} 個（プリンシパルごとに最大 {limit} 個）"),
    over_quota: "プリンシパルに付けられる管理ポリシーの数を超えています。さらに一般化するか、AWS にクォータの引き上げを依頼してください。",
    inline_heading: "インラインポリシーにする場合",
    inline_fit: |who, limit, fits| format!("{who}（{} 文字）: {}", grouped(limit as u64), if fits { "収まります" } else { "大きすぎます" }),
    inline_role: "ロール",
    inline_group: "グループ",
    inline_user: "ユーザー",
    diff_heading: "既存のポリシーとの比較",
    existing_label: "既存のポリシー: ポリシー文書、get-policy-version の出力、または Access Analyzer が生成したポリシー",
    existing_placeholder: "{\"Version\": \"2012-10-17\", \"Statement\": [ … ]}",
    existing_unreadable: "ポリシーではありません:",
    unused_heading: "許可されているが使われていない",
    nothing_unused: "ありません。すべての項目が使われています。",
    unused_entry: |kind, entry, recommendation| {
        let kind = if kind == "resource" { "リソース" } else { "アクション" };
        let recommendation = if recommendation == "narrow" { "絞り込めます" } else { "削除できます" };
        format!("{kind} {entry}: {recommendation}")
    },
    narrow_hint: |used, unused| match unused {
        Some(count) => format!("使われたのは {} のみ。ほかに {count} 個のアクションを許可しています", used.join("、")),
        None => format!("使われたのは {} のみ", used.join("、")),
    },
    remove: "削除",
    remove_label: |entry| format!("既存のポリシーから {entry} を削除"),
    missing_heading: "使われているが許可されていない",
    nothing_missing: "ありません。既存のポリシーは観測された呼び出しをすべて許可します。",
    missing_entry: |calls, action, resource, last_seen| format!("{} × {} に対する {action}（最終 {last_seen}）", grouped(calls), resource_or_star(resource)),
    breadth_compare: |theirs, ours| format!("広さ: 既存 ×{theirs}、このワークスペース ×{ours}（×1 = 使った分だけ）"),
    use_existing: "このポリシーをエディターで絞り込む",
    existing_coverage: |ratio, allowed, total| {
        let _ = allowed;
        format!("既存のポリシーは、成功した {} 回の呼び出しのうち {} を許可します。", grouped(total), percent(ratio))
    },
    sources_heading: "読み込んだファイルから",
    source_authorization: |names| format!("現在のポリシー（認可の詳細）: {}", names.join("、")),
    source_access_analyzer: |file, placeholders| {
        if placeholders == 0 {
            format!("Access Analyzer が生成したポリシー（{file}）")
        } else {
            format!("Access Analyzer が生成したポリシー（{file}、埋めるべきプレースホルダー: {placeholders} 個）")
        }
    },
    source_policy_file: |file, documents| if documents == 1 { format!("{file} のポリシー") } else { format!("{file} の {documents} 個のポリシー") },
    source_missing: |arn| format!("ファイルにありません: {arn}（AWS 管理ポリシーは get-account-authorization-details を --filter AWSManagedPolicy 付きでも実行してください）"),
    compare_with: "比較する",
    compare_label: |what| format!("{what} と比較する"),
    unused_access_heading: "使われていないアクセス（IAM Access Analyzer）",
    unused_access_intro: "Access Analyzer は、このプリンシパルがこれらのアクションを使っていないと判断しました。削除すると、エディターのポリシーと既存のポリシーの両方から外れます。",
    unused_access_entry: |action, last| match last {
        Some(day) => format!("{action} — 最終使用 {day}"),
        None => format!("{action} — 追跡期間中に使用なし"),
    },
    unused_access_where: |in_policy, in_existing| match (in_policy, in_existing) {
        (true, true) => "このポリシーと既存のポリシーにあり",
        (true, false) => "このポリシーにあり",
        (false, true) => "既存のポリシーにあり",
        (false, false) => "どちらも許可していない",
    },
    remove_unused: "削除",
    remove_unused_label: |action| format!("ポリシーから {action} を削除"),
    unused_finding: |kind, last| {
        let what = match kind {
            "UnusedIAMRole" => "このロールは使われていません",
            "UnusedIAMUserAccessKey" => "このユーザーのアクセスキーは使われていません",
            "UnusedIAMUserPassword" => "このユーザーのパスワードは使われていません",
            _ => "使われていないアクセスがあります",
        };
        match last {
            Some(day) => format!("Access Analyzer: {what}（最終使用 {day}）。"),
            None => format!("Access Analyzer: {what}（追跡期間中に使用なし）。"),
        }
    },
    last_accessed_heading: "サービスの最終アクセス（Access Advisor）",
    last_accessed_caption: |files| format!("出典: {files}。長く使われていないサービスは外す候補です。"),
    column_last_accessed: "最終アクセス",
    column_region: "リージョン",
    column_used_here: "このログ内",
    not_accessed: "追跡期間中になし",
    export_heading: "エクスポート",
    export_format: "形式",
    export_kind: export_kind_ja,
    attachment_legend: "付与の方法",
    attachment_managed: "管理ポリシー",
    attachment_inline: "インラインポリシー",
    inline_over_budget: inline_over_budget_ja,
    terraform_style_legend: "Terraform の書き方",
    terraform_jsonencode: "jsonencode",
    terraform_heredoc: "ヒアドキュメント",
    download_file: |name| format!("{name} をダウンロード"),
    command_heading: "ターミナルで同じものを作るには",
    page_only_intro: "このコマンドの出力には、ページだけで行った次の変更は含まれません:",
    page_only: page_only_ja,
    copy_policy: "JSON をコピー",
    download_policy: "JSON をダウンロード",
    copy_export: "コピー",
    download_export: "ダウンロード",
    tools_heading: "ツール（ログ不要）",
    query_heading: "クエリビルダー",
    query_intro: "ブラウザには多すぎるアクティビティは、サーバー側で集計して、小さな結果だけをここに読み込みましょう。",
    query_principal: "プリンシパルの ARN",
    query_engine: "エンジン",
    query_table: "テーブル",
    query_table_hint: "テーブル・ロググループ・イベントデータストア。空欄なら表示中の既定値。",
    query_needs_dates: "クエリを作るには両方の日付を選んでください。",
    query_sql_label: "SQL",
    query_advice_s3: "Athena: S3 バケットに配信する証跡向け。規模を問いません。結果を CSV で保存してここに追加してください。",
    query_advice_cloudwatch: "CloudWatch Logs Insights: CloudWatch Logs のロググループに配信する証跡向け。時間範囲はクエリの外で指定します。返る行は最大 10,000 行、実行は最大 60 分なので、長い期間は分けてください。結果をエクスポート（CSV または JSON）するか get-query-results を保存して、ここに追加してください。",
    query_advice_lake: "CloudTrail Lake: 既存のイベントデータストア向け（2026-05-31 以降、新規のお客様は利用できません）。",
    copy_sql: "SQL をコピー",
    kit_heading: "リソースキット: 1 つのリソースの ReadOnly と ReadWrite",
    kit_intro: "これらのポリシーはリソースと一緒に作り、リソースと一緒に削除しましょう。",
    kit_arn: "リソースの ARN",
    kit_permissions_management: "ReadWrite にアクセス許可の管理（リソースポリシー、ACL）も含める",
    kit_types: |types| format!("リソースタイプ: {types}"),
    kit_read_only: "ReadOnly",
    kit_read_write: "ReadWrite",
    kit_error: "この ARN のキットは作れません:",
    copy_read_only: "ReadOnly をコピー",
    copy_read_write: "ReadWrite をコピー",
    download_read_only: "ReadOnly をダウンロード",
    download_read_write: "ReadWrite をダウンロード",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_naturally() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(1234), "1,234");
        assert_eq!(grouped(1_234_567), "1,234,567");
        assert_eq!(percent(1.0), "100%");
        assert_eq!(percent(0.9999), "99.9%", "never rounded up to 100%");
        assert_eq!(percent(0.5), "50%");
        assert_eq!((WORKSPACE_EN.coverage_text)(1.0, 1234, 1234), "100% of 1,234 successful calls allowed");
        assert_eq!((WORKSPACE_JA.coverage_text)(1.0, 1234, 1234), "成功した 1,234 回の呼び出しのうち 100% を許可");
    }

    #[test]
    fn the_mfa_effect_is_said_in_both_languages() {
        let none = iam_engine::synth::MfaEffect { with_mfa: 0, without_mfa: 1200, long_term_keys: 34 };
        assert!(none.denies_all());
        assert!((WORKSPACE_EN.mfa_effect)(none).starts_with("None of the 1,234 calls carried MFA"));
        assert!((WORKSPACE_JA.mfa_effect)(none).starts_with("1,234 回の呼び出しのどれも"));
        let some = iam_engine::synth::MfaEffect { with_mfa: 10, without_mfa: 2, long_term_keys: 0 };
        assert!(!some.denies_all());
        assert_eq!((WORKSPACE_EN.mfa_effect)(some), "2 of 12 calls carried no MFA; requiring it denies them.");
    }

    #[test]
    fn every_lint_code_the_engine_uses_has_a_japanese_title() {
        let source = include_str!("../../crates/iam-engine/src/lint.rs");
        let mut codes: Vec<&str> = source
            .split('"')
            .filter(|word| word.len() > 3 && word.contains('-') && word.bytes().all(|byte| byte.is_ascii_lowercase() || byte == b'-'))
            .collect();
        codes.retain(|code| *code != "kebab-case");
        codes.sort();
        codes.dedup();
        assert!(codes.contains(&"unknown-action"), "{codes:?}");
        let missing: Vec<&&str> = codes.iter().filter(|code| lint_title_ja(code).is_none()).collect();
        assert!(missing.is_empty(), "no Japanese title for {missing:?}");
    }
}
