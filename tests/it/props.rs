//! Property tests: no input panics the core; invariants hold at every step; under tight packing the
//! steady state matches closed forms derived by hand from ipamd's growth rules (`closed_form` below). 256 cases each by default; `PROPTEST_CASES=5000` digs deeper.

use proptest::prelude::*;
use vpc_cni_calc::ipamd::trace::Detail;
use vpc_cni_calc::ipamd::Arrival;
use vpc_cni_calc::max_pods::usable_eni_slots;
use vpc_cni_calc::mode::Mode;
use vpc_cni_calc::scenario::{plan, plan_summary, Plans, Report, Scenario};
use vpc_cni_calc::subnet::div_ceil;
use vpc_cni_calc::{cli, vpc};

fn instance() -> impl Strategy<Value = String> {
    let n = vpc::catalog().len();
    (0..n).prop_map(|i| vpc::catalog()[i].name.clone())
}

/// Every integer setting is drawn from the whole `i64` range (Go's `strconv.Atoi` on 64 bits), its edges
/// included, as well as from the small values where ipamd's behaviour changes.
fn int_value() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (0i64..40).prop_map(|v| v.to_string()),
        1 => (-5i64..0).prop_map(|v| v.to_string()),
        1 => Just("abc".to_string()),
        1 => Just(String::new()),
        1 => Just("99999999999999999999".to_string()),
        3 => any::<i64>().prop_map(|v| v.to_string()),
        2 => prop::sample::select(vec![i64::MAX, i64::MAX - 1, i64::MIN, i64::MIN + 1, i64::from(i32::MAX), 1 << 48])
            .prop_map(|v| v.to_string()),
    ]
}

fn bool_value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("true".to_string()),
        Just("false".to_string()),
        Just("1".to_string()),
        Just("yes".to_string())
    ]
}

fn settings() -> impl Strategy<Value = Vec<String>> {
    const INTS: [&str; 6] = [
        "WARM_ENI_TARGET",
        "WARM_IP_TARGET",
        "MINIMUM_IP_TARGET",
        "WARM_PREFIX_TARGET",
        "MAX_ENI",
        "IP_COOLDOWN_PERIOD",
    ];
    const BOOLS: [&str; 5] = [
        "ENABLE_PREFIX_DELEGATION",
        "ENABLE_IPv4",
        "ENABLE_IPv6",
        "AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG",
        "ENABLE_POD_ENI",
    ];
    let one = prop_oneof![
        (prop::sample::select(&INTS[..]), int_value()).prop_map(|(k, v)| format!("{k}={v}")),
        (prop::sample::select(&BOOLS[..]), bool_value()).prop_map(|(k, v)| format!("{k}={v}")),
    ];
    prop::collection::vec(one, 0..5)
}

prop_compose! {
    fn scenario()(
        instance in instance(),
        pods in 0u32..120,
        then in prop::option::of(0u32..120),
        burst in any::<bool>(),
        nodes in 1u32..5000,
        seed in prop::option::of(any::<u64>()),
        max_pods in prop::option::of(1u32..400),
        subnet_len in prop::option::of(16u8..=28),
        settings in settings(),
    ) -> Scenario {
        let mut s = Scenario::new(&instance);
        s.pods = pods;
        s.then_pods = then;
        s.arrival = if burst { Arrival::Burst } else { Arrival::Ramp };
        s.nodes = nodes;
        s.seed = seed;
        s.max_pods = max_pods;
        s.subnet = subnet_len.map(|l| format!("10.0.0.0/{l}"));
        for a in &settings {
            s.env.apply(a).unwrap();
        }
        s
    }
}

fn check_invariants(r: &Report) {
    let cap = r.max_pods.ip_capacity;
    let mut prev_total = 0;
    for (i, step) in r.trace.iter().enumerate() {
        let st = &step.stats;
        assert!(st.assigned_ips <= st.total_ips, "step {i}: assigned ≤ total");
        assert!(st.total_ips <= cap, "step {i}: total {} ≤ capacity {cap}", st.total_ips);
        // IPv6 skips ipamd's slot check for the trunk (ipamd.go 1469), so only the card's limit binds.
        let max_eni = if r.mode == Mode::Ipv6 {
            r.instance.eni_limit
        } else {
            r.config.max_eni
        };
        assert!(step.enis.len() as u32 <= max_eni, "step {i}: ENIs ≤ maxENI");
        let allocations = step.actions.iter().filter(|a| a.allocation).count();
        assert!(allocations <= 1, "step {i}: at most one allocation per pass");
        if allocations == 1 && i > 0 && r.mode != Mode::Ipv6 {
            assert!(prev_total < r.max_pods.kubelet, "step {i}: growth only below maxPods");
        }
        assert_eq!(
            step.pods.running, st.assigned_ips,
            "step {i}: running pods hold the assigned IPs"
        );
        prev_total = st.total_ips;
    }
    let st = &r.steady_state;
    assert_eq!(st.unused_ips, st.total_ips - st.assigned_ips);
    assert!(st.pods_without_ip <= st.pods);
    // One story per pod: running, bound without an IP, or Pending over maxPods.
    assert_eq!(st.assigned_ips + st.pods_without_ip + st.pods_pending, st.pods);
    assert!(st.peak_pods_without_ip >= st.pods_without_ip && st.peak_pods_pending >= st.pods_pending);
}

proptest! {

    #[test]
    fn plans_never_panic_and_keep_their_invariants(s in scenario()) {
        if let Ok(r) = plan(&s) {
            check_invariants(&r);
        }
    }

    /// The page re-plans through `Plans`: after any run of edits (the node count and the subnets, valid
    /// or not, and now and then a new workload), each answer, error or report, is `plan`'s or `plan_summary`'s.
    #[test]
    fn kept_plans_answer_as_plan_does(
        first in scenario(),
        edits in prop::collection::vec((0u32..200_000, prop::option::of("10\\.[0-9]\\.0\\.0/(1[6-9]|2[0-9]|3[0-3])|[a-z./0-9]{0,8}"),
            prop::option::of(16u8..=28), 0u8..8), 1..6),
        summary in any::<bool>(),
        keep in 0usize..3,
    ) {
        let detail = if summary { Detail::Summary } else { Detail::Full };
        let fresh = |s: &Scenario| if summary { plan_summary(s) } else { plan(s) };
        let mut plans = Plans::keeping(keep);
        let mut s = first;
        prop_assert_eq!(plans.plan(&s, detail), fresh(&s));
        for (nodes, subnet, node_subnet_len, other) in edits {
            s.nodes = nodes;
            s.subnet = subnet;
            s.node_subnet = node_subnet_len.map(|l| format!("192.168.0.0/{l}"));
            // Now and then a change that makes a new run.
            if other == 0 {
                s.pods = (s.pods + 7) % 120;
            }
            prop_assert_eq!(plans.plan(&s, detail), fresh(&s));
        }
    }

    #[test]
    fn summary_plans_have_the_full_plans_numbers(s in scenario()) {
        crate::advisor::assert_summary_matches(&s);
    }

    #[test]
    fn rendered_plans_never_overflow(s in scenario(), json in any::<bool>()) {
        let mut args = vec!["plan".to_string(), s.instance_type.clone(), "--pods".into(), s.pods.to_string()];
        args.extend(s.env.changes().iter().map(ToString::to_string));
        if json {
            args.push("--json".into());
        }
        // overflow-checks are on in test builds (Cargo.toml), so a wrap anywhere in plan or rendering panics.
        let _ = cli::run(&args);
    }

    #[test]
    fn any_cli_arguments_fail_cleanly(args in prop::collection::vec("[-a-zA-Z0-9=./_ ]{0,12}", 0..6)) {
        let _ = cli::run(&args);
        let mut with_cmd = vec!["plan".to_string()];
        with_cmd.extend(args.clone());
        let _ = cli::run(&with_cmd);
    }

    #[test]
    fn any_instance_name_and_subnet_fail_cleanly(name in ".{0,20}", subnet in ".{0,24}") {
        let mut s = Scenario::new(&name);
        s.subnet = Some(subnet);
        let _ = plan(&s);
    }
}

/// The steady state of a slow ramp under tight packing, derived by hand from ipamd's growth rules (not an
/// upstream formula), with `S` usable ENI slots and `M` IPs per ENI:
/// - secondary IPs, WARM_ENI_TARGET `W`: every ENI is filled to `M`; `ceil(pods / M) + W` ENIs when `W ≥ 1`,
///   `floor(pods / M) + 1` when `W = 0`, at most `S`;
/// - secondary IPs with WARM_IP_TARGET/MINIMUM_IP_TARGET: `max(pods + WIT, MIT)` IPs, at most `S × M`;
/// - prefixes, WARM_PREFIX_TARGET `WPT`: `ceil(pods / 16) + WPT` prefixes (`floor(pods / 16) + 1` when 0);
///   with WIT/MIT, `max(ceil((pods + WIT) / 16), ceil(MIT / 16))`;
/// - growth also stops once the pool holds kubelet maxPods addresses; custom networking adds the primary ENI.
///
/// `None` when the settings fall outside what these forms cover.
fn closed_form(r: &Report, pods: i64) -> Option<(i64, i64)> {
    let c = &r.config;
    let it = vpc::lookup(&r.instance.name).ok()?;
    let s = usable_eni_slots(it, c);
    let extra = i64::from(c.use_custom_networking);
    let per = i64::from(it.ipv4_limit) - 1;
    let (wit, mit) = (c.warm_ip_target, c.minimum_ip_target);
    if c.enable_ipv6 || c.enable_pod_eni || s == 0 {
        return None;
    }
    if !c.enable_prefix_delegation {
        let m = per;
        let (n, total) = if c.warm_ip_targets_defined() {
            let target = if wit == 0 { mit } else { (pods + wit).max(mit) };
            let total = target.min(s * m);
            (div_ceil(total, m).max(1), total)
        } else {
            let w = c.warm_eni_target;
            let n = if w >= 1 {
                (div_ceil(pods, m) + w).min(s)
            } else {
                (pods / m + 1).min(s)
            };
            (n.max(1), n.max(1) * m)
        };
        return Some((n.max(1 - extra) + extra, total));
    }
    let p = if c.warm_ip_targets_defined() {
        if wit == 0 {
            div_ceil(mit, 16)
        } else {
            div_ceil(pods + wit, 16).max(div_ceil(mit, 16))
        }
    } else if c.warm_prefix_target >= 1 {
        div_ceil(pods, 16) + c.warm_prefix_target
    } else {
        pods / 16 + 1
    };
    let p = p.min(s * per);
    Some((div_ceil(p, per).max(1 - extra) + extra, 16 * p))
}

fn small_target() -> impl Strategy<Value = String> {
    (0i64..12).prop_map(|v| v.to_string())
}

proptest! {

    #[test]
    fn steady_state_matches_the_closed_forms(
        instance in instance(),
        pods in 0u32..150,
        pd in any::<bool>(),
        custom in any::<bool>(),
        w in prop::option::of(small_target()),
        wit in prop::option::of(small_target()),
        mit in prop::option::of((0i64..60).prop_map(|v| v.to_string())),
        wpt in prop::option::of(small_target()),
    ) {
        let mut s = Scenario::new(&instance);
        s.pods = pods;
        s.max_pods = Some(100_000); // The closed forms assume maxPods does not bind.
        s.env.set("ENABLE_PREFIX_DELEGATION", if pd { "true" } else { "false" }).unwrap();
        s.env.set("AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG", if custom { "true" } else { "false" }).unwrap();
        for (k, v) in [("WARM_ENI_TARGET", w), ("WARM_IP_TARGET", wit), ("MINIMUM_IP_TARGET", mit), ("WARM_PREFIX_TARGET", wpt)] {
            if let Some(v) = v {
                s.env.set(k, &v).unwrap();
            }
        }
        let r = match plan(&s) {
            Ok(r) => r,
            Err(e) => {
                // handlePreScaling: custom networking with no ENI slot for pods stops aws-node (one-ENI types).
                prop_assert!(custom && e.to_string().contains("Failed to attach any ENIs for custom networking"), "{e}");
                return Ok(());
            }
        };
        prop_assume!(r.steady_state.settled);
        if let Some((enis, total)) = closed_form(&r, i64::from(pods)) {
            prop_assert_eq!((r.steady_state.enis, r.steady_state.total_ips), (enis, total), "{:?}", r.config);
        }
    }
}

proptest! {
    /// `order::sort_by_key` (the page's small sort) orders exactly as the standard library's stable sort,
    /// equal keys kept in their order.
    #[test]
    fn the_small_sort_is_the_stable_sort(v in prop::collection::vec((0u8..4, any::<u16>()), 0..40)) {
        let mut ours = v.clone();
        vpc_cni_calc::order::sort_by_key(&mut ours, |&(k, _)| k);
        let mut std = v;
        std.sort_by_key(|&(k, _)| k);
        prop_assert_eq!(ours, std);
    }
}
