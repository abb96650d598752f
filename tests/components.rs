//! Browser tests of the page's components (wasm32 only): each component is mounted inside the
//! workbench provider with a prepared model, rendered in headless Chromium, and its DOM read.
//! Run by `scripts/test.sh` through `wasm-bindgen-test-runner`.
#![cfg(target_arch = "wasm32")]

use iam_engine::Ingest;
use iam_workbench::components::app::{App, WorkbenchProvider};
use iam_workbench::components::findings_panel::FindingsPanel;
use iam_workbench::components::input_panel::InputPanel;
use iam_workbench::components::policy_panel::PolicyPanel;
use iam_workbench::components::principal_table::PrincipalTable;
use iam_workbench::components::privacy_panel::PrivacyPanel;
use iam_workbench::components::share_panel::SharePanel;
use iam_workbench::components::shared_policy_panel::SharedPolicyPanel;
use iam_workbench::components::summary_panel::SummaryPanel;
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

#[derive(Properties, PartialEq)]
struct HarnessProps {
    initial: Workbench,
    children: Html,
}

#[component(Harness)]
fn harness(props: &HarnessProps) -> Html {
    html! { <WorkbenchProvider initial={props.initial.clone()}>{ props.children.clone() }</WorkbenchProvider> }
}

async fn mount(initial: Workbench, children: Html) -> web_sys::Element {
    let document = gloo_document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<Harness>::with_root_and_props(root.clone(), HarnessProps { initial, children }).render();
    yew::scheduler::flush().await;
    root
}

fn gloo_document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn text_of(root: &web_sys::Element, selector: &str) -> String {
    root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("{selector} is rendered")).text_content().unwrap_or_default()
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
async fn choosing_a_principal_shows_its_policy_and_command() {
    let root = mount(analysed(Lang::En, None), html! { <><PrincipalTable /><PolicyPanel /></> }).await;
    assert!(root.query_selector("#policy-json").unwrap().is_none(), "no policy before a choice");
    let button: web_sys::HtmlElement = root.query_selector(&format!("button[aria-label=\"Choose {DEPLOYER}\"]")).unwrap().unwrap().unchecked_into();
    button.click();
    yew::scheduler::flush().await;
    let policy = text_of(&root, "#policy-json");
    let expected =
        iam_engine::generate(analysed(Lang::En, None).analysis.unwrap().activity.principal(DEPLOYER).unwrap(), &Default::default()).to_canonical_json();
    assert_eq!(policy, expected);
    assert!(policy.contains("\"lambda:UpdateFunctionCode\""));
    assert!(text_of(&root, "#cli-command").starts_with("iamwb generate --principal arn:aws:iam::111122223333:role/ci/deployer"));
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

fn hostile_analysis() -> Workbench {
    let mut ingest = Ingest::default();
    ingest.read_bytes(HOSTILE, HOSTILE_FIXTURE.as_bytes());
    let analysis = Rc::new(ingest.finish());
    let report = Rc::new(analysis.files[0].clone());
    let mut state = Workbench::new(Lang::En);
    state.inputs.push(InputEntry { id: 1, name: HOSTILE.to_owned(), size: HOSTILE_FIXTURE.len() as u64, status: InputStatus::Read(report) });
    state.selected_principal = analysis.activity.principals.first().map(|principal| principal.arn.clone());
    state.analysis = Some(analysis);
    state
}

const HOSTILE_FIXTURE: &str = include_str!("e2e/fixtures/hostile.json");
/// The file name itself is hostile too.
const HOSTILE: &str = "<img src=x onerror=alert(1)>.json";
const PAYLOAD: &str = "<img src=x onerror=alert(1)>";

#[wasm_bindgen_test]
async fn hostile_content_renders_as_text_in_every_component() {
    let state = hostile_analysis();
    let policy: AttrValue = state.current_policy_text().expect("a policy for the hostile principal").into();
    let components: Vec<(&str, Html)> = vec![
        ("input panel", html! { <InputPanel /> }),
        ("summary", html! { <SummaryPanel /> }),
        ("findings", html! { <FindingsPanel /> }),
        ("principals", html! { <PrincipalTable /> }),
        ("policy", html! { <PolicyPanel /> }),
        ("share", html! { <SharePanel policy={policy.clone()} lang={Lang::En} /> }),
        ("privacy", html! { <PrivacyPanel /> }),
    ];
    for (name, component) in components {
        let root = mount(state.clone(), component).await;
        // Open every disclosure so nothing hides from the check.
        for details in node_list(&root, "details") {
            details.set_attribute("open", "").unwrap();
        }
        yew::scheduler::flush().await;
        assert!(root.query_selector("img, script, [onerror]").unwrap().is_none(), "{name}: markup from the data became elements: {}", root.inner_html());
        let text = root.text_content().unwrap_or_default();
        if name != "privacy" && name != "share" {
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

async fn click(root: &web_sys::Element, selector: &str) {
    let element: web_sys::HtmlElement = root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("{selector} is rendered")).unchecked_into();
    element.click();
    yew::scheduler::flush().await;
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
