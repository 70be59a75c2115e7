//! A subnet's chart: addresses held against the cluster's node count, the cluster grown in proportion
//! from no nodes to max + surge one node at a time (`path_nodes`), with the node count at which the
//! subnet runs out on that path.

use super::model::{first_failing, Model};
use super::report::{ClusterReport, Point, Series};

/// The most points a series holds (the path is sampled evenly past this).
pub const MAX_POINTS: u64 = 200;

/// The chart of `report.subnets[index]`, or `None` past the end.
pub fn series(report: &ClusterReport, index: usize) -> Option<Series> {
    let sub = report.subnets.get(index)?;
    let model = Model::of_report(report);
    let targets: Vec<u64> = model.groups.iter().map(|g| u64::from(g.levels[2])).collect();
    let total: u64 = targets.iter().sum();
    let point = |k: u64| {
        let counts = path_nodes(k, &targets);
        let at = |g: usize| counts.get(g).map_or(0, |&n| u32::try_from(n).unwrap_or(u32::MAX));
        let (_, demand) = model.demand(index, at);
        Point {
            nodes: counts.iter().sum(),
            addresses: demand.addresses(),
            fits: model.holds(index, demand),
        }
    };
    let steps = total.min(MAX_POINTS);
    let points: Vec<Point> = (0..=steps).map(|i| point(i * total / steps.max(1))).collect();
    Some(Series {
        cidr: sub.cidr.clone(),
        capacity: sub.usable - sub.used,
        // The path adds one node a step, so step k has k nodes.
        exhausts_at_nodes: first_failing(total, |k| point(k).fits),
        points,
    })
}

/// Each group's nodes once the cluster has grown to `k` nodes on the chart's path (`targets`: each group's
/// nodes at max + surge). Node j (from 1) of a group of T nodes comes at j ÷ T of the way, and the path
/// takes the nodes in that order, a tie in group order: so every step adds exactly one node, no group ever
/// loses one, the groups grow in proportion, and at the end each group is at its target.
pub fn path_nodes(k: u64, targets: &[u64]) -> Vec<u64> {
    let total: u64 = targets.iter().sum();
    if k >= total {
        return targets.to_vec();
    }
    // One group: its k nodes (the page's own node group; no 128-bit arithmetic for each of the chart's points).
    if let [_] = targets {
        return vec![k];
    }
    if k == 0 {
        return vec![0; targets.len()];
    }
    let wide = |x: u64| u128::from(x);
    // The k-th node's place a ÷ b: the smallest j ÷ T with at least k nodes at or before it. Fewer than
    // k are before k ÷ total and at least k by (k + groups) ÷ total, so only a few j per group qualify.
    let groups = targets.len() as u64;
    let mut best: Option<(u128, u128)> = None;
    for &t in targets.iter().filter(|&&t| t > 0) {
        let from = (wide(k) * wide(t)).div_ceil(wide(total)).max(1);
        let to = ((wide(k) + wide(groups)) * wide(t) / wide(total)).min(wide(t));
        for j in from..=to {
            let at_or_before: u128 = targets.iter().map(|&u| j * wide(u) / wide(t)).sum();
            let earlier = best.is_some_and(|(a, b)| j * b < a * wide(t));
            if at_or_before >= wide(k) && (best.is_none() || earlier) {
                best = Some((j, wide(t)));
            }
        }
    }
    let Some((a, b)) = best else {
        return targets.to_vec();
    };
    // Nodes strictly before a ÷ b, then the tied ones at a ÷ b in group order until there are k.
    let mut counts: Vec<u64> = targets
        .iter()
        .map(|&u| u64::try_from((a * wide(u)).saturating_sub(1) / b).unwrap_or(u))
        .collect();
    let mut left = k.saturating_sub(counts.iter().sum());
    for (c, &u) in counts.iter_mut().zip(targets) {
        if left > 0 && u > 0 && (a * wide(u)) % b == 0 {
            *c += 1;
            left -= 1;
        }
    }
    counts
}
