//! The JS boundary: the wasm-bindgen exports (wasm32 only).

#[cfg(target_arch = "wasm32")]
pub mod wasm;
