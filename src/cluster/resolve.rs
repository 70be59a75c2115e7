//! A `ClusterSpec` checked and resolved: the environment (the shipped manifest overlaid by `settings`),
//! the subnets parsed and checked for overlaps, and each group's AZs and node counts at desired, max and
//! max + surge. Every refusal is one line naming the field at fault.

use super::report::SubnetRole;
use super::spec::{ClusterSpec, SubnetSpec};
use crate::config::CniEnv;
use crate::scenario::{PlanError, MAX_NODES};
use crate::subnet::{self, Ipv4Cidr};
use crate::suggest::clip;

/// The most node groups a spec may hold (each distinct one is simulated).
pub const MAX_NODE_GROUPS: usize = 100;
/// The most subnets (node and pod together) a spec may hold.
pub const MAX_SUBNETS: usize = 200;

/// One subnet, parsed.
#[derive(Debug, Clone)]
pub(super) struct Subnet {
    pub cidr: Ipv4Cidr,
    pub az: String,
    pub role: SubnetRole,
    pub used: i64,
}

/// One node group, resolved.
#[derive(Debug, Clone)]
pub(super) struct Group {
    pub name: String,
    pub instance_type: String,
    pub pods: u32,
    /// Desired, max, max + surge.
    pub levels: [u32; 3],
    pub azs: Vec<String>,
}

/// The whole spec, resolved.
#[derive(Debug, Clone)]
pub(super) struct Resolved {
    pub env: CniEnv,
    /// Node subnets in the spec's order, then pod subnets.
    pub subnets: Vec<Subnet>,
    pub groups: Vec<Group>,
}

pub(super) fn input(field: &'static str, message: String) -> PlanError {
    PlanError::Input { field, message }
}

/// The manifest environment overlaid by `settings`; an unknown name is refused as `KEY=VALUE` refuses it.
/// Every plan starts here, so a spec built in code (the page's) is held to `parse_json`'s rule on control
/// characters too.
pub(super) fn env(spec: &ClusterSpec) -> Result<CniEnv, PlanError> {
    spec.check_text().map_err(|m| input("spec", m))?;
    let mut env = CniEnv::manifest();
    for (name, value) in &spec.settings {
        env.set(name, value)
            .map_err(|e| input("settings", format!("settings: {e}")))?;
    }
    for name in &spec.unset {
        env.unset(name)
            .map_err(|e| input("settings", format!("settings: {e}")))?;
    }
    Ok(env)
}

pub(super) fn resolve(spec: &ClusterSpec, env: CniEnv) -> Result<Resolved, PlanError> {
    if spec.subnets.is_empty() {
        return Err(input(
            "subnets",
            "subnets: the cluster needs at least one subnet".into(),
        ));
    }
    if spec.node_groups.is_empty() {
        return Err(input(
            "node_groups",
            "node_groups: the cluster needs at least one node group".into(),
        ));
    }
    if spec.subnets.len() + spec.pod_subnets.len() > MAX_SUBNETS {
        return Err(input("subnets", format!("subnets: at most {MAX_SUBNETS} subnets")));
    }
    if spec.node_groups.len() > MAX_NODE_GROUPS {
        return Err(input(
            "node_groups",
            format!("node_groups: at most {MAX_NODE_GROUPS} node groups"),
        ));
    }
    let mut subnets = Vec::new();
    for (list, role) in [(&spec.subnets, SubnetRole::Node), (&spec.pod_subnets, SubnetRole::Pod)] {
        for s in list {
            subnets.push(parse_subnet(s, role, &subnets)?);
        }
    }
    let node_azs = azs_in_order(&subnets, SubnetRole::Node);
    let pod_azs = azs_in_order(&subnets, SubnetRole::Pod);
    for az in &pod_azs {
        if subnets
            .iter()
            .filter(|s| s.role == SubnetRole::Pod && &s.az == az)
            .count()
            > 1
        {
            return Err(input(
                "pod_subnets",
                format!(
                    "pod_subnets: AZ '{}' has more than one; an ENIConfig names one subnet",
                    clip(az)
                ),
            ));
        }
    }
    let mut groups: Vec<Group> = Vec::new();
    for g in &spec.node_groups {
        let group = resolve_group(g, &node_azs)?;
        if groups.iter().any(|o| o.name == group.name) {
            return Err(input(
                "node_groups",
                format!("node_groups: two groups are named '{}'", clip(&g.name)),
            ));
        }
        groups.push(group);
    }
    Ok(Resolved { env, subnets, groups })
}

/// Custom networking: every AZ a group runs in needs its pod subnet (ENIConfig).
pub(super) fn check_pod_subnets(r: &Resolved) -> Result<(), PlanError> {
    let pod_azs = azs_in_order(&r.subnets, SubnetRole::Pod);
    for g in &r.groups {
        if let Some(az) = g.azs.iter().find(|az| !pod_azs.contains(az)) {
            return Err(input(
                "pod_subnets",
                format!(
                    "pod_subnets: custom networking is on and node group '{}' runs in AZ '{}', which has no pod subnet (ENIConfig)",
                    clip(&g.name),
                    clip(az)
                ),
            ));
        }
    }
    Ok(())
}

fn parse_subnet(s: &SubnetSpec, role: SubnetRole, earlier: &[Subnet]) -> Result<Subnet, PlanError> {
    let field = match role {
        SubnetRole::Node => "subnets",
        SubnetRole::Pod => "pod_subnets",
    };
    let cidr = subnet::parse_cidr(&s.cidr).map_err(|m| input(field, format!("{field}: {m}")))?;
    if s.az.trim().is_empty() {
        return Err(input(field, format!("{field}: {cidr} needs an AZ")));
    }
    if let Some(o) = earlier.iter().find(|o| o.cidr.overlaps(cidr)) {
        return Err(input(field, format!("{field}: {cidr} overlaps {}", o.cidr)));
    }
    let used = i64::from(s.used);
    let usable = subnet::usable_addresses(cidr.len);
    if used > usable {
        return Err(input(
            field,
            format!("{field}: {cidr} has {usable} usable addresses, fewer than the {used} used"),
        ));
    }
    Ok(Subnet {
        cidr,
        az: s.az.clone(),
        role,
        used,
    })
}

/// The AZs with a subnet of `role`, in the order the subnets first name them.
pub(super) fn azs_in_order(subnets: &[Subnet], role: SubnetRole) -> Vec<String> {
    let mut azs: Vec<String> = Vec::new();
    for s in subnets.iter().filter(|s| s.role == role) {
        if !azs.contains(&s.az) {
            azs.push(s.az.clone());
        }
    }
    azs
}

fn resolve_group(g: &super::spec::NodeGroupSpec, node_azs: &[String]) -> Result<Group, PlanError> {
    let name = clip(&g.name);
    let field = "node_groups";
    if g.name.trim().is_empty() {
        return Err(input(field, "node_groups: every group needs a name".into()));
    }
    let max = g.max_nodes.unwrap_or(g.nodes);
    if g.nodes > MAX_NODES || max > MAX_NODES {
        return Err(input(
            field,
            format!("node group '{name}': nodes and max_nodes are at most {MAX_NODES}"),
        ));
    }
    if max < g.nodes {
        return Err(input(
            field,
            format!("node group '{name}': max_nodes {max} is below nodes {}", g.nodes),
        ));
    }
    let surge = g.surge.nodes(max);
    if surge > MAX_NODES {
        return Err(input(
            field,
            format!("node group '{name}': surge is at most {MAX_NODES} nodes"),
        ));
    }
    let azs = if g.azs.is_empty() {
        node_azs.to_vec()
    } else {
        g.azs.clone()
    };
    for (i, az) in azs.iter().enumerate() {
        if !node_azs.contains(az) {
            return Err(input(
                field,
                format!("node group '{name}' names AZ '{}', which has no subnet", clip(az)),
            ));
        }
        if azs[..i].contains(az) {
            return Err(input(
                field,
                format!("node group '{name}' names AZ '{}' twice", clip(az)),
            ));
        }
    }
    Ok(Group {
        name: g.name.clone(),
        instance_type: g.instance_type.clone(),
        pods: g.pods,
        levels: [g.nodes, max, max + surge],
        azs,
    })
}
