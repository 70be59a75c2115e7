//! A cluster: several node groups across the subnets of several AZs, cluster-wide CNI settings. Each
//! distinct (instance type, pods) is planned once through `scenario::plan_summary`; nodes are placed by
//! the round-robin rule (`place`); each subnet is judged at desired, at max and at max + surge.

pub mod report;
pub mod spec;

pub use report::{ClusterAlternative, ClusterReport, Point, Series};
pub use spec::{ClusterSpec, NodeGroupSpec, SubnetSpec, Surge};

use crate::scenario::PlanError;

/// Plans a whole cluster.
pub fn plan(_spec: &ClusterSpec) -> Result<ClusterReport, PlanError> {
    Err(PlanError::Input {
        field: "cluster",
        message: "the cluster plan is not implemented yet".to_string(),
    })
}

/// Every advisor fix re-priced over the whole cluster, "Your settings" first.
pub fn advise(_spec: &ClusterSpec) -> Result<Vec<ClusterAlternative>, PlanError> {
    Err(PlanError::Input {
        field: "cluster",
        message: "the cluster advisor is not implemented yet".to_string(),
    })
}

/// The chart of subnet `index` of `report.subnets`: addresses against the cluster's node count.
pub fn series(report: &ClusterReport, index: usize) -> Option<Series> {
    let _ = (report, index);
    None
}
