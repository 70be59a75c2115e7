//! `cargo bench`: the worst plans the page and the CLI make. Medians go in the README.
#![allow(clippy::unwrap_used)] // a failing unwrap is a failing bench

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use vpc_cni_calc::ipamd::Arrival;
use vpc_cni_calc::scenario::{plan, Scenario};

fn scenario(pods: u32, max_pods: Option<u32>, nodes: u32) -> Scenario {
    let mut s = Scenario::new("m5.24xlarge");
    s.pods = pods;
    s.max_pods = max_pods;
    s.nodes = nodes;
    s.subnet = Some("10.0.0.0/16".into());
    s.env.set("ENABLE_PREFIX_DELEGATION", "true").unwrap();
    s
}

fn benches(c: &mut Criterion) {
    let pd_737 = scenario(737, None, 1);
    c.bench_function("plan m5.24xlarge PD ramp 737 pods (maxPods 250)", |b| {
        b.iter(|| plan(black_box(&pd_737)).unwrap())
    });
    let pd_737_raised = scenario(737, Some(11762), 1);
    c.bench_function("plan m5.24xlarge PD ramp 737 pods (maxPods 11762)", |b| {
        b.iter(|| plan(black_box(&pd_737_raised)).unwrap())
    });
    let mut sip_737 = scenario(737, Some(737), 1);
    sip_737.env.set("ENABLE_PREFIX_DELEGATION", "false").unwrap();
    c.bench_function("plan m5.24xlarge SIP ramp 737 pods", |b| {
        b.iter(|| plan(black_box(&sip_737)).unwrap())
    });
    // The slowest real ramp runs until it settles: one IP a pass for 166 passes.
    let mut slow = Scenario::new("m6i.16xlarge");
    slow.pods = 200;
    slow.arrival = Arrival::Burst;
    slow.env.set("WARM_IP_TARGET", "1").unwrap();
    slow.env.set("MINIMUM_IP_TARGET", "34").unwrap();
    c.bench_function("plan m6i.16xlarge burst 200 pods, one IP a pass", |b| {
        b.iter(|| plan(black_box(&slow)).unwrap())
    });
    let cluster = scenario(110, None, 5000);
    c.bench_function("plan 5000-node cluster, 110 pods a node", |b| {
        b.iter(|| plan(black_box(&cluster)).unwrap())
    });
    c.bench_function("serialize the 737-pod report to JSON", |b| {
        let r = plan(&pd_737_raised).unwrap();
        b.iter(|| serde_json::to_string(black_box(&r)).unwrap())
    });
}

criterion_group!(plan_benches, benches);
criterion_main!(plan_benches);
