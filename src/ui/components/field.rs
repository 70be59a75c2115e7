//! A labelled text field with its help line, the value used when empty, the reason it is disabled, and its
//! inline error. Text, not `type=number`, so whatever the user typed stays visible and gets a message.

use crate::form::Field;
use crate::ui::dom::{Attrs, H, S};
use crate::ui::state::Action;
use web_sys::HtmlInputElement;
use yew::prelude::*;

pub struct FieldProps<'a> {
    pub field: Field,
    pub value: String,
    /// What ipamd uses when the field is empty.
    pub placeholder: String,
    pub error: Option<&'a String>,
    pub disabled: Option<&'static str>,
    pub numeric: bool,
    pub on_action: &'a Callback<Action>,
}

/// The element id for a field.
pub fn id(field: Field) -> String {
    format!("f-{}", field.key().to_ascii_lowercase())
}

/// A plain function rather than a component: a component of its own costs the page's wasm its lifecycle
/// code, and the inputs panel re-renders its fields together anyway.
pub fn text_field(h: &mut H, props: FieldProps) {
    let FieldProps {
        field,
        value,
        placeholder,
        error,
        disabled,
        numeric,
        on_action,
    } = props;
    let id = id(field);
    let help_id = format!("{id}-help");
    let err_id = format!("{id}-err");
    let oninput = on_action
        .reform(move |e: InputEvent| Action::SetField(field, e.target_unchecked_into::<HtmlInputElement>().value()));
    let described = if error.is_some() {
        format!("{help_id} {err_id}")
    } else {
        help_id.clone()
    };
    let class: Attrs = match (error.is_some(), disabled.is_some()) {
        (false, false) => &[("class", S("field"))],
        (true, false) => &[("class", S("field invalid"))],
        (false, true) => &[("class", S("field disabled"))],
        (true, true) => &[("class", S("field invalid disabled"))],
    };
    // The label, the help and the error name the field's id, computed: they stay in `html!`.
    h.open("div", class).node(html! { <>
        <label for={id.clone()}>{field.label()}</label>
        <input
            id={id}
            type="text"
            inputmode={numeric.then_some("numeric")}
            autocomplete="off"
            spellcheck="false"
            value={value}
            placeholder={placeholder}
            disabled={disabled.is_some()}
            aria-invalid={error.is_some().then_some("true")}
            aria-describedby={described}
            {oninput}
        />
        <small id={help_id}>
            { disabled.map_or(field.help().to_string(), |why| format!("Disabled: {why}.")) }
        </small>
        if let Some(e) = error {
            <p class="error" id={err_id} role="alert">{e.clone()}</p>
        }
    </> });
    h.close();
}
