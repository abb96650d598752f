//! Comparing an existing policy with what the principal did: what it grants that nobody used
//! (remove it, or narrow a wildcard to the actions that were used), and what was used that it
//! does not grant (the calls it would deny), with counts and last seen.
//!
//! The existing policy may come from Access Analyzer (with `${BucketName}`-style placeholders,
//! compared as wildcards), from `get-account-authorization-details`, or pasted. "Used" means an
//! observed successful call inside the window that the statement would allow; a statement whose
//! conditions cannot be evaluated from the activity counts as possibly used, never as unused.

use crate::activity::{ObservedCall, Outcome, PrincipalActivity};
use crate::catalog::Catalog;
use crate::pattern::{action_matches, has_wildcard, resource_matches};
use crate::policy::{Effect, Policy};
use crate::simulate::{call_context, simulate, statement_applies_to, Coverage, Decision, EvaluationOptions, Request, SimulationOptions, StatementRef};
use crate::timestamp::Timestamp;
use crate::window::DayWindow;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffOptions {
    pub window: DayWindow,
    /// Compare `${...}` placeholders as wildcards (Access Analyzer templates). On by default.
    pub placeholders_as_wildcards: bool,
}

impl Default for DiffOptions {
    fn default() -> Self {
        DiffOptions { window: DayWindow::all(), placeholders_as_wildcards: true }
    }
}

/// What a granted entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntryKind {
    Action,
    Resource,
}

/// An Action or Resource entry of an Allow statement that the activity did not (fully) use.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct UnusedGrant {
    pub statement: StatementRef,
    /// JSON pointer of the entry in its (canonical) policy document.
    pub pointer: String,
    pub kind: EntryKind,
    /// The entry as written.
    pub entry: String,
    /// `remove` (nothing used it) or `narrow` (a wildcard of which only `used` was used).
    pub recommendation: String,
    /// For a wildcard action: the observed actions it allowed.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub used: Vec<String>,
    /// For a wildcard action: how many catalog actions it grants that were not used.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub unused_actions: Option<usize>,
}

/// Observed calls the policy would not allow, per action and resource.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct MissingGrant {
    pub action: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub resource: Option<String>,
    pub decision: Decision,
    pub calls: u64,
    pub first_seen: Timestamp,
    pub last_seen: Timestamp,
    /// Why the decision could not be made, for `not-evaluable`.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub reasons: Vec<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PolicyDiff {
    /// Granted but unused: remove or narrow.
    pub unused: Vec<UnusedGrant>,
    /// Used but not granted (denied), and used but not provably granted (not evaluable).
    pub missing: Vec<MissingGrant>,
    pub coverage: Coverage,
    /// How far the policies reach over the observed calls they allow
    /// (`generalise::breadth_of_policies`, from the same simulation as `coverage`).
    #[serde(default)]
    pub breadth: crate::generalise::Breadth,
}

/// Compares policies (the documents attached to one principal) with the principal's activity.
pub fn diff(policies: &[Policy], activity: &PrincipalActivity, catalog: &Catalog, options: &DiffOptions) -> PolicyDiff {
    let evaluation = EvaluationOptions { placeholders_as_wildcards: options.placeholders_as_wildcards };
    let successful: Vec<&ObservedCall> = options.window.calls(activity).filter(|call| call.outcome == Outcome::Success).collect();
    // Which observed actions each action entry and resource entry allowed.
    let mut used_actions: BTreeMap<(usize, usize, usize), BTreeSet<String>> = BTreeMap::new();
    let mut used_resources: BTreeSet<(usize, usize, usize)> = BTreeSet::new();
    for call in &successful {
        let context = call_context(activity, call, None);
        let request = Request { action: &call.action, resource: call.resource.as_deref(), context: &context };
        for (policy_index, policy) in policies.iter().enumerate() {
            for (statement_index, statement) in policy.statements.iter().enumerate() {
                if statement.effect != Effect::Allow || statement_applies_to(statement, &request, &evaluation) == Some(false) {
                    continue;
                }
                for (entry_index, entry) in statement.action.iter().flat_map(|list| list.iter()).enumerate() {
                    if action_matches(entry, &call.action) {
                        used_actions.entry((policy_index, statement_index, entry_index)).or_default().insert(call.action.clone());
                    }
                }
                for (entry_index, entry) in statement.resource.iter().flat_map(|list| list.iter()).enumerate() {
                    let entry = if options.placeholders_as_wildcards { crate::pattern::placeholders_as_wildcards(entry) } else { entry.to_owned() };
                    let matched = match call.resource.as_deref() {
                        Some(resource) => resource_matches(&entry, resource),
                        None => entry.chars().all(|c| c == '*'),
                    };
                    if matched {
                        used_resources.insert((policy_index, statement_index, entry_index));
                    }
                }
            }
        }
    }
    let mut unused = Vec::new();
    for (policy_index, policy) in policies.iter().enumerate() {
        // The canonical document always writes Statement as a list.
        let statement_base = |index: usize| format!("/Statement/{index}");
        for (statement_index, statement) in policy.statements.iter().enumerate() {
            if statement.effect != Effect::Allow {
                continue;
            }
            let reference = StatementRef { policy: policy_index, index: statement_index, sid: statement.sid.clone() };
            if let Some(actions) = &statement.action {
                for (entry_index, entry) in actions.iter().enumerate() {
                    let pointer = list_pointer(&statement_base(statement_index), "Action", actions.len(), entry_index);
                    let used: Vec<String> =
                        used_actions.get(&(policy_index, statement_index, entry_index)).map(|set| set.iter().cloned().collect()).unwrap_or_default();
                    if used.is_empty() {
                        unused.push(UnusedGrant {
                            statement: reference.clone(),
                            pointer,
                            kind: EntryKind::Action,
                            entry: entry.to_owned(),
                            recommendation: "remove".to_owned(),
                            used,
                            unused_actions: has_wildcard(entry).then(|| catalog.actions_matching(entry).len()),
                        });
                    } else if has_wildcard(entry) {
                        let granted = catalog.actions_matching(entry).len();
                        let n_unused = granted.saturating_sub(used.len());
                        if n_unused > 0 {
                            unused.push(UnusedGrant {
                                statement: reference.clone(),
                                pointer,
                                kind: EntryKind::Action,
                                entry: entry.to_owned(),
                                recommendation: "narrow".to_owned(),
                                used,
                                unused_actions: Some(n_unused),
                            });
                        }
                    }
                }
            }
            if let Some(resources) = &statement.resource {
                for (entry_index, entry) in resources.iter().enumerate() {
                    if !used_resources.contains(&(policy_index, statement_index, entry_index)) {
                        unused.push(UnusedGrant {
                            statement: reference.clone(),
                            pointer: list_pointer(&statement_base(statement_index), "Resource", resources.len(), entry_index),
                            kind: EntryKind::Resource,
                            entry: entry.to_owned(),
                            recommendation: "remove".to_owned(),
                            used: Vec::new(),
                            unused_actions: None,
                        });
                    }
                }
            }
        }
    }
    let simulation = simulate(policies, activity, &SimulationOptions { window: options.window, evaluation, at_time: None });
    let mut missing: BTreeMap<(String, Option<String>, Decision), MissingGrant> = BTreeMap::new();
    for call in simulation.calls.iter().filter(|call| call.outcome == Outcome::Success && call.evaluation.decision != Decision::Allowed) {
        let key = (call.action.clone(), call.resource.clone(), call.evaluation.decision);
        let entry = missing.entry(key).or_insert_with(|| MissingGrant {
            action: call.action.clone(),
            resource: call.resource.clone(),
            decision: call.evaluation.decision,
            calls: 0,
            first_seen: call.first_seen,
            last_seen: call.last_seen,
            reasons: Vec::new(),
        });
        entry.calls += call.count;
        entry.first_seen = entry.first_seen.min(call.first_seen);
        entry.last_seen = entry.last_seen.max(call.last_seen);
        for reason in &call.evaluation.not_evaluable {
            if !entry.reasons.contains(reason) {
                entry.reasons.push(reason.clone());
            }
        }
    }
    let breadth = crate::generalise::breadth_of_policies(policies, &simulation, catalog);
    PolicyDiff { unused, missing: missing.into_values().collect(), coverage: simulation.coverage, breadth }
}

/// `/Statement/0/Action` for a single string, `/Statement/0/Action/2` in a list.
fn list_pointer(statement: &str, field: &str, length: usize, index: usize) -> String {
    if length == 1 {
        format!("{statement}/{field}")
    } else {
        format!("{statement}/{field}/{index}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::tests::{call, principal};

    #[test]
    fn unused_and_missing_grants() {
        let activity = principal(vec![
            call("s3:GetObject", Some("arn:aws:s3:::b/k"), "eu-west-1", 20_455, 3),
            call("s3:PutObject", Some("arn:aws:s3:::b/k"), "eu-west-1", 20_456, 1),
            call("dynamodb:GetItem", Some("arn:aws:dynamodb:eu-west-1:111122223333:table/t"), "eu-west-1", 20_456, 2),
        ]);
        let existing: Policy = serde_json::from_str(
            r#"{"Version":"2012-10-17","Statement":[
            {"Sid":"S3","Effect":"Allow","Action":["s3:Get*","s3:DeleteBucket"],"Resource":["arn:aws:s3:::${BucketName}/*","arn:aws:s3:::old"]},
            {"Sid":"Sqs","Effect":"Allow","Action":"sqs:SendMessage","Resource":"*"}]}"#,
        )
        .unwrap();
        let result = diff(&[existing], &activity, Catalog::embedded(), &DiffOptions::default());
        let summary: Vec<(String, String, String)> =
            result.unused.iter().map(|grant| (grant.pointer.clone(), grant.entry.clone(), grant.recommendation.clone())).collect();
        assert_eq!(
            summary,
            [
                ("/Statement/0/Action/0".to_owned(), "s3:Get*".to_owned(), "narrow".to_owned()),
                ("/Statement/0/Action/1".to_owned(), "s3:DeleteBucket".to_owned(), "remove".to_owned()),
                ("/Statement/0/Resource/1".to_owned(), "arn:aws:s3:::old".to_owned(), "remove".to_owned()),
                ("/Statement/1/Action".to_owned(), "sqs:SendMessage".to_owned(), "remove".to_owned()),
                ("/Statement/1/Resource".to_owned(), "*".to_owned(), "remove".to_owned()),
            ]
        );
        assert_eq!(result.unused[0].used, ["s3:GetObject"]);
        assert!(result.unused[0].unused_actions.unwrap() > 10);
        let missing: Vec<(&str, u64, Decision)> = result.missing.iter().map(|grant| (grant.action.as_str(), grant.calls, grant.decision)).collect();
        assert_eq!(missing, [("dynamodb:GetItem", 2, Decision::ImplicitDeny), ("s3:PutObject", 1, Decision::ImplicitDeny)]);
        assert_eq!(result.coverage.allowed_calls, 3);
        assert_eq!(result.coverage.successful_calls, 6);
    }

    #[test]
    fn placeholders_can_be_taken_literally() {
        let activity = principal(vec![call("s3:GetObject", Some("arn:aws:s3:::b/k"), "eu-west-1", 20_455, 1)]);
        let existing: Policy = serde_json::from_str(
            r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::${BucketName}/*"}]}"#,
        )
        .unwrap();
        let literal = DiffOptions { placeholders_as_wildcards: false, ..DiffOptions::default() };
        let result = diff(std::slice::from_ref(&existing), &activity, Catalog::embedded(), &literal);
        assert_eq!(result.missing[0].decision, Decision::NotEvaluable);
        let result = diff(&[existing], &activity, Catalog::embedded(), &DiffOptions::default());
        assert!(result.missing.is_empty() && result.unused.is_empty(), "{result:?}");
    }
}
