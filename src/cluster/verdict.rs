//! The one line a cluster report opens with: whether every subnet holds the cluster at max + surge, and
//! if not, the first subnet to fail, the node that fails it and the smallest prefix that would fit.

use super::model::Model;
use super::report::{ClusterReport, GroupUse, Load, SubnetUse};
use crate::words::count;

/// The verdict of a report whose subnets are judged, from the model it was built with.
pub(super) fn verdict(r: &ClusterReport, model: &Model) -> String {
    let failing: Vec<(usize, &SubnetUse)> = r.subnets.iter().enumerate().filter(|(_, s)| !s.fits).collect();
    // The subnet that fails soonest: at desired before at max before at max + surge, then in spec order.
    let Some(&(index, first)) = failing.iter().min_by_key(|(_, s)| level_failing(s).0) else {
        return fits(r);
    };
    let (at, level, load) = level_failing(first);
    let what = match &first.prefix_blocks {
        Some(p) if load.addresses + first.used <= first.usable => format!(
            "{} {level} but has {}",
            count(load.prefixes, "/28 prefix", "/28 prefixes"),
            count(p.free_blocks, "aligned free /28", "aligned free /28s")
        ),
        _ => format!(
            "{} {level} beside {} used, {} usable",
            count(load.addresses, "address", "addresses"),
            first.used,
            first.usable
        ),
    };
    // At the level reported, the others at that level: the group whose node tips the subnet soonest
    // (the first in spec order on a tie). None when no single group's nodes do (the others fill it).
    let node = (0..r.node_groups.len())
        .filter_map(|g| Some((model.failing_node(index, g, at)?, g)))
        .min()
        .map(|(n, g)| format!("; {} node {n} fails", r.node_groups[g].name))
        .unwrap_or_default();
    let smallest = match first.min_prefix_length {
        Some(len) => format!(" Smallest fit: /{len}."),
        None => " Not even a /16 holds it.".to_string(),
    };
    let more = match failing.len() - 1 {
        0 => String::new(),
        1 => " 1 more subnet fails.".to_string(),
        n => format!(" {n} more subnets fail."),
    };
    let left_out = left_out(r).map(|l| format!(" {l}.")).unwrap_or_default();
    format!(
        "Does not fit: {} ({}) needs {what}{node}.{smallest}{more}{left_out}",
        first.cidr, first.az
    )
}

/// The pods that do not run at desired, over every group's nodes: "39 pods stay Pending (over maxPods)
/// and 12 pods get no IP at desired"; `None` when every pod runs.
fn left_out(r: &ClusterReport) -> Option<String> {
    let sum = |f: fn(&GroupUse) -> i64| {
        r.node_groups.iter().fold(0i64, |acc, g| {
            acc.saturating_add(f(g).saturating_mul(i64::from(g.nodes)))
        })
    };
    let parts: Vec<String> = [
        (
            sum(|g| g.pods_pending),
            "stays Pending (over maxPods)",
            "stay Pending (over maxPods)",
        ),
        (sum(|g| g.pods_without_ip), "gets no IP", "get no IP"),
    ]
    .into_iter()
    .filter(|&(n, _, _)| n > 0)
    .map(|(n, one, many)| format!("{} {}", count(n, "pod", "pods"), if n == 1 { one } else { many }))
    .collect();
    (!parts.is_empty()).then(|| format!("{} at desired", parts.join(" and ")))
}

/// The first level at which a subnet fails (0 desired, 1 max, 2 max + surge), its words and its load.
fn level_failing(s: &SubnetUse) -> (usize, &'static str, Load) {
    if !s.at_desired.fits {
        (0, "at desired", s.at_desired)
    } else if !s.at_max.fits {
        (1, "at max", s.at_max)
    } else {
        (2, "at max + surge", s.at_surge)
    }
}

fn fits(r: &ClusterReport) -> String {
    let t = &r.totals;
    let tightest = r
        .subnets
        .iter()
        .filter(|s| s.at_surge.nodes > 0)
        .min_by_key(|s| s.at_surge.free)
        .map(|s| {
            format!(
                "; the tightest, {} ({}), keeps {} of {} usable free",
                s.cidr, s.az, s.at_surge.free, s.usable
            )
        })
        .unwrap_or_default();
    let opening = match left_out(r) {
        Some(l) => format!("Fits the subnets, but {l}:"),
        None => "Fits:".to_string(),
    };
    format!(
        "{opening} {} at max + surge hold {} at peak{tightest}.",
        count(i64::try_from(t.nodes_at_surge).unwrap_or(i64::MAX), "node", "nodes"),
        count(t.addresses_at_max, "address", "addresses")
    )
}
