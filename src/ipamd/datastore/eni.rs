//! What the datastore holds per ENI (`ENI`, `CidrInfo`, `AddressInfo` in `data_store.go`): its /32 or /28
//! CIDRs, each address's state, and the running counts that let a pass skip a full ENI.

use super::MIN_ENI_LIFETIME;
use std::collections::VecDeque;

/// One address: held by a pod, or free since `unassigned_at` (never assigned: `None`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Addr {
    pub assigned: bool,
    pub unassigned_at: Option<i64>,
}

impl Addr {
    /// `inCoolingPeriod`: free, and released at most `cooldown` seconds ago (`time.Since(t) <= period`).
    pub fn is_cooling(&self, now: i64, cooldown: i64) -> bool {
        !self.assigned && self.unassigned_at.is_some_and(|u| now - u <= cooldown)
    }
}

/// A secondary /32 (one address) or a /28 prefix (16 addresses).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cidr {
    pub id: u32,
    pub is_prefix: bool,
    /// A /32's address, held in place: no allocation for each of the hundreds of secondary IPs a node gets.
    one: Addr,
    /// A /28's 16 addresses (empty for a /32).
    prefix: Vec<Addr>,
    pub(super) assigned: u32,
    pub(super) last_unassigned_at: Option<i64>,
}

impl Cidr {
    /// A free /32 or /28.
    pub(super) fn new(id: u32, is_prefix: bool, size: usize) -> Cidr {
        Cidr {
            id,
            is_prefix,
            one: Addr::default(),
            prefix: if is_prefix {
                vec![Addr::default(); size]
            } else {
                Vec::new()
            },
            assigned: 0,
            last_unassigned_at: None,
        }
    }

    /// Its addresses, in order.
    pub fn addrs(&self) -> &[Addr] {
        if self.is_prefix {
            &self.prefix
        } else {
            std::slice::from_ref(&self.one)
        }
    }

    pub(super) fn addrs_mut(&mut self) -> &mut [Addr] {
        if self.is_prefix {
            &mut self.prefix
        } else {
            std::slice::from_mut(&mut self.one)
        }
    }

    pub fn size(&self) -> i64 {
        self.addrs().len() as i64
    }

    /// `AssignedIPv4AddressesInCidr`.
    pub fn assigned(&self) -> i64 {
        i64::from(self.assigned)
    }

    /// Addresses released within the cooldown (`inCoolingPeriod`: `time.Since(unassigned) <= period`).
    pub fn cooling(&self, now: i64, cooldown: i64) -> i64 {
        match self.last_unassigned_at {
            Some(t) if now - t <= cooldown => {
                self.addrs().iter().filter(|a| a.is_cooling(now, cooldown)).count() as i64
            }
            _ => 0,
        }
    }
}

/// An ENI as ipamd tracks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Eni {
    /// Attach order: 0 is the primary ENI.
    pub id: u32,
    pub is_primary: bool,
    pub is_trunk: bool,
    pub is_efa: bool,
    pub created_at: i64,
    pub cidrs: Vec<Cidr>,
    /// IPv6 mode: the ENI holds one /80.
    pub ipv6_prefix: bool,
    /// The ENI's addresses and assigned addresses per CIDR kind (index 0: /32, 1: /28), kept by every
    /// mutation so a full ENI is skipped and its picture drawn without walking its addresses.
    pub counts: Counts,
    /// The newest pod release on this ENI: while it is older than the cooldown, nothing here cools.
    pub last_unassigned_at: Option<i64>,
    /// Bumped by every change to the ENI's CIDRs or addresses, so a picture of it can be reused.
    pub version: u64,
    /// Pod releases on this ENI that may still be cooling, oldest first, so a cooling count walks the
    /// few releases within the cooldown, not every address (see `Eni::cooling`).
    pub(super) releases: VecDeque<Release>,
    /// Every CIDR before this index has all its addresses assigned (kept by assign, release and removal),
    /// so tight packing starts its walk there.
    pub(super) full_below: usize,
}

/// One address released at `at` in CIDR `cidr` of kind `kind` (0: /32, 1: /28).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Release {
    pub(super) at: i64,
    pub(super) cidr: u32,
    pub(super) kind: u8,
}

/// Addresses and assigned addresses per CIDR kind (index 0: /32, 1: /28).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub addresses: [u32; 2],
    pub assigned: [u32; 2],
}

impl Counts {
    pub(super) fn add(&mut self, c: &Cidr, sign: i32) {
        let k = usize::from(c.is_prefix);
        self.addresses[k] = self.addresses[k].wrapping_add_signed(sign * c.addrs().len() as i32);
        self.assigned[k] = self.assigned[k].wrapping_add_signed(sign * c.assigned as i32);
    }
}

impl Eni {
    /// `isTooYoung`: younger than `minENILifeTime`.
    pub fn is_too_young(&self, now: i64) -> bool {
        now - self.created_at < MIN_ENI_LIFETIME
    }

    /// `hasIPInCooling`.
    pub fn has_ip_in_cooling(&self, now: i64, cooldown: i64) -> bool {
        self.may_cool(now, cooldown) && self.cooling_releases(now, cooldown).next().is_some()
    }

    /// Addresses of CIDR kind `kind` (0: /32, 1: /28) cooling at `now` (`inCoolingPeriod`), the same
    /// count as walking every address: an address cooling at `now` was released within the cooldown, and
    /// each release within it is of an address still free (a cooling address is never handed out, and a
    /// removed CIDR takes its releases with it).
    pub fn cooling(&self, now: i64, cooldown: i64, kind: usize) -> i64 {
        if !self.may_cool(now, cooldown) {
            return 0;
        }
        self.cooling_releases(now, cooldown)
            .filter(|r| usize::from(r.kind) == kind)
            .count() as i64
    }

    /// Addresses of either kind cooling at `now`.
    pub fn cooling_any(&self, now: i64, cooldown: i64) -> i64 {
        if !self.may_cool(now, cooldown) {
            return 0;
        }
        self.cooling_releases(now, cooldown).count() as i64
    }

    /// The releases within the cooldown at `now` (`now − at ≤ cooldown`).
    fn cooling_releases(&self, now: i64, cooldown: i64) -> impl Iterator<Item = &Release> {
        let first = self.releases.partition_point(|r| now - r.at > cooldown);
        self.releases.range(first..)
    }

    /// Records a release at `now`, forgetting those that can no longer cool (`now` only grows).
    pub(super) fn released(&mut self, now: i64, cooldown: i64, cidr: u32, kind: usize) {
        while self.releases.front().is_some_and(|r| now - r.at > cooldown) {
            self.releases.pop_front();
        }
        self.releases.push_back(Release {
            at: now,
            cidr,
            kind: kind as u8,
        });
    }

    /// Whether an address of this ENI may be cooling at `now` (a pod left within the cooldown).
    pub fn may_cool(&self, now: i64, cooldown: i64) -> bool {
        self.last_unassigned_at.is_some_and(|t| now - t <= cooldown)
    }

    /// `hasPods`.
    pub fn has_pods(&self) -> bool {
        self.counts.assigned != [0, 0]
    }
}
