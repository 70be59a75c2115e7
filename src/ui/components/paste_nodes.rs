//! "Paste your nodes and pods": `kubectl get nodes -o json`, and optionally `kubectl get pods -A -o json`,
//! become the cluster editor's node groups (name, instance type, pods of the busiest node, nodes, AZs). Read
//! in the browser by the same importer as `vpc-cni-calc cluster --from-kubectl`; the subnets stay as typed,
//! for the user to fill in; nothing is sent anywhere.

use super::paste::{outcome_line, with_warnings, PasteProps};
use crate::cluster::ClusterSpec;
use crate::form::MAX_ROWS;
use crate::import::kubectl::read_cluster;
use crate::ui::dom::{H, NONE, S};
use crate::ui::state::Action;
use crate::words::count;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// What a paste read, said in one line: the groups and nodes, what the editor leaves out, the warnings.
fn outcome(spec: &ClusterSpec, with_pods: bool, warnings: &[crate::warning::Warning]) -> String {
    let groups = spec.node_groups.len();
    let nodes = spec.node_groups.iter().fold(0u32, |n, g| n.saturating_add(g.nodes));
    let cut = if groups > MAX_ROWS {
        format!(": the editor holds the first {MAX_ROWS}")
    } else {
        String::new()
    };
    let out = format!(
        "Read {} ({}){cut}.{} Add the subnets they use.",
        count(groups as i64, "node group", "node groups"),
        count(i64::from(nodes), "node", "nodes"),
        if with_pods {
            ""
        } else {
            " Without the pods, every group has 0 pods."
        }
    );
    with_warnings(out, warnings)
}

#[component]
pub fn PasteNodes(props: &PasteProps) -> Html {
    let nodes = use_node_ref();
    let pods = use_node_ref();
    let message = use_state(|| None::<Result<String, String>>);
    let on_fill = {
        let (nodes, pods, message, on_action) = (nodes.clone(), pods.clone(), message.clone(), props.on_action.clone());
        Callback::from(move |_: MouseEvent| {
            let text = |r: &NodeRef| r.cast::<HtmlTextAreaElement>().map(|a| a.value()).unwrap_or_default();
            let pods = Some(text(&pods)).filter(|t| !t.trim().is_empty());
            match read_cluster(&text(&nodes), pods.as_deref()) {
                Ok((spec, warnings)) => {
                    message.set(Some(Ok(outcome(&spec, pods.is_some(), &warnings))));
                    on_action.emit(Action::PasteGroups(spec.node_groups));
                }
                Err(e) => message.set(Some(Err(e))),
            }
        })
    };
    let mut h = H::new();
    h.open("details", &[("class", S("paste"))])
        .text("summary", NONE, "Paste your nodes and pods");
    h.text(
        "label",
        &[("for", S("f-paste-nodes"))],
        "Output of kubectl get nodes -o json",
    );
    h.node(html! { <textarea id="f-paste-nodes" ref={nodes} rows="4" spellcheck="false" /> });
    h.text(
        "label",
        &[("for", S("f-paste-pods"))],
        "Output of kubectl get pods -A -o json (optional)",
    );
    h.node(html! { <textarea id="f-paste-pods" ref={pods} rows="4" spellcheck="false" /> });
    h.text("p", &[("class", S("hint"))], HINT);
    h.node(html! { <button type="button" onclick={on_fill}>{"Fill the node groups"}</button> });
    outcome_line(&mut h, &message);
    h.finish()
}

const HINT: &str = "Replaces the node groups: one per EKS node group or Karpenter node pool (else per instance \
    type), with its nodes, their AZs and the pods of its busiest node (pods on the host network and finished \
    pods do not count). Your subnets stay as they are. Nothing is sent anywhere: it is read in your browser.";
