use vpc_cni_calc::vpc;

#[test]
fn every_row_is_sane() {
    let rows = vpc::catalog();
    assert_eq!(rows.len(), 1391);
    let mut prev = "";
    for r in rows {
        assert!(r.name.as_str() > prev, "sorted and unique: {}", r.name);
        prev = &r.name;
        assert!(r.eni_limit >= 1, "{}", r.name);
        assert!(r.ipv4_limit >= 2, "{}", r.name);
        assert!(
            ["nitro", "xen", "unknown"].contains(&r.hypervisor.as_str()),
            "{}",
            r.name
        );
        assert!(!r.network_cards.is_empty(), "{}", r.name);
        let default_card = r.network_cards.iter().find(|c| c.0 == r.default_network_card_index);
        assert_eq!(
            default_card.map(|c| c.1),
            Some(r.eni_limit),
            "{}: ENILimit is the default card's",
            r.name
        );
        assert!(
            r.eni_limit <= 100,
            "{}: device indices stop at 100 (awsutils maxENIs)",
            r.name
        );
        assert!(r.vcpus.is_none_or(|v| v >= 1), "{}", r.name);
    }
}

#[test]
fn vcpus_are_known_except_five() {
    let missing: Vec<&str> = vpc::catalog()
        .iter()
        .filter(|r| r.vcpus.is_none())
        .map(|r| r.name.as_str())
        .collect();
    assert_eq!(
        missing,
        [
            "bmn-sf1.metal",
            "c5a.metal",
            "c5ad.metal",
            "c7i.32xlarge",
            "hs1.8xlarge"
        ]
    );
}

#[track_caller]
fn check(name: &str, enis: u32, ipv4: u32, hypervisor: &str, metal: bool, max_pods: u32) {
    let r = vpc::lookup(name).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (r.eni_limit, r.ipv4_limit, r.hypervisor.as_str(), r.bare_metal),
        (enis, ipv4, hypervisor, metal),
        "{name}"
    );
    assert_eq!(r.eni_max_pods(), max_pods, "{name}");
}

#[test]
fn upstream_limits() {
    // A12 (pkg/vpc/vpc_test.go) and eni-max-pods.txt values quoted in the spec.
    check("a1.2xlarge", 4, 15, "nitro", false, 58);
    check("a1.4xlarge", 8, 30, "nitro", false, 234);
    check("a1.metal", 8, 30, "unknown", true, 234);
    check("c3.large", 3, 10, "xen", false, 29);
    check("t3.small", 3, 4, "nitro", false, 11);
    check("m5.large", 3, 10, "nitro", false, 29);
    check("m5.xlarge", 4, 15, "nitro", false, 58);
    check("p3dn.24xlarge", 15, 50, "nitro", false, 737);
    // Multi-card: only the default card's ENIs count (p5.48xlarge: 2 ENIs, 100 pods).
    check("p5.48xlarge", 2, 50, "nitro", false, 100);
    assert_eq!(
        vpc::lookup("a1.2xlarge").map(|r| r.network_cards.clone()),
        Ok(vec![(0, 4)])
    );
    assert_eq!(
        vpc::lookup("c6in.32xlarge").map(|r| r.network_cards.clone()),
        Ok(vec![(0, 8), (1, 8)])
    );
    assert!(vpc::lookup("c7g.metal").is_ok_and(|r| r.hypervisor == "nitro" && r.bare_metal));
}

#[test]
fn lookup_is_exact_and_case_insensitive() {
    assert_eq!(vpc::lookup("M5.Large").map(|r| r.name.as_str()), Ok("m5.large"));
    assert_eq!(vpc::lookup(" m5.large ").map(|r| r.name.as_str()), Ok("m5.large"));
    // A12 #83: `large` does not exist.
    assert!(vpc::lookup("large").is_err());
    assert!(vpc::lookup("m5").is_err());
}

#[test]
fn unknown_types_suggest_the_nearest() {
    let e = vpc::lookup("m5.larg").unwrap_err();
    assert_eq!(e.suggestions.first().map(String::as_str), Some("m5.large"));
    assert!(e.to_string().contains("did you mean m5.large"), "{e}");
    let e = vpc::lookup("t3.smal").unwrap_err();
    assert_eq!(e.suggestions.first().map(String::as_str), Some("t3.small"));
    let e = vpc::lookup("zzzzzzzzzz").unwrap_err();
    assert!(e.suggestions.is_empty());
}

#[test]
fn prefix_listing() {
    let t3: Vec<&str> = vpc::with_prefix("T3.").map(|r| r.name.as_str()).collect();
    assert_eq!(
        t3,
        [
            "t3.2xlarge",
            "t3.large",
            "t3.medium",
            "t3.micro",
            "t3.nano",
            "t3.small",
            "t3.xlarge"
        ]
    );
}

#[test]
fn prefix_delegation_support_follows_hypervisor_or_metal() {
    let pd = |n: &str| vpc::lookup(n).map(|r| r.is_prefix_delegation_supported());
    assert_eq!(pd("m5.large"), Ok(true));
    assert_eq!(pd("a1.metal"), Ok(true));
    assert_eq!(pd("t2.medium"), Ok(false));
    assert_eq!(pd("cr1.8xlarge"), Ok(false));
    // A10 #74: i3.2xlarge is not trunking compatible; m8g.12xlarge is.
    assert_eq!(vpc::lookup("i3.2xlarge").map(|r| r.is_trunking_compatible()), Ok(false));
    assert_eq!(
        vpc::lookup("m8g.12xlarge").map(|r| r.is_trunking_compatible()),
        Ok(true)
    );
}

#[test]
fn search_is_typo_tolerant() {
    let names = |q: &str| {
        vpc::search(q, 5)
            .into_iter()
            .map(|r| r.name.as_str())
            .collect::<Vec<_>>()
    };
    assert_eq!(names("m5.large")[0], "m5.large");
    assert!(names("m5.larg").contains(&"m5.large"));
    assert!(names("m5large").contains(&"m5.large"), "{:?}", names("m5large"));
    // Issue 10: a missing dot is forgiven, in a prefix too.
    assert_eq!(names("m5xl")[0], "m5.xlarge", "{:?}", names("m5xl"));
    assert_eq!(names("M5XL")[0], "m5.xlarge");
    assert!(names("24xlarge").iter().all(|n| n.contains("24xlarge")));
    assert_eq!(names("").len(), 5);
    assert!(names("qqqqqqqqqqqq").is_empty());
}

#[test]
fn trunking_compatibility_comes_from_the_resource_controller_table() {
    let trunk = |n: &str| vpc::lookup(n).map(|r| r.is_trunking_compatible());
    // data/trunk-compatibility.csv: `i4i.large,false,0` although i4i is Nitro and not the t family.
    assert_eq!(trunk("i4i.large"), Ok(false));
    // `trn1.2xlarge,true,17` and `trn1.32xlarge,true,82`.
    assert_eq!(trunk("trn1.2xlarge"), Ok(true));
    assert_eq!(trunk("trn1.32xlarge"), Ok(true));
    // `t3.medium,false,0`; `m5.large,true,9`.
    assert_eq!(trunk("t3.medium"), Ok(false));
    assert_eq!(trunk("m5.large"), Ok(true));
    // c7i.32xlarge is not in the table: awsutils.go's IsTrunkingCompatible answers true (`if !ok { return true }`).
    assert!(!include_str!("../../data/trunk-compatibility.csv").contains("\nc7i.32xlarge,"));
    assert_eq!(trunk("c7i.32xlarge"), Ok(true));
}

#[test]
fn trunk_table_rows_are_well_formed() {
    let csv = include_str!("../../data/trunk-compatibility.csv");
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("instance_type,is_trunking_compatible,branch_interfaces")
    );
    let rows: Vec<&str> = lines.collect();
    // PROVENANCE.md: 1164 rows.
    assert_eq!(rows.len(), 1164);
    for row in rows {
        let f: Vec<&str> = row.split(',').collect();
        assert_eq!(f.len(), 3, "{row}");
        assert!(f[1] == "true" || f[1] == "false", "{row}");
        let branches: u32 = f[2].parse().unwrap_or_else(|_| panic!("{row}"));
        // A type that cannot trunk has no branch interfaces.
        assert!(f[1] == "true" || branches == 0, "{row}");
    }
}

/// The embedded table (front-coded by build.rs) reads back as `data/`'s rows, field by field: every name,
/// limit, hypervisor, bare-metal flag and network card of the limits table, every vCPU count of the vCPU
/// table, and trunk compatibility false exactly where the resource controller's table says so.
#[test]
fn the_embedded_table_is_the_data_tables() {
    let limits = include_str!("../../data/ec2-instance-network-limits.csv");
    let vcpus = include_str!("../../data/ec2-instance-vcpus.csv");
    let trunk = include_str!("../../data/trunk-compatibility.csv");
    let rows: Vec<Vec<&str>> = limits
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split(',').collect())
        .collect();
    assert_eq!(rows.len(), vpc::catalog().len());
    for f in rows {
        let r = vpc::lookup(f[0]).unwrap();
        assert_eq!(r.name, f[0]);
        assert_eq!(r.eni_limit.to_string(), f[1], "{}", f[0]);
        assert_eq!(r.ipv4_limit.to_string(), f[2], "{}", f[0]);
        assert_eq!(r.hypervisor, f[3], "{}", f[0]);
        assert_eq!(r.bare_metal.to_string(), f[4], "{}", f[0]);
        assert_eq!(r.default_network_card_index.to_string(), f[5], "{}", f[0]);
        let cards: Vec<String> = r.network_cards.iter().map(|(i, n)| format!("{i}:{n}")).collect();
        assert_eq!(cards.join(";"), f[6], "{}", f[0]);
        let v = vcpus.lines().find_map(|l| l.strip_prefix(&format!("{},", f[0])));
        assert_eq!(r.vcpus.map(|v| v.to_string()).as_deref(), v, "{}", f[0]);
        let not_trunk = trunk.lines().any(|l| l.starts_with(&format!("{},false,", f[0])));
        assert_eq!(r.trunking_compatible, !not_trunk, "{}", f[0]);
    }
}

/// `suggest::nearest` keeps the `limit` nearest, closest first and ties in candidate order (what a stable
/// sort by distance then `take` gives). "m5.large" against: "m5.larg" (1 deletion), "m5.larga" (1
/// substitution), "m5.largest" (2 insertions), "c5.larga" (2 substitutions), "m5.largb" (1 substitution).
#[test]
fn nearest_is_closest_first_with_ties_in_candidate_order() {
    let names = ["m5.largest", "m5.larg", "c5.larga", "m5.larga", "m5.largb"];
    let pick = |limit| {
        vpc_cni_calc::suggest::nearest(
            "m5.large",
            &mut names.iter().copied() as &mut dyn Iterator<Item = &str>,
            limit,
        )
    };
    assert_eq!(pick(3), ["m5.larg", "m5.larga", "m5.largb"]);
    assert_eq!(pick(5), ["m5.larg", "m5.larga", "m5.largb", "m5.largest", "c5.larga"]);
    assert_eq!(pick(0), Vec::<String>::new());
}
