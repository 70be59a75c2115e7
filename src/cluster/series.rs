//! A subnet's chart: addresses held against the cluster's node count, the cluster grown in proportion
//! from no nodes to max + surge (at step k of K each group has ⌊k × its max + surge ÷ K⌋ nodes, K the
//! cluster's nodes at max + surge), with the node count at which the subnet runs out on that path.

use super::model::{first_failing, Model};
use super::report::{ClusterReport, Point, Series};

/// The most points a series holds (the path is sampled evenly past this).
pub const MAX_POINTS: u64 = 200;

/// The chart of `report.subnets[index]`, or `None` past the end.
pub fn series(report: &ClusterReport, index: usize) -> Option<Series> {
    let sub = report.subnets.get(index)?;
    let model = Model::of_report(report);
    let total: u64 = model.groups.iter().map(|g| u64::from(g.levels[2])).sum();
    // Group g's nodes at step k of the path.
    let nodes_at = |k: u64, g: usize| -> u32 {
        let target = u128::from(model.groups[g].levels[2]);
        u32::try_from(u128::from(k) * target / u128::from(total.max(1))).unwrap_or(u32::MAX)
    };
    let point = |k: u64| {
        let (_, demand) = model.demand(index, |g| nodes_at(k, g));
        Point {
            nodes: (0..model.groups.len()).map(|g| u64::from(nodes_at(k, g))).sum(),
            addresses: demand.addresses(),
            fits: model.holds(index, demand),
        }
    };
    let steps = total.min(MAX_POINTS);
    let points: Vec<Point> = (0..=steps).map(|i| point(i * total / steps.max(1))).collect();
    Some(Series {
        cidr: sub.cidr.clone(),
        capacity: sub.usable - sub.used,
        exhausts_at_nodes: first_failing(total, |k| point(k).fits).map(|k| point(k).nodes),
        points,
    })
}
