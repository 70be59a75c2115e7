//! "Paste an instance type": `aws ec2 describe-instance-types` output pasted on the page defines its types
//! (read by the same importer as `--instance-data`, `import::instances::parse_page`) and picks the first in
//! the selected node group. The definitions are form inputs, so the link carries them (`form::types`).
//! Read in the browser; nothing is sent anywhere.

use crate::form::check_types;
use crate::import::instances::parse_page;
use crate::ui::dom::{H, NONE, S};
use crate::ui::state::Action;
use crate::vpc::InstanceTypeLimits;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PasteTypesProps {
    pub on_action: Callback<Action>,
}

/// What a paste defined, in one line: each type with its ENIs × IPv4 per ENI, and the one picked.
fn outcome(types: &[InstanceTypeLimits]) -> String {
    let each: Vec<String> = types
        .iter()
        .map(|t| format!("{} ({} ENIs × {} IPv4 per ENI)", t.name, t.eni_limit, t.ipv4_limit))
        .collect();
    format!(
        "Defined {}; {} is the selected node group's instance type.",
        each.join(", "),
        types.first().map_or("", |t| t.name.as_str())
    )
}

#[component]
pub fn PasteTypes(props: &PasteTypesProps) -> Html {
    let text = use_node_ref();
    let message = use_state(|| None::<Result<String, String>>);
    let on_define = {
        let (text, message, on_action) = (text.clone(), message.clone(), props.on_action.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(area) = text.cast::<HtmlTextAreaElement>() else {
                return;
            };
            match parse_page(&area.value()).and_then(|t| check_types(&t).map(|()| t)) {
                Ok(types) => {
                    message.set(Some(Ok(outcome(&types))));
                    on_action.emit(Action::DefineTypes(types));
                }
                Err(e) => message.set(Some(Err(e))),
            }
        })
    };
    let mut h = H::new();
    h.open("details", &[("class", S("paste-types"))])
        .text("summary", NONE, "Paste an instance type");
    h.text(
        "label",
        &[("for", S("f-paste-types"))],
        "Output of aws ec2 describe-instance-types --instance-types TYPE",
    );
    h.node(html! { <textarea id="f-paste-types" ref={text} rows="4" spellcheck="false" /> });
    h.text("p", &[("class", S("hint"))], HINT);
    h.node(html! { <button type="button" onclick={on_define}>{"Define the type"}</button> });
    outcome_line(&mut h, message.as_ref());
    h.finish()
}

/// A paste box's last outcome: what it did as a status, or why it refused as an alert (one placeholder node
/// before any paste, so the nodes before it keep their place).
pub fn outcome_line(h: &mut H, message: Option<&Result<String, String>>) {
    match message {
        Some(Ok(m)) => h.owned("p", &[("class", S("note")), ("role", S("status"))], m.clone()),
        Some(Err(e)) => h.owned("p", &[("class", S("error")), ("role", S("alert"))], e.clone()),
        None => h.node(Html::default()),
    };
}

const HINT: &str = "One type's JSON, or a few (at most 8), read as --instance-data reads it; the link keeps \
    their limits. Nothing is sent anywhere: it is read in your browser.";
