//! The node's datastore: ENIs, their /32 or /28 CIDRs, and which addresses pods hold or are cooling.
//! Mirrors `pkg/ipamd/datastore/data_store.go`. Walk orders are passed in, so the caller decides whether
//! Go's random map order or tight packing applies.

mod eni;

pub use eni::{Addr, Cidr, Counts, Eni};

use crate::subnet::{div_ceil, IPS_PER_PREFIX};

/// Seconds before a new ENI may be freed (`minENILifeTime`).
pub const MIN_ENI_LIFETIME: i64 = 60;

/// `DataStoreStats` from `GetIPStats`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct DataStoreStats {
    pub total_ips: i64,
    pub assigned_ips: i64,
    pub cooldown_ips: i64,
    pub total_prefixes: i64,
}

impl DataStoreStats {
    /// `AvailableAddresses`: total − assigned. Cooling addresses count as available.
    pub fn available_addresses(&self) -> i64 {
        self.total_ips - self.assigned_ips
    }
}

/// Where a pod's address lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PodAddr {
    pub eni: u32,
    pub cidr: u32,
    pub addr: u8,
}

/// The datastore of network card 0.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataStore {
    pub enis: Vec<Eni>,
    pub is_pd_enabled: bool,
    /// `IP_COOLDOWN_PERIOD` in seconds.
    pub cooldown: i64,
    next_cidr: u32,
    /// IPv6: pods on the primary ENI's /80.
    pub ipv6_assigned: i64,
    totals: Totals,
    /// The newest pod release anywhere; while it is older than the cooldown no address can be cooling,
    /// and the statistics skip the scan.
    last_unassigned_at: Option<i64>,
}

/// Running totals per CIDR kind (index 0: /32, 1: /28), kept by every mutation so the statistics ipamd
/// reads each pass cost O(ENIs), not O(addresses), outside cooldowns. Debug builds recount and compare on
/// every read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Totals {
    addresses: [i64; 2],
    assigned: [i64; 2],
    cidrs: [i64; 2],
    free_cidrs: [i64; 2],
}

impl Totals {
    fn add(&mut self, c: &Cidr, sign: i64) {
        let k = usize::from(c.is_prefix);
        self.addresses[k] += sign * c.size();
        self.assigned[k] += sign * c.assigned();
        self.cidrs[k] += sign;
        self.free_cidrs[k] += sign * i64::from(c.assigned == 0);
    }
}

impl DataStore {
    pub fn new(is_pd_enabled: bool, cooldown: i64) -> DataStore {
        DataStore {
            enis: Vec::new(),
            is_pd_enabled,
            cooldown,
            next_cidr: 0,
            ipv6_assigned: 0,
            totals: Totals::default(),
            last_unassigned_at: None,
        }
    }

    /// `AddENI`.
    pub fn add_eni(&mut self, id: u32, is_primary: bool, is_trunk: bool, is_efa: bool, now: i64) {
        self.enis.push(Eni {
            id,
            is_primary,
            is_trunk,
            is_efa,
            created_at: now,
            cidrs: Vec::new(),
            ipv6_prefix: false,
            counts: Counts::default(),
            last_unassigned_at: None,
            version: 0,
            releases: Default::default(),
            full_below: 0,
        });
    }

    pub fn eni_index(&self, id: u32) -> Option<usize> {
        self.enis.iter().position(|e| e.id == id)
    }

    /// `AddIPv4CidrToStore`, `n` times: `n` secondary /32s, or `n` /28 prefixes.
    pub fn add_cidrs(&mut self, eni_idx: usize, n: i64, is_prefix: bool) {
        let size = if is_prefix { IPS_PER_PREFIX as usize } else { 1 };
        self.enis[eni_idx].cidrs.reserve(usize::try_from(n).unwrap_or(0));
        for _ in 0..n.max(0) {
            let id = self.next_cidr;
            self.next_cidr += 1;
            let c = Cidr::new(id, is_prefix, size);
            self.totals.add(&c, 1);
            self.enis[eni_idx].counts.add(&c, 1);
            self.enis[eni_idx].version += 1;
            self.enis[eni_idx].cidrs.push(c);
        }
    }

    /// `GetTrunkENI` is set.
    pub fn has_trunk(&self) -> bool {
        self.enis.iter().any(|e| e.is_trunk)
    }

    /// `GetIPStats(ipV4AddrFamily)`: only CIDRs of the current mode count.
    pub fn get_ip_stats(&self, now: i64) -> DataStoreStats {
        #[cfg(debug_assertions)]
        self.check_totals(now);
        let k = usize::from(self.is_pd_enabled);
        let v6 = self.enis.iter().filter(|e| e.ipv6_prefix).count() as i64;
        let cooldown_ips = if self.last_unassigned_at.is_some_and(|t| now - t <= self.cooldown) {
            self.enis.iter().map(|e| e.cooling(now, self.cooldown, k)).sum()
        } else {
            0
        };
        DataStoreStats {
            total_ips: self.totals.addresses[k] + (v6 << 48),
            assigned_ips: self.totals.assigned[k] + self.ipv6_assigned,
            cooldown_ips,
            total_prefixes: self.totals.cidrs[1] + v6,
        }
    }

    /// Recounts the running totals and the cooling addresses from the ENIs (debug builds, on every
    /// statistics read).
    #[cfg(debug_assertions)]
    fn check_totals(&self, now: i64) {
        let mut t = Totals::default();
        for e in &self.enis {
            let mut counts = Counts::default();
            for c in &e.cidrs {
                t.add(c, 1);
                counts.add(c, 1);
            }
            debug_assert_eq!(counts, e.counts, "ENI counts drifted");
            debug_assert!(e.cidrs[..e.full_below.min(e.cidrs.len())]
                .iter()
                .all(|c| c.assigned as usize == c.addrs().len()));
            for kind in [false, true] {
                let walked: i64 = e
                    .cidrs
                    .iter()
                    .filter(|c| c.is_prefix == kind)
                    .map(|c| c.cooling(now, self.cooldown))
                    .sum();
                debug_assert_eq!(
                    walked,
                    e.cooling(now, self.cooldown, usize::from(kind)),
                    "cooling drifted"
                );
            }
        }
        debug_assert_eq!(t, self.totals, "datastore running totals drifted");
    }

    /// `GetFreePrefixes`: /28s with no assigned address, on every ENI.
    pub fn get_free_prefixes(&self) -> i64 {
        self.totals.free_cidrs[1]
    }

    /// `GetAllocatableENIs`: not trunk, not the primary under custom networking, fewer than `max_entries`
    /// CIDRs. Indices in the order given.
    pub fn get_allocatable_enis(&self, order: &[usize], max_entries: i64, skip_primary: bool) -> Vec<usize> {
        order
            .iter()
            .copied()
            .filter(|&i| self.is_allocatable(i, max_entries, skip_primary))
            .collect()
    }

    /// Whether `GetAllocatableENIs` lists ENI `i`.
    pub fn is_allocatable(&self, i: usize, max_entries: i64, skip_primary: bool) -> bool {
        let e = &self.enis[i];
        let skipped = e.is_trunk || (skip_primary && e.is_primary);
        !skipped && (e.cidrs.len() as i64) < max_entries
    }

    /// `AssignPodIPv4Address` / `getUnusedIP`: the first address that is neither assigned nor cooling,
    /// walking ENIs in `eni_order` and each ENI's CIDRs in the order `cidr_order` gives.
    pub fn assign_pod_ip(
        &mut self,
        now: i64,
        eni_order: &[usize],
        cidr_order: impl FnMut(usize) -> Vec<usize>,
    ) -> Option<PodAddr> {
        let mut cidr_order = cidr_order;
        self.assign_pod_ip_in(now, eni_order, |n, _| cidr_order(n))
    }

    /// `assign_pod_ip` with any iterable CIDR order, which also gets the ENI's `full_below` (its CIDRs
    /// before that index are full): tight packing walks `full_below..n`, not every CIDR, and allocates nothing.
    pub(in crate::ipamd) fn assign_pod_ip_in<I: IntoIterator<Item = usize>>(
        &mut self,
        now: i64,
        eni_order: &[usize],
        mut cidr_order: impl FnMut(usize, usize) -> I,
    ) -> Option<PodAddr> {
        let cooldown = self.cooldown;
        let k = usize::from(self.is_pd_enabled);
        for &ei in eni_order {
            let counts = self.enis[ei].counts;
            if counts.assigned[k] == counts.addresses[k] {
                continue;
            }
            for ci in cidr_order(self.enis[ei].cidrs.len(), self.enis[ei].full_below) {
                let eni_id = self.enis[ei].id;
                let c = &mut self.enis[ei].cidrs[ci];
                if c.is_prefix != self.is_pd_enabled || c.assigned as usize == c.addrs().len() {
                    continue;
                }
                let free = c
                    .addrs()
                    .iter()
                    .position(|a| !a.assigned && !a.is_cooling(now, cooldown));
                if let Some(ai) = free {
                    let k = usize::from(c.is_prefix);
                    self.totals.assigned[k] += 1;
                    self.totals.free_cidrs[k] -= i64::from(c.assigned == 0);
                    c.addrs_mut()[ai].assigned = true;
                    c.assigned += 1;
                    let (cidr, full) = (c.id, c.assigned as usize == c.addrs().len());
                    let eni = &mut self.enis[ei];
                    eni.counts.assigned[k] += 1;
                    eni.version += 1;
                    if full && ci == eni.full_below {
                        eni.full_below += 1;
                        while eni
                            .cidrs
                            .get(eni.full_below)
                            .is_some_and(|c| c.assigned as usize == c.addrs().len())
                        {
                            eni.full_below += 1;
                        }
                    }
                    return Some(PodAddr {
                        eni: eni_id,
                        cidr,
                        addr: ai as u8,
                    });
                }
            }
        }
        None
    }

    /// `UnassignPodIPAddress`: the address starts its cooldown.
    pub fn unassign(&mut self, pod: PodAddr, now: i64) {
        let Some(ei) = self.eni_index(pod.eni) else {
            return;
        };
        let eni = &mut self.enis[ei];
        let Some(ci) = eni.cidrs.iter().position(|c| c.id == pod.cidr) else {
            return;
        };
        eni.full_below = eni.full_below.min(ci);
        if let Some(c) = eni.cidrs.get_mut(ci) {
            if let Some(a) = c.addrs_mut().get_mut(usize::from(pod.addr)) {
                if a.assigned {
                    a.assigned = false;
                    a.unassigned_at = Some(now);
                    c.assigned -= 1;
                    c.last_unassigned_at = Some(now);
                    self.last_unassigned_at = Some(now);
                    let (k, cidr, freed) = (usize::from(c.is_prefix), c.id, c.assigned == 0);
                    eni.counts.assigned[k] -= 1;
                    eni.released(now, self.cooldown, cidr, k);
                    eni.last_unassigned_at = Some(now);
                    eni.version += 1;
                    self.totals.assigned[k] -= 1;
                    self.totals.free_cidrs[k] += i64::from(freed);
                }
            }
        }
    }

    /// `FindFreeableCidrs`: CIDRs of the current mode with no assigned address (cooling ones included),
    /// in CIDR order.
    pub fn find_freeable_cidrs(&self, eni_idx: usize) -> Vec<usize> {
        let pd = self.is_pd_enabled;
        (0..self.enis[eni_idx].cidrs.len())
            .filter(|&ci| {
                let c = &self.enis[eni_idx].cidrs[ci];
                c.is_prefix == pd && c.assigned == 0
            })
            .collect()
    }

    /// `DelIPv4CidrFromStore` without force, for the given CIDR indices of one ENI.
    pub fn remove_cidrs(&mut self, eni_idx: usize, cidr_indices: &[usize]) {
        let mut idx = cidr_indices.to_vec();
        // A few CIDRs of one ENI: the short-list sort keeps a sort's code out of the page's wasm.
        crate::order::sort_by(&mut idx, usize::cmp);
        for ci in idx.into_iter().rev() {
            if self.enis[eni_idx].cidrs[ci].assigned == 0 {
                let eni = &mut self.enis[eni_idx];
                let c = eni.cidrs.remove(ci);
                self.totals.add(&c, -1);
                eni.counts.add(&c, -1);
                eni.releases.retain(|r| r.cidr != c.id);
                eni.full_below = eni.full_below.min(ci);
                eni.version += 1;
            }
        }
    }

    /// `isRequiredForWarmIPTarget`: free addresses on the other ENIs fall short of `WARM_IP_TARGET`
    /// (rounded up to whole /28s in prefix mode).
    pub fn is_required_for_warm_ip_target(&self, warm_ip_target: i64, eni_idx: usize) -> bool {
        let (k, own) = (usize::from(self.is_pd_enabled), self.enis[eni_idx].counts);
        let other_warm =
            (self.totals.addresses[k] - self.totals.assigned[k]) - i64::from(own.addresses[k] - own.assigned[k]);
        if self.is_pd_enabled {
            let needed = div_ceil(warm_ip_target, IPS_PER_PREFIX);
            return other_warm < needed.saturating_mul(IPS_PER_PREFIX);
        }
        other_warm < warm_ip_target
    }

    /// `isRequiredForMinimumIPTarget`: total addresses on the other ENIs fall short of `MINIMUM_IP_TARGET`.
    pub fn is_required_for_minimum_ip_target(&self, minimum_ip_target: i64, eni_idx: usize) -> bool {
        let k = usize::from(self.is_pd_enabled);
        let other_total = self.totals.addresses[k] - i64::from(self.enis[eni_idx].counts.addresses[k]);
        if self.is_pd_enabled {
            let needed = div_ceil(minimum_ip_target, IPS_PER_PREFIX);
            return other_total < needed.saturating_mul(IPS_PER_PREFIX);
        }
        other_total < minimum_ip_target
    }

    /// `isRequiredForWarmPrefixTarget`: fully free CIDRs on the other ENIs fall short of `WARM_PREFIX_TARGET`.
    pub fn is_required_for_warm_prefix_target(&self, warm_prefix_target: i64, eni_idx: usize) -> bool {
        let own = self.enis[eni_idx].cidrs.iter().filter(|c| c.assigned == 0).count() as i64;
        let free = self.totals.free_cidrs[0] + self.totals.free_cidrs[1] - own;
        free < warm_prefix_target
    }

    /// `getDeletableENI`: the first ENI in `order` that may be freed (`None`: every ENI must stay).
    pub fn get_deletable_eni(
        &self,
        order: &[usize],
        now: i64,
        warm_ip_target: i64,
        minimum_ip_target: i64,
        warm_prefix_target: i64,
    ) -> Option<usize> {
        order.iter().copied().find(|&i| {
            let e = &self.enis[i];
            !(e.is_primary
                || e.is_too_young(now)
                || e.has_ip_in_cooling(now, self.cooldown)
                || e.has_pods()
                || (warm_ip_target != 0 && self.is_required_for_warm_ip_target(warm_ip_target, i))
                || (minimum_ip_target != 0 && self.is_required_for_minimum_ip_target(minimum_ip_target, i))
                || (self.is_pd_enabled
                    && warm_prefix_target != 0
                    && self.is_required_for_warm_prefix_target(warm_prefix_target, i))
                || e.is_trunk
                || e.is_efa)
        })
    }

    /// `CheckFreeableENIexists`: a non-primary, pod-free, non-trunk, non-EFA ENI.
    pub fn check_freeable_eni_exists(&self) -> bool {
        self.enis
            .iter()
            .any(|e| !e.is_primary && !e.has_pods() && !e.is_trunk && !e.is_efa)
    }

    /// `RemoveENIFromDataStore`.
    pub fn remove_eni(&mut self, eni_idx: usize) -> Eni {
        let eni = self.enis.remove(eni_idx);
        for c in &eni.cidrs {
            self.totals.add(c, -1);
        }
        eni
    }
}
