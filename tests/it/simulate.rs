//! The simulator end to end: A8's increase calls, security groups for pods, scale-down, IPv6, bursts,
//! the max-pods ceiling and seeded placement.

use vpc_cni_calc::ipamd::trace::{Api, DecisionKind, EniRole, Step};
use vpc_cni_calc::ipamd::Arrival;
use vpc_cni_calc::mode::Mode;

use crate::support::{report, scenario};

/// The EC2 calls of one step, as "API eni count".
fn calls(step: &Step) -> Vec<String> {
    step.actions
        .iter()
        .map(|a| format!("{} {} {}", a.api, a.eni, a.count))
        .collect()
}

/// AllocENI's three calls for a new ENI with `n` IPs or prefixes: createENI, attachENI, and
/// ModifyNetworkInterfaceAttribute (DeleteOnTermination), awsutils.go 978–1019.
fn new_eni(eni: &str, n: i64) -> Vec<String> {
    vec![
        format!("CreateNetworkInterface {eni} {n}"),
        format!("AttachNetworkInterface {eni} 0"),
        format!("ModifyNetworkInterfaceAttribute {eni} 0"),
    ]
}

/// One increase vector: the first step's calls for a node that starts with these settings.
#[track_caller]
fn check_first_increase<S: AsRef<str> + std::fmt::Debug>(instance: &str, settings: &[&str], expected: &[S]) {
    let expected: Vec<&str> = expected.iter().map(AsRef::as_ref).collect();
    let r = report(&scenario(instance, 0, settings));
    assert_eq!(calls(&r.trace[0]), expected, "{instance} {settings:?}");
}

#[test]
fn a8_increase_calls() {
    // The upstream fixtures' M = 14 is m5.xlarge's (15 addresses per ENI, one the primary's); m5.4xlarge's
    // 30 give M = 29.
    // #40/#39: the primary ENI is present with 0 IPs, so it is filled first with M IPs.
    check_first_increase("m5.4xlarge", &[], &["AssignPrivateIpAddresses eni-0 29"]);
    check_first_increase("m5.xlarge", &[], &["AssignPrivateIpAddresses eni-0 14"]);
    // #41: custom networking skips the primary: a new ENI with M IPs.
    check_first_increase(
        "m5.xlarge",
        &["AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG=true"],
        &new_eni("eni-1", 14),
    );
    // #44/#45: prefix mode asks for 1 prefix.
    check_first_increase(
        "m5.xlarge",
        &["ENABLE_PREFIX_DELEGATION=true"],
        &["AssignPrivateIpAddresses eni-0 1"],
    );
    // #46: PD + custom networking: a new ENI with 1 prefix.
    check_first_increase(
        "m5.xlarge",
        &[
            "ENABLE_PREFIX_DELEGATION=true",
            "AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG=true",
        ],
        &new_eni("eni-1", 1),
    );
    // #47: WARM_IP_TARGET=3 on an ENI-less pool: min(short 3, M 14).
    check_first_increase(
        "m5.xlarge",
        &["WARM_IP_TARGET=3", "AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG=true"],
        &new_eni("eni-1", 3),
    );
    // A WARM_IP_TARGET above M is clamped to IPv4Limit − 1 (AllocIPAddresses, createENI).
    check_first_increase(
        "m5.xlarge",
        &["WARM_IP_TARGET=50"],
        &["AssignPrivateIpAddresses eni-0 14"],
    );
}

#[test]
fn a8_security_groups_for_pods_need_a_free_slot() {
    // #48: maxENI 1: no CNINode patch, and a warning; maxENI 4: patched, then a trunk ENI appears.
    let r = report(&scenario("m5.xlarge", 0, &["ENABLE_POD_ENI=true", "MAX_ENI=1"]));
    assert!(r
        .trace
        .iter()
        .all(|s| s.actions.iter().all(|a| a.api != Api::CniNodeUpdate)));
    assert!(r.warnings.iter().any(|w| w.code == "no-trunk-slot"));
    let r = report(&scenario("m5.xlarge", 30, &["ENABLE_POD_ENI=true"]));
    // nodeInit patches the CNINode before handlePreScaling (ipamd.go 653–667), so at node start.
    assert!(r.trace[0].actions.iter().any(|a| a.api == Api::CniNodeUpdate));
    let roles: Vec<EniRole> = r.trace.last().unwrap().enis.iter().map(|e| e.role).collect();
    // The trunk is attached at pass 1, before ipamd's first pass needs a second ENI for pods.
    assert_eq!(
        roles,
        [EniRole::Primary, EniRole::Trunk, EniRole::Secondary, EniRole::Secondary]
    );
    // The trunk takes a slot, so 3 ENIs × 14 IPs serve pods: capacity 42.
    assert_eq!(r.max_pods.ip_capacity, 42);
}

#[test]
fn trunk_slot_is_held_back_before_the_trunk_arrives() {
    // t3.small is not trunking compatible (t family): no slot is held and no trunk appears.
    let r = report(&scenario("t3.small", 9, &["ENABLE_POD_ENI=true"]));
    assert_eq!(r.steady_state.enis, 3);
    assert!(r.warnings.iter().any(|w| w.code == "not-trunk-compatible"));
}

#[test]
fn burst_pods_wait_and_retry() {
    let mut s = scenario("t3.small", 9, &[]);
    s.arrival = Arrival::Burst;
    let r = report(&s);
    assert_eq!((r.trace[1].pods.running, r.trace[1].pods.waiting), (3, 6));
    assert!(r.trace[1]
        .events
        .iter()
        .any(|e| e.contains("failed to assign an IP address to container")));
    assert_eq!(r.steady_state.pods_without_ip, 0);
    assert_eq!(r.steady_state.total_ips, 9);
}

#[test]
fn at_most_one_allocation_per_pass() {
    for settings in [
        &[][..],
        &["WARM_IP_TARGET=5"][..],
        &["ENABLE_PREFIX_DELEGATION=true"][..],
    ] {
        let mut s = scenario("m5.2xlarge", 60, settings);
        s.arrival = Arrival::Burst;
        for step in report(&s).trace.iter() {
            assert!(
                step.actions.iter().filter(|a| a.allocation).count() <= 1,
                "{settings:?} t={}",
                step.time_s
            );
        }
    }
}

#[test]
fn t3_small_eni_count_grows_step_by_step() {
    let r = report(&scenario("t3.small", 9, &[]));
    let enis: Vec<usize> = r.trace.iter().map(|s| s.enis.len()).collect();
    assert_eq!(enis.first(), Some(&1));
    assert_eq!(enis.last(), Some(&3));
    assert!(enis.windows(2).all(|w| w[1] >= w[0]));
}

#[test]
fn scale_down_frees_enis_after_cooldown_and_minimum_age() {
    let mut s = scenario("t3.small", 9, &[]);
    s.then_pods = Some(0);
    let r = report(&s);
    assert_eq!(r.steady_state.enis, 1);
    let freed: Vec<&Step> = r
        .trace
        .iter()
        .filter(|s| s.actions.iter().any(|a| a.api == Api::DetachNetworkInterface))
        .collect();
    assert_eq!(freed.len(), 2);
    // The last pod leaves at pass 9 + 9 + settle; nothing is freed while its IP cools (30 s).
    let last_delete = r
        .trace
        .iter()
        .rposition(|s| s.events.iter().any(|e| e.contains("deleted")))
        .unwrap();
    assert!(freed.iter().all(|s| s.time_s > r.trace[last_delete].time_s - 30));
}

#[test]
fn warm_ip_target_scale_down_releases_ips_every_30_s() {
    let mut s = scenario("m5.large", 6, &["WARM_IP_TARGET=2"]);
    s.then_pods = Some(0);
    s.arrival = Arrival::Burst;
    let r = report(&s);
    let releases: Vec<i64> = r
        .trace
        .iter()
        .filter(|s| s.actions.iter().any(|a| a.api == Api::UnassignPrivateIpAddresses))
        .map(|s| s.time_s)
        .collect();
    assert!(!releases.is_empty());
    // decreaseIPPoolInterval: strictly more than 30 s between decreases.
    assert!(releases.windows(2).all(|w| w[1] - w[0] > 30), "{releases:?}");
    assert_eq!(r.steady_state.total_ips, 2);
}

#[test]
fn max_pods_ceiling_stops_growth() {
    // m5.24xlarge with PD, 737 pods, calculator maxPods 250: the scheduler binds 250 − 2 = 248 pods and
    // leaves 737 − 248 = 489 Pending; ipamd stops at 16 prefixes (256 ≥ 250), enough for all 248.
    let r = report(&scenario("m5.24xlarge", 737, &["ENABLE_PREFIX_DELEGATION=true"]));
    assert_eq!(r.max_pods.kubelet, 250);
    assert_eq!(r.steady_state.prefixes, 16);
    assert_eq!(r.steady_state.pods_without_ip, 0);
    assert_eq!(r.steady_state.pods_pending, 489);
    assert_eq!(r.trace.last().unwrap().decision.kind, DecisionKind::MaxPods);
}

#[test]
fn ipv6_uses_one_prefix_and_no_pool() {
    let r = report(&scenario(
        "m5.large",
        50,
        &["ENABLE_IPv4=false", "ENABLE_IPv6=true", "ENABLE_PREFIX_DELEGATION=true"],
    ));
    assert_eq!(r.mode, Mode::Ipv6);
    assert_eq!(calls(&r.trace[0]), ["AssignIpv6Addresses eni-0 1"]);
    assert_eq!(r.steady_state.enis, 1);
    assert_eq!(r.steady_state.total_ips, 1 << 48);
    assert_eq!(r.subnet.addresses_per_node, 1);
    assert!(r.trace[1..]
        .iter()
        .all(|s| s.actions.is_empty() && s.decision.kind == DecisionKind::Ipv6));
}

#[test]
fn custom_networking_splits_the_subnets() {
    let mut s = scenario("m5.large", 10, &["AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG=true"]);
    s.subnet = Some("100.64.0.0/24".into());
    s.node_subnet = Some("10.0.0.0/24".into());
    s.nodes = 3;
    let r = report(&s);
    // Pods on eni-1 and eni-2 (9 + 9 IPs, W=1), each with its own primary: 20 in the pod subnet.
    assert_eq!(r.steady_state.per_eni, [0, 9, 9]);
    assert_eq!(r.subnet.addresses_per_node, 20);
    let ns = r.subnet.node_subnet.as_ref().unwrap();
    assert_eq!((ns.addresses_per_node, ns.cluster_addresses), (1, 3));
}

#[test]
fn seeded_placement_is_reproducible_and_shows_hysteresis() {
    let mut s = scenario("m5.large", 25, &[]);
    s.then_pods = Some(5);
    s.seed = Some(7);
    let a = report(&s);
    let b = report(&s);
    assert_eq!(a.trace, b.trace);
    s.seed = None;
    let tight = report(&s);
    // Tight packing frees every ENI it can; random placement can only keep as many or more.
    assert!(a.steady_state.enis >= tight.steady_state.enis);
}

#[test]
fn subnet_exhaustion_for_a_node_group() {
    let mut s = scenario("m5.large", 5, &["WARM_IP_TARGET=2"]);
    s.subnet = Some("10.0.0.0/26".into());
    s.nodes = 10;
    let r = report(&s);
    // 8 addresses a node, 59 usable: 7 fit, the 8th does not.
    assert_eq!(
        (
            r.subnet.addresses_per_node,
            r.subnet.subnet_usable,
            r.subnet.exhausts_at_nodes
        ),
        (8, Some(59), Some(8))
    );
    assert_eq!(r.subnet.fits, Some(false));
    assert!(r.warnings.iter().any(|w| w.code == "subnet-exhausted"));
}

#[test]
fn the_peak_can_run_the_subnet_out_before_the_steady_state_does() {
    let mut s = scenario("m5.large", 20, &["WARM_IP_TARGET=2"]);
    s.then_pods = Some(2);
    s.subnet = Some("10.0.0.0/26".into());
    s.nodes = 4;
    let r = report(&s);
    // Steady: 1 ENI, 4 IPs → 5 addresses. Peak: 22 IPs on 3 ENIs → 25 addresses.
    assert_eq!((r.subnet.addresses_per_node, r.subnet.peak_addresses_per_node), (5, 25));
    // /26: 64 − 5 = 59 usable. Peak: 2 × 25 = 50 fit, 3 × 25 = 75 do not. Settled: 11 × 5 = 55 fit, 12 do not.
    assert_eq!(
        (r.subnet.exhausts_at_nodes, r.subnet.settled_exhausts_at_nodes),
        (Some(3), Some(12))
    );
    assert_eq!(r.subnet.peak_exhausts_at_nodes, Some(3));
    // The verdict is the peak's: 4 × 25 = 100 > 59, although 4 × 5 = 20 settled would fit.
    assert_eq!((r.subnet.fits, r.subnet.settled_fits), (Some(false), Some(true)));
    assert_eq!(
        (r.subnet.cluster_addresses, r.subnet.settled_cluster_addresses),
        (100, 20)
    );
    assert!(r.warnings.iter().any(|w| w.code == "subnet-exhausted"));
}

#[test]
fn ipv6_with_security_groups_for_pods_waits_for_the_trunk() {
    let r = report(&scenario(
        "m5.large",
        5,
        &[
            "ENABLE_IPv4=false",
            "ENABLE_IPv6=true",
            "ENABLE_PREFIX_DELEGATION=true",
            "ENABLE_POD_ENI=true",
        ],
    ));
    assert!(r.trace[0].actions.iter().any(|a| a.api == Api::CniNodeUpdate));
    assert_eq!(r.steady_state.enis, 2);
    // Nodes still pay one IPv4 address per ENI: the node IP and the trunk's primary.
    assert_eq!(r.subnet.addresses_per_node, 2);
}

#[test]
fn headroom_for_rolling_updates() {
    let mut s = scenario("m5.large", 5, &["WARM_IP_TARGET=2"]);
    s.subnet = Some("10.0.0.0/24".into());
    s.nodes = 20;
    let r = report(&s);
    // 8 addresses a node, 251 usable: 31 fit, so 11 more beside 20.
    assert_eq!(r.subnet.headroom_nodes, Some(11));
    assert!(r.warnings.iter().any(|w| w.code == "no-room-to-replace"));
    s.nodes = 10;
    let r = report(&s);
    assert_eq!(r.subnet.headroom_nodes, Some(21));
    assert!(!r.warnings.iter().any(|w| w.code == "no-room-to-replace"));
}

#[test]
fn ec2_calls_are_listed_one_by_one() {
    // AllocENI (awsutils.go 978–1019): CreateNetworkInterface, AttachNetworkInterface, then
    // ModifyNetworkInterfaceAttribute (DeleteOnTermination). freeENI (1432–1490): DescribeNetworkInterfaces
    // (getENIAttachmentID), DetachNetworkInterface, DeleteNetworkInterface. m5.large, 20 pods then 0:
    // 9 IPs per ENI and WARM_ENI_TARGET=1 → eni-0, eni-1, eni-2 all attached on the way up; at 0 pods
    // eni-1 and eni-2 hold no pods and are freed one per pass.
    let mut s = scenario("m5.large", 20, &[]);
    s.then_pods = Some(0);
    let r = report(&s);
    let count = |api: Api| r.trace.iter().flat_map(|s| &s.actions).filter(|a| a.api == api).count() as i64;
    for api in [
        Api::CreateNetworkInterface,
        Api::AttachNetworkInterface,
        Api::ModifyNetworkInterfaceAttribute,
    ] {
        assert_eq!(count(api), 2, "{api}");
    }
    for api in [
        Api::DescribeNetworkInterfaces,
        Api::DetachNetworkInterface,
        Api::DeleteNetworkInterface,
    ] {
        assert_eq!(count(api), 2, "{api}");
    }
    // Each new ENI's three calls sit in one step, in that order.
    let step = r
        .trace
        .iter()
        .find(|s| s.actions.iter().any(|a| a.api == Api::CreateNetworkInterface))
        .unwrap();
    let apis: Vec<Api> = step.actions.iter().map(|a| a.api).collect();
    assert_eq!(
        apis,
        [
            Api::CreateNetworkInterface,
            Api::AttachNetworkInterface,
            Api::ModifyNetworkInterfaceAttribute
        ]
    );
    // The advisor counts every EC2 call: 6 for ENIs plus the AssignPrivateIpAddresses (eni-0 at start) and
    // any UnassignPrivateIpAddresses (none: secondary-IP mode with WARM_ENI_TARGET releases whole ENIs).
    let assigns = count(Api::AssignPrivateIpAddresses) + count(Api::UnassignPrivateIpAddresses);
    assert_eq!(vpc_cni_calc::advisor::ec2_calls(&r.trace), 12 + assigns);
}

#[test]
fn the_verdict_is_judged_at_the_peak() {
    // Issue 6 §1: m5.xlarge (4 ENIs × 15 addresses), 40 pods then 5, 8 nodes, /24. At 40 pods the node
    // holds all 4 ENIs: 4 primaries + 4 × 14 secondaries = 60 addresses. 8 × 60 = 480 > 251 usable
    // (256 − 5), so it does not fit; 251 / 60 = 4.18: it runs out at the 5th node. Settled at 5 pods with
    // WARM_ENI_TARGET=1: 2 ENIs = 30 addresses, 8 × 30 = 240 ≤ 251 would fit.
    let mut s = scenario("m5.xlarge", 40, &[]);
    s.then_pods = Some(5);
    s.nodes = 8;
    s.subnet = Some("10.0.0.0/24".into());
    let r = report(&s);
    assert_eq!(
        (r.subnet.peak_addresses_per_node, r.subnet.addresses_per_node),
        (60, 30)
    );
    assert_eq!(r.subnet.fits, Some(false));
    assert_eq!(r.subnet.settled_fits, Some(true));
    assert_eq!(r.subnet.cluster_addresses, 480);
    assert_eq!(r.subnet.exhausts_at_nodes, Some(5));
    // 251 − 8 × 60 < 0: no room beside the group either.
    assert_eq!(r.subnet.headroom_nodes, Some(5 - 1 - 8));
    let w = r.warnings.iter().find(|w| w.code == "subnet-exhausted").unwrap();
    assert!(w.message.contains("480") && w.message.contains("peak"), "{}", w.message);
}

#[test]
fn pods_over_max_pods_at_any_point_are_warned() {
    // Issue 6 §1: m5.large, maxPods 29 (3 × 9 + 2), 40 pods then 5. At 40 the scheduler binds 29 − 2 = 27
    // (aws-node and kube-proxy take 2 slots) and leaves 13 Pending; the settled 5 pods are fine, yet the
    // warning stays, with the peak's numbers.
    let mut s = scenario("m5.large", 40, &[]);
    s.then_pods = Some(5);
    let r = report(&s);
    assert_eq!(r.max_pods.kubelet, 29);
    assert_eq!((r.steady_state.pods_pending, r.steady_state.peak_pods_pending), (0, 13));
    let w = r.warnings.iter().find(|w| w.code == "pods-exceed-max-pods").unwrap();
    assert!(
        w.message.contains("binds 27") && w.message.contains("13 Pending"),
        "{}",
        w.message
    );
    // 27 bound pods fit the 3 × 9 = 27 IPs: none ever lacked an IP.
    assert_eq!(r.steady_state.peak_pods_without_ip, 0);
}

#[test]
fn pending_and_without_ip_tell_one_story() {
    // Issue 6 §5: m5.24xlarge, secondary IPs, 737 pods. maxPods 250 (the calculator's cap for 96 vCPUs):
    // the scheduler binds 248 and leaves 737 − 248 = 489 Pending. ipamd grows while total < 250: ENIs of
    // 49 IPs, 6 × 49 = 294 ≥ 250, so all 248 bound pods get an IP. 248 + 0 + 489 = 737.
    let r = report(&scenario("m5.24xlarge", 737, &[]));
    let st = &r.steady_state;
    assert_eq!((st.pods_pending, st.pods_without_ip, st.assigned_ips), (489, 0, 248));
    assert_eq!(st.total_ips, 294);
    assert_eq!(st.assigned_ips + st.pods_without_ip + st.pods_pending, st.pods);
    assert!(!r.warnings.iter().any(|w| w.code == "pods-without-ip"));
    // IPv6: maxPods binds the same way and no pod ever lacks an IP, so the warning says Pending only.
    let r = report(&scenario(
        "m5.large",
        200,
        &["ENABLE_IPv4=false", "ENABLE_IPv6=true", "ENABLE_PREFIX_DELEGATION=true"],
    ));
    assert_eq!(r.steady_state.pods_without_ip, 0);
    let w = r.warnings.iter().find(|w| w.code == "pods-exceed-max-pods").unwrap();
    assert!(!w.message.contains("without an IP"), "{}", w.message);
    assert_eq!(
        r.steady_state.pods_pending,
        200 + 2 - r.max_pods.kubelet,
        "Pending = pods + 2 host-network pods − maxPods"
    );
}

#[test]
fn a_burst_that_waits_for_ips_is_warned_even_when_it_settles() {
    // m5.large burst of 20: start holds 9 IPs on eni-0. Pass 1: 9 placed, 11 wait, eni-1 (+9). Pass 2: 9
    // placed, 2 wait, eni-2 (+9). Pass 3: the last 2 placed. Peak 11 without an IP, over 2 passes = 10 s.
    let mut s = scenario("m5.large", 20, &[]);
    s.arrival = Arrival::Burst;
    let r = report(&s);
    assert_eq!(
        (r.steady_state.pods_without_ip, r.steady_state.peak_pods_without_ip),
        (0, 11)
    );
    let w = r.warnings.iter().find(|w| w.code == "pods-waited-for-ip").unwrap();
    assert!(
        w.message.contains("Up to 11 pods") && w.message.contains("10 s"),
        "{}",
        w.message
    );
}

#[test]
fn a_slow_ramp_runs_until_it_settles() {
    // Issue 6 §5: m6i.16xlarge (15 ENIs × 49 IPs), burst of 200, WARM_IP_TARGET=1, MINIMUM_IP_TARGET=34.
    // Start: total 0 < 34 → 34 IPs. Pass 1: 34 pods placed, 166 wait; from then on available is 0 < 1 every
    // pass, short by 1 (datastoreTargetState), so ipamd adds exactly one IP a pass and one pod gets it:
    // 166 passes (830 s) of ramping, far past the 600 s settle allowance but never idle. Settled: 200
    // assigned + WARM_IP_TARGET 1 = 201 IPs = 4 × 49 + 5 on 5 ENIs, every pod placed.
    let mut s = scenario("m6i.16xlarge", 200, &["WARM_IP_TARGET=1", "MINIMUM_IP_TARGET=34"]);
    s.arrival = Arrival::Burst;
    let r = report(&s);
    let st = &r.steady_state;
    assert!(st.settled);
    assert_eq!((st.total_ips, st.assigned_ips, st.pods_without_ip), (201, 200, 0));
    assert_eq!(st.per_eni, [49, 49, 49, 49, 5]);
    assert!(!r.warnings.iter().any(|w| w.code == "did-not-settle"));
    assert_eq!(r.trace.iter().filter(|s| s.pods.waiting > 0).count(), 166);
}

#[test]
fn flapping_is_told_apart_from_ramping() {
    // PD with WARM_PREFIX_TARGET=0 and 16 pods (spec: unsupported upstream): the 16th pod at 80 s fills the
    // prefix, "no address available" adds a second, which is "free prefixes 1 > 0: too high" and released
    // after decreaseIPPoolInterval, and so on for ever. The model waits SETTLE_LIMIT_PASSES (120 passes =
    // 600 s) after the last pod got its IP: the last step is at 80 + 600 = 680 s.
    let r = report(&scenario(
        "m5.large",
        16,
        &["ENABLE_PREFIX_DELEGATION=true", "WARM_PREFIX_TARGET=0"],
    ));
    assert!(!r.steady_state.settled);
    assert_eq!(r.trace.last().unwrap().time_s, 680);
    let w = r.warnings.iter().find(|w| w.code == "did-not-settle").unwrap();
    assert!(
        w.message.contains("flapping") && w.message.contains("600 s"),
        "{}",
        w.message
    );
}

#[test]
fn a_run_of_alike_passes_is_one_step() {
    // m5.large (3 ENIs × 10 IPv4, 9 secondary IPs each), WARM_ENI_TARGET=1, ramp: pass 1 brings pod 1 and
    // eni-1 (available 8 < 9). Pods 2..9 arrive at passes 2..9 with 18 − k ≥ 9 available: no call, the same
    // events and decision, so one step of 8 passes (10 s to 45 s) holding the state after pass 9.
    let r = report(&scenario("m5.large", 20, &[]));
    let run = &r.trace[2];
    assert_eq!((run.first_pass(), run.pass, run.passes), (2, 9, 8));
    assert_eq!((run.first_time_s(), run.time_s), (10, 45));
    assert_eq!((run.pods.running, run.stats.total_ips), (9, 18));
    assert!(run.actions.is_empty());
    // Every pass is in exactly one step, in order.
    for w in r.trace.windows(2) {
        assert_eq!(w[1].first_pass(), w[0].pass + 1);
    }
}

#[test]
fn pods_beyond_what_ipamd_hands_out_wait_in_one_step() {
    // m5.large holds 27 pod IPs (3 ENIs × 9); kubelet maxPods 100 lets all 40 pods onto the node. Pods
    // 28..40 arrive at passes 28..40 (140 s..200 s) and wait; pass 41 (205 s) settles. Then 0 pods: the
    // waiting ones leave first, one a pass, 12 of them at passes 42..53 (210 s..265 s) with some still
    // waiting. Pods waited during 13 + 1 + 12 passes = 130 s.
    let mut s = scenario("m5.large", 40, &[]);
    s.max_pods = Some(100);
    s.then_pods = Some(0);
    let r = report(&s);
    let arriving = r.trace.iter().find(|s| s.pods.waiting == 13).unwrap();
    assert_eq!(
        (arriving.first_time_s(), arriving.time_s, arriving.passes),
        (140, 200, 13)
    );
    let leaving = r.trace.iter().find(|s| s.pods.waiting == 1).unwrap();
    assert_eq!((leaving.first_time_s(), leaving.time_s, leaving.passes), (210, 265, 12));
    assert_eq!(r.steady_state.peak_pods_without_ip, 13);
    let waited = r.warnings.iter().find(|w| w.code == "pods-waited-for-ip").unwrap();
    assert!(waited.message.contains("during 130 s"), "{}", waited.message);
    assert_eq!((r.steady_state.pods, r.steady_state.enis), (0, 1));
}

#[test]
fn the_worst_accepted_input_completes_with_a_bounded_trace() {
    // The largest pod count and kubelet maxPods the form accepts on x8i.48xlarge (24 ENIs × 63 /28s = 1512
    // prefixes, 24192 addresses; 63 secondary IPs an ENI), up to 30000 and back to 0: 60008 passes.
    // Prefixes: each /28 allocated or released is a call step, with at most one run of alike passes
    // between calls, and each ENI is created and freed once: at most 4 × (1512 + 24) steps plus a few
    // around the waiting pods. Secondary IPs: an ENI's 63 IPs come in one call, so the trace is short.
    for (pd, most_steps) in [("true", 4 * (1512 + 24) + 16), ("false", 4 * 24 + 16)] {
        let mut s = scenario("x8i.48xlarge", 30_000, &[]);
        s.env.set("ENABLE_PREFIX_DELEGATION", pd).unwrap();
        s.then_pods = Some(0);
        s.max_pods = Some(1_000_000);
        let r = report(&s);
        assert!(r.trace.len() <= most_steps, "PD={pd}: {} steps", r.trace.len());
        let passes: u32 = r.trace.iter().map(|s| s.passes).sum();
        assert_eq!(passes, r.trace.last().unwrap().pass + 1, "PD={pd}");
        assert!(r.steady_state.settled, "PD={pd}");
        assert_eq!(r.steady_state.pods, 0, "PD={pd}");
        // Every pod past ipamd's capacity (24192 or 1512 addresses) waited at the peak.
        assert_eq!(
            r.steady_state.peak_pods_without_ip,
            30_000 - r.max_pods.ip_capacity,
            "PD={pd}"
        );
    }
}

#[test]
fn the_json_names_calls_and_decisions_as_strings() {
    // `Action.api` and `Decision.kind` are enums; the trace's JSON keeps ipamd's names for them.
    let r = report(&scenario("m5.large", 5, &["ENABLE_POD_ENI=true"]));
    let json = serde_json::to_value(&r.trace[0]).unwrap();
    assert_eq!(json["actions"][0]["api"], "CNINode update");
    assert_eq!(json["decision"]["kind"], "too-low");
    let names: Vec<String> = [Api::CniNodeUpdate, Api::CreateNetworkInterface]
        .iter()
        .map(|a| serde_json::to_string(a).unwrap())
        .collect();
    assert_eq!(names, ["\"CNINode update\"", "\"CreateNetworkInterface\""]);
    assert_eq!(
        serde_json::to_string(&DecisionKind::DecreaseWait).unwrap(),
        "\"decrease-wait\""
    );
    assert_eq!(DecisionKind::MaxPods.to_string(), "max-pods");
}
