// The reading worker's entry (see src/worker.rs): loads wasm-bindgen's no-modules script, then the
// worker's wasm, both from this folder. Written here rather than by Trunk's `data-loader-shim`,
// whose shim passes the wasm's path the deprecated way and logs a warning in every worker.
importScripts("./worker.js");
wasm_bindgen({ module_or_path: "./worker_bg.wasm" });
