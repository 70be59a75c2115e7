//! What the datastore holds per ENI (`ENI`, `CidrInfo`, `AddressInfo` in `data_store.go`): its /32 or /28
//! CIDRs, each address's state, and the running counts that let a pass skip a full ENI.

use super::MIN_ENI_LIFETIME;

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
    pub addrs: Vec<Addr>,
    pub(super) assigned: u32,
    pub(super) last_unassigned_at: Option<i64>,
}

impl Cidr {
    pub fn size(&self) -> i64 {
        self.addrs.len() as i64
    }

    /// `AssignedIPv4AddressesInCidr`.
    pub fn assigned(&self) -> i64 {
        i64::from(self.assigned)
    }

    /// Addresses released within the cooldown (`inCoolingPeriod`: `time.Since(unassigned) <= period`).
    pub fn cooling(&self, now: i64, cooldown: i64) -> i64 {
        match self.last_unassigned_at {
            Some(t) if now - t <= cooldown => self.addrs.iter().filter(|a| a.is_cooling(now, cooldown)).count() as i64,
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
        self.addresses[k] = self.addresses[k].wrapping_add_signed(sign * c.addrs.len() as i32);
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
        self.may_cool(now, cooldown) && self.cidrs.iter().any(|c| c.cooling(now, cooldown) > 0)
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
