//! The page's form: field rules, mode gating, presets and the URL query round trip.

use proptest::prelude::*;
use vpc_cni_calc::form::{decode, doc_note, encode, presets, Field, Form};
use vpc_cni_calc::ipamd::trace::Step;
use vpc_cni_calc::mode::Mode;
use vpc_cni_calc::scenario::plan;

#[test]
fn the_first_load_is_the_seed_example() {
    let s = Form::initial().check().unwrap();
    let r = plan(&s).unwrap();
    assert_eq!((r.steady_state.pods, r.steady_state.total_ips), (5, 7));
    assert_eq!(r.subnet.exhausts_at_nodes, Some(32));
}

#[test]
fn every_preset_plans() {
    for p in presets() {
        let s = p.form.check().unwrap_or_else(|e| panic!("{}: {e:?}", p.name));
        assert!(plan(&s).is_ok(), "{}", p.name);
        // A preset's doc note is found again from its form, whatever the node group.
        let mut f = p.form.clone();
        f.set(Field::Nodes, "7");
        assert_eq!(doc_note(&f), p.doc_note, "{}", p.name);
    }
}

/// One field rule: set `field` to `value` and expect the error message to contain `fragment`.
#[track_caller]
fn check_rule(field: Field, value: &str, fragment: Option<&str>) {
    let mut f = Form::initial();
    f.set(field, value);
    match (f.check(), fragment) {
        (Ok(_), None) => {}
        (Err(errors), Some(frag)) => {
            let e = errors
                .iter()
                .find(|e| e.field == field)
                .unwrap_or_else(|| panic!("{field:?}: {errors:?}"));
            assert!(e.message.contains(frag), "{}", e.message);
        }
        (got, want) => panic!("{field:?}={value}: got {got:?}, want {want:?}"),
    }
}

#[test]
fn field_rules() {
    check_rule(
        Field::WarmIpTarget,
        "-1",
        Some("WARM_IP_TARGET must be a whole number ≥ 0"),
    );
    check_rule(
        Field::WarmIpTarget,
        "2.5",
        Some("WARM_IP_TARGET must be a whole number ≥ 0"),
    );
    check_rule(Field::WarmIpTarget, "", None);
    check_rule(Field::Pods, "abc", Some("Pods per node must be a whole number"));
    check_rule(Field::Pods, "40000", Some("Pods per node must be a whole number"));
    check_rule(Field::Nodes, "0", Some("Nodes must be"));
    check_rule(Field::Subnet, "10.0.0.1/24", Some("did you mean 10.0.0.0/24"));
    check_rule(Field::InstanceType, "m5.larg", Some("did you mean m5.large"));
    check_rule(Field::MaxEni, "0", Some("MAX_ENI"));
    check_rule(Field::MaxPods, "0", Some("maxPods"));
    // Issue 8: no bigger than the most pods the form takes (30000, above c8a.48xlarge's 24192 with
    // prefixes); the 11762 a fully prefixed m5.24xlarge holds is in range.
    check_rule(Field::MaxPods, "30001", Some("from 1 to 30000"));
    check_rule(Field::MaxPods, "11762", None);
}

/// One `Mode` for the JSON, the CLI text and the page: the JSON names are the README's (`"mode":
/// "prefix-delegation"`), the URL keys are the page's short ones (`mode=pd`), and the mode of a plan is
/// the one its settings select (`ENABLE_IPv6` over `ENABLE_PREFIX_DELEGATION`).
#[test]
fn one_mode_for_json_text_and_links() {
    let json = |m: Mode| serde_json::to_string(&m).unwrap();
    assert_eq!(
        Mode::ALL.map(json),
        ["\"secondary-ip\"", "\"prefix-delegation\"", "\"ipv6\""]
    );
    assert_eq!(
        Mode::ALL.map(|m| m.to_string()),
        ["secondary-ip", "prefix-delegation", "ipv6"]
    );
    assert_eq!(Mode::ALL.map(Mode::key), ["sip", "pd", "ipv6"]);
    for m in Mode::ALL {
        assert_eq!(Mode::from_key(m.key()), Some(m));
    }
    assert_eq!(Mode::from_key("prefix-delegation"), None, "links use the short keys");
    // The form's mode sets the environment, and the plan reads the mode back from the resolved settings.
    for mode in Mode::ALL {
        let mut f = Form::initial();
        f.mode = mode;
        let r = plan(&f.check().unwrap()).unwrap();
        assert_eq!((r.mode, Mode::of(&r.config)), (mode, mode));
    }
}

#[test]
fn ipv6_on_xen_is_an_error_on_the_mode() {
    let mut f = Form::initial();
    f.set(Field::InstanceType, "t2.medium");
    f.mode = Mode::Ipv6;
    let errors = f.check().unwrap_err();
    assert_eq!(errors[0].field, Field::Mode);
}

#[test]
fn fields_that_do_not_apply_are_disabled_and_ignored() {
    let mut f = Form::initial();
    f.mode = Mode::Ipv6;
    assert!(f.applies(Field::WarmIpTarget).is_err());
    f.warm_ip_target = "not a number".into();
    assert!(f.check().is_ok(), "a disabled field is not checked");
    assert_eq!(f.env().get("WARM_IP_TARGET"), None);
    f.mode = Mode::SecondaryIp;
    assert_eq!(
        f.applies(Field::WarmPrefixTarget),
        Err("Used only in prefix delegation mode")
    );
    f.mode = Mode::PrefixDelegation;
    assert!(f.applies(Field::WarmEniTarget).is_err());
    assert!(f.applies(Field::NodeSubnet).is_err());
    f.custom_networking = true;
    assert!(f.applies(Field::NodeSubnet).is_ok());
}

#[test]
fn query_round_trip() {
    for p in presets() {
        let mut f = p.form;
        f.set(Field::Subnet, "100.64.0.0/20");
        f.seed = "42".into();
        f.then_pods = "3".into();
        let q = f.to_query();
        let (back, notices) = Form::from_query(&q);
        assert_eq!(back, f, "{q}");
        assert!(notices.is_empty(), "{notices:?}");
    }
    assert_eq!(
        Form::initial().to_query(),
        "type=m5.large&pods=5&nodes=20&subnet=10.0.0.0/24&WARM_IP_TARGET=2"
    );
}

#[test]
fn tampered_queries_fall_back_field_by_field() {
    let (f, notices) =
        Form::from_query("?type=m5.xlarge&pods=lots&mode=quantum&WARM_IP_TARGET=-4&nodes=3&bogus=1&embed=1");
    assert_eq!(f.get(Field::InstanceType), "m5.xlarge");
    assert_eq!(f.get(Field::Nodes), "3");
    assert_eq!(f.get(Field::Pods), "0");
    assert_eq!(f.mode, Mode::SecondaryIp);
    assert_eq!(f.warm_ip_target, "");
    assert_eq!(notices.len(), 4, "{notices:?}");
    assert!(notices.iter().any(|n| n.contains("pods=lots")));
    // An empty query is the first-load example.
    assert_eq!(Form::from_query("").0, Form::initial());
    assert_eq!(Form::from_query("?embed=1").0, Form::initial());
    // The page's view keys (the step shown, the open snippet tab) are not form fields and no notice.
    let (f, notices) = Form::from_query("?type=t3.small&step=3&tab=cdk");
    assert_eq!(
        (f.group().instance_type.as_str(), notices.len()),
        ("t3.small", 0),
        "{notices:?}"
    );
}

#[test]
fn percent_encoding() {
    assert_eq!(encode("a b/c&d"), "a%20b/c%26d");
    assert_eq!(decode("a%20b/c%26d+e"), "a b/c&d e");
    assert_eq!(decode("100%"), "100%");
    assert_eq!(decode("%zz"), "%zz");
}

#[test]
fn changed_keys_between_queries() {
    use vpc_cni_calc::form::changed_keys;
    assert_eq!(changed_keys("?type=m5.large&pods=7", "type=m5.large&pods=73"), ["pods"]);
    assert_eq!(
        changed_keys("type=m5.large", "type=m5.large&mode=pd&pods=3"),
        ["mode", "pods"]
    );
    assert!(changed_keys("a=1&b=2", "b=2&a=1").is_empty());
    // A repeated key (one `itype` per defined type) changes when any of its values does.
    assert_eq!(changed_keys("itype=a&itype=b", "itype=a&itype=c"), ["itype"]);
    assert_eq!(changed_keys("itype=a", "itype=a&itype=b"), ["itype"]);
    assert_eq!(
        changed_keys("subnet=10.0.0.0%2F24", "subnet=10.0.0.0/24"),
        Vec::<String>::new()
    );
}

#[test]
fn the_order_of_keys_in_a_link_does_not_matter() {
    // Issue 6 §6: `node_subnet` comes before `custom=true`, which makes it apply. A /2 is no AWS subnet
    // (`subnet::parse_cidr`: /16 to /28), so it is dropped with a notice, and the rest is the user's.
    let link = "?type=m5.large&pods=30&nodes=40&subnet=10.0.0.0/22&node_subnet=10.1.0.0/2&custom=true";
    let (f, notices) = Form::from_query(link);
    assert_eq!(notices.len(), 1, "{notices:?}");
    assert!(
        notices[0].starts_with("Ignored node_subnet=10.1.0.0/2 from the link:") && notices[0].contains("/16 to /28"),
        "{notices:?}"
    );
    assert_eq!(
        (f.get(Field::Pods), f.get(Field::Nodes), f.custom_networking),
        ("30".into(), "40".into(), true)
    );
    assert_eq!(
        (f.get(Field::Subnet), f.get(Field::NodeSubnet)),
        ("10.0.0.0/22".into(), "".into())
    );
    let s = f.check().expect("the rest of the link plans");
    assert_eq!(s.pods, 30);
    // Any order gives the same form and the same notices.
    let reversed: Vec<&str> = link.trim_start_matches('?').split('&').rev().collect();
    assert_eq!(Form::from_query(&reversed.join("&")), (f, notices));
}

#[test]
fn an_overlong_instance_type_is_refused_before_any_suggestion() {
    // Issue 8: 10 000 characters took seconds of "did you mean"; the rule stops at 64 characters.
    let long = "m".repeat(10_000);
    check_rule(Field::InstanceType, &long, Some("at most 64 characters"));
    check_rule(Field::InstanceType, &"m".repeat(64), Some("unknown instance type"));
    let (f, notices) = Form::from_query(&format!("type={long}&pods=3"));
    assert_eq!(
        (f.get(Field::InstanceType), f.get(Field::Pods)),
        ("m5.large".into(), "3".into())
    );
    // The notice repeats at most 64 characters of the value.
    assert!(notices[0].len() < 200, "{}", notices[0]);
}

/// Each setting field finds its `SETTINGS` entry through the table: its link key is the variable's name
/// (or the page's short key for a tick box), its help line the table's, and an empty field's placeholder
/// the manifest's value, else ipamd's code default.
#[test]
fn setting_fields_read_the_settings_table() {
    let edited: Vec<&str> = Field::ALL.iter().filter_map(|f| f.setting()).map(|s| s.name).collect();
    for f in Field::ALL {
        if let Some(s) = f.setting() {
            assert_eq!(f.help(), s.doc, "{f:?}");
        }
    }
    // The sizing knobs the page edits directly; the mode radios set the ENABLE_* ones.
    assert_eq!(
        edited,
        [
            "WARM_ENI_TARGET",
            "WARM_IP_TARGET",
            "MINIMUM_IP_TARGET",
            "WARM_PREFIX_TARGET",
            "MAX_ENI",
            "AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG",
            "ENABLE_POD_ENI"
        ]
    );
    assert_eq!(Field::WarmIpTarget.key(), "WARM_IP_TARGET");
    assert_eq!(Field::CustomNetworking.key(), "custom");
    // The shipped manifest sets WARM_ENI_TARGET=1 and WARM_PREFIX_TARGET=1 and leaves WARM_IP_TARGET out
    // (tests/upstream/aws-k8s-cni-v1.23.1.yaml).
    assert_eq!(Field::WarmEniTarget.default_text().as_deref(), Some("1 (manifest)"));
    assert_eq!(Field::WarmPrefixTarget.default_text().as_deref(), Some("1 (manifest)"));
    // It leaves WARM_IP_TARGET unset, and getWarmIPTarget's default 0 means "not set".
    assert_eq!(Field::WarmIpTarget.default_text().as_deref(), Some("0 (not set)"));
    assert_eq!(Field::Pods.setting().map(|s| s.name), None);
    // A tick box sets its variable; unticked it leaves the manifest's value.
    let mut f = Form::initial();
    f.set(Field::PodEni, "true");
    f.set(Field::CustomNetworking, "true");
    assert_eq!(f.env().get("ENABLE_POD_ENI"), Some("true"));
    assert_eq!(f.env().get("AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG"), Some("true"));
    f.set(Field::PodEni, "false");
    assert_eq!(f.env().get("ENABLE_POD_ENI"), Some("false"), "the manifest's value");
}

#[path = "../golden/seeded_burst.rs"]
mod seeded_burst;

/// A seed gives the same trace on every target: this and the wasm suite's `a_seeded_burst_replays_the_golden`
/// compare the same link's trace with one golden file.
#[test]
fn a_seeded_burst_replays_the_golden() {
    seeded_burst::assert_matches_golden();
}

proptest! {
    /// Any link restores without a panic, and any text in any field (drawn from the field list itself)
    /// is either rejected with a message or plans.
    #[test]
    fn any_query_or_field_text_is_handled(
        query in ".{0,80}",
        field in proptest::sample::select(Field::ALL.to_vec()),
        text in ".{0,16}",
    ) {
        let (form, _) = Form::from_query(&query);
        let _ = form.check();
        let mut f = Form::initial();
        f.set(field, &text);
        if let Ok(s) = f.check() {
            prop_assert!(plan(&s).is_ok(), "{field:?}={text:?}");
        }
    }
}

/// The maxPods field takes a number or a nodeadm maxPodsExpression (AL2023), evaluated for the instance
/// type by the same code as `plan --max-pods-expression`. The initial form is m5.large: 3 ENIs × 10 IPv4,
/// so nodeadm's `max_pods` is 3 × (10 − 1) + 2 = 29 and `max_pods - 10` gives 19.
#[test]
fn max_pods_takes_a_nodeadm_expression() {
    let mut f = Form::initial();
    f.set(Field::MaxPods, "max_pods - 10");
    assert_eq!(f.check().unwrap().max_pods, Some(19));
    // The link carries the expression, and reads back to the same kubelet maxPods.
    let (back, notices) = Form::from_query(&f.to_query());
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(back.check().unwrap().max_pods, Some(19));
    // 29 − 29 = 0: nodeadm refuses a result that is not greater than 0.
    check_rule(Field::MaxPods, "max_pods - 29", Some("greater than 0"));
    check_rule(
        Field::MaxPods,
        "nodes + 1",
        Some("maxPodsExpression: failed to compile"),
    );
    check_rule(Field::MaxPods, "max_pods > 110 ? 110 : max_pods", None);
}

/// A pasted cluster (`kubectl get nodes` and `get pods` JSON, read by `import::kubectl::read_cluster`) becomes
/// the editor's group rows; the subnets the user typed stay, and the link carries the rows.
#[test]
fn a_pasted_cluster_replaces_the_groups_and_keeps_the_subnets() {
    use vpc_cni_calc::form::{Col, List};
    let read =
        |name: &str| std::fs::read_to_string(format!("{}/tests/import/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let (spec, _) = vpc_cni_calc::import::kubectl::read_cluster(&read("nodes.json"), Some(&read("pods.json"))).unwrap();
    let mut f = Form::initial();
    f.add_row(List::Groups);
    f.select(1);
    f.replace_groups(&spec.node_groups);
    // tests/import/README.md: Karpenter pool batch (c5.xlarge, 1 node in each AZ, its busiest node 20 pods)
    // and node group general (m5.large, 2 nodes in us-west-2a and 1 in us-west-2b, busiest 13).
    let rows: Vec<[&str; 7]> = f
        .groups
        .iter()
        .map(|g| {
            [
                &*g.name,
                &*g.instance_type,
                &*g.pods,
                &*g.nodes,
                &*g.max_nodes,
                &*g.surge,
                &*g.azs,
            ]
        })
        .collect();
    assert_eq!(
        rows,
        [
            ["batch", "c5.xlarge", "20", "2", "", "", "us-west-2a, us-west-2b"],
            ["general", "m5.large", "13", "3", "", "", "us-west-2a, us-west-2b"],
        ]
    );
    assert_eq!(f.selected, 0);
    // Form::initial's subnet stays: its AZ is `a`, so each group's first AZ asks for a subnet.
    assert_eq!(f.get(Field::Subnet), "10.0.0.0/24");
    let azs = |row| vpc_cni_calc::form::Cell {
        list: List::Groups,
        row,
        col: Col::Azs,
    };
    assert_eq!(
        f.check_cells(),
        [0, 1].map(|r| (
            azs(r),
            "AZ 'us-west-2a' has no subnet for nodes: add one or leave it out".to_string()
        ))
    );
    // With a subnet in each AZ, the form describes the pasted cluster's groups exactly.
    let subnet = |row, col| vpc_cni_calc::form::Cell {
        list: List::Subnets,
        row,
        col,
    };
    f.set_cell(subnet(0, Col::Az), "us-west-2a");
    f.set_cell(subnet(1, Col::Cidr), "10.0.1.0/24");
    f.set_cell(subnet(1, Col::Az), "us-west-2b");
    assert_eq!(f.cluster().unwrap().node_groups, spec.node_groups);
    let (back, notices) = Form::from_query(&f.to_query());
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(back.groups, f.groups);
}

/// The editor holds `MAX_ROWS` groups: a bigger cluster keeps its first 20. Names take the name cell's rule
/// (letters, digits, `-`, `_`, `.`, at most 32), so a Karpenter pool split by type gets a name the link carries.
#[test]
fn a_pasted_cluster_is_cut_to_the_rows_and_names_the_editor_takes() {
    use vpc_cni_calc::cluster::{NodeGroupSpec, Surge};
    use vpc_cni_calc::form::MAX_ROWS;
    let group = |name: String| NodeGroupSpec {
        name,
        instance_type: "m5.large".into(),
        pods: 3,
        nodes: 2,
        max_nodes: Some(4),
        surge: Surge::Percent(25),
        azs: vec!["b".into()],
    };
    let mut groups: Vec<NodeGroupSpec> = (1..=25).map(|i| group(format!("g{i}"))).collect();
    groups[0].name = "batch/c5.xlarge".into();
    groups[1].name = "x".repeat(40);
    let mut f = Form::initial();
    f.replace_groups(&groups);
    assert_eq!(f.groups.len(), MAX_ROWS);
    assert_eq!(f.groups[MAX_ROWS - 1].name, "g20");
    assert_eq!(f.groups[0].name, "batch-c5.xlarge");
    assert_eq!(f.groups[1].name, "x".repeat(32));
    assert_eq!(
        (&*f.groups[2].max_nodes, &*f.groups[2].surge, &*f.groups[2].azs),
        ("4", "25%", "b")
    );
    // No group read: the form is left as it was.
    let before = f.clone();
    f.replace_groups(&[]);
    assert_eq!(f, before);
}

/// Both `describe-instance-types` fixture pages as the page reads a paste (`import::instances::parse_page`).
fn pasted(file: &str) -> Vec<vpc_cni_calc::vpc::InstanceTypeLimits> {
    let text = std::fs::read_to_string(format!("tests/import/{file}")).unwrap();
    vpc_cni_calc::import::instances::parse_page(&text).unwrap()
}

/// Issue 11: a pasted type is defined in the form, picked in the selected group, plans, and travels in the
/// link as one `itype` parameter (the limits CSV row, then vCPUs and trunk compatibility).
#[test]
fn defined_instance_types_plan_and_round_trip_through_the_link() {
    use vpc_cni_calc::form::{defined, type_row};
    let mut f = Form::initial();
    // x9z.large is made up: unknown until pasted.
    f.set(Field::InstanceType, "x9z.large");
    assert!(f
        .check_field(Field::InstanceType)
        .unwrap_err()
        .contains("unknown instance type"));
    f.add_row(vpc_cni_calc::form::List::Groups);
    f.select(1);
    // Page 1 lists m5.large, then x9z.large; only x9z.large is pasted here, as the page's one-type paste.
    let x9z: Vec<_> = pasted("describe-instance-types-1.json")
        .into_iter()
        .filter(|t| t.name == "x9z.large")
        .collect();
    f.define_types(x9z);
    assert_eq!(
        (f.groups[0].instance_type.as_str(), f.groups[1].instance_type.as_str()),
        ("x9z.large", "x9z.large"),
        "the paste picks the type in the selected group (group 2); group 1 was typed so above"
    );
    assert!(defined(&f.types, " X9Z.large "));
    // 4 ENIs × 15 IPv4, nitro, 4 vCPUs, trunking-compatible (tests/import/README.md).
    assert_eq!(type_row(&f.types[0]), "x9z.large,4,15,nitro,false,0,0:4,4,true");
    let s = f.check().expect("a defined type plans");
    // eni-max-pods.txt: 4 × (15 − 1) + 2 = 58.
    assert_eq!(plan(&s).unwrap().max_pods.eni_max_pods, 58);
    // The cluster editor's cells accept it, and the cluster spec carries it.
    let spec = f.cluster().expect("the cluster's cells pass");
    assert_eq!(spec.instance_data, f.types);
    let q = f.to_query();
    assert!(
        q.ends_with("&itype=x9z.large%2C4%2C15%2Cnitro%2Cfalse%2C0%2C0%3A4%2C4%2Ctrue&sel=1"),
        "{q}"
    );
    let (back, notices) = Form::from_query(&q);
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(back, f);
    // The second page: a multi-card type and a bare-metal one with no Hypervisor ("unknown"), no vCPUs lost.
    let mut g = Form::initial();
    g.define_types(pasted("describe-instance-types-2.json"));
    assert_eq!(g.types.len(), 2);
    assert_eq!(
        type_row(&g.types[0]),
        "trn1.32xlarge,5,50,nitro,false,0,0:5;1:5;2:5;3:5;4:5;5:5;6:5;7:5,128,true"
    );
    let (back, notices) = Form::from_query(&g.to_query());
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(back, g);
    // A link that only defines types keeps them.
    let only = format!("itype={}", encode(&type_row(&f.types[0])));
    assert_eq!(Form::from_query(&only).0.types, f.types);
}

/// A defined type wins over the catalog's row of the same name; defining a name again replaces it; past
/// `MAX_TYPES` the oldest definitions are forgotten; a paste that breaks `check_types` changes nothing.
#[test]
fn defining_types_replaces_caps_and_refuses() {
    use vpc_cni_calc::form::{check_types, MAX_TYPES};
    let m5 = pasted("describe-instance-types-1.json").remove(0);
    let made = |name: &str, enis: u32| vpc_cni_calc::vpc::InstanceTypeLimits {
        name: name.into(),
        eni_limit: enis,
        network_cards: vec![(0, enis)],
        ..m5.clone()
    };
    let mut f = Form::initial();
    f.define_types(vec![made("m5.large", 2)]);
    // m5.large with 2 ENIs × 10 IPv4: 2 × 9 + 2 = 20 instead of the catalog's 29.
    assert_eq!(plan(&f.check().unwrap()).unwrap().max_pods.eni_max_pods, 20);
    f.define_types(vec![made("m5.large", 1)]);
    assert_eq!((f.types.len(), f.types[0].eni_limit), (1, 1));
    for i in 0..MAX_TYPES {
        f.define_types(vec![made(&format!("zz{i}.large"), 3)]);
    }
    assert_eq!(f.types.len(), MAX_TYPES);
    assert_eq!(f.types[0].name, "zz0.large", "m5.large, the oldest, is forgotten");
    let before = f.clone();
    for (bad, why) in [
        (vec![], "lists no instance type"),
        (
            (0..=MAX_TYPES).map(|i| made(&format!("a{i}.large"), 3)).collect(),
            "paste at most 8",
        ),
        (
            vec![vpc_cni_calc::vpc::InstanceTypeLimits {
                hypervisor: "nitro v2".into(),
                ..made("zz9.large", 3)
            }],
            "a link cannot carry this type",
        ),
    ] {
        assert!(check_types(&bad).unwrap_err().contains(why), "{why}");
        f.define_types(bad);
        assert_eq!(f, before);
    }
}

/// Hostile `itype` values: each is ignored with a notice naming the rule, never a panic, and the rest of the
/// link stands. The valid row is x9z.large's from the fixture.
#[test]
fn hostile_defined_types_in_a_link_are_refused() {
    let good = "x9z.large,4,15,nitro,false,0,0:4,4,true";
    let long_name = format!("{},4,15,nitro,false,0,0:4,4,true", "z".repeat(65));
    let long_value = format!("{good}{}", ";0:4".repeat(200));
    for bad in [
        "",
        "x9z.large,4,15",
        "x9z.large,4,15,nitro,false,0,0:4,4,true,extra",
        "x9z.large,+4,15,nitro,false,0,0:4,4,true",
        "x9z.large,4.0,15,nitro,false,0,0:4,4,true",
        "x9z.large,99999999999,15,nitro,false,0,0:4,4,true",
        "x9z.large,0,15,nitro,false,0,0:0,4,true",
        "x9z.large,101,15,nitro,false,0,0:101,4,true",
        "x9z.large,4,1,nitro,false,0,0:4,4,true",
        "x9z.large,4,1001,nitro,false,0,0:4,4,true",
        "x9z.large,4,15,,false,0,0:4,4,true",
        "x9z.large,4,15,nit ro,false,0,0:4,4,true",
        "x9z.large,4,15,nitro,yes,0,0:4,4,true",
        "x9z.large,4,15,nitro,false,0,0-4,4,true",
        "x9z.large,4,15,nitro,false,0,,4,true",
        "x9z.large,4,15,nitro,false,1,0:4,4,true",
        "x9z.large,4,15,nitro,false,0,0:4,-4,true",
        "x9z.large,4,15,nitro,false,0,0:4,4,1",
        "X9Z.large,4,15,nitro,false,0,0:4,4,true",
        "x9z large,4,15,nitro,false,0,0:4,4,true",
        "x9z.large<script>,4,15,nitro,false,0,0:4,4,true",
        &long_name,
        &long_value,
    ] {
        let (f, notices) = Form::from_query(&format!("type=m5.large&pods=3&itype={}", encode(bad)));
        assert!(f.types.is_empty(), "{bad}");
        assert_eq!(notices.len(), 1, "{bad}: {notices:?}");
        assert!(notices[0].starts_with("Ignored itype="), "{notices:?}");
        assert!(notices[0].len() < 300, "the notice clips the value: {}", notices[0]);
        assert_eq!(f.get(Field::Pods), "3");
    }
    // The type a link names needs its definition: without it, the type falls back with a notice.
    let (f, notices) = Form::from_query("type=x9z.large&pods=3");
    assert_eq!(f.get(Field::InstanceType), "m5.large");
    assert!(notices[0].contains("unknown instance type 'x9z.large'"), "{notices:?}");
    // In any order, the definition comes first.
    let (f, notices) = Form::from_query(&format!("type=x9z.large&pods=3&itype={}", encode(good)));
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(f.get(Field::InstanceType), "x9z.large");
    // At most eight: a ninth is ignored with one notice.
    let many: Vec<String> = (0..10)
        .map(|i| format!("itype={}", encode(&good.replace("x9z", &format!("z{i}")))))
        .collect();
    let (f, notices) = Form::from_query(&format!("type=m5.large&{}", many.join("&")));
    assert_eq!(f.types.len(), 8);
    assert_eq!(notices, ["Ignored 2 more instance types from the link: at most 8."]);
}

proptest! {
    /// Any `itype` value restores without a panic: defined (and then it plans) or ignored with a notice.
    #[test]
    fn any_defined_type_in_a_link_is_handled(row in "[a-z0-9.,:;]{0,60}|[0-9a-z.]{1,8},[0-9]{1,3},[0-9]{1,4},(nitro|xen|x),(true|false),[0-9],[0-9]:[0-9]{1,3}(;[0-9]:[0-9]{1,3}){0,2},[0-9]{0,3},(true|false)") {
        let (f, notices) = Form::from_query(&format!("pods=3&itype={}", encode(&row)));
        prop_assert_eq!(f.types.len() + notices.len(), 1, "{:?}", notices);
        if let Some(t) = f.types.first() {
            let mut f = f.clone();
            f.set(Field::InstanceType, &t.name);
            prop_assert!(plan(&f.check().unwrap()).is_ok());
        }
    }
}
