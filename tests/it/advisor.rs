//! The advisor re-plans each fix on the same workload; its numbers are the simulator's.

use vpc_cni_calc::advisor::advise;
use vpc_cni_calc::edit::Edit;
use vpc_cni_calc::form::{Field, Form};
use vpc_cni_calc::scenario::{plan, Scenario};

fn scenario(instance: &str, pods: u32) -> Scenario {
    let mut s = Scenario::new(instance);
    s.pods = pods;
    s.nodes = 40;
    s.subnet = Some("10.0.0.0/24".into());
    s
}

#[test]
fn every_alternative_is_what_the_simulator_says() {
    let s = scenario("m5.xlarge", 10);
    let current = plan(&s).unwrap();
    let alts = advise(&s, &current);
    assert_eq!(alts[0].title, "Your settings");
    assert_eq!(alts[0].addresses_per_node, current.subnet.addresses_per_node);
    let titles: Vec<&str> = alts.iter().map(|a| a.title).collect();
    assert_eq!(alts.len(), 5, "{titles:?}");
    for a in &alts[1..] {
        let mut alt = s.clone();
        for e in &a.edits {
            alt.env.edit(e).unwrap();
        }
        let r = plan(&alt).unwrap();
        assert_eq!(a.addresses_per_node, r.subnet.addresses_per_node, "{}", a.title);
        assert_eq!(a.exhausts_at_nodes, r.subnet.exhausts_at_nodes, "{}", a.title);
    }
    // Tighter targets: 10 pods + 2 warm on one ENI (13 addresses) against 2 full ENIs (30).
    let wit = alts.iter().find(|a| a.title.starts_with("WARM_IP_TARGET")).unwrap();
    assert_eq!((current.subnet.addresses_per_node, wit.addresses_per_node), (30, 13));
    assert!(alts[1..]
        .windows(2)
        .all(|w| (w[0].pods_without_ip, w[0].addresses_per_node) <= (w[1].pods_without_ip, w[1].addresses_per_node)));
}

#[test]
fn no_prefix_or_ipv6_advice_on_xen() {
    let s = scenario("m4.xlarge", 10);
    let alts = advise(&s, &plan(&s).unwrap());
    assert!(alts
        .iter()
        .all(|a| !a.title.starts_with("Prefix") && !a.title.contains("IPv6")));
}

#[test]
fn applying_an_alternative_to_the_form_gives_the_same_plan() {
    let mut f = Form::initial();
    f.instance_type = "m5.xlarge".into();
    f.pods = "10".into();
    f.warm_ip_target = String::new();
    let s = f.check().unwrap();
    let alts = advise(&s, &plan(&s).unwrap());
    for a in &alts[1..] {
        let mut g = f.clone();
        g.apply_edits(&a.edits);
        let r = plan(&g.check().unwrap_or_else(|e| panic!("{}: {e:?}", a.title))).unwrap();
        assert_eq!(r.subnet.addresses_per_node, a.addresses_per_node, "{}", a.title);
        assert_eq!(r.subnet.exhausts_at_nodes, a.exhausts_at_nodes, "{}", a.title);
    }
}

#[test]
fn custom_networking_compares_node_subnet_with_node_subnet_and_pod_subnet_with_pod_subnet() {
    // Issue 6 §4: m5.xlarge (4 ENIs × 15 IPv4), 10 pods, WARM_ENI_TARGET=1 (the manifest).
    // Today: pods fill ENI 0 and one warm ENI stands by, 2 ENIs × 15 = 30 addresses, all in the one
    // subnet nodes and pods share. Custom networking: the primary ENI (the node IP, 1 address in the
    // node subnet) takes no pods, so pods fill ENI 1 and ENI 2 stands by: 2 × 15 = 30 addresses in the
    // pod subnet (those ENIs live in the ENIConfig subnet, primaries included).
    let s = scenario("m5.xlarge", 10);
    let alts = advise(&s, &plan(&s).unwrap());
    let (mine, cn) = (
        &alts[0],
        alts.iter().find(|a| a.title.starts_with("Custom networking")).unwrap(),
    );
    assert!(mine.shared_subnet && !cn.shared_subnet);
    assert_eq!((mine.node_subnet_addresses_per_node, mine.addresses_per_node), (30, 30));
    assert_eq!((cn.node_subnet_addresses_per_node, cn.addresses_per_node), (1, 30));
    // Your /24 stays the pod subnet: 251 usable / 30 per node = 8 nodes fit, the 9th does not.
    assert_eq!(cn.exhausts_at_nodes, Some(9));
}

#[test]
fn custom_networking_keeps_your_subnet_as_the_pod_subnet_and_unticking_gives_it_back() {
    let mut f = Form::initial();
    f.subnet = "10.0.0.0/22".into();
    f.apply_edits(&[Edit::new("AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG", Some("true"))]);
    assert!(f.custom_networking);
    assert_eq!((f.subnet.as_str(), f.node_subnet.as_str()), ("10.0.0.0/22", ""));
    let r = plan(&f.check().unwrap()).unwrap();
    assert_eq!(
        r.subnet.cidr.as_deref(),
        Some("10.0.0.0/22"),
        "your subnet is the pod subnet"
    );
    f.set(Field::CustomNetworking, "false");
    let r = plan(&f.check().unwrap()).unwrap();
    assert_eq!(r.subnet.cidr.as_deref(), Some("10.0.0.0/22"));
    assert!(
        r.subnet.node_subnet.is_none(),
        "one subnet again, shared by nodes and pods"
    );
}
