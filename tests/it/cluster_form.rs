//! The page's cluster editor in the form: node groups and subnet rows, each cell's rule, the link keys,
//! old links opening as a one-group cluster, and the `ClusterSpec` the rows describe.

use proptest::prelude::*;
use vpc_cni_calc::cluster::{ClusterSpec, NodeGroupSpec, SubnetSpec, Surge};
use vpc_cni_calc::form::{changed_keys, Cell, Col, Field, Form, List, MAX_ROWS};

fn cell(list: List, row: usize, col: Col) -> Cell {
    Cell { list, row, col }
}

/// Links made before node groups (from `tests/e2e/app.test.mjs` and the README) open as a one-group
/// cluster with the same values, and write back the same query.
#[test]
fn old_links_open_as_a_one_group_cluster() {
    for link in [
        "type=t3.small&pods=9",
        "type=m5.xlarge&pods=10&nodes=40&subnet=10.0.0.0/24",
        "type=m5.xlarge&pods=40&arrival=burst&then=5&seed=7",
        "type=m5.xlarge&pods=40&then=5&nodes=8&subnet=10.0.0.0/24",
        "type=t3.small&pods=20&mode=pd",
        "type=m5.large&pods=5&max_pods=max_pods%20-%2010",
        "type=m5.xlarge&pods=10&nodes=40&subnet=10.0.0.0/24&WARM_IP_TARGET=2&MINIMUM_IP_TARGET=10",
        "type=m5.large&pods=30&nodes=40&subnet=10.0.0.0/22&node_subnet=10.1.0.0/24&custom=true&sgp=true",
    ] {
        let (f, notices) = Form::from_query(link);
        assert!(notices.is_empty(), "{link}: {notices:?}");
        assert_eq!((f.groups.len(), f.subnets.len(), f.selected), (1, 1, 0), "{link}");
        assert_eq!(changed_keys(link, &f.to_query()), Vec::<String>::new(), "{link}");
    }
    // The 40 nodes in a /24 of the third link are the cluster's one group in subnet `a`.
    let (f, _) = Form::from_query("type=m5.xlarge&pods=10&nodes=40&subnet=10.0.0.0/24");
    let spec = f.cluster().unwrap();
    assert_eq!(
        spec.subnets,
        [SubnetSpec {
            cidr: "10.0.0.0/24".into(),
            az: "a".into(),
            used: 0
        }]
    );
    assert_eq!(
        spec.node_groups,
        [NodeGroupSpec {
            name: "group-1".into(),
            instance_type: "m5.xlarge".into(),
            pods: 10,
            nodes: 40,
            max_nodes: None,
            surge: Surge::Nodes(0),
            azs: vec![],
        }]
    );
    // The seed example's WARM_IP_TARGET=2 is a cluster-wide setting.
    let spec = Form::initial().cluster().unwrap();
    assert_eq!(spec.settings.get("WARM_IP_TARGET"), Some("2"));
}

/// Custom networking: the `subnet` key is the pod (ENIConfig) subnet and `node_subnet` the nodes' own,
/// as before; in the spec they are `pod_subnets` and `subnets`.
#[test]
fn custom_networking_links_split_node_and_pod_subnets() {
    let (f, notices) =
        Form::from_query("type=m5.large&pods=30&nodes=40&subnet=100.64.0.0/16&node_subnet=10.0.0.0/24&custom=true");
    assert!(notices.is_empty(), "{notices:?}");
    let spec = f.cluster().unwrap();
    assert_eq!(spec.subnets[0].cidr, "10.0.0.0/24");
    assert_eq!(spec.pod_subnets[0].cidr, "100.64.0.0/16");
    // Unticked, the node subnet row is ignored and the one subnet is shared.
    let mut f = f;
    f.set(Field::CustomNetworking, "false");
    let spec = f.cluster().unwrap();
    assert_eq!(
        (spec.subnets[0].cidr.as_str(), spec.pod_subnets.len()),
        ("100.64.0.0/16", 0)
    );
}

/// Two groups and two subnets in two AZs: every cell goes through the link and back, and the single-node
/// views follow the selected group.
#[test]
fn two_groups_and_two_subnets_round_trip() {
    let mut f = Form::initial();
    f.set_cell(cell(List::Subnets, 0, Col::Az), "a");
    f.add_row(List::Subnets);
    f.set_cell(cell(List::Subnets, 1, Col::Cidr), "10.0.1.0/24");
    f.set_cell(cell(List::Subnets, 1, Col::Az), "b");
    f.set_cell(cell(List::Subnets, 1, Col::Used), "20");
    f.set_cell(cell(List::Groups, 0, Col::Name), "general");
    f.add_row(List::Groups);
    assert_eq!(f.selected, 1, "a new group is selected");
    assert_eq!(f.groups[1].instance_type, "m5.large", "and copies the selected one");
    f.set_cell(cell(List::Groups, 1, Col::Type), "c5.xlarge");
    f.set_cell(cell(List::Groups, 1, Col::Pods), "30");
    f.set_cell(cell(List::Groups, 1, Col::MaxNodes), "12");
    f.set_cell(cell(List::Groups, 1, Col::Surge), "25%");
    f.set_cell(cell(List::Groups, 1, Col::Azs), "b");
    let q = f.to_query();
    assert!(
        q.starts_with("type=m5.large&pods=5&nodes=20&subnet=10.0.0.0/24&WARM_IP_TARGET=2&"),
        "{q}"
    );
    for key in [
        "name=general",
        "az=a",
        "s1.subnet=10.0.1.0/24",
        "s1.az=b",
        "s1.used=20",
        "g1.type=c5.xlarge",
        "g1.surge=25%25",
        "g1.azs=b",
    ] {
        assert!(q.split('&').any(|p| p == key), "{key} in {q}");
    }
    assert!(q.ends_with("&sel=1"), "{q}");
    let (back, notices) = Form::from_query(&q);
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(back, f);
    // The selected group is what the single-node fields and the scenario show.
    assert_eq!(f.get(Field::InstanceType), "c5.xlarge");
    let s = f.check().unwrap();
    assert_eq!((s.instance_type.as_str(), s.pods), ("c5.xlarge", 30));
    f.select(0);
    assert_eq!(f.check().unwrap().instance_type, "m5.large");
    let spec = f.cluster().unwrap();
    assert_eq!(spec.node_groups.len(), 2);
    assert_eq!(spec.node_groups[1].surge, Surge::Percent(25));
    assert_eq!(spec.node_groups[1].max_nodes, Some(12));
    assert_eq!(spec.node_groups[1].azs, ["b"]);
    assert_eq!(spec.subnets[1].used, 20);
}

#[test]
fn removing_rows_keeps_one_and_the_selection_in_range() {
    let mut f = Form::initial();
    f.add_row(List::Groups);
    f.add_row(List::Groups);
    assert_eq!((f.groups.len(), f.selected), (3, 2));
    f.remove_row(List::Groups, 0);
    assert_eq!((f.groups.len(), f.selected), (2, 1), "the same group stays selected");
    f.remove_row(List::Groups, 1);
    assert_eq!((f.groups.len(), f.selected), (1, 0));
    f.remove_row(List::Groups, 0);
    assert_eq!(f.groups.len(), 1, "the last group is cleared, not removed");
    assert_eq!((f.get(Field::Pods), f.get(Field::Nodes)), ("0".into(), "1".into()));
    f.remove_row(List::Subnets, 0);
    assert_eq!((f.subnets.len(), f.get(Field::Subnet)), (1, String::new()));
    for _ in 0..30 {
        f.add_row(List::Subnets);
    }
    assert_eq!(f.subnets.len(), MAX_ROWS, "capped");
}

/// A link naming rows past the 20 the editor holds gets one notice per list naming the rule, not one
/// per key; rows count from 1 on the page (`g20` is the 21st group, `g24` the 25th).
#[test]
fn rows_past_the_limit_get_one_notice_per_list() {
    let rows: String = (1..=24)
        .map(|row| format!("&g{row}.type=t3.small&g{row}.pods=3"))
        .collect();
    let link = format!("type=m5.large&subnet=10.0.0.0/24{rows}&s21.subnet=10.0.9.0/24&n3x.subnet=x");
    let (f, notices) = Form::from_query(&link);
    assert_eq!(f.groups.len(), MAX_ROWS);
    assert_eq!(
        notices,
        [
            "Ignored unknown link parameter 'n3x.subnet'.",
            "Ignored node groups 21–25 from the link: at most 20 node groups.",
            "Ignored subnet 22 from the link: at most 20 subnets.",
        ]
    );
}

/// Each cell's rule and message; a group's AZ must have a subnet for its nodes.
#[test]
fn cell_rules() {
    let check = |c: Cell, v: &str| {
        let mut f = Form::initial();
        f.set_cell(c, v);
        f.check_cells().into_iter().find(|(x, _)| *x == c).map(|(_, m)| m)
    };
    let g = |col| cell(List::Groups, 0, col);
    let s = |col| cell(List::Subnets, 0, col);
    assert!(check(g(Col::Type), "m5.larg")
        .unwrap()
        .contains("did you mean m5.large"));
    assert!(check(g(Col::Nodes), "0")
        .unwrap()
        .starts_with("Nodes must be a whole number from 1"));
    assert!(check(g(Col::MaxNodes), "x").unwrap().starts_with("Max nodes must be"));
    assert_eq!(check(g(Col::MaxNodes), ""), None);
    assert_eq!(check(g(Col::Surge), "25%"), None);
    assert!(check(g(Col::Surge), "101%").unwrap().contains("more than 100%"));
    assert!(check(g(Col::Surge), "2 nodes").unwrap().contains("not a node count"));
    assert!(check(g(Col::Name), "a b").unwrap().contains("letters, digits"));
    assert!(check(g(Col::Name), &"x".repeat(33)).unwrap().contains("at most 32"));
    assert!(check(g(Col::Azs), "c").unwrap().contains("AZ 'c' has no subnet"));
    assert_eq!(check(g(Col::Azs), "a"), None, "an empty AZ cell is `a`");
    assert!(check(s(Col::Cidr), "10.0.0.1/24")
        .unwrap()
        .contains("did you mean 10.0.0.0/24"));
    assert!(check(s(Col::Used), "-1").unwrap().contains("Used addresses"));
    // A bad cell keeps the cluster from being re-planned; the message names the rule.
    let mut f = Form::initial();
    f.set_cell(g(Col::Surge), "lots");
    assert_eq!(f.cluster().unwrap_err()[0].0, g(Col::Surge));
}

/// A hostile link: rows past the cap, leading zeros, `sel` past the groups and bad cells are each dropped
/// with a notice; the rest of the link is kept.
#[test]
fn hostile_cluster_links_fall_back_cell_by_cell() {
    let (f, notices) = Form::from_query(
        "type=m5.large&g20.type=m5.large&g01.pods=3&g2.pods=lots&g2.type=c5.large&sel=7&s1.subnet=10.0.0.1/24",
    );
    assert_eq!(f.groups.len(), 3, "g2 makes rows 1 and 2");
    assert_eq!(
        (f.groups[2].instance_type.as_str(), f.groups[2].pods.as_str()),
        ("c5.large", "0")
    );
    assert_eq!(f.selected, 0);
    assert_eq!(f.subnets.len(), 2);
    assert_eq!(notices.len(), 5, "{notices:?}");
    assert!(
        notices.contains(&"Ignored node group 21 from the link: at most 20 node groups.".to_string()),
        "{notices:?}"
    );
    assert!(notices.iter().any(|n| n.contains("sel=7")), "{notices:?}");
    assert!(
        notices.iter().any(|n| n.starts_with("Ignored s1.subnet=10.0.0.1/24")),
        "{notices:?}"
    );
}

proptest! {
    /// Any link of cluster keys restores without a panic, holds at most `MAX_ROWS` rows of each list, and
    /// writes a link that reads back to the same form.
    #[test]
    fn any_cluster_link_is_handled(
        keys in proptest::collection::vec(("[gsn]?[0-9]{0,2}\\.?(type|pods|nodes|surge|azs|subnet|az|used|sel)", ".{0,12}"), 0..12),
    ) {
        let q: Vec<String> = keys.iter().map(|(k, v)| format!("{k}={}", vpc_cni_calc::form::encode(v))).collect();
        let (f, _) = Form::from_query(&q.join("&"));
        prop_assert!(List::ALL.iter().all(|&l| f.rows(l) <= MAX_ROWS));
        let _: Result<ClusterSpec, _> = f.cluster();
        let (back, _) = Form::from_query(&f.to_query());
        prop_assert_eq!(back, f);
    }
}

/// A removed setting (`KEY-`, as a pasted env that lacks it) is unset in the cluster too, not the manifest's
/// value. m5.large with prefixes, 20 pods: WARM_PREFIX_TARGET unset is ipamd's 0 (`getWarmPrefixTarget`), so
/// 20 pods take 2 /28s = 32 addresses + the ENI's primary = 33 per node; the manifest's 1 would add a third /28
/// (49). Three nodes: 99, not 147, as `cluster … --settings-from` and the single-node view say.
#[test]
fn a_removed_setting_is_unset_in_the_cluster_not_the_manifest_value() {
    let (f, notices) =
        Form::from_query("type=m5.large&pods=20&nodes=3&subnet=10.0.0.0/24&mode=pd&WARM_PREFIX_TARGET=-");
    assert!(notices.is_empty(), "{notices:?}");
    let spec = f.cluster().unwrap();
    assert_eq!(spec.unset, vec!["WARM_PREFIX_TARGET".to_string()]);
    let r = vpc_cni_calc::cluster::plan(&spec).unwrap();
    assert_eq!(r.node_groups[0].peak_addresses_per_node, 33);
    assert_eq!(r.totals.addresses, 99);
}
