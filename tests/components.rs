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
use iam_workbench::components::findings_panel::FindingsPanel;
use iam_workbench::components::generalise_control::GeneraliseControl;
use iam_workbench::components::input_panel::InputPanel;
use iam_workbench::components::last_accessed_panel::LastAccessedPanel;
use iam_workbench::components::policy_editor::PolicyEditor;
use iam_workbench::components::principal_table::PrincipalTable;
use iam_workbench::components::principal_workspace::PrincipalWorkspace;
use iam_workbench::components::privacy_panel::PrivacyPanel;
use iam_workbench::components::query_builder::QueryBuilder;
use iam_workbench::components::resource_kit::ResourceKit;
use iam_workbench::components::share_panel::SharePanel;
use iam_workbench::components::shared_policy_panel::SharedPolicyPanel;
use iam_workbench::components::size_meter::SizeMeter;
use iam_workbench::components::summary_panel::SummaryPanel;
use iam_workbench::components::unused_access_panel::UnusedAccessPanel;
use iam_workbench::components::why_editor::WhyEditor;
use iam_workbench::components::workspace_provider::WorkspaceProvider;
use iam_workbench::i18n::workspace::grouped;
use iam_workbench::i18n::Lang;
use iam_workbench::state::{InputEntry, InputStatus, SharedPolicy, Workbench};
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
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
    assert_eq!(text_of(&root, "#summary-span"), "2026-11-02 09:00:30 UTC – 2026-11-02 09:04:00 UTC");
    let services = text_of(&root, "#summary-services");
    assert!(services.contains("s3 (2)") && services.contains("lambda (2)"), "{services}");
}

#[wasm_bindgen_test]
async fn the_overview_draws_a_timeline_and_service_bars_in_svg() {
    let root = mount(analysed(Lang::En, None), html! { <SummaryPanel /> }).await;
    let timeline = root.query_selector("#timeline svg[role=img]").unwrap().expect("the timeline is an svg image");
    assert!(timeline.get_attribute("aria-label").unwrap().contains("2026-11-02"), "the label names the window");
    assert_eq!(timeline.query_selector_all("g.bar").unwrap().length(), 1, "one day of activity, one bar");
    assert!(timeline.query_selector("rect.success").unwrap().is_some());
    let services = root.query_selector("#service-chart svg").unwrap().expect("the service chart is drawn");
    let labels = services.text_content().unwrap_or_default();
    assert!(labels.contains("s3") && labels.contains("lambda"), "{labels}");
    // The same figures are readable as a table.
    assert!(text_of(&root, "#timeline .chart-table").contains("2026-11-02"));
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
    // Every call names its resource (CloudFormation's stacks come from the request): no warning.
    assert!(!is_rendered(&root, "#synthesis-warnings"));
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
    click(&root, "#condition-mfa").await;
    assert!(text_of(&root, "#synthesis-warnings").contains("without MFA"), "{}", text_of(&root, "#synthesis-warnings"));
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

/// The page after reading one file (`name`, `text`), its first principal chosen.
fn read_one_file(name: &str, text: &str) -> Workbench {
    let mut ingest = Ingest::default();
    ingest.read_bytes(name, text.as_bytes());
    let analysis = Rc::new(ingest.finish());
    let report = Rc::new(analysis.files[0].clone());
    let mut state = Workbench::new(Lang::En);
    state.inputs.push(InputEntry { id: 1, name: name.to_owned(), size: text.len() as u64, status: InputStatus::Read(report) });
    state.selected_principal = analysis.activity.principals.first().map(|principal| principal.arn.clone());
    state.analysis = Some(analysis);
    state
}

fn hostile_analysis() -> Workbench {
    read_one_file(HOSTILE, HOSTILE_FIXTURE)
}

/// Mounts a component with every disclosure open, so nothing hides from a check of its text.
async fn mount_opened(state: Workbench, component: Html) -> web_sys::Element {
    let root = mount_with_catalog(state, component).await;
    for details in node_list(&root, "details") {
        details.set_attribute("open", "").unwrap();
    }
    yew::scheduler::flush().await;
    root
}

const HOSTILE_FIXTURE: &str = include_str!("e2e/fixtures/hostile.json");
/// The file name itself is hostile too.
const HOSTILE: &str = "<img src=x onerror=alert(1)>.json";
const PAYLOAD: &str = "<img src=x onerror=alert(1)>";

/// The hostile fixture with a right-to-left override, a line separator and NEL after every
/// payload, and in the file name: the page shows each as a visible mark, never raw.
fn bidi_analysis() -> Workbench {
    let fixture = HOSTILE_FIXTURE.replace(PAYLOAD, &format!("{PAYLOAD}\\u202egpj.exe\\u2028\\u0085"));
    read_one_file("\u{202e}nosj.json", &fixture)
}

#[wasm_bindgen_test]
async fn bidi_overrides_and_line_separators_from_the_inputs_are_shown_as_marks() {
    let state = bidi_analysis();
    let components: Vec<(&str, Html)> = vec![
        ("input panel", html! { <InputPanel /> }),
        ("summary", html! { <SummaryPanel /> }),
        ("findings", html! { <FindingsPanel /> }),
        ("principals", html! { <PrincipalTable /> }),
        ("workspace", html! { <PrincipalWorkspace /> }),
    ];
    for (name, component) in components {
        let root = mount_opened(state.clone(), component).await;
        let mut text = root.text_content().unwrap_or_default();
        // Form fields show values, not text content: the policy editor's JSON among them.
        for field in node_list(&root, "textarea") {
            text.push_str(&field.unchecked_into::<web_sys::HtmlTextAreaElement>().value());
        }
        for raw in ['\u{202e}', '\u{2028}', '\u{85}'] {
            assert!(!text.contains(raw), "{name}: a raw {:04X} is shown: {text}", raw as u32);
        }
        assert!(text.contains("\\u{202E}") || text.contains("\\u202e"), "{name}: the override is marked: {text}");
    }
    let mut shared = Workbench::new(Lang::En);
    shared.shared_policy = Some(SharedPolicy::Policy("{\"Statement\": [], \"Sid\": \"a\u{202e}b\"}".to_owned()));
    let root = mount(shared, html! { <SharedPolicyPanel /> }).await;
    assert_eq!(text_of(&root, "#shared-policy-json"), "{\"Statement\": [], \"Sid\": \"a\\u202eb\"}");
}

#[wasm_bindgen_test]
async fn hostile_content_renders_as_text_in_every_component() {
    let state = hostile_analysis();
    let analysis = state.analysis.clone().expect("an analysis");
    let principal = analysis.activity.principal(state.selected_principal.as_deref().expect("a chosen principal")).expect("the hostile principal");
    let policy: AttrValue = iam_engine::synthesise(principal, &catalog(), &SynthOptions::default()).policy.to_canonical_json().into();
    let components: Vec<(&str, Html)> = vec![
        ("input panel", html! { <InputPanel /> }),
        ("summary", html! { <SummaryPanel /> }),
        ("findings", html! { <FindingsPanel /> }),
        ("principals", html! { <PrincipalTable /> }),
        ("workspace", html! { <PrincipalWorkspace /> }),
        ("tools", html! { <><QueryBuilder /><ResourceKit /></> }),
        ("share", html! { <SharePanel policy={policy.clone()} lang={Lang::En} /> }),
        ("privacy", html! { <PrivacyPanel /> }),
    ];
    for (name, component) in components {
        let root = mount_opened(state.clone(), component).await;
        assert!(root.query_selector("img, script, [onerror]").unwrap().is_none(), "{name}: markup from the data became elements: {}", root.inner_html());
        let text = root.text_content().unwrap_or_default();
        if name != "privacy" && name != "share" && name != "tools" {
            assert!(text.contains(PAYLOAD), "{name}: the hostile text is shown as text: {text}");
        }
    }
    let mut shared = Workbench::new(Lang::En);
    shared.shared_policy = Some(SharedPolicy::Policy(format!("{{\"Sid\": \"{PAYLOAD}\"}}")));
    let root = mount(shared, html! { <SharedPolicyPanel /> }).await;
    assert!(root.query_selector("img").unwrap().is_none());
    assert!(text_of(&root, "#shared-policy-json").contains(PAYLOAD));
}

fn node_list(root: &web_sys::Element, selector: &str) -> Vec<web_sys::Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length()).filter_map(|index| list.item(index)).map(|node| node.unchecked_into()).collect()
}

fn first_column(root: &web_sys::Element) -> Vec<String> {
    node_list(root, "#principals tbody td.arn").into_iter().map(|cell| cell.first_child().and_then(|node| node.text_content()).unwrap_or_default()).collect()
}

#[wasm_bindgen_test]
async fn the_principals_table_sorts_filters_and_explains_flags() {
    let mut state = analysed(Lang::En, None);
    // A second, busier principal with flags, to sort against.
    let mut analysis = (**state.analysis.as_ref().unwrap()).clone();
    let mut busy = analysis.activity.principals[0].clone();
    busy.arn = "arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Admin_1".to_owned();
    busy.n_events = 1000;
    busy.flags.identity_center = true;
    analysis.activity.principals.push(busy);
    state.analysis = Some(Rc::new(analysis));
    let root = mount(state, html! { <PrincipalTable /> }).await;
    let by_arn = first_column(&root);
    assert_eq!(by_arn.len(), 2);
    assert!(by_arn.windows(2).all(|pair| pair[0] <= pair[1]), "ARN order first: {by_arn:?}");
    click(&root, "#sort-events").await;
    assert!(first_column(&root)[0].contains("AWSReservedSSO_Admin"), "busiest first: {:?}", first_column(&root));
    let header = root.query_selector("#sort-events").unwrap().unwrap().parent_element().unwrap();
    assert_eq!(header.get_attribute("aria-sort").as_deref(), Some("descending"));
    click(&root, "#sort-events").await;
    assert_eq!(header.get_attribute("aria-sort").as_deref(), Some("ascending"));
    assert!(text_of(&root, "#flag-legend").contains("permission set"));
    assert!(text_of(&root, "#principals").contains("Identity Center"));
    let filter: web_sys::HtmlInputElement = root.query_selector("#principal-filter").unwrap().unwrap().unchecked_into();
    filter.set_value("deployer");
    filter.dispatch_event(&web_sys::InputEvent::new("input").unwrap()).unwrap();
    yew::scheduler::flush().await;
    assert_eq!(first_column(&root), [DEPLOYER]);
    assert!(text_of(&root, "#principal-count").contains("1 of 2"));
}

#[wasm_bindgen_test]
async fn findings_are_a_section_of_their_own_in_both_languages() {
    let root = mount(hostile_analysis(), html! { <FindingsPanel /> }).await;
    let text = text_of(&root, "#findings");
    assert!(text.contains("Long-term access keys") && text.contains("Prefer roles"), "{text}");
    let mut japanese = hostile_analysis();
    japanese.lang = Lang::Ja;
    let root = mount(japanese, html! { <FindingsPanel /> }).await;
    assert!(text_of(&root, "#findings").contains("長期アクセスキー"));
    let root = mount(analysed(Lang::En, None), html! { <FindingsPanel /> }).await;
    assert!(root.query_selector("#no-findings").unwrap().is_some());
}

#[wasm_bindgen_test]
async fn inputs_show_totals_remove_buttons_and_restored_rows() {
    let state = analysed(Lang::En, Some(DEPLOYER));
    let root = mount(state.clone(), html! { <><InputPanel /><SummaryPanel /></> }).await;
    assert!(text_of(&root, "#input-totals").starts_with("1 file,"), "{}", text_of(&root, "#input-totals"));
    assert!(root.query_selector("#folder-input[webkitdirectory]").unwrap().is_some(), "a folder picker is offered");
    // Removing the last input clears the analysis.
    click(&root, "button.remove").await;
    assert!(root.query_selector("#input-list").unwrap().is_none());
    assert!(root.query_selector("#summary").unwrap().is_none());

    let restored = iam_workbench::state::apply(
        Workbench::new(Lang::En),
        iam_workbench::state::Action::Restore { saved: Box::new(state.clone()), analysis: state.analysis.clone() },
    );
    let root = mount(restored, html! { <InputPanel /> }).await;
    assert!(root.query_selector("#restored-note").unwrap().is_some());
    assert!(text_of(&root, "#input-list").contains("from your last visit: 6 events"));
    assert!(root.query_selector("button.remove").unwrap().is_none(), "a restored row has no file to remove");
}

#[wasm_bindgen_test]
async fn forget_everything_clears_the_page() {
    let root = mount(analysed(Lang::En, Some(DEPLOYER)), html! { <><PrivacyPanel /><InputPanel /><SummaryPanel /></> }).await;
    assert!(text_of(&root, "#privacy").contains("never the log files"));
    click(&root, "#forget").await;
    assert!(root.query_selector("#summary").unwrap().is_none());
    assert!(root.query_selector("#input-list").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn the_privacy_panel_links_to_the_page_in_its_language() {
    for (lang, page) in [(Lang::En, "privacy.html"), (Lang::Ja, "privacy.ja.html")] {
        let root = mount(Workbench::new(lang), html! { <PrivacyPanel /> }).await;
        let link = root.query_selector("#privacy-page").unwrap().expect("a link to the page");
        assert_eq!(link.get_attribute("href").as_deref(), Some(page), "{lang:?}");
    }
}

#[wasm_bindgen_test]
async fn sharing_warns_first_and_can_hide_account_ids() {
    let state = analysed(Lang::En, Some(DEPLOYER));
    let policy = "{\n  \"Statement\": [{\"Action\": \"lambda:GetFunction\", \"Effect\": \"Allow\", \"Resource\": \"arn:aws:lambda:eu-west-1:111122223333:function:app\"}],\n  \"Version\": \"2012-10-17\"\n}\n".to_owned();
    let root = mount(state, html! { <SharePanel policy={AttrValue::from(policy.clone())} lang={Lang::En} /> }).await;
    assert!(root.query_selector("#share-warning").unwrap().is_none(), "nothing until asked");
    click(&root, "#share-toggle").await;
    assert!(text_of(&root, "#share-warning").contains("account IDs"));
    assert!(root.query_selector("#share-link").unwrap().is_none(), "no link before the user confirms");
    click(&root, "#share-create").await;
    let link: web_sys::HtmlInputElement = root.query_selector("#share-link").unwrap().unwrap().unchecked_into();
    let address = link.value();
    let fragment = address.split_once('#').expect("the policy travels in the fragment").1;
    let shared = iam_workbench::share::policy_of_fragment(fragment).unwrap().unwrap();
    assert_eq!(shared, iam_workbench::share::with_placeholders(&policy));
    assert!(!shared.contains("111122223333") && shared.contains("${AccountId}"));
    // Without placeholders, the policy travels as it is.
    let checkbox: web_sys::HtmlInputElement = root.query_selector("#share-placeholders").unwrap().unwrap().unchecked_into();
    checkbox.click();
    yew::scheduler::flush().await;
    click(&root, "#share-create").await;
    let link: web_sys::HtmlInputElement = root.query_selector("#share-link").unwrap().unwrap().unchecked_into();
    assert_eq!(iam_workbench::share::policy_of_fragment(link.value().split_once('#').unwrap().1), Some(Ok(policy)));
}

#[wasm_bindgen_test]
async fn a_shared_policy_is_shown_read_only_or_explained() {
    let mut state = Workbench::new(Lang::Ja);
    state.shared_policy = Some(SharedPolicy::Invalid("壊れています".to_owned()));
    let root = mount(state, html! { <SharedPolicyPanel /> }).await;
    assert!(text_of(&root, "#shared-invalid").contains("リンクのポリシーを読み取れません"));
    let mut state = Workbench::new(Lang::En);
    state.shared_policy = Some(SharedPolicy::Policy("{\"Version\": \"2012-10-17\"}".to_owned()));
    let root = mount(state, html! { <SharedPolicyPanel /> }).await;
    assert_eq!(text_of(&root, "#shared-policy-json"), "{\"Version\": \"2012-10-17\"}");
    click(&root, "#shared-close").await;
    assert!(root.query_selector("#shared-policy").unwrap().is_none());
}

/// A fake `FileSystemFileEntry` holding `file`.
fn fake_file_entry(full_path: &str, file: &web_sys::File) -> JsValue {
    let entry = js_sys::Object::new();
    let name = full_path.rsplit('/').next().unwrap();
    js_sys::Reflect::set(&entry, &"isFile".into(), &true.into()).unwrap();
    js_sys::Reflect::set(&entry, &"isDirectory".into(), &false.into()).unwrap();
    js_sys::Reflect::set(&entry, &"name".into(), &name.into()).unwrap();
    js_sys::Reflect::set(&entry, &"fullPath".into(), &full_path.into()).unwrap();
    js_sys::Reflect::set(&entry, &"_file".into(), file).unwrap();
    // Answers later, as browsers do.
    let method = js_sys::Function::new_with_args("success, failure", "setTimeout(() => success(this._file), 0);");
    js_sys::Reflect::set(&entry, &"file".into(), &method).unwrap();
    entry.into()
}

/// A fake `FileSystemDirectoryEntry` whose reader answers one child per `readEntries` call,
/// then an empty batch (browsers answer in batches until an empty one).
fn fake_directory_entry(full_path: &str, children: Vec<JsValue>) -> JsValue {
    let entry = js_sys::Object::new();
    let name = full_path.rsplit('/').next().unwrap();
    js_sys::Reflect::set(&entry, &"isFile".into(), &false.into()).unwrap();
    js_sys::Reflect::set(&entry, &"isDirectory".into(), &true.into()).unwrap();
    js_sys::Reflect::set(&entry, &"name".into(), &name.into()).unwrap();
    js_sys::Reflect::set(&entry, &"fullPath".into(), &full_path.into()).unwrap();
    js_sys::Reflect::set(&entry, &"_children".into(), &children.into_iter().collect::<js_sys::Array>()).unwrap();
    let method = js_sys::Function::new_no_args(
        "const left = this._children.slice(); \
         return { readEntries(success, failure) { const batch = left.splice(0, 1); setTimeout(() => success(batch), 0); } };",
    );
    js_sys::Reflect::set(&entry, &"createReader".into(), &method).unwrap();
    entry.into()
}

fn file(name: &str, text: &str) -> web_sys::File {
    web_sys::File::new_with_str_sequence(&js_sys::Array::of1(&text.into()), name).unwrap()
}

#[wasm_bindgen_test]
async fn a_dropped_folder_is_walked_recursively_with_relative_paths() {
    let day = fake_directory_entry(
        "/AWSLogs/111122223333/CloudTrail/eu-west-1/2026/11/02",
        vec![
            fake_file_entry("/AWSLogs/111122223333/CloudTrail/eu-west-1/2026/11/02/b.json.gz", &file("b.json.gz", "b")),
            fake_file_entry("/AWSLogs/111122223333/CloudTrail/eu-west-1/2026/11/02/a.json.gz", &file("a.json.gz", "a")),
            fake_file_entry("/AWSLogs/111122223333/CloudTrail/eu-west-1/2026/11/02/.DS_Store", &file(".DS_Store", "x")),
        ],
    );
    let digest = fake_directory_entry(
        "/AWSLogs/111122223333/CloudTrail-Digest",
        vec![fake_file_entry("/AWSLogs/111122223333/CloudTrail-Digest/d.json.gz", &file("d.json.gz", "d"))],
    );
    let region = fake_directory_entry("/AWSLogs/111122223333/CloudTrail/eu-west-1/2026/11", vec![day]);
    let tree = fake_directory_entry(
        "/AWSLogs",
        vec![fake_directory_entry(
            "/AWSLogs/111122223333",
            vec![
                fake_directory_entry(
                    "/AWSLogs/111122223333/CloudTrail",
                    vec![fake_directory_entry(
                        "/AWSLogs/111122223333/CloudTrail/eu-west-1",
                        vec![fake_directory_entry("/AWSLogs/111122223333/CloudTrail/eu-west-1/2026", vec![region])],
                    )],
                ),
                digest,
            ],
        )],
    );
    let found = iam_workbench::browser::walk_directories(vec![tree]).await.expect("the fake tree is walked");
    let names: Vec<String> = found.iter().map(|source| source.name("")).collect();
    assert_eq!(
        names,
        [
            "AWSLogs/111122223333/CloudTrail-Digest/d.json.gz",
            "AWSLogs/111122223333/CloudTrail/eu-west-1/2026/11/02/a.json.gz",
            "AWSLogs/111122223333/CloudTrail/eu-west-1/2026/11/02/b.json.gz",
        ],
        "every file, by path, hidden files skipped"
    );
    assert_eq!(found[1].size(), 1);
}

#[wasm_bindgen_test]
async fn a_folder_that_cannot_be_listed_is_an_error_naming_it() {
    let broken = js_sys::Object::new();
    js_sys::Reflect::set(&broken, &"isDirectory".into(), &true.into()).unwrap();
    js_sys::Reflect::set(&broken, &"name".into(), &"locked".into()).unwrap();
    let method = js_sys::Function::new_no_args("return { readEntries(success, failure) { setTimeout(() => failure(new Error('permission denied')), 0); } };");
    js_sys::Reflect::set(&broken, &"createReader".into(), &method).unwrap();
    let error = iam_workbench::browser::walk_directories(vec![broken.into()]).await.expect_err("an error");
    assert!(error.contains("locked") && error.contains("permission denied"), "{error}");
}

const AUTHORIZATION_DETAILS: &str = include_str!("e2e/fixtures/authorization-details.json");
const UNUSED_ACCESS: &str = include_str!("e2e/fixtures/unused-access-finding.json");
const ACCESS_ADVISOR: &str = include_str!("e2e/fixtures/access-advisor.json");

/// The deployer's workspace over the CloudTrail fixture and these dropped exports.
async fn mount_workspace_with(lang: Lang, exports: &[(&str, &str)], children: Html) -> web_sys::Element {
    let mut ingest = Ingest::default();
    ingest.read_bytes("deployer-and-alice-1.json", FIXTURE.as_bytes());
    for (name, text) in exports {
        ingest.read_bytes(name, text.as_bytes());
    }
    let analysis = Rc::new(ingest.finish());
    let mut state = Workbench::new(lang);
    for (index, report) in analysis.files.iter().enumerate() {
        state.inputs.push(InputEntry { id: index as u32 + 1, name: report.name.clone(), size: 0, status: InputStatus::Read(Rc::new(report.clone())) });
    }
    state.analysis = Some(analysis);
    state.selected_principal = Some(DEPLOYER.to_owned());
    mount_with_catalog(state, html! { <WorkspaceProvider>{ children }</WorkspaceProvider> }).await
}

fn existing_text(root: &web_sys::Element) -> String {
    element(root, "#existing-policy").unchecked_into::<web_sys::HtmlTextAreaElement>().value()
}

#[wasm_bindgen_test]
async fn authorization_details_become_the_existing_policy_and_files_are_offered() {
    let generated = serde_json::json!({"generatedPolicyResult": {"generatedPolicies": [{"policy": serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::${BucketName}/*"}]
    }).to_string()}], "properties": {"principalArn": DEPLOYER}}})
    .to_string();
    let exports = [("authorization-details.json", AUTHORIZATION_DETAILS), ("access-analyzer.json", generated.as_str())];
    let root = mount_workspace_with(Lang::En, &exports, html! { <><DiffPanel /><PolicyEditor /></> }).await;
    yew::scheduler::flush().await;
    let sources = text_of(&root, "#policy-sources");
    assert!(sources.contains("Its policies now (authorization details): artifacts, deploy-functions"), "{sources}");
    assert!(sources.contains("Not in your files: arn:aws:iam::aws:policy/AWSCloudFormationReadOnlyAccess"), "{sources}");
    assert!(sources.contains("Access Analyzer's generated policy (access-analyzer.json; placeholders to fill in: 1)"), "{sources}");
    // What applies now is compared by itself.
    assert!(existing_text(&root).contains("lambda:DeleteFunction"), "{}", existing_text(&root));
    assert_eq!(element(&root, "#compare-source-0").get_attribute("aria-pressed").as_deref(), Some("true"));
    assert!(text_of(&root, "#unused-grants").contains("lambda:DeleteFunction"), "{}", text_of(&root, "#unused-grants"));
    // The Access Analyzer file instead, then into the editor.
    click(&root, "#compare-source-1").await;
    assert!(existing_text(&root).contains("${BucketName}"));
    assert_eq!(element(&root, "#compare-source-1").get_attribute("aria-pressed").as_deref(), Some("true"));
    click(&root, "#use-existing").await;
    assert!(editor_text(&root).contains("${BucketName}"));
}

#[wasm_bindgen_test]
async fn unused_access_findings_are_removed_from_both_policies() {
    let exports = [("authorization-details.json", AUTHORIZATION_DETAILS), ("unused-access-finding.json", UNUSED_ACCESS)];
    let root = mount_workspace_with(Lang::En, &exports, html! { <><DiffPanel /><UnusedAccessPanel /><PolicyEditor /></> }).await;
    yew::scheduler::flush().await;
    let listed = text_of(&root, "#unused-access");
    assert!(listed.contains("s3:DeleteObject — not used in the tracking period (in the existing policy)"), "{listed}");
    assert!(listed.contains("s3:PutObject — last used 2026-08-01"), "{listed}");
    assert!(listed.contains("sqs:* — not used in the tracking period (granted by neither)"), "{listed}");
    assert!(!is_rendered(&root, "button[aria-label=\"Remove sqs:* from the policies\"]"), "nothing to remove");
    click(&root, "button[aria-label=\"Remove s3:DeleteObject from the policies\"]").await;
    assert!(!existing_text(&root).contains("s3:DeleteObject"), "{}", existing_text(&root));
    // The existing policy into the editor: removing works on the hand-edited text too.
    click(&root, "#use-existing").await;
    assert!(editor_text(&root).contains("s3:PutObject"));
    click(&root, "button[aria-label=\"Remove s3:PutObject from the policies\"]").await;
    assert!(!editor_text(&root).contains("s3:PutObject"), "{}", editor_text(&root));
    assert!(!existing_text(&root).contains("s3:PutObject"));
}

#[wasm_bindgen_test]
async fn access_advisor_services_are_shown_in_japanese() {
    let root = mount_workspace_with(Lang::Ja, &[("access-advisor.json", ACCESS_ADVISOR)], html! { <LastAccessedPanel /> }).await;
    assert_eq!(text_of(&root, "#last-accessed-heading"), "サービスの最終アクセス（Access Advisor）");
    let sqs = text_of(&root, "tr[data-service=\"sqs\"]");
    assert!(sqs.contains("追跡期間中になし"), "{sqs}");
    let lambda = text_of(&root, "tr[data-service=\"lambda\"]");
    assert!(lambda.contains("2026-11-03") && lambda.contains("eu-west-1") && lambda.contains("✓"), "{lambda}");
}

#[wasm_bindgen_test]
async fn a_long_principal_table_grows_by_pages_and_few_call_warnings_are_counted() {
    let records: Vec<String> = (0..750)
        .map(|n| {
            format!(
                r#"{{"eventID":"{n}","eventSource":"s3.amazonaws.com","eventName":"ListBuckets","eventTime":"2026-01-01T00:00:00Z","userIdentity":{{"type":"IAMUser","arn":"arn:aws:iam::111122223333:user/u{n:04}"}}}}"#
            )
        })
        .collect();
    let mut ingest = Ingest::default();
    ingest.read_bytes("many.json", format!(r#"{{"Records":[{}]}}"#, records.join(",")).as_bytes());
    let mut state = Workbench::new(Lang::En);
    state.analysis = Some(Rc::new(ingest.finish()));
    let root = mount(state, html! { <><SummaryPanel /><PrincipalTable /></> }).await;
    // One "few calls" warning per principal: the first 20 listed, the rest counted.
    assert_eq!(root.query_selector_all("#summary-warnings li").unwrap().length(), 2 + 20 + 1, "no data events, coverage, 20 principals, the count");
    assert!(text_of(&root, "#summary-few-calls-more").contains("730 more principals"));
    let rows = |root: &web_sys::Element| root.query_selector_all("#principals tbody tr").unwrap().length();
    assert_eq!(rows(&root), 200);
    assert_eq!(text_of(&root, "#more-principals"), "Show 500 more (of 750)");
    assert!(!is_rendered(&root, "#fewer-principals"));
    click(&root, "#more-principals").await;
    assert_eq!(rows(&root), 700);
    assert_eq!(text_of(&root, "#more-principals"), "Show 50 more (of 750)");
    click(&root, "#more-principals").await;
    assert_eq!(rows(&root), 750);
    assert!(!is_rendered(&root, "#more-principals"));
    click(&root, "#fewer-principals").await;
    assert_eq!(rows(&root), 200);
}

/// The worker's blob reader gives back every byte, in order, in pieces of at most 4 MiB, through
/// the byte stream (Chromium has one) and through the slice fallback alike; an empty blob ends
/// at once.
#[wasm_bindgen_test]
async fn blob_reader_reads_every_byte_through_the_stream_and_the_fallback() {
    use iam_workbench::browser::BlobReader;
    let size = 2 * BlobReader::PIECE_BYTES as usize + 1_000_003;
    let bytes: Vec<u8> = (0..size).map(|index| (index % 251) as u8).collect();
    // Two parts, so the blob is not one buffer underneath.
    let parts = js_sys::Array::of2(&js_sys::Uint8Array::from(&bytes[..12_345]), &js_sys::Uint8Array::from(&bytes[12_345..]));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).unwrap();
    for mut reader in [BlobReader::new(&blob), BlobReader::sliced(&blob)] {
        let streams = reader.streams();
        let mut read = Vec::new();
        let mut pieces = 0;
        while let Some(piece) = reader.next().await.unwrap() {
            assert!(piece.length() <= BlobReader::PIECE_BYTES);
            read.extend(piece.to_vec());
            pieces += 1;
        }
        assert!(read == bytes, "streams={streams}: {} bytes read of {}", read.len(), bytes.len());
        assert!(pieces >= 3, "streams={streams}: {pieces} pieces");
        assert!(reader.next().await.unwrap().is_none(), "the end stays the end");
    }
    assert!(BlobReader::new(&blob).streams(), "Chromium's blobs have a byte stream");
    let empty = web_sys::Blob::new().unwrap();
    for mut reader in [BlobReader::new(&empty), BlobReader::sliced(&empty)] {
        assert!(reader.next().await.unwrap().is_none());
    }
}

/// Once every input is read and the job still runs (the worker finishes the analysis, the page
/// decodes it), the progress says so rather than naming no file.
#[wasm_bindgen_test]
async fn the_progress_says_when_everything_is_read_and_the_analysis_is_being_put_together() {
    use iam_workbench::state::Job;
    for (lang, expected) in [(Lang::En, "putting the analysis together"), (Lang::Ja, "分析をまとめています")] {
        let mut state = analysed(lang, None);
        state.job = Some(Job { job_id: 9, total_bytes: state.inputs.iter().map(|input| input.size).sum(), previous_statuses: Vec::new() });
        let root = mount(state.clone(), html! { <InputPanel /> }).await;
        assert!(text_of(&root, "#progress-finishing").contains(expected), "{}", text_of(&root, "#progress-region"));
        assert!(root.query_selector("#cancel").unwrap().is_some(), "it can still be cancelled");
        state.inputs[0].status = InputStatus::Reading { bytes: 1, events: 0 };
        let root = mount(state, html! { <InputPanel /> }).await;
        assert!(root.query_selector("#progress-finishing").unwrap().is_none(), "a file is still being read");
    }
}

/// A database left at a higher version (a newer release, or tampering) made every save fail for
/// good (`VersionError`): it is now deleted and made again, and the reason is kept for the page to
/// say. A file that stopped the worker is named in its row, in both languages.
#[wasm_bindgen_test]
async fn storage_recovers_from_a_database_of_a_newer_version_and_says_so() {
    use iam_workbench::browser;
    let factory = web_sys::window().unwrap().indexed_db().unwrap().unwrap();
    let request = factory.open_with_u32("iam-workbench", 7).unwrap();
    let opened = js_sys::Promise::new(&mut |resolve, reject| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    });
    wasm_bindgen_futures::JsFuture::from(opened).await.unwrap();
    let database: web_sys::IdbDatabase = request.result().unwrap().unchecked_into();
    database.close();
    assert_eq!(browser::storage_get("session").await, Ok(None));
    let reset = browser::take_storage_reset().expect("the reset is reported");
    assert!(reset.starts_with("VersionError"), "{reset}");
    assert_eq!(browser::take_storage_reset(), None, "said once");
    browser::storage_put(&[("session", b"x")]).await.unwrap();
    assert_eq!(browser::storage_get("session").await, Ok(Some(b"x".to_vec())));
    browser::storage_clear().await.unwrap();
}

#[wasm_bindgen_test]
async fn a_file_that_stopped_the_worker_is_named_in_its_row() {
    for (lang, expected) in [(Lang::En, "the reading worker stopped while reading this file"), (Lang::Ja, "ワーカーが停止")] {
        let mut state = analysed(lang, None);
        state.inputs[0].status = InputStatus::Failed("Uncaught RuntimeError: unreachable".to_owned());
        let root = mount(state, html! { <InputPanel /> }).await;
        let row = text_of(&root, "#input-list li.failed");
        assert!(row.contains(expected) && row.contains("Uncaught RuntimeError: unreachable"), "{row}");
    }
}
