//! The real cluster, from `kubectl get nodes -o json` and `kubectl get pods -A -o json`: one node group per
//! EKS node group (`eks.amazonaws.com/nodegroup`), else Karpenter node pool (`karpenter.sh/nodepool`), else
//! instance type (`node.kubernetes.io/instance-type`), across the AZs of its nodes
//! (`topology.kubernetes.io/zone`), with the pods of its busiest node. Subnets are left for the user.

use crate::cluster::{ClusterSpec, NodeGroupSpec, Surge};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

const INSTANCE_TYPE: &str = "node.kubernetes.io/instance-type";
const ZONE: &str = "topology.kubernetes.io/zone";
const NODE_GROUP: &str = "eks.amazonaws.com/nodegroup";
const NODE_POOL: &str = "karpenter.sh/nodepool";

/// One node as the importer sees it.
struct Node {
    name: String,
    group: String,
    instance_type: String,
    zone: String,
}

/// The cluster spec the nodes (and pods, if given) describe: `subnets` empty, `settings` the shipped ones.
///
/// - A node with no instance-type label (a Fargate node: its pods take no address through ipamd) is left out.
/// - A group whose nodes are of several instance types (a Karpenter pool) becomes one group per type,
///   named `group/type`, since a group has one type.
/// - Pods count when they need a VPC IP (not `hostNetwork`), are bound to a node (`spec.nodeName`) and are
///   not finished (phase not `Succeeded` or `Failed`). Each group takes its busiest node's count; with no pod
///   list every group has 0 pods.
/// - AZs are listed in name order, so the round-robin placement starts from the first.
pub fn cluster_spec(nodes_json: &str, pods_json: Option<&str>) -> Result<ClusterSpec, String> {
    let nodes = nodes(&list(nodes_json, "nodes")?)?;
    if nodes.is_empty() {
        return Err("nodes: no node with a node.kubernetes.io/instance-type label".to_string());
    }
    let pod_items = match pods_json {
        Some(text) => list(text, "pods")?,
        None => Vec::new(),
    };
    let pods = pods_per_node(&pod_items);
    let mut types_per_group: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for n in &nodes {
        types_per_group.entry(&n.group).or_default().insert(&n.instance_type);
    }
    // (group name, instance type) → (nodes, busiest node's pods, zones).
    let mut groups: BTreeMap<(String, String), (u32, u32, BTreeSet<String>)> = BTreeMap::new();
    for n in &nodes {
        let name = if types_per_group[n.group.as_str()].len() > 1 {
            format!("{}/{}", n.group, n.instance_type)
        } else {
            n.group.clone()
        };
        let g = groups.entry((name, n.instance_type.clone())).or_default();
        g.0 = g.0.saturating_add(1);
        g.1 = g.1.max(pods.get(n.name.as_str()).copied().unwrap_or(0));
        g.2.insert(n.zone.clone());
    }
    Ok(ClusterSpec {
        node_groups: groups
            .into_iter()
            .map(|((name, instance_type), (nodes, pods, zones))| NodeGroupSpec {
                name,
                instance_type,
                pods,
                nodes,
                max_nodes: None,
                surge: Surge::default(),
                azs: zones.into_iter().collect(),
            })
            .collect(),
        ..ClusterSpec::default()
    })
}

/// The `items` of a `kubectl get … -o json` list.
fn list(text: &str, what: &str) -> Result<Vec<Value>, String> {
    let v: Value = serde_json::from_str(text).map_err(|e| format!("{what}: not kubectl JSON: {e}"))?;
    match v.get("items").and_then(Value::as_array) {
        Some(items) => Ok(items.clone()),
        None => Err(format!(
            "{what}: expected kubectl get {what} -o json (a List with items)"
        )),
    }
}

fn text<'a>(v: &'a Value, pointer: &str) -> Option<&'a str> {
    v.pointer(pointer).and_then(Value::as_str)
}

fn nodes(items: &[Value]) -> Result<Vec<Node>, String> {
    let mut out = Vec::new();
    for item in items {
        let name = text(item, "/metadata/name").unwrap_or_default().to_string();
        let label = |key: &str| {
            item.pointer("/metadata/labels")
                .and_then(|l| l.get(key))
                .and_then(Value::as_str)
        };
        let Some(instance_type) = label(INSTANCE_TYPE) else {
            continue;
        };
        let zone =
            label(ZONE).ok_or_else(|| format!("nodes: node '{}' has no {ZONE} label", crate::suggest::clip(&name)))?;
        let group = label(NODE_GROUP).or_else(|| label(NODE_POOL)).unwrap_or(instance_type);
        out.push(Node {
            group: group.to_string(),
            instance_type: instance_type.to_string(),
            zone: zone.to_string(),
            name,
        });
    }
    Ok(out)
}

/// The pods that need a VPC IP, per node name.
fn pods_per_node(items: &[Value]) -> BTreeMap<&str, u32> {
    let mut out: BTreeMap<&str, u32> = BTreeMap::new();
    for pod in items {
        let host_network = pod
            .pointer("/spec/hostNetwork")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let finished = matches!(text(pod, "/status/phase"), Some("Succeeded" | "Failed"));
        if let (Some(node), false, false) = (text(pod, "/spec/nodeName"), host_network, finished) {
            let n = out.entry(node).or_default();
            *n = n.saturating_add(1);
        }
    }
    out
}
