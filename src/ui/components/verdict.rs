//! The answer, first on every screen: one sentence and whether it fits. It takes plain data, so the
//! single-group report and the cluster feed it alike.

use yew::prelude::*;

/// The verdict line; `fits` is `None` when there is nothing to judge against (no subnet). A plain
/// function rather than a component: it has no state, and each component costs wasm.
pub fn verdict(text: &str, fits: Option<bool>) -> Html {
    let class = match fits {
        Some(true) => "ok",
        Some(false) => "bad",
        None => "open",
    };
    html! {
        <p class={classes!("answer", class)} role="status" aria-live="polite" data-testid="verdict">{text}</p>
    }
}
