//! The advisor re-plans each fix on the same workload; its numbers are the simulator's.

use vpc_cni_calc::advisor::advise;
use vpc_cni_calc::form::Form;
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
        for (k, v) in &a.edits {
            match v {
                Some(v) => alt.env.set(k, v).unwrap(),
                None => alt.env.unset(k).unwrap(),
            }
        }
        if a.title.starts_with("Custom networking") {
            // Under custom networking "your subnet" is the node subnet: one address per node.
            assert_eq!((a.addresses_per_node, a.exhausts_at_nodes), (1, Some(252)));
            continue;
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
        let per_node = match &r.subnet.node_subnet {
            Some(ns) if r.subnet.cidr.is_none() => ns.addresses_per_node,
            _ => r.subnet.addresses_per_node,
        };
        assert_eq!(per_node, a.addresses_per_node, "{}", a.title);
    }
}
