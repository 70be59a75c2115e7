//! What `cluster::plan` returns: the one-line verdict, the cluster totals, each subnet's load at desired,
//! at max and at max + surge (with the node count of each group at which it runs out, the smallest prefix
//! length that fits and, under prefix delegation, the /28 blocks and the reservation to make), and each
//! node group's per-node cost and placement. Plain data; the CLI prints it as text or JSON, the page draws it.

use crate::edit::Edit;
use crate::mode::Mode;
use crate::subnet::NodeCost;
use crate::warning::Warning;
use serde::Serialize;

/// Everything about a cluster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClusterReport {
    /// One line, the answer first: whether every subnet fits at max + surge, and if not where it fails.
    pub verdict: String,
    /// Every subnet fits at max + surge.
    pub fits: bool,
    /// The groups' one mode, or "mixed" (prefix delegation falls back to secondary IPs on an instance
    /// type that does not support it, so the groups' modes can differ).
    pub mode: ClusterMode,
    /// The settings that differ from the shipped manifest (`KEY=VALUE` / `KEY-`).
    pub settings: Vec<Edit>,
    pub totals: Totals,
    /// The node subnets in the spec's order, then the pod subnets (custom networking).
    pub subnets: Vec<SubnetUse>,
    pub node_groups: Vec<GroupUse>,
    /// The node groups' plan warnings, each prefixed with the group's name, and the cluster's own.
    pub warnings: Vec<Warning>,
}

/// How the cluster's nodes give pods addresses: every group's mode, or `Mixed`. Serialized as the
/// mode's name (`secondary-ip`, `prefix-delegation`, `ipv6`) or `mixed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClusterMode {
    All(Mode),
    Mixed,
}

impl ClusterMode {
    /// The mode of groups in these modes (secondary IPs for none).
    pub fn of(modes: impl IntoIterator<Item = Mode>) -> ClusterMode {
        let mut modes = modes.into_iter();
        let first = modes.next().unwrap_or(Mode::SecondaryIp);
        if modes.all(|m| m == first) {
            ClusterMode::All(first)
        } else {
            ClusterMode::Mixed
        }
    }
}

impl std::fmt::Display for ClusterMode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ClusterMode::All(m) => m.fmt(f),
            ClusterMode::Mixed => f.write_str("mixed"),
        }
    }
}

impl Serialize for ClusterMode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The whole cluster at each level: nodes, and IPv4 addresses held in all subnets at each group's peak.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Totals {
    pub nodes: u64,
    pub nodes_at_max: u64,
    /// `max_nodes` + surge, summed over the groups.
    pub nodes_at_surge: u64,
    pub addresses: i64,
    pub addresses_at_max_nodes: i64,
    /// At max + surge.
    pub addresses_at_max: i64,
}

/// Which addresses a subnet pays for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SubnetRole {
    /// A node subnet: the node's primary ENI, and without custom networking every pod address too.
    Node,
    /// An ENIConfig subnet (custom networking): the secondary ENIs and every pod address.
    Pod,
}

/// One subnet's load at one level (desired, max, max + surge).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Load {
    /// Nodes placed in (or drawing pods' addresses from) this subnet.
    pub nodes: u64,
    /// Addresses held at each group's peak: single addresses plus 16 per /28 prefix.
    pub addresses: i64,
    /// /28 prefixes among them.
    pub prefixes: i64,
    /// `usable − used − addresses` (negative: how many too many).
    pub free: i64,
    /// The addresses fit, and under prefix delegation the aligned free /28 blocks suffice.
    pub fits: bool,
}

/// One subnet of the spec, judged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SubnetUse {
    pub cidr: String,
    pub az: String,
    pub role: SubnetRole,
    /// After AWS's five reserved addresses.
    pub usable: i64,
    pub used: i64,
    /// At desired (`at_desired.addresses`).
    pub addresses: i64,
    /// At max + surge (`at_surge.addresses`).
    pub addresses_at_max: i64,
    /// At desired (`at_desired.free`).
    pub free: i64,
    /// At max + surge (`at_surge.fits`).
    pub fits: bool,
    /// The longest prefix length (/16 to /28) whose subnet would hold `used` + the load at max + surge;
    /// `None` if not even a /16 would.
    pub min_prefix_length: Option<u8>,
    pub at_desired: Load,
    pub at_max: Load,
    pub at_surge: Load,
    /// For each node group placing nodes here: the group's node count at which this subnet runs out,
    /// the other groups at desired.
    pub runs_out: Vec<RunsOut>,
    /// Prefix delegation only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prefix_blocks: Option<PrefixBlocks>,
}

/// The node count of one group at which a subnet no longer fits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RunsOut {
    pub group: String,
    /// The smallest node count of the group (placed by the round-robin rule) that does not fit; `None`
    /// if it still fits at `scenario::MAX_NODES`; 0 if the subnet is full without any of the group's
    /// nodes (not a node number: show it as "full without the group").
    pub at_nodes: Option<u32>,
}

/// /28 blocks in a subnet under prefix delegation. `used` addresses are assumed packed from the start of
/// the subnet, right after AWS's four reserved ones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PrefixBlocks {
    /// Aligned /28 blocks wholly free: the largest prefix count this subnet can hold.
    pub free_blocks: i64,
    /// Prefixes the nodes hold here at max + surge.
    pub needed_at_max: i64,
    /// The CIDRs to reserve for prefixes (aligned, from the top of the subnet down, below the block with
    /// the broadcast address), together holding exactly `needed_at_max` /28s; empty when the subnet does
    /// not fit at max + surge.
    pub reservation: Vec<String>,
    /// `aws ec2 create-subnet-cidr-reservation` for each reservation CIDR.
    pub commands: Vec<String>,
}

/// One node group: what one node costs and where its nodes go.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupUse {
    pub name: String,
    pub instance_type: String,
    /// The mode its nodes run in (prefix delegation falls back to secondary IPs where unsupported).
    pub mode: Mode,
    pub pods: u32,
    pub nodes: u32,
    pub max_nodes: u32,
    /// The surge as nodes.
    pub surge_nodes: u32,
    /// The AZs its nodes go to, round-robin in this order.
    pub azs: Vec<String>,
    /// IPv4 addresses one node takes once settled, node and pod subnet together.
    pub addresses_per_node: i64,
    /// The most one node holds at any step, node and pod subnet together.
    pub peak_addresses_per_node: i64,
    /// At its peak, what one node takes from its node subnet.
    pub node_subnet_cost: NodeCost,
    /// Custom networking: at its peak, what one node takes from its AZ's pod subnet.
    pub pod_subnet_cost: Option<NodeCost>,
    pub max_pods: i64,
    /// Pods one node leaves bound but without an IP once settled (e.g. branch ENIs with ENABLE_POD_ENI).
    pub pods_without_ip: i64,
    /// Pods one node leaves Pending over kubelet maxPods once settled.
    pub pods_pending: i64,
    /// EC2 calls one node makes over the workload.
    pub ec2_calls: i64,
    /// Its nodes in each subnet, in `ClusterReport::subnets` order (pod subnets count the nodes that draw
    /// from them).
    pub nodes_per_subnet: Vec<NodesIn>,
}

/// One group's nodes in one subnet at each level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NodesIn {
    pub cidr: String,
    pub nodes: u64,
    pub nodes_at_max: u64,
    pub nodes_at_surge: u64,
}

/// One point of a subnet's chart: the cluster grown in proportion from no nodes to max + surge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Point {
    /// Nodes in the whole cluster.
    pub nodes: u64,
    /// Addresses held in the subnet (`used` not included).
    pub addresses: i64,
    pub fits: bool,
}

/// One subnet's chart: its points and where it runs out along the same path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Series {
    pub cidr: String,
    /// `usable − used`: the horizontal line.
    pub capacity: i64,
    pub points: Vec<Point>,
    /// The smallest cluster node count on the path that does not fit.
    pub exhausts_at_nodes: Option<u64>,
}

/// One advisor fix re-priced over the whole cluster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClusterAlternative {
    pub title: &'static str,
    /// The settings it changes from the spec's (empty for "Your settings").
    pub edits: Vec<Edit>,
    pub mode: ClusterMode,
    pub totals: Totals,
    pub fits: bool,
    /// Subnets that do not fit at max + surge.
    pub failing_subnets: usize,
    /// The shortest `min_prefix_length` among the subnets that do not fit: the size the worst one needs.
    pub needs_prefix_length: Option<u8>,
    /// The most addresses one node of any group holds at its peak.
    pub peak_addresses_per_node: i64,
    /// EC2 calls of the whole cluster at desired (each node's calls over its workload).
    pub ec2_calls: i64,
    /// Pods of the whole cluster at desired bound without an IP.
    pub pods_without_ip: i64,
    /// Pods of the whole cluster at desired left Pending over kubelet maxPods (an option that shrinks
    /// maxPods, as custom networking does, can look cheaper only because pods do not run).
    pub pods_pending: i64,
    pub caveat: &'static str,
}
