//! The advisor over a cluster: every fix `advisor::candidates` proposes for any of the groups (each
//! distinct edit set once), applied to the cluster-wide settings and the whole cluster re-planned, so each
//! row carries the same totals and verdict as the current settings. A fix that does not plan for the
//! cluster (custom networking without pod subnets in the spec, say) is left out.

use super::cost::NodePlan;
use super::report::{ClusterAlternative, ClusterReport};
use super::spec::ClusterSpec;
use crate::advisor::{self, Candidate};
use crate::scenario::{PlanError, Scenario};

pub(super) fn advise(spec: &ClusterSpec) -> Result<Vec<ClusterAlternative>, PlanError> {
    let env = super::resolve::env(spec)?;
    let (current, plans) = super::planned(spec, env.clone())?;
    let mut seen: Vec<Candidate> = Vec::new();
    for (g, p) in spec.node_groups.iter().zip(&plans) {
        let mut s = Scenario::new(&g.instance_type);
        s.pods = g.pods;
        s.env = env.clone();
        for c in advisor::candidates(&s, &p.report) {
            if !seen.iter().any(|o| o.edits == c.edits) {
                seen.push(c);
            }
        }
    }
    let mut rows: Vec<ClusterAlternative> = seen
        .into_iter()
        .filter_map(|c| {
            let mut alt = env.clone();
            for e in &c.edits {
                alt.edit(e).ok()?;
            }
            let (r, alt_plans) = super::planned(spec, alt).ok()?;
            let changed = plans
                .iter()
                .zip(&alt_plans)
                .any(|(a, b)| a.report.config != b.report.config);
            changed.then(|| row(c.title, c.edits, &r, &alt_plans, c.caveat))
        })
        .collect();
    rows.sort_by_key(|a| (!a.fits, a.pods_without_ip, a.totals.addresses_at_max, a.ec2_calls));
    rows.insert(0, row("Your settings", Vec::new(), &current, &plans, ""));
    Ok(rows)
}

fn row(
    title: &'static str,
    edits: Vec<crate::edit::Edit>,
    r: &ClusterReport,
    plans: &[NodePlan],
    caveat: &'static str,
) -> ClusterAlternative {
    // Per node times the group's desired nodes, summed over the groups.
    let per_cluster = |f: fn(&NodePlan) -> i64| {
        r.node_groups.iter().zip(plans).fold(0i64, |acc, (g, p)| {
            acc.saturating_add(f(p).saturating_mul(i64::from(g.nodes)))
        })
    };
    ClusterAlternative {
        title,
        edits,
        totals: r.totals,
        fits: r.fits,
        failing_subnets: r.subnets.iter().filter(|s| !s.fits).count(),
        peak_addresses_per_node: r
            .node_groups
            .iter()
            .map(|g| g.peak_addresses_per_node)
            .max()
            .unwrap_or(0),
        ec2_calls: per_cluster(|p| p.ec2_calls),
        pods_without_ip: per_cluster(|p| p.report.steady_state.pods_without_ip),
        caveat,
    }
}
