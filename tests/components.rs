//! Browser tests of the page's components (wasm32 only): each component is mounted inside the
//! workbench provider with a prepared model, rendered in headless Chromium, and its DOM read.
//! Run by `scripts/test.sh` through `wasm-bindgen-test-runner`.
#![cfg(target_arch = "wasm32")]

use iam_engine::synth::ResourceChoice;
use iam_engine::{Catalog, Ingest, SynthOptions};
use iam_workbench::components::actions_table::ActionsTable;
use iam_workbench::components::app::{App, WorkbenchProvider};
use iam_workbench::components::condition_controls::ConditionControls;
use iam_workbench::components::coverage_meter::CoverageMeter;
use iam_workbench::components::diff_panel::DiffPanel;
use iam_workbench::components::export_panel::ExportPanel;
use iam_workbench::components::generalise_control::GeneraliseControl;
use iam_workbench::components::input_panel::InputPanel;
use iam_workbench::components::policy_editor::PolicyEditor;
use iam_workbench::components::principal_table::PrincipalTable;
use iam_workbench::components::principal_workspace::PrincipalWorkspace;
use iam_workbench::components::query_builder::QueryBuilder;
use iam_workbench::components::resource_kit::ResourceKit;
use iam_workbench::components::size_meter::SizeMeter;
use iam_workbench::components::summary_panel::SummaryPanel;
use iam_workbench::components::why_editor::WhyEditor;
use iam_workbench::components::workspace_provider::WorkspaceProvider;
use iam_workbench::i18n::workspace::grouped;
use iam_workbench::i18n::Lang;
use iam_workbench::state::{InputEntry, InputStatus, Workbench};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

const FIXTURE: &str = include_str!("e2e/fixtures/deployer-and-alice-1.json");
const DEPLOYER: &str = "arn:aws:iam::111122223333:role/ci/deployer";

fn analysed(lang: Lang, selected: Option<&str>) -> Workbench {
    let mut ingest = Ingest::default();
    ingest.read_bytes("deployer-and-alice-1.json", FIXTURE.as_bytes());
    let analysis = Rc::new(ingest.finish());
    let report = Rc::new(analysis.files[0].clone());
    let mut state = Workbench::new(lang);
    state.inputs.push(InputEntry { id: 1, name: "deployer-and-alice-1.json".to_owned(), size: FIXTURE.len() as u64, status: InputStatus::Read(report) });
    state.analysis = Some(analysis);
    state.selected_principal = selected.map(str::to_owned);
    state
}

thread_local! {
    /// The catalog the site serves, decoded once for all tests (the page fetches it instead).
    static CATALOG: Rc<Catalog> = Rc::new(Catalog::from_gzip(iam_engine::catalog::EMBEDDED).expect("the embedded catalog loads"));
}

fn catalog() -> Rc<Catalog> {
    CATALOG.with(Rc::clone)
}

#[derive(Properties, PartialEq)]
struct HarnessProps {
    initial: Workbench,
    with_catalog: bool,
    children: Html,
}

#[component(Harness)]
fn harness(props: &HarnessProps) -> Html {
    let catalog = props.with_catalog.then(catalog);
    html! { <WorkbenchProvider initial={props.initial.clone()} {catalog}>{ props.children.clone() }</WorkbenchProvider> }
}

async fn mount_root(initial: Workbench, with_catalog: bool, children: Html) -> web_sys::Element {
    let document = gloo_document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<Harness>::with_root_and_props(root.clone(), HarnessProps { initial, with_catalog, children }).render();
    yew::scheduler::flush().await;
    root
}

async fn mount(initial: Workbench, children: Html) -> web_sys::Element {
    mount_root(initial, false, children).await
}

async fn mount_with_catalog(initial: Workbench, children: Html) -> web_sys::Element {
    mount_root(initial, true, children).await
}

/// The deployer's policy as the engine synthesises it with these options.
fn synthesised(options: &SynthOptions) -> String {
    let analysis = analysed(Lang::En, None).analysis.unwrap();
    iam_engine::synthesise(analysis.activity.principal(DEPLOYER).unwrap(), &catalog(), options).policy.to_canonical_json()
}

fn gloo_document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn text_of(root: &web_sys::Element, selector: &str) -> String {
    element(root, selector).text_content().unwrap_or_default()
}

fn element(root: &web_sys::Element, selector: &str) -> web_sys::Element {
    root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("{selector} is rendered"))
}

fn is_rendered(root: &web_sys::Element, selector: &str) -> bool {
    root.query_selector(selector).unwrap().is_some()
}

fn editor_text(root: &web_sys::Element) -> String {
    element(root, "#policy-json").unchecked_into::<web_sys::HtmlTextAreaElement>().value()
}

/// Dispatches a bubbling event, as the browser does for user input.
fn fire(target: &web_sys::Element, kind: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    target.dispatch_event(&web_sys::Event::new_with_event_init_dict(kind, &init).unwrap()).unwrap();
}

async fn click(root: &web_sys::Element, selector: &str) {
    element(root, selector).unchecked_into::<web_sys::HtmlElement>().click();
    yew::scheduler::flush().await;
}

/// Types a value into an input or a textarea (an `input` and a `change` event).
async fn type_into(root: &web_sys::Element, selector: &str, value: &str) {
    let target = element(root, selector);
    match target.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        Some(textarea) => textarea.set_value(value),
        None => target.unchecked_ref::<web_sys::HtmlInputElement>().set_value(value),
    }
    fire(&target, "input");
    fire(&target, "change");
    yew::scheduler::flush().await;
}

async fn choose_option(root: &web_sys::Element, selector: &str, value: &str) {
    let select = element(root, selector);
    select.unchecked_ref::<web_sys::HtmlSelectElement>().set_value(value);
    fire(&select, "change");
    yew::scheduler::flush().await;
}

#[wasm_bindgen_test]
async fn the_summary_shows_events_span_failures_and_services() {
    let root = mount(analysed(Lang::En, None), html! { <SummaryPanel /> }).await;
    assert_eq!(text_of(&root, "#summary-events"), "6");
    assert_eq!(text_of(&root, "#summary-failed"), "0");
    assert_eq!(text_of(&root, "#summary-span"), "2026-11-02T09:00:30Z – 2026-11-02T09:04:00Z");
    let services = text_of(&root, "#summary-services");
    assert!(services.contains("s3 (2)") && services.contains("lambda (2)"), "{services}");
}

#[wasm_bindgen_test]
async fn choosing_a_principal_shows_its_workspace_policy_and_command() {
    let root = mount_with_catalog(analysed(Lang::En, None), html! { <><PrincipalTable /><PrincipalWorkspace /></> }).await;
    assert!(root.query_selector("#policy-json").unwrap().is_none(), "no policy before a choice");
    let button: web_sys::HtmlElement = root.query_selector(&format!("button[aria-label=\"Choose {DEPLOYER}\"]")).unwrap().unwrap().unchecked_into();
    button.click();
    yew::scheduler::flush().await;
    assert_eq!(editor_text(&root), synthesised(&SynthOptions::default()));
    assert!(editor_text(&root).contains("\"lambda:UpdateFunctionCode\""));
    assert_eq!(text_of(&root, "#workspace-principal"), DEPLOYER);
    assert!(text_of(&root, "#cli-command").starts_with("iamwb generate --principal arn:aws:iam::111122223333:role/ci/deployer"));
    assert_eq!(text_of(&root, "#coverage"), "100% of 5 successful calls allowed");
    assert_eq!(button.get_attribute("aria-pressed").as_deref(), Some("true"));
}

#[wasm_bindgen_test]
async fn the_input_list_shows_status_and_problems_in_japanese() {
    let mut state = analysed(Lang::Ja, Some(DEPLOYER));
    let mut ingest = Ingest::default();
    ingest.read_bytes("broken.json", b"{\"Records\":[{\"eventSource\":,]}");
    let broken = Rc::new(ingest.files()[0].clone());
    state.inputs.push(InputEntry { id: 2, name: "broken.json".to_owned(), size: 30, status: InputStatus::Read(broken) });
    let root = mount(state, html! { <InputPanel /> }).await;
    let list = text_of(&root, "#input-list");
    assert!(list.contains("6 件のイベント"), "{list}");
    assert!(list.contains("broken.json") && list.contains("レコード 1"), "{list}");
}

#[wasm_bindgen_test]
async fn the_whole_page_renders_with_a_language_switch() {
    let document = gloo_document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    assert!(root.query_selector("#dropzone").unwrap().is_some());
    let select: web_sys::HtmlSelectElement = root.query_selector("#language").unwrap().unwrap().unchecked_into();
    select.set_value("ja");
    select.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    yew::scheduler::flush().await;
    assert!(text_of(&root, "h1").contains("IAM ポリシーワークベンチ"));
}

/// A component of the workspace, mounted with the deployer chosen.
async fn mount_workspace(lang: Lang, children: Html) -> web_sys::Element {
    mount_with_catalog(analysed(lang, Some(DEPLOYER)), html! { <WorkspaceProvider>{ children }</WorkspaceProvider> }).await
}

#[wasm_bindgen_test]
async fn the_generalisation_control_shows_breadth_and_regenerates_the_policy() {
    let root = mount_workspace(Lang::En, html! { <><GeneraliseControl /><PolicyEditor /></> }).await;
    assert!(text_of(&root, "#breadth-exact").starts_with("breadth ×1"), "{}", text_of(&root, "#breadth-exact"));
    assert!(text_of(&root, "#breadth-auto").starts_with("now: "), "{}", text_of(&root, "#breadth-auto"));
    assert!(element(&root, "#level-auto").unchecked_into::<web_sys::HtmlInputElement>().checked());
    click(&root, "#level-service").await;
    assert_eq!(editor_text(&root), synthesised(&SynthOptions { resources: ResourceChoice::Service, ..SynthOptions::default() }));
    click(&root, "#level-exact").await;
    assert_eq!(editor_text(&root), synthesised(&SynthOptions { resources: ResourceChoice::Exact, ..SynthOptions::default() }));
    assert!(element(&root, "#level-exact").unchecked_into::<web_sys::HtmlInputElement>().checked());
}

#[wasm_bindgen_test]
async fn unticking_an_action_removes_it_and_lists_its_calls_as_denied() {
    let root = mount_workspace(Lang::En, html! { <><ActionsTable /><PolicyEditor /><CoverageMeter /></> }).await;
    let row = "tr[data-action=\"lambda:UpdateFunctionCode\"]";
    assert!(text_of(&root, row).contains("Write"), "the access level from the catalog: {}", text_of(&root, row));
    assert!(text_of(&root, row).contains("allowed"));
    assert!(text_of(&root, "#suggestions").contains("cloudformation:ListStacks"), "suggestions are shown, not added");
    assert!(!editor_text(&root).contains("cloudformation:ListStacks"));
    assert!(text_of(&root, "#synthesis-warnings").contains("cloudformation:DescribeStacks"));
    click(&root, &format!("{row} input[type=checkbox]")).await;
    assert!(!editor_text(&root).contains("lambda:UpdateFunctionCode"));
    assert_eq!(element(&root, row).get_attribute("class").as_deref(), Some("excluded"));
    assert!(text_of(&root, row).contains("denied"));
    assert!(text_of(&root, "#denied-calls").contains("lambda:UpdateFunctionCode"));
    assert!(!text_of(&root, "#coverage").starts_with("100%"));
}

#[wasm_bindgen_test]
async fn conditions_and_the_time_window_change_the_policy() {
    let root = mount_workspace(Lang::En, html! { <><ConditionControls /><ActionsTable /><PolicyEditor /></> }).await;
    click(&root, "#condition-region").await;
    assert!(editor_text(&root).contains("aws:RequestedRegion"));
    assert_eq!(
        editor_text(&root),
        synthesised(&SynthOptions {
            conditions: iam_engine::synth::ConditionOptions { requested_region: true, ..Default::default() },
            ..SynthOptions::default()
        })
    );
    click(&root, "#condition-time").await;
    assert!(is_rendered(&root, "#valid-from") && editor_text(&root).contains("aws:CurrentTime"));
    type_into(&root, "#window-since", "2026-11-03").await;
    assert!(is_rendered(&root, "#no-calls"), "no activity after the fixture's day");
}

#[wasm_bindgen_test]
async fn sids_and_the_description_are_edited_in_place() {
    let root = mount_workspace(Lang::En, html! { <><WhyEditor /><PolicyEditor /><ExportPanel /></> }).await;
    type_into(&root, "#sid-0", "Deploy artifacts").await;
    assert!(editor_text(&root).contains("\"Sid\": \"Deployartifacts\""), "{}", editor_text(&root));
    type_into(&root, "#policy-description", "Deploys the API from CI").await;
    choose_option(&root, "#export-format", "cli").await;
    assert!(text_of(&root, "#export-text").contains("--description 'Deploys the API from CI'"), "{}", text_of(&root, "#export-text"));
    let page_only = text_of(&root, "#page-only");
    assert!(page_only.contains("Sids") && page_only.contains("description"), "{page_only}");
}

#[wasm_bindgen_test]
async fn hand_edits_are_linted_with_line_markers_and_undone_with_the_keyboard() {
    let root = mount_with_catalog(analysed(Lang::En, Some(DEPLOYER)), html! { <PrincipalWorkspace /> }).await;
    let generated = editor_text(&root);
    let edited = generated.replace("lambda:UpdateFunctionCode", "lambda:UpdateFunktionCode");
    type_into(&root, "#policy-json", &edited).await;
    assert_eq!(text_of(&root, "#editor-state"), "edited by hand");
    let findings = text_of(&root, "#lint-findings");
    assert!(findings.contains("unknown-action") && findings.contains("Error"), "{findings}");
    let line = edited.lines().position(|line| line.contains("UpdateFunktionCode")).unwrap() + 1;
    assert!(findings.contains(&format!("line {line},")), "{findings}");
    let marked = element(&root, &format!(".editor-gutter .gutter-line:nth-child({line})"));
    assert!(marked.get_attribute("class").unwrap_or_default().split(' ').any(|class| class == "error"));
    assert!(text_of(&root, "#denied-calls").contains("lambda:UpdateFunctionCode"));
    // Ctrl+Z in the editor: back to the generated policy; Ctrl+Y: the edit again.
    let textarea = element(&root, "#policy-json");
    for (key, shift) in [("z", false), ("y", false)] {
        let init = web_sys::KeyboardEventInit::new();
        init.set_key(key);
        init.set_ctrl_key(true);
        init.set_shift_key(shift);
        init.set_bubbles(true);
        init.set_cancelable(true);
        let event = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
        textarea.dispatch_event(&event).unwrap();
        yew::scheduler::flush().await;
        assert!(event.default_prevented(), "the page handles {key}");
        let expected = if key == "z" { &generated } else { &edited };
        assert_eq!(&editor_text(&root), expected);
    }
    click(&root, "#regenerate").await;
    assert_eq!(editor_text(&root), generated);
    click(&root, "#undo").await;
    assert_eq!(editor_text(&root), edited);
}

#[wasm_bindgen_test]
async fn broken_json_is_reported_and_the_proof_waits() {
    let root = mount_workspace(Lang::En, html! { <><PolicyEditor /><CoverageMeter /><SizeMeter /></> }).await;
    type_into(&root, "#policy-json", "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n").await;
    assert!(text_of(&root, "#parse-error").starts_with("This text is not a policy yet:"));
    assert_eq!(text_of(&root, "#coverage"), "Fix the JSON to see coverage and size.");
    assert!(!is_rendered(&root, "#split-preview"));
}

#[wasm_bindgen_test]
async fn the_size_meter_counts_characters_per_document() {
    let root = mount_workspace(Lang::En, html! { <SizeMeter /> }).await;
    let analysis = analysed(Lang::En, None).analysis.unwrap();
    let policy = iam_engine::synthesise(analysis.activity.principal(DEPLOYER).unwrap(), &catalog(), &SynthOptions::default()).policy;
    let chars = policy.non_whitespace_chars();
    assert_eq!(text_of(&root, "#size-document-1"), format!("Policy 1: {} of 6,144 characters", grouped(chars as u64)));
    assert_eq!(text_of(&root, "#split-preview"), "1 managed policy (at most 10 per principal)");
    assert!(text_of(&root, "#inline-fit").contains("a role (10,240 characters): fits"));
}

#[wasm_bindgen_test]
async fn an_access_analyzer_policy_is_diffed_trimmed_and_refined() {
    let root = mount_workspace(Lang::En, html! { <><DiffPanel /><PolicyEditor /></> }).await;
    let generated = serde_json::json!({"generatedPolicyResult": {"generatedPolicies": [{"policy": serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Action": ["s3:GetObject", "s3:DeleteObject"], "Resource": "arn:aws:s3:::${BucketName}/*"},
            {"Effect": "Allow", "Action": "lambda:GetFunction", "Resource": "*"}
        ]
    }).to_string()}]}});
    type_into(&root, "#existing-policy", &generated.to_string()).await;
    assert!(text_of(&root, "#unused-grants").contains("Action s3:DeleteObject: remove it"), "{}", text_of(&root, "#unused-grants"));
    assert!(text_of(&root, "#missing-grants").contains("lambda:UpdateFunctionCode"));
    click(&root, "button[aria-label=\"Remove s3:DeleteObject from the existing policy\"]").await;
    assert!(!is_rendered(&root, "#unused-grants"), "nothing unused is left");
    click(&root, "#use-existing").await;
    assert!(editor_text(&root).contains("${BucketName}") && !editor_text(&root).contains("DeleteObject"));
    assert_eq!(text_of(&root, "#editor-state"), "edited by hand");
}

#[wasm_bindgen_test]
async fn every_export_format_is_shown_with_its_command_line() {
    let root = mount_workspace(Lang::En, html! { <ExportPanel /> }).await;
    assert_eq!(text_of(&root, "#export-text"), synthesised(&SynthOptions::default()));
    choose_option(&root, "#export-format", "terraform").await;
    assert!(text_of(&root, "#export-text").contains("resource \"aws_iam_policy\""), "{}", text_of(&root, "#export-text"));
    assert!(text_of(&root, "#cli-command").contains("--format terraform"));
    click(&root, "#attachment-inline").await;
    assert!(text_of(&root, "#cli-command").contains("--inline"));
    choose_option(&root, "#export-format", "cloudformation").await;
    assert!(text_of(&root, "#export-text").contains("AWS::IAM::RolePolicy"), "{}", text_of(&root, "#export-text"));
    choose_option(&root, "#export-format", "json-split").await;
    assert!(text_of(&root, "#export-text").starts_with('['));
    assert!(text_of(&root, "#cli-command").contains("--split"));
}

#[wasm_bindgen_test]
async fn the_query_builder_writes_sql_for_the_chosen_principal() {
    let root = mount_with_catalog(analysed(Lang::En, Some(DEPLOYER)), html! { <QueryBuilder /> }).await;
    assert!(is_rendered(&root, "#query-needs-dates"));
    type_into(&root, "#query-since", "2026-11-01").await;
    type_into(&root, "#query-until", "2026-11-30").await;
    let sql = text_of(&root, "#query-sql");
    assert!(sql.contains("cloudtrail_logs") && sql.contains("deployer"), "{sql}");
    choose_option(&root, "#query-engine", "lake").await;
    assert!(text_of(&root, "#query-sql").contains("$EDS_ID"), "{}", text_of(&root, "#query-sql"));
    assert_eq!(text_of(&root, "#query-command"), format!("iamwb query --principal {DEPLOYER} --since 2026-11-01 --until 2026-11-30 --engine lake"));
}

#[wasm_bindgen_test]
async fn the_resource_kit_offers_read_only_and_read_write_for_an_observed_resource() {
    let root = mount_with_catalog(analysed(Lang::En, None), html! { <ResourceKit /> }).await;
    let offered = element(&root, "#observed-resources").child_element_count();
    assert!(offered >= 1, "the observed resources are offered");
    type_into(&root, "#kit-arn", "arn:aws:s3:::artifacts-bucket").await;
    let read_only = text_of(&root, "#kit-read-only");
    let read_write = text_of(&root, "#kit-read-write");
    assert!(read_only.contains("s3:GetObject") && !read_only.contains("s3:PutObject"), "{read_only}");
    assert!(read_write.contains("s3:PutObject"), "{read_write}");
    type_into(&root, "#kit-arn", "not an arn").await;
    assert!(is_rendered(&root, "#kit-error"));
}

#[wasm_bindgen_test]
async fn the_workspace_speaks_japanese() {
    let root = mount_with_catalog(analysed(Lang::Ja, Some(DEPLOYER)), html! { <PrincipalWorkspace /> }).await;
    assert_eq!(text_of(&root, "#coverage"), "成功した 5 回の呼び出しのうち 100% を許可");
    assert!(text_of(&root, "#workspace").contains("どこに: リソースの範囲"));
    assert!(text_of(&root, "#split-preview").contains("管理ポリシー 1 個"));
}
