//! Browser tests of the page's components (wasm32 only): each component is mounted inside the
//! workbench provider with a prepared model, rendered in headless Chromium, and its DOM read.
//! Run by `scripts/test.sh` through `wasm-bindgen-test-runner`.
#![cfg(target_arch = "wasm32")]

use iam_engine::Ingest;
use iam_workbench::components::app::{App, WorkbenchProvider};
use iam_workbench::components::input_panel::InputPanel;
use iam_workbench::components::policy_panel::PolicyPanel;
use iam_workbench::components::principal_table::PrincipalTable;
use iam_workbench::components::summary_panel::SummaryPanel;
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
    assert_eq!(text_of(&root, "#summary-span"), "2026-11-02T09:00:30Z – 2026-11-02T09:04:00Z");
    let services = text_of(&root, "#summary-services");
    assert!(services.contains("s3 (2)") && services.contains("lambda (2)"), "{services}");
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
