//! Every string the page shows, in English and Japanese. One `Texts` value per language: the
//! compiler checks that no string is missing in either. Messages with numbers are functions.

pub mod workspace;

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
    pub language_label: &'static str,
    pub inputs_heading: &'static str,
    pub drop_here: &'static str,
    pub choose_files: &'static str,
    pub paste_label: &'static str,
    pub paste_placeholder: &'static str,
    pub read_pasted: &'static str,
    pub pasted_name: &'static str,
    pub reading: &'static str,
    /// Every input is read; the worker and the page are putting the analysis together.
    pub finishing: &'static str,
    pub cancel: &'static str,
    pub cancelled: &'static str,
    pub file_waiting: &'static str,
    pub file_read: fn(u64, u64) -> String,
    /// A file that holds no activity but other exports: how many things, and its format.
    pub file_items: fn(u64, &str) -> String,
    pub file_unusable: &'static str,
    pub file_not_read: &'static str,
    pub file_stopped_worker: &'static str,
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
    /// Before the date of AWS's operation-to-action map, in the footer.
    pub operation_map_label: &'static str,
    pub catalog_loading: &'static str,
    pub catalog_failed: &'static str,
    pub load_sample: &'static str,
    pub sample_failed: &'static str,
    pub findings_heading: &'static str,
    pub finding_text: fn(&iam_engine::hygiene::Finding) -> String,
    pub evidence_heading: &'static str,
    pub warning_text: fn(&iam_engine::summary::Warning) -> String,
    /// "… and N more principals with few calls" (the warnings list shows the first ones).
    pub few_calls_more: fn(u64) -> String,
    /// The principal workspace, its proof, exports and tools (`i18n::workspace`).
    pub workspace: &'static workspace::WorkspaceTexts,
    pub choose_folder: &'static str,
    pub file_reading: fn(u64, u64, u64) -> String,
    pub file_restored: fn(u64, u64) -> String,
    pub progress_files: fn(u64, u64) -> String,
    pub input_totals: fn(&crate::components::input_panel::InputTotals) -> String,
    pub inputs_list_label: &'static str,
    pub show_all: fn(u64) -> String,
    pub show_fewer: &'static str,
    /// "Show the next N (of M)": a long table grows by pages, never all at once.
    pub show_more: fn(u64, u64) -> String,
    pub remove: &'static str,
    pub remove_input: fn(&str) -> String,
    pub restored_note: &'static str,
    pub restored_replaced: &'static str,
    pub principals_count: &'static str,
    pub charts_note: &'static str,
    /// Other exports read: policies, unused-access findings, authorization-details principals,
    /// Access Advisor services.
    pub imported_counts: fn(usize, usize, usize, usize) -> String,
    pub timeline_heading: &'static str,
    pub timeline_label: fn(&str, &str, &crate::overview::Outcomes) -> String,
    pub services_chart_heading: &'static str,
    pub services_chart_label: fn(&str) -> String,
    pub outcomes_text: fn(&crate::overview::Outcomes) -> String,
    pub outcome_success: &'static str,
    pub outcome_denied: &'static str,
    pub outcome_error: &'static str,
    pub calls_unit: &'static str,
    pub show_as_table: &'static str,
    pub day: &'static str,
    pub service: &'static str,
    pub other_services: &'static str,
    pub not_a_permission_note: &'static str,
    pub unmapped_note: &'static str,
    pub no_findings: &'static str,
    pub findings_intro: fn(u64) -> String,
    pub finding_kind: fn(iam_engine::hygiene::FindingKind) -> &'static str,
    pub finding_advice: fn(iam_engine::hygiene::FindingKind) -> &'static str,
    pub finding_detail: &'static str,
    pub finding_count: &'static str,
    pub filter_principals: &'static str,
    pub principals_shown: fn(u64, u64) -> String,
    pub principals_caption: &'static str,
    pub column_name: fn(crate::overview::SortColumn) -> &'static str,
    pub flag_identity_center: &'static str,
    pub flag_service_linked: &'static str,
    pub flag_cross_account: &'static str,
    pub flag_federated: &'static str,
    pub flag_path_unknown: &'static str,
    pub flag_meaning: fn(&str) -> &'static str,
    pub privacy_heading: &'static str,
    pub privacy_tab: &'static str,
    pub privacy_saved: &'static str,
    pub privacy_share: &'static str,
    /// The link to the static page that explains all of it (`privacy_page`, next to index.html).
    pub privacy_more: &'static str,
    pub privacy_page: &'static str,
    pub storage_unknown: &'static str,
    pub storage_empty: &'static str,
    pub storage_saved: &'static str,
    pub storage_restored: &'static str,
    pub storage_forgotten: &'static str,
    pub storage_failed: &'static str,
    pub storage_discarded: &'static str,
    pub forget_everything: &'static str,
    pub share_heading: &'static str,
    pub share_button: &'static str,
    pub share_warning: &'static str,
    pub share_placeholders: &'static str,
    pub share_create: &'static str,
    pub share_link_label: &'static str,
    pub copy_link: &'static str,
    pub share_error: fn(crate::share::ShareError) -> &'static str,
    pub shared_heading: &'static str,
    pub shared_intro: &'static str,
    pub shared_invalid: &'static str,
    pub close: &'static str,
    pub folder_failed: &'static str,
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
    language_label: "Language",
    inputs_heading: "1. Load AWS activity",
    drop_here: "Drop CloudTrail log files here (.json, .json.gz — many at once)",
    choose_files: "Choose files…",
    paste_label: "Or paste JSON",
    paste_placeholder: "{\"Records\": [ … ]}",
    read_pasted: "Read pasted JSON",
    pasted_name: "pasted text",
    reading: "Reading…",
    finishing: "All read: putting the analysis together…",
    cancel: "Cancel",
    cancelled: "Reading was cancelled: the files marked “not read” are not in the analysis.",
    file_waiting: "waiting",
    file_items: |items, format| format!("{} {} ({format}): used in the workspace", format_count(items), if items == 1 { "item" } else { "items" }),
    file_read: |events, duplicates| {
        if duplicates == 0 {
            events_en(events)
        } else {
            format!("{}, {} removed", events_en(events), duplicates_en(duplicates))
        }
    },
    file_unusable: "not usable",
    file_not_read: "not read",
    file_stopped_worker: "not read: the reading worker stopped while reading this file, and the other files were read again without it",
    progress: |bytes, total, events| format!("{} of {} read, {}", human_bytes(bytes), human_bytes(total), events_en(events)),
    record_prefix: |record| format!("record {record}: "),
    more_problems: |count| format!("… and {} more problems", format_count(count)),
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
    operation_map_label: "operation map",
    catalog_loading: "Loading IAM data…",
    catalog_failed: "IAM data could not be loaded",
    load_sample: "Load a sample (workshop)",
    sample_failed: "The sample could not be loaded",
    findings_heading: "Credential hygiene",
    finding_text: finding_text_en,
    evidence_heading: "How far the evidence goes",
    warning_text: warning_text_en,
    few_calls_more: |count| format!("… and {} more principals with few calls (sort the principals by events to see them)", format_count(count)),
    workspace: &workspace::WORKSPACE_EN,
    choose_folder: "Choose a folder…",
    file_reading: |bytes, total, events| format!("reading: {} of {}, {}", human_bytes(bytes), human_bytes(total), events_en(events)),
    file_restored: |events, duplicates| {
        if duplicates == 0 {
            format!("from your last visit: {}", events_en(events))
        } else {
            format!("from your last visit: {}, {} removed", events_en(events), duplicates_en(duplicates))
        }
    },
    progress_files: |done, total| format!("{} of {} files", format_count(done), format_count(total)),
    input_totals: |totals| {
        let mut text = format!(
            "{} {}, {}, {} events, {} removed",
            format_count(totals.files),
            if totals.files == 1 { "file" } else { "files" },
            human_bytes(totals.bytes),
            format_count(totals.events),
            duplicates_en(totals.duplicates)
        );
        if totals.with_problems > 0 {
            text.push_str(&format!(", {} with problems", format_count(totals.with_problems)));
        }
        text
    },
    inputs_list_label: "Inputs",
    show_all: |count| format!("Show all {}", format_count(count)),
    show_fewer: "Show fewer",
    show_more: |next, total| format!("Show {} more (of {})", format_count(next), format_count(total)),
    remove: "Remove",
    remove_input: |name| format!("Remove {name}"),
    restored_note: "Restored from your last visit: the analysis below, not the files (they are never stored). Adding files starts a new analysis of the files you add.",
    restored_replaced: "The analysis from your last visit was replaced: it covered files that are not loaded in this tab. Add them again to include them.",
    principals_count: "Principals",
    imported_counts: |policies, unused, principals, services| {
        let plural = |count: usize, one: &str, many: &str| format!("{} {}", format_count(count as u64), if count == 1 { one.to_owned() } else { many.to_owned() });
        format!(
            "Also read: {}, {}, {} (authorization details), {} (Access Advisor). Choose a principal to compare with them in its workspace.",
            plural(policies, "policy", "policies"),
            plural(unused, "unused-access finding", "unused-access findings"),
            plural(principals, "user or role", "users and roles"),
            plural(services, "service last accessed", "services last accessed")
        )
    },
    charts_note: "The charts count calls that needed a permission, by outcome (a call needing two actions counts twice). Calls that need no permission or could not be mapped are listed below.",
    timeline_heading: "Calls per day (UTC)",
    timeline_label: |from, until, totals| {
        format!(
            "Calls per day from {from} to {until}: {} succeeded, {} denied, {} failed otherwise",
            format_count(totals.success),
            format_count(totals.denied),
            format_count(totals.error)
        )
    },
    services_chart_heading: "Calls per service",
    services_chart_label: |top| format!("Calls per service, busiest first: {top}"),
    outcomes_text: |calls| format!("{} succeeded, {} denied, {} failed otherwise", format_count(calls.success), format_count(calls.denied), format_count(calls.error)),
    outcome_success: "Succeeded",
    outcome_denied: "Denied",
    outcome_error: "Other error",
    calls_unit: "calls",
    show_as_table: "Show as a table",
    day: "Day",
    service: "Service",
    other_services: "other services",
    not_a_permission_note: "These calls are made or answered without an IAM permission of the principal (AWS services acting themselves, sign-ins, calls that cannot be attributed). They are not in the policy.",
    unmapped_note: "No IAM action is known for these calls: they are not in the policy. Check them by hand (event source and name as CloudTrail records them).",
    no_findings: "No credential-hygiene finding in these inputs.",
    findings_intro: |count| format!("{} {} about how credentials are used. They do not change the policy, but deserve a look.", format_count(count), if count == 1 { "finding" } else { "findings" }),
    finding_kind: finding_kind_en,
    finding_advice: finding_advice_en,
    finding_detail: "What was seen",
    finding_count: "Calls",
    filter_principals: "Filter by ARN",
    principals_shown: |shown, total| format!("{} of {} principals shown", format_count(shown), format_count(total)),
    principals_caption: "Principals seen in the inputs; column headers sort the table.",
    column_name: column_name_en,
    flag_identity_center: "Identity Center",
    flag_service_linked: "service-linked",
    flag_cross_account: "cross-account",
    flag_federated: "federated",
    flag_path_unknown: "path unknown",
    flag_meaning: flag_meaning_en,
    privacy_heading: "Where your data goes",
    privacy_tab: "Your files are read inside this browser tab and are never uploaded. The page requests nothing but its own files (the app, the IAM data and the samples).",
    privacy_saved: "So your work survives a reload, this browser keeps the analysis (counts per principal, action, resource and day), your choices and the policies, never the log files.",
    privacy_share: "\"Share\" puts only the policy into the link, after the part of the address (#) that browsers never send to a server.",
    privacy_more: "Where your data goes, in detail",
    privacy_page: "privacy.html",
    storage_unknown: "Reading saved work…",
    storage_empty: "Nothing is saved now.",
    storage_saved: "Saved.",
    storage_restored: "Work from your last visit was restored.",
    storage_forgotten: "Everything was forgotten.",
    storage_failed: "This browser does not let the page save its work",
    storage_discarded: "Work saved in an earlier visit could not be used and was deleted; your new work is saved as usual",
    forget_everything: "Forget everything",
    share_heading: "Share this policy",
    share_button: "Share as a link…",
    share_warning: "The link contains the policy itself: its ARNs name your account IDs, roles, buckets and other resources. Anyone with the link can read them. No log is included.",
    share_placeholders: "Replace account IDs with placeholders (${AccountId}, ${AccountId2}, …)",
    share_create: "Create the link",
    share_link_label: "Link",
    copy_link: "Copy the link",
    share_error: share_error_en,
    shared_heading: "Shared policy",
    shared_intro: "This policy came from the link you opened. It was not computed from your logs; read it before you use it.",
    shared_invalid: "The link's policy cannot be read",
    close: "Close",
    folder_failed: "The folder could not be read; nothing from it was added",
};

pub static JA: Texts = Texts {
    app_title: "IAM ポリシーワークベンチ",
    tagline: "プリンシパルが実際に行った操作から、最小権限の IAM ポリシーを作ります。",
    language_label: "言語",
    inputs_heading: "1. AWS のアクティビティを読み込む",
    drop_here: "CloudTrail のログファイルをここにドロップ（.json、.json.gz、複数可）",
    choose_files: "ファイルを選択…",
    paste_label: "または JSON を貼り付け",
    paste_placeholder: "{\"Records\": [ … ]}",
    read_pasted: "貼り付けた JSON を読み込む",
    pasted_name: "貼り付けたテキスト",
    reading: "読み込み中…",
    finishing: "読み込み完了。分析をまとめています…",
    cancel: "キャンセル",
    cancelled: "読み込みをキャンセルしました。「未読み込み」のファイルは分析に含まれていません。",
    file_waiting: "待機中",
    file_items: |items, format| format!("{} 件（{format}）: ワークスペースで使います", format_count(items)),
    file_read: |events, duplicates| {
        if duplicates == 0 {
            format!("{} 件のイベント", format_count(events))
        } else {
            format!("{} 件のイベント（重複 {} 件を除去）", format_count(events), format_count(duplicates))
        }
    },
    file_unusable: "使用できません",
    file_not_read: "未読み込み",
    file_stopped_worker: "読み込めませんでした: このファイルの読み込み中にワーカーが停止したため、このファイルを除いて他のファイルを読み込み直しました",
    progress: |bytes, total, events| format!("{} / {} 読み込み済み、{} 件のイベント", human_bytes(bytes), human_bytes(total), format_count(events)),
    record_prefix: |record| format!("レコード {record}: "),
    more_problems: |count| format!("…ほか {} 件の問題", format_count(count)),
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
    operation_map_label: "操作とアクションの対応表",
    catalog_loading: "IAM データを読み込み中…",
    catalog_failed: "IAM データを読み込めませんでした",
    load_sample: "サンプルを読み込む（ハンズオン用）",
    sample_failed: "サンプルを読み込めませんでした",
    findings_heading: "認証情報の衛生",
    finding_text: finding_text_ja,
    evidence_heading: "根拠の範囲",
    warning_text: warning_text_ja,
    few_calls_more: |count| format!("…ほか {} 件のプリンシパルも呼び出しがわずかです（プリンシパル一覧をイベント数で並べ替えると確認できます）", format_count(count)),
    workspace: &workspace::WORKSPACE_JA,
    choose_folder: "フォルダーを選択…",
    file_reading: |bytes, total, events| format!("読み込み中: {} / {}、{} 件のイベント", human_bytes(bytes), human_bytes(total), format_count(events)),
    file_restored: |events, duplicates| {
        if duplicates == 0 {
            format!("前回の作業から復元: {} 件のイベント", format_count(events))
        } else {
            format!("前回の作業から復元: {} 件のイベント（重複 {} 件を除去）", format_count(events), format_count(duplicates))
        }
    },
    progress_files: |done, total| format!("{} / {} ファイル", format_count(done), format_count(total)),
    input_totals: |totals| {
        let mut text = format!(
            "{} ファイル、{}、{} 件のイベント、除去した重複 {} 件",
            format_count(totals.files),
            human_bytes(totals.bytes),
            format_count(totals.events),
            format_count(totals.duplicates)
        );
        if totals.with_problems > 0 {
            text.push_str(&format!("、問題のあるファイル {} 件", format_count(totals.with_problems)));
        }
        text
    },
    inputs_list_label: "入力",
    show_all: |count| format!("すべて表示（{} 件）", format_count(count)),
    show_fewer: "表示を減らす",
    show_more: |next, total| format!("さらに {} 件表示（全 {} 件）", format_count(next), format_count(total)),
    remove: "削除",
    remove_input: |name| format!("{name} を削除"),
    restored_note: "前回の作業から復元しました。復元したのは下の分析結果で、ファイルそのものではありません（ファイルは保存されません）。ファイルを追加すると、追加したファイルで新しく分析します。",
    restored_replaced: "前回の作業の分析結果を置き換えました。このタブで読み込まれていないファイルを含んでいたためです。含めるには、もう一度追加してください。",
    principals_count: "プリンシパル",
    imported_counts: |policies, unused, principals, services| {
        format!(
            "ほかに読み込んだもの: ポリシー {} 個、未使用アクセスの検出結果 {} 件、ユーザーとロール {} 個（認可の詳細）、サービス {} 個（Access Advisor）。プリンシパルを選ぶと、そのワークスペースで比較できます。",
            format_count(policies as u64),
            format_count(unused as u64),
            format_count(principals as u64),
            format_count(services as u64)
        )
    },
    charts_note: "グラフは権限が必要だった呼び出しを結果別に数えています（2 つのアクションが必要な呼び出しは 2 回と数えます）。権限が不要な呼び出しと対応付けられなかった呼び出しは下に一覧しています。",
    timeline_heading: "日ごとの呼び出し数（UTC）",
    timeline_label: |from, until, totals| {
        format!(
            "{from} から {until} までの日ごとの呼び出し数: 成功 {} 件、拒否 {} 件、その他のエラー {} 件",
            format_count(totals.success),
            format_count(totals.denied),
            format_count(totals.error)
        )
    },
    services_chart_heading: "サービスごとの呼び出し数",
    services_chart_label: |top| format!("サービスごとの呼び出し数（多い順）: {top}"),
    outcomes_text: |calls| format!("成功 {} 件、拒否 {} 件、その他のエラー {} 件", format_count(calls.success), format_count(calls.denied), format_count(calls.error)),
    outcome_success: "成功",
    outcome_denied: "拒否",
    outcome_error: "その他のエラー",
    calls_unit: "件",
    show_as_table: "表で表示",
    day: "日付",
    service: "サービス",
    other_services: "その他のサービス",
    not_a_permission_note: "これらの呼び出しには、プリンシパルの IAM 権限が必要ありません（AWS サービス自身の操作、サインイン、帰属できない呼び出し）。ポリシーには含まれません。",
    unmapped_note: "これらの呼び出しに対応する IAM アクションが分かっていないため、ポリシーには含まれません。手で確認してください（イベントソースとイベント名は CloudTrail の記録のままです）。",
    no_findings: "これらの入力には、認証情報の衛生に関する指摘はありません。",
    findings_intro: |count| format!("認証情報の使い方について {} 件の指摘があります。ポリシーは変わりませんが、確認をお勧めします。", format_count(count)),
    finding_kind: finding_kind_ja,
    finding_advice: finding_advice_ja,
    finding_detail: "観測された内容",
    finding_count: "回数",
    filter_principals: "ARN で絞り込む",
    principals_shown: |shown, total| format!("{} 件中 {} 件のプリンシパルを表示", format_count(total), format_count(shown)),
    principals_caption: "入力に現れたプリンシパル。列見出しで並べ替えられます。",
    column_name: column_name_ja,
    flag_identity_center: "Identity Center",
    flag_service_linked: "サービスリンク",
    flag_cross_account: "クロスアカウント",
    flag_federated: "フェデレーション",
    flag_path_unknown: "パス不明",
    flag_meaning: flag_meaning_ja,
    privacy_heading: "データの行き先",
    privacy_tab: "ファイルはこのブラウザのタブの中で読み込まれ、アップロードされることはありません。ページが取得するのは自身のファイル（アプリ、IAM データ、サンプル）だけです。",
    privacy_saved: "再読み込みしても作業が続けられるよう、このブラウザに分析結果（プリンシパル・アクション・リソース・日ごとの件数）、選択内容、ポリシーを保存します。ログファイルは保存しません。",
    privacy_share: "「共有」はポリシーだけをリンクに入れます。入れる場所はアドレスの # 以降で、ブラウザはこの部分をサーバーに送りません。",
    privacy_more: "データの行き先（詳しく）",
    privacy_page: "privacy.ja.html",
    storage_unknown: "保存された作業を確認中…",
    storage_empty: "現在、保存されているものはありません。",
    storage_saved: "保存しました。",
    storage_restored: "前回の作業を復元しました。",
    storage_forgotten: "すべて消去しました。",
    storage_failed: "このブラウザでは作業を保存できません",
    storage_discarded: "以前の訪問で保存された作業は使えなかったため削除しました。新しい作業はこれまでどおり保存されます",
    forget_everything: "すべて消去",
    share_heading: "このポリシーを共有",
    share_button: "リンクで共有…",
    share_warning: "リンクにはポリシーそのものが含まれます。ARN にはアカウント ID、ロール、バケットなどのリソース名が含まれ、リンクを知っている人は誰でも読めます。ログは含まれません。",
    share_placeholders: "アカウント ID をプレースホルダー（${AccountId}、${AccountId2}、…）に置き換える",
    share_create: "リンクを作成",
    share_link_label: "リンク",
    copy_link: "リンクをコピー",
    share_error: share_error_ja,
    shared_heading: "共有されたポリシー",
    shared_intro: "このポリシーは開いたリンクから来たものです。あなたのログから計算したものではありません。使う前に内容を確認してください。",
    shared_invalid: "リンクのポリシーを読み取れません",
    close: "閉じる",
    folder_failed: "フォルダーを読み込めませんでした。フォルダー内のファイルは追加していません",
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

fn finding_kind_en(kind: iam_engine::hygiene::FindingKind) -> &'static str {
    use iam_engine::hygiene::FindingKind;
    match kind {
        FindingKind::RootActivity => "Root user activity",
        FindingKind::LongTermAccessKey => "Long-term access keys",
        FindingKind::ConsoleSignInWithoutMfa => "Console sign-ins without MFA",
        FindingKind::SessionWithoutMfa => "Console sessions without MFA",
        FindingKind::KeyUsedFromSeveralIps => "Keys used from several addresses",
    }
}

fn finding_kind_ja(kind: iam_engine::hygiene::FindingKind) -> &'static str {
    use iam_engine::hygiene::FindingKind;
    match kind {
        FindingKind::RootActivity => "ルートユーザーの使用",
        FindingKind::LongTermAccessKey => "長期アクセスキー",
        FindingKind::ConsoleSignInWithoutMfa => "MFA なしのコンソールサインイン",
        FindingKind::SessionWithoutMfa => "MFA なしのコンソールセッション",
        FindingKind::KeyUsedFromSeveralIps => "複数のアドレスから使われたキー",
    }
}

fn finding_advice_en(kind: iam_engine::hygiene::FindingKind) -> &'static str {
    use iam_engine::hygiene::FindingKind;
    match kind {
        FindingKind::RootActivity => "Keep the root user sealed (MFA, no access keys) and do daily work with roles.",
        FindingKind::LongTermAccessKey => "Prefer roles with temporary credentials; rotate or remove keys that must stay.",
        FindingKind::ConsoleSignInWithoutMfa => "Require MFA for console sign-in.",
        FindingKind::SessionWithoutMfa => "Require MFA for these sessions, for example with an aws:MultiFactorAuthPresent condition.",
        FindingKind::KeyUsedFromSeveralIps => "A key used from many places may be shared or leaked: check where it is used, rotate it.",
    }
}

fn finding_advice_ja(kind: iam_engine::hygiene::FindingKind) -> &'static str {
    use iam_engine::hygiene::FindingKind;
    match kind {
        FindingKind::RootActivity => "ルートユーザーは封印し（MFA を設定し、アクセスキーは作らない）、日常の作業はロールで行いましょう。",
        FindingKind::LongTermAccessKey => "一時的な認証情報を使うロールを推奨します。残す必要のあるキーはローテーションするか削除しましょう。",
        FindingKind::ConsoleSignInWithoutMfa => "コンソールへのサインインに MFA を必須にしましょう。",
        FindingKind::SessionWithoutMfa => "これらのセッションに MFA を必須にしましょう（例: aws:MultiFactorAuthPresent 条件）。",
        FindingKind::KeyUsedFromSeveralIps => "多くの場所から使われるキーは共有または漏洩している可能性があります。使用元を確認し、ローテーションしましょう。",
    }
}

fn column_name_en(column: crate::overview::SortColumn) -> &'static str {
    use crate::overview::SortColumn;
    match column {
        SortColumn::Principal => "Principal",
        SortColumn::Kind => "Kind",
        SortColumn::Events => "Events",
        SortColumn::Services => "Services",
        SortColumn::Failed => "Failed",
        SortColumn::FirstSeen => "First seen (UTC)",
        SortColumn::LastSeen => "Last seen (UTC)",
    }
}

fn column_name_ja(column: crate::overview::SortColumn) -> &'static str {
    use crate::overview::SortColumn;
    match column {
        SortColumn::Principal => "プリンシパル",
        SortColumn::Kind => "種類",
        SortColumn::Events => "イベント",
        SortColumn::Services => "サービス",
        SortColumn::Failed => "失敗",
        SortColumn::FirstSeen => "初回（UTC）",
        SortColumn::LastSeen => "最終（UTC）",
    }
}

fn flag_meaning_en(flag: &str) -> &'static str {
    match flag {
        "identity-center" => {
            "A role created by IAM Identity Center: change its permission set in Identity Center, not the role (Identity Center would undo the change)."
        }
        "service-linked" => "A service-linked role: its policy belongs to the AWS service and cannot be edited.",
        "cross-account" => "Calls came from another account than the one that recorded them: the policy belongs in the caller's account.",
        "federated" => "Calls came through federation-token sessions of this user: the session policy also limits them.",
        "path-unknown" => "The role's path was not in the logs: check the ARN before you use it in a policy.",
        _ => "",
    }
}

fn flag_meaning_ja(flag: &str) -> &'static str {
    match flag {
        "identity-center" => "IAM Identity Center が作成したロールです。ロールではなく Identity Center の許可セットを変更してください（ロールへの変更は Identity Center に戻されます）。",
        "service-linked" => "サービスリンクロールです。ポリシーは AWS のサービスが管理しており、編集できません。",
        "cross-account" => "呼び出しは記録したアカウントとは別のアカウントから来ています。ポリシーは呼び出し元のアカウントに置きます。",
        "federated" => "このユーザーのフェデレーショントークンによるセッションからの呼び出しです。セッションポリシーも権限を制限します。",
        "path-unknown" => "ロールのパスがログにありませんでした。ポリシーで使う前に ARN を確認してください。",
        _ => "",
    }
}

fn share_error_en(error: crate::share::ShareError) -> &'static str {
    use crate::share::ShareError;
    match error {
        ShareError::TooLong => "the link is too long",
        ShareError::NotBase64 => "the link is damaged (it may have been cut or changed)",
        ShareError::NotCompressed => "the link is damaged (its data cannot be unpacked)",
        ShareError::TooLarge => "the policy in the link is too large",
        ShareError::NotJson => "the link does not hold a JSON policy",
        ShareError::NotAPolicy => "the link holds JSON, but not a policy document",
    }
}

fn share_error_ja(error: crate::share::ShareError) -> &'static str {
    use crate::share::ShareError;
    match error {
        ShareError::TooLong => "リンクが長すぎます",
        ShareError::NotBase64 => "リンクが壊れています（切れているか変更された可能性があります）",
        ShareError::NotCompressed => "リンクが壊れています（データを展開できません）",
        ShareError::TooLarge => "リンクのポリシーが大きすぎます",
        ShareError::NotJson => "リンクに JSON のポリシーが含まれていません",
        ShareError::NotAPolicy => "リンクの JSON はポリシードキュメントではありません",
    }
}

/// `1 duplicate`, `2 duplicates`.
fn events_en(count: u64) -> String {
    format!("{} {}", format_count(count), if count == 1 { "event" } else { "events" })
}

fn duplicates_en(count: u64) -> String {
    format!("{} {}", format_count(count), if count == 1 { "duplicate" } else { "duplicates" })
}

/// `1,234,567`: thousands separated by commas (as both English and Japanese write them).
pub fn format_count(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (position, digit) in digits.chars().enumerate() {
        if position > 0 && (digits.len() - position).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// `2026-11-02 09:00:30 UTC`: the same in both languages (ISO dates read naturally in Japanese
/// too), always UTC as CloudTrail records it.
pub fn format_time(time: iam_engine::Timestamp) -> String {
    if time == iam_engine::Timestamp::UNKNOWN {
        return "—".to_owned();
    }
    let text = time.to_rfc3339();
    format!("{} {} UTC", &text[..10], &text[11..19])
}

/// `2026-11-02`: the UTC day of a time.
pub fn format_day(time: iam_engine::Timestamp) -> String {
    if time == iam_engine::Timestamp::UNKNOWN {
        return "—".to_owned();
    }
    time.to_rfc3339().chars().take(10).collect()
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
    fn counts_and_times_read_naturally() {
        assert_eq!(format_count(0), "0");
        assert_eq!(format_count(999), "999");
        assert_eq!(format_count(1000), "1,000");
        assert_eq!(format_count(1234567), "1,234,567");
        assert_eq!(format_time(iam_engine::Timestamp(1_793_610_030)), "2026-11-02 09:00:30 UTC");
    }

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(human_bytes(12), "12 B");
        assert_eq!(human_bytes(1536), "1.5 KB");
        assert_eq!(human_bytes(300 * 1024 * 1024), "300 MB");
    }
}
