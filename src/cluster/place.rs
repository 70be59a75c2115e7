//! Placement, the rule: a group's nodes go round-robin over its AZs in the order given, starting
//! with the first; within an AZ, round-robin over that AZ's node subnets in the spec's order. The rule is
//! blind to fullness (as an Auto Scaling group is blind to a subnet's free addresses): a full subnet keeps
//! getting its turn, and its nodes are the ones that fail. Under custom networking every node of an AZ draws
//! its pods' addresses from that AZ's one pod subnet (ENIConfig).

use super::report::SubnetRole;
use super::resolve::Subnet;

/// Where one group's nodes meet one subnet: closed-form counts for any node count.
#[derive(Debug, Clone, Copy)]
pub(super) struct Slot {
    /// The subnet's AZ is the group's `az`-th of `azs`; `None`: the group has no node there.
    az: Option<(u64, u64)>,
    /// The subnet is the AZ's `l`-th node subnet of `m` (a pod subnet: `(0, 1)`, every node of the AZ).
    turn: (u64, u64),
}

impl Slot {
    /// Each subnet's turn within its AZ: the AZ's `l`-th node subnet of `m` (a pod subnet: `(0, 1)`,
    /// every node of the AZ). The same for every group, so computed once.
    pub fn turns(subnets: &[Subnet]) -> Vec<(u64, u64)> {
        let mut seen: Vec<(&str, u64)> = Vec::new();
        let mut index_in_az = Vec::with_capacity(subnets.len());
        for s in subnets {
            if s.role == SubnetRole::Pod {
                index_in_az.push(0);
                continue;
            }
            match seen.iter_mut().find(|(az, _)| *az == s.az) {
                Some((_, n)) => {
                    index_in_az.push(*n);
                    *n += 1;
                }
                None => {
                    index_in_az.push(0);
                    seen.push((&s.az, 1));
                }
            }
        }
        subnets
            .iter()
            .zip(index_in_az)
            .map(|(s, l)| match s.role {
                SubnetRole::Pod => (0, 1),
                SubnetRole::Node => (l, seen.iter().find(|(az, _)| *az == s.az).map_or(1, |&(_, m)| m)),
            })
            .collect()
    }

    /// The slot of a group running in `group_azs` in a subnet of `az` whose turn is `turn` (`turns`).
    pub fn new(group_azs: &[String], az: &str, turn: (u64, u64)) -> Slot {
        let az = group_azs
            .iter()
            .position(|a| a == az)
            .map(|j| (j as u64, group_azs.len() as u64));
        Slot { az, turn }
    }

    /// Whether any of the group's nodes can land here.
    pub fn reaches(self) -> bool {
        self.az.is_some()
    }

    /// How many of the group's first `n` nodes land here.
    pub fn nodes(self, n: u32) -> u64 {
        let Some((j, k)) = self.az else { return 0 };
        let in_az = share(u64::from(n), j, k);
        let (l, m) = self.turn;
        share(in_az, l, m)
    }
}

/// Of `n` items dealt round-robin to `k` places starting with place 0, how many place `j` gets.
fn share(n: u64, j: u64, k: u64) -> u64 {
    n / k + u64::from(j < n % k)
}
