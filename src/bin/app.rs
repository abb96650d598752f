//! Entry point of the page.
fn main() {
    yew::Renderer::<iam_workbench::App>::new().render();
}
