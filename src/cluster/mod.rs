//! A cluster: several node groups across the subnets of several AZs, cluster-wide CNI settings. Each
//! distinct (instance type, pods, settings) is planned once through `scenario::plan_summary` (`cost`); nodes are
//! placed by the round-robin rule (`place`); each subnet is judged at desired, at max and at max + surge
//! (`model`, `judge`), and the report opens with a one-line verdict (`verdict`).

mod advise;
mod cost;
mod judge;
mod model;
mod place;
pub mod report;
mod resolve;
mod series;
pub mod spec;
mod verdict;

pub use advise::{best_fix, best_ipv4_fix, verdict_with_fix};
pub use cost::NodePlans;
pub use judge::reservation_command;
pub use report::{ClusterAlternative, ClusterMode, ClusterReport, Point, Series};
pub use resolve::{MAX_NODE_GROUPS, MAX_SUBNETS};
pub use series::{path_nodes, series, MAX_POINTS};
pub use spec::{parse_json, ClusterSpec, NodeGroupSpec, SubnetSpec, Surge};

use crate::config::CniEnv;
use crate::scenario::PlanError;

/// Plans a whole cluster: the shipped manifest overlaid by the spec's settings, every group's node
/// planned once, placed and judged in every subnet.
pub fn plan(spec: &ClusterSpec) -> Result<ClusterReport, PlanError> {
    plan_in(spec, &mut NodePlans::default())
}

/// `plan`, reusing (and keeping) the node plans in `done`: the page keeps them across edits, so an edit of
/// node counts or subnets simulates no node again.
pub fn plan_in(spec: &ClusterSpec, done: &mut NodePlans) -> Result<ClusterReport, PlanError> {
    planned(spec, resolve::env(spec)?, done, true).map(|(r, _)| r)
}

/// `plan` with the environment already built, and each group's node plan (the advisor's alternatives),
/// reusing the node plans in `done` (under the same settings as written when `exact`: see `NodePlans`).
fn planned(
    spec: &ClusterSpec,
    env: CniEnv,
    done: &mut NodePlans,
    exact: bool,
) -> Result<(ClusterReport, Vec<cost::NodePlan>), PlanError> {
    let mut r = resolve::resolve(spec, env)?;
    let plans = cost::plan_nodes(&r.groups, &r.env, &spec.instance_data, done, exact)?;
    let mut warnings = Vec::new();
    if plans.iter().any(|p| p.pod_subnet.is_some()) {
        resolve::check_pod_subnets(&r)?;
    } else if r.subnets.iter().any(|s| s.role == report::SubnetRole::Pod) {
        // Pod subnets are ENIConfigs: without custom networking ipamd never reads them.
        r.subnets.retain(|s| s.role == report::SubnetRole::Node);
        warnings.push(crate::warning::Warning::new(
            "pod-subnets-unused",
            "pod_subnets are ENIConfig subnets, used only with AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG=true: \
             without it pods draw from the node subnets, and the pod subnets are left out.",
        ));
    }
    let groups = r
        .groups
        .iter()
        .zip(&plans)
        .map(|(g, p)| (g.azs.clone(), g.levels, p.node_subnet, p.pod_subnet))
        .collect();
    let model = model::Model::new(r.subnets.clone(), groups);
    let mut report = judge::build(&r, &plans, &model);
    report.warnings.extend(warnings);
    Ok((report, plans))
}

/// Every advisor fix re-priced over the whole cluster, "Your settings" first.
pub fn advise(spec: &ClusterSpec) -> Result<Vec<ClusterAlternative>, PlanError> {
    advise_in(spec, &mut NodePlans::default())
}

/// `advise`, reusing (and keeping) the node plans in `done`, as `plan_in`.
pub fn advise_in(spec: &ClusterSpec, done: &mut NodePlans) -> Result<Vec<ClusterAlternative>, PlanError> {
    advise::advise(spec, done).map(|(_, rows)| rows)
}

/// `plan` and `advise` together, the current settings planned once.
pub fn plan_and_advise(spec: &ClusterSpec) -> Result<(ClusterReport, Vec<ClusterAlternative>), PlanError> {
    advise::advise(spec, &mut NodePlans::default())
}
