//! What one node of a group costs: each distinct (instance type, pods, settings as ipamd resolves them)
//! is planned once through `scenario::plan_summary` (identical nodes are simulated once, and the advisor's
//! candidates reuse every node their edits leave unchanged), and its peak is split between the node subnet
//! and, under custom networking, the pod subnet.

use super::resolve::{input, Group};
use crate::advisor;
use crate::config::{self, CniConfig, CniEnv};
use crate::scenario::{plan_summary, PlanError, Report, Scenario};
use crate::subnet::NodeCost;
use crate::vpc::InstanceTypeLimits;

/// One group's node, planned. The report is shared: the cache and every candidate that reuses the plan hold
/// the same one.
#[derive(Debug, Clone)]
pub(super) struct NodePlan {
    pub report: std::rc::Rc<Report>,
    /// At the node's peak: what it takes from its node subnet.
    pub node_subnet: NodeCost,
    /// Custom networking: at the node's peak, what it takes from its AZ's pod subnet.
    pub pod_subnet: Option<NodeCost>,
    pub ec2_calls: i64,
}

/// Node plans already made, by (instance type, pods) and the `CniConfig` ipamd resolves for that
/// instance: the plan's numbers depend on nothing else. Its warnings also depend on the settings as
/// written, so a plan is reused for a cluster's own groups only under the same settings (`exact`), and
/// for the advisor's candidates under any that resolve alike (their rows read only the numbers). The page
/// keeps one across edits (`plan_in`, `advise_in`); it holds the newest `KEEP`. A list searched in order:
/// a few groups times the advisor's candidates, and no map code in the wasm.
#[derive(Debug, Default)]
pub struct NodePlans(Vec<(InstanceTypeLimits, u32, CniEnv, CniConfig, NodePlan)>);

impl NodePlans {
    const KEEP: usize = 32;
}

/// Plans every group's node, one simulation per distinct (instance type, pods, resolved settings) not
/// already in `done` (with the same settings as written, when `exact`). A group that does not plan is
/// refused with its name. `extra` are the run's own instance types (`ClusterSpec::instance_data`).
pub(super) fn plan_nodes(
    groups: &[Group],
    env: &CniEnv,
    extra: &[InstanceTypeLimits],
    done: &mut NodePlans,
    exact: bool,
) -> Result<Vec<NodePlan>, PlanError> {
    let mut out = Vec::with_capacity(groups.len());
    for g in groups {
        // A type or settings that do not resolve go to `plan_summary` for its refusal.
        let key = crate::vpc::lookup_in(extra, &g.instance_type)
            .ok()
            .and_then(|i| config::resolve(env, i).ok().map(|(cfg, _)| (i.clone(), cfg)));
        let known = key.as_ref().and_then(|(i, cfg)| {
            done.0
                .iter()
                .find(|(t, pods, e, c, _)| t == i && *pods == g.pods && (if exact { e == env } else { c == cfg }))
        });
        if let Some((.., p)) = known {
            out.push(p.clone());
            continue;
        }
        let mut s = Scenario::new(&g.instance_type);
        s.pods = g.pods;
        s.env = env.clone();
        s.instance_data = extra.to_vec();
        let report = plan_summary(&s).map_err(|e| {
            input(
                "node_groups",
                format!("node group '{}': {e}", crate::suggest::clip(&g.name)),
            )
        })?;
        let plan = node_plan(report);
        if let Some((i, cfg)) = key {
            if done.0.len() == NodePlans::KEEP {
                done.0.remove(0);
            }
            done.0.push((i, g.pods, env.clone(), cfg, plan.clone()));
        }
        out.push(plan);
    }
    Ok(out)
}

fn node_plan(report: Report) -> NodePlan {
    let cn = report.config.use_custom_networking;
    let peak = report
        .trace
        .iter()
        .map(|s| crate::report::ipv4_held(&report.config, s))
        .max_by_key(NodeCost::addresses)
        .unwrap_or(NodeCost { single: 0, prefixes: 0 });
    // Under custom networking only the primary ENI (the node IP) is in the node subnet; its secondary
    // ENIs and every pod address come from the ENIConfig subnet.
    let (node_subnet, pod_subnet) = if cn {
        let node = NodeCost { single: 1, prefixes: 0 };
        let pod = NodeCost {
            single: (peak.single - 1).max(0),
            prefixes: peak.prefixes,
        };
        (node, Some(pod))
    } else {
        (peak, None)
    };
    NodePlan {
        ec2_calls: advisor::ec2_calls(&report.trace),
        report: std::rc::Rc::new(report),
        node_subnet,
        pod_subnet,
    }
}
