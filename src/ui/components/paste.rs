//! The page's paste boxes, one component for all three kinds (`paste_settings`, `paste_nodes`,
//! `paste_types`): a kind says what the box is called, its text areas and hint, and how its importer turns
//! the pasted text into an action on the form. Read in the browser by the CLI's importers; nothing is sent
//! anywhere, and every box says so. A bad paste gets a one-line alert and the form keeps its values.

use crate::ui::dom::{Attrs, H, NONE, S};
use crate::ui::state::Action;
use crate::warning::Warning;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// One kind of paste box.
pub struct Kind {
    /// The `details` element's attributes (its class).
    pub attrs: Attrs,
    pub summary: &'static str,
    /// Each text area's id and label: one, or two (the second optional to the importer).
    pub fields: &'static [(&'static str, &'static str)],
    pub hint: &'static str,
    pub button: &'static str,
    pub read: Read,
}

/// A kind's importer: the text areas' values in, the outcome line and the form's action out, or why not.
pub type Read = fn(&[String]) -> Result<(String, Action), String>;

#[derive(Properties)]
pub struct PasteProps {
    pub kind: &'static Kind,
    pub on_action: Callback<Action>,
}

impl PartialEq for PasteProps {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.kind, other.kind) && self.on_action == other.on_action
    }
}

/// A paste's outcome line followed by the importer's warnings, each a sentence.
pub fn with_warnings(mut out: String, warnings: &[Warning]) -> String {
    for w in warnings {
        out.push(' ');
        out.push_str(&w.message);
        out.push('.');
    }
    out
}

#[component]
pub fn Paste(props: &PasteProps) -> Html {
    let kind = props.kind;
    // Hooks run unconditionally: a one-field kind leaves the second ref unused.
    let refs = [use_node_ref(), use_node_ref()];
    let message = use_state(|| None::<Result<String, String>>);
    let on_read = {
        let (refs, message, on_action) = (refs.clone(), message.clone(), props.on_action.clone());
        Callback::from(move |_: MouseEvent| {
            let texts: Vec<String> = refs
                .iter()
                .take(kind.fields.len())
                .map(|r| r.cast::<HtmlTextAreaElement>().map(|a| a.value()).unwrap_or_default())
                .collect();
            match (kind.read)(&texts) {
                Ok((line, action)) => {
                    message.set(Some(Ok(line)));
                    on_action.emit(action);
                }
                Err(e) => message.set(Some(Err(e))),
            }
        })
    };
    let mut h = H::new();
    h.open("details", kind.attrs).text("summary", NONE, kind.summary);
    for ((id, label), r) in kind.fields.iter().zip(&refs) {
        h.node(html! { <label for={*id}>{*label}</label> });
        h.node(html! { <textarea id={*id} ref={r.clone()} rows="4" spellcheck="false" /> });
    }
    h.text("p", &[("class", S("hint"))], kind.hint);
    h.node(html! { <button type="button" onclick={on_read}>{kind.button}</button> });
    // The last outcome: a status line, or a one-line alert; before any paste one empty node in its place,
    // so the box's children keep their places.
    match &*message {
        Some(Ok(m)) => h.owned("p", &[("class", S("note")), ("role", S("status"))], m.clone()),
        Some(Err(e)) => h.owned("p", &[("class", S("error")), ("role", S("alert"))], e.clone()),
        None => h.node(Html::default()),
    };
    h.finish()
}
