//! The one-line verdict the page opens with: needs, has, the node that fails, the smallest fit.

use crate::support::{report, scenario};
use vpc_cni_calc::verdict::{smallest_fit, verdict};

/// `pods` on each of `nodes` nodes of `instance`, in `subnet`, with `settings` over the manifest.
fn judged(
    instance: &str,
    pods: u32,
    nodes: u32,
    subnet: Option<&str>,
    settings: &[&str],
) -> vpc_cni_calc::verdict::Verdict {
    let mut s = scenario(instance, pods, settings);
    s.nodes = nodes;
    s.subnet = subnet.map(str::to_string);
    verdict(&report(&s))
}

#[test]
fn a_group_that_does_not_fit_names_the_failing_node_and_the_smallest_fit() {
    // m5.xlarge: 4 ENIs × 15 IPv4 addresses, so 14 secondaries an ENI. No pods, WARM_ENI_TARGET=1: the
    // primary ENI's 14 free IPs already make one ENI's worth, so one ENI: 1 primary + 14 = 15 a node.
    // 20 nodes × 15 = 300 > 251 usable in a /24; 16 × 15 = 240 fit, node 17 does not.
    // A /23 has 512 − 5 = 507 ≥ 300; a /24's 251 do not: smallest fit /23.
    let v = judged("m5.xlarge", 0, 20, Some("10.0.0.0/24"), &[]);
    assert_eq!(
        v.text,
        "20 × m5.xlarge need 300 addresses at peak; 10.0.0.0/24 has 251: node 17 fails. Smallest fit: /23."
    );
    assert_eq!(v.fits, Some(false));
}

#[test]
fn a_group_that_fits_says_how_many_more_nodes_it_has_room_for() {
    // t3.small: 3 ENIs × 4 addresses. No pods: one ENI, 1 primary + 3 secondaries = 4 a node; 20 × 4 = 80.
    // 251 / 4 = 62 nodes fit, so 62 − 20 = 42 more. A /25 has 128 − 5 = 123 ≥ 80; a /26's 59 do not.
    let v = judged("t3.small", 0, 20, Some("10.0.0.0/24"), &[]);
    assert_eq!(
        v.text,
        "20 × t3.small need 80 addresses at peak; 10.0.0.0/24 has 251: fits, with room for 42 more nodes. Smallest fit: /25."
    );
    assert_eq!(v.fits, Some(true));
}

#[test]
fn without_a_subnet_it_still_gives_the_smallest_fit() {
    // As above: 80 addresses, smallest fit /25.
    let v = judged("t3.small", 0, 20, None, &[]);
    assert_eq!(
        v.text,
        "20 × t3.small need 80 addresses at peak. Smallest fit: /25. Enter a subnet to check yours."
    );
    assert_eq!(v.fits, None);
}

#[test]
fn prefix_mode_counts_whole_aligned_blocks() {
    // m5.large, prefix delegation, no pods, WARM_PREFIX_TARGET=1: one /28 on the primary ENI, so 1 primary
    // + 16 = 17 a node. 20 nodes need 20 aligned /28s (their 20 primaries fit in the edge blocks' 27 spare).
    // A /23 has 2^(28−23) − 2 = 30 whole blocks ≥ 20; a /24 has 14: smallest fit /23.
    let mut s = scenario("m5.large", 0, &["ENABLE_PREFIX_DELEGATION=true"]);
    s.nodes = 20;
    let r = report(&s);
    assert_eq!(r.subnet.peak_addresses_per_node, 17);
    assert_eq!(smallest_fit(&r), Some(23));
}

#[test]
fn a_group_no_subnet_holds_says_so() {
    // 5000 × 15 = 75 000 addresses (m5.xlarge as above); a /16 has 65 531.
    let v = judged("m5.xlarge", 0, 5000, None, &[]);
    assert!(
        v.text
            .ends_with("No subnet up to /16 fits. Enter a subnet to check yours."),
        "{}",
        v.text
    );
}

#[test]
fn one_node_needs_and_ipv6_says_where_pods_draw_from() {
    // t3.small with no pods: 4 addresses (as above); one node "needs". /28: 16 − 5 = 11 ≥ 4.
    let v = judged("t3.small", 0, 1, None, &[]);
    assert_eq!(
        v.text,
        "1 × t3.small needs 4 addresses at peak. Smallest fit: /28. Enter a subnet to check yours."
    );
    // IPv6 (a Nitro type with prefix delegation): pods take /80s, the subnet only the ENI primaries.
    let v = judged(
        "m5.large",
        10,
        2,
        Some("10.0.0.0/24"),
        &["ENABLE_IPv6=true", "ENABLE_IPv4=false", "ENABLE_PREFIX_DELEGATION=true"],
    );
    assert!(
        v.text
            .contains("(IPv4: one per ENI; pods draw from /80s); 10.0.0.0/24 has 251: fits"),
        "{}",
        v.text
    );
}

#[test]
fn a_full_node_subnet_fails_the_verdict_under_custom_networking() {
    // Custom networking: one node IP each in the node subnet. A /28 holds 16 − 5 = 11, so node 12 of 20
    // fails there, whatever the pod subnet (a /16 here) holds.
    let mut s = scenario("m5.large", 0, &["AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG=true"]);
    s.nodes = 20;
    s.subnet = Some("100.64.0.0/16".into());
    s.node_subnet = Some("10.0.0.0/28".into());
    let v = verdict(&report(&s));
    assert!(
        v.text.ends_with(" The node subnet 10.0.0.0/28 runs out at node 12."),
        "{}",
        v.text
    );
    assert_eq!(v.fits, Some(false));
}

/// Several node groups and no subnet yet: no single-group sizing stands in for the cluster's (a 10-node and a
/// 30-node group sized as 10 nodes would ask for a subnet 4× too small).
#[test]
fn several_groups_without_a_subnet_get_no_single_group_sizing() {
    let v = vpc_cni_calc::verdict::groups_without_subnet(2);
    assert_eq!(v.fits, None);
    assert!(
        v.text.starts_with("2 node groups: add a subnet for each AZ"),
        "{}",
        v.text
    );
    assert!(!v.text.contains("Smallest fit"), "{}", v.text);
}
