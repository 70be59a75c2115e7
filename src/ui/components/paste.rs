//! "Paste your current config": today's `aws-node` settings, pasted, fill the settings fields. The page reads
//! JSON (a DaemonSet, a manifest as a JSON `List`, `aws eks describe-addon` output, add-on
//! `configurationValues` or Helm values as JSON) and `kubectl set env daemonset/aws-node -n kube-system
//! --list` output; YAML is the CLI's only (a YAML parser would break the page's size budget).
//! Read in the browser by the same importer as `vpc-cni-calc settings import`; nothing is sent anywhere.
//! `outcome_line` and `with_warnings` are every paste box's.

use crate::import::settings::{import, ImportedSettings};
use crate::ui::dom::{H, NONE, S};
use crate::ui::state::Action;
use crate::warning::Warning;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PasteProps {
    pub on_action: Callback<Action>,
}

/// What a paste did, said in one line (with the importer's warnings).
fn outcome(i: &ImportedSettings) -> String {
    let changes = i.cni_env().changes();
    let out = format!(
        "Read the aws-node settings of {}: {} to the shipped ones.",
        i.source,
        match changes.len() {
            0 => "no change".to_string(),
            1 => "1 change".to_string(),
            n => format!("{n} changes"),
        }
    );
    with_warnings(out, &i.warnings)
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

/// A paste box's last outcome: a status line, or a one-line alert (the form keeps its last valid values).
/// Before any paste, one empty node in its place, so the box's children keep their places.
pub fn outcome_line(h: &mut H, message: &Option<Result<String, String>>) {
    match message {
        Some(Ok(m)) => h.owned("p", &[("class", S("note")), ("role", S("status"))], m.clone()),
        Some(Err(e)) => h.owned("p", &[("class", S("error")), ("role", S("alert"))], e.clone()),
        None => h.node(Html::default()),
    };
}

#[component]
pub fn Paste(props: &PasteProps) -> Html {
    let text = use_node_ref();
    let message = use_state(|| None::<Result<String, String>>);
    let on_fill = {
        let (text, message, on_action) = (text.clone(), message.clone(), props.on_action.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(area) = text.cast::<HtmlTextAreaElement>() else {
                return;
            };
            // The page models exactly the pasted env: a variable it lacks is unset (ipamd's default, a `-`
            // in its field), and one without ENABLE_IPv4=true or ENABLE_IPv6=true gets the CLI's refusal.
            let read = import(&area.value()).and_then(|i| {
                crate::config::check_ip_families(&i.cni_env()).map_err(|e| e.to_string())?;
                Ok(i)
            });
            match read {
                Ok(i) => {
                    message.set(Some(Ok(outcome(&i))));
                    on_action.emit(Action::PasteSettings(i.cni_env().changes()));
                }
                Err(e) => message.set(Some(Err(e))),
            }
        })
    };
    let mut h = H::new();
    h.open("details", &[("class", S("paste"))])
        .text("summary", NONE, "Paste your current config");
    h.text(
        "label",
        &[("for", S("f-paste-settings"))],
        "aws-node's settings: kubectl get ds aws-node -n kube-system -o json, or kubectl set env daemonset/aws-node -n kube-system --list",
    );
    h.node(html! { <textarea id="f-paste-settings" ref={text} rows="4" spellcheck="false" /> });
    h.text("p", &[("class", S("hint"))], HINT);
    h.node(html! { <button type="button" onclick={on_fill}>{"Fill the settings"}</button> });
    outcome_line(&mut h, &message);
    h.finish()
}

const HINT: &str = "The page reads JSON (the DaemonSet, a manifest as a JSON List, aws eks describe-addon \
    output, add-on configurationValues or Helm values as JSON) and kubectl set env --list output; for YAML use \
    the CLI: vpc-cni-calc settings import FILE. A setting the paste does not set shows as - (unset: ipamd's \
    default applies). Nothing is sent anywhere: it is read in your browser.";
