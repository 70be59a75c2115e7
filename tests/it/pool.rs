//! Part A1–A9: the pool decisions and the datastore, fed the upstream unit tests' fixtures.
//! Not applicable here: A10's EC2/IMDS client behaviour (#63–#73; the clamp to IPv4Limit − 1 is exercised
//! through the simulator in `simulate.rs`), A9 #56 and A7's subnet exclusion (excluded ENIs are not an
//! input; A7 is checked on the counted statistics), A11 #81–#82 (timers and min/max helpers).

use vpc_cni_calc::config::CniConfig;
use vpc_cni_calc::ipamd::datastore::{DataStore, DataStoreStats};
use vpc_cni_calc::ipamd::pool::{self, Limits, TargetState};
use vpc_cni_calc::subnet::{div_ceil, IPS_PER_PREFIX};

fn cfg(w: i64, wit: i64, mit: i64, wpt: i64, pd: bool) -> CniConfig {
    CniConfig {
        warm_eni_target: w,
        warm_ip_target: wit,
        minimum_ip_target: mit,
        warm_prefix_target: wpt,
        max_eni: 4,
        enable_prefix_delegation: pd,
        enable_ipv4: true,
        enable_ipv6: false,
        use_custom_networking: false,
        enable_pod_eni: false,
        ip_cooldown_period: 30,
    }
}

fn stats(total: i64, assigned: i64, prefixes: i64) -> DataStoreStats {
    DataStoreStats {
        total_ips: total,
        assigned_ips: assigned,
        cooldown_ips: 0,
        total_prefixes: prefixes,
    }
}

/// One "too low" vector: settings, M (max IPs per ENI), datastore (T, A, prefixes, free prefixes), maxPods.
#[track_caller]
fn check_low(c: &CniConfig, m: i64, (t, a, p, fp): (i64, i64, i64, i64), max_pods: i64, expected: bool) {
    let lim = Limits {
        max_ips_per_eni: m,
        max_prefixes_per_eni: 16,
        max_eni: 4,
        max_pods,
        ipv4_limit_minus_one: 49,
    };
    let v = pool::is_pool_too_low(c, &lim, &stats(t, a, p), fp);
    assert_eq!(v.yes, expected, "{}", v.why);
}

#[test]
fn a1_pool_too_low_secondary_ip() {
    check_low(&cfg(1, 0, 0, 0, false), 14, (0, 0, 0, 0), 500, true); // 1
    check_low(&cfg(0, 0, 0, 0, false), 14, (0, 0, 0, 0), 500, true); // 2
    check_low(&cfg(0, 3, 0, 0, false), 14, (0, 0, 0, 0), 500, true); // 3
    check_low(&cfg(1, 1, 0, 0, false), 3, (3, 0, 0, 0), 500, false); // 4
    check_low(&cfg(1, 0, 0, 0, false), 3, (3, 1, 0, 0), 500, true); // 5
    check_low(&cfg(0, 0, 0, 0, false), 3, (3, 1, 0, 0), 500, false); // 6
    check_low(&cfg(1, 0, 0, 0, false), 3, (3, 3, 0, 0), 500, true); // 7
    check_low(&cfg(0, 0, 0, 0, false), 3, (3, 3, 0, 0), 500, true); // 8
    check_low(&cfg(0, 5, 0, 0, false), 3, (3, 3, 0, 0), 3, false); // 9
}

#[test]
fn a2_pool_too_low_prefix() {
    check_low(&cfg(1, 0, 0, 1, true), 256, (0, 0, 0, 0), 500, true); // 10
    check_low(&cfg(1, 0, 0, 0, true), 256, (0, 0, 0, 0), 500, true); // 11
    check_low(&cfg(1, 0, 0, 1, true), 256, (16, 0, 1, 1), 500, false); // 12
    check_low(&cfg(1, 0, 0, 1, true), 256, (16, 1, 1, 0), 500, true); // 13
    check_low(&cfg(1, 0, 0, 0, true), 256, (16, 1, 1, 0), 500, false); // 14
    check_low(&cfg(1, 0, 0, 1, true), 256, (16, 3, 1, 0), 500, true); // 15
    check_low(&cfg(1, 0, 0, 0, true), 256, (16, 3, 1, 0), 500, false); // 16
    check_low(&cfg(1, 0, 0, 1, true), 256, (16, 3, 1, 0), 4, false); // 17
}

/// One `datastoreTargetState` vector.
#[track_caller]
fn check_target(c: &CniConfig, (t, a, p, fp): (i64, i64, i64, i64), expected: Option<(i64, i64)>) {
    let got = pool::datastore_target_state(c, &stats(t, a, p), fp).map(|TargetState { short, over }| (short, over));
    assert_eq!(got, expected);
}

#[test]
fn a3_a4_target_state() {
    check_target(&cfg(1, 0, 0, 0, false), (0, 0, 0, 0), None); // 18
    check_target(&cfg(1, 5, 0, 0, false), (0, 0, 0, 0), Some((5, 0))); // 19
    check_target(&cfg(1, 5, 0, 0, false), (2, 0, 0, 0), Some((3, 0))); // 20
    check_target(&cfg(1, 5, 0, 0, false), (5, 0, 0, 0), Some((0, 0))); // 21
    check_target(&cfg(1, 0, 0, 0, true), (0, 0, 0, 0), None); // 22
    check_target(&cfg(1, 5, 0, 0, true), (0, 0, 0, 0), Some((1, 0))); // 23
    check_target(&cfg(1, 5, 0, 0, true), (32, 0, 2, 2), Some((0, 1))); // 24
    check_target(&cfg(1, 5, 0, 0, true), (16, 0, 1, 1), Some((0, 0))); // 25
                                                                       // A5 #26 and #27: SIP, WIT 1, 4 IPs with 2 pods, then one IP released.
    check_target(&cfg(1, 1, 0, 0, false), (4, 2, 0, 0), Some((0, 1)));
    check_target(&cfg(1, 1, 0, 0, false), (3, 2, 0, 0), Some((0, 0)));
}

fn node(pd: bool, layout: &[(bool, i64, i64)]) -> DataStore {
    // (is_primary, cidrs, pods) per ENI, all created long ago.
    let mut ds = DataStore::new(pd, 30);
    for (i, &(primary, cidrs, pods)) in layout.iter().enumerate() {
        ds.add_eni(i as u32 + 1, primary, false, false, -1000);
        ds.add_cidrs(i, cidrs, pd);
        for _ in 0..pods {
            ds.assign_pod_ip(0, &[i], |n| (0..n).collect())
                .expect("room for the fixture's pods");
        }
    }
    ds
}

#[test]
fn a5_decrease_releases_exactly_the_excess() {
    let c = cfg(1, 1, 0, 0, false);
    let mut ds = node(false, &[(true, 2, 1), (false, 2, 1)]);
    let ts = pool::datastore_target_state(&c, &ds.get_ip_stats(0), 0).unwrap();
    assert_eq!((ts.short, ts.over), (0, 1));
    // tryUnassignCidrsFromAll: the first ENI with a freeable CIDR gives up `over` of them.
    let freeable = ds.find_freeable_cidrs(1);
    assert_eq!(freeable.len(), 1);
    ds.remove_cidrs(1, &freeable[..ts.over as usize]);
    let after = pool::datastore_target_state(&c, &ds.get_ip_stats(0), 0).unwrap();
    assert_eq!((ds.get_ip_stats(0).total_ips, after.short, after.over), (3, 0, 0));
}

/// One `getDeletableENI` vector: the node and (WIT, MIT, WPT) → the ENI id removed, if any.
#[track_caller]
fn check_deletable(ds: &DataStore, (wit, mit, wpt): (i64, i64, i64), expected: Option<u32>) {
    let order: Vec<usize> = (0..ds.enis.len()).collect();
    let got = ds.get_deletable_eni(&order, 0, wit, mit, wpt).map(|i| ds.enis[i].id);
    assert_eq!(got, expected, "WIT {wit} MIT {mit} WPT {wpt}");
}

#[test]
fn a6_which_eni_may_be_freed() {
    let three = node(false, &[(true, 2, 2), (false, 2, 0), (false, 1, 0)]);
    check_deletable(&three, (3, 1, 0), None); // 29
    check_deletable(&three, (1, 5, 0), None); // 30
    check_deletable(&three, (2, 4, 0), Some(3)); // 31
    let two = node(false, &[(true, 2, 2), (false, 2, 0)]);
    check_deletable(&two, (0, 3, 0), None); // 32
    check_deletable(&two, (0, 2, 0), Some(2)); // 33
                                               // 34: trunk and EFA ENIs are never deletable.
    let mut special = node(false, &[(true, 2, 2)]);
    special.add_eni(4, false, true, false, -1000);
    special.add_cidrs(1, 1, false);
    special.add_eni(5, false, false, true, -1000);
    special.add_cidrs(2, 1, false);
    check_deletable(&special, (0, 2, 0), None);
    assert_eq!(special.enis.len(), 3);
    // 35: a plain ENI with no IPs is; the others hold 2 + 1 + 1 ≥ 2.
    special.add_eni(6, false, false, false, -1000);
    check_deletable(&special, (0, 2, 0), Some(6));
    let idx = special.eni_index(6).unwrap();
    special.remove_eni(idx);
    assert_eq!(special.enis.len(), 3);
}

#[test]
fn young_cooling_and_busy_enis_are_kept() {
    let mut ds = node(false, &[(true, 2, 2), (false, 2, 0)]);
    let order = [0, 1];
    // Created 30 s before `now`: too young (minENILifeTime is 60 s).
    assert_eq!(ds.get_deletable_eni(&order, -970, 0, 0, 0), None);
    assert_eq!(ds.get_deletable_eni(&order, -940, 0, 0, 0), Some(1));
    // A pod released at t=0 cools until t=30 inclusive.
    let pod = ds.assign_pod_ip(0, &[1], |n| (0..n).collect()).unwrap();
    assert_eq!(ds.get_deletable_eni(&order, 0, 0, 0, 0), None);
    ds.unassign(pod, 0);
    assert_eq!(ds.get_deletable_eni(&order, 30, 0, 0, 0), None);
    assert_eq!(ds.get_deletable_eni(&order, 31, 0, 0, 0), Some(1));
}

#[test]
fn a7_excluded_primary_counts_nothing() {
    // M 10, W 2, maxPods 100; only the counted statistics matter.
    let c = cfg(2, 0, 0, 0, false);
    check_low(&c, 10, (0, 0, 0, 0), 100, true); // 36
    check_low(&c, 10, (10, 0, 0, 0), 100, true); // 37
    check_low(&c, 10, (20, 0, 0, 0), 100, false); // 38
}

#[test]
fn a9_datastore_statistics() {
    // #49–#51, IP_COOLDOWN_PERIOD=1. "Wait 1 s" is modelled as 2 s: Go's check is time.Since ≤ period.
    let mut ds = DataStore::new(false, 1);
    ds.add_eni(0, true, false, false, 0);
    ds.add_cidrs(0, 2, false);
    let p1 = ds.assign_pod_ip(0, &[0], |n| (0..n).collect()).unwrap();
    ds.assign_pod_ip(0, &[0], |n| (0..n).collect()).unwrap();
    assert_eq!(ds.get_ip_stats(0), stats_c(2, 2, 0, 0));
    ds.unassign(p1, 0);
    assert_eq!(ds.get_ip_stats(0), stats_c(2, 1, 1, 0));
    assert_eq!(ds.get_ip_stats(0).available_addresses(), 1);
    assert_eq!(ds.get_ip_stats(2), stats_c(2, 1, 0, 0));
    // #52–#54 with one /28.
    let mut ds = DataStore::new(true, 1);
    ds.add_eni(0, true, false, false, 0);
    ds.add_cidrs(0, 1, true);
    let p1 = ds.assign_pod_ip(0, &[0], |n| (0..n).collect()).unwrap();
    ds.assign_pod_ip(0, &[0], |n| (0..n).collect()).unwrap();
    assert_eq!(ds.get_ip_stats(0), stats_c(16, 2, 0, 1));
    ds.unassign(p1, 0);
    assert_eq!(ds.get_ip_stats(0), stats_c(16, 1, 1, 1));
    assert_eq!(ds.get_ip_stats(2), stats_c(16, 1, 0, 1));
    // #55: one IPv6 /80 with one pod.
    let mut ds = DataStore::new(true, 30);
    ds.add_eni(0, true, false, false, 0);
    ds.enis[0].ipv6_prefix = true;
    ds.ipv6_assigned = 1;
    assert_eq!(ds.get_ip_stats(0), stats_c(281_474_976_710_656, 1, 0, 1));
}

fn stats_c(total: i64, assigned: i64, cooldown: i64, prefixes: i64) -> DataStoreStats {
    DataStoreStats {
        total_ips: total,
        assigned_ips: assigned,
        cooldown_ips: cooldown,
        total_prefixes: prefixes,
    }
}

#[test]
fn a9_only_the_current_mode_counts() {
    // #57 in spirit: after PD is toggled, CIDRs of the other mode stay on the ENI but not in the stats.
    let mut ds = DataStore::new(false, 30);
    ds.add_eni(0, true, false, false, 0);
    ds.add_cidrs(0, 1, false);
    ds.is_pd_enabled = true;
    ds.add_cidrs(0, 1, true);
    assert_eq!(ds.get_ip_stats(0).total_ips, 16);
    ds.is_pd_enabled = false;
    assert_eq!(ds.get_ip_stats(0).total_ips, 1);
    // They still use up entries: GetAllocatableENIs counts both kinds.
    assert_eq!(ds.get_allocatable_enis(&[0], 2, false), Vec::<usize>::new());
}

#[test]
fn a9_freeable_enis_prefixes_and_helpers() {
    // #58: none; primary only; + secondary; + trunk; + EFA.
    let mut ds = DataStore::new(false, 30);
    assert!(!ds.check_freeable_eni_exists());
    ds.add_eni(0, true, false, false, 0);
    assert!(!ds.check_freeable_eni_exists());
    ds.add_eni(1, false, false, false, 0);
    assert!(ds.check_freeable_eni_exists());
    ds.add_eni(2, false, true, false, 0);
    ds.add_eni(3, false, false, true, 0);
    assert!(ds.check_freeable_eni_exists());
    // #59.
    let mut ds = DataStore::new(true, 30);
    ds.add_eni(0, true, false, false, 0);
    ds.add_cidrs(0, 1, true);
    assert_eq!(ds.get_free_prefixes(), 1);
    // #60, #61.
    let got: Vec<i64> = [(1, 1), (3, 2), (5, 2), (10, 2), (1, 10)]
        .iter()
        .map(|&(x, y)| div_ceil(x, y))
        .collect();
    assert_eq!(got, [1, 2, 3, 5, 1]);
    assert_eq!(IPS_PER_PREFIX, 16);
}

#[test]
fn a9_prefix_addresses_start_at_the_network_address() {
    // #62: 10.0.0.0, .1, .2 in order; unassigning one leaves 2 of 16.
    let mut ds = DataStore::new(true, 30);
    ds.add_eni(0, true, false, false, 0);
    ds.add_cidrs(0, 1, true);
    let pods: Vec<u8> = (0..3)
        .map(|_| ds.assign_pod_ip(0, &[0], |n| (0..n).collect()).unwrap().addr)
        .collect();
    assert_eq!(pods, [0, 1, 2]);
    let first = ds.enis[0].cidrs[0].id;
    ds.unassign(
        vpc_cni_calc::ipamd::datastore::PodAddr {
            eni: 0,
            cidr: first,
            addr: 1,
        },
        0,
    );
    let s = ds.get_ip_stats(0);
    assert_eq!((s.total_ips, s.assigned_ips), (16, 2));
}

#[test]
fn prefixes_needed_and_extra_prefixes() {
    // getPrefixesNeeded: at least 1; WIT's shortage wins over WPT's.
    assert_eq!(
        pool::get_prefixes_needed(&cfg(1, 0, 0, 3, true), &stats(16, 0, 1), 1),
        2
    );
    assert_eq!(pool::get_prefixes_needed(&cfg(1, 0, 0, 0, true), &stats(0, 0, 0), 0), 1);
    assert_eq!(
        pool::get_prefixes_needed(&cfg(1, 0, 40, 3, true), &stats(0, 0, 0), 0),
        3
    );
    assert_eq!(
        pool::compute_extra_prefixes_over_warm_target(&cfg(1, 0, 0, 1, true), 3),
        2
    );
    assert_eq!(
        pool::compute_extra_prefixes_over_warm_target(&cfg(1, 0, 0, 1, false), 3),
        0
    );
}

#[test]
fn should_remove_extra_enis() {
    let lim = Limits {
        max_ips_per_eni: 14,
        max_prefixes_per_eni: 0,
        max_eni: 4,
        max_pods: 500,
        ipv4_limit_minus_one: 14,
    };
    // W=1: try only once a second spare ENI's worth (2 × 14) is available.
    assert!(!pool::should_remove_extra_enis(
        &cfg(1, 0, 0, 0, false),
        &lim,
        &stats(28, 1, 0),
        true
    ));
    assert!(pool::should_remove_extra_enis(
        &cfg(1, 0, 0, 0, false),
        &lim,
        &stats(28, 0, 0),
        false
    ));
    // Always with WARM_IP_TARGET.
    assert!(pool::should_remove_extra_enis(
        &cfg(1, 2, 0, 0, false),
        &lim,
        &stats(0, 0, 0),
        false
    ));
    // PD falls back to CheckFreeableENIexists.
    let pd = Limits {
        max_ips_per_eni: 224,
        max_prefixes_per_eni: 14,
        ..lim
    };
    assert!(pool::should_remove_extra_enis(
        &cfg(1, 0, 0, 1, true),
        &pd,
        &stats(32, 20, 2),
        true
    ));
    assert!(!pool::should_remove_extra_enis(
        &cfg(1, 0, 0, 1, true),
        &pd,
        &stats(32, 20, 2),
        false
    ));
}
