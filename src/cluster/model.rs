//! The cluster as numbers: each subnet (length, used, role), each group (node counts, per-node cost in
//! each role, its `Slot` in each subnet). Answers what a subnet holds for any node counts of the groups,
//! and the node count of a group at which a subnet runs out.

use super::place::Slot;
use super::report::{ClusterReport, Load, SubnetRole};
use super::resolve::Subnet;
use crate::scenario::MAX_NODES;
use crate::subnet::{self, NodeCost};

/// One group as the model sees it.
#[derive(Debug, Clone)]
pub(super) struct GroupCost {
    /// Desired, max, max + surge.
    pub levels: [u32; 3],
    pub node_subnet: NodeCost,
    pub pod_subnet: Option<NodeCost>,
    /// The group's slot in each subnet, in subnet order.
    pub slots: Vec<Slot>,
}

/// A group as `Model::new` takes it: its AZs, its levels, its node and pod subnet cost.
pub(super) type GroupShape = (Vec<String>, [u32; 3], NodeCost, Option<NodeCost>);

#[derive(Debug, Clone)]
pub(super) struct Model {
    pub subnets: Vec<Subnet>,
    pub groups: Vec<GroupCost>,
}

impl Model {
    /// The model of the groups (AZs and costs) over the subnets.
    pub fn new(subnets: Vec<Subnet>, groups: Vec<GroupShape>) -> Model {
        let turns = Slot::turns(&subnets);
        let groups = groups
            .into_iter()
            .map(|(azs, levels, node_subnet, pod_subnet)| GroupCost {
                slots: subnets
                    .iter()
                    .zip(&turns)
                    .map(|(s, &turn)| Slot::new(&azs, &s.az, turn))
                    .collect(),
                levels,
                node_subnet,
                pod_subnet,
            })
            .collect();
        Model { subnets, groups }
    }

    /// The model a report was built from.
    pub fn of_report(r: &ClusterReport) -> Model {
        let subnets = r
            .subnets
            .iter()
            .map(|s| Subnet {
                cidr: subnet::parse_cidr(&s.cidr).unwrap_or(subnet::Ipv4Cidr { addr: 0, len: 28 }),
                az: s.az.clone(),
                role: s.role,
                used: s.used,
            })
            .collect();
        let groups = r
            .node_groups
            .iter()
            .map(|g| {
                let levels = [g.nodes, g.max_nodes, g.max_nodes.saturating_add(g.surge_nodes)];
                (g.azs.clone(), levels, g.node_subnet_cost, g.pod_subnet_cost)
            })
            .collect();
        Model::new(subnets, groups)
    }

    /// What one node of group `g` takes from subnet `s`.
    pub fn cost(&self, g: usize, s: usize) -> NodeCost {
        let gc = &self.groups[g];
        match self.subnets[s].role {
            SubnetRole::Node => gc.node_subnet,
            SubnetRole::Pod => gc.pod_subnet.unwrap_or(NodeCost { single: 0, prefixes: 0 }),
        }
    }

    /// Subnet `s` with group `g` at `nodes(g)` nodes: the nodes placed there and what they hold.
    pub fn demand(&self, s: usize, nodes: impl Fn(usize) -> u32) -> (u64, NodeCost) {
        let mut placed = 0u64;
        let mut total = NodeCost { single: 0, prefixes: 0 };
        for (g, gc) in self.groups.iter().enumerate() {
            let n = gc.slots[s].nodes(nodes(g));
            let c = self.cost(g, s);
            let n = i64::try_from(n).unwrap_or(i64::MAX);
            placed = placed.saturating_add(n as u64);
            total.single = total.single.saturating_add(c.single.saturating_mul(n));
            total.prefixes = total.prefixes.saturating_add(c.prefixes.saturating_mul(n));
        }
        (placed, total)
    }

    /// Whether subnet `s` holds `demand` beside its used addresses.
    pub fn holds(&self, s: usize, demand: NodeCost) -> bool {
        let sub = &self.subnets[s];
        subnet::holds(demand, sub.used, sub.cidr.len)
    }

    /// Subnet `s` with every group at `level` (0 desired, 1 max, 2 max + surge).
    pub fn load(&self, s: usize, level: usize) -> Load {
        let (nodes, demand) = self.demand(s, |g| self.groups[g].levels[level]);
        let sub = &self.subnets[s];
        Load {
            nodes,
            addresses: demand.addresses(),
            prefixes: demand.prefixes,
            free: subnet::usable_addresses(sub.cidr.len) - sub.used - demand.addresses(),
            fits: self.holds(s, demand),
        }
    }

    /// The smallest node count of group `g` at which subnet `s` no longer holds the cluster, the other
    /// groups at desired; `None` if the group never lands there or it still fits at `MAX_NODES`, 0 if the
    /// subnet is full without any of the group's nodes.
    pub fn runs_out(&self, s: usize, g: usize) -> Option<u32> {
        self.first_failing_node(s, g, MAX_NODES, 0)
    }

    /// The node of group `g` that makes subnet `s` fail at `level`, every other group at that same
    /// level: the smallest count in `1..=` the group's count at `level` that does not fit. `None` if the
    /// other groups alone already fill the subnet (no node of `g` is to blame) or `g`'s nodes fit.
    pub fn failing_node(&self, s: usize, g: usize, level: usize) -> Option<u32> {
        let n = self.first_failing_node(s, g, self.groups[g].levels[level], level)?;
        (n > 0).then_some(n)
    }

    /// The smallest count in `0..=most` of group `g` at which subnet `s` does not fit, the other groups at
    /// `others_level`.
    fn first_failing_node(&self, s: usize, g: usize, most: u32, others_level: usize) -> Option<u32> {
        if !self.groups[g].slots[s].reaches() || self.cost(g, s).addresses() == 0 {
            return None;
        }
        // The other groups' demand is the same at every step of the bisection.
        let (_, others) = self.demand(s, |o| if o == g { 0 } else { self.groups[o].levels[others_level] });
        let (slot, cost) = (self.groups[g].slots[s], self.cost(g, s));
        let fits = |n: u64| {
            let here = slot.nodes(u32::try_from(n).unwrap_or(u32::MAX));
            let here = i64::try_from(here).unwrap_or(i64::MAX);
            let d = NodeCost {
                single: others.single.saturating_add(cost.single.saturating_mul(here)),
                prefixes: others.prefixes.saturating_add(cost.prefixes.saturating_mul(here)),
            };
            self.holds(s, d)
        };
        first_failing(u64::from(most), fits).map(|n| n as u32)
    }
}

/// The smallest `n` in `0..=total` that does not fit (`fits` turns false once and stays false), by bisection.
pub(super) fn first_failing(total: u64, fits: impl Fn(u64) -> bool) -> Option<u64> {
    if fits(total) {
        return None;
    }
    if !fits(0) {
        return Some(0);
    }
    let (mut lo, mut hi) = (0, total);
    while lo + 1 < hi {
        let mid = lo + (hi - lo) / 2;
        if fits(mid) {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Some(hi)
}
