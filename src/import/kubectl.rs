//! The real cluster, from `kubectl get nodes -o json` and `kubectl get pods -A -o json`: one node group per
//! EKS node group (`eks.amazonaws.com/nodegroup`), else Karpenter node pool (`karpenter.sh/nodepool`), else
//! instance type (`node.kubernetes.io/instance-type`), across the AZs of its nodes
//! (`topology.kubernetes.io/zone`), with the pods of its busiest node. Subnets are left for the user.

use super::json::Json;
use crate::cluster::{ClusterSpec, NodeGroupSpec, Surge};
use crate::order;
use crate::warning::Warning;
use std::cmp::Reverse;

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

/// A group as the nodes add up: (group name, instance type, nodes, busiest node's pods, nodes per zone).
type Tally = (String, String, u32, u32, Vec<(String, u32)>);

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
    let pods = pods_per_node(items(&pod_list), &nodes);
    // Lists searched in order, not maps: a cluster has a few dozen groups and zones, and the page's wasm
    // carries no map or sort code for them.
    let mut types_per_group: Vec<(&str, Vec<&str>)> = Vec::new();
    for n in &nodes {
        match types_per_group.iter_mut().find(|(g, _)| *g == n.group) {
            Some((_, types)) if !types.contains(&n.instance_type.as_str()) => types.push(&n.instance_type),
            Some(_) => {}
            None => types_per_group.push((&n.group, vec![&n.instance_type])),
        }
    }
    let several_types = |group: &str| types_per_group.iter().any(|(g, t)| *g == group && t.len() > 1);
    let mut groups: Vec<Tally> = Vec::new();
    for (n, &on_node) in nodes.iter().zip(&pods) {
        let name = if several_types(&n.group) {
            format!("{}/{}", n.group, n.instance_type)
        } else {
            n.group.clone()
        };
        let at = match groups.iter().position(|g| g.0 == name && g.1 == n.instance_type) {
            Some(at) => at,
            None => {
                groups.push((name, n.instance_type.clone(), 0, 0, Vec::new()));
                groups.len() - 1
            }
        };
        let Some(g) = groups.get_mut(at) else { continue };
        g.2 = g.2.saturating_add(1);
        g.3 = g.3.max(on_node);
        match g.4.iter_mut().find(|(z, _)| *z == n.zone) {
            Some((_, count)) => *count = count.saturating_add(1),
            None => g.4.push((n.zone.clone(), 1)),
        }
    }
    // Groups by name then type; zones by node count, most first, ties by name.
    order::sort_by(&mut groups, |a, b| (&a.0, &a.1).cmp(&(&b.0, &b.1)));
    let spec = ClusterSpec {
        node_groups: groups
            .into_iter()
            .map(|(name, instance_type, nodes, pods, mut zones)| {
                order::sort_by(&mut zones, |a, b| (Reverse(a.1), &a.0).cmp(&(Reverse(b.1), &b.0)));
                NodeGroupSpec {
                    name,
                    instance_type,
                    pods,
                    nodes,
                    max_nodes: None,
                    surge: Surge::default(),
                    azs: zones.into_iter().map(|(z, _)| z).collect(),
                }
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

/// The pods that need a VPC IP on each of `nodes`, in their order. The nodes' names are put in order once
/// (an insertion sort: a cluster's nodes number in the hundreds or thousands) and each pod's node is found by
/// bisection, so a list of many thousand pods stays fast.
fn pods_per_node(items: &[Json], nodes: &[Node]) -> Vec<u32> {
    let mut by_name: Vec<(&str, usize)> = nodes.iter().enumerate().map(|(i, n)| (n.name.as_str(), i)).collect();
    order::sort_by(&mut by_name, |a, b| a.0.cmp(b.0));
    let mut out = vec![0u32; nodes.len()];
    for pod in items {
        let host_network = pod
            .pointer("/spec/hostNetwork")
            .and_then(Json::as_bool)
            .unwrap_or(false);
        let finished = matches!(text(pod, "/status/phase"), Some("Succeeded" | "Failed"));
        let Some(node) = text(pod, "/spec/nodeName").filter(|_| !host_network && !finished) else {
            continue;
        };
        // Every node of that name (a list may repeat one) gets the pod, as the map by name did.
        let first = by_name.partition_point(|(name, _)| *name < node);
        for &(_, i) in by_name.iter().skip(first).take_while(|(name, _)| *name == node) {
            if let Some(n) = out.get_mut(i) {
                *n = n.saturating_add(1);
            }
        }
    }
    out
}
