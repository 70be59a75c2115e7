//! The JavaScript API's wasm (`--features js-api`): no page, only the exports of `ui::api` (`plan`, `cluster`,
//! `snippet`), which `www/api.js` loads. The page's wasm is built without them.

fn main() {
    // Keeps the exports and the wasm-bindgen intrinsics they use in the binary.
    std::hint::black_box((
        vpc_cni_calc::ui::api::plan,
        vpc_cni_calc::ui::api::cluster,
        vpc_cni_calc::ui::api::snippet,
    ));
}
