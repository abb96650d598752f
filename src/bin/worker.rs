//! Entry point of the Web Worker that reads inputs.
fn main() {
    iam_workbench::worker::start();
}
