//! The advisor over a cluster: the fixes `advisor::candidates` proposes for the groups, applied to the
//! cluster-wide settings and the whole cluster re-planned, so each row carries the same totals and verdict
//! as the current settings. The candidates stay few whatever the groups: each edit set once, and the
//! advisor's "MINIMUM_IP_TARGET at the pod count" becomes at most two cluster-wide values (the setting is
//! one value in the DaemonSet): the fewest pods a node of any group runs, which holds the fewest addresses
//! (a larger minimum only raises every node's floor), and the most, which spares the busiest nodes' EC2
//! calls. Node plans are shared across candidates (`cost::NodePlans`), so a group an edit leaves unchanged
//! is not simulated again. A fix that does not plan for the cluster (custom networking without pod
//! subnets in the spec, say) is left out. The rows do not depend on the groups' order.

use super::cost::{NodePlan, NodePlans};
use super::report::{ClusterAlternative, ClusterMode, ClusterReport};
use super::spec::ClusterSpec;
use crate::advisor::{self, Candidate};
use crate::config::CniEnv;
use crate::edit::Edit;
use crate::mode::Mode;
use crate::scenario::{PlanError, Scenario};

/// The current report and the alternatives, "Your settings" first.
pub(super) fn advise(
    spec: &ClusterSpec,
    done: &mut NodePlans,
) -> Result<(ClusterReport, Vec<ClusterAlternative>), PlanError> {
    let env = super::resolve::env(spec)?;
    let (current, plans) = super::planned(spec, env.clone(), done, true)?;
    let mut rows: Vec<ClusterAlternative> = candidates(spec, &env, &plans)
        .into_iter()
        .filter_map(|c| {
            let mut alt = env.clone();
            for e in &c.edits {
                alt.edit(e).ok()?;
            }
            let (r, alt_plans) = super::planned(spec, alt, done, false).ok()?;
            let changed = plans
                .iter()
                .zip(&alt_plans)
                .any(|(a, b)| a.report.config != b.report.config);
            changed.then(|| row(c.title, c.edits, &r, &alt_plans, c.caveat))
        })
        .collect();
    // A stable sort of candidates in a fixed order: ties do not depend on the groups' order.
    crate::order::sort_by_key(&mut rows, |a| {
        (
            !a.fits,
            a.pods_without_ip + a.pods_pending,
            a.totals.addresses_at_max,
            a.ec2_calls,
        )
    });
    rows.insert(0, row("Your settings", Vec::new(), &current, &plans, ""));
    Ok((current, rows))
}

const MINIMUM_IP_TARGET: &str = "MINIMUM_IP_TARGET";

/// The cluster's candidates: "MINIMUM_IP_TARGET at the pod count" at the fewest and at the most pods
/// per node among the groups it is proposed for, then every other edit set any group is offered, once
/// each, by title.
fn candidates(spec: &ClusterSpec, env: &CniEnv, plans: &[NodePlan]) -> Vec<Candidate> {
    let mut at_pod_count: Option<(Candidate, u32, u32)> = None;
    let mut others: Vec<Candidate> = Vec::new();
    for (g, p) in spec.node_groups.iter().zip(plans) {
        let mut s = Scenario::new(&g.instance_type);
        s.pods = g.pods;
        s.env = env.clone();
        for c in advisor::candidates(&s, &p.report) {
            if c.edits.iter().any(|e| e.name == MINIMUM_IP_TARGET) {
                let (lo, hi) = at_pod_count.as_ref().map_or((g.pods, g.pods), |(_, lo, hi)| (*lo, *hi));
                at_pod_count = Some((c, lo.min(g.pods), hi.max(g.pods)));
            } else if !others.iter().any(|o| o.edits == c.edits) {
                // Kept in title order (an insertion, not one more sort's code in the wasm).
                let at = others.iter().position(|o| o.title > c.title).unwrap_or(others.len());
                others.insert(at, c);
            }
        }
    }
    let mut out = Vec::new();
    if let Some((c, lo, hi)) = at_pod_count {
        let with_minimum = |title, pods: u32| Candidate {
            title,
            edits: c
                .edits
                .iter()
                .map(|e| match e.name.as_str() {
                    MINIMUM_IP_TARGET => Edit::new(MINIMUM_IP_TARGET, Some(&pods.to_string())),
                    _ => e.clone(),
                })
                .collect(),
            caveat: c.caveat,
        };
        out.push(with_minimum(
            "WARM_IP_TARGET=2 with MINIMUM_IP_TARGET at the fewest pods a node runs",
            lo,
        ));
        if hi != lo {
            out.push(with_minimum(
                "WARM_IP_TARGET=2 with MINIMUM_IP_TARGET at the most pods a node runs",
                hi,
            ));
        }
    }
    out.extend(others);
    out
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
        mode: r.mode,
        totals: r.totals,
        fits: r.fits,
        failing_subnets: r.subnets.iter().filter(|s| !s.fits).count(),
        needs_prefix_length: r
            .subnets
            .iter()
            .filter(|s| !s.fits)
            .filter_map(|s| s.min_prefix_length)
            .min(),
        peak_addresses_per_node: r
            .node_groups
            .iter()
            .map(|g| g.peak_addresses_per_node)
            .max()
            .unwrap_or(0),
        ec2_calls: per_cluster(|p| p.ec2_calls),
        pods_without_ip: per_cluster(|p| p.report.steady_state.pods_without_ip),
        pods_pending: per_cluster(|p| p.report.steady_state.pods_pending),
        caveat,
    }
}

/// Where in `rows` (the current settings first) the best IPv4 fix is: the first alternative that is not
/// IPv6 and leaves every pod an address and a slot. The chart proposes it unless another is picked.
pub fn best_ipv4_fix(rows: &[ClusterAlternative]) -> Option<usize> {
    rows.iter()
        .enumerate()
        .skip(1)
        .find(|(_, a)| !ipv6(a) && a.pods_without_ip + a.pods_pending == 0)
        .map(|(i, _)| i)
}

/// For a cluster that does not fit: the best fix that keeps IPv4 (an IPv6 cluster is a new cluster) and
/// runs every pod, in one sentence: "Best IPv4 fix: WARM_IP_TARGET=2 MINIMUM_IP_TARGET=20 (25 per node at
/// peak) fits." or "… still needs a /23.". `None` when the current settings fit or no such fix exists.
pub fn best_fix(rows: &[ClusterAlternative]) -> Option<String> {
    if rows.first()?.fits {
        return None;
    }
    let best = rows.get(best_ipv4_fix(rows)?)?;
    let outcome = match (best.fits, best.needs_prefix_length) {
        (true, _) => "fits".to_string(),
        (false, Some(len)) => format!("still needs a /{len}"),
        (false, None) => "still does not fit even in a /16".to_string(),
    };
    Some(format!(
        "Best IPv4 fix: {} ({} per node at peak) {outcome}.",
        crate::edit::join(&best.edits),
        best.peak_addresses_per_node
    ))
}

/// The verdict line with the best IPv4 fix after it when the alternatives have one: the first line of
/// `cluster --advise` and the page's answer once its alternatives are worked out.
pub fn verdict_with_fix(report: &super::ClusterReport, rows: &[ClusterAlternative]) -> String {
    match best_fix(rows) {
        Some(fix) => format!("{} {fix}", report.verdict),
        None => report.verdict.clone(),
    }
}

/// Whether a row runs any node in IPv6 (a new cluster, not a fix).
fn ipv6(a: &ClusterAlternative) -> bool {
    a.mode == ClusterMode::All(Mode::Ipv6)
        || a.edits
            .iter()
            .any(|e| e.name == "ENABLE_IPv6" && e.value.as_deref() == Some("true"))
}
