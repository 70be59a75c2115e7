//! The real cluster, from `kubectl get nodes -o json` and `kubectl get pods -A -o json`: one node group per
//! EKS node group (`eks.amazonaws.com/nodegroup`), else Karpenter node pool (`karpenter.sh/nodepool`), else
//! instance type (`node.kubernetes.io/instance-type`), across the AZs of its nodes
//! (`topology.kubernetes.io/zone`), with the pods of its busiest node. Subnets are left for the user.

use super::json::Json;
use crate::cluster::{ClusterSpec, NodeGroupSpec, Surge};
use crate::warning::Warning;
use std::collections::{BTreeMap, BTreeSet};

const INSTANCE_TYPE: &str = "node.kubernetes.io/instance-type";
/// The label before Kubernetes 1.17, still on nodes that joined long ago.
const BETA_INSTANCE_TYPE: &str = "beta.kubernetes.io/instance-type";
const OS: &str = "kubernetes.io/os";
const BETA_OS: &str = "beta.kubernetes.io/os";
const ARCH: &str = "kubernetes.io/arch";
const COMPUTE_TYPE: &str = "eks.amazonaws.com/compute-type";
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
/// `read_cluster` with its warnings dropped.
pub fn cluster_spec(nodes_json: &str, pods_json: Option<&str>) -> Result<ClusterSpec, String> {
    read_cluster(nodes_json, pods_json).map(|(spec, _)| spec)
}

/// The cluster spec the nodes (and pods, if given) describe, and a warning for each node left out.
///
/// - A node aws-node never runs on is left out with a warning: the released manifest's nodeAffinity
///   requires `kubernetes.io/os` in (linux), `kubernetes.io/arch` in (amd64, arm64) and
///   `eks.amazonaws.com/compute-type` not in (fargate, hybrid, auto). A node without an os or arch label
///   (hand-written, or old enough to have only the `beta.` os label) is taken to be linux on a supported arch.
/// - The instance type is `node.kubernetes.io/instance-type`, else `beta.kubernetes.io/instance-type`; a node
///   with neither is left out with a warning.
/// - A group whose nodes are of several instance types (a Karpenter pool) becomes one group per type,
///   named `group/type`, since a group has one type.
/// - Pods count when they need a VPC IP (not `hostNetwork`), are bound to a node (`spec.nodeName`) and are
///   not finished (phase not `Succeeded` or `Failed`). Each group takes its busiest node's count; with no pod
///   list every group has 0 pods.
/// - AZs are listed by their node count, most first (ties by name): the planner places a group's nodes
///   round-robin from its first AZ, so this order reproduces the real spread as closely as round-robin can
///   (1 node in 2a and 2 in 2b is planned as 2 in 2b and 1 in 2a, not the other way round).
pub fn read_cluster(nodes_json: &str, pods_json: Option<&str>) -> Result<(ClusterSpec, Vec<Warning>), String> {
    let mut warnings = Vec::new();
    let nodes = nodes(items(&list(nodes_json, "nodes")?), &mut warnings)?;
    if nodes.is_empty() {
        return Err("nodes: no node aws-node runs on with an instance-type label".to_string());
    }
    let pod_list = match pods_json {
        Some(text) => list(text, "pods")?,
        None => Json::Null,
    };
    let pods = pods_per_node(items(&pod_list));
    let mut types_per_group: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for n in &nodes {
        types_per_group.entry(&n.group).or_default().insert(&n.instance_type);
    }
    // (group name, instance type) → (nodes, busiest node's pods, nodes per zone).
    type Zones = BTreeMap<String, u32>;
    let mut groups: BTreeMap<(String, String), (u32, u32, Zones)> = BTreeMap::new();
    for n in &nodes {
        let name = if types_per_group[n.group.as_str()].len() > 1 {
            format!("{}/{}", n.group, n.instance_type)
        } else {
            n.group.clone()
        };
        let g = groups.entry((name, n.instance_type.clone())).or_default();
        g.0 = g.0.saturating_add(1);
        g.1 = g.1.max(pods.get(n.name.as_str()).copied().unwrap_or(0));
        let z = g.2.entry(n.zone.clone()).or_default();
        *z = z.saturating_add(1);
    }
    let by_count = |zones: Zones| {
        let mut zones: Vec<(String, u32)> = zones.into_iter().collect();
        // Stable: equal counts keep the map's name order.
        zones.sort_by_key(|z| std::cmp::Reverse(z.1));
        zones.into_iter().map(|(z, _)| z).collect()
    };
    let spec = ClusterSpec {
        node_groups: groups
            .into_iter()
            .map(|((name, instance_type), (nodes, pods, zones))| NodeGroupSpec {
                name,
                instance_type,
                pods,
                nodes,
                max_nodes: None,
                surge: Surge::default(),
                azs: by_count(zones),
            })
            .collect(),
        ..ClusterSpec::default()
    };
    Ok((spec, warnings))
}

/// A `kubectl get … -o json` list: an object with an `items` array.
fn list(text: &str, what: &str) -> Result<Json, String> {
    let v = Json::parse(text).map_err(|e| format!("{what}: not kubectl JSON: {e}"))?;
    match v.get("items").and_then(Json::as_array) {
        Some(_) => Ok(v),
        None => Err(format!(
            "{what}: expected kubectl get {what} -o json (a List with items)"
        )),
    }
}

/// The `items` of a list `list` returned (none for anything else).
fn items(list: &Json) -> &[Json] {
    list.get("items").and_then(Json::as_array).unwrap_or_default()
}

fn text<'a>(v: &'a Json, pointer: &str) -> Option<&'a str> {
    v.pointer(pointer).and_then(Json::as_str)
}

fn nodes(items: &[Json], warnings: &mut Vec<Warning>) -> Result<Vec<Node>, String> {
    let mut out = Vec::new();
    for item in items {
        let name = text(item, "/metadata/name").unwrap_or_default().to_string();
        let label = |key: &str| {
            item.pointer("/metadata/labels")
                .and_then(|l| l.get(key))
                .and_then(Json::as_str)
        };
        let clipped = crate::suggest::clip(&name);
        let os = label(OS).or_else(|| label(BETA_OS));
        let excluded = match (os, label(ARCH), label(COMPUTE_TYPE)) {
            (Some(os), _, _) if os != "linux" => Some(format!("{OS}={os}")),
            (_, Some(arch), _) if !matches!(arch, "amd64" | "arm64") => Some(format!("{ARCH}={arch}")),
            (_, _, Some(t @ ("fargate" | "hybrid" | "auto"))) => Some(format!("{COMPUTE_TYPE}={t}")),
            _ => None,
        };
        if let Some(why) = excluded {
            warnings.push(Warning::new(
                "node-without-aws-node",
                format!("node '{clipped}' left out: aws-node does not run on {why} (the manifest's nodeAffinity)"),
            ));
            continue;
        }
        let Some(instance_type) = label(INSTANCE_TYPE).or_else(|| label(BETA_INSTANCE_TYPE)) else {
            warnings.push(Warning::new(
                "node-without-instance-type",
                format!("node '{clipped}' left out: it has no {INSTANCE_TYPE} (or {BETA_INSTANCE_TYPE}) label"),
            ));
            continue;
        };
        let zone = label(ZONE).ok_or_else(|| format!("nodes: node '{clipped}' has no {ZONE} label"))?;
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
fn pods_per_node(items: &[Json]) -> BTreeMap<&str, u32> {
    let mut out: BTreeMap<&str, u32> = BTreeMap::new();
    for pod in items {
        let host_network = pod
            .pointer("/spec/hostNetwork")
            .and_then(Json::as_bool)
            .unwrap_or(false);
        let finished = matches!(text(pod, "/status/phase"), Some("Succeeded" | "Failed"));
        if let (Some(node), false, false) = (text(pod, "/spec/nodeName"), host_network, finished) {
            let n = out.entry(node).or_default();
            *n = n.saturating_add(1);
        }
    }
    out
}
