//! The principal workspace's part of the model. Per principal: the choices that make its policy
//! (`PolicyEdit`: generalisation, conditions, time window, include/exclude, Sids, description,
//! hand edits of the JSON) with a bounded undo history, and the existing policy it is compared
//! with. For the page: the tools' choices (export format, query builder, resource kit).
//!
//! Everything here is plain serde data so the persistence layer can store it as it is; the
//! policy, lint, simulation and diff are derived from it (`crate::workspace_view`), never stored.

use iam_engine::diff::EntryKind;
use iam_engine::export::{Attachment, TerraformStyle};
use iam_engine::policy_text;
use iam_engine::synth::ResourceChoice;
use iam_engine::Day;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Undo steps kept per principal.
pub const HISTORY_LIMIT: usize = 100;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct WorkspaceState {
    /// By principal ARN: switching principals keeps each one's work.
    pub principals: BTreeMap<String, PrincipalWorkspace>,
    pub tools: ToolChoices,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PrincipalWorkspace {
    pub edit: PolicyEdit,
    pub history: History,
    /// The policy to compare with (pasted, or Access Analyzer's), as text.
    pub existing_policy: String,
    /// The last change regenerated the policy over hand edits (the page says Undo brings them
    /// back).
    pub replaced_hand_edits: bool,
}

/// Everything that decides the principal's policy: what `iamwb generate` options express, and
/// what only the page can do (exclusions, Sid names, hand edits).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PolicyEdit {
    pub resources: ResourceChoice,
    pub conditions: ConditionChoices,
    /// First and last day of activity used (inclusive).
    pub since: Option<Day>,
    pub until: Option<Day>,
    pub include_denied: bool,
    pub allow_cross_account: bool,
    /// Actions left out of the generated policy.
    pub excluded_actions: BTreeSet<String>,
    /// (action, resource ARN) pairs left out.
    pub excluded_resources: BTreeSet<(String, String)>,
    /// New Sids for generated statements, by the generated Sid.
    pub sids: BTreeMap<String, String>,
    /// Why the policy exists (the managed policy's description).
    pub description: String,
    /// The managed policy's name; empty for the default `iamwb-<principal name>`.
    pub policy_name: String,
    /// The JSON as edited by hand; `None` while the policy is the generated one.
    pub hand_text: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ConditionChoices {
    pub region: bool,
    pub source_ip: bool,
    pub mfa: bool,
    /// `aws:CurrentTime` between the first second of `valid_from` and the last of `valid_until`.
    pub time: bool,
    pub valid_from: Option<Day>,
    pub valid_until: Option<Day>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ConditionKind {
    Region,
    SourceIp,
    Mfa,
}

/// Which text field a run of typing is in: a run is one undo step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TypingIn {
    Json,
    Description,
    PolicyName,
    Sid(usize),
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct History {
    /// Earlier states, oldest first; at most `HISTORY_LIMIT`.
    pub past: Vec<PolicyEdit>,
    /// States undone, the next redo last.
    pub future: Vec<PolicyEdit>,
    /// Set while the user types in one field, so the run is one step.
    pub typing: Option<TypingIn>,
}

/// What the export shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ExportKind {
    /// What `iamwb generate` prints: the whole policy when it fits one managed policy, the split
    /// documents otherwise.
    #[default]
    Json,
    /// The documents within the size limit (`--split`).
    JsonSplit,
    Cli,
    Cloudformation,
    Terraform,
}

impl ExportKind {
    pub const ALL: [ExportKind; 5] = [ExportKind::Json, ExportKind::JsonSplit, ExportKind::Cli, ExportKind::Cloudformation, ExportKind::Terraform];

    pub fn as_str(self) -> &'static str {
        match self {
            ExportKind::Json => "json",
            ExportKind::JsonSplit => "json-split",
            ExportKind::Cli => "cli",
            ExportKind::Cloudformation => "cloudformation",
            ExportKind::Terraform => "terraform",
        }
    }

    pub fn parse(text: &str) -> Option<ExportKind> {
        ExportKind::ALL.into_iter().find(|kind| kind.as_str() == text)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum QueryEngineChoice {
    #[default]
    Athena,
    LogsInsights,
    Lake,
}

impl QueryEngineChoice {
    /// The engine's own value (the one home of what each engine is).
    pub fn engine(self) -> iam_engine::query::QueryEngine {
        match self {
            QueryEngineChoice::Athena => iam_engine::query::QueryEngine::Athena,
            QueryEngineChoice::LogsInsights => iam_engine::query::QueryEngine::LogsInsights,
            QueryEngineChoice::Lake => iam_engine::query::QueryEngine::Lake,
        }
    }

    /// From the `<select>`'s value (the CLI's `--engine` spelling).
    pub fn from_value(value: &str) -> QueryEngineChoice {
        match iam_engine::query::QueryEngine::parse(value) {
            Some(iam_engine::query::QueryEngine::Lake) => QueryEngineChoice::Lake,
            Some(iam_engine::query::QueryEngine::LogsInsights) => QueryEngineChoice::LogsInsights,
            _ => QueryEngineChoice::Athena,
        }
    }

    /// The `--engine` value and the `<select>`'s.
    pub fn value(self) -> &'static str {
        match self {
            QueryEngineChoice::Athena => "athena",
            QueryEngineChoice::LogsInsights => "logs-insights",
            QueryEngineChoice::Lake => "lake",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ToolChoices {
    pub export: ExportKind,
    pub attachment: Attachment,
    pub terraform_style: TerraformStyle,
    /// The query builder's principal; empty for the chosen one.
    pub query_principal: String,
    pub query_since: Option<Day>,
    pub query_until: Option<Day>,
    pub query_engine: QueryEngineChoice,
    /// Empty for the engine's default table.
    pub query_table: String,
    pub kit_arn: String,
    pub kit_permissions_management: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum WorkspaceAction {
    // Changes of the generated policy: they regenerate it (over hand edits, which Undo restores).
    SetResources(ResourceChoice),
    SetCondition(ConditionKind, bool),
    /// The `aws:CurrentTime` condition on (with its window) or off.
    SetTimeCondition {
        enabled: bool,
        valid_from: Option<Day>,
        valid_until: Option<Day>,
    },
    SetWindow {
        since: Option<Day>,
        until: Option<Day>,
    },
    SetIncludeDenied(bool),
    SetAllowCrossAccount(bool),
    SetActionIncluded {
        action: String,
        included: bool,
    },
    SetResourceIncluded {
        action: String,
        resource: String,
        included: bool,
    },
    // Edits that keep hand edits.
    /// A new Sid for statement `index` (counting across documents), whose generated Sid is
    /// `generated_sid`.
    RenameStatement {
        index: usize,
        generated_sid: Option<String>,
        sid: String,
    },
    SetDescription(String),
    SetPolicyName(String),
    /// The JSON edited by hand.
    EditText(String),
    /// Back to the generated policy (the hand edits go to the undo history).
    Regenerate,
    Undo,
    Redo,
    // The comparison.
    SetExistingPolicy(String),
    /// Removes an unused entry from the existing policy.
    RemoveExistingEntry {
        document: usize,
        statement: usize,
        kind: EntryKind,
        entry: String,
    },
    /// Puts the existing policy into the editor, to refine it by hand.
    UseExistingPolicy,
    /// Removes an action (or a whole service, `s3:*`) that IAM Access Analyzer found unused: from
    /// the hand-edited policy (or, while the policy is the generated one, by excluding
    /// `generated_actions`, the observed actions it names) and from the existing policy.
    RemoveUnusedAccess {
        action: String,
        generated_actions: Vec<String>,
    },
    // The tools (not per principal, not undoable).
    SetExport(ExportKind),
    SetAttachment(Attachment),
    SetTerraformStyle(TerraformStyle),
    SetQuery {
        principal: String,
        since: Option<Day>,
        until: Option<Day>,
        engine: QueryEngineChoice,
        table: String,
    },
    SetKit {
        arn: String,
        permissions_management: bool,
    },
}

impl WorkspaceState {
    pub fn principal(&self, arn: &str) -> Option<&PrincipalWorkspace> {
        self.principals.get(arn)
    }
}

impl PrincipalWorkspace {
    pub fn can_undo(&self) -> bool {
        !self.history.past.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.history.future.is_empty()
    }

    /// Records the current edit as an undo step (unless it continues a run of typing in the same
    /// field) and clears the redo list.
    fn checkpoint(&mut self, typing: Option<TypingIn>) {
        let continues = typing.is_some() && typing == self.history.typing;
        if !continues {
            self.history.past.push(self.edit.clone());
            if self.history.past.len() > HISTORY_LIMIT {
                let excess = self.history.past.len() - HISTORY_LIMIT;
                self.history.past.drain(..excess);
            }
        }
        self.history.future.clear();
        self.history.typing = typing;
    }

    /// A change of what the policy is generated from: hand edits are replaced.
    fn regenerate_with(&mut self, change: impl FnOnce(&mut PolicyEdit)) {
        let mut changed = self.edit.clone();
        change(&mut changed);
        changed.hand_text = None;
        if changed == self.edit {
            return;
        }
        self.checkpoint(None);
        self.replaced_hand_edits = self.edit.hand_text.is_some();
        self.edit = changed;
    }

    /// A change that keeps the hand edits.
    fn edit_with(&mut self, typing: Option<TypingIn>, change: impl FnOnce(&mut PolicyEdit)) {
        let mut changed = self.edit.clone();
        change(&mut changed);
        if changed == self.edit {
            return;
        }
        self.checkpoint(typing);
        self.replaced_hand_edits = false;
        self.edit = changed;
    }
}

/// Applies a workspace action to the chosen principal's workspace (or to the tools). Actions on
/// a principal do nothing while none is chosen.
pub fn apply(state: &mut WorkspaceState, selected_principal: Option<&str>, action: WorkspaceAction) {
    let tools = &mut state.tools;
    match action {
        WorkspaceAction::SetExport(kind) => return tools.export = kind,
        WorkspaceAction::SetAttachment(attachment) => return tools.attachment = attachment,
        WorkspaceAction::SetTerraformStyle(style) => return tools.terraform_style = style,
        WorkspaceAction::SetQuery { principal, since, until, engine, table } => {
            tools.query_principal = principal;
            tools.query_since = since;
            tools.query_until = until;
            tools.query_engine = engine;
            tools.query_table = table;
            return;
        }
        WorkspaceAction::SetKit { arn, permissions_management } => {
            tools.kit_arn = arn;
            tools.kit_permissions_management = permissions_management;
            return;
        }
        _ => {}
    }
    let Some(arn) = selected_principal else {
        return;
    };
    let workspace = state.principals.entry(arn.to_owned()).or_default();
    match action {
        WorkspaceAction::SetResources(choice) => workspace.regenerate_with(|edit| edit.resources = choice),
        WorkspaceAction::SetCondition(kind, enabled) => workspace.regenerate_with(|edit| match kind {
            ConditionKind::Region => edit.conditions.region = enabled,
            ConditionKind::SourceIp => edit.conditions.source_ip = enabled,
            ConditionKind::Mfa => edit.conditions.mfa = enabled,
        }),
        WorkspaceAction::SetTimeCondition { enabled, valid_from, valid_until } => workspace.regenerate_with(|edit| {
            edit.conditions.time = enabled;
            edit.conditions.valid_from = valid_from;
            edit.conditions.valid_until = valid_until;
        }),
        WorkspaceAction::SetWindow { since, until } => workspace.regenerate_with(|edit| {
            edit.since = since;
            edit.until = until;
        }),
        WorkspaceAction::SetIncludeDenied(enabled) => workspace.regenerate_with(|edit| edit.include_denied = enabled),
        WorkspaceAction::SetAllowCrossAccount(enabled) => workspace.regenerate_with(|edit| edit.allow_cross_account = enabled),
        WorkspaceAction::SetActionIncluded { action, included } => workspace.regenerate_with(|edit| {
            if included {
                edit.excluded_actions.remove(&action);
            } else {
                edit.excluded_actions.insert(action);
            }
        }),
        WorkspaceAction::SetResourceIncluded { action, resource, included } => workspace.regenerate_with(|edit| {
            if included {
                edit.excluded_resources.remove(&(action, resource));
            } else {
                edit.excluded_resources.insert((action, resource));
            }
        }),
        WorkspaceAction::RenameStatement { index, generated_sid, sid } => {
            let sid: String = sid.chars().filter(char::is_ascii_alphanumeric).collect();
            workspace.edit_with(Some(TypingIn::Sid(index)), |edit| match &edit.hand_text {
                Some(text) => {
                    if let Some(renamed) = policy_text::rename_statement(text, index, &sid) {
                        edit.hand_text = Some(renamed);
                    }
                }
                None => {
                    let key = generated_sid.unwrap_or_else(|| format!("#{index}"));
                    if sid.is_empty() || sid == key {
                        edit.sids.remove(&key);
                    } else {
                        edit.sids.insert(key, sid);
                    }
                }
            });
        }
        WorkspaceAction::SetDescription(text) => workspace.edit_with(Some(TypingIn::Description), |edit| edit.description = text),
        WorkspaceAction::SetPolicyName(text) => workspace.edit_with(Some(TypingIn::PolicyName), |edit| edit.policy_name = text),
        WorkspaceAction::EditText(text) => workspace.edit_with(Some(TypingIn::Json), |edit| edit.hand_text = Some(text)),
        WorkspaceAction::Regenerate => workspace.edit_with(None, |edit| edit.hand_text = None),
        WorkspaceAction::Undo => {
            if let Some(previous) = workspace.history.past.pop() {
                let current = std::mem::replace(&mut workspace.edit, previous);
                workspace.history.future.push(current);
                workspace.history.typing = None;
                workspace.replaced_hand_edits = false;
            }
        }
        WorkspaceAction::Redo => {
            if let Some(next) = workspace.history.future.pop() {
                let current = std::mem::replace(&mut workspace.edit, next);
                workspace.history.past.push(current);
                workspace.history.typing = None;
                workspace.replaced_hand_edits = false;
            }
        }
        WorkspaceAction::SetExistingPolicy(text) => workspace.existing_policy = text,
        WorkspaceAction::RemoveExistingEntry { document, statement, kind, entry } => {
            if let Some(trimmed) = policy_text::remove_entry(&workspace.existing_policy, document, statement, kind, &entry) {
                workspace.existing_policy = trimmed;
            }
        }
        WorkspaceAction::UseExistingPolicy => {
            if let Ok(documents) = policy_text::documents_in(&workspace.existing_policy) {
                let text = policy_text::documents_text(&documents);
                workspace.edit_with(None, |edit| edit.hand_text = Some(text));
            }
        }
        WorkspaceAction::RemoveUnusedAccess { action, generated_actions } => {
            if let Some(trimmed) = policy_text::remove_action(&workspace.existing_policy, &action) {
                workspace.existing_policy = trimmed;
            }
            match workspace.edit.hand_text.as_deref().map(|text| policy_text::remove_action(text, &action)) {
                Some(Some(trimmed)) => workspace.edit_with(None, |edit| edit.hand_text = Some(trimmed)),
                Some(None) => {}
                None if generated_actions.is_empty() => {}
                None => workspace.regenerate_with(|edit| edit.excluded_actions.extend(generated_actions)),
            }
        }
        WorkspaceAction::SetExport(_)
        | WorkspaceAction::SetAttachment(_)
        | WorkspaceAction::SetTerraformStyle(_)
        | WorkspaceAction::SetQuery { .. }
        | WorkspaceAction::SetKit { .. } => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARN: &str = "arn:aws:iam::111122223333:role/app";

    fn run(actions: Vec<WorkspaceAction>) -> WorkspaceState {
        let mut state = WorkspaceState::default();
        for action in actions {
            apply(&mut state, Some(ARN), action);
        }
        state
    }

    fn workspace(state: &WorkspaceState) -> &PrincipalWorkspace {
        state.principal(ARN).expect("the principal has a workspace")
    }

    /// An action and a check that it took effect.
    type Case = (WorkspaceAction, fn(&PolicyEdit) -> bool);

    #[test]
    fn every_regenerating_control_changes_the_edit_and_is_undoable() {
        let day = Some(Day(20_400));
        let cases: Vec<Case> = vec![
            (WorkspaceAction::SetResources(ResourceChoice::Prefix), |edit| edit.resources == ResourceChoice::Prefix),
            (WorkspaceAction::SetCondition(ConditionKind::Region, true), |edit| edit.conditions.region),
            (WorkspaceAction::SetCondition(ConditionKind::SourceIp, true), |edit| edit.conditions.source_ip),
            (WorkspaceAction::SetCondition(ConditionKind::Mfa, true), |edit| edit.conditions.mfa),
            (WorkspaceAction::SetTimeCondition { enabled: true, valid_from: day, valid_until: Some(Day(20_490)) }, |edit| {
                edit.conditions.time && edit.conditions.valid_until == Some(Day(20_490))
            }),
            (WorkspaceAction::SetWindow { since: day, until: None }, |edit| edit.since == Some(Day(20_400))),
            (WorkspaceAction::SetIncludeDenied(true), |edit| edit.include_denied),
            (WorkspaceAction::SetAllowCrossAccount(true), |edit| edit.allow_cross_account),
            (WorkspaceAction::SetActionIncluded { action: "s3:PutObject".to_owned(), included: false }, |edit| edit.excluded_actions.contains("s3:PutObject")),
            (WorkspaceAction::SetResourceIncluded { action: "s3:GetObject".to_owned(), resource: "arn:aws:s3:::b/k".to_owned(), included: false }, |edit| {
                edit.excluded_resources.contains(&("s3:GetObject".to_owned(), "arn:aws:s3:::b/k".to_owned()))
            }),
        ];
        for (action, changed) in cases {
            let label = format!("{action:?}");
            let mut state = run(vec![WorkspaceAction::EditText("{}".to_owned()), action]);
            let after = workspace(&state);
            assert!(changed(&after.edit), "{label}");
            assert_eq!(after.edit.hand_text, None, "{label}: regenerated over the hand edits");
            assert!(after.replaced_hand_edits, "{label}: the page says so");
            apply(&mut state, Some(ARN), WorkspaceAction::Undo);
            let undone = workspace(&state);
            assert_eq!(undone.edit.hand_text.as_deref(), Some("{}"), "{label}: undo brings the hand edits back");
            assert!(!changed(&undone.edit), "{label}");
            apply(&mut state, Some(ARN), WorkspaceAction::Redo);
            assert!(changed(&workspace(&state).edit), "{label}: redo");
        }
    }

    #[test]
    fn toggles_include_again() {
        let state = run(vec![
            WorkspaceAction::SetActionIncluded { action: "s3:PutObject".to_owned(), included: false },
            WorkspaceAction::SetActionIncluded { action: "s3:PutObject".to_owned(), included: true },
            WorkspaceAction::SetResourceIncluded { action: "s3:GetObject".to_owned(), resource: "r".to_owned(), included: false },
            WorkspaceAction::SetResourceIncluded { action: "s3:GetObject".to_owned(), resource: "r".to_owned(), included: true },
        ]);
        let edit = &workspace(&state).edit;
        assert!(edit.excluded_actions.is_empty() && edit.excluded_resources.is_empty());
        assert_eq!(workspace(&state).history.past.len(), 4);
    }

    #[test]
    fn a_run_of_typing_is_one_undo_step() {
        let mut state = run(vec![
            WorkspaceAction::EditText("{".to_owned()),
            WorkspaceAction::EditText("{}".to_owned()),
            WorkspaceAction::SetDescription("W".to_owned()),
            WorkspaceAction::SetDescription("Why".to_owned()),
            WorkspaceAction::EditText("{ }".to_owned()),
        ]);
        assert_eq!(workspace(&state).history.past.len(), 3);
        apply(&mut state, Some(ARN), WorkspaceAction::Undo);
        assert_eq!(workspace(&state).edit.hand_text.as_deref(), Some("{}"));
        apply(&mut state, Some(ARN), WorkspaceAction::Undo);
        assert_eq!(workspace(&state).edit.description, "");
        apply(&mut state, Some(ARN), WorkspaceAction::Undo);
        assert_eq!(workspace(&state).edit, PolicyEdit::default());
        // Nothing more to undo: a no-op.
        apply(&mut state, Some(ARN), WorkspaceAction::Undo);
        assert_eq!(workspace(&state).history.future.len(), 3);
        // A new edit after undoing drops the redo list.
        apply(&mut state, Some(ARN), WorkspaceAction::SetPolicyName("app-read".to_owned()));
        assert!(!workspace(&state).can_redo());
    }

    #[test]
    fn the_history_is_bounded() {
        let actions = (0..HISTORY_LIMIT + 20).map(|index| WorkspaceAction::SetIncludeDenied(index % 2 == 0)).collect();
        let state = run(actions);
        assert_eq!(workspace(&state).history.past.len(), HISTORY_LIMIT);
    }

    #[test]
    fn renaming_keeps_a_sid_per_generated_statement_or_edits_the_hand_text() {
        let state = run(vec![
            WorkspaceAction::RenameStatement { index: 0, generated_sid: Some("S3ReadBucket".to_owned()), sid: "Read artifacts!".to_owned() },
            WorkspaceAction::RenameStatement { index: 1, generated_sid: None, sid: "Second".to_owned() },
        ]);
        let sids = &workspace(&state).edit.sids;
        assert_eq!(sids.get("S3ReadBucket").map(String::as_str), Some("Readartifacts"), "only letters and digits");
        assert_eq!(sids.get("#1").map(String::as_str), Some("Second"));
        let text = r#"{"Version":"2012-10-17","Statement":[{"Sid":"Old","Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#;
        let state = run(vec![
            WorkspaceAction::EditText(text.to_owned()),
            WorkspaceAction::RenameStatement { index: 0, generated_sid: Some("Old".to_owned()), sid: "New".to_owned() },
        ]);
        let edited = workspace(&state).edit.hand_text.clone().unwrap();
        assert!(edited.contains("\"Sid\": \"New\""), "{edited}");
        assert!(workspace(&state).edit.sids.is_empty());
    }

    #[test]
    fn unused_access_is_removed_from_the_policy_and_the_existing_policy() {
        let existing = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:DeleteObject"],"Resource":"*"}]}"#;
        let remove = || WorkspaceAction::RemoveUnusedAccess { action: "s3:DeleteObject".to_owned(), generated_actions: vec!["s3:DeleteObject".to_owned()] };
        // The generated policy: the observed action is excluded (undoable).
        let mut state = run(vec![WorkspaceAction::SetExistingPolicy(existing.to_owned()), remove()]);
        assert!(!workspace(&state).existing_policy.contains("DeleteObject"));
        assert!(workspace(&state).edit.excluded_actions.contains("s3:DeleteObject"));
        apply(&mut state, Some(ARN), WorkspaceAction::Undo);
        assert!(workspace(&state).edit.excluded_actions.is_empty());
        // A hand-edited policy: the entry goes from its text.
        let state = run(vec![
            WorkspaceAction::SetExistingPolicy(existing.to_owned()),
            WorkspaceAction::UseExistingPolicy,
            WorkspaceAction::RemoveUnusedAccess { action: "s3:*".to_owned(), generated_actions: Vec::new() },
        ]);
        let hand_text = workspace(&state).edit.hand_text.clone().unwrap();
        assert!(!hand_text.contains("s3:"), "a whole unused service goes: {hand_text}");
        assert!(!workspace(&state).existing_policy.contains("s3:"));
    }

    #[test]
    fn the_existing_policy_is_trimmed_and_can_become_the_policy() {
        let existing = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:DeleteBucket"],"Resource":"*"}]}"#;
        let mut state = run(vec![
            WorkspaceAction::SetExistingPolicy(existing.to_owned()),
            WorkspaceAction::RemoveExistingEntry { document: 0, statement: 0, kind: EntryKind::Action, entry: "s3:DeleteBucket".to_owned() },
        ]);
        assert!(!workspace(&state).existing_policy.contains("DeleteBucket"));
        apply(&mut state, Some(ARN), WorkspaceAction::UseExistingPolicy);
        let hand_text = workspace(&state).edit.hand_text.clone().unwrap();
        assert!(hand_text.contains("s3:GetObject") && !hand_text.contains("DeleteBucket"));
        apply(&mut state, Some(ARN), WorkspaceAction::Regenerate);
        assert_eq!(workspace(&state).edit.hand_text, None);
        apply(&mut state, Some(ARN), WorkspaceAction::Undo);
        assert_eq!(workspace(&state).edit.hand_text, Some(hand_text));
    }

    #[test]
    fn tools_change_without_a_principal_and_principal_edits_need_one() {
        let mut state = WorkspaceState::default();
        apply(&mut state, None, WorkspaceAction::SetExport(ExportKind::Terraform));
        apply(&mut state, None, WorkspaceAction::SetKit { arn: "arn:aws:s3:::b".to_owned(), permissions_management: true });
        apply(&mut state, None, WorkspaceAction::SetResources(ResourceChoice::Exact));
        assert_eq!(state.tools.export, ExportKind::Terraform);
        assert_eq!(state.tools.kit_arn, "arn:aws:s3:::b");
        assert!(state.principals.is_empty());
    }

    #[test]
    fn the_state_round_trips_through_json() {
        let state = run(vec![
            WorkspaceAction::SetResources(ResourceChoice::Type),
            WorkspaceAction::SetResourceIncluded { action: "s3:GetObject".to_owned(), resource: "arn:aws:s3:::b/k".to_owned(), included: false },
            WorkspaceAction::EditText("{}".to_owned()),
            WorkspaceAction::SetExport(ExportKind::Cloudformation),
        ]);
        let text = serde_json::to_string(&state).unwrap();
        let back: WorkspaceState = serde_json::from_str(&text).unwrap();
        assert_eq!(back, state);
        let empty: WorkspaceState = serde_json::from_str("{}").unwrap();
        assert_eq!(empty, WorkspaceState::default());
    }
}
