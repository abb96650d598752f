//! The workspace's derived view over the end-to-end fixture: the generated path matches what
//! `iamwb generate` computes, hand edits are parsed, linted and simulated, and the table follows
//! the policy in effect.

use super::*;
use crate::state::workspace::{apply, ConditionChoices, WorkspaceAction, WorkspaceState};
use iam_engine::{Analysis, Day, Ingest};

const FIXTURE: &str = include_str!("../../tests/e2e/fixtures/deployer-and-alice-1.json");
const DEPLOYER: &str = "arn:aws:iam::111122223333:role/ci/deployer";

fn analysis() -> Analysis {
    let mut ingest = Ingest::default();
    ingest.read_bytes("deployer-and-alice-1.json", FIXTURE.as_bytes());
    ingest.finish()
}

fn catalog() -> &'static Catalog {
    Catalog::embedded()
}

/// The view after these actions on the deployer's workspace.
fn view_after(actions: Vec<WorkspaceAction>) -> (WorkspaceView, WorkspaceState) {
    let analysis = analysis();
    let principal = analysis.activity.principal(DEPLOYER).unwrap();
    let mut state = WorkspaceState::default();
    for action in actions {
        apply(&mut state, Some(DEPLOYER), action);
    }
    let workspace = state.principals.get(DEPLOYER).cloned().unwrap_or_default();
    let synthesis = synthesise_for(principal, catalog(), &workspace.edit);
    (view(principal, catalog(), synthesis, &workspace), state)
}

fn row<'a>(view: &'a WorkspaceView, action: &str) -> &'a ActionRow {
    view.actions.iter().find(|row| row.action == action).unwrap_or_else(|| panic!("{action} has a row"))
}

#[test]
fn options_are_the_ones_iamwb_generate_builds_from_its_flags() {
    // --since 2026-11-01 --until 2026-11-30 --resources prefix --conditions region,time
    // --valid-from 2026-12-01 --valid-until 2027-02-28 --include-denied
    let edit = PolicyEdit {
        resources: ResourceChoice::Prefix,
        since: parse_day("2026-11-01"),
        until: parse_day("2026-11-30"),
        include_denied: true,
        conditions: ConditionChoices {
            region: true,
            time: true,
            valid_from: parse_day("2026-12-01"),
            valid_until: parse_day("2027-02-28"),
            ..ConditionChoices::default()
        },
        ..PolicyEdit::default()
    };
    let expected = SynthOptions {
        window: DayWindow { since: Some(Timestamp::parse("2026-11-01").unwrap().day()), until: Some(Timestamp::parse("2026-11-30").unwrap().day()) },
        include_denied: true,
        resources: ResourceChoice::Prefix,
        conditions: ConditionOptions {
            requested_region: true,
            current_time: Some(ValidityWindow {
                not_before: Timestamp::parse("2026-12-01T00:00:00Z").unwrap(),
                not_after: Timestamp::parse("2027-02-28T23:59:59Z").unwrap(),
            }),
            ..ConditionOptions::default()
        },
        ..SynthOptions::default()
    };
    assert_eq!(synth_options(&edit), expected);
    let tools = ToolChoices { export: ExportKind::Terraform, attachment: Attachment::Inline, ..ToolChoices::default() };
    assert_eq!(
        cli_command(DEPLOYER, &edit, &tools, &["logs/a.json.gz".to_owned(), "my logs.json".to_owned()]),
        "iamwb generate --principal arn:aws:iam::111122223333:role/ci/deployer --since 2026-11-01 --until 2026-11-30 --resources prefix \
         --conditions region,time --valid-from 2026-12-01 --valid-until 2027-02-28 --include-denied --format terraform --inline logs/a.json.gz 'my logs.json'"
    );
    assert_eq!(
        cli_command(DEPLOYER, &PolicyEdit::default(), &ToolChoices::default(), &["a.json".to_owned()]),
        format!("iamwb generate --principal {DEPLOYER} a.json")
    );
}

#[test]
fn the_generated_policy_is_the_synthesis_policy_and_covers_every_call() {
    let (view, _) = view_after(vec![WorkspaceAction::SetResources(ResourceChoice::Exact)]);
    let analysis = analysis();
    let options = SynthOptions { resources: ResourceChoice::Exact, ..SynthOptions::default() };
    let expected = iam_engine::synthesise(analysis.activity.principal(DEPLOYER).unwrap(), catalog(), &options).policy.to_canonical_json();
    assert_eq!(view.text, expected);
    assert!(!view.hand_edited);
    let coverage = &view.simulation.as_ref().unwrap().coverage;
    assert!(coverage.is_complete() && coverage.successful_calls > 0, "{coverage:?}");
    assert!(view.denied_calls.is_empty());
    assert!(view.actions.iter().all(|row| row.granted == Granted::All && row.included), "{:?}", view.actions);
    let update = row(&view, "lambda:UpdateFunctionCode");
    assert_eq!((update.service.as_str(), update.access_level, update.calls), ("lambda", Some(AccessLevel::Write), 1));
    assert_eq!(view.size.as_ref().unwrap().managed_policies, 1);
    assert_eq!(view.lint.errors, 0, "{:?}", view.lint.findings);
}

#[test]
fn a_hand_edit_that_removes_an_action_is_linted_simulated_and_shown_in_the_table() {
    let (generated, _) = view_after(vec![]);
    let mut policy = generated.policy.clone().unwrap();
    for statement in &mut policy.statements {
        if let Some(actions) = &mut statement.action {
            actions.0.retain(|action| action != "lambda:UpdateFunctionCode");
        }
    }
    policy.statements.retain(|statement| statement.action.as_ref().is_none_or(|actions| !actions.is_empty()));
    let edited_text = policy.to_canonical_json();
    let (view, state) = view_after(vec![WorkspaceAction::EditText(edited_text.clone())]);
    assert!(view.hand_edited);
    assert_eq!(view.text, edited_text);
    assert_eq!(view.policy.as_ref(), Some(&policy), "the text round-trips to the policy");
    let denied: Vec<&str> = view.denied_calls.iter().map(|call| call.action.as_str()).collect();
    assert_eq!(denied, ["lambda:UpdateFunctionCode"]);
    let coverage = &view.simulation.as_ref().unwrap().coverage;
    assert_eq!(coverage.successful_calls - coverage.allowed_calls, 1);
    assert_eq!(row(&view, "lambda:UpdateFunctionCode").granted, Granted::None);
    assert!(row(&view, "lambda:UpdateFunctionCode").included, "the table's toggles are the generator's, untouched by hand edits");
    assert_eq!(row(&view, "s3:GetObject").granted, Granted::All);
    // Regenerating brings the generated policy back; undo brings the edit back.
    let mut state = state;
    apply(&mut state, Some(DEPLOYER), WorkspaceAction::Regenerate);
    assert_eq!(state.principals[DEPLOYER].edit.hand_text, None);
    apply(&mut state, Some(DEPLOYER), WorkspaceAction::Undo);
    assert_eq!(state.principals[DEPLOYER].edit.hand_text.as_deref(), Some(edited_text.as_str()));
}

#[test]
fn broken_json_has_a_located_error_and_no_simulation() {
    let (view, _) = view_after(vec![WorkspaceAction::EditText("{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n}".to_owned())]);
    let error = view.documents.as_ref().unwrap_err();
    assert_eq!(error.line, Some(4));
    assert!(view.simulation.is_none() && view.size.is_none() && view.policy.is_none());
    assert_eq!(view.lint.errors, 1);
    assert_eq!(view.lint.findings[0].line, Some(4));
}

#[test]
fn lint_findings_point_into_the_edited_text() {
    let text = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\n      \"Effect\": \"Allow\",\n      \"Action\": \"s3:GetObjekt\",\n      \"Resource\": \"*\"\n    }\n  ]\n}\n";
    let (view, _) = view_after(vec![WorkspaceAction::EditText(text.to_owned())]);
    let unknown = view.lint.findings.iter().find(|finding| finding.code == "unknown-action").expect("the typo is found");
    assert_eq!(unknown.line, Some(6));
    assert!(view.lint.has_errors());
}

#[test]
fn excluded_actions_and_resources_leave_the_policy_and_are_listed_as_denied() {
    let (view, _) = view_after(vec![
        WorkspaceAction::SetActionIncluded { action: "cloudformation:DescribeStacks".to_owned(), included: false },
        WorkspaceAction::SetResourceIncluded {
            action: "s3:GetObject".to_owned(),
            resource: "arn:aws:s3:::artifacts-bucket/builds/42/app.zip".to_owned(),
            included: false,
        },
    ]);
    assert!(!view.text.contains("cloudformation:DescribeStacks"));
    assert!(!view.text.contains("s3:GetObject"), "{}", view.text);
    let describe = row(&view, "cloudformation:DescribeStacks");
    assert!(!describe.included && describe.resources.iter().all(|resource| !resource.included));
    assert_eq!(describe.granted, Granted::None);
    let get_object = row(&view, "s3:GetObject");
    assert!(get_object.included && !get_object.resources[0].included);
    let denied: Vec<&str> = view.denied_calls.iter().map(|call| call.action.as_str()).collect();
    assert_eq!(denied, ["cloudformation:DescribeStacks", "s3:GetObject"]);
}

#[test]
fn renamed_sids_appear_in_the_policy_and_the_statement_list() {
    let (generated, _) = view_after(vec![]);
    let first = generated.statements[0].clone();
    let (view, _) =
        view_after(vec![WorkspaceAction::RenameStatement { index: 0, generated_sid: first.generated_sid.clone(), sid: "DeployArtifacts".to_owned() }]);
    assert_eq!(view.statements[0].sid.as_deref(), Some("DeployArtifacts"));
    assert_eq!(view.statements[0].generated_sid, first.generated_sid);
    assert!(view.text.contains("\"Sid\": \"DeployArtifacts\""));
    assert!(page_only(
        &state_edit(&view_after(vec![WorkspaceAction::RenameStatement { index: 0, generated_sid: first.generated_sid, sid: "X".to_owned() }]).1),
        &ToolChoices::default()
    )
    .contains(&PageOnly::SidNames));
}

fn state_edit(state: &WorkspaceState) -> PolicyEdit {
    state.principals[DEPLOYER].edit.clone()
}

#[test]
fn the_time_window_limits_the_activity_used() {
    // Every call of the fixture is on 2026-11-02: a window after it leaves nothing.
    let day = parse_day("2026-11-03");
    let (view, _) = view_after(vec![WorkspaceAction::SetWindow { since: day, until: None }]);
    assert!(view.actions.is_empty());
    assert!(view.synthesis.policy.statements.is_empty());
    assert_eq!(view.simulation.as_ref().unwrap().coverage.successful_calls, 0);
}

#[test]
fn an_access_analyzer_policy_is_compared_with_the_activity() {
    let generated = serde_json::json!({"generatedPolicyResult": {"generatedPolicies": [{"policy": serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Action": ["s3:GetObject", "s3:DeleteObject"], "Resource": "arn:aws:s3:::${BucketName}/*"},
            {"Effect": "Allow", "Action": "lambda:GetFunction", "Resource": "*"}
        ]
    }).to_string()}]}});
    let (view, _) = view_after(vec![WorkspaceAction::SetExistingPolicy(generated.to_string())]);
    let existing = view.existing.as_ref().unwrap();
    let diff = existing.diff.as_ref().unwrap();
    let unused: Vec<&str> = diff.unused.iter().map(|grant| grant.entry.as_str()).collect();
    assert_eq!(unused, ["s3:DeleteObject"]);
    let missing: Vec<&str> = diff.missing.iter().map(|grant| grant.action.as_str()).collect();
    assert!(missing.contains(&"lambda:UpdateFunctionCode") && missing.contains(&"s3:PutObject"), "{missing:?}");
    let (theirs, ours) = (existing.breadth_existing.as_ref().unwrap(), existing.breadth_ours.as_ref().unwrap());
    assert!(theirs.grants_by_scope.contains_key(&iam_engine::generalise::Scope::Any), "{theirs:?}");
    assert!(ours.score >= 1.0, "{ours:?}");
}

#[test]
fn exports_are_the_engines_and_name_the_principal() {
    let (view, state) = view_after(vec![WorkspaceAction::SetPolicyName("deployer-least".to_owned())]);
    let edit = state_edit(&state);
    let tools = ToolChoices { export: ExportKind::Terraform, ..ToolChoices::default() };
    let exported = export_of(&view, &edit, &tools).unwrap();
    assert!(exported.text.contains("deployer-least") && exported.file_name.ends_with(".tf"), "{}", exported.text);
    let json = export_of(&view, &edit, &ToolChoices::default()).unwrap();
    assert_eq!(json.text, view.text);
    let split = export_of(&view, &edit, &ToolChoices { export: ExportKind::JsonSplit, ..ToolChoices::default() }).unwrap();
    assert!(split.text.starts_with('[') && split.text.ends_with("]\n"));
    let cli = export_of(&view, &edit, &ToolChoices { export: ExportKind::Cli, ..ToolChoices::default() }).unwrap();
    assert!(cli.text.contains("aws iam create-policy") && cli.text.contains("attach-role-policy"), "{}", cli.text);
}

#[test]
fn an_inline_export_fits_the_principals_budget_or_says_why_not() {
    let (view, state) = view_after(vec![WorkspaceAction::SetPolicyName("deployer-inline".to_owned())]);
    let edit = state_edit(&state);
    let inline = ToolChoices { export: ExportKind::Cli, attachment: Attachment::Inline, ..ToolChoices::default() };
    // The deployer role's policy fits a role's 10,240 characters: one put-role-policy.
    let exported = export_of(&view, &edit, &inline).unwrap();
    assert_eq!(exported.text.matches("aws iam put-role-policy").count(), 1, "{}", exported.text);
    assert!(matches!(inline_export(&view, &inline), Some(Ok(documents)) if documents.len() == 1));
    // The same policy on a user, over 2,048 characters: refused, with the numbers.
    let mut as_user = view.clone();
    as_user.principal_arn = "arn:aws:iam::111122223333:user/deployer".to_owned();
    if let Some(policy) = as_user.policy.as_mut() {
        let statements = policy.statements.clone();
        policy.statements = (0..20).flat_map(|_| statements.clone()).collect();
    }
    let chars = as_user.policy.as_ref().unwrap().non_whitespace_chars();
    assert!(chars > iam_engine::size::USER_INLINE_CHARS, "{chars}");
    assert!(export_of(&as_user, &edit, &inline).is_none());
    assert_eq!(
        inline_export(&as_user, &inline),
        Some(Err(iam_engine::size::InlineOverBudget { owner: iam_engine::size::InlineOwner::User, chars, budget: iam_engine::size::USER_INLINE_CHARS }))
    );
    assert!(inline_export(&view, &ToolChoices { export: ExportKind::Cli, ..ToolChoices::default() }).is_none(), "managed exports are not inline");
}

#[test]
fn the_query_builder_needs_dates_and_names_its_command() {
    let mut tools = ToolChoices { query_since: parse_day("2026-11-01"), query_until: parse_day("2026-11-30"), ..ToolChoices::default() };
    let sql = query_sql(&tools, Some(DEPLOYER)).unwrap();
    assert!(sql.contains("cloudtrail_logs") && sql.contains("deployer"), "{sql}");
    assert_eq!(query_command(&tools, Some(DEPLOYER)), format!("iamwb query --principal {DEPLOYER} --since 2026-11-01 --until 2026-11-30 --engine athena"));
    tools.query_until = None;
    assert!(query_sql(&tools, Some(DEPLOYER)).is_err());
}

#[test]
fn dates_parse_from_date_inputs() {
    assert_eq!(parse_day("2026-11-02").map(Day::to_iso_date).as_deref(), Some("2026-11-02"));
    assert_eq!(parse_day(""), None);
    assert_eq!(parse_day("2026-11-02T10:00:00Z"), None);
    assert_eq!(download_name("arn:aws:iam::1:role/team/app"), "app-policy.json");
    assert_eq!(shell_word("it's.json"), "'it'\\''s.json'");
    // Hidden characters are shown as escapes that bash and zsh turn back into them.
    assert_eq!(shell_word("a\u{202e}b'\\\n\u{85}"), "$'a\\u202eb\\'\\\\\\x0a\\u0085'");
    assert_eq!(shell_word("a\0b\u{E0041}"), "$'a\u{2400}b\\U000e0041'");
}

#[test]
fn the_breadth_of_any_policy_is_measured_as_the_synthesis_measures_its_own() {
    for choice in [ResourceChoice::Exact, ResourceChoice::Prefix, ResourceChoice::Type, ResourceChoice::Service] {
        let (view, _) = view_after(vec![WorkspaceAction::SetResources(choice)]);
        let measured = breadth_of_policies(view.documents.as_ref().unwrap(), view.simulation.as_ref().unwrap(), catalog());
        assert_eq!(measured, view.synthesis.breadth, "{choice:?}");
    }
}

/// On real-shaped data the two can differ in one way: minimisation may drop an exact ARN that a
/// wildcard pattern of the same statement covers (a secret's `name-??????`), and the measure of
/// the final policy then sees the wildcard. It never reports a narrower policy.
#[test]
fn the_breadth_measure_agrees_with_the_synthesis_on_every_workshop_principal_and_level() {
    let mut ingest = Ingest::default();
    ingest.read_bytes("cloudtrail-workshop-300-events.json.gz", include_bytes!("../../static/samples/cloudtrail-workshop-300-events.json.gz"));
    let analysis = ingest.finish();
    assert!(analysis.activity.principals.len() > 3);
    for principal in &analysis.activity.principals {
        for choice in [ResourceChoice::Exact, ResourceChoice::Durable, ResourceChoice::Prefix, ResourceChoice::Type, ResourceChoice::Service] {
            let edit = PolicyEdit { resources: choice, ..PolicyEdit::default() };
            let workspace = PrincipalWorkspace { edit: edit.clone(), ..PrincipalWorkspace::default() };
            let view = view(principal, catalog(), synthesise_for(principal, catalog(), &edit), &workspace);
            let measured = breadth_of_policies(view.documents.as_ref().unwrap(), view.simulation.as_ref().unwrap(), catalog());
            let expected = &view.synthesis.breadth;
            let label = format!("{} at {choice:?}: {measured:?} against {expected:?}", principal.arn);
            assert_eq!((measured.grants, measured.resource_patterns), (expected.grants, expected.resource_patterns), "{label}");
            assert!(measured.score >= expected.score && measured.score <= expected.score * 1.2, "{label}");
        }
    }
}

/// The actions table folds observed resources under the pattern that grants them; every granted
/// resource is under a pattern that matches it, and what nothing grants stays apart.
#[test]
fn observed_resources_fold_under_the_patterns_that_grant_them() {
    let mut ingest = Ingest::default();
    ingest.read_bytes("cloudtrail-workshop-300-events.json.gz", include_bytes!("../../static/samples/cloudtrail-workshop-300-events.json.gz"));
    let analysis = ingest.finish();
    let principal = analysis.activity.principal("arn:aws:iam::111122223333:role/service-role/orders-api-lambda-role").unwrap();
    let edit = PolicyEdit::default();
    let workspace = PrincipalWorkspace { edit: edit.clone(), ..PrincipalWorkspace::default() };
    let view = view(principal, catalog(), synthesise_for(principal, catalog(), &edit), &workspace);
    let put = view.actions.iter().find(|row| row.action == "s3:PutObject").unwrap();
    let groups = pattern_groups(put);
    assert!(groups.len() < put.resources.len(), "{} resources in {} groups", put.resources.len(), groups.len());
    assert!(groups.iter().any(|group| group.folds() && group.resources.len() > 1));
    for row in &view.actions {
        for group in pattern_groups(row) {
            assert_eq!(group.calls, group.resources.iter().map(|resource| resource.calls).sum::<u64>());
            for resource in &group.resources {
                match (group.pattern, &resource.resource) {
                    (Some(pattern), Some(arn)) => assert!(iam_engine::pattern::resource_matches(pattern, arn), "{pattern} {arn}"),
                    (Some(pattern), None) => assert_eq!(pattern, "*"),
                    (None, _) => assert_ne!(resource.granted, Granted::All),
                }
            }
        }
    }
}

#[test]
fn unused_access_findings_are_rows_against_the_policies_on_screen() {
    let finding = include_str!("../../tests/e2e/fixtures/unused-access-finding.json");
    let mut ingest = Ingest::default();
    ingest.read_bytes("unused-access-finding.json", finding.as_bytes());
    let findings = ingest.finish().unused_access;
    let existing = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:DeleteObject","s3:GetObject"],"Resource":"*"}]}"#;
    let (view, _) = view_after(vec![WorkspaceAction::SetExistingPolicy(existing.to_owned())]);
    let rows = unused_access_rows(&findings, DEPLOYER, &view);
    let shape: Vec<(&str, bool, bool)> = rows.iter().map(|row| (row.action.as_str(), row.in_policy, row.in_existing)).collect();
    assert_eq!(shape, vec![("s3:DeleteObject", false, true), ("s3:PutObject", view.text.contains("s3:PutObject"), false), ("sqs:*", false, false)]);
    let put = &rows[1];
    assert_eq!(put.generated_actions.is_empty(), !put.in_policy, "the generated policy's observed action is what removing excludes");
    assert!(unused_access_rows(&findings, "arn:aws:iam::111122223333:user/alice", &view).is_empty(), "another principal's findings");
}
