//! The one line a cluster report opens with: whether every subnet holds the cluster at max + surge, and
//! if not, the first subnet to fail, the node that fails it and the smallest prefix that would fit.

use super::report::{ClusterReport, Load, SubnetUse};

/// The verdict of a report whose subnets are judged.
pub fn verdict(r: &ClusterReport) -> String {
    let failing: Vec<&SubnetUse> = r.subnets.iter().filter(|s| !s.fits).collect();
    // The subnet that fails soonest: at desired before at max before at max + surge, then in spec order.
    let Some(first) = failing.iter().min_by_key(|s| level_failing(s).0).copied() else {
        return fits(r);
    };
    let (_, level, load) = level_failing(first);
    let what = match &first.prefix_blocks {
        Some(p) if load.addresses + first.used <= first.usable => format!(
            "{} /28 prefixes {level} but has {} aligned free /28s",
            load.prefixes, p.free_blocks
        ),
        _ => format!(
            "{} addresses {level} beside {} used, {} usable",
            load.addresses, first.used, first.usable
        ),
    };
    let node = first
        .runs_out
        .iter()
        .filter_map(|o| Some((o.at_nodes?, &o.group)))
        .min()
        .map(|(n, g)| format!("; {g} node {n} fails"))
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
    format!(
        "Does not fit: {} ({}) needs {what}{node}.{smallest}{more}",
        first.cidr, first.az
    )
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
    format!(
        "Fits: {} node{} at max + surge hold {} addresses at peak{tightest}.",
        t.nodes_at_surge,
        if t.nodes_at_surge == 1 { "" } else { "s" },
        t.addresses_at_max
    )
}
