//! The simulator's output: one `Step` per reconcile pass with what happened to pods, ipamd's decision, the
//! EC2 calls it made, the datastore statistics, and a compact picture of every ENI (counts, not addresses).

use super::datastore::{DataStore, DataStoreStats};

/// What an ENI is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EniRole {
    Primary,
    Secondary,
    Trunk,
}

/// One ENI at one step. `ips` counts secondary /32s; `prefixes` lists each /28 as `[assigned, cooling]`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct EniView {
    pub id: String,
    pub role: EniRole,
    /// Whether the ENI carries pod addresses at all (not the trunk, not the primary under custom networking).
    pub for_pods: bool,
    pub ips: SlotCounts,
    pub prefixes: Vec<[u8; 2]>,
    /// IPv6 mode: the ENI holds a /80.
    pub ipv6_prefix: bool,
}

/// Secondary-IP slots of an ENI, by state; `warm` excludes `cooling`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct SlotCounts {
    pub assigned: u32,
    pub cooling: u32,
    pub warm: u32,
}

/// The unit of an EC2 request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unit {
    Ips,
    Prefixes,
    Ipv6Prefix,
    None,
}

/// One call ipamd (or the VPC resource controller) made.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Action {
    /// The one EC2 API call (or `CNINode update`), e.g. `CreateNetworkInterface`; a new ENI is three actions.
    pub api: &'static str,
    pub eni: String,
    pub count: i64,
    pub unit: Unit,
    /// Whether this call grows the pool (at most one per pass).
    pub allocation: bool,
    /// The call in words.
    pub text: String,
}

/// ipamd's verdict for the pass.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Decision {
    /// `start`, `too-low`, `too-high`, `ok`, `max-pods`, `decrease-wait`, `ipv6`.
    pub kind: &'static str,
    pub text: String,
}

/// Pods at the end of a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct PodCounts {
    /// Pods that hold an IP.
    pub running: i64,
    /// Pods on the node waiting for an IP ("failed to assign an IP address to container").
    pub waiting: i64,
    /// Pods the scheduler cannot bind to the node: kubelet maxPods is full ("Too many pods"). They hold no
    /// IP and ipamd never sees them.
    pub pending: i64,
}

/// Statistics after the step, `DataStoreStats` plus the derived counts the UI shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct StepStats {
    pub total_ips: i64,
    pub assigned_ips: i64,
    pub available_ips: i64,
    pub cooldown_ips: i64,
    pub total_prefixes: i64,
    pub free_prefixes: i64,
}

impl StepStats {
    pub fn new(s: &DataStoreStats, free_prefixes: i64) -> StepStats {
        StepStats {
            total_ips: s.total_ips,
            assigned_ips: s.assigned_ips,
            available_ips: s.available_addresses(),
            cooldown_ips: s.cooldown_ips,
            total_prefixes: s.total_prefixes,
            free_prefixes,
        }
    }
}

/// One reconcile pass (or the node start).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Step {
    /// Seconds since the node started.
    pub time_s: i64,
    /// 0 is node start and pre-scaling; pass k runs at 5k s.
    pub pass: u32,
    /// What happened before the decision: pods arriving, leaving, retrying.
    pub events: Vec<String>,
    pub decision: Decision,
    pub actions: Vec<Action>,
    pub stats: StepStats,
    pub pods: PodCounts,
    pub enis: Vec<EniView>,
}

/// The compact picture of every ENI.
pub fn snapshot(ds: &DataStore, now: i64, custom_networking: bool) -> Vec<EniView> {
    ds.enis
        .iter()
        .map(|e| {
            let mut ips = SlotCounts::default();
            let mut prefixes = Vec::new();
            for c in &e.cidrs {
                let assigned = c.assigned() as u32;
                let cooling = c.cooling(now, ds.cooldown) as u32;
                if c.is_prefix {
                    prefixes.push([assigned as u8, cooling as u8]);
                } else {
                    ips.assigned += assigned;
                    ips.cooling += cooling;
                    ips.warm += c.size() as u32 - assigned - cooling;
                }
            }
            let role = if e.is_primary {
                EniRole::Primary
            } else if e.is_trunk {
                EniRole::Trunk
            } else {
                EniRole::Secondary
            };
            EniView {
                id: format!("eni-{}", e.id),
                role,
                for_pods: !(e.is_trunk || (e.is_primary && custom_networking)),
                ips,
                prefixes,
                ipv6_prefix: e.ipv6_prefix,
            }
        })
        .collect()
}
