//! A cluster: several node groups across the subnets of several AZs, cluster-wide CNI settings. Each
//! distinct (instance type, pods) is planned once through `scenario::plan_summary` (`cost`); nodes are
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

pub use judge::reservation_command;
pub use report::{ClusterAlternative, ClusterReport, Point, Series};
pub use resolve::{MAX_NODE_GROUPS, MAX_SUBNETS};
pub use series::{series, MAX_POINTS};
pub use spec::{parse_json, ClusterSpec, NodeGroupSpec, SubnetSpec, Surge};

use crate::config::CniEnv;
use crate::scenario::PlanError;

/// Plans a whole cluster: the shipped manifest overlaid by the spec's settings, every group's node
/// planned once, placed and judged in every subnet.
pub fn plan(spec: &ClusterSpec) -> Result<ClusterReport, PlanError> {
    planned(spec, resolve::env(spec)?).map(|(r, _)| r)
}

/// `plan` with the environment already built, and each group's node plan (the advisor's alternatives).
fn planned(spec: &ClusterSpec, env: CniEnv) -> Result<(ClusterReport, Vec<cost::NodePlan>), PlanError> {
    let r = resolve::resolve(spec, env)?;
    let plans = cost::plan_nodes(&r.groups, &r.env)?;
    let custom_networking = plans.iter().any(|p| p.pod_subnet.is_some());
    let has_pod_subnets = r.subnets.iter().any(|s| s.role == report::SubnetRole::Pod);
    if custom_networking && !has_pod_subnets {
        return Err(resolve::input(
            "pod_subnets",
            "pod_subnets: AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG=true needs a pod subnet (ENIConfig) in each AZ".into(),
        ));
    }
    if has_pod_subnets && !custom_networking {
        return Err(resolve::input(
            "pod_subnets",
            "pod_subnets are ENIConfig subnets: set AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG=true in settings, or remove them"
                .into(),
        ));
    }
    let groups = r
        .groups
        .iter()
        .zip(&plans)
        .map(|(g, p)| (g.azs.clone(), g.levels, p.node_subnet, p.pod_subnet))
        .collect();
    let model = model::Model::new(r.subnets.clone(), groups);
    Ok((judge::build(&r, &plans, &model), plans))
}

/// Every advisor fix re-priced over the whole cluster, "Your settings" first.
pub fn advise(spec: &ClusterSpec) -> Result<Vec<ClusterAlternative>, PlanError> {
    advise::advise(spec)
}
