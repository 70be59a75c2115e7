//! The API boundary of the core: a `Scenario` (every user input, plain data) in, a `Report` (max pods,
//! the simulated trace, the steady state, the subnet burn and every warning) out. The CLI and the page
//! both call `plan` and nothing else to compute.

use crate::config::{self, CniConfig, CniEnv, ConfigError};
use crate::ipamd::trace::Detail;
use crate::ipamd::{self, Arrival, Workload, MAX_PODS_INPUT};
use crate::max_pods;
use crate::report;
use crate::subnet;
use crate::vpc::{self, InstanceTypeLimits, UnknownInstanceType};
use crate::warning::Warning;

pub use crate::report::{InstanceSummary, NodeSubnetReport, Report, SteadyState, SubnetReport};

/// The largest node count accepted.
pub const MAX_NODES: u32 = 100_000;
/// The largest kubelet maxPods accepted (nodeadm's MaxInt32 is far past any node).
pub const MAX_KUBELET_MAX_PODS: u32 = 1_000_000;

/// Every input of a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scenario {
    pub instance_type: String,
    /// Pods that need a VPC IP on each node (host-network pods excluded).
    pub pods: u32,
    pub then_pods: Option<u32>,
    pub arrival: Arrival,
    pub nodes: u32,
    /// The subnet pods' addresses come from (the ENIConfig subnet under custom networking).
    pub subnet: Option<String>,
    /// Custom networking only: the node's own subnet.
    pub node_subnet: Option<String>,
    /// kubelet maxPods; `None` uses max-pods-calculator.sh's recommendation.
    pub max_pods: Option<u32>,
    pub seed: Option<u64>,
    pub env: CniEnv,
    /// Instance types that add to the built-in catalog for this plan, or replace a row of it
    /// (`--instance-data`, a pasted `describe-instance-types`); `vpc::lookup_in` reads them first.
    pub instance_data: Vec<InstanceTypeLimits>,
}

impl Scenario {
    /// One node of `instance_type`, no pods, the shipped manifest's settings.
    pub fn new(instance_type: &str) -> Scenario {
        Scenario {
            instance_type: instance_type.to_string(),
            pods: 0,
            then_pods: None,
            arrival: Arrival::Ramp,
            nodes: 1,
            subnet: None,
            node_subnet: None,
            max_pods: None,
            seed: None,
            env: CniEnv::manifest(),
            instance_data: Vec::new(),
        }
    }
}

/// Why no plan could be made. Each names the input at fault.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanError {
    UnknownInstanceType(UnknownInstanceType),
    Config(ConfigError),
    /// A field outside its range, or a subnet that is not one.
    Input {
        field: &'static str,
        message: String,
    },
}

impl std::fmt::Display for PlanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PlanError::UnknownInstanceType(e) => e.fmt(f),
            PlanError::Config(e) => e.fmt(f),
            PlanError::Input { message, .. } => f.write_str(message),
        }
    }
}

fn input(field: &'static str, message: String) -> PlanError {
    PlanError::Input { field, message }
}

/// Checks the numeric inputs' ranges; the page and the CLI share these rules.
pub fn check_ranges(s: &Scenario) -> Result<(), PlanError> {
    if s.pods > MAX_PODS_INPUT {
        return Err(input(
            "pods",
            format!("pods per node must be a whole number from 0 to {MAX_PODS_INPUT}"),
        ));
    }
    if s.then_pods.is_some_and(|p| p > MAX_PODS_INPUT) {
        return Err(input(
            "then_pods",
            format!("the scale-down target must be a whole number from 0 to {MAX_PODS_INPUT}"),
        ));
    }
    if s.nodes == 0 || s.nodes > MAX_NODES {
        return Err(input(
            "nodes",
            format!("nodes must be a whole number from 1 to {MAX_NODES}"),
        ));
    }
    if s.max_pods.is_some_and(|m| m == 0 || m > MAX_KUBELET_MAX_PODS) {
        return Err(input(
            "max_pods",
            format!("kubelet maxPods must be a whole number from 1 to {MAX_KUBELET_MAX_PODS}"),
        ));
    }
    Ok(())
}

/// Everything `plan` refuses: ranges, the instance type, the subnets, `isConfigValid`, and a `nodeInit`
/// that stops aws-node. Cheap enough to run on every keystroke (no workload is simulated).
pub fn validate(s: &Scenario) -> Result<(), PlanError> {
    let (instance, _, _, cfg, _) = resolve_inputs(s)?;
    let (max_pods, _) = max_pods::max_pods(instance, &cfg, s.max_pods);
    ipamd::node_init(instance, &cfg, max_pods.kubelet).map_err(node_not_ready)
}

type Resolved<'a> = (
    &'a InstanceTypeLimits,
    Option<subnet::Ipv4Cidr>,
    Option<subnet::Ipv4Cidr>,
    CniConfig,
    Vec<Warning>,
);

fn resolve_inputs(s: &Scenario) -> Result<Resolved<'_>, PlanError> {
    check_ranges(s)?;
    let instance = vpc::lookup_in(&s.instance_data, &s.instance_type).map_err(PlanError::UnknownInstanceType)?;
    let subnet = s
        .subnet
        .as_deref()
        .map(subnet::parse_cidr)
        .transpose()
        .map_err(|m| input("subnet", m))?;
    let node_subnet = s
        .node_subnet
        .as_deref()
        .map(subnet::parse_cidr)
        .transpose()
        .map_err(|m| input("node_subnet", m))?;
    let (cfg, warnings) = config::resolve(&s.env, instance).map_err(PlanError::Config)?;
    Ok((instance, subnet, node_subnet, cfg, warnings))
}

/// Plans one node group.
pub fn plan(s: &Scenario) -> Result<Report, PlanError> {
    plan_with(s, Detail::Full)
}

/// `plan` for a table of alternatives: the same report and numbers, but a trace without text and with
/// only the last step's ENI pictures (`Detail::Summary`), which is much cheaper to build.
pub fn plan_summary(s: &Scenario) -> Result<Report, PlanError> {
    plan_with(s, Detail::Summary)
}

/// Plans kept for the next edit (the page keeps them): the node's run does not depend on the node count
/// or the subnets, so a scenario that differs from a kept one in those alone re-does only the subnet
/// figures and their warnings (`report::with_subnets`), with the same answer as `plan`. Holds the newest
/// plans, as many as it was made to keep (each holds its trace).
#[derive(Debug)]
pub struct Plans {
    keep: usize,
    kept: Vec<(Detail, Scenario, Report)>,
}

impl Plans {
    pub fn keeping(keep: usize) -> Plans {
        Plans { keep, kept: Vec::new() }
    }

    /// `plan` (`Detail::Full`) or `plan_summary` (`Detail::Summary`) of `s`, reusing a kept run.
    pub fn plan(&mut self, s: &Scenario, detail: Detail) -> Result<Report, PlanError> {
        let kept = self.kept.iter().position(|(d, k, _)| *d == detail && same_run(k, s));
        let r = match kept {
            Some(i) => {
                // The same checks as `plan`, in the same order; only the subnets can fail where the kept did not.
                let (_, subnet, node_subnet, ..) = resolve_inputs(s)?;
                let r = report::with_subnets(&self.kept[i].2, s.nodes, (subnet, node_subnet));
                self.kept.remove(i);
                r
            }
            None => plan_with(s, detail)?,
        };
        if self.keep > 0 {
            if self.kept.len() >= self.keep {
                self.kept.remove(0);
            }
            self.kept.push((detail, s.clone(), r.clone()));
        }
        Ok(r)
    }
}

/// Whether two scenarios run the same node: they differ at most in the node count and the subnets.
fn same_run(a: &Scenario, b: &Scenario) -> bool {
    // Every field named, so a new one must be placed on one side or the other.
    let Scenario {
        instance_type,
        pods,
        then_pods,
        arrival,
        nodes: _,
        subnet: _,
        node_subnet: _,
        max_pods,
        seed,
        env,
        instance_data,
    } = a;
    (
        instance_type,
        pods,
        then_pods,
        arrival,
        max_pods,
        seed,
        env,
        instance_data,
    ) == (
        &b.instance_type,
        &b.pods,
        &b.then_pods,
        &b.arrival,
        &b.max_pods,
        &b.seed,
        &b.env,
        &b.instance_data,
    )
}

fn plan_with(s: &Scenario, detail: Detail) -> Result<Report, PlanError> {
    let (instance, subnet, node_subnet, cfg, mut warnings) = resolve_inputs(s)?;
    let (max_pods, vcpu_assumed) = max_pods::max_pods(instance, &cfg, s.max_pods);
    if vcpu_assumed && s.max_pods.is_none() {
        warnings.push(Warning::new(
            "vcpus-unknown",
            format!(
                "{} has no published vCPU count; the calculator's cap is assumed to be 110. Set maxPods to be sure.",
                instance.name
            ),
        ));
    }
    let workload = Workload {
        pods: s.pods,
        then_pods: s.then_pods,
        arrival: s.arrival,
        seed: s.seed,
    };
    let sim = ipamd::simulate_with(instance, &cfg, max_pods.kubelet, &workload, detail).map_err(node_not_ready)?;
    Ok(report::build(
        s,
        instance,
        cfg,
        max_pods,
        sim,
        (subnet, node_subnet),
        warnings,
    ))
}

/// aws-node exits in `nodeInit`: as fatal as a setting `isConfigValid` rejects.
fn node_not_ready(e: ipamd::NodeNotReady) -> PlanError {
    PlanError::Config(ConfigError {
        code: "node-not-ready",
        message: e.0,
    })
}
