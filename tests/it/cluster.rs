//! Issue 10's cluster model: four hand-checked clusters (each worked out in a comment from ipamd's rules
//! and the round-robin placement rule), the /28 and CIDR helpers, the refusals, and the property tests
//! (totals are the per-node results placed round-robin; no spec panics, through the core or the CLI).

use proptest::prelude::*;
use std::collections::BTreeMap;
use vpc_cni_calc::cli;
use vpc_cni_calc::cluster::report::{Load, SubnetRole, SubnetUse};
use vpc_cni_calc::cluster::{self, ClusterReport, ClusterSpec, NodeGroupSpec, SubnetSpec, Surge};
use vpc_cni_calc::order::SortedMap;
use vpc_cni_calc::subnet::{self, parse_cidr, NodeCost};

fn subnet_spec(cidr: &str, az: &str, used: u32) -> SubnetSpec {
    SubnetSpec {
        cidr: cidr.into(),
        az: az.into(),
        used,
    }
}

fn group(name: &str, instance: &str, pods: u32, nodes: u32, max: u32, surge: Surge, azs: &[&str]) -> NodeGroupSpec {
    NodeGroupSpec {
        name: name.into(),
        instance_type: instance.into(),
        pods,
        nodes,
        max_nodes: Some(max),
        surge,
        azs: azs.iter().map(|a| a.to_string()).collect(),
    }
}

fn settings(pairs: &[(&str, &str)]) -> SortedMap {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

fn plan(spec: &ClusterSpec) -> ClusterReport {
    cluster::plan(spec).unwrap_or_else(|e| panic!("{e}"))
}

fn sub<'a>(r: &'a ClusterReport, cidr: &str) -> &'a SubnetUse {
    r.subnets.iter().find(|s| s.cidr == cidr).unwrap()
}

fn runs_out(s: &SubnetUse, group: &str) -> Option<u32> {
    s.runs_out.iter().find(|o| o.group == group).unwrap().at_nodes
}

/// Three groups across three /24s in three AZs, WARM_IP_TARGET=2 (ipamd keeps 2 spare IPs over the pods,
/// `isDatastorePoolTooLow`/`calculateTargetIPs`; an ENI holds its IPv4 limit − 1 secondaries):
/// - web: m5.large (3 ENIs × 10), 5 pods → 7 IPs on the primary ENI → 1 primary + 7 = 8 a node;
/// - api: m5.large, 20 pods → 22 IPs over 3 ENIs (9 + 9 + 4) → 3 primaries + 22 = 25 a node;
/// - batch: c5.xlarge (4 ENIs × 15), 10 pods → 12 IPs on the primary ENI → 1 + 12 = 13 a node.
///
/// Placement (round-robin over the group's AZs from the first): web 6/12 over a,b,c → 2/4 each; api
/// over b,c: 4 → 2,2; max 10 → 5,5; surge 50% of 10 = 5 → 15 → b 8, c 7; batch over c,a: 5 → c 3, a 2;
/// surge 1 → 6 → c 3, a 3.
/// - a: desired 2×8 + 2×13 = 42; max 4×8 + 2×13 = 58; surge 32 + 3×13 = 71.
/// - b (100 used): desired 2×8 + 2×25 = 66; max 32 + 5×25 = 157, 100 + 157 = 257 > 251: fails at max;
///   surge 32 + 8×25 = 232 → 332 needs a /23 (507 usable; a /24 has 251).
/// - c: desired 16 + 50 + 3×13 = 105; max 32 + 125 + 39 = 196; surge 32 + 175 + 39 = 246 ≤ 251 (5 free).
///
/// Runs out in b: api, web at desired (16): 251 − 100 − 16 = 135 holds 5 api nodes (125), the 6th fails;
/// b gets api's 1st, 3rd, … node, so the 11th node is its 6th. web, api at desired (50): 251 − 150 = 101
/// holds 12 web nodes (96); b gets web's 2nd, 5th, … node: the 13th lands at node 38 (12 rounds of 3, +2).
///
/// The verdict names the node at the level it reports (max), the other groups at max: api with web's 4
/// nodes in b (32): 251 − 100 − 32 = 119 holds 4 api nodes (100), the 5th in b is api's node 9 (b gets
/// its 1st, 3rd, 5th, 7th, 9th). web with api's 5 in b (125): 251 − 225 = 26 holds 3 web nodes (24),
/// the 4th in b is web's node 11 (2nd, 5th, 8th, 11th). api's node 9 comes first (and 9 ≤ its max 10).
#[test]
fn three_groups_across_three_azs() {
    let spec = ClusterSpec {
        settings: settings(&[("WARM_IP_TARGET", "2")]),
        subnets: vec![
            subnet_spec("10.0.0.0/24", "a", 0),
            subnet_spec("10.0.1.0/24", "b", 100),
            subnet_spec("10.0.2.0/24", "c", 0),
        ],
        pod_subnets: vec![],
        node_groups: vec![
            group("web", "m5.large", 5, 6, 12, Surge::Nodes(0), &[]),
            group("api", "m5.large", 20, 4, 10, Surge::Percent(50), &["b", "c"]),
            group("batch", "c5.xlarge", 10, 5, 5, Surge::Nodes(1), &["c", "a"]),
        ],
        instance_data: Vec::new(),
        unset: Vec::new(),
    };
    let r = plan(&spec);
    let per_node: Vec<(i64, i64)> = r
        .node_groups
        .iter()
        .map(|g| (g.addresses_per_node, g.peak_addresses_per_node))
        .collect();
    assert_eq!(per_node, [(8, 8), (25, 25), (13, 13)]);
    assert_eq!(r.node_groups[1].surge_nodes, 5);
    let levels = |s: &SubnetUse| [s.at_desired.addresses, s.at_max.addresses, s.at_surge.addresses];
    assert_eq!(levels(sub(&r, "10.0.0.0/24")), [42, 58, 71]);
    assert_eq!(levels(sub(&r, "10.0.1.0/24")), [66, 157, 232]);
    assert_eq!(levels(sub(&r, "10.0.2.0/24")), [105, 196, 246]);
    let b = sub(&r, "10.0.1.0/24");
    assert_eq!((b.usable, b.used, b.free), (251, 100, 251 - 100 - 66));
    assert!(b.at_desired.fits && !b.at_max.fits && !b.fits);
    assert_eq!(b.min_prefix_length, Some(23));
    assert_eq!(runs_out(b, "api"), Some(11));
    assert_eq!(runs_out(b, "web"), Some(38));
    assert!(b.runs_out.iter().all(|o| o.group != "batch"), "batch has no node in b");
    let c = sub(&r, "10.0.2.0/24");
    assert!(c.fits && c.at_surge.free == 5 && c.min_prefix_length == Some(24));
    assert!(!r.fits);
    assert_eq!(r.totals.addresses_at_max, 71 + 232 + 246);
    assert_eq!(
        (r.totals.nodes, r.totals.nodes_at_max, r.totals.nodes_at_surge),
        (15, 27, 33)
    );
    assert_eq!(
        r.verdict,
        "Does not fit: 10.0.1.0/24 (b) needs 157 addresses at max beside 100 used, 251 usable; api node 9 fails. Smallest fit: /23."
    );
}

/// Prefix delegation on a /26: 4 /28 blocks, the first holds AWS's 4 reserved addresses at the front and
/// the last the broadcast, so 2 are whole and free (10.0.0.16/28 and 10.0.0.32/28). m5.large with 10 pods
/// and the manifest's WARM_PREFIX_TARGET=1: the pods fill one prefix and ipamd keeps one whole prefix free
/// (`isDatastorePoolTooLow` with `warmPrefixTarget`), so 2 prefixes on the primary ENI: 1 + 2 × 16 = 33.
/// One node: 2 prefixes ≤ 2 blocks and its primary fits the 27 spare addresses: fits, reserve both blocks.
/// A surge of 1 needs 4 blocks: fails; a /25 (8 blocks, 6 free) holds it.
#[test]
fn prefix_delegation_on_a_26_with_the_reservation() {
    let mut spec = ClusterSpec {
        settings: settings(&[("ENABLE_PREFIX_DELEGATION", "true")]),
        subnets: vec![subnet_spec("10.0.0.0/26", "a", 0)],
        pod_subnets: vec![],
        node_groups: vec![group("pd", "m5.large", 10, 1, 1, Surge::Nodes(0), &[])],
        instance_data: Vec::new(),
        unset: Vec::new(),
    };
    let r = plan(&spec);
    assert_eq!(r.node_groups[0].node_subnet_cost, NodeCost { single: 1, prefixes: 2 });
    assert_eq!(r.node_groups[0].peak_addresses_per_node, 33);
    let s = &r.subnets[0];
    let p = s.prefix_blocks.as_ref().unwrap();
    assert_eq!((p.free_blocks, p.needed_at_max), (2, 2));
    assert_eq!(p.reservation, ["10.0.0.16/28", "10.0.0.32/28"]);
    assert_eq!(
        p.commands[0],
        "aws ec2 create-subnet-cidr-reservation --subnet-id \"$SUBNET_ID\" --reservation-type prefix --cidr 10.0.0.16/28"
    );
    assert!(s.fits && r.fits);
    assert_eq!(s.min_prefix_length, Some(26));
    assert_eq!(runs_out(s, "pd"), Some(2));
    // The text says beside the commands where it assumed `used` sits.
    let text = run_cli(
        &["cluster", "c.json"],
        &[("c.json", &serde_json::to_string(&spec).unwrap())],
    )
    .unwrap();
    let assumes = text
        .find("(assumes the 0 used addresses are packed at the bottom of the subnet")
        .unwrap();
    assert!(assumes < text.find("aws ec2 create-subnet-cidr-reservation").unwrap());

    spec.node_groups[0].surge = Surge::Nodes(1);
    let r = plan(&spec);
    let s = &r.subnets[0];
    assert_eq!(s.at_surge.prefixes, 4);
    assert!(!s.fits);
    assert_eq!(s.min_prefix_length, Some(25));
    assert!(
        s.prefix_blocks.as_ref().unwrap().commands.is_empty(),
        "no reservation for what does not fit"
    );
    // 2 × 33 = 66 addresses are past the 59 usable before the blocks are counted.
    assert!(r
        .verdict
        .starts_with("Does not fit: 10.0.0.0/26 (a) needs 66 addresses at max + surge beside 0 used, 59 usable"));

    // `used` sits packed after the 4 reserved addresses: 12 used end exactly at 10.0.0.16, 13 spill into
    // the first free block, leaving one.
    spec.node_groups[0].surge = Surge::Nodes(0);
    spec.subnets[0].used = 12;
    assert!(plan(&spec).fits);
    spec.subnets[0].used = 13;
    let r = plan(&spec);
    assert_eq!(r.subnets[0].prefix_blocks.as_ref().unwrap().free_blocks, 1);
    assert!(!r.fits);
    // 13 + 33 = 46 addresses ≤ 59, yet the second prefix has no whole /28: InsufficientCidrBlocks.
    assert!(r
        .verdict
        .starts_with("Does not fit: 10.0.0.0/26 (a) needs 2 /28 prefixes at desired but has 1 aligned free /28;"));
}

/// Custom networking with the pods in 100.64.0.0/16 (one /17 ENIConfig subnet per AZ): the node subnet
/// pays only the node IP; the pod subnet pays the secondary ENIs. m5.large, 10 pods, WARM_IP_TARGET=2:
/// 12 IPs, none on the primary ENI under custom networking, so ENI 2 takes 9 and ENI 3 takes 3 → the pod
/// subnet holds 2 primaries + 12 = 14 a node, the node subnet 1.
/// 100 nodes, max 200 over a, b → 50/50, then 100/100: node subnet a 100, pod subnet a 1 400.
/// Runs out: node subnet a (251 usable) at its 252nd node = the group's 503rd; pod subnet a (32 763 usable)
/// holds 2 340 nodes (32 760), so its 2 341st = the group's 4 681st.
/// Smallest fit at max: 100 → /25 (123 usable); 1 400 → /21 (2 043; a /22 has 1 019).
#[test]
fn custom_networking_with_a_100_64_pod_cidr() {
    let spec = ClusterSpec {
        settings: settings(&[("AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG", "true"), ("WARM_IP_TARGET", "2")]),
        subnets: vec![subnet_spec("10.0.0.0/24", "a", 0), subnet_spec("10.0.1.0/24", "b", 0)],
        pod_subnets: vec![
            subnet_spec("100.64.0.0/17", "a", 0),
            subnet_spec("100.64.128.0/17", "b", 0),
        ],
        node_groups: vec![group("cn", "m5.large", 10, 100, 200, Surge::Nodes(0), &[])],
        instance_data: Vec::new(),
        unset: Vec::new(),
    };
    let r = plan(&spec);
    let g = &r.node_groups[0];
    assert_eq!(g.node_subnet_cost, NodeCost { single: 1, prefixes: 0 });
    assert_eq!(
        g.pod_subnet_cost,
        Some(NodeCost {
            single: 14,
            prefixes: 0
        })
    );
    assert_eq!(g.peak_addresses_per_node, 15);
    let (node_a, pod_a) = (sub(&r, "10.0.0.0/24"), sub(&r, "100.64.0.0/17"));
    assert_eq!((node_a.role, pod_a.role), (SubnetRole::Node, SubnetRole::Pod));
    assert_eq!([node_a.addresses, node_a.addresses_at_max], [50, 100]);
    assert_eq!([pod_a.addresses, pod_a.addresses_at_max], [700, 1400]);
    assert_eq!(pod_a.usable, 32_763);
    assert_eq!(runs_out(node_a, "cn"), Some(503));
    assert_eq!(runs_out(pod_a, "cn"), Some(4681));
    assert_eq!(
        (node_a.min_prefix_length, pod_a.min_prefix_length),
        (Some(25), Some(21))
    );
    assert!(r.fits);
    assert_eq!(r.totals.addresses_at_max, 200 * 15);

    // Custom networking needs a pod subnet in every AZ of every group.
    let mut no_b = spec.clone();
    no_b.pod_subnets.pop();
    assert!(cluster::plan(&no_b)
        .unwrap_err()
        .to_string()
        .contains("AZ 'b', which has no pod subnet"));
    // Pod subnets without custom networking are ENIConfigs ipamd never reads: left out, with a warning.
    let mut no_cn = spec.clone();
    no_cn.settings.remove("AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG");
    let r = plan(&no_cn);
    assert!(r.subnets.iter().all(|s| s.role == SubnetRole::Node));
    assert!(r.warnings.iter().any(|w| w.code == "pod-subnets-unused"));
}

/// A surge that tips a subnet over: m5.large, 20 pods, WARM_IP_TARGET=2 → 25 a node (as `api` above);
/// one /24 with 31 used keeps 251 − 31 = 220: 8 nodes (200) fit, 9 (225) do not. 6 desired, max 8:
/// fits at max; a surge of 1 makes 9. "25%" of 8 is 2 (10 nodes); "10%" of 8 is 0.8, rounded up to 1.
#[test]
fn a_surge_tips_the_subnet_over() {
    let mut spec = ClusterSpec {
        settings: settings(&[("WARM_IP_TARGET", "2")]),
        subnets: vec![subnet_spec("10.0.0.0/24", "a", 31)],
        pod_subnets: vec![],
        node_groups: vec![group("general", "m5.large", 20, 6, 8, Surge::Nodes(0), &["a"])],
        instance_data: Vec::new(),
        unset: Vec::new(),
    };
    let r = plan(&spec);
    assert!(r.fits);
    assert_eq!(
        r.subnets[0].at_max,
        Load {
            nodes: 8,
            addresses: 200,
            prefixes: 0,
            free: 20,
            fits: true
        }
    );
    spec.node_groups[0].surge = Surge::Nodes(1);
    let r = plan(&spec);
    assert!(!r.fits && r.subnets[0].at_max.fits);
    assert_eq!(r.subnets[0].addresses_at_max, 225);
    assert_eq!(runs_out(&r.subnets[0], "general"), Some(9));
    assert_eq!(
        r.verdict,
        "Does not fit: 10.0.0.0/24 (a) needs 225 addresses at max + surge beside 31 used, 251 usable; general node 9 fails. Smallest fit: /23."
    );
    assert_eq!((Surge::Percent(25).nodes(8), Surge::Percent(10).nodes(8)), (2, 1));
    spec.node_groups[0].surge = Surge::Percent(10);
    assert_eq!(plan(&spec).node_groups[0].surge_nodes, 1);
}

/// The series climbs with the cluster and marks where it stops fitting: the surge case above grows
/// 0 → 9 nodes in 9 steps of one node, 25 addresses each, and fails at 9.
#[test]
fn the_chart_series_marks_exhaustion() {
    let spec = ClusterSpec {
        settings: settings(&[("WARM_IP_TARGET", "2")]),
        subnets: vec![subnet_spec("10.0.0.0/24", "a", 31)],
        pod_subnets: vec![],
        node_groups: vec![group("general", "m5.large", 20, 6, 8, Surge::Nodes(1), &["a"])],
        instance_data: Vec::new(),
        unset: Vec::new(),
    };
    let r = plan(&spec);
    let s = cluster::series(&r, 0).unwrap();
    assert_eq!(s.capacity, 220);
    assert_eq!(s.points.len(), 10);
    assert!(s
        .points
        .iter()
        .enumerate()
        .all(|(i, p)| p.nodes == i as u64 && p.addresses == 25 * i as i64));
    assert_eq!(s.exhausts_at_nodes, Some(9));
    assert!(cluster::series(&r, 1).is_none());
}

/// The chart's path adds one node a step. Groups of 1 and 2 nodes: node 1 of the second group comes at
/// 1/2 of the way, then node 1 of the first and node 2 of the second both at 2/2, in group order.
#[test]
fn the_chart_path_adds_one_node_a_step() {
    assert_eq!(cluster::path_nodes(0, &[1, 2]), vec![0, 0]);
    assert_eq!(cluster::path_nodes(1, &[1, 2]), vec![0, 1]);
    assert_eq!(cluster::path_nodes(2, &[1, 2]), vec![1, 1]);
    assert_eq!(cluster::path_nodes(3, &[1, 2]), vec![1, 2]);
    assert_eq!(cluster::path_nodes(9, &[1, 2]), vec![1, 2]);
    // 10 and 10: the nodes alternate, the first group first at each tie (j/10 for both).
    assert_eq!(cluster::path_nodes(7, &[10, 10]), vec![4, 3]);
    // A group of none never gets a node.
    assert_eq!(cluster::path_nodes(2, &[0, 3, 0]), vec![0, 2, 0]);
    // One group takes a shortcut: it has the k nodes the general walk gives it beside a group of none.
    for k in 0..=12 {
        assert_eq!(cluster::path_nodes(k, &[10]), vec![k.min(10)]);
        assert_eq!(cluster::path_nodes(k, &[10, 0]), vec![k.min(10), 0]);
    }
}

/// Two groups at different sizes (the review's case: 13 and 7 nodes at max + surge, 20 in all): every node
/// count from 0 to 20 is a point of the chart, none repeated or skipped.
#[test]
fn a_two_group_chart_has_every_node_count() {
    let spec = ClusterSpec {
        settings: settings(&[("WARM_IP_TARGET", "2")]),
        subnets: vec![subnet_spec("10.0.0.0/24", "a", 0)],
        pod_subnets: vec![],
        node_groups: vec![
            group("web", "m5.large", 10, 12, 12, Surge::Nodes(1), &["a"]),
            group("batch", "m5.large", 5, 6, 6, Surge::Nodes(1), &["a"]),
        ],
        instance_data: Vec::new(),
        unset: Vec::new(),
    };
    let s = cluster::series(&plan(&spec), 0).unwrap();
    let nodes: Vec<u64> = s.points.iter().map(|p| p.nodes).collect();
    assert_eq!(nodes, (0..=20).collect::<Vec<u64>>());
}

/// Spec JSON: the issue's example reads, defaults apply, `surge` takes 1 or "25%", unknown fields fail.
#[test]
fn the_spec_reads_the_issues_json() {
    let spec = cluster::parse_json(include_str!("../cluster/issue-example.json")).unwrap();
    assert_eq!(spec.node_groups[0].surge, Surge::Nodes(1));
    assert_eq!(spec.subnets[0].used, 20);
    let g: NodeGroupSpec =
        serde_json::from_str(r#"{"name":"g","instance_type":"m5.large","pods":1,"nodes":2,"surge":"25%"}"#).unwrap();
    assert_eq!((g.max_nodes, g.surge, g.azs.len()), (None, Surge::Percent(25), 0));
    assert!(serde_json::from_str::<NodeGroupSpec>(
        r#"{"name":"g","instance_type":"m5.large","pods":1,"nodes":2,"surge":"150%"}"#
    )
    .is_err());
    assert!(cluster::parse_json(r#"{"subnets":[],"node_groups":[],"extra":1}"#)
        .unwrap_err()
        .contains("unknown field"));
    for (surge, message) in [
        ("1.5", "not a whole number"),
        ("-1", "not a whole number"),
        ("true", "a percentage like"),
    ] {
        let text = format!(r#"{{"name":"g","instance_type":"m5.large","pods":1,"nodes":2,"surge":{surge}}}"#);
        let e = serde_json::from_str::<NodeGroupSpec>(&text).unwrap_err().to_string();
        assert!(e.contains(message), "{surge}: {e}");
    }
    // The round trip keeps the percentage a string.
    assert!(serde_json::to_string(&g).unwrap().contains(r#""surge":"25%""#));
}

/// /28 arithmetic behind the prefix numbers.
#[test]
fn free_blocks_reservations_and_overlaps() {
    // A /24 holds 16 blocks; with nothing used the first (reserved) and the last (broadcast) are out.
    assert_eq!(subnet::free_prefix_blocks(0, 24), subnet::usable_prefix_blocks(24));
    assert_eq!(subnet::free_prefix_blocks(0, 24), 14);
    // 30 used end at address 34: blocks 0–2 touched, 3..=14 free.
    assert_eq!(subnet::free_prefix_blocks(30, 24), 12);
    assert_eq!(subnet::free_prefix_blocks(0, 28), 0);
    // 6 blocks from the top of a /24, below block 15: blocks 9–14 = .144/28, .160/27 (10–11), .192/27
    // (12–13), .224/28 (14).
    let c = parse_cidr("10.0.0.0/24").unwrap();
    let res: Vec<String> = subnet::prefix_reservation(c, 0, 6)
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(
        res,
        ["10.0.0.144/28", "10.0.0.160/27", "10.0.0.192/27", "10.0.0.224/28"]
    );
    // More than the free blocks reserves only the free ones (14: blocks 1–14).
    let all: i64 = subnet::prefix_reservation(c, 0, 99)
        .iter()
        .map(|c| 1i64 << (28 - c.len))
        .sum();
    assert_eq!(all, 14);
    assert!(c.overlaps(parse_cidr("10.0.0.128/25").unwrap()));
    assert!(!c.overlaps(parse_cidr("10.0.1.0/24").unwrap()));
    // 251 single addresses fill a /24 exactly; a 252nd needs a /23.
    assert_eq!(
        subnet::min_prefix_length(
            NodeCost {
                single: 251,
                prefixes: 0
            },
            0
        ),
        Some(24)
    );
    assert_eq!(
        subnet::min_prefix_length(
            NodeCost {
                single: 252,
                prefixes: 0
            },
            0
        ),
        Some(23)
    );
}

fn run_cli(args: &[&str], files: &[(&str, &str)]) -> Result<String, String> {
    let files: BTreeMap<String, String> = files.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    let read = |p: &str| files.get(p).cloned().ok_or_else(|| format!("cannot read '{p}'"));
    let args: Vec<std::ffi::OsString> = args.iter().map(Into::into).collect();
    cli::run_os_with(&args, &read)
}

/// The CLI: text opens with the verdict, `--json` has the issue's fields, `--advise` the alternatives.
#[test]
fn the_cli_prints_the_verdict_first() {
    let spec = include_str!("../cluster/issue-example.json");
    let out = run_cli(&["cluster", "c.json"], &[("c.json", spec)]).unwrap();
    assert!(out.starts_with("Fits: 13 nodes at max + surge"), "{out}");
    let json: serde_json::Value =
        serde_json::from_str(&run_cli(&["cluster", "c.json", "--json", "--advise"], &[("c.json", spec)]).unwrap())
            .unwrap();
    for f in [
        "cidr",
        "az",
        "usable",
        "used",
        "addresses",
        "addresses_at_max",
        "free",
        "fits",
        "min_prefix_length",
    ] {
        assert!(json["subnets"][0].get(f).is_some(), "subnets[].{f}");
    }
    for f in [
        "name",
        "addresses_per_node",
        "peak_addresses_per_node",
        "nodes_per_subnet",
    ] {
        assert!(json["node_groups"][0].get(f).is_some(), "node_groups[].{f}");
    }
    assert_eq!(json["fits"], true);
    let advice = json["advice"].as_array().unwrap();
    assert_eq!(advice[0]["title"], "Your settings");
    assert!(advice
        .iter()
        .all(|a| a.get("totals").is_some() && a.get("fits").is_some() && a.get("edits").is_some()));
    assert!(advice.len() > 1);
}

/// Bad input: one line, no panic, naming what is wrong.
#[test]
fn bad_specs_get_one_line() {
    let ok_group = r#"{"name":"g","instance_type":"m5.large","pods":5,"nodes":2}"#;
    let spec = |subnets: &str, groups: &str| format!(r#"{{"subnets":[{subnets}],"node_groups":[{groups}]}}"#);
    let cases = [
        (
            spec(r#"{"cidr":"10.0.0.0/24","az":"a","colour":1}"#, ok_group),
            "unknown field `colour`",
        ),
        (spec(r#"{"cidr":"10.0.0.1/24","az":"a"}"#, ok_group), "host bits set"),
        (
            spec(
                r#"{"cidr":"10.0.0.0/24","az":"a"},{"cidr":"10.0.0.128/25","az":"b"}"#,
                ok_group,
            ),
            "overlaps 10.0.0.0/24",
        ),
        (
            spec(
                r#"{"cidr":"10.0.0.0/24","az":"a"}"#,
                r#"{"name":"g","instance_type":"m5.large","pods":5,"nodes":2,"azs":["z"]}"#,
            ),
            "names AZ 'z', which has no subnet",
        ),
        (
            spec(r#"{"cidr":"10.0.0.0/28","az":"a","used":12}"#, ok_group),
            "fewer than the 12 used",
        ),
        (
            spec(
                r#"{"cidr":"10.0.0.0/24","az":"a"}"#,
                r#"{"name":"g","instance_type":"m5.lrge","pods":5,"nodes":2}"#,
            ),
            "m5.large",
        ),
        (
            r#"{"settings":{"WARM_IP_TARGT":"2"},"subnets":[{"cidr":"10.0.0.0/24","az":"a"}],"node_groups":[]}"#
                .to_string(),
            "unknown setting",
        ),
        (
            spec(
                r#"{"cidr":"10.0.0.0/24","az":"a"}"#,
                r#"{"name":"g","instance_type":"m5.large","pods":5,"nodes":3,"max_nodes":2}"#,
            ),
            "below nodes",
        ),
        ("{".to_string(), "EOF"),
    ];
    for (text, expected) in cases {
        let e = run_cli(&["cluster", "c.json"], &[("c.json", &text)]).unwrap_err();
        assert!(e.contains(expected) && !e.contains('\n'), "{text} → {e}");
    }
    assert!(run_cli(&["cluster"], &[]).unwrap_err().contains("needs a spec file"));
    assert!(run_cli(&["cluster", "missing.json"], &[])
        .unwrap_err()
        .contains("cannot read"));
    assert!(run_cli(&["cluster", "c.json", "--frob"], &[])
        .unwrap_err()
        .contains("--frob"));
}

// ---- properties ----

const TYPES: [&str; 4] = ["m5.large", "c5.xlarge", "t3.medium", "m5.4xlarge"];

fn any_spec() -> impl Strategy<Value = ClusterSpec> {
    let subnets = prop::collection::vec((0u32..3, 24u8..=27, 0u32..40), 1..5).prop_map(|v| {
        v.into_iter()
            .enumerate()
            .map(|(i, (az, len, used))| SubnetSpec {
                // Distinct /24 slots, so never overlapping.
                cidr: format!("10.0.{i}.0/{len}"),
                az: ["a", "b", "c"][az as usize].to_string(),
                used: used.min(subnet::usable_addresses(len) as u32),
            })
            .collect::<Vec<_>>()
    });
    let groups = prop::collection::vec((0usize..4, 0u32..40, 0u32..30, 0u32..20, 0u32..4, any::<bool>()), 1..4);
    // Secondary IPs, prefix delegation, or custom networking (one pod subnet per AZ).
    let mode = 0u8..3;
    (subnets, groups, mode).prop_map(|(subnets, groups, mode)| {
        let azs: Vec<String> = subnets.iter().map(|s| s.az.clone()).collect();
        let mut pod_azs = azs.clone();
        pod_azs.sort();
        pod_azs.dedup();
        ClusterSpec {
            settings: match mode {
                0 => SortedMap::new(),
                1 => settings(&[("ENABLE_PREFIX_DELEGATION", "true")]),
                _ => settings(&[("AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG", "true")]),
            },
            pod_subnets: if mode == 2 {
                pod_azs
                    .iter()
                    .enumerate()
                    .map(|(i, az)| subnet_spec(&format!("100.64.{i}.0/24"), az, 0))
                    .collect()
            } else {
                vec![]
            },
            node_groups: groups
                .into_iter()
                .enumerate()
                .map(|(i, (t, pods, nodes, extra, surge, reverse))| NodeGroupSpec {
                    name: format!("g{i}"),
                    instance_type: TYPES[t].into(),
                    pods,
                    nodes,
                    max_nodes: Some(nodes + extra),
                    surge: Surge::Nodes(surge),
                    // Default AZs, or this group's own order of them (reversed, deduplicated).
                    azs: if reverse {
                        let mut a: Vec<String> = Vec::new();
                        for z in azs.iter().rev() {
                            if !a.contains(z) {
                                a.push(z.clone());
                            }
                        }
                        a
                    } else {
                        Vec::new()
                    },
                })
                .collect(),
            subnets,
            instance_data: Vec::new(),
            unset: Vec::new(),
        }
    })
}

/// Places `n` nodes one at a time by the issue's rule (node i to AZ i mod k; an AZ's j-th node to its
/// subnet j mod m) and counts them per subnet index.
fn place_one_by_one(spec: &ClusterSpec, azs: &[String], n: u32) -> Vec<u64> {
    let mut counts = vec![0u64; spec.subnets.len()];
    let mut per_az = vec![0usize; azs.len()];
    for i in 0..n as usize {
        let k = i % azs.len();
        let in_az: Vec<usize> = (0..spec.subnets.len())
            .filter(|&s| spec.subnets[s].az == azs[k])
            .collect();
        counts[in_az[per_az[k] % in_az.len()]] += 1;
        per_az[k] += 1;
    }
    counts
}

/// The verdict's "G node N fails" counts 1 ≤ N ≤ G's nodes at the level the verdict reports.
fn verdict_node_is_within_its_level(r: &ClusterReport) -> Result<(), TestCaseError> {
    let Some((_, tail)) = r.verdict.split_once("; ") else {
        return Ok(());
    };
    let Some((who, _)) = tail.split_once(" fails.") else {
        return Ok(());
    };
    let (name, n) = who.rsplit_once(" node ").unwrap();
    let n: u32 = n.parse().unwrap();
    let g = r.node_groups.iter().find(|g| g.name == name).unwrap();
    let level = if r.verdict.contains(" at desired ") {
        g.nodes
    } else if r.verdict.contains(" at max + surge ") {
        g.max_nodes + g.surge_nodes
    } else {
        g.max_nodes
    };
    prop_assert!((1..=level).contains(&n), "{}", r.verdict);
    Ok(())
}

proptest! {

    /// The page keeps one `NodePlans` across edits: after any run of specs (new node counts, new settings,
    /// settings that resolve alike but warn differently), `plan_in` and `advise_in` answer exactly as
    /// `plan` and `advise` with nothing kept.
    #[test]
    fn kept_node_plans_answer_as_fresh_plans(specs in prop::collection::vec((any_spec(), 0u8..4), 1..5)) {
        let mut kept = vpc_cni_calc::cluster::NodePlans::default();
        for (mut spec, extra) in specs {
            match extra {
                // Not an integer: ipamd keeps the default, so the same node run, and a warning ("not-an-integer").
                0 => { spec.settings.insert("WARM_ENI_TARGET".into(), "abc".into()); }
                // The shipped default written out: the same run, no new warning.
                1 => { spec.settings.insert("WARM_ENI_TARGET".into(), "1".into()); }
                _ => {}
            }
            prop_assert_eq!(vpc_cni_calc::cluster::plan_in(&spec, &mut kept), vpc_cni_calc::cluster::plan(&spec));
            prop_assert_eq!(vpc_cni_calc::cluster::advise_in(&spec, &mut kept), vpc_cni_calc::cluster::advise(&spec));
        }
    }

    /// The totals are the per-node results (each group's node planned alone by `scenario::plan`) placed
    /// node by node by the round-robin rule.
    #[test]
    fn totals_are_per_node_results_placed_round_robin(spec in any_spec()) {
        let r = plan(&spec);
        let mut default_azs: Vec<String> = Vec::new();
        for s in &spec.subnets {
            if !default_azs.contains(&s.az) {
                default_azs.push(s.az.clone());
            }
        }
        let all: Vec<&SubnetSpec> = spec.subnets.iter().chain(&spec.pod_subnets).collect();
        let mut expected = vec![[NodeCost { single: 0, prefixes: 0 }; 3]; all.len()];
        for (g, gr) in spec.node_groups.iter().zip(&r.node_groups) {
            let mut s = vpc_cni_calc::scenario::Scenario::new(&g.instance_type);
            s.pods = g.pods;
            for (k, v) in &spec.settings {
                s.env.set(k, v).unwrap();
            }
            let alone = crate::support::report(&s);
            // Under custom networking the report counts the pod subnet; the node IP is one more.
            let node_ip = i64::from(gr.pod_subnet_cost.is_some());
            prop_assert_eq!(gr.peak_addresses_per_node, alone.subnet.peak_addresses_per_node + node_ip);
            prop_assert_eq!(gr.addresses_per_node, alone.subnet.addresses_per_node + node_ip);
            let azs = if g.azs.is_empty() { default_azs.clone() } else { g.azs.clone() };
            let max = g.max_nodes.unwrap();
            for (level, n) in [g.nodes, max, max + g.surge.nodes(max)].into_iter().enumerate() {
                let node_counts = place_one_by_one(&spec, &azs, n);
                for (i, sub) in all.iter().enumerate() {
                    let (c, cost) = if i < spec.subnets.len() {
                        (node_counts[i], gr.node_subnet_cost)
                    } else {
                        // A pod subnet serves every node of its AZ.
                        let in_az = (0..spec.subnets.len()).filter(|&j| spec.subnets[j].az == sub.az);
                        (in_az.map(|j| node_counts[j]).sum(), gr.pod_subnet_cost.unwrap())
                    };
                    let c = c as i64;
                    expected[i][level].single += c * cost.single;
                    expected[i][level].prefixes += c * cost.prefixes;
                }
            }
        }
        let mut total = 0;
        for (s, e) in r.subnets.iter().zip(&expected) {
            let sub = parse_cidr(&s.cidr).unwrap();
            for (load, e) in [s.at_desired, s.at_max, s.at_surge].iter().zip(e) {
                prop_assert_eq!(load.addresses, e.addresses());
                prop_assert_eq!(load.prefixes, e.prefixes);
                prop_assert_eq!(load.fits, subnet::holds(*e, s.used, sub.len));
            }
            total += e[2].addresses();
        }
        prop_assert_eq!(r.totals.addresses_at_max, total);
        prop_assert_eq!(r.fits, r.subnets.iter().all(|s| s.fits));
        verdict_node_is_within_its_level(&r)?;
    }

    /// The chart's path: k nodes at step k, no group ever loses a node, each ends at its target.
    #[test]
    fn the_chart_path_grows_one_node_at_a_time(targets in proptest::collection::vec(0u64..60, 1..7)) {
        let total: u64 = targets.iter().sum();
        let mut last = vec![0; targets.len()];
        for k in 0..=total {
            let now = cluster::path_nodes(k, &targets);
            prop_assert_eq!(now.iter().sum::<u64>(), k);
            prop_assert!(now.iter().zip(&last).all(|(n, l)| n >= l), "{:?} after {:?}", now, last);
            prop_assert!(now.iter().zip(&targets).all(|(n, t)| n <= t));
            last = now;
        }
        prop_assert_eq!(last, targets);
    }

    /// Random specs, well-formed or not, never panic the core.
    #[test]
    fn no_spec_panics(spec in any_spec(), cidr in "[0-9./]{0,18}", az in "[a-c]?", big in any::<u32>()) {
        let mut spec = spec;
        spec.subnets.push(SubnetSpec { cidr, az: az.clone(), used: big % 300 });
        spec.node_groups[0].azs = vec![az];
        spec.node_groups[0].max_nodes = Some(big);
        if let Ok(r) = cluster::plan(&spec) {
            for i in 0..r.subnets.len() {
                cluster::series(&r, i).unwrap();
            }
        }
    }

    /// JSON-ish text through the CLI: an answer or one line, never a panic.
    #[test]
    fn no_json_panics_the_cli(text in r#"\{("(subnets|node_groups|settings|cidr|az|used|nodes|surge)"|[\[\]{}:,0-9a-z"%./ ])*\}?"#) {
        if let Err(e) = run_cli(&["cluster", "c.json"], &[("c.json", &text)]) {
            prop_assert!(!e.contains('\n'));
        }
    }
}

/// The README's `cluster` example is this program's real output for `tests/cluster/example.json`.
#[test]
fn the_readme_shows_the_real_output() {
    let spec = include_str!("../cluster/example.json");
    let out = run_cli(
        &["cluster", "tests/cluster/example.json"],
        &[("tests/cluster/example.json", spec)],
    )
    .unwrap();
    let readme = include_str!("../../README.md");
    assert!(
        readme.contains(&format!("$ vpc-cni-calc cluster tests/cluster/example.json\n{out}```")),
        "{out}"
    );
    assert!(readme.contains(spec.trim_end()));
}

/// The binary reads the spec from disk (`src/main.rs`), prints the report, and exits 2 with one line on
/// stderr for a file it cannot read, one over the size cap or a spec it refuses.
#[test]
fn the_binary_reads_the_spec_file() {
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_vpc-cni-calc"))
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .unwrap()
    };
    let ok = run(&["cluster", "tests/cluster/example.json"]);
    assert!(ok.status.success());
    assert!(String::from_utf8(ok.stdout)
        .unwrap()
        .starts_with("Does not fit: 10.0.1.0/24 (b)"));
    // An endless file stops at the 8 MiB cap instead of running away (`/dev/zero`, as the reviewer ran).
    for args in [
        &["cluster", "tests/cluster/missing.json"][..],
        &["cluster", "Cargo.toml"][..],
        &["cluster", "/dev/zero"][..],
    ] {
        let bad = run(args);
        assert_eq!(bad.status.code(), Some(2));
        let err = String::from_utf8(bad.stderr).unwrap();
        assert!(err.starts_with("vpc-cni-calc: ") && err.lines().count() == 1, "{err}");
        if args[1] == "/dev/zero" {
            assert!(err.contains("is larger than 256 MiB"), "{err}");
        }
    }
}

/// `--advise` re-plans the whole cluster per fix. Pod subnets given without custom networking price the
/// custom-networking fix: m5.large's maxPods drops to (3 − 1) × (10 − 1) + 2 = 20
/// (max-pods-calculator.sh with --cni-custom-networking-enabled), so 20 pods + aws-node + kube-proxy leave
/// 2 Pending a node, 12 over the 6 desired nodes: it ranks after the fixes that run every pod.
#[test]
fn advise_reprices_every_fix_over_the_cluster() {
    let spec = ClusterSpec {
        settings: SortedMap::new(),
        subnets: vec![subnet_spec("10.0.0.0/24", "a", 20), subnet_spec("10.0.1.0/24", "b", 0)],
        pod_subnets: vec![
            subnet_spec("100.64.0.0/17", "a", 0),
            subnet_spec("100.64.128.0/17", "b", 0),
        ],
        node_groups: vec![group("general", "m5.large", 20, 6, 12, Surge::Nodes(1), &[])],
        instance_data: Vec::new(),
        unset: Vec::new(),
    };
    let current = plan(&spec);
    let rows = cluster::advise(&spec).unwrap();
    assert_eq!(rows[0].title, "Your settings");
    assert_eq!((rows[0].totals, rows[0].fits), (current.totals, current.fits));
    // The CLI's `--advise` plans the current settings once: the same report and rows.
    assert_eq!(
        cluster::plan_and_advise(&spec).unwrap(),
        (current.clone(), rows.clone())
    );
    let cn = rows
        .iter()
        .position(|a| {
            a.edits
                == [vpc_cni_calc::edit::Edit::new(
                    "AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG",
                    Some("true"),
                )]
        })
        .unwrap();
    assert_eq!(rows[cn].pods_pending, 12);
    assert_eq!(cluster::best_fix(&rows), None, "the current settings fit");
    assert!(rows[1..cn]
        .iter()
        .all(|a| !a.fits || a.pods_pending + a.pods_without_ip == 0));
    // Each row is the cluster planned with its edits.
    for a in &rows[1..] {
        assert_eq!(plan(&spec.with_edits(&a.edits)).totals, a.totals, "{}", a.title);
    }
}

/// The best IPv4 fix for the README's example (`tests/cluster/example.json`, shipped settings):
/// WARM_IP_TARGET=2 with MINIMUM_IP_TARGET=10 (the advisor's candidate for batch's 10 pods) sizes each pool
/// to max(pods + 2, 10): general (m5.large, 20 pods) 22 IPs on 3 ENIs (9 + 9 + 4) → 25 a node; batch
/// (c5.xlarge, 10 pods) 12 IPs on its primary ENI (14 slots) → 13. At max + surge general's 13 nodes go
/// 7 to a, 6 to b, batch's 6 all to b: a 20 used + 175, b 6 × 25 + 6 × 13 = 228 ≤ 251: fits, 175 + 228 = 403
/// in all. MINIMUM_IP_TARGET=20 gives batch 20 IPs on 2 ENIs → 22 a node, b 150 + 132 = 282: does not fit.
#[test]
fn the_best_ipv4_fix_joins_the_verdict() {
    let spec = cluster::parse_json(include_str!("../cluster/example.json")).unwrap();
    let rows = cluster::advise(&spec).unwrap();
    let fix = rows
        .iter()
        .find(|a| a.edits.len() == 2 && a.edits[1].value.as_deref() == Some("10"))
        .unwrap();
    assert!(fix.fits && fix.totals.addresses_at_max == 403);
    let worse = rows
        .iter()
        .find(|a| a.edits.len() == 2 && a.edits[1].value.as_deref() == Some("20"))
        .unwrap();
    assert!(!worse.fits && worse.needs_prefix_length == Some(23));
    assert_eq!(
        cluster::best_fix(&rows).unwrap(),
        "Best IPv4 fix: WARM_IP_TARGET=2 MINIMUM_IP_TARGET=10 (25 per node at peak) fits."
    );
    let out = run_cli(
        &["cluster", "c.json", "--advise"],
        &[("c.json", include_str!("../cluster/example.json"))],
    )
    .unwrap();
    assert!(out.lines().next().unwrap().ends_with(
        "Smallest fit: /23. Best IPv4 fix: WARM_IP_TARGET=2 MINIMUM_IP_TARGET=10 (25 per node at peak) fits."
    ));
}

/// `--advise` stays bounded whatever the groups: 20 groups of m5.large running 0, 1, …, 19 pods are
/// offered "MINIMUM_IP_TARGET at the pod count" once at the fewest pods a node runs (0) and once at the
/// most (19), not once per group: MINIMUM_IP_TARGET is one value in the DaemonSet. With prefix
/// delegation, custom networking (left out: no pod subnets) and IPv6 that is at most 4 fixes after
/// "Your settings".
#[test]
fn advise_offers_few_cluster_wide_candidates() {
    let spec = ClusterSpec {
        settings: SortedMap::new(),
        subnets: vec![subnet_spec("10.0.0.0/16", "a", 0)],
        pod_subnets: vec![],
        node_groups: (0..20)
            .map(|p| group(&format!("g{p}"), "m5.large", p, 1, 1, Surge::Nodes(0), &[]))
            .collect(),
        instance_data: Vec::new(),
        unset: Vec::new(),
    };
    let rows = cluster::advise(&spec).unwrap();
    assert!(rows.len() <= 5, "{}", rows.len());
    let mut minimums: Vec<&str> = rows
        .iter()
        .flat_map(|a| &a.edits)
        .filter(|e| e.name == "MINIMUM_IP_TARGET")
        .filter_map(|e| e.value.as_deref())
        .collect();
    minimums.sort();
    assert_eq!(minimums, ["0", "19"]);
    for a in &rows[1..] {
        assert_eq!(plan(&spec.with_edits(&a.edits)).totals, a.totals, "{}", a.title);
    }
}

/// The verdict never blames a group whose nodes are not the problem: m5.large with the manifest's
/// WARM_ENI_TARGET=1 — big (20 pods) fills 9 + 9 + 9 = 27 IPs on all 3 ENIs, 3 + 27 = 30 a node; tiny
/// (1 pod) keeps one spare ENI, 2 × (1 + 9) = 20. 10 × 30 + 20 = 320 > 251 at desired. Without tiny, big
/// alone (300) still fills the /24, so tiny is not to blame (its "node 0" means "full without it"); big,
/// beside tiny's 20: 251 − 20 = 231 holds 7 × 30 = 210, so big's node 8 fails.
#[test]
fn the_verdict_names_the_group_that_tips_the_subnet() {
    let spec = ClusterSpec {
        settings: SortedMap::new(),
        subnets: vec![subnet_spec("10.0.0.0/24", "a", 0)],
        pod_subnets: vec![],
        node_groups: vec![
            group("big", "m5.large", 20, 10, 10, Surge::Nodes(0), &[]),
            group("tiny", "m5.large", 1, 1, 1, Surge::Nodes(0), &[]),
        ],
        instance_data: Vec::new(),
        unset: Vec::new(),
    };
    let r = plan(&spec);
    let per_node: Vec<i64> = r.node_groups.iter().map(|g| g.peak_addresses_per_node).collect();
    assert_eq!(per_node, [30, 20]);
    assert_eq!(runs_out(&r.subnets[0], "tiny"), Some(0));
    assert_eq!(
        r.verdict,
        "Does not fit: 10.0.0.0/24 (a) needs 320 addresses at desired beside 0 used, 251 usable; big node 8 fails. Smallest fit: /23."
    );
    let text = run_cli(
        &["cluster", "c.json"],
        &[("c.json", &serde_json::to_string(&spec).unwrap())],
    )
    .unwrap();
    assert!(!text.contains("node 0"), "{text}");
    assert!(text.contains("full without tiny"), "{text}");
    // Two groups of 10 such nodes, each filling the /24 alone (300 > 251): no single group's node is to
    // blame, so none is named. 600 addresses need a /22 (1 019 usable; a /23 has 507).
    let mut two = spec.clone();
    two.node_groups[1] = group("big2", "m5.large", 20, 10, 10, Surge::Nodes(0), &[]);
    assert_eq!(
        plan(&two).verdict,
        "Does not fit: 10.0.0.0/24 (a) needs 600 addresses at desired beside 0 used, 251 usable. Smallest fit: /22."
    );
}

/// "Fits" never hides pods that cannot run. m5.large's maxPods is 3 × (10 − 1) + 2 = 29
/// (max-pods-calculator.sh); aws-node and kube-proxy take 2 of them, so of 40 pods 27 run and 13 stay
/// Pending a node, 39 over 3 nodes. With ENABLE_POD_ENI=true the trunk ENI takes one of the 3 slots
/// (`hasRoomForEni`'s trunk reserve) and never gets pod IPs (`GetAllocatableENIs` skips it), so
/// 2 ENIs × 9 secondaries = 18 IPs: of 25 pods 7 get no IP a node, 21 over 3 nodes. Both fit the /24 (30 and 21 addresses a node).
#[test]
fn fits_says_which_pods_do_not_run() {
    let one = |settings: SortedMap, pods| ClusterSpec {
        settings,
        subnets: vec![subnet_spec("10.0.0.0/24", "a", 0)],
        pod_subnets: vec![],
        node_groups: vec![group("g", "m5.large", pods, 3, 3, Surge::Nodes(0), &[])],
        instance_data: Vec::new(),
        unset: Vec::new(),
    };
    let pending = one(SortedMap::new(), 40);
    let r = plan(&pending);
    assert!(r.fits);
    assert_eq!(
        (r.node_groups[0].pods_pending, r.node_groups[0].pods_without_ip),
        (13, 0)
    );
    assert!(
        r.verdict
            .starts_with("Fits the subnets, but 39 pods stay Pending (over maxPods) at desired: 3 nodes"),
        "{}",
        r.verdict
    );
    let no_ip = one(settings(&[("ENABLE_POD_ENI", "true")]), 25);
    let r = plan(&no_ip);
    assert!(r.fits);
    assert_eq!(
        (r.node_groups[0].pods_pending, r.node_groups[0].pods_without_ip),
        (0, 7)
    );
    assert!(
        r.verdict
            .starts_with("Fits the subnets, but 21 pods get no IP at desired: 3 nodes"),
        "{}",
        r.verdict
    );
    let json: serde_json::Value = serde_json::from_str(
        &run_cli(
            &["cluster", "c.json", "--json"],
            &[("c.json", &serde_json::to_string(&pending).unwrap())],
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(
        (
            &json["node_groups"][0]["pods_pending"],
            &json["node_groups"][0]["pods_without_ip"]
        ),
        (&serde_json::json!(13), &serde_json::json!(0))
    );
    // A cluster that does not fit says so too: 10 such nodes need 300 addresses in the /24.
    let mut big = pending.clone();
    big.node_groups[0].nodes = 10;
    big.node_groups[0].max_nodes = Some(10);
    assert!(plan(&big)
        .verdict
        .ends_with(" 130 pods stay Pending (over maxPods) at desired."));
}

/// Control characters in any spec string are refused in one line, never printed: a `\r` + ESC in a group
/// name would forge the verdict line (the reviewer's `forge.json`), a `\n` in an AZ would split it.
#[test]
fn control_characters_are_refused() {
    let forged = r#"{"subnets":[{"cidr":"10.0.0.0/24","az":"a"}],"node_groups":[{"name":"web\rFits: all subnets hold the cluster.\u001b[K","instance_type":"m5.large","pods":20,"nodes":10}]}"#;
    let e = run_cli(&["cluster", "c.json"], &[("c.json", forged)]).unwrap_err();
    assert_eq!(
        e,
        "c.json: node_groups[0].name: control character U+000D is not allowed"
    );
    let cases = [
        (
            r#"{"subnets":[{"cidr":"10.0.0.0/24","az":"a\nb"}],"node_groups":[]}"#,
            "subnets[0].az",
        ),
        (
            r#"{"settings":{"WARM_IP_TARGET":"2\u0007"},"subnets":[],"node_groups":[]}"#,
            "settings",
        ),
        (
            r#"{"subnets":[],"node_groups":[{"name":"g","instance_type":"m5.large\u009b","pods":1,"nodes":1}]}"#,
            "node_groups[0].instance_type",
        ),
        (
            r#"{"subnets":[],"node_groups":[{"name":"g","instance_type":"m5.large","pods":1,"nodes":1,"azs":["a\u202e"]}]}"#,
            "node_groups[0].azs",
        ),
        // serde's own message quotes an unknown field: escaped, one line.
        (r#"{"subnets":[],"node_groups":[],"x\ry":1}"#, r"unknown field `x\ry`"),
    ];
    for (text, expected) in cases {
        let e = run_cli(&["cluster", "c.json"], &[("c.json", text)]).unwrap_err();
        assert!(
            e.contains(expected) && !e.chars().any(char::is_control),
            "{text} → {e:?}"
        );
    }
    // A spec built in code (the page's) meets the same rule in `plan`.
    let mut spec = cluster::parse_json(include_str!("../cluster/example.json")).unwrap();
    spec.subnets[0].az = "a\u{1b}".into();
    assert!(cluster::plan(&spec).unwrap_err().to_string().contains("U+001B"));
}

/// Prefix delegation on a mixed cluster: m4.large (Xen) does not support it and falls back to secondary
/// IPs (`isConfigValid` warns, ipamd runs with `enablePrefixDelegation` off), m5.large (Nitro) runs it.
/// xen, 10 pods, WARM_ENI_TARGET=1: 9 IPs on the primary ENI and a spare ENI of 9 → 2 + 18 = 20 a node;
/// nitro, 20 pods: 2 /28s hold them and WARM_PREFIX_TARGET=1 keeps one more → 1 + 3 × 16 = 49.
/// The report says "mixed", each group its own mode, and nothing depends on the groups' order.
#[test]
fn mixed_modes_are_reported_per_group() {
    let spec = ClusterSpec {
        settings: settings(&[("ENABLE_PREFIX_DELEGATION", "true")]),
        subnets: vec![subnet_spec("10.0.0.0/26", "a", 0)],
        pod_subnets: vec![],
        node_groups: vec![
            group("xen", "m4.large", 10, 1, 1, Surge::Nodes(0), &[]),
            group("nitro", "m5.large", 20, 1, 1, Surge::Nodes(0), &[]),
        ],
        instance_data: Vec::new(),
        unset: Vec::new(),
    };
    let r = plan(&spec);
    let modes: Vec<String> = r.node_groups.iter().map(|g| g.mode.to_string()).collect();
    assert_eq!(modes, ["secondary-ip", "prefix-delegation"]);
    assert_eq!(r.mode, cluster::ClusterMode::Mixed);
    let per_node: Vec<i64> = r.node_groups.iter().map(|g| g.peak_addresses_per_node).collect();
    assert_eq!(per_node, [20, 49]);
    let json: serde_json::Value = serde_json::to_value(&r).unwrap();
    assert_eq!(
        (&json["mode"], &json["node_groups"][0]["mode"]),
        (&"mixed".into(), &"secondary-ip".into())
    );

    let mut reversed = spec.clone();
    reversed.node_groups.reverse();
    let back = plan(&reversed);
    assert_eq!((back.mode, back.totals), (r.mode, r.totals));
    let (rows, rows_back) = (cluster::advise(&spec).unwrap(), cluster::advise(&reversed).unwrap());
    assert_eq!(rows, rows_back);
    assert_eq!(cluster::best_fix(&rows), cluster::best_fix(&rows_back));
}
