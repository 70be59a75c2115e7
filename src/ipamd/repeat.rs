//! Passes that only repeat the one before, and when the run may stop: a pass that changes nothing but
//! the pod count is folded into the last step without building one (`fold_into`), a run of passes that
//! would only repeat the last step runs as one (`passes_that_only_repeat`), and a quiet node ends the phase.

use super::datastore::{self, DataStoreStats};
use super::node::Ipamd;
use super::pool;
use super::trace::{Api, DecisionKind, Detail, Step};
use super::Arrival;

impl Ipamd<'_> {
    /// How many passes after `step` (ramp arrival, target not reached) would repeat it but for one pod
    /// more or less: no call is made, and either the pods only wait (they arrive beyond what ipamd can
    /// hand out, or waiting pods are deleted) while nothing cools and no decrease interval or ENI age runs
    /// out, or, under `Detail::Summary` with tight packing, pods arrive and each gets an IP, or running
    /// pods leave, while ipamd decides as in `step` (`pods_that_only_repeat`). They run as one pass
    /// (`Ipamd::pass`) that brings or takes their pods, each leaving pod at its own pass's time. Tight
    /// packing gives the same trace as running them one by one; with a seed a run of waiting passes draws
    /// the random numbers of one pass, so later random choices differ from a pass-by-pass run (still
    /// reproducible per seed).
    pub(super) fn passes_that_only_repeat(&self, step: &Step, target: i64, arrival: Arrival) -> u32 {
        if arrival != Arrival::Ramp || !step.actions.is_empty() {
            return 0;
        }
        let desired = self.desired();
        // Arriving pods all wait; leaving pods come from the waiting ones, keeping at least one waiting.
        let ahead = if self.waiting > 0 {
            if self.placed > 0 || !self.nothing_due(step) {
                0
            } else if desired < target {
                target - desired - 1
            } else {
                (desired - target).min(self.waiting) - 1
            }
        } else if self.rng.is_none() && self.detail == Detail::Summary {
            self.pods_that_only_repeat(step, target - desired)
        } else {
            0
        };
        u32::try_from(ahead.max(0)).unwrap_or(u32::MAX)
    }

    /// Of the next `change.abs() − 1` passes, each bringing a pod that gets an IP (`change` > 0) or taking
    /// the newest pod away (< 0), how many in a row ipamd would decide as in `step`, a pass with no call.
    /// Only the assigned count moves, so every verdict moves one way and the run is a bisection: as pods
    /// arrive too low only turns on; too high, `shouldRemoveExtraENIs` and a freeable or deletable ENI only
    /// turn off (nothing being due: no address cools, so every available one is handed out in the same
    /// order in one go, and no ENI would be freed even once old enough). As pods leave, too low only turns
    /// off and too high and `shouldRemoveExtraENIs` only on; cooling addresses count as available, so
    /// only an ENI's deletability reads them, and no ENI is deleted while every one that could be has a pod
    /// (`departures_before_an_eni_empties`). In prefix mode a leaving pod may leave its /28 with no pod,
    /// one more free prefix for the verdicts (`prefixes_freed_by_departures`), which only turns too high on.
    fn pods_that_only_repeat(&self, step: &Step, change: i64) -> i64 {
        let kind = step.decision.kind;
        let arriving = change > 0;
        let pd = self.cfg.enable_prefix_delegation;
        let due = if arriving {
            !self.nothing_due(step)
        } else {
            self.trunk_pending() || kind == DecisionKind::DecreaseWait
        };
        if due || kind == DecisionKind::TooHigh {
            return 0;
        }
        let room = change.abs() - 1;
        if kind == DecisionKind::Ipv6 {
            return room;
        }
        let stats = self.ds.get_ip_stats(self.now);
        // Arriving pods take at most the free addresses (the verdicts end the run there anyway).
        let (hi, emptied, freed) = if arriving {
            (room.min(stats.available_addresses()), i64::MAX, Vec::new())
        } else {
            let freed = if pd {
                self.prefixes_freed_by_departures(room)
            } else {
                Vec::new()
            };
            let hi = if pd { freed.len() as i64 - 1 } else { room };
            (hi, self.departures_before_an_eni_empties(), freed)
        };
        let low = kind == DecisionKind::TooLow;
        let alike = |j: i64| {
            let after = DataStoreStats {
                assigned_ips: stats.assigned_ips + j * change.signum(),
                ..stats
            };
            let cfg = self.cfg;
            let fp = self.ds.get_free_prefixes() + freed.get(j as usize).copied().unwrap_or(0);
            let too_low = pool::pool_too_low(cfg, &self.lim, &after, fp, false).yes;
            too_low == low
                && (too_low || !pool::pool_too_high(cfg, &after, fp, false).yes)
                // In prefix mode a pod-free ENI makes `shouldRemoveExtraENIs` true: taken as so.
                && (j <= emptied || !pool::should_remove_extra_enis(cfg, &self.lim, &after, pd))
        };
        let (mut lo, mut hi) = (0, hi);
        while lo < hi {
            let mid = hi - (hi - lo) / 2;
            if alike(mid) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        lo
    }

    /// How many pods can surely leave before an ENI that `getDeletableENI` could pick has none: one fewer
    /// than the fewest pods on any ENI but the primary, trunk and EFA ones and those `MINIMUM_IP_TARGET`
    /// needs (which stay needed while no address is added or removed; counting them keeps the advisor's
    /// MINIMUM_IP_TARGET-at-the-pod-count fix from running its scale-down pass by pass).
    fn departures_before_an_eni_empties(&self) -> i64 {
        let mit = self.cfg.minimum_ip_target;
        (0..self.ds.enis.len())
            .filter(|&i| {
                let e = &self.ds.enis[i];
                !(e.is_primary
                    || e.is_trunk
                    || e.is_efa
                    || (mit != 0 && self.ds.is_required_for_minimum_ip_target(mit, i)))
            })
            .map(|i| {
                let pods = self.ds.enis[i].counts.assigned;
                i64::from(pods[0] + pods[1]) - 1
            })
            .min()
            .unwrap_or(i64::MAX)
    }

    /// For `j` = 0, 1, …, up to `n`: how many /28s the first `j` pods to leave (newest first) leave with
    /// no pod, each one more free prefix.
    fn prefixes_freed_by_departures(&self, n: i64) -> Vec<i64> {
        let cidrs = || self.ds.enis.iter().flat_map(|e| &e.cidrs);
        let mut pods_on = vec![0; cidrs().map(|c| c.id as usize + 1).max().unwrap_or(0)];
        for c in cidrs() {
            pods_on[c.id as usize] = c.assigned();
        }
        let n = usize::try_from(n).unwrap_or(0).min(self.pods.len());
        let mut freed = Vec::with_capacity(n + 1);
        freed.push(0);
        for pod in self.pods.iter().rev().take(n) {
            let Some(left) = pods_on.get_mut(pod.cidr as usize) else {
                break;
            };
            *left -= 1;
            freed.push(freed[freed.len() - 1] + i64::from(*left == 0));
        }
        freed
    }

    /// Folds `next`, the step of the pass just run, into `last` when it only repeats it
    /// (`Step::is_repeated_by`), as `Trace::push_pass` would, keeping only its numbers: true then. Only
    /// where the numbers are all a step keeps (`Detail::Summary`: no event or decision has text, and no
    /// ENI is drawn), and only while no pod waits and the target is not reached (the loop's checks on
    /// waiting pods and on settling run on every pass that has them).
    pub(super) fn fold_into(&self, last: &mut Step, next: &Step, target: i64) -> bool {
        let fold = self.detail == Detail::Summary
            && next.pods.waiting == 0
            && self.desired() != target
            && last.is_repeated_by(next, self.ds.enis.len());
        if fold {
            last.time_s = next.time_s;
            last.pass = next.pass;
            last.passes += next.passes;
            last.stats = next.stats;
            last.pods = next.pods;
        }
        fold
    }

    /// Nothing can change any more without a new pod event. A trunk poll that never ends is the steady state.
    pub(super) fn is_quiet(&self, step: &Step) -> bool {
        let never = self.trunk_never_comes();
        step.actions
            .iter()
            .all(|a| never && a.api == Api::DescribeNetworkInterfaces)
            && !self.changed
            && self.nothing_due(step)
    }

    /// Nothing falls due with time alone after `step`: no decrease waits out its interval, no address
    /// cools, no trunk ENI is about to be attached, and no ENI would be freed once old enough.
    fn nothing_due(&self, step: &Step) -> bool {
        step.decision.kind != DecisionKind::DecreaseWait
            && step.stats.cooldown_ips == 0
            && !self.trunk_pending()
            && !self.an_eni_frees_once_old_enough()
    }

    /// Whether `tryFreeENI` would free an ENI once every ENI is past `minENILifeTime` (nothing else
    /// changing), so the model must keep running to show it.
    pub(super) fn an_eni_frees_once_old_enough(&self) -> bool {
        let later = self.now + datastore::MIN_ENI_LIFETIME;
        let stats = self.ds.get_ip_stats(later);
        pool::should_remove_extra_enis(self.cfg, &self.lim, &stats, self.ds.check_freeable_eni_exists())
            && self
                .ds
                .get_deletable_eni(
                    self.tight_order(),
                    later,
                    self.cfg.warm_ip_target,
                    self.cfg.minimum_ip_target,
                    self.cfg.warm_prefix_target,
                )
                .is_some()
    }
}
