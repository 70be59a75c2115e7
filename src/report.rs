//! What `scenario::plan` returns: the `Report` family (the instance, max pods, the steady state, the
//! subnet burn, the trace and every warning) and the builders that derive it from a simulated run.

use crate::config::CniConfig;
use crate::ipamd::trace::Step;
use crate::ipamd::{self, Simulation};
use crate::max_pods::MaxPods;
use crate::mode::Mode;
use crate::scenario::Scenario;
use crate::subnet::{self, Ipv4Cidr, NodeCost};
use crate::vpc::InstanceTypeLimits;
use crate::warning::Warning;

/// The instance facts the report repeats.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct InstanceSummary {
    pub name: String,
    pub eni_limit: u32,
    pub ipv4_limit: u32,
    pub hypervisor: String,
    pub bare_metal: bool,
    pub vcpus: Option<u32>,
    pub network_cards: usize,
}

/// The node after the workload settled. `pods` = running + `pods_without_ip` + `pods_pending`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SteadyState {
    pub pods: i64,
    /// Pods bound to the node that have no IP ("failed to assign an IP address to container").
    pub pods_without_ip: i64,
    /// Pods the scheduler leaves Pending because kubelet maxPods is full ("Too many pods"); not on the node.
    pub pods_pending: i64,
    /// The most pods without an IP at any step of the trace (bursts, a first phase above capacity).
    pub peak_pods_without_ip: i64,
    /// The most Pending pods at any step of the trace.
    pub peak_pods_pending: i64,
    pub enis: i64,
    /// Secondary IPs per ENI (secondary-IP mode) or prefixes per ENI (prefix mode), primary first.
    pub per_eni: Vec<i64>,
    pub total_ips: i64,
    pub assigned_ips: i64,
    pub unused_ips: i64,
    pub prefixes: i64,
    pub settled: bool,
}

/// The subnet the pods draw from, for the whole node group. The verdict (`fits`, `exhausts_at_nodes`,
/// `headroom_nodes`, `cluster_addresses` and the warnings) is judged at the peak: every node of the group
/// can be at its peak at once (a deployment scaled up everywhere). The `settled_*` fields and
/// `addresses_per_node` give the same numbers once the workload has settled.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SubnetReport {
    pub cidr: Option<String>,
    /// IPv4 addresses one node takes from this subnet once settled (ENI primaries + secondaries or 16 × prefixes).
    pub addresses_per_node: i64,
    pub prefixes_per_node: i64,
    /// The most one node held at any step (a first phase, bursts and scale-downs overshoot the settled state).
    pub peak_addresses_per_node: i64,
    pub nodes: i64,
    /// `nodes × peak_addresses_per_node`.
    pub cluster_addresses: i64,
    /// `nodes × addresses_per_node`.
    pub settled_cluster_addresses: i64,
    pub subnet_usable: Option<i64>,
    /// Prefix mode: aligned /28 blocks with no reserved address.
    pub prefix_blocks_usable: Option<i64>,
    /// Whether the group fits at its peak.
    pub fits: Option<bool>,
    /// Whether it fits once settled.
    pub settled_fits: Option<bool>,
    /// The smallest node count that does not fit at the peak.
    pub exhausts_at_nodes: Option<i64>,
    /// The same as `exhausts_at_nodes` (kept for scripts written before the verdict moved to the peak).
    pub peak_exhausts_at_nodes: Option<i64>,
    /// The smallest node count that does not fit once settled.
    pub settled_exhausts_at_nodes: Option<i64>,
    /// Nodes that still fit beside the group at its peak (negative: how many too many). A rolling update
    /// surges by at least one node; replacing the whole group side by side needs as many as `nodes`.
    pub headroom_nodes: Option<i64>,
    /// Custom networking: the node subnet, which pays only for the node IP.
    pub node_subnet: Option<NodeSubnetReport>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NodeSubnetReport {
    pub cidr: Option<String>,
    pub addresses_per_node: i64,
    pub cluster_addresses: i64,
    pub subnet_usable: Option<i64>,
    pub exhausts_at_nodes: Option<i64>,
}

/// Everything the page and the CLI show.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Report {
    pub instance: InstanceSummary,
    pub mode: Mode,
    pub config: CniConfig,
    pub max_pods: MaxPods,
    pub steady_state: SteadyState,
    pub subnet: SubnetReport,
    /// Shared, not copied: a plan that differs only in the node count or the subnets (`scenario::Plans`)
    /// keeps the same run.
    pub trace: std::sync::Arc<Vec<Step>>,
    pub warnings: Vec<Warning>,
}

/// The codes of the warnings `subnet_report` adds, last of all: the only ones the node count and the
/// subnets change. The group does not fit its subnet at its peak.
pub const SUBNET_EXHAUSTED: &str = "subnet-exhausted";
/// The subnet has no room for a surge beside the group.
pub const NO_ROOM_TO_REPLACE: &str = "no-room-to-replace";
/// Prefixes need whole aligned /28s.
pub const PREFIX_FRAGMENTATION: &str = "prefix-fragmentation";
const SUBNET_WARNINGS: [&str; 3] = [SUBNET_EXHAUSTED, NO_ROOM_TO_REPLACE, PREFIX_FRAGMENTATION];

/// `r` for `nodes` nodes in these subnets: the subnet figures and their warnings worked out again, the run
/// shared. The same as `build` for the same run with these inputs.
pub(crate) fn with_subnets(
    r: &Report,
    nodes: u32,
    (subnet, node_subnet): (Option<Ipv4Cidr>, Option<Ipv4Cidr>),
) -> Report {
    let mut r = r.clone();
    r.warnings.retain(|w| !SUBNET_WARNINGS.contains(&w.code));
    r.subnet = subnet_report(
        &r.config,
        &r.trace,
        i64::from(nodes),
        subnet,
        node_subnet,
        &mut r.warnings,
    );
    r
}

/// The report of a simulated run. `warnings` are those found before it (settings, max pods); the run's
/// own, the pods' and the subnets' follow in that order.
pub(crate) fn build(
    s: &Scenario,
    instance: &InstanceTypeLimits,
    cfg: CniConfig,
    max_pods: MaxPods,
    sim: Simulation,
    (subnet, node_subnet): (Option<Ipv4Cidr>, Option<Ipv4Cidr>),
    mut warnings: Vec<Warning>,
) -> Report {
    warnings.extend(sim.warnings.iter().cloned());

    let steady = steady_state(&cfg, &sim);
    warnings.extend(pods_pending_warning(s, &max_pods, &steady));
    if steady.pods_without_ip > 0 {
        warnings.push(Warning::new(
            "pods-without-ip",
            why_no_ip(&cfg, instance, &max_pods, &steady),
        ));
    } else if steady.peak_pods_without_ip > 0 {
        warnings.push(pods_waited_warning(
            sim.passes_with_pods_waiting,
            steady.peak_pods_without_ip,
        ));
    }
    if cfg.enable_ipv6 {
        warnings.push(Warning::new(
            "ipv6-new-cluster-only",
            "IPv6 is chosen when the cluster is created and cannot be switched on an existing IPv4 cluster. Nodes still take one IPv4 address per ENI.",
        ));
    }
    let trace = std::sync::Arc::new(sim.trace.into_steps());
    let subnet_report = subnet_report(&cfg, &trace, i64::from(s.nodes), subnet, node_subnet, &mut warnings);

    Report {
        instance: InstanceSummary {
            name: instance.name.clone(),
            eni_limit: instance.eni_limit,
            ipv4_limit: instance.ipv4_limit,
            hypervisor: instance.hypervisor.clone(),
            bare_metal: instance.bare_metal,
            vcpus: instance.vcpus,
            network_cards: instance.network_cards.len(),
        },
        mode: Mode::of(&cfg),
        config: cfg,
        max_pods,
        steady_state: steady,
        subnet: subnet_report,
        trace,
        warnings,
    }
}

fn steady_state(cfg: &CniConfig, sim: &ipamd::Simulation) -> SteadyState {
    let last = sim.trace.last();
    let per_eni = last
        .enis
        .iter()
        .map(|e| {
            if cfg.enable_ipv6 {
                i64::from(e.ipv6_prefix)
            } else if cfg.enable_prefix_delegation {
                e.prefix_count() as i64
            } else {
                i64::from(e.ips.assigned + e.ips.cooling + e.ips.warm)
            }
        })
        .collect();
    SteadyState {
        pods: last.pods.running + last.pods.waiting + last.pods.pending,
        pods_without_ip: last.pods.waiting,
        pods_pending: last.pods.pending,
        peak_pods_without_ip: sim.peak_pods_waiting,
        peak_pods_pending: sim.trace.iter().map(|s| s.pods.pending).max().unwrap_or(0),
        enis: last.enis.len() as i64,
        per_eni,
        total_ips: last.stats.total_ips,
        assigned_ips: last.stats.assigned_ips,
        unused_ips: last.stats.total_ips - last.stats.assigned_ips,
        prefixes: last.stats.total_prefixes,
        settled: sim.settled,
    }
}

/// Pods above kubelet maxPods at any point of the trace: Pending, never on the node, never counted as
/// pods without an IP.
fn pods_pending_warning(s: &Scenario, mp: &MaxPods, st: &SteadyState) -> Option<Warning> {
    if st.peak_pods_pending == 0 {
        return None;
    }
    let peak = i64::from(s.pods.max(s.then_pods.unwrap_or(0)));
    let after = match s.then_pods {
        Some(then) if st.pods_pending == 0 => format!(" After scaling to {then} pods, none stay Pending."),
        Some(then) if st.pods_pending < st.peak_pods_pending => {
            format!(" After scaling to {then} pods, {} stay Pending.", st.pods_pending)
        }
        _ => String::new(),
    };
    Some(Warning::new(
        "pods-exceed-max-pods",
        format!(
            "{peak} pods plus aws-node and kube-proxy exceed kubelet maxPods {}: the scheduler binds {} and leaves {} Pending \
             (\"Too many pods\"); Pending pods hold no IP and ipamd never sees them.{after}",
            mp.kubelet,
            peak - st.peak_pods_pending,
            st.peak_pods_pending
        ),
    ))
}

/// Pods that waited for an IP at some step although none wait once settled.
fn pods_waited_warning(waiting_passes: i64, peak: i64) -> Warning {
    Warning::new(
        "pods-waited-for-ip",
        format!(
            "Up to {peak} pod{} waited for an IP (\"failed to assign an IP address to container\", retried by the kubelet) \
             during {} s of the run while ipamd grew the pool; none wait once it settles.",
            if peak == 1 { "" } else { "s" },
            waiting_passes.saturating_mul(ipamd::POOL_MONITOR_INTERVAL)
        ),
    )
}

fn why_no_ip(cfg: &CniConfig, instance: &InstanceTypeLimits, mp: &MaxPods, st: &SteadyState) -> String {
    let n = st.pods_without_ip;
    let reason = if st.total_ips >= mp.kubelet {
        format!(
            "ipamd stops adding addresses once it holds maxPods {} (isDatastorePoolTooLow's ceiling)",
            mp.kubelet
        )
    } else if cfg.minimum_ip_target > 0 && cfg.warm_ip_target == 0 && st.total_ips <= cfg.minimum_ip_target.max(0) {
        format!(
            "MINIMUM_IP_TARGET={} without WARM_IP_TARGET caps the pool at {} IPs",
            cfg.minimum_ip_target, cfg.minimum_ip_target
        )
    } else if st.total_ips >= mp.ip_capacity {
        format!(
            "every usable ENI slot on {} is full ({} addresses)",
            instance.name, mp.ip_capacity
        )
    } else {
        "their addresses are still cooling or the pool has not caught up".to_string()
    };
    format!(
        "{n} pod{} without an IP (\"failed to assign an IP address to container\"): {reason}.",
        if n == 1 { "" } else { "s" }
    )
}

/// The IPv4 addresses a node holds at one step, node and pod subnet together: every ENI's primary IP,
/// plus its secondary IPs or /28 prefixes (an IPv6 node holds only the ENI primaries in IPv4).
pub(crate) fn ipv4_held(cfg: &CniConfig, step: &Step) -> NodeCost {
    let enis = step.enis.len() as i64;
    if cfg.enable_ipv6 {
        NodeCost {
            single: enis,
            prefixes: 0,
        }
    } else if cfg.enable_prefix_delegation {
        NodeCost {
            single: enis,
            prefixes: step.stats.total_prefixes,
        }
    } else {
        NodeCost {
            single: enis + step.stats.total_ips,
            prefixes: 0,
        }
    }
}

/// What one node's step takes from the pod subnet.
fn node_cost(cfg: &CniConfig, step: &Step) -> NodeCost {
    let mut cost = ipv4_held(cfg, step);
    // Under custom networking the primary ENI (node IP) lives in the node subnet.
    if cfg.use_custom_networking {
        cost.single -= 1;
    }
    cost
}

fn subnet_report(
    cfg: &CniConfig,
    trace: &[Step],
    nodes: i64,
    subnet: Option<subnet::Ipv4Cidr>,
    node_subnet: Option<subnet::Ipv4Cidr>,
    warnings: &mut Vec<Warning>,
) -> SubnetReport {
    // A trace always has its start step.
    let settled = trace
        .last()
        .map_or(NodeCost { single: 0, prefixes: 0 }, |l| node_cost(cfg, l));
    let cost = trace
        .iter()
        .map(|s| node_cost(cfg, s))
        .max_by_key(NodeCost::addresses)
        .unwrap_or(settled);
    let (peak, per_node) = (cost.addresses(), settled.addresses());
    let exhausts = subnet.and_then(|c| subnet::exhausts_at(cost, c.len));
    let fits = subnet.map(|c| subnet::fits(cost, nodes, c.len));
    let at_peak = if peak > per_node {
        format!(" at their peak ({peak} a node while pods arrive or leave, {per_node} once settled)")
    } else {
        String::new()
    };
    if let (Some(c), Some(false)) = (subnet, fits) {
        let error = if cost.prefixes > 0 {
            "InsufficientCidrBlocks"
        } else {
            "InsufficientFreeAddressesInSubnet"
        };
        warnings.push(Warning::new(
            SUBNET_EXHAUSTED,
            format!(
                "{nodes} nodes need {} addresses{at_peak} but {c} has {} usable: it runs out at {} nodes, and ipamd then hits {error}.",
                peak.saturating_mul(nodes),
                subnet::usable_addresses(c.len),
                exhausts.unwrap_or(0)
            ),
        ));
    }
    if let (Some(c), Some(at)) = (subnet, exhausts) {
        let headroom = at - 1 - nodes;
        if (0..nodes).contains(&headroom) {
            warnings.push(Warning::new(
                NO_ROOM_TO_REPLACE,
                format!(
                    "{c} has room for {headroom} more node{}{at_peak} beside the {nodes}: a rolling update that brings up new nodes before \
                     draining old ones (surge) {} replacing the group side by side.",
                    if headroom == 1 { "" } else { "s" },
                    if headroom == 0 { "has no room at all, let alone" } else { "fits, but not" }
                ),
            ));
        }
    }
    if cost.prefixes > 0 && subnet.is_some() {
        warnings.push(Warning::new(
            PREFIX_FRAGMENTATION,
            "Prefixes need whole, aligned free /28s: a subnet with free addresses can still fail with InsufficientCidrBlocks. \
             The fit assumes no fragmentation; reserve the range with a subnet CIDR reservation of type prefix.",
        ));
    }
    let node_subnet_report = cfg.use_custom_networking.then(|| {
        let node_cost = NodeCost { single: 1, prefixes: 0 };
        NodeSubnetReport {
            cidr: node_subnet.map(|c| c.to_string()),
            addresses_per_node: 1,
            cluster_addresses: nodes,
            subnet_usable: node_subnet.map(|c| subnet::usable_addresses(c.len)),
            exhausts_at_nodes: node_subnet.and_then(|c| subnet::exhausts_at(node_cost, c.len)),
        }
    });
    SubnetReport {
        cidr: subnet.map(|c| c.to_string()),
        addresses_per_node: per_node,
        prefixes_per_node: settled.prefixes,
        peak_addresses_per_node: peak,
        nodes,
        cluster_addresses: peak.saturating_mul(nodes),
        settled_cluster_addresses: per_node.saturating_mul(nodes),
        subnet_usable: subnet.map(|c| subnet::usable_addresses(c.len)),
        prefix_blocks_usable: subnet
            .filter(|_| cfg.enable_prefix_delegation)
            .map(|c| subnet::usable_prefix_blocks(c.len)),
        fits,
        settled_fits: subnet.map(|c| subnet::fits(settled, nodes, c.len)),
        exhausts_at_nodes: exhausts,
        peak_exhausts_at_nodes: exhausts,
        settled_exhausts_at_nodes: subnet.and_then(|c| subnet::exhausts_at(settled, c.len)),
        headroom_nodes: exhausts.map(|at| at - 1 - nodes),
        node_subnet: node_subnet_report,
    }
}
