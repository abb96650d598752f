//! Every string the page shows, in English and Japanese. One `Texts` value per language: the
//! compiler checks that no string is missing in either. Messages with numbers are functions.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    En,
    Ja,
}

impl Lang {
    /// The page's default: Japanese when the browser prefers it, else English.
    pub fn from_browser_language(language: &str) -> Lang {
        if language.to_ascii_lowercase().starts_with("ja") {
            Lang::Ja
        } else {
            Lang::En
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
        }
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::En => &EN,
            Lang::Ja => &JA,
        }
    }
}

pub struct Texts {
    pub app_title: &'static str,
    pub tagline: &'static str,
    pub privacy_note: &'static str,
    pub language_label: &'static str,
    pub inputs_heading: &'static str,
    pub drop_here: &'static str,
    pub choose_files: &'static str,
    pub paste_label: &'static str,
    pub paste_placeholder: &'static str,
    pub read_pasted: &'static str,
    pub pasted_name: &'static str,
    pub reading: &'static str,
    pub cancel: &'static str,
    pub cancelled: &'static str,
    pub file_waiting: &'static str,
    pub file_read: fn(u64) -> String,
    pub file_unusable: &'static str,
    pub file_not_read: &'static str,
    pub progress: fn(u64, u64, u64) -> String,
    pub record_prefix: fn(u64) -> String,
    pub more_problems: fn(u64) -> String,
    pub summary_heading: &'static str,
    pub events: &'static str,
    pub duplicates: &'static str,
    pub time_span: &'static str,
    pub failed_calls: &'static str,
    pub services: &'static str,
    pub principals_heading: &'static str,
    pub principal: &'static str,
    pub kind: &'static str,
    pub failed: &'static str,
    pub choose: &'static str,
    pub chosen: &'static str,
    pub kind_name: fn(&str) -> &'static str,
    pub no_principals: &'static str,
    pub policy_heading: &'static str,
    pub policy_intro: &'static str,
    pub copy: &'static str,
    pub copied: &'static str,
    pub download: &'static str,
    pub cli_equivalent: &'static str,
    pub no_actions: &'static str,
    pub not_a_permission_heading: &'static str,
    pub unmapped_heading: &'static str,
    pub denied_heading: &'static str,
    pub choose_principal_hint: &'static str,
    pub worker_failed: &'static str,
    pub catalog_label: &'static str,
    pub catalog_loading: &'static str,
    pub catalog_failed: &'static str,
    pub load_sample: &'static str,
    pub sample_failed: &'static str,
    pub findings_heading: &'static str,
    pub finding_text: fn(&iam_engine::hygiene::Finding) -> String,
    pub evidence_heading: &'static str,
    pub warning_text: fn(&iam_engine::summary::Warning) -> String,
}

fn kind_name_en(kind: &str) -> &'static str {
    match kind {
        "role" => "role",
        "user" => "user",
        "root" => "root user",
        "account" => "another account",
        _ => "other",
    }
}

fn kind_name_ja(kind: &str) -> &'static str {
    match kind {
        "role" => "ロール",
        "user" => "ユーザー",
        "root" => "ルートユーザー",
        "account" => "別アカウント",
        _ => "その他",
    }
}

pub static EN: Texts = Texts {
    app_title: "IAM Policy Workbench",
    tagline: "Least-privilege IAM policies from what a principal really did.",
    privacy_note: "Everything runs in this browser tab: your logs, account IDs and ARNs never leave your machine. The page loads nothing but its own files.",
    language_label: "Language",
    inputs_heading: "1. Load AWS activity",
    drop_here: "Drop CloudTrail log files here (.json, .json.gz — many at once)",
    choose_files: "Choose files…",
    paste_label: "Or paste JSON",
    paste_placeholder: "{\"Records\": [ … ]}",
    read_pasted: "Read pasted JSON",
    pasted_name: "pasted text",
    reading: "Reading…",
    cancel: "Cancel",
    cancelled: "Reading was cancelled; the files below it were not read.",
    file_waiting: "waiting",
    file_read: |events| format!("{events} events"),
    file_unusable: "not usable",
    file_not_read: "not read",
    progress: |bytes, total, events| format!("{} of {} read, {events} events", human_bytes(bytes), human_bytes(total)),
    record_prefix: |record| format!("record {record}: "),
    more_problems: |count| format!("… and {count} more problems"),
    summary_heading: "2. What happened",
    events: "Events",
    duplicates: "Duplicates removed",
    time_span: "Time span",
    failed_calls: "Failed calls",
    services: "Services",
    principals_heading: "3. Choose a principal",
    principal: "Principal",
    kind: "Kind",
    failed: "Failed",
    choose: "Choose",
    chosen: "Chosen",
    kind_name: kind_name_en,
    no_principals: "No principal with attributable activity was found in these inputs.",
    policy_heading: "4. Least-privilege policy",
    policy_intro: "Allows exactly the actions this principal called successfully.",
    copy: "Copy",
    copied: "Copied",
    download: "Download",
    cli_equivalent: "The same policy from a terminal:",
    no_actions: "This principal made no successful call that needs a permission.",
    not_a_permission_heading: "Calls that need no permission",
    unmapped_heading: "Calls not mapped to an IAM action",
    denied_heading: "Denied — needed?",
    choose_principal_hint: "Choose a principal above to see its policy.",
    worker_failed: "The reading worker stopped unexpectedly",
    catalog_label: "IAM data",
    catalog_loading: "Loading IAM data…",
    catalog_failed: "IAM data could not be loaded",
    load_sample: "Load a sample (workshop)",
    sample_failed: "The sample could not be loaded",
    findings_heading: "Credential hygiene",
    finding_text: finding_text_en,
    evidence_heading: "How far the evidence goes",
    warning_text: warning_text_en,
};

pub static JA: Texts = Texts {
    app_title: "IAM ポリシーワークベンチ",
    tagline: "プリンシパルが実際に行った操作から、最小権限の IAM ポリシーを作ります。",
    privacy_note: "処理はすべてこのブラウザのタブの中で行われます。ログ、アカウント ID、ARN がこのマシンの外に出ることはありません。ページが読み込むのは自身のファイルだけです。",
    language_label: "言語",
    inputs_heading: "1. AWS のアクティビティを読み込む",
    drop_here: "CloudTrail のログファイルをここにドロップ（.json、.json.gz、複数可）",
    choose_files: "ファイルを選択…",
    paste_label: "または JSON を貼り付け",
    paste_placeholder: "{\"Records\": [ … ]}",
    read_pasted: "貼り付けた JSON を読み込む",
    pasted_name: "貼り付けたテキスト",
    reading: "読み込み中…",
    cancel: "キャンセル",
    cancelled: "読み込みをキャンセルしました。以下のファイルは読み込まれていません。",
    file_waiting: "待機中",
    file_read: |events| format!("{events} 件のイベント"),
    file_unusable: "使用できません",
    file_not_read: "未読み込み",
    progress: |bytes, total, events| format!("{} / {} 読み込み済み、{events} 件のイベント", human_bytes(bytes), human_bytes(total)),
    record_prefix: |record| format!("レコード {record}: "),
    more_problems: |count| format!("…ほか {count} 件の問題"),
    summary_heading: "2. 何が行われたか",
    events: "イベント",
    duplicates: "除去した重複",
    time_span: "期間",
    failed_calls: "失敗した呼び出し",
    services: "サービス",
    principals_heading: "3. プリンシパルを選ぶ",
    principal: "プリンシパル",
    kind: "種類",
    failed: "失敗",
    choose: "選択",
    chosen: "選択中",
    kind_name: kind_name_ja,
    no_principals: "これらの入力には、ポリシーを付与できるプリンシパルのアクティビティがありません。",
    policy_heading: "4. 最小権限ポリシー",
    policy_intro: "このプリンシパルが成功した呼び出しのアクションだけを許可します。",
    copy: "コピー",
    copied: "コピーしました",
    download: "ダウンロード",
    cli_equivalent: "ターミナルで同じポリシーを作るには:",
    no_actions: "このプリンシパルには、権限が必要な成功した呼び出しがありません。",
    not_a_permission_heading: "権限が不要な呼び出し",
    unmapped_heading: "IAM アクションに対応付けられなかった呼び出し",
    denied_heading: "拒否された呼び出し — 必要ですか？",
    choose_principal_hint: "上でプリンシパルを選ぶと、そのポリシーが表示されます。",
    worker_failed: "読み込み用ワーカーが予期せず停止しました",
    catalog_label: "IAM データ",
    catalog_loading: "IAM データを読み込み中…",
    catalog_failed: "IAM データを読み込めませんでした",
    load_sample: "サンプルを読み込む（ハンズオン用）",
    sample_failed: "サンプルを読み込めませんでした",
    findings_heading: "認証情報の衛生",
    finding_text: finding_text_ja,
    evidence_heading: "根拠の範囲",
    warning_text: warning_text_ja,
};

fn finding_text_en(finding: &iam_engine::hygiene::Finding) -> String {
    finding.detail.clone()
}

fn finding_text_ja(finding: &iam_engine::hygiene::Finding) -> String {
    use iam_engine::hygiene::FindingKind;
    let count = finding.count;
    let distinct = finding.distinct.unwrap_or(0);
    match finding.kind {
        FindingKind::RootActivity => format!("ルートユーザーが {count} 回の呼び出しを行いました。ルートは封印し、ロールを使いましょう"),
        FindingKind::LongTermAccessKey => {
            format!("長期アクセスキーによる呼び出しが {count} 回（キー {distinct} 個）。一時的な認証情報を持つロールを推奨します")
        }
        FindingKind::ConsoleSignInWithoutMfa => format!("MFA なしのコンソールサインインが {count} 回"),
        FindingKind::SessionWithoutMfa => format!("MFA なしのコンソールセッションからの呼び出しが {count} 回"),
        FindingKind::KeyUsedFromSeveralIps => {
            format!("アクセスキー {} が {distinct} 個の送信元 IP アドレスから使われました", finding.access_key.as_deref().unwrap_or(""))
        }
    }
}

fn warning_text_en(warning: &iam_engine::summary::Warning) -> String {
    warning.detail.clone()
}

fn warning_text_ja(warning: &iam_engine::summary::Warning) -> String {
    use iam_engine::summary::WarningKind;
    match warning.kind {
        WarningKind::NoDataEvents => "データイベントがありません。S3 オブジェクトへのアクセス、Lambda の呼び出し、DynamoDB の項目へのアクセスが根拠から漏れている可能性があります（証跡でデータイベントを有効にしてください）".to_owned(),
        WarningKind::Coverage => format!(
            "根拠は {} から {} まで、{} 個のリージョン（{}）のものです。それ以外のアクティビティは反映されていません",
            warning.from.map(|time| time.to_rfc3339()).unwrap_or_default(),
            warning.until.map(|time| time.to_rfc3339()).unwrap_or_default(),
            warning.regions.len(),
            warning.regions.join("、")
        ),
        WarningKind::FewCalls => format!(
            "{} の呼び出しは {} 回だけです。このポリシーの根拠は薄いです",
            warning.principal.as_deref().unwrap_or(""),
            warning.events.unwrap_or(0)
        ),
    }
}

/// `1.5 MB`, `320 KB`, `12 B`.
pub fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1024 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1024.0;
    let mut unit = 0;
    while value >= 1024.0 && unit + 1 < UNITS.len() {
        value /= 1024.0;
        unit += 1;
    }
    if value < 10.0 {
        format!("{value:.1} {}", UNITS[unit])
    } else {
        format!("{value:.0} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_follows_the_browser() {
        assert_eq!(Lang::from_browser_language("ja-JP"), Lang::Ja);
        assert_eq!(Lang::from_browser_language("en-GB"), Lang::En);
        assert_eq!(Lang::from_browser_language(""), Lang::En);
    }

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(human_bytes(12), "12 B");
        assert_eq!(human_bytes(1536), "1.5 KB");
        assert_eq!(human_bytes(300 * 1024 * 1024), "300 MB");
    }
}
