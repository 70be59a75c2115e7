//! The answer, first on every screen: one sentence and whether it fits. It takes plain data, so the
//! single-group report and the cluster feed it alike.

use crate::ui::dom::{self, Attrs, S};
use yew::Html;

/// The verdict line; `fits` is `None` when there is nothing to judge against (no subnet). A plain
/// function rather than a component: it has no state, and each component costs wasm.
pub fn verdict(text: &str, fits: Option<bool>) -> Html {
    let attrs: Attrs = match fits {
        Some(true) => &[
            ("class", S("answer ok")),
            ("role", S("status")),
            ("aria-live", S("polite")),
            ("data-testid", S("verdict")),
        ],
        Some(false) => &[
            ("class", S("answer bad")),
            ("role", S("status")),
            ("aria-live", S("polite")),
            ("data-testid", S("verdict")),
        ],
        None => &[
            ("class", S("answer open")),
            ("role", S("status")),
            ("aria-live", S("polite")),
            ("data-testid", S("verdict")),
        ],
    };
    dom::owned("p", attrs, text.to_string())
}
