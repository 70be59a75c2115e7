//! The advisor re-plans each fix on the same workload; its numbers are the simulator's.

use vpc_cni_calc::advisor::{self, advise};
use vpc_cni_calc::edit::Edit;
use vpc_cni_calc::form::{Field, Form};
use vpc_cni_calc::ipamd::trace::Step;
use vpc_cni_calc::scenario::{plan, plan_summary, Scenario};

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
    f.set(Field::InstanceType, "m5.xlarge");
    f.set(Field::Pods, "10");
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
    f.set(Field::Subnet, "10.0.0.0/22");
    f.apply_edits(&[Edit::new("AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG", Some("true"))]);
    assert!(f.custom_networking);
    assert_eq!(
        (f.get(Field::Subnet), f.get(Field::NodeSubnet)),
        ("10.0.0.0/22".into(), "".into())
    );
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

/// Every call's numbers, in order (merged steps have no calls, so merging more cannot drop one).
fn calls(trace: &[Step]) -> Vec<String> {
    let each = |a: &vpc_cni_calc::ipamd::trace::Action| {
        format!("{} {} {} {:?} {}", a.api, a.eni, a.count, a.unit, a.allocation)
    };
    trace.iter().flat_map(|s| s.actions.iter().map(each)).collect()
}

/// The advisor's cheap plan (`plan_summary`: no text, no pictures but the last step's) has every number
/// of the full plan: steady state (the last step's ENIs included), subnet report (the peak cost over every
/// step), warnings, max pods, and every EC2 call's api, ENI, count and unit in order.
pub fn assert_summary_matches(s: &Scenario) {
    let (full, summary) = (plan(s), plan_summary(s));
    let (full, summary) = match (full, summary) {
        (Ok(f), Ok(m)) => (f, m),
        (f, m) => return assert_eq!(f.err(), m.err()),
    };
    assert_eq!(full.steady_state, summary.steady_state);
    assert_eq!(full.subnet, summary.subnet);
    assert_eq!(full.warnings, summary.warnings);
    assert_eq!(
        (full.max_pods, full.mode, &full.config),
        (summary.max_pods, summary.mode, &summary.config)
    );
    assert_eq!(advisor::ec2_calls(&full.trace), advisor::ec2_calls(&summary.trace));
    assert_eq!(calls(&full.trace), calls(&summary.trace));
    let (last, last_summary) = (full.trace.last().unwrap(), summary.trace.last().unwrap());
    assert_eq!(
        (&last.enis, last.stats, last.pods),
        (&last_summary.enis, last_summary.stats, last_summary.pods)
    );
    // Summary merges every run of passes Full merges, and more (its events are not told apart, and a pass
    // that decides nothing is folded without a step): each of its steps ends where a full step ends, with
    // the same numbers, and both stand for the same passes.
    let ends: std::collections::HashMap<u32, &Step> = full.trace.iter().map(|st| (st.pass, st)).collect();
    for st in summary.trace.iter() {
        let f = ends.get(&st.pass).expect("a summary step ends where a full step ends");
        assert_eq!(
            (
                f.time_s,
                f.stats,
                f.pods,
                f.decision.kind,
                f.actions.len(),
                f.enis.len()
            ),
            (
                st.time_s,
                st.stats,
                st.pods,
                st.decision.kind,
                st.actions.len(),
                st.enis.len()
            ),
            "pass {}",
            st.pass
        );
    }
    let passes = |t: &[Step]| t.iter().map(|st| st.passes).sum::<u32>();
    assert_eq!(passes(&full.trace), passes(&summary.trace));
    // And every full step inside a summary step is alike in what a merge keeps alike: the decision, whether
    // pods wait, the addresses held, and no call (a step with calls is one pass, never merged).
    for st in summary.trace.iter().skip(1) {
        for f in full
            .trace
            .iter()
            .filter(|f| (st.first_pass()..=st.pass).contains(&f.pass))
        {
            assert_eq!(
                (
                    f.decision.kind,
                    f.pods.waiting > 0,
                    f.stats.total_ips,
                    f.actions.is_empty() || f.pass == st.pass
                ),
                (st.decision.kind, st.pods.waiting > 0, st.stats.total_ips, true),
                "full step ending at pass {} inside the summary step of passes {}..={}",
                f.pass,
                st.first_pass(),
                st.pass
            );
        }
    }
    // Summary mode formats no text.
    assert!(summary.trace[1..].iter().all(|st| st.events.is_empty()
        && st.decision.text.is_empty()
        && st.actions.iter().all(|a| a.text.is_empty() || a.count == 0)));
}

#[test]
fn summary_plans_have_the_full_plans_numbers_in_the_benchmarked_cases() {
    let mut cases = Vec::new();
    for (pods, then, max_pods, pd) in [
        (737, None, None, true),
        (737, None, Some(11762), true),
        (737, Some(5), Some(737), false),
    ] {
        let mut s = scenario("m5.24xlarge", pods);
        s.then_pods = then;
        s.max_pods = max_pods;
        s.env
            .set("ENABLE_PREFIX_DELEGATION", if pd { "true" } else { "false" })
            .unwrap();
        cases.push(s);
    }
    // A seed, a burst with a one-IP-a-pass ramp, custom networking, IPv6 with pod ENIs, an unknown type.
    let mut seeded = scenario("m5.xlarge", 40);
    (seeded.then_pods, seeded.seed) = (Some(3), Some(7));
    let mut slow = scenario("m6i.16xlarge", 200);
    slow.arrival = vpc_cni_calc::ipamd::Arrival::Burst;
    slow.env.set("WARM_IP_TARGET", "1").unwrap();
    slow.env.set("MINIMUM_IP_TARGET", "34").unwrap();
    let mut custom = scenario("m5.large", 30);
    custom.env.set("AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG", "true").unwrap();
    let mut v6 = scenario("m5.large", 20);
    for (k, v) in [
        ("ENABLE_IPv4", "false"),
        ("ENABLE_IPv6", "true"),
        ("ENABLE_PREFIX_DELEGATION", "true"),
        ("ENABLE_POD_ENI", "true"),
    ] {
        v6.env.set(k, v).unwrap();
    }
    cases.extend([seeded, slow, custom, v6, scenario("m5.nope", 3)]);
    for s in &cases {
        assert_summary_matches(s);
    }
}

/// Summary runs jump over runs of passes in which pods arrive or leave one a pass and ipamd decides alike
/// (`passes_that_only_repeat`), found from the verdicts' direction as the assigned count moves. A grid of
/// settings in both directions, where each verdict can end a run: too low (WARM_ENI_TARGET 0 and 1,
/// WARM_IP_TARGET), too high (WARM_IP_TARGET 1 and 17, MINIMUM_IP_TARGET), an ENI emptied while
/// `shouldRemoveExtraENIs` holds (with and without cooldown: IP_COOLDOWN_PERIOD=-1 frees it at once), and
/// prefix mode, where a leaving pod can free a /28.
#[test]
fn summary_plans_have_the_full_plans_numbers_across_settings() {
    let mut n = 0;
    for (ty, pd, wpt, wet, cooldown) in settings_grid() {
        for wit in [None, Some("1"), Some("17")] {
            for mit in [None, Some("10")] {
                for (pods, then) in [(3, 40), (40, 3), (60, 10)] {
                    let mut s = Scenario::new(ty);
                    (s.pods, s.then_pods) = (pods, Some(then));
                    for (k, v) in [
                        ("ENABLE_PREFIX_DELEGATION", pd),
                        ("WARM_PREFIX_TARGET", wpt),
                        ("WARM_ENI_TARGET", wet),
                        ("IP_COOLDOWN_PERIOD", cooldown),
                    ] {
                        s.env.set(k, v).unwrap();
                    }
                    for (k, v) in [("WARM_IP_TARGET", wit), ("MINIMUM_IP_TARGET", mit)] {
                        if let Some(v) = v {
                            s.env.set(k, v).unwrap();
                        }
                    }
                    assert_summary_matches(&s);
                    n += 1;
                }
            }
        }
    }
    assert_eq!(n, 576);
}

/// Instance type, prefix delegation, WARM_PREFIX_TARGET, WARM_ENI_TARGET and IP_COOLDOWN_PERIOD, every combination.
fn settings_grid() -> Vec<(&'static str, &'static str, &'static str, &'static str, &'static str)> {
    let mut all = Vec::new();
    for ty in ["m5.large", "c5.4xlarge"] {
        for pd in ["false", "true"] {
            for wpt in ["0", "1"] {
                for wet in ["0", "1"] {
                    for cooldown in ["30", "-1"] {
                        all.push((ty, pd, wpt, wet, cooldown));
                    }
                }
            }
        }
    }
    all
}
