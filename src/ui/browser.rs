//! The browser glue the components need: mounting, the URL query and history, timers
//! and the popstate listener (gloo's), and the clipboard. Kept in one place so components stay declarative.

use gloo::events::EventListener;
use gloo::timers::callback::{Interval, Timeout};
use wasm_bindgen_futures::JsFuture;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// Mounts the app into `#vpc-cni-calc` if the host page has it, else into `<body>`.
pub fn mount() {
    let Some(doc) = window().and_then(|w| w.document()) else {
        return;
    };
    let root = doc
        .get_element_by_id("vpc-cni-calc")
        .or_else(|| doc.body().map(Into::into));
    if let Some(root) = root {
        yew::Renderer::<super::App>::with_root(root).render();
    }
}

/// The current query string, without `?`.
pub fn query() -> String {
    window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default()
        .trim_start_matches('?')
        .to_string()
}

/// The value of the link key `name` in the current query, decoded.
pub fn param(name: &str) -> Option<String> {
    query()
        .split('&')
        .filter_map(|p| p.split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| crate::form::decode(v))
}

/// Moves the keyboard focus to the element with this id, if there is one.
pub fn focus(id: &str) {
    use wasm_bindgen::JsCast;
    let el = window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id));
    if let Some(el) = el.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        el.focus().ok();
    }
}

/// Whether the page runs in the compact `?embed=1` layout.
pub fn is_embed() -> bool {
    query().split('&').any(|p| p == "embed=1" || p == "embed=true")
}

thread_local! {
    /// The one query key the newest history entry changed, so further edits to it replace that entry.
    static LAST_KEY: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Records `query` in the history. `replace` rewrites the current entry instead of adding one: for a
/// link just opened or a back/forward restore (normalising the query is not a step the user took), and
/// always inside an iframe (`?embed=1`), so the host page's Back button leaves it in one press.
/// Otherwise each change is a new entry, except that consecutive edits of the same field (typing "737"
/// into pods) fold into one, so Back undoes a field, not a keystroke.
pub fn push_query(query: &str, replace: bool) {
    let Some(w) = window() else { return };
    let embed = is_embed();
    let mut q = query.to_string();
    if embed {
        q = if q.is_empty() {
            "embed=1".into()
        } else {
            format!("{q}&embed=1")
        };
    }
    if replace {
        // A restored form starts a new run of edits: the next edit is a new entry, whatever its field.
        LAST_KEY.with(|k| *k.borrow_mut() = None);
    }
    if self::query() == q {
        return;
    }
    let url = if q.is_empty() {
        w.location().pathname().unwrap_or_default()
    } else {
        format!("?{q}")
    };
    let changed = crate::form::changed_keys(&self::query(), &q);
    // Moving through the steps or the snippet tabs is looking, not editing: it rewrites the entry.
    let replace = replace || changed.iter().all(|k| crate::form::VIEW_KEYS.contains(&k.as_str()));
    let key = (changed.len() == 1 && !replace).then(|| changed[0].clone());
    let same_field = key.is_some() && LAST_KEY.with(|k| *k.borrow() == key);
    LAST_KEY.with(|k| *k.borrow_mut() = key);
    if let Ok(h) = w.history() {
        if replace || embed || same_field {
            h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
                .ok();
        } else {
            h.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url)).ok();
        }
    }
}

/// A `performance.measure` named `name` (by convention `vpc:…`) from now until the value is dropped,
/// so the cost of every core computation an edit triggers can be read in DevTools. Only the newest
/// measure of each name is kept, so the timeline buffer stays small however long the page runs.
pub struct Measure {
    name: &'static str,
}

pub fn measure(name: &'static str) -> Measure {
    if let Some(p) = window().and_then(|w| w.performance()) {
        p.mark(name).ok();
    }
    Measure { name }
}

impl Drop for Measure {
    fn drop(&mut self) {
        if let Some(p) = window().and_then(|w| w.performance()) {
            p.clear_measures_with_measure_name(self.name);
            p.measure_with_start_mark(self.name, self.name).ok();
            p.clear_marks_with_mark_name(self.name);
        }
    }
}

/// Calls `f` on every `popstate` (back/forward) until the listener is dropped.
pub fn on_popstate(f: impl Fn() + 'static) -> Option<EventListener> {
    window().map(|w| EventListener::new(&w, "popstate", move |_| f()))
}

/// Calls `f` every `ms` milliseconds until the interval is dropped.
pub fn every(ms: u32, f: impl Fn() + 'static) -> Interval {
    Interval::new(ms, f)
}

/// Calls `f` once after `ms` milliseconds.
pub fn after(ms: u32, f: impl FnOnce() + 'static) {
    Timeout::new(ms, f).forget();
}

/// Writes `text` to the clipboard; `done(true)` once it is there, `done(false)` if refused.
pub fn copy(text: &str, done: impl FnOnce(bool) + 'static) {
    let Some(w) = window() else { return done(false) };
    let written = JsFuture::from(w.navigator().clipboard().write_text(text));
    wasm_bindgen_futures::spawn_local(async move { done(written.await.is_ok()) });
}
