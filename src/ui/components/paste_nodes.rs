//! "Paste your nodes and pods": `kubectl get nodes -o json`, and optionally `kubectl get pods -A -o json`,
//! become the cluster editor's node groups (name, instance type, pods of the busiest node, nodes, AZs). Read
//! by the same importer as `vpc-cni-calc cluster --from-kubectl`; the subnets stay as typed, for the user to
//! fill in.

use super::paste::{with_warnings, Kind};
use crate::cluster::ClusterSpec;
use crate::form::MAX_ROWS;
use crate::import::kubectl::read_cluster;
use crate::ui::dom::S;
use crate::ui::state::Action;
use crate::words::count;

pub const NODES: &Kind = &Kind {
    attrs: &[("class", S("paste"))],
    summary: "Paste your nodes and pods",
    fields: &[
        ("f-paste-nodes", "Output of kubectl get nodes -o json"),
        ("f-paste-pods", "Output of kubectl get pods -A -o json (optional)"),
    ],
    hint: HINT,
    button: "Fill the node groups",
    read,
};

fn read(texts: &[String]) -> Result<(String, Action), String> {
    let nodes = texts.first().map_or("", String::as_str);
    let pods = texts.get(1).map(String::as_str).filter(|t| !t.trim().is_empty());
    let (spec, warnings) = read_cluster(nodes, pods)?;
    Ok((
        outcome(&spec, pods.is_some(), &warnings),
        Action::PasteGroups(spec.node_groups),
    ))
}

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

const HINT: &str = "Replaces the node groups: one per EKS node group or Karpenter node pool (else per instance \
    type), with its nodes, their AZs and the pods of its busiest node (pods on the host network and finished \
    pods do not count). Your subnets stay as they are. Nothing is sent anywhere: it is read in your browser.";
