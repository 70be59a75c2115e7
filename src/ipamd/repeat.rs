//! Passes that only repeat the one before, and when the run may stop: a pass that changes nothing but
//! the pod count is folded into the last step without building one (`fold_into`), a run of passes in
//! which pods only wait is skipped (`passes_that_only_repeat`, `skip`), and a quiet node ends the phase.

use super::datastore;
use super::node::Ipamd;
use super::pool;
use super::trace::{Api, DecisionKind, Detail, Step};
use super::{Arrival, POOL_MONITOR_INTERVAL};

impl Ipamd<'_> {
    /// How many passes after `step` (ramp arrival, target not reached) would repeat it but for one pod
    /// more or less waiting: pods wait, no call was made, nothing cools, no decrease interval or ENI age
    /// runs out, so ipamd sees the same statistics and decides the same. Pods that arrive beyond what
    /// ipamd can hand out, or waiting pods being deleted, are such runs; they are skipped, not simulated.
    /// Tight packing gives the same trace as running them; with a seed the skipped passes draw no random
    /// numbers, so later random choices differ from a pass-by-pass run (still reproducible per seed).
    pub(super) fn passes_that_only_repeat(&self, step: &Step, target: i64, arrival: Arrival) -> u32 {
        let still_same = arrival == Arrival::Ramp
            && self.waiting > 0
            && self.placed == 0
            && step.actions.is_empty()
            && self.nothing_due(step);
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

    /// Applies `k` passes that only repeat `last` (see `passes_that_only_repeat`).
    pub(super) fn skip(&mut self, k: u32, target: i64, last: &mut Step) {
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
