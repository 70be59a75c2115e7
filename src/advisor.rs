//! The advisor: the usual fixes for a warm pool that eats the subnet (tighter targets, prefix delegation,
//! custom networking, IPv6), each re-planned on the same workload, so the cost in addresses and EC2 calls
//! is a number rather than a rule of thumb.

use crate::config::CniEnv;
use crate::edit::Edit;
use crate::ipamd::trace::Detail;
use crate::ipamd::trace::{Api, Step};
use crate::mode::Mode;
use crate::scenario::{Plans, Report, Scenario};
use crate::vpc;

/// Settings to change, as `KEY=VALUE` / `KEY-` edits.
pub type Edits = Vec<Edit>;

/// One option and what it does to this node group. Every row is priced against the same two subnets,
/// so rows compare like with like: the subnet the pods draw from (your subnet: shared with the nodes,
/// or the ENIConfig subnet under custom networking) and the subnet the nodes live in.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Alternative {
    pub title: &'static str,
    /// The settings to change from the current ones.
    pub edits: Edits,
    /// Pod subnet: addresses one node takes from the subnet pods draw from (your subnet).
    pub addresses_per_node: i64,
    pub peak_addresses_per_node: i64,
    pub cluster_addresses: i64,
    /// When your subnet (the pod subnet) runs out.
    pub exhausts_at_nodes: Option<i64>,
    /// Node subnet: addresses one node takes from the subnet its primary ENI is in.
    pub node_subnet_addresses_per_node: i64,
    /// Whether pods draw from the node subnet (no custom networking): then both are one subnet.
    pub shared_subnet: bool,
    pub pods_without_ip: i64,
    /// EC2 calls one node makes over the whole workload (a proxy for API churn and throttling risk).
    pub ec2_calls: i64,
    pub caveat: &'static str,
}

/// EC2 calls in a trace: every action except the CNINode update.
pub fn ec2_calls(trace: &[Step]) -> i64 {
    trace
        .iter()
        .flat_map(|s| &s.actions)
        .filter(|a| a.api != Api::CniNodeUpdate)
        .count() as i64
}

fn row(title: &'static str, edits: Edits, r: &Report, caveat: &'static str) -> Alternative {
    Alternative {
        title,
        edits,
        addresses_per_node: r.subnet.addresses_per_node,
        peak_addresses_per_node: r.subnet.peak_addresses_per_node,
        cluster_addresses: r.subnet.cluster_addresses,
        exhausts_at_nodes: r.subnet.exhausts_at_nodes,
        node_subnet_addresses_per_node: r
            .subnet
            .node_subnet
            .as_ref()
            .map_or(r.subnet.addresses_per_node, |ns| ns.addresses_per_node),
        shared_subnet: r.subnet.node_subnet.is_none(),
        pods_without_ip: r.steady_state.pods_without_ip,
        ec2_calls: ec2_calls(&r.trace),
        caveat,
    }
}

/// The current settings first, then every fix that changes something and still plans, fewest addresses
/// per node first.
pub fn advise(s: &Scenario, current: &Report) -> Vec<Alternative> {
    let mut plans = Plans::keeping(0);
    let priced = candidates(s, current)
        .into_iter()
        .filter_map(|c| price(&mut plans, s, current, c))
        .collect();
    rank(current, priced)
}

/// A fix to try: its title, the setting edits and what to know before applying it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub title: &'static str,
    pub edits: Edits,
    pub caveat: &'static str,
}

/// The usual fixes that apply to this scenario, not yet planned. `advise` is `candidates`, `price` and
/// `rank`; the page prices one candidate at a time so a keystroke never waits for all of them.
pub fn candidates(s: &Scenario, current: &Report) -> Vec<Candidate> {
    let pods = s.pods.max(s.then_pods.unwrap_or(0));
    let nitro = vpc::lookup_in(&s.instance_data, &s.instance_type).is_ok_and(|i| i.is_prefix_delegation_supported());
    let ipv6 = current.mode == Mode::Ipv6;
    let pd = current.mode == Mode::PrefixDelegation;
    let mut candidates: Vec<(&'static str, Edits, &'static str)> = Vec::new();
    if !ipv6 {
        candidates.push((
            "WARM_IP_TARGET=2 with MINIMUM_IP_TARGET at the pod count",
            vec![
                Edit::new("WARM_IP_TARGET", Some("2")),
                Edit::new("MINIMUM_IP_TARGET", Some(&pods.to_string())),
            ],
            "Replaces WARM_ENI_TARGET. Pods beyond the minimum each cost an EC2 call; keep MINIMUM_IP_TARGET near the pods you expect.",
        ));
    }
    if !ipv6 && !pd && nitro {
        candidates.push((
            "Prefix delegation, WARM_PREFIX_TARGET=1",
            vec![
                Edit::new("ENABLE_PREFIX_DELEGATION", Some("true")),
                Edit::new("WARM_PREFIX_TARGET", Some("1")),
            ],
            "Needs whole aligned free /28s (use a subnet CIDR reservation), a kubelet maxPods change and a node recycle.",
        ));
    }
    if !ipv6 && !current.config.use_custom_networking {
        candidates.push((
            "Custom networking: pods in a secondary-CIDR subnet",
            vec![Edit::new("AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG", Some("true"))],
            "The node subnet pays one address per node; pods draw from ENIConfig subnets (e.g. 100.64.0.0/10). Loses one ENI of pod capacity.",
        ));
    }
    if !ipv6 && nitro {
        candidates.push((
            "An IPv6 cluster",
            vec![
                Edit::new("ENABLE_IPv4", Some("false")),
                Edit::new("ENABLE_IPv6", Some("true")),
                Edit::new("ENABLE_PREFIX_DELEGATION", Some("true")),
            ],
            "Only for a new cluster: the IP family is chosen at creation. Nodes still take one IPv4 address per ENI.",
        ));
    }
    candidates
        .into_iter()
        .map(|(title, edits, caveat)| Candidate { title, edits, caveat })
        .collect()
}

/// One candidate re-planned on the same workload (reusing a run `plans` kept: the page keeps the last
/// edit's); `None` if it does not plan or changes nothing.
pub fn price(plans: &mut Plans, s: &Scenario, current: &Report, c: Candidate) -> Option<Alternative> {
    // Your subnet stays where pods draw from: under custom networking it is the ENIConfig subnet,
    // exactly as applying the option to the form leaves it.
    let mut alt = s.clone();
    alt.env = apply(&s.env, &c.edits);
    // Only numbers feed the table: no trace text or ENI pictures.
    let r = plans.plan(&alt, Detail::Summary).ok()?;
    (r.config != current.config).then(|| row(c.title, c.edits, &r, c.caveat))
}

/// Your settings first, then the priced candidates, fewest pods without an IP, addresses per node and
/// EC2 calls first (ties in candidate order).
pub fn rank(current: &Report, mut priced: Vec<Alternative>) -> Vec<Alternative> {
    let mut ranked = Vec::with_capacity(priced.len() + 1);
    ranked.push(row("Your settings", Vec::new(), current, ""));
    // A selection of at most four: `min_by_key` keeps the first of equals, as a stable sort would, without
    // a sort's code in the wasm for one call.
    while let Some(i) = (0..priced.len()).min_by_key(|&i| {
        let a = &priced[i];
        (a.pods_without_ip, a.addresses_per_node, a.ec2_calls)
    }) {
        ranked.push(priced.remove(i));
    }
    ranked
}

fn apply(env: &CniEnv, edits: &Edits) -> CniEnv {
    let mut e = env.clone();
    for edit in edits {
        // The edit names are known settings, so this cannot fail.
        let _ = e.edit(edit);
    }
    e
}
