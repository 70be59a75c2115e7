//! The node model: ipamd's state on one node plus its pods, one pass at a time (pods arriving, waiting for
//! an IP, deleted). The EC2 calls each pass makes live in `ec2.rs`; which passes only repeat the one before,
//! and when the run may stop, in `repeat.rs`.

use super::datastore::{DataStore, PodAddr};
use super::pool::Limits;
use super::trace::{self, Action, Decision, DecisionKind, Detail, PodCounts, Snapshots, Step, StepStats, Text};
use super::{Arrival, Rng, POOL_MONITOR_INTERVAL};
use crate::config::CniConfig;
use crate::vpc::InstanceTypeLimits;
use crate::warning::Warning;

/// ipamd's state for one node plus the pods on it.
pub(super) struct Ipamd<'a> {
    pub(super) instance: &'a InstanceTypeLimits,
    pub(super) cfg: &'a CniConfig,
    pub(super) lim: Limits,
    pub(super) ds: DataStore,
    pub(super) now: i64,
    pub(super) pass_no: u32,
    pub(super) last_decrease: Option<i64>,
    pub(super) cni_node_patched: bool,
    /// ipamd has described the trunk ENI (or, before it exists, last polled for it).
    pub(super) trunk_seen: bool,
    pub(super) next_eni: u32,
    pub(super) rng: Option<Rng>,
    pub(super) pods: Vec<PodAddr>,
    pub(super) waiting: i64,
    /// Pods that got an IP in the current pass.
    pub(super) placed: i64,
    /// Pods arrived, left or got an IP, or the trunk appeared, in the current pass.
    pub(super) changed: bool,
    pub(super) warnings: Vec<Warning>,
    pub(super) snapshots: Snapshots,
    pub(super) detail: Detail,
    /// ENI names by id (`eni_name`).
    names: Vec<String>,
    /// `0, 1, 2, …` for as many ENIs as the node ever had: tight packing's ENI order (`tight_order`).
    tight: Vec<usize>,
}

impl<'a> Ipamd<'a> {
    pub(super) fn new(
        instance: &'a InstanceTypeLimits,
        cfg: &'a CniConfig,
        max_pods: i64,
        seed: Option<u64>,
        detail: Detail,
    ) -> Self {
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
            detail,
            names: Vec::new(),
            tight: Vec::new(),
        }
    }

    pub(super) fn desired(&self) -> i64 {
        self.pods.len() as i64 + self.waiting
    }

    /// Every ENI in attach order (tight packing's walk), allocating nothing.
    pub(super) fn tight_order(&self) -> &[usize] {
        &self.tight[..self.ds.enis.len()]
    }

    /// ENIs newest first (tight) or shuffled (random): for releasing IPs, prefixes and ENIs.
    pub(super) fn release_order(&mut self, n: usize) -> Vec<usize> {
        let mut v: Vec<usize> = (0..n).rev().collect();
        if let Some(rng) = &mut self.rng {
            rng.shuffle(&mut v);
        }
        v
    }

    pub(super) fn new_eni(&mut self, is_primary: bool, is_trunk: bool) -> usize {
        let id = self.next_eni;
        self.next_eni += 1;
        self.ds.add_eni(id, is_primary, is_trunk, false, self.now);
        let idx = self.ds.enis.len() - 1;
        if self.tight.len() <= idx {
            self.tight.push(idx);
        }
        idx
    }

    /// `eni-{id}`, formatted once per ENI.
    pub(super) fn eni_name(&mut self, idx: usize) -> String {
        let id = self.ds.enis[idx].id as usize;
        if self.names.len() <= id {
            self.names.extend((self.names.len()..=id).map(|i| format!("eni-{i}")));
        }
        self.names[id].clone()
    }

    /// Whether the trace records text (`Detail::Full`).
    pub(super) fn tells(&self) -> bool {
        self.detail == Detail::Full
    }

    /// `write(eni)` formatted when read for a call on ENI `eni`; under `Detail::Summary` the empty text,
    /// without even a copy of the name.
    pub(super) fn text_on(&self, eni: &str, write: impl Fn(&str) -> String + Send + Sync + 'static) -> Text {
        if !self.tells() {
            return Text::default();
        }
        let eni = eni.to_string();
        Text::later(move || write(&eni))
    }

    /// `write()` formatted when read, or the empty text under `Detail::Summary`. `write` owns copies of
    /// its numbers.
    pub(super) fn text(&self, write: impl Fn() -> String + Send + Sync + 'static) -> Text {
        Text::later_if(self.tells(), write)
    }

    /// The picture of every ENI (a blank one each under `Detail::Summary`).
    pub(super) fn pictures(&mut self) -> Vec<std::sync::Arc<trace::EniView>> {
        if self.tells() {
            self.snapshots.take(&self.ds, self.now, self.cfg.use_custom_networking)
        } else {
            self.snapshots.blanks(self.ds.enis.len())
        }
    }

    /// The step for the pass just run, its ENIs not yet drawn (`pictures`): a pass folded into the step
    /// before it may not need them.
    pub(super) fn step(&mut self, events: Vec<Text>, decision: Decision, actions: Vec<Action>) -> Step {
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
            enis: Vec::new(),
        }
    }

    /// One 5 s pass, or `passes` of them that only repeat `last` (`passes_that_only_repeat`): pod events,
    /// then `updateIPPoolIfRequired`. `None` when the pass only repeated `last` and its numbers were folded
    /// into it (`fold_into`), as `Trace::push_pass` would have folded it; else the pass's step.
    pub(super) fn pass(
        &mut self,
        target: i64,
        arrival: Arrival,
        last: &mut Step,
        pending: i64,
        passes: u32,
    ) -> Option<Step> {
        let events = self.pod_events(target, arrival, passes);
        let (decision, actions) = self.decide();
        let mut step = self.step(events, decision, actions);
        step.passes = passes;
        step.pods.pending = pending;
        (!self.fold_into(last, &step, target)).then_some(step)
    }

    /// The pod events of `passes` passes and the pods that got an IP: the event texts of one of them (a
    /// ramp brings or takes one pod a pass).
    fn pod_events(&mut self, target: i64, arrival: Arrival, passes: u32) -> Vec<Text> {
        self.pass_no += passes;
        self.now = i64::from(self.pass_no) * POOL_MONITOR_INTERVAL;
        let mut events = Vec::new();
        let tells = self.tells();
        self.changed = false;

        if self.trunk_pending() {
            let idx = self.new_eni(false, true);
            self.changed = true;
            events.extend(tells.then(|| {
                Text::from(format!(
                    "VPC resource controller attaches trunk ENI {} (one ENI slot and one subnet address, no pod IPs)",
                    self.eni_name(idx)
                ))
            }));
        }

        // The events of a ramp (one pod a pass) are fixed strings: no formatting, nothing to free.
        let desired = self.desired();
        let ramp = arrival == Arrival::Ramp;
        // Pods this step brings or takes, and how many of them one pass does.
        let count = |n: i64| if ramp { (i64::from(passes), 1) } else { (n, n) };
        self.changed |= desired != target;
        if desired < target {
            let (n, each) = count(target - desired);
            self.waiting += n;
            events.extend(tells.then(|| match each {
                1 => Text::from("1 pod arrives"),
                n => Text::from(format!("{n} pods arrive at once")),
            }));
        } else if desired > target {
            let (n, each) = count(desired - target);
            self.delete_pods(n, ramp);
            let cooldown = self.cfg.ip_cooldown_period;
            events.extend(tells.then(|| match (each, cooldown >= 0) {
                (1, true) => Text::from(format!("1 pod deleted: its IP cools for {cooldown} s before reuse")),
                (1, false) => Text::from("1 pod deleted: no cooldown (IP_COOLDOWN_PERIOD < 0)"),
                (n, true) => Text::from(format!("{n} pods deleted: its IP cools for {cooldown} s before reuse")),
                (n, false) => Text::from(format!("{n} pods deleted: no cooldown (IP_COOLDOWN_PERIOD < 0)")),
            }));
        }
        let before = self.waiting;
        let placed = self.place_waiting();
        self.placed = placed;
        self.changed |= placed > 0;
        if before > 0 && tells {
            let left = self.waiting;
            events.push(match (placed, left) {
                (1, 0) => Text::from("1 got an IP"),
                (p, 0) => Text::from(format!("{p} got an IP")),
                // No count here: it is in `pods.waiting`, and a run of such passes is stored once.
                (0, _) => Text::from("none got an IP, pods wait: \"failed to assign an IP address to container\""),
                (p, w) => Text::from(format!(
                    "{p} got an IP, {w} waiting: \"failed to assign an IP address to container\""
                )),
            });
        }

        events
    }

    /// `updateIPPoolIfRequired` (IPv6: none) and the trunk ENI check, after the pass's pod events.
    fn decide(&mut self) -> (Decision, Vec<Action>) {
        if self.cfg.enable_ipv6 {
            let decision = Decision {
                kind: DecisionKind::Ipv6,
                text: Text::from(if self.tells() {
                    "IPv6: no warm pool; pods take addresses from the /80"
                } else {
                    ""
                }),
            };
            return (decision, self.check_for_trunk_eni().into_iter().collect());
        }
        let (decision, mut actions) = self.update_ip_pool_if_required();
        actions.extend(self.check_for_trunk_eni());
        (decision, actions)
    }

    pub(super) fn place_waiting(&mut self) -> i64 {
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
        // Tight packing walks ENIs and CIDRs in order: one order for every pod, nothing drawn.
        let n = self.ds.enis.len();
        while self.waiting > 0 {
            let now = self.now;
            let got = match self.rng.take() {
                None => self
                    .ds
                    .assign_pod_ip_in(now, &self.tight[..n], |n, full_below| full_below..n),
                Some(mut rng) => {
                    let eni_order = rng.shuffled(self.ds.enis.len());
                    let got = self.ds.assign_pod_ip(now, &eni_order, |n| rng.shuffled(n));
                    self.rng = Some(rng);
                    got
                }
            };
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
    /// newest first (tight) or at random; `one_a_pass`: each in a pass of its own, the last in this one.
    pub(super) fn delete_pods(&mut self, n: i64, one_a_pass: bool) {
        let from_waiting = n.min(self.waiting);
        self.waiting -= from_waiting;
        for left in (0..n - from_waiting).rev() {
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
                let ago = if one_a_pass { left * POOL_MONITOR_INTERVAL } else { 0 };
                self.ds.unassign(pod, self.now - ago);
            }
        }
    }

    /// CNINode was patched and the VPC resource controller will attach a trunk ENI at the next pass, in a
    /// free slot of the default network card (IPv6 skips ipamd's own slot check, so `MAX_ENI` does not
    /// stop it; the card's ENI limit does).
    pub(super) fn trunk_pending(&self) -> bool {
        self.cni_node_patched
            && !self.ds.has_trunk()
            && self.instance.is_trunking_compatible()
            && (self.ds.enis.len() as u64) < u64::from(self.instance.eni_limit)
    }

    /// ipamd waits for a trunk ENI that will never be attached (IPv6 polls for it every 5 s forever).
    pub(super) fn trunk_never_comes(&self) -> bool {
        self.cfg.enable_ipv6 && self.cfg.enable_pod_eni && !self.ds.has_trunk() && !self.trunk_pending()
    }

    pub(super) fn trunk_never_comes_warning(&self) -> Warning {
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
}
