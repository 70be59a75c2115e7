//! A deterministic model of ipamd's reconcile loop on one node (`StartNodeIPPoolManager` →
//! `updateIPPoolIfRequired` every 5 s): node start with pre-scaling, then a workload, one `Step` per pass
//! (a run of passes that only repeat one another is one `Step`).
//! Tight packing is the default; a seed switches to a reproducible stand-in for Go's random map order.

pub mod datastore;
pub mod pool;
pub mod trace;

use crate::config::CniConfig;
use crate::report::Warning;
use crate::vpc::InstanceTypeLimits;
use datastore::{DataStore, PodAddr};
use pool::Limits;
use trace::{push_pass, Action, Decision, PodCounts, Snapshots, Step, StepStats, Unit};

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
    pub steps: Vec<Step>,
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
    Ipamd::new(instance, cfg, max_pods, None).start().map(|_| ())
}

/// Runs the node from start to the end of the workload.
pub fn simulate(
    instance: &InstanceTypeLimits,
    cfg: &CniConfig,
    max_pods: i64,
    workload: &Workload,
) -> Result<Simulation, NodeNotReady> {
    let mut node = Ipamd::new(instance, cfg, max_pods, workload.seed);
    let mut steps = vec![node.start()?];
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
        while passes < MAX_PASSES_PER_PHASE {
            passes += 1;
            let mut step = node.pass(target, workload.arrival);
            let reached = node.desired() == target;
            if reached {
                pending = requested - target;
            }
            step.pods.pending = pending;
            let quiet = reached && node.is_quiet(&step);
            peak_pods_waiting = peak_pods_waiting.max(step.pods.waiting);
            passes_with_pods_waiting += i64::from(step.pods.waiting > 0);
            let ahead = node.passes_that_only_repeat(&step, target, workload.arrival);
            push_pass(&mut steps, step);
            if !reached {
                // Jump the clock over passes that would only repeat this one (pods arriving or leaving
                // while others wait and nothing else can change); the last one runs for real.
                let skip = ahead.min(MAX_PASSES_PER_PHASE - passes - 1);
                if skip > 0 {
                    passes += skip;
                    passes_with_pods_waiting += i64::from(skip);
                    if let Some(last) = steps.last_mut() {
                        node.skip(skip, target, last);
                        peak_pods_waiting = peak_pods_waiting.max(last.pods.waiting);
                    }
                }
                continue;
            }
            idle = if node.placed > 0 { 0 } else { idle + 1 };
            if quiet {
                outcome = Outcome::Settled;
                break;
            }
            if idle >= SETTLE_LIMIT_PASSES {
                outcome = Outcome::Flapping;
                break;
            }
        }
        if let Some(w) = outcome.warning(requested) {
            settled = false;
            warnings.push(w);
        }
    }
    if node.trunk_never_comes() {
        warnings.push(node.trunk_never_comes_warning());
    }
    warnings.extend(node.warnings);
    Ok(Simulation {
        steps,
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

/// A small seeded generator (SplitMix64): reproducible, no OS entropy.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

/// ipamd's state for one node plus the pods on it.
struct Ipamd<'a> {
    instance: &'a InstanceTypeLimits,
    cfg: &'a CniConfig,
    lim: Limits,
    ds: DataStore,
    now: i64,
    pass_no: u32,
    last_decrease: Option<i64>,
    cni_node_patched: bool,
    /// ipamd has described the trunk ENI (or, before it exists, last polled for it).
    trunk_seen: bool,
    next_eni: u32,
    rng: Option<Rng>,
    pods: Vec<PodAddr>,
    waiting: i64,
    /// Pods that got an IP in the current pass.
    placed: i64,
    /// Pods arrived, left or got an IP, or the trunk appeared, in the current pass.
    changed: bool,
    warnings: Vec<Warning>,
    snapshots: Snapshots,
}

impl<'a> Ipamd<'a> {
    fn new(instance: &'a InstanceTypeLimits, cfg: &'a CniConfig, max_pods: i64, seed: Option<u64>) -> Self {
        Ipamd {
            instance,
            cfg,
            lim: Limits::new(instance.ipv4_limit, cfg, max_pods),
            ds: DataStore::new(cfg.enable_prefix_delegation, cfg.ip_cooldown_period),
            now: 0,
            pass_no: 0,
            last_decrease: None,
            cni_node_patched: false,
            trunk_seen: false,
            next_eni: 0,
            rng: seed.map(Rng::new),
            pods: Vec::new(),
            waiting: 0,
            placed: 0,
            changed: false,
            warnings: Vec::new(),
            snapshots: Snapshots::default(),
        }
    }

    fn desired(&self) -> i64 {
        self.pods.len() as i64 + self.waiting
    }

    /// ENIs oldest first (tight) or shuffled (random): for allocation and pod placement.
    fn fill_order(&mut self, n: usize) -> Vec<usize> {
        let mut v: Vec<usize> = (0..n).collect();
        if let Some(rng) = &mut self.rng {
            rng.shuffle(&mut v);
        }
        v
    }

    /// ENIs newest first (tight) or shuffled (random): for releasing IPs, prefixes and ENIs.
    fn release_order(&mut self, n: usize) -> Vec<usize> {
        let mut v: Vec<usize> = (0..n).rev().collect();
        if let Some(rng) = &mut self.rng {
            rng.shuffle(&mut v);
        }
        v
    }

    fn new_eni(&mut self, is_primary: bool, is_trunk: bool) -> usize {
        let id = self.next_eni;
        self.next_eni += 1;
        self.ds.add_eni(id, is_primary, is_trunk, false, self.now);
        self.ds.enis.len() - 1
    }

    fn eni_name(&self, idx: usize) -> String {
        format!("eni-{}", self.ds.enis[idx].id)
    }

    /// "3 secondary IPs" or "1 /28 prefix", for the mode in force.
    fn cidrs_text(&self, n: i64) -> String {
        if self.cfg.enable_prefix_delegation {
            plural(n, "/28 prefix", "/28 prefixes")
        } else {
            plural(n, "secondary IP", "secondary IPs")
        }
    }

    fn unit(&self) -> Unit {
        if self.cfg.enable_prefix_delegation {
            Unit::Prefixes
        } else {
            Unit::Ips
        }
    }

    fn step(&mut self, events: Vec<String>, decision: Decision, actions: Vec<Action>) -> Step {
        let stats = self.ds.get_ip_stats(self.now);
        Step {
            time_s: self.now,
            pass: self.pass_no,
            passes: 1,
            events,
            decision,
            actions,
            stats: StepStats::new(&stats, self.ds.get_free_prefixes()),
            pods: PodCounts {
                running: self.pods.len() as i64,
                waiting: self.waiting,
                pending: 0,
            },
            enis: self.snapshots.take(&self.ds, self.now, self.cfg.use_custom_networking),
        }
    }

    /// `nodeInit`: the primary ENI is there with its primary IP (IPv6: and its /80); with `ENABLE_POD_ENI`
    /// the CNINode is patched first, then `handlePreScaling` runs one increase round (IPv4). IPv6 goes on
    /// to `StartNodeIPPoolManager`, which only polls for the trunk ENI.
    fn start(&mut self) -> Result<Step, NodeNotReady> {
        let primary = self.new_eni(true, false);
        let events = vec![format!(
            "Node starts: primary ENI eni-0 (device 0) holds the node IP; {} allows {} ENIs of {} IPv4 addresses",
            self.instance.name, self.lim.max_eni, self.instance.ipv4_limit
        )];
        let mut actions = Vec::new();
        if self.cfg.enable_ipv6 {
            self.ds.enis[primary].ipv6_prefix = true;
            actions.push(Action {
                api: "AssignIpv6Addresses",
                eni: "eni-0".into(),
                count: 1,
                unit: Unit::Ipv6Prefix,
                allocation: true,
                text: "AssignIpv6Addresses eni-0: one /80 prefix (Ipv6PrefixCount=1)".into(),
            });
        }
        // nodeInit: "Security Groups for Pods can be enabled" before handlePreScaling.
        if self.cfg.enable_pod_eni {
            actions.extend(self.try_enable_security_groups_for_pods());
        }
        if self.cfg.enable_ipv6 {
            // StartNodeIPPoolManager: the first checkForTrunkENI runs at once.
            actions.extend(self.check_for_trunk_eni());
            let decision = Decision {
                kind: "ipv6",
                text: "IPv6: one /80 on the primary ENI serves every pod; no warm pool runs (StartNodeIPPoolManager returns at once)"
                    .into(),
            };
            return Ok(self.step(events, decision, actions));
        }
        let mut events = events;
        events.push("handlePreScaling: one increase round before the loop starts".into());
        let stats = self.ds.get_ip_stats(self.now);
        let fp = self.ds.get_free_prefixes();
        let low = pool::is_pool_too_low(self.cfg, &self.lim, &stats, fp);
        let mut text = low.why.clone();
        if low.yes {
            match self.increase_datastore_pool() {
                Ok(a) => actions.extend(a),
                Err(why) => text = format!("{text}; {why}"),
            }
            // handlePreScaling: "If custom networking is enabled and the pool is empty, return an error".
            if self.cfg.use_custom_networking && self.ds.get_ip_stats(self.now).total_ips == 0 {
                return Err(self.custom_networking_failure());
            }
        }
        Ok(self.step(
            events,
            Decision {
                kind: if low.yes { "too-low" } else { "ok" },
                text,
            },
            actions,
        ))
    }

    /// Why `handlePreScaling` found no ENI for pods under custom networking.
    fn custom_networking_failure(&self) -> NodeNotReady {
        let why = if self.instance.eni_limit <= 1 {
            format!("{} takes only one ENI", self.instance.name)
        } else if self.lim.max_eni <= 1 {
            format!("MAX_ENI={} leaves no slot beside the primary ENI", self.lim.max_eni)
        } else {
            format!(
                "of its {} ENI slots the primary takes one and the trunk ENI for security groups for pods holds the other (hasRoomForEni)",
                self.lim.max_eni
            )
        };
        NodeNotReady(format!(
            "aws-node would exit at start-up and the node stay NotReady: under custom networking the primary ENI gives pods no \
             addresses and {why}, so handlePreScaling fails with \"Failed to attach any ENIs for custom networking\"."
        ))
    }

    /// One 5 s pass: pod events, then `updateIPPoolIfRequired`.
    fn pass(&mut self, target: i64, arrival: Arrival) -> Step {
        self.pass_no += 1;
        self.now = i64::from(self.pass_no) * POOL_MONITOR_INTERVAL;
        let mut events = Vec::new();
        self.changed = false;

        if self.trunk_pending() {
            let idx = self.new_eni(false, true);
            self.changed = true;
            events.push(format!(
                "VPC resource controller attaches trunk ENI {} (one ENI slot and one subnet address, no pod IPs)",
                self.eni_name(idx)
            ));
        }

        let desired = self.desired();
        self.changed |= desired != target;
        if desired < target {
            let n = if arrival == Arrival::Ramp { 1 } else { target - desired };
            self.waiting += n;
            events.push(if n == 1 {
                "1 pod arrives".to_string()
            } else {
                format!("{n} pods arrive at once")
            });
        } else if desired > target {
            let n = if arrival == Arrival::Ramp { 1 } else { desired - target };
            self.delete_pods(n);
            let cooling = if self.cfg.ip_cooldown_period >= 0 {
                format!("its IP cools for {} s before reuse", self.cfg.ip_cooldown_period)
            } else {
                "no cooldown (IP_COOLDOWN_PERIOD < 0)".to_string()
            };
            events.push(if n == 1 {
                format!("1 pod deleted: {cooling}")
            } else {
                format!("{n} pods deleted: {cooling}")
            });
        }
        let before = self.waiting;
        let placed = self.place_waiting();
        self.placed = placed;
        self.changed |= placed > 0;
        if before > 0 {
            let left = self.waiting;
            events.push(match (placed, left) {
                (p, 0) => format!("{p} got an IP"),
                // No count here: it is in `pods.waiting`, and a run of such passes is stored once.
                (0, _) => "none got an IP, pods wait: \"failed to assign an IP address to container\"".to_string(),
                (p, w) => format!("{p} got an IP, {w} waiting: \"failed to assign an IP address to container\""),
            });
        }

        if self.cfg.enable_ipv6 {
            let decision = Decision {
                kind: "ipv6",
                text: "IPv6: no warm pool; pods take addresses from the /80".into(),
            };
            let actions = self.check_for_trunk_eni().into_iter().collect();
            return self.step(events, decision, actions);
        }
        let (decision, mut actions) = self.update_ip_pool_if_required();
        actions.extend(self.check_for_trunk_eni());
        self.step(events, decision, actions)
    }

    fn place_waiting(&mut self) -> i64 {
        if self.cfg.enable_ipv6 {
            // Every pod gets an address from the primary ENI's /80.
            let n = self.waiting;
            self.ds.ipv6_assigned += n;
            self.pods.extend((0..n).map(|_| PodAddr {
                eni: 0,
                cidr: u32::MAX,
                addr: 0,
            }));
            self.waiting = 0;
            return n;
        }
        let mut placed = 0;
        while self.waiting > 0 {
            let eni_order = self.fill_order(self.ds.enis.len());
            let now = self.now;
            let mut rng = self.rng.take();
            let got = self.ds.assign_pod_ip(now, &eni_order, |n| {
                let mut v: Vec<usize> = (0..n).collect();
                if let Some(r) = &mut rng {
                    r.shuffle(&mut v);
                }
                v
            });
            self.rng = rng;
            match got {
                Some(pod) => {
                    self.pods.push(pod);
                    self.waiting -= 1;
                    placed += 1;
                }
                None => break,
            }
        }
        placed
    }

    /// Deletes `n` pods: waiting ones first (the ReplicaSet removes unready pods first), then running ones,
    /// newest first (tight) or at random.
    fn delete_pods(&mut self, n: i64) {
        let from_waiting = n.min(self.waiting);
        self.waiting -= from_waiting;
        for _ in 0..(n - from_waiting) {
            if self.pods.is_empty() {
                break;
            }
            let idx = match &mut self.rng {
                Some(r) => r.below(self.pods.len()),
                None => self.pods.len() - 1,
            };
            let pod = self.pods.swap_remove(idx);
            if self.cfg.enable_ipv6 {
                self.ds.ipv6_assigned -= 1;
            } else {
                self.ds.unassign(pod, self.now);
            }
        }
    }

    /// Mirrors `updateIPPoolIfRequired` for network card 0.
    fn update_ip_pool_if_required(&mut self) -> (Decision, Vec<Action>) {
        let mut actions = Vec::new();
        if self.cfg.enable_pod_eni && self.cfg.enable_ipv4 && !self.ds.has_trunk() && !self.cni_node_patched {
            if let Some(a) = self.try_enable_security_groups_for_pods() {
                actions.push(a);
            }
        }
        let stats = self.ds.get_ip_stats(self.now);
        let fp = self.ds.get_free_prefixes();
        let low = pool::is_pool_too_low(self.cfg, &self.lim, &stats, fp);
        let decision = if low.yes {
            match self.increase_datastore_pool() {
                Ok(a) => {
                    actions.extend(a);
                    Decision {
                        kind: "too-low",
                        text: low.why,
                    }
                }
                Err(why) => Decision {
                    kind: "too-low",
                    text: format!("{}; {why}", low.why),
                },
            }
        } else {
            let high = pool::is_pool_too_high(self.cfg, &stats, fp);
            let kind = if stats.total_ips >= self.lim.max_pods {
                "max-pods"
            } else {
                "ok"
            };
            if !high.yes {
                Decision { kind, text: low.why }
            } else if let Some(last) = self
                .last_decrease
                .filter(|&t| self.now - t <= DECREASE_IP_POOL_INTERVAL)
            {
                Decision {
                    kind: "decrease-wait",
                    text: format!(
                        "{}, but the last decrease was {} s ago (≤ 30 s): wait",
                        high.why,
                        self.now - last
                    ),
                }
            } else {
                actions.extend(self.try_unassign_cidrs_from_all());
                self.last_decrease = Some(self.now);
                Decision {
                    kind: "too-high",
                    text: high.why,
                }
            }
        };
        if pool::should_remove_extra_enis(self.cfg, &self.lim, &stats, self.ds.check_freeable_eni_exists()) {
            actions.extend(self.try_free_eni());
        }
        (decision, actions)
    }

    /// Mirrors `tryEnableSecurityGroupsForPods`: with IPv4, patch CNINode only while an ENI slot is free
    /// (`ipamd.go` 1469: `if c.enableIPv4 && …GetENIs() >= c.maxENI − unmanaged`); with IPv6 always.
    fn try_enable_security_groups_for_pods(&mut self) -> Option<Action> {
        if self.cfg.enable_ipv4 && self.ds.enis.len() as i64 >= self.lim.max_eni {
            if !self.warnings.iter().any(|w| w.code == "no-trunk-slot") {
                self.warnings.push(Warning::new(
                    "no-trunk-slot",
                    format!(
                        "No slot available for a trunk ENI to be attached: all {} ENIs are in use, so security groups for pods never turn on.",
                        self.lim.max_eni
                    ),
                ));
            }
            return None;
        }
        self.cni_node_patched = true;
        if !self.instance.is_trunking_compatible() {
            self.warnings.push(Warning::new(
                "not-trunk-compatible",
                format!(
                    "{} is not trunking compatible: the VPC resource controller attaches no trunk ENI.",
                    self.instance.name
                ),
            ));
        }
        Some(Action {
            api: "CNINode update",
            eni: String::new(),
            count: 0,
            unit: Unit::None,
            allocation: false,
            text: "CNINode gets the SecurityGroupsForPods feature: the VPC resource controller will attach a trunk ENI"
                .into(),
        })
    }

    /// Mirrors `increaseDatastorePool`: top up an existing ENI first, else attach a new one.
    fn increase_datastore_pool(&mut self) -> Result<Vec<Action>, String> {
        let added = if self.cfg.enable_prefix_delegation {
            self.try_assign_prefixes()
        } else {
            self.try_assign_ips()
        };
        if let Some(a) = added {
            return Ok(vec![a]);
        }
        if self.has_room_for_eni() {
            return self.try_allocate_eni();
        }
        let reserve = if self.trunk_reserved() {
            " (one slot held for the trunk ENI)"
        } else {
            ""
        };
        Err(format!(
            "no ENI has room and no ENI slot is left: {} of maxENI {} in use{reserve}",
            self.ds.enis.len(),
            self.lim.max_eni
        ))
    }

    /// CNINode was patched and the VPC resource controller will attach a trunk ENI at the next pass, in a
    /// free slot of the default network card (IPv6 skips ipamd's own slot check, so `MAX_ENI` does not
    /// stop it; the card's ENI limit does).
    fn trunk_pending(&self) -> bool {
        self.cni_node_patched
            && !self.ds.has_trunk()
            && self.instance.is_trunking_compatible()
            && (self.ds.enis.len() as u64) < u64::from(self.instance.eni_limit)
    }

    /// ipamd waits for a trunk ENI that will never be attached (IPv6 polls for it every 5 s forever).
    fn trunk_never_comes(&self) -> bool {
        self.cfg.enable_ipv6 && self.cfg.enable_pod_eni && !self.ds.has_trunk() && !self.trunk_pending()
    }

    fn trunk_never_comes_warning(&self) -> Warning {
        let why = if self.instance.is_trunking_compatible() {
            format!("{} has no free ENI slot for it", self.instance.name)
        } else {
            format!("{} is not trunking compatible", self.instance.name)
        };
        Warning::new(
            "trunk-never-attached",
            format!(
                "ipamd waits for a trunk ENI that never comes ({why}): StartNodeIPPoolManager calls DescribeNetworkInterfaces \
                 every {POOL_MONITOR_INTERVAL} s for as long as the node runs ({} calls a day per node, against the account's EC2 API rate limit).",
                86_400 / POOL_MONITOR_INTERVAL
            ),
        )
    }

    /// The `DescribeNetworkInterfaces` (`DescribeAllENIs`) that notices the trunk ENI: IPv6's
    /// `checkForTrunkENI`, every pass until the trunk is there; IPv4's `nodeIPPoolReconcile`, once, when an
    /// ENI that ipamd did not attach shows up.
    fn check_for_trunk_eni(&mut self) -> Option<Action> {
        let polling = self.cfg.enable_ipv6 && self.cfg.enable_pod_eni && !self.trunk_seen;
        let found = self.ds.has_trunk() && !self.trunk_seen;
        if !(polling || found) {
            return None;
        }
        self.trunk_seen = self.ds.has_trunk();
        let text = match (self.cfg.enable_ipv6, found) {
            (true, true) => "DescribeNetworkInterfaces (checkForTrunkENI): the trunk ENI is there; the wait ends",
            (true, false) => "DescribeNetworkInterfaces (checkForTrunkENI): no trunk ENI yet; again in 5 s",
            _ => "DescribeNetworkInterfaces (nodeIPPoolReconcile): a new ENI not attached by ipamd, the trunk ENI",
        };
        Some(Action {
            api: "DescribeNetworkInterfaces",
            eni: String::new(),
            count: 0,
            unit: Unit::None,
            allocation: false,
            text: text.into(),
        })
    }

    fn trunk_reserved(&self) -> bool {
        self.cfg.enable_pod_eni && !self.ds.has_trunk() && self.instance.is_trunking_compatible()
    }

    /// Mirrors `hasRoomForEni`.
    fn has_room_for_eni(&self) -> bool {
        (self.ds.enis.len() as i64) < self.lim.max_eni - i64::from(self.trunk_reserved())
    }

    /// Mirrors `tryAssignIPs`: on the first allocatable ENI, `min(M − entries, toAllocate)` IPs.
    fn try_assign_ips(&mut self) -> Option<Action> {
        let stats = self.ds.get_ip_stats(self.now);
        let ts = pool::datastore_target_state(self.cfg, &stats, self.ds.get_free_prefixes());
        if ts.is_some_and(|t| t.short == 0) {
            return None;
        }
        let to_allocate = ts.map_or(self.lim.max_ips_per_eni, |t| t.short);
        self.assign_on_first_allocatable(self.lim.max_ips_per_eni, to_allocate)
    }

    /// Mirrors `tryAssignPrefixes`: on the first allocatable ENI, `min(PFX − entries, getPrefixesNeeded)`.
    fn try_assign_prefixes(&mut self) -> Option<Action> {
        let stats = self.ds.get_ip_stats(self.now);
        let to_allocate = pool::get_prefixes_needed(self.cfg, &stats, self.ds.get_free_prefixes());
        self.assign_on_first_allocatable(self.lim.max_prefixes_per_eni, to_allocate)
    }

    fn assign_on_first_allocatable(&mut self, max_entries: i64, to_allocate: i64) -> Option<Action> {
        let order = self.fill_order(self.ds.enis.len());
        let &idx = self
            .ds
            .get_allocatable_enis(&order, max_entries, self.cfg.use_custom_networking)
            .first()?;
        let entries = self.ds.enis[idx].cidrs.len() as i64;
        // AllocIPAddresses clamps to IPv4Limit − 1.
        let n = (max_entries - entries)
            .min(to_allocate)
            .min(self.lim.ipv4_limit_minus_one);
        let pd = self.cfg.enable_prefix_delegation;
        self.ds.add_cidrs(idx, n, pd);
        let eni = self.eni_name(idx);
        let what = self.cidrs_text(n);
        Some(Action {
            api: "AssignPrivateIpAddresses",
            text: format!("AssignPrivateIpAddresses {eni}: {what}"),
            eni,
            count: n,
            unit: self.unit(),
            allocation: true,
        })
    }

    /// Mirrors `GetENIResourcesToAllocate`.
    fn get_eni_resources_to_allocate(&self) -> i64 {
        let stats = self.ds.get_ip_stats(self.now);
        let fp = self.ds.get_free_prefixes();
        if self.cfg.enable_prefix_delegation {
            pool::get_prefixes_needed(self.cfg, &stats, fp).min(self.lim.max_prefixes_per_eni)
        } else {
            pool::datastore_target_state(self.cfg, &stats, fp).map_or(self.lim.max_ips_per_eni, |t| t.short)
        }
    }

    /// Mirrors `tryAllocateENI`: `CreateNetworkInterface` with the resources, then attach.
    fn try_allocate_eni(&mut self) -> Result<Vec<Action>, String> {
        let resources = self.get_eni_resources_to_allocate();
        if resources <= 0 {
            return Err("0 IPs needed, so no ENI is created".into());
        }
        // createENI clamps the count to IPv4Limit − 1.
        let n = resources.min(self.lim.ipv4_limit_minus_one);
        let idx = self.new_eni(false, false);
        let pd = self.cfg.enable_prefix_delegation;
        self.ds.add_cidrs(idx, n, pd);
        let eni = self.eni_name(idx);
        let subnet = if self.cfg.use_custom_networking {
            " in the ENIConfig subnet"
        } else {
            ""
        };
        let what = self.cidrs_text(n);
        let device = self.ds.enis.len() - 1;
        // AllocENI: createENI, attachENI, then ModifyNetworkInterfaceAttribute for DeleteOnTermination.
        Ok(vec![
            Action {
                api: "CreateNetworkInterface",
                text: format!("CreateNetworkInterface {eni}{subnet}: primary IP + {what}"),
                eni: eni.clone(),
                count: n,
                unit: self.unit(),
                allocation: true,
            },
            plain_call("AttachNetworkInterface", &eni, format!("device index {device}")),
            plain_call(
                "ModifyNetworkInterfaceAttribute",
                &eni,
                "DeleteOnTermination=true".into(),
            ),
        ])
    }

    /// Mirrors `tryUnassignCidrsFromAll`: release up to `over` pod-free CIDRs, ENI by ENI.
    fn try_unassign_cidrs_from_all(&mut self) -> Vec<Action> {
        let stats = self.ds.get_ip_stats(self.now);
        let fp = self.ds.get_free_prefixes();
        let mut over = match pool::datastore_target_state(self.cfg, &stats, fp) {
            Some(ts) => ts.over,
            None => pool::compute_extra_prefixes_over_warm_target(self.cfg, fp),
        };
        let mut actions = Vec::new();
        if over <= 0 {
            return actions;
        }
        let order = self.release_order(self.ds.enis.len());
        for idx in order {
            let mut cidrs = self.ds.find_freeable_cidrs(idx);
            match &mut self.rng {
                Some(r) => r.shuffle(&mut cidrs),
                None => cidrs.reverse(),
            }
            cidrs.truncate(over.min(cidrs.len() as i64) as usize);
            if cidrs.is_empty() {
                continue;
            }
            let n = cidrs.len() as i64;
            self.ds.remove_cidrs(idx, &cidrs);
            let eni = self.eni_name(idx);
            let what = self.cidrs_text(n);
            actions.push(Action {
                api: "UnassignPrivateIpAddresses",
                text: format!("UnassignPrivateIpAddresses {eni}: {what} back to the subnet"),
                eni,
                count: n,
                unit: self.unit(),
                allocation: false,
            });
            over -= n;
            if over <= 0 {
                break;
            }
        }
        actions
    }

    /// Mirrors `tryFreeENI` → `RemoveUnusedENIFromStore`: at most one ENI per pass.
    /// `FreeENI` makes three calls: `DescribeNetworkInterfaces` for the attachment ID, `DetachNetworkInterface`,
    /// `DeleteNetworkInterface`.
    fn try_free_eni(&mut self) -> Vec<Action> {
        let order = self.release_order(self.ds.enis.len());
        let Some(idx) = self.ds.get_deletable_eni(
            &order,
            self.now,
            self.cfg.warm_ip_target,
            self.cfg.minimum_ip_target,
            self.cfg.warm_prefix_target,
        ) else {
            return Vec::new();
        };
        let eni = self.eni_name(idx);
        let removed = self.ds.remove_eni(idx);
        let held: i64 = removed.cidrs.iter().map(|c| c.size()).sum();
        vec![
            plain_call(
                "DescribeNetworkInterfaces",
                &eni,
                "its attachment ID (getENIAttachmentID)".into(),
            ),
            plain_call("DetachNetworkInterface", &eni, "no pods, ≥ 60 s old".into()),
            plain_call(
                "DeleteNetworkInterface",
                &eni,
                format!("its primary IP and {held} addresses go back to the subnet"),
            ),
        ]
    }

    /// How many passes after `step` (ramp arrival, target not reached) would repeat it but for one pod
    /// more or less waiting: pods wait, no call was made, nothing cools, no decrease interval or ENI age
    /// runs out, so ipamd sees the same statistics and decides the same. Pods that arrive beyond what
    /// ipamd can hand out, or waiting pods being deleted, are such runs; they are skipped, not simulated.
    /// Tight packing gives the same trace as running them; with a seed the skipped passes draw no random
    /// numbers, so later random choices differ from a pass-by-pass run (still reproducible per seed).
    fn passes_that_only_repeat(&self, step: &Step, target: i64, arrival: Arrival) -> u32 {
        let still_same = arrival == Arrival::Ramp
            && self.waiting > 0
            && self.placed == 0
            && step.actions.is_empty()
            && step.decision.kind != "decrease-wait"
            && step.stats.cooldown_ips == 0
            && !self.trunk_pending()
            && !self.an_eni_frees_once_old_enough();
        if !still_same {
            return 0;
        }
        let desired = self.desired();
        // Arriving pods all wait; leaving pods come from the waiting ones, keeping at least one waiting.
        let ahead = if desired < target {
            target - desired - 1
        } else {
            (desired - target).min(self.waiting) - 1
        };
        u32::try_from(ahead.max(0)).unwrap_or(u32::MAX)
    }

    /// Applies `k` passes that only repeat `last` (see `passes_that_only_repeat`).
    fn skip(&mut self, k: u32, target: i64, last: &mut Step) {
        let delta = if self.desired() < target {
            i64::from(k)
        } else {
            -i64::from(k)
        };
        self.pass_no += k;
        self.now = i64::from(self.pass_no) * POOL_MONITOR_INTERVAL;
        self.waiting += delta;
        last.pass = self.pass_no;
        last.time_s = self.now;
        last.passes += k;
        last.pods.waiting = self.waiting;
    }

    /// Nothing can change any more without a new pod event. A trunk poll that never ends is the steady state.
    fn is_quiet(&self, step: &Step) -> bool {
        let never = self.trunk_never_comes();
        step.actions
            .iter()
            .all(|a| never && a.api == "DescribeNetworkInterfaces")
            && !self.changed
            && step.decision.kind != "decrease-wait"
            && step.stats.cooldown_ips == 0
            && !self.trunk_pending()
            && !self.an_eni_frees_once_old_enough()
    }

    /// Whether `tryFreeENI` would free an ENI once every ENI is past `minENILifeTime` (nothing else
    /// changing), so the model must keep running to show it.
    fn an_eni_frees_once_old_enough(&self) -> bool {
        let later = self.now + datastore::MIN_ENI_LIFETIME;
        let stats = self.ds.get_ip_stats(later);
        let order: Vec<usize> = (0..self.ds.enis.len()).collect();
        pool::should_remove_extra_enis(self.cfg, &self.lim, &stats, self.ds.check_freeable_eni_exists())
            && self
                .ds
                .get_deletable_eni(
                    &order,
                    later,
                    self.cfg.warm_ip_target,
                    self.cfg.minimum_ip_target,
                    self.cfg.warm_prefix_target,
                )
                .is_some()
    }
}

/// An EC2 call on one ENI that moves no addresses.
fn plain_call(api: &'static str, eni: &str, what: String) -> Action {
    Action {
        api,
        text: format!("{api} {eni}: {what}"),
        eni: eni.to_string(),
        count: 0,
        unit: Unit::None,
        allocation: false,
    }
}

fn plural(n: i64, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}
