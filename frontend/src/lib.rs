//! The showcase's browser entry point, compiled to WebAssembly by cargo-leptos.

/// Called by the hydration script the server puts in every page.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    kiln::hydrate(app::App);
}
