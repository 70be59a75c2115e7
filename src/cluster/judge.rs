//! Builds the `ClusterReport` from the resolved spec, each group's node plan and the model: each subnet
//! at desired, at max and at max + surge, where each group runs it out, the smallest prefix that fits, the
//! /28 blocks and their reservation, the totals and the one-line verdict.

use super::cost::NodePlan;
use super::model::Model;
use super::report::{ClusterMode, ClusterReport, GroupUse, Load, NodesIn, PrefixBlocks, RunsOut, SubnetUse, Totals};
use super::resolve::Resolved;
use crate::subnet;
use crate::warning::Warning;

/// The report of a resolved, planned cluster.
pub(super) fn build(r: &Resolved, plans: &[NodePlan], model: &Model) -> ClusterReport {
    let subnets: Vec<SubnetUse> = (0..model.subnets.len()).map(|s| subnet_use(r, model, s)).collect();
    let node_groups = r
        .groups
        .iter()
        .zip(plans)
        .enumerate()
        .map(|(g, (group, p))| GroupUse {
            name: group.name.clone(),
            instance_type: p.report.instance.name.clone(),
            mode: p.report.mode,
            pods: group.pods,
            nodes: group.levels[0],
            max_nodes: group.levels[1],
            surge_nodes: group.levels[2] - group.levels[1],
            azs: group.azs.clone(),
            addresses_per_node: settled_addresses(p),
            peak_addresses_per_node: p.node_subnet.addresses() + p.pod_subnet.map_or(0, |c| c.addresses()),
            node_subnet_cost: p.node_subnet,
            pod_subnet_cost: p.pod_subnet,
            max_pods: p.report.max_pods.kubelet,
            pods_without_ip: p.report.steady_state.pods_without_ip,
            pods_pending: p.report.steady_state.pods_pending,
            ec2_calls: p.ec2_calls,
            nodes_per_subnet: subnets
                .iter()
                .zip(&model.groups[g].slots)
                .filter(|(_, slot)| slot.reaches())
                .map(|(s, slot)| NodesIn {
                    cidr: s.cidr.clone(),
                    nodes: slot.nodes(group.levels[0]),
                    nodes_at_max: slot.nodes(group.levels[1]),
                    nodes_at_surge: slot.nodes(group.levels[2]),
                })
                .collect(),
        })
        .collect();
    let totals = totals(model, &subnets);
    let fits = subnets.iter().all(|s| s.fits);
    let mut warnings = Vec::new();
    for (group, p) in r.groups.iter().zip(plans) {
        for w in &p.report.warnings {
            warnings.push(Warning::new(w.code, format!("{}: {}", group.name, w.message)));
        }
    }
    let mut report = ClusterReport {
        verdict: String::new(),
        fits,
        mode: ClusterMode::of(plans.iter().map(|p| p.report.mode)),
        settings: r.env.changes(),
        totals,
        subnets,
        node_groups,
        warnings,
    };
    report.verdict = super::verdict::verdict(&report, model);
    report
}

/// One node once settled, node and pod subnet together (the report counts the pod subnet; under custom
/// networking the node IP is one more).
fn settled_addresses(p: &NodePlan) -> i64 {
    p.report.subnet.addresses_per_node + i64::from(p.pod_subnet.is_some())
}

fn subnet_use(r: &Resolved, model: &Model, s: usize) -> SubnetUse {
    let sub = &model.subnets[s];
    let [at_desired, at_max, at_surge] = [0, 1, 2].map(|level| model.load(s, level));
    let (_, demand) = model.demand(s, |g| model.groups[g].levels[2]);
    let runs_out = r
        .groups
        .iter()
        .enumerate()
        .filter(|&(g, _)| model.groups[g].slots[s].reaches())
        .map(|(g, group)| RunsOut {
            group: group.name.clone(),
            at_nodes: model.runs_out(s, g),
        })
        .collect();
    SubnetUse {
        cidr: sub.cidr.to_string(),
        az: sub.az.clone(),
        role: sub.role,
        usable: subnet::usable_addresses(sub.cidr.len),
        used: sub.used,
        addresses: at_desired.addresses,
        addresses_at_max: at_surge.addresses,
        free: at_desired.free,
        fits: at_surge.fits,
        min_prefix_length: subnet::min_prefix_length(demand, sub.used),
        at_desired,
        at_max,
        at_surge,
        runs_out,
        prefix_blocks: pays_prefixes(model, s).then(|| prefix_blocks(sub.cidr, sub.used, at_surge)),
    }
}

/// Whether any group holds /28 prefixes in subnet `s`.
fn pays_prefixes(model: &Model, s: usize) -> bool {
    (0..model.groups.len()).any(|g| model.groups[g].slots[s].reaches() && model.cost(g, s).prefixes > 0)
}

/// The /28s at max + surge; the reservation only when they fit (a reservation of every free block would
/// leave the node and ENI primaries nowhere to go).
fn prefix_blocks(cidr: subnet::Ipv4Cidr, used: i64, at_surge: Load) -> PrefixBlocks {
    let needed = at_surge.prefixes;
    let reserve = if at_surge.fits { needed } else { 0 };
    let reservation: Vec<String> = subnet::prefix_reservation(cidr, used, reserve)
        .iter()
        .map(ToString::to_string)
        .collect();
    PrefixBlocks {
        free_blocks: subnet::free_prefix_blocks(used, cidr.len),
        needed_at_max: needed,
        commands: reservation.iter().map(|c| reservation_command(c)).collect(),
        reservation,
    }
}

/// The AWS CLI call that reserves `cidr` for prefixes (`$SUBNET_ID`: the id of the subnet it lies in).
pub fn reservation_command(cidr: &str) -> String {
    format!("aws ec2 create-subnet-cidr-reservation --subnet-id \"$SUBNET_ID\" --reservation-type prefix --cidr {cidr}")
}

fn totals(model: &Model, subnets: &[SubnetUse]) -> Totals {
    let nodes = |level: usize| model.groups.iter().map(|g| u64::from(g.levels[level])).sum();
    let sum = |f: fn(&SubnetUse) -> i64| subnets.iter().fold(0i64, |acc, s| acc.saturating_add(f(s)));
    Totals {
        nodes: nodes(0),
        nodes_at_max: nodes(1),
        nodes_at_surge: nodes(2),
        addresses: sum(|s| s.at_desired.addresses),
        addresses_at_max_nodes: sum(|s| s.at_max.addresses),
        addresses_at_max: sum(|s| s.at_surge.addresses),
    }
}
