//! The JavaScript API (feature `js-api`): `plan`, `cluster` and `snippet` over `crate::api`, taking and
//! returning plain JS objects through serde-wasm-bindgen (JSON-compatible: objects, not `Map`s), and throwing
//! an `Error` with the CLI's one-line message. They are exported from their own wasm,
//! `src/bin/vpc-cni-calc-api.rs`, not the page's: exported from the page's wasm they cost it 38 KB gzip
//! (measured, `make dist`: the cluster planner, which the page does not use yet, and the report's `Serialize`
//! code), far past its 200 KB budget. `www/api.js` loads that wasm and re-exports them; `www/api.d.ts`
//! declares them.

use serde::Serialize;
use wasm_bindgen::prelude::*;

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

fn from_js<T: serde::de::DeserializeOwned>(value: JsValue) -> Result<T, JsError> {
    serde_wasm_bindgen::from_value(value).map_err(|e| JsError::new(&crate::cli::one_line(&e.to_string())))
}

/// `plan(scenario)`: what `vpc-cni-calc plan … --json` prints, as an object.
#[wasm_bindgen]
pub fn plan(scenario: JsValue) -> Result<JsValue, JsError> {
    let report = crate::api::plan(from_js(scenario)?).map_err(|e| JsError::new(&e))?;
    to_js(&report)
}

/// `cluster(spec)`: what `vpc-cni-calc cluster SPEC.json --json` prints, as an object.
#[wasm_bindgen]
pub fn cluster(spec: JsValue) -> Result<JsValue, JsError> {
    let report = crate::api::cluster(&from_js(spec)?).map_err(|e| JsError::new(&e))?;
    to_js(&report)
}

/// `snippet(format, settings)`: what `vpc-cni-calc snippet FORMAT KEY=VALUE…` prints.
#[wasm_bindgen]
pub fn snippet(format: &str, settings: JsValue) -> Result<String, JsError> {
    let settings = if settings.is_undefined() || settings.is_null() {
        Default::default()
    } else {
        from_js(settings)?
    };
    crate::api::snippet(format, &settings).map_err(|e| JsError::new(&e))
}
