//! `cargo bench --bench cluster`: `cluster --advise` on the largest specs the CLI accepts (100 node groups,
//! each a distinct (type, pods), and 200 subnets): the current settings and every cluster-wide fix
//! re-planned. Medians go in the README.
#![allow(clippy::unwrap_used)] // a failing unwrap is a failing bench

use criterion::{criterion_group, criterion_main, Criterion};
use std::hint::black_box;
use vpc_cni_calc::cluster::{plan_and_advise, ClusterSpec, NodeGroupSpec, SubnetSpec, Surge, MAX_NODE_GROUPS};

/// `MAX_NODE_GROUPS` groups of `instance` running `first_pods`, `first_pods` − 1, … pods, 100 000 nodes
/// each, over `subnets` /24s spread over 7 AZs.
fn spec(instance: &str, first_pods: u32, subnets: usize) -> ClusterSpec {
    ClusterSpec {
        settings: Default::default(),
        subnets: (0..subnets)
            .map(|i| SubnetSpec {
                cidr: format!("10.{}.{}.0/24", i / 256, i % 256),
                az: format!("az{}", i % 7),
                used: 0,
            })
            .collect(),
        pod_subnets: vec![],
        node_groups: (0..MAX_NODE_GROUPS as u32)
            .map(|g| NodeGroupSpec {
                name: format!("g{g}"),
                instance_type: instance.into(),
                pods: first_pods - g,
                nodes: 100_000,
                max_nodes: None,
                surge: Surge::Percent(100),
                azs: vec![],
            })
            .collect(),
        instance_data: vec![],
        unset: vec![],
    }
}

fn benches(c: &mut Criterion) {
    let cases = [
        (
            "advise 100 × c5.24xlarge, 700..601 pods, one /24",
            spec("c5.24xlarge", 700, 1),
        ),
        (
            "advise 100 × m5.large, 99..0 pods, 200 /24s in 7 AZs",
            spec("m5.large", 99, 200),
        ),
    ];
    let mut group = c.benchmark_group("cluster");
    group.sample_size(10);
    for (name, s) in &cases {
        group.bench_function(*name, |b| b.iter(|| plan_and_advise(black_box(s)).unwrap().1.len()));
    }
    group.finish();
}

criterion_group!(cluster_benches, benches);
criterion_main!(cluster_benches);
