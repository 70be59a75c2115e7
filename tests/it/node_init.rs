//! ipamd's `nodeInit` (pkg/ipamd/ipamd.go at v1.23.1): the CNINode patch for security groups for pods comes
//! before `handlePreScaling`, the trunk ENI and how ipamd notices it, and the start-up failure of custom
//! networking with no ENI slot for pods.

use vpc_cni_calc::cli;
use vpc_cni_calc::ipamd::trace::{Api, EniRole, Step};
use vpc_cni_calc::scenario::{plan, validate};

use crate::support::{report, scenario};

fn apis(step: &Step) -> Vec<&'static str> {
    step.actions.iter().map(|a| a.api.as_str()).collect()
}

const FAILED: &str = "Failed to attach any ENIs for custom networking";

#[track_caller]
fn check_not_ready(instance: &str, settings: &[&str]) {
    let s = scenario(instance, 5, settings);
    let e = plan(&s).expect_err("aws-node exits");
    assert!(e.to_string().contains(FAILED), "{e}");
    // The page's per-keystroke check refuses it too.
    assert_eq!(validate(&s).map_err(|e| e.to_string()), Err(e.to_string()));
    // The CLI: one line, exit 2 (main.rs exits 2 on Err).
    let mut args = vec!["plan".to_string(), instance.into(), "--pods".into(), "5".into()];
    args.extend(settings.iter().map(|a| a.to_string()));
    let line = cli::run(&args).expect_err("exit 2");
    assert!(line.contains(FAILED) && !line.contains('\n'), "{line}");
}

#[test]
fn custom_networking_without_a_slot_for_pods_stops_aws_node() {
    // handlePreScaling (ipamd.go 674–692): under custom networking the primary ENI holds no pod IPs, so the
    // pool starts empty and is too low; increaseDatastorePool finds no ENI to top up, and hasRoomForEni is
    // `ENIs 1 < maxENI 1 − trunk 0` = false: no ENI is attached, isDatastorePoolEmpty, and nodeInit returns
    // "Failed to attach any ENIs for custom networking": aws-node exits, the node stays NotReady.
    check_not_ready("m5.large", &["AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG=true", "MAX_ENI=1"]);
    // A type with one ENI (hpc6id.32xlarge: ENILimit 1) is the same without MAX_ENI.
    check_not_ready("hpc6id.32xlarge", &["AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG=true"]);
    // With ENABLE_POD_ENI on a trunking-compatible type hasRoomForEni also holds a slot for the trunk
    // (ipamd.go 2592–2596): `1 < 2 − 1` is false with MAX_ENI=2.
    check_not_ready(
        "m5.large",
        &[
            "AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG=true",
            "MAX_ENI=2",
            "ENABLE_POD_ENI=true",
        ],
    );
    // Prefix mode is no different: no ENI, no prefix.
    check_not_ready(
        "m5.large",
        &[
            "AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG=true",
            "MAX_ENI=1",
            "ENABLE_PREFIX_DELEGATION=true",
        ],
    );
    // One slot beside the primary is enough: `1 < 2` attaches eni-1 in handlePreScaling.
    let r = report(&scenario(
        "m5.large",
        5,
        &["AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG=true", "MAX_ENI=2"],
    ));
    assert_eq!(r.trace[0].enis.len(), 2);
    // i4i.large is not trunking compatible, so hasRoomForEni holds no slot for a trunk: `1 < 2 − 0`.
    let r = report(&scenario(
        "i4i.large",
        5,
        &[
            "AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG=true",
            "MAX_ENI=2",
            "ENABLE_POD_ENI=true",
        ],
    ));
    assert_eq!(r.steady_state.pods_without_ip, 0);
}

#[test]
fn cni_node_is_patched_before_pre_scaling() {
    // nodeInit calls tryEnableSecurityGroupsForPods (ipamd.go 653–656) before handlePreScaling (664), so the
    // trunk comes with the first pass, before ipamd needs a second ENI. m5.large (3 ENIs × 9 IPs):
    // start: CNINode patch, eni-0 gets 9 IPs (available 0 < WARM_ENI_TARGET 1 × 9);
    // pass 1: the controller attaches the trunk eni-1; 1 pod leaves 8 < 9 available; eni-0 is full, and
    // hasRoomForEni `2 < 3` holds: eni-2 with 9 IPs. The trunk now fills the last slot: capacity 18,
    // so 2 of 20 pods wait. per_eni = [9, 0, 9] (primary, trunk, pod ENI).
    let r = report(&scenario("m5.large", 20, &["ENABLE_POD_ENI=true"]));
    assert_eq!(apis(&r.trace[0]), ["CNINode update", "AssignPrivateIpAddresses"]);
    assert_eq!(r.steady_state.per_eni, [9, 0, 9]);
    assert_eq!(r.steady_state.pods_without_ip, 2);
    let roles: Vec<EniRole> = r.trace[1].enis.iter().map(|e| e.role).collect();
    assert_eq!(roles, [EniRole::Primary, EniRole::Trunk, EniRole::Secondary]);
    // Pass 1's calls: AllocENI's three for eni-2, then nodeIPPoolReconcile sees an attached ENI the
    // datastore does not know (the trunk) and calls DescribeAllENIs → DescribeNetworkInterfaces once
    // (ipamd.go 1606–1620); no later pass describes again.
    assert_eq!(
        apis(&r.trace[1]),
        [
            "CreateNetworkInterface",
            "AttachNetworkInterface",
            "ModifyNetworkInterfaceAttribute",
            "DescribeNetworkInterfaces"
        ]
    );
    assert!(r.trace[2..]
        .iter()
        .all(|s| !apis(s).contains(&"DescribeNetworkInterfaces")));
}

#[test]
fn trunk_compatibility_follows_the_resource_controller_table() {
    // i4i.large is `false` in the VPC resource controller's table: CNINode is patched but no trunk comes, and
    // hasRoomForEni holds no slot, so all 3 ENIs × 9 IPs = 27 serve pods and 20 pods fit.
    let r = report(&scenario("i4i.large", 20, &["ENABLE_POD_ENI=true"]));
    assert_eq!(r.steady_state.pods_without_ip, 0);
    assert_eq!(r.steady_state.pods, 20);
    assert!(r.trace.last().unwrap().enis.iter().all(|e| e.role != EniRole::Trunk));
    assert!(r.warnings.iter().any(|w| w.code == "not-trunk-compatible"));
    // trn1.2xlarge is `true`: a trunk ENI is attached.
    let r = report(&scenario("trn1.2xlarge", 20, &["ENABLE_POD_ENI=true"]));
    assert!(r.trace.last().unwrap().enis.iter().any(|e| e.role == EniRole::Trunk));
}

#[test]
fn ipv6_patches_cni_node_whatever_max_eni_says() {
    // tryEnableSecurityGroupsForPods checks the slot only `if c.enableIPv4 && …` (ipamd.go 1469). In IPv6
    // the CNINode is patched and the resource controller attaches the trunk in the card's free slot
    // (m5.large has 3), so MAX_ENI=1 still ends with 2 ENIs: the primary with its /80, the trunk with none.
    // Each ENI has one primary IPv4 address: 2 IPv4 addresses per node.
    let r = report(&scenario(
        "m5.large",
        20,
        &[
            "ENABLE_IPv6=true",
            "ENABLE_IPv4=false",
            "ENABLE_PREFIX_DELEGATION=true",
            "ENABLE_POD_ENI=true",
            "MAX_ENI=1",
        ],
    ));
    assert_eq!(r.steady_state.enis, 2);
    assert_eq!(r.steady_state.per_eni, [1, 0]);
    assert_eq!(r.subnet.addresses_per_node, 2);
    assert_eq!(r.steady_state.pods_without_ip, 0);
    assert!(!r.warnings.iter().any(|w| w.code == "no-trunk-slot"));
    // StartNodeIPPoolManager polls checkForTrunkENI (DescribeAllENIs → DescribeNetworkInterfaces) at once
    // and every 5 s until the trunk is there: once at start (none yet), once at pass 1 (found), then never.
    let describes: Vec<u32> = r
        .trace
        .iter()
        .filter(|s| s.actions.iter().any(|a| a.api == Api::DescribeNetworkInterfaces))
        .map(|s| s.pass)
        .collect();
    assert_eq!(describes, [0, 1]);
}

#[test]
fn ipv6_waits_forever_for_a_trunk_that_never_comes() {
    // hpc6id.32xlarge has one ENI (no free slot for a trunk); i4i.large cannot trunk. ipamd's IPv6
    // StartNodeIPPoolManager loops `for !c.checkForTrunkENI(ctx) { time.Sleep(ipPoolMonitorInterval) }`:
    // one DescribeNetworkInterfaces every 5 s, at every step of the trace, and the run still settles.
    for instance in ["hpc6id.32xlarge", "i4i.large"] {
        let r = report(&scenario(
            instance,
            3,
            &[
                "ENABLE_IPv6=true",
                "ENABLE_IPv4=false",
                "ENABLE_PREFIX_DELEGATION=true",
                "ENABLE_POD_ENI=true",
            ],
        ));
        assert!(r.steady_state.settled, "{instance}");
        assert_eq!(r.steady_state.enis, 1, "{instance}");
        assert!(
            r.trace.iter().all(|s| s
                .actions
                .iter()
                .filter(|a| a.api == Api::DescribeNetworkInterfaces)
                .count()
                == 1),
            "{instance}"
        );
        // Every one of them is an EC2 call: one per step.
        assert!(
            vpc_cni_calc::advisor::ec2_calls(&r.trace) >= r.trace.len() as i64,
            "{instance}"
        );
        assert!(
            r.warnings.iter().any(|w| w.code == "trunk-never-attached"),
            "{instance}"
        );
    }
}
