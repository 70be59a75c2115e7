//! A deterministic model of ipamd's reconcile loop on one node (`StartNodeIPPoolManager` →
//! `updateIPPoolIfRequired` every 5 s): node start with pre-scaling, then a workload, one `Step` per pass
//! (a run of passes that only repeat one another is one `Step`).
//! Tight packing is the default; a seed switches to a reproducible stand-in for Go's random map order.

pub mod datastore;
mod ec2;
mod node;
pub mod pool;
mod repeat;
mod rng;
pub mod text;
pub mod trace;

pub use rng::Rng;

use crate::config::CniConfig;
use crate::vpc::InstanceTypeLimits;
use crate::warning::Warning;
use node::Ipamd;
use trace::{Detail, Trace};

/// Seconds between passes (`ipPoolMonitorInterval`).
pub const POOL_MONITOR_INTERVAL: i64 = 5;
/// Minimum seconds between pool decreases (`decreaseIPPoolInterval`); a decrease needs strictly more.
pub const DECREASE_IP_POOL_INTERVAL: i64 = 30;
/// Passes a phase may run, once every pod is there and none got an IP lately, before the model gives up
/// waiting for the pool to settle (600 s: cooldowns, decrease intervals and ENI ages all fit in it).
pub const SETTLE_LIMIT_PASSES: u32 = 120;
/// The stated cap on one phase: one pass per pod of the largest input plus the settle allowance (42 h of
/// node time), far beyond any real ramp (the slowest, one pod or one IP a pass, needs one pass per pod).
pub const MAX_PASSES_PER_PHASE: u32 = MAX_PODS_INPUT + SETTLE_LIMIT_PASSES + 2;
/// The largest pod count accepted; above every node's capacity (c8a.48xlarge with prefixes holds 24192).
pub const MAX_PODS_INPUT: u32 = 30_000;
/// Host-network pods every node runs (aws-node, kube-proxy): they take kubelet pod slots but no pod IP.
pub const HOST_NETWORK_PODS: i64 = 2;

/// How pods reach the node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Arrival {
    /// One pod per pass.
    Ramp,
    /// All at once; pods without an IP wait and retry every pass.
    Burst,
}

/// What happens on the node after it starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workload {
    pub pods: u32,
    /// A second phase: scale to this many pods once the first has settled.
    pub then_pods: Option<u32>,
    pub arrival: Arrival,
    /// `None`: tight packing. `Some(seed)`: seeded random order for ENIs, CIDRs and deleted pods.
    pub seed: Option<u64>,
}

/// The trace and how it ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Simulation {
    pub trace: Trace,
    /// False when a phase was cut off after `SETTLE_LIMIT_PASSES` without settling.
    pub settled: bool,
    pub warnings: Vec<Warning>,
    /// The most pods waiting for an IP at any pass.
    pub peak_pods_waiting: i64,
    /// Passes during which some pod waited for an IP.
    pub passes_with_pods_waiting: i64,
}

/// aws-node exits during `nodeInit` and the node stays NotReady; the message says why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeNotReady(pub String);

/// Runs `nodeInit` alone: `Err` when aws-node would exit before the pool manager starts.
pub fn node_init(instance: &InstanceTypeLimits, cfg: &CniConfig, max_pods: i64) -> Result<(), NodeNotReady> {
    Ipamd::new(instance, cfg, max_pods, None, Detail::Summary)
        .start()
        .map(|_| ())
}

/// Runs the node from start to the end of the workload.
pub fn simulate(
    instance: &InstanceTypeLimits,
    cfg: &CniConfig,
    max_pods: i64,
    workload: &Workload,
) -> Result<Simulation, NodeNotReady> {
    simulate_with(instance, cfg, max_pods, workload, Detail::Full)
}

/// `simulate`, recording the trace in `detail`; every number is the same at either detail.
pub fn simulate_with(
    instance: &InstanceTypeLimits,
    cfg: &CniConfig,
    max_pods: i64,
    workload: &Workload,
    detail: Detail,
) -> Result<Simulation, NodeNotReady> {
    let mut node = Ipamd::new(instance, cfg, max_pods, workload.seed, detail);
    let mut start = node.start()?;
    start.enis = node.pictures();
    let mut trace = Trace::new(start);
    let mut settled = true;
    let mut warnings = Vec::new();
    let mut phases = vec![i64::from(workload.pods.min(MAX_PODS_INPUT))];
    phases.extend(workload.then_pods.map(|p| i64::from(p.min(MAX_PODS_INPUT))));
    // The scheduler binds at most maxPods − 2 pods to the node; the rest stay Pending ("Too many pods")
    // and never reach ipamd, so they are a count, not pods to simulate.
    let slots = max_pods.saturating_sub(HOST_NETWORK_PODS).max(0);
    let mut pending = 0;
    let (mut peak_pods_waiting, mut passes_with_pods_waiting) = (0, 0);
    for requested in phases {
        let target = requested.min(slots);
        // Unscheduled pods go first when the workload shrinks.
        pending = pending.min(requested - target);
        // Passes since a pod last got an IP, once all pods are there: while pods keep getting IPs ipamd is
        // still ramping (WARM_IP_TARGET=1 adds one IP a pass), which is not a failure to settle.
        let mut idle = 0;
        let mut outcome = Outcome::Capped;
        let mut passes = 0;
        // Passes the next step stands for: more than one when they would only repeat the last step.
        let mut run = 1;
        while passes < MAX_PASSES_PER_PHASE {
            passes += run;
            // `None`: a pass that only repeated the last step (no pod waiting, the target not reached).
            let step = node.pass(target, workload.arrival, trace.last_mut(), pending, run);
            run = 1;
            if let Some(mut step) = step {
                let reached = node.desired() == target;
                if reached {
                    pending = requested - target;
                }
                step.pods.pending = pending;
                let quiet = reached && node.is_quiet(&step);
                peak_pods_waiting = peak_pods_waiting.max(step.pods.waiting);
                passes_with_pods_waiting += i64::from(step.passes) * i64::from(step.pods.waiting > 0);
                let enis = node.ds.enis.len();
                let full = detail == Detail::Full;
                trace.push_pass(step, enis, |folded| (full || !folded).then(|| node.pictures()));
                if reached {
                    idle = if node.placed > 0 { 0 } else { idle + 1 };
                    if quiet {
                        outcome = Outcome::Settled;
                        break;
                    }
                    if idle >= SETTLE_LIMIT_PASSES {
                        outcome = Outcome::Flapping;
                        break;
                    }
                    continue;
                }
            }
            // Jump the clock over passes that would only repeat the last one (pods arriving or leaving while
            // others wait and nothing else can change, or, in a summary, pods arriving that each get an IP or
            // leaving while ipamd decides alike): one step stands for them all.
            run = node
                .passes_that_only_repeat(trace.last(), target, workload.arrival)
                .clamp(1, MAX_PASSES_PER_PHASE.saturating_sub(passes).max(1));
        }
        if let Some(w) = outcome.warning(requested) {
            settled = false;
            warnings.push(w);
        }
    }
    if detail == Detail::Summary {
        // The steady state reads the last step's ENIs: draw them, as the last pass left the node.
        trace.last_mut().enis = node.snapshots.take(&node.ds, node.now, cfg.use_custom_networking);
    }
    if node.trunk_never_comes() {
        warnings.push(node.trunk_never_comes_warning());
    }
    warnings.extend(node.warnings);
    Ok(Simulation {
        trace,
        settled,
        warnings,
        peak_pods_waiting,
        passes_with_pods_waiting,
    })
}

/// How a phase ended.
enum Outcome {
    Settled,
    /// Every pod was there and none got an IP for `SETTLE_LIMIT_PASSES`, yet the pool kept changing.
    Flapping,
    /// `MAX_PASSES_PER_PHASE` ran out while ipamd was still ramping.
    Capped,
}

impl Outcome {
    fn warning(&self, pods: i64) -> Option<Warning> {
        let message = match self {
            Outcome::Settled => return None,
            Outcome::Flapping => format!(
                "The pool was still changing {} s after the last of the {pods} pods got its IP (e.g. prefix flapping at \
                 WARM_PREFIX_TARGET=0, or a long IP_COOLDOWN_PERIOD); the last step is shown as the steady state.",
                i64::from(SETTLE_LIMIT_PASSES) * POOL_MONITOR_INTERVAL
            ),
            Outcome::Capped => format!(
                "ipamd was still handing out addresses for {pods} pods when the model stopped after {MAX_PASSES_PER_PHASE} passes \
                 ({} h); the last step is shown as the steady state.",
                i64::from(MAX_PASSES_PER_PHASE) * POOL_MONITOR_INTERVAL / 3600
            ),
        };
        Some(Warning::new("did-not-settle", message))
    }
}
