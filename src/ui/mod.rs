//! The Yew page (feature `ui`, wasm only): one reducer over the user's inputs; the report, the errors and
//! the snippets are derived from the core on every change. The only place that names yew, web-sys or
//! wasm-bindgen.

#[cfg(feature = "js-api")]
pub mod api;
pub mod app;
pub mod browser;
pub mod components;
pub mod dom;
pub mod state;

#[cfg(all(test, target_arch = "wasm32"))]
mod tests;

pub use app::App;
