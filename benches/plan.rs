//! `cargo bench`: the work one edit costs the page (the plan, then the alternatives the page derives from
//! it) for the worst inputs the form accepts, and the CLI's JSON. Medians go in the README.
#![allow(clippy::unwrap_used)] // a failing unwrap is a failing bench

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use vpc_cni_calc::advisor::{advise, candidates, price, rank};
use vpc_cni_calc::ipamd::trace::Detail;
use vpc_cni_calc::ipamd::{Arrival, MAX_PODS_INPUT};
use vpc_cni_calc::scenario::{plan, Plans, Scenario, MAX_KUBELET_MAX_PODS};

fn scenario(instance: &str, pods: u32, then_pods: Option<u32>, max_pods: Option<u32>, pd: bool) -> Scenario {
    let mut s = Scenario::new(instance);
    s.pods = pods;
    s.then_pods = then_pods;
    s.max_pods = max_pods;
    s.subnet = Some("10.0.0.0/16".into());
    s.env
        .set("ENABLE_PREFIX_DELEGATION", if pd { "true" } else { "false" })
        .unwrap();
    s
}

/// What the page computes on an edit: `plan`, then `advise` over its result.
fn edit(s: &Scenario) -> usize {
    let r = plan(s).unwrap();
    advise(s, &r).len() + r.trace.len()
}

/// What the page computes on an edit of the node count, with the runs of the last edit kept (its plan's
/// and each alternative's, as `ui::app` and `ui::components::advice` keep them).
fn edit_nodes(main: &mut Plans, alts: &mut Plans, s: &Scenario) -> usize {
    let r = main.plan(s, Detail::Full).unwrap();
    let priced = candidates(s, &r)
        .into_iter()
        .filter_map(|c| price(alts, s, &r, c))
        .collect();
    rank(&r, priced).len() + r.trace.len()
}

fn benches(c: &mut Criterion) {
    // The largest-ENI type, the largest pod count and kubelet maxPods the form accepts, up then down
    // (`?type=x8i.48xlarge&pods=30000&then=0&max_pods=1000000&mode=pd`).
    let worst = |pd| scenario("x8i.48xlarge", MAX_PODS_INPUT, Some(0), Some(MAX_KUBELET_MAX_PODS), pd);
    let mut slow = scenario("m6i.16xlarge", 200, None, None, false);
    slow.arrival = Arrival::Burst;
    slow.env.set("WARM_IP_TARGET", "1").unwrap();
    slow.env.set("MINIMUM_IP_TARGET", "34").unwrap();
    let mut cluster = scenario("m5.24xlarge", 110, None, None, true);
    cluster.nodes = 5000;
    let cases = [
        (
            "edit m5.24xlarge PD ramp 737 pods (maxPods 250)",
            scenario("m5.24xlarge", 737, None, None, true),
        ),
        (
            "edit m5.24xlarge PD ramp 737 pods (maxPods 11762)",
            scenario("m5.24xlarge", 737, None, Some(11762), true),
        ),
        (
            "edit m5.24xlarge SIP ramp 737 pods then 5",
            scenario("m5.24xlarge", 737, Some(5), Some(737), false),
        ),
        ("edit x8i.48xlarge PD 30000 pods then 0 (maxPods 1000000)", worst(true)),
        (
            "edit x8i.48xlarge SIP 30000 pods then 0 (maxPods 1000000)",
            worst(false),
        ),
        // The slowest real ramp runs until it settles: one IP a pass for 166 passes.
        ("edit m6i.16xlarge burst 200 pods, one IP a pass", slow),
        ("edit 5000 nodes in a /16, 110 pods a node", cluster),
    ];
    let mut group = c.benchmark_group("per edit");
    // The worst inputs take long enough that 10 samples give a stable median.
    group.sample_size(10);
    for (name, s) in &cases {
        group.bench_function(*name, |b| b.iter(|| edit(black_box(s))));
    }
    group.finish();
    let mut group = c.benchmark_group("per edit of the node count");
    for (name, s) in &cases {
        let (mut main, mut alts, mut s) = (Plans::keeping(1), Plans::keeping(4), s.clone());
        edit_nodes(&mut main, &mut alts, &s);
        group.bench_function(*name, |b| {
            b.iter(|| {
                s.nodes = s.nodes % 2 + 1;
                edit_nodes(&mut main, &mut alts, black_box(&s))
            })
        });
    }
    group.finish();
    let r = plan(&scenario("m5.24xlarge", 737, None, Some(11762), true)).unwrap();
    c.bench_function("serialize the 737-pod report to JSON", |b| {
        b.iter(|| serde_json::to_string(black_box(&r)).unwrap())
    });
}

criterion_group!(plan_benches, benches);
criterion_main!(plan_benches);
