//! Part B: the worked examples in `docs/eni-and-ip-target.md` and `docs/prefix-and-ip-target.md`, run
//! through the simulator (pods ramped in one per pass, tight packing). Where the doc contradicts the code,
//! the code's answer is asserted and the row says so.

use vpc_cni_calc::scenario::{plan, Scenario};

/// One row: instance, settings, pods → "ENIs / total IPs / unused / per-ENI" (IPs per ENI, or prefixes per
/// ENI in prefix mode).
#[track_caller]
fn check(instance: &str, settings: &[&str], pods: u32, expected: &str) {
    let mut s = Scenario::new(instance);
    s.pods = pods;
    s.max_pods = Some(1000); // The doc tables assume maxPods does not bind.
    for a in settings {
        s.env.apply(a).unwrap();
    }
    let r = plan(&s).unwrap_or_else(|e| panic!("{e}"));
    let st = &r.steady_state;
    let per: Vec<String> = st.per_eni.iter().map(i64::to_string).collect();
    let got = format!("{} / {} / {} / {}", st.enis, st.total_ips, st.unused_ips, per.join(","));
    assert_eq!(got, expected, "{instance} {settings:?} {pods} pods");
    assert_eq!(st.pods_without_ip, 0);
}

const PD: &str = "ENABLE_PREFIX_DELEGATION=true";

#[test]
fn b1_secondary_ip_t3_small() {
    check("t3.small", &[], 0, "1 / 3 / 3 / 3"); // B1.1
    check("t3.small", &[], 5, "3 / 9 / 4 / 3,3,3"); // B1.2
    check("t3.small", &[], 9, "3 / 9 / 0 / 3,3,3"); // B1.3
    check(
        "t3.small",
        &["WARM_IP_TARGET=1", "MINIMUM_IP_TARGET=1"],
        0,
        "1 / 1 / 1 / 1",
    ); // B1.4
    check(
        "t3.small",
        &["WARM_IP_TARGET=1", "MINIMUM_IP_TARGET=1"],
        5,
        "2 / 6 / 1 / 3,3",
    ); // B1.5
    check(
        "t3.small",
        &["WARM_IP_TARGET=1", "MINIMUM_IP_TARGET=1"],
        9,
        "3 / 9 / 0 / 3,3,3",
    ); // B1.6
       // B1.7: the doc lists per-ENI "2,3"; the code fills the primary first: 3,2.
    check(
        "t3.small",
        &["WARM_IP_TARGET=2", "MINIMUM_IP_TARGET=5"],
        0,
        "2 / 5 / 5 / 3,2",
    );
    check(
        "t3.small",
        &["WARM_IP_TARGET=2", "MINIMUM_IP_TARGET=5"],
        5,
        "3 / 7 / 2 / 3,3,1",
    ); // B1.8
    check(
        "t3.small",
        &["WARM_IP_TARGET=2", "MINIMUM_IP_TARGET=5"],
        9,
        "3 / 9 / 0 / 3,3,3",
    ); // B1.9
}

#[test]
fn b1_secondary_ip_p3dn() {
    check("p3dn.24xlarge", &[], 0, "1 / 49 / 49 / 49"); // B1.10
    check("p3dn.24xlarge", &[], 3, "2 / 98 / 95 / 49,49"); // B1.11
    check("p3dn.24xlarge", &[], 95, "3 / 147 / 52 / 49,49,49"); // B1.12
    check(
        "p3dn.24xlarge",
        &["WARM_IP_TARGET=5", "MINIMUM_IP_TARGET=10"],
        0,
        "1 / 10 / 10 / 10",
    ); // B1.13
    check(
        "p3dn.24xlarge",
        &["WARM_IP_TARGET=5", "MINIMUM_IP_TARGET=10"],
        7,
        "1 / 12 / 5 / 12",
    ); // B1.14
    check(
        "p3dn.24xlarge",
        &["WARM_IP_TARGET=5", "MINIMUM_IP_TARGET=10"],
        15,
        "1 / 20 / 5 / 20",
    ); // B1.15
    check(
        "p3dn.24xlarge",
        &["WARM_IP_TARGET=5", "MINIMUM_IP_TARGET=10"],
        45,
        "2 / 50 / 5 / 49,1",
    ); // B1.16
}

#[test]
fn b2_prefix_t3_small() {
    check("t3.small", &[PD], 0, "1 / 16 / 16 / 1"); // B2.1
    check("t3.small", &[PD], 5, "1 / 32 / 27 / 2"); // B2.2
    check("t3.small", &[PD], 16, "1 / 32 / 16 / 2"); // B2.3
    check("t3.small", &[PD], 17, "1 / 48 / 31 / 3"); // B2.4
    check("t3.small", &[PD], 58, "2 / 80 / 22 / 3,2"); // B2.5
    let wit1 = [PD, "WARM_IP_TARGET=1", "MINIMUM_IP_TARGET=1"];
    check("t3.small", &wit1, 0, "1 / 16 / 16 / 1"); // B2.6
    check("t3.small", &wit1, 5, "1 / 16 / 11 / 1"); // B2.7
    check("t3.small", &wit1, 17, "1 / 32 / 15 / 2"); // B2.8
    check("t3.small", &wit1, 58, "2 / 64 / 6 / 3,1"); // B2.9
    let wit7 = [PD, "WARM_IP_TARGET=7", "MINIMUM_IP_TARGET=20"];
    // B2.10: the doc row says 1 prefix / 16 unused but also "prefixes per ENI 2"; the code holds
    // ceil(max(7 − 0, 20 − 0) / 16) = 2 prefixes, 32 unused.
    check("t3.small", &wit7, 0, "1 / 32 / 32 / 2");
    check("t3.small", &wit7, 5, "1 / 32 / 27 / 2"); // B2.11
    check("t3.small", &wit7, 17, "1 / 32 / 15 / 2"); // B2.12
    check("t3.small", &wit7, 58, "2 / 80 / 22 / 3,2"); // B2.13
}

#[test]
fn b2_prefix_p3dn() {
    check("p3dn.24xlarge", &[PD], 0, "1 / 16 / 16 / 1"); // B2.14
                                                         // B2.15, B2.16: the doc shows 2 and 3 ENIs (leftovers of WARM_ENI_TARGET); prefix mode ignores
                                                         // WARM_ENI_TARGET and the primary ENI has 49 prefix slots, so the code keeps 1 ENI.
    check("p3dn.24xlarge", &[PD], 3, "1 / 32 / 29 / 2");
    check("p3dn.24xlarge", &[PD], 95, "1 / 112 / 17 / 7");
    let wit5 = [PD, "WARM_IP_TARGET=5", "MINIMUM_IP_TARGET=10"];
    check("p3dn.24xlarge", &wit5, 0, "1 / 16 / 16 / 1"); // B2.17
    check("p3dn.24xlarge", &wit5, 7, "1 / 16 / 9 / 1"); // B2.18
    check("p3dn.24xlarge", &wit5, 15, "1 / 32 / 17 / 2"); // B2.19
                                                          // B2.20: the doc shows 2 ENIs ("4,0"); the code keeps 1.
    check("p3dn.24xlarge", &wit5, 45, "1 / 64 / 19 / 4");
}

#[test]
fn seed_scenario_warm_ip_target_2_holds_7_ips_for_5_pods() {
    check("m5.large", &["WARM_IP_TARGET=2"], 5, "1 / 7 / 2 / 7");
}
